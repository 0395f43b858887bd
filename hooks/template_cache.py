"""Keep compiled templates between builds (``.cache/jinja/``): the theme's and ours.

Every build used to compile Material's page templates from source again, about
0.1 s of a 1 s seed-site build. Jinja's bytecode cache stores each compiled
template under a key made from its name and file, and checks a hash of the
source before using it, so an edited template (ours in ``overrides/`` or a
new Material release) is compiled afresh. Deleting ``.cache/`` is always safe.

The one place caching is set up: for the theme's environment (``on_env``) and
for the build's one environment for our own templates (``on_config``, once the
build's state is made; see macros/render.py).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from macros.state import build_state


def bytecode_cache(config: MkDocsConfig) -> FileSystemBytecodeCache:
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


@event_priority(90)  # after hooks/content_validation.py has made the build's state, before any page
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build_state(config).templates.environment.bytecode_cache = bytecode_cache(config)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = bytecode_cache(config)
    return env
