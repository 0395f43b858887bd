"""The theme follows data/clinic.yml: colours, logo, favicon, footer and the phone's Call button.

There is no second place to edit. From the clinic's data this hook

* writes ``assets/stylesheets/clinic.css``, the colours derived from ``brand_color``
  (hook_helpers/clinic_theme.py), and lists it last among the stylesheets: a file, because the
  Content Security Policy forbids inline styles;
* publishes the ``logo`` file from ``data/`` as ``assets/clinic/logo.<svg|png>`` and makes it
  the theme's logo and favicon (checked when the content loads: content_model/identity.py); without
  a logo, a favicon of the clinic's initial on its brand colour (not the theme's own icon);
* gives ``overrides/main.html`` the clinic's footer (``clinic_footer(page)``) and the Call
  button shown under the header on phones (``header_call``), both rendered by our escaping
  templates (hook_helpers/templates/).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from hook_helpers.clinic_theme import theme_colors
from macros.state import build_state

STYLESHEET = "assets/stylesheets/clinic.css"
LOGO_DIR = "assets/clinic"


FAVICON = f"{LOGO_DIR}/favicon.svg"  # made when the clinic has no logo: the theme's own would show


def _logo_uri(config: MkDocsConfig) -> str | None:
    logo = build_state(config).content.clinic.logo
    return f"{LOGO_DIR}/logo{Path(logo).suffix.lower()}" if logo else None


def _initial(name: str) -> str:
    """The first letter or digit of the clinic's name, as its favicon shows it."""
    return next((c.upper() for c in name if c.isalnum()), "+")


@event_priority(40)  # after hooks/content_validation.py, which loads the content
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)  # last: its colours win over the theme's
    logo = _logo_uri(config)
    if logo:
        config.theme["logo"] = logo
    config.theme["favicon"] = logo or FAVICON
    return config


# After mkdocs-static-i18n's own on_files (-100), which fails on a file made from a string
# (ultrabug/mkdocs-static-i18n#263): the stylesheet and logo are the same in every language.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = build_state(config)
    colors = theme_colors(state.content.clinic)  # computed once: the stylesheet and the favicon
    css = str(state.templates.render("clinic_theme_css", colors=colors))
    files.append(File.generated(config, STYLESHEET, content=css + "\n"))
    logo = _logo_uri(config)
    if logo:
        source = state.content.data_dir / state.content.clinic.logo
        files.append(File.generated(config, logo, abs_src_path=str(source)))
    else:
        clinic = state.content.clinic
        icon = state.templates.render("clinic_favicon", initial=_initial(clinic.name), colors=colors)
        files.append(File.generated(config, FAVICON, content=str(icon) + "\n"))
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    state = build_state(config)
    clinic = state.content.clinic

    def clinic_footer(page: Any) -> Markup:
        edit_url = getattr(page, "edit_url", None) if page is not None else None
        return state.templates.render("clinic_footer", clinic=clinic, edit_url=edit_url)

    env.globals["clinic_footer"] = clinic_footer
    env.globals["header_call"] = state.templates.render("header_call", clinic=clinic)
    return env
