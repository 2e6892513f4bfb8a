"""`ordinance-drafter draft`: answers files, --preset, --set, --no-input and --resume (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from docx2python import docx2python

from conftest import EXAMPLES, write_answers
from interview_support import seven_provisions_library
from ordinance_drafter.interview.terminal import RECOVERY_NAME
from ordinance_drafter.library.loader import load_library

ENTER_ALL = "Northfield\n" + "\n" * 8


def read_answers(path: Path) -> dict:
    """An answers file as data."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def paragraphs(path: Path) -> list[str]:
    """The DOCX's paragraphs as docx2python reads them (body, headers, footers, comments)."""
    with docx2python(path) as doc:
        return [p for p in doc.text.split("\n") if p.strip()]


@pytest.fixture(scope="module")
def seven(tmp_path_factory) -> str:
    """A library pinned to the seven original provisions, for runs that script every key."""
    return str(seven_provisions_library(tmp_path_factory.mktemp("seven") / "clauses"))


@pytest.fixture
def here(tmp_path, monkeypatch) -> Path:
    """Run in a fresh folder (the recovery file lives in the working folder)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_enter_throughout_writes_answers_then_the_draft(cli, here):
    """Pressing Enter at every prompt saves northfield.answers.yaml and writes northfield.docx."""
    result = cli("draft", input=ENTER_ALL)
    assert result.exit_code == 0, result.output
    assert "Saved answers to northfield.answers.yaml" in result.output
    assert result.output.index("Saved answers") < result.output.index("Wrote northfield.docx")
    data = read_answers(here / "northfield.answers.yaml")
    assert data["preset"] == "essentials"
    assert set(data["provisions"]) >= {"findings", "status_inquiry", "resource_use"}
    assert "City of Northfield" in "\n".join(paragraphs(here / "northfield.docx"))
    assert not (here / RECOVERY_NAME).exists()


def test_no_input_with_a_missing_answer_fails_and_names_it(cli, here):
    """--no-input without a name exits non-zero and lists jurisdiction.name as missing."""
    result = cli("draft", "--no-input")
    assert result.exit_code != 0
    assert "jurisdiction.name" in result.output
    assert "missing" in result.output
    assert not list(here.iterdir())


def test_no_input_uses_the_defaults(cli, here):
    """--no-input with a name builds the default preset for a Minnesota city."""
    result = cli("draft", "--no-input", "--set", "jurisdiction.name=Northfield", "-o", "n.md")
    assert result.exit_code == 0, result.output
    data = read_answers(here / "northfield.answers.yaml")
    assert data["jurisdiction"]["state"] == "MN" and data["preset"] == "essentials"
    assert "City of Northfield" in (here / "n.md").read_text(encoding="utf-8")


def test_set_values_are_typed_by_what_the_key_holds(cli, here):
    """--set keeps text as text, splits a multiselect on commas and reads numbers as numbers."""
    result = cli(
        "draft",
        "--no-input",
        "--set",
        "jurisdiction.name=1999",
        "--set",
        "document.number=12",
        "--set",
        "provisions.status_inquiry.values.exceptions=eligibility, victim_certification",
        "--set",
        "provisions.effective_date.variant=days_after",
        "--set",
        "provisions.effective_date.values.days=45",
        "-o",
        "out.md",
    )
    assert result.exit_code == 0, result.output
    data = read_answers(here / "1999.answers.yaml")
    assert data["jurisdiction"]["name"] == "1999"
    assert data["document"]["number"] == "12"
    assert data["provisions"]["status_inquiry"]["values"]["exceptions"] == [
        "eligibility",
        "victim_certification",
    ]
    assert data["provisions"]["effective_date"]["values"]["days"] == 45
    # Changing one provision keeps the rest of the preset.
    assert "resource_use" in data["provisions"] and "purpose" in data["provisions"]


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("jurisdiction.kind=town", "'jurisdiction.kind' has the value 'town'"),
        ("jurisdiction.nme=X", "unknown key 'jurisdiction.nme'. Did you mean 'name'?"),
        ("provisions.resource_use.variant=wide", "Variants: core, broad"),
        ("provisions.bogus=on", "'bogus', which is not a provision"),
        ("provisions.effective_date.values.days=soon", "it must be a whole number"),
        ("provisions.status_inquiry.values.exceptions=eligibilty", "Did you mean 'eligibility'?"),
        ("colour=blue", "unknown key 'colour'"),
    ],
)
def test_a_bad_set_is_reported_before_any_question(cli, here, setting, says):
    """A bad --set fails at once with one paragraph naming the --set, before the interview."""
    result = cli("draft", "--set", setting, input=ENTER_ALL)
    assert result.exit_code == 2
    assert says in result.output
    assert f"--set '{setting}'" in result.output
    assert "What is the name" not in result.output
    assert "Traceback" not in result.output


def test_a_bad_answers_file_is_reported_before_any_question(cli, here):
    """A mistake in --answers FILE names the file and field before anything is asked."""
    write_answers(here / "a.yaml", "jurisdiction: {name: X, kind: city, jail: sheriff}\n")
    result = cli("draft", "--answers", "a.yaml", input=ENTER_ALL)
    assert result.exit_code == 2
    assert "a.yaml: field 'jurisdiction.jail' is 'sheriff'" in result.output
    assert "What is the name" not in result.output


def test_a_partial_answers_file_asks_only_what_it_lacks(cli, here):
    """An answers file with the jurisdiction only: the interview asks the rest, not the name."""
    write_answers(here / "a.yaml", "jurisdiction: {name: Rice, kind: county, state: MN}\n")
    result = cli("draft", "--answers", "a.yaml", "-o", "rice.md", input="\n" * 6)
    assert result.exit_code == 0, result.output
    assert "What is the name" not in result.output
    assert "Who runs the county jail?" in result.output
    assert read_answers(here / "rice.answers.yaml")["jurisdiction"]["jail"] == "sheriff"


def test_later_sources_win(cli, here):
    """--set beats --preset, which beats the answers file; the interview asks none of them."""
    write_answers(
        here / "a.yaml",
        "jurisdiction: {name: Rice, kind: county, jail: county}\npreset: essentials\n",
    )
    result = cli(
        "draft",
        "--answers",
        "a.yaml",
        "--preset",
        "essentials",
        "--set",
        "jurisdiction.jail=sheriff",
        "--no-input",
        "-o",
        "rice.md",
    )
    assert result.exit_code == 0, result.output
    assert read_answers(here / "rice.answers.yaml")["jurisdiction"]["jail"] == "sheriff"


@pytest.mark.parametrize("example", ["northfield-city", "rice-county"])
def test_an_answers_file_round_trips_through_draft(cli, here, example):
    """draft --answers FILE --no-input saves answers that rebuild the same draft with build."""
    answers = EXAMPLES / example / "answers.yaml"
    result = cli("draft", "--answers", str(answers), "--no-input", "-o", "first.md")
    assert result.exit_code == 0, result.output
    saved = next(here.glob("*.answers.yaml"))
    again = cli("build", str(saved), "-o", "second.md")
    assert again.exit_code == 0, again.output
    first = (here / "first.md").read_text(encoding="utf-8")
    assert first == (here / "second.md").read_text(encoding="utf-8")
    assert first == (EXAMPLES / example / "ordinance.md").read_text(encoding="utf-8")


def test_resume_without_a_recovery_file_says_so(cli, here):
    """--resume in a folder with no interrupted interview explains what to do."""
    result = cli("draft", "--resume")
    assert result.exit_code == 2
    assert "no interrupted interview to resume" in result.output


@pytest.mark.parametrize("stop", [1, 4, 7])
def test_resume_produces_the_same_document(cli, here, seven, stop):
    """An interview cut off after `stop` answers and resumed writes the same DOCX text."""
    script = ["Wright", "2", "", "", "", "2", "", "y", "none", "", "2", "", "", "", "", "", ""]
    fixed = ("--library", seven, "--set", "document.draft_date=2026-03-02")
    whole = cli("draft", *fixed, "-o", "whole.docx", input="\n".join(script) + "\n")
    assert whole.exit_code == 0, whole.output
    (here / "wright.answers.yaml").rename(here / "whole.answers.yaml")

    cut = cli("draft", *fixed, "-o", "resumed.docx", input="\n".join(script[:stop]) + "\n")
    assert cut.exit_code == 130
    assert "draft --resume" in cut.output
    assert (here / RECOVERY_NAME).is_file()
    # --library and -o given at the start are kept for --resume.
    resumed = cli("draft", "--resume", input="\n".join(script[stop:]) + "\n")
    assert resumed.exit_code == 0, resumed.output
    assert paragraphs(here / "resumed.docx") == paragraphs(here / "whole.docx")
    assert read_answers(here / "wright.answers.yaml") == read_answers(here / "whole.answers.yaml")
    assert not (here / RECOVERY_NAME).exists()


def test_draft_offers_to_continue_an_interrupted_interview(cli, here):
    """Plain `draft` in a folder with a recovery file offers to continue it."""
    cut = cli("draft", input="Northfield\n2\n")
    assert cut.exit_code == 130
    result = cli("draft", "-o", "n.md", input="\n" + "\n" * 8)
    assert result.exit_code == 0, result.output
    assert "An interrupted interview (for Northfield)" in result.output
    assert read_answers(here / "northfield.answers.yaml")["jurisdiction"]["kind"] == "county"


def test_declining_to_continue_starts_again(cli, here):
    """Answering n to the offer starts a fresh interview."""
    cli("draft", input="Northfield\n2\n")
    result = cli("draft", "-o", "f.md", input="n\nFaribault\n" + "\n" * 8)
    assert result.exit_code == 0, result.output
    data = read_answers(here / "faribault.answers.yaml")
    assert data["jurisdiction"]["kind"] == "city"


def test_set_and_the_interview_never_change_the_library_preset(cli, here, seven):
    """Answers built from a preset are copies: the preset itself stays as the library has it."""
    library = load_library(seven)
    before = yaml.safe_dump(library.presets["essentials"].model_dump())
    result = cli(
        "draft",
        "--library",
        seven,
        "--set",
        "provisions.resource_use.variant=broad",
        "--set",
        "provisions.status_inquiry.values.exceptions=eligibility",
        "-o",
        "x.md",
        input="Northfield\n\n\n\n\n\n\ny\n\n\n2\ny\n4\n\n\n\n\n\n",
    )
    assert result.exit_code == 0, result.output
    assert yaml.safe_dump(library.presets["essentials"].model_dump()) == before
    data = read_answers(here / "northfield.answers.yaml")
    assert data["provisions"]["status_inquiry"]["values"]["exceptions"] == ["victim_certification"]
    assert data["provisions"]["resource_use"]["variant"] == "broad"


def test_a_partial_file_is_checked_for_what_the_interview_will_still_ask(cli, here):
    """A file giving a sheriff's jail but no kind is not refused: the kind is still to come."""
    write_answers(here / "a.yaml", "jurisdiction: {name: Rice, jail: sheriff}\n")
    result = cli("draft", "--answers", "a.yaml", "-o", "rice.md", input="2\n" + "\n" * 6)
    assert result.exit_code == 0, result.output
    assert read_answers(here / "rice.answers.yaml")["jurisdiction"]["kind"] == "county"
