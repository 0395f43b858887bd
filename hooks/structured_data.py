"""Describe pages to search engines as JSON-LD (schema.org), computed from the content.

Python computes the data here and hands it to the page context as
``structured_data``; overrides/main.html renders it with Jinja's ``tojson``,
which writes ``<``, ``>`` and ``&`` as ``\\u003c``-style escapes, so no value
can close the ``<script>`` element.

* Articles (``docs/articles/``) are ``MedicalWebPage``s. An article whose front
  matter says who reviewed it, ``reviewed: {by: "Jane Doe, PT, DPT", on: 2026-01-31}``,
  gets ``lastReviewed`` and ``reviewedBy``; a mistake there stops the build
  with the file, line and fix.
* Drill pages are ``MedicalWebPage``s whose main entity is an ``ExercisePlan``
  from data/drills.yml, with the drill's review when the data records one.
* The home page describes the site (``WebSite``).

Every page names the clinic as its publisher.

A drill page with pictures also names its picture (macros/share_images.py: drawn
from the figures, or the clinic's own photo): as the JSON-LD ``image``, and as
the Open Graph image of a shared link (``share_meta``, the ``og:`` and
``twitter:card`` ``<meta>`` elements overrides/main.html writes). Both need an
absolute address: the picture is a file of this site, at ``site_url``. No image
comes from another site. The values handed to the theme for the ``<meta>``
elements are escaped here, where they are handed over (Material's environment
does not escape).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

import content_model
from content_model.messages import validation_errors
from content_model.models import Clinic, Drill, Review
from content_model.yaml_source import Source
from macros.dose import per_day_words, steps_with_hold
from macros.links import drill_id_of
from macros.share_images import ShareImage
from macros.state import build_state

ARTICLES = "articles/"


def _text(value: Any) -> Any:
    """The plain text of a value handed to the theme: hooks/theme_values.py makes page titles and
    descriptions Markup (escaped once for HTML); tojson escapes for JSON itself."""
    return value.unescape() if isinstance(value, Markup) else value


def _publisher(clinic: Clinic) -> dict[str, Any]:
    publisher: dict[str, Any] = {
        "@type": "MedicalOrganization",
        "name": clinic.name,
        # The extension, when there is one, as schema.org's examples write it: "+1-555-0100 ext. 2".
        "telephone": (
            f"{clinic.phone_e164} ext. {clinic.phone_extension}"
            if clinic.phone_extension
            else clinic.phone_e164
        ),
    }
    if clinic.website:
        publisher["url"] = clinic.website
    if clinic.email:
        publisher["email"] = clinic.email
    return publisher


def _web_page(page: Page, config: MkDocsConfig, clinic: Clinic) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": _text(page.meta.get("title") or page.title),
        "description": _text(page.meta.get("description")),
        "url": page.canonical_url,
        "inLanguage": config.theme["language"],
        "audience": {"@type": "Patient"},
        "publisher": _publisher(clinic),
    }
    return {key: value for key, value in data.items() if value}


def _review(data: dict[str, Any], review: Review | None) -> dict[str, Any]:
    if review is not None:
        data["lastReviewed"] = review.on.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": review.by}
    return data


def _exercise_plan(drill: Drill, url: str | None, language: str = "en") -> dict[str, Any]:
    plan: dict[str, Any] = {"@type": "ExercisePlan", "name": drill.name, "description": drill.summary}
    if url:
        plan["url"] = url
    if drill.targets:
        plan["associatedAnatomy"] = [{"@type": "AnatomicalStructure", "name": t} for t in drill.targets]
    dose = drill.dose
    if dose and dose.reps:
        plan["repetitions"] = dose.reps
    if dose and dose.hold_seconds:
        plan["activityDuration"] = f"PT{dose.hold_seconds}S"  # ISO 8601: how long each hold lasts
    if dose and dose.per_day:
        plan["activityFrequency"] = per_day_words(dose.per_day, language)  # as the page says it
    plan["text"] = " ".join(step.text for step in steps_with_hold(drill.steps, drill.dose, language))
    return plan


def _front_matter_review(page: Page, config: MkDocsConfig) -> Review | None:
    """The article's ``reviewed:`` front matter, validated; a mistake stops the build."""
    raw = page.meta.get("reviewed")
    if raw is None:
        return None
    if isinstance(raw, dict) and True in raw and "on" not in raw:
        # MkDocs reads front matter as YAML 1.1, where a bare `on:` key means true.
        raw = {("on" if key is True else key): value for key, value in raw.items()}
    try:
        return Review.model_validate(raw)
    except ValidationError as error:
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        source = Source(file=shown, value=raw, positions=_positions(page, "reviewed"))
        problems = validation_errors(error, source, "reviewed", Review)
        raise Abort(content_model.ContentErrors(problems).report()) from None


def _positions(page: Page, key: str) -> dict[tuple[int | str, ...], tuple[int, int]]:
    """Line and column of ``key`` and its fields in the page's front matter (the file's first lines)."""
    lines = (page.file.content_string or "").splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        return {}
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
    front = YAML(typ="rt").load("\n".join(lines[1:end]))
    if not isinstance(front, CommentedMap) or key not in front:
        return {}
    line, column = front.lc.key(key)
    positions = {(): (line + 2, column + 1)}  # + 1 for the opening '---', + 1 to count from 1
    if isinstance(front[key], CommentedMap):
        for field in front[key]:
            line, column = front[key].lc.key(field)
            positions[(str(field),)] = (line + 2, column + 1)
    return positions


def share_image(page: Page, config: MkDocsConfig) -> tuple[ShareImage, str] | None:
    """The page's link-preview picture and its absolute address; None without one or without site_url."""
    drill_id = drill_id_of(page.file.src_uri)
    image = build_state(config).share_images.get(drill_id) if drill_id else None
    if image is None or not config.site_url:
        return None
    return image, urljoin(config.site_url, image.site_path)


def _image_object(image: ShareImage, url: str) -> dict[str, Any]:
    return {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "encodingFormat": image.media_type,
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }


def share_meta(page: Page, config: MkDocsConfig) -> dict[str, Markup] | None:
    """The Open Graph values of a page with a preview picture, each escaped once for HTML."""
    found = share_image(page, config)
    if found is None:
        return None
    image, url = found
    values = {
        "title": page.meta.get("title") or page.title,
        "description": page.meta.get("description"),
        "url": page.canonical_url,
        "site_name": config.site_name,
        "image": url,
        "image_type": image.media_type,
        "image_width": str(image.width),
        "image_height": str(image.height),
        "image_alt": image.alt,
    }
    # Markup is already escaped once (hooks/theme_values.py, hooks/content_validation.py).
    return {key: Markup.escape(value) for key, value in values.items() if value}


def structured_data(page: Page, config: MkDocsConfig) -> dict[str, Any] | None:
    """The JSON-LD object of a page, or None for pages that need none."""
    content = build_state(config).content
    src = page.file.src_uri
    if page.is_homepage:
        site = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": content.clinic.name,
            "description": _text(page.meta.get("description")),
            "url": page.canonical_url,
            "inLanguage": config.theme["language"],
            "publisher": _publisher(content.clinic),
        }
        return {key: value for key, value in site.items() if value}
    if src.startswith(ARTICLES):
        return _review(_web_page(page, config, content.clinic), _front_matter_review(page, config))
    drill_id = drill_id_of(src)
    if drill_id is not None:
        drill = content.drill(drill_id)
        data = _web_page(page, config, content.clinic)
        data["mainEntity"] = _exercise_plan(drill, page.canonical_url, build_state(config).language)
        found = share_image(page, config)
        if found is not None:
            data["image"] = _image_object(*found)
        return _review(data, drill.reviewed)
    return None


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["structured_data"] = structured_data(page, config)
    context["share_meta"] = share_meta(page, config)
    return context
