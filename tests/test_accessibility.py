"""Accessibility of every built page, in real Chromium, in the light and the dark colour scheme.

axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) must find nothing. Then what axe
cannot judge alone: a skip link that a keyboard user meets first and that
lands on the content, headings that do not skip a level, link text that makes
sense on its own, and the page language. Pages are found from the built site,
so handouts, the builder and any page added later are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from conftest import Build
from page_walk import COLOUR_RULES, SCHEMES, axe_violations
from site_pages import page_file, page_paths

# Link text that means nothing out of context (WCAG 2.4.4; Lighthouse "link-text").
VAGUE_LINK_TEXT = {
    "click here",
    "here",
    "click",
    "more",
    "read more",
    "learn more",
    "link",
    "this",
    "this page",
    "this link",
    "go",
    "start",
    "right here",
    "continue",
    "details",
    "info",
    "¶",
    "#",
}


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_in_either_scheme(walked: list[dict]) -> None:
    """Each page, loaded in the light scheme (the system preference here): axe with all its rules;
    then switched to dark in place for the colour rules (tests/page_walk.py)."""
    problems = []
    for page in walked:
        path = page["path"]
        assert page["scheme"] == SCHEMES["light"], f"/{path} shows the {page['scheme']} scheme, not light"
        problems += [f"/{path} (light): {problem}" for problem in page["axe_light"]]
        problems += [f"/{path} (dark): {problem}" for problem in page["axe_dark"]]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "es/", "drills/spiderman/", "404.html"])
def test_a_dark_system_preference_shows_the_dark_scheme(served: str, chromium: Browser, path: str) -> None:
    """A first visit follows the system's colour scheme (mkdocs.yml's palette media queries)."""
    context = chromium.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES["dark"]
    context.close()


@pytest.mark.browser
def test_axe_check_reports_a_real_problem(served: str, tab: Page) -> None:
    """The harness can fail: an image without a text alternative is reported, and the dark run's
    colour rules report grey text on the dark background."""
    tab.goto(served)
    tab.evaluate("document.querySelector('article').append(Object.assign(new Image(), {src: 'data:,'}))")
    assert any(problem.startswith("image-alt:") for problem in axe_violations(tab))
    tab.evaluate("""document.body.setAttribute('data-md-color-scheme', 'slate');
        const faint = Object.assign(document.createElement('p'), {textContent: 'Faint words'});
        faint.style.setProperty('color', '#333', 'important');  // CSSOM: the policy allows it
        document.querySelector('article').append(faint)""")
    assert any(problem.startswith("color-contrast:") for problem in axe_violations(tab, COLOUR_RULES))


@pytest.mark.browser
def test_dark_scheme_toggle_switches_and_stays_clean(served: str, tab: Page) -> None:
    """The palette toggle (not only the system setting) switches scheme, and the result passes axe."""
    tab.goto(served + "drills/spiderman/")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    tab.locator("label[title='Switch to dark mode']").click()
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert axe_violations(tab) == []


@pytest.mark.browser
def test_first_tab_reaches_a_skip_link_that_lands_on_the_content(walked: list[dict]) -> None:
    """On each page as loaded: the first Tab, then Enter on the skip link (tests/page_walk.py)."""
    problems = []
    for page in walked:
        path, skip = page["path"], page["skip"]
        focused = skip["focused"]
        if "md-skip" not in focused["cls"] or not focused["visible"]:
            problems.append(f"/{path}: the first Tab reaches {focused}, not a visible skip link")
            continue
        target = focused["href"].removeprefix("#")
        if skip["hash"] != f"#{target}" or not skip["target_found"]:
            problems.append(f"/{path}: the skip link goes to #{target}, which is not on the page")
            continue
        if not skip["lands_in_content"]:
            problems.append(f"/{path}: the skip link's target #{target} is not in the main content")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_headings_start_at_one_h1_and_skip_no_level(walked: list[dict]) -> None:
    """The visible headings of each page (tests/page_walk.py: VISIBLE_HEADINGS)."""
    problems = []
    for page in walked:
        path, headings = page["path"], page["headings"]
        levels = [level for level, _ in headings]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"/{path}: needs exactly one h1, first; has {headings[:3]}")
        for (before, _), (level, text) in pairwise(headings):
            if level > before + 1:
                problems.append(f"/{path}: h{level} '{text}' follows an h{before}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_every_link_says_where_it_goes(walked: list[dict]) -> None:
    """The visible links of each page and their accessible names (tests/page_walk.py: LINKS)."""
    problems = []
    for page in walked:
        path = page["path"]
        for name, href in page["links"]:
            if not name:
                problems.append(f"/{path}: a link to {href} has no text or label")
            elif name.lower().strip(".:!→ ") in VAGUE_LINK_TEXT:
                problems.append(f"/{path}: the link text '{name}' ({href}) means nothing on its own")
    assert not problems, "\n".join(problems)


def test_every_page_declares_its_language(site: Build) -> None:
    for path in page_paths(site.site):
        html = page_file(site.site, path).read_text(encoding="utf-8")
        root = BeautifulSoup(html, "html.parser").find("html")
        # Material writes the build's theme.language (mkdocs-static-i18n sets it per language).
        lang = root.get("lang") if root is not None else None
        assert lang == ("es" if path.startswith("es/") else "en"), f"/{path}: <html lang> is {lang!r}"
    # The Spanish pages are among the pages every check here goes through.
    assert any(path.startswith("es/") for path in page_paths(site.site))
