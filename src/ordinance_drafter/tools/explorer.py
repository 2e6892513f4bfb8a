"""The HTML options explorer: ``ordinance-drafter explore -o options.html``.

One self-contained page for trainers: every provision of the clause library, grouped by
category, with its variants, notes and sources. The variants stand side by side, each
drafted for a sample city or a sample county (a switch at the top selects which), and each
marked word by word against the first variant (:mod:`marks`: ``<ins>`` added, ``<del>``
removed). A second switch shows one variant at a time instead, the one the provision's
radio buttons choose. A state selector shows, under each provision, what that state's law
data says about it (:mod:`explorer_states`).

All text is drafted when the page is written (with :func:`catalog.variant_samples`), so the
page needs no server and no external asset: the styles and a few lines of script are
inline, and a Content-Security-Policy forbids loading anything else. Without script the
page shows every variant side by side for the sample city, and no state's flags.

A URL fragment selects options when the page opens, which makes a view shareable::

    options.html#status_inquiry=status_and_birthplace&kind=county&layout=one&state=TX
"""

from __future__ import annotations

from html import escape

from ..library.loader import Library
from .catalog import SAMPLE_KINDS, VariantSample, variant_samples
from .explorer_states import nav_flags, provision_state_law, state_select, state_summaries
from .marks import Marked, MarkedLine, mark_variants

CSS = """
body{font-family:Georgia,'Times New Roman',serif;max-width:84rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.5;color:#111;background:#fff}
header{border-bottom:2px solid #333;margin-bottom:1rem}
.disclaimer{border:1px solid #999;background:#f4f4f4;padding:.5rem .8rem;
font-family:Arial,sans-serif;font-size:.85rem}
.controls{font-family:Arial,sans-serif;margin:.8rem 0;position:sticky;top:0;background:#fff;
padding:.4rem 0;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:.4rem 2rem;z-index:1}
nav ul{columns:2;font-family:Arial,sans-serif;font-size:.9rem}
h2.category{margin-top:2rem;border-bottom:1px solid #aaa}
section.provision{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;
scroll-margin-top:4rem}
.meta{font-family:Arial,sans-serif;font-size:.8rem;color:#555}
fieldset{border:1px solid #ddd;font-family:Arial,sans-serif;font-size:.9rem}
fieldset label{display:block;margin:.2rem 0;cursor:pointer}
.vsum{color:#444}
.text{background:#fafafa;border-left:4px solid #6b8fb3;padding:.4rem .8rem;margin:.6rem 0}
.text p{margin:.3rem 0}.text .h{font-weight:bold}
.l1{margin-left:1.5rem}.l2{margin-left:3rem}.l3{margin-left:4.5rem}.l4{margin-left:6rem}
.note{font-family:Arial,sans-serif;font-size:.9rem}
.note h4{margin:.6rem 0 .2rem}.note summary{cursor:pointer;font-weight:bold}
.unavailable{font-style:italic;color:#555}
.sources{font-family:Arial,sans-serif;font-size:.85rem}
.variants{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 1rem}
body[data-layout=one] .variants{display:block}
.variant{border-top:3px solid #eee;margin-top:.4rem}.variant.chosen{border-top-color:#6b8fb3}
.vlabel{font-family:Arial,sans-serif;font-weight:bold;margin:.3rem 0 0}
ins{background:#dff3df;color:#0b4a14;text-decoration:underline}
del{background:#fbe3e3;color:#7d1010;text-decoration:line-through}
.text p.gone{opacity:.8}
.state-summary{border:1px solid #c9b36b;background:#fffaf0;padding:.3rem .8rem;margin:.6rem 0;
font-family:Arial,sans-serif;font-size:.9rem}
.statelaw{font-family:Arial,sans-serif;font-size:.9rem}
.flags{border-left:4px solid #c9b36b;padding:.1rem .8rem;margin:.6rem 0;background:#fffaf0}
.flag{margin:.3rem 0}.flag.forbidden strong{color:#8a1010}.flag.limited strong{color:#8a4b00}
.flag.restates strong,.flag.info strong{color:#1f4d7a}.cites{color:#444}
.lawful{border-left:4px solid #4c8a4c;padding-left:.6rem}
.sev{font-size:.75rem;margin-left:.4rem;padding:0 .3rem;border-radius:3px;color:#fff;
background:#666}
.sev.forbidden{background:#8a1010}.sev.limited{background:#8a4b00}
[hidden]{display:none!important}
"""

SCRIPT = """
(function () {
  var body = document.body;
  function showVariant(section, variant) {
    section.querySelectorAll('.variant').forEach(function (panel) {
      var on = panel.dataset.variant === variant;
      panel.classList.toggle('chosen', on);
      panel.hidden = body.dataset.layout === 'one' && !on;
    });
  }
  function refreshVariants() {
    document.querySelectorAll('section.provision').forEach(function (section) {
      var checked = section.querySelector('fieldset input[type=radio]:checked');
      if (checked) { showVariant(section, checked.value); }
    });
  }
  function showStateLaw() {
    var select = document.getElementById('state');
    var state = select ? select.value : '';
    var name = select && state ? select.options[select.selectedIndex].text : '';
    var kind = body.dataset.showing || 'city';
    body.dataset.state = state;
    document.querySelectorAll('.state-summary').forEach(function (el) {
      el.hidden = el.dataset.state !== state;
    });
    document.querySelectorAll('.statelaw').forEach(function (box) {
      var found = false;
      box.querySelectorAll('.flags').forEach(function (el) {
        el.hidden = !(el.dataset.state === state && el.dataset.for === kind);
        found = found || !el.hidden;
      });
      var none = box.querySelector('.noflag');
      none.hidden = !state || found;
      none.textContent = 'The state data has no flag on this provision for a ' + kind +
        ' in ' + name + '.';
    });
    document.querySelectorAll('nav li[data-flags]').forEach(function (li) {
      var badge = li.querySelector('.sev');
      var prefix = state + ':' + kind + ':';
      var token = li.dataset.flags.split(' ').filter(function (t) {
        return state && t.indexOf(prefix) === 0;
      })[0];
      var severity = token ? token.slice(prefix.length) : '';
      badge.hidden = !severity;
      badge.textContent = severity;
      badge.className = 'sev ' + severity;
    });
  }
  function showKind(kind) {
    document.querySelectorAll('div[data-kind]').forEach(function (el) {
      el.hidden = el.dataset.kind !== kind;
    });
    body.dataset.showing = kind;
    showStateLaw();
  }
  function showLayout(layout) {
    body.dataset.layout = layout;
    refreshVariants();
  }
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (input.name === 'kind') { showKind(input.value); return; }
    if (input.name === 'layout') { showLayout(input.value); return; }
    if (input.id === 'state') { showStateLaw(); return; }
    var section = input.closest('section.provision');
    if (section && input.type === 'radio') { showVariant(section, input.value); }
  });
  // A fragment such as #status_inquiry=status_and_birthplace&kind=county&layout=one&state=TX
  // selects options.
  var wanted = decodeURIComponent(location.hash.replace(/^#/, ''));
  var first = null;
  wanted.split('&').forEach(function (pair) {
    var parts = pair.split('=');
    if (parts.length !== 2) { return; }
    if (parts[0] === 'state') {
      var select = document.getElementById('state');
      if (select && select.querySelector('option[value="' + parts[1] + '"]')) {
        select.value = parts[1];
      }
      return;
    }
    var input = parts[0] === 'kind' ? document.getElementById('kind-' + parts[1])
      : parts[0] === 'layout' ? document.getElementById('layout-' + parts[1])
      : document.getElementById('v-' + parts[0] + '-' + parts[1]);
    if (input) {
      input.click();
      if (!first && parts[0] !== 'kind' && parts[0] !== 'layout') {
        first = input.closest('section.provision');
      }
    }
  });
  document.querySelectorAll('input[name=layout]:checked').forEach(function (input) {
    showLayout(input.value);
  });
  document.querySelectorAll('input[name=kind]:checked').forEach(function (input) {
    showKind(input.value);
  });
  if (first) { first.scrollIntoView(); }
})();
"""

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src 'none'; form-action 'none'; base-uri 'none'"
)


def _marked_line(line: MarkedLine) -> str:
    parts = []
    for op, text in line.pieces:
        if op == "insert":
            parts.append(f"<ins>{escape(text)}</ins>")
        elif op == "delete":
            parts.append(f"<del>{escape(text)}</del>")
        else:
            parts.append(escape(text))
    return "".join(parts)


def _text_block(sample: VariantSample, kind: str, marked: Marked) -> str:
    if kind not in sample.paragraphs:
        reason = sample.unavailable.get(kind, "")
        return f'<p class="unavailable">Not offered here. {escape(reason)}</p>'
    out = ['<div class="text">']
    for line in marked.lines[sample.id]:
        only_base = all(op == "delete" for op, _t in line.pieces)
        classes = ["h"] if line.level < 0 else ([f"l{min(line.level, 4)}"] if line.level else [])
        if only_base:
            classes.append("gone")
        cls = f' class="{" ".join(classes)}"' if classes else ""
        out.append(f"<p{cls}>{_marked_line(line)}</p>")
    out.append("</div>")
    note = sample.notes.get(kind, ())
    if note:
        out.append('<details class="note"><summary>Explanatory note</summary>')
        for heading, paragraphs in note:
            out.append(f"<h4>{escape(heading)}</h4>")
            out += [f"<p>{escape(p)}</p>" for p in paragraphs]
        out.append("</details>")
    return "\n".join(out)


def _marks_caption(sample: VariantSample, marked: Marked, labels: dict[str, str]) -> str:
    if len(labels) < 2 or sample.id not in marked.lines:
        return ""
    if sample.id == marked.baseline:
        return '<p class="meta">The other variants are marked against this one.</p>'
    if not marked.differs(sample.id):
        return f'<p class="meta">Reads the same as {escape(labels[marked.baseline])} here.</p>'
    return (
        f'<p class="meta">Marked against {escape(labels[marked.baseline])}: '
        "<ins>added</ins>, <del>removed</del>.</p>"
    )


def _safe_url(url: str) -> str:
    return url if url.startswith(("https://", "http://")) else ""


def _provision(library: Library, pid: str) -> str:
    clause = library.clauses[pid]
    spec = clause.spec
    samples = variant_samples(library, pid)
    facts = [
        f"id <code>{escape(spec.id)}</code>",
        f"version {escape(spec.version)}",
        "always included" if spec.required else "optional",
        "for " + " and ".join(escape(k) for k in spec.applies_to),
    ]
    if spec.needs_jail:
        facts.append("only where the jurisdiction or its sheriff runs a jail")
    if spec.requires:
        facts.append("requires " + ", ".join(escape(r) for r in spec.requires))
    if spec.conflicts:
        facts.append("conflicts with " + ", ".join(escape(r) for r in spec.conflicts))
    out = [
        f'<section class="provision" id="p-{escape(pid)}" data-provision="{escape(pid)}">',
        f"<h3>{escape(spec.title)}</h3>",
        f'<p class="meta">{" · ".join(facts)}</p>',
        f"<p>{escape(' '.join(spec.summary.split()))}</p>",
    ]
    if spec.variants:
        out.append(f"<fieldset><legend>Variants of {escape(spec.title)}</legend>")
        for i, s in enumerate(samples):
            checked = " checked" if i == 0 else ""
            input_id = f"v-{pid}-{s.id}"
            out.append(
                f'<label for="{escape(input_id)}"><input type="radio" name="v-{escape(pid)}" '
                f'id="{escape(input_id)}" value="{escape(s.id)}"{checked}> '
                f"<strong>{escape(s.label)}</strong> — "
                f'<span class="vsum">{escape(s.summary)}</span></label>'
            )
        out.append("</fieldset>")
    marked = {kind: mark_variants(samples, kind) for kind in SAMPLE_KINDS}
    labels = {s.id: s.label for s in samples}
    out.append('<div class="variants">')
    for i, s in enumerate(samples):
        chosen = " chosen" if i == 0 else ""
        out.append(f'<div class="variant{chosen}" data-variant="{escape(s.id)}">')
        if spec.variants:
            out.append(f'<p class="vlabel">{escape(s.label)}</p>')
        for j, kind in enumerate(SAMPLE_KINDS):
            kind_hidden = "" if j == 0 else " hidden"
            out.append(
                f'<div data-kind="{kind}"{kind_hidden}>'
                f'<p class="meta">Text for the {escape(s.jurisdictions[kind])} '
                "(default values)</p>"
                f"{_marks_caption(s, marked[kind], labels)}"
                f"{_text_block(s, kind, marked[kind])}</div>"
            )
        out.append("</div>")
    out.append("</div>")
    out.append(provision_state_law(library, pid, labels))
    out.append('<div class="sources"><strong>Sources</strong><ul>')
    for src in spec.sources:
        cite = escape(src.cite)
        url = _safe_url(src.url)
        if url:
            cite = f'<a href="{escape(url)}" rel="noreferrer">{cite}</a>'
        note = escape(src.whose) + (f" — {escape(src.note)}" if src.note else "")
        status = "" if src.status == "verified" else f" <em>[{escape(src.status)}]</em>"
        out.append(f"<li>{cite}{note}{status}</li>")
    out.append("</ul></div></section>")
    return "\n".join(out)


def render_explorer(library: Library) -> bytes:
    """Render the options explorer for a clause library as one self-contained HTML page.

    Raises:
        DrafterError: A provision's sample draft fails (a broken custom library).
    """
    from ..answers.sample import sample_jurisdiction

    city, county = (sample_jurisdiction(k).full_name for k in SAMPLE_KINDS)
    title = f"Options explorer — {library.meta.name} {library.version}"
    body = [
        "<header>",
        f"<h1>{escape(title)}</h1>",
        '<p class="disclaimer"><strong>Model text for teaching and review — not legal '
        "advice. Every draft built from these provisions is a model draft for review by the "
        "jurisdiction's attorney.</strong></p>",
        f"<p>{escape(' '.join(library.meta.description.split()))}</p>",
        "</header>",
        '<div class="controls">',
        '<div role="radiogroup" aria-label="Sample jurisdiction">Show text for: ',
        f'<label><input type="radio" name="kind" id="kind-city" value="city" checked> '
        f"{escape(city)}</label> ",
        f'<label><input type="radio" name="kind" id="kind-county" value="county"> '
        f"{escape(county)}</label></div>",
        '<div role="radiogroup" aria-label="How variants are shown">Variants: ',
        '<label><input type="radio" name="layout" id="layout-side" value="side" checked> '
        "side by side, marked</label> ",
        '<label><input type="radio" name="layout" id="layout-one" value="one"> '
        "one at a time</label></div>",
        state_select(library),
        "</div>",
        state_summaries(library, list(library.clauses)),
        "<nav><strong>Provisions</strong><ul>",
    ]
    by_category: dict[str, list[str]] = {}
    for pid, clause in library.clauses.items():
        by_category.setdefault(clause.spec.category, []).append(pid)
    for pid in library.clauses:
        body.append(
            f'<li data-flags="{escape(nav_flags(library, pid))}"><a href="#p-{escape(pid)}">'
            f"{escape(library.clauses[pid].spec.title)}</a>"
            '<span class="sev" hidden></span></li>'
        )
    body.append("</ul></nav>")
    for cid in library.category_ids:
        if cid not in by_category:
            continue
        body.append(f'<h2 class="category">{escape(library.category_title(cid))}</h2>')
        body += [_provision(library, pid) for pid in by_category[cid]]
    html = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n"
        '<body data-showing="city" data-layout="side">\n'
        + "\n".join(body)
        + f"\n<script>{SCRIPT}</script>\n"
        "</body></html>\n"
    )
    return html.encode("utf-8")
