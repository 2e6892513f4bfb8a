"""Flags: what a user in a state should know about a provision, or one sentence of it."""

from __future__ import annotations

from dataclasses import dataclass

from ..library.loader import Library
from .data import state_data
from .schema import SEVERITIES, ProvisionFlagSpec, StateSpec


@dataclass(frozen=True)
class Cited:
    """A citation of state data with how it was confirmed (see ``CheckSpec``).

    Attributes:
        cite: The citation as the flag gives it.
        status: ``verified``, ``described`` or ``unconfirmed`` (``unconfirmed`` also when no
            ``checked`` entry confirms it).
        url: Where it was read.
        read: What was read.
        checked: When.
    """

    cite: str
    status: str = "unconfirmed"
    url: str = ""
    read: str = ""
    checked: str = ""


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
        anchor: The item of the provision the flag concerns (its ``anchor`` name), if any.
        quote: Words of the sentence the flag concerns, if any.
        where: Set by assembly for a flag on part of a section: the subsection label,
            e.g. ``(b)``, and the sentence, e.g. ``(b), the sentence "If a joint ..."``.
        cited: ``citations`` with how each was confirmed, for state flags.
    """

    severity: str
    message: str
    citations: tuple[str, ...] = ()
    scope: str = "state"
    as_of: str = ""
    provision_id: str = ""
    anchor: str = ""
    quote: str = ""
    where: str = ""
    cited: tuple[Cited, ...] = ()

    @property
    def unconfirmed(self) -> tuple[str, ...]:
        """The citations that are not verified (printed with a warning)."""
        return tuple(c.cite for c in self.cited if c.status != "verified")


def applies(
    spec: ProvisionFlagSpec, kind: str, variant: str | None, jail: str | None = None
) -> bool:
    """Whether a flag applies to this kind of jurisdiction, jail and variant."""
    if spec.kinds and kind not in spec.kinds:
        return False
    if spec.jails and jail is not None and jail not in spec.jails:
        return False
    return not (spec.variants and variant and variant not in spec.variants)


def cited(entry: StateSpec, citations: tuple[str, ...]) -> tuple[Cited, ...]:
    """``citations`` with the confirmation the state file records for each."""
    out = []
    for cite in citations:
        check = entry.confirmation(cite)
        if check is None:
            out.append(Cited(cite))
        else:
            out.append(Cited(cite, check.status, check.url, check.read, check.checked or ""))
    return tuple(out)


def state_flags(
    library: Library,
    state: str,
    kind: str,
    provision_id: str,
    variant: str | None = None,
    jail: str | None = None,
) -> list[Flag]:
    """Only the state-law flags for a provision (no federal context)."""
    entry = state_data(library).get(state)
    if entry is None:
        return []
    return [
        Flag(
            severity=spec.severity,
            message=" ".join(spec.message.split()),
            citations=spec.citations,
            scope="state",
            as_of=entry.as_of,
            provision_id=provision_id,
            anchor=spec.anchor,
            quote=" ".join(spec.quote.split()),
            cited=cited(entry, spec.citations),
        )
        for spec in entry.provisions.get(provision_id, ())
        if applies(spec, kind, variant, jail)
    ]


def federal_flags(library: Library, provision_id: str, kind: str | None = None) -> list[Flag]:
    """The federal context items that bear on a provision, each with its as-of date."""
    return [
        Flag(
            severity="info",
            message=f"{item.title}: {item.message(provision_id)}",
            citations=item.citations,
            scope="federal",
            as_of=item.as_of,
            provision_id=provision_id,
        )
        for item in state_data(library).federal
        if provision_id in item.provisions and (not item.kinds or kind in item.kinds or not kind)
    ]


def provision_flags(
    library: Library,
    state: str,
    kind: str,
    provision_id: str,
    variant: str | None = None,
    jail: str | None = None,
) -> list[Flag]:
    """Everything a user in ``state`` should know about one provision.

    Args:
        library: The clause library (its state data is loaded on first use).
        state: The two-letter state code.
        kind: ``city`` or ``county``.
        provision_id: The provision.
        variant: The chosen variant, if any; some flags apply only to some variants.
        jail: Who runs the jail (``none``, ``city``, ``county``, ``sheriff``), if known;
            some flags apply only where the jail is run a certain way.

    Returns:
        The state-law flags first (strongest first), then the federal context items.
        A flag with an ``anchor`` or ``quote`` concerns one sentence; assembly keeps it
        only when the draft's text has that sentence.
    """
    flags = state_flags(library, state, kind, provision_id, variant, jail)
    flags.sort(key=lambda f: list(SEVERITIES).index(f.severity))
    return flags + federal_flags(library, provision_id, kind)


def state_entry(library: Library, state: str) -> StateSpec | None:
    """A state's entry, or ``None`` if the library has none for it."""
    return state_data(library).get(state)
