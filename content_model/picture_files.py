"""The pictures a clinic supplies as files: each one checked before anything is built.

A drill's picture may be a file (``file: pictures/bridge-start.jpg``) instead of a
figure drawn from a pose. The path itself is checked by the model
(content_model/models.py: inside the top-level ``pictures/`` folder, an accepted
extension); here the file is opened and checked, and what the build needs to know
about it is returned (:class:`PictureFileInfo`): its content hash, format and
size after the camera's orientation is applied.

Refused, each with the data line of its ``file:`` key and the fix:

* a file that is missing, or that leaves ``pictures/`` through a link;
* a file whose content is not what its name says, or no picture at all;
* a raster picture smaller than :data:`MIN_LONG_SIDE` pixels on its long side
  (too small to print clearly), or larger than :data:`MAX_PIXELS`;
* an SVG drawing that could run code or fetch anything: a DTD or entity, a
  script, an event attribute (``onload=``), a ``foreignObject``, a link to
  anything outside the drawing itself (``href`` other than ``#id``, ``url(...)``
  other than ``url(#id)``, ``@import``), a style sheet processing instruction.
  The SVG is read with expat, which is told to stop at a DTD before it can
  declare any entity.

Pillow reads only a raster file's header here (its size and EXIF orientation);
the pixels are decoded by the build (macros/picture_files.py), which also strips
EXIF and GPS data.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .content_cache import library_version
from .models import ACCEPTED_FORMATS, PICTURE_FORMATS, PICTURES_FOLDER

MIN_LONG_SIDE = 600  # pixels: about 5 cm wide printed at 300 dots per inch, or 2.5 cm at 600
MAX_PIXELS = 60_000_000  # a 60-megapixel photo: larger ones are refused before they are decoded
MAX_BYTES = 40_000_000
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
# Elements that run code or embed another document.
_SVG_REFUSED_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import", re.IGNORECASE)
_SVG_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*")
# Orientations (EXIF tag 274) that swap width and height: the picture was taken sideways.
_SIDEWAYS = {5, 6, 7, 8}


class PictureFileProblem(ValueError):
    """What is wrong with a picture file, and the fix, in words for clinic staff."""


@dataclass(frozen=True)
class PictureFileInfo:
    path: str  # as the data writes it, e.g. pictures/bridge-start.jpg
    file: Path  # where it is on disk
    sha256: str  # of the file's bytes: the build's cache key
    format: str  # "JPEG", "PNG", "WEBP" or "SVG"
    width: int  # pixels, upright (after the EXIF orientation); for SVG, its viewBox's proportions
    height: int
    has_alpha: bool = False  # a raster with transparency


class CheckedPictures:
    """Raster pictures that passed the check in an earlier build, kept in a JSON file of the project's
    ``.cache/`` so that an unchanged picture is not opened with Pillow again (importing Pillow alone
    costs a build's start-up about 0.04 s).

    Each is kept under a key of everything its check depends on: the file's bytes (their SHA-256,
    computed anyway), the format its name says, the limits, this module's code and Pillow's
    version; what is kept is what the check found (format, size, transparency). A picture that
    is refused is never kept, so it is checked again and named with its data line in every build.
    Deleting the file is always safe.
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        self._changed = False
        self._checker = ""  # this module's code and Pillow's version, read when first needed
        try:
            self._found: dict[str, list[Any]] = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._found = {}

    def _key(self, digest: str, expected: str) -> str:
        if not self._checker:
            code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
            self._checker = f"{code} pillow {library_version('pillow')}"
        return f"{digest} {expected} {MIN_LONG_SIDE} {MAX_PIXELS} {self._checker}"

    def get(self, path: str, file: Path, digest: str, expected: str) -> PictureFileInfo | None:
        found = self._found.get(self._key(digest, expected))
        if not isinstance(found, list) or len(found) != 4:
            return None
        picture_format, width, height, has_alpha = found
        return PictureFileInfo(path, file, digest, picture_format, width, height, has_alpha)

    def add(self, info: PictureFileInfo, expected: str) -> None:
        self._found[self._key(info.sha256, expected)] = [info.format, info.width, info.height, info.has_alpha]
        self._changed = True

    def save(self) -> None:
        """Write the file if a picture was checked now (atomically: another build may read it)."""
        if not self._changed:
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(self._found, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.file)
        self._changed = False


def check_picture_file(project: Path, path: str, checked: CheckedPictures | None = None) -> PictureFileInfo:
    """The file at ``path`` (relative to the project folder), checked; PictureFileProblem if refused.
    ``checked``: the raster pictures earlier builds found good, taken as they were found."""
    folder = (project / PICTURES_FOLDER).resolve()
    file = project / path
    if not file.is_file():
        near = sorted(p.name for p in file.parent.glob("*") if p.is_file()) if file.parent.is_dir() else []
        known = f" The folder holds: {', '.join(near[:8])}." if near else ""
        raise PictureFileProblem(
            f"{path} does not exist: put the file in the {PICTURES_FOLDER}/ folder at the top of the "
            f"project (beside data/), or fix the name here (letter case counts).{known}"
        )
    if not file.resolve().is_relative_to(folder):
        raise PictureFileProblem(
            f"{path} is a link to a file outside the {PICTURES_FOLDER}/ folder: copy the picture itself "
            f"into {PICTURES_FOLDER}/"
        )
    data = file.read_bytes()
    if len(data) > MAX_BYTES:
        raise PictureFileProblem(
            f"{path} is {len(data) // 1_000_000} MB, more than the {MAX_BYTES // 1_000_000} MB the site "
            "takes: save a smaller copy (2000 pixels on the long side is plenty)"
        )
    digest = hashlib.sha256(data).hexdigest()
    expected = PICTURE_FORMATS[file.suffix.lower()]
    if expected == "SVG":
        width, height = _check_svg(path, data)
        return PictureFileInfo(path, file, digest, "SVG", width, height)
    if checked is not None and (known := checked.get(path, file, digest, expected)) is not None:
        return known
    info = _check_raster(path, file, digest, expected)
    if checked is not None:
        checked.add(info, expected)
    return info


def _check_raster(path: str, file: Path, digest: str, expected: str) -> PictureFileInfo:
    # Imported here: only a site with picture files needs Pillow to load its content.
    from PIL import Image, UnidentifiedImageError  # noqa: PLC0415

    try:
        with Image.open(file) as image:  # reads the header only
            found, (width, height) = image.format, image.size
            orientation = image.getexif().get(274, 1)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PictureFileProblem(
            f"{path} is not a picture the site can read (damaged, or not a {expected} file inside): "
            f"open it and save it again as {ACCEPTED_FORMATS}"
        ) from None
    shown = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
    if found not in shown:
        raise PictureFileProblem(
            f"{path} is a {found} file, a format the site does not take: save it as {ACCEPTED_FORMATS}"
        )
    if shown[found] != expected:
        raise PictureFileProblem(
            f"{path} is named like a {expected} file but is a {shown[found]} file: rename it to end in "
            f".{found.lower().replace('jpeg', 'jpg')}, or save it again as {expected}"
        )
    if width * height > MAX_PIXELS:
        raise PictureFileProblem(
            f"{path} is {width} x {height} pixels, more than the {MAX_PIXELS // 1_000_000} megapixels the "
            "site takes: save a smaller copy (2000 pixels on the long side is plenty)"
        )
    if max(width, height) < MIN_LONG_SIDE:
        raise PictureFileProblem(
            f"{path} is {width} x {height} pixels, too small to print clearly: use a picture at least "
            f"{MIN_LONG_SIDE} pixels on its long side (a phone photo is much larger; do not enlarge a "
            "small one, take it again)"
        )
    if orientation in _SIDEWAYS:
        width, height = height, width
    return PictureFileInfo(path, file, digest, found, width, height, has_alpha)


class _SvgRefused(Exception):
    pass


def _check_svg(path: str, data: bytes) -> tuple[int, int]:
    """The drawing's proportions (as a width of 960 and the height that goes with it), if it is safe."""
    found: list[str] = []
    root: dict[str, str] = {}
    style_depth = [0]

    def refuse(what: str) -> None:
        found.append(what)
        raise _SvgRefused(what)

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not root:
            if (namespace, local) != (SVG_NAMESPACE, "svg"):
                refuse("its first element is not an <svg> element in the SVG namespace")
            root.update(attributes)
            root["\0seen"] = "1"
        if local in _SVG_REFUSED_ELEMENTS:
            refuse(f"a <{local}> element")
        if local == "style":
            style_depth[0] += 1
        for attribute, value in attributes.items():
            attribute_local = attribute.rpartition(" ")[2]
            if attribute_local.lower().startswith("on"):
                refuse(f"an event attribute ({attribute_local}=), which runs code")
            if attribute_local == "href" and not value.strip().startswith("#"):
                refuse(f"a link to {value.strip()[:60]!r} (only links to its own parts, #id, are allowed)")
            if attribute_local == "attributeName" and value.rpartition(":")[2] == "href":
                refuse("an animation that changes a link")
            if attribute == "http://www.w3.org/XML/1998/namespace base":
                refuse("an xml:base, which makes its links point elsewhere")
            if attribute_local == "style" or "(" in value:
                _check_css(value, refuse)

    def end(name: str) -> None:
        if name.rpartition(" ")[2] == "style":
            style_depth[0] -= 1

    def text(value: str) -> None:
        if style_depth[0]:
            _check_css(value, refuse)

    def processing_instruction(target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            refuse("a style sheet instruction (<?xml-stylesheet?>), which loads another file")

    def doctype(*_args: object) -> None:
        refuse("a DTD (<!DOCTYPE ...>), which can define entities")

    def entity(*_args: object) -> None:
        refuse("an entity declaration")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = processing_instruction
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *_args: refuse("an external entity") or 0
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _SvgRefused:
        raise PictureFileProblem(
            f"{path} is an SVG drawing with {found[0]}: the site takes only plain drawings, which cannot "
            "run code or load anything. Export it again as plain SVG without scripts, links or "
            "embedded files (or as PNG)"
        ) from None
    except expat.ExpatError as error:
        raise PictureFileProblem(
            f"{path} is not a readable SVG file ({expat.ErrorString(error.code)} on its line "
            f"{error.lineno}): "
            "export the drawing again as plain SVG, or as PNG"
        ) from None
    return _svg_size(path, root)


def _check_css(value: str, refuse: object) -> None:
    if "\\" in value:  # a CSS escape can spell url( or @import without those letters
        refuse("a backslash in its style, which can hide a link")  # type: ignore[operator]
    if _CSS_IMPORT.search(value):
        refuse("an @import, which loads another file")  # type: ignore[operator]
    for match in _CSS_URL.finditer(value):
        if not match.group(2).strip().startswith("#"):
            refuse(f"a url({match.group(2).strip()[:60]}), which loads another file")  # type: ignore[operator]


def _svg_size(path: str, root: dict[str, str]) -> tuple[int, int]:
    width = height = None
    box = root.get("viewBox", "").replace(",", " ").split()
    try:
        if len(box) == 4:
            width, height = float(box[2]), float(box[3])
        else:
            w, h = _SVG_LENGTH.fullmatch(root.get("width", "")), _SVG_LENGTH.fullmatch(root.get("height", ""))
            if w and h:
                width, height = float(w.group(1)), float(h.group(1))
    except ValueError:
        width = height = None
    if not width or not height or width <= 0 or height <= 0:
        raise PictureFileProblem(
            f"{path} is an SVG drawing without a size: give its <svg> element a viewBox "
            '(like viewBox="0 0 800 600"), or export it again'
        )
    return 960, max(1, round(960 * height / width))
