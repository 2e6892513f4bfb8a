"""What a jurisdiction's attorney reading the drafts end to end found, as rules on the model.

* Elected officials. The library's definition of a local employee includes elected
  officials, so that every rule reaches them; but a council or board cannot discipline or
  dismiss an elected official as it does its staff. Where the definition includes them, every
  sentence that makes a violation a ground for "termination of employment" excepts them, and
  the findings about an elected official go to the governing body by name.
* A complaint about the sheriff's staff is recorded in the subsection that actually carries
  the complaint figures (the section's own summary, or the information for the public
  report), by a cross-reference to it.
* The explanatory notes, like the ordinance, give the jurisdiction's attorney one name.
* A form that states its adoption procedure (no bracket for counsel to confirm) records the
  publication from which the effective date runs.
* The companion resolution is printed in a resolution's form, as the model holds it: on a
  new page, its number line, then its title, each recital a paragraph of its own, the
  resolving clause, and after the paragraphs the adoption line and the vote line each on its
  own line (read back from the DOCX with python-docx, and from the Markdown).

Every case is derived from the library: the forms of government it knows for a sample of
states, its presets, and its forms of ordinance.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest

from ordinance_drafter.assembly.model import Ordinance, Ref
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.packet.context import Builder
from ordinance_drafter.pipeline import draft_ordinance, render_bytes, resolve_data
from ordinance_drafter.render import RenderOptions

LIBRARY = load_library(builtin_library_path())
SAMPLE_STATES = ("MN", "TX", "WI", "CO")
DISMISSAL = re.compile(r"[^.]*termination of employment[^.]*\.")


def _cases() -> list[Any]:
    governments = LIBRARY.governments
    presets = [p.id for p in LIBRARY.presets.values() if "complaints" in p.provisions]
    cases = []
    for state in SAMPLE_STATES:
        for kind in ("city", "county"):
            for type_ in governments.type_ids(state, kind) or ("",):
                for gov in governments.options(state, kind, type_):
                    for preset in presets:
                        kind_of = LIBRARY.presets[preset].jurisdiction.get("kind")
                        if kind_of and kind_of != kind:
                            continue
                        cases.append(
                            pytest.param(
                                state,
                                kind,
                                type_,
                                gov.id,
                                preset,
                                id=f"{state}-{kind}-{type_ or 'any'}-{gov.id}-{preset}",
                            )
                        )
    return cases


def _draft(jurisdiction: dict[str, Any], **more: Any) -> tuple[Ordinance, Any]:
    data = {"format": 1, "jurisdiction": jurisdiction, "document": {"draft_date": "2026-12-01"}}
    data.update(more)
    resolved = resolve_data(data, LIBRARY, "test answers")
    return draft_ordinance(LIBRARY, resolved), resolved.jurisdiction


def _employee_definition(model: Ordinance) -> str:
    definitions = next(s for s in model.sections if s.key == "definitions")
    return next(p.text for p in definitions.paragraphs if " employee” means" in p.text)


@pytest.mark.parametrize(("state", "kind", "type_", "gov", "preset"), _cases())
def test_no_elected_official_is_dismissed_by_ordinance(state, kind, type_, gov, preset):
    jur = {"name": "Sampleton", "kind": kind, "state": state, "government": gov, "jail": "none"}
    if type_:
        jur[f"{kind}_type"] = type_
    model, j = _draft(jur, preset=preset)
    sections = [s for s in model.sections if s.key == "complaints"]
    if not sections:
        pytest.skip(f"{preset} drops the complaints section in {state}")
    includes_elected = "elected" in _employee_definition(model)
    text = " ".join(p.text for s in model.all_sections() for p in s.paragraphs)
    dismissals = DISMISSAL.findall(text)
    assert dismissals, "the complaints section provides for discipline"
    if includes_elected:
        for sentence in dismissals:
            assert "other than an elected official" in sentence, sentence
        process = next(p.text for p in sections[0].paragraphs if p.anchor.endswith("-process"))
        assert f"when the complaint concerns an elected official, to the {j.body}" in process


@pytest.mark.parametrize("reporting", [True, False], ids=["with-report", "without-report"])
def test_sheriff_complaints_are_recorded_where_the_figures_are(reporting):
    preset = LIBRARY.presets["county-sheriff"]
    provisions: dict[str, Any] = {pid: {} for pid in preset.provisions}
    if not reporting:
        provisions.pop("public_reporting", None)
    jur = {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"}
    model, _ = _draft(jur, provisions=provisions)
    section = next(s for s in model.sections if s.key == "complaints")
    by_anchor = {p.anchor.rsplit("-", 1)[-1]: p for p in section.paragraphs if p.anchor}
    data, sheriff = by_anchor["data"], by_anchor["sheriff"]
    targets = {seg.target for seg in sheriff.segments if isinstance(seg, Ref)}
    assert data.anchor in targets, sheriff.text
    assert "under this section" not in sheriff.text, sheriff.text
    assert ("public_reporting" in model.metadata.provisions) is reporting


def _role_names(role: str, jur: Any) -> tuple[str, list[str]]:
    vocab = next(v for v in LIBRARY.meta.vocabulary if v.role == role)
    context = {"jur": jur}

    def render(source: str) -> str:
        return " ".join(LIBRARY.compile_string(source, "vocabulary").render(context).split())

    name = render(vocab.name)
    return name, [o for o in map(render, vocab.others) if o and o != name]


@pytest.mark.parametrize("kind", ["city", "county"])
@pytest.mark.parametrize("state", ["MN", "WI"])
@pytest.mark.parametrize("preset", sorted(LIBRARY.presets))
def test_the_notes_name_the_attorney_as_the_answers_do(preset, state, kind):
    """The explanatory notes, like the ordinance, give the jurisdiction's attorney one name."""
    kind_of = LIBRARY.presets[preset].jurisdiction.get("kind")
    if kind_of and kind_of != kind:
        pytest.skip(f"{preset} is for a {kind_of}")
    jur = {"name": "Sampleton", "kind": kind, "state": state, "jail": "none"}
    model, j = _draft(jur, preset=preset)
    name, others = _role_names("attorney", j)
    notes = [s.note for s in model.all_sections() if s.note]
    if model.findings and model.findings.note:
        notes.append(model.findings.note)
    text = " ".join(p for n in notes for part in n.parts for p in part.paragraphs)
    for other in others:
        assert other not in text, f"a note calls the {name} '{other}'"


def _jurisdiction_for(form: Any) -> dict[str, Any] | None:
    """A jurisdiction the form's ``when`` fits, or None when it names no state."""
    when = form.when
    if not when.state:
        return None
    jur: dict[str, Any] = {"name": "Sampleton", "kind": (when.kind or ("city",))[0]}
    jur["state"] = when.state[0]
    for key in ("city_type", "county_type"):
        if getattr(when, key):
            jur[key] = getattr(when, key)[0]
    return jur


@pytest.mark.parametrize("form", [f for f in LIBRARY.forms if not f.confirm], ids=lambda f: f.id)
def test_a_stated_procedure_records_the_publication(form):
    jur = _jurisdiction_for(form)
    assert jur is not None, f"{form.id} states a procedure for no state in particular"
    model, _ = _draft({**jur, "jail": "none"}, preset="essentials")
    effective = next(s for s in model.sections if s.key == "effective_date")
    assert "publication" in effective.paragraphs[0].text
    lines = model.signature.extra_lines
    assert any(line.startswith("Published") for line in lines), (
        f"{form.id}: the ordinance takes effect after its publication, but the adoption "
        f"block records no publication: {lines}"
    )


@pytest.mark.parametrize(
    "county",
    [
        {"name": "Rice", "state": "MN", "jail": "county"},
        {"name": "Ramsey", "state": "MN", "county_type": "charter", "jail": "sheriff"},
        {"name": "Dane", "state": "WI", "jail": "sheriff"},
    ],
    ids=lambda c: c["name"],
)
def test_the_resolution_is_printed_in_its_form(county):
    model, _ = _draft({"kind": "county", **county})
    res = model.resolution
    assert res is not None and len(res.recitals) > 1
    doc = docx.Document(io.BytesIO(render_bytes(model, "docx", RenderOptions(notes="none"))))
    paras = [p for p in doc.paragraphs if p.text.strip()]
    texts = [" ".join(p.text.split()) for p in paras]
    start = texts.index(res.number_line)
    expected = [res.number_line, res.title, *res.recitals, res.resolving_clause]
    assert texts[start : start + len(expected)] == [" ".join(t.split()) for t in expected]
    number = paras[start]
    style = number.style.paragraph_format
    assert number.paragraph_format.page_break_before or style.page_break_before
    tail = texts[start:]
    adopted = tail.index(res.signature.passed_line)
    assert tail[adopted + 1] == res.signature.vote_line
    md = render_bytes(model, "md", RenderOptions(notes="none")).decode()
    for recital in res.recitals:
        assert f"\n{recital}\n" in md.replace("\\_", "_").replace("\\", ""), recital[:40]


@pytest.mark.parametrize("with_certification", [True, False], ids=["with", "without"])
def test_the_certification_exception_speaks_of_the_defined_request(with_certification):
    """With the certification section, the status rule's exception names its defined term.

    The exception for U and T visa certification then speaks of a "certification request",
    the term the certification section defines, and stops where that section's own limit on
    questions does (what the certification form calls for); without that section the term
    is not defined, so the exception says in words what the person asked for.
    """
    term = LIBRARY.definitions["certification_request"].spec.term
    provisions: dict[str, Any] = {
        "status_inquiry": {"values": {"exceptions": ["victim_certification"]}},
    }
    if with_certification:
        provisions["victim_certification"] = {}
    jur = {"name": "Sampleton", "kind": "city", "state": "MN", "jail": "none"}
    model, _ = _draft(jur, provisions=provisions)
    rule = next(s for s in model.sections if s.key == "status_inquiry")
    exception = next(p.text for p in rule.paragraphs if "U or T" in p.text or term in p.text)
    definitions = next(s for s in model.sections if s.key == "definitions")
    defined = any(f"“{term.capitalize()}” means" in p.text for p in definitions.paragraphs)
    assert defined is with_certification
    assert (term in exception) is with_certification, exception
    if with_certification:
        assert "certification form calls for" in exception
    assert not model.consistency, [f.message for f in model.consistency]


@pytest.mark.parametrize(
    "county",
    [
        {"name": "Rice", "county_type": "statutory", "jail": "sheriff"},
        {"name": "Ramsey", "county_type": "charter", "jail": "sheriff"},
    ],
    ids=lambda c: c["county_type"],
)
def test_the_packet_follows_the_form_the_ordinance_uses(county):
    """The adoption packet's procedure is the ordinance's own form's: a charter county's is
    not the statutory county's § 375.51 procedure."""
    data = {
        "format": 1,
        "jurisdiction": {"kind": "county", "state": "MN", **county},
        "document": {"draft_date": "2026-12-01"},
    }
    resolved = resolve_data(data, LIBRARY, "test answers")
    model = draft_ordinance(LIBRARY, resolved)
    j = resolved.jurisdiction
    builder = Builder(LIBRARY, resolved, model)
    form = LIBRARY.form_for(j.state, j.kind, j.city_type, j.county_type)
    assert builder.form.id == form.id
    expected = LIBRARY.packet.procedures.get(form.id, LIBRARY.packet.default)
    assert [s.what for s in builder.procedure.steps] == [s.what for s in expected.steps]
