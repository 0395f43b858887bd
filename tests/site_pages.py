"""Every page of a built site, found from its files: pages added later are checked automatically."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def page_paths(site: Path) -> list[str]:
    """Each HTML page as a path from the site root, as a browser asks for it.

    ``index.html`` -> ``""``, ``drills/spiderman/index.html`` -> ``"drills/spiderman/"``,
    ``404.html`` stays ``"404.html"``.
    """
    paths = []
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        paths.append(relative.removesuffix("index.html") if file.name == "index.html" else relative)
    assert paths, f"no HTML pages in {site}"
    return paths


def page_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


_PARSED: dict[Path, BeautifulSoup] = {}


def parsed_once(site: Path, path: str) -> BeautifulSoup:
    """A built page (``path`` as in ``page_file``), parsed once per test module, for modules whose
    tests read the same pages; conftest forgets them after each module. Read only: a test that
    changes a page parses its own copy."""
    file = page_file(site, path)
    if file not in _PARSED:
        _PARSED[file] = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return _PARSED[file]


def forget_parsed() -> None:
    _PARSED.clear()
