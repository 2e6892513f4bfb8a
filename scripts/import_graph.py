"""The package's import graph: every stage imports only from the stages below it.

    python scripts/import_graph.py            # the stages and what each imports; exit 1 on a fault
    python scripts/import_graph.py --modules  # every module and its imports of the package

The stages, bottom to top, are the pipeline of the README: the clause library, the
state-law layer, answers, the interview, assembly, renderers, the pipeline itself, the
tools beside it, the library's quality checks and the command line. ``errors`` and
``files`` sit below them all. Every import of the package's own modules counts, including
imports inside functions and under ``if TYPE_CHECKING``. A fault is an import of a stage
above the importing one, or a cycle between modules.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ordinance_drafter"
NAME = "ordinance_drafter"

#: Bottom to top. A module may import from its own stage and from the stages before it.
STAGES: tuple[str, ...] = (
    "errors",
    "files",
    "library",
    "statelaw",
    "answers",
    "interview",
    "assembly",
    "render",
    "pipeline",
    "packet",
    "tools",
    "qa",
    "cli",
)
#: Modules outside the stages: the package's face and ``python -m``.
ENTRY_POINTS = ("ordinance_drafter", "ordinance_drafter.__main__")


def module_name(path: Path) -> str:
    """``src/ordinance_drafter/library/loader.py`` -> ``ordinance_drafter.library.loader``."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """The package's own modules that ``path`` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == NAME)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.split(".")[0] == NAME:
                target = node.module
            else:
                continue
            # "from . import statelaw" imports a module, not a name
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
    found.discard(me)
    return {m for m in found if _exists(m)}


def _exists(module: str) -> bool:
    rel = Path(*module.split(".")[1:])
    return (PACKAGE / rel).with_suffix(".py").is_file() or (PACKAGE / rel / "__init__.py").is_file()


def stage_of(module: str) -> str | None:
    """The stage a module belongs to (``None`` for the entry points)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports."""
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def faults(edges: dict[str, set[str]]) -> list[str]:
    """Imports that go up the stages, and cycles between modules."""
    problems = []
    for module, targets in sorted(edges.items()):
        mine = stage_of(module)
        if mine is None:
            continue
        for target in sorted(targets):
            theirs = stage_of(target)
            if theirs is not None and STAGES.index(theirs) > STAGES.index(mine):
                problems.append(f"{module} ({mine}) imports {target} ({theirs}), a stage above it")
    problems += [f"cycle: {' -> '.join(c)}" for c in cycles(edges)]
    return problems


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                groups.append([*sorted(group), sorted(group)[0]])

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def main(argv: list[str]) -> int:
    edges = graph()
    if "--modules" in argv:
        for module, targets in sorted(edges.items()):
            print(f"{module}: {', '.join(sorted(targets)) or '-'}")
    else:
        for stage in STAGES:
            below = sorted(
                {
                    stage_of(t) or t
                    for m, ts in edges.items()
                    if stage_of(m) == stage
                    for t in ts
                    if stage_of(t) != stage
                },
                key=lambda s: STAGES.index(s) if s in STAGES else -1,
            )
            print(f"{stage:>9} <- {', '.join(below) or '-'}")
    problems = faults(edges)
    for problem in problems:
        print(f"FAULT: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
