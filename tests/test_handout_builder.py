"""The handout builder (handouts/builder/): a therapist builds one patient's handout in the browser.

In real Chromium: choose, order and dose drills, print to PDF (read back with pypdf,
QR codes decoded with zxing-cpp), copy a link and open it elsewhere, do it all by
keyboard, pass axe. All along, nothing typed about the patient leaves the page.
Without a browser: the data block's escaping, the page's build, the drill groups.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect
from pypdf import PdfReader

import content_model
from browser import emptied, is_new_document, serve
from conftest import ENGLISH_ONLY, ROOT, Build, make_project, mkdocs_build
from content_model import Dose
from macros.dose import DOSE_WORDS, dose_phrase
from macros.handout import PDF_VARIANTS
from macros.handout_builder import OTHER_DRILLS, builder_data, drill_groups, script_json
from page_walk import axe_violations as axe_on_page
from pdf_tools import structure_tree
from small_data import PROGRAMS, replaced, write_project

BUILDER = "handouts/builder/"
CONTENT = content_model.load(ROOT / "data", shown_dir="data")
NAMES = {drill.id: drill.name for drill in CONTENT.drills}
LETTER = (612.0, 792.0)  # points
# A sheet from the builder keeps the program handouts' limit on US Letter (macros/handout.py)
LETTER_PAGES = next(v.most_pages for v in PDF_VARIANTS if v.paper == "letter" and not v.large_print)

# What a therapist types about a patient: none of it may leave the page.
PATIENT = "Quinn Zabriskie-Testwood"
DATE = "July 9, 2031"
THERAPIST = "Robin Ottoline-Testcase"
NOTES = "Walk ten minutes after lunch. Ice the hip at night (zq-general-note)."
DRILL_NOTE = "Left side only until the next visit (zq-drill-note)"
SECRETS = (
    PATIENT,
    "Zabriskie",
    DATE,
    "2031",
    THERAPIST,
    "Ottoline",
    NOTES,
    "zq-general-note",
    DRILL_NOTE,
    "zq-drill-note",
)


# --- Browser fixtures ---------------------------------------------------------------------------


@pytest.fixture
def base(served: str) -> str:
    """The served default site (conftest's one server), by the name these tests use."""
    return served


@dataclass
class Session:
    """A builder page and every request it made, counted from the moment it had loaded."""

    page: Page
    requests: list[Request]
    loaded: int
    base: str


# One context for this module's builder tests (conftest's context and module_context): open_builder
# loads each one's builder afresh in its one tab; a test that changes the context itself makes its own.
pytestmark = pytest.mark.one_context


def open_builder(context: BrowserContext, url: str, base: str) -> Session:
    """The builder at ``url``, loaded as a new document: in the context's tab if it has one (from a
    blank page, with the screen's media, as a new tab starts), else in a new tab. Its requests are
    counted from then on, and it must start without an error."""
    page = emptied(context.pages[0]) if context.pages else context.new_page()
    requests: list[Request] = []
    page.on("request", lambda request: requests.append(request))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    # On a busy machine the network can fall idle before the page has loaded: wait for the load too.
    page.wait_for_load_state("load")
    assert not errors, errors
    assert is_new_document(page)
    ready = page.locator("[data-handout-builder]").get_attribute("data-ready")
    assert ready == "yes", "the builder's script did not start"
    return Session(page, requests, len(requests), base)


def assert_private(session: Session, context: BrowserContext, secrets: tuple[str, ...] = SECRETS) -> None:
    """No request after load; no request, storage, cookie or address holds what was typed."""
    after = [request.url for request in session.requests[session.loaded :]]
    assert after == [], f"requests after the page had loaded: {after}"
    for request in session.requests:
        assert request.url.startswith(session.base), f"a request left the site: {request.url}"
        sent = " ".join([request.url, request.post_data or "", json.dumps(request.headers)])
        assert not [s for s in secrets if s in sent], f"{request.url} carries patient data"
    stores = session.page.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    state = json.dumps(context.storage_state(indexed_db=True))
    for secret in secrets:
        assert secret not in stores, f"{secret!r} is in localStorage, sessionStorage or a cookie"
        assert secret not in state, f"{secret!r} is in the browser's stored state"
        assert secret not in session.page.url, f"{secret!r} is in the address"


# --- Driving the builder ------------------------------------------------------------------------


def choose(page: Page, *drill_ids: str) -> None:
    for drill_id in drill_ids:
        page.locator(f'[data-choose][value="{drill_id}"]').first.check()


def row(page: Page, drill_id: str):
    return page.locator(f'[data-row="{drill_id}"]')


def press(page: Page, drill_id: str, button: str) -> None:
    """Press "Move up", "Move down" or "Remove" in a chosen drill's row."""
    page.get_by_role("button", name=f"{button} {NAMES[drill_id]}", exact=True).click()


def set_dose(page: Page, drill_id: str, **values: int | None) -> None:
    for field, value in values.items():
        row(page, drill_id).locator(f'[data-dose="{field}"]').fill("" if value is None else str(value))


def fill_patient(page: Page, drill_id: str | None = None) -> None:
    """Name, date and therapist; with drill_id, the general notes and that drill's note too."""
    page.get_by_label("Patient's name").fill(PATIENT)
    page.get_by_label("Date").fill(DATE)
    page.get_by_label("Therapist's name").fill(THERAPIST)
    if drill_id:
        page.get_by_label("Notes for the patient").fill(NOTES)
        row(page, drill_id).get_by_label("Note for this drill").fill(DRILL_NOTE)


def preview_names(page: Page) -> list[str]:
    return [
        name.split(". ", 1)[1]
        for name in page.locator("[data-builder-sheet]:not([hidden]) .handout-drill__name").all_inner_texts()
    ]


def preview_dose(page: Page, drill_id: str) -> str | None:
    dose = page.locator(
        f'[data-builder-sheet]:not([hidden]) [aria-labelledby="handout-drill-{drill_id}"] '
        ".handout-drill__dose"
    )
    return dose.inner_text().removeprefix("How much:").strip() if dose.count() else None


def print_pdf(page: Page) -> bytes:
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter")
    page.emulate_media(media="screen")
    return pdf


def pdf_texts(pdf: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def qr_codes_top_down(pdf: bytes, tmp: Path) -> list[str]:
    """The QR codes of a PDF, page by page, top to bottom: pdftoppm at 300 dpi, then zxing-cpp."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils"
    (tmp / "sheet.pdf").write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", "300", "-png", tmp / "sheet.pdf", tmp / "sheet"], check=True)
    found = []
    for png in sorted(tmp.glob("sheet-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1])):
        with Image.open(png) as image:
            codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        found += [code.text for code in sorted(codes, key=lambda code: code.position.top_left.y)]
    return found


def drill_url(page: Page, drill_id: str) -> str:
    """The published address of a drill's page, from the builder page's canonical address."""
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical and canonical.endswith(BUILDER), canonical
    return urljoin(canonical.removesuffix(BUILDER), f"drills/{drill_id}/")


# --- Printing -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_three_drills_print_on_letter_in_order_with_dose_name_pictures_and_qr_codes(
    context: BrowserContext, base: str, tmp_path: Path
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "quadruped-rockbacks", "half-kneel-hip-flexor-stretch", "spiderman")
    press(page, "spiderman", "Move up")
    press(page, "spiderman", "Move up")
    press(page, "quadruped-rockbacks", "Move down")
    order = ["spiderman", "half-kneel-hip-flexor-stretch", "quadruped-rockbacks"]
    set_dose(page, "quadruped-rockbacks", reps=15)
    changed = dose_phrase(Dose(sets=2, reps=15, per_day=1))
    assert changed == "2 sets of 15 · once a day"
    fill_patient(page)
    assert preview_names(page) == [NAMES[d] for d in order]
    assert preview_dose(page, "quadruped-rockbacks") == changed

    pdf = print_pdf(page)
    reader = PdfReader(io.BytesIO(pdf))
    # Three drills with their start and end pictures beside the steps: two pages at most
    assert 1 <= len(reader.pages) <= 2
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == LETTER for p in reader.pages)
    pages = pdf_texts(pdf)
    assert all(CONTENT.clinic.phone_display in text for text in pages)  # the footer on every page
    text = " ".join(pages)
    positions = [text.find(f"{number}. {NAMES[d]}") for number, d in enumerate(order, start=1)]
    assert -1 not in positions and positions == sorted(positions), (positions, text)
    assert changed in text
    assert PATIENT in text and DATE in text and THERAPIST in text
    assert CONTENT.clinic.phone_display in text
    assert "Choose drills" not in text and "Copy link" not in text  # the controls do not print
    assert qr_codes_top_down(pdf, tmp_path) == [drill_url(page, d) for d in order]

    page.get_by_role("button", name="Copy link").click()
    assert_private(session, context)


@pytest.mark.browser
def test_chromiums_pdf_of_a_builder_sheet_is_tagged(context: BrowserContext, base: str) -> None:
    """Printed with tagging on (Chromium's generateTaggedPDF), the sheet has a structure tree with the
    page's language, the drills' headings in order, numbered steps and each QR code's alt text.
    Chromium leaves the page-margin text (page numbers) untagged and claims no PDF/UA: the README says so."""
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    order = ["spiderman", "quadruped-rockbacks"]
    choose(page, "quadruped-rockbacks", "spiderman")
    press(page, "spiderman", "Move up")
    page.emulate_media(media="print")
    pdf = page.pdf(format="Letter", tagged=True)
    untagged = page.pdf(format="Letter")
    page.emulate_media(media="screen")
    assert structure_tree(untagged) is None  # tagging is what tagged=True adds
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert str(catalog["/Lang"]) == page.locator("html").get_attribute("lang")
    assert catalog["/MarkInfo"]["/Marked"] and catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    tree = structure_tree(pdf)
    assert tree is not None
    tags = list(tree.walk())
    headings = [t.all_text() for t in tags if t.role == "H2" and re.match(r"\d+\. ", t.all_text())]
    assert headings == [f"{n}. {NAMES[d]}" for n, d in enumerate(order, start=1)]
    figures = [t for t in tags if t.role == "Figure"]
    assert all(f.alt for f in figures), [f.alt for f in figures]
    assert [f.alt for f in figures if f.alt.startswith("QR code")] == [
        f"QR code: opens the page for {NAMES[d]}, {drill_url(page, d)}" for d in order
    ]
    numbered = [t for t in tags if t.role == "L" and t.attributes.get("ListNumbering") == "Decimal"]
    steps = {d.id: d.steps for d in CONTENT.drills}
    assert [[item.all_text() for item in t.kids] for t in numbered] == [
        [f"{n}. {step}" for n, step in enumerate(steps[d], start=1)] for d in order
    ]


@pytest.mark.browser
def test_six_drills_with_doses_notes_and_pictures_fit_the_letter_page_limit(
    context: BrowserContext, base: str
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    order = list(reversed(CONTENT.program("hip-mobility").drills))  # the six hip drills
    assert len(order) == 6
    choose(page, *order)
    for number, drill_id in enumerate(order, start=1):
        set_dose(page, drill_id, sets=3, reps=8 + number, hold_seconds=5, per_day=2)
        row(page, drill_id).get_by_label("Note for this drill").fill(f"Ease in, zq-note-{number}")
    fill_patient(page)
    page.get_by_label("Notes for the patient").fill(NOTES)

    pdf = print_pdf(page)
    texts = pdf_texts(pdf)
    assert 1 <= len(texts) <= LETTER_PAGES
    text = " ".join(texts)
    positions = [text.find(f"{number}. {NAMES[d]}") for number, d in enumerate(order, start=1)]
    assert -1 not in positions and positions == sorted(positions)
    assert PATIENT in text and NOTES in text
    for number in range(1, 7):
        assert f"Ease in, zq-note-{number}" in text
        assert f"3 sets of {8 + number} · hold 5 seconds · twice a day" in text
    assert_private(session, context, SECRETS + tuple(f"zq-note-{number}" for number in range(1, 7)))


# --- Pictures -------------------------------------------------------------------------------------

PICTURED = [drill for drill in CONTENT.drills if drill.pictures]
# Each <use> in the page, with the symbol it shows and the box it draws, for what is on screen now.
USES = """(selector) => [...document.querySelectorAll(selector + ' use')].map(use => {
  const svg = use.closest('svg'); const box = svg.getBoundingClientRect();
  const symbol = document.querySelector(use.getAttribute('href'));
  return [use.getAttribute('href'), !!symbol && symbol.tagName, box.width, box.height,
          svg.getAttribute('aria-hidden'), svg.getAttribute('aria-label')];
})"""


@pytest.mark.browser
def test_pictures_show_in_the_picker_and_on_the_printed_sheet_with_no_request_per_drill(
    context: BrowserContext, base: str
) -> None:
    """Every picture arrives with the page: choosing drills and printing asks the server for nothing,
    so no request tells it which drills a patient gets."""
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    picker = page.evaluate(USES, ".handout-builder__choice")
    assert len(picker) == sum(1 for group in drill_groups(CONTENT) for d in group.drills if d.pictures)
    for href, tag, width, height, hidden, label in picker:
        assert tag == "symbol" and width >= 60 and height > 20, href
        assert hidden == "true" and label is None  # decorative: the drill's name is its label
    order = [drill.id for drill in reversed(CONTENT.drills)]
    choose(page, *order)
    page.emulate_media(media="print")
    printed = page.evaluate(USES, "[data-builder-sheet]")
    page.pdf(format="Letter")
    page.emulate_media(media="screen")
    expected = [
        d.pictures[0 if n == 1 else -1].alt
        for d in reversed(CONTENT.drills)
        for n in range(1, min(len(d.pictures), 2) + 1)
    ]
    assert [label for _href, _tag, _w, _h, _hidden, label in printed] == expected
    for href, tag, width, height, hidden, _label in printed:
        assert tag == "symbol" and hidden is None, href
        assert width >= 113 and height > 40, f"{href} prints {width:.0f} px wide, under 3 cm"
    assert_private(session, context)  # no request at all after load


# Each printed QR code in the sheet shown: its drill's address (from the data), its box and its path.
PRINTED_CODES = """() => [...document.querySelectorAll('[data-builder-sheet]:not([hidden]) .handout-drill')]
.map(block => {
  const svg = block.querySelector('svg.qr-code');
  return [svg.getAttribute('viewBox'), svg.querySelector('path').getAttribute('d'),
          svg.querySelector('title').textContent];
})"""


def drawn_code(box: str, path: str) -> Image.Image:
    """A QR code as the builder draws it (viewBox "0 0 n n", each run of dark modules in a row as
    "M<x> <y>.5h<length>"), as a black-on-white picture of 8 pixels a module, to read with zxing-cpp."""
    size = int(box.split()[-1])
    image = Image.new("L", (size, size), 255)
    for run in path.removeprefix("M").split("M"):
        start, rest = run.split(" ")
        row, length = rest.split("h")
        for x in range(int(start), int(start) + int(length)):
            image.putpixel((x, int(float(row))), 0)
    return image.resize((size * 8, size * 8), Image.Resampling.NEAREST)


@pytest.mark.browser
def test_the_qr_codes_made_in_the_browser_open_each_drill(context: BrowserContext, base: str) -> None:
    """The builder makes each block's QR code in the browser (lean-qr): every drill's code, in both
    sheet languages, reads back with a QR reader as its drill's page; so does one as printed."""
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    data = page.evaluate("() => JSON.parse(document.getElementById('handout-builder-data').textContent)")
    choose(page, *[drill.id for drill in CONTENT.drills])
    for language in ("en", "es"):
        page.get_by_label("Language of the printed sheet").select_option(language)
        printed = page.evaluate(PRINTED_CODES)
        blocks = block_rows(data, language)
        assert len(printed) == len(blocks) == len(CONTENT.drills)
        for (box, path, title), block in zip(printed, blocks, strict=True):
            url = block_url(data, language, block)
            found = zxingcpp.read_barcodes(drawn_code(box, path), formats=zxingcpp.BarcodeFormat.QRCode)
            assert [code.text for code in found] == [url], block["id"]
            assert url in title and block_name(data, block) in title
    # and a printed one, as the browser draws it, decodes to its drill's page
    page.emulate_media(media="print")
    shot = page.locator("[data-builder-sheet]:not([hidden]) svg.qr-code").first.screenshot(scale="device")
    page.emulate_media(media="screen")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)).resize((400, 400)))
    assert [f.text for f in found] == [block_url(data, "es", block_rows(data, "es")[0])]
    assert_private(session, context)


@pytest.mark.browser
def test_the_file_preview_works_and_prints_with_the_network_cut_after_load(
    tmp_path: Path, chromium: Browser
) -> None:
    """The preview a clinic opens from disk (`mkdocs build --no-directory-urls`): with the network cut
    once the page has loaded, every drill still fills in, with its pictures and QR code, and prints."""
    project = make_project(tmp_path, config={"use_directory_urls": False}, warm=True)
    # English only: the English builder page is the one opened.
    build = mkdocs_build(project, tmp_path / "site", {"HANDOUT_PDFS": "0", **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto((build.site / "handouts" / "builder.html").as_uri(), wait_until="load")
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        context.set_offline(True)
        choose(page, *[drill.id for drill in CONTENT.drills])
        assert preview_names(page) == [drill.name for drill in CONTENT.drills]
        sheet = page.locator("[data-builder-sheet]:not([hidden])")
        uses = sheet.locator(".handout-drill__figures use").evaluate_all(
            "uses => uses.map(use => !!document.querySelector(use.getAttribute('href')))"
        )
        assert uses and all(uses)
        paths = sheet.locator("svg.qr-code path").evaluate_all("paths => paths.map(p => p.getAttribute('d'))")
        assert len(paths) == len(CONTENT.drills) and all(paths)
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
        assert CONTENT.drills[-1].name in " ".join(pdf_texts(pdf))
        # No request after load, not even one that failed for want of a network.
        assert [url for url in requests if not url.endswith("favicon.svg")] == []
    finally:
        context.close()


def test_each_printed_picture_is_drawn_once_in_the_page(site: Build) -> None:
    soup = builder_page(site)
    symbols = [symbol["id"] for symbol in soup.select("svg.handout-builder__pictures > symbol")]
    # One symbol per drawing: the seed drills are all drawn differently, so one per printed picture.
    assert len(symbols) == len(set(symbols)) == sum(min(len(d.pictures), 2) for d in CONTENT.drills)
    drawings = [symbol.decode_contents() for symbol in soup.select("svg.handout-builder__pictures > symbol")]
    assert len(set(drawings)) == len(drawings)
    assert not soup.select("[data-drill-pattern] line, [data-handout-builder] line:not(symbol line)")
    for use in soup.select("use"):
        assert use["href"].removeprefix("#") in symbols
    # the pictures as the drill's block prints them (its data): each named by its alt, drawn by a symbol
    blocks = {block["id"]: block for block in block_rows(builder_json(soup), "en")}
    for drill in PICTURED:
        figures = blocks[drill.id]["figures"]
        alts = [drill.pictures[0].alt, drill.pictures[-1].alt][: len(drill.pictures)]
        assert [f["alt"] for f in figures] == alts
        assert all(f["symbol"] in symbols for f in figures)


# --- The link -----------------------------------------------------------------------------------


@pytest.mark.browser
def test_a_copied_link_restores_drills_order_and_doses_but_no_patient_data(
    chromium: Browser, context: BrowserContext, base: str
) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    choose(page, "posterior-hip-stretch", "figure-4-stretch", "adductor-quadruped-rockbacks")
    press(page, "adductor-quadruped-rockbacks", "Move up")
    set_dose(page, "figure-4-stretch", sets=4, hold_seconds=45, per_day=None)
    row(page, "posterior-hip-stretch").get_by_label("Each side").check()
    fill_patient(page, "figure-4-stretch")
    # The sheet's options, each away from where a new builder starts (issue 17: the link carries them).
    page.locator("#handout-builder-size-large").check()
    paper = "a4" if page.locator("#handout-builder-paper-letter").is_checked() else "letter"
    page.locator(f"#handout-builder-paper-{paper}").check()
    weeks_field = page.get_by_label("Boxes to tick under each drill")
    weeks = "1" if weeks_field.input_value() == "2" else "2"
    weeks_field.select_option(weeks)
    page.get_by_role("button", name="Copy link").click()
    link = page.get_by_label("Link to these drills").input_value()
    assert f"size=large&paper={paper}&weeks={weeks}&drill=" in link
    # Copied, or told how to copy it by hand (the clipboard answers later, so wait for the words).
    expect(page.locator("[data-link-status]")).to_have_text(
        re.compile(r"Link copied|did not let the page copy")
    )
    assert link.startswith(base + BUILDER + "#")
    assert not [s for s in SECRETS if s in link]
    order = ["posterior-hip-stretch", "adductor-quadruped-rockbacks", "figure-4-stretch"]
    doses = {d: preview_dose(page, d) for d in order}
    assert doses["figure-4-stretch"] == "4 times · hold 45 seconds · each side"
    assert_private(session, context)

    fresh = chromium.new_context()
    try:
        restored = open_builder(fresh, link, base).page
        assert [r.get_attribute("data-row") for r in restored.locator("[data-row]").all()] == order
        assert preview_names(restored) == [NAMES[d] for d in order]
        assert {d: preview_dose(restored, d) for d in order} == doses
        figure = row(restored, "figure-4-stretch")
        fields = ("sets", "reps", "hold_seconds", "per_day")
        assert [figure.locator(f'[data-dose="{f}"]').input_value() for f in fields] == ["4", "", "45", ""]
        assert row(restored, "posterior-hip-stretch").get_by_label("Each side").is_checked()
        for label in ("Patient's name", "Therapist's name", "Notes for the patient"):
            assert restored.get_by_label(label).input_value() == ""
        assert restored.get_by_label("Date").input_value() != DATE  # today's date, as on any new sheet
        notes = restored.locator("[data-note]").evaluate_all("fields => fields.map(f => f.value)")
        assert notes == ["", "", ""]
        sheet = restored.locator("[data-builder-sheet]:not([hidden])").inner_text()
        assert not [s for s in SECRETS if s in sheet]
        assert "Opened from a link: 3 drills." in restored.locator("[data-status]").inner_text()
        # The print size, the paper and the weeks of boxes come back, on the controls and the sheet.
        assert restored.locator("#handout-builder-size-large").is_checked()
        assert restored.locator(f"#handout-builder-paper-{paper}").is_checked()
        assert restored.get_by_label("Boxes to tick under each drill").input_value() == weeks
        shown = restored.locator("[data-builder-sheet]:not([hidden]) .handout-sheet")
        assert "handout-sheet--large-print" in (shown.get_attribute("class") or "")
        assert shown.get_attribute("data-tracker-weeks") == weeks
        assert restored.locator("[data-handout-builder]").get_attribute("data-paper") == paper
        assert restored.get_by_label("Link to these drills").input_value() == link
    finally:
        fresh.close()


@pytest.mark.browser
def test_a_link_s_options_outside_the_allowed_values_are_left_out_with_a_note(
    context: BrowserContext, base: str
) -> None:
    """size=, paper= and weeks= take only the builder's own values; anything else is named and left out."""
    hostile = "#size=huge&paper=legal&weeks=3&size=large&size=regular&drill=spiderman"
    page = open_builder(context, base + BUILDER + hostile, base).page
    assert [r.get_attribute("data-row") for r in page.locator("[data-row]").all()] == ["spiderman"]
    assert page.locator("#handout-builder-size-large").is_checked()  # the first good size=, once
    note = page.locator("[data-link-note]").inner_text()
    for part in ("size=huge", "paper=legal", "weeks=3", "size=regular"):
        assert part in note, note


# --- Keyboard -----------------------------------------------------------------------------------

FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const row = el.closest('[data-row]');
  const kind = el.matches('[data-choose]') ? 'choose' : el.matches('[data-search]') ? 'search'
    : el.matches('[data-print-button]') ? 'print' : el.dataset.move || el.dataset.dose || '';
  return {kind: kind, drill: el.matches('[data-choose]') ? el.value : row ? row.dataset.row : '',
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          inBuilder: !!el.closest('[data-handout-builder]'), html: el.outerHTML.slice(0, 120)};
}"""


def tab_to(page: Page, kind: str, drill: str = "", limit: int = 120) -> None:
    """Press Tab until the focus is on the control wanted; every builder control passed shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["inBuilder"]:
            assert focus["outline"], f"no visible focus on {focus}"
        if focus["kind"] == kind and (not drill or focus["drill"] == drill):
            return
    raise AssertionError(f"Tab never reached {kind} {drill}")


@pytest.mark.browser
def test_the_keyboard_alone_chooses_orders_doses_and_prints(context: BrowserContext, base: str) -> None:
    session = open_builder(context, base + BUILDER, base)
    page = session.page
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    tab_to(page, "search")
    page.keyboard.type("spider")
    page.keyboard.press("Tab")  # drills that do not match are hidden, so the next stop is Spiderman
    assert page.evaluate(FOCUS)["drill"] == "spiderman"
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    tab_to(page, "choose", "quadruped-rockbacks")
    page.keyboard.press("Space")
    assert preview_names(page) == ["Spiderman", "Quadruped Rockbacks"]
    tab_to(page, "up", "quadruped-rockbacks")
    page.keyboard.press("Enter")
    focus = page.evaluate(FOCUS)
    assert (focus["kind"], focus["drill"]) == ("down", "quadruped-rockbacks"), "the focus stays in its row"
    tab_to(page, "reps", "spiderman")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    tab_to(page, "print")
    page.keyboard.press("Enter")
    assert page.evaluate("window.printed") == 1
    assert preview_names(page) == ["Quadruped Rockbacks", "Spiderman"]
    spiderman = CONTENT.drill("spiderman")
    assert spiderman.dose and spiderman.dose.reps
    more = spiderman.dose.model_copy(update={"reps": spiderman.dose.reps + 2})
    assert preview_dose(page, "spiderman") == dose_phrase(more, spiderman.each_side)
    assert_private(session, context)


# --- Accessibility and small screens ------------------------------------------------------------


def axe_violations(page: Page) -> list[str]:
    # Material fades its "Back to top" button in as the page scrolls: judge colours once it has.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    # All of axe's WCAG A and AA rules, only violations listed in full, its script injected once
    # per page (tests/page_walk.py).
    return axe_on_page(page)


def fill_three(page: Page) -> None:
    choose(page, "spiderman", "figure-4-stretch", "quadruped-rockbacks")
    press(page, "figure-4-stretch", "Move up")
    fill_patient(page, "spiderman")
    page.get_by_role("button", name="Copy link").click()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_empty_and_filled_in(chromium: Browser, base: str, scheme: str) -> None:
    context = chromium.new_context(color_scheme=scheme)
    try:
        page = open_builder(context, base + BUILDER, base).page
        assert axe_violations(page) == []
        fill_three(page)
        page.get_by_label("Find a drill by name").fill("stretch")
        assert axe_violations(page) == []
    finally:
        context.close()


LABELS = """() => [...document.querySelectorAll('[data-handout-builder] :is(input, textarea, select)')]
  .map(field => {
    const label = field.id && document.querySelector(`label[for="${field.id}"]`);
    const shown = !!label && label.getClientRects().length > 0 && label.innerText.trim() !== '';
    return [field.id || field.outerHTML, shown];
  })"""
OVERFLOW = """() => [document.documentElement.scrollWidth, window.innerWidth,
  [...document.querySelectorAll('[data-handout-builder] :is(input, textarea, button, label), ' +
    '[data-builder-sheet]:not([hidden]) *')]
    .filter(el => el.getClientRects().length && el.getBoundingClientRect().right > window.innerWidth + 1)
    .map(el => el.outerHTML.slice(0, 80))]"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 640])  # a small phone; 1280 px at 200% zoom
def test_every_control_has_a_visible_label_and_nothing_overflows(
    chromium: Browser, base: str, width: int
) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 800})
    try:
        page = open_builder(context, base + BUILDER, base).page
        fill_three(page)
        labels = page.evaluate(LABELS)
        assert len(labels) >= 3 * 6 + 6  # chooser boxes, three rows of fields, patient fields, link
        assert [field for field, labelled in labels if not labelled] == []
        scroll_width, viewport, outside = page.evaluate(OVERFLOW)
        assert scroll_width <= viewport and outside == []
    finally:
        context.close()


# --- Dose words: the script says what macros/dose.py says ---------------------------------------

DOSES = [
    (2, 10, None, 1, False),
    (1, 1, None, None, False),
    (None, 5, None, 2, True),
    (3, None, None, 3, False),
    (None, None, 30, None, True),
    (1, None, 1, 1, False),
    (2, 12, 5, 2, True),
    (None, None, None, 7, False),
    (None, None, None, None, True),
    (None, None, None, None, False),
]


@pytest.mark.browser
def test_dose_words_match_the_python_dose_phrase(context: BrowserContext, base: str) -> None:
    page = open_builder(context, base + BUILDER, base).page
    choose(page, "posterior-hip-stretch")
    checkbox = row(page, "posterior-hip-stretch").get_by_label("Each side")
    for sets, reps, hold, per_day, each_side in DOSES:
        set_dose(page, "posterior-hip-stretch", sets=sets, reps=reps, hold_seconds=hold, per_day=per_day)
        checkbox.set_checked(each_side)
        expected = dose_phrase(Dose(sets=sets, reps=reps, hold_seconds=hold, per_day=per_day), each_side)
        assert (preview_dose(page, "posterior-hip-stretch") or "") == expected, (sets, reps, hold, per_day)
    # Not a whole number from 1 up: left out, as if empty.
    set_dose(page, "posterior-hip-stretch", sets=2, reps=0, hold_seconds=None, per_day=1)
    row(page, "posterior-hip-stretch").locator('[data-dose="hold_seconds"]').fill("2.5")
    assert preview_dose(page, "posterior-hip-stretch") == dose_phrase(Dose(sets=2, per_day=1))


# --- The data block and the built page ----------------------------------------------------------

HOSTILE = "</script><script>alert(1)</script><!-- & </SCRIPT > ' \" \u2028"


def test_script_json_cannot_end_its_script_element() -> None:
    data = {"drills": [{"id": "x", "name": HOSTILE}], "other": ["<!--", "-->", "<![CDATA[", "&amp;"]}
    text = str(script_json(data))
    assert not set(text) & set("<>&")
    assert json.loads(text) == data
    html = f'<script type="application/json" id="data">{text}</script><p id="after">after</p>'
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("script")) == 1
    assert json.loads(soup.find("script").string) == data
    assert soup.find(id="after").string == "after"


def builder_page(build: Build) -> BeautifulSoup:
    return build.html(BUILDER)


def columns_as_rows(columns: dict[str, list]) -> list[dict]:
    """The data block's columns (macros.handout_builder.columns) as rows, one dict per drill."""
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def drill_rows(data: dict) -> list[dict]:
    return columns_as_rows(data["drills"])


def block_rows(data: dict, language: str) -> list[dict]:
    """A sheet language's printed blocks, as the script reads them: each picture's record from the
    data's list of them, each drill's id from the drills' when the blocks leave it out (every drill,
    in order)."""
    ids = data["drills"]["id"]
    return [
        {"id": ids[place], **block, "figures": [data["figures"][n] for n in block["figures"]]}
        for place, block in enumerate(columns_as_rows(data["blocks"][language]))
    ]


def block_name(data: dict, block: dict) -> str:
    """A block's drill name: its own, or (when the data leaves it out) the drill's."""
    return block["name"] or next(d["name"] for d in drill_rows(data) if d["id"] == block["id"])


def block_url(data: dict, language: str, block: dict) -> str:
    """A drill's page (its QR code's address), as the builder's script reads it from the data."""
    before, after = data["drill_urls"][language]
    return block.get("url") or before + block["id"] + after


def builder_json(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", id="handout-builder-data").string)


def test_the_built_page_carries_the_data_each_drill_block_once_and_one_call_to_action(site: Build) -> None:
    soup = builder_page(site)
    data = json.loads(soup.find("script", id="handout-builder-data").string)
    expected = builder_data(CONTENT)
    assert data["drills"] == expected["drills"] and data["dose_ranges"] == expected["dose_ranges"]
    # The sheet can be printed in English or Spanish: both languages' dose words and drills.
    assert data["dose_words"] == DOSE_WORDS
    every = [d.id for d in CONTENT.drills]
    assert data["messages"]["added"] == "{name} added as number {number}."
    # Each drill's printed words once in each sheet language, as data; one pattern block for each
    # (the script fills a copy for each drill chosen), so no QR code is drawn in the page.
    for language in ("en", "es"):
        assert [b["id"] for b in block_rows(data, language)] == every
        assert len(soup.select(f'template[data-drill-pattern][data-sheet-language="{language}"]')) == 1
    assert not soup.select("template[data-drill-block]")
    assert len(soup.find_all("svg", class_="qr-code")) == 2  # the two patterns', empty
    canonical = soup.find("link", rel="canonical")["href"].removesuffix(BUILDER)
    assert data["drill_urls"]["en"] == [urljoin(canonical, "drills/"), "/"]
    for block, drill in zip(block_rows(data, "en"), CONTENT.drills, strict=True):
        assert block_url(data, "en", block) == urljoin(canonical, f"drills/{drill.id}/")
        assert "qr" not in block and "url" not in block  # every address like the others
        assert block_name(data, block) == drill.name and block["cautions"] == list(drill.cautions)
    # the English blocks leave the drill's name out; the Spanish ones carry theirs where it differs
    assert all(block["name"] is None for block in block_rows(data, "en"))
    spanish_names = [block_name(data, block) for block in block_rows(data, "es")]
    assert any(block["name"] for block in block_rows(data, "es"))
    assert all(spanish_names) and spanish_names != [d.name for d in CONTENT.drills]
    # One call to action on the page: the English sheet's footer (the Spanish sheet has its own, hidden).
    spanish = {"data-sheet-language": "es"}
    shown = [c for c in soup.select(".call-to-action") if not c.find_parent(attrs=spanish)]
    assert len(shown) == 1 and soup.select_one(".handout-footer .call-to-action")
    # The picker's groups, which the script makes: each program's, by title and id
    assert data["groups"] == [[program.title, program.id] for program in CONTENT.programs]
    assert not soup.select("[data-picker] [data-choose]")
    # The script loads on this page only (and on its Spanish version).
    for page in site.pages():
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        scripts = [script.get("src", "") for script in html.find_all("script")]
        on_builder = page in (site.site / BUILDER / "index.html", site.site / "es" / BUILDER / "index.html")
        assert any(src.endswith("handout-builder.js") for src in scripts) == on_builder, page


def test_drills_in_no_program_are_grouped_as_other_drills(tmp_path: Path) -> None:
    programs = replaced(PROGRAMS, "drills: [bridge, plank]", "drills: [bridge]")
    data, _ = write_project(tmp_path, programs=programs)
    content = content_model.load(data)
    groups = drill_groups(content)
    listed = [(group.title, [drill.id for drill in group.drills]) for group in groups]
    assert listed == [("Core program", ["bridge"]), (OTHER_DRILLS, ["plank"])]


# The most script-like name validation lets through ("</" and "<!" are refused as HTML):
# "<", ">", "&" and quotes must still reach the page as data, not markup.
HOSTILE_NAME = "Spiderman < /script> <3 & \" ' more"


@pytest.mark.browser
def test_a_drill_name_that_could_end_a_script_stays_data(tmp_path: Path, chromium: Browser) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    drills = data / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    drills.write_text(
        replaced(text, "name: Spiderman\n", f"name: {json.dumps(HOSTILE_NAME)}\n"), encoding="utf-8"
    )
    content = content_model.load(data)
    assert content.drill("spiderman").name == HOSTILE_NAME
    project = make_project(tmp_path, data=data, warm=True)
    # English only: the name changed is the English one, and the English builder page is read.
    build = mkdocs_build(project, tmp_path / "site", {"HANDOUT_PDFS": "0", **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    soup = builder_page(build)
    script = soup.find("script", id="handout-builder-data")
    assert "<" not in script.string and ">" not in script.string  # escaped as \\u003c and \\u003e
    assert json.loads(script.string)["drills"] == builder_data(content)["drills"]

    with serve(build.site) as url:
        context = chromium.new_context()
        try:
            dialogs: list[str] = []
            context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page = open_builder(context, url + BUILDER, url).page
            parsed = page.evaluate("JSON.parse(document.getElementById('handout-builder-data').textContent)")
            assert parsed["drills"] == builder_data(content)["drills"]
            choose(page, "spiderman")
            assert preview_names(page) == [HOSTILE_NAME]
            assert row(page, "spiderman").locator("legend").inner_text() == f"1. {HOSTILE_NAME}"
            # The block is filled in as text: the name is the QR code's words too, and adds no element.
            sheet = page.locator("[data-builder-sheet]:not([hidden])")
            assert HOSTILE_NAME in sheet.locator("svg.qr-code title").text_content()
            assert sheet.locator("script, img[onerror], [onerror], [onload]").count() == 0
            assert dialogs == []
        finally:
            context.close()
