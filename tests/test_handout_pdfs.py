"""The PDF handouts that hooks/pdf_handouts.py writes after the build, read back as a patient gets them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
from mkdocs.exceptions import Abort

import content_model
from browser import free_port
from build_state_helpers import config_with_state, pdf_hook_folders
from conftest import ROOT, Build, load_hook, make_project, mkdocs_build, small_project
from macros.dose import steps_with_hold
from macros.handout import PDF_VARIANTS
from pdf_tools import metadata, page_sizes, page_texts, qr_codes

SITE_URL = "https://example.org/"  # mkdocs.yml's default; tests build without SITE_URL set
PAPER = {"letter": (612.0, 792.0), "A4": (595.28, 841.89)}
# (file, paper, most pages) for each program; the page limits are the build's own (macros/handout.py)
VARIANTS = [("{id}" + v.suffix + ".pdf", PAPER[v.paper], v.most_pages) for v in PDF_VARIANTS]
# What only the web page shows: navigation, search, buttons, Material's footer.
CHROME_TEXT = [
    "Skip to content",
    "Search",
    "Made with",
    "Material for MkDocs",
    "Print this",
    "Edit this page",
    "Back to top",
    "Large-print version",
    "PDF, US Letter",
    "Previous",
    "Next",
]


def content() -> content_model.Content:
    return content_model.load(ROOT / "data", shown_dir="data")


def drill_url(drill_id: str, site_url: str = SITE_URL) -> str:
    return urljoin(site_url, f"drills/{drill_id}/")


def same_size(actual: tuple[float, float], expected: tuple[float, float]) -> bool:
    return abs(actual[0] - expected[0]) < 1 and abs(actual[1] - expected[1]) < 1


def nav_labels(site: Build) -> list[str]:
    """The text of every navigation link, taken from the built home page."""
    home = site.html("")
    return sorted(
        {a.get_text(" ", strip=True) for a in home.select(".md-nav--primary a.md-nav__link")} - {""}
    )


@pytest.fixture(scope="module")
def pdfs(site: Build) -> dict[str, Path]:
    found = {p.relative_to(site.site).as_posix(): p for p in (site.site / "handouts").glob("*.pdf")}
    return found


def test_every_program_has_its_three_pdfs_and_nothing_else(pdfs: dict[str, Path]) -> None:
    expected = {f"handouts/{name.format(id=p.id)}" for p in content().programs for name, _, _ in VARIANTS}
    assert set(pdfs) == expected
    for path in pdfs.values():
        assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(("name", "paper", "most_pages"), VARIANTS)
def test_pdf_paper_and_page_count(
    pdfs: dict[str, Path], name: str, paper: tuple[float, float], most_pages: int
) -> None:
    for program in content().programs:
        sizes = page_sizes(pdfs[f"handouts/{name.format(id=program.id)}"])
        assert 1 <= len(sizes) <= most_pages, f"{name.format(id=program.id)} has {len(sizes)} pages"
        assert all(same_size(size, paper) for size in sizes), sizes


@pytest.mark.parametrize(("name", "paper", "most_pages"), VARIANTS)
def test_pdf_text_has_every_drill_and_step_and_the_phone_on_every_page(
    pdfs: dict[str, Path], site: Build, name: str, paper: tuple[float, float], most_pages: int
) -> None:
    data = content()
    phone = data.clinic.phone_display
    chrome = CHROME_TEXT + nav_labels(site)
    for program in data.programs:
        pages = page_texts(pdfs[f"handouts/{name.format(id=program.id)}"])
        whole = " ".join(pages)
        for number, page in enumerate(pages, start=1):
            assert phone in page, f"page {number} has no phone number"
            assert f"Page {number} of {len(pages)}" in page
            # the web page's call to action is not printed: paper goes to patients (issue 17)
            assert data.clinic.call_to_action.heading not in page
        # the sheet's own message and when to stop and call, once, at its end
        assert (
            "Stop and call us if pain spreads, gets sharper, or you feel numbness or tingling." in (pages[-1])
        )
        assert f"Questions about your exercises? Call us at {phone}." in pages[-1]
        for position, drill in enumerate(data.program_drills(program.id), start=1):
            # A drill is never split: its numbered name and every step are on one page.
            holding = [page for page in pages if f"{position}. {drill.name}" in page]
            assert holding, f"{drill.name} is missing"
            shown = [step.text for step in steps_with_hold(drill.steps, drill.dose)]
            assert all(step in holding[0] for step in shown), f"{drill.name} is split or incomplete"
            for caution in drill.cautions:
                assert caution in whole
        for text in chrome:
            assert text not in whole, f"the PDF shows {text!r} from the web page"


def test_drills_come_in_program_order(pdfs: dict[str, Path]) -> None:
    data = content()
    for program in data.programs:
        whole = " ".join(page_texts(pdfs[f"handouts/{program.id}.pdf"]))
        places = [
            whole.index(f"{n}. {d.name}") for n, d in enumerate(data.program_drills(program.id), start=1)
        ]
        assert places == sorted(places)


def test_pdf_metadata_names_the_handout_and_the_clinic(pdfs: dict[str, Path]) -> None:
    data = content()
    for program in data.programs:
        regular = metadata(pdfs[f"handouts/{program.id}.pdf"])
        assert regular["/Title"] == program.title
        assert regular["/Author"] == data.clinic.name
        large = metadata(pdfs[f"handouts/{program.id}-large-print.pdf"])
        assert large["/Title"] == f"{program.title} (large print)"
        assert large["/Author"] == data.clinic.name


@pytest.mark.parametrize(("name", "paper", "most_pages"), VARIANTS)
def test_each_qr_code_opens_its_drill_page(
    pdfs: dict[str, Path], site: Build, name: str, paper: tuple[float, float], most_pages: int
) -> None:
    data = content()
    for program in data.programs:
        pdf = pdfs[f"handouts/{name.format(id=program.id)}"]
        decoded = [url for page in qr_codes(pdf) for url in page]
        assert sorted(decoded) == sorted(drill_url(d) for d in program.drills)
        for url in decoded:  # and each address is a page of the site
            assert (site.site / url.removeprefix(SITE_URL) / "index.html").is_file()


def test_qr_codes_sit_beside_their_drill(pdfs: dict[str, Path]) -> None:
    """On each page, the codes found are those of the drills printed on that page."""
    data = content()
    for program in data.programs:
        pdf = pdfs[f"handouts/{program.id}-a4.pdf"]
        for text, urls in zip(page_texts(pdf), qr_codes(pdf), strict=True):
            drills = enumerate(data.program_drills(program.id), start=1)
            on_page = [d.id for n, d in drills if f"{n}. {d.name}" in text]
            assert sorted(urls) == sorted(drill_url(i) for i in on_page)


# --- When PDFs are made ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "setting", "wanted"),
    [
        ("build", None, True),
        ("serve", None, False),
        ("serve", "1", True),
        ("build", "0", False),
        ("gh-deploy", None, True),
    ],
)
def test_pdfs_are_skipped_in_serve_unless_forced(
    monkeypatch: pytest.MonkeyPatch, command: str, setting: str | None, wanted: bool
) -> None:
    hook = load_hook("pdf_handouts.py")
    if setting is None:
        monkeypatch.delenv("HANDOUT_PDFS", raising=False)
    else:
        monkeypatch.setenv("HANDOUT_PDFS", setting)
    hook.on_startup(command=command, dirty=False)
    assert hook.wanted() is wanted


def test_a_wrong_switch_value_stops_with_what_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = load_hook("pdf_handouts.py")
    monkeypatch.setenv("HANDOUT_PDFS", "maybe")
    with pytest.raises(Abort, match=r"HANDOUT_PDFS is set to 'maybe': set it to 1 .* or 0"):
        hook.wanted()


def serve_log(project: Path, extra_env: dict[str, str]) -> str:
    """Start `mkdocs serve` on the project, read its log until it serves, then stop it."""
    env = {key: value for key, value in os.environ.items() if key != "HANDOUT_PDFS"}
    env.update({"NO_MKDOCS_2_WARNING": "1", **extra_env})
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{free_port()}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 180
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if "Serving on" in line or time.monotonic() > deadline:
                break
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return "".join(lines)


# That `mkdocs serve` makes no PDF and says once how to make them, on the default site in both
# languages: tests/test_page_limits.py (test_serve_skips_pdfs_and_says_once_how_to_make_them).


def test_serve_makes_pdfs_when_forced(tmp_path: Path) -> None:
    """On the small clinic's site (one program): whether serve makes PDFs does not depend on the
    content, and no cache would spare the default site's twelve (serve's own address is in every
    QR code, so each PDF is another document)."""
    project = small_project(tmp_path)
    log = serve_log(project, {"HANDOUT_PDFS": "1"})
    assert "Serving on" in log, log
    count = 3 * len(content_model.load(project / "data", shown_dir="data").programs)
    assert count == 3 and f"PDF handouts: {count} made, 0 unchanged" in log, log


# --- Failures are loud; unchanged PDFs are not made twice --------------------------------------


def fake_config(project: Path, site_dir: Path) -> SimpleNamespace:
    """A config as the hook sees it after the build: with the build's state (content, handout views)."""
    config, _state = config_with_state(
        project, site_dir=str(site_dir), site_url=SITE_URL, use_directory_urls=True
    )
    return config


def test_a_pdf_that_fails_to_render_stops_the_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, site: Build
) -> None:
    import weasyprint

    def broken(*args: object, **kwargs: object) -> bytes:
        raise ValueError("cannot lay out this page")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    monkeypatch.setattr(weasyprint.HTML, "render", broken)  # the hook lays out first, to count the pages
    monkeypatch.delenv("HANDOUT_PDFS", raising=False)
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for file in (ROOT / "data").glob("*.yml"):
        (project / "data" / file.name).write_bytes(file.read_bytes())
    hook = load_hook("pdf_handouts.py")
    hook.on_startup(command="build", dirty=False)
    with pytest.raises(Abort) as stopped:
        hook.on_post_build(fake_config(project, site.site))
    first = content().programs[0].id
    assert str(stopped.value).startswith(
        f"Could not make the PDF handouts/{first}.pdf: ValueError: cannot lay out this page."
    )
    assert not (project / ".cache" / "handout-pdfs").exists() or not any(
        (project / ".cache" / "handout-pdfs").iterdir()
    )


def test_the_preview_and_the_site_keep_their_own_cached_pdfs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, site: Build
) -> None:
    """CI builds the site, then the preview (--no-directory-urls: its handouts link to .html pages, so
    the PDFs' keys differ). Neither prunes the other's cached PDFs, so the next run makes none."""

    hook = load_hook("pdf_handouts.py")
    rendered: list[int] = []

    def fake_render_all(todo: list, base_url: str) -> list[tuple[bytes, int]]:
        rendered.append(len(todo))
        return [(b"%PDF-" + job.target.encode(), 1) for job in todo]

    monkeypatch.setattr(hook, "_render_all", fake_render_all)
    monkeypatch.delenv("HANDOUT_PDFS", raising=False)
    project, out = pdf_hook_folders(tmp_path, site.site)
    hook.on_startup(command="build", dirty=False)
    for directory_urls in (True, False, True, False):  # build, preview, and both again
        config, _state = config_with_state(
            project, site_dir=str(out), site_url=SITE_URL, use_directory_urls=directory_urls
        )
        hook.on_post_build(config)
    count = 3 * len(content().programs)
    assert rendered == [count, count, 0, 0]
    cache = project / ".cache" / "handout-pdfs"
    site_pdfs = {p.name for p in cache.glob("*.pdf")}
    preview_pdfs = {p.name for p in (cache / "no-directory-urls").glob("*.pdf")}
    assert len(site_pdfs) == len(preview_pdfs) == count
    assert not site_pdfs & preview_pdfs, "the preview's handouts are other documents (links to .html)"


def test_a_sheet_laid_out_in_on_files_is_found_even_when_minify_runs_before_the_pdfs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With tracker_weeks: 2, on_files lays every sheet out (to count its pages) and keeps the PDFs
    in the cache; on_post_build finds them there and lays none out again. That holds whatever the
    hooks' order: here hooks/minify_assets.py minifies the built stylesheets before the PDFs'
    on_post_build (it runs after them in mkdocs.yml), and the keys still agree, because both of the
    PDF hook's events take the stylesheets read once per build from their sources (on_files).
    Rendering is faked (every sheet one page long): what is checked is which sheets are laid out."""
    import rcssmin
    from mkdocs.structure.files import Files

    hook = load_hook("pdf_handouts.py")
    minify = load_hook("minify_assets.py")
    rendered: list[int] = []

    def fake_render_all(todo: list, base_url: str, fetcher: object = None) -> list[tuple[bytes, int]]:
        rendered.append(len(todo))
        return [(b"%PDF-" + job.target.encode(), 1) for job in todo]

    monkeypatch.setattr(hook, "_render_all", fake_render_all)
    monkeypatch.setenv("HANDOUT_PDFS", "1")
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for file in (ROOT / "data").glob("*.yml"):
        (project / "data" / file.name).write_bytes(file.read_bytes())
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(clinic.read_text(encoding="utf-8") + "tracker_weeks: 2\n", encoding="utf-8")
    config, _state = config_with_state(
        project, site_dir=str(tmp_path / "site"), docs_dir=str(ROOT / "docs"), use_directory_urls=True
    )
    # The site's files as MkDocs's build hands them to on_files: its theme's among them (the stylesheets).
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    hook.on_startup(command="build", dirty=False)
    minify.on_pre_build(config)  # its scripts read, as the build does before on_files
    hook.on_files(files, config)
    count = 3 * len(content().programs)
    assert rendered == [count]  # every sheet laid out once, to count its pages
    sheets = [files.get_file_from_path(name) for name in hook.STYLESHEETS]
    for sheet in sheets:
        sheet.copy_file()  # written into the site, as the build writes it
    minify.on_post_build(config)  # before the PDFs
    for sheet in sheets:
        built = Path(sheet.abs_dest_path).read_text(encoding="utf-8")
        assert built == rcssmin.cssmin(sheet.content_string) != sheet.content_string, sheet.src_uri
    hook.on_post_build(config)
    assert rendered == [count, 0], "the PDFs' keys changed with the minified stylesheets: laid out twice"
    for program in content().programs:
        assert (tmp_path / "site" / "handouts" / f"{program.id}.pdf").read_bytes().startswith(b"%PDF-")


def test_a_pdf_that_cannot_be_written_fails_the_real_build(tmp_path: Path) -> None:
    """A folder where the PDF goes: the build stops, names the PDF, and shows no traceback.
    The small clinic's site from an empty cache, so that the PDF is rendered, then written (a
    cached one is only copied: "Could not write")."""
    project = small_project(tmp_path)
    program = content_model.load(project / "data", shown_dir="data").programs[0].id
    blocker = project / "docs" / "handouts" / f"{program}.pdf"
    blocker.mkdir(parents=True)
    (blocker / "note.txt").write_text("in the way", encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 1
    assert f"Could not make the PDF handouts/{program}.pdf: IsADirectoryError" in build.output
    assert "Traceback" not in build.output


def test_unchanged_pdfs_come_from_the_cache(site: Build, tmp_path: Path) -> None:
    """A copy of the project with the default site's .cache/ (warm): its build makes no PDF and
    writes the very files the default site's build made; a change to what one program's handouts show
    makes those again, and only those.
    (A build from an empty cache, then again from the one it filled: tests/test_page_limits.py.)"""
    project = make_project(tmp_path, warm=True)

    def build(out: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / out)],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout + result.stderr

    count = 3 * len(content().programs)
    assert f"PDF handouts: 0 made, {count} unchanged" in build("first")
    made = sorted((site.site / "handouts").glob("*.pdf"))
    assert len(made) == count
    for pdf in made:
        assert pdf.read_bytes() == (tmp_path / "first" / "handouts" / pdf.name).read_bytes()
    # A change to what one program's handouts show makes those three again, and only those.
    programs = project / "data" / "programs.yml"
    title = content().programs[-1].title
    text = programs.read_text(encoding="utf-8")
    assert text.count(f"title: {title}\n") == 1
    programs.write_text(text.replace(f"title: {title}\n", f"title: {title} today\n"), encoding="utf-8")
    assert f"PDF handouts: 3 made, {count - 3} unchanged" in build("changed")
    # old ones pruned; the Spanish site's PDFs (its own texts, unchanged) are kept beside them
    spanish = 3 * len(content().localized("es").programs)
    assert len(list((project / ".cache" / "handout-pdfs").glob("*.pdf"))) == count + spanish
