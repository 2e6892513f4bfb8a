"""The HTML options explorer (issue 7): self-contained, and it works in headless Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from browser import Browser, dump_dom
from conftest import build_clause_library, require_tool, run_command
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.tools.explorer import render_explorer

LIBRARY = load_library(builtin_library_path())


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The explorer for the built-in library, written by the CLI."""
    folder = tmp_path_factory.mktemp("explorer")
    result = run_command("explore", "-o", "options.html", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "options.html"


def variant_panels(doc, pid: str) -> dict[str, bool]:
    """{variant id: visible} for one provision, read from a DOM."""
    section = doc.get_element_by_id(f"p-{pid}")
    return {
        panel.get("data-variant"): panel.get("hidden") is None
        for panel in section.find_class("variant")
    }


def test_page_is_self_contained(page):
    """No external script, style, font or image; a CSP forbids loading any."""
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link\b|<img\b|<iframe\b|@import|url\(", text)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    for block in re.findall(r"<(?:script|style)>(.*?)</(?:script|style)>", text, flags=re.S):
        assert "http" not in block


def test_page_lists_every_provision_variant_note_and_source(page):
    """Each provision appears with every variant, a note and each of its sources."""
    doc = lxml_html.fromstring(page.read_bytes())
    text = doc.text_content()
    assert "not legal advice" in text
    for pid, clause in LIBRARY.clauses.items():
        spec = clause.spec
        section = doc.get_element_by_id(f"p-{pid}")
        assert spec.title in section.text_content()
        panels = variant_panels(doc, pid)
        assert list(panels) == (list(spec.variant_ids) or [""])
        assert all(panels.values()), "without script every variant stands side by side"
        for vid in spec.variant_ids:
            assert doc.get_element_by_id(f"v-{pid}-{vid}").get("type") == "radio"
        assert section.find_class("note"), f"{pid} has no note"
        section_text = " ".join(section.text_content().split())
        for src in spec.sources:
            assert " ".join(src.cite.split()) in section_text


def test_fragment_selects_a_variant_and_the_county_in_chromium(page, tmp_path):
    """A URL fragment selects a variant and the county; Chromium shows exactly those."""
    chromium = require_tool("chromium")
    url = page.as_uri() + "#status_inquiry=status_and_birthplace&kind=county&layout=one"
    doc = lxml_html.fromstring(dump_dom(chromium, url, tmp_path / "profile"))
    assert variant_panels(doc, "status_inquiry") == {
        "status_only": False,
        "status_and_birthplace": True,
    }
    # Other provisions keep their default variant.
    assert variant_panels(doc, "resource_use") == {"core": True, "broad": False}
    for div in doc.xpath("//div[@data-kind]"):
        assert (div.get("hidden") is None) == (div.get("data-kind") == "county")
    radio = doc.get_element_by_id("v-status_inquiry-status_and_birthplace")
    assert radio.get("checked") is not None or doc.xpath("//body[@data-showing='county']")


def test_clicking_a_variant_shows_its_text_in_chromium(page):
    """Real mouse clicks on a variant and on the county switch change the visible text."""
    chromium = require_tool("chromium")
    visible = "document.getElementById('p-status_inquiry').innerText"
    with Browser(chromium) as browser:
        browser.open(page.as_uri())
        browser.click("label:has(#layout-one)")
        before = browser.evaluate(visible)
        assert "A City employee must not ask any person" in before
        assert "place of birth, or country of citizenship" not in before
        browser.click("label[for='v-status_inquiry-status_and_birthplace']")
        after = browser.evaluate(visible)
        assert "place of birth, or country of citizenship" in after
        assert browser.evaluate(
            "document.getElementById('v-status_inquiry-status_and_birthplace').checked"
        )
        browser.click("label:has(#kind-county)")
        county = browser.evaluate(visible)
        assert "A County employee must not ask" in county
        assert "A City employee" not in county
        assert "place of birth, or country of citizenship" in county
        # The other provision's default variant is still the one shown.
        resource = browser.evaluate("document.getElementById('p-resource_use').innerText")
        assert "Use of County resources." in resource


def test_library_text_is_escaped(tmp_path):
    """Markup in a custom library's titles and notes is shown as text, never run."""
    source = (builtin_library_path() / "provisions/purpose/clause.yaml").read_text()
    root = build_clause_library(
        tmp_path / "lib",
        {
            "provisions/purpose/clause.yaml": source.replace(
                "title: Purpose", 'title: "Purpose <script>alert(1)</script>"'
            ).replace(
                "url: http://stpaul-mn.elaws.us/code/coor_ptiii_titleiii_ch44_sec44.02",
                'url: "javascript:alert(2)"',
                1,
            ),
        },
    )
    assert 'url: "javascript:alert(2)"' in (root / "provisions/purpose/clause.yaml").read_text()
    text = render_explorer(load_library(root)).decode()
    assert "<script>alert(1)</script>" not in text
    assert "Purpose &lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "javascript:" not in text
    assert text.count("<script>") == 1


def test_explore_never_overwrites_without_force(tmp_path):
    """An existing file is left untouched unless --force is given."""
    (tmp_path / "options.html").write_text("mine")
    result = run_command("explore", "-o", "options.html", cwd=tmp_path)
    assert result.returncode != 0 and "--force" in result.stderr
    assert (tmp_path / "options.html").read_text() == "mine"
    forced = run_command("explore", "-o", "options.html", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert (tmp_path / "options.html").read_text().startswith("<!DOCTYPE html>")


def _plain(element, drop: str) -> str:
    """An element's text without its ``drop`` (``ins`` or ``del``) elements."""
    copy = lxml_html.fromstring(lxml_html.tostring(element))
    for gone in copy.iter(drop):
        gone.drop_tree()
    return copy.text_content()


def test_every_variant_is_marked_against_the_first(page):
    """Each variant's text, read with an HTML parser: without its <del> words it is its own
    text, without its <ins> words the first variant's; the first has no mark, and every
    variant whose text differs has one (cases from the library)."""
    from ordinance_drafter.tools.catalog import variant_samples

    doc = lxml_html.fromstring(page.read_bytes())
    varied = [pid for pid, c in LIBRARY.clauses.items() if len(c.spec.variants) > 1]
    assert varied
    for pid in varied:
        samples = variant_samples(LIBRARY, pid)
        section = doc.get_element_by_id(f"p-{pid}")
        for kind in ("city", "county"):
            offered = [s for s in samples if kind in s.paragraphs]
            for s in offered:
                (block,) = section.xpath(
                    f".//div[@data-variant='{s.id}']/div[@data-kind='{kind}']/div[@class='text']"
                )
                lines = block.findall("p")
                own = [_plain(p, "del") for p in lines]
                base = [_plain(p, "ins") for p in lines]
                assert "\n".join(x for x in own if x) == s.texts[kind], (pid, s.id, kind)
                assert "\n".join(x for x in base if x) == offered[0].texts[kind]
                marks = block.xpath(".//ins|.//del")
                if s is offered[0] or s.texts[kind] == offered[0].texts[kind]:
                    assert not marks, (pid, s.id, kind)
                else:
                    assert marks, (pid, s.id, kind)


def test_variants_stand_side_by_side_in_chromium(page):
    """By default Chromium lays a provision's variants out in columns, side by side, with
    the added words underlined; "one at a time" stacks the chosen one alone."""
    chromium = require_tool("chromium")
    boxes = (
        "Array.from(document.querySelectorAll('#p-status_inquiry .variant'))"
        ".map(p => { const r = p.getBoundingClientRect();"
        " return [Math.round(r.left), Math.round(r.top), r.width > 0]; })"
    )
    with Browser(chromium) as browser:
        browser.open(page.as_uri())
        side = browser.evaluate(boxes)
        assert len(side) == len(LIBRARY.clauses["status_inquiry"].spec.variants)
        assert len({left for left, _t, _v in side}) == len(side)  # one column each
        assert len({top for _l, top, _v in side}) == 1  # on one row
        ins = browser.evaluate(
            "getComputedStyle(document.querySelector('#p-status_inquiry ins')).textDecorationLine"
        )
        assert "underline" in ins
        browser.click("label:has(#layout-one)")
        one = browser.evaluate(boxes)
        assert [shown for _l, _t, shown in one] == [True] + [False] * (len(one) - 1)
