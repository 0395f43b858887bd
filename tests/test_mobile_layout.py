"""Patients read on phones: no page scrolls sideways at 320 px wide (WCAG 1.4.10 reflow).

Each page is measured in the shared page walk (tests/page_walk.py: phone_width), which visits every
page anyway: once loaded, the window is narrowed to 320 x 640 and the page's width read after its
layout and scripts have answered. The harness test below shows the measurement can fail.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from conftest import Build
from page_walk import DESKTOP, PHONE, phone_width
from site_pages import page_paths


@pytest.mark.browser
def test_no_page_is_wider_than_a_small_phone(site: Build, walked: list[dict]) -> None:
    pages = [p.relative_to(site.site).as_posix().removesuffix("index.html") for p in site.pages()]
    assert len(pages) >= 12
    measured = {page["path"]: page["phone_width"] for page in walked}
    assert set(pages) <= set(measured) == set(page_paths(site.site))
    too_wide = {path: width for path, width in measured.items() if width > PHONE["width"]}
    assert too_wide == {}


@pytest.mark.browser
def test_phone_width_reports_a_page_that_scrolls_sideways(served: str, chromium: Browser) -> None:
    """The harness can fail: a page with a box wider than the phone is reported wider, and the
    window is wide again afterwards for the next page of the walk."""
    context = chromium.new_context(viewport=DESKTOP)
    try:
        tab = context.new_page()
        tab.goto(served + "drills/spiderman/")
        assert phone_width(tab) <= PHONE["width"]
        tab.evaluate("""const box = Object.assign(document.createElement('p'), {textContent: 'Too wide'});
            box.style.setProperty('width', '400px');  // CSSOM: the policy allows it
            document.querySelector('article').append(box)""")
        assert phone_width(tab) >= 400
        assert tab.viewport_size == DESKTOP
    finally:
        context.close()
