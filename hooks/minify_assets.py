"""Our own scripts and stylesheets are served minified, once the build has written them.

The files in ``overrides/assets/`` and ``docs/`` keep their comments and layout for the people
who change them; a patient's phone gets them without (rjsmin and rcssmin, which only take out
comments and spaces). Issue 20: the handout builder page and what it loads at start weigh at
most 120 KB gzipped, and our scripts and stylesheets were about a third of it.

Once, by the outermost build, after mkdocs-static-i18n's builds of the other languages inside it
(-100), which copy the scripts and stylesheets again. The PDFs (hooks/pdf_handouts.py, -150) do not
care whether this runs before or after them: they are laid out and keyed with the stylesheets read
from their sources once per build (``on_files``, ``BuildState.sheet_stylesheets``), never with the
built copies minified here. Libraries under a ``vendor/`` folder are served as published, unchanged.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from macros.state import outer_state

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def our_files(config: MkDocsConfig) -> list[tuple[Path, Path]]:
    """(source, built file) of each script and stylesheet we wrote, in the theme's folder or docs/."""
    site = Path(config.site_dir)
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return [
        (source, site / source.relative_to(folder))
        for folder in folders
        for source in sorted(folder.rglob("*"))
        if source.suffix in MINIFIERS and "vendor" not in source.relative_to(folder).parts
    ]


@event_priority(-160)  # after mkdocs-static-i18n (-100); before hooks/content_validation.py (-1000)
def on_post_build(config: MkDocsConfig) -> None:
    if outer_state(config) is not None:  # another language's build, inside this one
        return
    for source, built in our_files(config):
        if built.is_file():  # a file the build left out (a page's language, say) is not made here
            text = source.read_text(encoding="utf-8")
            built.write_text(MINIFIERS[source.suffix](text), encoding="utf-8")
