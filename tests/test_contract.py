"""The data contract is one package that imports no MkDocs; the plain-language checker is its own package.

* ``content_model`` (models, loading with locations, cross-checks, messages, schemas)
  loads without MkDocs, Markdown or Jinja, and without the checker;
* every data file is in the one registry, ``content_model.loader.DATA_FILES``, and has
  its JSON Schema, named on the file's first line;
* what the modules cite as ``:mod:`...``` exists.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys

import pytest

import content_model
import plain_language
from conftest import ROOT
from content_model.loader import DATA_FILES
from content_model.schema import modeline, schema_name

PAGE_TOOLS = ("mkdocs", "markdown", "jinja2")


def _modules(package: object) -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(package.__path__, package.__name__ + "."))  # type: ignore[attr-defined]


def test_the_contract_imports_no_mkdocs_markdown_jinja_or_checker() -> None:
    """Every module of content_model, except the command line (__main__), in a fresh interpreter."""
    modules = [m for m in _modules(content_model) if not m.endswith(".__main__")]
    assert "content_model.loader" in modules and "content_model.models" in modules
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert "content_model" in loaded
    assert loaded.isdisjoint({*PAGE_TOOLS, "plain_language"}), sorted(
        loaded & {*PAGE_TOOLS, "plain_language"}
    )


def test_the_plain_language_checker_lives_beside_the_contract() -> None:
    checker = {m.rsplit(".", 1)[1] for m in _modules(plain_language)}
    assert {
        "readability",
        "clarity",
        "page_prose",
        "located_text",
        "data_text",
        "step_verbs",
        "page_html",
    } <= checker
    contract = {m.rsplit(".", 1)[1] for m in _modules(content_model)}
    assert contract.isdisjoint(checker), contract & checker
    assert "plain_language" not in contract  # its settings model is in models.py with the others


def test_every_data_file_is_in_the_one_registry_and_has_a_schema() -> None:
    files = sorted(p.name for p in (ROOT / "data").glob("*.yml"))
    assert files == sorted(f.file for f in DATA_FILES.values())
    for key in DATA_FILES:
        schema = ROOT / "schemas" / schema_name(key)
        assert schema.is_file(), f"no JSON Schema for data/{DATA_FILES[key].file}"
        first = (ROOT / "data" / DATA_FILES[key].file).read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline(key)
    assert [k for k, f in DATA_FILES.items() if f.optional] == ["plain_language"]
    registries = [name for name, value in vars(content_model.loader).items() if name.endswith("DATA_FILES")]
    assert registries == ["DATA_FILES"]


def test_an_optional_file_left_out_gets_its_defaults(tmp_path) -> None:
    from small_data import write_project

    data, _docs = write_project(tmp_path / "project")
    assert not (data / "plain_language.yml").exists()
    content = content_model.load(data, shown_dir="data")
    assert content.plain_language == DATA_FILES["plain_language"].model()
    assert content.file("plain_language") == "data/plain_language.yml"
    assert "plain_language" not in content.sources


CITED = re.compile(r":mod:`~?([A-Za-z_][\w.]*)`")


@pytest.mark.parametrize("package", ["content_model", "plain_language"])
def test_every_cited_module_exists(package: str) -> None:
    cited = set()
    for path in (ROOT / package).glob("*.py"):
        cited |= set(CITED.findall(path.read_text(encoding="utf-8")))
    for name in sorted(cited):
        importlib.import_module(name)  # ModuleNotFoundError names the module that is cited but missing
