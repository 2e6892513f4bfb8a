"""Sample jurisdictions and contexts, for previews, lint and provision browsing."""

from __future__ import annotations

from typing import Any

from ..library.loader import Clause, Library
from .jurisdiction import Jurisdiction


def sample_jurisdiction(
    kind: str,
    state: str = "MN",
    jail: str | None = None,
    city_type: str = "statutory",
    executive: str = "",
    police: str | None = None,
) -> Jurisdiction:
    """A made-up jurisdiction for rendering previews (Sampleton / Sample County).

    By default its governing body administers (Minnesota's default forms: a Plan A city, a
    county governed by its board), so duties read "the City Council or the administering
    officer"; ``executive`` names an administering officer instead. ``police`` names a
    county's law enforcement agency (the Office of the Sheriff unless given), so that previews
    and lint can cover a county whose police is not the sheriff's.
    """
    if kind == "city":
        return Jurisdiction(
            "Sampleton",
            "city",
            state,
            city_type if state == "MN" else "",
            jail or "city",
            "City Council",
            executive,
            "Police Department",
            government="plan_a" if state == "MN" and not executive else "",
        )
    return Jurisdiction(
        "Sample",
        "county",
        state,
        "",
        jail or "sheriff",
        "County Board" if state == "MN" else "Board of Commissioners",
        executive,
        police or "Office of the Sheriff",
        county_type="statutory" if state == "MN" else "",
        government="board" if not executive else "",
    )


def sample_context(
    library: Library,
    clause: Clause,
    kind: str,
    variant: str,
    jurisdiction: Jurisdiction | None = None,
    part: str = "ordinance",
    values: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A template context for ``clause`` with its default values (for previews and lint)."""
    from ..library.templates import make_ref
    from ..statelaw.context import state_context

    jur = jurisdiction or sample_jurisdiction(kind)
    context: dict[str, Any] = {v.name: v.default for v in clause.spec.variables}
    context.update(values or {})
    context.update(
        {
            "jur": jur,
            "state": state_context(library, jur.state),
            "variant": variant,
            "part": part,
            "sheriff": clause.spec.sheriff_treatment(jur),
            "has": lambda pid: pid in library.clauses,
            "ref": make_ref(clause.id),
        }
    )
    return context
