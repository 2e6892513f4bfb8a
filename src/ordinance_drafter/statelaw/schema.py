"""The records the state-law layer is validated into."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..library.schema import ConfirmationSpec, SourceStatus, iso_date

Severity = Literal["forbidden", "limited", "restates", "info"]


Status = Literal["prohibits", "statewide_separation", "none_known"]


Confidence = Literal["high", "medium", "low"]


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


_iso_date = iso_date


class CheckSpec(ConfirmationSpec):
    """One citation of this file and how it was confirmed (the file's table of authorities).

    Every citation the file makes (in ``citations``, ``penalties``, ``adoption``, ``facts``,
    ``lawful`` and the provision flags) must begin with the ``cite`` of one of these
    entries (``Tex. Gov't Code § 752.053(a)`` confirms ``Tex. Gov't Code § 752.053(a)(1),
    (b)(3)``), so that every citation a draft prints has its confirmation next to it.

    Attributes:
        cite: The citation checked, e.g. ``Tex. Gov't Code § 752.053(a)``.
        finding: What the source showed, in a few words; for an ``unconfirmed`` entry, what
            was tried.
    """

    cite: str = Field(min_length=3)
    finding: str = ""

    def covers(self, citation: str) -> bool:
        """Whether this entry confirms ``citation`` (it begins with this entry's cite)."""
        return covers(self.cite, citation)


_RANGE_RE = re.compile(r"^(.*?)\([^()]+\)(?:\([^()]+\))*-\([^()]+\)$")
_SECTIONS_RE = re.compile(r"^(.*?)§§ (.+)$")


def sections(citation: str) -> list[str]:
    """A citation of several sections as one citation per section.

    ``Fla. Stat. §§ 908.103, 908.105`` is ``Fla. Stat. § 908.103`` and ``Fla. Stat. §
    908.105``; a range (``§§ 7-68-101 to 7-68-105``) or any other citation is itself.
    """
    text = " ".join(citation.split())
    match = _SECTIONS_RE.match(text)
    if not match or " to " in match.group(2):
        return [text]
    code, rest = match.groups()
    listed = re.split(r" \(|: ", rest, maxsplit=1)[0]
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", listed) if p.strip()]
    return [f"{code}§ {p}" for p in parts] if len(parts) > 1 else [text]


def covers(cite: str, citation: str) -> bool:
    """Whether the ``checked`` entry ``cite`` confirms ``citation``.

    It does when ``citation`` begins with ``cite`` at a word or subsection boundary
    (``§ 752.053(a)`` confirms ``§ 752.053(a)(1)``), and when ``cite`` names a range of
    subsections (``§ 7-68-105(a)-(c)``) and ``citation`` one subsection of that section.
    A citation of several sections (``§§ 908.103, 908.105``) needs each of them confirmed.
    """
    cite = " ".join(cite.split())
    parts = sections(citation)
    if len(parts) > 1:
        return all(covers(cite, p) for p in parts)
    text = parts[0]
    if text.startswith(cite):
        rest = text[len(cite) :]
        return not rest or rest[0] in " (,;" or not (rest[0].isalnum() or rest[0] in ".-")
    ranged = _RANGE_RE.match(cite)
    return bool(ranged and text.startswith(ranged.group(1) + "("))


class SourceRef(_Strict):
    """A page read for this file: its address, what it is, and when it was read.

    Attributes:
        url: The address.
        read: Its title or the site and document; empty when the address says it.
        checked: The date it was read.
    """

    url: str = Field(min_length=8)
    read: str = ""
    checked: str

    _checked = field_validator("checked", mode="before")(_iso_date)


Who = Literal["entity", "officials", "jail_heads", "sheriffs", "employees"]


#: What each kind of person a penalty reaches is called in the documents.
WHO_LABELS: dict[str, str] = {
    "entity": "the city or county itself",
    "officials": "its elected and appointed officials personally",
    "jail_heads": "the sheriff, police chief or other person who runs a jail, personally",
    "sheriffs": "the county sheriff personally",
    "employees": "its employees personally",
}


def who_label(who: str, kind: str | None = None) -> str:
    """Whom a penalty reaches, in words; for a ``kind`` of jurisdiction, "the city itself"
    or "the county itself" rather than "the city or county itself"."""
    if who == "entity" and kind in ("city", "county"):
        return f"the {kind} itself"
    return WHO_LABELS[who]


class PenaltySpec(_Strict):
    """One consequence of breaking the state's law, and whom it reaches.

    Attributes:
        text: What it is, in our own words.
        who: Whom it reaches: ``entity`` (the city or county: funds, suits, fines),
            ``officials`` (its officers personally: removal, prosecution), ``jail_heads``
            (whoever runs a jail), ``sheriffs`` (the county sheriff only) or ``employees``.
        citations: The law behind it.
        kinds: Only for these kinds of jurisdiction (empty: both), e.g. ``[county]`` for a
            duty of county sheriffs, which a city's draft does not print.
        status: How well the penalty itself is confirmed (``verified``, ``described`` or
            ``unconfirmed``); anything but ``verified`` prints with a warning.
    """

    text: str = Field(min_length=5)
    who: tuple[Who, ...] = ("entity",)
    citations: tuple[str, ...] = ()
    status: SourceStatus = "verified"
    kinds: tuple[Literal["city", "county"], ...] = ()


class AdoptionSpec(_Strict):
    """How the state's prohibition reaches the act of adopting the ordinance itself.

    Attributes:
        text: In our own words, e.g. that adopting such a policy is itself the violation.
        citations: The law behind it.
    """

    text: str = Field(min_length=20)
    citations: tuple[str, ...] = Field(min_length=1)


class FactSpec(_Strict):
    """A fact of this state's law that clause text can be worded for (``state.has(...)``).

    The facts a library knows are listed, with what each means and the statements it
    contradicts, in ``states/_index.yaml``.

    Attributes:
        citations: The law that makes it true here.
        note: How it holds here, in a few words.
    """

    citations: tuple[str, ...] = Field(min_length=1)
    note: str = ""


class LawfulSpec(_Strict):
    """Why a provision is lawful in this state: what the ``state-compliant`` preset keeps.

    Attributes:
        why: Why the provision, in the wording chosen here, is lawful under this state's law.
        citations: The state law it rests on.
        variant: The variant to use (empty: the provision's default).
        values: Values for its variables (e.g. to leave out a sentence the state forbids).
        confidence: How sure the research is.
    """

    why: str = Field(min_length=20)
    citations: tuple[str, ...] = Field(min_length=1)
    variant: str = ""
    values: dict[str, Any] = Field(default_factory=dict)
    confidence: Confidence = "medium"


Jail = Literal["none", "city", "county", "sheriff"]


class ProvisionFlagSpec(_Strict):
    """What a state's law means for one provision, or for one sentence of it.

    Attributes:
        severity: ``forbidden``, ``limited``, ``restates`` or ``info``.
        message: What the user must know, in our own words.
        citations: The law behind it, with pinpoint citations.
        kinds: Only for these kinds of jurisdiction (empty: both).
        jails: Only where the jail is run this way (``none``, ``city``, ``county``,
            ``sheriff``; empty: any).
        variants: Only for these variants of the provision (empty: all).
        anchor: Only for the item the provision's text names with ``anchor('...')``; the
            flag then concerns that subsection and applies only when the draft has it.
        quote: Only when that item (or, without ``anchor``, the provision) contains these
            words: the flag concerns the sentence that holds them, and applies only when the
            draft's text still says them.
        fix: Values of the provision's variables that leave the flagged sentence out; the
            state-compliant preset sets them instead of dropping the provision.
    """

    severity: Severity
    message: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    kinds: tuple[Literal["city", "county"], ...] = ()
    jails: tuple[Jail, ...] = ()
    variants: tuple[str, ...] = ()
    anchor: str = Field(default="", pattern=r"^([a-z][a-z0-9_]*)?$")
    quote: str = ""
    fix: dict[str, Any] = Field(default_factory=dict)


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
    adoption: AdoptionSpec | None = None
    penalties: tuple[PenaltySpec, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    as_of: str
    confidence: Confidence
    caution_flag: bool = False
    public_defense: PublicDefense | None = None
    unconfirmed: tuple[str, ...] = ()
    checked: tuple[CheckSpec, ...] = ()
    notice: str = ""
    facts: dict[str, FactSpec] = Field(default_factory=dict)
    lawful: dict[str, LawfulSpec] = Field(default_factory=dict)
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

    @property
    def forbidding(self) -> bool:
        """Whether the state's law forbids or limits some provisions (a forbidding state)."""
        return any(f.severity in ("forbidden", "limited") for _p, f in self.flag_specs())

    def all_citations(self) -> list[tuple[str, str]]:
        """Every citation the file makes, with the field that makes it."""
        out = [("citations", c) for c in self.citations]
        if self.adoption:
            out += [("adoption.citations", c) for c in self.adoption.citations]
        for i, pen in enumerate(self.penalties):
            out += [(f"penalties[{i}].citations", c) for c in pen.citations]
        for fid, fact in self.facts.items():
            out += [(f"facts.{fid}.citations", c) for c in fact.citations]
        for pid, law in self.lawful.items():
            out += [(f"lawful.{pid}.citations", c) for c in law.citations]
        for pid, flag in self.flag_specs():
            out += [(f"provisions.{pid}.citations", c) for c in flag.citations]
        return out

    def confirmation(self, citation: str) -> CheckSpec | None:
        """The ``checked`` entry that confirms ``citation``, or ``None``.

        For a citation of several sections, the least confirmed of their entries (so a
        ``described`` section makes the whole citation ``described``).
        """
        parts = sections(citation)
        if len(parts) > 1:
            found = [self.confirmation(p) for p in parts]
            if any(f is None for f in found) or not found:
                return None
            order = ("unconfirmed", "described", "verified")
            return min(found, key=lambda c: order.index(c.status) if c else 0)
        matches = [c for c in self.checked if c.covers(citation)]
        return max(matches, key=lambda c: len(c.cite)) if matches else None

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
    sources: tuple[SourceRef, ...] = Field(min_length=1)
    note: str = ""
    provisions: dict[str, str | None] = Field(min_length=1)
    kinds: tuple[Literal["city", "county"], ...] = ()

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


class FactDefinition(_Strict):
    """A fact of state law that clause text can depend on (``states/_index.yaml``).

    Attributes:
        means: What it means where it holds.
        contradicts: Words a draft must not say where it holds (findings are checked
            against them), e.g. ``may decline it`` where detainers must be honored.
    """

    means: str = Field(min_length=20)
    contradicts: tuple[str, ...] = ()


class StatesIndex(_Strict):
    """``states/_index.yaml``: the dataset's date, method, fixed provision ids and facts."""

    as_of: str
    description: str = ""
    known_provisions: tuple[str, ...] = Field(min_length=1)
    facts: dict[str, FactDefinition] = Field(default_factory=dict)

    _as_of = field_validator("as_of", mode="before")(_iso_date)
