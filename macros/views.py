"""The views of the clinic, drill and root-cause macros: what each template shows.

Each view takes the page's context (macros/page_context.py) and the marker's
arguments, and returns a typed view whose keys are the arguments of the
template's Jinja macro (``macros/templates/<template>.html``). Views compute;
templates hold the markup. macros/__init__.py maps each marker to its view and
template (``MACROS``). An unknown id raises ``UnknownIdError``, which the page
reports (macros/page_errors.py).
"""

from __future__ import annotations

from typing import NotRequired, TypedDict

from content_model import Clinic, Drill, Program, RootCause, UnknownIdError
from content_model.models import LEVELS

from .dose import Step, dose_phrase, steps_with_hold
from .figures import FigureView, drill_figures, thumbnail
from .handout import handout_src
from .handout_views import DrillPrint, drill_print
from .links import drill_id_of, page_url
from .page_context import PageContext
from .picture_files import THUMB_SIZES, PhotoView
from .versions import where_done

# The drill index's filter (level, body area, floor work): linked by the index itself, so no other
# page loads it (the handout builder's weight counts every file a page loads at start).
FILTER_SCRIPT = "assets/javascripts/drill-filter.js"


class ClinicView(TypedDict):
    clinic: Clinic


class DrillView(TypedDict):
    """One drill, as the drill card and the drill page show it."""

    drill: Drill
    url: str  # the drill's page
    dose: str  # the dose in words ("" when the data gives none)
    requires: list[tuple[Drill, str, str | None]]  # the drills to master first, their pages and
    # the language of a page in another language than this one ("en": a drill not translated yet)
    lang: str | None  # "en" when the drill has no page in this page's language: its link says so
    thumb: FigureView | PhotoView | None  # the first picture, small beside the name (None: no pictures)


class VersionView(TypedDict):
    """An easier or harder version of a drill: its card's inputs, and why it is easier or harder."""

    card: DrillView  # its name, link and first picture, as on a drill card
    where: str  # where it is done: a key after "versions." in macros/strings.py (macros/versions.py)
    level: str | None  # its level when it differs from the drill's (None: the same level)


class VersionsView(TypedDict):
    easier: list[VersionView]  # "Too hard? Try ...": the drill's easier versions, as its data lists them
    harder: list[VersionView]  # "Ready for more? Try ...": the drills that name it as easier
    floor_page: str | None  # a floor drill's link to the page on getting down to the floor (None: not one)


class DrillPageView(DrillView):
    causes: list[tuple[RootCause, str | None]]  # the root causes it helps, linked when a page explains them
    versions: VersionsView
    printable: DrillPrint
    figures: list[FigureView | PhotoView]  # its pictures: drawn from poses, or the clinic's files
    clinic: Clinic  # its urgent-care box (data/clinic.yml, urgent_care)
    key_points: tuple[str, ...]  # its first program's "Key points" (or the site's default)
    steps: tuple[Step, ...]  # its steps, the hold time from its dose filled in (macros/dose.py)


class ProgramDrillsView(TypedDict):
    program: Program
    drills: list[DrillView]
    handout_url: str  # the program's printable handout page
    key_points: tuple[str, ...]  # the program's "Key points" (or the site's default)
    # each drill's steps, the hold time filled in (macros/dose.py), in the order of drills
    steps: list[tuple[Step, ...]]
    # "en" when the handout opened is the English one (a program not all in this page's language)
    handout_lang: NotRequired[str]


class DrillIndexView(TypedDict):
    drills: list[DrillView]
    levels: list[str]  # the levels that some drill has, easiest first
    targets: list[str]  # every body area, lowercase, sorted
    floor: bool  # some drills are done on the floor and some off it: the filter offers "no floor work"
    script: str  # the filter's script, linked from this page (only the index loads it)


class CauseLinksView(TypedDict):
    causes: list[tuple[RootCause, str | None]]


class CauseDetailsView(TypedDict):
    # each cause with the drills that help: (drill, link, "en" when the link goes to an English page)
    causes: list[tuple[RootCause, list[tuple[Drill, str, str | None]]]]


def drill_view(page: PageContext, drill: Drill) -> DrillView:
    return {
        "drill": drill,
        "url": page.drill_link(drill.id),
        "dose": dose_phrase(drill.dose, drill.each_side, page.state.language),
        "requires": [(page.drill(r), page.drill_link(r), page.link_language(r)) for r in drill.requires],
        "lang": page.link_language(drill.id),
        # its first picture, small (None without pictures); a photo loads when scrolled to
        "thumb": thumbnail(
            drill_figures(drill, page, sizes=THUMB_SIZES, eager=0, drawn=page.state.figures),
            page.state.figures,
        ),
    }


def cause_links(page: PageContext, causes: list[RootCause]) -> list[tuple[RootCause, str | None]]:
    """Links to each cause's section on the page named by extra.root_causes_page (None without one)."""
    causes_page = page.causes_page()
    return [(c, page.doc_link(causes_page, c.id) if causes_page else None) for c in causes]


def call_to_action(page: PageContext) -> ClinicView:
    """The clinic's call to action: heading, text, offer, click-to-call button, email."""
    return {"clinic": page.content.clinic}


def drill_card(page: PageContext, drill_id: str) -> DrillView:
    """One drill as a short card: name (linked to its page), level, summary."""
    return drill_view(page, page.drill(drill_id))


def program_drills(page: PageContext, program_id: str) -> ProgramDrillsView:
    """The drills of a program, in order, as a numbered list of cards."""
    if page.state.english is not None and not any(p.id == program_id for p in page.content.programs):
        # Not every drill of the program is translated: its drills are listed all the same, the
        # translated ones in this language and the others linked to their English pages, saying so.
        # Its handout is in English only: the button opens the English one, and says so.
        program = page.state.source.program(program_id)
        shown = [page.drill(d) for d in program.drills]
        return {
            "program": program,
            "drills": [drill_view(page, d) for d in shown],
            "handout_url": page.link(page_url(handout_src(program_id), page.state.use_directory_urls)),
            "key_points": page.content.key_points(None),
            "steps": [steps_with_hold(d.steps, d.dose, page.state.language) for d in shown],
            "handout_lang": page.state.languages[0],
        }
    shown = page.content.program_drills(program_id)
    return {
        "program": page.content.program(program_id),
        "drills": [drill_view(page, d) for d in shown],
        "handout_url": page.page_link(handout_src(program_id)),
        "key_points": page.content.key_points(page.content.program(program_id)),
        "steps": [steps_with_hold(d.steps, d.dose, page.state.language) for d in shown],
    }


class DrillPictureView(TypedDict):
    figure: FigureView | PhotoView


def drill_picture(page: PageContext, drill_id: str, number: int = 1) -> DrillPictureView:
    """One of a drill's pictures (the first by default), e.g. for a card on the home page."""
    drill = page.drill(drill_id)
    figures = drill_figures(drill, page, sizes=THUMB_SIZES, eager=0, drawn=page.state.figures)
    if not 1 <= number <= len(figures):
        raise UnknownIdError(
            f"drill '{drill_id}' has {len(figures)} picture{'s' if len(figures) != 1 else ''} in "
            f"{page.content.file('drills')}: ask for number 1"
            + (f" to {len(figures)}" if len(figures) > 1 else "")
            + (" (this drill has none yet: leave the picture out)" if not figures else "")
        )
    return {"figure": figures[number - 1]}


def drill_index(page: PageContext) -> DrillIndexView:
    """Every drill in the data, with its level and what it works on."""
    drills = page.content.drills
    return {
        "drills": [drill_view(page, d) for d in drills],
        "levels": [lv for lv in LEVELS if any(d.level == lv for d in drills)],
        "targets": sorted({t.lower() for d in drills for t in d.targets}),
        "floor": len({d.needs_floor for d in drills}) == 2,
        "script": page.link(FILTER_SCRIPT),
    }


def drill_versions(page: PageContext, drill: Drill) -> VersionsView:
    """A drill's easier and harder versions, each linked in this page's language (or to its English
    page when not translated: never left out), and, for a floor drill, the page on getting down to
    the floor and back up (mkdocs.yml extra.floor_page)."""
    source = page.state.source  # every drill, translated or not

    def version(other_id: str) -> VersionView:
        other = page.drill(other_id)
        return {
            "card": drill_view(page, other),
            "where": where_done(source.drill(other_id)),
            "level": other.level if other.level != drill.level else None,
        }

    floor_page = page.floor_page() if drill.needs_floor else None
    return {
        "easier": [version(d) for d in source.drill(drill.id).easier],
        "harder": [version(d.id) for d in source.harder_than(drill.id)],
        "floor_page": page.doc_link(floor_page) if floor_page else None,
    }


def drill_page(page: PageContext, drill_id: str) -> DrillPageView:
    """The whole page of one drill: the body of the page hooks/drill_pages.py generates for it."""
    content = page.content
    drill = content.drill(drill_id)
    if page.page_src is not None and drill_id_of(page.page_src) != drill_id:
        raise UnknownIdError(
            f"drill_page('{drill_id}') is only for the drill's own page, which the build makes from "
            f"{content.file('drills')}; it cannot go in docs/{page.page_src}: show the drill "
            f"there with drill_card('{drill_id}'), or link to its page"
        )
    return {
        **drill_view(page, drill),
        "causes": cause_links(page, content.causes_helped_by(drill_id)),
        "versions": drill_versions(page, drill),
        "printable": drill_print(page, drill),
        "figures": drill_figures(drill, page, drawn=page.state.figures),
        "clinic": content.clinic,
        "key_points": content.drill_key_points(drill_id),
        "steps": steps_with_hold(drill.steps, drill.dose, page.state.language),
    }


def root_cause_links(page: PageContext) -> CauseLinksView:
    """The root causes as a short numbered list, each linked to its section."""
    return {"causes": cause_links(page, list(page.content.root_causes))}


def _cause_details(page: PageContext, causes: list[RootCause]) -> CauseDetailsView:
    def helping(drill_id: str) -> tuple[Drill, str, str | None]:
        return page.drill(drill_id), page.drill_link(drill_id), page.link_language(drill_id)

    return {"causes": [(c, [helping(d) for d in c.drills]) for c in causes]}


def root_cause_details(page: PageContext) -> CauseDetailsView:
    """Each root cause as a section with a stable anchor and the drills that help."""
    return _cause_details(page, list(page.content.root_causes))


def root_cause(page: PageContext, cause_id: str) -> CauseDetailsView:
    """One root cause as a section (for pages that discuss a single cause)."""
    return _cause_details(page, [page.content.root_cause(cause_id)])
