"""The records the state-law layer is validated into."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["forbidden", "limited", "restates", "info"]


Status = Literal["prohibits", "statewide_separation", "none_known"]


Confidence = Literal["high", "medium", "low"]


SourceStatus = Literal["verified", "described", "unconfirmed"]


PublicDefense = Literal["state", "local", "mixed"]


#: How each severity reads, strongest first.
SEVERITIES: dict[str, str] = {
    "forbidden": "state law likely forbids this provision",
    "limited": "state law limits this provision",
    "restates": "state law already requires this; the local provision restates it",
    "info": "state-law context for this provision",
}


STATUS_LABELS: dict[str, str] = {
    "prohibits": "state law prohibits or restricts local separation policies",
    "statewide_separation": "state law itself limits participation in immigration enforcement",
    "none_known": "no state statute either way was found",
}


class _Strict(BaseModel):
    """A state-law record: frozen, unknown keys are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _iso_date(value: Any) -> str:
    """Accept a YAML date or an ISO date string; keep it as an ISO string."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    return text


class CheckSpec(_Strict):
    """A record of one fact checked against a source for this entry.

    Attributes:
        cite: The citation checked, e.g. ``Tex. Gov't Code § 752.053(a)``.
        finding: What the source showed, in a few words.
        url: Where it was read.
        status: ``verified`` (the text or an official page was read), ``described`` (only a
            secondary source says it) or ``unconfirmed``.
    """

    cite: str = Field(min_length=3)
    finding: str = ""
    url: str = ""
    status: SourceStatus = "verified"


class ProvisionFlagSpec(_Strict):
    """What a state's law means for one provision.

    Attributes:
        severity: ``forbidden``, ``limited``, ``restates`` or ``info``.
        message: What the user must know, in our own words.
        citations: The law behind it, with pinpoint citations.
        kinds: Only for these kinds of jurisdiction (empty: both).
        variants: Only for these variants of the provision (empty: all).
    """

    severity: Severity
    message: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    kinds: tuple[Literal["city", "county"], ...] = ()
    variants: tuple[str, ...] = ()


class StateSpec(_Strict):
    """One state's entry (``states/<CODE>.yaml``).

    Attributes:
        public_defense: Who provides public defenders: ``state`` (a state agency; cities and
            counties do not pay them, so a draft leaves out the sentence about defense counsel
            the jurisdiction pays), ``local`` or ``mixed``; omitted where not researched.
    """

    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    status: Status
    strength: str | None = None
    summary: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    forbids: tuple[str, ...] = ()
    penalties: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    as_of: str
    confidence: Confidence
    caution_flag: bool = False
    public_defense: PublicDefense | None = None
    unconfirmed: tuple[str, ...] = ()
    checked: tuple[CheckSpec, ...] = ()
    notice: str = ""
    provisions: dict[str, tuple[ProvisionFlagSpec, ...]] = Field(default_factory=dict)

    _as_of = field_validator("as_of", mode="before")(_iso_date)

    @field_validator("provisions", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        """A provision takes one flag (a mapping) or several (a list, e.g. by kind)."""
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, dict) else v for k, v in value.items()}
        return value

    def flag_specs(self) -> list[tuple[str, ProvisionFlagSpec]]:
        """Every (provision id, flag) pair of this state."""
        return [(pid, spec) for pid, specs in self.provisions.items() for spec in specs]

    @model_validator(mode="after")
    def _consistent(self) -> StateSpec:
        if self.status == "prohibits" and not self.citations:
            raise ValueError("a state whose status is 'prohibits' needs its 'citations'")
        return self


class FederalItemSpec(_Strict):
    """A federal statute, order or case that bears on some provisions (``federal.yaml``).

    Attributes:
        id: A short id.
        title: What it is, e.g. ``8 U.S.C. §§ 1373 and 1644``.
        as_of: The date the status of this item was last checked.
        status: How well it is confirmed (see :class:`CheckSpec`).
        summary: What it provides or held, in our own words.
        citations: Pinpoint citations.
        sources: Where it was read.
        note: The default message shown in a provision's note.
        provisions: Provision ids it bears on, each with its own message or ``null`` for
            the default ``note``.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    as_of: str
    status: SourceStatus = "verified"
    summary: str = Field(min_length=20)
    citations: tuple[str, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ()
    note: str = ""
    provisions: dict[str, str | None] = Field(min_length=1)

    _as_of = field_validator("as_of", mode="before")(_iso_date)

    @model_validator(mode="after")
    def _messages(self) -> FederalItemSpec:
        missing = [pid for pid, msg in self.provisions.items() if not msg and not self.note]
        if missing:
            raise ValueError(
                f"provisions {', '.join(missing)} have no message and the item has no 'note'"
            )
        return self

    def message(self, pid: str) -> str:
        """The message shown for provision ``pid``."""
        return " ".join((self.provisions.get(pid) or self.note).split())


class FederalFile(_Strict):
    """``federal.yaml``."""

    as_of: str
    items: tuple[FederalItemSpec, ...]

    _as_of = field_validator("as_of", mode="before")(_iso_date)


class StatesIndex(_Strict):
    """``states/_index.yaml``: the dataset's date, method and the fixed provision ids."""

    as_of: str
    description: str = ""
    known_provisions: tuple[str, ...] = Field(min_length=1)

    _as_of = field_validator("as_of", mode="before")(_iso_date)
