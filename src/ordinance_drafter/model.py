"""The typed document model that assembly builds and every renderer reads.

Assembly settles everything that depends on the whole document: which sections are in
it, their numbers, the text of every cross-reference, which definitions are needed and the
notes attached to each part. Renderers only lay the model out; they never open clause
files or run templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A run of literal text."""

    text: str


@dataclass(frozen=True)
class Ref:
    """A resolved cross-reference, such as ``section 5(b)``.

    Attributes:
        target: The anchor id of the referenced section or subsection (see ``Paragraph.anchor``).
        text: The reference as it reads in the ordinance.
    """

    text: str
    target: str


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
        status: ``verified``, ``described`` or ``unconfirmed``.
    """

    cite: str
    note: str = ""
    url: str = ""
    status: str = "verified"


@dataclass(frozen=True)
class NotePart:
    """One headed part of an explanatory note (``What it does``, ``Why`` ...)."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """A warning about a provision, for instance from the state-law layer.

    Attributes:
        severity: ``forbidden``, ``limited``, ``restates`` or ``info``.
        message: What the user must know.
        citations: The law behind the warning.
        scope: ``state`` (the state-law layer) or ``federal`` (federal context).
        as_of: The date the underlying data was last checked (ISO format), if known.
        provision_id: The provision the flag is about, if any.
    """

    severity: str
    message: str
    citations: tuple[str, ...] = ()
    scope: str = "state"
    as_of: str = ""
    provision_id: str = ""


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
    """

    key: str
    number: str
    caption: str
    paragraphs: tuple[Paragraph, ...]
    anchor: str
    note: Note | None = None
    summary: str = ""

    @property
    def heading(self) -> str:
        """The heading as printed, e.g. ``Section 5. Detainer requests.``"""
        return f"Section {self.number}. {self.caption}"


@dataclass(frozen=True)
class Findings:
    """The findings recited before the enacting clause."""

    intro: str
    paragraphs: tuple[Paragraph, ...]
    note: Note | None = None


@dataclass(frozen=True)
class Resolution:
    """A companion resolution, used where the ordinance cannot bind an officer.

    A county board cannot direct an elected sheriff's jail by ordinance, so requests to
    the sheriff are gathered here instead of in the ordinance's sections.
    """

    title: str
    intro: str
    sections: tuple[Section, ...]
    closing: str


@dataclass(frozen=True)
class SignatureLine:
    """One signature line of the adoption block, e.g. ``Mayor``."""

    role: str
    label: str = ""


@dataclass(frozen=True)
class SignatureBlock:
    """The adoption, signature and attestation block."""

    passed_line: str
    signers: tuple[SignatureLine, ...]
    attest: tuple[SignatureLine, ...]
    confirm_note: str = ""
    extra_lines: tuple[str, ...] = ()


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
class Ordinance:
    """A complete model ordinance, ready to render."""

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

    def section(self, key: str) -> Section | None:
        """Return the section built from provision ``key``, if the draft has one."""
        return next((s for s in self.sections if s.key == key), None)

    def all_sections(self) -> tuple[Section, ...]:
        """Every numbered section, ordinance first, then any companion resolution."""
        extra = self.resolution.sections if self.resolution else ()
        return self.sections + extra
