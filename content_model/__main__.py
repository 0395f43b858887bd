"""Command line for clinic editors: ``python -m content_model check`` and friends.

    check               validate data/ and the pages, list content due for clinical review
    new-drill ID        add drill ID to data/drills.yml (its page is generated) and print the next steps
    schema              write the JSON Schemas editors use (schemas/*.schema.json)
    readability         reading level and clarity of every patient text, worst first

This is the one module of content_model that uses the checks of the pages and of
plain language (the ``plain_language`` package, which reads Markdown the way
MkDocs does); ``import content_model`` does not load it, so the data contract
itself imports no MkDocs, Markdown or Jinja.

Problems print as ``file:line:col: message`` (or as GitHub annotations when
run on GitHub Actions). Exit code 0 means the content is ready to build;
warnings (such as content due for review) do not change it.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable, Sized
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from plain_language.page_html import page_html_problems
from plain_language.readability import format_report, readability_findings, readability_report
from plain_language.spanish import format_spanish_report, spanish_findings, spanish_report

from . import Content, ContentError, ContentErrors, load
from .defaults import DEMO_FIX, REQUIRE_REAL_CLINIC, demo_note, real_clinic_required, unchanged_defaults
from .errors import format_errors
from .models import _slug
from .placeholders import new_drill_entry
from .review import review_problems
from .schema import SCHEMA_DIR, stale_schemas, write_schemas
from .translations import translation_warnings


@dataclass(frozen=True)
class CheckContext:
    """What the checks after loading may need besides the content."""

    docs: Path
    today: datetime.date


# The checks `make check` runs once the data has loaded, in order. Each returns
# its findings as ContentErrors (severity "error" or "warning"). To add a check,
# add a line here.
CHECKS: list[tuple[str, Callable[[Content, CheckContext], list[ContentError]]]] = [
    ("code in pages", lambda content, ctx: page_html_problems(ctx.docs, docs_shown=ctx.docs.as_posix())),
    ("clinical review", lambda content, ctx: review_problems(content, today=ctx.today)),
    ("translations", lambda content, ctx: translation_warnings(content.translations)),
    (
        "plain language",
        lambda content, ctx: readability_findings(content, ctx.docs, docs_shown=ctx.docs.as_posix()),
    ),
    (
        "plain language, Spanish",
        lambda content, ctx: spanish_findings(content, ctx.docs, docs_shown=ctx.docs.as_posix()),
    ),
]


def check(data: Path, docs: Path, today: datetime.date | None = None) -> int:
    try:
        content = load(data, shown_dir=data.as_posix())
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    context = CheckContext(docs=docs, today=today or datetime.date.today())
    findings: list[ContentError] = []
    for _name, run in CHECKS:
        findings += run(content, context)
    defaults = _unchanged_defaults(content, data.parent / "mkdocs.yml")
    findings += defaults
    errors = sorted(f for f in findings if f.severity == "error")
    warnings = sorted(f for f in findings if f.severity == "warning")
    notices = [f for f in defaults if f.severity == "notice"]
    if notices:
        demo = demo_note(content)
        print(format_errors(sorted(notices + ([demo] if demo else []))))
        print(
            f"Not changed yet: {_count(notices, 'default')} above; change them before the site goes live "
            "(README.md, 'Make it your clinic's site').\n"
        )
    _print_translations(content)
    if warnings:
        print(format_errors(warnings), file=sys.stderr)
    if errors:
        print(format_errors(errors), file=sys.stderr)
    summary = (
        f"{_count(content.drills, 'drill')}, {_count(content.root_causes, 'root cause')}, "
        f"{_count(content.programs, 'program')}, clinic phone {content.clinic.phone_display}"
    )
    for language in content.languages:
        translated = content.translation(language)
        summary += (
            f"; in {translated.name}: {len(translated.drills)} of {len(content.drills)} drills, "
            f"{len(translated.root_causes)} of {len(content.root_causes)} root causes, "
            f"{len(translated.programs)} of {len(content.programs)} programs"
        )
    notes = f" ({_count(warnings, 'warning')} above; warnings do not stop publishing)" if warnings else ""
    if errors and any(f.severity == "error" for f in defaults):
        print(
            f"\nThis check is for publishing ({REQUIRE_REAL_CLINIC}=1): "
            f"the defaults above must be changed. {DEMO_FIX}",
            file=sys.stderr,
        )
    if errors:
        print(
            f"\nFound {_count(errors, 'problem')}: fix each of them; nothing can be published until then."
            + (f" The {_count(warnings, 'warning')} do not stop publishing." if warnings else ""),
            file=sys.stderr,
        )
        return 1
    if warnings:
        print(file=sys.stderr)
    print(f"Content is valid: {summary}.{notes}")
    return 0


def readability(data: Path, docs: Path) -> int:
    """``readability``: the English table, then the Spanish one; 0 when no finding is an error."""
    try:
        content = load(data, shown_dir=data.as_posix())
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    english = readability_report(content, docs, docs_shown=docs.as_posix())
    spanish = spanish_report(content, docs, docs_shown=docs.as_posix())
    print(format_report(english), format_spanish_report(spanish), sep="\n\n")
    return 1 if english.errors or spanish.errors else 0


def _print_translations(content: Content) -> None:
    """What each language with a folder in data/ still lacks: notices, grouped, then one summary."""
    for language in content.languages:
        translated = content.translation(language)
        if translated.is_complete:
            continue
        print(format_errors(list(translated.missing)))
        print(translated.summary() + "\n")


def _unchanged_defaults(content: Content, config_file: Path) -> list[ContentError]:
    """The defaults the site has not changed yet, read as the build reads mkdocs.yml (SITE_URL included)."""
    # MkDocs' own reader (for !ENV and INHERIT), imported here: the other commands do not need it.
    from mkdocs.exceptions import ConfigurationError  # noqa: PLC0415
    from mkdocs.utils.yaml import yaml_load  # noqa: PLC0415
    from yaml import YAMLError  # noqa: PLC0415

    try:
        with config_file.open(encoding="utf-8") as stream:
            config = yaml_load(stream)
    except (OSError, YAMLError, ConfigurationError):
        return []  # no mkdocs.yml here (content checked on its own): nothing to compare
    found = unchanged_defaults(
        content,
        config.get("site_url"),
        config.get("edit_uri"),
        config_file,
        config_shown=config_file.name,
        required=real_clinic_required(),
    )
    return found


def _count(items: Sized, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def new_drill(drill_id: str, data: Path) -> int:
    """Add a drill to data/drills.yml: an entry with (...) for each text to write.

    The build makes the drill's page from that entry; no other file is needed. The id is
    checked first, so the entry holds only letters, digits and hyphens besides our own text.
    """
    try:
        _slug(drill_id)
    except ValueError as error:
        print(f"ID {error}", file=sys.stderr)
        return 2
    path = data / "drills.yml"
    shown = path.as_posix()
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        drills = YAML(typ="safe").load(old) if old.strip() else None
        drills = [] if drills is None else drills  # an empty file, or only comments
    except (OSError, UnicodeDecodeError, YAMLError):
        drills = None
    if not isinstance(drills, list):
        print(
            f"{shown} cannot be read as a list of drills: run `make check`, fix what it reports, "
            "and run this again.",
            file=sys.stderr,
        )
        return 1
    if any(isinstance(d, dict) and d.get("id") == drill_id for d in drills):
        print(f"{shown} already has a drill '{drill_id}': nothing added.")
        return 0
    kept = old.rstrip("\n")
    new = (kept + "\n\n" if kept else "") + new_drill_entry(drill_id)
    try:
        added = YAML(typ="safe").load(new)
    except YAMLError:
        added = None
    if not (isinstance(added, list) and len(added) == len(drills) + 1 and added[-1].get("id") == drill_id):
        example = new_drill_entry(drill_id).rstrip("\n").replace("\n", "\n     ")
        print(
            f"{shown} does not end with a drill, so the new one cannot be added at its end. Add it yourself, "
            f"at the end of the list of drills, starting at the left edge:\n\n     {example}\n",
            file=sys.stderr,
        )
        return 1
    path.write_text(new, encoding="utf-8")
    line = new.count("\n", 0, len(new) - len(new_drill_entry(drill_id))) + 1
    print(
        f"Added drill '{drill_id}' to {shown}, at line {line}. The build makes its page, drills/{drill_id}/."
    )
    steps = [
        f"Open {shown} at line {line} and replace each (...) with your words. Until you do, "
        "`make check` and the build refuse the drill.",
        f"Optional: list '{drill_id}' under `drills:` of a program in {data.as_posix()}/programs.yml "
        f"(to put it on that handout) or of a root cause in {data.as_posix()}/root_causes.yml.",
        "Run `make check` and fix every problem it reports (CONTRIBUTING.md explains each message): "
        "it refuses any (...) still left as it is. "
        "Until a clinician has reviewed the drill, it is listed as a warning: that is expected.",
        f"Run `make serve` and open http://127.0.0.1:8000/drills/{drill_id}/ to see the page.",
        f"Commit {shown} and open a pull request (CONTRIBUTING.md shows how).",
        "Ask a licensed clinician to review the drill. Then replace its needs_review line with "
        f'`reviewed: {{by: "Name, PT, DPT", on: {datetime.date.today().isoformat()}}}`.',
    ]
    print("\nNext steps:")
    for number, text in enumerate(steps, 1):
        print(f"  {number}. {text}")
    return 0


def schemas(folder: Path, only_check: bool = False) -> int:
    if only_check:
        stale = stale_schemas(folder)
        for name in stale:
            print(
                f"{folder.as_posix()}/{name} is out of date: run `make schema` and commit it", file=sys.stderr
            )
        return 1 if stale else 0
    changed = write_schemas(folder)
    for path in changed:
        print(f"Wrote {path.as_posix()}.")
    if not changed:
        print(f"The schemas in {folder.as_posix()}/ are up to date.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content_model", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="pages folder (default: docs)")
    sub = parser.add_subparsers(dest="command", required=True)
    checker = sub.add_parser("check", help="validate the content")
    checker.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=None,
        help="the date reviews are measured from, YYYY-MM-DD (default: today)",
    )
    new = sub.add_parser("new-drill", help="add a new drill to data/drills.yml")
    new.add_argument("id")
    sub.add_parser("readability", help="measure the reading level and clarity of every patient text")
    schema = sub.add_parser("schema", help="write the JSON Schemas of the data files")
    schema.add_argument("--out", type=Path, default=SCHEMA_DIR, help="folder (default: schemas)")
    schema.add_argument("--check", action="store_true", help="only say whether they are up to date")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data, args.docs, today=args.today)
    if args.command == "readability":
        return readability(args.data, args.docs)
    if args.command == "schema":
        return schemas(args.out, only_check=args.check)
    return new_drill(args.id, args.data)


if __name__ == "__main__":
    sys.exit(main())
