"""Say a drill's dose in words: "2 sets of 10, once a day, each side".

The words are written once, in ``DOSE_WORDS``. :func:`dose_phrase` says a dose
with them here, for drill pages, cards and handouts; the handout builder's
script says the doses a therapist sets in the browser with the same table,
which the builder page carries in its JSON data block (macros/handout_builder.py,
read by overrides/assets/javascripts/handout-builder.js); and the JSON-LD of a
drill page (hooks/structured_data.py) takes its frequency from :func:`per_day_words`.
"""

from __future__ import annotations

import re
from typing import Any

from content_model import Dose

# A numbered piece: the words for a number that has its own entry ("1", "2"), else "other".
# "{name}" stands for a number of the dose. The script reads this table as JSON, so it
# holds only strings.
DOSE_WORDS: dict[str, Any] = {
    "sets_of_reps": {"1": "{sets} set of {reps}", "other": "{sets} sets of {reps}"},  # by sets
    "times": {"1": "{n} time", "other": "{n} times"},  # reps alone, or sets alone
    "hold_seconds": {"1": "hold {n} second", "other": "hold {n} seconds"},
    "per_day": {"1": "once a day", "2": "twice a day", "other": "{n} times a day"},
    "each_side": "each side",
    "joiner": ", ",
}

_NAME = re.compile(r"\{(\w+)\}")


def _say(piece: str, number: int, **numbers: int) -> str:
    """A numbered piece of DOSE_WORDS for ``number``, its placeholders filled in."""
    forms: dict[str, str] = DOSE_WORDS[piece]
    words = forms.get(str(number), forms["other"])
    values = {"n": number, **numbers}
    return _NAME.sub(lambda match: str(values[match.group(1)]), words)


def per_day_words(per_day: int) -> str:
    """How often a day: "once a day", "twice a day", "3 times a day"."""
    return _say("per_day", per_day)


def dose_phrase(dose: Dose | None, each_side: bool = False) -> str:
    """The dose as one short phrase, or "" when the data gives none."""
    parts: list[str] = []
    if dose is not None:
        if dose.sets and dose.reps:
            parts.append(_say("sets_of_reps", dose.sets, sets=dose.sets, reps=dose.reps))
        elif dose.reps or dose.sets:
            parts.append(_say("times", dose.reps or dose.sets))
        if dose.hold_seconds:
            parts.append(_say("hold_seconds", dose.hold_seconds))
        if dose.per_day:
            parts.append(per_day_words(dose.per_day))
    if each_side:
        parts.append(DOSE_WORDS["each_side"])
    phrase = DOSE_WORDS["joiner"].join(parts)
    return phrase[:1].upper() + phrase[1:]
