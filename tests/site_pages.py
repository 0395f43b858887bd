"""Every page of a built site, found from its files: pages added later are checked automatically."""

from __future__ import annotations

from pathlib import Path


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
