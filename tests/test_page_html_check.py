"""Pages may not hold code, frames, forms, redirects or javascript: links, and page scripts never run.

* ``make check`` (plain_language/page_html.py) refuses each of them with docs/<page>:line
  and the fix; what a code block or inline code shows is text, and is not refused.
* The build refuses them too (hooks/page_html.py), including HTML a page makes with a
  Jinja expression, and writes nothing.
* The Content-Security-Policy hashes only the theme's inline scripts: a <script> that
  gets into a page's content anyway (here: with the page check taken out of mkdocs.yml)
  is not hashed, and Chromium blocks it and reports it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser import serve
from conftest import ROOT, make_project, mkdocs_build
from plain_language.page_html import page_html_problems

FRONT = "---\ntitle: A page\ndescription: A page to check.\n---\n\n# A page\n\n"

# (Markdown on line 8 of the page, what the message must say)
REFUSED = [
    ("<script>alert(1)</script>", "<script> is not allowed"),
    ('<SCRIPT src="https://evil.example/x.js"></SCRIPT>', "<script> is not allowed"),
    ('<iframe src="https://evil.example/"></iframe>', "<iframe> is not allowed"),
    ('<object data="x.swf"></object>', "<object> is not allowed"),
    ('<embed src="x.swf">', "<embed> is not allowed"),
    ('<form action="https://evil.example/"><input name="q"></form>', "<form> is not allowed"),
    (
        '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
        '<meta http-equiv="..."> is not allowed',
    ),
    ('<p onmouseover="alert(1)">Hover</p>', "onmouseover= is not allowed"),
    ("<img src=x onerror=alert(1)>", "onerror= is not allowed"),
    ('<a href="java&#x09;script:alert(1)">Home</a>', "javascript: address is not allowed"),
    ("[Home](javascript:alert(1))", "javascript: address is not allowed"),
    ('[Home](index.md){ onclick="alert(1)" }', "onclick= is not allowed"),
    ("<div>\n`<script>alert(1)</script>`\n</div>", "<script> is not allowed"),  # raw HTML block: runs
]

SHOWN_AS_TEXT = [
    "To add a script you would write `<script>alert(1)</script>`, which pages may not hold.",
    '```html\n<script>alert(1)</script>\n<iframe src="https://evil.example/"></iframe>\n```',
    '~~~\n<form onsubmit="x()"></form>\n~~~',
    "A link such as `javascript:alert(1)` is refused.",
    '<p class="note">Plain HTML that runs nothing is fine: <a href="../">home</a>.</p>',
]


def docs_with(tmp_path: Path, body: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(FRONT + body + "\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    return docs


@pytest.mark.parametrize(("body", "said"), REFUSED)
def test_check_refuses_code_in_a_page_with_file_line_and_fix(tmp_path: Path, body: str, said: str) -> None:
    problems = page_html_problems(docs_with(tmp_path, body), docs_shown="docs")
    assert problems, f"not refused: {body!r}"
    lines = [p.plain() for p in problems]
    line = 9 if body.startswith("<div>") else 8  # the page's line that holds it
    assert any(text.startswith(f"docs/page.md:{line}:1: ") and said in text for text in lines), lines
    assert all("Delete it" in text or "instead" in text for text in lines), lines


@pytest.mark.parametrize("body", SHOWN_AS_TEXT)
def test_check_leaves_code_that_is_only_shown_alone(tmp_path: Path, body: str) -> None:
    assert page_html_problems(docs_with(tmp_path, body), docs_shown="docs") == []


def test_check_reads_html_files_in_docs_as_they_are(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, "Words.")
    (docs / "extra.html").write_text(
        "<html>\n<body>\n<script>x()</script>\n</body>\n</html>\n", encoding="utf-8"
    )
    assert [p.plain()[:24] for p in page_html_problems(docs)] == ["docs/extra.html:3:1: <sc"]


def test_make_check_fails_on_a_page_with_a_script(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    page = project / "docs" / "articles" / "back-pain-when-walking.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(12, '<iframe src="https://evil.example/"></iframe>')
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "content_model", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/articles/back-pain-when-walking.md:13:1: <iframe> is not allowed in a page" in result.stderr


def test_the_build_refuses_code_in_pages_and_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, warm=True)
    (project / "docs" / "raw.md").write_text(
        FRONT + 'Words.\n\n<form action="https://evil.example/"><input name="q"></form>\n', encoding="utf-8"
    )
    # Made by a Jinja expression: no "<script" in the source for make check to see.
    (project / "docs" / "made.md").write_text(
        FRONT + "Words.\n\n{{ '<scr' ~ 'ipt>window.__pwned = 1</scr' ~ 'ipt>' }}\n", encoding="utf-8"
    )
    build = mkdocs_build(project, tmp_path / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode != 0
    assert "docs/raw.md:10:1: <form> is not allowed in a page" in build.output, build.output
    assert "docs/made.md:" in build.output and "<script> is not allowed in a page" in build.output
    assert "Traceback" not in build.output
    assert not (tmp_path / "site" / "index.html").exists()


# --- The policy: a script in page content is never hashed ---------------------------------------

SCRIPT = "window.__pwned = 1"


@pytest.fixture(scope="module")
def unchecked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose page holds a <script>, built with the page check taken out of mkdocs.yml:
    as if a script got past it. The policy must still not let it run."""
    tmp = tmp_path_factory.mktemp("unchecked")
    project = make_project(tmp, warm=True)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    hook_line = next(line for line in text.splitlines() if "hooks/page_html.py" in line)
    config.write_text(text.replace(hook_line + "\n", ""), encoding="utf-8")
    (project / "docs" / "scripted.md").write_text(
        FRONT + f"Words.\n\n<script>{SCRIPT}</script>\n", encoding="utf-8"
    )
    build = mkdocs_build(project, tmp / "site", extra_env={"HANDOUT_PDFS": "0"})
    assert build.returncode == 0, build.output
    return build.site


def test_a_script_in_page_content_is_not_hashed(unchecked_site: Path) -> None:
    from test_security import directives, sha256_source

    soup = BeautifulSoup(
        (unchecked_site / "scripted" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    policy = directives(soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"])
    assert soup.find("script", string=SCRIPT) is not None  # it is in the page
    assert sha256_source(SCRIPT) not in policy["script-src"]
    assert len(policy["script-src"]) > 1  # the theme's own inline scripts are still allowed


@pytest.mark.browser
def test_chromium_blocks_a_script_from_page_content(unchecked_site: Path, chromium: Browser) -> None:
    context = chromium.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    with serve(unchecked_site) as base:
        page.goto(base + "scripted/", wait_until="networkidle")
        assert page.evaluate("window.__pwned") is None
        # The theme's inline scripts ran: their hashes are in the policy.
        assert page.evaluate("typeof __md_get === 'function'")
    context.close()
    assert any("script-src" in text for text in violations), violations
