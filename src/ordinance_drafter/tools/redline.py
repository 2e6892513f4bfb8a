"""A redline: B's draft as a DOCX with Word tracked changes against A's draft.

The redline is built from the two document models, not from two files:

1. Each ordinance is laid out by the renderers' own layout (:func:`~ordinance_drafter.
   render.layout.layout`) as a clean council copy (``--notes none``): its parts (the
   front matter, the findings, each section by its provision id, the signature block, the
   companion resolution), each a list of blocks in their named styles.
2. Parts are aligned by key, so a section that only one draft has becomes whole
   inserted or deleted paragraphs, and a renumbered section is still compared with itself.
3. Inside a part, paragraphs are aligned in sequence, pairing paragraphs whose words are
   similar; a paired paragraph is compared word by word (:mod:`.diff`), and the
   differences become ``w:ins`` and ``w:del`` runs with an author and a date. A paragraph
   whose style changed also carries a ``w:pPrChange``.

The two drafts are compared once (:func:`redline`); the document and the counts of
changed paragraphs both come from that comparison. Accepting every change gives exactly
B's paragraphs; rejecting every change gives A's. The paragraphs are written with the
DOCX renderer's own pieces (styles, paragraph properties, page setup, header and footer),
so the redline looks like the drafts it compares.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from ..assembly.model import Ordinance
from ..render import RenderOptions
from ..render.blocks import WORD, Block
from ..render.docx_package import core_properties, draft_stamp, header_footer, package
from ..render.layout import layout
from ..render.wordml import WordPara, WordRun, attr, run_xml, style_id
from .diff import align, tokens, word_diff

__all__ = [
    "DEFAULT_AUTHOR",
    "Change",
    "Line",
    "Redline",
    "align",
    "changes_between",
    "diff_parts",
    "lines",
    "redline",
    "render_redline",
    "summary",
    "tokens",
    "word_diff",
]

DEFAULT_AUTHOR = "Ordinance Drafter"
CLEAN = RenderOptions(notes="none")


@dataclass(frozen=True)
class Line:
    """One paragraph of a laid-out draft, as the redline compares it.

    Attributes:
        block: The layout's block.
        text: Its text as printed, a tab after a subsection label.
    """

    block: Block
    text: str


def lines(ordinance: Ordinance) -> list[tuple[str, list[Line]]]:
    """The clean copy's parts, by key, each with its paragraphs in order."""
    out = []
    for part in layout(ordinance, CLEAN, WORD).parts:
        out.append(
            (
                part.key,
                [Line(b, (b.label + "\t" if b.label else "") + b.text) for b in part.blocks()],
            )
        )
    return out


@dataclass(frozen=True)
class Change:
    """One paragraph of the redline.

    Attributes:
        op: ``equal`` (unchanged), ``modify`` (changed words), ``insert`` (only in B)
            or ``delete`` (only in A).
        line: B's paragraph (A's for ``delete``).
        old_style: A's style, when it differs from B's.
        pieces: For ``modify``, the word-level ``(op, text)`` pieces.
    """

    op: str
    line: Line
    old_style: str = ""
    pieces: tuple[tuple[str, str], ...] = ()


def diff_parts(
    before: Sequence[tuple[str, list[Line]]], after: Sequence[tuple[str, list[Line]]]
) -> list[Change]:
    """Compare two laid-out documents: parts by key, then paragraphs in sequence."""
    keys_a, keys_b = [key for key, _ in before], [key for key, _ in after]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    out: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (_, pa), (_, pb) in zip(before[i1:i2], after[j1:j2], strict=True):
                out += _diff_lines(pa, pb)
            continue
        out += [Change("delete", line) for _, part in before[i1:i2] for line in part]
        out += [Change("insert", line) for _, part in after[j1:j2] for line in part]
    return out


def _diff_lines(before: list[Line], after: list[Line]) -> list[Change]:
    out: list[Change] = []
    for i, j in align([b.text for b in before], [b.text for b in after]):
        if j is None:
            assert i is not None
            out.append(Change("delete", before[i]))
        elif i is None:
            out.append(Change("insert", after[j]))
        else:
            old, new = before[i], after[j]
            old_style = old.block.style if old.block.style != new.block.style else ""
            if old.text == new.text:
                out.append(Change("equal", new, old_style))
            else:
                out.append(Change("modify", new, old_style, tuple(word_diff(old.text, new.text))))
    return out


def changes_between(before: Ordinance, after: Ordinance) -> list[Change]:
    """The redline's paragraphs, from two document models."""
    return diff_parts(lines(before), lines(after))


def summary(changes: Sequence[Change]) -> dict[str, int]:
    """Counts of the redline's paragraphs by kind, e.g. ``{"insert": 3, "modify": 5}``."""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.op] = counts.get(change.op, 0) + 1
    return counts


# -- writing the DOCX ------------------------------------------------------------------


class _Revisions:
    """Hands out revision ids and stamps author and date on tracked-change elements."""

    def __init__(self, author: str, date: str) -> None:
        self.author = attr(author)
        self.date = date
        self.next_id = 1

    def attrs(self) -> str:
        """The attributes of the next revision element: its id, author and date."""
        rid = self.next_id
        self.next_id += 1
        return f'w:id="{rid}" w:author="{self.author}" w:date="{self.date}"'

    def wrap(self, tag: str, runs: str) -> WordRun:
        """Runs inside a ``w:ins`` or ``w:del``."""
        return WordRun(f"<w:{tag} {self.attrs()}>{runs}</w:{tag}>")

    def mark(self, tag: str) -> str:
        """A paragraph mark tracked as inserted or deleted (``w:pPr/w:rPr``)."""
        return f"<w:rPr><w:{tag} {self.attrs()}/></w:rPr>"

    def style_change(self, old_style: str, old_before: float | None = None) -> str:
        """The paragraph's former style (and spacing), as a tracked formatting change."""
        spacing = (
            f'<w:spacing w:before="{int(old_before * 20)}"/>' if old_before is not None else ""
        )
        return (
            f"<w:pPrChange {self.attrs()}><w:pPr>"
            f'<w:pStyle w:val="{style_id(old_style)}"/>{spacing}</w:pPr></w:pPrChange>'
        )


@dataclass(frozen=True)
class _Placed:
    """A change with how its paragraph mark is written (see :func:`_end_on_a_kept_mark`).

    Attributes:
        change: The change.
        mark: ``delete`` or ``insert``: the paragraph mark is tracked so though the text
            is not (the last kept paragraph's); empty otherwise.
        keep_mark: The paragraph is deleted or inserted, but its mark is not: it is the
            document's last mark.
        shown: Paragraph properties to show instead of the change's own.
        former: Paragraph properties to record as the former ones (``w:pPrChange``).
    """

    change: Change
    mark: str = ""
    keep_mark: bool = False
    shown: Block | None = None
    former: Block | None = None


def _end_on_a_kept_mark(changes: Sequence[Change]) -> list[_Placed]:
    """Arrange the changes so that the document's last paragraph mark is never tracked.

    The final paragraph mark of a document can be neither deleted nor inserted, so when
    the redline ends with paragraphs only one draft has, Word's own answer is used: the
    last kept paragraph's mark is tracked instead, and the last paragraph keeps its mark.

    * B drops A's last parts (a companion resolution): the deleted paragraphs come last.
      The kept paragraph's mark is deleted; the last deleted paragraph shows the kept
      paragraph's style, with its own as a tracked formatting change. Accepting joins the
      kept text to that mark in the kept style; rejecting restores both paragraphs.
    * B adds parts after A's last (a companion resolution): the inserted paragraphs come
      last. The kept paragraph's mark is inserted; the last inserted paragraph keeps its
      mark in its own style, with the kept paragraph's as a tracked formatting change.
      Accepting keeps every paragraph as B has it; rejecting joins the kept text to the
      last mark and restores the kept style.
    """
    placed = [_Placed(c) for c in changes]
    op = changes[-1].op if changes else ""
    if op not in ("delete", "insert"):
        return placed
    tail = 0
    while tail < len(changes) and changes[len(changes) - 1 - tail].op == op:
        tail += 1
    if tail == len(changes) or changes[-1 - tail].op not in ("equal", "modify"):
        return placed
    kept = changes[-1 - tail]
    last = changes[-1]
    placed[-1 - tail] = _Placed(kept, mark=op)
    if op == "delete":
        placed[-1] = _Placed(last, keep_mark=True, shown=kept.line.block, former=last.line.block)
    else:
        placed[-1] = _Placed(last, keep_mark=True, former=kept.line.block)
    return placed


def _paragraph(placed: _Placed, revisions: _Revisions) -> str:
    """One paragraph of the redline, with its tracked changes."""
    change = placed.change
    block, text = change.line.block, change.line.text
    shown = placed.shown or block
    para = WordPara(shown.style)
    para.keep_next = shown.keep_next
    para.page_break = shown.page_break
    para.space_before = shown.space_before
    change_xml = ""
    if placed.former is not None:
        change_xml = revisions.style_change(placed.former.style, placed.former.space_before)
    elif change.old_style:
        change_xml = revisions.style_change(change.old_style)
    mark = revisions.mark("del" if placed.mark == "delete" else "ins") if placed.mark else ""
    if change.op == "equal":
        para.add(text)
    elif change.op in ("insert", "delete"):
        tag = "ins" if change.op == "insert" else "del"
        para.runs.append(revisions.wrap(tag, run_xml(text, deleted=change.op == "delete")))
        if not placed.keep_mark:
            mark = revisions.mark(tag)
    else:
        for op, piece in change.pieces:
            if op == "equal":
                para.add(piece)
            else:
                tag = "ins" if op == "insert" else "del"
                para.runs.append(revisions.wrap(tag, run_xml(piece, deleted=op == "delete")))
    para.tracked = mark + change_xml
    return para.xml()


@dataclass(frozen=True)
class Redline:
    """A redline and the comparison it shows.

    Attributes:
        data: The DOCX package.
        changes: Its paragraphs, as compared.
    """

    data: bytes
    changes: tuple[Change, ...]

    def counts(self) -> dict[str, int]:
        """Counts of the paragraphs by kind, e.g. ``{"insert": 3, "modify": 5}``."""
        return summary(self.changes)


def redline(
    before: Ordinance,
    after: Ordinance,
    *,
    author: str = DEFAULT_AUTHOR,
    title_a: str = "A",
    title_b: str = "B",
) -> Redline:
    """Compare two drafts once; return B's draft with tracked changes against A's.

    Args:
        before: Draft A, the text the changes are measured from.
        after: Draft B, the text the redline shows once every change is accepted.
        author: The author recorded on every change.
        title_a: A's name, for the document properties.
        title_b: B's name, for the document properties.
    """
    changes = changes_between(before, after)
    meta = after.metadata
    revisions = _Revisions(author, f"{meta.draft_date}T12:00:00Z")
    body = "".join(_paragraph(p, revisions) for p in _end_on_a_kept_mark(changes))
    header, footer = header_footer(after, CLEAN)
    stamp = draft_stamp(meta.draft_date)
    data = package(
        body,
        header=header,
        footer=footer,
        core=_core(before, after, title_a, title_b, author, stamp),
        stamp=stamp,
        track_changes=True,
    )
    return Redline(data, tuple(changes))


def render_redline(
    before: Ordinance,
    after: Ordinance,
    *,
    author: str = DEFAULT_AUTHOR,
    title_a: str = "A",
    title_b: str = "B",
) -> bytes:
    """B's draft with tracked changes against A's, as DOCX bytes (see :func:`redline`)."""
    return redline(before, after, author=author, title_a=title_a, title_b=title_b).data


def _core(
    before: Ordinance,
    after: Ordinance,
    title_a: str,
    title_b: str,
    author: str,
    stamp: dt.datetime,
) -> str:
    """The redline's core properties: what it compares, and how to read it."""
    # Word limits core properties to 255 characters; long file paths are cut.
    comments = (
        "Generated by Ordinance Drafter. Accept all changes to get B; reject all to get A. "
        f"Clause libraries: A {before.metadata.library_version}, "
        f"B {after.metadata.library_version}. A: {title_a}. B: {title_b}."
    )
    return core_properties(
        [
            ("dc:title", f"Redline: {title_a} → {title_b}"[:255]),
            (
                "dc:subject",
                "Tracked changes between two model ordinance drafts (for attorney review)",
            ),
            ("dc:creator", author),
            ("cp:keywords", ", ".join(after.metadata.keywords)),
            ("dc:description", comments[:255]),
            ("cp:lastModifiedBy", ""),
            ("cp:revision", "1"),
        ],
        stamp,
        [("cp:category", "Model ordinance — redline")],
    )
