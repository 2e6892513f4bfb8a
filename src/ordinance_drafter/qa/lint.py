"""``ordinance-drafter lint-library``: checks that keep a clause library trustworthy.

For every provision, every variant, both kinds of jurisdiction and every jail arrangement
it applies to, the linter renders the text, caption and note under ``StrictUndefined`` and
checks:

* the text is not empty and leaves no template syntax or ``[PLACEHOLDER]`` unfilled;
* one modal style: "must", "must not" and "may"; never "shall", and "may not" is flagged;
* the note has the four required parts;
* every defined term the text uses is declared under ``terms`` and every declared term is
  used by some rendering; every definition is used by a provision or another definition;
* cross-references name provisions that are required, listed under ``requires``, or
  guarded with ``has()``;
* presets resolve for a Minnesota city and county without breaking requires or conflicts;
* every preset, for a city and a county and every jail arrangement, in a sample of states
  (:func:`sample_states`), gives a draft the whole-ordinance check finds nothing in
  (``assembly.consistency``: interactions, references, terms, names, cover, white space);
* every sample answers file renders to its expected text;
* no text names an office that the form of government decides (Mayor, City Manager ...):
  each renders for a governing body that administers and for an administering officer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import DrafterError
from .sheriff_lint import (
    COUNTY_POLICE,
    lint_request,
    lint_resolution_wording,
    lint_sheriff_field,
    lint_sheriff_text,
)
from .wording import SHALL_RE, style

NOTE_PARTS = ("What it does", "Why", "Legal basis and risks", "Modeled on")
SHERIFF_VALUES = ("ordinance", "request", "resolution", "omit")


class Config(NamedTuple):
    """One arrangement a provision must render in (see :func:`configurations`).

    Attributes:
        kind: ``city`` or ``county``.
        jail: Who runs the jail (``jurisdiction.jail``).
        variant: The variant id (empty when the provision has one wording).
        part: ``ordinance``, or ``resolution`` for text moved to the companion resolution.
        police: The law enforcement agency (a county's sheriff's office, or not).
    """

    kind: str
    jail: str
    variant: str
    part: str
    police: str


def configurations(spec: Any) -> Iterator[Config]:
    """Every arrangement a provision must render in: kind, jail, police, variant and part.

    Counties come with the sheriff's office as their police (with the sheriff's jail, a
    county-run jail or none) and once with a county police department and a county-run
    jail, where no sheriff's office is involved.
    """
    from ..answers.sample import sample_jurisdiction

    variants = spec.variants or ()
    for kind in spec.applies_to:
        arrangements = (
            [("none", ""), ("city", "")]
            if kind == "city"
            else [
                ("sheriff", ""),
                ("county", ""),
                ("none", ""),
                ("county", COUNTY_POLICE),
            ]
        )
        for jail, police in arrangements:
            jur = sample_jurisdiction(kind, jail=jail, police=police or None)
            if spec.needs_jail and not jur.has_jail:
                continue
            treatment = spec.sheriff_treatment(jur)
            if treatment == "omit":
                continue
            part = "resolution" if treatment == "resolution" else "ordinance"
            for v in variants or (None,):
                if v is None:
                    yield Config(kind, jail, "", part, police)
                elif kind in v.applies_to:
                    yield Config(kind, jail, v.id, part, police)


def lint(path: Path | str | None = None) -> list[str]:
    """Lint a clause library; return the problems found (empty when clean)."""
    from ..library.loader import Library, builtin_library_path

    try:
        library = Library(Path(path) if path else builtin_library_path())
    except DrafterError as exc:
        return [exc.message]
    problems: list[str] = []
    try:
        _lint(library, problems)
    except DrafterError as exc:
        problems.append(exc.message)
    return list(dict.fromkeys(problems))


def _lint(library: Any, problems: list[str]) -> None:
    from ..answers.sample import sample_context, sample_jurisdiction
    from ..assembly.markup import parse_blocks, split_refs
    from ..assembly.terms import definition_forms, term_pattern, used_terms
    from ..library.notes import parse_note

    declared_anywhere: set[str] = set()
    for clause in library.clauses.values():
        spec = clause.spec
        where = str(clause.directory / "clause.yaml")
        used_any: set[str] = set()
        asked_any = False
        lint_sheriff_field(clause, problems)
        for kind, jail, variant, part, police, executive in (
            (*config, executive)
            for config in configurations(spec)
            for executive in ("", _sample_officer(library, config[0]))
        ):
            # Each text renders for a governing body that administers and for an officer.
            jur = sample_jurisdiction(kind, jail=jail, executive=executive, police=police or None)
            label = f"{clause.id}{f' [{variant}]' if variant else ''}"
            vspec = spec.variant(variant)
            allowed = (
                set(spec.requires)
                | set(vspec.requires if vspec else ())
                | {c.id for c in library.clauses.values() if c.spec.required}
                | {clause.id, "definitions"}
            )
            for has_all in (True, False):
                context = sample_context(library, clause, kind, variant, jur, part)
                if not has_all:
                    context["has"] = lambda pid, allowed=allowed: pid in allowed
                try:
                    text = clause.text_template.render(context)
                    caption = clause.caption_template.render(context)
                    note = clause.note_template.render(context)
                except DrafterError as exc:
                    problems.append(f"{label} for a {kind} (jail: {jail}): {exc.message}")
                    break
                try:
                    blocks = parse_blocks(text, str(clause.text_path))
                except DrafterError as exc:
                    problems.append(f"{label}: {exc.message}")
                    break
                if not blocks:
                    problems.append(f"{label}: the text renders empty.")
                plain = "\n".join(b.text for b in blocks)
                for kind_, value in (p for b in blocks for p in split_refs(b.text)):
                    if kind_ == "ref":
                        target = value.partition("#")[0]
                        if not has_all and target not in allowed:
                            problems.append(
                                f"{label}: refers to '{target}' without has('{target}') or "
                                f"listing it under 'requires'."
                            )
                        elif target not in library.clauses and target != "definitions":
                            problems.append(f"{label}: refers to unknown provision '{target}'.")
                if not has_all:
                    continue
                visible = re.sub("\x02[^\x03]*\x03", "", plain)
                style(problems, label, "text", visible + "\n" + caption)
                _offices(problems, label, library, jur, visible + "\n" + caption, note)
                cover = _cover(problems, f"{label} for a {kind} (jail: {jail})", clause, context)
                _offices(problems, label, library, jur, cover, "")
                for source in spec.sources:
                    for expression in filter(None, (source.when, source.elsewhere_when)):
                        try:
                            library.evaluate(
                                expression, context, f"{where}: source {source.cite!r}"
                            )
                        except DrafterError as exc:
                            problems.append(exc.message)
                lint_sheriff_text(problems, f"{label} for a {kind} (jail: {jail})", part, visible)
                if context["sheriff"] == "request" and clause.request_template is not None:
                    asked = lint_request(clause, context, problems, label)
                    asked_any = asked_any or bool(asked.strip())
                    visible += "\n" + asked
                if "\x02" in note or "\x03" in note:
                    problems.append(
                        f"{label}: the note uses ref() or anchor(); notes are not numbered, so "
                        "refer to sections by their captions instead."
                    )
                if SHALL_RE.search(note):
                    problems.append(f"{label}: the note uses 'shall'; notes use plain words.")
                if context["sheriff"] and "Sheriff" not in note:
                    problems.append(
                        f"{label} for a {kind} (jail: {jail}): the note does not say why the "
                        f"provision has 'sheriff: {spec.sheriff}'; explain it where the elected "
                        "Sheriff runs the jail or is the County's law enforcement agency."
                    )
                parts = [p.heading for p in parse_note(note)]
                for needed in NOTE_PARTS:
                    if needed not in parts:
                        problems.append(f"{label}: note.md.j2 lacks the part '## {needed}'.")
                if spec.placement == "findings":
                    continue  # findings are recitals; defined terms govern the sections
                term_ctx = {"jur": jur, "has": context["has"], "state": context["state"]}
                found = used_terms(library, [visible, caption], term_ctx)
                used_any |= found
                undeclared = found - set(spec.terms) - {"jurisdiction"}
                for did in sorted(undeclared):
                    problems.append(
                        f"{label}: uses the defined term '{did}' but does not list it under "
                        "'terms'."
                    )
                for defn in library.definitions.values():
                    for loose in defn.spec.avoid:
                        if term_pattern([loose]).search(visible):
                            term, _forms = definition_forms(defn, term_ctx)
                            problems.append(
                                f"{label}: says '{loose}'; use the defined term '{term}'."
                            )
        if clause.request_template is not None and spec.sheriff == "request" and not asked_any:
            problems.append(
                f"{clause.request_path}: the request renders empty in every arrangement; "
                "remove the file, and the resolution will list the section by name."
            )
        for did in spec.terms:
            declared_anywhere.add(did)
            if did not in used_any and did != "jurisdiction" and spec.placement != "findings":
                problems.append(
                    f"{where}: lists the term '{did}' under 'terms' but no rendering uses it."
                )
    _lint_definitions(library, problems, declared_anywhere)
    lint_resolution_wording(library, problems)
    _lint_presets(library, problems)
    _lint_consistency(library, problems)
    _lint_samples(library, problems)
    from .citations import confirmation_problems, source_when_problems, state_law_problems
    from .packetlint import lint_packet
    from .questionlint import lint_questions
    from .statelint import lint_state_data

    problems.extend(lint_state_data(library))
    problems.extend(lint_questions(library))
    problems.extend(confirmation_problems(library))
    problems.extend(state_law_problems(library))
    problems.extend(source_when_problems(library))
    problems.extend(lint_packet(library))


#: The most words a cover sentence may have: a long cover gives each part one line or two.
COVER_WORDS = 20


def _cover(problems: list[str], label: str, clause: Any, context: dict[str, Any]) -> str:
    """A section's cover sentence renders as one short sentence in the house style."""
    where = f"{clause.directory / 'clause.yaml'}: cover"
    if clause.cover_template is None:
        if clause.spec.placement == "body":
            problems.append(
                f"{where}: missing. Give the section a cover sentence, at most {COVER_WORDS} "
                "words, for the one-page summary of a long draft (docs/clause-format.md)."
            )
        return ""
    try:
        text = " ".join(clause.cover_template.render(context).split())
    except DrafterError as exc:
        problems.append(f"{label}: {exc.message}")
        return ""
    words = len(text.split())
    if words > COVER_WORDS:
        problems.append(
            f"{where} ({label}): {words} words; a cover sentence has at most {COVER_WORDS}, "
            "so that a long draft's summary stays on one page."
        )
    if not text.endswith(".") or re.search(r"[.!?] [A-Z]", text.rstrip(".")):
        problems.append(f"{where} ({label}): '{text}' is not one sentence ending in a full stop.")
    style(problems, f"{where} ({label})", "cover sentence", text)
    return text


def _sample_officer(library: Any, kind: str) -> str:
    """An administering officer's title for ``kind`` from the library's forms of government."""
    return next(
        (g.officer for g in library.governments.all if kind in g.when.kind and g.officer),
        "City Manager" if kind == "city" else "County Administrator",
    )


def _offices(problems: list[str], label: str, library: Any, jur: Any, text: str, note: str) -> None:
    """A text names no office that the form of government decides (Mayor, City Manager ...).

    Who carries out a duty follows from the form of government, so the text says
    ``jur.the_executive`` or ``jur.the_officer``; a note may cite "the Mayor's executive
    order" but must not give an office a duty.
    """
    titles = sorted(t for t in library.governments.officer_titles() if t != jur.executive)
    if not titles:
        return
    names = "|".join(re.escape(t) for t in titles)
    found = re.search(rf"\b({names})\b", text)
    if found:
        problems.append(
            f"{label}: the text names the office '{found.group()}'; write "
            "{{ jur.the_executive }} or {{ jur.the_officer }} so that the form of government "
            "decides who carries out each duty."
        )
    duty = re.search(
        rf"\b[Tt]he ({names})\s+(must|may|is responsible|reports|gives|tells|keeps)\b", note
    )
    if duty:
        problems.append(
            f"{label}: the note gives the {duty.group(1)} a duty ('{duty.group()}'); say "
            "{{ jur.the_executive }} or {{ jur.the_officer }}."
        )


def _lint_definitions(library: Any, problems: list[str], declared: set[str]) -> None:
    from ..answers.sample import sample_jurisdiction
    from ..assembly.terms import used_terms
    from ..statelaw.context import state_context

    by_definitions: set[str] = set()
    for kind in ("city", "county"):
        jur = sample_jurisdiction(kind)
        ctx = {"jur": jur, "has": lambda pid: True, "state": state_context(library, jur.state)}
        for defn in library.definitions.values():
            try:
                means = defn.means_template.render(ctx)
                defn.term_template.render(ctx)
            except DrafterError as exc:
                problems.append(exc.message)
                continue
            style(problems, f"definition {defn.id} [{kind}]", "definition", means)
            by_definitions |= used_terms(library, [means], ctx) - {defn.id}
    for did, defn in library.definitions.items():
        if did not in declared and did not in by_definitions and did != "jurisdiction":
            problems.append(f"{defn.path}: the definition '{did}' is used by no provision.")


def _lint_presets(library: Any, problems: list[str]) -> None:
    from ..answers.resolve import resolve
    from ..answers.schema import Answers, JurisdictionAnswers

    for preset in library.presets.values():
        combos = [("city", "none"), ("city", "city"), ("county", "sheriff"), ("county", "county")]
        if preset.jurisdiction.get("kind"):
            combos = [(preset.jurisdiction["kind"], preset.jurisdiction.get("jail", ""))]
        for kind, jail in combos:
            answers = Answers(
                jurisdiction=JurisdictionAnswers(
                    name="Sampleton", kind=kind, state="MN", jail=jail or None
                ),
                preset=preset.id,
            )
            try:
                resolve(answers, library, f"preset {preset.id} [{kind}, jail={jail}]")
            except DrafterError as exc:
                problems.append(exc.message)


PRESET_COMBOS = (
    ("city", "none"),
    ("city", "city"),
    ("county", "sheriff"),
    ("county", "county"),
    ("county", "none"),
)


def sample_states(library: Any) -> list[str]:
    """The states the whole-ordinance check covers, derived from the library's own data.

    Minnesota (the first-class default); the first state named by each form in
    ``forms.yaml`` that is written for particular states (so every form is built); and the
    first state with each state-law status in ``states/`` (so every kind of state-law
    warning is built).
    """
    from ..statelaw.data import state_data

    picked = ["MN"]
    for form in library.forms:
        if form.when.state:
            picked.append(sorted(form.when.state)[0])
    data = state_data(library)
    by_status: dict[str, str] = {}
    for code in sorted(data.states):
        entry = data.get(code)
        if entry is not None:
            by_status.setdefault(entry.status, code)
    picked += [by_status[k] for k in sorted(by_status)]
    return list(dict.fromkeys(picked))


def _lint_consistency(library: Any, problems: list[str]) -> None:
    """Build every preset x kind x jail x sample state and report what the check finds."""
    from ..answers.resolve import resolve
    from ..answers.schema import Answers, JurisdictionAnswers
    from ..pipeline import draft_ordinance
    from ..tools.check import finding_text

    found: dict[str, list[str]] = {}
    for preset in library.presets.values():
        fixed = preset.jurisdiction.get("kind")
        for kind, jail in PRESET_COMBOS:
            if fixed and (kind != fixed or jail != preset.jurisdiction.get("jail", jail)):
                continue
            for state in sample_states(library):
                label = f"preset {preset.id} [{kind}, jail={jail}, {state}]"
                answers = Answers(
                    jurisdiction=JurisdictionAnswers(
                        name="Sampleton", kind=kind, state=state, jail=jail
                    ),
                    preset=preset.id,
                )
                try:
                    ordinance = draft_ordinance(library, resolve(answers, library, label))
                except DrafterError as exc:
                    problems.append(exc.message)
                    continue
                for finding in ordinance.consistency:
                    found.setdefault(finding_text(finding), []).append(label)
    for text, labels in found.items():
        more = f" and {len(labels) - 1} more" if len(labels) > 1 else ""
        problems.append(f"{labels[0]}{more}: {text}")


def _lint_samples(library: Any, problems: list[str]) -> None:
    from .samples import check_sample

    for clause in library.clauses.values():
        pairs = clause.samples()
        if not pairs:
            problems.append(f"{clause.directory}: the provision has no samples/*.answers.yaml.")
        for answers, expected in pairs:
            problem = check_sample(library, clause, answers, expected)
            if problem:
                problems.append(problem)
