"""Clause samples: an answers file and the exact text the provision must render from it.

Each ``provisions/<id>/samples/<name>.answers.yaml`` is a complete answers file that
includes the provision; ``<name>.expected.md`` holds the provision's part of the draft as
Markdown (its section, and its paragraph of the companion resolution if it has one).
``scripts/update_samples.py`` rewrites the expected files after a deliberate change; the
tests and ``lint-library`` compare them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..library.loader import Clause, Library


def render_sample(library: Library, clause: Clause, answers: Path) -> str:
    """Build the draft for a sample answers file; return the provision's Markdown."""
    from ..answers.sources import resolve_file
    from ..assembly.assemble import assemble
    from ..render.markdown import paragraph_text, section_markdown

    resolved = resolve_file(answers, library)
    if clause.id not in resolved.choices:
        raise DrafterError(f"{answers}: the sample does not choose provision '{clause.id}'.")
    ordinance = assemble(library, resolved)
    if clause.spec.placement == "findings":
        assert ordinance.findings is not None
        lines = ["### Findings", "", ordinance.findings.intro, ""]
        lines += [line for p in ordinance.findings.paragraphs for line in (paragraph_text(p), "")]
        return "\n".join(lines).rstrip() + "\n"
    # A provision kept in the ordinance with a request to the sheriff also has a paragraph
    # of the companion resolution; the sample records both.
    found = [section_markdown(s) for s in ordinance.all_sections() if s.key == clause.id]
    if not found:
        raise DrafterError(f"{answers}: the draft has no section for '{clause.id}'.")
    return "\n".join(found)


def check_sample(library: Library, clause: Clause, answers: Path, expected: Path) -> str | None:
    """Compare a sample's rendering with its expected text; return a problem or ``None``."""
    try:
        actual = render_sample(library, clause, answers)
    except DrafterError as exc:
        return f"{answers}: {exc.message}"
    if not expected.is_file():
        return f"{expected}: missing; run scripts/update_samples.py to create it."
    if expected.read_text(encoding="utf-8") != actual:
        return (
            f"{expected}: the provision no longer renders this text; review the change and "
            "run scripts/update_samples.py if it is intended."
        )
    return None
