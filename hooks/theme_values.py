"""Values we hand to Material's templates are escaped once, here, where they are handed over.

Material prints ``page.meta.title``, ``page.meta.description`` (and ``author``,
``subtitle``) and ``config``
values such as ``site_name`` into its HTML without escaping them (its Jinja
environment has no autoescape). A ``"`` in a drill's summary would end the
``content="..."`` of the description ``<meta>`` and add attributes of its own,
such as ``http-equiv="refresh"``. So every page's title and description, from
whichever hook or front matter set them, become ``Markup``: the text escaped
once, which Jinja then prints as it is and never escapes again (``| e`` leaves
``Markup`` alone). The data itself stays plain text: JSON-LD, PDFs and the
macros' own templates escape in their own way and read it from the content
model, not from here.

``config.site_name`` is escaped where it is set (hooks/content_validation.py).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# The page.meta texts Material prints into its templates (icon and status only pick a file or a
# class from a fixed set; hide is a list of names).
THEME_META_KEYS = ("title", "description", "author", "subtitle")


def escaped(value: Any) -> Any:
    """Text made safe to print in HTML once; Markup (already escaped) and non-text stay as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup.escape(value)
    return value


def plain(value: Any) -> Any:
    """The text of a value handed to the theme, for consumers that escape for themselves (JSON)."""
    return value.unescape() if isinstance(value, Markup) else value


# Last among the page_markdown handlers: after the hooks, the macros and front matter have set
# titles and descriptions, and before any page's template (or another page's navigation) prints them.
@event_priority(-90)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    for key in THEME_META_KEYS:
        if key in page.meta:
            page.meta[key] = escaped(page.meta[key])
    return None


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    config.site_description = escaped(config.site_description)
    config.site_author = escaped(config.site_author)
    return env
