"""Content errors point at the exact file, line and column, in both output forms.

On GitHub Actions (GITHUB_ACTIONS=true) `make check` and the build print each
problem as a workflow command, so it appears on the changed line of the pull
request's diff; elsewhere the same problem prints as ``file:line:col: message``.
For each kind of content error, both forms name the same place and say the same.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NO_PDFS, make_project, mkdocs_build
from content_model.__main__ import main
from small_data import CLINIC, DRILLS, PROGRAMS, ROOT_CAUSES, replaced, write_project

TODAY = "2026-01-15"


@dataclass(frozen=True)
class Annotation:
    severity: str
    file: str
    line: int
    col: int
    title: str
    message: str

    def as_plain(self) -> str:
        """The line the same problem prints as outside GitHub Actions."""
        label = "" if self.severity == "error" else f"{self.severity}: "
        field = "" if self.title == self.file else f"{self.title}: "
        return f"{self.file}:{self.line}:{self.col}: {label}{field}{self.message}"


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_annotation(line: str) -> Annotation:
    """Read one workflow command: ``::error file=F,line=L,col=C,title=T::message``."""
    assert line.startswith("::"), line
    head, message = line[2:].split("::", 1)
    severity, properties = head.split(" ", 1)
    props = dict(part.split("=", 1) for part in properties.split(","))
    assert set(props) == {"file", "line", "col", "title"}, line
    return Annotation(
        severity,
        _unescape(props["file"]),
        int(props["line"]),
        int(props["col"]),
        _unescape(props["title"]),
        _unescape(message),
    )


def run_check(
    github: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    if github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["--data", "data", "--docs", "docs", "check", "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


Files = Callable[[], dict[str, str | bytes | None]]

# Each kind of content error: how to make it, and where and what it must report.
CASES: list[tuple[str, Files, str, int, int, str]] = [
    (
        "yaml-syntax",  # a colon inside text starts a second 'key: value' on the same line
        lambda: {
            "drills": replaced(DRILLS, "summary: Lifts your hips.", "summary: Lifts your hips: and back.")
        },
        "data/drills.yml",
        4,
        27,
        "YAML syntax error: the text after 'summary:' holds a colon followed by a space",
    ),
    (
        "duplicate-key",
        lambda: {"drills": replaced(DRILLS, "  level: beginner\n", "  level: beginner\n  level: advanced\n")},
        "data/drills.yml",
        6,
        3,
        "the key 'level' appears twice in the same entry (first on line 5)",
    ),
    (
        "missing-file",
        lambda: {"programs": None},
        "data/programs.yml",
        1,
        1,
        "file is missing: create data/programs.yml",
    ),
    (
        "empty-file",  # only the schema comment is left
        lambda: {"clinic": CLINIC.splitlines()[0] + "\n"},
        "data/clinic.yml",
        1,
        1,
        "file is empty",
    ),
    (
        "not-utf-8",  # saved as Latin-1: the é is the 18th character of line 4
        lambda: {
            "root_causes": replaced(ROOT_CAUSES, "Weak hips make", "Weak h\u00e9ps make").encode("latin-1")
        },
        "data/root_causes.yml",
        4,
        18,
        "file is not saved as UTF-8 text",
    ),
    (
        "wrong-type",
        lambda: {"drills": replaced(DRILLS, "{sets: 2, reps: 10}", "{sets: two, reps: 10}")},
        "data/drills.yml",
        9,
        10,
        "must be a whole number from 1 to 10, written as digits",
    ),
    (
        "unknown-key",
        lambda: {"drills": replaced(DRILLS, "  level: beginner\n", "  level: beginner\n  colour: red\n")},
        "data/drills.yml",
        6,
        3,
        "'colour' is not a field we know: check the spelling or delete it",
    ),
    (
        "bad-enum",
        lambda: {"drills": replaced(DRILLS, "level: beginner", "level: expert")},
        "data/drills.yml",
        5,
        3,
        "must be one of beginner, intermediate, advanced (got 'expert')",
    ),
    (
        "bad-phone",
        lambda: {"clinic": replaced(CLINIC, "866-588-0230", "1-866-588-02303777")},
        "data/clinic.yml",
        3,
        1,
        "is not a valid phone number for US (got '1-866-588-02303777')",
    ),
    (
        "bad-url",
        lambda: {"drills": replaced(DRILLS, "video: https://", "video: http://")},
        "data/drills.yml",
        15,
        3,
        "must be a web address starting with https://",
    ),
    (
        "html-in-text",
        lambda: {"drills": replaced(DRILLS, "Lifts your hips.", "Lifts your <b>hips</b>.")},
        "data/drills.yml",
        4,
        3,
        "contains HTML (<b>): write plain text only",
    ),
    (
        "unknown-reference",  # the second item of the flow list [bridge, plankk] starts at column 20
        lambda: {"programs": replaced(PROGRAMS, "[bridge, plank]", "[bridge, plankk]")},
        "data/programs.yml",
        5,
        20,
        "'plankk' is not a drill in data/drills.yml. Known drills: bridge, plank",
    ),
    (
        "requires-cycle",  # bridge now requires plank, which requires bridge: reported where the loop closes
        lambda: {
            "drills": replaced(
                DRILLS, "  dose: {sets: 2, reps: 10}\n", "  dose: {sets: 2, reps: 10}\n  requires: [plank]\n"
            )
        },
        "data/drills.yml",
        15,
        14,
        "these drills require each other in a loop (bridge -> plank -> bridge)",
    ),
    (
        "duplicate-id",
        lambda: {
            "root_causes": ROOT_CAUSES
            + "- id: weak-hips\n  title: Weak hips again\n  summary: The same id twice.\n"
        },
        "data/root_causes.yml",
        6,
        3,
        "the id 'weak-hips' is already used by the entry on line 2",
    ),
]


@pytest.mark.parametrize(
    ("files", "file", "line", "col", "says"), [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_each_content_error_is_annotated_on_its_line(
    files: Files,
    file: str,
    line: int,
    col: int,
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_project(tmp_path, **files())
    monkeypatch.chdir(tmp_path)

    code, github_output = run_check(True, monkeypatch, capsys)
    assert code == 1, github_output
    commands = [text for text in github_output.splitlines() if text.startswith("::")]
    assert len(commands) == 1, github_output
    annotation = parse_annotation(commands[0])
    assert (annotation.severity, annotation.file, annotation.line, annotation.col) == (
        "error",
        file,
        line,
        col,
    )
    assert says in annotation.message

    code, plain_output = run_check(False, monkeypatch, capsys)
    assert code == 1, plain_output
    assert not any(text.startswith("::") for text in plain_output.splitlines()), plain_output
    problems = [text for text in plain_output.splitlines() if text.startswith(("data/", "docs/"))]
    assert problems == [annotation.as_plain()]
    assert "Traceback" not in github_output + plain_output


def test_annotation_escapes_what_would_break_the_command() -> None:
    from content_model import ContentError

    error = ContentError("data/drills.yml", 3, 5, "drills[0].name", "50% done, see: line 2\nthen fix")
    annotation = parse_annotation(error.github())
    assert "\n" not in error.github()
    assert annotation == Annotation(
        "error", "data/drills.yml", 3, 5, "drills[0].name", "50% done, see: line 2\nthen fix"
    )


def test_make_check_on_actions_prints_workflow_commands_at_line_start(tmp_path: Path) -> None:
    """The command as CI runs it: every problem line is a workflow command GitHub can read."""
    write_project(tmp_path, drills=replaced(DRILLS, "level: beginner", "level: expert"), programs=None)
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "content_model", "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    commands = [parse_annotation(t) for t in result.stderr.splitlines() if t.startswith("::")]
    assert [(a.file, a.line, a.col) for a in commands] == [
        ("data/drills.yml", 5, 3),
        ("data/programs.yml", 1, 1),
    ]
    assert "Found 2 problems in the content files" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_hook_annotates_an_old_drill_page_file(tmp_path: Path) -> None:
    """hooks/drill_pages.py reports through the same formatter as make check: every clash at once."""
    project = make_project(tmp_path, warm=True)
    (project / "docs" / "drills" / "spiderman.md").write_text(
        '{{ drill_page("spiderman") }}\n', encoding="utf-8"
    )
    (project / "docs" / "drills" / "figure-4-stretch").mkdir()
    (project / "docs" / "drills" / "figure-4-stretch" / "index.md").write_text(
        "# Figure 4\n", encoding="utf-8"
    )
    build = mkdocs_build(project, tmp_path / "site", {**NO_PDFS, "GITHUB_ACTIONS": "true"})
    assert build.returncode != 0
    drills = (project / "data" / "drills.yml").read_text(encoding="utf-8").splitlines()
    spiderman_line = drills.index("- id: spiderman") + 1
    figure_line = drills.index("- id: figure-4-stretch") + 1
    commands = {
        (a.file, a.line, a.col, a.title): a.message for a in map(parse_annotation, _commands(build.output))
    }
    assert set(commands) == {
        ("data/drills.yml", figure_line, 3, "drills[4]"),
        ("data/drills.yml", spiderman_line, 3, "drills[5]"),
    }
    assert commands[("data/drills.yml", spiderman_line, 3, "drills[5]")].startswith(
        "the page of drill 'spiderman' is made from data/drills.yml at drills/spiderman/, "
        "but docs/drills/spiderman.md is already there: delete that file"
    )
    assert (
        "docs/drills/figure-4-stretch/index.md is already there"
        in commands[("data/drills.yml", figure_line, 3, "drills[4]")]
    )
    assert "Traceback" not in build.output


def _commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("::")]


def test_a_notice_points_to_the_log_when_github_would_hide_annotations() -> None:
    from content_model import ContentError
    from content_model.errors import GITHUB_ANNOTATIONS_PER_KIND, format_errors

    many = [
        ContentError("data/drills.yml", n, 3, f"drills[{n}]", "not reviewed", "warning") for n in range(1, 13)
    ]
    lines = format_errors(many, github=True).splitlines()
    assert len(lines) == 13
    assert lines[-1].startswith("::notice title=More warnings in the log::GitHub shows only 10 warnings")
    assert "All 12 are in the log" in lines[-1]
    few = many[:GITHUB_ANNOTATIONS_PER_KIND]
    assert not any(line.startswith("::notice") for line in format_errors(few, github=True).splitlines())
    assert "notice" not in format_errors(many, github=False)
