"""Our own scripts and stylesheets are served minified, once the build has written them.

The files in ``overrides/assets/`` and ``docs/`` keep their comments and layout for the people
who change them; a patient's phone gets them without: stylesheets without comments and spaces
(rcssmin), scripts also with their local names shortened (hook_helpers/script_names.py, cached in
``.cache/minified-scripts/``). Issue 20: the handout builder page and what it loads at start weigh
at most 120 KB gzipped, and our scripts and stylesheets were about a third of it.

Scripts are read before the build writes anything (``on_pre_build``): one that cannot be read stops
the build with its file and line, and no page is written.

Once, by the outermost build, after mkdocs-static-i18n's builds of the other languages inside it
(-100), which copy the scripts and stylesheets again. The PDFs (hooks/pdf_handouts.py, -150) do not
care whether this runs before or after them: they are laid out and keyed with the stylesheets read
from their sources once per build (``on_files``, ``BuildState.sheet_stylesheets``), never with the
built copies minified here. Libraries under a ``vendor/`` folder are served as published, unchanged.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from hook_helpers.script_names import ScriptNames
from macros.state import build_state, outer_state

SUFFIXES = (".js", ".css")


def sources_in(folders: list[Path]) -> list[tuple[Path, Path]]:
    """(folder, source) of each script and stylesheet we wrote in these folders (not under vendor/)."""
    return [
        (folder, source)
        for folder in folders
        for source in sorted(folder.rglob("*"))
        if source.suffix in SUFFIXES and "vendor" not in source.relative_to(folder).parts
    ]


def our_files(config: MkDocsConfig) -> list[tuple[Path, Path]]:
    """(source, built file) of each script and stylesheet we wrote, in the theme's folder or docs/."""
    site = Path(config.site_dir)
    folders = [Path(config.docs_dir)]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return [(source, site / source.relative_to(folder)) for folder, source in sources_in(folders)]


def _shown(source: Path, root: Path) -> str:
    """A script's path as an error shows it: from the project's folder, where it is inside it."""
    return source.relative_to(root).as_posix() if source.is_relative_to(root) else source.as_posix()


def on_pre_build(config: MkDocsConfig) -> None:
    if outer_state(config) is not None:  # another language's build, inside this one
        return
    root = Path(config.config_file_path).parent
    names = ScriptNames(root / ".cache" / "minified-scripts")
    build_state(config).minified_scripts = {
        source: names.minified(source.read_text(encoding="utf-8"), _shown(source, root))
        for source, _ in our_files(config)
        if source.suffix == ".js"
    }
    names.forget_unused()


@event_priority(-160)  # after mkdocs-static-i18n (-100); before hooks/content_validation.py (-1000)
def on_post_build(config: MkDocsConfig) -> None:
    if outer_state(config) is not None:  # another language's build, inside this one
        return
    scripts = build_state(config).minified_scripts
    for source, built in our_files(config):
        if built.is_file():  # a file the build left out (a page's language, say) is not made here
            if source.suffix == ".js":
                built.write_text(scripts[source], encoding="utf-8")
            else:
                built.write_text(rcssmin.cssmin(source.read_text(encoding="utf-8")), encoding="utf-8")
