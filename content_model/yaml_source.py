"""Read one YAML data file and remember where every value was written.

ruamel.yaml's parser (its C extension when installed) turns the file into a
stream of events that carry their line and column. We build plain Python
values from that stream ourselves, in one pass and without recursion (for
pydantic), plus a map from each field path to its position (for error
messages). On the way we refuse, with file:line:col and before anything is
expanded, what clinic data never needs and hostile files use:

* anchors (&name), aliases (*name) and merge keys (<<): an alias can repeat a
  part of the file a billion times ("alias bomb") or point at itself;
* explicit tags (!!binary, !!python/...), and a second document (---);
* nesting deeper than MAX_DEPTH, and files larger than MAX_FILE_BYTES;
* invisible and control characters (content_model/code_points.py);
* duplicate keys, naming both lines.

Syntax errors get a hint that names the likely cause (content_model/yaml_hints.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)
from ruamel.yaml.nodes import ScalarNode

from .code_points import WHY, describe_code_point, refused_characters
from .errors import ContentError

Path_ = tuple[int | str, ...]

# Real data is far below both: a drill entry nests 3 levels deep, and `make bench`
# with 600 drills writes a drills.yml of about 534 KB.
MAX_DEPTH = 20
MAX_FILE_BYTES = 5 * 1024 * 1024
# A file full of invisible characters is reported by its first few, not by thousands of lines.
MAX_CHARACTER_PROBLEMS = 10


@dataclass
class Source:
    """One data file: its plain value and where each part of it was written."""

    file: str  # as shown to editors, e.g. "data/drills.yml"
    value: Any = None
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def entry_line(self, entry_id: str) -> int:
        """The line where the list entry with this id starts (for edit links); 1 if there is none."""
        if isinstance(self.value, list):
            for index, entry in enumerate(self.value):
                if isinstance(entry, dict) and entry.get("id") == entry_id:
                    return self.where((index,))[0]
        return 1

    def where(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of a path, or of its nearest written parent."""
        for cut in range(len(path), -1, -1):
            if path[:cut] in self.positions:
                return self.positions[path[:cut]]
        return (1, 1)


class _Refused(Exception):
    """Something in the file that we refuse, at a line and column."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_source(path: Path, shown_as: str) -> tuple[Source, list[ContentError]]:
    """Load a data file. Returns the source and any problems with the file itself."""
    source = Source(file=shown_as)

    def problem(line: int, column: int, message: str) -> tuple[Source, list[ContentError]]:
        return source, [ContentError(shown_as, line, column, "", message)]

    if not path.is_file():
        return problem(1, 1, f"file is missing: create {shown_as} (see CONTRIBUTING.md for what it holds)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return problem(
            1,
            1,
            f"file is {size / 1024 / 1024:.1f} MB, more than the {MAX_FILE_BYTES // 1024 // 1024} MB a data "
            f"file may hold (a clinic's data is usually well under 1 MB): check that {shown_as} holds "
            "only the text described in CONTRIBUTING.md; pictures and videos are linked by their address, "
            "never pasted in",
        )
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
    text = text.removeprefix("\ufeff")  # a byte order mark, as some editors save UTF-8
    characters = _character_problems(text, shown_as)
    if characters:
        return source, characters
    try:
        found = _build(text, source.positions)
    except _Refused as refused:
        return problem(refused.line, refused.column, refused.message)
    except MarkedYAMLError as error:
        from .yaml_hints import syntax_error_message  # noqa: PLC0415  (only for a file that does not parse)

        line, column, message = syntax_error_message(error, text)
        return problem(line, column, message)
    except YAMLError as error:  # not expected after the character scan; never a traceback
        return problem(1, 1, f"YAML error: {str(error).splitlines()[0]}. Check the file's text")
    if found is _EMPTY:
        return problem(1, 1, "file is empty: it must hold the content described in CONTRIBUTING.md")
    source.value = found
    source.positions.setdefault((), (1, 1))
    return source, []


def _character_problems(text: str, shown_as: str) -> list[ContentError]:
    problems = []
    for index, char in refused_characters(text, allow_line_endings=True):
        if len(problems) == MAX_CHARACTER_PROBLEMS:
            problems.append(
                ContentError(
                    shown_as,
                    problems[-1].line,
                    problems[-1].column,
                    "",
                    "more characters like these follow: delete them all",
                )
            )
            break
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(
            ContentError(
                shown_as, line, column, "", f"contains {describe_code_point(char)} at column {column}: {WHY}"
            )
        )
    return problems


_EMPTY = object()
_NO_ANCHORS = (
    "clinic data never needs anchors (&), aliases (*) or merge keys (<<): "
    "write the value out in full where it is needed"
)


@dataclass
class _Open:
    """A list or mapping being read, and where it is in the file."""

    value: list[Any] | dict[str, Any]
    path: Path_
    key: str | None = None  # in a mapping: the key whose value comes next
    first_seen: dict[str, int] = field(default_factory=dict)


def _at(event: Any) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _build(text: str, positions: dict[Path_, tuple[int, int]]) -> Any:
    """Plain Python from the event stream, iteratively, refusing what clinic data never needs."""
    yaml = YAML(typ="safe")
    stack: list[_Open] = []
    root: Any = _EMPTY
    documents = 0
    for event in yaml.parse(text):
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(
                    *_at(event),
                    "a second document starts here (a line '---'): a data file holds one document; "
                    "delete the '---' line and join the content, or move it to the right file",
                )
            continue
        if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
            stack.pop()
            continue
        if not isinstance(event, (ScalarEvent, CollectionStartEvent, AliasEvent)):
            continue  # stream and document boundaries
        if isinstance(event, AliasEvent):
            raise _Refused(*_at(event), f"'*{event.anchor}' is an alias: {_NO_ANCHORS}")
        if event.anchor is not None:
            raise _Refused(*_at(event), f"'&{event.anchor}' is an anchor: {_NO_ANCHORS}")
        if event.tag is not None:
            raise _Refused(
                *_at(event),
                f"'{event.tag.replace('tag:yaml.org,2002:', '!!')}' is a YAML tag, which clinic data never "
                "needs: delete it and write the "
                "value plainly (put text in double quotes if it could be read as a number or date)",
            )
        top = stack[-1] if stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            if not isinstance(event, ScalarEvent):
                raise _Refused(*_at(event), "a key must be a word, like 'name:', not a list or group")
            if event.value == "<<" and event.implicit[0]:
                raise _Refused(*_at(event), f"'<<' is a merge key: {_NO_ANCHORS}")
            key = str(_scalar(yaml, event))
            line = _at(event)[0]
            if key in top.first_seen:
                raise _Refused(
                    *_at(event),
                    f"the key '{key}' appears twice in the same entry (first on line "
                    f"{top.first_seen[key]}): keep one and delete the other",
                )
            top.first_seen[key] = line
            positions[top.path + (key,)] = _at(event)
            top.key = key
            continue
        value: Any
        if isinstance(event, ScalarEvent):
            value = _scalar(yaml, event)
        else:
            value = {} if isinstance(event, MappingStartEvent) else []
        if top is None:
            path: Path_ = ()
            positions[()] = _at(event)
            root = value
        elif isinstance(top.value, list):
            path = top.path + (len(top.value),)
            positions[path] = _at(event)
            top.value.append(value)
        else:
            assert top.key is not None
            path = top.path + (top.key,)
            top.value[top.key] = value
            top.key = None
        if isinstance(event, CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(
                    *_at(event),
                    f"lists and groups are nested more than {MAX_DEPTH} levels deep here (clinic data needs "
                    "at most 4 or 5): check the indentation and the '[' '{' brackets on the lines above",
                )
            stack.append(_Open(value, path))
    return root


def _scalar(yaml: YAML, event: ScalarEvent) -> Any:
    """The value of one scalar, typed as YAML reads it (text, number, true/false, date...)."""
    tag = yaml.resolver.resolve(ScalarNode, event.value, event.implicit)
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        value = yaml.constructor.construct_object(node, deep=True)
    except (ValueError, OverflowError, YAMLError) as error:
        # e.g. a date like 2026-13-45, or a number thousands of digits long
        raise _Refused(
            *_at(event),
            f"'{_shorten(event.value)}' cannot be read ({_shorten(str(error).splitlines()[0], 60)}): "
            "write a real date as YYYY-MM-DD or a number of normal size; if it is text, put it in double "
            "quotes",
        ) from None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.date(value.year, value.month, value.day)
    return value


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
