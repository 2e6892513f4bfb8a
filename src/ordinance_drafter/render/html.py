"""Self-contained HTML: one file, no external assets, readable on a projector.

The HTML writer draws :func:`~.layout.layout` for a web medium: no pages and no comments
(the ``comments`` notes mode shows each note after its section, as ``inline`` does).
Cross-references are links to the section or subsection they cite.
"""

from __future__ import annotations

from html import escape

from ..assembly.model import Ordinance
from . import RenderOptions, is_warning
from .blocks import WEB, Block, Box, Part, Run, Table
from .layout import layout

CSS = """
html{font-size:112.5%}
body{font-family:Georgia,'Times New Roman',serif;max-width:50rem;margin:2rem auto;padding:0 1.2rem;
line-height:1.55;color:#111;background:#fff}
@media (min-width:1400px){html{font-size:140%}}
.disclaimer{border:1px solid #999;background:#f4f4f4;padding:.6rem .9rem;
font-family:Arial,sans-serif;font-size:.85rem}
h1,h2{text-align:center}h1{font-size:1.4rem;margin-bottom:.2rem}
h2{font-size:1.2rem;text-transform:uppercase}
h2.chapter{margin-top:1.6rem}
.jur{text-align:center;font-style:italic}.enact{font-weight:bold;margin:1.2rem 0}
h3,h4{font-size:1.1rem;margin:1.6rem 0 .4rem;break-after:avoid}
.instruction{font-weight:normal}
p{margin:.35rem 0}
.l1,.l2,.l3,.l4{padding-left:2.5rem;text-indent:-2.5rem}
.l2{margin-left:2.5rem}.l3{margin-left:5rem}.l4{margin-left:7.5rem}
.label{display:inline-block;width:2.5rem;text-indent:0}
.note{font-family:Arial,sans-serif;font-size:.9rem;background:#eef4fa;border-left:4px solid #6b8fb3;
padding:.4rem .8rem;margin:.6rem 0}
.flag{font-family:Arial,sans-serif;background:#fdecea;border-left:4px solid #c0392b;color:#7a1010;
padding:.4rem .8rem;margin:.6rem 0;font-weight:bold}
.flag.context{background:#f3f0e6;border-left-color:#8a7a45;color:#333;font-weight:normal}
.sig{margin-top:2rem;break-inside:avoid}.sigline{margin-top:2.2rem}
.signer{margin-left:50%}
.cover{border-bottom:2px solid #333;padding-bottom:1rem;margin-bottom:2rem;
font-family:Arial,sans-serif}
.cover h2{text-align:left;text-transform:none}
table{border-collapse:collapse;width:100%;font-size:.85rem}
td,th{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
a.xref{color:inherit;text-decoration:underline dotted}
"""

#: The print stylesheet: a Letter page with the layout's running head and "Page X of Y"
#: in its margins (Chromium draws CSS page-margin boxes), print-sized type, the notes
#: smaller and free to break across pages (a long note kept whole left pages half
#: empty), no screen backgrounds. ``{head}`` is the running head as a CSS string.
PRINT_CSS = """
@page{size:letter;margin:.75in .8in;{head}
@bottom-center{content:"Page " counter(page) " of " counter(pages);font:8pt Arial,sans-serif}}
html{font-size:11pt}
body{max-width:none;margin:0;padding:0;line-height:1.3}
h1{font-size:14pt}h2{font-size:12pt}h3,h4{font-size:11pt;margin:.9rem 0 .25rem}
p{margin:.2rem 0;orphans:2;widows:2}
.note{font-size:8.5pt;line-height:1.25;padding:.2rem .5rem;margin:.3rem 0;break-inside:auto;
background:none;border-left:2px solid #6b8fb3}
.note p{margin:.1rem 0}.note ul{margin:.1rem 0;padding-left:1.1rem}
.flag{font-size:8.5pt;padding:.2rem .5rem;margin:.3rem 0;background:none;break-inside:avoid}
.cover{break-after:page;font-size:9pt;border:none}.cover table{font-size:7.5pt}
a.xref{text-decoration:none}
.sig{break-inside:avoid}.sigline{margin-top:1.6rem}
"""

RULE = "_" * 30

# Elements by paragraph style: (tag, class). Any other style is a plain <p>.
ELEMENTS: dict[str, tuple[str, str]] = {
    "Cover Title": ("h2", ""),
    "Ordinance Disclaimer": ("p", "disclaimer"),
    "Cover Heading": ("h3", ""),
    "Cover Item": ("li", ""),
    "Cover Item Compact": ("li", ""),
    "Ordinance Number": ("h1", ""),
    "Ordinance Title": ("h2", ""),
    "Ordinance Jurisdiction": ("p", "jur"),
    "Findings Heading": ("h3", ""),
    "Enacting Clause": ("p", "enact"),
    "Section Heading": ("h3", ""),
    "Chapter Heading": ("h2", "chapter"),
    "Code Section Heading": ("h4", ""),
    "Resolution Number": ("h1", ""),
    "Resolution Title": ("h2", ""),
    "Resolving Clause": ("p", "enact"),
    "Notes Heading": ("h2", ""),
    "Drafter Note": ("p", "note"),
}
# Inline elements by character style, and blocks whose whole text is one.
INLINE = {"Note Lead": "strong", "Amending Instruction": 'span class="instruction"'}
WHOLE = {"Ordinance Disclaimer": "strong", "Cover Footnote": "em"}
# A block written on the same line as the block before it, by (style before, style).
GLUED = {
    ("Notes Heading", "Note Text"),
    ("Cover Heading", "Cover Footnote"),
}
# Paragraphs of ordinance text: a label, then text with links.
TEXT = {"Finding", "Section Text", "Definition"} | {f"Subsection {n}" for n in range(1, 5)}


def _runs(runs: tuple[Run, ...]) -> str:
    """Runs as inline HTML: character styles as elements, white space outside them."""
    out = []
    for run in runs:
        text = escape(run.text)
        tag = INLINE.get(run.style)
        if run.ref is not None:
            out.append(f'<a class="xref" href="#{escape(run.ref.target)}">{text}</a>')
        elif tag:
            core = text.lstrip()
            out.append(f"{text[: len(text) - len(core)]}<{tag}>{core}</{tag.split()[0]}>")
        else:
            out.append(text)
    return "".join(out)


def _para(block: Block) -> str:
    """A paragraph of ordinance text: its label in a span, its level as a class."""
    label = f'<span class="label">{escape(block.label)}</span>' if block.label else ""
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    attr = f' class="l{min(block.level, 4)}"' if block.level else ""
    return f"<p{anchor}{attr}>{label}{_runs(block.runs)}</p>"


def _flag(block: Block) -> str:
    """A flag in its box: red for a state-law warning, muted for context."""
    cls = "flag" if block.flag is None or is_warning(block.flag) else "flag context"
    return f'<p class="{cls}">{escape(block.text)}</p>'


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.prefix = ""  # written at the start of the next line
        self.previous = ""  # the style of the block before
        self.in_list = False

    def emit(self, html: str, glue: bool = False) -> None:
        if glue and self.lines:
            self.lines[-1] += html
        else:
            self.lines.append(self.prefix + html)
            self.prefix = ""

    def end_list(self) -> None:
        if self.in_list:
            self.emit("</ul>")
            self.in_list = False

    def block(self, block: Block) -> None:
        style = block.style
        tag, cls = ELEMENTS.get(style, ("p", ""))
        if tag == "li" and not self.in_list:
            self.emit("<ul>", glue=True)
            self.in_list = True
        elif tag != "li":
            self.end_list()
        glue = (self.previous, style) in GLUED
        self.previous = style
        if block.kind == "rule":
            return  # drawn with the signer's name, below
        if style in TEXT:
            self.emit(_para(block), glue)
        elif block.flag is not None:
            self.emit(_flag(block), glue)
        elif style in ("Signer", "Attester"):
            signer = ' class="sigline signer"' if style == "Signer" else ""
            self.emit(f"<p{signer}>{RULE}<br>{escape(block.text)}</p>")
        else:
            if style == "Attest Label":
                cls = "sigline"
            elif block.kind == "form":
                cls = "note"
            anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
            attr = f' class="{cls}"' if cls else ""
            inner = _runs(block.runs)
            if style in WHOLE:
                inner = f"<{WHOLE[style]}>{inner}</{WHOLE[style]}>"
            self.emit(f"<{tag}{anchor}{attr}>{inner}</{tag}>", glue)

    def note(self, box: Box) -> None:
        """A note in its box: heading, flags, parts, then its sources as a list."""
        heading, *lines = box.blocks
        out = [f'<div class="note"><p><strong>{escape(heading.text)}</strong></p>']
        sources: list[str] = []
        for line in lines:
            if line.kind in ("flag", "context"):
                out.append(_flag(line))
            elif line.kind == "source":
                sources.append(f"<li>{escape(line.text)}</li>")
            elif line.kind == "variant":
                out.append(f"<p><em>{escape(line.text)}</em></p>")
            else:
                out.append(f"<p>{_runs(line.runs)}</p>")
        if sources:
            out.append("<ul>" + "".join(sources) + "</ul>")
        out.append("</div>")
        self.lines += out

    def warnings(self, box: Box) -> None:
        lead, *flags = box.blocks
        self.emit(f'<div class="flags"><p class="flag">{escape(lead.text)}</p>')
        self.lines += [_flag(flag) for flag in flags]
        self.emit("</div>")

    def table(self, table: Table) -> None:
        head = "".join(f"<th>{escape(cell)}</th>" for cell in table.header)
        self.emit(f"<table><tr>{head}</tr>")
        for row in table.rows:
            self.emit("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>")
        self.emit("</table>")

    def part(self, part: Part) -> None:
        if part.kind in ("resolution", "notes"):
            self.prefix = "<hr>"
        sig = part.kind in ("signature", "resolution-end")
        if sig:
            self.prefix = '<div class="sig">'
        for item in part.items:
            if isinstance(item, Table):
                self.end_list()
                self.table(item)
            elif isinstance(item, Box):
                self.end_list()
                (self.note if item.kind == "note" else self.warnings)(item)
            else:
                self.block(item)
        self.end_list()
        if sig:
            self.emit("</div>")


def print_css(head: str) -> str:
    """The print stylesheet, with the layout's running head (none: the council copy)."""
    quoted = head.replace("\\", "\\\\").replace('"', '\\"')
    box = f'@top-right{{content:"{quoted}";font:bold 8pt Arial,sans-serif}}' if head else ""
    return PRINT_CSS.replace("{head}", box)


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as one self-contained HTML page (and its print stylesheet)."""
    o = ordinance
    writer = _Writer()
    covered = False
    laid = layout(o, options, WEB)
    for part in laid.parts:
        cover = part.kind in ("cover", "cover-sources")
        if cover and not covered:
            writer.emit('<section class="cover">')
        elif covered and not cover:
            writer.emit("</section>")
        covered = cover
        writer.part(part)
    title = escape(f"{o.jurisdiction_name}: {o.title}")
    html = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style>"
        f'<style media="print">{print_css(laid.header)}</style></head><body>\n'
        + "\n".join(writer.lines)
        + "\n</body></html>\n"
    )
    return html.encode("utf-8")
