"""Mistakes in a page's macros stop the build with one clear line, never a traceback.

mkdocs-macros reports a failing macro with a full Python traceback (and hides
it entirely under ``mkdocs build -q``). Editors need the page, the line and
what to do instead, so three kinds of page mistake are caught here first:

* a macro given an unknown id or the wrong arguments,
* a variable that does not exist (``{{ clinic.fax }}``),
* broken macro syntax (``{{ drill_card("x" }}``).

Each prints ``docs/<page>:<line>: <message>`` (or a GitHub annotation on
Actions) and ends the build with exit code 1; hooks/macro_html.py reports a
macro left inside a code block the same way. The exit is a ``SystemExit``,
which neither mkdocs-macros nor MkDocs turns into a traceback.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError
from jinja2.utils import missing

from content_model import ContentError, UnknownIdError, format_errors


class PageMistake(SystemExit):
    """Ends the build after a page mistake has been reported."""


def _front_matter_lines(env: Any) -> int:
    """How many lines of front matter precede the Markdown the macros see."""
    page = env.page
    if page is None or not page.file.abs_src_path:
        return 0
    raw = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    markdown = page.markdown or ""
    if markdown and raw.endswith(markdown):
        return raw[: len(raw) - len(markdown)].count("\n")
    return 0


def _template_line() -> int | None:
    """The line of the page template being rendered, found on the call stack."""
    frame = sys._getframe(1)
    found = None
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.name is None:  # pages are rendered from strings
            found = template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return found


def report_mistake(src_uri: str, line: int, message: str) -> PageMistake:
    """Print a page mistake once, as ``docs/<page>:<line>:1: <message>``, and return the exception that ends the build."""
    error = ContentError(f"docs/{src_uri}", line, 1, "", message)
    print(format_errors([error]), file=sys.stderr)
    print("\nThe page has a mistake in a macro (see CONTRIBUTING.md, 'Macros'). Nothing was built.", file=sys.stderr)
    return PageMistake(1)


def fail(env: Any, message: str, line: int | None = None) -> PageMistake:
    """Report a mistake on the current page and return the exception that ends the build."""
    src = env.page.file.src_uri if env.page is not None else "?"
    line = line if line is not None else _template_line()
    return report_mistake(src, (line or 1) + _front_matter_lines(env), message)


def guarded(env: Any, macro: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a macro so that wrong arguments or unknown ids become a page mistake."""
    signature = inspect.signature(macro)
    usage = f"{macro.__name__}({', '.join(signature.parameters)})"

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as error:
            raise fail(env, f"{usage}: {error}") from None
        try:
            return macro(*args, **kwargs)
        except UnknownIdError as error:
            raise fail(env, f"{macro.__name__}: {error}") from None

    return call


def clean_undefined(env: Any) -> type[StrictUndefined]:
    """An undefined-variable class that reports the page and line, then stops."""

    class PageUndefined(StrictUndefined):
        reports_page_line = True

        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
            name = self._undefined_name
            owner = self._undefined_obj
            if owner is missing:
                macros = ", ".join(sorted(env.macros))
                what = f"'{name}' is not a macro or variable we know: check the spelling. Macros: {macros}"
            elif isinstance(owner, dict):
                what = f"'{name}' is not known here (known: {', '.join(sorted(owner))})"
            else:
                what = f"'{name}' is not known here: check the spelling (see CONTRIBUTING.md)"
            raise fail(env, what)

        __str__ = __iter__ = __len__ = __bool__ = __eq__ = __hash__ = _fail_with_undefined_error  # type: ignore[assignment]

    return PageUndefined


def check_syntax(env: Any, markdown: str) -> None:
    """Stop on broken macro syntax before mkdocs-macros tries to render it."""
    try:
        env.env.parse(markdown)
    except TemplateSyntaxError as error:
        raise fail(
            env,
            f"macro syntax error: {error.message}. Check the braces and quotes, "
            'e.g. {{ drill_card("spiderman") }}',
            line=error.lineno,
        ) from None
