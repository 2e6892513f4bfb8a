"""The interview's questions are data: clauses/questions.yaml, checked on load and by lint."""

from __future__ import annotations

import pytest
import yaml

from conftest import build_clause_library
from interview_support import respond
from ordinance_drafter.errors import ClauseLibraryError
from ordinance_drafter.interview.questionnaire import Questionnaire
from ordinance_drafter.library.loader import Library, builtin_library_path, load_library
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.qa.questionlint import lint_questions


def _questions() -> dict:
    return yaml.safe_load((builtin_library_path() / "questions.yaml").read_text(encoding="utf-8"))


def _library(tmp_path, questions: dict | str | None) -> Library:
    text = (
        questions
        if isinstance(questions, str) or questions is None
        else yaml.safe_dump(questions, sort_keys=False, allow_unicode=True)
    )
    return Library(build_clause_library(tmp_path / "clauses", {"questions.yaml": text}))


def _insert_after(data: dict, key: str, question: dict) -> dict:
    keys = [q["key"] for q in data["questions"]]
    data["questions"].insert(keys.index(key) + 1, question)
    return data


def test_every_question_the_interview_asks_before_the_parts_comes_from_the_file():
    """The jurisdiction and preset questions are the file's, in its order, worded as it says."""
    library = load_library()
    specs = {q.key: q for q in library.questions}
    keys = [k for k in specs if k != "_part"]
    for data, expected in (
        # A Minnesota city has city types (governments.yaml), so no county-type question ...
        (
            {"jurisdiction": {"kind": "city", "state": "MN"}},
            [k for k in keys if k != "jurisdiction.county_type"],
        ),
        (
            # ... and a Wisconsin county has no types at all.
            {"jurisdiction": {"kind": "county", "state": "WI"}},
            [k for k in keys if k not in ("jurisdiction.city_type", "jurisdiction.county_type")],
        ),
    ):
        asked = Questionnaire(library, data).questions()
        assert [".".join(q.key) for q in asked] == expected
        for q in asked:
            spec = specs[".".join(q.key)]
            if not spec.cases and "{" not in spec.prompt:
                assert q.prompt == " ".join(spec.prompt.split())
                assert q.label == spec.label and q.group == spec.group


def test_a_county_gets_the_cases_wording_and_choices():
    """`cases` replace the prompt, default and choices for a county."""
    library = load_library()
    jail = next(
        q
        for q in Questionnaire(library, {"jurisdiction": {"kind": "county"}}).questions()
        if q.key == ("jurisdiction", "jail")
    )
    case = next(q for q in library.questions if q.key == "jurisdiction.jail").cases[0]
    assert jail.prompt == case.prompt
    assert jail.default == case.default
    assert jail.option_ids == [c.id for c in case.choices]


def test_adding_a_question_is_a_change_to_the_data_file_only(tmp_path):
    """A new question in questions.yaml is asked in its place and its answer is kept."""
    data = _insert_after(
        _questions(),
        "jurisdiction.jail",
        {
            "key": "document.number",
            "type": "text",
            "group": "Document",
            "label": "Ordinance number",
            "prompt": "What number will the {{ jur.Kind }} give the ordinance?",
            "help": "As the clerk assigns it.",
            "default": "____",
        },
    )
    library = _library(tmp_path, data)
    rules = {("jurisdiction", "name"): "Rice", ("document", "number"): "2026-07"}
    _, answers, out = respond(library, rules)
    assert answers is not None, out
    assert answers["document"]["number"] == "2026-07"
    assert out.index("Does the city run its own jail?") < out.index(
        "What number will the City give the ordinance?"
    )
    assert out.index("What number will the City") < out.index("Which preset should")
    assert "Ordinance number" in out.split("Review your answers")[1]
    assert lint_questions(library) == []


def test_when_and_a_validator_are_sandboxed_templates(tmp_path):
    """A question asked only in Texas, whose validator refuses a short answer."""
    data = _insert_after(
        _questions(),
        "jurisdiction.state",
        {
            "key": "document.code_name",
            "type": "text",
            "label": "Code",
            "when": "jur.state == 'TX'",
            "prompt": "What is the city's code called?",
            "default": "City Code",
            "validator": "{% if value | length < 4 %}give the code's full name{% endif %}",
        },
    )
    library = _library(tmp_path, data)
    rules = {
        ("jurisdiction", "name"): "Austin",
        ("jurisdiction", "state"): "TX",
        ("document", "code_name"): ["ABC", "Austin City Code"],
    }
    _, answers, out = respond(library, rules)
    assert answers is not None, out
    assert "✗ give the code's full name." in out
    assert answers["document"]["code_name"] == "Austin City Code"
    _, answers, out = respond(library, {("jurisdiction", "name"): "Northfield"})
    assert "What is the city's code called?" not in out
    assert "code_name" not in answers["document"]


def test_a_library_without_questions_uses_the_built_in_ones(tmp_path):
    library = _library(tmp_path, None)
    assert library.questions == load_library().questions
    assert library.questions_path == builtin_library_path() / "questions.yaml"


def _with(change) -> dict:
    data = _questions()
    change(data["questions"])
    return data


def _by_key(questions: list, key: str) -> dict:
    return next(q for q in questions if q["key"] == key)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda qs: qs.append(dict(_by_key(qs, "jurisdiction.name"))), "is listed twice"),
        (lambda qs: qs.remove(_by_key(qs, "_part")), "exactly one entry of type 'parts'"),
        (lambda qs: _by_key(qs, "jurisdiction.kind").pop("choices"), "has no 'choices'"),
        (lambda qs: _by_key(qs, "jurisdiction.kind").update(default="town"), "not one of the"),
        (lambda qs: _by_key(qs, "jurisdiction.name").update(tpye="text"), "unknown key"),
        (lambda qs: _by_key(qs, "jurisdiction.name").update(type="string"), "must be one of"),
        (lambda qs: _by_key(qs, "jurisdiction.body").pop("default"), "needs a 'default'"),
        (lambda qs: _by_key(qs, "_customize").update(key="_other"), "interview's own"),
        (lambda qs: _by_key(qs, "jurisdiction.name").update(key="Jurisdiction.Name"), "key"),
        (lambda qs: _by_key(qs, "preset").update(choices_from="presetz"), "Did you mean"),
    ],
    ids=[
        "twice",
        "no-parts",
        "no-choices",
        "bad-default",
        "unknown-field",
        "bad-type",
        "review-only-without-default",
        "private-key",
        "bad-key",
        "unknown-source",
    ],
)
def test_a_bad_questions_file_is_refused_with_a_message_naming_it(tmp_path, change, says):
    with pytest.raises(ClauseLibraryError) as caught:
        _library(tmp_path, _with(change))
    message = caught.value.message
    assert "questions.yaml" in message and says in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (
            lambda qs: _by_key(qs, "document.notes").update(key="document.notez"),
            "no field 'notez' under 'document'. Did you mean 'notes'?",
        ),
        (
            lambda qs: _by_key(qs, "jurisdiction.police").update(prompt="Is {{ jur.nme }}?"),
            "'jurisdiction.police' (prompt): the template uses an undefined value",
        ),
        (
            lambda qs: _by_key(qs, "jurisdiction.city_type").update(when="jur.kind =="),
            "the 'when' expression 'jur.kind ==' is not valid",
        ),
        (
            lambda qs: _by_key(qs, "jurisdiction.jail")["cases"][0].update(
                default="shrf", choices=[{"id": "shrf", "label": "Sheriff"}]
            ),
            "question 'jurisdiction.jail': its default 'shrf' is not a valid answer for a county",
        ),
    ],
    ids=["unknown-answers-field", "undefined-name", "bad-when", "refused-choice"],
)
def test_lint_library_reports_what_would_fail_in_the_interview_or_the_build(tmp_path, change, says):
    root = build_clause_library(
        tmp_path / "clauses",
        {"questions.yaml": yaml.safe_dump(_with(change), sort_keys=False, allow_unicode=True)},
    )
    problems = lint(root)
    assert any(says in p for p in problems), problems


def test_the_built_in_questions_lint_clean():
    assert lint_questions(load_library()) == []


def test_every_named_source_of_choices_has_a_function_that_draws_it():
    from ordinance_drafter.interview.compose import SOURCES
    from ordinance_drafter.library.questions import CHOICE_SOURCES

    assert set(SOURCES) == set(CHOICE_SOURCES)
