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
