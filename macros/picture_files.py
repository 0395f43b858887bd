"""Pictures a clinic supplies as files: made ready for the web once, kept between builds.

The content model has checked each file (content_model/picture_files.py) and
knows its hash, format and upright size. From those alone this module knows
which files the site will hold for it (:func:`renditions`), so pages can be
rendered without waiting for any picture to be made:

* a photo (JPEG, WebP) becomes WebP at a few widths (:data:`WIDTHS`, never wider
  than the original), with JPEG beside each for browsers without WebP;
* a PNG, or any picture with transparency, is taken for a drawing: WebP and PNG
  (a JPEG would blur its lines and lose its transparency);
* an SVG drawing is served as one SVG file, rewritten from the checked drawing
  with its comments, metadata and editor data left out. It is shown in an
  ``<img>``, where it can run nothing; it keeps its own colours (on a white
  card in the dark scheme), since a file cannot follow the theme as the inline
  figures do.

Every raster is turned upright by its EXIF orientation, converted to sRGB, and
saved with no EXIF, GPS, XMP, ICC or text data at all: phone photos carry the
place where they were taken.

The files are made into ``.cache/pictures/``, named by a hash of the original's
bytes and of how they are made (:data:`PROCESSING`, the Pillow version), and
published from there (hooks/picture_files.py adds them to the site's files as
``pictures/<hash>-<width>.<ext>``). An unchanged picture is not made again on
the next build; files no build uses any more are removed. Deleting the folder
is always safe.

The views (:class:`PhotoView`) are rendered by the same ``figure(view)`` macro as
the drawn figures (macros/templates/figure.html).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal
from xml.etree import ElementTree

from content_model.content_cache import library_version
from content_model.models import Picture
from content_model.picture_files import SVG_NAMESPACE, XLINK_NAMESPACE, PictureFileInfo
from hook_helpers.cache_files import PARTIAL_SUFFIX, write_atomically

PROCESSING = "1"  # how the files are made: change it whenever the code below makes other files
# Pixels: a photo on a printed sheet (3.4 cm wide, 3.6 cm in large print, at most 4.6 cm tall: 320 px
# is over 200 dots per inch at each) and a thumbnail (6rem, at 3x); a phone's full width at 3x; the
# drill page's column at 2x.
WIDTHS = (320, 480, 960, 1440)
PRINT_WIDTH_DRAWING = 480  # a drawing's lines (PNG) on a printed sheet: 3.6 cm at 300 dots per inch is 425 px
WEBP_QUALITY = 80
JPEG_QUALITY = 82
FOLDER = "pictures"  # in the built site
# How wide a picture shows on a drill page (docs/stylesheets/site.css, .drill-figure): the full
# width of a phone, where the pictures stack; at most 22rem beside each other on larger screens.
DRILL_PAGE_SIZES = "(max-width: 44.9375em) 100vw, 22rem"
THUMB_SIZES = "6rem"  # a drill card's thumbnail (site.css .drill-card--thumb), and the builder's picker
PRINT_SIZES = "4cm"  # beside a drill's steps on a printed sheet (handout.css)


@dataclass(frozen=True)
class Rendition:
    """One file the site holds for a picture."""

    site_path: str  # e.g. pictures/3f2a...-960.webp
    width: int
    height: int
    media_type: str  # image/webp, image/jpeg, image/png or image/svg+xml


@dataclass(frozen=True)
class PhotoSource:
    """A <source> of a <picture>: one format at every width."""

    media_type: str
    srcset: str


@dataclass(frozen=True)
class PhotoView:
    """A picture from a file, as macros/templates/figure.html shows it (``figure(view)``)."""

    alt: str
    caption: str | None
    src: str  # the fallback at its largest width (or the SVG)
    print_src: str  # the fallback a printed sheet takes (320 px for a photo, 480 for a drawing): printed()
    print_webp: str  # the WebP copy of the same width ("" for an SVG): the builder loads it first
    srcset: str  # the fallback at every width ("" for an SVG)
    sources: tuple[PhotoSource, ...]  # the WebP versions, offered first
    sizes: str  # how wide the picture shows, for the browser to pick a width
    width: int  # of the largest version: with height, the browser keeps the room before it loads
    height: int
    loading: Literal["eager", "lazy"]  # lazy below the fold
    drawing: bool  # a drawing (PNG or SVG) rather than a photo: shown on white
    kind: Literal["photo"] = "photo"


def _key(info: PictureFileInfo) -> str:
    recipe = f"{info.sha256} {PROCESSING} pillow {library_version('pillow')}"
    return hashlib.sha256(recipe.encode("ascii")).hexdigest()[:20]


def renditions(info: PictureFileInfo) -> tuple[Rendition, ...]:
    """The files the site holds for a picture, smallest first, each format in turn (WebP first)."""
    key = _key(info)
    if info.format == "SVG":
        return (Rendition(f"{FOLDER}/{key}.svg", info.width, info.height, "image/svg+xml"),)
    # Never wider than the original, and no width within 15 % of the next: it would add little.
    largest = min(info.width, WIDTHS[-1])
    widths = sorted({w for w in WIDTHS if w < largest * 0.85} | {largest})
    fallback = ("png", "image/png") if info.format == "PNG" or info.has_alpha else ("jpg", "image/jpeg")
    return tuple(
        Rendition(f"{FOLDER}/{key}-{w}.{ext}", w, max(1, round(w * info.height / info.width)), media)
        for ext, media in (("webp", "image/webp"), fallback)
        for w in widths
    )


def largest_fallback(info: PictureFileInfo) -> Rendition:
    """The widest JPEG or PNG (or the SVG): for a link preview, which may not take WebP."""
    return [r for r in renditions(info) if r.media_type != "image/webp"][-1]


def photo_view(
    picture: Picture,
    info: PictureFileInfo,
    link: Callable[[str], str],
    loading: Literal["eager", "lazy"] = "lazy",
    sizes: str = DRILL_PAGE_SIZES,
) -> PhotoView:
    """A picture's view, its files linked from the page being rendered (``link``: PageContext.link)."""
    made = renditions(info)
    webp = [r for r in made if r.media_type == "image/webp"]
    fallback = [r for r in made if r.media_type != "image/webp"]

    def srcset(versions: list[Rendition]) -> str:
        return ", ".join(f"{link(r.site_path)} {r.width}w" for r in versions)

    largest = fallback[-1]
    drawing = info.format in ("SVG", "PNG") or info.has_alpha
    # The copy a printed sheet takes: the narrowest sharp at its 3.4 to 3.6 cm, a photo at over 200
    # dots per inch, a drawing's lines at 300 (or the largest there is)
    print_width = PRINT_WIDTH_DRAWING if drawing else WIDTHS[0]
    print_copy = next((r for r in fallback if r.width >= print_width), largest)
    print_webp = next((r for r in webp if r.width == print_copy.width), None)
    return PhotoView(
        alt=picture.alt,
        caption=picture.caption,
        src=link(largest.site_path),
        print_src=link(print_copy.site_path),
        print_webp=link(print_webp.site_path) if print_webp else "",
        srcset="" if info.format == "SVG" else srcset(fallback),
        sources=(PhotoSource("image/webp", srcset(webp)),) if webp else (),
        sizes=sizes,
        width=largest.width,
        height=largest.height,
        loading=loading,
        drawing=drawing,
    )


def printed(view: PhotoView) -> PhotoView:
    """A picture from a file as a printed sheet shows it: its ``src`` the print-sized copy
    (``print_src``). A browser still picks from the srcset; the PDFs' printer (WeasyPrint) reads
    only the ``src``, and would otherwise embed the 1440 px copy."""
    return replace(view, src=view.print_src)


def _made(info: PictureFileInfo) -> dict[str, bytes]:
    """Every rendition's bytes, by site path, made now from the original."""
    if info.format == "SVG":
        (only,) = renditions(info)
        return {only.site_path: clean_svg(info.file.read_bytes())}
    # Imported here: Pillow is needed only when a picture must really be made.
    from PIL import Image, ImageOps  # noqa: PLC0415

    with Image.open(info.file) as original:
        upright = ImageOps.exif_transpose(original)  # applies the orientation, then drops the tag
        upright = _srgb(upright)
    keep_alpha = info.has_alpha
    upright = upright.convert("RGBA" if keep_alpha else "RGB")
    made: dict[str, bytes] = {}
    for rendition in renditions(info):
        size = (rendition.width, rendition.height)
        image = upright if upright.size == size else upright.resize(size, Image.Resampling.LANCZOS)
        image.info = {}  # nothing of the original's metadata rides along
        out = io.BytesIO()
        if rendition.media_type == "image/webp":
            image.save(out, "WEBP", quality=WEBP_QUALITY, method=5)
        elif rendition.media_type == "image/jpeg":
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        else:
            image.save(out, "PNG", optimize=True)
        made[rendition.site_path] = out.getvalue()
    return made


def _srgb(image: object) -> object:
    """The image in sRGB, without its colour profile (a phone's Display P3 would look dull untranslated)."""
    from PIL import Image, ImageCms  # noqa: PLC0415

    assert isinstance(image, Image.Image)
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
        converted = ImageCms.profileToProfile(
            image.convert(mode), source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: the colours stay as they are
    return converted if converted is not None else image


def clean_svg(data: bytes) -> bytes:
    """A checked SVG drawing written again with SVG elements and attributes only.

    Comments, processing instructions and anything in another namespace (an editor's
    metadata: file paths, author names) are left out. Only call it on a drawing
    content_model/picture_files.py has accepted: it has no DTD and no entity."""
    root = ElementTree.fromstring(data)  # the check refused any DTD; comments and PIs are dropped
    svg_prefix, xlink_prefix = f"{{{SVG_NAMESPACE}}}", f"{{{XLINK_NAMESPACE}}}"

    def keep(element: ElementTree.Element) -> None:
        element.tag = element.tag.removeprefix(svg_prefix)  # written with no prefix (see below)
        for name in [n for n in element.attrib if n.startswith("{")]:
            value = element.attrib.pop(name)
            if name.startswith(xlink_prefix):
                element.set(f"xlink:{name.removeprefix(xlink_prefix)}", value)
        for child in list(element):
            if (
                not isinstance(child.tag, str)
                or not child.tag.startswith(svg_prefix)
                or child.tag == (f"{svg_prefix}metadata")
            ):
                element.remove(child)  # another namespace: metadata of the program that drew it
            else:
                keep(child)

    keep(root)
    # Declared once on the drawing, as a browser reads it: SVG the default, xlink for old links.
    root.set("xmlns", SVG_NAMESPACE)
    root.set("xmlns:xlink", XLINK_NAMESPACE)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=False)


@dataclass
class PictureFiles:
    """The pictures of one build: each rendition made (or found in the cache) once.

    ``made`` and ``reused`` name the originals made now and those taken from the cache,
    so a build can say, and a test can see, that an unchanged picture was not made again.
    """

    cache: Path | None = None
    made: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    _files: dict[str, Path] = field(default_factory=dict)  # site path: cached file

    def prepare(self, name: str, wanted: list[str], make: Callable[[], dict[str, bytes]]) -> dict[str, Path]:
        """The cached files for one original, made with ``make`` only when one of ``wanted`` is missing."""
        assert self.cache is not None, "use_cache() first"
        files = {site_path: self.cache / Path(site_path).name for site_path in wanted}
        if all(self._files.get(site_path) == file for site_path, file in files.items()):
            return files  # already made or found in this build (a photo is also a link preview)
        if all(f.is_file() for f in files.values()):
            self.reused.append(name)
        else:
            made = make()
            assert set(made) == set(wanted), (sorted(made), wanted)
            self.cache.mkdir(parents=True, exist_ok=True)
            for site_path, data in made.items():
                write_atomically(files[site_path], data)
            self.made.append(name)
        self._files.update(files)
        return files

    def use_cache(self, folder: Path) -> None:
        self.cache = folder

    def picture(self, info: PictureFileInfo) -> dict[str, Path]:
        """The files of a picture from a file, by site path."""
        return self.prepare(info.path, [r.site_path for r in renditions(info)], lambda: _made(info))

    def files(self) -> dict[str, Path]:
        """Every file this build publishes, by site path."""
        return dict(self._files)

    def remove_unused(self, also_used: set[Path] | None = None) -> None:
        """Delete cached files no picture of this build uses (a picture replaced or removed), nor
        ``also_used`` (the files of the other languages' builds)."""
        if self.cache is None or not self.cache.is_dir():
            return
        used = set(self._files.values()) | (also_used or set())
        for old in self.cache.iterdir():
            if old.is_file() and old not in used and not old.name.endswith(PARTIAL_SUFFIX):
                old.unlink(missing_ok=True)
