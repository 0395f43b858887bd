"""Invisible and control characters that must never reach a page: which, and where.

Clinic text is shown to patients and reviewed by people reading a diff. Some
code points are invisible there yet change what a reader sees or what a
program does: control characters, the bidirectional controls that reorder text
("Trojan Source"), zero-width spaces that split a word so search and checks
miss it, and tag characters that hide text. They are refused everywhere.

Emoji keep working: the zero-width joiner (U+200D) may join two emoji (as in
the health worker emoji), variation selectors (U+FE0E, U+FE0F) may follow a
symbol or a keycap digit, and tag characters may form a subdivision flag.
A joiner may also follow a combining mark, as several Indic scripts write it.
Everything else in this list is refused wherever it stands.

Two callers share :func:`refused_characters`: the YAML reader scans each data
file's whole text (so it can name line and column, comments and keys too), and
the content model scans every text value (which also catches characters written
as escapes like "\\u202e" inside double quotes, and values built in code).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Code points refused in any context. \t and \n are allowed (YAML uses them;
# patient text collapses them to spaces). \r is allowed in a file as part of its
# line endings, never inside a value: the reader passes allow_line_endings=True.
_ALWAYS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 control characters
    "\x7f-\x9f"  # DEL and the C1 control characters (U+0085 NEXT LINE among them)
    "\u061c"  # ARABIC LETTER MARK
    "\u200b"  # ZERO WIDTH SPACE
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u2028\u2029"  # LINE SEPARATOR, PARAGRAPH SEPARATOR
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # WORD JOINER and invisible math operators
    "\u2066-\u2069"  # bidi isolates
    "\u206a-\u206f"  # deprecated invisible format characters
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (byte order mark)
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\ufffe\uffff"  # noncharacters
    "\ud800-\udfff"  # lone surrogate halves (only reachable through escapes)
)
# Allowed only inside emoji (or, for the joiner, after a combining mark).
_IN_CONTEXT = "\u200d\ufe0e\ufe0f\U000e0000-\U000e007f"
# Compiled when first used (re keeps them): content taken from .cache/ is not read again.
_SUSPECT = f"[{_ALWAYS}{_IN_CONTEXT}\r]"
_SUSPECT_IN_FILE = f"[{_ALWAYS}{_IN_CONTEXT}]"
_TAG_FLAG = "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # e.g. the flag of Scotland
_KEYCAP_BASES = frozenset("0123456789#*")

# For the code points Unicode gives no name (the control characters).
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION",
    "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def describe_code_point(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'; control characters get a name too."""
    code = f"U+{ord(char):04X}"
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        name = "a control character" if unicodedata.category(char) == "Cc" else "an invisible character"
        return f"{code} ({name})"
    return f"{code} {name}"


def _is_emoji_like(char: str) -> bool:
    """A symbol that can be (part of) an emoji: So, Sm, Sk (skin tones) or Sc."""
    return unicodedata.category(char).startswith("S")


def _allowed_here(text: str, index: int, flag_spans: list[tuple[int, int]]) -> bool:
    char = text[index]
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == "\u200d":  # ZERO WIDTH JOINER: between two emoji, or after a combining mark
        joins_emoji = (
            (before == "\ufe0f" or (before and _is_emoji_like(before)))
            and bool(after)
            and _is_emoji_like(after)
        )
        return joins_emoji or (bool(before) and unicodedata.category(before) == "Mn")
    if char in "\ufe0e\ufe0f":  # variation selectors: text or emoji style of the symbol before
        return bool(before) and (_is_emoji_like(before) or before in _KEYCAP_BASES)
    if "\U000e0000" <= char <= "\U000e007f":  # tag characters: only within a subdivision flag
        return any(start <= index < end for start, end in flag_spans)
    return False


def refused_characters(text: str, allow_line_endings: bool = False) -> Iterator[tuple[int, str]]:
    """(index, character) of each refused code point in text, in order."""
    pattern = _SUSPECT_IN_FILE if allow_line_endings else _SUSPECT
    flag_spans: list[tuple[int, int]] | None = None
    for match in re.finditer(pattern, text):
        index, char = match.start(), match.group()
        if char in _IN_CONTEXT_SET:
            if flag_spans is None:
                flag_spans = [m.span() for m in re.finditer(_TAG_FLAG, text)]
            if _allowed_here(text, index, flag_spans):
                continue
        yield index, char


_IN_CONTEXT_SET = frozenset(chr(c) for c in (0x200D, 0xFE0E, 0xFE0F)) | frozenset(
    chr(c) for c in range(0xE0000, 0xE0080)
)

WHY = (
    "it is invisible or a control character, and can hide or reorder what patients read: "
    "delete it (if you cannot see it, delete and retype the characters around that spot)"
)


def text_problem(text: str) -> str | None:
    """A message for the first refused character in a text value, or None."""
    for index, char in refused_characters(text):
        return f"contains {describe_code_point(char)} as character {index + 1} of the text: {WHY}"
    return None
