"""The `bilan` command: a thin shell over the library.

Each module of this package adds its commands through `register(app)`, so that a feature
brings its own commands the way an extension would.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

from bilan import __version__

app = typer.Typer(
    name="bilan",
    help="Find every military loss figure in news articles about the war in Ukraine and check it against the record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bilan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    verbose: bool = typer.Option(
        False,
        "--verbose",
        "-v",
        help="Also print notes: the record's data notes, files a directory walk skipped. $BILAN_LOG=debug shows which rule decided what.",
    ),
) -> None:
    """bilan: loss figures in war reporting, checked against the record."""
    from bilan.cli.common import configure_logging

    configure_logging(verbose)


for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}").register(app)


def main() -> None:
    """Run the command; an unexpected failure is one line (BILAN_DEBUG=1 shows the traceback)."""
    try:
        app()
    except Exception as problem:  # the last guard between a bug and a user's terminal
        if os.environ.get("BILAN_DEBUG"):
            raise
        from bilan.visible import visible

        print(
            f"error: bilan failed unexpectedly ({type(problem).__name__}: {visible(str(problem))}); "
            "run again with BILAN_DEBUG=1 for details, and please report it",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
