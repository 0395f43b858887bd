"""Checks between the data and the Markdown pages that show it."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .loader import Content


def drill_page_problems(content: Content, docs_dir: Path, docs_shown: str = "docs") -> list[ContentError]:
    """A drill without a page, or a page without a drill, says what to create or delete."""
    problems: list[ContentError] = []
    folder = docs_dir / "drills"
    pages = {p.stem for p in folder.glob("*.md") if p.name != "index.md"} if folder.is_dir() else set()
    drill_ids = [d.id for d in content.drills]
    for drill_id in drill_ids:
        if drill_id not in pages:
            problems.append(
                ContentError(
                    content.file("drills"),
                    content.line_of("drills", drill_id),
                    3,
                    f"drills[{drill_ids.index(drill_id)}]",
                    f"drill '{drill_id}' has no page: run `make new-drill ID={drill_id}` "
                    f"to create {docs_shown}/drills/{drill_id}.md",
                )
            )
    for stem in sorted(pages - set(drill_ids)):
        problems.append(
            ContentError(
                f"{docs_shown}/drills/{stem}.md",
                1,
                1,
                "",
                f"there is no drill '{stem}' in {content.file('drills')}: delete this page, "
                f"or add the drill to {content.file('drills')}",
            )
        )
    return problems
