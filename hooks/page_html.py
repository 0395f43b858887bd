"""Pages may not hold HTML that runs code or sends a patient elsewhere (plain_language/page_html.py).

``make check`` refuses it from each page's Markdown; the build refuses it too, from
the HTML of each page as MkDocs converted it (with what the page's Jinja
expressions made), before the macros' own HTML is put back in
(hooks/macro_html.py), and from HTML files in ``docs/``, which are published as
they are. Every page is read first; then (``on_env``, before anything is
written) the build stops with each finding's page, line and fix.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from content_model import ContentError, format_errors

_FOUND = "refused_html"  # the attribute of a Page that holds what was found on it in this build


@event_priority(110)  # before hooks/macro_html.py puts the macros' own HTML back
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Imported with the first page, not when MkDocs loads the hooks: nothing before the pages needs it.
    from plain_language.page_html import problems_in  # noqa: PLC0415

    found: list[ContentError] = []
    if not page.file.generated_by:  # generated pages (handouts) hold only our macros
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        found = problems_in(shown, page.file.content_string, html)
    setattr(page, _FOUND, found)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    from plain_language.page_html import unsafe_html  # noqa: PLC0415  (see on_page_content)

    problems: list[ContentError] = []
    docs = Path(config.docs_dir).name
    for file in files:
        if file.page is not None:
            problems += getattr(file.page, _FOUND, [])
        elif file.src_uri.endswith((".html", ".htm")) and not file.generated_by and file.abs_src_path:
            source = Path(file.abs_src_path).read_text(encoding="utf-8", errors="replace")
            problems += [
                ContentError(f"{docs}/{file.src_uri}", line, 1, "", unsafe.message)
                for line, unsafe in unsafe_html(source)
            ]
    if problems:
        count = len(problems)
        raise Abort(
            f"{format_errors(sorted(problems))}\n\n{count} {'thing' if count == 1 else 'things'} in pages "
            "could run code or send patients elsewhere (see CONTRIBUTING.md, 'What pages may not "
            "contain'). Nothing was built."
        )
    return env
