"""The GitHub workflows and repository files: valid, hardened, and doing what CONTRIBUTING.md promises.

zizmor (offline) audits the workflows for security problems and check-jsonschema
validates them against GitHub's schemas; both must report nothing. The other
tests read the YAML and check the promises zizmor does not know about: the
deploy waits for every check, the preview is uploaded, actions are pinned by SHA.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from conftest import ROOT, make_project

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], cwd=ROOT, capture_output=True, text=True, timeout=300)


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def workflow(name: str) -> dict[str, Any]:
    return load(GITHUB / "workflows" / name)


def uses(path: Path) -> list[str]:
    """Every `uses:` value of a workflow, with its trailing comment (the YAML parser drops comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        line.split("uses:", 1)[1].strip()
        for line in lines
        if line.strip().removeprefix("- ").startswith("uses:")
    ]


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def test_both_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "deploy.yml"]


def test_zizmor_finds_nothing() -> None:
    result = run(
        BIN / "zizmor", "--offline", "--no-progress", GITHUB / "workflows", GITHUB / "dependabot.yml"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_zizmor_would_catch_a_weak_workflow(tmp_path: Path) -> None:
    """The audit can fail: an unpinned action that keeps its credentials and a secret-less injection."""
    weak = tmp_path / "weak.yml"
    weak.write_text(
        "on: pull_request_target\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    result = run(BIN / "zizmor", "--offline", "--no-progress", weak)
    assert result.returncode != 0
    for audit in ("unpinned-uses", "artipacked", "template-injection", "excessive-permissions"):
        assert audit in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
        ("vendor.github-issue-forms", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))),
    ],
    ids=["workflows", "dependabot", "issue-forms"],
)
def test_github_files_match_their_schemas(schema: str, files: list[Path]) -> None:
    assert files
    result = run(BIN / "check-jsonschema", "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_hardened(path: Path) -> None:
    flow = load(path)
    text = path.read_text(encoding="utf-8")
    assert flow["permissions"] == {}, "no token permissions by default"
    assert "pull_request_target" not in text
    for name, job in flow["jobs"].items():
        assert "permissions" in job, f"job {name} says which permissions it needs"
        for step in steps(job):
            if "uses" in step:
                continue
            assert "${{" not in step["run"], f"{name}: event data reaches run: only through env:"
    refs = uses(path)
    assert refs
    for ref in refs:
        assert PINNED.match(ref), f"{ref}: pin to a full commit SHA, with the version in a comment"
    for job in flow["jobs"].values():
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_each_action_is_pinned_to_one_version_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for ref in uses(path):
            match = PINNED.match(ref)
            assert match, ref
            pins.setdefault(match["action"], set()).add(ref)
    assert {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= set(pins)
    assert all(len(refs) == 1 for refs in pins.values()), pins


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in steps(job) if "run" in step]


def _installs_from_the_lock(job: dict[str, Any]) -> bool:
    return any("pip install" in r and "-c requirements.lock -e '.[test]'" in r for r in _runs(job))


def test_ci_checks_tests_builds_and_uploads_the_preview() -> None:
    flow = workflow("ci.yml")
    assert set(flow["on"]) == {"pull_request", "push"}
    (job,) = flow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert _installs_from_the_lock(job)
    commands = [line.strip() for r in _runs(job) for line in r.splitlines()]
    order = [c for c in commands if c in ("make check", "make test", "make build", "make preview")]
    assert order == ["make check", "make build", "make preview", "make test"]
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@"))
    preview_step = next(i for i, s in enumerate(steps(job)) if s.get("run") == "make preview")
    assert steps(job).index(upload) == preview_step + 1, "uploaded as soon as it is built"
    assert upload["with"]["path"] == "preview/"
    assert upload["with"]["name"] == "site-preview"
    assert "chromium" in " ".join(commands) and "poppler-utils" in " ".join(commands)


def test_ci_keeps_the_build_cache_keyed_on_the_lock_file_and_the_content() -> None:
    """.cache/ (PDFs, pictures, QR codes, templates) is restored before the first build and saved after,
    keyed on the runner image, the lock file and every input of the build; an older cache with the same
    image and lock file is restored when only the content changed (its files are keyed by their inputs)."""
    (job,) = workflow("ci.yml")["jobs"].values()
    caches = [s for s in steps(job) if s.get("uses", "").startswith("actions/cache@")]
    assert len(caches) == 1
    cache = caches[0]
    first_build = next(i for i, s in enumerate(steps(job)) if s.get("run", "").startswith("make "))
    assert steps(job).index(cache) < first_build, "restored before anything is built"
    assert cache["with"]["path"] == ".cache"
    key = " ".join(cache["with"]["key"].split())
    content = re.search(r"hashFiles\(([^)]*'data/\*\*'[^)]*)\)", key)
    assert content, key
    hashed = {part.strip().strip("'") for part in content.group(1).split(",")}
    inputs = {
        "data/**",
        "docs/**",
        "pictures/**",
        "overrides/**",
        "macros/**",
        "hooks/**",
        "hook_helpers/**",
        "content_model/**",
        "mkdocs.yml",
    }
    assert inputs <= hashed, inputs - hashed
    assert "hashFiles('requirements.lock')" in key
    assert "steps.image.outputs.name" in key, "PDFs laid out with another image's fonts are not reused"
    (restore,) = [line.strip() for line in cache["with"]["restore-keys"].splitlines() if line.strip()]
    assert key.startswith(restore) and "data/**" not in restore, "a content change restores the last cache"
    # What is published is made from scratch: the deploy keeps no cache.
    deploy = workflow("deploy.yml")
    assert not any(
        s.get("uses", "").startswith("actions/cache") for j in deploy["jobs"].values() for s in steps(j)
    )


def test_deploy_runs_only_on_main_and_only_after_every_check() -> None:
    flow = workflow("deploy.yml")
    assert flow["on"] == {"push": {"branches": ["main"]}}
    assert flow["concurrency"]["cancel-in-progress"] is False
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert "if" not in deploy, "the deploy must not run when the build job failed"
    assert _installs_from_the_lock(build)
    commands = [line.strip() for r in _runs(build) for line in r.splitlines()]
    assert commands.index("make check") < commands.index("make test") < commands.index("make build")
    upload = steps(build)[-1]
    assert upload["uses"].startswith("actions/upload-pages-artifact@")
    assert upload["with"]["path"] == "site/"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    assert all("continue-on-error" not in s for s in steps(build))


def test_make_targets_the_workflows_call_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "test", "build", "preview"):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target
    assert "--no-directory-urls -d preview" in makefile, "the preview opens from a folder: links end in .html"


def test_dependabot_updates_actions_and_python_packages() -> None:
    ecosystems = {u["package-ecosystem"] for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert {"github-actions", "pip"} <= ecosystems


def test_codeowners_route_content_to_clinical_review() -> None:
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert ["/data/", "@your-clinic/clinical-review"] in rules
    assert ["/docs/", "@your-clinic/clinical-review"] in rules
    assert "@your-clinic/clinical-review" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_pull_request_template_has_the_clinic_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8").lower()
    boxes = [line for line in text.splitlines() if line.startswith("- [ ]")]
    for promise in ("reviewed by a licensed clinician", "handout printed", "reading-level report read"):
        assert any(promise in box for box in boxes), promise


def test_issue_forms_for_drills_and_content_problems() -> None:
    names = {load(p)["name"] for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {"Suggest a new drill", "Report a content problem"} <= names


def test_the_preview_opens_from_a_folder(tmp_path: Path) -> None:
    """What CI uploads (`make preview`): every link and asset of every page is a file in the folder,
    so a reviewer can unzip it and double-click index.html, with no server."""
    project = make_project(tmp_path, warm=True)
    preview = tmp_path / "preview"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--no-directory-urls", "-d", str(preview)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p for p in preview.rglob("*.html") if p.name != "404.html")  # 404 is for servers only
    assert len(pages) >= 8
    broken = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//")):
                    continue
                target = (page.parent / unquote(urlsplit(url).path)).resolve()
                if not target.is_file():
                    broken.append(f"{page.relative_to(preview)}: {url}")
    assert broken == [], broken[:10]
