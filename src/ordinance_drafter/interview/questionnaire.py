"""The questionnaire behind the interview: its questions, answers and checks, without I/O.

:class:`Questionnaire` holds the answers so far (:class:`~.answered.AnswersSoFar`) and
works out which questions apply and in what order: the jurisdiction (name, city or county,
state, type of city or county, form of government, who runs the jail), a preset, and then,
if the user wants to choose for themselves, each part of the ordinance (one question picks
the part's provisions and their versions, one optional question opens their details).
Questions that do not apply (a detainer provision for a city without a jail, a variant
written for counties only) are left out. :mod:`ordinance_drafter.interview.terminal` asks
the questions; tests and other front ends can drive the questionnaire directly.
"""

from __future__ import annotations

import json
from typing import Any

from ..answers.resolve import resolve
from ..answers.schema import parse_answers
from ..errors import DrafterError
from ..library.loader import Library, load_library
from ..statelaw.codes import STATES
from . import compose
from .answered import AnswersSoFar
from .parse import group_problem, state_code
from .questions import Question, get_path, set_path


class Questionnaire(AnswersSoFar):
    """The interview's questions and the answers given so far (see :class:`AnswersSoFar`)."""

    def questions(self) -> list[Question]:
        """Every question that applies given the answers so far, in order."""
        if not self.library.presets:
            self.data["_customize"] = True  # a library without presets: choose by hand
        return compose.data_questions(self)

    # -- current values --------------------------------------------------------------
    def value_of(self, q: Question) -> Any:
        """The current answer to ``q`` (its default if not answered)."""
        if q.kind == "part":
            return compose.part_value(self, q.options)
        return get_path(self.data, q.key, q.default)

    def valid(self, q: Question) -> bool:
        """Whether the current answer to ``q`` is still allowed (a later change can spoil it)."""
        value = self.value_of(q)
        if q.kind == "choice":
            return value in q.option_ids
        if q.kind == "part":
            return group_problem(q, value) is None
        if q.kind == "text" and q.default is None:
            return bool(str(value or "").strip())
        return True

    def store(self, q: Question, value: Any) -> None:
        """Store an answer (a part's answer updates the chosen provisions)."""
        if q.kind == "part":
            self._store_part(q, value)
        elif q.key == ("preset",):
            changed = value != self.data.get("preset")
            self.data["preset"] = value
            if changed and not self.fixed_provisions():
                # Another starting point: the provisions follow the new preset.
                self.data.pop("provisions", None)
                self.answered = [k for k in self.answered if k[0] not in ("_part", "provisions")]
        else:
            set_path(self.data, q.key, value)
        if q.key[0] == "_details" and value:
            self._reopen_details(q.key[1])
        if q.key not in self.answered:
            self.answered.append(q.key)

    def _reopen_details(self, cid: str) -> None:
        """Opening a part's details asks its values, even those an answers file gave."""
        for q in self.questions():
            if q.key[0] == "provisions" and self.library.clauses[q.key[1]].spec.category == cid:
                self.given.discard(q.key)
                if q.key in self.answered:
                    self.answered.remove(q.key)

    def _store_part(self, q: Question, picked: list[str]) -> None:
        provisions = self.provisions()
        for group in dict.fromkeys(o.group for o in q.options):
            chosen = [o.id for o in q.options if o.group == group and o.id in picked]
            if not chosen:
                provisions.pop(group, None)
                continue
            entry = provisions.setdefault(group, {})
            if ":" in chosen[0]:
                entry["variant"] = chosen[0].split(":", 1)[1]

    def pending(self, q: Question) -> bool:
        """Whether ``q`` still needs asking: neither answered nor given."""
        return not self.is_given(q.key) and q.key not in self.answered

    def start_customizing(self) -> None:
        """Choose provisions part by part from here on, starting from the preset's choices.

        For a change made from the review: every part keeps what the preset gave it (its
        questions count as answered), so only what the user picks is asked.
        """
        if self.customizing() or self.fixed_provisions():
            return
        self.data.pop("provisions", None)  # the preset's, afresh (not an earlier choice)
        self.data["_customize"] = True
        self.provisions()
        for q in [*self.questions(), Question(("_customize",), "")]:
            if q.key[0] in ("_part", "_details", "_customize") and q.key not in self.answered:
                self.answered.append(q.key)

    def answer_text(self, q: Question, value: Any = None) -> str:
        """The answer to ``q`` in words, for the review table (``value``, else the current)."""
        value = self.value_of(q) if value is None else value
        if q.key == ("_customize",) and not value:
            if self.fixed_provisions():
                return "no (the provisions given)"
            count = len(self.chosen_ids())
            return f"no: the preset's {count} provisions (listed by part below)"
        if q.kind == "bool":
            return "yes" if value else "no"
        labels = {o.id: o.label for o in q.options}
        if q.kind == "part":
            if not value:
                return "(none)"
            titles = q.group_titles
            return "; ".join(
                f"{titles[v.split(':')[0]]} ({labels[v]})" if ":" in v else labels.get(v, v)
                for v in value
            )
        if isinstance(value, list):
            return ", ".join(labels.get(v, v) for v in value) if value else "(none)"
        if q.kind == "choice":
            return labels.get(value, "" if value is None else str(value))
        if q.key == ("jurisdiction", "executive") and not value:
            return f"(no officer: {self.jurisdiction().the_executive})"
        if q.kind == "text" and value == "":
            return compose.BLANK
        if q.kind == "state":
            code = state_code(str(value or ""))
            return f"{code} ({STATES.get(code, '?')})"
        return "" if value is None else str(value)

    def check(self) -> str | None:
        """Check the answers against the library as ``build`` would; return the problem."""
        try:
            resolve(
                parse_answers(normalize(self.finish(), self.library), "your answers"),
                self.library,
            )
        except DrafterError as exc:
            return exc.message
        return None

    def finish(self) -> dict[str, Any]:
        """The answers data, without the interview's own bookkeeping keys.

        Provisions that do not apply to the jurisdiction as finally answered are left out,
        and a version written only for the other kind of jurisdiction is replaced by the
        provision's first version that fits.
        """
        data = json.loads(json.dumps(self.data))
        data = {k: v for k, v in data.items() if not k.startswith("_")}
        if not (self.customizing() or self.fixed_provisions()):
            data.pop("provisions", None)
            return data
        applicable = {c.id: c for c in self.applicable()}
        provisions = {}
        for pid, entry in (data.get("provisions") or {}).items():
            clause = applicable.get(pid)
            if clause is None:
                if pid in self.library.clauses:
                    continue
                provisions[pid] = entry  # unknown: resolve names it
                continue
            entry = dict(entry or {})
            variants = [v.id for v in self.variants(clause)]
            if entry.get("variant") and entry["variant"] not in variants and variants:
                entry["variant"] = variants[0]
            provisions[pid] = entry
        data["provisions"] = provisions
        return data


def normalize(data: dict[str, Any], library: Library | None = None) -> dict[str, Any]:
    """Turn interview answers into answers-file data (e.g. a state name into its code).

    A type of city or county that cannot apply to the kind and state answered (a city type
    after the state became Wisconsin, which has none) is dropped. A form of government is
    kept as given: the interview asks again for one that no longer fits, and ``resolve``
    names one that an answers file got wrong.
    """
    library = library or load_library()
    j = data.get("jurisdiction") or {}
    j["state"] = state_code(str(j.get("state") or "MN"))
    kind = j.get("kind") if j.get("kind") in ("city", "county") else "city"
    for key, of_kind in (("city_type", "city"), ("county_type", "county")):
        if kind != of_kind or not library.governments.type_ids(j["state"], kind):
            j.pop(key, None)
    data["jurisdiction"] = j
    return data
