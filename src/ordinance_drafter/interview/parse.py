"""What the user typed, turned into an answer (or a short sentence on what is allowed)."""

from __future__ import annotations

from typing import Any

from ..library.values import check_text
from ..library.yamlio import did_you_mean
from ..statelaw.codes import STATES
from .questions import Question


def parse_answer(q: Question, raw: str) -> tuple[Any, str | None]:
    """Turn what the user typed into an answer; return ``(value, problem)``.

    An empty answer takes the question's default. ``problem`` is a short sentence saying
    what is allowed, shown before the question is asked again.
    """
    text = raw.strip()
    if not text:
        if q.default is None:
            return None, "an answer is required here"
        return q.default, None
    if q.kind in ("text", "state"):
        problem = check_text(text, q.max_length)
        if q.kind == "state":
            problem = problem or state_problem(text)
        problem = problem or (q.validate(text) if q.validate else None)
        if problem:
            return None, problem
        return (state_code(text) if q.kind == "state" else text), None
    if q.kind == "bool":
        low = text.lower()
        if low in ("y", "yes", "true", "1"):
            return True, None
        if low in ("n", "no", "false", "0"):
            return False, None
        return None, "answer y (yes) or n (no)"
    if q.kind == "int":
        try:
            value = int(text)
        except ValueError:
            return None, f"'{text}' is not a whole number; enter one, e.g. {q.default}"
        if q.minimum is not None and value < q.minimum:
            return None, f"enter a number of at least {q.minimum}"
        if q.maximum is not None and value > q.maximum:
            return None, f"enter a number of at most {q.maximum}"
        return value, None
    ids = q.option_ids
    if q.kind == "choice":
        return pick_one(text, ids)
    default = q.default if isinstance(q.default, list) else []
    picked, added, problem = _pick_many(text, ids, default)
    if problem or q.kind != "part":
        return picked, problem
    if added:
        # "+3" on a version of a provision already chosen switches to that version.
        groups = {o.id: o.group for o in q.options}
        switched = {groups[a] for a in added}
        picked = [p for p in picked if p in added or groups[p] not in switched]
    return picked, group_problem(q, picked)


def pick_one(text: str, ids: list[str]) -> tuple[Any, str | None]:
    """One of ``ids``, typed as its number or its id (in any case)."""
    if text.isdigit() and 1 <= int(text) <= len(ids):
        return ids[int(text) - 1], None
    low = {i.lower(): i for i in ids}
    if text.lower() in low:
        return low[text.lower()], None
    numbers = "1" if len(ids) == 1 else f"a number from 1 to {len(ids)}"
    return None, (
        f"'{text}' is not one of the choices.{did_you_mean(text, ids)} Type {numbers}, or a "
        "choice's id"
    )


def _pick_many(text: str, ids: list[str], default: list[str]) -> tuple[Any, list[str], str | None]:
    """The options picked, those a relative answer ("+2 -1") added, and any problem."""
    low = text.lower()
    if low in ("none", "-"):
        return [], [], None
    if low == "all":
        return list(ids), [], None
    tokens = text.replace(",", " ").split()
    # "+4 -2" changes the default selection instead of replacing it.
    relative = all(t[0] in "+-" and len(t) > 1 for t in tokens)
    chosen: list[str] = list(default) if relative else []
    added: list[str] = []
    for token in tokens:
        sign = token[0] if relative else "+"
        body = token[1:] if relative else token
        items, problem = _expand(body, ids)
        if problem:
            return None, [], problem
        for item in items:
            if sign == "+" and item not in chosen:
                chosen.append(item)
            elif sign == "-" and item in chosen:
                chosen.remove(item)
            if relative and sign == "+" and item not in added:
                added.append(item)
            elif sign == "-" and item in added:
                added.remove(item)
    return [i for i in ids if i in chosen], added, None


def _expand(token: str, ids: list[str]) -> tuple[list[str], str | None]:
    if "-" in token and all(p.isdigit() for p in token.split("-", 1)):
        lo, hi = (int(p) for p in token.split("-", 1))
        if not (1 <= lo <= hi <= len(ids)):
            return [], f"'{token}' is not a range within 1-{len(ids)}"
        return ids[lo - 1 : hi], None
    value, problem = pick_one(token, ids)
    return ([value] if value else []), problem


def group_problem(q: Question, picked: list[str]) -> str | None:
    """A part question allows one version of each provision, and needs one of a required one."""
    numbers = {o.id: str(n) for n, o in enumerate(q.options, 1)}
    by_group: dict[str, list[str]] = {}
    for oid in picked:
        group = next(o.group for o in q.options if o.id == oid)
        by_group.setdefault(group, []).append(oid)
    for group, oids in by_group.items():
        if len(oids) > 1:
            return (
                f"{', '.join(numbers[o] for o in oids)} are versions of the same provision "
                f"({q.group_titles.get(group, group)}); choose one of them"
            )
    for group in q.required_groups:
        if group not in by_group:
            choices = [numbers[o.id] for o in q.options if o.group == group]
            return (
                f"{q.group_titles.get(group, group)} is always included; choose one of its "
                f"versions ({' or '.join(choices)})"
            )
    return None


# -- states ----------------------------------------------------------------------------


def state_code(value: str) -> str:
    """A state's two-letter code, from its code or its name (unknown text upper-cased)."""
    text = value.strip()
    names = {v.lower(): k for k, v in STATES.items()}
    return names.get(text.lower(), text.upper())


def state_problem(value: str) -> str | None:
    """What is wrong with a state typed as ``value``, or ``None``."""
    text = value.strip()
    if state_code(text) in STATES:
        return None
    hint = did_you_mean(text.upper(), STATES) or did_you_mean(text.title(), list(STATES.values()))
    return f"'{text}' is not a US state.{hint} Type a two-letter code such as MN, or the name"
