"""Render our Jinja templates: the macros' components (``macros/templates/``) and the hooks' few.

Python hands data to a template; the template holds the markup. All of them are
rendered by one environment per build, made from the theme's own
(``config.theme.get_env()``, as Material's hooks render theme templates) with
autoescaping on, so every value that comes from data reaches the page as text,
never as markup, even if it slipped past validation. The build keeps it in its
state (``macros/state.py``); hooks/template_cache.py gives it its bytecode cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from hook_helpers import TEMPLATES as HOOK_TEMPLATES

from .strings import strings_for

TEMPLATES = Path(__file__).parent / "templates"


class Templates:
    """Our templates, rendered by an environment derived from the theme's."""

    def __init__(self, theme_environment: Environment, language: str = "en") -> None:
        self.environment = theme_environment.overlay(
            loader=FileSystemLoader([TEMPLATES, HOOK_TEMPLATES]),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        # The interface words of the build's language, as `t` in every template (macros/strings.py).
        # The overlay shares its parent's globals: it gets a copy of its own, so the theme's stay as they are.
        self.strings = strings_for(language)
        # ui(language): another language's words, for a sheet printed in it (the builder's Spanish sheet
        # on the English page); a sheet's templates take their words from the sheet's language.
        self.environment.globals = {**self.environment.globals, "t": self.strings, "ui": strings_for}
        # Each drawn figure's lines, rendered once per build for each way it is painted (figure.html):
        # a drill's figures are shown on its page, its cards, every handout and sheet that holds it.
        self._drawings: dict[tuple[Any, bool], Markup] = {}
        self.environment.globals["drawing_once"] = self.drawing_once

    def macro(self, template: str, name: str) -> Any:
        """A Jinja macro of one template, e.g. ``macro("security_meta.html", "security_meta")``."""
        return getattr(self.environment.get_template(template).module, name)

    def drawing_once(self, view: Any, painted: bool) -> Markup:
        """figure.html's ``figure_drawing(view, painted)``, rendered the first time it is asked for
        and reused after (a FigureView is frozen: equal views draw the same lines)."""
        key = (view, painted)
        found = self._drawings.get(key)
        if found is None:
            found = self._drawings[key] = Markup(self.macro("figure.html", "figure_drawing")(view, painted))
        return found

    def render(self, component: str, **data: Any) -> Markup:
        """Call the macro named like its file: ``render("drill_card", drill=...)``.

        Blank lines are dropped so that Markdown keeps the result as one HTML block.
        """
        html = str(self.macro(f"{component}.html", component)(**data))
        return Markup("\n".join(filter(str.strip, html.splitlines())))  # the lines not blank
