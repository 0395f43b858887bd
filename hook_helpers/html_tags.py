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
from functools import cache, cached_property

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


# Where an attribute's name can start in a tag's attribute text: after a space, a slash, a quote
# or "=" (the text after the tag's name starts with one of them, or is empty). A name that starts
# anywhere else is inside another name or a value.
_NAME_START = r"[\t\n\f\r /><\"'=]"


@dataclass  # not frozen: made for every tag of every page, and a frozen dataclass is slower to make
class StartTag:
    name: str  # lower case
    source: str  # the attributes as written, after the name (read into ``attributes`` when asked)
    start: int  # offset of "<"
    end: int  # offset just after ">"
    text: str | None = None  # raw text content (script, style, ...), exactly as written

    @cached_property
    def attributes(self) -> dict[str, str]:
        """Names lower case, values decoded; the first of a repeated name wins."""
        return attributes(self.source)

    def may_have(self, *prefixes: str) -> bool:
        """False when no attribute's name can start with one of ``prefixes``: a check that reads no
        attribute, for the hooks that look for a few names on every tag of a page."""
        lowered = self.source.lower()  # a name is read lower-cased: what it starts with is in here
        if not any(prefix in lowered for prefix in prefixes):
            return False  # most tags: none of them anywhere, and no expression run
        return _names_starting(prefixes).search(self.source) is not None


@cache
def _names_starting(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(prefix) for prefix in prefixes)
    return re.compile(f"{_NAME_START}(?:{alternatives})", re.IGNORECASE)


def attributes(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    # findall: (name, double, single, bare), "" for the value's forms not used (at most one is)
    for name, double, single, bare in _ATTRIBUTE.findall(source):
        name = name.lower()
        if name in found:
            continue
        value = double or single or bare
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
        text = None
        if name in RAW_TEXT:
            close = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE).search(page, position)
            content_end = close.start() if close else len(page)
            text = page[position:content_end]
            position = content_end
        yield StartTag(name, match["attrs"], match.start(), match.end(), text)
