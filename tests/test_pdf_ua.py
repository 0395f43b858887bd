"""The handout PDFs are tagged PDF/UA-1, and their tags carry the sheet's meaning.

Every PDF the build writes is read back: the machine-checkable PDF/UA-1 rules (the ``pdfua``
package) find nothing, and the structure tree (tests/pdf_tools.py ``structure_tree``) is read
as a screen reader meets it: the headings, the numbered steps, the QR codes' alt text, the
boxes to tick under each drill, and the order of it all.
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

import content_model
from build_state_helpers import config_with_state, pdf_hook_folders
from conftest import ROOT, Build, load_hook
from macros.dose import steps_with_hold
from macros.handout import PDF_VARIANTS, pdf_path
from macros.state import start_build
from macros.strings import DAYS as ALL_DAYS
from pdf_tools import Tag, metadata, reading, structure_tree

SITE_URL = "https://example.org/"
# pdfua 0.1.3's empty-heading rule (UA-14-001) cannot read a heading whose /K is an array, which is
# how every tagged heading is written: with pikepdf 8, 9 and 10 it stops with this error and is
# reported as not evaluated. test_headings_are_h1_then_h2_in_order checks what it would: no empty heading.
PDFUA_CANNOT_RUN = {"UA-14-001": "is not a Dictionary or Stream"}


DAYS = ALL_DAYS["en"]


def content() -> content_model.Content:
    return content_model.load(ROOT / "data", shown_dir="data")


def every_pdf(site: Build) -> list[tuple[str, Path]]:
    """Each PDF the build wrote: every program, every version."""
    found = sorted((site.site / "handouts").glob("*.pdf"))
    expected = sorted(site.site / pdf_path(p.id, v) for p in content().programs for v in PDF_VARIANTS)
    assert found == expected
    return [(path.relative_to(site.site).as_posix(), path) for path in found]


def tree_of(path: Path) -> Tag:
    tree = structure_tree(path)
    assert tree is not None, f"{path.name} has no structure tree"
    return tree


def roles(tag: Tag) -> list[str]:
    return [kid.role for kid in tag.kids]


def drill_url(drill_id: str) -> str:
    return urljoin(SITE_URL, f"drills/{drill_id}/")


# --- The machine-checkable rules ----------------------------------------------------------------


def test_pdfua_finds_nothing_in_any_pdf(site: Build) -> None:
    from pdfua import validate

    for name, path in every_pdf(site):
        report = validate(str(path))
        findings = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
        assert findings == [], f"{name}: {findings}"
        for outcome in report.outcomes:
            if outcome.skipped_reason is not None:
                reason = PDFUA_CANNOT_RUN.get(outcome.rule_id)
                assert reason and reason in outcome.skipped_reason, (
                    f"{name}: {outcome.rule_id} was not evaluated: {outcome.skipped_reason}"
                )


def test_pdfua_finds_the_problems_of_an_untagged_handout(site: Build, tmp_path: Path) -> None:
    """The check can fail: the same handout written untagged (as before issue 21) has findings,
    and so has our structure tree reader nothing to read."""
    from pdfua import validate
    from weasyprint import CSS, HTML

    hook = load_hook("pdf_handouts.py")
    config, state = config_with_state(
        ROOT, site_dir=str(site.site), site_url=SITE_URL, use_directory_urls=True
    )
    job = hook.jobs(config, state)[0]
    base = site.site.as_uri() + "/"
    untagged = tmp_path / "untagged.pdf"
    HTML(string=job.html, base_url=base).write_pdf(
        untagged, stylesheets=[CSS(string=text, base_url=base) for text in job.stylesheets]
    )
    rules = {f.rule_id for f in validate(str(untagged)).findings}
    assert {"UA-01-005", "UA-01-002", "UA-07-002", "UA-28-004"} <= rules
    assert structure_tree(untagged) is None


# --- What the catalog says: tagged, language, title, author --------------------------------------


def test_each_pdf_is_marked_tagged_with_language_title_and_the_clinic_as_author(site: Build) -> None:
    language = site.html("").find("html")["lang"]  # the site's language (theme.language)
    clinic = content().clinic.name
    for name, path in every_pdf(site):
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        catalog = reader.trailer["/Root"]
        assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True), name
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True), name
        assert str(catalog["/Lang"]) == language, name
        xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfuaid:part(>|=\")1", xmp), f"{name} does not claim PDF/UA-1"
        info = metadata(path)
        assert info["/Author"] == clinic and info["/Title"], name


def test_the_language_comes_from_the_site_not_a_fixed_english(site: Build, tmp_path: Path) -> None:
    """The Spanish build writes PDFs whose /Lang is es (the build's language, not a fixed English)."""
    hook = load_hook("pdf_handouts.py")
    config, english = config_with_state(
        ROOT, site_dir=str(site.site), site_url=SITE_URL, use_directory_urls=True
    )
    spanish = start_build(config, english.content.localized("es"), "es", "es/", english.content, ("en", "es"))
    job = hook.jobs(config, spanish)[0]
    assert job.target.startswith("es/handouts/")
    assert '<html lang="es">' in job.html
    pdf, _pages = hook.render_pdf(job, site.site.as_uri() + "/")
    assert str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"]) == "es"


# --- The tags carry the meaning -------------------------------------------------------------------


def test_headings_are_h1_then_h2_in_order(site: Build) -> None:
    """The title is the one H1; each drill's name is an H2, in program order. The web page's call to
    action (an H2 there) is not printed: the sheet ends with its own message to patients."""
    data = content()
    call = data.clinic.call_to_action.heading
    for program in data.programs:
        for variant in PDF_VARIANTS:
            tree = tree_of(site.site / pdf_path(program.id, variant))
            headings = [t for t in tree.walk() if re.fullmatch(r"H\d?", t.role)]
            assert all(t.all_text() for t in headings), "an empty heading"
            assert (headings[0].role, headings[0].all_text(), headings[0].page) == ("H1", program.title, 0)
            rest = headings[1:]
            assert {t.role for t in rest} == {"H2"}
            drills = data.program_drills(program.id)
            names = [f"{n}. {d.name}" for n, d in enumerate(drills, start=1)]
            assert [t.all_text() for t in rest] == names
            assert call not in [t.all_text() for t in rest]


def test_steps_are_one_numbered_list_each(site: Build) -> None:
    data = content()
    for program in data.programs:
        for variant in PDF_VARIANTS:
            tree = tree_of(site.site / pdf_path(program.id, variant))
            numbered = [t for t in tree.walk() if t.attributes.get("ListNumbering") == "Decimal"]
            drills = data.program_drills(program.id)
            assert len(numbered) == len(drills), variant.name
            for steps, drill in zip(numbered, drills, strict=True):
                assert steps.attributes["O"] == "List"
                shown = [step.text for step in steps_with_hold(drill.steps, drill.dose)]
                assert roles(steps) == ["LI"] * len(shown), f"{drill.id}: {roles(steps)}"
                for number, (item, step) in enumerate(zip(steps.kids, shown, strict=True), start=1):
                    assert roles(item) == ["Lbl", "LBody"]
                    assert item.kids[0].all_text() == f"{number}."
                    # the hold is its own piece of text ("30 seconds"): joined with a space
                    assert re.sub(r" ([.,])", r"\1", item.kids[1].all_text()) == step


def test_every_list_holds_only_items_and_says_how_it_is_numbered(site: Build) -> None:
    """No list in pieces (two columns, a line break) and nothing between items."""
    for name, path in every_pdf(site):
        for tag in tree_of(path).walk():
            if tag.role == "L":
                assert tag.kids and set(roles(tag)) <= {"LI", "L", "Caption"}, f"{name}: {roles(tag)}"
                assert tag.attributes.get("ListNumbering") in ("Decimal", "Disc", "None"), name
            if tag.role == "LI":
                assert set(roles(tag)) <= {"Lbl", "LBody"} and "LBody" in roles(tag), name
    # The cautions: one list, one item per caution, even where a caution breaks over two lines.
    data = content()
    tree = tree_of(site.site / pdf_path(data.programs[0].id, PDF_VARIANTS[0]))
    lists = [[item.all_text() for item in t.kids] for t in tree.walk() if t.role == "L"]
    for drill in data.program_drills(data.programs[0].id):
        assert drill.cautions in lists, drill.id


def test_every_figure_has_alt_text_and_each_qr_code_says_where_it_leads(site: Build) -> None:
    data = content()
    for program in data.programs:
        drills = data.program_drills(program.id)
        for variant in PDF_VARIANTS:
            tree = tree_of(site.site / pdf_path(program.id, variant))
            figures = [t for t in tree.walk() if t.role == "Figure"]
            assert all(f.alt and f.alt.strip() for f in figures), [f.alt for f in figures]
            qr = [f.alt for f in figures if f.alt and f.alt.startswith("QR code")]
            assert qr == [f"QR code: opens the page for {d.name}, {drill_url(d.id)}" for d in drills]


def test_the_qr_code_is_read_right_after_its_drills_heading(site: Build) -> None:
    data = content()
    program = data.programs[0]
    tree = tree_of(site.site / pdf_path(program.id, PDF_VARIANTS[0]))
    call = data.clinic.call_to_action.heading
    said = [
        f"H2: {t.all_text()}" if t.role == "H2" else f"Figure: {t.alt}"
        for t in tree.walk()
        if (t.role == "H2" and t.all_text() != call)
        or (t.role == "Figure" and (t.alt or "").startswith("QR code"))
    ]
    expected = []
    for number, drill in enumerate(data.program_drills(program.id), start=1):
        expected += [
            f"H2: {number}. {drill.name}",
            f"Figure: QR code: opens the page for {drill.name}, {drill_url(drill.id)}",
        ]
    assert said == expected


def test_decoration_is_an_artifact(site: Build) -> None:
    """Rules, lines to write on and the empty tick boxes are drawn as artifacts: whatever a page
    paints outside an artifact (paths, images) belongs to a figure."""
    for name, path in every_pdf(site):
        reader = PdfReader(io.BytesIO(path.read_bytes()))
        tree = tree_of(path)
        for index, page in enumerate(reader.pages):
            figures = {m for t in tree.walk() if t.role == "Figure" and t.page == index for m in t.mcids}
            outside = _painted_outside(page, figures)
            assert outside == [], f"{name} page {index + 1} paints outside artifacts: {outside[:5]}"


PAINTING = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"Do", b"sh"}


def _marked(operator: bytes, operands: list) -> int | str:
    """What a BDC or BMC begins: its MCID, or else its tag (/Artifact)."""
    if operator == b"BDC" and hasattr(operands[1], "get") and operands[1].get("/MCID") is not None:
        return int(operands[1]["/MCID"])
    return str(operands[0])


def _painted_outside(page: object, allowed: set[int]) -> list[str]:
    """Each painting operator on the page that is neither in an artifact nor in allowed MCIDs."""
    stack: list[int | str] = []
    outside: list[str] = []

    def before(operator: bytes, operands: list, cm: object, tm: object) -> None:
        if operator in (b"BDC", b"BMC"):
            stack.append(_marked(operator, operands))
        elif operator == b"EMC":
            stack.pop()
        elif operator in PAINTING:
            inner = stack[-1] if stack else "no marked content"
            if inner != "/Artifact" and inner not in allowed:
                outside.append(f"{operator.decode()} in {inner}")

    page.extract_text(visitor_operand_before=before)  # type: ignore[attr-defined]
    return outside


def test_large_print_has_the_boxes_under_each_drill_not_a_grid(site: Build) -> None:
    """Issue 17: in large print, as on the regular sheet, each drill ends with its row of seven days to
    tick, a list labelled "Days done:"; there is no grid of all drills on the last page."""
    data = content()
    for program in data.programs:
        tree = tree_of(site.site / pdf_path(program.id, PDF_VARIANTS[2]))
        assert not [t for t in tree.walk() if t.role == "Table"]
        sections = [t for t in tree.walk() if t.role == "Sect" and _is_drill(t)]
        assert len(sections) == len(data.program_drills(program.id))
        for section in sections:
            lists = [
                t for t in section.walk() if t.role == "L" and [k.all_text() for k in t.kids] == list(DAYS)
            ]
            assert len(lists) == 1, section.all_text()[:60]
            assert "Days done:" in section.all_text()


def test_reading_order_is_the_visual_order(site: Build) -> None:
    """Each drill's parts are read in the order they stand on the page, top to bottom: heading
    and dose, the QR code (floated beside what follows them), what it does, start, steps, when to
    stop, days done; and the drills page by page, top to bottom."""
    data = content()
    for program in data.programs:
        for variant in PDF_VARIANTS:
            path = site.site / pdf_path(program.id, variant)
            reader = PdfReader(io.BytesIO(path.read_bytes()))
            tops = [_mcid_tops(page) for page in reader.pages]
            tree = tree_of(path)

            def top(tag: Tag, tops: list = tops) -> tuple[int, float] | None:
                places = [
                    (t.page, -tops[t.page][m]) for t in tag.walk() for m in t.mcids if m in tops[t.page]
                ]
                return min(places) if places else None

            sections = [t for t in tree.walk() if t.role == "Sect" and _is_drill(t)]
            assert len(sections) == len(data.program_drills(program.id))
            starts = [top(s) for s in sections]
            assert starts == sorted(starts), f"{path.name}: drills out of order"
            for section in sections:
                blocks = [b for b in _blocks(section) if top(b) is not None]
                # within 1.5 pt: the QR code's label and the line it is floated beside start within a
                # fraction of a point of each other, and are read in the order of the tags
                places = [top(b) for b in blocks]
                in_order = all(
                    (page, y) >= (last_page, last_y - 1.5)
                    for (last_page, last_y), (page, y) in itertools.pairwise(places)
                )
                assert in_order, f"{path.name}: {[b.role for b in blocks]} {places}"


def _is_drill(section: Tag) -> bool:
    """A drill's section starts with its heading line (the call to action's with its heading)."""
    return bool(section.kids) and section.kids[0].role == "Div" and _blocks(section)[0].role == "H2"


def _blocks(section: Tag) -> list[Tag]:
    """A drill's parts as laid out one below the other (the heading line, a Div, counts by its heading)."""
    found = []
    for kid in section.kids:
        found += kid.kids[:1] if kid.role == "Div" and kid.kids and kid.kids[0].role == "H2" else [kid]
    return found


def _mcid_tops(page: object) -> dict[int, float]:
    """The height on the page (PDF units, from the bottom) of the first text of each MCID."""
    found: dict[int, float] = {}
    stack: list[int | None] = []

    def before(operator: bytes, operands: list, cm: object, tm: object) -> None:
        if operator in (b"BDC", b"BMC"):
            marked = _marked(operator, operands)
            stack.append(marked if isinstance(marked, int) else None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, cm: list, tm: list, *rest: object) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None and value.strip() and mcid not in found:
            found[mcid] = cm[3] * tm[5] + cm[5]

    page.extract_text(visitor_operand_before=before, visitor_text=text)  # type: ignore[attr-defined]
    return found


def test_a_screen_reader_reads_the_handout_in_order(site: Build) -> None:
    """The whole reading, as pdf_tools.reading gives it: title, clinic, the drills in order."""
    data = content()
    program = data.programs[0]
    said = reading(tree_of(site.site / pdf_path(program.id, PDF_VARIANTS[0])))
    text = "\n".join(said)
    first = data.program_drills(program.id)[0]
    assert said[0] == f"H1: {program.title}"
    # the name, the dose row, then the QR code (floated on the right under them) and its label
    assert text.index(f"H2: 1. {first.name}") < text.index("How much:") < text.index("Figure: QR code")
    label = text.index("Scan to see this drill online")
    assert text.index("How much:") < label < text.index("What it does:")
    shown = steps_with_hold(first.steps, first.dose)
    steps = [f"LI: {n}. {step.text}" for n, step in enumerate(shown, start=1)]
    start = said.index(f"L ({len(steps)} items, numbering Decimal)")
    assert [re.sub(r" ([.,])", r"\1", line) for line in said[start + 1 : start + 1 + len(steps)]] == steps


# --- The cache never hands back an untagged PDF -----------------------------------------------------


def test_a_cached_pdf_made_before_tagging_is_made_again(
    site: Build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache filled by a build that did not tag (the same inputs, an untagged PDF) is not used:
    the key holds the tagging, so the PDFs are made again, tagged.

    One untagged PDF (the first handout's) stands under every key: a cache that handed any of them
    back would write an untagged handout, which is what is checked, so the others are not rendered."""
    import importlib.metadata

    hook = load_hook("pdf_handouts.py")
    project, out = pdf_hook_folders(tmp_path, site.site)
    # The seed's shorter program alone: the key holds the tagging alike for every handout.
    programs = project / "data" / "programs.yml"
    text = programs.read_text(encoding="utf-8")
    programs.write_text(text[: text.index("- id: ")] + text[text.rindex("- id: ") :], encoding="utf-8")
    config, state = config_with_state(project, site_dir=str(out), site_url=SITE_URL, use_directory_urls=True)
    engine = importlib.metadata.version("weasyprint")
    jobs = hook.jobs(config, state)
    assert len(jobs) == len(PDF_VARIANTS)
    base = out.as_uri() + "/"
    # What a build before tagging left: the key without the tagging, an untagged PDF under it.
    monkeypatch.setattr(hook, "TAGGING", "")
    cache = project / ".cache" / "handout-pdfs"
    cache.mkdir(parents=True)
    untagged, pages = hook.render_pdf(jobs[0], base, tagged=False)
    assert structure_tree(untagged) is None
    for job in jobs:
        (cache / f"{job.key(engine)}.pdf").write_bytes(untagged)
        (cache / f"{job.key(engine)}.pages").write_text(f"{pages}\n")
    monkeypatch.undo()
    monkeypatch.delenv("HANDOUT_PDFS", raising=False)
    hook.on_startup(command="build", dirty=False)
    hook.on_post_build(config)
    for job in jobs:
        assert structure_tree(out / job.target) is not None, f"{job.target} came untagged from the cache"
    assert not any(cache.glob("*.pdf")) or all(structure_tree(p) is not None for p in cache.glob("*.pdf"))


def test_finishing_the_tags_follows_weasyprint_on_other_markup(tmp_path: Path) -> None:
    """hook_helpers/pdf_tags.py on markup the handouts do not hold today (a link, an image, a
    nested list, a description list, a list over two pages): it matches WeasyPrint's elements one
    to one (or it would stop), joins the pieces, and pdfua finds nothing."""
    from pdfua import validate
    from weasyprint import HTML

    from hook_helpers.pdf_tags import finish_tags

    pixel = "data:image/svg+xml," + "%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/%3E"
    many = "".join(f"<li>Item {n} of a long list</li>" for n in range(1, 161))
    html = f"""<!DOCTYPE html><html lang="es"><head><title>Prueba</title></head><body>
    <h1>Prueba</h1>
    <p>Un <a href="https://example.org/">enlace</a> y una imagen <img src="{pixel}" alt="Un cuadro"></p>
    <ol><li>Uno<ul><li>Dentro</li></ul></li><li>Dos</li></ol>
    <dl><dt>Término</dt><dd>Definición</dd></dl>
    <ol style="columns: 2">{many}</ol>
    </body></html>"""
    out = tmp_path / "other.pdf"
    HTML(string=html).write_pdf(out, pdf_variant="pdf/ua-1", finisher=finish_tags)
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) >= 2
    report = validate(str(out))
    assert [f.rule_id for f in report.findings] == []
    tree = tree_of(out)
    long_lists = [t for t in tree.walk() if t.role == "L" and len(t.kids) == 160]
    assert len(long_lists) == 1, "the list over two pages and two columns is one list"
    assert [item.all_text() for item in long_lists[0].kids] == [
        f"{n}. Item {n} of a long list" for n in range(1, 161)
    ]
    assert long_lists[0].attributes["ListNumbering"] == "Decimal"
    assert [t.alt for t in tree.walk() if t.role == "Figure"] == ["Un cuadro"]
    assert str(PdfReader(io.BytesIO(out.read_bytes())).trailer["/Root"]["/Lang"]) == "es"
