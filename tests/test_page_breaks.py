"""Page breaks as LibreOffice sets them: no page left partly empty before the end of the
text, and the signatures in two runs that are each whole on one page.

The last lines of the text are kept with the adoption line and the signers (no signature
page without text), and "Attest:" with the attesting officers; a page may break between
the two runs. Kept as one chain from the effective date's last subsection to the last
attester, the block took that subsection to the next page and left a third of the page
before it empty. Checked in a Minnesota council-manager city, a Texas city and a county
whose sheriff gets a companion resolution, from the word positions pdftotext reads.
"""

from __future__ import annotations

import itertools

import pytest

from conftest import require_tool
from ordinance_drafter.render import RenderOptions
from ordinance_drafter.render.docx_styles import STYLES
from ordinance_drafter.render.layout import RULE, layout
from renderkit import convert, draft_data, pdf_lines, render

DRAFTS = {
    "mn-city": {
        "jurisdiction": {
            "name": "Testville",
            "kind": "city",
            "city_type": "charter",
            "government": "council_manager",
        },
        "preset": "standard",
    },
    "tx-city": {
        "jurisdiction": {"name": "Testville", "kind": "city", "state": "TX"},
        "preset": "comprehensive",
        "document": {"cover_summary": True},
    },
    "mn-sheriff": {
        "jurisdiction": {"name": "Testville", "kind": "county", "jail": "sheriff"},
        "preset": "standard",
    },
}
TOP, TEXT_BOTTOM = 72.0, 720.0  # a Letter page with 1-inch margins
LINE = 15.6  # a line of 12-point text, as LibreOffice sets it
# What may move whole to the next page, so leave room at the foot of a page: a heading
# kept with the first two lines after it, or a paragraph of three lines (widow and orphan
# control keep two lines together at each side of a break), with their spacing.
MOVABLE = 5 * LINE
ADOPTION = ("Passed by the", "Adopted by the")
# The space before a signature run (styles.yaml: Signature Block's 18 points, "Attest:"'s
# 12), which a run opening a page does not show.
RUN_SPACE = 18.0


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory, library):
    """Each draft's PDF pages as lines with positions, and its model."""
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("breaks")
    models = {name: draft_data(library, data) for name, data in DRAFTS.items()}
    for name, model in models.items():
        cover = DRAFTS[name].get("document", {}).get("cover_summary", False)
        (folder / f"{name}.docx").write_bytes(render(model, notes="none", cover_summary=cover))
    convert(soffice, [folder / f"{n}.docx" for n in models], folder)
    return {n: (pdf_lines(pdftotext, folder / f"{n}.pdf"), models[n]) for n in models}


def _rules(page: list[tuple[float, float, str]]) -> list[int]:
    return [i for i, line in enumerate(page) if line[2].startswith(RULE[:20])]


def _run_height(page: list[tuple[float, float, str]]) -> float | None:
    """The height of the signature run that opens a page: from its top to the role under
    the first signature rule (the text kept with the signers, or "Attest:" and the
    attesting officers); ``None`` when no signature run opens it."""
    rules = _rules(page)
    if not rules or rules[0] + 1 >= len(page):
        return None
    opens = page[0][2].startswith("Attest:") or any(
        line[2].startswith(ADOPTION) for line in page[: rules[0]]
    )
    if not opens:
        return None
    end = rules[-1] + 1 if page[0][2].startswith("Attest:") else rules[0] + 1
    return page[end][1] - page[0][0]


@pytest.mark.parametrize("name", list(DRAFTS))
def test_no_page_before_the_last_is_left_partly_empty(laid_out, name):
    """Every page but the last is at least half full, and ends within what may move
    whole: a heading with two lines, or the signature run that opens the next page."""
    pages, model = laid_out[name]
    # Parts that start a page of their own: the ordinance after a cover (whose pages
    # test_cover checks), and the companion resolution.
    start = next(i for i, page in enumerate(pages) if page[0][2].startswith("MODEL DRAFT"))
    res = model.resolution
    new_page = [t.upper()[:30] for t in (res.number_line, res.title)] if res else []
    assert len(pages) > start + 2
    for number, (page, following) in enumerate(itertools.pairwise(pages[start:]), start + 1):
        if any(following[0][2].upper().startswith(title) for title in new_page):
            continue
        empty = TEXT_BOTTOM - page[-1][1]
        assert empty < (TEXT_BOTTOM - TOP) / 2, (name, number, round(empty))
        run = _run_height(following)
        allowed = run + RUN_SPACE if run is not None else MOVABLE
        assert empty < allowed, (name, number, round(empty), following[0][2][:50])


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_signature_runs_are_whole_and_share_a_page_with_the_text(laid_out, name):
    """The adoption line shares its page with the last lines of the text and with the
    first signer; "Attest:" shares its page with every attesting officer."""
    pages, model = laid_out[name]
    texts = [[line[2] for line in page] for page in pages]
    adoption = [
        (i, j) for i, page in enumerate(texts) for j, t in enumerate(page) if t.startswith(ADOPTION)
    ]
    assert len(adoption) == (2 if model.resolution else 1), name
    for i, j in adoption:
        assert j > 0, (name, i, "the adoption line opens a page: no text above it")
        rest = texts[i][j:]
        assert any(t.startswith(RULE[:20]) for t in rest), (name, i, "no signer after it")
    attests = [(i, j) for i, page in enumerate(texts) for j, t in enumerate(page) if t == "Attest:"]
    assert attests, name
    for i, j in attests:
        rules = [t for t in texts[i][j:] if t.startswith(RULE[:20])]
        assert len(rules) == len(model.signature.attest), (name, i)


def _keeps(block) -> bool:
    """Whether a block is kept with the next: its own setting, else its style's."""
    if block.keep_next is not None:
        return block.keep_next
    style = STYLES.get(block.style, {})
    return bool(style.get("keep") or "outline" in style)


@pytest.mark.parametrize("name", list(DRAFTS))
def test_the_text_is_kept_with_the_signers_but_not_with_the_attestation(library, name):
    """In the layout (every writer's), the chain of blocks kept with the next that ends in
    the first signer starts with the text's last paragraph (so a signature page always
    has text), and the attestation is a chain of its own: the last signer is not kept
    with "Attest:"."""
    model = draft_data(library, DRAFTS[name])
    laid = layout(model, RenderOptions(notes="none"))
    blocks = [b for part in laid.parts if part.kind != "notes" for b in part.blocks()]
    for start, block in enumerate(blocks):
        if block.style != "Signature Block":
            continue
        first_signer = next(i for i in range(start, len(blocks)) if blocks[i].style == "Signer")
        assert all(_keeps(b) for b in blocks[start:first_signer])
        head = start
        while head and _keeps(blocks[head - 1]):
            head -= 1
        assert head < start, (name, "no text is kept with the adoption line")
        # One paragraph of text (and its heading, when it is the section's only one).
        kept = [b.style for b in blocks[head:start] if "Heading" not in b.style]
        assert len(kept) == 1, (name, [b.style for b in blocks[head:start]])
        assert kept[0].startswith(("Subsection", "Section Text")), (name, kept)
        attest = next(
            (i for i in range(first_signer, len(blocks)) if blocks[i].style == "Attest Label"),
            None,
        )
        if attest is not None:
            assert not _keeps(blocks[attest - 1]), (name, "the signers are kept with Attest:")
            end = next(i for i in range(attest, len(blocks)) if blocks[i].style == "Attester")
            assert all(_keeps(b) for b in blocks[attest:end])
