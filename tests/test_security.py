"""Security: every page's Content-Security-Policy lets only its own scripts run.

Read from the built HTML (parsed): the CSP <meta> is the first element of
<head>, lists the sha256 of each inline script and never 'unsafe-inline' for
scripts; a referrer policy follows; links that open a new tab cannot reach
back (rel="noopener"); scripts and stylesheets come from the site only.
In real Chromium: every page and search run with zero console errors (so the
hashes match what the browser runs), and an injected inline script is
blocked and reported. hooks/content_security_policy.py is also tested alone.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser, Page

from build_state_helpers import ROOT, config_with_state, templates
from conftest import Build, load_hook
from page_walk import log_errors
from site_pages import page_file, page_paths

# Script types a browser runs; anything else (application/json, application/ld+json) is data.
RUN_TYPES = {"", "text/javascript", "module", "application/javascript"}


def parse(site: Build, path: str) -> tuple[str, BeautifulSoup]:
    html = page_file(site.site, path).read_text(encoding="utf-8")
    return html, BeautifulSoup(html, "html.parser")


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def head_elements(soup: BeautifulSoup) -> list[Tag]:
    return [child for child in soup.head.children if isinstance(child, Tag)]


def test_every_page_starts_its_head_with_a_csp_listing_its_inline_scripts(site: Build) -> None:
    for path in page_paths(site.site):
        html, soup = parse(site, path)
        first, second = head_elements(soup)[:2]
        is_csp = first.name == "meta" and first.get("http-equiv") == "Content-Security-Policy"
        assert is_csp, f"/{path}: the first element of <head> is {first}"
        policy = directives(first["content"])
        scripts = policy["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, f"/{path}: {scripts}"
        assert not [s for s in scripts if s in ("*", "http:", "https:", "data:") or "://" in s], f"/{path}"
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        inline = [
            script.string or ""
            for script in soup.find_all("script")
            if not script.has_attr("src") and script.get("type", "").lower() in RUN_TYPES
        ]
        assert inline, f"/{path}: no inline scripts found (Material has some): is the parse right?"
        for text in inline:
            assert sha256_source(text) in scripts, f"/{path}: no hash for the inline script {text[:60]!r}"
        # The browser must meet the charset declaration within the first 1024 bytes.
        assert html.encode("utf-8").find(b'<meta charset="utf-8">') < 1024, f"/{path}: charset too late"
        assert second.name == "meta" and second.get("name") == "referrer", f"/{path}: {second}"
        assert second["content"] in ("same-origin", "no-referrer", "strict-origin"), f"/{path}: {second}"


def test_links_that_open_a_new_tab_cannot_reach_back(site: Build, extras_site: Build) -> None:
    checked = 0
    for build in (site, extras_site):
        for path in page_paths(build.site):
            _, soup = parse(build, path)
            for link in soup.select("a[target]"):
                if link["target"] != "_self":
                    checked += 1
                    rel = link.get("rel") or []
                    assert "noopener" in rel or "noreferrer" in rel, f"/{path}: {link}"
    assert checked, "no link opens a new tab: the extras site's video link should"


LOADED = {"stylesheet", "preload", "modulepreload", "icon"}  # <link rel=...> the browser fetches


def test_scripts_and_stylesheets_come_from_the_site_only(site: Build) -> None:
    for path in page_paths(site.site):
        _, soup = parse(site, path)
        urls = [s["src"] for s in soup.select("script[src]")]
        urls += [link["href"] for link in soup.select("link[href]") if LOADED & set(link.get("rel") or [])]
        urls += [img["src"] for img in soup.select("img[src]")]
        assert urls, f"/{path}: found no scripts or stylesheets"
        for url in urls:
            parts = urlsplit(url)
            assert not parts.netloc and parts.scheme in ("", "data"), f"/{path}: {url} is from another site"


# --- In the browser -------------------------------------------------------------------------

Tab = tuple[Page, list[str]]


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Tab]:
    """A tab and the errors it reports: console errors and warnings, and uncaught exceptions."""
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []
    log_errors(page, errors)
    yield page, errors
    context.close()


@pytest.mark.browser
def test_every_page_runs_its_scripts_with_no_console_error(walked: list[dict]) -> None:
    """Each page loaded until the network is idle, then used (the skip link, the palette toggle),
    with its console errors and warnings and uncaught exceptions logged (tests/page_walk.py)."""
    errors = []
    for page in walked:
        path = page["path"]
        # Material's first inline script defines __md_get: it ran, so its hash was accepted.
        assert page["scripts_ran"], f"/{path}: Material's inline scripts did not run"
        errors += [f"/{path}: {error}" for error in page["errors"]]
    assert not errors, "\n".join(errors)


@pytest.mark.browser
def test_search_works_with_no_console_error(served: str, tab: Tab) -> None:
    page, errors = tab
    page.goto(served + "drills/spiderman/", wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("hip", delay=40)
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0")
    assert "hip" in page.locator(".md-search-result").inner_text().lower()
    assert not errors, "\n".join(errors)


INJECT = """
() => new Promise(resolve => {
  const reports = [];
  document.addEventListener('securitypolicyviolation',
    event => reports.push([event.effectiveDirective, event.blockedURI, event.disposition]));
  window.__injected = false;
  const script = document.createElement('script');
  script.textContent = 'window.__injected = true';
  document.head.append(script);
  setTimeout(() => resolve({ran: window.__injected, reports}), 300);
})
"""


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked_and_reported(site: Build, served: str, tab: Tab) -> None:
    page, errors = tab
    for path in ("", "drills/spiderman/", "handouts/builder/"):
        if not page_file(site.site, path).is_file():
            continue  # the builder, before it exists
        page.goto(served + path, wait_until="networkidle")
        result = page.evaluate(INJECT)
        assert result["ran"] is False, f"/{path}: the injected script ran"
        assert ["script-src-elem", "inline", "enforce"] in result["reports"], f"/{path}: {result}"
    assert any("Content Security Policy" in error for error in errors)


# --- The hook alone ------------------------------------------------------------------------

HOOK = load_hook("content_security_policy.py")
TEMPLATES = templates()  # the build's templates, which render the policy's <meta>
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>t</title>
<script>var a = 1 &amp;&amp; 2;</script>
<script type="application/json" id="data">{"drills": ["<\\/script>"]}</script>
<script type="application/ld+json">{"@type": "WebPage"}</script>
<script src="x.js"></script>
</head>
<body><script type="module">import "./y.js";</script></body>
</html>
"""


def test_hook_hashes_scripts_that_run_and_leaves_data_blocks_alone() -> None:
    out = HOOK.with_policy(TEMPLATES, PAGE, "page.html")
    soup = BeautifulSoup(out, "html.parser")
    meta = head_elements(soup)[0]
    scripts = directives(meta["content"])["script-src"]
    # Hashes of the raw text, as the browser sees it (entities are not decoded inside <script>).
    assert scripts == ["'self'", sha256_source("var a = 1 &amp;&amp; 2;"), sha256_source('import "./y.js";')]
    assert soup.select_one("script#data").string == '{"drills": ["<\\/script>"]}'
    # Nothing else changed: the two <meta> elements went in right after <head>.
    added = out[len('<!doctype html>\n<html lang="en">\n<head>') :].split("\n", 1)[0]
    assert added.startswith('<meta http-equiv="Content-Security-Policy"') and added.count("<meta") == 2
    assert out == PAGE.replace("<head>", "<head>" + added, 1)


def test_hook_runs_twice_without_doubling_the_policy() -> None:
    once = HOOK.with_policy(TEMPLATES, PAGE, "page.html")
    assert HOOK.with_policy(TEMPLATES, once, "page.html") == once


@pytest.mark.parametrize(
    ("markup", "said"),
    [
        ('<button onclick="print()">Print</button>', "<button onclick=...> is an inline event handler"),
        ('<a href="javascript:print()">Print</a>', "runs code from a link"),
    ],
)
def test_hook_stops_the_build_on_code_a_policy_cannot_allow(markup: str, said: str) -> None:
    with pytest.raises(Abort) as stopped:
        HOOK.with_policy(TEMPLATES, PAGE.replace("<body>", "<body>" + markup), "drills/x/index.html")
    message = str(stopped.value)
    assert message.startswith("drills/x/index.html: ") and said in message and ".js file" in message


def test_hook_stops_the_build_on_a_page_without_head() -> None:
    with pytest.raises(Abort, match=r"fragment.html: the page has no <head>"):
        HOOK.with_policy(TEMPLATES, "<p>Just a fragment</p>", "fragment.html")


def test_hook_leaves_mkdocs_serve_alone_and_covers_every_build(tmp_path: Path) -> None:
    """`mkdocs serve` injects an inline live-reload script the policy would block."""
    page = tmp_path / "drills" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(PAGE, encoding="utf-8")
    config, _state = config_with_state(ROOT, site_dir=str(tmp_path), docs_dir=str(tmp_path / "docs"))
    try:
        HOOK.on_startup(command="serve", dirty=False)
        HOOK.on_post_build(config)
        assert page.read_text(encoding="utf-8") == PAGE
        HOOK.on_startup(command="build", dirty=False)
        HOOK.on_post_build(config)
        # A file no page or template made (so with no policy yet) may run no inline script.
        with_policy = HOOK.with_policy(TEMPLATES, PAGE, "drills/x/index.html", None)
        assert page.read_text(encoding="utf-8") == with_policy != PAGE
    finally:
        HOOK.on_startup(command="build", dirty=False)


def test_an_svg_read_once_per_build_still_stops_code_on_every_page() -> None:
    """The build's figures are read once (BuildState.per_svg): a figure passed over on one page
    does not let through an event handler or a script in another <svg>, or after one whose text
    leaves a quote or a comment open."""
    figure = '<svg class="figure" viewBox="0 0 1 1"><title>t</title><line x1="0" y1="0" x2="1" y2="1"/></svg>'
    seen: dict[str, bool] = {}
    page = PAGE.replace("<body>", "<body>" + figure)
    first, again = (HOOK.with_policy(TEMPLATES, page, "a.html", (), seen) for _ in range(2))
    assert first == again == HOOK.with_policy(TEMPLATES, page, "a.html")
    assert seen == {figure: True}
    for body, said in (
        (figure + figure.replace("<line", '<line onclick="go()"'), "<line onclick=...>"),
        (figure + "<svg><line x1='0</svg>' onclick='go()'/>", "<line onclick=...>"),  # a quote left open
        # a comment left open: read from the end of the <svg>, the handler would be in a quoted value
        (figure + '<svg><!-- </svg> <p title=" --> <a href=javascript:go()> ">', "runs code from a link"),
        (figure.replace("</svg>", "<a onmouseover=go()></a></svg>"), "<a onmouseover=...>"),
    ):
        with pytest.raises(Abort, match=r"inline event handler|runs code from a link") as stopped:
            HOOK.with_policy(TEMPLATES, PAGE.replace("<body>", "<body>" + body), "b.html", (), seen)
        assert said in str(stopped.value)
    scripted = PAGE.replace("<body>", "<body>" + figure + "<svg><script>go()</script></svg>")
    soup = BeautifulSoup(HOOK.with_policy(TEMPLATES, scripted, "c.html", (), seen), "html.parser")
    assert sha256_source("go()") in directives(head_elements(soup)[0]["content"])["script-src"]
