"""Escaping, the second line of defence: data that slipped past validation renders as text."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from build_state_helpers import render
from content_model import CallToAction, Clinic, Dose, Drill, Review, RootCause
from macros.dose import dose_phrase, steps_with_hold

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(2)'
HOSTILE = f"Bad {SCRIPT} {ATTRIBUTE}"


def hostile_drill() -> Drill:
    # model_construct skips validation, as if the validator had a hole.
    return Drill.model_construct(
        id="bad" + ATTRIBUTE,
        name=HOSTILE,
        summary=HOSTILE,
        level="beginner",
        steps=[HOSTILE, SCRIPT],
        position=HOSTILE,
        targets=[HOSTILE],
        tips=[HOSTILE],
        cautions=[HOSTILE],
        requires=[],
        each_side=True,
        dose=Dose(sets=2, reps=10),
        video="https://example.org/" + ATTRIBUTE,
        credit=HOSTILE,
        reviewed=Review.model_construct(by=HOSTILE, on=datetime.date(2026, 1, 31)),
        needs_review=None,
    )


def hostile_clinic() -> Clinic:
    return Clinic.model_construct(
        name=HOSTILE,
        country="US",
        phone="866-588-0230",
        email=None,
        region=None,
        website=None,
        disclaimer=HOSTILE,
        require_review=False,
        call_to_action=CallToAction.model_construct(heading=HOSTILE, text=HOSTILE, offer=HOSTILE),
    )


def assert_inert(html: str, expected_text_count: int) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None, "a <script> element was created"
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            assert not attribute.lower().startswith("on"), f"event handler attribute on <{tag.name}>"
    text = soup.get_text()
    assert text.count(SCRIPT) >= expected_text_count, "the hostile text should be visible as text"
    assert text.count(ATTRIBUTE) >= 1


def drill_view(drill: Drill) -> dict[str, object]:
    return {
        "drill": drill,
        "url": "../" + drill.id + "/",
        "dose": dose_phrase(drill.dose, drill.each_side),
        "requires": [],
    }


@pytest.mark.parametrize("component", ["drill_page", "drill_card"])
def test_drill_components_escape_everything(component: str) -> None:
    view = drill_view(hostile_drill())
    extra = (
        {
            "causes": [(RootCause.model_construct(id="x", title=HOSTILE, summary=HOSTILE, drills=[]), "#x")],
            "steps": steps_with_hold(view["drill"].steps, None),
        }
        if component == "drill_page"
        else {}
    )
    html = render(component, **view, **extra)
    assert_inert(html, expected_text_count=2 if component == "drill_card" else 8)
    soup = BeautifulSoup(html, "html.parser")
    if component == "drill_page":
        steps = [li.get_text() for li in soup.select("ol.drill__steps li")]
        assert steps == [HOSTILE, SCRIPT]
        video = soup.select_one(".drill__video a")
        assert video["href"] == "https://example.org/" + ATTRIBUTE  # stays inside the attribute


def test_call_to_action_and_disclaimer_escape_everything() -> None:
    clinic = hostile_clinic()
    assert_inert(render("call_to_action", clinic=clinic), expected_text_count=4)
    assert_inert(render("disclaimer", clinic=clinic), expected_text_count=1)


def test_root_cause_components_escape_everything() -> None:
    cause = RootCause.model_construct(id="cause" + ATTRIBUTE, title=HOSTILE, summary=HOSTILE, drills=[])
    drill = hostile_drill()
    details = render("root_cause_details", causes=[(cause, [(drill, "../x/", None)])])
    assert_inert(details, expected_text_count=3)
    assert_inert(render("root_cause_links", causes=[(cause, "#c")]), expected_text_count=1)
