"""Jinja2 rendering of clause templates, and the light markup they produce.

Clause templates are rendered in Jinja2's sandbox with ``StrictUndefined``. What users type
(a jurisdiction's name, say) reaches a template only as a value in its context, so it is
printed, never run as template code.

A rendered clause is plain text with a small markup:

* A blank line separates paragraphs; other line breaks inside a paragraph are spaces.
* A line starting with ``- `` is a numbered subsection. Two more spaces of indentation
  per level nest it: (a), then (1), then (A), then (i). Assembly assigns the labels, so
  items that a condition leaves out never leave a gap.
* ``{{ anchor('name') }}`` at the start of an item names it, so others can refer to it.
* ``{{ ref('provision_id', 'name') }}`` is a cross-reference, resolved by assembly to
  text such as ``section 5(b)``. ``ref('provision_id')`` refers to the whole section and
  ``ref(label='name')`` to a subsection of the same section.

Anchors and references are written as tokens delimited by control characters, which
user-entered text can never contain (answers are checked for them), so no answer can
forge a reference.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import (
    BaseLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    UndefinedError,
)
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from .cache import LibraryCache, cache_dir, write_atomically

TOKEN_OPEN = "\x02"


TOKEN_CLOSE = "\x03"


_LABEL_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")


def anchor_token(name: str) -> str:
    """Return the token that names a subsection (see module docstring)."""
    if not isinstance(name, str) or not _LABEL_NAME_RE.match(name):
        raise JinjaTemplateError(
            f"anchor name {name!r} must be lower-case letters, digits and underscores"
        )
    return f"{TOKEN_OPEN}a:{name}{TOKEN_CLOSE}"


def make_ref(current: str) -> Callable[..., str]:
    """Return the template function ``ref`` for the provision ``current``."""

    def ref(target: str | None = None, label: str | None = None) -> str:
        target = target or current
        for part in (target, label or "x"):
            if not isinstance(part, str) or not _LABEL_NAME_RE.match(part):
                raise JinjaTemplateError(f"ref({target!r}, {label!r}): bad provision or label")
        return f"{TOKEN_OPEN}r:{target}#{label or ''}{TOKEN_CLOSE}"

    return ref


class _LibraryLoader(BaseLoader):
    """Loads ``{% include %}`` targets from inside one clause library, and nowhere else."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        parts = Path(template).parts
        if not parts or any(p in ("..", "") for p in parts) or Path(template).is_absolute():
            raise TemplateNotFound(template)
        path = (self.root / template).resolve()
        if self.root not in path.parents or not path.is_file():
            raise TemplateNotFound(template)
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return text, str(path), lambda: path.stat().st_mtime == mtime


def make_environment(root: Path) -> ImmutableSandboxedEnvironment:
    """Build the sandboxed Jinja2 environment for one clause library.

    Args:
        root: The library directory; ``{% include %}`` cannot reach outside it.
    """
    env = ImmutableSandboxedEnvironment(
        loader=_LibraryLoader(root),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)
    env.globals["anchor"] = anchor_token
    env.globals["items"] = list_items
    env.filters["join_and"] = join_and
    env.filters["join_or"] = join_or
    return env


def join_and(items: Any, conj: str = "and") -> str:
    """Join ``["a", "b", "c"]`` as ``a, b, and c`` (a filter for clause templates)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + f", {conj} " + items[-1]


def list_items(entries: Any, conj: str = "and", end: str = ".", depth: int = 1) -> str:
    """Write a list of subsections with drafting punctuation (a template function).

    ``{{ items(["x", "y", "z"], "or") }}`` gives ``- x;`` / ``- y; or`` / ``- z.``; empty
    entries are skipped, so conditional items never leave a stray "or".

    Args:
        entries: The items' text.
        conj: The word before the last item (``and`` or ``or``), or empty for none.
        end: The punctuation after the last item.
        depth: The nesting level of the items (1 for (a), 2 for (1) ...).
    """
    kept = [
        str(e).strip() for e in entries if not isinstance(e, Undefined) and e and str(e).strip()
    ]
    indent = "  " * (max(int(depth), 1) - 1)
    lines = []
    for n, entry in enumerate(kept):
        if n == len(kept) - 1:
            tail = end
        elif n == len(kept) - 2 and conj:
            tail = f"; {conj}"
        else:
            tail = ";"
        lines.append(f"{indent}- {entry}{tail}")
    return "\n".join(lines)


def join_or(items: Any) -> str:
    """Join a list with ``or`` (a filter for clause templates)."""
    return join_and(items, "or")


@dataclass
class CompiledTemplate:
    """A compiled clause template with the file it came from, for error messages."""

    template: Any
    path: str

    def render(self, context: Mapping[str, Any]) -> str:
        """Render the template; turn every Jinja problem into a :class:`TemplateError`."""
        try:
            return self.template.render(**context)
        except UndefinedError as exc:
            raise TemplateError(
                f"{self.path}: the template uses an undefined value ({exc}). Templates may "
                "use the jurisdiction ('jur'), 'variant', 'part', the provision's declared "
                "variables, and the functions has(), ref() and anchor()."
            ) from None
        except SecurityError as exc:
            raise TemplateError(
                f"{self.path}: the template tried something the sandbox forbids ({exc}). "
                "Clause templates may only format the values they are given."
            ) from None
        except JinjaTemplateError as exc:
            raise TemplateError(f"{self.path}: the template failed to render: {exc}.") from None
        except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
            raise TemplateError(
                f"{self.path}: the template failed to render: {type(exc).__name__}: {exc}."
            ) from None
        except RecursionError:
            raise TemplateError(
                f"{self.path}: the template recursed too deeply (an include loop?)."
            ) from None


def _cache_dir() -> str | None:
    """Where compiled templates are kept between runs (None when caching is off)."""
    folder = cache_dir()
    return os.path.join(folder, "templates") if folder is not None else None


_CACHE_SALT = "|".join(
    (jinja2.__version__, sys.version, "sandbox-immutable", "trim+lstrip", "strict", "v1")
)


def _compile_code(env: Any, source: str, cache: LibraryCache | None = None) -> Any:
    """Compile ``source`` to a code object, reusing one cached on disk by an earlier run.

    Compiling Jinja2 templates is most of the cost of a build, and the clause library rarely
    changes, so the compiled code is kept (like a .pyc file) under the user's cache folder,
    keyed by a hash of the source, the Jinja2 and Python versions and the environment's
    options. A missing or unwritable cache folder just means compiling every time. The
    built-in library passes its own ``cache``, which keeps all its templates in one file.
    """
    folder = _cache_dir()
    if folder is None:
        return env.compile(source)
    digest = hashlib.sha256((_CACHE_SALT + "\0" + source).encode("utf-8")).hexdigest()
    if cache is not None:
        return cache.code(digest, lambda: env.compile(source))
    # Plain strings, not pathlib: a draft reads some 160 of these files.
    name = os.path.join(folder, digest[:2], f"{digest}.bin")
    try:
        with open(name, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    path = Path(name)
    code = env.compile(source)
    write_atomically(path, marshal.dumps(code))
    return code


def compile_template(
    env: Any, source: str, path: str, cache: LibraryCache | None = None
) -> CompiledTemplate:
    """Compile template ``source`` read from ``path`` (kept in ``cache`` if given).

    Raises:
        TemplateError: The template has a syntax error; the message gives file and line.
    """
    try:
        code = _compile_code(env, source, cache)
        template = env.template_class.from_code(env, code, env.make_globals(None), None)
        return CompiledTemplate(template, path)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            f"{path}, line {exc.lineno}: template syntax error: {exc.message}. Fix the "
            "Jinja2 tag on that line (every {% if %} needs its {% endif %}, every {{ needs }})."
        ) from None


CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
