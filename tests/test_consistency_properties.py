"""Property test of the whole-ordinance check (hypothesis): over random valid answer sets
drawn from the library itself, the shipped library gives drafts the checker finds nothing
in, except the contradictions an answer creates on purpose (a value the user set that
another chosen provision needs otherwise), which it must report.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordinance_drafter.answers.jurisdiction import Jurisdiction
from ordinance_drafter.answers.resolve import applicability, resolve
from ordinance_drafter.answers.sources import resolve_data
from ordinance_drafter.pipeline import draft_ordinance
from ordinance_drafter.statelaw.codes import STATES
from test_properties import LIBRARY, answers_sets, names

EXAMPLES = int(os.environ.get("HYPOTHESIS_CONSISTENCY_EXAMPLES", "200"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answers_sets())
def test_the_checker_finds_nothing_but_the_answers_own_contradictions(answers):
    resolved = resolve(answers, LIBRARY, "hypothesis")
    ordinance = draft_ordinance(LIBRARY, resolved)
    unmet = [o for o in resolved.interactions if o.is_problem]
    # Every contradiction comes from a value the answers set (the library applies the rest).
    assert all(o.explicit and o.status == "unmet" for o in unmet), unmet
    for o in unmet:
        assert o.field.split(".")[-1] in resolved.choices[o.target].explicit
    # The checker reports exactly those, and nothing else.
    kinds = [f.kind for f in ordinance.consistency]
    assert kinds == ["interaction"] * len(unmet), ordinance.consistency
    for finding, outcome in zip(ordinance.consistency, unmet, strict=True):
        assert finding.provisions == (outcome.provision, outcome.target)


@st.composite
def preset_answers(draw) -> dict:
    """A preset for a random jurisdiction, with provisions added or left out at random and
    every value left to the library (so the tool, not the answers, settles interactions)."""
    preset = draw(st.sampled_from(sorted(LIBRARY.presets)))
    fixed = LIBRARY.presets[preset].jurisdiction
    kind = fixed.get("kind") or draw(st.sampled_from(["city", "county"]))
    jails = ["none", "city"] if kind == "city" else ["sheriff", "county", "none"]
    jail = fixed.get("jail") or draw(st.sampled_from(jails))
    state = draw(st.sampled_from(sorted(STATES)))
    jur = Jurisdiction("X", kind, state, "statutory" if state == "MN" else "", jail, "", "", "")
    applicable = [c.id for c in LIBRARY.clauses.values() if not applicability(c.spec, jur)]
    base = [p for p in LIBRARY.presets[preset].provisions if p in applicable]
    dropped = draw(st.sets(st.sampled_from(base))) if base else set()
    added = draw(st.sets(st.sampled_from(applicable)))
    provisions: dict = {}
    for pid in [p for p in applicable if (p in base and p not in dropped) or p in added]:
        entry = LIBRARY.presets[preset].provisions.get(pid) or {}
        provisions[pid] = {"variant": entry["variant"]} if entry.get("variant") else {}
    # Keep what the chosen variants rely on.
    for pid in list(provisions):
        spec = LIBRARY.clauses[pid].spec
        variant = spec.variant(provisions[pid].get("variant") or spec.default_variant)
        for need in [*spec.requires, *(variant.requires if variant else ())]:
            provisions.setdefault(need, {})
    return {
        "jurisdiction": {"name": draw(names), "kind": kind, "state": state, "jail": jail},
        "preset": preset,
        "provisions": provisions,
        "document": {"draft_date": "2026-11-25"},
    }


@settings(
    max_examples=max(EXAMPLES // 2, 10),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(preset_answers())
def test_drafts_that_leave_values_to_the_library_have_no_finding(data):
    resolved = resolve_data(data, LIBRARY, "hypothesis")
    ordinance = draft_ordinance(LIBRARY, resolved)
    assert ordinance.consistency == (), ordinance.consistency
    # Every need among the chosen provisions is met in the values the draft uses.
    for outcome in resolved.interactions:
        assert outcome.status == "applied", outcome
