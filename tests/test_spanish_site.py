"""The Spanish edition (issue 18): one build, every page in English at / and in Spanish at /es/.

* every page says its language (``<html lang>``) and names the same page in the other language
  (``hreflang`` alternates); Material's switcher lands on the same page;
* the English pages of the two-language build are the English-only build's, byte for byte, but
  for the language switcher and the alternates;
* generated drill and handout pages, and the PDFs, are under es/ in Spanish;
* search on a Spanish page searches the Spanish pages, with Spanish stemming;
* a drill whose Spanish is not complete is left out of /es/, its program has no Spanish handout,
  and links to it go to the English page and say so.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import BrowserContext, Page
from pypdf import PdfReader

import content_model
from browser import serve
from conftest import ENGLISH_ONLY, ROOT, Build, make_project, mkdocs_build
from pdf_tools import metadata, page_texts
from site_pages import page_file, page_paths, parsed_once
from test_handout_builder import block_rows

SPANISH = "es/"


def content() -> content_model.Content:
    return content_model.load(ROOT / "data", shown_dir="data")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(site, path).read_text(encoding="utf-8"), "html.parser")


def parsed(site: Path, path: str) -> BeautifulSoup:
    """A page of the default site, parsed once for the two tests that read every one of them (neither
    changes a parsed page; soup() gives a fresh copy to the tests that do)."""
    return parsed_once(site, path)


def resolved(path: str, href: str) -> str:
    """A link on the page at ``path`` as a path from the site's root ("" for the home page)."""
    return urljoin("https://site.test/" + path, href).removeprefix("https://site.test/")


def alternates(page: BeautifulSoup, path: str) -> dict[str, str]:
    return {
        link["hreflang"]: resolved(path, link["href"])
        for link in page.select('link[rel="alternate"][hreflang]')
    }


def switcher(page: BeautifulSoup, path: str) -> dict[str, str]:
    return {a["hreflang"]: resolved(path, a["href"]) for a in page.select("a.md-select__link[hreflang]")}


def without_languages(html: str) -> str:
    """A page without what only a site in two languages has: the alternates and the switcher."""
    page = BeautifulSoup(html, "html.parser")
    for link in page.select('link[rel="alternate"][hreflang]'):
        link.decompose()
    for select in page.select(".md-header__option:has(.md-select__link[hreflang])"):
        select.decompose()
    # The builder prints a sheet in either language: the choice, the Spanish sheet and its blocks, the
    # data block (which carries both languages' words), and the note on drills a sheet language lacks.
    for element in page.select(
        '[data-sheet-language]:not([data-sheet-language="en"]), p:has(> [data-sheet-language-choice]), '
        "#handout-builder-data, [data-not-in-language]"
    ):
        element.decompose()
    # (CSS selectors do not look inside a <template>: the picker's choice pattern holds that note too)
    for element in page.find_all(attrs={"data-not-in-language": True}):
        element.decompose()
    return re.sub(r"\n\s*\n", "\n", str(page))


@pytest.fixture(scope="module")
def english_only(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The same project built in English only (BUILD_ONLY_LOCALE=en), without PDFs."""
    out = tmp_path_factory.mktemp("english-only") / "site"
    build = mkdocs_build(ROOT, out, {**ENGLISH_ONLY, "HANDOUT_PDFS": "0"})
    assert build.returncode == 0, build.output
    return build


# The drill whose Spanish loses a step in the fixture below, and its program.
UNFINISHED = "quadruped-rockbacks"
STEP = "    - Pare cuando sienta un estiramiento suave o cuando la espalda empiece a curvarse.\n"


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site with one Spanish step of one drill deleted (PDFs skipped)."""
    tmp = tmp_path_factory.mktemp("unfinished")
    project = make_project(tmp, warm=True)
    drills = project / "data" / "es" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    entry = text.index(f"- id: {UNFINISHED}\n")
    step = text.index(STEP, entry)  # the drill's own step
    assert text.index("- id: ", entry + 1) > step, "data/es/drills.yml changed: update the unfinished fixture"
    drills.write_text(text[:step] + text[step + len(STEP) :], encoding="utf-8")
    build = mkdocs_build(project, tmp / "site", {"HANDOUT_PDFS": "0"})
    assert build.returncode == 0, build.output
    return build


# --- Languages, alternates, switcher ------------------------------------------------------------


def test_every_page_says_its_language_and_both_languages_are_built(site: Build) -> None:
    paths = page_paths(site.site)
    spanish = [p for p in paths if p.startswith(SPANISH)]
    english = [p for p in paths if not p.startswith(SPANISH) and p != "404.html"]
    assert spanish and english
    for path in paths:
        lang = parsed(site.site, path).find("html")["lang"]
        assert lang == ("es" if path.startswith(SPANISH) else "en"), f"/{path}: <html lang={lang!r}>"
    # Every default page and every generated page has its Spanish version (all is translated).
    assert sorted(SPANISH + p for p in english) == sorted(spanish)


def test_alternates_and_switcher_name_the_same_page_in_the_other_language(site: Build) -> None:
    for path in page_paths(site.site):
        if path == "404.html":
            continue
        english = path.removeprefix(SPANISH)
        expected = {"en": english, "es": SPANISH + english}
        page = parsed(site.site, path)
        # The sitemap names every page's alternates (test below); the head names none, so that
        # Material's script asks no page-level sitemap (mkdocs-material#6582). The button goes to
        # the same page.
        assert alternates(page, path) == {}, f"/{path}"
        assert switcher(page, path) == expected, f"/{path}"
        for target in expected.values():
            assert page_file(site.site, target).is_file(), f"/{path} names /{target}, which is not built"


def test_switching_language_in_the_browser_lands_on_the_same_page(
    served: str, context: BrowserContext
) -> None:
    tab = context.new_page()
    tab.goto(served + "drills/spiderman/")
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a.md-select__link[hreflang="es"]').click()
    tab.wait_for_url(served + "es/drills/spiderman/")
    assert tab.locator("html").get_attribute("lang") == "es"
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a.md-select__link[hreflang="en"]').click()
    tab.wait_for_url(served + "drills/spiderman/")


def test_theme_strings_are_spanish_on_spanish_pages(site: Build) -> None:
    page = soup(site.site, "es/drills/")
    assert page.select_one("input.md-search__input")["aria-label"] == "Búsqueda"
    nav = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary .md-nav__link")]
    assert "Inicio" in nav and "Ejercicios" in nav, nav


# --- The English pages are the English-only build's -------------------------------------------


def test_english_pages_are_unchanged_by_the_spanish_edition(site: Build, english_only: Build) -> None:
    english = [p for p in page_paths(english_only.site)]
    assert english and not any(p.startswith(SPANISH) for p in english)
    for path in english:
        alone = page_file(english_only.site, path).read_text(encoding="utf-8")
        both = page_file(site.site, path).read_text(encoding="utf-8")
        if path != "404.html":
            assert both != alone, f"/{path}: no language switcher in the two-language build"
        assert without_languages(both) == without_languages(alone), f"/{path} differs"


def test_generated_pages_and_pdfs_are_under_es(site: Build) -> None:
    data = content()
    spanish = data.translation("es")
    for drill in spanish.drills:
        english = soup(site.site, f"drills/{drill.id}/").find("h1").get_text(strip=True)
        translated = soup(site.site, f"es/drills/{drill.id}/").find("h1").get_text(strip=True)
        assert english == data.drill(drill.id).name and translated == drill.name
    for program in spanish.programs:
        page = soup(site.site, f"es/handouts/{program.id}/")
        assert program.title in page.find("h1").get_text()
        for suffix in ("", "-a4", "-large-print"):
            assert (site.site / f"es/handouts/{program.id}{suffix}.pdf").is_file()
            assert (site.site / f"handouts/{program.id}{suffix}.pdf").is_file()


# --- Search --------------------------------------------------------------------------------------


def test_the_sitemap_names_each_pages_alternates_at_each_languages_home(site: Build) -> None:
    for home in ("", SPANISH):
        sitemap = BeautifulSoup((site.site / home / "sitemap.xml").read_text(encoding="utf-8"), "xml")
        pages = {
            url.find("loc").text: {a["hreflang"]: a["href"] for a in url.find_all("link")}
            for url in sitemap.find_all("url")
        }
        spiderman = pages["https://example.org/drills/spiderman/"]
        assert spiderman == {
            "en": "https://example.org/drills/spiderman/",
            "es": "https://example.org/es/drills/spiderman/",
        }
        assert pages["https://example.org/es/drills/spiderman/"] == spiderman


def test_each_language_has_its_own_search_index(site: Build) -> None:
    english = json.loads((site.site / "search/search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((site.site / "es/search/search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and spanish["config"]["lang"] == ["es"]
    assert not any(d["location"].startswith(SPANISH) for d in english["docs"])
    titles = {d["title"] for d in spanish["docs"] if "#" not in d["location"]}
    assert "Todos los ejercicios" in titles
    # Addresses relative to es/, where the Spanish pages' search resolves them.
    for doc in spanish["docs"]:
        target = doc["location"].split("#")[0]
        assert page_file(site.site, SPANISH + target).is_file(), doc["location"]


def search(tab: Page, query: str) -> list[str]:
    """Type a query into Material's search box as a patient would: the addresses of the results."""
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.locator("input.md-search__input").press_sequentially(query, delay=30)
    tab.locator(".md-search-result__meta").filter(has_text=re.compile(r"\d|No|Ning")).wait_for()
    return tab.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")


def test_search_on_a_spanish_page_finds_spanish_pages(served: str, context: BrowserContext) -> None:
    tab = context.new_page()
    tab.goto(served + "es/")
    # A Spanish word: Spanish pages only, the drills that have it among them. "estiramiento" is in
    # no English page, and Material searches it as a prefix: "estiramientos" is found too.
    links = search(tab, "estiramiento")
    assert links and all(link.startswith(served + "es/") for link in links), links
    assert any(link.startswith(served + "es/drills/figure-4-stretch/") for link in links), links
    english = context.new_page()
    english.goto(served)
    assert search(english, "estiramiento") == []  # the English pages' search has no Spanish page
    assert all(not link.startswith(served + "es/") for link in search(english, "stretch"))


# --- A translation that is not complete ---------------------------------------------------------


def test_make_check_lists_the_missing_step(unfinished: Build) -> None:
    project = unfinished.site.parent / "project"
    data = content_model.load(project / "data", shown_dir="data")
    spanish = data.translation("es")
    assert not spanish.has_drill(UNFINISHED) and not spanish.has_program("hip-mobility")
    notices = "\n".join(m.plain() for m in spanish.missing)
    assert re.search(r"data/es/drills\.yml:\d+:\d+: .*steps has 4 items here but 5", notices), notices


def test_an_unfinished_drill_and_its_program_are_left_out_of_spanish(unfinished: Build) -> None:
    site = unfinished.site
    assert (site / f"drills/{UNFINISHED}/index.html").is_file()
    assert not (site / f"es/drills/{UNFINISHED}").exists()
    assert (site / "handouts/hip-mobility/index.html").is_file()
    assert not (site / "es/handouts/hip-mobility").exists()
    # The English page names no Spanish page of it; the Spanish drill index does not list it.
    # (Material's language button then offers the Spanish home page.)
    assert switcher(soup(site, f"drills/{UNFINISHED}/"), f"drills/{UNFINISHED}/")["es"] == SPANISH
    index = soup(site, "es/drills/")
    assert not [
        a
        for a in index.select("article a[href]")
        if resolved("es/drills/", a["href"]).endswith(f"/{UNFINISHED}/")
    ]
    # No Spanish page holds its English steps (but the builder's English sheet, printed in English).
    steps = content().drill(UNFINISHED).steps
    for path in page_paths(site):
        if path.startswith(SPANISH):
            page = soup(site, path)
            for english_sheet in page.select('[data-sheet-language="en"]'):
                english_sheet.decompose()
            data = page.find("script", id="handout-builder-data")
            if data is not None:  # the builder's data: the English sheet's words, and the Spanish sheet's
                words = json.loads(data.string)
                assert UNFINISHED not in [block["id"] for block in block_rows(words, "es")]
                del words["blocks"]["en"]
                assert not any(step in json.dumps(words, ensure_ascii=False) for step in steps), path
                data.decompose()
            assert not any(step in str(page) for step in steps), f"/{path} holds an English step"


def test_links_to_an_unfinished_drill_go_to_english_and_say_so(unfinished: Build) -> None:
    path = "es/articles/back-pain-when-walking/"
    page = soup(unfinished.site, path)
    links = [
        a for a in page.select("article a[href]") if resolved(path, a["href"]).endswith(f"/{UNFINISHED}/")
    ]
    assert links
    for link in links:
        assert resolved(path, link["href"]) == f"drills/{UNFINISHED}/"
        assert link.get("hreflang") == "en"
        assert "en inglés" in link.parent.get_text(" ", strip=True)


# --- Spanish handouts and PDFs ------------------------------------------------------------------


def test_spanish_pdfs_are_tagged_spanish_with_spanish_days_and_doses(site: Build) -> None:
    spanish = content().translation("es")
    for program in spanish.programs:
        for suffix in ("", "-a4", "-large-print"):
            path = site.site / f"es/handouts/{program.id}{suffix}.pdf"
            catalog = PdfReader(io.BytesIO(path.read_bytes())).trailer["/Root"]
            assert str(catalog["/Lang"]) == "es", path
            english = PdfReader(io.BytesIO((site.site / f"handouts/{program.id}{suffix}.pdf").read_bytes()))
            assert str(english.trailer["/Root"]["/Lang"]) == "en"
            text = " ".join(" ".join(page.split()) for page in page_texts(path))
            for word in ("Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom", "Cuándo parar:", "Página 1 de"):
                assert word in text, (path.name, word)
            if program.id == "hip-mobility":  # the dose in words
                assert "2 series de 10 · una vez al día" in text
                assert "2 series de 5 · una vez al día · de cada lado" in text
            assert not any(day in text.split() for day in ("Mon", "Wed", "Sun")), path.name
            # the sheet's own message to patients in Spanish, not the web page's call to action (issue 17)
            assert spanish.clinic is not None and spanish.clinic.call_to_action.heading not in text
            assert "¿Tiene preguntas sobre sus ejercicios? Llámenos al 866-588-0230." in text
            first = spanish.program_drills(program.id)[0]
            assert " ".join(first.steps[0].split()[:3]) in text
            assert metadata(path)["/Title"].startswith(program.title)


def test_a_spanish_handout_page_in_spanish(site: Build) -> None:
    page = soup(site.site, "es/handouts/hip-mobility/")
    sheet = page.select_one(".handout-sheet")
    days = [li.get_text(strip=True) for li in sheet.select(".week-tracker__days li")][:7]
    assert days == ["Lun", "Mar", "Mié", "Jue", "Vie", "Sáb", "Dom"]
    assert "Cuánto:" in sheet.get_text() and "Pare y llámenos" in sheet.get_text()
    pdfs = [
        resolved("es/handouts/hip-mobility/", a["href"]) for a in page.select('a[type="application/pdf"]')
    ]
    assert pdfs and all(p.startswith("es/handouts/") and (site.site / p).is_file() for p in pdfs)


# --- The builder: a Spanish sheet from the English page ----------------------------------------


MARGINS = {  # the words in a printed page's margins: page numbers, and the demo site's line
    "es": ("Página {n} de {total}", "Sitio de demostración: no es una clínica real.", ("Page ", "Demo site")),
    "en": ("Page {n} of {total}", "Demo site: not a real clinic.", ("Página", "Sitio de demostración")),
}


def test_a_page_printed_from_the_browser_has_its_margins_in_its_language(
    served: str, context: BrowserContext
) -> None:
    """Chromium prints a Spanish handout page with "Página 1 de 3" and the demo line in Spanish on
    every page (hooks/print_margins.py), and the English page in English."""
    tab = context.new_page()
    for language, path in (("es", "es/handouts/hip-mobility/"), ("en", "handouts/hip-mobility/")):
        number, demo, other = MARGINS[language]
        tab.goto(served + path)
        tab.emulate_media(media="print")
        texts = page_texts(tab.pdf(format="Letter"))
        tab.emulate_media(media="screen")
        assert len(texts) >= 2, path
        for n, text in enumerate(texts, 1):
            assert number.format(n=n, total=len(texts)) in text, (path, n, text[-200:])
            assert text.count(demo) == 1, (path, n)
            assert not any(word in text for word in other), (path, n)


def test_the_builder_prints_a_spanish_sheet_from_the_english_page(
    served: str, context: BrowserContext
) -> None:
    tab = context.new_page()
    tab.goto(served + "handouts/builder/")
    tab.locator('[data-choose][value="spiderman"]').first.check()
    tab.locator("[data-sheet-language-choice]").select_option("es")
    sheet = tab.locator("[data-builder-sheet]:not([hidden])")
    assert sheet.get_attribute("lang") == "es"
    assert "Sus ejercicios en casa" in sheet.inner_text()
    assert "2 series de 5 · una vez al día · de cada lado" in sheet.inner_text()
    # The page stays English; the link carries the sheet's language.
    assert tab.locator("html").get_attribute("lang") == "en"
    assert "1. Choose drills" in tab.locator("[data-handout-builder]").inner_text()
    link = tab.locator("[data-link]").input_value()
    assert re.search(r"#lang=es&size=regular&paper=\w+&weeks=[12]&drill=spiderman", link), link
    tab.emulate_media(media="print")
    printed = tab.pdf(format="Letter", tagged=True)
    tab.emulate_media(media="screen")
    text = " ".join(page_texts(printed))
    assert "Cuánto:" in text and "Mié" in text and "Spiderman" in text and "How much" not in text
    # The link opens the Spanish sheet again, in a new tab.
    again = context.new_page()
    again.goto(link)
    assert again.locator("[data-sheet-language-choice]").input_value() == "es"
    assert again.locator("[data-builder-sheet]:not([hidden])").get_attribute("lang") == "es"


def test_a_drill_not_in_spanish_cannot_go_on_a_spanish_sheet(
    unfinished: Build, context: BrowserContext
) -> None:
    with serve(unfinished.site) as base:
        tab = context.new_page()
        tab.goto(base + "handouts/builder/")
        tab.locator(f'[data-choose][value="{UNFINISHED}"]').first.check()
        tab.locator("[data-sheet-language-choice]").select_option("es")
        box = tab.locator(f'[data-choose][value="{UNFINISHED}"]').first
        assert box.is_disabled() and not box.is_checked()
        sheet = tab.locator("[data-builder-sheet]:not([hidden])")
        assert content().drill(UNFINISHED).steps[0] not in sheet.inner_text()
        # A link asking for it on a Spanish sheet leaves it out, and says so.
        tab.goto(base + f"handouts/builder/#lang=es&drill={UNFINISHED}&drill=spiderman")
        tab.reload()
        names = tab.locator("[data-builder-sheet]:not([hidden]) .handout-drill__name").all_inner_texts()
        assert [n.split(". ", 1)[-1] for n in names] == ["Spiderman"]
        assert UNFINISHED in tab.locator("[data-link-note]").inner_text()


def test_an_untranslated_clinic_text_stops_the_build_before_any_page(tmp_path: Path) -> None:
    """Every Spanish page, and the builder's Spanish sheet on the English page, needs the clinic's
    texts: a missing one stops the build at once, naming the file and line of what to translate,
    without a traceback and without a half-built site."""
    project = make_project(tmp_path, warm=True)
    clinic = project / "data" / "es" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    start = text.index("disclaimer: >-")
    end = text.index("\n# ", start)
    clinic.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    assert "the Spanish site needs the clinic's texts in data/es/clinic.yml" in build.output
    assert re.search(r"^\s*data/es/clinic\.yml:\d+:\d+: .*disclaimer", build.output, re.M), build.output
    assert not (tmp_path / "site" / "index.html").exists()


# --- A build of English alone and the cache ----------------------------------------------------------


def cached_spanish(project: Path) -> dict[str, set[str]]:
    """What the project's .cache/ holds for the Spanish pages: its PDFs, its QR codes' addresses, and
    all the cached pictures (the link-preview pictures differ by language, by name only)."""
    cache = project / ".cache"
    codes = json.loads((cache / "qr-codes.json").read_text(encoding="utf-8"))["codes"]
    return {
        "pdfs": {p.name for p in (cache / "handout-pdfs").rglob("*.pdf")},
        "spanish qr codes": {url for url in codes if f"/{SPANISH}" in url},
        "pictures": {p.name for p in (cache / "pictures").iterdir()},
    }


def test_a_build_of_english_alone_keeps_the_spanish_files_in_the_cache(tmp_path: Path) -> None:
    """BUILD_ONLY_LOCALE=en (the quicker preview the README offers) has not seen what the Spanish pages
    use: it keeps their PDFs, QR codes and pictures in .cache/, and the next build of both languages
    makes none of them again (it used to lay out every Spanish PDF and draw every Spanish picture)."""
    project = make_project(tmp_path, warm=True)  # the default site's .cache/: both languages, PDFs made
    before = cached_spanish(project)
    assert before["spanish qr codes"] and before["pdfs"] and before["pictures"]
    english = mkdocs_build(project, tmp_path / "site-en", {**ENGLISH_ONLY, "HANDOUT_PDFS": "1"})
    assert english.returncode == 0, english.output
    assert not (tmp_path / "site-en" / SPANISH).exists()
    after = cached_spanish(project)
    for kind, files in before.items():
        assert files <= after[kind], f"{kind} the English-only build removed: {sorted(files - after[kind])}"
    both = mkdocs_build(project, tmp_path / "site", {"HANDOUT_PDFS": "1"})
    assert both.returncode == 0, both.output
    made = re.findall(r"(PDF handouts|Pictures): (\d+) made", both.output)
    assert {kind for kind, _ in made} == {"PDF handouts", "Pictures"}, both.output
    assert len(made) == 4 and all(count == "0" for _, count in made), made  # each kind, in each language
