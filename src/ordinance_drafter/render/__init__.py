"""Renderers turn an :class:`~ordinance_drafter.model.Ordinance` into bytes of one format.

Every renderer has the same shape, ``render(ordinance, options) -> bytes``, and sees only
the document model. Renderers are imported lazily so that ``--help`` stays fast.

What each notes mode gives in each format:

========== ============================ ============================ =======================
mode       DOCX (and PDF)               HTML                         Markdown
========== ============================ ============================ =======================
comments   a Word comment per section   a shaded note after each     an appendix
                                        section (HTML has no
                                        comments)
inline     a shaded note after each section                          a note after each section
appendix   "Explanatory Notes" at the end, keyed by section number, with sources
none       a clean copy: no notes (state-law warnings stay, in a box at the top)
========== ============================ ============================ =======================
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..assembly.model import Note, Ordinance, Source
from ..errors import DrafterError
from ..statelaw.flags import Flag

NOTES_MODES = ("comments", "inline", "appendix", "none")

FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("ordinance_drafter.render.docx", ".docx"),
    "md": ("ordinance_drafter.render.markdown", ".md"),
    "html": ("ordinance_drafter.render.html", ".html"),
    "pdf": ("ordinance_drafter.render.pdf", ".pdf"),
}

NOTES_INTRO = (
    "These notes explain each section: what it does, why, its legal basis and risks, and "
    "the laws it is modeled on. They are not part of the ordinance."
)
FLAGS_BOX_LEAD = "State-law warnings for the attorney (delete before introduction):"
COVER_NOTE = (
    "This summary is not part of the ordinance. The draft that follows is a model for review "
    "by the jurisdiction's attorney; it is not legal advice."
)

# Citations per part in the cover's sources table: fewer when the draft has many parts,
# to keep the summary to one page.
COVER_SOURCES = {6: 3, 10: 2}
COVER_SOURCES_MIN = 1
SOURCES_FOOTNOTE = (
    "The main sources of each part; the explanatory notes list them all and say what each "
    "provides. A source marked (described) or (unconfirmed) was not checked against its "
    "text: verify it before relying on it."
)


@dataclass(frozen=True)
class RenderOptions:
    """How to lay out a draft.

    Attributes:
        notes: ``comments``, ``inline``, ``appendix`` or ``none`` (a clean council copy).
        line_numbers: Number the lines in the margin (DOCX and PDF).
        confidential: Mark the header "Confidential attorney work product".
        cover_summary: Start with a one-page plain-language summary.
        xref_fields: In DOCX, write cross-references as Word REF fields that point at
            bookmarks on the section numbers and subsection labels they cite (the cached
            text is the reference as assembled, so every reader shows it).
    """

    notes: str = "comments"
    line_numbers: bool = False
    confidential: bool = False
    cover_summary: bool = False
    xref_fields: bool = True


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
    """A flag's message followed by its citations."""
    cites = f" ({'; '.join(flag.citations)})" if flag.citations else ""
    return f"{flag.message}{cites}"


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
    """`` [described: check before relying]`` for a source that is not verified, else empty."""
    return "" if source.status == "verified" else f" [{source.status}: check before relying]"


def note_lines(note: Note) -> list[tuple[str, str]]:
    """An explanatory note as ``(kind, text)`` lines, the same in every format.

    Kinds: ``flag`` (a state-law warning, first), ``context`` (federal or state context),
    ``variant``, ``part`` (the first paragraph of a headed part, as ``Heading. text``),
    ``text``, ``sources`` (the "Sources" line) and ``source``.
    """
    lines: list[tuple[str, str]] = []
    flags = sorted(note.flags, key=lambda f: not is_warning(f))  # warnings first
    for flag in flags:
        lines.append(("flag" if is_warning(flag) else "context", flag_text(flag)))
    if note.variant_label:
        lines.append(("variant", f"Variant chosen: {note.variant_label}."))
    for part in note.parts:
        for i, para in enumerate(part.paragraphs):
            lines.append(("part", f"{part.heading}. {para}") if i == 0 else ("text", para))
    if note.sources:
        lines.append(("sources", "Sources."))
        lines += [("source", source_text(s)) for s in note.sources]
    return lines


def cover_sources(o: Ordinance) -> list[tuple[str, str]]:
    """The cover's sources table: one row per part of the draft, citations joined by ";"."""
    parts: list[tuple[str, Note | None]] = []
    if o.findings:
        parts.append(("Findings", o.findings.note))
    parts += [(s.number_label.rstrip("."), s.note) for s in o.sections]
    if o.resolution:
        parts += [(f"Resolution ¶ {s.number}", s.note) for s in o.resolution.sections]
    limit = next(
        (n for most, n in sorted(COVER_SOURCES.items()) if len(parts) <= most), COVER_SOURCES_MIN
    )
    rows = []
    for where, note in parts:
        if note and note.sources:
            cites: list[str] = []
            for src in note.sources:
                cite = src.cite + ("" if src.status == "verified" else f" ({src.status})")
                if cite not in cites:
                    cites.append(cite)
            more = len(cites) - limit
            text = "; ".join(cites[:limit])
            rows.append((where, text + (f"; and {more} more in the notes" if more > 0 else "")))
    return rows


def cover_state_law(o: Ordinance) -> tuple[list[tuple[str, Flag]], str]:
    """What the cover says about state law: each warning in full, context in one line.

    Returns:
        The warnings with the part each concerns, and a sentence naming the parts whose
        notes carry state-law context (empty when none do).
    """
    flagged = o.flagged_sections()
    warnings = [(where, f) for where, f in flagged if is_warning(f)]
    parts = list(dict.fromkeys(where.split(". ")[0] for where, f in flagged if not is_warning(f)))
    context = ""
    if parts:
        listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
        context = f"The explanatory notes add state-law context for {listed}."
    return warnings, context
