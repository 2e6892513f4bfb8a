"""A source's ``when`` says which jurisdictions it concerns, in every state (issues 15/12).

``states`` says whose law a source is; ``when`` (and ``elsewhere_when``) say only the kind or
type of jurisdiction, the jail or the variant it concerns, and count in every state's drafts.
So a Texas city draft lists no item to confirm that concerns only counties, and a Texas
county draft does. The cases come from the clause files read with plain PyYAML; whether an
expression fits a jurisdiction is evaluated here with plain Jinja2, not by the code under
test; the lists are read from the document model and, for one pair, from the DOCX.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
import yaml

from conftest import ROOT
from ordinance_drafter.library.loader import Library, builtin_library_path
from ordinance_drafter.pipeline import flag_provision
from ordinance_drafter.qa.citations import source_when_problems
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.statelaw.codes import STATES
from renderkit import draft_data, open_docx, render
from test_state_text import draft_for, every_provision

CLAUSES = builtin_library_path()
RAW = {
    p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
    for p in sorted((CLAUSES / "provisions").glob("*/clause.yaml"))
}
RECORDS = [(pid, s) for pid, spec in RAW.items() for s in spec.get("sources") or ()]
RECORDS += [
    (p.stem, s)
    for p in sorted((CLAUSES / "definitions").glob("*.yaml"))
    for s in yaml.safe_load(p.read_text(encoding="utf-8")).get("sources") or ()
]
_META = yaml.safe_load((CLAUSES / "library.yaml").read_text(encoding="utf-8"))
RECORDS += [("resolution", s) for s in _META["document"].get("resolution", {}).get("sources") or ()]

# What this test reads as a test of the state in an expression.
STATE_TEST = re.compile(r"\bjur\.(state|state_name|is_minnesota)\b|\bjur\[|(?<![\w.])state\.")
KIND_TEST = re.compile(r"\bjur\.kind\b")
# The names a kind condition may use here, so that this test can evaluate it on its own.
PLAIN = re.compile(r"^(\s|jur\.(kind|city_type|county_type)|==|!=|and|or|not|\(|\)|'\w*')*$")

# Another state with types (Texas) and one without: the first state no source is the law of.
_OWNERS = {code for _pid, s in RECORDS for code in s.get("states") or ()}
OTHER_STATES = ["TX", next(c for c in sorted(STATES) if c not in _OWNERS | {"TX"})]
# The default type of each state's cities, read from governments.yaml.
_TYPES = yaml.safe_load((CLAUSES / "governments.yaml").read_text(encoding="utf-8"))["types"]
CITY_TYPE = {t["state"]: t["choices"][0]["id"] for t in _TYPES if t["kind"] == "city"}
COUNTY_TYPE = {t["state"]: t["choices"][0]["id"] for t in _TYPES if t["kind"] == "county"}


def fits(expression: str | None, jur: SimpleNamespace) -> bool:
    """Whether an expression holds for ``jur``, by plain Jinja2 (empty: it does)."""
    if not expression:
        return True
    return bool(jinja2.Environment().compile_expression(expression)(jur=jur))


def _kind_cases() -> list[tuple[str, str]]:
    """(provision, item to confirm) where some source behind the item has a kind condition."""
    cases = {
        (pid, s["elsewhere"])
        for pid, s in RECORDS
        if pid in RAW
        and s.get("elsewhere")
        and any(KIND_TEST.search(s.get(f) or "") for f in ("when", "elsewhere_when"))
    }
    return sorted(cases)


KIND_CASES = _kind_cases()


def test_no_source_when_tests_the_state(library) -> None:
    """No expression in the data reads the state, as this test and as lint see it."""
    tests_state = [
        (pid, s["cite"], s.get(f))
        for pid, s in RECORDS
        for f in ("when", "elsewhere_when")
        if STATE_TEST.search(s.get(f) or "")
    ]
    assert tests_state == []
    assert source_when_problems(library) == []


def test_the_kind_cases_are_derived_and_include_the_issue() -> None:
    """The cases are the library's, among them the 287(g) item the issue names."""
    assert any("287(g)" in what for _pid, what in KIND_CASES)
    behind = [s for pid, s in RECORDS if (pid, s.get("elsewhere")) in KIND_CASES]
    assert all(PLAIN.match(s.get(f) or "") for s in behind for f in ("when", "elsewhere_when"))
    city = SimpleNamespace(kind="city", city_type="", county_type="")
    assert not fits("jur.kind == 'county'", city) and fits("", city)


@pytest.mark.parametrize("state", OTHER_STATES)
@pytest.mark.parametrize(
    "kind,jail", [("city", "city"), ("county", "sheriff"), ("county", "county")]
)
def test_items_to_confirm_follow_the_kind(library, state, kind, jail) -> None:
    """Each item behind a kind condition is listed in a draft exactly where a source behind it
    fits: a city draft lists no county-only item, a county draft lists them."""
    jur = SimpleNamespace(
        kind=kind,
        city_type=CITY_TYPE.get(state, "") if kind == "city" else "",
        county_type=COUNTY_TYPE.get(state, "") if kind == "county" else "",
    )
    answers = {"city_type": jur.city_type} if jur.city_type else {}
    chosen = every_provision(library, kind)
    data = {
        "jurisdiction": {"name": "Sample", "kind": kind, "state": state, "jail": jail, **answers},
        "document": {"draft_date": "2026-12-01"},
        "provisions": chosen,
    }
    ordinance = draft_data(library, data, flagger=flag_provision)
    listed: dict[str, set[str]] = {}
    for section in ordinance.all_sections():
        if section.note:
            listed.setdefault(section.note.provision_id, set()).update(
                s.cite for s in section.note.sources
            )
    checked = 0
    for pid, what in KIND_CASES:
        if pid not in chosen:
            continue
        behind = [s for p, s in RECORDS if p == pid and s.get("elsewhere") == what]
        expected = any(
            state not in (s.get("states") or ())
            and fits(s.get("when"), jur)
            and fits(s.get("elsewhere_when"), jur)
            for s in behind
        )
        item = f"{STATES[state]} law on {what}"
        assert (item in listed.get(pid, set())) == expected, (state, kind, pid, item)
        checked += 1
    assert checked, "some provision with a kind-conditioned item is in the draft"


def test_a_texas_city_draft_lists_no_county_only_item_and_a_county_draft_does(library) -> None:
    """Read back from the DOCX notes: every item only a county fits is absent from a Texas
    city's draft and present in a Texas county's."""
    city = SimpleNamespace(kind="city", city_type=CITY_TYPE["TX"], county_type="")
    county = SimpleNamespace(kind="county", city_type="", county_type="")
    county_only = sorted(
        {
            what
            for pid, what in KIND_CASES
            for p, s in RECORDS
            if p == pid
            and s.get("elsewhere") == what
            and fits(s.get("when"), county)
            and fits(s.get("elsewhere_when"), county)
            and not any(
                fits(o.get("when"), city) and fits(o.get("elsewhere_when"), city)
                for q, o in RECORDS
                if q == pid and o.get("elsewhere") == what
            )
        }
    )
    assert county_only
    texts = {}
    for kind, jail in (("city", "city"), ("county", "sheriff")):
        ordinance = draft_for(library, "TX", kind, jail, provisions=every_provision(library, kind))
        data = render(ordinance, "docx", notes="appendix")
        texts[kind] = "\n".join(p.text for p in open_docx(data).paragraphs)
    for what in county_only:
        assert f"Texas law on {what}" not in texts["city"], what
        assert f"Texas law on {what}" in texts["county"], what
    assert "Texas law on when an ordinance takes effect" in texts["city"]


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", copy)
    return copy


@pytest.mark.parametrize("field", ["when", "elsewhere_when"])
def test_lint_reports_a_source_when_that_tests_the_state(tmp_path: Path, field) -> None:
    """Putting the state back into a source's expression is reported, naming the provision,
    the citation, the field and what to use instead."""
    copy = _copy(tmp_path)
    pid, source = next(
        (p, s) for p, s in RECORDS if p in RAW and s.get("states") and s.get("elsewhere")
    )
    path = copy / "provisions" / pid / "clause.yaml"
    text = path.read_text(encoding="utf-8")
    found = re.search(re.escape(f"  - cite: {source['cite']}\n") + r"((?:    .*\n)+)", text)
    assert found
    kept = [
        line for line in found.group(1).splitlines(True) if not line.startswith(f"    {field}:")
    ]
    seeded = "".join(kept) + f"    {field}: \"jur.is_minnesota and jur.kind == 'county'\"\n"
    path.write_text(text[: found.start(1)] + seeded + text[found.end(1) :], encoding="utf-8")
    problems = [p for p in lint(copy) if "tests the state" in p]
    assert len(problems) == 1
    assert pid in problems[0] and source["cite"] in problems[0] and f"has {field}:" in problems[0]
    assert "'states'" in problems[0]
    assert source_when_problems(Library(CLAUSES)) == []
