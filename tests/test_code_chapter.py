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


# -- every common numbering scheme ---------------------------------------------------------

SCHEMES = [
    # (code_chapter, code_numbering, first two section numbers, heading word)
    ("Chapter 2-173", None, ["2-173-010", "2-173-020"], ""),
    ("Chapter 2.15", None, ["2.15.010", "2.15.020"], ""),
    ("Chapter 44", None, ["44.10", "44.20"], ""),
    ("Chapter 44", "dot_two", ["44.01", "44.02"], ""),
    ("Chapter 44", "dot_three", ["44.010", "44.020"], ""),
    ("Chapter 44", "dash", ["44-1", "44-2"], "Sec."),
    ("Title 2, Chapter 19", None, ["19.10", "19.20"], ""),
    ("Chapter 2-173", "dash", ["2-173-1", "2-173-2"], "Sec."),
]


def _expected_numbers(model, chapter, numbering):
    from ordinance_drafter.answers.chapters import parse_chapter, section_number

    parsed = parse_chapter(chapter)
    scheme = numbering or parsed.default_scheme
    count = len([s for s in model.sections if s.codified])
    return parsed, [section_number(parsed, scheme, i) for i in range(1, count + 1)]


@pytest.mark.parametrize(("chapter", "numbering", "first", "word"), SCHEMES)
def test_each_scheme_numbers_the_model_and_the_markdown(library, chapter, numbering, first, word):
    """The model and the Markdown carry the scheme's numbers, its "Sec." and its references."""
    document = {"code_chapter": chapter}
    if numbering:
        document["code_numbering"] = numbering
    model = chapter_draft(library, **document)
    parsed, expected = _expected_numbers(model, chapter, numbering)
    assert expected[:2] == first  # the scheme as the code writes it, derived independently
    codified = [s for s in model.sections if s.codified]
    assert [s.number for s in codified] == expected
    label = f"{word} " if word else ""
    assert [s.number_label for s in codified] == [f"{label}{n}." for n in expected]
    text = render(model, "md", notes="none").decode()
    for sec in codified:
        assert f"{sec.number_label} {sec.caption}" in text
    assert f"section {model.section('status_inquiry').number}(b)" in text
    assert model.code.heading.startswith(f"{parsed.name}. ")  # the chapter's number kept whole


@pytest.mark.parametrize(
    ("chapter", "numbering", "first", "word"), [c for c in SCHEMES if not c[3]]
)
def test_each_scheme_reaches_headings_and_cross_references_in_the_docx(
    library, chapter, numbering, first, word
):
    """python-docx and docx2python read the scheme's numbers in headings and references."""
    from docx2python import docx2python

    document = {"code_chapter": chapter}
    if numbering:
        document["code_numbering"] = numbering
    model = chapter_draft(library, **document)
    parsed, expected = _expected_numbers(model, chapter, numbering)
    data = render(model)
    headings = [
        p.text for p in open_docx(data).paragraphs if p.style.name == "Code Section Heading"
    ]
    assert [h.split(" ", 1)[0] for h in headings] == [f"{n}." for n in expected]
    reference = f"section {model.section('status_inquiry').number}(b)"
    with docx2python(io_bytes(data)) as read:
        text = " ".join(read.text.split())
    assert reference in text
    # Nothing renumbered silently: "Chapter 2-173" never becomes "Chapter 173".
    if "-" in parsed.number:
        assert f"Chapter {parsed.number.split('-')[-1]}." not in text
        assert f"{parsed.number.split('-')[-1]}.10" not in text


def io_bytes(data: bytes):
    """A file object over DOCX bytes, for docx2python."""
    import io

    return io.BytesIO(data)


def test_a_plain_chapter_number_says_how_it_was_numbered(library):
    """Without code_numbering, a plain number's scheme is named in the notes on procedure."""
    model = chapter_draft(library, code_chapter="Chapter 44")
    note = next(n for n in model.form_notes if "code_numbering" in n)
    assert "44.10, 44.20" in note and "dot_two" in note
    chosen = chapter_draft(library, code_chapter="Chapter 44", code_numbering="dot_two")
    assert not any("code_numbering" in n for n in chosen.form_notes)


@pytest.mark.parametrize("bad", ["Chapter IV", "19", "Chapter 2-", "Chapter 2.15-3"])
def test_an_unreadable_chapter_shows_the_accepted_forms(tmp_path, bad):
    """One paragraph naming the field and the accepted forms; no traceback, no file."""
    answers = write_answers(
        tmp_path / "a.yaml",
        f"jurisdiction: {{name: Northfield, kind: city}}\ndocument: {{code_chapter: '{bad}'}}\n",
    )
    result = run_command("build", str(answers), "-o", str(tmp_path / "x.docx"), cwd=tmp_path)
    assert result.returncode != 0
    message = " ".join(result.stderr.split())
    assert "document.code_chapter" in message
    for form in ("Chapter 2-173", "Chapter 2.15", "Title 2, Chapter 19", "code_numbering"):
        assert form in message
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_code_numbering_needs_a_chapter(library):
    """code_numbering without code_chapter is refused, naming both fields."""
    with pytest.raises(AnswerError, match=r"code_numbering.*code_chapter"):
        chapter_draft(library, code_numbering="dot_two")
    with pytest.raises(AnswerError, match="code_numbering"):
        chapter_draft(library, code_chapter="Chapter 44", code_numbering="roman")
