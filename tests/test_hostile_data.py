"""Hostile and careless data files are refused with file:line and the fix (issue 13, items 3, 4, 7 and 10).

Each test writes the small valid data set of tests/small_data.py with one thing
changed, and asserts the exact place and the words an editor reads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import content_model
from build_state_helpers import render
from conftest import load_hook
from content_model import ContentError, ContentErrors
from content_model.yaml_source import MAX_DEPTH, MAX_FILE_BYTES
from small_data import CLINIC, DRILLS, replaced, write_project

ROOT = Path(__file__).resolve().parents[1]
NO_ANCHORS = (
    "clinic data never needs anchors (&), aliases (*) or merge keys (<<): "
    "write the value out in full where it is needed"
)


def problems(tmp_path: Path, **files: str | bytes | None) -> list[ContentError]:
    data, _docs = write_project(tmp_path, **files)
    with pytest.raises(ContentErrors) as caught:
        content_model.load(data, shown_dir="data")
    return caught.value.errors


def only(tmp_path: Path, **files: str | bytes | None) -> ContentError:
    found = problems(tmp_path, **files)
    assert len(found) == 1, [e.plain() for e in found]
    return found[0]


def loads(tmp_path: Path, **files: str) -> content_model.Content:
    data, _docs = write_project(tmp_path, **files)
    return content_model.load(data, shown_dir="data")


def check_in_subprocess(tmp_path: Path, **files: str | bytes) -> subprocess.CompletedProcess[str]:
    """`python -m content_model check` on a project, as `make check` runs it; a hang fails the test."""
    write_project(tmp_path, **files)
    return subprocess.run(
        [sys.executable, "-m", "content_model", "--data", "data", "--docs", "docs", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=10,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


# --- YAML: anchors, aliases, merge keys, depth, size -------------------------------------------

RECURSIVE_ALIAS = "# yaml-language-server: $schema=../schemas/drills.schema.json\n- &a [*a]\n"
# Nine levels of nine aliases: 9**9 (387 million) strings once expanded.
ALIAS_BOMB = (
    "# yaml-language-server: $schema=../schemas/drills.schema.json\n"
    + "\n".join(
        ['- &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
        + [f"- &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    + "\n"
)


def test_recursive_alias_is_refused_at_its_anchor(tmp_path: Path) -> None:
    error = only(tmp_path, drills=RECURSIVE_ALIAS)
    assert error.plain() == f"data/drills.yml:2:3: '&a' is an anchor: {NO_ANCHORS}"


def test_alias_bomb_is_refused_by_make_check_without_expanding(tmp_path: Path) -> None:
    result = check_in_subprocess(tmp_path, drills=ALIAS_BOMB)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    assert f"data/drills.yml:2:3: '&l0' is an anchor: {NO_ANCHORS}" in result.stderr


def test_alias_to_an_anchor_elsewhere_is_refused(tmp_path: Path) -> None:
    # The anchor is refused first; were anchors allowed, the alias would be.
    text = replaced(DRILLS, "  name: Bridge\n", "  name: &n Bridge\n")
    assert only(tmp_path, drills=text).plain() == f"data/drills.yml:3:9: '&n' is an anchor: {NO_ANCHORS}"


def test_merge_key_is_refused(tmp_path: Path) -> None:
    text = replaced(DRILLS, "  dose: {sets: 2, reps: 10}\n", "  dose:\n    <<: {sets: 2}\n    reps: 10\n")
    assert only(tmp_path, drills=text).plain() == f"data/drills.yml:10:5: '<<' is a merge key: {NO_ANCHORS}"


def test_explicit_tag_is_refused(tmp_path: Path) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  name: Bridge", "  name: !!binary QnJpZGdl"))
    assert (error.line, error.column) == (3, 9)
    assert error.message.startswith("'!!binary' is a YAML tag, which clinic data never needs")


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_deep_nesting_is_refused_without_recursion_error(tmp_path: Path, shape: str) -> None:
    if shape == "flow":
        deep = "[" * 50_000 + "]" * 50_000 + "\n"
    else:
        deep = "".join("  " * level + "-\n" for level in range(2_000))
    result = check_in_subprocess(tmp_path, programs=deep)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    # The first list nested one level too deep: its "[" (flow), or its "-" on line 21 (block).
    where = f"1:{MAX_DEPTH + 1}" if shape == "flow" else f"{MAX_DEPTH + 1}:{2 * MAX_DEPTH + 1}"
    assert f"data/programs.yml:{where}: lists and groups are nested" in result.stderr
    assert f"nested more than {MAX_DEPTH} levels deep here" in result.stderr


def test_nesting_as_deep_as_real_data_is_fine(tmp_path: Path) -> None:
    # A drill nests three levels (list, entry, dose); twenty is far above it.
    assert MAX_DEPTH >= 10
    loads(tmp_path)


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    padding = "# " + "x" * 1000 + "\n"
    big = DRILLS + padding * (MAX_FILE_BYTES // len(padding) + 1)
    error = only(tmp_path, drills=big)
    assert (error.file, error.line) == ("data/drills.yml", 1)
    assert error.message.startswith("file is 5.0 MB, more than the 5 MB a data file may hold")
    assert "pictures and videos are linked by their address" in error.message


def test_size_limit_is_far_above_the_bench_data() -> None:
    # `make bench` at 600 drills writes a drills.yml of about 534 KB.
    assert MAX_FILE_BYTES >= 5 * 534 * 1024


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1" * 5000, "'11111111111111111111111111111111111"), ("2026-13-45", "'2026-13-45'")],
)
def test_unreadable_number_or_date_is_located_not_a_traceback(tmp_path: Path, value: str, shown: str) -> None:
    text = CLINIC + f"reviewed_on: {value}\n"
    error = only(tmp_path, clinic=text)
    assert (error.file, error.line, error.column) == ("data/clinic.yml", 8, 14)
    assert error.message.startswith(shown)
    assert "write a real date as YYYY-MM-DD or a number of normal size" in error.message


def test_second_document_is_refused(tmp_path: Path) -> None:
    error = only(tmp_path, programs="- id: a\n---\n- id: b\n")
    assert (error.line, error.column) == (2, 1)
    assert error.message.startswith("a second document starts here (a line '---')")


# --- YAML hints name the likely cause ------------------------------------------------------------


def test_curly_quotes_used_as_quotes(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=replaced(DRILLS, "  summary: Lifts your hips.", "  summary: “Lift: your hips”")
    )
    assert (error.line, error.column) == (4, 17)
    assert error.message.startswith("YAML syntax error: this line starts a text with a curly quote (“ or ‘)")
    assert "Write straight quotes instead" in error.message
    assert "indentation" not in error.message


def test_colon_inside_unquoted_text(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=replaced(DRILLS, "  summary: Lifts your hips.", "  summary: Warm up: 5 minutes")
    )
    assert error.plain() == (
        "data/drills.yml:4:19: YAML syntax error: the text after 'summary:' holds a colon followed by a "
        "space, which YAML reads as the start of another key. Put the whole text in double quotes: "
        'summary: "Warm up: 5 minutes"'
    )


def test_colon_in_a_list_item_says_to_quote_it(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=replaced(DRILLS, "    - Lift your hips.", "    - Note: keep your back flat")
    )
    assert (error.line, error.field) == (8, "drills[0].steps[1]")
    assert error.message == (
        "must be text, but the colon followed by a space makes YAML read it as 'key: value': "
        'put the whole text in double quotes: "Note: keep your back flat"'
    )


def test_unclosed_quote_names_the_line_where_it_opened_never_past_the_end(tmp_path: Path) -> None:
    text = replaced(DRILLS, "  name: Plank", '  name: "Plank')
    error = only(tmp_path, drills=text)
    assert (error.line, error.column) == (11, 9)
    assert error.line <= len(text.splitlines())
    assert error.message.startswith('YAML syntax error: the quote (") that opens on line 11 is never closed.')


def test_mismatched_quote_on_the_last_line_stays_inside_the_file(tmp_path: Path) -> None:
    text = DRILLS + "  credit: \"Jane Doe'\n"
    error = only(tmp_path, drills=text)
    assert error.line == len(text.splitlines()) == 19
    assert 'the quote (") that opens on line 19 is never closed' in error.message


def test_a_quote_closed_only_lines_later_names_the_line_where_it_opened(tmp_path: Path) -> None:
    """A text opened with a quote that is left open runs on to the next quote of its kind, here one in
    a later comment: the error is where the quote was opened, not where the reading stopped."""
    text = replaced(DRILLS, "  name: Plank", '  name: "Plank') + '# A "note" at the end\n'
    error = only(tmp_path, drills=text)
    assert (error.line, error.column) == (11, 9)
    assert error.message.startswith(
        'YAML syntax error: the quote (") that opens on line 11 is not closed on that line, so everything '
        f'up to the next " on line {len(text.splitlines())} was read as one text.'
    )


def test_tab_indentation_says_tab(tmp_path: Path) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  level: beginner", "\tlevel: beginner"))
    assert error.line == 5
    assert error.message.startswith(
        "YAML syntax error: line 5 is indented with a tab. Indent with spaces only"
    )


def test_real_indentation_mistake_still_says_indentation(tmp_path: Path) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  level: beginner", "   level: beginner"))
    assert error.line == 5
    assert error.message.endswith(
        "Check the indentation and that every 'key: value' line and '- ' list item lines up with its "
        "neighbours"
    )


# --- Dose numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dose", "field", "got"),
    [
        ("reps: 100000000000000000000000", "reps", "a number 24 digits long"),
        ("per_day: 1000", "per_day", "the number 1000"),
        ("reps: true", "reps", "true"),
        ("sets: 2.0", "sets", "the number 2.0"),
        ("per_day: '3'", "per_day", "'3'"),
        ("hold_seconds: 0", "hold_seconds", "the number 0"),
    ],
)
def test_absurd_or_mistyped_dose_is_refused_with_the_range(
    tmp_path: Path, dose: str, field: str, got: str
) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "dose: {sets: 2, reps: 10}", f"dose: {{{dose}}}"))
    low, high, example = content_model.models.DOSE_RANGES[field]
    assert (error.line, error.field) == (9, f"drills[0].dose.{field}")
    assert error.message == (
        f"must be a whole number from {low} to {high}, written as digits without quotes or a decimal point, "
        f"like '{field}: {example}' (got {got})"
    )


def test_dose_ranges_hold_the_seed_data_and_say_so_in_the_schema() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    schema = json.loads((ROOT / "schemas" / "drills.schema.json").read_text(encoding="utf-8"))
    dose = schema["$defs"]["Dose"]["properties"]
    for field, (low, high, _example) in content_model.models.DOSE_RANGES.items():
        assert {"type": "integer", "minimum": low, "maximum": high} in dose[field]["anyOf"]
        for drill in content.drills:
            value = getattr(drill.dose, field) if drill.dose else None
            assert value is None or low <= value <= high


# --- Invisible and control characters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u2060", "U+2060 WORD JOINER"),
        ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\x1b", "U+001B ESCAPE"),
        ("\x01", "U+0001 (a control character)"),
        ("\x85", "U+0085 NEXT LINE"),
        ("\u200d", "U+200D ZERO WIDTH JOINER"),
        ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ],
)
def test_invisible_character_in_text_is_named_with_line_and_column(
    tmp_path: Path, char: str, named: str
) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  name: Plank", f"  name: Pla{char}nk"))
    assert (error.file, error.line, error.column) == ("data/drills.yml", 11, 12)
    assert error.message.startswith(f"contains {named} at column 12: it is invisible or a control character")


def test_invisible_character_written_as_an_escape_is_refused_too(tmp_path: Path) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  name: Plank", '  name: "Pla\\u202Enk"'))
    assert (error.line, error.field) == (11, "drills[1].name")
    assert error.message.startswith("contains U+202E RIGHT-TO-LEFT OVERRIDE as character 4 of the text")


def test_bidi_override_in_a_comment_is_refused(tmp_path: Path) -> None:
    # Trojan Source: a reviewer reading the file would see the text in another order.
    error = only(tmp_path, clinic=CLINIC.replace("name: Test Clinic", "# note \u202e\nname: Test Clinic"))
    assert (error.line, error.column) == (2, 8)


def test_a_field_added_later_is_covered_without_naming_it() -> None:
    from pydantic import ValidationError

    from content_model.models import Strict

    class Later(Strict):
        anything: str

    with pytest.raises(ValidationError, match=r"U\+200B ZERO WIDTH SPACE"):
        Later(anything="a\u200bb")


def test_emoji_and_other_scripts_are_accepted(tmp_path: Path) -> None:
    written = "Über José 中文 😀 👩\u200d⚕\ufe0f ❤\ufe0f 1\ufe0f\u20e3 می\u200cخواهم"
    content = loads(tmp_path, drills=replaced(DRILLS, "  name: Plank", f'  name: "{written}"'))
    assert content.drill("plank").name == written


# --- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("https://user:pw@example.org/plank", "must not contain a user name or password before an @"),
        ("https://evil.example@example.org/plank", "must not contain a user name or password before an @"),
        ('"https://example.org/pl ank"', "must be one web address without spaces or line breaks"),
        ('"https://example.org/plank\\t"', "must be one web address without spaces or line breaks"),
        ('"https://example.org\\\\plank"', "must not contain a backslash"),
    ],
)
def test_unsafe_video_url_is_refused(tmp_path: Path, url: str, start: str) -> None:
    error = only(tmp_path, drills=replaced(DRILLS, "  video: https://example.org/plank", f"  video: {url}"))
    assert (error.line, error.field) == (15, "drills[1].video")
    assert error.message.startswith(start)


# --- Phone ---------------------------------------------------------------------------------------


def clinic_with(phone: str, extra: str = "") -> str:
    return replaced(CLINIC, "phone: 866-588-0230\n", f"phone: {phone}\n{extra}")


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        (
            "319-PT-CEDAR",
            "must be the number only, in digits (got '319-PT-CEDAR'): write it like (201) 555-0123.",
        ),
        (
            "Call (319) 555-0187",
            "must be the number only, in digits (got 'Call (319) 555-0187'): write it like (201) 555-0123.",
        ),
        (
            "(319) 555-0187 ext. 2",
            "holds an extension ('ext. 2'; got '(319) 555-0187 ext. 2'): write the number only, like "
            '(201) 555-0123, and put the extension on its own line: phone_extension: "2"',
        ),
        (
            "(319) 555-0187 x2",
            "holds an extension ('x2'; got '(319) 555-0187 x2'): write the number only, like "
            '(201) 555-0123, and put the extension on its own line: phone_extension: "2"',
        ),
    ],
)
def test_phone_with_letters_words_or_extension_is_refused(tmp_path: Path, phone: str, message: str) -> None:
    error = only(tmp_path, clinic=clinic_with(phone))
    assert (error.line, error.field) == (3, "clinic.phone")
    assert error.message.startswith(message)


def test_extension_is_shown_and_dialled(tmp_path: Path) -> None:
    clinic = loads(tmp_path, clinic=clinic_with("866-588-0230", 'phone_extension: "2"\n')).clinic
    assert clinic.phone_display == "866-588-0230 ext. 2"
    assert clinic.phone_href == "tel:+18665880230;ext=2"
    html = BeautifulSoup(render("call_to_action", clinic=clinic), "html.parser")
    button = html.select_one("a.call-to-action__call")
    assert button["href"] == "tel:+18665880230;ext=2"
    assert " ".join(button.get_text().split()) == "Call 866-588-0230 ext. 2"
    # Search engines get it too (JSON-LD's telephone is text).
    assert load_hook("structured_data.py")._publisher(clinic)["telephone"] == "+18665880230 ext. 2"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2", 'must be written in quotes, so that a leading 0 is kept: phone_extension: "2"'),
        ('"ext. 2"', "must be 1 to 6 digits only, in quotes, like phone_extension: \"2\" (got 'ext. 2')"),
        ('"1234567"', "must be 1 to 6 digits only, in quotes, like phone_extension: \"2\" (got '1234567')"),
    ],
)
def test_extension_must_be_digits_in_quotes(tmp_path: Path, written: str, message: str) -> None:
    error = only(tmp_path, clinic=clinic_with("866-588-0230", f"phone_extension: {written}\n"))
    assert (error.line, error.field) == (4, "clinic.phone_extension")
    assert error.message.startswith(message)


def test_number_from_another_country_is_shown_in_international_form(tmp_path: Path) -> None:
    clinic = loads(tmp_path, clinic=clinic_with("+44 20 7946 0958")).clinic
    assert clinic.phone_display == "+44 20 7946 0958"
    assert clinic.phone_href == "tel:+442079460958"


def test_number_from_the_clinics_country_stays_national(tmp_path: Path) -> None:
    text = replaced(CLINIC, "phone: 866-588-0230\n", "country: GB\nphone: +44 20 7946 0958\n")
    clinic = loads(tmp_path, clinic=text).clinic
    assert clinic.phone_display == "020 7946 0958"
    assert (
        loads(tmp_path / "us", clinic=clinic_with("+1 866 588 0230")).clinic.phone_display == "866-588-0230"
    )
