"""A redline: B's draft as a DOCX with Word tracked changes against A's draft.

The redline is built from the two document models, not from two files:

1. Each ordinance is laid out as the DOCX renderer lays out a clean council copy
   (``--notes none``): a list of parts (the front matter, the findings, each section by
   its provision id, the signature block, the companion resolution), each a list of
   paragraphs with their named styles.
2. Parts are aligned by key, so a section that only one draft has becomes whole
   inserted or deleted paragraphs, and a renumbered section is still compared with itself.
3. Inside a part, paragraphs are aligned in sequence, pairing paragraphs whose words are
   similar; a paired paragraph is compared word by word (``difflib`` on word, space and
   punctuation tokens), and the differences become ``w:ins`` and ``w:del`` runs with an
   author and a date. A paragraph whose style changed also carries a ``w:pPrChange``.

Accepting every change gives exactly B's text; rejecting every change gives A's. The
styles, page setup, header and footer are the DOCX renderer's own
(:mod:`ordinance_drafter.render.docx`), so the redline looks like the drafts it compares.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from ..assembly.model import Ordinance, Paragraph
from ..render import FLAGS_BOX_LEAD, RenderOptions, flag_text, is_warning, typeset
from ..render.docx import _stable_zip, new_document, paragraph_style

DEFAULT_AUTHOR = "Ordinance Drafter"

_TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
_PAIR_THRESHOLD = 0.4  # below this word similarity, two paragraphs are not "the same one"


@dataclass(frozen=True)
class Block:
    """One paragraph of the laid-out document.

    Attributes:
        style: The paragraph style name (one of the DOCX renderer's styles).
        text: The text, with a tab after a subsection label as the renderer writes it.
        page_break: The paragraph holds only a page break (before the resolution).
        space_before: Extra space before the paragraph, in points (as the renderer sets).
    """

    style: str
    text: str
    page_break: bool = False
    space_before: float | None = None


@dataclass
class Part:
    """A group of blocks that is aligned as a whole, such as one section."""

    key: str
    blocks: list[Block] = field(default_factory=list)


def _text(p: Paragraph) -> str:
    return (p.label + "\t" if p.label else "") + typeset(p.text)


def _body_style(p: Paragraph) -> str:
    return paragraph_style(p)


def _signature_lines(ordinance: Ordinance) -> list[Block]:
    """Signers on the right, then "Attest:" and the attesting officer, as the DOCX has them."""
    sig = ordinance.signature
    blank = "_" * 34
    blocks: list[Block] = []
    for line in sig.signers:
        blocks += [Block("Signature Line", blank), Block("Signer", line.role)]
    for i, line in enumerate(sig.attest):
        if i == 0:
            blocks.append(Block("Attest Label", "Attest:"))
        blocks += [Block("Attest Line", blank), Block("Attester", line.role)]
    return blocks


def layout(ordinance: Ordinance) -> list[Part]:
    """Lay out an ordinance as the DOCX renderer does for a clean copy (``--notes none``).

    Returns:
        The parts of the document in order, each with a stable key: ``front``,
        ``findings``, ``enacting``, ``chapter`` (when the draft amends a code chapter),
        ``section:<provision id>``, ``signature``, ``resolution``,
        ``resolution:<provision id>`` and ``resolution-end``.
    """
    parts: list[Part] = []
    front = Part("front", [Block("Ordinance Disclaimer", ordinance.disclaimer)])
    warnings = [(where, f) for where, f in ordinance.flagged_sections() if is_warning(f)]
    if warnings:
        front.blocks.append(Block("State Law Flag", FLAGS_BOX_LEAD))
        front.blocks += [
            Block("State Law Flag", typeset(f"{where} — {flag_text(flag)}"))
            for where, flag in warnings
        ]
    front.blocks += [
        Block("Ordinance Number", ordinance.number_line),
        Block("Ordinance Title", ordinance.title),
        Block("Ordinance Jurisdiction", ordinance.jurisdiction_name),
    ]
    parts.append(front)
    if ordinance.findings:
        findings = Part("findings")
        findings.blocks += [
            Block("Findings Heading", "Findings"),
            Block("Findings Intro", ordinance.findings.intro),
        ]
        findings.blocks += [Block("Finding", _text(p)) for p in ordinance.findings.paragraphs]
        parts.append(findings)
    parts.append(Part("enacting", [Block("Enacting Clause", ordinance.enacting_clause)]))
    code = ordinance.code
    codified = [s for s in ordinance.sections if s.codified] if code else []
    if code:
        parts.append(
            Part(
                "chapter",
                [
                    Block("Section Heading", f"Section {code.section_number}. {code.instruction}"),
                    Block("Chapter Heading", code.heading),
                ],
            )
        )
    ordered = codified + [s for s in ordinance.sections if s not in codified]
    for sec in ordered:
        style = "Code Section Heading" if sec.codified else "Section Heading"
        part = Part(f"section:{sec.key}", [Block(style, sec.heading)])
        part.blocks += [Block(_body_style(p), _text(p)) for p in sec.paragraphs]
        parts.append(part)
    sig = ordinance.signature
    signature = Part("signature", [Block("Signature Block", sig.passed_line)])
    signature.blocks += _signature_lines(ordinance)
    signature.blocks += [Block("Adoption Record", line) for line in sig.extra_lines]
    if sig.confirm_note:
        signature.blocks.append(Block("Drafter Note", sig.confirm_note, space_before=12))
    parts.append(signature)
    if ordinance.resolution:
        res = ordinance.resolution
        parts.append(
            Part(
                "resolution",
                [Block("Resolution Title", res.title), Block("Section Text", res.intro)],
            )
        )
        for sec in res.sections:
            part = Part(
                f"resolution:{sec.key}",
                [Block("Section Heading", f"Paragraph {sec.number}. {sec.caption}")],
            )
            part.blocks += [Block(_body_style(p), _text(p)) for p in sec.paragraphs]
            parts.append(part)
        end = Part("resolution-end", [Block("Signature Block", res.closing)])
        end.blocks += _signature_lines(ordinance)
        parts.append(end)
    return parts


# -- diffing ---------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Split text into word, whitespace and punctuation tokens (the redline's granularity)."""
    return _TOKEN_RE.findall(text)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Compare two paragraphs word by word.

    Returns:
        ``(op, text)`` pieces in reading order, ``op`` being ``equal``, ``delete`` or
        ``insert``; a deletion comes before the insertion that replaces it. Joining the
        ``equal`` and ``insert`` pieces gives ``after``; the ``equal`` and ``delete``
        pieces give ``before``.
    """
    a, b = tokens(before), tokens(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[tuple[str, str, str]] = []  # (kind, old text, new text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pieces.append(
            ("equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2]))
        )
    # A lone space or a short word left between two changes makes a choppy redline
    # ("~~a~~ x ~~b~~ y"); fold it into the change on both sides.
    merged: list[tuple[str, str, str]] = []
    for i, (kind, old, new) in enumerate(pieces):
        between = 0 < i < len(pieces) - 1 and pieces[i - 1][0] == pieces[i + 1][0] == "change"
        if kind == "equal" and between and _is_filler(old):
            kind = "change"
        if merged and merged[-1][0] == kind == "change":
            _, o, n = merged.pop()
            merged.append(("change", o + old, n + new))
        else:
            merged.append((kind, old, new))
    out: list[tuple[str, str]] = []
    for kind, old, new in merged:
        if kind == "equal":
            out.append(("equal", old))
            continue
        if old:
            out.append(("delete", old))
        if new:
            out.append(("insert", new))
    return out


def _is_filler(text: str) -> bool:
    return len(text.strip()) <= 3 and len(tokens(text)) <= 3


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    ta, tb = tokens(_strip_label(a)), tokens(_strip_label(b))
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    if matcher.quick_ratio() < _PAIR_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _strip_label(text: str) -> str:
    return text.split("\t", 1)[1] if "\t" in text else text


def align(before: Sequence[str], after: Sequence[str]) -> list[tuple[int | None, int | None]]:
    """Align two lists of paragraphs in sequence, pairing similar ones.

    A weighted longest-common-subsequence: pairs score their word similarity (ignoring
    subsection labels, which shift when an item is added), and paragraphs less similar
    than a threshold are never paired, so they show as deleted and inserted.

    Returns:
        ``(i, j)`` steps in order: a pair, ``(i, None)`` for a paragraph only in
        ``before`` or ``(None, j)`` for one only in ``after``.
    """
    n, m = len(before), len(after)
    sim = [[_similarity(before[i], after[j]) for j in range(m)] for i in range(n)]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if sim[i][j] >= _PAIR_THRESHOLD:
                best = max(best, score[i + 1][j + 1] + sim[i][j])
            score[i][j] = best
    steps: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= _PAIR_THRESHOLD and score[i][j] == score[i + 1][j + 1] + sim[i][j]:
            steps.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            steps.append((i, None))
            i += 1
        else:
            steps.append((None, j))
            j += 1
    steps += [(k, None) for k in range(i, n)]
    steps += [(None, k) for k in range(j, m)]
    return steps


@dataclass(frozen=True)
class Change:
    """One paragraph of the redline.

    Attributes:
        op: ``equal`` (unchanged), ``modify`` (changed words), ``insert`` (only in B)
            or ``delete`` (only in A).
        block: B's block (A's for ``delete``).
        old_style: A's style, when it differs from B's.
        pieces: For ``modify``, the word-level ``(op, text)`` pieces.
    """

    op: str
    block: Block
    old_style: str = ""
    pieces: tuple[tuple[str, str], ...] = ()


def diff_parts(before: list[Part], after: list[Part]) -> list[Change]:
    """Compare two laid-out documents: parts by key, then paragraphs in sequence."""
    keys_a, keys_b = [p.key for p in before], [p.key for p in after]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for pa, pb in zip(before[i1:i2], after[j1:j2], strict=True):
                out += _diff_blocks(pa.blocks, pb.blocks)
            continue
        out += [Change("delete", b) for part in before[i1:i2] for b in part.blocks]
        out += [Change("insert", b) for part in after[j1:j2] for b in part.blocks]
    return out


def _diff_blocks(before: list[Block], after: list[Block]) -> list[Change]:
    out: list[Change] = []
    for i, j in align([b.text for b in before], [b.text for b in after]):
        if j is None:
            assert i is not None
            out.append(Change("delete", before[i]))
        elif i is None:
            out.append(Change("insert", after[j]))
        else:
            old, new = before[i], after[j]
            old_style = old.style if old.style != new.style else ""
            if old.text == new.text and old.page_break == new.page_break:
                out.append(Change("equal", new, old_style))
            else:
                out.append(Change("modify", new, old_style, tuple(word_diff(old.text, new.text))))
    return out


# -- writing the DOCX ------------------------------------------------------------------


class _Revisions:
    """Hands out revision ids and stamps author and date on tracked-change elements."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def element(self, tag: str) -> OxmlElement:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def _run(text: str, *, deleted: bool = False, page_break: bool = False) -> OxmlElement:
    """A ``w:r`` holding ``text`` (tabs become ``w:tab``; deleted text is ``w:delText``)."""
    r = OxmlElement("w:r")
    if page_break:
        br = OxmlElement("w:br")
        br.set(qn("w:type"), "page")
        r.append(br)
    for i, chunk in enumerate(text.split("\t")):
        if i:
            r.append(OxmlElement("w:tab"))
        if chunk:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = chunk
            r.append(t)
    return r


def _mark_paragraph(p: OxmlElement, revisions: _Revisions, tag: str) -> None:
    """Mark the paragraph mark itself as inserted (``w:ins``) or deleted (``w:del``)."""
    pPr = p.get_or_add_pPr()
    rPr = OxmlElement("w:rPr")
    rPr.append(revisions.element(tag))
    change = pPr.find(qn("w:pPrChange"))
    if change is not None:
        change.addprevious(rPr)
    else:
        pPr.append(rPr)


def _style_change(
    doc, p: OxmlElement, old_style: str, revisions: _Revisions, old_before: float | None = None
) -> None:
    """Record the paragraph's former style (and spacing) as a tracked formatting change."""
    pPr = p.get_or_add_pPr()
    change = revisions.element("w:pPrChange")
    old = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), doc.styles[old_style].style_id)
    old.append(style)
    if old_before is not None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:before"), str(int(old_before * 20)))
        old.append(spacing)
    change.append(old)
    pPr.append(change)


@dataclass(frozen=True)
class _Placed:
    """A change with how its paragraph mark is written (see :func:`_end_on_a_kept_mark`)."""

    change: Change
    mark: str = ""  # "", or "delete": the mark is deleted though the text is not
    keep_mark: bool = False  # a deleted paragraph whose mark survives
    style_of: Block | None = None  # paragraph properties to show (and the old ones tracked)


def _end_on_a_kept_mark(changes: Sequence[Change]) -> list[_Placed]:
    """Arrange the changes so that the document's last paragraph mark is never deleted.

    When B drops the last parts of A (a companion resolution), the deleted paragraphs
    come last, and the final paragraph mark of a document cannot be deleted. Word's own
    answer is used: the last kept paragraph's mark is deleted instead, and the last
    deleted paragraph keeps its mark, showing the kept paragraph's style with its own
    style as a tracked formatting change. Accepting joins the kept text to that mark in
    the kept style; rejecting restores both paragraphs as they were.
    """
    placed = [_Placed(c) for c in changes]
    tail = 0
    while tail < len(changes) and changes[len(changes) - 1 - tail].op == "delete":
        tail += 1
    if not tail or tail == len(changes) or changes[-1 - tail].op == "insert":
        return placed
    kept = changes[-1 - tail]
    placed[-1 - tail] = _Placed(kept, mark="delete")
    placed[-1] = _Placed(changes[-1], keep_mark=True, style_of=kept.block)
    return placed


def _add(doc, placed: _Placed, revisions: _Revisions) -> None:
    change = placed.change
    block = change.block
    shown = placed.style_of or block
    para = doc.add_paragraph(style=shown.style)
    if shown.space_before is not None:
        para.paragraph_format.space_before = Pt(shown.space_before)
    p = para._p
    if placed.style_of is not None:
        _style_change(doc, p, block.style, revisions, block.space_before)
    elif change.old_style:
        _style_change(doc, p, change.old_style, revisions)
    if placed.mark:
        _mark_paragraph(p, revisions, "w:del")
    if change.op == "equal":
        if block.page_break:
            para.add_run().add_break(WD_BREAK.PAGE)
        if block.text:
            p.append(_run(block.text))
        return
    if change.op in ("insert", "delete"):
        tag = "w:ins" if change.op == "insert" else "w:del"
        wrapper = revisions.element(tag)
        wrapper.append(_run(block.text, deleted=change.op == "delete", page_break=block.page_break))
        p.append(wrapper)
        if not placed.keep_mark:
            _mark_paragraph(p, revisions, tag)
        return
    for op, text in change.pieces:
        if op == "equal":
            p.append(_run(text))
        else:
            tag = "w:ins" if op == "insert" else "w:del"
            wrapper = revisions.element(tag)
            wrapper.append(_run(text, deleted=op == "delete"))
            p.append(wrapper)


def _track_revisions_on(doc) -> None:
    """Turn on Track Changes, so later edits to the redline are tracked too."""
    settings = doc.settings.element
    if settings.find(qn("w:trackRevisions")) is not None:
        return
    el = OxmlElement("w:trackRevisions")
    # CT_Settings is a sequence: trackRevisions comes before defaultTabStop and what follows.
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addprevious(el)
    else:
        settings.append(el)


def changes_between(before: Ordinance, after: Ordinance) -> list[Change]:
    """The redline's paragraphs, from two document models."""
    return diff_parts(layout(before), layout(after))


def render_redline(
    before: Ordinance,
    after: Ordinance,
    *,
    author: str = DEFAULT_AUTHOR,
    title_a: str = "A",
    title_b: str = "B",
) -> bytes:
    """Render B's draft with tracked changes against A's, as DOCX bytes.

    Args:
        before: Draft A, the text the changes are measured from.
        after: Draft B, the text the redline shows once every change is accepted.
        author: The author recorded on every change.
        title_a: A's name, for the document properties.
        title_b: B's name, for the document properties.
    """
    changes = changes_between(before, after)
    meta = after.metadata
    date = f"{meta.draft_date}T12:00:00Z"
    revisions = _Revisions(author, date)
    doc = new_document(after, RenderOptions(notes="none"))
    for change in _end_on_a_kept_mark(changes):
        _add(doc, change, revisions)
    _track_revisions_on(doc)
    _properties(doc, before, after, title_a, title_b, author)
    buf = io.BytesIO()
    doc.save(buf)
    stamp = dt.datetime.combine(dt.date.fromisoformat(meta.draft_date), dt.time(12, 0))
    return _stable_zip(buf.getvalue(), stamp)


def _properties(doc, before: Ordinance, after: Ordinance, title_a: str, title_b: str, author: str):
    props = doc.core_properties
    props.title = f"Redline: {title_a} → {title_b}"[:255]
    props.subject = "Tracked changes between two model ordinance drafts (for attorney review)"
    props.author = author
    props.category = "Model ordinance — redline"
    # Word limits core properties to 255 characters; long file paths are cut.
    props.comments = (
        "Generated by Ordinance Drafter. Accept all changes to get B; reject all to get A. "
        f"Clause libraries: A {before.metadata.library_version}, "
        f"B {after.metadata.library_version}. A: {title_a}. B: {title_b}."
    )[:255]
    props.keywords = ", ".join(after.metadata.keywords)
    stamp = dt.datetime.combine(dt.date.fromisoformat(after.metadata.draft_date), dt.time(12, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def summary(changes: Sequence[Change]) -> dict[str, int]:
    """Counts of the redline's paragraphs by kind, e.g. ``{"insert": 3, "modify": 5}``."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.op] = counts.get(change.op, 0) + 1
    return counts
