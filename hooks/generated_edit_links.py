"""The "edit this page" link of a generated page opens the data file it is made from.

Drill and handout pages have no Markdown file (hooks/drill_pages.py, hooks/handout_pages.py):
their front matter names their data file (``generated_from``), and the link opens that file.
``edit_uri`` points at docs/, which sits beside data/.
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    data_file = page.meta.get("generated_from")
    if not data_file or not page.file.generated_by or not config.edit_uri:
        return None
    docs_base = urljoin(config.repo_url or "", config.edit_uri)
    page.edit_url = urljoin(docs_base if docs_base.endswith("/") else docs_base + "/", f"../{data_file}")
    return None
