"""Reading printed handouts back: text per page (pypdf) and QR codes (pdftoppm + zxing-cpp)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader


def pdf_bytes(source: Path | bytes) -> bytes:
    return source.read_bytes() if isinstance(source, Path) else source


def page_texts(source: Path | bytes) -> list[str]:
    """The text of each page, with runs of whitespace made single spaces.

    A line that ends at a word's own hyphen ("push-" then "up", beside a drill's pictures)
    reads back as "push- up": it is joined again, as a reader reads it."""
    reader = PdfReader(io.BytesIO(pdf_bytes(source)))
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    return [re.sub(r"(?<=[a-z])- (?=[a-z])", "-", text) for text in texts]


def page_sizes(source: Path | bytes) -> list[tuple[float, float]]:
    """Width and height of each page, in points."""
    reader = PdfReader(io.BytesIO(pdf_bytes(source)))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def metadata(source: Path | bytes) -> dict[str, str]:
    reader = PdfReader(io.BytesIO(pdf_bytes(source)))
    return {key: str(value) for key, value in (reader.metadata or {}).items()}


def qr_codes(source: Path | bytes, dpi: int = 200) -> list[list[str]]:
    """Every QR code on each page, decoded: the PDF is rasterised by pdftoppm, read by zxing-cpp."""
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (sudo apt-get install poppler-utils)"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(pdf_bytes(source))
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(tmp) / "page")], check=True
        )
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        found = []
        for png in pages:
            with Image.open(png) as image:
                codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found.append([code.text for code in codes])
        return found
