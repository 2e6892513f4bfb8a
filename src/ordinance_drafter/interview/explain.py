"""What ``?`` shows at a prompt: the question's longer help, an option's, or a provision's.

* ``?`` alone: the provision's full note and sources (a question about one provision), or
  the question's longer help;
* ``?2``: option 2's help: for a part, its provision's note and sources for that version;
  for a choice, what choosing it does (a preset lists its provisions);
* ``?f2``: the federal-law notes on option 2's provision (a part's options show only a
  pointer to them).
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from .describe import provision_detail_text
from .display import flag_text
from .parse import pick_one
from .questionnaire import Questionnaire
from .questions import Option, Question, is_federal

FEDERAL_RE = re.compile(r"f\s*(\d+)", re.IGNORECASE)


def show_help(console: Console, model: Questionnaire, q: Question, which: str = "") -> None:
    """Answer ``?`` (``which`` is what follows it: empty, an option, or ``f`` and an option)."""
    which = which.strip()
    federal = FEDERAL_RE.fullmatch(which)
    if federal and q.kind == "part":
        option = _option(console, q, federal.group(1))
        if option is not None:
            _federal_notes(console, model, option)
        return
    if which and q.options:
        option = _option(console, q, which)
        if option is None:
            return
        if q.kind == "part":
            variant = option.id.split(":", 1)[1] if ":" in option.id else None
            _provision(console, model, option.group, variant)
        else:
            _option_help(console, q, option)
        return
    topic = q.topic
    if q.kind == "part":
        groups = list(dict.fromkeys(o.group for o in q.options))
        if len(groups) != 1:
            console.print(
                Text(
                    "Type ? and an option's number for its provision's note and sources, e.g. "
                    f"?1 (1 to {len(q.options)}); ?f1 shows its notes on federal law.",
                    style="dim",
                )
            )
            return
        topic = groups[0]
    if not topic:
        console.print(Text(q.more or q.help or "No further help for this question."))
        return
    _provision(console, model, topic, None)


def _option(console: Console, q: Question, which: str) -> Option | None:
    picked, problem = pick_one(which, q.option_ids)
    if problem:
        console.print(Text(f"✗ {problem}.", style="red"))
        return None
    return next(o for o in q.options if o.id == picked)


def _option_help(console: Console, q: Question, option: Option) -> None:
    """One option of a choice: its label, what it does, and any longer help or warning."""
    number = q.option_ids.index(option.id) + 1
    console.print()
    line = Text(f"{number}. ")
    line.append(option.label, style="bold")
    if option.summary:
        line.append(f" — {option.summary}")
    console.print(line)
    for extra in option.help.splitlines():
        console.print(Padding(Text(extra.strip()), (0, 0, 0, 2)))
    if option.warning:
        console.print(Padding(Text(f"⚠ {option.warning}", style="yellow"), (0, 0, 0, 2)))


def _provision(console: Console, model: Questionnaire, pid: str, variant: str | None) -> None:
    """A provision's note and sources (for ``variant``, else the one chosen so far)."""
    clause = model.library.clauses[pid]
    variant = variant or model.current_variant(clause)
    text = provision_detail_text(
        model.library,
        pid,
        jurisdiction=model.jurisdiction(),
        variant=variant,
        values=model.values(pid),
    )
    console.print()
    for line in text.splitlines():
        if line.startswith("  "):
            console.print(Padding(Text(line.strip()), (0, 0, 0, 2)))
        else:
            console.print(Text(line, style="bold" if line.endswith(":") else ""))
    flags = model.flags(pid, variant)
    if flags:
        console.print(Text("State law and federal context:", style="bold"))
    for flag in flags:
        console.print(Padding(flag_text(flag, model.state), (0, 0, 0, 2)))


def _federal_notes(console: Console, model: Questionnaire, option: Option) -> None:
    """The federal-law notes on an option's provision, in full."""
    title = model.library.clauses[option.group].spec.title
    notes = [f for f in option.flags if is_federal(f)]
    console.print()
    if not notes:
        console.print(Text(f"{title}: no notes on federal law.", style="dim"))
        return
    console.print(Text(f"Federal context for {title}:", style="bold"))
    for flag in notes:
        console.print(Padding(flag_text(flag, model.state), (0, 0, 0, 2)))
