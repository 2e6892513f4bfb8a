"""Markdown rendering: for previews, golden tests and pasting into other tools.

Markdown has no comments, so the ``comments`` notes mode gives the notes in an appendix,
as ``appendix`` does.
"""

from __future__ import annotations

from ..assembly.model import Note, Ordinance, Paragraph, Section
from . import (
    COVER_NOTE,
    FLAGS_BOX_LEAD,
    NOTES_INTRO,
    SOURCES_FOOTNOTE,
    RenderOptions,
    cover_sources,
    cover_state_law,
    flag_label,
    flag_message,
    is_warning,
    long_date,
    note_lines,
)

_INDENT = "\u2003"  # an em space per nesting level keeps the labels aligned in any viewer


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


def paragraph_text(p: Paragraph) -> str:
    """A paragraph as one Markdown line, indented by its level."""
    indent = _INDENT * max(p.level - 1, 0)
    return f"{indent}{_escape(p.labelled_text)}"


def section_markdown(section: Section, level: int = 3) -> str:
    """One section: its heading and paragraphs (also used for clause samples)."""
    lines = [f"{'#' * level} {_escape(section.heading)}", ""]
    for p in section.paragraphs:
        lines += [paragraph_text(p), ""]
    return "\n".join(lines).rstrip() + "\n"


def note_markdown(note: Note, heading: str, level: int = 4) -> str:
    """An explanatory note with its sources, any state-law warnings first."""
    lines = [f"{'#' * level} {_escape(heading)}", ""]
    for kind, text in note_lines(note):
        if kind in ("flag", "context"):
            label, _, rest = text.partition(": ")
            lines += [f"> **{_escape(label)}:** {_escape(rest)}", ""]
        elif kind == "variant":
            lines += [f"*{_escape(text)}*", ""]
        elif kind == "part":
            lead, _, rest = text.partition(". ")
            lines += [f"**{_escape(lead)}.** {_escape(rest)}", ""]
        elif kind == "sources":
            lines += [f"**{_escape(text)}**", ""]
        elif kind == "source":
            lines.append(f"- {_escape(text)}")
        else:
            lines += [_escape(text), ""]
    lines.append("")
    return "\n".join(lines)


def _flags_box(ordinance: Ordinance) -> list[str]:
    flagged = [(where, f) for where, f in ordinance.flagged_sections() if is_warning(f)]
    if not flagged:
        return []
    out = [f"> **{_escape(FLAGS_BOX_LEAD)}**", ">"]
    for where, flag in flagged:
        label, text = flag_label(flag), flag_message(flag)
        out += [f"> - {_escape(where)} — **{_escape(label)}:** {_escape(text)}"]
    return [*out, ""]


def _cover(o: Ordinance) -> list[str]:
    out = [f"## Summary: {_escape(o.jurisdiction_name)}", ""]
    out += [
        _escape(f"{o.title}. Draft of {long_date(o.metadata.draft_date)}. {COVER_NOTE}"),
        "",
    ]
    out += ["### What the ordinance does", ""]
    for sec in o.sections:
        if sec.summary:
            out.append(f"- **{_escape(sec.heading)}** {_escape(sec.summary)}")
    out.append("")
    if o.resolution:
        out += [f"### {_escape(o.resolution.title)}", ""]
        for sec in o.resolution.sections:
            out.append(
                f"- **Paragraph {_escape(sec.number)}. {_escape(sec.caption)}** "
                f"{_escape(sec.summary)}".rstrip()
            )
        out.append("")
    out += ["### State law", ""]
    warnings, context = cover_state_law(o)
    for where, flag in warnings:
        label, text = flag_label(flag), flag_message(flag)
        out.append(f"- {_escape(where)} — **{_escape(label)}:** {_escape(text)}")
    if context:
        out += ["", _escape(context)]
    if not warnings and not context:
        out.append("None recorded for this state. The attorney must still check current state law.")
    out.append("")
    rows = cover_sources(o)
    if rows:
        out += ["### Sources", "", f"*{_escape(SOURCES_FOOTNOTE)}*", ""]
        out += ["| Part | Modeled on or relies on |", "|---|---|"]
        out += [f"| {_cell(where)} | {_cell(cites)} |" for where, cites in rows]
        out.append("")
    return [*out, "---", ""]


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as Markdown (UTF-8 bytes)."""
    o = ordinance
    out: list[str] = _cover(o) if options.cover_summary else []
    out += [f"> **{_escape(o.disclaimer)}**", ""]
    out += _flags_box(o)
    out += [f"# {_escape(o.number_line)}", "", f"## {_escape(o.title)}", ""]
    out += [f"*{_escape(o.jurisdiction_name)}*", ""]
    inline = options.notes == "inline"
    appendix = options.notes in ("appendix", "comments")
    if o.findings:
        out += ["### Findings", "", _escape(o.findings.intro), ""]
        out += [line for p in o.findings.paragraphs for line in (paragraph_text(p), "")]
        if inline and o.findings.note:
            out += [note_markdown(o.findings.note, "Drafter's note: Findings")]
    out += [f"**{_escape(o.enacting_clause)}**", ""]

    def section(sec: Section, level: int, prefix: str = "Section") -> None:
        out.append(section_markdown(sec, level))
        if inline and sec.note:
            out.append(note_markdown(sec.note, f"Drafter's note: {prefix} {sec.number}", level + 1))

    code = o.code
    codified = [s for s in o.sections if s.codified] if code else []
    if code:
        out += [f"### Section {_escape(code.section_number)}. {_escape(code.instruction)}", ""]
        out += [f"### {_escape(code.heading)}", ""]
        for sec in codified:
            section(sec, 4)
    for sec in o.sections:
        if sec not in codified:
            section(sec, 3)
    sig = o.signature
    out += ["---", "", _escape(sig.passed_line), ""]
    out += _signature_lines(o)
    for line in sig.extra_lines:
        out += [_escape(line), ""]
    if sig.confirm_note:
        out += [f"*{_escape(sig.confirm_note)}*", ""]
    if o.resolution:
        res = o.resolution
        out += ["---", "", f"## {_escape(res.title)}", "", _escape(res.intro), ""]
        for sec in res.sections:
            section(sec, 3, "Paragraph")
        out += [_escape(res.closing), ""]
        out += _signature_lines(o)
    if appendix:
        out += ["---", "", "## Explanatory Notes", "", _escape(NOTES_INTRO), ""]
        for line in o.form_notes:
            out += [f"**Form and procedure.** {_escape(line)}", ""]
        if o.findings and o.findings.note:
            out.append(note_markdown(o.findings.note, "Findings", 3))
        for sec in o.sections:
            if sec.note:
                out.append(note_markdown(sec.note, sec.heading, 3))
        if o.resolution:
            for sec in o.resolution.sections:
                if sec.note:
                    out.append(
                        note_markdown(
                            sec.note, f"Resolution paragraph {sec.number}. {sec.caption}", 3
                        )
                    )
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return (text.rstrip() + "\n").encode("utf-8")


def _signature_lines(o: Ordinance) -> list[str]:
    sig = o.signature
    out: list[str] = []
    for line in sig.signers:
        out += ["", "\\_" * 30, "", _escape(line.role), ""]
    for i, line in enumerate(sig.attest):
        if i == 0:
            out += ["Attest:", ""]
        out += ["\\_" * 30, "", _escape(line.role), ""]
    return out
