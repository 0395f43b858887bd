"""Turn html.parser's (line, column) positions into offsets in the page text.

Shared by the hooks that insert markup at a place a parser found. Not a hook
itself (mkdocs.yml does not list it); hooks import it from this folder.
"""

from __future__ import annotations

from itertools import accumulate


def line_starts(text: str) -> list[int]:
    """Offset of the first character of each line; html.parser counts lines by "\\n" only."""
    return [0, *accumulate(len(line) + 1 for line in text.split("\n")[:-1])]
