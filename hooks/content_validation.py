"""Load and validate every data file once, before anything renders; stop the build on any problem.

Runs first (high priority), so a content mistake is reported as
``data/drills.yml:14:5: drills[2].level: ...`` lines, never as a traceback,
and no page is written. The validated content starts the build's state
(macros/state.py), where every hook and macro reads it; the state ends with the
build (last ``on_post_build``).

Each language is a build of its own (mkdocs-static-i18n builds Spanish inside the English
build): the Spanish build's state holds the Spanish content (``Content.localized``: only what is
completely translated) and the English it links to for the rest; the data is loaded once.
"""

from __future__ import annotations

import logging

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

import content_model
from hook_helpers.languages import build_language, default_language, leave_out, prefix, site_languages
from macros.state import end_build, running_states, start_build

log = logging.getLogger("mkdocs.hooks.content_validation")


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    language = build_language(config)
    outer = running_states(config)
    if outer:
        # A nested build (mkdocs-static-i18n builds each extra language from the English build's
        # on_post_build): the data was loaded and checked when the outer build started, and
        # has not changed since. It gets a state of its own, for its language.
        english = outer[0].source
    else:
        try:
            english = content_model.load_project(config.config_file_path)
        except content_model.ContentErrors as errors:
            raise Abort(errors.report()) from None
        for other in site_languages(config)[1:]:
            # A clinic that has not started a translation (no data/es/) publishes in English only.
            if other not in english.languages and leave_out(config, other):
                log.info(
                    f"{english.shown_dir}/{other}/ does not exist: the site is built without its "
                    f"{content_model.LANGUAGES[other][0]} pages (CONTRIBUTING.md, 'How to add or update "
                    "a translation')."
                )
            elif other in english.languages:
                # Every page of that language, and the builder's sheet in it, needs the clinic's
                # texts: say so before any page is made, not from inside one.
                try:
                    english.localized(other)
                except content_model.UntranslatedError as error:
                    raise Abort(f"Nothing was built: {error}") from None
    languages = site_languages(config)
    if language == default_language(config):
        content = start_build(config, english, languages=languages).content
    else:
        try:
            localized = english.localized(language)
        except content_model.UntranslatedError as error:
            raise Abort(str(error)) from None
        where = prefix(language, config)
        # Nested in the English build, whose drawings and QR codes it shares (start_build).
        state = start_build(
            config, localized, language, where, english, languages, outer[0] if outer else None
        )
        content = state.content
    # One fact, one place: the site is named after the clinic in data/clinic.yml. Material prints
    # site_name unescaped (in <title>, the header, attributes): it gets the name escaped once, as
    # Markup, which Jinja prints as it is. Code that needs the name itself reads content.clinic.name.
    config.site_name = Markup.escape(content.clinic.name)
    return config


@event_priority(-1000)  # after every other on_post_build handler of this build
def on_post_build(config: MkDocsConfig) -> None:
    end_build(config)
    # A build that fails never gets here: its config, state and all, is dropped with it (`mkdocs
    # serve` loads a new config for each rebuild), and a nested build's failure fails the outer one.
