"""The answers given so far, and the facts the interview derives from them.

:class:`AnswersSoFar` holds the answers (in answers-file form, plus the interview's own
bookkeeping under keys that start with ``_``) and works out what follows from them: the
kind of jurisdiction and its state, the jurisdiction with defaults filled in, the
provisions that apply and the versions that fit, and the state-law flags on each.
:class:`~.questionnaire.Questionnaire` builds the questions on top of it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..answers.interactions import Outcome, apply_interactions
from ..answers.jurisdiction import JAIL_CHOICES, Jurisdiction, base_name, default_jail
from ..answers.resolve import Choice, applicability
from ..errors import DrafterError
from ..library.documentspec import GovernmentSpec
from ..library.loader import Clause, Library
from ..library.schema import VariableSpec
from ..statelaw import provision_flags
from .parse import state_code
from .questions import get_path


class AnswersSoFar:
    """The answers so far and what follows from them.

    Args:
        library: The clause library.
        data: Answers to start from (an answers file, ``--preset``, ``--set``, or a
            recovery file's answers).
        answered: Question keys already answered in the interview being resumed.
        given: Question keys answered before the interview (by ``--answers``, ``--preset``
            or ``--set``); they are not asked, but the review lists them and they can be
            changed there. ``("provisions",)`` means the provisions were given in full.

    Attributes:
        data: The answers so far, in answers-file form, plus the questionnaire's own
            bookkeeping under keys that start with ``_`` (``_customize``, ``_details``).
        answered: The keys of the questions answered, in order.
        given: The keys answered before the interview.
    """

    def __init__(
        self,
        library: Library,
        data: dict[str, Any] | None = None,
        answered: list[list[str]] | None = None,
        given: list[list[str]] | None = None,
    ) -> None:
        self.library = library
        self.data: dict[str, Any] = json.loads(json.dumps(data or {}, default=str))
        self.answered: list[tuple[str, ...]] = [tuple(a) for a in answered or []]
        self.given: set[tuple[str, ...]] = {tuple(g) for g in given or []}
        self._flag_cache: dict[tuple[str, str, str, str], tuple[Any, ...]] = {}
        provisions = self.data.get("provisions")
        if isinstance(provisions, list):
            self.data["provisions"] = {p: {} for p in provisions}
        elif isinstance(provisions, dict):
            self.data["provisions"] = {k: dict(v or {}) for k, v in provisions.items()}
        if ("provisions",) in self.given:
            # A full list of provisions was given: the parts are settled, not asked.
            self.data["_customize"] = True
        document = self.data.setdefault("document", {})
        if isinstance(document, dict) and not document.get("draft_date"):
            # Recorded now, so that a resumed interview builds the very same document.
            document["draft_date"] = dt.date.today().isoformat()

    @property
    def kind(self) -> str:
        """``city`` or ``county`` (city until answered)."""
        kind = get_path(self.data, ("jurisdiction", "kind"))
        return kind if kind in ("city", "county") else "city"

    @property
    def state(self) -> str:
        """The two-letter state code (MN until answered)."""
        return state_code(str(get_path(self.data, ("jurisdiction", "state")) or "MN"))

    def jurisdiction(self, *, own_words: bool = True) -> Jurisdiction:
        """The jurisdiction as answered so far (defaults for what is not answered yet).

        Args:
            own_words: Use the answers' names for the governing body, executive, police and
                attorney;
                ``False`` gives the defaults the draft would use without them.
        """
        j = dict(self.data.get("jurisdiction") or {})
        if not own_words:
            for key in ("body", "executive", "police", "attorney"):
                j.pop(key, None)
        kind = self.kind
        jail = j.get("jail")
        if jail not in JAIL_CHOICES[kind]:
            jail = default_jail(kind)
        type_ = self.jurisdiction_type()
        city_type, county_type = (type_, "") if kind == "city" else ("", type_)
        gov = self.government()
        try:
            body = self.library.form_for(self.state, kind, city_type, county_type).body
        except DrafterError:  # a custom library without a fitting form; resolve will say
            body = "City Council" if kind == "city" else "County Board"
        city = kind == "city"
        return Jurisdiction(
            base_name(str(j.get("name") or "____"), kind),
            kind,
            self.state,
            city_type,
            jail,
            str(j.get("body") or gov.body or body),
            str(j.get("executive") or gov.officer),
            str(j.get("police") or ("Police Department" if city else "Office of the Sheriff")),
            str(j.get("attorney") or ""),
            county_type=county_type,
            government=gov.id,
            government_label=gov.label,
        )

    def jurisdiction_type(self) -> str:
        """The type of city or county as answered so far (the state's default if not)."""
        governments = self.library.governments
        key = "city_type" if self.kind == "city" else "county_type"
        given = get_path(self.data, ("jurisdiction", key))
        known = governments.type_ids(self.state, self.kind)
        return given if given in known else governments.default_type(self.state, self.kind)

    def government(self) -> GovernmentSpec:
        """The form of government as answered so far (the default for the place if not)."""
        governments = self.library.governments
        type_ = self.jurisdiction_type()
        given = str(get_path(self.data, ("jurisdiction", "government")) or "")
        return governments.get(self.state, self.kind, type_, given) or governments.default(
            self.state, self.kind, type_
        )

    def default_preset(self) -> str:
        """The preset a draft starts from when none is chosen (it follows the jail)."""
        return self.library.default_preset_for(self.kind, self.jurisdiction().jail)

    def applicable(self) -> list[Clause]:
        """The provisions that apply to the jurisdiction as answered so far, in order."""
        jur = self.jurisdiction()
        return [c for c in self.library.clauses.values() if not applicability(c.spec, jur)]

    def variants(self, clause: Clause) -> list[Any]:
        """The versions of a provision that fit the kind of jurisdiction."""
        return [v for v in clause.spec.variants if self.kind in v.applies_to]

    def flags(self, pid: str, variant: str | None) -> tuple[Any, ...]:
        """The state-law flags on a provision (and version), for this state, kind and jail."""
        jail = self.jurisdiction().jail
        key = (self.state, self.kind, pid, variant or "", jail)
        if key not in self._flag_cache:
            found = provision_flags(self.library, self.state, self.kind, pid, variant, jail)
            self._flag_cache[key] = tuple(found or ())
        return self._flag_cache[key]

    def is_given(self, key: tuple[str, ...]) -> bool:
        """Whether the answer to a question was given before the interview (not asked)."""
        if key in self.given:
            return True
        # A full list of provisions settles every part and its details.
        return ("provisions",) in self.given and key[0] in ("_part", "_details")

    def customizing(self) -> bool:
        """Whether the user chose to go through the ordinance part by part."""
        return bool(self.data.get("_customize"))

    def fixed_provisions(self) -> bool:
        """Whether provisions came from an answers file or ``--set`` (kept without customizing)."""
        return any(k and k[0] == "provisions" for k in self.given)

    def preset_provisions(self) -> dict[str, dict[str, Any]]:
        """A copy of the chosen preset's provisions (the default preset's if none)."""
        preset = self.library.presets.get(str(self.data.get("preset") or ""))
        if preset is None:
            preset = self.library.presets.get(self.default_preset())
        # A deep copy: answers are stored into it, and the preset itself must never change.
        return json.loads(
            json.dumps({p: v or {} for p, v in (preset.provisions if preset else {}).items()})
        )

    def provisions(self) -> dict[str, dict[str, Any]]:
        """The chosen provisions, seeded from the preset the first time they are needed."""
        provisions = self.data.get("provisions")
        if not isinstance(provisions, dict):
            provisions = self.preset_provisions()
            for clause in self.library.clauses.values():
                if clause.spec.required:
                    provisions.setdefault(clause.id, {})
            self.data["provisions"] = provisions
        return provisions

    def current_variant(self, clause: Clause) -> str:
        """The version of a provision chosen so far (or its first that fits)."""
        entry = self.draft_provisions().get(clause.id) or {}
        variants = [v.id for v in self.variants(clause)]
        chosen = entry.get("variant")
        if chosen in variants:
            return chosen
        return variants[0] if variants else ""

    def values(self, pid: str) -> dict[str, Any]:
        """A provision's variable values so far, with the library's defaults filled in."""
        clause = self.library.clauses[pid]
        given = (self.draft_provisions().get(pid) or {}).get("values") or {}
        return {v.name: given.get(v.name, v.default) for v in clause.spec.variables}

    def _choices(self) -> dict[str, Choice]:
        """The provisions chosen so far, as resolve would see them (before interactions)."""
        explicit_values = self.customizing() or self.fixed_provisions()
        out: dict[str, Choice] = {}
        for pid in self.chosen_ids():
            clause = self.library.clauses[pid]
            given = (self.draft_provisions().get(pid) or {}).get("values") or {}
            explicit = frozenset(given) if explicit_values else frozenset()
            out[pid] = Choice(pid, self.current_variant(clause), self.values(pid), explicit)
        return out

    def interactions(self) -> tuple[dict[str, Choice], list[Outcome]]:
        """What the interactions among the provisions chosen so far change and find.

        Returns the choices with the changes made and one outcome per interaction that
        holds (see :func:`ordinance_drafter.answers.interactions.apply_interactions`).
        """
        return apply_interactions(self.library, self._choices())

    def shown_values(self, pid: str) -> dict[str, Any]:
        """A provision's values as the draft will use them (interactions' changes made)."""
        choices, _outcomes = self.interactions()
        choice = choices.get(pid)
        return dict(choice.values) if choice is not None else self.values(pid)

    def new_interactions(self) -> list[Outcome]:
        """The interaction outcomes not yet shown to the user; marks them shown.

        Each change made, and each contradiction the answers create, is said once (the
        keys are kept under ``_said`` so that a resumed interview does not repeat them).
        """
        said = self.data.setdefault("_said", [])
        _choices, outcomes = self.interactions()
        fresh = [o for o in outcomes if f"{o.key}:{o.status}" not in said]
        said.extend(f"{o.key}:{o.status}" for o in fresh)
        return fresh

    def asks_variable(self, var: VariableSpec, pid: str) -> bool:
        """Whether a provision's variable applies (its ``when`` holds for the answers so far)."""
        if not var.when:
            return True
        context: dict[str, Any] = dict(self.values(pid))
        context["variant"] = self.current_variant(self.library.clauses[pid])
        context["jur"] = self.jurisdiction()
        return self.library.evaluate(var.when, context, f"{pid}: variable {var.name}")

    def draft_provisions(self) -> dict[str, dict[str, Any]]:
        """The provisions (with versions and values) the draft would use as answered so far.

        The ones chosen, when the user chooses or the answers give them; else the preset's
        (a copy) with the provisions that are always included.
        """
        if self.customizing() or self.fixed_provisions():
            return self.provisions()
        chosen = self.preset_provisions()
        for clause in self.library.clauses.values():
            if clause.spec.required:
                chosen.setdefault(clause.id, {})
        return chosen

    def chosen_ids(self) -> list[str]:
        """The provisions the draft will include, as answered so far, in order."""
        chosen = self.draft_provisions()
        return [c.id for c in self.applicable() if c.id in chosen]
