"""Checks of the state-law data against the clause library."""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..library.loader import Library
from ..library.yamlio import did_you_mean
from ..statelaw.codes import STATES
from ..statelaw.data import state_data


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
    for item in federal:
        for pid in item.provisions:
            check_id(library.root / "federal.yaml", f"items[{item.id}].provisions", pid)
    return problems
