"""The small set of hooks through which bilan's features plug into the pipeline.

Built-in features register themselves here exactly as an extension would (datasette's way):

- `analyser(name)`: a function `(document, cleaned) -> value` run on every analysed document
  (`cleaned` is `bilan.cleaning.clean(document)`, computed once); its value is stored in
  `analysis.extras[name]` and appears under that key in the JSON.
- `renderer(name)`: a function `(analyses, stream, **options) -> None` that writes a list of
  analyses in an output format (`bilan check --format NAME`).
- `scorer(name)`: a function `(gold_lines, analyses) -> dict` used by `bilan eval` for gold
  lines whose `kind` is `name` (claims have no `kind`).

Modules that register are listed in `BUILTIN_PLUGINS` and imported on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

BUILTIN_PLUGINS = ("bilan.rendering", "bilan.entities", "bilan.rhetoric")

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
    """Import the built-in plugin modules once, so that they register."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_PLUGINS:
        importlib.import_module(module)
