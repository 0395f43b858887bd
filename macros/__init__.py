"""The macros pages use: markers in Markdown, turned into HTML from the content model.

Every marker is one row of ``MACROS``: the marker's name, its view and its
template. The view (macros/views.py, macros/handout_views.py,
macros/handout_builder.py) takes the page's context (macros/page_context.py)
and the marker's arguments, looks up the data (an unknown id stops the build
and lists the known ids) and returns what the page shows, as a typed view. The
template of that name in ``macros/templates/`` turns it into HTML. No HTML is
written here. ``define_env`` registers every row the same way.

Put each macro on a line of its own, with a blank line before and after: its
HTML is a block of its own (Markdown sees only a placeholder, see blocks.py).
CONTRIBUTING.md lists every macro (tests/test_macro_table.py checks that it
lists these).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from . import handout_builder, handout_views, page_figures, views
from .blocks import held
from .page_context import PageContext
from .page_errors import check_syntax, clean_undefined, guarded
from .page_meta import CALL_TO_ACTION, SITE_SEARCH, URGENT_CARE
from .state import BuildState, build_state


@dataclass(frozen=True)
class Macro:
    """One marker: the view that computes what it shows, and the template that shows it."""

    # view(page context, *the marker's arguments) -> the template's arguments
    view: Callable[..., Mapping[str, Any]]
    template: str  # macros/templates/<template>.html, whose Jinja macro of that name renders the view
    # Its HTML holds the page's call to action (itself, or a printed footer): none is added at the end.
    places_call_to_action: bool = False
    # Its HTML holds the urgent-care box (macros/templates/urgent_care.html): none is added at the end.
    places_urgent_care: bool = False
    # It has a finder of its own: the page gets no site search box (macros/page_meta.py, SITE_SEARCH).
    has_own_finder: bool = False


MACROS: dict[str, Macro] = {
    "call_to_action": Macro(views.call_to_action, "call_to_action", places_call_to_action=True),
    "drill_page": Macro(views.drill_page, "drill_page", places_call_to_action=True, places_urgent_care=True),
    "drill_card": Macro(views.drill_card, "drill_card"),
    "drill_picture": Macro(views.drill_picture, "drill_picture"),
    "program_drills": Macro(views.program_drills, "program_drills"),
    "handout": Macro(handout_views.handout, "handout", places_call_to_action=True, places_urgent_care=True),
    "handout_list": Macro(handout_views.handout_list, "handout_list"),
    "handout_builder": Macro(
        handout_builder.handout_builder, "handout_builder", places_call_to_action=True, has_own_finder=True
    ),
    "drill_index": Macro(views.drill_index, "drill_index"),
    "root_cause_links": Macro(views.root_cause_links, "root_cause_links"),
    "root_cause_details": Macro(views.root_cause_details, "root_cause_details"),
    "root_cause": Macro(views.root_cause, "root_cause_details"),
    "page_figures": Macro(page_figures.page_figures, "page_figures"),
}


def page_macro(env: Any, state: BuildState, name: str, entry: Macro) -> Callable[..., Markup]:
    """The function mkdocs-macros calls for the marker ``name``: its view, for the current page, rendered.

    It takes the marker's arguments: the view's, without the page context (macros/page_errors.py
    checks a call against this signature, and names the macro in its messages).
    """

    def macro(*args: Any, **kwargs: Any) -> Markup:
        view = entry.view(PageContext.of(env, state), *args, **kwargs)
        if entry.places_call_to_action and env.page is not None:
            env.page.meta[CALL_TO_ACTION] = False
        if entry.places_urgent_care and env.page is not None:
            env.page.meta[URGENT_CARE] = False
        if entry.has_own_finder and env.page is not None:
            env.page.meta[SITE_SEARCH] = False
        return state.templates.render(entry.template, **view)

    signature = inspect.signature(entry.view)
    marker_parameters = list(signature.parameters.values())[1:]
    macro.__signature__ = signature.replace(parameters=marker_parameters)  # type: ignore[attr-defined]
    macro.__name__ = macro.__qualname__ = name
    macro.__doc__ = entry.view.__doc__
    return macro


def define_env(env: Any) -> None:
    state = build_state(env.conf)  # this build's: content loaded once, templates, held HTML, mistakes
    clinic = state.content.clinic

    # Escaped clinic facts for use inside prose: {{ clinic.name }}, {{ clinic.phone }}.
    env.variables["clinic"] = {
        "name": escape(clinic.name),
        "phone": escape(clinic.phone_display),
        **({"region": escape(clinic.region)} if clinic.region else {}),
    }

    # Each macro: an unknown id or wrong arguments stop the build cleanly (guarded), and its HTML
    # is held out of Markdown's way (held).
    for name, entry in MACROS.items():
        env.macro(guarded(env, state.mistakes, held(state.held, page_macro(env, state, name, entry))), name)


def compiled_once(from_string: Callable[..., Any], compiled: dict[str, Any]) -> Callable[..., Any]:
    """The Jinja environment's ``from_string``, compiling each text once: mkdocs-macros compiles every
    page's Markdown as a template, and the generated pages share their text (a drill page's body is
    the same for every drill, which its front matter names). A template holds no page's values, so
    one compiled text renders every page that has it; ``compiled`` is the build's
    (BuildState.page_templates)."""

    def from_text(source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return from_string(source, globals, template_class)
        found = compiled.get(source)
        if found is None:
            found = compiled[source] = from_string(source)
        return found

    from_text.compiled = compiled  # type: ignore[attr-defined]
    return from_text


def on_pre_page_macros(env: Any) -> None:
    """Report undefined variables and broken macro syntax with page and line."""
    state = build_state(env.conf)
    mistakes = state.mistakes
    if getattr(env.env.undefined, "page_mistakes", None) is not mistakes:  # once per build
        env.env.undefined = clean_undefined(env, mistakes)
    if getattr(env.env.from_string, "compiled", None) is not state.page_templates:  # once per build
        env.env.from_string = compiled_once(env.env.from_string, state.page_templates)
    # Pages without markers are not rendered; a text compiled already in this build is sound.
    markdown = env.markdown
    if (
        env.has_j2(markdown)
        and markdown not in state.page_templates
        and not check_syntax(env, mistakes, markdown)
    ):
        env.markdown = ""  # noted as a page mistake: the build stops once every page is read


def on_post_page_macros(env: Any) -> None:
    """Every page ends with the urgent-care box and the call to action (unless placed or turned off)
    and the disclaimer."""
    if env.page is None:
        return
    state = build_state(env.conf)
    clinic = state.content.clinic
    tail = []
    if clinic.urgent_care is not None and env.page.meta.get(URGENT_CARE, True):
        tail.append(state.templates.render("urgent_care", clinic=clinic))
    if env.page.meta.get(CALL_TO_ACTION, True):
        tail.append(state.templates.render("call_to_action", clinic=clinic))
    tail.append(state.templates.render("disclaimer", clinic=clinic))
    env.markdown += "\n\n" + "\n\n".join(state.held.hold(html) for html in tail) + "\n"
