"""hooks/search_figures.py: Material's search reads the figures without their drawing tags, and
every page gets its own drawings back; a page whose figures did not all come back is never written."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import Abort

import content_model
from conftest import ROOT, load_hook

FIGURE = '<svg viewBox="0 0 10 10"><title>Kneel on all fours</title><g><line x1="1" y1="2"/></g></svg>'
LIGHT = '<svg viewBox="0 0 10 10"><title>Kneel on all fours</title></svg>'  # what the search plugin reads


def _page_and_config(tmp_path: Path, content: str) -> tuple[SimpleNamespace, SimpleNamespace]:
    from build_state_helpers import theme
    from macros.state import start_build

    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        theme=theme(),
        site_url="https://example.org/",
        use_directory_urls=True,
    )
    start_build(config, content_model.load(ROOT / "data", shown_dir="data"))
    page = SimpleNamespace(content=content, file=SimpleNamespace(src_uri="drills/a.md"))
    return page, config


def test_search_reads_the_text_and_the_page_gets_its_drawings_back(tmp_path: Path) -> None:
    hook = load_hook("search_figures.py")
    page, config = _page_and_config(tmp_path, f"<p>Start</p>{FIGURE}<p>End</p>")
    hook._hold_drawings({}, page, config, None)
    assert page.content == f"<p>Start</p>{LIGHT}<p>End</p>"
    page.content = page.content.replace("<p>", "<p >")  # what the search plugin may leave of the rest
    hook._put_drawings_back({}, page, config, None)
    assert page.content == f"<p >Start</p>{FIGURE}<p >End</p>"


@pytest.mark.parametrize("change", ["dropped", "added"])
def test_a_figure_lost_or_added_by_search_stops_the_build(tmp_path: Path, change: str) -> None:
    hook = load_hook("search_figures.py")
    page, config = _page_and_config(tmp_path, f"<p>Start</p>{FIGURE}{FIGURE}")
    hook._hold_drawings({}, page, config, None)
    assert page.content == f"<p>Start</p>{LIGHT}{LIGHT}"
    page.content = page.content.replace(LIGHT, "", 1) if change == "dropped" else page.content + LIGHT
    with pytest.raises(
        Abort, match=r"drills/a\.md: 2 drawn figures went to the search index and [13] came back"
    ):
        hook._put_drawings_back({}, page, config, None)
