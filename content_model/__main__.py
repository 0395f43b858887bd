"""Command line for clinic editors: ``python -m content_model check`` and friends.

    check               validate data/ and the drill pages; print every problem
    new-drill ID        create docs/drills/ID.md and print the next steps

Problems print as ``file:line:col: message`` (or as GitHub annotations when
run on GitHub Actions). Exit code 0 means the content is ready to build.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ContentErrors, load
from .errors import format_errors
from .models import _slug
from .pages import drill_page_problems


def check(data: Path, docs: Path) -> int:
    try:
        content = load(data, shown_dir=data.as_posix())
    except ContentErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    problems = drill_page_problems(content, docs, docs_shown=docs.as_posix())
    if problems:
        print(format_errors(problems), file=sys.stderr)
        print(f"\nFound {len(problems)} problem(s) between the data and the pages.", file=sys.stderr)
        return 1
    print(
        f"Content is valid: {len(content.drills)} drills, {len(content.root_causes)} root causes, "
        f"{len(content.programs)} programs, clinic phone {content.clinic.phone_display}."
    )
    return 0


NEW_DRILL_DATA = """\
- id: {id}
  name: (the drill's name)
  summary: (one or two sentences: what it does)
  level: beginner            # beginner, intermediate or advanced
  steps:                     # 2 to 8 steps, one action each, starting with a verb
    - (first step)
    - (second step)
"""


def new_drill(drill_id: str, data: Path, docs: Path) -> int:
    try:
        _slug(drill_id)
    except ValueError as error:
        print(f"ID {error}", file=sys.stderr)
        return 2
    page = docs / "drills" / f"{drill_id}.md"
    if page.exists():
        print(f"{page} already exists: nothing to create.")
    else:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'{{{{ drill_page("{drill_id}") }}}}\n', encoding="utf-8")
        print(f"Created {page}.")
    in_data = False
    try:
        in_data = any(d.id == drill_id for d in load(data, shown_dir=data.as_posix()).drills)
    except ContentErrors:
        pass
    print("\nNext steps:")
    step = 1
    if not in_data:
        print(f"  {step}. Add the drill to {data}/drills.yml, for example:\n")
        print("     " + NEW_DRILL_DATA.format(id=drill_id).replace("\n", "\n     "))
        step += 1
    print(f"  {step}. Optional: add '{drill_id}' to a program in {data}/programs.yml to put it on a handout.")
    print(f"  {step + 1}. Run `make check` and fix anything it reports.")
    print(f"  {step + 2}. Run `make serve` and open http://127.0.0.1:8000/drills/{drill_id}/ to see the page.")
    print(f"  {step + 3}. Commit both files and open a pull request; ask a clinician to review the drill.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content_model", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="pages folder (default: docs)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the content")
    new = sub.add_parser("new-drill", help="create the page for a new drill")
    new.add_argument("id")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data, args.docs)
    return new_drill(args.id, args.data, args.docs)


if __name__ == "__main__":
    sys.exit(main())
