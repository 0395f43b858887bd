"""The handout builder (``handouts/builder/``): a therapist picks drills for one patient and prints.

Python computes here, once per build, what the page's script needs:

* every drill's name and default dose, as JSON the script reads (``script_json``),
  with the words the script says a dose in (macros/dose.py DOSE_WORDS);
* every drill's printed words and pictures once, as data in that JSON (``block_data``): no
  drill's block is written into the page. At 600 drills the blocks written out weighed 270 KB
  gzipped, more than all the rest of the page (issue 20);
* one pattern block per sheet language, made by the same ``handout_drill`` template as the
  program handouts (``pattern_block``): the script copies it for each drill chosen and fills in
  the drill's words, pictures and QR code as text and attributes (the QR code is made in the
  browser with the lean-qr library, ``vendor/lean-qr/index.js``);
* every picture's drawing once, as an SVG <symbol> (drills drawn alike share one);
* the empty sheet (header, call to action, footer) from ``handout_sheet``.

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

from .dose import DOSE_WORDS, Step, dose_phrase
from .figures import FigureView, drawing_key
from .handout import Handout, HandoutDrill, handout_drill, sheet_message
from .links import relative
from .page_context import PageContext
from .picture_files import PhotoSource, PhotoView, printed
from .qr_codes import QrCode
from .state import BuildState
from .strings import LANGUAGE_NAMES, STRINGS, strings_for

OTHER_DRILLS = STRINGS["en"]["builder.other_drills"]
SCRIPT = "assets/javascripts/handout-builder.js"
# The QR codes are made in the browser by lean-qr (a CommonJS file, given its `exports` object first).
QR_SCRIPTS = ("assets/javascripts/lean-qr-exports.js", "assets/javascripts/vendor/lean-qr/index.js")
# The pattern block's drill id: not an id a drill can have (content_model: lower case, digits, "-"),
# so the script can put the real id wherever the pattern's stands (ids and aria-labelledby).
PATTERN_ID = "PATTERN"
# The pattern's words that the script replaces: present, so the template writes their elements.
_PLACEHOLDER = "-"
STYLESHEET = "assets/stylesheets/handout-builder.css"
# A drill with no dose in the data still gets a "How much:" line in its block; the script writes the words.
_NO_DOSE_YET = "-"
_SCRIPT = "builder.script."  # the keys of the script's messages in macros/strings.py


@dataclass(frozen=True)
class DrillGroup:
    """Drills listed together in the chooser: a program's, in program order, or the rest."""

    title: str
    drills: tuple[Drill, ...]
    program: str | None = None  # the program's id; None for the rest


@dataclass(frozen=True)
class BuilderProgram:
    """A program to start from: its title (in the page's language) and its drills, in order."""

    id: str
    title: str
    drills: tuple[str, ...]


# The papers a sheet can be printed on, as the script and the print styles name them. A clinic in a
# country that uses US Letter starts on Letter; elsewhere on A4 (the therapist can change it).
PAPERS = ("letter", "a4")
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR"})


def default_paper(country: str | None) -> str:
    return "letter" if (country or "US").upper() in LETTER_COUNTRIES else "a4"


@dataclass(frozen=True)
class BuilderSheet:
    """The sheet in one language: its header and footer, and a printed block per drill it has."""

    language: str  # "en", "es"
    name: str  # the language's name in itself: "English", "Español"
    sheet: Handout  # header and footer; the script adds the drills
    blocks: tuple[HandoutDrill, ...]  # one printed block per drill in that language, in data order
    # The block the page carries for the script to copy and fill (pattern_block); the blocks above
    # go into the page as data only.
    pattern: HandoutDrill | None = None


@dataclass(frozen=True)
class Builder:
    """The one input of the ``handout_builder`` template."""

    sheets: tuple[BuilderSheet, ...]  # the page's language first, then the site's other languages
    programs: tuple[BuilderProgram, ...]  # to start from, in data order
    papers: tuple[str, ...]  # PAPERS
    paper: str  # the one chosen at the start
    # every printed picture's drawing, once (drills drawn alike share one): (symbol id, view)
    symbols: tuple[tuple[str, FigureView], ...]
    # The picker's thumbnail patterns, which the script fills in with each drill's first picture: a
    # drawn one (its symbol id, view) and a clinic's photo (no symbol: an <img> of a file the page
    # loads anyway), each if any drill has one
    thumb_patterns: tuple[tuple[str | None, FigureView | PhotoView], ...]
    # Every clinic photo a printed block may show, loaded with the page (a picture in a <template>
    # loads only when the block is copied: that request would tell the server which drill was chosen):
    # each its print-sized copy, WebP first with the fallback beside it, as _one_file makes it
    photos: tuple[PhotoView, ...]
    data: Markup  # JSON for <script type="application/json">
    dose_ranges: dict[str, tuple[int, int]]  # the number inputs' min and max
    script_url: str
    stylesheet_url: str
    qr_script_urls: tuple[str, ...] = ()

    @property
    def sheet(self) -> Handout:
        """The sheet in the page's language."""
        return self.sheets[0].sheet

    @property
    def blocks(self) -> tuple[HandoutDrill, ...]:
        return self.sheets[0].blocks


def script_json(value: Any) -> Markup:
    """JSON that is safe as the text of a <script> element.

    Inside <script>, the HTML parser ends the element at "</script" and treats
    "<!--" specially, whatever the JSON means. Writing every <, > and & as a JSON
    escape (\\u003c, \\u003e, \\u0026) leaves no such sequence, and JSON.parse
    reads the same data back.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def drill_groups(content: Content, other_drills: str = OTHER_DRILLS) -> tuple[DrillGroup, ...]:
    """Each program's drills, then the drills in no program under "Other drills"."""
    groups = [DrillGroup(p.title, tuple(content.program_drills(p.id)), p.id) for p in content.programs]
    in_programs = {drill_id for p in content.programs for drill_id in p.drills}
    others = tuple(d for d in content.drills if d.id not in in_programs)
    if others:
        groups.append(DrillGroup(other_drills, others))
    return tuple(groups)


def columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows of data (one per drill) as columns: each field's name once, not once per drill, and each
    field's values side by side, where gzip finds what they share. A field a row lacks is null.
    The script turns them back into rows (handout-builder.js ``asRows``)."""
    keys = dict.fromkeys(key for row in rows for key in row)
    return {key: [row.get(key) for row in rows] for key in keys}


def photo_files(sheets: tuple[BuilderSheet, ...]) -> tuple[PhotoView, ...]:
    """Every clinic photo a printed block may show, once (by its file), in the order the page loads
    them (the hidden <picture>s of the template); the data names a photo by its place here."""
    photos: dict[str, PhotoView] = {}
    for view in (v for s in sheets for b in s.blocks for v in b.figures if isinstance(v, PhotoView)):
        photos.setdefault(view.src, view)
    return tuple(photos.values())


def builder_data(
    content: Content,
    sheets: tuple[BuilderSheet, ...] = (),
    script: dict[str, str] | None = None,
    page_language: str = "en",
    other_drills: str = OTHER_DRILLS,
) -> dict[str, Any]:
    """What the script needs: each drill's name and default dose, the words to say a dose in (in
    each language a sheet can be printed in), which drills each sheet language has, the picker's
    groups, and the script's own messages in the page's language.

    At 600 drills this is most of the page (issue 20), so it is kept short: each kind of row
    (drills, each language's printed blocks) as columns; every picture's record once, in
    ``figures``, named by its place there (drills drawn alike share one), a photo by its place among
    the page's photos (``photo_files``: its address is in the page once); a block's name only where
    it differs from the drill's name in the page's language, and its drill's id only if the
    language's blocks are not every drill in order."""
    drills = []
    for drill in content.drills:
        dose = drill.dose
        drills.append(
            {
                "id": drill.id,
                "name": drill.name,
                "sets": dose.sets if dose else None,
                "reps": dose.reps if dose else None,
                # A drill that holds counts its sets as "times" ("2 times, hold 30 seconds"); a drill of
                # repetitions as "sets" when its reps are cleared ("2 sets").
                "hold_seconds": dose.hold_seconds if dose else None,
                "per_day": dose.per_day if dose else None,
                "each_side": drill.each_side,
                # Its easier and harder versions (content/issue 19), for the builder's swap.
                "easier": [d.id for d in content.easier_than(drill.id)],
                "harder": [d.id for d in content.harder_than(drill.id)],
            }
        )
    names = {drill.id: drill.name for drill in content.drills}
    figures: dict[tuple[tuple[str, Any], ...], int] = {}  # each picture's record -> its place in the list
    photos = {view.src: place for place, view in enumerate(photo_files(sheets))}

    def record(figure: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
        if "src" in figure:
            figure = {**{k: v for k, v in figure.items() if k != "src"}, "photo": photos[figure["src"]]}
        return tuple(figure.items())

    def compact(block: dict[str, Any]) -> dict[str, Any]:
        pictures = [figures.setdefault(record(figure), len(figures)) for figure in block["figures"]]
        name = None if names.get(block["id"]) == block["name"] else block["name"]
        return {**block, "name": name, "figures": pictures}

    def language_blocks(sheet: BuilderSheet) -> dict[str, list[Any]]:
        found = columns([compact(block_data(block, drill_url(sheet.blocks))) for block in sheet.blocks])
        if found.get("id") == list(names):  # every drill, in order: the drills' own ids say which
            del found["id"]
        return found

    ranges = {name: list(limits) for name, limits in dose_ranges().items()}
    languages = [sheet.language for sheet in sheets] or ["en"]
    blocks = {sheet.language: language_blocks(sheet) for sheet in sheets}
    return {
        "drills": columns(drills),
        "dose_words": {language: DOSE_WORDS[language] for language in languages},
        "dose_ranges": ranges,
        "messages": dict(script or {}),
        # How the date is written, in each sheet language (the script fills in today's date).
        "date_locales": {language: strings_for(language)["date_locale"] for language in languages},
        # The programs to start from: their drills, in order (each drill then takes its own dose).
        "programs": {program.id: list(program.drills) for program in content.programs},
        # The picker's groups (drill_groups): each program's drills (by its title and id: its drills
        # are in "programs"), then the drills in no program (no id), if any.
        "groups": [[group.title, group.program] for group in drill_groups(content, other_drills)],
        # The calendar reminder's words, in each sheet language (the patient's).
        "reminder_words": {
            language: {
                "title": strings_for(language)["builder.sheet_title"],
                "details": strings_for(language)["builder.reminder_details"],
            }
            for language in languages
        },
        # The dose fields' names, for a warning about one of them, in the page's language.
        "field_names": {field: strings_for(page_language)[f"builder.{field}"] for field in DOSE_RANGES},
        # Each drill's printed words and pictures, in each sheet language (block_data): the drills
        # that language has (a drill not translated completely is never printed in it). Then the
        # words around them the script fills in, and each language's drill pages' address (a
        # drill's page is <before><id><after>, as a block writes it unless its own differs).
        "blocks": blocks,
        "figures": [dict(record) for record in figures],
        "drill_urls": {sheet.language: list(drill_url(sheet.blocks)) for sheet in sheets},
        "sheet_words": {
            language: {key: strings_for(language)[f"sheet.{key}"] for key in _SHEET_WORDS}
            for language in languages
        },
    }


# The words of a printed block that hold a drill's own words ("{name}", "{names}", "{url}").
_SHEET_WORDS = ("qr", "qr_label", "qr_label_video", "easier_text", "or")


def drill_url(blocks: tuple[HandoutDrill, ...]) -> tuple[str, str]:
    """What comes before and after a drill's id in the address of its page (the QR code's), from
    the first block: ("https://clinic.example/drills/", "/")."""
    if not blocks:
        return ("", "")
    first = blocks[0]
    at = first.url.rfind(first.id)
    return (first.url[:at], first.url[at + len(first.id) :]) if at != -1 else ("", "")


def block_data(block: HandoutDrill, url: tuple[str, str] = ("", "")) -> dict[str, Any]:
    """One drill's printed block as data, for the script to fill the pattern block with: the same
    words and pictures the ``handout_drill`` template prints (the dose and the number the script
    writes itself). A step that holds is [before, hold, after]; a picture drawn once on the page
    names its <symbol>, a clinic's photo its one file."""
    figures: list[dict[str, Any]] = []
    for view, symbol in zip(block.figures, block.figure_symbols, strict=True):
        shown = {"alt": view.alt, "caption": view.caption or "", "width": view.width, "height": view.height}
        if isinstance(view, PhotoView):
            figures.append({**shown, "src": view.src, "drawing": view.drawing})
        else:
            figures.append({**shown, "symbol": symbol, "view": view.view})
    found: dict[str, Any] = {
        "id": block.id,
        "name": block.name,
        "summary": block.summary,
        "position": block.position or "",
        "steps": [[step.before, step.hold, step.after] if step.hold else step.before for step in block.steps],
        "cautions": list(block.cautions),
        "requires": list(block.requires),
        "easier": list(block.easier),
        "video": block.video,
        "figures": figures,
    }
    if url[0] + block.id + url[1] != block.url:  # an address unlike the others': written out
        found["url"] = block.url
    return found


def pattern_block(blocks: tuple[HandoutDrill, ...], language: str) -> HandoutDrill:
    """The block the script copies for each drill: every part a block can have, once (a step that
    holds, a "when to stop", a drill to master first, an easier version, a drawn picture and a photo
    if any drill has them, each with a caption), with placeholder words it replaces."""
    drawn = next((v for b in blocks for v in b.figures if isinstance(v, FigureView)), None)
    photo = next((v for b in blocks for v in b.figures if isinstance(v, PhotoView)), None)
    figures: list[FigureView | PhotoView] = []
    symbols: list[str | None] = []
    if drawn is not None:
        figures.append(replace(drawn, alt=_PLACEHOLDER, caption=_PLACEHOLDER))
        symbols.append(drawing_key(drawn))
    if photo is not None:
        # (the script puts in each photo's files: its WebP <source>, if it has one, and its fallback)
        figures.append(replace(photo, alt=_PLACEHOLDER, caption=_PLACEHOLDER, src="", sources=()))
        symbols.append(None)
    return HandoutDrill(
        number=1,
        id=PATTERN_ID,
        name="",
        summary="",
        position=_PLACEHOLDER,
        steps=(Step(_PLACEHOLDER, _PLACEHOLDER, ""),),
        dose=_PLACEHOLDER,
        cautions=(_PLACEHOLDER,),
        requires=(_PLACEHOLDER,),
        url="",
        qr=QrCode(0, ""),
        anchor=f"handout-drill-{PATTERN_ID}",
        figures=tuple(figures),
        figure_symbols=tuple(symbols),
        language=language,
        easier=(_PLACEHOLDER,),
        tracker_weeks=2,  # the sheet shows as many weeks as the therapist chooses
    )


def _one_file(view: FigureView | PhotoView) -> FigureView | PhotoView:
    """A photo as the builder shows it: one file, loaded with the page. The print-sized copy
    (``print_src``: 320 px for a photo, macros/picture_files.WIDTHS): it prints 3.4 cm wide
    (3.6 cm in large print, at most 4.6 cm tall) at over 200 dots per inch, and fills the picker's
    thumbnail. Every photo loads with the page, so each pixel more costs at load: at 600 drills
    with 100 photos, the 480 px copy cost 4.2 MB gzipped, the 1440 px one about 15 MB.

    Its WebP copy comes first (``print_webp``, a <source> without widths), the JPEG or PNG as the
    fallback: a browser takes the same one of the two for the copy loaded with the page and for
    every block and thumbnail showing it, since it chooses by type alone (the bench's 100 photos:
    1.9 MB gzipped instead of 2.6)."""
    if isinstance(view, PhotoView):
        sources = (PhotoSource("image/webp", view.print_webp),) if view.print_webp else ()
        return replace(printed(view), srcset="", sources=sources, loading="eager")  # only the printed copy
    return view


def dose_ranges() -> dict[str, tuple[int, int]]:
    """The lowest and highest number of each dose field: the data's ranges (content_model.models),
    so a therapist or a link can set no dose the data would refuse."""
    return {name: (low, high) for name, (low, high, _example) in DOSE_RANGES.items()}


def builder_sheet(state: BuildState, language: str, page_url: str) -> BuilderSheet:
    """The empty sheet and every drill's printed block in one language, with its QR codes to that
    language's drill pages. The pictures are drawn once on the page (symbols, by drill and picture,
    the same drawing in every language; each block keeps its own alt text)."""
    content = state.content_in(language)
    strings = state.templates.strings if language == state.language else strings_for(language)
    site_url = state.site_url_in(language)
    blocks = []
    for drill in content.drills:
        block = handout_drill(
            content,
            drill,
            1,
            site_url,
            state.qr_codes,
            state.use_directory_urls,
            english=state.source,
            language=language,
            shown_at=page_url,
            drawn=state.figures,  # the drill's figures as its page and sheets drew them, not drawn again
        )
        # A photo here has one address, no srcset: the copy the page loaded at the start is the one
        # a printed block shows, whatever the screen (a browser picks from a srcset by screen).
        block = replace(block, figures=tuple(_one_file(view) for view in block.figures))
        # Each drawing by what it draws; builder() names the symbols once it has them all.
        ids = tuple(drawing_key(view) if isinstance(view, FigureView) else None for view in block.figures)
        # The script sets the number and the dose words; the elements must be there to set.
        dose = dose_phrase(drill.dose, drill.each_side, language) or _NO_DOSE_YET
        # Two weeks of boxes in every block: the sheet shows as many as the therapist chooses.
        blocks.append(replace(block, dose=dose, figure_symbols=ids, tracker_weeks=2))
    # The urgent-care box after the drills, as on every printed sheet (the page count allows for it).
    title = strings["builder.sheet_title"]
    sheet = Handout(
        content.clinic,
        title,
        "",
        (),
        urgent_care=True,
        language=language,
        message=sheet_message(content.clinic, language),
        tracker_weeks=content.clinic.tracker_weeks,
    )
    name = LANGUAGE_NAMES.get(language, language)
    return BuilderSheet(language, name, sheet, tuple(blocks), pattern_block(tuple(blocks), language))


def named_symbols(sheets: tuple[BuilderSheet, ...]) -> tuple[BuilderSheet, ...]:
    """The sheets with each drawing's key (macros.figures.drawing_key) replaced by its symbol's id:
    "figure-1", "figure-2" and so on, in the order the drawings first come. Short ids, because the
    picker and every picture in the data name one (600 drills name about 1,800); the drawings alike
    share one."""
    blocks = [block for sheet in sheets for block in (*sheet.blocks, sheet.pattern) if block]
    keys = dict.fromkeys(key for block in blocks for key in block.figure_symbols if key)
    names = {key: f"figure-{number}" for number, key in enumerate(keys, start=1)}

    def named(block: HandoutDrill) -> HandoutDrill:
        symbols = tuple(names[key] if key else None for key in block.figure_symbols)
        return replace(block, figure_symbols=symbols)

    return tuple(
        replace(sheet, blocks=tuple(map(named, sheet.blocks)), pattern=sheet.pattern and named(sheet.pattern))
        for sheet in sheets
    )


def builder(state: BuildState, page_url: str) -> Builder:
    """The builder page's view. page_url is the builder page's own URL, for links to its files.

    A sheet can be printed in any language of the site, whatever the page's (a therapist who reads
    the English page prints a patient's sheet in Spanish): each language's sheet and blocks come
    with the page, the page's language first.
    """
    strings = state.templates.strings
    order = (state.language, *(lang for lang in state.languages if lang != state.language))
    sheets = named_symbols(tuple(builder_sheet(state, language, page_url) for language in order))
    messages = {key.removeprefix(_SCRIPT): strings[key] for key in strings if key.startswith(_SCRIPT)}
    symbols: dict[str, FigureView] = {}
    for sheet in sheets:  # the page's language first: its pictures' drawings
        for block in sheet.blocks:
            for symbol, view in zip(block.figure_symbols, block.figures, strict=True):
                if symbol is not None and isinstance(view, FigureView):
                    symbols.setdefault(symbol, view)
    # A pattern block has a drawn picture and a photo if any block in its language has one.
    patterns = [
        pair
        for sheet in sheets
        if sheet.pattern
        for pair in zip(sheet.pattern.figure_symbols, sheet.pattern.figures, strict=True)
    ]
    drawn = next((pair for pair in patterns if isinstance(pair[1], FigureView)), None)
    photo = next((pair for pair in patterns if isinstance(pair[1], PhotoView)), None)
    content = state.content
    return Builder(
        sheets=sheets,
        programs=tuple(BuilderProgram(p.id, p.title, tuple(p.drills)) for p in content.programs),
        papers=PAPERS,
        paper=default_paper(content.clinic.country),
        symbols=tuple(symbols.items()),
        thumb_patterns=tuple(pair for pair in (drawn, photo) if pair),
        photos=photo_files(sheets),
        data=script_json(
            builder_data(content, sheets, messages, state.language, strings["builder.other_drills"])
        ),
        dose_ranges=dose_ranges(),
        script_url=relative(SCRIPT, page_url),
        stylesheet_url=relative(STYLESHEET, page_url),
        qr_script_urls=tuple(relative(script, page_url) for script in QR_SCRIPTS),
    )


class BuilderView(TypedDict):
    builder: Builder


def handout_builder(page: PageContext) -> BuilderView:
    """The handout builder: choose drills for one patient, set the dose, print.

    The printed sheet's footer holds the call to action: no second one at the end of the page.
    """
    return {"builder": builder(page.state, page.page_url)}
