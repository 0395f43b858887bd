"""Easier and harder versions of a drill, and floor work (issue 19): the content model's rules.

A drill names its easier versions (`easier: [ids]`); its harder versions are worked out from
them. A drill says, or its pictures show, whether the patient gets down on the floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import content_model
from content_model import ContentError, ContentErrors
from tests.small_data import DRILLS, replaced, write_project

# bridge (beginner) and plank (advanced, requires bridge); a third, standing drill at the end.
WALL_PUSH = """\
- id: wall-push
  name: Wall push
  summary: Pushes against a wall.
  level: beginner
  steps:
    - Stand facing a wall.
    - Push the wall.
"""


def load(tmp_path: Path, drills: str) -> content_model.Content:
    data, _docs = write_project(tmp_path, drills=drills)
    return content_model.load(data, shown_dir="data")


def problems(tmp_path: Path, drills: str) -> list[ContentError]:
    data, _docs = write_project(tmp_path, drills=drills)
    with pytest.raises(ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    return raised.value.errors


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_harder_versions_are_worked_out_from_easier_ones(tmp_path: Path) -> None:
    drills = replaced(
        DRILLS, "  requires: [bridge]\n", "  requires: [bridge]\n  easier: [bridge, wall-push]\n"
    )
    content = load(tmp_path, drills + WALL_PUSH)
    assert [d.id for d in content.easier_than("plank")] == ["bridge", "wall-push"]
    assert [d.id for d in content.harder_than("bridge")] == ["plank"]
    assert [d.id for d in content.harder_than("wall-push")] == ["plank"]
    assert content.harder_than("plank") == [] and content.easier_than("bridge") == []


def test_an_easier_version_must_be_a_drill(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "  requires: [bridge]\n", "  requires: [bridge]\n  easier: [brige]\n")
    [error] = problems(tmp_path, drills)
    assert (error.file, error.line, error.field) == (
        "data/drills.yml",
        line_of(drills, "easier:"),
        "drills[1].easier[0]",
    )
    assert error.message.startswith("'brige' is not a drill in data/drills.yml. Known drills: bridge, plank")


def test_a_drill_is_not_its_own_easier_version(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "  requires: [bridge]\n", "  requires: [bridge]\n  easier: [plank]\n")
    [error] = problems(tmp_path, drills)
    assert (error.line, error.field) == (line_of(drills, "easier:"), "drills[1].easier[0]")
    assert error.message == "a drill cannot be its own easier version: delete 'plank' from easier"


def test_easier_versions_in_a_loop_are_refused_once(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "  requires: [bridge]\n", "  requires: [bridge]\n  easier: [wall-push]\n")
    drills = drills + replaced(WALL_PUSH, "  level: beginner\n", "  level: advanced\n  easier: [plank]\n")
    [error] = problems(tmp_path, drills)
    assert error.field in ("drills[1].easier[0]", "drills[2].easier[0]")
    assert (
        "easier versions in a loop (" in error.message
        and "remove one of these easier versions" in error.message
    )


def test_an_easier_version_is_not_at_a_higher_level(tmp_path: Path) -> None:
    # bridge is a beginner drill: the advanced plank cannot be its easier version
    drills = replaced(DRILLS, "  level: beginner\n", "  level: beginner\n  easier: [plank]\n")
    [error] = problems(tmp_path, drills)
    assert (error.line, error.field) == (line_of(drills, "easier:"), "drills[0].easier[0]")
    assert error.message.startswith("'plank' is advanced, above this drill's level (beginner)")
    assert "choose a drill at the same level or lower" in error.message


def test_floor_work_is_what_the_data_says_or_else_floor(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "  level: beginner\n", "  level: beginner\n  floor: true\n")
    content = load(
        tmp_path, drills + replaced(WALL_PUSH, "  level: beginner\n", "  level: beginner\n  floor: false\n")
    )
    assert [(d.id, d.needs_floor) for d in content.drills] == [
        ("bridge", True),
        ("plank", True),  # says nothing and has no pictures drawn from a pose: counted as floor work
        ("wall-push", False),
    ]


PICTURE = """\
  pictures:
    - alt: On hands and knees, with the back flat.
      figure: {base: hands_and_knees}
"""


def test_floor_false_with_a_floor_picture_is_refused_at_the_floor_line(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "  level: beginner\n", "  level: beginner\n" + PICTURE + "  floor: false\n")
    [error] = problems(tmp_path, drills)
    assert (error.file, error.line, error.field) == (
        "data/drills.yml",
        line_of(drills, "floor:"),
        "drills[0].floor",
    )
    assert "picture 1 shows it on the floor (base hands_and_knees)" in error.message
    assert "write floor: true" in error.message


def test_a_floor_picture_makes_a_drill_floor_work(tmp_path: Path) -> None:
    content = load(tmp_path, replaced(DRILLS, "  level: beginner\n", "  level: beginner\n" + PICTURE))
    assert content.drill("bridge").needs_floor is True
