"""Self-contained HTML: one file, no external assets, readable on a projector.

HTML has no comments, so the ``comments`` notes mode shows each note after its section,
as ``inline`` does. Cross-references are links to the section or subsection they cite.
"""

from __future__ import annotations

from html import escape

from ..assembly.model import Note, Ordinance, Paragraph, Ref, Section
from ..statelaw.flags import Flag
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
    typeset,
)

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
@media print{.note,.flag{break-inside:avoid}.cover{break-after:page}}
"""


def _para(p: Paragraph, cls: str = "") -> str:
    parts = []
    for seg in p.segments:
        text = escape(typeset(seg.text))
        if isinstance(seg, Ref):
            parts.append(f'<a class="xref" href="#{escape(seg.target)}">{text}</a>')
        else:
            parts.append(text)
    label = f'<span class="label">{escape(p.label)}</span>' if p.label else ""
    anchor = f' id="{escape(p.anchor)}"' if p.anchor else ""
    classes = " ".join(c for c in (cls, f"l{min(p.level, 4)}" if p.level else "") if c)
    attr = f' class="{classes}"' if classes else ""
    return f"<p{anchor}{attr}>{label}{''.join(parts)}</p>"


def _flag_box(where: str, flag: Flag) -> str:
    lead = f"{escape(where)} — " if where else ""
    cls = "flag" if is_warning(flag) else "flag context"
    return (
        f'<p class="{cls}">{lead}{escape(flag_label(flag))}: '
        f"{escape(typeset(flag_message(flag)))}</p>"
    )


def _note(note: Note, heading: str) -> str:
    out = [f'<div class="note"><p><strong>{escape(heading)}</strong></p>']
    out += [_flag_box("", f) for f in sorted(note.flags, key=lambda f: not is_warning(f))]
    sources: list[str] = []
    for kind, text in note_lines(note):
        body = escape(typeset(text))
        if kind in ("flag", "context"):
            continue  # printed above, as boxes
        if kind == "part":
            lead, _, rest = text.partition(". ")
            out.append(f"<p><strong>{escape(lead)}.</strong> {escape(typeset(rest))}</p>")
        elif kind == "variant":
            out.append(f"<p><em>{body}</em></p>")
        elif kind == "sources":
            out.append(f"<p><strong>{body}</strong></p>")
        elif kind == "source":
            sources.append(f"<li>{body}</li>")
        else:
            out.append(f"<p>{body}</p>")
    if sources:
        out.append("<ul>" + "".join(sources) + "</ul>")
    out.append("</div>")
    return "\n".join(out)


def _section(section: Section, notes: str, prefix: str = "Section", tag: str = "h3") -> str:
    number = section.number_label if prefix == "Section" else f"{prefix} {section.number}."
    out = [
        f'<{tag} id="{escape(section.anchor)}">{escape(number)} {escape(section.caption)}</{tag}>'
    ]
    out += [_para(p) for p in section.paragraphs]
    if section.note and notes in ("inline", "comments"):
        out.append(_note(section.note, f"Drafter's note — {prefix} {section.number}"))
    return "\n".join(out)


def _cover(o: Ordinance) -> list[str]:
    out = ['<section class="cover">', f"<h2>Summary: {escape(o.jurisdiction_name)}</h2>"]
    out.append(
        f"<p>{escape(o.title)}. Draft of {escape(long_date(o.metadata.draft_date))}. "
        f"{escape(COVER_NOTE)}</p>"
    )
    out.append("<h3>What the ordinance does</h3><ul>")
    for sec in o.sections:
        if sec.summary:
            out.append(f"<li><strong>{escape(sec.heading)}</strong> {escape(sec.summary)}</li>")
    out.append("</ul>")
    if o.resolution:
        out.append(f"<h3>{escape(o.resolution.title)}</h3><ul>")
        for sec in o.resolution.sections:
            out.append(
                f"<li><strong>Paragraph {escape(sec.number)}. {escape(sec.caption)}</strong> "
                f"{escape(sec.summary)}</li>"
            )
        out.append("</ul>")
    out.append("<h3>State law</h3>")
    warnings, context = cover_state_law(o)
    out += [_flag_box(where, flag) for where, flag in warnings]
    if context:
        out.append(f"<p>{escape(context)}</p>")
    if not warnings and not context:
        out.append(
            "<p>None recorded for this state. The attorney must still check current state law.</p>"
        )
    rows = cover_sources(o)
    if rows:
        out.append(f"<h3>Sources</h3><p><em>{escape(SOURCES_FOOTNOTE)}</em></p>")
        out.append("<table><tr><th>Part</th><th>Modeled on or relies on</th></tr>")
        out += [
            f"<tr><td>{escape(where)}</td><td>{escape(typeset(cites))}</td></tr>"
            for where, cites in rows
        ]
        out.append("</table>")
    out.append("</section>")
    return out


def _signature_lines(o: Ordinance) -> list[str]:
    sig = o.signature
    out = [
        f'<p class="sigline signer">______________________________<br>{escape(line.role)}</p>'
        for line in sig.signers
    ]
    for i, line in enumerate(sig.attest):
        if i == 0:
            out.append('<p class="sigline">Attest:</p>')
        out.append(f"<p>______________________________<br>{escape(line.role)}</p>")
    return out


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as one self-contained HTML page."""
    o = ordinance
    body = _cover(o) if options.cover_summary else []
    body.append(f'<p class="disclaimer"><strong>{escape(o.disclaimer)}</strong></p>')
    flagged = [(where, f) for where, f in o.flagged_sections() if is_warning(f)]
    if flagged:
        body.append(f'<div class="flags"><p class="flag">{escape(FLAGS_BOX_LEAD)}</p>')
        body += [_flag_box(where, flag) for where, flag in flagged]
        body.append("</div>")
    body += [
        f"<h1>{escape(o.number_line)}</h1>",
        f"<h2>{escape(o.title)}</h2>",
        f'<p class="jur">{escape(o.jurisdiction_name)}</p>',
    ]
    if o.findings:
        body.append('<h3 id="findings">Findings</h3>')
        body.append(f"<p>{escape(o.findings.intro)}</p>")
        body += [_para(p) for p in o.findings.paragraphs]
        if o.findings.note and options.notes in ("inline", "comments"):
            body.append(_note(o.findings.note, "Drafter's note — Findings"))
    body.append(f'<p class="enact">{escape(o.enacting_clause)}</p>')
    code = o.code
    codified = [s for s in o.sections if s.codified] if code else []
    if code:
        body.append(
            f"<h3>Section {escape(code.section_number)}. "
            f'<span class="instruction">{escape(code.instruction)}</span></h3>'
        )
        body.append(f'<h2 class="chapter">{escape(code.heading)}</h2>')
        body += [_section(s, options.notes, tag="h4") for s in codified]
    body += [_section(s, options.notes) for s in o.sections if s not in codified]
    sig = o.signature
    body.append(f'<div class="sig"><p>{escape(sig.passed_line)}</p>')
    body += _signature_lines(o)
    body += [f"<p>{escape(line)}</p>" for line in sig.extra_lines]
    if sig.confirm_note:
        body.append(f'<p class="note">{escape(sig.confirm_note)}</p>')
    body.append("</div>")
    if o.resolution:
        res = o.resolution
        body.append(f"<hr><h2>{escape(res.title)}</h2><p>{escape(res.intro)}</p>")
        body += [_section(s, options.notes, "Paragraph") for s in res.sections]
        body.append(f'<div class="sig"><p>{escape(res.closing)}</p>')
        body += _signature_lines(o)
        body.append("</div>")
    if options.notes == "appendix":
        body.append(f"<hr><h2>Explanatory Notes</h2><p>{escape(NOTES_INTRO)}</p>")
        body += [
            f'<p class="note"><strong>Form and procedure.</strong> {escape(n)}</p>'
            for n in o.form_notes
        ]
        if o.findings and o.findings.note:
            body.append(_note(o.findings.note, "Findings"))
        body += [_note(s.note, s.heading) for s in o.sections if s.note]
        if o.resolution:
            body += [
                _note(s.note, f"Resolution paragraph {s.number}. {s.caption}")
                for s in o.resolution.sections
                if s.note
            ]
    title = escape(f"{o.jurisdiction_name}: {o.title}")
    html = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    return html.encode("utf-8")
