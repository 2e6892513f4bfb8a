"""Amending a code chapter: numbering in the chapter's scheme, instructions, references."""

from __future__ import annotations

import re

import pytest

from conftest import run_command, write_answers
from ordinance_drafter.errors import AnswerError
from renderkit import draft_data, open_docx, render

BASE = {
    "jurisdiction": {"name": "Northfield", "kind": "city", "state": "MN"},
    "preset": "essentials",
}


def chapter_draft(library, **document):
    """A Northfield draft with the given document answers."""
    return draft_data(library, {**BASE, "document": dict(document)})


def test_codified_sections_are_numbered_in_the_chapter_scheme(library):
    """Substantive sections become 19.10, 19.20 ...; closing sections stay 2, 3 ..."""
    model = chapter_draft(library, code_chapter="Chapter 19")
    codified = [s.number for s in model.sections if s.codified]
    assert codified == [f"19.{10 * i}" for i in range(1, len(codified) + 1)]
    rest = [(s.key, s.number) for s in model.sections if not s.codified]
    assert rest == [("severability", "2"), ("effective_date", "3")]
    assert model.code is not None and model.code.section_number == "1"
    assert model.section("definitions").codified


def test_cross_references_follow_the_chapter_numbering(library):
    """A reference to a codified subsection reads "section 19.30(b)" and keeps its anchor."""
    model = chapter_draft(library, code_chapter="Chapter 19")
    status = model.section("status_inquiry")
    refs = [seg for p in status.paragraphs for seg in p.segments if hasattr(seg, "target")]
    assert refs and all(r.text == f"section {status.number}(b)" for r in refs)
    assert status.number == "19.30"
    ref = refs[0]
    assert "".join(part.text for part in ref.parts) == ref.text
    assert [part.target for part in ref.parts] == [
        "",
        "sec-status_inquiry",
        "sec-status_inquiry-exceptions",
    ]
    assert any(p.anchor == "sec-status_inquiry-exceptions" for p in status.paragraphs)


def test_codified_text_says_this_chapter(library):
    """Codified sections speak of "this chapter"; uncodified ones of "this ordinance"."""
    model = chapter_draft(library, code_chapter="Chapter 19")
    for sec in model.sections:
        text = " ".join(p.text for p in sec.paragraphs)
        if sec.codified:
            assert "this ordinance" not in text.lower(), sec.key
        else:
            assert "this ordinance" in text.lower(), sec.key
    assert model.section("purpose").paragraphs[0].text.startswith("The purpose of this chapter")


@pytest.mark.parametrize(
    ("chapter", "action", "name", "instruction", "heading_start"),
    [
        (
            "Chapter 19",
            "amend",
            None,
            "Chapter 19 of the City Code is amended to read:",
            "Chapter 19. Separation of City services",
        ),
        (
            "Title 2, Chapter 19",
            "amend",
            "Northfield City Code",
            "Chapter 19 of Title 2 of the Northfield City Code is amended to read:",
            "Chapter 19.",
        ),
        (
            "Title 2, Chapter 2A",
            "add",
            None,
            "A new Chapter 2A is added to Title 2 of the City Code, to read:",
            "Chapter 2A.",
        ),
    ],
)
def test_amending_instruction(library, chapter, action, name, instruction, heading_start):
    """The instruction names the chapter, the title and the code, for amend and add."""
    model = chapter_draft(library, code_chapter=chapter, code_action=action, code_name=name)
    assert model.code.instruction == instruction
    assert model.code.heading.startswith(heading_start)
    prefix = re.search(r"(\d+[A-Z]?)$", chapter).group(1)
    assert model.section("purpose").number == f"{prefix}.10"


def test_chapter_title_answer_replaces_the_default(library):
    """document.code_chapter_title is the chapter's heading."""
    model = chapter_draft(
        library, code_chapter="Chapter 19", code_chapter_title="Immigration status"
    )
    assert model.code.heading == "Chapter 19. Immigration status"


def test_docx_lays_the_chapter_out_under_section_one(library):
    """Section 1 carries the instruction, then the chapter heading and its sections."""
    model = chapter_draft(library, code_chapter="Chapter 19")
    paragraphs = [(p.style.name, p.text) for p in open_docx(render(model)).paragraphs]
    headings = [
        (style, text)
        for style, text in paragraphs
        if style in ("Section Heading", "Chapter Heading", "Code Section Heading")
    ]
    assert headings[0] == (
        "Section Heading",
        "Section 1. Chapter 19 of the City Code is amended to read:",
    )
    assert headings[1][0] == "Chapter Heading"
    assert headings[2] == ("Code Section Heading", "19.10. Purpose.")
    assert headings[-2:] == [
        ("Section Heading", "Section 2. Severability."),
        ("Section Heading", "Section 3. Effective date."),
    ]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markdown_and_html_lay_out_the_chapter_too(library, fmt):
    """The other formats print the instruction, the chapter heading and 19.x headings."""
    model = chapter_draft(library, code_chapter="Chapter 19")
    text = render(model, fmt, notes="none").decode()
    assert "Chapter 19 of the City Code is amended to read:" in text
    assert "19.30. Asking about and collecting immigration status." in text
    assert "section 19.30(b)" in text
    assert text.index("19.10. Purpose.") < text.index("Section 2. Severability.")


@pytest.mark.parametrize("bad", ["Chapter XIX", "the immigration chapter", "Chapter 19."])
def test_a_chapter_without_a_number_is_refused(tmp_path, bad):
    """code_chapter must end with a number; the message names the field and an example."""
    answers = write_answers(
        tmp_path / "a.yaml",
        f"jurisdiction: {{name: Northfield, kind: city}}\ndocument: {{code_chapter: '{bad}'}}\n",
    )
    result = run_command("build", str(answers), "-o", str(tmp_path / "x.docx"), cwd=tmp_path)
    assert result.returncode != 0
    assert "document.code_chapter" in result.stderr and "Chapter 19" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_code_action_is_checked(library):
    """code_action accepts only amend or add."""
    with pytest.raises(AnswerError, match="code_action"):
        chapter_draft(library, code_chapter="Chapter 19", code_action="replace")
