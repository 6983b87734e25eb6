"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

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
    errors.print(f"[bold red]error:[/] {message}", highlight=False, markup=True, soft_wrap=True) if sys.stderr.isatty() else print(
        f"error: {message}", file=sys.stderr
    )


def register(app: typer.Typer) -> None:
    """This module adds no command."""
