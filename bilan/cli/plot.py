"""`bilan plot CATEGORY [PATH...] -o FILE.svg|png`: the record's series with articles' claims as points."""

from __future__ import annotations

from pathlib import Path

import typer

from bilan.cli.common import RECORD_OPTION, Explain, error, open_record, plural
from bilan.model import BilanError, Claim, LossCategory


def register(app: typer.Typer) -> None:
    @app.command()
    def plot(
        category: LossCategory = typer.Argument(..., help="A loss category of docs/claims.md."),
        paths: list[str] | None = typer.Argument(None, help="Articles whose claims are drawn as points, coloured by verdict."),
        output: Path = typer.Option(
            ...,
            "--output",
            "-o",
            help="The chart to write: FILE.svg or FILE.png; FILE.csv for its data (the series, and the claims as placed).",
        ),
        start: str | None = typer.Option(None, "--from", help="First date shown (YYYY-MM-DD or YYYY-MM)."),
        end: str | None = typer.Option(None, "--to", help="Last date shown (YYYY-MM-DD or YYYY-MM)."),
        series: str = typer.Option("general_staff", "--series", help="The series drawn: general_staff, oryx, or a user series."),
        explain: Explain = typer.Option("en", "--explain", help="Language of the titles."),
        record: str | None = RECORD_OPTION,
    ) -> None:
        """Draw the record's series for CATEGORY, offline, with the claims of the given articles.

        Exit status: 0 when the chart is written (and every article read), 1 when an article
        failed or the chart could not be made, 2 for a usage error.
        """
        from bilan.rendering.charts import write_chart

        if output.suffix.lower() not in (".svg", ".png", ".csv"):
            raise typer.BadParameter("write a .svg or .png file (or .csv for the chart's data)", param_hint="--output")
        from bilan.reading import parse_date

        for option, value in (("--from", start), ("--to", end)):
            if value is not None:
                try:
                    parse_date(value, option)
                except BilanError as problem:
                    raise typer.BadParameter(str(problem), param_hint=option) from None
        loaded = open_record(record, required=True)
        claims: list[Claim] = []
        failures: list[str] = []
        if paths:
            from bilan.cli.check import iter_analyses

            for analysis in iter_analyses(
                paths, record=loaded, lang=None, date=None, include_captions=False, explain=explain, failures=failures
            ):
                claims.extend(analysis.claims)
        try:
            drawn = write_chart(output, loaded, category, claims=claims, start=start, end=end, series=series, lang=explain)
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(1) from None
        typer.echo(f"wrote {output} ({plural(drawn, 'claim')} drawn)")
        if failures:
            raise typer.Exit(1)
