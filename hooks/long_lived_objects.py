"""A one-off build keeps Python's garbage collector off what lives as long as the process.

By the time a build starts (``on_startup``), MkDocs, its plugins, the libraries and every hook
module are imported: tens of thousands of objects (modules, classes, functions, tables) that live
until the process ends and can never be garbage. Python's cyclic garbage collector would walk all
of them again in each of its full passes during the build, and several times more while the
process exits (about 0.1 s of processor time of a build's start-up, measured with
scripts/bench.py's start-up). ``gc.freeze()`` moves them out of its reach once; everything made
later (the content, the pages) is collected as before.

Only for ``mkdocs build`` (and ``gh-deploy``): ``mkdocs serve`` runs rebuild after rebuild in
one process, and objects frozen there would never be collected.
"""

from __future__ import annotations

import gc

from mkdocs.plugins import event_priority


@event_priority(-100)  # after every other start-up handler: whatever they imported is frozen too
def on_startup(command: str, dirty: bool) -> None:
    if command in ("build", "gh-deploy"):
        gc.freeze()
