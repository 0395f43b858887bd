"""Render the Jinja component templates in ``macros/templates/``.

Python hands data to a template; the template holds the markup. Autoescaping
is on, so every value that comes from data reaches the page as text, never as
markup, even if it slipped past validation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2 import select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def use_bytecode_cache(folder: Path) -> None:
    """Keep compiled templates in ``folder`` between builds (Jinja recompiles an edited template)."""
    folder.mkdir(parents=True, exist_ok=True)
    cache: BytecodeCache = FileSystemBytecodeCache(str(folder))
    environment().bytecode_cache = cache


def render(component: str, **data: Any) -> Markup:
    """Call the macro named like its file: ``render("drill_card", drill=...)``.

    Blank lines are dropped so that Markdown keeps the result as one HTML block.
    """
    module = environment().get_template(f"{component}.html").module
    html = str(getattr(module, component)(**data))
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
