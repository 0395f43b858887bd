"""Where pages live, and links between them that work from any page."""

from __future__ import annotations

from mkdocs.utils import get_relative_url


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site URL of a Markdown file: 'drills/spiderman.md' -> 'drills/spiderman/'.

    Without directory URLs (the preview that opens from a folder), every page is
    a file, as MkDocs writes it: 'drills/spiderman.html', 'drills/index.html'.
    """
    stem = src_uri.removesuffix(".md")
    if not use_directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def drill_src(drill_id: str) -> str:
    return f"drills/{drill_id}.md"


def drill_id_of(src_uri: str) -> str | None:
    """The drill a page shows, from its path: 'drills/spiderman.md' -> 'spiderman'; None for other pages.

    The one place that reads a drill's id from a page's path (the hooks and the macros ask here)."""
    stem = src_uri.removesuffix(".md")
    # A dot is no drill id: drills/index.es.md is the Spanish drill index (docs/<page>.<language>.md).
    if stem.startswith("drills/") and stem.count("/") == 1 and stem != "drills/index" and "." not in stem:
        return stem.removeprefix("drills/")
    return None


def relative(target_url: str, from_url: str) -> str:
    """A link to target_url that works from the page at from_url."""
    url = get_relative_url(target_url or ".", from_url or ".")
    if (not target_url or target_url.endswith("/")) and not url.endswith("/"):
        url += "/"  # a folder: keep the slash so the link needs no redirect
    return url
