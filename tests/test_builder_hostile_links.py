"""The handout builder opened from hostile or broken links (issue 13, item 6).

A link's "#" part is whatever anyone typed or pasted. Ids that name properties every plain
JavaScript object has (``__proto__``, ``constructor``, ``toString``...), unknown ids, bad dose
numbers, percent-encoding errors, duplicates and very long links must never make the builder
throw: each part it cannot use is left out, a polite note in the page says so (as text), and the
builder goes on working. In real Chromium, on the default site's strict build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

import content_model
from browser import emptied, is_new_document
from conftest import ROOT, Build
from page_walk import axe_violations

BUILDER = "handouts/builder/"
FIGURE_4 = content_model.load(ROOT / "data", shown_dir="data").drill("figure-4-stretch").name
NOTE = "Part of this link was not understood and was left out"
INJECTED = '<img src=x onerror="window.__pwned=1">'

# Each one is the "#" part of a link; none holds a drill the builder can use.
HOSTILE = [
    "#drill=__proto__",
    "#drill=constructor",
    "#drill=toString",
    "#drill=hasOwnProperty",
    "#drill=valueOf",
    "#drill=__proto__.1.1.1.1.1",
    "#__proto__=1&constructor=2",
    "#drill=no-such-drill",
    "#drill=spiderman.abc",
    "#drill=spiderman.0",
    "#drill=spiderman.1000",
    "#drill=spiderman.11",  # 11 sets: more than the data allows (content_model.models.DOSE_RANGES)
    "#drill=spiderman.2.101",  # 101 reps
    "#drill=spiderman...301",  # a 301-second hold
    "#drill=spiderman....13",  # 13 times a day
    "#drill=spiderman.-1",
    "#drill=spiderman.1e3",
    "#drill=spiderman.1.1.1.1.1.1.1",
    "#drill=spiderman.1.1.1.1.7",
    "#drill=%E0%A4%A",
    "#%E0%A4%A",
    "#drill=spider%20man",
    "#drill=" + INJECTED,
    "#drill",
    "#garbage",
    "#drill=..__proto__",
    "#drill=spiderman.2.5." + "9" * 400,
    "#" + "drill=x&" * 15000,  # about 120 KB
]

# A valid part among hostile ones: the valid drill is opened, the rest is named in the note.
MIXED = "#drill=spiderman.2.5..1.0&drill=__proto__&drill=spiderman.3.3&drill=toString&x=%E0%A4%A"


@dataclass
class Watched:
    page: Page
    errors: list[str] = field(default_factory=list)


def watch(context: BrowserContext) -> Watched:
    """A new page whose uncaught errors and console errors are recorded."""
    watched = Watched(context.new_page())

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watched.errors.append(f"console: {message.text}")

    watched.page.on("pageerror", lambda error: watched.errors.append(f"page error: {error}"))
    watched.page.on("console", console)
    return watched


def note(page: Page) -> str:
    return page.locator("[data-link-note]").inner_text()


def assert_still_works(page: Page) -> None:
    """Choosing a drill adds it to the list and to the printed sheet, and the link is made again."""
    page.locator('[data-choose][value="figure-4-stretch"]').first.check()
    expect(page.locator('[data-row="figure-4-stretch"]')).to_have_count(1)
    names = page.locator("[data-builder-sheet]:not([hidden]) .handout-drill__name").all_inner_texts()
    assert any(name.endswith(". " + FIGURE_4) for name in names), names
    assert "drill=figure-4-stretch." in page.get_by_label("Link to these drills").input_value()
    assert page.evaluate("() => window.__pwned") is None


@pytest.fixture(scope="module")
def one_tab(module_context: BrowserContext) -> Watched:
    """One tab (in conftest's module_context) that opens each hostile link in turn, each time as a
    new document (from a blank page between them, so the link is loaded, not only its "#" part
    changed: the hash change is test_hostile_links_one_after_another_in_one_open_builder's). A tab's
    renderer is started once, not once per link: most of what a page load costs here. The builder
    keeps nothing between documents (no storage; what a therapist types stays in the document), and
    each test checks that its document starts with no drill chosen and no error."""
    return watch(module_context)


@pytest.mark.browser
@pytest.mark.parametrize("fragment", HOSTILE, ids=lambda f: f[:40])
def test_a_hostile_link_is_left_out_with_a_note_and_the_builder_still_works(
    one_tab: Watched, served: str, fragment: str
) -> None:
    watched = one_tab
    watched.errors.clear()
    page = watched.page
    emptied(page).goto(served + BUILDER + fragment, wait_until="networkidle")
    # On a busy machine the network can fall idle before the page has loaded: wait for the load too.
    page.wait_for_load_state("load")
    assert is_new_document(page)  # loaded from the link, not the last test's
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("[data-handout-builder]").get_attribute("data-ready") == "yes"
    assert NOTE in note(page)
    expect(page.locator("[data-link-note]")).to_be_visible()
    assert page.locator("[data-link-note] *").count() == 0, "the note must be plain text"
    assert page.locator("[data-row]").count() == 0
    assert_still_works(page)
    assert watched.errors == []


@pytest.mark.browser
def test_valid_parts_of_a_link_are_kept_and_the_rest_named_once(context: BrowserContext, served: str) -> None:
    watched = watch(context)
    page = watched.page
    page.goto(served + BUILDER + MIXED, wait_until="networkidle")
    assert [r.get_attribute("data-row") for r in page.locator("[data-row]").all()] == ["spiderman"]
    dose = page.locator(
        '[data-builder-sheet]:not([hidden]) [aria-labelledby="handout-drill-spiderman"] .handout-drill__dose'
    )
    assert dose.inner_text().removeprefix("How much:").strip() == "2 sets of 5 · once a day"
    text = note(page)
    assert text.startswith(NOTE), text
    # The duplicate, both hostile ids and the broken escape are each named; the valid part is not.
    for part in ("drill=__proto__", "drill=spiderman.3.3", "drill=toString", "x=%E0%A4%A"):
        assert f"\u201c{part}\u201d" in text, (part, text)
    assert "spiderman.2.5" not in text
    assert "Opened from a link: 1 drill." in page.locator("[data-status]").inner_text()
    assert_still_works(page)
    assert watched.errors == []


@pytest.mark.browser
def test_hostile_links_one_after_another_in_one_open_builder(context: BrowserContext, served: str) -> None:
    """Changing the "#" part of an open builder (hashchange) never breaks it, and a good link after
    hostile ones is opened, with the note cleared."""
    watched = watch(context)
    page = watched.page
    page.goto(served + BUILDER, wait_until="networkidle")
    assert note(page) == ""
    page.locator('[data-choose][value="spiderman"]').first.check()
    for fragment in HOSTILE:
        page.evaluate("hash => { window.location.hash = hash; }", fragment)
        expect(page.locator("[data-link-note]")).to_contain_text(NOTE)
        page.evaluate("() => { window.location.hash = ''; }")
        expect(page.locator("[data-link-note]")).to_have_text("")
        # What was chosen stays: a link the builder cannot use replaces nothing.
        assert [r.get_attribute("data-row") for r in page.locator("[data-row]").all()] == ["spiderman"]
    page.evaluate("() => { window.location.hash = '#drill=quadruped-rockbacks.3.12...0'; }")
    expect(page.locator('[data-row="quadruped-rockbacks"]')).to_have_count(1)
    assert note(page) == ""
    assert_still_works(page)
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.get_by_role("button", name="Print the handout").click()
    assert page.evaluate("() => window.printed") is True
    assert watched.errors == []


@pytest.mark.browser
def test_the_note_is_a_polite_live_region_that_axe_passes(chromium: Browser, served: str) -> None:
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(served + BUILDER + "#drill=__proto__&drill=spiderman", wait_until="networkidle")
            region = page.locator("[data-link-note]")
            assert region.get_attribute("role") == "status"
            assert region.get_attribute("aria-live") == "polite"
            assert NOTE in region.inner_text()
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
            violations = axe_violations(page)  # all WCAG A and AA rules (tests/page_walk.py)
            assert violations == [], (scheme, violations)
        finally:
            context.close()


def test_the_dose_inputs_allow_exactly_the_data_s_ranges(site: Build) -> None:
    """A therapist can type no dose the data would refuse: each number input's min and max are the
    content model's range, and so are the limits the script applies to links and typing."""
    from content_model.models import DOSE_RANGES

    page = site.html("handouts/builder/")
    row = page.select_one("template[data-row-template]")  # CSS selectors do not enter a <template>
    inputs = {i["data-dose"]: i for i in row.select('input[type="number"][data-dose]')}
    assert set(inputs) == set(DOSE_RANGES)
    for name, (low, high, _example) in DOSE_RANGES.items():
        assert (int(inputs[name]["min"]), int(inputs[name]["max"])) == (low, high), name
    data = json.loads(page.select_one("#handout-builder-data").string)
    assert {k: tuple(v) for k, v in data["dose_ranges"].items()} == {k: v[:2] for k, v in DOSE_RANGES.items()}
