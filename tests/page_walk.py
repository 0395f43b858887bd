"""One visit to every built page in real Chromium, recorded once for the whole test run.

Several test files check each page in the browser, each for its own concern: the accessibility
tests (axe in both colour schemes, the skip link, headings, link text), the layout test (no sideways
scrolling on a small phone), the security tests (no console error, Material's inline scripts ran)
and the privacy tests (no request to another site, no frame from one). Loading the 41 pages once
per check cost most of their time; here each page is loaded once and what every check needs is
written down, and each test asserts on the record for its own concern (the harness tests beside
them show that each check can fail).

A visit, in the order a visitor meets the page:

1. load it (light system scheme), logging from then on every request (Playwright's network events,
   pages and their workers), console errors and warnings, and uncaught exceptions;
2. read the scheme shown, whether Material's inline scripts ran, the frames, the visible headings
   and the links with their accessible names;
3. press Tab, then Enter on the skip link if Tab reached it, and note where it lands;
4. back at the top with nothing focused, axe with all its rules; switched to dark with the palette
   toggle for axe's colour rules; then the system preference is light again (the choice of dark
   that Material stores is forgotten as the next page starts: FORGET_PALETTE, so it loads light as
   a first visit does; the switch back, a repaint of the whole page, is not made);
5. the window narrowed to a small phone's (PHONE), the page's width read once its layout and
   Material's scripts have answered the resize, and the window widened back (DESKTOP);
6. once the network has been idle for half a second (Playwright's "networkidle": by then the search
   worker has fetched its index), read the page's own log of what it fetched and what its CSP
   blocked (what the phone-sized layout fetched is logged too). Steps 2 to 5 are done while the
   page may still be fetching, not after a wait.

The pages are walked in groups, each recorded once for the whole run (a file lock and a JSON file in
the run's shared temporary folder, as conftest.built_once): a test process that needs the walk
first takes the groups no other process is walking, then waits for the rest, so processes that
need it at the same time share the work rather than wait for one of them.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from browser import serve
from site_pages import page_paths

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
# Material's scheme names for the two colour schemes (mkdocs.yml, theme.palette).
SCHEMES = {"light": "default", "dark": "slate"}
# The dark scheme changes colours only (Material sets one attribute on <body>; the page is the same
# otherwise): on every page, the dark run asks axe's rules about colour. Every rule runs on a page
# switched to dark by the toggle (test_accessibility: test_dark_scheme_toggle_switches_and_stays_clean).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# The window the pages load in (Playwright's default size, written out), and a small phone's: the
# layout test asks that no page scrolls sideways at 320 px (WCAG 1.4.10, reflow).
DESKTOP = {"width": 1280, "height": 720}
PHONE = {"width": 320, "height": 640}
GROUPS = 4  # the pages are walked in this many groups (every GROUPS-th page in each)

# URLs that are not requests to any site: inline data and the browser's own blank pages.
LOCAL_SCHEMES = {"data", "blob", "about"}

# The Content-Security-Policy stops most requests to other sites before they are sent, so a
# blocked attempt never shows as a request: the pages' reports of blocked URLs are logged too.
LOG_BLOCKED = """
window.__blocked = [];
document.addEventListener('securitypolicyviolation', event => window.__blocked.push(event.blockedURI));
"""
ATTEMPTED = "[...performance.getEntriesByType('resource').map(entry => entry.name), ...window.__blocked]"

VISIBLE_HEADINGS = """
[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.checkVisibility({visibilityProperty: true}))
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])
"""

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

FOCUSED = """(() => { const a = document.activeElement;
  return {cls: a.className, text: a.textContent.trim(), href: a.getAttribute('href'),
          visible: a.getBoundingClientRect().width > 0}; })()"""

# After the skip link: the page as loaded again for axe (no fragment, scrolled to the top, no focus),
# once Material has answered the scroll (the header's tabs and title come back with a transition,
# which axe would otherwise catch half-faded).
BACK_TO_TOP = """async () => {
  history.replaceState(history.state, '', location.pathname + location.search);
  window.scrollTo(0, 0);
  document.activeElement?.blur();
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  await frame();
  await frame();
  while (document.getAnimations().some(a => a instanceof CSSTransition && a.playState !== 'finished')) {
    await frame();
  }
}"""


# Once the window has changed size: the width of the page's layout, read after the browser has laid
# the page out again and run the resize handlers (Material's, the builder's: resize events come with
# the next frame), and once the transitions the narrower layout starts have finished.
LAYOUT_WIDTH = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  await frame();
  await frame();
  while (document.getAnimations().some(a => a instanceof CSSTransition && a.playState !== 'finished')) {
    await frame();
  }
  return document.documentElement.scrollWidth;
}"""


def foreign(url: str, base: str) -> bool:
    parts, own = urlsplit(url), urlsplit(base)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return (parts.scheme, parts.hostname, parts.port) != (own.scheme, own.hostname, own.port)


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


# Material keeps the palette chosen with the toggle in localStorage (a key ending ".__palette", scoped
# to the site's base path; saved again when the window changes size) and the next page loads in it:
# forgotten as each page starts, before Material's scripts read it.
FORGET_PALETTE = """Object.keys(localStorage).filter(key => key.endsWith('.__palette'))
  .forEach(key => localStorage.removeItem(key));"""


def switch_scheme(page: Page, scheme: str) -> None:
    """Switch the loaded page to ``scheme`` as a visitor does: the system preference changes and the
    palette toggle is used (Material keeps the chosen palette for the next pages: see
    FORGET_PALETTE)."""
    page.emulate_media(color_scheme=scheme)
    other = "light" if scheme == "dark" else "dark"
    page.locator(f"label[title='Switch to {scheme} mode']").click()
    page.wait_for_function(
        "scheme => document.body.getAttribute('data-md-color-scheme') === scheme"
        " && !document.body.hasAttribute('data-md-color-switching')",
        arg=SCHEMES[scheme],
    )
    assert page.locator(f"label[title='Switch to {other} mode']").is_visible()


def phone_width(page: Page) -> int:
    """The loaded page's width in CSS pixels once the window is a small phone's (PHONE): the page
    is laid out anew for the narrow window, its media queries and resize handlers answering, as
    when a phone turns from landscape to portrait. The window is widened back (DESKTOP) after."""
    page.set_viewport_size(PHONE)
    try:
        return page.evaluate(LAYOUT_WIDTH)
    finally:
        page.set_viewport_size(DESKTOP)


def visit(page: Page, base: str, path: str, requests: list[str], errors: list[str]) -> dict:
    """One page's record (see the module's docstring); ``requests`` and ``errors`` are the logs the
    context and the page append to, emptied here before the page loads."""
    requests.clear()
    errors.clear()
    page.goto(base + path)
    record: dict = {"path": path, "base": base}
    record["scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    # Material's first inline script defines __md_get: it ran, so its hash was accepted.
    record["scripts_ran"] = page.evaluate(
        "typeof __md_get === 'function' && !document.documentElement.classList.contains('no-js')"
    )
    record["frames"] = [frame.url for frame in page.frames[1:]]
    record["frames"] += page.locator("iframe, embed, object").evaluate_all(
        "elements => elements.map(e => e.src || e.data || '')"
    )
    record["headings"] = page.evaluate(VISIBLE_HEADINGS)
    record["links"] = page.evaluate(LINKS)

    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    skip = {"focused": focused}
    if "md-skip" in focused["cls"] and focused["visible"]:
        target = focused["href"].removeprefix("#")
        page.keyboard.press("Enter")
        skip["hash"] = page.evaluate("location.hash")
        skip["target_found"] = page.evaluate("target => !!document.getElementById(target)", target)
        skip["lands_in_content"] = page.evaluate(
            "target => !!document.querySelector('article.md-content__inner')"
            "?.contains(document.getElementById(target))",
            target,
        )
    record["skip"] = skip

    page.evaluate(BACK_TO_TOP)
    record["axe_light"] = axe_violations(page)
    switch_scheme(page, "dark")
    record["axe_dark"] = axe_violations(page, COLOUR_RULES)
    page.emulate_media(color_scheme="light")
    record["phone_width"] = phone_width(page)

    page.wait_for_load_state("networkidle")
    record["requests"] = [*requests, *page.evaluate(ATTEMPTED)]
    record["errors"] = list(errors)
    return record


def log_errors(page: Page, errors: list[str]) -> None:
    """From now on, append to ``errors`` what ``page`` reports: console errors and warnings, and
    uncaught exceptions."""
    page.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))


def walk_pages(chromium: Browser, site: Path, paths: list[str]) -> list[dict]:
    """Visit each of ``paths`` in one light-scheme tab, the site served on 127.0.0.1."""
    # prefers-color-scheme, which Material follows
    context = chromium.new_context(color_scheme="light", viewport=DESKTOP)
    context.add_init_script(LOG_BLOCKED + FORGET_PALETTE)
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    log_errors(page, errors)
    try:
        with serve(site) as base:
            records = []
            for path in paths:
                try:
                    records.append(visit(page, base, path, requests, errors))
                except Exception as error:
                    raise AssertionError(f"the walk stopped at /{path}: {error}") from error
            return records
    finally:
        context.close()


def walked_once(shared: Path, site: Path, chromium: Browser) -> list[dict]:
    """Every page's record, in page order, each group walked once for the whole run (see above)."""
    paths = page_paths(site)
    groups = [paths[index::GROUPS] for index in range(GROUPS)]
    done: dict[int, list[dict]] = {}
    for wait in (False, True):  # first the groups no other process is walking, then the rest
        for index, group in enumerate(groups):
            if index not in done:
                found = _once(
                    shared / f"page-walk-{index}", wait, lambda g=group: walk_pages(chromium, site, g)
                )
                if found is not None:
                    done[index] = found
    by_path = {record["path"]: record for records in done.values() for record in records}
    return [by_path[path] for path in paths]


def _once(name: Path, wait: bool, make: Callable[[], list[dict]]) -> list[dict] | None:
    """``make()``'s result, made by the first process to ask and kept in ``name``.json; None if
    another process holds the lock and ``wait`` is false."""
    record = name.with_suffix(".json")
    with name.with_suffix(".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if record.is_file():
            return json.loads(record.read_text(encoding="utf-8"))
        made = make()
        record.write_text(json.dumps(made), encoding="utf-8")
        return made
