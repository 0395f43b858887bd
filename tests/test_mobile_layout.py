"""Patients read on phones: no page scrolls sideways at 320 px wide (WCAG 1.4.10 reflow)."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from conftest import Build


@pytest.mark.browser
def test_no_page_is_wider_than_a_small_phone(site: Build) -> None:
    pages = [p.relative_to(site.site).as_posix() for p in site.pages()]
    assert len(pages) >= 12
    too_wide = {}
    with serve(site.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        tab = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
        for path in pages:
            tab.goto(base + path.removesuffix("index.html"))
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[path] = width
        browser.close()
    assert too_wide == {}
