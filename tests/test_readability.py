"""Plain language, measured: reading level and clarity checks on small fixtures and on the default content."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import textstat

import content_model
from content_model import ContentErrors
from content_model.__main__ import main
from plain_language.clarity import step_actions
from plain_language.readability import Report, format_report, measured_text, readability_report
from plain_language.step_verbs import STEP_VERBS
from small_data import DRILLS, replaced, write_project

ROOT = Path(__file__).resolve().parents[1]

JARGON = """\
jargon:
  dorsiflexion: moving your foot so your toes come closer to your knee
"""

LONG = (
    "This sentence keeps on going with many more words than any patient wants to read "
    "in one go, because it never stops to let the reader catch a breath at all."
)


def report_for(tmp_path: Path, pages: dict[str, str] | None = None, **files: str | None) -> Report:
    """The readability report of the small valid project, with files replaced and pages added."""
    data, docs = write_project(tmp_path, **files)
    for name, text in (pages or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    content = content_model.load(data, shown_dir="data")
    return readability_report(content, docs, docs_shown="docs")


def line_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of needle in a fixture."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def where(report: Report) -> list[tuple[str, int, int, str]]:
    return [(f.file, f.line, f.column, f.severity) for f in report.findings]


# --- the plain fixture -------------------------------------------------------


def test_a_plain_project_has_no_findings(tmp_path: Path) -> None:
    page = "---\ntitle: Hips\n---\n\n# Hips\n\nKeep your hips moving.\nWalk every day.\n"
    report = report_for(tmp_path, pages={"index.md": page})
    assert report.findings == ()
    home = next(m for m in report.pages if m.group.file == "docs/index.md")
    assert home.text == "Keep your hips moving. Walk every day."
    assert home.grade is not None and home.grade < 8


# --- each check, reported at the right file and line --------------------------


def test_a_long_sentence_on_a_page_is_reported_at_its_line(tmp_path: Path) -> None:
    page = f"---\ntitle: Long\n---\n\n# Long\n\nA short one.\n{LONG}\n"
    report = report_for(tmp_path, pages={"long.md": page})
    line, column = line_of(page, "This sentence keeps")
    assert where(report) == [("docs/long.md", line, column, "error")]
    assert f"this sentence has {len(LONG.split())} words (the most is 25)" in report.findings[0].message
    assert "It starts: 'This sentence keeps on going" in report.findings[0].message


def test_a_long_sentence_in_a_folded_summary_is_reported_on_its_own_line(tmp_path: Path) -> None:
    folded = f"  summary: >-\n    Lifts your hips.\n    {LONG}\n"
    drills = replaced(DRILLS, "  summary: Lifts your hips.\n", folded)
    report = report_for(tmp_path, drills=drills)
    line, column = line_of(drills, "This sentence keeps")
    assert where(report) == [("data/drills.yml", line, column, "error")]
    assert report.findings[0].field == "drills[0].summary"


def test_a_step_with_two_actions_points_at_the_second(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "    - Lift your hips.", "    - Lift your hips and hold them up for a second.")
    report = report_for(tmp_path, drills=drills)
    line, column = line_of(drills, "hold them up")
    assert where(report) == [("data/drills.yml", line, column, "error")]
    finding = report.findings[0]
    assert finding.field == "drills[0].steps[1]"
    assert "this step holds 2 actions ('Lift your hips ...' and 'hold them up ...')" in finding.message


def test_a_step_without_a_verb_is_reported(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "    - Lie face down.", "    - Your back should stay flat.")
    report = report_for(tmp_path, drills=drills)
    line, column = line_of(drills, "Your back should")
    assert where(report) == [("data/drills.yml", line, column, "error")]
    assert report.findings[0].field == "drills[1].steps[0]"
    assert "begin with a verb" in report.findings[0].message
    assert "'your' is not in the list of step verbs" in report.findings[0].message


@pytest.mark.parametrize(
    ("step", "starts_with_verb", "actions"),
    [
        ("Keep your back flat.", True, 1),
        ("Slowly rock your hips back toward your heels.", True, 1),
        ("Do not arch your back.", True, 1),
        ("Don't arch your back.", True, 1),
        ("Keep your back flat and your neck long.", True, 1),
        ("Keep your hips and lower back still.", True, 1),
        ("Get on your hands and knees on a mat or rug.", True, 1),
        ("Cross one ankle over the other knee, making the shape of a 4.", True, 1),
        ("Your back should stay flat.", False, 0),
        ("The stretch is held.", False, 0),
        ("Kneel on one knee and put your other foot flat on the floor.", True, 2),
        ("Lift your leg, then slowly lower it.", True, 2),
        ("Hold the stretch. Relax.", True, 2),
    ],
)
def test_step_verbs_and_actions(step: str, starts_with_verb: bool, actions: int) -> None:
    found_verb, starts = step_actions(step, STEP_VERBS)
    assert (found_verb, len(starts)) == (starts_with_verb, actions)


def test_a_clinic_can_add_its_own_step_verbs(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "    - Lie face down.", "    - Plank on your elbows.")
    assert [f.field for f in report_for(tmp_path / "a", drills=drills).findings] == ["drills[1].steps[0]"]
    report = report_for(tmp_path / "b", drills=drills, plain_language="step_verbs: [plank]\n")
    assert report.findings == ()


def test_an_unexplained_jargon_term_is_reported_and_an_explained_one_passes(tmp_path: Path) -> None:
    drills = replaced(
        DRILLS,
        "  dose: {sets: 2, reps: 10}\n",
        "  dose: {sets: 2, reps: 10}\n  tips:\n    - It helps your ankle dorsiflexion.\n",
    )
    page = (
        "# Ankles\n\n"
        "Bend your ankle (dorsiflexion: moving your foot so your toes come closer to your knee).\n\n"
        "Good dorsiflexion helps you walk.\n"
    )
    report = report_for(tmp_path, pages={"ankles.md": page}, drills=drills, plain_language=JARGON)
    data_line, data_column = line_of(drills, "dorsiflexion")
    page_line, page_column = line_of(page, "dorsiflexion helps")
    assert sorted(where(report)) == [
        ("data/drills.yml", data_line, data_column, "error"),
        ("docs/ankles.md", page_line, page_column, "error"),
    ]
    message = report.findings[0].message
    assert "'dorsiflexion' is a medical word" in message
    assert "moving your foot so your toes come closer to your knee" in message


def test_without_a_jargon_list_no_word_is_jargon(tmp_path: Path) -> None:
    page = "# Ankles\n\nGood dorsiflexion helps you walk.\n"
    assert report_for(tmp_path, pages={"ankles.md": page}).findings == ()


def test_a_vague_instruction_without_a_number_is_reported(tmp_path: Path) -> None:
    drills = replaced(
        DRILLS,
        "  dose: {sets: 2, reps: 10}\n",
        "  dose: {sets: 2, reps: 10}\n  tips:\n    - Do it 10 times a day, or as directed.\n"
        "    - Repeat as directed.\n",
    )
    report = report_for(tmp_path, drills=drills)
    line, column = line_of(drills, "Repeat as directed")
    assert where(report) == [("data/drills.yml", line, column + len("Repeat "), "error")]
    assert report.findings[0].field == "drills[0].tips[1]"
    assert "'as directed' does not say how much or how often" in report.findings[0].message


def test_a_list_longer_than_eight_items_is_reported(tmp_path: Path) -> None:
    items = "".join(f"- Item number {n} here\n" for n in range(1, 10))
    page = f"# Many\n\nThese are many:\n\n{items}\nA short list:\n\n- one thing\n- another thing\n"
    report = report_for(tmp_path, pages={"many.md": page})
    line, column = line_of(page, "Item number 1")
    assert where(report) == [("docs/many.md", line, column, "error")]
    assert "this list has 9 items (the most is 8)" in report.findings[0].message


def test_a_data_list_longer_than_eight_items_is_reported(tmp_path: Path) -> None:
    tips = "".join(f"    - Tip number {n} is short.\n" for n in range(1, 10))
    dose = "  dose: {sets: 2, reps: 10}\n"
    drills = replaced(DRILLS, dose, f"{dose}  tips:\n{tips}")
    report = report_for(tmp_path, drills=drills)
    line, column = line_of(drills, "tips:")
    assert where(report) == [("data/drills.yml", line, column, "error")]
    assert report.findings[0].field == "drills[0].tips"


# --- reading level ---------------------------------------------------------------

HARD = (
    "Comprehensive musculoskeletal rehabilitation facilitates functional independence "
    "through individualized therapeutic interventions."
)
MIDDLE = "Your therapist will check how your hips and knees move together, and suggest exercises."


def test_a_field_above_grade_ten_fails_and_from_grade_eight_warns(tmp_path: Path) -> None:
    assert textstat.flesch_kincaid_grade(HARD) > 10
    assert 8 <= textstat.flesch_kincaid_grade(MIDDLE) <= 10
    drills = replaced(DRILLS, "  summary: Lifts your hips.", f"  summary: {HARD}")
    drills = replaced(drills, "  summary: Holds your body straight.", f"  summary: {MIDDLE}")
    report = report_for(tmp_path, drills=drills)
    hard_line, hard_column = line_of(drills, "summary: Comprehensive")
    middle_line, middle_column = line_of(drills, "summary: Your therapist")
    assert sorted(where(report)) == [
        ("data/drills.yml", hard_line, hard_column, "error"),
        ("data/drills.yml", middle_line, middle_column, "warning"),
    ]
    error = report.errors[0]
    assert error.field == "drills[0].summary"
    assert f"reads at grade {textstat.flesch_kincaid_grade(HARD):.1f}, above the limit of 10" in error.message
    hardest = f"line {hard_line} (grade {textstat.flesch_kincaid_grade(HARD):.1f}: 'Comprehensive"
    assert hardest in error.message


def test_a_page_above_grade_eight_fails(tmp_path: Path) -> None:
    assert 8 < textstat.flesch_kincaid_grade(MIDDLE) <= 10
    page = f"# Therapy\n\n{MIDDLE}\n"
    report = report_for(tmp_path, pages={"therapy.md": page})
    line, column = line_of(page, "Your therapist")
    assert where(report) == [("docs/therapy.md", line, column, "error")]
    assert "this page's prose reads at grade" in report.findings[0].message


def test_thresholds_come_from_plain_language_yml(tmp_path: Path) -> None:
    page = f"# Therapy\n\n{MIDDLE}\n"
    settings = "thresholds:\n  warn_from_grade: 9.5\n  page_max_grade: 12\n  field_max_grade: 12\n"
    assert report_for(tmp_path, pages={"therapy.md": page}, plain_language=settings).findings == ()


def test_without_plain_language_yml_the_defaults_apply(tmp_path: Path) -> None:
    data, _docs = write_project(tmp_path)
    settings = content_model.load(data).plain_language
    assert (settings.thresholds.field_max_grade, settings.thresholds.page_max_grade) == (10, 8)
    assert (settings.thresholds.warn_from_grade, settings.thresholds.sentence_max_words) == (8, 25)
    assert settings.thresholds.list_max_items == 8
    assert settings.jargon == {} and "as directed" in settings.vague_phrases


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("thresholds:\n  warn_from_grade: 12\n", 1, "plain_language.thresholds", "must not be above"),
        ("thresholds:\n  page_max_grade: -1\n", 2, "plain_language.thresholds.page_max_grade", ""),
        # YAML reads true as a yes/no value: a threshold must be a number, not a switch
        ("thresholds:\n  warn_from_grade: true\n", 2, "plain_language.thresholds.warn_from_grade", "number"),
        ("thresholds:\n  list_max_items: yes\n", 2, "plain_language.thresholds.list_max_items", "whole"),
        ('thresholds:\n  sentence_max_words: "20"\n', 2, "plain_language.thresholds.sentence_max_words", ""),
        ("jargon:\n  flexion: flexion of a joint\n", 1, "plain_language.jargon", "contain the term itself"),
        ("step_verbs: [lift up]\n", 1, "plain_language.step_verbs", "is not one word"),
        ("thresholds: {}\nreading_level: 6\n", 2, "plain_language.reading_level", "not a field we know"),
    ],
)
def test_mistakes_in_plain_language_yml_name_file_and_line(
    tmp_path: Path, text: str, line: int, field: str, message: str
) -> None:
    data, _docs = write_project(tmp_path, plain_language=text)
    with pytest.raises(ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    [error] = raised.value.errors
    assert (error.file, error.line, error.field) == ("data/plain_language.yml", line, field)
    assert message in error.message


# --- what is measured, and the figures -----------------------------------------------------


def test_page_prose_leaves_out_front_matter_macros_code_and_headings(tmp_path: Path) -> None:
    page = textwrap.dedent(
        """\
        ---
        title: Hidden title words
        ---

        # Heading words

        Walk with {{ clinic.name }} every day.

        {{ drill_card("bridge") }}

        ```text
        code words that are not prose at all
        ```

        !!! note "Admonition title"
            Rest when you need to.

        | Day | What to do |
        |-----|------------|
        | Monday | Walk. |
        """
    )
    report = report_for(tmp_path, pages={"walk.md": page})
    measure = next(m for m in report.pages if m.group.file == "docs/walk.md")
    assert measure.text == "Walk with every day. Rest when you need to. Day. What to do. Monday. Walk."
    headings = [p.text for p in measure.group.pieces if not p.graded]
    assert headings == ["Heading words", "Admonition title"]
    rest = next(p for p in measure.group.pieces if p.text == "Rest when you need to.")
    assert rest.position == line_of(page, "Rest when")


def test_nested_lists_and_inline_code_are_read_as_a_patient_reads_them(tmp_path: Path) -> None:
    page = "# Lists\n\n- Walk every day\n    - in the morning\n- Rest with `code words` your legs up\n"
    report = report_for(tmp_path, pages={"lists.md": page})
    measure = next(m for m in report.pages if m.group.file == "docs/lists.md")
    assert [p.text for p in measure.group.pieces if p.graded] == [
        "Walk every day",
        "in the morning",
        "Rest with your legs up",
    ]
    assert [p.position[0] for p in measure.group.pieces if p.graded] == [3, 4, 5]
    assert [found.items for found in measure.group.lists] == [1, 2]


def test_a_page_whose_macro_markers_cannot_be_read_is_reported(tmp_path: Path) -> None:
    page = "# Broken\n\nWalk every day.\n\n{{ drill_card('bridge') \n\nRest.\n"
    report = report_for(tmp_path, pages={"broken.md": page})
    [finding] = report.findings
    assert (finding.file, finding.severity) == ("docs/broken.md", "error")
    assert finding.line == 7  # where Jinja notices the marker was not closed
    assert "a macro marker cannot be read" in finding.message


def test_measured_text_of_a_list_field_ends_each_item(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "    - Lie on your back.", "    - Lie on your back")
    report = report_for(tmp_path, drills=drills)
    steps = next(m for m in report.measures if m.group.field == "drills[0].steps")
    assert steps.text == "Lie on your back. Lift your hips."
    assert measured_text(steps.group) == steps.text


def test_the_default_content_passes_with_the_default_thresholds() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    report = readability_report(content, ROOT / "docs", docs_shown="docs")
    assert report.errors == [], format_report(report, github=False)
    graded = [m for m in report.pages if m.grade is not None]
    assert {m.group.file for m in graded} >= {
        "docs/index.md",
        "docs/articles/hip-mobility-drills.md",
        "docs/articles/back-pain-when-walking.md",
    }
    assert all(m.grade <= 8 for m in graded), [(m.group.file, m.grade) for m in graded]
    # Read with the extensions in mkdocs.yml: its permalink signs are not prose.
    headings = [p.text for m in graded for p in m.group.pieces if p.kind == "heading"]
    assert "What to do next" in headings and not any("\u00b6" in h for h in headings)
    assert report.site_average is not None and report.site_average <= 7
    fields = [m for m in report.measures if m.group.kind == "field"]
    assert len(fields) >= 30 and all(m.grade is not None and m.grade <= 10 for m in fields)


def test_the_reported_figures_are_textstats_on_the_same_text() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    report = readability_report(content, ROOT / "docs", docs_shown="docs")
    measured = [m for m in report.measures if m.grade is not None]
    assert measured
    for m in measured:
        assert m.grade == textstat.flesch_kincaid_grade(m.text)
        assert m.smog == textstat.smog_index(m.text)
        assert m.words_per_sentence == textstat.avg_sentence_length(m.text)
        assert m.words == textstat.lexicon_count(m.text)
    spiderman = next(m for m in measured if m.group.label == "Spiderman: steps")
    assert spiderman.text == " ".join(content.drill("spiderman").steps)
    grades = [m.grade for m in report.pages if m.grade is not None]
    assert report.site_average == round(sum(grades) / len(grades), 1)


# --- output and integration --------------------------------------------------------------


def run_cli(data: Path, docs: Path, command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--data", str(data), "--docs", str(docs), command])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_lists_fields_and_pages_worst_first_with_a_site_average(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    page = f"# Long\n\nA short one.\n{LONG}\n"
    write_project(tmp_path, drills=replaced(DRILLS, "  summary: Lifts your hips.", f"  summary: {HARD}"))
    (tmp_path / "docs" / "long.md").write_text(page, encoding="utf-8")
    (tmp_path / "docs" / "easy.md").write_text("# Easy\n\nWalk every day.\n", encoding="utf-8")
    code, out, _err = run_cli(Path("data"), Path("docs"), "readability", capsys)
    assert code == 1
    table = out.split("\n\n")[1].splitlines()[2:]
    grades = [float(row.split()[0]) for row in table if row.split()[0] != "-"]
    assert grades == sorted(grades, reverse=True) and len(grades) >= 8
    assert "data/drills.yml:4" in table[0] and "drills[0].summary (Bridge: summary)" in table[0]
    line, column = line_of(page, "This sentence keeps")
    assert f"docs/long.md:{line}:{column}: this sentence has {len(LONG.split())} words" in out
    assert "data/drills.yml:4:3: drills[0].summary: this text reads at grade" in out
    pages = out.split("Grade per page\n")[1]
    assert "docs/easy.md" in pages and "docs/long.md" in pages
    long_grade = textstat.flesch_kincaid_grade(f"A short one. {LONG}")
    easy_grade = textstat.flesch_kincaid_grade("Walk every day.")
    assert f"Site average: grade {round((long_grade + easy_grade) / 2, 1):.1f} over 2 page(s)" in out


def test_github_actions_get_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    data, docs = write_project(tmp_path)
    page = f"# Long\n\n{LONG}\n"
    (docs / "long.md").write_text(page, encoding="utf-8")
    code, out, _err = run_cli(data, docs, "readability", capsys)
    assert code == 1
    shown = f"{docs.as_posix()}/long.md"
    words = len(LONG.split())
    assert f"::error file={shown},line=3,col=1,title={shown}::this sentence has {words} words" in out
    assert f"{shown}:3:1:" not in out  # annotations replace the plain form


def test_make_check_runs_the_same_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drills = replaced(DRILLS, "    - Lie face down.", "    - Your back stays flat.")
    data, docs = write_project(tmp_path, drills=drills)
    code, _out, err = run_cli(data, docs, "check", capsys)
    assert code == 1
    assert "drills[1].steps[0]: a step starts with what to do" in err


def test_the_checks_run_with_the_network_unreachable(tmp_path: Path) -> None:
    """textstat 0.7.4+ would fetch NLTK's cmudict here; 0.7.3 with pyphen needs nothing."""
    program = textwrap.dedent(
        """\
        import socket, sys, urllib.request

        def unreachable(*args, **kwargs):
            raise OSError("network is unreachable (blocked by the test)")

        socket.socket.connect = unreachable
        socket.socket.connect_ex = unreachable
        socket.create_connection = unreachable
        socket.getaddrinfo = unreachable
        try:
            urllib.request.urlopen("http://127.0.0.1:9/", timeout=2)
            print("NETWORK STILL REACHABLE")
        except OSError as error:
            print("blocked:", error)
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
    assert "blocked: " in result.stdout and "NETWORK STILL REACHABLE" not in result.stdout
    assert "Site average: grade" in result.stdout
    assert "loaded: []" in result.stdout


def test_textstat_is_pinned_to_the_offline_version() -> None:
    from importlib.metadata import version

    assert version("textstat") == "0.7.3"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"textstat==0.7.3"' in pyproject
