"""One handout page per program in data/programs.yml, generated: no Markdown file to write.

For each program the build gets two pages:

* ``handouts/<id>/``, the sheet a therapist prints;
* ``handouts/<id>/large-print/``, the same in large print.

Each page's front matter is written by a YAML serializer from the program's data
(its title and summary may hold any text: quotes, colons, '#', emoji), and says
which handout it shows (``handout_of``); its body is the same macro marker for
every program, which reads that from the front matter. No value is pasted into
YAML or Markdown text.

Adding a program to data/programs.yml is all it takes. A page in docs/ at the
same address stops the build and says which one to delete. The "edit this
page" link of a handout opens data/programs.yml, where its content lives
(hooks/generated_edit_links.py).

The pages are added at priority -110, after mkdocs-static-i18n's own ``on_files``
(-100), which fails on generated files (ultrabug/mkdocs-static-i18n#263).
"""

from __future__ import annotations

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import content_model
from hook_helpers import languages
from macros.handout import handout_src
from macros.page_meta import CALL_TO_ACTION
from macros.state import BuildState, build_state
from macros.strings import UiStrings

_MARKER = "generated_from"  # front matter key naming the data file the "edit this page" link opens


# The body of every generated page: the same text for all, with no value written into it. The
# macro reads which program to show from the page's front matter (mkdocs-macros passes `page`).
_BODY = "{{ handout(page.meta.handout_of.program, large_print=page.meta.handout_of.large_print) }}\n"


def _page(program: content_model.Program, large_print: bool, data_file: str, strings: UiStrings) -> str:
    """The Markdown of a generated page: front matter written by a YAML serializer, and the body.

    Titles and summaries are data (an emoji, a quote, a colon or a '#' in a program's title is
    text like any other): they go into the front matter through yaml.safe_dump, never by pasting
    strings together, and MkDocs reads them back unchanged.
    """
    title = strings["title.large_print" if large_print else "title.printable"].format(title=program.title)
    front_matter = {
        "title": title,
        "description": program.summary,
        CALL_TO_ACTION: False,  # the handout's printed footer holds it
        # Search leaves handouts out (Material reads search.exclude): each drill is found on its own
        # page, and the list of handouts, which search does index, names every program.
        "search": {"exclude": True},
        "handout_of": {"program": program.id, "large_print": large_print},
        _MARKER: data_file,
    }
    dumped = yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{dumped}---\n\n{_BODY}"


@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    content = state.content
    taken = {f.dest_uri: f for f in files}
    for index, program in enumerate(content.programs):  # in Spanish: programs with every drill translated
        for large_print in (False, True):
            src = handout_src(program.id, large_print)
            text = _page(program, large_print, content.file("programs"), state.templates.strings)
            file = File.generated(config, src, content=text)
            languages.place_generated(config, file, lambda lang, i=program.id: _has_program(state, lang, i))
            if file.dest_uri in taken:
                where = f"{content.file('programs')}:{content.line_of('programs', program.id)}"
                raise Abort(
                    f"{where}: programs[{index}]: the handout of program '{program.id}' is generated at "
                    f"{file.url}, but docs/{taken[file.dest_uri].src_uri} is already there: delete that "
                    "file, or give the program another id"
                )
            taken[file.dest_uri] = file
            files.append(file)
    languages.register_pages(config, files)
    return files


def _has_program(state: BuildState, language: str, program_id: str) -> bool:
    """Whether the site has this program's handout in that language (never a partial one)."""
    if language == languages.ENGLISH:
        return True
    return state.source.translation(language).has_program(program_id)
