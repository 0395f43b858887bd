"""Material's search reads each page without the drawing tags of its figures: the same text, far fewer tags.

Material's search plugin builds its index from each page's HTML in its ``on_page_context``, reading
every tag with ``html.parser``. Our drawn figures are inline SVG: at 60 drills more than half of all
the tags of the pages' content are their lines, circles and groups, which hold no text, and reading
them was about a tenth of the build. Plain Material shows the same figures as image files, whose
tags it never reads.

So, just before the search plugin reads a page, the page's content is handed over with every
``<svg>`` kept but emptied of its drawing tags (only tags that hold no text and mean nothing to the
index); its text, the figure's ``<title>`` among it, stays where it was, so the index is the same
(``scripts/compare_builds.py``: the search index unchanged). Just after, each figure's full drawing
is put back in place, into whatever the search plugin left of the page (it removes its own
``data-search-*`` attributes), before the theme writes the page.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.state import build_state

# An inline SVG drawing. Figures hold no SVG inside an SVG (figure.html), so the first end tag ends it.
# (Its inside is read in runs up to each "<", not one character at a time: the same match, faster.)
_SVG = re.compile(r"(<svg\b[^>]*>)((?:[^<]++|<(?!/svg>))*+)(</svg>)", re.IGNORECASE)
# The drawing tags (start, end or self-closing) a figure is made of. None holds text, none is a tag
# Material's index keeps, skips or reads an attribute of; <title>, <desc>, <text> and <style> stay.
_DRAWING = re.compile(
    r"</?(?:g|line|circle|ellipse|path|polyline|polygon|rect|use|defs|symbol)\b[^>]*>", re.IGNORECASE
)


def _light(match: re.Match[str]) -> str:
    return match[1] + _DRAWING.sub("", match[2]) + match[3]


@event_priority(10)  # just before Material's search plugin (priority 0) reads the page
def _hold_drawings(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    content = page.content or ""
    if "<svg" not in content:
        return context
    state = build_state(config)
    lights = state.per_svg.setdefault(__name__, {})  # each figure emptied once per build, not per page
    held: list[str] = []

    def light(match: re.Match[str]) -> str:
        held.append(match[0])
        found = lights.get(match[0])
        if found is None:
            found = lights[match[0]] = _light(match)
        return found

    page.content = _SVG.sub(light, content)
    state.held_drawings[page.file.src_uri] = held
    return context


@event_priority(-10)  # just after it, before the theme writes the page
def _put_drawings_back(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    held = build_state(config).held_drawings.pop(page.file.src_uri, None)
    if held is None:
        return context
    drawings = iter(held)
    restored, count = _SVG.subn(lambda match: next(drawings, match[0]), page.content or "")
    if count != len(held):  # the search plugin added or dropped a figure: never write a page without its own
        raise Abort(
            f"{page.file.src_uri}: {len(held)} drawn figures went to the search index and {count} came "
            "back, so the page was not written. This is not a mistake in your content: the search "
            "plugin changed the page in a way hooks/search_figures.py does not expect. Remove that hook "
            "from mkdocs.yml (the search index stays the same, the build is slower) and report it to the "
            "site's maintainers."
        )
    page.content = restored
    return context


on_page_context = CombinedEvent(_hold_drawings, _put_drawings_back)
