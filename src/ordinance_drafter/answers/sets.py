"""``--set key=value``: overrides typed as the interview would type them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel

from ..errors import AnswerError, describe_value
from ..library import yamlsafe
from ..library.loader import Library
from ..library.yamlio import (
    did_you_mean,
)
from ..library.yamlsafe import YAMLProblem, check_bounds
from .jurisdiction import default_jail
from .schema import ALLOWED_KEYS, DocumentAnswers, JurisdictionAnswers


def apply_sets(
    data: dict[str, Any], sets: Iterable[str], library: Library | None = None
) -> dict[str, Any]:
    """Apply ``--set key=value`` overrides to raw answers data.

    ``key`` is a dotted path (``jurisdiction.name``, ``provisions.detainers.variant``,
    ``provisions.training.values.hours``). The value is read as YAML, so ``4`` is a number,
    ``true`` a boolean and ``[a, b]`` a list. ``provisions.<id>=on`` adds a provision with
    its defaults and ``provisions.<id>=off`` removes it.

    Raises:
        AnswerError: A ``--set`` is not of the form ``key=value``, its path is unknown or
            its value is not YAML the tool reads (a duplicate key, too large); or ``data``
            itself is too large or too deep to be answers.
    """
    try:
        check_bounds(data)
    except YAMLProblem as exc:
        where = f"field '{exc.field}': " if exc.field else ""
        raise AnswerError(f"The answers: {where}{exc.problem}.") from None
    out = plain_copy(data)
    for item in sets:
        if "=" not in item:
            raise AnswerError(
                f"--set {_shown(item)}: expected key=value, e.g. "
                "--set jurisdiction.name=Northfield."
            )
        key, _, raw = item.partition("=")
        parts = [p for p in key.strip().split(".") if p]
        if not parts:
            raise AnswerError(f"--set {_shown(item)}: the key before '=' is empty.")
        value = _set_value(parts, raw, library, item)
        if parts[0] not in ALLOWED_KEYS[""]:
            raise AnswerError(
                f"--set {_shown(item)}: unknown key '{parts[0]}'."
                f"{did_you_mean(parts[0], ALLOWED_KEYS[''])}"
                f" Allowed first parts: {', '.join(ALLOWED_KEYS[''])}."
            )
        if parts[0] == "provisions" and len(parts) > 1:
            # Changing one provision starts from the preset's provisions, not from none.
            provisions = out.get("provisions")
            if provisions is None and library is not None:
                jur = out.get("jurisdiction") if isinstance(out.get("jurisdiction"), dict) else {}
                kind = jur.get("kind") if jur.get("kind") in ("city", "county") else "city"
                preset = out.get("preset") or library.default_preset_for(
                    kind, str(jur.get("jail") or default_jail(kind))
                )
                chosen = library.presets.get(str(preset))
                # A deep copy: the preset itself must never change.
                provisions = plain_copy(chosen.provisions) if chosen else {}
            if provisions is None:
                provisions = {}
            if isinstance(provisions, list):
                provisions = {p: None for p in provisions}
            if isinstance(provisions, dict):
                provisions = {k: (v if v is not None else {}) for k, v in provisions.items()}
            out["provisions"] = provisions
        if parts[0] == "provisions" and len(parts) == 2 and value in ("on", "off", True, False):
            provisions = out["provisions"]
            if value in ("on", True):
                provisions.setdefault(parts[1], None)
            else:
                provisions.pop(parts[1], None)
            out["provisions"] = provisions
            continue
        node = out
        for part in parts[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[parts[-1]] = value
    return out


def _shown(item: str) -> str:
    """A ``--set`` argument as a message shows it (quoted, cut if long)."""
    return describe_value(item, 100)


def plain_copy(value: Any) -> Any:
    """A deep copy of answers data as JSON would give it back: mappings with text keys,
    lists, text, numbers, booleans and nulls; anything else (a date) as its text. Unlike
    a JSON round trip it takes any key (a YAML date is a valid key) and any number.
    Expects data that :func:`~ordinance_drafter.library.yamlsafe.check_bounds` passed.
    """
    if isinstance(value, dict):
        return {_text_key(k): plain_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_copy(v) for v in value]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _text_key(key: Any) -> str:
    """A mapping key as JSON writes it: true, false, null, 1, 1.5, or the text."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, float)):
        return json.dumps(key)
    return str(key)


def _set_value(parts: list[str], raw: str, library: Library | None, item: str = "") -> Any:
    """Type a ``--set`` value by what its key holds, as the interview would.

    Text answers (names, ids, dates, ordinance numbers) stay text, so ``number=12`` or
    ``name=Yes`` are not turned into a number or a boolean; a multiselect variable takes a
    comma-separated list; anything else is read as YAML (``45``, ``true``, ``[a, b]``).
    """
    text = raw.strip()
    models = {"jurisdiction": JurisdictionAnswers, "document": DocumentAnswers}
    if len(parts) == 1 and parts[0] == "preset":
        return text
    if len(parts) == 2 and parts[0] in models and _is_text_field(models[parts[0]], parts[1]):
        return text
    if len(parts) == 3 and parts[0] == "provisions" and parts[2] == "variant":
        return text
    if library is not None and len(parts) == 4 and parts[:3:2] == ["provisions", "values"]:
        clause = library.clauses.get(parts[1])
        var = clause.spec.variable(parts[3]) if clause else None
        if var is not None and var.type in ("text", "choice"):
            return text
        if var is not None and var.type == "multiselect" and not text.startswith("["):
            return [p.strip() for p in text.split(",") if p.strip()]
    try:
        value = yamlsafe.load(raw) if text else ""
    except yamlsafe.YAMLProblem as exc:
        where = f"field '{exc.field}' of the value: " if exc.field else ""
        raise AnswerError(f"--set {_shown(item or raw)}: {where}{exc.problem}.") from None
    except yaml.YAMLError:
        value = raw  # not YAML: the text as typed
    if isinstance(value, (dt.date, dt.datetime)):
        value = str(raw)
    return value


def _is_text_field(model: type[BaseModel], name: str) -> bool:
    """Whether a field of ``model`` holds text (str, optional str, or a literal of strings)."""
    info = model.model_fields.get(name)
    if info is None:
        return False
    annotation = info.annotation
    if get_origin(annotation) is Literal:
        args = [annotation]
    else:
        args = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    return all(
        a is str or (get_origin(a) is Literal and all(isinstance(x, str) for x in get_args(a)))
        for a in args
    )
