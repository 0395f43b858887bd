"""Reading ease of the Spanish texts: Fernández-Huerta, for ``make check`` and ``make readability``.

What is measured is what the English checks measure, in Spanish: each drill's summary, starting
position, steps, tips and cautions in ``data/es/drills.yml``; each root cause's and program's
summary; the clinic's call to action; and the prose of each Spanish page (``docs/**/*.es.md``,
read like the English pages: no code, macro markers or headings).

The measure is the Fernández-Huerta reading ease (textstat 0.7.3, pinned: it counts syllables
with pyphen's bundled Spanish dictionary, so nothing is downloaded):
``206.84 - 60 * syllables per word - 1.02 * words per sentence``. From 0 to 100, higher is
easier: 80 to 90 "fácil", 70 to 80 "bastante fácil", 60 to 70 "normal". The limits are
``es_*`` in ``thresholds:`` of ``data/plain_language.yml``; by default a Spanish field below 50
or a page below 60 is an error, anything below 70 a warning, and the Spanish pages must average
70 or more.

The sentence-length and list-length checks of plain_language/clarity.py apply to Spanish too.
The step-verb, jargon and vague-phrase checks use English word lists and are not run on Spanish.

A separate textstat counter set to Spanish is used, so the English figures (textstat's own
module-level counter, in English) are never measured with Spanish syllables.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from textstat.textstat import textstatistics

from content_model.errors import ContentError, format_errors
from content_model.loader import Content
from content_model.models import PlainLanguage, Thresholds
from content_model.translations import TRANSLATION_FILES, TranslatedData

from .clarity import long_lists, long_sentences, sentences
from .data_text import DRILL_FIELDS, DataFileWords
from .located_text import Group
from .readability import Report, _table, hardest_sentences, measured_text, page_groups

SPANISH = "es"
PAGE_SUFFIX = ".es.md"


@functools.cache
def _counter() -> textstatistics:
    """textstat's counter, in Spanish (pyphen's Spanish syllables): made once, never changed."""
    counter = textstatistics()
    counter.set_lang(SPANISH)
    return counter


def reading_ease(text: str) -> float:
    """Fernández-Huerta reading ease of a Spanish text (higher is easier)."""
    return _counter().fernandez_huerta(text)


@dataclass(frozen=True)
class SpanishMeasure:
    """textstat's figures, in Spanish, for one group, on exactly ``text``."""

    group: Group
    text: str
    ease: float | None  # Fernández-Huerta; None when there is no prose to measure
    words: int
    sentences: int
    words_per_sentence: float
    longest: int

    @property
    def score(self) -> float | None:
        return self.ease


def measure(group: Group) -> SpanishMeasure:
    text = measured_text(group)
    if not text:
        return SpanishMeasure(group, text, None, 0, 0, 0.0, 0)
    counter = _counter()
    longest = max(
        (counter.lexicon_count(p.text[s:e]) for p in group.graded_pieces for s, e in sentences(p.text)),
        default=0,
    )
    return SpanishMeasure(
        group=group,
        text=text,
        ease=reading_ease(text),
        words=counter.lexicon_count(text),
        sentences=counter.sentence_count(text),
        words_per_sentence=counter.avg_sentence_length(text),
        longest=longest,
    )


def spanish_data_groups(content: Content, language: str = SPANISH) -> list[Group]:
    """Every Spanish text of data/es/ a patient reads, as a group to measure, with its lines."""
    data: TranslatedData | None = content.translations.get(language)
    if data is None:
        return []
    folder = Path(content.data_dir) / language
    groups: list[Group] = []

    def words_of(key: str) -> DataFileWords | None:
        source = data.sources.get(key)
        if source is None:
            return None
        return DataFileWords(key, data.file(key), source, folder / TRANSLATION_FILES[key].file)

    drills = words_of("drills")
    for index, drill in enumerate(data.texts.get("drills") or () if drills else ()):
        for name, (kind, is_list) in DRILL_FIELDS.items():
            value = getattr(drill, name)
            if value:
                text = list(value) if is_list else value
                groups.append(drills.group((index, name), f"{drill.name or drill.id}: {name}", kind, text))
    for key in ("root_causes", "programs"):
        found = words_of(key)
        for index, entry in enumerate(data.texts.get(key) or () if found else ()):
            if entry.summary:
                label = f"{entry.title or entry.id}: summary"
                groups.append(found.group((index, "summary"), label, "summary", entry.summary))
    clinic = words_of("clinic")
    clinic_text = data.texts.get("clinic")
    if clinic and clinic_text and clinic_text.call_to_action and clinic_text.call_to_action.text:
        path = ("call_to_action", "text")
        text = clinic_text.call_to_action.text
        groups.append(clinic.group(path, "Call to action: text", "call to action", text))
    return groups


def spanish_pages(docs_dir: Path) -> list[Path]:
    """The Spanish pages in docs/ (index.es.md beside index.md)."""
    return sorted(docs_dir.rglob(f"*{PAGE_SUFFIX}")) if docs_dir.is_dir() else []


def ease_findings(found: SpanishMeasure, thresholds: Thresholds) -> list[ContentError]:
    """An error below the minimum for a field or a page; a warning below es_warn_below_score."""
    if found.ease is None:
        return []
    group = found.group
    is_page = group.kind == "page"
    least = thresholds.es_page_min_score if is_page else thresholds.es_field_min_score
    what = "this Spanish page's prose" if is_page else "this Spanish text"
    line, column = group.position
    advice = (
        "use shorter sentences and shorter, everyday words (fewer syllables). "
        "The hardest sentences: " + hardest_sentences(group, reading_ease, "ease", highest_is_hardest=False)
    )
    if found.ease < least:
        message = (
            f"{what} has a reading ease of {found.ease:.1f} (Fernández-Huerta), below the minimum "
            f"of {least:g}: {advice}"
        )
        return [ContentError(group.file, line, column, group.field, message, "error")]
    if found.ease < thresholds.es_warn_below_score:
        message = (
            f"{what} has a reading ease of {found.ease:.1f} (Fernández-Huerta); aim for "
            f"{thresholds.es_warn_below_score:g} or more: {advice}"
        )
        return [ContentError(group.file, line, column, group.field, message, "warning")]
    return []


def report_for_groups(
    groups: list[Group], settings: PlainLanguage, problems: list[ContentError] | None = None
) -> Report[SpanishMeasure]:
    """Measure Spanish groups and hold them to the thresholds (also used on pages kept elsewhere)."""
    findings = list(problems or [])
    measures = tuple(measure(g) for g in groups)
    for found in measures:
        findings += ease_findings(found, settings.thresholds)
    findings += [p for g in groups for check in (long_sentences, long_lists) for p in check(g, settings)]
    report = Report(measures, ())
    average, least = report.site_average, settings.thresholds.es_site_min_average
    if average is not None and average < least:
        worst = min((m for m in report.pages if m.ease is not None), key=lambda m: m.ease or 0.0)
        line, column = worst.group.position
        findings.append(
            ContentError(
                worst.group.file,
                line,
                column,
                "",
                f"the Spanish pages average a reading ease of {average:.1f}, below the minimum of {least:g} "
                f"(es_site_min_average): make the hardest pages easier, starting with this one "
                f"({worst.ease:.1f})",
                "error",
            )
        )
    order = {"error": 0, "warning": 1}
    return Report(measures, tuple(sorted(findings, key=lambda f: (order.get(f.severity, 2), f))))


def spanish_report(content: Content, docs_dir: Path, docs_shown: str = "docs") -> Report[SpanishMeasure]:
    """The Spanish data texts and the Spanish pages of docs/, measured."""
    config_file = docs_dir.parent / "mkdocs.yml"
    pages, problems = page_groups(
        spanish_pages(docs_dir), docs_dir, docs_shown, config_file if config_file.is_file() else None
    )
    return report_for_groups(spanish_data_groups(content) + pages, content.plain_language, problems)


def spanish_findings(content: Content, docs_dir: Path, docs_shown: str = "docs") -> list[ContentError]:
    """The findings alone, for ``make check``."""
    return list(spanish_report(content, docs_dir, docs_shown).findings)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def format_spanish_report(report: Report[SpanishMeasure], github: bool | None = None) -> str:
    """The table of every Spanish field and page, hardest first; the findings; each page's ease."""

    def hardest_first(measures: list[SpanishMeasure]) -> list[SpanishMeasure]:
        return sorted(measures, key=lambda m: (m.ease is None, m.ease or 0.0, m.group.file, m.group.position))

    rows = []
    for m in hardest_first(list(report.measures)):
        group = m.group
        text = f"{group.field} ({group.label})" if group.field else group.label
        rows.append(
            (
                _figure(m.ease),
                _figure(m.words_per_sentence) if m.words else "-",
                str(m.longest or "-"),
                f"{group.file}:{group.position[0]}",
                text if m.ease is not None else "(no prose of its own)",
            )
        )
    out = [
        "Spanish: reading ease of each file and field, hardest first",
        "(Ease: Fernández-Huerta, 0 to 100, higher is easier; 70 and up is 'bastante fácil'. "
        "Words per sentence: average and longest.)",
        "",
        *_table(("Ease", "Words/sent.", "Longest", "Where", "Text"), rows),
    ]
    errors = report.errors
    out += ["", f"Spanish findings: {len(errors)} error(s), {len(report.findings) - len(errors)} warning(s)"]
    if report.findings:
        out.append(format_errors(list(report.findings), github=github))
    graded = [m for m in report.pages if m.ease is not None]
    page_rows = [(_figure(m.ease), m.group.file, m.group.label) for m in hardest_first(graded)]
    if page_rows:
        out += ["", "Reading ease per Spanish page", *_table(("Ease", "Page", "Title"), page_rows)]
        out.append(f"Spanish site average: {_figure(report.site_average)} over {len(graded)} page(s).")
    else:
        out += ["", "No Spanish pages (docs/**/*.es.md) yet: only the Spanish texts in data/ were measured."]
    return "\n".join(out)
