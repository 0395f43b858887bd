"""Which language a build makes, and what mkdocs-static-i18n needs to know about generated pages.

The site is built once per language by mkdocs-static-i18n (``plugins: i18n`` in mkdocs.yml):
English first, then each other language as a nested build started from the plugin's
``on_post_build``, on the same config object. ``build_language(config)`` says which one is
running; hooks/content_validation.py reads it when each build starts.

The plugin handles the files it finds in docs/ (``index.es.md`` becomes ``es/``) but not the
pages our hooks generate (drills, handouts): it fails on files without a source path
(ultrabug/mkdocs-static-i18n#263), so those are added after its ``on_files``, and
:func:`place_generated` does for them what it does for its own files: the ``es/`` prefix, and
the alternates that Material's language switcher, the ``hreflang`` links and the sitemap read.

This module is the one place that reads the plugin's attributes (``current_language``,
``default_language``, ``build_languages``, ``i18n_files_per_language``): a new version of the
plugin is checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PLUGIN = "i18n"
ENGLISH = "en"


def _plugin(config: MkDocsConfig) -> Any | None:
    return config.plugins.get(PLUGIN)


def build_language(config: MkDocsConfig) -> str:
    """The language of the build running on this config: "en", or "es" in the nested build."""
    plugin = _plugin(config)
    if plugin is None:
        return str(config.theme.get("language") or ENGLISH)
    return plugin.current_language or plugin.default_language or ENGLISH


def leave_out(config: MkDocsConfig, language: str) -> bool:
    """Build the site without this language (no data/<language>/ folder: nothing to publish in it).
    False when it was not going to be built anyway."""
    plugin = _plugin(config)
    if plugin is None or language not in plugin.build_languages:
        return False
    plugin.get_language_config(language).build = False
    return True


def builds_every_language(config: MkDocsConfig) -> bool:
    """Whether this build makes every language the site has: False when the plugin's
    ``build_only_locale`` (BUILD_ONLY_LOCALE=en, a quicker preview) leaves the others out. Such a
    build has not seen what the other languages use, so it keeps their files in ``.cache/`` (their
    pictures, QR codes and PDFs): the next full build would otherwise make them all again."""
    plugin = _plugin(config)
    return plugin is None or not plugin.config.build_only_locale


def default_language(config: MkDocsConfig) -> str:
    plugin = _plugin(config)
    return (plugin.default_language if plugin is not None else None) or ENGLISH


def site_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """Every language the site is built in, the default first."""
    plugin = _plugin(config)
    if plugin is None:
        return (build_language(config),)
    default = default_language(config)
    return (default, *(lang for lang in plugin.build_languages if lang != default))


def prefix(language: str, config: MkDocsConfig) -> str:
    """Where a language's pages live in the site: "" for the default language, "es/" for Spanish."""
    return "" if language == default_language(config) else f"{language}/"


def _alternate(config: MkDocsConfig, src_uri: str, language: str) -> File:
    """A stand-in File for the same page in another language: the switcher reads only its url."""
    file = File.generated(config, src_uri, content="")
    file.dest_uri = prefix(language, config) + file.dest_uri
    return file


def place_generated(config: MkDocsConfig, file: File, exists_in: Callable[[str], bool]) -> File:
    """Put a generated page where its language's pages go, with its alternates.

    ``exists_in(language)`` says whether the same page is made in that language (a drill without a
    complete Spanish version has no Spanish page: the switcher then offers the Spanish home).
    Call it before anything reads the file's url.
    """
    language = build_language(config)
    file.dest_uri = prefix(language, config) + file.dest_uri
    if _plugin(config) is None:
        return file
    alternates = {language: file}
    for other in site_languages(config):
        if other != language and exists_in(other):
            alternates[other] = _alternate(config, file.src_uri, other)
    # What the plugin sets on the files it reconfigures (mkdocs_static_i18n/suffix.py).
    file.alternates = alternates
    file.locale = language
    file.locale_alternate_of = language
    file.localization = None if language == default_language(config) else language
    file.norm_src_uri = file.src_uri
    return file


def alternates_of(file: File) -> dict[str, File]:
    """The same page in each language it is made in (itself included); {} without the plugin."""
    return dict(getattr(file, "alternates", {}) or {})


def register_pages(config: MkDocsConfig, files: Files) -> None:
    """Let the plugin's sitemap list the generated pages too (it listed docs/ pages only)."""
    plugin = _plugin(config)
    if plugin is not None:
        plugin.i18n_files_per_language[build_language(config)] = files.documentation_pages()
