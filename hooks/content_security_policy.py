"""Give every built page a Content-Security-Policy that lets only the site's own scripts run.

What it protects against: code that reaches a page without being written by us
into the theme. Each page's first element of ``<head>`` becomes a CSP
``<meta>`` that lets scripts, styles, fonts and images load only from the site
itself, and lets an inline script run only if its sha256 hash is listed. The
hashes listed are those of the inline scripts that Material's templates and our
``overrides/`` put around the page's content, never those of a script inside
the content: a ``<script>`` that a page's Markdown, a Jinja expression in a
page, or a bad data value slips into the content does not run, and the browser
reports it. So does a script injected later (say, by a browser extension).
A referrer-policy ``<meta>`` follows it.

How the theme's scripts are told from the content's: each page is given its
policy as MkDocs writes it (``on_post_page``), when both the finished page and
its content (``page.content``, the converted Markdown with the macros' HTML)
are known; a script whose text is in the content is not hashed. 404.html,
which has no content, gets its policy the same way (``on_post_template``). Any
other HTML file in the site (copied from ``docs/`` or written by another hook)
gets a policy with no inline script allowed at all (``on_post_build``).

What it does not protect against: HTML that needs no script. A link to another
site, a ``<meta http-equiv="refresh">`` or a form in a page's content are not
stopped by this policy (``form-action`` and ``base-uri`` limit the last two).
Those are refused earlier, from each page's source (plain_language/page_html.py,
in ``make check`` and the build) and by escaping every value handed to the
theme (hooks/theme_values.py). Hashes allow a script by its text: a script in
the content that is byte for byte one of the theme's own would run, and can do
only what the theme's copy does anyway. ``mkdocs serve`` (``make serve``)
leaves the policy out, so that its live reload works; ``make build``,
``make preview`` and every test build have it.

JSON blocks (``<script type="application/json">``, ``application/ld+json``)
are data the browser never runs, so they need no hash. Inline event handlers
(``onclick=``) and ``javascript:`` links cannot be allowed by hashes: a page
with one stops the build, saying which file and what to do.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from hook_helpers.html_tags import start_tags_that_may_matter
from macros.render import Templates
from macros.state import build_state

# Where each kind of resource may come from. 'self' is the site's own origin;
# data: images are the small SVG icons in Material's stylesheet.
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],  # plus the page's inline script hashes
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the search index runs in a web worker
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Pages about health conditions: other sites are not told which page a patient came from.
REFERRER_POLICY = "same-origin"

# Script types a browser runs (HTML standard: "JavaScript MIME type essence", module, importmap).
_RUN_TYPES = {
    "",
    "module",
    "importmap",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
_NAMED = ("head", "meta", "script")  # the tags scan_page reads whatever their attributes


@dataclass
class _Scan:
    head_end: int | None = None  # offset just after the <head> start tag
    old_meta: list[tuple[int, int]] = field(default_factory=list)  # spans of a policy added earlier
    inline_scripts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def scan_page(html: str, passed_svgs: dict[str, bool] | None = None) -> _Scan:
    """Finds <head>, the inline scripts a browser would run, and what a CSP cannot allow.

    ``passed_svgs``: the build's inline SVGs read already, found to hold none of it (one dict per
    build: BuildState.per_svg), so that a figure shown on many pages is read once."""
    scan = _Scan()
    # Only the tags that can matter below: <head>, <meta>, scripts, tags with an attribute whose name
    # starts with on, and tags with a URL attribute that may hold javascript: (hook_helpers/html_tags.py
    # passes over the rest).
    for tag in start_tags_that_may_matter(html, _NAMED, ("on",), passed_svgs, links=_URL_ATTRIBUTES):
        if tag.name == "head" and scan.head_end is None:
            scan.head_end = tag.end
        elif tag.name == "meta" and (
            tag.attributes.get("http-equiv", "").lower() == "content-security-policy"
            or tag.attributes.get("name", "").lower() == "referrer"
        ):
            scan.old_meta.append((tag.start, tag.end))
        elif (
            tag.name == "script"
            and "src" not in tag.attributes
            and tag.attributes.get("type", "").strip().lower() in _RUN_TYPES
            and tag.text
        ):
            # script text stays byte for byte: entities are not decoded inside <script>
            scan.inline_scripts.append(tag.text)
        if not tag.may_have("on", *_URL_ATTRIBUTES):
            continue  # most tags: no attribute to refuse, and their attributes are not read
        for name, value in tag.attributes.items():
            if name.startswith("on"):
                scan.problems.append(f"<{tag.name} {name}=...> is an inline event handler")
            elif name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                scan.problems.append(f'<{tag.name} {name}="javascript:..."> runs code from a link')
    return scan


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(inline_scripts: list[str]) -> Markup:
    """The policy text. It holds only the words above and base64 digests, so it is attribute-safe
    as it is: left unescaped, the <meta> stays short and <meta charset> within the first 1024 bytes."""
    hashes = list(dict.fromkeys(script_hash(text) for text in inline_scripts))
    directives = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    policy = "; ".join(" ".join([name, *sources]) for name, sources in directives.items())
    assert not set(policy) & set('"<>&'), policy
    return Markup(policy)


def with_policy(
    templates: Templates,
    html: str,
    shown: str,
    content_scripts: Collection[str] | None = (),
    passed_svgs: dict[str, bool] | None = None,
) -> str:
    """The page with its security <meta> elements first in <head>; Abort names what blocks it.

    Inline scripts whose text is in content_scripts (those of the page's content) are not
    hashed, so they do not run; None allows no inline script at all. The <meta> elements come
    from hook_helpers/templates/security_meta.html, rendered by the build's templates.
    ``passed_svgs``: see scan_page.
    """
    scan = scan_page(html, passed_svgs)
    if scan.problems:
        raise Abort(
            f"{shown}: " + "; ".join(dict.fromkeys(scan.problems)) + ". The Content-Security-Policy "
            "blocks these: put the code in a .js file under overrides/assets/javascripts/ and attach it "
            "with addEventListener"
        )
    if scan.head_end is None:
        raise Abort(f"{shown}: the page has no <head>, so it cannot carry a Content-Security-Policy")
    for start, end in reversed(scan.old_meta):  # a page already given a policy (--dirty)
        html = html[:start] + html[end:]
    if scan.old_meta:
        return with_policy(templates, html, shown, content_scripts, passed_svgs)
    from_content = set(content_scripts or ())
    allowed = [] if content_scripts is None else [s for s in scan.inline_scripts if s not in from_content]
    security_meta = templates.macro("security_meta.html", "security_meta")
    meta = str(security_meta(policy_for(allowed), REFERRER_POLICY))
    return html[: scan.head_end] + meta + html[scan.head_end :]


def has_policy(html: str) -> bool:
    """Whether a page starts its <head> with a policy (given by on_post_page or on_post_template)."""
    head_end = html.find("</head>")
    scan = scan_page(html if head_end < 0 else html[:head_end])  # the <head> is enough, and short
    return scan.head_end is not None and bool(scan.old_meta) and scan.old_meta[0][0] == scan.head_end


_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


@event_priority(-100)  # last: after every hook that changes the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _command["name"] == "serve":
        return output  # `mkdocs serve` adds its own inline live-reload script, which the policy would block
    state = build_state(config)
    passed_svgs = state.per_svg.setdefault(__name__, {})
    content = page.content or ""
    # Most pages hold no script in their content: the full scan is only needed when one could be there.
    content_scripts = scan_page(content, passed_svgs).inline_scripts if "<script" in content.lower() else []
    return with_policy(state.templates, output, page.file.dest_uri, content_scripts, passed_svgs)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if _command["name"] == "serve" or not template_name.endswith(".html"):
        return output_content
    return with_policy(build_state(config).templates, output_content, template_name)  # 404.html: no content


@event_priority(-100)  # last: after every hook that writes pages
def on_post_build(config: MkDocsConfig) -> None:
    if _command["name"] == "serve":
        return
    site = Path(config.site_dir)
    docs = Path(config.docs_dir)
    templates = build_state(config).templates
    for file in sorted(site.rglob("*.html")):
        html = file.read_text(encoding="utf-8")
        copied = (docs / file.relative_to(site)).is_file()  # an HTML file from docs/, published as it is
        if copied or not has_policy(html):
            file.write_text(with_policy(templates, html, str(file.relative_to(site)), None), encoding="utf-8")
