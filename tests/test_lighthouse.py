"""Lighthouse 12, mobile preset: accessibility, best practices and SEO score 100 on the key pages.

The same measurement as ``make lighthouse`` (scripts/lighthouse.py): home, the
seed article, a drill, the handout and the handout builder (each one the build
has), served gzipped on 127.0.0.1, one Lighthouse run each. Performance and
page weight depend on the machine and are reported by ``make lighthouse`` (and
in the README), not asserted here, so Lighthouse runs without its performance
category: it then records no trace of the page loading, about a quarter of its work. The pages are
checked one after another by one Lighthouse process in one Chromium (scripts/lighthouse_lane.mjs):
each process and browser started costs about 5 s of processor time, and on a machine running the
other tests beside this one, runs side by side save little time while they wait for their pages to
settle.
"""

from __future__ import annotations

import pytest

from conftest import Build
from scripts import lighthouse

ASSERTED = ("accessibility", "best-practices", "seo")


@pytest.mark.browser
def test_key_pages_score_100_for_accessibility_best_practices_and_seo(site: Build) -> None:
    results = lighthouse.measure(site.site, categories=ASSERTED)
    measured = [result.path for result in results]
    expected = [path for _, path in lighthouse.PAGES if lighthouse.built(site.site, path)]
    assert measured == expected
    assert measured[:3] == ["", "articles/hip-mobility-drills/", "drills/spiderman/"]
    problems = [
        f"/{result.path}: {category} {result.scores[category]}; below 1: "
        + "; ".join(audit for audit in result.failed_audits if audit.startswith(category))
        for result in results
        for category in ASSERTED
        if result.scores[category] != 100
    ]
    assert not problems, "\n".join(problems)
    assert all(set(result.scores) == set(ASSERTED) for result in results)
