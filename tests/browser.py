"""Shared helpers for browser tests: Debian's Chromium and a loopback static server (local_site)."""

from local_site import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, serve

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_PATH", "free_port", "serve"]
