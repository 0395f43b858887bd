"""`make bench` keeps working: a one-run benchmark at seed size prints every figure.

This checks that the benchmark runs and reports, never how fast anything is (speed is
read from the benchmark's numbers, not from timed tests)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMBER = r"\d+\.\d+"


def test_bench_reports_every_figure_at_seed_size(tmp_path: Path) -> None:
    report_file = tmp_path / "bench.md"
    result = subprocess.run(
        [sys.executable, "scripts/bench.py", "--sizes", "6", "--runs", "1", "--no-pdf", "--edits", "2",
         "--markdown-out", str(report_file)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    report = report_file.read_text(encoding="utf-8")
    assert report.strip() == result.stdout.strip()

    row = re.search(
        rf"^\| 6 \| (\d+) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER}) \|$",
        report,
        re.MULTILINE,
    )
    assert row, report
    pages, ours, plain, ratio, first, first_ratio = row.groups()
    assert int(pages) > 6  # a page per drill, plus the home, index and program pages
    assert float(ours) > 0 and float(plain) > 0 and float(first) > 0
    # The ratios are computed from the printed times (rounding aside), not typed in.
    assert abs(float(ratio) - float(ours) / float(plain)) < 0.02 * float(ratio) + 0.01
    assert abs(float(first_ratio) - float(first) / float(plain)) < 0.02 * float(first_ratio) + 0.01

    floor = re.search(
        rf"add ({NUMBER}) s to start-up .* below ({NUMBER}) × .* alone add ({NUMBER}) s", report
    )
    assert floor, report
    # Both are measured (positive); how they compare is a timing, which a test does not judge: with
    # one run on a busy machine the subset can come out slower than the whole.
    assert float(floor.group(1)) > 0 and float(floor.group(3)) > 0

    loop = re.search(rf"median ({NUMBER}) s over 2 edits \(min ({NUMBER}), max ({NUMBER})\)", report)
    assert loop, report
    assert float(loop.group(2)) <= float(loop.group(1)) <= float(loop.group(3))
