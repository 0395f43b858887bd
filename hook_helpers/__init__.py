"""Code the MkDocs hooks in ``hooks/`` share, installed with the project (pyproject.toml).

Hooks import it by name (``from hook_helpers.html_tags import start_tags``), like any
installed package: no hook changes the import path. ``templates/`` holds the hooks' few
Jinja templates, rendered by the build's one environment for our templates
(``macros/render.py``, made per build in ``macros/state.py``).
"""

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"
