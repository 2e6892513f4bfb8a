"""``ordinance-drafter check``: every state-law flag and consistency finding for an answers
file, and the changes the interactions between its provisions made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answers.interactions import Outcome
from ..assembly.model import Finding, Ordinance
from ..library.loader import Library
from ..pipeline import draft_ordinance
from ..statelaw.data import state_data
from ..statelaw.flags import Flag
from ..statelaw.schema import StateSpec
from ..statelaw.summary import state_law_summary, status_label

#: State-law flags that make ``check`` exit 1: the state's law forbids or limits the text.
#: ``restates`` and ``info`` are context (most Minnesota flags support the ordinance).
WARNING_SEVERITIES = ("forbidden", "limited")


def draft_flags(ordinance: Ordinance) -> list[tuple[str, str, tuple[Flag, ...]]]:
    """``(provision id, title, flags)`` for every part of an assembled draft that has flags.

    The flags are the draft's own, so a flag on one sentence counts only when the draft
    still has the sentence, and a flag for another kind of jurisdiction or jail never does.
    """
    notes = [ordinance.findings.note] if ordinance.findings and ordinance.findings.note else []
    notes += [sec.note for sec in ordinance.all_sections() if sec.note]
    return [(n.provision_id, n.title, n.flags) for n in notes if n.flags]


@dataclass(frozen=True)
class CheckReport:
    """What ``ordinance-drafter check`` found for one answers file.

    Attributes:
        source: The answers file.
        state: The jurisdiction's state code.
        kind: ``city`` or ``county``.
        jurisdiction: The jurisdiction's full name.
        entry: The state's entry, if the library has one.
        items: ``(provision id, provision title, flags)`` for every chosen provision that
            has a flag, in document order.
        dropped: Provisions a preset offered that do not apply here, with the reason.
        consistency: What the whole-ordinance check found (see ``assembly.consistency``).
        applied: The changes the interactions between chosen provisions made (informational).
    """

    source: str
    state: str
    kind: str
    jurisdiction: str
    entry: StateSpec | None
    items: tuple[tuple[str, str, tuple[Flag, ...]], ...]
    dropped: tuple[tuple[str, str], ...] = ()
    consistency: tuple[Finding, ...] = ()
    applied: tuple[Outcome, ...] = ()

    @property
    def state_flags(self) -> list[tuple[str, Flag]]:
        """Every state-law flag, with its provision id."""
        return [(pid, f) for pid, _t, flags in self.items for f in flags if f.scope == "state"]

    @property
    def warnings(self) -> list[tuple[str, Flag]]:
        """The state-law flags that warn (``forbidden``, ``limited``), not mere context."""
        return [(pid, f) for pid, f in self.state_flags if f.severity in WARNING_SEVERITIES]

    @property
    def flagged(self) -> bool:
        """Whether any state-law flag applies, including informational context."""
        return bool(self.state_flags)

    @property
    def warned(self) -> bool:
        """Whether a state-law warning or a consistency finding applies (exit code 1)."""
        return bool(self.warnings) or bool(self.consistency)

    @property
    def exit_code(self) -> int:
        """0 when only context applies; 1 when a state-law warning or a consistency finding does."""
        return 1 if self.warned else 0


def check_answers(library: Library, path: Path) -> CheckReport:
    """Validate an answers file as ``build`` does and collect every flag.

    Raises:
        DrafterError: The answers file is invalid (the same message ``build`` gives).
    """
    from ..answers.sources import resolve_file

    resolved = resolve_file(Path(path), library)
    jur = resolved.jurisdiction
    ordinance = draft_ordinance(library, resolved)
    items = draft_flags(ordinance)
    return CheckReport(
        source=str(path),
        state=jur.state,
        kind=jur.kind,
        jurisdiction=f"{jur.full_name}, {jur.state_name}",
        entry=state_data(library).get(jur.state),
        items=tuple(items),
        dropped=tuple(resolved.dropped),
        consistency=ordinance.consistency,
        applied=tuple(o for o in resolved.interactions if not o.is_problem),
    )


def finding_text(finding: Finding) -> str:
    """One finding as a sentence or two: where, what is wrong, what to change."""
    where = " and ".join(finding.sections)
    return f"{where[:1].upper()}{where[1:]}: {finding.message} {finding.fix}".strip(": ")


def applied_text(outcome: Outcome) -> str:
    """A change an interaction made, with its reason."""
    return f"{outcome.message} Why: {outcome.why}"


def _finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "provisions": list(finding.provisions),
        "sections": list(finding.sections),
        "message": finding.message,
        "fix": finding.fix,
    }


def _applied_record(outcome: Outcome) -> dict[str, Any]:
    return {
        "provision": outcome.provision,
        "target": outcome.target,
        "kind": outcome.kind,
        "status": outcome.status,
        "change": outcome.change,
        "message": outcome.message,
        "why": outcome.why,
    }


def _flag_record(pid: str, title: str, flag: Flag) -> dict[str, Any]:
    return {
        "provision": pid,
        "title": title,
        "scope": flag.scope,
        "severity": flag.severity,
        "message": flag.message,
        "citations": list(flag.citations),
        "as_of": flag.as_of,
    }


def _summary_record(report: CheckReport) -> dict[str, Any] | None:
    """The state's law as a whole: what the documents print first."""
    if report.entry is None:
        return None
    summary = state_law_summary(report.entry, len(report.warnings), report.kind)
    return {
        "lead": summary.lead,
        "text": summary.text,
        "adoption": summary.adoption or None,
        "adoption_citations": list(summary.adoption_citations),
        "penalties": [
            {"text": p.text, "who": list(p.who), "citations": list(p.citations), "status": p.status}
            for p in summary.penalties
        ],
    }


def report_json(report: CheckReport) -> str:
    """The report as JSON (``check --json``)."""
    import json

    entry = report.entry
    data = {
        "answers": report.source,
        "jurisdiction": report.jurisdiction,
        "state": report.state,
        "kind": report.kind,
        "state_status": entry.status if entry else None,
        "state_status_label": status_label(entry) if entry else None,
        "state_as_of": entry.as_of if entry else None,
        "state_confidence": entry.confidence if entry else None,
        "state_law": _summary_record(report),
        "flagged": report.flagged,
        "warnings": len(report.warnings),
        "exit_code": report.exit_code,
        "flags": [
            _flag_record(pid, title, f)
            for pid, title, flags in report.items
            for f in flags
            if f.scope == "state"
        ],
        "federal": [
            _flag_record(pid, title, f)
            for pid, title, flags in report.items
            for f in flags
            if f.scope != "state"
        ],
        "dropped": [{"provision": pid, "reason": why} for pid, why in report.dropped],
        "consistency": [_finding_record(f) for f in report.consistency],
        "interactions": [_applied_record(o) for o in report.applied],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def report_text(report: CheckReport) -> str:
    """The report as plain text: state-law flags first, then federal context."""
    from textwrap import fill

    from ..render import flag_label

    entry = report.entry
    lines = [f"{report.jurisdiction} ({report.kind}) — {report.source}"]
    if entry is None:
        lines.append(f"No state-law data for {report.state} in this clause library.")
    else:
        lines.append(
            f"State law: {status_label(entry)}; data as of {entry.as_of}, confidence "
            f"{entry.confidence}."
        )
        if report.warnings:
            summary = state_law_summary(entry, len(report.warnings), report.kind)
            lines += [
                fill(line, width=92, subsequent_indent="  ")
                for line in summary.lines()
                if line != summary.text
            ]
    lines.append("")
    state_items = [
        (pid, title, [f for f in flags if f.scope == "state"]) for pid, title, flags in report.items
    ]
    state_items = [item for item in state_items if item[2]]
    if state_items:
        count = sum(len(flags) for _p, _t, flags in state_items)
        lines.append(f"State-law flags ({count}):")
        for pid, title, flags in state_items:
            for f in flags:
                lines.append(f"- {pid} ({title}) — {flag_label(f)}")
                lines.append(
                    fill(f.message, width=92, initial_indent="    ", subsequent_indent="    ")
                )
                if f.citations:
                    lines.append(
                        fill(
                            "Citations: " + "; ".join(f.citations),
                            width=92,
                            initial_indent="    ",
                            subsequent_indent="    ",
                        )
                    )
        lines.append("")
        warn = len(report.warnings)
        lines.append(
            (
                f"{warn} of them warn that state law forbids or limits the text (exit code 1). "
                if warn
                else "All of them are context, not warnings. "
            )
            + "These are warnings, not refusals: the user decides, after review by the "
            "jurisdiction's attorney."
        )
    else:
        lines.append("State-law flags: none.")
    federal: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for pid, _t, flags in report.items:
        for f in flags:
            if f.scope != "state":
                federal.setdefault((f.message, f.citations, flag_label(f)), []).append(pid)
    if federal:
        lines.append("")
        lines.append("Federal context (shown in the notes; not counted as flags):")
        for (message, citations, label), pids in federal.items():
            lines.append(f"- {', '.join(pids)} — {label}")
            lines.append(fill(message, width=92, initial_indent="    ", subsequent_indent="    "))
            if citations:
                lines.append(
                    fill(
                        "Citations: " + "; ".join(citations),
                        width=92,
                        initial_indent="    ",
                        subsequent_indent="    ",
                    )
                )
    lines.append("")
    if report.consistency:
        lines.append(f"Consistency findings ({len(report.consistency)}):")
        for finding in report.consistency:
            lines.append(
                fill(
                    f"- [{finding.kind}] {finding_text(finding)}",
                    width=92,
                    subsequent_indent="    ",
                )
            )
    else:
        lines.append("Consistency findings: none.")
    if report.applied:
        lines.append("")
        lines.append("Changes made because of how the chosen provisions interact:")
        for outcome in report.applied:
            lines.append(fill(f"- {applied_text(outcome)}", width=92, subsequent_indent="    "))
    for pid, why in report.dropped:
        lines.append(f"Note: left out '{pid}': {why}")
    return "\n".join(lines).rstrip() + "\n"
