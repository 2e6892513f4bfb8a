"""Markdown rendering: for previews, golden tests and pasting into other tools.

The Markdown writer draws :func:`~.layout.layout` for a plain medium: no pages, no
comments (the ``comments`` notes mode gives the notes in an appendix, as ``appendix``
does) and no typesetting. Headings are ATX headings (``###``), lists and the warnings box
are kept together, and every other block is a paragraph of its own.
"""

from __future__ import annotations

from ..assembly.model import Ordinance, Paragraph, Section
from . import RenderOptions, flag_label, flag_message
from .blocks import PLAIN, Block, Box, Part, Run, Table
from .layout import layout

_INDENT = "\u2003"  # an em space per nesting level keeps the labels aligned in any viewer
RULE = "\\_" * 30

# Heading level by paragraph style; a drafter's note after a part is one level below it.
HEADINGS = {
    "Cover Title": 2,
    "Cover Heading": 3,
    "Ordinance Number": 1,
    "Ordinance Title": 2,
    "Findings Heading": 3,
    "Section Heading": 3,
    "Chapter Heading": 3,
    "Code Section Heading": 4,
    "Resolution Number": 1,
    "Resolution Title": 2,
    "Notes Heading": 2,
    "Note Heading": 3,
}
# Whole blocks set in bold or italics, by paragraph style.
BOLD = {"Enacting Clause", "Resolving Clause"}
ITALIC = {"Ordinance Jurisdiction", "Cover Footnote", "Drafter Note"}
# Blocks that are items of a list.
LIST_ITEMS = {"Cover Item", "Cover Item Compact"}
# Paragraphs of ordinance text: label and text, indented by level.
TEXT = {"Finding", "Section Text", "Definition"} | {f"Subsection {n}" for n in range(1, 5)}
# Parts that a rule (---) sets apart from what comes before them.
RULED = {"front", "signature", "resolution", "notes"}


def _escape(text: str) -> str:
    """Escape characters Markdown would treat as formatting at the start of a line."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if text[:1] in "#+-|" or (text[:2].rstrip(".").isdigit() and text[1:2] == "."):
        text = "\\" + text
    return text


def _cell(text: str) -> str:
    """Text for a cell of a pipe table."""
    return _escape(text).replace("|", "\\|")


def _labelled(label: str, text: str, level: int) -> str:
    """A paragraph of ordinance text as one line, indented by its level."""
    indent = _INDENT * max(level - 1, 0)
    return f"{indent}{_escape(f'{label} {text}' if label else text)}"


def paragraph_text(p: Paragraph) -> str:
    """A paragraph as one Markdown line, indented by its level (also for clause samples)."""
    return _labelled(p.label, p.text, p.level)


def section_markdown(section: Section, level: int = 3) -> str:
    """One section: its heading and paragraphs (for clause samples)."""
    lines = [f"{'#' * level} {_escape(section.heading)}", ""]
    for p in section.paragraphs:
        lines += [paragraph_text(p), ""]
    return "\n".join(lines).rstrip() + "\n"


def _runs(runs: tuple[Run, ...]) -> str:
    """Runs as inline Markdown: a lead-in (``Note Lead``) in bold, white space outside it.

    Text between lead-ins is escaped as one piece.
    """
    out: list[str] = []
    plain = ""

    def piece(text: str, bold: bool = False) -> str:
        core = text.lstrip()
        lead = text[: len(text) - len(core)]
        return f"{lead}**{_escape(core)}**" if bold else lead + _escape(core)

    for run in runs:
        if run.style == "Note Lead":
            if plain:
                out.append(piece(plain))
                plain = ""
            out.append(piece(run.text, bold=True))
        else:
            plain += run.text
    if plain:
        out.append(piece(plain))
    return "".join(out)


def _flag_item(block: Block) -> str:
    """A flag as a list item: where, then the label in bold, then the message."""
    assert block.flag is not None
    label, text = flag_label(block.flag), flag_message(block.flag)
    return f"- {_escape(block.where)} — **{_escape(label)}:** {_escape(text)}"


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.level = 3  # of the last heading

    def paragraph(self, line: str) -> None:
        self.out += ["", line, ""]

    def block(self, block: Block) -> None:
        style = block.style
        if style in HEADINGS or style == "Drafter Note Heading":
            level = HEADINGS.get(style, self.level + 1)
            if style in HEADINGS:
                self.level = level
            self.paragraph(f"{'#' * level} {_runs(block.runs)}")
        elif block.kind == "rule":
            self.paragraph(RULE)
        elif style in LIST_ITEMS:
            self.out.append(f"- {_runs(block.runs)}")
        elif block.flag is not None and block.where:
            self.out.append(_flag_item(block))
        elif style in TEXT:
            self.paragraph(_labelled(block.label, block.text, block.level))
        elif style == "Ordinance Disclaimer":
            self.paragraph(f"> **{_escape(block.text)}**")
        elif style in BOLD:
            self.paragraph(f"**{_escape(block.text)}**")
        elif style in ITALIC:
            self.paragraph(f"*{_escape(block.text)}*")
        else:
            self.paragraph(_runs(block.runs))

    def note(self, box: Box) -> None:
        """An explanatory note: its heading, warnings quoted, sources as a list."""
        heading, *lines = box.blocks
        self.block(heading)
        for line in lines:
            text = line.text
            if line.kind in ("flag", "context"):
                label, _, rest = text.partition(": ")
                self.paragraph(f"> **{_escape(label)}:** {_escape(rest)}")
            elif line.kind == "variant":
                self.paragraph(f"*{_escape(text)}*")
            elif line.kind == "source":
                self.out.append(f"- {_escape(text)}")
            else:
                self.paragraph(_runs(line.runs))
        self.out.append("")

    def warnings(self, box: Box) -> None:
        """The warnings box, quoted: its lead in bold, then one item per flag."""
        lead, *flags = box.blocks
        self.out += ["", f"> **{_escape(lead.text)}**", ">"]
        for block in flags:
            if block.flag is not None:
                self.out.append(f"> {_flag_item(block)}")
            else:  # the state's law (each penalty a line of its own), before the warnings
                self.out += [f"> {_escape(block.text)}", ">"]
        self.out.append("")

    def table(self, table: Table) -> None:
        self.out += ["", f"| {' | '.join(table.header)} |", "|" + "---|" * len(table.header)]
        self.out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
        self.out.append("")

    def part(self, part: Part, first: bool) -> None:
        if part.kind in RULED and not first:
            self.paragraph("---")
        for item in part.items:
            if isinstance(item, Table):
                self.table(item)
            elif isinstance(item, Box):
                (self.note if item.kind == "note" else self.warnings)(item)
            else:
                self.block(item)


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as Markdown (UTF-8 bytes)."""
    writer = _Writer()
    for i, part in enumerate(layout(ordinance, options, PLAIN).parts):
        writer.part(part, i == 0)
    text = "\n".join(writer.out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return (text.lstrip("\n").rstrip() + "\n").encode("utf-8")
