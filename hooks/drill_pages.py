"""One page per drill in data/drills.yml, generated: no Markdown file to write.

Each drill gets the page ``drills/<id>/``. Its front matter is written by a YAML
serializer from the drill's data (title and description: any text, quotes, colons,
'#', emoji) and says which drill it shows (``drill_of``); its body is the same macro
marker for every drill, which reads that from the front matter. No value is pasted
into YAML or Markdown text.

Adding a drill to data/drills.yml is all it takes. A file in docs/ at the same
address (an old ``docs/drills/<id>.md``) stops the build and says which one to
delete. The "edit this page" link opens data/drills.yml (hooks/generated_edit_links.py).

In the Spanish build (mkdocs-static-i18n), only the drills translated completely get a page,
under ``es/drills/<id>/``, made from the merged Spanish entry; each page names the same page in
the other language, for the language switcher (hook_helpers/languages.py).

The pages are added at priority -110, after mkdocs-static-i18n's own ``on_files``
(-100), which fails on generated files (ultrabug/mkdocs-static-i18n#263).
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import content_model
from hook_helpers import languages
from macros.links import drill_src
from macros.state import BuildState, build_state

# The body of every drill page: the same text for all, with no value written into it. The macro
# reads which drill to show from the page's front matter (mkdocs-macros passes `page`).
_BODY = "{{ drill_page(page.meta.drill_of) }}\n"


def _page(drill: content_model.Drill, data_file: str) -> str:
    """The Markdown of a drill page: front matter written by a YAML serializer, and the body."""
    front_matter = {
        "title": drill.name,
        "description": drill.summary,
        "drill_of": drill.id,
        "generated_from": data_file,  # the data file its "edit this page" link opens
    }
    dumped = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n\n{_BODY}"


def _walk_order(src_uri: str) -> tuple[tuple[int, tuple[bool, str]], ...]:
    """Where MkDocs lists a file read from docs/: folder by folder, a folder's files (index first)
    before its subfolders. Drill pages take the place their Markdown files had, so the sitemap and
    the search index list pages in the same order."""
    *folders, name = PurePosixPath(src_uri).parts
    return (
        *((1, (False, f)) for f in folders),
        (0, (os.path.splitext(name)[0] not in ("index", "README"), name)),
    )


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    content = state.content
    data_file = content.file("drills")
    taken = {f.dest_uri: f for f in files}
    pages, problems = [], []
    for index, drill in enumerate(content.drills):  # in Spanish: the drills translated completely
        file = File.generated(config, drill_src(drill.id), content=_page(drill, data_file))
        # Under es/ in the Spanish build, with the page in the other language as its alternate.
        languages.place_generated(config, file, lambda lang, i=drill.id: _has_drill(state, lang, i))
        if file.dest_uri in taken:
            problems.append(
                content_model.ContentError(
                    data_file,
                    content.line_of("drills", drill.id),
                    3,
                    f"drills[{index}]",
                    f"the page of drill '{drill.id}' is made from {data_file} at {file.url}, but "
                    f"docs/{taken[file.dest_uri].src_uri} is already there: delete that file (a drill needs "
                    "no page of its own), or give the drill another id",
                )
            )
        taken[file.dest_uri] = file
        pages.append(file)
    if problems:
        raise Abort(content_model.ContentErrors(problems).report())
    # The files read from docs/ come first, in MkDocs' order; the drill pages join them in theirs.
    docs = os.path.join(config.docs_dir, "")
    read = [f for f in files if f.generated_by is None and (f.abs_src_path or "").startswith(docs)]
    in_read = {id(f) for f in read}
    others = [f for f in files if id(f) not in in_read]
    # Reordered in place: a plugin's own Files class (mkdocs-static-i18n has one) stays as it is.
    for file in [*read, *others]:  # every file
        files.remove(file)
    for file in [*sorted([*read, *pages], key=lambda f: _walk_order(f.src_uri)), *others]:
        files.append(file)
    languages.register_pages(config, files)
    return files


def _has_drill(state: BuildState, language: str, drill_id: str) -> bool:
    """Whether the site has the page of this drill in that language."""
    if language == languages.ENGLISH:
        return True
    return state.source.translation(language).has_drill(drill_id)
