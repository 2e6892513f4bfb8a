"""The records a clause library is validated into (one per kind of YAML file)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .packetspec import ProvisionPacket

ID_RE = r"^[a-z][a-z0-9_]*$"


Kind = Literal["city", "county"]


RESERVED_NAMES = frozenset(
    {
        "jur",
        "state",
        "variant",
        "part",
        "sheriff",
        "has",
        "ref",
        "anchor",
        "selected",
        "values",
        "loop",
        "self",
    }
)


class _Strict(BaseModel):
    """A clause library record: frozen, unknown keys are refused, text is stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


SourceStatus = Literal["verified", "described", "unconfirmed"]


STATE_CODE_RE = r"^[A-Z]{2}$"


def iso_date(value: Any) -> str | None:
    """Accept a YAML date or an ISO date string; keep it as an ISO string (``None`` stays)."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    return text


class ConfirmationSpec(_Strict):
    """How a citation was confirmed, OpenFisca-style: the page read, what it is, and when.

    Attributes:
        url: The address of the page read.
        read: What that page is: its title or the site and document, e.g. ``ilga.gov, Public
            Act 104-0440``. Empty: the address says it.
        checked: The date it was read (ISO format). A citation without it is not confirmed.
        status: ``verified`` (the text or an official page was read), ``described`` (only a
            secondary source shows it) or ``unconfirmed`` (nothing read shows it; marked for
            the user's review).
    """

    url: str = ""
    read: str = ""
    checked: str | None = None
    status: SourceStatus = "verified"

    _checked = field_validator("checked", mode="before")(iso_date)

    @property
    def confirmed(self) -> bool:
        """Whether the record says what was read and when."""
        return bool(self.checked and (self.url or self.read))


class SourceSpec(ConfirmationSpec):
    """A citation a provision rests on (see :class:`ordinance_drafter.model.Source`).

    ``when`` is an optional Jinja2 expression over ``jur`` (and the provision's context): the
    source, or what stands in for it, is listed only in drafts where it is true, in every
    state (a statutory-city statute only in a statutory city's draft, a county's rule only
    in a county's). It says only what ``states`` does not: the kind or type of jurisdiction,
    who runs the jail, a variant; never the state (``lint-library`` reports one that does).

    Attributes:
        cite: The pinpoint citation, e.g. ``Minneapolis Code § 19.30(a)(1)``.
        note: What the source provides, in a few words.
        states: The states whose law this is, where it is the basis of text that applies
            only there (e.g. ``[MN]`` for Minn. Stat. § 412.191). A draft for another state
            leaves it out and lists ``elsewhere`` instead. Empty: every draft lists it (federal
            law, cases, and ordinances or statutes the provision is modeled on).
        elsewhere: What the user of another state must confirm under that state's law, e.g.
            ``when an ordinance takes effect and how it is published``.
        elsewhere_when: Where that item to confirm fits fewer jurisdictions than the source
            (an expression like ``when``, also never testing the state), e.g.
            ``jur.kind == 'county'`` for an opinion on county boards that this state's city
            drafts cite as background but whose point only a county must confirm elsewhere.
        law_of: The state whose statute, court decision or official opinion this is, where
            the provision is only modeled on it (e.g. ``OR`` for Or. Rev. Stat. § 181A.829).
            Every draft lists it; a draft for any other state labels it a model, not that
            state's law. Every state-law source says ``states`` or ``law_of`` (lint checks).
    """

    cite: str = Field(min_length=3)
    note: str = ""
    when: str = ""
    states: tuple[str, ...] = ()
    elsewhere: str = ""
    elsewhere_when: str = ""
    law_of: str = ""

    @field_validator("states")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [c for c in value if not re.match(STATE_CODE_RE, c)]
        if bad:
            raise ValueError(f"'{bad[0]}' is not a two-letter state code such as MN")
        return value

    @field_validator("law_of")
    @classmethod
    def _code(cls, value: str) -> str:
        if value and not re.match(STATE_CODE_RE, value):
            raise ValueError(f"'{value}' is not a two-letter state code such as OR")
        return value

    @model_validator(mode="after")
    def _one_owner(self) -> SourceSpec:
        if self.states and self.law_of:
            raise ValueError(
                "give either 'states' (the basis of text only those states' drafts get) or "
                "'law_of' (another state's law the text is only modeled on), not both"
            )
        if self.elsewhere_when and not self.elsewhere:
            raise ValueError(
                "'elsewhere_when' limits the item to confirm that 'elsewhere' names; give "
                "'elsewhere' with it, or drop it"
            )
        return self

    def listed(self, state: str, fits: Callable[[str], bool]) -> bool:
        """Whether a draft for ``state`` lists this source or its item to confirm.

        ``fits`` evaluates a ``when`` expression for the draft (an empty one fits). ``when``
        counts in every state; ``elsewhere_when`` only where the item to confirm stands in.
        """
        if self.when and not fits(self.when):
            return False
        return self.applies_in(state) or not self.elsewhere_when or fits(self.elsewhere_when)

    @property
    def whose(self) -> str:
        """Whose law it is, as a listing of the library prints it after the citation, e.g.
        `` (MN drafts only)`` or `` (CA law; a model in other states' drafts)``; else empty."""
        if self.states:
            return f" ({', '.join(self.states)} drafts only)"
        if self.law_of:
            return f" ({self.law_of} law; a model in other states' drafts)"
        return ""

    def applies_in(self, state: str) -> bool:
        """Whether a draft for ``state`` lists this source."""
        return not self.states or state in self.states


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
    #: The long cover's sentence for the section: a Jinja2 template in the section's
    #: context (``jur``, ``variant``, ``part``, the provision's values), one short
    #: sentence (lint-library counts its words).
    cover: str = ""
    placement: Literal["findings", "body"] = "body"
    applies_to: tuple[Kind, ...] = ("city", "county")
    needs_jail: bool = False
    sheriff: Literal["ordinance", "request", "resolution", "omit"] | None = None
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

    def sheriff_treatment(self, jur: Any) -> str:
        """How the provision treats an elected sheriff's office in jurisdiction ``jur``.

        ``""`` when no sheriff's office is involved: a city, or a county whose sheriff
        neither runs the jail (for a jail provision) nor is its law enforcement agency.
        Otherwise the ``sheriff`` field (``ordinance`` when it is not set): ``ordinance``
        (the section binds only what the board controls), ``request`` (the section applies
        to the sheriff's office only as far as the board has authority, and the companion
        resolution asks the sheriff to follow it in full), ``resolution`` (the section
        becomes a request in the companion resolution) or ``omit``.
        """
        reached = jur.sheriff_jail if self.needs_jail else jur.sheriff_office
        return (self.sheriff or "ordinance") if reached else ""


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


class PresetWhen(_Strict):
    """The jurisdictions a preset is the default for (``default_for`` in a preset)."""

    kind: tuple[Kind, ...] = Field(min_length=1)
    jail: tuple[Literal["none", "city", "county", "sheriff"], ...] = Field(min_length=1)


class PresetSpec(_Strict):
    """A starting point: a set of provisions with their variants and values.

    ``default_for`` makes the preset the starting point, in place of the library's
    ``default_preset``, for answers that name no preset and no provisions (a county whose
    sheriff runs the jail starts from the county-sheriff preset).

    Attributes:
        state_compliant: The preset adapts to the user's state: ``provisions`` is the
            starting set, and for a state whose law forbids or limits provisions the draft
            keeps only what that law allows (the state file's ``lawful`` list where it has
            one, else the starting set without what the state data flags), each kept
            provision's note saying why it is lawful there.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    description: str
    jurisdiction: dict[str, Any] = Field(default_factory=dict)
    default_for: PresetWhen | None = None
    state_compliant: bool = False
    provisions: dict[str, dict[str, Any] | None]
