"""The handout builder tailored for one patient (issue 17 "The builder", issue 19's swap).

In real Chromium, on the default site's strict build: the preview beside the controls on a wide
screen and after them on a phone, with Print after it; starting from a program; print size and paper
(the PDF's page size and pages, and the count the builder says before printing); dose warnings with
the data's own ranges; "2 times" or "2 sets" to suit the drill; no theme style on the sheet (the
dotted line); a drill's note under it; the calendar reminder (read back with icalendar); swapping
a drill for its easier or harder version. All along: no request after load, nothing stored.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, Route
from pypdf import PdfReader

from content_model.models import DOSE_RANGES
from macros.dose import dose_phrase
from macros.handout_builder import builder_data
from test_handout_builder import (
    BUILDER,
    CONTENT,
    NAMES,
    PATIENT,
    SECRETS,
    assert_private,
    axe_violations,
    choose,
    drill_rows,
    fill_patient,
    open_builder,
    pdf_texts,
    preview_dose,
    preview_names,
    row,
    set_dose,
)

SHEET = "[data-builder-sheet]:not([hidden])"


@pytest.fixture
def base(served: str) -> str:
    """The served default site (conftest's one server)."""
    return served


# One context for this module's builder tests (conftest's context and module_context): open_builder
# loads each one's builder afresh in its one tab; a test that changes the context itself makes its own.
pytestmark = pytest.mark.one_context


PAPERS = {"letter": (612.0, 792.0), "a4": (595.0, 842.0)}  # points, A4 rounded


def rows(page: Page) -> list[str]:
    return [r.get_attribute("data-row") or "" for r in page.locator("[data-row]").all()]


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


def load_program(page: Page, program_id: str) -> None:
    page.get_by_label("Program", exact=True).select_option(program_id)
    page.get_by_role("button", name="Load its drills").click()


def status(page: Page) -> str:
    return page.locator("[data-status]").inner_text()


# --- Layout: the preview beside the controls, Print after it ---------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_preview_is_beside_the_controls_when_wide_and_print_comes_after_it(
    chromium, base: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = open_builder(context, base + BUILDER, base).page
        load_program(page, "hip-mobility")
        # In reading (and Tab) order: the controls, the preview, then Print.
        order = page.evaluate(
            """() => ['.handout-builder__controls', '.handout-builder__preview-area', '[data-print-button]']
                .map(s => document.querySelector(s))
                .every((el, i, all) => i === 0 || (all[i - 1].compareDocumentPosition(el) & 4))"""
        )
        assert order, "the controls, the preview and Print are not in that order"
        controls = box(page, ".handout-builder__controls")
        preview = box(page, ".handout-builder__preview-area")
        printing = box(page, "[data-print-button]")
        if width >= 1200:
            assert preview["x"] >= controls["x"] + controls["width"], (controls, preview)
            assert preview["width"] >= 600
            # Scrolled down to the patient's fields, the preview is still in view, updated live.
            page.get_by_label("Therapist's name").scroll_into_view_if_needed()
            page.get_by_label("Therapist's name").fill("Robin")
            heading = page.locator("#handout-builder-preview").bounding_box()
            assert heading and 0 <= heading["y"] < 300, heading
            assert "Robin" in page.locator(SHEET).inner_text()
            sheets = page.locator("[data-sheets]")
            assert sheets.evaluate("el => el.scrollHeight > el.clientHeight")  # it scrolls on its own
            assert sheets.get_attribute("tabindex") == "0"  # and a keyboard can scroll it
        else:
            assert preview["y"] >= controls["y"] + controls["height"]
            assert printing["y"] >= preview["y"] + preview["height"]
    finally:
        context.close()


# --- Start from a program -------------------------------------------------------------------------


@pytest.mark.browser
def test_start_from_a_program_then_change_it(context: BrowserContext, base: str) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "spiderman")
    for program in CONTENT.programs:
        load_program(page, program.id)
        assert rows(page) == program.drills  # replaces what was chosen, in the program's order
        assert preview_names(page) == [NAMES[d] for d in program.drills]
        for drill in CONTENT.program_drills(program.id):
            assert preview_dose(page, drill.id) == dose_phrase(drill.dose, drill.each_side)
        assert status(page) == f"Loaded {program.title}: {len(program.drills)} drills with their usual doses."
    # Then changed for this patient
    first = CONTENT.programs[-1].drills[0]
    set_dose(page, first, sets=3)
    assert preview_dose(page, first).startswith("3 ")
    data = json.loads(page.locator("#handout-builder-data").text_content() or "{}")
    assert data["programs"] == builder_data(CONTENT)["programs"] == {p.id: p.drills for p in CONTENT.programs}
    # Nothing chosen: a note, nothing loaded
    page.get_by_label("Program", exact=True).select_option("")
    page.get_by_role("button", name="Load its drills").click()
    assert status(page) == "Choose a program first." and rows(page)[0] == first
    assert_private(session, context)


# --- Print size and paper ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("size", ["regular", "large"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_size_and_paper_print_as_chosen_on_the_pages_the_builder_said(
    context: BrowserContext, base: str, size: str, paper: str
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    load_program(page, "hip-mobility")
    fill_patient(page, "spiderman")
    page.locator(f"#handout-builder-size-{size}").check()
    page.locator(f"#handout-builder-paper-{paper}").check()
    said = page.locator("[data-pages]").inner_text()
    match = re.fullmatch(r"This sheet will print on (?:1 page|about (\d+) pages)\.", said)
    assert match, said
    expected = int(match.group(1) or 1)
    page.emulate_media(media="print")
    font = page.locator(f"{SHEET} .handout-drill__steps li").first.evaluate(
        "li => getComputedStyle(li).fontSize"
    )
    pdf = page.pdf(prefer_css_page_size=True)  # the page's own @page size, as the browser prints it
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == expected, (size, paper, said)
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == tuple(round(n) for n in PAPERS[paper]), (width, height)
    assert font == ("24px" if size == "large" else "16px")  # 18 pt or 12 pt
    text = " ".join(pdf_texts(pdf))
    assert PATIENT in text and "Choose drills" not in text and "Print size" not in text
    assert_private(session, context)


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_spanish_large_print_of_six_drills_prints_on_the_pages_said_within_the_limit(
    context: BrowserContext, base: str, paper: str
) -> None:
    """The longest sheet the builder makes from a program: Spanish, large print, six drills. It keeps
    the large-print limit (the urgent-care box after the first drill, as on the large-print pages), and
    the count said before printing is the count Chromium prints."""
    page = open_builder(context, base + "es/" + BUILDER, base).page
    page.get_by_label("Programa", exact=True).select_option("hip-mobility")
    page.get_by_role("button", name="Cargar sus ejercicios").click()
    page.locator("#handout-builder-size-large").check()
    page.locator(f"#handout-builder-paper-{paper}").check()
    said = int(page.locator("[data-pages]").get_attribute("data-pages") or 0)
    page.emulate_media(media="print")
    pages = [" ".join(text.split()) for text in pdf_texts(page.pdf(prefer_css_page_size=True))]
    page.emulate_media(media="screen")
    assert len(pages) == said <= 6, (said, len(pages))
    first = CONTENT.localized("es").program_drills("hip-mobility")[0].name
    assert f"1. {first}" in pages[0] and "Llame al 911" in " ".join(pages[:2])
    assert "Llame al 911" not in pages[-1]  # the last page holds the last drill and the closing message


@pytest.mark.browser
def test_the_page_count_follows_the_drills(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + BUILDER, base).page
    assert page.locator("[data-pages]").inner_text() == "Choose drills to see how many pages the sheet takes."
    choose(page, "spiderman")
    assert page.locator("[data-pages]").inner_text() == "This sheet will print on 1 page."
    page.locator("#handout-builder-size-large").check()
    choose(page, *CONTENT.program("hip-mobility").drills)
    assert int(page.locator("[data-pages]").get_attribute("data-pages") or 0) >= 3


# --- Dose warnings and words ------------------------------------------------------------------------


def warning(page: Page, drill_id: str) -> str:
    found = row(page, drill_id).locator("[data-dose-warning]")
    return found.inner_text() if found.is_visible() else ""


@pytest.mark.browser
def test_a_dose_without_a_count_or_outside_the_data_ranges_is_warned_about(
    context: BrowserContext, base: str
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "quadruped-rockbacks", "figure-4-stretch")
    assert (
        warning(page, "quadruped-rockbacks") == ""
        and not page.locator("[data-warnings-summary]").is_visible()
    )
    set_dose(page, "quadruped-rockbacks", sets=None, reps=None)
    assert warning(page, "quadruped-rockbacks").startswith("No sets or reps")
    summary = page.locator("[data-warnings-summary]")
    assert summary.is_visible() and summary.inner_text() == "Check the dose of: Quadruped Rockbacks."
    assert preview_dose(page, "quadruped-rockbacks") == "Once a day"  # what it prints, now said first
    set_dose(page, "quadruped-rockbacks", sets=2)
    assert warning(page, "quadruped-rockbacks") == ""
    for field, (low, high, _example) in DOSE_RANGES.items():
        set_dose(page, "quadruped-rockbacks", **{field: high + 1})
        said = warning(page, "quadruped-rockbacks")
        label = {"sets": "Sets", "reps": "Reps", "hold_seconds": "Hold (seconds)", "per_day": "Times a day"}[
            field
        ]
        assert f"{label}: use a whole number from {low} to {high}." in said, said
        field_box = row(page, "quadruped-rockbacks").locator(f'[data-dose="{field}"]')
        assert field_box.get_attribute("aria-invalid") == "true"
        described = field_box.get_attribute("aria-describedby")
        assert described and page.locator(f"#{described}").inner_text() == said
        set_dose(page, "quadruped-rockbacks", **{field: low})
        assert field_box.get_attribute("aria-invalid") is None
    assert_private(session, context)


@pytest.mark.browser
def test_the_warnings_take_the_ranges_from_the_data_block(chromium: Browser, base: str) -> None:
    """The script holds no copy of the numbers: a page whose data block says otherwise is followed.
    (A context of its own: its route changes what the builder page's address serves.)"""

    def narrower(route: Route) -> None:
        html = route.fetch().text()
        data = re.search(
            r'(<script type="application/json" id="handout-builder-data">)(.*?)(</script>)', html, re.S
        )
        assert data
        block = json.loads(data.group(2))
        block["dose_ranges"]["reps"] = [1, 20]
        changed = json.dumps(block).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        route.fulfill(body=html[: data.start(2)] + changed + html[data.end(2) :], content_type="text/html")

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route(re.compile(re.escape(base + BUILDER) + r"$"), narrower)
        page = open_builder(context, base + BUILDER, base).page
        choose(page, "quadruped-rockbacks")
        set_dose(page, "quadruped-rockbacks", reps=25)
        assert "Reps: use a whole number from 1 to 20." in warning(page, "quadruped-rockbacks")
        set_dose(page, "quadruped-rockbacks", reps=20)
        assert warning(page, "quadruped-rockbacks") == ""
    finally:
        context.close()


@pytest.mark.browser
def test_sets_alone_are_times_for_a_hold_and_sets_for_repetitions(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + BUILDER, base).page
    choose(page, "figure-4-stretch", "quadruped-rockbacks")
    assert CONTENT.drill("figure-4-stretch").dose.hold_seconds  # type: ignore[union-attr]
    set_dose(page, "figure-4-stretch", hold_seconds=None)  # still a drill that holds
    assert preview_dose(page, "figure-4-stretch") == "2 times · once a day · each side"
    set_dose(page, "quadruped-rockbacks", reps=None)
    assert preview_dose(page, "quadruped-rockbacks") == "2 sets · once a day"
    assert row(page, "quadruped-rockbacks").locator("[data-row-dose]").inner_text() == "2 sets · once a day"


# --- The sheet itself: no theme style, the note under its drill -------------------------------------


@pytest.mark.browser
def test_no_theme_style_draws_on_the_sheet_and_a_note_sits_under_its_drill(
    context: BrowserContext, base: str
) -> None:
    page = open_builder(context, base + BUILDER, base).page
    choose(page, "spiderman", "quadruped-rockbacks")
    row(page, "spiderman").get_by_label("Short note for this drill").fill("Left side only")
    assert page.locator("[data-preview]").count() == 0  # Material dots the bottom of [data-preview]
    page.emulate_media(media="print")
    borders = page.evaluate(
        """() => [...document.querySelectorAll(
              '[data-builder-sheet], [data-builder-sheet] > *, [data-sheets]')]
            .map(el => getComputedStyle(el).borderBottomStyle)"""
    )
    assert set(borders) == {"none"}, borders
    note = page.locator(f"{SHEET} .handout-drill__note")
    assert note.count() == 1 and note.inner_text() == "Note: Left side only"
    placed = note.evaluate(
        """note => {
          const drill = note.closest('.handout-drill'), tracker = drill.querySelector('.week-tracker');
          return [note.parentElement === drill, !tracker.contains(note),
                  note.getBoundingClientRect().top >= tracker.getBoundingClientRect().bottom - 1,
                  drill.querySelector('.handout-drill__name').textContent];
        }"""
    )
    page.emulate_media(media="screen")
    assert placed == [True, True, True, "1. Spiderman"]


# --- The calendar reminder ----------------------------------------------------------------------------


def reminder(page: Page, tmp_path: Path) -> Calendar:
    with page.expect_download() as download:
        page.get_by_role("button", name="Add a daily reminder").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".ics"
    return Calendar.from_ical(path.read_bytes())


@pytest.mark.browser
def test_the_daily_reminder_is_made_in_the_browser_and_names_no_patient(
    context: BrowserContext, base: str, tmp_path: Path
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "quadruped-rockbacks", "figure-4-stretch")
    set_dose(page, "quadruped-rockbacks", reps=12)
    fill_patient(page, "figure-4-stretch")
    page.get_by_label("Time of day").fill("18:30")
    calendar = reminder(page, tmp_path)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Your home exercises"
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (18, 30)
    description = str(event["DESCRIPTION"])
    for number, drill_id in enumerate(["quadruped-rockbacks", "figure-4-stretch"], start=1):
        assert f"{number}. {NAMES[drill_id]}: {preview_dose(page, drill_id)}" in description, description
    assert "2 sets of 12 · once a day" in description
    text = calendar.to_ical().decode()
    assert not [s for s in SECRETS if s in text], "the reminder holds what was typed about the patient"
    assert "ready" in page.locator("[data-reminder-status]").inner_text()
    # The therapist may put a name in the title: then, and only then, it is there.
    page.get_by_label("Title of the reminder").fill(f"Exercises for {PATIENT}")
    named = reminder(page, tmp_path)
    assert str(named.walk("VEVENT")[0]["SUMMARY"]) == f"Exercises for {PATIENT}"
    assert_private(session, context)  # no request after load (a download from a Blob is none), nothing stored


@pytest.mark.browser
def test_a_spanish_sheet_gets_a_spanish_reminder(context: BrowserContext, base: str, tmp_path: Path) -> None:
    page = open_builder(context, base + BUILDER, base).page
    choose(page, "spiderman")
    page.locator("[data-sheet-language-choice]").select_option("es")
    event = reminder(page, tmp_path).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Sus ejercicios en casa"
    assert "1. Spiderman: 2 series de 5 · una vez al día · de cada lado" in str(event["DESCRIPTION"])


# --- Swapping a drill for its easier or harder version ---------------------------------------------------


@pytest.mark.browser
def test_a_drill_swaps_for_its_easier_version_in_its_place_with_its_own_dose(
    context: BrowserContext, base: str
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "spiderman", "quadruped-rockbacks", "figure-4-stretch")
    set_dose(page, "quadruped-rockbacks", sets=4, reps=15)
    row(page, "quadruped-rockbacks").get_by_label("Short note for this drill").fill("Go slowly")
    easier = CONTENT.easier_than("quadruped-rockbacks")[0]
    button = row(page, "quadruped-rockbacks").get_by_role(
        "button", name=f"Swap for easier: {easier.name} (instead of Quadruped Rockbacks)"
    )
    button.focus()
    page.keyboard.press("Enter")  # one action, by keyboard
    assert rows(page) == ["spiderman", easier.id, "figure-4-stretch"]
    assert preview_names(page)[1] == easier.name
    assert preview_dose(page, easier.id) == dose_phrase(easier.dose, easier.each_side)
    assert row(page, easier.id).get_by_label("Short note for this drill").input_value() == "Go slowly"
    assert status(page) == f"Swapped in {easier.name} with its own dose: a hold and a count do not translate."
    assert page.locator("[data-status]").get_attribute("role") == "status"
    # The focus is on the button that swaps back: Enter again, and the harder one is back with its dose.
    focused = page.evaluate("document.activeElement.dataset.swap")
    assert focused == "quadruped-rockbacks"
    page.keyboard.press("Enter")
    assert rows(page) == ["spiderman", "quadruped-rockbacks", "figure-4-stretch"]
    drill = CONTENT.drill("quadruped-rockbacks")
    assert preview_dose(page, "quadruped-rockbacks") == dose_phrase(drill.dose, drill.each_side)
    # A version already on the sheet is not offered: Spiderman's easier one once it is chosen.
    for version in CONTENT.easier_than("spiderman"):
        choose(page, version.id)
        assert row(page, "spiderman").locator(f'[data-swap="{version.id}"]').count() == 0
    assert_private(session, context)


def test_the_data_block_names_each_drills_easier_and_harder_versions() -> None:
    data = builder_data(CONTENT)
    drills = drill_rows(data)
    assert [drill["id"] for drill in drills] == [drill.id for drill in CONTENT.drills]
    for drill in drills:
        assert drill["easier"] == [d.id for d in CONTENT.easier_than(drill["id"])]
        assert drill["harder"] == [d.id for d in CONTENT.harder_than(drill["id"])]
        source = CONTENT.drill(drill["id"])
        assert drill["hold_seconds"] == (source.dose.hold_seconds if source.dose else None)
    assert any(d["easier"] for d in drills) and any(d["harder"] for d in drills)
    assert data["dose_ranges"] == {name: [low, high] for name, (low, high, _e) in DOSE_RANGES.items()}


# --- Every new control, in Spanish, by keyboard, and for axe ---------------------------------------------


@pytest.mark.browser
def test_the_spanish_builder_says_it_all_in_spanish(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + "es/" + BUILDER, base).page
    text = page.locator("[data-handout-builder]").inner_text()
    for words in (
        "Empiece con un programa",
        "Tamaño de la letra",
        "Letra grande",
        "Papel",
        "Agregar un recordatorio diario",
        "Elija ejercicios para ver cuántas páginas",
    ):
        assert words in text, words
    page.get_by_label("Programa", exact=True).select_option("hip-mobility")
    page.get_by_role("button", name="Cargar sus ejercicios").click()
    assert "Esta hoja se imprimirá en" in page.locator("[data-pages]").inner_text()
    assert "Cambiar por uno más fácil:" in page.locator("[data-row]").first.inner_text()
    set_dose(page, "quadruped-rockbacks", sets=None, reps=None)
    assert warning(page, "quadruped-rockbacks").startswith("Sin series ni repeticiones")


@pytest.mark.browser
def test_axe_finds_nothing_with_warnings_swaps_and_options(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + BUILDER, base).page
    load_program(page, "hip-mobility")
    set_dose(page, "spiderman", sets=None, reps=500)
    page.locator("#handout-builder-size-large").check()
    page.locator("#handout-builder-paper-a4").check()
    assert axe_violations(page) == []


@pytest.mark.browser
def test_the_keyboard_alone_loads_a_program_and_picks_the_paper(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + BUILDER, base).page
    page.get_by_label("Program", exact=True).focus()
    page.keyboard.press("ArrowDown")  # the first program
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert rows(page) == CONTENT.programs[0].drills
    page.locator("#handout-builder-paper-letter").focus()
    page.keyboard.press("ArrowDown")  # radio buttons: the arrow moves to A4 and checks it
    assert page.locator("#handout-builder-paper-a4").is_checked()
    assert page.locator("[data-handout-builder]").get_attribute("data-paper") == "a4"
