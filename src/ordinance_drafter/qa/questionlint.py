"""Checks of the interview's questions (``questions.yaml``) against the answers format.

Loading the library has checked each question's shape. Here every question is composed,
as the interview would, for each sample jurisdiction (a city and a county, in Minnesota
and in other states, going part by part or not), so that a template or ``when`` that
fails, a key the answers file has no field for, or a choice or default that ``build``
would refuse is reported before a user meets it.
"""

from __future__ import annotations

import copy
from typing import Any

from ..answers.jurisdiction import JAIL_CHOICES
from ..answers.resolve import resolve
from ..answers.schema import DocumentAnswers, JurisdictionAnswers, parse_answers
from ..errors import DrafterError
from ..interview.questionnaire import Questionnaire, normalize
from ..interview.questions import Question, set_path
from ..library.loader import Library
from ..library.yamlio import did_you_mean

#: The states the questions are composed for: the first-class default and two others.
SAMPLE_STATES = ("MN", "WI", "TX")

#: The answers file's fields a question may fill, by the first part of its key.
FIELDS: dict[str, tuple[str, ...]] = {
    "jurisdiction": tuple(JurisdictionAnswers.model_fields),
    "document": tuple(DocumentAnswers.model_fields),
}


def lint_questions(library: Library) -> list[str]:
    """Check the library's questions; return the problems found (empty when clean)."""
    path = library.questions_path
    problems: list[str] = []
    for spec in library.questions:
        problem = _key_problem(spec.path)
        if problem:
            problems.append(f"{path}: question '{spec.key}': {problem}")
    if problems:
        return problems
    composing: set[str] = set()
    refused: set[tuple[tuple[str, ...], str]] = set()
    for data in _samples(library):
        where = _describe(data)
        try:
            questions = Questionnaire(library, copy.deepcopy(data)).questions()
        except DrafterError as exc:
            if exc.message not in composing:  # said once, for the first sample it fails in
                composing.add(exc.message)
                problems.append(f"{exc.message} (composing the questions for {where})")
            continue
        if data["_customize"]:
            continue  # the part questions fill no answers field; composing them is the check
        for q in questions:
            if q.key[0] not in FIELDS:
                continue
            values = list(q.option_ids) if q.kind == "choice" else []
            if q.default is not None and q.default not in values:
                values.insert(0, q.default)
            for value in values:
                if (q.key, repr(value)) in refused:
                    continue  # said once, for the first sample that refuses it
                problem = _refused(library, data, q, value)
                if problem:
                    refused.add((q.key, repr(value)))
                    what = f"its {'default' if value == q.default else 'choice'} {value!r}"
                    problems.append(
                        f"{path}: question '{'.'.join(q.key)}': {what} is not a valid answer "
                        f"for {where}: {problem}"
                    )
    return list(dict.fromkeys(problems))


def _key_problem(key: tuple[str, ...]) -> str | None:
    """What is wrong with a question's key, or ``None``."""
    if key[0].startswith("_") or key == ("preset",):
        return None
    if key[0] not in FIELDS or len(key) != 2:
        return (
            "the key must name a field of the answers file: 'preset', "
            + ", ".join(f"'{k}.FIELD'" for k in FIELDS)
            + " (see docs/answers-format.md)"
        )
    if key[1] not in FIELDS[key[0]]:
        allowed = FIELDS[key[0]]
        return (
            f"the answers file has no field '{key[1]}' under '{key[0]}'."
            f"{did_you_mean(key[1], allowed)} Its fields: {', '.join(allowed)}"
        )
    return None


def _samples(library: Library) -> list[dict[str, Any]]:
    """Answers for each kind, jail, sample state and way through (preset or part by part)."""
    out = []
    for state in SAMPLE_STATES:
        for kind, jails in JAIL_CHOICES.items():
            for jail in jails:
                for customize in (False, True):
                    jurisdiction = {"name": "Sampleton", "kind": kind, "state": state}
                    jurisdiction["jail"] = jail
                    out.append({"jurisdiction": jurisdiction, "_customize": customize})
    return out


def _describe(data: dict[str, Any]) -> str:
    j = data["jurisdiction"]
    how = "part by part" if data["_customize"] else "from a preset"
    return f"a {j['kind']} in {j['state']} with jail '{j['jail']}', {how}"


def _refused(library: Library, data: dict[str, Any], q: Question, value: Any) -> str | None:
    """Why ``build`` would refuse the answers with ``value`` for ``q``, or ``None``."""
    trial = Questionnaire(library, copy.deepcopy(data))
    set_path(trial.data, q.key, value)
    for other in trial.questions():
        # An answer the change spoils (a city jail, once it is a county) is asked again in
        # the interview; here it is left to the draft's own default.
        if other.key != q.key and other.key[0] in FIELDS and not trial.valid(other):
            parent = trial.data.get(other.key[0])
            if isinstance(parent, dict):
                parent.pop(other.key[-1], None)
    try:
        resolve(parse_answers(normalize(trial.finish()), "the sample answers"), library)
    except DrafterError as exc:
        return exc.message
    return None
