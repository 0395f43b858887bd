"""Handout page limits are the build's to check, not only the tests': every build that makes PDFs
stops on a handout longer than its limit, from the cache too, and names the program's line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import content_model
from browser import free_port
from conftest import ROOT, Build, make_project, mkdocs_build
from macros.handout import PDF_VARIANTS, pdf_path
from pdf_tools import page_sizes

LONG = "long-program"  # the program these tests make too long, after the seed's own
FIX = "Split the program into two programs, or shorten the drills' steps."


def lengthen(project: Path, extra: int = 1) -> None:
    """Add a program with every seed drill plus `extra` copies of the first (which has pictures):
    10 drills cannot fit on 3 pages, nor on 6 in large print (each version over its limit, checked
    below), and each page more is more to render."""
    drills = project / "data" / "drills.yml"
    text = drills.read_text(encoding="utf-8")
    first = content_model.load(project / "data").drills[0]
    start = text.index(f"- id: {first.id}\n")
    end = text.index("\n- id: ", start) + 1
    entry = text[start:end]
    ids = []
    for n in range(1, extra + 1):
        new_id = f"{first.id}-again-{n}"
        copy = entry.replace(f"- id: {first.id}\n", f"- id: {new_id}\n").replace(
            f"name: {first.name}\n", f"name: {first.name} Again {n}\n"
        )
        assert copy.count(new_id) == 1 and f"Again {n}" in copy, (
            "the seed drill's entry changed: update lengthen()"
        )
        text = text.rstrip("\n") + "\n\n" + copy
        ids.append(new_id)
    drills.write_text(text, encoding="utf-8")
    programs = project / "data" / "programs.yml"
    all_ids = [d.id for d in content_model.load(project / "data").drills]
    entry = (
        f"- id: {LONG}\n  title: A long program\n  summary: These drills help your hips move better.\n"
        "  drills:\n" + "".join(f"    - {drill_id}\n" for drill_id in all_ids)
    )
    programs.write_text(programs.read_text(encoding="utf-8").rstrip("\n") + "\n" + entry, encoding="utf-8")


def program_line(project: Path, program_id: str) -> int:
    """The line of the program's entry in data/programs.yml, as the content model knows it."""
    line = content_model.load(project / "data").line_of("programs", program_id)
    text = (project / "data" / "programs.yml").read_text(encoding="utf-8").splitlines()
    assert text[line - 1] == f"- id: {program_id}", (line, text[line - 1])
    return line


def expected_messages(project: Path, site: Path, program_id: str) -> tuple[list[str], list[str]]:
    """(what the build must say, what it must not say) for each version,
    from the written PDFs' own page counts."""
    line = program_line(project, program_id)
    over, within = [], []
    for variant in PDF_VARIANTS:
        pages = len(page_sizes(site / pdf_path(program_id, variant)))
        if pages > variant.most_pages:
            over.append(
                f"data/programs.yml:{line}: program '{program_id}': the {variant.name} takes {pages} pages, "
                f"more than its {variant.most_pages}-page limit. {FIX}"
            )
        else:
            within.append(f"program '{program_id}': the {variant.name} takes")
    return over, within


def assert_stopped_on_limits(build: Build, project: Path, program_id: str) -> list[str]:
    assert build.returncode == 1, build.output
    assert "Traceback" not in build.output, build.output
    over, within = expected_messages(project, build.site, program_id)
    assert over, "the test data fits: lengthen() must add more drills"
    for message in over:
        assert message in build.output, build.output
    for unsaid in within:
        assert unsaid not in build.output, build.output
    count = len(over)
    noun = "handout is" if count == 1 else "handouts are"
    assert f"{count} {noun} longer than the page limit, so the site was not finished." in build.output
    return over


@pytest.fixture(scope="module")
def lengthened(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Build]:
    """A project with a program too long for its pages, built once (its PDFs in its .cache/).
    English only: the long program has no Spanish translation, so the Spanish site would only
    render the seed's sheets again (their limits: tests/test_sheets.py), a third of this build.
    It starts with the default site's .cache/ (warm): the seed's programs are unchanged, so their
    PDFs come from it and only the long program's are rendered."""
    tmp = tmp_path_factory.mktemp("lengthened")
    project = make_project(tmp, warm=True)
    shutil.rmtree(project / "data" / "es")
    lengthen(project)
    return project, mkdocs_build(project, tmp / "first")


def test_an_over_long_program_stops_the_build_at_its_line_and_again_from_the_cache(
    lengthened: tuple[Path, Build], tmp_path: Path
) -> None:
    project, first = lengthened
    said = assert_stopped_on_limits(first, project, LONG)
    assert f"program '{content_model.load(project / 'data').programs[0].id}'" not in first.output  # it fits
    assert any("regular handout (US Letter)" in m for m in said)
    assert len(said) == len(PDF_VARIANTS), "every version must be over its limit: lengthen() must add more"
    pdfs = 3 * len(content_model.load(project / "data").programs)
    assert f"PDF handouts: 3 made, {pdfs - 3} unchanged" in first.output  # the long program's three

    # Built again with nothing changed: every PDF comes from the cache, and the limits are still checked.
    second = mkdocs_build(project, tmp_path / "second")
    assert f"PDF handouts: 0 made, {pdfs} unchanged" in second.output, second.output
    assert assert_stopped_on_limits(second, project, LONG) == said


def test_the_page_count_is_kept_with_each_cached_pdf(tmp_path: Path) -> None:
    """A build from the cache alone (nothing rendered) checks against the limit as it is now.
    English only: the Spanish site's PDFs are checked the same way, by its own build, which runs
    first and would stop the build before the English is checked (tests/test_spanish_site.py).
    It starts with the default site's .cache/ (warm), which holds these English PDFs: both builds
    take every PDF from the cache."""
    project = make_project(tmp_path, warm=True)
    shutil.rmtree(project / "data" / "es")
    pdfs = 3 * len(content_model.load(project / "data").programs)
    good = mkdocs_build(project, tmp_path / "good")
    assert good.returncode == 0, good.output
    assert f"PDF handouts: 0 made, {pdfs} unchanged" in good.output, good.output
    # The regular US Letter handout is allowed one page fewer than it takes.
    program = content_model.load(project / "data").programs[0].id
    letter = next(v for v in PDF_VARIANTS if v.name == "regular handout (US Letter)")
    pages = len(page_sizes(good.site / pdf_path(program, letter)))
    assert pages == letter.most_pages, (
        "the seed handout no longer fills its pages: pick another limit to lower"
    )
    handout = project / "macros" / "handout.py"
    old = f'"PDF, US Letter", {letter.most_pages}, '
    text = handout.read_text(encoding="utf-8")
    assert text.count(old) == 1, "macros/handout.py changed: update this test"
    handout.write_text(text.replace(old, f'"PDF, US Letter", {pages - 1}, '), encoding="utf-8")

    lowered = mkdocs_build(project, tmp_path / "lowered")
    assert f"PDF handouts: 0 made, {pdfs} unchanged" in lowered.output, lowered.output
    assert lowered.returncode == 1 and "Traceback" not in lowered.output, lowered.output
    line = program_line(project, program)
    assert (
        f"data/programs.yml:{line}: program '{program}': the regular handout (US Letter) takes {pages} "
        "pages, "
        f"more than its {pages - 1}-page limit. {FIX}"
    ) in lowered.output
    assert (
        "(A4) takes" not in lowered.output and "large-print handout (US Letter) takes" not in lowered.output
    )


def test_make_build_keeps_the_last_good_site_when_a_handout_is_too_long(
    lengthened: tuple[Path, Build], tmp_path: Path
) -> None:
    project = make_project(tmp_path, warm=True)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    shutil.rmtree(project / "data" / "es")  # as the lengthened project, whose PDFs are reused
    lengthen(project)
    # The same data as the lengthened project: its PDFs come from that cache (the limits are checked
    # from the cache too), so they are not rendered a second time.
    shutil.copytree(
        lengthened[0] / ".cache" / "handout-pdfs", project / ".cache" / "handout-pdfs", dirs_exist_ok=True
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HANDOUT_PDFS", None)
    # -o install: this copy has no .venv of its own; the running interpreter has what it needs.
    result = subprocess.run(
        ["make", "-o", "install", "build", f"PY={sys.executable}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"program '{LONG}': the regular handout (US Letter) takes" in output, output
    assert "Traceback" not in output
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_serve_skips_pdfs_and_says_once_how_to_make_them(tmp_path: Path) -> None:
    """The preview makes no PDF, so it checks no limit: it says so once, not on every rebuild (nor
    for each language: the default site, both), with how to make them. From the default site's
    .cache/ (warm): its cached PDFs are left as they were."""
    project = make_project(tmp_path, warm=True)
    cached = project / ".cache" / "handout-pdfs"
    before = {p.name: p.stat().st_mtime_ns for p in cached.iterdir()}
    assert before, "the default site's build left no cached PDF"
    env = {key: value for key, value in os.environ.items() if key != "HANDOUT_PDFS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    timer = threading.Timer(240, process.kill)  # a server that never answers ends the test, not the suite
    timer.start()
    lines: list[str] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "Serving on" in line:  # the first build is done: an edit makes a second
                index = project / "docs" / "index.md"
                index.write_text(index.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
            if "Reloading browsers" in line:
                break
    finally:
        timer.cancel()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log = "".join(lines)
    assert "Serving on" in log and "Reloading browsers" in log, log  # two builds ran
    assert log.count("Building documentation...") == 2, log
    said = "PDF handouts are not made while previewing; make build makes them and checks their page limits"
    assert log.count(said) == 1, log
    assert f"INFO    -  {said} (or set HANDOUT_PDFS=1 to make them here)." in log, log
    assert "PDF handouts:" not in log and "PDF handouts skipped" not in log, log
    assert {p.name: p.stat().st_mtime_ns for p in cached.iterdir()} == before  # none made, none pruned
