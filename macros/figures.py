"""Drill figures: what macros/templates/figure.html draws for each of a drill's pictures.

The pose is solved by the content model (content_model/poses.py), which has already
refused impossible poses; here the body becomes lines and circles in SVG user units,
seen from the side with the far side drawn a little behind (an oblique view, so the far
limbs show beside the near ones). Only numbers and class names leave this module: the
markup lives in the template.
"""

from __future__ import annotations

from dataclasses import dataclass

from content_model import Drill
from content_model.models import Picture
from content_model.poses import BOX_LEFT, BOX_RIGHT, BOX_TOP, HEAD_RADIUS, Body, Vector, solve

SCALE = 10.0  # SVG user units per head height
DEPTH = 0.5  # how far right a point one head height further away is drawn
MARGIN = 0.3  # head heights around the box, so round line ends are not cut
SMALLEST_MOVE = 0.8  # head heights: a part moving less than this gets no arrow


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
    floor: Line
    figure: Drawing
    ghost: Drawing | None  # the first picture's position, shown faintly behind the later ones
    arrow: tuple[Line, ...]  # the path of the part that moves most, with its head


def _point(v: Vector) -> tuple[float, float]:
    return (round((v[0] - DEPTH * v[2]) * SCALE, 1), round(-v[1] * SCALE, 1))


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
    points = [body.hip, body.shoulder, body.head]
    for limb in body.limbs:
        points += [limb.joint, limb.end]
    return points


def _arrow(before: Body, after: Body) -> tuple[Line, ...]:
    """From where the part that moves most was to a little short of where it is."""
    pairs = list(zip(_moving_points(before), _moving_points(after)))
    start, end = max(pairs, key=lambda pair: sum((a - b) ** 2 for a, b in zip(*pair)))
    (x1, y1), (x2, y2) = _point(start), _point(end)
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length < SMALLEST_MOVE * SCALE:
        return ()
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    gap = 0.45 * SCALE  # stop short of the joint, so the arrow does not hide it
    x1, y1, x2, y2 = x1 + ux * gap, y1 + uy * gap, x2 - ux * gap, y2 - uy * gap
    barb = 0.45 * SCALE
    heads = [
        Line(x2, y2, round(x2 - barb * (ux * 0.8 - uy * 0.6), 1), round(y2 - barb * (uy * 0.8 + ux * 0.6), 1)),
        Line(x2, y2, round(x2 - barb * (ux * 0.8 + uy * 0.6), 1), round(y2 - barb * (uy * 0.8 - ux * 0.6), 1)),
    ]
    return (Line(round(x1, 1), round(y1, 1), round(x2, 1), round(y2, 1)), *heads)


def _view(picture: Picture, body: Body, first: Body | None) -> FigureView:
    left, top = (BOX_LEFT - MARGIN) * SCALE, -(BOX_TOP + MARGIN) * SCALE
    width, height = (BOX_RIGHT - BOX_LEFT + 2 * MARGIN) * SCALE, (BOX_TOP + 2 * MARGIN) * SCALE
    return FigureView(
        alt=picture.alt,
        caption=picture.caption,
        view_box=f"{left:g} {top:g} {width:g} {height:g}",
        width=width,
        height=height,
        floor=Line(BOX_LEFT * SCALE, 0.0, BOX_RIGHT * SCALE, 0.0),
        figure=drawing(body),
        ghost=drawing(first) if first is not None else None,
        arrow=_arrow(first, body) if first is not None else (),
    )


def drill_figures(drill: Drill) -> list[FigureView]:
    """The drill's pictures, in order; each after the first shows the first one faintly."""
    bodies = [solve(picture.figure.adjustments()) for picture in drill.pictures]
    return [
        _view(picture, body, bodies[0] if index else None)
        for index, (picture, body) in enumerate(zip(drill.pictures, bodies))
    ]
