"""Output renderers of `bilan check --format NAME`, registered like an extension's would be.

A renderer is `(analyses, stream, **options) -> None`. Options: `include_text` (json: the
analysed text, so that offsets can be followed in HTML articles), `why` (each claim's
decisions and the rejected candidates, `bilan check --why`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from bilan.hooks import renderer
from bilan.model import Analysis
from bilan.visible import visible

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


@renderer("jsonl")
def render_jsonl(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    for analysis in analyses:
        stream.write(json.dumps(analysis.to_dict(include_text=options.get("include_text", False),
                                                 reasons=options.get("why", False)), ensure_ascii=False))
        stream.write("\n")
        stream.flush()


@renderer("json")
def render_json(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    documents = [analysis.to_dict(include_text=options.get("include_text", True), reasons=options.get("why", False))
                 for analysis in analyses]
    json.dump(documents, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


@renderer("table")
def render_table(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # piped output is read in files and pagers: wide enough for the short columns to stay on one line
    width = options.get("width") or (None if stream.isatty() else PIPED_WIDTH)
    console = Console(file=stream, width=width, soft_wrap=False)
    for analysis in analyses:
        doc = analysis.document
        date = f"{doc.date} ({doc.date_source})" if doc.date else "no date"
        title = Text(visible(doc.id), style="bold")
        title.append(f"  {doc.lang or '?'} · {date} · {len(analysis.claims)} claim{'' if len(analysis.claims) == 1 else 's'}", style="dim")
        table = Table(title=title, title_justify="left", show_lines=False, expand=False)
        for column, justify in (("value", "right"), ("category", "left"), ("side", "left"), ("scope", "left"),
                                ("as_of", "left"), ("source", "left"), ("verdict", "left")):
            table.add_column(column, justify=justify, no_wrap=True)
        table.add_column("evidence", overflow="fold", ratio=1)
        for claim in analysis.claims:
            value = format_value(claim.value, doc.lang or "en")
            if claim.value_max is not None:
                value += f"–{format_value(claim.value_max, doc.lang or 'en')}"
            qualifier = "" if claim.qualifier in ("exact", "range") else f"{claim.qualifier} "
            scope = claim.scope + (f"/{claim.period}" if claim.period else "")
            verdict = Text(claim.check.verdict, style=VERDICT_STYLES.get(claim.check.verdict, "")) if claim.check else Text("")
            evidence = claim.text.replace("\n", " ") + (" [caption]" if claim.caption else "")
            table.add_row(qualifier + value, claim.category, claim.side, scope, claim.as_of or "", claim.source,
                          verdict, Text(visible(evidence)))
        console.print(table)
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
            read = f" «{text[reason.start:reason.end]}»" if reason.start is not None and reason.end is not None else ""
            console.print(Text(visible(f"  {reason.field} = {reason.value}: {reason.rule}{read}")))
    for rejected in analysis.rejected:
        console.print(Text(visible(f"rejected {format_value(rejected.value)} «{text[rejected.start:rejected.end]}»: "
                                   f"{rejected.reason}"), style="dim"))


@renderer("csv")
def render_csv(analyses: Iterable[Analysis], stream: IO[str], **options: Any) -> None:
    """One row per claim, in the columns of `bilan export --what claims` (bilan.storage.CLAIM_SHEET)."""
    from bilan.storage import analysis_sheet, csv_chunks

    for chunk in csv_chunks(analysis_sheet(analyses)):
        stream.write(chunk.decode("utf-8"))
        stream.flush()  # a long batch shows its rows as they come
