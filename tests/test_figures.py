"""Drill figures drawn from pose data: the model's refusals, the geometry, and the drill pages."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Browser

import content_model
from conftest import ROOT, Build
from content_model import ContentError, ContentErrors
from content_model.poses import (
    CHAIR_BACK_HEIGHT,
    CHAIR_STANDING_X,
    COUNTER_HEIGHT,
    COUNTER_X,
    FOREARM,
    LIMB_RADIUS,
    SEAT_BACK,
    SEAT_FRONT,
    SEAT_HEIGHT,
    SHIN,
    THIGH,
    TRUNK_RADIUS,
    UPPER_ARM,
    WALL_X,
    Adjustments,
    bend_of,
    distance,
    project,
    solve,
)
from macros.figures import SCALE, SMALLEST_MOVE, drill_figures, paper_figures, thumbnail

CONTENT = content_model.load(ROOT / "data")

CLINIC = """\
name: Test Clinic
phone: 866-588-0230
call_to_action:
  heading: Get help
  text: Call us today.
"""

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
      figure: {base: hands_and_knees}
    - alt: Hips rocked back toward the heels.
      caption: End
      figure:
        base: hands_and_knees
        hips_back: 0.5
"""
CAUSES = "- id: stiff-hips\n  title: Stiff hips\n  summary: Stiff hips make your back work harder.\n"
PROGRAMS = "- id: hips\n  title: Hips\n  summary: One drill.\n  drills: [rockbacks]\n"
END_FIGURE = "      figure:\n        base: hands_and_knees\n        hips_back: 0.5\n"


def load(tmp_path: Path, drills: str) -> content_model.Content:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "clinic.yml").write_text(CLINIC, encoding="utf-8")
    (data / "drills.yml").write_text(drills, encoding="utf-8")
    (data / "root_causes.yml").write_text(CAUSES, encoding="utf-8")
    (data / "programs.yml").write_text(PROGRAMS, encoding="utf-8")
    return content_model.load(data, shown_dir="data")


def refusal(tmp_path: Path, drills: str) -> ContentError:
    with pytest.raises(ContentErrors) as caught:
        load(tmp_path, drills)
    errors = [e for e in caught.value.errors if e.severity == "error"]
    assert len(errors) == 1, [e.plain() for e in errors]
    return errors[0]


def with_end_figure(figure: str) -> str:
    assert END_FIGURE in DRILL
    return DRILL.replace(END_FIGURE, figure)


def test_small_drill_with_pictures_loads(tmp_path: Path) -> None:
    drill = load(tmp_path, DRILL).drill("rockbacks")
    assert [p.caption for p in drill.pictures] == ["Start", "End"]
    assert drill.pictures[1].figure.hips_back == 0.5


def test_joint_beyond_its_range_is_refused_with_file_and_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, DRILL.replace("hips_back: 0.5", "hips_back: 1"))
    assert (error.file, error.line, error.field) == ("data/drills.yml", 14, "drills[0].pictures[1].figure")
    assert "the near knee would bend 180 degrees; a knee bends 150 degrees at most" in error.message
    assert "change hips_back" in error.message


def test_limb_below_the_floor_is_refused_with_file_and_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, with_end_figure("      figure: {base: lying_on_back, trunk_lean: -20}\n"))
    assert (error.file, error.line, error.field) == ("data/drills.yml", 14, "drills[0].pictures[1].figure")
    assert "would be below the floor" in error.message
    assert "change trunk_lean" in error.message


def test_figure_outside_its_box_is_refused_with_file_and_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, with_end_figure("      figure: {base: standing, arm_raise: 180}\n"))
    assert (error.file, error.line, error.field) == ("data/drills.yml", 14, "drills[0].pictures[1].figure")
    assert "the far elbow would be outside the picture" in error.message
    assert "change arm_raise" in error.message


@pytest.mark.parametrize(
    ("figure", "problem", "change"),
    [
        (
            "{base: standing, arm_raise: 180, view: three_quarter}",
            "far hand would be outside the picture",
            "arm_raise",
        ),
        (
            "{base: lying_on_back, near_leg: over_knee, trunk_lean: -20, view: three_quarter}",
            "would be below the floor",
            "trunk_lean",
        ),
    ],
)
def test_the_three_quarter_view_refuses_what_it_cannot_draw_with_file_and_line(
    tmp_path: Path, figure: str, problem: str, change: str
) -> None:
    error = refusal(tmp_path, with_end_figure(f"      figure: {figure}\n"))
    assert (error.file, error.line, error.field) == ("data/drills.yml", 14, "drills[0].pictures[1].figure")
    assert problem in error.message and f"change {change}" in error.message


def test_adjustment_for_another_base_is_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, with_end_figure("      figure: {base: half_kneel, hips_back: 0.5}\n"))
    assert error.line == 14
    assert error.message.startswith("hips_back does not apply to base half_kneel: it is for hands_and_knees")


def test_adjustment_out_of_its_range_or_not_a_number_is_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, DRILL.replace("hips_back: 0.5", "hips_back: 2"))
    assert (error.line, error.field) == (16, "drills[0].pictures[1].figure.hips_back")
    error = refusal(tmp_path / "b", DRILL.replace("hips_back: 0.5", "hips_back: '0.5'"))
    assert (error.line, error.field) == (16, "drills[0].pictures[1].figure.hips_back")


def test_unknown_pose_key_and_unknown_base_are_refused(tmp_path: Path) -> None:
    error = refusal(tmp_path, DRILL.replace("hips_back: 0.5", "hips_bak: 0.5"))
    assert (error.line, error.field) == (16, "drills[0].pictures[1].figure.hips_bak")
    error = refusal(tmp_path / "b", DRILL.replace("{base: hands_and_knees}", "{base: sitting}"))
    assert (error.line, error.field) == (11, "drills[0].pictures[0].figure.base")


def test_picture_needs_plain_alt_text(tmp_path: Path) -> None:
    error = refusal(
        tmp_path,
        DRILL.replace(
            "    - alt: Hips rocked back toward the heels.\n      caption: End\n", "    - caption: End\n"
        ),
    )
    assert (error.line, error.field) == (12, "drills[0].pictures[1].alt")
    error = refusal(tmp_path / "b", DRILL.replace("Hips rocked back", "<b>Hips</b> rocked back"))
    assert error.field == "drills[0].pictures[1].alt"
    assert "contains HTML" in error.message


def test_one_to_four_pictures(tmp_path: Path) -> None:
    frame = "    - alt: On hands and knees.\n      figure: {base: hands_and_knees}\n"
    error = refusal(tmp_path, DRILL.replace("  pictures:\n", "  pictures:\n" + frame * 3))
    assert error.field == "drills[0].pictures"
    assert "at most 4" in error.message
    empty = DRILL[: DRILL.index("  pictures:")] + "  pictures: []\n"
    assert refusal(tmp_path / "b", empty).field == "drills[0].pictures"


SEED_POSES = [(d.id, i, p.figure) for d in CONTENT.drills for i, p in enumerate(d.pictures)]


@pytest.mark.parametrize(
    ("drill_id", "index", "pose"), SEED_POSES, ids=[f"{d}-{i}" for d, i, _ in SEED_POSES]
)
def test_limb_lengths_never_change_and_contacts_sit_on_the_floor(
    drill_id: str, index: int, pose: object
) -> None:
    body = solve(pose.adjustments())  # type: ignore[attr-defined]
    for limb in body.limbs:
        first, second = (THIGH, SHIN) if limb.kind == "leg" else (UPPER_ARM, FOREARM)
        assert distance(limb.root, limb.joint) == pytest.approx(first, abs=1e-9), limb.name
        assert distance(limb.joint, limb.end) == pytest.approx(second, abs=1e-9), limb.name
        assert 0 <= bend_of(limb) <= 150, limb.name
    lying = body.hip[1] == pytest.approx(TRUNK_RADIUS, abs=1e-9)  # the back rests on the floor
    assert body.contacts or lying, "every figure rests on the floor somewhere"
    for contact in body.contacts:
        assert contact[1] == pytest.approx(LIMB_RADIUS, abs=1e-9)


def test_rocking_back_keeps_hands_and_knees_where_they_were() -> None:
    start, end = (
        solve(Adjustments(base="hands_and_knees")),
        solve(Adjustments(base="hands_and_knees", hips_back=0.5)),
    )
    assert start.contacts == end.contacts
    assert end.hip[0] < start.hip[0] and end.hip[1] < start.hip[1]


def test_an_impossible_pose_in_the_new_positions_is_refused_with_file_and_line(tmp_path: Path) -> None:
    error = refusal(
        tmp_path,
        with_end_figure("      figure: {base: standing, near_leg: step_back, forward: 1, props: [chair]}\n"),
    )
    assert (error.file, error.line, error.field) == ("data/drills.yml", 14, "drills[0].pictures[1].figure")
    assert (
        "the near hip would bend 35 degrees backward; a hip bends 30 degrees backward at most"
        in error.message
    )
    assert "change forward or near_leg" in error.message
    error = refusal(
        tmp_path / "b", with_end_figure("      figure: {base: standing, hips_back: 1, props: [counter]}\n")
    )
    assert error.line == 14
    assert "elbow would bend 166 degrees" in error.message
    error = refusal(
        tmp_path / "c",
        with_end_figure(
            "      figure: {base: seated, near_leg: over_knee, trunk_lean: 90, props: [chair]}\n"
        ),
    )
    assert error.line == 14
    assert "the far hip would bend 174 degrees forward; a hip bends 150" in error.message
    assert "change trunk_lean or near_leg" in error.message


def test_an_unknown_view_is_refused_with_its_line(tmp_path: Path) -> None:
    error = refusal(tmp_path, DRILL.replace("hips_back: 0.5", "hips_back: 0.5\n        view: under"))
    assert (error.file, error.line, error.field) == (
        "data/drills.yml",
        17,
        "drills[0].pictures[1].figure.view",
    )
    assert error.message == "must be one of side, top, above, front, behind, three_quarter (got 'under')"


@pytest.mark.parametrize(
    ("figure", "line", "message"),
    [
        (
            "{base: hands_and_knees, props: [counter]}",
            14,
            "props: counter does not go with base hands_and_knees: a counter takes the hands of a "
            "standing figure; remove it from props",
        ),
        ("{base: standing, props: [mat]}", 14, "props: mat does not go with base standing"),
        ("{base: seated}", 14, "base seated needs a chair to sit on: add props: [chair]"),
        ("{base: hands_and_knees, props: [mat, mat]}", 14, "props: mat is listed twice"),
        (
            "{base: standing, props: [counter, wall]}",
            14,
            "a standing figure rests its hands on one thing: keep one of counter, chair or wall",
        ),
    ],
)
def test_a_prop_where_it_does_not_belong_is_refused_with_its_line(
    tmp_path: Path, figure: str, line: int, message: str
) -> None:
    error = refusal(tmp_path, with_end_figure(f"      figure: {figure}\n"))
    assert (error.file, error.line) == ("data/drills.yml", line)
    assert message in error.message


def test_an_unknown_prop_is_refused_with_its_line(tmp_path: Path) -> None:
    error = refusal(
        tmp_path, with_end_figure("      figure:\n        base: standing\n        props: [sofa]\n")
    )
    assert (error.line, error.field) == (16, "drills[0].pictures[1].figure.props[0]")


def test_hands_rest_on_the_counter_chair_or_wall_of_a_standing_figure() -> None:
    for hips_back in (0.0, 0.6):
        body = solve(Adjustments(base="standing", hips_back=hips_back, props=("counter",)))
        assert [name for name, _ in body.supports] == ["counter", "counter"]
        for _, hand in body.supports:
            assert hand[1] == pytest.approx(COUNTER_HEIGHT + LIMB_RADIUS)  # on the top
            assert hand[0] > COUNTER_X  # not in front of its edge
        hands = sorted(limb.end for limb in body.limbs if limb.kind == "arm")
        assert hands == sorted(point for _, point in body.supports)
        assert [p.name for p in body.props] == ["counter"]
    body = solve(Adjustments(base="standing", near_leg="step_back", forward=0.6, props=("chair",)))
    for _, hand in body.supports:
        assert (hand[0], hand[1]) == pytest.approx(
            (CHAIR_STANDING_X, SEAT_HEIGHT + CHAIR_BACK_HEIGHT + LIMB_RADIUS)
        )
    body = solve(Adjustments(base="standing", props=("wall",)))
    assert all(hand[0] == pytest.approx(WALL_X - LIMB_RADIUS) for _, hand in body.supports)
    # without a support the arms hang by the sides, and nothing but the feet touches anything
    body = solve(Adjustments(base="standing"))
    assert body.supports == () and len(body.contacts) == 2


def test_a_seated_figure_sits_on_the_chair_with_its_feet_on_the_floor() -> None:
    body = solve(Adjustments(base="seated", props=("chair",)))
    ((what, hips),) = body.supports
    assert what == "chair"
    assert hips[1] == pytest.approx(SEAT_HEIGHT + TRUNK_RADIUS)  # resting on the seat
    assert SEAT_BACK < hips[0] < SEAT_FRONT
    assert len(body.contacts) == 2 and all(c[1] == pytest.approx(LIMB_RADIUS) for c in body.contacts)
    crossed = solve(Adjustments(base="seated", near_leg="over_knee", trunk_lean=20, props=("chair",)))
    near, far = crossed.limb("near leg"), crossed.limb("far leg")
    assert distance(near.end, far.joint) < 0.5  # the ankle rests on the other knee: a seated figure 4
    assert len(crossed.contacts) == 1


Point = tuple[float, float]


def _crossing(a: Point, b: Point, c: Point, d: Point) -> float | None:
    """Where segment a-b crosses segment c-d, as a fraction along a-b; None if they do not cross."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = a, b, c, d
    det = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx)
    if det == 0:
        return None
    t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / det
    u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / det
    return t if 0 <= t <= 1 and 0 <= u <= 1 else None


@pytest.mark.parametrize("hips", [{}, {"hips_back": 0.45, "hips_side": 0.6}])
def test_legs_crossed_behind_cross_their_shins_in_an_x(hips: dict[str, float]) -> None:
    body = solve(Adjustments(base="hands_and_knees", near_leg="crossed_behind", **hips))
    near, far = body.limb("near leg"), body.limb("far leg")
    assert near.joint[0] < far.joint[0]  # the near knee is behind the far one
    assert near.joint[2] < far.joint[2]  # and past it, toward the far side
    # on the floor (x, z) the shins cross well behind the knees, not where they start: an X, not a V
    along = _crossing(*((p[0], p[2]) for p in (near.joint, near.end, far.joint, far.end)))
    assert along is not None and 0.25 < along < 0.75


def test_the_view_changes_the_drawing_not_the_body(tmp_path: Path) -> None:
    drills = DRILL.replace("{base: hands_and_knees}", "{base: hands_and_knees, view: behind, props: [mat]}")
    drills = drills.replace(
        "hips_back: 0.5\n", "hips_back: 0.5\n        view: behind\n        props: [mat]\n"
    )
    behind = drill_figures(load(tmp_path, drills).drill("rockbacks"))
    side = drill_figures(load(tmp_path / "b", DRILL).drill("rockbacks"))
    assert [v.view for v in behind] == ["behind", "behind"] and [v.view for v in side] == ["side", "side"]
    assert behind[1].figure != side[1].figure
    assert not behind[0].floor_edge and side[0].floor_edge  # seen from above, the floor is everywhere
    assert [p.name for p in behind[0].props] == ["mat"] and side[0].props == ()
    # one scale for every figure: every picture is as wide, and a drill's pictures are as tall
    assert {v.view_box.split()[2] for v in (*behind, *side)} == {side[0].view_box.split()[2]}
    assert behind[0].view_box == behind[1].view_box


def test_every_seed_drill_has_a_start_and_an_end_picture_marked_for_review() -> None:
    assert [d.id for d in CONTENT.drills if not d.pictures] == []
    for drill in CONTENT.drills:
        assert [p.caption for p in drill.pictures] == ["Start", "End"], drill.id
        assert all(p.alt and p.needs_review for p in drill.pictures), drill.id
        views = drill_figures(drill)
        start, end = (solve(p.figure.adjustments()) for p in drill.pictures)
        # the end shows the start faintly, unless its hands hold the body (the figure 4's thigh)
        assert views[0].ghost is None, drill.id
        assert views[1].ghost == (None if end.holds else views[0].figure), drill.id
        moves = [distance(start.hip, end.hip)] + [
            distance(a.end, b.end) for a, b in zip(start.limbs, end.limbs, strict=True) if a.kind == "leg"
        ]
        if max(moves) >= SMALLEST_MOVE:
            assert views[1].arrow, f"{drill.id}: the end picture shows the movement with an arrow"
        else:  # a short shift (the standing hip flexor stretch): the faint start alone shows it
            assert not views[1].arrow and views[1].figure != views[0].figure, drill.id
        assert views[0].view_box == views[1].view_box, f"{drill.id}: start and end line up"
    views = {d.id: d.pictures[0].figure.view for d in CONTENT.drills}
    # a leg out to the side is seen from behind, crossed legs from the side and well above (where
    # the shins show crossed and the arms still hold the body up at 120 px), a figure 4 on the back
    # from three quarters (lying across the picture, the crossed leg a triangle on the other thigh)
    assert views["adductor-quadruped-rockbacks"] == "behind" and views["posterior-hip-stretch"] == "above"
    assert views["figure-4-stretch"] == "three_quarter"


def _to_segment(point: Point, a: Point, b: Point) -> float:
    """How far a point is from the segment a-b."""
    (px, py), (ax, ay), (bx, by) = point, a, b
    dx, dy = bx - ax, by - ay
    along = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1.0)))
    return math.hypot(px - ax - along * dx, py - ay - along * dy)


def test_no_ghost_runs_through_the_hands_that_hold_the_body() -> None:
    """Where the hands take hold of the body (the figure 4's end: both hands behind the thigh), that
    hold is what a patient copies; the start's faint limbs crossing it made the picture a tangle at
    120 px. Every drawn line of a ghost stays at least a head height from such a hand."""
    holding = []
    for drill in CONTENT.drills:
        for picture, view in zip(drill.pictures, drill_figures(drill), strict=True):
            body = solve(picture.figure.adjustments())
            if not body.holds:
                continue
            holding.append(drill.id)
            far_thigh = body.limb("far leg")
            hands = [limb.end for limb in body.limbs if limb.kind == "arm"]
            assert sorted(hands) == sorted(body.holds), drill.id  # the hands are at the holds
            for hand in hands:  # on the back of the thigh: as far from its line as the two strokes
                along = (far_thigh.root[0], far_thigh.root[1]), (far_thigh.joint[0], far_thigh.joint[1])
                assert _to_segment((hand[0], hand[1]), *along) <= 2 * LIMB_RADIUS, drill.id
            if view.ghost is None:
                continue
            ghost = view.ghost
            lines = [*ghost.far, ghost.trunk, *ghost.near]
            for hand in hands:
                x, y = project(hand, picture.figure.view)
                drawn = (x * SCALE, -y * SCALE)
                nearest = min(_to_segment(drawn, (ln.x1, ln.y1), (ln.x2, ln.y2)) for ln in lines)
                assert nearest >= SCALE, f"{drill.id}: the ghost runs {nearest / SCALE:.2f} from a hand"
    assert holding == ["figure-4-stretch"]  # the end of the figure 4: both hands behind the thigh


@pytest.mark.parametrize("caption", ["Start", "End"])
def test_the_lying_figure_4_lies_across_its_picture_and_shows_its_4(caption: str) -> None:
    """The figure 4 on the back, as drawn: the body lies across the picture (its trunk within 20
    degrees of level, so it reads as lying down and its length takes the picture's width at 120 px),
    the crossed shin lies about level across the other thigh (the knee fallen out, not to the floor)
    and, in the drawing, the crossed leg and the other thigh make an open triangle: the 4."""
    drill = CONTENT.drill("figure-4-stretch")
    picture = next(p for p in drill.pictures if p.caption == caption)
    body, view = solve(picture.figure.adjustments()), picture.figure.view
    hip, shoulder = project(body.hip, view), project(body.shoulder, view)
    assert abs(math.degrees(math.atan2(shoulder[1] - hip[1], abs(shoulder[0] - hip[0])))) <= 20
    near, far = body.limb("near leg"), body.limb("far leg")
    assert abs(near.end[1] - near.joint[1]) <= math.sin(math.radians(15)) * SHIN  # the shin about level
    assert (
        _to_segment((near.end[0], near.end[1]), (far.root[0], far.root[1]), (far.joint[0], far.joint[1]))
        < 1.0
    )
    (ax, ay), (bx, by), (cx, cy) = (project(p, view) for p in (near.root, near.joint, near.end))
    assert abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay)) / 2 >= 1.2  # head heights squared


PICTURED = CONTENT.drills


@pytest.mark.parametrize("drill", PICTURED, ids=lambda d: d.id)
def test_drill_page_shows_its_two_figures_before_the_steps(site: Build, drill: object) -> None:
    page = site.html(f"drills/{drill.id}/")  # type: ignore[attr-defined]
    article = page.select_one("article.drill")
    figures = article.select(".drill-figures figure.drill-figure")
    assert len(figures) == 2
    for figure, picture in zip(figures, drill.pictures, strict=True):  # type: ignore[attr-defined]
        svg = figure.find("svg")
        assert svg["role"] == "img"
        assert svg["aria-label"] == picture.alt
        assert svg.find("title").get_text() == picture.alt
        assert figure.find("figcaption").get_text(strip=True) == picture.caption
        assert (
            svg.select(".figure__near line")
            and svg.select(".figure__far line")
            and svg.select(".figure__head")
        )
        assert set(svg["class"]) == {"figure", "figure--large", f"figure--{picture.figure.view}"}
        props = [g["class"][1] for g in svg.select("g.figure__prop")]
        assert props == [f"figure__prop--{name}" for name in picture.figure.props]
        for prop in svg.select("g.figure__prop"):
            assert prop.select("polygon")
    steps = article.select_one("ol.drill__steps")
    assert article.select_one(".drill-figures").sourceline < steps.sourceline
    assert not page.select("[style]"), "the CSP forbids style attributes"
    for element in article.select("svg, svg *"):
        assert not {"fill", "stroke", "color", "opacity"} & set(element.attrs), element


def test_figures_follow_the_light_and_dark_schemes(served: str, chromium: Browser) -> None:
    page = chromium.new_context(viewport={"width": 360, "height": 800}).new_page()
    page.goto(served + "drills/quadruped-rockbacks/")
    colours = {}
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        colours[scheme] = page.evaluate(
            """() => {
                const line = document.querySelector('.figure__body .figure__near line');
                const head = document.querySelector('.figure__body .figure__head');
                const text = getComputedStyle(document.querySelector('.drill__summary')).color;
                return [getComputedStyle(line).stroke, getComputedStyle(head).fill, text,
                        getComputedStyle(line).strokeLinecap,
                        document.querySelector('.drill-figure').getBoundingClientRect().width];
            }"""
        )
    for scheme, (stroke, fill, text, cap, width) in colours.items():
        assert stroke == fill == text, scheme  # currentColor: the page's text colour
        assert cap == "round"
        assert width >= 120, "each picture is at least 120 px wide on a phone"
    assert colours["default"][0] != colours["slate"][0]
    page.context.close()


@pytest.mark.parametrize("view", ["side", "top", "above", "front", "behind", "three_quarter"])
def test_every_view_draws_the_same_drill_inside_one_width(tmp_path: Path, view: str) -> None:
    drills = DRILL.replace("{base: hands_and_knees}", f"{{base: hands_and_knees, view: {view}}}")
    drills = drills.replace("hips_back: 0.5\n", f"hips_back: 0.5\n        view: {view}\n")
    start, end = drill_figures(load(tmp_path, drills).drill("rockbacks"))
    left, top, width, height = (float(n) for n in end.view_box.split())
    for line in (*end.figure.far, *end.figure.near, end.figure.trunk, *end.arrow):
        assert left <= min(line.x1, line.x2) and max(line.x1, line.x2) <= left + width, view
        assert top <= min(line.y1, line.y2) and max(line.y1, line.y2) <= top + height, view
    assert end.arrow, "the hips move back in every view"
    assert start.view_box == end.view_box


def test_props_are_drawn_as_outlines_behind_the_figure(tmp_path: Path) -> None:
    drills = DRILL.replace("{base: hands_and_knees}", "{base: standing, props: [counter]}")
    drills = drills.replace(END_FIGURE, "      figure: {base: seated, trunk_lean: 20, props: [chair]}\n")
    counter, chair = drill_figures(load(tmp_path, drills).drill("rockbacks"))
    (drawn,) = counter.props
    assert drawn.name == "counter" and len(drawn.shapes) == 3 and drawn.lines == ()
    (drawn,) = chair.props
    assert drawn.name == "chair" and len(drawn.shapes) == 2 and len(drawn.lines) == 4  # back, seat, legs
    for shape in drawn.shapes:
        corners = [tuple(float(n) for n in point.split(",")) for point in shape.points.split()]
        assert len(corners) == 4
    # the hands are drawn on the counter's top edge: the wrists sit at its height
    body = solve(Adjustments(base="standing", props=("counter",)))
    assert {round(hand[1], 6) for _, hand in body.supports} == {round(COUNTER_HEIGHT + LIMB_RADIUS, 6)}


def test_a_small_picture_is_cut_to_the_body_not_to_its_mat() -> None:
    """Seen from above, a whole mat would shrink the body in a 120 px thumbnail or a 3 cm picture:
    the frame holds every part of the body (and a chair, a counter) and lets the mat run out of it."""
    for drill in CONTENT.drills:
        views = drill_figures(drill)
        for small in (thumbnail(views), *paper_figures(views)):
            left, top, width, height = (float(n) for n in small.view_box.split())
            drawing = small.figure
            lines = (*drawing.far, drawing.trunk, *drawing.near)
            for x, y in [(line.x1, line.y1) for line in lines] + [(line.x2, line.y2) for line in lines]:
                assert left <= x <= left + width and top <= y <= top + height, drill.id
            mats = [prop for prop in small.props if prop.name == "mat"]
            if mats and small.view == "behind":  # the mat reaches beyond the body it is under
                corners = [tuple(map(float, p.split(","))) for p in mats[0].shapes[0].points.split()]
                inside = [left <= x <= left + width and top <= y <= top + height for x, y in corners]
                assert not all(inside), drill.id


def test_drills_drawn_alike_share_one_symbol_and_keep_their_own_alt() -> None:
    """The builder draws each drawing once (macros.figures.drawing_key): keyed by what is drawn, so two
    pictures that differ only in their words share a symbol, and different drawings never do."""
    from dataclasses import replace

    from macros.figures import FigureView, drawing_key, pose_figures

    content = content_model.load(ROOT / "data", shown_dir="data")
    views = [view for drill in content.drills for view in pose_figures(drill) if isinstance(view, FigureView)]
    assert len(views) > 2
    ids = [drawing_key(view) for view in views]
    assert len(set(ids)) == len(views)  # the seed drills' drawings all differ
    first = views[0]
    assert drawing_key(replace(first, alt="Another drill's words", caption="End")) == ids[0]
    assert drawing_key(replace(first, floor_edge=not first.floor_edge)) != ids[0]


def test_a_translated_drill_is_drawn_once_and_keeps_its_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The languages' builds share the drawings (BuildState.figures): a drill's Spanish translation has
    the English poses, so it gets the English drill's drawing with its own alt text and captions, not
    one drawn again (each language's builder page shows every drill in both languages). A drill whose
    poses differ under the same id (another site's data) is drawn for itself."""
    import macros.figures as figures

    content = content_model.load(ROOT / "data", shown_dir="data")
    english = content.drills[0]
    spanish = next(d for d in content.localized("es").drills if d.id == english.id)
    assert [p.alt for p in spanish.pictures] != [p.alt for p in english.pictures]  # words translated
    drawn_for: list[str] = []
    real = figures.pose_figures
    monkeypatch.setattr(figures, "pose_figures", lambda drill: drawn_for.append(drill.id) or real(drill))

    shared = figures.DrawnFigures()
    in_english, in_spanish = shared.of(english), shared.of(spanish)
    assert drawn_for == [english.id]  # drawn once, for both languages
    assert shared.of(spanish) is in_spanish and shared.of(english) is in_english  # then kept
    for picture, view, other in zip(spanish.pictures, in_spanish, in_english, strict=True):
        if view is None:
            continue
        assert (view.alt, view.caption) == (picture.alt, picture.caption)
        assert view.figure is other.figure and view.view_box == other.view_box  # the same drawing
    assert in_spanish == tuple(real(spanish))  # exactly what drawing the Spanish drill gives

    moved = english.model_copy(update={"pictures": english.pictures[::-1]})  # same id, other poses
    assert shared.of(moved) == tuple(real(moved)) and drawn_for == [english.id, english.id]
