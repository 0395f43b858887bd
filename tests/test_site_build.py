"""The default site, built strictly into a temporary folder and read as parsed HTML."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import content_model
from conftest import ROOT, Build
from macros.dose import steps_with_hold

CONTENT = content_model.load(ROOT / "data", shown_dir="data")
SPANISH = CONTENT.localized("es")
PROGRAM = CONTENT.programs[0]


def main(build: Build, path: str):
    """The article body of a page (Material's content area)."""
    article = build.html(path).select_one("article.md-content__inner")
    assert article is not None, f"{path} has no content area"
    return article


def heading(tag) -> str:
    """A heading's text without Material's permalink sign."""
    for link in tag.select("a.headerlink"):
        link.decompose()
    return tag.get_text(strip=True)


def test_six_drill_pages_with_steps_in_order(site: Build) -> None:
    assert len(CONTENT.drills) == 9  # the six hip drills and three off the floor
    for drill in CONTENT.drills:
        body = main(site, f"drills/{drill.id}/")
        assert body.select_one("h1").get_text(strip=True) == drill.name
        steps = [" ".join(li.get_text().split()) for li in body.select("ol.drill__steps > li")]
        assert steps == [step.text for step in steps_with_hold(drill.steps, drill.dose)]  # the hold filled in
        assert not any("{" in step for step in steps)
        assert site.html(f"drills/{drill.id}/").title.get_text().startswith(drill.name)


def test_drill_page_shows_every_part(site: Build) -> None:
    body = main(site, "drills/spiderman/")
    spiderman = CONTENT.drill("spiderman")
    assert body.select_one(".drill__summary").get_text(strip=True) == spiderman.summary
    assert body.select_one(".drill__position").get_text(strip=True) == spiderman.position
    assert "Level: Advanced" in body.select_one(".drill__facts").get_text()
    assert "2 sets of 5 · once a day · each side" in body.select_one(".drill__dose").get_text()
    cautions = body.select_one(".admonition.warning.drill__cautions")
    assert [li.get_text(strip=True) for li in cautions.select("li")] == spiderman.cautions
    needed = [a.get_text(strip=True) for a in body.select(".drill__requires a")]
    assert needed == [CONTENT.drill(r).name for r in spiderman.requires]
    assert body.select_one(".drill__requires a")["href"] == "../quadruped-rockbacks/"
    assert "Mike Reinold, PT, Champion Physical Therapy" in body.select_one(".drill__credit").get_text()
    assert body.select_one(".drill__each-side") is not None


def test_drill_page_edit_link_opens_the_data(site: Build) -> None:
    # "Suggest a change to this page", in the footer, for staff (no edit pencil for patients).
    edit = site.html("drills/spiderman/").select_one(".clinic-footer__staff a[href]")
    assert edit is not None
    assert edit["href"].endswith("/edit/main/data/drills.yml")
    article_edit = site.html("articles/hip-mobility-drills/").select_one(".clinic-footer__staff a[href]")
    assert article_edit["href"].endswith("/edit/main/docs/articles/hip-mobility-drills.md")


def test_seed_article_lists_five_causes_and_six_drills_in_program_order(site: Build) -> None:
    body = main(site, "articles/hip-mobility-drills/")
    assert heading(body.select_one("h1")) == "Eliminate Back Pain through Hip Mobility – 6 Hip Drills"
    causes = [a.get_text(strip=True) for a in body.select("ol.root-cause-links a")]
    assert causes == [c.title for c in CONTENT.root_causes]
    assert len(causes) == 5
    cards = body.select("ol.program-drills .drill-card")
    # The name's link (a bracket after it may explain a medical word in the name: test_jargon_brackets.py)
    assert [c.select_one(".drill-card__name a").get_text(strip=True) for c in cards] == [
        CONTENT.drill(d).name for d in PROGRAM.drills
    ]
    assert [c.select_one(".drill-card__name a")["href"] for c in cards] == [
        f"../../drills/{d}/" for d in PROGRAM.drills
    ]
    for card, drill_id in zip(cards, PROGRAM.drills, strict=True):
        assert card.select_one(".drill-card__summary").get_text(strip=True) == CONTENT.drill(drill_id).summary
        assert f"Level: {CONTENT.drill(drill_id).level.capitalize()}" in card.get_text()
    text = body.get_text(" ", strip=True)
    assert "Spiderman comes last" in text
    assert "better to assess than to guess" in text
    assert "Dr. Troy Vander Molen, PT, DPT" in text
    assert "Iowa" in text


def test_companion_article_has_causes_with_stable_anchors_and_drill_links(site: Build) -> None:
    body = main(site, "articles/back-pain-when-walking/")
    for cause in CONTENT.root_causes:
        section = body.find(id=cause.id)
        assert section is not None, cause.id
        assert section.select_one("h2").get_text(strip=True) == cause.title
        links = [a["href"] for a in section.select(".root-cause__drills a")]
        assert links == [f"../../drills/{d}/" for d in cause.drills]
    # The article's cause links point at those anchors.
    seed_links = [
        a["href"] for a in main(site, "articles/hip-mobility-drills/").select("ol.root-cause-links a")
    ]
    assert seed_links == [f"../back-pain-when-walking/#{c.id}" for c in CONTENT.root_causes]


def test_every_page_has_call_to_action_and_disclaimer(site: Build) -> None:
    pages = site.pages()
    assert len(pages) >= 10
    for page in pages:
        html = site.html(str(page.relative_to(site.site)))
        spanish = page.relative_to(site.site).parts[0] == "es"
        # The builder holds a preview sheet per sheet language: the one in the page's language counts.
        ctas = [
            cta
            for cta in html.select("section.call-to-action")
            if (cta.find_parent(attrs={"data-sheet-language": True}) or {}).get("data-sheet-language")
            in (None, "es" if spanish else "en")
        ]
        assert len(ctas) == 1, f"{page}: {len(ctas)} calls to action"
        call = ctas[0].select_one("a.call-to-action__call")
        assert call["href"] == "tel:+18665880230", page
        assert "866-588-0230" in call.get_text()
        offer = (SPANISH if spanish else CONTENT).clinic.call_to_action.offer
        assert offer in ctas[0].get_text(), page
        assert html.select_one("p.disclaimer") is not None, page


def test_no_template_syntax_or_macro_errors_on_any_page(site: Build) -> None:
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        for leftover in ("{{", "{%", "Macro Rendering Error", "Traceback"):
            assert leftover not in text, f"{leftover!r} in {page}"


def test_site_named_after_the_clinic(site: Build) -> None:
    home = site.html("")
    assert home.title.get_text().endswith(CONTENT.clinic.name)


def test_phone_number_written_only_in_clinic_data() -> None:
    """One fact, one place: no source file outside data/clinic.yml spells the number."""
    # The files the project keeps (git's list): build output and caches may repeat the number freely.
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    sources = [ROOT / name for name in tracked.splitlines()]
    sources = [
        p for p in sources if p.suffix in {".md", ".html", ".py", ".yml", ".yaml", ".css", ".js", ".json"}
    ]
    sources = [p for p in sources if p.is_file() and "tests" not in p.relative_to(ROOT).parts]
    assert len(sources) > 50
    holders = [
        p.relative_to(ROOT).as_posix()
        for p in sources
        if "588-0230" in p.read_text(encoding="utf-8", errors="ignore")
    ]
    holders = [h for h in holders if h not in {"CONTRIBUTING.md", "README.md"}]  # docs quote example output
    assert holders == ["data/clinic.yml"]


def test_nav_does_not_list_every_drill(site: Build) -> None:
    nav = site.html("").select_one("nav.md-nav--primary")
    labels = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert "All drills" in " ".join(labels) or "Drills" in labels
    assert not any(d.name in labels for d in CONTENT.drills)


def test_built_pages_exist_for_every_drill(site: Build) -> None:
    for drill in CONTENT.drills:
        assert (site.site / "drills" / drill.id / "index.html").is_file()
    assert Path(site.site / "sitemap.xml").is_file()


def test_search_results_carry_their_own_heading_not_the_call_to_action(site: Build) -> None:
    """The call to action and the disclaimer are on every page: search skips them, so no result's
    title runs into "Get help with back pain" and no result is found only through them."""
    clinic = CONTENT.clinic
    heading = clinic.call_to_action.heading
    docs = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs
    for doc in docs:
        assert doc["title"] == heading or heading not in doc["title"], doc["title"]
        assert clinic.call_to_action.text not in doc["text"], doc["location"]
        assert clinic.disclaimer not in doc["text"], doc["location"]
    # The article's own section about getting help is found, under its own heading (which no
    # longer repeats the call to action's).
    assert any(doc["title"] == "Had back pain before?" for doc in docs)


def _words(html: str) -> str:
    """Text of an HTML fragment (a search entry's, or an element's), its spaces collapsed."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


# What is the same on many pages, and search leaves out there: the key points (on each drill page;
# the article's program keeps them), the urgent-care box, the sheet's footer (its message, when to
# stop and call, the clinic's phone), the call to action, the disclaimer, and each drill page's
# "Print this drill" box (the same sentence on each; the handouts are found through their list).
REPEATED = "section.urgent-care, footer.handout-footer, section.call-to-action, p.disclaimer, div.drill-print"


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_search_leaves_out_what_every_page_repeats_and_keeps_each_pages_own_text(
    site: Build, prefix: str
) -> None:
    index = json.loads((site.site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
    by_page: dict[str, str] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        by_page[page] = by_page.get(page, "") + " " + _words(doc["title"]) + " " + _words(doc["text"])
    everything = " ".join(by_page.values())
    # Pages that only repeat other pages' text are not in the index: the handouts (regular and
    # large print). The handout builder's page is, without the drills it repeats.
    assert not [
        page
        for page in by_page
        if page.startswith("handouts/") and page != "handouts/builder/" and page != "handouts/"
    ], sorted(by_page)
    drills = sorted(p.parent.name for p in (site.site / prefix / "drills").glob("*/index.html"))
    assert len(drills) >= 6
    repeated_seen = 0
    for drill in drills:
        page = site.html(f"{prefix}drills/{drill}/")
        own = by_page[f"drills/{drill}/"]
        # The drill's own: its name, its summary and each of its steps.
        content = page.select_one("article.md-content__inner")
        assert _words(str(content.h1)).removesuffix("¶").strip() in own, drill
        assert _words(str(page.select_one("p.drill-card__summary, .drill__summary, h1 + p"))) in own, drill
        steps = page.select("ol.drill__steps > li")
        assert steps, drill
        for step in steps:
            assert _words(str(step)) in own, (drill, step)
        # What the page repeats: no line of it is in the drill's entry.
        for element in content.select(f"{REPEATED}, section.key-points"):
            for line in element.select("li, p"):
                text = _words(str(line))
                assert text and text not in own, (drill, text)
                repeated_seen += 1
    assert repeated_seen > 6 * len(drills)  # the check above saw the repeated parts of each page
    # The list of all drills: its own words are searched, not its cards (each repeats a drill page's).
    listing = site.html(f"{prefix}drills/").select_one("article.md-content__inner")
    intro = [
        _words(str(p))
        for p in listing.find_all("p", recursive=False)
        if not p.has_attr("data-search-exclude")
    ]
    assert intro and all(text in by_page["drills/"] for text in intro)
    cards = listing.select("ul.drill-index p.drill-card__summary")
    assert len(cards) == len(drills)
    assert not [card for card in cards if _words(str(card)) in by_page["drills/"]]
    for file in sorted((site.site / prefix / "articles").glob("*/index.html")):
        article = file.parent.name
        content = site.html(f"{prefix}articles/{article}/").select_one("article.md-content__inner")
        own = by_page[f"articles/{article}/"]
        # Each paragraph of the article's prose is found on it; the repeated parts are not.
        prose = [
            _words(str(p))
            for p in content.find_all("p", recursive=False)
            if not p.has_attr("data-search-exclude")
        ]
        assert len(prose) >= 2, article
        for text in prose:
            assert text in own, (article, text)
        for element in content.select(REPEATED):
            for line in element.select("li, p"):
                assert _words(str(line)) not in own, (article, line)
        # The program's key points, on its article, are searched there.
        for point in content.select("section.key-points li"):
            assert _words(str(point)) in own, (article, point)
    # The clinic's phone number is in no entry (the footer and the call to action hold it).
    phone = site.html(f"{prefix}drills/{drills[0]}/").select_one(".handout-footer__phone")
    assert phone and _words(str(phone)) not in everything
