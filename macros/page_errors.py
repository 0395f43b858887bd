"""Mistakes in a page's macros stop the build with clear lines, never a traceback.

mkdocs-macros reports a failing macro with a full Python traceback (and hides
it entirely under ``mkdocs build -q``), and ends ``mkdocs serve`` with it.
Editors need the page, the line and what to do instead, so these page
mistakes are caught here first:

* a macro given an unknown id or the wrong arguments,
* a variable that does not exist (``{{ clinic.fax }}``),
* broken macro syntax (``{{ drill_card("x" }}``),
* a macro left inside code (found by hooks/macro_html.py).

Each is noted in the build's ``PageMistakes`` (macros/state.py; the first on
each page) and the page renders on
without it, so that one build finds the mistakes of every page. Once every
page is read, hooks/page_mistakes.py prints them all, as
``docs/<page>:<line>:1: <message>`` (or GitHub annotations on Actions), and
stops the build before any page is written. ``mkdocs serve`` keeps running and
shows the site again when the mistake is fixed.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, TemplateSyntaxError
from jinja2.utils import missing
from markupsafe import Markup

from content_model import ContentError, UnknownIdError, format_errors


class PageMistakes:
    """The page mistakes found in this build: the first one of each page, in the order found."""

    def __init__(self) -> None:
        self._found: dict[str, ContentError] = {}

    def clear(self) -> None:
        self._found.clear()

    def add(self, src_uri: str, line: int, message: str) -> None:
        self._found.setdefault(src_uri, ContentError(f"docs/{src_uri}", line, 1, "", message))

    def __bool__(self) -> bool:
        return bool(self._found)

    def report(self) -> str:
        """Every mistake, then what to do: the text printed when the build stops."""
        count = len(self._found)
        pages = "A page has a mistake" if count == 1 else f"{count} pages have a mistake"
        return (
            f"{format_errors(list(self._found.values()))}\n\n"
            f"{pages} in a macro (see CONTRIBUTING.md, 'Macros'). Nothing was built."
        )


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


def fail(env: Any, mistakes: PageMistakes, message: str, line: int | None = None) -> None:
    """Note a mistake on the current page; the build stops once every page is read."""
    src = env.page.file.src_uri if env.page is not None else "?"
    line = line if line is not None else _template_line()
    mistakes.add(src, (line or 1) + _front_matter_lines(env), message)


def guarded(env: Any, mistakes: PageMistakes, macro: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a macro so that wrong arguments or unknown ids become a page mistake (and no output)."""
    signature = inspect.signature(macro)
    usage = f"{macro.__name__}({', '.join(signature.parameters)})"

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            signature.bind(*args, **kwargs)
        except TypeError as error:
            fail(env, mistakes, f"{usage}: {error}")
            return Markup("")
        try:
            return macro(*args, **kwargs)
        except UnknownIdError as error:
            fail(env, mistakes, f"{macro.__name__}: {error}")
            return Markup("")

    return call


def clean_undefined(env: Any, mistakes: PageMistakes) -> type[ChainableUndefined]:
    """An undefined-variable class that notes the page and line as soon as the value is used.

    Using it (printing, testing, looping, calling) is the mistake; ``is defined`` is not.
    It then acts as empty, so the page renders on and later pages are checked too."""

    class PageUndefined(ChainableUndefined):
        page_mistakes = mistakes  # where it notes them: the build's (see macros.on_pre_page_macros)

        def _report(self) -> None:
            name = self._undefined_name
            owner = self._undefined_obj
            if owner is missing:
                macros = ", ".join(sorted(env.macros))
                what = f"'{name}' is not a macro or variable we know: check the spelling. Macros: {macros}"
            elif isinstance(owner, dict):
                what = f"'{name}' is not known here (known: {', '.join(sorted(owner))})"
            else:
                what = f"'{name}' is not known here: check the spelling (see CONTRIBUTING.md)"
            fail(env, mistakes, what)

        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
            self._report()
            return self

        # Jinja binds these to its own method when the class is made: bind them to ours.
        __call__ = __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _fail_with_undefined_error
        __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _fail_with_undefined_error
        __mod__ = __rmod__ = _fail_with_undefined_error
        __pos__ = __neg__ = __pow__ = __rpow__ = _fail_with_undefined_error
        __lt__ = __le__ = __gt__ = __ge__ = __contains__ = _fail_with_undefined_error  # type: ignore[assignment]

        def __str__(self) -> str:
            self._report()
            return ""

        def __html__(self) -> str:
            return str(self)

        def __iter__(self) -> Iterator[Any]:
            self._report()
            return iter(())

        def __len__(self) -> int:
            self._report()
            return 0

        def __bool__(self) -> bool:
            self._report()
            return False

        def __eq__(self, other: object) -> bool:
            self._report()
            return False

        def __ne__(self, other: object) -> bool:
            self._report()
            return True

        def __hash__(self) -> int:
            self._report()
            return id(self)

    return PageUndefined


def check_syntax(env: Any, mistakes: PageMistakes, markdown: str) -> bool:
    """Note broken macro syntax before mkdocs-macros tries to render it; True if the page can render."""
    try:
        env.env.parse(markdown)
    except TemplateSyntaxError as error:
        fail(
            env,
            mistakes,
            f"macro syntax error: {error.message}. Check the braces and quotes, "
            'e.g. {{ drill_card("spiderman") }}',
            line=error.lineno,
        )
        return False
    return True
