"""Every internal link and anchor resolves, raw-HTML links included.

The strict build checks Markdown links (mkdocs.yml, ``validation:``); links
written as HTML, in templates or pages, it cannot see. LinkChecker reads the
built site as a browser would, served on 127.0.0.1, starting from every page,
with the anchor check on. Links to other sites are left alone (they are not
ours to fix, and the tests make no requests outside this machine).

LinkChecker starts from every file it can read links in: every page and every
stylesheet (its other readers, PDFs and the like, are plugins left off here). It
checks each link of those files, an address with an anchor by reading the target
page for that anchor, and goes no deeper (``recursionlevel=1``): deeper, it would
only read the same pages again, once for each of their sections a link points at,
and find the same links (checked: the same results, link for link, on this site).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from browser import serve
from conftest import Build
from site_pages import page_paths

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = """\
[checking]
threads=10
recursionlevel=1
maxrequestspersecond=1000
[filtering]
checkextern=0
# Other sites, mail and phone links: their syntax only (mailto would look the domain up).
ignore=
  ^(?!{base})
[AnchorCheck]
"""


def check_links(site: Path, tmp_path: Path) -> list[str]:
    """LinkChecker's problems with the site, one line each: broken links and missing anchors."""
    # LinkChecker waits 0.1-0.6 s between requests to a server, unless the server answers with
    # a "LinkChecker" header: this one is on this machine's loopback and needs no sparing.
    with serve(site, headers={"LinkChecker": "loopback test server"}) as base:
        config = tmp_path / "linkcheckerrc"
        config.write_text(CONFIG.format(base=base.replace(".", r"\.")), encoding="utf-8")
        done = subprocess.run(
            [
                str(LINKCHECKER),
                "--config",
                str(config),
                "--no-status",
                "--output",
                "csv",
                *(base + path for path in page_paths(site) + stylesheets(site)),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    assert done.returncode in (0, 1), f"linkchecker failed to run ({done.returncode}):\n{done.stderr}"
    lines = [line for line in done.stdout.splitlines() if line and not line.startswith("#")]
    problems = []
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        parent = row["parentname"].removeprefix(base)
        where = f"/{parent} line {row['line']}: {row['urlname']}"
        if row["valid"] != "True":
            problems.append(f"{where}: {row['result']}")
        elif "Anchor" in row["warningstring"]:
            problems.append(f"{where}: {row['warningstring'].split('.')[0]}")
    assert done.returncode == 0 or problems, f"linkchecker reported errors it did not list:\n{done.stdout}"
    return problems


def stylesheets(site: Path) -> list[str]:
    """Each stylesheet of a built site as a path from the site root (its url() references are links)."""
    return [file.relative_to(site).as_posix() for file in sorted(site.rglob("*.css"))]


def test_every_internal_link_and_anchor_resolves(site: Build, tmp_path: Path) -> None:
    problems = check_links(site.site, tmp_path)
    assert not problems, "\n".join(problems)


def test_link_checker_finds_broken_raw_html_links(extras_site: Build, tmp_path: Path) -> None:
    """The check can fail: a raw-HTML link to a missing page and one to a missing anchor,
    which the strict build let through, are both reported."""
    # The extras build skips the PDF handouts (HANDOUT_PDFS=0), so links to them are broken there.
    problems = [p for p in check_links(extras_site.site, tmp_path) if ".pdf: 404" not in p]
    assert len(problems) == 2, problems
    page, anchor = sorted(problems, key=lambda p: "no-such-section" in p)
    assert page.startswith("/articles/links-to-nowhere/ line ") and "../no-such-page/: 404" in page
    assert "#no-such-section: Anchor `no-such-section' (decoded: `no-such-section') not found" in anchor
