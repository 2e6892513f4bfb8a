"""No other state's statute is a source of a draft's text, unless it is labelled a model.

Issue 15: in a draft for a state, every source is federal law, a case or an ordinance, the
draft's own state's law, or another state's law labelled as a model (``law_of``). The states
under test are derived from the state data and the library; whose law a citation is comes
from this file's own reading of the citation (a state named or abbreviated in it), not from
the code under test, and the labels are read back from the rendered documents.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml

from conftest import ROOT
from ordinance_drafter.library.loader import Library, builtin_library_path
from ordinance_drafter.qa.citations import state_law_problems
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.statelaw.codes import STATES
from renderkit import render
from test_state_text import FORBIDDING, draft_for, every_provision

CLAUSES = builtin_library_path()

# How citations name a state, for this test's own reading (The Bluebook, table T1).
_T1 = """AL Ala.|AK Alaska|AZ Ariz.|AR Ark.|CA Cal.|CO Colo.|CT Conn.|DE Del.|DC D.C.|FL Fla.|
GA Ga.|HI Haw.|ID Idaho|IL Ill.|IN Ind.|IA Iowa|KS Kan.|KY Ky.|LA La.|ME Me.|MD Md.|MA Mass.|
MI Mich.|MN Minn.|MS Miss.|MO Mo.|MT Mont.|NE Neb.|NV Nev.|NH N.H.|NJ N.J.|NM N.M.|NY N.Y.|
NC N.C.|ND N.D.|OH Ohio|OK Okla.|OR Or.|PA Pa.|RI R.I.|SC S.C.|SD S.D.|TN Tenn.|TX Tex.|
UT Utah|VT Vt.|VA Va.|WA Wash.|WV W. Va.|WI Wis.|WY Wyo."""
ABBR = dict(pair.strip().split(" ", 1) for pair in re.split(r"\|\n?", _T1))
assert sorted(ABBR) == sorted(STATES)

# Citations that name a state but are not its law: a federal court's case, a city's or
# county's own code, order or record, and reports ("Publisher, "Title" ...").
FEDERAL_CASE = re.compile(r"\d+ (U\.S\.|F\.(2d|3d|4th)|F\. Supp\.)|\((\w\.)?\w\. [A-Z]|Cir\.")
LOCAL = re.compile(
    # "Berwyn, Ill., Code ...", "Seattle, Wash., mayoral executive order ..."
    r"^[A-Z][\w.' ]+, [A-Z][a-z]*\.?( [A-Z][a-z]*\.?)?,"
    r"|^(New York City|League of|University of)\b"
)
REPORT = re.compile(r'^[^"(]+, "|^University of|^News reports')


def states_named(cite: str) -> set[str]:
    """Every state a citation names, by its full name or its abbreviation."""
    found = set()
    for code, name in STATES.items():
        if re.search(rf"(?<![\w.]){re.escape(ABBR[code])}(?![\w])|\b{name}\b", cite):
            found.add(code)
    if "ILCS" in cite:
        found.add("IL")
    return found


def foreign_law(cite: str, state: str) -> set[str]:
    """The other states whose own law this citation is, as this test reads it."""
    if FEDERAL_CASE.search(cite) or LOCAL.search(cite) or REPORT.search(cite):
        return set()
    return states_named(cite) - {state}


def raw_records() -> list[dict]:
    """Every source record of the library, read with plain PyYAML."""
    files = sorted((CLAUSES / "provisions").glob("*/clause.yaml"))
    files += sorted((CLAUSES / "definitions").glob("*.yaml"))
    out = []
    for path in files:
        out += yaml.safe_load(path.read_text(encoding="utf-8")).get("sources") or []
    meta = yaml.safe_load((CLAUSES / "library.yaml").read_text(encoding="utf-8"))
    out += meta["document"]["resolution"].get("sources") or []
    return out


RECORDS = raw_records()
MODELS = Counter(r["law_of"] for r in RECORDS if r.get("law_of"))
OWN = Counter(code for r in RECORDS for code in r.get("states") or ())


def state_flags(code: str) -> bool:
    data = yaml.safe_load((CLAUSES / "states" / f"{code}.yaml").read_text(encoding="utf-8"))
    return bool(data.get("provisions") or data.get("facts"))


#: Minnesota (the state most `states` name), California (the state whose law the library
#: most often models), a forbidding state with a source of its own (Texas), and the first
#: state with no flags or facts of its own that no source names.
SAMPLE = {
    "own law": OWN.most_common(1)[0][0],
    "model law": MODELS.most_common(1)[0][0],
    "forbidding": next(c for c in FORBIDDING if OWN[c]),
    "no data": next(c for c in STATES if not state_flags(c) and not OWN[c] and not MODELS[c]),
}


def test_the_sample_is_the_one_the_issue_names() -> None:
    assert {"MN", "CA", "TX"} <= set(SAMPLE.values())
    assert len(set(SAMPLE.values())) == 4


def label(model: str, state: str) -> str:
    return f"{model} law, cited as a model only (not {STATES[state]} law)"


@pytest.mark.parametrize("code", sorted(set(SAMPLE.values())))
@pytest.mark.parametrize("kind,jail", [("city", "city"), ("county", "sheriff")])
def test_every_source_is_federal_local_own_or_a_labelled_model(library, code, kind, jail) -> None:
    """Each source of a full draft is this state's law, not a state's law, or a labelled model."""
    ordinance = draft_for(library, code, kind, jail, provisions=every_provision(library, kind))
    sources = ordinance.all_sources()
    assert sources
    models = 0
    for src in sources:
        if src.status == "confirm":  # what to confirm under this state's own law
            assert src.cite.startswith(f"{STATES[code]} law on "), src.cite
            continue
        if src.model_of:
            models += 1
            other = next(c for c, n in STATES.items() if n == src.model_of)
            assert other != code and other in states_named(src.cite), src.cite
            assert src.note.startswith(label(src.model_of, code)), src.note
            assert any(r["cite"] == src.cite and r.get("law_of") == other for r in RECORDS)
            continue
        assert not foreign_law(src.cite, code), (code, kind, src.cite)
    assert models, "the draft labels the other states' law it is modeled on"


def test_the_oracle_can_fail() -> None:
    """This test's reading calls a Minnesota statute Minnesota law, a city code not state law."""
    assert foreign_law("Minn. Stat. § 13.824", "TX") == {"MN"}
    assert foreign_law("Lunn v. Commonwealth, 477 Mass. 517 (2017)", "MN") == {"MA"}
    assert foreign_law("Cruz v. Multnomah County, 279 Or. App. 1 (2016)", "MN") == {"OR"}
    assert foreign_law("Berwyn, Ill., Code § 620.24(B)", "TX") == set()
    assert foreign_law("City of El Cenizo v. Texas, 890 F.3d 164 (5th Cir. 2018)", "MN") == set()
    assert foreign_law("Minn. Stat. § 13.824", "MN") == set()


def test_a_state_draft_lists_its_own_law_unlabelled(library) -> None:
    """California's own statute in a California draft is not called a model."""
    ca = SAMPLE["model law"]
    ordinance = draft_for(library, ca, "city", "city", provisions={"civil_arrests": {}})
    cited = [s for s in ordinance.all_sources() if s.cite.startswith(ABBR[ca])]
    assert cited and not [s for s in cited if s.model_of or "as a model" in s.note]


def test_the_companion_resolution_cites_no_minnesota_law_in_texas(library) -> None:
    """The resolution's note lists Texas law to confirm where Minnesota law was its basis."""
    pid = {"detainers": {}}
    texas = draft_for(library, "TX", "county", "sheriff", provisions=pid)
    minnesota = draft_for(library, "MN", "county", "sheriff", provisions=pid)
    assert texas.resolution and minnesota.resolution
    tx = [s.cite for s in texas.resolution.note.sources]
    mn = [s.cite for s in minnesota.resolution.note.sources]
    assert [c for c in mn if "MN" in states_named(c)]
    assert not [c for c in tx if "MN" in states_named(c)], tx
    assert [c for c in tx if c.startswith("Texas law on ")]


# -- the label in every format -------------------------------------------------------------


MN_DRAFT = {"civil_arrests": {}, "findings": {}}


def _model_source(library) -> tuple[str, str]:
    """The first source of civil_arrests that another state's law is (from the raw data)."""
    data = yaml.safe_load(
        (CLAUSES / "provisions" / "civil_arrests" / "clause.yaml").read_text(encoding="utf-8")
    )
    rec = next(r for r in data["sources"] if r.get("law_of") and r["law_of"] != "MN")
    return rec["cite"], STATES[rec["law_of"]]


def _docx_text(data: bytes) -> str:
    """Body, tables and comments of a DOCX, read with python-docx and the comments part."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "word/comments.xml" in z.namelist():
            xml = z.read("word/comments.xml").decode("utf-8")
            parts += [
                "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in xml.split("</w:p>")
            ]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "fmt,notes",
    [("docx", "comments"), ("docx", "inline"), ("docx", "appendix"), ("html", "inline"),
     ("html", "appendix"), ("md", "appendix"), ("md", "inline")],
)  # fmt: skip
def test_every_format_labels_the_model(library, fmt, notes) -> None:
    """A Minnesota draft's notes say that the California statute is a model, not Minnesota law;
    the cover's sources table says so too."""
    cite, model = _model_source(library)
    ordinance = draft_for(library, "MN", "city", "city", provisions=MN_DRAFT)
    data = render(ordinance, fmt, notes=notes, cover_summary=True)
    if fmt == "docx":
        text = _docx_text(data)
    elif fmt == "html":
        text = html.unescape(re.sub(r"<[^>]+>", "", data.decode("utf-8")))
    else:
        text = data.decode("utf-8").replace("\\", "")
    text = " ".join(text.split())
    assert f"{cite} — {label(model, 'MN')}" in text
    assert f"{cite} ({model} law, a model)" in text
    assert "(not Minnesota law)" in text


# -- lint ----------------------------------------------------------------------------------


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", copy)
    return copy


def test_every_state_law_source_in_the_library_says_whose_it_is() -> None:
    """Every record this test reads as a state's law carries `states` or `law_of` for it."""
    unlabelled = [
        r["cite"]
        for r in RECORDS
        for code in states_named(r["cite"])
        if foreign_law(r["cite"], "")
        and code not in (r.get("states") or ())
        and r.get("law_of") != code
    ]
    assert unlabelled == []
    assert state_law_problems(Library(CLAUSES)) == []


def test_lint_reports_a_seeded_unlabelled_source(tmp_path: Path) -> None:
    """Removing one `law_of` from a copy of the library, and adding a new state statute
    without one, are both reported, naming the file, the citation and the fields to use."""
    copy = _copy(tmp_path)
    path = next(
        p
        for p in sorted((copy / "provisions").glob("*/clause.yaml"))
        if "law_of: OR" in p.read_text()
    )
    text = path.read_text(encoding="utf-8")
    cite = re.search(r"- cite: (.+)\n    law_of: OR\n", text).group(1)
    text = text.replace("    law_of: OR\n", "", 1)
    text = text.replace(
        "sources:\n",
        "sources:\n  - cite: Ga. Code Ann. § 35-1-17\n    note: a seeded source\n"
        "    url: https://example.org/ga\n    checked: 2026-12-02\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    problems = lint(copy)
    pid = path.parent.name
    for seeded, code in ((cite, "OR"), ("Ga. Code Ann. § 35-1-17", "GA")):
        hits = [p for p in problems if seeded in p and pid in p]
        assert hits and f"'law_of: {code}'" in hits[0] and f"'states: [{code}]'" in hits[0]
    assert state_law_problems(Library(CLAUSES)) == []


def test_states_and_law_of_together_are_refused(tmp_path: Path, cli) -> None:
    """A source that says both is a bad library, with a message naming the fields."""
    copy = _copy(tmp_path)
    path = copy / "provisions" / "civil_arrests" / "clause.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    law_of: CA\n", "    law_of: CA\n    states: [CA]\n", 1))
    result = cli("lint-library", str(copy))
    assert result.exit_code != 0
    assert "law_of" in result.output and "states" in result.output
    assert "Traceback" not in result.output
