"""The interview: asks the user for answers, one question at a time.

The interview never renders clause text. It reads the library's metadata (titles,
variants, variables, help) and produces raw answers data, the same structure an answers
file holds. It takes its console and input stream as parameters, so tests can script it.

At every prompt the user can type:

* ``back`` or ``<`` to return to the previous question (its answer becomes the default);
* ``?`` to see the full explanatory note and sources of the provision being asked about;
* Enter to accept the default shown in brackets.

After every answer the answers so far are saved to a recovery file, so Ctrl-C loses
nothing and ``draft --resume`` continues where the user stopped.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ._yaml import did_you_mean, dump_yaml
from .answers import MAX_NAME, applicability, check_text, check_value
from .errors import InterviewAborted
from .jurisdiction import JAIL_CHOICES, STATES, Jurisdiction, base_name
from .library import Library, VariableSpec

BACK = ("back", "<")
RECOVERY_NAME = ".ordinance-drafter-recovery.yaml"


class _Back(Exception):
    """The user asked to go back one question."""


@dataclass
class Question:
    """One prompt of the interview.

    Attributes:
        key: Where the answer goes in the answers data, as a path of keys.
        prompt: The question.
        help: A short help line shown under it.
        kind: ``text``, ``choice``, ``bool``, ``multiselect`` or ``int``.
        choices: For choice questions: ``(id, label, one-line summary)``.
        default: The default answer (in answers-data form).
        validate: Returns a problem with an answer, or ``None``.
        topic: A provision id; ``?`` shows its note.
        minimum: The smallest allowed value of an ``int`` question.
        maximum: The largest allowed value of an ``int`` question.
    """

    key: tuple[str, ...]
    prompt: str
    help: str = ""
    kind: str = "text"
    choices: list[tuple[str, str, str]] = field(default_factory=list)
    default: Any = None
    validate: Callable[[Any], str | None] | None = None
    topic: str = ""
    minimum: int | None = None
    maximum: int | None = None


def get_path(data: dict[str, Any], key: tuple[str, ...], default: Any = None) -> Any:
    """Read ``data[key[0]][key[1]]...``; ``default`` if any part is missing."""
    node: Any = data
    for part in key:
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set_path(data: dict[str, Any], key: tuple[str, ...], value: Any) -> None:
    """Set ``data[key[0]][key[1]]... = value``, creating mappings as needed."""
    node = data
    for part in key[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[key[-1]] = value


def parse_answer(q: Question, raw: str) -> tuple[Any, str | None]:
    """Turn what the user typed into an answer; return ``(value, problem)``."""
    text = raw.strip()
    if not text:
        if q.default is None:
            return None, "an answer is required here"
        return q.default, None
    if q.kind == "text":
        problem = check_text(text, MAX_NAME if q.key[-1] == "name" else 2000)
        return text, problem or (q.validate(text) if q.validate else None)
    if q.kind == "bool":
        low = text.lower()
        if low in ("y", "yes", "true", "1"):
            return True, None
        if low in ("n", "no", "false", "0"):
            return False, None
        return None, "answer y (yes) or n (no)"
    if q.kind == "int":
        try:
            value = int(text)
        except ValueError:
            return None, "enter a whole number"
        if q.minimum is not None and value < q.minimum:
            return None, f"enter a number of at least {q.minimum}"
        if q.maximum is not None and value > q.maximum:
            return None, f"enter a number of at most {q.maximum}"
        return value, None
    ids = [c[0] for c in q.choices]
    if q.kind == "choice":
        return _pick_one(text, ids)
    return _pick_many(text, ids)


def _pick_one(text: str, ids: list[str]) -> tuple[Any, str | None]:
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1], None
    if text in ids:
        return text, None
    low = {i.lower(): i for i in ids}
    if text.lower() in low:
        return low[text.lower()], None
    return None, (
        f"'{text}' is not one of the choices.{did_you_mean(text, ids)} Type a number from 1 to "
        f"{len(ids)} or a choice's id."
    )


def _pick_many(text: str, ids: list[str]) -> tuple[Any, str | None]:
    if text.lower() in ("none", "-"):
        return [], None
    if text.lower() == "all":
        return list(ids), None
    picked: list[str] = []
    for token in text.replace(",", " ").split():
        if "-" in token and all(p.isdigit() for p in token.split("-", 1)):
            lo, hi = (int(p) for p in token.split("-", 1))
            if not (1 <= lo <= hi <= len(ids)):
                return None, f"'{token}' is not a range within 1-{len(ids)}"
            picked += ids[lo - 1 : hi]
            continue
        value, problem = _pick_one(token, ids)
        if problem:
            return None, problem
        picked.append(value)
    seen: list[str] = []
    for item in picked:
        if item not in seen:
            seen.append(item)
    return [i for i in ids if i in seen], None


class Interview:
    """A resumable, back-navigable questionnaire over a clause library.

    Args:
        library: The clause library.
        console: Where prompts and messages go.
        stream: Where answers are read from; ``None`` reads from the terminal.
        data: Answers to start from (a preset, an answers file, or a recovery file).
        recovery: The file that keeps the answers so far; ``None`` keeps none.
    """

    def __init__(
        self,
        library: Library,
        console: Console,
        stream: TextIO | None = None,
        data: dict[str, Any] | None = None,
        recovery: Path | None = None,
        answered: list[list[str]] | None = None,
    ) -> None:
        self.library = library
        self.console = console
        self.stream = stream
        self.data: dict[str, Any] = json.loads(json.dumps(data or {}, default=str))
        self.recovery = recovery
        self.answered: list[tuple[str, ...]] = [tuple(a) for a in answered or []]
        self.prompts = 0
        provisions = self.data.get("provisions")
        if isinstance(provisions, list):
            provisions = {p: {} for p in provisions}
            self.data["provisions"] = provisions
        if isinstance(provisions, dict) and "_customize" not in self.data:
            # Answers that list provisions were chosen by hand; keep them as they are.
            self.data["_customize"] = True
            self.data["_selected"] = [
                p
                for p in provisions
                if p in library.clauses and not library.clauses[p].spec.required
            ]

    # -- the questions --------------------------------------------------------------
    def _jurisdiction(self) -> Jurisdiction | None:
        j = self.data.get("jurisdiction") or {}
        if not j.get("name") or j.get("kind") not in ("city", "county"):
            return None
        jail = j.get("jail") or ("none" if j["kind"] == "city" else "sheriff")
        return Jurisdiction(
            base_name(j["name"], j["kind"]),
            j["kind"],
            j.get("state") or "MN",
            j.get("city_type") or "",
            jail,
            "",
            "",
            "",
        )

    def questions(self) -> list[Question]:
        """The questions that apply given the answers so far, in order."""
        d = self.data
        j = d.get("jurisdiction") or {}
        kind = j.get("kind") or "city"
        qs = [
            Question(
                ("jurisdiction", "name"),
                "Name of the city or county",
                "As it appears in the charter, without 'City of' or 'County' "
                "(e.g. Northfield, Hennepin).",
                "text",
                default=None,
                validate=lambda v: None if v.strip() else "enter a name",
            ),
            Question(
                ("jurisdiction", "kind"),
                "Is it a city or a county?",
                "Sets the governing body, enacting clause and signature block.",
                "choice",
                [
                    ("city", "City", "Enacted by a city council."),
                    ("county", "County", "Enacted by a county board."),
                ],
                default="city",
            ),
            Question(
                ("jurisdiction", "state"),
                "State (two-letter code)",
                "Minnesota is the default; state law may forbid some provisions.",
                "text",
                default="MN",
                validate=_state_problem,
            ),
        ]
        state = (j.get("state") or "MN").upper()
        if kind == "city" and state in ("MN", "MINNESOTA"):
            qs.append(
                Question(
                    ("jurisdiction", "city_type"),
                    "Statutory city or home rule charter city?",
                    "Statutory cities follow Minn. Stat. ch. 412; a charter sets its own "
                    "procedure.",
                    "choice",
                    [
                        ("statutory", "Statutory city", "Procedure under Minn. Stat. § 412.191."),
                        (
                            "charter",
                            "Home rule charter city",
                            "The charter governs; the attorney confirms the formal parts.",
                        ),
                    ],
                    default="statutory",
                )
            )
        jail_choices = [(k, k, v) for k, v in JAIL_CHOICES[kind].items()]
        qs.append(
            Question(
                ("jurisdiction", "jail"),
                "Does the city run its own jail?"
                if kind == "city"
                else "Who runs the county jail?",
                "Provisions on detainers and people in custody apply only where there is a jail; "
                "an elected sheriff's jail is addressed by a companion resolution.",
                "choice",
                jail_choices,
                default="none" if kind == "city" else "sheriff",
            )
        )
        presets = self.library.presets
        qs.append(
            Question(
                ("preset",),
                "Starting point (preset)",
                "You can change any provision afterwards.",
                "choice",
                [(p.id, p.title, p.description.split(". ")[0]) for p in presets.values()],
                default=self.library.default_preset,
            )
        )
        qs.append(
            Question(
                ("_customize",),
                "Choose provisions, variants and values yourself?",
                "Answer n to use the preset as it is (you can still review everything).",
                "bool",
                default=False,
            )
        )
        if d.get("_customize"):
            qs += self._provision_questions()
        return qs

    def _applicable(self) -> list[str]:
        jur = self._jurisdiction()
        return [
            c.id
            for c in self.library.clauses.values()
            if jur is None or not applicability(c.spec, jur)
        ]

    def _preset_provisions(self) -> dict[str, Any]:
        preset = self.library.presets.get(str(self.data.get("preset")))
        return dict(preset.provisions) if preset else {}

    def _provision_questions(self) -> list[Question]:
        lib = self.library
        applicable = self._applicable()
        optional = [p for p in applicable if not lib.clauses[p].spec.required]
        current = self.data.get("provisions")
        if not isinstance(current, dict):
            current = {
                pid: (val or {})
                for pid, val in self._preset_provisions().items()
                if pid in applicable
            }
            self.data["provisions"] = current
        qs = [
            Question(
                ("_selected",),
                "Which provisions? (numbers or ids, e.g. 1,3,5-8; 'all'; 'none')",
                "Required sections (findings, savings, severability, effective date) are always "
                "included.",
                "multiselect",
                [(p, lib.clauses[p].spec.title, lib.clauses[p].spec.summary) for p in optional],
                default=[p for p in optional if p in current],
            )
        ]
        selected = set(self.data.get("_selected") or [p for p in optional if p in current])
        for pid in applicable:
            spec = lib.clauses[pid].spec
            if pid not in selected and not spec.required:
                continue
            preset_val = self._preset_provisions().get(pid) or {}
            if spec.variants:
                default = preset_val.get("variant") or spec.default_variant
                jur_kind = (self.data.get("jurisdiction") or {}).get("kind", "city")
                qs.append(
                    Question(
                        ("provisions", pid, "variant"),
                        f"{spec.title}: which version?",
                        spec.summary,
                        "choice",
                        [
                            (v.id, v.label, v.summary)
                            for v in spec.variants
                            if jur_kind in v.applies_to
                        ],
                        default=default,
                        topic=pid,
                    )
                )
            for var in spec.variables:
                if var.when and not self._when(var, pid):
                    continue
                default = (preset_val.get("values") or {}).get(var.name, var.default)
                qs.append(_variable_question(pid, spec.title, var, default))
        return qs

    def _when(self, var: VariableSpec, pid: str) -> bool:
        spec = self.library.clauses[pid].spec
        values = dict(get_path(self.data, ("provisions", pid, "values"), {}) or {})
        context = {v.name: values.get(v.name, v.default) for v in spec.variables}
        context["variant"] = (
            get_path(self.data, ("provisions", pid, "variant")) or spec.default_variant
        )
        jur = self._jurisdiction()
        if jur is not None:
            context["jur"] = jur
        return self.library.evaluate(var.when, context, f"{pid}: variable {var.name}")

    # -- running --------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        """Ask every question that applies, then review; return the answers data."""
        self.console.print(
            "[bold]Ordinance Drafter[/bold] — answer each question, or press Enter for the "
            "default in brackets. Type [bold]back[/bold] (or <) to return to the previous "
            "question and [bold]?[/bold] for a provision's full note.",
            highlight=False,
        )
        index = self._resume_index()
        history: list[int] = []
        while True:
            questions = self.questions()
            if index >= len(questions):
                if self.review(questions):
                    break
                index = len(questions) - 1 if questions else 0
                continue
            q = questions[index]
            try:
                self.ask(q)
            except _Back:
                if history:
                    index = history.pop()
                else:
                    self.console.print("[yellow]This is the first question.[/yellow]")
                continue
            history.append(index)
            index += 1
        return self.finish()

    def _resume_index(self) -> int:
        if not self.answered:
            return 0
        questions = self.questions()
        for i, q in enumerate(questions):
            if q.key not in self.answered:
                return i
        return len(questions)

    def ask(self, q: Question) -> None:
        """Ask one question until it gets a valid answer, and store it."""
        current = get_path(self.data, q.key, q.default)
        if q.key == ("_selected",):
            current = self.data.get("_selected", q.default)
        q = Question(**{**q.__dict__, "default": current})
        self._show(q)
        while True:
            raw = self._read(self._prompt_text(q))
            if raw.strip().lower() in BACK:
                raise _Back
            if raw.strip() == "?":
                self.show_note(q)
                continue
            value, problem = parse_answer(q, raw)
            if problem:
                self.console.print(f"[red]✗ {escape(problem)}.[/red]", highlight=False)
                continue
            break
        set_path(self.data, q.key, value)
        if q.key == ("_selected",):
            self._apply_selection(value)
        if q.key not in self.answered:
            self.answered.append(q.key)
        self.save_recovery()

    def _apply_selection(self, selected: list[str]) -> None:
        provisions = self.data.setdefault("provisions", {})
        for pid in list(provisions):
            if pid not in selected and not self.library.clauses[pid].spec.required:
                provisions.pop(pid)
        for pid in selected:
            provisions.setdefault(pid, {})

    def _show(self, q: Question) -> None:
        self.console.print()
        self.console.print(f"[bold cyan]{escape(q.prompt)}[/bold cyan]", highlight=False)
        if q.help:
            self.console.print(f"[dim]{escape(q.help)}[/dim]", highlight=False)
        if q.kind in ("choice", "multiselect"):
            chosen = q.default if isinstance(q.default, list) else [q.default]
            for n, (cid, label, summary) in enumerate(q.choices, 1):
                mark = "•" if cid in chosen else " "
                self.console.print(
                    f"  {mark} {n:>2}. [bold]{escape(label)}[/bold] [dim]({escape(cid)})[/dim]"
                    + (f" — {escape(summary)}" if summary else ""),
                    highlight=False,
                )

    def _prompt_text(self, q: Question) -> str:
        default = q.default
        if q.kind == "bool":
            shown = "Y/n" if default else "y/N"
        elif q.kind == "multiselect":
            ids = [c[0] for c in q.choices]
            nums = [str(ids.index(x) + 1) for x in default or [] if x in ids]
            shown = ",".join(nums) if nums else "none"
        elif default is None:
            shown = ""
        else:
            shown = str(default)
        return f"> [{shown}] " if shown else "> "

    def _read(self, prompt: str) -> str:
        self.prompts += 1
        if self.stream is None:
            try:
                return self.console.input(escape(prompt))
            except EOFError:
                raise InterviewAborted(self._aborted_message()) from None
        self.console.print(prompt, end="", markup=False, highlight=False)
        line = self.stream.readline()
        if not line:
            raise InterviewAborted(self._aborted_message())
        self.console.print(line.rstrip("\n"), markup=False, highlight=False)
        return line.rstrip("\n")

    def _aborted_message(self) -> str:
        where = f" in {self.recovery}" if self.recovery else ""
        return (
            f"Interview stopped. The answers given so far are kept{where}; run "
            "'ordinance-drafter draft --resume' to continue."
        )

    def show_note(self, q: Question) -> None:
        """Show the full note and sources of the provision a question is about."""
        if not q.topic:
            self.console.print(
                f"[dim]{escape(q.help or 'No further help for this question.')}[/dim]",
                highlight=False,
            )
            return
        from .catalog import provision_detail_text

        self.console.print(
            provision_detail_text(self.library, q.topic), markup=False, highlight=False
        )

    def review(self, questions: list[Question]) -> bool:
        """Show every answer with a number; let the user edit any, then confirm."""
        while True:
            table = Table(title="Review your answers", show_lines=False, highlight=False)
            table.add_column("#", justify="right")
            table.add_column("Question")
            table.add_column("Answer")
            for n, q in enumerate(questions, 1):
                value = get_path(self.data, q.key, q.default)
                if q.key == ("_selected",):
                    value = self.data.get("_selected", q.default)
                table.add_row(str(n), escape(q.prompt), escape(_show_value(q, value)))
            self.console.print(table)
            raw = self._read("Press Enter to accept, or type a number to change that answer: ")
            text = raw.strip().lower()
            if not text or text in ("y", "yes", "ok"):
                return True
            if text in BACK:
                return False
            if text.isdigit() and 1 <= int(text) <= len(questions):
                with contextlib.suppress(_Back):
                    self.ask(questions[int(text) - 1])
                questions = self.questions()
                continue
            self.console.print(
                f"[red]✗ Type a number from 1 to {len(questions)}, or press Enter.[/red]",
                highlight=False,
            )

    def finish(self) -> dict[str, Any]:
        """The answers data, without the interview's own bookkeeping keys."""
        data = {k: v for k, v in self.data.items() if not k.startswith("_")}
        if not self.data.get("_customize"):
            data.pop("provisions", None)
        return data

    def save_recovery(self) -> None:
        """Save the answers so far, so an interruption loses nothing."""
        if self.recovery is None:
            return
        from ._io import atomic_write_text

        payload = {"answers": self.data, "answered": [list(k) for k in self.answered]}
        atomic_write_text(self.recovery, dump_yaml(payload), force=True)


def _variable_question(pid: str, title: str, var: VariableSpec, default: Any) -> Question:
    return Question(
        ("provisions", pid, "values", var.name),
        f"{title}: {var.prompt}",
        var.help,
        {
            "text": "text",
            "bool": "bool",
            "int": "int",
            "choice": "choice",
            "multiselect": "multiselect",
        }[var.type],
        [(c.id, c.label, c.summary) for c in var.choices],
        default=default,
        validate=lambda v, var=var: check_value(var, v),
        topic=pid,
        minimum=var.min,
        maximum=var.max,
    )


def _state_problem(value: str) -> str | None:
    text = value.strip()
    names = {v.lower(): k for k, v in STATES.items()}
    if text.upper() in STATES or text.lower() in names:
        return None
    return f"'{text}' is not a US state code.{did_you_mean(text.upper(), STATES)} Use e.g. MN"


def _show_value(q: Question, value: Any) -> str:
    if q.kind == "bool":
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) if value else "(none)"
    return "" if value is None else str(value)


def normalize(data: dict[str, Any]) -> dict[str, Any]:
    """Turn interview answers into answers-file data (e.g. a state name into its code)."""
    j = data.get("jurisdiction") or {}
    state = str(j.get("state") or "MN").strip()
    names = {v.lower(): k for k, v in STATES.items()}
    j["state"] = names.get(state.lower(), state.upper())
    if j.get("kind") != "city" or j["state"] != "MN":
        j.pop("city_type", None)
    data["jurisdiction"] = j
    return data
