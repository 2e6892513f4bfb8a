"""Helpers shared by the rendering tests: build drafts, read documents back."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
from docx2python import docx2python
from lxml import etree

from conftest import EXAMPLES
from ordinance_drafter.answers.sources import resolve_data, resolve_file
from ordinance_drafter.assembly.assemble import assemble
from ordinance_drafter.assembly.model import Ordinance
from ordinance_drafter.library.loader import Library
from ordinance_drafter.pipeline import render_bytes
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.statelaw.flags import Flag

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
EXAMPLE_ANSWERS = sorted(EXAMPLES.glob("*/answers.yaml"))
TEST_FLAG = Flag(
    "forbidden",
    "A test statute bars this provision in this state.",
    ("Test Stat. § 1.23",),
)


def flag_resource_use(clause: Any, choice: Any, resolved: Any) -> list[Flag]:
    """A flagger that warns about the resource_use provision only."""
    return [TEST_FLAG] if clause.id == "resource_use" else []


def draft_example(library: Library, name: str, *, flagger: Any = None) -> Ordinance:
    """The document model for examples/<name>/answers.yaml."""
    resolved = resolve_file(EXAMPLES / name / "answers.yaml", library)
    return assemble(library, resolved, flagger=flagger)


def draft_data(library: Library, data: dict[str, Any], *, flagger: Any = None) -> Ordinance:
    """The document model for answers given as a dict."""
    data = {"format": 1, **data}
    data.setdefault("document", {}).setdefault("draft_date", "2026-11-25")
    return assemble(library, resolve_data(data, library, "test answers"), flagger=flagger)


def render(ordinance: Ordinance, fmt: str = "docx", **options: Any) -> bytes:
    """Render a model with the given RenderOptions fields."""
    return render_bytes(ordinance, fmt, RenderOptions(**options))


def open_docx(data: bytes) -> Any:
    """python-docx Document from bytes."""
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> Any:
    """Parse one part of a DOCX package with lxml."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def normalize(text: str) -> str:
    """Text compared across readers: whitespace collapsed, case folded (styles set caps)."""
    return " ".join(text.split()).casefold()


def python_docx_text(path: Path) -> str:
    """The body text as python-docx reads it."""
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def docx2python_text(path: Path) -> str:
    """The body text as docx2python reads it (paragraph by paragraph)."""

    def flat(node: Any) -> Iterable[Any]:
        if isinstance(node, list):
            for child in node:
                yield from flat(child)
        else:
            yield node

    with docx2python(path) as doc:
        return "\n".join("".join(r.text for r in par.runs) for par in flat(doc.body_pars))


def pandoc_text(pandoc: str, path: Path, track: str | None = None) -> str:
    """The plain text pandoc reads (comments dropped), optionally accepting or rejecting changes."""
    cmd = [pandoc, "-f", "docx", "-t", "plain", "--wrap=none"]
    if track:
        cmd.append(f"--track-changes={track}")
    return subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=True).stdout


FURNITURE = re.compile(r"DRAFT — .*|Page \d+ of \d+")


def pdf_pages(pdftotext: str, pdf: Path, *layout: str) -> list[str]:
    """The text of each page of a PDF."""
    text = subprocess.run(
        [pdftotext, *layout, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_body_text(pages: list[str]) -> str:
    """The PDF's text without the header and footer lines."""
    return "\n".join(
        line
        for page in pages
        for line in page.splitlines()
        if not FURNITURE.fullmatch(line.strip())
    )


def convert(soffice: str, files: list[Path], outdir: Path, target: str = "pdf") -> None:
    """Convert files with LibreOffice in one run (one start-up for all of them)."""
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{outdir}/lo-profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


class _Words(HTMLParser):
    """The words of ``pdftotext -bbox`` output, page by page, with their boxes."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[list[list[Any]]] = []
        self.word: list[Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "page":
            self.pages.append([])
        elif tag == "word":
            self.word = [float(values["ymin"] or 0), float(values["ymax"] or 0), ""]

    def handle_data(self, data: str) -> None:
        if self.word is not None:
            self.word[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "word" and self.word is not None:
            self.pages[-1].append(self.word)
            self.word = None


def pdf_lines(pdftotext: str, pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's lines of text as ``(top, bottom, text)`` in points from the page's top
    (pdftotext's word boxes, words on one baseline joined), header and footer left out."""
    xml = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    reader = _Words()
    reader.feed(xml)
    pages = []
    for words in reader.pages:
        lines: dict[float, list[Any]] = {}
        for top, bottom, text in words:
            key = next((k for k in lines if abs(k - bottom) < 2), bottom)
            line = lines.setdefault(key, [top, bottom, []])
            line[0], line[2] = min(line[0], top), [*line[2], text]
        ordered = sorted((t, b, " ".join(ws)) for t, b, ws in lines.values())
        pages.append([line for line in ordered if not FURNITURE.fullmatch(line[2].strip())])
    return pages
