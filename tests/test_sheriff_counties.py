"""Counties whose elected sheriff runs the jail or is the police: what the ordinance binds.

Every case is derived from the library: every preset a county can use, and every provision
(each variant) with county text, drafted alone with what it needs, for a county whose
sheriff runs the jail and is its police, one whose sheriff is its police and whose jail is
the county's, and one whose sheriff runs the jail beside a county police department. On
the assembled model, the ordinance never commands the sheriff's office, every section the
sheriff is asked to follow carries the sentence that limits it to the board's authority,
nothing moved to the companion resolution is left in (or referred to by) the ordinance,
and the resolution asks and never commands.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from ordinance_drafter.assembly.model import Ordinance, Ref
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.pipeline import draft_ordinance, resolve_data
from renderkit import draft_data

LIBRARY = load_library(builtin_library_path())

ARRANGEMENTS = {
    "sheriff-jail-and-police": {"jail": "sheriff"},
    "sheriff-police-county-jail": {"jail": "county"},
    "sheriff-jail-county-police": {"jail": "sheriff", "police": "County Police Department"},
}

# A command to the sheriff's office: the board can give none, by ordinance or resolution.
SHERIFF_COMMAND = re.compile(
    r"\b(?:the Sheriff|the Office of the Sheriff|the Sheriff's Office)(?:'s [a-z]+)? must\b",
    re.IGNORECASE,
)
# A duty laid on a person the sheriff may employ ("A County employee must ...", "Each law
# enforcement officer employed by the County must ..."), not a description of one ("what
# County employees must and must not do").
EMPLOYEE_DUTY = re.compile(
    r"\b(?:[Aa]n?|[Ee]ach|[Ee]very|[Tt]he)\s+(?:County employee|employee|law enforcement "
    r"officer|officer|deputy)\b[^.;:]*?\bmust\b"
)
# The ordinance claiming custody that only the sheriff's jail has.
COUNTY_CUSTODY = re.compile(
    r"in the custody of the County|the County's custody|people in its custody"
)
# Where the sheriff both runs the jail and makes the arrests, no one the ordinance binds in
# full holds anyone, so the ordinance must not speak of a person held in violation of it.
HELD_IN_VIOLATION = re.compile(r"held in custody in violation of this ordinance")


def _county(arrangement: str, state: str = "MN") -> dict[str, Any]:
    return {"name": "Rice", "kind": "county", "state": state, **ARRANGEMENTS[arrangement]}


def _provision_cases() -> list[Any]:
    cases = []
    required = {c.id for c in LIBRARY.clauses.values() if c.spec.required}
    for clause in LIBRARY.clauses.values():
        spec = clause.spec
        if "county" not in spec.applies_to or spec.placement != "body":
            continue
        for variant in spec.variants or (None,):
            if variant is not None and "county" not in variant.applies_to:
                continue
            needs = set(spec.requires) | set(variant.requires if variant else ())
            provisions: dict[str, Any] = {pid: {} for pid in required | needs}
            provisions[clause.id] = {"variant": variant.id} if variant else {}
            vid = variant.id if variant else "only"
            for arrangement in ARRANGEMENTS:
                cases.append(
                    pytest.param(arrangement, provisions, id=f"{clause.id}-{vid}-{arrangement}")
                )
    return cases


def _preset_cases() -> list[Any]:
    return [
        pytest.param(arrangement, preset.id, id=f"preset-{preset.id}-{arrangement}")
        for preset in LIBRARY.presets.values()
        if preset.jurisdiction.get("kind", "county") == "county"
        for arrangement in ARRANGEMENTS
    ]


def _text(section: Any) -> str:
    return " ".join(p.text for p in section.paragraphs)


def check_sheriff_draft(model: Ordinance, jur: Any) -> None:
    """The rules every draft for a county with a sheriff's office must keep."""
    scope = f"only to the extent that the {jur.body} has authority over them"
    reso = model.resolution
    reso_anchors = {s.anchor for s in reso.sections} if reso else set()
    for sec in model.sections:
        text = _text(sec)
        found = SHERIFF_COMMAND.search(text)
        assert not found, f"{sec.heading} commands the sheriff: {found.group()!r}"
        refs = [seg for p in sec.paragraphs for seg in p.segments if isinstance(seg, Ref)]
        for ref in refs:
            inside = any(ref.target == a or ref.target.startswith(f"{a}-") for a in reso_anchors)
            assert not inside, f"{sec.heading} refers to the companion resolution: {ref.text!r}"
        if jur.sheriff_jail:
            found = COUNTY_CUSTODY.search(text)
            assert not found, f"{sec.heading} speaks of County custody: {found.group()!r}"
        if jur.sheriff_jail and jur.sheriff_police:
            found = HELD_IN_VIOLATION.search(text)
            assert not found, f"{sec.heading} refers to custody rules the ordinance lacks"
        clause = LIBRARY.clauses.get(sec.key)
        if clause is None:
            continue  # the definitions
        treatment = clause.spec.sheriff_treatment(jur)
        assert treatment != "resolution", f"{sec.heading} was to move to the resolution"
        if treatment == "request":
            assert scope in sec.paragraphs[-1].text, (
                f"{sec.heading} reaches the sheriff's office without the sentence limiting "
                "it to the board's authority"
            )
        elif treatment == "ordinance":
            found = EMPLOYEE_DUTY.search(text)
            assert not found, (
                f"{sec.heading} has 'sheriff: ordinance' but lays a duty on people the "
                f"sheriff employs: {found.group()!r}"
            )
    treatments = {
        pid: LIBRARY.clauses[pid].spec.sheriff_treatment(jur) for pid in model.metadata.provisions
    }
    own = {s.key for s in reso.sections} if reso else set()
    for pid in (p for p, t in treatments.items() if t == "resolution"):
        assert pid in own, f"{pid} left the ordinance but is not in the resolution"
    listed = next(
        (s for s in (reso.sections if reso else ()) if s.caption == "Sections of the Ordinance."),
        None,
    )
    named = {
        seg.target.removeprefix("sec-")
        for p in (listed.paragraphs if listed else ())
        for seg in p.segments
        if isinstance(seg, Ref)
    }
    for pid in (p for p, t in treatments.items() if t == "request"):
        assert pid in own or pid in named, f"the resolution does not ask the Sheriff about {pid}"
    if reso is not None:
        check_resolution(model)


def check_resolution(model: Ordinance) -> None:
    """The resolution's form: number line, recitals, resolve, paragraphs, vote, attest."""
    res = model.resolution
    assert res is not None
    assert res.number_line.startswith("RESOLUTION NO.")
    assert res.recitals and all(r.startswith("WHEREAS, ") for r in res.recitals)
    assert all(r.endswith("; and") for r in res.recitals[:-1]) and res.recitals[-1].endswith(";")
    assert "BE IT RESOLVED" in res.resolving_clause
    captions = [s.caption for s in res.sections]
    assert captions[-2:] == ["Transmittal.", "Response."]
    assert [s.number for s in res.sections] == [str(i) for i in range(1, len(res.sections) + 1)]
    assert "Ayes" in res.signature.vote_line and "Nays" in res.signature.vote_line
    assert res.signature.signers and res.signature.attest
    text = " ".join([*res.recitals, res.resolving_clause, *(_text(s) for s in res.sections)])
    assert not re.search(r"\bmust\b|\bshall\b", text), "the resolution commands"
    assert "requests that the Sheriff" in text
    assert "in writing within 60 days" in _text(res.sections[-1])
    assert "send a copy of this resolution" in _text(res.sections[-2])


def _draft(arrangement: str, data: dict[str, Any]) -> tuple[Ordinance, Any]:
    answers = {
        "format": 1,
        "jurisdiction": _county(arrangement),
        "document": {"draft_date": "2026-11-25"},
        **data,
    }
    resolved = resolve_data(answers, LIBRARY, f"test answers ({arrangement})")
    return draft_ordinance(LIBRARY, resolved), resolved.jurisdiction


@pytest.mark.parametrize(("arrangement", "provisions"), _provision_cases())
def test_each_provision_keeps_the_sheriff_rules(arrangement, provisions):
    """Each provision (each variant) drafted alone keeps the rules for a sheriff's office."""
    model, jur = _draft(arrangement, {"provisions": provisions})
    assert jur.sheriff_office
    check_sheriff_draft(model, jur)


@pytest.mark.parametrize(("arrangement", "preset"), _preset_cases())
def test_each_preset_keeps_the_sheriff_rules(arrangement, preset):
    """Every preset a county can use keeps the same rules as a whole draft."""
    model, jur = _draft(arrangement, {"preset": preset})
    check_sheriff_draft(model, jur)
    assert model.resolution is not None  # each preset has a section the sheriff is asked
    # The whole-ordinance check finds nothing: one name for the sheriff's office and for the
    # police, no glued words in the sentences and paragraphs assembly adds.
    assert not model.consistency, [f.message for f in model.consistency]


def test_every_county_provision_decides_its_sheriff_treatment():
    """Each provision with county text names its treatment, and jail provisions never stay."""
    for clause in LIBRARY.clauses.values():
        spec = clause.spec
        if "county" in spec.applies_to:
            assert spec.sheriff in ("ordinance", "request", "resolution", "omit"), clause.id
        if clause.request_path.is_file():
            assert spec.sheriff == "request", clause.id


def test_a_city_gets_no_scope_sentence_and_no_resolution():
    """A city's draft has no sheriff treatment at all."""
    model = draft_data(
        LIBRARY, {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "comprehensive"}
    )
    assert model.resolution is None
    assert not any("Office of the Sheriff" in _text(s) for s in model.sections)
