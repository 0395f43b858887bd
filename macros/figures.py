"""Drill figures: what macros/templates/figure.html draws for each of a drill's pictures.

The pose is solved by the content model (content_model/poses.py), which has already
refused impossible poses; here the body becomes lines and circles in SVG user units,
seen from the side with the far side drawn a little behind (an oblique view, so the far
limbs show beside the near ones). Only numbers and class names leave this module: the
markup lives in the template.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass, replace

from content_model import Drill
from content_model.models import Picture
from content_model.poses import BOX_DEPTH, BOX_LEFT, BOX_RIGHT, BOX_TOP, HEAD_RADIUS, Body, Vector, solve

SCALE = 10.0  # SVG user units per head height
# The view: from the near side and a little above, so a point one head height nearer is drawn
# DEPTH_X to the left and DEPTH_Y lower (the far limbs show beside the near ones; a leg out
# to the side comes toward the viewer).
DEPTH_X = 0.3
DEPTH_Y = 0.18
MARGIN = 0.3  # head heights around the box, so round line ends are not cut
SMALLEST_MOVE = 0.8  # head heights: a part moving less than this gets no arrow
ARROW_LONGEST = 2.5  # head heights
ARROW_OFFSET = 0.7  # head heights between the path of the moving part and its arrow


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Dot:
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Drawing:
    """One figure: far limbs, trunk, head and near limbs, drawn in that order."""

    far: tuple[Line, ...]
    trunk: Line
    head: Dot
    near: tuple[Line, ...]


@dataclass(frozen=True)
class FigureView:
    alt: str
    caption: str | None
    view_box: str
    width: float
    height: float
    floor: Line  # the floor's back edge
    ground_height: float  # the floor's area runs from the edge to the bottom of the picture
    figure: Drawing
    ghost: Drawing | None  # the first picture's position, shown faintly behind the later ones
    arrow: tuple[Line, ...]  # the path of the part that moves most, with its head


def _point(v: Vector) -> tuple[float, float]:
    return (round((v[0] - DEPTH_X * v[2]) * SCALE, 1), round(-(v[1] - DEPTH_Y * v[2]) * SCALE, 1))


def _line(a: Vector, b: Vector) -> Line:
    (x1, y1), (x2, y2) = _point(a), _point(b)
    return Line(x1, y1, x2, y2)


def drawing(body: Body) -> Drawing:
    sides: dict[str, list[Line]] = {"near": [], "far": []}
    for limb in body.limbs:
        lines = sides[limb.side]
        lines += [_line(limb.root, limb.joint), _line(limb.joint, limb.end)]
        if limb.toe is not None:
            lines.append(_line(limb.end, limb.toe))
    cx, cy = _point(body.head)
    return Drawing(
        far=tuple(sides["far"]),
        trunk=_line(body.hip, body.shoulder),
        head=Dot(cx, cy, round(HEAD_RADIUS * SCALE, 1)),
        near=tuple(sides["near"]),
    )


def _moving_points(body: Body) -> list[Vector]:
    """The parts a drill's steps move: the hips and the feet."""
    return [body.hip, *(limb.end for limb in body.limbs if limb.kind == "leg")]


def _arrow(before: Body, after: Body) -> tuple[Line, ...]:
    """From where the part that moves most was to a little short of where it is."""
    pairs = list(zip(_moving_points(before), _moving_points(after), strict=True))
    start, end = max(pairs, key=lambda pair: sum((a - b) ** 2 for a, b in zip(*pair, strict=True)))
    (x1, y1), (x2, y2) = _point(start), _point(end)
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length < SMALLEST_MOVE * SCALE:
        return ()
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    gap = 0.45 * SCALE  # stop short of the joint, so the arrow does not hide it
    gap_start = max(gap, length - gap - ARROW_LONGEST * SCALE)  # a long path gets an arrow near its end
    # beside the path, on the side away from the floor where it can, so it does not cover the body
    lift = ARROW_OFFSET * SCALE * (1 if ux >= 0 else -1)
    x1, y1 = x1 + ux * gap_start + uy * lift, y1 + uy * gap_start - ux * lift
    x2, y2 = x2 - ux * gap + uy * lift, y2 - uy * gap - ux * lift
    barb = 0.45 * SCALE
    heads = [
        Line(
            x2, y2, round(x2 - barb * (ux * 0.8 - uy * 0.6), 1), round(y2 - barb * (uy * 0.8 + ux * 0.6), 1)
        ),
        Line(
            x2, y2, round(x2 - barb * (ux * 0.8 + uy * 0.6), 1), round(y2 - barb * (uy * 0.8 - ux * 0.6), 1)
        ),
    ]
    return (Line(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)), *heads)


def _view(picture: Picture, body: Body, first: Body | None) -> FigureView:
    # the box, widened by how far the view shifts the nearest and furthest points
    side, below = MARGIN + DEPTH_X * BOX_DEPTH, MARGIN + DEPTH_Y * BOX_DEPTH
    left, top = (BOX_LEFT - side) * SCALE, -(BOX_TOP + MARGIN) * SCALE
    width, height = (BOX_RIGHT - BOX_LEFT + 2 * side) * SCALE, (BOX_TOP + MARGIN + below) * SCALE
    return FigureView(
        alt=picture.alt,
        caption=picture.caption,
        view_box=f"{left:g} {top:g} {width:g} {height:g}",
        width=width,
        height=height,
        floor=Line((BOX_LEFT - side) * SCALE, 0.0, (BOX_RIGHT + side) * SCALE, 0.0),
        ground_height=below * SCALE,
        figure=drawing(body),
        ghost=drawing(first) if first is not None else None,
        arrow=_arrow(first, body) if first is not None else (),
    )


def drill_figures(drill: Drill) -> list[FigureView]:
    """The drill's pictures, in order; each after the first shows the first one faintly."""
    bodies = [solve(picture.figure.adjustments()) for picture in drill.pictures]
    return [
        _view(picture, body, bodies[0] if index else None)
        for index, (picture, body) in enumerate(zip(drill.pictures, bodies, strict=True))
    ]


THUMB_ASPECT = (1.6, 1.6)  # width / height of a thumbnail: all alike, so a list of them lines up
PAPER_ASPECT = (1.5, 2.2)  # on paper: a lying figure takes less height than a kneeling one
SMALL_PAD = 0.6  # head heights around the drawn parts of a cropped picture


def _points(value: object) -> Iterator[tuple[float, float, float]]:
    """Every drawn point of a part of a view, with how far its drawing reaches around it."""
    if isinstance(value, Line):
        yield value.x1, value.y1, 0.0
        yield value.x2, value.y2, 0.0
    elif isinstance(value, Dot):
        yield value.cx, value.cy, value.r
    elif isinstance(value, tuple):
        for item in value:
            yield from _points(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _points(getattr(value, field.name))


def cropped(
    views: tuple[FigureView, ...] | list[FigureView], aspect: tuple[float, float]
) -> tuple[FigureView, ...]:
    """The views drawn small: each cut to what the pictures draw (not the whole box every pose may
    use), so the body fills a 3 cm picture on paper or a 120 px thumbnail. The views share one
    frame, so the body keeps its size from start to end; the frame's width for its height stays
    within aspect (lowest, highest), and it stands on the floor, so small pictures line up."""
    if not views:
        return ()
    # the floor and the ground span the whole box: they are cut with it, not counted in it
    points = [
        point
        for view in views
        for field in fields(view)
        if field.name not in ("floor", "ground_height")
        for point in _points(getattr(view, field.name))
    ]
    pad = SMALL_PAD * SCALE
    left = min(x - r for x, _y, r in points) - pad
    right = max(x + r for x, _y, r in points) + pad
    top = min(y - r for _x, y, r in points) - pad
    bottom = max(max(y + r for _x, y, r in points), 0.0) + pad
    width, height = right - left, bottom - top
    narrowest, widest = aspect
    if width < height * narrowest:  # tall: widen both ways
        left -= (height * narrowest - width) / 2
        width = height * narrowest
    elif width > height * widest:  # wide: higher, keeping the floor where it is
        top -= width / widest - height
        height = width / widest
    left, top, width, height = (round(n, 1) for n in (left, top, width, height))
    return tuple(
        replace(
            view,
            view_box=f"{left:g} {top:g} {width:g} {height:g}",
            width=width,
            height=height,
            floor=Line(left, 0.0, round(left + width, 1), 0.0),
            ground_height=round(top + height, 1),
        )
        for view in views
    )


def paper_figures(views: list[FigureView]) -> tuple[FigureView, ...]:
    """The pictures a printed sheet shows beside the steps: the start and the end (the first and
    the last), so a drill with three or four pictures takes no more room on paper than one with two.
    The drill's page shows them all. Cut to the body (``cropped``), so each is big enough at 3 cm."""
    return cropped(views[:1] + views[1:][-1:], PAPER_ASPECT)


def thumbnail(views: list[FigureView]) -> FigureView | None:
    """The first picture, cut to the body for a 120 px thumbnail; None for a drill without pictures."""
    return cropped(views[:1], THUMB_ASPECT)[0] if views else None


def symbol_id(drill_id: str, index: int) -> str:
    """The id of a drill's printed picture (0: start, 1: end), drawn once as an SVG <symbol>
    on the builder page."""
    return f"figure-{drill_id}-{index + 1}"

