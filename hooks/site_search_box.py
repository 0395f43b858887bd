"""Leave Material's site search box out of a page that has a finder of its own.

The handout builder has its own "Find a drill" box. Material puts its site search
box in every page's header, and wherever that box is, Material's script starts its
search worker and downloads the whole site's search index when the page loads
(about 50 KB gzipped with 600 drills, as much as the rest of the builder's own
code and data). On the builder that is two search boxes, and a download the
therapist never uses.

Material has no setting for one page, and copying its header partial would fork
it. So a page whose macro says it has its own finder (``site_search: false`` in
its meta, set by macros/__init__.py) gets its built HTML without the header's two
parts of the search box: the magnifier button that opens it and the search dialog
(with its form). Without them Material's script neither starts the worker nor
fetches the index; the hidden toggle Material's keyboard code reads stays. The
builder page itself is still in the search index, so other pages find it.

A page whose header no longer holds both parts as Material writes them stops the
build with what was not found, instead of keeping a search box that loads the index.
"""

from __future__ import annotations

from html.parser import HTMLParser

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from macros.page_meta import SITE_SEARCH


class _SearchBoxParts(HTMLParser):
    """Finds, in a page's header, the button that opens the search dialog
    (``<label for="__search">`` directly in the header's bar) and the dialog
    (``<div data-md-component="search">``), each as (start, end) offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for line in text.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.open: list[tuple[str, str, int]] = []  # (tag, part or "", start) of each open element
        self.parts: dict[str, tuple[int, int]] = {}

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        inside_dialog = any(part == "dialog" for _, part, _ in self.open)
        part = ""
        if tag == "div" and values.get("data-md-component") == "search" and "dialog" not in self.parts:
            part = "dialog"
        elif tag == "label" and values.get("for") == "__search" and not inside_dialog:
            part = "button" if "button" not in self.parts else ""
        if tag not in VOID:
            self.open.append((tag, part, self._offset()))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):  # the innermost open element of that name
            if self.open[index][0] == tag:
                _, part, start = self.open[index]
                del self.open[index:]
                if part:
                    end = self.rawdata.find(">", self._offset()) + 1
                    self.parts[part] = (start, end)
                return


VOID = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def without_site_search(html: str, where: str) -> str:
    """``html`` without the search box's button and dialog in its header (``where``: the page)."""
    start = html.find("<header")
    end = html.find("</header>", start)
    if start < 0 or end < 0:
        raise PluginError(f"{where}: no <header> found to take Material's search box out of.")
    header = html[start : end + len("</header>")]
    finder = _SearchBoxParts(header)
    finder.feed(header)
    finder.close()
    missing = [name for name in ("button", "dialog") if name not in finder.parts]
    if missing:
        raise PluginError(
            f"{where}: Material's header no longer holds the search box's {' and '.join(missing)} as "
            "hooks/site_search_box.py expects (a new Material version?). Update the hook, or the page "
            "would load the whole search index it does not use."
        )
    for part_start, part_end in sorted(finder.parts.values(), reverse=True):
        header = header[:part_start] + header[part_end:]
    return html[:start] + header + html[end + len("</header>") :]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.meta.get(SITE_SEARCH, True) is not False:
        return output
    return without_site_search(output, f"docs/{page.file.src_uri}")
