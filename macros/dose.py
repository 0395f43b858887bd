"""Say a drill's dose in words: "2 sets of 10, once a day, each side" ("2 series de 10, una vez
al día, de cada lado").

The words are written once, in ``DOSE_WORDS``, one table per language. :func:`dose_phrase` says a dose
with them here, for drill pages, cards and handouts; the handout builder's
script says the doses a therapist sets in the browser with the same table,
which the builder page carries in its JSON data block (macros/handout_builder.py,
read by overrides/assets/javascripts/handout-builder.js); and the JSON-LD of a
drill page (hooks/structured_data.py) takes its frequency from :func:`per_day_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from content_model import HOLD, Dose

# By language, then by piece. A numbered piece: the words for a number that has its own entry
# ("1", "2"), else "other". "{name}" stands for a number of the dose. The script reads this table
# as JSON, so it holds only strings. Every language has every piece (tests/test_dose_words.py).
DOSE_WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "sets_of_reps": {"1": "{sets} set of {reps}", "other": "{sets} sets of {reps}"},  # by sets
        "times": {"1": "{n} time", "other": "{n} times"},  # reps alone, or sets alone of a drill that holds
        "sets": {"1": "{n} set", "other": "{n} sets"},  # sets alone of a drill of repetitions
        "hold_seconds": {"1": "hold {n} second", "other": "hold {n} seconds"},
        "per_day": {"1": "once a day", "2": "twice a day", "other": "{n} times a day"},
        "each_side": "each side",
        "joiner": " · ",
        # How long, in the step that holds ("Hold the stretch for {hold}."): content_model.HOLD.
        "hold_for": {"1": "{n} second", "other": "{n} seconds"},
    },
    "es": {
        "sets_of_reps": {"1": "{sets} serie de {reps}", "other": "{sets} series de {reps}"},
        "times": {"1": "{n} vez", "other": "{n} veces"},
        "sets": {"1": "{n} serie", "other": "{n} series"},
        "hold_seconds": {"1": "mantenga {n} segundo", "other": "mantenga {n} segundos"},
        "per_day": {"1": "una vez al día", "2": "dos veces al día", "other": "{n} veces al día"},
        "each_side": "de cada lado",
        "joiner": " · ",
        "hold_for": {"1": "{n} segundo", "other": "{n} segundos"},
    },
}

_NAME = re.compile(r"\{(\w+)\}")


def _say(piece: str, number: int, language: str = "en", **numbers: int) -> str:
    """A numbered piece of DOSE_WORDS for ``number``, its placeholders filled in."""
    forms: dict[str, str] = DOSE_WORDS[language][piece]
    words = forms.get(str(number), forms["other"])
    values = {"n": number, **numbers}
    return _NAME.sub(lambda match: str(values[match.group(1)]), words)


def per_day_words(per_day: int, language: str = "en") -> str:
    """How often a day: "once a day", "twice a day", "3 times a day" ("una vez al día" ...)."""
    return _say("per_day", per_day, language)


def dose_phrase(
    dose: Dose | None, each_side: bool = False, language: str = "en", holds: bool | None = None
) -> str:
    """The dose as one short phrase in a language, or "" when the data gives none.

    Sets without reps are counted to suit the drill: "2 times" for a drill that holds (a stretch held
    30 seconds, twice), "2 sets" for a drill of repetitions. ``holds`` says which; by default, a dose
    with a hold time holds (the handout builder passes the drill's own kind)."""
    words = DOSE_WORDS[language]
    parts: list[str] = []
    if dose is not None:
        holding = bool(dose.hold_seconds) if holds is None else holds
        if dose.sets and dose.reps:
            parts.append(_say("sets_of_reps", dose.sets, language, sets=dose.sets, reps=dose.reps))
        elif dose.sets and not holding:
            parts.append(_say("sets", dose.sets, language))
        elif dose.reps or dose.sets:
            parts.append(_say("times", dose.reps or dose.sets, language))
        if dose.hold_seconds:
            parts.append(_say("hold_seconds", dose.hold_seconds, language))
        if dose.per_day:
            parts.append(per_day_words(dose.per_day, language))
    if each_side:
        parts.append(words["each_side"])
    phrase = words["joiner"].join(parts)
    return phrase[:1].upper() + phrase[1:]


@dataclass(frozen=True)
class Step:
    """One step as a page shows it: its words, with how long to hold (from the dose) between
    ``before`` and ``after`` where the data wrote content_model.HOLD ("" where it holds nothing)."""

    before: str
    hold: str = ""
    after: str = ""

    @property
    def text(self) -> str:
        return self.before + self.hold + self.after


def hold_words(seconds: int, language: str = "en") -> str:
    """How long to hold, as a step says it: "30 seconds" ("30 segundos")."""
    return _say("hold_for", seconds, language)


def steps_with_hold(
    steps: list[str] | tuple[str, ...], dose: Dose | None, language: str = "en"
) -> tuple[Step, ...]:
    """A drill's steps with the hold time of its dose filled in where a step says content_model.HOLD
    (the content model makes sure exactly the steps of a drill with hold_seconds say it)."""
    seconds = dose.hold_seconds if dose else None
    shown = []
    for step in steps:
        before, found, after = step.partition(HOLD)
        if found and seconds:
            shown.append(Step(before, hold_words(seconds, language), after))
        else:
            shown.append(Step(step))
    return tuple(shown)
