"""Search engines and sharing: descriptions, canonical URLs, the sitemap, JSON-LD.

Every built page has a meta description; every page but the 404 a canonical
URL under site_url, and the sitemap lists exactly those pages. JSON-LD
(hooks/structured_data.py) parses as JSON and says what each page is:
MedicalWebPage for articles (lastReviewed when the front matter records a
review), an ExercisePlan for each drill, WebSite for the home page. A value
that tries to close the <script> element stays inside the JSON. The only
images named are a drill's own preview picture, a file of this site
(tests/test_picture_files.py checks it closely).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

import content_model
from conftest import EXTRAS_HOSTILE, ROOT, Build, make_project, mkdocs_build
from macros.dose import steps_with_hold
from site_pages import page_paths, parsed_once

CONTENT = content_model.load(ROOT / "data", shown_dir="data")
SITE_URL = "https://example.org/"  # mkdocs.yml's default site_url (SITE_URL unset in tests)
SCHEMA = "https://schema.org"


def soup(build: Build, path: str) -> BeautifulSoup:
    """A page, parsed once in this module: the tests below read every page of the default site, one
    of them twice (its JSON-LD, then its images); nothing here changes a parsed page."""
    return parsed_once(build.site, path)


def json_ld(build: Build, path: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of a page, parsed (a block that is not valid JSON fails here)."""
    blocks = soup(build, path).select('script[type="application/ld+json"]')
    return [json.loads(block.string) for block in blocks]


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def test_every_page_has_a_description(site: Build) -> None:
    for path in page_paths(site.site):
        meta = soup(site, path).select('meta[name="description"]')
        assert len(meta) == 1 and meta[0]["content"].strip(), f"/{path}: {meta}"
    assert soup(site, "drills/spiderman/").select_one('meta[name="description"]')["content"] == (
        CONTENT.drill("spiderman").summary
    )


def test_canonical_urls_and_sitemap_list_every_page(site: Build) -> None:
    pages = [path for path in page_paths(site.site) if path != "404.html"]
    for path in pages:
        canonical = soup(site, path).select('link[rel="canonical"]')
        assert [link["href"] for link in canonical] == [SITE_URL + path], f"/{path}"
    tree = ET.parse(site.site / "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = sorted(loc.text for loc in tree.findall("s:url/s:loc", namespace))
    assert listed == sorted(SITE_URL + path for path in pages)


def test_json_ld_on_every_page_is_valid_and_names_only_images_of_this_site(site: Build) -> None:
    found = 0
    for path in page_paths(site.site):
        for block in json_ld(site, path):  # json.loads fails on anything that is not JSON
            found += 1
            assert block["@context"] == SCHEMA and block["url"] == SITE_URL + path, f"/{path}: {block}"
            urls = [s for s in strings(block) if "://" in s]
            ours = [u for u in urls if u == SCHEMA or u.startswith(SITE_URL) or u == CONTENT.clinic.website]
            assert ours == urls, f"/{path}: names another site: {urls}"
            assert not {"logo", "thumbnailUrl", "video"} & set(json.dumps(block).split('"')), block
            image = block.get("image")
            spanish = path.startswith("es/")
            inside = path.removeprefix("es/")
            drill_id = inside.removeprefix("drills/").rstrip("/") if inside.startswith("drills/") else ""
            drill = (CONTENT.localized("es") if spanish else CONTENT).drill(drill_id) if drill_id else None
            assert (image is not None) == bool(drill and drill.pictures), f"/{path}: {image}"
            if image is not None:
                assert image["url"].startswith(SITE_URL + "pictures/"), image
                assert (site.site / image["url"].removeprefix(SITE_URL)).is_file(), image
        page = soup(site, path)
        assert not page.select("img[src^='http']"), f"/{path}: an outside image"
        for meta in page.select("meta[property='og:image']"):
            assert (site.site / meta["content"].removeprefix(SITE_URL)).is_file(), f"/{path}: {meta}"
    assert found >= 1 + 2 + len(CONTENT.drills)


def test_home_page_describes_the_site(site: Build) -> None:
    [home] = json_ld(site, "")
    assert home["@type"] == "WebSite" and home["name"] == CONTENT.clinic.name
    assert home["publisher"] == {
        "@type": "MedicalOrganization",
        "name": CONTENT.clinic.name,
        "telephone": CONTENT.clinic.phone_e164,
        **({"url": CONTENT.clinic.website} if CONTENT.clinic.website else {}),
        **({"email": CONTENT.clinic.email} if CONTENT.clinic.email else {}),
    }


def test_articles_are_medical_web_pages(site: Build) -> None:
    for path in ("articles/hip-mobility-drills/", "articles/back-pain-when-walking/"):
        [article] = json_ld(site, path)
        description = soup(site, path).select_one('meta[name="description"]')["content"]
        assert article["@type"] == "MedicalWebPage"
        assert article["description"] == description and article["audience"] == {"@type": "Patient"}
        assert "lastReviewed" not in article  # the seed articles record no review


def test_each_drill_is_an_exercise_plan(site: Build) -> None:
    for drill in CONTENT.drills:
        [page] = json_ld(site, f"drills/{drill.id}/")
        plan = page["mainEntity"]
        assert page["@type"] == "MedicalWebPage" and plan["@type"] == "ExercisePlan"
        assert plan["name"] == drill.name and plan["description"] == drill.summary
        assert [part["name"] for part in plan.get("associatedAnatomy", [])] == drill.targets
        assert plan.get("repetitions") == (drill.dose.reps if drill.dose else None)
        assert plan["text"] == " ".join(step.text for step in steps_with_hold(drill.steps, drill.dose))
        assert ("lastReviewed" in page) == (drill.reviewed is not None)


def test_reviews_become_last_reviewed(extras_site: Build) -> None:
    [article] = json_ld(extras_site, "articles/hip-mobility-drills/")
    assert article["lastReviewed"] == "2026-02-01"
    assert article["reviewedBy"] == {"@type": "Person", "name": "Jane Doe, PT, DPT"}
    [drill] = json_ld(extras_site, "drills/quadruped-rockbacks/")
    assert drill["lastReviewed"] == "2026-01-15"


def test_a_value_cannot_close_the_json_ld_script(extras_site: Build) -> None:
    """The article's description is "</script><script>window.__pwned = 1</script> & <b>"."""
    [article] = json_ld(extras_site, "articles/hip-mobility-drills/")
    assert article["description"] == EXTRAS_HOSTILE
    page = soup(extras_site, "articles/hip-mobility-drills/")
    runnable = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
    assert not [s for s in runnable if "__pwned" in (s.string or "")]


def test_a_page_without_description_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    page = project / "docs" / "articles" / "back-pain-when-walking.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("".join(line for line in text.splitlines(True) if not line.startswith("description:")))
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    said = "docs/articles/back-pain-when-walking.md:1: the page has no description: add a line"
    assert said in build.output
    assert "Traceback" not in build.output


def test_a_wrong_review_date_in_front_matter_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    page = project / "docs" / "articles" / "back-pain-when-walking.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\nreviewed:\n  by: Jane Doe, PT\n  on: last spring\n", 1))
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert "docs/articles/back-pain-when-walking.md:4:3: reviewed.on: must be a date written YYYY-MM-DD" in (
        build.output
    )
    assert "Traceback" not in build.output
