"""The dose in words has one source: macros/dose.py (DOSE_WORDS and dose_phrase).

* Drill pages, cards and handouts say a dose with dose_phrase;
* the handout builder's script says the doses a therapist sets with the same table,
  which the builder page carries in its data block: in real Chromium, its words equal
  dose_phrase's for a range of doses covering every piece of the table;
* the JSON-LD of a drill page takes its frequency from per_day_words.

Changing a word in DOSE_WORDS changes it everywhere (a project whose macros/dose.py
says the dose differently is built and read).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

import content_model
import macros.dose
from browser import serve
from conftest import ENGLISH_ONLY, NO_PDFS, ROOT, Build, make_project, mkdocs_build
from content_model import Dose
from macros.dose import DOSE_WORDS, dose_phrase, hold_words, per_day_words

BUILDER = "handouts/builder/"
DRILL = "posterior-hip-stretch"
FIELDS = ("sets", "reps", "hold_seconds", "per_day")

# Every piece of DOSE_WORDS in each of its forms: 1, 2 (its own words for per_day) and other numbers,
# up to the largest number the data and the builder allow (12 a day; the expected words are made
# from Dose.model_construct, which skips the data's ranges).
DOSES = [
    (*numbers, index % 2 == 1)
    for index, numbers in enumerate(
        itertools.product((None, 1, 3), (None, 1, 12), (None, 1, 45), (None, 1, 2, 12))
    )
]


def test_the_words_python_says() -> None:
    said = dose_phrase(Dose(sets=2, reps=10, per_day=1), each_side=True)
    assert said == "2 sets of 10 · once a day · each side"
    assert (
        dose_phrase(Dose(sets=1, reps=1, hold_seconds=1, per_day=2))
        == "1 set of 1 · hold 1 second · twice a day"
    )
    assert dose_phrase(Dose(reps=5, per_day=3)) == "5 times · 3 times a day"
    assert dose_phrase(Dose(sets=1)) == "1 set"  # a drill of repetitions, its reps not given
    assert dose_phrase(Dose(sets=2, hold_seconds=30)) == "2 times · hold 30 seconds"  # a drill that holds
    assert dose_phrase(Dose(sets=2), holds=True) == "2 times"
    assert dose_phrase(Dose(hold_seconds=30), each_side=True) == "Hold 30 seconds · each side"
    assert dose_phrase(None) == "" and dose_phrase(None, each_side=True) == "Each side"
    assert [per_day_words(n) for n in (1, 2, 7)] == ["once a day", "twice a day", "7 times a day"]
    assert [hold_words(n) for n in (1, 30)] == ["1 second", "30 seconds"]
    assert [hold_words(n, "es") for n in (1, 30)] == ["1 segundo", "30 segundos"]
    json.dumps(DOSE_WORDS)  # the builder page carries it as JSON


def test_the_dose_in_spanish() -> None:
    assert (
        dose_phrase(Dose(sets=2, reps=10, per_day=1), each_side=True, language="es")
        == "2 series de 10 · una vez al día · de cada lado"
    )
    assert dose_phrase(Dose(sets=1, reps=1, hold_seconds=1, per_day=2), language="es") == (
        "1 serie de 1 · mantenga 1 segundo · dos veces al día"
    )
    assert dose_phrase(Dose(reps=5, per_day=3), language="es") == "5 veces · 3 veces al día"
    held = dose_phrase(Dose(hold_seconds=30), each_side=True, language="es")
    assert held == "Mantenga 30 segundos · de cada lado"
    often = [per_day_words(n, "es") for n in (1, 2, 7)]
    assert often == ["una vez al día", "dos veces al día", "7 veces al día"]
    # Every language has every piece, with the same numbered forms.
    for language, words in DOSE_WORDS.items():
        assert set(words) == set(DOSE_WORDS["en"]), language
        for piece, forms in words.items():
            if isinstance(forms, dict):
                assert "other" in forms, (language, piece)


def _open_builder(chromium: Browser, url: str) -> Page:
    page = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url + BUILDER, wait_until="networkidle")
    # On a busy machine the network can fall idle before the page has loaded: wait for the load too.
    page.wait_for_load_state("load")
    assert not errors, errors
    assert page.locator("[data-handout-builder]").get_attribute("data-ready") == "yes"
    page.locator(f'[data-choose][value="{DRILL}"]').first.check()
    return page


# Sets each dose in the chosen drill's row as a therapist's typing does (the field's value, then an
# input event, field by field; the "Each side" box clicked when it must change), and reads what the
# builder then shows: in the list of chosen drills, and on the printed sheet. All the doses in one
# call into the page: one round trip, not half a dozen for each dose.
SAY_DOSES = """
([drill, fields, doses]) => doses.map(([dose, eachSide]) => {
  const row = document.querySelector(`[data-row="${drill}"]`);
  fields.forEach((field, index) => {
    const input = row.querySelector(`[data-dose="${field}"]`);
    input.value = dose[index] === null ? "" : String(dose[index]);
    input.dispatchEvent(new Event("input", {bubbles: true}));
  });
  const side = [...row.querySelectorAll("label")].find(label => label.innerText.trim() === "Each side");
  if (side.control.checked !== eachSide) side.control.click();
  const sheet = document.querySelector(
    `[data-builder-sheet]:not([hidden]) [aria-labelledby="handout-drill-${drill}"] .handout-drill__dose`);
  return [row.querySelector("[data-row-dose]").innerText.trim(),
          sheet ? sheet.innerText.replace(/^How much:/, "").trim() : ""];
})
"""


def _builder_says(page: Page, doses: list[tuple[tuple[int | None, ...], bool]]) -> list[tuple[str, str]]:
    """What the builder shows for each dose, one after another: in the list of chosen drills, and
    on the printed sheet."""
    return [tuple(said) for said in page.evaluate(SAY_DOSES, [DRILL, FIELDS, doses])]


@pytest.mark.browser
def test_the_builder_says_every_dose_as_python_does(chromium: Browser, site: Build) -> None:
    with serve(site.site) as url:
        page = _open_builder(chromium, url)
        doses = [(tuple(dose), each_side) for *dose, each_side in DOSES]
        said = _builder_says(page, doses)
        page.context.close()
    assert len(said) == len(DOSES)
    for (dose, each_side), (in_row, sheet) in zip(doses, said, strict=True):
        expected = dose_phrase(Dose.model_construct(**dict(zip(FIELDS, dose, strict=True))), each_side)
        assert sheet == expected, (dose, each_side)
        assert in_row == (expected or "no dose set"), (dose, each_side)


# Other words for every piece, each marked "zq" so nothing else on a page can match.
OTHER_WORDS = {
    "sets_of_reps": {"1": "{sets} zq-round of {reps}", "other": "{sets} zq-rounds of {reps}"},
    "times": {"1": "{n} zq-go", "other": "{n} zq-goes"},
    "sets": {"1": "{n} zq-round", "other": "{n} zq-rounds"},
    "hold_seconds": {"1": "zq-stay {n} second", "other": "zq-stay {n} seconds"},
    "per_day": {"1": "zq-daily", "2": "zq-two a day", "other": "{n} zq-a-day"},
    "each_side": "zq-both sides",
    "joiner": " / ",
    "hold_for": {"1": "{n} zq-tick", "other": "{n} zq-ticks"},
}


OTHER_TABLES = {**DOSE_WORDS, "en": OTHER_WORDS}  # the English words changed, the Spanish as they are


@pytest.fixture(scope="module")
def other_words_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site, built from a copy whose macros/dose.py says every piece of a dose differently."""
    tmp = tmp_path_factory.mktemp("dose-words")
    project = make_project(tmp, warm=True)
    dose_py = project / "macros" / "dose.py"
    text = (ROOT / "macros" / "dose.py").read_text(encoding="utf-8")
    start = text.index("DOSE_WORDS: dict[str, dict[str, Any]] = {")
    end = text.index("\n}\n", start) + 3
    dose_py.write_text(
        text[:start] + f"DOSE_WORDS: dict[str, dict[str, Any]] = {OTHER_TABLES!r}\n" + text[end:],
        encoding="utf-8",
    )
    # English only: the English words are the changed ones, and the tests read English pages only.
    build = mkdocs_build(project, tmp / "site", {**NO_PDFS, **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def other_words(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(macros.dose.DOSE_WORDS, "en", OTHER_WORDS)
    yield


def test_pages_and_json_ld_take_the_words_from_dose_py(other_words_site: Build, other_words: None) -> None:
    drill = content_model.load(ROOT / "data", shown_dir="data").drill("spiderman")
    assert drill.dose and drill.dose.per_day
    html = (other_words_site.site / "drills" / "spiderman" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    shown = soup.select_one(".drill__dose strong")
    assert shown is not None and shown.get_text() == dose_phrase(drill.dose, drill.each_side)
    assert "zq-" in shown.get_text()
    plans = [
        json.dumps(json.loads(script.string)) for script in soup.select('script[type="application/ld+json"]')
    ]
    frequency = f'"activityFrequency": "{per_day_words(drill.dose.per_day)}"'
    assert "zq-" in frequency and any(frequency in plan for plan in plans), plans


def test_the_step_that_holds_takes_its_words_from_dose_py(other_words_site: Build, other_words: None) -> None:
    """The hold time in a step comes from the dose, said with DOSE_WORDS: on the drill page, in its
    JSON-LD and on the handout."""
    drill = content_model.load(ROOT / "data", shown_dir="data").drill("half-kneel-hip-flexor-stretch")
    assert drill.dose and drill.dose.hold_seconds
    said = hold_words(drill.dose.hold_seconds)
    assert "zq-" in said
    html = (other_words_site.site / "drills" / drill.id / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    held = [li for li in page.select(".drill__steps > li") if li.select_one(".drill__hold")]
    assert len(held) == 1 and held[0].select_one(".drill__hold").get_text() == said
    assert "{hold}" not in page.get_text()
    handout = BeautifulSoup(
        (other_words_site.site / "handouts" / "hip-mobility" / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    block = handout.select_one(f'[aria-labelledby="handout-drill-{drill.id}"]')
    assert [b.get_text() for b in block.select(".handout-drill__steps [data-hold]")] == [said]
    assert "{hold}" not in handout.get_text()


@pytest.mark.browser
def test_the_builder_takes_the_words_from_dose_py(
    chromium: Browser, other_words_site: Build, other_words: None
) -> None:
    doses = [
        ((2, 10, None, 1), True),
        ((1, 1, 1, 2), False),
        ((None, 5, 30, 3), True),
        ((4, None, None, None), False),
        ((None, None, None, None), True),
    ]
    with serve(other_words_site.site) as url:
        page = _open_builder(chromium, url)
        said = _builder_says(page, doses)
        page.context.close()
    for (dose, each_side), (in_row, sheet) in zip(doses, said, strict=True):
        expected = dose_phrase(Dose.model_construct(**dict(zip(FIELDS, dose, strict=True))), each_side)
        assert "zq-" in expected.lower()
        assert sheet == expected and in_row == expected, (dose, each_side)


def test_dose_py_is_the_only_place_the_words_are_written() -> None:
    words = ("once a day", "twice a day", "times a day", "sets of", "set of")
    places = {
        "the builder's script": ROOT / "overrides" / "assets" / "javascripts" / "handout-builder.js",
        "the JSON-LD hook": ROOT / "hooks" / "structured_data.py",
    }
    for name, path in places.items():
        code = Path(path).read_text(encoding="utf-8")
        assert not [w for w in words if w in code], f"{name} writes dose words itself"
