"""The interview's questions, composed from the clause library's data and the answers so far.

``questions.yaml`` (:mod:`ordinance_drafter.library.questions`) gives the questions about
the jurisdiction and the starting point, in order, and the wording of the part-by-part
questions; the library's categories and provisions give the parts: one question per part
(its provisions and their versions), one optional question opening the part's details, and
one question per detail (a provision's variable). Nothing here is worded in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from jinja2 import TemplateError as JinjaError
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from ..errors import ClauseLibraryError
from ..library.loader import Clause, Library
from ..library.questions import QuestionChoice, QuestionSpec
from ..library.schema import VariableSpec
from ..library.values import MAX_NAME, check_value
from ..statelaw.codes import STATES
from .answered import AnswersSoFar
from .questions import Option, Question, get_path, is_serious

#: How a text answer left blank is shown (its prompt says what blank means).
BLANK = "none given"


def context(sofar: AnswersSoFar) -> dict[str, Any]:
    """What the questions' templates and ``when`` expressions may use."""
    library = sofar.library
    governments = library.governments
    types = governments.type_spec(sofar.state, sofar.kind)
    type_ = sofar.jurisdiction_type()
    return {
        "jur": sofar.jurisdiction(),
        "answers": sofar.data,
        "presets": list(library.presets),
        "default_preset": sofar.default_preset(),
        "customizing": sofar.customizing(),
        "types": [c.id for c in types.choices] if types else [],
        "types_prompt": types.prompt if types else "",
        "types_help": types.help if types else "",
        "governments": [g.id for g in governments.options(sofar.state, sofar.kind, type_)],
        "default_government": governments.default(sofar.state, sofar.kind, type_).id,
    }


#: What a problem with a question's template says the template may use.
NAMES = (
    "Question templates may use jur (the jurisdiction: jur.kind, jur.state, jur.body ...), "
    "answers, presets, default_preset, customizing, types (types_prompt, types_help), "
    "governments and default_government; the parts entry also number, count, "
    "title and titles, and a validator value."
)


def render(library: Library, source: str, ctx: dict[str, Any], where: str) -> str:
    """Render one of the questions' text fields (a Jinja2 template) in the sandbox.

    Raises:
        ClauseLibraryError: The template fails; the message names the question and field.
    """
    if "{" not in source:
        return source
    compiled = library.compile_string(source, where)
    try:
        return str(compiled.template.render(**ctx))
    except UndefinedError as exc:
        raise ClauseLibraryError(
            f"{where}: the template uses an undefined value ({exc}). {NAMES}"
        ) from None
    except SecurityError as exc:
        raise ClauseLibraryError(
            f"{where}: the template tried something the sandbox forbids ({exc})."
        ) from None
    except (JinjaError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise ClauseLibraryError(f"{where}: the template failed: {exc}.") from None


def data_questions(sofar: AnswersSoFar) -> list[Question]:
    """The questions of ``questions.yaml`` that apply, in order (the parts in their place)."""
    library = sofar.library
    ctx = context(sofar)
    qs: list[Question] = []
    for spec in library.questions:
        where = f"{library.questions_path}: question '{spec.key}'"
        if spec.when and not library.evaluate(spec.when, ctx, where):
            continue
        if spec.type == "parts":
            if sofar.customizing():
                qs += part_questions(sofar, spec, ctx)
            continue
        qs.append(_question(sofar, spec, ctx, where))
    return qs


def _question(sofar: AnswersSoFar, spec: QuestionSpec, ctx: dict[str, Any], where: str) -> Question:
    """One question of the data file, its case chosen and its templates rendered."""
    library = sofar.library
    fields: dict[str, Any] = {
        "prompt": spec.prompt,
        "help": spec.help,
        "more": spec.more,
        "label": spec.label,
        "default": spec.default,
        "choices": spec.choices,
    }
    for case in spec.cases:
        if library.evaluate(case.when, ctx, f"{where}, case"):
            fields.update({k: getattr(case, k) for k in case.model_fields_set if k != "when"})
            break
    text = {
        k: " ".join(render(library, fields[k], ctx, f"{where} ({k})").split())
        for k in ("prompt", "help", "more", "label")
    }
    default = fields["default"]
    if isinstance(default, str):
        default = render(library, default, ctx, f"{where} (default)")
    options = [_option(c) for c in fields["choices"]]
    if spec.choices_from:
        options, more = SOURCES[spec.choices_from](sofar)
        text["more"] = text["more"] or more
    validate = None
    if spec.validator:

        def validate(value: str, source: str = spec.validator) -> str | None:
            found = render(library, source, {**ctx, "value": value}, f"{where} (validator)")
            return " ".join(found.split()).rstrip(".") or None

    return Question(
        spec.path,
        text["prompt"],
        text["help"],
        spec.type,
        options,
        default=default,
        validate=validate,
        minimum=spec.min,
        maximum=spec.max,
        max_length=min(spec.max_length, MAX_NAME) if spec.type == "state" else spec.max_length,
        label=text["label"],
        more=text["more"],
        ask=spec.ask,
        group=spec.group,
    )


def _option(choice: QuestionChoice) -> Option:
    return Option(choice.id, choice.label, " ".join(choice.summary.split()))


def preset_options(sofar: AnswersSoFar) -> tuple[list[Option], str]:
    """The presets as options (with what state law says of each), and their full listing."""
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
        titles = ", ".join(library.clauses[p].spec.title for p in pids)
        listing = f"{preset.title} ({preset.id}): {' '.join(preset.description.split())}"
        options.append(
            Option(
                preset.id,
                preset.title,
                summary,
                warning=warning,
                help=f"{listing}\n  Provisions: {titles}.",
            )
        )
        more.append(listing)
        more.append(f"  Provisions: {titles}.")
    return options, "\n".join(more)


#: The named sources ``choices_from`` may give (``library.questions.CHOICE_SOURCES``): each
#: returns the options and what ``?`` shows when the question has no ``more`` of its own.
def type_options(sofar: AnswersSoFar) -> tuple[list[Option], str]:
    """The state's types of city or county (``governments.yaml``)."""
    types = sofar.library.governments.type_spec(sofar.state, sofar.kind)
    return ([_option(c) for c in types.choices] if types else []), ""


def government_options(sofar: AnswersSoFar) -> tuple[list[Option], str]:
    """The forms of government for the state and type, each saying who administers."""
    governments = sofar.library.governments
    options = governments.options(sofar.state, sofar.kind, sofar.jurisdiction_type())
    return [Option(g.id, g.label, " ".join(g.help.split())) for g in options], ""


SOURCES: dict[str, Callable[[AnswersSoFar], tuple[list[Option], str]]] = {
    "presets": preset_options,
    "types": type_options,
    "governments": government_options,
}


@dataclass
class PartPage:
    """One part of the ordinance as the review shows it.

    Attributes:
        cid: The category id.
        title: The part's title.
        heading: Its heading (``Part 3 of 11: ...``).
        question: The question choosing its provisions (``None``: all always included).
        chosen: The titles of the provisions of this part the draft includes.
        values: One question per detail of those provisions (a variable that applies).
    """

    cid: str
    title: str
    heading: str
    question: Question | None
    chosen: list[str]
    values: list[Question]


def _parts(
    sofar: AnswersSoFar, spec: QuestionSpec, ctx: dict[str, Any]
) -> Iterator[tuple[Any, dict[str, Any], dict[str, str], list[Clause]]]:
    """Each part with provisions that apply: its category, template context, text, clauses."""
    applicable = sofar.applicable()
    categories = [
        c for c in sofar.library.meta.categories if any(x.spec.category == c.id for x in applicable)
    ]
    library = sofar.library
    where = f"{library.questions_path}: question '{spec.key}'"
    for number, category in enumerate(categories, 1):
        part = {**ctx, "number": number, "count": len(categories), "title": category.title}
        text = {
            k: " ".join(render(library, getattr(spec, k), part, f"{where} ({k})").split())
            for k in ("heading", "label", "prompt", "help")
        }
        clauses = [c for c in applicable if c.spec.category == category.id]
        yield category, part, text, clauses


def part_questions(sofar: AnswersSoFar, spec: QuestionSpec, ctx: dict[str, Any]) -> list[Question]:
    """For each part of the ordinance: its provisions and versions, then its details."""
    qs: list[Question] = []
    for category, part, text, clauses in _parts(sofar, spec, ctx):
        question = _part_question(sofar, spec, part, category.id, text, clauses)
        if question is not None:
            qs.append(question)
        qs += _details_questions(sofar, spec, part, category.id, text["heading"], clauses)
    return qs


def review_parts(sofar: AnswersSoFar) -> list[PartPage]:
    """Every part, with the provisions the draft includes and their details, for the review."""
    spec = next(q for q in sofar.library.questions if q.type == "parts")
    chosen = set(sofar.chosen_ids())
    drafted, _outcomes = sofar.interactions()  # the values as the draft will use them
    pages = []
    for category, part, text, clauses in _parts(sofar, spec, context(sofar)):
        question = _part_question(sofar, spec, part, category.id, text, clauses)
        included = [c for c in clauses if c.id in chosen]
        values = []
        for clause in included:
            choice = drafted.get(clause.id)
            shown = dict(choice.values) if choice is not None else sofar.values(clause.id)
            for var in clause.spec.variables:
                if sofar.asks_variable(var, clause.id):
                    q = variable_question(clause.id, clause.spec.title, var, shown[var.name])
                    values.append(replace(q, group=text["heading"]))
        titles = [c.spec.title for c in included]
        heading = text["heading"]
        pages.append(PartPage(category.id, category.title, heading, question, titles, values))
    return pages


def _part_question(
    sofar: AnswersSoFar,
    qspec: QuestionSpec,
    part: dict[str, Any],
    cid: str,
    text: dict[str, str],
    clauses: list[Clause],
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
    lines: tuple[str, ...] = ()
    if always and qspec.always:
        where = f"{sofar.library.questions_path}: question '{qspec.key}' (always)"
        line = render(sofar.library, qspec.always, {**part, "titles": ", ".join(always)}, where)
        lines = (" ".join(line.split()),)
    return Question(
        ("_part", cid),
        text["prompt"],
        text["help"],
        "part",
        options,
        default=part_value(sofar, options),
        label=text["label"],
        heading=text["heading"],
        lines=lines,
        required_groups=tuple(required),
        group_titles=titles,
        group=text["heading"],
    )


def part_value(sofar: AnswersSoFar, options: list[Option]) -> list[str]:
    """The options of a part question the provisions chosen so far select."""
    provisions = sofar.draft_provisions()
    chosen = []
    for o in options:
        if o.group not in provisions:
            continue
        clause = sofar.library.clauses[o.group]
        if ":" not in o.id or o.id == f"{o.group}:{sofar.current_variant(clause)}":
            chosen.append(o.id)
    return chosen


def _details_questions(
    sofar: AnswersSoFar,
    spec: QuestionSpec,
    part: dict[str, Any],
    cid: str,
    heading: str,
    clauses: list[Clause],
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
    details = spec.details
    assert details is not None  # checked when the library loads
    where = f"{sofar.library.questions_path}: question '{spec.key}' (details"
    text = {
        k: " ".join(render(sofar.library, getattr(details, k), part, f"{where} {k})").split())
        for k in ("prompt", "help", "label")
    }
    qs = [
        Question(
            ("_details", cid),
            text["prompt"],
            text["help"],
            "bool",
            default=False,
            label=text["label"],
            heading=heading,
            lines=lines,
            group=heading,
        )
    ]
    if get_path(sofar.data, ("_details", cid)):
        for clause, var in variables:
            default = shown[clause.id][var.name]
            question = variable_question(clause.id, clause.spec.title, var, default)
            qs.append(replace(question, group=heading))
    return qs


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
        shown = ", ".join(labels.get(v, v) for v in value) or "none"
    else:
        shown = labels.get(value, str(value)) or BLANK
    return f"[{shown}]"


def first_sentence(text: str) -> str:
    """The first sentence (or clause) of ``text``, with a full stop."""
    text = " ".join(text.split())
    for stop in (": ", ". ", "; "):
        if stop in text:
            return text.split(stop, 1)[0] + "."
    return text
