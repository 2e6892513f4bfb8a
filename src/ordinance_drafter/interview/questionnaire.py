"""The questionnaire behind the interview: its questions, answers and checks, without I/O.

:class:`Questionnaire` holds the answers so far and works out, from the clause library's
metadata, which questions apply and in what order: the jurisdiction (name, city or county,
state, type of Minnesota city, who runs the jail), a preset, and then, if the user wants to
choose for themselves, each part of the ordinance (one question picks the part's provisions
and their versions, one optional question opens their details). Questions that do not
apply (a detainer provision for a city without a jail, a variant written for counties
only) are left out. :mod:`ordinance_drafter.interview` asks the questions; tests and other
front ends can drive the questionnaire directly.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import statelaw
from ..answers.jurisdiction import JAIL_CHOICES, Jurisdiction, base_name
from ..answers.resolve import applicability
from ..errors import DrafterError
from ..library.loader import Clause, Library
from ..library.schema import VariableSpec
from ..library.values import MAX_NAME, MAX_TEXT, check_text, check_value
from ..library.yamlio import did_you_mean
from ..statelaw.codes import STATES

JAIL_LABELS: dict[str, dict[str, str]] = {
    "city": {"none": "No jail", "city": "City jail"},
    "county": {"sheriff": "The sheriff's jail", "county": "A county-run jail", "none": "No jail"},
}

SERIOUS = ("forbidden", "limited")


@dataclass(frozen=True)
class Option:
    """One answer a choice, multiselect or part question offers.

    Attributes:
        id: What the answer stores (a choice id, or ``provision`` / ``provision:variant``).
        label: A short name.
        summary: What choosing it does, in one line.
        group: For part questions: the provision the option includes.
        flags: State-law flags on it (objects with ``severity``, ``message``, ``citations``
            and, from the state-law layer, ``scope`` and ``as_of``).
        warning: A warning line of its own (e.g. what state law says about a preset).
    """

    id: str
    label: str
    summary: str = ""
    group: str = ""
    flags: tuple[Any, ...] = ()
    warning: str = ""


@dataclass
class Question:
    """One prompt of the interview.

    Attributes:
        key: Where the answer goes in the answers data, as a path of keys. Keys that start
            with ``_`` are the interview's own bookkeeping (``_part``, ``_details``...).
        prompt: The question.
        help: A short help line shown under it.
        kind: ``text``, ``choice``, ``bool``, ``int``, ``multiselect`` or ``part`` (a
            multiselect of provisions and their versions, at most one version each).
        options: For choice, multiselect and part questions, the answers offered.
        default: The default answer (in answers-data form).
        validate: Returns a problem with a text answer, or ``None``.
        convert: Turns a valid text answer into the stored value (e.g. a state's name into
            its code).
        topic: A provision id; ``?`` shows its note.
        minimum: The smallest allowed value of an ``int`` question.
        maximum: The largest allowed value of an ``int`` question.
        max_length: The longest allowed text answer.
        label: A short name for the review table.
        heading: A line shown above the question (the part of the ordinance it opens).
        lines: Extra lines shown under the help (e.g. the current details of a part).
        more: What ``?`` shows when the question is not about one provision.
        required_groups: For part questions: provisions that need exactly one version.
        group_titles: For part questions: the title of each provision.
        ask: ``False`` for questions shown only in the review table, where they can be
            changed; they are not asked on the way through.
    """

    key: tuple[str, ...]
    prompt: str
    help: str = ""
    kind: str = "text"
    options: list[Option] = field(default_factory=list)
    default: Any = None
    validate: Callable[[str], str | None] | None = None
    convert: Callable[[str], Any] | None = None
    topic: str = ""
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = MAX_TEXT
    label: str = ""
    heading: str = ""
    lines: tuple[str, ...] = ()
    more: str = ""
    required_groups: tuple[str, ...] = ()
    group_titles: dict[str, str] = field(default_factory=dict)
    ask: bool = True

    @property
    def option_ids(self) -> list[str]:
        """The ids of the options, in order."""
        return [o.id for o in self.options]


# -- reading answers -----------------------------------------------------------------


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
    """Turn what the user typed into an answer; return ``(value, problem)``.

    An empty answer takes the question's default. ``problem`` is a short sentence saying
    what is allowed, shown before the question is asked again.
    """
    text = raw.strip()
    if not text:
        if q.default is None:
            return None, "an answer is required here"
        return q.default, None
    if q.kind == "text":
        problem = check_text(text, q.max_length) or (q.validate(text) if q.validate else None)
        if problem:
            return None, problem
        return (q.convert(text) if q.convert else text), None
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
            return None, f"'{text}' is not a whole number; enter one, e.g. {q.default}"
        if q.minimum is not None and value < q.minimum:
            return None, f"enter a number of at least {q.minimum}"
        if q.maximum is not None and value > q.maximum:
            return None, f"enter a number of at most {q.maximum}"
        return value, None
    ids = q.option_ids
    if q.kind == "choice":
        return _pick_one(text, ids)
    default = q.default if isinstance(q.default, list) else []
    picked, problem = _pick_many(text, ids, default)
    if problem or q.kind != "part":
        return picked, problem
    return picked, _group_problem(q, picked)


def _pick_one(text: str, ids: list[str]) -> tuple[Any, str | None]:
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1], None
    low = {i.lower(): i for i in ids}
    if text.lower() in low:
        return low[text.lower()], None
    numbers = "1" if len(ids) == 1 else f"a number from 1 to {len(ids)}"
    return None, (
        f"'{text}' is not one of the choices.{did_you_mean(text, ids)} Type {numbers}, or a "
        "choice's id"
    )


def _pick_many(text: str, ids: list[str], default: list[str]) -> tuple[Any, str | None]:
    low = text.lower()
    if low in ("none", "-"):
        return [], None
    if low == "all":
        return list(ids), None
    tokens = text.replace(",", " ").split()
    # "+4 -2" changes the default selection instead of replacing it.
    relative = all(t[0] in "+-" and len(t) > 1 for t in tokens)
    chosen: list[str] = list(default) if relative else []
    for token in tokens:
        sign = token[0] if relative else "+"
        body = token[1:] if relative else token
        items, problem = _expand(body, ids)
        if problem:
            return None, problem
        for item in items:
            if sign == "+" and item not in chosen:
                chosen.append(item)
            elif sign == "-" and item in chosen:
                chosen.remove(item)
    return [i for i in ids if i in chosen], None


def _expand(token: str, ids: list[str]) -> tuple[list[str], str | None]:
    if "-" in token and all(p.isdigit() for p in token.split("-", 1)):
        lo, hi = (int(p) for p in token.split("-", 1))
        if not (1 <= lo <= hi <= len(ids)):
            return [], f"'{token}' is not a range within 1-{len(ids)}"
        return ids[lo - 1 : hi], None
    value, problem = _pick_one(token, ids)
    return ([value] if value else []), problem


def _group_problem(q: Question, picked: list[str]) -> str | None:
    """A part question allows one version of each provision, and needs one of a required one."""
    numbers = {o.id: str(n) for n, o in enumerate(q.options, 1)}
    by_group: dict[str, list[str]] = {}
    for oid in picked:
        group = next(o.group for o in q.options if o.id == oid)
        by_group.setdefault(group, []).append(oid)
    for group, oids in by_group.items():
        if len(oids) > 1:
            return (
                f"{', '.join(numbers[o] for o in oids)} are versions of the same provision "
                f"({q.group_titles.get(group, group)}); choose one of them"
            )
    for group in q.required_groups:
        if group not in by_group:
            choices = [numbers[o.id] for o in q.options if o.group == group]
            return (
                f"{q.group_titles.get(group, group)} is always included; choose one of its "
                f"versions ({' or '.join(choices)})"
            )
    return None


# -- the state-law layer (optional until it ships) -----------------------------------


def _states_module() -> Any:
    """The state-law layer (a seam: tests replace it to show made-up warnings)."""
    return statelaw


def state_notice(library: Library, state: str) -> str | None:
    """The state-law paragraph to show once the state is known, if the layer has one."""
    func = getattr(_states_module(), "state_notice", None)
    return func(library, state) if func else None


def provision_flags(
    library: Library, state: str, kind: str, pid: str, variant: str | None = None
) -> tuple[Any, ...]:
    """State-law flags on one provision (and variant) for a state and kind of jurisdiction."""
    func = getattr(_states_module(), "provision_flags", None)
    return tuple(func(library, state, kind, pid, variant) or ()) if func else ()


def is_federal(flag: Any) -> bool:
    """Whether a flag is federal context (shown in full only on ``?``) rather than state law."""
    return getattr(flag, "scope", "state") == "federal"


def is_serious(flag: Any) -> bool:
    """Whether a flag is a state-law warning that state law forbids or limits a provision."""
    return getattr(flag, "severity", "") in SERIOUS and not is_federal(flag)


def _flag_key(flag: Any) -> tuple[str, str]:
    return (str(getattr(flag, "severity", "")), str(getattr(flag, "message", "")))


class Questionnaire:
    """The interview's questions and the answers given so far.

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

    # -- facts derived from the answers so far -----------------------------------------
    @property
    def kind(self) -> str:
        """``city`` or ``county`` (city until answered)."""
        kind = get_path(self.data, ("jurisdiction", "kind"))
        return kind if kind in ("city", "county") else "city"

    @property
    def state(self) -> str:
        """The two-letter state code (MN until answered)."""
        return _state_code(str(get_path(self.data, ("jurisdiction", "state")) or "MN"))

    def jurisdiction(self, *, own_words: bool = True) -> Jurisdiction:
        """The jurisdiction as answered so far (defaults for what is not answered yet).

        Args:
            own_words: Use the answers' names for the governing body, executive and police;
                ``False`` gives the defaults the draft would use without them.
        """
        j = dict(self.data.get("jurisdiction") or {})
        if not own_words:
            for key in ("body", "executive", "police"):
                j.pop(key, None)
        kind = self.kind
        jail = j.get("jail")
        if jail not in JAIL_CHOICES[kind]:
            jail = "none" if kind == "city" else "sheriff"
        city_type = (j.get("city_type") or "statutory") if kind == "city" else ""
        city_type = city_type if self.state == "MN" else ""
        try:
            body = self.library.form_for(self.state, kind, city_type).body
        except DrafterError:  # a custom library without a fitting form; resolve will say
            body = "City Council" if kind == "city" else "County Board"
        city = kind == "city"
        return Jurisdiction(
            base_name(str(j.get("name") or "____"), kind),
            kind,
            self.state,
            city_type,
            jail,
            str(j.get("body") or body),
            str(j.get("executive") or ("Mayor" if city else "County Administrator")),
            str(j.get("police") or ("Police Department" if city else "Office of the Sheriff")),
        )

    def applicable(self) -> list[Clause]:
        """The provisions that apply to the jurisdiction as answered so far, in order."""
        jur = self.jurisdiction()
        return [c for c in self.library.clauses.values() if not applicability(c.spec, jur)]

    def variants(self, clause: Clause) -> list[Any]:
        """The versions of a provision that fit the kind of jurisdiction."""
        return [v for v in clause.spec.variants if self.kind in v.applies_to]

    def flags(self, pid: str, variant: str | None) -> tuple[Any, ...]:
        """The state-law layer's flags on a provision (and version), for this state and kind."""
        key = (self.state, self.kind, pid, variant or "")
        if key not in self._flag_cache:
            self._flag_cache[key] = provision_flags(
                self.library, self.state, self.kind, pid, variant
            )
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
            preset = self.library.presets.get(self.library.default_preset)
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
        entry = self.provisions().get(clause.id) or {}
        variants = [v.id for v in self.variants(clause)]
        chosen = entry.get("variant")
        if chosen in variants:
            return chosen
        return variants[0] if variants else ""

    def values(self, pid: str) -> dict[str, Any]:
        """A provision's variable values so far, with the library's defaults filled in."""
        clause = self.library.clauses[pid]
        given = (self.provisions().get(pid) or {}).get("values") or {}
        return {v.name: given.get(v.name, v.default) for v in clause.spec.variables}

    def _when(self, var: VariableSpec, pid: str) -> bool:
        if not var.when:
            return True
        context: dict[str, Any] = dict(self.values(pid))
        context["variant"] = self.current_variant(self.library.clauses[pid])
        context["jur"] = self.jurisdiction()
        return self.library.evaluate(var.when, context, f"{pid}: variable {var.name}")

    # -- the questions --------------------------------------------------------------
    def questions(self) -> list[Question]:
        """Every question that applies given the answers so far, in order."""
        kind = self.kind
        qs = [
            Question(
                ("jurisdiction", "name"),
                "What is the name of the city or county?",
                "As it appears in the charter, without 'City of' or 'County' "
                "(e.g. Northfield, Hennepin).",
                "text",
                validate=lambda v: None if v.strip() else "enter a name",
                max_length=MAX_NAME,
                label="Name",
            ),
            Question(
                ("jurisdiction", "kind"),
                "Is it a city or a county?",
                "Sets the governing body, the enacting clause and the signature block.",
                "choice",
                [
                    Option("city", "City", "Enacted by a city council."),
                    Option("county", "County", "Enacted by a county board."),
                ],
                default="city",
                label="City or county",
            ),
            Question(
                ("jurisdiction", "state"),
                "Which state is it in?",
                "A two-letter code or the state's name. Minnesota is the default; you will see "
                "at once what the state's law says about these ordinances.",
                "text",
                default="MN",
                validate=_state_problem,
                convert=_state_code,
                label="State",
                more="Type the state's two-letter postal code (MN, WI, CA, TX ...) or its full "
                "name. The state decides the ordinance's formal parts and whether state law "
                "forbids or limits some provisions; any warning appears right after this "
                "question and next to each provision it concerns.",
            ),
        ]
        if kind == "city" and self.state == "MN":
            qs.append(
                Question(
                    ("jurisdiction", "city_type"),
                    "Is it a statutory city or a home rule charter city?",
                    "Statutory cities adopt ordinances under Minn. Stat. ch. 412; a charter city "
                    "follows its charter.",
                    "choice",
                    [
                        Option(
                            "statutory",
                            "Statutory city",
                            "Enacting clause, signatures and publication under Minn. Stat. "
                            "§ 412.191.",
                        ),
                        Option(
                            "charter",
                            "Home rule charter city",
                            "The charter governs; the draft marks the formal parts for the "
                            "attorney to confirm.",
                        ),
                    ],
                    default="statutory",
                    label="Type of city",
                )
            )
        qs.append(
            Question(
                ("jurisdiction", "jail"),
                "Does the city run its own jail?"
                if kind == "city"
                else "Who runs the county jail?",
                "Provisions on detainers and people in custody apply only where there is a jail."
                if kind == "city"
                else "In most counties the elected sheriff runs the jail. A county board cannot "
                "direct the sheriff's custody decisions by ordinance, so those provisions become a "
                "companion resolution.",
                "choice",
                [Option(k, JAIL_LABELS[kind][k], v) for k, v in JAIL_CHOICES[kind].items()],
                default="none" if kind == "city" else "sheriff",
                label="Jail",
            )
        )
        if self.library.presets:
            qs.append(self._preset_question())
            qs.append(
                Question(
                    ("_customize",),
                    "Go through the ordinance part by part to choose provisions and versions?",
                    "Answer n to use the preset as it is. Either way, the review at the end "
                    "lists every answer and lets you change any of them.",
                    "bool",
                    default=False,
                    label="Choose provisions yourself",
                )
            )
        else:
            self.data["_customize"] = True  # a library without presets: choose by hand
        if self.customizing():
            qs += self._part_questions()
        qs += self._review_only_questions()
        return qs

    def _preset_question(self) -> Question:
        options = []
        more = []
        for preset in self.library.presets.values():
            pids = [p for p in preset.provisions if p in self.library.clauses]
            flagged = [
                self.library.clauses[pid].spec.title
                for pid in pids
                if any(
                    is_serious(f)
                    for f in self.flags(pid, (preset.provisions.get(pid) or {}).get("variant"))
                )
            ]
            warning = (
                f"In {STATES.get(self.state, self.state)}, state law forbids or limits "
                f"{len(flagged)} of them: {'; '.join(flagged)}."
                if flagged
                else ""
            )
            summary = f"{len(pids)} provisions. {_first_sentence(preset.description)}"
            options.append(Option(preset.id, preset.title, summary, warning=warning))
            titles = ", ".join(self.library.clauses[p].spec.title for p in pids)
            more.append(f"{preset.title} ({preset.id}): {' '.join(preset.description.split())}")
            more.append(f"  Provisions: {titles}.")
        return Question(
            ("preset",),
            "Which preset should the draft start from?",
            "A preset chooses the provisions and their versions; you can change any of them.",
            "choice",
            options,
            default=self.library.default_preset,
            label="Preset",
            more="\n".join(more),
        )

    def _part_questions(self) -> list[Question]:
        applicable = self.applicable()
        categories = [
            c
            for c in self.library.meta.categories
            if any(x.spec.category == c.id for x in applicable)
        ]
        qs: list[Question] = []
        for number, category in enumerate(categories, 1):
            heading = f"Part {number} of {len(categories)}: {category.title}"
            clauses = [c for c in applicable if c.spec.category == category.id]
            part = self._part_question(category.id, heading, clauses)
            if part is not None:
                qs.append(part)
            qs += self._details_questions(category.id, heading, clauses)
        return qs

    def _part_question(self, cid: str, heading: str, clauses: list[Clause]) -> Question | None:
        options: list[Option] = []
        always: list[str] = []
        required: list[str] = []
        titles: dict[str, str] = {}
        for clause in clauses:
            spec = clause.spec
            titles[clause.id] = spec.title
            variants = self.variants(clause)
            if len(variants) >= 2:
                for v in variants:
                    options.append(
                        Option(
                            f"{clause.id}:{v.id}",
                            v.label,
                            " ".join(v.summary.split()),
                            clause.id,
                            self.flags(clause.id, v.id),
                        )
                    )
                if spec.required:
                    required.append(clause.id)
            elif spec.required:
                always.append(spec.title)
            else:
                options.append(
                    Option(
                        clause.id,
                        spec.title,
                        " ".join(spec.summary.split()),
                        clause.id,
                        self.flags(clause.id, variants[0].id if variants else None),
                    )
                )
        if not options:
            return None
        lines = (f"Always included: {', '.join(always)}.",) if always else ()
        return Question(
            ("_part", cid),
            "Which provisions should this part include?",
            "Include any of the provisions; where one has versions, choose one of them.",
            "part",
            options,
            default=self._part_value(options),
            label=heading.split(": ", 1)[-1],
            heading=heading,
            lines=lines,
            required_groups=tuple(required),
            group_titles=titles,
        )

    def _part_value(self, options: list[Option]) -> list[str]:
        provisions = self.provisions()
        chosen = []
        for o in options:
            if o.group not in provisions:
                continue
            clause = self.library.clauses[o.group]
            if ":" not in o.id or o.id == f"{o.group}:{self.current_variant(clause)}":
                chosen.append(o.id)
        return chosen

    def _details_questions(self, cid: str, heading: str, clauses: list[Clause]) -> list[Question]:
        provisions = self.provisions()
        chosen = [c for c in clauses if c.id in provisions]
        variables = [(c, v) for c in chosen for v in c.spec.variables if self._when(v, c.id)]
        if not variables:
            return []
        lines = tuple(
            f"{c.spec.title}: {_short_prompt(v.prompt)} "
            + _value_text(v, self.values(c.id)[v.name])
            for c, v in variables
        )
        label = self.library.category_title(cid)
        qs = [
            Question(
                ("_details", cid),
                "Change any of these details of this part?",
                "Answer y to go through them; n keeps the values shown.",
                "bool",
                default=False,
                label=f"{label}: change details",
                heading=heading,
                lines=lines,
            )
        ]
        if get_path(self.data, ("_details", cid)):
            for clause, var in variables:
                default = self.values(clause.id)[var.name]
                qs.append(_variable_question(clause.id, clause.spec.title, var, default))
        return qs

    def _review_only_questions(self) -> list[Question]:
        """Answers with sound defaults that are changed only from the review table."""
        defaults = self.jurisdiction(own_words=False)  # what resolve uses when left out
        text = {"kind": "text", "max_length": MAX_NAME, "ask": False}
        return [
            Question(
                ("jurisdiction", "body"),
                "What is the governing body called?",
                "As the charter or statute names it.",
                default=defaults.body,
                label="Governing body",
                **text,
            ),
            Question(
                ("jurisdiction", "executive"),
                "Who receives the reports the ordinance requires?",
                "The official the ordinance names, e.g. Mayor, City Administrator.",
                default=defaults.executive,
                label="Receives reports",
                **text,
            ),
            Question(
                ("jurisdiction", "police"),
                "What is the local law enforcement agency called?",
                "E.g. Police Department, Office of the Sheriff.",
                default=defaults.police,
                label="Law enforcement agency",
                **text,
            ),
            Question(
                ("document", "notes"),
                "How should the explanatory notes appear in the document?",
                "The notes explain each section, its legal basis and its sources.",
                "choice",
                [
                    Option("comments", "Word comments", "A comment on each section heading."),
                    Option("inline", "Inline", "After each section, in a shaded box."),
                    Option("appendix", "Appendix", "Explanatory Notes at the end."),
                    Option("none", "None", "A clean copy for the council or board."),
                ],
                default="comments",
                label="Explanatory notes",
                ask=False,
            ),
        ]

    # -- current values --------------------------------------------------------------
    def value_of(self, q: Question) -> Any:
        """The current answer to ``q`` (its default if not answered)."""
        if q.kind == "part":
            return self._part_value(q.options)
        return get_path(self.data, q.key, q.default)

    def valid(self, q: Question) -> bool:
        """Whether the current answer to ``q`` is still allowed (a later change can spoil it)."""
        value = self.value_of(q)
        if q.kind == "choice":
            return value in q.option_ids
        if q.kind == "part":
            return _group_problem(q, value) is None
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

    def answer_text(self, q: Question) -> str:
        """The current answer to ``q`` in words, for the review table."""
        value = self.value_of(q)
        if q.key == ("_customize",) and not value:
            if self.fixed_provisions():
                return "no (the provisions given)"
            titles = [
                self.library.clauses[p].spec.title
                for p in self.preset_provisions()
                if p in {c.id for c in self.applicable()}
            ]
            return f"no: the preset's {len(titles)} provisions ({', '.join(titles)})"
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
        if q.key == ("jurisdiction", "state"):
            return f"{self.state} ({STATES.get(self.state, '?')})"
        return "" if value is None else str(value)

    def chosen_ids(self) -> list[str]:
        """The provisions the draft will include, as answered so far, in order."""
        applicable = [c.id for c in self.applicable()]
        if self.customizing() or self.fixed_provisions():
            chosen = self.provisions()
        else:
            chosen = self.preset_provisions()
            chosen.update({c.id: {} for c in self.library.clauses.values() if c.spec.required})
        return [pid for pid in applicable if pid in chosen]

    def check(self) -> str | None:
        """Check the answers against the library as ``build`` would; return the problem."""
        from ..answers.resolve import resolve
        from ..answers.schema import parse_answers

        try:
            resolve(parse_answers(normalize(self.finish()), "your answers"), self.library)
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


def _variable_question(pid: str, title: str, var: VariableSpec, default: Any) -> Question:
    kind = var.type
    return Question(
        ("provisions", pid, "values", var.name),
        var.prompt,
        var.help,
        kind,
        [Option(c.id, c.label, c.summary) for c in var.choices],
        default=default,
        validate=(lambda v, var=var: check_value(var, v)) if kind == "text" else None,
        topic=pid,
        minimum=var.min,
        maximum=var.max,
        label=f"{title}: {_short_prompt(var.prompt)}",
        heading=title,
    )


def _short_prompt(prompt: str) -> str:
    return prompt.split("? (")[0].rstrip("?").strip()


def _value_text(var: VariableSpec, value: Any) -> str:
    labels = {c.id: c.label for c in var.choices}
    if var.type == "bool":
        shown = "yes" if value else "no"
    elif isinstance(value, list):
        shown = ", ".join(labels.get(v, v) for v in value) or "(none)"
    else:
        shown = labels.get(value, str(value))
    return f"[{shown}]"


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for stop in (": ", ". ", "; "):
        if stop in text:
            return text.split(stop, 1)[0] + "."
    return text


def _state_code(value: str) -> str:
    text = value.strip()
    names = {v.lower(): k for k, v in STATES.items()}
    return names.get(text.lower(), text.upper())


def _state_problem(value: str) -> str | None:
    text = value.strip()
    if _state_code(text) in STATES:
        return None
    hint = did_you_mean(text.upper(), STATES) or did_you_mean(text.title(), list(STATES.values()))
    return f"'{text}' is not a US state.{hint} Type a two-letter code such as MN, or the name"


def normalize(data: dict[str, Any]) -> dict[str, Any]:
    """Turn interview answers into answers-file data (e.g. a state name into its code)."""
    j = data.get("jurisdiction") or {}
    j["state"] = _state_code(str(j.get("state") or "MN"))
    if j.get("kind") != "city" or j["state"] != "MN":
        j.pop("city_type", None)
    data["jurisdiction"] = j
    return data
