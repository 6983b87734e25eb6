"""The whole analysis of one document: clean, extract, date, check, then the analysers."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from bilan import hooks
from bilan.claims import explain_claims
from bilan.cleaning import clean
from bilan.model import Analysis, Claim, Document
from bilan.reading import detect_language
from bilan.record import Record

log = logging.getLogger(__name__)


def analyse(
    document: Document,
    *,
    record: Record | None = None,
    include_captions: bool = False,
    explain: str = "en",
    analysers: bool = True,
) -> Analysis:
    """Analyse a document: its claims (checked when a record is given) and every analyser's output.

    The cascade: cleaning marks what is not the article's prose (captions, banners, repeats);
    claims are extracted from the rest; a document without a date gets one inferred from
    its cumulative figures when a record is given (its claims are then extracted again, so
    that "en mai" and "lundi" resolve against that date); every claim is checked against
    the record; then each registered analyser (entities, rhetoric, ...) runs.
    The document passed in is not modified. Raises BilanError for a date that is not
    YYYY-MM or YYYY-MM-DD (a trailing ISO time is dropped), as reading does.
    """
    if document.date is not None:
        from bilan.reading import parse_date

        checked = parse_date(str(document.date), f"document {document.id!r}: date")
        if checked != document.date:
            document = replace(document, date=checked)
    if document.lang is None:
        document = replace(document, lang=detect_language(document.text[document.body_start :]))
    if document.date is None:
        dateline = dateline_date(document)
        if dateline is not None:
            document = replace(document, date=dateline, date_source="text")
    cleaned = clean(document)
    extraction = explain_claims(document, cleaned, include_captions=include_captions, record=record)
    date_window: tuple[str, str] | None = None
    if record is not None:
        from bilan.checking import check_claims, headline_end, infer_date

        if document.date is None:
            inferred = infer_date(extraction.claims, record, bounds=_text_bounds(document))
            if inferred is not None:
                document = replace(document, date=inferred.date, date_source="inferred_from_figures")
                date_window = (inferred.first, inferred.last)
                extraction = explain_claims(document, cleaned, include_captions=include_captions, record=record)  # cleaning holds
        check_claims(
            extraction.claims,
            record,
            document_date=document.date,
            explain=explain,
            date_inferred=document.date_source == "inferred_from_figures",
            head_end=headline_end(document.text, document.body_start),
        )
    if log.isEnabledFor(logging.DEBUG):
        _log_decisions(document, cleaned, extraction.claims)
    analysis = Analysis(
        document=document,
        claims=extraction.claims,
        marks=cleaned.marks,
        date_window=date_window,
        rejected=extraction.rejected,
        record=record.describe() if record is not None else None,
    )
    if analysers:
        hooks.load_plugins()
        for name, analyser in hooks.analysers.items():
            analysis.extras[name] = analyser(document, cleaned)
    return analysis


def _log_decisions(document: Document, cleaned: Any, claims: list[Claim]) -> None:
    """What each stage decided, for `BILAN_LOG=debug`."""
    log.debug(
        "%s: lang %s, date %s (%s), %d marks (%s)",
        document.id,
        document.lang,
        document.date,
        document.date_source,
        len(cleaned.marks),
        ", ".join(sorted({m.kind for m in cleaned.marks})) or "none",
    )
    for claim in claims:
        check = claim.check
        log.debug(
            "%s: %d-%d %r -> %s %s %s scope=%s period=%s as_of=%s source=%s%s",
            document.id,
            claim.start,
            claim.end,
            claim.text,
            claim.value,
            claim.category,
            claim.side,
            claim.scope,
            claim.period,
            claim.as_of,
            claim.source,
            f"; {check.verdict}: {check.explanation}" if check else "; unchecked",
        )


DATELINE_WINDOW = 300  # a dateline or "Publié le" line stands in the first few lines
DATELINE = re.compile(
    r"^[^\n]{0,60}?(?P<date>[^\n]{4,30}?)\s*(?:\((?:AFP|Reuters|AP|dpa|Belga|ATS|ANSA|EFE|Ukrinform)\)\s*)?[-–—]"
    r"|(?:publié|mis à jour|published|updated)(?: le| on)?\s*:?\s*(?P<stamp>[^\n]{4,40})",
    re.IGNORECASE | re.MULTILINE,
)
# What every match of DATELINE holds: its dash, or its "publié"/"updated" word. A window with
# neither is not searched (DATELINE tried at each line start costs 250 us a window without a dash)
DATELINE_CUES = re.compile(r"[-–—]|publié|mis à jour|published|updated", re.IGNORECASE)


def dateline_date(document: Document) -> str | None:
    """The date of a dateline ("Kiev, 12 nov 2024 (AFP) -") or of a "Publié le ..." line."""
    from bilan.dating import find_dates

    start = document.body_start
    window_end = min(len(document.text), start + DATELINE_WINDOW)
    if not DATELINE_CUES.search(document.text, start, window_end):
        return None
    for match in DATELINE.finditer(document.text, start, window_end):
        group = "date" if match.group("date") else "stamp"
        for mention in find_dates(document.text, document.lang or "fr", None, match.start(group), match.end(group)):
            if mention.kind == "explicit" and mention.date and len(mention.date) == 10:
                return mention.date
    return None


def _text_bounds(document: Document) -> tuple[str | None, str | None]:
    """Explicit dates in the text bound an inferred date: the article is not older than them."""
    from bilan.dating import find_dates

    dates = [
        d.date
        for d in find_dates(document.text, document.lang or "fr", None, document.body_start)
        if d.kind == "explicit" and d.date and len(d.date) == 10
    ]
    return (max(dates), None) if dates else (None, None)
