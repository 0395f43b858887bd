"""Our scripts and stylesheets are served minified (hooks/minify_assets.py); a vendored library is
served as published; the sources keep their comments. Scripts are also served with their local names
shortened (hook_helpers/script_names.py), kept in .cache/ between builds; a script that is not ES5
stops the build, with its file and line, before any page is written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import rcssmin
from calmjs.parse import es5

from conftest import ENGLISH_ONLY, NO_PDFS, ROOT, Build, mkdocs_build, small_project

OURS = {
    "assets/javascripts/handout-builder.js": ROOT / "overrides/assets/javascripts/handout-builder.js",
    "assets/stylesheets/handout.css": ROOT / "overrides/assets/stylesheets/handout.css",
    "stylesheets/site.css": ROOT / "docs/stylesheets/site.css",
}


def test_our_files_are_served_minified_and_a_vendored_one_as_published(site: Build) -> None:
    for served, source in OURS.items():
        text = source.read_text(encoding="utf-8")
        built = (site.site / served).read_text(encoding="utf-8")
        assert "/*" in text and "/*" not in built and len(built) < 0.8 * len(text), served
        if served.endswith(".css"):
            assert built == rcssmin.cssmin(text), served
    script = (site.site / "assets/javascripts/handout-builder.js").read_text(encoding="utf-8")
    source = OURS["assets/javascripts/handout-builder.js"].read_text(encoding="utf-8")
    # Local names shortened, what the page and other scripts reach kept: the same JavaScript, as
    # calmjs.parse reads it back, with names such as "leanQr" and "doseRanges" gone.
    assert es5(script) and len(script) < 0.5 * len(source)
    for local in ("doseRanges", "leanQr", "PATTERN_ID"):
        assert re.search(rf"\b{local}\b", source) and not re.search(rf"\b{local}\b", script), local
    for kept in ("handout-builder-data", "window.exports", ".programs["):
        assert kept in source and kept in script, kept
    vendored = "assets/javascripts/vendor/lean-qr/index.js"
    assert (site.site / vendored).read_bytes() == (ROOT / "overrides" / vendored).read_bytes()


def test_scripts_are_kept_in_the_cache_and_one_not_es5_stops_the_build(tmp_path: Path) -> None:
    project = small_project(tmp_path)  # ENGLISH_ONLY: the scripts are the same in every language
    shutil.rmtree(project / ".cache")  # cold: not even the scripts conftest puts there for other tests
    good = mkdocs_build(project, tmp_path / "site", {**NO_PDFS, **ENGLISH_ONLY})
    assert good.returncode == 0, good.output
    kept = sorted((project / ".cache" / "minified-scripts").glob("*.js"))
    served = good.site / "assets" / "javascripts" / "print.js"
    assert len(kept) == len(list((project / "overrides").rglob("*.js"))) - 1  # the vendored one is not ours
    assert served.read_text(encoding="utf-8") in {file.read_text(encoding="utf-8") for file in kept}

    script = project / "overrides" / "assets" / "javascripts" / "print.js"
    lines = script.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip().startswith("var "))
    lines.insert(line - 1, "var twice = (n) => 2 * n;")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(good.site)
    bad = mkdocs_build(project, tmp_path / "site", {**NO_PDFS, **ENGLISH_ONLY})
    assert bad.returncode != 0 and "Traceback" not in bad.output
    assert re.search(
        rf"overrides/assets/javascripts/print\.js:{line}:\d+: this script cannot be read as ES5", bad.output
    ), bad.output
    assert "Nothing was built." in bad.output and not (tmp_path / "site" / "index.html").exists()
