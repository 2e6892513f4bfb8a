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
    police: str | None = None,
) -> Jurisdiction:
    """A made-up jurisdiction for rendering previews (Sampleton / Sample County).

    ``police`` names a county's law enforcement agency (the Office of the Sheriff unless
    given), so that previews and lint can cover a county whose police is not the sheriff's.
    """
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
        police or "Office of the Sheriff",
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

    jur = jurisdiction or sample_jurisdiction(kind)
    context: dict[str, Any] = {v.name: v.default for v in clause.spec.variables}
    context.update(values or {})
    context.update(
        {
            "jur": jur,
            "variant": variant,
            "part": part,
            "sheriff": clause.spec.sheriff_treatment(jur),
            "has": lambda pid: pid in library.clauses,
            "ref": make_ref(clause.id),
        }
    )
    return context
