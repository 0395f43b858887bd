"""Emoji and text in other scripts are accepted, and they render: on the page, the handout and the PDF.

"Render" means drawn with a real glyph. Without an emoji font, Chromium and WeasyPrint
draw an empty box instead, in the text's own black, so the checks below look for the
emoji's colour in the picture, not only for the character in the text.
"""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser

from browser import serve
from conftest import ENGLISH_ONLY, Build, make_project, mkdocs_build
from pdf_tools import page_texts

TITLE = "Hips 💪 Über"  # an emoji and a Latin letter outside ASCII
DRILL_NAME = "Spiderman ❤️ Паук"  # an emoji with a variation selector (U+FE0F), and Cyrillic


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site with an emoji and other scripts in a program's title and a drill's name,
    in English only (BUILD_ONLY_LOCALE=en): every check below reads the English pages and PDFs, and
    a Spanish build would render the Spanish sheets with Spiderman again for nothing."""
    tmp = tmp_path_factory.mktemp("scripts")
    project = make_project(tmp, warm=True)
    programs = project / "data" / "programs.yml"
    text = programs.read_text(encoding="utf-8")
    assert "title: 6 hip mobility drills" in text, "the seed program's title changed: update this test"
    programs.write_text(
        text.replace("title: 6 hip mobility drills", f"title: {json.dumps(TITLE, ensure_ascii=False)}"),
        encoding="utf-8",
    )
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    assert "  name: Spiderman\n" in text, "the seed drill Spiderman changed: update this test"
    drills.write_text(
        text.replace("  name: Spiderman\n", f"  name: {json.dumps(DRILL_NAME, ensure_ascii=False)}\n"),
        encoding="utf-8",
    )
    build = mkdocs_build(project, tmp / "site", extra_env={"HANDOUT_PDFS": "1", **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    return build


def coloured_pixels(png: bytes) -> int:
    """Pixels whose colour is clearly not a grey (text and tick boxes are black or grey)."""
    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 80)


def test_the_text_reaches_pages_and_pdfs_unchanged(scripts_site: Build) -> None:
    assert scripts_site.html("handouts/hip-mobility/").h1.get_text(strip=True) == TITLE
    assert scripts_site.html("drills/spiderman/").h1.get_text(strip=True) == DRILL_NAME
    for pdf in ("hip-mobility.pdf", "hip-mobility-large-print.pdf"):
        text = "\n".join(page_texts(scripts_site.site / "handouts" / pdf))
        assert TITLE in text, pdf
        assert "Паук" in text, pdf


def test_emoji_are_drawn_in_colour_on_the_page(scripts_site: Build, chromium: Browser) -> None:
    with serve(scripts_site.site) as base:
        page = chromium.new_page(viewport={"width": 800, "height": 900})
        for path in ("handouts/hip-mobility/", "drills/spiderman/"):
            page.goto(base + path)
            heading = page.locator("h1").first
            assert coloured_pixels(heading.screenshot()) > 20, (
                f"{path}: the emoji in the heading is not drawn"
            )
        page.close()


def test_emoji_are_drawn_in_colour_in_the_pdf(scripts_site: Build, tmp_path: Path) -> None:
    pdf = scripts_site.site / "handouts" / "hip-mobility.pdf"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png)
    top = image.crop((0, 0, image.width, image.height // 8))  # the title line
    buffer = io.BytesIO()
    top.save(buffer, format="PNG")
    assert coloured_pixels(buffer.getvalue()) > 10, "the emoji in the PDF's title is not drawn"
