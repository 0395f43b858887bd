"""Stop the build on page mistakes once every page has been read, before any page is written.

Macros (macros/page_errors.py) and hooks/macro_html.py note each mistake with its
page and line and let the page render on, so one build lists the mistakes of
every page. Here, after the last page is read (``on_env`` comes before MkDocs
writes anything), they are printed together and the build stops. Raised as an
``Abort``, the stop is a clean message in ``mkdocs build``, and in ``mkdocs serve``
the server keeps running and rebuilds when the page is fixed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

# The project folder, where macros/ lives (mkdocs-macros imports it from there too).
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from macros.page_errors import MISTAKES  # noqa: E402


def on_pre_build(config: MkDocsConfig) -> None:
    MISTAKES.clear()  # each build (and each rebuild under `mkdocs serve`) starts afresh


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if MISTAKES:
        raise Abort(MISTAKES.report())
    return env
