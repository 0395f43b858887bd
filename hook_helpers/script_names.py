"""Our scripts served with their local names shortened, as well as without comments and spaces.

hooks/minify_assets.py serves our scripts minified. Taking out comments and spaces (rjsmin) left
the handout builder's script at 10 KB gzipped: its long, descriptive local names are kept for the
people who read the source, and a phone need not download them. calmjs.parse reads each script
as JavaScript (ES5, the language our scripts are written in) and writes it again with each
function's local names shortened; names other scripts or the page reach (globals, properties,
strings) are kept as written.

Reading a script that way takes most of a second for the builder's, so each result is kept in
``.cache/minified-scripts/``, named by a hash of the script's text and the library's version: a
build whose scripts did not change reads them from there. A script that is not ES5 stops the
build with its file, line and column, and what to do.
"""

from __future__ import annotations

import hashlib
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import Abort

from hook_helpers.cache_files import write_atomically

# calmjs.parse's message ends with where the parser stopped: "Unexpected ')' at 1:10 between ...".
_WHERE = re.compile(r"\bat (\d+):(\d+)")


class ScriptNames:
    """Scripts minified with short local names, kept in a cache folder between builds."""

    def __init__(self, cache: Path) -> None:
        self.cache = cache
        self.used: set[Path] = set()

    def minified(self, text: str, shown: str) -> str:
        """``text`` (the script ``shown``, for an error) minified with its local names shortened."""
        key = hashlib.sha256(f"{version('calmjs.parse')}\0{text}".encode()).hexdigest()[:32]
        kept = self.cache / f"{key}.js"
        self.used.add(kept)
        if kept.is_file():
            return kept.read_text(encoding="utf-8")
        # Imported only when a script changed: a build whose scripts are all in the cache never loads it.
        from calmjs.parse import es5  # noqa: PLC0415
        from calmjs.parse.exceptions import ECMASyntaxError  # noqa: PLC0415
        from calmjs.parse.unparsers.es5 import minify_print  # noqa: PLC0415

        try:
            program = es5(text)
        except ECMASyntaxError as error:
            where = _WHERE.search(str(error))
            line, column = (where[1], where[2]) if where else ("1", "1")
            raise Abort(
                f"{shown}:{line}:{column}: this script cannot be read as ES5 JavaScript ({error}).\n"
                "Our scripts are written in ES5 (var, function; no =>, let, const or `...` strings), "
                "so that hooks/minify_assets.py can shorten their local names: write this line the "
                "way the rest of the file is written. Nothing was built."
            ) from None
        short = minify_print(program, obfuscate=True, obfuscate_globals=False, shadow_funcname=True)
        self.cache.mkdir(parents=True, exist_ok=True)
        write_atomically(kept, short.encode("utf-8"))
        return short

    def forget_unused(self) -> None:
        """Remove from the cache the scripts this build did not serve (older versions of ours)."""
        if self.cache.is_dir():
            for file in self.cache.glob("*.js"):
                if file not in self.used:
                    file.unlink(missing_ok=True)
