"""What a clinic has not changed yet: the defaults this project ships with.

Before a site goes live, a clinic must give it its own name (``data/clinic.yml``), its own
address (``site_url`` in ``mkdocs.yml``, or ``SITE_URL``: QR codes on handouts point there) and
its own "edit this page" link (``edit_uri`` in ``mkdocs.yml``). :func:`unchanged_defaults` lists
each one still at its default, with file, line and the fix.

The list is a set of notices: ``make check`` and every build print them and go on. A build for
publishing sets ``REQUIRE_REAL_CLINIC=1`` (the deploy workflow does): then each one is an error,
unless ``data/clinic.yml`` says ``demo: true``, the one setting by which a site declares itself
a demonstration (it then says "Demo site: not a real clinic" on every page and printed sheet).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ContentError
from .loader import Content

DEFAULT_CLINIC_NAME = "Your Physical Therapy Clinic"
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")  # reserved for examples (RFC 2606)
DEFAULT_EDIT_PREFIX = "github.com/your-clinic/"
REQUIRE_REAL_CLINIC = "REQUIRE_REAL_CLINIC"  # environment variable: "1" in the deploy workflow
DEMO_FIX = "If this site is only a demonstration, add `demo: true` to data/clinic.yml instead."


def real_clinic_required(environ: Mapping[str, str] | None = None) -> bool:
    """Whether this build publishes a clinic's site (REQUIRE_REAL_CLINIC=1)."""
    value = (os.environ if environ is None else environ).get(REQUIRE_REAL_CLINIC, "")
    return value.strip().lower() in ("1", "true", "yes")


def _line_in(config_file: Path, key: str) -> int:
    """The line of a top-level setting in mkdocs.yml (1 when it is not written there)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), 1)


def _example_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == example or host.endswith("." + example) for example in EXAMPLE_HOSTS)


def unchanged_defaults(
    content: Content,
    site_url: str | None,
    edit_uri: str | None,
    config_file: Path,
    config_shown: str = "mkdocs.yml",
    required: bool = False,
    environ: Mapping[str, str] | None = None,
) -> list[ContentError]:
    """Each default the clinic has not changed yet: notices, or errors when a real clinic is required.

    ``site_url`` and ``edit_uri`` are the values the build uses (after ``SITE_URL``);
    ``config_file`` is the mkdocs.yml they come from, for line numbers.
    """
    environ = os.environ if environ is None else environ
    severity = "error" if required and not content.clinic.demo else "notice"
    found: list[ContentError] = []
    if " ".join(content.clinic.name.split()).casefold() == DEFAULT_CLINIC_NAME.casefold():
        line, column = content.sources["clinic"].where(("name",))
        found.append(
            ContentError(
                content.file("clinic"),
                line,
                column,
                "name",
                f"the clinic's name is still the default, '{DEFAULT_CLINIC_NAME}': write your clinic's name "
                "as patients know it (it is on every page and every handout)",
                severity,
            )
        )
    if site_url and _example_host(site_url):
        source = "SITE_URL" if environ.get("SITE_URL", "").strip() == site_url.strip() else "site_url"
        found.append(
            ContentError(
                config_shown,
                _line_in(config_file, "site_url"),
                1,
                "site_url",
                f"the site's address is still {site_url} ({source}), "
                "so the QR codes on handouts point there: "
                "set SITE_URL to your site's address when you build (or write it here), "
                "e.g. https://patients.your-clinic.com/",
                severity,
            )
        )
    if edit_uri and DEFAULT_EDIT_PREFIX in edit_uri:
        found.append(
            ContentError(
                config_shown,
                _line_in(config_file, "edit_uri"),
                1,
                "edit_uri",
                f"the 'Suggest a change to this page' link (for staff, in every page's footer) still opens "
                f"{edit_uri}: write your own repository's address here, "
                "or delete the line to leave the link out",
                severity,
            )
        )
    return found


def demo_note(content: Content) -> ContentError | None:
    """A notice that the site calls itself a demo, with where to change that."""
    if not content.clinic.demo:
        return None
    line, column = content.sources["clinic"].where(("demo",))
    return ContentError(
        content.file("clinic"),
        line,
        column,
        "demo",
        "this site says it is a demo: every page and printed sheet shows 'Demo site: not a real clinic'. "
        "Delete this line when the site is your clinic's",
        "notice",
    )
