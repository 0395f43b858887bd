"""What the clinic has not made its own yet: listed by every build, refused by a build for publishing.

Each default still in place (the clinic's name, ``site_url`` at example.org, the default
"edit this page" link) is printed as an INFO line with its file, line and fix, so ``--strict``
builds and ``mkdocs serve`` go on. With ``REQUIRE_REAL_CLINIC=1`` (set by the deploy workflow)
the same lines stop the build, unless ``data/clinic.yml`` says ``demo: true``. The rules live in
``content_model/defaults.py``, shared with ``make check``.

A demo site says so on every page: ``demo_site`` is true for the theme's templates, and
``overrides/main.html`` shows the banner and loads ``demo.css``, which prints the same words at
the top of every printed page. The sheets carry their own line (macros' handout_header.html),
which WeasyPrint puts at the top of every PDF page (print.css).
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from content_model.defaults import DEMO_FIX, demo_note, real_clinic_required, unchanged_defaults
from macros.state import build_state, outer_state

log = logging.getLogger("mkdocs.hooks.unchanged_defaults")


@event_priority(50)  # after hooks/content_validation.py, which stops on any content problem
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if outer_state(config) is not None:
        return config  # another language's build, nested in the English one, which has said it all
    content = build_state(config).content  # loaded and validated once, by hooks/content_validation.py
    config_file = Path(config.config_file_path)
    found = unchanged_defaults(
        content,
        config.site_url,
        config.edit_uri,
        config_file,
        config_shown=config_file.name,
        required=real_clinic_required(),
    )
    errors = [problem for problem in found if problem.severity == "error"]
    if errors:
        lines = "\n".join(problem.plain() for problem in errors)
        still = f"{len(errors)} defaults are" if len(errors) > 1 else "1 default is"
        raise Abort(
            f"{lines}\n\nThis build publishes the site (REQUIRE_REAL_CLINIC=1), and {still} "
            f"still in place: fix each line above. {DEMO_FIX}"
        )
    note = demo_note(content)
    for problem in found + ([note] if note else []):
        log.info(problem.plain())
    if found:
        log.info(
            "Not changed yet: %d default%s above. Change them before the site goes live "
            "(README.md, 'Make it your clinic's site').",
            len(found),
            "" if len(found) == 1 else "s",
        )
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["demo_site"] = build_state(config).content.clinic.demo
    # The interface words of the build's language, for the theme's own templates (overrides/main.html).
    env.globals["clinic_ui"] = build_state(config).templates.strings
    return env
