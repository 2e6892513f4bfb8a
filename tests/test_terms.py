"""Finding defined terms: the quick search agrees with the term pattern on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ordinance_drafter.assembly.terms import _mentions, term_pattern

FORMS = [
    ("judicial warrant",),
    ("immigration status", "status"),
    ("City property", "city-owned property"),
    ("sheriff",),
]
PIECES = [
    "judicial warrant",
    "Judicial Warrants",
    "warrantes",
    "status",
    "STATUSes",
    "statuses",
    "city property",
    "city-owned property",
    "City Propertys",
    "sheriff",
    "sheriff's",
    "undersheriff",
    "sheriff-elect",
    "sheriff_x",
    "a",
    " ",
    "-",
    "_",
    ".",
    "\n",
    "§",
    "“",
    "é",
    "9",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.sampled_from(FORMS))
def test_quick_search_agrees_with_the_pattern(pieces, forms):
    """For any mix of terms, plurals, hyphens, underscores and punctuation, both agree."""
    text = "".join(pieces)
    expected = term_pattern(forms).search(text) is not None
    assert _mentions(text, text.lower(), forms) is expected


def test_word_edges_are_respected():
    """A term inside a longer word, or joined by a hyphen or underscore, is not a use."""
    forms = ("sheriff",)
    for text, used in [
        ("the sheriff.", True),
        ("the Sheriffs", True),
        ("undersheriff", False),
        ("sheriff-elect", False),
        ("x_sheriff", False),
        ("sheriffes!", True),
        ("sheriffess", False),
    ]:
        assert _mentions(text, text.lower(), forms) is used, text
