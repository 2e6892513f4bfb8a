"""The interview: asks the questionnaire's questions in a terminal, one at a time.

The interview never renders clause text. It shows the questions a
:class:`~.questionnaire.Questionnaire` works out from the library's
metadata, reads the answers, and returns raw answers data, the same structure an answers
file holds. It takes its console and input stream as parameters, so tests can script it.

At every prompt the user can type:

* ``back`` or ``<`` to return to the previous question (its answer becomes the default);
* ``?`` for more help: a provision's full explanatory note and sources (``?2`` for the
  provision of option 2 in a part's list);
* Enter to accept the answer shown in brackets.

After every answer the answers so far are saved to a recovery file, so Ctrl-C or a crash
loses nothing and ``draft --resume`` continues where the user stopped. At the end a review
table lists every answer with a number; the user can change any of them, then confirms.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from ..errors import InterviewAborted
from ..files import atomic_write_text
from ..library.loader import Library
from ..library.yamlio import dump_yaml
from ..statelaw import state_notice
from ..statelaw.codes import STATES
from .display import flag_text, prompt_text, show_question
from .explain import show_help
from .parse import parse_answer
from .questionnaire import Questionnaire, normalize
from .questions import Back, Option, Question, is_serious
from .review import (
    Layout,
    example_detail,
    part_table,
    print_how_to,
    review_layout,
    review_table,
    setting,
)

__all__ = [
    "BACK",
    "RECOVERY_NAME",
    "Interview",
    "Option",
    "Question",
    "enable_line_editing",
    "flag_text",
    "normalize",
    "parse_answer",
    "read_line",
]

BACK = ("back", "<")
RECOVERY_NAME = ".ordinance-drafter-recovery.yaml"
RECOVERY_FORMAT = 1


# -- input ---------------------------------------------------------------------------


def read_line(console: Console, stream: TextIO | None, prompt: str) -> str:
    """Read one line: from ``stream`` (echoed, for scripts and tests) or from the terminal.

    Raises:
        EOFError: The input ended.
    """
    if stream is None:
        # The prompt goes through input() itself, so that readline knows where the line
        # starts (line editing, and the newline after an empty answer).
        console.file.flush()
        line = input(prompt)
        if not sys.stdin.isatty():  # piped answers: show them, so the transcript reads well
            console.print(line, markup=False, highlight=False)
        return line
    console.print(prompt, end="", markup=False, highlight=False)
    line = stream.readline()
    if not line:
        console.print()
        raise EOFError
    console.print(line.rstrip("\n"), markup=False, highlight=False)
    return line.rstrip("\n")


def enable_line_editing() -> None:
    """Let arrow keys edit the line being typed (readline), where the platform has it."""
    with contextlib.suppress(ImportError):  # e.g. Windows without pyreadline
        import readline  # noqa: F401  (importing it is what enables line editing)


class Interview:
    """A resumable, back-navigable interview over a clause library.

    Args:
        library: The clause library.
        console: Where prompts and messages go.
        stream: Where answers are read from; ``None`` reads from the terminal.
        data: Answers to start from (an answers file, ``--preset``, ``--set``, or a
            recovery file's answers).
        recovery: The file that keeps the answers so far; ``None`` keeps none.
        answered: Question keys already answered in the interview being resumed.
        given: Question keys answered before the interview (see :class:`Questionnaire`).
        options: Command-line options kept in the recovery file for ``--resume`` (the
            output file, notes, format).

    Attributes:
        model: The questionnaire: the questions and the answers so far.
        prompts: How many prompts the user has answered (for measuring the interview).
        asking: The key of the question being asked, ``("_review",)`` at the review
            prompt, ``None`` between questions (for front ends and tests).
    """

    def __init__(
        self,
        library: Library,
        console: Console,
        stream: TextIO | None = None,
        data: dict[str, Any] | None = None,
        recovery: Path | None = None,
        answered: list[list[str]] | None = None,
        given: list[list[str]] | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        self.library = library
        self.model = Questionnaire(library, data, answered, given)
        self.console = console
        self.stream = stream
        self.recovery = recovery
        self.options = dict(options or {})
        self.prompts = 0
        self.asking: tuple[str, ...] | None = None
        self._noticed: str | None = None

    def questions(self) -> list[Question]:
        """Every question that applies given the answers so far, in order."""
        return self.model.questions()

    def finish(self) -> dict[str, Any]:
        """The answers data, without the questionnaire's bookkeeping."""
        return self.model.finish()

    # -- running --------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        """Ask every question that applies, then review; return the answers data.

        Raises:
            InterviewAborted: The input ended (Ctrl-D); the answers so far are kept.
            KeyboardInterrupt: The user pressed Ctrl-C; the answers so far are kept.
        """
        self.console.print(
            Text.assemble(
                ("Ordinance Drafter", "bold"),
                " drafts a separation ordinance from your answers: about 9 questions, more "
                "if you choose the provisions yourself. Press Enter to accept the answer in "
                "brackets. Type ",
                ("back", "bold"),
                " (or <) to return to the previous question, ",
                ("?", "bold"),
                " for more help. Ctrl-C stops; ",
                ("ordinance-drafter draft --resume", "bold"),
                " continues.",
            )
        )
        qs = [q for q in self.model.questions() if q.ask]
        index = next((i for i, q in enumerate(qs) if self.model.pending(q)), len(qs))
        while True:
            qs = [q for q in self.model.questions() if q.ask]
            self._state_notice()
            if index >= len(qs):
                if self.review():
                    break
                index = self._previous(qs, len(qs))
                continue
            q = qs[index]
            if self.model.is_given(q.key) and self.model.valid(q):
                index += 1  # given by an option; asked only if an answer made it invalid
                continue
            try:
                self.ask(q)
            except Back:
                previous = self._previous(qs, index)
                if previous == index:
                    self.console.print(Text("This is the first question.", style="yellow"))
                index = previous
                continue
            index += 1
        return self.model.finish()

    def _previous(self, qs: list[Question], index: int) -> int:
        for i in range(min(index, len(qs)) - 1, -1, -1):
            if not self.model.is_given(qs[i].key):
                return i
        return index if index < len(qs) else len(qs)

    def _state_notice(self) -> None:
        key = ("jurisdiction", "state")
        if key not in self.model.answered and not self.model.is_given(key):
            return
        if self._noticed == self.model.state:
            return
        self._noticed = self.model.state
        notice = state_notice(self.library, self.model.state)
        if notice:
            self.console.print()
            self.console.print(
                Text(
                    f"State law in {STATES.get(self.model.state, self.model.state)}",
                    style="bold yellow",
                )
            )
            self.console.print(Text(" ".join(str(notice).split())))

    def ask(self, q: Question) -> None:
        """Ask one question until it gets a valid answer, and store it.

        Raises:
            Back: The user typed ``back`` or ``<``.
        """
        # The earlier answer is the default, unless a later change made it invalid (a city
        # jail, after the city became a county).
        q = replace(q, default=self.model.value_of(q) if self.model.valid(q) else q.default)
        show_question(self.console, q, self.model.state)
        while True:
            self.asking = q.key
            raw = self._read(prompt_text(q))
            text = raw.strip()
            if text.lower() in BACK:
                raise Back
            if text.startswith("?"):
                self.show_help(q, text[1:].strip())
                continue
            value, problem = parse_answer(q, raw)
            if problem:
                self.console.print(Text(f"✗ {problem}.", style="red"))
                continue
            break
        self.model.store(q, value)
        if q.kind == "part":
            self._warn_chosen(q, value)
        self._state_notice()  # also when the state is changed from the review
        self._interaction_notices()
        self.save_recovery()

    def _interaction_notices(self) -> None:
        """Say, once each, what the chosen provisions' interactions changed or contradict."""
        for outcome in self.model.new_interactions():
            problem = outcome.is_problem
            self.console.print(
                Text(
                    ("⚠ " if problem else "Note: ") + outcome.message,
                    style="yellow" if problem else "cyan",
                )
            )
            self.console.print(Text(f"  Why: {outcome.why}", style="dim"))
            if problem:
                self.console.print(Text(f"  {outcome.fix}", style="yellow"))

    def _warn_chosen(self, q: Question, picked: list[str]) -> None:
        serious = [(o, f) for o in q.options if o.id in picked for f in o.flags if is_serious(f)]
        if serious:
            self.console.print(
                Text(
                    f"You kept {len({o.group for o, _ in serious})} provision(s) that state law "
                    "forbids or limits (marked ⚠ above). The draft will carry the warning in its "
                    "notes; the attorney decides.",
                    style="yellow",
                )
            )

    def _read(self, prompt: str) -> str:
        self.prompts += 1
        try:
            return read_line(self.console, self.stream, prompt)
        except EOFError:
            raise InterviewAborted(self._aborted_message()) from None

    def _aborted_message(self) -> str:
        where = f" in {self.recovery}" if self.recovery else ""
        return (
            f"Interview stopped: the input ended. The answers given so far are kept{where}; "
            "run 'ordinance-drafter draft --resume' to continue."
        )

    def show_help(self, q: Question, which: str = "") -> None:
        """Answer ``?`` (see :mod:`.explain`); ``which`` is what the user typed after it."""
        show_help(self.console, self.model, q, which)

    # -- review ---------------------------------------------------------------------
    def review(self) -> bool:
        """Show every answer, grouped (see :mod:`.review`); let the user change any, then confirm.

        Returns:
            ``True`` when the user confirms, ``False`` when they type ``back``.
        """
        show = True
        while True:
            layout = review_layout(self.model)
            if show:
                self.console.print()
                self.console.print(review_table(layout))
                print_how_to(self.console, layout)
                self._review_flags()
                self._interaction_notices()  # answers given before the interview, said once
            show = True
            self.asking = ("_review",)
            raw = self._read("Enter writes the draft; a number changes that answer: ")
            text = raw.strip()
            if not text or text.lower() in ("y", "yes", "ok"):
                problem = self.model.check()
                if problem is None:
                    return True
                self.console.print(Text(f"✗ {problem}", style="red"))
                self.console.print(Text("Change an answer to fix this.", style="red"))
                continue
            if text.lower() in BACK:
                return False
            if text == "?":  # the warnings in full (or what can be typed), then the prompt
                if self._review_warnings():
                    self._review_flags(full=True)
                else:
                    print_how_to(self.console, layout)
                show = False
                continue
            if "=" in text:
                self._set(layout, text)
                continue
            row = layout.rows.get(text)
            if row is None:
                last = max((int(n) for n in layout.rows if n.isdigit()), default=0)
                detail = example_detail(layout)
                such = f", or a part's detail such as {detail.number}" if detail else ""
                self.console.print(
                    Text(
                        f"✗ Type a row's number (1 to {last}{such}), KEY=VALUE, or press Enter.",
                        style="red",
                    )
                )
            elif row.page is not None:
                self._part_page(layout, row.number)
            elif row.question is not None:
                self._change(row.question)

    def _part_page(self, layout: Layout, number: str) -> None:
        """One part of the review: its provisions and details; a number changes one."""
        page, rows = layout.pages[number]
        self.console.print()
        self.console.print(part_table(page, rows))
        if page.question is None:
            self.console.print(Text("This part's provisions are always included.", style="dim"))
        self.asking = ("_review", "part")
        raw = self._read("Enter returns to the review; a number changes that answer: ")
        text = raw.strip()
        if not text or text.lower() in BACK:
            return
        if "=" in text:
            self._set(layout, text)
            return
        found = {r.number: r for r in rows}
        row = found.get(text) or found.get(f"{number}.{text}")
        if row is None or row.question is None:
            numbers = ", ".join(r.number for r in rows if r.question is not None)
            self.console.print(Text(f"✗ This part's rows are {numbers}.", style="red"))
            return
        self._change(row.question)

    def _change(self, q: Question) -> None:
        """Ask one question again from the review, then whatever the change calls for."""
        if q.key[0] in ("_part", "provisions"):
            self.model.start_customizing()
        try:
            self.ask(q)
            self._fill()
        except Back:
            pass

    def _set(self, layout: Layout, text: str) -> None:
        """``KEY=VALUE`` typed at the review: store it as the answer to that question."""
        found = setting(self.model, layout, text)
        if isinstance(found, str):
            self.console.print(Text(f"✗ {found}.", style="red"))
            return
        q, value = found
        if q.key[0] in ("_part", "provisions"):
            self.model.start_customizing()
        self.model.store(q, value)
        self.console.print(Text(f"✓ {q.label or q.prompt}: {self.model.answer_text(q)}"))
        self._state_notice()
        self._interaction_notices()
        self.save_recovery()
        with contextlib.suppress(Back):
            self._fill()

    def _fill(self) -> None:
        """After a change in the review, ask what has become unanswered or invalid."""
        while True:
            q = next(
                (
                    q
                    for q in self.model.questions()
                    if q.ask
                    and not self.model.is_given(q.key)
                    and (q.key not in self.model.answered or not self.model.valid(q))
                ),
                None,
            )
            if q is None:
                return
            self.ask(q)

    def _review_warnings(self) -> list[tuple[str, Any]]:
        """The serious state-law flags on the provisions the draft will include."""
        found = []
        for pid in self.model.chosen_ids():
            clause = self.library.clauses[pid]
            for flag in self.model.flags(pid, self.model.current_variant(clause) or None):
                if is_serious(flag):
                    found.append((clause.spec.title, flag))
        return found

    def _review_flags(self, *, full: bool = False) -> None:
        """List the state-law warnings on the draft's provisions: one line each, or in full."""
        warnings = self._review_warnings()
        if not warnings:
            return
        where = STATES.get(self.model.state, self.model.state)
        more = "" if full else "; ? shows each in full"
        self.console.print(
            Text(
                f"State-law warnings for {where} (also in the notes{more}):",
                style="bold yellow",
            )
        )
        for title, flag in warnings:
            line = Text(f"{title}: ", style="bold")
            line.append_text(flag_text(flag))
            if not full:  # one line each, so the review still fits the screen
                line.no_wrap, line.overflow = True, "ellipsis"
            self.console.print(Padding(line, (0, 0, 0, 2)))

    def save_recovery(self) -> None:
        """Save the answers so far, so an interruption loses nothing."""
        if self.recovery is None:
            return
        payload = {
            "format": RECOVERY_FORMAT,
            "answers": self.model.data,
            "answered": [list(k) for k in self.model.answered],
            "given": [list(k) for k in sorted(self.model.given)],
            "options": self.options,
        }
        atomic_write_text(self.recovery, dump_yaml(payload), force=True)
