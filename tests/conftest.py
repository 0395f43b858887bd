"""Shared fixtures: the project, a strict build of the default site, and builds of other sites."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, sync_playwright

import site_pages
from browser import CHROMIUM_ARGS, CHROMIUM_PATH, free_port, serve
from hook_helpers.cache_files import PARTIAL_SUFFIX
from hook_helpers.script_names import ScriptNames
from page_walk import walked_once

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
# What a site needs besides its content; copied when a test builds another clinic's site.
SKELETON = ("mkdocs.yml", "macros", "hooks", "overrides")
# For builds whose tests read no PDF: the PDFs are checked on the default site (test_handout_pdfs.py,
# test_pdf_ua.py, test_page_limits.py) and other clinics' (test_handouts.py); rendering them again
# from an empty cache in every other project costs seconds a build.
NO_PDFS = {"HANDOUT_PDFS": "0"}


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def html(self, path: str) -> BeautifulSoup:
        """Parsed HTML of a built page, e.g. html("drills/spiderman/")."""
        file = self.site / path / "index.html" if not path.endswith(".html") else self.site / path
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[Path]:
        return sorted(p for p in self.site.rglob("*.html") if "404" not in p.name)


def load_hook(file_name: str) -> ModuleType:
    """A fresh copy of hooks/<file_name>, loaded as MkDocs loads it: hooks/ is not a package."""
    return load_file(ROOT / "hooks" / file_name)


def load_file(path: Path) -> ModuleType:
    """A fresh copy of a module that is not in a package (a hook, a script), registered in
    sys.modules because dataclasses look their module up there."""
    spec = importlib.util.spec_from_file_location(f"{path.stem}_under_test", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def mkdocs_build(project: Path, site: Path, extra_env: dict[str, str] | None = None) -> Build:
    """Run the strict build as a user would, in a separate process.

    Never with -q: MkDocs 1.6 then drops warnings before strict mode counts them, so a broken
    link or anchor would pass (mkdocs/mkdocs#4126). The output is captured anyway.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


@contextlib.contextmanager
def mkdocs_serve(project: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    """`mkdocs serve` of a project on a free port on 127.0.0.1, without PDFs: its base URL, the
    server process and its log file (project/serve.log). The server is stopped on the way out."""
    port = free_port()
    log = project / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDOUT_PDFS": "0"}
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/", server, log
        finally:
            server.terminate()
            server.wait(timeout=20)


def make_project(
    tmp: Path,
    data: Path | None = None,
    docs: Path | None = None,
    config: dict[str, object] | None = None,
    warm: bool = False,
) -> Path:
    """A copy of this project in tmp, with another data and/or docs folder.

    ``config`` replaces top-level settings (another clinic's site has another
    nav): the copied mkdocs.yml becomes the parent of a small one holding them.
    ``warm``: the copy starts with the default site's .cache/ (see ``warm_cache``), so what it shares
    with the default site (its unchanged handout PDFs, pictures, QR codes, compiled templates) is
    not made again; a test that counts what a build makes, or reads .cache/, starts cold (the default),
    with only our scripts as served already in it (``minified_scripts``).
    """
    project = tmp / "project"
    project.mkdir()
    if warm:
        shutil.copytree(warm_cache(), project / ".cache")
    else:
        shutil.copytree(minified_scripts(), project / ".cache" / "minified-scripts")
    for name in SKELETON:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    shutil.copytree(data or ROOT / "data", project / "data")
    shutil.copytree(docs or ROOT / "docs", project / "docs")
    if config:
        (project / "mkdocs.yml").rename(project / "mkdocs.base.yml")
        lines = ["INHERIT: mkdocs.base.yml"] + [
            f"{key}: {json.dumps(value)}" for key, value in config.items()
        ]
        (project / "mkdocs.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project


# A small site with PDFs: another clinic's (tests/fixtures/other_clinic), English only, one program of two
# drills, so three one-page PDFs. For tests of when and how PDFs are made or fail, which the content
# does not change: the default site renders twelve longer ones from an empty cache.
SMALL_CLINIC = FIXTURES / "other_clinic"
SMALL_CLINIC_CONFIG = {
    "nav": [{"Home": "index.md"}, {"Drills": "drills/index.md"}],
    "extra": {"root_causes_page": "index.md", "floor_page": None},  # no page on getting to the floor
}


def small_project(tmp: Path) -> Path:
    """A copy of this project with the small clinic's data and pages (SMALL_CLINIC), cold .cache/."""
    return make_project(
        tmp, data=SMALL_CLINIC / "data", docs=SMALL_CLINIC / "docs", config=SMALL_CLINIC_CONFIG
    )


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Build]) -> Build:
    """A site built once for the whole run: the first test process (xdist worker) to ask builds it into
    a folder all of them share, while the others wait for it; they then read the same build."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / f"built-once-{name}"
    record = folder / "build.json"
    with (shared / f"built-once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, even if the build fails
        if record.is_file():
            saved = json.loads(record.read_text(encoding="utf-8"))
            return Build(saved["returncode"], saved["output"], Path(saved["site"]))
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        build = make(folder)
        assert build.returncode == 0, build.output
        record.write_text(
            json.dumps({"returncode": build.returncode, "output": build.output, "site": str(build.site)}),
            encoding="utf-8",
        )
        return build


def _default_site(folder: Path) -> Build:
    """The default site, and a copy of the .cache/ its build left (WARM_CACHE), taken at once: later
    builds of this project (English only, say) change ROOT/.cache while other tests copy it."""
    # With its PDFs whatever the calling test has set (warm_cache() may be the first to ask).
    build = mkdocs_build(ROOT, folder / "site", {"HANDOUT_PDFS": "1"})
    if build.returncode == 0:
        for file in (ROOT / ".cache").rglob("*"):
            copy = folder / WARM_CACHE / file.relative_to(ROOT / ".cache")
            if file.is_file() and not file.name.endswith(PARTIAL_SUFFIX):
                copy.parent.mkdir(parents=True, exist_ok=True)
                with contextlib.suppress(FileNotFoundError):  # pruned by another build meanwhile
                    shutil.copy2(file, copy)
    return build


WARM_CACHE = "warm-cache"
_session: dict[str, pytest.TempPathFactory] = {}  # the run's tmp_path_factory, for warm_cache()


@pytest.fixture(scope="session", autouse=True)
def _remember_tmp_path_factory(tmp_path_factory: pytest.TempPathFactory) -> None:
    _session["factory"] = tmp_path_factory


def warm_cache() -> Path:
    """The .cache/ the default site's build left (built first if no test process has built it yet).

    Honest to reuse: every cached file is named by a hash of all that makes it. A PDF's key holds
    its sheet's whole HTML (the drawn figures and QR codes inline, a clinic's photo under a name
    made from the photo's own hash), its stylesheets, paper size, WeasyPrint's version and the
    hook's own code (hooks/pdf_handouts.py); a picture's, its original's hash and Pillow's version;
    Jinja checks each template's source before using its compiled copy. A copied project whose
    sheets differ from the default site's renders those sheets, and only those."""
    build = built_once(_session["factory"], "default", _default_site)
    return build.site.parent / WARM_CACHE


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site, built strictly once for the whole test run (one build for all workers)."""
    return built_once(tmp_path_factory, "default", _default_site)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default project to break or change."""
    return make_project(tmp_path)


@pytest.fixture(autouse=True)
def plain_error_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see the same output locally and on GitHub Actions (which sets GITHUB_ACTIONS=true):
    errors print as file:line:col unless a test sets GITHUB_ACTIONS itself."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="session")
def served(site: Build) -> Iterator[str]:
    """The default site's strict build, served on 127.0.0.1: its base URL, ending in '/'."""
    with serve(site.site) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright, started once per test process (each test gets a fresh
    context, see ``context``; a module-scoped page is closed with its module). Missing Chromium fails,
    never skips. Tests use this one: a second Playwright in the same process cannot start."""
    assert Path(CHROMIUM_PATH).exists(), (
        f"Chromium is missing at {CHROMIUM_PATH}: browser tests cannot run. "
        "Install it with 'apt-get install chromium' (make test does this as root)."
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def walked(tmp_path_factory: pytest.TempPathFactory, site: Build, chromium: Browser) -> list[dict]:
    """Every page of the default site visited once in Chromium for the whole run, what each check
    needs recorded (tests/page_walk.py), shared by all test processes as ``built_once`` is."""
    base = tmp_path_factory.getbasetemp()
    return walked_once(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base, site.site, chromium)


@pytest.fixture
def context(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh desktop-sized browser context (1280 x 900) for one test; in a module marked
    ``pytest.mark.one_context``, the module's one context instead (module_context)."""
    if request.node.get_closest_marker("one_context"):
        yield request.getfixturevalue("module_context")
        return
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def module_context(chromium: Browser) -> Iterator[BrowserContext]:
    """A desktop-sized browser context (1280 x 900) shared by one module's tests, for pages that keep
    nothing between documents (the handout builder: no storage, no cookie). Each test loads its page
    afresh in the context's one tab (browser.emptied, then its address): starting a tab's renderer is
    most of what a page load costs. A test that changes the context itself (routes, offline, dialogs,
    colour scheme, size) makes its own. A module marked ``pytest.mark.one_context`` gets it as its tests'
    ``context``."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


# What the extras site adds to the default one (tests/conftest.py: extras_site).
EXTRAS_VIDEO = "https://www.youtube.com/watch?v=abc123XYZ_0"
EXTRAS_HOSTILE = "</script><script>window.__pwned = 1</script> & <b>"


@pytest.fixture(scope="session")
def extras_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site plus what it does not show yet, built strictly once (PDFs skipped):

    * the drill quadruped-rockbacks has a video and a recorded review;
    * the seed article records its review in front matter, and its description
      tries to close the <script> element (EXTRAS_HOSTILE);
    * docs/articles/links-to-nowhere.md links, in raw HTML, to a page and an anchor
      that do not exist: the strict build cannot see those, the link checker must.
    """
    return built_once(tmp_path_factory, "extras", _extras_site)


def _extras_site(tmp: Path) -> Build:
    project = make_project(tmp)
    drills = project / "data" / "drills.yml"
    entry = "- id: quadruped-rockbacks\n"
    text = drills.read_text(encoding="utf-8")
    assert entry in text, f"data/drills.yml no longer has {entry!r}: update the extras fixture"
    extra = f'  video: {EXTRAS_VIDEO}\n  reviewed: {{by: "Jane Doe, PT, DPT", on: 2026-01-15}}\n'
    drills.write_text(text.replace(entry, entry + extra, 1), encoding="utf-8")
    article = project / "docs" / "articles" / "hip-mobility-drills.md"
    text = article.read_text(encoding="utf-8")
    assert text.startswith("---\n"), "the seed article has no front matter: update the extras fixture"
    review = "reviewed:\n  by: Jane Doe, PT, DPT\n  on: 2026-02-01\n"
    front = f"---\n{review}description: {json.dumps(EXTRAS_HOSTILE)}\n"
    lines = [line for line in text.removeprefix("---\n").splitlines(keepends=True)]
    end = lines.index("---\n")
    kept = [line for line in lines[:end] if not line.startswith("description:")]
    article.write_text(front + "".join(kept) + "".join(lines[end:]), encoding="utf-8")
    (project / "docs" / "articles" / "links-to-nowhere.md").write_text(
        "---\ntitle: Links to nowhere\ndescription: A test page with two broken links.\n---\n\n"
        "# Links to nowhere\n\n"
        '<p><a href="../no-such-page/">A page that does not exist</a></p>\n\n'
        '<p><a href="../hip-mobility-drills/#no-such-section">A section that does not exist</a></p>\n',
        encoding="utf-8",
    )
    return mkdocs_build(project, tmp / "site", extra_env={"HANDOUT_PDFS": "0"})


# The test files with the longest chains of work, longest first. `--dist loadfile` runs a file's tests
# one after another on one worker, and hands files out in collection order (`--no-loadscope-reorder`
# in pyproject's addopts; xdist's own order is by number of tests, which sent the bench's and
# Lighthouse's single long tests out last, to run alone at the end while the other workers idled).
# Longest first, the short files fill in at the end. The order comes from a timeline of a cold run
# (each test's start and end on its worker); a file missing here runs after these, in name order.
# test_handout_pdfs is first as its first test asks for the default site, whose build (PDFs on every
# core) the files that need it wait for; the bench and test_page_limits start without it.
LONGEST_FIRST = (
    "test_handout_pdfs.py",
    "test_bench.py",
    "test_page_limits.py",
    "test_sheets.py",
    "test_lighthouse.py",  # its eleven pages in one Lighthouse process, one after another
    "test_build_failures.py",
    "test_accessibility.py",
    "test_pdf_ua.py",
    "test_injection.py",
    "test_handouts.py",
    "test_handout_builder.py",
    "test_placeholders_and_defaults.py",
    "test_builder_hostile_links.py",
    "test_picture_files.py",
    "test_security.py",
    "test_spanish_site.py",
    "test_build_state.py",
    "test_privacy.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Longest files first (LONGEST_FIRST); within a file, the tests keep their order."""
    rank = {name: position for position, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject's addopts): two workers per core. Much of the suite waits rather than
    computes (Chromium loading and printing pages, Lighthouse letting a page settle, `mkdocs serve`
    noticing an edit), so one worker per core leaves the cores idle while a worker waits."""
    return 2 * (os.cpu_count() or 1)


@pytest.fixture(scope="module", autouse=True)
def _forget_parsed_pages() -> Iterator[None]:
    """Pages parsed once in a module (site_pages.parsed_once) are forgotten when it ends."""
    yield
    site_pages.forget_parsed()


@pytest.fixture(scope="module", autouse=True)
def _forget_read_pdfs() -> Iterator[None]:
    """PDFs read once in a module (pdf_tools: their pages' text and structure tree) are forgotten when
    it ends. Only where a module has loaded pdf_tools: the others do not import it for this."""
    yield
    tools = sys.modules.get("pdf_tools")
    if tools is not None:
        tools.forget_read()


# A build of English alone (mkdocs-static-i18n builds no other language): for a test that reads only
# English pages and PDFs. Each use says why in a line.
ENGLISH_ONLY = {"BUILD_ONLY_LOCALE": "en"}


@functools.cache
def minified_scripts() -> Path:
    """Our scripts as hooks/minify_assets.py serves them (local names shortened), made once per test
    process with the hook's own helper and copied into every cold project's .cache/: reading a
    script as JavaScript takes most of a second, and each cold build would read the same four again.
    Honest to reuse: each file is named by a hash of its script's text and calmjs.parse's version, so a
    project whose script differs (tests/test_minify_assets.py breaks one) reads its own."""
    folder = _session["factory"].mktemp("minified-scripts")
    names = ScriptNames(folder)
    minify = load_file(ROOT / "hooks" / "minify_assets.py")  # the hook's own choice of our scripts
    for _, script in minify.sources_in([ROOT / "docs", ROOT / "overrides"]):
        if script.suffix == ".js":
            names.minified(script.read_text(encoding="utf-8"), script.relative_to(ROOT).as_posix())
    return folder
