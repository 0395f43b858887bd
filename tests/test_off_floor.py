"""Issue 19's default content: an easier version off the floor for every floor drill, the program
without floor work, their Spanish, and the page on getting down to the floor and back up."""

from __future__ import annotations

from pathlib import Path

import pytest

import content_model
from build_state_helpers import config_with_state
from conftest import ROOT, Build, mkdocs_build
from content_model import ContentErrors, UnknownIdError
from content_model.poses import (
    CHAIR_KNEELING_X,
    LIMB_RADIUS,
    SEAT_DEPTH,
    SEAT_HEIGHT,
    Adjustments,
    PoseProblem,
    solve,
)
from macros.page_context import PageContext
from macros.page_figures import page_figures

CONTENT = content_model.load(ROOT / "data")
SPANISH = CONTENT.translation("es")
FLOOR_DRILLS = [d for d in CONTENT.drills if d.needs_floor]
OFF_FLOOR_PROGRAM = "hip-mobility-off-the-floor"
FLOOR_PAGE = ROOT / "docs" / "articles" / "getting-down-to-the-floor.md"
FLOOR_PAGE_ES = FLOOR_PAGE.with_name("getting-down-to-the-floor.es.md")


def test_the_six_hip_drills_are_the_floor_drills() -> None:
    assert [d.id for d in FLOOR_DRILLS] == CONTENT.program("hip-mobility").drills


@pytest.mark.parametrize("drill", FLOOR_DRILLS, ids=lambda d: d.id)
def test_every_floor_drill_has_an_easier_version_off_the_floor(drill: content_model.Drill) -> None:
    easier = CONTENT.easier_than(drill.id)
    off_floor = [d for d in easier if not d.needs_floor]
    assert off_floor, f"{drill.id}: no easier version done standing or seated ({[d.id for d in easier]})"
    for version in off_floor:
        assert version.floor is False, f"{version.id} says in its data that it is done off the floor"
        assert drill in CONTENT.harder_than(version.id)
        bases = {p.figure.base for p in version.pictures if p.figure is not None}
        assert bases and bases <= {"standing", "seated"}, version.id


def test_the_off_floor_drills_are_written_like_the_others() -> None:
    off_floor = [d for d in CONTENT.drills if not d.needs_floor]
    assert [d.id for d in off_floor] == CONTENT.program(OFF_FLOOR_PROGRAM).drills
    for drill in off_floor:
        assert drill.level == "beginner" and drill.dose is not None and not drill.dose.is_empty, drill.id
        assert drill.steps and drill.cautions and drill.targets, drill.id
        assert drill.video is None, f"{drill.id}: no video address was given to us"
        assert drill.needs_review and "standard physical therapy practice" in drill.needs_review
        assert [p.caption for p in drill.pictures] == ["Start", "End"]
        assert all(p.needs_review for p in drill.pictures), drill.id
        props = {prop for p in drill.pictures for prop in p.figure.props}
        assert props & {"counter", "chair"}, f"{drill.id}: the figure holds or sits on something"


def test_the_program_without_floor_work_and_the_six_drill_program() -> None:
    program = CONTENT.program(OFF_FLOOR_PROGRAM)
    assert program.title == "Hip mobility without getting on the floor"
    drills = CONTENT.program_drills(OFF_FLOOR_PROGRAM)
    assert drills and not any(d.needs_floor for d in drills)
    six = CONTENT.program("hip-mobility")
    assert six.title == "6 hip mobility drills"
    assert six.drills == [
        "quadruped-rockbacks",
        "adductor-quadruped-rockbacks",
        "half-kneel-hip-flexor-stretch",
        "posterior-hip-stretch",
        "figure-4-stretch",
        "spiderman",
    ]


def test_the_new_drills_and_program_are_complete_in_spanish() -> None:
    assert SPANISH.is_complete, SPANISH.summary()
    assert SPANISH.has_program(OFF_FLOOR_PROGRAM)
    for english in CONTENT.program_drills(OFF_FLOOR_PROGRAM):
        spanish = SPANISH.drill(english.id)
        assert spanish.name != english.name and spanish.summary != english.summary
        assert len(spanish.steps) == len(english.steps)
        for ours, theirs in zip(spanish.pictures, english.pictures, strict=True):
            assert ours.alt != theirs.alt and ours.caption in ("Inicio", "Final")
            assert ours.figure == theirs.figure  # the figure comes from the English entry
        review = SPANISH.review("drills", english.id)
        assert review is not None and review.needs_review, f"{english.id}: marked for a translator"
    assert SPANISH.review("programs", OFF_FLOOR_PROGRAM).needs_review


# --- the page on getting down to the floor --------------------------------------------------------


def _floor_page(site: Build, spanish: bool = False) -> object:
    if not spanish:
        return site.html("articles/getting-down-to-the-floor/")
    # where the Spanish page is published depends on the site's language wiring
    for path in ("es/articles/getting-down-to-the-floor/", "articles/getting-down-to-the-floor.es/"):
        if (site.site / path / "index.html").is_file():
            return site.html(path)
    raise AssertionError("the Spanish page on getting down to the floor was not built")


@pytest.mark.parametrize("spanish", [False, True], ids=["english", "spanish"])
def test_the_floor_page_shows_its_pictures_with_alt_text(site: Build, spanish: bool) -> None:
    page = _floor_page(site, spanish)
    rows = page.select("article .page-figures")
    assert [len(row.select("figure.drill-figure")) for row in rows] == [2, 3]  # getting down, getting up
    for row in rows:
        boxes = {svg["viewbox"].split()[3] for svg in row.select("svg")}
        assert len(boxes) == 1, "the pictures of a row are as tall, so their floors line up"
        for figure in row.select("figure.drill-figure"):
            svg = figure.find("svg")
            alt = svg["aria-label"]
            assert svg["role"] == "img" and len(alt.split()) >= 4, alt
            assert svg.find("title").get_text() == alt
            assert figure.find("figcaption").get_text(strip=True)
            assert svg.select(".figure__body .figure__near line"), "a figure is drawn"
            assert not svg.select(".figure__ghost, .figure__arrow"), "each picture is a step of its own"
    chairs = [len(svg.select(".figure__prop--chair")) for svg in page.select("article .page-figures svg")]
    assert chairs == [1, 0, 0, 1, 1]  # the chair held while kneeling, and sat on at the end
    steps = page.select("article ol")
    assert len(steps) == 2 and rows[0].sourceline > steps[0].sourceline


def test_the_spanish_floor_page_is_in_spanish_with_the_same_figures(site: Build) -> None:
    english, spanish = _floor_page(site), _floor_page(site, spanish=True)
    ours = [svg for svg in spanish.select("article .page-figures svg")]
    theirs = [svg for svg in english.select("article .page-figures svg")]
    assert [str(s.select_one(".figure__body")) for s in ours] == [
        str(s.select_one(".figure__body")) for s in theirs
    ], "the Spanish page draws the same figures"
    assert all(a["aria-label"] != b["aria-label"] for a, b in zip(ours, theirs, strict=True))
    assert spanish.find("h1").get_text(strip=True).startswith("Cómo bajar al piso")


def test_the_floor_page_is_linked_and_says_it_needs_review(site: Build) -> None:
    home = site.html("")
    links = [a["href"] for a in home.select("article a[href]")]
    assert any(link.rstrip("/").endswith("articles/getting-down-to-the-floor") for link in links), links
    page = site.html("articles/getting-down-to-the-floor/")
    handout = [a for a in page.select("article a[href]") if "hip-mobility-off-the-floor" in a["href"]]
    assert handout, "the page points to the program without floor work"
    for path in (FLOOR_PAGE, FLOOR_PAGE_ES):
        front = path.read_text(encoding="utf-8").split("---")[1]
        assert "needs_review:" in front, f"{path.name} is marked for a clinician's review"


# --- the macro and the pose it needed ------------------------------------------------------------


@pytest.fixture(scope="module")
def page() -> PageContext:
    _config, state = config_with_state(ROOT)
    return PageContext(state, "articles/x/", "articles/x.md", ROOT / "docs", None)


KNEEL = {"base": "half_kneel", "trunk_lean": 45, "props": ["chair"]}


def test_page_figures_refuses_what_a_drill_picture_refuses(page: PageContext) -> None:
    with pytest.raises(UnknownIdError, match="picture 1: alt: Field required"):
        page_figures(page, {"figure": KNEEL})
    with pytest.raises(UnknownIdError, match=r"picture 2: figure: .*the hands cannot reach the chair's seat"):
        page_figures(
            page,
            {"alt": "Kneeling at a chair.", "figure": KNEEL},
            {"alt": "Kneeling upright at a chair.", "figure": {**KNEEL, "trunk_lean": 0}},
        )
    with pytest.raises(UnknownIdError, match="is a placeholder"):
        page_figures(page, {"alt": "Picture", "figure": KNEEL})
    with pytest.raises(UnknownIdError, match="drawn from a figure"):
        page_figures(page, {"alt": "Kneeling at a chair.", "file": "pictures/kneel.jpg"})
    with pytest.raises(UnknownIdError, match="1 to 4 pictures"):
        page_figures(page)
    with pytest.raises(UnknownIdError, match="in braces"):
        page_figures(page, "half_kneel")


def test_a_half_kneeling_figure_rests_both_hands_on_the_seat_of_a_chair_in_front() -> None:
    body = solve(Adjustments(base="half_kneel", trunk_lean=45, props=("chair",)))
    assert [what for what, _ in body.supports] == ["chair", "chair"]
    for _, hand in body.supports:
        assert hand[1] == pytest.approx(SEAT_HEIGHT + LIMB_RADIUS)
        assert CHAIR_KNEELING_X < hand[0] < CHAIR_KNEELING_X + SEAT_DEPTH
    (chair,) = body.props
    back, _seat = chair.shapes
    assert {round(p[0], 6) for p in back} == {round(CHAIR_KNEELING_X + SEAT_DEPTH, 6)}  # the back is away
    front = body.limb("far leg").toe
    assert front[0] < CHAIR_KNEELING_X, "the front foot stays in front of the chair"
    # without a chair the arms hang, as before
    assert solve(Adjustments(base="half_kneel")).supports == ()
    with pytest.raises(PoseProblem, match="cannot reach the chair's seat"):
        solve(Adjustments(base="half_kneel", props=("chair",)))


def test_arm_raise_is_refused_when_the_hands_rest_on_a_chair(tmp_path: Path) -> None:
    drills = (ROOT / "data" / "drills.yml").read_text(encoding="utf-8")
    old = "figure: {base: half_kneel, forward: 0.8}"
    assert old in drills
    data = tmp_path / "data"
    data.mkdir()
    for name in ("clinic.yml", "root_causes.yml", "programs.yml"):
        (data / name).write_text((ROOT / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    (data / "drills.yml").write_text(
        drills.replace(old, "figure: {base: half_kneel, trunk_lean: 45, arm_raise: 30, props: [chair]}"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as raised:
        content_model.load(data, shown_dir="data")
    [error] = [e for e in raised.value.errors if e.severity == "error"]
    assert error.line == drills.splitlines().index(next(x for x in drills.splitlines() if old in x)) + 1
    assert "arm_raise does not apply to base half_kneel with a chair" in error.message


def test_a_picture_no_body_can_take_in_a_page_stops_the_build_with_its_line(
    project: Path, tmp_path: Path
) -> None:
    page = project / "docs" / "articles" / "getting-down-to-the-floor.md"
    text = page.read_text(encoding="utf-8")
    assert text.count('"trunk_lean": 45') == 2
    page.write_text(text.replace('"trunk_lean": 45', '"trunk_lean": 10', 1), encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    line = next(n for n, x in enumerate(lines, 1) if '"trunk_lean": 10' in x)
    build = mkdocs_build(project, tmp_path / "site", {"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert (
        f"docs/articles/getting-down-to-the-floor.md:{line}:1: page_figures: picture 1: figure: "
        in build.output
    ), build.output
    assert "the hands cannot reach the chair's seat" in build.output and "Traceback" not in build.output
