"""Rewrite every clause sample's expected text (run after a deliberate wording change).

    python scripts/update_samples.py [LIBRARY]

Review the diff with git before committing: the expected files are the record of what each
provision says.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ordinance_drafter.library.loader import Library, builtin_library_path
from ordinance_drafter.qa.samples import render_sample


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else builtin_library_path()
    library = Library(root)
    for clause in library.clauses.values():
        for answers, expected in clause.samples():
            text = render_sample(library, clause, answers)
            if not expected.is_file() or expected.read_text(encoding="utf-8") != text:
                expected.write_text(text, encoding="utf-8")
                print(f"updated {expected}")


if __name__ == "__main__":
    main()
