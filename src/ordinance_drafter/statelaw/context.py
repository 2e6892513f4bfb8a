"""``state`` in clause templates: what the text may be worded for in the user's state.

A finding true only under some states' law is worded for the user's state::

    {% if state.has('detainer_compliance_required') %}
    ... {{ state.name }} law requires local jails to honor them ({{ state.cite('...') }}).
    {% else %} ... a local government may decline it. {% endif %}

The facts come from the state file (``facts``, each with its citations); the library's
``states/_index.yaml`` lists the facts it knows and the words each one contradicts.
"""

from __future__ import annotations

from ..library.loader import Library
from .codes import STATES
from .data import state_data
from .schema import StateSpec


class StateContext:
    """The user's state, as clause templates see it.

    Attributes:
        code: The two-letter code, e.g. ``TX``.
        name: The state's name.
        status: ``prohibits``, ``statewide_separation``, ``none_known`` or ``unknown``
            (the library has no file for the state).
        forbidding: Whether the state's law forbids or limits some provisions.
        as_of: When the state file was last checked (empty if there is none).
    """

    def __init__(self, code: str, entry: StateSpec | None) -> None:
        self.code = code
        self.name = STATES.get(code, code)
        self._entry = entry
        self.status = entry.status if entry else "unknown"
        self.forbidding = bool(entry and entry.forbidding)
        self.as_of = entry.as_of if entry else ""

    def has(self, fact: str) -> bool:
        """Whether the fact ``fact`` (an id from ``states/_index.yaml``) holds here."""
        return bool(self._entry and fact in self._entry.facts)

    def cite(self, fact: str) -> str:
        """The citations that make ``fact`` true here, joined by semicolons."""
        if not self.has(fact):
            return ""
        assert self._entry is not None
        return "; ".join(self._entry.facts[fact].citations)

    def __repr__(self) -> str:
        return f"StateContext({self.code!r})"


def state_context(library: Library, code: str) -> StateContext:
    """``state`` for templates in a draft for ``code``."""
    data = state_data(library)
    return StateContext(code, data.get(code) if data.present else None)
