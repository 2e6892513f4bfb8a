"""What the state-law layer says about a state, as text and data."""

from __future__ import annotations

from typing import Any

from ..errors import DrafterError
from ..library.loader import Library
from ..library.yamlio import did_you_mean
from .codes import STATES
from .data import state_data
from .flags import state_entry
from .schema import SEVERITIES
from .summary import state_law_summary, status_label


def check_state_code(library: Library, code: str) -> str:
    """Normalize a state code or name; raise a helpful error if it is unknown."""
    text = code.strip()
    upper = text.upper()
    if upper in STATES:
        return upper
    by_name = {name.lower(): c for c, name in STATES.items()}
    if text.lower() in by_name:
        return by_name[text.lower()]
    raise DrafterError(
        f"'{code}' is not a state code.{did_you_mean(upper, list(STATES))} Use the two-letter "
        "code of one of the 50 states or DC, e.g. MN or TX."
    )


def state_notice(library: Library, state: str) -> str | None:
    """One paragraph to show as soon as the user's state is known, or ``None``.

    States where the data has nothing to say (no statute found, no caution) get ``None``.
    """
    entry = state_entry(library, state)
    if entry is None:
        return None
    if entry.status == "none_known" and not entry.caution_flag and not entry.notice:
        return None
    counts = {sev: 0 for sev in SEVERITIES}
    for _pid, spec in entry.flag_specs():
        counts[spec.severity] += 1
    lead = " ".join(entry.notice.split()) if entry.notice else " ".join(entry.summary.split())
    parts = [f"{entry.name} (state law as of {entry.as_of}; confidence {entry.confidence}): {lead}"]
    if entry.citations and not entry.notice:
        parts.append(f"Key citations: {'; '.join(entry.citations)}.")
    if entry.penalties and not entry.notice:
        parts.append(f"Penalties: {'; '.join(p.text for p in entry.penalties)}.")
    phrases = (
        ("forbidden", "as likely forbidden"),
        ("limited", "as limited"),
        ("restates", "as restating state law"),
        ("info", "with state-law context"),
    )
    flagged = [f"{counts[sev]} {what}" for sev, what in phrases if counts[sev]]
    if flagged:
        # The first count names what is counted: "6 provision(s) with state-law context".
        number, rest = flagged[0].split(" ", 1)
        flagged[0] = f"{number} provision(s) {rest}"
        parts.append(
            f"The state data marks {', '.join(flagged)}; each shows its warning next to the "
            "question and in the draft's notes."
        )
    if entry.caution_flag:
        parts.append(
            "Caution: this state appears on some published lists of states that ban sanctuary "
            "policies, but no enacted ban was confirmed; check current law before drafting."
        )
    if entry.unconfirmed:
        parts.append(f"Not confirmed: {'; '.join(entry.unconfirmed)}.")
    parts.append(
        "These are warnings, not refusals: you decide what to keep, after review by the "
        "jurisdiction's attorney."
    )
    return " ".join(parts)


def state_record(library: Library, code: str, *, full: bool = False) -> dict[str, Any]:
    """A state's entry as plain data (what ``states --json`` prints)."""
    entry = state_data(library).get(code)
    assert entry is not None
    record: dict[str, Any] = {
        "code": entry.code,
        "name": entry.name,
        "status": entry.status,
        "strength": entry.strength,
        "status_label": status_label(entry),
        "confidence": entry.confidence,
        "as_of": entry.as_of,
        "caution_flag": entry.caution_flag,
        "flags": {
            sev: sorted({p for p, s in entry.flag_specs() if s.severity == sev})
            for sev in SEVERITIES
        },
    }
    if full:
        record.update(
            {
                "summary": " ".join(entry.summary.split()),
                "citations": list(entry.citations),
                "forbids": list(entry.forbids),
                "adoption": entry.adoption.model_dump() if entry.adoption else None,
                "penalties": [p.model_dump() for p in entry.penalties],
                "facts": {k: v.model_dump() for k, v in entry.facts.items()},
                "lawful": {k: v.model_dump() for k, v in entry.lawful.items()},
                "sources": [src.model_dump() for src in entry.sources],
                "unconfirmed": list(entry.unconfirmed),
                "checked": [c.model_dump() for c in entry.checked],
                "notice": state_notice(library, code),
                "provisions": {
                    pid: [
                        {
                            "severity": s.severity,
                            "message": " ".join(s.message.split()),
                            "citations": list(s.citations),
                            "kinds": list(s.kinds),
                            "jails": list(s.jails),
                            "variants": list(s.variants),
                            "anchor": s.anchor,
                            "quote": s.quote,
                        }
                        for s in specs
                    ]
                    for pid, specs in entry.provisions.items()
                },
            }
        )
    return record


def state_detail_text(library: Library, code: str) -> str:
    """A plain-text description of one state's entry (``states CODE``)."""
    entry = state_data(library).get(code)
    assert entry is not None
    summary = state_law_summary(entry)
    lines = [
        f"{entry.name} ({entry.code})",
        f"Status: {status_label(entry)}",
        f"As of {entry.as_of}; confidence {entry.confidence}"
        + (
            "; CAUTION: listed elsewhere as prohibiting, not confirmed"
            if entry.caution_flag
            else ""
        ),
        "",
        " ".join(entry.summary.split()),
        "",
    ]
    for title, items in (
        ("Citations", entry.citations),
        ("Forbids", entry.forbids),
    ):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {item}" for item in items]
            lines.append("")
    if summary.adoption:
        lines += [f"Adoption: {summary.adoption_with_law()}", ""]
    if summary.penalties:
        lines.append("Penalties:")
        lines += [f"  - {p.line}" for p in summary.penalties]
        lines.append("")
    if entry.facts:
        lines.append("Facts the clause text is worded for:")
        lines += [
            f"  - {fid}: {fact.note or ''} ({'; '.join(fact.citations)})".replace(": (", " (")
            for fid, fact in entry.facts.items()
        ]
        lines.append("")
    if entry.lawful:
        lines.append("Lawful here (kept by the state-compliant preset):")
        for pid, law in entry.lawful.items():
            lines.append(f"  - {pid} [confidence {law.confidence}]: {' '.join(law.why.split())}")
            lines.append(f"      ({'; '.join(law.citations)})")
        lines.append("")
    if entry.unconfirmed:
        lines.append("Not confirmed:")
        lines += [f"  - {item}" for item in entry.unconfirmed]
        lines.append("")
    if entry.sources:
        lines.append("Sources:")
        lines += [
            f"  - {src.url} (read {src.checked}" + (f": {src.read})" if src.read else ")")
            for src in entry.sources
        ]
        lines.append("")
    if entry.checked:
        lines.append("Checked (how each citation was confirmed):")
        for c in entry.checked:
            status = "" if c.status == "verified" else f" [{c.status}]"
            lines.append(f"  - {c.cite}{status}" + (f" — {c.finding}" if c.finding else ""))
            where = c.read or c.url
            if where or c.checked:
                lines.append(
                    "      "
                    + (f"read {c.checked}" if c.checked else "date not recorded")
                    + (f": {where}" if where else "")
                )
        lines.append("")
    if entry.provisions:
        lines.append("Provision flags:")
        order = list(SEVERITIES)
        for pid, s in sorted(
            entry.flag_specs(), key=lambda kv: (order.index(kv[1].severity), kv[0])
        ):
            scope = ""
            if s.kinds:
                scope += f" [{'/'.join(s.kinds)} only]"
            if s.jails:
                scope += f" [jail: {'/'.join(s.jails)}]"
            if s.anchor or s.quote:
                scope += f" [sentence: {s.anchor or ''}{' “' + s.quote + '”' if s.quote else ''}]"
            if s.variants:
                scope += f" [variants: {', '.join(s.variants)}]"
            lines.append(f"  - {pid}: {s.severity}{scope}")
            lines.append(f"      {' '.join(s.message.split())}")
            if s.citations:
                lines.append(f"      ({'; '.join(s.citations)})")
    else:
        lines.append("Provision flags: none.")
    return "\n".join(lines).rstrip() + "\n"
