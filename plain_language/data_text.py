"""The patient-facing texts of the data files, each with the lines its words are on.

Which fields a patient reads: each drill's summary, starting position, steps,
tips and cautions; each root cause's summary; each program's summary; and the
clinic's call to action. Names and titles are labels, not prose; the
disclaimer is a legal text the clinic sets on purpose.
"""

from __future__ import annotations

from pathlib import Path

from content_model.loader import DATA_FILES, Content
from content_model.messages import field_path
from content_model.yaml_source import Path_, Source

from .located_text import Group, ListOfItems, Piece, SourceWords, collapse, words

# Field name: (kind of each text, is it a list?)
DRILL_FIELDS = {
    "summary": ("summary", False),
    "position": ("position", False),
    "steps": ("step", True),
    "tips": ("tip", True),
    "cautions": ("caution", True),
}


class DataFileWords:
    """One data file's source words, read once: places each text of the file at its line."""

    def __init__(self, key: str, shown: str, source: Source, path: Path) -> None:
        self.key = key
        self.shown = shown
        self.source = source
        self.words = SourceWords.of(path.read_text(encoding="utf-8"))

    @classmethod
    def english(cls, content: Content, key: str) -> DataFileWords:
        path = Path(content.data_dir) / DATA_FILES[key].file
        return cls(key, content.file(key), content.sources[key], path)

    def piece(self, path: Path_, text: str, kind: str) -> Piece:
        text = collapse(text)
        where = self.source.where(path)
        found = words(text)
        positions, _next = self.words.align([w for w, _s, _e in found], self.words.index_at(where), where)
        return Piece(
            text=text,
            kind=kind,
            field=field_path(self.key, path),
            spans=tuple((s, e) for _w, s, e in found),
            positions=tuple(positions),
            fallback=where,
        )

    def group(self, path: Path_, label: str, kind: str, value: str | list[str]) -> Group:
        where = self.source.where(path)
        if isinstance(value, list):
            pieces = tuple(self.piece(path + (i,), text, kind) for i, text in enumerate(value))
            lists = (ListOfItems(where, field_path(self.key, path), len(value)),)
        else:
            pieces, lists = (self.piece(path, value, kind),), ()
        return Group(self.shown, where, field_path(self.key, path), label, "field", pieces, lists)


def data_groups(content: Content) -> list[Group]:
    """Every patient-facing data field, as a group to measure."""
    groups: list[Group] = []
    drills = DataFileWords.english(content, "drills")
    for index, drill in enumerate(content.drills):
        for name, (kind, is_list) in DRILL_FIELDS.items():
            value = getattr(drill, name)
            if value:
                text = list(value) if is_list else value
                groups.append(drills.group((index, name), f"{drill.name}: {name}", kind, text))
    causes = DataFileWords.english(content, "root_causes")
    for index, cause in enumerate(content.root_causes):
        groups.append(causes.group((index, "summary"), f"{cause.title}: summary", "summary", cause.summary))
    programs = DataFileWords.english(content, "programs")
    for index, program in enumerate(content.programs):
        label = f"{program.title}: summary"
        groups.append(programs.group((index, "summary"), label, "summary", program.summary))
        if program.key_points:
            label = f"{program.title}: key points"
            groups.append(programs.group((index, "key_points"), label, "tip", list(program.key_points)))
    clinic = DataFileWords.english(content, "clinic")
    cta = content.clinic.call_to_action
    path = ("call_to_action", "text")
    groups.append(clinic.group(path, "Call to action: text", "call to action", cta.text))
    if content.clinic.key_points:
        groups.append(clinic.group(("key_points",), "Key points", "tip", list(content.clinic.key_points)))
    if content.clinic.urgent_care:
        signs = list(content.clinic.urgent_care.signs)
        groups.append(clinic.group(("urgent_care", "signs"), "Urgent care: signs", "tip", signs))
    return groups
