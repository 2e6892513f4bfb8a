"""The definitions section's wording is the library's data, not the code's (issue 12).

Its caption, opening sentence, cover summary and note come from ``library.yaml``
(``document.definitions_*``): a library that changes them changes the draft, and one that
leaves the note out is refused with a message naming the field.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import build_clause_library
from ordinance_drafter.library.loader import Library, builtin_library_path
from renderkit import draft_data, render

META = yaml.safe_load((builtin_library_path() / "library.yaml").read_text(encoding="utf-8"))
DATA = {
    "jurisdiction": {"name": "Northfield", "kind": "city", "state": "MN", "jail": "none"},
    "preset": "essentials",
}


def _definitions(library: Library):
    ordinance = draft_data(library, DATA)
    return next(s for s in ordinance.sections if s.key == "definitions")


def test_the_builtin_wording_is_the_data(library) -> None:
    """The note and summary a draft prints are library.yaml's, read here with PyYAML."""
    section = _definitions(library)
    doc = META["document"]
    heading, _, body = doc["definitions_note"].partition("\n")
    assert heading.startswith("## ")
    part = section.note.parts[0]
    assert part.heading == heading[3:].strip()
    assert part.paragraphs == (" ".join(body.split()),)
    assert section.summary == doc["definitions_summary"]
    assert section.note.title == section.caption == doc["definitions_caption"]


def test_a_library_can_reword_the_section(tmp_path: Path) -> None:
    """Another wording in a copy of library.yaml reaches the draft's notes and cover."""
    text = (builtin_library_path() / "library.yaml").read_text(encoding="utf-8")
    note = META["document"]["definitions_note"]
    summary = META["document"]["definitions_summary"]
    text = text.replace(
        f"definitions_summary: {summary}", "definitions_summary: Gives {{ jur.the }}'s terms."
    )
    first = note.splitlines()[1]
    assert first in text
    text = text.replace(first, "Lists the {{ jur.body }}'s terms in one place.", 1)
    root = build_clause_library(tmp_path / "lib", {"library.yaml": text})
    section = _definitions(Library(root))
    assert section.summary == "Gives the City's terms."
    assert section.note.parts[0].paragraphs[0].startswith("Lists the City Council's terms")
    cover = render(draft_data(Library(root), DATA), "md", cover_summary=True).decode("utf-8")
    assert "Gives the City's terms." in cover


def test_a_library_without_the_note_is_refused(tmp_path: Path, cli) -> None:
    """Leaving the note out is a bad library: the message names the file and the field."""
    text = (builtin_library_path() / "library.yaml").read_text(encoding="utf-8")
    start = text.index("  definitions_note:")
    end = text.index("  definitions_order:")
    root = build_clause_library(tmp_path / "lib", {"library.yaml": text[:start] + text[end:]})
    result = cli("lint-library", str(root))
    assert result.exit_code != 0
    assert "document.definitions_note" in result.output and "library.yaml" in result.output
    assert "Traceback" not in result.output
