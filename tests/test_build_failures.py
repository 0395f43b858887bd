"""Fail the build, never the reader: content mistakes stop the build with a clear message."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import NO_PDFS, ROOT, Build, make_project, mkdocs_build, mkdocs_serve, small_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the default project, starting with the default site's .cache/ (conftest's
    warm_cache): no test here counts what a build makes or reads .cache/."""
    return make_project(tmp_path, warm=True)


# A line of the home page that broken macros are put before (docs/index.md).
ANCHOR = "## [All the drills](drills/index.md)"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based line of a file that holds text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def assert_failed_cleanly(build, *expected: str) -> None:
    assert build.returncode != 0, build.output
    for text in expected:
        assert text in build.output, build.output
    assert "Traceback" not in build.output, build.output
    written = list(build.site.rglob("*.html")) if build.site.exists() else []
    assert written == [], f"pages were written: {written[:3]}"


def test_content_error_stops_the_build_before_any_page(project: Path, tmp_path: Path) -> None:
    edit(project / "data" / "drills.yml", "level: advanced", "level: expert")
    edit(project / "data" / "clinic.yml", "phone: 866-588-0230", "phone: 1-866-588-02303777")
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    level_line = line_of(project / "data" / "drills.yml", "level: expert")
    phone_line = line_of(project / "data" / "clinic.yml", "phone:")
    assert_failed_cleanly(
        build,
        f"data/drills.yml:{level_line}:3: drills[5].level: must be one of beginner, intermediate, advanced "
        "(got 'expert')",
        f"data/clinic.yml:{phone_line}:1: clinic.phone: is not a valid phone number",
        "Found 2 problems in the content files. Nothing was built.",
    )


def test_content_error_as_github_annotation(project: Path, tmp_path: Path) -> None:
    edit(project / "data" / "drills.yml", "level: advanced", "level: expert")
    build = mkdocs_build(project, tmp_path / "site", {**NO_PDFS, "GITHUB_ACTIONS": "true"})
    assert_failed_cleanly(build, "::error file=data/drills.yml,line=")
    assert (
        "title=drills[5].level::must be one of beginner, intermediate, advanced (got 'expert')"
        in build.output
    )


def break_home_page(project: Path, tmp_path: Path, marker: str):
    edit(project / "docs" / "index.md", ANCHOR, f"{marker}\n\n" + ANCHOR)
    return mkdocs_build(project, tmp_path / "site", NO_PDFS), line_of(project / "docs" / "index.md", marker)


def test_unknown_drill_id_in_a_page_fails_and_lists_known_ids(project: Path, tmp_path: Path) -> None:
    build, line = break_home_page(project, tmp_path, '{{ drill_card("figure-5-stretch") }}')
    assert_failed_cleanly(
        build,
        f"docs/index.md:{line}:1: drill_card: there is no drill with id 'figure-5-stretch' in "
        "data/drills.yml. "
        "Known ids: quadruped-rockbacks",
        "Nothing was built.",
    )


def test_undefined_variable_fails_instead_of_publishing_braces(project: Path, tmp_path: Path) -> None:
    build, line = break_home_page(project, tmp_path, "Call {{ clinic.fax }} today.")
    assert_failed_cleanly(
        build, f"docs/index.md:{line}:1: 'fax' is not known here (known: name, phone, region)"
    )


def test_misspelled_macro_lists_the_macros(project: Path, tmp_path: Path) -> None:
    build, line = break_home_page(project, tmp_path, '{{ drill_cart("spiderman") }}')
    assert_failed_cleanly(
        build, f"docs/index.md:{line}:1: 'drill_cart' is not a macro or variable we know", "drill_card"
    )


def test_missing_argument(project: Path, tmp_path: Path) -> None:
    build, line = break_home_page(project, tmp_path, "{{ drill_card() }}")
    assert_failed_cleanly(
        build, f"docs/index.md:{line}:1: drill_card(drill_id): missing a required argument: 'drill_id'"
    )


def test_broken_macro_syntax(project: Path, tmp_path: Path) -> None:
    build, line = break_home_page(project, tmp_path, '{{ drill_card("spiderman" }}')
    assert_failed_cleanly(build, f"docs/index.md:{line}:1: macro syntax error:")


def test_raw_blocks_show_braces_literally(project: Path, tmp_path: Path) -> None:
    edit(
        project / "docs" / "index.md",
        ANCHOR,
        '{% raw %}`{{ drill_card("spiderman") }}`{% endraw %}\n\n' + ANCHOR,
    )
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    assert build.returncode == 0, build.output
    code = build.html("").select_one("article code")
    assert code.get_text() == '{{ drill_card("spiderman") }}'


def test_a_drill_is_one_data_entry(project: Path, tmp_path: Path) -> None:
    """Adding an entry to data/drills.yml is all it takes: the build makes the drill's page."""
    with (project / "data" / "drills.yml").open("a", encoding="utf-8") as data:
        data.write(
            "\n- id: clamshell\n  name: 'Clamshell: # side \"hip\"'\n  summary: Works the side of your hip.\n"
            "  level: beginner\n  steps:\n    - Lie on your side.\n    - Lift your top knee.\n"
        )
    assert not (project / "docs" / "drills" / "clamshell.md").exists()
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    assert build.returncode == 0, build.output
    page = build.html("drills/clamshell/")
    assert page.title.get_text().startswith('Clamshell: # side "hip" - ')
    assert page.select_one('meta[name="description"]')["content"] == "Works the side of your hip."
    # staff's "Suggest a change to this page" (the footer) opens the data file the page comes from
    assert page.select_one(".clinic-footer__staff a[href]")["href"].endswith("/edit/main/data/drills.yml")
    assert [li.get_text(strip=True) for li in page.select("ol.drill__steps li")] == [
        "Lie on your side.",
        "Lift your top knee.",
    ]


def test_an_old_drill_page_file_says_what_to_delete(project: Path, tmp_path: Path) -> None:
    """A file in docs/ where a drill's page is generated (the Markdown file drills once needed)
    stops the build."""
    (project / "docs" / "drills" / "spiderman.md").write_text(
        '{{ drill_page("spiderman") }}\n', encoding="utf-8"
    )
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    line = line_of(project / "data" / "drills.yml", "- id: spiderman")
    assert_failed_cleanly(
        build,
        f"data/drills.yml:{line}:3: drills[5]: the page of drill 'spiderman' is made from data/drills.yml at "
        "drills/spiderman/, but docs/drills/spiderman.md is already there: delete that file",
    )


def test_drill_page_macro_only_on_the_drills_own_page(project: Path, tmp_path: Path) -> None:
    edit(project / "docs" / "index.md", ANCHOR, '{{ drill_page("spiderman") }}\n\n' + ANCHOR)
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    assert_failed_cleanly(
        build,
        "drill_page('spiderman') is only for the drill's own page, which the build makes from "
        "data/drills.yml; "
        "it cannot go in docs/index.md: show the drill there with drill_card('spiderman')",
    )


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    """The two links of the next two tests in one project, built with both right, then with both
    wrong: MkDocs' strict check reports each wrong link by itself, so one pair of builds serves both."""
    tmp = tmp_path_factory.mktemp("linked")
    project = make_project(tmp, warm=True)
    article = project / "docs" / "articles" / "hip-mobility-drills.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text + "\nSee [Spiderman](../drills/spiderman.md).\n", encoding="utf-8")
    home = project / "docs" / "index.md"
    edit(home, ANCHOR, "[Hip mobility](articles/back-pain-when-walking.md#limited-hip-mobility)\n\n" + ANCHOR)
    good = mkdocs_build(project, tmp / "good", NO_PDFS)
    article.write_text(text + "\nSee [Spiderman](../drills/spider-man.md).\n", encoding="utf-8")
    edit(home, "#limited-hip-mobility)", "#no-such-cause)")
    return good, mkdocs_build(project, tmp / "bad", NO_PDFS)


def warned(build: Build, text: str) -> bool:
    """The strict build stopped and gave text in a warning (which it counts), not as information."""
    lines = build.output.splitlines()
    return build.returncode != 0 and any(line.startswith("WARNING") and text in line for line in lines)


def test_links_to_drill_pages_are_checked(linked: tuple[Build, Build]) -> None:
    """A Markdown link to a drill's generated page counts for MkDocs' strict link check, like any page."""
    good, bad = linked
    assert good.returncode == 0, good.output
    link = good.html("articles/hip-mobility-drills/").select_one('article a[href^="../../drills/spiderman/"]')
    assert link is not None and link.get_text() == "Spiderman"
    assert warned(bad, "drills/spider-man.md"), bad.output


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "content_model", *args], cwd=project, capture_output=True, text=True, env=env
    )


def test_check_command_reports_every_problem_and_fails(project: Path) -> None:
    edit(project / "data" / "programs.yml", "    - spiderman", "    - spidermann")
    result = run_cli(project, "check")
    assert result.returncode == 1
    line = line_of(project / "data" / "programs.yml", "spidermann")
    assert (
        f"data/programs.yml:{line}:7: programs[0].drills[5]: 'spidermann' is not a drill in data/drills.yml"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_check_command_passes_on_default_content() -> None:
    result = run_cli(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "Content is valid: 9 drills, 5 root causes" in result.stdout


def test_new_drill_adds_the_entry_and_prints_next_steps(project: Path, tmp_path: Path) -> None:
    drills = project / "data" / "drills.yml"
    before = drills.read_text(encoding="utf-8")
    result = run_cli(project, "new-drill", "clamshell")
    assert result.returncode == 0, result.stderr
    line = line_of(drills, "- id: clamshell")
    assert f"Added drill 'clamshell' to data/drills.yml, at line {line}." in result.stdout
    assert f"Open data/drills.yml at line {line} and replace each (...) with your words" in result.stdout
    after = drills.read_text(encoding="utf-8")
    # The rest of the file is as it was.
    assert after.startswith(before.rstrip("\n") + "\n\n- id: clamshell\n")
    assert not (project / "docs" / "drills" / "clamshell.md").exists()  # no page file: the build makes it
    # Added again, nothing changes.
    again = run_cli(project, "new-drill", "clamshell")
    assert again.returncode == 0 and "already has a drill 'clamshell': nothing added" in again.stdout
    assert drills.read_text(encoding="utf-8") == after
    # Until each (...) is replaced, the check and the build refuse the drill, naming its lines.
    index = before.count("\n- id: ") + before.startswith("- id: ")  # the new entry's place in the list
    unfinished = (
        f'data/drills.yml:{line + 1}:3: drills[{index}].name: "(the drill\'s name)" is still the placeholder'
    )
    check = run_cli(project, "check")
    assert check.returncode == 1 and unfinished in check.stderr, check.stderr
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    assert_failed_cleanly(build, unfinished)
    # With the drill's own words, it builds, and the page is there.
    entry = after[after.index("- id: clamshell\n") :]
    written = (
        entry.replace("(the drill's name)", "Clamshell")
        .replace("(one or two sentences on what it does)", "This drill makes the side of your hip stronger.")
        .replace("(first step)", "Lie on your side with your knees bent.")
        .replace("(second step)", "Lift your top knee, then lower it slowly.")
        .replace("(when to stop)", "Stop if your hip hurts.")
        .replace("(how much)", "{sets: 2, reps: 10, per_day: 1}")
    )
    assert "(" not in written, written
    drills.write_text(after.replace(entry, written), encoding="utf-8")
    build = mkdocs_build(project, tmp_path / "site2", NO_PDFS)
    assert build.returncode == 0, build.output
    assert build.html("drills/clamshell/").select_one("h1").get_text(strip=True) == "Clamshell"


def test_new_drill_refuses_a_bad_id(project: Path) -> None:
    before = (project / "data" / "drills.yml").read_bytes()
    result = run_cli(project, "new-drill", "Clam Shell")
    assert result.returncode == 2
    assert "must be a lowercase id" in result.stderr
    assert (project / "data" / "drills.yml").read_bytes() == before


def test_new_drill_leaves_a_file_it_cannot_add_to_alone(project: Path) -> None:
    drills = project / "data" / "drills.yml"
    drills.write_text("# yaml-language-server: $schema=../schemas/drills.schema.json\n[]\n", encoding="utf-8")
    result = run_cli(project, "new-drill", "clamshell")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "does not end with a drill, so the new one cannot be added at its end" in result.stderr
    assert "- id: clamshell" in result.stderr  # the entry to add by hand
    assert drills.read_text(encoding="utf-8").endswith("[]\n")


@pytest.mark.parametrize(
    "written", ['```\n{{ drill_card("spiderman") }}\n```', 'See `{{ drill_card("spiderman") }}` here.']
)
def test_macro_inside_code_fails_with_page_and_line(project: Path, tmp_path: Path, written: str) -> None:
    """A macro's HTML cannot show inside code: the build stops instead of printing a placeholder."""
    edit(project / "docs" / "index.md", ANCHOR, f"{written}\n\n" + ANCHOR)
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    line = line_of(project / "docs" / "index.md", '{{ drill_card("spiderman") }}')
    assert_failed_cleanly(
        build,
        f"docs/index.md:{line}:1: this macro's output landed inside a code block or inline code",
        "{% raw %}",
        "A page has a mistake in a macro (see CONTRIBUTING.md, 'Macros'). Nothing was built.",
    )
    assert build.output.count("landed inside") == 1, build.output  # said once, without MkDocs' ERROR copy


def test_links_to_anchors_in_macro_html_are_checked(linked: tuple[Build, Build]) -> None:
    """Anchors that macros write (a root cause's section) count for MkDocs' strict link check."""
    good, bad = linked
    assert good.returncode == 0, good.output
    assert warned(bad, "no-such-cause"), bad.output


def test_one_build_lists_the_mistakes_of_every_page(project: Path, tmp_path: Path) -> None:
    """Each page is read before the build stops: an editor fixes every page after one run."""
    home = project / "docs" / "index.md"
    drill = project / "docs" / "drills" / "index.md"
    edit(home, ANCHOR, '{{ drill_card("figure-5-stretch") }}\n\nCall {{ clinic.fax }}.\n\n' + ANCHOR)
    drill.write_text(
        drill.read_text(encoding="utf-8") + '\n{{ drill_cart("spiderman") }}\n', encoding="utf-8"
    )
    build = mkdocs_build(project, tmp_path / "site", NO_PDFS)
    assert_failed_cleanly(
        build,
        f"docs/index.md:{line_of(home, 'figure-5-stretch')}:1: drill_card: there is no drill with id "
        "'figure-5-stretch'",
        f"docs/drills/index.md:{line_of(drill, 'drill_cart')}:1: 'drill_cart' is not a macro or variable we "
        "know",
        "2 pages have a mistake in a macro (see CONTRIBUTING.md, 'Macros'). Nothing was built.",
    )
    assert "fax" not in build.output  # the first mistake of a page is the one reported


def test_serve_waits_out_a_page_mistake_and_shows_the_fix(tmp_path: Path) -> None:
    """`mkdocs serve` prints the mistake, keeps running, and serves the page again once it is fixed.
    On the small clinic's site (conftest.small_project): how serve meets a page's mistake does not
    depend on the content, and each of its three builds is then a fraction of the default site's."""
    project = small_project(tmp_path)
    page = project / "docs" / "index.md"
    good = page.read_text(encoding="utf-8")
    assert good.endswith("\n"), good
    with mkdocs_serve(project) as (url, server, log):
        wait_for_page(url, "<html", server)
        page.write_text(good + '\n{{ drill_card("figure-5-stretch") }}\n', encoding="utf-8")
        line = line_of(page, "figure-5-stretch")
        wait_for(lambda: "A page has a mistake in a macro" in log.read_text(encoding="utf-8"), server)
        assert server.poll() is None, log.read_text(encoding="utf-8")  # still serving
        page.write_text(good + "\nFixed and served again.\n", encoding="utf-8")
        wait_for_page(url, "Fixed and served again.", server)
    text = log.read_text(encoding="utf-8")
    assert f"docs/index.md:{line}:1: drill_card: there is no drill" in text, text
    assert "Traceback" not in text, text


def wait_for(condition, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert server.poll() is None, "mkdocs serve stopped"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def wait_for_page(url: str, wanted: str, server: subprocess.Popen) -> None:
    """Until the served page holds ``wanted`` (the server holds requests while a rebuild waits)."""

    def shows() -> bool:
        try:
            return wanted in urllib.request.urlopen(url, timeout=2).read().decode()
        except OSError:
            return False

    wait_for(shows, server)
