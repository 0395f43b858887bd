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

Coordinates: x forward, y up from the floor, z toward the viewer (near side positive).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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

# The picture every figure is drawn in, in head heights: one box, so every figure has one scale.
BOX_LEFT, BOX_RIGHT, BOX_TOP = -6.0, 6.0, 7.5
BOX_DEPTH = 5.0  # how far toward or away from the viewer a point may be

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
class Body:
    """A solved pose: every point of the figure, and which of them touch the floor."""

    hip: Vector
    shoulder: Vector
    head: Vector
    limbs: tuple[Limb, ...]
    contacts: tuple[Vector, ...]  # points that rest on the floor (their line sits LIMB_RADIUS high)

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
    near_leg: str | None = None


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

# --- the base positions -------------------------------------------------------------------------


def _hands_and_knees(p: Adjustments) -> Body:
    """Knees under the hips, hands under the shoulders; hips_back rocks the hips toward the heels."""
    knee_x = -0.5
    turn = p.hips_back * 90.0  # the thigh turns back about the knee
    hip = _flat(
        knee_x - THIGH * math.sin(math.radians(turn)), LIMB_RADIUS + THIGH * math.cos(math.radians(turn))
    )
    start_hip_y = LIMB_RADIUS + THIGH
    hand_x = knee_x + math.sqrt(TRUNK**2 - (LIMB_RADIUS + ARM_REACH - start_hip_y) ** 2)
    shoulder = _circle_meet(
        hip, TRUNK, _flat(hand_x, LIMB_RADIUS), ARM_REACH, "arms, with the hands on the floor,"
    )
    limbs, contacts = [], []
    for side in SIDES:
        z = _side_z(side)
        knee = _flat(knee_x, LIMB_RADIUS, z)
        ankle = _flat(knee_x - SHIN, LIMB_RADIUS, z)
        if side == "near" and p.near_leg == "crossed_behind":  # the shin crosses behind the other one
            ankle = _add(knee, (-SHIN * math.cos(math.radians(35)), 0.0, -SHIN * math.sin(math.radians(35))))
        toe = _add(ankle, (-0.6, 0.0, 0.0))
        if side == "near" and p.near_leg == "out_to_side":  # straight, the foot flat out to the side
            root = _add(_flat(knee_x, start_hip_y), (0.0, 0.0, z))
            ankle = _flat(
                knee_x,
                ANKLE_HEIGHT,
                z + math.sqrt((0.97 * (THIGH + SHIN)) ** 2 - (start_hip_y - ANKLE_HEIGHT) ** 2),
            )
            toe = _flat_foot(ankle)
            limbs.append(_leg(side, hip, ankle, (1.0, 0.3, 0.0), toe))
            contacts.append(toe)
        else:
            root = _add(hip, (0.0, 0.0, z))
            limbs.append(Limb(f"{side} leg", side, "leg", root, knee, ankle, toe))
            contacts.extend((knee, ankle))
        hand = _flat(hand_x, LIMB_RADIUS, z)
        limbs.append(_arm(side, shoulder, hand, (-1.0, 0.0, 0.0)))
        contacts.append(hand)
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), tuple(contacts))


def _half_kneel(p: Adjustments) -> Body:
    """The near knee down, the far foot flat in front; forward shifts the body over the knee."""
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
    hang = _angle_of(_sub(hip, shoulder)) + p.arm_raise  # the arm turns forward from hanging by the trunk
    for side in ("far", "near"):
        root = _add(shoulder, (0.0, 0.0, _side_z(side)))
        elbow = _add(root, _scale(_direction(hang), UPPER_ARM))
        wrist = _add(elbow, _scale(_direction(hang + 10.0), FOREARM))
        limbs.append(Limb(f"{side} arm", side, "arm", root, elbow, wrist))
    return Body(hip, shoulder, _head(hip, shoulder), tuple(limbs), (knee, back_ankle, front_toe))


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
        ankle = _add(far_leg.joint, (0.35, 0.35, -0.2))
        near = _leg("near", hip, ankle, (0.0, 0.6, 1.0), _add(ankle, (0.15, 0.75, 0.0)))
    else:
        near = _leg("near", hip, _with_z(rest_ankle, HALF_WIDTH), (0.0, 1.0, 0.0), _with_z(toe, HALF_WIDTH))
    limbs.append(near)
    for side in ("far", "near"):
        z = _side_z(side)
        # resting by the sides, along the trunk's line
        rest = _add(_with_z(shoulder, z), _scale(_unit(_sub(hip, shoulder)), ARM_REACH))
        rest = _add(rest, (0.0, LIMB_RADIUS - TRUNK_RADIUS, 0.0))
        if p.pull:  # both hands hold the back of the far thigh, near the knee
            thigh = _sub(far_leg.joint, far_leg.root)
            behind = _unit((thigh[1], -thigh[0], 0.0))
            hold = _add(_add(far_leg.root, _scale(thigh, 0.7)), _scale(behind, 0.3))
            target = _add(_scale(rest, 1 - p.pull), _scale(_with_z(hold, z * 0.5), p.pull))
        else:
            target = rest
            contacts.append(rest)
        limbs.append(_arm(side, shoulder, target, (0.0, 1.0, 0.0)))
    return Body(
        hip, shoulder, _head(hip, shoulder, HEAD_RADIUS - TRUNK_RADIUS), tuple(limbs), tuple(contacts)
    )


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


BASES = {
    "hands_and_knees": _hands_and_knees,
    "half_kneel": _half_kneel,
    "lying_on_back": _lying_on_back,
    "push_up": _push_up,
}


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
    turn = (_angle_of(thigh) - _angle_of(down) + 180.0) % 360.0 - 180.0
    return size if turn >= 0 else -size


def _check(body: Body) -> None:
    for limb in body.limbs:
        joint = "knee" if limb.kind == "leg" else "elbow"
        low, high = RANGES[joint]
        bend = bend_of(limb)
        if not low <= bend <= high:
            raise PoseProblem(
                f"the {limb.side} {joint} would bend {bend:.0f} degrees; "
                f"a {joint} bends {high:.0f} degrees at most"
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
        if (
            point[0] - radius < BOX_LEFT
            or point[0] + radius > BOX_RIGHT
            or point[1] + radius > BOX_TOP
            or abs(point[2]) > BOX_DEPTH
        ):
            raise PoseProblem(f"the {name} would be outside the picture")


def solve(adjustments: Adjustments) -> Body:
    """The body in this pose, checked; raises PoseProblem for a pose no body can take."""
    body = BASES[adjustments.base](adjustments)
    _check(body)
    return body
