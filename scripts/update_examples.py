"""Regenerate the documents in examples/ from their answers files.

    python scripts/update_examples.py

Each examples/<name>/answers.yaml is built, with the document options its answers set
(cover summary, line numbers ...), to ordinance.md (notes in an appendix, the golden text
the tests compare byte for byte), ordinance.html (notes after each section) and
ordinance.docx (notes as Word comments). Review the diff before committing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ordinance_drafter.answers.sources import resolve_file
from ordinance_drafter.library.loader import load_library
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.render import RenderOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def outputs(answers: Path) -> dict[str, bytes]:
    """The files an example's answers produce, by file name."""
    library = load_library()
    resolved = resolve_file(answers, library)
    ordinance = draft_ordinance(library, resolved)
    doc = resolved.document
    base = RenderOptions(
        line_numbers=doc.line_numbers,
        confidential=doc.confidential,
        cover_summary=doc.cover_summary,
        xref_fields=doc.xref_fields,
    )
    return {
        "ordinance.md": render_bytes(ordinance, "md", replace(base, notes="appendix")),
        "ordinance.html": render_bytes(ordinance, "html", replace(base, notes="inline")),
        "ordinance.docx": render_bytes(ordinance, "docx", replace(base, notes="comments")),
    }


def main() -> None:
    for answers in sorted(EXAMPLES.glob("*/answers.yaml")):
        for name, data in outputs(answers).items():
            target = answers.with_name(name)
            if not target.is_file() or target.read_bytes() != data:
                target.write_bytes(data)
                print(f"updated {target}")


if __name__ == "__main__":
    main()
