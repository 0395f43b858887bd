"""Take the README's screenshots of a built site in headless Chromium.

    python scripts/screenshot.py SITE_DIR OUT_DIR

Writes article.png (desktop, first screen) and drill-page-phone.png (a phone,
whole page) for the README, and screens/<page>-<width>-<scheme>.png: the first screen of
every page type (home, article, drill page, handout, drill index, builder, and a Spanish drill
page) on a phone (390 px) and a desktop
(1280 px), light and dark, for SCREENSHOTS.md. A server on 127.0.0.1 serves SITE_DIR while
it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from local_site import CHROMIUM_ARGS, CHROMIUM_PATH, serve

SHOTS = [
    # (file, page, viewport, whole page?)
    ("article.png", "articles/hip-mobility-drills/", {"width": 1280, "height": 1000}, False),
    ("drill-page-phone.png", "drills/spiderman/", {"width": 390, "height": 844}, True),
]


# Every page type, first screen, at a phone's and a desktop's width, in both colour schemes.
PAGE_TYPES = {
    "home": "",
    "article": "articles/hip-mobility-drills/",
    "drill": "drills/spiderman/",
    "handout": "handouts/hip-mobility/",
    "drill-index": "drills/",
    "builder": "handouts/builder/",
    "drill-es": "es/drills/spiderman/",
}
WIDTHS = {390: 844, 1280: 900}
SCHEMES = ("light", "dark")


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "screens").mkdir(exist_ok=True)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for name, path, viewport, whole in SHOTS:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(base + path)
            page.screenshot(path=str(out / name), full_page=whole)
            context.close()
        for kind, path in PAGE_TYPES.items():
            for width, height in WIDTHS.items():
                for scheme in SCHEMES:
                    viewport = {"width": width, "height": height}
                    context = browser.new_context(viewport=viewport, color_scheme=scheme)
                    page = context.new_page()
                    page.goto(base + path)
                    page.screenshot(path=str(out / "screens" / f"{kind}-{width}-{scheme}.png"))
                    context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
