"""A printed page's margins speak the page's language: "Página 1 de 3" on a Spanish page.

print.css (read by browsers and by WeasyPrint) lays out the page margins; the words in them come from
macros/strings.py. For a browser's print, this hook writes them, in the build's language, as
``assets/stylesheets/print-margins.<language>.css`` (a file: the Content Security Policy forbids
inline styles), and ``overrides/main.html`` links the one of the page's language after print.css.
On a demo site the top margin says "Demo site: not a real clinic." in that language too. The PDFs
take the same words from the same template (hooks/pdf_handouts.py).
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from hook_helpers.print_margins import margin_words
from macros.state import build_state


def _stylesheet(config: MkDocsConfig) -> str:
    return f"assets/stylesheets/print-margins.{build_state(config).language}.css"


# After mkdocs-static-i18n's own on_files (-100), which fails on a file made from a string
# (ultrabug/mkdocs-static-i18n#263). Each language's build writes its own file.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    words = margin_words(state.templates.strings, demo=state.content.clinic.demo)
    css = str(state.templates.render("print_margins_css", **words))
    files.append(File.generated(config, _stylesheet(config), content=css + "\n"))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["print_margins_css"] = _stylesheet(config)
    return env
