"""`bilan report INPUT... -o report.html|DIR/`: one self-contained HTML report per article."""

from __future__ import annotations

from pathlib import Path

import typer

from bilan.cli.check import ALLOW_PRIVATE_OPTION
from bilan.cli.common import MAX_MB_OPTION, RECORD_OPTION, Explain, console, error, plural, use_max_mb
from bilan.model import BilanError, Document


def _safe_name(document_id: str) -> str:
    """A file name for a document id (ids of JSONL records may hold any character)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in document_id).strip(".")
    return (cleaned or "document")[:120]


def _unique_names(documents: list[Document]) -> list[str]:
    """One file name per document; two ids that clean to the same name get -2, -3..."""
    taken: set[str] = {"index.html"}
    names = []
    for document in documents:
        base = _safe_name(document.id)
        name, n = f"{base}.html", 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}.html"
        taken.add(name.lower())
        names.append(name)
    return names


def report(
    sources: list[str] = typer.Argument(
        ..., help="Article files (.txt, .md, .html), JSONL corpora, directories (read recursively) or http(s) URLs."
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The HTML file to write for one article; a directory (with an index.html) for several."
    ),
    record: str | None = RECORD_OPTION,
    explain: Explain = typer.Option("en", "--explain", help="Language of the explanations."),
    include_captions: bool = typer.Option(False, "--include-captions", help="Also report figures in photo captions."),
    lang: str | None = typer.Option(None, "--lang", help="Override the language (fr or en)."),
    date: str | None = typer.Option(None, "--date", help="Override the article's date (YYYY-MM or YYYY-MM-DD)."),
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    max_mb: float | None = MAX_MB_OPTION,
) -> None:
    """Write each article's report: a single HTML file that opens from disk with no network.

    Several articles (several inputs, a directory, a JSONL corpus) go to the directory -o,
    one file per article and an index.html listing them. Exit status: 0 when every report
    was written, 1 when an input failed (the others are written), 2 for a usage error.
    """
    from bilan.cli.check import failure_line, iter_inputs
    from bilan.pipeline import analyse
    from bilan.reading import parse_date, parse_language
    from bilan.record import HOW_TO_GET_A_RECORD, resolve_record
    from bilan.rendering.report import index_entry, write_report, write_report_index

    use_max_mb(max_mb)
    try:
        lang = parse_language(lang, "--lang") if lang is not None else None
        date = parse_date(date, "--date") if date is not None else None
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(2) from None
    try:
        the_record = resolve_record(record)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None
    if the_record is None:
        error(HOW_TO_GET_A_RECORD)

    failed = 0
    documents: list[Document] = []
    for item in iter_inputs(sources, lang=lang, date=date, allow_private=allow_private):
        if not isinstance(item, Document):
            error(failure_line(item))
            failed += 1
            if item.document is None:
                continue
            item = item.document
        documents.append(item)
    if not documents:
        if not failed:
            error(f"{' '.join(sources)}: no article in it")
        raise typer.Exit(1)

    several = len(documents) > 1 or output.is_dir()
    if several:
        if output.exists() and not output.is_dir():
            error(f"{output}: {plural(len(documents), 'article')} to write; give a directory to -o")
            raise typer.Exit(2)
        output.mkdir(parents=True, exist_ok=True)
    names = _unique_names(documents)
    entries = []
    for document, name in zip(documents, names):
        target = output / name if several else output
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
        except Exception as problem:  # noqa: BLE001 - one article never stops the others
            from bilan.reading import unexpected

            error(f"{document.id}: {unexpected(problem)}")
            failed += 1
            continue
        entries.append(index_entry(analysis, name))
        console.print(f"{target}  {plural(len(analysis.claims), 'claim')}", highlight=False, markup=False)
    if several and entries:
        index = output / "index.html"
        try:
            write_report_index(entries, index)
        except OSError as problem:
            error(f"{index}: cannot write the index: {problem.strerror or problem}")
            raise typer.Exit(1) from None
        console.print(f"{index}  {plural(len(entries), 'report')}", highlight=False, markup=False)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
