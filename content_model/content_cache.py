"""The checked content of an unchanged project, kept in ``.cache/content.pickle`` between builds.

Reading ``data/`` and checking it (the YAML parsed with its line numbers, the pydantic validators
built and run, the rules across files, the translations, the picture files) is most of what a
build does at start-up on top of the libraries' imports. When nothing it depends on has changed
since a build whose content passed, a build takes that content from here instead.

The content is kept under a key of everything its check depends on: the path of the ``data/``
folder, every file under ``data/`` and ``pictures/`` (their names and bytes), the content model's
own code (every ``.py`` of this package), and the versions of Python and of the libraries that
read and check it (ruamel.yaml, pydantic and pydantic-core, phonenumbers; Pillow's when there are
picture files). Only content that passed is kept: content with a mistake is checked again in every
build, so that its mistakes are always named at their data line. Deleting the file is always safe.

The file is written by the build itself into the project's ``.cache/``, like Jinja's compiled
templates there (which hold code too): it is as trusted as the project's own code.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .loader import Content

CACHE_FILE = Path(".cache") / "content.pickle"
_FORMAT = b"content cache 1\n"


@functools.cache
def library_version(name: str) -> str:
    """An installed library's version, part of the keys of what is kept in ``.cache/``. Read once per
    process (looking it up reads the installed packages' metadata): a running build's libraries
    cannot change."""
    from importlib.metadata import version  # noqa: PLC0415

    return version(name)


def _library_versions(with_pictures: bool) -> str:
    import phonenumbers  # noqa: PLC0415  (all three are imported by the content model already)
    import pydantic  # noqa: PLC0415
    import pydantic_core  # noqa: PLC0415
    import ruamel.yaml  # noqa: PLC0415

    versions = [sys.version, ruamel.yaml.__version__, pydantic.VERSION, pydantic_core.__version__]
    versions.append(phonenumbers.__version__)
    if with_pictures:  # the picture files' check reads them with Pillow
        versions.append(library_version("pillow"))
    return " ".join(versions)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def content_key(project: Path, data_dir: Path) -> str:
    """The key of everything the content's check depends on (see the module's text)."""
    digest = hashlib.sha256()
    digest.update(str(data_dir.resolve()).encode("utf-8") + b"\0")
    pictures = _files(project / "pictures")
    code = sorted(Path(__file__).parent.glob("*.py"))
    for file in [*_files(data_dir), *pictures, *code]:
        digest.update(str(file).encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    digest.update(_library_versions(bool(pictures)).encode("utf-8"))
    return digest.hexdigest()


def cached_content(project: Path, data_dir: Path, load: Callable[[], Content]) -> Content:
    """The content ``load`` would return, from ``.cache/`` when nothing it depends on has changed;
    else from ``load`` (which raises on any mistake), kept for the next build if it passed."""
    file = project / CACHE_FILE
    key = content_key(project, data_dir).encode("ascii") + b"\n"
    try:
        kept = file.read_bytes()
    except OSError:
        kept = b""
    head = _FORMAT + key
    if kept.startswith(head):
        try:
            return pickle.loads(kept[len(head) :])
        except Exception:  # noqa: BLE001  (a damaged or outdated file: check the content again)
            pass
    content = load()
    file.parent.mkdir(parents=True, exist_ok=True)
    partial = file.with_name(f"{file.name}.{os.getpid()}.partial")
    partial.write_bytes(head + pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, file)  # atomically: another build may be reading it
    return content
