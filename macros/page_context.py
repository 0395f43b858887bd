"""What a view may read: this build's state and the page being rendered.

A ``PageContext`` is made for each macro call (``PageContext.of(env, state)``
in macros/__init__.py) and handed to the macro's view as its first argument.
Views read the content from it and make their links with it, relative to the
page the marker is on, so the same view works on any page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content_model import Content, Drill, UnknownIdError

from .links import drill_src, page_url, relative
from .state import BuildState


@dataclass(frozen=True)
class PageContext:
    state: BuildState  # this build's: content, QR codes, handout views
    page_url: str  # the site URL of the page being rendered ("" outside a page)
    page_src: str | None  # its Markdown file, relative to docs/ (None outside a page)
    docs_dir: Path
    root_causes_page: str | None  # mkdocs.yml extra.root_causes_page: the page that explains every root cause
    floor_page_src: str | None = None  # mkdocs.yml extra.floor_page: getting down to the floor and back up

    @classmethod
    def of(cls, env: Any, state: BuildState) -> PageContext:
        """The context of the page mkdocs-macros is rendering now."""
        page = env.page
        return cls(
            state=state,
            page_url=page.url if page is not None else "",
            page_src=page.file.src_uri if page is not None else None,
            docs_dir=Path(env.conf["docs_dir"]),
            root_causes_page=(env.conf.get("extra") or {}).get("root_causes_page"),
            floor_page_src=(env.conf.get("extra") or {}).get("floor_page"),
        )

    @property
    def content(self) -> Content:
        return self.state.content

    def link(self, site_path: str) -> str:
        """A link from this page to a path in the site (a page's URL or a file)."""
        return relative(site_path, self.page_url)

    def language_link(self, site_path: str) -> str:
        """A link from this page to a path among this language's pages and files (under es/ in Spanish)."""
        return self.link(self.state.prefix + site_path)

    def page_link(self, src_uri: str, anchor: str = "") -> str:
        """A link from this page to the page made from ``src_uri`` (and a section of it), in this language."""
        url = self.language_link(page_url(src_uri, self.state.use_directory_urls))
        return f"{url}#{anchor}" if anchor else url

    def drill_link(self, drill_id: str) -> str:
        """A link to a drill's page: in this language, or the English page of a drill not translated."""
        if self.state.in_english(drill_id):
            return self.link(page_url(drill_src(drill_id), self.state.use_directory_urls))
        return self.page_link(drill_src(drill_id))

    def doc_link(self, src_uri: str, anchor: str = "") -> str:
        """A link to a page of docs/: in this language when it is translated (docs/<page>.es.md), else
        to the English page."""
        language = self.state.language
        if (
            self.state.prefix
            and not (self.docs_dir / f"{src_uri.removesuffix('.md')}.{language}.md").is_file()
        ):
            url = self.link(page_url(src_uri, self.state.use_directory_urls))
            return f"{url}#{anchor}" if anchor else url
        return self.page_link(src_uri, anchor)

    def drill(self, drill_id: str) -> Drill:
        """A drill in this page's language, or in English when it is not translated (``in_english``)."""
        return self.state.any_drill(drill_id)

    def link_language(self, drill_id: str) -> str | None:
        """The language of the page a link to this drill opens, when it is not this page's ("en")."""
        return self.state.languages[0] if self.state.in_english(drill_id) else None

    def in_english(self, drill_id: str) -> bool:
        """The drill has no page in this language: links to it go to its English page, and say so."""
        return self.state.in_english(drill_id)

    def causes_page(self) -> str | None:
        """The page that explains every root cause, if the site names one; a missing file stops the build."""
        return self._named_page("root_causes_page", self.root_causes_page)

    def floor_page(self) -> str | None:
        """The page on getting down to the floor and back up, which every floor drill links to, if the
        site names one; a missing file stops the build."""
        return self._named_page("floor_page", self.floor_page_src)

    def _named_page(self, setting: str, page: str | None) -> str | None:
        if page and not (self.docs_dir / page).is_file():
            raise UnknownIdError(
                f"mkdocs.yml sets extra.{setting} to '{page}', but docs/{page} does not exist: "
                "fix the path, or remove the setting"
            )
        return page
