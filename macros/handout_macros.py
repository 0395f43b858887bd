"""The handout macros: a program's printable handout, the list of handouts, and print links on drill pages.

``define_handout_macros`` is called from ``macros/__init__.py``; the handout
pages themselves are generated from ``data/programs.yml`` by
``hooks/handout_pages.py`` and hold one marker each: ``{{ handout("id") }}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from content_model import Drill, Program

from .handout import PDF_VARIANTS, Handout, drill_sheet, handout_src, pdf_path
from .links import page_url, relative
from .page_meta import CALL_TO_ACTION
from .state import BuildState


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


class HandoutMacros:
    """Computes handout views for the page being rendered."""

    def __init__(self, env: Any, state: BuildState) -> None:
        self.env = env
        self.state = state
        self.content = state.content
        self.directory_urls = state.use_directory_urls

    def _link(self, site_path: str) -> str:
        here = self.env.page.url if self.env.page is not None else ""
        return relative(site_path, here)

    def _page_link(self, src_uri: str) -> str:
        return self._link(page_url(src_uri, self.directory_urls))

    def links(self, program: Program, large_print: bool | None = None) -> HandoutLinks:
        """Links for a program's handout; large_print says which handout page we are on, if any."""
        variants = [v for v in PDF_VARIANTS if v.large_print or not large_print]  # large print: its own PDF only
        pdfs = tuple((v.label, self._link(pdf_path(program.id, v))) for v in variants)
        if large_print is None:
            return HandoutLinks(
                program.title,
                self._page_link(handout_src(program.id)),
                pdfs,
                f"Large-print version: {program.title}",
                self._page_link(handout_src(program.id, True)),
            )
        if large_print:
            return HandoutLinks(program.title, None, pdfs, "Regular print version", self._page_link(handout_src(program.id)))
        return HandoutLinks(
            program.title, None, pdfs, "Large-print version (bigger text)", self._page_link(handout_src(program.id, True))
        )

    def handout(self, program_id: str, large_print: bool = False) -> Markup:
        program = self.content.program(program_id)
        view = self.state.handout(program.id, large_print)  # the same view the PDFs print
        if self.env.page is not None:
            # The handout's footer holds the call to action: no second one at the end of the page.
            self.env.page.meta[CALL_TO_ACTION] = False
        return self.state.templates.render("handout", handout=view, links=self.links(program, large_print))

    def handout_list(self) -> Markup:
        return self.state.templates.render("handout_list", programs=[(p, self.links(p)) for p in self.content.programs])

    def drill_print(self, drill: Drill) -> DrillPrint:
        """The "Print this drill" sheet and the handouts that include the drill.

        The drill page shows the sheet's footer (call to action and safety line) on screen
        and on paper, so it is the page's call to action: none is added at the end.
        """
        if self.env.page is not None:
            self.env.page.meta[CALL_TO_ACTION] = False
        sheet = drill_sheet(self.content, drill, self.state.site_url, self.state.qr_codes, self.directory_urls)
        return DrillPrint(sheet, tuple(self.links(p) for p in self.content.programs_with(drill.id)))


def define_handout_macros(env: Any, macro: Callable[[Any], Any], state: BuildState) -> HandoutMacros:
    """Register ``handout`` and ``handout_list``; return the helper drill pages use."""
    macros = HandoutMacros(env, state)

    @macro
    def handout(program_id: str, large_print: bool = False) -> Markup:
        """A program's printable handout. Its pages are generated: handouts/<id>/ and handouts/<id>/large-print/."""
        return macros.handout(program_id, large_print)

    @macro
    def handout_list() -> Markup:
        """Every program's handout, with its large-print version and PDFs."""
        return macros.handout_list()

    return macros
