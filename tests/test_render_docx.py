"""The DOCX renderer: styles, numbering, fields, properties and notes, read back independently."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.shared import Inches
from docx2python import docx2python

from conftest import EXAMPLES, run_command
from ordinance_drafter.library.loader import load_library
from ordinance_drafter.pipeline import draft_ordinance, resolve_file
from ordinance_drafter.render import NOTES_MODES, typeset
from ordinance_drafter.render.cover import COVER_COLUMNS_FROM, cover_sources
from ordinance_drafter.render.docx import bookmark_name
from ordinance_drafter.render.docx_styles import STYLES
from renderkit import (
    NS,
    TEST_FLAG,
    W,
    convert,
    draft_data,
    draft_example,
    flag_resource_use,
    open_docx,
    part_xml,
    pdf_pages,
    render,
)

BUILT_IN_STYLES = {"Normal"}


@pytest.fixture(scope="module")
def city(library):
    """The Northfield example's document model."""
    return draft_example(library, "northfield-city")


@pytest.fixture(scope="module")
def chapter(library):
    """The Minneapolis Chapter 19 example's document model."""
    return draft_example(library, "minneapolis-chapter-19")


def test_every_part_has_a_named_style_defined_in_the_document(city):
    """Every style the renderer names is defined in styles.xml, and body text uses them."""
    data = render(city, notes="inline", cover_summary=True)
    styles = part_xml(data, "word/styles.xml")
    names = {s.get(f"{{{W}}}val") for s in styles.findall(".//w:style/w:name", NS)}
    assert set(STYLES) <= names
    document = open_docx(data)
    used = {p.style.name for p in document.paragraphs}
    assert used <= set(STYLES) | BUILT_IN_STYLES
    assert "Normal" not in used  # no paragraph falls back to unstyled text
    for part in ("Ordinance Title", "Findings Heading", "Finding", "Enacting Clause"):
        assert part in used
    for part in ("Section Heading", "Subsection 1", "Definition", "Signature Block"):
        assert part in used
    for part in ("Drafter Note", "Cover Title", "Attest Label"):
        assert part in used


def test_every_table_style_used_is_defined_and_no_other(city):
    """The cover's table has its style in styles.xml (python-docx resolves it), and the
    styles part keeps no table style the draft does not use besides Word's default: the
    hundred styles of python-docx's template were four fifths of every package."""
    data = render(city, notes="inline", cover_summary=True)
    document = part_xml(data, "word/document.xml")
    used = set(document.xpath(".//w:tblPr/w:tblStyle/@w:val", namespaces=NS))
    assert used, "the cover's sources are a table"
    styles = part_xml(data, "word/styles.xml")
    defined = styles.xpath('.//w:style[@w:type="table"]', namespaces=NS)
    ids = {s.get(f"{{{W}}}styleId") for s in defined}
    default = {s.get(f"{{{W}}}styleId") for s in defined if s.get(f"{{{W}}}default") == "1"}
    assert len(default) == 1
    assert ids == used | default
    # python-docx finds the style by that id (it would fall back to the default otherwise)
    assert {t.style.style_id for t in open_docx(data).tables} == used


def test_headings_carry_outline_levels(city, chapter):
    """Title, sections and code sections are headings at levels 1, 2 and 3."""
    for model, style, level in (
        (city, "Ordinance Title", "0"),
        (city, "Section Heading", "1"),
        (chapter, "Chapter Heading", "1"),
        (chapter, "Code Section Heading", "2"),
    ):
        styles = part_xml(render(model), "word/styles.xml")
        node = styles.xpath(
            f'.//w:style[w:name/@w:val="{style}"]/w:pPr/w:outlineLvl/@w:val', namespaces=NS
        )
        assert node == [level], style
        based = styles.xpath(f'.//w:style[w:name/@w:val="{style}"]/w:basedOn/@w:val', namespaces=NS)
        assert based and based[0].startswith("Heading")


def test_subsections_have_labels_and_hanging_indents(tmp_path, city):
    """docx2python reads (a), (1), (A) labels in order, each on a style with a hanging indent."""
    path = tmp_path / "city.docx"
    path.write_bytes(render(city, notes="none"))
    document = open_docx(path.read_bytes())
    for level in (1, 2):
        fmt = document.styles[f"Subsection {level}"].paragraph_format
        assert fmt.left_indent == Inches(0.5 * level)
        assert fmt.first_line_indent == -Inches(0.5)
    with docx2python(path) as doc:
        text = doc.text
    body = text[text.index("Section 3.") : text.index("Section 4.")]
    labels = re.findall(r"^\((\w)\)\t", body, flags=re.MULTILINE)
    assert labels[:3] == ["a", "b", "1"]
    assert "c" in labels and "d" in labels
    subsections = [p for p in document.paragraphs if p.style.name == "Subsection 2"]
    assert subsections and all(re.match(r"\(\d\)\t", p.text) for p in subsections)


def test_properties_record_library_version_and_answers_fingerprint(tmp_path, city):
    """Core properties (docx2python) and docProps/custom.xml carry the build's identity."""
    data = render(city)
    path = tmp_path / "city.docx"
    path.write_bytes(data)
    with docx2python(path) as doc:
        core = doc.core_properties
    assert core["title"].startswith("City of Northfield, Minnesota: An ordinance relating")
    assert core["subject"] == "Model separation ordinance (draft for attorney review)"
    assert "separation ordinance" in core["keywords"]
    assert city.metadata.answers_fingerprint in core["description"]
    custom = part_xml(data, "docProps/custom.xml")
    values = {p.get("name"): p[0].text for p in custom.findall("{*}property")}
    assert values["OrdinanceDrafterLibraryVersion"] == city.metadata.library_version
    assert values["OrdinanceDrafterAnswersFingerprint"] == city.metadata.answers_fingerprint
    assert re.fullmatch(r"[0-9a-f]{16}", values["OrdinanceDrafterAnswersFingerprint"])
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert 'PartName="/docProps/custom.xml"' in types
    assert "relationships/custom-properties" in rels and "docProps/custom.xml" in rels


def test_packages_of_different_shapes_are_whole(city, chapter):
    """Packages that share their fixed parts (compressed once, then copied: zip_parts) and
    differ in their own: each entry's checksum holds, no name twice, every part the content
    types name is there, [Content_Types].xml first, and the fixed parts are the same bytes
    in a draft with comments, one without, another draft and a council copy."""
    shapes = {
        "comments": render(city),
        "inline": render(city, notes="inline"),
        "other draft": render(chapter),
        "council": render(city, council_copy=True),
    }
    entries = {}
    for label, data in shapes.items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None, label
            names = z.namelist()
            assert names[0] == "[Content_Types].xml", label
            assert len(names) == len(set(names)), label
            types = z.read("[Content_Types].xml").decode()
            for part in re.findall(r'PartName="/([^"]+)"', types):
                assert part in names, (label, part)
            entries[label] = {n: z.read(n) for n in names}
        open_docx(data)  # python-docx opens it
    for name in ("word/styles.xml", "word/theme/theme1.xml", "word/numbering.xml"):
        assert len({e[name] for e in entries.values()}) == 1, name
    assert entries["comments"]["word/document.xml"] != entries["inline"]["word/document.xml"]


def test_header_footer_and_confidential_mark(tmp_path, city):
    """The header has DRAFT, the date and (on request) the confidential mark; the footer fields."""
    path = tmp_path / "city.docx"
    path.write_bytes(render(city, confidential=True))
    with docx2python(path) as doc:
        header = " ".join(str(x) for x in doc.header)
    assert "DRAFT — November 25, 2026" in header
    assert "Confidential attorney work product" in header
    footer = part_xml(path.read_bytes(), "word/footer1.xml")
    instructions = [t.text.strip() for t in footer.findall(".//w:instrText", NS)]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [f.get(f"{{{W}}}fldCharType") for f in footer.findall(".//w:fldChar", NS)]
    assert kinds == ["begin", "separate", "end"] * 2
    plain = render(city)
    assert b"Confidential" not in zipfile.ZipFile(io.BytesIO(plain)).read("word/header1.xml")


def test_cross_references_are_ref_fields_to_bookmarks_with_correct_cached_text(chapter):
    """Each REF field names a bookmark in the document and caches the text assembly resolved."""
    data = render(chapter, notes="none")
    body = part_xml(data, "word/document.xml")
    bookmarks = {b.get(f"{{{W}}}name") for b in body.findall(".//w:bookmarkStart", NS)}
    refs = [i.text.split() for i in body.findall(".//w:instrText", NS)]
    assert refs, "the chapter example has cross-references"
    for ref in refs:
        assert ref[0] == "REF" and ref[1] in bookmarks and ref[2] == "\\h"
    status = chapter.section("status_inquiry")
    assert bookmark_name(status.anchor) in bookmarks
    with_fields = [p.text for p in open_docx(data).paragraphs]
    without = [
        p.text for p in open_docx(render(chapter, notes="none", xref_fields=False)).paragraphs
    ]
    assert with_fields == without
    assert any("except as provided in section 19.30(b)." in t for t in with_fields)
    assert b"instrText" not in zipfile.ZipFile(
        io.BytesIO(render(chapter, notes="none", xref_fields=False))
    ).read("word/document.xml")


def test_bookmarks_wrap_the_number_and_label_they_name(chapter):
    """A section number's bookmark holds just the number, a subsection's just its label."""
    body = part_xml(render(chapter, notes="none"), "word/document.xml")
    status = chapter.section("status_inquiry")
    target = next(p for p in status.paragraphs if p.anchor.endswith("exceptions"))
    for anchor, text in ((status.anchor, status.number), (target.anchor, target.label)):
        start = body.xpath(f'.//w:bookmarkStart[@w:name="{bookmark_name(anchor)}"]', namespaces=NS)
        assert len(start) == 1
        run = start[0].getnext()
        assert "".join(run.itertext()) == text


def test_comments_name_the_author_from_the_answers_and_lead_with_flags(library):
    """Comments use document.notes_author; a state-law flag is the first, bold line."""
    model = draft_data(
        library,
        {
            "jurisdiction": {"name": "Northfield", "kind": "city"},
            "preset": "essentials",
            "document": {"notes_author": "City Attorney's Office"},
        },
        flagger=flag_resource_use,
    )
    document = open_docx(render(model, notes="comments"))
    comments = list(document.comments)
    assert len(comments) == len(model.sections) + 1
    assert {c.author for c in comments} == {"City Attorney's Office"}
    flagged = [c for c in comments if TEST_FLAG.message in c.text]
    assert len(flagged) == 1
    lines = flagged[0].paragraphs
    assert lines[0].text.startswith("Drafter's note")
    assert lines[1].text.startswith("State law warning: likely forbidden: " + TEST_FLAG.message)
    assert all(r.bold for r in lines[1].runs)


@pytest.mark.parametrize("mode", NOTES_MODES)
@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_state_law_flags_are_prominent_in_every_mode(library, mode, fmt):
    """A flag is printed, with its citation, in every notes mode of every format."""
    model = draft_data(
        library,
        {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "essentials"},
        flagger=flag_resource_use,
    )
    data = render(model, fmt, notes=mode)
    if fmt == "docx":
        document = open_docx(data)
        flags = [
            p.text.replace("\u00a0", " ")  # a section sign is kept with its number
            for p in document.paragraphs
            if p.style.name in ("State Law Flag", "Drafter Note Flag")
        ]
        assert any(TEST_FLAG.message in t and "Test Stat. § 1.23" in t for t in flags)
        assert any("Section 4. Use of City resources." in t for t in flags)
    else:
        text = data.decode()
        assert TEST_FLAG.message in text and "State law warning: likely forbidden" in text


def test_signature_block_attest_and_keep_together(library):
    """Signers sign on the right; "Attest:" precedes the clerk's line; the block is kept whole."""
    model = draft_example(library, "rice-county")
    document = open_docx(render(model, notes="none"))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("Adopted by the County Board"))
    block = paragraphs[start:]
    assert [p.text for p in block[1:7]] == [
        "_" * 34,
        "Chair, County Board",
        "Attest:",
        "_" * 34,
        "Clerk of the County Board",
        "Notice of intention to consider published on ______________, 20___.",
    ]
    assert block[1].style.name == "Signature Line" and block[5].style.name == "Attester"
    assert block[1].style.paragraph_format.left_indent == Inches(3.25)
    assert all(p.style.paragraph_format.keep_with_next for p in block[:5])
    assert paragraphs[start - 1].paragraph_format.keep_with_next  # last text line comes along


def test_line_numbers_restart_each_page_and_skip_notes(city):
    """--line-numbers sets w:lnNumType; disclaimer, notes and cover styles suppress numbers."""
    data = render(city, line_numbers=True, notes="appendix")
    body = part_xml(data, "word/document.xml")
    numbering = body.findall(".//w:sectPr/w:lnNumType", NS)
    assert len(numbering) == 1
    assert numbering[0].get(f"{{{W}}}restart") == "newPage"
    assert numbering[0].get(f"{{{W}}}countBy") == "1"
    styles = part_xml(data, "word/styles.xml")
    for style in ("Ordinance Disclaimer", "Note Text", "Cover Text", "Drafter Note"):
        assert styles.xpath(
            f'.//w:style[w:name/@w:val="{style}"]/w:pPr/w:suppressLineNumbers', namespaces=NS
        )
    assert not part_xml(render(city), "word/document.xml").findall(".//w:lnNumType", NS)


def test_cover_summary_is_its_own_page_with_provisions_flags_and_sources(library):
    """The cover lists every section's cover sentence, the flags and a sources table, then
    breaks."""
    # A city: a county's companion resolution makes the draft long enough for the paged cover.
    model = draft_data(
        library,
        {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "essentials"},
        flagger=flag_resource_use,
    )
    document = open_docx(render(model, notes="none", cover_summary=True))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Cover Title"
    assert paragraphs[0].text == "Summary: City of Northfield, Minnesota"
    disclaimer = next(p for p in paragraphs if p.style.name == "Ordinance Disclaimer")
    assert disclaimer.paragraph_format.page_break_before
    cover = paragraphs[: [p._p for p in paragraphs].index(disclaimer._p)]
    assert {p.style.name for p in cover} <= {
        "Cover Title",
        "Cover Subtitle",
        "Cover Heading",
        "Cover Item",
        "Cover Footnote",
        "Cover Text",
        "Cover Flag",
    }
    cover_text = "\n".join(p.text for p in cover)
    for sec in model.sections:
        # The sentence written for this draft (the definitions have none: their summary).
        assert f"{sec.heading} {typeset(sec.cover or sec.summary)}" in cover_text
        assert "in one variant" not in cover_text  # the library's summary is for every variant
    assert TEST_FLAG.message in cover_text
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Part", "Modeled on or relies on"]
    # As printed: a section sign is kept with the citation around it, as in the notes.
    assert rows[1:] == [
        [where, typeset(cites)] for where, cites in cover_sources(model, notes=False)
    ]


def test_cover_summary_flag_from_cli(tmp_path):
    """`build --cover` starts the DOCX with the summary; without it there is none."""
    answers = EXAMPLES / "northfield-city" / "answers.yaml"
    for cover in (True, False):
        out = tmp_path / f"{cover}.docx"
        args = ["build", str(answers), "-o", str(out)] + (["--cover"] if cover else [])
        result = run_command(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        first = open_docx(out.read_bytes()).paragraphs[0]
        assert (first.style.name == "Cover Title") is cover


def test_both_writes_a_clean_and_an_annotated_copy(tmp_path):
    """--both writes the annotated draft and a -clean copy with no comments or notes."""
    answers = EXAMPLES / "rice-county" / "answers.yaml"
    out = tmp_path / "rice.docx"
    result = run_command("build", str(answers), "-o", str(out), "--both", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "rice-clean.docx"
    annotated = open_docx(out.read_bytes())
    plain = open_docx(clean.read_bytes())
    assert len(list(annotated.comments)) > 0 and len(list(plain.comments)) == 0
    body = [p.text for p in annotated.paragraphs]
    assert body == [p.text for p in plain.paragraphs]


@pytest.mark.parametrize("mode", NOTES_MODES)
def test_package_is_valid_office_open_xml(tmp_path, chapter, mode):
    """openxml-audit finds no schema or package error in any notes mode, with every option."""
    from openxml_audit import OpenXmlValidator

    path = tmp_path / f"{mode}.docx"
    path.write_bytes(
        render(chapter, notes=mode, line_numbers=True, cover_summary=True, confidential=True)
    )
    result = OpenXmlValidator().validate(str(path))
    problems = [f"{e.description} ({e.part_uri} {e.path})" for e in result.errors]
    assert problems == []


def test_cover_gives_warnings_in_full_and_context_in_one_line(library):
    """State-law context (severity info) is named in one sentence; warnings are printed whole."""
    from ordinance_drafter.render.cover import cover_state_law
    from ordinance_drafter.statelaw.flags import Flag

    context = Flag("info", "A state statute already limits this.", ("Test Stat. § 9",))

    def flagger(clause, choice, resolved):
        if clause.id == "status_inquiry":
            return [context]
        return flag_resource_use(clause, choice, resolved)

    model = draft_data(
        library,
        {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "essentials"},
        flagger=flagger,
    )
    warnings, line = cover_state_law(model)
    assert [f for _where, f in warnings] == [TEST_FLAG]
    assert line == "The explanatory notes add state-law context for section 3."
    cover = [p.text for p in open_docx(render(model, cover_summary=True)).paragraphs[:30]]
    assert line in cover
    assert not any(context.message in t for t in cover)


def test_markup_characters_in_user_text_read_back_exactly(library):
    """Names, titles and authors with <, &, quotes and outer spaces survive the XML intact."""
    name = 'Twin <Lakes> & "Pines"'
    ordinance = draft_data(
        library,
        {
            "jurisdiction": {"name": name, "kind": "city", "state": "MN"},
            "preset": "essentials",
            "document": {
                "title": "An ordinance on <data> & 'trust'",
                "notes_author": 'A & B "Counsel"',
                "number": " 2026-7 ",
            },
        },
    )
    data = render(ordinance, notes="comments", confidential=True)
    document = open_docx(data)
    texts = [p.text for p in document.paragraphs]
    assert "An ordinance on <data> & 'trust'" in texts
    assert f"City of {name}, Minnesota" in texts
    assert "ORDINANCE NO.  2026-7 " in texts
    props = document.core_properties
    assert props.title == f"City of {name}, Minnesota: An ordinance on <data> & 'trust'"
    assert props.author == 'A & B "Counsel"'
    authors = {c.get(f"{{{W}}}author") for c in part_xml(data, "word/comments.xml")}
    assert authors == {'A & B "Counsel"'}
    header = document.sections[0].header.paragraphs[0].text
    assert header.endswith(" — Confidential attorney work product")


def test_a_control_character_in_the_text_is_an_error_not_a_broken_file(city):
    """Text a Word document cannot hold stops the render with a message naming the character."""
    from dataclasses import replace

    from ordinance_drafter.errors import DrafterError

    broken = replace(city, title=city.title + "\x07")
    with pytest.raises(DrafterError, match="U\\+0007"):
        render(broken)


@pytest.mark.parametrize(
    "char", ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff", "\ud800"]
)
@pytest.mark.parametrize("where", ["title", "comment", "enacting"])
def test_every_character_word_cannot_hold_is_refused_wherever_it_is(city, char, where):
    """Each kind of character XML 1.0 cannot hold (C0 controls but tab, line feed and
    return; U+FFFE and U+FFFF; a lone surrogate), in the body, a comment or the header's
    title, is named in the message; tab, line feed and return are not refused."""
    from dataclasses import replace

    from ordinance_drafter.errors import DrafterError

    def put(text: str):
        if where == "title":
            return replace(city, title=city.title + text)  # the body and the properties
        if where == "enacting":
            return replace(city, enacting_clause=city.enacting_clause + text)
        sec = city.sections[0]
        note = replace(sec.note, title=sec.note.title + text)
        return replace(city, sections=(replace(sec, note=note), *city.sections[1:]))

    with pytest.raises(DrafterError, match=f"U\\+{ord(char):04X}"):
        render(put(char))
    render(put("\t\n\r"))


def test_long_cover_is_two_columns_and_fits_one_page(tmp_path):
    """A comprehensive draft's cover lists parts in two columns and fits one page with sources."""
    from conftest import require_tool

    answers = tmp_path / "a.yaml"
    answers.write_text(
        "jurisdiction: {name: Northfield, kind: city, state: MN, jail: city}\n"
        "preset: comprehensive\ndocument: {draft_date: '2026-11-25'}\n"
    )
    out = tmp_path / "cover.docx"
    result = run_command("build", str(answers), "-o", str(out), "--cover", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    sections = part_xml(data, "word/document.xml").findall(f".//{{{W}}}sectPr")
    assert [s.find(f"{{{W}}}cols").get(f"{{{W}}}num") for s in sections] == ["2", None]
    assert len(open_docx(data).sections) == 2
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    convert(soffice, [out], tmp_path)
    pages = pdf_pages(pdftotext, tmp_path / "cover.pdf")
    assert "Summary: City of Northfield" in pages[0]
    last = draft_ordinance(load_library(), resolve_file(answers, load_library())).sections[-1]
    assert "Sources" in pages[0] and f"\n{last.number}. " in pages[0]
    assert "MODEL DRAFT — NOT LEGAL ADVICE" in pages[1]


def test_short_cover_stays_one_column_on_its_own_page(library):
    """A short draft's cover has no section break: one column, then a page break."""
    model = draft_data(
        library, {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "essentials"}
    )
    assert len(model.sections) < COVER_COLUMNS_FROM and model.resolution is None
    data = render(model, notes="none", cover_summary=True)
    assert len(part_xml(data, "word/document.xml").findall(f".//{{{W}}}sectPr")) == 1
