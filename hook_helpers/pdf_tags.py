"""Finish the structure tree WeasyPrint writes for a tagged PDF (PDF/UA-1), so that it reads as the sheet.

WeasyPrint (``pdf_variant="pdf/ua-1"``) tags every box it lays out. Two things it leaves
for us, which ``finish_tags`` (a ``write_pdf(finisher=...)``) does, on the PDF's objects before
they are written:

* **Lists say how they are numbered.** Each list (``/L``) gets ``/ListNumbering`` from the
  list's own ``list-style-type``: the steps, ``decimal``, are ``/Decimal``; a list whose
  numbers are written in its items' text, or that shows no marks, is ``/None``.
* **One element is one element.** WeasyPrint tags each piece of an element broken over lines,
  columns or pages: a list laid out in two columns, or an inline list broken over two lines,
  comes out as several ``/L`` (an item as two ``/LI``, a paragraph as two ``/P``), so a screen
  reader would announce "list of 2 items" twice. Neighbouring pieces of one HTML element are
  joined again, and whatever WeasyPrint put between list items (the spaces between inline
  items) moves into the item before it, so a list holds only items.

The sheets have no table (the large-print grid of boxes to tick, whose header cells this module
once gave a ``/Scope``, became a row of boxes under each drill), so no ``/TH`` needs finishing.

To know which HTML element each structure element came from, the boxes of the laid-out pages are
walked in the order WeasyPrint tags them (``_made``, which follows ``weasyprint.pdf.tags``), and
matched one to one, role by role, with the structure elements in the order they were made. If the
two ever differ (another WeasyPrint version tags differently), ``TaggingChanged`` is raised and the
build stops: the PDF is never written with a tree we did not check.
"""

from __future__ import annotations

from typing import Any

# list-style-type -> PDF 1.7 /ListNumbering (ISO 32000-1, table 347)
_NUMBERING = {
    "decimal": "Decimal",
    "decimal-leading-zero": "Decimal",
    "lower-roman": "LowerRoman",
    "upper-roman": "UpperRoman",
    "lower-alpha": "LowerAlpha",
    "lower-latin": "LowerAlpha",
    "upper-alpha": "UpperAlpha",
    "upper-latin": "UpperAlpha",
    "disc": "Disc",
    "circle": "Circle",
    "square": "Square",
}


class TaggingChanged(RuntimeError):
    """WeasyPrint made a structure tree other than the one this module knows how to finish."""


def finish_tags(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: number the lists and join pieces of one element."""
    from weasyprint.formatting_structure import boxes  # noqa: PLC0415  (WeasyPrint only when rendering)

    made: list[tuple[str, Any]] = []
    for page in document.pages:
        _made(page._page_box, "Document", made, boxes)
    # The first element is the whole document; then one per box, in the order _made found them.
    elements = [obj for obj in pdf.objects if _is_element(obj)][1:]
    if len(elements) != len(made) or any(
        role != "#text" and str(element["S"]) != f"/{role}"
        for element, (role, _) in zip(elements, made, strict=False)
    ):
        raise TaggingChanged(
            "WeasyPrint's structure tree does not follow the laid-out pages as expected: this version "
            "of WeasyPrint tags differently (hook_helpers/pdf_tags.py follows weasyprint.pdf.tags)"
        )
    source = {id(e): box for e, (role, box) in zip(elements, made, strict=True) if role != "#text"}
    by_reference = {obj.reference: obj for obj in pdf.objects if _is_element(obj)}

    for element in elements:
        if str(element["S"]) == "/L":
            style = source[id(element)].style["list_style_type"]
            numbering = _NUMBERING.get(style if isinstance(style, str) else "", "None")
            element["A"] = _dictionary({"O": "/List", "ListNumbering": f"/{numbering}"})

    def origin(reference: Any) -> Any:
        element = by_reference.get(reference)
        box = source.get(id(element)) if element is not None else None
        return None if box is None else box.element

    for parent in list(by_reference.values()):  # parents before their kids
        _join_pieces(parent, by_reference, origin)
    for element in elements:
        if str(element["S"]) == "/L":
            _only_items(element, by_reference)


def _is_element(obj: Any) -> bool:
    return isinstance(obj, dict) and str(obj.get("Type", "")) == "/StructElem"


def _dictionary(values: dict[str, Any]) -> Any:
    import pydyf  # noqa: PLC0415

    return pydyf.Dictionary(values)


def _array(values: list[Any]) -> Any:
    import pydyf  # noqa: PLC0415

    return pydyf.Array(values)


def _made(box: Any, parent: str, made: list[tuple[str, Any]], boxes: Any) -> None:
    """Append (role, box) for each structure element WeasyPrint makes for box, in its order.

    Follows ``_build_box_tree`` in weasyprint/pdf/tags.py: the same cases, in the same order.
    """
    from weasyprint.layout.absolute import AbsolutePlaceholder  # noqa: PLC0415
    from weasyprint.pdf.tags import _get_pdf_tag  # noqa: PLC0415

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    element_tag = None if box.element is None else box.element_tag
    role = _get_pdf_tag(element_tag)
    children = getattr(box, "children", ())
    if element_tag in ("html", "body") or isinstance(box, boxes.PageBox):
        if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
            for child in children:
                _made(child, parent, made, boxes)
            return
    elif isinstance(box, boxes.MarginBox):
        for child in children:
            _made(child, parent, made, boxes)
        return
    elif role in ("TD", "TH"):
        if parent in ("TD", "TH"):
            role = "NonStruct"
    elif role == "LI":
        no_bullet = box.element_tag == "li" and (
            "list-item" not in box.style["display"] or box.style["list_style_type"] == "none"
        )
        if parent == "LI":
            role = "LBody"
        elif parent == "LBody":
            role = "NonStruct"
        elif box.element_tag in ("dt", "dd") or no_bullet:
            made.append(("LI", box))
            _made(box, "LI", made, boxes)  # WeasyPrint wraps it: an item, then its body
            return
    made.append((role, box))
    if role == "Table" and box.is_table_wrapper:
        table = box.get_wrapped_table()
        if table:
            children = [c for child in children for c in (child.children if child is table else [child])]
    for child in children:
        for kid in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(kid, boxes.TextBox):
                if role != "Link":  # a link holds its text itself; other text gets an element
                    made.append(("#text", kid))
                continue
            nested_list = kid.element_tag in ("ul", "ol") and role == "LI"
            _made(kid, parent if nested_list else role, made, boxes)


def _kids(element: Any) -> list[Any]:
    return list(element.get("K") or [])


def _set_kids(element: Any, kids: list[Any], by_reference: dict[Any, Any]) -> None:
    element["K"] = _array(kids)
    for kid in kids:
        moved = by_reference.get(kid)
        if moved is not None:
            moved["P"] = element.reference


def _join_pieces(parent: Any, by_reference: dict[Any, Any], origin: Any) -> None:
    """Among parent's kids, join neighbours that are pieces of one HTML element (broken over
    lines, columns or pages) into the first; and a list whose kids are all pieces of itself (its
    columns) takes their kids. Elements that mark content themselves (text, figures, links)
    are never joined: their marks belong to them and to their page."""
    kids = _kids(parent)
    if not kids:
        return
    joined: list[Any] = []
    for kid in kids:
        element = by_reference.get(kid)
        previous = by_reference.get(joined[-1]) if joined else None
        if (
            element is not None
            and previous is not None
            and str(element["S"]) == str(previous["S"])
            and origin(kid) is not None
            and origin(kid) is origin(joined[-1])
            and _holds_only_elements(element, by_reference)
            and _holds_only_elements(previous, by_reference)
        ):
            _append_kids(previous, _kids(element), by_reference)
            element["K"] = _array([])
            continue
        joined.append(kid)
    if (
        str(parent["S"]) == "/L"
        and joined
        and all(
            (e := by_reference.get(k)) is not None
            and str(e["S"]) == "/L"
            and origin(k) is origin(parent.reference)
            for k in joined
        )
    ):
        columns = [by_reference[k] for k in joined]
        joined = [grandkid for column in columns for grandkid in _kids(column)]
        for column in columns:
            column["K"] = _array([])
        _set_kids(parent, joined, by_reference)
        _join_pieces(parent, by_reference, origin)  # the columns' items may be pieces too
        return
    if len(joined) != len(kids):
        _set_kids(parent, joined, by_reference)


def _holds_only_elements(element: Any, by_reference: dict[Any, Any]) -> bool:
    return all(kid in by_reference for kid in _kids(element))


def _append_kids(element: Any, more: list[Any], by_reference: dict[Any, Any]) -> None:
    """Append more kids to element; an item's body joins the body it already has."""
    kids = _kids(element)
    if str(element["S"]) == "/LI":
        body = _body(kids, by_reference)
        rest = []
        for kid in more:
            other = by_reference.get(kid)
            if body is not None and other is not None and str(other["S"]) == "/LBody":
                _set_kids(body, _kids(body) + _kids(other), by_reference)
                other["K"] = _array([])
            else:
                rest.append(kid)
        more = rest
    _set_kids(element, kids + more, by_reference)


def _only_items(element: Any, by_reference: dict[Any, Any]) -> None:
    """A list holds items (and lists): anything else WeasyPrint put between items (the spaces
    between inline items) goes into the body of the item before it, or else the item after it."""
    kids = _kids(element)
    kept: list[Any] = []
    loose: list[Any] = []
    for kid in kids:
        other = by_reference.get(kid)
        if other is not None and str(other["S"]) in ("/LI", "/L", "/Caption"):
            if loose and str(other["S"]) == "/LI":
                _into_body(other, loose, by_reference, at_start=True)
                loose = []
            kept.append(kid)
        elif kept and str(by_reference[kept[-1]]["S"]) == "/LI":
            _into_body(by_reference[kept[-1]], [kid], by_reference, at_start=False)
        else:
            loose.append(kid)
    kept += loose  # nothing to put them in: they stay
    if kept != kids:
        _set_kids(element, kept, by_reference)


def _into_body(item: Any, moved: list[Any], by_reference: dict[Any, Any], at_start: bool) -> None:
    body = _body(_kids(item), by_reference)
    target = body if body is not None else item
    inner = _kids(target)
    _set_kids(target, moved + inner if at_start else inner + moved, by_reference)


def _body(kids: list[Any], by_reference: dict[Any, Any]) -> Any:
    """An item's /LBody among its kids, or None."""
    return next((by_reference[k] for k in kids if str(by_reference.get(k, {}).get("S")) == "/LBody"), None)
