"""Each medical word is explained in brackets where a page first uses it (data/plain_language.yml)."""

from __future__ import annotations

import content_model
from conftest import ROOT, Build
from hook_helpers.jargon import explain_first_uses, terms_used

JARGON = {"quadruped": "on your hands and knees", "stenosis": "less room for the nerves in your spine"}


def test_the_first_use_in_running_text_gets_the_plain_words_and_later_uses_do_not() -> None:
    html = "<p>Start quadruped. Stay quadruped.</p><p>Quadruped again.</p>"
    assert explain_first_uses(html, JARGON) == (
        "<p>Start quadruped (on your hands and knees). Stay quadruped.</p><p>Quadruped again.</p>"
    )


def test_a_word_already_explained_is_left_as_it_is() -> None:
    for html in (
        "<p>Less room in your spine (stenosis).</p>",  # not the term first: nothing to add after it
        "<p>Get quadruped, on your hands and knees.</p>",  # the sentence holds the plain words
        "<p>Stenosis (narrowing) is common.</p>",  # already followed by a bracket
    ):
        assert explain_first_uses(html, JARGON) == html


def test_titles_code_and_printable_sheets_are_not_changed_and_a_link_is_followed_by_the_bracket() -> None:
    html = (
        '<h1>Quadruped drills</h1><div class="handout-sheet"><p>quadruped</p></div><code>stenosis</code>'
        '<ul><li><a href="x/">Quadruped Rockbacks</a></li></ul><p>quadruped</p>'
    )
    assert explain_first_uses(html, JARGON) == (
        '<h1>Quadruped drills</h1><div class="handout-sheet"><p>quadruped</p></div><code>stenosis</code>'
        '<ul><li><a href="x/">Quadruped Rockbacks</a> (quadruped: on your hands and knees)</li></ul>'
        "<p>quadruped</p>"
    )


def test_plain_words_are_escaped() -> None:
    explained = explain_first_uses("<p>stenosis</p>", {"stenosis": "a <b> & c"})
    assert explained == "<p>stenosis (a &lt;b&gt; &amp; c)</p>"


def test_the_hip_article_explains_its_drill_names_once(site: Build) -> None:
    article = site.html("articles/hip-mobility-drills/").select_one("article")
    text = article.get_text(" ", strip=True)
    for explained in (
        "(quadruped: on your hands and knees)",
        "(adductor: the muscles on the inside of your thigh)",
        "(hip flexor: the muscles at the front of your hip)",
        "stenosis: less room for the nerves in your spine",
    ):
        assert text.count(explained) == 1, explained


def test_a_printed_sheet_lists_its_medical_words_once_under_the_key_points(site: Build) -> None:
    """The sheet has no brackets (its page limits are counted): one line names each word it uses,
    in the order they first come, with the plain words from data/plain_language.yml."""
    data = content_model.load(ROOT / "data", shown_dir="data")
    jargon = data.plain_language.jargon
    drills = [data.drill(d) for d in data.program("hip-mobility").drills]
    texts = [t for d in drills for t in (d.name, d.summary, d.position or "", *d.steps, *d.cautions)]
    expected = terms_used(texts, jargon)
    assert [term for term, _plain in expected] == ["quadruped", "adductor", "hip flexor", "posterior"]
    for path in ("handouts/hip-mobility/", "handouts/hip-mobility/large-print/"):
        lines = site.html(path).select(".handout-sheet .handout-header__words")
        assert len(lines) == 1, path
        said = lines[0].get_text(" ", strip=True)
        words = " · ".join(f"{term.capitalize()}: {plain}" for term, plain in expected)
        assert said == f"Words on this sheet: {words}", said
    # Text not on the sheet is not listed; a longer term is not also counted as the shorter one in it.
    assert terms_used(["Stretch the hip flexor."], {"hip flexor": "front of hip", "flexor": "x"}) == (
        ("hip flexor", "front of hip"),
    )
