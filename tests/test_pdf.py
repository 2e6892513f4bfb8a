"""PDF output: the notes are printed, and LibreOffice's profile is kept between conversions."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, require_tool, run_command
from ordinance_drafter.pipeline import render_bytes
from ordinance_drafter.render import RenderOptions, libreoffice
from ordinance_drafter.render.pdf import docx_to_pdf, profile_folder, started_early
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


def _libreoffices(profile: Path) -> list[int]:
    """The processes running LibreOffice with ``profile`` (read from /proc)."""
    arg = f"-env:UserInstallation={profile.absolute().as_uri()}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if arg in (entry / "cmdline").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue  # it ended meanwhile
    return found


def _until(condition: Callable[[], object], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def _lock_is_free(profile: Path) -> bool:
    with open(profile.with_name(profile.name + ".lock"), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


def test_a_libreoffice_started_early_converts_the_draft_and_then_ends(library, tmp_path):
    """`started_early` starts LibreOffice before any document exists, holding the kept
    profile; the conversion goes through it, and it ends by itself (exit status 0, not
    stopped), leaving no LibreOffice behind and the profile free."""
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    model = draft_example(library, "northfield-city")
    docx = render_bytes(model, "docx", RenderOptions())
    profile = profile_folder()
    assert profile is not None
    with started_early():
        session = libreoffice._SESSION.get()
        assert session is not None and session.profile == profile and session.kept
        assert not _lock_is_free(profile)
        _until(lambda: _libreoffices(profile))
        pdf = docx_to_pdf(docx)
        assert session.process is not None and session.process.returncode == 0
    assert not _libreoffices(profile) and _lock_is_free(profile)
    (tmp_path / "early.pdf").write_bytes(pdf)
    text = " ".join(pdf_body_text(pdf_pages(pdftotext, tmp_path / "early.pdf")).split())
    assert f"Section 1. {model.sections[0].caption}" in text


def test_a_libreoffice_started_early_and_not_used_is_stopped(tmp_path):
    """A build that stops before its conversion (here, a bad answers file) stops the
    LibreOffice it started: none is left running, and the profile is free."""
    require_tool("soffice")
    profile = profile_folder()
    assert profile is not None
    with started_early():
        session = libreoffice._SESSION.get()
        assert session is not None
        _until(lambda: _libreoffices(profile))
    assert session.process is not None and session.process.returncode != 0  # stopped
    assert not _libreoffices(profile) and _lock_is_free(profile)
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\njurisdiction: {name: X, kind: village}\n", encoding="utf-8")
    result = run_command("build", str(bad), "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode != 0 and "kind" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()
    assert not _libreoffices(profile) and _lock_is_free(profile)


def test_both_pdfs_of_both_are_converted_with_the_kept_profile(tmp_path):
    """`--both` converts twice in one build: the annotated copy through the LibreOffice
    started early, the clean copy after it with the same kept profile."""
    pdftotext = require_tool("pdftotext")
    profile = profile_folder()
    assert profile is not None
    _build_pdf(tmp_path, "pair.pdf", "--both")
    clean = " ".join(pdf_body_text(pdf_pages(pdftotext, tmp_path / "pair-clean.pdf")).split())
    notes = " ".join(pdf_body_text(pdf_pages(pdftotext, tmp_path / "pair.pdf")).split())
    assert "Drafter's note" in notes and "Drafter's note" not in clean
    assert not _libreoffices(profile) and _lock_is_free(profile)
