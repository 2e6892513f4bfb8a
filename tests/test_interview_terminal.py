"""What users hit first in the interview (issue 16), seen in a real terminal (pexpect)."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import write_answers
from interview_support import (
    PLAIN,
    STYLED,
    drive,
    finish,
    seven_provisions_library,
    spawn,
    unstyled,
)
from ordinance_drafter.interview.questionnaire import Questionnaire
from ordinance_drafter.interview.questions import is_federal
from ordinance_drafter.library.loader import load_library

DATE = ("--set", "document.draft_date=2026-03-02")
NAME = (("What is the name of the city or county?",), "Northfield")
CUSTOMIZE = (("Go through the ordinance part by part",), "y")
REVIEW = "Enter writes the draft; a number changes that answer: "


@pytest.fixture(scope="module")
def seven(tmp_path_factory) -> str:
    """A library pinned to the seven original provisions, so every keystroke is known."""
    return str(seven_provisions_library(tmp_path_factory.mktemp("seven") / "clauses"))


def read_answers(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_question_mark_and_a_number_explains_that_option_only(tmp_path):
    """?2 at the preset question lists preset 2 only; ?f1 and ?1 at a part are distinct."""
    library = load_library()
    presets = list(library.presets.values())
    model = Questionnaire(library, {"jurisdiction": {"kind": "city"}, "_customize": True})
    part = next(
        q
        for q in model.questions()
        if q.kind == "part" and any(is_federal(f) for f in q.options[0].flags)
    )
    first = library.clauses[part.options[0].group]
    federal = [f for f in part.options[0].flags if is_federal(f)]
    child = spawn(tmp_path, "draft", env=STYLED, size=(50, 200))
    rules = [NAME, (("Which preset should the draft start from?",), ["?2", ""]), CUSTOMIZE]
    shown = drive(child, rules, part.heading, limit=60)
    listing = ask(child, "")  # what the part shows, up to its prompt
    notes = ask(child, "?f1")
    detail = ask(child, "?1")
    child.terminate(force=True)

    preset = shown.split("] ?2", 1)[1].split("> [", 1)[0]
    assert f"{presets[1].title} ({presets[1].id}):" in preset
    assert "Provisions:" in preset
    others = [p for n, p in enumerate(presets) if n != 1]
    assert not any(f"({p.id}):" in preset for p in others)

    assert "type ?f1 to read them" in listing  # the pointer, distinct from version 1's number
    example = min(2, len(part.options))  # the how-to line says so, with a real number
    assert f"?{example} explains option {example}; ?f{example} shows its notes" in listing
    assert f"Federal context for {first.spec.title}:" in notes
    assert all(" ".join(f.message.split())[:40] in " ".join(notes.split()) for f in federal)
    assert f"{first.spec.title} ({first.id}, version" not in notes
    assert f"{first.spec.title} ({first.id}, version" in detail
    assert "Sources:" in detail


def ask(child, text: str) -> str:
    """Type ``text`` (empty: nothing, just wait); return what is shown up to the next prompt."""
    if text:
        child.sendline(text)
    child.expect(r"> \[[^\]\r\n]*\] ")
    return unstyled(child.before)


def test_plus_a_number_switches_a_provision_to_that_version(tmp_path, seven):
    """+2 on the other version of a chosen provision switches to it: no retyping the set."""
    library = load_library(seven)
    clause = library.clauses["status_inquiry"]
    second = clause.spec.variants[1]
    child = spawn(tmp_path, "draft", "--library", seven, *DATE, env=PLAIN)
    rules = [NAME, CUSTOMIZE, (("Part 2 of", "Which provisions"), "+2")]
    shown = drive(child, rules, REVIEW, limit=30)
    assert "are versions of the same provision" not in shown
    child.sendline("")
    assert finish(child) == 0
    answers = read_answers(tmp_path / "northfield.answers.yaml")
    assert answers["provisions"]["status_inquiry"]["variant"] == second.id


def _row(screen: str, label: str) -> str:
    """The number the review (or a part of it) shows for the row labelled ``label``."""
    found = re.findall(rf"^\s*(\d+(?:\.\d+)?)\s+{re.escape(label)}", screen, re.MULTILINE)
    assert found, f"no row {label!r} in:\n{screen}"
    return found[-1]


def test_the_review_changes_one_value_directly(tmp_path):
    """A part's number shows its details; a detail's number asks that one value alone."""
    library = load_library()
    essentials = library.presets[library.default_preset]
    pid = next(p for p in essentials.provisions if library.clauses[p].spec.variables)
    clause = library.clauses[pid]
    var = clause.spec.variables[0]
    part = library.category_title(clause.spec.category)
    child = spawn(tmp_path, "draft", *DATE, env=PLAIN)
    screen = drive(child, [NAME], REVIEW, limit=20)
    child.sendline(_row(screen.split("Review your answers")[-1], part))
    child.expect_exact("Enter returns to the review; a number changes that answer: ")
    page = child.before
    label = f"{clause.spec.title}: "
    detail = _row(page, label)
    assert detail.count(".") == 1
    child.sendline(detail)
    child.expect_exact(var.prompt.split("(")[0].strip())
    child.expect(r"> \[[^\]\r\n]*\] ")
    child.sendline("none" if var.type == "multiselect" else "")
    child.expect_exact(REVIEW)
    between = child.before
    assert "Change any of these details" not in between  # no walk through the part
    assert between.count("?") <= 2  # that question alone (and its help)
    child.sendline("document.notes=inline")
    child.expect_exact("✓ Explanatory notes: Inline")
    child.expect_exact(REVIEW)
    child.sendline("")
    assert finish(child) == 0
    answers = read_answers(tmp_path / "northfield.answers.yaml")
    assert answers["document"]["notes"] == "inline"
    if var.type == "multiselect":
        assert answers["provisions"][pid]["values"][var.name] == []


@pytest.mark.parametrize("columns", [80, 120])
def test_the_review_of_the_longest_draft_fits_a_50_line_terminal(tmp_path, columns):
    """Comprehensive, county jail, part by part: the review and its prompt fit 50 lines."""
    library = load_library()
    model = Questionnaire(
        library,
        {"jurisdiction": {"kind": "county", "jail": "county"}, "_customize": True},
    )
    parts = [q for q in model.questions() if q.kind == "part"]
    child = spawn(tmp_path, "draft", env=STYLED, size=(50, columns))
    rules = [
        NAME,
        (("Is it a city or a county?",), "2"),
        (("Who runs the county jail?",), "2"),
        (("Which preset",), "comprehensive"),
        CUSTOMIZE,
    ]
    shown = drive(child, rules, REVIEW, limit=80)
    child.terminate(force=True)
    review = "Review your answers" + shown.split("Review your answers")[-1]
    lines = review.replace("\r\n", "\n").split("\n")
    assert len(lines) <= 50, review
    for q in parts:  # one row for each part
        assert re.search(rf"^\s*\d+\s+{re.escape(q.label[:20])}", review, re.MULTILINE), q.label


def test_draft_from_an_answers_file_offers_to_overwrite_it(tmp_path):
    """At a terminal: y overwrites the file started from; n keeps it and says where it went."""
    write_answers(tmp_path / "northfield.answers.yaml", "jurisdiction: {name: Northfield}\n")
    child = spawn(tmp_path, "draft", "--answers", "northfield.answers.yaml", *DATE, env=PLAIN)
    drive(child, [], REVIEW, limit=20)
    child.sendline("document.notes=appendix")
    child.expect_exact(REVIEW)
    child.sendline("")
    child.expect_exact("> [y/N] ")
    asked = " ".join(unstyled(child.before).split())
    assert (
        "northfield.answers.yaml already exists (northfield.answers.yaml is the answers file you "
        "started from). Answer y to overwrite, or n to keep it and write "
        "northfield-2.answers.yaml." in asked
    )
    child.sendline("y")
    child.expect_exact("Saved answers to northfield.answers.yaml")
    assert finish(child) == 0
    assert read_answers(tmp_path / "northfield.answers.yaml")["document"]["notes"] == "appendix"
    assert not (tmp_path / "northfield-2.answers.yaml").exists()

    child = spawn(tmp_path, "draft", "--answers", "northfield.answers.yaml", *DATE, env=PLAIN)
    drive(child, [], REVIEW, limit=20)
    child.sendline("")
    child.expect_exact("> [y/N] ")
    asked = " ".join(unstyled(child.before).split())
    assert "northfield.answers.yaml and northfield.docx already exist" in asked
    child.sendline("n")
    child.expect_exact("Wrote northfield-2.docx")
    said = " ".join(unstyled(child.before).split())
    assert "so this draft goes to northfield-2.answers.yaml and northfield-2.docx." in said
    assert "Saved answers to northfield-2.answers.yaml" in said
    assert finish(child) == 0
    assert (tmp_path / "northfield-2.answers.yaml").is_file()


def test_without_a_terminal_the_draft_says_where_it_went_and_force_overwrites(
    cli, tmp_path, monkeypatch
):
    """Piped input keeps the files and says so; --force overwrites them without asking."""
    monkeypatch.chdir(tmp_path)
    first = cli("draft", "--no-input", "--set", "jurisdiction.name=Northfield")
    assert first.exit_code == 0, first.output
    again = cli("draft", "--no-input", "--answers", "northfield.answers.yaml")
    assert again.exit_code == 0, again.output
    said = " ".join(again.output.split())
    assert (
        "northfield.answers.yaml and northfield.docx already exist (northfield.answers.yaml is "
        "the answers file you started from), so this draft goes to northfield-2.answers.yaml "
        "and northfield-2.docx; --force overwrites instead." in said
    )
    assert (tmp_path / "northfield-2.docx").is_file()
    forced = cli("draft", "--no-input", "--answers", "northfield.answers.yaml", "--force")
    assert forced.exit_code == 0, forced.output
    assert "already exist" not in forced.output
    assert "Saved answers to northfield.answers.yaml" in forced.output
    assert not (tmp_path / "northfield-3.answers.yaml").exists()


def test_the_state_notice_names_what_it_counts_and_blank_details_read_none_given(tmp_path):
    """'marks 6 provision(s) with state-law context'; a blank office reads 'none given'."""
    library = load_library()
    blank = [
        (c, v)
        for c in library.clauses.values()
        for v in c.spec.variables
        if v.type == "text" and v.default == ""
    ]
    assert blank  # the library has details whose blank default means something
    child = spawn(tmp_path, "draft", env=STYLED, size=(50, 250))
    rules = [
        NAME,
        (("Which preset",), "comprehensive"),
        CUSTOMIZE,
        (("Change any of these details",), ""),
    ]
    shown = drive(child, rules, REVIEW, limit=80)
    child.terminate(force=True)
    notice = " ".join(shown.split("State law in Minnesota", 1)[1].split("> [")[0].split())
    assert re.search(r"The state data marks \d+ provision\(s\) ", notice), notice
    details = [line for line in shown.splitlines() if line.strip().startswith("- ")]
    assert any("[none given]" in line for line in details)
    assert not any(line.rstrip().endswith("[]") for line in details)


def test_a_flagged_state_review_fits_too_and_question_mark_gives_the_warnings_in_full(tmp_path):
    """Texas, standard preset: one line a warning under the table; ? prints each in full."""
    library = load_library()
    model = Questionnaire(library, {"jurisdiction": {"state": "TX"}, "preset": "standard"})
    warned = [
        (library.clauses[pid].spec.title, f)
        for pid in model.chosen_ids()
        for f in model.flags(pid, model.current_variant(library.clauses[pid]) or None)
        if f.severity in ("forbidden", "limited") and f.scope != "federal"
    ]
    assert len(warned) >= 5  # enough to have pushed the table off a 50-line screen
    child = spawn(tmp_path, "draft", env=STYLED, size=(50, 80))
    rules = [NAME, (("Which state",), "TX"), (("Which preset",), "standard")]
    shown = drive(child, rules, REVIEW, limit=20)
    review = "Review your answers" + shown.split("Review your answers")[-1]
    assert len(review.split("\n")) <= 50, review
    assert all(title[:30] in review for title, _ in warned)
    child.sendline("?")
    child.expect_exact(REVIEW)
    full = " ".join(unstyled(child.before).split())
    child.terminate(force=True)
    assert "Review your answers" not in full  # the warnings alone, then the prompt
    assert all(" ".join(f.message.split()) in full for _, f in warned)
