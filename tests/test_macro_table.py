"""Macros are one table (macros/__init__.py MACROS): each marker's view and template, registered one way."""

from __future__ import annotations

import inspect
import re
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jinja2 import nodes

import macros
from build_state_helpers import config_with_state, templates
from macros import MACROS
from macros.page_context import PageContext
from macros.render import TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


class RecordingEnv:
    """Stands in for mkdocs-macros' env in define_env, and notes every macro registered."""

    def __init__(self, conf: Any) -> None:
        self.conf = conf
        self.page = None
        self.variables: dict[str, Any] = {}
        self.registered: list[tuple[str, Any]] = []

    def macro(self, function: Any, name: str = "") -> Any:
        self.registered.append((name or function.__name__, function))
        return function


@pytest.fixture(scope="module")
def registered() -> list[tuple[str, Any]]:
    config, _ = config_with_state(ROOT)
    env = RecordingEnv(config)
    macros.define_env(env)
    return env.registered


def test_every_macro_in_the_table_is_registered_exactly_once(registered: list[tuple[str, Any]]) -> None:
    counts = Counter(name for name, _ in registered)
    assert counts == Counter(list(MACROS)), f"registered: {sorted(counts.elements())}"


def test_a_registered_macro_takes_the_markers_arguments(registered: list[tuple[str, Any]]) -> None:
    """The page context is the view's; the marker takes the rest (page_errors.py checks calls against it)."""
    for name, function in registered:
        assert function.__name__ == name
        view_parameters = list(inspect.signature(MACROS[name].view).parameters.values())
        assert list(inspect.signature(function).parameters.values()) == view_parameters[1:], name


def test_macros_are_registered_only_through_the_table() -> None:
    """No macro is registered outside define_env's loop over MACROS."""
    calls = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8").count("env.macro(")
        for path in (ROOT / "macros").rglob("*.py")
    }
    assert {path: count for path, count in calls.items() if count} == {"macros/__init__.py": 1}


def template_arguments(template: str) -> tuple[list[str], set[str]]:
    """The arguments of the Jinja macro named like its file, and those of them without a default."""
    environment = templates().environment
    source, _, _ = environment.loader.get_source(environment, f"{template}.html")
    definition = next(m for m in environment.parse(source).find_all(nodes.Macro) if m.name == template)
    arguments = [argument.name for argument in definition.args]
    return arguments, set(arguments[: len(arguments) - len(definition.defaults)])


@pytest.mark.parametrize("name", sorted(MACROS))
def test_each_entry_has_its_template_and_a_typed_view_it_accepts(name: str) -> None:
    entry = MACROS[name]
    template = f"{entry.template}.html"
    assert (TEMPLATES / template).is_file(), f"macros/templates/{template} is missing"
    arguments, required = template_arguments(entry.template)

    hints = typing.get_type_hints(entry.view)
    first = next(iter(inspect.signature(entry.view).parameters))
    assert hints.get(first) is PageContext, f"{name}: a view's first argument is the page's context"
    view_type = hints["return"]
    assert typing.is_typeddict(view_type), f"{name}: a view returns a TypedDict"
    keys = set(view_type.__required_keys__) | set(view_type.__optional_keys__)
    extra, missing = sorted(keys - set(arguments)), sorted(required - keys)
    assert not extra, f"{name}: the view gives {extra}, which the template does not take"
    assert not missing, f"{name}: the template needs {missing}, which the view does not give"


def documented_macros() -> list[str]:
    """The macros in CONTRIBUTING.md's table under "Macros you can use in pages"."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("\n## Macros you can use in pages\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `\{\{ (\w+)\(", section, flags=re.MULTILINE)


def test_contributing_documents_every_macro_in_the_table_and_no_other() -> None:
    documented = documented_macros()
    assert documented, "CONTRIBUTING.md's macro table was not found"
    twice = [m for m, n in Counter(documented).items() if n > 1]
    assert not twice, f"listed twice in CONTRIBUTING.md: {twice}"
    assert set(documented) == set(MACROS), (
        f"in the table, not in CONTRIBUTING.md: {sorted(set(MACROS) - set(documented))}; "
        f"in CONTRIBUTING.md, not in the table: {sorted(set(documented) - set(MACROS))}"
    )
