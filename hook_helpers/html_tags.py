"""Find the start tags of a built page, with their offsets, in one regular-expression pass.

Shared by the hooks that read or patch every built page (the security policy,
the search dialog's name). It replaces ``html.parser``, which walked each page
in Python and took about half of those hooks' time. Not a hook itself: an
installed module hooks import (``from hook_helpers.html_tags import start_tags``).

It reads HTML the way a browser does for the pages MkDocs writes: comments and
doctypes are skipped, attribute values may be quoted with either quote or not
at all, character references in attribute values are decoded, and the text of
``<script>`` and ``<style>`` is taken as it is, up
to the matching end tag, so a ``<`` inside a script is never read as a tag.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      <!--.*?(?:--!?>|\Z)                          # comment (an unclosed one runs to the end)
    | <[!?/][^>]*>?                                # doctype, processing instruction, end tag
    | <(?P<name>[A-Za-z][^\t\n\f\r\ />]*)          # start tag: name,
      (?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)       #   attributes (a quoted ">" does not end the tag),
      (?:>|\Z)                                     #   end
    """,
    re.DOTALL | re.VERBOSE,
)
_ATTRIBUTE = re.compile(
    r"""
    (?P<name>[^\t\n\f\r\ /><"'=][^\t\n\f\r\ /><"'=]*)
    (?:[\t\n\f\r\ ]*=[\t\n\f\r\ ]*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\t\n\f\r\ >]+)))?
    """,
    re.VERBOSE,
)
# Elements whose content is text up to their end tag, as html.parser reads them. (A browser also
# reads <title>, <textarea> and, with scripts on, <noscript> as text; reading tags inside them can
# only make the security check stricter.)
RAW_TEXT = frozenset({"script", "style"})


@dataclass(frozen=True)
class StartTag:
    name: str  # lower case
    attributes: dict[str, str]  # names lower case, values decoded; the first of a repeated name wins
    start: int  # offset of "<"
    end: int  # offset just after ">"
    text: str | None = None  # raw text content (script, style, ...), exactly as written


def attributes(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(source):
        name = match["name"].lower()
        if name in found:
            continue
        value = match["double"] if match["double"] is not None else match["single"]
        value = match["bare"] if value is None else value
        value = value or ""
        found[name] = html_lib.unescape(value) if "&" in value else value
    return found


def start_tags(page: str) -> Iterator[StartTag]:
    """Every start tag of ``page`` in document order."""
    position = 0
    while (match := _TOKEN.search(page, position)) is not None:
        position = match.end()
        if match["name"] is None:
            continue
        name = match["name"].lower()
        tag = StartTag(name, attributes(match["attrs"]), match.start(), match.end())
        if name in RAW_TEXT:
            close = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE).search(page, position)
            content_end = close.start() if close else len(page)
            tag = StartTag(tag.name, tag.attributes, tag.start, tag.end, page[position:content_end])
            position = content_end
        yield tag
