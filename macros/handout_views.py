"""Handout views: a program's printable handout, the list of handouts, and a drill page's print links.

The handout pages themselves are generated from ``data/programs.yml`` by
``hooks/handout_pages.py`` and hold one marker each: ``{{ handout("id") }}``.
macros/__init__.py maps the markers to these views (``MACROS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from content_model import Drill, Program

from .handout import PDF_VARIANTS, Handout, drill_sheet, handout_src, pdf_path
from .page_context import PageContext


@dataclass(frozen=True)
class HandoutLinks:
    """Where to get one program's handout, as links from the current page."""

    title: str
    page_url: str | None  # the handout page (None on that page itself)
    pdfs: tuple[tuple[str, str], ...]  # (label, url)
    other_label: str = ""  # the large-print page from the regular one, and back
    other_url: str | None = None


@dataclass(frozen=True)
class DrillPrint:
    """What a drill page needs to print: its one-drill sheet and the handouts it is on."""

    sheet: Handout
    handouts: tuple[HandoutLinks, ...]


# How links name each PDF (macros/strings.py), by its file name ending (PDF_VARIANTS).
_PDF_LABELS = {"": "handout.pdf_letter", "-a4": "handout.pdf_a4", "-large-print": "handout.pdf_large"}


class HandoutView(TypedDict):
    handout: Handout  # the same view the PDFs print
    links: HandoutLinks


class HandoutListView(TypedDict):
    programs: list[tuple[Program, HandoutLinks]]


def handout_links(page: PageContext, program: Program, large_print: bool | None = None) -> HandoutLinks:
    """Links for a program's handout; large_print says which handout page we are on, if any."""
    t = page.state.templates.strings  # the page's language
    variants = [v for v in PDF_VARIANTS if v.large_print or not large_print]  # large print: its own PDF only
    pdfs = tuple((t[_PDF_LABELS[v.suffix]], page.language_link(pdf_path(program.id, v))) for v in variants)
    if large_print is None:
        return HandoutLinks(
            program.title,
            page.page_link(handout_src(program.id)),
            pdfs,
            t["handout.large_version_here"],  # under the program's own heading: no title repeated
            page.page_link(handout_src(program.id, True)),
        )
    if large_print:
        regular = page.page_link(handout_src(program.id))
        return HandoutLinks(program.title, None, pdfs, t["handout.regular_version"], regular)
    large = page.page_link(handout_src(program.id, True))
    return HandoutLinks(program.title, None, pdfs, t["handout.large_version_here"], large)


def handout(page: PageContext, program_id: str, large_print: bool = False) -> HandoutView:
    """A program's printable handout. Its pages are generated: handouts/<id>/ and handouts/<id>/large-print/.

    The handout's footer holds the call to action: no second one at the end of the page.
    """
    program = page.content.program(program_id)
    return {
        "handout": page.state.handout(program.id, large_print),
        "links": handout_links(page, program, large_print),
    }


def handout_list(page: PageContext) -> HandoutListView:
    """Every program's handout, with its large-print version and PDFs."""
    return {"programs": [(p, handout_links(page, p)) for p in page.content.programs]}


def drill_print(page: PageContext, drill: Drill) -> DrillPrint:
    """The "Print this drill" sheet and the handouts that include the drill.

    The drill page shows the sheet's footer (call to action and safety line) on screen
    and on paper, so it is the page's call to action: none is added at the end.
    """
    state = page.state
    sheet = drill_sheet(
        page.content,
        drill,
        state.site_url,
        state.qr_codes,
        state.use_directory_urls,
        english=state.english,
        language=state.language,
        prefix=state.prefix,
        drawn=state.figures,
    )
    return DrillPrint(sheet, tuple(handout_links(page, p) for p in page.content.programs_with(drill.id)))
