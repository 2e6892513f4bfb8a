"""The shared page layout: every writer draws exactly the blocks the layout makes.

The layout (render/layout.py) decides what each draft shows and in what order; the DOCX,
HTML and Markdown writers only draw it. These tests read each format back with an
independent reader (python-docx; Python's HTML parser; markdown-it, then that parser) and
check that it holds every block of its medium's layout, in order, and that the notes are
where each medium's placement puts them.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar

import pytest
from markdown_it import MarkdownIt

from ordinance_drafter.render import NOTES_MODES, RenderOptions
from ordinance_drafter.render.blocks import (
    PLAIN,
    PRINT,
    WEB,
    WORD,
    Block,
    Box,
    Medium,
    Table,
    placement,
)
from ordinance_drafter.render.docx_styles import CHARACTER_STYLES, STYLES
from ordinance_drafter.render.layout import layout
from renderkit import EXAMPLE_ANSWERS, draft_data, draft_example, normalize, open_docx, render

NAMES = [a.parent.name for a in EXAMPLE_ANSWERS]
MEDIA = {"docx": WORD, "pdf": PRINT, "html": WEB, "md": PLAIN}


@pytest.fixture(scope="module")
def drafts(library):
    """The examples' models, and the largest draft the library makes (every provision)."""
    models = {name: draft_example(library, name) for name in NAMES}
    models["everything"] = draft_data(
        library,
        {
            "jurisdiction": {"name": "Rice", "kind": "county", "state": "MN", "jail": "sheriff"},
            "provisions": sorted(library.clauses),
            "document": {"code_chapter": "Chapter 19"},
        },
    )
    return models


def blocks(laid) -> list[Block]:
    """Every block of a layout in reading order, those in boxes included."""
    return [b for part in laid.parts for b in part.blocks()]


class _Text(HTMLParser):
    """The text of an HTML page's body, one string per block-level element."""

    BLOCKS: ClassVar[set[str]] = {"p", "h1", "h2", "h3", "h4", "h5", "li", "td", "th"}

    def __init__(self) -> None:
        super().__init__()
        self.out: list[str] = []
        self.body = False

    def handle_starttag(self, tag, attrs):
        self.body = self.body or tag == "body"
        if tag in self.BLOCKS or tag == "br":
            self.out.append("")

    def handle_data(self, data):
        if self.body and self.out:
            self.out[-1] += data


def html_text(html: str) -> str:
    """The text of an HTML page's body (or of a fragment, which has no body)."""
    parser = _Text()
    parser.body = "<body" not in html
    parser.feed(html)
    return "\n".join(parser.out)


def _squeeze(text: str) -> str:
    return "".join(normalize(text).split())


def in_order(texts: list[str], document: str) -> None:
    """Each text is found in the document after the one before it (white space aside:
    HTML sets a label apart from its text by its box, not by a space)."""
    doc = _squeeze(document)
    at = 0
    for text in texts:
        found = doc.find(_squeeze(text), at)
        assert found >= 0, f"{text[:80]!r} is missing (or out of order)"
        at = found + len(_squeeze(text))


@pytest.mark.parametrize("mode", NOTES_MODES)
@pytest.mark.parametrize("medium", list(MEDIA.values()), ids=list(MEDIA))
def test_every_style_the_layout_names_is_defined(drafts, medium: Medium, mode):
    """Blocks, runs and tables name only styles that styles.yaml defines."""
    for model in drafts.values():
        laid = layout(model, RenderOptions(notes=mode, cover_summary=True), medium)
        for part in laid.parts:
            for item in part.items:
                if isinstance(item, Table):
                    assert item.style in STYLES
                    assert all(len(r) == len(item.header) for r in item.rows)
        for block in blocks(laid):
            assert block.style in STYLES, block.style
            assert {r.style for r in block.runs if r.style} <= set(CHARACTER_STYLES)


@pytest.mark.parametrize("mode", NOTES_MODES)
def test_the_docx_paragraphs_are_the_layout_blocks(drafts, mode):
    """python-docx reads back one paragraph per block: its style, label, tab and text."""
    for name, model in drafts.items():
        options = RenderOptions(notes=mode, cover_summary=True)
        laid = layout(model, options, WORD)
        expected = [(b.style, (b.label + "\t" if b.label else "") + b.text) for b in blocks(laid)]
        document = open_docx(render(model, "docx", notes=mode, cover_summary=True))
        # A long cover's columns end with a section break, an empty paragraph of its own.
        paragraphs = [p for p in document.paragraphs if p._p.pPr is None or p._p.pPr.sectPr is None]
        assert [(p.style.name, p.text) for p in paragraphs] == expected, name
        tables = [i for part in laid.parts for i in part.items if isinstance(i, Table)]
        assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == [
            [list(t.header), *map(list, t.rows)] for t in tables
        ]
        comments = [b for b in blocks(laid) if b.note is not None]
        assert bool(comments) == (mode == "comments" and any(s.note for s in model.sections))


@pytest.mark.parametrize("mode", NOTES_MODES)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_screen_formats_hold_every_block_in_order(drafts, fmt, mode):
    """HTML (parsed) and Markdown (rendered by markdown-it, then parsed) show every block."""
    for name, model in drafts.items():
        laid = layout(model, RenderOptions(notes=mode, cover_summary=True), MEDIA[fmt])
        data = render(model, fmt, notes=mode, cover_summary=True).decode("utf-8")
        text = html_text(
            data if fmt == "html" else MarkdownIt("commonmark").enable("table").render(data)
        )
        # Signature rules are drawn by each writer (no text of their own).
        texts = [
            f"{b.label} {b.text}" if b.label else b.text
            for b in blocks(laid)
            if b.kind != "rule" and b.text
        ]
        assert texts, name
        in_order(texts, text)


@pytest.mark.parametrize("mode", NOTES_MODES)
@pytest.mark.parametrize("medium", list(MEDIA.values()), ids=list(MEDIA))
def test_notes_go_where_the_medium_places_them(drafts, medium: Medium, mode):
    """Comments where the medium has them; otherwise inline or an appendix, never both."""
    model = drafts["everything"]
    laid = layout(model, RenderOptions(notes=mode), medium)
    where = placement(mode, medium)
    assert laid.notes == where
    noted = [s for s in model.all_sections() if s.note]
    boxes = [
        i for part in laid.parts for i in part.items if isinstance(i, Box) and i.kind == "note"
    ]
    commented = [b for b in blocks(laid) if b.note is not None]
    appendix = [p for p in laid.parts if p.key == "notes"]
    findings = 1 if model.findings and model.findings.note else 0
    if where == "comments":
        assert len(commented) == len(noted) + findings and not boxes and not appendix
    elif where == "inline":
        assert len(boxes) == len(noted) + findings and not commented and not appendix
    elif where == "appendix":
        assert len(appendix) == 1 and not commented
        in_appendix = [i for i in appendix[0].items if isinstance(i, Box)]
        assert len(in_appendix) == len(boxes) == len(noted) + findings
    else:
        assert not boxes and not commented and not appendix
