"""The review at the end of the interview: every answer, grouped so it fits a terminal.

The review table lists the answers in the sections ``questions.yaml`` gives them
(jurisdiction, starting point, document) with one row for each part of the ordinance, so
a comprehensive draft fits in some 30 lines. Typing a part's number shows that part: its
provisions (one row) and each of their details (``12.1``, ``12.2`` ...). A detail's number
changes that one value directly, from the part or from the review; so does
``KEY=VALUE``, e.g. ``provisions.training.values.hours=8`` or
``provisions.detainers.variant=judicial_warrant``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..library.yamlio import did_you_mean
from .compose import PartPage, review_parts
from .parse import group_problem, parse_answer
from .questionnaire import Questionnaire
from .questions import Question

#: The review table's section for the parts of the ordinance.
PARTS_SECTION = "Provisions, part by part"


@dataclass
class Row:
    """One row of the review table.

    Attributes:
        number: What the user types to pick it (``3``, ``12``, ``12.2``).
        label: What it is.
        answer: The answer, in words.
        question: The question asked to change it (``None`` for a part's row in the review
            table, which opens the part; or a part whose provisions are all always included).
        page: For a part's row in the review table: the part.
    """

    number: str
    label: str
    answer: str
    question: Question | None = None
    page: PartPage | None = None


@dataclass
class Layout:
    """The review table's sections and rows, and what every number and key stands for."""

    sections: list[tuple[str, list[Row]]] = field(default_factory=list)
    pages: dict[str, tuple[PartPage, list[Row]]] = field(default_factory=dict)
    rows: dict[str, Row] = field(default_factory=dict)
    keys: dict[str, Question] = field(default_factory=dict)


def review_layout(model: Questionnaire) -> Layout:
    """Number the answers as the review shows them: by section, a row for each part."""
    layout = Layout()
    questions = {
        q.key: q for q in model.questions() if q.key[0] not in ("_part", "_details", "provisions")
    }
    sections: dict[str, list[Question]] = {}
    for spec in model.library.questions:
        if spec.type == "parts":
            sections.setdefault(PARTS_SECTION, [])
        elif spec.path in questions:
            sections.setdefault(spec.group or "Other answers", []).append(questions[spec.path])
    number = 0
    for title, members in sections.items():
        rows: list[Row] = []
        if title == PARTS_SECTION:
            for page in review_parts(model):
                number += 1
                rows.append(_part_row(layout, model, page, str(number)))
        for q in members:
            number += 1
            rows.append(Row(str(number), q.label or q.prompt, model.answer_text(q), q))
            layout.keys[".".join(q.key)] = q
        layout.sections.append((title, rows))
        layout.rows.update({r.number: r for r in rows})
    return layout


def _part_row(layout: Layout, model: Questionnaire, page: PartPage, number: str) -> Row:
    """A part's row in the review table, and its own rows (its provisions, its details)."""
    answer = "; ".join(page.chosen) or "(none)"
    rows = []
    if page.question is not None:
        chosen = model.answer_text(page.question) if page.chosen else "(none)"
        rows.append(Row(number, "Provisions", chosen, page.question))
    for n, q in enumerate(page.values, 1):
        row = Row(f"{number}.{n}", q.label, model.answer_text(q, q.default), q)
        rows.append(row)
        layout.rows[row.number] = row
        layout.keys[".".join(q.key)] = q
    layout.pages[number] = (page, rows)
    return Row(number, page.title, answer, None, page)


def review_table(layout: Layout) -> Table:
    """The review table: a heading row per section, one line per answer."""
    table = Table(
        title="Review your answers",
        title_justify="left",
        highlight=False,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    labels = [r.label for _title, rows in layout.sections for r in rows]
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Question", min_width=min(28, max(map(len, labels), default=8)))
    table.add_column("Answer")
    for title, rows in layout.sections:
        if not rows:
            continue
        table.add_row("", Text(title, style="bold"), "")
        for row in rows:
            # One line a row: a long answer ends in an ellipsis (its part shows it in full).
            table.add_row(row.number, _line(row.label), _line(row.answer))
    return table


def _line(text: str) -> Text:
    return Text(text, no_wrap=True, overflow="ellipsis")


def part_table(page: PartPage, rows: list[Row]) -> Table:
    """One part: its provisions and each of their details, answers in full."""
    table = Table(title=page.heading, title_justify="left", highlight=False, box=box.SIMPLE_HEAD)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Question", max_width=45)
    table.add_column("Answer")
    for row in rows:
        table.add_row(row.number, Text(row.label), Text(row.answer))
    return table


def print_how_to(console: Console, layout: Layout) -> None:
    """The line under the review table saying what can be typed (with this draft's numbers)."""
    how = "A row's number changes that answer; a part's number shows its provisions and details"
    detail = example_detail(layout)
    if detail is not None:
        how += f"; {detail.number} changes one detail directly, as does KEY=VALUE"
        how += f" (e.g. {example_setting(detail)})"
    console.print(Text(how + ".", style="dim"))


def example_detail(layout: Layout) -> Row | None:
    """A detail's row to give as an example (a number, if the draft has one)."""
    details = [r for r in layout.rows.values() if "." in r.number and r.question is not None]
    numeric = [r for r in details if r.question is not None and r.question.kind == "int"]
    return (numeric or details or [None])[0]


def example_setting(row: Row) -> str:
    """``KEY=VALUE`` for a detail's row, with its current value."""
    assert row.question is not None
    value = row.question.default
    shown = value if isinstance(value, (int, str)) and not isinstance(value, bool) else "..."
    return f"{'.'.join(row.question.key)}={shown}"


def setting(model: Questionnaire, layout: Layout, text: str) -> tuple[Question, object] | str:
    """Read ``KEY=VALUE``: the question and the parsed value, or a problem to show."""
    key, _, raw = (part.strip() for part in text.partition("="))
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "provisions" and parts[2] == "variant":
        return _variant_setting(model, layout, parts[1], raw)
    q = layout.keys.get(key)
    if q is None:
        pid = parts[1] if len(parts) > 1 and parts[0] == "provisions" else ""
        if pid in model.library.clauses and pid not in model.chosen_ids():
            return f"'{pid}' is not in the draft; include it in its part first"
        detail = example_detail(layout)
        example = f" or {example_setting(detail)}" if detail is not None else ""
        return (
            f"'{key}' is not an answer of this draft.{did_you_mean(key, list(layout.keys))} "
            f"Type a row's number, or KEY=VALUE such as jurisdiction.name=Northfield{example}"
        )
    value, problem = parse_answer(q, raw)
    if problem:
        return f"{key}: {problem}"
    return q, value


def _variant_setting(
    model: Questionnaire, layout: Layout, pid: str, variant: str
) -> tuple[Question, object] | str:
    """``provisions.PID.variant=ID``: the part question's answer with that version."""
    for page, _rows in layout.pages.values():
        q = page.question
        if q is None or pid not in q.group_titles:
            continue
        ids = [o.id.split(":", 1)[1] for o in q.options if o.group == pid and ":" in o.id]
        if variant not in ids:
            return (
                f"'{variant}' is not a version of {pid} for this draft."
                f"{did_you_mean(variant, ids)} Its versions: {', '.join(ids) or 'none'}"
            )
        picked = [o for o in model.value_of(q) if not o.startswith(f"{pid}:") and o != pid]
        picked.append(f"{pid}:{variant}")
        picked = [o for o in q.option_ids if o in picked]
        problem = group_problem(q, picked)
        return f"provisions.{pid}.variant: {problem}" if problem else (q, picked)
    return f"'{pid}' is not a provision with versions in this draft"
