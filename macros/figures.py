"""Drill figures: what macros/templates/figure.html draws for each of a drill's pictures.

The pose is solved by the content model (content_model/poses.py), which has already
refused impossible poses; here the body and its props become lines, circles and shapes in
SVG user units, as the picture's view sees them (``poses.project``: from the side, from above
or from the front, each a little oblique so the far limbs show beside the near ones). Only
numbers and class names leave this module: the markup lives in the template.

Every picture is the same number of head heights wide, so every figure is drawn at one scale
and one stroke weight; its height is cut to what the drill's pictures need, the same for all
the pictures of one drill, so its start and end line up.

A picture the clinic supplies as a file (``file:`` instead of ``figure:``) becomes a
:class:`macros.picture_files.PhotoView`, rendered by the same template macro.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import TYPE_CHECKING, Literal

from content_model import Drill
from content_model.models import Picture, Pose
from content_model.poses import (
    BOX_BOTTOM,
    BOX_LEFT,
    BOX_RIGHT,
    EDGE_ON,
    HEAD_RADIUS,
    LIMB_RADIUS,
    TRUNK_RADIUS,
    Body,
    Placed,
    Vector,
    View,
    project,
    solve,
)

from .picture_files import DRILL_PAGE_SIZES, PhotoView, photo_view

if TYPE_CHECKING:  # only for the type: the page context imports the build state, which imports views
    from content_model.picture_files import PictureFileInfo

    from .page_context import PageContext

SCALE = 10.0  # SVG user units per head height
MARGIN = 0.3  # head heights around the box, so round line ends are not cut
SMALLEST_MOVE = 0.8  # head heights: a part moving less than this gets no arrow
ARROW_LONGEST = 2.5  # head heights
ARROW_OFFSET = 0.7  # head heights between the path of the moving part and its arrow
ARROW_RADIUS = 0.15  # half the arrow's stroke, in head heights


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
class Shape:
    """One outline of a prop: an SVG polygon's points ("x,y x,y ...")."""

    points: str


@dataclass(frozen=True)
class PropDrawing:
    name: str  # mat, wall, chair, counter: the template's class figure__prop--<name>
    shapes: tuple[Shape, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Drawing:
    """One figure: far limbs, trunk, head and near limbs, drawn in that order."""

    far: tuple[Line, ...]
    trunk: Line
    head: Dot
    near: tuple[Line, ...]
    girdles: tuple[Line, ...] = ()  # across the hips and the shoulders (seen in the top and front views)


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
    view: str = "side"  # side, top or front
    floor_edge: bool = True  # the floor's edge is drawn (not from above, where the floor is everywhere)
    props: tuple[PropDrawing, ...] = ()  # drawn behind the figure
    kind: Literal["figure"] = "figure"  # figure.html tells a drawn figure from a PhotoView by this


def _point(v: Vector, view: View) -> tuple[float, float]:
    x, y = project(v, view)
    return (round(x * SCALE, 1), round(-y * SCALE, 1))


def _line(a: Vector, b: Vector, view: View) -> Line:
    (x1, y1), (x2, y2) = _point(a, view), _point(b, view)
    return Line(x1, y1, x2, y2)


def drawing(body: Body, view: View = "side") -> Drawing:
    sides: dict[str, list[Line]] = {"near": [], "far": []}
    for limb in body.limbs:
        lines = sides[limb.side]
        lines += [_line(limb.root, limb.joint, view), _line(limb.joint, limb.end, view)]
        if limb.toe is not None:
            lines.append(_line(limb.end, limb.toe, view))
    girdles = []
    for kind in ("leg", "arm"):
        roots = [limb.root for limb in body.limbs if limb.kind == kind]
        if len(roots) == 2:
            girdles.append(_line(roots[0], roots[1], view))
    cx, cy = _point(body.head, view)
    return Drawing(
        far=tuple(sides["far"]),
        trunk=_line(body.hip, body.shoulder, view),
        head=Dot(cx, cy, round(HEAD_RADIUS * SCALE, 1)),
        near=tuple(sides["near"]),
        girdles=tuple(girdles),
    )


def _prop(placed: Placed, view: View) -> PropDrawing:
    shapes = tuple(
        Shape(" ".join(f"{x:g},{y:g}" for x, y in (_point(p, view) for p in shape)))
        for shape in placed.shapes
    )
    lines = tuple(_line(a, b, view) for a, b in placed.open_lines)
    return PropDrawing(placed.name, shapes, lines)


def _moving_points(body: Body) -> list[Vector]:
    """The parts a drill's steps move: the hips and the feet."""
    return [body.hip, *(limb.end for limb in body.limbs if limb.kind == "leg")]


def _arrow(before: Body, after: Body, view: View) -> tuple[Line, ...]:
    """From where the part that moves most was to a little short of where it is."""
    pairs = [
        (_point(a, view), _point(b, view))
        for a, b in zip(_moving_points(before), _moving_points(after), strict=True)
    ]
    (x1, y1), (x2, y2) = max(
        pairs, key=lambda pair: (pair[0][0] - pair[1][0]) ** 2 + (pair[0][1] - pair[1][1]) ** 2
    )
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


def _extent(body: Body, view: View) -> list[tuple[float, float, float]]:
    """Every drawn point of a body and its props, as (x, y in the view, its radius)."""
    points = [(body.head, HEAD_RADIUS), (body.hip, TRUNK_RADIUS), (body.shoulder, TRUNK_RADIUS)]
    for limb in body.limbs:
        points += [(p, LIMB_RADIUS) for p in (limb.root, limb.joint, limb.end, limb.toe) if p is not None]
    # a mat seen from above is part of the picture; a counter or a wall may run out of it
    for placed in body.props:
        if placed.name == "chair" or (placed.name == "mat" and view not in EDGE_ON):
            points += [(p, 0.0) for shape in placed.shapes for p in shape]
    return [(*project(p, view), r) for p, r in points]


def _frame(bodies: list[Body], view: View, arrows: tuple[Line, ...] = ()) -> tuple[float, float, float]:
    """The middle, top and bottom of a drill's pictures, in head heights: what all its figures need.

    Every picture is as wide; it is centred on what it shows where that fits (the body always
    fits: the content model checked it is inside the box).
    """
    points = [point for body in bodies for point in _extent(body, view)]
    ends = [(x, y) for line in arrows for x, y in ((line.x1, line.y1), (line.x2, line.y2))]
    points += [(x / SCALE, -y / SCALE, ARROW_RADIUS) for x, y in ends]
    top = max(y + r for _, y, r in points) + MARGIN
    bottom = min(y - r for _, y, r in points) - MARGIN
    if view in EDGE_ON:
        bottom = min(bottom, BOX_BOTTOM + 0.5)  # a band of floor under every figure seen from the side
    half = (BOX_RIGHT - BOX_LEFT) / 2
    middle = (max(x + r for x, _, r in points) + min(x - r for x, _, r in points)) / 2
    body_points = [point for body in bodies for point in _extent(_bare(body), view)]
    low = max(x + r for x, _, r in body_points) - half  # the body stays inside the picture
    high = min(x - r for x, _, r in body_points) + half
    return min(max(middle, low), high), top, bottom


def _bare(body: Body) -> Body:
    return replace(body, props=())


def _view(
    picture: Picture,
    body: Body,
    first: Body | None,
    frame: tuple[float, float, float],
    view: View,
    arrow: tuple[Line, ...],
) -> FigureView:
    middle, top, bottom = frame
    left = (middle + BOX_LEFT - MARGIN) * SCALE
    width, height = (BOX_RIGHT - BOX_LEFT + 2 * MARGIN) * SCALE, (top - bottom) * SCALE
    floor_y = 0.0 if view in EDGE_ON else -top * SCALE  # from above, the floor fills the picture
    return FigureView(
        alt=picture.alt,
        caption=picture.caption,
        view_box=f"{left:g} {-top * SCALE:g} {width:g} {height:g}",
        width=width,
        height=round(height, 1),
        floor=Line(left, floor_y, left + width, floor_y),
        ground_height=round(-bottom * SCALE - floor_y, 1) if view in EDGE_ON else 0.0,
        figure=drawing(body, view),
        ghost=drawing(first, view) if first is not None else None,
        arrow=arrow,
        view=view,
        floor_edge=view in EDGE_ON,
        props=tuple(_prop(placed, view) for placed in body.props),
    )


def pose_figures(drill: Drill) -> list[FigureView | None]:
    """The drill's pictures drawn from poses, in order (None for a picture from a file).

    Each after the first shows the first one faintly, when the first is drawn too, unless its hands
    hold the body (a thigh pulled toward the chest): the start's arms and legs would then run
    through the hold, the part a patient has to copy, and the start is shown beside it anyway; the
    arrow shows the movement. The drawn pictures of one drill seen from one view share their
    height, so the start and the end line up; the ghost and the arrow are drawn in each later
    picture's own view.
    """
    bodies = [solve(p.figure.adjustments()) if p.figure is not None else None for p in drill.pictures]
    views: list[View | None] = [p.figure.view if p.figure is not None else None for p in drill.pictures]
    first = bodies[0] if bodies else None
    arrows = [
        _arrow(first, body, view) if index and first is not None and body is not None and view else ()
        for index, (body, view) in enumerate(zip(bodies, views, strict=True))
    ]
    frames = {}
    for view in {v for v in views if v is not None}:
        shown = [index for index, v in enumerate(views) if v == view]
        ghosted = [first] if first is not None and any(shown) else []  # the start, faint in a later one
        frames[view] = _frame(
            [*(bodies[i] for i in shown if bodies[i] is not None), *ghosted],
            view,
            tuple(line for i in shown for line in arrows[i]),
        )
    return [
        _view(picture, body, first if i and not body.holds else None, frames[view], view, arrows[i])
        if body is not None and view is not None
        else None
        for i, (picture, body, view) in enumerate(zip(drill.pictures, bodies, views, strict=True))
    ]


class DrawnFigures:
    """Each drill's figures, drawn once per build (``BuildState.figures``): its page, its cards,
    its printed sheets and its link preview show the same views, which are not drawn again for each.
    The languages' builds of one site share it (macros/state.py, start_build).

    Kept by the drill object itself, which the build's content holds unchanged until the build ends.
    A drill's translation is another object with the same poses (data/<language>/ holds texts only):
    it gets the same drawings, with its own alt text and captions, not drawn again.
    """

    def __init__(self) -> None:
        self._drawn: dict[int, tuple[Drill, tuple[FigureView | None, ...]]] = {}
        # by drill id: (the poses drawn, their views), for the drill's other languages
        self._by_id: dict[str, tuple[list[Pose | None], tuple[FigureView | None, ...]]] = {}
        # cropped(views, aspect) by the views' ids and aspect: (the views, kept alive here; their crops)
        self._cropped: dict[tuple[tuple[int, ...], tuple[float, float]], tuple[tuple[FigureView, ...], ...]]
        self._cropped = {}

    def cropped(
        self, views: Sequence[FigureView | PhotoView], aspect: tuple[float, float]
    ) -> tuple[FigureView | PhotoView, ...]:
        """``cropped(views, aspect)``, worked out once per build for the same drawn views (those
        ``of`` gives: a drill's card, page, sheets and PDFs crop the same ones). The frame comes
        from the drawn views alone, so the photos among ``views`` are put back in their places."""
        drawn = tuple(view for view in views if isinstance(view, FigureView))
        key = (tuple(map(id, drawn)), aspect)
        found = self._cropped.get(key)
        if found is None or any(a is not b for a, b in zip(found[0], drawn, strict=True)):
            found = self._cropped[key] = (drawn, cropped(drawn, aspect))  # type: ignore[assignment]
        small = iter(found[1])
        return tuple(next(small) if isinstance(view, FigureView) else view for view in views)

    def of(self, drill: Drill) -> tuple[FigureView | None, ...]:
        """``pose_figures(drill)``, drawn the first time it is asked for."""
        found = self._drawn.get(id(drill))
        if found is None or found[0] is not drill:
            found = (drill, self._in_its_words(drill))
            self._drawn[id(drill)] = found
        return found[1]

    def _in_its_words(self, drill: Drill) -> tuple[FigureView | None, ...]:
        """The drill's views: drawn now, or those of the same drill in another language (the same
        id and the same poses), with this drill's alt text and captions."""
        poses = [picture.figure for picture in drill.pictures]
        other = self._by_id.get(drill.id)
        if other is None or other[0] != poses:
            views = tuple(pose_figures(drill))
            self._by_id[drill.id] = (poses, views)
            return views
        return tuple(
            view
            if view is None or (view.alt, view.caption) == (picture.alt, picture.caption)
            else replace(view, alt=picture.alt, caption=picture.caption)
            for view, picture in zip(other[1], drill.pictures, strict=True)
        )


def drill_figures(
    drill: Drill,
    page: PageContext | None = None,
    *,
    sizes: str = DRILL_PAGE_SIZES,
    eager: int = 1,
    files: Mapping[str, PictureFileInfo] | None = None,
    link: Callable[[str], str] | None = None,
    drawn: DrawnFigures | None = None,
) -> list[FigureView | PhotoView]:
    """The drill's pictures, in order: drawn figures, and the clinic's own pictures from files.

    A picture from a file is linked from the page being rendered: ``page`` gives the checked files
    and the links, or, for a view made once and shown on several pages (a handout and its PDFs),
    ``files`` (Content.picture_files) and ``link`` (site path -> link from where it is shown).
    ``sizes`` says how wide such a picture shows (the drill page's by default); the first
    ``eager`` pictures load at once and the rest lazily: on the drill page the first is above
    the fold, and a thumbnail on a card or in a list can pass ``eager=0`` and its own ``sizes``.
    ``drawn`` (BuildState.figures) keeps the figures drawn once per build.
    """
    if page is not None:
        files, link = page.content.picture_files, page.link
    figures = drawn.of(drill) if drawn is not None else pose_figures(drill)
    views: list[FigureView | PhotoView] = []
    for index, (picture, figure) in enumerate(zip(drill.pictures, figures, strict=True)):
        if figure is not None:
            views.append(figure)
            continue
        if files is None or link is None:
            raise ValueError(
                f"drill '{drill.id}' has a picture from a file ({picture.file}): "
                "call drill_figures with the page, or with files and link, so its files can be linked"
            )
        info = files[str(picture.file)]
        loading = "eager" if index < eager else "lazy"
        views.append(photo_view(picture, info, link, loading=loading, sizes=sizes))
    return views


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
    elif isinstance(value, Shape):
        for pair in value.points.split():
            x, y = pair.split(",")
            yield float(x), float(y), 0.0
    elif isinstance(value, tuple):
        for item in value:
            yield from _points(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            yield from _points(getattr(value, field.name))


def cropped(
    views: Sequence[FigureView | PhotoView], aspect: tuple[float, float]
) -> tuple[FigureView | PhotoView, ...]:
    """The views drawn small: each cut to what the pictures draw (not the whole box every pose may
    use), so the body fills a 3 cm picture on paper or a 120 px thumbnail. The views share one
    frame, so the body keeps its size from start to end; the frame's width for its height stays
    within aspect (lowest, highest), and it stands on the floor, so small pictures line up."""
    drawn = [view for view in views if isinstance(view, FigureView)]  # a photo is shown as it is
    if not drawn:
        return tuple(views)
    # the floor and the ground span the whole box: they are cut with it, not counted in it; so is
    # a mat, which is the floor here (seen from above, a whole mat would shrink the body)
    points = [
        point
        for view in drawn
        for field in fields(view)
        if field.name not in ("floor", "ground_height", "props")
        for point in _points(getattr(view, field.name))
    ]
    props = [prop for view in drawn for prop in view.props if prop.name != "mat"]
    points += [point for prop in props for point in _points(prop)]
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
            # seen from behind or above, the floor has no edge and no band (the mat shows it)
            ground_height=round(top + height, 1) if view.floor_edge else 0.0,
        )
        if isinstance(view, FigureView)
        else view
        for view in views
    )


def paper_figures(
    views: Sequence[FigureView | PhotoView], drawn: DrawnFigures | None = None
) -> tuple[FigureView | PhotoView, ...]:
    """The pictures a printed sheet shows beside the steps: the start and the end (the first and
    the last), so a drill with three or four pictures takes no more room on paper than one with two.
    The drill's page shows them all. Cut to the body (``cropped``), so each is big enough at 3 cm.
    ``drawn``: the build's figures (BuildState.figures), which crop each drill's views once (without
    it, they are cropped now)."""
    drawn = drawn if drawn is not None else DrawnFigures()
    return drawn.cropped([*views[:1], *views[1:][-1:]], PAPER_ASPECT)


def thumbnail(
    views: Sequence[FigureView | PhotoView], drawn: DrawnFigures | None = None
) -> FigureView | PhotoView | None:
    """The first picture, cut to the body for a 120 px thumbnail; None for a drill without pictures.
    ``drawn``: as for paper_figures."""
    drawn = drawn if drawn is not None else DrawnFigures()
    return drawn.cropped(views[:1], THUMB_ASPECT)[0] if views else None


def drawing_key(view: FigureView) -> str:
    """What a picture draws, as a short key: the same for pictures drawn alike (the same pose, props
    and arrow), whatever their words (alt and caption), in every build and every language. The
    builder page draws each drawing once as an SVG <symbol> (macros/handout_builder.py)."""
    drawn = replace(view, alt="", caption=None)
    return hashlib.sha256(repr(drawn).encode("utf-8")).hexdigest()[:16]
