"""Content errors: one problem in one data file, with where it is and how to fix it.

Every error names the file, the line and column (1-based), the field path and
a message that says what to do. They print in two forms:

* locally, ``data/drills.yml:14:5: drills[2].level: must be one of ...``
  (the form editors and compilers use, so terminals make it clickable);
* on GitHub Actions, as a workflow command (``::error file=...,line=...``)
  so the message appears on the exact line of the pull request's diff.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one data file."""

    file: str
    line: int
    column: int
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def plain(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        if self.field:
            return f"{where}: {label}{self.field}: {self.message}"
        return f"{where}: {label}{self.message}"

    def github(self) -> str:
        title = f"{self.field or self.file}"
        return (
            f"::{self.severity} file={_prop(self.file)},line={self.line},"
            f"col={self.column},title={_prop(title)}::{_data(self.message)}"
        )


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's documented rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """Escape a workflow command's property value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def on_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


# GitHub shows at most 10 annotations of each kind (error, warning) per step;
# the rest stay in the step's log, which a notice then points to.
GITHUB_ANNOTATIONS_PER_KIND = 10


def format_errors(errors: list[ContentError], github: bool | None = None) -> str:
    """All errors, one per line, in the form that suits where we run."""
    if github is None:
        github = on_github_actions()
    if not github:
        return "\n".join(e.plain() for e in errors)
    lines = [e.github() for e in errors]
    for severity in ("error", "warning"):
        count = sum(1 for e in errors if e.severity == severity)
        if count > GITHUB_ANNOTATIONS_PER_KIND:
            lines.append(
                f"::notice title=More {severity}s in the log::GitHub shows only "
                f"{GITHUB_ANNOTATIONS_PER_KIND} "
                f"{severity}s of a step next to the changed lines. All {count} are in the log: "
                "click Details next to the check."
            )
    return "\n".join(lines)


class ContentErrors(Exception):
    """Raised when the data files have problems; carries every one of them."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors)
        super().__init__(self.report(github=False))

    def report(self, github: bool | None = None) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        body = format_errors(self.errors, github=github)
        return f"{body}\n\nFound {count} {noun} in the content files. Nothing was built."
