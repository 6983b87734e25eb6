"""`bilan report PATH|URL -o report.html`: one self-contained HTML report per article."""

from __future__ import annotations

from pathlib import Path

import typer

from bilan.cli.common import RECORD_OPTION, console, error
from bilan.model import BilanError, Document


def _documents(source: str, lang: str | None, date: str | None, allow_private: bool = False) -> list[Document]:
    from bilan.fetching import fetch_document, is_url

    if is_url(source):
        return [fetch_document(source, lang=lang, date=date, allow_private=allow_private)]
    from bilan.reading import read_path

    path = Path(source)
    if not path.is_file():
        raise BilanError(f"{source}: no such file")
    return read_path(path, lang=lang, date=date)


def _safe_name(document_id: str) -> str:
    """A file name for a document id (ids of JSONL records may hold any character)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in document_id).strip(".")
    return (cleaned or "document")[:120]


def report(
    source: str = typer.Argument(..., help="An article file (.txt, .md, .html, .jsonl) or an http(s) URL."),
    output: Path = typer.Option(..., "--output", "-o", help="The HTML file to write; a directory when SOURCE holds several articles."),
    record: str | None = RECORD_OPTION,
    explain: str = typer.Option("en", "--explain", help="Language of the explanations: en or fr."),
    include_captions: bool = typer.Option(False, "--include-captions", help="Also report figures in photo captions."),
    lang: str | None = typer.Option(None, "--lang", help="Override the language (fr or en)."),
    date: str | None = typer.Option(None, "--date", help="Override the article's date (YYYY-MM or YYYY-MM-DD)."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Also fetch a URL on a loopback, private or link-local address (refused by default)."),
) -> None:
    """Write the article's report: a single HTML file that opens from disk with no network."""
    from bilan.pipeline import analyse
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record
    from bilan.rendering.report import write_report

    if explain not in ("en", "fr"):
        error(f"--explain {explain}: use en or fr")
        raise typer.Exit(2)
    try:
        the_record = resolve_record(record)
        documents = _documents(source, lang, date, allow_private)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    if the_record is None:
        error(HOW_TO_GET_A_RECORD)
    if not documents:
        error(f"{source}: no article in it")
        raise typer.Exit(1)

    several = len(documents) > 1
    if several:
        if output.exists() and not output.is_dir():
            error(f"{output}: {source} holds {len(documents)} articles; give a directory to -o")
            raise typer.Exit(2)
        output.mkdir(parents=True, exist_ok=True)
    elif output.is_dir():
        output = output / f"{_safe_name(documents[0].id)}.html"

    failed = 0
    for document in documents:
        target = output / f"{_safe_name(document.id)}.html" if several else output
        try:
            analysis = analyse(document, record=the_record, include_captions=include_captions, explain=explain)
            write_report(analysis, target, record=the_record)
        except BilanError as problem:
            error(f"{document.id}: {problem}")
            failed += 1
            continue
        except OSError as problem:
            error(f"{target}: cannot write the report: {problem.strerror or problem}")
            failed += 1
            continue
        console.print(f"{target}  {len(analysis.claims)} claims", highlight=False, markup=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
