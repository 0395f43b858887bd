"""Poses: a drill figure's body worked out from a named position and a few adjustments.

Pure geometry, no drawing: :mod:`macros.figures` turns a :class:`Body` into the lines and
circles a template draws. It lives in the content model because an impossible pose is a
data mistake: the pose's model (``models.Pose``) solves it while the data is checked, so a
knee bent past its range, a limb through the floor or a figure outside its picture is
reported with file and line like any other mistake.

Posing works by contacts (see FIGURES.md): the parts that touch the floor are placed first,
then the hip and the shoulders, then each limb is solved between its root and its end as a
two-segment chain of fixed lengths. Every figure shares one set of proportions, in head
heights, and faces +x (the front of the body turns counterclockwise from the trunk), so a
hip bending forward is a counterclockwise turn in every position.

Coordinates: x forward, y up from the floor, z toward the viewer of the side view (the near
side positive). A picture looks at the body from one of a few named views (``VIEWS``): from the
side, from above (straight down, or from the side and well above), from behind or from the
front, or from three quarters (the side, turned a little toward the head end of a lying figure),
each a little oblique so the far limbs show beside the near ones. Props (a mat, a chair,
a kitchen counter, a wall) are placed where the pose needs them, and the body's contacts with
them (hands on the counter, hips on the seat) are solved like the floor's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

# Proportions in head heights (FIGURES.md).
TRUNK = 3.0
THIGH = 2.5
SHIN = 2.3
UPPER_ARM = 1.7
FOREARM = 1.6
FOOT = 0.8
NECK = 0.3
HEAD_RADIUS = 0.5
HALF_WIDTH = 0.35  # hip and shoulder joints sit this far either side of the middle
LIMB_RADIUS = 0.18  # half a limb's stroke: a limb resting on the floor has its line this high
TRUNK_RADIUS = 0.27  # half the trunk's stroke (1.5 times a limb's)
ANKLE_HEIGHT = LIMB_RADIUS + THIGH - SHIN  # a flat foot's ankle: a shin upright under a thigh level
TOES_ANKLE_HEIGHT = LIMB_RADIUS + 0.75  # up on the toes

# The picture every figure is drawn in, in head heights as the view shows them: one width for
# every figure, so every figure has one scale (and one stroke weight at a given width).
BOX_LEFT, BOX_RIGHT, BOX_TOP = -5.3, 5.3, 10.0
BOX_BOTTOM = -1.4  # side and front views: how far below the floor line a near point may be drawn
BOX_DEPTH = 4.6  # how far toward or away from the viewer a point may be (the top view's height)

# The views, each a little oblique so the far limbs show beside the near ones:
# side: from the near side and a little above; a point one head height nearer is drawn
#       DEPTH_X to the left and DEPTH_Y lower;
# top: from above and a little from the near side, head toward the right, near side at the bottom;
#       a point one head height higher is drawn TOP_TILT higher;
# above: from the near side and well above (50 degrees down), so what lies on the floor (crossed
#       shins) and what stands up from it (the arms of a figure on hands and knees) both show
#       their length;
# behind and front: turned from the side view 45 degrees toward the body's back (or front) and
#       looking 35 degrees down, so what goes out to the side (a leg, a knee) shows its length;
# three_quarter: turned from the side view 25 degrees toward the body's back (on the back: toward
#       the head end) and looking 30 degrees down; a figure lying on its back still lies across
#       the picture (the whole width for its length at 120 px), while a knee fallen out to the
#       near side drops below the other leg, so the crossed leg and the other thigh make a triangle
#       (the 4 of a figure 4), and a thigh pulled toward the chest stands up with the arms
#       reaching it.
DEPTH_X = 0.3
DEPTH_Y = 0.18
TOP_TILT = 0.35
CAMERAS = {  # degrees turned from the side view toward the back (negative: the front), degrees down
    "above": (0.0, 50.0),
    "behind": (45.0, 35.0),
    "front": (-45.0, 35.0),
    "three_quarter": (25.0, 30.0),
}
EDGE_ON = ("side",)  # views that see the floor almost edge on, as a line
VIEWS = ("side", "top", "above", "front", "behind", "three_quarter")
View = Literal["side", "top", "above", "front", "behind", "three_quarter"]

# Props, in head heights (a head is about 22 cm).
COUNTER_HEIGHT = 4.9  # a kitchen counter, about 90 cm (at the hip joint of a standing figure)
COUNTER_X = 1.0  # its front edge, about an arm's length in front of the feet
SEAT_HEIGHT = 2.15  # a chair's seat, about 46 cm
SEAT_FRONT, SEAT_BACK = 1.0, -1.0
CHAIR_BACK_HEIGHT = 2.7  # the back rest above the seat
WALL_X = 2.8  # a wall in front of a standing figure
PROPS = ("mat", "wall", "chair", "counter")
Prop = Literal["mat", "wall", "chair", "counter"]

# How far each joint bends, in degrees (a typo in the data shows up as a joint beyond these).
RANGES = {
    "knee": (0.0, 150.0),  # 0 is straight
    "elbow": (0.0, 150.0),
    "hip": (-30.0, 150.0),  # bending forward is positive, backward (extension) negative
}

Side = Literal["near", "far"]
Vector = tuple[float, float, float]


class PoseProblem(ValueError):
    """A pose no body can take, or one that leaves its picture; the message says what to change."""


@dataclass(frozen=True)
class Limb:
    """One arm or leg: root (hip or shoulder joint), middle joint, end (ankle or wrist)."""

    name: str  # "near leg", "far arm", ...
    side: Side
    kind: Literal["arm", "leg"]
    root: Vector
    joint: Vector
    end: Vector
    toe: Vector | None = None  # legs only: the foot runs from the end (ankle) to the toe


@dataclass(frozen=True)
class Placed:
    """A prop where the pose put it: its outlines, each a closed shape of points in space."""

    name: Prop
    shapes: tuple[tuple[Vector, ...], ...]
    open_lines: tuple[tuple[Vector, Vector], ...] = ()  # legs of a chair, edges drawn alone


@dataclass(frozen=True)
class Body:
    """A solved pose: every point of the figure, and which of them touch the floor."""

    hip: Vector
    shoulder: Vector
    head: Vector
    limbs: tuple[Limb, ...]
    contacts: tuple[Vector, ...]  # points that rest on the floor (their line sits LIMB_RADIUS high)
    # points that rest on a prop, and which: ("counter", a hand), ("chair", the hips)
    supports: tuple[tuple[Prop, Vector], ...] = ()
    props: tuple[Placed, ...] = ()
    # where the hands hold the body itself (both hands behind a thigh pulled toward the chest)
    holds: tuple[Vector, ...] = ()

    def limb(self, name: str) -> Limb:
        return next(limb for limb in self.limbs if limb.name == name)


@dataclass(frozen=True)
class Adjustments:
    """The named adjustments of a pose (models.Pose holds them as the data writes them)."""

    base: str
    hips_back: float = 0.0
    forward: float = 0.0
    hips_sink: float = 0.0
    pull: float = 0.0
    trunk_lean: float = 0.0
    arm_raise: float = 5.0
    hips_side: float = 0.0
    near_leg: str | None = None
    view: View = "side"
    props: tuple[Prop, ...] = ()


# --- vector helpers -------------------------------------------------------------------------


def _add(a: Vector, b: Vector) -> Vector:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Vector, b: Vector) -> Vector:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale(a: Vector, k: float) -> Vector:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def distance(a: Vector, b: Vector) -> float:
    return math.sqrt(_dot(_sub(a, b), _sub(a, b)))


def _unit(a: Vector) -> Vector:
    length = math.sqrt(_dot(a, a))
    return _scale(a, 1 / length)


def _flat(x: float, y: float, z: float = 0.0) -> Vector:
    return (x, y, z)


def _direction(degrees: float) -> Vector:
    """A unit vector in the side view, counterclockwise from +x."""
    return (math.cos(math.radians(degrees)), math.sin(math.radians(degrees)), 0.0)


def _angle_of(v: Vector) -> float:
    return math.degrees(math.atan2(v[1], v[0]))


def _with_z(point: Vector, z: float) -> Vector:
    return (point[0], point[1], z)


def two_link(root: Vector, end: Vector, first: float, second: float, bend: Vector, what: str) -> Vector:
    """The middle joint of a two-segment chain from root to end, bent toward ``bend``."""
    d = distance(root, end)
    if d > first + second + 1e-3:
        raise PoseProblem(
            f"the {what} cannot reach: it would have to stretch {d - first - second:.1f} head heights longer"
        )
    if d < abs(first - second) + 1e-6:
        raise PoseProblem(f"the {what} would have to fold tighter than a body can")
    d = min(d, first + second)
    along = _unit(_sub(end, root))
    a = (first * first - second * second + d * d) / (2 * d)
    h = math.sqrt(max(first * first - a * a, 0.0))
    across = _sub(bend, _scale(along, _dot(bend, along)))
    return _add(_add(root, _scale(along, a)), _scale(_unit(across), h))


def _circle_meet(centre_a: Vector, radius_a: float, centre_b: Vector, radius_b: float, what: str) -> Vector:
    """Where two circles in the side view meet: the point above the line from a to b."""
    ax, ay, _ = centre_a
    bx, by, _ = centre_b
    d = math.hypot(bx - ax, by - ay)
    if d > radius_a + radius_b or d < abs(radius_a - radius_b):
        raise PoseProblem(f"the {what} cannot reach")
    a = (radius_a**2 - radius_b**2 + d * d) / (2 * d)
    h = math.sqrt(max(radius_a**2 - a * a, 0.0))
    ux, uy = (bx - ax) / d, (by - ay) / d
    mx, my = ax + ux * a, ay + uy * a
    first, second = (mx - uy * h, my + ux * h), (mx + uy * h, my - ux * h)
    x, y = max(first, second, key=lambda p: p[1])
    return (x, y, 0.0)


def _flat_foot(ankle: Vector, forward: float = 1.0) -> Vector:
    """The toe of a foot standing flat: on the floor, in front of the ankle."""
    drop = ankle[1] - LIMB_RADIUS
    return (ankle[0] + forward * math.sqrt(max(FOOT * FOOT - drop * drop, 0.0)), LIMB_RADIUS, ankle[2])


def _leg(side: Side, hip: Vector, end: Vector, bend: Vector, toe: Vector) -> Limb:
    root = _add(hip, (0.0, 0.0, HALF_WIDTH if side == "near" else -HALF_WIDTH))
    knee = two_link(root, end, THIGH, SHIN, bend, f"{side} leg")
    return Limb(f"{side} leg", side, "leg", root, knee, end, toe)


def _arm(side: Side, shoulder: Vector, end: Vector, bend: Vector) -> Limb:
    root = _add(shoulder, (0.0, 0.0, HALF_WIDTH if side == "near" else -HALF_WIDTH))
    elbow = two_link(root, end, UPPER_ARM, FOREARM, bend, f"{side} arm")
    return Limb(f"{side} arm", side, "arm", root, elbow, end)


def _head(hip: Vector, shoulder: Vector, lift: float = 0.0) -> Vector:
    along = _unit(_sub(shoulder, hip))
    return _add(_add(shoulder, _scale(along, NECK + HEAD_RADIUS)), (0.0, lift, 0.0))


def _side_z(side: Side) -> float:
    return HALF_WIDTH if side == "near" else -HALF_WIDTH


SIDES: tuple[Side, Side] = ("near", "far")
ARM_REACH = 0.99 * (UPPER_ARM + FOREARM)  # arms on the floor keep a soft elbow

# --- views ------------------------------------------------------------------------------------


def project(point: Vector, view: View) -> tuple[float, float]:
    """Where a point is drawn in a view, in head heights: x to the right, y up."""
    x, y, z = point
    if view == "top":
        return (x, TOP_TILT * y - z)
    if view in CAMERAS:
        yaw, pitch = (math.radians(a) for a in CAMERAS[view])
        d = (-math.sin(yaw) * math.cos(pitch), math.sin(pitch), math.cos(yaw) * math.cos(pitch))
        r = (math.cos(yaw), 0.0, math.sin(yaw))
        u = (d[1] * r[2] - d[2] * r[1], d[2] * r[0] - d[0] * r[2], d[0] * r[1] - d[1] * r[0])
        return (_dot(point, r), _dot(point, u))
    return (x - DEPTH_X * z, y - DEPTH_Y * z)


# --- the base positions -------------------------------------------------------------------------

HIPS_SIDE_SHIFT = 1.0  # head heights the hips move sideways at hips_side 1
HIP_TILT_MOST = 0.6  # head heights one hip joint may sit above the other (the pelvis tilts)


def _kneeling_root(hip: Vector, side: Side, knee: Vector) -> Vector:
    """The hip joint of a leg kneeling on a planted knee: as high as the thigh reaches."""
    x, z = hip[0], hip[2] + _side_z(side)
    flat = (x - knee[0]) ** 2 + (z - knee[2]) ** 2
    if flat > THIGH * THIGH + 1e-9:
        raise PoseProblem(f"the {side} thigh cannot reach its knee on the floor")
    return (x, LIMB_RADIUS + math.sqrt(max(THIGH * THIGH - flat, 0.0)), z)


def _on_floor(knee: Vector, degrees: float, length: float) -> Vector:
    """A point on the floor ``length`` from ``knee``, ``degrees`` from straight back toward the near side."""
    turn = math.radians(degrees)
    return _add(knee, (-length * math.cos(turn), 0.0, length * math.sin(turn)))


# One leg crossed behind the other (near_leg crossed_behind): the near knee just behind the far
# knee and past it toward the far side (x, z from where a knee kneels), the far knee drawn in a
# little, and each shin turned from straight back (degrees, toward the near side positive) so the
# two shins cross behind the knees in an X.
CROSSED_KNEE = (-0.5, -0.9)
CROSSED_FAR_KNEE_Z = -0.1
CROSSED_SHINS = (40.0, 0.0)


def _hands_and_knees(p: Adjustments) -> Body:
    """Knees under the hips, hands under the shoulders; hips_back rocks the hips toward the heels.

    The knees and hands stay planted: the hips move (back, and sideways with hips_side) and each
    hip joint sits as high as its thigh reaches, so the pelvis tilts a little when the knees are
    not under the hips (near leg crossed behind).
    """
    knee_x = -0.5
    start_hip_y = LIMB_RADIUS + THIGH
    knees = {"near": _flat(knee_x, LIMB_RADIUS, HALF_WIDTH), "far": _flat(knee_x, LIMB_RADIUS, -HALF_WIDTH)}
    shins = {"near": 0.0, "far": 0.0}  # degrees each shin turns from straight back, toward the near side
    if p.near_leg == "crossed_behind":  # the near knee tucked behind the far one, the shins crossed
        knees = {
            "near": _flat(knee_x + CROSSED_KNEE[0], LIMB_RADIUS, CROSSED_KNEE[1]),
            "far": _flat(knee_x, LIMB_RADIUS, CROSSED_FAR_KNEE_Z),
        }
        shins = {"near": CROSSED_SHINS[0], "far": CROSSED_SHINS[1]}
    turn = math.radians(p.hips_back * 90.0)  # the hips turn back about the knees
    hip_x = knee_x - THIGH * math.sin(turn)
    hip_z = -p.hips_side * HIPS_SIDE_SHIFT
    out = p.near_leg == "out_to_side"
    kneeling = [side for side in SIDES if not (out and side == "near")]
    roots = {side: _kneeling_root(_flat(hip_x, 0.0, hip_z), side, knees[side]) for side in kneeling}
    heights = [root[1] for root in roots.values()]
    if max(heights) - min(heights) > HIP_TILT_MOST:
        raise PoseProblem("the hips would tilt too far to one side")
    hip = _flat(hip_x, sum(heights) / len(heights), hip_z)
    hand_x = knee_x + math.sqrt(TRUNK**2 - (LIMB_RADIUS + ARM_REACH - start_hip_y) ** 2)
    shoulder = _circle_meet(
        hip,
        math.sqrt(TRUNK**2 - hip_z**2),
        _flat(hand_x, LIMB_RADIUS),
        ARM_REACH,
        "arms, with the hands on the floor,",
    )
    limbs, contacts = [], []
    for side in SIDES:
        z = _side_z(side)
        if side == "near" and out:  # straight, the foot flat out to the side
            ankle = _flat(
                knee_x,
                ANKLE_HEIGHT,
                z + math.sqrt((0.97 * (THIGH + SHIN)) ** 2 - (start_hip_y - ANKLE_HEIGHT) ** 2),
            )
            toe = _flat_foot(ankle)
            limbs.append(_leg(side, hip, ankle, (1.0, 0.3, 0.0), toe))
            contacts.append(toe)
        else:
            knee = knees[side]
            ankle = _on_floor(knee, shins[side], SHIN)
            toe = _on_floor(ankle, shins[side], 0.6)
            limbs.append(Limb(f"{side} leg", side, "leg", roots[side], knee, ankle, toe))
            contacts.extend((knee, ankle))
        hand = _flat(hand_x, LIMB_RADIUS, z)
        limbs.append(_arm(side, shoulder, hand, (-1.0, 0.0, 0.0)))
        contacts.append(hand)
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), tuple(contacts))


def _hanging_arms(hip: Vector, shoulder: Vector, raise_degrees: float) -> list[Limb]:
    """Both arms turned forward from hanging along the trunk, the elbows soft."""
    hang = _angle_of(_sub(hip, shoulder)) + raise_degrees
    limbs = []
    for side in ("far", "near"):
        root = _add(shoulder, (0.0, 0.0, _side_z(side)))
        elbow = _add(root, _scale(_direction(hang), UPPER_ARM))
        wrist = _add(elbow, _scale(_direction(hang + 10.0), FOREARM))
        limbs.append(Limb(f"{side} arm", side, "arm", root, elbow, wrist))
    return limbs


# The front of a chair's seat in front of a kneeling figure (half_kneel), its seat toward the figure:
# just beyond the toes of the front foot.
CHAIR_KNEELING_X = 2.8


def _half_kneel(p: Adjustments) -> Body:
    """The near knee down, the far foot flat in front; forward shifts the body over the knee.

    With a chair (props: [chair]) in front, its seat toward the figure, both hands rest on the seat
    (trunk_lean brings the shoulders near enough): kneeling on the way down to the floor, or up.
    """
    knee = _flat(-1.0, LIMB_RADIUS, HALF_WIDTH)
    turn = p.forward * 30.0
    root = _add(knee, (THIGH * math.sin(math.radians(turn)), THIGH * math.cos(math.radians(turn)), 0.0))
    hip = _with_z(root, 0.0)
    shoulder = _add(hip, _scale(_direction(90.0 - p.trunk_lean), TRUNK))
    ankle = _flat(knee[0] + THIGH, ANKLE_HEIGHT, -HALF_WIDTH)
    front_toe = _flat_foot(ankle)
    back_ankle = _flat(knee[0] - SHIN, LIMB_RADIUS, HALF_WIDTH)
    back_toe = _add(back_ankle, (-0.6, 0.0, 0.0))
    limbs = [
        Limb("near leg", "near", "leg", root, knee, back_ankle, back_toe),
        _leg("far", hip, ankle, (1.0, 1.0, 0.0), front_toe),
    ]
    supports: list[tuple[Prop, Vector]] = []
    if "chair" in p.props:  # both hands on the seat of a chair in front, its seat toward the figure
        middle = _flat(CHAIR_KNEELING_X + 0.3, SEAT_HEIGHT + LIMB_RADIUS)
        for side in ("far", "near"):
            hand = _with_z(middle, _side_z(side))
            try:
                limbs.append(_arm(side, shoulder, hand, (0.0, -1.0, 0.0)))
            except PoseProblem:
                raise PoseProblem("the hands cannot reach the chair's seat") from None
            supports.append(("chair", hand))
    else:
        limbs += _hanging_arms(hip, shoulder, p.arm_raise)
    contacts = (knee, back_ankle, front_toe)
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), contacts, supports=tuple(supports))


CROSS_AT = 0.95  # how far along the far thigh, from the hip, the crossed ankle rests (just above the knee)
CROSS_PAST = 0.35  # how far past the far leg's line (toward the far side) the crossed ankle reaches
# Which way the crossed knee bends: out to the near side, and (sitting) a little down or (lying on
# the back) a little up, off the floor, so the crossed shin lies about level across the other thigh.
SEATED_KNEE_OUT = (0.4, -0.3, 1.0)
LYING_KNEE_OUT = (0.4, 0.3, 1.0)


def _crossed_over(hip: Vector, far: Limb, knee_out: Vector = SEATED_KNEE_OUT) -> Limb:
    """The near leg of a figure 4: its ankle resting on the far thigh just above the knee and
    reaching past it, so the shin lies across the far leg; the near knee falls out to the near side."""
    thigh = _sub(far.joint, far.root)
    on_top = _unit((-thigh[1], thigh[0], 0.0))  # away from the back of the thigh
    if on_top[1] < 0:
        on_top = _scale(on_top, -1.0)
    rest = _add(_add(far.root, _scale(thigh, CROSS_AT)), _scale(on_top, 1.5 * LIMB_RADIUS))
    ankle = _add(rest, (0.0, 0.0, -CROSS_PAST))
    toe = _add(ankle, (0.1, 0.15, -0.7))
    return _leg("near", hip, ankle, knee_out, toe)


def _lying_on_back(p: Adjustments) -> Body:
    """On the back, knees bent and feet flat; pull brings the far thigh toward the chest."""
    hip = _flat(0.5, TRUNK_RADIUS)
    shoulder = _add(hip, _scale(_direction(180.0 - p.trunk_lean), TRUNK))
    far_root = _add(hip, (0.0, 0.0, -HALF_WIDTH))
    rest_ankle = _flat(hip[0] + 3.2, ANKLE_HEIGHT, -HALF_WIDTH)
    rest_knee = two_link(far_root, rest_ankle, THIGH, SHIN, (0.0, 1.0, 0.0), "far leg")
    contacts: list[Vector] = []
    if p.pull:
        start_angle = _angle_of(_sub(rest_knee, far_root))
        start_bend = _angle_of(_sub(rest_knee, far_root)) - _angle_of(_sub(rest_ankle, rest_knee))
        thigh_angle = start_angle + p.pull * (105.0 - start_angle)
        bend = start_bend + p.pull * (90.0 - start_bend)
        knee = _add(far_root, _scale(_direction(thigh_angle), THIGH))
        ankle = _add(knee, _scale(_direction(thigh_angle - bend), SHIN))
        toe = _add(ankle, _scale(_direction(thigh_angle - bend + 90.0), FOOT))
        far_leg = Limb("far leg", "far", "leg", far_root, knee, ankle, toe)
    else:
        toe = _flat_foot(rest_ankle)
        far_leg = Limb("far leg", "far", "leg", far_root, rest_knee, rest_ankle, toe)
        contacts.append(toe)
    limbs = [far_leg]
    if p.near_leg == "over_knee":  # the near ankle rests across the far knee: the shape of a 4
        near = _crossed_over(hip, far_leg, LYING_KNEE_OUT)
    else:
        near = _leg("near", hip, _with_z(rest_ankle, HALF_WIDTH), (0.0, 1.0, 0.0), _with_z(toe, HALF_WIDTH))
    limbs.append(near)
    holds = []
    for side in ("far", "near"):
        z = _side_z(side)
        # resting by the sides, along the trunk's line
        rest = _add(_with_z(shoulder, z), _scale(_unit(_sub(hip, shoulder)), ARM_REACH))
        rest = _add(rest, (0.0, LIMB_RADIUS - TRUNK_RADIUS, 0.0))
        if p.pull:  # both hands hold the back of the far thigh, near the knee
            thigh = _sub(far_leg.joint, far_leg.root)
            behind = _unit((thigh[1], -thigh[0], 0.0))
            hold = _add(_add(far_leg.root, _scale(thigh, 0.62)), _scale(behind, 0.25))
            target = _add(_scale(rest, 1 - p.pull), _scale(_with_z(hold, z * 0.5), p.pull))
            if p.pull == 1:
                holds.append(target)
        else:
            target = rest
            contacts.append(rest)
        limbs.append(_arm(side, shoulder, target, (0.0, 1.0, 0.0)))
    head = _head(hip, shoulder, HEAD_RADIUS - TRUNK_RADIUS)
    return Body(hip, shoulder, head, tuple(limbs), tuple(contacts), holds=tuple(holds))


def _push_up(p: Adjustments) -> Body:
    """The top of a push-up; forward steps the near foot up by the hand, hips_sink lowers the hips."""
    hand_x = 2.6
    plank_shoulder = _flat(hand_x, LIMB_RADIUS + ARM_REACH)
    reach = TRUNK + THIGH + SHIN
    rise = plank_shoulder[1] - TOES_ANKLE_HEIGHT
    back_ankle_x = hand_x - math.sqrt(reach**2 - rise**2)
    plank_hip = _add(
        plank_shoulder, _scale(_sub(_flat(back_ankle_x, TOES_ANKLE_HEIGHT), plank_shoulder), TRUNK / reach)
    )
    # the back leg stays long: the hips sink along a circle about the back ankle
    hip_y = plank_hip[1] + p.hips_sink * (LIMB_RADIUS + 1.1 - plank_hip[1])
    leg = 0.995 * (THIGH + SHIN)
    hip = _flat(back_ankle_x + math.sqrt(leg**2 - (hip_y - TOES_ANKLE_HEIGHT) ** 2), hip_y)
    shoulder = _circle_meet(
        hip, TRUNK, _flat(hand_x, LIMB_RADIUS), ARM_REACH, "arms, with the hands on the floor,"
    )
    limbs, contacts = [], []
    for side in SIDES:
        z = _side_z(side)
        back_ankle = _flat(back_ankle_x, TOES_ANKLE_HEIGHT, z)
        back_toe = _flat(back_ankle_x + 0.1, LIMB_RADIUS, z)
        if side == "near" and p.forward:
            step = _flat(hand_x - 1.5, ANKLE_HEIGHT, z + 0.5)
            ankle = _add(_scale(back_ankle, 1 - p.forward), _scale(step, p.forward))
            toe = _flat_foot(ankle) if p.forward == 1 else _add(ankle, (0.3, -0.6, 0.0))
            limbs.append(_leg(side, hip, ankle, (0.6, 1.0, 0.5), toe))  # the knee up and out by the arm
        else:
            toe = back_toe
            limbs.append(_leg(side, hip, back_ankle, (0.0, -1.0, 0.0), back_toe))
        if toe[1] == LIMB_RADIUS:
            contacts.append(toe)
        hand = _flat(hand_x, LIMB_RADIUS, z)
        limbs.append(_arm(side, shoulder, hand, (-1.0, 0.0, 0.0)))
        contacts.append(hand)
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), tuple(contacts))


SUPPORTS: tuple[Prop, ...] = ("counter", "chair", "wall")  # what a standing figure's hands may rest on
CHAIR_STANDING_X = 1.2  # a chair in front of a standing figure, its back toward the figure
SEAT_DEPTH = SEAT_FRONT - SEAT_BACK


def _hands_on(what: Prop, shoulder: Vector) -> Vector:
    """Where a standing figure's hands rest on a support (the middle of the two hands, z = 0)."""
    if what == "counter":
        return _flat(COUNTER_X + 0.25, COUNTER_HEIGHT + LIMB_RADIUS)
    if what == "chair":
        return _flat(CHAIR_STANDING_X, SEAT_HEIGHT + CHAIR_BACK_HEIGHT + LIMB_RADIUS)
    return _flat(WALL_X - LIMB_RADIUS, shoulder[1])


def _standing(p: Adjustments) -> Body:
    """Standing tall, the feet under the hips; the hands hang, or rest on a counter, chair or wall.

    hips_back hinges at the hips (the hips go back, the chest comes forward, the knees soften);
    near_leg step_back puts the near foot a long step behind, heel up, and forward then shifts
    the body forward over the front foot (a standing hip flexor stretch).
    """
    split = p.near_leg == "step_back"
    ankles = {"near": _flat(-0.2, ANKLE_HEIGHT, HALF_WIDTH), "far": _flat(-0.2, ANKLE_HEIGHT, -HALF_WIDTH)}
    hip_x = 0.0
    if split:
        ankles = {
            "near": _flat(-2.6, TOES_ANKLE_HEIGHT, HALF_WIDTH),
            "far": _flat(0.9, ANKLE_HEIGHT, -HALF_WIDTH),
        }
        hip_x = -0.3 + 1.0 * p.forward
    hip_x -= 1.6 * p.hips_back
    legs = 0.985 * (THIGH + SHIN)  # the knees never quite locked
    reach = [ankle[1] + math.sqrt(max(legs**2 - (hip_x - ankle[0]) ** 2, 0.0)) for ankle in ankles.values()]
    hip = _flat(hip_x, min(reach) - 0.7 * p.hips_back)
    lean = p.trunk_lean + 65.0 * p.hips_back
    shoulder = _add(hip, _scale(_direction(90.0 - lean), TRUNK))
    limbs, contacts = [], []
    for side in SIDES:
        ankle = ankles[side]
        toe = _flat_foot(ankle)
        limbs.append(_leg(side, hip, ankle, (1.0, 0.0, 0.0), toe))
        contacts.append(toe)
    support = next((prop for prop in p.props if prop in SUPPORTS), None)
    supports: list[tuple[Prop, Vector]] = []
    if support is None:
        limbs += _hanging_arms(hip, shoulder, p.arm_raise)
    else:
        middle = _hands_on(support, shoulder)
        for side in ("far", "near"):
            hand = _with_z(middle, _side_z(side))
            try:
                limbs.append(_arm(side, shoulder, hand, (0.0, -1.0, 0.0)))
            except PoseProblem:
                raise PoseProblem(f"the hands cannot reach the {support}") from None
            supports.append((support, hand))
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), tuple(contacts), supports=tuple(supports))


def _seated(p: Adjustments) -> Body:
    """Sitting on a chair, thighs level and feet flat, hands on the thighs; trunk_lean leans forward.

    near_leg over_knee rests the near ankle across the far knee (a seated figure 4).
    """
    hip = _flat(SEAT_BACK + 0.6, SEAT_HEIGHT + TRUNK_RADIUS)
    shoulder = _add(hip, _scale(_direction(90.0 - p.trunk_lean), TRUNK))
    far_ankle = _flat(hip[0] + THIGH + 0.1, ANKLE_HEIGHT, -HALF_WIDTH)
    far = _leg("far", hip, far_ankle, (1.0, 1.0, 0.0), _flat_foot(far_ankle))
    contacts = [far.toe]
    if p.near_leg == "over_knee":  # the near ankle across the far knee, the near knee out to the side
        near = _crossed_over(hip, far)
    else:
        ankle = _with_z(far_ankle, HALF_WIDTH)
        near = _leg("near", hip, ankle, (1.0, 1.0, 0.0), _flat_foot(ankle))
        contacts.append(near.toe)
    limbs = [far, near]
    for side, leg in (("far", far), ("near", near)):  # each hand on its own thigh, near the knee
        thigh = _sub(leg.joint, leg.root)
        hand = _add(_add(leg.root, _scale(thigh, 0.6)), (0.0, 2 * LIMB_RADIUS, 0.0))
        hand = _with_z(hand, _side_z(side) if side == "far" else hand[2])
        limbs.append(_arm(side, shoulder, hand, (-0.3, -1.0, 0.0)))
    return Body(
        hip, shoulder, _head(hip, shoulder), tuple(limbs), tuple(contacts), supports=(("chair", hip),)
    )


BASES = {
    "hands_and_knees": _hands_and_knees,
    "half_kneel": _half_kneel,
    "lying_on_back": _lying_on_back,
    "push_up": _push_up,
    "standing": _standing,
    "seated": _seated,
}
FLOOR_BASES = ("hands_and_knees", "half_kneel", "lying_on_back", "push_up")
# Which props each base can use (models.Pose refuses the others): a mat under any floor
# position; a counter, a chair back or a wall under a standing figure's hands; a chair to sit on;
# a chair's seat under a kneeling figure's hands.
PROPS_FOR = {
    "mat": FLOOR_BASES,
    "counter": ("standing",),
    "wall": ("standing",),
    "chair": ("standing", "seated", "half_kneel"),
}
NEEDED_PROPS = {"seated": "chair"}
# Where a mat runs along the body (x, head heights) for each floor position: the same for every
# picture of a position, so a drill's start and end line up.
MAT_ALONG = {
    "hands_and_knees": (-3.8, 3.5),
    "half_kneel": (-4.3, 2.8),
    "lying_on_back": (-4.3, 5.0),
    "push_up": (-5.2, 3.4),
}


# --- props ---------------------------------------------------------------------------------------


def _box(x0: float, x1: float, y0: float, y1: float, z0: float, z1: float) -> tuple[tuple[Vector, ...], ...]:
    """The near side, the front and the top of a box, as a view sees them."""
    return (
        ((x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)),
        ((x1, y0, z1), (x1, y0, z0), (x1, y1, z0), (x1, y1, z1)),
        ((x0, y1, z1), (x1, y1, z1), (x1, y1, z0), (x0, y1, z0)),
    )


def _chair(back_x: float, facing: float) -> Placed:
    """A chair with its back at back_x, the seat reaching forward in the direction ``facing`` (+1 or -1)."""
    front_x = back_x + facing * SEAT_DEPTH
    half = 1.1
    seat = (
        (back_x, SEAT_HEIGHT, half),
        (front_x, SEAT_HEIGHT, half),
        (front_x, SEAT_HEIGHT, -half),
        (back_x, SEAT_HEIGHT, -half),
    )
    top = SEAT_HEIGHT + CHAIR_BACK_HEIGHT
    rest = (
        (back_x, SEAT_HEIGHT, half),
        (back_x, top, half),
        (back_x, top, -half),
        (back_x, SEAT_HEIGHT, -half),
    )
    legs = tuple(((x, SEAT_HEIGHT, z), (x, 0.0, z)) for x in (back_x, front_x) for z in (half, -half))
    return Placed("chair", (rest, seat), legs)


def _place(name: Prop, body: Body, p: Adjustments) -> Placed:
    if name == "mat":
        low, high = MAT_ALONG[p.base]
        sides = [point[2] for point in body.contacts]
        near, far = max([1.2, *(z + 0.5 for z in sides)]), min([-1.2, *(z - 0.5 for z in sides)])
        return Placed("mat", (((low, 0.0, near), (high, 0.0, near), (high, 0.0, far), (low, 0.0, far)),))
    if name == "counter":
        # the counter runs from just nearer than the near hand to well behind the figure
        return Placed("counter", _box(COUNTER_X, BOX_RIGHT, 0.0, COUNTER_HEIGHT, -2.4, 0.6))
    if name == "wall":
        top = BOX_TOP - 0.5
        return Placed(
            "wall", (((WALL_X, 0.0, 2.0), (WALL_X, top, 2.0), (WALL_X, top, -2.0), (WALL_X, 0.0, -2.0)),)
        )
    if p.base == "seated":
        return _chair(SEAT_BACK, 1.0)
    if p.base == "half_kneel":
        return _chair(CHAIR_KNEELING_X + SEAT_DEPTH, -1.0)
    return _chair(CHAIR_STANDING_X, 1.0)


def _with_props(body: Body, p: Adjustments) -> Body:
    return replace(body, props=tuple(_place(name, body, p) for name in p.props))


# --- checks -------------------------------------------------------------------------------------


def bend_of(limb: Limb) -> float:
    """How far the middle joint bends, in degrees: 0 is straight."""
    a, b = _sub(limb.root, limb.joint), _sub(limb.end, limb.joint)
    cosine = _dot(a, b) / (math.sqrt(_dot(a, a)) * math.sqrt(_dot(b, b)))
    return 180.0 - math.degrees(math.acos(max(-1.0, min(1.0, cosine))))


def hip_flexion(body: Body, limb: Limb) -> float:
    """How far a thigh turns forward from the trunk's line, in degrees (negative: backward).

    The size is the angle in space (a thigh out to the side bends less than its side view
    suggests); forward or backward is read from the side view.
    """
    down, thigh = _sub(body.hip, body.shoulder), _sub(limb.joint, limb.root)
    cosine = _dot(down, thigh) / (math.sqrt(_dot(down, down)) * math.sqrt(_dot(thigh, thigh)))
    size = math.degrees(math.acos(max(-1.0, min(1.0, cosine))))
    # a hip extends at most a quarter turn, so a thigh turned further is bent forward past the trunk
    turn = (_angle_of(thigh) - _angle_of(down) + 90.0) % 360.0 - 90.0
    return size if turn >= 0 else -size


def _check(body: Body, view: View = "side") -> None:
    for limb in body.limbs:
        joint = "knee" if limb.kind == "leg" else "elbow"
        low, high = RANGES[joint]
        bend = bend_of(limb)
        if not low <= bend <= high:
            raise PoseProblem(
                f"the {limb.side} {joint} would bend {bend:.0f} degrees; "
                f"{'an' if joint == 'elbow' else 'a'} {joint} bends {high:.0f} degrees at most"
            )
        if limb.kind == "leg" and distance(limb.joint[:2] + (0.0,), limb.root[:2] + (0.0,)) > 0.5:
            low, high = RANGES["hip"]
            flexion = hip_flexion(body, limb)
            if not low <= flexion <= high:
                way = "forward" if flexion > 0 else "backward"
                limit = high if flexion > 0 else -low
                raise PoseProblem(
                    f"the {limb.side} hip would bend {abs(flexion):.0f} degrees {way}; "
                    f"a hip bends {limit:.0f} degrees {way} at most"
                )
    parts: list[tuple[str, Vector, float]] = [("head", body.head, HEAD_RADIUS)]
    parts += [("hips", body.hip, TRUNK_RADIUS), ("shoulders", body.shoulder, TRUNK_RADIUS)]
    for limb in body.limbs:
        middle = "knee" if limb.kind == "leg" else "elbow"
        end = "ankle" if limb.kind == "leg" else "hand"
        parts += [
            (f"{limb.side} {middle}", limb.joint, LIMB_RADIUS),
            (f"{limb.side} {end}", limb.end, LIMB_RADIUS),
        ]
        if limb.toe is not None:
            parts.append((f"{limb.side} toes", limb.toe, LIMB_RADIUS))
    for name, point, radius in parts:
        if point[1] - radius < -1e-6:
            raise PoseProblem(f"the {name} would be below the floor")
    for name, point, radius in parts:
        x, y = project(point, view)
        low, high = (BOX_BOTTOM, BOX_TOP) if view in EDGE_ON else (-BOX_DEPTH, BOX_TOP)
        if (
            x - radius < BOX_LEFT
            or x + radius > BOX_RIGHT
            or y - radius < low
            or y + radius > high
            or abs(point[2]) > BOX_DEPTH
        ):
            raise PoseProblem(f"the {name} would be outside the picture")


def solve(adjustments: Adjustments) -> Body:
    """The body in this pose, checked; raises PoseProblem for a pose no body can take."""
    body = BASES[adjustments.base](adjustments)
    _check(body, adjustments.view)
    return _with_props(body, adjustments)
