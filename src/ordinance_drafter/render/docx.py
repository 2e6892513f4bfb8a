"""DOCX rendering with python-docx: named styles, real headings, fields and Word comments.

Every part of the ordinance gets a named paragraph style defined in the document (see
:data:`STYLES`), so an attorney can restyle the whole draft in one place (Home > Styles in
Word). Headings carry real outline levels, so Word's navigation pane lists the sections.
The header says DRAFT with the draft date; the footer has "Page X of Y" as live fields.
Document properties hold the title, subject and keywords, and a custom property part
(``docProps/custom.xml``) records the clause library version and the answers fingerprint.

Other modules (the redline, for instance) reuse :func:`new_document` and
:func:`add_paragraph` so that every DOCX the tool writes looks the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.styles.style import StyleFactory
from docx.text.run import Run

from ..model import Metadata, Note, Ordinance, Paragraph, Ref, Section
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


# -- low-level XML helpers -----------------------------------------------------------

_PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _insert_ppr(pPr: Any, element: Any) -> None:
    """Insert ``element`` into ``pPr`` where the schema's sequence puts it."""
    tag = element.tag
    names = [qn(n) for n in _PPR_ORDER]
    successors = names[names.index(tag) + 1 :] if tag in names else []
    existing = pPr.find(tag)
    if existing is not None:
        pPr.remove(existing)
    for child in pPr:
        if child.tag in successors:
            child.addprevious(element)
            return
    pPr.append(element)


def _el(tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _shade(pPr: Any, fill: str) -> None:
    _insert_ppr(pPr, _el("w:shd", val="clear", color="auto", fill=fill))


def _border(pPr: Any, color: str) -> None:
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        bdr.append(_el(f"w:{side}", val="single", sz="4", space="4", color=color))
    _insert_ppr(pPr, bdr)


def _add_style(styles: Any, name: str, kind: Any) -> Any:
    """Add a new style without python-docx's scan of every existing name (the names are ours)."""
    return StyleFactory(styles.element.add_style_of_type(name, kind, False))


def _style_named(styles: Any, name: str) -> Any:
    """A style by name: the few built-in bases, or one of ours (found by its id)."""
    found = styles.element.get_by_id(name.replace(" ", ""))
    return StyleFactory(found) if found is not None else styles[name]


def _define_paragraph_style(styles: Any, name: str, cfg: dict[str, Any]) -> None:
    style = _add_style(styles, name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = _style_named(styles, cfg.get("base", "Normal"))
    style.quick_style = True
    font = style.font
    inherited = "base" in cfg and cfg["base"] in STYLES
    if "font" in cfg or not inherited:
        font.name = cfg.get("font", FONT)
    if "size" in cfg or not inherited:
        font.size = Pt(cfg.get("size", 12))
    if "bold" in cfg or not inherited:
        font.bold = cfg.get("bold", False)
    font.italic = cfg.get("italic", False)
    font.all_caps = cfg.get("caps", False)
    if "color" in cfg or not inherited:
        font.color.rgb = RGBColor.from_string(cfg.get("color", "000000"))
    pf = style.paragraph_format
    if "before" in cfg or not inherited:
        pf.space_before = Pt(cfg.get("before", 0))
    if "after" in cfg or not inherited:
        pf.space_after = Pt(cfg.get("after", 6))
    if "left" in cfg:
        pf.left_indent = Inches(cfg["left"])
    if "right" in cfg:
        pf.right_indent = Inches(cfg["right"])
    if "hanging" in cfg:
        pf.first_line_indent = Inches(-cfg["hanging"])
        # A tab stop at the hanging indent puts the text after "(a)<tab>" on the indent.
        pf.tab_stops.add_tab_stop(Inches(cfg["left"]))
    elif not inherited:
        pf.first_line_indent = Inches(0)
    align = cfg.get("align")
    if align == "center":
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "justify":
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif align == "right":
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif not inherited:
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    pf.keep_with_next = bool(cfg.get("keep") or "outline" in cfg)
    if cfg.get("together") or "outline" in cfg:
        pf.keep_together = True
    if cfg.get("page_break"):
        pf.page_break_before = True
    pPr = style.element.get_or_add_pPr()
    if "outline" in cfg:
        _insert_ppr(pPr, _el("w:outlineLvl", val=str(cfg["outline"])))
    if cfg.get("no_numbers"):
        _insert_ppr(pPr, OxmlElement("w:suppressLineNumbers"))
    if cfg.get("border"):
        # A different border colour keeps adjacent boxes (disclaimer, warnings) apart.
        _border(pPr, "A6A6A6" if cfg["border"] is True else cfg["border"])
    if "shade" in cfg:
        _shade(pPr, cfg["shade"])


def _define_styles(doc: Any) -> None:
    """Define every named style the renderer uses, once per document."""
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.widow_control = True
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for name, cfg in STYLES.items():
        _define_paragraph_style(styles, name, cfg)
    for name, cfg in CHARACTER_STYLES.items():
        style = _add_style(styles, name, WD_STYLE_TYPE.CHARACTER)
        style.quick_style = name not in ("Comment Reference", "Line Number")
        if "bold" in cfg:
            style.font.bold = cfg["bold"]
        if "italic" in cfg:
            style.font.italic = cfg["italic"]
        if "size" in cfg:
            style.font.size = Pt(cfg["size"])
        if "font" in cfg:
            style.font.name = cfg["font"]
    for name in ("Header", "Footer"):
        styles[name].font.name = HEADER_STYLE["font"]
        styles[name].font.size = Pt(HEADER_STYLE["size"])


@functools.lru_cache(maxsize=1)
def _template() -> tuple[bytes, dict[str, str]]:
    """The blank document with every style defined, built once per process, and style ids.

    Defining ~50 styles through python-docx costs far more than loading a package, so the
    styled blank is built once and every draft starts from a copy of its bytes.
    """
    doc = _build_template()
    names = [*STYLES, *CHARACTER_STYLES, "Header", "Footer", "Table Grid"]
    ids = {name: doc.styles[name].style_id for name in names}
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), ids


def style_id(name: str) -> str:
    """The style id of one of the renderer's named styles."""
    return _template()[1][name]


def new_document() -> Any:
    """A blank US-letter document with one-inch margins and every ordinance style defined."""
    return Document(io.BytesIO(_template()[0]))


def _p(doc: Any, style: str, text: str = "") -> Any:
    """Add a paragraph in a named style (by id: looking styles up by name is slow)."""
    para = doc.add_paragraph()
    para._p.style = style_id(style)
    if text:
        _r(para, text)
    return para


def _r(para: Any, text: str, style: str | None = None) -> Any:
    """Add a run, in a named character style if given.

    Text without tabs or line breaks goes straight into one ``w:t`` (python-docx's text
    setter handles text a character at a time, which dominates the time of a long draft).
    """
    if "\t" in text or "\n" in text or "\r" in text:
        run = para.add_run(text)
    else:
        r = para._p.add_r()
        if text:
            r.add_t(text)
        run = Run(r, para)
    if style:
        run._r.style = style_id(style)
    return run


def _build_template() -> Any:
    doc = Document()
    # The template's stylesWithEffects part is a Word 2010 leftover that would list none
    # of our styles; Word rebuilds it when it needs it.
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    _define_styles(doc)
    return doc


def _field(paragraph: Any, instruction: str, cached: str, style: str | None = None) -> None:
    """Append a Word field (e.g. ``PAGE``) with its cached result to ``paragraph``."""

    def run_with(element: Any) -> None:
        run = paragraph.add_run()
        if style:
            run._r.style = style_id(style)
        run._r.append(element)

    run_with(_el("w:fldChar", fldCharType="begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    run_with(_el("w:fldChar", fldCharType="separate"))
    result = paragraph.add_run(cached)
    if style:
        result._r.style = style_id(style)
    run_with(_el("w:fldChar", fldCharType="end"))


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for a model anchor: hidden (leading ``_``), at most 40 chars."""
    return "_Ref" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:16]


class _Bookmarks:
    """Numbers bookmarks and wraps runs in them."""

    def __init__(self) -> None:
        self.next_id = 1

    def wrap(self, run: Any, anchor: str) -> None:
        number = str(self.next_id)
        self.next_id += 1
        run._r.addprevious(_el("w:bookmarkStart", id=number, name=bookmark_name(anchor)))
        run._r.addnext(_el("w:bookmarkEnd", id=number))


# -- page furniture and properties ----------------------------------------------------


def _header_footer(doc: Any, ordinance: Ordinance, options: RenderOptions) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header._p.style = style_id("Header")
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.add_run(f"DRAFT — {long_date(ordinance.metadata.draft_date)}").bold = True
    if options.confidential:
        header.add_run(" — Confidential attorney work product").italic = True
    footer = section.footer.paragraphs[0]
    footer._p.style = style_id("Footer")
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _line_numbers(doc: Any) -> None:
    """Number every line in the margin, restarting on each page (councils amend by line)."""
    sectPr = doc.sections[0]._sectPr
    ln = _el("w:lnNumType", countBy="1", restart="newPage", distance="360")
    successors = {
        qn(s)
        for s in (
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        )
    }
    anchor = next((c for c in sectPr if c.tag in successors), None)
    if anchor is not None:
        anchor.addprevious(ln)
    else:
        sectPr.append(ln)


CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office uses for user-defined properties.
_USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


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


def _add_custom_properties(doc: Any, props: dict[str, str]) -> None:
    items = "".join(
        f'<property fmtid="{_USER_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props.items(), start=2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    ).encode()
    package = doc.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_TYPE, xml, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _properties(doc: Any, ordinance: Ordinance, options: RenderOptions) -> dt.datetime:
    props = doc.core_properties
    meta = ordinance.metadata
    props.title = f"{ordinance.jurisdiction_name}: {ordinance.title}"[:255]
    props.subject = "Model separation ordinance (draft for attorney review)"
    props.keywords = ", ".join(meta.keywords)
    props.author = meta.notes_author
    props.last_modified_by = meta.notes_author
    comments = (
        f"Generated by Ordinance Drafter. Clause library: {meta.library_name} "
        f"{meta.library_version}. Answers fingerprint: {meta.answers_fingerprint}. "
        f"Provisions: {', '.join(meta.provisions)}."
    )
    # The core-properties field holds at most 255 characters; a long provision list is cut
    # (the custom properties keep it whole).
    props.comments = comments if len(comments) <= 255 else comments[:254] + "…"
    props.category = "Model ordinance — draft"
    props.version = meta.library_version
    stamp = dt.datetime.combine(dt.date.fromisoformat(meta.draft_date), dt.time(12, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    _add_custom_properties(doc, custom_properties(meta, options.notes))
    return stamp


# -- body text ------------------------------------------------------------------------


def paragraph_style(p: Paragraph) -> str:
    """The named style for a paragraph of ordinance text."""
    if p.kind == "finding":
        return "Finding" if p.level else "Findings Intro"
    if p.kind == "definition" and p.level == 1:
        return "Definition"
    return f"Subsection {min(p.level, 4)}" if p.level else "Section Text"


def add_paragraph(
    doc: Any, p: Paragraph, style: str | None = None, *, bookmarks: _Bookmarks | None = None
) -> Any:
    """Add one paragraph of ordinance text: its label, a tab, then its text.

    Args:
        doc: The python-docx document.
        p: The paragraph.
        style: A style name; by default :func:`paragraph_style` picks it.
        bookmarks: When given, the label gets a bookmark and cross-references become
            REF fields that point at the bookmarks of what they cite.
    """
    para = _p(doc, style or paragraph_style(p))
    if p.label:
        label = _r(para, p.label)
        if bookmarks is not None and p.anchor:
            bookmarks.wrap(label, p.anchor)
        para.add_run("\t")
    for seg in p.segments:
        if isinstance(seg, Ref):
            _add_ref(para, seg, fields=bookmarks is not None)
        else:
            _r(para, typeset(seg.text))
    return para


def _add_ref(para: Any, ref: Ref, *, fields: bool) -> None:
    if not fields or not ref.parts:
        _r(para, ref.text, "Cross Reference")
        return
    for part in ref.parts:
        if part.target:
            _field(para, f"REF {bookmark_name(part.target)} \\h", part.text, "Cross Reference")
        else:
            _r(para, part.text, "Cross Reference")


def _add_comment(doc: Any, runs: Sequence[Any], note: Note, meta: Metadata) -> None:
    comment = doc.add_comment(list(runs), text="", author=meta.notes_author, initials="OD")
    # A fixed timestamp (the draft date) keeps rebuilds from the same answers identical.
    comment._comment_elm.set(qn("w:date"), f"{meta.draft_date}T12:00:00Z")
    first = comment.paragraphs[0]
    first.add_run(f"Drafter's note — {note.title}").bold = True
    for kind, text in note_lines(note):
        para = comment.add_paragraph()
        run = _r(para, typeset(text))
        if kind in ("flag", "sources"):
            run.bold = True
        elif kind == "context":
            run.italic = True


def _add_note_lines(
    doc: Any, note: Note, *, text_style: str, source_style: str, flag_style: str
) -> None:
    for kind, raw in note_lines(note):
        text = typeset(raw)
        if kind == "flag":
            _p(doc, flag_style, text)
        elif kind == "context":
            _r(_p(doc, text_style), text, "Note Context")
        elif kind == "source":
            _p(doc, source_style, text)
        elif kind == "part":
            heading, _, rest = text.partition(". ")
            para = _p(doc, text_style)
            _r(para, heading + ".", "Note Lead")
            _r(para, " " + rest)
        elif kind == "sources":
            para = _p(doc, text_style)
            _r(para, text, "Note Lead")
        else:
            _p(doc, text_style, text)


def _add_inline_note(doc: Any, note: Note, heading: str) -> None:
    _p(doc, "Drafter Note Heading", f"Drafter's note — {heading}")
    _add_note_lines(
        doc,
        note,
        text_style="Drafter Note",
        source_style="Drafter Note",
        flag_style="Drafter Note Flag",
    )


def _add_appendix_note(doc: Any, note: Note, heading: str) -> None:
    _p(doc, "Note Heading", heading)
    _add_note_lines(
        doc, note, text_style="Note Text", source_style="Note Source", flag_style="State Law Flag"
    )


class _Writer:
    """Lays one ordinance out in one python-docx document."""

    def __init__(self, ordinance: Ordinance, options: RenderOptions) -> None:
        self.o = ordinance
        self.options = options
        self.doc = new_document()
        self.bookmarks = _Bookmarks() if options.xref_fields else None
        self.last_text: Any = None

    # Notes -------------------------------------------------------------------------

    def attach_note(self, note: Note | None, runs: Sequence[Any], heading: str) -> None:
        if note is None:
            return
        if self.options.notes == "comments":
            _add_comment(self.doc, runs, note, self.o.metadata)
        elif self.options.notes == "inline":
            _add_inline_note(self.doc, note, heading)

    # Parts -------------------------------------------------------------------------

    def flags_box(self) -> None:
        flagged = [(where, f) for where, f in self.o.flagged_sections() if is_warning(f)]
        if not flagged:
            return
        _p(self.doc, "State Law Flag", FLAGS_BOX_LEAD)
        for where, flag in flagged:
            _p(self.doc, "State Law Flag", typeset(f"{where} — {flag_text(flag)}"))

    def cover(self) -> None:
        o, doc = self.o, self.doc
        _p(doc, "Cover Title", f"Summary: {o.jurisdiction_name}")
        _p(
            doc,
            "Cover Subtitle",
            f"{o.title}. Draft of {long_date(o.metadata.draft_date)}. {COVER_NOTE}",
        )
        _p(doc, "Cover Heading", "What the ordinance does")
        for sec in o.sections:
            if sec.summary:
                para = _p(doc, "Cover Item")
                _r(para, f"{sec.number_label} {sec.caption}", "Note Lead")
                para.add_run(" " + sec.summary)
        if o.resolution:
            _p(doc, "Cover Heading", o.resolution.title)
            for sec in o.resolution.sections:
                para = _p(doc, "Cover Item")
                _r(para, f"Paragraph {sec.number}. {sec.caption}", "Note Lead")
                if sec.summary:
                    para.add_run(" " + sec.summary)
        warnings, context = cover_state_law(o)
        _p(doc, "Cover Heading", "State law")
        for where, flag in warnings:
            _p(doc, "Cover Flag", typeset(f"{where} — {flag_text(flag)}"))
        if context:
            _p(doc, "Cover Text", context)
        if not warnings and not context:
            _p(
                doc,
                "Cover Text",
                "None recorded for this state. The attorney must still check current state law.",
            )
        rows = cover_sources(o)
        if rows:
            _p(doc, "Cover Heading", "Sources")
            _p(doc, "Cover Footnote", SOURCES_FOOTNOTE)
            table = doc.add_table(rows=0, cols=2)
            table._tbl.tblPr.style = style_id("Table Grid")
            table.autofit = False
            for where, cites in (("Part", "Modeled on or relies on"), *rows):
                cells = table.add_row().cells
                for cell, text, width in zip(cells, (where, cites), (1.2, 5.3), strict=True):
                    cell.width = Inches(width)
                    cell.paragraphs[0]._p.style = style_id("Cover Table Text")
                    cell.paragraphs[0].add_run(text)
            for column, width in zip(table.columns, (1.2, 5.3), strict=True):
                column.width = Inches(width)
            for cell in table.rows[0].cells:
                cell.paragraphs[0].runs[0].bold = True
            for row in table.rows:
                row._tr.get_or_add_trPr().append(_el("w:cantSplit"))
            _repeat_header(table.rows[0])

    def front(self) -> None:
        o, doc = self.o, self.doc
        disclaimer = _p(doc, "Ordinance Disclaimer", o.disclaimer)
        if self.options.cover_summary:
            disclaimer.paragraph_format.page_break_before = True
        self.flags_box()
        _p(doc, "Ordinance Number", o.number_line)
        _p(doc, "Ordinance Title", o.title)
        _p(doc, "Ordinance Jurisdiction", o.jurisdiction_name)
        if o.findings:
            head = _p(doc, "Findings Heading")
            run = head.add_run("Findings")
            _p(doc, "Findings Intro", o.findings.intro)
            for p in o.findings.paragraphs:
                add_paragraph(doc, p, "Finding", bookmarks=self.bookmarks)
            self.attach_note(o.findings.note, [run], "Findings")
        _p(doc, "Enacting Clause", o.enacting_clause)

    def section(self, sec: Section, prefix: str = "Section") -> None:
        doc = self.doc
        style = "Code Section Heading" if sec.codified else "Section Heading"
        heading = _p(doc, style)
        runs = []
        if not sec.codified:
            runs.append(heading.add_run(f"{prefix} "))
        number = heading.add_run(sec.number)
        if self.bookmarks is not None:
            self.bookmarks.wrap(number, sec.anchor)
        runs += [number, heading.add_run(f". {sec.caption}")]
        for p in sec.paragraphs:
            self.last_text = add_paragraph(doc, p, bookmarks=self.bookmarks)
        self.attach_note(sec.note, runs, f"{prefix} {sec.number}")

    def body(self) -> None:
        o, doc = self.o, self.doc
        code = o.code
        codified = [s for s in o.sections if s.codified] if code else []
        if code:
            heading = _p(doc, "Section Heading")
            heading.add_run(f"Section {code.section_number}.")
            _r(heading, f" {code.instruction}", "Amending Instruction")
            _p(doc, "Chapter Heading", code.heading)
            for sec in codified:
                self.section(sec)
        for sec in o.sections:
            if sec not in codified:
                self.section(sec)

    def signature(self) -> None:
        doc, sig = self.doc, self.o.signature
        if self.last_text is not None:
            # Keep the last lines of the text on the signature page.
            self.last_text.paragraph_format.keep_with_next = True
        _p(doc, "Signature Block", sig.passed_line)
        self.signature_lines()
        for line in sig.extra_lines:
            _p(doc, "Adoption Record", line)
        if sig.confirm_note:
            para = _p(doc, "Drafter Note", sig.confirm_note)
            para.paragraph_format.space_before = Pt(12)

    def signature_lines(self) -> None:
        doc, sig = self.doc, self.o.signature
        blank = "_" * 34
        for line in sig.signers:
            _p(doc, "Signature Line", blank)
            _p(doc, "Signer", line.role)
        for i, line in enumerate(sig.attest):
            if i == 0:
                _p(doc, "Attest Label", "Attest:")
            _p(doc, "Attest Line", blank)
            last = _p(doc, "Attester", line.role)
            if i == len(sig.attest) - 1:
                last.paragraph_format.keep_with_next = False
        if not sig.attest and sig.signers:
            doc.paragraphs[-1].paragraph_format.keep_with_next = False

    def resolution(self) -> None:
        res = self.o.resolution
        if res is None:
            return
        doc = self.doc
        _p(doc, "Resolution Title", res.title)
        _p(doc, "Section Text", res.intro)
        self.last_text = None
        for sec in res.sections:
            self.section(sec, prefix="Paragraph")
        if self.last_text is not None:
            self.last_text.paragraph_format.keep_with_next = True
        _p(doc, "Signature Block", res.closing)
        self.signature_lines()

    def appendix(self) -> None:
        o, doc = self.o, self.doc
        _p(doc, "Notes Heading", "Explanatory Notes")
        _p(doc, "Note Text", NOTES_INTRO)
        for line in o.form_notes:
            para = _p(doc, "Note Text")
            _r(para, "Form and procedure.", "Note Lead")
            para.add_run(" " + line)
        if o.findings and o.findings.note:
            _add_appendix_note(doc, o.findings.note, "Findings")
        for sec in o.sections:
            if sec.note:
                _add_appendix_note(doc, sec.note, sec.heading)
        if o.resolution:
            for sec in o.resolution.sections:
                if sec.note:
                    _add_appendix_note(
                        doc, sec.note, f"Resolution paragraph {sec.number}. {sec.caption}"
                    )

    def render(self) -> bytes:
        if self.options.cover_summary:
            self.cover()
        self.front()
        self.body()
        self.signature()
        self.resolution()
        if self.options.notes == "appendix":
            self.appendix()
        _header_footer(self.doc, self.o, self.options)
        if self.options.line_numbers:
            _line_numbers(self.doc)
        stamp = _properties(self.doc, self.o, self.options)
        buf = io.BytesIO()
        self.doc.save(buf)
        return _stable_zip(buf.getvalue(), stamp)


def _repeat_header(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(_el("w:tblHeader"))


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as a DOCX package (bytes)."""
    return _Writer(ordinance, options).render()


def _stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the package with fixed entry times, so equal answers give equal bytes."""
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 12, 0, 0)
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
