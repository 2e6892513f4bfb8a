"""Every provision renders cleanly outside Minnesota and with each variable changed.

``lint-library`` renders each provision for Minnesota sample jurisdictions with default
values. Template branches that only run for another state, or for a non-default value (a
bool switched off, an empty multiselect), can still glue one item onto the end of the
previous one when a ``{% if %}`` tag at the end of a line swallows the line break. These
tests render those branches too and read the result back with the same parsers assembly uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from ordinance_drafter.answers.sample import sample_context, sample_jurisdiction
from ordinance_drafter.assembly.markup import parse_blocks
from ordinance_drafter.errors import DrafterError
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.library.notes import parse_note
from ordinance_drafter.qa.lint import NOTE_PARTS, configurations

LIBRARY = load_library(builtin_library_path())
# An item marker glued after the end of a sentence or list entry, e.g. "comply.- Nothing".
GLUED_ITEM = re.compile(r"[.;:,)]\s*- \S")
# Two sentences run together where a template tag swallowed a line break, e.g. "adoption.Body".
GLUED_SENTENCE = re.compile(r"[a-z][.;:,][A-Z][a-z]")


def _value_sets(spec: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """The defaults, then each variable changed on its own to a non-default value."""
    yield "defaults", {}
    for var in spec.variables:
        if var.type == "bool":
            yield f"{var.name}={not var.default}", {var.name: not var.default}
        elif var.type == "multiselect":
            yield f"{var.name}=[]", {var.name: []}
            yield f"{var.name}=all", {var.name: list(var.choice_ids)}
        elif var.type == "choice":
            for cid in var.choice_ids:
                if cid != var.default:
                    yield f"{var.name}={cid}", {var.name: cid}
        elif var.type == "text":
            yield f"{var.name}=text", {var.name: "Sample Office"}
        elif var.type == "int":
            low = var.min if var.min is not None else 0
            if low != var.default:
                yield f"{var.name}={low}", {var.name: low}


CASES = [
    pytest.param(
        clause, state, kind, jail, police, variant, part, label, values, has_all, id=case_id
    )
    for clause in LIBRARY.clauses.values()
    for state in ("MN", "WI")
    for kind, jail, variant, part, police in configurations(clause.spec)
    for label, values in _value_sets(clause.spec)
    for has_all in (True, False)
    for case_id in [
        f"{clause.id}-{state}-{kind}-{jail}{'-county-police' if police else ''}-"
        f"{variant or 'only'}-{label}-"
        f"{'all' if has_all else 'alone'}"
    ]
]


@pytest.mark.parametrize(
    ("clause", "state", "kind", "jail", "police", "variant", "part", "label", "values", "has_all"),
    CASES,
)
def test_provision_renders_without_glued_items(
    clause, state, kind, jail, police, variant, part, label, values, has_all
):
    """Text parses into separate items and the note keeps its four parts, in every branch."""
    jur = sample_jurisdiction(kind, state=state, jail=jail, police=police or None)
    context = sample_context(LIBRARY, clause, kind, variant, jur, part, values)
    if not has_all:
        allowed = set(clause.spec.requires) | {
            c.id for c in LIBRARY.clauses.values() if c.spec.required
        }
        context["has"] = lambda pid: pid in allowed
    try:
        text = clause.text_template.render(context)
        blocks = parse_blocks(text, str(clause.text_path))
        note = clause.note_template.render(context)
    except DrafterError as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(exc.message)
    assert blocks, "the text renders empty"
    for block in blocks:
        assert not GLUED_ITEM.search(block.text), f"an item is glued on: {block.text!r}"
        assert not GLUED_SENTENCE.search(block.text), f"sentences run together: {block.text!r}"
    headings = [p.heading for p in parse_note(note)]
    assert headings == list(NOTE_PARTS), f"note parts are {headings}"
    for part_ in parse_note(note):
        for paragraph in part_.paragraphs:
            assert "##" not in paragraph, f"a heading is glued into {paragraph!r}"
            assert not GLUED_SENTENCE.search(paragraph), f"sentences run together: {paragraph!r}"
            assert "  " not in paragraph, f"a double space in {paragraph!r}"
