"""Checks of the values users give: text, numbers, choices."""

from __future__ import annotations

import re
from typing import Any

from ..errors import describe_value
from .schema import VariableSpec
from .yamlio import did_you_mean

MAX_NAME = 120


MAX_TEXT = 2000


_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def check_text(value: str, limit: int = MAX_TEXT, *, single_line: bool = True) -> str | None:
    """Return a problem with user-entered text, or ``None`` if it is fine."""
    if not isinstance(value, str):
        return f"it must be text, not {type(value).__name__}"
    bad = _ILLEGAL_RE.search(value)
    if bad:
        return (
            f"it contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}, which a Word document cannot hold; remove it"
        )
    if single_line and ("\n" in value or "\r" in value or "\t" in value):
        return "it must be a single line (no line breaks or tabs)"
    if len(value) > limit:
        return f"it is {len(value):,} characters long; the limit is {limit:,}"
    return None


def check_value(var: VariableSpec, value: Any) -> str | None:
    """Return what is wrong with ``value`` for variable ``var``, or ``None``."""
    kind = var.type
    if kind == "bool":
        return None if isinstance(value, bool) else "it must be true or false"
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "it must be a whole number"
        if var.min is not None and value < var.min:
            return f"it must be at least {var.min}"
        if var.max is not None and value > var.max:
            return f"it must be at most {var.max}"
        return None
    if kind == "text":
        return check_text(value, MAX_TEXT)
    allowed = var.choice_ids
    if kind == "choice":
        if value not in allowed:
            hint = did_you_mean(value, allowed)
            return (
                f"{describe_value(value)} is not one of the choices.{hint} "
                f"Allowed: {', '.join(allowed)}"
            )
        return None
    if not isinstance(value, list):
        return f"it must be a list of choices, e.g. [{', '.join(allowed[:2])}]"
    for item in value:
        if item not in allowed:
            hint = did_you_mean(item, allowed)
            choices = ", ".join(allowed)
            return f"{describe_value(item)} is not one of the choices.{hint} Allowed: {choices}"
    if len(set(value)) != len(value):
        return "it lists the same choice twice"
    return None
