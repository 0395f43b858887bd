"""What one site in two languages needs beyond mkdocs-static-i18n: a search per language, one 404 page.

* **Search.** The plugin gathers every language's pages into the one search index at the site's
  root. Instead, each language gets its own index, with its own stemmer: ``search/search_index.json``
  (English, ``lang: [en]``) and ``es/search/search_index.json`` (Spanish, ``lang: [es]``, addresses
  relative to ``es/``). A Spanish page's search loads the Spanish index: Material's script looks for
  the index, and resolves the results, from the page's ``base_url``, which is ``es/`` on Spanish
  pages (``on_page_context``). So a Spanish word finds Spanish pages, with lunr's Spanish
  support (lunr.es: its stop words), and English pages are not mixed in. Material searches every
  word as a prefix ("ejercicio" finds "ejercicios"), and so keeps the stemmer out of its pipeline
  for every language: a stemmed index would miss those prefixes ("caminar" stems to "camin", which
  the query "caminar*" does not match). The Spanish index keeps Material's pipeline too.
* **Alternates.** Each page's versions in other languages are named in the sitemap
  (mkdocs-static-i18n's ``sitemap.xml``: ``hreflang`` alternates for every page, absolute, as
  search engines read them), and the language button's links (``.md-select__link[hreflang]``) go
  straight to the same page in the other language. The ``<link rel="alternate" hreflang>``
  elements Material writes in each page's head are left out: Material's script asks for a
  ``sitemap.xml`` beside each of them (squidfunk/mkdocs-material#6582), which at a page's own
  address does not exist, and at an absolute address is another site while previewing (the CSP
  blocks it); relative ones are not valid hreflang links for search engines (Lighthouse SEO).
  Each language's home has the sitemap (``es/sitemap.xml`` too).
* **404 page.** Each language's build writes the theme's ``404.html`` at the site's root; the
  English one stays (the nested Spanish build would otherwise replace it).

Runs after the plugin's ``on_post_build`` (-100), which starts the nested builds and writes the
joined index; only the outermost build splits it, once every language is built.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from hook_helpers.html_tags import start_tags_that_may_matter
from hook_helpers.languages import prefix, site_languages
from macros.links import relative
from macros.state import build_state, outer_state, running_states

INDEX = "search/search_index.json"

_NOT_FOUND = "404.html"


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    where = build_state(config).prefix
    if where:  # a page of another language: its search, and its stored settings, are that language's
        context["base_url"] = relative(where, page.url).rstrip("/") or "."
    return context


def without_head_alternates(html: str) -> str:
    """The page without the ``<link rel="alternate" hreflang>`` elements Material writes in its head."""
    head_end = html.find("</head>")
    pieces, last = [], 0
    for tag in start_tags_that_may_matter(html if head_end < 0 else html[:head_end], ("link",)):
        values = tag.attributes
        wanted = tag.name == "link" and values.get("rel") == "alternate" and values.get("hreflang")
        if not wanted or "type" in values:
            continue
        end = tag.end + 1 if html[tag.end : tag.end + 1] == "\n" else tag.end
        pieces.append(html[last : tag.start])
        last = end
    return "".join(pieces) + html[last:] if pieces else html


@event_priority(-90)  # before the Content Security Policy is added (-100), after the theme wrote the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return without_head_alternates(output) if len(site_languages(config)) > 1 else output


@event_priority(-200)  # after the other hooks (the Content Security Policy): the page as written
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != _NOT_FOUND:
        return output_content
    outer = outer_state(config)
    if outer is None:
        build_state(config).not_found_page = output_content
        return output_content
    return running_states(config)[0].not_found_page or output_content


def split_index(data: dict[str, Any], languages: tuple[str, ...], prefixes: dict[str, str]) -> dict[str, Any]:
    """Each language's search index (by language), from the joined one: its pages, its stemmer."""
    docs = data.get("docs", [])
    indexes = {}
    for language in languages:
        where = prefixes[language]
        if where:
            mine = [
                {**d, "location": d["location"][len(where) :]}
                for d in docs
                if d["location"].startswith(where)
            ]
        else:
            others = tuple(prefixes[other] for other in languages if prefixes[other])
            mine = [d for d in docs if not d["location"].startswith(others)]
        indexes[language] = {**data, "config": {**data.get("config", {}), "lang": [language]}, "docs": mine}
    return indexes


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and joined the indexes
def on_post_build(config: MkDocsConfig) -> None:
    if outer_state(config) is not None:
        return  # a nested build: the outermost build splits the index once every language is built
    languages = site_languages(config)
    site = Path(config.site_dir)
    joined = site / INDEX
    if len(languages) < 2 or not joined.is_file():
        return
    sitemap = site / "sitemap.xml"
    for language in languages[1:]:  # the sitemap at each language's home, where Material looks for it
        if sitemap.is_file():
            shutil.copyfile(sitemap, site / prefix(language, config) / "sitemap.xml")
    data = json.loads(joined.read_text(encoding="utf-8"))
    prefixes = {language: prefix(language, config) for language in languages}
    for language, index in split_index(data, languages, prefixes).items():
        target = site / prefixes[language] / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
