"""The answers file format, validated into records."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import AnswerError
from ..library.values import MAX_NAME, check_text
from ..library.yamlio import (
    describe_validation_error,
    did_you_mean,
    parse_yaml,
    read_yaml,
)
from ..statelaw.codes import STATES
from .chapters import chapter_problem

FORMAT_VERSION = 1


NOTES_MODES = ("comments", "inline", "appendix", "none")


def _text_validator(limit: int, *, allow_empty: bool = True) -> Any:
    def check(cls: Any, value: Any) -> Any:
        if value is None:
            return value
        problem = check_text(value, limit)
        if problem:
            raise ValueError(problem)
        if not allow_empty and not value.strip():
            raise ValueError("it is empty; enter the name as it appears in the charter")
        return value

    return classmethod(check)


class _Strict(BaseModel):
    """An answers record: frozen, unknown keys are refused (text is kept as typed)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class JurisdictionAnswers(_Strict):
    """The ``jurisdiction`` part of an answers file."""

    name: str
    kind: Literal["city", "county"]
    state: str = "MN"
    city_type: str | None = None
    county_type: str | None = None
    government: str | None = None
    jail: Literal["none", "city", "county", "sheriff"] | None = None
    body: str | None = None
    executive: str | None = None
    police: str | None = None
    attorney: str | None = None

    _name = field_validator("name")(_text_validator(MAX_NAME, allow_empty=False))
    _others = field_validator("body", "executive", "police", "attorney")(_text_validator(MAX_NAME))
    # The types and forms a state knows are library data; resolve checks them.
    _ids = field_validator("city_type", "county_type", "government")(_text_validator(60))

    @field_validator("kind", "jail", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        # "City" and "Sheriff" are what people type; the choices themselves are lower-case.
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("city_type", "county_type", "government", mode="before")
    @classmethod
    def _as_id(cls, value: Any) -> Any:
        # "Home rule" and "Plan B" are what people type; the ids are home_rule and plan_b.
        if not isinstance(value, str):
            return value
        return re.sub(r"[\s-]+", "_", value.strip().lower()) or None

    @field_validator("state", mode="before")
    @classmethod
    def _state(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("it must be a two-letter state code such as MN")
        text = value.strip()
        by_name = {v.lower(): k for k, v in STATES.items()}
        code = by_name.get(text.lower(), text.upper())
        if code not in STATES:
            hint = did_you_mean(text.upper(), STATES) or did_you_mean(text.title(), STATES.values())
            raise ValueError(
                f"'{text}' is not a US state code.{hint} Use a two-letter code such as MN, "
                "WI or CA (DC is accepted too)"
            )
        return code


class ProvisionAnswers(_Strict):
    """One provision's choices: its variant and the values of its variables."""

    variant: str | None = None
    values: dict[str, Any] = Field(default_factory=dict)


class DocumentAnswers(_Strict):
    """Options for the document as a whole."""

    title: str | None = None
    number: str = "____"
    draft_date: str | None = None
    notes_author: str = "Ordinance Drafter (model notes)"
    notes: Literal["comments", "inline", "appendix", "none"] = "comments"
    confidential: bool = False
    code_chapter: str | None = None
    code_numbering: Literal["dot_tens", "dot_two", "dot_three", "dash_three", "dash"] | None = None
    code_action: Literal["amend", "add"] = "amend"
    code_name: str | None = None
    code_chapter_title: str | None = None
    cover_summary: bool = False
    line_numbers: bool = False
    xref_fields: bool = True
    # The adoption packet's dates (its checklist computes the effective date from them).
    adoption_date: str | None = None
    publication_date: str | None = None

    _texts = field_validator("title", "number", "notes_author", "code_name", "code_chapter_title")(
        _text_validator(300)
    )

    @field_validator("code_chapter")
    @classmethod
    def _chapter(cls, value: Any) -> Any:
        if value is None:
            return value
        problem = check_text(value, 120)
        if problem:
            raise ValueError(problem)
        problem = chapter_problem(value)
        if problem:
            raise ValueError(problem)
        return " ".join(value.split())

    @field_validator("draft_date", "adoption_date", "publication_date", mode="before")
    @classmethod
    def _yaml_date(cls, value: Any) -> Any:
        # YAML reads an unquoted 2026-11-25 as a date: it means the same as the text.
        if isinstance(value, dt.datetime):
            raise ValueError("it must be a date written YYYY-MM-DD, without a time")
        return value.isoformat() if isinstance(value, dt.date) else value

    @field_validator("draft_date", "adoption_date", "publication_date")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if value is None:
            return value
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError("it must be a date written YYYY-MM-DD, e.g. 2026-11-25") from None
        return str(value)


class LibraryRecord(_Strict):
    """The ``library`` part of an answers file: which clause library built the draft.

    The tool writes it; ``build`` compares it with the library in use to say which
    provisions changed since (see ``docs/answers-format.md``). Older files recorded only
    ``name`` and ``version``; ``provisions`` (each chosen provision's version) is optional.
    """

    name: str = ""
    version: str = ""
    provisions: dict[str, str] = Field(default_factory=dict)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 0.1 as a number; a version is text.
        return str(value) if isinstance(value, (int, float)) else value

    @field_validator("provisions", mode="before")
    @classmethod
    def _provision_versions(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                for k, v in value.items()
            }
        return value


class Answers(_Strict):
    """A whole answers file."""

    format: int = FORMAT_VERSION
    library: LibraryRecord | None = None
    jurisdiction: JurisdictionAnswers
    preset: str | None = None
    provisions: dict[str, ProvisionAnswers | None] | None = None
    document: DocumentAnswers = Field(default_factory=DocumentAnswers)

    @field_validator("provisions", mode="before")
    @classmethod
    def _list_form(cls, value: Any) -> Any:
        # A plain list of provision ids is accepted as shorthand for "all defaults".
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise ValueError("a list of provisions must hold provision ids only")
            return {v: None for v in value}
        return value

    @field_validator("format")
    @classmethod
    def _format(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(
                f"this version of Ordinance Drafter reads answers format {FORMAT_VERSION}"
            )
        return value


ALLOWED_KEYS: dict[str, list[str]] = {
    "": list(Answers.model_fields),
    "jurisdiction": list(JurisdictionAnswers.model_fields),
    "document": list(DocumentAnswers.model_fields),
    "library": list(LibraryRecord.model_fields),
}


def parse_answers(data: Any, source: str) -> Answers:
    """Validate raw answers data (from a file, the interview or ``--set``).

    Raises:
        AnswerError: The data is not a valid answers set; the message names the field.
    """
    if data is None:
        raise AnswerError(f"{source}: the answers file is empty. See docs/answers-format.md.")
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: an answers file must be a YAML mapping with the keys "
            f"{', '.join(ALLOWED_KEYS[''])}; this one is a {type(data).__name__}."
        )
    keys = dict(ALLOWED_KEYS)
    for pid, value in (
        (data.get("provisions") or {}).items() if isinstance(data.get("provisions"), dict) else []
    ):
        if isinstance(value, dict):
            keys[f"provisions.{pid}"] = list(ProvisionAnswers.model_fields)
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        raise AnswerError(describe_validation_error(exc, source, keys)) from None


def load_answers(path: Path) -> Answers:
    """Read and validate an answers file."""
    return parse_answers(read_yaml(path, AnswerError, "answers file"), str(path))


def parse_answers_text(text: str, source: str) -> Answers:
    """Validate answers given as YAML text."""
    return parse_answers(parse_yaml(text, source, AnswerError, "answers file"), source)
