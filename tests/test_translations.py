"""Translations (data/es/): checked like the English with file:line, complete or left out, merged.

Each test breaks one thing in a small valid project with a Spanish translation and asserts where
the problem is reported and what it says; the default data is complete in Spanish.
"""

from __future__ import annotations

import datetime
import inspect
import typing
from pathlib import Path

import pytest
from pydantic import AfterValidator, BaseModel

import content_model
from content_model import ContentError, ContentErrors
from content_model import models as english_models
from content_model.__main__ import main
from content_model.review import review_problems
from content_model.schema import translation_modeline, translation_schema_name
from content_model.translations import (
    NOT_TRANSLATED,
    TRANSLATION_FILES,
    Translation,
    UntranslatedError,
    text_fields,
    translation_warnings,
)
from small_data import DRILLS, PROGRAMS, replaced, write_project

ROOT = Path(__file__).resolve().parents[1]
NEEDS = "  needs_review: Translated for this site; a qualified medical translator must check it.\n"

ES_DRILLS = f"""\
# yaml-language-server: $schema=../../schemas/translation-drills.schema.json
- id: bridge
  name: Puente
  summary: Sube las caderas.
  steps:
    - Acuéstese boca arriba.
    - Suba las caderas.
{NEEDS}- id: plank
  name: Plancha
  summary: Mantiene el cuerpo recto.
  steps:
    - Acuéstese boca abajo.
    - Levante el cuerpo.
{NEEDS}"""

ES_CAUSES = f"""\
# yaml-language-server: $schema=../../schemas/translation-root_causes.schema.json
- id: weak-hips
  title: Caderas débiles
  summary: Las caderas débiles hacen que la espalda trabaje más.
{NEEDS}"""

ES_PROGRAMS = f"""\
# yaml-language-server: $schema=../../schemas/translation-programs.schema.json
- id: core
  title: Programa del tronco
  summary: Dos ejercicios.
{NEEDS}"""

ES_CLINIC = f"""\
# yaml-language-server: $schema=../../schemas/translation-clinic.schema.json
call_to_action:
  heading: Pida ayuda
  text: Llámenos hoy.
disclaimer: Este sitio da información general. No es un diagnóstico.
{NEEDS.strip()}
"""

ES_FILES = {"drills": ES_DRILLS, "root_causes": ES_CAUSES, "programs": ES_PROGRAMS, "clinic": ES_CLINIC}


def project(
    tmp_path: Path, english: dict[str, str] | None = None, **spanish: str | None
) -> tuple[Path, Path]:
    """The small valid project (small_data.py) with its Spanish; a keyword replaces a Spanish file."""
    data, docs = write_project(tmp_path, **(english or {}))
    (data / "es").mkdir()
    for key, text in {**ES_FILES, **spanish}.items():
        if text is not None:
            (data / "es" / f"{key}.yml").write_text(text, encoding="utf-8")
    return data, docs


def load(
    tmp_path: Path, english: dict[str, str] | None = None, **spanish: str | None
) -> content_model.Content:
    data, _docs = project(tmp_path, english, **spanish)
    return content_model.load(data, shown_dir="data")


def spanish(tmp_path: Path, english: dict[str, str] | None = None, **files: str | None) -> Translation:
    return load(tmp_path, english, **files).translation("es")


def problems(
    tmp_path: Path, english: dict[str, str] | None = None, **spanish: str | None
) -> list[ContentError]:
    with pytest.raises(ContentErrors) as raised:
        load(tmp_path, english, **spanish)
    return raised.value.errors


def only(tmp_path: Path, english: dict[str, str] | None = None, **spanish: str | None) -> ContentError:
    found = problems(tmp_path, english, **spanish)
    assert len(found) == 1, [e.plain() for e in found]
    return found[0]


def line_of(text: str, needle: str) -> int:
    assert needle in text, needle
    return text[: text.index(needle)].count("\n") + 1


# --- a complete translation, merged ----------------------------------------------------------


def test_a_complete_translation_gives_every_entry_merged_with_the_english(tmp_path: Path) -> None:
    content = load(tmp_path)
    assert content.languages == ("es",)
    es = content.translation("es")
    assert es.is_complete and es.missing == ()
    assert (es.language, es.name, es.own_name) == ("es", "Spanish", "Español")
    assert [d.id for d in es.drills] == ["bridge", "plank"]
    plank = es.drill("plank")
    english = content.drill("plank")
    # The same type as the English, so templates render it unchanged.
    assert type(plank) is type(english) is content_model.Drill
    assert (plank.name, plank.summary, plank.steps) == (
        "Plancha",
        "Mantiene el cuerpo recto.",
        ["Acuéstese boca abajo.", "Levante el cuerpo."],
    )
    # What is not text comes from the English entry, never from the translation.
    assert (plank.level, plank.requires, plank.video) == ("advanced", ["bridge"], "https://example.org/plank")
    assert es.drill("bridge").dose == content.drill("bridge").dose
    assert english.name == "Plank"  # the English content is left as it was
    assert [d.name for d in es.program_drills("core")] == ["Puente", "Plancha"]
    assert es.root_cause("weak-hips").title == "Caderas débiles"
    assert es.root_cause("weak-hips").drills == ["bridge", "plank"]
    assert es.program("core").title == "Programa del tronco"


def test_the_clinic_texts_are_merged_and_a_name_left_out_stays_english(tmp_path: Path) -> None:
    content = load(tmp_path)
    clinic = content.translation("es").clinic
    assert clinic is not None and type(clinic) is content_model.Clinic
    assert (clinic.call_to_action.heading, clinic.call_to_action.text) == ("Pida ayuda", "Llámenos hoy.")
    assert clinic.disclaimer == "Este sitio da información general. No es un diagnóstico."
    assert clinic.name == "Test Clinic"  # left out: the English name
    assert (clinic.phone_display, clinic.phone_href) == (
        content.clinic.phone_display,
        content.clinic.phone_href,
    )
    assert content.clinic.call_to_action.heading == "Get help"


def test_picture_words_are_merged_and_the_figure_kept(tmp_path: Path) -> None:
    pictures = (
        "  pictures:\n"
        "    - alt: Lying on the back.\n"
        "      caption: Start\n"
        "      figure: {base: lying_on_back}\n"
    )
    drills = replaced(DRILLS, "  dose: {sets: 2, reps: 10}\n", "  dose: {sets: 2, reps: 10}\n" + pictures)
    es_pictures = "  pictures:\n    - alt: Boca arriba.\n      caption: Inicio\n"
    es_drills = replaced(ES_DRILLS, "    - Suba las caderas.\n", "    - Suba las caderas.\n" + es_pictures)
    content = load(tmp_path, {"drills": drills}, drills=es_drills)
    picture = content.translation("es").drill("bridge").pictures[0]
    assert (picture.alt, picture.caption) == ("Boca arriba.", "Inicio")
    assert picture.figure == content.drill("bridge").pictures[0].figure


def test_the_view_is_made_once_per_load(tmp_path: Path) -> None:
    content = load(tmp_path)
    assert content.translation("es") is content.translation("es")


def test_an_unknown_language_code_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LookupError, match="'fr' is not a language this site can publish"):
        load(tmp_path).translation("fr")


def test_without_a_spanish_folder_nothing_is_in_spanish(tmp_path: Path) -> None:
    data, _docs = write_project(tmp_path)
    content = content_model.load(data, shown_dir="data")
    es = content.translation("es")
    assert content.languages == ()
    assert (es.clinic, es.drills, es.programs, es.root_causes) == (None, (), (), ())
    assert es.untranslated["drills"] == ("bridge", "plank") and not es.is_complete
    assert {e.file for e in es.missing} == {f"data/es/{f.file}" for f in TRANSLATION_FILES.values()}


# --- completeness -----------------------------------------------------------------------------


def test_a_drill_missing_one_step_is_incomplete_and_its_program_has_no_spanish(tmp_path: Path) -> None:
    es_drills = replaced(ES_DRILLS, "    - Levante el cuerpo.\n", "")
    es = spanish(tmp_path, drills=es_drills)
    assert [d.id for d in es.drills] == ["bridge"]
    assert not es.has_drill("plank") and es.has_drill("bridge")
    assert es.programs == () and not es.has_program("core")
    assert es.untranslated == {"clinic": (), "root_causes": (), "drills": ("plank",), "programs": ("core",)}
    with pytest.raises(UntranslatedError, match="drill 'plank' is not completely translated into Spanish"):
        es.drill("plank")
    with pytest.raises(UntranslatedError, match="program 'core'"):
        es.program_drills("core")  # never a handout with an English step in it
    # A root cause is complete on its own texts; the site says which of its drills are in English.
    assert es.has_root_cause("weak-hips")
    steps, program = es.missing
    plank_steps = line_of(DRILLS, "  steps:\n    - Lie face down.")
    assert (steps.file, steps.line, steps.field, steps.severity) == (
        "data/es/drills.yml",
        line_of(es_drills, "  steps:\n    - Acuéstese boca abajo."),
        "drills[1].steps",
        "notice",
    )
    assert steps.message == (
        f"steps has 1 items here but 2 in the English (data/drills.yml:{plank_steps}): "
        "each item here translates the English item at the same place, so compare them in order and add "
        "the missing translation where the English has it (at the end, that is the 2nd: 'Lift your body.')"
    )
    assert (program.file, program.line) == ("data/es/programs.yml", line_of(ES_PROGRAMS, "- id: core"))
    assert program.message == (
        "program 'core' has no Spanish handout until all its drills are in Spanish; still to translate: plank"
    )


def test_a_step_added_to_the_english_leaves_the_spanish_drill_out_until_translated(tmp_path: Path) -> None:
    drills = replaced(DRILLS, "    - Lift your hips.\n", "    - Lift your hips.\n    - Lower them slowly.\n")
    es = spanish(tmp_path, {"drills": drills})
    assert [d.id for d in es.drills] == ["plank"]
    assert "'Lower them slowly.'" in es.missing[0].message


def test_a_missing_field_and_a_missing_entry_are_notices_at_their_place(tmp_path: Path) -> None:
    es_drills = replaced(ES_DRILLS, "  summary: Sube las caderas.\n", "")
    es_drills = es_drills[: es_drills.index("- id: plank")]
    es = spanish(tmp_path, drills=es_drills)
    assert es.drills == () and es.programs == ()
    summary = next(e for e in es.missing if e.field == "drills[0].summary")
    plank = next(e for e in es.missing if "'plank'" in e.message and "drill" in e.message)
    program = next(e for e in es.missing if "program 'core'" in e.message)
    assert (summary.line, summary.severity) == (2, "notice")
    assert summary.message.startswith("summary is not in Spanish yet (data/drills.yml:4: 'Lifts your hips.')")
    assert (plank.file, plank.severity) == ("data/es/drills.yml", "notice")
    assert plank.message == (
        "drill 'plank' (data/drills.yml:10) is not in Spanish yet: add an entry '- id: plank' with its "
        "texts translated"
    )
    assert "still to translate: bridge, plank" in program.message


def test_a_missing_file_is_one_notice(tmp_path: Path) -> None:
    es = spanish(tmp_path, programs=None)
    [notice] = es.missing
    assert (notice.file, notice.line, notice.severity) == ("data/es/programs.yml", 1, "notice")
    assert "nothing of data/programs.yml is in Spanish" in notice.message
    assert es.programs == () and len(es.drills) == 2


def test_an_incomplete_clinic_gives_no_clinic(tmp_path: Path) -> None:
    es = spanish(tmp_path, clinic=ES_CLINIC.replace("  text: Llámenos hoy.\n", ""))
    assert es.clinic is None and es.untranslated["clinic"] == ("clinic",)
    [notice] = es.missing
    assert (notice.line, notice.field) == (2, "clinic.call_to_action.text")
    assert "the clinic's texts" in es.summary()


# --- refusals, each with file:line --------------------------------------------------------------


def test_an_id_not_in_the_english_is_refused_with_the_known_ids(tmp_path: Path) -> None:
    error = only(tmp_path, drills=ES_DRILLS.replace("id: plank", "id: plankk"))
    assert error.plain() == (
        f"data/es/drills.yml:{line_of(ES_DRILLS, '- id: plank')}:3: drills[1].id: 'plankk' is not an id in "
        "data/drills.yml, so there is nothing to translate. Known ids: bridge, plank"
    )


def test_the_same_id_twice_is_refused(tmp_path: Path) -> None:
    es_drills = ES_DRILLS + "- id: bridge\n  name: Puente otra vez\n"
    error = only(tmp_path, drills=es_drills)
    assert (error.file, error.line, error.field) == (
        "data/es/drills.yml",
        line_of(es_drills, "- id: bridge\n  name: Puente otra"),
        "drills[2].id",
    )
    assert (
        error.message == "the id 'bridge' is already translated by the entry on line 2: keep one of the two"
    )


def test_a_list_longer_than_the_english_is_refused_at_the_extra_item(tmp_path: Path) -> None:
    es_drills = replaced(ES_DRILLS, "    - Levante el cuerpo.\n", "    - Levante el cuerpo.\n    - Bájelo.\n")
    error = only(tmp_path, drills=es_drills)
    assert (error.file, error.line, error.column, error.field) == (
        "data/es/drills.yml",
        line_of(es_drills, "    - Bájelo."),
        7,
        "drills[1].steps[2]",
    )
    assert error.message.startswith(
        "steps has 3 items here but 2 in the English (data/drills.yml:16): each item translates the English "
        "item at the same place, so item 3 has no English source."
    )


def test_a_text_the_english_entry_does_not_have_is_refused(tmp_path: Path) -> None:
    es_drills = replaced(ES_DRILLS, "  name: Puente\n", "  name: Puente\n  tips:\n    - Respire.\n")
    error = only(tmp_path, drills=es_drills)
    assert (error.line, error.field) == (line_of(es_drills, "  tips:"), "drills[0].tips")
    assert error.message.startswith("the English has no tips here (data/drills.yml:2)")


def test_a_text_identical_to_the_english_is_refused(tmp_path: Path) -> None:
    es_drills = replaced(ES_DRILLS, "    - Suba las caderas.", "    - lift  your hips.")
    error = only(tmp_path, drills=es_drills)
    assert error.plain() == (
        "data/es/drills.yml:7:7: drills[0].steps[1]: is the same as the English ('Lift your hips.', "
        "data/drills.yml:8): translate it. If it is a name that stays the same in Spanish, list it in this "
        "entry: same_in_both: [Lift your hips.]"
    )


def test_a_name_kept_in_both_languages_is_accepted_only_when_listed(tmp_path: Path) -> None:
    kept = ES_DRILLS.replace("  name: Plancha\n", "  name: Plank\n")
    error = only(tmp_path / "a", drills=kept)
    assert (error.line, error.field) == (line_of(kept, "name: Plank"), "drills[1].name")
    listed = kept.replace("  name: Plank\n", "  name: Plank\n  same_in_both: [Plank]\n")
    assert spanish(tmp_path / "b", drills=listed).drill("plank").name == "Plank"


def test_a_kept_name_that_is_no_english_text_is_a_warning(tmp_path: Path) -> None:
    """Harmless (it only allows a copy), and renaming an English drill must not stop the build."""
    listed = ES_DRILLS.replace("  name: Plancha\n", "  name: Plancha\n  same_in_both: [Spiderman]\n")
    content = load(tmp_path, drills=listed)
    assert content.translation("es").has_drill("plank")
    [error] = translation_warnings(content.translations)
    assert (error.line, error.field) == (line_of(listed, "same_in_both"), "drills[1].same_in_both[0]")
    assert error.severity == "warning"
    assert error.message == (
        "'Spiderman' is listed as the same in both languages, but no text of the English entry "
        f"(data/drills.yml:{line_of(DRILLS, '- id: plank')}) is 'Spiderman': delete it from same_in_both"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Puente <b>fuerte</b>", "contains HTML (<b>)"),
        ("Puente <img src=x", "contains HTML (<i...)"),
        ('"Puente\\u202e"', "contains U+202E"),
        ('"   "', "is empty"),
    ],
)
def test_spanish_texts_follow_the_same_plain_text_rules(tmp_path: Path, text: str, message: str) -> None:
    error = only(tmp_path, drills=ES_DRILLS.replace("  name: Puente", f"  name: {text}"))
    assert (error.file, error.line, error.field) == ("data/es/drills.yml", 3, "drills[0].name")
    assert message in error.message


def test_the_hostile_yaml_rules_apply_to_translation_files(tmp_path: Path) -> None:
    es_drills = ES_DRILLS.replace("  name: Puente", "  name: &n Puente").replace(
        "  name: Plancha", "  name: *n"
    )
    error = only(tmp_path, drills=es_drills)
    assert (error.file, error.line) == ("data/es/drills.yml", 3)
    assert "'&n' is an anchor" in error.message


def test_a_placeholder_from_new_drill_is_refused_in_a_translation(tmp_path: Path) -> None:
    error = only(tmp_path, drills=ES_DRILLS.replace("    - Levante el cuerpo.", "    - (second step)"))
    assert (error.line, error.field) == (line_of(ES_DRILLS, "Levante el cuerpo"), "drills[1].steps[1]")
    assert "is still the placeholder that make new-drill wrote" in error.message


def test_a_field_we_do_not_translate_is_refused_as_unknown(tmp_path: Path) -> None:
    error = only(
        tmp_path, drills=ES_DRILLS.replace("  name: Puente\n", "  name: Puente\n  level: advanced\n")
    )
    assert (error.line, error.field) == (4, "drills[0].level")
    assert error.message.startswith("'level' is not a field we know")


def test_an_unknown_file_and_an_unknown_language_folder_are_refused(tmp_path: Path) -> None:
    data, _docs = project(tmp_path)
    (data / "es" / "drill.yml").write_text("- id: bridge\n", encoding="utf-8")
    (data / "fr").mkdir()
    (data / "fr" / "drills.yml").write_text("- id: bridge\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    unknown_file, unknown_language = raised.value.errors
    assert unknown_file.file == "data/es/drill.yml"
    assert unknown_file.message.startswith("drill.yml is not a file a translation holds")
    assert unknown_language.file == "data/fr/"
    assert unknown_language.message.startswith("'fr' is not a language this site can publish (known: es")


def test_every_problem_of_english_and_spanish_in_one_run(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {"programs": replaced(PROGRAMS, "[bridge, plank]", "[bridge, nope]")},
        drills=ES_DRILLS.replace("name: Plancha", "name: Plank"),
    )
    assert [(e.file, e.field) for e in found] == [
        ("data/es/drills.yml", "drills[1].name"),
        ("data/programs.yml", "programs[0].drills[1]"),
    ]


# --- translator review -----------------------------------------------------------------------


def test_translations_not_reviewed_are_warnings_at_their_entry(tmp_path: Path) -> None:
    today = datetime.date(2026, 1, 15)
    content = load(tmp_path / "a")
    found = sorted(f for f in review_problems(content, today=today) if f.file.startswith("data/es/"))
    assert [(f.file, f.line, f.severity) for f in found] == [
        ("data/es/clinic.yml", 6, "warning"),
        ("data/es/drills.yml", 2, "warning"),
        ("data/es/drills.yml", line_of(ES_DRILLS, "- id: plank"), "warning"),
        ("data/es/programs.yml", 2, "warning"),
        ("data/es/root_causes.yml", 2, "warning"),
    ]
    bridge = found[1]
    assert bridge.message.startswith(
        "the Spanish text of drill 'bridge' is not reviewed yet (still to check: \"Translated for this site"
    )
    assert "When a qualified medical translator has checked it" in bridge.message
    reviewed = ES_DRILLS.replace(
        NEEDS, '  reviewed: {by: "Ana Ruiz, certified medical translator", on: 2026-01-02}\n'
    )
    content = load(tmp_path / "b", drills=reviewed)
    assert [f for f in review_problems(content, today=today) if f.file == "data/es/drills.yml"] == []


def test_required_review_makes_an_unreviewed_translation_an_error(tmp_path: Path) -> None:
    from small_data import CLINIC

    content = load(tmp_path, {"clinic": CLINIC + "require_review: true\n"})
    found = [f for f in review_problems(content) if f.file == "data/es/programs.yml"]
    assert [(f.line, f.severity) for f in found] == [(2, "error")]


# --- make check ------------------------------------------------------------------------------


def test_make_check_lists_what_is_missing_as_notices_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    es_drills = replaced(ES_DRILLS, "    - Levante el cuerpo.\n", "")
    data, docs = project(tmp_path, drills=es_drills)
    code = main(["--data", str(data), "--docs", str(docs), "check"])
    out, _err = capsys.readouterr()
    assert code == 0
    shown = data.as_posix()
    steps = line_of(es_drills, "  steps:\n    - Acuéstese boca abajo.")
    assert f"{shown}/es/drills.yml:{steps}:3: notice: drills[1].steps: steps has 1 items here but 2" in out
    assert f"{shown}/es/programs.yml:2:3: notice: program 'core' has no Spanish handout" in out
    assert (
        "Not in Spanish yet: 1 drill (plank); 1 program (core). They are left out of the Spanish site until "
        "they are translated completely" in out
    )
    assert "in Spanish: 1 of 2 drills, 1 of 1 root causes, 0 of 1 programs" in out


def test_make_check_fails_on_a_translation_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data, docs = project(tmp_path, drills=ES_DRILLS.replace("name: Plancha", "name: Plank"))
    assert main(["--data", str(data), "--docs", str(docs), "check"]) == 1
    _out, err = capsys.readouterr()
    line = line_of(ES_DRILLS, "name: Plancha")
    assert f"/es/drills.yml:{line}:3: drills[1].name: is the same as the English ('Plank'" in err


# --- the model: every English text is translated or deliberately not ---------------------------

PAIRS = {
    english_models.Clinic: TRANSLATION_FILES["clinic"].model,
    english_models.Drill: TRANSLATION_FILES["drills"].model,
    english_models.RootCause: TRANSLATION_FILES["root_causes"].model,
    english_models.Program: TRANSLATION_FILES["programs"].model,
}


def _is_text(field: typing.Any) -> bool:
    """A PlainText field, or a list or optional of one."""
    if any(isinstance(m, AfterValidator) and m.func is english_models._plain_text for m in field.metadata):
        return True
    return english_models.PlainText in _args(field.annotation)


def _args(annotation: typing.Any) -> list[typing.Any]:
    found = [annotation]
    for arg in typing.get_args(annotation):
        found += _args(arg)
    return found


def _nested(field: typing.Any) -> type[BaseModel] | None:
    return next(
        (a for a in _args(field.annotation) if isinstance(a, type) and issubclass(a, english_models.Strict)),
        None,
    )


def test_every_english_text_has_a_translation_field_or_a_reason_not_to() -> None:
    pending = list(PAIRS.items())
    untranslated: list[type[BaseModel]] = []
    checked = 0
    while pending:
        english, translated = pending.pop()
        for name, field in english.model_fields.items():
            owner = next(c.__name__ for c in english.__mro__ if name in inspect.get_annotations(c))
            if (owner, name) in NOT_TRANSLATED:
                continue
            nested = _nested(field)
            if _is_text(field):
                assert name in text_fields(translated), f"{english.__name__}.{name} has no translation field"
                checked += 1
            elif nested is not None and name in translated.model_fields:
                inner = _nested(translated.model_fields[name])
                assert inner is not None
                pending.append((nested, inner))
            elif nested is not None:
                untranslated.append(nested)  # its texts must all be listed in NOT_TRANSLATED
    while untranslated:
        model = untranslated.pop()
        for name, field in model.model_fields.items():
            owner = next(c.__name__ for c in model.__mro__ if name in inspect.get_annotations(c))
            if _is_text(field):
                assert (owner, name) in NOT_TRANSLATED, (
                    f"{model.__name__}.{name} is a text with no translation"
                )
            elif _nested(field) is not None:
                untranslated.append(_nested(field))
    assert checked >= 18


# --- the default content -----------------------------------------------------------------------


def test_the_default_content_is_complete_in_spanish() -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    es = content.translation("es")
    assert es.is_complete, [e.plain() for e in es.missing]
    assert [d.id for d in es.drills] == [d.id for d in content.drills]
    assert [p.id for p in es.programs] == [p.id for p in content.programs]
    assert [c.id for c in es.root_causes] == [c.id for c in content.root_causes]
    assert es.clinic is not None and es.clinic.call_to_action.heading != content.clinic.call_to_action.heading
    for english, translated in zip(content.drills, es.drills, strict=True):
        assert translated.steps != english.steps and len(translated.steps) == len(english.steps)
        assert [p.alt for p in translated.pictures] != [
            p.alt for p in english.pictures
        ] or not english.pictures
        assert data_text(es, "drills", english.id).needs_review  # every translation awaits a translator
    assert es.drill("spiderman").name == "Spiderman"  # kept, and listed as kept
    assert data_text(es, "drills", "spiderman").same_in_both == ["Spiderman"]
    assert es.clinic.disclaimer != content.clinic.disclaimer


def data_text(es: Translation, key: str, entry_id: str) -> typing.Any:
    review = es.review(key, entry_id)
    assert review is not None
    return review


@pytest.mark.parametrize("key", list(TRANSLATION_FILES))
def test_each_spanish_file_starts_with_its_schema_line(key: str) -> None:
    path = ROOT / "data" / "es" / TRANSLATION_FILES[key].file
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == translation_modeline(key)
    assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file()


def test_the_spanish_files_and_the_small_ones_validate_against_their_schemas(tmp_path: Path) -> None:
    from test_schema import schema_check

    for key, file in TRANSLATION_FILES.items():
        small = tmp_path / f"small-{file.file}"
        small.write_text(ES_FILES[key], encoding="utf-8")
        schema = ROOT / "schemas" / translation_schema_name(key)
        assert schema_check(schema, ROOT / "data" / "es" / file.file, small) == {}
    bad = tmp_path / "bad-drills.yml"
    bad.write_text(
        ES_DRILLS.replace("  name: Puente\n", "  name: Puente\n  level: beginner\n"), encoding="utf-8"
    )
    assert schema_check(ROOT / "schemas" / translation_schema_name("drills"), bad) == {str(bad): ["$[0]"]}
