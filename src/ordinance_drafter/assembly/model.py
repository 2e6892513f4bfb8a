"""The typed document model that assembly builds and every renderer reads.

Assembly settles everything that depends on the whole document: which sections are in
it, their numbers, the text of every cross-reference, which definitions are needed and the
notes attached to each part. Renderers only lay the model out; they never open clause
files or run templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Part of the model, defined where they are made: a note's parts by the note parser, flags
# by the state-law layer.
from ..library.notes import NotePart as NotePart
from ..statelaw.flags import Flag as Flag
from ..statelaw.summary import StateLawSummary as StateLawSummary


@dataclass(frozen=True)
class Text:
    """A run of literal text."""

    text: str


@dataclass(frozen=True)
class RefPart:
    """One piece of a cross-reference's text and the anchor it comes from.

    ``section 5(b)(2)`` is the pieces ``section ``, ``5`` (the section's anchor), ``(b)``
    and ``(2)`` (each subsection's anchor), so that a renderer can print the number and
    each label as a field that points at its source (Word REF fields).

    Attributes:
        text: The piece as printed.
        target: The anchor the piece is copied from, or empty for literal words.
    """

    text: str
    target: str = ""


@dataclass(frozen=True)
class Ref:
    """A resolved cross-reference, such as ``section 5(b)``.

    Attributes:
        target: The anchor id of the referenced section or subsection (see ``Paragraph.anchor``).
        text: The reference as it reads in the ordinance.
        parts: The text split into pieces by source anchor; their texts join to ``text``.
    """

    text: str
    target: str
    parts: tuple[RefPart, ...] = ()


Segment = Text | Ref


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of ordinance text.

    Attributes:
        segments: The paragraph's text, with cross-references kept apart so that a renderer
            can turn them into links or fields.
        level: 0 for an unnumbered paragraph, 1 for (a), 2 for (1), 3 for (A), 4 for (i).
        label: The subsection label, such as ``(a)``; empty for level 0.
        anchor: A stable id other paragraphs can refer to, or empty.
        kind: What the paragraph is, so renderers can pick a named style:
            ``text``, ``definition``, ``finding`` or ``request``.
    """

    segments: tuple[Segment, ...]
    level: int = 0
    label: str = ""
    anchor: str = ""
    kind: str = "text"

    @property
    def text(self) -> str:
        """The paragraph's text without its label."""
        return "".join(s.text for s in self.segments)

    @property
    def labelled_text(self) -> str:
        """The paragraph's text with its label, as printed."""
        return f"{self.label} {self.text}" if self.label else self.text


@dataclass(frozen=True)
class Source:
    """A source a provision is modeled on or relies on.

    Attributes:
        cite: The pinpoint citation, e.g. ``Minneapolis Code § 19.30(a)(1)``.
        note: What the source provides, in a few words.
        url: Where a reader can check it, if known.
        status: ``verified``, ``described``, ``unconfirmed``, or ``confirm`` (a neutral entry:
            what to confirm under the state's own law, where the model rests on another's).
        model_of: The name of the state whose law this is, when the draft is for another
            state and the provision is only modeled on it (e.g. ``Oregon``); empty otherwise.
    """

    cite: str
    note: str = ""
    url: str = ""
    status: str = "verified"
    model_of: str = ""


@dataclass(frozen=True)
class Note:
    """The explanatory note for one part of the ordinance."""

    title: str
    parts: tuple[NotePart, ...]
    sources: tuple[Source, ...] = ()
    flags: tuple[Flag, ...] = ()
    provision_id: str = ""
    provision_version: str = ""
    variant_label: str = ""


@dataclass(frozen=True)
class Section:
    """A numbered section of the ordinance.

    Attributes:
        key: The provision id the section comes from (``definitions`` for the definitions).
        number: The section number as printed, e.g. ``5`` or ``19.50``.
        caption: The section caption.
        paragraphs: The section's text.
        anchor: The section's anchor id.
        note: Its explanatory note, if any.
        summary: One plain-language sentence on what the section does.
        codified: True for a section of a code chapter (``19.50. Detainer requests.``),
            False for a section of the ordinance itself (``Section 5. ...``).
        title: The section's title as the cover summary lists it: its caption without the
            full stop (the clause library's title names the provision in notes and lists).
        word: What a numbered part is called: ``Section``, or ``Paragraph`` in a resolution.
        label_word: The word a codified section's number carries in its heading, e.g.
            ``Sec.`` in a code that writes ``Sec. 44-1.``; empty for most codes.
        cover: The section's sentence on a long cover (empty: the cover shortens its
            summary).
    """

    key: str
    number: str
    caption: str
    paragraphs: tuple[Paragraph, ...]
    anchor: str
    note: Note | None = None
    summary: str = ""
    codified: bool = False
    title: str = ""
    word: str = "Section"
    label_word: str = ""
    cover: str = ""

    @property
    def number_label(self) -> str:
        """The number as it starts the heading: ``Section 5.``, ``Paragraph 2.``, ``19.50.``

        or, in a code that writes them so, ``Sec. 44-5.``.
        """
        if self.codified:
            return f"{self.label_word} {self.number}." if self.label_word else f"{self.number}."
        return f"{self.word} {self.number}."

    @property
    def heading(self) -> str:
        """The heading as printed, e.g. ``Section 5. Detainer requests.``"""
        return f"{self.number_label} {self.caption}"


@dataclass(frozen=True)
class Findings:
    """The findings recited before the enacting clause."""

    intro: str
    paragraphs: tuple[Paragraph, ...]
    note: Note | None = None


@dataclass(frozen=True)
class SignatureLine:
    """One signature line of the adoption block, e.g. ``Mayor``."""

    role: str
    label: str = ""


@dataclass(frozen=True)
class SignatureBlock:
    """The adoption, signature and attestation block.

    Attributes:
        passed_line: The line recording adoption.
        signers: Who signs.
        attest: Who attests.
        confirm_note: Items for the attorney to confirm, in brackets.
        extra_lines: Further lines, e.g. the date of publication.
        vote_line: The line recording the vote (``Ayes: ____ Nays: ____``), if any.
    """

    passed_line: str
    signers: tuple[SignatureLine, ...]
    attest: tuple[SignatureLine, ...]
    confirm_note: str = ""
    extra_lines: tuple[str, ...] = ()
    vote_line: str = ""


@dataclass(frozen=True)
class Resolution:
    """A companion resolution, used where the ordinance cannot bind an officer.

    A county board cannot direct an elected sheriff by ordinance, so its requests to the
    sheriff are adopted as a resolution with the ordinance: a number line and title,
    recitals, a resolving clause, numbered paragraphs (each phrased as what the requested
    policy should provide, never as a command to the sheriff, and ending with the
    transmittal and the request for a written response), and an adoption block with a
    vote line.

    Attributes:
        number_line: e.g. ``RESOLUTION NO. ____``.
        title: The resolution's title.
        recitals: The recitals as printed, each starting ``WHEREAS,`` and punctuated
            (``; and`` between them, ``;`` after the last).
        resolving_clause: e.g. ``NOW, THEREFORE, BE IT RESOLVED by the County Board ...:``.
        sections: The numbered paragraphs (``Section.word`` is ``Paragraph``).
        signature: The adoption line, vote line, signers and attesters.
        note: The explanatory note on the resolution as a whole.
    """

    number_line: str
    title: str
    recitals: tuple[str, ...]
    resolving_clause: str
    sections: tuple[Section, ...]
    signature: SignatureBlock
    note: Note | None = None

    @property
    def intro(self) -> str:
        """The recitals and resolving clause as one run of text."""
        return " ".join((*self.recitals, self.resolving_clause))

    @property
    def closing(self) -> str:
        """The adoption and vote lines as one run of text."""
        return " ".join(t for t in (self.signature.passed_line, self.signature.vote_line) if t)


@dataclass(frozen=True)
class Metadata:
    """Facts about the build that go into document properties and notes."""

    library_name: str
    library_version: str
    answers_fingerprint: str
    draft_date: str
    notes_author: str
    state: str
    kind: str
    provisions: tuple[str, ...] = field(default_factory=tuple)
    keywords: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CodeChapter:
    """The code chapter an ordinance adds or amends (``document.code_chapter``).

    When an ordinance is codified, its substantive sections become the sections of a
    chapter of the local code (19.10, 19.20 ...), introduced by one ordinance section
    (``Chapter 19 of the City Code is amended to read:``); its closing provisions
    (severability, effective date) stay uncodified sections of the ordinance.

    Attributes:
        chapter: The chapter as the user named it, e.g. ``Title 2, Chapter 19``.
        action: ``amend`` (the chapter is rewritten) or ``add`` (a new chapter).
        instruction: The amending instruction, e.g. ``Chapter 19 of the City Code is
            amended to read:``.
        heading: The chapter's heading, e.g. ``Chapter 19. Separation of City services
            from federal civil immigration enforcement``.
        section_number: The number of the ordinance section that carries the chapter.
    """

    chapter: str
    action: str
    instruction: str
    heading: str
    section_number: str = "1"


@dataclass(frozen=True)
class Finding:
    """Something the whole-ordinance check found wrong with a draft (see ``consistency``).

    Attributes:
        kind: ``interaction`` (a section needs what another does not give), ``conflict``,
            ``reference``, ``term``, ``name`` (a second name for an office or body),
            ``cover`` or ``spacing`` (white space or glued words).
        message: What is wrong, naming the sections.
        fix: What to change.
        provisions: The provisions involved (their ids).
        sections: Where in the draft, e.g. ``section 3``.
    """

    kind: str
    message: str
    fix: str
    provisions: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ordinance:
    """A complete model ordinance, ready to render.

    When ``code`` is set, the sections whose ``codified`` flag is true are printed inside
    the chapter, under the ordinance section ``code.section_number``. ``consistency`` holds
    what the whole-ordinance check found (the pipeline fills it in; renderers ignore it).
    ``state_law`` is what every format prints first about the state's law (its as-of date;
    for a state whose law forbids or limits provisions, the penalties and whom they reach).
    """

    jurisdiction_name: str
    title: str
    number_line: str
    disclaimer: str
    findings: Findings | None
    enacting_clause: str
    sections: tuple[Section, ...]
    signature: SignatureBlock
    metadata: Metadata
    resolution: Resolution | None = None
    flags: tuple[Flag, ...] = ()
    form_notes: tuple[str, ...] = ()
    code: CodeChapter | None = None
    consistency: tuple[Finding, ...] = ()
    state_law: StateLawSummary | None = None

    def section(self, key: str) -> Section | None:
        """Return the section built from provision ``key``, if the draft has one."""
        return next((s for s in self.sections if s.key == key), None)

    def all_sections(self) -> tuple[Section, ...]:
        """Every numbered section, ordinance first, then any companion resolution."""
        extra = self.resolution.sections if self.resolution else ()
        return self.sections + extra

    def flagged_sections(self) -> tuple[tuple[str, Flag], ...]:
        """Every state-law flag (not federal context) with the part it concerns, in order.

        Flags on the whole ordinance, in no section's note (a county's ordinance authority,
        from ``forms.yaml``), come first.
        """
        out: list[tuple[str, Flag]] = []
        if self.findings and self.findings.note:
            out += [("Findings", f) for f in self.findings.note.flags]
        for sec in self.sections:
            if sec.note:
                out += [(sec.heading, f) for f in sec.note.flags]
        if self.resolution:
            for sec in self.resolution.sections:
                if sec.note:
                    out += [(f"Resolution paragraph {sec.number}", f) for f in sec.note.flags]
        listed = {f for _h, f in out}
        out = [("Whole ordinance", f) for f in self.flags if f not in listed] + out
        return tuple(dict.fromkeys((h, f) for h, f in out if f.scope == "state"))

    def all_sources(self) -> tuple[Source, ...]:
        """Every source cited in the notes, once each, in the order first cited."""
        seen: dict[tuple[str, str], Source] = {}
        notes = [self.findings.note] if self.findings and self.findings.note else []
        notes += [s.note for s in self.all_sections() if s.note]
        if self.resolution and self.resolution.note:
            notes.append(self.resolution.note)
        for note in notes:
            for src in note.sources:
                seen.setdefault((src.cite, src.status), src)
        return tuple(seen.values())
