"""Safe YAML reading and writing, and turning validation errors into one-paragraph messages."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DrafterError, describe_value
from ..files import read_user_file
from . import yamlsafe

try:  # the C dumper is several times faster (the loader: see yamlsafe)
    _Dumper: type = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Dumper = yaml.SafeDumper

MAX_FILE_BYTES = 32_000_000

#: The longest text that "did you mean" compares with the options.
MAX_GUESS = 100


def read_yaml(path: Path, error: type[DrafterError], what: str) -> Any:
    """Read a YAML file safely.

    Args:
        path: The file.
        error: The error class to raise.
        what: What the file is, for messages ("answers file", "clause file").

    Raises:
        DrafterError: The file is missing, not a regular file, unreadable, too large or not
            valid YAML.
    """
    data = read_user_file(path, what, error, MAX_FILE_BYTES)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path}: the {what} is not UTF-8 text (byte {exc.start}). Save it as UTF-8."
        ) from None
    return parse_yaml(text, path, error, what)


def parse_yaml(text: str, path: Path | str, error: type[DrafterError], what: str) -> Any:
    """Parse YAML text strictly (see :mod:`.yamlsafe`), naming the file, line and field of
    any problem: a syntax error, a duplicate key, a value that cannot be built, or data too
    large or too deep.

    Raises:
        DrafterError: ``error``, one paragraph.
    """
    try:
        return yamlsafe.load(text)
    except yamlsafe.YAMLProblem as exc:
        where = f", line {exc.line}, column {exc.column}" if exc.line else ""
        field = f"field '{exc.field}': " if exc.field else ""
        raise error(f"{path}{where}: {field}{exc.problem}.") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise error(
            f"{path}{where}: the {what} is not valid YAML: {exc.problem}. Check the "
            "indentation and quoting on that line (text with a colon needs quotes)."
        ) from None
    except yaml.YAMLError as exc:
        raise error(f"{path}: the {what} is not valid YAML: {exc}.") from None
    except RecursionError:
        raise error(
            f"{path}: the {what} is nested too deeply (over {yamlsafe.MAX_DEPTH} levels)."
        ) from None


def dump_yaml(data: Any) -> str:
    """Dump data as block-style YAML, keeping key order and Unicode text."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def did_you_mean(word: Any, options: list[str] | tuple[str, ...] | set[str]) -> str:
    """Return ``' Did you mean 'x'?'`` for the closest option, or an empty string.

    Only text of a plausible length is compared: a list, a number or a 10 MB string is no
    one's typo (and difflib's cost grows with the length).
    """
    if not isinstance(word, str) or len(word) > MAX_GUESS:
        return ""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """Render a validation error location as ``jurisdiction.kind`` or ``values.items[2]``."""
    return yamlsafe.field_path(loc) or "(top level)"


def describe_validation_error(
    exc: ValidationError, path: Path | str, model_fields: dict[str, Any]
) -> str:
    """Turn the first problem of a pydantic ``ValidationError`` into a one-paragraph message.

    Args:
        exc: The ``ValidationError``.
        path: The file that was validated.
        model_fields: For unknown keys, a map from a location prefix (as a dotted string,
            ``""`` for the top level) to the allowed keys there, used for "did you mean".
    """
    errors = exc.errors(include_url=False)
    # A misspelt key also makes the real key "missing"; the misspelling is the root cause.
    errors.sort(key=lambda e: e.get("type") != "extra_forbidden")
    err = errors[0]
    loc = tuple(err.get("loc", ()))
    where = field_path(loc)
    kind = err.get("type", "")
    more = f" ({len(errors) - 1} more problem(s) after this one.)" if len(errors) > 1 else ""
    if kind == "extra_forbidden":
        parent = field_path(loc[:-1]) if len(loc) > 1 else ""
        allowed = model_fields.get(parent, [])
        hint = did_you_mean(loc[-1], allowed)
        allowed_text = f" Allowed keys here: {', '.join(allowed)}." if allowed else ""
        return f"{path}: unknown key '{where}'.{hint}{allowed_text}{more}"
    if kind == "missing":
        return f"{path}: the required field '{where}' is missing.{more}"
    bad = describe_value(err.get("input"))
    msg = err.get("msg", "is invalid")
    ctx = err.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        msg = f"must be one of {ctx['expected']}"
        hint = ""
        if isinstance(err.get("input"), str):
            options = [o.strip(" '") for o in str(ctx["expected"]).replace(" or ", ",").split(",")]
            hint = did_you_mean(err["input"], [o for o in options if o])
        msg += "." + hint
    elif msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    end = "" if msg.endswith((".", "?")) else "."
    return f"{path}: field '{where}' has the value {bad}, which is not allowed: {msg}{end}{more}"


def validate_mapping(
    model: type[BaseModel], data: Any, path: Path | str, what: str, error: type[DrafterError]
) -> Any:
    """Validate YAML ``data`` read from ``path`` as a ``model`` record.

    Raises:
        DrafterError: ``error`` with a one-paragraph message naming the file and field.
    """
    if not isinstance(data, dict):
        raise error(
            f"{path}: the {what} must be a YAML mapping of keys to values, "
            f"not {type(data).__name__}."
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(describe_validation_error(exc, path, {"": list(model.model_fields)})) from None
