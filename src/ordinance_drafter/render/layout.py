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

import functools
from dataclasses import replace

from ..assembly.model import Note, Ordinance, Paragraph, Ref, Section
from ..statelaw.flags import Flag
from . import (
    RenderOptions,
    flag_text,
    is_warning,
    long_date,
    source_text,
    state_law_lines,
    typeset,
)
from .blocks import WORD, Block, Box, Item, Layout, Medium, Part, Run
from .blocks import paragraph as _p
from .cover import CoverBuilder

NOTES_INTRO = (
    "These notes explain each section: what it does, why, its legal basis and risks, and "
    "the laws it is modeled on. They are not part of the ordinance."
)
FLAGS_BOX_LEAD = "State-law warnings for the attorney (delete before introduction):"
STATE_BOX_LEAD = "State law, for the attorney (delete before introduction):"
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


def paragraph_style(p: Paragraph) -> str:
    """The named style for a paragraph of ordinance text."""
    if p.kind == "finding":
        return "Finding" if p.level else "Findings Intro"
    if p.kind == "definition" and p.level == 1:
        return "Definition"
    return f"Subsection {min(p.level, 4)}" if p.level else "Section Text"


@functools.lru_cache(maxsize=4096)  # a batch of drafts has the same paragraphs again and again
def _text_block(p: Paragraph, style: str, typeset_text: bool) -> Block:
    fix = typeset if typeset_text else str
    runs = tuple(
        Run(fix(seg.text), "Cross Reference", ref=seg)
        if isinstance(seg, Ref)
        else Run(fix(seg.text))
        for seg in p.segments
    )
    return Block(style, runs, label=p.label, level=p.level, anchor=p.anchor)


# -- the layout -------------------------------------------------------------------------


def layout(ordinance: Ordinance, options: RenderOptions, medium: Medium = WORD) -> Layout:
    """Lay a draft out for a medium: every part, block and note in reading order."""
    return _Builder(ordinance, options, medium).build()


def running_head(ordinance: Ordinance, options: RenderOptions) -> str:
    """The header of every page: ``DRAFT — <date>``, or nothing on the council copy."""
    if options.council_copy:
        return ""
    return f"DRAFT — {long_date(ordinance.metadata.draft_date)}"


class _Builder(CoverBuilder):
    """Builds one :class:`Layout`; each method lays out one part of the document (the
    cover's are in :class:`.cover.CoverBuilder`)."""

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
        return _text_block(p, style or paragraph_style(p), self.fix is typeset)

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
            # The state's law in regular weight, so that the warnings stand out in bold.
            law = [_p("State Law Text", self.fix(line)) for line in state_law_lines(o)]
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
