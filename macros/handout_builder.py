"""The handout builder (``handouts/builder/``): a therapist picks drills for one patient and prints.

Python computes here, once per build, what the page's script needs:

* every drill's name and default dose, as JSON the script reads (``script_json``),
  with the words the script says a dose in (macros/dose.py DOSE_WORDS);
* every drill's printed block, made by the same ``handout_drill`` template as the
  program handouts (QR code included), for the script to copy into the preview;
* the empty sheet (header, call to action, footer) from ``handout_sheet``;
* each drill's printed pictures (start and end), drawn once as SVG <symbol>s that the picker's
  thumbnails and the printed blocks show with <use>: the page carries every picture, so choosing
  drills requests nothing (a request per drill would tell the server which drills a patient gets).

``handout_builder`` is the view of the ``{{ handout_builder() }}`` marker
(macros/__init__.py maps the marker to it and its template).

The script (``overrides/assets/javascripts/handout-builder.js``) fills in the rest
in the browser. What the therapist types never leaves the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from markupsafe import Markup

from content_model import Content, Drill
from content_model.models import DOSE_RANGES

from .dose import DOSE_WORDS, dose_phrase
from .figures import FigureView, symbol_id
from .handout import Handout, HandoutDrill, handout_drill
from .links import relative
from .page_context import PageContext
from .picture_files import PhotoView
from .qr_codes import QrCodes

SHEET_TITLE = "Your home exercises"
OTHER_DRILLS = "Other drills"
SCRIPT = "assets/javascripts/handout-builder.js"
STYLESHEET = "assets/stylesheets/handout-builder.css"
# A drill with no dose in the data still gets a "How much:" line in its block; the script writes the words.
_NO_DOSE_YET = "-"


@dataclass(frozen=True)
class DrillGroup:
    """Drills listed together in the chooser: a program's, in program order, or the rest."""

    title: str
    drills: tuple[Drill, ...]


@dataclass(frozen=True)
class Builder:
    """The one input of the ``handout_builder`` template."""

    sheet: Handout  # header and footer; the script adds the drills
    groups: tuple[DrillGroup, ...]
    blocks: tuple[HandoutDrill, ...]  # one printed block per drill, in data order
    symbols: tuple[tuple[str, FigureView], ...]  # every printed picture, drawn once: (symbol id, view)
    # drill id -> its first picture's (symbol id, view); a clinic's photo has no symbol (None): it is
    # an <img> that loads with the page, as every picture the sheet may print does
    thumbs: dict[str, tuple[str | None, FigureView | PhotoView]]
    # Every clinic photo a printed block may show, loaded with the page (a picture in a <template>
    # loads only when the block is copied: that request would tell the server which drill was chosen)
    photos: tuple[str, ...]
    data: Markup  # JSON for <script type="application/json">
    dose_ranges: dict[str, tuple[int, int]]  # the number inputs' min and max
    script_url: str
    stylesheet_url: str


def script_json(value: Any) -> Markup:
    """JSON that is safe as the text of a <script> element.

    Inside <script>, the HTML parser ends the element at "</script" and treats
    "<!--" specially, whatever the JSON means. Writing every <, > and & as a JSON
    escape (\\u003c, \\u003e, \\u0026) leaves no such sequence, and JSON.parse
    reads the same data back.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def drill_groups(content: Content) -> tuple[DrillGroup, ...]:
    """Each program's drills, then the drills in no program under "Other drills"."""
    groups = [DrillGroup(p.title, tuple(content.program_drills(p.id))) for p in content.programs]
    in_programs = {drill_id for p in content.programs for drill_id in p.drills}
    others = tuple(d for d in content.drills if d.id not in in_programs)
    if others:
        groups.append(DrillGroup(OTHER_DRILLS, others))
    return tuple(groups)


def builder_data(content: Content) -> dict[str, Any]:
    """What the script needs: each drill's name and default dose, and the words to say a dose in."""
    drills = []
    for drill in content.drills:
        dose = drill.dose
        drills.append({
            "id": drill.id,
            "name": drill.name,
            "sets": dose.sets if dose else None,
            "reps": dose.reps if dose else None,
            "hold_seconds": dose.hold_seconds if dose else None,
            "per_day": dose.per_day if dose else None,
            "each_side": drill.each_side,
        })
    ranges = {name: list(limits) for name, limits in dose_ranges().items()}
    return {"drills": drills, "dose_words": DOSE_WORDS, "dose_ranges": ranges}


def _one_file(view: FigureView | PhotoView) -> FigureView | PhotoView:
    """A photo as the builder shows it: its one fallback file, loaded with the page."""
    if isinstance(view, PhotoView):
        return replace(view, srcset="", sources=(), loading="eager")
    return view


def dose_ranges() -> dict[str, tuple[int, int]]:
    """The lowest and highest number of each dose field: the data's ranges (content_model.models),
    so a therapist or a link can set no dose the data would refuse."""
    return {name: (low, high) for name, (low, high, _example) in DOSE_RANGES.items()}


def builder(
    content: Content, site_url: str | None, qr_codes: QrCodes, page_url: str, use_directory_urls: bool = True
) -> Builder:
    """The builder page's view. page_url is the builder page's own URL, for links to its files."""
    blocks = []
    symbols: list[tuple[str, FigureView]] = []
    thumbs: dict[str, tuple[str | None, FigureView | PhotoView]] = {}
    for drill in content.drills:
        block = handout_drill(content, drill, 1, site_url, qr_codes, use_directory_urls, shown_at=page_url)
        # A photo here has one address, no srcset: the copy the page loaded at the start is the one
        # a printed block shows, whatever the screen (a browser picks from a srcset by screen).
        block = replace(block, figures=tuple(_one_file(view) for view in block.figures))
        ids = tuple(
            symbol_id(drill.id, index) if isinstance(view, FigureView) else None
            for index, view in enumerate(block.figures)
        )
        symbols += [(id_, view) for id_, view in zip(ids, block.figures, strict=True) if id_ is not None]
        if ids:
            thumbs[drill.id] = (ids[0], block.figures[0])
        # The script sets the number and the dose words; the elements must be there to set.
        dose = dose_phrase(drill.dose, drill.each_side) or _NO_DOSE_YET
        blocks.append(replace(block, dose=dose, figure_symbols=ids))
    return Builder(
        sheet=Handout(content.clinic, SHEET_TITLE, "", (), urgent_care=False),
        groups=drill_groups(content),
        blocks=tuple(blocks),
        symbols=tuple(symbols),
        thumbs=thumbs,
        photos=tuple(
            dict.fromkeys(
                view.src for block in blocks for view in block.figures if isinstance(view, PhotoView)
            )
        ),
        data=script_json(builder_data(content)),
        dose_ranges=dose_ranges(),
        script_url=relative(SCRIPT, page_url),
        stylesheet_url=relative(STYLESHEET, page_url),
    )


class BuilderView(TypedDict):
    builder: Builder


def handout_builder(page: PageContext) -> BuilderView:
    """The handout builder: choose drills for one patient, set the dose, print.

    The printed sheet's footer holds the call to action: no second one at the end of the page.
    """
    state = page.state
    view = builder(state.content, state.site_url, state.qr_codes, page.page_url, state.use_directory_urls)
    return {"builder": view}
