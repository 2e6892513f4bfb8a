"""The clause markup: items, labels, anchors and cross-references."""

from __future__ import annotations

import pytest

from ordinance_drafter.assembly.markup import parse_blocks, subsection_label
from ordinance_drafter.errors import TemplateError
from ordinance_drafter.library.templates import list_items


def test_labels_follow_legislative_style():
    """Levels are labelled (a), (1), (A), (i) and run past z and 26."""
    assert [subsection_label(1, n) for n in (1, 2, 26, 27)] == ["(a)", "(b)", "(z)", "(aa)"]
    assert subsection_label(2, 12) == "(12)"
    assert subsection_label(3, 3) == "(C)"
    assert subsection_label(4, 4) == "(iv)"


def test_list_items_punctuates_and_skips_empty_entries():
    """items() ends each entry with ';', puts the conjunction before the last, skips blanks."""
    assert list_items(["x", "", None, "y", "z"], "or") == "- x;\n- y; or\n- z."
    assert list_items(["only"]) == "- only."
    assert list_items(["a", "b"], "and", ":", depth=2) == "  - a; and\n  - b:"


def test_parse_blocks_nests_and_joins_wrapped_lines():
    """Wrapped lines join; indentation gives depth; a blank line ends an item."""
    text = "Intro\ncontinues.\n- first\n  wrapped\n  - nested\n- second\n\nAfter."
    blocks = parse_blocks(text, "t")
    assert [(b.depth, b.text) for b in blocks] == [
        (0, "Intro continues."),
        (1, "first wrapped"),
        (2, "nested"),
        (1, "second"),
        (0, "After."),
    ]


def test_parse_blocks_rejects_a_skipped_level():
    """An item two levels deeper than the one above is a template error naming the file."""
    with pytest.raises(TemplateError, match=r"clause\.j2"):
        parse_blocks("- a\n    - too deep", "clause.j2")
