"""Keep the HTML a macro makes out of Markdown's way.

A macro's HTML used to go into the page's Markdown, where Python-Markdown and
MkDocs each read it again, tag by tag, only to pass it through unchanged: on a
library of 60 drills that was a third of the build. Now a macro hands Markdown
a one-line HTML comment instead, and hooks/macro_html.py puts the HTML back in
the converted page (and tells MkDocs which anchors it holds, so links to them
are still checked).

Each build holds its HTML in its own ``HeldBlocks`` (in the build's state,
macros/state.py). The comment carries a random token made for that build, so no
page can forge one; a comment that Markdown did not pass through as HTML (say, a macro inside
a code block) is found by its token and stops the build with the page's name.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from typing import Any

from markupsafe import Markup


class HeldBlocks:
    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self._held: dict[str, str] = {}
        self._count = 0
        self._placeholder = re.compile(rf"<!--macro-html {self.token} \d+-->")

    def hold(self, html: Markup | str) -> Markup:
        """A placeholder for ``html``; ``restore`` swaps it back after Markdown."""
        self._count += 1
        key = f"<!--macro-html {self.token} {self._count}-->"
        self._held[key] = str(html)
        return Markup(key)

    def restore(self, page_html: str) -> tuple[str, list[str]]:
        """The page with every placeholder replaced by its HTML, and the HTML put back.

        A macro's HTML can hold another macro's placeholder, so this repeats until none is left.
        """
        restored: dict[str, str] = {}

        def swap(match: re.Match[str]) -> str:
            html = self._held.get(match.group())
            if html is None:
                return match.group()  # not held (any more): left for leftover() to report
            restored[match.group()] = html
            return html

        while True:
            before = len(restored)
            page_html = self._placeholder.sub(swap, page_html)
            if len(restored) == before or not self._placeholder.search(page_html):
                break
        for key in restored:
            del self._held[key]
        return page_html, list(restored.values())

    def leftover(self, page_html: str) -> bool:
        """True if the page still shows a placeholder, in any form (escaped in a code block, say)."""
        return self.token in page_html


def held(blocks: HeldBlocks, macro: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a macro so that the HTML it gives a page is held in ``blocks`` until after Markdown."""

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> Any:
        result = macro(*args, **kwargs)
        return blocks.hold(result) if isinstance(result, Markup) else result

    return call
