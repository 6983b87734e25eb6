"""Output renderers of `bilan check --format NAME`, registered like an extension's would be.

A renderer is `(analyses, stream, **options) -> None`. Options: `include_text` (json: the
analysed text, so that offsets can be followed in HTML articles), `why` (each claim's
decisions and the rejected candidates, `bilan check --why`), `failed` (called with a
document's name and the reason when that document cannot be rendered; by default an
`error:` line on standard error). The renderers here write document by document: one that
cannot be rendered (an analyser's value JSON cannot hold, text no encoder takes) is left
out, named through `failed`, and the others are written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar

from bilan.hooks import renderer
from bilan.model import Analysis, BilanError, Document
from bilan.visible import json_escaped, visible

T = TypeVar("T")

PIPED_WIDTH = 180
VERDICT_STYLES = {
    "matches": "green",
    "consistent": "green",
    "stale": "yellow",
    "ahead": "magenta",
    "misquoted": "red",
    "overstated": "red",
    "understated": "red",
    "unverifiable": "dim",
}


def format_value(value: int, lang: str = "en") -> str:
    """105960 -> "105,960" (en) or "105 960" (fr, narrow no-break space as French typography wants)."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def document_name(document: Document) -> str:
    """How an error line names a document: its file (and its id, for a record of a JSONL corpus), else its id."""
    from bilan.reading import JSONL_SUFFIXES

    if document.path and document.path.lower().endswith(JSONL_SUFFIXES):
        return f"{document.path} (id {document.id!r})"
    return document.path or document.id


def _print_failure(name: str, reason: str) -> None:
    print(visible(f"error: {name}: {reason}"), file=sys.stderr)


def each_rendered(
    analyses: Iterable[Analysis],
    render: Callable[[Analysis], T],
    stream: IO[str],
    failed: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[Analysis, T]]:
    """Each analysis with `render(analysis)`, in order; an analysis it fails on (or whose text
    `stream` could not encode) is passed to `failed` (name, reason) and left out."""
    from bilan.reading import unexpected

    failed = failed or _print_failure
    encoding = getattr(stream, "encoding", None)
    for analysis in analyses:
        try:
            rendered = render(analysis)
            if encoding and isinstance(rendered, str):  # a lone surrogate would stop the write half-way
                rendered.encode(encoding, getattr(stream, "errors", None) or "strict")
        except BilanError as problem:
            failed(document_name(analysis.document), str(problem))
            continue
        except Exception as problem:  # noqa: BLE001 - one document never stops the output
            failed(document_name(analysis.document), unexpected(problem))
            continue
        yield analysis, rendered


@renderer("jsonl")
def render_jsonl(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    def line(analysis: Analysis) -> str:
        document = analysis.to_dict(include_text=options.get("include_text", False), reasons=options.get("why", False))
        return json_escaped(json.dumps(document, ensure_ascii=False)) + "\n"

    for _, text in each_rendered(analyses, line, stream, options.get("failed")):
        stream.write(text)
        stream.flush()


@renderer("json")
def render_json(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    """One JSON array, written a document at a time (each indented as in the whole array)."""

    def element(analysis: Analysis) -> str:
        document = analysis.to_dict(include_text=options.get("include_text", True), reasons=options.get("why", False))
        return "  " + json_escaped(json.dumps(document, ensure_ascii=False, indent=2)).replace("\n", "\n  ")

    separator = "[\n"
    for _, text in each_rendered(analyses, element, stream, options.get("failed")):
        stream.write(separator + text)
        separator = ",\n"
    stream.write("[]\n" if separator == "[\n" else "\n]\n")


def _columns() -> int | None:
    """$COLUMNS when the user sets it for piped output (`COLUMNS=80 bilan check ... | less`)."""
    import os

    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) >= 40 else None


# The table's short forms, so that the evidence keeps room at 80 columns.
QUALIFIER_MARKS = {"exact": "", "more_than": ">", "at_least": "≥", "about": "~", "nearly": "≲", "up_to": "≤", "range": ""}
SOURCE_SHORT = {
    "ukraine_general_staff": "UA staff",
    "ukraine_mod": "UA MoD",
    "ukraine_other": "UA other",
    "russia_mod": "RU MoD",
    "russia_other": "RU other",
    "uk_mod": "UK MoD",
    "us_officials": "US",
    "oryx": "Oryx",
    "media_estimate": "media",
    "unattributed": "–",
    "other": "other",
}


@renderer("table")
def render_table(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    """One table per document: the figure, what it counts, its date and source, the verdict
    with the record's value and date beside it, the evidence; with `explain`, each claim's
    explanation below the table, numbered as its row."""
    from rich.console import Console
    from rich.text import Text

    # piped output is read in files and pagers: wide enough for the short columns to stay on one line
    width = options.get("width") or (None if stream.isatty() else _columns() or PIPED_WIDTH)
    console = Console(file=stream, width=width, soft_wrap=False)
    shown_record = None

    def label(analysis: Analysis) -> str | None:
        return analysis.record.get("label") if analysis.record else shown_record

    def document_table(analysis: Analysis) -> str:
        """The document's lines, rendered whole before any is written."""
        with console.capture() as captured:
            if label(analysis) != shown_record:
                console.print(Text(visible(f"checked against the {label(analysis)}"), style="dim"))
            _print_table(console, analysis, options)
        return captured.get()

    for analysis, text in each_rendered(analyses, document_table, stream, options.get("failed")):
        shown_record = label(analysis)
        stream.write(text)
        stream.flush()


def _print_table(console: Any, analysis: Analysis, options: dict[str, Any]) -> None:
    """One document's table, then with `explain` each claim's explanation, with `why` the reasons, and its warnings."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    doc = analysis.document
    date = f"{doc.date} ({doc.date_source})" if doc.date else "no date"
    title = Text(visible(doc.id), style="bold")
    title.append(
        f"  {doc.lang or '?'} · {date} · {len(analysis.claims)} claim{'' if len(analysis.claims) == 1 else 's'}", style="dim"
    )
    table = Table(title=title, title_justify="left", show_lines=False, expand=False, box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("figure", no_wrap=True)
    table.add_column("as of", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=16)
    lang = doc.lang or "en"
    for number, claim in enumerate(analysis.claims, 1):
        value = format_value(claim.value, lang)
        if claim.value_max is not None:
            value += f"–{format_value(claim.value_max, lang)}"
        mark = QUALIFIER_MARKS.get(claim.qualifier, "")
        per = f"/{claim.period}" if claim.scope == "period" and claim.period else " (event)" if claim.scope == "event" else ""
        figure = Text(f"{mark}{value}{per}", style="bold")
        check = claim.check
        verdict = Text("")
        if check:
            verdict = Text(check.verdict, style=VERDICT_STYLES.get(check.verdict, ""))
            if check.record_value is not None:
                verdict.append(
                    f"\n{format_value(check.record_value, lang)}" + (f" · {check.record_date}" if check.record_date else ""),
                    style="dim",
                )
        evidence = Text(visible(claim.text.replace("\n", " ")) + (" [caption]" if claim.caption else "") + "\n")
        what = (
            [claim.category] + ([claim.side] if claim.side != "russia" else []) + [SOURCE_SHORT.get(claim.source, claim.source)]
        )
        evidence.append(" · ".join(what), style="dim")
        table.add_row(str(number), figure, claim.as_of or "", verdict, evidence)
    console.print(table)
    if options.get("explain"):
        for number, claim in enumerate(analysis.claims, 1):
            if claim.check and claim.check.explanation:
                line = Text(f"{number:>3}. ", style="bold")
                line.append(claim.check.explanation)
                console.print(line, soft_wrap=False, overflow="fold")
    if options.get("why"):
        _print_reasons(console, analysis)
    for warning in analysis.warnings:
        console.print(Text(f"warning: {visible(warning)}", style="yellow"))


def _print_reasons(console: Any, analysis: Analysis) -> None:
    """Each claim's decisions (field = value, the rule, the text it read), then the dropped figures."""
    from rich.text import Text

    text = analysis.document.text
    for claim in analysis.claims:
        console.print(Text(visible(f"{format_value(claim.value)} «{claim.text}»"), style="bold"))
        for reason in claim.reasons:
            read = f" «{text[reason.start : reason.end]}»" if reason.start is not None and reason.end is not None else ""
            console.print(Text(visible(f"  {reason.field} = {reason.value}: {reason.rule}{read}")))
    for rejected in analysis.rejected:
        console.print(
            Text(
                visible(f"rejected {format_value(rejected.value)} «{text[rejected.start : rejected.end]}»: {rejected.reason}"),
                style="dim",
            )
        )


@renderer("csv")
def render_csv(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    """One row per claim, in the columns of `bilan export --what claims` (bilan.storage.CLAIM_SHEET)."""
    from bilan.storage import analysis_sheet, csv_chunks

    def rows(analysis: Analysis) -> Any:  # its claims as one batch (pyarrow refuses text it cannot encode)
        return next(analysis_sheet([analysis]))

    batches = (batch for _, batch in each_rendered(analyses, rows, stream, options.get("failed")))
    for chunk in csv_chunks(batches):
        stream.write(chunk.decode("utf-8"))
        stream.flush()  # a long batch shows its rows as they come
