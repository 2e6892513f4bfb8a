"""Renderers turn an :class:`~ordinance_drafter.assembly.model.Ordinance` into bytes of one format.

Every renderer has the same shape, ``render(ordinance, options) -> bytes``, and sees only
the document model. Each draws the same page layout (:mod:`.layout`, which decides what
goes where, once); renderers are imported lazily so that ``--help`` stays fast.

What each notes mode gives in each format:

========== ============================ ============================ =======================
mode       DOCX                         PDF and HTML                 Markdown
========== ============================ ============================ =======================
comments   a Word comment per section   a shaded note after each     an appendix
                                        section (neither shows
                                        comments in print)
inline     a shaded note after each section                          a note after each section
appendix   "Explanatory Notes" at the end, keyed by section number, with sources
none       a clean copy: no notes (state-law warnings stay, in a box at the top)
========== ============================ ============================ =======================

``council_copy`` (``--council-copy``) is the copy to introduce, after the attorney's
review: no notes, and none of what is there for the attorney (the MODEL DRAFT notice, the
state-law warnings box, the DRAFT header, the bracketed items to confirm under the
signatures). :mod:`.layout` decides what it keeps.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import DrafterError

if TYPE_CHECKING:  # only in annotations: importing this package stays light (.libreoffice)
    from ..assembly.model import Ordinance, Source
    from ..statelaw.flags import Flag

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
        notes: ``comments``, ``inline``, ``appendix`` or ``none`` (a clean copy).
        line_numbers: Number the lines in the margin (DOCX and PDF).
        confidential: Mark the header "Confidential attorney work product".
        cover_summary: Start with a one-page plain-language summary.
        xref_fields: In DOCX, write cross-references as Word REF fields that point at
            bookmarks on the section numbers and subsection labels they cite (the cached
            text is the reference as assembled, so every reader shows it).
        council_copy: The copy to introduce, which assumes the attorney's review: no
            notes (whatever ``notes`` says), no MODEL DRAFT notice, no warnings box, no
            DRAFT header, no items to confirm (see :mod:`.layout`).
    """

    notes: str = "comments"
    line_numbers: bool = False
    confidential: bool = False
    cover_summary: bool = False
    xref_fields: bool = True
    council_copy: bool = False


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


def long_date(iso: str) -> str:
    """``2026-11-25`` as ``November 25, 2026``."""
    date = dt.date.fromisoformat(iso)
    return f"{date.strftime('%B')} {date.day}, {date.year}"


def typeset(text: str) -> str:
    """Keep a section sign on one line with the code before it and the number after it."""
    return text.replace(" §", "\u00a0§").replace("§§ ", "§§\u00a0").replace("§ ", "§\u00a0")


def flag_label(flag: Flag) -> str:
    """How every format introduces a flag.

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


def flag_message(flag: Flag) -> str:
    """A flag's message followed by its citations.

    A flag on one sentence starts by naming it; a citation the state data has not
    verified is marked so.
    """
    unconfirmed = set(flag.unconfirmed)
    cites = "; ".join(
        c + (" [not verified: check before relying]" if c in unconfirmed else "")
        for c in flag.citations
    )
    where = f"In {flag.where}: " if flag.where else ""
    return f"{where}{flag.message}" + (f" ({cites})" if cites else "")


def flag_text(flag: Flag) -> str:
    """A flag as one line: its label, message and citations."""
    return f"{flag_label(flag)}: {flag_message(flag)}"


def is_warning(flag: Flag) -> bool:
    """Whether a flag is a state-law warning (printed prominently) rather than context."""
    return flag.scope == "state" and flag.severity != "info"


def source_text(source: Source) -> str:
    """A source as one line: citation, what it provides, and a warning if unverified."""
    extra = f" — {source.note}" if source.note else ""
    return f"{source.cite}{extra}{source_status(source)}"


def source_status(source: Source) -> str:
    """`` [described: check before relying]`` for a source that is not verified, else empty.

    A neutral entry for another state's law (status ``confirm``) reads ``[confirm under
    state law]``.
    """
    if source.status == "verified":
        return ""
    if source.status == "confirm":
        return " [confirm under state law]"
    return f" [{source.status}: check before relying]"


def state_law_lines(o: Ordinance) -> list[str]:
    """What every format prints first about the state's law, one entry per line.

    The first line names the state and the as-of date of its data. For a state whose law
    forbids or limits provisions: how many parts of this draft it reaches, whether adopting
    the ordinance is itself the violation, and each penalty with whom it reaches. Empty when
    the library has no data for the state.
    """
    law = o.state_law
    if law is None:
        return []
    lines = [f"{law.heading}: {law.status}."]
    if law.forbidding:
        lines += [law.lead, law.text]
        if law.adoption:
            lines.append(f"Adoption itself: {law.adoption_with_law()}")
        if law.penalties:
            lines.append("Penalties, and whom they reach:")
            lines += [f"- {p.line}" for p in law.penalties]
    return lines


def terminal_summary(o: Ordinance, in_document: bool = True) -> list[str]:
    """What ``draft`` and ``build`` print after writing: the state's law and each warning
    (``in_document``: whether the document written shows them; a council copy does not)."""
    lines = state_law_lines(o)
    if not lines:
        return []
    warnings = [(where, f) for where, f in o.flagged_sections() if is_warning(f)]
    if warnings:
        where = "also in the document" if in_document else "not in the council copy"
        lines.append(f"State-law warnings ({len(warnings)}), {where}:")
        lines += [f"- {where} — {flag_label(f)}" for where, f in warnings]
    return lines
