"""Checks of the state-law data against the clause library."""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..library.loader import Library
from ..library.values import check_value
from ..library.yamlio import did_you_mean
from ..statelaw.codes import STATES
from ..statelaw.data import state_data
from ..statelaw.schema import StatesIndex, StateSpec


def lint_state_data(library: Library) -> list[str]:
    """Check the state data against the library; return problems (empty when clean).

    Provision ids must be provisions of the library or on the fixed list in
    ``states/_index.yaml`` (so data can name provisions before they are written); variant
    ids are checked for provisions that exist. A library with a ``states/`` folder must
    cover all 50 states and DC.
    """
    data = state_data(library)
    problems: list[str] = []
    if not data.present:
        return problems
    folder = data.folder
    try:
        states = data.states
        federal = data.federal
        index = data.index
    except DrafterError as exc:
        return [exc.message]
    if folder.is_dir():
        if index is None:
            problems.append(f"{folder / '_index.yaml'}: missing; it lists the known provision ids.")
        missing = sorted(set(STATES) - set(states))
        if missing:
            problems.append(f"{folder}: no state file for {', '.join(missing)}.")
    known = set(data.known_provisions) | set(library.clauses)

    def check_id(path: Path, field: str, pid: str) -> None:
        if pid not in known:
            problems.append(
                f"{path}: field '{field}' names '{pid}', which is neither a provision of the "
                "library nor on the known list in states/_index.yaml."
                + did_you_mean(pid, sorted(known))
            )

    for code, entry in states.items():
        path = folder / f"{code}.yaml"
        for pid, spec in entry.flag_specs():
            check_id(path, f"provisions.{pid}", pid)
            clause = library.clauses.get(pid)
            if clause is not None:
                for vid in spec.variants:
                    if clause.spec.variant(vid) is None:
                        problems.append(
                            f"{path}: field 'provisions.{pid}.variants' names '{vid}', which is "
                            f"not a variant of '{pid}'.{did_you_mean(vid, clause.spec.variant_ids)}"
                        )
                for kind in spec.kinds:
                    if kind not in clause.spec.applies_to:
                        problems.append(
                            f"{path}: field 'provisions.{pid}.kinds' names '{kind}', but '{pid}' "
                            "does not apply to that kind of jurisdiction."
                        )
            if spec.severity in ("forbidden", "limited") and not spec.citations:
                problems.append(
                    f"{path}: field 'provisions.{pid}' is '{spec.severity}' but gives no citations."
                )
            if clause is not None and spec.quote:
                source = clause.text_path.read_text(encoding="utf-8")
                if " ".join(spec.quote.split()) not in " ".join(source.split()):
                    problems.append(
                        f"{path}: field 'provisions.{pid}.quote' is '{spec.quote}', which the "
                        f"text of '{pid}' ({clause.text_path.name}) never says; quote words the "
                        "template contains."
                    )
            if clause is not None and spec.anchor:
                source = clause.text_path.read_text(encoding="utf-8")
                if f"anchor('{spec.anchor}')" not in source:
                    problems.append(
                        f"{path}: field 'provisions.{pid}.anchor' is '{spec.anchor}', but the "
                        f"text of '{pid}' names no item with anchor('{spec.anchor}')."
                    )
        problems += _confirmations(path, entry)
        problems += _facts_and_lawful(path, entry, library, index)
    for item in federal:
        for pid in item.provisions:
            check_id(library.root / "federal.yaml", f"items[{item.id}].provisions", pid)
    return problems


def _confirmations(path: Path, entry: StateSpec) -> list[str]:
    """Every citation confirmed by a ``checked`` entry that says what was read and when."""
    problems = []
    reported: set[str] = set()
    for field, citation in entry.all_citations():
        if citation in reported or entry.confirmation(citation) is not None:
            continue
        reported.add(citation)
        problems.append(
            f"{path}: field '{field}' cites '{citation}', but no 'checked' entry confirms it. "
            "Add a 'checked' entry whose 'cite' begins the citation, with the page read ('url', "
            "'read'), the date ('checked') and its 'status' (unconfirmed if nothing read shows it)."
        )
    for i, check in enumerate(entry.checked):
        if not check.checked:
            problems.append(
                f"{path}: field 'checked[{i}]' ({check.cite}) has no 'checked' date; record when "
                "the page was read (YYYY-MM-DD)."
            )
        elif check.status != "unconfirmed" and not (check.url or check.read):
            problems.append(
                f"{path}: field 'checked[{i}]' ({check.cite}) is '{check.status}' but names no "
                "page ('url' or 'read'); say what was read, or make it 'unconfirmed'."
            )
    return problems


def _facts_and_lawful(
    path: Path, entry: StateSpec, library: Library, index: StatesIndex | None
) -> list[str]:
    """Facts must be known to ``_index.yaml``; ``lawful`` must name real choices."""
    problems = []
    known = set(index.facts) if index else set()
    for fid in entry.facts:
        if fid not in known:
            problems.append(
                f"{path}: field 'facts' names '{fid}', which states/_index.yaml does not define."
                + did_you_mean(fid, sorted(known))
            )
    for pid, law in entry.lawful.items():
        clause = library.clauses.get(pid)
        if clause is None:
            problems.append(
                f"{path}: field 'lawful' names '{pid}', which is not a provision of the library."
                + did_you_mean(pid, library.clauses)
            )
            continue
        if law.variant and clause.spec.variant(law.variant) is None:
            problems.append(
                f"{path}: field 'lawful.{pid}.variant' is '{law.variant}', which is not a "
                f"variant of '{pid}'.{did_you_mean(law.variant, clause.spec.variant_ids)}"
            )
        for name, value in law.values.items():
            var = clause.spec.variable(name)
            problem = check_value(var, value) if var else f"'{name}' is not a variable of '{pid}'"
            if problem:
                problems.append(f"{path}: field 'lawful.{pid}.values.{name}': {problem}.")
    return problems
