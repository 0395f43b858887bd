"""Keep drill pages and drill data in step, and make each drill page point at its data.

* Every drill in data/drills.yml has a page docs/drills/<id>.md, and every such
  page has a drill: otherwise the build stops and says what to create or delete.
* A drill page's title comes from the data, and its "edit this page" link opens
  data/drills.yml, where its content lives.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import content_model
from content_model.pages import drill_page_problems
from macros.links import drill_id_of
from macros.state import build_state


def on_files(files: Files, config: MkDocsConfig) -> Files:
    problems = drill_page_problems(build_state(config).content, Path(config.docs_dir), docs_shown="docs")
    if problems:
        raise Abort(content_model.ContentErrors(problems).report())
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    src = page.file.src_uri
    drill_id = drill_id_of(src)
    if drill_id is None:
        return None
    content = build_state(config).content
    drill = content.drill(drill_id)
    page.meta.setdefault("title", drill.name)
    page.meta.setdefault("description", drill.summary)
    if page.edit_url and page.edit_url.endswith(src):
        # The edit link ends in docs/<src>; the data lives beside docs/.
        docs_base = page.edit_url.removesuffix(src)
        page.edit_url = urljoin(docs_base, f"../{content.file('drills')}")
    return None
