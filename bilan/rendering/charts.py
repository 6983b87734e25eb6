"""Charts of the record: one category's series, with the claims of articles as points.

Rendered with matplotlib's Agg and SVG canvases directly (no pyplot, no global backend
change, no network: fonts are drawn as paths in the SVG), so the HTML report can inline
`chart_svg(...)` and `bilan plot` can write SVG or PNG.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from bilan.model import BilanError, Claim
from bilan.record import ALIASES, GENERAL_STAFF, ORYX, ORYX_UKRAINE, Record, series_label

# One colour per verdict, the same reading as the terminal table's: green agrees,
# amber is out of date, red disagrees, grey cannot be checked.
VERDICT_COLOURS = {
    "matches": "#1a9850",
    "consistent": "#66bd63",
    "stale": "#fdae61",
    "ahead": "#9e4fa5",
    "misquoted": "#d73027",
    "overstated": "#a50026",
    "understated": "#f46d43",
    "unverifiable": "#969696",
    None: "#4d4d4d",  # not checked (no record)
}
SERIES_STYLE = {"colour": "#2166ac", "oryx": "#7f7f7f"}
TITLES = {
    "en": {
        "cumulative": "{category}: cumulative total",
        "daily": "daily figure (corrections honoured)",
        "oryx": "Oryx (visually confirmed)",
        "claims": "claims",
    },
    "fr": {
        "cumulative": "{category} : total cumulé",
        "daily": "chiffre quotidien (corrections comprises)",
        "oryx": "Oryx (confirmé visuellement)",
        "claims": "affirmations",
    },
}


@dataclass
class Placement:
    """Where a claim is drawn: on which panel, and over which days (one day, or its month)."""

    claim: Claim
    panel: str  # "cumulative" or "daily"
    start: date
    end: date


def place_claims(claims: Iterable[Claim], category: str, side: str, first: date, last: date) -> list[Placement]:
    """The claims a chart of `category` (losses of `side`) may show, and where.

    A claim stands at the date it claims to be of (its as_of), so that a stale figure shows
    its gap with the line; a month-dated claim spans its month. Totals to date go on the
    cumulative panel, one day's figures on the daily panel; figures of one event and
    week, month or year totals belong to neither, and another side's losses to no chart of
    this side's.
    """
    same = {category, ALIASES.get(category, category)} | {k for k, v in ALIASES.items() if v == category}
    out = []
    for claim in claims:
        if claim.category not in same or claim.side != side or claim.scope == "event":
            continue
        if claim.scope == "period" and claim.period not in (None, "day"):
            continue
        span = _claim_span(claim)
        if span is None or span[1] < first or span[0] > last:
            continue
        out.append(
            Placement(claim, "daily" if claim.scope == "period" else "cumulative", max(span[0], first), min(span[1], last))
        )
    return out


def _claim_span(claim: Claim) -> tuple[date, date] | None:
    """The days a claim is of: its as_of day or month; undated, the report it was checked against."""
    if not claim.as_of:
        if claim.check and claim.check.record_date:
            day = date.fromisoformat(claim.check.record_date)
            return day, day
        return None
    try:
        if len(claim.as_of) == 7:
            start = date.fromisoformat(claim.as_of + "-01")
            return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])
        day = date.fromisoformat(claim.as_of)
    except ValueError:
        return None
    return day, day


def _parse_bound(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        raise BilanError(f"{name} {value!r}: expected YYYY-MM-DD or YYYY-MM") from None


def build_figure(
    record: Record,
    category: str,
    *,
    claims: Iterable[Claim] = (),
    start: str | date | None = None,
    end: str | date | None = None,
    series: str = GENERAL_STAFF,
    lang: str = "en",
    links: Callable[[Claim], str | None] | None = None,
):
    """A matplotlib Figure: the cumulative series above, the daily figures below, claims as points
    (in SVG, each point a link to `links(claim)` when given)."""
    from matplotlib.figure import Figure

    found = record.series.get(series)
    if found is None:
        raise BilanError(f"no series {series!r} in the record (it has {', '.join(record.series)})")
    cat = found.categories.get(category)
    if cat is None:
        raise BilanError(f"the {series} series has no category {category!r} (it has {', '.join(found.categories)})")
    first = _parse_bound(start, "--from") or date.fromordinal(cat.ordinals[0])
    last = _parse_bound(end, "--to") or date.fromordinal(cat.ordinals[-1])
    if last < first:
        raise BilanError(f"--to {last} is before --from {first}")
    low, high = first.toordinal(), last.toordinal()
    points = [(date.fromordinal(o), v, d) for o, v, d in zip(cat.ordinals, cat.values, cat.diffs) if low <= o <= high]
    if not points:
        raise BilanError(f"the record has no {category} figure between {first} and {last}")
    words = TITLES.get(lang, TITLES["en"])

    figure = Figure(figsize=(10, 6), dpi=100, layout="constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.plot([p[0] for p in points], [p[1] for p in points], color=SERIES_STYLE["colour"], linewidth=1.4, label=found.label)
    oryx = record.series.get(ORYX if found.side == "russia" else ORYX_UKRAINE)
    oryx_cat = oryx.categories.get(category) if oryx is not None and series != oryx.name else None
    if oryx_cat is not None:
        rows = [(date.fromordinal(o), v) for o, v in zip(oryx_cat.ordinals, oryx_cat.values) if low <= o <= high]
        if rows:
            top.step(
                [r[0] for r in rows],
                [r[1] for r in rows],
                where="post",
                color=SERIES_STYLE["oryx"],
                linewidth=1,
                linestyle="--",
                label=words["oryx"],
            )
    daily = [(p[0], p[2]) for p in points if p[2] is not None]
    # One line per day (a single collection): as bars, 1,600 patches took seconds to lay out.
    bottom.vlines([d[0] for d in daily], 0, [d[1] for d in daily], color=SERIES_STYLE["colour"], alpha=0.45, linewidth=0.8)

    # One collection per panel, verdict and shape: a corpus may put thousands of claims on a chart.
    groups: dict[tuple[str, str | None, bool], tuple[list, list, list, list]] = {}
    for placed in place_claims(claims, category, found.side, first, last):
        claim = placed.claim
        verdict = claim.check.verdict if claim.check else None
        spans = placed.start != placed.end
        starts, ends, ys, urls = groups.setdefault((placed.panel, verdict, spans), ([], [], [], []))
        starts.append(placed.start)
        ends.append(placed.end + timedelta(days=1) if spans else placed.end)
        ys.append(claim.value)
        urls.append(links(claim) if links else None)
    order = {verdict: rank for rank, verdict in enumerate(VERDICT_COLOURS)}
    labelled: set[tuple[str, str | None]] = set()
    for (panel, verdict, spans), (starts, ends, ys, urls) in sorted(
        groups.items(), key=lambda g: (g[0][0], order.get(g[0][1], len(order)), g[0][2])
    ):
        axis = top if panel == "cumulative" else bottom
        colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS[None])
        label = None if (panel, verdict) in labelled else verdict or "not checked"
        labelled.add((panel, verdict))
        if spans:  # a month's figure: a bar over its month
            drawn = axis.hlines(ys, starts, ends, colors=colour, linewidth=4, alpha=0.85, zorder=5, label=label)
            if links:
                drawn.set_urls(urls)
        else:
            axis.scatter(
                starts,
                ys,
                s=42,
                color=colour,
                edgecolors="black",
                linewidths=0.6,
                zorder=5,
                urls=urls if links else None,
                label=label,
            )
    top.set_title(words["cumulative"].format(category=series_label(category)), loc="left", fontsize=11)
    bottom.set_title(words["daily"], loc="left", fontsize=10)
    for axis in (top, bottom):
        axis.grid(True, linewidth=0.3, alpha=0.6)
        axis.ticklabel_format(axis="y", style="plain", useOffset=False)
    # Legends beside the panels, never over the points.
    top.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if any(panel == "daily" for panel, _, _ in groups):
        bottom.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    if last - first < timedelta(days=3):
        bottom.set_xlim(first - timedelta(days=2), last + timedelta(days=2))
    figure.autofmt_xdate()
    return figure


def chart_svg(
    record: Record,
    category: str,
    *,
    claims: Iterable[Claim] = (),
    start: str | date | None = None,
    end: str | date | None = None,
    series: str = GENERAL_STAFF,
    lang: str = "en",
    links: Callable[[Claim], str | None] | None = None,
) -> str:
    """The chart as self-contained SVG text (fonts as paths, no external reference)."""
    import matplotlib

    figure = build_figure(record, category, claims=claims, start=start, end=end, series=series, lang=lang, links=links)
    buffer = io.StringIO()
    # A fixed hash salt and no date keep the SVG identical from run to run.
    with matplotlib.rc_context({"svg.hashsalt": "bilan", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    # Keep the <svg> element alone, so that it can be inlined in HTML as it is written to a file.
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if start != -1 and end != -1:
        text = text[:start] + text[end + len("</metadata>") :]
    return text


def warm_up() -> None:
    """Import matplotlib and draw a small figure to SVG once (fonts found and loaded), so that
    a server's first chart does not pay for it (~0.4 s CPU)."""
    import matplotlib
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1), layout="constrained")
    figure.subplots().set_title("0")
    with matplotlib.rc_context({"svg.hashsalt": "bilan", "svg.fonttype": "path"}):
        figure.savefig(io.StringIO(), format="svg", metadata={"Date": None})


CSV_COLUMNS = ("date", "kind", "measure", "value", "verdict", "as_of", "text")


def chart_rows(
    record: Record,
    category: str,
    *,
    claims: Iterable[Claim] = (),
    start: str | date | None = None,
    end: str | date | None = None,
    series: str = GENERAL_STAFF,
    **_: object,
) -> list[tuple]:
    """The chart's data in long form (`CSV_COLUMNS`): the series' cumulative and daily figures
    per report, Oryx's where the chart draws it, and each claim placed as the chart places
    it (`kind` claim; `measure` its panel; `date` the first day it is of)."""
    found = record.series.get(series)
    if found is None:
        raise BilanError(f"no series {series!r} in the record (it has {', '.join(record.series)})")
    cat = found.categories.get(category)
    if cat is None:
        raise BilanError(f"the {series} series has no category {category!r} (it has {', '.join(found.categories)})")
    first = _parse_bound(start, "--from") or date.fromordinal(cat.ordinals[0])
    last = _parse_bound(end, "--to") or date.fromordinal(cat.ordinals[-1])
    if last < first:
        raise BilanError(f"--to {last} is before --from {first}")
    low, high = first.toordinal(), last.toordinal()
    rows: list[tuple] = []
    for ordinal, value, diff in zip(cat.ordinals, cat.values, cat.diffs):
        if low <= ordinal <= high:
            day = date.fromordinal(ordinal).isoformat()
            rows.append((day, series, "cumulative", value, None, None, None))
            if diff is not None:
                rows.append((day, series, "daily", diff, None, None, None))
    oryx = record.series.get(ORYX if found.side == "russia" else ORYX_UKRAINE)
    oryx_cat = oryx.categories.get(category) if oryx is not None and series != oryx.name else None
    if oryx is not None and oryx_cat is not None:
        oryx_name = oryx.name
        rows += [
            (date.fromordinal(o).isoformat(), oryx_name, "cumulative", v, None, None, None)
            for o, v in zip(oryx_cat.ordinals, oryx_cat.values)
            if low <= o <= high
        ]
    for placed in place_claims(claims, category, found.side, first, last):
        claim = placed.claim
        rows.append(
            (
                placed.start.isoformat(),
                "claim",
                placed.panel,
                claim.value,
                claim.check.verdict if claim.check else "unchecked",
                claim.as_of,
                claim.text,
            )
        )
    return rows


def write_chart_csv(path: str | Path, record: Record, category: str, **options) -> int:
    """Write `chart_rows` as CSV; returns how many claims it holds."""
    import csv

    rows = chart_rows(record, category, **options)
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
    return sum(row[1] == "claim" for row in rows)


def write_chart(path: str | Path, record: Record, category: str, **options) -> int:
    """Write the chart as .svg or .png, or its data as .csv, chosen by the file's suffix;
    returns how many claims it draws."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_chart_csv(path, record, category, **options)
    if suffix == ".svg":
        path.write_text(chart_svg(record, category, **options), "utf-8")
    elif suffix == ".png":
        figure = build_figure(record, category, **options)
        figure.savefig(path, format="png", metadata={"Software": None})
    else:
        raise BilanError(f"{path}: the chart is written as .svg or .png (its data as .csv)")
    found = record.series[options.get("series", GENERAL_STAFF)]
    cat = found.categories[category]
    first = _parse_bound(options.get("start"), "--from") or date.fromordinal(cat.ordinals[0])
    last = _parse_bound(options.get("end"), "--to") or date.fromordinal(cat.ordinals[-1])
    return len(place_claims(options.get("claims", ()), category, found.side, first, last))
