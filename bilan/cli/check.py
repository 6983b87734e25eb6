"""`bilan check`: find and check every loss figure of the given documents."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from typing import Any, Optional

import typer

from bilan.cli.common import (
    MAX_MB_OPTION,
    RECORD_OPTION,
    Explain,
    error,
    estimate_documents,
    open_record,
    progress_bar,
    use_max_mb,
    with_progress,
)
from bilan.model import Analysis, BilanError, Document
from bilan.record import Record


ALLOW_PRIVATE_OPTION = typer.Option(
    False, "--allow-private", help="Also fetch URLs on loopback, private and link-local addresses (refused by default)."
)


def iter_inputs(
    inputs: list[str], *, lang: str | None, date: str | None, exclude: tuple[str, ...] = (), allow_private: bool = False
) -> Iterator[Document | Any]:
    """Documents from files, directories, JSONL corpora, - and http(s) URLs, in the order
    given; a bad input is a failure item (`source`, `message`, maybe `document`), never raised."""
    from bilan.fetching import is_url, iter_urls
    from bilan.reading import iter_documents

    for addresses, group in itertools.groupby(inputs, key=is_url):
        names = list(group)
        if addresses:
            yield from _each_url(names, lambda urls: iter_urls(urls, lang=lang, date=date, allow_private=allow_private))
        else:
            yield from iter_documents(names, lang=lang, date=date, exclude=exclude)


def _each_url(urls: list[str], fetch: Callable[[list[str]], Iterator[Any]]) -> Iterator[Any]:
    """`fetch(urls)` (one item per URL, in order); an unforeseen exception is the failure of
    the URL being fetched (`http://xn--/` raised IDNAError), and the next ones are fetched."""
    from bilan.fetching import FetchFailure
    from bilan.reading import unexpected

    while urls:
        done = 0
        try:
            for item in fetch(urls):
                done += 1
                yield item
            return
        except Exception as problem:  # noqa: BLE001 - one URL never stops the batch
            yield FetchFailure(urls[done], unexpected(problem))
            urls = urls[done + 1 :]


def failure_line(item: Any) -> str:
    """A failure item's one line, naming its input once (a fetch failure's message already does)."""
    message = str(item.message)
    return message if message.startswith(str(item.source)) else f"{item.source}: {message}"


def iter_analyses(
    paths: list[str],
    *,
    record: Record | None,
    lang: str | None,
    date: str | None,
    include_captions: bool,
    explain: str,
    failures: list[str],
    exclude: tuple[str, ...] = (),
    allow_private: bool = False,
) -> Iterator[Analysis]:
    """Analyses of every readable document; each failure is printed once and counted."""
    from bilan.pipeline import analyse
    from bilan.reading import unexpected
    from bilan.rendering import document_name

    for item in iter_inputs(paths, lang=lang, date=date, exclude=exclude, allow_private=allow_private):
        if not isinstance(item, Document):
            error(failure_line(item))
            failures.append(item.source)
            if item.document is None:
                continue
            item = item.document
        name = document_name(item)  # a record of a JSONL corpus by its file and id
        try:
            analysis = analyse(item, record=record, include_captions=include_captions, explain=explain)
        except BilanError as problem:
            error(f"{name}: {problem}")
            failures.append(name)
            continue
        except Exception as problem:  # noqa: BLE001 - one document never stops the others
            error(f"{name}: {unexpected(problem)}")
            failures.append(name)
            continue
        yield analysis


def register(app: typer.Typer) -> None:
    from bilan.hooks import load_plugins, renderers

    load_plugins()  # so that --help lists every output format, plugins' included
    formats = ", ".join(sorted(renderers))

    @app.command()
    def check(
        paths: list[str] = typer.Argument(
            ..., help="Files, directories (read recursively), JSONL corpora, http(s) URLs, or - for standard input."
        ),
        format: str = typer.Option(
            "table",
            "--format",
            "-f",
            help=f"Output format: {formats} (csv: one row per claim, the columns of `bilan export --what claims`).",
        ),
        date: Optional[str] = typer.Option(
            None, "--date", help="The documents' date (YYYY-MM or YYYY-MM-DD), overriding what is read."
        ),
        lang: Optional[str] = typer.Option(None, "--lang", help="The documents' language (fr or en), overriding detection."),
        include_captions: bool = typer.Option(
            False, "--include-captions", help="Also report figures in photo captions, flagged."
        ),
        explain: Optional[Explain] = typer.Option(
            None,
            "--explain",
            help="Print each check's explanation, in en or fr (JSON always carries it, in English unless fr is asked for).",
        ),
        why: bool = typer.Option(
            False, "--why", help="Show the rule and span behind every field, and the figures dropped with their reason."
        ),
        record: Optional[str] = RECORD_OPTION,
        allow_private: bool = ALLOW_PRIVATE_OPTION,
        max_mb: Optional[float] = MAX_MB_OPTION,
    ) -> None:
        """Find every loss figure in the documents and check it against the record.

        Exit status: 0 when every document was read, 1 when some failed (the others are
        still processed and printed), 2 for a usage error.
        """
        if format not in renderers:
            raise typer.BadParameter(
                f"unknown format {format!r}; choose from {', '.join(sorted(renderers))}", param_hint="--format"
            )
        from bilan.reading import parse_date, parse_language

        use_max_mb(max_mb)

        try:
            date = parse_date(date, "--date") if date is not None else None
            lang = parse_language(lang, "--lang") if lang is not None else None
        except BilanError as problem:
            raise typer.BadParameter(str(problem)) from None
        failures: list[str] = []
        try:
            loaded = open_record(record)
            with progress_bar("check") as progress:
                task = progress.add_task("check", total=estimate_documents(paths) if progress.console.is_terminal else None)
                analyses = with_progress(
                    iter_analyses(
                        paths,
                        record=loaded,
                        lang=lang,
                        date=date,
                        include_captions=include_captions,
                        explain=explain or "en",
                        failures=failures,
                        allow_private=allow_private,
                    ),
                    progress,
                    task,
                )

                def failed(name: str, reason: str) -> None:  # a document that cannot be rendered
                    error(f"{name}: {reason}")
                    failures.append(name)

                renderers[format](
                    analyses,
                    sys.stdout,
                    failed=failed,
                    **({"why": True} if why else {}),
                    **({"explain": explain} if explain else {}),
                )
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(2 if problem.usage else 1) from None
        raise typer.Exit(1 if failures else 0)
