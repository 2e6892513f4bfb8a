"""Interactions between chosen provisions: what one needs from, conflicts with or adjusts in
another (``interactions`` in ``clause.yaml``; see ``docs/clause-format.md``).

:func:`apply_interactions` runs when answers are resolved. For each interaction whose two
provisions are both chosen it either makes the change (a ``needs`` with ``apply``, or an
``adjusts``, when the answers left that value or variant to its default) or records what
the answers contradict. Nothing the user set explicitly is ever changed: a contradiction
is reported, and the whole-ordinance check (``assembly.consistency``) turns it into a
finding that names both sections and what to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..library.loader import Library
from ..library.schema import ClauseSpec, InteractionTarget

APPLIED = "applied"  # the change was made
ADJUSTED = "adjusted"  # an ``adjusts`` change was made
KEPT = "kept"  # an ``adjusts`` change was not made, because the answers set the value
UNMET = "unmet"  # a ``needs`` the answers contradict (or that may not be applied)
CONFLICT = "conflict"  # a ``conflicts`` that holds


@dataclass(frozen=True)
class Outcome:
    """What one interaction did to, or found in, a set of choices.

    Attributes:
        provision: The provision that declares the interaction.
        target: The other provision.
        kind: ``needs``, ``conflicts`` or ``adjusts``.
        status: ``applied``, ``adjusted``, ``kept``, ``unmet`` or ``conflict``.
        title: The declaring provision's title.
        target_title: The other provision's title.
        wanted: What the interaction wants of (or conflicts with in) the other provision,
            in words, e.g. ``'U and T visa certification' among its exceptions``; empty for
            a conflict with the whole provision.
        field: The answers field concerned, e.g. ``provisions.status_inquiry.values.exceptions``.
        change: The change to that field that meets the need, in the answers file's terms,
            e.g. ``add victim_certification to provisions.status_inquiry.values.exceptions``.
        why: The interaction's reason, from the library.
        explicit: The answers set that field themselves (so nothing was changed).
        key: A stable id, so that a front end says each outcome once.
    """

    provision: str
    target: str
    kind: str
    status: str
    title: str
    target_title: str
    wanted: str
    field: str
    change: str
    why: str
    explicit: bool = False
    key: str = ""

    @property
    def is_problem(self) -> bool:
        """Whether the outcome is a contradiction the draft must report."""
        return self.status in (UNMET, CONFLICT)

    @property
    def message(self) -> str:
        """One sentence on what happened (or what is wrong), without the reason."""
        if self.status in (APPLIED, ADJUSTED):
            return (
                f"Because the draft includes '{self.title}', '{self.target_title}' now has "
                f"{self.wanted} (the tool made this change: {self.change})."
            )
        if self.status == KEPT:
            return (
                f"'{self.title}' would give '{self.target_title}' {self.wanted}, but the answers "
                f"set {self.field} themselves, so it was kept as answered."
            )
        if self.status == CONFLICT:
            other = (
                f"'{self.target_title}' with {self.wanted}"
                if self.wanted
                else (f"'{self.target_title}'")
            )
            return f"'{self.title}' conflicts with {other}."
        if self.explicit:
            return (
                f"'{self.title}' needs '{self.target_title}' to have {self.wanted}, but the "
                f"answers set {self.field} otherwise, and an answer is never overridden."
            )
        return f"'{self.title}' needs '{self.target_title}' to have {self.wanted}."

    @property
    def fix(self) -> str:
        """What to change, for a problem."""
        if self.status == CONFLICT:
            return f"Change one of them, or leave out '{self.title}' or '{self.target_title}'."
        change = self.change[:1].upper() + self.change[1:]
        return f"{change} in the answers, or leave out '{self.title}'."


def _wanted_words(spec: ClauseSpec, target: InteractionTarget) -> tuple[str, str, str]:
    """What ``target`` wants of provision ``spec``: in words, the answers field, and the
    change to that field in the answers file's terms."""
    base = f"provisions.{spec.id}"
    words: list[str] = []
    fields: list[str] = []
    changes: list[str] = []
    if target.variant:
        variant = spec.variant(target.variant)
        words.append(f"the version '{variant.label if variant else target.variant}'")
        fields.append(f"{base}.variant")
        changes.append(f"set {base}.variant to {target.variant}")
    if target.value:
        var = spec.variable(target.value)
        labels = {c.id: c.label for c in var.choices} if var is not None else {}
        noun = target.value.replace("_", " ")
        field = f"{base}.values.{target.value}"
        fields.append(field)
        if target.includes:
            label = labels.get(target.includes, target.includes)
            words.append(f"'{label}' among its {noun}")
            changes.append(f"add {target.includes} to {field}")
        else:
            label = labels.get(target.equals, target.equals) if labels else target.equals
            words.append(f"its {noun} set to {label!r}")
            changes.append(f"set {field} to {target.equals!r}")
    return " and ".join(words), " and ".join(fields), " and ".join(changes)


def _holds(target: InteractionTarget, choice: Any) -> bool:
    """Whether ``choice`` has what ``target`` describes (all of it)."""
    if target.variant and choice.variant != target.variant:
        return False
    if target.value:
        value = choice.values.get(target.value)
        if target.includes:
            return target.includes in (value or ())
        return value == target.equals
    return True


def _wanted(spec: ClauseSpec, target: InteractionTarget, choice: Any) -> tuple[str, dict[str, Any]]:
    """The variant and values ``choice`` would have with ``target``'s change made."""
    values = dict(choice.values)
    if target.value:
        if target.includes:
            var = spec.variable(target.value)
            current = list(values.get(target.value) or ())
            order = var.choice_ids if var is not None else ()
            picked = set(current) | {target.includes}
            # In the library's order of choices, so that the text lists them as it always does.
            values[target.value] = [c for c in order if c in picked] + [
                c for c in current if c not in order
            ]
        else:
            values[target.value] = target.equals
    return (target.variant or choice.variant), values


def _fields(target: InteractionTarget) -> set[str]:
    """The answers fields an interaction's change touches (``variant`` and/or a value)."""
    return {f for f in (("variant" if target.variant else ""), target.value) if f}


def _short(prompt: str) -> str:
    return " ".join(prompt.split("? (")[0].rstrip("?").split())


def apply_interactions(
    library: Library, choices: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Outcome]]:
    """Apply the interactions among chosen provisions.

    Args:
        library: The clause library.
        choices: The chosen provisions by id (each a frozen dataclass with ``variant``,
            ``values`` and ``explicit``: the answers fields the user set, ``variant`` or
            variable names).

    Returns:
        The choices with every allowed change made (the same objects where nothing
        changed), and one :class:`Outcome` per interaction that holds, in library order.
    """
    out = dict(choices)
    outcomes: list[Outcome] = []
    for pid in [p for p in library.clauses if p in choices]:
        spec = library.clauses[pid].spec
        for interaction in spec.interactions:
            target = interaction.target
            tid = target.provision
            if tid not in out or tid not in library.clauses:
                continue
            if interaction.variants and out[pid].variant not in interaction.variants:
                continue
            ospec = library.clauses[tid].spec
            wanted, field, change = _wanted_words(ospec, target)
            key = f"{pid}>{tid}:{interaction.kind}:{field}={target.includes or target.equals}"
            if target.variant:
                key += f":variant={target.variant}"
            made = {
                "provision": pid,
                "target": tid,
                "kind": interaction.kind,
                "title": spec.title,
                "target_title": ospec.title,
                "wanted": wanted,
                "field": field,
                "change": change,
                "why": " ".join(interaction.why.split()),
                "key": key,
            }
            choice = out[tid]
            holds = _holds(target, choice)
            if interaction.kind == "conflicts":
                if holds:
                    outcomes.append(Outcome(status=CONFLICT, **made))
                continue
            if holds:
                continue
            explicit = bool(_fields(target) & set(getattr(choice, "explicit", ())))
            if interaction.kind == "adjusts" and explicit:
                outcomes.append(Outcome(status=KEPT, explicit=True, **made))
                continue
            if interaction.kind == "needs" and (explicit or not interaction.apply):
                outcomes.append(Outcome(status=UNMET, explicit=explicit, **made))
                continue
            variant, values = _wanted(ospec, target, choice)
            out[tid] = replace(choice, variant=variant, values=values)
            status = ADJUSTED if interaction.kind == "adjusts" else APPLIED
            outcomes.append(Outcome(status=status, **made))
    return out, outcomes
