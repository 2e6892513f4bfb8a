"""Browsing the clause library: ``ordinance-drafter provisions [ID]``."""

from __future__ import annotations

from typing import Any

from ._yaml import did_you_mean
from .errors import DrafterError
from .library import Library


def provision_record(library: Library, pid: str, *, full: bool = False) -> dict[str, Any]:
    """A provision's metadata as plain data (what ``--json`` prints)."""
    clause = library.clauses[pid]
    spec = clause.spec
    record: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "category": spec.category,
        "version": spec.version,
        "summary": " ".join(spec.summary.split()),
        "applies_to": list(spec.applies_to),
        "needs_jail": spec.needs_jail,
        "required": spec.required,
        "requires": list(spec.requires),
        "conflicts": list(spec.conflicts),
        "variants": [
            {"id": v.id, "label": v.label, "summary": " ".join(v.summary.split())}
            for v in spec.variants
        ],
        "sources": [s.model_dump() for s in spec.sources],
    }
    if full:
        record["terms"] = list(spec.terms)
        record["variables"] = [
            {
                "name": v.name,
                "type": v.type,
                "prompt": v.prompt,
                "help": v.help,
                "default": v.default,
                "choices": [c.model_dump() for c in v.choices],
                "when": v.when,
            }
            for v in spec.variables
        ]
        record["note"] = clause.note_path.read_text(encoding="utf-8")
    return record


def check_provision_id(library: Library, pid: str) -> None:
    """Raise a helpful error if ``pid`` is not a provision of the library."""
    if pid not in library.clauses:
        raise DrafterError(
            f"'{pid}' is not a provision of the clause library.{did_you_mean(pid, library.clauses)}"
            " Run 'ordinance-drafter provisions' to list them."
        )


def provision_detail_text(library: Library, pid: str) -> str:
    """A plain-text description of one provision: variants, note headings and sources."""
    from .assemble import parse_note
    from .sample import sample_context

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
    context = sample_context(library, clause, "city", spec.default_variant)
    for part in parse_note(clause.note_template.render(context)):
        lines.append(f"{part.heading}:")
        for para in part.paragraphs:
            lines.append(f"  {para}")
        lines.append("")
    lines.append("Sources:")
    for s in spec.sources:
        status = "" if s.status == "verified" else f" [{s.status}]"
        lines.append(f"  - {s.cite}" + (f" — {s.note}" if s.note else "") + status)
    return "\n".join(lines)
