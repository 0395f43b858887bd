"""hooks/long_lived_objects.py: `mkdocs build` freezes what is alive when it starts; `mkdocs serve` does not.

How much it saves is measured by scripts/bench.py (start-up), not here.
"""

from __future__ import annotations

import gc
import weakref

from conftest import load_hook

HOOK = load_hook("long_lived_objects.py")


class _Node:
    """An object that can sit in a reference cycle (garbage only the cyclic collector frees)."""

    def __init__(self) -> None:
        self.me = self


def test_serve_leaves_the_collector_alone() -> None:
    before = gc.get_freeze_count()
    HOOK.on_startup(command="serve", dirty=False)
    assert gc.get_freeze_count() == before


def test_build_freezes_what_lives_and_still_collects_what_it_makes_later() -> None:
    alive_before = _Node()
    try:
        HOOK.on_startup(command="build", dirty=False)
        assert gc.get_freeze_count() > 0
        assert not any(o is alive_before for o in gc.get_objects())  # frozen: out of the collector's walks
        # An object made during the build and dropped in a cycle is still freed.
        later = _Node()
        watch = weakref.ref(later)
        del later
        gc.collect()
        assert watch() is None
    finally:
        gc.unfreeze()
    assert any(o is alive_before for o in gc.get_objects())
