"""Markdown, HTML and PDF render the same document model as the DOCX."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import EXAMPLES
from ordinance_drafter.render import NOTES_MODES
from renderkit import EXAMPLE_ANSWERS, draft_example, open_docx, render

EXAMPLE_NAMES = [a.parent.name for a in EXAMPLE_ANSWERS]


class _Collector(HTMLParser):
    """Collects ids, links, tags and text from an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.tags: set[str] = set()
        self.sources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        values = dict(attrs)
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a":
            self.links.append(values.get("href", ""))
        for key in ("src", "srcset"):
            if key in values:
                self.sources.append(values[key])

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("mode", NOTES_MODES)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_renders_in_every_mode_and_format(library, name, mode):
    """DOCX, Markdown and HTML each hold every section heading and the disclaimer."""
    model = draft_example(library, name)
    headings = [s.heading for s in model.sections]
    docx_text = "\n".join(p.text for p in open_docx(render(model, notes=mode)).paragraphs)
    md = render(model, "md", notes=mode).decode()
    page = _Collector()
    page.feed(render(model, "html", notes=mode).decode())
    html_text = " ".join("".join(page.text).split())
    for text in (docx_text, md.replace("\\", ""), html_text):
        assert "MODEL DRAFT — NOT LEGAL ADVICE" in text
        for heading in headings:
            assert heading in text.replace("\u00a0", " "), heading
    has_notes = mode != "none"
    assert ("What it does." in docx_text) == (mode in ("inline", "appendix"))
    assert ("What it does." in md) == has_notes
    assert ("What it does." in html_text) == has_notes


def test_markdown_puts_comment_notes_in_an_appendix(library):
    """Markdown has no comments: the comments mode gives the appendix."""
    model = draft_example(library, "rice-county")
    assert render(model, "md", notes="comments") == render(model, "md", notes="appendix")


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_html_is_self_contained_and_its_links_resolve(library, name):
    """The page loads nothing from outside and every cross-reference link has a target."""
    model = draft_example(library, name)
    html = render(model, "html", notes="inline", cover_summary=True).decode()
    page = _Collector()
    page.feed(html)
    assert page.sources == []
    assert not {"link", "script", "img", "iframe"} & page.tags
    assert not re.search(r"url\(|@import|https?://", html.split("</style>")[0])
    internal = [h for h in page.links if h.startswith("#")]
    assert internal, "the examples have cross-references"
    assert all(h[1:] in page.ids for h in internal)
    assert '<meta name="viewport"' in html and 'lang="en"' in html


def test_html_is_large_enough_for_a_projector(library):
    """The base font is above the browser default and grows on wide screens."""
    html = render(draft_example(library, "northfield-city"), "html").decode()
    assert re.search(r"html\{font-size:1[1-9]\d(\.\d+)?%\}", html)
    assert "@media (min-width:1400px){html{font-size:140%}}" in html


def test_markdown_code_chapter_headings_nest(library):
    """In the chapter example, codified sections sit a level below the chapter heading."""
    md = render(draft_example(library, "minneapolis-chapter-19"), "md", notes="none").decode()
    assert "\n### Chapter 19. " in md
    assert "\n#### 19.10. Purpose.\n" in md
    assert "\n### Section 2. Severability.\n" in md


def test_pdf_without_libreoffice_says_how_to_get_it(tmp_path):
    """With no LibreOffice on PATH, PDF output fails with a clear message and no file."""
    program = shutil.which("ordinance-drafter")
    if program is None:
        pytest.skip("the ordinance-drafter command is not installed")
    answers = EXAMPLES / "northfield-city" / "answers.yaml"
    out = tmp_path / "draft.pdf"
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [program, "build", str(answers), "-o", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(empty)},  # no soffice or libreoffice to be found
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "PDF output needs LibreOffice, which is not installed" in result.stderr
    assert "--format docx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
