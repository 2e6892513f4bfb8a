"""Every source citation in the clause library is recorded in the citation audit.

``docs/citations.md`` lists, in its first table, every ``cite`` that a provision's
``clause.yaml``, a definition or the companion resolution's note (``library.yaml``) gives
under ``sources``, with how it was confirmed. These
tests keep the two in step: a new source must be audited before it is added, and a row
for a citation the library no longer makes must be removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from ordinance_drafter.library.loader import Library

AUDIT = Path(__file__).resolve().parent.parent / "docs" / "citations.md"
SECTION_ONE = "## 1. Sources in `clause.yaml` and definitions"


def library_citations(library: Library) -> dict[str, list[str]]:
    """Map each source citation in the library to the provisions and definitions citing it.

    Args:
        library: The clause library to read.

    Returns:
        ``{cite: [where, ...]}`` for every ``sources`` entry of every provision and definition.
    """
    cites: dict[str, list[str]] = {}
    for clause in library.clauses.values():
        for source in clause.spec.sources:
            cites.setdefault(source.cite, []).append(clause.spec.id)
    for definition in library.definitions.values():
        for source in definition.spec.sources:
            cites.setdefault(source.cite, []).append(f"definition {definition.spec.id}")
    for source in library.meta_document.resolution.sources:
        cites.setdefault(source.cite, []).append("resolution")
    return cites


def audited_citations(text: str) -> list[str]:
    """Read the first column of the section-1 table of the audit.

    Args:
        text: The Markdown of ``docs/citations.md``.

    Returns:
        The citations, with escaped pipes restored, in table order.
    """
    start = text.index(SECTION_ONE)
    end = text.index("\n## ", start + len(SECTION_ONE))
    rows = []
    for line in text[start:end].splitlines():
        if not line.startswith("| ") or line.startswith(("| Citation", "|---")):
            continue
        cells = re.split(r"(?<!\\)\|", line)
        rows.append(cells[1].strip().replace("\\|", "|"))
    return rows


def test_audit_table_is_read() -> None:
    """The audit's section-1 table parses into many rows with no duplicates."""
    rows = audited_citations(AUDIT.read_text(encoding="utf-8"))
    assert len(rows) > 100
    assert len(rows) == len(set(rows))


def test_every_source_citation_is_audited(library: Library) -> None:
    """Each clause.yaml and definition source citation has a row in docs/citations.md."""
    audited = set(audited_citations(AUDIT.read_text(encoding="utf-8")))
    missing = {
        cite: where for cite, where in library_citations(library).items() if cite not in audited
    }
    assert not missing, (
        "Add these citations to docs/citations.md (section 1) with how each was confirmed: "
        + "; ".join(f"{cite!r} ({', '.join(where)})" for cite, where in sorted(missing.items()))
    )


def test_no_audit_row_is_stale(library: Library) -> None:
    """Each row of the audit table names a citation that the library still makes."""
    cited = set(library_citations(library))
    stale = [
        row for row in audited_citations(AUDIT.read_text(encoding="utf-8")) if row not in cited
    ]
    assert not stale, f"docs/citations.md lists citations no source uses any more: {stale}"


def test_missing_citation_is_reported(library: Library) -> None:
    """A citation absent from the audit text is detected (the check can fail)."""
    text = AUDIT.read_text(encoding="utf-8")
    cite = "Printz v. United States, 521 U.S. 898 (1997)"
    assert cite in library_citations(library)
    trimmed = "\n".join(line for line in text.splitlines() if not line.startswith(f"| {cite} |"))
    assert cite in audited_citations(text)
    assert cite not in audited_citations(trimmed)
