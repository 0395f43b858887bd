"""The drill index lists every drill, filters by level and body area, and search finds drills."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

import content_model
from browser import serve
from conftest import ROOT, Build

CONTENT = content_model.load(ROOT / "data", shown_dir="data")


@pytest.fixture(scope="module")
def page(site: Build, chromium: Browser) -> Iterator[tuple[Page, str]]:
    with serve(site.site) as base:
        context = chromium.new_context()
        try:
            yield context.new_page(), base
        finally:
            context.close()


def visible_names(tab: Page) -> list[str]:
    return tab.locator(".drill-index__item:visible .drill-card__name").all_inner_texts()


@pytest.mark.browser
def test_filter_by_level_and_body_area(page: tuple[Page, str]) -> None:
    tab, base = page
    tab.goto(base + "drills/")
    assert visible_names(tab) == [d.name for d in CONTENT.drills]
    assert tab.locator(".drill-filter").is_visible()
    tab.get_by_label("Level").select_option("advanced")
    assert visible_names(tab) == [d.name for d in CONTENT.drills if d.level == "advanced"]
    assert tab.locator(".drill-filter__count").inner_text() == f"Showing 1 of {len(CONTENT.drills)} drills."
    tab.get_by_label("Level").select_option("")
    tab.get_by_label("Body area").select_option("groin")
    expected = [d.name for d in CONTENT.drills if "groin" in d.targets]
    assert len(expected) >= 1
    assert visible_names(tab) == expected


def test_search_index_holds_every_drill(site: Build) -> None:
    index = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["title"] for doc in index["docs"]}
    for drill in CONTENT.drills:
        assert drill.name in titles


@pytest.mark.browser
def test_search_finds_a_drill(page: tuple[Page, str]) -> None:
    tab, base = page
    tab.goto(base)
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.locator("input.md-search__input").press_sequentially("Spiderman", delay=30)
    result = tab.locator(".md-search-result__link").first
    result.wait_for(timeout=10000)
    assert "drills/spiderman/" in result.get_attribute("href")


@pytest.mark.browser
def test_searching_a_body_part_finds_drill_pages_and_articles_not_handouts(page: tuple[Page, str]) -> None:
    """Handouts, large-print sheets, the builder's sheets and the list of all drills repeat the drill
    pages' text: search leaves them out, so "hip flexor" finds the drills and the articles (and the
    home page's own words on hips)."""
    tab, base = page
    tab.goto(base)
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.locator("input.md-search__input").press_sequentially("hip flexor", delay=30)
    # the results for the whole query (the drill's link highlights both words), not for "hip" alone
    tab.wait_for_function(
        "() => [...document.querySelectorAll('.md-search-result__link')]"
        ".some(a => a.href.includes('half-kneel-hip-flexor-stretch/?h=hip+flexor'))",
        timeout=10000,
    )
    links = tab.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    pages = {link.removeprefix(base).split("?")[0].split("#")[0] for link in links}
    assert {"drills/half-kneel-hip-flexor-stretch/", "drills/standing-hip-flexor-stretch/"} <= pages, pages
    assert any(p.startswith("articles/") for p in pages), pages
    # no handout, large-print sheet or builder, and not the list of all drills
    assert not [p for p in pages if p.startswith("handouts/") or p == "drills/"], pages
