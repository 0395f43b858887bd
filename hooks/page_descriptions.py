"""Every page has a description, for search results and link previews.

Articles write theirs in front matter, drill pages take their summary from
data/drills.yml (hooks/drill_pages.py), generated pages get one from the hook
that makes them. A page without one stops the build and says what to add. The
404 page, which has no front matter, borrows the home page's description.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(-50)  # after the hooks and the macros plugin that fill descriptions in
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if str(page.meta.get("description") or "").strip():
        return None
    if page.file.generated_by:
        raise Abort(
            f"the page {page.file.src_uri} made by {page.file.generated_by} has no description: "
            "give it a 'description' in the front matter it generates (one plain sentence)"
        )
    raise Abort(
        f"{Path(config.docs_dir).name}/{page.file.src_uri}:1: the page has no description: add a line "
        "'description: <one plain sentence saying what the page is about>' to its front matter "
        "(between the two '---' lines at the top)"
    )


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if not config.site_description:
        home = next((f.page for f in files.documentation_pages() if f.page and f.page.is_homepage), None)
        if home is not None and home.meta.get("description"):
            config.site_description = home.meta["description"]  # escaped once already (theme_values.py)
    return env
