"""Regenerate docs/citations.md from the confirmations recorded in the clause library.

    python scripts/update_citations.py [--check]

Every source records the page read, what it is, and the date (see docs/clause-format.md,
"Confirming a citation"); this writes them out as one document. With --check, only report
whether the file is current (exit 1 if not). tests/test_citations_doc.py runs the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ordinance_drafter.library.loader import load_library
from ordinance_drafter.qa.citations import citations_markdown, confirmation_problems

DOC = Path(__file__).resolve().parent.parent / "docs" / "citations.md"


def main() -> int:
    library = load_library()
    problems = confirmation_problems(library)
    for problem in problems:
        print(problem, file=sys.stderr)
    text = citations_markdown(library)
    if "--check" in sys.argv[1:]:
        current = DOC.is_file() and DOC.read_text(encoding="utf-8") == text
        if not current:
            print(f"{DOC} is out of date: run python scripts/update_citations.py", file=sys.stderr)
        return 0 if current and not problems else 1
    if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
        DOC.write_text(text, encoding="utf-8")
        print(f"updated {DOC}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
