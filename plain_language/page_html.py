"""HTML in a page that could run code or send a patient elsewhere is refused, with file and line.

Pages are Markdown, and Markdown lets raw HTML through untouched. So a page could
hold a ``<script>``, a frame of another site, a form that posts what a patient
types, a ``<meta http-equiv="refresh">`` that redirects, an ``onclick=``
attribute (raw, or through attr_list's ``{ onclick=... }``) or a
``javascript:`` link. None of these belongs in patient education, and each is
refused:

* by ``make check`` (:func:`page_html_problems`): each page is rendered with
  python-markdown and the extensions in ``mkdocs.yml``, as the build renders
  it, and the HTML that comes out is read with :mod:`html.parser`. What is
  inside a code block or inline code comes out escaped, as text to read, so it
  is never refused; raw HTML inside a ``<div>`` is passed through by Markdown,
  so it is checked wherever it stands;
* HTML files in ``docs/``, which are published as they are, are read as they are;
* by the build (hooks/page_html.py), on the HTML of each page as converted,
  before the macros' own HTML is put back: this also catches HTML a page makes
  with a Jinja expression, which ``make check`` cannot see.

The line reported is the first line of the page's source, outside code, that
holds the refused tag, attribute or address.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import markdown
from mkdocs.utils.meta import get_data

from content_model.errors import ContentError

from .page_prose import PageProblem, _markdown_setup, without_macros

# Elements that run code, show another site inside the page, or send what a patient types away.
REFUSED_TAGS = {
    "script": "runs code in the patient's browser",
    "iframe": "shows another site inside the page",
    "frame": "shows another site inside the page",
    "frameset": "shows other sites inside the page",
    "object": "runs a plug-in or shows another site inside the page",
    "embed": "runs a plug-in or shows another site inside the page",
    "applet": "runs a plug-in",
    "form": "sends what a patient types to a server",
    "base": "changes where every link of the page points",
}
_SHOW_CODE = "to show code as an example, put it in a code block, between two lines of ```"


@dataclass(frozen=True)
class Unsafe:
    """One refused piece of HTML: what it is (``<script>``), how to find it in the source, the fix."""

    shown: str
    needle: str  # lowercase text to look for in the page's source
    message: str


def _scheme(value: str) -> str:
    """A URL's scheme as a browser reads it: leading spaces and controls dropped, tabs and newlines
    removed anywhere (so 'java\\tscript:' is 'javascript:'), lowercase."""
    cleaned = re.sub(r"[\t\n\r]", "", value).lstrip("".join(chr(c) for c in range(0x21))).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, Unsafe]] = []  # (line in the fed text, what)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in REFUSED_TAGS:
            self.found.append(
                (
                    line,
                    Unsafe(
                        f"<{tag}>",
                        f"<{tag}",
                        f"<{tag}> is not allowed in a page: it {REFUSED_TAGS[tag]}. Delete it ({_SHOW_CODE})",
                    ),
                )
            )
        names = {name for name, _value in attrs}
        if tag == "meta" and "http-equiv" in names:
            self.found.append(
                (
                    line,
                    Unsafe(
                        '<meta http-equiv="...">',
                        "http-equiv",
                        '<meta http-equiv="..."> is not allowed in a page: it can send patients to another '
                        "address or change the page's security. Delete it",
                    ),
                )
            )
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    (
                        line,
                        Unsafe(
                            f"{name}=",
                            name,
                            f"the attribute {name}= is not allowed in a page: it runs code when a patient "
                            f"touches or loads the page. Delete it ({_SHOW_CODE})",
                        ),
                    )
                )
            if value and _scheme(value) in ("javascript", "vbscript"):
                scheme = _scheme(value)
                self.found.append(
                    (
                        line,
                        Unsafe(
                            f"{scheme}: address",
                            f"{scheme}:",
                            f"a {scheme}: address is not allowed in a page: it runs code instead of opening "
                            "a page. Link to a page or a web address (https://...) instead",
                        ),
                    )
                )

    handle_startendtag = handle_starttag


def unsafe_html(html: str) -> list[tuple[int, Unsafe]]:
    """Every refused tag, attribute and address in a piece of HTML, with its line in that HTML."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)


def _without_code(source: str) -> str:
    """The source with fenced code blocks and code spans blanked out, every line on its line:
    used only to find the line of a finding, never to decide what is refused."""
    out: list[str] = []
    fence: str | None = None
    for line in source.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[0] * len(opened.group(1))
            out.append("\n" if line.endswith("\n") else "")
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append("\n" if line.endswith("\n") else "")
        else:
            out.append(line)
    text = "".join(out)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def source_line(source: str, unsafe: Unsafe, skip: int = 0) -> int:
    """The line of the source that holds a finding. The source, outside code, is read with the same
    parser (raw HTML, entities decoded); then searched as text (Markdown links, attribute lists);
    the (skip+1)-th place found is taken, or line 1 if none."""
    outside_code = _without_code(source)
    try:
        lines = [line for line, found in unsafe_html(outside_code) if found.shown == unsafe.shown]
    except AssertionError:  # html.parser gives up on some malformed declarations
        lines = []
    for text in (outside_code, source):
        if lines:
            break
        lines = [n for n, line in enumerate(text.splitlines(), 1) if unsafe.needle in line.lower()]
    return lines[min(skip, len(lines) - 1)] if lines else 1


def problems_in(shown: str, source: str, html: str) -> list[ContentError]:
    """The refused HTML of one page as content errors: html is the page as rendered, source its file."""
    problems: list[ContentError] = []
    seen: dict[str, int] = {}
    for _line, unsafe in unsafe_html(html):
        skip = seen.get(unsafe.shown, 0)
        seen[unsafe.shown] = skip + 1
        problems.append(ContentError(shown, source_line(source, unsafe, skip), 1, "", unsafe.message))
    return list(dict.fromkeys(problems))


def page_html_problems(docs_dir: Path, docs_shown: str = "docs") -> list[ContentError]:
    """Refused HTML in every Markdown page of docs_dir, rendered as the build renders it."""
    config_file = docs_dir.parent / "mkdocs.yml"
    problems: list[ContentError] = []
    try:
        extensions, configs = _markdown_setup(str(config_file) if config_file.is_file() else "")
    except PageProblem as problem:
        return [problem.error]
    for path in sorted(docs_dir.rglob("*.md")):
        shown = f"{docs_shown}/{path.relative_to(docs_dir).as_posix()}"
        source = path.read_text(encoding="utf-8")
        body, _meta = get_data(source)
        first_line = source[: len(source) - len(body)].count("\n") + 1 if source.endswith(body) else 1
        try:
            text = without_macros(body, shown, first_line)
        except PageProblem:
            text = body  # the macro mistake is reported by the other checks; read the page as it is
        renderer = markdown.Markdown(extensions=list(extensions), extension_configs=copy.deepcopy(configs))
        problems += problems_in(shown, source, renderer.convert(text))
    for path in sorted(docs_dir.rglob("*.htm*")):  # HTML files are published as they are
        source = path.read_text(encoding="utf-8", errors="replace")
        shown = f"{docs_shown}/{path.relative_to(docs_dir).as_posix()}"
        problems += [ContentError(shown, line, 1, "", unsafe.message) for line, unsafe in unsafe_html(source)]
    return problems
