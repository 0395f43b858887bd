"""The prose of a Markdown page, as a patient reads it, with the line of every word.

The page goes through the same steps as in the build, with real parsers:

1. MkDocs' own front-matter reader drops the YAML header;
2. Jinja's lexer finds the macro markers (``{{ ... }}``, ``{% ... %}``,
   ``{# ... #}``), which are removed: what they show comes from ``data/`` and is
   checked there. Text inside ``{% raw %}`` stays, as the build shows it;
3. python-markdown renders the rest with the extensions in ``mkdocs.yml``;
4. :mod:`html.parser` reads the HTML: each paragraph, list item, heading and
   table cell is one piece of text. Code, and the permalink signs of
   headings, are not prose and are left out.

Headings and admonition titles are labels: they are checked for jargon and
vague phrases but not graded, because a readability formula would count each
one as a very short sentence and make the page look easier than it is.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
from mkdocs.utils.meta import get_data

from content_model.errors import ContentError

from .located_text import Group, ListOfItems, Piece, SourceWords, words

# Used when a docs folder has no mkdocs.yml next to it (for example a test fixture).
_DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html")

_BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "summary",
    "blockquote",
    "div",
}
_LABELS = {"h1", "h2", "h3", "h4", "h5", "h6", "summary"}
_NOT_PROSE = {"pre", "code", "kbd", "samp", "script", "style", "svg", "math", "template"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_KIND = {
    "p": "paragraph",
    "li": "list item",
    "td": "table cell",
    "th": "table cell",
    "dt": "term",
    "dd": "definition",
}


class PageProblem(Exception):
    """A page that cannot be read as prose (the build would stop on it too)."""

    def __init__(self, error: ContentError) -> None:
        super().__init__(error.plain())
        self.error = error


@lru_cache(maxsize=8)
def _markdown_setup(config_file: str) -> tuple[tuple[str, ...], dict[str, dict[str, object]]]:
    """The Markdown extensions and their settings, read from mkdocs.yml as MkDocs reads them.

    Only ``markdown_extensions`` is read (with MkDocs' own YAML loader and option
    class), so no plugin or hook is loaded to check a page.
    """
    if not config_file or not Path(config_file).is_file():
        return _DEFAULT_EXTENSIONS, {}
    # Imported here, only when a page is checked: the data checks run without MkDocs.
    import yaml  # noqa: PLC0415
    from mkdocs.config.base import ValidationError  # noqa: PLC0415
    from mkdocs.config.config_options import MarkdownExtensions  # noqa: PLC0415
    from mkdocs.config.defaults import MkDocsConfig  # noqa: PLC0415
    from mkdocs.utils.yaml import yaml_load  # noqa: PLC0415

    option = MarkdownExtensions(builtins=MkDocsConfig.markdown_extensions.builtins)
    try:
        with open(config_file, encoding="utf-8") as file:
            raw = yaml_load(file)
        settings = raw.get("markdown_extensions") if isinstance(raw, dict) else None
        extensions = option.run_validation(settings or [])
    except (yaml.YAMLError, ValidationError) as error:
        raise PageProblem(
            ContentError(config_file, 1, 1, "markdown_extensions", f"mkdocs.yml cannot be read: {error}")
        ) from None
    return tuple(extensions), dict(option.configdata)


def without_macros(text: str, file: str, first_line: int) -> str:
    """The Markdown with every Jinja marker removed; every line stays on its line."""
    out: list[str] = []
    line = 1
    environment = jinja2.Environment()
    try:
        environment.parse(text)  # a marker the lexer accepts may still be unreadable
        for lineno, token, value in environment.lex(text):
            if token != "data":
                if out and not out[-1][-1:].isspace():
                    out.append(" ")
                continue
            if lineno > line:
                out.append("\n" * (lineno - line))
                line = lineno
            out.append(value)
            line += value.count("\n")
    except jinja2.TemplateSyntaxError as error:
        raise PageProblem(
            ContentError(
                file,
                first_line + (error.lineno or 1) - 1,
                1,
                "",
                f"a macro marker cannot be read ({error.message}): check that every "
                "'{{' has its '}}' and every '{%' its '%}'",
            )
        ) from None
    return "".join(out)


@dataclass
class _Block:
    tag: str
    kind: str
    graded: bool
    text: str = ""
    word_index: list[int] = field(default_factory=list)  # index of each word in the page's word stream
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _List:
    first_item: _Block | None = None
    items: int = 0


class _Prose(HTMLParser):
    """Reads rendered HTML into blocks of prose, and every word in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stream: list[str] = []  # every word, prose or not, in page order
        self.blocks: list[_Block] = []
        self.lists: list[_List] = []
        self._open: list[_Block] = []
        self._lists: list[_List] = []
        self._stack: list[tuple[str, str]] = []  # (tag, role): role is "block", "skip", "list" or ""
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        if self._skipping or tag in _NOT_PROSE or "headerlink" in classes:
            self._skipping += 1
            self._stack.append((tag, "skip"))
            return
        if tag in ("ul", "ol"):
            self._lists.append(_List())
            self._stack.append((tag, "list"))
            return
        if tag in _BLOCKS:
            label = tag in _LABELS or "admonition-title" in classes
            kind = "heading" if label else _KIND.get(tag, "paragraph")
            block = _Block(tag, kind, graded=not label)
            self.blocks.append(block)
            self._open.append(block)
            self._stack.append((tag, "block"))
            if tag == "li" and self._lists:
                current = self._lists[-1]
                current.items += 1
                current.first_item = current.first_item or block
            return
        self._stack.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # python-markdown writes well-formed HTML; close up to the matching tag.
        while self._stack:
            open_tag, role = self._stack.pop()
            if role == "skip":
                self._skipping -= 1
            elif role == "list":
                self.lists.append(self._lists.pop())
            elif role == "block":
                self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skipping or not self._open:
            self.stream += [w for w, _s, _e in words(data)]
            return
        block = self._open[-1]
        chunk = " ".join(data.split())
        if not chunk:
            if block.text and not block.text.endswith(" "):
                block.text += " "
            return
        if data[:1].isspace() and block.text and not block.text.endswith(" "):
            block.text += " "
        offset = len(block.text)
        for word, start, end in words(chunk):
            block.word_index.append(len(self.stream))
            block.spans.append((offset + start, offset + end))
            self.stream.append(word)
        block.text += chunk
        if data[-1:].isspace():
            block.text += " "


def _first_position(pieces: dict[int, Piece], block: _Block | None, first_line: int) -> tuple[int, int]:
    """Where a list starts: its first item's first word."""
    piece = pieces.get(id(block)) if block is not None else None
    return piece.position if piece else (first_line, 1)


def page_group(path: Path, shown: str, config_file: Path | None = None) -> Group:
    """The prose of one Markdown page, as one group to measure.

    Raises PageProblem when the page's macro markers cannot be read.
    """
    source = path.read_text(encoding="utf-8")
    body, meta = get_data(source)
    first_line = source[: len(source) - len(body)].count("\n") + 1 if source.endswith(body) else 1
    markdown_text = without_macros(body, shown, first_line)
    extensions, configs = _markdown_setup(str(config_file) if config_file else "")
    renderer = markdown.Markdown(extensions=list(extensions), extension_configs=copy.deepcopy(configs))
    html = renderer.convert(markdown_text)
    prose = _Prose()
    prose.feed(html)
    prose.close()
    source_words = SourceWords.of(markdown_text, first_line=first_line)
    placed, _next = source_words.align(prose.stream, 0, (first_line, 1))
    pieces: dict[int, Piece] = {}
    for block in prose.blocks:
        text = block.text.strip()
        if not text or not block.word_index:
            continue
        pieces[id(block)] = Piece(
            text=text,
            kind=block.kind,
            field="",
            spans=tuple(block.spans),
            positions=tuple(placed[i] for i in block.word_index),
            graded=block.graded,
            fallback=placed[block.word_index[0]],
        )
    lists = tuple(
        ListOfItems(_first_position(pieces, found.first_item, first_line), "", found.items)
        for found in prose.lists
    )
    ordered = tuple(pieces.values())
    title = str(meta.get("title") or next((p.text for p in ordered if p.kind == "heading"), shown))
    # A page's reading level is reported where its graded prose starts.
    first = ordered[0].position if ordered else (first_line, 1)
    start = next((p.position for p in ordered if p.graded), first)
    return Group(shown, start, "", title, "page", ordered, lists)
