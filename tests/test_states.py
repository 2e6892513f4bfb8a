"""The state-law layer (issue 6): data, flags, `states`, `check`, notes and forms.

Expectations are read from the state files with plain PyYAML, independently of the code
under test, so a test fails if the code and the data disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from docx2python import docx2python

from conftest import build_clause_library, run_command, write_answers
from ordinance_drafter.library.loader import Library, builtin_library_path
from ordinance_drafter.statelaw.codes import STATES

STATES_DIR = builtin_library_path() / "states"
FEDERAL = yaml.safe_load((builtin_library_path() / "federal.yaml").read_text(encoding="utf-8"))
# Statute fragments each detainer flag must cite (from the issue and the checked data).
DETAINER_STATUTES = {
    "TX": ["art. 2A.060", "§ 752.053"],
    "FL": ["908.105"],
    "TN": ["7-68-103"],
    "GA": ["42-1-11.5"],
}

# A minimal jail provision used to exercise the detainer path end to end while the real
# `detainers` provision is still being written by another helper.
STUB_DETAINERS = {
    "provisions/detainers/clause.yaml": """\
id: detainers
title: Declining immigration detainers
category: resources
order: 400
version: 0.0.1
summary: A test stand-in for the detainer provision, declining holds without a judicial warrant.
needs_jail: true
sheriff: resolution
sources:
  - cite: 8 C.F.R. § 287.7
    status: described
""",
    "provisions/detainers/text.md.j2": """\
{% if part == 'resolution' %}- The body asks the Sheriff to decline detainer holds.
{% else %}- The jail must not hold a person past release on a detainer alone.{% endif %}
""",
    "provisions/detainers/note.md.j2": """\
## What it does
Declines holds.

## Why
Trust.

## Legal basis and risks
Fourth Amendment.

## Modeled on
Test. The wording here is original.
""",
}


def raw_state(code: str) -> dict:
    """A state file as plain data (independent of the code under test)."""
    return yaml.safe_load((STATES_DIR / f"{code}.yaml").read_text(encoding="utf-8"))


def raw_flags(code: str, pid: str, kind: str, variant: str, jail: str | None = None) -> list[dict]:
    """The data's flags for one provision, filtered by kind, jail and variant as the data says.

    (Flags on one sentence apply to the default wording, which has every sentence.)
    """
    value = (raw_state(code).get("provisions") or {}).get(pid)
    specs = [value] if isinstance(value, dict) else list(value or [])
    return [
        s
        for s in specs
        if kind in (s.get("kinds") or [kind])
        and (jail is None or jail in (s.get("jails") or [jail]))
        and (not s.get("variants") or not variant or variant in s["variants"])
    ]


def comprehensive_provisions(library: Library, kind: str) -> dict[str, dict]:
    """Every provision of the library a county with its own jail can choose, defaults only."""
    chosen: dict[str, dict] = {}
    for cid, clause in library.clauses.items():
        spec = clause.spec
        if kind not in spec.applies_to or set(spec.conflicts) & set(chosen):
            continue
        if spec.variants and kind not in spec.variants[0].applies_to:
            continue
        chosen[cid] = {}
    changed = True
    while changed:  # drop anything whose requirements did not make it in
        changed = False
        for cid in list(chosen):
            spec = library.clauses[cid].spec
            needs = set(spec.requires) | set(spec.variants[0].requires if spec.variants else ())
            if not needs <= set(chosen):
                del chosen[cid]
                changed = True
    return chosen


def county_answers(path: Path, state: str, provisions: dict | list, jail: str = "county") -> Path:
    """Write a county answers file for ``state``."""
    data = {
        "jurisdiction": {"name": "Sample", "kind": "county", "state": state, "jail": jail},
        "provisions": provisions,
        "document": {"draft_date": "2026-11-25"},
    }
    return write_answers(path, yaml.safe_dump(data, sort_keys=False))


def check_json(cli, answers: Path, *extra: str) -> tuple[int, dict]:
    """Run `check --json` in-process; return the exit code and the parsed report."""
    result = cli("check", str(answers), "--json", *extra)
    return result.exit_code, json.loads(result.stdout)


# -- the data ------------------------------------------------------------------------------


def test_every_state_and_dc_has_a_valid_entry(library):
    """All 50 states and DC load, with as-of dates and sources, and lint clean."""
    from ordinance_drafter.qa.statelint import lint_state_data
    from ordinance_drafter.statelaw.data import state_data

    states = state_data(library).states
    assert sorted(states) == sorted(STATES)
    for code, entry in states.items():
        raw = raw_state(code)
        assert entry.as_of == str(raw["as_of"])
        assert entry.confidence in ("high", "medium", "low")
        if entry.status != "none_known":
            assert entry.citations and entry.sources, code
    assert lint_state_data(library) == []


@pytest.mark.parametrize("code", sorted(STATES))
def test_check_flags_exactly_what_the_data_says(tmp_path, cli, library, code):
    """A comprehensive county file flags exactly the provisions the state's data names."""
    provisions = comprehensive_provisions(library, "county")
    answers = county_answers(tmp_path / "county.answers.yaml", code, provisions)
    exit_code, report = check_json(cli, answers)
    flagged = {f["provision"] for f in report["flags"]}
    expected_flags = {
        pid: raw_flags(code, pid, "county", library.clauses[pid].spec.default_variant, "county")
        for pid in provisions
    }
    expected = {pid for pid, flags in expected_flags.items() if flags}
    warns = any(
        f["severity"] in ("forbidden", "limited") for fl in expected_flags.values() for f in fl
    )
    assert flagged == expected
    # Exit 1 only for warnings (forbidden, limited); context alone (info, restates) exits 0.
    assert exit_code == (1 if warns else 0)
    assert report["flagged"] is bool(expected)
    assert report["exit_code"] == exit_code
    for f in report["flags"]:
        assert f["citations"], f"{code} {f['provision']}: a flag without a citation"
        assert f["as_of"] == str(raw_state(code)["as_of"])


@pytest.mark.parametrize("code", sorted(DETAINER_STATUTES))
def test_detainer_clause_is_forbidden_in_tx_fl_tn_ga(library, code):
    """TX, FL, TN and GA flag the detainer clause as forbidden, citing the statute."""
    from ordinance_drafter.statelaw.flags import provision_flags

    flags = [f for f in provision_flags(library, code, "county", "detainers") if f.scope == "state"]
    assert [f.severity for f in flags] == ["forbidden"]
    cites = " ".join(flags[0].citations)
    for fragment in DETAINER_STATUTES[code]:
        assert fragment in cites
    assert raw_flags(code, "detainers", "county", "")[0]["severity"] == "forbidden"


@pytest.mark.parametrize("code", sorted(DETAINER_STATUTES))
def test_detainer_flag_end_to_end_with_a_county_jail(tmp_path, code):
    """With a detainer provision in the library, `check` on a county-jail file flags it (exit 1)."""
    root = build_clause_library(tmp_path / "lib", STUB_DETAINERS)
    answers = county_answers(tmp_path / "a.yaml", code, ["detainers"], jail="county")
    result = run_command("check", str(answers), "--json", "--library", str(root), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    detainer = [f for f in report["flags"] if f["provision"] == "detainers"]
    assert detainer and detainer[0]["severity"] == "forbidden"


def test_minnesota_detainer_flags_carry_the_ag_opinion_and_esparza(library):
    """Minnesota's detainer flag cites Op. Att'y Gen. 3a (Feb. 6, 2025) and Esparza."""
    from ordinance_drafter.statelaw.flags import provision_flags

    for pid in ("detainers", "transfer_requests"):
        state = [f for f in provision_flags(library, "MN", "county", pid) if f.scope == "state"]
        assert state, pid
        cites = " ".join(state[0].citations)
        assert "Op. Att'y Gen. 3a (Feb. 6, 2025)" in cites
        assert "Esparza v. Nobles County" in cites
    agreements = provision_flags(library, "MN", "county", "immigration_agreements")
    assert any("Dec. 12, 2025" in " ".join(f.citations) for f in agreements)
    sharing = [f for f in provision_flags(library, "MN", "city", "information_sharing")]
    assert any("171.12" in " ".join(f.citations) for f in sharing)


def test_minnesota_detainer_note_in_the_document(tmp_path):
    """A Minnesota county draft's detainer note carries the AG opinion and Esparza."""
    root = build_clause_library(tmp_path / "lib", STUB_DETAINERS)
    answers = county_answers(tmp_path / "mn.yaml", "MN", ["detainers"], jail="county")
    out = tmp_path / "mn.md"
    result = run_command(
        "build", str(answers), "-o", str(out), "--notes", "inline", "--library", str(root),
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "State law context" in text
    assert "Op. Att'y Gen. 3a (Feb. 6, 2025)" in text
    assert "Esparza v. Nobles County" in text


def test_federal_context_appears_with_its_as_of_date(library):
    """Every federal item names real provisions and shows up on them with its as-of date."""
    from ordinance_drafter.statelaw.flags import provision_flags

    known = set(yaml.safe_load((STATES_DIR / "_index.yaml").read_text())["known_provisions"])
    assert {"usc_1373_1644", "usc_1357g", "cfr_287_7", "us_v_minnesota", "us_v_illinois"} <= {
        item["id"] for item in FEDERAL["items"]
    }
    for item in FEDERAL["items"]:
        for pid in item["provisions"]:
            assert pid in known
            flags = provision_flags(library, "WI", "county", pid)
            federal = [
                f for f in flags if f.scope == "federal" and f.message.startswith(item["title"])
            ]
            assert federal and federal[0].as_of == str(item["as_of"])


# -- the commands --------------------------------------------------------------------------


def test_states_table_and_one_state_as_json(cli):
    """`states` lists every state; `states MN --json` parses and carries the detainer flag."""
    table = cli("states")
    assert table.exit_code == 0
    for code in ("AK", "MN", "TX", "WY", "DC"):
        assert code in table.stdout
    result = cli("states", "MN", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["code"] == "MN" and data["as_of"] == str(raw_state("MN")["as_of"])
    assert data["provisions"]["detainers"][0]["severity"] == "info"
    assert "Op. Att'y Gen. 3a" in data["notice"]
    listing = json.loads(cli("states", "--json").stdout)
    assert {r["code"] for r in listing} == set(STATES)


def test_states_rejects_an_unknown_code(cli):
    """An unknown state code is a one-paragraph error with a non-zero exit."""
    result = cli("states", "XX")
    assert result.exit_code == 2
    assert "is not a state code" in result.stderr
    assert cli("states", "texas").exit_code == 0


def test_check_exit_codes_on_real_files(tmp_path):
    """`check` exits 0 with nothing flagged, 1 with a state flag, 2 for an invalid file."""
    assert not raw_flags("MN", "purpose", "city", "")
    quiet = write_answers(
        tmp_path / "northfield.answers.yaml",
        "jurisdiction: {name: Northfield, kind: city, state: MN}\nprovisions: [purpose]\n",
    )
    result = run_command("check", str(quiet), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "State-law flags: none." in result.stdout

    assert raw_flags("TX", "resource_use", "city", "")
    loud = write_answers(
        tmp_path / "austin.answers.yaml",
        "jurisdiction: {name: Austin, kind: city, state: TX}\nprovisions: [resource_use]\n",
    )
    result = run_command("check", str(loud), cwd=tmp_path)
    assert result.returncode == 1
    assert "§ 752.053(a)" in result.stdout
    assert "not refusals" in result.stdout

    bad = write_answers(tmp_path / "bad.answers.yaml", "jurisdiction: {name: X, kind: town}\n")
    result = run_command("check", str(bad), "--json", cwd=tmp_path)
    assert result.returncode == 2
    assert "jurisdiction.kind" in result.stderr and result.stdout == ""


def test_texas_docx_shows_the_flag_in_the_notes(tmp_path):
    """A Texas DOCX carries the state-law warning and its citation (read by docx2python)."""
    answers = write_answers(
        tmp_path / "austin.answers.yaml",
        "jurisdiction: {name: Austin, kind: city, state: TX}\n"
        "provisions: [purpose, resource_use]\n",
    )
    out = tmp_path / "austin.docx"
    result = run_command("build", str(answers), "-o", str(out), "--notes", "appendix", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    message = raw_flags("TX", "resource_use", "city", "")[0]["message"]
    with docx2python(out) as doc:
        text = " ".join(doc.text.split())
    assert "State law warning: likely forbidden" in text
    assert " ".join(message.split()) in text
    assert "Tex. Gov't Code § 752.053(a)" in text
    assert "Federal context (as of " in text


# -- the document model ----------------------------------------------------------------------


def test_ordinance_flags_include_the_sheriff_resolution_and_exclude_federal(tmp_path):
    """Ordinance.flags lists state flags once, including a sheriff's detainer paragraph."""
    from ordinance_drafter.answers.sources import resolve_file
    from ordinance_drafter.pipeline import draft_ordinance

    root = build_clause_library(tmp_path / "lib", STUB_DETAINERS)
    library = Library(root)
    answers = county_answers(tmp_path / "tx.yaml", "TX", ["detainers", "resource_use"], "sheriff")
    ordinance = draft_ordinance(library, resolve_file(answers, library))
    assert ordinance.resolution is not None
    assert {f.provision_id for f in ordinance.flags if f.provision_id} == {
        "detainers",
        "resource_use",
    }
    # The one flag on the whole ordinance is the county form's ordinance-authority warning.
    whole = [f for f in ordinance.flags if not f.provision_id]
    assert len(whole) == 1 and "Commissioners Court" in whole[0].message
    assert all(f.scope == "state" for f in ordinance.flags)
    reso_note = next(s.note for s in ordinance.resolution.sections if s.key == "detainers")
    assert reso_note is not None and any(f.scope == "federal" for f in reso_note.flags)


# -- notices ---------------------------------------------------------------------------------


def test_state_notice(library):
    """TX and MN get a notice with citations; a state with nothing to say gets None."""
    from ordinance_drafter.statelaw.describe import state_notice

    texas = state_notice(library, "TX")
    assert texas and "752" in texas and "forbids" in texas and "not refusals" in texas
    minnesota = state_notice(library, "MN")
    assert minnesota and "Op. Att'y Gen. 3a" in minnesota and "Esparza" in minnesota
    assert raw_state("AK")["status"] == "none_known" and not raw_state("AK")["caution_flag"]
    assert state_notice(library, "AK") is None
    kentucky = state_notice(library, "KY")
    assert raw_state("KY")["caution_flag"] and kentucky and "Caution" in kentucky


# -- validation and lint -----------------------------------------------------------------------


def test_unknown_provision_id_in_state_data_is_a_lint_problem(tmp_path):
    """Lint names a provision id that is neither in the library nor on the known list."""
    from ordinance_drafter.qa.lint import lint

    tx = (STATES_DIR / "TX.yaml").read_text(encoding="utf-8")
    tx = tx.replace("  detainers:\n", "  detainerz:\n", 1)
    root = build_clause_library(tmp_path / "lib", {"states/TX.yaml": tx})
    problems = lint(root)
    assert any("TX.yaml" in p and "'detainerz'" in p and "detainers" in p for p in problems)


def test_invalid_state_file_names_the_file_and_field(tmp_path, cli):
    """A bad severity is reported as one paragraph naming the file and field."""
    tx = (STATES_DIR / "TX.yaml").read_text(encoding="utf-8")
    tx = tx.replace("severity: forbidden", "severity: banned", 1)
    root = build_clause_library(tmp_path / "lib", {"states/TX.yaml": tx})
    answers = county_answers(tmp_path / "a.yaml", "TX", ["resource_use"])
    result = cli("check", str(answers), "--library", str(root))
    assert result.exit_code == 2
    assert "TX.yaml" in result.stderr and "severity" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_state_file_is_reported_by_lint(tmp_path):
    """A library with a states/ folder must cover every state and DC."""
    from ordinance_drafter.qa.lint import lint

    root = build_clause_library(tmp_path / "lib", {"states/WY.yaml": None})
    assert any("no state file for WY" in p for p in lint(root))


# -- forms -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("TX", "The Commissioners Court of Sample County ordains:"),
        ("CA", "The Board of Supervisors of Sample County ordains:"),
        ("WI", "The Board of Supervisors of Sample County ordains:"),
        ("LA", "The Parish Council of Sample Parish ordains:"),
        ("OH", "The Board of Commissioners of Sample County ordains:"),
        ("MN", "The County Board of Sample County ordains:"),
    ],
)
def test_county_forms_by_state(tmp_path, state, expected):
    """Each state's county gets its governing body; parishes say what to confirm."""
    answers = county_answers(tmp_path / "a.yaml", state, ["purpose"])
    out = tmp_path / "a.md"
    result = run_command("build", str(answers), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert expected in text
    if state == "LA":
        assert "replace them with" in text and "Parish" in text
