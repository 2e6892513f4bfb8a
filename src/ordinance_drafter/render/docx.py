"""DOCX rendering with python-docx: named styles, real headings, fields and Word comments.

Every part of the ordinance gets a named paragraph style defined in the document, so an
attorney can restyle the whole draft in one place (Home > Styles in Word). Section
headings carry real outline levels, so Word's navigation pane lists them. The header says
DRAFT with the draft date; the footer has "Page X of Y" as live fields.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from ..model import Metadata, Note, Ordinance, Paragraph, Section
from . import RenderOptions, flag_text

FONT = "Times New Roman"
NOTE_FONT = "Arial"

# name -> (base style, outline level or None, settings)
STYLES: dict[str, dict] = {
    "Ordinance Disclaimer": {
        "size": 9,
        "font": NOTE_FONT,
        "shade": "F2F2F2",
        "border": True,
        "after": 12,
    },
    "Ordinance Number": {"bold": True, "align": "center", "after": 6, "size": 13},
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
    "Findings Intro": {"after": 6},
    "Finding": {"left": 0.5, "hanging": 0.5, "after": 6, "justify": True},
    "Enacting Clause": {"bold": True, "before": 12, "after": 12},
    "Section Heading": {"base": "Heading 2", "outline": 1, "bold": True, "before": 12, "after": 6},
    "Section Text": {"after": 6, "justify": True},
    "Subsection 1": {"left": 0.5, "hanging": 0.5, "after": 6, "justify": True},
    "Subsection 2": {"left": 1.0, "hanging": 0.5, "after": 6, "justify": True},
    "Subsection 3": {"left": 1.5, "hanging": 0.5, "after": 6, "justify": True},
    "Subsection 4": {"left": 2.0, "hanging": 0.5, "after": 6, "justify": True},
    "Definition": {"left": 0.5, "hanging": 0.5, "after": 6, "justify": True},
    "Signature Block": {"after": 0, "keep": True},
    "Signature Line": {"before": 30, "after": 0, "keep": True},
    "Drafter Note": {
        "font": NOTE_FONT,
        "size": 9,
        "shade": "EAF1F8",
        "left": 0.25,
        "after": 4,
        "border": True,
    },
    "Notes Heading": {
        "base": "Heading 1",
        "outline": 0,
        "bold": True,
        "align": "center",
        "size": 13,
        "before": 0,
        "after": 12,
    },
    "Note Heading": {
        "base": "Heading 3",
        "outline": 2,
        "bold": True,
        "font": NOTE_FONT,
        "size": 10,
        "before": 12,
        "after": 4,
    },
    "Note Text": {"font": NOTE_FONT, "size": 9.5, "after": 4},
    "Note Source": {"font": NOTE_FONT, "size": 9, "left": 0.25, "after": 2},
    "State Law Flag": {
        "font": NOTE_FONT,
        "size": 9.5,
        "bold": True,
        "shade": "FDECEA",
        "after": 4,
        "border": True,
    },
}


def _shade(pPr: OxmlElement, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    pPr.append(shd)


def _border(pPr: OxmlElement) -> None:
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "4")
        el.set(qn("w:color"), "A6A6A6")
        bdr.append(el)
    pPr.append(bdr)


def _define_styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for name, cfg in STYLES.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[cfg.get("base", "Normal")]
        style.quick_style = True
        font = style.font
        font.name = cfg.get("font", FONT)
        font.size = Pt(cfg.get("size", 12))
        font.bold = cfg.get("bold", False)
        font.italic = cfg.get("italic", False)
        font.all_caps = cfg.get("caps", False)
        font.color.rgb = RGBColor(0, 0, 0)
        pf = style.paragraph_format
        pf.space_before = Pt(cfg.get("before", 0))
        pf.space_after = Pt(cfg.get("after", 6))
        if "left" in cfg:
            pf.left_indent = Inches(cfg["left"])
        if "hanging" in cfg:
            pf.first_line_indent = Inches(-cfg["hanging"])
        if cfg.get("align") == "center":
            pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif cfg.get("justify"):
            pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if cfg.get("keep") or "outline" in cfg:
            pf.keep_with_next = True
        pPr = style.element.get_or_add_pPr()
        if "outline" in cfg:
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(cfg["outline"]))
            pPr.append(lvl)
        if cfg.get("border"):
            _border(pPr)
        if "shade" in cfg:
            _shade(pPr, cfg["shade"])
    style = styles.add_style("Cross Reference", WD_STYLE_TYPE.CHARACTER)
    style.quick_style = True


def _field(paragraph, instruction: str, cached: str) -> None:
    """Append a Word field (e.g. PAGE) with a cached result to ``paragraph``."""

    def run_with(el: OxmlElement) -> None:
        run = paragraph.add_run()
        run._r.append(el)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run(cached)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _header_footer(doc: Document, ordinance: Ordinance, options: RenderOptions) -> None:
    section = doc.sections[0]
    date = dt.date.fromisoformat(ordinance.metadata.draft_date)
    header = section.header.paragraphs[0]
    text = f"DRAFT — {date.strftime('%B')} {date.day}, {date.year}"
    if options.confidential:
        text += " — Confidential attorney work product"
    header.text = text
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(9)
        run.font.name = NOTE_FONT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")
    for run in footer.runs:
        run.font.size = Pt(9)
    if options.line_numbers:
        sectPr = section._sectPr
        ln = OxmlElement("w:lnNumType")
        ln.set(qn("w:countBy"), "1")
        ln.set(qn("w:restart"), "newPage")
        ln.set(qn("w:distance"), "360")
        successors = (
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
        anchor = next((c for c in sectPr if c.tag in {qn(s) for s in successors}), None)
        if anchor is not None:
            anchor.addprevious(ln)
        else:
            sectPr.append(ln)


def _suppress_line_numbers(paragraph) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:suppressLineNumbers")
    pPr.append(el)


def _add_paragraph(doc: Document, p: Paragraph, style: str | None = None):
    if style is None:
        style = (
            "Definition"
            if p.kind == "definition" and p.level
            else (f"Subsection {min(p.level, 4)}" if p.level else "Section Text")
        )
    para = doc.add_paragraph(style=style)
    if p.label:
        para.add_run(p.label + "\t")
    for seg in p.segments:
        run = para.add_run(seg.text)
        if hasattr(seg, "target"):
            run.style = doc.styles["Cross Reference"]
    return para


def _note_lines(note: Note) -> Iterable[tuple[str, str]]:
    """The note as (kind, text) lines: flag, context, heading, text, source."""
    if note.variant_label:
        yield "text", f"Variant chosen: {note.variant_label}."
    for flag in note.flags:
        # State-law warnings stand out; federal and state context read as note text.
        warning = flag.scope == "state" and flag.severity != "info"
        yield ("flag" if warning else "context"), flag_text(flag)
    for part in note.parts:
        for i, para in enumerate(part.paragraphs):
            yield "text", (f"{part.heading}. {para}" if i == 0 else para)
    if note.sources:
        yield "heading", "Sources"
        for s in note.sources:
            status = "" if s.status == "verified" else f" [{s.status}: check before relying]"
            extra = f" — {s.note}" if s.note else ""
            yield "source", f"{s.cite}{extra}{status}"


def _add_comment(doc: Document, runs, note: Note, meta: Metadata) -> None:
    comment = doc.add_comment(
        runs, text=f"Drafter's note — {note.title}", author=meta.notes_author, initials="OD"
    )
    # A fixed timestamp (the draft date) keeps rebuilds from the same answers identical.
    comment._comment_elm.set(qn("w:date"), f"{meta.draft_date}T12:00:00Z")
    for _kind, text in _note_lines(note):
        comment.add_paragraph(text)


def _add_inline_note(doc: Document, note: Note, heading: str) -> None:
    p = doc.add_paragraph(f"Drafter's note — {heading}", style="Drafter Note")
    p.runs[0].bold = True
    for kind, text in _note_lines(note):
        para = doc.add_paragraph(text, style="Drafter Note")
        if kind == "flag":
            para.runs[0].bold = True
        elif kind == "context":
            para.runs[0].italic = True


def _add_appendix_note(doc: Document, note: Note, heading: str) -> None:
    doc.add_paragraph(heading, style="Note Heading")
    for kind, text in _note_lines(note):
        style = {"flag": "State Law Flag", "source": "Note Source"}.get(kind, "Note Text")
        para = doc.add_paragraph(text, style=style)
        if kind == "heading":
            para.runs[0].bold = True
        elif kind == "context":
            para.runs[0].italic = True


def _section(
    doc: Document, section: Section, options: RenderOptions, meta: Metadata, prefix: str = "Section"
) -> None:
    heading = doc.add_paragraph(style="Section Heading")
    run = heading.add_run(f"{prefix} {section.number}. {section.caption}")
    for p in section.paragraphs:
        _add_paragraph(doc, p)
    if section.note is None:
        return
    if options.notes == "comments":
        _add_comment(doc, [run], section.note, meta)
    elif options.notes == "inline":
        _add_inline_note(doc, section.note, f"{prefix} {section.number}")


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as a DOCX package (bytes)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    _define_styles(doc)
    _header_footer(doc, ordinance, options)
    author = ordinance.metadata.notes_author

    disclaimer = doc.add_paragraph(ordinance.disclaimer, style="Ordinance Disclaimer")
    _suppress_line_numbers(disclaimer)
    doc.add_paragraph(ordinance.number_line, style="Ordinance Number")
    doc.add_paragraph(ordinance.title, style="Ordinance Title")
    doc.add_paragraph(ordinance.jurisdiction_name, style="Ordinance Jurisdiction")

    if ordinance.findings:
        head = doc.add_paragraph(style="Findings Heading")
        run = head.add_run("Findings")
        doc.add_paragraph(ordinance.findings.intro, style="Findings Intro")
        for p in ordinance.findings.paragraphs:
            _add_paragraph(doc, p, "Finding")
        note = ordinance.findings.note
        if note and options.notes == "comments":
            _add_comment(doc, [run], note, ordinance.metadata)
        elif note and options.notes == "inline":
            _add_inline_note(doc, note, "Findings")

    doc.add_paragraph(ordinance.enacting_clause, style="Enacting Clause")
    for sec in ordinance.sections:
        _section(doc, sec, options, ordinance.metadata)

    sig = ordinance.signature
    doc.add_paragraph(sig.passed_line, style="Signature Block").paragraph_format.space_before = Pt(
        18
    )
    for line in (*sig.signers, *sig.attest):
        doc.add_paragraph("_" * 36, style="Signature Line")
        doc.add_paragraph(line.role, style="Signature Block")
    for line in sig.extra_lines:
        para = doc.add_paragraph(line, style="Signature Block")
        para.paragraph_format.space_before = Pt(12)
    if sig.confirm_note:
        para = doc.add_paragraph(sig.confirm_note, style="Drafter Note")
        para.paragraph_format.space_before = Pt(12)

    if ordinance.resolution:
        res = ordinance.resolution
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(res.title, style="Ordinance Title")
        doc.add_paragraph(res.intro, style="Section Text")
        for sec in res.sections:
            _section(doc, sec, options, ordinance.metadata, prefix="Paragraph")
        doc.add_paragraph(res.closing, style="Signature Block")

    if options.notes == "appendix":
        doc.add_section(WD_SECTION.NEW_PAGE)
        doc.add_paragraph("Explanatory Notes", style="Notes Heading")
        doc.add_paragraph(
            "These notes explain each section: what it does, why, its legal basis and risks, "
            "and the laws it is modeled on. They are not part of the ordinance.",
            style="Note Text",
        )
        for line in ordinance.form_notes:
            doc.add_paragraph(f"Form and procedure. {line}", style="Note Text")
        if ordinance.findings and ordinance.findings.note:
            _add_appendix_note(doc, ordinance.findings.note, "Findings")
        for sec in ordinance.sections:
            if sec.note:
                _add_appendix_note(doc, sec.note, sec.heading)
        if ordinance.resolution:
            for sec in ordinance.resolution.sections:
                if sec.note:
                    _add_appendix_note(
                        doc, sec.note, f"Resolution paragraph {sec.number}. {sec.caption}"
                    )

    props = doc.core_properties
    meta = ordinance.metadata
    props.title = f"{ordinance.jurisdiction_name}: {ordinance.title}"[:255]
    props.subject = "Model separation ordinance (draft for attorney review)"
    props.keywords = ", ".join(meta.keywords)
    props.author = author
    comments = (
        f"Generated by Ordinance Drafter. Clause library: {meta.library_name} "
        f"{meta.library_version}. Answers fingerprint: {meta.answers_fingerprint}. "
        f"Provisions: {', '.join(meta.provisions)}."
    )
    # The core-properties field holds at most 255 characters; a long provision list is cut.
    props.comments = comments if len(comments) <= 255 else comments[:254] + "…"
    props.category = "Model ordinance — draft"
    props.version = meta.library_version
    stamp = dt.datetime.combine(dt.date.fromisoformat(meta.draft_date), dt.time(12, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), stamp)


def _stable_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the package with fixed entry times, so equal answers give equal bytes."""
    out = io.BytesIO()
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 12, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()
