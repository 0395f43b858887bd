"""Patient-facing text that remembers where each word was written.

A :class:`Piece` is one text a patient reads: one step, one summary, one
paragraph or list item of a page. Each of its words knows its line and column
in the file an editor changes, so a finding points at the right line even in
the middle of a long paragraph. Words are placed by lining up the words of the
text, in order, with the words of the source file (:func:`align`): Markdown
syntax, link addresses and YAML quoting are simply skipped over.

A :class:`Group` is what is measured as one: a data field (a drill's summary,
all the steps of a drill) or all the prose of one Markdown page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A word, for lining up text with its source: letters and digits, nothing else.
_TOKEN = re.compile(r"[^\W_]+")

Position = tuple[int, int]  # (line, column), both 1-based


@dataclass(frozen=True)
class Piece:
    """One patient-facing text and where each of its words was written."""

    text: str  # whitespace collapsed, as a patient reads it
    kind: str  # "summary", "step", "tip", "caution", "paragraph", "list item", "heading", ...
    field: str  # where in the data it lives, e.g. "drills[2].steps[0]"; "" for page prose
    spans: tuple[tuple[int, int], ...] = ()  # each word's start and end in text
    positions: tuple[Position, ...] = ()  # each word's line and column in the file
    graded: bool = True  # headings are labels: checked for words, not graded as prose
    fallback: Position = (1, 1)

    def position_at(self, offset: int) -> Position:
        """Line and column of the word at or after ``offset`` in the text."""
        for (_start, end), position in zip(self.spans, self.positions, strict=False):
            if end > offset:
                return position
        return self.positions[-1] if self.positions else self.fallback

    @property
    def position(self) -> Position:
        return self.position_at(0)


@dataclass(frozen=True)
class ListOfItems:
    """A list a patient reads: the steps of a drill, or a bulleted list on a page."""

    position: Position
    field: str
    items: int


@dataclass(frozen=True)
class Group:
    """Texts measured together: one data field, or the prose of one page."""

    file: str  # as shown to editors, e.g. "data/drills.yml" or "docs/index.md"
    position: Position
    field: str  # "drills[2].steps", or "" for a page
    label: str  # how the table names it, e.g. "Spiderman: steps"
    kind: str  # "field" or "page"
    pieces: tuple[Piece, ...]
    lists: tuple[ListOfItems, ...] = field(default=())

    @property
    def graded_pieces(self) -> tuple[Piece, ...]:
        return tuple(p for p in self.pieces if p.graded and p.text)


def words(text: str) -> list[tuple[str, int, int]]:
    """Each word of a text, lowercased, with its start and end."""
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass
class SourceWords:
    """The words of one source file, in order, with their positions."""

    words: list[str]
    positions: list[Position]

    @classmethod
    def of(cls, text: str, first_line: int = 1) -> SourceWords:
        found: list[str] = []
        positions: list[Position] = []
        for number, line in enumerate(text.split("\n"), start=first_line):
            for word, start, _end in words(line):
                found.append(word)
                positions.append((number, start + 1))
        return cls(found, positions)

    def index_at(self, position: Position) -> int:
        """The first word at or after a position."""
        for index, here in enumerate(self.positions):
            if here >= position:
                return index
        return len(self.positions)

    def align(self, text_words: list[str], start: int, fallback: Position) -> tuple[list[Position], int]:
        """Place each word of a text at its occurrence in the source, in order.

        Each word goes to its first occurrence at or after the previous word's,
        so words the text does not have (Markdown syntax, link addresses,
        quotes) are skipped. A word the source does not have keeps the
        position of the word before it. Returns the positions and where the
        next text starts.
        """
        placed: list[Position] = []
        cursor = start
        last = fallback
        for word in text_words:
            try:
                found = self.words.index(word, cursor)
            except ValueError:
                placed.append(last)
                continue
            last = self.positions[found]
            placed.append(last)
            cursor = found + 1
        return placed, cursor


def collapse(text: str) -> str:
    return " ".join(text.split())
