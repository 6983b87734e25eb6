"""The self-contained HTML report of one analysed article.

`render_report(analysis)` returns one HTML file that opens from disk with no network:
styles, script, data, charts and map are all inline, and a Content-Security-Policy
forbids every fetch, so a report that tried to load anything would show it as an error.
The web app (`bilan.web`) renders the same body inside its own pages.

All article text and metadata go through Jinja2's autoescaping; the only markup passed
through unescaped is the SVG that `bilan.rendering.charts` and `bilan.rendering.maps`
generate, and the project's own CSS and script.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from bilan.model import (
    VERDICTS,
    Analysis,
    BilanError,
    Claim,
    Entity,
    Mark,
    RhetoricSpan,
)
from bilan.visible import visible

# Labels shown to readers; the keys are the contract's values (CLAIMS.md).
VERDICT_LABELS = {
    "matches": "matches the record",
    "consistent": "consistent with the record",
    "stale": "stale (an older report's figure)",
    "ahead": "ahead (a later report's figure)",
    "misquoted": "misquoted",
    "overstated": "overstated",
    "understated": "understated",
    "unverifiable": "unverifiable against the record",
    "unchecked": "not checked (no record)",
}
DATE_SOURCE_LABELS = {
    "metadata": "from the article's metadata",
    "text": "from a date in the text",
    "inferred_from_figures": "inferred from its figures (the reports they match)",
    "option": "given on the command line",
    None: "unknown",
}
ENTITY_TYPES = ("person", "organisation", "unit", "weapon", "place")
MARK_LABELS = {
    "caption": "photo caption",
    "credit": "photo credit",
    "cookie_banner": "cookie banner",
    "navigation": "navigation",
    "related": "related-article link",
    "teaser": "teaser",
    "byline": "byline",
    "repeat": "repeated paragraph",
}


@dataclass
class Segment:
    """A run of article text under one set of annotations (spans may overlap, runs do not)."""

    text: str
    claim: int | None = None  # index into the report's claims
    claim_first: bool = False  # the run where that claim starts: it carries the anchor
    claim_last: bool = False  # the run where it ends: its number follows it
    techniques: tuple[str, ...] = ()
    entity: str | None = None  # entity type
    mark: str | None = None  # cleaning mark kind


@dataclass
class ClaimRow:
    """A claim with what the report shows about it."""

    index: int
    claim: Claim
    verdict: str
    explanation: str
    tooltip: str


@dataclass
class ChartView:
    """One category's chart: inline SVG (report), an image URL (web), or why there is none."""

    category: str
    svg: Markup | None = None
    src: str | None = None
    note: str | None = None


ChartSource = Callable[[str], str]


@dataclass
class ReportPage:
    """Everything the report body template needs, computed once."""

    analysis: Analysis
    article_html: Markup
    rows: list[ClaimRow]
    verdict_counts: list[tuple[str, int]]
    charts: list[ChartView]
    chart_note: str | None
    map_svg: Markup | None
    places: list[dict[str, Any]]
    entity_groups: dict[str, list[dict[str, Any]]]
    technique_counts: list[tuple[str, int]]
    rhetoric_summary: dict[str, Any]
    data: dict[str, Any]
    article_url: str | None = None


def verdict_of(claim: Claim) -> str:
    return claim.check.verdict if claim.check and claim.check.verdict in VERDICTS else "unchecked"


def _group_digits(value: int | None) -> str:
    """1 740 rather than 1740: the way the articles and the General Staff print figures."""
    return "" if value is None else f"{value:,}".replace(",", "\u202f")


def _breakable_term(value: object) -> Markup:
    """personnel_casualties may wrap after its underscores, never inside a word: a narrow
    table column then reads "personnel_ / casualties", not "personnel_c / asualties"."""
    return Markup("_<wbr>").join(escape(part) for part in str(value).split("_"))


def claim_tooltip(claim: Claim) -> str:
    """The hover text of a highlighted figure: verdict, record value and explanation."""
    verdict = verdict_of(claim)
    lines = [f"{_group_digits(claim.value)} · {claim.category} · {VERDICT_LABELS[verdict]}"]
    check = claim.check
    if check and check.record_value is not None:
        lines.append(f"Record: {_group_digits(check.record_value)} on {check.record_date}")
    if check and check.explanation:
        lines.append(check.explanation)
    return "\n".join(lines)


def annotate_text(
    text: str,
    claims: list[Claim],
    *,
    start: int = 0,
    rhetoric: Sequence[RhetoricSpan] = (),
    entities: Sequence[Entity] = (),
    marks: Sequence[Mark] = (),
) -> list[Segment]:
    """Cut `text[start:]` into runs at every span boundary, each with the spans covering it.

    Offsets are those of the document's full text (CLAIMS.md), so the runs put together
    give back `text[start:]` exactly. Overlapping claims keep the first one listed.
    """
    end = len(text)
    start = min(start, end)

    def clip(a: int, b: int) -> tuple[int, int] | None:
        a, b = max(a, start), min(b, end)
        return (a, b) if a < b else None

    spans: list[tuple[int, int, str, Any]] = []
    for index, claim in enumerate(claims):
        if ab := clip(claim.start, claim.end):
            spans.append((*ab, "claim", index))
    for span in rhetoric:
        if ab := clip(span.start, span.end):
            spans.append((*ab, "technique", span.technique))
    for entity in entities:
        if ab := clip(entity.start, entity.end):
            spans.append((*ab, "entity", entity.type))
    for mark in marks:
        if ab := clip(mark.start, mark.end):
            spans.append((*ab, "mark", mark.kind))

    cuts = sorted({start, end, *(s[0] for s in spans), *(s[1] for s in spans)})
    # Spans opened at each cut, so a sweep keeps the covering set without rescanning.
    opening: dict[int, list[tuple[int, str, Any]]] = defaultdict(list)
    for a, b, kind, value in spans:
        opening[a].append((b, kind, value))
    active: list[tuple[int, str, Any]] = []
    segments: list[Segment] = []
    seen_claims: set[int] = set()
    for left, right in pairwise(cuts):
        active = [s for s in active if s[0] > left] + opening.get(left, [])
        claim_ids = [v for _, k, v in active if k == "claim"]
        claim_index = min(claim_ids) if claim_ids else None
        segments.append(
            Segment(
                text=text[left:right],
                claim=claim_index,
                claim_first=claim_index is not None and claim_index not in seen_claims,
                techniques=tuple(sorted({v for _, k, v in active if k == "technique"})),
                entity=next((v for _, k, v in active if k == "entity"), None),
                mark=next((v for _, k, v in active if k == "mark"), None),
            )
        )
        if claim_index is not None:
            seen_claims.add(claim_index)
    last_seen: set[int] = set()
    for segment in reversed(segments):
        if segment.claim is not None and segment.claim not in last_seen:
            segment.claim_last = True
            last_seen.add(segment.claim)
    return segments


def segments_html(segments: list[Segment], rows: list[ClaimRow]) -> Markup:
    """The article as HTML: every run escaped, wrapped in the elements of its spans.

    Built with `Markup.format`, which escapes every argument, rather than in the template:
    the text sits in a `white-space: pre-wrap` block, where template whitespace would show.
    """
    parts: list[Markup] = []
    for segment in segments:
        html = escape(visible(segment.text, keep="\t\n\r"))  # an override in the article is shown, not obeyed
        if segment.entity:
            html = Markup('<span class="ent ent-{}">{}</span>').format(segment.entity, html)
        if segment.techniques:
            html = Markup('<span class="rh" data-techniques="{}" title="{}">{}</span>').format(
                " ".join(segment.techniques), "Loaded language: " + ", ".join(segment.techniques), html
            )
        if segment.claim is not None:
            row = rows[segment.claim]
            anchor = Markup(' id="claim-{}" tabindex="0"').format(row.index) if segment.claim_first else ""
            html = Markup('<mark class="claim v-{}{}" data-claim="{}"{} title="{}">{}</mark>').format(
                row.verdict, " first" if segment.claim_first else "", row.index, anchor, row.tooltip, html
            )
            if segment.claim_last:
                html += Markup('<sup class="claim-ref" aria-hidden="true">{}</sup>').format(row.index + 1)
        if segment.mark:
            html = Markup('<span class="set-aside" data-kind="{}" title="Set aside: {}">{}</span>').format(
                segment.mark, MARK_LABELS.get(segment.mark, segment.mark), html
            )
        parts.append(html)
    return Markup("").join(parts)


def _entity_groups(entities: list[Entity]) -> dict[str, list[dict[str, Any]]]:
    """People, organisations, units, weapons and places, each name once with its mentions."""
    groups: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in ENTITY_TYPES}
    for entity in entities:
        bucket = groups.setdefault(entity.type, {})
        row = bucket.setdefault(
            entity.name,
            {
                "name": entity.name,
                "mentions": 0,
                "forms": set(),
                "role": None,
                "subtype": None,
                "region": entity.region,
                "country": entity.country,
            },
        )
        row["mentions"] += 1
        row["forms"].add(entity.text)
        row["role"] = row["role"] or entity.role
        row["subtype"] = row["subtype"] or entity.subtype
    return {
        kind: sorted(
            ({**row, "forms": sorted(row["forms"] - {row["name"]})} for row in bucket.values()),
            key=lambda r: (-r["mentions"], r["name"]),
        )
        for kind, bucket in groups.items()
        if bucket
    }


def _rhetoric_parts(analysis: Analysis) -> tuple[list[RhetoricSpan], dict[str, Any]]:
    report = analysis.extras.get("rhetoric")
    if report is None:
        return [], {}
    spans = list(getattr(report, "spans", []) or [])
    summary = {}
    for name in ("tone", "genre", "genre_reasons"):
        value = getattr(report, name, None)
        if value not in (None, "", []):
            summary[name] = value
    return spans, summary


# Days of the record shown on each side of the article's dates: enough to see a stale
# figure's report and the trend around the article, few enough to read single days.
CHART_MARGIN_DAYS = 120


def chart_window(analysis: Analysis) -> tuple[date, date] | None:
    """The span of the record worth drawing for this article: its date, its claims' dates
    and the reports they were checked against, with `CHART_MARGIN_DAYS` around them, widened
    to whole months (so that the articles of the same months share one drawing of the
    record's lines: `charts.ChartBases`)."""
    found: list[date] = []
    values = [analysis.document.date] + [c.as_of for c in analysis.claims]
    values += [c.check.record_date for c in analysis.claims if c.check]
    for value in values:
        if not value:
            continue
        try:
            found.append(date.fromisoformat(value if len(value) == 10 else value[:7] + "-01"))
        except ValueError:
            continue
    if not found:
        return None
    margin = timedelta(days=CHART_MARGIN_DAYS)
    first, last = min(found) - margin, max(found) + margin
    return first.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def article_chart_svg(analysis: Analysis, category: str, record: Any, bases: Any = None) -> str:
    """The record's series of `category` around the article, its claims as points by verdict
    (`bases`: a `charts.ChartBases` of `record`, which keeps the record's lines drawn).

    Raises BilanError when the record has no such series or no figure in the window.
    """
    from bilan.rendering.charts import chart_svg

    window = chart_window(analysis)
    claims = [c for c in analysis.claims if c.category == category]
    start, end = window if window else (None, None)
    return chart_svg(record, category, claims=claims, start=start, end=end, bases=bases)


def _charts(
    analysis: Analysis, record: Any, chart_src: ChartSource | None, bases: Any = None
) -> tuple[list[ChartView], str | None]:
    """One chart per category of the article's claims, inline or (web) as an image URL."""
    categories = list(dict.fromkeys(c.category for c in analysis.claims))
    if not categories:
        return [], None
    if record is None:
        return [], "No record was given: run `bilan record update` or pass --record DIR to see the General Staff's series."
    views = []
    for category in categories:
        if chart_src is not None:
            views.append(ChartView(category, src=chart_src(category)))
            continue
        try:
            views.append(ChartView(category, svg=Markup(article_chart_svg(analysis, category, record, bases))))
        except BilanError as problem:
            views.append(ChartView(category, note=str(problem)))
    return views, None


def _places(analysis: Analysis) -> tuple[Markup | None, list[dict[str, Any]]]:
    """The map of the article's places and their list, each with the figures of its sentences."""
    from bilan.rendering.maps import collect_places, map_svg

    places = collect_places([analysis])
    if not places:
        return None, []
    rows = [
        {
            "name": p.name,
            "anchor": p.anchor,
            "kind": p.kind,
            "mentions": len(p.mentions),
            "where": ", ".join(x for x in (p.region, p.country) if x and x != p.name),
            "forms": sorted({m.text for m in p.mentions} - {p.name}),
            "claims": [(c.value, c.category, verdict_of(c)) for _, c in p.claims],
            "placed": p.lat is not None and p.lon is not None,
        }
        for p in places
    ]
    return Markup(map_svg(places=places)), rows


def build_page(analysis: Analysis, *, record: Any = None, chart_src: ChartSource | None = None, bases: Any = None) -> ReportPage:
    """Compute what the report shows about `analysis` (`record`: a `bilan.record.Record`).

    `chart_src(category)` gives the URL of each chart instead of drawing it inline (the
    web app serves charts as images, so that the page does not wait for them); charts drawn
    inline take the record's lines from `bases` (a `charts.ChartBases` of `record`) when given.
    """
    document = analysis.document
    entities: list[Entity] = list(analysis.extras.get("entities") or [])
    spans, rhetoric_summary = _rhetoric_parts(analysis)
    rows = [
        ClaimRow(
            index=i,
            claim=claim,
            verdict=verdict_of(claim),
            explanation=claim.check.explanation if claim.check else "",
            tooltip=claim_tooltip(claim),
        )
        for i, claim in enumerate(analysis.claims)
    ]
    counts = Counter(r.verdict for r in rows)
    segments = annotate_text(
        document.text,
        analysis.claims,
        start=document.body_start,
        rhetoric=spans,
        entities=entities,
        marks=analysis.marks,
    )
    charts, chart_note = _charts(analysis, record, chart_src, bases)
    map_svg, places = _places(analysis)
    data = {
        "claims": [
            dict(c.to_dict(), verdict=verdict_of(c), verdict_label=VERDICT_LABELS[verdict_of(c)]) for c in analysis.claims
        ],
    }
    return ReportPage(
        analysis=analysis,
        article_html=segments_html(segments, rows),
        rows=rows,
        verdict_counts=[(v, counts[v]) for v in (*VERDICTS, "unchecked") if counts[v]],
        charts=charts,
        chart_note=chart_note,
        map_svg=map_svg,
        places=places,
        entity_groups=_entity_groups(entities),
        technique_counts=Counter(s.technique for s in spans).most_common(),
        rhetoric_summary=rhetoric_summary,
        data=data,
        article_url=document.url if document.url and document.url.startswith(("http://", "https://")) else None,
    )


@cache
def static_text(name: str) -> str:
    """The project's own CSS or script, read from the package (never from a request path)."""
    return resources.files("bilan").joinpath("static", name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*scripts: str) -> str:
    """No fetch of any kind; only the project's inline scripts (by hash) and inline styles."""
    script_src = " ".join(csp_hash(s) for s in scripts) or "'none'"
    return (
        "default-src 'none'; "
        f"script-src {script_src}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; "
        "connect-src 'none'; form-action 'self'; base-uri 'none'"
    )


def _shown_strings(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value, keep="\t\n\r")
    if isinstance(value, dict):
        return {key: _shown_strings(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shown_strings(item) for item in value]
    return value


def _to_json(value: Any) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close or open a tag; its
    strings, which the page shows as text, with their controls and overrides visible."""
    text = json.dumps(_shown_strings(value), ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _shown(value: Any) -> Any:
    """Every text a template prints (titles, links, names...) with its control and
    bidirectional characters shown, not obeyed (`bilan.visible`); markup built here (the
    article's highlighted text, script JSON) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value, keep="\t\n\r")
    return value


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bilan", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    env.filters["figure"] = _group_digits
    env.filters["script_json"] = _to_json
    env.filters["term"] = _breakable_term
    env.globals.update(
        verdict_labels=VERDICT_LABELS,
        date_source_labels=DATE_SOURCE_LABELS,
        mark_labels=MARK_LABELS,
        verdicts=VERDICTS,
    )
    return env


def render_report(analysis: Analysis, *, record: Any = None) -> str:
    """The whole report as one self-contained HTML document."""
    page = build_page(analysis, record=record)
    script = static_text("report.js")
    return (
        environment()
        .get_template("report.html")
        .render(
            page=page,
            css=Markup(static_text("bilan.css")),
            script=Markup(script),
            csp=content_security_policy(script),
        )
    )


def index_entry(analysis: Analysis, file: str) -> dict[str, Any]:
    """One article's line in the index of a directory of reports."""
    document = analysis.document
    counts: dict[str, int] = {}
    for claim in analysis.claims:
        counts[verdict_of(claim)] = counts.get(verdict_of(claim), 0) + 1
    return {
        "file": file,
        "id": document.id,
        "title": document.title or document.id,
        "outlet": document.outlet,
        "date": document.date,
        "lang": document.lang,
        "claims": len(analysis.claims),
        "verdicts": {v: counts[v] for v in (*VERDICTS, "unchecked") if v in counts},
    }


def write_report_index(entries: list[dict[str, Any]], path: Path) -> None:
    """The index page of a directory of reports (rows of `index_entry`), written atomically."""
    html = (
        environment()
        .get_template("report_index.html")
        .render(entries=entries, css=Markup(static_text("bilan.css")), csp=content_security_policy())
    )
    partial = path.with_name(path.name + ".part")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)


def write_report(analysis: Analysis, path: Path, *, record: Any = None) -> None:
    """Write the report of `analysis` to `path`, atomically (a reader never sees half a file)."""
    html = render_report(analysis, record=record)
    partial = path.with_name(path.name + ".part")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)
