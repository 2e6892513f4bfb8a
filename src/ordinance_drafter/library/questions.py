"""The interview's questions as data: ``questions.yaml`` beside the clause library.

In the spirit of copier's ``copier.yml``: each question names where its answer goes
(``key``), its type, prompt, help and default, the choices it offers (literal, or drawn
from the library by a named source), when it is asked (a sandboxed Jinja2 expression, as
a provision's variables use) and how its answer is checked. ``cases`` change the prompt,
help, default or choices for some jurisdictions (a county, a state). One entry of type
``parts`` stands for the part-by-part questions the library's categories make. The format
is documented in ``docs/clause-format.md`` ("questions.yaml").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ClauseLibraryError
from .values import MAX_TEXT
from .yamlio import did_you_mean

#: Question types: what the user types and what is stored.
QUESTION_TYPES = ("text", "state", "bool", "int", "choice", "multiselect", "parts")

#: Named sources of choices (``choices_from``). Each is drawn by the function of the same
#: name in ``ordinance_drafter.interview.compose.SOURCES``; a new source needs both.
CHOICE_SOURCES = ("presets", "types", "governments")

#: The one key a ``parts`` entry may have (its questions are ``_part.<category>``).
PARTS_KEY = "_part"

KEY_RE = r"^_?[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"


class _Strict(BaseModel):
    """A questions record: frozen, unknown keys are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class QuestionChoice(_Strict):
    """One answer a choice or multiselect question offers.

    Attributes:
        id: What the answers file stores.
        label: A short name, shown in the list and the review table.
        summary: What choosing it does, in one line.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    label: str
    summary: str = ""


class QuestionCase(_Strict):
    """Another prompt, help, default or choices for the jurisdictions ``when`` selects.

    Only the fields a case gives replace the question's own; the first case whose ``when``
    holds is used.
    """

    when: str = Field(min_length=1)
    prompt: str = ""
    help: str = ""
    more: str = ""
    label: str = ""
    default: Any = None
    choices: tuple[QuestionChoice, ...] = ()


class DetailsSpec(_Strict):
    """The question that opens a part's details (the variables of its provisions)."""

    prompt: str
    help: str = ""
    label: str


class QuestionSpec(_Strict):
    """One question of the interview (or, with type ``parts``, the part-by-part questions).

    Attributes:
        key: Where the answer goes in the answers file, as a dotted path
            (``jurisdiction.name``, ``document.notes``, ``preset``); keys that start with
            ``_`` are the interview's own (``_customize``: go part by part).
        type: ``text``, ``state`` (a US state, typed as its code or name, stored as its
            code), ``bool``, ``int``, ``choice``, ``multiselect`` or ``parts``.
        prompt: The question. Text fields are Jinja2 templates (see ``when``).
        help: One or two sentences shown under it.
        more: What ``?`` shows (the help when empty).
        label: Its name in the review table.
        group: The section of the review table it is listed in.
        default: The answer Enter gives (a template, when text); none means an answer is
            required.
        choices: The options of a ``choice`` or ``multiselect`` question.
        choices_from: Draw the options from the library instead: ``presets``, ``types``
            (the state's city or county types, ``governments.yaml``) or ``governments``
            (the forms of government for the state and type).
        when: A Jinja2 expression; the question is asked only when it is true. It may use
            ``jur`` (the jurisdiction as answered so far), ``answers`` (the answers so
            far), ``presets`` (the library's preset ids), ``default_preset``,
            ``customizing`` (whether the user goes part by part), ``types`` (the state's
            city or county types, with ``types_prompt`` and ``types_help``),
            ``governments`` (the ids of the forms of government that fit) and
            ``default_government``.
        ask: ``False``: not asked on the way through, only listed in the review table.
        min: The smallest value of an ``int`` question.
        max: The largest value of an ``int`` question.
        max_length: The longest text answer.
        validator: A Jinja2 template given ``value`` (what was typed) and the names
            ``when`` may use; what it renders, if anything, is the problem shown.
        cases: Other prompts, help, defaults or choices for some jurisdictions.
        heading: ``parts`` only: the line above each part (``number``, ``count``, ``title``).
        always: ``parts`` only: the line naming the part's provisions that are always
            included (``titles``).
        details: ``parts`` only: the question that opens a part's details.
    """

    key: str = Field(pattern=KEY_RE)
    type: Literal["text", "state", "bool", "int", "choice", "multiselect", "parts"]
    prompt: str = Field(min_length=1)
    help: str = ""
    more: str = ""
    label: str = ""
    group: str = ""
    default: Any = None
    choices: tuple[QuestionChoice, ...] = ()
    choices_from: str | None = None
    when: str = ""
    ask: bool = True
    min: int | None = None
    max: int | None = None
    max_length: int = Field(default=MAX_TEXT, ge=1, le=MAX_TEXT)
    validator: str = ""
    cases: tuple[QuestionCase, ...] = ()
    heading: str = ""
    always: str = ""
    details: DetailsSpec | None = None

    @property
    def path(self) -> tuple[str, ...]:
        """The key as a path of keys."""
        return tuple(self.key.split("."))


class QuestionsFile(_Strict):
    """``questions.yaml``: the interview's questions, in the order they are asked."""

    questions: tuple[QuestionSpec, ...] = Field(min_length=1)


def check_questions(path: Path, questions: tuple[QuestionSpec, ...]) -> None:
    """Check what a record cannot: unique keys, one ``parts`` entry, choices that fit.

    Raises:
        ClauseLibraryError: A question is inconsistent; the message names it.
    """
    seen: set[str] = set()
    for q in questions:
        where = f"{path}: question '{q.key}'"
        if q.key in seen:
            raise ClauseLibraryError(f"{where} is listed twice; each key is asked once.")
        seen.add(q.key)
        _check_question(where, q)
    parts = [q for q in questions if q.type == "parts"]
    if len(parts) != 1:
        raise ClauseLibraryError(
            f"{path}: the questions must include exactly one entry of type 'parts' (where "
            f"the part-by-part questions go); this file has {len(parts)}."
        )


def _check_question(where: str, q: QuestionSpec) -> None:
    listed = q.type in ("choice", "multiselect")
    if q.type == "parts":
        if q.key != PARTS_KEY:
            raise ClauseLibraryError(f"{where} is of type 'parts'; its key must be '{PARTS_KEY}'.")
        if q.details is None:
            raise ClauseLibraryError(
                f"{where} is of type 'parts' but has no 'details' (the question that opens a "
                "part's details: prompt, help, label)."
            )
    else:
        for name in ("heading", "always", "details"):
            if getattr(q, name):
                raise ClauseLibraryError(f"{where} has '{name}', which only type 'parts' takes.")
        if q.key.startswith("_") and q.key != "_customize":
            raise ClauseLibraryError(
                f"{where}: keys that start with '_' are the interview's own; the only one a "
                "question may have is '_customize'."
            )
    if q.key == "_customize" and q.type != "bool":
        raise ClauseLibraryError(f"{where} must be of type 'bool' (go part by part or not).")
    if listed and not (q.choices or q.choices_from):
        raise ClauseLibraryError(f"{where} is a {q.type} but has no 'choices' or 'choices_from'.")
    if not listed and (q.choices or q.choices_from or any(c.choices for c in q.cases)):
        raise ClauseLibraryError(f"{where} has choices but its type is {q.type}.")
    if q.choices and q.choices_from:
        raise ClauseLibraryError(f"{where} has both 'choices' and 'choices_from'; keep one.")
    if q.choices_from and q.choices_from not in CHOICE_SOURCES:
        raise ClauseLibraryError(
            f"{where}: 'choices_from' is '{q.choices_from}', which is not a source of choices."
            f"{did_you_mean(q.choices_from, CHOICE_SOURCES)} Sources: {', '.join(CHOICE_SOURCES)}."
        )
    if q.type != "int" and (q.min is not None or q.max is not None):
        raise ClauseLibraryError(f"{where} has 'min' or 'max' but its type is {q.type}.")
    if q.min is not None and q.max is not None and q.min > q.max:
        raise ClauseLibraryError(f"{where}: 'min' ({q.min}) is more than 'max' ({q.max}).")
    if not q.ask and q.default is None and q.type not in ("parts",):
        raise ClauseLibraryError(
            f"{where} is not asked ('ask: false') so it needs a 'default' for the review to show."
        )
    for n, case in enumerate(q.cases, 1):
        _check_default(f"{where}, case {n}", q, case.default, case.choices or q.choices)
    _check_default(where, q, q.default, q.choices)


def _check_default(where: str, q: QuestionSpec, default: Any, choices: tuple[Any, ...]) -> None:
    if default is None or (isinstance(default, str) and "{" in default):
        return  # none, or a template the interview renders (lint-library checks it)
    ids = [c.id for c in choices]
    problem = ""
    if q.type == "bool" and not isinstance(default, bool):
        problem = "it must be true or false"
    elif q.type == "int" and (isinstance(default, bool) or not isinstance(default, int)):
        problem = "it must be a whole number"
    elif q.type == "int" and q.min is not None and default < q.min:
        problem = f"it must be at least {q.min}"
    elif q.type == "int" and q.max is not None and default > q.max:
        problem = f"it must be at most {q.max}"
    elif q.type in ("text", "state") and not isinstance(default, str):
        problem = "it must be text"
    elif q.type == "choice" and ids and default not in ids:
        problem = f"it is not one of the choices.{did_you_mean(str(default), ids)}"
    elif (
        q.type == "multiselect"
        and ids
        and (not isinstance(default, list) or any(d not in ids for d in default))
    ):
        problem = "it must be a list of the choices' ids"
    if problem:
        raise ClauseLibraryError(f"{where}: its default {default!r} is not valid: {problem}.")
