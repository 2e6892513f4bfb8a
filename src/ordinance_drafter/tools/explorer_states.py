"""The options explorer's state view: what each state's law data says about each provision.

The page holds, for every state the library has data for, a short summary (what its law
provides, as of when) and, under each provision, that state's flags for a city and for a
county (``states/<CODE>.yaml``: severity, message, citations with how each was confirmed,
and any limit to some variants, jails or sentences) and, where the state-compliant preset
keeps the provision, why it is lawful there. A selector at the top of the page shows one
state's; the script in :mod:`explorer` does the showing. Everything is escaped text.
"""

from __future__ import annotations

from html import escape

from ..library.loader import Library
from ..statelaw.data import state_data
from ..statelaw.flags import applies, cited
from ..statelaw.schema import SEVERITIES, STATUS_LABELS, ProvisionFlagSpec, StateSpec
from .catalog import SAMPLE_KINDS

JAILS = {
    "none": "no jail",
    "city": "a city jail",
    "county": "a county-run jail",
    "sheriff": "a jail the sheriff runs",
}


def states(library: Library) -> dict[str, StateSpec]:
    """Every state the library has data for, by code."""
    return state_data(library).states


def flags_for(entry: StateSpec, pid: str, kind: str) -> list[ProvisionFlagSpec]:
    """A state's flags on a provision for a kind of jurisdiction, strongest first."""
    found = [f for f in entry.provisions.get(pid, ()) if applies(f, kind, None)]
    return sorted(found, key=lambda f: list(SEVERITIES).index(f.severity))


def strongest(entry: StateSpec, pid: str, kind: str) -> str:
    """The strongest severity of a state's flags on a provision ("" for none)."""
    found = flags_for(entry, pid, kind)
    return found[0].severity if found else ""


def state_select(library: Library) -> str:
    """The state selector for the page's top bar."""
    options = ['<option value="">none (hide state law)</option>']
    options += [
        f'<option value="{escape(code)}">{escape(entry.name)}</option>'
        for code, entry in states(library).items()
    ]
    return (
        '<div><label for="state">State law: </label>'
        f'<select id="state" name="state">{"".join(options)}</select></div>'
    )


def _citations(entry: StateSpec, citations: tuple[str, ...]) -> str:
    if not citations:
        return ""
    shown = []
    for c in cited(entry, citations):
        mark = "" if c.status == "verified" else f" <em>[{escape(c.status)}]</em>"
        shown.append(f"{escape(c.cite)}{mark}")
    return f' <span class="cites">({"; ".join(shown)})</span>'


def state_summaries(library: Library, order: list[str]) -> str:
    """One hidden summary per state: its law in brief, its date and its flags' count."""
    out = ['<div id="state-summaries">']
    for code, entry in states(library).items():
        counts = []
        for kind in SAMPLE_KINDS:
            severities = [strongest(entry, pid, kind) for pid in order]
            parts = [
                f"{severities.count(sev)} {sev}" for sev in SEVERITIES if severities.count(sev)
            ]
            counts.append(f"for a {kind}: {', '.join(parts) or 'none'}")
        out.append(
            f'<div class="state-summary" data-state="{escape(code)}" hidden>'
            f"<p><strong>{escape(entry.name)}</strong>: {escape(STATUS_LABELS[entry.status])}"
            f" (state data as of {escape(entry.as_of)}, confidence {escape(entry.confidence)})."
            f"</p><p>{escape(' '.join(entry.summary.split()))}</p>"
            f'<p class="meta">Provisions flagged, by strongest flag, {"; ".join(counts)}. '
            "Research, not legal advice: check each citation before relying on it.</p></div>"
        )
    out.append("</div>")
    return "\n".join(out)


def _flag_item(entry: StateSpec, flag: ProvisionFlagSpec, labels: dict[str, str]) -> str:
    limits = []
    if flag.variants:
        names = ", ".join(escape(labels.get(v, v)) for v in flag.variants)
        limits.append(f"only for the variant {names}")
    if flag.jails:
        limits.append("only where there is " + " or ".join(JAILS[j] for j in flag.jails))
    if flag.quote:
        limits.append(f"about the sentence with the words “{escape(' '.join(flag.quote.split()))}”")
    limit = f" <em>({'; '.join(limits)})</em>" if limits else ""
    return (
        f'<li class="flag {escape(flag.severity)}" data-severity="{escape(flag.severity)}">'
        f"<strong>{escape(SEVERITIES[flag.severity].capitalize())}.</strong> "
        f"{escape(' '.join(flag.message.split()))}"
        f"{_citations(entry, flag.citations)}{limit}</li>"
    )


def provision_state_law(library: Library, pid: str, labels: dict[str, str]) -> str:
    """The state view under one provision: each state's flags and lawful note, per kind."""
    out = ['<div class="statelaw">']
    for code, entry in states(library).items():
        lawful = entry.lawful.get(pid)
        for kind in SAMPLE_KINDS:
            found = flags_for(entry, pid, kind)
            if not found and lawful is None:
                continue
            out.append(
                f'<div class="flags" data-state="{escape(code)}" data-for="{kind}" hidden>'
                f'<p class="meta">State law in {escape(entry.name)}, for a {kind}:</p>'
            )
            if found:
                out.append("<ul>")
                out += [_flag_item(entry, flag, labels) for flag in found]
                out.append("</ul>")
            if lawful is not None:
                out.append(
                    '<p class="lawful"><strong>Kept by the state-compliant preset:</strong> '
                    f"{escape(' '.join(lawful.why.split()))}"
                    f"{_citations(entry, lawful.citations)}</p>"
                )
            out.append("</div>")
    out.append('<p class="noflag meta" hidden></p></div>')
    return "\n".join(out)


def nav_flags(library: Library, pid: str) -> str:
    """``STATE:kind:severity`` tokens of a provision's strongest flags, for the contents."""
    tokens = []
    for code, entry in states(library).items():
        for kind in SAMPLE_KINDS:
            sev = strongest(entry, pid, kind)
            if sev:
                tokens.append(f"{code}:{kind}:{sev}")
    return " ".join(tokens)
