"""`bilan serve`: the read-only web app over a corpus database."""

from __future__ import annotations

from pathlib import Path

import typer

from bilan.cli.common import MAX_MB_OPTION, RECORD_OPTION, console, error, use_max_mb
from bilan.model import BilanError


def serve(
    db: Path | None = typer.Option(
        None, "--db", help="The corpus database (default: $BILAN_DB, then the one `bilan ingest` writes)."
    ),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on. Only this machine by default: give 0.0.0.0 to share it."
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    allowed_host: list[str] = typer.Option(
        [],
        "--allowed-host",
        help="A host name the server answers to besides the bound host and localhost (repeat it); other Host headers get a 400.",
    ),
    check_seconds: float = typer.Option(
        20.0,
        "--check-seconds",
        min=0.1,
        help="Time limit of one analysis on /check and /api/check; past it the visitor gets a 503 and the worker process is replaced.",
    ),
    record: str | None = RECORD_OPTION,
    max_mb: float | None = MAX_MB_OPTION,
) -> None:
    """Browse the corpus: overview, search, articles, claims, the record's line, map, check."""
    use_max_mb(max_mb)  # the web app's body limit follows it (at most its own 1 MiB)
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record
    from bilan.storage import default_db_path
    from bilan.web import serve as run

    path = db or default_db_path()
    try:
        the_record = resolve_record(record)
        if the_record is None:
            error(HOW_TO_GET_A_RECORD)

        def ready() -> None:
            console.print(
                f"bilan: serving {path} (its snapshot, read-only: `bilan ingest` may write meanwhile) on http://{host}:{port}/ (Ctrl-C to stop)",
                highlight=False,
                markup=False,
            )
            if host in ("0.0.0.0", "::") and not allowed_host:
                # Reached by another name or address, it answers 400: say so now.
                console.print(
                    "bilan: it answers requests for localhost, 127.0.0.1 and [::1] only: give "
                    "--allowed-host NAME for each name or address it is reached by",
                    highlight=False,
                    markup=False,
                )

        run(path, host=host, port=port, record=the_record, allowed_hosts=allowed_host, check_seconds=check_seconds, ready=ready)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
