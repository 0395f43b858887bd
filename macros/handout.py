"""What a printed handout needs, computed once: drills in program order, doses in words, QR codes.

Python computes here; the templates ``handout*.html`` hold every tag. The same
view feeds the handout pages, the "Print this drill" sheet on each drill page,
and the PDFs that ``hooks/pdf_handouts.py`` writes after the build (a program's
view is made once per build, ``BuildState.handout`` in macros/state.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from content_model import Clinic, Content, Drill, Program
from hook_helpers.jargon import terms_used

from .dose import Step, dose_phrase, steps_with_hold
from .figures import DrawnFigures, FigureView, drill_figures, paper_figures
from .links import drill_src, page_url, relative
from .picture_files import PRINT_SIZES, PhotoView, printed
from .qr_codes import QrCode, QrCodes, encode
from .strings import strings_for


@dataclass(frozen=True)
class PdfVariant:
    """One PDF written for each program: its file name ending, paper size, print size and page limit."""

    suffix: str  # handouts/<program-id><suffix>.pdf
    paper: str  # a CSS @page size keyword
    large_print: bool
    label: str  # how links name it
    most_pages: int  # the page limit: a longer handout stops the build (hooks/pdf_handouts.py)
    name: str  # how build messages name it


# The one definition of the handouts' page limits: the build checks every PDF against
# them, and the tests (WeasyPrint's PDFs and Chromium's print) read them from here.
PDF_VARIANTS = (
    PdfVariant("", "letter", False, "PDF, US Letter", 3, "regular handout (US Letter)"),
    PdfVariant("-a4", "A4", False, "PDF, A4", 3, "regular handout (A4)"),
    PdfVariant("-large-print", "letter", True, "Large-print PDF", 6, "large-print handout (US Letter)"),
)


def handout_src(program_id: str, large_print: bool = False) -> str:
    """Where a program's handout page lives: handouts/<id>/ and handouts/<id>/large-print/."""
    return f"handouts/{program_id}/large-print.md" if large_print else f"handouts/{program_id}/index.md"


def pdf_path(program_id: str, variant: PdfVariant) -> str:
    """Site path of a program's PDF, e.g. 'handouts/hip-mobility-a4.pdf'."""
    return f"handouts/{program_id}{variant.suffix}.pdf"


@dataclass(frozen=True)
class HandoutDrill:
    """One drill as a handout shows it. The one input of the ``handout_drill`` template."""

    number: int | None  # its place in the program, from 1 (None for a drill printed alone)
    id: str
    name: str
    summary: str  # what it does
    position: str | None  # the starting position
    steps: tuple[Step, ...]  # the hold time from the dose filled in where a step holds (macros/dose.py)
    dose: str  # in words: "2 sets of 10 · once a day · each side"
    cautions: tuple[str, ...]
    requires: tuple[str, ...]  # names of the drills to master first
    url: str  # absolute address of the drill's page: what the QR code opens
    qr: QrCode  # the QR code that opens url (drawn by the qr_code template)
    anchor: str | None = None  # id of its heading; None where the page already shows the drill
    figures: tuple[FigureView | PhotoView, ...] = ()  # the start and end pictures, beside the steps
    # Where the page draws each of those once as a <symbol> (the builder): their ids, else ().
    figure_symbols: tuple[str | None, ...] = ()  # the builder: a drawn picture's <symbol> id (None: a photo)
    language: str = "en"  # the language it is printed in (its words come from macros/strings.py)
    # names of its easier versions ("Too hard? Do ... instead.", handout_easier.html), as its data lists them
    easier: tuple[str, ...] = ()
    video: bool = False  # the drill's page shows a video: the QR code's label says so
    tracker_weeks: int = 1  # weeks of boxes to tick (clinic.yml tracker_weeks; the builder's choice)


@dataclass(frozen=True)
class Handout:
    """A program's handout: the input of the ``handout_sheet`` template."""

    clinic: Clinic
    title: str
    summary: str
    drills: tuple[HandoutDrill, ...]
    large_print: bool = False
    footer: bool = True  # False where the page shows the footer itself (a drill page's own call to action)
    key_points: tuple[str, ...] = ()  # the "Key points" box, once on the sheet (Content.key_points)
    # The urgent-care box (clinic.yml urgent_care), once on the sheet. False only for the handout
    # builder's sheet, whose three-drills-a-page layout has no room yet (issue 16, left open).
    urgent_care: bool = True
    language: str = "en"  # the language it is printed in (its words come from macros/strings.py)
    # The sheet's last words, for people who are already patients (clinic.yml sheet_message, or
    # "Questions? Call us at <phone>." from macros/strings.py): not the web page's call to action.
    message: str = ""
    tracker_weeks: int = 1  # weeks of boxes under each drill (the builder's sheet: its default choice)
    # The medical words its drills use, each once with its plain words (data/plain_language.yml
    # jargon), listed under the key points: a web page puts them in brackets instead.
    words: tuple[tuple[str, str], ...] = ()

    def with_tracker_weeks(self, weeks: int) -> Handout:
        """The same sheet with ``weeks`` rows of boxes under every drill (a clinic's two weeks
        where they would take a sheet over its page limit: hooks/pdf_handouts.py)."""
        drills = tuple(replace(item, tracker_weeks=weeks) for item in self.drills)
        return replace(self, drills=drills, tracker_weeks=weeks)

    @property
    def easier_versions(self) -> tuple[tuple[tuple[int, ...], tuple[str, ...]], ...]:
        """The drills' easier versions, each once with the numbers of the drills it makes easier, in
        the order they first come: the large-print sheet's list (handout_easier.html)."""
        numbers: dict[tuple[str, ...], list[int]] = {}
        for item in self.drills:
            if item.easier and item.number is not None:
                numbers.setdefault(item.easier, []).append(item.number)
        return tuple((tuple(drills), names) for names, drills in numbers.items())


def sheet_words(content: Content, drills: list[Drill]) -> tuple[tuple[str, str], ...]:
    """The medical words a sheet of these drills prints, in the order they first come."""
    texts = [t for d in drills for t in (d.name, d.summary, d.position or "", *d.steps, *d.cautions)]
    return terms_used(texts, content.plain_language.jargon)


def absolute_url(site_url: str | None, src_uri: str, use_directory_urls: bool = True) -> str:
    """The published address of a page, for QR codes: site_url + the page's path."""
    if not site_url or urlsplit(site_url).scheme not in ("http", "https"):
        raise ValueError(
            "mkdocs.yml has no site_url (the published address of the site, like "
            "https://your-clinic.example/): QR codes on handouts need it. Set site_url, "
            "or the SITE_URL environment variable when you build"
        )
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, page_url(src_uri, use_directory_urls))


def qr_code(url: str) -> QrCode:
    """A QR code that opens url, as a handout shows it (see macros/qr_codes.py)."""
    return encode(url)


def handout_drill(
    content: Content,
    drill: Drill,
    number: int | None,
    site_url: str | None,
    qr_codes: QrCodes,
    use_directory_urls: bool = True,
    anchored: bool = True,
    english: Content | None = None,
    language: str = "en",
    shown_at: str = "",
    drawn: DrawnFigures | None = None,
) -> HandoutDrill:
    """One drill on a sheet. shown_at is the URL of the page that shows the sheet (its PDFs are
    printed from the same place), for links to the clinic's own pictures. ``english``: the English
    content, for the names of drills to master first that are not translated (content is then one
    language's, Content.localized). ``drawn``: the build's figures, drawn once (BuildState.figures)."""
    url = absolute_url(site_url, drill_src(drill.id), use_directory_urls)
    return HandoutDrill(
        number=number,
        id=drill.id,
        name=drill.name,
        summary=drill.summary,
        position=drill.position,
        steps=steps_with_hold(drill.steps, drill.dose, language),
        dose=dose_phrase(drill.dose, drill.each_side, language),
        cautions=tuple(drill.cautions),
        requires=tuple(_name(content, english, r) for r in drill.requires),
        easier=tuple(_name(content, english, e) for e in drill.easier),
        url=url,
        qr=qr_codes.code(url),  # encoded once per address (the build's QR codes)
        anchor=f"handout-drill-{drill.id}" if anchored else None,
        # every printed picture loads with the sheet: a browser prints no picture still to load; a
        # photo's src is its print-sized copy (what the PDFs embed)
        figures=tuple(
            printed(view) if isinstance(view, PhotoView) else view
            for view in paper_figures(
                drill_figures(
                    drill,
                    sizes=PRINT_SIZES,
                    eager=len(drill.pictures),
                    files=content.picture_files,
                    link=lambda site_path: relative(site_path, shown_at),
                    drawn=drawn,
                ),
                drawn,
            )
        ),
        language=language,
        video=drill.video is not None,
        tracker_weeks=content.clinic.tracker_weeks,
    )


def sheet_message(clinic: Clinic, language: str) -> str:
    """What the sheet says last to a patient: the clinic's own sheet_message, else the default from
    macros/strings.py with the clinic's phone number. Nothing else about the clinic is assumed."""
    if clinic.sheet_message:
        return clinic.sheet_message
    return strings_for(language)["sheet.message"].format(phone=clinic.phone_display)


def _name(content: Content, english: Content | None, drill_id: str) -> str:
    if english is not None and not any(d.id == drill_id for d in content.drills):
        return english.drill(drill_id).name
    return content.drill(drill_id).name


def program_handout(
    content: Content,
    program: Program,
    site_url: str | None,
    qr_codes: QrCodes,
    *,
    large_print: bool = False,
    use_directory_urls: bool = True,
    english: Content | None = None,
    language: str = "en",
    prefix: str = "",
    drawn: DrawnFigures | None = None,
) -> Handout:
    """A program's handout: its drills in program order, numbered from 1."""
    shown_at = prefix + page_url(handout_src(program.id, large_print), use_directory_urls)
    drills = tuple(
        handout_drill(
            content,
            content.drill(drill_id),
            number,
            site_url,
            qr_codes,
            use_directory_urls,
            english=english,
            language=language,
            shown_at=shown_at,
            drawn=drawn,
        )
        for number, drill_id in enumerate(program.drills, start=1)
    )
    return Handout(
        content.clinic,
        program.title,
        program.summary,
        drills,
        large_print,
        key_points=content.key_points(program),
        language=language,
        message=sheet_message(content.clinic, language),
        tracker_weeks=content.clinic.tracker_weeks,
        words=sheet_words(content, [content.drill(d) for d in program.drills]),
    )


def drill_sheet(
    content: Content,
    drill: Drill,
    site_url: str | None,
    qr_codes: QrCodes,
    use_directory_urls: bool = True,
    english: Content | None = None,
    language: str = "en",
    prefix: str = "",
    drawn: DrawnFigures | None = None,
) -> Handout:
    """One drill alone, for "Print this drill": the same header as a program handout.

    The drill page places the same footer itself, after the sheet, as its one call to action.
    """
    # No anchor: the drill's own page already has its heading (and search finds it there).
    shown_at = prefix + page_url(drill_src(drill.id), use_directory_urls)
    item = handout_drill(
        content,
        drill,
        None,
        site_url,
        qr_codes,
        use_directory_urls,
        anchored=False,
        english=english,
        language=language,
        shown_at=shown_at,
        drawn=drawn,
    )
    points = content.drill_key_points(drill.id)
    return Handout(
        content.clinic,
        "",
        "",
        (item,),
        footer=False,
        key_points=points,
        language=language,
        message=sheet_message(content.clinic, language),
        tracker_weeks=content.clinic.tracker_weeks,
        words=sheet_words(content, [drill]),
    )
