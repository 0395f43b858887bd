"""Patients read on phones: no page scrolls sideways at 320 px wide (WCAG 1.4.10 reflow)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser import serve
from conftest import Build


@pytest.mark.browser
def test_no_page_is_wider_than_a_small_phone(site: Build, chromium: Browser) -> None:
    pages = [p.relative_to(site.site).as_posix() for p in site.pages()]
    assert len(pages) >= 12
    too_wide = {}
    with serve(site.site) as base:
        phone = chromium.new_context(viewport={"width": 320, "height": 640})
        try:
            tab = phone.new_page()
            for path in pages:
                tab.goto(base + path.removesuffix("index.html"))
                width = tab.evaluate("document.documentElement.scrollWidth")
                if width > 320:
                    too_wide[path] = width
        finally:
            phone.close()
    assert too_wide == {}
