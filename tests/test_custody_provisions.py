"""Custody and agreement provisions: where they land, what they require, what they define."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from conftest import write_answers
from ordinance_drafter.answers.resolve import resolve
from ordinance_drafter.answers.sources import resolve_file
from ordinance_drafter.assembly.assemble import assemble
from ordinance_drafter.errors import AnswerError, ClauseConflictError

CUSTODY = ("detainers", "notification_requests", "transfer_requests", "custody_interviews")

SHERIFF_COUNTY = """\
jurisdiction: {name: Rice, kind: county, state: MN, jail: sheriff}
provisions:
  detainers: {variant: warrant_and_serious_offense}
  notification_requests: {variant: decline_all}
  transfer_requests: {variant: decline_all}
  custody_interviews: {variant: no_access}
  serious_offenses: {}
  immigration_agreements: {}
  detention_contracts: {}
document: {draft_date: "2026-11-25"}
"""


def _draft(tmp_path: Path, library, text: str):
    answers = write_answers(tmp_path / "a.answers.yaml", text)
    return assemble(library, resolve_file(answers, library))


def test_sheriff_county_puts_jail_rules_in_the_resolution_and_contracts_in_the_ordinance(
    tmp_path, cli, library
):
    """python-docx reads jail rules after the resolution title and board decisions before it."""
    answers = write_answers(tmp_path / "rice.answers.yaml", SHERIFF_COUNTY)
    out = tmp_path / "rice.docx"
    result = cli("build", str(answers), "-o", str(out), "--notes", "none")
    assert result.exit_code == 0, result.output
    model = _draft(tmp_path, library, SHERIFF_COUNTY)
    assert model.resolution is not None
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    start = next(i for i, t in enumerate(paragraphs) if t == model.resolution.title)
    before, after = "\n".join(paragraphs[:start]), "\n".join(paragraphs[start:])
    for caption in (
        "Immigration detainers.",
        "Notification requests.",
        "Transfer requests.",
        "Interviews of people in custody.",
        "Convictions for serious offenses.",
    ):
        assert caption in after and caption not in before
    custody = [s for s in model.resolution.sections if s.key in (*CUSTODY, "serious_offenses")]
    assert len(custody) == 5
    for sec in custody:
        assert "requests that the" in sec.paragraphs[0].text, sec.heading
    for caption in (
        "Agreements with federal immigration authorities.",
        "Immigration detention contracts.",
    ):
        assert caption in before and caption not in after
    assert before.count("including the Sheriff, to make an agreement") == 2
    assert not re.search(r"\bshall\b|\bmay not\b", before + after)
    assert not re.search(r"\b(?:Sheriff|Office of the Sheriff) must\b", before + after)


def test_resolution_cross_references_name_paragraphs_and_ordinance_sections(tmp_path, library):
    """Inside the resolution, references say 'paragraph N' or 'section N ... of the Ordinance'."""
    ordinance = _draft(tmp_path, library, SHERIFF_COUNTY)
    assert ordinance.resolution is not None
    numbers = {s.key: s.number for s in ordinance.resolution.sections}
    sections = {s.key: s.number for s in ordinance.sections}
    detainers = next(s for s in ordinance.resolution.sections if s.key == "detainers")
    text = " ".join(p.text for p in detainers.paragraphs)
    assert f"a conviction listed in paragraph {numbers['serious_offenses']}." in text
    assert f"except as paragraph {numbers['detainers']}(b) permits" in text
    assert f"section {sections['federal_law_savings']}(b) of the Ordinance" in text
    terms = next(s for s in ordinance.resolution.sections if s.caption == "Terms.")
    assert f"section {sections['definitions']} of the Ordinance" in terms.paragraphs[0].text


def test_serious_offense_variant_requires_the_list(tmp_path, library):
    """Choosing the serious-offense variant without the list is refused, naming the list."""
    answers = write_answers(
        tmp_path / "a.answers.yaml",
        "jurisdiction: {name: Dane, kind: county, state: WI, jail: county}\n"
        "provisions:\n  transfer_requests: {variant: warrant_and_serious_offense}\n",
    )
    with pytest.raises(ClauseConflictError, match="serious_offenses"):
        resolve_file(answers, library)


@pytest.mark.parametrize("pid", CUSTODY)
def test_custody_provisions_are_not_offered_to_a_city_without_a_jail(pid, library):
    """A city with no jail cannot choose a provision about people held in a jail."""
    from ordinance_drafter.answers.schema import Answers, JurisdictionAnswers, ProvisionAnswers

    answers = Answers(
        jurisdiction=JurisdictionAnswers(name="Northfield", kind="city", state="MN"),
        provisions={pid: ProvisionAnswers()},
    )
    with pytest.raises(AnswerError, match="jail"):
        resolve(answers, library, "test")


def test_request_definitions_appear_only_with_the_sections_that_use_them(tmp_path, library):
    """Definitions gain 'notification request' and 'transfer request' only when used."""
    base = "jurisdiction: {name: Northfield, kind: city, state: MN, jail: city}\nprovisions:\n"

    def defined(provisions: str) -> list[str]:
        ordinance = _draft(tmp_path, library, base + provisions)
        section = next(s for s in ordinance.sections if s.key == "definitions")
        return [re.match(r"“([^”]+)”", p.text).group(1) for p in section.paragraphs[1:]]

    only_detainers = defined("  detainers: {}\n")
    assert "Notification request" not in only_detainers
    assert "Transfer request" not in only_detainers
    assert "Immigration detainer" in only_detainers
    both = defined("  notification_requests: {}\n  transfer_requests: {}\n")
    assert "Notification request" in both and "Transfer request" in both


def test_serious_offense_list_always_demands_a_judicial_warrant(tmp_path, library):
    """However the list is configured, its text says a judicial warrant is also required."""
    ordinance = _draft(
        tmp_path,
        library,
        "jurisdiction: {name: Dane, kind: county, state: WI, jail: county}\n"
        "provisions:\n  detainers: {variant: warrant_and_serious_offense}\n"
        "  serious_offenses: {values: {offenses: [], lookback_years: 1}}\n",
    )
    section = next(s for s in ordinance.sections if s.key == "serious_offenses")
    text = " ".join(p.text for p in section.paragraphs)
    assert "a judicial warrant is also required" in text
    assert "within the 1 year before" in text
    assert "No crime is described in this subsection" in text


def test_docx_builds_with_every_provision_a_county_can_choose(tmp_path, cli, library):
    """A draft with every provision builds; its document properties stay within Word's limits."""
    from ordinance_drafter.answers.jurisdiction import Jurisdiction
    from ordinance_drafter.answers.resolve import applicability

    jur = Jurisdiction("Rice", "county", "MN", "", "county", "County Board", "Administrator", "")
    chosen = [c.id for c in library.clauses.values() if not applicability(c.spec, jur)]
    assert {"detainers", "serious_offenses", "detention_contracts"} <= set(chosen)
    lines = "".join(f"  {pid}: {{}}\n" for pid in chosen)
    answers = write_answers(
        tmp_path / "all.answers.yaml",
        "jurisdiction: {name: Rice, kind: county, state: MN, jail: county}\n"
        f"provisions:\n{lines}document: {{draft_date: '2026-11-25'}}\n",
    )
    out = tmp_path / "all.docx"
    result = cli("build", str(answers), "-o", str(out))
    assert result.exit_code == 0, result.output
    props = docx.Document(str(out)).core_properties
    assert len(props.comments) <= 255
    assert "Answers fingerprint:" in props.comments
