"""`bilan eval`: score the claims of documents against hand-annotated gold."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from bilan.cli.common import RECORD_OPTION, console, error, open_record
from bilan.model import BilanError


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def evaluate_command(
        paths: list[str] = typer.Argument(..., help="The annotated documents: files or directories."),
        gold: str = typer.Option(..., "--gold", help="Gold lines (JSONL) shaped like shared/seeds/gold.jsonl."),
        format: str = typer.Option("table", "--format", "-f", help="table or json."),
        include_captions: bool = typer.Option(False, "--include-captions", help="Score caption figures too."),
        record: Optional[str] = RECORD_OPTION,
    ) -> None:
        """Check the documents and score their claims against gold: detection and typed
        precision, recall and F1, the accuracy of each field on matched claims, misses and extras.
        Gold lines with a `kind` (entities, rhetoric) are scored by that feature's scorer."""
        from bilan.cli.check import iter_analyses
        from bilan.evaluation import evaluate, read_gold

        if format not in ("table", "json"):
            raise typer.BadParameter("choose table or json", param_hint="--format")
        try:
            lines = read_gold(gold)
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(2) from None
        failures: list[str] = []
        analyses = list(iter_analyses(paths, record=open_record(record), lang=None, date=None,
                                      include_captions=include_captions, explain="en", failures=failures,
                                      exclude=(gold,)))
        try:
            result = evaluate(lines, analyses)
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(1) from None
        if format == "json":
            json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            _print(result)
        raise typer.Exit(1 if failures else 0)


def _print(result) -> None:  # noqa: ANN001 - an Evaluation
    if result.detection.gold or result.detection.predicted:
        _print_claims(result)
    for kind, report in result.other.items():
        _print_scorer(kind, report)


def _print_claims(result) -> None:  # noqa: ANN001 - an Evaluation
    from rich.markup import escape
    from rich.table import Table

    scores = Table(title="claims", title_justify="left")
    for column in ("", "precision", "recall", "F1", "matched", "predicted", "gold"):
        scores.add_column(column, justify="right" if column else "left")
    for name, s in (("detection", result.detection), ("typed", result.typed)):
        scores.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                       str(s.true_positives), str(s.predicted), str(s.gold))
    console.print(scores)
    fields = Table(title="field accuracy on matched claims", title_justify="left")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name, value in result.fields.items():
        fields.add_row(name, f"{value:.3f}")
    console.print(fields)
    for name, wrong in result.field_errors.items():
        for item in wrong:
            console.print(f"[yellow]{name}[/] {item['doc']} {item['value']}: gold {escape(repr(item['gold']))}, "
                          f"predicted {escape(repr(item['predicted']))} — {escape(str(item['evidence']))}", highlight=False, markup=True)
    for item in result.misses:
        console.print(f"[red]miss[/] {item['doc']} {item['value']} {item['category']}: {escape(str(item['evidence']))}",
                      highlight=False)
    for item in result.extras:
        console.print(f"[magenta]extra[/] {item['doc']} {item['value']} {item['category']}: {escape(str(item['evidence']))}",
                      highlight=False)


def _print_scorer(kind: str, report: dict) -> None:
    """A scorer's precision and recall, overall and per class, as a table (its JSON has the detail)."""
    from rich.table import Table

    table = Table(title=kind, title_justify="left")
    for column in ("", "precision", "recall"):
        table.add_column(column, justify="right" if column else "left")
    overall = report.get("overall", report)
    if "precision" in overall:
        table.add_row("overall", _score(overall["precision"]), _score(overall["recall"]))
    for value in report.values():
        if isinstance(value, dict) and value and all(isinstance(v, dict) and "precision" in v for v in value.values()):
            for name, scores in value.items():
                table.add_row(name, _score(scores["precision"]), _score(scores["recall"]))
    console.print(table)


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"  # no prediction or no gold of that class
