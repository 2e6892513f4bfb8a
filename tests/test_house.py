"""The house shows the pipeline: stage folders that import only from the stages below.

``scripts/import_graph.py`` reads every import of the package's own modules (inside
functions too) and reports an import of a higher stage, or a cycle, as a fault.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "import_graph.py"


@pytest.fixture(scope="module")
def graph():
    spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_stage_is_a_folder_or_module_of_the_package(graph):
    """Each stage the script names exists, and no module sits outside a stage."""
    package = graph.PACKAGE
    for stage in graph.STAGES:
        assert (package / stage).is_dir() or (package / f"{stage}.py").is_file(), stage
    outside = [
        m for m in graph.graph() if graph.stage_of(m) is None and m not in graph.ENTRY_POINTS
    ]
    assert outside == []


def test_the_package_has_no_upward_import_and_no_cycle(graph):
    edges = graph.graph()
    assert len(edges) > len(graph.STAGES)  # it really read the package
    assert graph.faults(edges) == []


def test_the_checker_reports_an_upward_import_and_a_cycle(graph):
    """Seeded faults: a library module importing the CLI, and two modules importing each other."""
    edges = graph.graph()
    edges["ordinance_drafter.library.loader"] |= {"ordinance_drafter.cli.app"}
    edges["ordinance_drafter.answers.schema"] |= {"ordinance_drafter.answers.resolve"}
    edges["ordinance_drafter.answers.resolve"] |= {"ordinance_drafter.answers.schema"}
    found = graph.faults(edges)
    assert any("library.loader (library) imports ordinance_drafter.cli.app" in f for f in found)
    assert any(f.startswith("cycle:") and "answers.resolve" in f for f in found)


def test_imports_inside_functions_count(graph, tmp_path, monkeypatch):
    """An import hidden in a function body is still an arrow of the graph."""
    package = tmp_path / "ordinance_drafter"
    (package / "library").mkdir(parents=True)
    (package / "cli").mkdir()
    for init in (package, package / "library", package / "cli"):
        (init / "__init__.py").write_text("")
    (package / "cli" / "app.py").write_text("X = 1\n")
    (package / "library" / "loader.py").write_text("def f():\n    from ..cli.app import X\n")
    monkeypatch.setattr(graph, "PACKAGE", package)
    assert graph.faults(graph.graph()) == [
        "ordinance_drafter.library.loader (library) imports ordinance_drafter.cli.app "
        "(cli), a stage above it"
    ]


def test_the_script_exits_zero_and_lists_the_stages():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["errors", "<-", "-"]


def test_no_merge_conflict_markers_in_the_tree() -> None:
    """No file git tracks holds a merge's conflict markers (a YAML or template file would
    still load and print them into drafts)."""
    root = Path(__file__).resolve().parent.parent
    listed = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:
        pytest.skip("not a git checkout")
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
    found = []
    for name in listed:
        path = root / name
        if path.suffix in {".docx", ".pdf", ".png", ".mo"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if marker.search(text):
            found.append(name)
    assert found == []
