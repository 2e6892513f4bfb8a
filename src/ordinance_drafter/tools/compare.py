"""Comparing two drafts: ``ordinance-drafter compare A B``.

A and B are each a preset name or an answers file. A preset says which provisions a draft
has but not whose draft it is, so a preset side borrows its jurisdiction (and document
options) from:

1. the other side, if that is an answers file;
2. otherwise a sample Minnesota city, the City of Sampleton (``--set`` can change it,
   e.g. ``--set jurisdiction.name=Northfield --set jurisdiction.kind=county``).

``--set`` overrides apply to both sides, after everything else, so that both drafts are
for the same place. The comparison works on resolved answers (which provisions, which
variant, which values) and, for the redline, on the two assembled document models.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..answers.resolve import Resolved, resolve
from ..answers.schema import parse_answers
from ..answers.sets import apply_sets
from ..errors import AnswerError
from ..library.loader import Library
from ..library.yamlio import did_you_mean, read_yaml

SAMPLE_JURISDICTION: dict[str, Any] = {
    "name": "Sampleton",
    "kind": "city",
    "state": "MN",
    "city_type": "statutory",
}
"""The jurisdiction a preset is drafted for when nothing else names one."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison.

    Attributes:
        label: What the user gave: a preset name or a file path.
        kind: ``preset`` or ``file``.
        resolved: The resolved answers.
        library: The clause library the side is drafted with.
    """

    label: str
    kind: str
    resolved: Resolved
    library: Library

    @property
    def title(self) -> str:
        """How the side is named in tables and the redline, e.g. ``preset essentials``."""
        return f"preset {self.label}" if self.kind == "preset" else self.label


@dataclass(frozen=True)
class ValueChange:
    """One variable whose value differs between the two sides."""

    name: str
    before: Any
    after: Any

    def describe(self) -> str:
        """The change in a few words, e.g. ``exceptions: + employment, − eligibility``."""
        if isinstance(self.before, list) and isinstance(self.after, list):
            added = [x for x in self.after if x not in self.before]
            removed = [x for x in self.before if x not in self.after]
            parts = [f"+ {x}" for x in added] + [f"− {x}" for x in removed]
            if not parts:  # same items, other order
                parts = [f"{_show(self.before)} → {_show(self.after)}"]
            return f"{self.name}: {', '.join(parts)}"
        return f"{self.name}: {_show(self.before)} → {_show(self.after)}"


@dataclass(frozen=True)
class ProvisionDiff:
    """How one provision differs between side A and side B.

    Attributes:
        id: The provision id.
        title: Its title.
        status: ``added`` (only in B), ``removed`` (only in A), ``changed`` or ``same``.
        variant_a: A's variant label ("" if absent or without variants).
        variant_b: B's variant label.
        values: Variables whose values differ (only those that apply to the variant).
        version_a: The provision's version in A's library ("" if absent).
        version_b: The provision's version in B's library.
    """

    id: str
    title: str
    status: str
    variant_a: str = ""
    variant_b: str = ""
    values: tuple[ValueChange, ...] = ()
    version_a: str = ""
    version_b: str = ""


@dataclass(frozen=True)
class Comparison:
    """The differences between two drafts.

    Attributes:
        a: Side A (the "before" draft).
        b: Side B (the "after" draft).
        provisions: One entry per provision in either draft, in the library's order.
        settings: Jurisdiction and document answers that differ: (field, A's, B's).
    """

    a: Side
    b: Side
    provisions: tuple[ProvisionDiff, ...]
    settings: tuple[tuple[str, Any, Any], ...]

    @property
    def differences(self) -> tuple[ProvisionDiff, ...]:
        """The provisions that differ."""
        return tuple(p for p in self.provisions if p.status != "same")

    @property
    def identical(self) -> bool:
        """Whether the two drafts choose the same provisions, variants, values and settings."""
        return not self.differences and not self.settings


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]" if value else "none"
    if value is None or value == "":
        return "—"
    return str(value)


def _classify(arg: str, library: Library) -> str:
    """``file`` or ``preset``; raise a helpful error if ``arg`` is neither."""
    path = Path(arg)
    if path.is_file():
        return "file"
    if arg in library.presets:
        return "preset"
    if path.exists():
        raise AnswerError(f"{arg}: is a folder, not an answers file or a preset name.")
    looks_like_file = "/" in arg or "\\" in arg or path.suffix.lower() in (".yaml", ".yml")
    if looks_like_file:
        raise AnswerError(
            f"{arg}: the answers file does not exist. Give an existing answers file or one of "
            f"the presets: {', '.join(library.presets)}."
        )
    raise AnswerError(
        f"'{arg}' is neither an answers file nor a preset of the clause library."
        f"{did_you_mean(arg, library.presets)} Presets: {', '.join(library.presets)}."
    )


def _read_file(path: Path) -> dict[str, Any]:
    data = read_yaml(path, AnswerError, "answers file")
    if not isinstance(data, dict):
        parse_answers(data, str(path))  # raises the standard message
    return data


def _preset_data(preset: str, library: Library, other: dict[str, Any] | None) -> dict[str, Any]:
    """Answers data for a preset side, with the jurisdiction borrowed as the module says."""
    if other is not None and isinstance(other.get("jurisdiction"), dict):
        jurisdiction = dict(other["jurisdiction"])
        document = dict(other.get("document") or {})
    else:
        jurisdiction = dict(SAMPLE_JURISDICTION)
        defaults = dict(library.presets[preset].jurisdiction)
        if defaults.get("kind") == "county":
            jurisdiction = {"name": "Sample", "kind": "county", "state": "MN"}
        jurisdiction.update(defaults)
        document = {}
    return {"preset": preset, "jurisdiction": jurisdiction, "document": document}


def _fit_sample(data: dict[str, Any], sets: Sequence[str]) -> None:
    """Drop the sample city's ``city_type`` when ``--set`` made the sample a county (the
    README's ``--set jurisdiction.kind=county``), unless ``--set`` gave it itself."""
    jur = data.get("jurisdiction")
    given = any(s.split("=", 1)[0].strip() == "jurisdiction.city_type" for s in sets)
    sample_type = isinstance(jur, dict) and jur.get("city_type") == SAMPLE_JURISDICTION["city_type"]
    if sample_type and jur.get("kind") != "city" and not given:
        del jur["city_type"]


def resolve_side(
    arg: str,
    library: Library,
    *,
    other: str | None = None,
    other_library: Library | None = None,
    sets: Sequence[str] = (),
) -> Side:
    """Resolve one side of a comparison (see the module docstring for the rules).

    Args:
        arg: A preset name or an answers file path.
        library: The clause library to draft this side with.
        other: The other side's argument, from which a preset borrows its jurisdiction.
        other_library: The library the other side is drafted with (to classify ``other``).
        sets: ``--set key=value`` overrides, applied last.

    Raises:
        AnswerError: ``arg`` is neither a preset nor a readable, valid answers file.
    """
    kind = _classify(arg, library)
    if kind == "file":
        data = _read_file(Path(arg))
        source = arg
    else:
        other_data = None
        if other is not None and _classify(other, other_library or library) == "file":
            other_data = _read_file(Path(other))
        data = _preset_data(arg, library, other_data)
        source = f"preset '{arg}'"
    sets = list(sets)
    if sets:
        data = apply_sets(data, sets, library)
        source = f"{source} (with --set {' --set '.join(sets)})"
        if kind == "preset":
            _fit_sample(data, sets)
    resolved = resolve(parse_answers(data, source), library, source)
    return Side(arg, kind, resolved, library)


def resolve_pair(
    a: str,
    b: str,
    library: Library,
    sets: Sequence[str] = (),
    *,
    library_a: Library | None = None,
) -> tuple[Side, Side]:
    """Resolve both sides of ``compare A B``.

    Args:
        a: Side A: a preset name or an answers file.
        b: Side B: a preset name or an answers file.
        library: The clause library (for both sides unless ``library_a`` is given).
        sets: ``--set`` overrides for both sides.
        library_a: A different library for side A (an older library, for updates).
    """
    lib_a = library_a or library
    side_a = resolve_side(a, lib_a, other=b, other_library=library, sets=sets)
    side_b = resolve_side(b, library, other=a, other_library=lib_a, sets=sets)
    return side_a, side_b


def _applies(library: Library, pid: str, variant: str, values: dict[str, Any], var: Any, jur: Any):
    if not var.when:
        return True
    context = {"jur": jur, "variant": variant, **values}
    return library.evaluate(var.when, context, f"{pid}: variable {var.name}")


def _variant_label(library: Library, pid: str, variant: str) -> str:
    spec = library.clauses[pid].spec
    found = spec.variant(variant)
    return found.label if found else ""


def compare_sides(a: Side, b: Side) -> Comparison:
    """Compare two resolved drafts provision by provision.

    Provisions are listed in B's library order, with any provision only A's library has
    placed after the provision that precedes it there.
    """
    order = list(b.library.clauses)
    for i, pid in enumerate(a.library.clauses):
        if pid not in order:
            before = list(a.library.clauses)[:i]
            at = max((order.index(p) + 1 for p in before if p in order), default=0)
            order.insert(at, pid)
    rows: list[ProvisionDiff] = []
    for pid in order:
        ca, cb = a.resolved.choices.get(pid), b.resolved.choices.get(pid)
        if ca is None and cb is None:
            continue
        lib = b.library if cb is not None else a.library
        title = lib.clauses[pid].spec.title
        version_a = a.library.clauses[pid].spec.version if ca is not None else ""
        version_b = b.library.clauses[pid].spec.version if cb is not None else ""
        if ca is None or cb is None:
            rows.append(
                ProvisionDiff(
                    pid,
                    title,
                    "added" if ca is None else "removed",
                    _variant_label(a.library, pid, ca.variant) if ca else "",
                    _variant_label(b.library, pid, cb.variant) if cb else "",
                    version_a=version_a,
                    version_b=version_b,
                )
            )
            continue
        changes: list[ValueChange] = []
        spec_b = b.library.clauses[pid].spec
        for var in spec_b.variables:
            before, after = ca.values.get(var.name), cb.values.get(var.name)
            if before == after:
                continue
            if var.name in ca.values and not (
                _applies(a.library, pid, ca.variant, dict(ca.values), var, a.resolved.jurisdiction)
                or _applies(
                    b.library, pid, cb.variant, dict(cb.values), var, b.resolved.jurisdiction
                )
            ):
                continue
            changes.append(ValueChange(var.name, before, after))
        variant_a = _variant_label(a.library, pid, ca.variant)
        variant_b = _variant_label(b.library, pid, cb.variant)
        differs = ca.variant != cb.variant or bool(changes) or version_a != version_b
        rows.append(
            ProvisionDiff(
                pid,
                title,
                "changed" if differs else "same",
                variant_a,
                variant_b,
                tuple(changes),
                version_a,
                version_b,
            )
        )
    return Comparison(a, b, tuple(rows), _settings_diff(a, b))


def _settings_diff(a: Side, b: Side) -> tuple[tuple[str, Any, Any], ...]:
    out = []
    da, db = a.resolved.to_answers(a.library), b.resolved.to_answers(b.library)
    for part in ("jurisdiction", "document"):
        for key in sorted(set(da[part]) | set(db[part])):
            if key == "draft_date":
                continue  # the date only appears in the page header
            va, vb = da[part].get(key), db[part].get(key)
            if va != vb:
                out.append((f"{part}.{key}", va, vb))
    return tuple(out)


def describe(row: ProvisionDiff, sep: str = "; ") -> str:
    """What differs in one provision, in a few words (``sep`` between the differences)."""
    if row.status == "added":
        return "added in B"
    if row.status == "removed":
        return "left out of B"
    parts: list[str] = []
    if row.variant_a != row.variant_b:
        parts.append(f"variant: {row.variant_a} → {row.variant_b}")
    parts += [v.describe() for v in row.values]
    if row.version_a != row.version_b:
        parts.append(f"provision version {row.version_a} → {row.version_b}")
    return sep.join(parts) or "same"


def comparison_table(comparison: Comparison, *, show_same: bool = False) -> Any:
    """A Rich table of what differs, provision by provision."""
    from rich.markup import escape
    from rich.table import Table

    a, b = comparison.a, comparison.b
    table = Table(
        title=f"A: {escape(a.title)}   →   B: {escape(b.title)}",
        highlight=False,
        show_lines=False,
    )
    # Ids are what --set takes: the column is wide enough for the longest, never cut.
    longest = max((len(row.id) for row in comparison.provisions), default=8)
    table.add_column("Provision", overflow="fold", min_width=longest)
    table.add_column("A", overflow="fold")
    table.add_column("B", overflow="fold")
    table.add_column("What differs", overflow="fold")
    styles = {"added": "green", "removed": "red", "changed": "yellow", "same": "dim"}
    for key, va, vb in comparison.settings:
        table.add_row(escape(key), escape(_show(va)), escape(_show(vb)), "setting differs")
    for row in comparison.provisions:
        if row.status == "same" and not show_same:
            continue
        present_a = "—" if row.status == "added" else (row.variant_a or "included")
        present_b = "—" if row.status == "removed" else (row.variant_b or "included")
        style = styles[row.status]
        table.add_row(
            f"{escape(row.title)}\n[dim]{escape(row.id)}[/dim]",
            escape(present_a),
            escape(present_b),
            f"[{style}]{escape(describe(row, chr(10)))}[/{style}]",
        )
    return table


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain data (what ``compare --json`` prints)."""
    return {
        "a": {"label": comparison.a.label, "kind": comparison.a.kind},
        "b": {"label": comparison.b.label, "kind": comparison.b.kind},
        "settings": [{"field": key, "a": va, "b": vb} for key, va, vb in comparison.settings],
        "provisions": [
            {
                "id": row.id,
                "title": row.title,
                "status": row.status,
                "variant_a": row.variant_a,
                "variant_b": row.variant_b,
                "values": [{"name": v.name, "a": v.before, "b": v.after} for v in row.values],
                "version_a": row.version_a,
                "version_b": row.version_b,
            }
            for row in comparison.provisions
        ],
    }


def changed_provisions(
    recorded: dict[str, str], library: Library, chosen: Iterable[str]
) -> list[tuple[str, str, str]]:
    """Provisions whose version differs from an answers file's record.

    Args:
        recorded: ``{provision id: version}`` from the answers file's ``library`` record.
        library: The library in use now.
        chosen: The provisions in the draft now.

    Returns:
        ``(id, recorded version, current version)`` for each difference; a version is ""
        where the provision was not recorded, or is no longer in the library or the draft.
    """
    chosen = list(chosen)
    out = []
    for pid in chosen:
        now = library.clauses[pid].spec.version
        before = recorded.get(pid, "")
        if before != now:
            out.append((pid, before, now))
    for pid, before in recorded.items():
        if pid not in chosen:
            out.append((pid, before, ""))
    return out
