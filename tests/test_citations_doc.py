"""docs/citations.md is generated from the confirmations in the data, and every source has one.

Each source records the page read (``url``, ``read``) and the date (``checked``) next to
it: in ``clause.yaml`` and definitions, in ``federal.yaml``, and in each state file's
``checked`` entries. These tests fail when the document and the data disagree, when a
source lacks its confirmation, and when the documentation points at files outside the
project.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from ordinance_drafter.library.loader import Library
from ordinance_drafter.qa.citations import citations_markdown, confirmation_problems
from ordinance_drafter.qa.lint import lint
from ordinance_drafter.statelaw.data import state_data

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "citations.md"


def test_citations_doc_is_generated_from_the_data(library: Library) -> None:
    """The committed document is exactly what the script writes from the library."""
    assert DOC.read_text(encoding="utf-8") == citations_markdown(library), (
        "docs/citations.md is out of date: run python scripts/update_citations.py"
    )


def test_the_script_check_agrees() -> None:
    """``update_citations.py --check`` exits 0 on the built-in library."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_citations.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_every_source_records_what_was_read_and_when(library: Library) -> None:
    """No provision, definition or federal source lacks its confirmation."""
    assert confirmation_problems(library) == []


def test_every_source_appears_in_the_document(library: Library) -> None:
    """Each clause and definition source, and each state citation, has its row."""
    text = DOC.read_text(encoding="utf-8")
    for clause in library.clauses.values():
        for src in clause.spec.sources:
            assert f"| {src.cite.replace('|', chr(92) + '|')}" in text, src.cite
    for code, entry in state_data(library).states.items():
        for check in entry.checked:
            assert f"| {check.cite} | {check.status} |" in text, (code, check.cite)


def test_a_source_without_a_date_is_reported(tmp_path: Path) -> None:
    """Removing one confirmation date from a copy of the library is caught (the check can fail)."""
    copy = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", copy)
    clause = copy / "provisions" / "detainers" / "clause.yaml"
    text = clause.read_text(encoding="utf-8")
    stripped, n = re.subn(r"\n    checked: \d{4}-\d{2}-\d{2}", "", text, count=1)
    assert n == 1
    clause.write_text(stripped, encoding="utf-8")
    problems = confirmation_problems(Library(copy))
    assert len(problems) == 1 and "detainers" in problems[0] and "checked" in problems[0]
    assert any("detainers" in p and "'checked' date" in p for p in lint(copy))


def test_a_state_citation_without_a_confirmation_is_a_lint_problem(tmp_path: Path) -> None:
    """A flag citing a law that no 'checked' entry confirms fails lint, naming file and field."""
    copy = tmp_path / "clauses"
    shutil.copytree(ROOT / "clauses", copy)
    path = copy / "states" / "TX.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("- Tex. Gov't Code § 752.053(c)\n", "- Tex. Loc. Gov't Code § 1.001\n", 1)
    )
    problems = [p for p in lint(copy) if "TX.yaml" in p]
    assert any("Tex. Loc. Gov't Code § 1.001" in p and "no 'checked' entry" in p for p in problems)


def test_documentation_points_at_nothing_outside_the_project() -> None:
    """README, docs and clauses never send the reader to ../shared or its files."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    files += sorted((ROOT / "clauses").rglob("*.yaml")) + sorted((ROOT / "clauses").rglob("*.j2"))
    pattern = re.compile(r"\.\./shared|shared/reference|authorities\.md|state_context\.json")
    offenders = [str(f.relative_to(ROOT)) for f in files if pattern.search(f.read_text("utf-8"))]
    assert offenders == []
