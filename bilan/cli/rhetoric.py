"""`bilan rhetoric`: persuasion techniques, tone and genre of articles, as a table or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Optional

import typer

from bilan.cli.common import console, error, markup_safe, print_json
from bilan.model import BilanError

if TYPE_CHECKING:
    from bilan.rhetoric import RhetoricReport


def _print_table(document_id: str, report: RhetoricReport) -> None:
    from rich.table import Table

    table = Table(title=f"{markup_safe(document_id)}: {report.genre}, tone {report.tone:.1f} per 100 words", title_justify="left")
    table.add_column("technique")
    table.add_column("spans", justify="right")
    table.add_column("examples")
    examples: dict[str, list[str]] = {}
    for span in report.spans:
        examples.setdefault(span.technique, [])
        if span.text not in examples[span.technique]:
            examples[span.technique].append(span.text)
    for technique, count in sorted(report.counts.items(), key=lambda item: (-item[1], item[0])):
        shown = examples[technique][:4]
        more = len(examples[technique]) - len(shown)
        table.add_row(technique, str(count), markup_safe(" · ".join(shown) + (f" (+{more})" if more > 0 else "")))
    if not report.counts:
        table.add_row("(none)", "0", "")
    console.print(table)
    for reason in report.genre_reasons:
        console.print(f"  genre: {markup_safe(reason)}", highlight=False)


def _print_paragraphs(text: str, report: RhetoricReport) -> None:
    """The paragraphs that hold at least one span, with their counts and tone."""
    from rich.table import Table

    table = Table(title="paragraphs with techniques", title_justify="left")
    for column in ("#", "offsets", "words", "tone", "techniques", "paragraph"):
        table.add_column(column, justify="right" if column in ("#", "words", "tone") else "left")
    for number, paragraph in enumerate(report.paragraphs, 1):
        if not paragraph.counts:
            continue
        excerpt = text[paragraph.start : paragraph.end]
        excerpt = excerpt if len(excerpt) <= 70 else excerpt[:69] + "…"
        counts = ", ".join(f"{technique} {n}" for technique, n in sorted(paragraph.counts.items()))
        table.add_row(
            str(number),
            f"{paragraph.start}-{paragraph.end}",
            str(paragraph.words),
            f"{paragraph.tone:.1f}",
            markup_safe(counts),
            markup_safe(excerpt),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("rhetoric")
    def rhetoric_command(
        paths: list[str] = typer.Argument(..., help="Files, directories (read recursively) or - for standard input."),
        format: Literal["table", "json", "jsonl"] = typer.Option("table", "--format", "-f"),
        lang: Optional[str] = typer.Option(None, "--lang", help="The documents' language (fr or en), overriding detection."),
        paragraphs: bool = typer.Option(
            False, "--paragraphs", help="With the table format: also list the paragraphs that hold techniques."
        ),
    ) -> None:
        """Persuasion techniques (SemEval-2023 names) per article: counts by technique, tone
        (loaded spans per 100 words), genre and the reasons for it; spans with offsets in JSON."""
        from bilan.cleaning import clean
        from bilan.reading import ReadFailure, iter_documents
        from bilan.rhetoric import find_rhetoric

        failures = 0
        results = []
        try:
            for item in iter_documents(paths, lang=lang):
                if isinstance(item, ReadFailure):
                    error(str(item))
                    failures += 1
                    if item.document is None:
                        continue
                    item = item.document
                report = find_rhetoric(item, clean(item))
                if format == "table":
                    _print_table(item.path or item.id, report)
                    if paragraphs:
                        _print_paragraphs(item.text, report)
                elif format == "jsonl":
                    print_json({"id": item.id, "rhetoric": report.to_dict()}, indent=None)
                else:
                    results.append({"id": item.id, "rhetoric": report.to_dict()})
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(2) from None
        if format == "json":
            print_json(results)
        raise typer.Exit(1 if failures else 0)
