"""The picture files of the site: the clinic's own pictures and each drill's link-preview picture.

Before any page is rendered (``on_files``), every picture a drill takes from a file
(content_model/picture_files.py has checked it) is made ready for the web, and
every drill with pictures gets its link-preview picture (macros/share_images.py).
Each is made into ``.cache/pictures/`` only if it is not there yet
(macros/picture_files.py), and added to the site's files from there, so MkDocs
copies it to ``pictures/`` in the site (and ``mkdocs serve`` serves it). The
build says how many were made and how many were unchanged.

Only the made files are published: the originals in ``pictures/`` stay out of
the site, with their EXIF and GPS data. A picture that cannot be made (a file
that passed the checks but cannot be decoded) stops the build with its data
line, before any page is written.
"""

from __future__ import annotations

import logging
import time

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

import content_model
from macros.share_images import share_image
from macros.state import build_state, cleans_caches, running_states

log = logging.getLogger("mkdocs.hooks.picture_files")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    started = time.perf_counter()
    state = build_state(config)
    content = state.content
    pictures = state.pictures
    for index, drill in enumerate(content.drills):
        for number, picture in enumerate(drill.pictures):
            if picture.file is None:
                continue
            try:
                pictures.picture(content.picture_files[picture.file])
            except (OSError, ValueError, SyntaxError) as error:  # Pillow's and the XML parser's
                path = (index, "pictures", number, "file")
                line, column = content.sources["drills"].where(path)
                problem = content_model.ContentError(
                    content.file("drills"),
                    line,
                    column,
                    f"drills[{index}].pictures[{number}].file",
                    f"{picture.file} could not be made ready for the web ({type(error).__name__}: {error}): "
                    "open it in a photo editor and save it again as JPEG or PNG",
                )
                raise Abort(content_model.ContentErrors([problem]).report()) from None
        image = share_image(drill, content, pictures, state.figures)
        if image is not None:
            state.share_images[drill.id] = image
    taken = {f.dest_uri: f for f in files}
    for site_path, cached in pictures.files().items():
        if site_path in taken:
            raise Abort(
                f"docs/{taken[site_path].src_uri} is where the build puts a picture ({site_path}): "
                "rename or delete that file"
            )
        files.append(File.generated(config, site_path, abs_src_path=str(cached)))
    # Every language's build uses the cache: the outermost one cleans it when all are done.
    running_states(config)[0].picture_cache_used.update(pictures.files().values())
    if pictures.made or pictures.reused:
        log.info(
            f"Pictures: {len(pictures.made)} made, {len(pictures.reused)} unchanged (from .cache/pictures) "
            f"in {time.perf_counter() - started:.3f} s."
        )
    return files


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages inside this build
def on_post_build(config: MkDocsConfig) -> None:
    if cleans_caches(config):
        state = build_state(config)
        state.pictures.remove_unused(state.picture_cache_used)
