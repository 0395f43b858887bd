"""QR codes as inline SVG, each address encoded once and kept between builds.

Encoding a QR code (segno tries eight masks) costs more than the rest of a drill
page. Codes live in memory for the build (one ``QrCodes`` in each build's state,
macros/state.py) and in ``.cache/qr-codes.json`` for the next one, keyed by
address and the segno version: a site of hundreds of drills encodes only the
codes of new addresses. The file keeps the codes the last build used, no
others. Deleting it is always safe.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path

from markupsafe import Markup

_SETTINGS = "error=m border=4 dark=#000 class=qr-code"  # part of the key: change it with the call below


def encode(url: str) -> Markup:
    """A QR code that opens url, as inline SVG, encoded now.

    Black modules on the white paper, a 4-module quiet zone (the standard), and
    no fixed size: the stylesheet sizes it.
    """
    import segno  # noqa: PLC0415  (only when a code must really be made)

    made = segno.make(url, error="m", micro=False)
    # segno writes the SVG itself; nothing in it comes from page text.
    return Markup(made.svg_inline(omitsize=True, border=4, dark="#000", svgclass="qr-code", lineclass=None))


class QrCodes:
    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._used: set[str] = set()
        self._file: Path | None = None
        self._changed = False
        self._version = f"segno {importlib.metadata.version('segno')}; {_SETTINGS}"

    def use_file(self, path: Path) -> None:
        """Read earlier codes from path (once per file) and save new ones there."""
        if self._file == path:
            return
        self._file = path
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(stored, dict) and stored.get("version") == self._version:
            codes = stored.get("codes")
            if isinstance(codes, dict):
                valid = {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, str)}
                self._codes.update(valid)

    def svg(self, url: str) -> Markup:
        code = self._codes.get(url)
        if code is None:
            code = self._codes[url] = str(encode(url))
            self._changed = True
        self._used.add(url)
        return Markup(code)

    def save(self) -> None:
        """Write the codes used in this build to the file, atomically.

        A cache that cannot be written is skipped. Codes of addresses no longer used (a drill
        renamed or deleted) are left out."""
        stale = set(self._codes) - self._used
        if not ((self._changed or stale) and self._file):
            return
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            partial = self._file.with_suffix(f".{os.getpid()}.tmp")
            codes = {url: code for url, code in self._codes.items() if url in self._used}
            partial.write_text(json.dumps({"version": self._version, "codes": codes}), encoding="utf-8")
            partial.replace(self._file)
            self._changed = False
        except OSError:
            pass

