"""What the interview asks: a question, the options it offers, and where its answer goes.

A :class:`Question` is built from the clause library's data (``questions.yaml`` and each
provision's ``variables``) by :mod:`.compose`; nothing here reads a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..library.values import MAX_TEXT

#: State-law severities the interview treats as warnings (the rest is context).
SERIOUS = ("forbidden", "limited")


@dataclass(frozen=True)
class Option:
    """One answer a choice, multiselect or part question offers.

    Attributes:
        id: What the answer stores (a choice id, or ``provision`` / ``provision:variant``).
        label: A short name.
        summary: What choosing it does, in one line.
        group: For part questions: the provision the option includes.
        flags: State-law flags on it (objects with ``severity``, ``message``, ``citations``
            and, from the state-law layer, ``scope`` and ``as_of``).
        warning: A warning line of its own (e.g. what state law says about a preset).
        help: What ``?N`` shows for this option, if more than its label and summary.
    """

    id: str
    label: str
    summary: str = ""
    group: str = ""
    flags: tuple[Any, ...] = ()
    warning: str = ""
    help: str = ""


@dataclass
class Question:
    """One prompt of the interview.

    Attributes:
        key: Where the answer goes in the answers data, as a path of keys. Keys that start
            with ``_`` are the interview's own bookkeeping (``_part``, ``_details``...).
        prompt: The question.
        help: A short help line shown under it.
        kind: ``text``, ``state``, ``choice``, ``bool``, ``int``, ``multiselect`` or
            ``part`` (a multiselect of provisions and their versions, at most one version
            each).
        options: For choice, multiselect and part questions, the answers offered.
        default: The default answer (in answers-data form).
        validate: Returns a problem with a text answer, or ``None``.
        topic: A provision id; ``?`` shows its note.
        minimum: The smallest allowed value of an ``int`` question.
        maximum: The largest allowed value of an ``int`` question.
        max_length: The longest allowed text answer.
        label: A short name for the review table.
        heading: A line shown above the question (the part of the ordinance it opens).
        lines: Extra lines shown under the help (e.g. the current details of a part).
        more: What ``?`` shows when the question is not about one provision.
        required_groups: For part questions: provisions that need exactly one version.
        group_titles: For part questions: the title of each provision.
        ask: ``False`` for questions shown only in the review table, where they can be
            changed; they are not asked on the way through.
        group: The section of the review table the question is listed in.
    """

    key: tuple[str, ...]
    prompt: str
    help: str = ""
    kind: str = "text"
    options: list[Option] = field(default_factory=list)
    default: Any = None
    validate: Callable[[str], str | None] | None = None
    topic: str = ""
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = MAX_TEXT
    label: str = ""
    heading: str = ""
    lines: tuple[str, ...] = ()
    more: str = ""
    required_groups: tuple[str, ...] = ()
    group_titles: dict[str, str] = field(default_factory=dict)
    ask: bool = True
    group: str = ""

    @property
    def option_ids(self) -> list[str]:
        """The ids of the options, in order."""
        return [o.id for o in self.options]


class Back(Exception):
    """The user asked to go back one question."""


# -- reading answers -----------------------------------------------------------------


def get_path(data: dict[str, Any], key: tuple[str, ...], default: Any = None) -> Any:
    """Read ``data[key[0]][key[1]]...``; ``default`` if any part is missing."""
    node: Any = data
    for part in key:
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return node


def set_path(data: dict[str, Any], key: tuple[str, ...], value: Any) -> None:
    """Set ``data[key[0]][key[1]]... = value``, creating mappings as needed."""
    node = data
    for part in key[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[key[-1]] = value


# -- state-law flags -----------------------------------------------------------------


def is_federal(flag: Any) -> bool:
    """Whether a flag is federal context (shown in full only on ``?``) rather than state law."""
    return getattr(flag, "scope", "state") == "federal"


def is_serious(flag: Any) -> bool:
    """Whether a flag is a state-law warning that state law forbids or limits a provision."""
    return getattr(flag, "severity", "") in SERIOUS and not is_federal(flag)


def flag_key(flag: Any) -> tuple[str, str]:
    """What makes two flags the same (their severity and message)."""
    return (str(getattr(flag, "severity", "")), str(getattr(flag, "message", "")))
