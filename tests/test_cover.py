"""The long cover: one page for the longest drafts, a sentence for each part, the state's
law when the tool holds it, and no pointer to notes in a copy without them.

The longest drafts are the comprehensive preset's for a county whose sheriff runs the
jail (its companion resolution adds a paragraph for each request), in Minnesota and in
every state whose law forbids or limits provisions (its flags add lines), and for a
Minnesota city. LibreOffice sets the pages;
pdftotext reads them back.
"""

from __future__ import annotations

import re

import pytest

from conftest import require_tool
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.pipeline import flag_provision
from ordinance_drafter.render import typeset
from ordinance_drafter.render.cover import NO_STATE_LAW, cover_sentence
from ordinance_drafter.statelaw.data import state_data
from renderkit import convert, draft_data, open_docx, pdf_body_text, pdf_pages, render


def _forbidding_states() -> list[str]:
    """The states whose law forbids or limits provisions: their flags make the longest
    covers (a line for each kind of warning, and the rule on adoption)."""
    data = state_data(load_library(builtin_library_path()))
    return sorted(code for code, entry in data.states.items() if entry.forbidding)


DRAFTS = {
    **{
        f"{code.lower()}-county": {
            "jurisdiction": {"name": "Polk", "kind": "county", "state": code, "jail": "sheriff"},
            "preset": "comprehensive",
        }
        for code in _forbidding_states()
        if code != "TX"
    },
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
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text)  # "non-\npublic": a line broke at it
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def covers(tmp_path_factory, library):
    """Each draft's model and the text of each page of its PDF, default notes and none."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("covers")
    # With the state-law flags, as the command line builds a draft: in Texas they add a
    # line for each kind of warning.
    models = {
        name: draft_data(library, data, flagger=flag_provision) for name, data in DRAFTS.items()
    }
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
def test_the_cover_is_one_page_with_a_sentence_for_each_part(covers, name, notes, library):
    model_library = library
    model, pages = covers[name, notes]
    parts = len(model.sections) + (len(model.resolution.sections) if model.resolution else 0)
    assert parts >= 30  # long enough for the two-column cover
    assert "MODEL DRAFT" not in pages[0]
    assert _squeeze(pages[1]).startswith(_squeeze(model.disclaimer)[:40])  # the ordinance
    cover = _squeeze(pages[0])
    for sec in model.sections:
        # Numbered under its heading, with its caption, then its cover sentence.
        assert f" {sec.number}. {_squeeze(typeset(sec.caption))}" in cover, sec.number_label
        if sec.key in model_library.clauses:  # a provision (not the definitions)
            assert sec.cover, f"{sec.key} has no cover sentence in the library"
        sentence = sec.cover or cover_sentence(sec.summary)
        assert _squeeze(typeset(sentence)) in cover, (sec.number_label, sentence)
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


def test_lint_library_checks_each_cover_sentence(tmp_path, library):
    """lint-library reports a body provision without a cover sentence, one over the word
    limit, and one of two sentences; seeded in three provisions of a copy of the library."""
    from conftest import build_clause_library
    from ordinance_drafter.qa.lint import COVER_WORDS, lint

    body = [c for c in library.clauses.values() if c.spec.placement == "body" and c.spec.cover]
    missing, long, two = body[:3]
    files = {}
    for clause, cover in (
        (missing, None),
        (long, " ".join(["word"] * (COVER_WORDS + 1)) + "."),
        (two, "Says one thing. Says another."),
    ):
        path = clause.directory / "clause.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("\ncover:")
        end = re.search(r"\n(?! )", text[start + 1 :]).start() + start + 1
        line = "" if cover is None else f"\ncover: {cover}"
        files[f"provisions/{clause.id}/clause.yaml"] = text[:start] + line + text[end:]
    problems = lint(build_clause_library(tmp_path / "lib", files))
    text = "\n".join(problems)
    assert f"provisions/{missing.id}/clause.yaml: cover: missing" in text
    assert f"{COVER_WORDS + 1} words; a cover sentence has at most {COVER_WORDS}" in text
    assert "'Says one thing. Says another.' is not one sentence" in text
    assert all(any(c.id in p for c in (missing, long, two)) for p in problems if "cover" in p), (
        problems
    )
