"""What a draft, the terminal and ``check`` say about a state's law as a whole.

A city attorney in a forbidding state must see, before anything else, what the state's law
forbids, that adopting the ordinance may itself be the violation, and which penalties reach
the city and which reach its officials personally. :func:`state_law_summary` gathers that
from a state file for one jurisdiction; every output format lays it out the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .schema import StateSpec, who_label

#: How each status reads on its own (``states``, ``check``, the documents).
STATUS_NAMES: dict[str, str] = {
    "prohibits": "prohibits or restricts local separation policies",
    "statewide_separation": "limits state and local participation in immigration enforcement",
    "none_known": "no state statute either way was found",
}


def status_label(entry: StateSpec) -> str:
    """The state's status in words, with its strength, e.g. ``limits state and local
    participation in immigration enforcement (partial; no comprehensive statute)``."""
    label = STATUS_NAMES[entry.status]
    if entry.strength:
        # "partial (no comprehensive statute)" reads "partial; no comprehensive statute".
        strength = entry.strength.replace(" (", "; ").replace("(", "").replace(")", "")
        label += f" ({strength})"
    return label


@dataclass(frozen=True)
class Penalty:
    """One penalty as printed: what it is, whom it reaches, the law, how well confirmed."""

    text: str
    who: tuple[str, ...]
    citations: tuple[str, ...] = ()
    status: str = "verified"
    kind: str | None = None  # the kind of jurisdiction the draft is for, if known

    @property
    def whom(self) -> list[str]:
        """Whom it reaches, in words."""
        return [who_label(w, self.kind) for w in self.who]

    @property
    def line(self) -> str:
        """The penalty as one sentence-like line."""
        whom = " and ".join(self.whom)
        cites = f" ({'; '.join(self.citations)})" if self.citations else ""
        mark = "" if self.status == "verified" else f" [{self.status}: check before relying]"
        return f"{self.text[:1].upper()}{self.text[1:]}{cites}. Reaches {whom}.{mark}"


@dataclass(frozen=True)
class StateLawSummary:
    """What the documents say first about the state's law.

    Attributes:
        code: The state's code.
        name: The state's name.
        status: The status in words (see :func:`status_label`).
        as_of: When the state file was last checked (ISO date).
        confidence: ``high``, ``medium`` or ``low``.
        forbidding: Whether the state's law forbids or limits provisions of this draft.
        text: One paragraph on the state's law (the file's notice, else its summary).
        adoption: How the prohibition reaches the act of adopting the ordinance, if known.
        adoption_citations: The law behind ``adoption``.
        penalties: The penalties, each with whom it reaches.
        warnings: How many of this draft's parts state law forbids or limits.
        unconfirmed: What the state data could not confirm.
    """

    code: str
    name: str
    status: str
    as_of: str
    confidence: str
    forbidding: bool
    text: str
    adoption: str = ""
    adoption_citations: tuple[str, ...] = ()
    penalties: tuple[Penalty, ...] = ()
    warnings: int = 0
    unconfirmed: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """E.g. ``Texas law (state-law data as of 2026-12-01; confidence high)``."""
        return f"{self.name} law (state-law data as of {self.as_of}; confidence {self.confidence})"

    @property
    def lead(self) -> str:
        """The first line: how much of the draft state law forbids or limits."""
        if self.warnings:
            part = "part" if self.warnings == 1 else "parts"
            return (
                f"{self.name} law forbids or limits {self.warnings} {part} of this draft; "
                "the warnings below name each one."
            )
        if self.forbidding:
            return (
                f"{self.name} law forbids or limits some separation provisions; none of them "
                "is in this draft as written."
            )
        return f"{self.name}: {self.status}."

    def adoption_with_law(self, lead_only: bool = False) -> str:
        """How the prohibition reaches adopting the ordinance, with the law behind it;
        ``lead_only``: its lead alone ("Adopting such a policy is itself the violation.")."""
        text = self.adoption.split(": ")[0].rstrip(".") + "." if lead_only else self.adoption
        cites = f" ({'; '.join(self.adoption_citations)})" if self.adoption_citations else ""
        return text + cites

    def lines(self) -> list[str]:
        """Every line of the summary, in order, as plain text."""
        out = [self.lead, self.text]
        if self.adoption:
            out.append(f"Adoption: {self.adoption_with_law()}")
        if self.penalties:
            out.append("Penalties:")
            out += [f"- {p.line}" for p in self.penalties]
        return out


def state_law_summary(
    entry: StateSpec, warnings: int = 0, kind: str | None = None
) -> StateLawSummary:
    """The summary of ``entry`` for a draft with ``warnings`` forbidden or limited parts;
    for a ``kind`` of jurisdiction, only the penalties that can reach it."""
    text = " ".join((entry.notice or entry.summary).split())
    return StateLawSummary(
        code=entry.code,
        name=entry.name,
        status=status_label(entry),
        as_of=entry.as_of,
        confidence=entry.confidence,
        forbidding=entry.forbidding,
        text=text,
        adoption=" ".join(entry.adoption.text.split()) if entry.adoption else "",
        adoption_citations=entry.adoption.citations if entry.adoption else (),
        penalties=tuple(
            Penalty(" ".join(p.text.split()), p.who, p.citations, p.status, kind)
            for p in entry.penalties
            if kind is None or not p.kinds or kind in p.kinds
        ),
        warnings=warnings,
        unconfirmed=entry.unconfirmed,
    )


def stale_states(
    entries: dict[str, StateSpec], days: int, today: dt.date | None = None
) -> list[tuple[StateSpec, int]]:
    """The state files not checked within ``days`` days, oldest first, with their age."""
    today = today or dt.date.today()
    aged = [(e, (today - dt.date.fromisoformat(e.as_of)).days) for e in entries.values()]
    return sorted(((e, age) for e, age in aged if age > days), key=lambda t: (-t[1], t[0].code))
