"""Every medical word is explained in brackets the first time it appears on a page.

From the ``jargon:`` list of ``data/plain_language.yml`` (the list the plain-language check
uses); the rules are in hook_helpers/jargon.py. Runs after hooks/macro_html.py has put the
macros' HTML back, so drill pages and lists of drills are covered too.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hook_helpers.jargon import explain_first_uses
from macros.state import build_state


@event_priority(90)  # after hooks/macro_html.py (100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return explain_first_uses(html, build_state(config).content.plain_language.jargon)
