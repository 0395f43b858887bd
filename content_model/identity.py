"""The clinic's look and safety facts: brand colour contrast, emergency numbers, the logo file.

Pure checks on values from ``data/clinic.yml`` (no MkDocs): the model (``models.Clinic``) and
the loader call them and turn what they find into ``file:line`` errors.

* **Brand colour.** The site uses the clinic's ``brand_color`` as the header's and the
  buttons' background under white text, and as the colour of links and headings' accents
  on white (pages in the light scheme, printed sheets). Both are the same pair of colours,
  brand and white, so one contrast ratio decides: WCAG 2.2 AA asks 4.5:1 for text. A colour
  that fails is refused with the nearest shade of the same hue that passes
  (:func:`nearest_passing_shade`). The dark scheme's link colour is derived from it
  (:func:`light_variant`), never typed in a second place.
* **Emergency numbers.** ``phonenumbers`` has no table of emergency numbers, so the numbers we
  accept for each country we support are listed here (:data:`EMERGENCY_NUMBERS`), from each
  country's own public health service. A clinic in another country is told to add its row.
* **Logo.** An SVG or a PNG file in ``data/``. An SVG is parsed as XML with no DTD, and refused
  if it holds a script, an event attribute, a ``foreignObject`` or a reference to anything
  outside itself (:func:`logo_problem`).
"""

from __future__ import annotations

import colorsys
import re
import struct
import xml.etree.ElementTree as ElementTree
from pathlib import Path

WHITE = "#ffffff"
# The colour a clinic gets until it sets brand_color: a dark teal (7.0:1 with white).
DEFAULT_BRAND_COLOR = "#00695c"
AA_TEXT = 4.5  # WCAG 2.2 AA, normal text
# Material's dark ("slate") page background, on which the dark scheme's links are read.
SLATE_BACKGROUND = "#1e2129"
HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

# Country (ISO 3166 code, as in clinic.yml `country`) -> emergency numbers a patient may be told
# to call. The first is the one shown by default. Sources: each country's national health or
# emergency service (911.gov, NHS 111/999, HSE, healthdirect, 111.govt.nz, 112.eu).
EMERGENCY_NUMBERS: dict[str, tuple[str, ...]] = {
    "US": ("911",),
    "CA": ("911",),
    "GB": ("999", "112"),
    "IE": ("112", "999"),
    "AU": ("000", "112"),
    "NZ": ("111",),
    "DE": ("112",),
    "FR": ("112", "15"),
    "NL": ("112",),
    "ES": ("112",),
    "IT": ("112", "118"),
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """Relative luminance (WCAG 2.2) of a #rrggbb colour."""
    r, g, b = (_channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hex(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in (r, g, b))


def _with_lightness(color: str, lightness: float) -> str:
    h, _l, s = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(color)))
    return _hex(*colorsys.hls_to_rgb(h, lightness, s))


def _search_lightness(color: str, passes, darker: bool) -> str | None:
    """The shade of color nearest to it in lightness (same hue and saturation) for which passes()."""
    _h, start, _s = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(color)))
    steps = 1000
    for step in range(steps + 1):
        lightness = start - step / steps if darker else start + step / steps
        if not 0 <= lightness <= 1:
            break
        shade = _with_lightness(color, lightness)
        if passes(shade):
            return shade
    return None


def nearest_passing_shade(color: str) -> str:
    """The nearest darker shade of color that white text on it (and it on white) passes AA."""
    shade = _search_lightness(color.lower(), lambda c: contrast(c, WHITE) >= AA_TEXT, darker=True)
    return shade or "#000000"


def light_variant(color: str, background: str = SLATE_BACKGROUND) -> str:
    """The brand colour lightened until it reads as link text on the dark scheme's background."""
    shade = _search_lightness(color.lower(), lambda c: contrast(c, background) >= AA_TEXT, darker=False)
    return shade or WHITE


def dark_variant(color: str) -> str:
    """A darker shade of the brand, for hover and pressed states."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in _rgb(color.lower())))
    return _hex(*colorsys.hls_to_rgb(h, lightness * 0.75, s))


def brand_color_problem(value: str) -> str | None:
    """Why a brand colour cannot be used, with the fix; None when it passes."""
    if not HEX_COLOR.fullmatch(value):
        return (
            f'must be a colour written as # and six hexadecimal digits, in quotes, like "#00695c" '
            f"(got {value!r})"
        )
    ratio = contrast(value, WHITE)
    if ratio >= AA_TEXT:
        return None
    shade = nearest_passing_shade(value)
    return (
        f"{value} is too light: white text on it (the header, the Call buttons) and links in it on "
        f"white pages have a contrast of {ratio:.1f}:1, and WCAG AA needs {AA_TEXT}:1. "
        f"The nearest shade that passes is {shade} ({contrast(shade, WHITE):.1f}:1): "
        f'write brand_color: "{shade}"'
    )


def emergency_number_problem(number: str, country: str) -> str | None:
    """Why number is not an emergency number of country, with the fix; None when it is."""
    known = EMERGENCY_NUMBERS.get(country)
    if known is None:
        supported = ", ".join(EMERGENCY_NUMBERS)
        return (
            f"there is no emergency number on record for country {country}: the build knows those of "
            f"{supported}. Add your country's row to EMERGENCY_NUMBERS in content_model/identity.py "
            "(with its source), or ask the project to"
        )
    if number not in known:
        return (
            f"{number!r} is not an emergency number in {country} (country in this file): "
            f'write emergency_number: "{known[0]}"'
            + (f" (or {', '.join(known[1:])})" if len(known) > 1 else "")
        )
    return None


# --- The logo file --------------------------------------------------------------------------

LOGO_SUFFIXES = (".svg", ".png")
LOGO_MOST_BYTES = 200_000  # a logo is shown small; a bigger file slows every page
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed another document or pull in other files.
_REFUSED_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler"}
_URL_IN_CSS = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_IMPORT_IN_CSS = re.compile(r"@import", re.IGNORECASE)


def _local_name(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problem(data: bytes) -> str | None:
    """What makes an SVG logo unsafe or unreadable, or None."""
    head = data[:4096].lower()
    if b"<!doctype" in data.lower() or b"<!entity" in head:
        return "holds a DTD (<!DOCTYPE or <!ENTITY): save the SVG without one (plain SVG needs none)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return f"is not readable as XML ({error}): export it again as plain SVG"
    if root.tag != f"{_SVG}svg":
        return "is not an SVG image (its first element is not <svg> in the SVG namespace)"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = _local_name(element.tag)
        if name in _REFUSED_ELEMENTS:
            return (
                f"holds a <{name}> element, which can run code or show another document: "
                "export the logo again as plain shapes, without scripts or embedded content"
            )
        for attribute, value in element.attrib.items():
            local = _local_name(attribute)
            if local.startswith("on"):
                return (
                    f"has an event attribute ({local}=) on <{name}>, which runs code: "
                    "remove it, or export the logo again as plain shapes"
                )
            if (local == "href" or attribute == _XLINK_HREF) and not value.strip().startswith("#"):
                return (
                    f'refers to something outside itself (<{name} {local}="{value[:60]}">): '
                    "a logo must hold all its shapes; embed or draw them instead"
                )
            if local == "style" and (_URL_IN_CSS.search(value) or _IMPORT_IN_CSS.search(value)):
                return f"has a style on <{name}> that loads another file (url(...)): remove it"
        if (
            name == "style"
            and element.text
            and (_URL_IN_CSS.search(element.text) or _IMPORT_IN_CSS.search(element.text))
        ):
            return "has a <style> that loads another file (url(...) or @import): remove it"
    return None


def png_problem(data: bytes) -> str | None:
    """What makes a PNG logo unreadable, or None."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return "is not a PNG image (its first bytes are not a PNG's): export it again as PNG, or use SVG"
    width, height = struct.unpack(">II", data[16:24])
    if not (16 <= width <= 2048 and 16 <= height <= 2048):
        return f"is {width} x {height} pixels: a logo should be 16 to 2048 pixels on each side"
    return None


_LOGO_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def logo_name_problem(name: str) -> str | None:
    """Why a logo's file name cannot be used (the model checks it; the file is checked on loading)."""
    if Path(name).suffix.lower() not in LOGO_SUFFIXES:
        return f"must be an .svg or a .png file (got {name!r}): export your logo as SVG or PNG"
    if not _LOGO_NAME.fullmatch(name) or ".." in name:
        return (
            f"must be a file name inside data/, like logo.svg, of letters, digits, '-', '_' and '.' "
            f"(got {name!r})"
        )
    return None


def logo_problem(data_dir: Path, name: str) -> str | None:
    """Why the logo file named in clinic.yml cannot be used, with the fix; None when it can."""
    shown = f"{data_dir.name}/{name}"
    problem = logo_name_problem(name)
    if problem:
        return problem
    path = data_dir / name
    if not path.is_file():
        return f"there is no file {shown}: put your logo there, or correct the name"
    data = path.read_bytes()
    if len(data) > LOGO_MOST_BYTES:
        return (
            f"{shown} is {len(data) // 1000} kB, more than {LOGO_MOST_BYTES // 1000} kB: "
            "every page loads it; export a smaller one (SVG, or PNG at most 512 pixels wide)"
        )
    problem = svg_problem(data) if path.suffix.lower() == ".svg" else png_problem(data)
    return f"{shown} {problem}" if problem else None
