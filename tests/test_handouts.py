"""Printable handouts: the generated pages, "Print this drill", and what real Chromium prints.

The PDF files themselves are checked in test_handout_pdfs.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

import content_model
from browser import serve
from conftest import FIXTURES, ROOT, Build, make_project, mkdocs_build
from macros.dose import steps_with_hold
from macros.handout import PDF_VARIANTS
from pdf_tools import page_texts, qr_codes

SITE_URL = "https://example.org/"


def most_pages(paper: str, large_print: bool) -> int:
    """The build's page limit (macros/handout.py) for a print on this paper;
    large print has a Letter PDF only."""
    versions = [v for v in PDF_VARIANTS if v.large_print is large_print]
    same_paper = [v.most_pages for v in versions if v.paper.lower() == paper.lower()]
    return min(same_paper or [v.most_pages for v in versions])


SAFETY = "Stop and call us if pain spreads, gets sharper, or you feel numbness or tingling."
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
PT = 4 / 3  # CSS pixels per point


def content() -> content_model.Content:
    return content_model.load(ROOT / "data", shown_dir="data")


def words(tag: object) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def shown_steps(drill: content_model.Drill) -> list[str]:
    """A drill's steps as pages and sheets show them: the hold time from its dose filled in."""
    return [step.text for step in steps_with_hold(drill.steps, drill.dose)]


MESSAGE = "Questions about your exercises? Call us at 866-588-0230."


# --- The pages, as built --------------------------------------------------------------------------


def test_each_program_has_a_handout_page_and_a_large_print_page(site: Build) -> None:
    for program in content().programs:
        for path, large in (
            (f"handouts/{program.id}/", False),
            (f"handouts/{program.id}/large-print/", True),
        ):
            page = site.html(path)
            sheet = page.select_one("article.handout .handout-sheet")
            assert sheet is not None, path
            assert ("handout-sheet--large-print" in sheet["class"]) is large
            assert words(sheet.select_one("h1")) == program.title


def test_handout_shows_every_drill_of_the_program_in_order_with_all_it_needs(site: Build) -> None:
    data = content()
    program = data.programs[0]
    page = site.html(f"handouts/{program.id}/")
    sheet = page.select_one(".handout-sheet")
    header = sheet.select_one(".handout-header")
    assert words(header.select_one(".handout-header__clinic-name")) == data.clinic.name
    assert words(header.select_one(".handout-header__phone")) == data.clinic.phone_display
    assert [words(s) for s in header.select(".write-on__label")] == ["Patient name:", "Date:", "Therapist:"]
    blocks = sheet.select(".handout-sheet__drills > li > .handout-drill")
    drills = data.program_drills(program.id)
    assert len(blocks) == len(drills)
    for number, (block, drill) in enumerate(zip(blocks, drills, strict=True), start=1):
        assert words(block.select_one(".handout-drill__name")) == f"{number}. {drill.name}"
        assert words(block.select_one(".handout-drill__summary")) == f"What it does: {drill.summary}"
        assert words(block.select_one(".handout-drill__position")) == f"Start: {drill.position}"
        assert [" ".join(li.get_text().split()) for li in block.select("ol.handout-drill__steps > li")] == (
            shown_steps(drill)
        )
        assert [words(li) for li in block.select(".handout-drill__cautions li")] == drill.cautions
        dose = words(block.select_one(".handout-drill__dose"))
        assert dose.startswith("How much: ") and (not drill.each_side or dose.endswith("each side"))
        requires = block.select_one(".handout-drill__requires")
        if drill.requires:
            assert words(requires) == "Master first: " + ", ".join(data.drill(r).name for r in drill.requires)
        else:
            assert requires is None
        assert [words(li) for li in block.select(".week-tracker__days > li")] == DAYS
        qr = block.select_one(".handout-drill__qr svg[role=img]")
        url = urljoin(SITE_URL, f"drills/{drill.id}/")
        assert words(qr.find("title")) == f"QR code: opens the page for {drill.name}, {url}"


def test_handout_footer_holds_the_call_to_action_and_the_safety_line_once(site: Build) -> None:
    data = content()
    page = site.html(f"handouts/{data.programs[0].id}/")
    ctas = page.select(".md-content section.call-to-action")
    assert len(ctas) == 1, "the footer's call to action is the page's only one"
    footer = ctas[0].find_parent(class_="handout-footer")
    assert footer is not None
    assert words(ctas[0].select_one(".call-to-action__heading")) == data.clinic.call_to_action.heading
    assert words(footer.select_one(".handout-footer__safety")) == SAFETY
    assert (
        words(ctas[0].select_one(".call-to-action__print"))
        == f"{data.clinic.name}: call {data.clinic.phone_display}"
    )


def test_handout_pages_link_to_their_pdfs_and_each_other(site: Build) -> None:
    for program in content().programs:
        regular = site.html(f"handouts/{program.id}/")
        links = {a["href"] for a in regular.select(".handout-tools a")}
        assert links == {
            "large-print/",
            f"../{program.id}.pdf",
            f"../{program.id}-a4.pdf",
            f"../{program.id}-large-print.pdf",
        }
        large = site.html(f"handouts/{program.id}/large-print/")
        assert {a["href"] for a in large.select(".handout-tools a")} == {
            "../",
            f"../../{program.id}-large-print.pdf",
        }
        for href in links:
            assert (site.site / "handouts" / program.id / href).resolve().exists(), href


def test_handout_edit_link_opens_the_programs_file(site: Build) -> None:
    page = site.html(f"handouts/{content().programs[0].id}/")
    link = page.select_one(".clinic-footer__staff a")  # "Suggest a change to this page", for staff
    assert link["href"].endswith("/data/programs.yml")


def test_handouts_index_lists_every_program(site: Build) -> None:
    page = site.html("handouts/")
    items = page.select(".handout-list__item")
    assert [words(i.select_one(".handout-list__title")) for i in items] == [
        p.title for p in content().programs
    ]
    for item in items:
        for a in item.select("a"):
            assert (site.site / "handouts" / a["href"]).resolve().exists(), a["href"]


def test_every_drill_page_can_print_that_drill_alone(site: Build) -> None:
    data = content()
    for drill in data.drills:
        page = site.html(f"drills/{drill.id}/")
        button = page.select_one("button[data-print-button]")
        assert words(button) == "Print this drill"
        assert button.has_attr("hidden"), "shown by print.js only, so it never appears without JavaScript"
        sheet = page.select_one(".print-sheet .handout-sheet")
        assert [words(h) for h in sheet.select(".handout-drill__name")] == [drill.name]
        assert words(sheet.select_one(".handout-header__phone")) == data.clinic.phone_display
        # The page's one call to action is the sheet's footer, right after it, on screen and on paper.
        footer = page.select_one(".print-sheet + .handout-sheet--footer-only > .handout-footer")
        assert words(footer.select_one(".handout-footer__safety")) == SAFETY
        assert len(page.select("section.call-to-action")) == 1
        assert footer.select_one("section.call-to-action") is not None
        # One link per handout with this drill, to its page (which has the PDFs), not four downloads.
        hrefs = [a["href"] for a in page.select(".drill-print a")]
        assert hrefs == [f"../../handouts/{program.id}/" for program in data.programs_with(drill.id)]
        for href in hrefs:
            assert (site.site / "drills" / drill.id / href).resolve().exists(), href


def test_print_script_is_a_file_not_an_inline_script(site: Build) -> None:
    page = site.html(f"handouts/{content().programs[0].id}/")
    sources = [s.get("src", "") for s in page.select("script")]
    assert any(src.endswith("assets/javascripts/print.js") for src in sources)
    assert (site.site / "assets" / "javascripts" / "print.js").is_file()
    assert not any("print(" in (s.string or "") for s in page.select("script:not([src])"))


# --- What Chromium prints --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(site: Build) -> Iterator[str]:
    with serve(site.site) as url:
        yield url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


# What Chromium printed, by page address and paper: the handout pages are printed for several checks
# (every handout within its limit, large print, each page packed, the QR codes), each made once.
PRINTS: dict[tuple[str, str], bytes] = {}


def printed(page: Page, url: str, paper: str) -> bytes:
    """The page at url as Chromium prints it on paper (a PDF); opened in page unless it shows it."""
    if (url, paper) not in PRINTS:
        if page.url != url:
            page.goto(url)
        PRINTS[url, paper] = page.pdf(format=paper, print_background=True)
    return PRINTS[url, paper]


# Every rendered text in the element named by `selector`: its font size (px) and colour, in print media.
PRINTED_TEXT = """selector => {
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent.trim();
      const element = walker.currentNode.parentElement;
      if (!text || element.closest('.visually-hidden') || !element.getClientRects().length) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      found.push({text: text.slice(0, 50), size: parseFloat(style.fontSize), color: style.color});
    }
  }
  return found;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_chromium_prints_the_handout_within_its_page_limit_with_everything(
    page: Page, base: str, site: Build, paper: str
) -> None:
    data = content()
    for program in data.programs:
        pages = page_texts(printed(page, f"{base}handouts/{program.id}/", paper))
        assert len(pages) <= most_pages(paper, large_print=False), (
            f"{program.id} prints on {len(pages)} {paper} pages"
        )
        for number, text in enumerate(pages, start=1):
            assert data.clinic.phone_display in text, f"no phone on page {number}"
            assert f"Page {number} of {len(pages)}" in text
            # the web page's call to action stays on the web: paper goes to patients
            assert data.clinic.call_to_action.heading not in text
        # the sheet's message and when to stop and call, once, at its end (issue 17)
        assert SAFETY in pages[-1] and MESSAGE in pages[-1], "no footer at the end"
        assert sum(text.count(MESSAGE) for text in pages) == 1
        for number, drill in enumerate(data.program_drills(program.id), start=1):
            holding = [text for text in pages if f"{number}. {drill.name}" in text]
            assert holding and all(step in holding[0] for step in shown_steps(drill)), (
                f"{drill.name} is split or missing"
            )
        whole = " ".join(pages)
        for chrome in (
            "Skip to content",
            "Search",
            "Print this handout",
            "Large-print version",
            "Made with",
            "Handouts",
        ):
            assert chrome not in whole, f"{chrome!r} is printed"


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_chromium_prints_large_print_within_its_page_limit(page: Page, base: str, paper: str) -> None:
    data = content()
    for program in data.programs:
        pdf = printed(page, f"{base}handouts/{program.id}/large-print/", paper)
        pages = page_texts(pdf)
        assert len(pages) <= most_pages(paper, large_print=True), (
            f"{program.id} large print has {len(pages)} {paper} pages"
        )
        whole = " ".join(pages)
        assert all(step in whole for d in data.program_drills(program.id) for step in shown_steps(d))
        assert all(data.clinic.phone_display in text for text in pages)
        assert SAFETY in pages[-1] and MESSAGE in pages[-1]


def flat(text: str) -> str:
    """Text as read from a PDF page, its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "es"])
def test_chromium_prints_every_handout_page_packed_within_its_limit(
    page: Page, base: str, language: str
) -> None:
    """Every handout page, regular and large print, in each language, on both papers a browser may
    choose (print.css sets the margins, not the size): within the PDFs' page limit, each drill whole on
    one page, the first drill on page 1 (not the header alone, issue 17), and a drill on every page,
    so that no page holds only the urgent-care box or the closing message."""
    data = content()
    shown = data if language == "en" else data.localized(language)
    prefix = "" if language == "en" else f"{language}/"
    programs = [p for p in shown.programs if p.id in {q.id for q in data.programs}]
    assert len(programs) == len(data.programs), "a program is missing from the Spanish site"
    for program in programs:
        drills = shown.program_drills(program.id)
        for large_print in (False, True):
            url = f"{base}{prefix}handouts/{program.id}/" + ("large-print/" if large_print else "")
            for paper in ("Letter", "A4"):
                where = f"{prefix}{program.id} {'large print' if large_print else 'regular'} on {paper}"
                pages = [flat(text) for text in page_texts(printed(page, url, paper))]
                assert len(pages) <= most_pages(paper, large_print), f"{where}: {len(pages)} pages"
                headings = [f"{number}. {flat(drill.name)}" for number, drill in enumerate(drills, start=1)]
                assert headings[0] in pages[0], f"{where}: page 1 does not hold the first drill"
                for number, text in enumerate(pages, start=1):
                    assert any(heading in text for heading in headings), (
                        f"{where}: page {number} holds no drill"
                    )
                for heading, drill in zip(headings, drills, strict=True):
                    holding = [text for text in pages if heading in text]
                    steps = [flat(step.text) for step in steps_with_hold(drill.steps, drill.dose, language)]
                    assert len(holding) == 1 and all(step in holding[0] for step in steps), (
                        f"{where}: {drill.name} is split or missing"
                    )


@pytest.mark.browser
def test_chromium_printout_qr_codes_open_the_drill_pages(page: Page, base: str) -> None:
    program = content().programs[0]
    decoded = [
        url for codes in qr_codes(printed(page, f"{base}handouts/{program.id}/", "Letter")) for url in codes
    ]
    assert sorted(decoded) == sorted(urljoin(SITE_URL, f"drills/{d}/") for d in program.drills)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "smallest_pt"), [("handouts/{id}/", 12), ("handouts/{id}/large-print/", 18)]
)
def test_printed_handout_text_is_large_and_black(page: Page, base: str, path: str, smallest_pt: int) -> None:
    page.goto(base + path.format(id=content().programs[0].id))
    page.emulate_media(media="print")
    texts = page.evaluate(PRINTED_TEXT, ".handout-sheet")
    assert len(texts) > 50
    too_small = [t for t in texts if t["size"] < smallest_pt * PT - 0.01]
    assert not too_small, too_small[:5]
    steps = content().drills[0].steps  # loaded once: a load per printed text cost seconds
    body = [t for t in texts if t["text"] in steps]
    assert body and all(t["size"] >= smallest_pt * PT - 0.01 for t in body)
    # Black on white: nothing is told by colour.
    assert {t["color"] for t in texts} == {"rgb(0, 0, 0)"}
    # The web page's chrome is not printed.
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".md-search",
        ".handout-tools",
        ".header-call",
    ):
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", selector


@pytest.mark.browser
def test_every_article_and_drill_page_prints_at_12_points_or_more(page: Page, base: str, site: Build) -> None:
    paths = [p.relative_to(site.site).parent.as_posix() + "/" for p in site.pages()]
    paths = [p.removeprefix("./") for p in paths if p.startswith(("articles/", "drills/")) or p == "./"]
    assert any(p.startswith("articles/") for p in paths) and any(p.startswith("drills/") for p in paths)
    for path in paths:
        page.goto(base + path)
        page.emulate_media(media="print")
        texts = page.evaluate(PRINTED_TEXT, ".md-content")
        assert texts, path
        too_small = [t for t in texts if t["size"] < 12 * PT - 0.01]
        assert not too_small, (path, too_small[:5])
        for selector in (".md-header", ".md-footer", ".md-sidebar--primary"):
            assert page.eval_on_selector(selector, "e => getComputedStyle(e).display") == "none", (
                path,
                selector,
            )


@pytest.mark.browser
def test_print_this_drill_prints_that_drill_alone_on_one_page(page: Page, base: str) -> None:
    data = content()
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    for drill in data.drills:
        page.goto(f"{base}drills/{drill.id}/")
        button = page.get_by_role("button", name="Print this drill")
        button.click()
        assert page.evaluate("window.__printed") == 1
        pages = page_texts(page.pdf(format="Letter", print_background=True))
        assert len(pages) == 1, f"{drill.id} prints on {len(pages)} pages"
        text = pages[0]
        assert drill.name in text and all(step in text for step in shown_steps(drill))
        assert data.clinic.phone_display in text and SAFETY in text and MESSAGE in text
        assert data.clinic.call_to_action.heading not in text  # the web's offer stays on the web
        others = [d.summary for d in data.drills if d.id != drill.id]
        assert not [summary for summary in others if summary in text], "only this drill is printed"
        assert "Print this drill" not in text and "Skip to content" not in text


# --- Another clinic's handouts ---------------------------------------------------------------------

OTHER = FIXTURES / "handout_clinic"
OTHER_URL = "https://ankles.example/care/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("handout-clinic")
    config = {
        "site_url": OTHER_URL,
        "nav": [{"Home": "index.md"}, {"Drills": "drills/index.md"}, {"Handouts": "handouts/index.md"}],
        "extra": {"root_causes_page": "index.md", "floor_page": None},  # no page on getting to the floor
    }
    project = make_project(tmp, data=OTHER / "data", docs=OTHER / "docs", config=config, warm=True)
    build = mkdocs_build(project, tmp / "site")
    assert build.returncode == 0, build.output
    return build


def test_another_clinics_handouts_show_its_data_only(other_site: Build) -> None:
    other = content_model.load(OTHER / "data", shown_dir="data")
    seed = content()
    assert {p.name for p in (other_site.site / "handouts").glob("*.pdf")} == {
        f"{p.id}{suffix}.pdf" for p in other.programs for suffix in ("", "-a4", "-large-print")
    }
    seed_facts = [seed.clinic.name, seed.clinic.phone_display, seed.clinic.call_to_action.heading]
    seed_facts += [d.name for d in seed.drills] + [p.title for p in seed.programs]
    for program in other.programs:
        sheet = other_site.html(f"handouts/{program.id}/").select_one(".handout-sheet")
        names = [words(n) for n in sheet.select(".handout-drill__name")]
        assert names == [f"{n}. {d.name}" for n, d in enumerate(other.program_drills(program.id), start=1)]
        for variant in ("", "-a4", "-large-print"):
            pdf = other_site.site / "handouts" / f"{program.id}{variant}.pdf"
            pages = page_texts(pdf)
            whole = " ".join(pages)
            assert all(other.clinic.phone_display in text for text in pages)
            assert all(step in whole for d in other.program_drills(program.id) for step in shown_steps(d))
            assert not [fact for fact in seed_facts if fact in whole], pdf.name
            decoded = sorted(url for codes in qr_codes(pdf) for url in codes)
            assert decoded == sorted(urljoin(OTHER_URL, f"drills/{d}/") for d in program.drills)
        html = (other_site.site / "handouts" / program.id / "index.html").read_text(encoding="utf-8")
        assert not [fact for fact in seed_facts if fact in html]


def test_a_page_in_the_way_of_a_generated_handout_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    program = content().programs[0].id
    (project / "docs" / "handouts" / program).mkdir(parents=True)
    (project / "docs" / "handouts" / program / "index.md").write_text("# Mine\n", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    line = content().line_of("programs", program)
    assert (
        f"data/programs.yml:{line}: programs[0]: the handout of program '{program}' is generated at "
        f"handouts/{program}/, "
        f"but docs/handouts/{program}/index.md is already there: delete that file, or give the program "
        "another id"
    ) in build.output


def test_search_finds_each_drill_once_not_its_hidden_print_sheet(site: Build) -> None:
    docs = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for drill in content().drills:
        entries = [d for d in docs if d["location"].startswith(f"drills/{drill.id}/")]
        assert [d["location"] for d in entries] == [f"drills/{drill.id}/"]
        text = entries[0]["text"]
        assert text.count(drill.steps[-1]) == 1
        assert "Patient name" not in text and "Days done" not in text


def test_search_finds_a_drill_on_its_page_only_and_a_handout_through_the_list(site: Build) -> None:
    docs = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    data = content()
    # Generated handout pages repeat their drills, in two sizes: search leaves them out.
    assert not [
        d["location"]
        for d in docs
        if d["location"].startswith(tuple(f"handouts/{program.id}/" for program in data.programs))
    ]
    # The list of handouts is searched, and names each program.
    listing = " ".join(
        d["title"] + " " + d["text"]
        for d in docs
        if d["location"].startswith("handouts/#") or d["location"] == "handouts/"
    )
    for program in data.programs:
        assert program.title in listing, program.id
    # Every drill is found, on its own page, and only there: the handout builder's preview and
    # templates repeat every drill, and search skips them.
    for drill in data.drills:
        assert [d["location"] for d in docs if d["title"].strip() == drill.name] == [f"drills/{drill.id}/"]
        for step in shown_steps(drill):
            where = [d["location"] for d in docs if step in " ".join(d["text"].split())]
            assert f"drills/{drill.id}/" in where, (drill.id, step)
            assert all(location.startswith("drills/") for location in where), (step, where)
