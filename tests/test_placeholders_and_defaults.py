"""What a clinic has not filled in or changed yet (issue 13, item 8).

* The placeholder texts ``make new-drill`` prints, pasted and left as they are, stop ``make check``
  and the build with file:line; ordinary brackets in patient text stay allowed.
* The entry new-drill prints has a dose placeholder, so a new drill is not published without a dose.
* The defaults a clinic must change (name, site_url at example.org, the edit link) are listed by
  every build as INFO lines (``--strict`` passes), and refused with REQUIRE_REAL_CLINIC=1 (the
  deploy workflow) unless data/clinic.yml says ``demo: true``.
* A demo site says "Demo site: not a real clinic" on every page, every printed sheet and every
  page of every PDF; this repository's own site is one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import Tag
from playwright.sync_api import Browser

import content_model
from browser import serve
from conftest import ROOT, Build, make_project, mkdocs_build
from content_model.__main__ import main
from content_model.defaults import DEFAULT_CLINIC_NAME, REQUIRE_REAL_CLINIC, unchanged_defaults
from content_model.placeholders import PLACEHOLDERS, new_drill_entry
from page_walk import axe_violations
from pdf_tools import page_texts
from site_pages import page_file, page_paths
from small_data import CLINIC, replaced, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default project, starting with the default site's .cache/ (conftest's
    warm_cache): no test here counts what a build makes or reads .cache/."""
    return make_project(tmp_path, warm=True)


PLACEHOLDER_MESSAGE = "is still the placeholder that make new-drill wrote: replace it with"
DEMO_TEXT = "Demo site: not a real clinic."
DEMO_TEXTS = {"en": DEMO_TEXT, "es": "Sitio de demostración: no es una clínica real."}


def demo_text(path: str, sheet: Tag | None = None) -> str:
    """The demo note in the language of the page at path (Spanish pages are under es/), or of the
    builder's preview holding sheet (it has one preview per sheet language)."""
    preview = sheet.find_parent(attrs={"data-sheet-language": True}) if sheet is not None else None
    return DEMO_TEXTS[preview["data-sheet-language"] if preview else "es" if path.startswith("es/") else "en"]


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def pasted_new_drill(data: Path, capsys: pytest.CaptureFixture[str], drill_id: str = "clamshell") -> str:
    """Run new-drill: it adds its entry at the end of drills.yml (no pasting since drill pages are
    generated). Returns that entry, as written in the file."""
    assert main(["--data", str(data), "--docs", str(data.parent / "docs"), "new-drill", drill_id]) == 0
    out = capsys.readouterr().out
    assert f"Added drill '{drill_id}' to {data.as_posix()}/drills.yml" in out
    text = (data / "drills.yml").read_text(encoding="utf-8")
    return text[text.index(f"- id: {drill_id}\n") :].rstrip("\n")


def without_demo(project: Path) -> None:
    clinic = project / "data" / "clinic.yml"
    text = clinic.read_text(encoding="utf-8")
    assert "\ndemo: true\n" in text, "data/clinic.yml no longer says demo: true"
    clinic.write_text(text.replace("\ndemo: true\n", "\n"), encoding="utf-8")


# --- Placeholders ------------------------------------------------------------------------------


def test_the_new_drill_entry_pasted_as_printed_is_refused_at_each_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _docs = write_project(tmp_path)
    entry = pasted_new_drill(data, capsys)
    drills = data / "drills.yml"
    with pytest.raises(content_model.ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    report = raised.value.report(github=False)
    assert len(PLACEHOLDERS) == 6
    for placeholder in PLACEHOLDERS:
        assert placeholder.text in entry, f"new-drill no longer writes {placeholder.text!r}"
        line = line_of(drills, placeholder.text)
        expected = f"data/drills.yml:{line}:"
        found = [e for e in raised.value.errors if e.line == line]
        assert len(found) == 1, (placeholder.text, report)  # the dose is named once, as a placeholder
        assert found[0].plain().startswith(expected), report
        assert f"{placeholder.text!r} {PLACEHOLDER_MESSAGE} {placeholder.write}" in found[0].message
    assert "Traceback" not in report


def test_new_drill_writes_its_placeholders_from_the_list_the_check_uses() -> None:
    entry = new_drill_entry("clamshell")
    written = set(re.findall(r"\([^()]*\)", entry))
    assert written == {p.text for p in PLACEHOLDERS}, "a placeholder new-drill writes is not in PLACEHOLDERS"


def test_the_web_editor_entry_in_contributing_uses_the_same_placeholders() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = (
        guide.split("### Adding a drill in the web editor", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    )
    written = set(re.findall(r"\([^()]*\)", section))
    known = {p.text for p in PLACEHOLDERS}
    assert written and written <= known, written - known
    assert "(how much)" in written  # so a drill added there cannot reach a handout without a dose


@pytest.mark.parametrize(
    "text",
    ["(The Drill's Name)", "Stand tall. (when  to\n    stop)", "(first step) then more", "(HOW MUCH)"],
)
def test_a_placeholder_anywhere_in_any_file_in_any_case_is_refused(tmp_path: Path, text: str) -> None:
    programs = (
        "- id: core\n  title: Core program\n  summary: >-\n    "
        + text.replace("\n", "\n    ")
        + "\n  drills: [bridge]\n"
    )
    data, _docs = write_project(tmp_path, programs=programs)
    with pytest.raises(content_model.ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    (error,) = raised.value.errors
    assert (error.file, error.line, error.field) == ("data/programs.yml", 3, "programs[0].summary")
    assert PLACEHOLDER_MESSAGE in error.message


def test_ordinary_brackets_stay_allowed() -> None:
    assert "(arthritis)" in (ROOT / "data" / "root_causes.yml").read_text(encoding="utf-8")
    content = content_model.load(ROOT / "data", shown_dir="data")
    assert any("(arthritis)" in cause.summary for cause in content.root_causes)


def test_the_build_refuses_a_placeholder_with_its_file_and_line(project: Path, tmp_path: Path) -> None:
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    drills.write_text(
        text.replace(
            "    - Stop if you feel sharp pain in your hip, knee or back.", "    - (when to stop)", 1
        ),
        encoding="utf-8",
    )
    line = line_of(drills, "(when to stop)")
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert f"data/drills.yml:{line}:" in build.output and PLACEHOLDER_MESSAGE in build.output, build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "site").rglob("*.html"))


# --- Defaults not changed yet ------------------------------------------------------------------


def test_every_build_lists_the_defaults_as_info_and_strict_passes(site: Build) -> None:
    name_line = line_of(ROOT / "data" / "clinic.yml", "name:")
    expected = {
        f"data/clinic.yml:{name_line}:1: notice: name: the clinic's name is still the default",
        f"mkdocs.yml:{line_of(ROOT / 'mkdocs.yml', 'site_url:')}:1: notice: site_url: the site's address is "
        "still https://example.org/",
        f"mkdocs.yml:{line_of(ROOT / 'mkdocs.yml', 'edit_uri:')}:1: notice: edit_uri: the 'Suggest a change "
        "to this page' link (for staff, in every page's footer) still opens https://github.com/your-clinic/",
        "Not changed yet: 3 defaults above.",
    }
    lines = site.output.splitlines()
    for text in expected:
        (line,) = [line for line in lines if text in line]
        assert line.startswith("INFO"), line  # never a WARNING: --strict would fail on it
    assert site.returncode == 0


def test_check_lists_the_defaults_without_failing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(REQUIRE_REAL_CLINIC, raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert f"data/clinic.yml:{line_of(ROOT / 'data' / 'clinic.yml', 'name:')}:1: notice: name:" in out
    assert "notice: site_url:" in out and "notice: edit_uri:" in out
    assert "Not changed yet: 3 defaults above" in out


def test_site_url_from_the_environment_is_named_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    content = content_model.load(ROOT / "data", shown_dir="data")
    environ = {"SITE_URL": "https://www.example.com/clinic/"}
    found = unchanged_defaults(content, environ["SITE_URL"], None, ROOT / "mkdocs.yml", environ=environ)
    (site_url,) = [f for f in found if f.field == "site_url"]
    assert "(SITE_URL)" in site_url.message and "set SITE_URL to your site's address" in site_url.message


def test_a_clinic_that_changed_them_gets_no_notice(tmp_path: Path) -> None:
    data, _docs = write_project(tmp_path)
    content = content_model.load(data, shown_dir="data")
    edit = "https://github.com/cedar-pt/site/edit/main/docs/"
    assert unchanged_defaults(content, "https://patients.cedar-pt.com/", edit, ROOT / "mkdocs.yml") == []
    # The clinic's name in any spacing or case is still the default.
    renamed = replaced(CLINIC, "name: Test Clinic", f"name: '  {DEFAULT_CLINIC_NAME.upper()} '")
    data2, _ = write_project(tmp_path / "second", clinic=renamed)
    content2 = content_model.load(data2, shown_dir="data")
    found = unchanged_defaults(content2, "https://patients.cedar-pt.com/", edit, ROOT / "mkdocs.yml")
    assert [f.field for f in found] == ["name"]


def test_a_publishing_build_refuses_the_defaults_with_the_fix(project: Path, tmp_path: Path) -> None:
    without_demo(project)
    build = mkdocs_build(
        project, tmp_path / "site", extra_env={REQUIRE_REAL_CLINIC: "1", "HANDOUT_PDFS": "0"}
    )
    assert build.returncode != 0
    name_line = line_of(project / "data" / "clinic.yml", "name:")
    for text in (
        f"data/clinic.yml:{name_line}:1: name: the clinic's name is still the default, "
        f"'{DEFAULT_CLINIC_NAME}': write your clinic's name",
        "mkdocs.yml:",
        "site_url: the site's address is still https://example.org/",
        "edit_uri: the 'Suggest a change to this page' link (for staff, in every page's footer) still opens",
        "This build publishes the site (REQUIRE_REAL_CLINIC=1), and 3 defaults are still in place: fix each "
        "line above.",
        "If this site is only a demonstration, add `demo: true` to data/clinic.yml instead.",
    ):
        assert text in build.output, build.output
    assert "Traceback" not in build.output
    assert not list((tmp_path / "site").rglob("*.html"))
    check = subprocess_check(project, {REQUIRE_REAL_CLINIC: "1"})
    assert check.returncode == 1 and "the defaults above must be changed" in check.stderr, check.stderr


def test_a_publishing_build_of_a_demo_site_passes(project: Path, tmp_path: Path) -> None:
    build = mkdocs_build(
        project, tmp_path / "site", extra_env={REQUIRE_REAL_CLINIC: "1", "HANDOUT_PDFS": "0"}
    )
    assert build.returncode == 0, build.output
    assert "notice: demo: this site says it is a demo" in build.output
    assert subprocess_check(project, {REQUIRE_REAL_CLINIC: "1"}).returncode == 0


def subprocess_check(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`make check` in a project, with extra environment variables."""
    return subprocess.run(
        [sys.executable, "-m", "content_model", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_the_deploy_workflow_requires_a_real_clinic_and_this_repository_is_a_demo() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    (build,) = [step for step in steps if "make build" in step.get("run", "")]
    assert build["env"][REQUIRE_REAL_CLINIC] == "1"
    # Only the build: the tests build other sites that are not demos and keep their defaults.
    others = [step for step in steps if step is not build]
    assert not [step for step in others if REQUIRE_REAL_CLINIC in (step.get("env") or {})]
    assert content_model.load(ROOT / "data", shown_dir="data").clinic.demo is True


# --- The demo banner ---------------------------------------------------------------------------


def test_every_page_of_the_demo_site_shows_the_banner(site: Build) -> None:
    for path in page_paths(site.site):
        html = site.html(str(page_file(site.site, path).relative_to(site.site)))
        banner = html.select(".md-banner .demo-banner")
        assert len(banner) == 1, path
        assert " ".join(banner[0].get_text().split()) == demo_text(path), path


def test_every_printed_sheet_of_the_demo_site_says_so(site: Build) -> None:
    sheets = 0
    for path in page_paths(site.site):
        html = site.html(str(page_file(site.site, path).relative_to(site.site)))
        for sheet in html.select(".handout-sheet"):
            if "handout-sheet--footer-only" in sheet.get("class", []):
                continue
            notes = sheet.select(".handout-header .handout-header__demo")
            assert [" ".join(n.get_text().split()) for n in notes] == [demo_text(path, sheet)], path
            sheets += 1
    assert sheets >= 8  # the handouts, the builder's preview and each drill's "Print this drill"
    assert site.html("handouts/builder/").select_one("[data-builder-sheet] .handout-header__demo")


def test_every_page_of_every_pdf_says_demo_site(site: Build) -> None:
    pdfs = sorted((site.site / "handouts").glob("*.pdf"))
    assert len(pdfs) == 6  # two programs, three PDFs each
    for pdf in pdfs:
        texts = page_texts(pdf)
        assert len(texts) >= 2
        for number, text in enumerate(texts, 1):
            assert DEMO_TEXT in text, (pdf.name, number)


def test_a_clinic_site_shows_no_banner(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    without_demo(project)
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode == 0, build.output
    for path in ("", "handouts/hip-mobility/", "handouts/builder/", "drills/spiderman/", "404.html"):
        html = build.html(path)
        assert html.select(".md-banner") == [], path  # no empty banner either
        assert html.select(".handout-header__demo") == [], path
        assert "Demo site" not in html.get_text(), path


@pytest.fixture(scope="module")
def base(site: Build) -> Iterator[str]:
    with serve(site.site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_banner_is_visible_and_passes_axe_on_a_phone(chromium: Browser, base: str, scheme: str) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    try:
        page = context.new_page()
        for path in ("", "handouts/builder/"):
            page.goto(base + path, wait_until="networkidle")
            banner = page.locator(".md-banner .demo-banner")
            assert banner.is_visible()
            assert banner.inner_text() == DEMO_TEXT
            box = banner.bounding_box()
            assert box and box["y"] < 120 and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
            violations = axe_violations(page)  # all WCAG A and AA rules (tests/page_walk.py)
            assert violations == [], (scheme, path, violations)
    finally:
        context.close()


@pytest.mark.browser
def test_a_sheet_printed_from_the_browser_says_demo_site_on_every_page(chromium: Browser, base: str) -> None:
    """Printed by Chromium (the builder, a handout, a drill): every page's top margin says so, and the
    line is not also in the sheet, where it would take room from the drills."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        fragment = "#" + "&".join(f"drill={d.id}.2.10...0" for d in content_model.load(ROOT / "data").drills)
        for path in ("handouts/builder/" + fragment, "handouts/hip-mobility/", "drills/spiderman/"):
            page.goto(base + path, wait_until="networkidle")
            page.emulate_media(media="print")
            assert page.locator(".handout-header__demo").first.is_hidden(), path
            texts = page_texts(page.pdf(format="Letter", print_background=True))
            assert texts, path
            for number, text in enumerate(texts, 1):
                assert text.count(DEMO_TEXT) == 1, (path, number, text[:200])
    finally:
        context.close()
