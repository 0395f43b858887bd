"""hook_helpers/html_tags.py reads start tags as html.parser does,
on every built page and on tricky markup."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from conftest import Build
from hook_helpers import html_tags
from site_pages import page_file, page_paths


class Reference(HTMLParser):
    """The standard library's reading: start tags with attributes, and raw script/style text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[str, dict[str, str], str]] = []
        self._raw: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")
        text = self.get_starttag_text() or ""
        self.tags.append((tag, values, text))
        self._raw = [] if tag in ("script", "style") else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._raw is not None:
            name, values, text = self.tags[-1]
            self.tags[-1] = (name, values, text + "\0" + "".join(self._raw))
            self._raw = None


def reference(page: str) -> list[tuple[str, dict[str, str], str]]:
    parser = Reference()
    parser.feed(page)
    parser.close()
    return parser.tags


def ours(page: str) -> list[tuple[str, dict[str, str], str]]:
    found = []
    for tag in html_tags.start_tags(page):
        text = page[tag.start : tag.end]
        if tag.name in ("script", "style"):
            text += "\0" + (tag.text or "")
        found.append((tag.name, tag.attributes, text))
    return found


def test_every_built_page_reads_the_same_as_with_html_parser(site: Build) -> None:
    pages = page_paths(site.site)
    assert len(pages) >= 10
    for path in pages:
        page = page_file(site.site, path).read_text(encoding="utf-8")
        expected = reference(page)
        assert len(expected) > 50, path
        assert ours(page) == expected, path


@pytest.mark.parametrize(
    "page",
    [
        "<a title=\"1 > 0\" href='x'>x</a>",  # a quoted ">" does not end the tag
        "<!-- <script>not a tag</script> --><p>after</p>",  # comments are skipped
        "<script>if (a < b && c > d) { x = '<p>'; }</script><p>after</p>",  # script text is raw
        "<SCRIPT TYPE=module>import './y.js';</SCRIPT><br/>",  # upper case, unquoted value, self-closing
        '<a href="&#106;avascript:go()" data-x=1 hidden>x</a>',  # entities in values are decoded
        '<input value="" disabled name=q><img src=a.png alt="">',  # empty and bare attributes
        '<div class="a" class="b">first wins</div>',  # a repeated attribute: the first counts
        "<style>p > a { color: red; }</style><p>x</p>",  # style text is raw too
        "<!doctype html><html lang=en><head><meta charset=utf-8></head></html>",
    ],
)
def test_tricky_markup_reads_the_same_as_with_html_parser(page: str) -> None:
    assert ours(page) == reference(page)


def test_script_text_ends_only_at_its_own_end_tag() -> None:
    page = '<script>document.write("</scripts>"); var t = "</div>";</script ><p id=after>'
    tags = list(html_tags.start_tags(page))
    assert [t.name for t in tags] == ["script", "p"]
    assert tags[0].text == 'document.write("</scripts>"); var t = "</div>";'
    assert tags[1].attributes == {"id": "after"}


@pytest.mark.parametrize(
    "page",
    [
        '<a HREF="x" OnClick="go()">x</a>',  # upper case
        "<a title='x'onclick=go()>x</a>",  # no space after a quoted value
        '<img/src=a.png><p data-on="1" class="icon none">',  # a slash before a name; "on" inside names
        '<form><button formaction="javascript:go()">go</button></form>',
        '<a href="&#106;avascript:go()" name=top id=x>x</a>',
        '<svg width="10" height="10"><line x1="0" y1="0" x2="1" y2="1" class="figure__limb"/></svg>',
        '<p title="id=x name=y">a value that looks like names</p>',
    ],
)
def test_may_have_is_never_wrong_when_it_says_no(page: str) -> None:
    """A hook skips a tag's attributes when may_have says none can be there: it must never say so of
    a tag that has one, and it says so of most tags (a figure's lines)."""
    prefixes = ("on", "href", "src", "action", "formaction", "id", "name")
    said_no = 0
    for tag in html_tags.start_tags(page):
        for prefix in prefixes:
            has = any(name.startswith(prefix) for name in tag.attributes)
            if not tag.may_have(prefix):
                said_no += 1
                assert not has, (page, tag.name, prefix)
    assert said_no > 0


def test_may_have_says_no_for_the_lines_of_a_figure() -> None:
    (line,) = html_tags.start_tags('<line x1="0" y1="0" x2="1" y2="1" class="figure__limb"/>')
    assert not line.may_have("on", "href", "src", "action", "id", "name")
    (link,) = html_tags.start_tags('<a class="x" onclick="go()">')
    assert link.may_have("on") and not link.may_have("id", "name")


# What the hooks look for (hooks/content_security_policy.py, hooks/macro_html.py, search_dialog_name.py).
URLS = ("href", "src", "action", "formaction")
LOOKS = [  # (names, prefixes, links)
    (("head", "meta", "script"), ("on",), URLS),
    (("head", "meta", "script"), ("on", *URLS), ()),
    ((), ("id", "name"), ()),
    (("div", "input"), (), ()),
]


def _read(tag: html_tags.StartTag) -> tuple[str, str, int, int, str | None]:
    return (tag.name, tag.source, tag.start, tag.end, tag.text)


def _needed(
    tag: html_tags.StartTag, names: tuple[str, ...], prefixes: tuple[str, ...], links: tuple[str, ...]
) -> bool:
    """Named one of names, raw text, with an attribute whose name starts with a prefix, or with an
    attribute named one of links whose value is a javascript: address (as the CSP hook reads it)."""
    return (
        tag.name in (*names, *html_tags.RAW_TEXT)
        or any(name.startswith(prefixes) for name in tag.attributes)
        or any(n in links and v.strip().lower().startswith("javascript:") for n, v in tag.attributes.items())
    )


def _kept_as_needed(page: str, look: tuple, svgs: dict | None) -> int:
    """start_tags_that_may_matter yields start_tags' own tags, in order, and every one a hook needs."""
    names, prefixes, links = look
    every = [_read(tag) for tag in html_tags.start_tags(page)]
    needed = [_read(tag) for tag in html_tags.start_tags(page) if _needed(tag, names, prefixes, links)]
    kept = [
        _read(tag) for tag in html_tags.start_tags_that_may_matter(page, names, prefixes, svgs, links=links)
    ]
    rest = iter(every)
    assert all(tag in rest for tag in kept), page  # the same tags, in the same order
    assert set(needed) <= set(kept), (page, set(needed) - set(kept))
    return len(every) - len(kept)


def test_every_built_page_keeps_every_tag_a_hook_needs(site: Build) -> None:
    svgs: list[dict[str, bool]] = [{} for _ in LOOKS]  # one per look, for the whole site, as a build keeps
    passed = 0
    for path in page_paths(site.site):
        page = page_file(site.site, path).read_text(encoding="utf-8")
        for look, seen in zip(LOOKS, svgs, strict=True):
            passed += _kept_as_needed(page, look, None)
            passed += _kept_as_needed(page, look, seen)
    assert passed > 1000  # most tags are passed over
    assert any(any(seen.values()) for seen in svgs)  # figures read once and passed over after


@pytest.mark.parametrize(
    "page",
    [
        "<a title='x'onclick=go()>x</a>",  # no space after a quoted value
        '<a "x onclick=y">x</a>',  # a stray quote: names are read inside it
        "<img/src=a.png><p class=a/onclick=x>",  # a slash before a name, and in a bare value
        '<p title="a > b" onclick="x">',  # a quoted ">"
        '<p title="unclosed onclick=x><a id=y>',  # an open quote
        "<P ONCLICK=x><A NAME=n><HEAD><META http-equiv=x>",  # upper case
        "<p data-x=1 id=top><p ID = 'b'><p\tname\n=\fc>",  # spaces around "=", other white space
        "<p =onclick=x><p class==x onclick=y>",  # odd "="
        "<ſcript>x</ſcript><p onclick=x><scriptx onclick=y>",  # a name that only looks like script
        "<!-- <p onclick=x> --><p id=after><!-- open <a id=z>",  # comments
        "<script><p onclick=x></script><style><a id=y></style><p id=after>",  # raw text
        "<svg><a onclick=x></a></svg><svg><!-- </svg><p onclick=x> --><p id=y>",  # figures that hold one
        "<p< onclick=x><p <id=y>",  # "<" in a name
        # addresses: in any case, after white space, as entities, bare, after a safe one of the same name
        "<a href=\"JavaScript:go()\"><a HREF=' javascript:go()'><img src=&#106;avascript:go()>",
        '<a href=javascript:go()><form action="\fjavascript:x"><a href="#ok" href="javascript:x">',
        '<a href><a href=#top><a hreflang=javascript:x><img srcset="javascript:x 1x">',
        "<button formaction='&#x6A;avascript:x'><a href=\"\x1cjavascript:x\"><a ſrc=javascript:x>",
    ],
)
def test_tricky_markup_keeps_every_tag_a_hook_needs(page: str) -> None:
    for look in LOOKS:
        _kept_as_needed(page, look, None)
        _kept_as_needed(page, look, {})


def test_an_svg_passed_over_once_is_passed_over_only_where_it_reads_the_same() -> None:
    """The same <svg> text on another page is passed over whole only if its reading ends within it."""
    names, prefixes, links = LOOKS[0]
    figure = '<svg class="figure" viewBox="0 0 1 1"><title>A figure</title><line x1="0" y2="1"/></svg>'
    handler = '<svg><g onclick="go()"/></svg>'
    opened = "<svg><!-- </svg>"  # an open comment: what follows it on the page is in the comment
    seen: dict[str, bool] = {}
    for page in (
        figure + handler + figure,
        opened + "<p onclick=x> -->" + figure,
        opened + "-->" + "<p onclick=x>",
        handler + opened + "--><a href=y>",
        opened + ' <p title=" --> <a onclick=x> ">',  # read from its end, the handler is in a value
    ):
        _kept_as_needed(page, LOOKS[0], seen)
    assert seen == {figure: True, handler: False, opened: False}
    kept = list(html_tags.start_tags_that_may_matter(figure + handler, names, prefixes, seen, links=links))
    assert [(tag.name, tag.source) for tag in kept] == [("svg", ""), ("g", ' onclick="go()"/')]


def test_random_markup_keeps_every_tag_a_hook_needs() -> None:
    """Pieces of markup put together at random (fixed seed): the same tags as start_tags needs."""
    pieces = [
        *("<", ">", '"', "'", "=", " ", "/", "\t", "\n", "-", "`", "x", "1", "&#106;", "ſ", "K", "é"),
        *("on", "ON", "click", "href", "src", "id", "name", "action", "javascript:"),
        *("a", "div", "script", "SCRIPT", "style", "head", "meta", "svg", "<svg>", "</svg>"),
        *("<!--", "-->", "</script>", "</style>", "<!", "</", "?", "<a ", "<p ", "<line ", "/>"),
        *(' id="a"', " onclick=x", ' data-on="1"', " hReF='j'", " class=a", ' title="x onclick=y"'),
        *(
            ' href="javascript:x"',
            " src=' JavaScript:'",
            ' href="&#106;avascript:"',
            ' href="#top"',
            " src=a",
        ),
        *(' action=""', " formaction=/x", " hreflang=x", ' srcset="a 1x"', "\x0c", "\x1c"),
    ]
    chance = random.Random(20)
    figures = [f"<svg>{''.join(chance.choices(pieces, k=chance.randint(0, 8)))}</svg>" for _ in range(40)]
    seen: list[dict[str, bool]] = [{} for _ in LOOKS]
    passed = 0
    for _ in range(3000):
        page = "".join(chance.choices(pieces + figures, k=chance.randint(1, 30)))
        for look, memo in zip(LOOKS, seen, strict=True):
            passed += _kept_as_needed(page, look, memo)
    assert passed > 1000 and any(any(memo.values()) for memo in seen)
