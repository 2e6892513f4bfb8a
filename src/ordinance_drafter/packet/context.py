"""What the packet templates see: the draft, its provisions' packet data, dates, state law.

Everything here comes from the answers, the clause library and the assembled ordinance;
nothing is invented. In particular no cost is ever a figure: a cost item says what to
price and how much of it the ordinance calls for, and the staff report leaves the
estimate for staff to fill in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..answers.resolve import Choice, Resolved
from ..assembly.model import Ordinance, Section
from ..errors import TemplateError
from ..library.loader import Clause, Library
from ..library.packetspec import CARD_GROUPS, Procedure
from ..render import long_date
from ..statelaw.flags import state_entry, state_flags


@dataclass(frozen=True)
class Cost:
    """One row of the staff report's cost table."""

    item: str
    measure: str
    basis: str
    section: str


@dataclass(frozen=True)
class Due:
    """A deadline the ordinance sets, with its date when the dates are known."""

    what: str
    rule: str
    date: str
    section: str


@dataclass
class Provision:
    """A chosen provision as the packet describes it."""

    id: str
    title: str
    section: str
    caption: str
    does: str
    why: str
    summary: str
    variant: str
    variant_label: str
    other_variants: list[str]
    values: dict[str, Any]
    resolution: bool
    flags: list[Any] = field(default_factory=list)
    directive: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Dates:
    """The adoption dates from the answers and the effective date computed from them."""

    adoption: dt.date | None
    publication: dt.date | None
    effective: dt.date | None
    effective_rule: str

    def show(self, day: dt.date | None) -> str:
        return long_date(day.isoformat()) if day else "____________"


def note_part(section: Section, heading: str) -> str:
    """The text of one headed part of a section's note ("What it does", "Why" ...)."""
    if section.note is None:
        return ""
    for part in section.note.parts:
        if part.heading.lower() == heading.lower():
            return " ".join(part.paragraphs)
    return ""


def _parse_date(text: str) -> dt.date | None:
    for fmt in ("%B %d, %Y", "%Y-%m-%d", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _iso(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def effective_dates(resolved: Resolved, procedure: Procedure) -> Dates:
    """The effective date, computed from the effective-date section and the answers' dates."""
    doc = resolved.document
    adoption, publication = _iso(doc.adoption_date), _iso(doc.publication_date)
    choice = resolved.choices.get("effective_date")
    if choice is None:
        rule = procedure.effective or "as state law provides (confirm with the attorney)"
        return Dates(adoption, publication, None, rule)
    if choice.variant == "after_publication":
        day = publication + dt.timedelta(days=1) if publication else None
        return Dates(adoption, publication, day, "the day after its publication")
    if choice.variant == "days_after":
        n = int(choice.values["days"])
        later = max(d for d in (adoption, publication) if d) if (adoption or publication) else None
        day = later + dt.timedelta(days=n) if publication and later else None
        return Dates(adoption, publication, day, f"{n} days after its passage and publication")
    text = str(choice.values.get("date", ""))
    return Dates(adoption, publication, _parse_date(text), f"on {text}")


def _period_end(day: dt.date, period: str) -> dt.date:
    months = {"quarterly": 3, "semiannual": 6, "annual": 12}.get(period, 12)
    end_month = ((day.month - 1) // months + 1) * months
    first_next = dt.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


class Builder:
    """Builds the packet context for one draft."""

    def __init__(self, library: Library, resolved: Resolved, ordinance: Ordinance) -> None:
        self.library = library
        self.resolved = resolved
        self.ordinance = ordinance
        jur = resolved.jurisdiction
        self.form = library.form_for(jur.state, jur.kind, jur.city_type, jur.county_type)
        packet = library.packet
        self.procedure = self._rendered(packet.procedures.get(self.form.id, packet.default))
        self.state = state_entry(library, jur.state)
        self.dates = effective_dates(resolved, self.procedure)
        # A provision in both the ordinance and the companion resolution (reports, training,
        # complaints in a sheriff-run county) is described and cited by its ordinance section.
        sections = list(ordinance.resolution.sections) if ordinance.resolution else []
        sections += list(ordinance.sections)
        self.sections = {s.key: s for s in sections}
        # Provisions that are only in the companion resolution (the jail's rules).
        self.resolution_keys = (
            {s.key for s in ordinance.resolution.sections} if ordinance.resolution else set()
        ) - {s.key for s in ordinance.sections}

    def _rendered(self, procedure: Procedure) -> Procedure:
        """The procedure with its texts rendered for this jurisdiction (``jur``, ``form``)."""
        ctx = {"jur": self.resolved.jurisdiction, "form": self.form}
        where = f"{self.library.root / 'packet' / 'packet.yaml'}: procedures.{self.form.id}"
        steps = tuple(
            s.model_copy(update={"text": self._text(s.text, ctx, f"{where}.steps[{i}]")})
            for i, s in enumerate(procedure.steps)
        )
        return procedure.model_copy(
            update={
                "steps": steps,
                "no_summary": self._text(procedure.no_summary, ctx, f"{where}.no_summary"),
                "effective": self._text(procedure.effective, ctx, f"{where}.effective"),
            }
        )

    # -- per-provision rendering ----------------------------------------------------
    def _context(self, choice: Choice) -> dict[str, Any]:
        return {
            "jur": self.resolved.jurisdiction,
            "has": self.has,
            **choice.values,
            "variant": choice.variant,
        }

    def has(self, pid: str) -> bool:
        return pid in self.resolved.choices

    def _when(self, expression: str, context: dict[str, Any], where: str) -> bool:
        return not expression or self.library.evaluate(expression, context, where)

    def _text(self, source: str, context: dict[str, Any], where: str) -> str:
        template = self.library.compile_string(source, where)
        return " ".join(template.render(context).split())

    def each(self, attr: str) -> Iterable[tuple[Clause, Choice, Any, dict[str, Any], str]]:
        """Every entry of one kind of packet data of the chosen provisions, in order,
        whose ``when`` holds: (clause, choice, entry, context, where)."""
        for choice in self.resolved.choices.values():
            clause = self.library.clauses[choice.id]
            context = self._context(choice)
            for i, entry in enumerate(getattr(clause.spec.packet, attr)):
                where = f"{clause.directory / 'clause.yaml'}: packet.{attr}[{i}]"
                if self._when(entry.when, context, where):
                    yield clause, choice, entry, context, where

    def section_label(self, pid: str) -> str:
        section = self.sections.get(pid)
        if section is None:
            return ""
        return section.number_label.rstrip(".")

    # -- the context ------------------------------------------------------------------
    def provisions(self) -> list[Provision]:
        out = []
        for choice in self.resolved.choices.values():
            spec = self.library.clauses[choice.id].spec
            section = self.sections.get(choice.id)
            variant = spec.variant(choice.variant) if choice.variant else None
            out.append(
                Provision(
                    id=choice.id,
                    title=spec.title,
                    section=self.section_label(choice.id),
                    caption=section.caption if section else spec.caption,
                    does=note_part(section, "What it does") if section else spec.summary,
                    why=note_part(section, "Why") if section else "",
                    summary=spec.summary,
                    variant=choice.variant,
                    variant_label=variant.label if variant else "",
                    other_variants=[v.label for v in spec.variants if v.id != choice.variant],
                    values=dict(choice.values),
                    resolution=choice.id in self.resolution_keys,
                    flags=list(section.note.flags) if section and section.note else [],
                )
            )
        directive: dict[str, list[str]] = {}
        for clause, _choice, entry, context, where in self.each("directive"):
            directive.setdefault(clause.id, []).append(self._text(entry.text, context, where))
        for p in out:
            p.directive = directive.get(p.id, [])
        return out

    def directive(self, provisions: list[Provision]) -> list[tuple[str, list[str]]]:
        """The sheriff's directive, one group per paragraph of the companion resolution:
        (caption, rules in the Sheriff's voice). The resolution's own paragraphs become rules
        too (its terms, the ordinance sections the Sheriff is asked to follow); the
        transmittal and the Sheriff's response concern the resolution, not the directive, and
        are left out. An empty list of rules means the library has none for the paragraph."""
        o = self.ordinance
        if o.resolution is None:
            return []
        by_id = {p.id: p for p in provisions}
        number = self.resolved.document.number
        out: list[tuple[str, list[str]]] = []
        for sec in o.resolution.sections:
            caption = sec.caption.rstrip(".")
            if sec.key in ("resolution-transmittal", "resolution-response"):
                continue
            if sec.key == "resolution-terms":
                label = self.section_label("definitions")
                where = label[:1].lower() + label[1:] if label else "the definitions section"
                out.append(
                    (
                        caption,
                        [
                            f"Terms used in this directive have the meanings that {where} of "
                            f"Ordinance No. {number} of the County gives them."
                        ],
                    )
                )
            elif sec.key == "resolution-sections":
                items = [
                    p_text(p).strip().removesuffix(".").removesuffix(" and").removesuffix(";")
                    for p in sec.paragraphs[1:]
                ]
                listed = "; ".join(i.replace(" of the Ordinance", "") for i in items)
                out.append(
                    (
                        caption,
                        [
                            "Members of this Office must follow each of these sections of "
                            f"Ordinance No. {number} as though it applied to them in full: "
                            f"{listed}."
                        ],
                    )
                )
            else:
                p = by_id.get(sec.key)
                out.append((caption, list(p.directive) if p else []))
        return out

    def costs(self) -> list[Cost]:
        return [
            Cost(
                self._text(e.item, ctx, where),
                self._text(e.measure, ctx, where),
                self._text(e.basis, ctx, where),
                self.section_label(clause.id),
            )
            for clause, _c, e, ctx, where in self.each("costs")
        ]

    def card(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {g: [] for g in CARD_GROUPS}
        for _clause, _c, e, ctx, where in self.each("card"):
            text = self._text(e.text, ctx, where)
            if text not in groups[e.group]:
                groups[e.group].append(text)
        return {g: rules for g, rules in groups.items() if rules}

    def deadlines(self) -> list[Due]:
        out = []
        for clause, choice, e, ctx, where in self.each("deadlines"):
            days = choice.values.get(e.days)
            if not isinstance(days, int) or isinstance(days, bool):
                raise TemplateError(
                    f"{where}: 'days' names {e.days!r}, which is not an int variable of "
                    f"{clause.id}."
                )
            if days <= 0:
                continue
            start = self.dates.effective if e.start == "effective" else self.dates.adoption
            what = self._text(e.what, ctx, where)
            word = "takes effect" if e.start == "effective" else "is adopted"
            rule = f"within {days} days after the ordinance {word}"
            date = self.dates.show(start + dt.timedelta(days=days) if start else None)
            out.append(Due(what, rule, date, self.section_label(clause.id)))
        report = self.resolved.choices.get("public_reporting")
        if report is not None:
            period = str(report.values.get("period", "annual"))
            span = {"quarterly": "quarter", "semiannual": "half-year"}.get(period, "year")
            day = self.dates.effective
            date = self.dates.show(_period_end(day, period) + dt.timedelta(days=60)) if day else ""
            body = self.resolved.jurisdiction.body
            out.append(
                Due(
                    f"First report to the {body}, published the same day",
                    f"within 60 days after the end of the calendar {span} in which the "
                    "ordinance takes effect (if the first report covers that part-period; "
                    "confirm)",
                    date or self.dates.show(None),
                    self.section_label("public_reporting"),
                )
            )
        return out

    def residents(self) -> list[tuple[str, bool, dict[str, Any]]]:
        """The community summary's provision sentences: (message, changes, values)."""
        jur = self.resolved.jurisdiction
        names = {
            "name": jur.name,
            "full_name": jur.full_name,
            "body": jur.body,
            "executive": jur.officer,
            "police": jur.police,
            "attorney": jur.attorney,
        }
        return [
            (e.text, e.changes, {**names, **ctx})
            for _clause, _c, e, ctx, _where in self.each("residents")
        ]

    def state_law(self) -> dict[str, Any]:
        """What the staff report says of state law: status, summary, warnings, penalties."""
        state = self.state
        warnings = []
        for section in self.sections.values():
            for flag in section.note.flags if section.note else ():
                if flag.scope == "state" and flag.severity in ("forbidden", "limited"):
                    label = section.number_label.rstrip(".")
                    warnings.append((label, flag))
        # The draft's own summary words each penalty with whom it reaches, as the ordinance's
        # warnings box and the terminal do.
        law = self.ordinance.state_law
        penalties = [p.line for p in law.penalties] if law else []
        forbids = state is not None and state.status == "prohibits"
        return {
            "entry": state,
            "status": state.status if state else "unknown",
            "forbids": forbids,
            # A draft for a forbidding state that keeps only what that state's law allows
            # (the state-compliant preset, or a draft with no warning): it is not an
            # ordinance "of this kind" that the state forbids.
            "compliant": forbids and not warnings,
            "adoption": law.adoption if law else "",
            "adoption_citations": list(law.adoption_citations) if law else [],
            "summary": state.summary if state else "",
            "notice": (state.notice or state.summary) if state else "",
            "citations": list(state.citations) if state else [],
            "as_of": state.as_of if state else "",
            "warnings": warnings,
            "penalties": penalties,
            "unconfirmed": list(state.unconfirmed) if state else [],
        }

    def alternatives(self) -> list[tuple[str, str]]:
        """The other presets that fit this jurisdiction, each with its description and, in a
        state whose law forbids or limits provisions, how many of its provisions the state
        data flags as a whole for this kind of jurisdiction and jail."""
        jur = self.resolved.jurisdiction
        out = []
        for pid, p in self.library.presets.items():
            if pid == self.resolved.preset:
                continue
            fixed = p.jurisdiction
            if fixed.get("kind", jur.kind) != jur.kind or fixed.get("jail", jur.jail) != jur.jail:
                continue  # e.g. the sheriff-run county's preset, for a city
            description = p.description
            if self.state is not None and not p.state_compliant:
                flagged = 0
                for prov_id, settings in p.provisions.items():
                    clause = self.library.clauses.get(prov_id)
                    if clause is None or (clause.spec.needs_jail and not jur.has_jail):
                        continue
                    variant = (settings or {}).get("variant")
                    flags = state_flags(
                        self.library, jur.state, jur.kind, prov_id, variant, jur.jail
                    )
                    if any(f.severity in ("forbidden", "limited") and not f.anchor for f in flags):
                        flagged += 1
                if flagged:
                    description += (
                        f" {jur.state_name} law forbids or limits {flagged} of its provisions "
                        "(the state-law research)."
                    )
            out.append((p.title, description))
        return out

    def context(self) -> dict[str, Any]:
        o = self.ordinance
        resolution = list(o.resolution.sections) if o.resolution else []
        provisions = self.provisions()
        return {
            "jur": self.resolved.jurisdiction,
            "has": self.has,
            "form": self.form,
            "procedure": self.procedure,
            "state": self.state_law(),
            "ordinance": o,
            "number": self.resolved.document.number,
            "findings": [p_text(p) for p in o.findings.paragraphs] if o.findings else [],
            "provisions": provisions,
            "by_id": {p.id: p for p in provisions},
            "resolution_sections": resolution,
            "directive": self.directive(provisions),
            "costs": self.costs(),
            "card": self.card(),
            "card_groups": CARD_GROUPS,
            "deadlines": self.deadlines(),
            "dates": self.dates,
            "alternatives": self.alternatives(),
            "preset": self.library.presets.get(self.resolved.preset or ""),
            "long_date": lambda d: self.dates.show(d),
            "draft_date": long_date(o.metadata.draft_date),
            "version": self.library.version,
        }


def p_text(paragraph: Any) -> str:
    """A paragraph's text, its cross-references as printed."""
    return "".join(getattr(s, "text", "") for s in paragraph.segments)
