"""Give Material's search dialog an accessible name.

Material writes the search panel as ``<div class="md-search" role="dialog">``
with no name, so screen readers announce an unnamed dialog (axe and
Lighthouse rule ``aria-dialog-name``). Copying the partial to fix it would fork
it; instead each page's HTML gets the dialog named like the search box inside
it (Material's own translated label, "Search" in English).
"""

from __future__ import annotations

import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# html_positions.py sits beside this hook (MkDocs puts this folder on the path only while loading it).
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))
from html_positions import line_starts  # noqa: E402


class _SearchDialog(HTMLParser):
    """Where the unnamed search dialog's start tag ends, and the search box's label."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = line_starts(html)
        self.insert_at: int | None = None
        self.label: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "div" and "md-search" in classes and values.get("role") == "dialog":
            if "aria-label" not in values and "aria-labelledby" not in values and self.insert_at is None:
                line, column = self.getpos()
                text = self.get_starttag_text() or ""
                end = len(text) - (2 if text.endswith("/>") else 1)
                self.insert_at = self._line_starts[line - 1] + column + end
        elif tag == "input" and "md-search__input" in classes and self.label is None:
            self.label = values.get("aria-label") or None


@cache
def _aria_label():  # noqa: ANN202 - a Jinja macro
    loader = FileSystemLoader(Path(__file__).parent / "templates")
    environment = Environment(loader=loader, autoescape=True, undefined=StrictUndefined)
    return environment.get_template("aria_label.html").module.aria_label


def named_search_dialog(html: str) -> str:
    # The dialog sits in Material's header: parse only up to its end, not the whole page.
    header_end = html.find("</header>")
    found = _SearchDialog(html if header_end < 0 else html[: header_end + len("</header>")])
    if found.insert_at is None or not found.label:
        return html
    return html[: found.insert_at] + str(_aria_label()(found.label)) + html[found.insert_at :]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return named_search_dialog(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return named_search_dialog(output_content)  # 404.html
