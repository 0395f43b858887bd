"""A page with a finder of its own (the handout builder) has no site search box (hooks/site_search_box.py).

The built pages are read: the builder, English and Spanish, has neither the header's search button nor
Material's search dialog and its form, which is what makes Material's script load the search worker and
index (tests/test_builder_weight.py sees in Chromium that it loads neither); other pages keep both.
A header the hook cannot find both parts in stops the build with what is missing.
"""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, Build, load_file

hook = load_file(ROOT / "hooks" / "site_search_box.py")


def search_parts(site: Build, path: str) -> tuple[int, int, int, int]:
    """(search buttons in the header bar, search dialogs, forms named "search", Material's search toggles)."""
    page = site.html(path)
    header = page.select_one("header.md-header")
    assert header is not None, path
    return (
        len(header.select("nav.md-header__inner > label[for=__search]")),
        len(page.select('[data-md-component="search"]')),
        len(page.select('form[name="search"]')),
        len(page.select('input#__search[data-md-toggle="search"]')),
    )


@pytest.mark.parametrize("path", ["handouts/builder/", "es/handouts/builder/"])
def test_the_builder_has_no_site_search_box(site: Build, path: str) -> None:
    # The toggle stays: Material's keyboard code reads it on every page.
    assert search_parts(site, path) == (0, 0, 0, 1)
    # Its own finder is there.
    assert site.html(path).select_one("input#handout-builder-search") is not None


@pytest.mark.parametrize("path", ["", "es/", "handouts/", "drills/", "es/handouts/"])
def test_other_pages_keep_it(site: Build, path: str) -> None:
    assert search_parts(site, path) == (1, 1, 1, 1)


def test_a_header_without_the_parts_stops_the_build(site: Build) -> None:
    page = (site.site / "handouts" / "index.html").read_text(encoding="utf-8")
    kept = hook.without_site_search(page, "docs/handouts/index.md")
    assert 'name="search"' in page and 'name="search"' not in kept and 'for="__search"' not in kept
    assert 'data-md-toggle="search"' in kept  # the toggle stays
    changed = page.replace('data-md-component="search"', 'data-md-component="finder"')
    missing = r"docs/x\.md: Material's header no longer holds the search box's dialog"
    with pytest.raises(PluginError, match=missing):
        hook.without_site_search(changed, "docs/x.md")
    with pytest.raises(PluginError, match=r"no <header> found"):
        hook.without_site_search("<html><body></body></html>", "docs/x.md")
