"""The content model: one test per validation rule, each asserting file, line and message."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import content_model
from content_model import ContentError, ContentErrors

ROOT = Path(__file__).resolve().parents[1]

CLINIC = """\
name: Test Clinic
phone: 866-588-0230
call_to_action:
  heading: Get help
  text: Call us today.
"""

DRILLS = """\
- id: bridge
  name: Bridge
  summary: Lifts your hips.
  level: beginner
  steps:
    - Lie on your back.
    - Lift your hips.
- id: plank
  name: Plank
  summary: Holds your body straight.
  level: advanced
  steps:
    - Lie face down.
    - Lift your body.
  requires: [bridge]
"""

CAUSES = """\
- id: weak-hips
  title: Weak hips
  summary: Weak hips make your back work harder.
  drills: [bridge]
"""

PROGRAMS = """\
- id: core
  title: Core program
  summary: Two drills.
  drills: [bridge, plank]
"""


def write_data(tmp_path: Path, **files: str | bytes | None) -> Path:
    """A small valid data set, with some files replaced (None deletes the file)."""
    data = tmp_path / "data"
    data.mkdir()
    texts = {"clinic": CLINIC, "drills": DRILLS, "root_causes": CAUSES, "programs": PROGRAMS}
    texts.update(files)
    for key, text in texts.items():
        path = data / f"{key}.yml"
        if text is None:
            continue
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return data


def problems(tmp_path: Path, **files: str | bytes | None) -> list[ContentError]:
    with pytest.raises(ContentErrors) as caught:
        content_model.load(write_data(tmp_path, **files), shown_dir="data")
    return caught.value.errors


def only(tmp_path: Path, **files: str | bytes | None) -> ContentError:
    found = problems(tmp_path, **files)
    assert len(found) == 1, [e.plain() for e in found]
    return found[0]


def test_small_valid_data_loads(tmp_path: Path) -> None:
    content = content_model.load(write_data(tmp_path), shown_dir="data")
    assert [d.id for d in content.drills] == ["bridge", "plank"]
    assert content.clinic.country == "US"
    assert content.drills[0].each_side is False


def test_default_data_is_valid() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    assert len(content.drills) == 9  # the six hip drills, and three done off the floor (issue 19)
    assert len(content.root_causes) == 5
    six = content.programs[0].drills
    assert six == [d.id for d in content.drills][:6]
    assert content.programs[1].drills == [d.id for d in content.drills][6:]
    spiderman = content.drill("spiderman")
    assert set(spiderman.requires) == set(six) - {"spiderman"}
    assert any("arms or shoulders" in c for c in spiderman.cautions)
    assert all(d.needs_review for d in content.drills), "every seed drill is marked as not yet reviewed"


def test_wrong_level_names_file_line_column_field_and_choices(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("level: advanced", "level: expert"))
    assert error.plain() == (
        "data/drills.yml:11:3: drills[1].level: must be one of beginner, intermediate, advanced (got "
        "'expert')"
    )


def test_missing_required_key(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("  summary: Lifts your hips.\n", ""))
    assert (error.file, error.line, error.column, error.field) == (
        "data/drills.yml",
        1,
        3,
        "drills[0].summary",
    )
    assert error.message == "is required: add a line 'summary: ...' to this entry"


def test_unknown_key_is_refused_with_known_fields(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("  level: beginner\n", "  level: beginner\n  colour: red\n"))
    assert (error.line, error.column, error.field) == (5, 3, "drills[0].colour")
    assert error.message.startswith("'colour' is not a field we know: check the spelling or delete it")
    assert "known fields: id, name, summary, level, steps" in error.message


def test_wrong_type_number_for_dose(tmp_path: Path) -> None:
    error = only(
        tmp_path,
        drills=DRILLS.replace("  requires: [bridge]\n", "  requires: [bridge]\n  dose: {sets: lots}\n"),
    )
    assert (error.line, error.field) == (16, "drills[1].dose.sets")
    assert error.message == (
        "must be a whole number from 1 to 10, written as digits without quotes or a decimal point, "
        "like 'sets: 3' (got 'lots')"
    )


def test_zero_is_not_a_dose(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=DRILLS.replace("  requires: [bridge]\n", "  requires: [bridge]\n  dose: {reps: 0}\n")
    )
    assert error.message.startswith("must be a whole number from 1 to 100,")
    assert error.message.endswith("(got the number 0)")


def test_too_few_steps(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("    - Lift your hips.\n", ""))
    assert (error.line, error.field) == (5, "drills[0].steps")
    assert error.message == "needs at least 2 item(s) (got 1)"


def test_too_many_steps(tmp_path: Path) -> None:
    many = "".join(f"    - Step {n}.\n" for n in range(9))
    error = only(tmp_path, drills=DRILLS.replace("    - Lie on your back.\n    - Lift your hips.\n", many))
    assert error.field == "drills[0].steps"
    assert error.message.startswith("can have at most 8 items (got 9)")


def test_list_where_a_mapping_belongs(tmp_path: Path) -> None:
    error = only(
        tmp_path,
        clinic=CLINIC.replace(
            "call_to_action:\n  heading: Get help\n  text: Call us today.\n",
            "call_to_action:\n  - Get help\n",
        ),
    )
    assert (error.file, error.line, error.field) == ("data/clinic.yml", 3, "clinic.call_to_action")
    assert error.message == "must be a group of 'key: value' lines (got a list of '- ' items)"


def test_mapping_where_a_list_belongs(tmp_path: Path) -> None:
    error = only(tmp_path, programs="id: core\ntitle: Core\n")
    assert (error.file, error.line, error.column, error.field) == ("data/programs.yml", 1, 1, "programs")
    assert error.message == "must be a list, one '- ' item per line (got a group of 'key: value' lines)"


def test_garbled_seed_phone_number_is_rejected(tmp_path: Path) -> None:
    error = only(tmp_path, clinic=CLINIC.replace("866-588-0230", "1-866-588-02303777"))
    assert error.plain() == (
        "data/clinic.yml:2:1: clinic.phone: is not a valid phone number for US (got '1-866-588-02303777'); "
        "write the whole number as patients dial it, with the area code"
    )


@pytest.mark.parametrize("written", ["866-588-0230", "(866) 588-0230", "1-866-588-0230", "+1 866 588 0230"])
def test_phone_in_any_common_form(tmp_path: Path, written: str) -> None:
    clinic = content_model.load(write_data(tmp_path, clinic=CLINIC.replace("866-588-0230", written))).clinic
    assert clinic.phone_display == "866-588-0230"
    assert clinic.phone_href == "tel:+18665880230"


def test_phone_for_another_country(tmp_path: Path) -> None:
    text = CLINIC.replace("phone: 866-588-0230", "country: GB\nphone: 020 7946 0000")
    clinic = content_model.load(write_data(tmp_path, clinic=text)).clinic
    assert clinic.phone_href == "tel:+442079460000"
    assert clinic.phone_display == "020 7946 0000"


def test_unknown_country(tmp_path: Path) -> None:
    error = only(tmp_path, clinic=CLINIC.replace("phone: 866", "country: XX\nphone: 866"))
    assert (error.line, error.field) == (2, "clinic.country")
    assert error.message == "must be a two-letter country code such as US, CA or GB (got 'XX')"


def test_invalid_email(tmp_path: Path) -> None:
    error = only(tmp_path, clinic=CLINIC + "email: front desk at clinic\n")
    assert (error.line, error.field) == (6, "clinic.email")
    assert (
        error.message
        == "is not a valid email address (got 'front desk at clinic'): write it like name@example.org"
    )


@pytest.mark.parametrize(
    "url", ["http://example.org/video", "javascript:alert(1)", "data:text/html,hi", "www.example.org"]
)
def test_urls_must_be_https(tmp_path: Path, url: str) -> None:
    error = only(tmp_path, drills=DRILLS + f"  video: {url}\n")
    assert (error.line, error.field) == (16, "drills[1].video")
    assert error.message == (
        f"must be a web address starting with https:// (got {url!r}); "
        "http:, javascript: and data: addresses are not allowed"
    )


def test_html_in_plain_text_is_refused(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("name: Bridge", "name: <b>Bridge</b>"))
    assert (error.line, error.field) == (2, "drills[0].name")
    assert error.message == (
        "contains HTML (<b>): write plain text only; the site adds all formatting itself "
        "(for 'less than', write the words)"
    )


@pytest.mark.parametrize("text", ["a </script b", "Bad <!-- open", "Hi <img src=x", "x <?php"])
def test_unfinished_html_is_refused_too(tmp_path: Path, text: str) -> None:
    error = only(tmp_path, drills=DRILLS.replace("name: Bridge", f"name: {text}"))
    assert error.field == "drills[0].name"
    assert error.message.startswith("contains HTML (")


def test_plain_text_with_less_than_sign_is_fine(tmp_path: Path) -> None:
    content = content_model.load(
        write_data(tmp_path, drills=DRILLS.replace("Lifts your hips.", "Lift < 5 cm."))
    )
    assert content.drill("bridge").summary == "Lift < 5 cm."


def test_id_must_be_a_slug(tmp_path: Path) -> None:
    error = only(tmp_path, root_causes=CAUSES.replace("id: weak-hips", "id: Weak Hips"))
    assert (error.file, error.line, error.field) == ("data/root_causes.yml", 1, "root_causes[0].id")
    assert error.message == (
        "must be a lowercase id made of letters a-z, digits 0-9 and single hyphens, "
        "like 'figure-4-stretch' (got 'Weak Hips')"
    )


def test_duplicate_id(tmp_path: Path) -> None:
    error = only(
        tmp_path,
        drills=DRILLS.replace("id: plank", "id: bridge").replace("requires: [bridge]", "requires: []"),
        programs=PROGRAMS.replace("[bridge, plank]", "[bridge]"),
    )
    assert error.plain() == (
        "data/drills.yml:8:3: drills[1].id: the id 'bridge' is already used by the entry on line 1: "
        "give each entry its own id"
    )


def test_unknown_drill_reference_lists_known_ids(tmp_path: Path) -> None:
    error = only(tmp_path, programs=PROGRAMS.replace("[bridge, plank]", "[bridge, plankk]"))
    assert error.plain() == (
        "data/programs.yml:4:20: programs[0].drills[1]: 'plankk' is not a drill in data/drills.yml. "
        "Known drills: bridge, plank"
    )


def test_unknown_reference_in_root_cause_and_requires(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        root_causes=CAUSES.replace("[bridge]", "[bridgee]"),
        drills=DRILLS.replace("requires: [bridge]", "requires: [squat]"),
    )
    assert [(e.file, e.line, e.field) for e in found] == [
        ("data/drills.yml", 15, "drills[1].requires[0]"),
        ("data/root_causes.yml", 4, "root_causes[0].drills[0]"),
    ]


def test_repeated_drill_in_program(tmp_path: Path) -> None:
    error = only(tmp_path, programs=PROGRAMS.replace("[bridge, plank]", "[bridge, plank, bridge]"))
    assert (error.field, error.message) == (
        "programs[0].drills[2]",
        "'bridge' is listed twice: delete one of them",
    )


def test_program_needs_a_drill(tmp_path: Path) -> None:
    error = only(tmp_path, programs=PROGRAMS.replace("[bridge, plank]", "[]"))
    assert (error.field, error.message) == ("programs[0].drills", "needs at least 1 item(s) (got 0)")


def test_requires_cycle(tmp_path: Path) -> None:
    error = only(
        tmp_path,
        drills=DRILLS.replace(
            "  steps:\n    - Lie on your back.", "  requires: [plank]\n  steps:\n    - Lie on your back."
        ),
    )
    assert (error.file, error.field) == ("data/drills.yml", "drills[1].requires[0]")
    assert error.message == (
        "these drills require each other in a loop (bridge -> plank -> bridge), so none could ever be done "
        "first: "
        "remove one of these requirements"
    )


def test_drill_cannot_require_itself(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("requires: [bridge]", "requires: [plank]"))
    assert error.message == "a drill cannot require itself: delete 'plank' from requires"


def test_yaml_syntax_error(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("  level: beginner", "  level: [beginner"))
    # Named where the bracket opens (line 4), not where the parser gave up (line 5).
    assert (error.file, error.line) == ("data/drills.yml", 4)
    assert error.message.startswith("YAML syntax error: the '[' on line 4 is not closed with ']'.")


def test_duplicate_key(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=DRILLS.replace("  level: beginner\n", "  level: beginner\n  level: advanced\n")
    )
    assert error.plain() == (
        "data/drills.yml:5:3: the key 'level' appears twice in the same entry (first on line 4): "
        "keep one and delete the other"
    )


def test_missing_file(tmp_path: Path) -> None:
    error = only(tmp_path, programs=None)
    assert (
        error.plain()
        == "data/programs.yml:1:1: file is missing: create data/programs.yml (see CONTRIBUTING.md for what "
        "it holds)"
    )


def test_empty_file(tmp_path: Path) -> None:
    error = only(tmp_path, clinic="# nothing here yet\n")
    assert (
        error.plain()
        == "data/clinic.yml:1:1: file is empty: it must hold the content described in CONTRIBUTING.md"
    )


def test_file_not_utf8(tmp_path: Path) -> None:
    error = only(tmp_path, clinic=CLINIC.replace("Test Clinic", "Caf\u00e9 Clinic").encode("latin-1"))
    assert (error.file, error.line, error.column) == ("data/clinic.yml", 1, 10)
    assert error.message.startswith("file is not saved as UTF-8 text")


def test_all_errors_in_all_files_in_one_run(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        clinic=CLINIC.replace("866-588-0230", "12"),
        drills=DRILLS.replace("level: advanced", "level: expert"),
        programs=PROGRAMS.replace("[bridge, plank]", "[bridge, nope]"),
    )
    assert [(e.file, e.field) for e in found] == [
        ("data/clinic.yml", "clinic.phone"),
        ("data/drills.yml", "drills[1].level"),
        ("data/programs.yml", "programs[0].drills[1]"),
    ]


def test_github_annotation_form(tmp_path: Path) -> None:
    error = only(tmp_path, drills=DRILLS.replace("level: advanced", "level: expert"))
    assert error.github() == (
        "::error file=data/drills.yml,line=11,col=3,title=drills[1].level::"
        "must be one of beginner, intermediate, advanced (got 'expert')"
    )


def test_unknown_id_lookup_lists_known_ids(tmp_path: Path) -> None:
    content = content_model.load(write_data(tmp_path), shown_dir="data")
    with pytest.raises(
        content_model.UnknownIdError,
        match=r"no drill with id 'squat' in data/drills.yml. Known ids: bridge, plank",
    ):
        content.drill("squat")


def test_load_reads_the_files_as_they_are_now(tmp_path: Path) -> None:
    """No cache between loads (a build keeps its content in its own state): an edit that keeps the
    file's size and time, as `cp -p`, `rsync -a` or `touch -r` leave it, is read too."""
    data = write_data(tmp_path)
    drills = data / "drills.yml"
    first = content_model.load(data)
    assert first.drill("bridge").summary == "Lifts your hips."
    before = os.stat(drills)
    drills.write_text(DRILLS.replace("Lifts your hips.", "Lifts your legs."), encoding="utf-8")
    os.utime(drills, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(drills).st_size == before.st_size
    assert content_model.load(data).drill("bridge").summary == "Lifts your legs."
    shutil.rmtree(data)
