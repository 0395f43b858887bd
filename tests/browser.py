"""Shared helpers for browser tests: Debian's Chromium and a loopback static server (local_site)."""

from playwright.sync_api import Page

from local_site import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, serve

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_PATH", "emptied", "free_port", "is_new_document", "serve"]


def emptied(page: Page) -> Page:
    """A tab reused for the next test (conftest's module_context): on a blank page, with the screen's
    media, as a new tab starts, so that the next address it loads is a new document. Starting a tab's
    renderer is most of what a page load costs; loading in a started tab is not."""
    page.goto("about:blank")
    page.emulate_media(media="screen")
    return page


def is_new_document(page: Page) -> bool:
    """Whether the page shown was loaded from its address (not kept from before, nor taken from the
    back-forward cache)."""
    return page.evaluate("() => performance.getEntriesByType('navigation')[0].type") == "navigate"
