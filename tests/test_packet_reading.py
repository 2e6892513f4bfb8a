"""The adoption packet read as the jurisdiction's attorney reads it (issues 15 and 18).

Each case comes from the library's data: every form of government a Minnesota or Texas
city or county may have (``governments.yaml``), including those whose governing body itself
administers and so has no officer's title to print; the documents the packet plans; each
provision's packet data; and the state data. Documents are built in memory and read back with
python-docx.
"""

from __future__ import annotations

import io
import re

import docx
import pytest

from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.schema import parse_answers
from ordinance_drafter.packet.build import PacketOptions, build_packet
from ordinance_drafter.packet.context import Builder, p_text
from ordinance_drafter.pipeline import draft_ordinance

#: An office's name left empty: "the 's office", "The  must publish", "the office of the .",
#: "kept current by the and", "El cargo de publicará".
EMPTY_NAME = re.compile(
    r"\b(?:the|The)\s+(?:'s\b|[.,;:)]|(?:and|must|will|at|or|is)\b)"
    r"|\bcargo de\s+(?:[.,;]|publicará)"
)


def _text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _draft(library, jurisdiction: dict, preset: str):
    answers = parse_answers(
        {
            "format": 1,
            "jurisdiction": jurisdiction,
            "preset": preset,
            "document": {"draft_date": "2026-12-02"},
        },
        "test",
    )
    resolved = resolve(answers, library, "test")
    return resolved, draft_ordinance(library, resolved)


def _places(library):
    """(state, kind, type, government) for every form Minnesota and Texas have."""
    gov = library.governments
    out = []
    for state, kind, type_ in gov.places():
        if state not in ("MN", "TX"):
            continue
        for g in gov.options(state, kind, type_):
            out.append((state, kind, type_, g.id, g.officer))
    return out


def test_the_cases_include_forms_with_no_administering_officer(library):
    """The sweep below reaches a form whose governing body administers (the bug's case)."""
    places = _places(library)
    assert any(not officer for *_rest, officer in places)
    assert any(officer for *_rest, officer in places)


def test_no_packet_document_leaves_an_office_name_empty(library):
    """Every document of every Minnesota and Texas form names each office it mentions."""
    checked = 0
    for state, kind, type_, gid, _officer in _places(library):
        jur = {"name": "Sample", "kind": kind, "state": state, "government": gid}
        if type_:
            jur["city_type" if kind == "city" else "county_type"] = type_
        if kind == "county":
            jur["jail"] = "sheriff"
        resolved, ordinance = _draft(library, jur, "comprehensive")
        docs, _skipped = build_packet(library, resolved, ordinance, PacketOptions(language="es"))
        for doc in docs:
            if not doc.suffix.endswith(".docx"):
                continue
            text = _text(doc.data)
            bad = EMPTY_NAME.search(text)
            assert bad is None, (
                state,
                kind,
                type_,
                gid,
                doc.suffix,
                text[bad.start() - 60 : bad.end() + 20],
            )
            if kind == "city" and not doc.suffix.startswith("community-summary.es"):
                # "the City of Sample" inside a sentence, never "of City of Sample".
                assert not re.search(r"\b(?!the\b|The\b)[a-z]+ City of Sample", text), doc.suffix
            checked += 1
    assert checked


@pytest.mark.parametrize("preset", ["standard", "state-compliant"])
def test_a_texas_staff_report_says_what_the_draft_is(library, preset):
    """A standard Texas draft is refused a motion to adopt; a state-compliant one is not
    called an ordinance Texas forbids. Both carry the penalties with whom they reach and
    whether adoption itself is the violation, from the state data."""
    resolved, ordinance = _draft(library, {"name": "Sample", "kind": "city", "state": "TX"}, preset)
    docs, _ = build_packet(library, resolved, ordinance, PacketOptions())
    report = next(_text(d.data) for d in docs if d.suffix == "staff-report.docx")
    flat = " ".join(report.split())
    law = ordinance.state_law
    assert law is not None and law.penalties and law.adoption
    for penalty in law.penalties:
        assert " ".join(penalty.line.split()) in flat
    assert " ".join(law.adoption.split()) in flat
    warned = any(f.severity in ("forbidden", "limited") for _w, f in ordinance.flagged_sections())
    if warned:
        assert "forbids ordinances of this kind" in flat
    else:
        assert "forbids ordinances of this kind" not in flat
        assert "keeps only the sections" in flat
    assert "Move to adopt" not in flat


def test_alternatives_fit_the_jurisdiction_and_name_the_states_limits(library):
    """A city is not offered the sheriff-run county's preset; in Texas each other preset says
    how many of its provisions the state data forbids or limits for a city."""
    resolved, ordinance = _draft(
        library, {"name": "Sample", "kind": "city", "state": "TX"}, "state-compliant"
    )
    alternatives = dict(Builder(library, resolved, ordinance).alternatives())
    for preset in library.presets.values():
        fixed = preset.jurisdiction
        if fixed.get("kind", "city") != "city":
            assert preset.title not in alternatives
    assert any("Texas law forbids or limits" in d for d in alternatives.values())
    resolved, ordinance = _draft(
        library, {"name": "Sample", "kind": "city", "state": "MN"}, "standard"
    )
    assert not any(
        "Minnesota law forbids or limits" in d
        for d in dict(Builder(library, resolved, ordinance).alternatives()).values()
    )


def _card(library, jurisdiction, preset):
    resolved, ordinance = _draft(library, jurisdiction, preset)
    docs, _ = build_packet(library, resolved, ordinance, PacketOptions())
    return (
        resolved,
        ordinance,
        " ".join(_text(next(d.data for d in docs if d.suffix == "staff-card.docx")).split()),
    )


def test_the_texas_card_carries_the_places_of_worship_rule_and_no_rule_texas_forbids(library):
    """The state-compliant Texas card has the one limit on assistance Texas allows, and does
    not tell staff to step back from a joint operation (the sentence the draft leaves out)."""
    resolved, _ordinance, card = _card(
        library, {"name": "Sample", "kind": "city", "state": "TX"}, "state-compliant"
    )
    assert "places_of_worship" in resolved.choices
    assert "place of worship" in card
    assert resolved.choices["criminal_investigations"].values["civil_limits"] is False
    assert "step back" not in card and "really criminal" not in card


def test_card_deadlines_match_the_ordinance(library):
    """The non-public-area record goes to the designated official when the section says."""
    _resolved, ordinance, card = _card(
        library, {"name": "Sample", "kind": "city", "state": "MN"}, "standard"
    )
    section = next(s for s in ordinance.sections if s.key == "nonpublic_areas")
    text = " ".join(p_text(p) for p in section.paragraphs)
    match = re.search(r"give the record to the designated official (by [^.;]+)", text)
    assert match, text
    assert match.group(1) in card


def test_the_card_keeps_the_status_information_exchange_federal_law_protects(library):
    """The records rule on the card leaves room for what 8 U.S.C. § 1373 protects, as the
    ordinance's savings clause does."""
    _r, _o, card = _card(library, {"name": "Sample", "kind": "city", "state": "MN"}, "standard")
    assert "record of a person's immigration status" in card
    assert "protects" in card.split("record of a person's immigration status", 1)[1][:400]


def test_every_provision_with_employee_rules_reaches_the_card_or_the_summary(library):
    """A provision that binds employees (its text says what an employee must or must not do)
    has a card rule or a residents' sentence, so the packet is not silent about it."""
    structural = {"findings", "purpose", "severability", "effective_date", "definitions"}
    missing = []
    for pid, clause in library.clauses.items():
        if pid in structural:
            continue
        text = (
            clause.template_source
            if hasattr(clause, "template_source")
            else (clause.directory / "text.md.j2").read_text(encoding="utf-8")
        )
        if re.search(r"employee must not", text):
            packet = clause.spec.packet
            if not (packet.card or packet.residents):
                missing.append(pid)
    assert not missing, missing


def test_the_sheriffs_directive_carries_out_every_paragraph(library):
    """Each paragraph of the companion resolution that asks the Sheriff for a policy becomes
    rules in the directive; the transmittal and the response are not the directive's."""
    resolved, ordinance = _draft(
        library,
        {"name": "Sample", "kind": "county", "state": "MN", "jail": "sheriff"},
        "comprehensive",
    )
    docs, _ = build_packet(library, resolved, ordinance, PacketOptions())
    text = " ".join(
        _text(next(d.data for d in docs if d.suffix == "sheriff-directive.docx")).split()
    )
    assert "has no directive rules" not in text
    for sec in ordinance.resolution.sections:
        caption = sec.caption.rstrip(".")
        if sec.key in ("resolution-transmittal", "resolution-response"):
            assert caption not in text
        else:
            assert caption in text, caption
    assert "shall" not in text.lower() and " may not " not in text
