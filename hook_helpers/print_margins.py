"""The words printed in a page's margins, in the build's language: "Page 1 of 3" ("Página 1 de 3")
and, on a demo site, "Demo site: not a real clinic.".

The words are those of macros/strings.py (``sheet.page``, ``sheet.demo``, ``sheet.demo_text``), turned
into CSS ``content`` values here, each piece a quoted CSS string or a page counter. The stylesheet
itself is the template ``print_margins_css.html``. Used by hooks/print_margins.py (a browser's print)
and hooks/pdf_handouts.py (the PDFs).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import Markup

_COUNTERS = {"{page}": "counter(page)", "{pages}": "counter(pages)"}


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: backslashes, quotes and line ends escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\a ").replace("\r", "") + '"'


def css_content(words: str) -> Markup:
    """A CSS ``content`` value for ``words``, where ``{page}`` and ``{pages}`` are the page counters.

    Every other piece is a quoted CSS string, so the value is safe in a stylesheet as it is."""
    pieces = re.split(r"(\{page\}|\{pages\})", words)
    return Markup(" ".join(_COUNTERS.get(p) or css_string(p) for p in pieces if p))


def margin_words(strings: Mapping[str, str], demo: bool) -> dict[str, Markup | None]:
    """The values print_margins_css.html writes: the page numbers, and the demo line on a demo site."""
    demo_words = f"{strings['sheet.demo']} {strings['sheet.demo_text']}" if demo else None
    return {
        "page_words": css_content(strings["sheet.page"]),
        "demo_words": Markup(css_string(demo_words)) if demo_words else None,
    }
