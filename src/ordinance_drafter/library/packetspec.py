"""The records of the adoption packet's data (see docs/clause-format.md, "The adoption packet").

Two kinds of file hold it:

* each provision's ``clause.yaml`` may carry a ``packet:`` block (:class:`ProvisionPacket`):
  the cost items the provision brings, the rules it adds to the staff card, the deadlines it
  sets, the sentences residents read in the community summary, and the rules of a sheriff's
  directive that carries it out;
* ``packet/packet.yaml`` (:class:`PacketFile`) lists the documents and the adoption
  procedure of each form of government.

The texts are Jinja2 templates rendered in the library's sandbox with the provision's
values, except the residents' sentences: those are gettext messages (a translator sees them
as they are), so they take ``%(name)s`` placeholders instead (:data:`RESIDENT_NAMES` and the
provision's own variables).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ID_RE = r"^[a-z][a-z0-9_]*$"
DOC_ID_RE = r"^[a-z][a-z0-9-]*$"

#: The staff card's groups, in the order the card prints them.
CARD_GROUPS: dict[str, str] = {
    "daily": "In your everyday work",
    "ask": "If a federal immigration officer asks for help",
    "enter": "If an officer asks to enter a non-public area",
    "warrant": "Judicial warrant or administrative warrant?",
    "custody": "People in custody",
    "records": "Records and information",
    "write": "What to write down",
    "call": "Whom to call",
}

#: The placeholders every residents' sentence may use besides the provision's variables.
#: ``the_full_name`` ("the City of Northfield", "Rice County") and ``The_full_name`` are
#: worded by the summary's template in the summary's language; ``executive`` is empty where
#: the governing body itself administers, so a sentence should not rely on it.
RESIDENT_NAMES = (
    "name",
    "full_name",
    "the_full_name",
    "The_full_name",
    "body",
    "executive",
    "police",
    "attorney",
)

#: Status of a step's legal basis, as the state data and sources use it.
Status = Literal["verified", "described", "unconfirmed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class CostItem(_Strict):
    """A cost a provision brings, for staff to price (never a figure).

    Attributes:
        item: What it is, e.g. ``Training for current employees`` (Jinja2).
        measure: What staff price it in, e.g. ``staff hours`` or ``signs``.
        basis: How much of it the ordinance calls for, in words (Jinja2, with the values).
        when: Only when this expression is true (the provision's context).
    """

    item: str = Field(min_length=3)
    measure: str = Field(min_length=3)
    basis: str = ""
    when: str = ""


class CardRule(_Strict):
    """A rule for the front-line staff card.

    Attributes:
        group: Where on the card it goes (:data:`CARD_GROUPS`).
        text: The rule, one short imperative sentence (Jinja2).
        when: Only when this expression is true.
    """

    group: Literal["daily", "ask", "enter", "warrant", "custody", "records", "write", "call"]
    text: str = Field(min_length=5)
    when: str = ""


class Deadline(_Strict):
    """A deadline the ordinance sets, counted from a date the checklist knows.

    Attributes:
        what: What must be done by then (Jinja2).
        days: The provision's ``int`` variable that holds the number of days.
        start: Counted from the ``effective`` date (default) or from ``adoption``.
        when: Only when this expression is true; a deadline of 0 days is never listed.
    """

    what: str = Field(min_length=5)
    days: str = Field(pattern=ID_RE)
    start: Literal["effective", "adoption"] = "effective"
    when: str = ""


class ResidentLine(_Strict):
    """A sentence of the community summary (a gettext message, not a template).

    Attributes:
        text: Plain English in a complete sentence, with ``%(name)s`` placeholders only.
        changes: ``True`` (what changes for residents) or ``False`` (what does not).
        when: Only when this expression is true.
    """

    text: str = Field(min_length=10)
    changes: bool = True
    when: str = ""


class DirectiveRule(_Strict):
    """A rule of the sheriff's directive, in the Sheriff's own voice (Jinja2)."""

    text: str = Field(min_length=10)
    when: str = ""


class ProvisionPacket(_Strict):
    """A provision's packet data (``packet:`` in its clause.yaml)."""

    costs: tuple[CostItem, ...] = ()
    card: tuple[CardRule, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    residents: tuple[ResidentLine, ...] = ()
    directive: tuple[DirectiveRule, ...] = ()


class DocumentEntry(_Strict):
    """One document of the packet.

    Attributes:
        id: The word in its file name, e.g. ``staff-report``.
        title: Its title, e.g. ``Staff report``.
        template: Its template in ``packet/``.
        when: Written only when this expression is true (the packet context).
        why_not: What the packet says when the document is not written (Jinja2).
        compact: Set in the smaller card styles, with a one-line model statement, to fit
            one page.
        columns: Text columns (the staff card has 2).
        translatable: Its strings are gettext messages (``--language``).
    """

    id: str = Field(pattern=DOC_ID_RE)
    title: str
    template: str
    when: str = ""
    why_not: str = ""
    compact: bool = False
    columns: int = Field(default=1, ge=1, le=2)
    translatable: bool = False


class Step(_Strict):
    """A step of an adoption procedure.

    Attributes:
        what: The step's name, e.g. ``Notice of intention``.
        text: What it takes, in our own words (Jinja2).
        citations: The law behind it.
        status: ``verified`` (the law's text was read), ``described`` (a reliable secondary
            source) or ``unconfirmed``; the checklist marks anything short of ``verified``
            for the attorney.
        days_before: The step must be done at least this many days before the meeting.
        days_after: The step must be done within this many days after the ``from`` event.
        after: The event ``days_after`` counts from: ``adoption`` or ``publication``.
    """

    what: str = Field(min_length=3)
    text: str = Field(min_length=10)
    citations: tuple[str, ...] = ()
    status: Status = "verified"
    days_before: int | None = Field(default=None, ge=0)
    days_after: int | None = Field(default=None, ge=0)
    after: Literal["adoption", "publication"] = "adoption"


class SummaryPublication(_Strict):
    """Where the form's law allows an ordinance to be published as its title and a summary.

    Attributes:
        vote: The vote that approves summary publication, in words.
        conditions: What the law requires of the summary and its approval.
        citations: The law behind it.
        status: How well it is confirmed.
        read: What was read to confirm it, and when.
    """

    vote: str
    conditions: tuple[str, ...] = Field(min_length=1)
    citations: tuple[str, ...] = Field(min_length=1)
    status: Status = "verified"
    read: str = ""


class Procedure(_Strict):
    """How an ordinance is adopted under one form of government (a form id of forms.yaml).

    Attributes:
        steps: The steps in order.
        effective: When an ordinance takes effect if it does not say (Jinja2), or empty.
        summary_publication: Present where the law allows summary publication.
        no_summary: Why summary publication is not offered (Jinja2), when it is absent.
        counsel: Questions for the attorney about this procedure.
    """

    steps: tuple[Step, ...] = Field(min_length=1)
    effective: str = ""
    summary_publication: SummaryPublication | None = None
    no_summary: str = ""
    counsel: tuple[str, ...] = ()


class PacketFile(_Strict):
    """``packet/packet.yaml``: the documents, and the adoption procedure of each form.

    ``procedures`` is keyed by a form id of ``forms.yaml``; ``default`` serves every form
    without its own entry.
    """

    documents: tuple[DocumentEntry, ...] = Field(min_length=1)
    procedures: dict[str, Procedure]
    default: Procedure
