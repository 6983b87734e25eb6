"""The corpus commands: `ingest`, `errors`, `claims`, `sql`, `export`, `recheck`."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

from bilan.cli.common import (
    MAX_MB_OPTION,
    RECORD_OPTION,
    ClaimSort,
    Engine,
    Explain,
    ExportFormat,
    ExportWhat,
    Language,
    ListFormat,
    cell,
    console,
    error,
    estimate_documents,
    note,
    plural,
    progress_bar,
    use_max_mb,
)
from bilan.model import BilanError, Category, Side, Source, VerdictFilter
from bilan.visible import json_escaped, visible

DB_OPTION = typer.Option(
    None,
    "--db",
    envvar="BILAN_DB",
    help="The corpus database. Default: $BILAN_DB, then corpus.duckdb in the user data directory.",
)


def _fail(message: str, code: int = 1) -> typer.Exit:
    error(message)
    return typer.Exit(code)


@contextmanager
def _open(db: Path | None, *, read_only: bool) -> Iterator[Any]:
    from bilan import storage

    try:
        con = storage.connect(db, read_only=read_only)
    except BilanError as problem:
        snapshot = storage.snapshot_path(db or storage.default_db_path())
        if not (read_only and "lock" in str(problem).lower() and snapshot.exists()):
            raise _fail(str(problem)) from None
        # An ingest is writing: read what it last published, as `bilan serve` does.
        note(f"{problem}; reading its last snapshot ({snapshot.name})")
        con = storage.connect(snapshot, read_only=True)
    try:
        yield con
    finally:
        if not read_only:  # what was committed, for `bilan serve` (see storage.snapshot_path)
            storage.SnapshotPublisher(con, db or storage.default_db_path()).final()
        con.close()


def ingest(
    inputs: list[str] = typer.Argument(
        ..., help="Files, directories (recursively), JSONL corpora, http(s) URLs, or - for standard input."
    ),
    db: Path | None = DB_OPTION,
    workers: int = typer.Option(1, "--workers", "-j", min=1, help="Processes analysing articles (the writes stay in one)."),
    engine: Engine = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster: see --scheduler)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="With --engine dask: the scheduler's address, e.g. tcp://10.0.0.5:8786."
    ),
    staging: Path | None = typer.Option(
        None,
        "--staging",
        help="With --engine dask: a directory every worker and this machine can reach, for the Parquet partitions. Default: beside the database.",
    ),
    record: str | None = RECORD_OPTION,
    lang: str | None = typer.Option(None, "--lang", help="Override the language of every article (fr or en)."),
    date: str | None = typer.Option(None, "--date", help="Override the date of every article (YYYY-MM or YYYY-MM-DD)."),
    include_captions: bool = typer.Option(False, "--include-captions", help="Also store figures in photo captions."),
    explain: Explain = typer.Option("en", "--explain", help="Language of the check explanations."),
    batch_size: int | None = typer.Option(
        None,
        "--batch-size",
        min=1,
        help="Documents per transaction (a crash loses at most this much work): default 200; with --engine dask, documents per partition, default 500.",
    ),
    allow_private: bool = typer.Option(
        False,
        "--allow-private",
        help="Also fetch URLs on loopback, private and link-local addresses (refused by default), with --engine local.",
    ),
    max_mb: float | None = MAX_MB_OPTION,
) -> None:
    """Read, analyse and store articles in the corpus; known articles are skipped, changed ones updated."""
    from bilan import storage

    use_max_mb(max_mb)

    if engine == "dask" and not scheduler:
        raise _fail("--engine dask needs --scheduler ADDRESS (a running Dask scheduler)", 2)
    if engine == "local" and (scheduler or staging):
        raise _fail("--scheduler and --staging go with --engine dask", 2)
    if engine == "dask" and allow_private:
        raise _fail("--allow-private goes with --engine local (Dask workers fetch public addresses only)", 2)
    from bilan.reading import parse_date, parse_language

    try:  # checked here, once, rather than failing every document (or every Dask task)
        lang = parse_language(lang, "--lang") if lang is not None else None
        date = parse_date(date, "--date") if date is not None else None
    except BilanError as problem:
        raise _fail(str(problem), 2) from None
    options = storage.AnalysisOptions(record=record, include_captions=include_captions, explain=explain)
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record

    try:
        # Local: the pipeline and record, loaded once here, are inherited by the workers.
        # Dask: each worker loads its own; this process only checks that there is a record.
        analyser = storage.Analyser(options) if engine == "local" else None
        has_record = analyser.record is not None if analyser else resolve_record(record) is not None
    except BilanError as problem:
        raise _fail(str(problem)) from None
    if not has_record:
        error(f"{HOW_TO_GET_A_RECORD}; claims are stored unchecked until `bilan recheck`")
    with _open(db, read_only=False) as con, progress_bar("ingest") as progress:
        task = progress.add_task("ingest", total=estimate_documents(inputs) if progress.console.is_terminal else None)
        try:
            if engine == "dask":
                from bilan.distributed import PARTITION_DOCUMENTS, ingest_dask

                target = Path(db) if db else storage.default_db_path()
                report = ingest_dask(
                    con,
                    inputs,
                    scheduler=scheduler,
                    options=options,
                    lang=lang,
                    date=date,
                    partition_size=batch_size or PARTITION_DOCUMENTS,
                    staging=staging or target.with_name(target.name + ".staging"),
                    on_progress=lambda n: progress.advance(task, n),
                )
            else:
                report = storage.ingest(
                    con,
                    _items(inputs, lang, date, allow_private),
                    analyser,
                    workers=workers,
                    batch_size=batch_size or storage.BATCH_SIZE,
                    on_progress=lambda n: progress.advance(task, n),
                    on_failure=lambda failure: error(f"{failure.source}: {failure.message}"),
                    on_commit=storage.SnapshotPublisher(con, db or storage.default_db_path()),
                )
            storage.update_clusters(con)
        except BilanError as problem:
            raise _fail(str(problem)) from None
    analysed = report.added + report.updated
    rate = f" ({analysed / report.seconds:,.1f} articles/s)" if analysed and report.seconds else ""
    warned = f" ({report.warnings} read with a warning)" if report.warnings else ""
    print(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, {report.failed} failed{warned}; "
        f"{plural(report.claims, 'claim')}; {report.seconds:.1f} s{rate}",
        file=sys.stderr,
    )
    if report.failed or report.warnings:
        error(
            ", ".join(
                part
                for part in (
                    report.failed and f"{plural(report.failed, 'input')} failed",
                    report.warnings and f"{plural(report.warnings, 'document')} read with a warning",
                )
                if part
            )
            + ": `bilan errors` lists them"
        )
        raise typer.Exit(1)


def _items(inputs: Sequence[str], lang: str | None, date: str | None, allow_private: bool = False) -> Iterator[Any]:
    from bilan.cli.check import iter_inputs

    return iter_inputs(list(inputs), lang=lang, date=date, allow_private=allow_private)


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, *, title: str | None = None) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        if sys.stdout.isatty():  # CSV has no escapes: exact when piped or written to a file, visible on a terminal
            rows = [[visible(v, keep="\t\n") if isinstance(v, str) else v for v in row] for row in rows]
        writer.writerows(rows)
    elif fmt == "json":
        sys.stdout.write(
            json_escaped(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str, indent=1))
        )
        sys.stdout.write("\n")
    else:
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(cell(v) for v in row))
        console.print(table)


def errors(db: Path | None = DB_OPTION) -> None:
    """List the inputs that could not be read, fetched or analysed (the latest error of each)."""
    from bilan import storage

    with _open(db, read_only=True) as con:
        columns, rows = storage.list_errors(con)
    if not rows:
        print("no errors", file=sys.stderr)
        return
    _print_rows(columns, rows, "table", title=plural(len(rows), "error"))


# What fits a terminal; csv and json give every column (those of `bilan export --what claims`).
CLAIM_TABLE_COLUMNS = (
    "as_of",
    "outlet",
    "document",
    "value",
    "qualifier",
    "category",
    "side",
    "source",
    "verdict",
    "record_value",
)


def claims(
    db: Path | None = DB_OPTION,
    category: Category | None = typer.Option(None, "--category"),
    side: Side | None = typer.Option(None, "--side"),
    source: Source | None = typer.Option(None, "--source", help="Who the article attributes the figure to."),
    verdict: VerdictFilter | None = typer.Option(None, "--verdict", help="A verdict, or unchecked."),
    since: str | None = typer.Option(None, "--since", help="Claims as of this date or later (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Claims as of this date or earlier."),
    outlet: str | None = typer.Option(None, "--outlet"),
    lang: Language | None = typer.Option(None, "--lang"),
    sort: ClaimSort = typer.Option("date", "--sort"),
    ascending: bool = typer.Option(False, "--ascending", help="Oldest (or smallest) first; newest first by default."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many claims (default: all)."),
    fmt: ListFormat = typer.Option("table", "--format", help="csv and json: every column of `bilan export --what claims`."),
) -> None:
    """The stored claims, filtered: as of the claim's date (else its article's), newest first."""
    from bilan import storage

    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_partial_date(value):
            raise _fail(f"{option} {value}: give YYYY, YYYY-MM or YYYY-MM-DD", 2)
    filters = storage.ClaimFilters(category, side, source, verdict, since, until, outlet, lang)
    order = storage.Order(sort, descending=not ascending)
    with _open(db, read_only=True) as con:
        if fmt == "csv":
            sys.stdout.flush()
            batches = storage.claim_batches(con, filters, order)
            storage.write_csv(_first_rows(batches, limit) if limit else batches, sys.stdout.buffer)
            sys.stdout.flush()
            return
        columns, rows = storage.read_claims(con, filters, order, limit=limit)
    keep = [columns.index(c) for c in CLAIM_TABLE_COLUMNS] if fmt == "table" else list(range(len(columns)))
    _print_rows([columns[i] for i in keep], [tuple(r[i] for i in keep) for r in rows], fmt, title=plural(len(rows), "claim"))


def _first_rows(batches: Any, limit: int) -> Iterator[Any]:
    """The batches up to `limit` rows in all."""
    left = limit
    for batch in batches:
        if left <= 0:
            return
        yield batch.slice(0, left)
        left -= batch.num_rows


def _is_partial_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, on the calendar ("2024-13" is not a month)."""
    import datetime as dt
    import re

    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if match is None:
        return False
    try:
        dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return False
    return True


def sql(
    query: str = typer.Argument(..., help='One SELECT statement, e.g. "SELECT category, count(*) FROM claims GROUP BY 1".'),
    db: Path | None = DB_OPTION,
    fmt: ListFormat = typer.Option("table", "--format"),
) -> None:
    """Run a read-only SQL query on the corpus (tables: documents, claims, entities, rhetoric_spans, marks, errors, clusters)."""
    from bilan import storage

    with _open(db, read_only=True) as con:
        try:
            columns, rows = storage.run_sql(con, query)
        except BilanError as problem:
            raise _fail(str(problem)) from None
    _print_rows(columns, rows, fmt)


def export(
    what: ExportWhat = typer.Option(..., "--what"),
    fmt: ExportFormat = typer.Option(..., "--format", help="Claims in jsonl nest their check as in docs/claims.md."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="The file to write; default standard output (not for parquet)."
    ),
    db: Path | None = DB_OPTION,
) -> None:
    """Export every document or claim of the corpus."""
    from bilan import storage

    if output is None and fmt == "parquet":
        raise _fail("--format parquet needs --output FILE", 2)
    with _open(db, read_only=True) as con:
        try:
            if output is not None:
                rows = storage.export(con, what, fmt, output)
            else:
                with tempfile.TemporaryDirectory() as scratch:
                    temporary = Path(scratch) / f"export.{fmt}"
                    rows = storage.export(con, what, fmt, temporary)
                    with open(temporary, "rb") as stream:
                        sys.stdout.flush()
                        for chunk in iter(lambda: stream.read(1 << 20), b""):
                            sys.stdout.buffer.write(chunk)
                    sys.stdout.flush()
        except BilanError as problem:
            raise _fail(str(problem)) from None
    print(f"{plural(rows, what[:-1])} exported" + (f" to {output}" if output else ""), file=sys.stderr)


def recheck(
    db: Path | None = DB_OPTION,
    record: str | None = RECORD_OPTION,
    explain: Explain = typer.Option("en", "--explain", help="Language of the explanations."),
) -> None:
    """Re-verdict every stored claim against the current record (after `bilan record update`), without re-reading articles."""
    from bilan import storage
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record

    try:
        the_record = resolve_record(record)
    except BilanError as problem:
        raise _fail(str(problem)) from None
    if the_record is None:
        raise _fail(HOW_TO_GET_A_RECORD)
    with _open(db, read_only=False) as con, progress_bar("recheck") as progress:
        total = con.execute("SELECT count(DISTINCT doc_id) FROM claims").fetchall()[0][0]
        task = progress.add_task("recheck", total=total)
        report = storage.recheck(con, the_record, explain=explain, on_progress=lambda n: progress.advance(task, n))
    verdicts = ", ".join(f"{count} {verdict}" for verdict, count in sorted(report.verdicts.items()))
    print(
        f"{plural(report.claims, 'claim')} rechecked, {report.changed:,} changed verdict" + (f": {verdicts}" if verdicts else ""),
        file=sys.stderr,
    )


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(errors)
    app.command()(claims)
    app.command()(sql)
    app.command()(export)
    app.command()(recheck)
