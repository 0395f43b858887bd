"""Page speed, measured: Lighthouse 12 on the key pages, with its mobile preset, as a table.

    make lighthouse            # builds the site strictly, then measures it
    .venv/bin/python scripts/lighthouse.py site/ [--runs 3] [--json FILE]

Lighthouse comes from npm (package.json; ``npm ci`` installs it) and drives
Debian's Chromium (CHROME_PATH). The site is served on 127.0.0.1 with gzip, as
any web host serves it, so "transfer" is what a patient's phone downloads:
the page and everything it loads (Lighthouse's total byte weight). Pages not in
the build (the handout builder before it exists) are listed as not built.

Goals: performance >= 95; accessibility, best practices and SEO 100;
transfer <= 150 KB. tests/test_lighthouse.py asserts the three 100s;
performance depends on the machine, so it is reported here, not tested. On a
shared, busy machine one run's performance score moves by several points:
``--runs 3`` runs Lighthouse three times on each page and reports the run with
the median performance score (its other scores and weight with it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from local_site import CHROMIUM_ARGS, CHROMIUM_PATH, serve

ROOT = Path(__file__).resolve().parents[1]

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LANE = ROOT / "scripts" / "lighthouse_lane.mjs"  # several runs in one Node and one Chromium
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# (label, page address in the built site)
PAGES = (
    ("Home", ""),
    ("Seed article", "articles/hip-mobility-drills/"),
    ("Drill", "drills/spiderman/"),
    ("Drill index", "drills/"),
    ("Handout", "handouts/hip-mobility/"),
    ("Large-print handout", "handouts/hip-mobility/large-print/"),
    ("Handout builder", "handouts/builder/"),
    # The Spanish edition (/es/): the same kinds of page
    ("Home (es)", "es/"),
    ("Drill (es)", "es/drills/spiderman/"),
    ("Handout (es)", "es/handouts/hip-mobility/"),
    ("Handout builder (es)", "es/handouts/builder/"),
)
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_TRANSFER_KB = 150


@dataclass
class Result:
    label: str
    path: str
    scores: dict[str, int]  # category -> 0..100
    transfer_bytes: int
    failed_audits: list[str]  # "category: audit id (score)" for scored audits below 1
    performance_runs: list[int] = field(default_factory=list)  # every run's score, lowest first

    @property
    def transfer_kb(self) -> float:
        return self.transfer_bytes / 1024


def built(site: Path, path: str) -> bool:
    return (site / path / "index.html").is_file()


def run_lane(urls: list[str], categories: tuple[str, ...] = CATEGORIES) -> list[dict]:
    """Lighthouse's JSON report for each URL (mobile preset; by default the four categories), the
    runs one after another in one Node process and one Chromium (scripts/lighthouse_lane.mjs)."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run 'npm ci' in {ROOT}")
    job = {"urls": urls, "categories": list(categories), "chromeFlags": list(CHROMIUM_ARGS)}
    env = {**os.environ, "CHROME_PATH": CHROMIUM_PATH}
    done = subprocess.run(
        ["node", str(LANE), json.dumps(job)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300 * len(urls),
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {urls} ({done.returncode}):\n{done.stderr[-3000:]}")
    reports = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(reports) != len(urls):
        found = f"lighthouse gave {len(reports)} reports for {len(urls)} pages"
        raise RuntimeError(f"{found}:\n{done.stderr[-3000:]}")
    for url, report in zip(urls, reports, strict=True):
        if report.get("runtimeError"):
            raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return reports


def summarize(label: str, path: str, report: dict) -> Result:
    scores, failed = {}, []
    for name in report["categories"]:
        category = report["categories"][name]
        scores[name] = round((category["score"] or 0) * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                shown = f" {audit['displayValue']}" if audit.get("displayValue") else ""
                failed.append(f"{name}: {ref['id']} ({audit['score']:.2f}{shown})")
    weight = report["audits"].get("total-byte-weight")  # a performance audit: absent without it
    transfer = int(weight["numericValue"]) if weight else 0
    return Result(label, path, scores, transfer, failed)


def measure(
    site: Path,
    pages: tuple[tuple[str, str], ...] = PAGES,
    runs: int = 1,
    categories: tuple[str, ...] = CATEGORIES,
    at_once: int = 1,
) -> list[Result]:
    """Serve the site gzipped on 127.0.0.1 and run Lighthouse on each built page, one at a time.

    With ``runs`` above 1, each page is measured that many times and the run with the median
    performance score is kept (a lower middle run when the count is even). ``categories`` leaves
    out what is not wanted: without performance, Lighthouse records no trace, and the transfer
    size (a performance audit) is not measured. ``at_once`` runs that many Lighthouse processes
    side by side, for runs without performance only: a run spends most of its time waiting for the
    page to settle, but runs beside each other would slow each other's measured loading.

    Without performance, each of those processes runs its share of the pages one after another in
    one browser (Lighthouse clears the origin's storage and cache before each run), which spares
    loading Node, Lighthouse and Chromium again for every page. A measured load (performance)
    always gets a fresh process and browser, as with Lighthouse's own command line."""
    if at_once > 1 and "performance" in categories:
        raise ValueError("performance is measured one page at a time (at_once=1)")

    with serve(site, compress=True) as base:
        found = [(label, path) for label, path in pages if built(site, path)]
        if "performance" in categories:
            # Each measured load in a fresh browser, as the Lighthouse CLI does (a lane of one).
            lanes = [[page] for page in found for _ in range(runs)]
        else:
            # Pages dealt round-robin to at_once lanes, each lane one browser for its pages.
            lanes = [found[lane::at_once] for lane in range(at_once)]
            lanes = [[page for page in lane for _ in range(runs)] for lane in lanes if lane]
        with ThreadPoolExecutor(max_workers=at_once) as pool:
            reports = pool.map(lambda lane: run_lane([base + path for _, path in lane], categories), lanes)
            tried: dict[str, list[Result]] = {}
            for lane, lane_reports in zip(lanes, reports, strict=True):
                for (label, path), report in zip(lane, lane_reports, strict=True):
                    tried.setdefault(path, []).append(summarize(label, path, report))
    results = []
    for _, path in found:  # in the order of pages
        tries = sorted(tried[path], key=lambda r: r.scores.get("performance", 0))
        chosen = tries[(len(tries) - 1) // 2]
        chosen.performance_runs = [r.scores.get("performance", 0) for r in tries]
        results.append(chosen)
    return results


def table(results: list[Result], site: Path, pages: tuple[tuple[str, str], ...] = PAGES) -> str:
    header = ["Page", "Performance", "Accessibility", "Best practices", "SEO", "Transfer (KB, gzip)"]
    several = any(len(r.performance_runs) > 1 for r in results)
    if several:
        header.insert(2, "Performance, every run")
    rows = [header, ["---"] * len(header)]
    for r in results:
        row = [f"{r.label} (/{r.path})", *(str(r.scores[c]) for c in CATEGORIES), f"{r.transfer_kb:.0f}"]
        if several:
            row.insert(2, ", ".join(str(score) for score in r.performance_runs))
        rows.append(row)
    for label, path in pages:
        if not built(site, path):
            rows.append([f"{label} (/{path})", "not built", *[""] * (len(header) - 2)])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def shortfalls(results: list[Result]) -> list[str]:
    found = []
    for r in results:
        for category, goal in GOALS.items():
            if r.scores[category] < goal:
                found.append(f"/{r.path}: {category} {r.scores[category]} < {goal}")
        if r.transfer_kb > MAX_TRANSFER_KB:
            found.append(f"/{r.path}: transfer {r.transfer_kb:.0f} KB > {MAX_TRANSFER_KB} KB")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse 12 (mobile) on the key pages of a built site")
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median performance is kept")
    parser.add_argument("--json", type=Path, help="also write each page's kept Lighthouse result here")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="only these of PAGES (e.g. drills/)")
    args = parser.parse_args(argv)
    pages = tuple((label, path) for label, path in PAGES if args.pages is None or path in args.pages)
    site = args.site
    if not (site / "index.html").is_file():
        print(f"No built site in {site}: run 'make build' first", file=sys.stderr)
        return 2
    results = measure(site, pages, runs=args.runs)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8")
    print(table(results, site, pages))
    lighthouse_version = json.loads((ROOT / "node_modules/lighthouse/package.json").read_text())["version"]
    print(
        f"\nLighthouse {lighthouse_version}, mobile preset (simulated slow 4G, 4x CPU slowdown), Chromium at "
        f"{CHROMIUM_PATH}; {args.runs} run(s) per page"
        + (", the run with the median performance score shown." if args.runs > 1 else ".")
    )
    misses = shortfalls(results)
    for r in results:
        for audit in r.failed_audits:
            print(f"  /{r.path} {audit}")
    if misses:
        print("Below the goals:\n  " + "\n  ".join(misses))
    else:
        print("Every page meets the goals.")
    return 0  # a benchmark: the numbers are the result; tests/test_lighthouse.py asserts what must hold


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
