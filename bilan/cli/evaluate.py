"""`bilan eval`: score the claims of documents against hand-annotated gold."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Optional

import typer

from bilan.cli.common import (
    RECORD_OPTION,
    console,
    error,
    estimate_documents,
    markup_safe,
    note,
    open_record,
    plural,
    print_json,
    progress_bar,
    with_progress,
)
from bilan.model import BilanError

if TYPE_CHECKING:
    from bilan.evaluation import Evaluation, VerdictScores
    from bilan.record import Record


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def evaluate_command(
        paths: list[str] = typer.Argument(..., help="The annotated documents: files or directories."),
        gold: Optional[str] = typer.Option(None, "--gold", help="Gold lines (JSONL) shaped like shared/seeds/gold.jsonl."),
        verdicts: Optional[str] = typer.Option(
            None,
            "--verdicts",
            help="Gold verdicts (JSONL keyed by doc and evidence, as shared/realdev/*/gold_verdicts.jsonl): score the checks too.",
        ),
        checker_only: bool = typer.Option(
            False,
            "--checker-only",
            help="With --gold and --verdicts: check the gold claims as given (no extraction) and score the checker alone.",
        ),
        format: Literal["table", "json"] = typer.Option("table", "--format", "-f"),
        include_captions: bool = typer.Option(False, "--include-captions", help="Score caption figures too."),
        by_rule: bool = typer.Option(False, "--by-rule", help="Per field, how often each rule that decided it was right."),
        record: Optional[str] = RECORD_OPTION,
    ) -> None:
        """Check the documents and score their claims against gold: detection and typed
        precision, recall and F1, the accuracy of each field on matched claims, misses and extras.
        Gold lines with a `kind` (entities, rhetoric) are scored by that feature's scorer.
        With --verdicts: verdict accuracy on matched claims, the gold -> bilan confusion,
        record_date agreement, the end-to-end share (found and right over all gold) and the
        disagreements; with --checker-only, the same for the gold claims checked as given."""
        from bilan.cli.check import iter_analyses
        from bilan.evaluation import evaluate, read_gold

        if gold is None and verdicts is None:
            raise typer.BadParameter("give --gold, --verdicts or both", param_hint="--gold")
        if checker_only and (gold is None or verdicts is None):
            raise typer.BadParameter(
                "--checker-only needs --gold (the claims' fields) and --verdicts", param_hint="--checker-only"
            )
        try:
            lines = read_gold(gold) if gold else []
            verdict_lines = read_gold(verdicts) if verdicts else None
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(2) from None
        failures: list[str] = []
        excluded = tuple(p for p in (gold, verdicts) if p)
        loaded = open_record(record, required=verdicts is not None)
        if checker_only:
            scores = _checker_only(paths, lines, verdict_lines or [], loaded, excluded, failures)
            if format == "json":
                print_json({"checker_only": scores.to_dict()})
            else:
                _print_verdicts("verdicts, checker alone on the gold claims", scores.to_dict())
            raise typer.Exit(1 if failures else 0)
        with progress_bar("eval") as progress:
            task = progress.add_task("eval", total=estimate_documents(paths) if progress.console.is_terminal else None)
            analyses = list(
                with_progress(
                    iter_analyses(
                        paths,
                        record=loaded,
                        lang=None,
                        date=None,
                        include_captions=include_captions,
                        explain="en",
                        failures=failures,
                        exclude=excluded,
                    ),
                    progress,
                    task,
                )
            )
        # Only the gold of the documents given is scored (a document that failed to read
        # is given: its gold counts as missed); the rest of the gold file is left out.
        from pathlib import Path

        given = {analysis.document.id for analysis in analyses} | {Path(source).stem for source in failures}
        scored = [line for line in lines if line["doc"] in given]
        if len(scored) < len(lines):
            others = {line["doc"] for line in lines} - given
            note(
                f"scored the gold of the {plural(len(given), 'document')} given; "
                f"{plural(len(lines) - len(scored), 'gold line')} of {plural(len(others), 'other document')} left out"
            )
        try:
            result = evaluate(scored, analyses, verdicts=verdict_lines)
        except BilanError as problem:
            error(str(problem))
            raise typer.Exit(1) from None
        for warning in result.other.pop("warnings", []):
            note(warning)
        if format == "json":
            print_json(result.to_dict())
        elif by_rule:
            _print_by_rule(result)
        else:
            _print(result)
        raise typer.Exit(1 if failures else 0)


def _checker_only(
    paths: list[str],
    lines: list[dict[str, Any]],
    verdict_lines: list[dict[str, Any]],
    record: Record | None,
    excluded: tuple[str, ...],
    failures: list[str],
) -> VerdictScores:
    from bilan.evaluation import check_gold_claims
    from bilan.pipeline import dateline_date
    from bilan.reading import ReadFailure, iter_documents

    documents = []
    for item in iter_documents(paths, exclude=excluded):
        if isinstance(item, ReadFailure):
            error(f"{item.source}: {item.message}")
            failures.append(item.source)
            if item.document is None:
                continue
            item = item.document
        if item.date is None:  # as the pipeline does: the dateline's date
            item.date = dateline_date(item)
        documents.append(item)
    try:
        return check_gold_claims(lines, verdict_lines, documents, record)
    except BilanError as problem:
        error(str(problem))
        raise typer.Exit(1) from None


def _print_by_rule(result: Evaluation) -> None:
    """One table per field: each rule that decided it on matched claims, right / decided, worst first."""
    from rich.table import Table

    for name, rules in result.by_rule.items():
        table = Table(title=f"{name}: accuracy {result.fields[name]:.3f}", title_justify="left")
        for column in ("rule", "right", "decided", "accuracy", "wrong"):
            table.add_column(column, justify="left" if column == "rule" else "right")
        for rule, (right, decided) in sorted(rules.items(), key=lambda item: item[1][1] - item[1][0], reverse=True):
            table.add_row(rule, str(right), str(decided), f"{right / decided:.3f}", str(decided - right))
        console.print(table)


def _print(result: Evaluation) -> None:
    if result.detection.gold or result.detection.predicted:
        _print_claims(result)
    for kind, report in result.other.items():
        if kind == "verdicts":
            _print_verdicts("verdicts on matched claims", report)
        else:
            _print_scorer(kind, report)


def _print_verdicts(title: str, report: dict) -> None:
    """Accuracy, end-to-end share, record_date agreement, the confusion table, the disagreements."""
    from rich.table import Table

    from bilan.model import VERDICTS

    console.print(
        f"[bold]{title}[/]: accuracy {report['accuracy']:.3f} ({report['right']} of {report['matched']}); "
        f"end to end {report['end_to_end']:.3f} ({report['right']} of {report['gold']} gold); "
        f"record_date agreement {report['record_date_agreement']:.3f} "
        f"({report['dated_right']} of {report['dated']})",
        highlight=False,
    )
    confusion = report["confusion"]
    shown = [v for v in (*VERDICTS, "none") if any(v in row for row in confusion.values())]
    table = Table(title="gold (rows) -> bilan (columns)", title_justify="left")
    table.add_column("gold")
    for verdict in shown:
        table.add_column(verdict[:5], justify="right")
    for gold_verdict, row in confusion.items():
        table.add_row(gold_verdict, *[str(row.get(v, "")) for v in shown])
    console.print(table)
    for item in report["disagreements"]:
        claim = item["claim"]
        console.print(
            f"[yellow]{item['on']}[/] {markup_safe(item['doc'])} {item['value']} ({claim['category']}, {claim['source']}, "
            f"{claim['scope']}/{claim['period']}, {claim['qualifier']}, {claim['as_of']}): "
            f"gold {item['gold']} {item['gold_record_date']}, bilan {item['bilan']} {item['bilan_record_date']}"
            f" — {markup_safe(str(item['evidence']))} | gold: {markup_safe(str(item['why']))} | bilan: {markup_safe(str(item['explanation']))}",
            highlight=False,
        )


def _print_claims(result: Evaluation) -> None:
    from rich.table import Table

    scores = Table(title="claims", title_justify="left")
    for column in ("", "precision", "recall", "F1", "matched", "predicted", "gold"):
        scores.add_column(column, justify="right" if column else "left")
    for name, s in (("detection", result.detection), ("typed", result.typed)):
        scores.add_row(
            name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.true_positives), str(s.predicted), str(s.gold)
        )
    console.print(scores)
    fields = Table(title="field accuracy on matched claims", title_justify="left")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    for name, value in result.fields.items():
        fields.add_row(name, f"{value:.3f}")
    console.print(fields)
    for name, wrong in result.field_errors.items():
        for item in wrong:
            console.print(
                f"[yellow]{name}[/] {markup_safe(item['doc'])} {item['value']}: gold {markup_safe(repr(item['gold']))}, "
                f"predicted {markup_safe(repr(item['predicted']))} — {markup_safe(str(item['evidence']))}",
                highlight=False,
                markup=True,
            )
    for item in result.misses:
        console.print(
            f"[red]miss[/] {markup_safe(item['doc'])} {item['value']} {item['category']}: {markup_safe(str(item['evidence']))}",
            highlight=False,
        )
    for item in result.extras:
        console.print(
            f"[magenta]extra[/] {markup_safe(item['doc'])} {item['value']} {item['category']}: {markup_safe(str(item['evidence']))}",
            highlight=False,
        )


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
