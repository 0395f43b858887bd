"""Drill pages are generated from data/drills.yml, like handout pages: no Markdown file per drill."""

from __future__ import annotations

import re

import pytest
from mkdocs.utils.meta import get_data

import content_model
from conftest import ROOT, Build, load_hook
from content_model.models import Drill

CONTENT = content_model.load(ROOT / "data")


def test_no_drill_has_a_markdown_file() -> None:
    """Adding a drill is one data entry: docs/ holds no page per drill (only the drill index)."""
    # The drill index, in English and in Spanish; every drill's page is generated.
    assert sorted(p.name for p in (ROOT / "docs" / "drills").iterdir()) == ["index.es.md", "index.md"]
    for fixture in (ROOT / "tests" / "fixtures").iterdir():
        assert sorted(p.name for p in (fixture / "docs" / "drills").iterdir()) == ["index.md"], fixture


@pytest.mark.parametrize(
    "name",
    ['Clamshell: "side" # hip 💪', "a: b", "--- #x", "'single' & \"double\"", "yes", "null", "{{ x }}"],
)
def test_drill_front_matter_is_serialized_not_pasted(name: str) -> None:
    """hooks/drill_pages.py writes front matter with a YAML serializer: read back, it is the data."""
    hook = load_hook("drill_pages.py")
    drill = Drill.model_construct(id="clamshell", name=name, summary="Hips.\n---\nx: y", level="beginner")
    text = hook._page(drill, "data/drills.yml")
    body, front = get_data(text)  # how MkDocs reads a page's front matter
    assert front == {
        "title": name,
        "description": drill.summary,
        "drill_of": "clamshell",
        "generated_from": "data/drills.yml",
    }
    # The body is the same for every drill: no value of the data is written into Markdown.
    assert body == hook._BODY and "clamshell" not in hook._BODY


def test_generated_pages_are_added_after_the_i18n_plugin() -> None:
    """mkdocs-static-i18n 1.3.1 (on_files at priority -100) fails on generated files
    (ultrabug/mkdocs-static-i18n#263): both page generators run after it, at -110."""
    for name in ("drill_pages.py", "handout_pages.py"):
        assert load_hook(name).on_files.mkdocs_priority == -110, name


def test_drill_pages_keep_their_place_in_the_sitemap_and_search(site: Build) -> None:
    """Generated drill pages are listed where their Markdown files were: after the drill index,
    in the order of their ids, before the folders after drills/ (handouts/)."""
    sitemap = (site.site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [re.sub(r"^https?://[^/]+/", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    drills = [f"drills/{d}/" for d in sorted(d.id for d in CONTENT.drills)]
    start = paths.index("drills/")
    assert paths[start + 1 : start + 1 + len(drills)] == drills
    assert paths[start + 1 + len(drills)].startswith("handouts/")
    search = (site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    places = [search.index(f'"location":"{d}"') for d in drills]
    assert places == sorted(places)


def test_drill_page_has_title_description_and_no_nav_entry(site: Build) -> None:
    for drill in CONTENT.drills:
        page = site.html(f"drills/{drill.id}/")
        assert page.title.get_text().startswith(f"{drill.name} - ")
        assert page.select_one('meta[name="description"]')["content"] == drill.summary
    nav = [a["href"] for a in site.html("").select("nav.md-nav--primary a[href]")]
    assert "drills/" in nav and not any(href.startswith("drills/") and href != "drills/" for href in nav), nav


def test_drill_pages_are_added_to_the_files_object_it_is_given() -> None:
    """Another plugin's Files class (mkdocs-static-i18n replaces MkDocs' own) is kept, not swapped for
    a plain one, and the drill pages sit after the drill index, in the order of their ids."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files, get_files

    from conftest import load_hook

    class PluginFiles(Files):
        pass

    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # as a build starts: the build's state (content) is made here
    files = PluginFiles(list(get_files(config)))
    result = load_hook("drill_pages.py").on_files(files, config)
    assert result is files
    uris = [f.src_uri for f in result if not f.src_uri.endswith(".es.md")]  # the Spanish build's pages
    start = uris.index("drills/index.md")
    assert uris[start + 1 : start + 1 + len(CONTENT.drills)] == sorted(
        f"drills/{d.id}.md" for d in CONTENT.drills
    )
    assert all(result.get_file_from_path(f"drills/{d.id}.md").generated_by for d in CONTENT.drills)
