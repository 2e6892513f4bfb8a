"""Pydantic's validation errors become one-paragraph messages; the records are frozen values.

Pydantic does the checking; what is ours is the wording a user reads (file, field, what was
wrong, what is allowed, did-you-mean) and the models' configuration (unknown keys refused,
library text stripped, values frozen).
"""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from ordinance_drafter.answers import schema as answers_schema
from ordinance_drafter.errors import ClauseLibraryError
from ordinance_drafter.library import documentspec
from ordinance_drafter.library import schema as library_schema
from ordinance_drafter.library.yamlio import describe_validation_error, validate_mapping
from ordinance_drafter.statelaw import schema as state_schema

CLAUSE = {
    "id": "abc",
    "title": "Title",
    "category": "core",
    "order": 1,
    "version": "1.0.0",
    "summary": "A summary of the provision.",
    "sources": [{"cite": "Minn. Stat. § 1.01"}],
}


def message(model: type[BaseModel], data: dict) -> str:
    """The user's message for ``data`` validated as ``model`` from ``x.yaml``."""
    with pytest.raises(ClauseLibraryError) as info:
        validate_mapping(model, data, "x.yaml", "clause file", ClauseLibraryError)
    text = str(info.value)
    assert "\n" not in text and "Traceback" not in text and "pydantic" not in text
    return text


def records() -> list[type[BaseModel]]:
    """Every record class the tool validates data into."""
    found = []
    for module in (library_schema, documentspec, answers_schema, state_schema):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
                and not value.__name__.startswith("_")
            ):
                found.append(value)
    return found


def test_unknown_key_is_named_with_did_you_mean_and_the_allowed_keys():
    """A misspelt key is the root cause, reported before the 'missing' real key."""
    data = {k: v for k, v in CLAUSE.items() if k != "title"} | {"titel": "Title"}
    text = message(library_schema.ClauseSpec, data)
    assert text.startswith("x.yaml: unknown key 'titel'. Did you mean 'title'?")
    allowed = ", ".join(library_schema.ClauseSpec.model_fields)
    assert f"Allowed keys here: {allowed}." in text
    assert text.endswith("(1 more problem(s) after this one.)")


def test_a_choice_names_every_allowed_value_and_the_closest():
    """A literal's options come from pydantic's context, with did-you-mean."""
    data = {**CLAUSE, "placement": "finding"}
    assert message(library_schema.ClauseSpec, data) == (
        "x.yaml: field 'placement' has the value 'finding', which is not allowed: must be "
        "one of 'findings' or 'body'. Did you mean 'findings'?"
    )


def test_nested_locations_and_our_own_validators_read_plainly():
    """``variables[0].name``; a validator's ValueError without pydantic's prefix."""
    data = {**CLAUSE, "variables": [{"name": "jur", "type": "bool", "prompt": "p"}]}
    assert message(library_schema.ClauseSpec, data) == (
        "x.yaml: field 'variables[0].name' has the value 'jur', which is not allowed: "
        "'jur' is reserved for the template context."
    )


def test_missing_fields_too_short_lists_and_patterns():
    """Each kind of problem names its field and what is allowed."""
    data = {k: v for k, v in CLAUSE.items() if k != "order"}
    assert message(library_schema.ClauseSpec, data) == (
        "x.yaml: the required field 'order' is missing."
    )
    assert "at least 1 item" in message(library_schema.ClauseSpec, {**CLAUSE, "sources": []})
    text = message(library_schema.ClauseSpec, {**CLAUSE, "version": "1.0"})
    assert "field 'version' has the value '1.0'" in text and "pattern" in text


def test_a_record_validator_problem_names_the_file():
    """A whole-record check (a 'prohibits' state without citations) reads as one paragraph."""
    data = {
        "code": "MN",
        "name": "Minnesota",
        "status": "prohibits",
        "summary": "A summary of the state's law.",
        "as_of": "2026-11-25",
        "confidence": "high",
    }
    text = message(state_schema.StateSpec, data)
    assert text.startswith("x.yaml: field '(top level)'")
    assert "needs its 'citations'" in text


def test_answers_messages_name_the_nested_section():
    """An unknown key inside ``jurisdiction`` offers that section's keys."""
    with pytest.raises(ValidationError) as info:
        answers_schema.Answers.model_validate({"jurisdiction": {"nmae": "X", "kind": "city"}})
    text = describe_validation_error(info.value, "a.yaml", answers_schema.ALLOWED_KEYS)
    assert text.startswith("a.yaml: unknown key 'jurisdiction.nmae'. Did you mean 'name'?")
    assert ", ".join(answers_schema.JurisdictionAnswers.model_fields) in text


@pytest.mark.parametrize("model", records(), ids=lambda m: m.__name__)
def test_every_record_is_frozen_and_refuses_unknown_keys(model: type[BaseModel]):
    """The configuration each record needs, checked on every record class found."""
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"


def test_library_text_is_stripped_and_answers_text_is_kept():
    """The library's YAML is tidied; what a user typed is kept as typed (then checked)."""
    spec = library_schema.SourceSpec.model_validate({"cite": "  Minn. Stat. § 1.01  "})
    assert spec.cite == "Minn. Stat. § 1.01"
    with pytest.raises(ValidationError):
        spec.cite = "other"  # type: ignore[misc]
    doc = answers_schema.DocumentAnswers.model_validate({"number": " 12 "})
    assert doc.number == " 12 "
