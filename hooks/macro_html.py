"""Put the HTML that macros made back into each converted page (see macros/blocks.py).

Runs first among the ``on_page_content`` handlers, so everything after it sees
the whole page. The anchors in that HTML (``id=``, ``<a name=>``) are added to
the ones MkDocs found in the Markdown, so a link such as
``back-pain-when-walking.md#tight-hip-flexors`` is still checked by the strict build.

The sections a macro makes (each root cause on the causes page) join the page's table of
contents too, in the order they stand on the page, so the desktop sidebar lists them.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data

from hook_helpers.html_tags import start_tags, start_tags_that_may_matter
from macros.blocks import HeldBlocks
from macros.state import build_state


def anchors(html: str, passed_svgs: dict[str, bool] | None = None) -> set[str]:
    """The ids a link can point to, as MkDocs counts them: id on any tag, name on <a>.
    ``passed_svgs``: the build's inline SVGs found to hold none (BuildState.per_svg)."""
    found = set()
    # Tags that can have no id or name are passed over (hook_helpers/html_tags.py).
    for tag in start_tags_that_may_matter(html, (), ("id", "name"), passed_svgs):
        if not tag.may_have("id", "name"):
            continue  # most tags (a figure's lines): no attribute read
        if "id" in tag.attributes:
            found.add(tag.attributes["id"])
        if tag.name == "a" and "name" in tag.attributes:
            found.add(tag.attributes["name"])
    return found


_SECTION = re.compile(r"<h([23])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _sections(html: str) -> list[tuple[int, str, str]]:
    """(level, id, title as escaped HTML text) of each h2 and h3 with an id, in page order."""
    found = []
    for match in _SECTION.finditer(html):
        ids = [tag.attributes.get("id") for tag in start_tags(f"<h{match[1]}{match[2]}>")]
        if ids and ids[0]:
            title = " ".join(_TAG.sub("", match[3]).split())
            found.append((int(match[1]), ids[0], title))
    return found


def _add_macro_sections(page: Page, html: str, restored: list[str]) -> None:
    """Rebuild the page's table of contents from its sections when a macro added some."""
    from_macros = {section[1] for section in _sections("".join(restored))}
    toc = list(page.toc or [])
    if not from_macros or not toc or toc[0].level != 1:
        return
    known = {link.id for link in toc[0].children} | {c.id for link in toc[0].children for c in link.children}
    top: list[AnchorLink] = []
    seen: set[str] = set()
    for level, anchor, title in _sections(html):
        if anchor not in known and anchor not in from_macros:
            continue  # a heading the theme or a template left out of the contents on purpose
        if anchor in seen:
            continue  # the same section again (the builder's blocks, once per sheet language)
        seen.add(anchor)
        link = AnchorLink(title, anchor, level)
        if level == 3 and top:
            top[-1].children.append(link)
        elif level == 2:
            top.append(link)
    toc[0].children = top


def _source_line(held: HeldBlocks, page: Page, html: str) -> int:
    """The line of the page's source file that holds the macro whose output was left over."""
    found = re.search(rf"{held.token} (\d+)", html)
    markdown = page.markdown or ""
    at = markdown.find(f"{held.token} {found[1]}-->") if found else -1
    if at < 0 or not page.file.abs_src_path:
        return 1
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    body, _ = get_data(raw)
    front_matter = raw[: len(raw) - len(body)].count("\n") if raw.endswith(body) else 0
    return front_matter + markdown[:at].count("\n") + 1


@event_priority(100)  # first: later handlers see the finished page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = build_state(config)
    html, restored = state.held.restore(html)
    if state.held.leftover(html):  # the build stops once every page is read (hooks/page_mistakes.py)
        state.mistakes.add(
            page.file.src_uri,
            _source_line(state.held, page, html),
            "this macro's output landed inside a code block or inline code, where it cannot show. "
            "Put the macro on a line of its own, with a blank line before and after, outside code blocks "
            "(to show a macro as an example, wrap it in {% raw %} ... {% endraw %})",
        )
    if restored and page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchors("".join(restored), state.per_svg.setdefault(__name__, {}))
    if restored:
        _add_macro_sections(page, html, restored)
    return html
