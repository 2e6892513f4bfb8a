"""Assembly: resolved answers + clause library -> :class:`~ordinance_drafter.model.Ordinance`.

This is the only stage that runs clause templates. It decides which sections the draft
has and where they go, numbers them, resolves cross-references, pulls in exactly the
definitions the chosen text uses, and attaches each section's note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from ..answers.resolve import Choice, Resolved
from ..answers.schema import CHAPTER_RE
from ..errors import TemplateError
from ..library.loader import Clause, Library
from ..library.notes import parse_note
from ..library.templates import make_ref
from ..statelaw.context import state_context
from ..statelaw.flags import Flag
from .markup import parse_blocks, split_refs, subsection_label
from .model import (
    CodeChapter,
    Findings,
    Metadata,
    Note,
    NotePart,
    Ordinance,
    Paragraph,
    Ref,
    RefPart,
    Resolution,
    Section,
    Segment,
    SignatureBlock,
    SignatureLine,
    Source,
    Text,
)
from .statetext import (
    draft_state_law,
    lawful_part,
    lawful_reasons,
    locate_flags,
    state_sources,
)
from .terms import definition_forms, used_terms

Flagger = Callable[[Clause, Choice, Resolved], Iterable[Flag]]


@dataclass
class _Draft:
    """A section before numbering: its rendered blocks and where it goes."""

    key: str
    caption: str
    blocks: list[Any]
    placement: str  # findings | body | resolution
    note: Note | None
    summary: str
    order: int
    path: str
    kind: str = "text"
    codified: bool = False


def _numbering(chapter: str | None) -> Callable[[int], str]:
    """Section numbers: 1, 2, 3 ... or, when amending a code chapter, 19.10, 19.20 ..."""
    if chapter:
        match = CHAPTER_RE.search(chapter.strip())
        prefix = match.group(1) if match else chapter
        return lambda i: f"{prefix}.{i * 10}"
    return str


_THIS_ORDINANCE_RE = re.compile(r"\b([Tt])his ordinance\b")


def _in_chapter(text: str) -> str:
    """Codified text speaks of "this chapter", not "this ordinance"."""
    return _THIS_ORDINANCE_RE.sub(lambda m: f"{m.group(1)}his chapter", text)


def _code_chapter(resolved: Resolved, title: str, section_number: str) -> CodeChapter:
    """The amending instruction and chapter heading for ``document.code_chapter``."""
    doc = resolved.document
    jur = resolved.jurisdiction
    chapter = doc.code_chapter or ""
    code = doc.code_name or f"{jur.Kind} Code"
    # "Title 2, Chapter 19" reads "Chapter 19 of Title 2 of the City Code".
    outer, _, inner = chapter.rpartition(",")
    inner, outer = inner.strip(), outer.strip()
    where = f"{outer} of the {code}" if outer else f"the {code}"
    if doc.code_action == "add":
        instruction = f"A new {inner} is added to {where}, to read:"
    else:
        instruction = f"{inner} of {where} is amended to read:"
    caption = doc.code_chapter_title
    if not caption:
        match = re.match(r"an ordinance relating to (?:the )?(.+)$", title, re.IGNORECASE)
        caption = match.group(1) if match else title
        caption = caption[:1].upper() + caption[1:]
    number = CHAPTER_RE.search(inner)
    heading = f"Chapter {number.group(1) if number else inner}. {caption.rstrip('.')}"
    return CodeChapter(chapter, doc.code_action, instruction, heading, section_number)


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

    def has(pid: str) -> bool:
        return pid in chosen

    base = {"jur": jur, "has": has, "state": state_context(library, jur.state)}
    lawful = lawful_reasons(library, resolved)
    drafts: list[_Draft] = []
    for choice in chosen.values():
        clause = library.clauses[choice.id]
        spec = clause.spec
        placement = spec.placement
        if placement == "body" and spec.needs_jail and jur.sheriff_jail:
            placement = "resolution" if spec.sheriff == "resolution" else "body"
        context = {
            **base,
            **choice.values,
            "variant": choice.variant,
            "part": "resolution" if placement == "resolution" else "ordinance",
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
        flags = tuple(flagger(clause, choice, resolved)) if flagger else ()
        note = _note(clause, choice, context, flags, jur.state, jur.state_name)
        reason = lawful.get(choice.id)
        if reason is not None and reason.matches(choice.variant, dict(choice.values)):
            note = replace(note, parts=(lawful_part(reason, jur.state_name), *note.parts))
        drafts.append(
            _Draft(
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
                bool(resolved.document.code_chapter)
                and placement == "body"
                and spec.category != "closing",
            )
        )

    defs = _definitions(library, resolved, [d for d in drafts if d.placement != "findings"])
    if defs is not None:
        drafts.append(defs)
    drafts.sort(key=lambda d: d.order)

    if defs is not None:
        defs.codified = bool(resolved.document.code_chapter)
    body = [d for d in drafts if d.placement == "body"]
    reso = [d for d in drafts if d.placement == "resolution"]
    numbers: dict[str, str] = {}
    if resolved.document.code_chapter:
        # Section 1 carries the chapter; the uncodified sections follow it.
        code_no = _numbering(resolved.document.code_chapter)
        codified = [d for d in body if d.codified]
        numbers.update({d.key: code_no(i) for i, d in enumerate(codified, 1)})
        rest = [d for d in body if not d.codified]
        numbers.update({d.key: str(i) for i, d in enumerate(rest, 2)})
        body = codified + rest
        for d in codified:
            d.caption = _in_chapter(d.caption)
            for block in d.blocks:
                block.text = _in_chapter(block.text)
    else:
        numbers.update({d.key: str(i) for i, d in enumerate(body, 1)})
    numbers.update({d.key: f"R{i}" for i, d in enumerate(reso, 1)})

    labelled = {d.key: _label(d) for d in drafts}

    def block_anchor(key: str, index: int) -> str:
        block = labelled[key][index][0]
        return f"sec-{key}-{block.anchor}" if block.anchor else f"sec-{key}-{index}"

    anchors: dict[str, tuple[str, list[int]]] = {}
    for d in drafts:
        for block, _lbl, path, chain in labelled[d.key]:
            if block.anchor:
                anchors[f"{d.key}#{block.anchor}"] = (path, chain)
    used_anchors: set[str] = set()

    def resolve_ref(token: str, where: str) -> Ref:
        key, _, label = token.partition("#")
        if key not in numbers:
            raise TemplateError(
                f"{where}: the text refers to provision '{key}', which is not in this draft. "
                f"Guard the reference with {{% if has('{key}') %}} or list '{key}' under "
                "'requires'."
            )
        sec_no = numbers[key]
        word = "section" if not sec_no.startswith("R") else "paragraph"
        sec_no = sec_no.lstrip("R")
        head = (RefPart(f"{word} "), RefPart(sec_no, f"sec-{key}"))
        if not label:
            return Ref(f"{word} {sec_no}", f"sec-{key}", head)
        found = anchors.get(f"{key}#{label}")
        if found is None:
            raise TemplateError(
                f"{where}: the text refers to subsection '{label}' of '{key}', but no item "
                f"there is named with anchor('{label}') in this variant."
            )
        path, chain = found
        tail = tuple(RefPart(labelled[key][i][1], block_anchor(key, i)) for i in chain)
        used_anchors.update(part.target for part in tail)
        return Ref(f"{word} {sec_no}{path}", f"sec-{key}-{label}", head + tail)

    segments_of: dict[str, list[tuple[Segment, ...]]] = {}
    for d in drafts:
        rows = []
        for block, _label_text, _path, _chain in labelled[d.key]:
            segments: list[Segment] = []
            for kind, value in split_refs(block.text):
                if kind == "text":
                    segments.append(Text(value))
                elif kind == "ref":
                    segments.append(resolve_ref(value, d.path))
            rows.append(tuple(segments))
        segments_of[d.key] = rows
        if d.note and any(f.anchor or f.quote for f in d.note.flags):
            located = [
                (block.anchor, path, "".join(seg.text for seg in segments_of[d.key][i]))
                for i, (block, _lbl, path, _chain) in enumerate(labelled[d.key])
            ]
            flags = locate_flags(d.note.flags, located)
            d.note = replace(d.note, flags=flags)

    def to_paragraphs(d: _Draft) -> tuple[Paragraph, ...]:
        out = []
        for index, (block, label, _path, _chain) in enumerate(labelled[d.key]):
            anchor = block_anchor(d.key, index)
            if not block.anchor and anchor not in used_anchors:
                anchor = ""
            out.append(Paragraph(segments_of[d.key][index], block.depth, label, anchor, d.kind))
        return tuple(out)

    def to_section(d: _Draft) -> Section:
        return Section(
            d.key,
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
    resolution = None
    if reso:
        resolution = Resolution(
            _render(library, doc.resolution_title, base, "library.yaml (resolution_title)"),
            _render(library, doc.resolution_intro, base, "library.yaml (resolution_intro)"),
            tuple(to_section(d) for d in reso),
            _render(library, doc.resolution_closing, base, "library.yaml (resolution_closing)"),
        )

    form = library.form_for(jur.state, jur.kind, jur.city_type)
    render = lambda s, what: _render(library, s, base, f"forms.yaml ({form.id}: {what})")  # noqa: E731
    signature = SignatureBlock(
        passed_line=render(form.passed_line, "passed_line"),
        signers=tuple(SignatureLine(render(s, "signers")) for s in form.signers),
        attest=tuple(SignatureLine(render(s, "attest")) for s in form.attest),
        confirm_note=" ".join(render(c, "confirm") for c in form.confirm),
        extra_lines=tuple(render(s, "extra_lines") for s in form.extra_lines),
    )
    title = resolved.document.title or _render(library, doc.title, base, "library.yaml (title)")
    code = _code_chapter(resolved, title, "1") if resolved.document.code_chapter else None
    # The cover summary lists state-law flags once each, from every part of the draft
    # (a sheriff's jail provision moved to the companion resolution included).
    noted = [n for n in (findings.note if findings else None,) if n]
    noted += [s.note for s in (*sections, *(resolution.sections if resolution else ())) if s.note]
    all_flags = tuple(dict.fromkeys(f for n in noted for f in n.flags if f.scope == "state"))
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
        flags=all_flags,
        state_law=draft_state_law(library, jur.state, all_flags),
        form_notes=tuple(render(n, "notes") for n in form.notes),
        code=code,
    )


def _render(library: Library, source: str, context: dict[str, Any], where: str) -> str:
    return " ".join(library.compile_string(source, where).render(context).split())


def _label(d: _Draft) -> list[tuple[Any, str, str, list[int]]]:
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
    return Note(
        title=clause.spec.title,
        parts=parts,
        sources=state_sources(clause.spec.sources, state, state_name, flags),
        flags=flags,
        provision_id=clause.id,
        provision_version=clause.spec.version,
        variant_label=variant.label if variant else "",
    )


def _definitions(library: Library, resolved: Resolved, drafts: list[_Draft]) -> _Draft | None:
    """The definitions section: exactly the terms the chosen text uses (and those they use)."""
    context = {
        "jur": resolved.jurisdiction,
        "has": lambda pid: pid in resolved.choices,
        "state": state_context(library, resolved.jurisdiction.state),
    }
    rendered = {did: definition_forms(d, context) for did, d in library.definitions.items()}
    forms = {did: f for did, (_term, f) in rendered.items()}
    texts = [b.text for d in drafts for b in d.blocks] + [d.caption for d in drafts]
    used = used_terms(library, texts, context, forms)
    means_cache: dict[str, str] = {}
    frontier = set(used)
    while frontier:
        extra: set[str] = set()
        for did in frontier:
            defn = library.definitions[did]
            means_cache[did] = " ".join(defn.means_template.render(context).split())
        extra = used_terms(library, [means_cache[d] for d in frontier], context, forms) - used
        used |= extra
        frontier = extra
    if not used:
        return None
    items = []
    for did in used:
        defn = library.definitions[did]
        term = rendered[did][0]
        items.append((term.lower(), term, means_cache[did], defn))
    items.sort(key=lambda t: t[0])
    doc = library.meta_document
    blocks = [_Block(0, " ".join(doc.definitions_intro.split()))]
    for _key, term, means, _defn in items:
        blocks.append(_Block(1, f"“{term[:1].upper()}{term[1:]}” {means}"))
    sources: list[Source] = []
    cited: set[str] = set()
    jur = resolved.jurisdiction
    for *_rest, defn in items:
        for s in state_sources(defn.spec.sources, jur.state, jur.state_name):
            if s.cite not in cited:  # one entry per citation, even if several terms use it
                cited.add(s.cite)
                sources.append(s)
    note = Note(
        title=doc.definitions_caption,
        parts=(
            NotePart(
                "What it does",
                (
                    "Defines each term the chosen sections use, once, so that every section "
                    "reads the same way. The tool includes a definition only when a chosen "
                    "section uses its term, so removing a section also removes any definition "
                    "that only it needed.",
                ),
            ),
        ),
        sources=tuple(sources),
        provision_id="definitions",
    )
    return _Draft(
        "definitions",
        doc.definitions_caption,
        blocks,
        "body",
        note,
        "Defines the terms the ordinance uses.",
        doc.definitions_order,
        "definitions/",
        "definition",
    )


@dataclass
class _Block:
    depth: int
    text: str
    anchor: str = ""
