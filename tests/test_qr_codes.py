"""QR codes are encoded once per address and reused by the next build from .cache/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import segno

from macros.qr_codes import QrCodes

URL = "https://example.org/drills/spiderman/"


def test_codes_are_kept_between_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / ".cache" / "qr-codes.json"
    first = QrCodes()
    first.use_file(store)
    made = str(first.svg(URL))
    assert made.startswith("<svg") and 'class="qr-code"' in made
    first.save()
    assert json.loads(store.read_text(encoding="utf-8"))["codes"][URL] == made

    def no_encoding(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored code should have been used")

    monkeypatch.setattr(segno, "make", no_encoding)
    second = QrCodes()
    second.use_file(store)
    assert str(second.svg(URL)) == made
    with pytest.raises(AssertionError):
        second.svg("https://example.org/a-new-address/")


def test_a_stale_or_broken_cache_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "qr-codes.json"
    store.write_text(json.dumps({"version": "segno 0.0; other settings", "codes": {URL: "<svg>old</svg>"}}))
    codes = QrCodes()
    codes.use_file(store)
    assert str(codes.svg(URL)) != "<svg>old</svg>"
    store.write_text("{not json")
    broken = QrCodes()
    broken.use_file(store)
    assert str(broken.svg(URL)).startswith("<svg")

