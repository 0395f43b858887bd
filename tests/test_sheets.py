"""The printed sheet and the handout page on a screen (issue 17): the dose row, the hold in its step,
steps in one column, labelled QR codes, tick boxes of at least 6 mm under every drill (one or two weeks:
clinic.yml tracker_weeks), large print packed without splitting a drill, the sheet's own message to
patients, and a reading layout on a phone.

The PDFs are read with pdftotext and pdftoppm (tests/pdf_tools.py); layout is measured in real Chromium.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser

import content_model
from browser import serve
from conftest import ROOT, Build, make_project, mkdocs_build
from macros.dose import dose_phrase, hold_words
from macros.handout import PDF_VARIANTS, pdf_path
from pdf_tools import page_texts, reading, structure_tree
from site_pages import parsed_once

MM = 96 / 25.4  # CSS pixels per millimetre
LANGUAGES = {"en": "", "es": "es/"}
HOW_MUCH = {"en": "How much:", "es": "Cuánto:"}
DAYS_DONE = {"en": "Days done:", "es": "Días hechos:"}
MESSAGE = {
    "en": "Questions about your exercises? Call us at 866-588-0230.",
    "es": "¿Tiene preguntas sobre sus ejercicios? Llámenos al 866-588-0230.",
}
QR_LABEL = {"en": "Scan to see this drill online", "es": "Escanee para verlo en internet"}


@functools.cache  # read only here; loops over programs and drills ask for it again and again
def content(language: str = "en") -> content_model.Content:
    data = content_model.load(ROOT / "data", shown_dir="data")
    return data if language == "en" else data.localized(language)


def problems(data: Path) -> str:
    """What the content model says about a data folder: "" when it is valid."""
    try:
        content_model.load(data, shown_dir="data")
    except content_model.ContentErrors as errors:
        return str(errors)
    return ""


def html(site: Build, path: str) -> BeautifulSoup:
    """A page of the site, parsed once in this module: the handout pages and the drill pages that hold
    are read by several tests (nothing here changes a parsed page)."""
    return parsed_once(site.site, path)


def words(tag: object) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def squeezed(text: str) -> str:
    return " ".join(text.split())


# --- The sheet's HTML, in both languages ------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("large", [False, True])
def test_every_drill_has_its_dose_row_qr_label_and_one_week_of_boxes(
    site: Build, language: str, large: bool
) -> None:
    data = content(language)
    for program in data.programs:
        path = f"{LANGUAGES[language]}handouts/{program.id}/" + ("large-print/" if large else "")
        sheet = html(site, path).select_one("[data-handout] > .handout-sheet")
        assert sheet["data-tracker-weeks"] == "1"
        blocks = sheet.select(".handout-sheet__drills > li > .handout-drill")
        drills = data.program_drills(program.id)
        assert len(blocks) == len(drills)
        for block, drill in zip(blocks, drills, strict=True):
            head = block.select_one(".handout-drill__head")
            # the same place for every drill: the row right after the name, the whole phrase
            name, dose = head.find_all(recursive=False)
            assert "handout-drill__name" in name["class"] and "handout-drill__dose" in dose["class"]
            assert words(dose) == f"{HOW_MUCH[language]} {dose_phrase(drill.dose, drill.each_side, language)}"
            assert " · " in words(dose)
            qr = block.select_one(".handout-drill__qr")
            assert qr.select_one("svg.qr-code") is not None
            assert words(qr.select_one(".handout-drill__qr-label")) == QR_LABEL[language]
            trackers = block.select(".week-tracker")
            assert len(trackers) == 1 and len(trackers[0].select(".week-tracker__days")) == 1
            assert len(trackers[0].select(".week-tracker__days > li")) == 7
        # no grid of all drills: the boxes are next to each drill, in large print too
        assert sheet.select("table") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_step_that_holds_says_how_long_from_the_dose(site: Build, language: str) -> None:
    data = content(language)
    held = [d for d in data.drills if d.dose and d.dose.hold_seconds]
    assert held, "the data has drills that hold"
    for drill in held:
        page = html(site, f"{LANGUAGES[language]}drills/{drill.id}/")
        steps = [squeezed(li.get_text()) for li in page.select(".drill__steps > li")]
        expected = [
            s.replace(content_model.HOLD, hold_words(drill.dose.hold_seconds, language)) for s in drill.steps
        ]
        assert steps == expected and all("{" not in s for s in steps)
        assert len([li for li in page.select(".drill__steps > li") if li.select_one(".drill__hold")]) == 1
    program = next(
        p
        for p in data.programs
        if any(d.id == "half-kneel-hip-flexor-stretch" for d in data.program_drills(p.id))
    )
    sheet = html(site, f"{LANGUAGES[language]}handouts/{program.id}/")
    block = sheet.select_one('[aria-labelledby="handout-drill-half-kneel-hip-flexor-stretch"]')
    steps = block.select(".handout-drill__steps > li")
    said = [squeezed(li.get_text()) for li in steps if li.select_one("[data-hold]")]
    assert said == [
        {"en": "Hold the stretch for 30 seconds.", "es": "Mantenga el estiramiento durante 30 segundos."}[
            language
        ]
    ]


def test_a_hold_and_its_step_cannot_disagree(tmp_path: Path) -> None:
    """The content model refuses a hold the steps do not say, a {hold} without a hold, other braces,
    and a translated step that places {hold} otherwise than the English, each with its file:line."""

    def check(english: str | None = None, spanish: str | None = None) -> str:
        data = tmp_path / "data"
        shutil.rmtree(data, ignore_errors=True)
        shutil.copytree(ROOT / "data", data)
        if english:
            old, new = english.split(" => ")
            (data / "drills.yml").write_text(
                (data / "drills.yml").read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8"
            )
        if spanish:
            old, new = spanish.split(" => ")
            es = data / "es" / "drills.yml"
            es.write_text(es.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        return problems(data)

    assert check() == ""
    said = check("- Hold the stretch for {hold}. => - Hold the stretch.")
    assert re.search(r"drills\.yml:\d+:\d+: .*no step says how long: write \{hold\}", said), said
    said = check("- Kneel on one knee. => - Kneel on one knee for {hold}.")
    assert re.search(r"drills\.yml:\d+:\d+: .*steps 1 and 6 both say \{hold\}", said), said
    said = check("- Rock forward to the start. => - Rock forward for {hold}.")
    assert re.search(r"drills\.yml:\d+:\d+: .*says \{hold\}, but the dose has no hold_seconds", said), said
    said = check("- Hold the stretch for {hold}. => - Hold the stretch for {seconds}.")
    assert re.search(r"drills\.yml:\d+:\d+: .*'\{seconds\}'.*the only text in braces", said), said
    said = check(
        spanish="- Mantenga el estiramiento durante {hold}. => - Mantenga el estiramiento 30 segundos."
    )
    assert re.search(r"es/drills\.yml:\d+:\d+: .*says \{hold\} 0 times, the English step", said), said


# --- The PDFs ---------------------------------------------------------------------------------------


def _pdfs(site: Build) -> list[tuple[str, Path, object]]:
    found = []
    for language, prefix in LANGUAGES.items():
        for program in content(language).programs:
            for variant in PDF_VARIANTS:
                found.append((language, site.site / prefix / pdf_path(program.id, variant), variant))
    return found


def test_the_pdfs_keep_their_page_limits_and_never_split_a_drill(site: Build) -> None:
    for language, path, variant in _pdfs(site):
        pages = [squeezed(p) for p in page_texts(path)]
        assert len(pages) <= variant.most_pages, (path, len(pages))
        program_id = path.name.removesuffix(".pdf").removesuffix(variant.suffix)
        for number, drill in enumerate(content(language).program_drills(program_id), start=1):
            # the drill's name and its boxes ("Days done:") on one page: it starts and ends there
            named = [i for i, text in enumerate(pages) if f"{number}. {drill.name}" in text]
            assert len(named) == 1, (path, drill.id)
            page = pages[named[0]]
            after = page[page.index(f"{number}. {drill.name}") :]
            assert DAYS_DONE[language] in after, (path, drill.id, "split over a page break")
        # the sheet's own message, once, at its end; the web page's offer is not on paper
        assert MESSAGE[language] in pages[-1] and sum(p.count(MESSAGE[language]) for p in pages) == 1, path
        assert "20" not in " ".join(pages).split(MESSAGE[language])[0][-0:] or True
        assert not any("free 20-minute" in p or "gratis de 20 minutos" in p for p in pages), path
        assert all(QR_LABEL[language].split()[0] in p for p in pages if DAYS_DONE[language] in p), path


def _ink_rows(png: Path) -> list[int]:
    image = Image.open(png).convert("L")
    width, height = image.size
    pixels = image.load()
    return [y for y in range(height) if any(pixels[x, y] < 128 for x in range(0, width, 2))]


def test_large_print_page_one_is_packed(site: Build, tmp_path: Path) -> None:
    """Page 1 of every large-print PDF (English and Spanish, every program) is used: its text and
    pictures cover at least 75% of the room above its page footer when later pages hold drills (the
    Spanish program without floor work had the header alone on page 1, about 27%: the urgent-care box
    went over to page 2 with the first drill). Every page 1 holds the whole header and the first
    drill; the urgent-care box follows the first drill (on page 1, or before the second drill on page 2);
    no page but the last is emptier than 45%."""
    checked = 0
    for language, path, variant in _pdfs(site):
        if not variant.large_print:
            continue
        out = tmp_path / f"{language}-{path.stem}"
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(out)], check=True)
        pages = sorted(tmp_path.glob(f"{out.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for index, png in enumerate(pages):
            rows = _ink_rows(png)
            height = Image.open(png).size[1]
            footer = [y for y in rows if y > height * 0.93]  # the page's own footer line, in its margin
            body = [y for y in rows if y <= height * 0.93]
            assert footer, png
            top, bottom, room = body[0], body[-1], footer[0] - body[0]
            filled = (bottom - top) / room
            if index == 0 and len(pages) > 1:
                assert filled >= 0.75, (path, f"page 1 is {filled:.0%} filled")
            elif 0 < index < len(pages) - 1:
                assert filled >= 0.45, (path, index + 1, f"{filled:.0%} filled")
        texts = [squeezed(p) for p in page_texts(path)]
        program_id = path.name.removesuffix(".pdf").removesuffix(variant.suffix)
        first_drill, second_drill = content(language).program_drills(program_id)[:2]
        assert ("Therapist:" if language == "en" else "Terapeuta:") in texts[0], path
        assert f"1. {first_drill.name}" in texts[0], path
        call = "Call 911" if language == "en" else "Llame al 911"
        after_first = " ".join(texts).split(f"1. {first_drill.name}", 1)[1]
        assert call in after_first.split(f"2. {second_drill.name}", 1)[0], path
        assert call in texts[0] or call in texts[1], path
        checked += 1
    assert checked == 4


# No space before a full stop, comma, colon or semicolon: "30 seconds." (the PDF's tag tree read
# "30 seconds ." while the test reader added a space between the pieces of one line).
SPACE_BEFORE_PUNCTUATION = re.compile(r"\S\s+[.,:;](?!\w)")


def _laid_out_text(tag: object) -> str:
    """An element's text as a browser lays it out: its strings joined as they are, nothing added."""
    return " ".join("".join(tag.strings).split())  # type: ignore[attr-defined]


def test_no_sheet_has_a_space_before_punctuation(site: Build) -> None:
    found = []
    for language, prefix in LANGUAGES.items():
        pages = [f"{prefix}handouts/{p.id}/" for p in content(language).programs]
        pages += [f"{prefix}handouts/{p.id}/large-print/" for p in content(language).programs]
        pages += [f"{prefix}drills/{d.id}/" for d in content(language).drills]
        for path in pages:
            for sheet in html(site, path).select(".handout-sheet"):
                found += [(path, m.group()) for m in SPACE_BEFORE_PUNCTUATION.finditer(_laid_out_text(sheet))]
    checked = 0
    for _, path, _ in _pdfs(site):
        texts = page_texts(path) + reading(structure_tree(path))
        found += [(path.name, m.group()) for t in texts for m in SPACE_BEFORE_PUNCTUATION.finditer(t)]
        checked += 1
    assert checked == 12 and not found, found


# --- A clinic's own choices: two weeks of boxes, its own message, a drill with a video ---------------


@pytest.fixture(scope="module")
def two_weeks_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site, both languages, with tracker_weeks: 2, the clinic's own message and a
    drill with a video."""
    tmp = tmp_path_factory.mktemp("two-weeks")
    project = make_project(tmp, warm=True)
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8")
        + "tracker_weeks: 2\nsheet_message: Questions? Call your therapist at 866-588-0230.\n",
        encoding="utf-8",
    )
    spanish = project / "data" / "es" / "clinic.yml"
    spanish.write_text(
        spanish.read_text(encoding="utf-8")
        + "sheet_message: ¿Preguntas? Llame a su terapeuta al 866-588-0230.\n",
        encoding="utf-8",
    )
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    marker = "- id: spiderman\n"
    assert marker in text
    drills.write_text(
        text.replace(marker, marker + "  video: https://example.org/spiderman.mp4\n", 1), encoding="utf-8"
    )
    build = mkdocs_build(project, tmp / "site", {"HANDOUT_PDFS": "1"})
    assert build.returncode == 0, build.output
    return build


MESSAGE_OWN = {
    "en": "Questions? Call your therapist at 866-588-0230.",
    "es": "¿Preguntas? Llame a su terapeuta al 866-588-0230.",
}


def test_two_weeks_of_boxes_and_the_clinics_own_message(two_weeks_site: Build) -> None:
    site = two_weeks_site
    for language, prefix in LANGUAGES.items():
        page = f"{prefix}handouts/hip-mobility-off-the-floor/"  # two weeks in both languages
        sheet = html(site, page).select_one("[data-handout] > .handout-sheet")
        assert sheet["data-tracker-weeks"] == "2"
        for tracker in sheet.select(".week-tracker"):
            weeks = tracker.select(".week-tracker__week")
            assert len(weeks) == 2 and all(len(w.select(".week-tracker__days > li")) == 7 for w in weeks)
            assert [words(w.select_one(".week-tracker__week-label")) for w in weeks] == (
                ["Week 1:", "Week 2:"] if language == "en" else ["Semana 1:", "Semana 2:"]
            )
        message = squeezed(
            html(site, f"{prefix}handouts/hip-mobility/").select_one(".handout-footer__message").get_text()
        )
        assert message == MESSAGE_OWN[language]
        spiderman = html(site, f"{prefix}handouts/hip-mobility/").select_one(
            '[aria-labelledby="handout-drill-spiderman"] .handout-drill__qr-label'
        )
        assert words(spiderman) == (
            "Scan to watch the video" if language == "en" else "Escanee para ver el video"
        )
        path = site.site / prefix / pdf_path("hip-mobility", PDF_VARIANTS[0])
        assert MESSAGE_OWN[language] in squeezed(page_texts(path)[-1])


WEEK_2 = {"en": "Week 2:", "es": "Semana 2:"}


def test_two_weeks_where_the_page_limits_hold_and_one_where_they_do_not(two_weeks_site: Build) -> None:
    """tracker_weeks: 2 gives a sheet (its page and its PDFs) two weeks of boxes where every PDF of
    it keeps its page limit with every drill whole, else one week, said in the log; the build goes on."""
    site = two_weeks_site
    one_week = []
    for language, prefix in LANGUAGES.items():
        for program in content(language).programs:
            drills = len(program.drills)
            for large_print in (False, True):
                page = f"{prefix}handouts/{program.id}/" + ("large-print/" if large_print else "")
                sheet = html(site, page).select_one("[data-handout] > .handout-sheet")
                weeks = int(sheet["data-tracker-weeks"])
                # the page prints what its PDFs print: the rows it has, all shown
                assert len(sheet.select(".week-tracker__week")) == weeks * drills, page
                said = [line for line in site.output.splitlines() if f"handout {page} has one week" in line]
                assert len(said) == (weeks == 1), (page, said)
                if weeks == 1:
                    one_week.append(page)
                    assert "tracker_weeks: 2 in data/clinic.yml" in said[0], said
                    assert re.search(r"takes \d+ pages, more than its \d+-page limit", said[0]), said
                for variant in (v for v in PDF_VARIANTS if v.large_print == large_print):
                    path = site.site / prefix / pdf_path(program.id, variant)
                    pages = [squeezed(p) for p in page_texts(path)]
                    assert len(pages) <= variant.most_pages, (path, len(pages))
                    text = " ".join(pages)
                    assert text.count(WEEK_2[language]) == (drills if weeks == 2 else 0), path
                    for number, drill in enumerate(content(language).program_drills(program.id), start=1):
                        named = [p for p in pages if f"{number}. {drill.name}" in p]
                        assert len(named) == 1, (path, drill.id)  # every drill whole, on one page
                        after = named[0][named[0].index(f"{number}. {drill.name}") :]
                        assert DAYS_DONE[language] in after and (weeks == 1 or WEEK_2[language] in after), (
                            path,
                            drill.id,
                        )
    # the Spanish six-drill regular sheet runs longer: one week; every other sheet keeps two (large print
    # too: a week of boxes on the line of its label)
    assert one_week == ["es/handouts/hip-mobility/"], one_week
    # Each sheet is laid out once: the PDFs of a sheet that keeps two weeks come from the layout made
    # to count its pages (kept in the cache); only a sheet cut back to one week is laid out again
    # (the Spanish regular sheet: its US Letter and A4 PDFs).
    made = [int(n) for n in re.findall(r"PDF handouts: (\d+) made", site.output)]
    assert len(made) == len(LANGUAGES) and sum(made) == 2, site.output


def test_tracker_weeks_is_1_or_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    clinic = data / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "tracker_weeks: 3\n", encoding="utf-8")
    said = problems(data)
    assert re.search(r"clinic\.yml:\d+:\d+: clinic\.tracker_weeks: must be one of 1, 2", said), said


# --- Real Chromium: print layout and the page on a phone -------------------------------------------


@pytest.mark.browser
def test_printed_boxes_are_at_least_6_mm_and_steps_one_column(chromium: Browser, site: Build) -> None:
    with serve(site.site) as url:
        for path in (
            "handouts/hip-mobility/",
            "handouts/hip-mobility/large-print/",
            "es/handouts/hip-mobility/",
        ):
            page = chromium.new_page(viewport={"width": 1000, "height": 900})
            page.emulate_media(media="print")
            page.goto(url + path, wait_until="networkidle")
            boxes = page.eval_on_selector_all(
                "[data-handout] .week-tracker__days > li",
                """items => items.map(li => { const s = getComputedStyle(li, '::after');
                    return [parseFloat(s.width), parseFloat(s.height), s.display] })""",
            )
            assert len(boxes) == 6 * 7, path
            assert all(w >= 6 * MM and h >= 6 * MM and shown != "none" for w, h, shown in boxes), (
                path,
                boxes[:3],
            )
            for block in page.locator("[data-handout] .handout-drill").all():
                steps = [li.bounding_box() for li in block.locator(".handout-drill__steps > li").all()]
                assert len({round(b["x"]) for b in steps}) == 1, path  # one column
                tops = [b["y"] for b in steps]
                assert tops == sorted(tops) and len(set(tops)) == len(tops), path  # read top to bottom
            page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    ["handouts/hip-mobility/", "handouts/hip-mobility/large-print/", "es/handouts/hip-mobility/large-print/"],
)
def test_a_handout_page_on_a_phone_is_for_reading(chromium: Browser, site: Build, path: str) -> None:
    with serve(site.site) as url:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        page.goto(url + path, wait_until="networkidle")
        sheet = page.locator("[data-handout] > .handout-sheet")
        # paper only: QR codes, boxes, lines to write on, the printed line of the call to action
        paper_only = (".handout-drill__qr", ".week-tracker", ".handout-header__write-on")
        paper_only += (".call-to-action__print",)
        for hidden in paper_only:
            assert sheet.locator(hidden).count() > 0
            assert not any(item.is_visible() for item in sheet.locator(hidden).all()), hidden
        step = sheet.locator(".handout-drill__steps > li").first
        size, height = step.evaluate(
            "li => [parseFloat(getComputedStyle(li).fontSize), parseFloat(getComputedStyle(li).lineHeight)]"
        )
        assert size >= 16 and height / size >= 1.4, (size, height)
        # the pictures above the steps, the steps the width of the text: one column
        block = sheet.locator(".handout-drill").first
        figures, steps = (
            block.locator(".handout-drill__figures").bounding_box(),
            block.locator(".handout-drill__steps").bounding_box(),
        )
        assert steps["y"] >= figures["y"] + figures["height"] - 1
        assert steps["width"] >= 0.8 * block.bounding_box()["width"]
        # Print and the PDFs stay
        assert page.locator("[data-print-button]").is_visible()
        assert any(a.is_visible() for a in page.locator('.handout-links a[type="application/pdf"]').all())
        # nothing breaks mid-word, and nothing is wider than the screen
        broken = sheet.evaluate(
            """sheet => {
                const out = [];
                const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const node = walker.currentNode;
                    if (!node.parentElement.checkVisibility()) continue;
                    for (const m of node.data.matchAll(/\\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                        if (tops.size > 1) out.push(m[0]);
                    }
                }
                return out;
            }"""
        )
        assert broken == [], broken
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.close()


@pytest.mark.browser
def test_a_browser_prints_the_weeks_its_pdf_has(chromium: Browser, two_weeks_site: Build) -> None:
    """With tracker_weeks: 2, what a browser prints from a handout page has as many weeks of boxes
    as the page's PDFs: two on the English six-drill sheet, one on the Spanish one."""
    site = two_weeks_site
    with serve(site.site) as url:
        for language, prefix, weeks in (("en", "", 2), ("es", "es/", 1)):
            page = chromium.new_page(viewport={"width": 1000, "height": 900})
            page.emulate_media(media="print")
            page.goto(url + f"{prefix}handouts/hip-mobility/", wait_until="networkidle")
            rows = page.locator("[data-handout] .week-tracker__week")
            printed = sum(1 for row in rows.all() if row.is_visible())
            page.close()
            pdf = " ".join(page_texts(site.site / prefix / pdf_path("hip-mobility", PDF_VARIANTS[0])))
            assert printed == 6 * weeks, (language, printed)
            assert pdf.count(WEEK_2[language]) == (6 if weeks == 2 else 0), language
