"""Translations of the patient texts: ``data/<language>/``, read and checked like the English.

Layout (CONTRIBUTING.md, "How to add or update a translation"): each language has a folder
beside the English files, ``data/es/`` for Spanish, with the same file names. Each file holds
only the texts of the English file, keyed by the same ids::

    # data/es/drills.yml
    - id: spiderman
      name: Spiderman
      same_in_both: [Spiderman]
      summary: Un ejercicio avanzado que ...
      steps:
        - Empiece arriba, como para hacer una flexión de brazos.
        - ...
      needs_review: Translated for this site; a qualified medical translator must check it.

Ids, levels, doses, pictures' figures, videos and drill lists are never repeated there: they
come from the English entry, so a translation cannot change what a patient is told to do.

What is checked, each with file:line and the fix (:func:`load_translations`):

* every id is an id of the English file; no id twice;
* the structure matches: a list (steps, tips, cautions, targets, pictures) has no more items
  than the English one (an item with no English source is an error), and a text the English
  entry does not have is an error; each item translates the English item at the same place;
* a text identical to its English source is an error, unless the entry lists it as kept in
  both languages (``same_in_both: [Spiderman]``); a listed text that is no longer a text of the
  English entry is a warning (``translation_warnings``), so renaming an English drill does not
  stop the build;
* every text is a PlainText, like the English (no HTML, no invisible characters, not empty),
  and the file is read with the same hardened reader (content_model/yaml_source.py);
* a placeholder from ``make new-drill`` is refused, as in the English files.

What is not translated yet is no error: it is listed as a notice (``make check``), and the entry
is left out of that language's site. A list with fewer items than the English one (a step added
to the English since) makes its entry incomplete too. A program is available in a language only
when its own texts and every one of its drills are complete: never a handout with English steps.

:meth:`content_model.loader.Content.translation` gives the per-language view the site uses
(:class:`Translation`): the complete entries, merged (the English entry with its texts replaced),
so templates render them unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from .errors import ContentError
from .messages import field_path, validation_errors
from .models import (
    HOLD,
    Clinic,
    Drill,
    PlainText,
    Program,
    Review,
    RootCause,
    Slug,
    Strict,
    step_placeholders,
)
from .yaml_source import Path_, Source, read_source

# The languages a site can publish besides English: code (the folder in data/, the URL prefix
# /es/, the page's lang attribute) and the language's name in English and in itself.
LANGUAGES: dict[str, tuple[str, str]] = {"es": ("Spanish", "Español")}

TRANSLATOR_REVIEW = "Translated for this site; a qualified medical translator must check it before use."


class TranslationReview(Strict):
    """Who checked a translation (a qualified medical translator), like `reviewed` in the English."""

    reviewed: Review | None = Field(
        None,
        description="The translator who checked it, e.g. "
        '{by: "Ana Ruiz, certified medical translator", on: 2026-11-02}.',
    )
    needs_review: PlainText | None = Field(
        None, description="What a qualified medical translator still has to check. Delete it with `reviewed`."
    )


class _Entry(TranslationReview):
    id: Slug = Field(description="The id of the English entry this translates.")
    same_in_both: list[PlainText] = Field(
        default_factory=list,
        description="Texts of this entry that are the same in both languages, such as a name "
        "(Spiderman). Any other text identical to the English is refused.",
    )


class PictureText(Strict):
    """The words of one picture; the figure itself comes from the English entry."""

    alt: PlainText | None = Field(None, description="The English alt, translated.")
    caption: PlainText | None = Field(None, description="The English caption, translated.")


class DrillText(_Entry):
    """The texts of one drill. Each list item translates the English item at the same place."""

    name: PlainText | None = None
    summary: PlainText | None = None
    position: PlainText | None = None
    targets: list[PlainText] | None = Field(None, description="The body areas, in the English order.")
    steps: list[PlainText] | None = Field(None, description="Each step, in the English order.")
    tips: list[PlainText] | None = None
    cautions: list[PlainText] | None = None
    credit: PlainText | None = None
    pictures: list[PictureText] | None = Field(
        None, description="The words of each picture, in the English order (alt, caption)."
    )


class RootCauseText(_Entry):
    title: PlainText | None = None
    summary: PlainText | None = None


class ProgramText(_Entry):
    title: PlainText | None = None
    summary: PlainText | None = None
    key_points: list[PlainText] | None = Field(None, description="Each key point, in the English order.")


class CallToActionText(Strict):
    heading: PlainText | None = None
    text: PlainText | None = None
    offer: PlainText | None = None


class UrgentCareText(Strict):
    signs: list[PlainText] | None = Field(None, description="Each warning sign, in the English order.")


class ClinicText(TranslationReview):
    """The clinic's texts a patient reads on every page and sheet."""

    name: PlainText | None = Field(
        None, description="The clinic's name in this language, if it has one; left out, the English name."
    )
    region: PlainText | None = Field(None, description="Left out, the English region is used.")
    call_to_action: CallToActionText | None = None
    disclaimer: PlainText | None = Field(None, description="The medical disclaimer under every page.")
    hours: list[PlainText] | None = Field(None, description="The opening hours, line by line, as in English.")
    key_points: list[PlainText] | None = Field(
        None, description="The default key points, in the English order."
    )
    urgent_care: UrgentCareText | None = None
    sheet_message: PlainText | None = Field(
        None, description="The last words of every printed handout (clinic.yml sheet_message)."
    )
    same_in_both: list[PlainText] = Field(default_factory=list)


@dataclass(frozen=True)
class TranslationFile:
    """One file in data/<language>/: its name and the model of what it holds."""

    file: str
    model: type[BaseModel]
    many: bool


# Keyed like content_model.loader.DATA_FILES: each translates the English file of the same key.
TRANSLATION_FILES: dict[str, TranslationFile] = {
    "clinic": TranslationFile("clinic.yml", ClinicText, many=False),
    "root_causes": TranslationFile("root_causes.yml", RootCauseText, many=True),
    "drills": TranslationFile("drills.yml", DrillText, many=True),
    "programs": TranslationFile("programs.yml", ProgramText, many=True),
}

# Fields of a translation model that are about the translation, not texts of the English entry.
_NOT_TEXTS = frozenset({"id", "same_in_both", "reviewed", "needs_review"})
# Texts that may be left out: the English is then shown (a name that is the same in every language).
_ENGLISH_WHEN_LEFT_OUT = {"clinic": frozenset({"name", "region"})}
# Texts of the English models that are not translated, and why (a test holds the two lists together).
NOT_TRANSLATED = {
    ("Review", "by"): "a person's name and credentials",
    ("Clinic", "address"): "a postal address is written the same in every language",
    ("Reviewable", "needs_review"): "a note for the clinic's reviewers, never shown to patients",
}
# Where each kind of entry is named in messages.
KINDS = {"clinic": "the clinic", "root_causes": "root cause", "drills": "drill", "programs": "program"}


def text_fields(model: type[BaseModel]) -> list[str]:
    """The fields of a translation model that translate a text of the English entry."""
    return [name for name in model.model_fields if name not in _NOT_TEXTS]


@dataclass(frozen=True)
class TranslatedData:
    """What data/<language>/ holds, validated and compared with the English."""

    language: str
    shown_dir: str  # e.g. "data/es"
    texts: dict[str, Any]  # key -> ClinicText, or a tuple of entries
    sources: dict[str, Source] = field(repr=False, compare=False)
    complete: dict[str, frozenset[str]]  # key -> ids of complete entries ("clinic" holds "clinic")
    missing: tuple[ContentError, ...]  # notices: what is not translated yet
    warnings: tuple[ContentError, ...] = ()  # harmless but worth fixing (a stale same_in_both)

    def file(self, key: str) -> str:
        return f"{self.shown_dir}/{TRANSLATION_FILES[key].file}"

    def entry(self, key: str, entry_id: str) -> Any:
        for entry in self.texts.get(key) or ():
            if entry.id == entry_id:
                return entry
        return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _has_text(value: Any) -> bool:
    return value is not None and value != [] and value != ()


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _quote(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _english_texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _english_texts(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _english_texts(getattr(value, name))


class _Comparison:
    """Compares one language's file with the English file of the same key."""

    def __init__(self, language: str, key: str, source: Source, english: Source, english_values: Any) -> None:
        self.language, self.key, self.source, self.english = language, key, source, english
        self.english_values = english_values
        self.errors: list[ContentError] = []
        self.warnings: list[ContentError] = []
        self.missing: list[ContentError] = []
        self.incomplete: set[str] = set()
        self.name = LANGUAGES[language][0]

    def _report(self, into: list[ContentError], path: Path_, message: str, severity: str) -> None:
        line, column = self.source.where(path)
        where = field_path(self.key, path)
        into.append(ContentError(self.source.file, line, column, where, message, severity))

    def warn(self, path: Path_, message: str) -> None:
        self._report(self.warnings, path, message, "warning")

    def error(self, path: Path_, message: str) -> None:
        self._report(self.errors, path, message, "error")

    def lacks(self, entry_id: str, path: Path_, message: str) -> None:
        self.incomplete.add(entry_id)
        self._report(self.missing, path, message, "notice")

    def english_at(self, path: Path_) -> str:
        line, _column = self.english.where(path)
        return f"{self.english.file}:{line}"

    def entry(self, entry_id: str, english: Any, text: Any, path: Path_, english_path: Path_) -> None:
        """Compare one entry (or the clinic) with its English, field by field."""
        model = type(text)
        kept = [k for k in getattr(text, "same_in_both", [])]
        english_texts = list(_english_texts(english))
        for position, name in enumerate(kept):
            if not any(_same(name, t) for t in english_texts):
                self.warn(
                    path + ("same_in_both", position),
                    f"'{name}' is listed as the same in both languages, but no text of the English "
                    f"entry ({self.english_at(english_path)}) is '{name}': delete it from same_in_both",
                )
        optional = _ENGLISH_WHEN_LEFT_OUT.get(self.key, frozenset())
        for name in text_fields(model):
            self.value(
                entry_id,
                getattr(english, name),
                getattr(text, name),
                path + (name,),
                english_path + (name,),
                kept,
                optional=name in optional,
            )

    def value(
        self,
        entry_id: str,
        english: Any,
        text: Any,
        path: Path_,
        english_path: Path_,
        kept: list[str],
        optional: bool = False,
    ) -> None:
        name = next((p for p in reversed(path) if isinstance(p, str)), "")
        if text is None:
            if _has_text(english) and not optional:
                first = english[0] if isinstance(english, (list, tuple)) else english
                shown = f": '{_quote(first)}'" if isinstance(first, str) else ""
                self.lacks(
                    entry_id,
                    path,
                    f"{name} is not in {self.name} yet ({self.english_at(english_path)}{shown}): "
                    "translate it here",
                )
            return
        if not _has_text(english):
            self.error(
                path,
                f"the English has no {name} here ({self.english_at(english_path)}), so there is nothing "
                "to translate: delete it, or add it to the English entry first",
            )
            return
        if isinstance(english, str):
            wanted, found = step_placeholders(english)[0], step_placeholders(text)
            if name == "steps" and (found[1] or len(found[0]) != len(wanted)):
                self.error(
                    path,
                    f"says {HOLD} {len(found[0])} times, the English step ({self.english_at(english_path)}) "
                    f"{len(wanted)} times: {HOLD} stands for how long to hold, filled in from the dose, so "
                    f"write it where the English does{', once' if wanted else ' nowhere'}"
                    + (f"; {found[1][0]!r} is no placeholder: write no braces" if found[1] else ""),
                )
                return
            if _same(english, text) and not any(_same(text, k) for k in kept):
                self.error(
                    path,
                    f"is the same as the English ('{_quote(english)}', {self.english_at(english_path)}): "
                    f"translate it. If it is a name that stays the same in {self.name}, list it in this "
                    f"entry: same_in_both: [{_quote(english)}]",
                )
            return
        if isinstance(english, (list, tuple)):
            if len(text) > len(english):
                self.error(
                    path + (len(english),),
                    f"{name} has {len(text)} items here but {len(english)} in the English "
                    f"({self.english_at(english_path)}): each item translates the English item at the same "
                    f"place, so item {len(english) + 1} has no English source. Delete the translation of "
                    f"what the English no longer has; if you cannot tell which it is, delete the whole "
                    f"'{name}:' list here, and the {KINDS[self.key]} stays in English only until it is "
                    "translated again",
                )
                return
            if len(text) < len(english):
                first = english[len(text)]
                shown = f": '{_quote(first)}'" if isinstance(first, str) else ""
                self.lacks(
                    entry_id,
                    path,
                    f"{name} has {len(text)} items here but {len(english)} in the English "
                    f"({self.english_at(english_path)}): each item here translates the English item at "
                    "the same place, so compare them in order and add the missing translation where the "
                    f"English has it (at the end, that is the {_ordinal(len(text) + 1)}{shown})",
                )
            for index, (english_item, item) in enumerate(zip(english, text, strict=False)):
                self.value(entry_id, english_item, item, path + (index,), english_path + (index,), kept)
            return
        if isinstance(text, BaseModel):
            for field_name in text_fields(type(text)):
                self.value(
                    entry_id,
                    getattr(english, field_name),
                    getattr(text, field_name),
                    path + (field_name,),
                    english_path + (field_name,),
                    kept,
                )


def languages_in(data_dir: Path) -> list[str]:
    """The folders of data/ that hold a translation, sorted (known or not)."""
    if not data_dir.is_dir():
        return []
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and any(p.glob("*.yml")))


def load_translations(
    data_dir: Path, shown_dir: str, english: dict[str, Any], english_sources: dict[str, Source]
) -> tuple[dict[str, TranslatedData], list[ContentError]]:
    """Read and check every data/<language>/ folder against the English values.

    ``english`` holds the English values by key (as the loader validated them). Returns the
    translations and their errors (notices of what is missing are kept in each TranslatedData).
    """
    found: dict[str, TranslatedData] = {}
    errors: list[ContentError] = []
    for language in languages_in(data_dir):
        folder_shown = f"{shown_dir}/{language}"
        if language not in LANGUAGES:
            known = ", ".join(f"{code} ({names[0]})" for code, names in LANGUAGES.items())
            errors.append(
                ContentError(
                    f"{folder_shown}/",
                    1,
                    1,
                    "",
                    f"'{language}' is not a language this site can publish (known: {known}): rename the "
                    "folder to the language's code, or move its files out of data/",
                )
            )
            continue
        translated, problems = _load_language(
            data_dir / language, folder_shown, language, english, english_sources
        )
        errors += problems
        found[language] = translated
    return found, errors


def _load_language(
    folder: Path,
    shown_dir: str,
    language: str,
    english: dict[str, Any],
    english_sources: dict[str, Source],
) -> tuple[TranslatedData, list[ContentError]]:
    from .placeholders import placeholder_problems  # noqa: PLC0415  (only when data/ is read, see loader._load)

    errors: list[ContentError] = []
    missing: list[ContentError] = []
    warnings: list[ContentError] = []
    texts: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    complete: dict[str, frozenset[str]] = {}
    known_files = {f.file for f in TRANSLATION_FILES.values()}
    for path in sorted(folder.glob("*.yml")):
        if path.name not in known_files:
            errors.append(
                ContentError(
                    f"{shown_dir}/{path.name}",
                    1,
                    1,
                    "",
                    f"{path.name} is not a file a translation holds "
                    f"(known: {', '.join(sorted(known_files))}): check the name, or move the file out of "
                    "this folder",
                )
            )
    name = LANGUAGES[language][0]
    for key, translation_file in TRANSLATION_FILES.items():
        shown = f"{shown_dir}/{translation_file.file}"
        english_values = english.get(key)
        english_source = english_sources.get(key)
        if english_values is None or english_source is None:
            continue  # the English file has problems of its own, reported already
        ids = _english_ids(key, english_values)
        path = folder / translation_file.file
        if not path.exists():
            missing.append(
                ContentError(
                    shown,
                    1,
                    1,
                    "",
                    f"the file is not there yet, so nothing of {english_source.file} is in {name}: create it "
                    "(CONTRIBUTING.md, 'How to add or update a translation')",
                    "notice",
                )
            )
            texts[key] = None if not translation_file.many else ()
            complete[key] = frozenset()
            continue
        source, problems = read_source(path, shown)
        errors += problems
        if problems:
            complete[key] = frozenset()
            continue
        sources[key] = source
        unfinished = placeholder_problems(source, key)
        errors += unfinished
        adapter = _adapter(translation_file.model, translation_file.many)
        try:
            value = adapter.validate_python(source.value)
        except ValidationError as error:
            placed = {(e.line, e.column) for e in unfinished}
            problems = validation_errors(error, source, key, translation_file.model)
            errors += [e for e in problems if (e.line, e.column) not in placed]
            complete[key] = frozenset()
            continue
        comparison = _Comparison(language, key, source, english_source, english_values)
        if translation_file.many:
            entries = tuple(value)
            seen: dict[str, int] = {}
            english_index = {entry_id: index for index, entry_id in enumerate(ids)}
            for index, entry in enumerate(entries):
                if entry.id in seen:
                    first = source.where((seen[entry.id],))[0]
                    comparison.error(
                        (index, "id"),
                        f"the id '{entry.id}' is already translated by the entry on line {first}: "
                        "keep one of the two",
                    )
                    continue
                seen[entry.id] = index
                if entry.id not in english_index:
                    comparison.error(
                        (index, "id"),
                        f"'{entry.id}' is not an id in {english_source.file}, so there is nothing to "
                        f"translate. Known ids: {', '.join(ids) or '(none)'}",
                    )
                    continue
                position = english_index[entry.id]
                if not isinstance(english_values[position], BaseModel):
                    continue  # the English entry is not valid: reported on its own
                comparison.entry(entry.id, english_values[position], entry, (index,), (position,))
            for position, entry_id in enumerate(ids):
                if entry_id not in seen:
                    line, _column = english_source.where((position,))
                    comparison.incomplete.add(entry_id)
                    missing.append(
                        ContentError(
                            shown,
                            source.where(())[0],
                            1,
                            "",
                            f"{KINDS[key]} '{entry_id}' ({english_source.file}:{line}) is not in {name} yet: "
                            f"add an entry '- id: {entry_id}' with its texts translated",
                            "notice",
                        )
                    )
            texts[key] = entries
            complete[key] = frozenset(i for i in ids if i in seen) - comparison.incomplete
        else:
            comparison.entry("clinic", english_values, value, (), ())
            texts[key] = value
            complete[key] = frozenset() if comparison.incomplete else frozenset({"clinic"})
        errors += comparison.errors
        warnings += comparison.warnings
        missing += comparison.missing
    _programs_wait_for_drills(english, complete, missing, texts, sources, shown_dir, name)
    translated = TranslatedData(
        language=language,
        shown_dir=shown_dir,
        texts=texts,
        sources=sources,
        complete=complete,
        missing=tuple(sorted(missing)),
        warnings=tuple(sorted(warnings)),
    )
    return translated, errors


def _programs_wait_for_drills(
    english: dict[str, Any],
    complete: dict[str, frozenset[str]],
    missing: list[ContentError],
    texts: dict[str, Any],
    sources: dict[str, Source],
    shown_dir: str,
    name: str,
) -> None:
    """A program is complete only when every one of its drills is: never a handout in two languages."""
    drills_done = complete.get("drills", frozenset())
    programs_done = set(complete.get("programs", frozenset()))
    for program in english.get("programs") or []:
        waiting = [d for d in getattr(program, "drills", ()) if d not in drills_done]
        if program.id not in programs_done or not waiting:
            continue
        programs_done.discard(program.id)
        source = sources.get("programs")
        index = next(
            (i for i, entry in enumerate(texts.get("programs") or ()) if entry.id == program.id), None
        )
        line, column = source.where((index,)) if source is not None and index is not None else (1, 1)
        missing.append(
            ContentError(
                f"{shown_dir}/{TRANSLATION_FILES['programs'].file}",
                line,
                column,
                "",
                f"program '{program.id}' has no {name} handout until all its drills are in {name}; "
                f"still to translate: {', '.join(waiting)}",
                "notice",
            )
        )
    complete["programs"] = frozenset(programs_done)


def translation_warnings(translations: dict[str, TranslatedData]) -> list[ContentError]:
    """The warnings of every language, for ``make check``."""
    return [w for language in sorted(translations) for w in translations[language].warnings]


def _english_ids(key: str, values: Any) -> list[str]:
    if not TRANSLATION_FILES[key].many:
        return ["clinic"]
    return [entry.id for entry in values if isinstance(getattr(entry, "id", None), str)]


@functools.cache
def _adapter(model: type[BaseModel], many: bool) -> TypeAdapter[Any]:
    """Built once per process: building a validator costs more than using it."""
    return TypeAdapter(list[model] if many else model)  # type: ignore[valid-type]


def merged(english: BaseModel, text: BaseModel) -> Any:
    """The English entry with each translated text put in place of the English one (same type)."""
    updates: dict[str, Any] = {}
    for name in text_fields(type(text)):
        value = getattr(text, name)
        if value is None:
            continue
        english_value = getattr(english, name)
        if isinstance(value, BaseModel):
            value = merged(english_value, value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            value = [merged(e, t) for e, t in zip(english_value, value, strict=True)]
        elif isinstance(value, list):
            value = list(value)
        updates[name] = value
    return english.model_copy(update=updates)


class UntranslatedError(LookupError):
    """A page asked for an entry that is not (completely) translated into its language."""


@dataclass(frozen=True)
class Translation:
    """One language's view of the content: only what is completely translated, merged.

    Made by :meth:`content_model.loader.Content.translation`. Each entry is the English entry
    (same type: Drill, RootCause, Program, Clinic) with its texts replaced by the translation,
    so the templates that render the English render it unchanged. An entry that is not complete
    is left out, and so is every program with any drill not complete.
    """

    language: str  # "es"
    name: str  # "Spanish"
    own_name: str  # "Español"
    clinic: Clinic | None  # None until every clinic text is translated
    drills: tuple[Drill, ...]  # complete drills, in the English order
    root_causes: tuple[RootCause, ...]
    programs: tuple[Program, ...]  # complete programs whose drills are all complete
    missing: tuple[ContentError, ...]  # notices: what is not translated yet, with file:line
    # key ("drills", "root_causes", "programs", "clinic") -> the English ids left out, in order
    untranslated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    data: TranslatedData | None = field(default=None, repr=False, compare=False)

    @property
    def is_complete(self) -> bool:
        """Everything the English has is translated."""
        return not self.missing and not any(self.untranslated.values())

    def summary(self) -> str:
        """What is not in this language yet, in one sentence per kind, for `make check`."""
        if self.is_complete:
            return f"{self.name}: everything is translated."
        parts = []
        for key, ids in self.untranslated.items():
            if not ids:
                continue
            if key == "clinic":
                parts.append("the clinic's texts (no page can be made in this language without them)")
                continue
            noun = KINDS[key] + ("" if len(ids) == 1 else "s")
            parts.append(f"{len(ids)} {noun} ({', '.join(ids)})")
        return (
            f"Not in {self.name} yet: {'; '.join(parts)}. They are left out of the {self.name} site until "
            "they are translated completely (CONTRIBUTING.md, 'How to add or update a translation')."
        )

    def has_drill(self, drill_id: str) -> bool:
        return any(d.id == drill_id for d in self.drills)

    def has_root_cause(self, cause_id: str) -> bool:
        return any(c.id == cause_id for c in self.root_causes)

    def has_program(self, program_id: str) -> bool:
        return any(p.id == program_id for p in self.programs)

    def drill(self, drill_id: str) -> Drill:
        return self._find(self.drills, drill_id, "drill", "drills")

    def root_cause(self, cause_id: str) -> RootCause:
        return self._find(self.root_causes, cause_id, "root cause", "root_causes")

    def program(self, program_id: str) -> Program:
        return self._find(self.programs, program_id, "program", "programs")

    def program_drills(self, program_id: str) -> list[Drill]:
        """A complete program's drills, in order, all in this language."""
        return [self.drill(d) for d in self.program(program_id).drills]

    def file(self, key: str) -> str:
        """How the translation file is named in messages and edit links, e.g. 'data/es/drills.yml'."""
        shown = self.data.shown_dir if self.data else f"data/{self.language}"
        return f"{shown}/{TRANSLATION_FILES[key].file}"

    def line_of(self, key: str, entry_id: str) -> int:
        """The line where an entry's translation starts (for edit links); 1 when it has none."""
        source = self.data.sources.get(key) if self.data else None
        return source.entry_line(entry_id) if source is not None else 1

    def review(self, key: str, entry_id: str = "clinic") -> TranslationReview | None:
        """Who checked the translation of an entry (key "clinic" for the clinic), or None."""
        if self.data is None:
            return None
        if key == "clinic":
            return self.data.texts.get("clinic")
        return self.data.entry(key, entry_id)

    def _find(self, entries: tuple[Any, ...], wanted: str, kind: str, key: str) -> Any:
        for entry in entries:
            if entry.id == wanted:
                return entry
        raise UntranslatedError(
            f"{kind} '{wanted}' is not completely translated into {self.name} ({self.file(key)}): "
            f"{kind}s available in {self.name}: {', '.join(e.id for e in entries) or '(none)'}"
        )


def translation_view(
    language: str,
    data: TranslatedData | None,
    clinic: Clinic,
    drills: tuple[Drill, ...],
    root_causes: tuple[RootCause, ...],
    programs: tuple[Program, ...],
    english_files: dict[str, str],
    shown_dir: str,
) -> Translation:
    """The view of one language, from its checked data (None: no folder, nothing translated).

    ``shown_dir`` names the language's folder in messages when it does not exist, e.g. "data/es".
    """
    name, own_name = LANGUAGES[language]
    if data is None:
        missing = tuple(
            ContentError(
                f"{shown_dir}/{TRANSLATION_FILES[key].file}",
                1,
                1,
                "",
                f"nothing of {english_files[key]} is in {name} yet: create this file "
                "(CONTRIBUTING.md, 'How to add or update a translation')",
                "notice",
            )
            for key in TRANSLATION_FILES
        )
        everything = {
            "clinic": ("clinic",),
            "root_causes": tuple(c.id for c in root_causes),
            "drills": tuple(d.id for d in drills),
            "programs": tuple(p.id for p in programs),
        }
        return Translation(language, name, own_name, None, (), (), (), missing, everything, None)

    def done(key: str, entries: tuple[Any, ...]) -> tuple[Any, ...]:
        ids = data.complete.get(key, frozenset())
        return tuple(merged(e, data.entry(key, e.id)) for e in entries if e.id in ids)

    clinic_text = data.texts.get("clinic")
    merged_clinic = (
        merged(clinic, clinic_text) if "clinic" in data.complete.get("clinic", frozenset()) else None
    )

    def left_out(key: str, entries: tuple[Any, ...]) -> tuple[str, ...]:
        return tuple(e.id for e in entries if e.id not in data.complete.get(key, frozenset()))

    return Translation(
        language=language,
        name=name,
        own_name=own_name,
        clinic=merged_clinic,
        drills=done("drills", drills),
        root_causes=done("root_causes", root_causes),
        programs=done("programs", programs),
        missing=data.missing,
        untranslated={
            "clinic": () if merged_clinic is not None else ("clinic",),
            "root_causes": left_out("root_causes", root_causes),
            "drills": left_out("drills", drills),
            "programs": left_out("programs", programs),
        },
        data=data,
    )
