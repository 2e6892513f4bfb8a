"""Forms of government (``governments.yaml``): who carries out an ordinance.

A jurisdiction's type (``statutory`` or ``charter`` in Minnesota, ``home_rule`` or
``general_law`` for Texas cities) and form of government (``plan_a``, ``council_manager``,
``board`` ...) are answers; this module says which the library knows for a state and kind,
which is the default, and checks the file once when the library loads.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ClauseLibraryError
from .documentspec import GovernmentsFile, GovernmentSpec, TypeSpec

#: The stand-in state for "a state with no forms of its own" in the load-time checks.
ANY_STATE = "--"


class Governments:
    """The forms of government a clause library knows.

    Args:
        data: The validated ``governments.yaml``.
        path: Where it was read from (for messages).

    Raises:
        ClauseLibraryError: A place has no form, several defaults or a repeated id, or a form
            names a type its state does not have.
    """

    def __init__(self, data: GovernmentsFile, path: Path) -> None:
        self.path = path
        self.types_spec = data.types
        self.all = data.governments
        self._check()

    # -- types ----------------------------------------------------------------------
    def type_spec(self, state: str, kind: str) -> TypeSpec | None:
        """The types of city or county ``state`` knows, or ``None``."""
        return next((t for t in self.types_spec if t.state == state and t.kind == kind), None)

    def type_ids(self, state: str, kind: str) -> tuple[str, ...]:
        """The type ids for a state and kind (empty where the library knows none)."""
        spec = self.type_spec(state, kind)
        return tuple(c.id for c in spec.choices) if spec else ()

    def default_type(self, state: str, kind: str) -> str:
        """The type a jurisdiction gets when it names none ("" where there are none)."""
        ids = self.type_ids(state, kind)
        return ids[0] if ids else ""

    # -- forms of government ----------------------------------------------------------
    def options(self, state: str, kind: str, type_: str) -> list[GovernmentSpec]:
        """The forms a jurisdiction may choose, in the file's order.

        The forms that name the state win; where none does, the forms with no state apply.
        """
        fitting = [g for g in self.all if g.fits(state, kind, type_)]
        own = [g for g in fitting if g.when.state]
        return own or [g for g in fitting if not g.when.state]

    def default(self, state: str, kind: str, type_: str) -> GovernmentSpec:
        """The form a jurisdiction gets when it names none."""
        options = self.options(state, kind, type_)
        return next((g for g in options if g.default), options[0])

    def get(self, state: str, kind: str, type_: str, gid: str) -> GovernmentSpec | None:
        """The form ``gid`` for a jurisdiction, or ``None`` if it has no such form."""
        return next((g for g in self.options(state, kind, type_) if g.id == gid), None)

    def officer_titles(self) -> set[str]:
        """Every administering officer's title and every officer with no duties, in any form."""
        titles = {g.officer for g in self.all if g.officer}
        return titles | {t for g in self.all for t in g.no_duties}

    # -- checks -----------------------------------------------------------------------
    def places(self) -> list[tuple[str, str, str]]:
        """Every (state, kind, type) the file tells apart, and any other state's city and county."""
        out: list[tuple[str, str, str]] = []
        states = {s for g in self.all for s in g.when.state} | {t.state for t in self.types_spec}
        for state in [*sorted(states), ANY_STATE]:
            for kind in ("city", "county"):
                for type_ in self.type_ids(state, kind) or ("",):
                    out.append((state, kind, type_))
        return out

    def _check(self) -> None:
        where = f"{self.path}:"
        seen_types: set[tuple[str, str]] = set()
        for spec in self.types_spec:
            key = (spec.state, spec.kind)
            if key in seen_types:
                raise ClauseLibraryError(
                    f"{where} 'types' lists {spec.kind} types for {spec.state} twice."
                )
            seen_types.add(key)
            ids = [c.id for c in spec.choices]
            if len(ids) != len(set(ids)):
                raise ClauseLibraryError(
                    f"{where} the {spec.kind} types of {spec.state} repeat an id "
                    f"({', '.join(ids)})."
                )
        for gov in self.all:
            label = f"{where} government '{gov.id}' ({gov.label})"
            if gov.administers == "officer" and not gov.officer:
                raise ClauseLibraryError(
                    f"{label} has 'administers: officer' but no 'officer' title."
                )
            if gov.administers == "body" and gov.officer:
                raise ClauseLibraryError(
                    f"{label} has 'administers: body', so it must not name an 'officer'; the "
                    "duties go to the governing body or the officer it designates."
                )
            if gov.officer and gov.officer in gov.no_duties:
                raise ClauseLibraryError(
                    f"{label} lists its own officer '{gov.officer}' under 'no_duties'."
                )
            for kind, types in (("city", gov.when.city_type), ("county", gov.when.county_type)):
                if not types:
                    continue
                if not gov.when.state or kind not in gov.when.kind:
                    raise ClauseLibraryError(
                        f"{label} names {kind} types, which only a form for a {kind} in named "
                        "states may do."
                    )
                for state in gov.when.state:
                    unknown = set(types) - set(self.type_ids(state, kind))
                    if unknown:
                        known = ", ".join(self.type_ids(state, kind)) or "none"
                        raise ClauseLibraryError(
                            f"{label} names the {kind} type '{sorted(unknown)[0]}', which "
                            f"'types' does not list for {state} (its types: {known})."
                        )
        for state, kind, type_ in self.places():
            options = self.options(state, kind, type_)
            place = f"a {kind} in {'any other state' if state == ANY_STATE else state}" + (
                f" ({type_})" if type_ else ""
            )
            if not options:
                raise ClauseLibraryError(
                    f"{where} no form of government fits {place}; add one (a form with no "
                    "'state' serves every state without forms of its own)."
                )
            ids = [g.id for g in options]
            if len(ids) != len(set(ids)):
                raise ClauseLibraryError(
                    f"{where} the forms for {place} repeat an id ({', '.join(ids)}); each "
                    "answer must name one form."
                )
            defaults = [g.id for g in options if g.default]
            if len(defaults) != 1:
                raise ClauseLibraryError(
                    f"{where} the forms for {place} must have exactly one 'default: true' "
                    f"(found {len(defaults)}: {', '.join(defaults) or 'none'})."
                )
