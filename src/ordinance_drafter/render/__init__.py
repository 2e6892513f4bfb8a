"""Renderers turn an :class:`~ordinance_drafter.model.Ordinance` into bytes of one format.

Every renderer has the same shape, ``render(ordinance, options) -> bytes``, and sees only
the document model. Renderers are imported lazily so that ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import DrafterError
from ..model import Ordinance

NOTES_MODES = ("comments", "inline", "appendix", "none")

FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("ordinance_drafter.render.docx", ".docx"),
    "md": ("ordinance_drafter.render.markdown", ".md"),
    "html": ("ordinance_drafter.render.html", ".html"),
    "pdf": ("ordinance_drafter.render.pdf", ".pdf"),
}


@dataclass(frozen=True)
class RenderOptions:
    """How to lay out a draft.

    Attributes:
        notes: ``comments``, ``inline``, ``appendix`` or ``none`` (a clean council copy).
        line_numbers: Number the lines in the margin (DOCX and PDF).
        confidential: Mark the header "Confidential attorney work product".
        cover_summary: Start with a one-page plain-language summary.
    """

    notes: str = "comments"
    line_numbers: bool = False
    confidential: bool = False
    cover_summary: bool = False


def renderer(fmt: str) -> Callable[[Ordinance, RenderOptions], bytes]:
    """Return the ``render`` function for format ``fmt``."""
    if fmt not in FORMATS:
        raise DrafterError(
            f"--format {fmt!r} is not a format this tool writes. Formats: {', '.join(FORMATS)}."
        )
    module = importlib.import_module(FORMATS[fmt][0])
    return module.render  # type: ignore[no-any-return]


def format_for_path(path: str) -> str | None:
    """The format implied by an output file's extension, if any."""
    lower = path.lower()
    for fmt, (_module, ext) in FORMATS.items():
        if lower.endswith(ext):
            return fmt
    if lower.endswith(".markdown"):
        return "md"
    if lower.endswith(".htm"):
        return "html"
    return None
