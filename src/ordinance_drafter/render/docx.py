"""DOCX rendering: named styles, real headings, fields and Word comments.

Every part of the ordinance gets a named paragraph style defined in the document (see
:data:`STYLES`), so an attorney can restyle the whole draft in one place (Home > Styles in
Word). Headings carry real outline levels, so Word's navigation pane lists the sections.
The header says DRAFT with the draft date; the footer has "Page X of Y" as live fields.
Document properties hold the title, subject and keywords, and a custom property part
(``docProps/custom.xml``) records the clause library version and the answers fingerprint.

The package is written directly as WordprocessingML text, not through python-docx's object
model (building thousands of elements one by one cost most of a build's time):

* the parts every Word document needs (theme, fonts, settings, numbering, the built-in
  styles) are python-docx's blank template, read as data; :func:`styles_xml` adds the
  renderer's own styles to them;
* :class:`_Para` holds one paragraph's style, properties and runs until the document is
  written; bookmarks, REF fields and comment anchors are markers around its runs;
* :func:`_package` zips the parts once, with fixed entry times, so that the same answers
  give the same bytes.

The redline (:mod:`ordinance_drafter.redline`) edits with python-docx; it starts from
:func:`new_document`, so every DOCX the tool writes has the same styles, page set-up,
header and footer.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.util
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..assembly.model import Metadata, Note, Ordinance, Paragraph, Ref, Section
from ..errors import DrafterError
from . import (
    COVER_NOTE,
    FLAGS_BOX_LEAD,
    NOTES_INTRO,
    SOURCES_FOOTNOTE,
    RenderOptions,
    cover_sources,
    cover_state_law,
    flag_text,
    is_warning,
    long_date,
    note_lines,
    typeset,
)

FONT = "Times New Roman"
NOTE_FONT = "Arial"
SIGNATURE_INDENT = 3.25  # inches: signers sign on the right half of the page

# Paragraph styles, by name. Keys: base (style name), outline (0-based heading level),
# font, size, bold, italic, caps, align (center/right/justify), left, hanging, right
# (inches), before, after (points), keep (keep with next), together (keep lines together),
# page_break (page break before), shade (fill colour), border (True, or its colour),
# no_numbers (no line numbers even with --line-numbers), color (hex).
STYLES: dict[str, dict[str, Any]] = {
    # The ordinance
    "Ordinance Disclaimer": {
        "size": 9,
        "font": NOTE_FONT,
        "shade": "F2F2F2",
        "border": True,
        "after": 12,
        "no_numbers": True,
    },
    "Ordinance Number": {"bold": True, "align": "center", "after": 6, "size": 13, "keep": True},
    "Ordinance Title": {
        "base": "Heading 1",
        "outline": 0,
        "bold": True,
        "align": "center",
        "size": 13,
        "after": 6,
        "caps": True,
    },
    "Ordinance Jurisdiction": {"align": "center", "italic": True, "after": 18},
    "Findings Heading": {
        "base": "Heading 2",
        "outline": 1,
        "bold": True,
        "align": "center",
        "before": 12,
        "after": 6,
    },
    "Findings Intro": {"after": 6, "keep": True},
    "Finding": {"left": 0.5, "hanging": 0.5, "after": 6, "align": "justify"},
    "Enacting Clause": {"bold": True, "before": 12, "after": 12, "keep": True},
    "Section Heading": {
        "base": "Heading 2",
        "outline": 1,
        "bold": True,
        "before": 12,
        "after": 6,
    },
    "Chapter Heading": {
        "base": "Heading 2",
        "outline": 1,
        "bold": True,
        "caps": True,
        "align": "center",
        "before": 12,
        "after": 6,
    },
    "Code Section Heading": {
        "base": "Heading 3",
        "outline": 2,
        "bold": True,
        "before": 12,
        "after": 6,
    },
    "Section Text": {"after": 6, "align": "justify"},
    "Subsection 1": {"left": 0.5, "hanging": 0.5, "after": 6, "align": "justify"},
    "Subsection 2": {"left": 1.0, "hanging": 0.5, "after": 6, "align": "justify"},
    "Subsection 3": {"left": 1.5, "hanging": 0.5, "after": 6, "align": "justify"},
    "Subsection 4": {"left": 2.0, "hanging": 0.5, "after": 6, "align": "justify"},
    "Definition": {"left": 0.5, "hanging": 0.5, "after": 6, "align": "justify"},
    # Adoption
    "Signature Block": {"after": 0, "before": 18, "keep": True, "together": True},
    "Signature Line": {
        "left": SIGNATURE_INDENT,
        "before": 30,
        "after": 0,
        "keep": True,
    },
    "Signer": {"left": SIGNATURE_INDENT, "after": 0, "keep": True},
    "Attest Label": {"before": 12, "after": 0, "keep": True},
    "Attest Line": {"before": 24, "after": 0, "keep": True},
    "Attester": {"after": 0, "keep": True},
    "Adoption Record": {"before": 18, "after": 0},
    "Resolution Title": {
        "base": "Heading 1",
        "outline": 0,
        "bold": True,
        "align": "center",
        "size": 13,
        "after": 12,
        "caps": True,
        "page_break": True,
    },
    # Notes
    "Drafter Note": {
        "font": NOTE_FONT,
        "size": 9,
        "shade": "EAF1F8",
        "left": 0.25,
        "right": 0.25,
        "after": 0,
        "border": True,
        "no_numbers": True,
    },
    "Drafter Note Heading": {
        "base": "Drafter Note",
        "bold": True,
        "before": 6,
        "keep": True,
    },
    "Notes Heading": {
        "base": "Heading 1",
        "outline": 0,
        "bold": True,
        "align": "center",
        "size": 13,
        "after": 12,
        "page_break": True,
        "no_numbers": True,
    },
    "Note Heading": {
        "base": "Heading 2",
        "outline": 1,
        "bold": True,
        "font": NOTE_FONT,
        "size": 10.5,
        "before": 12,
        "after": 4,
        "no_numbers": True,
    },
    "Note Text": {"font": NOTE_FONT, "size": 9.5, "after": 4, "no_numbers": True},
    "Note Source": {
        "font": NOTE_FONT,
        "size": 9,
        "left": 0.5,
        "hanging": 0.25,
        "after": 2,
        "no_numbers": True,
    },
    "State Law Flag": {
        "font": NOTE_FONT,
        "size": 9.5,
        "bold": True,
        "color": "9C1C1C",
        "shade": "FDECEA",
        "after": 4,
        "border": "C0392B",
        "no_numbers": True,
    },
    # The cover summary
    "Cover Title": {
        "base": "Heading 1",
        "outline": 0,
        "font": NOTE_FONT,
        "bold": True,
        "size": 14,
        "after": 2,
        "no_numbers": True,
    },
    "Cover Subtitle": {"font": NOTE_FONT, "size": 9.5, "after": 6, "no_numbers": True},
    "Cover Heading": {
        "base": "Heading 2",
        "outline": 1,
        "font": NOTE_FONT,
        "bold": True,
        "size": 10.5,
        "before": 6,
        "after": 3,
        "no_numbers": True,
    },
    "Cover Text": {"font": NOTE_FONT, "size": 9, "after": 2, "no_numbers": True},
    "Cover Item": {
        "font": NOTE_FONT,
        "size": 8.5,
        "left": 0.3,
        "hanging": 0.3,
        "after": 1.5,
        "no_numbers": True,
    },
    "Drafter Note Flag": {"base": "State Law Flag", "left": 0.25, "right": 0.25, "after": 0},
    "Cover Flag": {"base": "State Law Flag", "size": 8, "after": 2},
    "Cover Footnote": {
        "font": NOTE_FONT,
        "size": 7.5,
        "italic": True,
        "after": 3,
        "keep": True,
        "no_numbers": True,
    },
    "Cover Table Text": {"font": NOTE_FONT, "size": 7.5, "after": 0, "no_numbers": True},
    # A long draft's cover is set smaller, in two columns, to stay on one page.
    "Cover Item Compact": {
        "base": "Cover Item",
        "size": 7.5,
        "left": 0.2,
        "hanging": 0.2,
        "after": 1,
    },
    "Cover Table Compact": {"base": "Cover Table Text", "size": 6},
}

CHARACTER_STYLES: dict[str, dict[str, Any]] = {
    "Cross Reference": {},
    "Section Number": {"bold": True},
    "Amending Instruction": {"bold": False},
    "Note Lead": {"bold": True},
    "Note Context": {"italic": True},
    # python-docx marks comment anchors with this style id; define it so the package
    # names no style it lacks.
    "Comment Reference": {"size": 8},
    # Word prints margin line numbers in this style.
    "Line Number": {"size": 9, "font": NOTE_FONT},
}

HEADER_STYLE = {"font": NOTE_FONT, "size": 9}


# -- XML text ---------------------------------------------------------------------------

# What lxml escapes, so that the text reads back exactly as it was given.
_ILLEGAL_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BREAKS_RE = re.compile(r"(\t|\r|\n)")


def _esc(text: str) -> str:
    """Escape element text."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attr(text: str) -> str:
    """Escape an attribute value (always written in double quotes)."""
    text = _esc(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def style_id(name: str) -> str:
    """The style id of one of the renderer's named styles (or Header, Footer, Table Grid)."""
    return name.replace(" ", "")


def _twips(points: float) -> int:
    """Points as twentieths of a point, rounded as python-docx rounds them."""
    return round(int(points * 12700) / 635)


def _inch_twips(inches: float) -> int:
    """Inches as twentieths of a point."""
    return round(int(inches * 914400) / 635)


def _t(text: str) -> str:
    """A ``w:t`` element; leading or trailing spaces are kept (``xml:space``)."""
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{_esc(text)}</w:t>"


def _content(text: str) -> str:
    """A run's content: text, with each tab a ``w:tab`` and each line break a ``w:br``."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return _t(text) if text else ""
    out = []
    for piece in _BREAKS_RE.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


def _run(
    text: str = "", style: str | None = None, *, bold: bool = False, italic: bool = False
) -> str:
    """One ``w:r``: text in a named character style, optionally bold or italic."""
    props = f'<w:rStyle w:val="{style_id(style)}"/>' if style else ""
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    content = _content(text)
    if not props and not content:
        return "<w:r/>"
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{content}</w:r>"


class _Run:
    """A run of a paragraph, with the markers placed just before and after it.

    Bookmarks and comment ranges are markers around runs; a marker placed later goes
    next to the run (inside earlier markers), as Word and python-docx place them.
    """

    __slots__ = ("after", "before", "xml")

    def __init__(self, xml: str) -> None:
        self.before = ""
        self.xml = xml
        self.after = ""

    def mark(self, before: str, after: str) -> None:
        """Put ``before`` immediately before the run and ``after`` immediately after it."""
        self.before += before
        self.after = after + self.after


class _Para:
    """A paragraph being laid out: its style, its properties and its runs."""

    __slots__ = ("align", "keep_next", "page_break", "runs", "space_before", "style")

    def __init__(self, style: str, text: str = "") -> None:
        self.style = style
        self.runs: list[_Run] = []
        self.keep_next: bool | None = None
        self.page_break = False
        self.space_before: float | None = None
        self.align = ""
        if text:
            self.add(text)

    def add(
        self, text: str, style: str | None = None, *, bold: bool = False, italic: bool = False
    ) -> _Run:
        """Add a run of text and return it."""
        run = _Run(_run(text, style, bold=bold, italic=italic))
        self.runs.append(run)
        return run

    def field(self, instruction: str, cached: str, style: str | None = None) -> None:
        """Add a Word field (e.g. ``PAGE``) with its cached result."""
        props = f'<w:rPr><w:rStyle w:val="{style_id(style)}"/></w:rPr>' if style else ""
        for content in (
            '<w:fldChar w:fldCharType="begin"/>',
            f'<w:instrText xml:space="preserve"> {_esc(instruction)} </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>',
        ):
            self.runs.append(_Run(f"<w:r>{props}{content}</w:r>"))
        self.add(cached, style)
        self.runs.append(_Run(f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'))

    def xml(self) -> str:
        """The paragraph as WordprocessingML."""
        props = f'<w:pStyle w:val="{style_id(self.style)}"/>'
        if self.keep_next is not None:
            props += "<w:keepNext/>" if self.keep_next else '<w:keepNext w:val="0"/>'
        if self.page_break:
            props += "<w:pageBreakBefore/>"
        if self.space_before is not None:
            props += f'<w:spacing w:before="{_twips(self.space_before)}"/>'
        if self.align:
            props += f'<w:jc w:val="{self.align}"/>'
        runs = "".join(f"{r.before}{r.xml}{r.after}" for r in self.runs)
        return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


# -- styles ---------------------------------------------------------------------------


def _on_off(tag: str, value: bool) -> str:
    return f"<w:{tag}/>" if value else f'<w:{tag} w:val="0"/>'


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}"/>'


def _border_xml(color: str) -> str:
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="4" w:color="{color}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    return f"<w:pBdr>{sides}</w:pBdr>"


def _paragraph_style_xml(name: str, cfg: dict[str, Any]) -> str:
    """One of :data:`STYLES` as a ``w:style`` element.

    A style based on another of ours (``base`` in :data:`STYLES`) sets only what it
    changes; the others set every font and spacing property, so that Word's defaults
    never show through.
    """
    inherited = "base" in cfg and cfg["base"] in STYLES
    ppr = _on_off("keepNext", bool(cfg.get("keep") or "outline" in cfg))
    if cfg.get("together") or "outline" in cfg:
        ppr += "<w:keepLines/>"
    if cfg.get("page_break"):
        ppr += "<w:pageBreakBefore/>"
    if cfg.get("no_numbers"):
        ppr += "<w:suppressLineNumbers/>"
    if cfg.get("border"):
        # A different border colour keeps adjacent boxes (disclaimer, warnings) apart.
        ppr += _border_xml("A6A6A6" if cfg["border"] is True else cfg["border"])
    if "shade" in cfg:
        ppr += f'<w:shd w:val="clear" w:color="auto" w:fill="{cfg["shade"]}"/>'
    if "hanging" in cfg:
        # A tab stop at the hanging indent puts the text after "(a)<tab>" on the indent.
        ppr += f'<w:tabs><w:tab w:pos="{_inch_twips(cfg["left"])}" w:val="left"/></w:tabs>'
    spacing = ""
    if "before" in cfg or not inherited:
        spacing += f' w:before="{_twips(cfg.get("before", 0))}"'
    if "after" in cfg or not inherited:
        spacing += f' w:after="{_twips(cfg.get("after", 6))}"'
    if spacing:
        ppr += f"<w:spacing{spacing}/>"
    ind = ""
    if "left" in cfg:
        ind += f' w:left="{_inch_twips(cfg["left"])}"'
    if "right" in cfg:
        ind += f' w:right="{_inch_twips(cfg["right"])}"'
    if "hanging" in cfg:
        ind += f' w:hanging="{_inch_twips(cfg["hanging"])}"'
    elif not inherited:
        ind += ' w:firstLine="0"'
    if ind:
        ppr += f"<w:ind{ind}/>"
    align = {"center": "center", "justify": "both", "right": "right"}.get(cfg.get("align", ""))
    if align or not inherited:
        ppr += f'<w:jc w:val="{align or "left"}"/>'
    if "outline" in cfg:
        ppr += f'<w:outlineLvl w:val="{cfg["outline"]}"/>'
    rpr = ""
    if "font" in cfg or not inherited:
        rpr += _fonts(cfg.get("font", FONT))
    if "bold" in cfg or not inherited:
        rpr += _on_off("b", cfg.get("bold", False))
    rpr += _on_off("i", cfg.get("italic", False)) + _on_off("caps", cfg.get("caps", False))
    if "color" in cfg or not inherited:
        rpr += f'<w:color w:val="{cfg.get("color", "000000")}"/>'
    if "size" in cfg or not inherited:
        rpr += f'<w:sz w:val="{round(cfg.get("size", 12) * 2)}"/>'
    base = style_id(cfg.get("base", "Normal"))
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{base}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _character_style_xml(name: str, cfg: dict[str, Any]) -> str:
    """One of :data:`CHARACTER_STYLES` as a ``w:style`` element."""
    # Word lists the comment and line-number styles itself; keep them out of the gallery.
    quick = "" if name in ("Comment Reference", "Line Number") else "<w:qFormat/>"
    rpr = _fonts(cfg["font"]) if "font" in cfg else ""
    if "bold" in cfg:
        rpr += _on_off("b", cfg["bold"])
    if "italic" in cfg:
        rpr += _on_off("i", cfg["italic"])
    if "size" in cfg:
        rpr += f'<w:sz w:val="{round(cfg["size"] * 2)}"/>'
    return (
        f'<w:style w:type="character" w:customStyle="1" w:styleId="{style_id(name)}">'
        f'<w:name w:val="{name}"/>{quick}{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}</w:style>'
    )


def _restyle(styles: str, sid: str, extra: str) -> str:
    """Add properties (``w:pPr``, ``w:rPr``) to the end of one of the template's styles."""
    match = re.search(rf'<w:style [^>]*w:styleId="{sid}">(.*?)</w:style>', styles)
    if match is None or "<w:rPr>" in match.group(1):
        raise RuntimeError(f"python-docx's template has no plain '{sid}' style to add fonts to")
    return styles[: match.end(1)] + extra + styles[match.end(1) :]


@functools.lru_cache(maxsize=1)
def styles_xml() -> bytes:
    """``word/styles.xml``: the template's built-in styles, restyled, plus every named style."""
    styles = _template()["word/styles.xml"].decode("utf-8")
    all_fonts = "".join(f' w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "cs", "eastAsia"))
    styles = _restyle(
        styles,
        "Normal",
        f'<w:pPr><w:widowControl/></w:pPr><w:rPr><w:rFonts{all_fonts}/><w:sz w:val="24"/></w:rPr>',
    )
    header = _fonts(HEADER_STYLE["font"]) + f'<w:sz w:val="{HEADER_STYLE["size"] * 2}"/>'
    for sid in ("Header", "Footer"):
        styles = _restyle(styles, sid, f"<w:rPr>{header}</w:rPr>")
    ours = [_paragraph_style_xml(name, cfg) for name, cfg in STYLES.items()]
    ours += [_character_style_xml(name, cfg) for name, cfg in CHARACTER_STYLES.items()]
    head, _, tail = styles.rpartition("</w:styles>")
    return (head + "".join(ours) + "</w:styles>" + tail).encode("utf-8")


# -- the package ------------------------------------------------------------------------

_XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office uses for user-defined properties.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

# The parts of python-docx's blank template that every draft carries, with their content
# types. The XML ones are compacted (no indentation) as python-docx writes them; the
# others are copied as they are. Its stylesWithEffects part, a Word 2010 leftover that
# would list none of our styles, is left out; Word rebuilds it when it needs it.
_TEMPLATE_PARTS: dict[str, tuple[str, bool]] = {
    "word/document.xml": (f"{_WML}.document.main+xml", True),
    "word/styles.xml": (f"{_WML}.styles+xml", True),
    "word/settings.xml": (f"{_WML}.settings+xml", True),
    "word/webSettings.xml": (f"{_WML}.webSettings+xml", False),
    "word/fontTable.xml": (f"{_WML}.fontTable+xml", False),
    "word/theme/theme1.xml": ("application/vnd.openxmlformats-officedocument.theme+xml", False),
    "customXml/item1.xml": ("application/xml", False),
    "customXml/itemProps1.xml": (
        "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        False,
    ),
    "word/numbering.xml": (f"{_WML}.numbering+xml", True),
    "docProps/app.xml": (
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        False,
    ),
    "docProps/thumbnail.jpeg": ("image/jpeg", False),
}
_DEFAULT_TYPES = {
    "jpeg": "image/jpeg",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}


def _compact(xml: bytes) -> bytes:
    """An XML part without indentation, behind the declaration python-docx writes."""
    text = xml.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    text = re.sub(r">\s+<", "><", text.strip())
    # Attributes on their own lines, as in python-docx's header and comment templates.
    text = re.sub(r"<[^>]*\n[^>]*>", lambda m: _one_line(m.group(0)), text)
    return (_XML_DECLARATION + text).encode("utf-8")


def _one_line(tag: str) -> str:
    return " ".join(tag.split()).replace(" />", "/>").replace(" >", ">")


@functools.lru_cache(maxsize=1)
def _template() -> dict[str, bytes]:
    """python-docx's blank document and part templates, read as data (once per process).

    The files are read from python-docx's package folder without importing python-docx,
    whose object model a build does not need.
    """
    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:  # pragma: no cover - python-docx is a dependency
        raise DrafterError("python-docx is not installed; reinstall ordinance-drafter.")
    folder = Path(spec.origin).parent / "templates"
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(folder / "default.docx") as blank:
        for name, (_type, xml) in _TEMPLATE_PARTS.items():
            data = blank.read(name)
            parts[name] = _compact(data) if xml else data
    for name in ("header", "footer", "comments"):
        parts[name] = _compact((folder / f"default-{name}.xml").read_bytes())
    return parts


def _root(part: str) -> str:
    """The opening tag of a template part's root element (its namespace declarations)."""
    text = _template()[part].decode("utf-8")
    start = len(_XML_DECLARATION)
    tag = text[start : text.index(">", start) + 1]
    return tag[:-2] + ">" if tag.endswith("/>") else tag  # the empty comments template


def _relationships(rels: Iterable[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels
    )
    return (
        f'{_XML_DECLARATION}<Relationships xmlns="{_PACKAGE_REL}">{items}</Relationships>'
    ).encode()


def _content_types(parts: Iterable[tuple[str, str]]) -> bytes:
    defaults = "".join(
        f'<Default Extension="{ext}" ContentType="{kind}"/>'
        for ext, kind in sorted(_DEFAULT_TYPES.items())
    )
    overrides = "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>'
        for name, kind in sorted(parts)
        if _DEFAULT_TYPES.get(name.rpartition(".")[2]) != kind
    )
    return (
        f'{_XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types">{defaults}{overrides}</Types>'
    ).encode()


def _next_rid(used: set[str]) -> str:
    """The first free relationship id, as python-docx numbers new relationships."""
    n = 1
    while f"rId{n}" in used:
        n += 1
    used.add(f"rId{n}")
    return f"rId{n}"


def _zip(parts: Iterable[tuple[str, bytes]], stamp: dt.datetime) -> bytes:
    """Zip the parts with fixed entry times, so equal answers give equal bytes."""
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 12, 0, 0)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return out.getvalue()


def _stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a package (one python-docx saved) with fixed entry times."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return _zip(((item.filename, src.read(item.filename)) for item in src.infolist()), stamp)


def _package(
    body: str,
    *,
    header: str,
    footer: str,
    core: str,
    stamp: dt.datetime,
    comments: str | None = None,
    custom: bytes | None = None,
    line_numbers: bool = False,
) -> bytes:
    """Write the DOCX package: the template's parts plus the draft's own.

    Args:
        body: The body's paragraphs and tables (WordprocessingML).
        header: The header's paragraphs.
        footer: The footer's paragraphs.
        core: The core properties' elements (title, subject ...).
        stamp: The time written into the zip entries.
        comments: The ``w:comment`` elements, if the draft has comments.
        custom: The custom properties part, if any.
        line_numbers: Number the lines in the margin, restarting on each page.
    """
    template = _template()
    used = {"rId1", "rId2", "rId3", "rId5", "rId6", "rId7", "rId8"}
    comments_rid = _next_rid(used) if comments is not None else ""
    header_rid, footer_rid = _next_rid(used), _next_rid(used)
    word_rels = [
        ("rId3", f"{_REL}/styles", "styles.xml"),
        ("rId5", f"{_REL}/settings", "settings.xml"),
        ("rId6", f"{_REL}/webSettings", "webSettings.xml"),
        ("rId7", f"{_REL}/fontTable", "fontTable.xml"),
        ("rId8", f"{_REL}/theme", "theme/theme1.xml"),
        ("rId1", f"{_REL}/customXml", "../customXml/item1.xml"),
        ("rId2", f"{_REL}/numbering", "numbering.xml"),
    ]
    if comments is not None:
        word_rels.append((comments_rid, f"{_REL}/comments", "comments.xml"))
    word_rels += [
        (header_rid, f"{_REL}/header", "header1.xml"),
        (footer_rid, f"{_REL}/footer", "footer1.xml"),
    ]

    def section_properties(cols: str, start: str = "") -> str:
        return (
            '<w:sectPr w:rsidR="00FC693F" w:rsidRPr="0006063C" w:rsidSect="00034616">'
            f'<w:headerReference w:type="default" r:id="{header_rid}"/>'
            f'<w:footerReference w:type="default" r:id="{footer_rid}"/>'
            + start
            + '<w:pgSz w:w="12240" w:h="15840"/><w:pgMar w:top="1440" w:right="1440" '
            'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>'
            + (
                '<w:lnNumType w:countBy="1" w:restart="newPage" w:distance="360"/>'
                if line_numbers
                else ""
            )
            + cols
            + '<w:docGrid w:linePitch="360"/></w:sectPr>'
        )

    sect = section_properties('<w:cols w:space="720"/>')
    if COVER_COLUMNS_END in body:  # the cover's list of parts is a two-column section
        props = section_properties('<w:cols w:num="2" w:space="432"/>')
        body = body.replace(
            COVER_COLUMNS_END, f'<w:p><w:pPr><w:spacing w:after="0"/>{props}</w:pPr></w:p>'
        )
        sect = section_properties('<w:cols w:space="720"/>', '<w:type w:val="continuous"/>')
    document = f"{_root('word/document.xml')}<w:body>{body}{sect}</w:body></w:document>"
    for text in (document, comments or "", header, footer, core):
        bad = _ILLEGAL_XML_RE.search(text)
        if bad:
            raise DrafterError(
                f"The draft contains the control character U+{ord(bad.group()):04X}, which a "
                "Word document cannot hold. Remove it from the answers or the clause library."
            )
    package_rels = [
        ("rId3", f"{_PACKAGE_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId4", f"{_REL}/extended-properties", "docProps/app.xml"),
        ("rId1", f"{_REL}/officeDocument", "word/document.xml"),
        ("rId2", f"{_PACKAGE_REL}/metadata/thumbnail", "docProps/thumbnail.jpeg"),
    ]
    if custom is not None:
        package_rels.append(("rId5", f"{_REL}/custom-properties", "docProps/custom.xml"))
    core_ns = (
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    )
    parts: list[tuple[str, bytes]] = [
        ("_rels/.rels", _relationships(package_rels)),
        (
            "docProps/core.xml",
            f"{_XML_DECLARATION}<cp:coreProperties {core_ns}>{core}</cp:coreProperties>".encode(),
        ),
        ("docProps/app.xml", template["docProps/app.xml"]),
        ("word/document.xml", (_XML_DECLARATION + document).encode()),
        ("word/_rels/document.xml.rels", _relationships(word_rels)),
        ("word/styles.xml", styles_xml()),
    ]
    for name in (
        "word/settings.xml",
        "word/webSettings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "customXml/item1.xml",
    ):
        parts.append((name, template[name]))
    parts += [
        (
            "customXml/_rels/item1.xml.rels",
            _relationships([("rId1", f"{_REL}/customXmlProps", "itemProps1.xml")]),
        ),
        ("customXml/itemProps1.xml", template["customXml/itemProps1.xml"]),
        ("word/numbering.xml", template["word/numbering.xml"]),
    ]
    types = {name: kind for name, (kind, _xml) in _TEMPLATE_PARTS.items()}
    types["docProps/core.xml"] = "application/vnd.openxmlformats-package.core-properties+xml"
    if comments is not None:
        text = f"{_XML_DECLARATION}{_root('comments')}{comments}</w:comments>"
        parts.append(("word/comments.xml", text.encode()))
        types["word/comments.xml"] = f"{_WML}.comments+xml"
    parts += [
        ("word/header1.xml", f"{_XML_DECLARATION}{_root('header')}{header}</w:hdr>".encode()),
        ("word/footer1.xml", f"{_XML_DECLARATION}{_root('footer')}{footer}</w:ftr>".encode()),
        ("docProps/thumbnail.jpeg", template["docProps/thumbnail.jpeg"]),
    ]
    types["word/header1.xml"] = f"{_WML}.header+xml"
    types["word/footer1.xml"] = f"{_WML}.footer+xml"
    if custom is not None:
        parts.append(("docProps/custom.xml", custom))
        types["docProps/custom.xml"] = CUSTOM_PROPERTIES_TYPE
    return _zip([("[Content_Types].xml", _content_types(types.items())), *parts], stamp)


def _stamp(draft_date: str) -> dt.datetime:
    """Noon on the draft date: the fixed time of properties, comments and zip entries."""
    return dt.datetime.combine(dt.date.fromisoformat(draft_date), dt.time(12, 0))


def new_document(ordinance: Ordinance, options: RenderOptions | None = None) -> Any:
    """A python-docx document with the renderer's styles, page set-up, header and footer.

    The body is empty; the redline fills it in with python-docx.
    """
    from docx import Document

    options = options or RenderOptions(notes="none")
    header, footer = _header_footer(ordinance, options)
    # The usual core properties, empty, in their usual order, for the caller to fill in.
    core = "".join(
        f"<{tag}/>"
        for tag in ("dc:title", "dc:subject", "dc:creator", "cp:keywords", "dc:description")
    )
    stamp = _stamp(ordinance.metadata.draft_date)
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    core += "<cp:lastModifiedBy/><cp:revision>1</cp:revision>" + "".join(
        f'<{tag} xsi:type="dcterms:W3CDTF">{when}</{tag}>'
        for tag in ("dcterms:created", "dcterms:modified")
    )
    data = _package(
        "",
        header=header,
        footer=footer,
        core=core + "<cp:category/>",
        stamp=stamp,
        line_numbers=options.line_numbers,
    )
    return Document(io.BytesIO(data))


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a model anchor: hidden (leading ``_``), at most 40 chars."""
    return "_Ref" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:16]


class _Bookmarks:
    """Numbers bookmarks and wraps runs in them."""

    def __init__(self) -> None:
        self.next_id = 1

    def wrap(self, run: _Run, anchor: str) -> None:
        number = self.next_id
        self.next_id += 1
        run.mark(
            f'<w:bookmarkStart w:id="{number}" w:name="{bookmark_name(anchor)}"/>',
            f'<w:bookmarkEnd w:id="{number}"/>',
        )


# -- page furniture and properties ----------------------------------------------------


def _header_footer(ordinance: Ordinance, options: RenderOptions) -> tuple[str, str]:
    """The header ("DRAFT — date") and footer ("Page X of Y") paragraphs."""
    header = _Para("Header")
    header.align = "right"
    header.add(f"DRAFT — {long_date(ordinance.metadata.draft_date)}", bold=True)
    if options.confidential:
        header.add(" — Confidential attorney work product", italic=True)
    footer = _Para("Footer")
    footer.align = "center"
    footer.add("Page ")
    footer.field("PAGE", "1")
    footer.add(" of ")
    footer.field("NUMPAGES", "1")
    return header.xml(), footer.xml()


def custom_properties(meta: Metadata, notes: str) -> dict[str, str]:
    """The custom document properties a draft carries (File > Properties > Custom)."""
    return {
        "OrdinanceDrafterLibrary": meta.library_name,
        "OrdinanceDrafterLibraryVersion": meta.library_version,
        "OrdinanceDrafterAnswersFingerprint": meta.answers_fingerprint,
        "OrdinanceDrafterProvisions": ", ".join(meta.provisions),
        "OrdinanceDrafterDraftDate": meta.draft_date,
        "OrdinanceDrafterNotes": notes,
    }


def _custom_xml(props: dict[str, str]) -> bytes:
    from xml.sax.saxutils import escape

    items = "".join(
        f'<property fmtid="{_USER_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    ).encode()


def _core_xml(ordinance: Ordinance, stamp: dt.datetime) -> str:
    """The core properties: title, subject, author, keywords, description, dates."""
    meta = ordinance.metadata
    comments = (
        f"Generated by Ordinance Drafter. Clause library: {meta.library_name} "
        f"{meta.library_version}. Answers fingerprint: {meta.answers_fingerprint}. "
        f"Provisions: {', '.join(meta.provisions)}."
    )
    # A core property holds at most 255 characters; a long provision list is cut (the
    # custom properties keep it whole).
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    elements = [
        ("dc:title", f"{ordinance.jurisdiction_name}: {ordinance.title}"[:255]),
        ("dc:subject", "Model separation ordinance (draft for attorney review)"),
        ("dc:creator", meta.notes_author[:255]),
        ("cp:keywords", ", ".join(meta.keywords)[:255]),
        ("dc:description", comments if len(comments) <= 255 else comments[:254] + "…"),
        ("cp:lastModifiedBy", meta.notes_author[:255]),
        ("cp:revision", "1"),
    ]
    xml = "".join(f"<{tag}>{_esc(value)}</{tag}>" for tag, value in elements)
    for tag in ("dcterms:created", "dcterms:modified"):
        xml += f'<{tag} xsi:type="dcterms:W3CDTF">{when}</{tag}>'
    return (
        xml + "<cp:category>Model ordinance — draft</cp:category>"
        f"<cp:version>{_esc(meta.library_version)}</cp:version>"
    )


# -- body text ------------------------------------------------------------------------


def paragraph_style(p: Paragraph) -> str:
    """The named style for a paragraph of ordinance text."""
    if p.kind == "finding":
        return "Finding" if p.level else "Findings Intro"
    if p.kind == "definition" and p.level == 1:
        return "Definition"
    return f"Subsection {min(p.level, 4)}" if p.level else "Section Text"


class _Comments:
    """The Word comments of a draft, one per annotated heading."""

    def __init__(self, meta: Metadata) -> None:
        self.meta = meta
        self.items: list[str] = []

    def add(self, runs: Sequence[_Run], note: Note) -> None:
        """Attach ``note`` as a comment on the range from the first to the last run."""
        cid = len(self.items)
        runs[0].mark(f'<w:commentRangeStart w:id="{cid}"/>', "")
        runs[-1].mark(
            "",
            f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
            f'</w:rPr><w:commentReference w:id="{cid}"/></w:r>',
        )
        para = '<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
        title = _run(f"Drafter's note — {note.title}", bold=True)
        body = [
            f'{para}<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/>'
            f"</w:r>{title}</w:p>"
        ]
        for kind, text in note_lines(note):
            run = _run(typeset(text), bold=kind in ("flag", "sources"), italic=kind == "context")
            body.append(f"{para}{run}</w:p>")
        # A fixed timestamp (the draft date) keeps rebuilds from the same answers identical.
        self.items.append(
            f'<w:comment w:id="{cid}" w:author="{_attr(self.meta.notes_author)}" '
            f'w:initials="OD" w:date="{self.meta.draft_date}T12:00:00Z">{"".join(body)}'
            "</w:comment>"
        )


# A cover for a long draft sets its title and list of parts in two columns so that it
# stays on one page, then runs the sources table the full width. The columns are a section
# of their own: _package writes the section break in place of this marker, and the rest of
# the document continues on the same page ("continuous") in one column. (LibreOffice
# balances the columns only when the columns section is the document's first.)
COVER_COLUMNS_END = "<!--cover-columns-end-->"
COVER_COLUMNS_FROM = 13  # parts (sections and resolution paragraphs)


def _cover_table(rows: Sequence[tuple[str, str]]) -> str:
    """The cover's sources table: a header row, then one row per part, never split."""
    widths = [_inch_twips(w) for w in (1.2, 5.3)]
    out = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for i, row in enumerate((("Part", "Modeled on or relies on"), *rows)):
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if i == 0 else ""))
        out.append("</w:trPr>")
        for text, width in zip(row, widths, strict=True):
            cell = _Para(
                "Cover Table Compact" if len(rows) >= COVER_COLUMNS_FROM else "Cover Table Text"
            )
            cell.add(text, bold=i == 0)
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>')
            out.append(f"{cell.xml()}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


class _Writer:
    """Lays one ordinance out as the paragraphs of a DOCX body."""

    def __init__(self, ordinance: Ordinance, options: RenderOptions) -> None:
        self.o = ordinance
        self.options = options
        self.body: list[_Para | str] = []  # paragraphs, and tables as XML text
        self.cover_columns = 0
        self.bookmarks = _Bookmarks() if options.xref_fields else None
        self.comments = _Comments(ordinance.metadata) if options.notes == "comments" else None
        self.last_text: _Para | None = None

    def p(self, style: str, text: str = "") -> _Para:
        """Add a paragraph in a named style."""
        para = _Para(style, text)
        self.body.append(para)
        return para

    def text(self, p: Paragraph, style: str | None = None) -> _Para:
        """Add one paragraph of ordinance text: its label, a tab, then its text.

        With cross-reference fields on, the label gets a bookmark and cross-references
        become REF fields that point at the bookmarks of what they cite.
        """
        para = self.p(style or paragraph_style(p))
        if p.label:
            label = para.add(p.label)
            if self.bookmarks is not None and p.anchor:
                self.bookmarks.wrap(label, p.anchor)
            para.add("\t")
        for seg in p.segments:
            if isinstance(seg, Ref):
                self.ref(para, seg)
            else:
                para.add(typeset(seg.text))
        return para

    def ref(self, para: _Para, ref: Ref) -> None:
        if self.bookmarks is None or not ref.parts:
            para.add(ref.text, "Cross Reference")
            return
        for part in ref.parts:
            if part.target:
                para.field(f"REF {bookmark_name(part.target)} \\h", part.text, "Cross Reference")
            else:
                para.add(part.text, "Cross Reference")

    # Notes -------------------------------------------------------------------------

    def attach_note(self, note: Note | None, runs: Sequence[_Run], heading: str) -> None:
        if note is None:
            return
        if self.comments is not None:
            self.comments.add(runs, note)
        elif self.options.notes == "inline":
            self.p("Drafter Note Heading", f"Drafter's note — {heading}")
            self.note_lines(
                note,
                text_style="Drafter Note",
                source_style="Drafter Note",
                flag_style="Drafter Note Flag",
            )

    def appendix_note(self, note: Note, heading: str) -> None:
        self.p("Note Heading", heading)
        self.note_lines(
            note, text_style="Note Text", source_style="Note Source", flag_style="State Law Flag"
        )

    def note_lines(
        self, note: Note, *, text_style: str, source_style: str, flag_style: str
    ) -> None:
        for kind, raw in note_lines(note):
            text = typeset(raw)
            if kind == "flag":
                self.p(flag_style, text)
            elif kind == "context":
                self.p(text_style).add(text, "Note Context")
            elif kind == "source":
                self.p(source_style, text)
            elif kind == "part":
                heading, _, rest = text.partition(". ")
                para = self.p(text_style)
                para.add(heading + ".", "Note Lead")
                para.add(" " + rest)
            elif kind == "sources":
                self.p(text_style).add(text, "Note Lead")
            else:
                self.p(text_style, text)

    # Parts -------------------------------------------------------------------------

    def flags_box(self) -> None:
        flagged = [(where, f) for where, f in self.o.flagged_sections() if is_warning(f)]
        if not flagged:
            return
        self.p("State Law Flag", FLAGS_BOX_LEAD)
        for where, flag in flagged:
            self.p("State Law Flag", typeset(f"{where} — {flag_text(flag)}"))

    def cover(self) -> None:
        o = self.o
        parts = len(o.sections) + (len(o.resolution.sections) if o.resolution else 0)
        self.cover_columns = 2 if parts >= COVER_COLUMNS_FROM else 1
        self.p("Cover Title", f"Summary: {o.jurisdiction_name}")
        self.p(
            "Cover Subtitle",
            f"{o.title}. Draft of {long_date(o.metadata.draft_date)}. {COVER_NOTE}",
        )
        # A long draft's cover lists each part by its plain-language title, one line each,
        # so that it stays on one page; a short draft's gives each part's summary.
        compact = self.cover_columns == 2
        item = "Cover Item Compact" if compact else "Cover Item"

        def describe(label: str, sec: Section) -> None:
            para = self.p(item)
            if compact:
                para.add(label, "Note Lead")
                para.add(f" {sec.title.rstrip('.')}.")
                return
            para.add(f"{label} {sec.caption}", "Note Lead")
            if sec.summary:
                para.add(" " + sec.summary)

        self.p("Cover Heading", "What the ordinance does")
        for sec in o.sections:
            describe(sec.number_label, sec)
        if o.resolution:
            self.p("Cover Heading", o.resolution.title)
            for sec in o.resolution.sections:
                describe(f"Paragraph {sec.number}.", sec)
        warnings, context = cover_state_law(o)
        self.p("Cover Heading", "State law")
        for where, flag in warnings:
            self.p("Cover Flag", typeset(f"{where} — {flag_text(flag)}"))
        if context:
            self.p("Cover Text", context)
        if not warnings and not context:
            self.p(
                "Cover Text",
                "None recorded for this state. The attorney must still check current state law.",
            )
        if compact:  # the two columns end here; the sources table runs the full width
            self.body.append(COVER_COLUMNS_END)
        rows = cover_sources(o)
        if rows:
            self.p("Cover Heading", "Sources")
            self.p("Cover Footnote", SOURCES_FOOTNOTE)
            self.body.append(_cover_table(rows))

    def front(self) -> None:
        o = self.o
        disclaimer = self.p("Ordinance Disclaimer", o.disclaimer)
        if self.options.cover_summary:
            disclaimer.page_break = True
        self.flags_box()
        self.p("Ordinance Number", o.number_line)
        self.p("Ordinance Title", o.title)
        self.p("Ordinance Jurisdiction", o.jurisdiction_name)
        if o.findings:
            run = self.p("Findings Heading").add("Findings")
            self.p("Findings Intro", o.findings.intro)
            for p in o.findings.paragraphs:
                self.text(p, "Finding")
            self.attach_note(o.findings.note, [run], "Findings")
        self.p("Enacting Clause", o.enacting_clause)

    def section(self, sec: Section, prefix: str = "Section") -> None:
        heading = self.p("Code Section Heading" if sec.codified else "Section Heading")
        runs = []
        if not sec.codified:
            runs.append(heading.add(f"{prefix} "))
        number = heading.add(sec.number)
        if self.bookmarks is not None:
            self.bookmarks.wrap(number, sec.anchor)
        runs += [number, heading.add(f". {sec.caption}")]
        for p in sec.paragraphs:
            self.last_text = self.text(p)
        self.attach_note(sec.note, runs, f"{prefix} {sec.number}")

    def body_sections(self) -> None:
        code = self.o.code
        codified = [s for s in self.o.sections if s.codified] if code else []
        if code:
            heading = self.p("Section Heading")
            heading.add(f"Section {code.section_number}.")
            heading.add(f" {code.instruction}", "Amending Instruction")
            self.p("Chapter Heading", code.heading)
            for sec in codified:
                self.section(sec)
        for sec in self.o.sections:
            if sec not in codified:
                self.section(sec)

    def signature(self) -> None:
        sig = self.o.signature
        if self.last_text is not None:
            # Keep the last lines of the text on the signature page.
            self.last_text.keep_next = True
        self.p("Signature Block", sig.passed_line)
        self.signature_lines()
        for line in sig.extra_lines:
            self.p("Adoption Record", line)
        if sig.confirm_note:
            self.p("Drafter Note", sig.confirm_note).space_before = 12

    def signature_lines(self) -> None:
        sig = self.o.signature
        blank = "_" * 34
        for line in sig.signers:
            self.p("Signature Line", blank)
            self.p("Signer", line.role)
        for i, line in enumerate(sig.attest):
            if i == 0:
                self.p("Attest Label", "Attest:")
            self.p("Attest Line", blank)
            last = self.p("Attester", line.role)
            if i == len(sig.attest) - 1:
                last.keep_next = False
        if not sig.attest and sig.signers:
            last_para = self.body[-1]
            assert isinstance(last_para, _Para)
            last_para.keep_next = False

    def resolution(self) -> None:
        res = self.o.resolution
        if res is None:
            return
        self.p("Resolution Title", res.title)
        self.p("Section Text", res.intro)
        self.last_text = None
        for sec in res.sections:
            self.section(sec, prefix="Paragraph")
        if self.last_text is not None:
            self.last_text.keep_next = True
        self.p("Signature Block", res.closing)
        self.signature_lines()

    def appendix(self) -> None:
        o = self.o
        self.p("Notes Heading", "Explanatory Notes")
        self.p("Note Text", NOTES_INTRO)
        for line in o.form_notes:
            para = self.p("Note Text")
            para.add("Form and procedure.", "Note Lead")
            para.add(" " + line)
        if o.findings and o.findings.note:
            self.appendix_note(o.findings.note, "Findings")
        for sec in o.sections:
            if sec.note:
                self.appendix_note(sec.note, sec.heading)
        if o.resolution:
            for sec in o.resolution.sections:
                if sec.note:
                    self.appendix_note(
                        sec.note, f"Resolution paragraph {sec.number}. {sec.caption}"
                    )

    def render(self) -> bytes:
        if self.options.cover_summary:
            self.cover()
        self.front()
        self.body_sections()
        self.signature()
        self.resolution()
        if self.options.notes == "appendix":
            self.appendix()
        header, footer = _header_footer(self.o, self.options)
        stamp = _stamp(self.o.metadata.draft_date)
        body = "".join(item if isinstance(item, str) else item.xml() for item in self.body)
        return _package(
            body,
            header=header,
            footer=footer,
            core=_core_xml(self.o, stamp),
            stamp=stamp,
            comments="".join(self.comments.items) if self.comments else None,
            custom=_custom_xml(custom_properties(self.o.metadata, self.options.notes)),
            line_numbers=self.options.line_numbers,
        )


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as a DOCX package (bytes)."""
    return _Writer(ordinance, options).render()
