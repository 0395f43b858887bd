"""Clinical review: which drills and root causes a licensed clinician has checked, and when.

Translations (data/<language>/, content_model/translations.py) record the same way which texts
a qualified medical translator has checked; they are listed with the same rules.

Each drill and root cause may record ``reviewed: {by: "Jane Doe, PT, DPT", on: 2026-01-31}``.
:func:`review_problems` lists every entry that was never reviewed, whose review
is older than :data:`REVIEW_VALID_MONTHS`, or whose review date is in the
future. The list is a set of warnings, unless the clinic sets
``require_review: true`` in ``data/clinic.yml``: then each one is an error and
``make check`` (and so every deployment) fails until a clinician has signed off.

``today`` is a parameter so that tests (and ``make check --today``) can fix the date.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

from .errors import ContentError
from .loader import Content
from .messages import field_path
from .models import Reviewable
from .translations import KINDS, LANGUAGES, TRANSLATION_FILES, TranslationReview
from .yaml_source import Path_, Source

REVIEW_VALID_MONTHS = 12

# The kinds of content a clinician signs off, as (data key, word used in messages).
REVIEWED_KINDS = (("root_causes", "root cause"), ("drills", "drill"))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later; the 31st becomes the month's last day when needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def review_due(reviewed_on: datetime.date) -> datetime.date:
    """The last day on which a review done on ``reviewed_on`` still counts."""
    return add_months(reviewed_on, REVIEW_VALID_MONTHS)


def _entries(content: Content) -> Iterator[tuple[str, str, int, Reviewable]]:
    for key, kind in REVIEWED_KINDS:
        for index, entry in enumerate(getattr(content, key)):
            yield key, kind, index, entry


def _translated_entries(content: Content) -> Iterator[tuple[Source, str, str, Path_, TranslationReview]]:
    """Each translated entry (and each language's clinic texts), with where it is written."""
    for language, data in sorted(content.translations.items()):
        name = LANGUAGES[language][0]
        for key, file in TRANSLATION_FILES.items():
            source = data.sources.get(key)
            value = data.texts.get(key)
            if source is None or value is None:
                continue
            if not file.many:
                yield source, key, f"the {name} text of the clinic", (), value
                continue
            for index, entry in enumerate(value):
                yield source, key, f"the {name} text of {KINDS[key]} '{entry.id}'", (index,), entry


def review_problems(content: Content, today: datetime.date | None = None) -> list[ContentError]:
    """Every entry not reviewed, reviewed too long ago, or dated in the future.

    The same for each translation, reviewed by a qualified medical translator.
    Warnings by default; errors when the clinic requires review.
    """
    today = today or datetime.date.today()
    severity = "error" if content.clinic.require_review else "warning"
    found: list[ContentError] = []
    for key, kind, index, entry in _entries(content):
        found += _problem(
            content.sources[key], key, f"{kind} '{entry.id}'", (index,), entry, today, severity, CLINICIAN
        )
    for source, key, what, path, entry in _translated_entries(content):
        found += _problem(source, key, what, path, entry, today, severity, TRANSLATOR)
    found += _urgent_care_review(content, today, severity)
    return found


# Who reviews, as (who, an example of `by:`).
CLINICIAN = ("a licensed clinician", "Name, PT, DPT")
TRANSLATOR = ("a qualified medical translator", "Name, certified medical translator")


def _problem(
    source: Source,
    key: str,
    what: str,
    at: Path_,
    entry: Reviewable | TranslationReview,
    today: datetime.date,
    severity: str,
    reviewer: tuple[str, str],
) -> list[ContentError]:
    who, example = reviewer
    review = entry.reviewed
    if review is None:
        path: Path_ = (*at, "id") if at else ("needs_review",)
        still = f' (still to check: "{entry.needs_review}")' if entry.needs_review else ""
        done = " and delete the needs_review line" if entry.needs_review else ""
        message = (
            f"{what} is not reviewed yet{still}. When {who} has checked it, "
            f'add `reviewed: {{by: "{example}", on: {today.isoformat()}}}` to this entry{done}'
        )
    elif review.on > today:
        path = (*at, "reviewed", "on")
        message = (
            f"{what} has a review date after today ({review.on.isoformat()}): "
            "write the date the review took place, as YYYY-MM-DD"
        )
    elif review_due(review.on) < today:
        path = (*at, "reviewed", "on")
        message = (
            f"{what} was last reviewed on {review.on.isoformat()} by {review.by}, "
            f"more than {REVIEW_VALID_MONTHS} months ago: ask {who} to check it again, "
            "then update `on:` to the date of the new review"
        )
    else:
        return []
    line, column = source.where(path)
    return [ContentError(source.file, line, column, field_path(key, path[:-1]), message, severity)]


def _urgent_care_review(content: Content, today: datetime.date, severity: str) -> list[ContentError]:
    """The urgent-care box (clinic.yml) is medical advice too: reviewed like a drill."""
    care = content.clinic.urgent_care
    if care is None or "clinic" not in content.sources:
        return []
    review = care.reviewed
    if review is None:
        still = f' (still to check: "{care.needs_review}")' if care.needs_review else ""
        message = (
            f"the urgent-care box is not reviewed yet{still}. When a licensed clinician has checked its "
            f'signs, add `reviewed: {{by: "Name, PT, DPT", on: {today.isoformat()}}}` under urgent_care'
            + (" and delete the needs_review line" if care.needs_review else "")
        )
    elif review.on > today or review_due(review.on) < today:
        message = (
            f"the urgent-care box's review date ({review.on.isoformat()}) is in the future or more than "
            f"{REVIEW_VALID_MONTHS} months ago: ask a licensed clinician to check it, then update `on:`"
        )
    else:
        return []
    line, column = content.sources["clinic"].where(("urgent_care",))
    return [ContentError(content.file("clinic"), line, column, "clinic.urgent_care", message, severity)]
