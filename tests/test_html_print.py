"""The HTML's print stylesheet, printed by headless Chromium and read back by pdfinfo
and pdftotext: a draft with its notes prints in well under the pages the screen styles
take, with the layout's running head and "Page X of Y" in the margins (none on the
council copy)."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import require_tool
from ordinance_drafter.render import long_date
from renderkit import draft_data, pdf_pages, render

DRAFT = {"jurisdiction": {"name": "Northfield", "kind": "city"}, "preset": "comprehensive"}
PRINT_STYLE = re.compile(r'<style media="print">.*?</style>', re.S)


def _print(chromium: str, html: str, folder, name: str) -> tuple[int, list[str]]:
    """Print a page with Chromium; its page count (pdfinfo) and each page's text."""
    pdftotext, pdfinfo = require_tool("pdftotext"), require_tool("pdfinfo")
    page = folder / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / f"{name}.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={folder / 'chromium-profile'}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return pages, pdf_pages(pdftotext, pdf)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, library):
    chromium = require_tool("chromium")
    folder = tmp_path_factory.mktemp("print")
    model = draft_data(library, DRAFT)
    html = render(model, "html", notes="comments").decode()
    council = render(model, "html", council_copy=True).decode()
    return {
        "print": _print(chromium, html, folder, "print"),
        "screen": _print(chromium, PRINT_STYLE.sub("", html), folder, "screen"),
        "council": _print(chromium, council, folder, "council"),
        "model": model,
    }


def test_a_draft_with_notes_prints_in_well_under_the_screen_pages(printed):
    pages, text = printed["print"]
    screen, _ = printed["screen"]
    assert pages == len(text)
    assert pages <= 0.6 * screen, (pages, screen)
    # Nothing is lost: every section heading and every note's heading is printed.
    body = " ".join(" ".join(text).split())
    for sec in printed["model"].sections:
        assert f"Section {sec.number}. {sec.caption}" in body
        if sec.note:
            assert f"Drafter's note — Section {sec.number}" in body


def test_the_margins_carry_the_running_head_and_page_numbers(printed):
    pages, text = printed["print"]
    assert f"DRAFT — {long_date(printed['model'].metadata.draft_date)}" in text[0]
    for number, page in enumerate(text, start=1):
        assert f"Page {number} of {pages}" in page
    council_pages, council = printed["council"]
    assert all("DRAFT —" not in page for page in council)
    assert f"Page 1 of {council_pages}" in council[0]
