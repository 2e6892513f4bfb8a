"""How the interview shows a question on a Rich console: its options, flags and prompt."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..statelaw.codes import STATES
from .questions import SERIOUS, Question, flag_key, is_federal

# How the interview shows a state-law flag: (Rich style, lead-in).
SEVERITY: dict[str, tuple[str, str]] = {
    "forbidden": ("bold red", "State law forbids this"),
    "limited": ("yellow", "State law limits this"),
    "restates": ("cyan", "State law already provides this"),
    "info": ("dim", "State law"),
}


def flag_text(flag: Any, state: str = "") -> Text:
    """One flag as a line of styled text (never parsed as markup)."""
    severity = str(getattr(flag, "severity", "info"))
    as_of = str(getattr(flag, "as_of", "") or "")
    if is_federal(flag):
        style, lead = "dim", "Federal context" + (f" (as of {as_of})" if as_of else "")
    else:
        style, lead = SEVERITY.get(severity, SEVERITY["info"])
        where = STATES.get(state, state)
        lead += f" ({where})" if where else ""
    mark = "⚠ " if severity in SERIOUS else "ⓘ "
    text = Text(f"{mark}{lead}: ", style=style)
    text.append(str(getattr(flag, "message", "")).strip())
    cites = tuple(getattr(flag, "citations", ()) or ())
    if cites:
        text.append(f" ({'; '.join(cites)})", style="dim")
    return text


def show_question(console: Console, q: Question, state: str) -> None:
    """Print a question: its heading, prompt, help, extra lines and numbered options."""
    console.print()
    if q.heading:
        console.print(Text(q.heading, style="bold magenta"))
    console.print(Text(q.prompt, style="bold cyan"))
    if q.help:
        console.print(Text(q.help, style="dim"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(justify="right")
    grid.add_column()
    for line in q.lines:
        grid.add_row("", "-", Text(line))
    if q.kind in ("choice", "multiselect", "part"):
        chosen = q.default if isinstance(q.default, list) else [q.default]
        sizes: dict[str, int] = {}
        for option in q.options:
            sizes[option.group] = sizes.get(option.group, 0) + 1
        header = ""
        for n, option in enumerate(q.options, 1):
            versions = q.kind == "part" and sizes[option.group] > 1
            siblings = [o for o in q.options if o.group == option.group]
            shared = set.intersection(*({flag_key(f) for f in o.flags} for o in siblings))
            if versions and option.group != header:
                # Flags every version shares are shown once, under the provision's title.
                title = q.group_titles.get(option.group, option.group)
                how = "one version" if option.group in q.required_groups else "one version, or none"
                head = Text.assemble((title, "bold"), f" — choose {how}:")
                _append_flags(head, [f for f in option.flags if flag_key(f) in shared], n, state)
                grid.add_row("", "", head)
            header = option.group
            body = Text("  " if versions else "")
            body.append(option.label, style="" if versions else "bold")
            if option.summary:
                body.append(f" — {option.summary}")
            if option.warning:
                body.append("\n")
                body.append(f"⚠ {option.warning}", style="yellow")
            own = [f for f in option.flags if not versions or flag_key(f) not in shared]
            _append_flags(body, own, n, state)
            grid.add_row("•" if option.id in chosen else "", f"{n}.", body)
    if grid.row_count:
        console.print(grid)
    how = how_to(q)
    if how:
        console.print(Text(how, style="dim"))


def how_to(q: Question) -> str:
    """The line under a list of options saying what can be typed (empty for other questions)."""
    if q.kind not in ("choice", "multiselect", "part"):
        return ""
    example = min(2, len(q.options))
    if q.kind == "choice":
        if not any(o.help for o in q.options):
            return ""
        return f"Type a number or an id; ?{example} explains option {example}."
    how = "Type numbers (1,3 or 2-4), 'all' or 'none'; "
    how += f"+{example} or -{example} adds or removes one"
    if q.kind == "part" and len(q.options) > len({o.group for o in q.options}):
        how += " (+N on another version of a provision switches to it)"
    how += f". ?{example} explains option {example}"
    if any(is_federal(f) for o in q.options for f in o.flags):
        how += f"; ?f{example} shows its notes on federal law"
    return how + "."


def _append_flags(text: Text, flags: list[Any], number: int, state: str) -> None:
    """State-law flags in full; federal context as a pointer to ``?``."""
    federal = [f for f in flags if is_federal(f)]
    for flag in flags:
        if not is_federal(flag):
            text.append("\n")
            text.append_text(flag_text(flag, state))
    if federal:
        text.append("\n")
        text.append(
            f"ⓘ Federal context: {len(federal)} note(s) on federal law and litigation; "
            f"type ?f{number} to read them.",
            style="dim",
        )


def prompt_text(q: Question) -> str:
    """The prompt line, with the answer Enter gives in brackets."""
    default = q.default
    if q.kind == "bool":
        shown = "Y/n" if default else "y/N"
    elif q.kind in ("multiselect", "part"):
        ids = q.option_ids
        nums = [str(ids.index(x) + 1) for x in default or [] if x in ids]
        shown = ",".join(nums) if nums else "none"
    elif q.kind == "choice" and default in q.option_ids:
        n = q.option_ids.index(default)
        shown = f"{n + 1}: {q.options[n].label}"
    elif default is None:
        shown = ""
    else:
        shown = str(default)
    return f"> [{shown}] " if shown else "> "
