"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from bilan.record import Record

console = Console()
errors = Console(stderr=True)

RECORD_OPTION = typer.Option(
    None,
    "--record",
    envvar="BILAN_RECORD",
    help="Directory of the record (layout of shared/reference). Default: $BILAN_RECORD, then the one `bilan record update` downloaded.",
)


def error(message: str) -> None:
    """Print one line on standard error, without markup interpretation of the message."""
    if sys.stderr.isatty():
        errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    else:
        print(f"error: {message}", file=sys.stderr)


def open_record(option: str | None, *, required: bool = False) -> Record | None:
    """The record for a command: its warnings said once; a corrupt record, or a missing one
    where `required`, is a one-line error and exit status 1; a missing one otherwise a note."""
    from bilan.model import BilanError
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record

    try:
        record = resolve_record(option)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    if record is None:
        if required:
            error(HOW_TO_GET_A_RECORD)
            raise typer.Exit(1)
        note(f"{HOW_TO_GET_A_RECORD}; until then, claims are extracted but not checked")
        return None
    for warning in record.warnings:
        note(f"record: {warning}")
    return record


def note(message: str) -> None:
    """Print one informative line on standard error."""
    print(f"note: {message}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """This module adds no command."""
