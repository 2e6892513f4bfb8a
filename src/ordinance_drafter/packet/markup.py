"""The packet templates' light markup, read into the layout's blocks and tables.

A packet template (``clauses/packet/*.md.j2``) renders to text in this markup; each line
kind becomes a block in one of the house styles (``render/styles.yaml``), so the packet's
documents are drawn by the same DOCX writer as the ordinance:

==================  ==================================================================
``# Title``         the document's title
``## Heading``      a heading; ``### Subheading`` a smaller one
``- item``          a bulleted item; two more spaces of indentation nest it once
``[ ] step``        a checklist item with a box to tick
``> text``          a note for the attorney (shaded)
``| a | b |``       a table row; the first row is the header, and a second row of
                    dashes (``|----|--|``) gives the column widths in proportion
``@sign Role``      a signature rule with the role under it
``@small text``     a paragraph in small type (a form line, a source)
other text          a paragraph; lines up to a blank line are one paragraph
==================  ==================================================================

A compact document (the staff card, the community summary) uses the card styles, which
are smaller, so that it fits one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import TemplateError
from ..render import typeset
from ..render.blocks import Block, Item, Run, Table

#: Text width of a page in inches (Letter, one-inch margins).
TEXT_WIDTH = 6.5
RULE = "_" * 34


@dataclass(frozen=True)
class Styles:
    """The paragraph style of each kind of line."""

    title: str
    heading: str
    subheading: str
    text: str
    item: str
    item2: str
    check: str
    note: str
    table: str
    small: str


REGULAR = Styles(
    title="Packet Title",
    heading="Packet Heading",
    subheading="Packet Subheading",
    text="Packet Text",
    item="Packet Item",
    item2="Packet Item 2",
    check="Packet Check",
    note="Packet Note",
    table="Packet Table Text",
    small="Packet Small",
)
COMPACT = Styles(
    title="Card Title",
    heading="Card Heading",
    subheading="Card Heading",
    text="Card Text",
    item="Card Item",
    item2="Card Item",
    check="Card Item",
    note="Card Note",
    table="Card Table Text",
    small="Card Small",
)

_ITEM_RE = re.compile(r"^( *)- (.*)$")
_DASHES_RE = re.compile(r"^\|(\s*-+\s*\|)+$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def parse(text: str, styles: Styles, where: str) -> list[Item]:
    """Read rendered packet markup into blocks and tables.

    Raises:
        TemplateError: A table's rows do not have the same number of cells.
    """
    items: list[Item] = []
    para: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if para:
            items.append(_block(styles.text, " ".join(para)))
            para.clear()

    def flush_table() -> None:
        if not table:
            return
        rows = [_cells(line) for line in table if not _DASHES_RE.match(line.strip())]
        dashes = next((line for line in table if _DASHES_RE.match(line.strip())), "")
        width = len(rows[0])
        if any(len(r) != width for r in rows):
            raise TemplateError(f"{where}: a table row has a different number of cells.")
        shares = [len(c) for c in _cells(dashes)] if dashes else [1] * width
        if len(shares) != width:
            raise TemplateError(f"{where}: the table's row of dashes has the wrong width.")
        total = sum(shares)
        widths = tuple(round(TEXT_WIDTH * s / total, 2) for s in shares)
        body = tuple(tuple(typeset(c) for c in r) for r in rows[1:])
        items.append(Table(styles.table, tuple(rows[0]), body, widths))
        table.clear()

    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("|"):
            flush()
            table.append(stripped)
            continue
        flush_table()
        if not stripped:
            flush()
            continue
        item = _ITEM_RE.match(line)
        if stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            style = {1: styles.title, 2: styles.heading}.get(level, styles.subheading)
            items.append(_block(style, stripped[level:].strip(), keep_next=True))
        elif item:
            flush()
            style = styles.item if len(item.group(1)) < 2 else styles.item2
            items.append(_block(style, item.group(2).strip(), label="•"))
        elif stripped.startswith("[ ]"):
            flush()
            items.append(_block(styles.check, stripped[3:].strip(), label="☐"))
        elif stripped.startswith(">"):
            flush()
            items.append(_block(styles.note, stripped[1:].strip()))
        elif stripped.startswith("@sign "):
            flush()
            items.append(Block("Signature Line", (Run(RULE),), kind="rule"))
            items.append(_block("Signer", stripped[6:].strip()))
        elif stripped.startswith("@small "):
            flush()
            items.append(_block(styles.small, stripped[7:].strip()))
        elif not para and raw.startswith("  ") and items and _continues(items[-1]):
            last = items.pop()
            assert isinstance(last, Block)
            items.append(_block(last.style, f"{last.text} {stripped}", label=last.label))
        else:
            para.append(stripped)
    flush()
    flush_table()
    return items


def _continues(block: Item) -> bool:
    """A line indented under an item or a note continues it."""
    return isinstance(block, Block) and bool(block.label or block.style.endswith("Note"))


def _block(style: str, text: str, *, label: str = "", keep_next: bool | None = None) -> Block:
    return Block(style, (Run(typeset(" ".join(text.split()))),), label=label, keep_next=keep_next)
