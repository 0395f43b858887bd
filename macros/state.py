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

from content_model import Content

from .blocks import HeldBlocks
from .handout import Handout, program_handout
from .page_errors import PageMistakes
from .picture_files import PictureFiles
from .qr_codes import QrCodes
from .render import Templates
from .share_images import ShareImage

_STATES = "clinic_build_states"  # the attribute of a config object that holds its builds' states


@dataclass(eq=False)
class BuildState:
    content: Content
    templates: Templates  # the one Jinja environment for our templates
    site_url: str | None  # the published address (QR codes point there)
    use_directory_urls: bool
    held: HeldBlocks = field(default_factory=HeldBlocks)
    mistakes: PageMistakes = field(default_factory=PageMistakes)
    qr_codes: QrCodes = field(default_factory=QrCodes)
    # The files made for the pictures (the clinic's own, and the link previews), kept in .cache/pictures/.
    pictures: PictureFiles = field(default_factory=PictureFiles)
    share_images: dict[str, ShareImage] = field(default_factory=dict)  # by drill id
    # Each program's handout view, by (program id, large print): made once for its page and its PDFs.
    handouts: dict[tuple[str, bool], Handout] = field(default_factory=dict)

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
            )
        return self.handouts[key]


class _States(list):
    """The states of the builds running on one config, innermost last."""

    def __copy__(self) -> _States:
        return self  # a shallow copy of the config belongs to the same build

    def __deepcopy__(self, memo: dict[int, Any]) -> _States:
        return _States()  # a deep copy is a new config: its build makes its own state


def start_build(config: Any, content: Content) -> BuildState:
    """Make the state of the build that starts with this config (validated content in hand)."""
    state = BuildState(
        content=content,
        templates=Templates(config.theme.get_env()),
        site_url=config.site_url,
        use_directory_urls=bool(config.use_directory_urls),
    )
    state.qr_codes.use_file(Path(config.config_file_path).parent / ".cache" / "qr-codes.json")
    state.pictures.use_cache(Path(config.config_file_path).parent / ".cache" / "pictures")
    states = getattr(config, _STATES, None)
    if states is None:
        states = _States()
        setattr(config, _STATES, states)
    states.append(state)
    return state


def build_state(config: Any) -> BuildState:
    """The state of the innermost build running on this config."""
    states = getattr(config, _STATES, None)
    if not states:
        raise RuntimeError(
            "no build state on this config: hooks/content_validation.py makes it when the build "
            "starts (is it listed first under hooks: in mkdocs.yml?)"
        )
    return states[-1]


def end_build(config: Any) -> None:
    """Forget the state of the innermost build running on this config (it has ended)."""
    states = getattr(config, _STATES, None)
    if states:
        states.pop()
