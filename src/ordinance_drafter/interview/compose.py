"""The interview's questions, composed from the clause library and the answers so far.

The jurisdiction and preset questions, one question per part of the ordinance (its
provisions and their versions), one optional question opening the part's details, and one
question per detail (a provision's variable).
"""

from __future__ import annotations

from typing import Any

from ..answers.jurisdiction import JAIL_CHOICES
from ..library.loader import Clause
from ..library.schema import VariableSpec
from ..library.values import MAX_NAME, check_value
from ..statelaw.codes import STATES
from .answered import AnswersSoFar
from .parse import state_code, state_problem
from .questions import Option, Question, get_path, is_serious

JAIL_LABELS: dict[str, dict[str, str]] = {
    "city": {"none": "No jail", "city": "City jail"},
    "county": {"sheriff": "The sheriff's jail", "county": "A county-run jail", "none": "No jail"},
}


def jurisdiction_questions(sofar: AnswersSoFar) -> list[Question]:
    """The questions about the jurisdiction."""
    kind = sofar.kind
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
            validate=state_problem,
            convert=state_code,
            label="State",
            more="Type the state's two-letter postal code (MN, WI, CA, TX ...) or its full "
            "name. The state decides the ordinance's formal parts and whether state law "
            "forbids or limits some provisions; any warning appears right after this "
            "question and next to each provision it concerns.",
        ),
    ]
    if kind == "city" and sofar.state == "MN":
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
                        "Enacting clause, signatures and publication under Minn. Stat. § 412.191.",
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
            "Does the city run its own jail?" if kind == "city" else "Who runs the county jail?",
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
    return qs


def start_questions(sofar: AnswersSoFar) -> list[Question]:
    """The preset to start from, and whether to go through the parts one by one."""
    return [
        preset_question(sofar),
        Question(
            ("_customize",),
            "Go through the ordinance part by part to choose provisions and versions?",
            "Answer n to use the preset as it is. Either way, the review at the end "
            "lists every answer and lets you change any of them.",
            "bool",
            default=False,
            label="Choose provisions yourself",
        ),
    ]


def preset_question(sofar: AnswersSoFar) -> Question:
    """Which preset to start from, each with what state law says about its provisions."""
    library = sofar.library
    options = []
    more = []
    for preset in library.presets.values():
        pids = [p for p in preset.provisions if p in library.clauses]
        flagged = [
            library.clauses[pid].spec.title
            for pid in pids
            if any(
                is_serious(f)
                for f in sofar.flags(pid, (preset.provisions.get(pid) or {}).get("variant"))
            )
        ]
        warning = (
            f"In {STATES.get(sofar.state, sofar.state)}, state law forbids or limits "
            f"{len(flagged)} of them: {'; '.join(flagged)}."
            if flagged
            else ""
        )
        summary = f"{len(pids)} provisions. {first_sentence(preset.description)}"
        options.append(Option(preset.id, preset.title, summary, warning=warning))
        titles = ", ".join(library.clauses[p].spec.title for p in pids)
        more.append(f"{preset.title} ({preset.id}): {' '.join(preset.description.split())}")
        more.append(f"  Provisions: {titles}.")
    return Question(
        ("preset",),
        "Which preset should the draft start from?",
        "A preset chooses the provisions and their versions; you can change any of them.",
        "choice",
        options,
        default=library.default_preset,
        label="Preset",
        more="\n".join(more),
    )


def part_questions(sofar: AnswersSoFar) -> list[Question]:
    """For each part of the ordinance: its provisions and versions, then its details."""
    applicable = sofar.applicable()
    categories = [
        c for c in sofar.library.meta.categories if any(x.spec.category == c.id for x in applicable)
    ]
    qs: list[Question] = []
    for number, category in enumerate(categories, 1):
        heading = f"Part {number} of {len(categories)}: {category.title}"
        clauses = [c for c in applicable if c.spec.category == category.id]
        part = _part_question(sofar, category.id, heading, clauses)
        if part is not None:
            qs.append(part)
        qs += _details_questions(sofar, category.id, heading, clauses)
    return qs


def _part_question(
    sofar: AnswersSoFar, cid: str, heading: str, clauses: list[Clause]
) -> Question | None:
    options: list[Option] = []
    always: list[str] = []
    required: list[str] = []
    titles: dict[str, str] = {}
    for clause in clauses:
        spec = clause.spec
        titles[clause.id] = spec.title
        variants = sofar.variants(clause)
        if len(variants) >= 2:
            for v in variants:
                options.append(
                    Option(
                        f"{clause.id}:{v.id}",
                        v.label,
                        " ".join(v.summary.split()),
                        clause.id,
                        sofar.flags(clause.id, v.id),
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
                    sofar.flags(clause.id, variants[0].id if variants else None),
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
        default=part_value(sofar, options),
        label=heading.split(": ", 1)[-1],
        heading=heading,
        lines=lines,
        required_groups=tuple(required),
        group_titles=titles,
    )


def part_value(sofar: AnswersSoFar, options: list[Option]) -> list[str]:
    """The options of a part question the provisions chosen so far select."""
    provisions = sofar.provisions()
    chosen = []
    for o in options:
        if o.group not in provisions:
            continue
        clause = sofar.library.clauses[o.group]
        if ":" not in o.id or o.id == f"{o.group}:{sofar.current_variant(clause)}":
            chosen.append(o.id)
    return chosen


def _details_questions(
    sofar: AnswersSoFar, cid: str, heading: str, clauses: list[Clause]
) -> list[Question]:
    provisions = sofar.provisions()
    chosen = [c for c in clauses if c.id in provisions]
    variables = [(c, v) for c in chosen for v in c.spec.variables if sofar.asks_variable(v, c.id)]
    if not variables:
        return []
    shown = {c.id: sofar.shown_values(c.id) for c in chosen}
    lines = tuple(
        f"{c.spec.title}: {short_prompt(v.prompt)} " + value_text(v, shown[c.id][v.name])
        for c, v in variables
    )
    label = sofar.library.category_title(cid)
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
    if get_path(sofar.data, ("_details", cid)):
        for clause, var in variables:
            default = shown[clause.id][var.name]
            qs.append(variable_question(clause.id, clause.spec.title, var, default))
    return qs


def review_only_questions(sofar: AnswersSoFar) -> list[Question]:
    """Answers with sound defaults that are changed only from the review table."""
    defaults = sofar.jurisdiction(own_words=False)  # what resolve uses when left out
    text: dict[str, Any] = {"kind": "text", "max_length": MAX_NAME, "ask": False}
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
            ("jurisdiction", "attorney"),
            "What is the jurisdiction's attorney called?",
            "The office that advises the governing body, e.g. City Attorney, County Attorney, "
            "County Counsel. The draft uses this one name for it throughout.",
            default=defaults.attorney,
            label="Attorney",
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


def variable_question(pid: str, title: str, var: VariableSpec, default: Any) -> Question:
    """The question for one of a provision's variables."""
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
        label=f"{title}: {short_prompt(var.prompt)}",
        heading=title,
    )


def short_prompt(prompt: str) -> str:
    """A variable's prompt without its question mark and the parenthesis after it."""
    return prompt.split("? (")[0].rstrip("?").strip()


def value_text(var: VariableSpec, value: Any) -> str:
    """A variable's value as the details list shows it, in brackets."""
    labels = {c.id: c.label for c in var.choices}
    if var.type == "bool":
        shown = "yes" if value else "no"
    elif isinstance(value, list):
        shown = ", ".join(labels.get(v, v) for v in value) or "(none)"
    else:
        shown = labels.get(value, str(value))
    return f"[{shown}]"


def first_sentence(text: str) -> str:
    """The first sentence (or clause) of ``text``, with a full stop."""
    text = " ".join(text.split())
    for stop in (": ", ". ", "; "):
        if stop in text:
            return text.split(stop, 1)[0] + "."
    return text
