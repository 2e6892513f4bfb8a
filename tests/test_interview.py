"""The interview, scripted through its input stream (issue 4)."""

from __future__ import annotations

import types

import pytest
import yaml

from conftest import EXAMPLES
from interview_support import PLANNED, many_provisions_library, respond, review_row, scripted
from ordinance_drafter.answers.resolve import applicability, resolve
from ordinance_drafter.answers.schema import parse_answers
from ordinance_drafter.interview import answered as answered_module
from ordinance_drafter.interview import terminal as terminal_module
from ordinance_drafter.interview.parse import parse_answer
from ordinance_drafter.interview.questionnaire import normalize
from ordinance_drafter.interview.questions import Option, Question
from ordinance_drafter.library.loader import Library, load_library
from ordinance_drafter.statelaw.flags import Flag

# Name, then Enter at: city or county, state, type of city, form of government, jail, preset,
# customize, review.
ENTER_ALL = ["Northfield", "", "", "", "", "", "", "", ""]


def resolved(library: Library, answers: dict) -> dict:
    """Resolve interview answers as `draft` does; return {provision: (variant, values)}."""
    result = resolve(parse_answers(normalize(answers), "interview"), library)
    return {c.id: (c.variant, dict(c.values)) for c in result.choices.values()}


@pytest.fixture(scope="module")
def big_library(tmp_path_factory) -> Library:
    """The built-in library plus made-up provisions for all the planned ids."""
    return Library(many_provisions_library(tmp_path_factory.mktemp("lib") / "clauses"))


# -- parsing answers --------------------------------------------------------------------


def _choice(kind: str, default=None) -> Question:
    return Question(
        ("x",),
        "Pick",
        kind=kind,
        options=[Option("a", "A"), Option("b", "B"), Option("c", "C"), Option("d", "D")],
        default=default,
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2", "b"), ("c", "c"), ("C", "c"), ("", "a")],
)
def test_a_choice_takes_a_number_or_an_id(typed, expected):
    """A single choice accepts its number, its id in any case, or Enter for the default."""
    assert parse_answer(_choice("choice", "a"), typed) == (expected, None)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,3", ["a", "c"]),
        ("3 1", ["a", "c"]),
        ("2-4", ["b", "c", "d"]),
        ("all", ["a", "b", "c", "d"]),
        ("none", []),
        ("+4", ["a", "b", "d"]),
        ("-1 +3", ["b", "c"]),
        ("", ["a", "b"]),
    ],
)
def test_a_multiselect_takes_several_answers_in_one_prompt(typed, expected):
    """Lists, ranges, all/none and +/- changes to the default all work in one answer."""
    assert parse_answer(_choice("multiselect", ["a", "b"]), typed) == (expected, None)


@pytest.mark.parametrize(
    ("kind", "typed", "says"),
    [
        ("choice", "7", "Type a number from 1 to 4"),
        ("choice", "bb", "Did you mean 'b'?"),
        ("multiselect", "1,9", "'9' is not one of the choices"),
        ("multiselect", "3-9", "not a range within 1-4"),
    ],
)
def test_bad_choices_say_what_is_allowed(kind, typed, says):
    """A bad choice gets a message naming what is allowed, and no value."""
    value, problem = parse_answer(_choice(kind, "a" if kind == "choice" else []), typed)
    assert value is None and says in problem


def test_numbers_are_checked_against_their_range():
    """An int question rejects text and values outside its bounds, naming the bound."""
    q = Question(("n",), "How many?", kind="int", default=30, minimum=1, maximum=365)
    assert parse_answer(q, "45") == (45, None)
    assert "not a whole number" in parse_answer(q, "forty")[1]
    assert "at least 1" in parse_answer(q, "0")[1]
    assert "at most 365" in parse_answer(q, "400")[1]


def test_a_part_allows_one_version_of_each_provision():
    """Two versions of one provision in a part's answer are refused, naming the numbers."""
    q = Question(
        ("_part", "x"),
        "Which?",
        kind="part",
        options=[
            Option("p:a", "A", group="p"),
            Option("p:b", "B", group="p"),
            Option("q", "Q", group="q"),
        ],
        default=[],
        required_groups=("p",),
        group_titles={"p": "Provision P", "q": "Provision Q"},
    )
    assert parse_answer(q, "1,3") == (["p:a", "q"], None)
    assert "1, 2 are versions of the same provision (Provision P)" in parse_answer(q, "1,2")[1]
    assert "Provision P is always included" in parse_answer(q, "3")[1]


def test_plus_a_version_switches_to_it_and_two_versions_at_once_are_refused():
    """+2 with version 1 chosen switches to version 2; +1 +2 names both numbers."""
    q = Question(
        ("_part", "x"),
        "Which?",
        kind="part",
        options=[
            Option("p:a", "A", group="p"),
            Option("p:b", "B", group="p"),
            Option("q", "Q", group="q"),
        ],
        default=["p:a", "q"],
        required_groups=("p",),
        group_titles={"p": "Provision P", "q": "Provision Q"},
    )
    assert parse_answer(q, "+2") == (["p:b", "q"], None)
    assert parse_answer(q, "+2 -3") == (["p:b"], None)
    assert parse_answer(q, "-1 +2") == (["p:b", "q"], None)
    assert "1, 2 are versions of the same provision" in parse_answer(q, "+1 +2")[1]
    assert "1, 2 are versions of the same provision" in parse_answer(q, "1,2")[1]


# -- whole interviews -------------------------------------------------------------------


def test_pressing_enter_throughout_gives_a_valid_draft_in_nine_prompts(library):
    """A new user who types only the name gets the default preset in at most 9 prompts."""
    interview, answers, _ = scripted(library, ENTER_ALL)
    assert answers is not None
    assert interview.prompts <= 9
    chosen = resolved(library, answers)
    assert set(chosen) == set(library.presets["essentials"].provisions)
    assert answers["jurisdiction"] == {
        "name": "Northfield",
        "kind": "city",
        "state": "MN",
        "city_type": "statutory",
        "government": "plan_a",
        "jail": "none",
    }
    assert answers["document"]["draft_date"]  # recorded, so a resumed run matches


def test_a_county_is_asked_who_runs_its_jail_and_not_the_city_type(library):
    """A county gets the sheriff question and the county type, not the city type."""
    interview, answers, out = scripted(library, ["Rice", "2", "", "", "", "", "", "", ""])
    assert answers["jurisdiction"]["jail"] == "sheriff"
    assert "Who runs the county jail?" in out
    assert "The sheriff's jail" in out
    assert "statutory city" not in out.lower()
    assert "Is it a statutory county or a home rule charter county?" in out
    assert answers["jurisdiction"]["county_type"] == "statutory"
    assert "city_type" not in answers["jurisdiction"]
    assert interview.prompts == 9


def test_back_returns_to_the_previous_question_with_its_answer_as_default(library):
    """`back` and `<` go one question back; the earlier answer is the new default."""
    _, answers, out = scripted(
        library, ["Rice", "2", "back", "", "<", "<", "Wright", "", "", "", "", "", "", "", ""]
    )
    assert "> [2: County] " in out
    assert answers["jurisdiction"]["name"] == "Wright"
    assert answers["jurisdiction"]["kind"] == "county"


def test_back_at_the_first_question_says_so(library):
    """`back` at the first question explains instead of failing."""
    _, answers, out = scripted(library, ["back", *ENTER_ALL])
    assert "This is the first question." in out
    assert answers is not None


def test_every_bad_answer_is_explained_and_asked_again(library):
    """Bad answers get a message at once and the same question again."""
    _, answers, out = scripted(
        library,
        ["", "Northfield", "town", "", "Minnesotta", "MN", "3", "", "", "", "", "maybe", "", ""],
    )
    assert "✗ an answer is required here." in out
    assert "✗ 'town' is not one of the choices. Type a number from 1 to 2" in out
    assert "✗ 'Minnesotta' is not a US state. Did you mean 'Minnesota'?" in out
    assert "✗ answer y (yes) or n (no)." in out
    assert answers["jurisdiction"]["state"] == "MN"


def test_a_state_name_is_accepted_and_stored_as_its_code(library):
    """Typing a state's name stores its two-letter code and skips the Minnesota question."""
    _, answers, out = scripted(library, ["Madison", "", "wisconsin", "", "", "", "", ""])
    assert answers["jurisdiction"]["state"] == "WI"
    assert "statutory" not in out.lower()


def test_back_and_edit_end_with_exactly_the_chosen_provisions(library):
    """A run that goes back and edits in the review ends with exactly its choices."""
    rules = {
        ("jurisdiction", "name"): "Northfield",
        ("jurisdiction", "kind"): ["2", "1"],  # a county ... then, after `back`, a city
        ("jurisdiction", "state"): ["back", ""],
        ("jurisdiction", "city_type"): "charter",
        ("_customize",): "y",
        ("_part", "findings"): "none",  # leave out Purpose
        (
            "_part",
            "information",
        ): "-status_inquiry:status_only +status_inquiry:status_and_birthplace",
        ("_details", "information"): "y",
        (
            "provisions",
            "status_inquiry",
            "values",
            "exceptions",
        ): "eligibility,victim_certification",
        ("_part", "resources"): [
            "<",  # back to the last detail of the previous part, then forward again
            "-resource_use:core +resource_use:broad",
            "-resource_use:broad +resource_use:core",  # the edit from the review
        ],
        ("_part", "closing"): "effective_date:days_after",
        ("_details", "closing"): "y",
        ("provisions", "effective_date", "values", "days"): "45",
        ("_review",): [lambda iv: review_row(iv, "Use of local resources and arrests"), ""],
        # The part's row shows the part; its number there changes its provisions.
        ("_review", "part"): [lambda iv: review_row(iv, "Use of local resources and arrests")],
    }
    interview, answers, out = respond(library, rules)
    assert answers is not None, out
    chosen = resolved(library, answers)
    city = interview.model.jurisdiction()
    expected = {
        pid
        for pid, clause in library.clauses.items()
        if (pid in library.presets["essentials"].provisions or clause.spec.required)
        and not applicability(clause.spec, city)
    } - {"purpose"}
    assert set(chosen) == expected
    assert chosen["status_inquiry"] == (
        "status_and_birthplace",
        {"exceptions": ["eligibility", "victim_certification"]},
    )
    assert chosen["resource_use"][0] == "core"
    assert chosen["effective_date"][0] == "days_after"
    assert chosen["effective_date"][1]["days"] == 45
    assert answers["jurisdiction"]["city_type"] == "charter"
    assert "> [2: County] " in out  # the earlier answer was the default after `back`
    assert out.count("Review your answers") == 2


def test_a_review_edit_asks_what_becomes_unanswered(library):
    """Switching to choosing provisions in the review walks through the parts, then reviews."""
    rules = {
        ("jurisdiction", "name"): "Northfield",
        ("_customize",): ["", "y"],
        ("_review",): [lambda iv: review_row(iv, "Choose provisions yourself"), ""],
        ("_part", "findings"): "none",
    }
    _, answers, out = respond(library, rules)
    assert answers is not None, out
    assert "purpose" not in resolved(library, answers)
    assert "Part 1 of" in out.split("Review your answers")[1]
    assert out.count("Review your answers") == 2


def test_changing_city_to_county_in_the_review_reasks_the_jail(library):
    """An answer the edit makes invalid (a city jail for a county) is asked again."""
    # Name, Enter to a city jail (2); then from the review, row 2 (city or county) becomes a
    # county: its type, form of government and jail no longer fit and are asked again.
    script = ["Northfield", "", "", "", "", "2", "", "", "2", "2", "", "", "", ""]
    _, answers, out = scripted(library, script)
    assert answers is not None, out
    assert answers["jurisdiction"]["kind"] == "county"
    assert answers["jurisdiction"]["jail"] == "sheriff"
    assert "city_type" not in normalize(answers)["jurisdiction"]


def test_question_marks_show_the_provision_note_and_sources(library):
    """`?` on a provision question prints its note and sources; `?N` picks an option's."""
    rules = {
        ("jurisdiction", "name"): "Northfield",
        ("_customize",): "y",
        ("_part", "findings"): ["?", ""],
        ("_part", "information"): ["?1", ""],
    }
    _, answers, out = respond(library, rules, width=120)
    assert answers is not None, out
    findings = out.split("Part 2 of")[0]
    assert "Purpose (purpose, version" in findings
    assert "Saint Paul Administrative Code § 44.01" in findings
    status = out.split("Part 2 of")[1]
    assert "No asking about or collecting immigration status (status_inquiry, version" in status
    assert "Minneapolis Code § 19.30(a)(1)" in status  # status_inquiry's sources
    assert "What it does:" in status


def test_question_mark_on_the_preset_lists_what_each_preset_holds(library):
    """`?` on a question without a provision shows the longer help (the preset's contents)."""
    _, _, out = scripted(library, ["Northfield", "", "", "", "", "", "?", "", "", ""], width=120)
    assert "Provisions: Findings, Purpose" in out


def test_square_brackets_in_clause_text_and_answers_are_shown_literally(tmp_path):
    """Labels like [CITY] and answers like [red]x[/red] are printed, never read as markup."""
    from conftest import build_clause_library

    clause = load_library().clauses["purpose"].directory / "clause.yaml"
    text = clause.read_text(encoding="utf-8")
    text = text.replace("title: Purpose", "title: 'Purpose of [CITY] [bold]x[/bold]'")
    lib = Library(
        build_clause_library(tmp_path / "clauses", {"provisions/purpose/clause.yaml": text})
    )
    rules = {("jurisdiction", "name"): "[red]Town[/red]", ("_customize",): "y"}
    _, answers, out = respond(lib, rules)
    assert "Purpose of [CITY] [bold]x[/bold]" in out
    assert "> [red]Town[/red]" in out
    assert answers["jurisdiction"]["name"] == "[red]Town[/red]"


def test_recovery_file_is_saved_after_every_answer(library, tmp_path):
    """After each answer the recovery file holds every answer so far."""
    recovery = tmp_path / "recovery.yaml"
    scripted(library, ["Northfield", "2"], recovery=recovery)
    saved = yaml.safe_load(recovery.read_text(encoding="utf-8"))
    assert saved["answers"]["jurisdiction"] == {"name": "Northfield", "kind": "county"}
    assert ["jurisdiction", "kind"] in saved["answered"]
    assert saved["answers"]["document"]["draft_date"]


def wright_rules() -> dict:
    """Answers for a county with its own jail that chooses provisions part by part."""
    return {
        ("jurisdiction", "name"): "Wright",
        ("jurisdiction", "kind"): "county",
        ("jurisdiction", "jail"): "county",
        ("_customize",): "y",
        ("_part", "findings"): "none",
        (
            "_part",
            "information",
        ): "-status_inquiry:status_only +status_inquiry:status_and_birthplace",
        ("_part", "closing"): "effective_date:days_after",
        ("_details", "closing"): "y",
        ("provisions", "effective_date", "values", "days"): "5",
    }


@pytest.mark.parametrize(
    "stop",
    [
        ("jurisdiction", "kind"),
        ("jurisdiction", "jail"),
        ("_customize",),
        ("_part", "information"),
        ("provisions", "effective_date", "values", "days"),
        ("_review",),
    ],
    ids=lambda key: ".".join(key),
)
def test_resuming_after_an_interruption_gives_the_same_answers(library, tmp_path, stop):
    """Stopping at any question and resuming from the recovery file ends with the same answers."""
    _, whole, out = respond(library, wright_rules())
    assert whole is not None, out
    recovery = tmp_path / "recovery.yaml"
    _, partial, _ = respond(library, wright_rules(), stop=stop, recovery=recovery)
    assert partial is None
    saved = yaml.safe_load(recovery.read_text(encoding="utf-8"))
    resumed_interview, resumed, _ = respond(
        library,
        wright_rules(),
        data=saved["answers"],
        answered=saved["answered"],
        given=saved["given"],
        recovery=recovery,
    )
    assert resumed == whole
    assert resumed_interview.prompts < 40


def test_given_answers_are_not_asked_but_can_be_changed_in_the_review(library):
    """Answers from --answers/--set are skipped on the way through and listed in the review."""
    data = {"jurisdiction": {"name": "Rice", "kind": "county", "jail": "county"}}
    given = [["jurisdiction", "name"], ["jurisdiction", "kind"], ["jurisdiction", "jail"]]
    interview, answers, out = scripted(library, ["", "", "", "", "", ""], data=data, given=given)
    assert answers["jurisdiction"]["jail"] == "county"
    assert "Who runs the county jail?" not in out
    assert "A county-run jail" in out.split("Review your answers")[1]
    # state, type of county, form of government, preset, customize, review
    assert interview.prompts == 6


@pytest.mark.parametrize("example", ["northfield-city", "rice-county"])
def test_a_full_answers_file_goes_straight_to_the_review(library, example):
    """With every answer given (a saved answers file), the only prompt is the review."""
    data = yaml.safe_load((EXAMPLES / example / "answers.yaml").read_text(encoding="utf-8"))
    from ordinance_drafter.cli.drafting import _keys_of

    interview, answers, _ = scripted(library, [""], data=data, given=_keys_of(data))
    assert interview.prompts == 1
    assert resolved(library, answers) == resolved(library, data)


# -- the state-law layer ----------------------------------------------------------------


@pytest.fixture
def fake_states(monkeypatch):
    """A stand-in for ordinance_drafter.states with the agreed API (Texas forbids two)."""

    def state_notice(library, state):
        return "Texas law forbids [most] of this." if state == "TX" else None

    def provision_flags(library, state, kind, provision_id, variant=None, jail=None):
        if state != "TX":
            return []
        if provision_id == "resource_use" and variant in (None, "broad"):
            return [Flag("forbidden", "Tex. law bars it.", ("Tex. Gov't Code § 752.053",))]
        if provision_id == "status_inquiry":
            return [Flag("limited", "Only some of it.", ())]
        return []

    monkeypatch.setattr(terminal_module, "state_notice", state_notice)
    monkeypatch.setattr(answered_module, "provision_flags", provision_flags)
    return types.SimpleNamespace(state_notice=state_notice, provision_flags=provision_flags)


def test_state_notice_appears_as_soon_as_the_state_is_known(library, fake_states):
    """The state's notice prints right after the state answer, before the next question."""
    _, answers, out = scripted(library, ["Austin", "", "TX", "", "", "", "y", "", "", "", "", ""])
    assert answers is not None
    after_state = out.split("> [MN] TX", 1)[1]
    assert after_state.index("Texas law forbids [most] of this.") < after_state.index(
        "Does the city run its own jail?"
    )


def test_state_flags_show_next_to_each_provision_and_in_the_review(library, fake_states):
    """Flags appear under the version they concern, and the review repeats serious ones."""
    rules = {
        ("jurisdiction", "name"): "Austin",
        ("jurisdiction", "state"): "TX",
        ("_customize",): "y",
        ("_part", "resources"): "-resource_use:core +resource_use:broad",
    }
    _, answers, out = respond(library, rules, width=140)
    assert answers is not None, out
    part = out.split("Use of local resources and arrests\nWhich provisions")[1].split("> [")[0]
    before, broad = part.split("Any civil immigration enforcement", 1)
    flag = "⚠ State law forbids this (Texas): Tex. law bars it. (Tex. Gov't Code § 752.053)"
    assert flag in broad  # under the broad version ...
    assert "Tex. law bars it." not in before  # ... and not under the core version
    assert "You kept 1 provision(s) that state law forbids or limits" in out
    review = out.split("Review your answers")[1]
    assert "State-law warnings for Texas" in review
    assert "Tex. law bars it." in review and "Only some of it." in review
    assert resolved(library, answers)["resource_use"][0] == "broad"  # a warning, not a refusal


def test_the_interview_works_without_the_state_layer(library, monkeypatch):
    """When the state-law layer has nothing to say, the interview runs without warnings."""
    monkeypatch.setattr(terminal_module, "state_notice", lambda library, state: None)
    monkeypatch.setattr(answered_module, "provision_flags", lambda *args: [])
    _, answers, out = scripted(library, ["Austin", "", "TX", "", "", "", "", "", ""])
    assert answers is not None and "State law" not in out


# -- prompt counts ----------------------------------------------------------------------


def test_prompt_counts_for_a_library_of_every_planned_provision(big_library, capsys):
    """Measured: essentials with Enter throughout, and comprehensive walked part by part."""
    builtin = load_library()
    assert set(big_library.clauses) == set(builtin.clauses) | {pid for _, pid, _ in PLANNED}
    essentials, answers, _ = scripted(big_library, ENTER_ALL)
    assert answers is not None and essentials.prompts <= 9
    script = ["Hennepin", "2", "", "", "", "2", "comprehensive", "y"] + [""] * 40
    comprehensive, answers, out = scripted(big_library, script)
    assert answers is not None, out
    assert set(resolved(big_library, answers)) == set(big_library.clauses)
    assert comprehensive.prompts <= 42
    with capsys.disabled():
        print(
            f"\nprompts: essentials {essentials.prompts}, comprehensive (county, county jail, "
            f"part by part) {comprehensive.prompts}"
        )


def test_a_city_without_a_jail_is_not_asked_about_detainers(big_library):
    """Custody provisions (needs_jail) are not offered to a city that runs no jail."""
    script = ["Northfield", "", "", "", "", "", "comprehensive", "y"] + [""] * 40
    _, answers, out = scripted(big_library, script)
    assert answers is not None
    assert "detainers" not in out.split("Part 1 of")[1]
    assert "People in custody" not in out
    assert "detainers" not in resolved(big_library, answers)


def test_changing_the_state_in_the_review_shows_its_notice(library, fake_states):
    """A state changed from the review table gets its state-law notice at once."""
    interview, _, _ = scripted(library, ENTER_ALL[:-1])
    row = review_row(interview, "State")
    # Texas cities have their own types and forms: both are asked again.
    _, answers, out = scripted(library, [*ENTER_ALL[:-1], row, "TX", "", "", ""])
    assert answers["jurisdiction"]["state"] == "TX"
    after = out.split("> [MN] TX", 1)[1]
    assert after.index("Texas law forbids [most] of this.") < after.index("Review your answers")
    assert after.index("Is it a home-rule city or a general-law city?") < after.index(
        "What is its form of government?"
    )
    jurisdiction = normalize(answers)["jurisdiction"]
    assert (jurisdiction["city_type"], jurisdiction["government"]) == (
        "home_rule",
        "council_manager",
    )


def test_a_given_answer_that_becomes_invalid_is_asked(library):
    """A given sheriff's jail is asked again when the user then says it is a city."""
    data = {"jurisdiction": {"name": "Rice", "jail": "sheriff"}}
    given = [["jurisdiction", "name"], ["jurisdiction", "jail"]]
    _, answers, out = scripted(library, [""] * 8, data=data, given=given)
    assert "Does the city run its own jail?" in out
    assert answers["jurisdiction"]["jail"] == "none"


def test_a_library_without_presets_goes_part_by_part(tmp_path):
    """With no presets to start from, the interview asks for the provisions directly."""
    from conftest import build_clause_library

    builtin = load_library().root / "presets"
    lib = Library(
        build_clause_library(
            tmp_path / "lib", {f"presets/{f.name}": None for f in builtin.glob("*.yaml")}
        )
    )
    _, answers, out = respond(lib, {("jurisdiction", "name"): "Northfield"})
    assert answers is not None, out
    assert "Which preset" not in out and "Part 1 of" in out
    assert set(resolved(lib, answers)) == {c for c in lib.clauses if lib.clauses[c].spec.required}


def _one_version_of_each(interview) -> str:
    """Answer a part question by choosing every provision, in its first version."""
    q = next(q for q in interview.questions() if q.key == interview.asking)
    firsts = {}
    for n, option in enumerate(q.options, 1):
        firsts.setdefault(option.group, str(n))
    return ",".join(firsts.values())


def test_choosing_every_built_in_provision_part_by_part_stays_under_40_prompts(library, capsys):
    """Measured on the built-in library: a county with its own jail choosing every provision."""
    rules = {
        ("jurisdiction", "name"): "Rice",
        ("jurisdiction", "kind"): "county",
        ("jurisdiction", "jail"): "county",
        ("_customize",): "y",
        **{("_part", c.id): _one_version_of_each for c in library.meta.categories},
    }
    interview, answers, out = respond(library, rules)
    assert answers is not None, out
    county = interview.model.jurisdiction()
    applicable = {p for p, c in library.clauses.items() if not applicability(c.spec, county)}
    assert set(resolved(library, answers)) == applicable
    assert interview.prompts <= 40
    with capsys.disabled():
        print(f"\nbuilt-in library, {len(applicable)} provisions: {interview.prompts} prompts")
