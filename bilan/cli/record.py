"""`bilan record update|info|add-series`: get, inspect and extend the record checks use."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Literal

import typer

from bilan.cli.common import RECORD_OPTION, error, note, open_record, print_json, progress_bar
from bilan.model import BilanError

# The record is "old" past this many days without a report: the General Staff reports daily.
STALE_RECORD_DAYS = 7

record_app = typer.Typer(help="Get, inspect and extend the record that claims are checked against.", no_args_is_help=True)


@record_app.command("update")
def update(
    directory: Path | None = typer.Option(None, "--dir", help="Where to keep the record (default: the user data directory)."),
    from_dir: Path | None = typer.Option(
        None, "--from", help="Import a local copy (layout of shared/reference) instead of downloading."
    ),
    mirror: str | None = typer.Option(
        None,
        "--mirror",
        help="Download from this base URL instead, which serves the files at their paths in the layout (a newsroom's mirror).",
    ),
) -> None:
    """Download the General Staff series and Oryx's counts, validate them, and swap them in.

    A failed, partial or malformed download keeps the previous record and says why.
    """
    from bilan.record import DEFAULT_SOURCES, update_record

    sources = {rel: f"{mirror.rstrip('/')}/{rel}" for rel in DEFAULT_SOURCES} if mirror else DEFAULT_SOURCES
    try:
        with progress_bar("record", unit="files") as progress:
            task = progress.add_task("record", total=None if from_dir else len(sources))
            report = update_record(directory, from_dir=from_dir, base_urls=sources, on_file=lambda name: progress.advance(task))
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    typer.echo(f"record updated in {report.directory} (version {report.version})")
    typer.echo(
        f"  reports {report.first_date} to {report.last_date}"
        + (f" (was to {report.previous_last_date})" if report.previous_last_date else "")
    )
    for rel, size in sorted(report.files.items()):
        typer.echo(f"  {rel}: {size:,} bytes")
    for warning in report.warnings:
        note(warning)


@record_app.command("info")
def info(record: str | None = RECORD_OPTION) -> None:
    """Print the record's sources, date range, last update and categories; warn when it is old."""
    loaded = open_record(record, required=True)
    for line in describe_record(loaded):
        typer.echo(line)
    age = (date.today() - loaded.last_date).days
    if age > STALE_RECORD_DAYS:
        typer.echo(
            f"warning: the record's latest report is of {loaded.last_date}, {age} days old "
            f"(more than {STALE_RECORD_DAYS}): run `bilan record update`",
            err=True,
        )
    if not logging.getLogger("bilan").isEnabledFor(logging.INFO):  # else open_record said them
        for warning in loaded.warnings:
            note(f"record: {warning}")


@record_app.command("add-series")
def add_series(
    name: str = typer.Argument(
        ..., help="The series' name; name it after a source (e.g. uk_mod) to check that source's figures."
    ),
    csv_file: Path = typer.Argument(..., help="CSV with columns date, category, value (and optionally side)."),
    directory: Path | None = typer.Option(
        None, "--dir", help="The record kept by `bilan record update --dir` (default: the user data directory)."
    ),
) -> None:
    """Add a user series beside the built-in ones (it is validated first, and kept across updates)."""
    from bilan.record import add_user_series

    try:
        target = add_user_series(name, csv_file, directory)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    typer.echo(f"series {name!r} saved in {target}")


@record_app.command("show")
def show(
    day: str = typer.Argument(..., help="The date, YYYY-MM-DD."),
    categories: list[str] = typer.Argument(None, help="Categories to show (default: all)."),
    format: Literal["table", "json"] = typer.Option("table", "--format", "-f"),
    record: str | None = RECORD_OPTION,
) -> None:
    """The record on one date: every category's total, its daily figure (corrections applied)
    and Oryx's count, as a fact-checker would read them in the spreadsheet."""
    from bilan.record import record_on

    try:
        on = date.fromisoformat(day)
    except ValueError:
        raise typer.BadParameter(f"{day!r} is not a YYYY-MM-DD date", param_hint="DATE") from None
    loaded = open_record(record, required=True)
    try:
        rows = record_on(loaded, on, categories or ())
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    if format == "json":
        print_json({"date": on.isoformat(), "record": loaded.label, "rows": [r.to_dict() for r in rows]})
        return
    from rich.table import Table

    from bilan.cli.common import console
    from bilan.record import day_number

    table = Table(title=f"{on} (day {day_number(on)}), {loaded.label}", title_justify="left")
    for column in ("category", "total", "daily", "correction", "Oryx"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for row in rows:
        total = (
            "" if row.total is None else f"{row.total:,}" + ("" if row.report_date == on.isoformat() else f" ({row.report_date})")
        )
        daily = "" if row.daily is None else f"{row.daily:+,}"
        oryx = "" if row.oryx_value is None else f"{row.oryx_value:,} ({row.oryx_date})"
        table.add_row(row.label, total, daily, "" if row.correction is None else f"{row.correction:+,}", oryx)
    console.print(table)


def describe_record(loaded) -> list[str]:
    """The lines of `bilan record info`: which record, of what date, from where, under what licence."""
    from bilan.record import ALIASES, day_number, series_label

    updated = (
        loaded.updated.isoformat(timespec="minutes") if loaded.updated else "unknown (a copy not made by `bilan record update`)"
    )
    lines = [
        f"record: {loaded.label} ({loaded.directory})",
        (
            f"reports: {loaded.first_date} to {loaded.last_date} "
            f"(day {day_number(loaded.first_date)} to day {day_number(loaded.last_date)})"
        ),
        f"{'built' if loaded.origin == 'bundled' else 'last update'}: {updated}",
        "sources and credits:",
    ]
    lines += [f"  {s['name']}: {s['url']}" + (f" (licence: {s['license']})" if s.get("license") else "") for s in loaded.sources]
    for series in loaded.series.values():
        lines.append(f"series {series.name} ({series.label}, {series.side} losses):")
        for category, cat in series.categories.items():
            if category in ALIASES:
                continue
            first, last = date.fromordinal(cat.ordinals[0]), date.fromordinal(cat.ordinals[-1])
            lines.append(
                f"  {series_label(category)}: {cat.values[-1]:,} on {last} (from {first}, {len(cat.ordinals):,} figures)"
            )
    return lines


def register(app: typer.Typer) -> None:
    app.add_typer(record_app, name="record")
