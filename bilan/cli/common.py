"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import sys

import typer
from rich.console import Console
from rich.markup import escape

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


def note(message: str) -> None:
    """Print one informative line on standard error."""
    print(f"note: {message}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """This module adds no command."""
