"""Say what most likely caused a YAML syntax error, in words a clinic editor can act on.

The parser reports where it gave up, which is often not where the mistake is,
and in its own terms ("mapping values are not allowed in this context"). We
look at the line it names and at where the problem began, and name the usual
causes: curly quotes typed as quotes, a colon followed by a space inside
unquoted text, a quote or bracket that is never closed, a tab used to indent.
Only when none of these fits do we suggest checking the indentation.
No position is ever past the end of the file.
"""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

_INDENTATION = (
    "Check the indentation and that every 'key: value' line and '- ' list item lines up with its neighbours"
)
_CURLY = "“”‘’„‚«»"
# A value (after "key: " or "- ") that starts with a curly quote.
_CURLY_VALUE = re.compile(rf"^\s*(?:-\s+)*(?:[^\s:#][^:#]*:\s+)?[{_CURLY}]")
# "key: text" and the text: the key is the part before the first colon followed by a space.
_KEY_AND_TEXT = re.compile(r"^\s*(?:-\s+)*(?P<key>[^\s:#\"'][^:#]*?):\s+(?P<text>\S.*)$")


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def _clamp(text: str, line: int, column: int) -> tuple[int, int]:
    """A 1-based position inside the file: the parser reports the end of the stream past the last line."""
    lines = _lines(text)
    if line > len(lines):
        line = len(lines)
        while line > 1 and not lines[line - 1].strip():
            line -= 1
        column = len(lines[line - 1]) + 1
    return max(line, 1), max(column, 1)


def _opening_quote(text: str, line: int, column: int, quote: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the quote that the ``quote`` at ``line``, 0-based ``column``,
    closes: the one before it, as no unescaped quote of its kind can stand inside a quoted text (a
    doubled '' in single quotes, a \\" in double quotes are skipped). None if there is none."""
    lines = text.splitlines(keepends=True)
    offset = sum(len(before) for before in lines[: line - 1]) + column
    escaped = r"(?<!\\)\"" if quote == '"' else r"(?<!')'(?!')"
    found = [match.start() for match in re.finditer(escaped, text[:offset])]
    if not found:
        return None
    start = text.rfind("\n", 0, found[-1]) + 1
    return text.count("\n", 0, found[-1]) + 1, found[-1] - start + 1


def syntax_error_message(error: MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, message) for a YAML syntax error."""
    problem, context = error.problem_mark, error.context_mark
    what = (error.problem or error.context or "the file cannot be read").strip()
    line, column = (problem.line + 1, problem.column + 1) if problem else (1, 1)
    lines = _lines(text)

    if context is not None and "quoted scalar" in (error.context or ""):
        opened_line, opened_column = context.line + 1, context.column + 1
        quote = lines[context.line][context.column] if context.line < len(lines) else '"'
        return (
            opened_line,
            opened_column,
            f"YAML syntax error: the quote ({quote}) that opens on line {opened_line} is never closed. "
            f"End the text with the same kind of quote ({quote}) it starts with, on line {opened_line} "
            f'or where the text ends; inside a text in double quotes, write a double quote as \\"',
        )
    if context is not None and "flow" in (error.context or ""):
        bracket = lines[context.line][context.column] if context.line < len(lines) else "["
        closing = {"[": "]", "{": "}"}.get(bracket, "]")
        opened_line = context.line + 1
        return (
            opened_line,
            context.column + 1,
            f"YAML syntax error: the '{bracket}' on line {opened_line} is not closed with '{closing}'. "
            f"Add '{closing}' after the last item on the same line, or write each item on its own "
            "'- ' line with the same indentation",
        )
    line, column = _clamp(text, line, column)
    here = lines[line - 1] if line - 1 < len(lines) else ""
    if "tab" in what:
        return (
            line,
            column,
            (
                f"YAML syntax error: line {line} is indented with a tab. Indent with spaces only "
                "(most editors can be set to type spaces for the Tab key)"
            ),
        )
    if _CURLY_VALUE.match(here):
        return (
            line,
            column,
            (
                "YAML syntax error: this line starts a text with a curly quote (“ or ‘), "
                "which YAML reads as an "
                'ordinary letter. Write straight quotes instead: "like this". Curly quotes are fine inside '
                "a text that starts with a straight quote"
            ),
        )
    if "mapping values are not allowed" in what:
        found = _KEY_AND_TEXT.match(here)
        # The colon the parser stopped at comes after "key: " on the same line: it is inside the text.
        if found and column - 1 > found.start("text"):
            key, shown = found.group("key").strip(), found.group("text").strip()
            example = shown.replace('"', '\\"')
            return (
                line,
                column,
                (
                    f"YAML syntax error: the text after '{key}:' holds a colon followed by a space, "
                    "which YAML "
                    f"reads as the start of another key. Put the whole text in double quotes: "
                    f'{key}: "{example if len(example) <= 60 else example[:57] + "..."}"'
                ),
            )
    closed = re.search(r"([\"'])\s*$", here[: column - 1]) if "did not find expected key" in what else None
    opened = _opening_quote(text, line, closed.start(1), closed.group(1)) if closed else None
    if closed and opened is not None and opened[0] < line:
        quote, opened_line = closed.group(1), opened[0]
        return (
            opened_line,
            opened[1],
            (
                f"YAML syntax error: the quote ({quote}) that opens on line {opened_line} is not closed on "
                f"that line, so everything up to the next {quote} on line {line} was read as one text. "
                f"End the text on line {opened_line} with the same kind of quote ({quote}) it starts "
                "with, or remove the quote that starts it"
            ),
        )
    if closed and re.search(r"[\"']\s+$", here[: column - 1]):
        return (
            line,
            column,
            (
                "YAML syntax error: the text goes on after its closing quote. Put the whole text inside the "
                "quotes, or remove them"
            ),
        )
    return line, column, f"YAML syntax error: {what}. {_INDENTATION}"
