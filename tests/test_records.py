"""Typed records: lax conversions, every problem with its location, frozen values."""

from __future__ import annotations

from typing import Any, Literal

import pytest

from ordinance_drafter.library.records import (
    Field,
    Record,
    ValidationFailed,
    field_validator,
    model_validator,
)
from ordinance_drafter.library.yamlio import describe_validation_error


class Item(Record, strip=True):
    """A nested record."""

    id: str = Field(pattern=r"^[a-z]+$")
    size: int = 0


class Thing(Record, strip=True):
    """A record with one field of each supported kind."""

    name: str = Field(min_length=3)
    count: int = 1
    flag: bool = False
    kind: Literal["city", "county"] = "city"
    tags: tuple[str, ...] = ()
    extra: dict[str, Any] = Field(default_factory=dict)
    items: tuple[Item, ...] = ()
    parent: Item | None = None

    @field_validator("name")
    @classmethod
    def _no_digits(cls, value: str) -> str:
        if any(c.isdigit() for c in value):
            raise ValueError("no digits in a name")
        return value


class Pair(Record):
    """A record whose fields must differ, and which keeps white space."""

    a: str
    b: str = "b"

    @field_validator("a", mode="before")
    @classmethod
    def _number_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _different(self) -> Pair:
        if self.a == self.b:
            raise ValueError("a and b must differ")
        return self


def problems(model: type[Record], data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    """The (type, location) of every problem ``data`` has."""
    with pytest.raises(ValidationFailed) as info:
        model.model_validate(data)
    return [(e["type"], e["loc"]) for e in info.value.errors()]


def test_lax_conversions_match_what_yaml_users_write():
    """'5' and 5.0 are ints, 'yes' and 1 are bools, text is stripped, lists become tuples."""
    thing = Thing.model_validate(
        {"name": "  Rice  ", "count": "5", "flag": "yes", "tags": [" a ", "b"]}
    )
    assert (thing.name, thing.count, thing.flag, thing.tags) == ("Rice", 5, True, ("a", "b"))
    assert Thing.model_validate({"name": "Rice", "count": 5.0, "flag": 0}).count == 5
    assert Pair.model_validate({"a": " x "}).a == " x "  # no stripping unless asked


def test_every_problem_is_reported_with_its_location_in_order():
    """Fields in declaration order, nested locations, then unknown keys last."""
    data = {
        "bogus": 1,
        "name": "ab",
        "count": 1.5,
        "flag": "maybe",
        "kind": "town",
        "tags": ["ok", 3],
        "items": [{"id": "Bad"}, {"size": "x"}],
    }
    assert problems(Thing, data) == [
        ("string_too_short", ("name",)),
        ("int_from_float", ("count",)),
        ("bool_parsing", ("flag",)),
        ("literal_error", ("kind",)),
        ("string_type", ("tags", 1)),
        ("string_pattern_mismatch", ("items", 0, "id")),
        ("missing", ("items", 1, "id")),
        ("int_parsing", ("items", 1, "size")),
        ("extra_forbidden", ("bogus",)),
    ]


def test_wrong_shapes_and_validators_are_problems_too():
    """A scalar for a mapping, a field validator's and a record validator's ValueError."""
    assert problems(Thing, {"name": "Rice", "parent": "x"}) == [("model_type", ("parent",))]
    assert problems(Thing, {"name": "Rice", "extra": []}) == [("dict_type", ("extra",))]
    assert problems(Thing, {"name": "R2D2"}) == [("value_error", ("name",))]
    assert problems(Pair, {"a": "b"}) == [("value_error", ())]
    assert Pair.model_validate({"a": 7}).a == "7"  # a before-validator runs first


def test_messages_are_one_paragraph_naming_file_field_and_choices():
    """The first problem becomes the user's message; unknown keys get 'did you mean'."""
    with pytest.raises(ValidationFailed) as info:
        Thing.model_validate({"name": "Rice", "kind": "cty", "flg": True})
    message = describe_validation_error(info.value, "x.yaml", {"": list(Thing.model_fields)})
    assert message.startswith("x.yaml: unknown key 'flg'. Did you mean 'flag'?")
    assert "(1 more problem(s) after this one.)" in message
    with pytest.raises(ValidationFailed) as info:
        Thing.model_validate({"name": "Rice", "kind": "cty"})
    message = describe_validation_error(info.value, "x.yaml", {})
    assert message.startswith("x.yaml: field 'kind' has the value 'cty', which is not allowed")
    assert "'city' or 'county'" in message and "Did you mean 'city'?" in message


def test_records_are_frozen_values_with_defaults_and_checked_constructors():
    """Records compare and hash by value, refuse changes, and check constructor values."""
    a, b = Item(id="abc"), Item.model_validate({"id": "abc", "size": 0})
    assert a == b and hash(a) == hash(b) and a != Item(id="abd")
    with pytest.raises(AttributeError):
        a.size = 3  # type: ignore[misc]
    thing = Thing(name="Rice")
    assert thing.extra == {} and thing.extra is not Thing(name="Rice").extra
    with pytest.raises(ValidationFailed):
        Thing(name="Rice", count="many")
    assert Thing(name="Rice", items=[{"id": "x"}]).model_dump()["items"] == (
        {"id": "x", "size": 0},
    )
    assert list(Thing.model_fields) == [
        "name", "count", "flag", "kind", "tags", "extra", "items", "parent",
    ]  # fmt: skip
    assert Thing.model_fields["name"].required and not Thing.model_fields["count"].required
