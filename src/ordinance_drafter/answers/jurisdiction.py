"""The jurisdiction a draft is for, and the words that follow from it.

Templates never spell out "City" or "County", "City Council" or "County Board": they use
the vocabulary here (``jur.the``, ``jur.Kind``, ``jur.body`` ...), so one clause text
serves a city and a county. The formal parts (enacting clause, signature block) come from
``forms.yaml`` in the clause library, matched on state, kind and type of city or county.

Who carries out the ordinance follows from the form of government (``governments.yaml``):
an officer (``jur.the_executive`` is ``the City Manager``), or the governing body itself,
when duties go to ``the City Council or the administering officer`` (a defined term: the
officer the council designates). No template names an office such as "Mayor" itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..statelaw.codes import STATES

JAIL_CHOICES: dict[str, dict[str, str]] = {
    "city": {
        "none": "The city runs no jail; people arrested go to the county jail.",
        "city": "The city runs its own jail or holding facility.",
    },
    "county": {
        "sheriff": "The elected sheriff runs the county jail.",
        "county": "A county department under the board runs the jail.",
        "none": "The county has no jail of its own.",
    },
}


def default_attorney(kind: str) -> str:
    """The name of the jurisdiction's attorney when the answers give none."""
    return "City Attorney" if kind == "city" else "County Attorney"


def default_jail(kind: str) -> str:
    """Who runs the jail when the answers do not say: none for a city, the sheriff for a county."""
    return "none" if kind == "city" else "sheriff"


def base_name(name: str, kind: str) -> str:
    """Strip a leading "City of" or a trailing "County" the user may have typed."""
    name = " ".join(name.split())
    if kind == "city":
        name = re.sub(r"^(the\s+)?city\s+of\s+", "", name, flags=re.IGNORECASE)
    else:
        name = re.sub(r"\s+county$", "", name, flags=re.IGNORECASE)
    return name or "____"


@dataclass(frozen=True)
class Jurisdiction:
    """A city or county and the vocabulary its ordinance uses.

    Attributes:
        name: The jurisdiction's name without "City of" or "County", e.g. ``Minneapolis``.
        kind: ``city`` or ``county``.
        state: The two-letter state code.
        city_type: The type of city where the state has types (Minnesota: ``statutory`` or
            ``charter``; Texas: ``home_rule`` or ``general_law``); else empty.
        jail: Who runs the jail: ``none``, ``city``, ``county`` or ``sheriff``.
        body: The governing body, e.g. ``City Council`` or ``County Board``.
        executive: The officer who carries out the ordinance, e.g. ``City Manager``; empty
            where the governing body itself administers and names no officer.
        police: The local law enforcement agency, e.g. ``Police Department``.
        attorney: The jurisdiction's attorney, e.g. ``City Attorney`` or ``County Attorney``
            (empty: that default). The one name the text gives that office.
        county_type: The type of county where the state has types (Minnesota: ``statutory``
            or ``charter``); else empty.
        government: The form of government's id, e.g. ``plan_b`` (``governments.yaml``).
        government_label: Its label, e.g. ``Minnesota statutory city, Optional Plan B``.
        public_defense: Who provides public defenders in the state: ``state``, ``local``,
            ``mixed`` or empty (not recorded).
    """

    name: str
    kind: str
    state: str
    city_type: str
    jail: str
    body: str
    executive: str
    police: str
    attorney: str = ""
    county_type: str = ""
    government: str = ""
    government_label: str = ""
    public_defense: str = ""

    def __post_init__(self) -> None:
        if not self.attorney:
            object.__setattr__(self, "attorney", default_attorney(self.kind))

    # -- names ------------------------------------------------------------------
    @property
    def state_name(self) -> str:
        """The state's full name."""
        return STATES.get(self.state, self.state)

    @property
    def Kind(self) -> str:
        """``City`` or ``County``."""
        return self.kind.capitalize()

    @property
    def full_name(self) -> str:
        """``City of Minneapolis`` or ``Hennepin County``."""
        return f"City of {self.name}" if self.kind == "city" else f"{self.name} County"

    @property
    def the(self) -> str:
        """``the City`` or ``the County`` (the defined short name)."""
        return f"the {self.Kind}"

    @property
    def The(self) -> str:
        """``The City`` or ``The County``."""
        return f"The {self.Kind}"

    @property
    def the_body(self) -> str:
        """``the City Council`` or ``the County Board``."""
        return f"the {self.body}"

    @property
    def the_executive(self) -> str:
        """Who carries out the ordinance: ``the City Manager``, or where the governing body
        administers, ``the City Council or the administering officer`` (the defined term for
        the one officer the body designates)."""
        if self.executive:
            return f"the {self.executive}"
        return f"the {self.body} or the administering officer"

    @property
    def The_executive(self) -> str:
        """:attr:`the_executive` at the start of a sentence."""
        return _capital(self.the_executive)

    @property
    def officer(self) -> str:
        """The title of the one officer who acts for the jurisdiction, without its article:
        ``City Manager``, or ``administering officer`` where the governing body administers."""
        return self.executive or "administering officer"

    @property
    def the_officer(self) -> str:
        """The one officer who acts for the jurisdiction where a single officer must, such as
        reporting to the governing body: ``the City Manager``, or ``the administering
        officer`` (defined as the officer the governing body designates)."""
        return f"the {self.officer}"

    @property
    def The_officer(self) -> str:
        """:attr:`the_officer` at the start of a sentence."""
        return _capital(self.the_officer)

    @property
    def body_administers(self) -> bool:
        """Whether the governing body itself administers (no administering officer named)."""
        return not self.executive

    @property
    def the_police(self) -> str:
        """The local law enforcement agency with its article."""
        return f"the {self.police}"

    @property
    def the_attorney(self) -> str:
        """``the City Attorney`` or ``the County Attorney``."""
        return f"the {self.attorney}"

    # -- jail -------------------------------------------------------------------
    @property
    def has_jail(self) -> bool:
        """Whether the jurisdiction (or its sheriff) runs a jail."""
        return self.jail != "none"

    @property
    def sheriff_jail(self) -> bool:
        """Whether the jail is run by an elected sheriff the board cannot bind by ordinance."""
        return self.jail == "sheriff"

    @property
    def sheriff_police(self) -> bool:
        """Whether a county's law enforcement agency is the elected sheriff's office."""
        return self.kind == "county" and "sheriff" in self.police.lower()

    @property
    def sheriff_office(self) -> bool:
        """Whether the ordinance reaches an elected sheriff's office the board cannot bind.

        True for a county whose sheriff runs the jail or is its law enforcement agency:
        provisions then get the treatment their ``sheriff:`` field names (see
        ``docs/clause-format.md``).
        """
        return self.kind == "county" and (self.sheriff_jail or self.sheriff_police)

    @property
    def sheriff_office_name(self) -> str:
        """The sheriff's office as the draft names it: ``Office of the Sheriff``."""
        return self.police if self.sheriff_police else "Office of the Sheriff"

    @property
    def jail_operator(self) -> str:
        """Who runs the jail: ``the Sheriff``, ``the County`` or ``the City``."""
        return {"sheriff": "the Sheriff", "county": "the County", "city": "the City"}.get(
            self.jail, "no one"
        )

    @property
    def is_minnesota(self) -> bool:
        """Whether the jurisdiction is in Minnesota (the first-class default)."""
        return self.state == "MN"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
