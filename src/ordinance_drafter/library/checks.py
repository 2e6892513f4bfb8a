"""Checks that a clause library's parts name each other correctly (run once, on loading).

Each check raises :class:`ClauseLibraryError` with one paragraph naming the file, the field,
what was wrong and what is allowed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ClauseLibraryError
from .schema import InteractionSpec, VariableSpec
from .values import check_value
from .yamlio import did_you_mean

# ``lib`` is the loader's Library and ``clause`` one of its Clause objects; the loader imports
# this module, so the types are not imported here (no import cycle, even for type checking).
Library = Clause = Any


def check_references(lib: Library) -> None:
    """Check that requires, conflicts, terms and presets name real entries."""
    for clause in lib.clauses.values():
        path = clause.directory / "clause.yaml"
        variant_requires = [r for v in clause.spec.variants for r in v.requires]
        for key, names in (
            ("requires", clause.spec.requires),
            ("conflicts", clause.spec.conflicts),
            ("variants[].requires", variant_requires),
        ):
            for other in names:
                if other not in lib.clauses:
                    raise ClauseLibraryError(
                        f"{path}: field '{key}' names '{other}', which is not a provision "
                        f"in this library.{did_you_mean(other, lib.clauses)}"
                    )
        for term in clause.spec.terms:
            if term not in lib.definitions:
                raise ClauseLibraryError(
                    f"{path}: field 'terms' names '{term}', which has no file in "
                    f"definitions/.{did_you_mean(term, lib.definitions)}"
                )
        for index, interaction in enumerate(clause.spec.interactions):
            problem = interaction_problem(lib, clause, interaction)
            if problem:
                raise ClauseLibraryError(
                    f"{path}: field 'interactions[{index}].{interaction.kind}' {problem}"
                )
    check_requires_cycles(lib)
    if lib.presets and lib.default_preset not in lib.presets:
        raise ClauseLibraryError(
            f"{lib.root / 'library.yaml'}: field 'default_preset' is "
            f"'{lib.default_preset}', which is not in presets/."
        )
    for preset in lib.presets.values():
        path = lib.root / "presets" / f"{preset.id}.yaml"
        for pid in preset.provisions:
            if pid not in lib.clauses:
                raise ClauseLibraryError(
                    f"{path}: field 'provisions' names '{pid}', which is not a provision "
                    f"in this library.{did_you_mean(pid, lib.clauses)}"
                )


def interaction_problem(lib: Library, clause: Clause, interaction: InteractionSpec) -> str:
    """What is wrong with the names an interaction uses; empty if nothing."""
    spec = clause.spec
    for vid in interaction.variants:
        if vid not in spec.variant_ids:
            return (
                f"applies to variant '{vid}' (field 'variants'), which '{spec.id}' does not "
                f"have.{did_you_mean(vid, spec.variant_ids)} Variants: "
                f"{', '.join(spec.variant_ids) or 'none'}."
            )
    target = interaction.target
    other = lib.clauses.get(target.provision)
    if other is None or other.id == spec.id:
        what = "this provision itself" if other is not None else "not a provision"
        return (
            f"names provision '{target.provision}', which is {what} in this library."
            f"{did_you_mean(target.provision, lib.clauses)}"
        )
    ospec = other.spec
    if target.variant and target.variant not in ospec.variant_ids:
        return (
            f"names variant '{target.variant}' of '{ospec.id}', which has no such variant."
            f"{did_you_mean(target.variant, ospec.variant_ids)} Variants: "
            f"{', '.join(ospec.variant_ids) or 'none'}."
        )
    if not target.value:
        return ""
    var = ospec.variable(target.value)
    if var is None:
        names = [v.name for v in ospec.variables]
        return (
            f"names value '{target.value}' of '{ospec.id}', which has no such variable."
            f"{did_you_mean(target.value, names)} Variables: {', '.join(names) or 'none'}."
        )
    if target.includes:
        if var.type != "multiselect":
            return (
                f"uses 'includes' with '{ospec.id}.{var.name}', a {var.type} variable; "
                "'includes' is for multiselect variables (use 'equals')."
            )
        if target.includes not in var.choice_ids:
            return (
                f"wants '{ospec.id}.{var.name}' to include '{target.includes}', which is "
                f"not one of its choices.{did_you_mean(target.includes, var.choice_ids)} "
                f"Choices: {', '.join(var.choice_ids)}."
            )
        return ""
    if var.type == "multiselect":
        return (
            f"uses 'equals' with '{ospec.id}.{var.name}', a multiselect variable; use "
            "'includes' with one of its choices."
        )
    problem = check_value(var, target.equals)
    if problem:
        return f"gives '{ospec.id}.{var.name}' the value {target.equals!r}: {problem}."
    return ""


def check_requires_cycles(lib: Library) -> None:
    state: dict[str, int] = {}

    def visit(cid: str, trail: list[str]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            cycle = " -> ".join([*trail[trail.index(cid) :], cid])
            path = lib.clauses[cid].directory / "clause.yaml"
            raise ClauseLibraryError(
                f"{path}: field 'requires' forms a cycle ({cycle}). A provision cannot "
                "require itself, directly or through others."
            )
        state[cid] = 1
        for other in lib.clauses[cid].spec.requires:
            visit(other, [*trail, cid])
        state[cid] = 2

    for cid in lib.clauses:
        visit(cid, [])


def check_unique(path: Path, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ClauseLibraryError(f"{path}: field '{key}' lists '{item}' twice.")
        seen.add(item)


def check_variable(path: Path, var: VariableSpec) -> None:
    where = f"{path}: variable '{var.name}'"
    if var.type in ("choice", "multiselect") and not var.choices:
        raise ClauseLibraryError(f"{where} is a {var.type} but has no 'choices'.")
    if var.type not in ("choice", "multiselect") and var.choices:
        raise ClauseLibraryError(f"{where} has 'choices' but its type is {var.type}.")
    if var.default is None:
        raise ClauseLibraryError(
            f"{where} has no 'default'. Every variable needs a default so that a user who "
            "presses Enter gets a valid draft."
        )
    problem = check_value(var, var.default)
    if problem:
        raise ClauseLibraryError(f"{where}: its default is not valid: {problem}.")
