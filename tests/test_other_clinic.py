"""Nothing is hard-coded to the seed: another clinic's data builds a site with only its content."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, NO_PDFS, ROOT, Build, make_project, mkdocs_build

OTHER = FIXTURES / "other_clinic"
CONFIG = {
    "nav": [{"Home": "index.md"}, {"Drills": "drills/index.md"}],
    "extra": {"root_causes_page": "index.md", "floor_page": None},  # no page on getting to the floor
}


@pytest.fixture(scope="module")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("other")
    project = make_project(tmp, data=OTHER / "data", docs=OTHER / "docs", config=CONFIG, warm=True)
    build = mkdocs_build(project, tmp / "site", NO_PDFS)
    assert build.returncode == 0, build.output
    return build


def seed_strings() -> list[str]:
    """Facts of the default clinic and its drills that must not leak into another site."""
    import content_model

    default = content_model.load(ROOT / "data", shown_dir="data")
    facts = [
        default.clinic.name,
        default.clinic.phone_display,
        default.clinic.phone_e164,
        "Iowa",
        default.clinic.call_to_action.heading,
        "20-minute",
        "Reinold",
        "Vander Molen",
        "Call 911",
        *default.clinic.urgent_care.signs,
        "#00695c",
    ]
    facts += [d.name for d in default.drills] + [c.title for c in default.root_causes]
    return facts


def test_other_clinic_shows_its_own_content(other_site: Build) -> None:
    home = other_site.html("")
    assert home.title.get_text().endswith("Harbour Knee Therapy")
    cta = home.select_one("section.call-to-action")
    assert cta.select_one("h2").get_text(strip=True) == "Knee still sore?"
    assert cta.select_one("a.call-to-action__call")["href"] == "tel:+442079460000"
    assert cta.select_one("a.call-to-action__email")["href"] == "mailto:hello@harbour-knee.example"
    names = [a.get_text(strip=True) for a in home.select(".program-drills .drill-card__name a")]
    assert names == ["Quad Set", "Heel Slide"]
    steps = [
        li.get_text(strip=True) for li in other_site.html("drills/heel-slide/").select("ol.drill__steps li")
    ]
    assert steps == ["Lie on your back.", "Slide your heel toward you."]
    causes = other_site.html("drills/quad-set/").select(".drill__causes a")
    assert [a["href"] for a in causes] == ["../../#weak-thigh"]


def test_other_clinic_site_has_none_of_the_default_content(other_site: Build) -> None:
    files = [
        p
        for p in other_site.site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt", ".svg", ".css"}
    ]
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8", errors="ignore")
        for fact in seed_strings():
            assert fact not in text, (
                f"{fact!r} from the default clinic appears in {file.relative_to(other_site.site)}"
            )


def test_other_clinic_identity_changes_every_place_it_should(other_site: Build) -> None:
    """Logo, colour, address, hours, booking link and the country's emergency number."""
    logo = other_site.site / "assets/clinic/logo.svg"
    assert logo.read_bytes() == (OTHER / "data/harbour-logo.svg").read_bytes()
    css = (other_site.site / "assets/stylesheets/clinic.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color: #8e1b4a;" in css
    for path in ("", "drills/quad-set/"):
        page = other_site.html(path)
        prefix = "../../" if path else ""
        assert page.select_one(".md-header .md-logo img")["src"] == f"{prefix}assets/clinic/logo.svg"
        assert page.select_one('link[rel="icon"]')["href"] == f"{prefix}assets/clinic/logo.svg"
        footer = page.select_one("footer.clinic-footer")
        assert footer.select_one(".clinic-footer__name").get_text(strip=True) == "Harbour Knee Therapy"
        assert [line.strip() for line in footer.select_one("address").stripped_strings] == [
            "4 Quay Street",
            "Harbourside, HB1 2CD",
        ]
        assert [li.get_text(strip=True) for li in footer.select(".clinic-footer__hours li")] == [
            "Monday to Friday: 8 am to 7 pm",
            "Saturday: 9 am to 1 pm",
        ]
        assert footer.select_one(".clinic-footer__email a")["href"] == "mailto:hello@harbour-knee.example"
        assert footer.select_one(".clinic-footer__booking a")["href"] == "https://harbour-knee.example/book"
        assert footer.select_one(".clinic-footer__phone a")["href"] == "tel:+442079460000"
        assert page.select_one("a.header-call__button")["href"] == "tel:+442079460000"
    book = other_site.html("").select_one("section.call-to-action a.call-to-action__book")
    assert book["href"] == "https://harbour-knee.example/book"
    box = other_site.html("drills/quad-set/").select_one("article.drill .urgent-care")
    assert box.select_one(".urgent-care__title").get_text(" ", strip=True).startswith("Call 999 ")
