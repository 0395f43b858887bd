"""A small, valid data set (with a page per drill) for tests that break one thing at a time.

Line numbers matter to the tests that use it: each file starts with its
schema line, as the real data files do.
"""

from __future__ import annotations

from pathlib import Path

CLINIC = """\
# yaml-language-server: $schema=../schemas/clinic.schema.json
name: Test Clinic
phone: 866-588-0230
website: https://example.org/
call_to_action:
  heading: Get help
  text: Call us today.
"""

DRILLS = """\
# yaml-language-server: $schema=../schemas/drills.schema.json
- id: bridge
  name: Bridge
  summary: Lifts your hips.
  level: beginner
  steps:
    - Lie on your back.
    - Lift your hips.
  dose: {sets: 2, reps: 10}
- id: plank
  name: Plank
  summary: Holds your body straight.
  level: advanced
  requires: [bridge]
  video: https://example.org/plank
  steps:
    - Lie face down.
    - Lift your body.
"""

ROOT_CAUSES = """\
# yaml-language-server: $schema=../schemas/root_causes.schema.json
- id: weak-hips
  title: Weak hips
  summary: Weak hips make your back work harder.
  drills: [bridge, plank]
"""

PROGRAMS = """\
# yaml-language-server: $schema=../schemas/programs.schema.json
- id: core
  title: Core program
  summary: Two drills.
  drills: [bridge, plank]
"""

FILES = {"clinic": CLINIC, "drills": DRILLS, "root_causes": ROOT_CAUSES, "programs": PROGRAMS}


def write_project(folder: Path, **files: str | bytes | None) -> tuple[Path, Path]:
    """Write data/ and an empty docs/drills/ into folder; a keyword replaces a file (None leaves it out).

    Drill pages need no file: the build makes them from data/drills.yml (hooks/drill_pages.py).

    Returns (data, docs).
    """
    data, docs = folder / "data", folder / "docs"
    data.mkdir(parents=True)
    (docs / "drills").mkdir(parents=True)
    for key, text in {**FILES, **files}.items():
        if text is not None:
            (data / f"{key}.yml").write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return data, docs


def replaced(text: str, old: str, new: str) -> str:
    """text with old replaced once by new (old must be there)."""
    assert old in text, f"{old!r} not in the fixture"
    return text.replace(old, new, 1)
