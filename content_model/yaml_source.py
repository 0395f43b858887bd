"""Read one YAML data file and remember where every value was written.

ruamel.yaml's round-trip loader keeps the line and column of each key and list
item, refuses duplicate keys, and reports syntax errors with a position. We
turn its nodes into plain Python values (for pydantic) plus a map from each
field path to its position (for error messages).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

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
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        document = yaml.load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = _duplicate_key_name(error)
        first = error.context_mark.line + 1 if error.context_mark else None
        where = f" (this entry starts on line {first})" if first else ""
        return problem(
            mark.line + 1,
            mark.column + 1,
            f"the key {key} appears twice in the same entry{where}: keep one and delete the other",
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
    if document is None:
        return problem(1, 1, "file is empty: it must hold the content described in CONTRIBUTING.md")
    source.value = _plain(document, (), source.positions)
    source.positions.setdefault((), (1, 1))
    return source, []


def _duplicate_key_name(error: DuplicateKeyError) -> str:
    # ruamel says: found duplicate key "title" with value "y" (original value: "x")
    problem = error.problem or ""
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return f"'{problem[start + 1:end]}'" if 0 <= start < end else "shown here"


def _plain(node: Any, path: Path_, positions: dict[Path_, tuple[int, int]]) -> Any:
    """Convert ruamel's round-trip node to plain Python, recording positions."""
    if isinstance(node, CommentedMap):
        if path == ():
            positions[()] = (node.lc.line + 1, node.lc.col + 1)
        result = {}
        for key, value in node.items():
            line, col = node.lc.key(key)
            positions[path + (str(key),)] = (line + 1, col + 1)
            result[str(key)] = _plain(value, path + (str(key),), positions)
        return result
    if isinstance(node, CommentedSeq):
        if path == ():
            positions[()] = (node.lc.line + 1, node.lc.col + 1)
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            positions[path + (index,)] = (line + 1, col + 1)
            items.append(_plain(value, path + (index,), positions))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return node
    if isinstance(node, datetime.date):
        return datetime.date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    return node
