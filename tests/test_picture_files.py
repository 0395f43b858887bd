"""Pictures a clinic supplies as files: what is refused (with file and line), what the site publishes.

The first part loads a small clinic's data (no build): every refusal names the
data line of the ``file:`` key (or of the ``alt:``) and says what to do. The
second part builds the default site with three drills changed to use pictures
from files: a phone photo with GPS tags, taken sideways; a PNG line drawing; an
SVG drawing. It checks what the pages show (``<picture>``, ``srcset``, ``width`` and
``height``), that no image in the site carries EXIF, that a second build makes
nothing again, and the link-preview pictures (Open Graph and JSON-LD).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from playwright.sync_api import Browser
from pypdf import PdfReader

import content_model
from browser import serve
from conftest import ENGLISH_ONLY, ROOT, Build, load_file, make_project, mkdocs_build
from content_model import ContentError, ContentErrors
from content_model.picture_files import MIN_LONG_SIDE, PictureFileInfo
from macros.figures import drill_figures
from macros.picture_files import WIDTHS, clean_svg, renditions
from picture_samples import (
    CAMERA_MAKER,
    GPS_IFD,
    HOSTILE_SVGS,
    RED,
    SAFE_SVG,
    line_drawing,
    metadata_blocks,
    phone_photo,
    raster,
    write_pictures,
)
from test_handout_builder import block_rows

CLINIC = (
    "name: Test Clinic\nphone: 866-588-0230\ncall_to_action:\n  heading: Get help\n  text: Call us today.\n"
)
CAUSES = "- id: stiff-hips\n  title: Stiff hips\n  summary: Stiff hips make your back work harder.\n"
PROGRAMS = "- id: hips\n  title: Hips\n  summary: One drill.\n  drills: [rockbacks]\n"
DRILL = """\
- id: rockbacks
  name: Rockbacks
  summary: Loosens your hips.
  level: beginner
  steps:
    - Get on your hands and knees.
    - Rock your hips back.
  pictures:
    - alt: On hands and knees, with the back flat.
      caption: Start
      file: pictures/start.jpg
    - alt: Hips rocked back toward the heels.
      caption: End
      figure: {base: hands_and_knees, hips_back: 0.5}
"""
FILE_LINE = 11  # the line of "file: pictures/start.jpg" above
ALT_LINE = 9
FILE_FIELD = "drills[0].pictures[0].file"


def load(
    tmp_path: Path, drills: str = DRILL, pictures: dict[str, bytes | str] | None = None
) -> content_model.Content:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    for name, text in {
        "clinic": CLINIC,
        "drills": drills,
        "root_causes": CAUSES,
        "programs": PROGRAMS,
    }.items():
        (data / f"{name}.yml").write_text(text, encoding="utf-8")
    write_pictures(tmp_path / "pictures", {"start.jpg": phone_photo()} if pictures is None else pictures)
    return content_model.load(data, shown_dir="data")


def refusal(
    tmp_path: Path, drills: str = DRILL, pictures: dict[str, bytes | str] | None = None
) -> ContentError:
    with pytest.raises(ContentErrors) as caught:
        load(tmp_path, drills, pictures)
    errors = [e for e in caught.value.errors if e.severity == "error"]
    assert len(errors) == 1, [e.plain() for e in errors]
    return errors[0]


def with_file(path: str) -> str:
    return DRILL.replace("file: pictures/start.jpg", f"file: {path}")


def test_a_photo_from_a_file_loads_with_its_upright_size_and_hash(tmp_path: Path) -> None:
    photo = phone_photo(size=(1600, 1200), orientation=6)
    content = load(tmp_path, pictures={"start.jpg": photo})
    info = content.picture_files["pictures/start.jpg"]
    assert (info.format, info.width, info.height) == ("JPEG", 1200, 1600)  # taken sideways: turned upright
    assert info.sha256 == hashlib.sha256(photo).hexdigest()
    assert content.drill("rockbacks").pictures[0].figure is None


def test_a_missing_file_is_refused_at_its_data_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, pictures={"other.jpg": phone_photo()})
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert error.message.startswith("pictures/start.jpg does not exist: put the file in the pictures/ folder")
    assert "The folder holds: other.jpg" in error.message


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("../start.jpg", "must not step out of its folder"),
        ("pictures/../data/start.jpg", "must not step out of its folder"),
        ("/home/jane/start.jpg", "is not a path inside this project"),
        ("docs/start.jpg", "is inside docs/, which MkDocs publishes as it is"),
        ("docs/pictures/start.jpg", "is inside docs/"),
        ("start.jpg", "is not in the pictures/ folder"),
        ("pictures\\start.jpg", "must use forward slashes"),
    ],
)
def test_a_file_outside_the_pictures_folder_is_refused(tmp_path: Path, path: str, says: str) -> None:
    error = refusal(tmp_path, with_file(path))
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert says in error.message
    assert "put the picture in the pictures/ folder at the top of the project" in error.message or (
        "forward slashes" in says
    )


def test_a_link_out_of_the_pictures_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(phone_photo())
    (tmp_path / "pictures").mkdir()
    (tmp_path / "pictures" / "start.jpg").symlink_to(secret)
    error = refusal(tmp_path, pictures={})
    assert (error.line, error.field) == (FILE_LINE, FILE_FIELD)
    assert "is a link to a file outside the pictures/ folder" in error.message


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("start.heic", b"\0\0\0\x18ftypheic", "is a .heic file, a format the site does not take"),
        ("start.gif", raster((800, 600), "GIF"), "is a .gif file, a format the site does not take"),
        (
            "start.jpg",
            raster((800, 600), "GIF"),
            "pictures/start.jpg is a GIF file, a format the site does not take",
        ),
        ("start.jpg", raster((800, 600), "PNG"), "is named like a JPEG file but is a PNG file"),
        ("start.jpg", b"not a picture at all", "is not a picture the site can read"),
        ("start.svg", b"<svg", "is not a readable SVG file"),
    ],
)
def test_a_format_we_do_not_take_is_refused_and_the_accepted_ones_are_named(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    error = refusal(tmp_path, with_file(f"pictures/{name}"), {name: data})
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert says in error.message
    if "named like" not in says:
        assert "JPEG (.jpg), PNG (.png), WebP (.webp) or SVG (.svg)" in error.message or "SVG" in says


def test_a_picture_too_small_to_print_is_refused(tmp_path: Path) -> None:
    small = phone_photo(size=(MIN_LONG_SIDE - 1, 400), gps=False)
    error = refusal(tmp_path, pictures={"start.jpg": small})
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert f"is {MIN_LONG_SIDE - 1} x 400 pixels, too small to print clearly" in error.message
    assert f"at least {MIN_LONG_SIDE} pixels on its long side" in error.message
    # exactly the minimum, on the long side (here the height), is taken
    load(tmp_path / "ok", pictures={"start.jpg": raster((300, MIN_LONG_SIDE))})


def test_a_picture_found_good_is_not_opened_again_and_a_changed_or_refused_one_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = tmp_path / ".cache" / "picture-checks.json"
    photo = phone_photo(size=(1600, 1200), orientation=6)
    load(tmp_path, pictures={"start.jpg": photo})  # writes data/ and pictures/
    first = content_model.load(tmp_path / "data", shown_dir="data", checked_pictures=checked)
    assert len(json.loads(checked.read_text(encoding="utf-8"))) == 1

    def opened(*_args: object) -> None:
        raise AssertionError("an unchanged picture found good was opened again")

    with monkeypatch.context() as patched:
        patched.setattr(content_model.picture_files, "_check_raster", opened)
        again = content_model.load(tmp_path / "data", shown_dir="data", checked_pictures=checked)
    assert again.picture_files == first.picture_files  # the same size, upright, format and hash
    # The same file made too small: checked again, refused at its data line, and not kept.
    (tmp_path / "pictures" / "start.jpg").write_bytes(phone_photo(size=(MIN_LONG_SIDE - 1, 400), gps=False))
    with pytest.raises(ContentErrors) as caught:
        content_model.load(tmp_path / "data", shown_dir="data", checked_pictures=checked)
    (error,) = [e for e in caught.value.errors if e.severity == "error"]
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert "too small to print clearly" in error.message
    assert len(json.loads(checked.read_text(encoding="utf-8"))) == 1
    # A changed check (other limits) does not take what the old one found.
    monkeypatch.setattr(content_model.picture_files, "MIN_LONG_SIDE", 2000)
    (tmp_path / "pictures" / "start.jpg").write_bytes(photo)
    with pytest.raises(ContentErrors):
        content_model.load(tmp_path / "data", shown_dir="data", checked_pictures=checked)


@pytest.mark.parametrize("case", HOSTILE_SVGS, ids=list(HOSTILE_SVGS))
def test_an_svg_that_could_run_code_or_fetch_anything_is_refused(tmp_path: Path, case: str) -> None:
    drawing, says = HOSTILE_SVGS[case]
    error = refusal(tmp_path, with_file("pictures/start.svg"), {"start.svg": drawing})
    assert (error.file, error.line, error.field) == ("data/drills.yml", FILE_LINE, FILE_FIELD)
    assert error.message.startswith("pictures/start.svg is an SVG drawing with "), error.message
    assert says in error.message
    assert "Export it again as plain SVG" in error.message


def test_a_safe_svg_drawing_is_taken_and_published_without_comments_or_editor_data(tmp_path: Path) -> None:
    content = load(tmp_path, with_file("pictures/start.svg"), {"start.svg": SAFE_SVG})
    info = content.picture_files["pictures/start.svg"]
    assert (info.format, info.width, info.height) == ("SVG", 960, 720)
    cleaned = clean_svg(SAFE_SVG.encode("utf-8")).decode("utf-8")
    for gone in ("<!--", "secret-name", "Jane Doe", "inkscape", "metadata"):
        assert gone not in cleaned, gone
    # still the same drawing, and still one the check takes
    for kept in ('viewBox="0 0 400 300"', "<circle", 'xlink:href="#leg"', "Start &amp; end", "<style>"):
        assert kept in cleaned, kept
    write_pictures(tmp_path / "again" / "pictures", {"start.svg": cleaned})
    load(tmp_path / "again" / "x", with_file("pictures/start.svg"), {"start.svg": cleaned})


@pytest.mark.parametrize(
    ("alt", "says"),
    [
        ("image", "is a placeholder, not a description"),
        ("Photo.", "is a placeholder, not a description"),
        ("(alt text)", "is a placeholder, not a description"),
        ("Start", "is a placeholder, not a description"),
        ("IMG_2041.jpg", "is a file name, not a description"),
        ("Picture of a woman on her hands and knees", "starts with 'Picture of': screen readers already say"),
        ("A photo showing the start position", "starts with 'A photo showing'"),
    ],
)
def test_a_placeholder_alt_is_refused(tmp_path: Path, alt: str, says: str) -> None:
    error = refusal(tmp_path, DRILL.replace("alt: On hands and knees, with the back flat.", f"alt: {alt}"))
    assert (error.file, error.line, error.field) == ("data/drills.yml", ALT_LINE, "drills[0].pictures[0].alt")
    assert says in error.message
    assert "like 'On hands and knees, with the back flat'" in error.message


def test_a_missing_alt_is_refused(tmp_path: Path) -> None:
    error = refusal(
        tmp_path,
        DRILL.replace("    - alt: On hands and knees, with the back flat.\n      caption", "    - caption"),
    )
    assert (error.line, error.field) == (ALT_LINE, "drills[0].pictures[0].alt")
    assert "Field required" in error.message or "required" in error.message.lower()


def test_a_picture_needs_exactly_one_source(tmp_path: Path) -> None:
    both = DRILL.replace(
        "      file: pictures/start.jpg\n",
        "      file: pictures/start.jpg\n      figure: {base: hands_and_knees}\n",
    )
    error = refusal(tmp_path, both)
    assert (error.line, error.field) == (ALT_LINE, "drills[0].pictures[0]")
    assert "has both a figure and a file: keep one" in error.message
    neither = DRILL.replace("      file: pictures/start.jpg\n", "")
    error = refusal(tmp_path / "b", neither)
    assert "has no figure and no file" in error.message


def test_drill_figures_give_a_photo_view_linked_from_the_page(tmp_path: Path) -> None:
    content = load(tmp_path)
    drill = content.drill("rockbacks")
    page = SimpleNamespace(content=content, link=lambda site_path: f"../../{site_path}")
    photo, drawn = drill_figures(drill, page)  # type: ignore[arg-type]
    assert (photo.kind, drawn.kind) == ("photo", "figure")
    assert drawn.ghost is None  # the first picture is a photo: nothing to show faintly behind the end
    assert photo.loading == "eager" and photo.src.startswith("../../pictures/") and photo.src.endswith(".jpg")
    assert photo.sources[0].media_type == "image/webp"
    thumbnail, _ = drill_figures(drill, page, sizes="6rem", eager=0)  # type: ignore[arg-type]
    assert (thumbnail.loading, thumbnail.sizes) == ("lazy", "6rem")
    with pytest.raises(ValueError, match=r"call drill_figures with the page, or with files and link"):
        drill_figures(drill)


def _info(width: int, height: int, file_format: str = "JPEG", alpha: bool = False) -> PictureFileInfo:
    return PictureFileInfo("pictures/x", Path("x"), "0" * 64, file_format, width, height, alpha)


def test_widths_never_enlarge_and_drawings_stay_png() -> None:
    photo = renditions(_info(4032, 3024))
    assert [(r.width, r.height, r.media_type) for r in photo] == [
        (320, 240, "image/webp"),
        (480, 360, "image/webp"),
        (960, 720, "image/webp"),
        (1440, 1080, "image/webp"),
        (320, 240, "image/jpeg"),
        (480, 360, "image/jpeg"),
        (960, 720, "image/jpeg"),
        (1440, 1080, "image/jpeg"),
    ]
    small = renditions(_info(700, 1000))
    assert max(r.width for r in small) == 700 and all(r.width <= 700 for r in small)
    assert [r.width for r in renditions(_info(1000, 800))] == [320, 480, 1000] * 2  # 960 is too close to 1000
    assert {r.media_type for r in renditions(_info(900, 700, "PNG"))} == {"image/webp", "image/png"}
    assert {r.media_type for r in renditions(_info(900, 700, "WEBP", alpha=True))} == {
        "image/webp",
        "image/png",
    }
    assert [r.media_type for r in renditions(_info(960, 720, "SVG"))] == ["image/svg+xml"]
    assert WIDTHS[-1] == 1440


# --- A built site with pictures from files -------------------------------------------------------

# Three drills of the default data get pictures from files: one line of data each.
CHANGES = [
    # quadruped-rockbacks: its start figure becomes the clinic's photo
    ("      figure: {base: hands_and_knees, props: [mat]}\n", "      file: pictures/rockbacks-start.jpg\n"),
    # adductor rockbacks: a PNG drawing and an SVG drawing instead of its two figures
    (
        "      figure: {base: hands_and_knees, near_leg: out_to_side, view: behind, props: [mat]}\n",
        "      file: pictures/adductor-start.png\n",
    ),
    (
        "      figure: {base: hands_and_knees, near_leg: out_to_side, hips_back: 0.45, view: behind, "
        "props: [mat]}\n",
        "      file: pictures/adductor-end.svg\n",
    ),
]
PHOTO = phone_photo(size=(2000, 1500), orientation=6)
ORIGINALS = {
    "rockbacks-start.jpg": PHOTO,
    "adductor-start.png": line_drawing(),
    "adductor-end.svg": SAFE_SVG,
}


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build, Path]:
    """The default site with pictures from files, built twice from the same project (PDFs skipped):
    the two builds, and the project."""
    tmp = tmp_path_factory.mktemp("pictured")
    project = make_project(tmp)
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    for old, new in CHANGES:
        assert text.count(old) >= 1, f"data/drills.yml no longer has {old!r}: update this fixture"
        text = text.replace(old, new, 1)
    drills.write_text(text, encoding="utf-8")
    write_pictures(project / "pictures", ORIGINALS)
    env = {"HANDOUT_PDFS": "0"}
    first = mkdocs_build(project, tmp / "site", extra_env=env)
    assert first.returncode == 0, first.output
    cache = project / ".cache" / "pictures"
    CACHE_TIMES["first"] = {f.name: f.stat().st_mtime_ns for f in cache.iterdir()}
    second = mkdocs_build(project, tmp / "site-again", extra_env=env)
    assert second.returncode == 0, second.output
    CACHE_TIMES["second"] = {f.name: f.stat().st_mtime_ns for f in cache.iterdir()}
    return first, second, project


CACHE_TIMES: dict[str, dict[str, int]] = {}  # each cached file's modification time after each build


def page(build: Build, path: str) -> BeautifulSoup:
    return build.html(path)


def site_file(build: Build, page_path: str, url: str) -> Path:
    """The file a URL in a page points to (a relative URL, resolved as the browser does)."""
    assert not urlsplit(url).scheme and not urlsplit(url).netloc, f"not a URL of this site: {url}"
    resolved = urlsplit(urljoin(f"https://site.test/{page_path}", url)).path.lstrip("/")
    return build.site / resolved


def srcset(value: str) -> list[tuple[str, int]]:
    pairs = []
    for item in value.split(","):
        url, width = item.split()
        assert width.endswith("w"), item
        pairs.append((url, int(width[:-1])))
    return pairs


def test_a_photo_is_a_picture_element_with_webp_first_and_every_width(
    pictured: tuple[Build, Build, Path],
) -> None:
    build = pictured[0]
    path = "drills/quadruped-rockbacks/"
    figures = page(build, path).select("article.drill .drill-figures > figure.drill-figure")
    assert len(figures) == 2
    photo, drawn = figures
    assert photo.find("svg") is None and drawn.find("svg") is not None  # the end is still drawn
    assert "drill-figure--file" in photo["class"] and "drill-figure--drawing" not in photo["class"]
    picture = photo.find("picture")
    (source,) = picture.find_all("source")
    img = picture.find("img")
    assert source["type"] == "image/webp" and source["sizes"] == img["sizes"]
    assert img["alt"] == "On hands and knees, with the back flat."
    assert photo.find("figcaption").get_text(strip=True) == "Start"
    assert img["loading"] == "eager"  # the first picture of the page
    webp, jpeg = srcset(source["srcset"]), srcset(img["srcset"])
    # upright 1500 x 2000: widths up to 1440, never more than the original
    assert [w for _, w in webp] == [w for _, w in jpeg] == [320, 480, 960, 1440]
    for (url, width), kind in [*((pair, "WEBP") for pair in webp), *((pair, "JPEG") for pair in jpeg)]:
        with Image.open(site_file(build, path, url)) as made:
            assert made.format == kind
            assert made.size == (width, round(width * 2000 / 1500)), url
    assert (int(img["width"]), int(img["height"])) == (1440, 1920)
    assert site_file(build, path, img["src"]) == site_file(build, path, jpeg[-1][0])


def test_a_photo_taken_sideways_is_turned_upright(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    img = page(build, "drills/quadruped-rockbacks/").select_one("picture img")
    with Image.open(site_file(build, "drills/quadruped-rockbacks/", img["src"])) as made:
        made = made.convert("RGB")
        width, height = made.size
        assert height > width
        # orientation 6 turns the stored picture a quarter to the right: its red top-left corner
        # is now at the top right
        top_right = made.getpixel((width - 10, 10))
        top_left = made.getpixel((10, 10))
    assert all(abs(a - b) < 40 for a, b in zip(top_right, RED, strict=True)), top_right
    assert not all(abs(a - b) < 40 for a, b in zip(top_left, RED, strict=True)), top_left


def test_drawings_stay_png_and_svg_and_later_pictures_load_lazily(
    pictured: tuple[Build, Build, Path],
) -> None:
    build = pictured[0]
    path = "drills/adductor-quadruped-rockbacks/"
    png, drawn_svg = page(build, path).select(".drill-figures > figure.drill-figure")
    assert "drill-figure--drawing" in png["class"] and "drill-figure--drawing" in drawn_svg["class"]
    img = png.select_one("picture img")
    assert img["loading"] == "eager"
    for url, _width in srcset(img["srcset"]):
        assert url.endswith(".png")
        with Image.open(site_file(build, path, url)) as made:
            assert made.format == "PNG" and made.mode == "RGBA"  # line art stays sharp and see-through
    svg_img = drawn_svg.select_one("img")
    assert svg_img["loading"] == "lazy"
    assert not drawn_svg.select("source") and not svg_img.get("srcset")
    assert (svg_img["width"], svg_img["height"]) == ("960", "720")
    served = site_file(build, path, svg_img["src"]).read_text(encoding="utf-8")
    assert ElementTree.fromstring(served).tag == "{http://www.w3.org/2000/svg}svg"
    assert "Jane Doe" not in served


def test_no_image_in_the_site_carries_exif_gps_or_text(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    images = [p for p in build.site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".webp", ".png")]
    made = [p for p in images if p.parent.name == "pictures"]
    # the photo (8: four widths, two formats), the PNG drawing (6: it is 900 px wide), seven link
    # previews in English and seven in Spanish (a preview shows the drill's name and captions, in the
    # page's language)
    assert len(made) == 8 + 6 + 7 + 7
    for image in images:
        data = image.read_bytes()
        assert metadata_blocks(data) == [], image
        assert CAMERA_MAKER.encode("ascii") not in data, image
        with Image.open(image) as opened:
            assert not opened.getexif(), image
            assert "exif" not in opened.info and "xmp" not in opened.info, image


def test_the_gps_tags_of_the_original_are_gone(pictured: tuple[Build, Build, Path]) -> None:
    build, _, project = pictured
    with Image.open(project / "pictures" / "rockbacks-start.jpg") as original:
        assert original.getexif().get_ifd(GPS_IFD), "the test photo has GPS tags"
    assert "Exif" in metadata_blocks(PHOTO)
    img = page(build, "drills/quadruped-rockbacks/").select_one("picture img")
    for url, _width in srcset(img["srcset"]):
        with Image.open(site_file(build, "drills/quadruped-rockbacks/", url)) as made:
            assert not made.getexif().get_ifd(GPS_IFD)


def test_the_originals_are_not_published(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    originals = {
        hashlib.sha256(d if isinstance(d, bytes) else d.encode()).hexdigest() for d in ORIGINALS.values()
    }
    for file in build.site.rglob("*"):
        if file.is_file():
            assert hashlib.sha256(file.read_bytes()).hexdigest() not in originals, file
    assert not any(build.site.rglob("rockbacks-start*"))


def test_a_second_build_makes_no_picture_again(pictured: tuple[Build, Build, Path]) -> None:
    first, second, project = pictured
    # three originals (photo, PNG, SVG) and seven previews drawn from figures (half kneel, posterior
    # hip stretch, figure 4, spiderman and the three drills off the floor; the two drills whose first
    # picture is a file share that file). The Spanish build (second line) reuses the three originals
    # and draws its own seven previews, which name the drills in Spanish.
    made = r"Pictures: (\d+) made, (\d+) unchanged"
    assert re.findall(made, first.output) == [("10", "0"), ("7", "3")], first.output
    assert re.findall(made, second.output) == [("0", "10"), ("0", "10")], second.output
    # and no cached file was written again
    assert CACHE_TIMES["second"] == CACHE_TIMES["first"] and len(CACHE_TIMES["first"]) == 8 + 6 + 1 + 7 + 7
    # the same files in both sites, byte for byte
    for file in (first.site / "pictures").iterdir():
        assert file.read_bytes() == (second.site / "pictures" / file.name).read_bytes(), file.name
    cache = sorted(p.name for p in (project / ".cache" / "pictures").iterdir())
    assert cache == sorted(p.name for p in (first.site / "pictures").iterdir())


def test_pictures_are_same_origin_and_allowed_by_the_page_policy(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    for path in ("drills/quadruped-rockbacks/", "drills/adductor-quadruped-rockbacks/"):
        html = page(build, path)
        policy = html.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        assert "img-src 'self' data:;" in policy
        urls = [img["src"] for img in html.select("article img")]
        urls += [url for tag in html.select("article [srcset]") for url, _ in srcset(tag["srcset"])]
        assert urls
        for url in urls:
            assert site_file(build, path, url).is_file(), url  # relative, in this site
        assert not html.select("[style]")


def test_link_previews_name_an_absolute_png_of_the_stated_size(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    site_url = "https://example.org/"
    path = "drills/spiderman/"
    html = page(build, path)
    meta = {tag["property"]: tag["content"] for tag in html.select('meta[property^="og:"]')}
    assert html.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert meta["og:url"] == site_url + path and meta["og:title"] == "Spiderman"
    image_url = meta["og:image"]
    assert image_url.startswith(site_url + "pictures/share-") and image_url.endswith(".png")
    file = build.site / image_url.removeprefix(site_url)
    with Image.open(file) as png:
        assert png.format == "PNG" and png.size == (1200, 630)
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        # drawn: dark lines on white, not an empty canvas
        colours = png.convert("L").getextrema()
        assert colours[0] < 60 and colours[1] == 255
    spiderman = content_model.load(ROOT / "data").drill("spiderman")
    assert meta["og:image:alt"] == " ".join(f"{p.caption}: {p.alt}" for p in spiderman.pictures)
    assert meta["og:image:type"] == "image/png"
    (ld,) = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
    assert ld["image"]["url"] == image_url
    assert (ld["image"]["width"], ld["image"]["height"]) == (1200, 630)


def test_a_drill_whose_first_picture_is_a_photo_shares_the_photo(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    html = page(build, "drills/quadruped-rockbacks/")
    meta = {tag["property"]: tag["content"] for tag in html.select('meta[property^="og:"]')}
    largest = html.select_one("picture img")
    assert meta["og:image"] == urljoin("https://example.org/drills/quadruped-rockbacks/", largest["src"])
    with Image.open(build.site / urlsplit(meta["og:image"]).path.lstrip("/")) as jpeg:
        assert jpeg.format == "JPEG"
        assert jpeg.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1440, 1920)
    assert meta["og:image:alt"] == "On hands and knees, with the back flat."


def test_pages_without_pictures_have_no_preview(pictured: tuple[Build, Build, Path]) -> None:
    build = pictured[0]
    for path in ("", "drills/", "articles/hip-mobility-drills/"):
        html = page(build, path)
        assert not html.select('meta[property^="og:"], meta[name="twitter:card"]'), path
        for block in html.select('script[type="application/ld+json"]'):
            assert "image" not in json.loads(block.string), path


def test_a_missing_picture_stops_the_build_before_anything_is_written(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    old, new = CHANGES[0]
    lines = text.splitlines()
    line = lines.index(old.rstrip("\n")) + 1
    drills.write_text(text.replace(old, new, 1), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert (
        f"data/drills.yml:{line}:7: drills[0].pictures[0].file: pictures/rockbacks-start.jpg does not exist"
        in build.output
    ), build.output
    assert "Traceback" not in build.output
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())


def test_a_photo_that_cannot_be_decoded_stops_the_build_with_its_line(tmp_path: Path) -> None:
    """Its header is whole (so the check passes), its pixels are cut off: the build names the line."""
    project = make_project(tmp_path)
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    old, new = CHANGES[0]
    line = text.splitlines().index(old.rstrip("\n")) + 1
    drills.write_text(text.replace(old, new, 1), encoding="utf-8")
    write_pictures(project / "pictures", {"rockbacks-start.jpg": PHOTO[: len(PHOTO) // 3]})
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert (
        f"data/drills.yml:{line}:7: drills[0].pictures[0].file: pictures/rockbacks-start.jpg could not be "
        "made ready for the web" in build.output
    ), build.output
    assert "save it again as JPEG or PNG" in build.output and "Traceback" not in build.output
    assert not list((tmp_path / "site").rglob("*.html"))


@pytest.mark.browser
def test_pictures_load_in_chromium_under_the_policy_with_no_request_elsewhere(
    pictured: tuple[Build, Build, Path], chromium: Browser
) -> None:
    """On a phone: each picture loads from this site (a WebP where there is one), and none breaks a
    rule of the page's Content-Security-Policy or asks another site for anything."""
    build = pictured[0]
    with serve(build.site) as base:
        context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        context.add_init_script(
            "window.__blocked = []; document.addEventListener('securitypolicyviolation', "
            "event => window.__blocked.push(event.blockedURI + ' ' + event.violatedDirective));"
        )
        tab = context.new_page()
        for path in ("drills/quadruped-rockbacks/", "drills/adductor-quadruped-rockbacks/"):
            tab.goto(base + path, wait_until="networkidle")
            tab.evaluate("Promise.all([...document.images].map(image => image.decode()))")
            shown = tab.evaluate(
                """() => [...document.querySelectorAll('.drill-figures img')].map(image => ({
                    src: image.currentSrc, complete: image.complete, natural: image.naturalWidth}))"""
            )
            assert shown, path
            for image in shown:
                assert image["complete"] and image["natural"] > 0, image
                assert image["src"].startswith(base + "pictures/"), image
            if path == "drills/quadruped-rockbacks/":
                assert shown[0]["src"].endswith(".webp"), shown[0]
            requested = tab.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
            assert all(url.startswith(base) for url in requested), requested
            assert tab.evaluate("window.__blocked") == [], path
        context.close()


# Each thumbnail's box and how its picture fills it, as shown: photos (and drawings from files) and
# drawn figures, with the picture's own size.
THUMBNAILS = """selector => [...document.querySelectorAll(selector)].map(element => {
  const box = element.getBoundingClientRect();
  return {file: element.tagName === 'IMG', width: box.width, height: box.height,
          natural: element.tagName === 'IMG' ? [element.naturalWidth, element.naturalHeight] : null,
          fit: getComputedStyle(element).objectFit};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("drills/", ".drill-card .drill-figure--thumb :is(img, svg)"),
        ("handouts/builder/", ".handout-builder__choice .drill-figure--thumb:not([hidden]) :is(img, svg)"),
    ],
)
def test_a_tall_photos_thumbnail_keeps_the_box_of_the_drawn_ones_and_shows_whole(
    pictured: tuple[Build, Build, Path], chromium: Browser, path: str, selector: str, width: int
) -> None:
    """The rockbacks' start photo stands upright, taller than wide. On the drill index and in the
    builder's picker its thumbnail is a 4:3 box, the most a drawn figure's takes, with the whole photo
    in it (contained, never cropped): a tall photo does not make its card or row the tallest."""
    with serve(pictured[0].site) as base:
        context = chromium.new_context(viewport={"width": width, "height": 900})
        try:
            tab = context.new_page()
            tab.goto(base + path, wait_until="networkidle")
            shown = tab.evaluate(THUMBNAILS, selector)
        finally:
            context.close()
    files = [thumb for thumb in shown if thumb["file"]]
    drawn = [thumb for thumb in shown if not thumb["file"]]
    assert drawn and any(thumb["natural"][1] > thumb["natural"][0] for thumb in files), shown
    for thumb in files:
        assert thumb["width"] > 40 and abs(thumb["height"] - thumb["width"] * 3 / 4) <= 1, thumb
        assert thumb["fit"] == "contain", thumb
    for thumb in drawn:
        assert 0 < thumb["height"] <= thumb["width"] * 3 / 4 + 1, thumb


# Where a clinic's photo shows besides its drill page: every place a drawn figure shows. Each link
# must reach a file of the site from the page that holds it.
PHOTO_PLACES = [
    ("drills/", ".drill-card .drill-figure--thumb img"),  # the drill index's card
    ("articles/hip-mobility-drills/", ".drill-figure--thumb img"),  # a program's list in an article
    ("handouts/hip-mobility/", ".handout-drill .drill-figure--print img"),
    ("handouts/hip-mobility/large-print/", ".handout-drill .drill-figure--print img"),
    ("drills/quadruped-rockbacks/", ".handout-drill .drill-figure--print img"),  # "Print this drill"
]
# (The builder's picker and printed blocks show the photos its data names, filled in by its script:
# test_the_builder_loads_every_photo_a_block_may_print_with_the_page below checks them.)


@pytest.mark.parametrize(("path", "selector"), PHOTO_PLACES)
def test_a_photo_shows_wherever_a_drawn_figure_would_and_its_links_reach_the_files(
    pictured: tuple[Build, Build, Path], path: str, selector: str
) -> None:
    build = pictured[0]
    images = page(build, path).select(selector)
    assert images, f"no photo at {selector} on {path}"
    for img in images:
        assert site_file(build, path, img["src"]).is_file(), (path, img["src"])
        for url, _width in srcset(img["srcset"]) if img.get("srcset") else []:
            assert site_file(build, path, url).is_file(), (path, url)
    # a printed sheet loads every picture with the page: a browser prints no picture still to load
    if "--print" in selector:
        assert all(img["loading"] == "eager" for img in images)


def test_the_builder_loads_every_photo_a_block_may_print_with_the_page(
    pictured: tuple[Build, Build, Path],
) -> None:
    """A printed block is made when a drill is chosen (from the page's data); a picture that loaded
    only then would tell the server which drill. Each photo a block shows is one file (no srcset, so
    no other width is picked on another screen) that the page already loads outside the templates:
    its WebP copy first, with its JPEG or PNG as the fallback (an SVG drawing: its one file)."""
    build, path = pictured[0], "handouts/builder/"
    html = page(build, path)
    data = json.loads(html.find("script", id="handout-builder-data").string)
    # a photo in the data is named by its place among the page's hidden, loaded <picture>s
    hidden = html.select(".handout-builder__photos picture")
    photos = [picture.img["src"] for picture in hidden]
    for picture in hidden:
        sources = picture.select("source")
        fallback = picture.img["src"]
        if fallback.endswith(".svg"):
            assert not sources, fallback
            continue
        # the WebP copy of the same print-sized width (320 px for a photo, 480 for a drawing), one file
        [source] = sources
        assert source["type"] == "image/webp" and not picture.img.get("srcset"), fallback
        assert source["srcset"] == re.sub(r"\.(jpg|png)$", ".webp", fallback), (source["srcset"], fallback)
        assert site_file(build, path, source["srcset"]).is_file()
    in_blocks = [
        (language, {**figure, "src": photos[figure["photo"]]})
        for language in data["blocks"]
        for block in block_rows(data, language)
        for figure in block["figures"]
        if "photo" in figure
    ]
    # the rockbacks' start photo, the adductor's PNG and SVG drawings: in the English sheet's blocks
    # and in the Spanish sheet's (the same files, with the Spanish alt text)
    assert Counter(language for language, _figure in in_blocks) == {"en": 3, "es": 3}
    loaded = {img["src"] for img in html.select("img") if not img.find_parent("template")}
    for _language, figure in in_blocks:
        assert figure["src"] in loaded and site_file(build, path, figure["src"]).is_file()
        assert figure["alt"] and figure["width"] > 0 and figure["height"] > 0
    # the pattern block's photo: no file of its own, one <img> and no other source
    for template in html.select("template[data-drill-pattern]"):
        pattern = BeautifulSoup(template.decode_contents(), "html.parser")
        for img in pattern.select(".drill-figure--print img"):
            assert img["src"] == "" and not img.get("srcset")
            assert not img.find_parent("picture").select("source")
            assert img["loading"] == "eager"


@pytest.mark.browser
def test_the_builder_prints_the_clinics_photos_with_no_request_after_load(
    pictured: tuple[Build, Build, Path], chromium: Browser
) -> None:
    """Choosing the drills with photos shows each photo on the sheet, named by its alt, from the copy
    the page loaded at the start (its WebP copy: Chromium takes WebP, and never loads the fallback
    too): no request, in English and in Spanish."""
    build, path = pictured[0], "handouts/builder/"
    html = page(build, path)
    data = json.loads(html.find("script", id="handout-builder-data").string)
    hidden = html.select(".handout-builder__photos picture")
    photos = [picture.img["src"] for picture in hidden]  # the data's photo places
    # what Chromium loads for each: the WebP <source>, or the one file of an SVG drawing
    chosen = [picture.source["srcset"] if picture.source else picture.img["src"] for picture in hidden]
    with serve(build.site) as url:
        context = chromium.new_context()
        try:
            tab = context.new_page()
            at_load: list[str] = []
            tab.on("request", lambda request: at_load.append(request.url))
            tab.goto(url + path, wait_until="networkidle")
            loaded = [u for u in at_load if urlsplit(u).path.startswith("/pictures/")]
            assert sorted(loaded) == sorted(urljoin(url + path, c) for c in chosen)
            assert any(c.endswith(".webp") for c in chosen)
            # and the bench weighs the builder's photos as these files (scripts/bench.py start_files)
            bench = load_file(ROOT / "scripts" / "bench.py")
            counted = bench.start_files(build.site, build.site / path / "index.html")["photos"]
            assert sorted(f.relative_to(build.site.resolve()).as_posix() for f in counted) == sorted(
                urlsplit(u).path.lstrip("/") for u in loaded
            )
            requests: list[str] = []
            tab.on("request", lambda request: requests.append(request.url))
            english = block_rows(data, "en")
            pictured_ids = [b["id"] for b in english if any("photo" in f for f in b["figures"])]
            for drill_id in pictured_ids:
                tab.locator(f'[data-choose][value="{drill_id}"]').first.check()
            for language in ("en", "es"):
                tab.locator("[data-sheet-language-choice]").select_option(language)
                images = tab.locator("[data-builder-sheet]:not([hidden]) .handout-drill__figures img")
                shown = images.evaluate_all(
                    "imgs => imgs.map(img => [img.getAttribute('src'), img.alt,"
                    " img.complete && img.naturalWidth > 0,"
                    " img.closest('.drill-figure').classList.contains('drill-figure--drawing'),"
                    " img.currentSrc])"
                )
                expected = [
                    [photos[p], f["alt"], True, f["drawing"], urljoin(url + path, chosen[p])]
                    for b in block_rows(data, language)
                    if b["id"] in pictured_ids
                    for f in b["figures"]
                    if "photo" in f
                    for p in [f["photo"]]
                ]
                assert shown == expected, language
            assert requests == []
        finally:
            context.close()


def test_a_handout_pdf_prints_the_clinics_photo(tmp_path: Path) -> None:
    """The PDF is printed from where the handout's page is, so the photo's link resolves there too:
    the photo is in the PDF as an image (drawn figures are vector, so it is the only image).

    English only (BUILD_ONLY_LOCALE=en): the English PDFs are the ones read, and the Spanish sheet
    with the photo would be three more PDFs rendered for nothing."""
    project = make_project(tmp_path, warm=True)
    drills = project / "data" / "drills.yml"
    old, new = CHANGES[0]
    drills.write_text(drills.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    write_pictures(project / "pictures", {"rockbacks-start.jpg": ORIGINALS["rockbacks-start.jpg"]})
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "1", **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    for name in ("hip-mobility.pdf", "hip-mobility-large-print.pdf"):
        reader = PdfReader(tmp_path / "site" / "handouts" / name)
        # WeasyPrint lists a document's images in every page's resources: count distinct ones
        images = {image.name: image.image.size for pdf_page in reader.pages for image in pdf_page.images}
        assert len(images) == 1, (name, images)
        # its print-sized copy (320 px: over 200 dots per inch at the sheet's 3.4 to 3.6 cm), not
        # the 1440 px one the page's <img> names for browsers without srcset
        assert [size[0] for size in images.values()] == [320], (name, images)
