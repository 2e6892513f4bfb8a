"""PDF output: the notes are printed, and LibreOffice's profile is kept between conversions."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from conftest import EXAMPLES, require_tool, run_command
from ordinance_drafter.render.pdf import profile_folder
from renderkit import draft_example, pdf_body_text, pdf_pages

ANSWERS = EXAMPLES / "northfield-city" / "answers.yaml"


def _build_pdf(tmp_path: Path, name: str, *args: str) -> list[str]:
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    out = tmp_path / name
    result = run_command("build", str(ANSWERS), "-o", str(out), *args, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    return pdf_pages(pdftotext, out)


def test_the_default_pdf_prints_every_note_after_its_section(library, tmp_path):
    """`build -o x.pdf` (notes: comments) prints each note inline, where pdftotext reads it;
    the clean copy has none. The conversion leaves its LibreOffice profile in the cache."""
    model = draft_example(library, "northfield-city")
    text = " ".join(pdf_body_text(_build_pdf(tmp_path, "notes.pdf")).split())
    for section in model.sections:
        assert f"Drafter's note — Section {section.number}" in text
    first = model.sections[0].note.parts[0].paragraphs[0]
    assert " ".join(first.split())[:60] in text
    # The section's text comes before its note, and the next section after it.
    one, two = (f"Section {s.number}. {s.caption}" for s in model.sections[:2])
    assert text.index(one) < text.index("Drafter's note — Section 1") < text.index(two)
    profile = profile_folder()
    assert profile is not None and (profile / "user").is_dir()
    clean = " ".join(pdf_body_text(_build_pdf(tmp_path, "clean.pdf", "--notes", "none")).split())
    assert "Drafter's note" not in clean and one in clean


def test_conversions_reuse_one_profile_unless_it_is_in_use(tmp_path):
    """A second conversion uses the kept profile (a file left in it survives and the
    profile is used again); while another conversion holds it, a temporary one is used."""
    _build_pdf(tmp_path, "first.pdf", "--notes", "none")
    profile = profile_folder()
    assert profile is not None
    marker = profile / "user" / "kept-by-test"
    marker.write_text("x")
    before = {p: p.stat().st_mtime_ns for p in profile.rglob("*") if p.is_file()}
    _build_pdf(tmp_path, "second.pdf", "--notes", "none")
    assert marker.is_file()
    after = {p: p.stat().st_mtime_ns for p in profile.rglob("*") if p.is_file()}
    assert set(before) <= set(after)
    assert any(after[p] != before[p] for p in before)  # LibreOffice wrote to it again
    with open(profile.with_name(profile.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        held = {p: p.stat().st_mtime_ns for p in profile.rglob("*") if p.is_file()}
        pages = _build_pdf(tmp_path, "third.pdf", "--notes", "none")
        assert {p: p.stat().st_mtime_ns for p in profile.rglob("*") if p.is_file()} == held
    assert "City of Northfield" in pages[0]


def test_a_damaged_profile_is_rebuilt(tmp_path):
    """A profile LibreOffice cannot start with is replaced, and the PDF is written."""
    profile = profile_folder()
    assert profile is not None
    if profile.exists():
        import shutil

        shutil.rmtree(profile)
    profile.parent.mkdir(parents=True, exist_ok=True)
    profile.write_text("not a folder")  # LibreOffice cannot make its profile here
    try:
        pages = _build_pdf(tmp_path, "fixed.pdf", "--notes", "none")
    finally:
        if profile.is_file():
            os.unlink(profile)
    assert "City of Northfield" in pages[0]
    assert (profile / "user").is_dir()  # made afresh, for the next conversion
