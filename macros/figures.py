"""Drill figures: what macros/templates/figure.html draws for each of a drill's pictures.

The pose is solved by the content model (content_model/poses.py), which has already
refused impossible poses; here the body becomes lines and circles in SVG user units,
seen from the side with the far side drawn a little behind (an oblique view, so the far
limbs show beside the near ones). Only numbers and class names leave this module: the
markup lives in the template.

A picture the clinic supplies as a file (``file:`` instead of ``figure:``) becomes a
:class:`macros.picture_files.PhotoView`, rendered by the same template macro.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from content_model import Drill
from content_model.models import Picture
from content_model.poses import BOX_DEPTH, BOX_LEFT, BOX_RIGHT, BOX_TOP, HEAD_RADIUS, Body, Vector, solve

from .picture_files import DRILL_PAGE_SIZES, PhotoView, photo_view

if TYPE_CHECKING:  # only for the type: the page context imports the build state, which imports views
    from .page_context import PageContext

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
    kind: Literal["figure"] = "figure"  # figure.html tells a drawn figure from a PhotoView by this


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


def pose_figures(drill: Drill) -> list[FigureView | None]:
    """The drill's pictures drawn from poses, in order (None for a picture from a file); each after
    the first shows the first one faintly, when the first is drawn too."""
    bodies = [solve(p.figure.adjustments()) if p.figure is not None else None for p in drill.pictures]
    first = bodies[0] if bodies else None
    return [
        _view(picture, body, first if index else None) if body is not None else None
        for index, (picture, body) in enumerate(zip(drill.pictures, bodies, strict=True))
    ]


def drill_figures(
    drill: Drill, page: PageContext | None = None, *, sizes: str = DRILL_PAGE_SIZES, eager: int = 1
) -> list[FigureView | PhotoView]:
    """The drill's pictures, in order: drawn figures, and the clinic's own pictures from files.

    A picture from a file needs ``page`` (its files are linked from the page being rendered).
    ``sizes`` says how wide such a picture shows (the drill page's by default); the first
    ``eager`` pictures load at once and the rest lazily: on the drill page the first is above
    the fold, and a thumbnail on a card or in a list can pass ``eager=0`` and its own ``sizes``.
    """
    views: list[FigureView | PhotoView] = []
    for index, (picture, drawn) in enumerate(zip(drill.pictures, pose_figures(drill), strict=True)):
        if drawn is not None:
            views.append(drawn)
            continue
        if page is None:
            raise ValueError(
                f"drill '{drill.id}' has a picture from a file ({picture.file}): "
                "call drill_figures(drill, page) so its files can be linked from the page"
            )
        info = page.content.picture_files[str(picture.file)]
        loading = "eager" if index < eager else "lazy"
        views.append(photo_view(picture, info, page.link, loading=loading, sizes=sizes))
    return views
