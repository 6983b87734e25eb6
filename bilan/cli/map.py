"""`bilan map`: the places that articles name, on a map that renders offline."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional

import typer

from bilan.cli.common import error, note
from bilan.model import Analysis, BilanError

MAP_SUFFIXES = (".html", ".htm", ".svg", ".png", ".geojson")
FORMATS = {"html": ".html", "svg": ".svg", "png": ".png", "geojson": ".geojson"}
MapFormat = Literal["html", "svg", "png", "geojson"]  # FORMATS's keys, as a type so --help lists them


def register(app: typer.Typer) -> None:
    @app.command("map")
    def map_command(
        paths: list[str] = typer.Argument(..., help="Files, directories (read recursively) or - for standard input."),
        output: Path = typer.Option(
            ...,
            "--output",
            "-o",
            help="The map to write: FILE.html (self-contained), FILE.svg, FILE.png, or FILE.geojson (the places as GeoJSON points).",
        ),
        lang: Optional[str] = typer.Option(None, "--lang", help="The documents' language (fr or en), overriding detection."),
        fmt: Optional[MapFormat] = typer.Option(
            None, "--format", help="Default: the output's suffix (FILE without one gets it added)."
        ),
    ) -> None:
        """Draw the places named by the documents: circles sized by mentions, red where the
        sentence holds a loss figure, countries tinted. No network, no tile server.

        Exit status: 0 when every document was read, 1 when some failed (the map shows the
        others), 2 for a usage error.
        """
        if fmt is not None:
            if output.suffix.lower() not in MAP_SUFFIXES:
                output = output.with_name(output.name + FORMATS[fmt])
            elif output.suffix.lower() != FORMATS[fmt] and not (fmt == "html" and output.suffix.lower() == ".htm"):
                raise typer.BadParameter(f"{output}: --format {fmt} writes a {FORMATS[fmt]} file", param_hint="--output")
        if output.suffix.lower() not in MAP_SUFFIXES:
            raise typer.BadParameter(f"{output}: write the map as .html, .svg, .png or .geojson", param_hint="--output")
        from bilan.cli.check import iter_analyses
        from bilan.reading import parse_language
        from bilan.rendering.maps import collect_places, write_map

        try:
            lang = parse_language(lang, "--lang") if lang is not None else None
        except BilanError as problem:
            raise typer.BadParameter(str(problem)) from None
        failures: list[str] = []
        analyses: list[Analysis] = list(
            iter_analyses(paths, record=None, lang=lang, date=None, include_captions=False, explain="en", failures=failures)
        )
        if not analyses:
            error("no document could be read: no map written")
            raise typer.Exit(1)
        try:
            write_map(analyses, output)
        except (BilanError, OSError) as problem:
            error(f"{output}: {problem}")
            raise typer.Exit(1) from None
        places = collect_places(analyses)
        note(f"{output}: {len(places)} places from {len(analyses)} document{'s' if len(analyses) > 1 else ''}")
        raise typer.Exit(1 if failures else 0)
