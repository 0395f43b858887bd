"""Stop the build on page mistakes once every page has been read, before any page is written.

Macros (macros/page_errors.py) and hooks/macro_html.py note each mistake with its
page and line and let the page render on, so one build lists the mistakes of
every page. Here, after the last page is read (``on_env`` comes before MkDocs
writes anything), they are printed together and the build stops. Raised as an
``Abort``, the stop is a clean message in ``mkdocs build``, and in ``mkdocs serve``
the server keeps running and rebuilds when the page is fixed.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from macros.state import build_state


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    mistakes = build_state(config).mistakes  # this build's (each rebuild under `mkdocs serve` has its own)
    if mistakes:
        raise Abort(mistakes.report())
    return env
