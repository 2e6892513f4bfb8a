"""Describing one provision for the terminal: variants, note, sources."""

from __future__ import annotations

from typing import Any

from ..answers.jurisdiction import Jurisdiction
from ..answers.sample import sample_context
from ..errors import DrafterError
from ..library.loader import Library
from ..library.notes import parse_note
from ..library.yamlio import did_you_mean


def check_provision_id(library: Library, pid: str) -> None:
    """Raise a helpful error if ``pid`` is not a provision of the library."""
    if pid not in library.clauses:
        raise DrafterError(
            f"'{pid}' is not a provision of the clause library.{did_you_mean(pid, library.clauses)}"
            " Run 'ordinance-drafter provisions' to list them."
        )


def provision_detail_text(
    library: Library,
    pid: str,
    *,
    jurisdiction: Jurisdiction | None = None,
    variant: str | None = None,
    values: dict[str, Any] | None = None,
) -> str:
    """A plain-text description of one provision: variants, note and sources.

    Args:
        library: The clause library.
        pid: The provision id.
        jurisdiction: Render the note for this jurisdiction (the interview passes the
            user's); by default, for a sample Minnesota city.
        variant: Render the note for this variant (default: the provision's first).
        values: The provision's variable values (default: the library's defaults).
    """
    check_provision_id(library, pid)
    clause = library.clauses[pid]
    spec = clause.spec
    lines = [
        f"{spec.title} ({spec.id}, version {spec.version})",
        f"Category: {library.category_title(spec.category)}",
        "",
        " ".join(spec.summary.split()),
        "",
    ]
    if spec.variants:
        lines.append("Variants:")
        for v in spec.variants:
            lines.append(f"  - {v.id}: {v.label} — {' '.join(v.summary.split())}")
        lines.append("")
    kind = jurisdiction.kind if jurisdiction else "city"
    context = sample_context(
        library, clause, kind, variant or spec.default_variant, jurisdiction, values=values
    )
    for part in parse_note(clause.note_template.render(context)):
        lines.append(f"{part.heading}:")
        for para in part.paragraphs:
            lines.append(f"  {para}")
        lines.append("")
    lines.append("Sources:")
    for s in spec.sources:
        status = "" if s.status == "verified" else f" [{s.status}]"
        lines.append(f"  - {s.cite}{s.whose}" + (f" — {s.note}" if s.note else "") + status)
    return "\n".join(lines)
