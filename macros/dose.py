"""Say a drill's dose in words: "2 sets of 10, once a day, each side"."""

from __future__ import annotations

from content_model import Dose

_PER_DAY = {1: "once a day", 2: "twice a day"}


def dose_phrase(dose: Dose | None, each_side: bool = False) -> str:
    """The dose as one short phrase, or "" when the data gives none."""
    parts: list[str] = []
    if dose is not None:
        if dose.sets and dose.reps:
            parts.append(f"{dose.sets} {'set' if dose.sets == 1 else 'sets'} of {dose.reps}")
        elif dose.reps:
            parts.append(f"{dose.reps} {'time' if dose.reps == 1 else 'times'}")
        elif dose.sets:
            parts.append(f"{dose.sets} {'time' if dose.sets == 1 else 'times'}")
        if dose.hold_seconds:
            unit = "second" if dose.hold_seconds == 1 else "seconds"
            parts.append(f"hold {dose.hold_seconds} {unit}")
        if dose.per_day:
            parts.append(_PER_DAY.get(dose.per_day, f"{dose.per_day} times a day"))
    if each_side:
        parts.append("each side")
    phrase = ", ".join(parts)
    return phrase[:1].upper() + phrase[1:]
