"""Forms of government: who carries out the ordinance, and what follows from the state's law.

The forms, their officers and the places they apply come from ``clauses/governments.yaml``;
the tests derive every case from it and check the assembled document model
(``pipeline.draft_ordinance``), then the rendered documents read back with docx2python.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from docx2python import docx2python

from conftest import build_clause_library
from ordinance_drafter.answers.jurisdiction import JAIL_CHOICES, Jurisdiction
from ordinance_drafter.answers.sources import resolve_data
from ordinance_drafter.assembly.model import Ordinance
from ordinance_drafter.errors import AnswerError, ClauseLibraryError
from ordinance_drafter.interview.questionnaire import Questionnaire
from ordinance_drafter.library.documentspec import GovernmentSpec
from ordinance_drafter.library.loader import Library, builtin_library_path, load_library
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.statelaw.flags import state_entry
from ordinance_drafter.statelaw.schema import StateSpec

LIBRARY = load_library(builtin_library_path())
# Minnesota and Texas have forms of their own; Wisconsin and Colorado use the generic ones.
SAMPLE_STATES = ("MN", "TX", "WI", "CO")
# Counties whose forms differ (boards of supervisors, parishes, boroughs) for the caveat.
COUNTY_STATES = (*SAMPLE_STATES, "CA", "LA", "AK")
MODALS = r"(?:must|may|is responsible for)"


def places(states: tuple[str, ...] = SAMPLE_STATES) -> Iterator[tuple[str, str, str]]:
    """Every (state, kind, type) the forms data distinguishes for ``states``."""
    governments = LIBRARY.governments
    for state in states:
        for kind in ("city", "county"):
            for type_ in governments.type_ids(state, kind) or ("",):
                yield state, kind, type_


def answers(state: str, kind: str, type_: str, gov: str | None, jail: str, **more: Any) -> dict:
    """Answers data for a jurisdiction (and anything else given)."""
    jur: dict[str, Any] = {"name": "Sampleton", "kind": kind, "state": state, "jail": jail}
    if type_:
        jur[f"{kind}_type"] = type_
    if gov:
        jur["government"] = gov
    jur.update(more.pop("jurisdiction", {}))
    data = {"format": 1, "jurisdiction": jur, "document": {"draft_date": "2026-12-01"}}
    data.update(more)
    return data


def draft(data: dict) -> tuple[Ordinance, Jurisdiction]:
    """The document model for answers data, and its jurisdiction."""
    resolved = resolve_data(data, LIBRARY, "test answers")
    return draft_ordinance(LIBRARY, resolved), resolved.jurisdiction


def text_of(ordinance: Ordinance) -> list[str]:
    """Every paragraph of the ordinance and its companion resolution."""
    out = [p.text for p in ordinance.findings.paragraphs] if ordinance.findings else []
    out += [p.text for s in ordinance.all_sections() for p in s.paragraphs]
    return out


def notes_of(ordinance: Ordinance) -> list[str]:
    """Every paragraph of every explanatory note."""
    notes = [ordinance.findings.note] if ordinance.findings and ordinance.findings.note else []
    notes += [s.note for s in ordinance.all_sections() if s.note]
    return [p for n in notes for part in n.parts for p in part.paragraphs]


def clauses(text: str) -> list[str]:
    """A paragraph split into the clauses that can each carry a duty."""
    return [c.strip() for c in re.split(r"[.;:]\s+|,\s+and\s+|,\s+or\s+", text) if c.strip()]


def officer_subjects(text: str, titles: set[str]) -> list[str]:
    """The officers (from ``titles``) that are the subject of a duty in ``text``.

    A subject is the noun phrase right before "must", "may" or "is responsible for": "the
    City Manager must", "The Mayor, with the attorney for the City, must".
    """
    names = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    pattern = re.compile(rf"\b[Tt]he ({names})(?:,[^,]*,)?\s+{MODALS}\b")
    return [m.group(1) for c in clauses(text) for m in pattern.finditer(c)]


def test_public_defense_is_state_data(library: Library) -> None:
    """Minnesota records a state-run public defense; a state without research records none."""
    assert state_entry(library, "MN").public_defense == "state"
    assert state_entry(library, "WI").public_defense is None


def test_public_defense_accepts_only_its_values(library: Library) -> None:
    """A misspelt value is refused, not read as 'not researched'."""
    raw = state_entry(library, "MN").model_dump()
    raw["public_defense"] = "statewide"
    with pytest.raises(ValueError, match="'state', 'local' or 'mixed'"):
        StateSpec.model_validate(raw)


# -- the forms data --------------------------------------------------------------------


def test_every_place_has_forms_with_one_default() -> None:
    """Each state, kind and type in the sample has forms, exactly one of them the default."""
    governments = LIBRARY.governments
    seen = 0
    for state, kind, type_ in places(COUNTY_STATES):
        options = governments.options(state, kind, type_)
        assert options, (state, kind, type_)
        assert sum(g.default for g in options) == 1
        assert governments.default(state, kind, type_).default
        for gov in options:
            assert (gov.administers == "officer") == bool(gov.officer)
            assert gov.officer not in gov.no_duties
            assert len(gov.help.split()) >= 5
        seen += len(options)
    assert seen > 20


def test_minnesota_statutory_cities_have_the_three_plans() -> None:
    """Standard Plan, Plan A and Plan B; the mayor holds no administrative duty under any."""
    options = {g.id: g for g in LIBRARY.governments.options("MN", "city", "statutory")}
    assert set(options) == {"standard_plan", "plan_a", "plan_b"}
    assert all("Mayor" in g.no_duties for g in options.values())
    assert options["plan_b"].officer == "City Manager"
    assert options["plan_a"].administers == "body"
    assert any("412.611" in s.cite for s in options["plan_b"].statutes)


def test_a_library_with_two_defaults_for_one_place_is_refused(tmp_path) -> None:
    """Loading names the file and the place that has two defaults."""
    text = (builtin_library_path() / "governments.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "  - id: plan_b\n    label: Minnesota statutory city, Optional Plan B (council-manager)\n",
        "  - id: plan_b\n    label: Minnesota statutory city, Optional Plan B (council-manager)\n"
        "    default: true\n",
    )
    assert broken != text
    root = build_clause_library(tmp_path / "lib", {"governments.yaml": broken})
    with pytest.raises(ClauseLibraryError, match=r"governments.yaml.*exactly one 'default: true'"):
        Library(root)


def test_lint_flags_a_text_that_names_an_office(tmp_path) -> None:
    """A clause that says "the Mayor" instead of jur.the_executive is a lint problem."""
    path = builtin_library_path() / "provisions" / "status_records" / "text.md.j2"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("{{ jur.the_officer }}", "the Mayor", 1)
    assert broken != text
    root = build_clause_library(tmp_path / "lib", {"provisions/status_records/text.md.j2": broken})
    problems = lint(root)
    assert any("names the office 'Mayor'" in p and "status_records" in p for p in problems)


# -- who carries out the ordinance, on the document model -------------------------------------


def cases() -> Iterator[Any]:
    """Every form x city or county x jail, in the sample states."""
    governments = LIBRARY.governments
    for state, kind, type_ in places():
        for gov in governments.options(state, kind, type_):
            for jail in JAIL_CHOICES[kind]:
                yield pytest.param(
                    state,
                    kind,
                    type_,
                    gov,
                    jail,
                    id=f"{state}-{kind}-{type_ or 'x'}-{gov.id}-{jail}",
                )


@pytest.mark.parametrize(("state", "kind", "type_", "gov", "jail"), list(cases()))
def test_no_duty_lands_on_an_officer_without_one(
    state: str, kind: str, type_: str, gov: GovernmentSpec, jail: str
) -> None:
    """Every duty whose subject is an officer goes to the form's administering officer."""
    ordinance, jur = draft(answers(state, kind, type_, gov.id, jail, preset="comprehensive"))
    titles = LIBRARY.governments.officer_titles()
    allowed = {gov.officer} if gov.officer else set()
    assert jur.executive == gov.officer
    duties = 0
    for paragraph in text_of(ordinance):
        for officer in officer_subjects(paragraph, titles):
            assert officer in allowed, f"{officer} has a duty under {gov.id}: {paragraph}"
            duties += 1
        # An officer the form does not use is not named at all (as receiving records, say).
        for title in titles - allowed:
            assert not re.search(rf"\b{re.escape(title)}\b", paragraph), (title, paragraph)
        if gov.administers == "body":
            # The body, or the one officer it designates (the defined administering officer).
            duties += len(
                re.findall(rf"\b[Tt]he administering officer(?:,[^,]*,)?\s+{MODALS}", paragraph)
            )
            duties += paragraph.count(f"{jur.body} or the administering officer")
        else:
            assert "administering officer" not in paragraph
    assert duties >= 5, "the comprehensive draft gives the administration duties"
    for note in notes_of(ordinance):
        for officer in officer_subjects(note, titles):
            assert officer in allowed, f"a note gives {officer} a duty: {note}"


@pytest.mark.parametrize(("state", "kind", "type_"), list(places()))
def test_ending_a_contract_is_the_governing_bodys_act(state: str, kind: str, type_: str) -> None:
    """Ending or not renewing an agreement is the body's act; the officer gives notice."""
    jail = "sheriff" if kind == "county" else "city"
    ordinance, jur = draft(answers(state, kind, type_, None, jail, preset="comprehensive"))
    ends = [
        c
        for p in text_of(ordinance)
        for c in re.split(r"[.;]\s+", p)
        if re.search(r"must (?:end it\b|not renew)", c)
    ]
    assert len(ends) >= 2  # 287(g) agreements and office-space leases at least
    for clause in ends:
        subject = re.split(r"\s+must (?:end it\b|not renew)", clause)[0]
        assert subject.endswith(jur.the_body), clause
        assert f"{jur.the_officer} must give" in clause, clause


def test_an_executive_the_form_gives_no_duty_is_refused() -> None:
    """The Mayor of a Minnesota statutory city cannot be named to carry out the ordinance."""
    data = answers("MN", "city", "statutory", "plan_a", "none", jurisdiction={"executive": "Mayor"})
    with pytest.raises(AnswerError) as caught:
        resolve_data(data, LIBRARY, "a.yaml")
    message = caught.value.message
    assert "a.yaml: field 'jurisdiction.executive' is 'Mayor'" in message
    assert "plan_a" in message and "holds no administrative duty" in message


def test_a_named_officer_takes_the_duties_in_a_plan_a_city() -> None:
    """A Plan A council that created an administrator names it; the duties go to that title."""
    data = answers(
        "MN",
        "city",
        "statutory",
        "plan_a",
        "none",
        preset="standard",
        jurisdiction={"executive": "City Administrator"},
    )
    ordinance, _ = draft(data)
    body = "\n".join(text_of(ordinance))
    assert "The City Administrator is responsible for carrying out this ordinance" in body
    assert "administering officer" not in body


@pytest.mark.parametrize(
    ("jurisdiction", "field"),
    [
        ({"state": "MN", "kind": "city", "government": "plan_c"}, "jurisdiction.government"),
        ({"state": "WI", "kind": "city", "city_type": "statutory"}, "jurisdiction.city_type"),
        ({"state": "MN", "kind": "city", "county_type": "charter"}, "jurisdiction.county_type"),
        ({"state": "MN", "kind": "county", "county_type": "home_rule"}, "jurisdiction.county_type"),
    ],
)
def test_a_wrong_type_or_form_names_its_field(jurisdiction: dict, field: str) -> None:
    """A form or type the state does not have is refused with the field and what is allowed."""
    data = {"format": 1, "jurisdiction": {"name": "X", **jurisdiction}}
    with pytest.raises(AnswerError, match=re.escape(f"field '{field}'")):
        resolve_data(data, LIBRARY, "a.yaml")


def test_a_typed_form_of_government_is_accepted() -> None:
    """ "Plan B" and "Home rule" are read as the ids plan_b and home_rule."""
    _, mn = draft(answers("MN", "city", "statutory", "Plan B", "none"))
    _, tx = draft(answers("TX", "city", "Home rule", None, "none"))
    assert (mn.government, mn.executive) == ("plan_b", "City Manager")
    assert (tx.city_type, tx.government) == ("home_rule", "council_manager")


# -- counties ------------------------------------------------------------------------------


def county_cases() -> list[Any]:
    return [
        pytest.param(state, type_, id=f"{state}-{type_ or 'x'}")
        for state, kind, type_ in places(COUNTY_STATES)
        if kind == "county"
    ]


def docx_text(data: bytes) -> str:
    """The whole text of a DOCX, body and comments, as docx2python reads it."""
    with docx2python(io.BytesIO(data)) as doc:
        comments = " ".join(c[3] for c in doc.comments)
        return " ".join(doc.text.split()) + " " + " ".join(comments.split())


@pytest.mark.parametrize(("state", "type_"), county_cases())
def test_county_drafts_carry_the_authority_caveat_in_every_notes_mode(
    state: str, type_: str
) -> None:
    """The county form's warning is in the DOCX in each notes mode, and on the cover."""
    ordinance, jur = draft(answers(state, "county", type_, None, "sheriff"))
    form = LIBRARY.form_for(state, "county", "", jur.county_type)
    assert form.warnings, f"the county form {form.id} has no authority warning"
    caveat = " ".join(ordinance.flags[0].message.split())
    assert ordinance.flags[0].provision_id == "" and caveat.startswith(
        " ".join(form.warnings[0].message.split())[:40]
    )
    probe = caveat[:80]
    for notes in ("comments", "inline", "appendix", "none"):
        text = docx_text(render_bytes(ordinance, "docx", RenderOptions(notes=notes)))
        assert probe in text, f"no county caveat with --notes {notes}"
        front = text.split("ORDINANCE NO.")[0]
        assert probe in front, f"the caveat is not on the front with --notes {notes}"
    cover = docx_text(
        render_bytes(ordinance, "docx", RenderOptions(notes="none", cover_summary=True))
    )
    summary = cover.split("MODEL DRAFT")[0]
    assert "Summary:" in summary and probe in summary
    for fmt in ("md", "html"):
        assert (
            probe.split()[0] in render_bytes(ordinance, fmt, RenderOptions(notes="none")).decode()
        )


@pytest.mark.parametrize(("state", "type_"), county_cases())
def test_county_drafts_cite_no_city_statute(state: str, type_: str) -> None:
    """No source, note or procedure note of a county draft cites the city statutes."""
    for preset in ("comprehensive", "county-sheriff", "essentials"):
        ordinance, _ = draft(answers(state, "county", type_, None, "sheriff", preset=preset))
        cites = [s.cite for s in ordinance.all_sources()]
        assert not [c for c in cites if re.search(r"§§? 41[02]\.|ch\. 41[02]\b", c)], cites
        appendix = render_bytes(ordinance, "md", RenderOptions(notes="appendix")).decode()
        assert not re.search(r"§§? 41[02]\.|ch\. 41[02]\b", appendix)
    city, _ = draft(answers("MN", "city", "statutory", None, "none"))
    assert any("412.191" in s.cite for s in city.all_sources())  # the check can find one


def test_ramsey_county_is_a_charter_county_with_a_county_manager() -> None:
    """The charter path: its own form, the charter's effective-date rule and a county manager."""
    ordinance, jur = draft(answers("MN", "county", "charter", None, "sheriff"))
    assert (jur.government, jur.executive, jur.body) == (
        "manager",
        "County Manager",
        "Board of Commissioners",
    )
    assert "[Confirm under the Ramsey County Home Rule Charter" in ordinance.signature.confirm_note
    sources = [s.cite for s in ordinance.section("effective_date").note.sources]
    assert "Ramsey County Home Rule Charter § 5.02 (1990 text)" in sources
    assert not any("375.51" in c for c in sources)
    assert ordinance.resolution is not None  # a sheriff-run county starts from county-sheriff


def test_a_sheriff_run_county_starts_from_the_county_sheriff_preset() -> None:
    """With no preset named, the sheriff's jail picks the preset; a county jail does not."""
    sheriff = resolve_data(answers("MN", "county", "", None, "sheriff"), LIBRARY, "t")
    county = resolve_data(answers("MN", "county", "", None, "county"), LIBRARY, "t")
    assert sheriff.preset == "county-sheriff"
    assert county.preset == LIBRARY.default_preset
    interview = Questionnaire(LIBRARY, {"jurisdiction": {"name": "Rice", "kind": "county"}})
    preset = next(q for q in interview.questions() if q.key == ("preset",))
    assert preset.default == "county-sheriff"


# -- the interview -------------------------------------------------------------------------


@pytest.mark.parametrize(("state", "kind", "type_"), list(places()))
def test_the_form_is_asked_right_after_the_type(state: str, kind: str, type_: str) -> None:
    """The question follows the type (or the state), with the data's forms, help and default."""
    jur = {"name": "X", "kind": kind, "state": state}
    if type_:
        jur[f"{kind}_type"] = type_
    interview = Questionnaire(LIBRARY, {"jurisdiction": jur})
    keys = [q.key for q in interview.questions()]
    at = keys.index(("jurisdiction", "government"))
    before = ("jurisdiction", f"{kind}_type") if type_ else ("jurisdiction", "state")
    assert keys[at - 1] == before
    question = interview.questions()[at]
    options = LIBRARY.governments.options(state, kind, type_)
    assert question.option_ids == [g.id for g in options]
    assert question.default == LIBRARY.governments.default(state, kind, type_).id
    assert [o.summary for o in question.options] == [" ".join(g.help.split()) for g in options]


def test_the_review_shows_who_carries_out_the_ordinance() -> None:
    """With no officer, the review says the body (or the administering officer) administers."""
    interview = Questionnaire(LIBRARY, {"jurisdiction": {"name": "X", "kind": "city"}})
    executive = next(q for q in interview.questions() if q.key == ("jurisdiction", "executive"))
    assert executive.default == ""
    assert "the City Council or the administering officer" in interview.answer_text(executive)
    interview.data["jurisdiction"]["government"] = "plan_b"
    executive = next(q for q in interview.questions() if q.key == ("jurisdiction", "executive"))
    assert executive.default == "City Manager"


# -- presets and state facts ----------------------------------------------------------------


def test_essentials_is_the_core_of_standard() -> None:
    """Every essentials provision is in the standard preset, so standard builds on it."""
    essentials = set(LIBRARY.presets["essentials"].provisions)
    assert essentials <= set(LIBRARY.presets["standard"].provisions)
    assert {"equal_access", "complaints"} <= essentials


@pytest.mark.parametrize("preset", sorted(LIBRARY.presets))
def test_no_custody_or_supervision_language_without_a_jail(preset: str) -> None:
    """A city without a jail gets no rule for people in its custody or under its supervision."""
    if LIBRARY.presets[preset].jurisdiction.get("kind") == "county":
        pytest.skip("a county preset")
    phrase = "in its custody or under its supervision"
    no_jail, _ = draft(answers("WI", "city", "", None, "none", preset=preset))
    assert phrase not in "\n".join(text_of(no_jail))
    if "equal_access" in LIBRARY.presets[preset].provisions:
        jail, _ = draft(answers("WI", "city", "", None, "city", preset=preset))
        assert phrase in "\n".join(text_of(jail))


def test_no_public_defender_sentence_where_the_state_runs_public_defense() -> None:
    """Minnesota (state-run public defense) drafts leave out the defense-counsel sentence."""
    phrase = "Nothing in this ordinance prevents a public defender"
    for kind, jail in (("city", "none"), ("county", "sheriff")):
        mn, _ = draft(answers("MN", kind, "", None, jail, preset="standard"))
        wi, _ = draft(answers("WI", kind, "", None, jail, preset="standard"))
        assert phrase not in "\n".join(text_of(mn))
        assert mn.section("prosecutor_duties").caption == "Prosecutors."
        assert phrase in "\n".join(text_of(wi))


def test_answers_round_trip_the_form_of_government(tmp_path) -> None:
    """The saved answers record the type and form, and rebuild the same draft."""
    resolved = resolve_data(answers("MN", "county", "charter", None, "sheriff"), LIBRARY, "t")
    saved = resolved.to_answers(LIBRARY)
    assert saved["jurisdiction"]["county_type"] == "charter"
    assert saved["jurisdiction"]["government"] == "manager"
    again = resolve_data(yaml.safe_load(yaml.safe_dump(saved)), LIBRARY, "saved")
    assert again.jurisdiction == resolved.jurisdiction
