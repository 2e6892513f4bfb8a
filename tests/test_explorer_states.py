"""The options explorer's state view (issue 16): each state's flags under each provision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from browser import Browser
from conftest import require_tool, run_command
from ordinance_drafter.library.loader import builtin_library_path, load_library
from ordinance_drafter.statelaw.data import state_data
from ordinance_drafter.statelaw.flags import state_flags

LIBRARY = load_library(builtin_library_path())
STATES = state_data(LIBRARY).states
KINDS = ("city", "county")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The explorer for the built-in library, written by the CLI."""
    folder = tmp_path_factory.mktemp("explorer-states")
    result = run_command("explore", "-o", "options.html", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "options.html"


@pytest.fixture(scope="module")
def doc(page):
    return lxml_html.fromstring(page.read_bytes())


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_selector_offers_every_state_of_the_data(doc):
    """One option per state file, by name, after a 'none' option."""
    (select,) = doc.xpath("//select[@id='state']")
    values = [o.get("value") for o in select.findall("option")]
    assert values == ["", *STATES]
    names = [o.text_content() for o in select.findall("option")][1:]
    assert names == [s.name for s in STATES.values()]
    summaries = doc.xpath("//div[@class='state-summary']")
    assert [d.get("data-state") for d in summaries] == list(STATES)
    assert all(d.get("hidden") is not None for d in summaries)


def test_every_state_flag_is_under_its_provision(doc):
    """For each provision, state and kind, the page lists exactly the flags the state-law
    layer gives (same count, same messages, strongest first) and the lawful note."""
    checked = 0
    for pid in LIBRARY.clauses:
        section = doc.get_element_by_id(f"p-{pid}")
        boxes = {
            (d.get("data-state"), d.get("data-for")): d
            for d in section.xpath(".//div[@class='statelaw']/div[@class='flags']")
        }
        for code, entry in STATES.items():
            lawful = entry.lawful.get(pid)
            for kind in KINDS:
                flags = state_flags(LIBRARY, code, kind, pid)
                box = boxes.pop((code, kind), None)
                if not flags and lawful is None:
                    assert box is None, (pid, code, kind)
                    continue
                assert box is not None and box.get("hidden") is not None, (pid, code, kind)
                items = box.xpath(".//li[contains(@class, 'flag')]")
                assert len(items) == len(flags), (pid, code, kind)
                shown = [_words(li.text_content()) for li in items]
                for flag in flags:
                    assert any(flag.message in text for text in shown), (pid, code, flag)
                    for cite in flag.citations:
                        assert any(_words(cite) in text for text in shown)
                severities = [li.get("data-severity") for li in items]
                order = ["forbidden", "limited", "restates", "info"]
                assert severities == sorted(severities, key=order.index)
                if lawful is not None:
                    assert _words(lawful.why) in _words(box.text_content())
                checked += len(flags)
        assert not boxes, f"{pid}: flags for no state: {list(boxes)}"
    assert checked == sum(
        len(state_flags(LIBRARY, code, kind, pid))
        for code in STATES
        for kind in KINDS
        for pid in LIBRARY.clauses
    )
    assert checked > 0


def test_contents_badges_carry_the_strongest_flag(doc):
    """Each contents entry lists, per state and kind, the strongest severity."""
    order = ["forbidden", "limited", "restates", "info"]
    for li in doc.xpath("//nav//li[@data-flags]"):
        pid = li.find("a").get("href").removeprefix("#p-")
        tokens = set(li.get("data-flags").split())
        expected = set()
        for code in STATES:
            for kind in KINDS:
                flags = state_flags(LIBRARY, code, kind, pid)
                if flags:
                    top = min((f.severity for f in flags), key=order.index)
                    expected.add(f"{code}:{kind}:{top}")
        assert tokens == expected, pid


def _forbidding_pair() -> tuple[str, str, str]:
    """A (state, forbidden provision, provision with no flag there) from the data."""
    for code in STATES:
        flagged = [p for p in LIBRARY.clauses if state_flags(LIBRARY, code, "city", p)]
        forbidden = [
            p
            for p in flagged
            if any(f.severity == "forbidden" for f in state_flags(LIBRARY, code, "city", p))
        ]
        clean = [
            p
            for p in LIBRARY.clauses
            if p not in flagged
            and p not in STATES[code].lawful
            and not state_flags(LIBRARY, code, "county", p)
        ]
        if forbidden and clean:
            return code, forbidden[0], clean[0]
    pytest.skip("no state forbids a provision in the library's data")


def test_choosing_a_state_shows_its_flags_in_chromium(page):
    """Selecting a state in Chromium shows its summary, its flags under the provisions it
    flags, a sentence under those it does not, and badges in the contents; the county
    switch shows the county's flags; 'none' hides it all again."""
    chromium = require_tool("chromium")
    code, forbidden, clean = _forbidding_pair()
    message = state_flags(LIBRARY, code, "city", forbidden)[0].message
    with Browser(chromium) as browser:
        browser.open(page.as_uri())
        text = f"document.getElementById('p-{forbidden}').innerText"
        assert message[:40] not in browser.evaluate(text)
        browser.evaluate(
            f"(() => {{ const s = document.getElementById('state'); s.value = {json.dumps(code)};"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )
        shown = " ".join(browser.evaluate(text).split())
        assert message[:40] in shown and f"State law in {STATES[code].name}" in shown
        summary = browser.evaluate(
            f"document.querySelector('.state-summary[data-state={code}]').innerText"
        )
        assert STATES[code].name in summary
        none = " ".join(browser.evaluate(f"document.getElementById('p-{clean}').innerText").split())
        assert f"no flag on this provision for a city in {STATES[code].name}" in none
        badge = browser.evaluate(
            f"document.querySelector('nav a[href=\"#p-{forbidden}\"]').nextElementSibling.innerText"
        )
        assert badge == "forbidden"
        browser.click("label:has(#kind-county)")
        county = state_flags(LIBRARY, code, "county", forbidden)
        shown = " ".join(browser.evaluate(text).split())
        assert all(f.message[:40] in shown for f in county)
        assert "for a county" in shown
        browser.evaluate(
            "(() => { const s = document.getElementById('state'); s.value = '';"
            " s.dispatchEvent(new Event('change', {bubbles: true})); })()"
        )
        assert message[:40] not in browser.evaluate(text)


def test_fragment_selects_a_state(page, tmp_path):
    """#state=XX opens the page with that state's flags shown."""
    from browser import dump_dom

    chromium = require_tool("chromium")
    code, forbidden, _clean = _forbidding_pair()
    dom = lxml_html.fromstring(dump_dom(chromium, page.as_uri() + f"#state={code}", tmp_path))
    (box,) = dom.xpath(
        f"//section[@id='p-{forbidden}']//div[@data-state='{code}'][@data-for='city']"
    )
    assert box.get("hidden") is None
    others = dom.xpath(f"//div[@class='flags'][@data-state!='{code}']")
    assert others and all(d.get("hidden") is not None for d in others)
