"""Load and validate every data file once, before anything renders; stop the build on any problem.

Runs first (high priority), so a content mistake is reported as
``data/drills.yml:14:5: drills[2].level: ...`` lines, never as a traceback,
and no page is written. The validated content starts the build's state
(macros/state.py), where every hook and macro reads it; the state ends with the
build (last ``on_post_build``).
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

import content_model
from macros.state import end_build, start_build


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        content = content_model.load_project(config.config_file_path)
    except content_model.ContentErrors as errors:
        raise Abort(errors.report()) from None
    start_build(config, content)
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
