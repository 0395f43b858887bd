"""Ruff checks and formats the Python code (pyproject.toml): `make lint` and `make test` (so CI) run it.

Every rule it leaves out says why, unused `noqa` comments are findings (RUF100), and the
code as committed has no findings at all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib

from conftest import ROOT

PYPROJECT = ROOT / "pyproject.toml"


def ruff_settings() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["ruff"]


def test_ruff_is_a_pinned_test_dependency() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert any(re.match(r"ruff\b", spec) for spec in project["optional-dependencies"]["test"])
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert [line for line in lock if line.startswith("ruff==")], "requirements.lock pins ruff"


def test_rules_are_chosen_and_every_ignored_rule_says_why() -> None:
    settings = ruff_settings()
    assert settings["line-length"] == 110
    lint = settings["lint"]
    assert {"E", "W", "F", "I", "B", "RUF"} <= set(lint["select"])
    assert "RUF100" not in lint.get("ignore", []), "unused noqa comments must be found"
    # Each ignored rule sits on its own line of the list, with a comment that says why.
    text = PYPROJECT.read_text(encoding="utf-8")
    block = re.search(r"^ignore = \[\n(.*?)^\]", text, re.MULTILINE | re.DOTALL)
    assert block, "[tool.ruff.lint] ignore is written one rule a line"
    lines = [line.strip() for line in block.group(1).splitlines() if line.strip()]
    assert len(lines) == len(lint["ignore"])
    for line in lines:
        assert re.fullmatch(r'"[A-Z]+[0-9]*",\s+# \S.{10,}', line), f"say why the rule is ignored: {line}"


def test_make_lint_and_make_test_run_ruff_before_the_suite() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert lint and "ruff check ." in lint.group(1)
    test = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert test, "make test has a recipe"
    recipe = test.group(1)
    assert "ruff check ." in recipe and "ruff format --check ." in recipe and "pytest" in recipe
    assert "ruff format --check ." in lint.group(1)
    assert recipe.index("ruff check .") < recipe.index("pytest"), "ruff runs first: it takes a second"
    assert recipe.index("ruff format --check .") < recipe.index("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.MULTILINE), "CI runs make test"


def test_ruff_finds_nothing() -> None:
    """The whole project, as `make lint` checks it; unused noqa comments count (RUF100)."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", ".", "--no-cache", "--output-format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    findings = [
        f"{item['filename']}:{item['location']['row']}: {item['code']} {item['message']}"
        for item in json.loads(result.stdout)
    ]
    assert findings == [], "\n".join(findings)
    assert result.returncode == 0, result.stderr


def test_the_code_is_formatted_as_ruff_formats_it() -> None:
    """One layout for all the Python code (`ruff format .` writes it), so a change's diff shows what
    it changes and nothing else."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
