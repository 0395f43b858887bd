"""The checked content kept in .cache/ (content_model/content_cache.py): taken only while nothing it
depends on has changed, and never kept when the content has a mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import content_model
from content_model.content_cache import CACHE_FILE, cached_content

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    if (ROOT / "pictures").is_dir():
        shutil.copytree(ROOT / "pictures", tmp_path / "pictures")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return tmp_path


def not_again() -> content_model.Content:
    raise AssertionError("the content was read and checked again, though nothing changed")


def test_unchanged_content_comes_from_the_cache_and_equals_a_fresh_load(project: Path) -> None:
    first = content_model.load_project(project / "mkdocs.yml")
    assert (project / CACHE_FILE).is_file()
    again = cached_content(project, project / "data", not_again)
    assert again == first
    assert again.drills == first.drills and again.clinic == first.clinic
    assert again.picture_files.keys() == first.picture_files.keys()
    assert again.localized("es").drills == first.localized("es").drills


@pytest.mark.parametrize("changed", ["data/drills.yml", "data/es/drills.yml", "pictures"])
def test_a_changed_data_or_picture_file_is_read_and_checked_again(project: Path, changed: str) -> None:
    content_model.load_project(project / "mkdocs.yml")
    target = project / changed
    if target.is_dir() or not target.exists():
        target.mkdir(exist_ok=True)
        (target / "new.txt").write_text("a new file", encoding="utf-8")
    else:
        target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    calls = []

    def load() -> content_model.Content:
        calls.append(1)
        return content_model.load(project / "data", shown_dir="data")

    cached_content(project, project / "data", load)
    assert calls == [1]
    cached_content(project, project / "data", not_again)  # kept again, under the new key


def test_content_with_a_mistake_is_never_kept(project: Path) -> None:
    drills = project / "data" / "drills.yml"
    drills.write_text(drills.read_text(encoding="utf-8").replace("level: beginner", "level: expert", 1))
    for _ in range(2):  # named at its data line in every build, not only the first
        with pytest.raises(content_model.ContentErrors) as raised:
            content_model.load_project(project / "mkdocs.yml")
        assert "data/drills.yml:" in raised.value.report()
    assert not (project / CACHE_FILE).exists()


def test_a_damaged_cache_file_is_ignored(project: Path) -> None:
    first = content_model.load_project(project / "mkdocs.yml")
    kept = (project / CACHE_FILE).read_bytes()
    (project / CACHE_FILE).write_bytes(kept[: len(kept) // 2])
    assert content_model.load_project(project / "mkdocs.yml") == first
