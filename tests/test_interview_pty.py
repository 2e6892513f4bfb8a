"""The installed `ordinance-drafter draft` in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from docx2python import docx2python

from interview_support import finish, seven_provisions_library

DATE = ("--set", "document.draft_date=2026-03-02")


@pytest.fixture(scope="module")
def seven(tmp_path_factory) -> str:
    """A library pinned to the seven original provisions, so every keystroke is known."""
    return str(seven_provisions_library(tmp_path_factory.mktemp("seven") / "clauses"))


def spawn(cwd: Path, *args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    """Start the installed command in a pseudo-terminal of 40 x 120 characters."""
    exe = shutil.which("ordinance-drafter")
    cmd, argv = (exe, list(args)) if exe else (sys.executable, ["-m", "ordinance_drafter", *args])
    child = pexpect.spawn(
        cmd,
        argv,
        cwd=str(cwd),
        env={**os.environ, **(env or {})},
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=60,
    )
    return child


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    """Wait for a prompt ending in ``prompt`` and type ``text`` and Enter."""
    child.expect_exact(prompt)
    child.sendline(text)


def interrupt(child: pexpect.spawn) -> None:
    """Press Ctrl-C at the prompt just shown, once the command is reading the line.

    Typing a little first and waiting for its echo makes sure the line editor is reading;
    a Ctrl-C sent while it is still starting up could be noticed only at the next key.
    """
    child.send("zz")
    child.expect_exact("zz")
    child.sendintr()


def paragraphs(path: Path) -> list[str]:
    """The DOCX's text paragraphs as docx2python reads them."""
    with docx2python(path) as doc:
        return [p for p in doc.text.split("\n") if p.strip()]


@pytest.mark.parametrize(
    "env",
    [{"TERM": "xterm-256color"}, {"TERM": "dumb", "NO_COLOR": "1"}],
    ids=["color", "plain"],
)
def test_back_ctrl_c_resume_and_review_edit_in_a_terminal(tmp_path, env, seven):
    """Back, Ctrl-C, --resume and a review edit give the same document as a straight run."""
    child = spawn(tmp_path, "draft", "--library", seven, "-o", "interrupted.docx", *DATE, env=env)
    answer(child, "> ", "Northfield")
    answer(child, "> [1: City] ", "")
    answer(child, "> [MN] ", "back")  # back to "city or county" ...
    child.expect_exact("Is it a city or a county?")
    answer(child, "> [1: City] ", "2")  # ... now a county
    answer(child, "> [MN] ", "")
    child.expect_exact("Is it a statutory county or a home rule charter county?")
    answer(child, "> [1: Statutory county] ", "")
    child.expect_exact("What is its form of government?")
    answer(child, "] ", "")
    child.expect_exact("Who runs the county jail?")
    answer(child, "> [1: The sheriff's jail] ", "2")
    child.expect_exact("Which preset should the draft start from?")
    child.expect_exact("> [1: ")
    interrupt(child)  # Ctrl-C at the preset question
    child.expect_exact("Interview stopped.")
    assert finish(child) == 130
    saved = yaml.safe_load((tmp_path / ".ordinance-drafter-recovery.yaml").read_text())
    assert saved["answers"]["jurisdiction"]["jail"] == "county"

    child = spawn(tmp_path, "draft", "--resume", env=env)
    child.expect_exact("Which preset should the draft start from?")  # where the user stopped
    answer(child, "> [1: ", "")
    answer(child, "> [y/N] ", "y")
    child.expect_exact("Part 1 of")
    answer(child, "> [1] ", "none")  # leave out Purpose
    answer(child, "> [y/N] ", "")
    child.expect_exact("Part 2 of")
    answer(child, "> [1] ", "?")
    child.expect_exact("Minneapolis Code § 19.30(a)(1)")  # the provision's sources
    answer(child, "> [1] ", "2")
    for _ in range(5):  # details, part 3, carve-out details, closing part and details
        answer(child, "] ", "")
    child.expect_exact("Review your answers")
    answer(child, "changes that answer: ", "1")
    answer(child, "> [Northfield] ", "Rice")
    child.expect_exact("Review your answers")
    answer(child, "changes that answer: ", "")
    child.expect_exact("Wrote interrupted.docx")
    assert finish(child) == 0
    assert not (tmp_path / ".ordinance-drafter-recovery.yaml").exists()

    child = spawn(tmp_path, "draft", "--library", seven, "-o", "straight.docx", *DATE, env=env)
    script = ["Rice", "2", "", "", "", "2", "", "y", "none", "", "2", "", "", "", "", "", ""]
    for text in script:
        answer(child, "] " if text != "Rice" else "> ", text)
    child.expect_exact("rice.answers.yaml already exists")
    answer(child, "> [y/N] ", "")  # keep it: the answers go to rice-2.answers.yaml
    child.expect_exact("Wrote straight.docx")
    assert finish(child) == 0

    assert paragraphs(tmp_path / "interrupted.docx") == paragraphs(tmp_path / "straight.docx")
    first = yaml.safe_load((tmp_path / "rice.answers.yaml").read_text())
    second = yaml.safe_load((tmp_path / "rice-2.answers.yaml").read_text())
    assert first == second
    assert "purpose" not in first["provisions"]
    assert first["provisions"]["status_inquiry"]["variant"] == "status_and_birthplace"


def test_plain_terminal_output_has_no_escape_codes(tmp_path):
    """With NO_COLOR and TERM=dumb the questions carry no colour codes."""
    child = spawn(tmp_path, "draft", env={"TERM": "dumb", "NO_COLOR": "1"})
    child.expect_exact("> ")
    shown = child.before
    interrupt(child)
    finish(child)
    assert "What is the name of the city or county?" in shown
    assert "\x1b[" not in shown


PROMPT = [r"> \[[^\]\r\n]*\] ", r"\n> (?!\[)", r"changes that answer: "]
# Name, county, state, type of county, form of government, a county-run jail, preset, part by
# part ...
WRIGHT = ["Wright", "2", "", "", "", "2", "", "y", "none", "", "2", "", "", "", "", "", ""]


def run_script(child: pexpect.spawn, script: list[str], stop: int | None = None) -> int:
    """Answer each prompt from ``script``; press Ctrl-C at prompt ``stop``; return the status."""
    for n, text in enumerate(script):
        child.expect(PROMPT)
        if n == stop:
            interrupt(child)
            break
        child.sendline(text)
    return finish(child)


@pytest.mark.parametrize("stop", [5, 10, 16], ids=["at-jail", "in-a-part", "at-review"])
def test_ctrl_c_anywhere_then_resume_gives_the_same_document(tmp_path, stop, seven):
    """Ctrl-C at a question, then --resume, writes the DOCX an uninterrupted run writes."""
    straight = spawn(tmp_path, "draft", "--library", seven, "-o", "straight.docx", *DATE)
    assert run_script(straight, WRIGHT) == 0
    cut = spawn(tmp_path, "draft", "--library", seven, "-o", "resumed.docx", *DATE)
    assert run_script(cut, WRIGHT, stop) == 130
    assert not (tmp_path / "resumed.docx").exists()
    resumed = spawn(tmp_path, "draft", "--resume")
    # The last answer keeps the straight run's wright.answers.yaml (asked: it exists).
    assert run_script(resumed, [*WRIGHT[stop:], ""]) == 0
    assert paragraphs(tmp_path / "resumed.docx") == paragraphs(tmp_path / "straight.docx")
