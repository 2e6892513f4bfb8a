"""Content batch B: agreements, data, property and operations provisions (orders 520-630).

The samples pin each provision's wording. These tests check what samples alone cannot:
cross-references to other helpers' sections once those sections are in the draft, the
variables that change a rule's scope, the county and sheriff wording, and that notes never
carry an unresolved cross-reference.
"""

from __future__ import annotations

import re

import pytest

from conftest import build_clause_library
from ordinance_drafter.answers.sample import sample_context, sample_jurisdiction
from ordinance_drafter.answers.sources import resolve_data
from ordinance_drafter.library.loader import Library, builtin_library_path, load_library
from ordinance_drafter.library.notes import parse_note
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.qa.lint import configurations
from ordinance_drafter.render import RenderOptions

BATCH_B = (
    "federal_office_space",
    "task_forces",
    "information_sharing",
    "data_systems",
    "property_staging",
    "nonpublic_areas",
    "sensitive_locations",
    "perimeter_support",
)
LIBRARY = load_library(builtin_library_path())

# Stand-ins for sections other helpers write, so the has()-guarded references in this
# batch can be resolved and checked before (and after) those sections land.
PARTNERS = {
    "public_reporting": (820, "accountability", ""),
    "request_documentation": (810, "accountability", ""),
    "criminal_investigations": (900, "carveouts", ""),
    "custody_interviews": (430, "custody", "needs_jail: true\nsheriff: resolution\n"),
}


def _stub_files() -> dict[str, str]:
    files = {}
    for pid, (order, category, extra) in PARTNERS.items():
        base = f"provisions/{pid}"
        files[f"{base}/clause.yaml"] = (
            f"id: {pid}\ntitle: Stand-in {pid}\ncategory: {category}\norder: {order}\n"
            f"version: 0.1.0\nsummary: A stand-in section for cross-reference tests.\n{extra}"
            "sources:\n  - cite: test stand-in\n"
        )
        files[f"{base}/text.md.j2"] = f"- STAND-IN {pid.replace('_', ' ')}.\n"
        files[f"{base}/note.md.j2"] = (
            "## What it does\nx\n## Why\nx\n## Legal basis and risks\nx\n## Modeled on\nx\n"
        )
    return files


def _markdown(library: Library, jurisdiction: dict, provisions: dict) -> str:
    data = {
        "format": 1,
        "jurisdiction": jurisdiction,
        "provisions": provisions,
        "document": {"draft_date": "2026-11-25"},
    }
    resolved = resolve_data(data, library, "test answers")
    ordinance = draft_ordinance(library, resolved)
    return render_bytes(ordinance, "md", RenderOptions(notes="none")).decode("utf-8")


def _section(markdown: str, caption_start: str) -> tuple[str, str]:
    """Return (section number, body) of the section whose caption starts with the text."""
    match = re.search(
        rf"^### Section (\d+)\. {re.escape(caption_start)}.*?$(.*?)(?=^### |\Z)",
        markdown,
        re.M | re.S,
    )
    assert match, f"no section captioned {caption_start!r}"
    return match.group(1), match.group(2)


def _number_of(markdown: str, marker: str) -> str:
    match = re.search(rf"^### Section (\d+)\.[^\n]*\n\n\(a\) {re.escape(marker)}", markdown, re.M)
    assert match, f"no section holding {marker!r}"
    return match.group(1)


@pytest.fixture(scope="module")
def partner_library(tmp_path_factory) -> Library:
    """The built-in library plus stand-ins for the sections this batch refers to."""
    root = tmp_path_factory.mktemp("lib") / "clauses"
    return Library(build_clause_library(root, _stub_files()))


def test_guarded_references_name_the_partner_sections(partner_library):
    """With the partner sections chosen, every guarded reference names the right section."""
    provisions = {pid: {} for pid in (*BATCH_B, *PARTNERS)}
    md = _markdown(
        partner_library,
        {"name": "Winona", "kind": "city", "state": "MN", "city_type": "charter", "jail": "city"},
        provisions,
    )
    reporting = _number_of(md, "STAND-IN public reporting")
    requests = _number_of(md, "STAND-IN request documentation")
    custody = _number_of(md, "STAND-IN custody interviews")
    _, task_forces = _section(md, "Joint task forces")
    assert f"Each report under section {reporting} must also state" in task_forces
    _, sharing = _section(md, "Sharing personal information")
    assert f"handle it as section {requests} provides" in sharing
    _, data = _section(md, "Databases")
    assert f"in the report under section {reporting}" in data
    _, nonpublic = _section(md, "Non-public areas")
    assert f"is governed by section {custody} and by the City's procedures" in nonpublic
    _, perimeter = _section(md, "Perimeters")
    assert f"handle it as section {requests} provides" in perimeter
    assert f"Each report under section {reporting} must include a summary" in perimeter
    protocol_section, _ = _section(md, "Non-public areas")
    _, sensitive = _section(md, "Sensitive places")
    assert f"follow section {protocol_section}(e)" in sensitive


def test_without_partner_sections_the_batch_stands_alone(library):
    """Without the partner sections, each rule carries its own report or referral instead."""
    md = _markdown(
        library,
        {"name": "Northfield", "kind": "city", "state": "MN", "city_type": "statutory"},
        {pid: {} for pid in BATCH_B},
    )
    _, task_forces = _section(md, "Joint task forces")
    # A Plan A city (the default): the council administers, so the administering officer (the
    # one it designates) reports.
    assert "At least once each year, the administering officer must give the City Council" in (
        task_forces
    )
    _, perimeter = _section(md, "Perimeters")
    assert "report the request to the head of the employee's department" in perimeter
    savings, _ = _section(md, "Compliance with federal and state law")
    _, sharing = _section(md, "Sharing personal information")
    assert f"as described in section {savings}(a)." in sharing


@pytest.mark.parametrize(
    ("places", "expected"),
    [
        ([], "using any City property as a staging area"),
        (["parks", "other"], "using any City property as a staging area"),
        (["parking_lots"], "using any parking lot that is City property as a staging area"),
        (
            ["vacant_lots", "parking_ramps"],
            "using any parking ramp or vacant lot that is City property as a staging area",
        ),
    ],
)
def test_staging_rule_covers_the_chosen_kinds_of_property(library, places, expected):
    """The staging rule names exactly the chosen kinds of property, or all of it."""
    md = _markdown(
        library,
        {"name": "Northfield", "kind": "city", "state": "MN", "city_type": "statutory"},
        {"property_staging": {"values": {"places": places}}},
    )
    _, body = _section(md, "Use of City property as a staging area")
    assert expected in body


def test_sheriff_county_wording_and_designated_official(library):
    """A sheriff-run jail is left out of the rule, and a typed title loses its article."""
    md = _markdown(
        library,
        {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"},
        {"nonpublic_areas": {"values": {"official": "the Facilities Director"}}},
    )
    _, body = _section(md, "Non-public areas")
    assert (
        "does not apply to the jail or to other areas of County property that the Sheriff" in body
    )
    assert "is the Facilities Director, or another employee" in body
    assert "the the" not in body
    default = _markdown(
        library,
        {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"},
        {"nonpublic_areas": {}},
    )
    # The default Minnesota county is governed by its board, which designates the official.
    assert "designated official for this section is the administering officer" in default
    administrator = _markdown(
        library,
        {"name": "Rice", "kind": "county", "state": "MN", "government": "administrator"},
        {"nonpublic_areas": {}},
    )
    assert "designated official for this section is the County Administrator" in administrator


def test_court_date_rule_comes_only_with_its_variant(library):
    """The court-date tip rule appears only in the variant that chooses it."""
    jur = {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"}
    plain = _markdown(library, jur, {"information_sharing": {}})
    tips = _markdown(
        library, jur, {"information_sharing": {"variant": "with_notice_of_court_dates"}}
    )
    phrase = "applies even if the schedule is available to the public"
    assert phrase not in _section(plain, "Sharing personal information")[1]
    assert phrase in _section(tips, "Sharing personal information")[1]


def test_definitions_follow_the_chosen_sections(library):
    """Choosing only the staging rule defines its terms and no term it does not use."""
    md = _markdown(
        library,
        {"name": "Northfield", "kind": "city", "state": "MN", "city_type": "statutory"},
        {"property_staging": {}},
    )
    _, definitions = _section(md, "Definitions")
    for term in ("“City property”", "“Staging area”", "“Civil immigration enforcement”"):
        assert term in definitions
    for term in ("“Personal information”", "“Joint task force”", "“Non-public area”"):
        assert term not in definitions


@pytest.mark.parametrize("pid", BATCH_B)
def test_notes_render_clean_prose_in_every_configuration(pid):
    """Notes hold no unresolved cross-reference and no words run together after a condition."""
    clause = LIBRARY.clauses[pid]
    glued = re.compile(r"[a-z)]{2}[.;:,][A-Z(][a-z]")
    for kind, jail, variant, part, police in configurations(clause.spec):
        for state in ("MN", "WA"):
            jur = sample_jurisdiction(kind, state=state, jail=jail, police=police or None)
            for has in (lambda _pid: True, lambda _pid: False):
                context = sample_context(LIBRARY, clause, kind, variant, jur, part)
                context["has"] = has
                note = clause.note_template.render(context)
                for part_ in parse_note(note):
                    for paragraph in part_.paragraphs:
                        assert "\x02" not in paragraph and "\x03" not in paragraph, paragraph
                        assert not glued.search(paragraph), paragraph
