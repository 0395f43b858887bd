"""PDF handouts are rendered on every core, and results come back in job order."""

from __future__ import annotations

import os

import pytest

from conftest import load_hook
from macros.handout import PDF_VARIANTS


def test_pdfs_render_in_parallel_workers_in_job_order(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = load_hook("pdf_handouts.py")
    seen_in = []

    def fake_render(job: object, base_url: str, renderer: object = None) -> tuple[bytes, int]:
        return f"{job.target}|{os.getpid()}|{id(renderer)}".encode(), 1

    monkeypatch.setattr(hook, "render_pdf", fake_render)
    monkeypatch.setattr(hook, "Renderer", lambda fetcher=None: object())  # no WeasyPrint set-up in this test
    # Three handouts, each in two paper sizes (the same HTML).
    jobs = [
        hook.PdfJob(
            f"handouts/p{n}.pdf",
            f"<p>{n // 2}</p>",
            "letter" if n % 2 else "A4",
            (),
            f"p{n}",
            PDF_VARIANTS[n % 2],
        )
        for n in range(6)
    ]
    results = [pdf for pdf, _pages in hook._render_all(jobs, "file:///site/")]
    targets = [r.decode().split("|")[0] for r in results]
    seen_in = {r.decode().split("|")[1] for r in results}
    assert targets == [job.target for job in jobs]
    # The two paper sizes of one handout are rendered by the same worker (its HTML parsed once),
    # and a worker sets WeasyPrint up once for all its PDFs.
    where = [r.decode().split("|", 1)[1] for r in results]
    assert all(where[n] == where[n + 1] for n in range(0, 6, 2))
    assert len(set(where)) == len(seen_in)
    expected_workers = min(len(jobs), os.cpu_count() or 1)
    assert len(seen_in) == expected_workers
    if expected_workers > 1:
        assert str(os.getpid()) not in seen_in  # the work left this process


def test_a_failing_pdf_comes_back_as_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    hook = load_hook("pdf_handouts.py")

    def fake_render(job: object, base_url: str, renderer: object = None) -> tuple[bytes, int]:
        if job.target.endswith("p1.pdf"):
            raise ValueError("cannot lay out this page")
        return b"%PDF-fake", 2

    monkeypatch.setattr(hook, "render_pdf", fake_render)
    monkeypatch.setattr(hook, "Renderer", lambda fetcher=None: object())
    jobs = [
        hook.PdfJob(f"handouts/p{n}.pdf", f"<p>{n}</p>", "letter", (), f"p{n}", PDF_VARIANTS[0])
        for n in range(3)
    ]
    assert hook._render_all(jobs, "file:///site/") == [
        (b"%PDF-fake", 2),
        "ValueError: cannot lay out this page",
        (b"%PDF-fake", 2),
    ]
