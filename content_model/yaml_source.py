"""Read one YAML data file and remember where every value was written.

ruamel.yaml composes the file into nodes that carry their line and column
(with its C extension when installed, about ten times faster than the
round-trip loader). We turn the nodes into plain Python values (for pydantic)
plus a map from each field path to its position (for error messages), and
refuse duplicate keys ourselves, naming both lines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ContentError

Path_ = tuple[int | str, ...]


@dataclass
class Source:
    """One data file: its plain value and where each part of it was written."""

    file: str  # as shown to editors, e.g. "data/drills.yml"
    value: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its nearest written parent."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, column: int, first_line: int) -> None:
        super().__init__(key)
        self.key, self.line, self.column, self.first_line = key, line, column, first_line


def read_source(path: Path, shown_as: str) -> tuple[Source, list[ContentError]]:
    """Load a data file. Returns the source and any problems with the file itself."""
    source = Source(file=shown_as)

    def problem(line: int, column: int, message: str) -> tuple[Source, list[ContentError]]:
        return source, [ContentError(shown_as, line, column, "", message)]

    if not path.is_file():
        return problem(1, 1, f"file is missing: create {shown_as} (see CONTRIBUTING.md for what it holds)")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return problem(
            line,
            column,
            "file is not saved as UTF-8 text: save it again with UTF-8 encoding "
            "(in most editors: File, Save with encoding, UTF-8)",
        )
    yaml = YAML(typ="safe")
    try:
        document = yaml.compose(text)
        if document is None:
            return problem(1, 1, "file is empty: it must hold the content described in CONTRIBUTING.md")
        source.value = _plain(document, (), source.positions, yaml)
    except _DuplicateKey as duplicate:
        return problem(
            duplicate.line,
            duplicate.column,
            f"the key '{duplicate.key}' appears twice in the same entry (first on line "
            f"{duplicate.first_line}): keep one and delete the other",
        )
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (error.problem or error.context or "the file cannot be read").strip()
        return problem(
            line,
            column,
            f"YAML syntax error: {what}. Check the indentation and that every "
            "'key: value' line and '- ' list item lines up with its neighbours",
        )
    source.positions.setdefault((), (1, 1))
    return source, []


def _at(node: Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _plain(node: Node, path: Path_, positions: dict[Path_, tuple[int, int]], yaml: YAML) -> Any:
    """Convert a composed node to plain Python, recording positions."""
    if path == ():
        positions[()] = _at(node)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(_plain(key_node, path + ("<key>",), {}, yaml))
            if key in first_seen:
                raise _DuplicateKey(key, *_at(key_node), first_seen[key])
            first_seen[key] = _at(key_node)[0]
            positions[path + (key,)] = _at(key_node)
            result[key] = _plain(value_node, path + (key,), positions, yaml)
        return result
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            positions[path + (index,)] = _at(item)
            items.append(_plain(item, path + (index,), positions, yaml))
        return items
    assert isinstance(node, ScalarNode)
    value = yaml.constructor.construct_object(node, deep=True)
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, value.day)
    return value
