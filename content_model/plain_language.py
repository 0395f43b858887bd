"""The plain-language settings in ``data/plain_language.yml``: thresholds, jargon, vague phrases.

The file is optional. Without it, the defaults below apply: the reading-level
limits the site promises (grade 6 to 8 for pages), no jargon list, and the
usual vague phrases. ``make readability`` (content_model/readability.py) uses
these settings; CONTRIBUTING.md explains each check to editors.
"""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from .models import PlainText, Strict

# Phrases that tell a patient to do something without saying how much.
# They are fine when the same sentence gives a number ("as directed: 10 times").
VAGUE_PHRASES = (
    "as directed",
    "as instructed",
    "as prescribed",
    "as needed",
    "as tolerated",
    "as able",
    "as much as you can",
    "as often as you can",
    "a few times",
    "several times",
    "regularly",
)


class Thresholds(Strict):
    """How hard patient texts may be to read, as US school grades (Flesch-Kincaid)."""

    warn_from_grade: float = Field(
        8, gt=0, description="A field or page at this grade or above gets a warning."
    )
    field_max_grade: float = Field(
        10, gt=0, description="A data field (a summary, the steps of a drill...) above this grade fails."
    )
    page_max_grade: float = Field(8, gt=0, description="The prose of a Markdown page above this grade fails.")
    sentence_max_words: int = Field(25, gt=0, description="No sentence may have more words than this.")
    list_max_items: int = Field(8, gt=0, description="No list may have more items than this.")

    @model_validator(mode="after")
    def _warn_before_failing(self) -> Thresholds:
        if self.warn_from_grade > min(self.field_max_grade, self.page_max_grade):
            raise ValueError(
                "warn_from_grade must not be above field_max_grade or page_max_grade: "
                "warnings come before failures"
            )
        return self


class PlainLanguage(Strict):
    """Everything the plain-language checks can be told."""

    thresholds: Thresholds = Field(default_factory=Thresholds)
    jargon: dict[str, PlainText] = Field(
        default_factory=dict,
        description="term: plain words. The term may appear only in a sentence that also holds "
        "its plain words.",
    )
    vague_phrases: list[PlainText] = Field(
        default_factory=lambda: list(VAGUE_PHRASES),
        description="Phrases that need a number in the same sentence (e.g. 'as directed').",
    )
    step_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that may start a step, added to the built-in list in content_model/step_verbs.py.",
    )

    @field_validator("jargon")
    @classmethod
    def _terms_are_words(cls, value: dict[str, str]) -> dict[str, str]:
        cleaned: dict[str, str] = {}
        for term, plain in value.items():
            key = " ".join(term.lower().split())
            if not key:
                raise ValueError("has an empty term: write the word to explain before the colon")
            if key in plain.lower():
                raise ValueError(
                    f"the plain words for '{term}' contain the term itself: explain it in other words"
                )
            cleaned[key] = plain
        return cleaned

    @field_validator("vague_phrases")
    @classmethod
    def _lower_phrases(cls, value: list[str]) -> list[str]:
        return [" ".join(v.lower().split()) for v in value]

    @field_validator("step_verbs")
    @classmethod
    def _single_words(cls, value: list[str]) -> list[str]:
        words = [v.strip().lower() for v in value]
        for word in words:
            if not word.isalpha():
                raise ValueError(f"'{word}' is not one word: list verbs such as 'squat', one per line")
        return words
