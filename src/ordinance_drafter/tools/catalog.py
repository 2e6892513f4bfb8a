"""Browsing the clause library: ``ordinance-drafter provisions [ID]``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..interview.describe import check_provision_id
from ..library.loader import Library
from .marks import Marked, MarkedLine, mark_line_pairs, mark_variants, plain_marks


def provision_record(library: Library, pid: str, *, full: bool = False) -> dict[str, Any]:
    """A provision's metadata as plain data (what ``--json`` prints)."""
    clause = library.clauses[pid]
    spec = clause.spec
    record: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "category": spec.category,
        "version": spec.version,
        "summary": " ".join(spec.summary.split()),
        "applies_to": list(spec.applies_to),
        "needs_jail": spec.needs_jail,
        "required": spec.required,
        "requires": list(spec.requires),
        "conflicts": list(spec.conflicts),
        "variants": [
            {"id": v.id, "label": v.label, "summary": " ".join(v.summary.split())}
            for v in spec.variants
        ],
        "sources": [s.model_dump() for s in spec.sources],
    }
    if full:
        record["terms"] = list(spec.terms)
        record["variables"] = [
            {
                "name": v.name,
                "type": v.type,
                "prompt": v.prompt,
                "help": v.help,
                "default": v.default,
                "choices": [c.model_dump() for c in v.choices],
                "when": v.when,
            }
            for v in spec.variables
        ]
        record["note"] = clause.note_path.read_text(encoding="utf-8")
    return record


SAMPLE_KINDS = ("city", "county")


SAMPLE_DATE = "2026-01-01"


@dataclass(frozen=True)
class VariantSample:
    """One variant of a provision, drafted for the sample city and the sample county.

    Attributes:
        id: The variant id ("" for a provision with one wording).
        label: Its short name.
        summary: What the variant changes.
        texts: ``{kind: text}``: the section as it reads in a sample draft (heading and
            labelled paragraphs, one per line), for each kind it applies to.
        unavailable: ``{kind: reason}`` for a kind the variant does not apply to.
        notes: ``{kind: ((heading, (paragraph, ...)), ...)}``: the explanatory note.
        jurisdictions: ``{kind: full name}`` of the sample jurisdictions.
        paragraphs: ``{kind: ((level, text), ...)}``: the same text with the heading at
            level -1 and each paragraph at its subsection level (0 for plain text).
    """

    id: str
    label: str
    summary: str
    texts: dict[str, str] = field(default_factory=dict)
    paragraphs: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    notes: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)
    jurisdictions: dict[str, str] = field(default_factory=dict)


def _sample_answers(library: Library, pid: str, variant: str, kind: str) -> dict[str, Any]:
    """Answers for a sample draft that holds ``pid`` (and what it requires) for ``kind``."""
    from ..answers.sample import sample_jurisdiction

    jur = sample_jurisdiction(kind)
    spec = library.clauses[pid].spec
    wanted = [pid]
    chosen: dict[str, Any] = {pid: {"variant": variant} if variant else {}}
    while wanted:
        current = library.clauses[wanted.pop()].spec
        needs = list(current.requires)
        if current.id == pid and spec.variant(variant):
            needs += list(spec.variant(variant).requires)  # type: ignore[union-attr]
        for other in needs:
            if other not in chosen:
                chosen[other] = {}
                wanted.append(other)
    data: dict[str, Any] = {
        "jurisdiction": {"name": jur.name, "kind": kind, "state": jur.state, "jail": jur.jail},
        "provisions": chosen,
        "document": {"draft_date": SAMPLE_DATE},
    }
    if jur.city_type:
        data["jurisdiction"]["city_type"] = jur.city_type
    return data


def _section_lines(ordinance: Any, pid: str, placement: str) -> tuple[list[tuple[int, str]], Any]:
    """The provision's part of a draft as (level, text) lines, and its note."""
    if placement == "findings" and ordinance.findings is not None:
        lines = [(-1, "Findings"), (0, ordinance.findings.intro)]
        lines += [(p.level, p.labelled_text) for p in ordinance.findings.paragraphs]
        return lines, ordinance.findings.note
    for section in ordinance.sections:
        if section.key == pid:
            lines = [(-1, section.heading)]
            lines += [(p.level, p.labelled_text) for p in section.paragraphs]
            return lines, section.note
    if ordinance.resolution is not None:
        for section in ordinance.resolution.sections:
            if section.key == pid:
                heading = f"Companion resolution, paragraph {section.number}. {section.caption}"
                lines = [(-1, heading)]
                lines += [(p.level, p.labelled_text) for p in section.paragraphs]
                return lines, section.note
    return [], None


def variant_samples(library: Library, pid: str) -> list[VariantSample]:
    """Every variant of a provision, drafted for a sample city and a sample county.

    Each variant is drafted with its variables' defaults, in a draft that holds the
    provision and the provisions it requires, so numbering and cross-references read as
    they would in a real draft.

    Raises:
        DrafterError: ``pid`` is not a provision, or a sample draft fails.
    """
    from ..answers.resolve import applicability, resolve
    from ..answers.sample import sample_jurisdiction
    from ..answers.schema import parse_answers
    from ..assembly.assemble import assemble

    check_provision_id(library, pid)
    spec = library.clauses[pid].spec
    variants = spec.variants or ()
    rows = [(v.id, v.label, " ".join(v.summary.split()), v.applies_to) for v in variants]
    if not rows:
        rows = [("", "One wording", "This provision has a single wording.", spec.applies_to)]
    out = []
    for vid, label, summary, applies_to in rows:
        sample = VariantSample(vid, label, summary)
        for kind in SAMPLE_KINDS:
            jur = sample_jurisdiction(kind)
            sample.jurisdictions[kind] = jur.full_name
            reason = applicability(spec, jur)
            if not reason and kind not in applies_to:
                reason = f"The variant '{vid}' is written for {' and '.join(applies_to)} only."
            if reason:
                sample.unavailable[kind] = reason
                continue
            data = _sample_answers(library, pid, vid, kind)
            source = f"sample {kind} draft of '{pid}'"
            resolved = resolve(parse_answers(data, source), library, source)
            lines, note = _section_lines(assemble(library, resolved), pid, spec.placement)
            sample.paragraphs[kind] = tuple(lines)
            sample.texts[kind] = "\n".join(text for _level, text in lines)
            if note is not None:
                sample.notes[kind] = tuple((part.heading, part.paragraphs) for part in note.parts)
        out.append(sample)
    return out


def comparison_record(library: Library, pid: str) -> dict[str, Any]:
    """``provisions ID --compare --json``: every variant with its texts and notes."""
    spec = library.clauses[pid].spec
    samples = variant_samples(library, pid)
    marked = {kind: mark_variants(samples, kind) for kind in SAMPLE_KINDS}
    return {
        "id": spec.id,
        "title": spec.title,
        "version": spec.version,
        "summary": " ".join(spec.summary.split()),
        "sample_jurisdictions": samples[0].jurisdictions if samples else {},
        "variables": {v.name: v.default for v in spec.variables},
        "baseline": {kind: m.baseline for kind, m in marked.items()},
        "variants": [
            {
                "id": s.id,
                "label": s.label,
                "summary": s.summary,
                "text": s.texts,
                "unavailable": s.unavailable,
                "marked": {
                    kind: [
                        {"level": line.level, "pieces": [list(p) for p in line.pieces]}
                        for line in m.lines[s.id]
                    ]
                    for kind, m in marked.items()
                    if s.id in m.lines
                },
                "note": {
                    kind: [{"heading": h, "paragraphs": list(ps)} for h, ps in parts]
                    for kind, parts in s.notes.items()
                },
            }
            for s in samples
        ],
        "sources": [src.model_dump() for src in spec.sources],
    }


#: How the terminal marks a variant's differences from the baseline (Rich styles).
MARK_STYLES = {"insert": "bold green underline", "delete": "red strike"}


def marked_text(lines: tuple[MarkedLine, ...], *, styled: bool = True, sep: str = "\n") -> Any:
    """Marked lines as one Rich ``Text``, ``sep`` between lines.

    With ``styled``, added words are green and underlined and removed words red and struck
    through; without (no colour: piped output, ``NO_COLOR``), wdiff's ``{+added+}`` and
    ``[-removed-]`` markers show them.
    """
    from rich.text import Text

    text = Text()
    for n, line in enumerate(lines):
        if n:
            text.append(sep)
        if not styled:
            text.append(plain_marks(line.pieces))
            continue
        for op, piece in line.pieces:
            text.append(piece, style=MARK_STYLES.get(op, ""))
    return text


def _legend(marked: Marked, samples: list[VariantSample], styled: bool) -> str:
    labels = {s.id: s.label for s in samples}
    how = (
        "added words are green and underlined, removed words red and struck through"
        if styled
        else "added words are marked {+like this+}, removed words [-like this-]"
    )
    return f"Each variant is marked against the first, {labels[marked.baseline]}: {how}."


def comparison_renderables(library: Library, pid: str, *, styled: bool = True) -> list[Any]:
    """Rich renderables for ``provisions ID --compare``: variants side by side, then notes.

    The first table has one row per variant: what it changes and its text for the sample
    city and county, each variant's text marked word by word against the first variant's
    (:mod:`marks`). The notes follow, part by part: a part that reads the same for every
    variant is shown once; one that differs is shown in columns, one per variant, marked
    the same way. ``styled`` marks with colours; otherwise with wdiff's text markers.
    """
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    spec = library.clauses[pid].spec
    samples = variant_samples(library, pid)
    marked = {kind: mark_variants(samples, kind) for kind in SAMPLE_KINDS}
    out: list[Any] = [
        Text(f"{spec.title} ({spec.id}, version {spec.version})", style="bold"),
        Text(" ".join(spec.summary.split())),
    ]
    if spec.variables:
        defaults = ", ".join(f"{v.name} = {v.default}" for v in spec.variables)
        out.append(Text(f"Texts use the default values: {defaults}.", style="dim"))
    first = next((m for m in marked.values() if m.baseline), None)
    if len(samples) > 1 and first is not None:
        out.append(Text(_legend(first, samples, styled), style="italic"))
    table = Table(show_lines=True, highlight=False, expand=True)
    table.add_column("Variant", ratio=1, overflow="fold")
    table.add_column("What it changes", ratio=2, overflow="fold")
    for kind in SAMPLE_KINDS:
        table.add_column(f"Text: {samples[0].jurisdictions[kind]}", ratio=4, overflow="fold")
    for s in samples:
        cells = [f"[bold]{escape(s.label)}[/bold]\n[dim]{escape(s.id)}[/dim]", escape(s.summary)]
        for kind in SAMPLE_KINDS:
            if s.id in marked[kind].lines:
                cells.append(marked_text(marked[kind].lines[s.id], styled=styled))
            else:
                cells.append(f"[dim]Not offered: {escape(s.unavailable.get(kind, ''))}[/dim]")
        table.add_row(*cells)
    out.append(table)
    out.append(Text(f"Explanatory note ({samples[0].jurisdictions['city']})", style="bold"))
    with_notes = [s for s in samples if "city" in s.notes] or [s for s in samples if s.notes]
    headings: list[str] = []
    for s in with_notes:
        for heading, _ps in next(iter(s.notes.values())):
            if heading not in headings:
                headings.append(heading)
    for heading in headings:
        versions: list[tuple[tuple[int, str], ...]] = []
        for s in with_notes:
            parts = dict(s.notes.get("city") or next(iter(s.notes.values())))
            versions.append(tuple((0, p) for p in parts.get(heading, ())))
        if len(set(versions)) == 1:
            out.append(Text(heading, style="bold underline"))
            out.append(Text("\n\n".join(p for _l, p in versions[0])))
            continue
        note_table = Table(title=heading, show_lines=True, highlight=False, expand=True)
        for s in with_notes:
            note_table.add_column(s.label, ratio=1, overflow="fold")
        note_table.add_row(
            *(
                marked_text(mark_line_pairs(versions[0], v), styled=styled, sep="\n\n")
                for v in versions
            )
        )
        out.append(note_table)
    out.append(Text("Sources", style="bold underline"))
    for src in spec.sources:
        status = "" if src.status == "verified" else f" [{src.status}: check before relying]"
        note = f" — {src.note}" if src.note else ""
        out.append(Text(f"- {src.cite}{src.whose}{note}{status}"))
    return out
