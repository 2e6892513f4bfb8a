"""The state changes the text (issue 15): findings, sentence flags, sources, the compliant preset.

The states under test are derived from the data: a *forbidding* state is one whose file
flags some provision ``forbidden`` or ``limited``. Expectations come from the state files
read with plain PyYAML and from the rendered text, not from the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ordinance_drafter.library.loader import builtin_library_path
from ordinance_drafter.pipeline import flag_provision
from ordinance_drafter.statelaw.codes import STATES
from renderkit import draft_data

STATES_DIR = builtin_library_path() / "states"
INDEX = yaml.safe_load((STATES_DIR / "_index.yaml").read_text(encoding="utf-8"))


def raw_state(code: str) -> dict:
    """A state file as plain data."""
    return yaml.safe_load((STATES_DIR / f"{code}.yaml").read_text(encoding="utf-8"))


def raw_flags(code: str) -> list[tuple[str, dict]]:
    """Every (provision id, flag) of a state file."""
    out = []
    for pid, value in (raw_state(code).get("provisions") or {}).items():
        for flag in [value] if isinstance(value, dict) else value:
            out.append((pid, flag))
    return out


FORBIDDING = sorted(
    code
    for code in STATES
    if any(f["severity"] in ("forbidden", "limited") for _p, f in raw_flags(code))
)
KINDS = [("city", "none"), ("city", "city"), ("county", "sheriff"), ("county", "county")]


def test_forbidding_states_are_derived_from_the_data() -> None:
    """The list is the data's, and it holds the states the issue names."""
    assert {"TX", "FL", "TN", "GA", "UT"} <= set(FORBIDDING)
    assert "MN" not in FORBIDDING and "CA" not in FORBIDDING


def every_provision(library, kind: str) -> dict:
    """Every provision a jurisdiction of this kind can choose, with default values."""
    chosen: dict = {}
    for cid, clause in library.clauses.items():
        spec = clause.spec
        if kind not in spec.applies_to or set(spec.conflicts) & set(chosen):
            continue
        if spec.variants and kind not in spec.variants[0].applies_to:
            continue
        chosen[cid] = {}
    changed = True
    while changed:
        changed = False
        for cid in list(chosen):
            spec = library.clauses[cid].spec
            needs = set(spec.requires) | set(spec.variants[0].requires if spec.variants else ())
            if not needs <= set(chosen):
                del chosen[cid]
                changed = True
    return chosen


def draft_for(library, state: str, kind: str, jail: str, **answers):
    data = {
        "jurisdiction": {"name": "Sample", "kind": kind, "state": state, "jail": jail},
        "document": {"draft_date": "2026-12-01"},
        **answers,
    }
    return draft_data(library, data, flagger=flag_provision)


# -- findings ------------------------------------------------------------------------------


FINDINGS_THEMES = {
    "themes": ["public_safety", "resources", "cohesion", "federal_role", "state_law"]
}


@pytest.mark.parametrize("code", sorted(STATES))
def test_findings_say_nothing_the_states_law_contradicts(library, code) -> None:
    """For every state, no finding says words that a fact holding there contradicts."""
    facts = set(raw_state(code).get("facts") or {})
    ordinance = draft_for(
        library, code, "city", "none", provisions={"findings": {"values": FINDINGS_THEMES}}
    )
    text = " ".join(p.text for p in ordinance.findings.paragraphs).lower()
    for fact in facts:
        for words in INDEX["facts"][fact]["contradicts"]:
            assert words.lower() not in text, f"{code}: a finding says '{words}' ({fact})"


def test_the_contradiction_check_can_fail(library) -> None:
    """Where no fact holds (Minnesota), the finding does say 'may decline it': the check bites."""
    assert "detainer_compliance_required" not in (raw_state("MN").get("facts") or {})
    ordinance = draft_for(
        library, "MN", "city", "none", provisions={"findings": {"values": FINDINGS_THEMES}}
    )
    text = " ".join(p.text for p in ordinance.findings.paragraphs)
    assert "may decline it" in text


def test_the_texas_finding_states_texas_law(library) -> None:
    """Texas's federal-role finding cites art. 2A.060 and leaves Texas law in place."""
    ordinance = draft_for(
        library, "TX", "city", "none", provisions={"findings": {"values": FINDINGS_THEMES}}
    )
    text = " ".join(p.text for p in ordinance.findings.paragraphs)
    assert "art. 2A.060" in text and "§ 752.053(b)(3)" in text
    assert "leaves that state law in place" in text


# -- sentence flags ------------------------------------------------------------------------


def flags_of(ordinance, pid: str):
    section = next(s for s in ordinance.all_sections() if s.key == pid)
    return [f for f in section.note.flags if f.scope == "state"]


def test_the_carve_out_sentence_is_flagged_in_texas_and_only_while_it_is_there(library) -> None:
    """The 'stop assisting' sentence draws a forbidden flag naming it; leaving it out drops it."""
    with_sentence = draft_for(
        library, "TX", "city", "city", provisions={"criminal_investigations": {}}
    )
    flags = flags_of(with_sentence, "criminal_investigations")
    assert [f.severity for f in flags] == ["forbidden"]
    assert flags[0].where.startswith("(b), the sentence")
    assert "must stop assisting it" in flags[0].where
    without = draft_for(
        library,
        "TX",
        "city",
        "city",
        provisions={"criminal_investigations": {"values": {"civil_limits": False}}},
    )
    assert flags_of(without, "criminal_investigations") == []
    text = " ".join(p.text for p in without.section("criminal_investigations").paragraphs)
    assert "stop assisting" not in text


def test_the_retaliation_rule_inherits_the_flag(library) -> None:
    """Protecting refusals is flagged in Texas; without it the rule is not."""
    flagged = flags_of(
        draft_for(library, "TX", "city", "none", provisions={"complaints": {}}), "complaints"
    )
    assert flagged and "refusing to take an action" in flagged[0].where
    clean = draft_for(
        library,
        "TX",
        "city",
        "none",
        provisions={"complaints": {"values": {"protect_refusals": False}}},
    )
    assert flags_of(clean, "complaints") == []


def test_a_city_draft_gets_no_county_board_opinion(library) -> None:
    """Minnesota's Dec. 12, 2025 opinion (county boards and sheriffs) flags counties only."""
    pid = {"immigration_agreements": {}}
    city = draft_for(library, "MN", "city", "none", provisions=pid)
    county = draft_for(library, "MN", "county", "sheriff", provisions=pid)
    assert not any(
        "Dec. 12, 2025" in " ".join(f.citations) for f in flags_of(city, "immigration_agreements")
    )
    assert any(
        "Dec. 12, 2025" in " ".join(f.citations) for f in flags_of(county, "immigration_agreements")
    )


# -- sources -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", FORBIDDING)
def test_no_other_states_law_is_a_source_of_the_text(library, code) -> None:
    """A forbidding state's draft lists no source that is another state's law behind its text.

    The sources marked with `states` are state law as the basis of text only those states'
    drafts get; none of them may appear, and no Minnesota statute may either.
    """
    other_state_law = {
        src.cite
        for clause in library.clauses.values()
        for src in clause.spec.sources
        if src.states and code not in src.states
    } | {
        src.cite
        for d in library.definitions.values()
        for src in d.spec.sources
        if src.states and code not in src.states
    }
    assert other_state_law, "the library marks some sources as one state's law"
    for kind, jail in (("city", "city"), ("county", "sheriff")):
        ordinance = draft_for(library, code, kind, jail, provisions=every_provision(library, kind))
        cites = {src.cite for src in ordinance.all_sources()}
        assert not cites & other_state_law, (code, kind, sorted(cites & other_state_law))
        assert not [c for c in cites if c.startswith("Minn. Stat.")], (code, kind)


def test_a_texas_draft_cites_texas_law_where_minnesota_law_was_the_basis(library) -> None:
    """Texas drafts list what to confirm under Texas law, and the Texas statutes of its flags."""
    ordinance = draft_for(
        library, "TX", "city", "city", provisions=every_provision(library, "city")
    )
    cites = [src.cite for src in ordinance.all_sources()]
    assert any(c.startswith("Texas law on when an ordinance takes effect") for c in cites)
    assert "Tex. Gov't Code § 752.053(c)" in cites
    confirm = [s for s in ordinance.all_sources() if s.status == "confirm"]
    assert confirm and all(s.cite.startswith("Texas law on ") for s in confirm)


# -- the state-compliant preset ------------------------------------------------------------


@pytest.mark.parametrize("code", FORBIDDING)
@pytest.mark.parametrize("kind,jail", KINDS)
def test_state_compliant_draws_no_warning(library, code, kind, jail) -> None:
    """In every forbidding state the state-compliant draft has no forbidden or limited flag.

    The form's own warnings (a county's authority to enact ordinances, on every county draft
    whatever its provisions) are not flags of a provision: they are counted apart, and must
    be exactly the form's.
    """
    ordinance = draft_for(library, code, kind, jail, preset="state-compliant")
    warnings = [
        (f.provision_id, f.severity)
        for f in ordinance.flags
        if f.severity in ("forbidden", "limited") and f.provision_id
    ]
    assert warnings == [], (code, kind, jail, warnings)
    form = library.form_for(code, kind, "", "")
    unowned = [f for f in ordinance.flags if not f.provision_id]
    assert len(unowned) == len(form.warnings), (code, kind, [f.message for f in unowned])
    assert ordinance.sections, "a draft a council can adopt has sections"


@pytest.mark.parametrize("code", ["TX", "FL", "TN", "GA"])
def test_state_compliant_notes_say_why_each_section_is_lawful(library, code) -> None:
    """Each kept section's note has 'Lawful in <State>' with the state's reviewed reason."""
    state = raw_state(code)
    lawful = state["lawful"]
    ordinance = draft_for(library, code, "city", "none", preset="state-compliant")
    kept = {s.key for s in ordinance.sections} - {"definitions"}
    if ordinance.findings:
        kept.add("findings")
    assert kept == set(lawful)
    notes = [ordinance.findings.note] + [s.note for s in ordinance.sections if s.note]
    for note in notes:
        if note.provision_id == "definitions":
            continue
        part = note.parts[0]
        assert part.heading == f"Lawful in {state['name']}"
        why = " ".join(lawful[note.provision_id]["why"].split())
        assert part.paragraphs[0].startswith(why)
        assert all(c in part.paragraphs[0] for c in lawful[note.provision_id]["citations"])


def test_texas_compliant_keeps_the_places_of_worship_rule(library) -> None:
    """The exception in § 752.053(c) survives; nothing of the core separation rules does."""
    ordinance = draft_for(library, "TX", "city", "none", preset="state-compliant")
    keys = {s.key for s in ordinance.sections}
    assert "places_of_worship" in keys
    assert not keys & {"resource_use", "detainers", "status_inquiry", "information_sharing"}
    assert "separation" not in ordinance.title


# -- check ---------------------------------------------------------------------------------


def check(cli, tmp_path: Path, text: str) -> tuple[int, dict]:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    result = cli("check", str(path), "--json")
    return result.exit_code, json.loads(result.stdout) if result.stdout.startswith("{") else {}


def test_check_exit_codes(cli, tmp_path) -> None:
    """0 for context only, 1 for warnings, 2 for a bad file; the JSON agrees."""
    mn = "jurisdiction: {name: Northfield, kind: city, state: MN}\npreset: standard\n"
    code, report = check(cli, tmp_path, mn)
    assert report["flagged"] and report["warnings"] == 0 and code == 0 == report["exit_code"]
    tx = "jurisdiction: {name: Austin, kind: city, state: TX}\npreset: standard\n"
    code, report = check(cli, tmp_path, tx)
    assert code == 1 and report["warnings"] > 0
    assert report["state_law"]["penalties"] and report["state_law"]["adoption"]
    txc = "jurisdiction: {name: Austin, kind: city, state: TX}\npreset: state-compliant\n"
    assert check(cli, tmp_path, txc)[0] == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("jurisdiction: [\n", encoding="utf-8")
    assert cli("check", str(bad)).exit_code == 2


def test_check_help_documents_the_exit_codes(cli) -> None:
    text = " ".join(cli("check", "--help").stdout.split())
    assert "0 when nothing or only context applies" in text
    assert "1 when a warning applies" in text and "2 when the answers file is not valid" in text


def test_states_prints_a_readable_status(cli) -> None:
    text = cli("states", "MN").stdout
    assert "partial; no comprehensive statute" in text
    assert "(partial (" not in text


def test_states_stale_lists_old_files(cli) -> None:
    """--stale 0 lists every file older than today; a huge window lists none."""
    codes = re.findall(r"^  ([A-Z]{2})  ", cli("states", "--stale", "0").stdout, re.M)
    import datetime as dt

    expected = sorted(
        c for c in STATES if dt.date.fromisoformat(str(raw_state(c)["as_of"])) < dt.date.today()
    )
    assert sorted(codes) == expected  # listed oldest first
    assert "Every state file was checked within" in cli("states", "--stale", "100000").stdout


def test_draft_no_input_prints_every_warning(cli, tmp_path, monkeypatch) -> None:
    """`draft --no-input` for Texas prints each warning that `check` counts, and the penalties."""
    monkeypatch.chdir(tmp_path)
    result = cli(
        "draft",
        "--no-input",
        "--set",
        "jurisdiction.name=Austin",
        "--set",
        "jurisdiction.state=TX",
        "--set",
        "preset=standard",
        "-o",
        "austin.docx",
    )
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    answers = next(tmp_path.glob("*.answers.yaml"))
    report = json.loads(cli("check", str(answers), "--json").stdout)
    printed = re.findall(r"^- Section .* — State law warning", out, re.M)
    assert len(printed) == report["warnings"] > 0
    assert "Penalties, and whom they reach:" in out
    assert "Tex. Gov't Code § 752.0565" in out
    assert f"state-law data as of {raw_state('TX')['as_of']}" in out


def test_a_jail_flag_needs_a_jail(library) -> None:
    """Texas's 287(g) duty binds sheriffs who run or contract for a jail: no jail, no flag."""
    pid = {"immigration_agreements": {}}
    with_jail = draft_for(library, "TX", "county", "sheriff", provisions=pid)
    without = draft_for(library, "TX", "county", "none", provisions=pid)
    sheriff = [
        f
        for f in flags_of(with_jail, "immigration_agreements")
        if "ch. 753" in " ".join(f.citations)
    ]
    assert sheriff and sheriff[0].severity == "forbidden"
    assert not [
        f for f in flags_of(without, "immigration_agreements") if "ch. 753" in " ".join(f.citations)
    ]
