"""The layout's data: parts, blocks, boxes, tables and runs, and the media they are drawn in.

:func:`~.layout.layout` turns a document model into these once; every writer draws them.
From the outside in:

* :class:`Layout`: the :class:`Part` s of the document in reading order.
* :class:`Part`: a group the redline aligns as a whole (the front matter, one section, the
  signature block ...), with a stable ``key`` and a ``kind`` the writers may frame (HTML's
  ``<div class="sig">``, Markdown's ``---`` before the signature block).
* The items of a part: a :class:`Block` (one paragraph), a :class:`Box` (paragraphs drawn
  as one box: an explanatory note or the warnings box) or a :class:`Table`.
* :class:`Run`: a piece of a block's text, with a character style, a cross-reference or
  an anchor.

A block's ``style`` names one of the DOCX paragraph styles (``styles.yaml``); the DOCX
writer uses it as it is, and the HTML and Markdown writers map it to their own markup. A
writer that meets a style it does not know draws a plain paragraph, so a new kind of
block shows in every format as soon as the layout makes it.

To add a block: make it in :mod:`.layout`, give its style an entry in ``styles.yaml``,
and, if a screen format should draw it other than as a plain paragraph, a line in the
style tables of :mod:`.html` and :mod:`.markdown`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..assembly.model import Note, Ref
from ..statelaw.flags import Flag


@dataclass(frozen=True)
class Run:
    """A piece of a block's text.

    Attributes:
        text: The text as printed.
        style: A DOCX character style (``styles.yaml``), or empty: ``Note Lead`` (bold
            lead-in), ``Note Context`` (italic context), ``Cross Reference``,
            ``Amending Instruction``.
        bold: Bold without a character style (a table's header row).
        ref: The cross-reference this run prints (a REF field in DOCX, a link in HTML).
        anchor: The anchor this run is the target of (a bookmark in DOCX), e.g. a
            section number.
    """

    text: str
    style: str = ""
    bold: bool = False
    ref: Ref | None = None
    anchor: str = ""


@dataclass(frozen=True)
class Block:
    """One paragraph.

    Attributes:
        style: The paragraph style (``styles.yaml``), e.g. ``Section Heading``.
        runs: The text. A subsection's label is kept apart, in ``label``.
        label: A subsection label such as ``(a)``; printed before the text (DOCX: then a
            tab; Markdown: then a space).
        level: The nesting level of ordinance text: 1 for (a), 2 for (1) ...; 0 otherwise.
        anchor: The id other parts refer to (HTML's ``id``; DOCX bookmarks the label).
        kind: What the block is where its style is shared: in a note, ``flag``,
            ``context``, ``variant``, ``part``, ``sources``, ``source`` or ``text``;
            ``rule`` for a signature rule; ``form`` for a form-and-procedure note.
        flag: The state-law or federal flag the block shows, if it is one.
        where: The part of the draft a flag concerns (in the warnings box and the cover).
        note: A note shown as a Word comment on this block (the ``comments`` placement).
        keep_next: Keep with the next paragraph (True), or explicitly not (False);
            ``None`` leaves it to the style.
        page_break: Start a new page before the block.
        space_before: Space before the block in points, overriding the style.
    """

    style: str
    runs: tuple[Run, ...] = ()
    label: str = ""
    level: int = 0
    anchor: str = ""
    kind: str = ""
    flag: Flag | None = None
    where: str = ""
    note: Note | None = None
    keep_next: bool | None = None
    page_break: bool = False
    space_before: float | None = None

    @property
    def text(self) -> str:
        """The block's text without its label."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Box:
    """Blocks drawn as one box.

    Attributes:
        kind: ``note`` (an explanatory note: its heading block, then its lines) or
            ``warnings`` (the state-law warnings box: its lead, then one block per flag).
        blocks: The box's paragraphs.
    """

    kind: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """A table: a header row, then one row per item, never split across pages.

    Attributes:
        style: The paragraph style of every cell.
        header: The header row's cells.
        rows: The body rows' cells.
        widths: The column widths in inches.
    """

    style: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]


Item = Block | Box | Table


@dataclass(frozen=True)
class Part:
    """A part of the document, aligned as a whole by the redline.

    Attributes:
        key: Stable across drafts: ``cover``, ``cover-sources``, ``front``, ``findings``,
            ``enacting``, ``chapter``, ``section:<provision id>``, ``signature``,
            ``resolution``, ``resolution:<provision id>``, ``resolution-end``, ``notes``.
        kind: What the part is: the key without the provision id, except that a
            resolution paragraph is a ``section`` too.
        items: The part's blocks, boxes and tables, in order.
        columns: The number of text columns (a paged medium's long cover has 2).
    """

    key: str
    kind: str
    items: tuple[Item, ...]
    columns: int = 1

    def blocks(self) -> Iterable[Block]:
        """Every block of the part, those inside boxes included, in order."""
        for item in self.items:
            if isinstance(item, Block):
                yield item
            elif isinstance(item, Box):
                yield from item.blocks


@dataclass(frozen=True)
class Layout:
    """A laid-out draft.

    Attributes:
        parts: The parts in reading order.
        notes: Where the notes went: ``comments``, ``inline``, ``appendix`` or ``none``
            (the notes mode, after the medium's stand-in for comments).
        header: The running head of every page (``DRAFT — <date>``); empty for none (the
            council copy). A paged medium prints it in the page header.
    """

    parts: tuple[Part, ...]
    notes: str
    header: str = ""


@dataclass(frozen=True)
class Medium:
    """What a format can show.

    Attributes:
        comments: Where ``--notes comments`` puts the notes: ``comments`` (the format has
            comments), ``inline`` or ``appendix``.
        paged: The format has pages: a long draft's cover is set in two columns, in
            smaller type, to stay on one page.
        typeset: Keep a section sign with the citation around it (no-break spaces).
    """

    comments: str
    paged: bool
    typeset: bool


WORD = Medium(comments="comments", paged=True, typeset=True)
#: A PDF: pages, but no comments a reader sees in print (LibreOffice's PDF export drops
#: Word comments or makes them annotations that most viewers hide and no printer prints),
#: so ``--notes comments`` puts each note after its section, as ``inline`` does.
PRINT = Medium(comments="inline", paged=True, typeset=True)
WEB = Medium(comments="inline", paged=False, typeset=True)
PLAIN = Medium(comments="appendix", paged=False, typeset=False)


def paragraph(style: str, text: str, **fields: Any) -> Block:
    """A block of one run of text in a paragraph style (no run when the text is empty)."""
    return Block(style, (Run(text),) if text else (), **fields)


def placement(notes: str, medium: Medium) -> str:
    """Where a notes mode puts the notes in a medium (``comments`` needs comments)."""
    return medium.comments if notes == "comments" else notes
