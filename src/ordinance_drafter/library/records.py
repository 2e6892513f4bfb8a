"""Typed, frozen records validated from YAML data: the small part of pydantic the tool uses.

A record is a frozen dataclass declared with type annotations (``str``, ``int``, ``bool``,
``Any``, ``Literal[...]``, ``tuple[X, ...]``, ``dict[str, X]``, ``X | None`` and other
records) and optional constraints (``Field(min_length=..., pattern=...)``), plus
``field_validator`` and ``model_validator`` hooks. :meth:`Record.model_validate` checks raw
data the way pydantic's lax mode does (``"5"`` is an int, ``"yes"`` a bool), collects every
problem with where it is, and raises :class:`ValidationFailed`;
``_yaml.describe_validation_error`` turns the first problem into the one-paragraph message a
user sees. Unknown keys are always refused.

Pydantic did this before; it took a tenth of a second to import and build the models, on
every command. The method names (``model_validate``, ``model_dump``, ``model_fields``) are
kept so that callers read the same.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import re
import sys
import types
from collections.abc import Callable
from typing import Any, ClassVar, Literal, Union, get_args, get_origin

_MISSING = dataclasses.MISSING
_BAD = object()  # what a check returns after recording a problem
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})

Check = Callable[[Any, tuple[Any, ...], list[dict[str, Any]]], Any]


class ValidationFailed(ValueError):
    """Raised by :meth:`Record.model_validate` with every problem found, in order.

    Args:
        problems: One dict per problem, as pydantic reports them: ``type``, ``loc`` (the
            path to the value), ``msg``, ``input`` and, for some types, ``ctx``.
    """

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(problems)} problem(s); first: {problems[0]['msg']}")
        self.problems = problems

    def errors(self, include_url: bool = False) -> list[dict[str, Any]]:
        """The problems, first found first."""
        return list(self.problems)


class _FieldDefault:
    """A field's default and constraints, as declared with :func:`Field`."""

    def __init__(
        self,
        default: Any,
        default_factory: Callable[[], Any] | None,
        min_length: int | None,
        pattern: str | None,
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.min_length = min_length
        self.pattern = pattern


def Field(  # named like the pydantic function it replaces
    default: Any = _MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    min_length: int | None = None,
    pattern: str | None = None,
) -> Any:
    """A record field with a default and constraints (a text's or collection's length,
    a text's pattern)."""
    return _FieldDefault(default, default_factory, min_length, pattern)


class _FieldValidator:
    def __init__(self, func: Any, names: tuple[str, ...], mode: str) -> None:
        self.func = func
        self.names = names
        self.mode = mode

    def __call__(self, cls: type, value: Any) -> Any:
        if isinstance(self.func, classmethod):
            return self.func.__func__(cls, value)
        return self.func(value)


def field_validator(*names: str, mode: Literal["before", "after"] = "after") -> Any:
    """Check or convert fields' values: ``before`` the type check (raw YAML) or ``after``.

    The function (a classmethod, or a plain function of the value) returns the value to
    keep, or raises ``ValueError`` with what is wrong.
    """
    return lambda func: _FieldValidator(func, names, mode)


class _ModelValidator:
    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func


def model_validator(*, mode: Literal["after"] = "after") -> Any:
    """Check a whole record once its fields are valid; raise ``ValueError`` if it is not."""
    return _ModelValidator


@dataclasses.dataclass(frozen=True)
class FieldInfo:
    """One field of a record: its (resolved) type, default and constraints."""

    name: str
    annotation: Any
    required: bool
    min_length: int | None
    pattern: str | None


class _FieldsOf:
    """``Record.model_fields``: the fields by name, in order (types resolved on first use)."""

    def __get__(self, obj: Any, cls: type[Record]) -> dict[str, FieldInfo]:
        return _schema(cls).fields


class Record:
    """A frozen record validated from raw data (see the module docstring).

    Fields are the class's annotations; a default is a plain value or :func:`Field`.
    ``class X(Record, strip=True)`` strips surrounding white space from every text value,
    as the clause library wants. Records compare and hash by value, like frozen
    dataclasses, but are built without generating code for each class (which cost more
    than the rest of loading the library).
    """

    __slots__ = ()
    _strip: ClassVar[bool] = False
    _defaults: ClassVar[dict[str, _FieldDefault]] = {}
    model_fields: ClassVar[Any] = _FieldsOf()

    def __init_subclass__(cls, strip: bool | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if strip is not None:
            cls._strip = strip
        defaults = dict(cls._defaults)
        for name, annotation in inspect.get_annotations(cls).items():
            if "ClassVar" in str(annotation):
                continue
            value = cls.__dict__.get(name, _MISSING)
            if not isinstance(value, _FieldDefault):
                value = _FieldDefault(value, None, None, None)
            defaults[name] = value
            if name in cls.__dict__:
                delattr(cls, name)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        """Build a record from field values, checked as :meth:`model_validate` checks them.

        Raises:
            ValidationFailed: A value is invalid, a required field is missing, or a name
                is not a field.
        """
        problems: list[dict[str, Any]] = []
        checked = _check_fields(type(self), values, (), problems)
        if problems:
            raise ValidationFailed(problems)
        self._fill(checked)
        for hook in _schema(type(self)).model:
            hook(self)

    def _fill(self, values: dict[str, Any]) -> None:
        """Set every field: from ``values`` (already checked), else its default."""
        for name, spec in self._defaults.items():
            if name in values:
                value = values[name]
            elif spec.default_factory is not None:
                value = spec.default_factory()
            else:
                value = spec.default
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen; cannot delete {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._defaults)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._defaults)
        return f"{type(self).__name__}({fields})"

    @classmethod
    def model_validate(cls, data: Any) -> Any:
        """Validate raw data (a mapping from YAML) into a record.

        Raises:
            ValidationFailed: With every problem found.
        """
        problems: list[dict[str, Any]] = []
        result = _record_check(cls)(data, (), problems)
        if problems:
            raise ValidationFailed(problems)
        return result

    def model_dump(self) -> dict[str, Any]:
        """The record as plain data (nested records as dicts)."""
        return {name: _dump(getattr(self, name)) for name in self._defaults}


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, (tuple, list)):
        return type(value)(_dump(v) for v in value)
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


# -- checking values -----------------------------------------------------------------


def _problem(
    errors: list[dict[str, Any]],
    kind: str,
    loc: tuple[Any, ...],
    msg: str,
    value: Any,
    ctx: dict[str, Any] | None = None,
) -> Any:
    error = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        error["ctx"] = ctx
    errors.append(error)
    return _BAD


def _check_any(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    return value


def _check_int(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return _problem(errors, "finite_number", loc, "Input should be a finite number", value)
        if value.is_integer():
            return int(value)
        return _problem(
            errors,
            "int_from_float",
            loc,
            "Input should be a valid integer, got a number with a fractional part",
            value,
        )
    if isinstance(value, (str, bytes)):
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        try:
            return int(text.strip())
        except ValueError:
            try:
                number = float(text.strip())
            except ValueError:
                number = math.nan
            if math.isfinite(number) and number.is_integer():
                return int(number)
        return _problem(
            errors,
            "int_parsing",
            loc,
            "Input should be a valid integer, unable to parse string as an integer",
            value,
        )
    return _problem(errors, "int_type", loc, "Input should be a valid integer", value)


def _check_bool(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, str)):
        key = value.lower() if isinstance(value, str) else value
        if key in _TRUE or (not isinstance(value, str) and key == 1):
            return True
        if key in _FALSE or (not isinstance(value, str) and key == 0):
            return False
        return _problem(
            errors,
            "bool_parsing",
            loc,
            "Input should be a valid boolean, unable to interpret input",
            value,
        )
    return _problem(errors, "bool_type", loc, "Input should be a valid boolean", value)


def _str_check(strip: bool, min_length: int | None, pattern: str | None) -> Check:
    compiled = re.compile(pattern) if pattern else None

    def check(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
        if isinstance(value, bytes):
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                return _problem(
                    errors,
                    "string_unicode",
                    loc,
                    "Input should be a valid string, unable to parse raw data as a unicode string",
                    value,
                )
        elif not isinstance(value, str):
            return _problem(errors, "string_type", loc, "Input should be a valid string", value)
        text = value.strip() if strip else value
        if min_length is not None and len(text) < min_length:
            plural = "character" if min_length == 1 else "characters"
            return _problem(
                errors,
                "string_too_short",
                loc,
                f"String should have at least {min_length} {plural}",
                value,
                {"min_length": min_length},
            )
        if compiled is not None and not compiled.search(text):
            return _problem(
                errors,
                "string_pattern_mismatch",
                loc,
                f"String should match pattern '{pattern}'",
                value,
                {"pattern": pattern},
            )
        return text

    return check


def _too_short(
    errors: list[dict[str, Any]], loc: tuple[Any, ...], value: Any, what: str, least: int, n: int
) -> Any:
    items = "item" if least == 1 else "items"
    return _problem(
        errors,
        "too_short",
        loc,
        f"{what} should have at least {least} {items} after validation, not {n}",
        value,
        {"field_type": what, "min_length": least, "actual_length": n},
    )


def _literal_check(options: tuple[Any, ...]) -> Check:
    shown = [repr(o) for o in options]
    expected = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"

    def check(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
        for option in options:
            if type(value) is type(option) and value == option:
                return value
        return _problem(
            errors,
            "literal_error",
            loc,
            f"Input should be {expected}",
            value,
            {"expected": expected},
        )

    return check


def _compile(tp: Any, strip: bool, meta: dict[str, Any] | None = None) -> Check:
    """A function that checks (and converts) a value of type ``tp``."""
    meta = meta or {}
    least = meta.get("min_length")
    if tp is Any:
        return _check_any
    if tp is str:
        return _str_check(strip, least, meta.get("pattern"))
    if tp is bool:
        return _check_bool
    if tp is int:
        return _check_int
    origin = get_origin(tp)
    if origin is Literal:
        return _literal_check(get_args(tp))
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"only 'X | None' unions are supported, not {tp}")
        inner = _compile(args[0], strip, meta)
        return lambda v, loc, errors: None if v is None else inner(v, loc, errors)
    if origin is tuple:
        item_type, ellipsis = get_args(tp)
        if ellipsis is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] is supported, not {tp}")
        item = _compile(item_type, strip)

        def check_tuple(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, (list, tuple, set, frozenset)):
                return _problem(errors, "tuple_type", loc, "Input should be a valid tuple", value)
            before = len(errors)
            out = tuple(item(v, (*loc, i), errors) for i, v in enumerate(value))
            valid = sum(v is not _BAD for v in out)
            if least is not None and valid < least:
                # As pydantic counts: only the items that passed.
                return _too_short(errors, loc, value, "Tuple", least, valid)
            return _BAD if len(errors) > before else out

        return check_tuple
    if origin is dict:
        key_type, value_type = get_args(tp)
        key, item = _compile(key_type, strip), _compile(value_type, strip)

        def check_dict(value: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
            if not isinstance(value, dict):
                return _problem(
                    errors, "dict_type", loc, "Input should be a valid dictionary", value
                )
            before = len(errors)
            out = {}
            valid = 0
            for k, v in value.items():
                checked_key = key(k, (*loc, k, "[key]"), errors)
                checked = item(v, (*loc, k), errors)
                if checked_key is not _BAD and checked is not _BAD:
                    out[checked_key] = checked
                    valid += 1
            if least is not None and valid < least:
                return _too_short(errors, loc, value, "Dictionary", least, valid)
            return _BAD if len(errors) > before else out

        return check_dict
    if isinstance(tp, type) and issubclass(tp, Record):
        return _record_check(tp)
    raise TypeError(f"records do not support fields of type {tp}")


_TYPES: dict[tuple[str, str], Any] = {}


def _annotations(cls: type[Record]) -> dict[str, Any]:
    """The record's field types, evaluated in the namespace of the module that declares them.

    ``typing.get_type_hints`` compiles every annotation afresh; the same few (``str``,
    ``tuple[str, ...]``) recur in every record, so each is evaluated once per module.
    """
    out: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        module = sys.modules[klass.__module__]
        for name, annotation in inspect.get_annotations(klass).items():
            if not isinstance(annotation, str):
                out[name] = annotation
                continue
            key = (klass.__module__, annotation)
            if key not in _TYPES:
                _TYPES[key] = eval(annotation, vars(module))
            out[name] = _TYPES[key]
    return out


class _Schema:
    """A record class's fields with their checks and validators."""

    def __init__(self, cls: type[Record]) -> None:
        hints = _annotations(cls)
        self.fields: dict[str, FieldInfo] = {}
        self.checks: dict[str, Check] = {}
        for name, spec in cls._defaults.items():
            required = spec.default is _MISSING and spec.default_factory is None
            meta = {"min_length": spec.min_length, "pattern": spec.pattern}
            self.fields[name] = FieldInfo(name, hints[name], required, *meta.values())
            self.checks[name] = _compile(hints[name], cls._strip, meta)
        self.before: dict[str, list[_FieldValidator]] = {}
        self.after: dict[str, list[_FieldValidator]] = {}
        self.model: list[Callable[[Any], Any]] = []
        for klass in reversed(cls.__mro__):
            for attr in vars(klass).values():
                if isinstance(attr, _FieldValidator):
                    target = self.before if attr.mode == "before" else self.after
                    for name in attr.names:
                        target.setdefault(name, []).append(attr)
                elif isinstance(attr, _ModelValidator):
                    self.model.append(attr.func)


_SCHEMAS: dict[type, _Schema] = {}


def _schema(cls: type[Record]) -> _Schema:
    schema = _SCHEMAS.get(cls)
    if schema is None:
        schema = _SCHEMAS[cls] = _Schema(cls)
    return schema


def _check_fields(
    cls: type[Record], data: dict[str, Any], loc: tuple[Any, ...], errors: list[dict[str, Any]]
) -> dict[str, Any]:
    """Check the fields given in ``data``; record missing, invalid and unknown ones."""
    schema = _schema(cls)
    values: dict[str, Any] = {}
    for name, info in schema.fields.items():
        where = (*loc, name)
        if name not in data:
            if info.required:
                _problem(errors, "missing", where, "Field required", data)
            continue
        raw = value = data[name]
        try:
            for hook in schema.before.get(name, ()):
                value = hook(cls, value)
            value = schema.checks[name](value, where, errors)
            if value is _BAD:
                continue
            for hook in schema.after.get(name, ()):
                value = hook(cls, value)
        except ValueError as exc:
            _problem(errors, "value_error", where, f"Value error, {exc}", raw)
            continue
        values[name] = value
    for key in data:
        if key not in schema.fields:
            msg = "Extra inputs are not permitted"
            _problem(errors, "extra_forbidden", (*loc, key), msg, data[key])
    return values


def _record_check(cls: type[Record]) -> Check:
    def check(data: Any, loc: tuple[Any, ...], errors: list[dict[str, Any]]) -> Any:
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            return _problem(
                errors,
                "model_type",
                loc,
                f"Input should be a valid dictionary or instance of {cls.__name__}",
                data,
            )
        before = len(errors)
        values = _check_fields(cls, data, loc, errors)
        if len(errors) > before:
            return _BAD
        record = object.__new__(cls)
        record._fill(values)
        for hook in _schema(cls).model:
            try:
                record = hook(record)
            except ValueError as exc:
                return _problem(errors, "value_error", loc, f"Value error, {exc}", data)
        return record

    return check
