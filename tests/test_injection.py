"""Nothing in a data file can change a page's code: every value is escaped once, where it is handed over.

* Generated from the content model: every free-text field of every data file gets a
  payload at once, one build per payload. Either the build refuses it with the file,
  line and field (the tag payload: "no HTML in text"), or every page has exactly the
  elements and attributes of the clean build and shows the payload as text.
  The fields come from the pydantic models (content_model.loader.DATA_FILES), so a
  field added later is covered without editing this file.
* The cases found by hand: a summary that would turn the description <meta> into a
  redirect, a clinic name that would add an element with id="__config" to every header,
  an onmouseover= in the name.
* No double escaping: "O'Brien & Hart PT" reads so in the header, <title>, search
  results, JSON-LD and the PDF's author; an emoji, quotes, a colon and a '#' in a
  program's title reach the handout page, the list of handouts and the PDF's title.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import types
import typing
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from pydantic import BaseModel, ValidationError

from conftest import ENGLISH_ONLY, Build, make_project, mkdocs_build
from content_model.loader import DATA_FILES
from content_model.translations import TRANSLATION_FILES
from pdf_tools import metadata

MARK = "Zq9"  # starts every payload, so every place a payload reaches can be counted
PAYLOADS = {
    # Breaks out of a quoted attribute (either quote) and adds attributes, without "<" (which
    # the content model refuses in text): what would turn a <meta> into a redirect.
    "attribute": MARK
    + """ "'> x=1 " http-equiv="refresh" id="__config" class="md-button" onmouseover="alert(1)" '""",
    # Entities must show as typed, neither decoded nor escaped twice.
    "entity": MARK + " &amp;&lt;&#x22;&#39; &copy",
    # A tag: the content model refuses it ("no HTML in text"), with file, line and field.
    "tag": MARK + """ "'><b x=1><img src=x onerror=alert(1)>""",
}
SENTENCE = "Plain words for a patient."  # what any free-text field accepts
SENTENCE_ES = "Palabras claras para un paciente."  # the same, in the Spanish data (never the English)
NO_PDFS = {"HANDOUT_PDFS": "0"}
TRANSLATION_MODELS = frozenset(f.model for f in TRANSLATION_FILES.values())


# --- The free-text fields, from the content model ------------------------------------------------


def _unwrap(annotation: Any) -> tuple[str, Any]:
    """('list', item) for a list field, ('model', class) for a nested model, else ('scalar', type)."""
    if typing.get_origin(annotation) is typing.Annotated:  # KeyPoints = Annotated[list[...], Field(...)]
        return _unwrap(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _unwrap(args[0])
    if typing.get_origin(annotation) is list:
        return "list", args[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "scalar", annotation


def _accepts_text(model: type[BaseModel], entry: dict[str, Any], name: str, value: Any) -> bool:
    """A field is free text when the model accepts an ordinary sentence in it: ids, URLs, phone
    numbers, emails, country codes, dates, levels, numbers and booleans all refuse one."""
    try:
        model.model_validate({**entry, name: value})
    except ValidationError as error:
        return not any(problem["loc"][:1] == (name,) for problem in error.errors())
    return True


def _sample(model: type[BaseModel], payload: str, sentence: str = SENTENCE) -> dict[str, Any] | None:
    """A valid entry of a nested model that the data leaves out (say, `reviewed`), with payload in
    its text fields; None if its other required fields cannot be filled from a few usual values."""
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    entry: dict[str, Any] = dict.fromkeys(required, sentence)
    others = [datetime.date.today() - datetime.timedelta(days=30), 1, True]
    for name in required:
        if not _accepts_text(model, entry, name, sentence):
            entry[name] = next((v for v in others if _accepts_text(model, entry, name, v)), None)
            if entry[name] is None:
                return None
    return entry


def inject(
    model: type[BaseModel], entry: dict[str, Any], path: str, payload: str, sentence: str = SENTENCE
) -> list[str]:
    """Append payload to every free-text value of entry (and fill the text fields it leaves out,
    with sentence); returns the field paths changed, as the content model names them
    (drills[0].steps[1])."""
    changed: list[str] = []
    for name, info in model.model_fields.items():
        if model in TRANSLATION_MODELS and name in ("same_in_both", "id"):
            continue  # names kept in both languages, not texts of their own
        kind, inner = _unwrap(info.annotation)
        here = f"{path}.{name}"
        present = name in entry and entry[name] is not None
        if kind == "model":
            if not present:
                sample = _sample(inner, payload, sentence)
                if sample is None:
                    continue
                entry[name] = sample
            changed += inject(inner, entry[name], here, payload, sentence)
        elif kind == "list" and _accepts_text(model, entry, name, [sentence, sentence]):
            items = entry[name] if present and entry[name] else [sentence]
            entry[name] = [f"{item} {payload}" for item in items]
            changed += [f"{here}[{i}]" for i in range(len(items))]
        elif kind == "scalar" and _accepts_text(model, entry, name, sentence):
            entry[name] = f"{entry[name] if present else sentence} {payload}"
            changed.append(here)
    return changed


def write_injected(
    data: Path, payload: str, languages: tuple[str, ...] | None = None
) -> dict[str, list[str]]:
    """Every data file, the Spanish ones too (or only those of languages: "en", "es"), with payload
    in every free-text field; {file name under data/: field paths}."""
    fields: dict[str, list[str]] = {}
    files = [
        (key, f.file, f.model, f.many, SENTENCE) for key, f in DATA_FILES.items() if not f.optional
    ]  # optional files are settings, not text a patient reads
    # The Spanish gets its own ending, so that no text is the same as its English (a name kept in
    # both languages, "Spiderman", would be refused as untranslated).
    files += [(key, f"es/{f.file}", f.model, f.many, SENTENCE_ES) for key, f in TRANSLATION_FILES.items()]
    for key, name, model, many, sentence in files:
        if languages is not None and name.startswith("es/") != ("es" in languages):
            continue
        file = data / name
        value = yaml.safe_load(file.read_text(encoding="utf-8"))
        entries = value if many else [value]
        ending = payload if sentence == SENTENCE else f"{payload} es"
        paths = []
        for index, entry in enumerate(entries):
            paths += inject(model, entry, f"{key}[{index}]" if many else key, ending, sentence)
        fields[name] = paths
        file.write_text(
            yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8"
        )
    return fields


def test_every_data_file_has_free_text_fields_and_formats_are_left_alone(tmp_path: Path) -> None:
    """The walk finds the text a patient reads in each file, and none of the formatted fields."""
    project = make_project(tmp_path, warm=True)
    fields = write_injected(project / "data", "x")
    everything = [p for paths in fields.values() for p in paths]
    for expected in (
        "clinic.name",
        "clinic.call_to_action.heading",
        "clinic.disclaimer",
        "drills[0].summary",
        "drills[0].steps[0]",
        "drills[0].reviewed.by",
        "root_causes[0].title",
        "programs[0].title",
    ):
        assert expected in everything, (expected, fields)
    for formatted in (
        ".id",
        ".phone",
        ".country",
        ".email",
        ".website",
        ".video",
        ".level",
        ".requires",
        ".drills[",
        ".dose",
        ".each_side",
        ".require_review",
        ".reviewed.on",
    ):
        assert not any(formatted in path for path in everything), (formatted, fields)


# --- Builds --------------------------------------------------------------------------------------


# The clean build fills the same fields (a review for every drill, tips, ...) with plain words, so
# that the only difference from an injected build is the payload.
PLAIN = MARK + " plain words"


def _build(
    tmp: Path, payload: str, languages: tuple[str, ...] | None = None
) -> tuple[Build, dict[str, list[str]], Path]:
    project = make_project(tmp, warm=True)
    fields = write_injected(project / "data", payload, languages)
    return mkdocs_build(project, tmp / "site", extra_env=NO_PDFS), fields, project


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build, _fields, _project = _build(tmp_path_factory.mktemp("clean"), PLAIN)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module", params=["attribute", "entity"])
def injected(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Build]:
    build, _fields, _project = _build(tmp_path_factory.mktemp(request.param), PAYLOADS[request.param])
    assert build.returncode == 0, build.output
    return PAYLOADS[request.param], build


def shape(soup: BeautifulSoup) -> Counter[tuple[str, tuple[str, ...]]]:
    """Each element of a page as its tag name and attribute names, counted."""
    return Counter((tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True))


def _json_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def shown_strings(soup: BeautifulSoup) -> list[str]:
    """What a page shows or says, decoded as a browser decodes it: its text, its attribute
    values, and the strings of its JSON blocks."""
    found: list[str] = []
    for tag in soup.find_all(True):
        found += [v if isinstance(v, str) else " ".join(v) for v in tag.attrs.values()]
        if tag.name == "script" and "json" in (tag.get("type") or "") and tag.string:
            found += _json_strings(json.loads(tag.string))
    found += [s for s in soup.find_all(string=True) if s.parent.name not in ("script", "style")]
    return found


def pages(build: Build) -> dict[str, Path]:
    return {p.relative_to(build.site).as_posix(): p for p in sorted(build.site.rglob("*.html"))}


@dataclass(frozen=True)
class Read:
    """What the checks below take from one built page, parsed once (html.parser, as a page was
    always parsed here): each build's pages are read by three tests, the clean build's by two."""

    shape: Counter[tuple[str, tuple[str, ...]]]
    shown: list[str]  # shown_strings
    equivs: list[str]  # the http-equiv of each <meta> that has one
    config_ids: int  # elements with id="__config"
    handlers: int  # elements with an onmouseover attribute


@functools.cache  # by file: each build is a module fixture in its own folder, written once
def read(file: Path) -> Read:
    soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return Read(
        shape=shape(soup),
        shown=[str(s) for s in shown_strings(soup)],  # plain strings: the parsed page is let go
        equivs=[m.get("http-equiv") for m in soup.find_all("meta") if m.get("http-equiv")],
        config_ids=len(soup.select('[id="__config"]')),
        handlers=len(soup.select("[onmouseover]")),
    )


def test_every_page_keeps_its_elements_and_attributes(clean: Build, injected: tuple[str, Build]) -> None:
    payload, build = injected
    before, after = pages(clean), pages(build)
    assert before.keys() == after.keys()
    for name, file in after.items():
        clean_shape, dirty_shape = read(before[name]).shape, read(file).shape
        assert dirty_shape == clean_shape, (
            f"{name}: added {dirty_shape - clean_shape}, lost {clean_shape - dirty_shape} with payload "
            f"{payload!r}"
        )


def test_the_payload_is_shown_as_text_wherever_it_reaches(injected: tuple[str, Build]) -> None:
    payload, build = injected
    total = 0
    for name, file in pages(build).items():
        strings = read(file).shown
        reached, whole = sum(s.count(MARK) for s in strings), sum(s.count(payload) for s in strings)
        assert reached == whole, (
            f"{name}: the payload reached it {reached} times, but shows whole only {whole} times"
        )
        total += whole
    assert total > 100, total  # it reached every kind of page: drills, articles, handouts, the builder
    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Search results show titles and texts as HTML: decoded once, they read as typed.
    decoded = [
        BeautifulSoup(d[k], "html.parser").get_text() for d in index["docs"] for k in ("title", "text")
    ]
    assert sum(s.count(MARK) for s in decoded) == sum(s.count(payload) for s in decoded) > 0


def test_the_attribute_payload_adds_no_redirect_no_element_and_no_handler(
    injected: tuple[str, Build],
) -> None:
    payload, build = injected
    for name, file in pages(build).items():
        page = read(file)
        assert page.equivs == ["Content-Security-Policy"], f"{name}: {page.equivs}"
        assert page.config_ids <= 1, name
        assert not page.handlers, name
    drill = BeautifulSoup(
        (build.site / "drills" / "spiderman" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    description = drill.find("meta", attrs={"name": "description"})["content"]
    assert description.endswith(payload)


@pytest.mark.parametrize("language", ["en", "es"])
def test_html_in_any_text_field_is_refused_with_file_line_and_field(tmp_path: Path, language: str) -> None:
    """In the English data, and in the Spanish (checked once the English is clean)."""
    build, fields, project = _build(tmp_path, PAYLOADS["tag"], (language,))
    assert build.returncode != 0 and "Traceback" not in build.output
    assert not (tmp_path / "site" / "index.html").exists()
    for name, paths in fields.items():
        text = (project / "data" / name).read_text(encoding="utf-8").splitlines()
        assert paths, name
        for path in paths:
            found = re.search(
                rf"^data/{re.escape(name)}:(\d+):\d+: {re.escape(path)}: contains HTML", build.output, re.M
            )
            assert found, f"{path} in data/{name} was not refused:\n{build.output}"
            assert MARK in text[int(found[1]) - 1], f"data/{name}:{found[1]} is not the line of {path}"


# --- By hand: the cases from the issue, and no double escaping -------------------------------------

NAME = "O'Brien & Hart PT"
PROGRAM_TITLE = 'Hips 💪: "go" #1'


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The default site for a clinic named O'Brien & Hart PT, whose program's title has an emoji,
    quotes, a colon and a '#', and whose home page names the clinic in a sentence. With PDFs.

    English only (BUILD_ONLY_LOCALE=en): the tests below read English pages and PDFs alone, and the
    name is on every sheet, so a Spanish build would render six more PDFs that nothing reads."""
    tmp = tmp_path_factory.mktemp("named")
    project = make_project(tmp, warm=True)
    clinic = project / "data" / "clinic.yml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8").replace(
            "name: Your Physical Therapy Clinic", f"name: {json.dumps(NAME)}"
        ),
        encoding="utf-8",
    )
    programs = project / "data" / "programs.yml"
    programs.write_text(
        programs.read_text(encoding="utf-8").replace(
            "title: 6 hip mobility drills", f"title: {json.dumps(PROGRAM_TITLE, ensure_ascii=False)}"
        ),
        encoding="utf-8",
    )
    home = project / "docs" / "index.md"
    home.write_text(
        home.read_text(encoding="utf-8") + "\nCall {{ clinic.name }} to book a visit.\n", encoding="utf-8"
    )
    build = mkdocs_build(project, tmp / "site", extra_env={"HANDOUT_PDFS": "1", **ENGLISH_ONLY})
    assert build.returncode == 0, build.output
    return build


def test_the_clinic_name_reads_as_typed_in_header_title_search_json_ld_and_pdf(named: Build) -> None:
    home = named.html("")
    assert home.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == NAME
    assert home.title.string == f"Home - {NAME}"
    for path in ("404.html", "drills/spiderman/", "handouts/hip-mobility/"):
        assert named.html(path).title.string.endswith(NAME), path
    ld = json.loads(home.find("script", type="application/ld+json").string)
    assert ld["name"] == NAME and ld["publisher"]["name"] == NAME
    index = json.loads((named.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [BeautifulSoup(d["text"], "html.parser").get_text() for d in index["docs"]]
    assert any(f"Call {NAME} to book a visit." in text for text in texts)
    for pdf in ("hip-mobility.pdf", "hip-mobility-a4.pdf", "hip-mobility-large-print.pdf"):
        assert metadata(named.site / "handouts" / pdf)["/Author"] == NAME, pdf
    raw = (named.site / "index.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in raw and "&amp;#" not in raw


def test_an_emoji_quotes_and_a_hash_in_a_program_title_reach_page_list_and_pdf(named: Build) -> None:
    page = named.html("handouts/hip-mobility/")
    assert page.title.string == f"{PROGRAM_TITLE}: printable handout - {NAME}"
    assert PROGRAM_TITLE in page.select_one("article").get_text()
    assert named.html("handouts/hip-mobility/large-print/").title.string.startswith(
        f"{PROGRAM_TITLE} (large print)"
    )
    assert PROGRAM_TITLE in named.html("handouts/").select_one("article").get_text()
    assert metadata(named.site / "handouts" / "hip-mobility.pdf")["/Title"] == PROGRAM_TITLE
    assert (
        metadata(named.site / "handouts" / "hip-mobility-large-print.pdf")["/Title"]
        == f"{PROGRAM_TITLE} (large print)"
    )


def test_handout_front_matter_is_serialized_not_pasted(tmp_path: Path) -> None:
    """hooks/handout_pages.py writes front matter with a YAML serializer: read back, it is the data."""
    from conftest import load_hook
    from content_model.models import Program
    from macros.strings import strings_for

    hook = load_hook("handout_pages.py")
    for title in (PROGRAM_TITLE, "a: b\nc", "--- #x", "'single' & \"double\"", "yes", "null"):
        program = Program(id="p", title=title.replace("\n", " "), summary="Hips.\n---\nx", drills=["d"])
        text = hook._page(program, False, "data/programs.yml", strings_for("en"))
        front = yaml.safe_load(text.split("---\n")[1])
        assert (
            front["title"] == f"{program.title}: printable handout"
            and front["description"] == program.summary
        )
        assert front["handout_of"] == {"program": "p", "large_print": False}
        assert text.split("---\n", 2)[2] == "\n" + hook._BODY  # the body is the same for every program
