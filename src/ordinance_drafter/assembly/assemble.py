"""Assembly: resolved answers + clause library -> :class:`~ordinance_drafter.model.Ordinance`.

This is the only stage that runs clause templates. It decides which sections the draft
has and where they go, numbers them, resolves cross-references, pulls in exactly the
definitions the chosen text uses, and attaches each section's note.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ..answers.chapters import parse_chapter, section_number, section_word
from ..answers.jurisdiction import Jurisdiction
from ..answers.resolve import Choice, Resolved
from ..errors import TemplateError
from ..library.loader import Clause, Library
from ..library.notes import parse_note
from ..library.templates import make_ref
from ..statelaw.context import state_context
from ..statelaw.flags import Flag
from .codes import code_chapter, in_chapter, numbering_note, scheme
from .definitions import definitions_draft
from .drafts import Draft, render_string
from .drafts import block as new_block
from .markup import parse_blocks, split_refs, subsection_label
from .model import (
    Findings,
    Metadata,
    Note,
    Ordinance,
    Paragraph,
    Ref,
    RefPart,
    Section,
    Segment,
    SignatureBlock,
    SignatureLine,
    Text,
)
from .resolution import build_resolution, resolution_drafts
from .statetext import (
    draft_state_law,
    lawful_part,
    lawful_reasons,
    locate_flags,
    state_sources,
)

Flagger = Callable[[Clause, Choice, Resolved], Iterable[Flag]]

# How a resolution paragraph names a section of the ordinance it accompanies.
_OF_ORDINANCE = " of the Ordinance"


def assemble(library: Library, resolved: Resolved, *, flagger: Flagger | None = None) -> Ordinance:
    """Build the document model for a draft.

    Args:
        library: The clause library.
        resolved: Answers checked against the library (see :func:`answers.resolve`).
        flagger: Returns warnings for a provision (the state-law layer plugs in here).

    Raises:
        TemplateError: A clause template fails, or refers to a section the draft lacks.
    """
    jur = resolved.jurisdiction
    doc = library.meta_document
    chosen = resolved.choices
    reso_spec = doc.resolution

    # Where each provision goes. In a county whose elected sheriff runs the jail or is its
    # law enforcement agency, a provision's ``sheriff`` field moves it to the companion
    # resolution (``resolution``) or keeps it in the ordinance with a request to the
    # sheriff (``request``). The ordinance never counts, or refers to, what lives only in
    # the resolution: there has() is false for it.
    treatment = {pid: library.clauses[pid].spec.sheriff_treatment(jur) for pid in chosen}
    placement_of = {
        pid: (
            "resolution"
            if library.clauses[pid].spec.placement == "body" and treatment[pid] == "resolution"
            else library.clauses[pid].spec.placement
        )
        for pid in chosen
    }
    in_ordinance = {pid for pid, where in placement_of.items() if where != "resolution"}

    def has(pid: str) -> bool:
        return pid in in_ordinance

    def has_any(pid: str) -> bool:
        return pid in chosen

    base = {"jur": jur, "has": has, "state": state_context(library, jur.state)}
    lawful = lawful_reasons(library, resolved)
    codified_draft = bool(resolved.document.code_chapter)
    drafts: list[Draft] = []
    requested: list[tuple[str, str, int]] = []
    for choice in chosen.values():
        clause = library.clauses[choice.id]
        spec = clause.spec
        placement = placement_of[choice.id]
        part = "resolution" if placement == "resolution" else "ordinance"
        context = {
            **base,
            **choice.values,
            "has": has_any if part == "resolution" else has,
            "variant": choice.variant,
            "part": part,
            "sheriff": treatment[choice.id],
            "ref": make_ref(choice.id),
        }
        text = clause.text_template.render(context)
        blocks = parse_blocks(text, str(clause.text_path))
        if not blocks:
            raise TemplateError(
                f"{clause.text_path}: the provision rendered no text for variant "
                f"'{choice.variant}' of a {jur.kind}; every variant needs text."
            )
        caption = clause.caption_template.render(context).strip()
        cover = clause.cover_template
        cover_line = " ".join(cover.render(context).split()) if cover else ""
        if treatment[choice.id] == "request" and placement == "body":
            scope = render_string(library, reso_spec.sheriff_scope, base, "sheriff_scope")
            blocks.append(new_block(1 if any(b.depth for b in blocks) else 0, scope))
        flags = tuple(flagger(clause, choice, resolved)) if flagger else ()
        note = _note(clause, choice, context, flags, jur.state, jur.state_name)
        reason = lawful.get(choice.id)
        if reason is not None and reason.matches(choice.variant, dict(choice.values)):
            note = replace(note, parts=(lawful_part(reason, jur.state_name), *note.parts))
        drafts.append(
            Draft(
                choice.id,
                caption,
                blocks,
                placement,
                note,
                spec.summary,
                spec.order,
                str(clause.text_path),
                "finding" if placement == "findings" else "text",
                # Closing provisions (severability, effective date) stay in the ordinance
                # when the rest becomes a code chapter.
                codified_draft and placement == "body" and spec.category != "closing",
                cover=cover_line,
            )
        )
        if treatment[choice.id] == "request" and placement == "body":
            asked = _request(clause, {**context, "part": "resolution", "has": has_any})
            if asked:
                drafts.append(
                    Draft(
                        f"res-{choice.id}",
                        caption,
                        asked,
                        "resolution",
                        None,
                        spec.summary,
                        spec.order,
                        str(clause.request_path),
                        provision=choice.id,
                    )
                )
            else:
                requested.append((choice.id, caption, spec.order))

    defs = definitions_draft(library, resolved, [d for d in drafts if d.placement != "findings"])
    if defs is not None:
        drafts.append(defs)
    form = library.form_for(jur.state, jur.kind, jur.city_type, jur.county_type)
    if any(d.placement == "resolution" for d in drafts) or requested:
        drafts += resolution_drafts(library, form, base, requested, defs is not None)
    drafts.sort(key=lambda d: d.order)

    chapter = parse_chapter(resolved.document.code_chapter or "")
    if defs is not None:
        defs.codified = chapter is not None
    body = [d for d in drafts if d.placement == "body"]
    reso = [d for d in drafts if d.placement == "resolution"]
    numbers: dict[str, str] = {}
    if chapter is not None:
        # Section 1 carries the chapter; the uncodified sections follow it.
        how = scheme(resolved, chapter)
        codified = [d for d in body if d.codified]
        numbers.update({d.key: section_number(chapter, how, i) for i, d in enumerate(codified, 1)})
        rest = [d for d in body if not d.codified]
        numbers.update({d.key: str(i) for i, d in enumerate(rest, 2)})
        body = codified + rest
        for d in codified:
            d.caption = in_chapter(d.caption)
            for b in d.blocks:
                b.text = in_chapter(b.text)
    else:
        numbers.update({d.key: str(i) for i, d in enumerate(body, 1)})
    numbers.update({d.key: f"R{i}" for i, d in enumerate(reso, 1)})
    placed = {d.key: d.placement for d in drafts}

    labelled = {d.key: _label(d) for d in drafts}

    def block_anchor(key: str, index: int) -> str:
        found = labelled[key][index][0]
        return f"sec-{key}-{found.anchor}" if found.anchor else f"sec-{key}-{index}"

    anchors: dict[str, tuple[str, list[int]]] = {}
    for d in drafts:
        for b, _lbl, path, chain in labelled[d.key]:
            if b.anchor:
                anchors[f"{d.key}#{b.anchor}"] = (path, chain)
    used_anchors: set[str] = set()

    def resolve_ref(token: str, d: Draft) -> Ref:
        key, _, label = token.partition("#")
        where = d.path
        if key not in numbers:
            raise TemplateError(
                f"{where}: the text refers to provision '{key}', which is not in this draft. "
                f"Guard the reference with {{% if has('{key}') %}} or list '{key}' under "
                "'requires'."
            )
        if placed[key] == "resolution" and d.placement != "resolution":
            raise TemplateError(
                f"{where}: the ordinance refers to provision '{key}', which is in the "
                f"companion resolution here; guard the reference with {{% if has('{key}') %}}, "
                "which is false in the ordinance for what only the resolution holds."
            )
        sec_no = numbers[key]
        word = "section" if not sec_no.startswith("R") else "paragraph"
        sec_no = sec_no.lstrip("R")
        tail_text = (
            _OF_ORDINANCE if d.placement == "resolution" and placed[key] != "resolution" else ""
        )
        suffix = (RefPart(tail_text),) if tail_text else ()
        head = (RefPart(f"{word} "), RefPart(sec_no, f"sec-{key}"))
        if not label:
            return Ref(f"{word} {sec_no}{tail_text}", f"sec-{key}", head + suffix)
        found = anchors.get(f"{key}#{label}")
        if found is None:
            raise TemplateError(
                f"{where}: the text refers to subsection '{label}' of '{key}', but no item "
                f"there is named with anchor('{label}') in this variant."
            )
        path, chain = found
        tail = tuple(RefPart(labelled[key][i][1], block_anchor(key, i)) for i in chain)
        used_anchors.update(part.target for part in tail)
        return Ref(f"{word} {sec_no}{path}{tail_text}", f"sec-{key}-{label}", head + tail + suffix)

    segments_of: dict[str, list[tuple[Segment, ...]]] = {}
    for d in drafts:
        rows = []
        for b, _label_text, _path, _chain in labelled[d.key]:
            segments: list[Segment] = []
            for kind, value in split_refs(b.text):
                if kind == "text":
                    segments.append(Text(value))
                elif kind == "ref":
                    segments.append(resolve_ref(value, d))
            rows.append(tuple(segments))
        segments_of[d.key] = rows
        if d.note and any(f.anchor or f.quote for f in d.note.flags):
            located = [
                (block.anchor, path, "".join(seg.text for seg in segments_of[d.key][i]))
                for i, (block, _lbl, path, _chain) in enumerate(labelled[d.key])
            ]
            flags = locate_flags(d.note.flags, located)
            d.note = replace(d.note, flags=flags)

    def to_paragraphs(d: Draft) -> tuple[Paragraph, ...]:
        out = []
        for index, (b, label, _path, _chain) in enumerate(labelled[d.key]):
            anchor = block_anchor(d.key, index)
            if not b.anchor and anchor not in used_anchors:
                anchor = ""
            out.append(Paragraph(segments_of[d.key][index], b.depth, label, anchor, d.kind))
        return tuple(out)

    word = section_word(scheme(resolved, chapter)) if chapter is not None else ""

    def to_section(d: Draft) -> Section:
        return Section(
            d.source,
            numbers[d.key].lstrip("R"),
            d.caption,
            to_paragraphs(d),
            f"sec-{d.key}",
            d.note,
            d.summary,
            d.codified,
            # The cover lists each section by its caption, so that it matches the ordinance.
            d.caption.rstrip("."),
            "Paragraph" if d.placement == "resolution" else "Section",
            word if d.codified else "",
            d.cover,
        )

    findings_drafts = [d for d in drafts if d.placement == "findings"]
    findings = None
    if findings_drafts:
        paragraphs: list[Paragraph] = []
        for d in findings_drafts:
            paragraphs.extend(to_paragraphs(d))
        findings = Findings(
            _render(library, doc.findings_intro, base, "library.yaml (findings_intro)"),
            tuple(paragraphs),
            findings_drafts[0].note,
        )
    sections = tuple(to_section(d) for d in body)

    form = library.form_for(jur.state, jur.kind, jur.city_type, jur.county_type)
    render = lambda s, what: _render(library, s, base, f"forms.yaml ({form.id}: {what})")  # noqa: E731
    signature = SignatureBlock(
        passed_line=render(form.passed_line, "passed_line"),
        signers=tuple(SignatureLine(render(s, "signers")) for s in form.signers),
        attest=tuple(SignatureLine(render(s, "attest")) for s in form.attest),
        confirm_note=" ".join(render(c, "confirm") for c in form.confirm),
        extra_lines=tuple(render(s, "extra_lines") for s in form.extra_lines),
    )
    title = resolved.document.title or _render(library, doc.title, base, "library.yaml (title)")
    resolution = None
    if reso:
        resolution = build_resolution(
            library,
            form,
            base,
            tuple(to_section(d) for d in reso),
            resolved.document.number,
            title,
        )
    code = code_chapter(resolved, chapter, title, "1") if chapter is not None else None
    form_notes = [render(n, "notes") for n in form.notes]
    if chapter is not None and not resolved.document.code_numbering:
        form_notes.append(numbering_note(chapter, sections))
    # The cover summary lists state-law flags once each, from every part of the draft
    # (a sheriff's jail provision moved to the companion resolution included).
    noted = [n for n in (findings.note if findings else None,) if n]
    noted += [s.note for s in (*sections, *(resolution.sections if resolution else ())) if s.note]
    all_flags = tuple(dict.fromkeys(f for n in noted for f in n.flags if f.scope == "state"))
    # A form's warnings (a county's ordinance authority) concern the whole ordinance: they
    # go to the front of every draft, whatever the notes mode, and to the cover summary.
    form_flags = tuple(
        Flag("limited", render(w.message, "warnings"), w.citations, "state", w.as_of)
        for w in form.warnings
    )
    metadata = Metadata(
        library_name=library.meta.name,
        library_version=library.version,
        answers_fingerprint=resolved.fingerprint(library),
        draft_date=resolved.draft_date.isoformat(),
        notes_author=resolved.document.notes_author,
        state=jur.state,
        kind=jur.kind,
        provisions=tuple(chosen),
        keywords=("separation ordinance", "civil immigration enforcement", jur.state_name),
    )
    return Ordinance(
        jurisdiction_name=f"{jur.full_name}, {jur.state_name}",
        title=title,
        number_line=f"ORDINANCE NO. {resolved.document.number}",
        disclaimer=_render(
            library,
            doc.disclaimer,
            {**base, "version": library.version},
            "library.yaml (disclaimer)",
        ),
        findings=findings,
        enacting_clause=render(form.enacting_clause, "enacting_clause"),
        sections=sections,
        signature=signature,
        metadata=metadata,
        resolution=resolution,
        flags=form_flags + all_flags,
        state_law=draft_state_law(library, jur.state, all_flags, jur.kind),
        form_notes=tuple(form_notes) + _government_notes(library, jur),
        code=code,
    )


def _government_notes(library: Library, jur: Jurisdiction) -> tuple[str, ...]:
    """The procedure note on who carries out the ordinance under the form of government."""
    type_ = jur.city_type if jur.kind == "city" else jur.county_type
    gov = library.governments.get(jur.state, jur.kind, type_, jur.government)
    if gov is None:
        return ()
    who = jur.the_executive
    cites = "; ".join(
        s.cite + ("" if s.status == "verified" else f" ({s.status})") for s in gov.statutes
    )
    text = (
        f"Form of government: {gov.label}" + (f" ({cites})" if cites else "") + ". "
        f"{' '.join(gov.help.split())} In this draft, {who} carries out the ordinance; what "
        f"needs an act of the {jur.body}, such as ending or amending a contract, is given to "
        f"the {jur.body}."
    )
    if jur.body_administers:
        text += (
            f" The draft defines the administering officer as the officer the {jur.body} "
            "designates by resolution; adopt that resolution with the ordinance."
        )
    if gov.counsel:
        text += f" For the attorney: {' '.join(gov.counsel.split())}"
    return (text,)


def _request(clause: Clause, context: dict[str, Any]) -> list[Any]:
    """The provision's own request to the sheriff (``request.md.j2``), or nothing."""
    template = clause.request_template
    if template is None:
        return []
    return parse_blocks(template.render(context), str(clause.request_path))


def _render(library: Library, source: str, context: dict[str, Any], where: str) -> str:
    return " ".join(library.compile_string(source, where).render(context).split())


def _label(d: Draft) -> list[tuple[Any, str, str, list[int]]]:
    """Assign (a)/(1)/(A)/(i) labels.

    Returns one ``(block, label, path, chain)`` per block: ``path`` reads like ``(b)(2)``
    and ``chain`` holds the indexes of the blocks whose labels make up the path.
    """
    counters: list[int] = []
    trail: list[tuple[str, int]] = []
    out = []
    for index, block in enumerate(d.blocks):
        if block.depth == 0:
            counters, trail = [], []
            out.append((block, "", "", []))
            continue
        del counters[block.depth :]
        del trail[block.depth - 1 :]
        while len(counters) < block.depth:
            counters.append(0)
        counters[block.depth - 1] += 1
        label = subsection_label(block.depth, counters[block.depth - 1])
        trail.append((label, index))
        out.append((block, label, "".join(t for t, _i in trail), [i for _t, i in trail]))
    return out


def _note(
    clause: Clause,
    choice: Choice,
    context: dict[str, Any],
    flags: tuple[Flag, ...],
    state: str,
    state_name: str,
) -> Note:
    parts = parse_note(clause.note_template.render(context))
    variant = clause.spec.variant(choice.variant)
    where = f"{clause.yaml_path}: sources"
    # ``when`` says which jurisdictions a source concerns (kind, type, jail), in every
    # state: another state's law it fits gives way in state_sources to what to confirm.
    listed = [
        s
        for s in clause.spec.sources
        if s.listed(
            state, lambda e, c=s.cite: clause.library.evaluate(e, context, f"{where} ({c})")
        )
    ]
    return Note(
        title=clause.spec.title,
        parts=parts,
        sources=state_sources(listed, state, state_name, flags),
        flags=flags,
        provision_id=clause.id,
        provision_version=clause.spec.version,
        variant_label=variant.label if variant else "",
    )
