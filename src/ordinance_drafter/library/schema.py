"""The records a clause library is validated into (one per kind of YAML file)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .packetspec import ProvisionPacket

ID_RE = r"^[a-z][a-z0-9_]*$"


Kind = Literal["city", "county"]


RESERVED_NAMES = frozenset(
    {"jur", "variant", "part", "has", "ref", "anchor", "selected", "values", "loop", "self"}
)


class _Strict(BaseModel):
    """A clause library record: frozen, unknown keys are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class SourceSpec(_Strict):
    """A citation a provision rests on (see :class:`ordinance_drafter.model.Source`)."""

    cite: str = Field(min_length=3)
    note: str = ""
    url: str = ""
    status: Literal["verified", "described", "unconfirmed"] = "verified"


class ChoiceSpec(_Strict):
    """One option of a choice or multiselect variable."""

    id: str = Field(pattern=ID_RE)
    label: str
    summary: str = ""


class VariableSpec(_Strict):
    """A value the user supplies for a provision, declared like a copier question.

    Attributes:
        name: The name the templates use.
        type: ``bool``, ``choice``, ``multiselect``, ``text`` or ``int``.
        prompt: The question asked in the interview.
        help: One or two sentences shown under the question.
        default: The value used when the user accepts the default.
        choices: The options of a ``choice`` or ``multiselect`` variable.
        when: A Jinja2 expression; the variable is asked only when it is true.
        min: The smallest value of an ``int`` variable.
        max: The largest value of an ``int`` variable.
    """

    name: str = Field(pattern=ID_RE)
    type: Literal["bool", "choice", "multiselect", "text", "int"]
    prompt: str
    help: str = ""
    default: Any = None
    choices: tuple[ChoiceSpec, ...] = ()
    when: str = ""
    min: int | None = None
    max: int | None = None

    @field_validator("name")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_NAMES:
            raise ValueError(f"'{value}' is reserved for the template context")
        return value

    @property
    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the options."""
        return tuple(c.id for c in self.choices)


class VariantSpec(_Strict):
    """One alternative wording of a provision.

    Attributes:
        id: The id templates test with ``variant == '...'``.
        label: A short name, shown in choices.
        summary: One line on what this variant changes, shown in the interview and to trainers.
        applies_to: Jurisdiction kinds this variant suits.
    """

    id: str = Field(pattern=ID_RE)
    label: str
    summary: str
    applies_to: tuple[Kind, ...] = ("city", "county")
    requires: tuple[str, ...] = ()


class InteractionTarget(_Strict):
    """The other provision an interaction concerns, and what about it.

    Attributes:
        provision: The other provision's id.
        variant: ``needs``: the variant the other provision must use; ``conflicts``: the
            variant that conflicts (empty: any).
        value: The name of one of the other provision's variables (with ``includes`` or
            ``equals``).
        includes: A multiselect variable's choice that must be (``needs``, ``adjusts``), or
            that conflicts when it is (``conflicts``), among the chosen values.
        equals: The value another kind of variable must have, or conflicts when it has.
    """

    provision: str = Field(pattern=ID_RE)
    variant: str = ""
    value: str = ""
    includes: str = ""
    equals: Any = None

    @property
    def wants_value(self) -> bool:
        """Whether the interaction concerns one of the other provision's values."""
        return bool(self.includes) or self.equals is not None


class InteractionSpec(_Strict):
    """What a provision needs from, conflicts with, or adjusts in another provision.

    Exactly one of ``needs``, ``conflicts`` and ``adjusts`` is given. An interaction holds
    only when both provisions are in the draft (and, with ``variants``, when this provision
    uses one of them).

    Attributes:
        needs: What the other provision must be for the two to agree. With ``apply``,
            assembly makes the change when the answers leave that value or variant to its
            default; when the answers set it otherwise, the draft reports a finding and
            keeps the answer.
        conflicts: A variant or value of the other provision that contradicts this one; the
            draft reports a finding when both are chosen.
        adjusts: A change this provision makes to the other provision's default; assembly
            makes it unless the answers set that value themselves.
        variants: This provision's variants the interaction applies to (empty: all).
        apply: ``needs`` only: whether assembly may make the change itself.
        why: One or two sentences on why, shown when the change is made or reported.
    """

    needs: InteractionTarget | None = None
    conflicts: InteractionTarget | None = None
    adjusts: InteractionTarget | None = None
    variants: tuple[str, ...] = ()
    apply: bool = False
    why: str = Field(min_length=10)

    @model_validator(mode="after")
    def _one_kind(self) -> InteractionSpec:
        given = [k for k in ("needs", "conflicts", "adjusts") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "an interaction gives exactly one of 'needs', 'conflicts' and 'adjusts'"
                + (f" (this one gives {' and '.join(given)})" if given else "")
            )
        target = self.target
        if target.includes and target.equals is not None:
            raise ValueError("give 'includes' (a multiselect's choice) or 'equals', not both")
        if target.wants_value and not target.value:
            raise ValueError("'includes' and 'equals' need 'value': the variable they concern")
        if target.value and not target.wants_value:
            raise ValueError(f"'value: {target.value}' needs 'includes' or 'equals'")
        if self.kind != "conflicts" and not (target.variant or target.wants_value):
            raise ValueError(
                f"'{self.kind}' must say what it wants of '{target.provision}': a 'variant', "
                "or a 'value' with 'includes' or 'equals'"
            )
        if self.apply and self.kind != "needs":
            raise ValueError("'apply' goes with 'needs' only ('adjusts' always applies)")
        return self

    @property
    def kind(self) -> str:
        """``needs``, ``conflicts`` or ``adjusts``."""
        return next(k for k in ("needs", "conflicts", "adjusts") if getattr(self, k) is not None)

    @property
    def target(self) -> InteractionTarget:
        """The other provision and what about it."""
        found = self.needs or self.conflicts or self.adjusts
        assert found is not None
        return found


class ClauseSpec(_Strict):
    """The metadata of one provision (``provisions/<id>/clause.yaml``)."""

    id: str = Field(pattern=ID_RE)
    title: str
    caption: str = ""
    category: str = Field(pattern=ID_RE)
    order: int
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    summary: str = Field(min_length=10)
    placement: Literal["findings", "body"] = "body"
    applies_to: tuple[Kind, ...] = ("city", "county")
    needs_jail: bool = False
    sheriff: Literal["ordinance", "resolution", "omit"] = "ordinance"
    required: bool = False
    requires: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    variants: tuple[VariantSpec, ...] = ()
    variables: tuple[VariableSpec, ...] = ()
    interactions: tuple[InteractionSpec, ...] = ()
    sources: tuple[SourceSpec, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    packet: ProvisionPacket = Field(default_factory=ProvisionPacket)

    @property
    def variant_ids(self) -> tuple[str, ...]:
        """The ids of the variants (empty if the provision has only one wording)."""
        return tuple(v.id for v in self.variants)

    @property
    def default_variant(self) -> str:
        """The variant used when none is chosen."""
        return self.variants[0].id if self.variants else ""

    def variant(self, vid: str) -> VariantSpec | None:
        """Return the variant with id ``vid``."""
        return next((v for v in self.variants if v.id == vid), None)

    def variable(self, name: str) -> VariableSpec | None:
        """Return the variable called ``name``."""
        return next((v for v in self.variables if v.name == name), None)


class DefinitionSpec(_Strict):
    """A defined term (``definitions/<id>.yaml``).

    Attributes:
        id: The definition's id.
        term: The term as it reads in running text, e.g. ``judicial warrant``. May use
            ``jur``, e.g. ``{{ jur.Kind }} property``.
        forms: Other forms of the term that count as a use, e.g. a plural.
        means: The rest of the definition after the quoted term, e.g. ``means a warrant ...``.
            A Jinja2 template.
        avoid: Loose synonyms the linter flags, so the defined term is used consistently.
        sources: Where the definition comes from.
    """

    id: str = Field(pattern=ID_RE)
    term: str
    forms: tuple[str, ...] = ()
    means: str
    avoid: tuple[str, ...] = ()
    sources: tuple[SourceSpec, ...] = ()


class PresetSpec(_Strict):
    """A starting point: a set of provisions with their variants and values."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    description: str
    jurisdiction: dict[str, Any] = Field(default_factory=dict)
    provisions: dict[str, dict[str, Any] | None]


class CategorySpec(_Strict):
    """A group of provisions, shown together in the interview and listings."""

    id: str = Field(pattern=ID_RE)
    title: str


class DocumentSpec(_Strict):
    """The library's document-level wording (Jinja2 templates that may use ``jur``)."""

    title: str
    disclaimer: str
    findings_intro: str
    definitions_caption: str = "Definitions."
    definitions_intro: str
    definitions_order: int = 150
    resolution_title: str
    resolution_intro: str
    resolution_closing: str


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
    """Which jurisdictions a form fits; an empty list matches anything."""

    state: tuple[str, ...] = ()
    kind: tuple[Kind, ...] = ()
    city_type: tuple[Literal["statutory", "charter"], ...] = ()

    def matches(self, state: str, kind: str, city_type: str) -> bool:
        """Whether a jurisdiction fits this rule."""
        return (
            (not self.state or state in self.state)
            and (not self.kind or kind in self.kind)
            and (not self.city_type or city_type in self.city_type)
        )


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


class FormsFile(_Strict):
    """``forms.yaml``."""

    forms: tuple[FormSpec, ...] = Field(min_length=1)
