"""The long cover: one page for the longest drafts, a sentence for each part, the state's
law when the tool holds it, and no pointer to notes in a copy without them.

The longest drafts are the comprehensive preset's for a county whose sheriff runs the
jail (its companion resolution adds a paragraph for each request), in Minnesota and in
Texas (whose law flags most parts), and for a Minnesota city. LibreOffice sets the pages;
pdftotext reads them back.
"""

from __future__ import annotations

import re

import pytest

from conftest import require_tool
from ordinance_drafter.render.cover import NO_STATE_LAW, cover_sentence
from renderkit import convert, draft_data, open_docx, pdf_body_text, pdf_pages, render

DRAFTS = {
    "mn-county": {
        "jurisdiction": {"name": "Rice", "kind": "county", "jail": "sheriff"},
        "preset": "comprehensive",
    },
    "tx-county": {
        "jurisdiction": {"name": "Rice", "kind": "county", "state": "TX", "jail": "sheriff"},
        "preset": "comprehensive",
    },
    "mn-city": {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "comprehensive"},
}


def _squeeze(text: str) -> str:
    """Text as read from a page: whitespace collapsed, a word broken at a hyphen joined."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def covers(tmp_path_factory, library):
    """Each draft's model and the text of each page of its PDF, default notes and none."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("covers")
    models = {name: draft_data(library, data) for name, data in DRAFTS.items()}
    files = []
    for name, model in models.items():
        for notes in ("comments", "none"):
            path = folder / f"{name}-{notes}.docx"
            path.write_bytes(render(model, notes=notes, cover_summary=True))
            files.append(path)
    convert(soffice, files, folder)
    # Each page's text without the header and footer.
    return {
        (name, notes): (
            models[name],
            [
                pdf_body_text([page])
                for page in pdf_pages(pdftotext, folder / f"{name}-{notes}.pdf")
            ],
        )
        for name in models
        for notes in ("comments", "none")
    }


@pytest.mark.parametrize("notes", ["comments", "none"])
@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_cover_is_one_page_with_a_sentence_for_each_part(covers, name, notes):
    model, pages = covers[name, notes]
    parts = len(model.sections) + (len(model.resolution.sections) if model.resolution else 0)
    assert parts >= 30  # long enough for the two-column cover
    assert "MODEL DRAFT" not in pages[0]
    assert _squeeze(pages[1]).startswith(_squeeze(model.disclaimer)[:40])  # the ordinance
    cover = _squeeze(pages[0])
    for sec in model.sections:
        assert f" {sec.number}. " in cover, sec.number_label  # numbered, under its heading
        if sec.summary:
            # The summary's first words, read independently of how the cover shortens it.
            opening = " ".join(re.sub(r"\s+\([^()]*\)", "", sec.summary).split()[:6])
            assert _squeeze(opening) in cover, (sec.number_label, opening)
    if model.resolution:
        # Each paragraph, alone or in a run ("Paragraphs 7 to 11. Request what ...").
        named = {int(n) for n in re.findall(r"Paragraph (\d+)\. ", cover)}
        for first, last in re.findall(r"Paragraphs (\d+) to (\d+)\. Request", cover):
            named |= set(range(int(first), int(last) + 1))
        assert named == {int(sec.number) for sec in model.resolution.sections}


def test_a_cover_sentence_is_the_summarys_main_clause():
    summary = (
        "Local employees do not ask about status (or, in one variant, birthplace) unless a "
        "law requires it; and they keep no record of it."
    )
    assert cover_sentence(summary) == ("Local employees do not ask about status, with exceptions.")
    assert cover_sentence("The city makes no 287(g) agreement.") == (
        "The city makes no 287(g) agreement."
    )
    assert cover_sentence("") == ""


@pytest.mark.parametrize("name", list(DRAFTS))
def test_a_cover_without_notes_does_not_point_at_them(covers, name):
    _model, pages = covers[name, "none"]
    cover = _squeeze(pages[0]).casefold()
    for words in ("explanatory notes", "in the notes", "notes list"):
        assert words not in cover, words
    _model, pages = covers[name, "comments"]
    assert "explanatory notes" in _squeeze(pages[0]).casefold()


def test_the_cover_gives_minnesota_law_as_the_tool_holds_it(library):
    """A Minnesota draft's cover states Minnesota's law (no "None recorded"); a state
    the library has no data for still says so."""
    model = draft_data(library, DRAFTS["mn-city"])
    assert model.state_law is not None and model.state_law.name == "Minnesota"
    for compact in (True, False):
        data = {**DRAFTS["mn-city"], "preset": "comprehensive" if compact else "essentials"}
        document = open_docx(render(draft_data(library, data), notes="none", cover_summary=True))
        text = _squeeze("\n".join(p.text for p in document.paragraphs))
        assert f"{model.state_law.heading}: {model.state_law.status}" in text
        assert NO_STATE_LAW not in text
