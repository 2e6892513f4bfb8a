"""`ordinance-drafter provisions ID --compare`: every variant of one provision side by side."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import build_clause_library
from ordinance_drafter.cli.app import app
from ordinance_drafter.library.loader import load_library
from ordinance_drafter.tools.catalog import variant_samples


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
