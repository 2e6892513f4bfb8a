"""The page layout: the document model as styled blocks, decided once for every format.

Every decision about what a draft shows and in what order is made here: the cover summary,
the disclaimer, the state-law warnings box, the title block, the findings, the enacting
clause, the sections (inside their code chapter when the ordinance amends one), the
signature block, the companion resolution, and where each explanatory note goes in each
notes mode. The writers (:mod:`.docx`, :mod:`.html`, :mod:`.markdown` and the redline,
:mod:`ordinance_drafter.tools.redline`) only draw what :func:`layout` returns (the data
types are in :mod:`.blocks`), so a change to the layout is one edit here.

The council copy (``RenderOptions.council_copy``) is the copy to introduce, once the
attorney has reviewed the draft: it has no notes and nothing that is there for the
attorney (the MODEL DRAFT notice, the state-law warnings box, the DRAFT header, the
bracketed items to confirm under the signatures; on the cover, the notice that the draft
is a model and the state-law warnings). Every other output keeps all of them.

What a format can show is its :class:`~.blocks.Medium`: Word has comments and pages, a web
page or a Markdown file has neither, so ``--notes comments`` puts the notes inline in HTML
and in an appendix in Markdown, and only a paged medium sets a long draft's cover in two
columns.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..assembly.model import Note, Ordinance, Paragraph, Ref, Section
from ..statelaw.flags import Flag
from ..statelaw.schema import WHO_LABELS
from . import (
    RenderOptions,
    flag_label,
    flag_text,
    is_warning,
    long_date,
    source_text,
    state_law_lines,
    typeset,
)
from .blocks import WORD, Block, Box, Item, Layout, Medium, Part, Run, Table

NOTES_INTRO = (
    "These notes explain each section: what it does, why, its legal basis and risks, and "
    "the laws it is modeled on. They are not part of the ordinance."
)
FLAGS_BOX_LEAD = "State-law warnings for the attorney (delete before introduction):"
STATE_BOX_LEAD = "State law, for the attorney (delete before introduction):"
COVER_NOTE = (
    "This summary is not part of the ordinance. The draft that follows is a model for review "
    "by the jurisdiction's attorney; it is not legal advice."
)
#: The council copy's cover: it assumes the attorney's review, so it does not call the
#: text a model.
COUNCIL_COVER_NOTE = "This summary is not part of the ordinance."
COVER_WARNINGS_BOX = "Each is given in full in the box at the start of the draft."
NO_STATE_LAW = "None recorded for this state. The attorney must still check current state law."

# Citations per part in the cover's sources table: fewer when the draft has many parts,
# to keep the summary to one page.
COVER_SOURCES = {6: 3, 10: 2}
COVER_SOURCES_MIN = 1
SOURCES_FOOTNOTE = (
    "The main sources of each part; the explanatory notes list them all and say what each "
    "provides. A source marked (described) or (unconfirmed) was not checked against its "
    "text: verify it before relying on it. A source marked (… law, a model) is another "
    "state's law, cited only as a model: it is not the law of this jurisdiction's state."
)
#: The footnote of a copy without notes (``--notes none``): it points at no notes.
SOURCES_FOOTNOTE_CLEAN = (
    "The main sources of each part; the annotated draft lists them all and says what each "
    "provides. A source marked (described) or (unconfirmed) was not checked against its "
    "text: verify it before relying on it. A source marked (… law, a model) is another "
    "state's law, cited only as a model: it is not the law of this jurisdiction's state."
)
#: The council copy's: it assumes the attorney's review, so it marks no source.
SOURCES_FOOTNOTE_COUNCIL = "The main laws and ordinances each part is modeled on or relies on."
# From this many parts (sections and resolution paragraphs), a paged cover is set in two
# columns, in smaller type, to stay on one page: a sentence for each part (its summary's
# main clause), each state-law warning in a line, and the main sources in a paragraph
# instead of the table; from this many rows a table is set smaller too.
COVER_COLUMNS_FROM = 13
#: How many sources a long cover names (those the most parts cite first).
COVER_MAIN_SOURCES = 2
COVER_TABLE_HEADER = ("Part", "Modeled on or relies on")
COVER_TABLE_WIDTHS = (1.2, 5.3)  # inches

#: A signature rule as a paged medium draws it; the screen writers draw their own.
RULE = "_" * 34


# -- texts every format shares ----------------------------------------------------------


def note_lines(note: Note) -> list[tuple[str, str]]:
    """An explanatory note as ``(kind, text)`` lines, the same in every format.

    Kinds: ``flag`` (a state-law warning, first), ``context`` (federal or state context),
    ``variant``, ``part`` (the first paragraph of a headed part, as ``Heading. text``),
    ``text``, ``sources`` (the "Sources" line) and ``source``.
    """
    return [(kind, text) for kind, text, _flag in _note_lines(note)]


def _note_lines(note: Note) -> list[tuple[str, str, Flag | None]]:
    lines: list[tuple[str, str, Flag | None]] = []
    flags = sorted(note.flags, key=lambda f: not is_warning(f))  # warnings first
    for flag in flags:
        lines.append(("flag" if is_warning(flag) else "context", flag_text(flag), flag))
    if note.variant_label:
        lines.append(("variant", f"Variant chosen: {note.variant_label}.", None))
    for part in note.parts:
        for i, para in enumerate(part.paragraphs):
            if i == 0:
                lines.append(("part", f"{part.heading}. {para}", None))
            else:
                lines.append(("text", para, None))
    if note.sources:
        lines.append(("sources", "Sources.", None))
        lines += [("source", source_text(s), None) for s in note.sources]
    return lines


def cover_sources(o: Ordinance, notes: bool = True, marks: bool = True) -> list[tuple[str, str]]:
    """The cover's sources table: one row per part of the draft, citations joined by ";".

    Args:
        notes: The copy has the explanatory notes, so "and 2 more" says "in the notes".
        marks: Mark a source not checked against its text "(described)", "(unconfirmed)".

    Another state's law the text is only modeled on says whose it is: "(Oregon law, a
    model)", or in the council copy, which calls nothing a model, "(Oregon law)".
    """
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
                cite = src.cite
                if src.model_of:
                    cite += f" ({src.model_of} law, a model)" if marks else f" ({src.model_of} law)"
                if marks and src.status != "verified":
                    cite += f" ({src.status})"
                if cite not in cites:
                    cites.append(cite)
            more = len(cites) - limit
            text = "; ".join(cites[:limit])
            rest = f"; and {more} more" + (" in the notes" if notes else "") if more > 0 else ""
            rows.append((where, text + rest))
    return rows


def cover_sentence(summary: str) -> str:
    """A summary's main clause, for a long cover, as a sentence: without its
    parenthetical asides (an opening parenthesis after a space: "287(g)" stays whole), up
    to its first semicolon, and with its exceptions ("unless ...", "except ...") said as
    "with exceptions"."""
    short = re.sub(r"\s+\([^()]*\)", "", summary).split(";")[0]
    pieces = re.split(r",? (?:unless|except) ", short, maxsplit=1)
    main = pieces[0].strip().rstrip(".,:")
    if not main:
        return ""
    return main + (", with exceptions." if len(pieces) > 1 else ".")


def main_sources(o: Ordinance, count: int = COVER_MAIN_SOURCES) -> list[str]:
    """The sources the most parts of the draft rely on (each part's citations counted
    once), the most cited first, then in the order the draft first cites them."""
    notes = [o.findings.note] if o.findings else []
    notes += [s.note for s in o.sections]
    if o.resolution:
        notes += [s.note for s in o.resolution.sections]
    tally: dict[str, int] = {}
    for note in notes:
        for cite in dict.fromkeys(src.cite for src in (note.sources if note else ())):
            tally[cite] = tally.get(cite, 0) + 1
    order = list(tally)
    return sorted(order, key=lambda c: (-tally[c], order.index(c)))[:count]


def cover_state_law(o: Ordinance, notes: bool = True) -> tuple[list[tuple[str, Flag]], str]:
    """What the cover says about state law: each warning in full, context in one line.

    Args:
        notes: The copy has the explanatory notes (the context sentence points at them).

    Returns:
        The warnings with the part each concerns, and a sentence naming the parts whose
        notes carry state-law context (empty when none do).
    """
    flagged = o.flagged_sections()
    warnings = [(where, f) for where, f in flagged if is_warning(f)]
    parts = list(dict.fromkeys(where.split(". ")[0] for where, f in flagged if not is_warning(f)))
    context = ""
    if parts:
        listed = _parts_named(parts)
        context = (
            f"The explanatory notes add state-law context for {listed}."
            if notes
            else f"State law also bears on {listed}; the annotated draft's notes explain how."
        )
    return warnings, context


def placement(notes: str, medium: Medium) -> str:
    """Where a notes mode puts the notes in a medium (``comments`` needs comments)."""
    return medium.comments if notes == "comments" else notes


def paragraph_style(p: Paragraph) -> str:
    """The named style for a paragraph of ordinance text."""
    if p.kind == "finding":
        return "Finding" if p.level else "Findings Intro"
    if p.kind == "definition" and p.level == 1:
        return "Definition"
    return f"Subsection {min(p.level, 4)}" if p.level else "Section Text"


# -- the layout -------------------------------------------------------------------------


def layout(ordinance: Ordinance, options: RenderOptions, medium: Medium = WORD) -> Layout:
    """Lay a draft out for a medium: every part, block and note in reading order."""
    return _Builder(ordinance, options, medium).build()


def running_head(ordinance: Ordinance, options: RenderOptions) -> str:
    """The header of every page: ``DRAFT — <date>``, or nothing on the council copy."""
    if options.council_copy:
        return ""
    return f"DRAFT — {long_date(ordinance.metadata.draft_date)}"


def _p(style: str, text: str, **fields: Any) -> Block:
    """A block of one run of text in a paragraph style (no run when the text is empty)."""
    return Block(style, (Run(text),) if text else (), **fields)


class _Builder:
    """Builds one :class:`Layout`; each method lays out one part of the document."""

    def __init__(self, ordinance: Ordinance, options: RenderOptions, medium: Medium) -> None:
        self.o = ordinance
        self.options = options
        self.medium = medium
        self.council = options.council_copy
        self.notes = "none" if self.council else placement(options.notes, medium)
        self.fix = typeset if medium.typeset else _same

    def build(self) -> Layout:
        parts: list[Part] = []
        if self.options.cover_summary:
            parts += self.cover()
        parts += [self.front(), *self.findings(), self.enacting()]
        sections = self.body_sections()
        parts += sections
        _keep_last_text(parts, len(parts) - len(sections))
        parts.append(self.signature())
        parts += self.resolution()
        if self.notes == "appendix":
            parts.append(self.appendix())
        return Layout(tuple(parts), self.notes, running_head(self.o, self.options))

    # Text ---------------------------------------------------------------------------

    def text(self, p: Paragraph, style: str | None = None) -> Block:
        """A paragraph of ordinance text: its label apart, cross-references as runs."""
        runs = tuple(
            Run(self.fix(seg.text), "Cross Reference", ref=seg)
            if isinstance(seg, Ref)
            else Run(self.fix(seg.text))
            for seg in p.segments
        )
        style = style or paragraph_style(p)
        return Block(style, runs, label=p.label, level=p.level, anchor=p.anchor)

    def flag(self, style: str, where: str, flag: Flag, kind: str = "") -> Block:
        """A state-law or federal flag, after the part it concerns (if ``where``)."""
        text = f"{where} — {flag_text(flag)}" if where else flag_text(flag)
        return _p(style, self.fix(text), flag=flag, where=where, kind=kind)

    # Notes --------------------------------------------------------------------------

    def comment(self, note: Note | None) -> Note | None:
        """The note a heading carries as a comment, in the ``comments`` placement."""
        return note if self.notes == "comments" else None

    def inline_note(self, note: Note | None, heading: str) -> tuple[Box, ...]:
        """A part's note after its text, in the ``inline`` placement (else nothing)."""
        if note is None or self.notes != "inline":
            return ()
        return (
            self.note(
                note,
                _p("Drafter Note Heading", f"Drafter's note — {heading}"),
                text="Drafter Note",
                source="Drafter Note",
                flag="Drafter Note Flag",
            ),
        )

    def note(self, note: Note, heading: Block, *, text: str, source: str, flag: str) -> Box:
        """A note as a box: its heading, warnings first, then its parts and sources."""
        blocks = [heading]
        for kind, raw, shown in _note_lines(note):
            line = self.fix(raw)
            if kind == "flag":
                blocks.append(_p(flag, line, kind=kind, flag=shown))
            elif kind == "context":
                blocks.append(Block(text, (Run(line, "Note Context"),), kind=kind, flag=shown))
            elif kind == "source":
                blocks.append(_p(source, line, kind=kind))
            elif kind == "part":
                lead, _, rest = line.partition(". ")
                runs = (Run(lead + ".", "Note Lead"), Run(" " + rest))
                blocks.append(Block(text, runs, kind=kind))
            elif kind == "sources":
                blocks.append(Block(text, (Run(line, "Note Lead"),), kind=kind))
            else:
                blocks.append(_p(text, line, kind=kind))
        return Box("note", tuple(blocks))

    # Parts --------------------------------------------------------------------------

    def cover(self) -> list[Part]:
        """The one-page summary: each part in plain words, state law, the sources."""
        o = self.o
        count = len(o.sections) + (len(o.resolution.sections) if o.resolution else 0)
        compact = self.medium.paged and count >= COVER_COLUMNS_FROM
        heading = "Cover Heading Compact" if compact else "Cover Heading"
        items: list[Item] = [
            _p(
                "Cover Title Compact" if compact else "Cover Title",
                f"Summary: {o.jurisdiction_name}",
            ),
            _p("Cover Text Compact" if compact else "Cover Subtitle", self.cover_subtitle()),
        ]
        # A long draft's cover gives each part a sentence (its summary's main clause) so
        # that it stays on one page; a short draft's gives each part's whole summary.
        style = "Cover Item Compact" if compact else "Cover Item"
        said: dict[str, str] = {}  # a summary already given, and where

        def describe(label: str, sec: Section, where: str = "") -> Block:
            # A long cover names a part by its number alone when it has a sentence.
            short = compact and cover_sentence(sec.summary)
            runs = [Run(label if short else f"{label} {sec.caption}", "Note Lead")]
            text = cover_sentence(sec.summary) if compact else sec.summary
            if compact and sec.summary in said:
                text = f"Requests what {said[sec.summary]} provides."
            elif where:
                said.setdefault(sec.summary, where)
            if text:
                runs.append(Run(" " + self.fix(text)))
            return Block(style, tuple(runs))

        # A long cover numbers the sections under its heading ("14."), to stay on a page.
        items.append(
            _p(heading, "What each section does" if compact else "What the ordinance does")
        )
        items += [
            describe(
                f"{sec.number}." if compact else sec.number_label,
                sec,
                f"section {sec.number}" if sec.summary else "",
            )
            for sec in o.sections
        ]
        if o.resolution:
            # A long cover heads the resolution briefly and says once for a run of
            # paragraphs that request what sections of the ordinance provide.
            title = "The companion resolution" if compact else o.resolution.title
            items.append(_p(heading, title))
            rows = [
                (sec, describe(f"Paragraph {sec.number}.", sec)) for sec in o.resolution.sections
            ]
            items += _runs_of_requests(rows, said, style) if compact else [b for _, b in rows]
        if not self.council:  # the warnings are the attorney's, who has read them
            items += self.cover_state_law(compact)
        if compact:
            items += self.cover_main_sources()
        parts = [Part("cover", "cover", tuple(items), columns=2 if compact else 1)]
        rows = cover_sources(o, notes=self.notes != "none", marks=not self.council)
        if rows and not compact:  # the sources table runs the full width
            table = Table(
                "Cover Table Compact" if len(rows) >= COVER_COLUMNS_FROM else "Cover Table Text",
                COVER_TABLE_HEADER,
                tuple((where, self.fix(cites)) for where, cites in rows),
                COVER_TABLE_WIDTHS,
            )
            footnote = (
                SOURCES_FOOTNOTE_COUNCIL
                if self.council
                else SOURCES_FOOTNOTE
                if self.notes != "none"
                else SOURCES_FOOTNOTE_CLEAN
            )
            sources = (_p(heading, "Sources"), _p("Cover Footnote", footnote))
            parts.append(Part("cover-sources", "cover-sources", (*sources, table)))
        return parts

    def cover_main_sources(self) -> list[Item]:
        """A long cover's sources: the main ones in a paragraph, and where the rest are."""
        heading = "Cover Heading Compact"
        cites = main_sources(self.o)
        if not cites:
            return []
        where = (
            ""
            if self.council
            else " The explanatory notes list the rest."
            if self.notes != "none"
            else " The annotated draft lists the rest."
        )
        text = f"Modeled mainly on: {'; '.join(cites)}.{where}"
        return [_p(heading, "Sources"), _p("Cover Text Compact", self.fix(text))]

    def cover_state_law(self, compact: bool = False) -> list[Item]:
        """The cover's state law: the state's law in a line (when the library has data
        for the state), each warning (in full, or on a long cover in a line), the parts
        with state-law context."""
        o = self.o
        warnings, context = cover_state_law(o, notes=self.notes != "none")
        text = "Cover Text Compact" if compact else "Cover Text"
        heading = "Cover Heading Compact" if compact else "Cover Heading"
        items: list[Item] = [_p(heading, "State law")]
        if o.state_law is not None:
            law = o.state_law
            items.append(_p(text, self.fix(f"{law.heading}: {law.status}.")))
            if law.forbidding and not self.council:
                # Whether adopting is itself the violation, and whom the penalties reach;
                # each penalty in full is in the state-law box at the start of the draft.
                style = "Cover Flag Compact" if compact else "Cover Flag"
                if law.adoption:
                    items.append(_p(style, self.fix(f"Adoption itself: {law.adoption}")))
                if law.penalties:
                    whom = list(dict.fromkeys(w for p in law.penalties for w in p.who))
                    reach = "; ".join(WHO_LABELS[w] for w in whom)
                    items.append(
                        _p(
                            style,
                            self.fix(
                                f"Penalties ({len(law.penalties)}, listed at the start of the "
                                f"draft) reach {reach}."
                            ),
                        )
                    )
        if compact and warnings:
            # A warning on the whole ordinance in full (it is about the power to enact
            # it); then one line for each kind of warning, naming the parts it reaches.
            whole = [(where, flag) for where, flag in warnings if not flag.provision_id]
            items += [self.flag("Cover Flag Compact", where, flag) for where, flag in whole]
            kinds: dict[str, list[str]] = {}
            for where, flag in warnings:
                if not flag.provision_id:
                    continue
                label = flag_label(replace(flag, as_of="")).removeprefix("State law warning: ")
                label = label[:1].upper() + label[1:]
                kinds.setdefault(label, []).append(where.split(". ")[0])
            items += [
                _p("Cover Flag Compact", self.fix(f"{label}: {_parts_named(parts)}."))
                for label, parts in kinds.items()
            ]
            if kinds:
                items.append(_p(text, COVER_WARNINGS_BOX))
        else:
            items += [self.flag("Cover Flag", where, flag) for where, flag in warnings]
        if context:
            items.append(_p(text, context))
        if not warnings and not context and o.state_law is None:
            items.append(_p(text, NO_STATE_LAW))
        return items

    def cover_subtitle(self) -> str:
        """The title, the date and what the summary (and, but in the council copy, the
        draft) is."""
        date = long_date(self.o.metadata.draft_date)
        if self.council:
            return f"{self.o.title}. {date}. {COUNCIL_COVER_NOTE}"
        return f"{self.o.title}. Draft of {date}. {COVER_NOTE}"

    def front(self) -> Part:
        """The disclaimer, the state-law warnings box and the title block (the council
        copy: the title block alone)."""
        o = self.o
        # After a cover, the ordinance starts on a new page.
        new_page = self.options.cover_summary
        items: list[Item] = []
        if not self.council:
            items.append(_p("Ordinance Disclaimer", o.disclaimer, page_break=new_page))
            flagged = [(where, f) for where, f in o.flagged_sections() if is_warning(f)]
            # The state's law first (its as-of date; where it forbids or limits provisions,
            # whether adopting is itself the violation and each penalty with whom it
            # reaches), then each warning: every format and notes mode but the council copy.
            law = [_p("State Law Flag", self.fix(line)) for line in state_law_lines(o)]
            if flagged or law:
                lead = _p("State Law Flag", FLAGS_BOX_LEAD if flagged else STATE_BOX_LEAD)
                flags = [self.flag("State Law Flag", where, flag) for where, flag in flagged]
                items.append(Box("warnings", (lead, *law, *flags)))
        items += [
            _p("Ordinance Number", o.number_line, page_break=new_page and self.council),
            _p("Ordinance Title", o.title),
            _p("Ordinance Jurisdiction", o.jurisdiction_name),
        ]
        return Part("front", "front", tuple(items))

    def findings(self) -> list[Part]:
        f = self.o.findings
        if f is None:
            return []
        heading = Block(
            "Findings Heading", (Run("Findings"),), anchor="findings", note=self.comment(f.note)
        )
        items: list[Item] = [heading, _p("Findings Intro", f.intro)]
        items += [self.text(p, "Finding") for p in f.paragraphs]
        items += self.inline_note(f.note, "Findings")
        return [Part("findings", "findings", tuple(items))]

    def enacting(self) -> Part:
        return Part("enacting", "enacting", (_p("Enacting Clause", self.o.enacting_clause),))

    def section(self, sec: Section, key: str, prefix: str = "Section") -> Part:
        """A section (or resolution paragraph): its heading, its text, an inline note."""
        # A code's own word before the number ("Sec. 44-5."), or none ("19.50."); else
        # "Section 5." or "Paragraph 2." (see Section.number_label).
        word = sec.label_word if sec.codified else prefix
        runs = [Run(f"{word} ")] if word else []
        runs += [Run(sec.number, anchor=sec.anchor), Run(f". {sec.caption}")]
        heading = Block(
            "Code Section Heading" if sec.codified else "Section Heading",
            tuple(runs),
            anchor=sec.anchor,
            note=self.comment(sec.note),
        )
        items: list[Item] = [heading, *(self.text(p) for p in sec.paragraphs)]
        items += self.inline_note(sec.note, f"{prefix} {sec.number}")
        return Part(key, "section", tuple(items))

    def body_sections(self) -> list[Part]:
        """The sections: a code chapter's first, under its amending instruction."""
        o = self.o
        code = o.code
        codified = [s for s in o.sections if s.codified] if code else []
        parts = []
        if code:
            instruction = Block(
                "Section Heading",
                (
                    Run(f"Section {code.section_number}."),
                    Run(f" {code.instruction}", "Amending Instruction"),
                ),
            )
            chapter = _p("Chapter Heading", code.heading)
            parts.append(Part("chapter", "chapter", (instruction, chapter)))
        ordered = codified + [s for s in o.sections if s not in codified]
        parts += [self.section(sec, f"section:{sec.key}") for sec in ordered]
        return parts

    def signature_lines(self) -> list[Block]:
        """Signers on the right, then "Attest:" and the attesting officers.

        Two runs, each kept on one page: the signers (kept with the adoption or closing
        line before them, which is kept with the last lines of the text), then the
        attestation. A page may break between them: were the whole block kept with the
        text's last subsection, a page that could not hold all of it sent that
        subsection to the next page too and left a third of its page empty.
        """
        sig = self.o.signature
        blocks: list[Block] = []
        for i, line in enumerate(sig.signers):
            last = i == len(sig.signers) - 1
            end = False if last and sig.attest else None
            blocks += [
                _p("Signature Line", RULE, kind="rule"),
                _p("Signer", line.role, keep_next=end),
            ]
        for i, line in enumerate(sig.attest):
            if i == 0:
                blocks.append(_p("Attest Label", "Attest:"))
            blocks.append(_p("Attest Line", RULE, kind="rule"))
            last = i == len(sig.attest) - 1
            blocks.append(_p("Attester", line.role, keep_next=False if last else None))
        if not sig.attest and sig.signers:
            blocks[-1] = replace(blocks[-1], keep_next=False)
        return blocks

    def signature(self) -> Part:
        """The adoption line, the signature lines, the adoption record, a note to confirm."""
        sig = self.o.signature
        items: list[Item] = [_p("Signature Block", sig.passed_line), *self.signature_lines()]
        items += [_p("Adoption Record", line) for line in sig.extra_lines]
        if sig.confirm_note and not self.council:
            items.append(_p("Drafter Note", sig.confirm_note, space_before=12))
        return Part("signature", "signature", tuple(items))

    def resolution(self) -> list[Part]:
        """The companion resolution in a resolution's form.

        Its number line and title; each recital a paragraph of its own, then the resolving
        clause; the numbered paragraphs; the adoption line, the vote line and signatures.
        """
        res = self.o.resolution
        if res is None:
            return []
        opening = (
            _p("Resolution Number", res.number_line),
            _p("Resolution Title", res.title),
            *(_p("Recital", recital) for recital in res.recitals),
            _p("Resolving Clause", res.resolving_clause),
        )
        parts = [Part("resolution", "resolution", opening)]
        parts += [self.section(s, f"resolution:{s.key}", "Paragraph") for s in res.sections]
        _keep_last_text(parts, 1)
        sig = res.signature
        votes = (_p("Vote Line", sig.vote_line),) if sig.vote_line else ()
        end = (_p("Signature Block", sig.passed_line), *votes, *self.signature_lines())
        parts.append(Part("resolution-end", "resolution-end", end))
        return parts

    def appendix(self) -> Part:
        """The explanatory notes at the end, each headed by its part of the draft."""
        o = self.o
        items: list[Item] = [
            _p("Notes Heading", "Explanatory Notes"),
            _p("Note Text", NOTES_INTRO),
        ]
        form = Run("Form and procedure.", "Note Lead")
        items += [Block("Note Text", (form, Run(" " + line)), kind="form") for line in o.form_notes]
        notes: list[tuple[Note, str]] = []
        if o.findings and o.findings.note:
            notes.append((o.findings.note, "Findings"))
        notes += [(s.note, s.heading) for s in o.sections if s.note]
        if o.resolution:
            notes += [
                (s.note, f"Resolution paragraph {s.number}. {s.caption}")
                for s in o.resolution.sections
                if s.note
            ]
        items += [
            self.note(
                note,
                _p("Note Heading", heading),
                text="Note Text",
                source="Note Source",
                flag="State Law Flag",
            )
            for note, heading in notes
        ]
        return Part("notes", "notes", tuple(items))


def _runs_of_requests(
    rows: list[tuple[Section, Block]], said: dict[str, str], style: str
) -> list[Block]:
    """A long cover's resolution paragraphs, with each run of two or more consecutive
    paragraphs that request what sections of the ordinance provide said in one line."""
    out: list[Block] = []
    index = 0
    while index < len(rows):
        end = index
        while end < len(rows) and rows[end][0].summary in said:
            end += 1
        if end - index >= 2:
            first, last = rows[index][0], rows[end - 1][0]
            wheres = [said[sec.summary] for sec, _ in rows[index:end]]
            numbers = [w.removeprefix("section ") for w in wheres]
            label = f"Paragraphs {first.number} to {last.number}."
            text = f" Request what sections {', '.join(numbers[:-1])} and {numbers[-1]} provide."
            out.append(Block(style, (Run(label, "Note Lead"), Run(text))))
            index = end
        else:
            out.append(rows[index][1])
            index += 1
    return out


def _parts_named(wheres: list[str]) -> str:
    """Parts of the draft named briefly: ``the whole ordinance; sections 3, 4 and 7;
    resolution paragraphs 2 and 5``."""
    groups: dict[str, list[str]] = {}
    for where in dict.fromkeys(wheres):
        for prefix, plural in (
            ("Section ", "sections"),
            ("Resolution paragraph ", "resolution paragraphs"),
        ):
            if where.startswith(prefix):
                groups.setdefault(plural, []).append(where.removeprefix(prefix))
                break
        else:
            groups.setdefault(where[:1].lower() + where[1:], [])
    named = []
    for name, numbers in groups.items():
        if not numbers:
            named.append(name if name.startswith("the ") else f"the {name}")
        elif len(numbers) == 1:
            named.append(
                f"{name.removesuffix('s').replace('paragraphs', 'paragraph')} {numbers[0]}"
            )
        else:
            named.append(f"{name} {_listed(numbers)}")
    return "; ".join(named)


def _listed(items: list[str]) -> str:
    """``a, b and c``."""
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def _same(text: str) -> str:
    return text


def _keep_last_text(parts: list[Part], start: int) -> None:
    """Keep the last paragraph of section text in ``parts[start:]`` with what follows it.

    The last lines of the text then share a page with the signature block. Only section
    text counts: not a heading, not a note after it.
    """
    for index in range(len(parts) - 1, start - 1, -1):
        part = parts[index]
        if part.kind != "section":
            continue
        texts = [i for i, item in enumerate(part.items) if i and isinstance(item, Block)]
        if texts:
            items = list(part.items)
            items[texts[-1]] = replace(items[texts[-1]], keep_next=True)  # type: ignore[arg-type]
            parts[index] = replace(part, items=tuple(items))
            return
