"""The ``state-compliant`` preset: for the user's state, only what its law allows.

For a state whose file lists what its law still allows (``lawful``), the draft has exactly
those provisions, with the variants and values given there, plus the provisions every
draft has. For another state, it is the preset's starting set without each provision that
the state data flags as forbidden or limited for this kind of jurisdiction and jail; a
flag on one sentence that names the values leaving the sentence out (``fix``) keeps the
provision with those values. Every kept provision carries a reason, which its note prints
under "Lawful in <state>".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..library.loader import Library
from .data import state_data
from .flags import applies, state_flags
from .schema import StateSpec

SERIOUS = ("forbidden", "limited")


@dataclass(frozen=True)
class Kept:
    """A provision the state-compliant preset keeps, and why.

    Attributes:
        pid: The provision.
        variant: Its variant (empty: the default).
        values: Values it sets.
        why: Why it is lawful in the state, in our own words.
        citations: The state law the reason rests on.
        confidence: ``high``, ``medium`` or ``low``.
        reviewed: Whether the reason was written for this provision (the state file's
            ``lawful`` list) rather than inferred from the absence of a flag.
    """

    pid: str
    variant: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    why: str = ""
    citations: tuple[str, ...] = ()
    confidence: str = "medium"
    reviewed: bool = False

    def matches(self, variant: str, values: dict[str, Any]) -> bool:
        """Whether a draft's choice is the one this reason is about."""
        if self.variant and variant != self.variant:
            return False
        return all(values.get(k) == v for k, v in self.values.items())


def _generic_reason(entry: StateSpec | None, state_name: str) -> tuple[str, tuple[str, ...]]:
    if entry is None:
        return (
            f"The clause library has no state-law data for {state_name}; confirm under "
            "state law before adopting.",
            (),
        )
    cites = entry.citations[:2]
    if entry.forbidding:
        return (
            f"The state data flags nothing in this provision, as worded here, under "
            f"{state_name}'s law on local immigration policies; it was not reviewed provision "
            "by provision, so confirm it before adopting.",
            cites,
        )
    if entry.status == "statewide_separation":
        return (
            f"{state_name} law itself limits state and local participation in immigration "
            "enforcement, and no state statute bars local provisions like this one (state data "
            f"as of {entry.as_of}).",
            cites,
        )
    return (
        f"No {state_name} statute either prohibiting or requiring local separation policies "
        f"was found (state data as of {entry.as_of}, confidence {entry.confidence}); confirm "
        "under state law.",
        cites,
    )


def compliant_provisions(
    library: Library,
    state: str,
    state_name: str,
    kind: str,
    jail: str,
    base: dict[str, dict[str, Any] | None],
) -> dict[str, Kept]:
    """The provisions the state-compliant preset keeps for this jurisdiction, in order.

    Args:
        library: The clause library.
        state: The jurisdiction's state code.
        state_name: The state's name, for the reasons.
        kind: ``city`` or ``county``.
        jail: Who runs the jail.
        base: The preset's starting set: provision id -> ``{variant, values}`` or ``None``.
    """
    entry = state_data(library).get(state)
    required = [cid for cid, c in library.clauses.items() if c.spec.required]
    kept: dict[str, Kept] = {}
    if entry is not None and entry.lawful:
        for pid, law in entry.lawful.items():
            kept[pid] = Kept(
                pid,
                law.variant,
                dict(law.values),
                " ".join(law.why.split()),
                law.citations,
                law.confidence,
                reviewed=True,
            )
        why, cites = _generic_reason(entry, state_name)
        for pid in required:
            kept.setdefault(pid, Kept(pid, why=why, citations=cites))
        return {cid: kept[cid] for cid in library.clauses if cid in kept}
    why, cites = _generic_reason(entry, state_name)
    for pid, answer in base.items():
        if pid not in library.clauses:
            continue
        answer = answer or {}
        spec = library.clauses[pid].spec
        variant = answer.get("variant") or spec.default_variant
        values = dict(answer.get("values") or {})
        flags = [
            f
            for f in state_flags(library, state, kind, pid, variant, jail)
            if f.severity in SERIOUS
        ]
        fixes = _fixes(entry, pid, kind, variant, jail) if flags else None
        if flags and fixes is None:
            continue  # the provision itself is flagged: leave it out
        values.update(fixes or {})
        kept[pid] = Kept(pid, answer.get("variant") or "", values, why, cites, "low")
    for pid in required:
        kept.setdefault(pid, Kept(pid, why=why, citations=cites))
    return {cid: kept[cid] for cid in library.clauses if cid in kept}


def _fixes(
    entry: StateSpec | None, pid: str, kind: str, variant: str, jail: str
) -> dict[str, Any] | None:
    """The values that leave out every serious flagged sentence, or ``None`` if one can't be."""
    if entry is None:
        return None
    values: dict[str, Any] = {}
    for spec in entry.provisions.get(pid, ()):
        if spec.severity not in SERIOUS or not applies(spec, kind, variant, jail):
            continue
        if not (spec.anchor or spec.quote) or not spec.fix:
            return None
        values.update(spec.fix)
    return values


def is_state_compliant(library: Library, preset: str | None) -> bool:
    """Whether ``preset`` is a preset that adapts to the user's state."""
    spec = library.presets.get(preset) if preset else None
    return bool(spec and spec.state_compliant)
