"""Renderers turn an :class:`~ordinance_drafter.model.Ordinance` into bytes of one format.

Every renderer has the same shape, ``render(ordinance, options) -> bytes``, and sees only
the document model. Renderers are imported lazily so that ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import DrafterError
from ..model import Flag, Ordinance

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


def flag_label(flag: Flag) -> str:
    """How every format introduces a flag in a note.

    State-law flags are strong warnings, never refusals; federal context carries the date
    its status was last checked.
    """
    if flag.scope == "federal":
        return f"Federal context (as of {flag.as_of})" if flag.as_of else "Federal context"
    label = {
        "forbidden": "State law warning: likely forbidden",
        "limited": "State law warning: limited by state law",
        "restates": "State law note: already required by state law",
        "info": "State law context",
    }.get(flag.severity, f"State law ({flag.severity})")
    return f"{label} (as of {flag.as_of})" if flag.as_of else label


def flag_text(flag: Flag) -> str:
    """A flag as one line: its label, message and citations."""
    cites = f" ({'; '.join(flag.citations)})" if flag.citations else ""
    return f"{flag_label(flag)}: {flag.message}{cites}"


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
