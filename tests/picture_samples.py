"""Pictures for the tests, made with Pillow: a phone photo with GPS tags, drawings, and what is refused.

Also a reader of image metadata that does not trust Pillow: it walks a JPEG's
segments, a PNG's chunks and a WebP's chunks itself, so a test can say that a
file carries no EXIF, XMP or text at all.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
CAMERA_MAKER = "TestPhoneMaker"  # written into the photo's EXIF: must not reach the site
RED = (220, 30, 30)


def phone_photo(size: tuple[int, int] = (1600, 1200), orientation: int = 6, gps: bool = True) -> bytes:
    """A JPEG as a phone saves it: taken sideways (EXIF orientation 6: turn it a quarter to the right
    to show it), with the camera's maker and where it was taken (GPS). The stored top-left corner
    is red, so a test can see where it went."""
    image = Image.new("RGB", size, (90, 140, 200))
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, size[0] // 5, size[1] // 5], fill=RED)
    pen.ellipse([size[0] // 3, size[1] // 3, size[0] // 2, size[1] // 2], fill=(250, 250, 250))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = CAMERA_MAKER
    if gps:
        where = exif.get_ifd(GPS_IFD)
        where.update({1: "N", 2: (41.0, 39.0, 21.5), 3: "W", 4: (91.0, 31.0, 48.2)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def line_drawing(size: tuple[int, int] = (900, 700)) -> bytes:
    """A PNG drawing: black lines on a transparent background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.line([(100, 600), (800, 600)], fill=(0, 0, 0, 255), width=8)
    pen.ellipse([400, 100, 500, 200], fill=(0, 0, 0, 255))
    pen.line([(450, 200), (450, 450), (350, 600)], fill=(0, 0, 0, 255), width=12)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def raster(size: tuple[int, int], file_format: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 200, 200)).save(out, file_format)
    return out.getvalue()


SAFE_SVG = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- Drawn by hand in an editor; this comment must not be published. -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     viewBox="0 0 400 300" inkscape:export-filename="/home/jane/Desktop/secret-name.png">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">Jane Doe</rdf:RDF></metadata>
  <defs><path id="leg" d="M 0 0 L 40 80"/></defs>
  <style>.body { stroke: #000; stroke-width: 6; fill: none; }</style>
  <line class="body" x1="20" y1="280" x2="380" y2="280"/>
  <circle cx="200" cy="60" r="24"/>
  <use xlink:href="#leg" x="200" y="120" fill="url(#none)"/>
  <text x="20" y="30">Start &amp; end</text>
</svg>
"""


def svg(inside: str, root_attributes: str = "", prolog: str = "") -> str:
    return (
        f'{prolog}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 400 300"{root_attributes}>{inside}</svg>\n'
    )


# An SVG the site must refuse, and what the message says about it.
HOSTILE_SVGS = {
    "script": (svg("<script>alert(1)</script>"), "a <script> element"),
    "event-attribute": (svg("", ' onload="alert(1)"'), "an event attribute (onload=)"),
    "foreign-object": (svg("<foreignObject><p>hi</p></foreignObject>"), "a <foreignObject> element"),
    "external-image": (
        svg('<image href="https://tracker.example/p.png"/>'),
        "a link to 'https://tracker.example/p.png'",
    ),
    "other-file": (svg('<use xlink:href="other.svg#leg"/>'), "a link to 'other.svg#leg'"),
    "data-uri": (
        svg('<image href="data:image/jpeg;base64,AAAA"/>'),
        "a link to 'data:image/jpeg;base64,AAAA'",
    ),
    "css-import": (svg("<style>@import url(https://fonts.example/a.css);</style>"), "an @import"),
    "css-url": (svg('<rect width="9" height="9" style="fill: url(http://example.org/x.svg#p)"/>'), "a url("),
    "xml-base": (svg('<use href="#leg" xml:base="https://example.org/"/>'), "an xml:base"),
    "css-escape": (svg("<style>rect { fill: \\75 rl(https://example.org/x.svg#p); }</style>"), "a backslash"),
    "animated-link": (
        svg('<a href="#top"><set attributeName="href" to="https://example.org/"/></a>'),
        "an animation that changes a link",
    ),
    "style-sheet-instruction": (
        svg("", prolog='<?xml-stylesheet href="https://example.org/a.css"?>'),
        "a style sheet instruction",
    ),
    "entities": (
        svg("<text>&lol2;</text>", prolog='<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'),
        "a DTD",
    ),
    "external-entity": (
        svg("<text>&x;</text>", prolog='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
        "a DTD",
    ),
    "not-svg": ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not an <svg> element"),
}


def metadata_blocks(data: bytes) -> list[str]:
    """The names of the metadata blocks in a JPEG, PNG or WebP file, read from its structure:
    JPEG APP1 (Exif, XMP) and APP13 segments; PNG eXIf, tEXt, iTXt, zTXt chunks; WebP EXIF, XMP chunks."""
    found: list[str] = []
    if data[:2] == b"\xff\xd8":  # JPEG: segments up to the start of the image data
        at = 2
        while at + 4 <= len(data) and data[at] == 0xFF:
            marker = data[at + 1]
            if marker == 0xDA:  # start of scan: the metadata segments are all before it
                break
            length = struct.unpack(">H", data[at + 2 : at + 4])[0]
            body = data[at + 4 : at + 2 + length]
            if marker == 0xE1:
                found.append(
                    "Exif" if body.startswith(b"Exif\0") else "XMP" if b"xap/1.0" in body[:40] else "APP1"
                )
            elif marker == 0xED:
                found.append("APP13")
            at += 2 + length
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        at = 8
        while at + 8 <= len(data):
            length, kind = struct.unpack(">I4s", data[at : at + 8])
            if kind in (b"eXIf", b"tEXt", b"iTXt", b"zTXt"):
                found.append(kind.decode("ascii"))
            at += 12 + length
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        at = 12
        while at + 8 <= len(data):
            kind, length = struct.unpack("<4sI", data[at : at + 8])
            if kind in (b"EXIF", b"XMP "):
                found.append(kind.decode("ascii").strip())
            at += 8 + length + (length & 1)
    else:
        raise AssertionError(f"not a JPEG, PNG or WebP file: {data[:12]!r}")
    return found


def write_pictures(folder: Path, pictures: dict[str, bytes | str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in pictures.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
