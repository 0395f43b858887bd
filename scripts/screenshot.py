"""Screenshot built pages in headless Chromium, as a phone or a desktop shows them.

    python scripts/screenshot.py SITE_DIR OUT_DIR PAGE [PAGE ...]

PAGE is a site path such as "articles/hip-mobility-drills/". A local server on
127.0.0.1 serves SITE_DIR for the duration of the run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve  # noqa: E402


def main(site: str, out: str, pages: list[str]) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    with serve(Path(site)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for name, viewport in (("phone", {"width": 390, "height": 844}), ("desktop", {"width": 1280, "height": 900})):
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            for path in pages:
                page.goto(base + path)
                slug = path.strip("/").replace("/", "-") or "home"
                page.screenshot(path=f"{out}/{slug}-{name}.png", full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
