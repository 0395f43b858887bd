"""Writing into .cache/: whole or not at all.

Two builds may share one cache (make build and the tests, a preview beside a build), so a
file is written beside its target under a name of this process's own and moved into place:
a reader sees the old file or the new one, never half of one. Used by the PDF hook, the
picture files and the QR codes.
"""

from __future__ import annotations

import os
from pathlib import Path

PARTIAL_SUFFIX = ".tmp"  # a file still being written; a cache clean-up leaves these alone


def write_atomically(target: Path, data: bytes) -> None:
    """Write data to target so that no reader ever sees half of it."""
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
