"""Clinical review: shown on pages when recorded, listed by make check when missing or stale,
and an error when the clinic requires review."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import content_model
from conftest import NO_PDFS, Build, make_project, mkdocs_build
from content_model.__main__ import main
from content_model.review import add_months, review_due, review_problems
from small_data import CLINIC, DRILLS, ROOT_CAUSES, replaced, write_project
from test_annotations import parse_annotation

TODAY = datetime.date(2026, 1, 15)
BRIDGE_REVIEWED = '  reviewed: {by: "Jane Doe, PT, DPT", on: 2025-03-01}\n'


def reviewed_drills(on_bridge: str = "2025-03-01", on_plank: str = "2025-06-30") -> str:
    """Both drills reviewed: bridge on line 10, plank on line 20."""
    text = replaced(
        DRILLS,
        "  dose: {sets: 2, reps: 10}\n",
        "  dose: {sets: 2, reps: 10}\n" + BRIDGE_REVIEWED.replace("2025-03-01", on_bridge),
    )
    return text + f'  reviewed: {{by: "Sam Lee, PT", on: {on_plank}}}\n'


REVIEWED_CAUSES = ROOT_CAUSES + '  reviewed: {by: "Jane Doe, PT, DPT", on: 2025-12-01}\n'


def findings(tmp_path: Path, today: datetime.date = TODAY, **files: str) -> list[content_model.ContentError]:
    data, _docs = write_project(tmp_path, **files)
    return review_problems(content_model.load(data, shown_dir="data"), today=today)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ((2025, 3, 1), 12, (2026, 3, 1)),
        ((2024, 2, 29), 12, (2025, 2, 28)),  # no 29 February next year
        ((2025, 1, 31), 1, (2025, 2, 28)),
        ((2025, 11, 30), 3, (2026, 2, 28)),
        ((2025, 12, 15), 1, (2026, 1, 15)),
    ],
)
def test_add_months(day: tuple[int, int, int], months: int, expected: tuple[int, int, int]) -> None:
    assert add_months(datetime.date(*day), months) == datetime.date(*expected)


def test_everything_reviewed_recently_gives_no_findings(tmp_path: Path) -> None:
    assert findings(tmp_path, drills=reviewed_drills(), root_causes=REVIEWED_CAUSES) == []


def test_never_reviewed_entries_are_warnings_at_their_id(tmp_path: Path) -> None:
    needs = "  needs_review: Check the dose.\n"
    found = findings(tmp_path, root_causes=ROOT_CAUSES + needs)
    assert [(f.severity, f.file, f.line, f.column, f.field) for f in found] == [
        ("warning", "data/root_causes.yml", 2, 3, "root_causes[0]"),
        ("warning", "data/drills.yml", 2, 3, "drills[0]"),
        ("warning", "data/drills.yml", 10, 3, "drills[1]"),
    ]
    assert found[0].plain() == (
        "data/root_causes.yml:2:3: warning: root_causes[0]: root cause 'weak-hips' is not reviewed yet "
        '(still to check: "Check the dose."). When a licensed clinician has checked it, add '
        '`reviewed: {by: "Name, PT, DPT", on: 2026-01-15}` to this entry and delete the needs_review line'
    )
    assert found[1].message == (
        "drill 'bridge' is not reviewed yet. When a licensed clinician has checked it, add "
        '`reviewed: {by: "Name, PT, DPT", on: 2026-01-15}` to this entry'
    )


def test_review_older_than_twelve_months_is_listed_at_its_date(tmp_path: Path) -> None:
    drills = reviewed_drills(on_bridge="2025-01-14", on_plank="2025-01-15")
    found = findings(tmp_path, drills=drills, root_causes=REVIEWED_CAUSES)
    # bridge: 12 months and a day ago (reported at its `on:`). plank: exactly 12 months ago, still valid.
    assert [(f.line, f.column, f.field) for f in found] == [(10, 39, "drills[0].reviewed")]
    assert found[0].severity == "warning"
    assert found[0].message == (
        "drill 'bridge' was last reviewed on 2025-01-14 by Jane Doe, PT, DPT, more than 12 months ago: "
        "ask a licensed clinician to check it again, then update `on:` to the date of the new review"
    )
    assert review_due(datetime.date(2025, 1, 15)) == TODAY
    assert (
        findings(
            tmp_path / "next-day",
            today=TODAY + datetime.timedelta(days=1),
            drills=drills,
            root_causes=REVIEWED_CAUSES,
        )[-1].field
        == "drills[1].reviewed"
    )


def test_review_dated_in_the_future_is_listed(tmp_path: Path) -> None:
    found = findings(tmp_path, drills=reviewed_drills(on_plank="2062-06-30"), root_causes=REVIEWED_CAUSES)
    assert [(f.line, f.field) for f in found] == [(20, "drills[1].reviewed")]
    assert "has a review date after today (2062-06-30)" in found[0].message


def test_require_review_turns_the_list_into_errors(tmp_path: Path) -> None:
    clinic = CLINIC + "require_review: true\n"
    found = findings(
        tmp_path, clinic=clinic, drills=reviewed_drills(on_bridge="2024-01-01"), root_causes=REVIEWED_CAUSES
    )
    assert [(f.severity, f.field) for f in found] == [("error", "drills[0].reviewed")]


def check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    github: bool,
    today: str = "2026-01-15",
) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code = main(["check", "--today", today])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_make_check_lists_unreviewed_content_as_warnings_and_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, drills=reviewed_drills(on_bridge="2024-12-01"))
    code, out, err = check(tmp_path, monkeypatch, capsys, github=False)
    assert code == 0
    lines = [line for line in err.splitlines() if line]
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["data/drills.yml:10:39", "warning"],
        ["data/root_causes.yml:2:3", "warning"],
    ]
    assert "Content is valid: 2 drills, 1 root cause, 1 program" in out
    assert "(2 warnings above; warnings do not stop publishing)" in out


def test_make_check_on_actions_annotates_review_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(tmp_path, drills=reviewed_drills(on_bridge="2024-12-01"))
    code, _out, err = check(tmp_path, monkeypatch, capsys, github=True)
    assert code == 0
    annotations = [parse_annotation(line) for line in err.splitlines() if line.startswith("::")]
    assert [(a.severity, a.file, a.line, a.col, a.title) for a in annotations] == [
        ("warning", "data/drills.yml", 10, 39, "drills[0].reviewed"),
        ("warning", "data/root_causes.yml", 2, 3, "root_causes[0]"),
    ]


def test_make_check_fails_when_the_clinic_requires_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_project(
        tmp_path, clinic=CLINIC + "require_review: true\n", drills=reviewed_drills(on_bridge="2024-12-01")
    )
    code, out, err = check(tmp_path, monkeypatch, capsys, github=True)
    assert code == 1
    annotations = [parse_annotation(line) for line in err.splitlines() if line.startswith("::")]
    assert [(a.severity, a.file, a.line) for a in annotations] == [
        ("error", "data/drills.yml", 10),
        ("error", "data/root_causes.yml", 2),
    ]
    assert "Found 2 problems" in err
    assert "Content is valid" not in out
    # Once everything has a recent review, the same clinic passes.
    write_project(
        tmp_path / "fixed",
        clinic=CLINIC + "require_review: true\n",
        drills=reviewed_drills(),
        root_causes=REVIEWED_CAUSES,
    )
    code, out, err = check(tmp_path / "fixed", monkeypatch, capsys, github=True)
    assert (code, err) == (0, "")
    assert "Content is valid" in out


def test_default_data_is_listed_as_not_reviewed() -> None:
    """The seed content was written for the site: every drill and root cause awaits review."""
    content = content_model.load(Path(__file__).resolve().parents[1] / "data", shown_dir="data")
    found = review_problems(content, today=TODAY)
    unreviewed = [e for e in (*content.drills, *content.root_causes) if e.reviewed is None]
    assert len(found) >= len(unreviewed) > 0
    assert content.clinic.require_review is False
    assert all(f.severity == "warning" for f in found)


@pytest.fixture(scope="module")
def reviewed_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site with one drill and one root cause reviewed."""
    tmp = tmp_path_factory.mktemp("reviewed")
    project = make_project(tmp, warm=True)
    drills = project / "data" / "drills.yml"
    drills.write_text(
        replaced(
            drills.read_text(encoding="utf-8"),
            "- id: spiderman\n",
            '- id: spiderman\n  reviewed: {by: "Jane Doe, PT, DPT", on: 2025-03-05}\n',
        ),
        encoding="utf-8",
    )
    causes = project / "data" / "root_causes.yml"
    causes.write_text(
        replaced(
            causes.read_text(encoding="utf-8"),
            "- id: stiff-upper-back\n",
            '- id: stiff-upper-back\n  reviewed: {by: "Sam O\'Neil & Ana Ruiz, PT", on: 2025-11-30}\n',
        ),
        encoding="utf-8",
    )
    build = mkdocs_build(project, tmp / "site", NO_PDFS)
    assert build.returncode == 0, build.output
    return build


def test_drill_page_shows_who_reviewed_it(reviewed_site: Build) -> None:
    note = reviewed_site.html("drills/spiderman/").select_one(".drill__reviewed")
    assert note is not None
    assert " ".join(note.get_text().split()) == "Reviewed by Jane Doe, PT, DPT on March 5, 2025."
    assert note.select_one("time")["datetime"] == "2025-03-05"


def test_root_cause_shows_who_reviewed_it_and_escapes_the_name(reviewed_site: Build) -> None:
    page = reviewed_site.html("articles/back-pain-when-walking/")
    section = page.select_one("#stiff-upper-back")
    assert section is not None
    note = section.select_one(".root-cause__reviewed")
    assert note is not None
    assert " ".join(note.get_text().split()) == "Reviewed by Sam O'Neil & Ana Ruiz, PT on November 30, 2025."
    assert note.select_one("time")["datetime"] == "2025-11-30"
    others = [s for s in page.select(".root-cause") if s.get("id") != "stiff-upper-back"]
    assert others and all(s.select_one(".root-cause__reviewed") is None for s in others)


def test_pages_without_review_show_no_review_line(site: Build) -> None:
    content = content_model.load(Path(__file__).resolve().parents[1] / "data", shown_dir="data")
    unreviewed = [d.id for d in content.drills if d.reviewed is None]
    assert unreviewed, "the seed drills await review"
    for drill_id in unreviewed:
        assert site.html(f"drills/{drill_id}/").select_one(".drill__reviewed") is None, drill_id
    page = site.html("articles/back-pain-when-walking/")
    shown = {note.find_parent(class_="root-cause")["id"] for note in page.select(".root-cause__reviewed")}
    assert shown == {c.id for c in content.root_causes if c.reviewed is not None}


def test_new_drill_entry_loads_and_awaits_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make new-drill` adds an entry to data/drills.yml: it loads, and is listed for review."""
    data, docs = write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["new-drill", "clamshell"]) == 0
    out = capsys.readouterr().out
    # "Replace each (...) with your words": left as they are, the placeholders are refused.
    drills_file = data / "drills.yml"
    text = drills_file.read_text(encoding="utf-8")
    entry = text[text.index("- id: clamshell\n") :]
    with pytest.raises(content_model.ContentErrors):
        content_model.load(data, shown_dir="data")
    for placeholder, words in (
        ("(the drill's name)", "Clamshell"),
        ("(one or two sentences on what it does)", "Works your hip."),
        ("(first step)", "Lie on your side."),
        ("(second step)", "Lift your top knee."),
        ("(when to stop)", "Stop if your hip hurts."),
        ("(how much)", "{sets: 2, reps: 10}"),
    ):
        assert placeholder in entry
        entry = entry.replace(placeholder, words)
    drills_file.write_text(text[: text.index("- id: clamshell\n")] + entry, encoding="utf-8")
    content = content_model.load(data, shown_dir="data")
    assert content.drill("clamshell").needs_review
    (finding,) = [f for f in review_problems(content, today=TODAY) if "'clamshell'" in f.message]
    assert finding.severity == "warning"
    assert "replace its needs_review line with `reviewed: {by:" in out
    assert not (docs / "drills" / "clamshell.md").exists()  # the build makes the page from the entry
