"""Which state's law a citation is, read from its form (lint uses it to ask whose law it is).

A citation is taken to be a state's own law (statute, session law, bill, constitution,
court decision or Attorney General opinion) when it has one of the forms The Bluebook
gives that state: it begins with the state's abbreviation (``Minn. Stat. § 13.824``,
``Tex. Gov't Code § 752.053``, ``N.J. Attorney General Directive 2018-6``); it is a
session law (``2023 Minn. Laws ch. 13``); it names a state reporter (``477 Mass. 517``,
``279 Or. App. 1``) or a public-domain citation (``2020 MT 69``); its court-and-date
parenthetical begins with the state (``(Minn. 1941)``, ``(Ind. Ct. App. 2022)``, but not
``(D. Minn. 2017)`` or ``(N.D. Ill. 2020)``, which are federal courts); it uses a state's own
code name (``5 ILCS 805/5``, ``O.C.G.A.``); or it begins with the state's name and names a
law (``Illinois Way Forward Act``, ``Minnesota Attorney General opinion ...``). A city's
code (``Berwyn, Ill., Code § 620.24``), a federal case and a news report are none of these.
"""

from __future__ import annotations

import re
from functools import cache

from .codes import STATES

#: The Bluebook's abbreviation of each state, as citations of its law begin.
ABBREVIATIONS: dict[str, str] = {
    "AL": "Ala.", "AK": "Alaska", "AZ": "Ariz.", "AR": "Ark.", "CA": "Cal.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "HI": "Haw.",
    "ID": "Idaho", "IL": "Ill.", "IN": "Ind.", "IA": "Iowa", "KS": "Kan.", "KY": "Ky.",
    "LA": "La.", "ME": "Me.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.",
    "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OH": "Ohio",
    "OK": "Okla.", "OR": "Or.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "TX": "Tex.", "UT": "Utah", "VT": "Vt.", "VA": "Va.", "WA": "Wash.",
    "WV": "W. Va.", "WI": "Wis.", "WY": "Wyo.",
}  # fmt: skip

#: Code names some states' statutes are cited by without the abbreviation.
CODE_NAMES: dict[str, str] = {
    "IL": r"\bILCS\b",
    "GA": r"\bO\.C\.G\.A\.",
    "WA": r"\bRCW\b",
    "OR": r"\bORS\b",
    "NJ": r"\bN\.J\.S\.A\.",
    "VT": r"\bV\.S\.A\.",
    "KY": r"\bKRS\b",
    "MA": r"\bG\.L\. c\.",
}

_LAW_WORDS = (
    r"Act|statute|Statutes?|Code|Constitution|Laws?|Legislature|Attorney General|"
    r"Supreme Court|Court of Appeals"
)


@cache
def _forms() -> dict[str, re.Pattern[str]]:
    every = "|".join(re.escape(a) for a in ABBREVIATIONS.values())
    forms = {}
    for code, abbr in ABBREVIATIONS.items():
        a = re.escape(abbr)
        name = re.escape(STATES[code])
        parts = [
            rf"^{a} (?!City\b|County\b|Cir\.)",
            rf"^\d{{4}} {a} (Laws|Sess\.|Acts)\b",
            rf"\b\d+ {a} ?(App\. )?((2d|3d|4th|5th) ?)?\d+\b",
            rf", (19|20)\d\d {code}( App)? \d+\b",
            rf"\({a}(?=[ ,])(?! Cir\.)(?! ({every})[ ,)])",
            rf"^{name}\b(?! City\b| County\b)((?! v\. )[^(])*?\b({_LAW_WORDS})\b",
        ]
        if code in CODE_NAMES:
            parts.append(CODE_NAMES[code])
        forms[code] = re.compile("|".join(f"(?:{p})" for p in parts))
    return forms


def law_of_citation(cite: str) -> tuple[str, ...]:
    """The codes of the states whose own law ``cite`` looks like (empty: none's)."""
    return tuple(code for code, form in _forms().items() if form.search(cite))
