"""The placeholder texts ``make new-drill`` prints for a new drill, and the check that refuses them.

``make new-drill ID=<id>`` prints an entry to paste into ``data/drills.yml`` whose texts say
what to write, in brackets: "(the drill's name)", "(when to stop)". Left as they are, they
would be published to patients. Every placeholder is defined here once, and used both to write
the entry (:func:`new_drill_entry`) and to find what is left of it in any data file
(:func:`placeholder_problems`), so the two cannot drift apart.

Only these exact texts are refused (in any letter case, wherever they stand in a text):
ordinary brackets in patient text, such as "Wear in the joints of your spine (arthritis)",
stay allowed.

The entry new-drill prints has a dose placeholder, ``dose: (how much)``, so a new drill cannot
reach a handout before someone has decided its dose (or deleted the line on purpose: a drill
with no dose is allowed, and its handout block then has no "How much" line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import ContentError
from .messages import field_path
from .yaml_source import Path_, Source


@dataclass(frozen=True)
class Placeholder:
    text: str  # as new-drill writes it
    write: str  # what to replace it with, in the error message


NAME = Placeholder("(the drill's name)", "the drill's name as patients know it, e.g. Figure 4 Stretch")
SUMMARY = Placeholder(
    "(one or two sentences on what it does)",
    "one or two plain sentences on what the drill does for the patient",
)
FIRST_STEP = Placeholder("(first step)", "the first thing the patient does, starting with a verb")
SECOND_STEP = Placeholder("(second step)", "the next thing the patient does, starting with a verb")
CAUTION = Placeholder(
    "(when to stop)", "when to stop or hold back, e.g. Stop if the pain spreads down your leg."
)
DOSE = Placeholder(
    "(how much)",
    "how much to do, in whole numbers, e.g. {sets: 2, reps: 10, per_day: 1} "
    "(fields: sets, reps, hold_seconds, per_day; leave out the ones that do not apply)",
)
PLACEHOLDERS: tuple[Placeholder, ...] = (NAME, SUMMARY, FIRST_STEP, SECOND_STEP, CAUTION, DOSE)

_NEW_DRILL_ENTRY = """\
- id: {id}
  name: {name}
  summary: {summary}
  level: beginner            # beginner, intermediate or advanced
  steps:                     # 2 to 8 steps, one action each, starting with a verb
    - {first_step}
    - {second_step}
  cautions:                  # when to stop or hold back
    - {caution}
  dose: {dose}            # whole numbers, e.g. {{sets: 2, reps: 10, per_day: 1}}
  needs_review: New drill. A licensed clinician must check it before use.
"""


def new_drill_entry(drill_id: str) -> str:
    """The entry ``make new-drill`` prints for data/drills.yml, with a placeholder in each text."""
    return _NEW_DRILL_ENTRY.format(
        id=drill_id,
        name=NAME.text,
        summary=SUMMARY.text,
        first_step=FIRST_STEP.text,
        second_step=SECOND_STEP.text,
        caution=CAUTION.text,
        dose=DOSE.text,
    )


_FINDER = re.compile("|".join(re.escape(p.text) for p in PLACEHOLDERS), re.IGNORECASE)
_BY_TEXT = {p.text.lower(): p for p in PLACEHOLDERS}


def _strings(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Every text in a file's value, with its path (keys are names, not texts)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def placeholder_problems(source: Source, key: str) -> list[ContentError]:
    """Every text in one data file that still holds a placeholder new-drill wrote, with its line."""
    problems = []
    for path, text in _strings(source.value):
        found = _FINDER.search(" ".join(text.split()))
        if found is None:
            continue
        placeholder = _BY_TEXT[found.group(0).lower()]
        line, column = source.where(path)
        message = (
            f"{placeholder.text!r} is still the placeholder that make new-drill wrote: "
            f"replace it with {placeholder.write}"
        )
        problems.append(ContentError(source.file, line, column, field_path(key, path), message))
    return problems
