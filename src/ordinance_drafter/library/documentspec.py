"""The records of a clause library's whole-document files: ``library.yaml`` (its metadata,
the document's wording, the companion resolution, the vocabulary), ``forms.yaml`` (enacting
clause and signature block by state and type) and ``governments.yaml`` (forms of government).

The records of the provision and definition files are in :mod:`.schema`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from .schema import ID_RE, ChoiceSpec, Kind, SourceSpec, _Strict


class CategorySpec(_Strict):
    """A group of provisions, shown together in the interview and listings."""

    id: str = Field(pattern=ID_RE)
    title: str


class ResolutionWording(_Strict):
    """Wording of the companion resolution that a form may change (``forms.yaml``).

    Every field is a Jinja2 template that may use ``jur``; an empty field keeps the
    library's wording (``library.yaml``, ``document.resolution``).

    Attributes:
        recitals: The recitals, each without its ``WHEREAS,`` and final punctuation; a
            recital that renders empty is left out.
        resolving_clause: The clause that introduces the numbered paragraphs.
        passed_line: The line recording adoption.
        vote_line: The line recording the vote, e.g. ``Ayes: ____ Nays: ____``.
        signers: Who signs; the form's ordinance signers when empty.
        attest: Who attests; the form's ordinance attesters when empty.
    """

    recitals: tuple[str, ...] = ()
    resolving_clause: str = ""
    passed_line: str = ""
    vote_line: str = ""
    signers: tuple[str, ...] = ()
    attest: tuple[str, ...] = ()


class ResolutionSpec(ResolutionWording):
    """The companion resolution's wording (``library.yaml``, ``document.resolution``).

    A county board cannot bind an elected sheriff by ordinance, so what it asks of the
    sheriff goes into a resolution adopted with the ordinance. Each field is a Jinja2
    template that may use ``jur``; ``recitals`` may also use ``ordinance_number`` and
    ``ordinance_title``, ``transmittal`` may use ``clerk`` (the first attester) and the
    texts that name sections may use ``ref()`` and ``items()`` as clause texts do.

    Attributes:
        number_line: The number line, e.g. ``RESOLUTION NO. ____``.
        title: The resolution's title.
        recital_prefix: The word that opens each recital, e.g. ``WHEREAS,``.
        terms_caption: The caption of the paragraph on defined terms.
        terms: That paragraph (``ref('definitions')`` names the ordinance's definitions).
        sheriff_scope: The sentence added to each ordinance section whose provision has
            ``sheriff: request``.
        sections_caption: The caption of the paragraph listing those sections.
        sections: That paragraph's text; ``sections`` holds one entry per section.
        transmittal_caption: The caption of the transmittal paragraph.
        transmittal: The transmittal paragraph.
        response_caption: The caption of the paragraph asking for a written response.
        response: That paragraph.
        note: The resolution's explanatory note (the four note parts of a provision).
        sources: The sources the note relies on.
    """

    number_line: str
    title: str
    recital_prefix: str = "WHEREAS,"
    terms_caption: str = "Terms."
    terms: str
    sheriff_scope: str
    sections_caption: str
    sections: str
    transmittal_caption: str = "Transmittal."
    transmittal: str
    response_caption: str = "Response."
    response: str
    note: str = ""
    sources: tuple[SourceSpec, ...] = ()


class DocumentSpec(_Strict):
    """The library's document-level wording (Jinja2 templates that may use ``jur``).

    Attributes:
        title: The ordinance's title.
        disclaimer: The model-draft notice (may use ``version``).
        findings_intro: The sentence that opens the findings.
        definitions_caption: The definitions section's caption (and its note's title).
        definitions_intro: The sentence that opens it.
        definitions_summary: What the cover summary says it does, in one sentence.
        definitions_note: Its explanatory note, in the note format of a provision
            (``## Heading`` parts).
        definitions_order: Its place in the order of sections.
        resolution: The companion resolution's wording.
    """

    title: str
    disclaimer: str
    findings_intro: str
    definitions_caption: str = "Definitions."
    definitions_intro: str
    definitions_summary: str = Field(min_length=1)
    definitions_note: str = Field(min_length=1)
    definitions_order: int = 150
    resolution: ResolutionSpec


class VocabularySpec(_Strict):
    """An office or body the ordinance must name one way throughout (``vocabulary``).

    Attributes:
        role: What it is, in words: ``governing body``, ``attorney`` ...
        name: The one name, from the jurisdiction's answers (Jinja2, e.g. ``{{ jur.body }}``).
        others: Other names for the same office or body that must not appear beside it
            (Jinja2; a name that is part of ``name`` is allowed where ``name`` is).
        form_bodies: Also count each form's ``body`` (``forms.yaml``) as another name.
    """

    role: str
    name: str
    others: tuple[str, ...] = ()
    form_bodies: bool = False


class LibraryMeta(_Strict):
    """``library.yaml``: the library's name, version, categories and default preset."""

    name: str
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = ""
    default_preset: str = "essentials"
    categories: tuple[CategorySpec, ...]
    document: DocumentSpec
    vocabulary: tuple[VocabularySpec, ...] = ()


class FormWhen(_Strict):
    """Which jurisdictions a form fits; an empty list matches anything.

    ``city_type`` and ``county_type`` name the types ``governments.yaml`` lists for the
    state (Minnesota: ``statutory`` or ``charter``; Texas cities: ``home_rule`` or
    ``general_law``).
    """

    state: tuple[str, ...] = ()
    kind: tuple[Kind, ...] = ()
    city_type: tuple[str, ...] = ()
    county_type: tuple[str, ...] = ()

    def matches(self, state: str, kind: str, city_type: str, county_type: str = "") -> bool:
        """Whether a jurisdiction fits this rule."""
        return (
            (not self.state or state in self.state)
            and (not self.kind or kind in self.kind)
            and (not self.city_type or city_type in self.city_type)
            and (not self.county_type or county_type in self.county_type)
        )


class FormWarningSpec(_Strict):
    """A warning every draft of a form carries, in every notes mode and on the cover.

    Attributes:
        message: What the attorney must know (Jinja2; may use ``jur``), in our own words.
        citations: The law behind it, with pinpoint citations.
        as_of: The date the law was last read (YYYY-MM-DD).
    """

    message: str = Field(min_length=20)
    citations: tuple[str, ...] = ()
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")

    @field_validator("as_of", mode="before")
    @classmethod
    def _date_text(cls, value: Any) -> Any:
        # YAML reads an unquoted 2026-12-01 as a date.
        return value.isoformat() if hasattr(value, "isoformat") else value


class FormSpec(_Strict):
    """The formal parts of an ordinance for one kind of jurisdiction (``forms.yaml``).

    Attributes:
        id: The form's id.
        label: What it is for, e.g. ``Minnesota statutory city``.
        when: Which jurisdictions it fits; the first matching form is used.
        body: The governing body's name, e.g. ``City Council``.
        enacting_clause: A Jinja2 template, e.g. ``The City Council of the City of ... ordains:``.
        passed_line: The line recording adoption (Jinja2).
        signers: Who signs, e.g. ``Mayor``.
        attest: Who attests, e.g. ``City Clerk``.
        confirm: Items the attorney must confirm (Jinja2), e.g. a charter's enacting clause.
        notes: Notes on procedure (readings, publication), each with its citation (Jinja2).
        warnings: Warnings for the front of every draft (e.g. a county's ordinance authority).
        resolution: The companion resolution's wording where this form differs from the
            library's (``library.yaml``, ``document.resolution``).
    """

    id: str = Field(pattern=ID_RE)
    label: str
    when: FormWhen = Field(default_factory=FormWhen)
    body: str
    enacting_clause: str
    passed_line: str
    signers: tuple[str, ...]
    attest: tuple[str, ...]
    extra_lines: tuple[str, ...] = ()
    confirm: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[FormWarningSpec, ...] = ()
    resolution: ResolutionWording = Field(default_factory=ResolutionWording)


class FormsFile(_Strict):
    """``forms.yaml``."""

    forms: tuple[FormSpec, ...] = Field(min_length=1)


class TypeSpec(_Strict):
    """The types of city or county a state knows (``governments.yaml``, ``types``).

    Attributes:
        state: The two-letter state code.
        kind: ``city`` (the answer ``jurisdiction.city_type``) or ``county``
            (``jurisdiction.county_type``).
        prompt: The interview question.
        help: One line shown under it.
        choices: The types; the first is the default.
    """

    state: str = Field(pattern=r"^[A-Z]{2}$")
    kind: Kind
    prompt: str
    help: str = ""
    choices: tuple[ChoiceSpec, ...] = Field(min_length=2)


class GovernmentWhen(_Strict):
    """Where a form of government applies; an empty list matches anything."""

    state: tuple[str, ...] = ()
    kind: tuple[Kind, ...] = Field(min_length=1)
    city_type: tuple[str, ...] = ()
    county_type: tuple[str, ...] = ()


class GovernmentSpec(_Strict):
    """A form of government: who carries out an ordinance (``governments.yaml``).

    Attributes:
        id: The answer ``jurisdiction.government`` (``plan_b``, ``council_manager`` ...); the
            same id may serve several states.
        label: What it is, e.g. ``Minnesota statutory city, Optional Plan B``.
        when: Where it applies (state, kind, city or county type).
        default: The form a jurisdiction gets when it names none (one per place).
        administers: ``officer`` (an officer carries out the ordinance) or ``body`` (the
            governing body itself administers; duties go to the body "or the administering
            officer", the one officer it designates, so an officer may carry them out).
        officer: The administering officer's default title (``officer`` forms only).
        body: The governing body's name where it differs from the form's (``City Commission``).
        no_duties: Officers who hold no administrative duty under this form (e.g. the Mayor of
            a Minnesota statutory city); ``jurisdiction.executive`` may not name them.
        help: One line saying who administers, shown in the interview.
        counsel: What the attorney must still confirm, for the draft's procedure note.
        statutes: The law that sets the form up, each with how well it is confirmed.
    """

    id: str = Field(pattern=ID_RE)
    label: str
    when: GovernmentWhen
    default: bool = False
    administers: Literal["officer", "body"]
    officer: str = ""
    body: str = ""
    no_duties: tuple[str, ...] = ()
    help: str = Field(min_length=10)
    counsel: str = ""
    statutes: tuple[SourceSpec, ...] = ()

    def fits(self, state: str, kind: str, type_: str) -> bool:
        """Whether the form applies to a jurisdiction (``type_`` is its city or county type)."""
        types = self.when.city_type if kind == "city" else self.when.county_type
        return (
            kind in self.when.kind
            and (not self.when.state or state in self.when.state)
            and (not types or type_ in types)
        )


class GovernmentsFile(_Strict):
    """``governments.yaml``."""

    types: tuple[TypeSpec, ...] = ()
    governments: tuple[GovernmentSpec, ...] = Field(min_length=1)
