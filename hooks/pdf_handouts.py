"""After the build, write every program's handout as PDF files with WeasyPrint.

For each program in data/programs.yml:

* ``handouts/<id>.pdf`` (US Letter), ``handouts/<id>-a4.pdf`` (A4),
* ``handouts/<id>-large-print.pdf`` (US Letter, body text 18 pt).

Each language's build makes its own (``es/handouts/<id>.pdf`` ... in Spanish, for the programs
whose every drill is translated), tagged with its language (``/Lang es``).

Each PDF is the same sheet as the handout page (``macros/templates/handout_sheet.html``),
made from the same view the page showed (kept in the build's state, computed
once per build: ``BuildState.handout`` in macros/state.py), in a small document of its own,
styled by the site's handout and print stylesheets: title, the clinic as author, and
"Page 1 of 3" with the clinic's phone number in the footer of every page.

While ``mkdocs serve`` runs, PDFs are skipped so edits show at once (said once,
when the preview starts). Set ``HANDOUT_PDFS=1`` to make them anyway, or
``HANDOUT_PDFS=0`` to skip them in a build. A PDF that cannot be made stops the
build with the reason.

Every PDF must fit its page limit (``most_pages`` in ``macros/handout.py``: three
pages for the regular handout, six for large print), with each drill kept on one page (a drill
split over two pages is hard to follow on paper). A sheet over its limit that way is made again
with drills that may go on over a page break (``flowing``, print.css) and kept if that is
shorter (no default sheet needs it today). A longer one stops the build, naming the program's line
in data/programs.yml, the version, its pages and the fix. There is no other second layout: the sheet
is the one its page shows and a browser prints. The count comes from WeasyPrint's laid-out pages, so
no PDF is read back.

With ``tracker_weeks: 2`` in data/clinic.yml, a program's sheet (its page and its PDFs) has two weeks
of boxes to tick where every PDF of the sheet keeps its limit with two, and one week where two would
break it, said once in the log (``on_files``: decided before the pages are made, so that a page and
its PDFs agree). Those PDFs are laid out even where PDFs are not made (``mkdocs serve``), so that a
preview shows the same weeks; the cache keeps them, so each is laid out once.

Every PDF is tagged PDF/UA-1 (``PDF_VARIANT``): a structure tree a screen reader follows
(headings, numbered steps, the QR codes as figures with alt text), the page's language
(``<html lang>``, from ``theme.language``), the title shown by the viewer and the PDF/UA claim.
``hook_helpers/pdf_tags.py`` finishes WeasyPrint's tags.

A PDF whose inputs (its HTML, the stylesheets, the page size, the WeasyPrint
version, the tagging, this file's code) are unchanged since the last build is copied from
``.cache/handout-pdfs/`` instead of rendered again (the preview, built with ``--no-directory-urls``,
keeps its own in ``.cache/handout-pdfs/no-directory-urls/``, so that neither prunes the other's).
Its page count is cached beside it (``<key>.pages``),
so a build from the cache checks the limits too. The stylesheets are read from their sources once per
build, by ``on_files`` (``BuildState.sheet_stylesheets``), for the sheets laid out there and the PDFs
made here alike: never from the built site, where hooks/minify_assets.py rewrites them, so the keys
agree whatever the order of the hooks.

Each PDF is an independent job; the jobs are shared between one forked worker per core, each of
which sets WeasyPrint up once (fonts, parsed stylesheets) and parses each handout's HTML once for all
its paper sizes (``Renderer``).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import logging
import mimetypes
import os
import queue
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

import content_model
from hook_helpers import pdf_tags
from hook_helpers.cache_files import write_atomically
from hook_helpers.print_margins import margin_words
from macros.handout import PDF_VARIANTS, Handout, PdfVariant, handout_src, pdf_path
from macros.links import page_url
from macros.state import BuildState, build_state, cleans_caches, running_states

log = logging.getLogger("mkdocs.hooks.pdf_handouts")

# The stylesheets of a printed sheet, as the site has them (they come from overrides/assets/).
STYLESHEETS = ("assets/stylesheets/handout.css", "assets/stylesheets/print.css")
ENV_SWITCH = "HANDOUT_PDFS"
# Tagged PDF/UA-1: a structure tree (headings, lists, figures with their alt text, tables), the
# language, the title shown by the viewer. Part of each cached PDF's key.
PDF_VARIANT = "pdf/ua-1"
# How the PDFs are tagged, for the cache key: the variant and the code that finishes the tags, so a
# PDF made before either changed (an untagged one, say) is never reused.
TAGGING = f"{PDF_VARIANT}; " + hashlib.sha256(Path(pdf_tags.__file__).read_bytes()).hexdigest()
# How they are rendered (the page size rule, what is shared between PDFs): this file, for the same reason.
RENDERING = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

_command: dict[str, str] = {"name": "build"}


@dataclass(frozen=True)
class PdfJob:
    """Everything needed to make one PDF; nothing else is read while rendering it."""

    target: str  # site path, e.g. handouts/hip-mobility-a4.pdf
    html: str
    paper: str
    stylesheets: tuple[str, ...]  # CSS texts, in order
    program_id: str  # whose handout it is (for messages)
    variant: PdfVariant  # which version, with its page limit
    # The URL of the handout's page: the sheet's links (the clinic's own pictures) are relative to it.
    shown_at: str = ""
    # The same sheet whose drills may go on over a page break: made only when html is over the limit.
    flowing_html: str = ""

    def key(self, engine_version: str) -> str:
        digest = hashlib.sha256()
        parts = (
            engine_version,
            TAGGING,
            RENDERING,
            self.paper,
            self.shown_at,
            self.html,
            self.flowing_html,
            *self.stylesheets,
        )
        for part in parts:
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command
    if command == "serve" and not os.environ.get(ENV_SWITCH, "").strip():
        # Said here, once: a preview rebuilds on every edit, and each rebuild would repeat it.
        log.info(
            "PDF handouts are not made while previewing; make build makes them and checks "
            f"their page limits (or set {ENV_SWITCH}=1 to make them here)."
        )


def wanted() -> bool:
    """PDFs are made in builds, not while previewing; HANDOUT_PDFS=1 or 0 decides either way."""
    setting = os.environ.get(ENV_SWITCH, "").strip().lower()
    if setting in ("1", "true", "yes", "on"):
        return True
    if setting in ("0", "false", "no", "off"):
        return False
    if setting:
        raise Abort(
            f"{ENV_SWITCH} is set to {setting!r}: set it to 1 to make the PDF handouts, or 0 to skip them"
        )
    return _command["name"] != "serve"


def read_stylesheets(files: Files) -> tuple[str, ...]:
    """The texts of a printed sheet's stylesheets, read from their sources as the build takes them."""
    css = []
    for name in STYLESHEETS:
        file = files.get_file_from_path(name)
        if file is None:
            raise Abort(f"Cannot make the PDF handouts: {name} is missing (it comes from overrides/{name})")
        css.append(file.content_string)
    return tuple(css)


def sheet_stylesheets(config: MkDocsConfig, state: BuildState) -> tuple[str, ...]:
    """The stylesheets every PDF of this build is laid out with and keyed by: read once per build, by
    on_files, and kept on the build's state, so that what a later hook does to the built copies
    (hooks/minify_assets.py minifies them) changes no PDF's key, whatever the hooks' order.
    Outside a build (``make bench``, tests calling ``jobs``), no on_files ran: the theme's files, as
    MkDocs finds them."""
    if state.sheet_stylesheets is None:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        state.sheet_stylesheets = read_stylesheets(files)
    return state.sheet_stylesheets


def jobs(config: MkDocsConfig, state: BuildState) -> list[PdfJob]:
    css = list(sheet_stylesheets(config, state))
    return [
        pdf_job(state, css, program.id, variant)
        for program in state.content.programs
        for variant in PDF_VARIANTS
    ]


def pdf_job(state: BuildState, css: list[str], program_id: str, variant: PdfVariant) -> PdfJob:
    """One PDF of a program's handout: the view its page showed, in a document of its own."""
    program = state.content.program(program_id)
    handout = state.handout(program.id, variant.large_print)  # the view its page showed
    title = _title(state, program.title, variant)

    def render(sheet: Handout, flowing: bool = False) -> str:
        return str(
            state.templates.render(
                "handout_document",
                handout=sheet,
                title=title,
                lang=state.language,  # the PDF's /Lang: the language of the build's pages
                flowing=flowing,
            )
        )

    # "Página 1 de 3" in the sheet's language; the demo line is the sheet's own, moved into the margin.
    words = margin_words(state.templates.strings, demo=False)
    margins = str(state.templates.render("print_margins_css", **words))
    return PdfJob(
        state.prefix + pdf_path(program.id, variant),  # es/handouts/... in Spanish
        render(handout),
        variant.paper,
        (*css, margins),
        program.id,
        variant,
        state.prefix + page_url(handout_src(program.id, variant.large_print), state.use_directory_urls),
        render(handout, flowing=True),
    )


def _title(state: BuildState, program_title: str, variant: PdfVariant) -> str:
    if not variant.large_print:
        return program_title
    return state.templates.strings["title.large_print"].format(title=program_title)


class Renderer:
    """WeasyPrint's costly set-up, done once per process and reused by every PDF it renders.

    One font configuration and each stylesheet parsed once (the handout and print stylesheets
    and each paper size are the same for every PDF), and each handout's HTML parsed once for
    all its paper sizes: the US Letter and A4 handouts are the same HTML, laid out twice.
    Made in each worker, never shared between processes.
    """

    def __init__(self, fetcher: object = None) -> None:
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415  (only when rendering)

        self.fonts = FontConfiguration()
        self.fetcher = fetcher  # how the sheet's files (pictures) are read; None: from the built site
        self._sheets: dict[tuple[str, str], object] = {}
        self._parsed: tuple[tuple[str, str], object] | None = None  # the last HTML, parsed

    def stylesheet(self, text: str, base_url: str) -> object:
        from weasyprint import CSS  # noqa: PLC0415

        key = (text, base_url)
        if key not in self._sheets:
            self._sheets[key] = CSS(string=text, base_url=base_url, font_config=self.fonts)
        return self._sheets[key]

    def document(self, html: str, base_url: str) -> object:
        """The parsed HTML; jobs for the same handout come one after another, so one is kept."""
        from weasyprint import HTML  # noqa: PLC0415

        if self._parsed is None or self._parsed[0] != (html, base_url):
            self._parsed = ((html, base_url), HTML(string=html, base_url=base_url, url_fetcher=self.fetcher))
        return self._parsed[1]

    def render(self, job: PdfJob, base_url: str, tagged: bool = True) -> tuple[bytes, int]:
        pdf, pages = self._render(job, job.html, base_url, tagged)
        if pages > job.variant.most_pages and job.flowing_html:
            # Over the limit with every drill kept whole: drills may go on over a page break.
            # Kept only if that is shorter (a translation that runs longer than the English).
            flowing_pdf, flowing_pages = self._render(job, job.flowing_html, base_url, tagged)
            if flowing_pages < pages:
                return flowing_pdf, flowing_pages
        return pdf, pages

    def _render(self, job: PdfJob, html: str, base_url: str, tagged: bool) -> tuple[bytes, int]:
        """The PDF and its number of pages."""
        stylesheets = [self.stylesheet(text, base_url) for text in job.stylesheets]
        stylesheets.append(self.stylesheet(f"@page {{ size: {job.paper}; }}", base_url))
        # from where the handout's page is, as its links are written (base_url: the site's folder)
        document = self.document(html, base_url + job.shown_at).render(
            stylesheets=stylesheets, font_config=self.fonts
        )
        # Tagged: the structure tree, /Lang, the title shown by the viewer; finish_tags numbers the
        # lists and joins their pieces (hook_helpers/pdf_tags.py).
        if tagged:
            pdf = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=pdf_tags.finish_tags)
        else:
            pdf = document.write_pdf()
        if not pdf or not pdf.startswith(b"%PDF"):
            raise RuntimeError("WeasyPrint returned no PDF")
        return pdf, len(document.pages)


def render_pdf(
    job: PdfJob, base_url: str, tagged: bool = True, renderer: Renderer | None = None
) -> tuple[bytes, int]:
    """Render one PDF: its bytes and its number of pages, counted on the laid-out document.

    WeasyPrint is imported only here, so `mkdocs serve` never pays for it. The build always tags;
    ``tagged=False`` is for `make bench`, which weighs what tagging costs. Pass the process's
    ``renderer`` to reuse its fonts and parsed stylesheets; without one, a new one is made.
    """
    return (renderer or Renderer()).render(job, base_url, tagged=tagged)


class _Failed(Exception):
    """A PDF that could not be rendered; its message says why."""


def _render_one(
    job: PdfJob, base_url: str, renderer: list[Renderer], fetcher: object = None
) -> tuple[bytes, int] | str:
    """Render one PDF (bytes, pages); an error comes back as its message so the caller can report it.

    ``renderer`` holds the process's Renderer once made (made by the first PDF, so that an error
    making it is reported like any other)."""
    try:
        if not renderer:
            renderer.append(Renderer(fetcher))
        return render_pdf(job, base_url, renderer=renderer[0])
    except Exception as error:  # noqa: BLE001  (any failure must reach the build, not vanish)
        return f"{type(error).__name__}: {error}"


def _shares(todo: list[PdfJob], workers: int) -> list[list[int]]:
    """Split the jobs between workers, keeping the jobs of one HTML (its paper sizes) together
    so that it is parsed once; the largest groups are handed out first, each to the least loaded."""
    groups: dict[str, list[int]] = {}
    for index, job in enumerate(todo):
        groups.setdefault(job.html, []).append(index)
    shares: list[list[int]] = [[] for _ in range(workers)]
    for group in sorted(groups.values(), key=len, reverse=True):
        min(shares, key=len).extend(group)
    return [sorted(share) for share in shares]


def _render_all(todo: list[PdfJob], base_url: str, fetcher: object = None) -> list[tuple[bytes, int] | str]:
    """Render PDFs on every core: each is independent, and WeasyPrint uses one core.

    Workers are forked, so they share the loaded hook and WeasyPrint (imported once, here, before
    the fork) and nothing has to be pickled but the finished PDFs (a hook module cannot be imported
    by name). Each worker sets up WeasyPrint once (Renderer) for all its PDFs.
    """
    workers = min(len({job.html for job in todo}), os.cpu_count() or 1)
    if workers <= 1:
        renderer: list[Renderer] = []
        return [_render_one(job, base_url, renderer, fetcher) for job in todo]
    # Imported here: a build that makes no PDF (HANDOUT_PDFS=0, or every PDF in .cache/) needs neither.
    import multiprocessing  # noqa: PLC0415

    with contextlib.suppress(Exception):  # a failure here is reported by each PDF
        import weasyprint  # noqa: F401, PLC0415  (imported once, before the fork)
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue = context.Queue()

    def work(share: list[int]) -> None:
        renderer: list[Renderer] = []
        for index in share:
            results.put((index, _render_one(todo[index], base_url, renderer, fetcher)))

    processes = [context.Process(target=work, args=(share,)) for share in _shares(todo, workers)]
    for process in processes:
        process.start()
    outcomes: dict[int, tuple[bytes, int] | str] = {}
    for _ in todo:
        try:
            index, outcome = results.get(timeout=600)
        except queue.Empty:
            break
        outcomes[index] = outcome
    for process in processes:
        process.join()
    return [outcomes.get(i, "the PDF worker stopped without a result") for i in range(len(todo))]


# After mkdocs-static-i18n (-100), which builds each other language inside this build: the cache
# is cleaned once, by the outermost build, keeping every language's PDFs.
@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    if not wanted():
        if os.environ.get(ENV_SWITCH, "").strip():
            log.info(f"PDF handouts skipped: {ENV_SWITCH} is set to 0.")
        # While previewing, on_startup has said so once.
        return
    started = time.perf_counter()
    # The version from the package metadata: importing WeasyPrint (most of a second) is
    # left to the PDFs that must really be rendered; cached ones never pay for it.
    engine = importlib.metadata.version("weasyprint")

    state = build_state(config)
    content = state.content
    site = Path(config.site_dir)
    cache = _cache_folder(config)
    made = reused = pages_made = 0
    keep: set[Path] = set()
    counted: list[tuple[PdfJob, int]] = []  # every PDF with its number of pages
    todo: list[tuple[PdfJob, Path, Path]] = []
    for job in jobs(config, state):
        target = site / job.target
        cached = cache / f"{job.key(engine)}.pdf"
        keep.update((cached, _pages_file(cached)))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            pages = _cached_pages(cached)
            if pages is not None:
                shutil.copyfile(cached, target)
                counted.append((job, pages))
                reused += 1
                continue
        except OSError as error:
            raise Abort(
                f"Could not write the PDF {job.target}: {error}. Check the disk and build again."
            ) from None
        todo.append((job, target, cached))
    base_url = site.as_uri() + "/"
    for (job, target, cached), outcome in zip(
        todo, _render_all([job for job, _, _ in todo], base_url), strict=False
    ):
        try:
            if isinstance(outcome, str):  # the renderer's error, as "Type: message"
                raise _Failed(outcome)
            pdf, pages = outcome
            target.write_bytes(pdf)
        except (_Failed, OSError) as error:
            reason = str(error) if isinstance(error, _Failed) else f"{type(error).__name__}: {error}"
            raise Abort(
                f"Could not make the PDF {job.target}: {reason}. "
                "The handout page is fine; fix the problem above and build again."
            ) from None
        made += 1
        pages_made += pages
        counted.append((job, pages))
        _keep_in_cache(job, cached, pdf, pages)
    outer = running_states(config)[0]
    outer.pdf_cache_used.update(keep)
    if cleans_caches(config):  # the outermost build, the last to make its PDFs: every language's known
        keep = outer.pdf_cache_used
        for old in cache.iterdir() if cache.is_dir() else ():
            if old.suffix in (".pdf", ".pages") and old not in keep:
                old.unlink(missing_ok=True)  # inputs that no longer exist
    log.info(
        f"PDF handouts: {made} made, {reused} unchanged (from .cache/handout-pdfs) "
        f"in {time.perf_counter() - started:.3f} s; {pages_made} pages made."
    )
    too_long = [(job, pages) for job, pages in counted if pages > job.variant.most_pages]
    if too_long:
        raise Abort(_over_the_limit(content, too_long))


def _cache_folder(config: MkDocsConfig) -> Path:
    cache = Path(config.config_file_path).parent / ".cache" / "handout-pdfs"
    if not config.use_directory_urls:
        # The preview's handouts link to .html pages, so their keys differ from the site's: kept in a
        # folder of their own, so that a preview and a build (as CI makes both) do not prune each other's.
        cache = cache / "no-directory-urls"
    return cache


def _keep_in_cache(job: PdfJob, cached: Path, pdf: bytes, pages: int) -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        # Each file is written whole under a temporary name, then renamed: another build using the
        # same cache at the same time (the tests run in parallel) never reads half a file.
        write_atomically(cached, pdf)
        # last: a PDF without it is made again
        write_atomically(_pages_file(cached), f"{pages}\n".encode("ascii"))
    except OSError as error:
        log.info(f"PDF cache not written ({error}); the next build renders {job.target} again.")


def _pages_file(cached_pdf: Path) -> Path:
    """Where the page count of a cached PDF is kept: beside it, <key>.pages."""
    return cached_pdf.with_suffix(".pages")


def _cached_pages(cached_pdf: Path) -> int | None:
    """The page count of a cached PDF, or None when the cache has no usable copy of it."""
    if not cached_pdf.is_file():
        return None
    try:
        text = _pages_file(cached_pdf).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None  # from before page counts were kept, or half-written: made again
    return int(text) if text.isdecimal() else None


def _over_the_limit(content: content_model.Content, too_long: list[tuple[PdfJob, int]]) -> str:
    """Each handout longer than its page limit, at its program's line, with the fix."""
    file = content.file("programs")
    # (A clinic's two weeks of boxes are never the cause: a sheet they take over its limit has one, on_files.)
    problems = [
        content_model.ContentError(
            file,
            content.line_of("programs", job.program_id),
            1,
            "",
            f"program '{job.program_id}': the {job.variant.name} takes {pages} pages, more than its "
            f"{job.variant.most_pages}-page limit. Split the program into two programs, "
            "or shorten the drills' steps.",
        )
        for job, pages in too_long
    ]
    if content_model.errors.on_github_actions():
        body = content_model.format_errors(problems, github=True)
    else:  # file:line, the line of the program's entry
        body = "\n".join(f"{p.file}:{p.line}: {p.message}" for p in problems)
    count = len(problems)
    noun = "handout is" if count == 1 else "handouts are"
    return (
        f"{body}\n\n{count} {noun} longer than the page limit, so the site was not finished. "
        f"Fix {file} and build again."
    )


# --- Two weeks of boxes where they fit ------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """With ``tracker_weeks: 2`` in data/clinic.yml, each program's sheet has two weeks of boxes to
    tick where all its PDFs keep their page limits with two, and one week where two would break
    them, said once in the log. Decided here, before the pages are made, so that a handout page (and
    what a browser prints from it) and its PDFs agree. The PDFs laid out for it are kept in the cache,
    where on_post_build finds the ones it needs: both take the stylesheets read here, once per build
    (``BuildState.sheet_stylesheets``), so their keys agree."""
    state = build_state(config)
    state.sheet_stylesheets = read_stylesheets(files)
    if state.content.clinic.tracker_weeks != 2:
        return files
    css = list(state.sheet_stylesheets)
    engine = importlib.metadata.version("weasyprint")
    cache = _cache_folder(config)
    counted: list[tuple[PdfJob, int]] = []
    todo: list[tuple[PdfJob, PdfJob, Path]] = []
    keep: set[Path] = set()
    for program in state.content.programs:
        for variant in PDF_VARIANTS:
            job = pdf_job(state, css, program.id, variant)
            # Two weeks only with every drill whole: the sheet laid out without its flowing version
            whole = replace(job, flowing_html="")
            cached = cache / f"{whole.key(engine)}.pdf"
            keep.update((cached, _pages_file(cached)))
            pages = _cached_pages(cached)
            if pages is None:
                todo.append((job, whole, cached))
            else:
                counted.append((job, pages))
    running_states(config)[0].pdf_cache_used.update(keep)
    base_url = Path(config.site_dir).as_uri() + "/"
    fetcher = _site_fetcher(files, base_url)
    outcomes = _render_all([whole for _, whole, _ in todo], base_url, fetcher) if todo else []
    for (job, whole, cached), outcome in zip(todo, outcomes, strict=True):
        if isinstance(outcome, str):  # the renderer's error, as "Type: message"
            raise Abort(f"Could not make the PDF {job.target}: {outcome}. Fix the problem and build again.")
        pdf, pages = outcome
        _keep_in_cache(whole, cached, pdf, pages)
        if pages <= job.variant.most_pages:  # the PDF on_post_build makes: kept for it
            _keep_in_cache(job, cache / f"{job.key(engine)}.pdf", pdf, pages)
        counted.append((job, pages))
    content = state.content
    for program in content.programs:
        for large_print in (False, True):
            over = [
                (job, pages)
                for job, pages in counted
                if job.program_id == program.id
                and job.variant.large_print == large_print
                and pages > job.variant.most_pages
            ]
            if not over:
                continue
            state.keep_one_week(program.id, large_print)
            job, pages = over[0]
            page = state.prefix + page_url(handout_src(program.id, large_print), state.use_directory_urls)
            log.info(
                f"{content.file('programs')}:{content.line_of('programs', program.id)}: the handout "
                f"{page} has one week of boxes to tick, not the two of tracker_weeks: 2 in "
                f"{(state.english or content).file('clinic')}: with two, its {job.variant.name} takes "
                f"{pages} pages, more than its {job.variant.most_pages}-page limit."
            )
    return files


def _site_fetcher(files: Files, base_url: str) -> object:
    """WeasyPrint's fetcher for a sheet laid out before the site is written: a file of the site (a
    clinic's picture) is read from where the build takes it; any other address as WeasyPrint would."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415  (only when rendering)

    by_address = {base_url + quote(file.dest_uri): file for file in files}

    class SiteFiles(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> object:
            file = by_address.get(url.split("#")[0].split("?")[0])
            if file is None:
                return super().fetch(url, headers)
            kind = mimetypes.guess_type(file.dest_uri)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=file.content_bytes, headers={"Content-Type": kind})

    return SiteFiles()
