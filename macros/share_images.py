"""The picture of a drill for link previews and search engines: a PNG with an absolute address.

A shared link's preview (Open Graph ``og:image``) and the drill page's JSON-LD
``image`` need a raster file: a preview cannot show the page's inline SVG. Each
drill with pictures gets one (:func:`share_image`):

* when its first picture is the clinic's own photo or PNG drawing, the largest
  JPEG or PNG the site already holds for it (macros/picture_files.py);
* otherwise a PNG of :data:`SIZE` drawn here with Pillow from the same numbers
  as the page's figures (macros/figures.py ``FigureView``: lines and circles in
  the figure's own units, no second geometry), the first and the last picture
  side by side on white, each with its caption, and the drill's name above.

The PNG is made into ``.cache/pictures/`` once, named by a hash of what is drawn,
and published from there like the picture files (hooks/picture_files.py).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass
from typing import Any

from content_model import Content, Drill
from content_model.content_cache import library_version

from .figures import Drawing, DrawnFigures, FigureView, Line, pose_figures
from .picture_files import FOLDER, PictureFiles, largest_fallback

DRAWING = "4"  # how the PNG is drawn: change it whenever the code below draws another picture
SIZE = (1200, 630)  # what Open Graph previews show at full size (1.91 : 1)
SUPERSAMPLE = 2  # drawn this many times larger, then reduced: smooth edges
MARGIN = 48
TITLE_SIZE = 54
CAPTION_SIZE = 40
# Shades of grey (0 black, 255 white): the picture is greyscale, black on white like the printed
# figures, which makes the PNG small and quick to write. INK is the text and the figure; the rest
# are the page's figure colours (docs/stylesheets/site.css .figure) as they look on white: far
# limbs at half strength, the ghost at 18 %, the floor's area at 8 %, the floor line at 70 %.
INK = 34
FAR = 145
GHOST = 214
GHOST_FAR = 234
GROUND = 236
FLOOR = 98
PROP_FILL, PROP_LINE, MAT_FILL = 229, 94, 228  # props: outlines at 75 %, lightly filled (a mat a little more)
# Stroke widths in the figure's own units, as site.css gives them.
LIMB_WIDTH, TRUNK_WIDTH, FLOOR_WIDTH, ARROW_WIDTH = 3.6, 5.4, 1.5, 2.4
GIRDLE_WIDTH, PROP_WIDTH = 4.4, 1.5


@dataclass(frozen=True)
class ShareImage:
    site_path: str  # e.g. pictures/share-3f2a....png; absolute with the site's address
    width: int
    height: int
    media_type: str
    alt: str


def _alt(drill: Drill, indexes: list[int]) -> str:
    parts = []
    for index in indexes:
        picture = drill.pictures[index]
        parts.append(f"{picture.caption}: {picture.alt}" if picture.caption else picture.alt)
    return " ".join(parts)


def share_image(
    drill: Drill, content: Content, pictures: PictureFiles, drawn: DrawnFigures | None = None
) -> ShareImage | None:
    """The drill's preview picture, made (or found in the cache) now; None for a drill without pictures.
    ``drawn``: the build's figures, drawn once (BuildState.figures)."""
    if not drill.pictures:
        return None
    first = drill.pictures[0]
    if first.file is not None:
        info = content.picture_files[first.file]
        if info.format != "SVG":  # previews do not show SVG: a drawn figure, if any, instead
            pictures.picture(info)
            chosen = largest_fallback(info)
            return ShareImage(chosen.site_path, chosen.width, chosen.height, chosen.media_type, first.alt)
    figures = drawn.of(drill) if drawn is not None else pose_figures(drill)
    found = [(i, view) for i, view in enumerate(figures) if view is not None]
    if not found:
        return None
    shown = [found[0], found[-1]] if len(found) > 1 else found
    views = [view for _, view in shown]
    recipe = json.dumps(
        [DRAWING, library_version("pillow"), drill.name, [asdict(v) for v in views]],
        sort_keys=True,
    )
    site_path = f"{FOLDER}/share-{hashlib.sha256(recipe.encode('utf-8')).hexdigest()[:20]}.png"
    pictures.prepare(f"{drill.id} (link preview)", [site_path], lambda: {site_path: draw(drill.name, views)})
    return ShareImage(site_path, SIZE[0], SIZE[1], "image/png", _alt(drill, [i for i, _ in shown]))


def draw(title: str, views: list[FigureView]) -> bytes:
    """The PNG: the title above, each view in a panel of its own with its caption under it."""
    # Imported here: Pillow is needed only when a picture must really be drawn.
    from PIL import Image, ImageDraw, ImageFont  # noqa: PLC0415

    k = SUPERSAMPLE
    width, height = SIZE
    image = Image.new("L", (width * k, height * k), 255)
    pen = ImageDraw.Draw(image)
    title_font = ImageFont.load_default(size=TITLE_SIZE * k)
    caption_font = ImageFont.load_default(size=CAPTION_SIZE * k)
    pen.text(
        (MARGIN * k, MARGIN * k * 0.8),
        _fit(pen, title, title_font, (width - 2 * MARGIN) * k),
        fill=INK,
        font=title_font,
    )
    top = MARGIN * 0.8 + TITLE_SIZE + 36
    bottom = height - MARGIN - CAPTION_SIZE - 16
    gap = 40
    panel_width = (width - 2 * MARGIN - gap * (len(views) - 1)) / len(views)
    crop = _crop(views)
    for number, view in enumerate(views):
        left = MARGIN + number * (panel_width + gap)
        box = _panel(crop, left, top, panel_width, bottom - top)
        _figure(pen, view, box, k)
        if view.caption:
            text_width = pen.textlength(view.caption, font=caption_font)
            x = (box["left"] + box["width"] / 2) * k - text_width / 2
            pen.text((x, (box["top"] + box["height"] + 14) * k), view.caption, fill=INK, font=caption_font)
    out = io.BytesIO()
    image.resize(SIZE, Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return out.getvalue()


def _fit(pen: Any, text: str, font: Any, room: float) -> str:
    """The text, cut with an ellipsis if it is wider than the room."""
    if pen.textlength(text, font=font) <= room:
        return text
    while text and pen.textlength(text + "…", font=font) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _points(view: FigureView) -> list[tuple[float, float, float]]:
    """Every point drawn, with the room it needs around it (half a stroke, or the head's radius)."""
    points: list[tuple[float, float, float]] = []
    for drawing in (view.figure, view.ghost):
        if drawing is None:
            continue
        for line in (*drawing.far, *drawing.girdles, drawing.trunk, *drawing.near):
            points += [(line.x1, line.y1, TRUNK_WIDTH / 2), (line.x2, line.y2, TRUNK_WIDTH / 2)]
        points.append((drawing.head.cx, drawing.head.cy, drawing.head.r))
    for prop in view.props:
        for line in prop.lines:
            points += [(line.x1, line.y1, PROP_WIDTH), (line.x2, line.y2, PROP_WIDTH)]
        points += [(x, y, PROP_WIDTH) for shape in prop.shapes for x, y in _corners(shape.points)]
    for line in view.arrow:
        points += [(line.x1, line.y1, ARROW_WIDTH), (line.x2, line.y2, ARROW_WIDTH)]
    return points


def _crop(views: list[FigureView]) -> tuple[float, float, float, float]:
    """The part of the figures' box that holds something, the same for every panel (so they share
    one scale): the figures with a little room, and the floor with a strip of its area."""
    points = [p for view in views for p in _points(view)]
    room = 6.0  # figure units
    left = min(x - r for x, _, r in points) - room
    right = max(x + r for x, _, r in points) + room
    top = min(y - r for _, y, r in points) - room
    bottom = max(max(y + r for _, y, r in points), 0.0) + min(v.ground_height for v in views) / 2
    return left, top, right - left, bottom - top


def _corners(points: str) -> list[tuple[float, float]]:
    """A polygon's corners from its SVG points ("x,y x,y ...")."""
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in points.split())]


def _panel(
    crop: tuple[float, float, float, float], left: float, top: float, width: float, height: float
) -> dict[str, float]:
    """Where the cropped figure goes in its panel: as large as fits, centred."""
    box_left, box_top, box_width, box_height = crop
    scale = min(width / box_width, height / box_height)
    shown_width, shown_height = box_width * scale, box_height * scale
    return {
        "left": left + (width - shown_width) / 2,
        "top": top + (height - shown_height) / 2,
        "width": shown_width,
        "height": shown_height,
        "scale": scale,
        "x0": box_left,
        "y0": box_top,
        "x1": box_left + box_width,
        "y1": box_top + box_height,
    }


def _figure(pen: Any, view: FigureView, box: dict[str, float], k: int) -> None:
    def at(x: float, y: float) -> tuple[float, float]:
        scale = box["scale"]
        return ((box["left"] + (x - box["x0"]) * scale) * k, (box["top"] + (y - box["y0"]) * scale) * k)

    def stroke(line: Line, colour: int, width: float, round_ends: bool = True) -> None:
        a, b = at(line.x1, line.y1), at(line.x2, line.y2)
        pixels = width * box["scale"] * k
        pen.line([a, b], fill=colour, width=max(1, round(pixels)))
        if round_ends:
            r = pixels / 2
            for x, y in (a, b):
                pen.ellipse([x - r, y - r, x + r, y + r], fill=colour)

    def body(drawing: Drawing, near: int, far: int) -> None:
        for line in drawing.far:
            stroke(line, far, LIMB_WIDTH)
        for line in drawing.girdles:
            stroke(line, near, GIRDLE_WIDTH)
        stroke(drawing.trunk, near, TRUNK_WIDTH)
        (cx, cy), r = at(drawing.head.cx, drawing.head.cy), drawing.head.r * box["scale"] * k
        pen.ellipse([cx - r, cy - r, cx + r, cy + r], fill=near)
        for line in drawing.near:
            stroke(line, near, LIMB_WIDTH)

    # the floor's edge and its area, cut to the panel; a view from above or behind has no edge,
    # and the page draws no floor area there either (the mat, if any, shows where the floor is)
    if view.floor_edge:
        floor = Line(box["x0"], view.floor.y1, box["x1"], view.floor.y2)
        pen.rectangle([at(floor.x1, floor.y1), at(floor.x2, box["y1"])], fill=GROUND)
        stroke(floor, FLOOR, FLOOR_WIDTH, round_ends=False)
    for prop in view.props:  # behind the figure, as on the page
        fill = MAT_FILL if prop.name == "mat" else PROP_FILL
        for shape in prop.shapes:
            pen.polygon(
                [at(x, y) for x, y in _corners(shape.points)],
                fill=fill,
                outline=PROP_LINE,
                width=max(1, round(PROP_WIDTH * box["scale"] * k)),
            )
        for line in prop.lines:
            stroke(line, PROP_LINE, PROP_WIDTH)
    if view.ghost is not None:
        body(view.ghost, GHOST, GHOST_FAR)
    body(view.figure, INK, FAR)
    for line in view.arrow:
        stroke(line, INK, ARROW_WIDTH)
