"""Code chapters as local codes write them, and how their sections are numbered.

``document.code_chapter`` names the chapter the ordinance adds or amends, written as the
code writes it: ``Chapter 19``, ``Chapter 2A``, ``Title 2, Chapter 19``, ``Chapter 2-173``
or ``Chapter 2.15``. Its sections are numbered in one of the schemes below; the chapter's
own form picks the scheme (``2-173`` numbers ``2-173-010``, ``2.15`` numbers
``2.15.010``) unless ``document.code_numbering`` names one. A plain number such as
``Chapter 44`` does not say whether the code writes 44.10, 44.01 or 44-1, so the draft uses
44.10 and says so in its notes on procedure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMES: dict[str, str] = {
    "dot_tens": "19.10, 19.20, 19.30 ...",
    "dot_two": "44.01, 44.02, 44.03 ...",
    "dot_three": "2.15.010, 2.15.020 ...",
    "dash_three": "2-173-010, 2-173-020 ...",
    "dash": "Sec. 44-1, Sec. 44-2 ...",
}

_NUMBER = r"\d+[A-Za-z]?"
_CHAPTER_RE = re.compile(
    rf"^(?:(?P<outer>.+?),\s*)?(?P<unit>[A-Za-z]+\.?)\s+"
    rf"(?P<number>{_NUMBER}(?:(?:-{_NUMBER})+|(?:\.{_NUMBER})+)?)$"
)

ACCEPTED_FORMS = (
    "'Chapter 19', 'Chapter 2A', 'Title 2, Chapter 19', 'Chapter 2-173' or 'Chapter 2.15'"
)


@dataclass(frozen=True)
class Chapter:
    """A code chapter read from ``document.code_chapter``.

    Attributes:
        text: The chapter as the user wrote it, e.g. ``Title 2, Chapter 19``.
        outer: What contains it, e.g. ``Title 2``; empty when nothing does.
        unit: The word the code uses, e.g. ``Chapter``.
        number: The chapter's number as the code writes it, e.g. ``19`` or ``2-173``.
    """

    text: str
    outer: str
    unit: str
    number: str

    @property
    def name(self) -> str:
        """The chapter without what contains it, e.g. ``Chapter 19``."""
        return f"{self.unit} {self.number}"

    @property
    def default_scheme(self) -> str:
        """The numbering scheme the chapter's own form implies."""
        if "-" in self.number:
            return "dash_three"
        if "." in self.number:
            return "dot_three"
        return "dot_tens"

    @property
    def scheme_is_implied(self) -> bool:
        """Whether the chapter's form alone tells how its sections are numbered."""
        return "-" in self.number or "." in self.number


def parse_chapter(text: str) -> Chapter | None:
    """Read a chapter written as a code writes it; None when it cannot be read."""
    text = " ".join(text.split())
    match = _CHAPTER_RE.match(text)
    if not match:
        return None
    unit = match.group("unit")
    outer = (match.group("outer") or "").strip()
    return Chapter(text, outer, unit[:1].upper() + unit[1:], match.group("number"))


def chapter_problem(text: str) -> str:
    """Why ``text`` cannot be read as a code chapter; empty when it can."""
    if parse_chapter(text) is not None:
        return ""
    return (
        f"'{text}' cannot be read as a code chapter. Write it as the code does, a word "
        f"such as Chapter followed by its number: {ACCEPTED_FORMS}. Sections are then "
        "numbered in the chapter's scheme; set document.code_numbering to choose one of "
        + "; ".join(f"{k} ({v})" for k, v in SCHEMES.items())
    )


def section_number(chapter: Chapter, scheme: str, index: int) -> str:
    """The number of the ``index``-th section (from 1) of ``chapter`` under ``scheme``."""
    n = chapter.number
    if scheme == "dot_two":
        return f"{n}.{index:02d}"
    if scheme == "dot_three":
        return f"{n}.{index * 10:03d}"
    if scheme == "dash_three":
        return f"{n}-{index * 10:03d}"
    if scheme == "dash":
        return f"{n}-{index}"
    return f"{n}.{index * 10}"


def section_word(scheme: str) -> str:
    """The word printed before a codified section's number: ``Sec.`` or nothing."""
    return "Sec." if scheme == "dash" else ""
