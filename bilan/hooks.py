"""The small set of hooks through which bilan's features plug into the pipeline.

Built-in features register themselves here exactly as an extension would (datasette's way):

- `analyser(name)`: a function `(document, cleaned) -> value` run on every analysed document
  (`cleaned` is `bilan.cleaning.clean(document)`, computed once); its value is stored in
  `analysis.extras[name]` and appears under that key in the JSON.
- `renderer(name)`: a function `(analyses, stream, **options) -> None` that writes a list of
  analyses in an output format (`bilan check --format NAME`).
- `scorer(name)`: a function `(gold_lines, analyses) -> dict` used by `bilan eval` for gold
  lines whose `kind` is `name` (claims have no `kind`).

Plugins are modules named in the `bilan.plugins` entry point group (as datasette does with
`datasette`): a third-party package adds a feature by declaring, in its pyproject.toml,

    [project.entry-points."bilan.plugins"]
    my_feature = "my_package.bilan_plugin"

and registering with these decorators in that module. bilan's own features are declared the
same way in its pyproject.toml; `BUILTIN_PLUGINS` lists them too, so that a source checkout
run without installing (PYTHONPATH) still has them. Plugins are imported on first use; one
that fails to import is named in one logged error and the others still load.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from importlib import metadata
from typing import Any

ENTRY_POINT_GROUP = "bilan.plugins"
BUILTIN_PLUGINS = ("bilan.rendering", "bilan.entities", "bilan.rhetoric")

logger = logging.getLogger(__name__)

analysers: dict[str, Callable[..., Any]] = {}
renderers: dict[str, Callable[..., None]] = {}
scorers: dict[str, Callable[..., dict[str, Any]]] = {}

_loaded = False


def _register(table: dict[str, Callable[..., Any]], name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        table[name] = function
        return function

    return decorate


def analyser(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _register(analysers, name)


def renderer(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _register(renderers, name)


def scorer(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _register(scorers, name)


def load_plugins() -> None:
    """Import the built-in plugins and those of the `bilan.plugins` entry points once, so that
    they register."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_PLUGINS:
        importlib.import_module(module)
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry_point.load()
        except Exception as problem:  # noqa: BLE001 - a broken plugin must not stop bilan
            logger.error(
                "plugin %s (%s) not loaded: %s: %s", entry_point.name, entry_point.value, type(problem).__name__, problem
            )
