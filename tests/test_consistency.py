"""The ordinance as a whole (issue 14): interactions between provisions, and the checker.

The checker (``assembly.consistency``) must find nothing in drafts built from the shipped
library, and must report each fault seeded into a copy of the library. What one provision
needs from another is data (``interactions`` in ``clause.yaml``): the tool applies what it
may and reports, never overrides, a contradiction that the user's own answer creates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build_clause_library, run_command, write_answers
from ordinance_drafter.answers.sources import resolve_data
from ordinance_drafter.library.loader import Library, builtin_library_path, load_library
from ordinance_drafter.pipeline import draft_ordinance
from ordinance_drafter.qa.lint import lint, sample_states

LIB = load_library(builtin_library_path())
NEEDS = [
    (clause.id, i)
    for clause in LIB.clauses.values()
    for i in clause.spec.interactions
    if i.kind == "needs" and i.target.includes
]


def _draft(library: Library, data: dict):
    resolved = resolve_data(data, library, "test answers")
    return resolved, draft_ordinance(library, resolved)


def _both(pid: str, interaction, explicit: list[str] | None = None) -> dict:
    """Answers choosing a provision and the one it needs something of."""
    target = interaction.target
    other: dict = {}
    if explicit is not None:
        other = {"values": {target.value: explicit}}
    return {
        "jurisdiction": {"name": "Northfield", "kind": "city", "state": "MN"},
        "provisions": {pid: {}, target.provision: other},
        "document": {"draft_date": "2026-11-25"},
    }


# -- interactions ------------------------------------------------------------------------


def test_the_library_declares_the_certification_need():
    """The contradiction three drafts showed is now data, not a note the tool ignored."""
    assert ("victim_certification", "status_inquiry") in {(p, i.target.provision) for p, i in NEEDS}


@pytest.mark.parametrize(("pid", "interaction"), NEEDS, ids=[f"{p}" for p, _i in NEEDS])
def test_a_need_is_applied_when_the_answers_leave_the_value_to_its_default(pid, interaction):
    target = interaction.target
    spec = LIB.clauses[target.provision].spec
    default = spec.variable(target.value).default
    data = _both(pid, interaction)
    resolved, ordinance = _draft(LIB, data)
    values = resolved.choices[target.provision].values[target.value]
    assert target.includes in values
    applied = [o for o in resolved.interactions if o.provision == pid and o.status == "applied"]
    assert len(applied) == (0 if target.includes in default else 1)
    assert not ordinance.consistency
    # Without the other provision nothing is added.
    alone = resolve_data(
        {**data, "provisions": {target.provision: {}}}, LIB, "test answers"
    ).choices[target.provision]
    assert list(alone.values[target.value]) == list(default)


@pytest.mark.parametrize(("pid", "interaction"), NEEDS, ids=[f"{p}" for p, _i in NEEDS])
def test_an_explicit_answer_that_contradicts_a_need_is_reported_not_overridden(pid, interaction):
    target = interaction.target
    var = LIB.clauses[target.provision].spec.variable(target.value)
    kept = [c for c in var.choice_ids if c != target.includes][:1]
    resolved, ordinance = _draft(LIB, _both(pid, interaction, kept))
    assert list(resolved.choices[target.provision].values[target.value]) == kept
    found = [f for f in ordinance.consistency if f.kind == "interaction"]
    assert len(found) == 1
    assert found[0].provisions == (pid, target.provision)
    numbers = {s.key: f"section {s.number}" for s in ordinance.sections}
    assert found[0].sections == (numbers[pid], numbers[target.provision])
    assert target.includes in found[0].fix and f"provisions.{target.provision}" in found[0].fix


CONTRADICTION = """\
format: 1
jurisdiction: {name: Northfield, kind: city, state: MN}
preset: standard
provisions:
  status_inquiry:
    variant: status_only
    values: {exceptions: [eligibility, criminal_investigation, employment]}
  victim_certification: {}
  federal_law_savings: {}
document: {draft_date: "2026-11-25"}
"""


def test_check_reports_the_contradiction_and_exits_1(tmp_path):
    """The must-show case: certification kept, the status rule's exceptions set without it."""
    path = write_answers(tmp_path / "a.yaml", CONTRADICTION)
    result = run_command("check", "--json", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert [f["kind"] for f in data["consistency"]] == ["interaction"]
    finding = data["consistency"][0]
    assert finding["provisions"] == ["victim_certification", "status_inquiry"]
    assert all(re.fullmatch(r"section \d+", s) for s in finding["sections"])
    assert "victim_certification" in finding["fix"]
    text = run_command("check", str(path), cwd=tmp_path)
    assert text.returncode == 1 and "Consistency findings (1)" in text.stdout
    built = run_command("build", str(path), "-o", "a.md", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "Warning (consistency)" in built.stderr
    # The draft keeps the answer: no certification exception in the status rule.
    drafted = (tmp_path / "a.md").read_text()
    assert "U or T visa" not in drafted and "is named in a certification request" not in drafted


def test_check_says_what_it_applied_and_exits_0(tmp_path):
    path = write_answers(
        tmp_path / "a.yaml",
        CONTRADICTION.replace(
            "    values: {exceptions: [eligibility, criminal_investigation, employment]}\n", ""
        ),
    )
    result = run_command("check", "--json", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["consistency"] == []
    assert [o["provision"] for o in data["interactions"]] == ["victim_certification"]
    built = run_command("build", str(path), "-o", "a.md", cwd=tmp_path)
    assert "Warning" not in built.stderr
    # The exception added to the status rule, in the words it has beside the certification
    # section (whose defined term it uses).
    assert "is named in a certification request" in (tmp_path / "a.md").read_text()


BAD_INTERACTIONS = [
    (
        "{provision: status_inqiury, value: exceptions, includes: victim_certification}",
        "status_inqiury",
    ),
    ("{provision: status_inquiry, variant: status_everything}", "status_everything"),
    ("{provision: status_inquiry, value: exeptions, includes: victim_certification}", "exeptions"),
    ("{provision: status_inquiry, value: exceptions, includes: u_visa}", "u_visa"),
    ("{provision: status_inquiry, value: exceptions, equals: eligibility}", "multiselect"),
    ("{provision: victim_certification, value: exceptions, includes: x}", "itself"),
]


@pytest.mark.parametrize(("target", "named"), BAD_INTERACTIONS)
def test_lint_names_a_bad_interaction(tmp_path, target, named):
    clause = builtin_library_path() / "provisions/victim_certification/clause.yaml"
    text = clause.read_text()
    start = text.index("interactions:")
    end = text.index("\nsources:")
    text = (
        text[:start]
        + f"interactions:\n  - needs: {target}\n    why: A reason long enough."
        + text[end:]
    )
    root = build_clause_library(
        tmp_path / "lib", {"provisions/victim_certification/clause.yaml": text}
    )
    problems = lint(root)
    assert len(problems) == 1
    assert "victim_certification/clause.yaml" in problems[0] and "interactions[0]" in problems[0]
    assert named in problems[0]


def test_the_interview_says_an_applied_change_once(library):
    from interview_support import scripted

    # Name, kind, state, type of city, form of government, jail, preset, customize, review.
    lines = ["Northfield", "city", "MN", "statutory", "", "", "standard", "", ""]
    _interview, answers, output = scripted(library, lines)
    assert answers is not None
    said = " ".join(output.split())
    assert said.count("Because the draft includes 'U and T visa certification") == 1


# -- the checker over the shipped library --------------------------------------------------


def test_the_state_sample_comes_from_the_library():
    states = sample_states(LIB)
    assert states[0] == "MN"
    specific = {sorted(f.when.state)[0] for f in LIB.forms if f.when.state}
    assert specific <= set(states)
    from ordinance_drafter.statelaw.data import state_data

    data = state_data(LIB)
    statuses = {data.get(c).status for c in data.states}
    assert statuses == {data.get(c).status for c in states if data.get(c)}


def test_lint_builds_every_preset_and_finds_nothing():
    assert lint() == []


def test_the_cover_lists_each_section_by_its_caption(tmp_path):
    """Read back from the DOCX: the compact cover gives each section's number and its
    sentence (or, with none, its caption), never a library title."""
    import docx

    from ordinance_drafter.pipeline import render_bytes
    from ordinance_drafter.render import RenderOptions

    _resolved, ordinance = _draft(
        LIB,
        {
            "jurisdiction": {"name": "Rice", "kind": "county", "state": "MN"},
            "preset": "comprehensive",
        },
    )
    data = render_bytes(ordinance, "docx", RenderOptions(cover_summary=True, notes="none"))
    (tmp_path / "c.docx").write_bytes(data)
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "c.docx")).paragraphs)
    cover = text.split("What each section does", 1)[1].split("State law", 1)[0]
    for sec in ordinance.sections:
        assert f"\n{sec.number}. " in cover
        if not sec.summary:
            assert sec.caption.rstrip(".") in cover
        title = LIB.clauses[sec.key].spec.title if sec.key in LIB.clauses else ""
        if title and title.rstrip(".") != sec.caption.rstrip("."):
            assert title not in cover


# -- seeded faults -----------------------------------------------------------------------


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _edit(root: Path, rel: str, change: Callable[[str], str]) -> None:
    path = root / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _standard_city() -> dict:
    return {
        "jurisdiction": {"name": "Northfield", "kind": "city", "state": "MN"},
        "preset": "standard",
        "document": {"draft_date": "2026-11-25"},
    }


def _standard_county() -> dict:
    return {**_standard_city(), "jurisdiction": {"name": "Rice", "kind": "county", "state": "MN"}}


def _chosen(data: dict) -> list[str]:
    return list(resolve_data(data, LIB, "t").choices)


def _fault_needs_not_applied(root: Path) -> tuple[str, str]:
    """A need the draft relies on the tool to apply (not met by the defaults) is made
    unappliable: the exception is dropped."""
    pid, _i = next(
        (p, i)
        for p, i in NEEDS
        if i.target.includes
        not in LIB.clauses[i.target.provision].spec.variable(i.target.value).default
        and p in _chosen(_standard_city())
    )
    _edit(
        root,
        f"provisions/{pid}/clause.yaml",
        lambda t: _replace_once(t, "apply: true", "apply: false"),
    )
    return "interaction", pid


def _fault_loose_synonym(root: Path) -> tuple[str, str]:
    """A defined term renamed, in one section, to one of its loose synonyms."""
    chosen = _chosen(_standard_city())
    for defn in LIB.definitions.values():
        for pid in chosen:
            source = (LIB.clauses[pid].text_path).read_text()
            if defn.spec.avoid and f" {defn.spec.term} " in source and "{" not in defn.spec.term:
                _edit(
                    root,
                    f"provisions/{pid}/text.md.j2",
                    lambda t, d=defn: _replace_once(t, f" {d.spec.term} ", f" {d.spec.avoid[0]} "),
                )
                return "term", pid
    raise AssertionError("no provision uses a term with loose synonyms")


def _fault_glued_words(root: Path) -> tuple[str, str]:
    """The newcomer's mistake: a block tag at the end of a line of running text."""
    _edit(
        root,
        "provisions/severability/text.md.j2",
        lambda t: _replace_once(
            t,
            "parts of this ordinance or",
            "parts of this ordinance{% if jur.kind %}\nin any way{% endif %} or",
        ),
    )
    return "spacing", "severability"


def _fault_hand_typed_reference(root: Path) -> tuple[str, str]:
    """A cross-reference typed as a number: the first ``{{ ref('...') }}`` that the draft
    prints is replaced by "section 99"."""
    for pid in _chosen(_standard_city()):
        path = root / f"provisions/{pid}/text.md.j2"
        source = path.read_text()
        for found in re.finditer(r"\{\{ ref\('[a-z_]+'\) \}\}", source):
            path.write_text(source[: found.start()] + "section 99" + source[found.end() :])
            printed = _draft(Library(root), _standard_city())[1].section(pid)
            if printed is not None and any("section 99" in p.text for p in printed.paragraphs):
                return "reference", pid
            path.write_text(source)
    raise AssertionError("no chosen provision prints a reference to another")


def _fault_second_name_in_text(root: Path) -> tuple[str, str]:
    for pid in _chosen(_standard_city()):
        source = LIB.clauses[pid].text_path.read_text()
        if "{{ jur.the_attorney }}" in source:
            _edit(
                root,
                f"provisions/{pid}/text.md.j2",
                lambda t: _replace_once(
                    t, "{{ jur.the_attorney }}", "the attorney for {{ jur.the }}"
                ),
            )
            return "name", pid
    raise AssertionError("no chosen provision names the attorney")


def _fault_second_name_in_form(root: Path) -> tuple[str, str]:
    _edit(
        root,
        "forms.yaml",
        lambda t: _replace_once(
            t,
            'enacting_clause: "The {{ jur.body }} of {{ jur.name }} County ordains:"',
            'enacting_clause: "The Board of Commissioners of {{ jur.name }} County ordains:"',
        ),
    )
    return "name", ""


def _fault_conflict(root: Path) -> tuple[str, str]:
    chosen = [p for p in _chosen(_standard_city()) if not LIB.clauses[p].spec.required]
    pid, other = chosen[0], chosen[1]
    _edit(
        root,
        f"provisions/{pid}/clause.yaml",
        lambda t: _replace_once(
            t,
            "\nsources:\n",
            f"\ninteractions:\n  - conflicts: {{provision: {other}}}\n"
            "    why: A seeded conflict for the test.\nsources:\n",
        ),
    )
    return "conflict", pid


def _fault_doubled_space(root: Path) -> tuple[str, str]:
    for pid in _chosen(_standard_city()):
        spec = LIB.clauses[pid].spec
        if spec.caption and " " in spec.caption:
            first, rest = spec.caption.split(" ", 1)
            _edit(
                root,
                f"provisions/{pid}/clause.yaml",
                lambda t, s=spec, f=first, r=rest: _replace_once(
                    t, f"caption: {s.caption}", f"caption: {f}  {r}"
                ),
            )
            return "spacing", pid
    raise AssertionError("no caption")


FAULTS = {
    "dropped exception (need not applied)": (_fault_needs_not_applied, _standard_city),
    "term renamed to a loose synonym": (_fault_loose_synonym, _standard_city),
    "glued words": (_fault_glued_words, _standard_city),
    "hand-typed (dangling) reference": (_fault_hand_typed_reference, _standard_city),
    "second name for the attorney": (_fault_second_name_in_text, _standard_city),
    "second name for the governing body": (_fault_second_name_in_form, _standard_county),
    "conflicting sections": (_fault_conflict, _standard_city),
    "doubled space": (_fault_doubled_space, _standard_city),
}


def test_the_unseeded_library_gives_clean_drafts_for_the_fault_answers():
    for answers in {id(a): a for _f, a in FAULTS.values()}.values():
        assert not _draft(LIB, answers())[1].consistency


@pytest.mark.parametrize("name", list(FAULTS))
def test_a_seeded_fault_is_reported(tmp_path, name):
    seed, answers = FAULTS[name]
    root = build_clause_library(tmp_path / "lib", {})
    kind, pid = seed(root)
    library = Library(root)
    _resolved, ordinance = _draft(library, answers())
    found = [f for f in ordinance.consistency if f.kind == kind]
    assert found, f"{name}: nothing of kind {kind} in {ordinance.consistency}"
    if pid:
        assert any(pid in f.provisions for f in found)
    # lint-library reports it too, over its presets and sample states.
    assert any(kind != "interaction" or "needs" in p for p in lint(root))


def test_adjusts_changes_a_default_and_keeps_an_answer(tmp_path):
    """An ``adjusts`` interaction changes the other provision's default, never an answer."""
    var = next(v for v in LIB.clauses["data_systems"].spec.variables if v.type == "choice")
    other = next(c for c in var.choice_ids if c != var.default)
    clause = builtin_library_path() / "provisions/victim_certification/clause.yaml"
    text = clause.read_text().replace(
        "\nsources:\n",
        f"\n  - adjusts: {{provision: data_systems, value: {var.name}, equals: {other}}}\n"
        "    why: A seeded adjustment for the test.\nsources:\n",
        1,
    )
    root = build_clause_library(
        tmp_path / "lib", {"provisions/victim_certification/clause.yaml": text}
    )
    library = Library(root)
    base = {"jurisdiction": {"name": "Northfield", "kind": "city", "state": "MN"}}
    resolved, ordinance = _draft(
        library, {**base, "provisions": {"victim_certification": {}, "data_systems": {}}}
    )
    assert resolved.choices["data_systems"].values[var.name] == other
    assert [o.status for o in resolved.interactions if o.kind == "adjusts"] == ["adjusted"]
    assert not ordinance.consistency
    answered = {"victim_certification": {}, "data_systems": {"values": {var.name: var.default}}}
    resolved, ordinance = _draft(library, {**base, "provisions": answered})
    assert resolved.choices["data_systems"].values[var.name] == var.default
    assert [o.status for o in resolved.interactions if o.kind == "adjusts"] == ["kept"]
    assert not ordinance.consistency


def test_source_words_match_jinja2s_lexer_on_every_template(library):
    """The fast reading of a template's words finds exactly the words of Jinja2's own lexer
    (its data and string tokens) in every template of the library."""
    from ordinance_drafter.assembly.sourcewords import source_words, word_set

    paths = [
        p
        for clause in library.clauses.values()
        for p in (clause.text_path, clause.directory / "note.md.j2", clause.request_path)
        if p.is_file()
    ]
    assert paths
    for path in paths:
        source = path.read_text(encoding="utf-8")
        lexed: set[str] = set()
        for _line, token, value in library.env.lex(source):
            if token in ("data", "string"):
                lexed |= word_set(value)
        assert source_words(library, source) == lexed, path
