"""Independent readers agree on every example: LibreOffice, pdftotext, pandoc, docx2python.

LibreOffice converts all the documents in one run (a module fixture), because starting it
is the slow part.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import require_tool
from ordinance_drafter.render import NOTES_MODES
from renderkit import (
    EXAMPLE_ANSWERS,
    convert,
    docx2python_text,
    draft_example,
    normalize,
    pandoc_text,
    pdf_body_text,
    pdf_pages,
    python_docx_text,
    render,
)

EXAMPLE_NAMES = [a.parent.name for a in EXAMPLE_ANSWERS]
# (example, notes mode, extra options) for every document the module converts.
VARIANTS: list[tuple[str, str, dict]] = [(n, m, {}) for n in EXAMPLE_NAMES for m in NOTES_MODES]
VARIANTS += [
    ("northfield-city", "none", {"line_numbers": True}),
    ("rice-county", "none", {"cover_summary": True}),
    ("minneapolis-chapter-19", "none", {"cover_summary": True, "line_numbers": True}),
]


def variant_name(name: str, mode: str, extra: dict) -> str:
    """A file stem for one variant."""
    return "-".join([name, mode, *sorted(extra)])


@pytest.fixture(scope="module")
def converted(tmp_path_factory, library) -> dict[str, tuple[Path, Path]]:
    """Every variant as DOCX and as LibreOffice's PDF, by variant name."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("readers")
    files: dict[str, tuple[Path, Path]] = {}
    models = {n: draft_example(library, n) for n in EXAMPLE_NAMES}
    for name, mode, extra in VARIANTS:
        stem = variant_name(name, mode, extra)
        path = folder / f"{stem}.docx"
        options = {"cover_summary": False, **extra}  # the chapter example asks for a cover
        path.write_bytes(render(models[name], notes=mode, **options))
        files[stem] = (path, folder / f"{stem}.pdf")
    convert(soffice, [docx for docx, _pdf in files.values()], folder)
    return files


@pytest.mark.parametrize(("name", "mode", "extra"), VARIANTS, ids=lambda v: str(v))
def test_pdf_pages_number_themselves_and_hold_the_sections(converted, library, name, mode, extra):
    """Every page says "Page N of M" with the PDF's real page count; sections are in order."""
    pdftotext = require_tool("pdftotext")
    _docx, pdf = converted[variant_name(name, mode, extra)]
    pages = pdf_pages(pdftotext, pdf)
    total = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {total}" in page
        assert "DRAFT — November 25, 2026" in page
    flat = " ".join(pdf_body_text(pages).split())
    positions = [flat.find(s.heading) for s in draft_example(library, name).sections]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("mode", ["none", "appendix", "comments"])
def test_all_readers_agree_on_the_text(converted, name, mode):
    """python-docx, docx2python, pandoc and LibreOffice+pdftotext read the same words."""
    pandoc = require_tool("pandoc")
    pdftotext = require_tool("pdftotext")
    docx, pdf = converted[variant_name(name, mode, {})]
    reference = normalize(python_docx_text(docx))
    assert "ordinance no." in reference and len(reference) > 5000
    assert normalize(docx2python_text(docx)) == reference
    assert normalize(pandoc_text(pandoc, docx)) == reference
    # -raw reads in content-stream order: in pdftotext's default order a subsection label
    # near the top of a page can be read before the items above it, depending on where the
    # pages break. A word hyphenated at a line end ("program-" / "eligibility") is joined
    # again, and hyphens are left out of the match (the default order drops them), as is
    # white space between ")" and "(": LibreOffice may break a line inside a pinpoint
    # citation ("§ 752.053(b)" / "(3)"), which pdftotext reads as a space.
    raw = pdf_body_text(pdf_pages(pdftotext, pdf, "-raw"))
    pdf_text = normalize(re.sub(r"-\n\s*", "-", raw))

    def loose(text: str) -> str:
        return re.sub(r"\)\s+\(", ")(", text.replace("-", ""))

    assert loose(pdf_text) == loose(reference)


def test_line_numbers_restart_on_each_page(converted):
    """With --line-numbers, pdftotext sees numbered lines 1, 2, 3 ... starting on every page."""
    pdftotext = require_tool("pdftotext")
    _docx, pdf = converted[variant_name("northfield-city", "none", {"line_numbers": True})]
    pages = pdf_pages(pdftotext, pdf, "-layout")
    assert len(pages) >= 3
    for page in pages:
        numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s{2,}\S", page, flags=re.MULTILINE)]
        assert numbers[:3] == [1, 2, 3], page[:400]
        assert numbers == list(range(1, len(numbers) + 1))
    first = pages[0]
    assert not re.search(r"^\s*\d+\s+MODEL DRAFT", first, flags=re.MULTILINE)  # not numbered
    assert re.search(r"^\s*1\s+ORDINANCE NO\.", first, flags=re.MULTILINE)
    _plain_docx, plain = converted[variant_name("northfield-city", "none", {})]
    assert not re.search(r"^\s*1\s+ORDINANCE NO\.", pdf_pages(pdftotext, plain, "-layout")[0])


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("rice-county", {"cover_summary": True}),
        ("minneapolis-chapter-19", {"cover_summary": True, "line_numbers": True}),
    ],
)
def test_cover_summary_fills_exactly_the_first_page(converted, name, extra):
    """The summary is page 1 alone; the ordinance starts on page 2 with the disclaimer."""
    pdftotext = require_tool("pdftotext")
    _docx, pdf = converted[variant_name(name, "none", extra)]
    pages = pdf_pages(pdftotext, pdf)
    assert "Summary: " in pages[0] and "What the ordinance does" in pages[0]
    assert "Sources" in pages[0] and "MODEL DRAFT" not in pages[0]
    assert "MODEL DRAFT — NOT LEGAL ADVICE" in pages[1]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_signature_block_shares_its_page_with_the_text(converted, name):
    """The adoption line and the signatures sit on one page with ordinance text (the
    attestation is kept together on one page, which may be the next: see the layout's two
    signature runs)."""
    pdftotext = require_tool("pdftotext")
    _docx, pdf = converted[variant_name(name, "none", {})]
    pages = pdf_pages(pdftotext, pdf)
    page = next(p for p in pages if re.search(r"(Passed|Adopted) by the", p))
    before = re.split(r"(?:Passed|Adopted) by the", page)[0]
    assert re.search(r"^\((?:[a-z]|\d)\)", before, flags=re.MULTILINE) or "Section " in before
    attest = next(p for p in pages if "Attest:" in p)
    assert "Clerk" in attest.split("Attest:")[1] or "Secretary" in attest.split("Attest:")[1]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pandoc_reads_real_headings(tmp_path, converted, name, library):
    """pandoc sees the title as a level-1 heading and each section as a level-2 or 3 heading."""
    pandoc = require_tool("pandoc")
    docx, _pdf = converted[variant_name(name, "none", {})]
    ast = json.loads(
        subprocess.run(
            [pandoc, "-f", "docx", "-t", "json", str(docx)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )

    def plain(inlines):
        out = []
        for node in inlines:
            if node["t"] == "Str":
                out.append(node["c"])
            elif node["t"] in ("Space", "SoftBreak"):
                out.append(" ")
            elif node["t"] in ("Span", "Emph", "Strong", "Link"):
                inner = node["c"][1] if node["t"] in ("Span", "Link") else node["c"]
                out.append(plain(inner))
        return "".join(out)

    headers = {
        " ".join(plain(b["c"][2]).split()): b["c"][0] for b in ast["blocks"] if b["t"] == "Header"
    }
    model = draft_example(library, name)
    assert headers[model.title] == 1
    for sec in model.sections:
        assert headers[sec.heading] == (3 if sec.codified else 2)


def test_libreoffice_evaluates_the_ref_fields(tmp_path, converted):
    """LibreOffice computes REF fields from bookmarks: relabel (b), the reference follows."""
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    docx, _pdf = converted[variant_name("minneapolis-chapter-19", "none", {})]
    with zipfile.ZipFile(docx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    # Relabel subsection (b) of 19.30 as (z) inside its bookmark, leaving the cached text.
    pattern = re.compile(r'(<w:bookmarkStart w:id="\d+" w:name="(_Ref\w+)"/><w:r><w:t>)\(b\)(<)')
    matches = [m for m in pattern.finditer(xml) if f"REF {m.group(2)} " in xml]
    assert matches, "a referenced (b) label is bookmarked"
    m = matches[0]
    relabelled = xml[: m.start()] + m.group(1) + "(z)" + m.group(3) + xml[m.end() :]
    parts["word/document.xml"] = relabelled.encode()
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(changed, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    convert(soffice, [changed], tmp_path)
    text = " ".join("".join(pdf_pages(pdftotext, tmp_path / "changed.pdf")).split())
    assert "section 19.30(z)" in text
    assert "section 19.30(b)" not in text


def test_libreoffice_round_trip_keeps_text_and_custom_properties(tmp_path, converted):
    """A DOCX -> DOCX round trip through LibreOffice loses no text and keeps our properties."""
    soffice = require_tool("soffice")
    docx, _pdf = converted[variant_name("rice-county", "appendix", {})]
    out = tmp_path / "round"
    out.mkdir()
    convert(soffice, [docx], out, "docx:MS Word 2007 XML")
    back = out / docx.name
    assert normalize(python_docx_text(back)) == normalize(python_docx_text(docx))
    with zipfile.ZipFile(back) as z:
        custom = z.read("docProps/custom.xml").decode()
    assert "OrdinanceDrafterAnswersFingerprint" in custom
    with zipfile.ZipFile(docx) as z:
        fingerprint = re.search(
            r'AnswersFingerprint"><vt:lpwstr>(\w+)<', z.read("docProps/custom.xml").decode()
        ).group(1)
    assert fingerprint in custom
