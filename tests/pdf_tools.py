"""Reading printed handouts back: text per page and the structure tree (pypdf), QR codes (pdftoppm +
zxing-cpp)."""

from __future__ import annotations

import copy
import functools
import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import zxingcpp
from PIL import Image
from pypdf import PdfReader


def pdf_bytes(source: Path | bytes) -> bytes:
    return source.read_bytes() if isinstance(source, Path) else source


def page_texts(source: Path | bytes) -> list[str]:
    """The text of each page, with runs of whitespace made single spaces.

    A line that ends at a word's own hyphen ("push-" then "up", beside a drill's pictures)
    reads back as "push- up": it is joined again, as a reader reads it.

    Read once per PDF (by its bytes) in a test module, for this and structure_tree alike."""
    return list(_read(pdf_bytes(source)).texts)


class _ReadPdf:
    """A PDF's text read once: each page's text, and the text of each marked-content sequence (what
    its structure tree's tags mark), from one pass of pypdf over each page. pypdf takes about half a
    second of processor time for a handout's text; several tests read the same handouts, some their
    pages' text and their structure tree both."""

    def __init__(self, data: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(data))
        texts = []
        self.marked: dict[tuple[int, int], str] = {}  # by (page index, MCID), as the page has it
        for index, page in enumerate(self.reader.pages):
            text, marked = _page_read(page)
            texts.append(re.sub(r"(?<=[a-z])- (?=[a-z])", "-", " ".join(text.split())))
            self.marked.update(((index, mcid), "".join(parts)) for mcid, parts in marked.items())
        self.texts = tuple(texts)

    @functools.cached_property
    def tree(self) -> Tag | None:
        return _structure_tree(self.reader, self.marked)


_READ: dict[bytes, _ReadPdf] = {}


def _read(data: bytes) -> _ReadPdf:
    if data not in _READ:
        _READ[data] = _ReadPdf(data)
    return _READ[data]


def forget_read() -> None:
    """Forget the PDFs read (conftest, after each test module)."""
    _READ.clear()


def page_sizes(source: Path | bytes) -> list[tuple[float, float]]:
    """Width and height of each page, in points."""
    reader = PdfReader(io.BytesIO(pdf_bytes(source)))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def metadata(source: Path | bytes) -> dict[str, str]:
    reader = PdfReader(io.BytesIO(pdf_bytes(source)))
    return {key: str(value) for key, value in (reader.metadata or {}).items()}


def qr_codes(source: Path | bytes, dpi: int = 200) -> list[list[str]]:
    """Every QR code on each page, decoded: the PDF is rasterised by pdftoppm, read by zxing-cpp.

    Decoded once per PDF (by its bytes) in a test process: several tests read the same handouts."""
    return [list(page) for page in _qr_codes(pdf_bytes(source), dpi)]


@functools.cache
def _qr_codes(data: bytes, dpi: int) -> tuple[tuple[str, ...], ...]:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm is missing: install poppler-utils (sudo apt-get install poppler-utils)"
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(tmp) / "page")], check=True
        )
        pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        found = []
        for png in pages:
            with Image.open(png) as image:
                codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found.append(tuple(code.text for code in codes))
        return tuple(found)


# --- The structure tree of a tagged PDF, as a screen reader meets it ---------------------------


@dataclass
class Tag:
    """One structure element: its standard role, /Alt, attributes (/A, names without the slash),
    the text of the content it marks itself, and its kids in order."""

    role: str
    alt: str | None
    attributes: dict[str, str]
    text: str
    kids: list[Tag] = field(default_factory=list)
    page: int | None = None  # from 0
    mcids: list[int] = field(default_factory=list)  # the marked content it holds itself, on its page
    raw: str = ""  # text, with the spaces and line breaks the PDF itself has (none added between pieces)

    def walk(self) -> Iterator[Tag]:
        """This tag and every tag under it, in the tree's order (the reading order)."""
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_text(self) -> str:
        """The text of this tag and every tag under it, in order, whitespace made single spaces; a
        line broken at a word's own hyphen ("push-", "up") joined again, as page_texts does.

        Pieces of one line (a bold hold time and the full stop after it) join as the PDF has them,
        with no space added between them; blocks (paragraphs, items, headings) are apart."""
        text = " ".join(self._raw_text().split())
        return re.sub(r"(?<=[a-z])- (?=[a-z])", "-", text)

    def _raw_text(self) -> str:
        text = self.raw
        for kid in self.kids:
            piece = kid._raw_text()
            text += piece if kid.role in _INLINE else f" {piece} "
        return text


def _page_read(page: object) -> tuple[str, dict[int, list[str]]]:
    """A page's text, and the text of each marked-content sequence with an /MCID on it, by MCID."""
    found: dict[int, list[str]] = {}
    stack: list[int | None] = []

    def before(operator: bytes, operands: list, cm: object, tm: object) -> None:
        if operator in (b"BDC", b"BMC"):
            mcid = None
            if operator == b"BDC" and len(operands) > 1 and hasattr(operands[1], "get"):
                mcid = operands[1].get("/MCID")
            stack.append(None if mcid is None else int(mcid))
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value: str, *rest: object) -> None:
        mcid = next((m for m in reversed(stack) if m is not None), None)
        if mcid is not None:
            found.setdefault(mcid, []).append(value)

    whole = page.extract_text(visitor_operand_before=before, visitor_text=text)  # type: ignore[attr-defined]
    return whole or "", found


# Roles whose text runs on in the line of the text around them (WeasyPrint marks a <strong> NonStruct)
_INLINE = {"#text", "Span", "NonStruct", "Link", "Strong", "Em", "Quote", "Reference", "Code"}


def _squeezed(pieces: list[str]) -> str:
    return " ".join("".join(pieces).split())


def structure_tree(source: Path | bytes) -> Tag | None:
    """The PDF's structure tree (None when it has none), with the text each tag marks.

    Read once per PDF (by its bytes) in a test module, with its pages' text (page_texts): test_pdf_ua
    reads the same handouts' trees in many tests. Each caller gets its own copy."""
    return copy.deepcopy(_read(pdf_bytes(source)).tree)


def _structure_tree(reader: PdfReader, texts: dict[tuple[int, int], str]) -> Tag | None:
    """The tree, its tags' text taken from ``texts``: each marked-content sequence's, by (page, MCID)."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return None
    root = root.get_object()
    role_map = {str(k): str(v) for k, v in (root.get("/RoleMap") or {}).items()}
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}

    def page_of(node: dict, default: int | None) -> int | None:
        ref = node.get("/Pg")
        return pages.get(ref.idnum, default) if ref is not None else default

    def attributes(node: dict) -> dict[str, str]:
        found: dict[str, str] = {}
        a = node.get("/A")
        owners = a if isinstance(a, list) else [a] if a is not None else []
        for owner in owners:
            owner = owner.get_object()
            if hasattr(owner, "items"):
                found.update({str(k)[1:]: str(v).lstrip("/") for k, v in owner.items()})
        return found

    def build(node: object, page: int | None) -> Tag:
        node = node.get_object()
        role = str(node.get("/S", "/?"))
        while role in role_map:
            role = role_map[role]
        here = page_of(node, page)
        alt = node.get("/Alt")
        tag = Tag(role[1:], None if alt is None else str(alt), attributes(node), "", page=here)
        kids = node.get("/K")
        items = kids if isinstance(kids, list) else [kids] if kids is not None else []
        own: list[str] = []
        for item in items:
            item = item.get_object() if hasattr(item, "get_object") else item
            if isinstance(item, int):
                tag.mcids.append(item)
                own.append(texts.get((here, item), "") if here is not None else "")
            elif hasattr(item, "get") and item.get("/Type") == "/MCR":
                own.append(texts.get((page_of(item, here), int(item["/MCID"])), ""))
            elif hasattr(item, "get") and item.get("/Type") == "/OBJR":
                continue  # an annotation (a link's target): no text of its own
            elif hasattr(item, "get"):
                if own:  # text before a kid tag keeps its place: as a text-only tag
                    tag.kids.append(Tag("#text", None, {}, _squeezed(own), page=here, raw="".join(own)))
                    own = []
                tag.kids.append(build(item, here))
        if own:
            if tag.kids:
                tag.kids.append(Tag("#text", None, {}, _squeezed(own), page=here, raw="".join(own)))
            else:
                tag.text, tag.raw = _squeezed(own), "".join(own)
        return tag

    top = Tag("StructTreeRoot", None, {}, "")
    kids = root.get("/K")
    for item in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        top.kids.append(build(item, None))
    return top


# Tags a screen reader says as one piece, their whole text; a list item too, unless it holds blocks.
_SAID_WHOLE = {"H1", "H2", "H3", "H4", "H5", "H6", "P", "TH", "TD", "Caption", "Lbl"}
_BLOCKS = (_SAID_WHOLE - {"Lbl"}) | {"L", "Figure", "Table", "Sect", "Div"}


def reading(tree: Tag) -> list[str]:
    """The tree read in order as a screen reader would: one line per piece, "Role: text"; a
    figure by its alt text, a list and a table announced before their items."""
    lines: list[str] = []

    def say(tag: Tag) -> None:
        if tag.role == "Figure":
            lines.append(f"Figure: {tag.alt or '(no alt text)'}")
        elif tag.role in _SAID_WHOLE or (
            tag.role == "LI" and not any(t.role in _BLOCKS for kid in tag.kids for t in kid.walk())
        ):
            if tag.all_text():
                lines.append(f"{tag.role}: {tag.all_text()}")
        else:
            if tag.role == "L":
                numbering = tag.attributes.get("ListNumbering", "?")
                lines.append(f"L ({len(tag.kids)} items, numbering {numbering})")
            elif tag.role in ("Table", "LI"):
                lines.append(tag.role)
            elif tag.text:
                lines.append(f"{tag.role}: {tag.text}")
            for kid in tag.kids:
                say(kid)

    say(tree)
    return lines
