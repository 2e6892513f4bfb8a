"""DOCX rendering: the layout's blocks as Word paragraphs, with fields and comments.

The DOCX writer draws :func:`~.layout.layout` for a paged medium with comments: each block
is a paragraph in its named style (``styles.yaml``, see :mod:`.docx_styles`), each run a
run in its character style. With cross-reference fields on, section numbers and
subsection labels carry bookmarks and cross-references become REF fields that point at
them; in the ``comments`` placement a note is a Word comment on its heading.

The package is written directly as WordprocessingML text (:mod:`.wordml`), not through
python-docx's object model, and zipped once with fixed entry times (:mod:`.docx_package`),
so that the same answers give the same bytes. The redline
(:mod:`ordinance_drafter.tools.redline`) writes its paragraphs with the same pieces.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence

from ..assembly.model import Metadata, Note, Ordinance, Ref
from . import RenderOptions, typeset
from .blocks import WORD, Block, Box, Layout, Medium, Run, Table
from .docx_package import (
    COVER_COLUMNS_END,
    core_xml,
    custom_properties,
    custom_xml,
    draft_stamp,
    header_footer,
    package,
)
from .layout import layout, note_lines
from .wordml import WordPara, WordRun, attr, inch_twips, run_xml


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a model anchor: hidden (leading ``_``), at most 40 chars."""
    return "_Ref" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:16]


class _Bookmarks:
    """Numbers bookmarks and wraps runs in them."""

    def __init__(self) -> None:
        self.next_id = 1

    def wrap(self, run: WordRun, anchor: str) -> None:
        number = self.next_id
        self.next_id += 1
        run.mark(
            f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(anchor)}"/>',
            f'<w:bookmarkEnd w:id="{number}"/>',
        )


class _Comments:
    """The Word comments of a draft, one per annotated heading."""

    def __init__(self, meta: Metadata) -> None:
        self.meta = meta
        self.items: list[str] = []

    def add(self, runs: Sequence[WordRun], note: Note) -> None:
        """Attach ``note`` as a comment on the range from the first to the last run."""
        cid = len(self.items)
        runs[0].mark(f'<w:commentRangeStart w:id="{cid}"/>', "")
        runs[-1].mark(
            "",
            f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
            f'</w:rPr><w:commentReference w:id="{cid}"/></w:r>',
        )
        para = '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        title = run_xml(f"Drafter's note — {note.title}", bold=True)
        body = [
            f'{para}<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/>'
            f"</w:r>{title}</w:p>"
        ]
        for kind, text in note_lines(note):
            run = run_xml(typeset(text), bold=kind in ("flag", "sources"), italic=kind == "context")
            body.append(f"{para}{run}</w:p>")
        # A fixed timestamp (the draft date) keeps rebuilds from the same answers identical.
        self.items.append(
            f'<w:comment w:id="{cid}" w:author="{attr(self.meta.notes_author)}" '
            f'w:initials="OD" w:date="{self.meta.draft_date}T12:00:00Z">{"".join(body)}'
            "</w:comment>"
        )


def _unmarked(block: Block, writer: _Paragraphs, comments: _Comments | None) -> bool:
    """Whether a block's paragraph gets no bookmark (numbered in the order they come) and
    no comment: then it is the same for the same block in any draft."""
    if block.note is not None and comments is not None:
        return False
    if writer.bookmarks is None:
        return True
    return not (block.label and block.anchor) and not any(r.anchor for r in block.runs)


def _props(block: Block) -> tuple[str, bool | None, bool, float | None]:
    return block.label, block.keep_next, block.page_break, block.space_before


@functools.lru_cache(maxsize=4096)  # a batch of drafts has the same paragraphs again and again
def _plain_paragraph(
    xref_fields: bool,
    style: str,
    runs: tuple[Run, ...],
    label: str,
    keep_next: bool | None,
    page_break: bool,
    space_before: float | None,
) -> str:
    """The paragraph of a block with no bookmark or comment in it (see :func:`_unmarked`)."""
    block = Block(
        style, runs, label, keep_next=keep_next, page_break=page_break, space_before=space_before
    )
    return _Paragraphs(xref_fields).paragraph(block).xml()


def _table(table: Table) -> str:
    """A table: a header row, then one row per item, never split across pages."""
    widths = [inch_twips(w) for w in table.widths]
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for i, row in enumerate((table.header, *table.rows)):
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if i == 0 else ""))
        out.append("</w:trPr>")
        for text, width in zip(row, widths, strict=True):
            cell = WordPara(table.style)
            cell.add(text, bold=i == 0)
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>')
            out.append(f"{cell.xml()}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


class _Paragraphs:
    """Turns layout blocks into Word paragraphs, numbering bookmarks as it goes.

    Args:
        xref_fields: Bookmark section numbers and subsection labels, and write
            cross-references as REF fields that point at them; otherwise a
            cross-reference is plain text in the ``Cross Reference`` style.
    """

    def __init__(self, xref_fields: bool) -> None:
        self.bookmarks = _Bookmarks() if xref_fields else None

    def paragraph(self, block: Block) -> WordPara:
        """One block as a paragraph: its label and a tab, then its runs."""
        para = WordPara(block.style)
        para.keep_next = block.keep_next
        para.page_break = block.page_break
        para.space_before = block.space_before
        if block.label:
            label = para.add(block.label)
            if self.bookmarks is not None and block.anchor:
                self.bookmarks.wrap(label, block.anchor)
            para.add("\t")
        for run in block.runs:
            if run.ref is not None:
                self.ref(para, run.ref)
                continue
            added = para.add(run.text, run.style or None, bold=run.bold)
            if run.anchor and self.bookmarks is not None:
                self.bookmarks.wrap(added, run.anchor)
        return para

    def ref(self, para: WordPara, ref: Ref) -> None:
        if self.bookmarks is None or not ref.parts:
            para.add(ref.text, "Cross Reference")
            return
        for part in ref.parts:
            if part.target:
                para.field(f"REF {bookmark_name(part.target)} \\h", part.text, "Cross Reference")
            else:
                para.add(part.text, "Cross Reference")


def render(ordinance: Ordinance, options: RenderOptions, medium: Medium = WORD) -> bytes:
    """Render the ordinance as a DOCX package (bytes).

    ``medium`` is what the document is for: Word (the default), or a PDF made from it
    (:mod:`.pdf`), where the layout puts the notes of ``--notes comments`` inline.
    """
    laid = layout(ordinance, options, medium)
    comments = _Comments(ordinance.metadata) if laid.notes == "comments" else None
    header, footer = header_footer(ordinance, options, laid.header)
    stamp = draft_stamp(ordinance.metadata.draft_date)
    council = options.council_copy
    notes = "none" if council else options.notes
    return draw(
        laid,
        header=header,
        footer=footer,
        core=core_xml(ordinance, stamp, council),
        stamp=stamp,
        comments=comments,
        custom=custom_xml(custom_properties(ordinance.metadata, notes, council)),
        line_numbers=options.line_numbers,
        xref_fields=options.xref_fields,
    )


def draw(
    laid: Layout,
    *,
    header: str,
    footer: str,
    core: str,
    stamp: dt.datetime,
    comments: _Comments | None = None,
    custom: bytes | None = None,
    line_numbers: bool = False,
    xref_fields: bool = False,
) -> bytes:
    """Draw a layout as a DOCX package: the ordinance's, or any other document laid out in
    the same blocks and styles (the adoption packet's documents).

    Args:
        laid: The parts to draw.
        header, footer: The page furniture's paragraphs (see :func:`.docx_package.page_furniture`).
        core: The core properties' elements.
        stamp: The fixed time of the package's entries.
        comments: Where blocks' notes go as Word comments, if anywhere.
        custom: The custom properties part, if any.
        line_numbers: Number the lines in the margin.
        xref_fields: Bookmark anchors and write cross-references as REF fields.
    """
    writer = _Paragraphs(xref_fields)
    body: list[str] = []
    for part in laid.parts:
        for item in part.items:
            if isinstance(item, Table):
                body.append(_table(item))
                continue
            for block in item.blocks if isinstance(item, Box) else (item,):
                if _unmarked(block, writer, comments):  # the same block, the same paragraph
                    body.append(
                        _plain_paragraph(xref_fields, block.style, block.runs, *_props(block))
                    )
                    continue
                para = writer.paragraph(block)
                if block.note is not None and comments is not None:
                    comments.add(para.runs, block.note)
                body.append(para.xml())
        if part.columns > 1:  # the columns end here
            body.append(COVER_COLUMNS_END)
    return package(
        "".join(body),
        header=header,
        footer=footer,
        core=core,
        stamp=stamp,
        comments="".join(comments.items) if comments else None,
        custom=custom,
        line_numbers=line_numbers,
    )
