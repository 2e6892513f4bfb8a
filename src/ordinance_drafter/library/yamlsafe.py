"""YAML as a user writes it, read strictly: PyYAML's safe loader, and three checks more.

* **Duplicate keys** are refused. YAML keeps the last of two equal keys in silence, so a
  name or a provision given twice would lose one of them without a word; the problem names
  the key and both lines.
* **A value that cannot be built** (an impossible date such as ``2026-02-30``, a number too
  long for Python to convert) is a problem at its line and field, not a ``ValueError``.
* **Size and depth** are checked once the data is built and before anything else sees it:
  at most :data:`MAX_VALUES` values and :data:`MAX_TEXT` characters of text, counting each
  use of an alias (``*a``) as a copy (that is what every later step would walk, copy or
  print), and at most :data:`MAX_DEPTH` levels. An alias bomb or a self-referring alias is
  then one message, whatever it would have grown to.

Everything here raises :class:`YAMLProblem` (or PyYAML's own ``YAMLError``); the caller,
:func:`ordinance_drafter.library.yamlio.parse_yaml`, names the file.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import describe_value

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is much faster

#: The most values one YAML document may hold, aliases counted at each use. The largest
#: file of the built-in library holds under 200; an answers file, a few dozen.
MAX_VALUES = 100_000
#: The most characters of text (keys and values, aliases counted at each use).
MAX_TEXT = 32_000_000
#: The most levels of nesting. The built-in library nests 6 deep; answers files 5.
MAX_DEPTH = 40

_MERGE = "tag:yaml.org,2002:merge"


class YAMLProblem(Exception):
    """A problem in YAML text, with where it is.

    Attributes:
        problem: What is wrong, as the end of a sentence.
        line: The 1-based line, if known.
        column: The 1-based column, if known.
        field: The field's dotted path (``document.draft_date``), if known.
    """

    def __init__(
        self, problem: str, line: int | None = None, column: int | None = None, field: str = ""
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column
        self.field = field


class _Failed(Exception):
    """Inside the loader: the value of ``node`` could not be built (or, with ``mapping``,
    ``node`` is a key given twice in that mapping)."""

    def __init__(self, node: Node, problem: str, mapping: Node | None = None) -> None:
        super().__init__(problem)
        self.node = node
        self.problem = problem
        self.mapping = mapping


class StrictLoader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader that refuses duplicate keys and reports values it cannot build."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (yaml.YAMLError, _Failed, RecursionError):
            raise
        except Exception as exc:  # ValueError, OverflowError ... from a constructor
            raise _Failed(node, _why(node, exc)) from None

    def construct_mapping(self, node: Node, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            self._refuse_duplicates(node)
        return super().construct_mapping(node, deep=deep)

    def _refuse_duplicates(self, node: MappingNode) -> None:
        seen: dict[Any, Node] = {}
        start, end = node.start_mark.index, node.end_mark.index
        for key_node, _value in node.value:
            # Keys merged in with "<<: *anchor" come from elsewhere and may be overridden.
            if key_node.tag == _MERGE or not start <= key_node.start_mark.index < end:
                continue
            if not isinstance(key_node, ScalarNode):
                continue  # a list or mapping as a key: PyYAML refuses it itself
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue
            if first is not None:
                a, b = first.start_mark, key_node.start_mark
                where = (
                    f"on line {a.line + 1} and again on line {b.line + 1}"
                    if a.line != b.line
                    else f"on line {a.line + 1}, at columns {a.column + 1} and {b.column + 1}"
                )
                raise _Failed(
                    key_node,
                    f"the key {describe_value(key)}{{owner}} is given twice, {where}. YAML "
                    "would keep only the last one and drop the other without a word; keep one "
                    "of them",
                    mapping=node,
                )
            seen[key] = key_node


def _why(node: Node, exc: Exception) -> str:
    """What is wrong with a scalar that PyYAML could not turn into a value."""
    raw = str(getattr(node, "value", ""))
    text = raw if len(raw) <= 40 else f"{raw[:24]}...{raw[-12:]}"
    tag = str(node.tag).rsplit(":", 1)[-1]
    if tag == "timestamp":
        return (
            f"{text} is not a date that exists ({exc}). Write a real date as YYYY-MM-DD, "
            "e.g. 2026-11-25, or put the value in quotes if it is meant as text"
        )
    if tag in ("int", "float") and isinstance(node.value, str):
        digits = sum(ch.isdigit() for ch in node.value)
        return (
            f"the number {text} has {digits:,} digits, more than a number can have here. "
            "No answer needs a number that long; put the value in quotes if it is meant as text"
        )
    return f"the value {text} cannot be read as YAML {tag} ({type(exc).__name__}: {exc})"


def load(text: str) -> Any:
    """Parse one YAML document strictly and check its size (see the module's notes).

    Raises:
        YAMLProblem: A duplicate key, a value that cannot be built, or data too large or too
            deep; with the line and field where known.
        yaml.YAMLError: The text is not valid YAML (PyYAML's own message and position).
    """
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        try:
            data = loader.construct_document(root)
        except _Failed as exc:
            mark = exc.node.start_mark
            if exc.mapping is None:
                field, problem = _field_of(root, exc.node), exc.problem
            else:  # a duplicate key: say whose key it is
                owner = _field_of(root, exc.mapping)
                field, problem = (
                    "",
                    exc.problem.replace("{owner}", f" of '{owner}'" if owner else ""),
                )
            raise YAMLProblem(problem, mark.line + 1, mark.column + 1, field) from None
    finally:
        loader.dispose()
    check_bounds(data)
    return data


def _field_of(root: Node, target: Node) -> str:
    """The dotted path from ``root`` to ``target`` in a composed YAML document (or "")."""
    stack: list[tuple[Node, tuple[Any, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else "?"
                if key_node is target:  # a duplicate key: the field it names
                    return field_path((*path, key))
                stack.append((value_node, (*path, key)))
        elif isinstance(node, SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
        if node is target:
            return field_path(path)
    return ""


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """A location as ``jurisdiction.kind`` or ``values.items[2]`` ("" for the top level)."""
    out = ""
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            name = part if isinstance(part, str) else describe_value(part, 40)
            out += ("." if out else "") + (name if len(name) <= 60 else name[:57] + "...")
    return out


def check_bounds(data: Any) -> None:
    """Refuse data with more than :data:`MAX_VALUES` values, :data:`MAX_TEXT` characters
    of text or :data:`MAX_DEPTH` levels, counting each use of a shared value. Stops as soon
    as a limit is passed, so it costs no more than the limits, whatever the data.

    Raises:
        YAMLProblem: A limit is passed; ``field`` names the field that holds the excess.
    """
    count = 0
    text = 0
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise YAMLProblem(
                f"it holds more than {MAX_VALUES:,} values (each use of an alias such as *a "
                "counts as a copy); an answers or clause file holds a few hundred at most",
                field=_holder(path),
            )
        if len(path) > MAX_DEPTH:
            raise YAMLProblem(
                f"it is nested more than {MAX_DEPTH} levels deep (or refers to itself through "
                "an alias); an answers or clause file nests a few levels at most",
                field=_holder(path),
            )
        if isinstance(value, (str, bytes)):
            text += len(value)
            if text > MAX_TEXT:
                raise YAMLProblem(
                    f"it holds more than {MAX_TEXT:,} characters of text (each use of an alias "
                    "such as *a counts as a copy)",
                    field=_holder(path),
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, (str, bytes)):
                    text += len(key)
                stack.append((item, (*path, key)))
        elif isinstance(value, (list, tuple, set, frozenset)):
            stack.extend((item, (*path, i)) for i, item in enumerate(value))


def _holder(path: tuple[Any, ...]) -> str:
    """The field that holds a too-large value: the path up to its first list index, at
    most four keys deep (``jurisdiction.police``, not ``jurisdiction.police[0][3][1]...``)."""
    keys: list[Any] = []
    for part in path:
        if (isinstance(part, int) and not isinstance(part, bool)) or len(keys) == 4:
            break
        keys.append(part)
    return field_path(keys)
