"""`ordinance-drafter provisions ID --compare`: every variant of one provision side by side."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from conftest import build_clause_library
from ordinance_drafter.cli.app import app
from ordinance_drafter.library.loader import load_library
from ordinance_drafter.tools.catalog import SAMPLE_KINDS, marked_text, variant_samples
from ordinance_drafter.tools.marks import mark_variants


def invoke(*args: str):
    """Run the CLI in-process on a wide terminal."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "220"}, catch_exceptions=False)


def test_json_lists_every_variant_with_city_and_county_text(library):
    """--json gives each variant's label, summary, sample texts and note."""
    result = invoke("provisions", "status_inquiry", "--compare", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    spec = library.clauses["status_inquiry"].spec
    assert [v["id"] for v in data["variants"]] == list(spec.variant_ids)
    by_id = {v["id"]: v for v in data["variants"]}
    only, birth = by_id["status_only"], by_id["status_and_birthplace"]
    assert "place of birth" in birth["text"]["city"]
    assert "place of birth" not in only["text"]["city"]
    assert "A City employee must not ask" in only["text"]["city"]
    assert "A County employee must not ask" in only["text"]["county"]
    assert data["sample_jurisdictions"] == {"city": "City of Sampleton", "county": "Sample County"}
    headings = [part["heading"] for part in birth["note"]["city"]]
    assert headings == ["What it does", "Why", "Legal basis and risks", "Modeled on"]
    assert any("place of birth" in p for part in birth["note"]["city"] for p in part["paragraphs"])
    assert data["sources"] and all("cite" in s for s in data["sources"])


def test_texts_are_real_sections_with_resolved_references(library):
    """Each text is the section as drafted: heading, labels and cross-references resolved."""
    samples = {s.id: s for s in variant_samples(library, "effective_date")}
    assert set(samples) == set(library.clauses["effective_date"].spec.variant_ids)
    days = samples["days_after"].texts["city"]
    assert days.splitlines()[0].startswith("Section ") and "Effective date." in days
    assert "30 days" in days  # the default of the `days` variable
    assert "{{" not in days and "\x00" not in days
    assert "30 days" not in samples["after_publication"].texts["city"]


def test_terminal_table_shows_variants_side_by_side():
    """The table has a row per variant and a column for the sample city and county."""
    result = invoke("provisions", "resource_use", "--compare")
    assert result.exit_code == 0
    out = result.output
    assert "Text: City of Sampleton" in out and "Text: Sample County" in out
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert any("Detect, arrest or" in r and "Section" in r for r in rows)
    assert any("Any civil" in r for r in rows)
    assert "Use of City resources." in out and "Use of County resources." in out
    assert "Legal basis and risks" in out and "Sources" in out


def test_a_provision_with_one_wording_has_one_row(library):
    """A provision without variants shows its single wording."""
    samples = variant_samples(library, "severability")
    assert [s.label for s in samples] == ["One wording"]
    assert samples[0].texts["city"] and samples[0].texts["county"]


def test_a_kind_the_provision_does_not_suit_is_explained(tmp_path):
    """A city-only provision says why the county text is missing instead of failing."""
    root = build_clause_library(
        tmp_path / "lib",
        {"provisions/purpose/clause.yaml": _city_only_purpose()},
    )
    samples = variant_samples(load_library(root), "purpose")
    assert "county" not in samples[0].texts
    assert "city ordinances only" in samples[0].unavailable["county"]
    result = invoke("provisions", "purpose", "--compare", "--library", str(root))
    assert result.exit_code == 0 and "Not offered" in result.output


def _city_only_purpose() -> str:
    from ordinance_drafter.library.loader import builtin_library_path

    text = (builtin_library_path() / "provisions/purpose/clause.yaml").read_text()
    return text.replace("category: findings", "category: findings\napplies_to: [city]")


def test_compare_needs_a_provision_id():
    """--compare without an id is a plain error that says how to use it."""
    result = CliRunner().invoke(app, ["provisions", "--compare"])
    assert result.exit_code != 0
    assert "--compare needs a provision id" in result.output


def test_unknown_provision_suggests_the_closest():
    """A misspelt id gets a did-you-mean hint."""
    result = CliRunner().invoke(app, ["provisions", "status_inqury", "--compare"])
    assert result.exit_code != 0 and "status_inquiry" in result.output


# The differences between variants, word by word (issue 16).


def _join(line, keep: str) -> str:
    return "".join(text for op, text in line.pieces if op in ("equal", keep))


VARIED = [pid for pid, c in load_library().clauses.items() if len(c.spec.variants) > 1]


@pytest.mark.parametrize("pid", VARIED)
def test_marks_rebuild_each_variant_and_the_baseline(library, pid):
    """For every provision with variants and each sample kind: a variant's equal and inserted
    pieces give its own text, its equal and deleted pieces the baseline's, the baseline has
    no mark, and a variant that reads differently has at least one."""
    samples = variant_samples(library, pid)
    for kind in SAMPLE_KINDS:
        marked = mark_variants(samples, kind)
        offered = [s for s in samples if kind in s.paragraphs]
        assert list(marked.lines) == [s.id for s in offered]
        if not offered:
            continue
        base = offered[0]
        assert marked.baseline == base.id and not marked.differs(base.id)
        for s in offered:
            lines = marked.lines[s.id]
            mine = [_join(line, "insert") for line in lines]
            assert "\n".join(x for x in mine if x) == s.texts[kind]
            theirs = [_join(line, "delete") for line in lines]
            assert "\n".join(x for x in theirs if x) == base.texts[kind]
            assert marked.differs(s.id) == (s.texts[kind] != base.texts[kind])


def test_status_inquiry_marks_exactly_the_added_words(library):
    """The place-of-birth variant adds the same words to each paragraph that names status,
    and removes nothing."""
    marked = mark_variants(variant_samples(library, "status_inquiry"), "city")
    assert marked.baseline == "status_only"
    pieces = [p for line in marked.lines["status_and_birthplace"] for p in line.pieces]
    inserted = [text for op, text in pieces if op == "insert"]
    assert inserted and all("place of birth" in text for text in inserted)
    assert not [text for op, text in pieces if op == "delete"]


def test_json_carries_the_marks(library):
    """--compare --json gives each variant's marked lines and the baseline for each kind."""
    data = json.loads(invoke("provisions", "effective_date", "--compare", "--json").output)
    spec = library.clauses["effective_date"].spec
    assert data["baseline"] == {kind: spec.variant_ids[0] for kind in SAMPLE_KINDS}
    for variant in data["variants"]:
        for kind, lines in variant["marked"].items():
            own = ["".join(t for op, t in line["pieces"] if op != "delete") for line in lines]
            assert "\n".join(x for x in own if x) == variant["text"][kind]
    later = data["variants"][1]["marked"]["city"]
    assert any(op != "equal" for line in later for op, _t in line["pieces"])


def test_piped_output_marks_differences_with_text_markers():
    """Without a terminal the differences show as {+added+} and [-removed-]."""
    out = invoke("provisions", "status_inquiry", "--compare").output
    assert "{+, place of birth, or country of" in out
    assert "marked against the first" in out
    assert "\x1b[" not in out
    # The baseline's row has no marker.
    baseline_row = out.split("status_and_birth")[0]
    assert "{+" not in baseline_row.split("Text: Sample County")[1]


def test_terminal_marks_differences_with_styles():
    """On a colour terminal the added words are styled (underline, green) instead."""
    result = CliRunner().invoke(
        app,
        ["provisions", "status_inquiry", "--compare"],
        env={"COLUMNS": "220", "FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm-256color"},
        catch_exceptions=False,
    )
    out = result.output
    assert "{+" not in out
    underlined = re.findall(r"\x1b\[[0-9;]*4[0-9;]*m([^\x1b]*)", out)
    assert any("place of birth" in text for text in underlined)


def test_styles_mark_inserted_and_deleted_pieces(library):
    """The Rich text of a marked variant styles exactly its inserted and deleted pieces."""
    marked = mark_variants(variant_samples(library, "effective_date"), "city")
    for vid, lines in marked.lines.items():
        text = marked_text(lines, styled=True)
        styled = {text.plain[span.start : span.end] for span in text.spans}
        changed = {t for line in lines for op, t in line.pieces if op != "equal" and t}
        assert styled == changed, vid
