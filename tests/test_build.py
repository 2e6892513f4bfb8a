"""`build` end to end: the DOCX read back by independent readers (issue: walking skeleton)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx2python import docx2python

from conftest import EXAMPLES, require_tool, run_command, write_answers
from ordinance_drafter.answers.sources import resolve_file
from ordinance_drafter.library.loader import load_library
from ordinance_drafter.pipeline import draft_ordinance
from renderkit import convert, pdf_pages

EXAMPLE_ANSWERS = sorted(EXAMPLES.glob("*/answers.yaml"))


def build(tmp_path: Path, answers: Path, *extra: str, name: str = "out.docx") -> Path:
    out = tmp_path / name
    result = run_command("build", str(answers), "-o", str(out), *extra, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    return out


def body_text(path: Path) -> str:
    with docx2python(path) as doc:
        return doc.text


@pytest.mark.parametrize("answers", EXAMPLE_ANSWERS, ids=lambda p: p.parent.name)
def test_docx_reads_back_as_an_ordinance(tmp_path, answers, library):
    """docx2python sees the name, enacting clause, numbered sections and every definition."""
    import yaml

    data = yaml.safe_load(answers.read_text())
    name, kind = data["jurisdiction"]["name"], data["jurisdiction"]["kind"]
    out = build(tmp_path, answers)
    text = body_text(out)
    assert "ORDINANCE NO. ____" in text
    assert "MODEL DRAFT — NOT LEGAL ADVICE" in text
    text = text[text.index("MODEL DRAFT") :]  # past any cover summary
    text = text[text.index("ORDINANCE NO. ____") :]  # and past any state-law warnings box
    if kind == "city":
        assert f"The City Council of the City of {name} ordains:" in text
    else:
        assert f"The County Board of {name} County ordains:" in text
    numbers = [int(n) for n in re.findall(r"^Section (\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    chapter = data.get("document", {}).get("code_chapter")
    if chapter:
        prefix = re.search(r"(\d+)$", chapter).group(1)
        codified = re.findall(rf"^{prefix}\.(\d+)\. ", text, flags=re.MULTILINE)
        assert [int(n) for n in codified] == [10 * i for i in range(1, len(codified) + 1)]
        assert len(codified) >= 4 and len(numbers) >= 3
    else:
        assert len(numbers) >= 5
    for caption in (
        "Definitions.",
        "Compliance with federal and state law.",
        "Severability.",
        "Effective date.",
    ):
        assert caption in text
    body = text.split("Definitions.", 1)[1]
    # The definitions section's terms (a section may define a term of its own, "In this
    # section, “place of worship” means ...", which is not in the list).
    definitions = re.split(r"^Section \d+\. ", body, maxsplit=1, flags=re.MULTILINE)[0]
    defined = re.findall(r"“([^”]+)” means", definitions)
    assert defined == sorted(defined, key=str.lower)
    for term in defined:
        uses = re.findall(re.escape(term), body, flags=re.IGNORECASE)
        assert len(uses) >= 2, f"{term!r} is defined but never used"
    for phrase in ("judicial warrant", "immigration status", "civil immigration enforcement"):
        if re.search(phrase, body, flags=re.IGNORECASE):
            assert phrase.capitalize() in defined


@pytest.mark.parametrize("answers", EXAMPLE_ANSWERS, ids=lambda p: p.parent.name)
def test_comments_are_word_comments_pandoc_can_read(tmp_path, answers):
    """Default notes are Word comments on section headings; pandoc and python-docx see them."""
    pandoc = require_tool("pandoc")
    out = build(tmp_path, answers)
    document = docx.Document(str(out))
    comments = list(document.comments)
    library = load_library()
    model = draft_ordinance(library, resolve_file(answers, library))
    # One comment per note: the findings' and each section's; a resolution paragraph that
    # only asks the Sheriff to follow an ordinance section has none of its own.
    noted = [s for s in model.all_sections() if s.note]
    assert len(comments) == len(noted) + (1 if model.findings else 0)
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name in ("Section Heading", "Code Section Heading")
        and not p.text.endswith("to read:")  # the amending instruction has no note
    ]
    assert all(s.heading in headings for s in noted)
    assert all(c.author == "Ordinance Drafter (model notes)" for c in comments)
    native = subprocess.run(
        [pandoc, "-f", "docx", "-t", "native", "--track-changes=all", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert native.count('"comment-start"') == len(comments)
    markdown = subprocess.run(
        [pandoc, "-f", "docx", "-t", "markdown", "--wrap=none", "--track-changes=all", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Legal basis and risks." in markdown
    assert "Modeled on." in markdown


def test_notes_modes(tmp_path):
    """appendix adds keyed notes, none gives a clean copy with no comments or notes."""
    answers = EXAMPLES / "northfield-city" / "answers.yaml"
    appendix = build(tmp_path, answers, "--notes", "appendix", name="a.docx")
    text = body_text(appendix)
    assert "Explanatory Notes" in text
    assert re.search(r"Section 3\. Asking about", text.split("Explanatory Notes", 1)[1])
    assert len(list(docx.Document(str(appendix)).comments)) == 0
    clean = build(tmp_path, answers, "--notes", "none", name="c.docx")
    clean_text = body_text(clean)
    assert "Explanatory Notes" not in clean_text and "Legal basis" not in clean_text
    assert "MODEL DRAFT — NOT LEGAL ADVICE" in clean_text
    assert len(list(docx.Document(str(clean)).comments)) == 0


def test_header_and_footer_carry_draft_and_page_fields(tmp_path):
    """The header says DRAFT with the date; the footer has PAGE and NUMPAGES fields."""
    out = build(tmp_path, EXAMPLES / "northfield-city" / "answers.yaml")
    with docx2python(out) as doc:
        header = "".join(str(x) for x in doc.header)
    assert "DRAFT — November 25, 2026" in header
    xml = docx.Document(str(out)).sections[0].footer._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml


def test_libreoffice_converts_and_pdftotext_agrees(tmp_path):
    """LibreOffice turns the DOCX into a PDF whose text holds the same ordinance."""
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    out = build(tmp_path, EXAMPLES / "rice-county" / "answers.yaml")
    convert(soffice, [out], tmp_path)
    text = "\f".join(pdf_pages(pdftotext, tmp_path / "out.pdf", "-layout"))
    flat = " ".join(text.split())
    assert "The County Board of Rice County ordains:" in flat
    assert "Page 1 of" in flat
    assert "DRAFT — November 25, 2026" in flat
    numbers = [int(n) for n in re.findall(r"Section (\d+)\. [A-Z]", flat)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_build_refuses_to_overwrite_without_force(tmp_path):
    """An existing output is left untouched unless --force is given."""
    answers = EXAMPLES / "northfield-city" / "answers.yaml"
    out = tmp_path / "out.docx"
    out.write_bytes(b"precious")
    result = run_command("build", str(answers), "-o", str(out), cwd=tmp_path)
    assert result.returncode != 0
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == b"precious"
    result = run_command("build", str(answers), "-o", str(out), "--force", cwd=tmp_path)
    assert result.returncode == 0
    assert out.read_bytes()[:2] == b"PK"


def test_rebuild_from_saved_answers_is_identical(tmp_path):
    """Building twice from the same answers gives byte-identical DOCX files."""
    answers = EXAMPLES / "rice-county" / "answers.yaml"
    first = build(tmp_path, answers, name="one.docx").read_bytes()
    second = build(tmp_path, answers, name="two.docx").read_bytes()
    assert first == second


def test_user_text_is_data_not_template_code(tmp_path):
    """A name full of Jinja syntax is printed literally, never executed."""
    answers = write_answers(
        tmp_path / "a.yaml",
        (
            'jurisdiction: {name: "{{ 7*7 }} {% raw %}x", kind: city, state: MN}\n'
            "preset: essentials\n"
        ),
    )
    out = build(tmp_path, answers, "-f", "md", name="out.md")
    text = out.read_text()
    assert "City of {{ 7\\*7 }} {% raw %}x" in text
    assert "49" not in text


def test_docx_builds_when_every_provision_is_chosen(tmp_path, library):
    """A draft with every provision in the library builds; the long metadata is cut to fit."""
    ids = ", ".join(sorted(library.clauses))
    answers = write_answers(
        tmp_path / "all.yaml",
        f"jurisdiction: {{name: Rice, kind: county, state: MN, jail: county}}\n"
        f"provisions: [{ids}]\n",
    )
    out = build(tmp_path, answers)
    comments = docx.Document(str(out)).core_properties.comments
    assert comments.startswith("Generated by Ordinance Drafter.")
    assert len(comments) <= 255
    assert "Severability." in body_text(out)


def test_written_files_get_ordinary_permissions(tmp_path):
    """Outputs are written through a temporary file but end up with the usual permissions."""
    import os

    old = os.umask(0o022)
    try:
        out = build(tmp_path, EXAMPLES / "northfield-city" / "answers.yaml")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
