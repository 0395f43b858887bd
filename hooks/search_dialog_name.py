"""Give Material's search dialog an accessible name.

Material writes the search panel as ``<div class="md-search" role="dialog">``
with no name, so screen readers announce an unnamed dialog (axe and
Lighthouse rule ``aria-dialog-name``). Copying the partial to fix it would fork
it; instead each page's HTML gets the dialog named like the search box inside
it (Material's own translated label, "Search" in English).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from hook_helpers.html_tags import start_tags_that_may_matter
from macros.render import Templates
from macros.state import build_state


def _dialog_and_label(html: str) -> tuple[int | None, str | None]:
    """Where the unnamed search dialog's start tag ends (before its ">"), and the search box's label."""
    insert_at: int | None = None
    label: str | None = None
    for tag in start_tags_that_may_matter(html, ("div", "input")):  # other tags passed over
        if tag.name not in ("div", "input"):
            continue
        values = tag.attributes
        classes = values.get("class", "").split()
        if tag.name == "div" and "md-search" in classes and values.get("role") == "dialog":
            if "aria-label" not in values and "aria-labelledby" not in values and insert_at is None:
                text = html[tag.start : tag.end]
                insert_at = tag.end - (2 if text.endswith("/>") else 1)
        elif tag.name == "input" and "md-search__input" in classes and label is None:
            label = values.get("aria-label") or None
    return insert_at, label


def named_search_dialog(templates: Templates, html: str) -> str:
    # The dialog sits in Material's header: parse only up to its end, not the whole page.
    header_end = html.find("</header>")
    insert_at, label = _dialog_and_label(html if header_end < 0 else html[: header_end + len("</header>")])
    if insert_at is None or not label:
        return html
    aria_label = templates.macro("aria_label.html", "aria_label")  # hook_helpers/templates/
    return html[:insert_at] + str(aria_label(label)) + html[insert_at:]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return named_search_dialog(build_state(config).templates, output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return named_search_dialog(build_state(config).templates, output_content)  # 404.html
