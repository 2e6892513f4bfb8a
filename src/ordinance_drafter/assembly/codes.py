"""Codified drafts: the amending instruction, chapter heading and section numbers."""

from __future__ import annotations

import re

from ..answers.chapters import Chapter
from ..answers.resolve import Resolved
from .model import CodeChapter, Section


def scheme(resolved: Resolved, chapter: Chapter) -> str:
    """The numbering scheme: ``document.code_numbering``, or the one the chapter implies."""
    return resolved.document.code_numbering or chapter.default_scheme


_THIS_ORDINANCE_RE = re.compile(r"\b([Tt])his ordinance\b")


def in_chapter(text: str) -> str:
    """Codified text speaks of "this chapter", not "this ordinance"."""
    return _THIS_ORDINANCE_RE.sub(lambda m: f"{m.group(1)}his chapter", text)


def code_chapter(
    resolved: Resolved, chapter: Chapter, title: str, section_number: str
) -> CodeChapter:
    """The amending instruction and chapter heading for ``document.code_chapter``."""
    doc = resolved.document
    jur = resolved.jurisdiction
    code = doc.code_name or f"{jur.Kind} Code"
    # "Title 2, Chapter 19" reads "Chapter 19 of Title 2 of the City Code".
    where = f"{chapter.outer} of the {code}" if chapter.outer else f"the {code}"
    if doc.code_action == "add":
        instruction = f"A new {chapter.name} is added to {where}, to read:"
    else:
        instruction = f"{chapter.name} of {where} is amended to read:"
    caption = doc.code_chapter_title
    if not caption:
        match = re.match(r"an ordinance relating to (?:the )?(.+)$", title, re.IGNORECASE)
        caption = match.group(1) if match else title
        caption = caption[:1].upper() + caption[1:]
    heading = f"{chapter.name}. {caption.rstrip('.')}"
    return CodeChapter(chapter.text, doc.code_action, instruction, heading, section_number)


def numbering_note(chapter: Chapter, sections: tuple[Section, ...]) -> str:
    """Says how a chapter's sections were numbered and how to change it."""
    shown = [s.number for s in sections if s.codified][:2]
    how = ", ".join(shown) + " ..." if shown else "in the chapter's scheme"
    if chapter.scheme_is_implied:
        return (
            f"The sections of {chapter.name} are numbered {how}, following the form of the "
            "chapter's number; set document.code_numbering if the code numbers them "
            "otherwise."
        )
    return (
        f"The sections of {chapter.name} are numbered {how}. A chapter number alone does not "
        "say how the code numbers its sections; if it writes them otherwise, set "
        "document.code_numbering to dot_two (44.01), dot_three (44.010) or dash (Sec. 44-1)."
    )
