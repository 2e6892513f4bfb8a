"""Sample jurisdictions and contexts, for previews, lint and provision browsing."""

from __future__ import annotations

from typing import Any

from ..library.loader import Clause, Library
from .jurisdiction import Jurisdiction


def sample_jurisdiction(
    kind: str, state: str = "MN", jail: str | None = None, city_type: str = "statutory"
) -> Jurisdiction:
    """A made-up jurisdiction for rendering previews (Sampleton / Sample County)."""
    if kind == "city":
        return Jurisdiction(
            "Sampleton",
            "city",
            state,
            city_type if state == "MN" else "",
            jail or "city",
            "City Council",
            "Mayor",
            "Police Department",
        )
    return Jurisdiction(
        "Sample",
        "county",
        state,
        "",
        jail or "sheriff",
        "County Board" if state == "MN" else "Board of Commissioners",
        "County Administrator",
        "Office of the Sheriff",
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
            "has": lambda pid: pid in library.clauses,
            "ref": make_ref(clause.id),
        }
    )
    return context
