"""One handout page per program in data/programs.yml, generated: no Markdown file to write.

For each program the build gets two pages, each holding one macro marker:

* ``handouts/<id>/`` (``{{ handout("<id>") }}``), the sheet a therapist prints;
* ``handouts/<id>/large-print/`` (``{{ handout("<id>", large_print=True) }}``).

Adding a program to data/programs.yml is all it takes. A page in docs/ at the
same address stops the build and says which one to delete. The "edit this
page" link of a handout opens data/programs.yml, where its content lives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import content_model

# The project folder, where macros/ lives (mkdocs-macros imports it from there too).
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from macros.handout import handout_src  # noqa: E402

_MARKER = "generated_from"  # front matter key that marks a generated handout page


def _content(config: MkDocsConfig) -> content_model.Content:
    return content_model.load_project(config.config_file_path)


def _page(program: content_model.Program, large_print: bool, data_file: str) -> str:
    """The Markdown of a generated page: front matter and one marker. json.dumps quotes safely."""
    title = f"{program.title} (large print)" if large_print else f"{program.title}: printable handout"
    call = f'{{{{ handout({json.dumps(program.id)}, large_print=True) }}}}' if large_print else (
        f"{{{{ handout({json.dumps(program.id)}) }}}}"
    )
    # Search leaves handouts out (Material reads search.exclude): each drill is found on its own
    # page, and the list of handouts, which search does index, names every program.
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"description: {json.dumps(program.summary)}\n"
        "call_to_action: false\n"
        "search:\n  exclude: true\n"
        f"{_MARKER}: {json.dumps(data_file)}\n"
        "---\n\n"
        f"{call}\n"
    )


def on_files(files: Files, config: MkDocsConfig) -> Files:
    content = _content(config)
    taken = {f.dest_uri: f for f in files}
    for index, program in enumerate(content.programs):
        for large_print in (False, True):
            src = handout_src(program.id, large_print)
            file = File.generated(config, src, content=_page(program, large_print, content.file("programs")))
            if file.dest_uri in taken:
                where = f"{content.file('programs')}:{content.line_of('programs', program.id)}"
                raise Abort(
                    f"{where}: programs[{index}]: the handout of program '{program.id}' is generated at "
                    f"{file.url}, but docs/{taken[file.dest_uri].src_uri} is already there: delete that "
                    "file, or give the program another id"
                )
            taken[file.dest_uri] = file
            files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    data_file = page.meta.get(_MARKER)
    if not data_file or not page.file.generated_by:
        return None
    if config.edit_uri:
        # The edit link opens the data file; edit_uri points at docs/, which sits beside data/.
        docs_base = urljoin(config.repo_url or "", config.edit_uri)
        page.edit_url = urljoin(docs_base if docs_base.endswith("/") else docs_base + "/", f"../{data_file}")
    return None
