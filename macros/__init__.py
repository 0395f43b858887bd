"""The macros pages use: markers in Markdown, turned into HTML from the content model.

Each macro looks up data (an unknown id stops the build and lists the known
ids), computes what the page needs, and hands it to the Jinja template of the
same name in ``macros/templates/``. No HTML is written here.

Put each macro on a line of its own, with a blank line before and after: its
HTML is a block of its own (Markdown sees only a placeholder, see blocks.py).
CONTRIBUTING.md lists every macro.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

import content_model
from content_model import Drill
from content_model.models import LEVELS

from .blocks import held
from .dose import dose_phrase
from .figures import drill_figures
from .handout_builder import define_handout_builder_macro
from .handout_macros import define_handout_macros
from .links import drill_id_of, drill_src, page_url, relative
from .page_errors import check_syntax, clean_undefined, guarded
from .page_meta import CALL_TO_ACTION
from .state import build_state


def define_env(env: Any) -> None:
    state = build_state(env.conf)  # this build's: content loaded once, templates, held HTML, mistakes
    content = state.content
    render = state.templates.render

    def macro(function: Any) -> Any:
        """Register a macro; an unknown id or wrong arguments stop the build cleanly."""
        env.macro(guarded(env, state.mistakes, held(state.held, function)))
        return function

    clinic = content.clinic
    directory_urls = state.use_directory_urls
    handouts = define_handout_macros(env, macro, state)  # handout(), handout_list()
    define_handout_builder_macro(env, macro, state)  # handout_builder()

    def here() -> str:
        return env.page.url if env.page is not None else ""

    def link_to_drill(drill_id: str) -> str:
        return relative(page_url(drill_src(drill_id), directory_urls), here())

    def link_to(src_uri: str, anchor: str = "") -> str:
        url = relative(page_url(src_uri, directory_urls), here())
        return f"{url}#{anchor}" if anchor else url

    def cause_links(causes: list[Any]) -> list[tuple[Any, str | None]]:
        """Links to each cause's section on the page named by extra.root_causes_page."""
        page = causes_page()
        return [(c, link_to(page, c.id) if page else None) for c in causes]

    def drill_view(drill: Drill) -> dict[str, Any]:
        """What templates need to show a drill, computed once here."""
        return {
            "drill": drill,
            "url": link_to_drill(drill.id),
            "dose": dose_phrase(drill.dose, drill.each_side),
            "requires": [(content.drill(r), link_to_drill(r)) for r in drill.requires],
        }

    def causes_page() -> str | None:
        """The page that explains every root cause (mkdocs.yml: extra.root_causes_page)."""
        page = (env.conf.get("extra") or {}).get("root_causes_page")
        if page and not (Path(env.conf["docs_dir"]) / page).is_file():
            raise content_model.UnknownIdError(
                f"mkdocs.yml sets extra.root_causes_page to '{page}', but docs/{page} does not exist: "
                "fix the path, or remove the setting"
            )
        return page

    # Escaped clinic facts for use inside prose: {{ clinic.name }}, {{ clinic.phone }}.
    env.variables["clinic"] = {
        "name": escape(clinic.name),
        "phone": escape(clinic.phone_display),
        **({"region": escape(clinic.region)} if clinic.region else {}),
    }

    @macro
    def call_to_action() -> Markup:
        """The clinic's call to action: heading, text, offer, click-to-call button, email."""
        if env.page is not None:
            env.page.meta[CALL_TO_ACTION] = False  # placed here: none at the end of the page
        return render("call_to_action", clinic=clinic)

    @macro
    def drill_card(drill_id: str) -> Markup:
        """One drill as a short card: name (linked to its page), level, summary."""
        return render("drill_card", **drill_view(content.drill(drill_id)))

    @macro
    def program_drills(program_id: str) -> Markup:
        """The drills of a program, in order, as a numbered list of cards."""
        drills = [drill_view(d) for d in content.program_drills(program_id)]
        return render("program_drills", program=content.program(program_id), drills=drills)

    @macro
    def drill_index() -> Markup:
        """Every drill in the data, with its level and what it works on."""
        targets = sorted({t.lower() for d in content.drills for t in d.targets})
        levels = [lv for lv in LEVELS if any(d.level == lv for d in content.drills)]
        return render("drill_index", drills=[drill_view(d) for d in content.drills], levels=levels, targets=targets)

    @macro
    def drill_page(drill_id: str) -> Markup:
        """The whole page of one drill: the body of the page hooks/drill_pages.py generates for it."""
        drill = content.drill(drill_id)
        if env.page is not None and drill_id_of(env.page.file.src_uri) != drill_id:
            raise content_model.UnknownIdError(
                f"drill_page('{drill_id}') is only for the drill's own page, which the build makes from "
                f"{content.file('drills')}; it cannot go in docs/{env.page.file.src_uri}: show the drill "
                f"there with drill_card('{drill_id}'), or link to its page"
            )
        return render(
            "drill_page",
            causes=cause_links(content.causes_helped_by(drill_id)),
            printable=handouts.drill_print(drill),
            figures=drill_figures(drill),
            **drill_view(drill),
        )

    @macro
    def root_cause_links() -> Markup:
        """The root causes as a short numbered list, each linked to its section."""
        return render("root_cause_links", causes=cause_links(list(content.root_causes)))

    @macro
    def root_cause_details() -> Markup:
        """Each root cause as a section with a stable anchor and the drills that help."""
        causes = [
            (c, [(content.drill(d), link_to_drill(d)) for d in c.drills]) for c in content.root_causes
        ]
        return render("root_cause_details", causes=causes)

    @macro
    def root_cause(cause_id: str) -> Markup:
        """One root cause as a section (for pages that discuss a single cause)."""
        cause = content.root_cause(cause_id)
        return render("root_cause_details", causes=[(cause, [(content.drill(d), link_to_drill(d)) for d in cause.drills])])


def on_pre_page_macros(env: Any) -> None:
    """Report undefined variables and broken macro syntax with page and line."""
    mistakes = build_state(env.conf).mistakes
    if getattr(env.env.undefined, "page_mistakes", None) is not mistakes:  # once per build
        env.env.undefined = clean_undefined(env, mistakes)
    if env.has_j2(env.markdown) and not check_syntax(env, mistakes, env.markdown):  # pages without markers are not rendered
        env.markdown = ""  # noted as a page mistake: the build stops once every page is read


def on_post_page_macros(env: Any) -> None:
    """Every page ends with the call to action (unless placed) and the disclaimer."""
    if env.page is None:
        return
    state = build_state(env.conf)
    clinic = state.content.clinic
    tail = []
    if env.page.meta.get(CALL_TO_ACTION, True):
        tail.append(state.templates.render("call_to_action", clinic=clinic))
    tail.append(state.templates.render("disclaimer", clinic=clinic))
    env.markdown += "\n\n" + "\n\n".join(state.held.hold(html) for html in tail) + "\n"


def on_post_build(env: Any) -> None:
    """Keep this build's QR codes for the next one."""
    build_state(env.conf).qr_codes.save()
