"""The adoption packet (issue 18): each document over a Minnesota statutory city, a
Minnesota county whose sheriff runs the jail and a Texas city (a state that forbids these
ordinances), read back with independent readers (python-docx, docx2python, pandoc,
LibreOffice and pdftotext, openxml-audit). Expectations come from the library's data: its
packet documents and procedures, each provision's packet block and the state data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from conftest import require_tool
from ordinance_drafter.answers.sources import resolve_file
from ordinance_drafter.packet.i18n import messages
from ordinance_drafter.pipeline import draft_ordinance
from ordinance_drafter.render.docx_styles import STYLES
from ordinance_drafter.statelaw.flags import state_entry
from renderkit import convert, docx2python_text, pandoc_text, pdf_pages, python_docx_text

JURISDICTIONS = {
    "mn-city": {
        "jurisdiction": {
            "name": "Northfield",
            "kind": "city",
            "state": "MN",
            "city_type": "statutory",
            "jail": "none",
        },
        "preset": "comprehensive",
        "document": {
            "draft_date": "2026-12-02",
            "adoption_date": "2027-01-12",
            "publication_date": "2027-01-21",
        },
    },
    "mn-county": {
        "jurisdiction": {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"},
        "preset": "county-sheriff",
        "document": {"draft_date": "2026-12-02"},
    },
    "tx-city": {
        "jurisdiction": {"name": "Austin", "kind": "city", "state": "TX", "jail": "none"},
        "preset": "standard",
        "document": {"draft_date": "2026-12-02"},
    },
}
DOLLARS = re.compile(r"\$\s?\d[\d,]*(\.\d+)?")


def _answers(tmp: Path, key: str) -> Path:
    path = tmp / f"{key}.answers.yaml"
    path.write_text(yaml.safe_dump({"format": 1, **JURISDICTIONS[key]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def packets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each jurisdiction's packet, written by the CLI (with the Spanish summary)."""
    from typer.testing import CliRunner

    from ordinance_drafter.cli.app import app

    tmp = tmp_path_factory.mktemp("packets")
    out = {}
    for key in JURISDICTIONS:
        folder = tmp / key
        result = CliRunner().invoke(
            app, ["packet", str(_answers(tmp, key)), "-o", str(folder), "--language", "es"]
        )
        assert result.exit_code == 0, result.output
        out[key] = folder
    return out


def _resolved(library, tmp: Path, key: str):
    return resolve_file(_answers(tmp, key), library)


def _expected(library, tmp: Path, key: str) -> set[str]:
    """The documents each jurisdiction must get, from the data the conditions read."""
    resolved = _resolved(library, tmp, key)
    jur = resolved.jurisdiction
    form = library.form_for(jur.state, jur.kind, jur.city_type)
    procedure = library.packet.procedures.get(form.id, library.packet.default)
    want = {"staff-report", "community-summary", "adoption-checklist", "staff-card"}
    if procedure.summary_publication is not None:
        want.add("publication-summary")
    if jur.sheriff_jail and any(
        library.clauses[pid].spec.sheriff == "resolution" and library.clauses[pid].spec.needs_jail
        for pid in resolved.choices
    ):
        want.add("sheriff-directive")
    if "victim_certification" in resolved.choices:
        want.add("certification-designation")
    return want


def all_text(path: Path) -> str:
    """The paragraphs and then every table cell, as python-docx reads them."""
    import docx

    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _docx(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))


@pytest.mark.parametrize("key", list(JURISDICTIONS))
def test_each_jurisdiction_gets_its_documents(packets, library, tmp_path, key):
    """The documents written are those the data calls for: summary publication where the
    form's procedure allows it, the directive only where a sheriff runs the jail."""
    got = {re.sub(r"^[a-z]+-", "", p.name).split(".")[0] for p in _docx(packets[key])}
    assert got == _expected(library, tmp_path, key)
    assert (packets[key] / f"{_stem(key)}-community-summary.pot").is_file()
    assert (packets[key] / f"{_stem(key)}-community-summary.es.docx").is_file()


def _stem(key: str) -> str:
    return JURISDICTIONS[key]["jurisdiction"]["name"].lower()


@pytest.mark.parametrize("key", list(JURISDICTIONS))
def test_documents_read_back_in_the_house_style(packets, key):
    """python-docx, docx2python and pandoc read the same text; every paragraph is in a named
    house style; the header is DRAFT and the date, the footer numbers the pages; and every
    document says it is a model for the attorney to review, not legal advice."""
    import docx

    pandoc = require_tool("pandoc")
    attorney = "City Attorney" if key.endswith("city") else "County Attorney"
    for path in _docx(packets[key]):
        text = python_docx_text(path)
        assert text.strip(), path
        assert " ".join(text.split())[:40] in " ".join(docx2python_text(path).split())
        plain = " ".join(pandoc_text(pandoc, path).split())
        first = " ".join(text.split())[:40]
        assert first in plain, path
        document = docx.Document(str(path))
        styles = {p.style.name for p in document.paragraphs}
        assert styles <= set(STYLES) | {"Normal"}, (path, styles - set(STYLES))
        header = " ".join(p.text for p in document.sections[0].header.paragraphs)
        footer_xml = document.sections[0].footer._element.xml
        if path.name.endswith(".es.docx"):
            assert "BORRADOR — 2 de diciembre de 2026" in header
            assert "Traducción no oficial" in text and "prevalece el inglés" in text
            assert "No es asesoría legal" in text
        else:
            assert "DRAFT — December 2, 2026" in header
            assert "not legal advice" in text.lower() and attorney in text
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml


@pytest.mark.parametrize("key", list(JURISDICTIONS))
def test_packages_are_valid_office_open_xml(packets, key):
    from openxml_audit import OpenXmlValidator

    for path in _docx(packets[key]):
        result = OpenXmlValidator().validate(str(path))
        assert [f"{e.description} ({e.part_uri})" for e in result.errors] == [], path


def test_one_page_documents_are_one_page_in_libreoffice(packets, tmp_path):
    """The staff card, and the community summary in English, fit one page each."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    files = [
        path
        for folder in packets.values()
        for path in _docx(folder)
        if "staff-card" in path.name or path.name.endswith("community-summary.docx")
    ]
    assert len(files) == 2 * len(packets)
    convert(soffice, files, tmp_path)
    for path in files:
        pages = pdf_pages(pdftotext, tmp_path / path.with_suffix(".pdf").name)
        assert len(pages) == 1, path.name


def test_no_dollar_figure_the_user_did_not_give(packets, library):
    """No document prints a dollar figure except a statutory penalty the state data records
    (the staff report quotes it with its citation); the cost table's estimates are blank."""
    import docx

    allowed = set()
    for code in ("MN", "TX"):
        for penalty in state_entry(library, code).penalties:
            text = penalty if isinstance(penalty, str) else penalty.text
            allowed |= {m.group() for m in DOLLARS.finditer(text)}
    for folder in packets.values():
        for path in _docx(folder):
            found = {m.group() for m in DOLLARS.finditer(python_docx_text(path))}
            assert found <= allowed, (path.name, found - allowed)
            if "staff-report" in path.name:
                table = docx.Document(str(path)).tables[0]
                assert [c.text for c in table.rows[0].cells][-1] == "Estimate"
                assert all(row.cells[-1].text == "" for row in table.rows[1:])


@pytest.mark.parametrize("key", list(JURISDICTIONS))
def test_staff_report_prices_each_provisions_costs(packets, library, tmp_path, key):
    """Each chosen provision with an unconditional cost item has a row, under its section."""
    import docx

    resolved = _resolved(library, tmp_path, key)
    report = next(p for p in _docx(packets[key]) if p.name.endswith("staff-report.docx"))
    table = docx.Document(str(report)).tables[0]
    sections = {row.cells[1].text for row in table.rows[1:]}
    ordinance = draft_ordinance(library, resolved)
    numbers = {s.key: s.number_label.rstrip(".") for s in ordinance.sections}
    for pid in resolved.choices:
        spec = library.clauses[pid].spec
        if pid in numbers and any(not c.when for c in spec.packet.costs):
            assert numbers[pid] in sections, pid


def test_texas_staff_report_gives_the_penalties_and_does_not_move_to_adopt(packets, library):
    report = python_docx_text(packets["tx-city"] / "austin-staff-report.docx")
    flat = " ".join(report.split())
    penalties = state_entry(library, "TX").penalties
    for penalty in penalties:
        text = penalty if isinstance(penalty, str) else penalty.text
        kinds = () if isinstance(penalty, str) else penalty.kinds
        # A penalty the data limits to counties (suits against sheriffs) is not a city's.
        shown = " ".join(text.split())[1:50] in flat  # the line capitalizes it
        assert shown == (not kinds or "city" in kinds), text
    assert any(not isinstance(p, str) and p.kinds == ("county",) for p in penalties)
    assert "Move to adopt" not in flat and "refer it to the City Attorney" in flat
    checklist = python_docx_text(packets["tx-city"] / "austin-adoption-checklist.docx")
    assert "Do not schedule a vote" in checklist
    summary = python_docx_text(packets["tx-city"] / "austin-community-summary.docx")
    assert "State law limits" in summary


def test_minnesota_checklists_cite_their_procedures(packets, library):
    """Each step of the form's procedure is listed with its citations, and a step short of
    verified is marked for the attorney; the county's says why there is no summary."""
    for key, form in (("mn-city", "mn_statutory_city"), ("mn-county", "mn_county")):
        text = " ".join(
            python_docx_text(packets[key] / f"{_stem(key)}-adoption-checklist.docx").split()
        )
        for step in library.packet.procedures[form].steps:
            assert f"{step.what}." in text
            for cite in step.citations:
                assert cite.replace("§ ", "§\u00a0") in text or cite in text, cite
        marks = text.count("[Confirm:")
        unverified = [s for s in library.packet.procedures[form].steps if s.status != "verified"]
        assert marks >= len(unverified)
    county = python_docx_text(packets["mn-county"] / "rice-adoption-checklist.docx")
    assert "375.51, subd. 3" in county and "could not be read" in county


def test_checklist_computes_the_effective_date_and_each_deadline(packets, library, tmp_path):
    """30 days after publication (the standard preset's default is computed from the
    answers' values), and each deadline of the ordinance counted from it."""
    resolved = _resolved(library, tmp_path, "mn-city")
    choice = resolved.choices["effective_date"]
    published = dt.date.fromisoformat(JURISDICTIONS["mn-city"]["document"]["publication_date"])
    assert choice.variant == "days_after"
    effective = published + dt.timedelta(days=choice.values["days"])

    def long(day: dt.date) -> str:
        return f"{day.strftime('%B')} {day.day}, {day.year}"

    text = all_text(packets["mn-city"] / "northfield-adoption-checklist.docx")
    assert f"takes effect {choice.values['days']} days after" in text
    assert long(effective) in text
    for pid, choice in resolved.choices.items():
        for due in library.clauses[pid].spec.packet.deadlines:
            days = choice.values[due.days]
            if days > 0 and not due.when:
                assert long(effective + dt.timedelta(days=days)) in text, (pid, due.what)
    publication_deadline = dt.date(2027, 1, 12) + dt.timedelta(days=45)
    assert long(publication_deadline) in text


def test_county_without_dates_leaves_them_blank(packets):
    text = python_docx_text(packets["mn-county"] / "rice-adoption-checklist.docx")
    assert "its date is not yet known" in text and "document.publication_date" in text


def test_sheriff_directive_speaks_in_the_sheriffs_voice(packets, library, tmp_path):
    """One rule group per paragraph of the companion resolution, each with the provision's
    directive rules; the directive says the Sheriff adopts it."""
    text = python_docx_text(packets["mn-county"] / "rice-sheriff-directive.docx")
    assert "I adopt this directive as my own policy" in text
    resolved = _resolved(library, tmp_path, "mn-county")
    in_resolution = [
        pid
        for pid in resolved.choices
        if library.clauses[pid].spec.needs_jail
        and library.clauses[pid].spec.sheriff == "resolution"
    ]
    assert in_resolution
    assert "has no directive rules" not in text
    for pid in in_resolution:
        assert library.clauses[pid].spec.packet.directive
    assert "Sheriff, Rice County" in text and "shall" not in text.lower()


def test_certification_designation_carries_the_deadlines(packets, library, tmp_path):
    resolved = _resolved(library, tmp_path, "mn-city")
    values = resolved.choices["victim_certification"].values
    text = python_docx_text(packets["mn-city"] / "northfield-certification-designation.docx")
    assert f"within {values['response_days']} days" in text
    assert f"{values['expedited_days']} days" in text
    assert "611A.95" in text  # Minnesota's own deadlines, for the attorney


def test_publication_summary_meets_the_statutes_form(packets, library):
    sp = library.packet.procedures["mn_statutory_city"].summary_publication
    text = " ".join(
        python_docx_text(packets["mn-city"] / "northfield-publication-summary.docx").split()
    )
    assert "This is a summary of Ordinance No." in text and "not the full text" in text
    assert "available for inspection by any person during regular office hours" in text
    assert sp.vote in text


def test_staff_card_has_only_the_chosen_rules(library, tmp_path, cli):
    """A draft without the non-public-areas section has no entry rules on its card."""
    data = {"format": 1, **JURISDICTIONS["tx-city"], "preset": None}
    data["provisions"] = {"status_inquiry": None, "effective_date": None, "severability": None}
    data.pop("preset")
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = cli("packet", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    card = python_docx_text(tmp_path / "out" / "austin-staff-card.docx")
    assert "immigration status" in card
    assert "non-public area" not in card
    assert not (tmp_path / "out" / "austin-certification-designation.docx").exists()


def test_a_translators_po_file_makes_an_unofficial_summary(packets, library, tmp_path, cli):
    """The .pot lists every message; a .po translated from it (here: each message tagged,
    placeholders kept) gives a summary in that language, marked unofficial."""
    pot = packets["mn-city"] / "northfield-community-summary.pot"
    with pot.open("rb") as handle:
        template = read_po(handle)
    ids = {m.id for m in template if m.id}
    assert ids == {text for text, _where in messages(library)}
    catalog = Catalog(locale="so", domain="community-summary")
    for message in template:
        if message.id:
            catalog.add(message.id, f"[so] {message.id}")
    folder = tmp_path / "po"
    folder.mkdir()
    with (folder / "so.po").open("wb") as handle:
        write_po(handle, catalog)
    answers = _answers(tmp_path, "mn-city")
    out = tmp_path / "out"
    result = cli(
        "packet", str(answers), "-o", str(out), "--language", "so", "--translations", str(folder)
    )
    assert result.exit_code == 0, result.output
    text = python_docx_text(out / "northfield-community-summary.so.docx")
    assert "[so] Unofficial translation" in text
    body = [line for line in text.splitlines() if line.strip()]
    assert all(line.startswith(("[so]", "•")) or "[so]" in line for line in body), body[:5]


def test_a_broken_translation_is_refused_and_nothing_is_written(library, tmp_path, cli):
    catalog = Catalog(locale="so", domain="community-summary")
    for text, _where in messages(library):
        catalog.add(text, re.sub(r"%\((\w+)\)s", "%(oops)s", text) or text)
    folder = tmp_path / "po"
    folder.mkdir()
    with (folder / "so.po").open("wb") as handle:
        write_po(handle, catalog)
    out = tmp_path / "out"
    result = cli(
        "packet",
        str(_answers(tmp_path, "mn-city")),
        "-o",
        str(out),
        "--language",
        "so",
        "--translations",
        str(folder),
    )
    assert result.exit_code != 0
    assert "must keep the placeholders" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_bad_input_is_handled_as_build_handles_it(tmp_path, cli):
    """An existing packet is never overwritten without --force (and is left whole); a file
    as the folder, a bad answers file, --translations without --language and a bad
    language code each give one paragraph and a non-zero exit, writing nothing."""
    answers = _answers(tmp_path, "tx-city")
    out = tmp_path / "out"
    assert cli("packet", str(answers), "-o", str(out)).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "austin-staff-card.docx").write_bytes(b"mine")
    again = cli("packet", str(answers), "-o", str(out))
    assert again.exit_code != 0 and "already exist" in again.output
    assert (out / "austin-staff-card.docx").read_bytes() == b"mine"
    forced = cli("packet", str(answers), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\njurisdiction: {name: X, kind: town, state: MN}\n")
    cases = [
        (["-o", str(a_file)], "is a file"),
        (["-o", str(tmp_path / "none" / "deeper")], "does not exist"),
        (["-o", str(tmp_path / "p2"), "--translations", str(tmp_path)], "--language"),
        (["-o", str(tmp_path / "p3"), "--language", "x!"], "not a language code"),
    ]
    for args, words in cases:
        result = cli("packet", str(answers), *args)
        assert result.exit_code != 0 and words in result.output, (args, result.output)
        assert "Traceback" not in result.output
    result = cli("packet", str(bad), "-o", str(tmp_path / "p4"))
    assert result.exit_code != 0 and "kind" in result.output
    for name in ("p2", "p3", "p4"):
        assert not (tmp_path / name).exists()


def test_interview_offers_the_packet(library, tmp_path):
    """At the end of the interview a yes writes the packet in a folder beside the draft
    (the offer reads the same stream as the interview), and Enter says how to write it later."""
    import io

    from rich.console import Console

    from ordinance_drafter.cli.prompts import offer_packet as _offer_packet

    resolved = _resolved(library, tmp_path, "mn-city")
    ordinance = draft_ordinance(library, resolved)
    for reply, written in (("y\n", True), ("\n", False)):
        out = io.StringIO()
        draft = tmp_path / ("yes" if written else "no") / "northfield.docx"
        draft.parent.mkdir()
        console = Console(file=out, width=100)
        _offer_packet(
            console, io.StringIO(reply), library, resolved, ordinance, Path("a.yaml"), draft
        )
        folder = draft.with_name("northfield-packet")
        assert "adoption packet" in out.getvalue()
        assert (folder / "northfield-staff-report.docx").is_file() is written
        if not written:
            assert "ordinance-drafter packet a.yaml -o" in out.getvalue()


def test_no_document_names_an_office_left_blank(packets):
    """Where the governing body administers (a Plan A city names no officer), no sentence
    reads "the office of the ." or "The  will": every office the packet names has a title."""
    blank = re.compile(r"\b[Tt]he\s+(?:[.,;:]|will\b|must\b)|\bof the\s*[.,;]")
    for folder in packets.values():
        for path in _docx(folder):
            text = python_docx_text(path)
            found = blank.search(text)
            assert not found, (path.name, text[max(0, found.start() - 60) : found.end() + 20])
