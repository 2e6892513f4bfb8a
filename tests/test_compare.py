"""`ordinance-drafter compare A B`: the provision table and how each side is resolved."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from conftest import run_command, write_answers
from ordinance_drafter.errors import AnswerError
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.tools.compare import compare_sides, comparison_table, resolve_pair

LIBRARY = load_library(builtin_library_path())

COUNTY = """\
format: 1
jurisdiction: {name: Rice, kind: county, state: MN, jail: sheriff}
provisions:
  purpose:
  status_inquiry: {variant: status_and_birthplace, values: {exceptions: [eligibility]}}
  resource_use: {variant: broad}
document: {draft_date: "2026-03-01", code_chapter: Chapter 19}
"""


def test_table_lists_each_difference(tmp_path, cli):
    """The terminal table names each changed provision with its variants and values."""
    path = write_answers(tmp_path / "rice.yaml", COUNTY)
    result = cli("compare", "essentials", str(path))
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert "A: preset essentials" in out and "rice.yaml" in out
    assert "status_inquiry" in out and "resource_use" in out
    # Unchanged provisions are left out unless --all is given.
    assert "severability" not in out
    every = " ".join(cli("compare", "essentials", str(path), "--all").output.split())
    assert "severability" in every
    wide = Console(width=200, file=io.StringIO())
    wide.print(comparison_table(compare_sides(*resolve_pair("essentials", str(path), LIBRARY))))
    rows = [line for line in wide.file.getvalue().splitlines() if "│" in line]
    first = next(i for i, line in enumerate(rows) if "No asking about" in line)
    row = [cell.strip() for cell in rows[first].split("│")]
    assert row[2:4] == ["Immigration status", "Status and place of birth"]
    assert "variant: Immigration status → Status and place of birth" in row[4]
    assert "exceptions: − criminal_investigation, − employment" in rows[first + 1]


def test_a_preset_takes_the_jurisdiction_of_the_answers_file(tmp_path):
    """A preset compared with a county's answers file is drafted for that county."""
    path = write_answers(tmp_path / "rice.yaml", COUNTY)
    a, b = resolve_pair("essentials", str(path), LIBRARY)
    assert a.kind == "preset" and b.kind == "file"
    assert a.resolved.jurisdiction.full_name == "Rice County"
    assert a.resolved.document.code_chapter == "Chapter 19"
    comparison = compare_sides(a, b)
    assert comparison.settings == ()  # same place, same document options
    status = {row.id: row for row in comparison.provisions}
    assert status["status_inquiry"].status == "changed"
    assert [v.name for v in status["status_inquiry"].values] == ["exceptions"]
    assert status["severability"].status == "same"


def test_two_presets_default_to_a_sample_minnesota_city():
    """With no answers file, both presets are drafted for the City of Sampleton, Minnesota."""
    a, b = resolve_pair("essentials", "essentials", LIBRARY)
    for side in (a, b):
        jur = side.resolved.jurisdiction
        assert (jur.full_name, jur.state, jur.city_type) == ("City of Sampleton", "MN", "statutory")
    assert compare_sides(a, b).identical


def test_set_applies_to_both_sides(cli):
    """--set changes both drafts, so a changed provision shows only where they differ."""
    a, b = resolve_pair(
        "essentials",
        "essentials",
        LIBRARY,
        ["jurisdiction.name=Northfield", "provisions.resource_use.variant=broad"],
    )
    assert a.resolved.jurisdiction.name == b.resolved.jurisdiction.name == "Northfield"
    assert a.resolved.choices["resource_use"].variant == "broad"
    assert compare_sides(a, b).identical
    result = cli("compare", "essentials", "essentials", "--set", "jurisdiction.name=Northfield")
    assert "No differences" in result.output


def test_json_output_is_complete(tmp_path, cli):
    """--json gives every provision with its status, variants and changed values."""
    path = write_answers(tmp_path / "rice.yaml", COUNTY)
    data = json.loads(cli("compare", str(path), "essentials", "--json").output)
    rows = {row["id"]: row for row in data["provisions"]}
    assert data["a"] == {"label": str(path), "kind": "file"}
    assert rows["status_inquiry"]["variant_a"] == "Status and place of birth"
    assert rows["status_inquiry"]["values"] == [
        {
            "name": "exceptions",
            "a": ["eligibility"],
            "b": ["eligibility", "criminal_investigation", "employment"],
        }
    ]


def test_two_answers_files_show_setting_differences(tmp_path, cli):
    """Two different jurisdictions' files list the settings that differ."""
    a = write_answers(tmp_path / "a.yaml", COUNTY)
    b = write_answers(tmp_path / "b.yaml", COUNTY.replace("Rice", "Dakota"))
    a_side, b_side = resolve_pair(str(a), str(b), LIBRARY)
    assert ("jurisdiction.name", "Rice", "Dakota") in compare_sides(a_side, b_side).settings
    assert "jurisdiction.name" in cli("compare", str(a), str(b)).output


def test_a_provision_only_one_side_has_is_added_or_removed(tmp_path):
    """A provision left out of B is 'removed'; the reverse comparison calls it 'added'."""
    path = write_answers(tmp_path / "rice.yaml", COUNTY.replace("  purpose:\n", ""))
    forward = {
        r.id: r for r in compare_sides(*resolve_pair("essentials", str(path), LIBRARY)).provisions
    }
    backward = {
        r.id: r for r in compare_sides(*resolve_pair(str(path), "essentials", LIBRARY)).provisions
    }
    assert forward["purpose"].status == "removed"
    assert backward["purpose"].status == "added"


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("essentails", "Did you mean 'essentials'?"),
        ("missing.yaml", "does not exist"),
        ("no/such/file", "does not exist"),
    ],
)
def test_bad_arguments_are_one_paragraph_errors(tmp_path, arg, expected):
    """An unknown preset or a missing file is a plain error naming it, without a traceback."""
    with pytest.raises(AnswerError, match=expected):
        resolve_pair("essentials", arg, LIBRARY)
    result = run_command("compare", "essentials", arg, cwd=tmp_path)
    assert result.returncode != 0
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_redline_output_must_be_docx_and_is_never_overwritten(tmp_path):
    """-o refuses a non-DOCX name and an existing file without --force."""
    result = run_command("compare", "essentials", "essentials", "-o", "x.pdf", cwd=tmp_path)
    assert result.returncode != 0 and ".docx" in result.stderr
    (tmp_path / "r.docx").write_text("keep me")
    result = run_command("compare", "essentials", "essentials", "-o", "r.docx", cwd=tmp_path)
    assert result.returncode != 0 and "--force" in result.stderr
    assert (tmp_path / "r.docx").read_text() == "keep me"
    forced = run_command(
        "compare", "essentials", "essentials", "-o", "r.docx", "--force", cwd=tmp_path
    )
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"


def test_an_invalid_answers_file_names_the_file_and_field(tmp_path):
    """A broken answers file on either side is reported with its path and field."""
    path = write_answers(tmp_path / "bad.yaml", COUNTY.replace("kind: county", "kind: town"))
    result = run_command("compare", str(path), "essentials", cwd=tmp_path)
    assert result.returncode != 0
    assert "bad.yaml" in result.stderr and "jurisdiction.kind" in result.stderr


def test_author_is_recorded_and_checked(tmp_path):
    """--author names the author of every change; text Word cannot hold is refused."""
    from docx_revisions import document_xml, q, revisions

    path = write_answers(tmp_path / "rice.yaml", COUNTY)
    result = run_command(
        "compare",
        "essentials",
        str(path),
        "-o",
        "r.docx",
        "--author",
        "Rice County Attorney",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    authors = {el.get(q("author")) for el in revisions(document_xml(tmp_path / "r.docx"))}
    assert authors == {"Rice County Attorney"}
    bad = run_command(
        "compare", "essentials", str(path), "-o", "s.docx", "--author", "a\x01b", cwd=tmp_path
    )
    assert bad.returncode != 0 and "--author" in bad.stderr and "Traceback" not in bad.stderr
    assert not (tmp_path / "s.docx").exists()
