"""Load every data file, validate it, and check the rules that span entries and files.

This module is the only code that reads ``data/``. A build (once, when it
starts: hooks/content_validation.py), tests and the command line call
:func:`load`, which either returns a complete, valid
:class:`Content` or raises :class:`ContentErrors` listing every problem found
in every file.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .content_cache import cached_content
from .errors import ContentError, ContentErrors
from .identity import emergency_number_problem, logo_problem
from .messages import field_path, validation_errors
from .models import Clinic, Drill, PlainLanguage, Program, RootCause
from .picture_files import CheckedPictures, PictureFileInfo, PictureFileProblem, check_picture_file
from .translations import (
    LANGUAGES,
    TranslatedData,
    Translation,
    UntranslatedError,
    load_translations,
    translation_view,
)
from .yaml_source import Source, read_source


@dataclass(frozen=True)
class DataFile:
    """One file in ``data/``: what it is called and what it holds."""

    file: str  # its name in data/, e.g. "drills.yml"
    model: type[BaseModel]  # the model of the file, or of each entry when it holds a list
    many: bool  # a list of entries (True) or one mapping (False)
    optional: bool = False  # a clinic may leave it out: then the model's defaults apply


# Every data file, by the key it is known by in Content, messages and schemas. The loader,
# the JSON Schemas (content_model/schema.py) and the checks read this one table: to add a
# data file, add its model to models.py and a line here.
DATA_FILES: dict[str, DataFile] = {
    "clinic": DataFile("clinic.yml", Clinic, many=False),
    "root_causes": DataFile("root_causes.yml", RootCause, many=True),
    "drills": DataFile("drills.yml", Drill, many=True),
    "programs": DataFile("programs.yml", Program, many=True),
    "plain_language": DataFile("plain_language.yml", PlainLanguage, many=False, optional=True),
}


class UnknownIdError(LookupError):
    """A page asked for an id the data does not have."""


@dataclass(frozen=True)
class Content:
    """Everything a clinic publishes, validated."""

    clinic: Clinic
    root_causes: tuple[RootCause, ...]
    drills: tuple[Drill, ...]
    programs: tuple[Program, ...]
    data_dir: Path
    shown_dir: str = "data"
    sources: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)
    plain_language: PlainLanguage = field(default_factory=PlainLanguage)
    # The pictures the drills take from files (file: pictures/...), checked, by their path as written.
    picture_files: dict[str, PictureFileInfo] = field(default_factory=dict, repr=False, compare=False)
    # The translations in data/<language>/, checked against the English (content_model/translations.py).
    translations: dict[str, TranslatedData] = field(default_factory=dict, repr=False, compare=False)
    _views: dict[str, Translation] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The codes of the languages with a folder in data/ (e.g. ("es",)), English not included."""
        return tuple(sorted(self.translations))

    def translation(self, language: str) -> Translation:
        """One language's view: its complete entries, merged with the English (never partial).

        A known language without a folder in data/ gives a view with nothing in it and every file
        listed as missing. An unknown code raises LookupError.
        """
        if language not in LANGUAGES:
            raise LookupError(
                f"'{language}' is not a language this site can publish (known: {', '.join(LANGUAGES)})"
            )
        if language not in self._views:
            self._views[language] = translation_view(
                language,
                self.translations.get(language),
                self.clinic,
                self.drills,
                self.root_causes,
                self.programs,
                {key: self.file(key) for key in DATA_FILES},
                f"{self.shown_dir}/{language}",
            )
        return self._views[language]

    def localized(self, language: str) -> Content:
        """The content of one language's site: the same kind of object, holding only the entries
        completely translated (merged with the English), named as data/<language>/ in messages.

        A page of that language's site renders it as it renders the English. Raises
        UntranslatedError when the clinic's own texts are not translated: no page can be made
        without them (its call to action and disclaimer are on every page).
        """
        view = self.translation(language)
        if view.clinic is None:
            clinic_file = view.file("clinic")
            details = "".join(f"\n  {e.plain()}" for e in view.missing if e.file == clinic_file)
            raise UntranslatedError(
                f"the {view.name} site needs the clinic's texts in {clinic_file}, and they are "
                f"not all translated yet: translate them, or remove '{language}' "
                f"from the languages of the i18n plugin in mkdocs.yml{details}"
            )
        sources = dict(view.data.sources) if view.data is not None else {}
        return replace(
            self,
            clinic=view.clinic,
            root_causes=view.root_causes,
            drills=view.drills,
            programs=view.programs,
            shown_dir=f"{self.shown_dir}/{language}",
            sources=sources,
            translations={},
        )

    def drill(self, drill_id: str) -> Drill:
        return _find(self.drills, drill_id, "drill", self.file("drills"))

    def root_cause(self, cause_id: str) -> RootCause:
        return _find(self.root_causes, cause_id, "root cause", self.file("root_causes"))

    def program(self, program_id: str) -> Program:
        return _find(self.programs, program_id, "program", self.file("programs"))

    def program_drills(self, program_id: str) -> list[Drill]:
        return [self.drill(d) for d in self.program(program_id).drills]

    def key_points(self, program: Program | None) -> tuple[str, ...]:
        """The 'Key points' of a program (its own, else the site's default in clinic.yml)."""
        points = (program.key_points if program else None) or self.clinic.key_points or []
        return tuple(points)

    def drill_key_points(self, drill_id: str) -> tuple[str, ...]:
        """A drill page's key points: those of the first program with the drill, else the default."""
        programs = self.programs_with(drill_id)
        return self.key_points(programs[0] if programs else None)

    def programs_with(self, drill_id: str) -> list[Program]:
        return [p for p in self.programs if drill_id in p.drills]

    def easier_than(self, drill_id: str) -> list[Drill]:
        """The drill's easier versions, as its data lists them."""
        return [self.drill(d) for d in self.drill(drill_id).easier]

    def harder_than(self, drill_id: str) -> list[Drill]:
        """The drills that name this one as an easier version (worked out, never written)."""
        return [d for d in self.drills if drill_id in d.easier]

    def causes_helped_by(self, drill_id: str) -> list[RootCause]:
        return [c for c in self.root_causes if drill_id in c.drills]

    def file(self, key: str) -> str:
        """How a data file is named in messages and links, e.g. 'data/drills.yml'."""
        return f"{self.shown_dir}/{DATA_FILES[key].file}"

    def line_of(self, key: str, entry_id: str) -> int:
        """The line where an entry starts in its data file (for edit links)."""
        source = self.sources.get(key)
        return source.entry_line(entry_id) if source is not None else 1


def _find(entries: tuple[Any, ...], wanted: str, kind: str, file: str) -> Any:
    for entry in entries:
        if entry.id == wanted:
            return entry
    known = ", ".join(e.id for e in entries) or "(none)"
    raise UnknownIdError(f"there is no {kind} with id '{wanted}' in {file}. Known ids: {known}")


def load(
    data_dir: str | os.PathLike[str] = "data",
    shown_dir: str | None = None,
    checked_pictures: Path | None = None,
) -> Content:
    """Load and validate all content, from the files as they are now.

    Raises ContentErrors with every problem in every file. Nothing is kept here between
    calls: a build loads once and keeps the result in its own state (macros/state.py).
    ``checked_pictures``: the file that keeps the picture files found good (CheckedPictures).
    """
    data_dir = Path(data_dir)
    checked = CheckedPictures(checked_pictures) if checked_pictures is not None else None
    return _load(data_dir, shown_dir or _shown(data_dir), checked)


def load_project(config_file_path: str | os.PathLike[str]) -> Content:
    """The content of the project whose mkdocs.yml is config_file_path (its data/ folder).

    A build calls it once, when it starts (hooks/content_validation.py); errors name files as
    data/<file>. Content that passed is kept in the project's .cache/ and reused while nothing it
    depends on changes (content_cache.py).
    """
    project = Path(config_file_path).parent
    checked_pictures = project / ".cache" / "picture-checks.json"  # kept like the build's other caches
    # Unchanged since a build whose content passed: that content, from .cache/ (content_cache.py).
    return cached_content(
        project,
        project / "data",
        lambda: load(project / "data", shown_dir="data", checked_pictures=checked_pictures),
    )


def _shown(data_dir: Path) -> str:
    try:
        return data_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return data_dir.as_posix()


def _load(data_dir: Path, shown_dir: str, checked: CheckedPictures | None = None) -> Content:
    # Imported here: content taken from .cache/ (content_cache.py) is never checked for placeholders.
    from .placeholders import placeholder_problems  # noqa: PLC0415

    errors: list[ContentError] = []
    sources: dict[str, Source] = {}
    values: dict[str, Any] = {}
    for key, data_file in DATA_FILES.items():
        name, model, many = data_file.file, data_file.model, data_file.many
        if data_file.optional and not (data_dir / name).exists():
            values[key] = model()
            continue
        source, problems = read_source(data_dir / name, f"{shown_dir}/{name}")
        sources[key] = source
        errors += problems
        if problems:
            continue
        # Placeholders make new-drill wrote are named as such, not also as a wrong type.
        unfinished = [] if data_file.optional else placeholder_problems(source, key)  # settings: none
        errors += unfinished
        try:
            values[key] = _adapter(model, many).validate_python(source.value)
        except ValidationError as error:
            placed = {(e.line, e.column) for e in unfinished}
            found = validation_errors(error, source, key, model)
            errors += [e for e in found if (e.line, e.column) not in placed]
            if many and isinstance(source.value, list):
                # Keep the entries that are valid so cross-file checks still run.
                values[key] = _valid_entries(model, source.value)
    errors += _cross_checks(values, sources)
    picture_files, problems = _picture_files(values.get("drills", []), sources, data_dir.parent, checked)
    errors += problems
    errors += _clinic_checks(values, sources, data_dir)
    translations, translation_errors = load_translations(data_dir, shown_dir, values, sources)
    errors += translation_errors
    if errors:
        raise ContentErrors(errors)
    return Content(
        clinic=values["clinic"],
        root_causes=tuple(values["root_causes"]),
        drills=tuple(values["drills"]),
        programs=tuple(values["programs"]),
        data_dir=data_dir,
        shown_dir=shown_dir,
        sources=sources,
        plain_language=values["plain_language"],
        picture_files=picture_files,
        translations=translations,
    )


def _picture_files(
    drills: list[Any], sources: dict[str, Source], project: Path, checked: CheckedPictures | None = None
) -> tuple[dict[str, PictureFileInfo], list[ContentError]]:
    """Each picture file the drills name, checked once (content_model/picture_files.py), or found
    good by an earlier build (``checked``)."""
    found: dict[str, PictureFileInfo] = {}
    refused: dict[str, str] = {}
    errors: list[ContentError] = []
    for index, drill in enumerate(drills):
        for number, picture in enumerate(getattr(drill, "pictures", ())):
            path = picture.file
            if path is None:
                continue
            if path not in found and path not in refused:
                try:
                    found[path] = check_picture_file(project, path, checked)
                except PictureFileProblem as problem:
                    refused[path] = str(problem)
            if path in refused:
                where = (index, "pictures", number, "file")
                line, column = sources["drills"].where(where)
                shown = field_path("drills", where)
                errors.append(ContentError(sources["drills"].file, line, column, shown, refused[path]))
    if checked is not None:
        checked.save()
    return found, errors


@functools.cache
def _adapter(model: type[BaseModel], many: bool) -> TypeAdapter[Any]:
    """Built once per process: building a validator costs more than using it."""
    return TypeAdapter(list[model] if many else model)  # type: ignore[valid-type]


def _valid_entries(model: type[BaseModel], raw: list[Any]) -> list[Any]:
    kept = []
    for item in raw:
        try:
            kept.append(model.model_validate(item))
        except ValidationError:
            # Keep its id, so references to it are not reported as unknown too.
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                kept.append(_IdOnly(item["id"]))
    return kept


@dataclass(frozen=True)
class _IdOnly:
    """Stands in for an invalid entry during cross-file checks."""

    id: str
    drills: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()


def _cross_checks(values: dict[str, Any], sources: dict[str, Source]) -> list[ContentError]:
    errors: list[ContentError] = []

    def error(key: str, path: tuple[int | str, ...], message: str) -> None:
        line, column = sources[key].where(path)
        errors.append(ContentError(sources[key].file, line, column, field_path(key, path), message))

    ids: dict[str, list[str]] = {}
    for key in ("root_causes", "drills", "programs"):
        seen: dict[str, int] = {}
        for index, entry in enumerate(values.get(key, [])):
            if entry.id in seen:
                first_line = sources[key].where((seen[entry.id],))[0]
                error(
                    key,
                    (index, "id"),
                    f"the id '{entry.id}' is already used by the entry on line {first_line}: "
                    "give each entry its own id",
                )
            else:
                seen[entry.id] = index
        ids[key] = list(seen)

    drill_ids = ids.get("drills", [])
    known = ", ".join(drill_ids) or "(none)"
    drills_file = sources["drills"].file

    def check_refs(key: str, list_field: str, allow_repeats: bool) -> None:
        for index, entry in enumerate(values.get(key, [])):
            seen_here: set[str] = set()
            for position, ref in enumerate(getattr(entry, list_field)):
                path = (index, list_field, position)
                if ref not in drill_ids:
                    error(key, path, f"'{ref}' is not a drill in {drills_file}. Known drills: {known}")
                elif ref in seen_here and not allow_repeats:
                    error(key, path, f"'{ref}' is listed twice: delete one of them")
                elif key == "drills" and ref == entry.id:
                    error(key, path, SELF_REFERENCE[list_field].format(ref=ref))
                seen_here.add(ref)

    if "drills" in values:
        check_refs("root_causes", "drills", allow_repeats=False)
        check_refs("drills", "requires", allow_repeats=False)
        check_refs("drills", "easier", allow_repeats=False)
        check_refs("programs", "drills", allow_repeats=False)
        for list_field in LOOPS:
            _report_cycles(values["drills"], error, list_field)
        _check_easier_levels(values["drills"], error)
    return errors


# What is said when a drill names itself, and when drills name each other in a loop.
SELF_REFERENCE = {
    "requires": "a drill cannot require itself: delete '{ref}' from requires",
    "easier": "a drill cannot be its own easier version: delete '{ref}' from easier",
}
LOOPS = {
    "requires": "these drills require each other in a loop ({loop}), so none could ever be done first: "
    "remove one of these requirements",
    "easier": "these drills are each other's easier versions in a loop ({loop}), so none is the easiest: "
    "remove one of these easier versions",
}
LEVELS = ("beginner", "intermediate", "advanced")


def _check_easier_levels(drills: list[Any], error: Any) -> None:
    """An easier version is not at a higher level than the drill it makes easier."""
    level_of = {d.id: d.level for d in drills if hasattr(d, "level")}
    for index, drill in enumerate(drills):
        for position, easier_id in enumerate(drill.easier):
            easier_level, level = level_of.get(easier_id), level_of.get(drill.id)
            if easier_level is None or level is None or easier_id == drill.id:
                continue
            if LEVELS.index(easier_level) > LEVELS.index(level):
                error(
                    "drills",
                    (index, "easier", position),
                    f"'{easier_id}' is {easier_level}, above this drill's level ({level}), so it cannot "
                    "be its easier version: choose a drill at the same level or lower, or move "
                    f"'{easier_id}' to the drill's 'easier' list the other way round",
                )


def _clinic_checks(values: dict[str, Any], sources: dict[str, Source], data_dir: Path) -> list[ContentError]:
    """The clinic's facts that need another field or another file: the emergency number for the
    clinic's country, and the logo file (content_model/identity.py)."""
    clinic = values.get("clinic")
    if not isinstance(clinic, Clinic):
        return []
    source = sources["clinic"]
    errors = []

    def error(path: tuple[int | str, ...], message: str) -> None:
        line, column = source.where(path)
        errors.append(ContentError(source.file, line, column, field_path("clinic", path), message))

    if clinic.urgent_care is not None:
        problem = emergency_number_problem(clinic.urgent_care.emergency_number, clinic.country)
        if problem:
            error(("urgent_care", "emergency_number"), problem)
    if clinic.logo is not None:
        problem = logo_problem(data_dir, clinic.logo)
        if problem:
            error(("logo",), problem)
    return errors


def _report_cycles(drills: list[Any], error: Any, list_field: str) -> None:
    """Report each loop in a list of drill ids (requires, easier) once, at the entry that closes it."""
    index_of = {d.id: i for i, d in enumerate(drills)}
    requires = {d.id: list(getattr(d, list_field)) for d in drills}
    state: dict[str, str] = {}
    reported: set[frozenset[str]] = set()

    def visit(drill_id: str, trail: list[str]) -> None:
        state[drill_id] = "active"
        for position, needed in enumerate(requires.get(drill_id, [])):
            if needed not in requires or needed == drill_id:
                continue
            if state.get(needed) == "active":
                loop = [drill_id, needed]
                if needed in trail:
                    loop = trail[trail.index(needed) :] + loop
                loop = _dedupe_adjacent(loop)
                if frozenset(loop) not in reported:
                    reported.add(frozenset(loop))
                    error(
                        "drills",
                        (index_of[drill_id], list_field, position),
                        LOOPS[list_field].format(loop=" -> ".join(loop)),
                    )
            elif needed not in state:
                visit(needed, trail + [drill_id])
        state[drill_id] = "done"

    for drill in drills:
        if drill.id not in state:
            visit(drill.id, [])


def _dedupe_adjacent(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if not out or out[-1] != item:
            out.append(item)
    return out
