"""Figures on an article's page (not a drill's): drawn from poses written in the page's marker.

An article such as docs/articles/getting-down-to-the-floor.md shows a row of pictures between its
steps. The words of an article live in its page, in each language (the Spanish page is the
``.es.md`` beside it), and the pictures' words are part of them: so each picture is written in
the marker, with the same fields as a drill's drawn picture in data/drills.yml (alt, caption,
figure), and checked by the same model (``content_model.models.Picture``: the alt text, a pose
no body can take, a prop that does not go with the position). A mistake stops the build with the
page and line, like an unknown id. The pictures of a row share their frame, as a drill's do, so
their floors line up; but none shows another faintly behind it or an arrow: the pictures of an
article are steps of their own, not a start and an end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from pydantic import ValidationError

from content_model import UnknownIdError
from content_model.models import Picture

from .figures import FigureView, pose_figures
from .page_context import PageContext

MOST_PICTURES = 4  # a row of pictures, as a drill has at most


class PageFiguresView(TypedDict):
    figures: list[FigureView]


@dataclass(frozen=True)
class _Row:
    """What macros.figures draws a drill's pictures from: here the pictures of one row."""

    id: str
    pictures: tuple[Picture, ...]


def _picture(number: int, written: object) -> Picture:
    if not isinstance(written, Mapping):
        raise UnknownIdError(
            f"picture {number} must be written like a picture in data/drills.yml, in braces: "
            '{"alt": "On hands and knees.", "figure": {"base": "hands_and_knees"}}'
        )
    try:
        return Picture.model_validate(dict(written))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'picture'}: {problem['msg']}"
            for problem in error.errors()
        )
        raise UnknownIdError(f"picture {number}: {problems}") from None


def page_figures(page: PageContext, *pictures: Any) -> PageFiguresView:
    """A row of 1 to 4 pictures, each written like a drill's drawn picture (alt, caption, figure)."""
    if not 1 <= len(pictures) <= MOST_PICTURES:
        raise UnknownIdError(f"shows 1 to {MOST_PICTURES} pictures in a row (got {len(pictures)})")
    checked = tuple(_picture(number, written) for number, written in enumerate(pictures, start=1))
    for number, picture in enumerate(checked, start=1):
        if picture.figure is None:  # files are checked and stripped from data/drills.yml only
            raise UnknownIdError(
                f"picture {number}: a page's picture is drawn from a figure (figure: {{...}}); "
                "a photo of your own can replace a drill's picture in data/drills.yml"
            )
    drawn = pose_figures(_Row("page", checked))  # type: ignore[arg-type]
    return {"figures": [replace(view, ghost=None, arrow=()) for view in drawn if view is not None]}
