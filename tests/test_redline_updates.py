"""Library updates (issue 7): the library record, what changed, and the update redline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, build_clause_library, require_tool, run_command, write_answers
from docx_revisions import document_xml, paragraphs, resolve_all, revisions
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.tools.updates import replace_library_block
from renderkit import pandoc_text

LIB = load_library(builtin_library_path())
OLD = LIB.version  # the built-in library's version, and the newer copy's below
NEW = ".".join([*OLD.split(".")[:-1], str(int(OLD.split(".")[-1]) + 1)])
OLD_SI = LIB.clauses["status_inquiry"].spec.version
NEW_SI = ".".join([*OLD_SI.split(".")[:-1], str(int(OLD_SI.split(".")[-1]) + 1)])
BARE_RECORD = f"library: {{name: {LIB.meta.name}, version: {OLD}}}\n"

COMMENTED = """\
# Northfield's answers, kept by the city attorney.
format: 1
jurisdiction:
  name: Northfield   # the city
  kind: city
preset: essentials
document:
  draft_date: "2026-11-25"

# end of file
"""


def newer_library(tmp_path: Path) -> Path:
    """A copy of the built-in library, one version on, with one provision reworded (and
    bumped)."""
    root = build_clause_library(tmp_path / "newlib", {})
    meta = root / "library.yaml"
    assert f"\nversion: {OLD}\n" in meta.read_text()
    meta.write_text(meta.read_text().replace(f"\nversion: {OLD}\n", f"\nversion: {NEW}\n", 1))
    clause = root / "provisions/status_inquiry/clause.yaml"
    clause.write_text(clause.read_text().replace(f"version: {OLD_SI}", f"version: {NEW_SI}", 1))
    text = root / "provisions/status_inquiry/text.md.j2"
    original = text.read_text()
    assert "must not ask any person about" in original
    text.write_text(
        original.replace("must not ask any person about", "must not ask a person about")
    )
    return root


def test_draft_records_every_provision_version(tmp_path):
    """`draft` saves library name, version and each chosen provision's version."""
    result = run_command(
        "draft", "--no-input", "--set", "jurisdiction.name=Northfield", "-o", "n.docx", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    saved = yaml.safe_load((tmp_path / "northfield.answers.yaml").read_text())
    library = load_library(builtin_library_path())
    record = saved["library"]
    assert record["name"] == library.meta.name and record["version"] == library.version
    assert set(record["provisions"]) == set(saved["provisions"])
    for pid, version in record["provisions"].items():
        assert version == library.clauses[pid].spec.version


def test_old_records_without_provision_versions_still_build(tmp_path):
    """An answers file from before this change ({name, version} only) builds as before."""
    path = write_answers(
        tmp_path / "old.yaml",
        COMMENTED + BARE_RECORD,
    )
    result = run_command("build", str(path), "-o", "out.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Note:" not in result.stderr  # same library version: nothing to report


def test_record_adds_only_the_library_block(tmp_path):
    """--record appends a library block and leaves every other byte of the file alone."""
    path = write_answers(tmp_path / "n.yaml", COMMENTED)
    plain = run_command("build", str(path), "-o", "a.docx", cwd=tmp_path)
    assert "does not record which clause library" in plain.stderr
    assert path.read_text() == COMMENTED  # never rewritten without --record
    result = run_command("build", str(path), "-o", "b.docx", "--record", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = path.read_text()
    assert text.startswith(COMMENTED)
    record = yaml.safe_load(text)["library"]
    assert record["version"] == OLD and record["provisions"]["status_inquiry"] == OLD_SI
    again = run_command("build", str(path), "-o", "c.docx", "--record", cwd=tmp_path)
    assert "already records" in again.stdout and path.read_text() == text


def test_build_with_a_newer_library_names_the_changed_provisions(tmp_path):
    """A file recorded with one library and built with a newer one lists the provision whose
    version changed."""
    path = write_answers(tmp_path / "n.yaml", COMMENTED)
    assert run_command("build", str(path), "-o", "a.docx", "--record", cwd=tmp_path).returncode == 0
    newlib = newer_library(tmp_path)
    result = run_command("build", str(path), "-o", "b.docx", "--library", str(newlib), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    message = " ".join(result.stderr.split())
    assert f"built with clause library {OLD}; this build uses {NEW}" in message
    assert "status_inquiry" in message and f"{OLD_SI} → {NEW_SI}" in message
    assert "resource_use" not in message  # unchanged provisions are not listed
    assert "--old-library" in message


def test_record_refreshes_an_outdated_block_in_place(tmp_path):
    """--record with a newer library replaces the old block and keeps the rest of the file."""
    path = write_answers(tmp_path / "n.yaml", COMMENTED)
    run_command("build", str(path), "-o", "a.docx", "--record", cwd=tmp_path)
    newlib = newer_library(tmp_path)
    result = run_command(
        "build", str(path), "-o", "b.docx", "--library", str(newlib), "--record", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text()
    assert text.startswith(COMMENTED)
    record = yaml.safe_load(text)["library"]
    assert record["version"] == NEW and record["provisions"]["status_inquiry"] == NEW_SI
    assert text.count("library:") == 1


def test_update_redline_accepts_to_the_new_text_and_rejects_to_the_old(tmp_path):
    """--old-library with --redline tracks the new library's wording against the old."""
    pandoc = require_tool("pandoc")
    path = write_answers(tmp_path / "n.yaml", COMMENTED)
    run_command("build", str(path), "-o", "old.docx", "--notes", "none", "--record", cwd=tmp_path)
    newlib = newer_library(tmp_path)
    result = run_command(
        "build",
        str(path),
        "-o",
        "new.docx",
        "--notes",
        "none",
        "--library",
        str(newlib),
        "--old-library",
        str(builtin_library_path()),
        "--redline",
        "changes.docx",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote changes.docx" in result.stdout
    assert "--redline changes.docx" not in result.stderr  # no hint for what was just done
    redline = tmp_path / "changes.docx"
    assert revisions(document_xml(redline))
    assert pandoc_text(pandoc, redline, "accept") == pandoc_text(pandoc, tmp_path / "new.docx")
    assert pandoc_text(pandoc, redline, "reject") == pandoc_text(pandoc, tmp_path / "old.docx")
    accepted = resolve_all(document_xml(redline), "accept")
    assert paragraphs(accepted) == paragraphs(document_xml(tmp_path / "new.docx"))


def test_old_library_supplies_versions_a_bare_record_lacks(tmp_path):
    """A record without provision versions is compared using the old library itself."""
    path = write_answers(
        tmp_path / "n.yaml",
        COMMENTED + BARE_RECORD,
    )
    newlib = newer_library(tmp_path)
    bare = run_command("build", str(path), "-o", "a.docx", "--library", str(newlib), cwd=tmp_path)
    assert "records no provision versions" in " ".join(bare.stderr.split())
    result = run_command(
        "build",
        str(path),
        "-o",
        "b.docx",
        "--library",
        str(newlib),
        "--old-library",
        str(builtin_library_path()),
        cwd=tmp_path,
    )
    assert "status_inquiry" in result.stderr and f"{OLD_SI} → {NEW_SI}" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--redline", "r.docx"], "--redline needs --old-library"),
        (["--record", "--set", "jurisdiction.name=Faribault"], "--record writes"),
        (["--old-library", "no-such-folder", "--redline", "r.docx"], "does not exist"),
    ],
)
def test_update_options_fail_with_one_paragraph(tmp_path, args, expected):
    """Misused update options are plain errors, and the answers file is left untouched."""
    path = write_answers(tmp_path / "n.yaml", COMMENTED)
    result = run_command("build", str(path), "-o", "out.docx", *args, cwd=tmp_path)
    assert result.returncode != 0
    assert expected in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert path.read_text() == COMMENTED


def test_record_refuses_a_layout_it_cannot_edit_safely(tmp_path):
    """A library block it cannot replace cleanly is reported, and the file is not changed."""
    odd = COMMENTED + "library:\n# a comment at the margin inside the block\n  name: x\n"
    path = write_answers(tmp_path / "n.yaml", odd)
    result = run_command("build", str(path), "-o", "out.docx", "--record", cwd=tmp_path)
    assert result.returncode != 0
    assert "could not be updated" in result.stderr and "library:" in result.stderr
    assert path.read_text() == odd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\n", "a: 1\nlibrary: NEW\n"),
        ("a: 1", "a: 1\nlibrary: NEW\n"),
        ("library: {name: x}\na: 1\n", "library: NEW\na: 1\n"),
        (
            "a: 1\nlibrary:\n  name: x\n  version: 0.1.0\n\n# tail\nb: 2\n",
            "a: 1\nlibrary: NEW\n\n# tail\nb: 2\n",
        ),
        ("a: 1\nlibrary:\n  provisions:\n    x: 0.1.0\n", "a: 1\nlibrary: NEW\n"),
    ],
)
def test_replace_library_block(text, expected):
    """Only the top-level library block is replaced; everything around it stays."""
    assert replace_library_block(text, "library: NEW\n") == expected


def test_example_answers_files_build_with_a_note_only(tmp_path):
    """The shipped examples have no record; building them only adds a note on stderr."""
    for answers in sorted(EXAMPLES.glob("*/answers.yaml")):
        before = answers.read_text()
        result = run_command(
            "build", str(answers), "-o", f"{answers.parent.name}.docx", cwd=tmp_path
        )
        assert result.returncode == 0, result.stderr
        assert answers.read_text() == before
