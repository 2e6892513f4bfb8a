"""Helpers shared by the interview tests: scripted runs and a library of many provisions."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from conftest import build_clause_library
from ordinance_drafter.interview.review import review_layout
from ordinance_drafter.interview.terminal import Interview
from ordinance_drafter.library.loader import Library, builtin_library_path

# The provision plan the clause library is growing into (CONTENT.md): order, id, category.
PLANNED = [
    (210, "status_records", "information"),
    (310, "civil_arrests", "resources"),
    (400, "detainers", "custody"),
    (410, "notification_requests", "custody"),
    (420, "transfer_requests", "custody"),
    (430, "custody_interviews", "custody"),
    (440, "serious_offenses", "custody"),
    (500, "immigration_agreements", "agreements"),
    (510, "detention_contracts", "agreements"),
    (520, "federal_office_space", "agreements"),
    (530, "task_forces", "agreements"),
    (550, "information_sharing", "data"),
    (560, "data_systems", "data"),
    (600, "property_staging", "property"),
    (610, "nonpublic_areas", "property"),
    (620, "sensitive_locations", "property"),
    (630, "perimeter_support", "property"),
    (700, "equal_access", "services"),
    (710, "nondiscrimination", "services"),
    (720, "identification_documents", "services"),
    (730, "victim_certification", "services"),
    (800, "officer_identification", "accountability"),
    (810, "request_documentation", "accountability"),
    (820, "public_reporting", "accountability"),
    (830, "training", "accountability"),
    (840, "complaints", "accountability"),
    (850, "enforcement", "accountability"),
    (900, "criminal_investigations", "carveouts"),
    (910, "prosecutor_duties", "carveouts"),
]


def _clause_yaml(n: int, order: int, pid: str, category: str) -> str:
    """A made-up provision: every other one has two versions, every third a variable."""
    lines = [
        f"id: {pid}",
        f"title: Test provision {pid.replace('_', ' ')}",
        f"category: {category}",
        f"order: {order}",
        "version: 0.1.0",
        f"summary: A made-up provision called {pid} for interview tests.",
    ]
    if category == "custody":
        lines += ["needs_jail: true", "sheriff: resolution"]
    if n % 2 == 0:
        lines += [
            "variants:",
            "  - {id: narrow, label: Narrow, summary: The narrow version.}",
            "  - {id: wide, label: Wide, summary: The wide version.}",
        ]
    if n % 3 == 0:
        lines += [
            "variables:",
            "  - name: days",
            "    type: int",
            "    prompt: How many days?",
            "    help: A number of days.",
            "    default: 30",
            "    min: 1",
            "    max: 365",
        ]
    lines += ["sources:", "  - cite: Test Code § 1", "    status: verified"]
    return "\n".join(lines) + "\n"


def many_provisions_library(root: Path, extra: dict[str, str] | None = None) -> Path:
    """The built-in library plus made-up provisions for every planned id (``PLANNED``).

    It has a ``comprehensive`` preset that chooses every provision, like the one the lead
    will add, so prompt counts can be measured before the real clauses land.
    """
    files: dict[str, str] = {}
    for n, (order, pid, category) in enumerate(PLANNED):
        folder = f"provisions/{pid}"
        files[f"{folder}/clause.yaml"] = _clause_yaml(n, order, pid, category)
        files[f"{folder}/text.md.j2"] = f"{{{{ jur.The }}}} follows the rule called {pid}.\n"
        files[f"{folder}/note.md.j2"] = f"## What it does\nExplains {pid}.\n"
    # Every built-in provision (read from the library, so new ones are included) and every
    # planned one.
    builtin = sorted(
        p.name for p in (builtin_library_path() / "provisions").iterdir() if p.is_dir()
    )
    ids = list(dict.fromkeys([*builtin, *(pid for _, pid, _ in PLANNED)]))
    files["presets/comprehensive.yaml"] = (
        "id: comprehensive\ntitle: Comprehensive\ndescription: Every provision.\nprovisions:\n"
        + "".join(f"  {pid}:\n" for pid in ids)
    )
    files.update(extra or {})
    return build_clause_library(root, files)


# The provisions of the walking skeleton: tests that script every keystroke pin them, so
# that new provisions in the built-in library do not shift the questions.
SEVEN = (
    "findings",
    "purpose",
    "status_inquiry",
    "resource_use",
    "federal_law_savings",
    "severability",
    "effective_date",
)


def seven_provisions_library(root: Path) -> Path:
    """The built-in library cut down to the seven original provisions and `essentials`."""
    builtin = builtin_library_path()
    drop: dict[str, str | None] = {
        f"provisions/{d.name}": None
        for d in (builtin / "provisions").iterdir()
        if d.is_dir() and d.name not in SEVEN
    }
    drop.update(
        {f"presets/{f.name}": None for f in (builtin / "presets").glob("*.yaml")}
        | {"presets/essentials.yaml": ESSENTIALS}
    )
    return build_clause_library(root, drop)


ESSENTIALS = """id: essentials
title: Essentials (Minnesota policy brief core)
description: The seven provisions of the walking skeleton.
provisions:
  findings:
  purpose:
  status_inquiry:
    variant: status_only
  resource_use:
    variant: core
  federal_law_savings:
  severability:
  effective_date:
    variant: after_publication
"""

Answer = str | Callable[[Interview], str] | list[str | Callable[[Interview], str]]


class Responder(io.StringIO):
    """An input stream that answers each question by its key (Enter where no rule says).

    Rules map a question key (``("jurisdiction", "name")``, ``("_part", "information")``,
    ``("_review",)`` ...) to an answer, a list of answers used in turn each time the
    question is asked, or a function of the interview. ``stop`` ends the input (like
    Ctrl-D) when that key is asked; ``limit`` ends it after so many lines in all.
    """

    def __init__(
        self,
        rules: dict[tuple[str, ...], Answer],
        stop: tuple[str, ...] | None = None,
        limit: int = 300,
    ) -> None:
        super().__init__()
        self.rules = {k: (list(v) if isinstance(v, list) else v) for k, v in rules.items()}
        self.stop = stop
        self.limit = limit
        self.interview: Interview | None = None

    def readline(self, size: int | None = -1) -> str:
        """The answer to the question being asked, with a newline; '' ends the input."""
        assert self.interview is not None
        key = self.interview.asking
        self.limit -= 1
        if self.limit < 0 or key is None or key == self.stop:
            return ""
        rule = self.rules.get(key, "")
        answer = (rule.pop(0) if rule else "") if isinstance(rule, list) else rule
        if callable(answer):
            answer = answer(self.interview)
        return f"{answer}\n"


def respond(
    library: Library,
    rules: dict[tuple[str, ...], Answer],
    *,
    stop: tuple[str, ...] | None = None,
    data: dict[str, Any] | None = None,
    given: list[list[str]] | None = None,
    answered: list[list[str]] | None = None,
    recovery: Path | None = None,
    width: int = 100,
) -> tuple[Interview, dict[str, Any] | None, str]:
    """Run the interview answering by question key; return it, its answers and its output."""
    from ordinance_drafter.errors import InterviewAborted

    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    stream = Responder(rules, stop)
    interview = Interview(library, console, stream, data, recovery, answered, given)
    stream.interview = interview
    try:
        result: dict[str, Any] | None = interview.run()
    except InterviewAborted:
        result = None
    return interview, result, console.file.getvalue()


def review_row(interview: Interview, label: str) -> str:
    """The review table's number of the row labelled ``label`` (a part's title: its part)."""
    rows = review_layout(interview.model).rows.values()
    return next(r.number for r in rows if r.label == label)


def scripted(
    library: Library,
    lines: list[str],
    *,
    data: dict[str, Any] | None = None,
    given: list[list[str]] | None = None,
    answered: list[list[str]] | None = None,
    recovery: Path | None = None,
    width: int = 100,
) -> tuple[Interview, dict[str, Any] | None, str]:
    """Run the interview on scripted input lines; return it, its answers and its output.

    The answers are ``None`` when the script ends before the interview does (the
    interview raises ``InterviewAborted``, which is what Ctrl-D does).
    """
    from ordinance_drafter.errors import InterviewAborted

    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    stream = io.StringIO("".join(f"{line}\n" for line in lines))
    interview = Interview(library, console, stream, data, recovery, answered, given)
    try:
        result: dict[str, Any] | None = interview.run()
    except InterviewAborted:
        result = None
    return interview, result, console.file.getvalue()


# -- a real terminal (pexpect) ---------------------------------------------------------

#: What the interview's prompts end with: an answer in brackets, none, or the review's.
PROMPTS = [r"> \[[^\]\r\n]*\] ", r"\n> (?!\[)", r"changes that answer: "]

#: A terminal without colour, so what it shows can be searched as plain text (Rich gives
#: a dumb terminal 80 columns; ``unstyled`` reads a styled one).
PLAIN = {"TERM": "dumb", "NO_COLOR": "1"}

#: A terminal Rich measures (its size is the pseudo-terminal's), in colour.
STYLED = {"TERM": "xterm-256color"}


def unstyled(text: str) -> str:
    """Terminal output without its escape sequences and carriage returns."""
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "", text)


Rule = tuple[tuple[str, ...], str | list[str]]


def spawn(cwd: Path, *args: str, env: dict[str, str] | None = None, size=(40, 120)) -> Any:
    """Start the installed command in a pseudo-terminal of ``size`` (rows, columns)."""
    import os
    import shutil
    import sys

    import pexpect

    exe = shutil.which("ordinance-drafter")
    cmd, argv = (exe, list(args)) if exe else (sys.executable, ["-m", "ordinance_drafter", *args])
    return pexpect.spawn(
        cmd,
        argv,
        cwd=str(cwd),
        env={**os.environ, **(env or {})},
        encoding="utf-8",
        dimensions=size,
        timeout=60,
    )


def drive(child: Any, rules: list[Rule], until: str, limit: int = 200) -> str:
    """Answer each prompt by what is shown before it, until ``until`` is shown.

    A rule applies when every one of its texts is on the screen since the last answer;
    the first rule that applies gives the answer (a list gives its answers in turn, then
    Enter). Where no rule applies, the answer is Enter. Returns all that was shown.
    """
    import re

    pending = [(texts, list(a) if isinstance(a, list) else a) for texts, a in rules]
    shown: list[str] = []
    for _ in range(limit):
        found = child.expect([re.escape(until), *PROMPTS])
        shown.append(unstyled(child.before + child.after))
        if found == 0:
            return "".join(shown)
        screen = unstyled(child.before)
        text = ""
        for texts, answers in pending:
            if all(t in screen for t in texts):
                text = (answers.pop(0) if answers else "") if isinstance(answers, list) else answers
                break
        child.sendline(text)
    raise AssertionError(f"{until!r} never appeared:\n{''.join(shown)[-3000:]}")


#: The offer the interview makes once the draft is written (answered with the default, no).
PACKET_OFFER = r"-packet\? \[y/N\] "  # a line editor may scroll the start of a long prompt away


def finish(child: Any) -> int:
    """Wait for the command to end, declining the adoption packet if it is offered; return
    its exit status."""
    import pexpect

    while child.expect([PACKET_OFFER, pexpect.EOF]) == 0:
        child.sendline("")
    child.close()
    return child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)
