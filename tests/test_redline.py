"""Redlines (issue 7): real Word tracked changes that accept to B and reject to A."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REQUIRE_TOOLS, require_tool, write_answers
from docx_revisions import (
    NS,
    document_xml,
    paragraphs,
    q,
    resolve_all,
    revisions,
)
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.pipeline import draft_ordinance, render_bytes
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.tools.compare import resolve_pair
from ordinance_drafter.tools.redline import align, render_redline, tokens, word_diff
from renderkit import convert, pandoc_text

LIBRARY = load_library(builtin_library_path())

# B adds optional provisions essentials lacks, changes variants and values, drops a
# finding and leaves out `purpose`; the reverse pair removes and adds them back. When the
# lead adds the `comprehensive` preset, essentials -> comprehensive is compared too.
CHANGED_CITY = """\
format: 1
jurisdiction: {name: Northfield, kind: city, state: MN, city_type: statutory}
provisions:
  findings:
    values: {themes: [public_safety, resources, federal_role, state_law]}
  status_inquiry:
    variant: status_and_birthplace
    values: {exceptions: [eligibility, criminal_investigation, victim_certification]}
  resource_use: {variant: broad}
  effective_date: {variant: days_after, values: {days: 45}}
document: {draft_date: "2026-03-01"}
"""
# Optional provisions outside essentials that B adds, as whole new sections.
ADDED = [
    pid
    for pid in ("equal_access", "nondiscrimination", "criminal_investigations")
    if pid in LIBRARY.clauses and pid not in LIBRARY.presets["essentials"].provisions
]
CHANGED_CITY = CHANGED_CITY.replace(
    "provisions:\n", "provisions:\n" + "".join(f"  {pid}:\n" for pid in ADDED), 1
)
COUNTY_A = """\
format: 1
jurisdiction: {name: Rice, kind: county, state: MN, jail: sheriff}
preset: essentials
document: {draft_date: "2026-03-01", code_chapter: Chapter 19}
"""
COUNTY_B = """\
format: 1
jurisdiction: {name: Rice, kind: county, state: MN, jail: sheriff}
provisions:
  purpose:
  status_inquiry: {values: {exceptions: [eligibility]}}
  resource_use: {variant: broad}
  federal_law_savings: {values: {no_obstruction: false}}
  effective_date: {variant: fixed_date, values: {date: "January 1, 2027"}}
document: {draft_date: "2026-03-01", code_chapter: Chapter 19}
"""

CASES = {
    "essentials-to-changed": ("essentials", "changed.yaml"),
    "changed-to-essentials": ("changed.yaml", "essentials"),
    "county": ("county-a.yaml", "county-b.yaml"),
}
if "comprehensive" in LIBRARY.presets:
    CASES["essentials-to-comprehensive"] = ("essentials", "comprehensive")
    # For a sheriff's county, B's companion resolution has paragraphs A's lacks, at the end.
    CASES["county-essentials-to-comprehensive"] = ("county-a.yaml", "county-c.yaml")


@dataclass
class Case:
    """A rendered redline and the clean renderings of its two sides."""

    redline: Path
    a_docx: Path
    b_docx: Path
    before: object
    after: object


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request, tmp_path_factory) -> Case:
    """Build one redline through the CLI, plus A's and B's own clean renderings."""
    from typer.testing import CliRunner

    from ordinance_drafter.cli.app import app

    folder = tmp_path_factory.mktemp(request.param)
    write_answers(folder / "changed.yaml", CHANGED_CITY)
    write_answers(folder / "county-a.yaml", COUNTY_A)
    write_answers(folder / "county-b.yaml", COUNTY_B)
    write_answers(folder / "county-c.yaml", COUNTY_A.replace("essentials", "comprehensive"))
    a, b = CASES[request.param]
    args = [str(folder / x) if x.endswith(".yaml") else x for x in (a, b)]
    sets = ["--set", "document.draft_date=2026-03-01"]
    redline = folder / "redline.docx"
    result = CliRunner().invoke(app, ["compare", *args, "-o", str(redline), *sets])
    assert result.exit_code == 0, result.output
    side_a, side_b = resolve_pair(*args, LIBRARY, ["document.draft_date=2026-03-01"])
    before = draft_ordinance(LIBRARY, side_a.resolved)
    after = draft_ordinance(LIBRARY, side_b.resolved)
    clean = RenderOptions(notes="none")
    a_docx, b_docx = folder / "a.docx", folder / "b.docx"
    a_docx.write_bytes(render_bytes(before, "docx", clean))
    b_docx.write_bytes(render_bytes(after, "docx", clean))
    return Case(redline, a_docx, b_docx, before, after)


def test_redline_holds_tracked_changes_with_author_and_date(case):
    """The document has w:ins and w:del elements, each with a unique id, author and date."""
    root = document_xml(case.redline)
    revs = revisions(root)
    tags = {el.tag for el in revs}
    assert tags == {q("ins"), q("del")}
    ids = [el.get(q("id")) for el in revs]
    assert len(ids) == len(set(ids))
    for el in revs:
        assert el.get(q("author")) == "Ordinance Drafter"
        assert re.fullmatch(r"2026-03-01T12:00:00Z", el.get(q("date")))
    # Deleted text is w:delText, never w:t; inserted text is never w:delText.
    assert not root.xpath("//w:del//w:t", namespaces=NS)
    assert not root.xpath("//w:ins//w:delText", namespaces=NS)
    assert root.xpath("//w:del//w:delText", namespaces=NS)


def test_changes_are_word_level_inside_paragraphs(case):
    """Some paragraphs mix unchanged runs with inserted or deleted words."""
    root = document_xml(case.redline)
    mixed = [
        p
        for p in root.iter(q("p"))
        if p.xpath("./w:r/w:t", namespaces=NS) and p.xpath("./w:ins | ./w:del", namespaces=NS)
    ]
    assert mixed, "no paragraph shows a word-level change"
    for p in mixed:
        for change in p.xpath("./w:ins | ./w:del", namespaces=NS):
            text = "".join(change.itertext())
            # A word-level change is a few words, not the whole paragraph.
            assert len(text) < len("".join(p.itertext()))


def test_own_accept_and_reject_give_b_and_a(case):
    """Accepting every change in the XML gives B's paragraphs and styles; rejecting gives A's."""
    root = document_xml(case.redline)
    assert paragraphs(resolve_all(root, "accept")) == paragraphs(document_xml(case.b_docx))
    assert paragraphs(resolve_all(root, "reject")) == paragraphs(document_xml(case.a_docx))


def test_pandoc_accept_and_reject_give_b_and_a(case):
    """pandoc, an independent reader, accepts the redline to B's text and rejects it to A's."""
    pandoc = require_tool("pandoc")
    accepted = pandoc_text(pandoc, case.redline, "accept")
    rejected = pandoc_text(pandoc, case.redline, "reject")
    assert accepted == pandoc_text(pandoc, case.b_docx)
    assert rejected == pandoc_text(pandoc, case.a_docx)
    assert accepted != rejected


def _libreoffice(tmp_path: Path, source: Path, target: str) -> Path:
    convert(require_tool("soffice"), [source], tmp_path, target)
    out = tmp_path / f"{source.stem}.{target.split(':')[0]}"
    assert out.is_file(), f"LibreOffice wrote no {target}"
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def _words(el) -> str:
    """The text of a revision element, a tab reading as a space."""
    parts = [
        " " if t.tag == q("tab") else (t.text or "")
        for t in el.iter(q("t"), q("delText"), q("tab"))
    ]
    return _norm("".join(parts))


def test_libreoffice_reads_the_tracked_changes(case, tmp_path):
    """LibreOffice keeps every deletion as a tracked change (ODT) and prints old and new text."""
    from lxml import etree

    odt = _libreoffice(tmp_path, case.redline, "odt")
    with zipfile.ZipFile(odt) as z:
        content = etree.fromstring(z.read("content.xml"))
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    insertions = content.xpath("//text:changed-region/text:insertion", namespaces=ns)
    deletions = content.xpath("//text:changed-region/text:deletion", namespaces=ns)
    assert insertions and deletions
    for space in content.xpath("//text:tab | //text:s", namespaces=ns):
        space.text = " "
    # A deletion holds the deleted paragraphs and headings after its change-info.
    deleted_lo = _norm(
        " ".join(
            "".join(child.itertext())
            for d in deletions
            for child in d
            if not child.tag.endswith("}change-info")
        )
    )
    root = document_xml(case.redline)
    for el in root.xpath("//w:del", namespaces=NS):
        words = _words(el)
        if len(words) > 3:
            assert words in deleted_lo, f"LibreOffice lost the deletion {words!r}"

    pdftotext = require_tool("pdftotext")
    pdf = _libreoffice(tmp_path, case.redline, "pdf")
    text = _norm(
        subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    # LibreOffice prints a redline with both the deleted and the inserted words.
    ins_words = [w for el in root.xpath("//w:ins", namespaces=NS) if len(w := _words(el)) > 12]
    del_words = [w for el in root.xpath("//w:del", namespaces=NS) if len(w := _words(el)) > 12]
    if not del_words:  # e.g. essentials -> comprehensive mostly adds; its deletions are short
        del_words = [w for el in root.xpath("//w:del", namespaces=NS) if len(w := _words(el)) > 2]
    assert ins_words and del_words
    for words in ins_words[:5] + del_words[:5]:
        first = " ".join(words.split()[:3])
        assert first in text, f"{first!r} is not in LibreOffice's PDF"


def test_redline_uses_the_renderer_styles_and_turns_tracking_on(case):
    """Paragraph styles are the DOCX renderer's named styles, and Track Changes stays on."""
    with zipfile.ZipFile(case.redline) as z:
        settings_xml = z.read("word/settings.xml").decode()
        styles_xml = z.read("word/styles.xml").decode()
    assert "<w:trackRevisions/>" in settings_xml
    for name in ("Section Heading", "Subsection 1", "Finding", "Ordinance Title"):
        assert f'<w:name w:val="{name}"/>' in styles_xml
    root = document_xml(case.redline)
    for style in {el.get(q("val")) for el in root.iter(q("pStyle"))}:
        assert f'w:styleId="{style}"' in styles_xml, f"style {style} is not defined"


def test_redline_is_reproducible():
    """The same two drafts give byte-identical redlines (fixed dates, fixed zip times)."""
    side_a, side_b = resolve_pair(
        "essentials", "essentials", LIBRARY, ["document.draft_date=2026-01-02"]
    )
    before = draft_ordinance(LIBRARY, side_a.resolved)
    after = draft_ordinance(LIBRARY, side_b.resolved)
    assert render_redline(before, after) == render_redline(before, after)


def test_identical_drafts_give_a_redline_without_changes(tmp_path):
    """Comparing a draft with itself writes a redline with no tracked change at all."""
    side_a, side_b = resolve_pair(
        "essentials", "essentials", LIBRARY, ["document.draft_date=2026-01-02"]
    )
    out = tmp_path / "same.docx"
    out.write_bytes(
        render_redline(
            draft_ordinance(LIBRARY, side_a.resolved), draft_ordinance(LIBRARY, side_b.resolved)
        )
    )
    assert revisions(document_xml(out)) == []


JAIL_CLAUSE = """\
id: jail_requests
title: Requests about the jail
caption: Requests about the jail.
category: custody
order: 400
version: 0.1.0
summary: A test provision for the people held in a jail the sheriff runs.
needs_jail: true
sheriff: resolution
sources:
  - {cite: "Test source", status: unconfirmed}
"""


def test_a_dropped_companion_resolution_is_deleted_cleanly(tmp_path):
    """When B drops the trailing resolution, accepting and rejecting still give B and A."""
    from conftest import build_clause_library

    root = build_clause_library(
        tmp_path / "lib",
        {
            "provisions/jail_requests/clause.yaml": JAIL_CLAUSE,
            "provisions/jail_requests/text.md.j2": (
                "The {{ jur.body }} asks the Sheriff to release people on time.\n\n"
                "- The Sheriff is asked to decline detainers.\n"
            ),
            "provisions/jail_requests/note.md.j2": "## What it does\n\nA test note.\n",
        },
    )
    lib = load_library(root)
    write_answers(
        tmp_path / "a.yaml", COUNTY_A.replace("preset: essentials", "provisions: [jail_requests]")
    )
    write_answers(tmp_path / "b.yaml", COUNTY_A.replace("preset: essentials", "provisions: []"))
    side_a, side_b = resolve_pair(str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), lib)
    before = draft_ordinance(lib, side_a.resolved)
    after = draft_ordinance(lib, side_b.resolved)
    assert before.resolution is not None and after.resolution is None
    out = tmp_path / "r.docx"
    out.write_bytes(render_redline(before, after))
    clean = RenderOptions(notes="none")
    (tmp_path / "a.docx").write_bytes(render_bytes(before, "docx", clean))
    (tmp_path / "b.docx").write_bytes(render_bytes(after, "docx", clean))
    xml = document_xml(out)
    last = xml.find(q("body")).findall(q("p"))[-1]
    assert not last.xpath("./w:pPr/w:rPr/w:del", namespaces=NS), "the final mark is deleted"
    assert paragraphs(resolve_all(xml, "accept")) == paragraphs(document_xml(tmp_path / "b.docx"))
    assert paragraphs(resolve_all(xml, "reject")) == paragraphs(document_xml(tmp_path / "a.docx"))
    if shutil.which("pandoc") or REQUIRE_TOOLS:
        pandoc = require_tool("pandoc")
        assert pandoc_text(pandoc, out, "accept") == pandoc_text(pandoc, tmp_path / "b.docx")
        assert pandoc_text(pandoc, out, "reject") == pandoc_text(pandoc, tmp_path / "a.docx")


def test_an_added_companion_resolution_is_inserted_cleanly(tmp_path):
    """When B adds a trailing resolution, accepting and rejecting still give B and A.

    The document's last paragraph mark cannot be an insertion, so the last kept
    paragraph's mark is inserted instead (as Word does when text is added at the end).
    """
    from conftest import build_clause_library

    root = build_clause_library(
        tmp_path / "lib",
        {
            "provisions/jail_requests/clause.yaml": JAIL_CLAUSE,
            "provisions/jail_requests/text.md.j2": (
                "The {{ jur.body }} asks the Sheriff to release people on time.\n\n"
                "- The Sheriff is asked to decline detainers.\n"
            ),
            "provisions/jail_requests/note.md.j2": "## What it does\n\nA test note.\n",
        },
    )
    lib = load_library(root)
    write_answers(tmp_path / "a.yaml", COUNTY_A.replace("preset: essentials", "provisions: []"))
    write_answers(
        tmp_path / "b.yaml", COUNTY_A.replace("preset: essentials", "provisions: [jail_requests]")
    )
    side_a, side_b = resolve_pair(str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), lib)
    before = draft_ordinance(lib, side_a.resolved)
    after = draft_ordinance(lib, side_b.resolved)
    assert before.resolution is None and after.resolution is not None
    out = tmp_path / "r.docx"
    out.write_bytes(render_redline(before, after))
    clean = RenderOptions(notes="none")
    (tmp_path / "a.docx").write_bytes(render_bytes(before, "docx", clean))
    (tmp_path / "b.docx").write_bytes(render_bytes(after, "docx", clean))
    xml = document_xml(out)
    body = xml.find(q("body")).findall(q("p"))
    assert not body[-1].xpath("./w:pPr/w:rPr/w:ins", namespaces=NS), "the final mark is inserted"
    assert body[-1].xpath("./w:ins", namespaces=NS), "the last paragraph's text is not inserted"
    assert paragraphs(resolve_all(xml, "accept")) == paragraphs(document_xml(tmp_path / "b.docx"))
    assert paragraphs(resolve_all(xml, "reject")) == paragraphs(document_xml(tmp_path / "a.docx"))
    if shutil.which("pandoc") or REQUIRE_TOOLS:
        pandoc = require_tool("pandoc")
        assert pandoc_text(pandoc, out, "accept") == pandoc_text(pandoc, tmp_path / "b.docx")
        assert pandoc_text(pandoc, out, "reject") == pandoc_text(pandoc, tmp_path / "a.docx")


# -- the diff engine ------------------------------------------------------------------

TEXT = st.lists(
    st.sampled_from(["the", "City", "must", "not", "ask", ",", ".", " ", "  ", "(a)", "\t", "§"]),
    max_size=25,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_word_diff_rebuilds_both_texts(before, after):
    """Equal plus inserted pieces give the new text; equal plus deleted give the old."""
    pieces = word_diff(before, after)
    assert "".join(t for op, t in pieces if op != "delete") == after
    assert "".join(t for op, t in pieces if op != "insert") == before
    assert all(t for _op, t in pieces)


def test_word_diff_marks_only_the_changed_words():
    """Changing one word leaves the rest of the sentence unmarked."""
    pieces = word_diff(
        "This ordinance takes effect on the day after its publication.",
        "This ordinance takes effect 45 days after its passage and publication.",
    )
    assert pieces[0] == ("equal", "This ordinance takes effect ")
    assert ("insert", "passage and ") in pieces
    assert "".join(t for op, t in pieces if op == "equal").startswith("This ordinance")


def test_tokens_split_words_spaces_and_punctuation():
    """Tokens are words, runs of white space and single punctuation marks."""
    assert tokens("(a)\tA City's rule.") == [
        "(",
        "a",
        ")",
        "\t",
        "A",
        " ",
        "City",
        "'",
        "s",
        " ",
        "rule",
        ".",
    ]


def test_align_pairs_similar_paragraphs_despite_new_labels():
    """A paragraph inserted in a list pairs the rest with their relabelled selves."""
    before = ["(a)\tone two three four", "(b)\tfive six seven eight", "(c)\tnine ten eleven"]
    after = [
        "(a)\tone two three four",
        "(b)\tsomething else entirely new here",
        "(c)\tfive six seven eight",
        "(d)\tnine ten eleven",
    ]
    assert align(before, after) == [(0, 0), (None, 1), (1, 2), (2, 3)]
    assert align(before, []) == [(0, None), (1, None), (2, None)]


def test_a_paragraph_whose_style_changed_tracks_the_old_style(tmp_path):
    """A paragraph that changes level carries w:pPrChange; reject restores its old style."""
    from dataclasses import replace

    side, _ = resolve_pair("essentials", "essentials", LIBRARY, ["document.draft_date=2026-01-02"])
    before = draft_ordinance(LIBRARY, side.resolved)
    section = before.section("status_inquiry")
    first = section.paragraphs[0]
    moved = replace(first, level=0, label="")
    after = replace(
        before,
        sections=tuple(
            replace(s, paragraphs=(moved, *s.paragraphs[1:])) if s is section else s
            for s in before.sections
        ),
    )
    out = tmp_path / "r.docx"
    out.write_bytes(render_redline(before, after))
    clean = RenderOptions(notes="none")
    (tmp_path / "a.docx").write_bytes(render_bytes(before, "docx", clean))
    (tmp_path / "b.docx").write_bytes(render_bytes(after, "docx", clean))
    root = document_xml(out)
    changes = root.xpath("//w:pPrChange", namespaces=NS)
    assert len(changes) == 1
    assert changes[0].xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Subsection1"]
    assert paragraphs(resolve_all(root, "accept")) == paragraphs(document_xml(tmp_path / "b.docx"))
    assert paragraphs(resolve_all(root, "reject")) == paragraphs(document_xml(tmp_path / "a.docx"))


def test_added_provisions_are_whole_inserted_sections(tmp_path):
    """Sections only B has are inserted paragraphs, heading included, marks and all."""
    if not ADDED:
        pytest.skip("the library has no optional provision outside essentials")
    write_answers(tmp_path / "changed.yaml", CHANGED_CITY)
    side_a, side_b = resolve_pair("essentials", str(tmp_path / "changed.yaml"), LIBRARY)
    after = draft_ordinance(LIBRARY, side_b.resolved)
    out = tmp_path / "r.docx"
    out.write_bytes(render_redline(draft_ordinance(LIBRARY, side_a.resolved), after))
    root = document_xml(out)
    inserted = [
        "".join(p.itertext())
        for p in root.iter(q("p"))
        if p.xpath("./w:pPr/w:rPr/w:ins", namespaces=NS)
    ]
    for pid in ADDED:
        heading = after.section(pid).heading
        assert heading in inserted, f"{pid}: its heading is not an inserted paragraph"
