"""The state of one build: what the hooks and the macros share, reached through the build itself.

A ``BuildState`` holds what one build loaded and made: the content (loaded and
validated once), the one Jinja environment for our templates, the macros' HTML
held until after Markdown, the page mistakes found, the QR codes, the
picture files and link-preview pictures (hooks/picture_files.py) and the
handout views (computed once, for the handout page and again for its PDFs).

It is made when the build starts (hooks/content_validation.py, first
``on_config``) and ends with it (the same hook, last ``on_post_build``; a failed
build's config is dropped, state and all). Hooks and macros find it on the build's config object
(``build_state(config)``; the macros through ``env.conf``), never in a module
global: two builds in one process (``mkdocs serve`` rebuilding, tests) each
have their own.

Builds can nest: mkdocs-static-i18n builds each extra language from its
``on_post_build``, inside the first build, and every hook's ``on_config`` and
``on_post_build`` runs again for it. So a config carries a stack of states: a
nested build pushes its own and pops it when it ends, and the outer build's
later ``on_post_build`` handlers find the outer state again. A copied config
(``copy.deepcopy``) starts with no state; a shallow copy (mkdocs-macros keeps
one as a page variable) shares its original's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from content_model import Content, Drill
from hook_helpers.languages import builds_every_language

from .blocks import HeldBlocks
from .figures import DrawnFigures
from .handout import Handout, program_handout
from .page_errors import PageMistakes
from .picture_files import PictureFiles
from .qr_codes import QrCodes
from .render import Templates
from .share_images import ShareImage

_STATES = "clinic_build_states"  # the attribute of a config object that holds its builds' states


@dataclass(eq=False)
class BuildState:
    content: Content  # this language's content: the English, or only what is completely translated
    templates: Templates  # the one Jinja environment for our templates
    site_url: str | None  # the published address of this language's pages (QR codes point there)
    use_directory_urls: bool
    language: str = "en"  # the language of the pages this build makes
    prefix: str = ""  # where its pages live in the site: "" for English, "es/" for Spanish
    english: Content | None = None  # the English content (None: the same as content)
    languages: tuple[str, ...] = ("en",)  # every language the site is built in, English first
    root_url: str | None = None  # the site's published address (site_url), whatever the language
    held: HeldBlocks = field(default_factory=HeldBlocks)
    mistakes: PageMistakes = field(default_factory=PageMistakes)
    qr_codes: QrCodes = field(default_factory=QrCodes)
    # The files made for the pictures (the clinic's own, and the link previews), kept in .cache/pictures/.
    pictures: PictureFiles = field(default_factory=PictureFiles)
    share_images: dict[str, ShareImage] = field(default_factory=dict)  # by drill id
    figures: DrawnFigures = field(default_factory=DrawnFigures)  # each drill's figures, drawn once
    # Each program's handout view, by (program id, large print): made once for its page and its PDFs.
    handouts: dict[tuple[str, bool], Handout] = field(default_factory=dict)
    # The cached files every language's build used, kept on the outermost build's state, which cleans
    # the caches when all are done (cleans_caches): the PDFs and their page counts (hooks/pdf_handouts.py)
    # and the pictures (hooks/picture_files.py).
    pdf_cache_used: set[Path] = field(default_factory=set)
    picture_cache_used: set[Path] = field(default_factory=set)
    # Each page's inline drawings, by page, while Material's search reads the page without them
    # (hooks/search_figures.py).
    held_drawings: dict[str, list[str]] = field(default_factory=dict)
    # The English 404 page as written, which every language's site serves (hooks/site_languages.py).
    not_found_page: str | None = None
    # What a hook that reads every page worked out once per build from each inline <svg>'s text (a
    # figure is on its drill's page, cards and sheets), by hook: whether a page scan passes over it
    # whole (hook_helpers/html_tags.py), the copy Material's search reads (hooks/search_figures.py).
    per_svg: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Each page's Markdown compiled as a template once per build, by its text: every drill page has the
    # same body, and so does every handout page (macros/__init__.py compiled_once).
    page_templates: dict[str, Any] = field(default_factory=dict)
    # The printed sheet's stylesheets (handout.css, print.css) as this build takes them from their
    # sources, read once by hooks/pdf_handouts.py (on_files): the PDFs are laid out with them and keyed
    # by them, never by the built copies a later hook changes (hooks/minify_assets.py). None: not read yet.
    sheet_stylesheets: tuple[str, ...] | None = None
    # Our scripts as served (local names shortened), by source file: read before the build writes
    # anything, written over the built copies after it (hooks/minify_assets.py).
    minified_scripts: dict[Path, str] = field(default_factory=dict)

    @property
    def source(self) -> Content:
        """The English content, all of it (every language is checked against it)."""
        return self.english or self.content

    def in_english(self, drill_id: str) -> bool:
        """A drill of the data that this language's site does not have (not completely translated)."""
        return self.english is not None and not any(d.id == drill_id for d in self.content.drills)

    def any_drill(self, drill_id: str) -> Drill:
        """A drill in this language, or in English when it is not translated (for links that say so)."""
        return self.source.drill(drill_id) if self.in_english(drill_id) else self.content.drill(drill_id)

    def site_url_in(self, language: str) -> str | None:
        """The published address of a language's pages: site_url, or site_url + "es/"."""
        if not self.root_url or language == self.languages[0]:
            return self.root_url
        return urljoin(self.root_url if self.root_url.endswith("/") else self.root_url + "/", f"{language}/")

    def content_in(self, language: str) -> Content:
        """The content of a language's site (the English, or only what is completely translated)."""
        if language == self.language:
            return self.content
        return self.source if language == self.languages[0] else self.source.localized(language)

    def handout(self, program_id: str, large_print: bool = False) -> Handout:
        """A program's handout view, computed once per build: the page shows it, the PDFs print it."""
        key = (program_id, large_print)
        if key not in self.handouts:
            self.handouts[key] = program_handout(
                self.content,
                self.content.program(program_id),
                self.site_url,
                self.qr_codes,
                large_print=large_print,
                use_directory_urls=self.use_directory_urls,
                english=self.english,
                language=self.language,
                prefix=self.prefix,
                drawn=self.figures,
            )
        return self.handouts[key]

    def keep_one_week(self, program_id: str, large_print: bool) -> None:
        """A program's sheet (its page and its PDFs) gets one week of boxes to tick: two, as the
        clinic chose, take it over its page limit (hooks/pdf_handouts.py decides, before the pages)."""
        key = (program_id, large_print)
        self.handouts[key] = self.handout(program_id, large_print).with_tracker_weeks(1)


class _States(list):
    """The states of the builds running on one config, innermost last."""

    def __copy__(self) -> _States:
        return self  # a shallow copy of the config belongs to the same build

    def __deepcopy__(self, memo: dict[int, Any]) -> _States:
        return _States()  # a deep copy is a new config: its build makes its own state


def start_build(
    config: Any,
    content: Content,
    language: str = "en",
    prefix: str = "",
    english: Content | None = None,
    languages: tuple[str, ...] = ("en",),
    outer: BuildState | None = None,
) -> BuildState:
    """Make the state of the build that starts with this config (validated content in hand).

    A language other than English: ``content`` is that language's (``Content.localized``), ``prefix``
    where its pages go ("es/"), ``english`` the English content its links fall back to, ``outer`` the
    state of the build it is nested in, whose drawings and QR codes it shares (a drill's poses are
    the same in every language, and each language's builder page shows both languages' drills and
    QR codes): each is made once for the whole site, and the QR codes kept when it ends (end_build).
    """
    site_url = config.site_url
    if site_url and prefix:
        site_url = urljoin(site_url if site_url.endswith("/") else site_url + "/", prefix)
    state = BuildState(
        content=content,
        templates=Templates(config.theme.get_env(), language),
        site_url=site_url,
        use_directory_urls=bool(config.use_directory_urls),
        language=language,
        prefix=prefix,
        english=english,
        languages=languages,
        root_url=config.site_url,
        figures=outer.figures if outer is not None else DrawnFigures(),
        qr_codes=outer.qr_codes if outer is not None else QrCodes(),
    )
    state.qr_codes.use_file(Path(config.config_file_path).parent / ".cache" / "qr-codes.json")
    state.pictures.use_cache(Path(config.config_file_path).parent / ".cache" / "pictures")
    states = getattr(config, _STATES, None)
    if states is None:
        states = _States()
        setattr(config, _STATES, states)
    states.append(state)
    return state


def outer_state(config: Any) -> BuildState | None:
    """The state of the build this one is nested in (None for the outermost build)."""
    states = getattr(config, _STATES, None)
    return states[-2] if states and len(states) > 1 else None


def running_states(config: Any) -> tuple[BuildState, ...]:
    """The states of the builds running on this config, outermost first."""
    return tuple(getattr(config, _STATES, None) or ())


def build_state(config: Any) -> BuildState:
    """The state of the innermost build running on this config."""
    states = getattr(config, _STATES, None)
    if not states:
        raise RuntimeError(
            "no build state on this config: hooks/content_validation.py makes it when the build "
            "starts (is it listed first under hooks: in mkdocs.yml?)"
        )
    return states[-1]


def cleans_caches(config: Any) -> bool:
    """Whether this build may remove from ``.cache/`` what none of its pages used: only the outermost
    build (every language's pages are made by then: mkdocs-static-i18n builds the others from its
    on_post_build, at priority -100), and only when it builds every language of the site (a build of
    one language alone has not seen what the others use: hook_helpers/languages.py)."""
    states = running_states(config)
    return bool(states) and states[0] is states[-1] and builds_every_language(config)


def end_build(config: Any) -> None:
    """Forget the state of the innermost build running on this config (it has ended). The outermost
    keeps the site's QR codes for the next build (the nested builds share them)."""
    states = getattr(config, _STATES, None)
    if states:
        if len(states) == 1:
            states[0].qr_codes.save(keep_unused=not cleans_caches(config))
        states.pop()
