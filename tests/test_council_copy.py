"""``--council-copy``: the copy to introduce, after the attorney's review.

It has no notes, no MODEL DRAFT notice, no state-law warnings box, no DRAFT header and no
bracketed items to confirm; the default copies keep all of them. Checked through the
command line in a Texas city (a state whose law flags most provisions, so the default copy
has a warnings box) and a sheriff-run Minnesota county (a companion resolution), read
back by python-docx, an HTML parser, markdown-it and pdftotext.
"""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from conftest import require_tool, run_command, write_answers
from ordinance_drafter.render.cover import COUNCIL_COVER_NOTE, COVER_NOTE
from ordinance_drafter.render.layout import FLAGS_BOX_LEAD
from renderkit import draft_data, open_docx, pdf_pages

DRAFTS = {
    "tx-city": "jurisdiction: {name: Testville, kind: city, state: TX}\npreset: standard\n",
    "mn-sheriff": (
        "jurisdiction: {name: Rice, kind: county, state: MN, county_type: statutory,\n"
        "  government: board, jail: sheriff}\npreset: standard\n"
    ),
}
DATE = 'document: {draft_date: "2026-11-25"}\n'
# Words that only the attorney's copy may print (the disclaimer starts with the first).
ATTORNEY_ONLY = ("MODEL DRAFT", "NOT LEGAL ADVICE", FLAGS_BOX_LEAD, "DRAFT —", "Drafter's note")


def _answers(tmp_path, name):
    return write_answers(tmp_path / f"{name}.yaml", "format: 1\n" + DRAFTS[name] + DATE)


def _model(library, name):
    import yaml

    return draft_data(library, yaml.safe_load(DRAFTS[name]))


def _build(tmp_path, name, out, *flags):
    result = run_command("build", str(_answers(tmp_path, name)), "-o", out, *flags, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return result


def _docx_text(path) -> tuple[str, str, set[str]]:
    """Body text, header text and paragraph styles, as python-docx reads them."""
    document = open_docx(path.read_bytes())
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
    return body, header, {p.style.name for p in document.paragraphs}


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_council_docx_has_nothing_for_the_attorney_and_the_default_keeps_it(
    tmp_path, library, name
):
    model = _model(library, name)
    result = _build(tmp_path, name, "council.docx", "--council-copy", "--cover")
    _build(tmp_path, name, "default.docx", "--cover")
    body, header, styles = _docx_text(tmp_path / "council.docx")
    for words in ATTORNEY_ONLY:
        assert words not in body, words
    assert header.strip() == ""
    assert not styles & {
        "Ordinance Disclaimer",
        "State Law Flag",
        "State Law Text",
        "Drafter Note",
        "Cover Flag",
    }
    assert COVER_NOTE not in body and COUNCIL_COVER_NOTE in body
    assert "explanatory notes" not in body.casefold()
    # The ordinance itself is whole: every section heading and the signatures.
    for sec in model.sections:
        assert sec.caption in body
    assert model.signature.passed_line in body
    with zipfile.ZipFile(tmp_path / "council.docx") as z:
        assert "word/comments.xml" not in z.namelist()
        core = z.read("docProps/core.xml").decode()
        assert "Model" not in core and "council copy" in core
    # The terminal says what the copy assumes.
    assert "Council copy" in result.stderr and "assumes the attorney" in result.stderr

    body, header, styles = _docx_text(tmp_path / "default.docx")
    assert model.disclaimer in body and "Ordinance Disclaimer" in styles
    assert header.startswith("DRAFT — ")
    assert COVER_NOTE in body
    with zipfile.ZipFile(tmp_path / "default.docx") as z:
        assert "word/comments.xml" in z.namelist()
    if model.signature.confirm_note:
        assert model.signature.confirm_note in body
    if name == "tx-city":
        assert FLAGS_BOX_LEAD in body and "State Law Flag" in styles
        assert "Council copy" not in result.stdout


class _Classes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.classes.update((dict(attrs).get("class") or "").split())

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_council_html_and_markdown_follow_the_layout(tmp_path, name):
    for out, flags in (("council.html", ("--council-copy",)), ("default.html", ())):
        _build(tmp_path, name, out, "--cover", *flags)
    council, default = _Classes(), _Classes()
    council.feed((tmp_path / "council.html").read_text())
    default.feed((tmp_path / "default.html").read_text())
    assert {"disclaimer", "note"} <= default.classes
    assert not council.classes & {"disclaimer", "note", "flags", "flag"}
    text = " ".join("".join(council.text).split())
    for words in ATTORNEY_ONLY:
        assert words not in text, words

    _build(tmp_path, name, "council.md", "--council-copy", "--notes", "none")
    _build(tmp_path, name, "default.md")
    md = MarkdownIt()
    for path, expect in (("council.md", False), ("default.md", True)):
        tokens = md.parse((tmp_path / path).read_text())
        text = " ".join(t.content for t in tokens if t.type == "inline")
        assert ("MODEL DRAFT" in text) is expect, path
        assert ("Explanatory Notes" in text) is expect, path


def test_the_council_pdf_has_no_draft_header_or_notice(tmp_path):
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    _build(tmp_path, "tx-city", "council.pdf", "--council-copy")
    pages = pdf_pages(pdftotext, tmp_path / "council.pdf")
    text = "\n".join(pages)
    assert len(pages) > 1
    for words in ATTORNEY_ONLY:
        assert words not in text, words
    assert "ORDINANCE NO." in text and "Page 1 of" in text


def test_both_writes_the_annotated_copy_and_the_council_copy(tmp_path, library):
    model = _model(library, "tx-city")
    result = _build(tmp_path, "tx-city", "x.docx", "--council-copy", "--both", "--confidential")
    assert sorted(p.name for p in tmp_path.glob("x*.docx")) == ["x-council.docx", "x.docx"]
    body, header, _ = _docx_text(tmp_path / "x.docx")
    assert model.disclaimer in body and "Confidential attorney work product" in header
    body, header, _ = _docx_text(tmp_path / "x-council.docx")
    assert "MODEL DRAFT" not in body and header.strip() == ""
    assert "x-council.docx" in result.stderr and "x.docx has" not in result.stderr
    assert "also in the document" in result.stderr  # the annotated copy has the warnings


@pytest.mark.parametrize(
    "flags, words",
    [
        (("--notes", "inline"), "--notes inline"),
        (("--confidential",), "--confidential"),
    ],
)
def test_what_a_council_copy_cannot_be_is_refused_before_writing(tmp_path, flags, words):
    answers = _answers(tmp_path, "tx-city")
    result = run_command(
        "build", str(answers), "-o", "c.docx", "--council-copy", *flags, cwd=tmp_path
    )
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "c.docx").exists()


def test_draft_writes_a_council_copy_and_says_how_to_rebuild_it(tmp_path):
    answers = _answers(tmp_path, "mn-sheriff")
    result = run_command(
        "draft",
        "--no-input",
        "--answers",
        str(answers),
        "-o",
        "rice.docx",
        "--council-copy",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    body, header, _ = _docx_text(tmp_path / "rice.docx")
    assert "MODEL DRAFT" not in body and header.strip() == ""
    out = result.stdout + result.stderr
    assert "assumes the attorney" in out and "--council-copy" in out.split("Rebuild")[-1]
