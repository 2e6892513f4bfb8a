"""What a clause template reads from its context, so that a render can be used again.

A clause template is a pure function of what it reads: the same values give the same text.
A batch of drafts (the options explorer, lint-library, a trainer's every preset x state,
the benchmarks) renders the same template again and again for jurisdictions that differ in
what the template never looks at: a purpose clause that reads ``jur.the_body`` and
``has('reporting')`` gives the same text in Ohio and in Oregon. :func:`reads_of` works out,
from the template's syntax tree, which values those are; :meth:`Reads.key` gathers them for
one context; :class:`~.templates.CompiledTemplate` keeps each text under its key.

A name the template reads is keyed by how it is used:

* ``jur.the_body``: the attribute's value (``attr``);
* ``has('reporting')``, ``state.has('fact')``, ``ref('x', 'y')``: the call's result, when
  every argument is a constant (``call``);
* anything else (``variant``, a value passed to a filter, ``jur`` handed on whole): the
  value itself (``whole``).

Only values that identify what they print serve as a key part (strings, numbers by type
and ``repr``, and tuples, lists and dicts of them; other objects by their own equality,
which for most is identity). Where a key cannot be made (a value that cannot be hashed, an
attribute the sandbox forbids, ``{% include %}`` whose reads are another file's), the
template is simply rendered: the key never changes what a render gives, only whether it
runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import meta, nodes

#: Nodes through which a template reads what its syntax tree does not show.
_OPAQUE = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_PLAIN = (str, int, float, bool, type(None))


#: A name the context lacks: a template that reads it only on a branch it does not take
#: renders alike whenever it is absent (and fails alike where it does take that branch).
_ABSENT = ("absent",)


class NoKey(Exception):
    """A context for which no key can be made (the template is rendered as usual)."""


@dataclass(frozen=True)
class Reads:
    """The parts of a context that a template's text depends on.

    Attributes:
        attrs: ``(name, attribute)`` pairs read as ``name.attribute``.
        calls: ``(name, attribute, arguments)`` for ``name.attribute(...)`` (or
            ``name(...)`` where the attribute is empty) with constant arguments.
        whole: Names whose value is used in any other way.
    """

    attrs: tuple[tuple[str, str], ...]
    calls: tuple[tuple[str, str, tuple[Any, ...]], ...]
    whole: tuple[str, ...]
    # Whether the sandbox allows an attribute, by the type it is read on (the sandbox's
    # rules look at the type and the name only).
    _safe: dict[tuple[type, str], bool] = field(default_factory=dict, compare=False, repr=False)

    def _allowed(self, env: Any, obj: Any, attr: str, value: Any) -> bool:
        known = self._safe.get((type(obj), attr))
        if known is None:
            known = self._safe[(type(obj), attr)] = bool(env.is_safe_attribute(obj, attr, value))
        return known

    def key(self, env: Any, context: Mapping[str, Any]) -> tuple[Any, ...]:
        """The values of ``context`` that the template reads, as a hashable key.

        Raises:
            NoKey: A value cannot be hashed, or is one the sandbox forbids reading.
        """

        def look(name: str) -> Any:  # as Jinja2 does: the context, then the globals
            if name in context:
                return context[name]
            return env.globals.get(name, _ABSENT)

        try:
            parts: list[Any] = [_frozen(look(name)) for name in self.whole]
            for name, attr in self.attrs:
                obj = look(name)
                if obj is _ABSENT:
                    parts.append(_ABSENT)
                    continue
                value = getattr(obj, attr)
                if not self._allowed(env, obj, attr, value):
                    raise NoKey(attr)
                parts.append(_frozen(value))
            for name, attr, args in self.calls:
                obj = look(name)
                if obj is _ABSENT:
                    parts.append(_ABSENT)
                    continue
                func = getattr(obj, attr) if attr else obj
                if attr and not self._allowed(env, obj, attr, func):
                    raise NoKey(attr)
                if not env.is_safe_callable(func):
                    raise NoKey(name)
                parts.append(_frozen(func(*args)))
            key = tuple(parts)
            hash(key)
        except NoKey:
            raise
        except Exception as exc:  # a missing name, an unhashable value, a failing call
            raise NoKey(str(exc)) from None
        return key


def _frozen(value: Any) -> Any:
    """``value`` as a hashable key part whose equality means the same printed text."""
    if isinstance(value, str):
        return value
    if isinstance(value, _PLAIN):  # True == 1 == 1.0 and 0.0 == -0.0, but they print apart
        return (type(value), repr(value))
    if isinstance(value, (list, tuple)):
        return (type(value), tuple(_frozen(v) for v in value))
    if isinstance(value, dict):
        return (dict, tuple((_frozen(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        raise NoKey("a set prints in no fixed order")
    return (type(value), value)


def reads_of(env: Any, source: str) -> Reads | None:
    """What the template ``source`` reads from its context, or ``None`` if that cannot be
    told from its syntax tree."""
    tree = env.parse(source)
    if any(True for _ in tree.find_all(_OPAQUE)):
        return None
    names = meta.find_undeclared_variables(tree)
    attrs: dict[tuple[str, str], None] = {}
    calls: dict[tuple[str, str, tuple[Any, ...]], None] = {}
    whole: dict[str, None] = {}
    parents: dict[int, nodes.Node] = {}
    stack: list[nodes.Node] = [tree]
    while stack:
        node = stack.pop()
        for child in node.iter_child_nodes():
            parents[id(child)] = node
            stack.append(child)
    for node in tree.find_all(nodes.Name):
        if node.ctx != "load" or node.name not in names:
            continue
        parent = parents[id(node)]
        if isinstance(parent, nodes.Getattr) and parent.node is node:
            grand = parents.get(id(parent))
            args = _constant_args(grand, parent)
            if args is not None:
                calls[(node.name, parent.attr, args)] = None
            else:
                attrs[(node.name, parent.attr)] = None
            continue
        args = _constant_args(parent, node)
        if args is not None:
            calls[(node.name, "", args)] = None
        else:
            whole[node.name] = None
    return Reads(tuple(attrs), tuple(calls), tuple(whole))


def _constant_args(call: Any, func: nodes.Node) -> tuple[Any, ...] | None:
    """The arguments of ``call`` if it calls ``func`` with constant positional arguments
    only; else ``None``."""
    if not isinstance(call, nodes.Call) or call.node is not func:
        return None
    if call.kwargs or call.dyn_args is not None or call.dyn_kwargs is not None:
        return None
    if not all(isinstance(arg, nodes.Const) for arg in call.args):
        return None
    return tuple(arg.value for arg in call.args)
