"""Sections before numbering, shared by the ordinance and the companion resolution."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..library.loader import Library
from .markup import RawBlock
from .model import Note


@dataclass
class Draft:
    """A section before numbering: its rendered blocks and where it goes.

    Attributes:
        key: The id that numbers and cross-references use: the provision id, or for a
            provision's request to the sheriff ``res-`` and the provision id.
        caption: The section caption.
        blocks: The rendered paragraphs and items.
        placement: ``findings``, ``body`` or ``resolution``.
        note: Its explanatory note, if any.
        summary: One plain-language sentence on what it does.
        order: Its position (``order`` in ``clause.yaml``).
        path: The template it came from, for error messages.
        kind: The paragraph kind renderers style (``text``, ``finding``, ``definition``).
        codified: Whether it becomes a section of a code chapter.
        provision: The provision it comes from (``key`` when empty).
        cover: Its sentence on a long cover (the provision's ``cover:``, rendered).
    """

    key: str
    caption: str
    blocks: list[Any]
    placement: str
    note: Note | None
    summary: str
    order: int
    path: str
    kind: str = "text"
    codified: bool = False
    provision: str = ""
    cover: str = ""

    @property
    def source(self) -> str:
        """The provision the section comes from."""
        return self.provision or self.key


def render_string(library: Library, source: str, context: dict[str, Any], where: str) -> str:
    """Render a one-paragraph template from the library's data, white space collapsed."""
    return " ".join(library.compile_string(source, where).render(context).split())


def block(depth: int, text: str) -> RawBlock:
    """A paragraph (depth 0) or item (depth 1 ...) made by assembly itself."""
    return RawBlock(depth, text)
