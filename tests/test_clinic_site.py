"""The built site follows data/clinic.yml: colours, footer, Call button, urgent-care box.

Another clinic's identity (logo, colour, address, country) is tested in test_other_clinic.py;
the refusals of bad values in test_clinic_identity.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

import content_model
from conftest import ROOT, Build
from content_model.identity import DEFAULT_BRAND_COLOR
from macros.dose import steps_with_hold
from site_pages import page_file, page_paths

DEFAULT = content_model.load(ROOT / "data", shown_dir="data").clinic
SPANISH_CLINIC = content_model.load(ROOT / "data", shown_dir="data").localized("es").clinic


def pages(site: Build) -> dict[str, BeautifulSoup]:
    return {
        path: BeautifulSoup(page_file(site.site, path).read_text(encoding="utf-8"), "html.parser")
        for path in page_paths(site.site)
    }


def test_every_page_has_the_clinic_footer_and_no_theme_credit(site: Build) -> None:
    for path, html in pages(site).items():
        footers = html.select("footer.clinic-footer")
        assert len(footers) == 1, f"/{path}: {len(footers)} clinic footers"
        footer = footers[0]
        assert footer.select_one(".clinic-footer__name").get_text(strip=True) == DEFAULT.name
        phone = footer.select_one(".clinic-footer__phone a")
        assert (phone["href"], phone.get_text(strip=True)) == (DEFAULT.phone_href, DEFAULT.phone_display)
        # The demo clinic has no address, hours or email: nothing is made up for them.
        unset = ("address", ".clinic-footer__hours", ".clinic-footer__email", ".clinic-footer__booking")
        for missing in unset:
            assert footer.select_one(missing) is None, f"/{path}: {missing} shown for a clinic without it"
        text = html.get_text(" ", strip=True)
        assert "Made with" not in text and "Material for MkDocs" not in text, f"/{path}"
        assert not html.select('a[href*="squidfunk"]'), f"/{path}"


def test_the_edit_pencil_is_gone_and_staff_find_suggest_a_change_in_the_footer(site: Build) -> None:
    found = pages(site)
    for path, html in found.items():
        assert not html.select("a.md-content__button, a[rel=edit]"), f"/{path} still shows the edit pencil"
    article = found["articles/hip-mobility-drills/"].select_one(".clinic-footer__staff a")
    assert article.get_text(strip=True) == "Suggest a change to this page"
    assert article["href"].endswith("/docs/articles/hip-mobility-drills.md")
    drill = found["drills/spiderman/"].select_one(".clinic-footer__staff a")
    assert drill["href"].endswith("/data/drills.yml")  # a generated page opens its data file


def test_the_colours_come_from_a_generated_stylesheet_listed_on_every_page(site: Build) -> None:
    css = (site.site / "assets/stylesheets/clinic.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color: {DEFAULT_BRAND_COLOR};" in css
    assert f"--md-typeset-a-color: {DEFAULT_BRAND_COLOR};" in css
    for path, html in pages(site).items():
        sheets = [link["href"] for link in html.select("link[rel=stylesheet]")]
        names = [sheet.rsplit("/", 1)[-1] for sheet in sheets]
        assert "clinic.css" in names, f"/{path}: {sheets}"
        # After the theme's palette and site.css, so its colours win.
        palette = next(i for i, name in enumerate(names) if name.startswith("palette."))
        assert names.index("clinic.css") > max(palette, names.index("site.css")), f"/{path}: {sheets}"
        assert not html.select("[style]"), f"/{path} has an inline style, which the CSP blocks"
        assert html.body["data-md-color-primary"] == "custom"


def urgent_box(html: BeautifulSoup) -> list:
    return html.select("section.urgent-care")


@pytest.mark.parametrize(
    "path",
    [
        "articles/hip-mobility-drills/",
        "articles/back-pain-when-walking/",
        "drills/spiderman/",
        "handouts/hip-mobility/",
        "handouts/hip-mobility/large-print/",
    ],
)
def test_the_urgent_care_box_is_on_articles_drill_pages_and_handouts(site: Build, path: str) -> None:
    html = BeautifulSoup(page_file(site.site, path).read_text(encoding="utf-8"), "html.parser")
    on_screen = [box for box in urgent_box(html) if not box.find_parent("aside", class_="print-sheet")]
    assert len(on_screen) == 1, f"/{path}: {len(on_screen)} urgent-care boxes on screen"
    box = on_screen[0]
    care = DEFAULT.urgent_care
    assert box.select_one(".urgent-care__title").get_text(" ", strip=True) == (
        f"Call {care.emergency_number} or go to the emergency room if you have:"
    )
    assert [li.get_text(strip=True) for li in box.select("li")] == care.signs


def test_the_urgent_care_box_sits_after_when_to_stop_on_a_drill_page(site: Build) -> None:
    article = site.html("drills/spiderman/").select_one("article.drill")
    order = [el["class"][-1] for el in article.select(".drill__cautions, .urgent-care")]
    assert order == ["drill__cautions", "urgent-care"]


@pytest.mark.parametrize("path", ["", "drills/", "handouts/"])
def test_pages_that_only_list_others_have_no_urgent_care_box(site: Build, path: str) -> None:
    assert urgent_box(site.html(path)) == []


@pytest.mark.parametrize("path", ["handouts/builder/", "es/handouts/builder/"])
def test_the_builders_printed_sheet_has_the_urgent_care_box_after_its_drills(site: Build, path: str) -> None:
    """Once per sheet language, after the drills, first in the footer (kept with the closing message; in
    large print the builder's script moves it after the first drill), in that sheet's language."""
    html = site.html(path)
    previews = html.select("article.handout-builder__preview[data-sheet-language]")
    assert sorted(p["data-sheet-language"] for p in previews) == ["en", "es"]
    for preview in previews:
        boxes = urgent_box(preview)
        assert len(boxes) == 1, path
        frame = boxes[0].find_parent(class_="handout-sheet__frame")
        assert frame is not None and frame.select_one("ol.handout-sheet__drills") is not None
        footer = boxes[0].find_parent("footer", class_="handout-footer")
        assert footer is not None and footer.find(True) is boxes[0], "not first in the footer"
        assert boxes[0] in frame.select_one("ol.handout-sheet__drills").find_all_next("section")
        care = DEFAULT.urgent_care if preview["data-sheet-language"] == "en" else SPANISH_CLINIC.urgent_care
        assert [li.get_text(strip=True) for li in boxes[0].select("li")] == care.signs


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CALL_BUTTON = "a.header-call__button"


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["", "articles/hip-mobility-drills/", "drills/spiderman/", "handouts/hip-mobility/"]
)
def test_a_phone_shows_the_call_button_with_the_number_in_the_first_screen(
    served: str, chromium: Browser, path: str
) -> None:
    context = chromium.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(served + path)
    button = tab.locator(CALL_BUTTON)
    assert button.is_visible()
    assert button.inner_text().strip() == f"Call {DEFAULT.phone_display}"
    assert button.get_attribute("href") == DEFAULT.phone_href
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"] / 3, box  # near the top, not below the fold
    assert box["height"] >= 24  # a target a thumb can hit (WCAG 2.5.8)
    # It stays at the top while the patient scrolls.
    tab.mouse.wheel(0, 1500)
    tab.wait_for_timeout(200)
    assert 0 <= button.bounding_box()["y"] <= PHONE["height"] / 3
    context.close()


@pytest.mark.browser
def test_a_desktop_keeps_the_header_to_one_bar(served: str, chromium: Browser) -> None:
    context = chromium.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(served)
    assert not tab.locator(CALL_BUTTON).is_visible()
    footer_phone = tab.locator(".clinic-footer__phone a")
    footer_phone.scroll_into_view_if_needed()
    assert footer_phone.is_visible()  # on a desktop the number is in the footer and the call to action
    context.close()


def test_the_readme_keeps_the_theme_credit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"Material for MkDocs", readme)


def test_no_stylesheet_for_the_old_teal_is_left(site: Build) -> None:
    site_css = Path(ROOT / "docs/stylesheets/site.css").read_text(encoding="utf-8")
    assert "data-md-color-primary=teal" not in site_css  # the colour has one place: data/clinic.yml


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_when_to_stop_is_never_smaller_than_the_steps(served: str, chromium: Browser, width: int) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(served + "drills/spiderman/")
    size = "sel => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)"
    step = tab.evaluate(size, ".drill__steps li")
    assert tab.evaluate(size, ".drill__cautions li") >= step
    assert tab.evaluate(size, ".drill__cautions .admonition-title") >= step
    context.close()


def test_when_to_stop_holds_stop_rules_only_and_printing_follows_it(site: Build) -> None:
    """Ways to make a drill easier are tips, not stop rules; the print links come after the steps."""
    for drill in content_model.load(ROOT / "data", shown_dir="data").drills:
        assert not any("towel" in caution or "pillow" in caution for caution in drill.cautions), drill.id
        article = site.html(f"drills/{drill.id}/").select_one("article.drill")
        names = ("drill__steps", "drill__cautions", "drill-print")
        found = article.select(", ".join(f".{name}" for name in names))
        order = [next(name for name in names if name in el["class"]) for el in found]
        assert order.index("drill__steps") < order.index("drill-print"), (drill.id, order)
        if drill.cautions:
            assert order.index("drill__cautions") < order.index("drill-print"), (drill.id, order)


def test_the_causes_page_lists_every_cause_in_its_contents_and_says_check_once(site: Build) -> None:
    data = content_model.load(ROOT / "data", shown_dir="data")
    page = site.html("articles/back-pain-when-walking/")
    contents = [a.get_text(" ", strip=True) for a in page.select(".md-sidebar--secondary .md-nav__link")]
    assert contents == [cause.title for cause in data.root_causes] + ["What to do next"]
    text = page.select_one("article").get_text(" ", strip=True)
    assert text.count("A physical therapist can check for") == 2  # once for them all, once in a summary


def test_the_handouts_page_links_each_handout_once_and_names_each_version(site: Build) -> None:
    links = site.html("handouts/").select(".handout-list a")
    hrefs = [a["href"] for a in links]
    assert len(hrefs) == len(set(hrefs))
    names = [a.get_text(strip=True) for a in links]
    assert len(names) == len(set(names)), names


def test_the_article_prints_its_drills_and_says_where_each_starts(site: Build) -> None:
    data = content_model.load(ROOT / "data", shown_dir="data")
    article = site.html("articles/hip-mobility-drills/").select_one("article")
    button = article.select_one(".program-drills__print a")
    assert button.get_text(strip=True) == "Print these 6 drills"
    assert button["href"] == "../../handouts/hip-mobility/"
    starts = [p.get_text(" ", strip=True) for p in article.select(".program-drills__start")]
    assert starts == [f"Start: {data.drill(d).position}" for d in data.program("hip-mobility").drills]
    headings = [h.get_text(strip=True) for h in article.select("h2")]
    assert headings.count(data.clinic.call_to_action.heading) == 1  # the call to action's own
    # Each drill's steps, in order, so that a reader can act without leaving the article (PEMAT-P 22).
    lists = article.select("ol.program-drills__steps")
    program = data.program("hip-mobility").drills
    assert [[li.get_text(" ", strip=True) for li in ol.select("li")] for ol in lists] == [
        [step.text for step in steps_with_hold(data.drill(d).steps, data.drill(d).dose)] for d in program
    ]
    # The drills come first: before the root causes and the history of the drills (PEMAT-P 2).
    order = [h.get_text(strip=True) for h in article.select("h2")]
    assert order.index("6 hip mobility drills") < order.index("The root of the problem")


def test_the_spanish_article_says_start_in_spanish(site: Build) -> None:
    spanish = content_model.load(ROOT / "data", shown_dir="data").localized("es")
    article = site.html("es/articles/hip-mobility-drills/").select_one("article")
    starts = [p.get_text(" ", strip=True) for p in article.select(".program-drills__start")]
    assert starts == [f"Inicio: {spanish.drill(d).position}" for d in spanish.program("hip-mobility").drills]


def test_a_clinic_without_a_logo_gets_its_initial_as_favicon_not_the_themes(site: Build) -> None:
    """Every page, in both languages, names one favicon: the clinic's initial on its brand colour."""
    from xml.etree import ElementTree

    data = content_model.load(ROOT / "data", shown_dir="data")
    assert data.clinic.logo is None, "the default clinic has a logo now: update this test"
    favicon = site.site / "assets" / "clinic" / "favicon.svg"
    icon = ElementTree.fromstring(favicon.read_text(encoding="utf-8"))
    svg = "{http://www.w3.org/2000/svg}"
    assert icon.find(f"{svg}rect").get("fill") == (data.clinic.brand_color or DEFAULT_BRAND_COLOR)
    assert icon.find(f"{svg}text").text == data.clinic.name.strip()[0].upper()
    for path in ("", "drills/spiderman/", "es/drills/spiderman/"):
        links = site.html(path).select('link[rel="icon"]')
        assert len(links) == 1, path
        resolved = (page_file(site.site, path).parent / links[0]["href"]).resolve()
        assert resolved == (site.site / "assets" / "clinic" / "favicon.svg").resolve(), path
