"""The bench's count of what the builder page loads at start is what Chromium loads.

``scripts/bench.py`` weighs the builder page and every file it loads at start from the built HTML
(stylesheets, scripts, icon, pictures not loaded lazily) and by Material's rule for search (a page
with the form named "search" loads the search worker and its language's index at once; the builder
has no such form, hooks/site_search_box.py). Here the builder page, English and Spanish, and a page
with the search box are opened in Chromium over the local server, every request is recorded until the
network is idle, and the two lists must be the same files.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import BrowserContext

from conftest import ROOT, Build, load_file


@pytest.mark.browser
@pytest.mark.parametrize(
    ("prefix", "path"),
    [
        ("", "handouts/builder/"),
        ("es/", "es/handouts/builder/"),
        ("", "handouts/"),  # pages with the search box, to check the bench's rule for it
        ("es/", "es/handouts/"),
    ],
)
def test_the_bench_counts_what_chromium_loads_with_the_builder(
    site: Build, served: str, context: BrowserContext, prefix: str, path: str
) -> None:
    bench = load_file(ROOT / "scripts" / "bench.py")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    tab = context.new_page()
    tab.goto(served + path, wait_until="networkidle")
    tab.wait_for_timeout(500)  # the search worker asks for the index once it has started
    loaded = {unquote(urlsplit(url).path).lstrip("/") for url in requested if url.startswith(served)}
    # the page itself, and the favicon request Chromium makes whatever the page says
    loaded -= {path, "favicon.ico"}

    kinds = bench.start_files(site.site, site.site / path / "index.html")
    counted = {file.relative_to(site.site.resolve()).as_posix() for files in kinds.values() for file in files}
    assert loaded == counted, (
        f"Chromium loaded, not counted: {sorted(loaded - counted)}; "
        f"counted, not loaded: {sorted(counted - loaded)}"
    )
    assert kinds["material"] and kinds["ours"]
    if "builder" in path:  # its own finder, no site search box: neither the search worker nor an index
        assert not kinds["search worker"] and not kinds["search index"]
        return
    # A page with the search box: the search worker and this language's index are among them, as
    # Material loads them at start. Spanish: the worker loads lunr's Spanish support too
    # (lunr.stemmer.support, lunr.es).
    assert [f.relative_to(site.site.resolve()).as_posix() for f in kinds["search index"]] == [
        prefix + "search/search_index.json"
    ]
    assert kinds["search worker"][0].name.startswith("search.")
    assert len(kinds["search worker"]) == (3 if prefix else 1)
