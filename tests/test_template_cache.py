"""Compiled templates are kept in .cache/jinja/ between builds, and an edited template is compiled afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import NO_PDFS, make_project, mkdocs_build


def test_an_edited_template_shows_on_the_next_build(tmp_path: Path) -> None:
    # The default site's .cache/ (warm: its pictures and QR codes are not made again) without its
    # compiled templates, which this test counts: the first build makes them.
    project = make_project(tmp_path, warm=True)
    shutil.rmtree(project / ".cache" / "jinja")
    first = mkdocs_build(project, tmp_path / "first", NO_PDFS)
    assert first.returncode == 0, first.output
    cached = sorted((project / ".cache" / "jinja").iterdir())
    assert len(cached) >= 20  # Material's templates, our overrides and our macro templates
    assert "cache-probe" not in first.html("").decode()

    # Edit one theme override and one macro template; the cache must not serve the old versions.
    main = project / "overrides" / "main.html"
    main.write_text(
        main.read_text(encoding="utf-8").replace(
            "{% block content %}", '{% block content %}<p class="cache-probe">theme edited</p>', 1
        ),
        encoding="utf-8",
    )
    disclaimer = project / "macros" / "templates" / "disclaimer.html"
    disclaimer.write_text(
        disclaimer.read_text(encoding="utf-8").replace('{{ t["disclaimer.label"] }}', "Cache probe:"),
        encoding="utf-8",
    )
    second = mkdocs_build(project, tmp_path / "second", NO_PDFS)
    assert second.returncode == 0, second.output
    page = second.html("drills/spiderman/")
    assert page.select_one("p.cache-probe").get_text() == "theme edited"
    assert page.select_one("p.disclaimer strong").get_text() == "Cache probe:"
