"""Property-based tests over the answer space (hypothesis).

Every valid set of answers, drawn from the library's own metadata (so new provisions are covered
automatically), must produce a document with contiguous section numbers, every cross-reference and
defined term resolved, no template syntax, and the same text read back by python-docx and
docx2python.
"""

from __future__ import annotations

import io
import os
import re

import docx
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ordinance_drafter.answers.jurisdiction import Jurisdiction
from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.schema import Answers, JurisdictionAnswers, ProvisionAnswers
from ordinance_drafter.assembly.assemble import assemble
from ordinance_drafter.assembly.model import Ref
from ordinance_drafter.assembly.terms import definition_forms, term_pattern
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.render.docx import render as render_docx
from ordinance_drafter.statelaw.codes import STATES

LIBRARY = load_library(builtin_library_path())
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))

names = (
    st.text(
        alphabet=st.characters(categories=("L", "M", "Nd", "Zs"), include_characters="-'.&()"),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@st.composite
def answers_sets(draw) -> Answers:
    """A valid answers set: jurisdiction, provisions, variants and values."""
    kind = draw(st.sampled_from(["city", "county"]))
    state = draw(st.sampled_from(sorted(STATES)))
    jail = draw(
        st.sampled_from(["none", "city"] if kind == "city" else ["sheriff", "county", "none"])
    )
    city_type = (
        draw(st.sampled_from(["statutory", "charter"])) if (kind, state) == ("city", "MN") else None
    )
    jur = Jurisdiction("X", kind, state, city_type or "", jail, "", "", "")
    from ordinance_drafter.answers.resolve import applicability

    applicable = [c for c in LIBRARY.clauses.values() if not applicability(c.spec, jur)]
    chosen = draw(st.sets(st.sampled_from([c.id for c in applicable]))) if applicable else set()
    provisions: dict[str, ProvisionAnswers] = {}
    pending = list(chosen)
    while pending:
        pid = pending.pop()
        if pid in provisions:
            continue
        spec = LIBRARY.clauses[pid].spec
        if any(other in provisions or other in chosen for other in spec.conflicts):
            continue
        variants = [v for v in spec.variants if kind in v.applies_to]
        variant = draw(st.sampled_from(variants)) if variants else None
        values = {}
        for var in spec.variables:
            if draw(st.booleans()):
                continue  # keep the default
            if var.type == "bool":
                values[var.name] = draw(st.booleans())
            elif var.type == "int":
                values[var.name] = draw(
                    st.integers(
                        var.min if var.min is not None else 0,
                        var.max if var.max is not None else 1000,
                    )
                )
            elif var.type == "choice":
                values[var.name] = draw(st.sampled_from(var.choice_ids))
            elif var.type == "multiselect":
                picked = draw(st.sets(st.sampled_from(var.choice_ids)))
                values[var.name] = [c for c in var.choice_ids if c in picked]
            else:
                values[var.name] = draw(names)
        provisions[pid] = ProvisionAnswers(variant=variant.id if variant else None, values=values)
        needs = list(spec.requires) + list(variant.requires if variant else ())
        pending += [n for n in needs if n not in provisions]
    return Answers(
        jurisdiction=JurisdictionAnswers(
            name=draw(names), kind=kind, state=state, jail=jail, city_type=city_type
        ),
        provisions=provisions,
        document={"draft_date": "2026-11-25"},
    )


def _docx_paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answers_sets())
def test_every_valid_answers_set_gives_a_sound_document(answers):
    """Numbers contiguous, references and terms resolved, no template syntax, readers agree."""
    resolved = resolve(answers, LIBRARY, "hypothesis")
    ordinance = assemble(LIBRARY, resolved)

    numbers = [int(s.number) for s in ordinance.sections]
    assert numbers == list(range(1, len(numbers) + 1))

    anchors = {s.anchor for s in ordinance.all_sections()}
    anchors |= {p.anchor for s in ordinance.all_sections() for p in s.paragraphs if p.anchor}
    paragraphs = [p for s in ordinance.all_sections() for p in s.paragraphs]
    if ordinance.findings:
        paragraphs += list(ordinance.findings.paragraphs)
    for p in paragraphs:
        for seg in p.segments:
            if isinstance(seg, Ref):
                assert seg.target in anchors, seg
        assert not re.search(r"\{\{|\}\}|\{%|%\}|\x02|\x03", p.text), p.text

    body = "\n".join(
        p.text for s in ordinance.all_sections() if s.key != "definitions" for p in s.paragraphs
    )
    definitions = ordinance.section("definitions")
    defined_text = "\n".join(p.text for p in definitions.paragraphs) if definitions else ""
    context = {"jur": resolved.jurisdiction, "has": lambda pid: pid in resolved.choices}
    for defn in LIBRARY.definitions.values():
        term, forms = definition_forms(defn, context)
        quoted = f"“{term[:1].upper()}{term[1:]}”"
        if term_pattern(forms).search(body):
            assert quoted in defined_text, f"{term!r} is used but not defined"
        if quoted in defined_text:
            assert term_pattern(forms).search(body + "\n" + defined_text.replace(quoted, "")), (
                f"{term!r} is defined but not used"
            )

    data = render_docx(ordinance, RenderOptions(notes="comments"))
    ours = _docx_paragraphs(data)
    with docx2python(io.BytesIO(data)) as read:
        theirs = [line for line in iter_paragraphs(read.body) if line.strip()]
    normalize = lambda lines: [" ".join(x.replace("\t", " ").split()) for x in lines]  # noqa: E731
    assert normalize(ours) == normalize(theirs)
