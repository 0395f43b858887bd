"""QR codes are encoded once per address and reused by the next build from .cache/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import segno

from macros.qr_codes import QrCodes, encode

URL = "https://example.org/drills/spiderman/"


def test_codes_are_kept_between_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / ".cache" / "qr-codes.json"
    first = QrCodes()
    first.use_file(store)
    made = first.code(URL)
    assert made.size == 37 and made.path.startswith("M4 4.5h7")  # a version 5 code, 4 modules of quiet zone
    first.save()
    assert json.loads(store.read_text(encoding="utf-8"))["codes"][URL] == [made.size, made.path]

    def no_encoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored code should have been used")

    monkeypatch.setattr(segno, "make", no_encoding)
    second = QrCodes()
    second.use_file(store)
    assert second.code(URL) == made
    with pytest.raises(AssertionError):
        second.code("https://example.org/a-new-address/")


def test_a_stale_or_broken_cache_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "qr-codes.json"
    store.write_text(json.dumps({"version": "segno 0.0; other settings", "codes": {URL: [1, "M0 0.5h1"]}}))
    codes = QrCodes()
    codes.use_file(store)
    assert codes.code(URL) == encode(URL)
    store.write_text("{not json")
    broken = QrCodes()
    broken.use_file(store)
    assert broken.code(URL) == encode(URL)


def test_the_drawn_code_has_the_modules_segno_encodes() -> None:
    """Each run in the path is a run of dark modules in segno's matrix, and nothing else is drawn."""
    code = encode(URL)
    matrix = [list(row) for row in segno.make(URL, error="m", micro=False).matrix_iter(border=4)]
    drawn = [[False] * code.size for _ in range(code.size)]
    for run in code.path.removeprefix("M").split("M"):
        start, rest = run.split(" ")
        row, length = rest.split("h")
        for x in range(int(start), int(start) + int(length)):
            drawn[int(float(row))][x] = True
    assert drawn == [[bool(cell) for cell in row] for row in matrix]
