"""A build's state (macros/state.py) for tests that call a hook or render a template without a build."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup
from mkdocs.theme import Theme

import content_model
from macros.render import Templates
from macros.state import BuildState, start_build

ROOT = Path(__file__).resolve().parents[1]


@cache
def theme() -> Theme:
    return Theme(name="material", custom_dir=str(ROOT / "overrides"))


def templates() -> Templates:
    """Our templates, as a build renders them (an environment derived from the theme's)."""
    return Templates(theme().get_env())


def render(component: str, **data: Any) -> Markup:
    return templates().render(component, **data)


def config_with_state(project: Path, **values: Any) -> tuple[SimpleNamespace, BuildState]:
    """A stand-in config for project (its data/ loaded), with a started build state on it."""
    config = SimpleNamespace(
        config_file_path=str(project / "mkdocs.yml"),
        theme=theme(),
        site_url=values.pop("site_url", "https://example.org/"),
        use_directory_urls=values.pop("use_directory_urls", True),
        plugins=values.pop("plugins", {}),  # no plugin: one language (hook_helpers/languages.py)
        **values,
    )
    state = start_build(config, content_model.load(project / "data", shown_dir="data"))
    return config, state


def pdf_hook_folders(tmp_path: Path, built_site: Path) -> tuple[Path, Path]:
    """(project, site) for running the PDF hook alone: a project holding this repository's data
    files, and a site folder holding the built site's assets (the files a sheet may link to; the
    stylesheets the PDFs use are read from overrides/, not from here)."""
    import shutil

    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for file in (ROOT / "data").glob("*.yml"):
        (project / "data" / file.name).write_bytes(file.read_bytes())
    out = tmp_path / "site"
    shutil.copytree(built_site / "assets", out / "assets")
    return project, out
