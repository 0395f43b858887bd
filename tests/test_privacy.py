"""Privacy: no page asks any other site for anything, in real Chromium.

A patient reading about back pain tells no one else: every request each page
makes while it loads, and while search is used, goes to the site's own origin
(127.0.0.1 here). Fonts are the system's, there is no analytics, and a drill's
video is a link, never a player from another site.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from browser import serve
from conftest import EXTRAS_VIDEO, Build
from page_walk import ATTEMPTED, LOG_BLOCKED, foreign
from site_pages import page_file, page_paths

SITE_URL = "https://example.org/"  # mkdocs.yml's default site_url (SITE_URL unset in tests)


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    context.add_init_script(LOG_BLOCKED)
    yield context.new_page()
    context.close()


def search(page: Page, query: str) -> int:
    """Type a query into Material's search box, as a patient would; the number of results shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=40)
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    return page.locator(".md-search-result__item").count()


@pytest.mark.browser
def test_no_page_requests_anything_from_another_site(walked: list[dict]) -> None:
    """Each page loaded until the network is idle, then used (tests/page_walk.py). Requests come
    from independent logs: Playwright's network events (pages and their workers), each page's own
    resource timing, and what the page's CSP blocked."""
    seen = [(page["path"], page["base"], url) for page in walked for url in page["requests"]]
    urls = [url for _, _, url in seen]
    # The log is real: it saw the theme's script and the search index the search worker loads.
    assert any("/assets/javascripts/bundle." in url for url in urls)
    assert any(url.endswith("/search/search_index.json") for url in urls)
    outside = sorted({f"/{path}: {url}" for path, base, url in seen if foreign(url, base)})
    assert not outside, "requests to other sites:\n" + "\n".join(outside)


@pytest.mark.browser
def test_search_requests_nothing_from_another_site(served: str, tab: Page) -> None:
    seen: list[str] = []
    tab.context.on("request", lambda request: seen.append(request.url))
    tab.goto(served, wait_until="networkidle")
    assert search(tab, "hip") > 0
    assert search(tab, "spiderman stretch") > 0
    tab.wait_for_load_state("networkidle")
    seen += tab.evaluate(ATTEMPTED)
    assert any(url.endswith("/search/search_index.json") for url in seen)
    outside = sorted({url for url in seen if foreign(url, served)})
    assert not outside, "search made requests to other sites:\n" + "\n".join(outside)


@pytest.mark.browser
def test_fonts_are_the_systems(served: str, tab: Page) -> None:
    """No web font is declared or loaded: text uses the fonts already on the patient's phone."""
    tab.goto(served + "articles/hip-mobility-drills/", wait_until="networkidle")
    assert tab.evaluate("document.fonts.size") == 0
    family = tab.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Roboto" not in family, family


def test_no_analytics_or_social_cards_in_any_page(site: Build) -> None:
    """Nothing that reports visits or fetches anything from elsewhere: no analytics snippet, and a
    drill's preview picture (og:image) is a file of this site."""
    for path in page_paths(site.site):
        soup = BeautifulSoup(page_file(site.site, path).read_text(encoding="utf-8"), "html.parser")
        config = soup.select_one("script#__config")
        assert config is not None and "analytics" not in config.get_text(), f"/{path}: analytics configured"
        assert not soup.select("meta[name^='twitter:image']"), f"/{path}: a social-card image"
        for image in soup.select("meta[property='og:image']"):
            url = image["content"]
            assert url.startswith(SITE_URL) and (site.site / url.removeprefix(SITE_URL)).is_file(), url
        for script in soup.select("script[src]"):
            assert not urlsplit(script["src"]).netloc, f"/{path}: script from {script['src']}"


@pytest.mark.browser
def test_no_page_embeds_a_frame_from_another_site(walked: list[dict]) -> None:
    """Each page's frames and its iframe, embed and object elements (tests/page_walk.py)."""
    problems = [
        f"/{page['path']}: a frame from {url}"
        for page in walked
        for url in page["frames"]
        if foreign(url, page["base"])
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_request_log_sees_an_attempt_to_reach_another_site(served: str, tab: Page) -> None:
    """The checks above can fail: an image from another site is logged, though the CSP blocks it."""
    tab.goto(served, wait_until="networkidle")
    tab.evaluate(
        "document.querySelector('article')"
        ".append(Object.assign(new Image(), {src: 'http://localhost:9/pixel.gif', alt: 'x'}))"
    )
    tab.wait_for_function("window.__blocked.length > 0")
    attempted = tab.evaluate(ATTEMPTED)
    assert {url for url in attempted if foreign(url, served)} == {"http://localhost:9/pixel.gif"}


@pytest.mark.browser
def test_a_drill_video_is_a_link_not_a_player(extras_site: Build, chromium: Browser) -> None:
    """With a video in the data, the drill page links to it (new tab, no opener); no iframe, no request."""
    context = chromium.new_context()
    page = context.new_page()
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    with serve(extras_site.site) as base:
        page.goto(base + "drills/quadruped-rockbacks/", wait_until="networkidle")
        link = page.locator(f"a[href='{EXTRAS_VIDEO}']")
        assert link.count() == 1
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in (link.get_attribute("rel") or "").split()
        assert page.locator("iframe, embed, object").count() == 0
        assert [frame.url for frame in page.frames[1:]] == []
        outside = [url for url in seen if foreign(url, base)]
    context.close()
    assert not outside, outside
