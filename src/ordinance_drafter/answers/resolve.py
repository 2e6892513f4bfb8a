"""The answers file: what the user chose, saved so that a draft can be rebuilt exactly.

The format is documented for users in ``docs/answers-format.md``. Answers come from four
places, later ones winning (like copier's answer map):

1. the library's defaults (every variable has one);
2. a preset (``preset: standard``), which picks provisions, variants and values;
3. an answers file, or what the interview collected;
4. ``--set key=value`` on the command line.

:func:`resolve` checks the merged answers against the clause library once and returns a
:class:`Resolved` set of choices that assembly can trust.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import AnswerError, ClauseConflictError
from ..library.documentspec import GovernmentSpec
from ..library.loader import Library
from ..library.values import check_value
from ..library.yamlio import (
    did_you_mean,
)
from ..statelaw.compliant import compliant_provisions
from ..statelaw.flags import state_entry
from .interactions import Outcome, apply_interactions
from .jurisdiction import JAIL_CHOICES, Jurisdiction, base_name, default_jail
from .schema import (
    FORMAT_VERSION,
    Answers,
    DocumentAnswers,
    JurisdictionAnswers,
    ProvisionAnswers,
)


@dataclass(frozen=True)
class Choice:
    """One chosen provision after resolution: its variant and complete values.

    Attributes:
        id: The provision id.
        variant: The chosen variant (empty if the provision has one wording).
        values: Every variable's value, defaults filled in.
        explicit: The fields the answers set themselves (``variant`` and variable names),
            as opposed to defaults and a preset's choices. Interactions never change them.
    """

    id: str
    variant: str
    values: Mapping[str, Any]
    explicit: frozenset[str] = frozenset()


@dataclass
class Resolved:
    """Answers checked against a library, with every default filled in.

    Attributes:
        jurisdiction: The jurisdiction and its vocabulary.
        choices: The chosen provisions, in the library's canonical order.
        document: Document options.
        preset: The preset the answers started from, if any.
        dropped: Provisions a preset offered that do not apply here, with the reason.
        source: Where the answers came from, for messages.
        interactions: What the interactions among the chosen provisions changed or found
            (see :mod:`ordinance_drafter.answers.interactions`), in library order.
    """

    jurisdiction: Jurisdiction
    choices: dict[str, Choice]
    document: DocumentAnswers
    preset: str | None
    dropped: list[tuple[str, str]] = field(default_factory=list)
    source: str = ""
    interactions: list[Outcome] = field(default_factory=list)

    @property
    def draft_date(self) -> dt.date:
        """The date printed in the DRAFT header."""
        if self.document.draft_date:
            return dt.date.fromisoformat(self.document.draft_date)
        return dt.date.today()

    def to_answers(self, library: Library) -> dict[str, Any]:
        """The complete answers as saved to a file (every default written out)."""
        jur = self.jurisdiction
        jdata: dict[str, Any] = {"name": jur.name, "kind": jur.kind, "state": jur.state}
        for key in ("city_type", "county_type", "government"):
            if getattr(jur, key):
                jdata[key] = getattr(jur, key)
        jdata["jail"] = jur.jail
        for key in ("body", "executive", "police", "attorney"):
            if getattr(jur, key):  # no executive: the governing body itself administers
                jdata[key] = getattr(jur, key)
        provisions = {
            c.id: ({"variant": c.variant} if c.variant else {})
            | ({"values": dict(c.values)} if c.values else {})
            for c in self.choices.values()
        }
        doc = self.document.model_dump()
        if not doc.get("draft_date"):
            doc["draft_date"] = self.draft_date.isoformat()
        return {
            "format": FORMAT_VERSION,
            "library": library_record(library, self.choices),
            "jurisdiction": jdata,
            "preset": self.preset,
            "provisions": provisions,
            "document": doc,
        }

    def fingerprint(self, library: Library) -> str:
        """A short hash of the answers that identifies this draft's content."""
        data = self.to_answers(library)
        data.pop("library", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def library_record(library: Library, provisions: Iterable[str]) -> dict[str, Any]:
    """The ``library`` record of an answers file: name, version and provision versions.

    Args:
        library: The clause library that builds the draft.
        provisions: The ids of the provisions in the draft.
    """
    return {
        "name": library.meta.name,
        "version": library.version,
        "provisions": {
            pid: library.clauses[pid].spec.version for pid in provisions if pid in library.clauses
        },
    }


def _defaults_for_kind(kind: str) -> dict[str, str]:
    if kind == "city":
        return {"police": "Police Department", "jail": default_jail(kind)}
    return {"police": "Office of the Sheriff", "jail": default_jail(kind)}


def jurisdiction_type(ja: JurisdictionAnswers, library: Library, source: str) -> str:
    """The city or county type the answers give (or the state's default), checked.

    Raises:
        AnswerError: The type does not fit the kind or the state.
    """
    key, other = ("city_type", "county_type") if ja.kind == "city" else ("county_type", "city_type")
    known = library.governments.type_ids(ja.state, ja.kind)
    if getattr(ja, other):
        instead = f" (or use {key})" if known else ""
        raise AnswerError(
            f"{source}: field 'jurisdiction.{other}' applies only to "
            f"{'counties' if other == 'county_type' else 'cities'}, and this is a {ja.kind}; "
            f"remove it{instead}."
        )
    given = getattr(ja, key) or ""
    if given and given not in known:
        if not known:
            raise AnswerError(
                f"{source}: field 'jurisdiction.{key}' is '{given}', but the library knows no "
                f"types of {ja.kind} in {ja.state}; remove it."
            )
        raise AnswerError(
            f"{source}: field 'jurisdiction.{key}' is '{given}', which is not a type of "
            f"{ja.kind} in {ja.state}.{did_you_mean(given, known)} Allowed: {', '.join(known)}."
        )
    return given or library.governments.default_type(ja.state, ja.kind)


def government_of(
    ja: JurisdictionAnswers, library: Library, source: str, type_: str
) -> GovernmentSpec:
    """The form of government the answers name (or the default for the state and type).

    Raises:
        AnswerError: The form does not exist for this jurisdiction, or
            ``jurisdiction.executive`` names an officer who holds no duty under it.
    """
    governments = library.governments
    where = f"a {ja.kind} in {ja.state}" + (f" ({type_})" if type_ else "")
    if ja.government:
        gov = governments.get(ja.state, ja.kind, type_, ja.government)
        if gov is None:
            options = governments.options(ja.state, ja.kind, type_)
            ids = [g.id for g in options]
            raise AnswerError(
                f"{source}: field 'jurisdiction.government' is '{ja.government}', which is not "
                f"a form of government the library knows for {where}."
                f"{did_you_mean(ja.government, ids)} Allowed: "
                + "; ".join(f"{g.id} ({g.label})" for g in options)
                + "."
            )
    else:
        gov = governments.default(ja.state, ja.kind, type_)
    if ja.executive and ja.executive.strip() in gov.no_duties:
        who = f"the {gov.officer}" if gov.officer else "the governing body"
        raise AnswerError(
            f"{source}: field 'jurisdiction.executive' is '{ja.executive}', but under the form "
            f"'{gov.id}' ({gov.label}) the {ja.executive.strip()} holds no administrative duty: "
            f"{who} carries out the ordinance. Remove executive, set it to the officer who "
            "administers, or set jurisdiction.government to the form the "
            f"{ja.kind} has."
        )
    return gov


def _jurisdiction(
    ja: JurisdictionAnswers, library: Library, source: str, jail: str, police: str
) -> Jurisdiction:
    type_ = jurisdiction_type(ja, library, source)
    gov = government_of(ja, library, source, type_)
    city_type, county_type = (type_, "") if ja.kind == "city" else ("", type_)
    form = library.form_for(ja.state, ja.kind, city_type, county_type)
    entry = state_entry(library, ja.state)
    return Jurisdiction(
        name=base_name(ja.name, ja.kind),
        kind=ja.kind,
        state=ja.state,
        city_type=city_type,
        jail=jail,
        body=ja.body or gov.body or form.body,
        executive=(ja.executive or "").strip() or gov.officer,
        police=ja.police or police,
        attorney=ja.attorney or "",
        county_type=county_type,
        government=gov.id,
        government_label=gov.label,
        public_defense=(entry.public_defense or "") if entry else "",
    )


def resolve(answers: Answers, library: Library, source: str = "answers") -> Resolved:
    """Check answers against the library and fill in every default.

    Args:
        answers: Validated answers.
        library: The clause library.
        source: Where the answers came from, for messages (a file path, "--set" ...).

    Raises:
        AnswerError: An id, variant or value is unknown or invalid.
        ClauseConflictError: Chosen provisions conflict, or one lacks a provision it requires.
    """
    ja = answers.jurisdiction
    defaults = _defaults_for_kind(ja.kind)
    preset_id = answers.preset
    if preset_id is not None and preset_id not in library.presets:
        raise AnswerError(
            f"{source}: field 'preset' is '{preset_id}', which is not a preset of this "
            f"library.{did_you_mean(str(preset_id), library.presets)} Presets: "
            f"{', '.join(library.presets)}."
        )
    preset_jur = library.presets[preset_id].jurisdiction if preset_id else {}
    if preset_jur.get("kind") and preset_jur["kind"] != ja.kind:
        fitting = [
            p for p, v in library.presets.items() if v.jurisdiction.get("kind", ja.kind) == ja.kind
        ]
        raise AnswerError(
            f"{source}: field 'preset' is '{preset_id}', which is written for a "
            f"{preset_jur['kind']}, but jurisdiction.kind is '{ja.kind}'. Choose another preset "
            f"({', '.join(fitting)})."
        )
    jail = ja.jail or preset_jur.get("jail") or defaults["jail"]
    if jail not in JAIL_CHOICES[ja.kind]:
        raise AnswerError(
            f"{source}: field 'jurisdiction.jail' is '{jail}', which does not fit a {ja.kind}. "
            f"Allowed for a {ja.kind}: {', '.join(JAIL_CHOICES[ja.kind])}."
        )
    jurisdiction = _jurisdiction(ja, library, source, jail, defaults["police"])
    doc = answers.document
    if doc.code_numbering and not doc.code_chapter:
        raise AnswerError(
            f"{source}: field 'document.code_numbering' is '{doc.code_numbering}', but "
            "document.code_chapter is not set; numbering applies only to the sections of a "
            "code chapter. Set code_chapter (e.g. 'Chapter 44') or remove code_numbering."
        )

    dropped: list[tuple[str, str]] = []
    if answers.provisions is not None:
        raw = dict(answers.provisions)
        explicit = True
    else:
        preset_id = preset_id or library.default_preset_for(ja.kind, jail)
        if preset_id not in library.presets:
            raise AnswerError(
                f"{source}: field 'preset' is '{preset_id}', which is not a preset of this "
                f"library.{did_you_mean(str(preset_id), library.presets)} Presets: "
                f"{', '.join(library.presets)}."
            )
        preset_spec = library.presets[preset_id]
        base = preset_spec.provisions
        if preset_spec.state_compliant:
            kept = compliant_provisions(
                library,
                jurisdiction.state,
                jurisdiction.state_name,
                jurisdiction.kind,
                jurisdiction.jail,
                base,
            )
            base = {
                pid: ({"variant": k.variant} if k.variant else {})
                | ({"values": k.values} if k.values else {})
                for pid, k in kept.items()
            }
        raw = {pid: ProvisionAnswers.model_validate(val or {}) for pid, val in base.items()}
        explicit = False
    for clause in library.clauses.values():
        if clause.spec.required and clause.id not in raw:
            raw[clause.id] = None

    choices: dict[str, Choice] = {}
    for pid, pa in raw.items():
        where = f"provisions.{pid}"
        clause = library.clauses.get(pid)
        if clause is None:
            raise AnswerError(
                f"{source}: field 'provisions' names '{pid}', which is not a provision of "
                f"this library.{did_you_mean(pid, library.clauses)} Run 'ordinance-drafter "
                "provisions' to list them."
            )
        reason = applicability(clause.spec, jurisdiction)
        if reason:
            if explicit and not clause.spec.required:
                raise AnswerError(
                    f"{source}: field '{where}': {reason} Remove it, or change the "
                    "jurisdiction answers."
                )
            dropped.append((pid, reason))
            continue
        pa = pa or ProvisionAnswers()
        variant = pa.variant or clause.spec.default_variant
        if clause.spec.variants:
            spec_variant = clause.spec.variant(variant)
            if spec_variant is None:
                raise AnswerError(
                    f"{source}: field '{where}.variant' is '{variant}', which is not a "
                    f"variant of '{pid}'.{did_you_mean(variant, clause.spec.variant_ids)} "
                    f"Variants: {', '.join(clause.spec.variant_ids)}."
                )
            if jurisdiction.kind not in spec_variant.applies_to:
                raise AnswerError(
                    f"{source}: field '{where}.variant': the variant '{variant}' is for "
                    f"{' and '.join(spec_variant.applies_to)} ordinances, not a "
                    f"{jurisdiction.kind}."
                )
        elif pa.variant:
            raise AnswerError(
                f"{source}: field '{where}.variant' is '{pa.variant}', but '{pid}' has only "
                "one wording; remove the variant."
            )
        values = dict(pa.values)
        for name in values:
            if clause.spec.variable(name) is None:
                names = [v.name for v in clause.spec.variables]
                raise AnswerError(
                    f"{source}: field '{where}.values.{name}' is not a variable of '{pid}'."
                    f"{did_you_mean(name, names)} "
                    + (f"Its variables: {', '.join(names)}." if names else "It has none.")
                )
        full: dict[str, Any] = {}
        for var in clause.spec.variables:
            value = values.get(var.name, var.default)
            problem = check_value(var, value)
            if problem:
                raise AnswerError(f"{source}: field '{where}.values.{var.name}': {problem}.")
            full[var.name] = value
        given = set(values) | ({"variant"} if pa.variant else set())
        choices[pid] = Choice(pid, variant, full, frozenset(given) if explicit else frozenset())

    ordered = {cid: choices[cid] for cid in library.clauses if cid in choices}
    for choice in ordered.values():
        spec = library.clauses[choice.id].spec
        variant = spec.variant(choice.variant)
        for other in spec.requires:
            if other not in ordered:
                raise ClauseConflictError(
                    f"{source}: provision '{choice.id}' requires '{other}', which is not "
                    f"chosen. Add '{other}' to provisions, or remove '{choice.id}'."
                )
        for other in variant.requires if variant else ():
            if other not in ordered:
                raise ClauseConflictError(
                    f"{source}: the variant '{choice.variant}' of '{choice.id}' relies on "
                    f"'{other}', which is not chosen. Add '{other}' to provisions, or choose "
                    "another variant."
                )
        for other in spec.conflicts:
            if other in ordered:
                raise ClauseConflictError(
                    f"{source}: provisions '{choice.id}' and '{other}' conflict (they give "
                    "different rules for the same thing). Keep one of them."
                )
    ordered, outcomes = apply_interactions(library, ordered)
    return Resolved(jurisdiction, ordered, answers.document, preset_id, dropped, source, outcomes)


def applicability(spec: Any, jurisdiction: Jurisdiction) -> str:
    """Why provision ``spec`` does not apply to ``jurisdiction``; empty if it does."""
    if jurisdiction.kind not in spec.applies_to:
        return f"'{spec.id}' is written for {' and '.join(spec.applies_to)} ordinances only."
    if spec.needs_jail and not jurisdiction.has_jail:
        return (
            f"'{spec.id}' concerns people held in a jail, and this {jurisdiction.kind} runs "
            "none (jurisdiction.jail is 'none')."
        )
    if spec.sheriff_treatment(jurisdiction) == "omit":
        return f"'{spec.id}' cannot be addressed to an elected sheriff's office by ordinance."
    return ""
