"""Draw every drill's pictures with the site's own figure macro and stylesheet, and photograph them.

    python scripts/contact_sheet.py                    # assets/readme/drill-figures.png
    python scripts/contact_sheet.py --singles DIR      # also each figure alone, 120 px and 3 cm

The contact sheet shows each drill's name and its pictures with their captions, as
macros/templates/figure.html draws them on a drill page (the same FigureView, the same
docs/stylesheets/site.css). ``--singles`` writes each figure at the width a phone gives it
(120 px) and at 3 cm printed at 300 dots per inch, cut to the body as the site cuts the
pictures it shows at those sizes (a thumbnail, a printed sheet's pictures), to check that every
one reads at those sizes. Headless Chromium takes the pictures (local_site); nothing is fetched
from elsewhere.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

import content_model
from local_site import CHROMIUM_ARGS, CHROMIUM_PATH, serve
from macros.figures import THUMB_ASPECT, cropped, drill_figures, paper_figures
from macros.render import TEMPLATES, Templates

ROOT = Path(__file__).resolve().parent.parent
PRINT_SCALE = 300 / 96  # 300 dots per inch, in CSS pixels (96 to the inch)


# How each page cuts a drill's pictures: as the drill page shows them, as a 120 px thumbnail shows
# them (every picture, in one frame), as a printed sheet shows them (the start and the end).
CUTS = {
    "sheet": drill_figures,
    "phone": lambda drill: cropped(drill_figures(drill), THUMB_ASPECT),
    "print": lambda drill: paper_figures(drill_figures(drill)),
}


def _page(body_class: str, cut: str = "sheet") -> str:
    # The build's own environment (made from the theme's, as macros/render.py makes it), with this
    # script's page template beside the figure macros it draws with.
    config = load_config(str(ROOT / "mkdocs.yml"))
    templates = Templates(config.theme.get_env())
    env = templates.environment.overlay(
        loader=jinja2.FileSystemLoader([ROOT / "scripts" / "templates", TEMPLATES])
    )
    content = content_model.load(ROOT / "data")
    rows = [
        {"id": drill.id, "name": drill.name, "figures": CUTS[cut](drill)}
        for drill in content.drills
        if drill.pictures
    ]
    return env.get_template("contact_sheet.html").render(rows=rows, body_class=body_class)


def main(out: Path, singles: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "docs" / "stylesheets" / "site.css", folder / "site.css")
        shutil.copy(ROOT / "scripts" / "templates" / "contact_sheet.css", folder / "contact_sheet.css")
        (folder / "sheet.html").write_text(_page(""), encoding="utf-8")
        (folder / "phone.html").write_text(_page("single single-phone", "phone"), encoding="utf-8")
        (folder / "print.html").write_text(_page("single single-print", "print"), encoding="utf-8")
        with serve(folder) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 600})
            page.goto(base + "sheet.html")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.locator("body > .md-typeset").screenshot(path=str(out))
            print(f"wrote {out}")
            if singles is not None:
                singles.mkdir(parents=True, exist_ok=True)
                for size, scale in (("phone", 1.0), ("print", PRINT_SCALE)):
                    context = browser.new_context(
                        viewport={"width": 400, "height": 600}, device_scale_factor=scale
                    )
                    single = context.new_page()
                    single.goto(f"{base}{size}.html")
                    for row in single.locator(".sheet-row").all():
                        name = row.locator(".sheet-row__name").inner_text()
                        for index, figure in enumerate(row.locator(".drill-figure").all()):
                            path = singles / f"{_slug(name)}-{index}-{size}.png"
                            figure.screenshot(path=str(path))
                    context.close()
                print(f"wrote each figure alone into {singles}")
            browser.close()


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "readme" / "drill-figures.png")
    parser.add_argument("--singles", type=Path, help="also write each figure alone, at 120 px and 3 cm")
    main(parser.parse_args().out, parser.parse_args().singles)
