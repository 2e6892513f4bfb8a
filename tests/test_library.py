"""The built-in clause library is valid, and every provision renders its samples exactly."""

from __future__ import annotations

import pytest

from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.qa.samples import check_sample

LIBRARY = load_library(builtin_library_path())
SAMPLES = [
    pytest.param(clause, answers, expected, id=f"{clause.id}/{answers.name}")
    for clause in LIBRARY.clauses.values()
    for answers, expected in clause.samples()
]


def test_lint_is_clean():
    """lint-library finds no problem in the shipped library."""
    assert lint(builtin_library_path()) == []


@pytest.mark.parametrize(("clause", "answers", "expected"), SAMPLES)
def test_sample_renders_expected_text(clause, answers, expected):
    """Each sample answers file renders exactly the provision's expected Markdown."""
    assert check_sample(LIBRARY, clause, answers, expected) is None


@pytest.mark.parametrize("clause", LIBRARY.clauses.values(), ids=lambda c: c.id)
def test_every_provision_has_sources_note_and_sample(clause):
    """Every provision carries sources, a note with the four parts, and a sample."""
    assert clause.spec.sources
    note = clause.note_path.read_text(encoding="utf-8")
    for part in ("## What it does", "## Why", "## Legal basis and risks", "## Modeled on"):
        assert part in note
    assert clause.samples()


def test_clause_library_is_packaged(tmp_path):
    """A non-editable wheel install carries the clause library and the DOCX styles."""
    import subprocess
    import sys
    import zipfile

    from conftest import ROOT

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ordinance_drafter/clauses/library.yaml" in names
    assert "ordinance_drafter/clauses/provisions/status_inquiry/text.md.j2" in names
    # The DOCX styles are data beside the renderer.
    assert "ordinance_drafter/render/styles.yaml" in names
