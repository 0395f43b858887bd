"""Our scripts and stylesheets are served minified (hooks/minify_assets.py); a vendored library is
served as published; the sources keep their comments."""

from __future__ import annotations

import rcssmin
import rjsmin

from conftest import ROOT, Build

OURS = {
    "assets/javascripts/handout-builder.js": ROOT / "overrides/assets/javascripts/handout-builder.js",
    "assets/stylesheets/handout.css": ROOT / "overrides/assets/stylesheets/handout.css",
    "stylesheets/site.css": ROOT / "docs/stylesheets/site.css",
}


def test_our_files_are_served_minified_and_a_vendored_one_as_published(site: Build) -> None:
    for served, source in OURS.items():
        text = source.read_text(encoding="utf-8")
        built = (site.site / served).read_text(encoding="utf-8")
        minify = rjsmin.jsmin if served.endswith(".js") else rcssmin.cssmin
        assert "/*" in text and built == minify(text), served
        assert "/*" not in built and len(built) < 0.8 * len(text), served
    vendored = "assets/javascripts/vendor/lean-qr/index.js"
    assert (site.site / vendored).read_bytes() == (ROOT / "overrides" / vendored).read_bytes()
