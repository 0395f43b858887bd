"""Does a change leave the built site as it was? (A check for restructuring work, not a test.)

Builds an earlier commit and the working tree from the same data, each in a fresh
copy with an empty ``.cache/``, with PDFs, and compares the two sites:

* HTML, CSS, JavaScript, JSON, images and every other file: byte for byte;
* ``sitemap.xml.gz``: its unpacked text (gzip stores the time it was written);
* PDFs: the number of pages and the text of every page (the files themselves hold
  creation times and random ids).

    python scripts/compare_builds.py REV [--data DIR] [--keep]

``--data`` builds both from another data folder (for example a test fixture), with
the working tree's ``docs/``. Exits 1 and lists every difference when the sites differ.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a build reads; everything else in the tree (tests, scripts, caches) is left out.
BUILD_INPUTS = (
    "mkdocs.yml",
    "macros",
    "hooks",
    "overrides",
    "data",
    "docs",
    "content_model",
    "hook_helpers",
    "plain_language",
    "pyproject.toml",
)


def export_commit(rev: str, target: Path) -> None:
    """The files of commit ``rev`` (as git stores them) in ``target``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def export_worktree(target: Path) -> None:
    target.mkdir(parents=True)
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif source.is_file():
            shutil.copy2(source, target / name)


def build(project: Path, data: Path | None) -> Path:
    if data is not None:
        shutil.rmtree(project / "data")
        shutil.copytree(data, project / "data")
    site = project.parent / f"{project.name}-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "1", "PYTHONPATH": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"The build of {project.name} failed:\n{result.stdout}{result.stderr}")
    return site


def pdf_text(path: Path) -> tuple[int, list[str]]:
    from pypdf import PdfReader  # noqa: PLC0415  (a test dependency: only this script needs it)

    reader = PdfReader(path)
    return len(reader.pages), [page.extract_text() for page in reader.pages]


def differences(old: Path, new: Path) -> list[str]:
    found: list[str] = []
    old_files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    found += [f"only in the old site: {p}" for p in sorted(old_files - new_files)]
    found += [f"only in the new site: {p}" for p in sorted(new_files - old_files)]
    for relative in sorted(old_files & new_files):
        a, b = old / relative, new / relative
        if relative.suffix == ".pdf":
            (pages_a, text_a), (pages_b, text_b) = pdf_text(a), pdf_text(b)
            if pages_a != pages_b:
                found.append(f"{relative}: {pages_a} pages before, {pages_b} now")
            elif text_a != text_b:
                page = next(i for i, (x, y) in enumerate(zip(text_a, text_b, strict=True), 1) if x != y)
                found.append(f"{relative}: the text of page {page} differs")
        elif relative.name.endswith(".gz"):
            if gzip.decompress(a.read_bytes()) != gzip.decompress(b.read_bytes()):
                found.append(f"{relative}: the unpacked text differs")
        elif a.read_bytes() != b.read_bytes():
            found.append(f"{relative}: differs")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the commit to compare with, e.g. HEAD~3 or a4dfbc2")
    parser.add_argument("--data", type=Path, help="build both from this data folder")
    parser.add_argument("--keep", action="store_true", help="keep the two builds and print where")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="compare-builds-"))
    try:
        export_commit(args.rev, work / "old")
        export_worktree(work / "new")
        data = args.data.resolve() if args.data else None
        old_site, new_site = build(work / "old", data), build(work / "new", data)
        found = differences(old_site, new_site)
        files = sum(1 for p in new_site.rglob("*") if p.is_file())
        if found:
            print(f"The sites differ ({len(found)} of {files} files):")
            print("\n".join(f"  {line}" for line in found))
            return 1
        print(f"The sites are the same: {files} files (HTML byte for byte, PDFs by pages and text).")
        return 0
    finally:
        if args.keep:
            print(f"Builds kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
