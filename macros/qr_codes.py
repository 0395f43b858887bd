"""QR codes, each address encoded once and kept between builds.

A code is a typed view (``QrCode``: its size in modules and the outline of its dark
modules); the template ``qr_code.html`` draws it as inline SVG with its text alternative,
which a screen reader reads and a tagged PDF keeps as the figure's /Alt.

Encoding a QR code (segno tries eight masks) costs more than the rest of a drill
page. Codes live in memory for the build (one ``QrCodes`` for the site's build, shared by
its languages' builds: macros/state.py, start_build; saved when it ends, end_build) and in
``.cache/qr-codes.json`` for the next one, keyed by
address and the segno version: a site of hundreds of drills encodes only the
codes of new addresses. The file keeps the codes the last build used, no
others (a build of one language alone keeps the other languages' too). Deleting it is always safe.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from content_model.content_cache import library_version
from hook_helpers.cache_files import write_atomically

_BORDER = 4  # modules of quiet zone around the code (the standard)
_SETTINGS = f"error=m border={_BORDER} rows of runs"  # part of the key: change it with encode()


@dataclass(frozen=True)
class QrCode:
    """One QR code: the input of the ``qr_code`` template.

    ``size`` is its width and height in modules, quiet zone included (the SVG's viewBox);
    ``path`` draws each run of dark modules in a row as a line one module thick, at the
    row's middle ("M4 4.5h7" is a run of 7 from column 4 of row 4).
    """

    size: int
    path: str


def encode(url: str) -> QrCode:
    """A QR code that opens url, encoded now: black modules on the white paper, no fixed size
    (the stylesheet sizes it)."""
    import segno  # noqa: PLC0415  (only when a code must really be made)

    made = segno.make(url, error="m", micro=False)
    runs = []
    for y, row in enumerate(made.matrix_iter(border=_BORDER)):
        x = 0
        cells = list(row)
        while x < len(cells):
            if not cells[x]:
                x += 1
                continue
            start = x
            while x < len(cells) and cells[x]:
                x += 1
            runs.append(f"M{start} {y}.5h{x - start}")
    size, _ = made.symbol_size(border=_BORDER)
    return QrCode(size, "".join(runs))


class QrCodes:
    def __init__(self) -> None:
        self._codes: dict[str, QrCode] = {}
        self._used: set[str] = set()
        self._file: Path | None = None
        self._changed = False

    @functools.cached_property
    def _version(self) -> str:
        """Part of the file's key; read when the file is, not for a build without QR codes."""
        return f"segno {library_version('segno')}; {_SETTINGS}"

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
                self._codes.update(
                    (url, QrCode(size, path))
                    for url, value in codes.items()
                    if isinstance(url, str)
                    and isinstance(value, list)
                    and len(value) == 2
                    and isinstance(size := value[0], int)
                    and isinstance(path := value[1], str)
                )

    def code(self, url: str) -> QrCode:
        """The QR code that opens url: from this build, the cache, or encoded now."""
        code = self._codes.get(url)
        if code is None:
            code = self._codes[url] = encode(url)
            self._changed = True
        self._used.add(url)
        return code

    def save(self, keep_unused: bool = False) -> None:
        """Write the codes used in this build to the file, atomically.

        A cache that cannot be written is skipped. Codes of addresses no longer used (a drill
        renamed or deleted) are left out, unless ``keep_unused``: a build that did not make every
        page (one language alone) cannot tell which are no longer used."""
        stale = set() if keep_unused else set(self._codes) - self._used
        if not ((self._changed or stale) and self._file):
            return
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            codes = {
                url: [code.size, code.path]
                for url, code in self._codes.items()
                if keep_unused or url in self._used
            }
            data = json.dumps({"version": self._version, "codes": codes}).encode("utf-8")
            write_atomically(self._file, data)
            self._changed = False
        except OSError:
            pass
