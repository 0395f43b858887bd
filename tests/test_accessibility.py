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
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from conftest import Build
from site_pages import page_file, page_paths

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
# Material's scheme names for the two colour schemes (mkdocs.yml, theme.palette).
SCHEMES = {"light": "default", "dark": "slate"}
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


# The dark scheme changes colours only (Material sets one attribute on <body>; the page is the same
# otherwise): on every page, the dark run asks axe's rules about colour. Every rule runs on a page
# switched to dark by the toggle (test_dark_scheme_toggle_switches_and_stays_clean).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """What axe finds on the page as it is now. Its script is injected once per loaded document (a
    navigation drops it): a second run on the same page, say after a scheme switch, reuses it."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.axe_script)
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    # Only violations are listed in full: axe then skips building selectors for every element that
    # passes (the same rules run on the same elements; passes still counts at least one per rule).
    options = {"runOnly": only, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    assert results["passes"], "axe ran no checks: is the page empty?"
    return [
        f"{violation['id']}: {violation['help']} at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results["violations"]
    ]


def switch_scheme(page: Page, scheme: str) -> None:
    """Switch the loaded page to ``scheme`` as a visitor does: the system preference changes and the
    palette toggle is used (Material keeps the chosen palette for the next pages, so a page switched
    to dark is switched back before the next one loads)."""
    page.emulate_media(color_scheme=scheme)
    other = "light" if scheme == "dark" else "dark"
    page.locator(f"label[title='Switch to {scheme} mode']").click()
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
        " && !document.body.hasAttribute('data-md-color-switching')",
        arg=SCHEMES[scheme],
    )
    assert page.locator(f"label[title='Switch to {other} mode']").is_visible()


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_in_either_scheme(site: Build, served: str, chromium: Browser) -> None:
    """Each page is loaded once, in the light scheme (the system preference here): axe with all its
    rules; then switched to dark in place (switch_scheme) for the colour rules, and back."""
    context = chromium.new_context(color_scheme="light")  # prefers-color-scheme, which Material follows
    page = context.new_page()
    problems = []
    for path in page_paths(site.site):
        page.goto(served + path)
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == SCHEMES["light"], f"/{path} shows the {shown} scheme, not {SCHEMES['light']}"
        problems += [f"/{path} (light): {problem}" for problem in axe_violations(page)]
        switch_scheme(page, "dark")
        problems += [f"/{path} (dark): {problem}" for problem in axe_violations(page, COLOUR_RULES)]
        switch_scheme(page, "light")
    context.close()
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
def test_first_tab_reaches_a_skip_link_that_lands_on_the_content(site: Build, served: str, tab: Page) -> None:
    problems = []
    for path in page_paths(site.site):
        tab.goto(served + path)
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            "(() => { const a = document.activeElement;"
            " return {cls: a.className, text: a.textContent.trim(), href: a.getAttribute('href'),"
            " visible: a.getBoundingClientRect().width > 0}; })()"
        )
        if "md-skip" not in focused["cls"] or not focused["visible"]:
            problems.append(f"/{path}: the first Tab reaches {focused}, not a visible skip link")
            continue
        target = focused["href"].removeprefix("#")
        tab.keyboard.press("Enter")
        if tab.evaluate("location.hash") != f"#{target}" or not tab.evaluate(
            f"!!document.getElementById({target!r})"
        ):
            problems.append(f"/{path}: the skip link goes to #{target}, which is not on the page")
            continue
        lands = tab.evaluate(
            "target => document.querySelector('article.md-content__inner')"
            ".contains(document.getElementById(target))",
            target,
        )
        if not lands:
            problems.append(f"/{path}: the skip link's target #{target} is not in the main content")
    assert not problems, "\n".join(problems)


VISIBLE_HEADINGS = """
[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.checkVisibility({visibilityProperty: true}))
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])
"""


@pytest.mark.browser
def test_headings_start_at_one_h1_and_skip_no_level(site: Build, served: str, tab: Page) -> None:
    problems = []
    for path in page_paths(site.site):
        tab.goto(served + path)
        headings = tab.evaluate(VISIBLE_HEADINGS)
        levels = [level for level, _ in headings]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"/{path}: needs exactly one h1, first; has {headings[:3]}")
        for (before, _), (level, text) in pairwise(headings):
            if level > before + 1:
                problems.append(f"/{path}: h{level} '{text}' follows an h{before}")
    assert not problems, "\n".join(problems)


LINKS = """
[...document.querySelectorAll('a[href]')]
  .filter(a => a.checkVisibility({visibilityProperty: true}))
  .map(a => {
    const label = a.getAttribute('aria-label');
    const labelledby = a.getAttribute('aria-labelledby');
    const byId = (labelledby || '').split(/\\s+/).filter(Boolean)
      .map(id => document.getElementById(id)?.textContent || '').join(' ');
    const images = [...a.querySelectorAll('img[alt]')].map(img => img.alt).join(' ');
    const name = (label || byId || a.innerText || images || a.title || '').replace(/\\s+/g, ' ').trim();
    return [name, a.href];
  })
"""


@pytest.mark.browser
def test_every_link_says_where_it_goes(site: Build, served: str, tab: Page) -> None:
    problems = []
    for path in page_paths(site.site):
        tab.goto(served + path)
        for name, href in tab.evaluate(LINKS):
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
