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
from collections.abc import Collection, Iterator
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


# What an address may start with for a tag holding it to be passed over: no "javascript:" address
# can start so, even decoded ("&") and stripped of white space (none of these), in any case (no j).
_NOT_SCRIPT_START = "#./?0-9A-IK-Za-ik-z_~%+:-"


@cache
def _passed_over(names: frozenset[str], prefixes: tuple[str, ...], links: frozenset[str]) -> re.Pattern[str]:
    """What start_tags_that_may_matter passes over from where it stands: text, comments, doctypes and
    end tags (read as _TOKEN reads them), and the start tags of other names that are written plainly,
    have no attribute whose name starts with one of ``prefixes``, and whose attributes named one of
    ``links`` (if any) hold an address that plainly does not start with ``javascript:``.

    Written plainly: the name is plain ASCII letters, digits and "-", and the attributes are
    ``name``, ``name=value``, ``name="value"`` or ``name='value'``, apart by spaces or "/", with a
    bare value followed by a space or the tag's ">" and holding no quote, "=", "<", "`" or "/".
    For such a tag, _TOKEN ends it at the same ">" (its quotes are the values' quotes) and
    ``attributes`` reads exactly these names (a name is what lies between the spaces, "/" or
    "=": the characters ``attributes`` ends a name at); one that starts with a prefix, in any
    case, makes the tag one to keep, and so does one of ``links`` (in any case) without a value,
    or with a value whose first character is not one of _NOT_SCRIPT_START. Any tag written
    otherwise is kept, and its caller reads it as before."""
    bad = "(?!(?i:" + "|".join(re.escape(prefix) for prefix in prefixes) + "))" if prefixes else ""
    excluded = "|".join(re.escape(name) for name in sorted(names))
    value = r"""[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >"'=<`/]++(?=[\t\n\f\r >]))"""
    attribute = rf"""[\t\n\f\r /]++{bad}[^\t\n\f\r /><"'=]++(?:{value})?+"""
    if links:
        link = "(?i:" + "|".join(re.escape(name) for name in sorted(links)) + r""")(?=[\t\n\f\r /><"'=])"""
        safe = f"[{_NOT_SCRIPT_START}]"
        bare = rf"""{safe}[^\t\n\f\r >"'=<`/]*+(?=[\t\n\f\r >])"""
        address = rf"""[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"(?:{safe}[^"]*+)?"|'(?:{safe}[^']*+)?'|{bare})"""
        attribute = rf"""[\t\n\f\r /]++(?:{bad}(?!{link})[^\t\n\f\r /><"'=]++(?:{value})?+|{link}{address})"""
    other_tag = (
        rf"<(?!(?i:{excluded})(?![A-Za-z0-9-]))[A-Za-z][A-Za-z0-9-]*+(?=[\t\n\f\r />])"
        rf"(?:{attribute})*+[\t\n\f\r /]*+>"
    )
    return re.compile(rf"(?:[^<]++|<!--.*?(?:--!?>|\Z)|<[!?/][^>]*>?|{other_tag})*+", re.DOTALL)


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


def _tag(page: str, match: re.Match[str]) -> tuple[StartTag, int]:
    """The start tag ``match`` found (its ``name`` group set), and where reading goes on after it."""
    name = match["name"].lower()
    position = match.end()
    text = None
    if name in RAW_TEXT:
        close = re.compile(rf"</{name}(?=[\t\n\f\r />])", re.IGNORECASE).search(page, position)
        content_end = close.start() if close else len(page)
        text = page[position:content_end]
        position = content_end
    return StartTag(name, match["attrs"], match.start(), match.end(), text), position


def start_tags(page: str) -> Iterator[StartTag]:
    """Every start tag of ``page`` in document order."""
    position = 0
    while (match := _TOKEN.search(page, position)) is not None:
        if match["name"] is None:
            position = match.end()
            continue
        tag, position = _tag(page, match)
        yield tag


def start_tags_that_may_matter(
    page: str,
    names: Collection[str] = (),
    prefixes: tuple[str, ...] = (),
    passed_svgs: dict[str, bool] | None = None,
    *,
    links: Collection[str] = (),
) -> Iterator[StartTag]:
    """The start tags of ``page`` that ``start_tags`` yields, less some that surely do not matter to
    a hook looking for tags named ``names`` or for attributes whose names start with ``prefixes``,
    or for an attribute named one of ``links`` that holds a ``javascript:`` address.

    The same reading, the same ``StartTag``s, in the same order: it only passes over, inside the
    regular-expression engine instead of one Python step per tag, start tags that are named none of
    ``names`` and have no attribute whose name starts with one of ``prefixes`` (most of a page's
    tags: a figure's lines; see _passed_over for which). Every tag kept is checked by the caller as
    before. A ``<script>`` or ``<style>`` is always kept: its text is read to its end tag, not as tags.

    ``passed_svgs`` (one dict per build and per ``names`` and ``prefixes``, kept by the caller in
    BuildState.per_svg) spares reading the same inline ``<svg>...</svg>`` again on every page that
    shows it (a drill's figure on its page, cards and handouts): each one's text is read once, on
    its own, and the dict says whether all of it is passed over; where it is, it is passed over
    whole the next time. That is the same reading: what is passed over from a start tag depends only
    on the text from there on, and a text counts as passed over whole only when its reading ends
    within it (``_passes_over_whole``), whatever follows it on a page.
    """
    kept = frozenset(name.lower() for name in names) | RAW_TEXT
    addresses = frozenset(name.lower() for name in links)
    skip = _passed_over(kept | ({"svg"} if passed_svgs is not None else set()), tuple(prefixes), addresses)
    position, end = 0, len(page)
    while (position := skip.match(page, position).end()) < end:  # type: ignore[union-attr]
        match = _TOKEN.match(page, position)
        if match is None:
            position += 1  # a "<" that starts nothing is text, as start_tags reads it
            continue
        if match["name"] is None:  # cannot happen: every other token is passed over
            position = match.end()
            continue
        if passed_svgs is not None and match["name"].lower() == "svg":
            close = page.find("</svg>", match.end())
            svg = page[position : close + len("</svg>")] if close >= 0 else ""
            whole = passed_svgs.get(svg)
            if whole is None:
                whole = passed_svgs[svg] = bool(svg) and _passes_over_whole(svg, kept, prefixes, addresses)
            if whole:
                position += len(svg)
                continue
        tag, position = _tag(page, match)
        yield tag


def _passes_over_whole(
    text: str, names: frozenset[str], prefixes: tuple[str, ...], links: frozenset[str]
) -> bool:
    """Whether ``_passed_over`` passes over all of ``text`` read from a token's start, and stops
    there whatever follows: read with a lone "<" after it (which starts nothing), it must stop just
    before that "<". A comment, tag or declaration left open would run on into it, and a tag
    that must be kept stops the reading inside the text."""
    return _passed_over(names, prefixes, links).match(text + "<").end() == len(text)  # type: ignore[union-attr]
