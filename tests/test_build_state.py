"""Each build has its own state (macros/state.py), reached through its config, never a module global.

* Two builds of two clinics, one after the other in one Python process (what a
  test run, a multi-language build or a long `mkdocs serve` does), give two
  correct sites, with nothing of one in the other: not in the pages, not in
  the caches each keeps beside its mkdocs.yml.
* A running `mkdocs serve` shows a data edit, and nothing stale, even an edit
  that leaves the file's size and time as they were (as `cp -p`, `rsync -a` or
  `touch -r` leave them), once anything makes it rebuild: each build loads the
  data afresh, once.
* Builds nest (mkdocs-static-i18n builds each extra language inside the first
  build, on the same config): the inner build's state shadows the outer's and
  ends with it.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

import content_model
from conftest import FIXTURES, ROOT, make_project, mkdocs_serve
from test_build_failures import wait_for_page

OTHER = FIXTURES / "other_clinic"
OTHER_CONFIG = {
    "nav": [{"Home": "index.md"}, {"Drills": "drills/index.md"}],
    "extra": {"root_causes_page": "index.md", "floor_page": None},  # no page on getting to the floor
    "site_url": "https://harbour-knee.example/",
}
SEED_CONFIG = {"site_url": "https://seed-clinic.example/"}


def build_in_process(project: Path, site: Path) -> None:
    """`mkdocs build --strict` for project, in this process (as a plugin or a test calls MkDocs)."""
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))


def site_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="ignore")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"}
    )


def facts(data: Path) -> list[str]:
    """What only this clinic's site should show: its name, drill names and drill ids."""
    content = content_model.load(data, shown_dir="data")
    return (
        [content.clinic.name] + [d.name for d in content.drills] + [f"drills/{d.id}/" for d in content.drills]
    )


def test_two_builds_in_one_process_give_two_independent_sites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The PDFs have tests of their own; the pages are what matter here.
    monkeypatch.setenv("HANDOUT_PDFS", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "seed").mkdir()
    (tmp_path / "other").mkdir()
    # Both start with the default site's .cache/ (warm: its pictures and compiled templates are not
    # made again); its QR codes, of the default site's address, are neither clinic's, so a cache still
    # holding them after a build fails the check of the caches below as much as the other clinic's would.
    seed = make_project(tmp_path / "seed", config=SEED_CONFIG, warm=True)
    other = make_project(
        tmp_path / "other", data=OTHER / "data", docs=OTHER / "docs", config=OTHER_CONFIG, warm=True
    )
    seed_facts, other_facts = facts(seed / "data"), facts(other / "data")
    assert not set(seed_facts) & set(other_facts)

    # seed, other, then seed again: each in the same process, each from its own data.
    for project, site in (
        (seed, tmp_path / "seed-site"),
        (other, tmp_path / "other-site"),
        (seed, tmp_path / "seed-2"),
    ):
        build_in_process(project, site)

    for site, own, foreign, _url in (
        (
            tmp_path / "seed-site",
            seed_facts,
            other_facts + ["harbour-knee.example"],
            "https://seed-clinic.example/",
        ),
        (
            tmp_path / "other-site",
            other_facts,
            seed_facts + ["seed-clinic.example"],
            "https://harbour-knee.example/",
        ),
        (
            tmp_path / "seed-2",
            seed_facts,
            other_facts + ["harbour-knee.example"],
            "https://seed-clinic.example/",
        ),
    ):
        text = site_text(site)
        for fact in own:
            assert fact in text, f"{fact!r} is missing from {site.name}"
        for fact in foreign:
            assert fact not in text, f"{fact!r} of the other clinic appears in {site.name}"
        home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert home.title.get_text().endswith(own[0])
    # The caches each build keeps beside its mkdocs.yml hold that site's QR codes only.
    for project, own_url, other_url in (
        (seed, "https://seed-clinic.example/", "https://harbour-knee.example/"),
        (other, "https://harbour-knee.example/", "https://seed-clinic.example/"),
    ):
        codes = json.loads((project / ".cache" / "qr-codes.json").read_text(encoding="utf-8"))["codes"]
        assert codes and all(url.startswith(own_url) for url in codes), sorted(codes)
        assert not any(other_url in url for url in codes)


def test_serve_shows_a_data_edit_and_keeps_nothing_stale(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)  # the default site's .cache/: this test reads none
    drills = project / "data" / "drills.yml"
    clinic = project / "data" / "clinic.yml"
    content = content_model.load(project / "data", shown_dir="data")
    # A drill whose name is in no other drill's name, so the old name can be looked for anywhere.
    drill = next(d for d in content.drills if not any(d.name in o.name for o in content.drills if o is not d))
    old_name, old_clinic = drill.name, content.clinic.name
    # The same length: the file keeps its size.
    new_name = old_name[:-1] + ("X" if old_name[-1] != "X" else "Y")
    with mkdocs_serve(project) as (url, server, log):
        wait_for_page(url + f"drills/{drill.id}/", old_name, server)
        # An edit that keeps the file's size and modification time (cp -p, rsync -a, touch -r).
        before = os.stat(drills)
        text = drills.read_text(encoding="utf-8")
        assert text.count(f"name: {old_name}\n") == 1
        drills.write_text(text.replace(f"name: {old_name}\n", f"name: {new_name}\n"), encoding="utf-8")
        os.utime(drills, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert os.stat(drills).st_size == before.st_size
        # The watcher cannot see that edit (it compares sizes and times); the next rebuild, for
        # an edit of a page, must still read the data as it is now.
        home = project / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")
        wait_for_page(url, "Edited while serving.", server)
        wait_for_page(url + f"drills/{drill.id}/", new_name, server)
        # An ordinary edit: the clinic's new name, on every page.
        clinic.write_text(
            clinic.read_text(encoding="utf-8").replace(f"name: {old_clinic}", "name: Riverside Physio"),
            encoding="utf-8",
        )
        wait_for_page(url, "Riverside Physio", server)
        for page in ("", f"drills/{drill.id}/", "drills/"):
            wait_for_page(url + page, "Riverside Physio", server)
            served = _get(url + page)
            assert old_clinic not in served, page
            assert old_name not in served.replace(new_name, ""), page
    assert "Traceback" not in log.read_text(encoding="utf-8")


def _get(url: str) -> str:
    import urllib.request

    return urllib.request.urlopen(url, timeout=5).read().decode()


def test_a_nested_build_on_the_same_config_has_its_own_state(tmp_path: Path) -> None:
    """As mkdocs-static-i18n builds a language: on_config again, inside the first build's on_post_build."""
    from build_state_helpers import theme
    from macros.state import build_state, end_build, start_build

    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        theme=theme(),
        site_url="https://example.org/",
        use_directory_urls=True,
        plugins={},  # no plugin: one language (hook_helpers/languages.py)
    )
    with pytest.raises(RuntimeError, match="no build state on this config"):
        build_state(config)
    content = content_model.load(ROOT / "data", shown_dir="data")
    outer = start_build(config, content)
    outer.mistakes.add("index.md", 3, "a mistake of the outer build")
    inner = start_build(config, content)  # the nested build's on_config
    assert build_state(config) is inner and inner is not outer
    assert not inner.mistakes and inner.held.token != outer.held.token
    assert build_state(copy.copy(config)) is inner  # mkdocs-macros keeps a shallow copy of the config
    end_build(config)  # the nested build's last on_post_build
    assert build_state(config) is outer and outer.mistakes  # the outer build's later handlers
    deep = copy.deepcopy(config)
    with pytest.raises(RuntimeError):
        build_state(deep)  # a deep-copied config is a new build's: it starts its own state
    end_build(config)
    with pytest.raises(RuntimeError):
        build_state(config)


def test_a_build_loads_the_data_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every hook and macro reads the content from the build's state: one load per build."""
    import content_model.loader as loader

    # Made before the environment below is set: warm=True may build the default site (conftest).
    project = make_project(tmp_path, warm=True)
    monkeypatch.setenv("HANDOUT_PDFS", "0")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    loads: list[Path] = []
    real_load = loader.load

    def counted(
        data_dir: object = "data", shown_dir: str | None = None, **options: Any
    ) -> content_model.Content:
        loads.append(Path(str(data_dir)))
        return real_load(data_dir, shown_dir, **options)

    monkeypatch.setattr(loader, "load", counted)
    build_in_process(project, tmp_path / "site")
    assert loads == [project / "data"]


CODE_FOLDERS = ("hooks", "macros", "hook_helpers", "local_site", "scripts")


def python_files() -> list[Path]:
    return sorted(p for folder in CODE_FOLDERS for p in (ROOT / folder).rglob("*.py"))


def test_no_code_edits_sys_path() -> None:
    """Hooks and scripts import installed packages (pyproject.toml); mkdocs-macros alone adds the project."""
    assert python_files()
    for file in python_files():
        assert "sys.path" not in file.read_text(encoding="utf-8"), file.relative_to(ROOT)


def test_our_templates_have_one_jinja_environment_derived_from_the_themes() -> None:
    """No hook or macro makes a Jinja environment of its own: macros/render.py overlays the theme's."""
    for file in python_files():
        text = file.read_text(encoding="utf-8")
        assert "Environment(" not in text, file.relative_to(ROOT)
        if file.name != "template_cache.py":  # the one place that sets up caching
            assert "BytecodeCache(" not in text, file.relative_to(ROOT)
    from build_state_helpers import templates

    environment = templates().environment
    assert "url" in environment.filters  # the theme's filters come with it
    assert environment.autoescape is True
    assert {"handout_sheet.html", "security_meta.html", "aria_label.html"} <= set(
        environment.list_templates()
    )
