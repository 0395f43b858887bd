"""Issue 19 where it shows (besides the builder): each drill page's easier and harder versions with a
picture and one line saying why, the floor page linked from every floor drill, one line per drill on
the handouts and their PDFs naming its easier versions, and the drill index's three filters together,
in English and in Spanish."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import BrowserContext, Page

import content_model
from build_state_helpers import config_with_state
from conftest import ROOT, Build
from content_model import Drill, UnknownIdError
from macros.handout import PDF_VARIANTS, handout_src, pdf_path
from macros.links import page_url
from macros.page_context import PageContext
from macros.strings import STRINGS
from macros.versions import where_done
from pdf_tools import page_texts
from site_pages import page_file, page_paths
from test_accessibility import axe_violations

CONTENT = content_model.load(ROOT / "data", shown_dir="data")
SPANISH = CONTENT.translation("es")
LANGUAGES = {"en": ("", CONTENT), "es": ("es/", SPANISH)}
FLOOR_PAGE = "articles/getting-down-to-the-floor/"


def soup(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site.site, path).read_text(encoding="utf-8"), "html.parser")


def resolved(path: str, href: str) -> str:
    """A link on the page at ``path`` as a path from the site's root."""
    return urljoin("https://site.test/" + path, href).removeprefix("https://site.test/")


def text(element: Tag) -> str:
    return " ".join(element.get_text().split())  # the words as a reader sees them: inline tags add no space


def versions(page: BeautifulSoup, path: str) -> list[tuple[str, str, str, bool]]:
    """Each version card on a drill page: its heading's words before the link, the page it opens,
    its line saying why, and whether it shows a picture."""
    cards = []
    for card in page.select(".drill-versions .drill-version"):
        heading = card.select_one(".drill-version__name")
        link = heading.select_one("a[href]")
        label = heading.get_text(" ", strip=True).split(link.get_text(" ", strip=True))[0].strip()
        picture = card.select_one(".drill-figure--thumb svg, .drill-figure--thumb picture") is not None
        cards.append(
            (label, resolved(path, link["href"]), text(card.select_one(".drill-version__why")), picture)
        )
    return cards


# --- drill pages ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_drill_page_shows_its_easier_and_harder_versions_with_a_picture(
    site: Build, language: str
) -> None:
    prefix, content = LANGUAGES[language]
    words = STRINGS[language]
    for drill in content.drills:
        path = f"{prefix}drills/{drill.id}/"
        cards = versions(soup(site, path), path)
        expected = [(words["versions.easier"], d.id) for d in CONTENT.easier_than(drill.id)]
        expected += [(words["versions.harder"], d.id) for d in CONTENT.harder_than(drill.id)]
        assert expected, f"{drill.id} has no easier or harder version in the default content"
        assert [(label, href) for label, href, _, _ in cards] == [
            (label, f"{prefix}drills/{other}/") for label, other in expected
        ], path
        assert all(picture for *_, picture in cards), f"{path}: a version without its picture"
        for (_, other), (_, _, why, _) in zip(expected, cards, strict=True):
            line = words[f"versions.{where_done(CONTENT.drill(other))}"]
            level = CONTENT.drill(other).level
            if level != drill.level:
                line += " " + words["versions.level"].format(level=words[f"level.{level}"])
            assert why == line, path


# The lines a therapist would write, checked as written: the derivation above must produce them.
WHY = {
    "en": {
        ("quadruped-rockbacks", "supported-rockbacks"): "Done standing at a counter. No floor needed.",
        ("figure-4-stretch", "seated-figure-4-stretch"): "Done sitting on a chair. No floor needed.",
        ("spiderman", "standing-hip-flexor-stretch"): (
            "Done standing, holding a chair. No floor needed. Level: Beginner."
        ),
        (
            "standing-hip-flexor-stretch",
            "half-kneel-hip-flexor-stretch",
        ): "Done kneeling on one knee, on the floor.",
        (
            "standing-hip-flexor-stretch",
            "spiderman",
        ): "Done in a push-up position, on the floor. Level: Advanced.",
        ("seated-figure-4-stretch", "figure-4-stretch"): "Done lying on your back, on the floor.",
        ("seated-figure-4-stretch", "posterior-hip-stretch"): (
            "Done on your hands and knees, on the floor. Level: Intermediate."
        ),
    },
    "es": {
        ("quadruped-rockbacks", "supported-rockbacks"): (
            "Se hace de pie, en la barra de la cocina. No hace falta bajar al piso."
        ),
        ("standing-hip-flexor-stretch", "spiderman"): (
            "Se hace en posición de flexión de brazos, en el piso. Nivel: Avanzado."
        ),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_line_saying_why_reads_as_a_therapist_would_say_it(site: Build, language: str) -> None:
    prefix = LANGUAGES[language][0]
    for (drill, other), line in WHY[language].items():
        path = f"{prefix}drills/{drill}/"
        cards = {href: why for _, href, why, _ in versions(soup(site, path), path)}
        assert cards[f"{prefix}drills/{other}/"] == line


def test_the_labels_say_which_way_each_version_goes(site: Build) -> None:
    cards = versions(soup(site, "drills/quadruped-rockbacks/"), "drills/quadruped-rockbacks/")
    assert [label for label, *_ in cards] == ["Too hard? Try"]
    cards = versions(soup(site, "es/drills/supported-rockbacks/"), "es/drills/supported-rockbacks/")
    assert {label for label, *_ in cards} == {"¿Quiere más? Pruebe"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_floor_drill_links_to_the_floor_page_and_no_other_does(site: Build, language: str) -> None:
    prefix, content = LANGUAGES[language]
    floor_drills = [d.id for d in content.drills if d.needs_floor]
    assert floor_drills and len(floor_drills) < len(content.drills)
    for drill in content.drills:
        path = f"{prefix}drills/{drill.id}/"
        note = soup(site, path).select_one(".drill__floor-page")
        if drill.id not in floor_drills:
            assert note is None, f"{path} is done off the floor"
            continue
        assert note is not None, f"{path} does not link to the floor page"
        assert note.get_text(" ", strip=True).startswith(STRINGS[language]["versions.floor_page"])
        assert [resolved(path, a["href"]) for a in note.select("a[href]")] == [prefix + FLOOR_PAGE]
    assert page_file(site.site, prefix + FLOOR_PAGE).is_file()


def test_a_floor_page_that_does_not_exist_is_a_clear_error() -> None:
    _config, state = config_with_state(ROOT)
    page = PageContext(state, "drills/x/", None, ROOT / "docs", None, "articles/no-such-page.md")
    with pytest.raises(
        UnknownIdError, match=r"extra\.floor_page to 'articles/no-such-page\.md'.*does not exist"
    ):
        page.floor_page()
    assert PageContext(state, "drills/x/", None, ROOT / "docs", None).floor_page() is None


def drill(pictures: list[dict[str, object]], **values: object) -> Drill:
    return Drill.model_validate(
        {
            "id": "x",
            "name": "X",
            "summary": "Y.",
            "level": "beginner",
            "steps": ["A.", "B."],
            "pictures": pictures,
            **values,
        }
    )


def test_where_a_drill_is_done_comes_from_its_first_pose_and_the_floor() -> None:
    def pose(base: str, props: list[str] | None = None) -> dict[str, object]:
        return {"alt": "A person in position.", "figure": {"base": base, "props": props or []}}

    photo = {"alt": "A person in position.", "file": "pictures/x.jpg"}
    assert where_done(drill([pose("standing", ["wall"])])) == "standing_wall"
    assert where_done(drill([pose("standing")])) == "standing"
    assert where_done(drill([pose("seated", ["chair"])])) == "seated"
    assert where_done(drill([pose("half_kneel")])) == "half_kneel"
    # a floor drill drawn standing first goes down to the floor: the line says only that
    assert where_done(drill([pose("standing"), pose("push_up")])) == "floor"
    assert where_done(drill([photo])) == "floor"  # a photo with no floor: written: counts as floor work
    assert where_done(drill([photo], floor=False)) == "off_floor"
    for key in ("standing_wall", "standing", "floor", "off_floor"):
        assert all(f"versions.{key}" in words for words in STRINGS.values())


# --- handouts ------------------------------------------------------------------------------------


def handout_pages() -> Iterator[tuple[str, str, str]]:
    """Each handout page, regular and large print, in each language: (language, program, path)."""
    for language, (prefix, content) in LANGUAGES.items():
        for program in content.programs:
            for large in (False, True):
                yield language, program.id, prefix + page_url(handout_src(program.id, large))


def test_every_handout_names_each_drills_easier_versions(site: Build) -> None:
    seen = 0
    for language, program_id, path in handout_pages():
        content = LANGUAGES[language][1]
        words = STRINGS[language]
        page = soup(site, path)
        for drill_id in content.program(program_id).drills:
            section = page.select_one(f"#handout-drill-{drill_id}").find_parent("section")
            line = section.select_one(".handout-drill__easier")
            easier = [content.drill(e).name for e in CONTENT.drill(drill_id).easier]
            if not easier:
                assert line is None, f"/{path} {drill_id}"
                continue
            seen += 1
            names = f" {words['sheet.or']} ".join(easier)
            assert text(line) == f"{words['sheet.easier']} {words['sheet.easier_text'].format(names=names)}"
            # after "When to stop", before the days to tick
            assert line.find_previous_sibling(class_="handout-drill__cautions") is not None
    assert seen >= 4 * 6, "the six floor drills, on both handouts in both languages"


def test_the_line_reads_plainly_on_the_english_and_spanish_handouts(site: Build) -> None:
    page = soup(site, "handouts/hip-mobility/")
    section = page.select_one("#handout-drill-quadruped-rockbacks").find_parent("section")
    assert text(section.select_one(".handout-drill__easier")) == (
        "Too hard? Do Supported Rockbacks at a Counter instead."
    )
    page = soup(site, "es/handouts/hip-mobility/large-print/")
    section = page.select_one("#handout-drill-figure-4-stretch").find_parent("section")
    assert text(section.select_one(".handout-drill__easier")) == (
        "¿Es muy difícil? Haga en su lugar: Estiramiento en forma de 4, en una silla."
    )


def large_print_list(language: str, drills: list[str]) -> list[str]:
    """The large-print list's lines for a program's drills: each easier version once, with its drills'
    numbers, in the order it first comes."""
    words, content = STRINGS[language], LANGUAGES[language][1]
    numbers: dict[tuple[str, ...], list[int]] = {}
    for number, drill_id in enumerate(drills, start=1):
        if CONTENT.drill(drill_id).easier:
            numbers.setdefault(tuple(CONTENT.drill(drill_id).easier), []).append(number)
    lines = []
    for easier, drill_numbers in numbers.items():
        *first, last = drill_numbers
        listed = f"{', '.join(map(str, first))} {words['sheet.and']} {last}" if first else str(last)
        label = words["sheet.easier_many" if first else "sheet.easier_one"].format(numbers=listed)
        lines.append(label + " " + f" {words['sheet.or']} ".join(content.drill(e).name for e in easier))
    return lines


@pytest.mark.parametrize("path", ["handouts/hip-mobility/", "handouts/hip-mobility/large-print/"])
def test_a_programs_sheet_lists_each_easier_version_once_after_its_drills(site: Build, path: str) -> None:
    page = soup(site, path)
    box = page.select_one(".handout-easier")
    assert box.find_previous_sibling("ol", class_="handout-sheet__drills") is not None
    assert text(box.select_one(".handout-easier__title")) == "Too hard? Do the easier version instead:"
    expected = [
        "For drills 1 and 2: Supported Rockbacks at a Counter",
        "For drills 3 and 6: Standing Hip Flexor Stretch",
        "For drills 4 and 5: Seated Figure 4 Stretch",
    ]
    assert [text(li) for li in box.select("li")] == expected
    assert large_print_list("en", CONTENT.program("hip-mobility").drills) == expected
    spanish = soup(site, "es/handouts/hip-mobility/large-print/").select_one(".handout-easier")
    first = "Para los ejercicios 1 y 2: Balanceo con apoyo en la barra de la cocina"
    assert text(spanish.select_one("li")) == first
    # a program without easier versions has none (its drills are the easier versions)
    off_floor = soup(site, "handouts/hip-mobility-off-the-floor/large-print/")
    assert off_floor.select_one(".handout-easier") is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pdf_names_each_drills_easier_versions(site: Build, language: str) -> None:
    prefix, content = LANGUAGES[language]
    words = STRINGS[language]
    for program in content.programs:
        for variant in PDF_VARIANTS:
            file = site.site / (prefix + pdf_path(program.id, variant))
            printed = " ".join(page_texts(file))
            per_drill = []
            for drill_id in program.drills:
                for easier in CONTENT.drill(drill_id).easier:
                    said = words["sheet.easier_text"].format(names=content.drill(easier).name)
                    per_drill.append(f"{words['sheet.easier']} {said}")
            # a program's sheet prints the list once, not a line under each drill (handout_easier.html)
            assert not any(line in printed for line in per_drill), f"{file.name}: the list only"
            for line in large_print_list(language, program.drills):
                assert line in printed, f"{file.name}: {line}"


# --- the drill index's filters -------------------------------------------------------------------


INDEX = {
    "en": ("drills/", "Level", "Body area", "Floor work"),
    "es": ("es/drills/", "Nivel", "Parte del cuerpo", "Ejercicios en el piso"),
}


def test_the_index_lists_every_drill_with_what_the_filters_read(site: Build) -> None:
    for language, (prefix, content) in LANGUAGES.items():
        page = soup(site, prefix + "drills/")
        items = page.select(".drill-index__item")
        assert [item["data-floor"] for item in items] == [
            "yes" if d.needs_floor else "no" for d in content.drills
        ]
        floor = page.select_one("select#drill-filter-floor")
        assert [o["value"] for o in floor.select("option")] == ["", "no", "yes"]
        assert (
            page.select_one('label[for="drill-filter-floor"]').get_text(strip=True)
            == STRINGS[language]["index.floor"]
        )
        # without JavaScript the filter stays hidden and every drill is listed
        assert page.select_one(".drill-filter").has_attr("hidden")
        assert not any(item.has_attr("hidden") for item in items)


def names(tab: Page) -> list[str]:
    return tab.locator(".drill-index__item:visible .drill-card__name a").all_inner_texts()


@pytest.fixture
def tab(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_three_filters_apply_together(served: str, tab: Page, language: str) -> None:
    content = LANGUAGES[language][1]
    path, level, area, floor = INDEX[language]
    tab.goto(served + path)
    every = [d.name for d in content.drills]
    assert names(tab) == every
    tab.get_by_label(floor).select_option("no")
    assert names(tab) == [d.name for d in content.drills if not d.needs_floor]
    buttocks = "buttocks" if language == "en" else "nalgas"
    tab.get_by_label(area).select_option(buttocks)
    expected = [d.name for d in content.drills if not d.needs_floor and buttocks in d.targets]
    assert expected and names(tab) == expected
    total = len(content.drills)
    assert tab.locator(".drill-filter__count").inner_text() == STRINGS[language]["index.showing"].format(
        shown=len(expected), total=total
    )
    tab.get_by_label(level).select_option("advanced")  # no advanced drill is done off the floor
    assert names(tab) == []
    assert tab.locator(".drill-filter__count").inner_text() == (
        STRINGS[language]["index.showing"].format(shown=0, total=total)
        + " "
        + STRINGS[language]["index.none"]
    )
    tab.get_by_label(floor).select_option("yes")
    tab.get_by_label(area).select_option("")
    assert names(tab) == [d.name for d in content.drills if d.needs_floor and d.level == "advanced"] != []
    assert axe_violations(tab) == []


@pytest.mark.browser
def test_the_filters_work_from_the_keyboard(served: str, tab: Page) -> None:
    tab.goto(served + "drills/")
    tab.get_by_label("Body area").focus()
    tab.keyboard.press("Tab")
    focused = tab.evaluate("document.activeElement.id")
    assert focused == "drill-filter-floor", "Tab goes from body area to floor work"
    tab.keyboard.press("ArrowDown")  # the first choice after "All drills": no floor work
    assert tab.get_by_label("Floor work").input_value() == "no"
    assert names(tab) == [d.name for d in CONTENT.drills if not d.needs_floor]


@pytest.mark.browser
def test_without_javascript_every_drill_shows_and_no_filter(served: str, context: BrowserContext) -> None:
    browser = context.browser
    assert browser is not None
    plain = browser.new_context(java_script_enabled=False)
    try:
        tab = plain.new_page()
        tab.goto(served + "es/drills/")
        assert names(tab) == [d.name for d in SPANISH.drills]
        assert not tab.locator(".drill-filter").is_visible()
    finally:
        plain.close()


def test_every_page_of_the_site_is_still_found(site: Build) -> None:
    """The new pages' links all resolve (the strict build checks Markdown links, not macro HTML)."""
    paths = set(page_paths(site.site))
    for prefix, content in LANGUAGES.values():
        for drill in content.drills:
            path = f"{prefix}drills/{drill.id}/"
            for a in soup(site, path).select(".drill-versions a[href], .drill__floor-page a[href]"):
                assert resolved(path, a["href"]) in paths, (path, a["href"])
