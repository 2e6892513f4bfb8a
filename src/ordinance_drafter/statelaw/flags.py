"""Flags: what a user in a state should know about a provision."""

from __future__ import annotations

from dataclasses import dataclass

from ..library.loader import Library
from .data import state_data
from .schema import SEVERITIES, ProvisionFlagSpec, StateSpec


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


def _applies(spec: ProvisionFlagSpec, kind: str, variant: str | None) -> bool:
    if spec.kinds and kind not in spec.kinds:
        return False
    return not (spec.variants and variant and variant not in spec.variants)


def state_flags(
    library: Library, state: str, kind: str, provision_id: str, variant: str | None = None
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
        )
        for spec in entry.provisions.get(provision_id, ())
        if _applies(spec, kind, variant)
    ]


def federal_flags(library: Library, provision_id: str) -> list[Flag]:
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
        if provision_id in item.provisions
    ]


def provision_flags(
    library: Library, state: str, kind: str, provision_id: str, variant: str | None = None
) -> list[Flag]:
    """Everything a user in ``state`` should know about one provision.

    Args:
        library: The clause library (its state data is loaded on first use).
        state: The two-letter state code.
        kind: ``city`` or ``county``.
        provision_id: The provision.
        variant: The chosen variant, if any; some flags apply only to some variants.

    Returns:
        The state-law flags first (strongest first), then the federal context items.
    """
    flags = state_flags(library, state, kind, provision_id, variant)
    flags.sort(key=lambda f: list(SEVERITIES).index(f.severity))
    return flags + federal_flags(library, provision_id)


def state_entry(library: Library, state: str) -> StateSpec | None:
    """A state's entry, or ``None`` if the library has none for it."""
    return state_data(library).get(state)
