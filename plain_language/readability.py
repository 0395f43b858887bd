"""Reading level and clarity of every patient-facing text: ``make readability``.

What is measured (see plain_language/data_text.py and plain_language/page_prose.py):
each drill's summary, starting position, steps, tips and cautions; each root
cause's and program's summary; the clinic's call to action; and the prose of
every Markdown page in ``docs/``, without code, macro markers or headings.
The disclaimer is not measured.

Each data field and each page is measured with textstat (pinned at 0.7.3,
which counts syllables with pyphen's bundled dictionaries, so nothing is
downloaded): the Flesch-Kincaid grade, the SMOG index and the words per
sentence. The limits are in ``thresholds:`` in ``data/plain_language.yml``;
by default a field above grade 10 or a page above grade 8 is an error, and a
field or page at grade 8 or above is a warning. The clarity checks are in
plain_language/clarity.py.

``python -m content_model readability`` prints a table of every field and page,
worst first, then every finding as ``file:line:col: message`` (GitHub
annotations on Actions), then the grade of each page and the site average.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

import textstat

from content_model.errors import ContentError, format_errors
from content_model.loader import Content
from content_model.models import Thresholds

from .clarity import clarity_problems, sentence_words, sentences
from .data_text import data_groups
from .located_text import Group
from .page_prose import PageProblem, page_group

M = TypeVar("M", bound="Measured")

_ENDS_SENTENCE = tuple(".!?:;")


def measured_text(group: Group) -> str:
    """Exactly the text that textstat measures for a group.

    Each piece (a step, a list item, a paragraph) ends its sentence: a full
    stop is added to a piece that has no closing punctuation, so "short
    muscles" and the next item are not read as one long sentence.
    """
    return " ".join(_terminated(p.text) for p in group.graded_pieces)


def _terminated(text: str) -> str:
    return text if text.endswith(_ENDS_SENTENCE) else text + "."


@dataclass(frozen=True)
class Measure:
    """textstat's figures for one group, on exactly ``text``."""

    group: Group
    text: str
    grade: float | None  # Flesch-Kincaid grade; None when there is no prose to measure
    smog: float | None  # textstat gives 0.0 for fewer than 3 sentences
    words: int
    sentences: int
    words_per_sentence: float
    longest: int  # words in the longest sentence

    @property
    def score(self) -> float | None:
        return self.grade


def measure(group: Group) -> Measure:
    text = measured_text(group)
    if not text:
        return Measure(group, text, None, None, 0, 0, 0.0, 0)
    longest = max(
        (sentence_words(p.text[s:e]) for p in group.graded_pieces for s, e in sentences(p.text)), default=0
    )
    return Measure(
        group=group,
        text=text,
        grade=textstat.flesch_kincaid_grade(text),
        smog=textstat.smog_index(text),
        words=textstat.lexicon_count(text),
        sentences=textstat.sentence_count(text),
        words_per_sentence=textstat.avg_sentence_length(text),
        longest=longest,
    )


def hardest_sentences(
    group: Group, score: Callable[[str], float], label: str, *, highest_is_hardest: bool, count: int = 3
) -> str:
    """The hardest sentences of a group, each as "line N (label score: 'first words ...')".

    ``score`` rates one sentence: a school grade (English, higher is harder) or a reading ease
    (Spanish, lower is harder).
    """
    scored = [
        (score(piece.text[start:end]), piece, start, end)
        for piece in group.graded_pieces
        for start, end in sentences(piece.text)
    ]
    scored.sort(key=lambda item: -item[0] if highest_is_hardest else item[0])
    parts = []
    for value, piece, start, end in scored[:count]:
        words = piece.text[start:end].split()
        quoted = " ".join(words[:6]) + (" ..." if len(words) > 6 else "")
        shown = f"{value:.1f}" if highest_is_hardest else f"{value:.0f}"
        parts.append(f"line {piece.position_at(start)[0]} ({label} {shown}: '{quoted}')")
    return "; ".join(parts)


def grade_findings(found: Measure, thresholds: Thresholds) -> list[ContentError]:
    """An error above the limit for a field or a page, a warning from warn_from_grade up."""
    if found.grade is None:
        return []
    group = found.group
    is_page = group.kind == "page"
    limit = thresholds.page_max_grade if is_page else thresholds.field_max_grade
    what = "this page's prose" if is_page else "this text"
    line, column = group.position
    advice = "use shorter sentences and shorter, everyday words. The hardest sentences: " + hardest_sentences(
        group, textstat.flesch_kincaid_grade, "grade", highest_is_hardest=True
    )
    if found.grade > limit:
        message = f"{what} reads at grade {found.grade:.1f}, above the limit of {limit:g}: {advice}"
        return [ContentError(group.file, line, column, group.field, message, "error")]
    if found.grade >= thresholds.warn_from_grade:
        aim = f"aim for below grade {thresholds.warn_from_grade:g}"
        message = f"{what} reads at grade {found.grade:.1f}; {aim}: {advice}"
        return [ContentError(group.file, line, column, group.field, message, "warning")]
    return []


class Measured(Protocol):
    """What a report needs of a measure, English (Measure) or Spanish (SpanishMeasure)."""

    @property
    def group(self) -> Group: ...

    @property
    def score(self) -> float | None: ...


@dataclass(frozen=True)
class Report(Generic[M]):
    """Every group's measure and every finding, in one language."""

    measures: tuple[M, ...]
    findings: tuple[ContentError, ...]

    @property
    def errors(self) -> list[ContentError]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def pages(self) -> list[M]:
        return [m for m in self.measures if m.group.kind == "page"]

    @property
    def site_average(self) -> float | None:
        """The mean score (grade, or Spanish reading ease) of the pages with prose of their own."""
        scores = [m.score for m in self.pages if m.score is not None]
        return round(sum(scores) / len(scores), 1) if scores else None


def page_groups(
    pages: list[Path], root: Path, shown_root: str, config_file: Path | None = None
) -> tuple[list[Group], list[ContentError]]:
    """The prose of Markdown pages, each named as shown_root/<path under root>."""
    groups: list[Group] = []
    problems: list[ContentError] = []
    for path in pages:
        shown = f"{shown_root}/{path.relative_to(root).as_posix()}"
        try:
            groups.append(page_group(path, shown, config_file))
        except PageProblem as problem:
            problems.append(problem.error)
    return groups, problems


def patient_texts(
    content: Content, docs_dir: Path, docs_shown: str = "docs"
) -> tuple[list[Group], list[ContentError]]:
    """Every data field and page a patient reads, and any page that cannot be read."""
    config_file = docs_dir.parent / "mkdocs.yml"
    pages, problems = page_groups(
        english_pages(docs_dir), docs_dir, docs_shown, config_file if config_file.is_file() else None
    )
    return data_groups(content) + pages, problems


# A page in another language is named like the English one with the language before ".md"
# (index.es.md), as mkdocs-static-i18n's suffix layout names it; plain_language/spanish.py
# measures the Spanish ones.
TRANSLATED_PAGE_SUFFIXES = (".es.md",)


def english_pages(docs_dir: Path) -> list[Path]:
    """The Markdown pages in English: every page not named as a translation."""
    if not docs_dir.is_dir():
        return []
    return [p for p in sorted(docs_dir.rglob("*.md")) if not p.name.endswith(TRANSLATED_PAGE_SUFFIXES)]


def readability_report(content: Content, docs_dir: Path, docs_shown: str = "docs") -> Report[Measure]:
    settings = content.plain_language
    groups, findings = patient_texts(content, docs_dir, docs_shown)
    measures = tuple(measure(g) for g in groups)
    for found in measures:
        findings += grade_findings(found, settings.thresholds)
    findings += clarity_problems(groups, settings)
    order = {"error": 0, "warning": 1}
    return Report(measures, tuple(sorted(findings, key=lambda f: (order.get(f.severity, 2), f))))


def readability_findings(content: Content, docs_dir: Path, docs_shown: str = "docs") -> list[ContentError]:
    """The findings alone, for ``make check``."""
    return list(readability_report(content, docs_dir, docs_shown).findings)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)).rstrip()

    return [line(header), line(tuple("-" * w for w in widths)), *(line(row) for row in rows)]


def _worst_first(measures: list[Measure]) -> list[Measure]:
    def key(m: Measure) -> tuple[bool, float, str, tuple[int, int]]:
        return (m.grade is None, -(m.grade or 0.0), m.group.file, m.group.position)

    return sorted(measures, key=key)


def _findings_in(group: Group, findings: tuple[ContentError, ...]) -> int:
    if group.kind == "page":
        return sum(f.file == group.file for f in findings)
    return sum(
        f.file == group.file and (f.field == group.field or f.field.startswith(group.field + "["))
        for f in findings
    )


def format_report(report: Report[Measure], github: bool | None = None) -> str:
    """The table of every field and page, worst first; the findings; the grade of each page."""
    rows = []
    for m in _worst_first(list(report.measures)):
        group = m.group
        text = f"{group.field} ({group.label})" if group.field else group.label
        rows.append(
            (
                _figure(m.grade),
                _figure(m.smog),
                _figure(m.words_per_sentence) if m.words else "-",
                str(m.longest or "-"),
                str(_findings_in(group, report.findings)),
                f"{group.file}:{group.position[0]}",
                text if m.grade is not None else "(no prose of its own: what it shows comes from data/)",
            )
        )
    out = [
        "Reading level of each file and field, worst first",
        "(Grade: Flesch-Kincaid US school grade. SMOG: another grade, 0.0 below 3 sentences. "
        "Words per sentence: average and longest.)",
        "",
        *_table(("Grade", "SMOG", "Words/sent.", "Longest", "Findings", "Where", "Text"), rows),
    ]
    errors = report.errors
    out += ["", f"Findings: {len(errors)} error(s), {len(report.findings) - len(errors)} warning(s)"]
    if report.findings:
        out.append(format_errors(list(report.findings), github=github))
    page_rows = [
        (_figure(m.grade), m.group.file, m.group.label if m.grade is not None else "(no prose of its own)")
        for m in _worst_first(report.pages)
    ]
    graded = [m for m in report.pages if m.grade is not None]
    out += ["", "Grade per page", *_table(("Grade", "Page", "Title"), page_rows)]
    average = _figure(report.site_average)
    out += ["", f"Site average: grade {average} over {len(graded)} page(s) with prose of their own."]
    if errors:
        out.append("Fix every line marked as an error above; CONTRIBUTING.md explains each check.")
    return "\n".join(out)
