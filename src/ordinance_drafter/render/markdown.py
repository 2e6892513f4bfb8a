"""Markdown rendering: for previews, golden tests and pasting into other tools."""

from __future__ import annotations

from ..model import Note, Ordinance, Paragraph, Section
from . import RenderOptions, flag_label

_INDENT = "\u2003"  # an em space per nesting level keeps the labels aligned in any viewer


def _escape(text: str) -> str:
    """Escape characters Markdown would treat as formatting at the start of a line."""
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if text[:1] in "#+-|" or (text[:2].rstrip(".").isdigit() and text[1:2] == "."):
        text = "\\" + text
    return text


def paragraph_text(p: Paragraph) -> str:
    """A paragraph as one Markdown line, indented by its level."""
    indent = _INDENT * max(p.level - 1, 0)
    return f"{indent}{_escape(p.labelled_text)}"


def section_markdown(section: Section) -> str:
    """One section: its heading and paragraphs (also used for clause samples)."""
    lines = [f"### {_escape(section.heading)}", ""]
    for p in section.paragraphs:
        lines += [paragraph_text(p), ""]
    return "\n".join(lines).rstrip() + "\n"


def note_markdown(note: Note, heading: str) -> str:
    """An explanatory note with its sources and any warnings."""
    lines = [f"#### {_escape(heading)}", ""]
    if note.variant_label:
        lines += [f"*Variant: {_escape(note.variant_label)}*", ""]
    for flag in note.flags:
        cites = f" ({'; '.join(flag.citations)})" if flag.citations else ""
        lines += [f"> **{_escape(flag_label(flag))}:** {_escape(flag.message)}{_escape(cites)}", ""]
    for part in note.parts:
        lines += [f"**{_escape(part.heading)}.** " + _escape(part.paragraphs[0]), ""]
        lines += [p for para in part.paragraphs[1:] for p in (_escape(para), "")]
    if note.sources:
        lines += ["**Sources.**", ""]
        for s in note.sources:
            extra = f" — {s.note}" if s.note else ""
            status = "" if s.status == "verified" else f" [{s.status}]"
            lines.append(f"- {_escape(s.cite)}{_escape(extra)}{status}")
        lines.append("")
    return "\n".join(lines)


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as Markdown (UTF-8 bytes)."""
    out: list[str] = [f"> **{_escape(ordinance.disclaimer)}**", ""]
    out += [f"# {_escape(ordinance.number_line)}", "", f"## {_escape(ordinance.title)}", ""]
    out += [f"*{_escape(ordinance.jurisdiction_name)}*", ""]
    notes = options.notes
    inline = notes in ("inline",)
    appendix = notes in ("appendix", "comments")
    if ordinance.findings:
        out += ["### Findings", "", _escape(ordinance.findings.intro), ""]
        out += [line for p in ordinance.findings.paragraphs for line in (paragraph_text(p), "")]
        if inline and ordinance.findings.note:
            out += [note_markdown(ordinance.findings.note, "Drafter's note: Findings")]
    out += [f"**{_escape(ordinance.enacting_clause)}**", ""]
    for section in ordinance.sections:
        out.append(section_markdown(section))
        if inline and section.note:
            out.append(note_markdown(section.note, f"Drafter's note: Section {section.number}"))
    sig = ordinance.signature
    out += ["---", "", _escape(sig.passed_line), ""]
    for line in (*sig.signers, *sig.attest):
        out += ["", "\\_" * 30, "", _escape(line.role), ""]
    for line in sig.extra_lines:
        out += [_escape(line), ""]
    if sig.confirm_note:
        out += [f"*{_escape(sig.confirm_note)}*", ""]
    if ordinance.resolution:
        res = ordinance.resolution
        out += ["---", "", f"## {_escape(res.title)}", "", _escape(res.intro), ""]
        for section in res.sections:
            out.append(section_markdown(section))
            if inline and section.note:
                out.append(
                    note_markdown(section.note, f"Drafter's note: paragraph {section.number}")
                )
        out += [_escape(res.closing), ""]
    if appendix:
        out += ["---", "", "## Explanatory Notes", ""]
        for line in ordinance.form_notes:
            out += [f"*Form and procedure:* {_escape(line)}", ""]
        if ordinance.findings and ordinance.findings.note:
            out.append(note_markdown(ordinance.findings.note, "Findings"))
        for section in ordinance.sections:
            if section.note:
                out.append(note_markdown(section.note, section.heading))
        if ordinance.resolution:
            for section in ordinance.resolution.sections:
                if section.note:
                    out.append(
                        note_markdown(
                            section.note,
                            f"Resolution paragraph {section.number}. {section.caption}",
                        )
                    )
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return (text.rstrip() + "\n").encode("utf-8")
