"""The JSON Schemas editors use: generated from the content model, up to date, and in agreement with it.

The schemas check the shape of each entry (types, allowed values, required and
unknown keys) as people type; the content model checks everything. The same
bad files are fed to both: both must refuse them, at the same entry.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import content_model
from conftest import ROOT
from content_model.loader import DATA_FILES
from content_model.schema import expected_files, modeline, schema_for, schema_name, stale_schemas
from small_data import CLINIC, DRILLS, FILES, PROGRAMS, ROOT_CAUSES, replaced, write_project

CHECK_JSONSCHEMA = str(Path(sys.executable).parent / "check-jsonschema")


def schema_check(schema: Path, *files: Path) -> dict[str, list[str]]:
    """Run check-jsonschema; returns, per failing file, the paths of its errors (deepest match)."""
    result = subprocess.run(
        [CHECK_JSONSCHEMA, "-o", "JSON", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report.get("parse_errors", []) == [], report
    failed: dict[str, list[str]] = {}
    for error in report["errors"]:
        where = (error.get("best_deep_match") or error)["path"]
        failed.setdefault(error["filename"], []).append(where)
    assert (result.returncode == 0) == (not failed), result.stdout + result.stderr
    return failed


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(ROOT / "schemas") == [], "run `make schema` and commit schemas/"
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(expected_files())


def test_schema_check_command_notices_an_out_of_date_schema(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    run = [sys.executable, "-m", "content_model", "schema", "--out", str(folder)]
    assert subprocess.run([*run, "--check"], capture_output=True).returncode == 1  # none written yet
    assert subprocess.run(run, capture_output=True).returncode == 0
    assert subprocess.run([*run, "--check"], capture_output=True).returncode == 0
    drills = folder / "drills.schema.json"
    drills.write_text(drills.read_text(encoding="utf-8").replace('"advanced"', '"expert"'), encoding="utf-8")
    stale = subprocess.run([*run, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1
    assert "drills.schema.json is out of date: run `make schema`" in stale.stderr


def test_schemas_are_generated_from_the_model() -> None:
    drills = schema_for("drills")
    assert drills["type"] == "array"
    drill = drills["$defs"]["Drill"]
    assert drill["additionalProperties"] is False
    assert set(drill["required"]) == {"id", "name", "summary", "level", "steps"}
    assert drill["properties"]["level"]["enum"] == ["beginner", "intermediate", "advanced"]
    assert drill["properties"]["steps"]["minItems"] == 2
    clinic = schema_for("clinic")
    assert clinic["type"] == "object"
    assert clinic["properties"]["require_review"] == {
        "default": False,
        "description": content_model.Clinic.model_fields["require_review"].description,
        "title": "Require Review",
        "type": "boolean",
    }


@pytest.mark.parametrize("key", list(DATA_FILES))
def test_each_data_file_starts_with_its_schema_line(key: str) -> None:
    path = ROOT / "data" / DATA_FILES[key].file
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == modeline(key) == f"# yaml-language-server: $schema=../schemas/{schema_name(key)}"
    assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file()


@pytest.mark.parametrize("key", list(DATA_FILES))
def test_the_data_validates_against_its_schema(key: str, tmp_path: Path) -> None:
    schema = ROOT / "schemas" / schema_name(key)
    small = tmp_path / f"small-{DATA_FILES[key].file}"
    small.write_text(FILES.get(key, SMALL_OPTIONAL.get(key, "")), encoding="utf-8")
    assert schema_check(schema, ROOT / "data" / DATA_FILES[key].file, small) == {}


# Small versions of the data files a clinic may leave out (small_data writes only the others).
SMALL_OPTIONAL = {
    "plain_language": "thresholds: {warn_from_grade: 7, page_max_grade: 9}\njargon:\n  lumbar: low back\n"
    "vague_phrases: [as directed]\nstep_verbs: [squat]\n",
}


# Mistakes the schema can describe: (name, data file, the file's text, field the model reports).
BAD: list[tuple[str, str, str, str]] = [
    ("bad-enum", "drills", replaced(DRILLS, "level: beginner", "level: expert"), "drills[0].level"),
    (
        "unknown-key",
        "drills",
        replaced(DRILLS, "  level: beginner\n", "  level: beginner\n  colour: red\n"),
        "drills[0].colour",
    ),
    ("missing-key", "drills", replaced(DRILLS, "  summary: Lifts your hips.\n", ""), "drills[0].summary"),
    (
        "wrong-type",
        "drills",
        replaced(DRILLS, "{sets: 2, reps: 10}", "{sets: two, reps: 10}"),
        "drills[0].dose.sets",
    ),
    (
        "zero-dose",
        "drills",
        replaced(DRILLS, "{sets: 2, reps: 10}", "{sets: 0, reps: 10}"),
        "drills[0].dose.sets",
    ),
    ("one-step", "drills", replaced(DRILLS, "    - Lift your hips.\n", ""), "drills[0].steps"),
    (
        "steps-not-a-list",
        "drills",
        replaced(
            DRILLS,
            "  steps:\n    - Lie on your back.\n    - Lift your hips.\n",
            "  steps: Lie on your back, then lift your hips.\n",
        ),
        "drills[0].steps",
    ),
    ("id-not-a-slug", "drills", replaced(DRILLS, "- id: plank", "- id: Plank Hold"), "drills[1].id"),
    ("http-url", "drills", replaced(DRILLS, "video: https://", "video: http://"), "drills[1].video"),
    (
        "javascript-url",
        "drills",
        replaced(DRILLS, "video: https://example.org/plank", "video: javascript:alert(1)"),
        "drills[1].video",
    ),
    ("blank-text", "drills", replaced(DRILLS, "name: Bridge", 'name: "  "'), "drills[0].name"),
    (
        "review-date",
        "drills",
        DRILLS + '  reviewed: {by: "Jane Doe, PT", on: last spring}\n',
        "drills[1].reviewed.on",
    ),
    ("review-without-name", "drills", DRILLS + "  reviewed: {on: 2025-05-01}\n", "drills[1].reviewed.by"),
    (
        "number-as-text",
        "root_causes",
        replaced(ROOT_CAUSES, "title: Weak hips", "title: 42"),
        "root_causes[0].title",
    ),
    ("empty-program", "programs", replaced(PROGRAMS, "[bridge, plank]", "[]"), "programs[0].drills"),
    ("clinic-missing-call-to-action", "clinic", CLINIC.split("call_to_action:")[0], "clinic.call_to_action"),
    ("require-review-not-boolean", "clinic", CLINIC + "require_review: [drills]\n", "clinic.require_review"),
    (
        "unknown-threshold",
        "plain_language",
        "thresholds: {page_max_grade: 8, max_grade: 9}\n",
        "plain_language.thresholds.max_grade",
    ),
    (
        "grade-not-a-number",
        "plain_language",
        "thresholds: {page_max_grade: eight}\n",
        "plain_language.thresholds.page_max_grade",
    ),
    ("jargon-as-a-list", "plain_language", "jargon: [lumbar]\n", "plain_language.jargon"),
]


def _as_model_path(key: str, schema_path: str) -> str:
    """check-jsonschema's ``$[0].dose`` as the model names it: ``drills[0].dose``."""
    return key + schema_path.removeprefix("$")


def test_schema_and_model_refuse_the_same_mistakes(tmp_path: Path) -> None:
    cases: dict[str, list[tuple[str, Path, str]]] = {}
    for name, key, text, field in BAD:
        data, _docs = write_project(tmp_path / name, **{key: text})
        cases.setdefault(key, []).append((name, data / DATA_FILES[key].file, field))
        with pytest.raises(content_model.ContentErrors) as refused:
            content_model.load(data, shown_dir="data")
        fields = [e.field for e in refused.value.errors]
        assert field in fields, (name, [e.plain() for e in refused.value.errors])

    for key, bad in cases.items():
        failed = schema_check(ROOT / "schemas" / schema_name(key), *(path for _name, path, _field in bad))
        for name, path, field in bad:
            assert str(path) in failed, f"{name}: the schema accepts what the model refuses"
            # Both point at the same entry: the model's field lies at or under the schema's path.
            assert any(field.startswith(_as_model_path(key, where)) for where in failed[str(path)]), (
                name,
                field,
                failed[str(path)],
            )
