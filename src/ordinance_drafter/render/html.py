"""Self-contained HTML: one file, no external assets, readable on a projector."""

from __future__ import annotations

from html import escape

from ..model import Note, Ordinance, Paragraph, Section
from . import RenderOptions, flag_label

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
line-height:1.55;color:#111;background:#fff;font-size:1.15rem}
.disclaimer{border:1px solid #999;background:#f4f4f4;padding:.6rem .9rem;
font-family:Arial,sans-serif;font-size:.85rem}
h1,h2{text-align:center}h1{font-size:1.4rem;margin-bottom:.2rem}
h2{font-size:1.2rem;text-transform:uppercase}
.jur{text-align:center;font-style:italic}.enact{font-weight:bold;margin:1.2rem 0}
h3{font-size:1.1rem;margin-top:1.6rem}p{margin:.35rem 0}
.l1{margin-left:2rem;text-indent:-2rem}.l2{margin-left:4rem;text-indent:-2rem}
.l3{margin-left:6rem;text-indent:-2rem}.l4{margin-left:8rem;text-indent:-2rem}
.note{font-family:Arial,sans-serif;font-size:.9rem;background:#eef4fa;border-left:4px solid #6b8fb3;
padding:.4rem .8rem;margin:.6rem 0}.flag{background:#fdecea;border-left-color:#c0392b}
.flag.context{background:#f3f0e6;border-left-color:#8a7a45}
.sig{margin-top:2rem}.sigline{margin-top:2.2rem}
a.xref{color:inherit;text-decoration:underline dotted}
@media print{.note{break-inside:avoid}}
"""


def _para(p: Paragraph) -> str:
    parts = []
    for seg in p.segments:
        target = getattr(seg, "target", "")
        text = escape(seg.text)
        parts.append(f'<a class="xref" href="#{escape(target)}">{text}</a>' if target else text)
    label = f"{escape(p.label)} " if p.label else ""
    anchor = f' id="{escape(p.anchor)}"' if p.anchor else ""
    cls = f' class="l{min(p.level, 4)}"' if p.level else ""
    return f"<p{anchor}{cls}>{label}{''.join(parts)}</p>"


def _note(note: Note, heading: str) -> str:
    out = [f'<div class="note"><p><strong>{escape(heading)}</strong></p>']
    for flag in note.flags:
        cites = f" ({escape('; '.join(flag.citations))})" if flag.citations else ""
        cls = "flag" if flag.scope == "state" and flag.severity != "info" else "flag context"
        out.append(
            f'<p class="{cls}"><strong>{escape(flag_label(flag))}:</strong> '
            f"{escape(flag.message)}{cites}</p>"
        )
    for part in note.parts:
        for i, para in enumerate(part.paragraphs):
            lead = f"<strong>{escape(part.heading)}.</strong> " if i == 0 else ""
            out.append(f"<p>{lead}{escape(para)}</p>")
    if note.sources:
        out.append("<p><strong>Sources.</strong></p><ul>")
        for s in note.sources:
            status = "" if s.status == "verified" else f" [{escape(s.status)}]"
            extra = f" — {escape(s.note)}" if s.note else ""
            out.append(f"<li>{escape(s.cite)}{extra}{status}</li>")
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out)


def _section(section: Section, notes: str, prefix: str = "Section") -> str:
    out = [
        f'<h3 id="{escape(section.anchor)}">{prefix} {escape(section.number)}. '
        f"{escape(section.caption)}</h3>"
    ]
    out += [_para(p) for p in section.paragraphs]
    if section.note and notes in ("inline", "comments"):
        out.append(_note(section.note, f"Drafter's note — {prefix} {section.number}"))
    return "\n".join(out)


def render(ordinance: Ordinance, options: RenderOptions) -> bytes:
    """Render the ordinance as one self-contained HTML page."""
    o = ordinance
    body = [
        f'<p class="disclaimer"><strong>{escape(o.disclaimer)}</strong></p>',
        f"<h1>{escape(o.number_line)}</h1>",
        f"<h2>{escape(o.title)}</h2>",
        f'<p class="jur">{escape(o.jurisdiction_name)}</p>',
    ]
    if o.findings:
        body.append("<h3>Findings</h3>")
        body.append(f"<p>{escape(o.findings.intro)}</p>")
        body += [_para(p) for p in o.findings.paragraphs]
        if o.findings.note and options.notes in ("inline", "comments"):
            body.append(_note(o.findings.note, "Drafter's note — Findings"))
    body.append(f'<p class="enact">{escape(o.enacting_clause)}</p>')
    body += [_section(s, options.notes) for s in o.sections]
    sig = o.signature
    body.append(f'<div class="sig"><p>{escape(sig.passed_line)}</p>')
    for line in (*sig.signers, *sig.attest):
        body.append(f'<p class="sigline">______________________________<br>{escape(line.role)}</p>')
    body += [f"<p>{escape(line)}</p>" for line in sig.extra_lines]
    if sig.confirm_note:
        body.append(f'<p class="note">{escape(sig.confirm_note)}</p>')
    body.append("</div>")
    if o.resolution:
        body.append(f"<hr><h2>{escape(o.resolution.title)}</h2><p>{escape(o.resolution.intro)}</p>")
        body += [_section(s, options.notes, "Paragraph") for s in o.resolution.sections]
        body.append(f"<p>{escape(o.resolution.closing)}</p>")
    if options.notes == "appendix":
        body.append("<hr><h2>Explanatory Notes</h2>")
        body += [f'<p class="note">{escape(n)}</p>' for n in o.form_notes]
        if o.findings and o.findings.note:
            body.append(_note(o.findings.note, "Findings"))
        body += [_note(s.note, s.heading) for s in o.sections if s.note]
    title = escape(f"{o.jurisdiction_name}: {o.title}")
    html = (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    return html.encode("utf-8")
