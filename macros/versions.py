"""Why a drill's easier or harder version is easier or harder: the one line its page shows.

The data names only a drill's easier versions (``easier:`` in data/drills.yml); the harder ones
are the drills that name it (``Content.harder_than``). The line saying why is worked out from
facts the data already holds, never written per pair: where the other drill is done (the base
and props of its first picture's pose, and whether it needs the floor), and its level when that
differs (macros/views.py, ``drill_versions``). Here are only keys; the words, per language, are
``versions.*`` in macros/strings.py.
"""

from __future__ import annotations

from content_model import Drill
from content_model.models import OFF_FLOOR_BASES

# What a standing figure holds on to (a standing pose holds one of them at most).
STANDING_SUPPORTS = ("counter", "chair", "wall")


def where_done(drill: Drill) -> str:
    """Where a drill is done, as a key after ``versions.``: from its first drawn pose, else from
    whether it needs the floor alone (its pictures are files)."""
    pose = next((p.figure for p in drill.pictures if p.figure is not None), None)
    if drill.needs_floor:
        # a floor drill drawn standing or seated goes down to the floor from there: say only that
        return pose.base if pose is not None and pose.base not in OFF_FLOOR_BASES else "floor"
    if pose is None:
        return "off_floor"
    if pose.base == "standing":
        held = next((prop for prop in STANDING_SUPPORTS if prop in pose.props), None)
        return f"standing_{held}" if held else "standing"
    return pose.base
