"""A drill's pictures show wherever the drill is listed or printed, not only on its page.

Drill cards (the drill index, program lists, articles) carry the first picture as a decorative
thumbnail; handout pages, their PDFs and the builder show the start and end pictures beside
the steps; the PDFs draw them as vectors. Read from the built site with the HTML parser, from
the PDF hook's own documents, and from the PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from pypdf import PdfReader

import content_model
from build_state_helpers import config_with_state, render
from conftest import ROOT, Build, load_hook
from macros.figures import drill_figures, paper_figures, thumbnail
from macros.handout import PDF_VARIANTS, pdf_path

CONTENT = content_model.load(ROOT / "data", shown_dir="data")
PICTURED = [drill for drill in CONTENT.drills if drill.pictures]
UNPICTURED = [drill for drill in CONTENT.drills if not drill.pictures]
PROGRAM = CONTENT.programs[0]


def card_of(soup: BeautifulSoup, drill: content_model.Drill) -> Tag:
    """The card whose heading names the drill."""
    cards = [
        c
        for c in soup.select(".drill-card")
        if c.select_one(".drill-card__name a").get_text(strip=True) == drill.name
    ]
    assert len(cards) == 1, drill.id
    return cards[0]


def assert_decorative_thumbnail(card: Tag, drill: content_model.Drill) -> None:
    """The card shows the drill's first picture small, hidden from screen readers (its name is beside it)."""
    thumbs = card.select(".drill-figure--thumb")
    assert len(thumbs) == 1, drill.id
    svg = thumbs[0].find("svg")
    assert thumbs[0]["aria-hidden"] == "true" and svg["aria-hidden"] == "true"
    assert not svg.find("title") and not svg.get("aria-label") and not svg.get("role")
    assert not thumbs[0].find("figcaption")
    expected = thumbnail(drill_figures(drill))
    assert svg["viewbox"] == expected.view_box  # the first picture, cut to the body
    assert svg.select(".figure__near line") and svg.select(".figure__head")
    assert not svg.select(".figure__ghost")  # the first picture has no earlier one behind it
    assert "drill-card--thumb" in card["class"]


@pytest.mark.parametrize(("page", "heading"), [("drills/", "h2"), ("articles/hip-mobility-drills/", "h3")])
def test_every_card_shows_its_drills_first_picture_as_a_decorative_thumbnail(
    site: Build, page: str, heading: str
) -> None:
    soup = site.html(page)
    listed = CONTENT.drills if page == "drills/" else CONTENT.program_drills(PROGRAM.id)
    for drill in listed:
        card = card_of(soup, drill)
        assert card.select_one(".drill-card__name").name == heading
        if drill.pictures:
            assert_decorative_thumbnail(card, drill)
        else:
            assert not card.select("svg, .drill-figure") and "drill-card--thumb" not in card["class"]
    assert not soup.select("[style]"), "the CSP forbids style attributes"


def test_a_program_list_shows_each_drills_thumbnail_in_program_order(site: Build) -> None:
    soup = site.html("articles/hip-mobility-drills/")
    items = soup.select(".program-drills > .program-drills__item")
    # the name's link: the first use of a medical word in a name is explained after it, in brackets
    assert [i.select_one(".drill-card__name a").get_text(strip=True) for i in items] == [
        d.name for d in CONTENT.program_drills(PROGRAM.id)
    ]
    with_pictures = [
        i.select_one(".drill-card__name a").get_text(strip=True)
        for i in items
        if i.select(".drill-figure--thumb")
    ]
    assert with_pictures == [d.name for d in CONTENT.program_drills(PROGRAM.id) if d.pictures]


def printed_figures(section: Tag) -> list[Tag]:
    # a <div>, not a <figure>: a browser's tagged PDF would make a <figure> a second, nameless Figure
    return section.select(".handout-drill__figures div.drill-figure--print")


def assert_printed_pictures(section: Tag, drill: content_model.Drill) -> None:
    """Start and end beside the steps, each named by its alt, drawn inline with print strokes."""
    views = paper_figures(drill_figures(drill))
    figures = printed_figures(section)
    assert len(figures) == len(views) == min(len(drill.pictures), 2), drill.id
    body = section.select_one(".handout-drill__body--figures")
    assert (
        body is not None
        and body.select_one(".handout-drill__figures")
        and body.select_one("ol.handout-drill__steps")
    )
    for figure, view in zip(figures, views, strict=True):
        svg = figure.find("svg")
        assert (
            svg["role"] == "img"
            and svg["aria-label"] == view.alt
            and svg.find("title").get_text() == view.alt
        )
        assert svg["viewbox"] == view.view_box
        if view.caption:
            assert figure.select_one(".drill-figure__caption").get_text(strip=True) == view.caption
        # WeasyPrint does not apply the page's stylesheets inside an SVG: the strokes are on the SVG itself
        body_group = svg.select_one("g.figure__body")
        assert body_group["stroke"] == "currentColor" and body_group["fill"] == "none"
        assert svg.select_one(".figure__head")["fill"] == "currentColor"
        assert float(svg.select_one("g.figure__far")["opacity"]) >= 0.5  # grey that still photocopies


@pytest.mark.parametrize("page", ["", "large-print/"])
def test_handout_pages_show_start_and_end_beside_each_drills_steps(site: Build, page: str) -> None:
    soup = site.html(f"handouts/{PROGRAM.id}/{page}")
    sections = soup.select(".handout-sheet__drills .handout-drill")
    drills = CONTENT.program_drills(PROGRAM.id)
    assert len(sections) == len(drills)
    for section, drill in zip(sections, drills, strict=True):
        if drill.pictures:
            assert_printed_pictures(section, drill)
        else:
            assert not section.select("svg.figure, .handout-drill__figures")
            assert not section.select(".handout-drill__body--figures")


def test_a_drill_pages_print_sheet_shows_its_pictures(site: Build) -> None:
    for drill in PICTURED:
        sheet = site.html(f"drills/{drill.id}/").select_one("aside.print-sheet")
        assert_printed_pictures(sheet.select_one(".handout-drill"), drill)


def test_paper_shows_the_first_and_the_last_of_up_to_four_pictures() -> None:
    drill = PICTURED[0]
    frames = [drill.pictures[0], drill.pictures[-1], drill.pictures[0], drill.pictures[-1]]
    for count in range(1, 5):
        views = drill_figures(drill.model_copy(update={"pictures": frames[:count]}))
        printed = paper_figures(views)
        assert [v.alt for v in printed] == [views[0].alt] + ([views[-1].alt] if count > 1 else [])
        # one frame for start and end, so the body keeps its size between the two
        assert len({v.view_box for v in printed}) == 1
        assert thumbnail(views).alt == views[0].alt
    assert paper_figures([]) == () and thumbnail([]) is None


def test_the_thumbnail_template_is_decorative_and_the_print_one_is_named() -> None:
    view = thumbnail(drill_figures(PICTURED[0]))
    thumb = BeautifulSoup(
        str(render("drill_card", drill=PICTURED[0], url="x/", dose="", requires=[], thumb=view)),
        "html.parser",
    )
    assert thumb.select_one(".drill-figure--thumb svg")["aria-hidden"] == "true"
    assert thumb.select_one(".drill-figure--thumb").name == "span"  # may sit in a label (the builder)


# --- The PDFs ---------------------------------------------------------------------------------


def test_the_sheet_weasyprint_prints_holds_each_picture_as_inline_svg(tmp_path: Path) -> None:
    """What hooks/pdf_handouts.py hands to WeasyPrint: the pictures are SVG in the document, not images."""
    hook = load_hook("pdf_handouts.py")
    config, state = config_with_state(ROOT, site_dir=str(tmp_path))
    jobs = hook.jobs(config, state)
    assert jobs
    for job in jobs:
        soup = BeautifulSoup(job.html, "html.parser")
        assert not soup.find("img") and not soup.find("use"), job.target
        sections = soup.select(".handout-drill")
        drills = CONTENT.program_drills(job.program_id)
        assert len(sections) == len(drills)
        for section, drill in zip(sections, drills, strict=True):
            if drill.pictures:
                assert_printed_pictures(section, drill)


def image_xobjects(pdf: Path) -> list[str]:
    """Every raster image a PDF's pages draw, by page and name (a vector drawing is none)."""
    found = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        resources = page.get("/Resources") or {}
        stack = [resources]
        while stack:
            current = stack.pop().get_object()
            for name, xobject in (current.get("/XObject") or {}).items():
                xobject = xobject.get_object()
                if xobject.get("/Subtype") == "/Image":
                    found.append(f"page {number}: {name}")
                elif xobject.get("/Resources"):
                    stack.append(xobject["/Resources"])
    return found


def test_the_pdfs_draw_the_pictures_as_vectors_not_images(site: Build) -> None:
    """With the sheet above handing WeasyPrint inline SVG, no PDF holds a raster image."""
    for variant in PDF_VARIANTS:
        pdf = site.site / pdf_path(PROGRAM.id, variant)
        assert image_xobjects(pdf) == [], f"{pdf.name} holds raster images"
