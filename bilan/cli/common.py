"""Options and output helpers shared by the command modules."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal, TextIO, TypeVar, overload

import typer
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from bilan.visible import visible

if TYPE_CHECKING:
    from bilan.record import Record

# Value sets as types: Typer lists them in --help and refuses any other value (exit 2); those
# of the claim fields are bilan.model's.
Explain = Literal["en", "fr"]
Language = Literal["fr", "en"]
Engine = Literal["local", "dask"]
ListFormat = Literal["table", "csv", "json"]
ExportWhat = Literal["documents", "claims"]  # storage.EXPORTS
ExportFormat = Literal["csv", "parquet", "jsonl"]  # storage.EXPORT_FORMATS
ClaimSort = Literal[
    "date", "value", "category", "side", "source", "verdict", "outlet", "document", "record_value"
]  # storage.CLAIM_SORTS

console = Console()
errors = Console(stderr=True)
log = logging.getLogger("bilan.cli")
LOG_ENV = "BILAN_LOG"
T = TypeVar("T")

RECORD_OPTION = typer.Option(
    None,
    "--record",
    envvar="BILAN_RECORD",
    help="Directory of the record (layout of shared/reference). Default: $BILAN_RECORD, then the one `bilan record update` downloaded.",
)

MAX_MB_OPTION = typer.Option(
    None,
    "--max-mb",
    envvar="BILAN_MAX_MB",
    help="Size cap of one article (a file, or a line of a JSONL corpus), in MB: a larger one is one error line and the others go on. Default: $BILAN_MAX_MB, then 10.",
)


def use_max_mb(max_mb: float | None) -> None:
    """Apply --max-mb to this command and to the processes it starts (workers, the web app's
    checks): the library reads the cap from $BILAN_MAX_MB. An invalid value is a usage error."""
    from bilan.model import BilanError
    from bilan.reading import MAX_MB_VARIABLE, max_bytes

    if max_mb is None:
        return
    try:
        max_bytes(max_mb)
    except BilanError as problem:
        raise typer.BadParameter(str(problem), param_hint="--max-mb") from None
    os.environ[MAX_MB_VARIABLE] = repr(max_mb)


def error(message: str) -> None:
    """Print one line on standard error, without markup interpretation of the message and
    with its control and bidirectional characters shown, not obeyed (`bilan.visible`)."""
    message = visible(message)
    if sys.stderr.isatty():
        errors.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True, emoji=False)
    else:
        print(f"error: {message}", file=sys.stderr)


def print_json(value: Any, *, indent: int | None = 2) -> None:
    """`value` as JSON on standard output, its control and bidirectional characters written as
    escapes (the same data, nothing a terminal obeys), as `bilan check`'s JSON is."""
    import json

    from bilan.visible import json_escaped

    sys.stdout.write(json_escaped(json.dumps(value, ensure_ascii=False, indent=indent)) + "\n")


def markup_safe(value: object) -> str:
    """A value from an article or a file name inside Rich markup: its brackets escaped, its
    control characters made visible."""
    return escape(visible(str(value), keep="\t\n"))


def cell(value: object) -> Text:
    """A value from an article, a file name or the corpus as a table cell or a printed
    line: plain text (no Rich markup, no hyperlink), its control characters made visible."""
    return Text("" if value is None else visible(str(value), keep="\t\n"))


@overload
def open_record(option: str | None, *, required: Literal[True]) -> Record: ...
@overload
def open_record(option: str | None, *, required: bool = False) -> Record | None: ...
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
        # Data notes about the record itself: `bilan record info` prints them, --verbose too.
        log.info("record: %s", warning)
    return record


def note(message: str) -> None:
    """Print one informative line on standard error."""
    print(f"note: {visible(message)}", file=sys.stderr)


def progress_bar(label: str, unit: str = "articles") -> Any:
    """A Rich progress bar on standard error (done/total, rate, ETA, elapsed), shown only
    when standard error is a terminal: pipes and logs get nothing. Output printed to
    standard output while it runs goes above the bar when both are the same terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} {unit}/s" if speed else f"- {unit}/s")

    stderr = Console(stderr=True)
    shared_screen = stderr.is_terminal and sys.stdout.isatty()
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=stderr,
        disable=not stderr.is_terminal,
        transient=False,
        redirect_stdout=shared_screen,
        redirect_stderr=False,
    )


def estimate_documents(inputs: Sequence[str]) -> int | None:
    """How many documents the inputs hold, for a progress bar's ETA (JSONL: its lines);
    None for standard input."""
    from pathlib import Path

    from bilan.fetching import is_url
    from bilan.reading import JSONL_SUFFIXES, walk

    total = 0
    for name in inputs:
        if name == "-":
            return None
        if is_url(name):
            total += 1
            continue
        path = Path(name)
        files = [path] if path.is_file() else walk(path)[0]  # the files the command will read
        for file in files:
            if file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(file, "rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    total += 1  # unreadable (a symbolic link loop...): the command reports it
            else:
                total += 1
    return total


def with_progress(items: Iterable[T], progress: Any, task: Any) -> Iterator[T]:
    """The items, advancing the bar by one as each is done."""
    for item in items:
        yield item
        progress.advance(task)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 claim', '2 claims' (English only: the command line speaks English)."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


class _StandardError(logging.StreamHandler):
    """A handler writing to whatever `sys.stderr` is when a record is emitted (tests swap it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:  # set by StreamHandler.__init__, ignored
        pass


class _Lines(logging.Formatter):
    """'note: ...' for information, 'warning: ...', and 'debug bilan.claims: ...' with the module."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno <= logging.DEBUG:
            return f"debug {record.name}: {message}"
        if record.levelno <= logging.INFO:
            return f"note: {message}"
        return f"{record.levelname.lower()}: {message}"


def configure_logging(verbose: bool) -> None:
    """Logging of the `bilan` modules to standard error: warnings by default, information
    with --verbose, any level by $BILAN_LOG (debug shows which rule decided what)."""
    logger = logging.getLogger("bilan")
    for handler in [h for h in logger.handlers if isinstance(h, _StandardError)]:
        logger.removeHandler(handler)
    handler = _StandardError()
    handler.setFormatter(_Lines())
    logger.addHandler(handler)
    logger.propagate = False
    wanted = os.environ.get(LOG_ENV, "").strip().upper()
    level = logging.getLevelName(wanted) if wanted else (logging.INFO if verbose else logging.WARNING)
    if not isinstance(level, int):
        level = logging.WARNING
        print(f"note: {LOG_ENV}={wanted.lower()} is not a level; use debug, info, warning or error", file=sys.stderr)
    logger.setLevel(level)


def register(app: typer.Typer) -> None:
    """This module adds no command."""
