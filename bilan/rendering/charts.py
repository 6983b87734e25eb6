"""Charts of the record: one category's series, with the claims of articles as points.

Rendered with matplotlib's Agg and SVG canvases directly (no pyplot, no global backend
change, no network: fonts are drawn as paths in the SVG), so the HTML report can inline
`chart_svg(...)` and `bilan plot` can write SVG or PNG.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import functools
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bilan.model import BilanError, Claim
from bilan.record import ALIASES, GENERAL_STAFF, ORYX, ORYX_UKRAINE, Record, Series, series_label

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


FIGURE_INCHES = (10, 6)
# Legends beside the panels, never over the points.
LEGEND = {"loc": "upper left", "bbox_to_anchor": (1.01, 1), "fontsize": 8, "frameon": False}
# The labels a legend of claims may hold: the layout keeps room for the widest, so that the
# record's lines are laid out and drawn once, whatever claims are laid over them.
CLAIM_LABELS = tuple(verdict or "not checked" for verdict in VERDICT_COLOURS)
# Of a panel's data: x from, x to (date ordinals), y from, y to.
Box = tuple[int, int, float, float]
Gate = Callable[[], contextlib.AbstractContextManager[Any]]


@dataclass(frozen=True)
class SeriesData:
    """The record's figures a chart of `category` draws between `first` and `last`."""

    found: Series
    category: str
    first: date
    last: date
    points: list[tuple[date, int, int | None]]  # day, total, daily figure
    oryx: list[tuple[date, int]]  # Oryx's totals, when the chart draws them
    oryx_name: str | None


def series_data(
    record: Record, category: str, start: str | date | None, end: str | date | None, series: str = GENERAL_STAFF
) -> SeriesData:
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
    oryx = record.series.get(ORYX if found.side == "russia" else ORYX_UKRAINE)
    oryx_cat = oryx.categories.get(category) if oryx is not None and series != oryx.name else None
    if oryx is None or oryx_cat is None:
        return SeriesData(found, category, first, last, points, [], None)
    oryx_rows = [(date.fromordinal(o), v) for o, v in zip(oryx_cat.ordinals, oryx_cat.values) if low <= o <= high]
    return SeriesData(found, category, first, last, points, oryx_rows, oryx.name)


@dataclass(frozen=True)
class Frame:
    """What the record-only layer of a chart shows, and so the key it is drawn once for: the
    record's lines of `category` from `first` to `last`, and per panel the extent of all the
    data drawn on it, claims' included (a claim off the lines widens the axes)."""

    category: str
    series: str
    lang: str
    first: date
    last: date
    boxes: tuple[Box | None, Box | None]  # the cumulative panel's, the daily panel's


def _extent(boxes: Iterable[Box | None]) -> Box | None:
    found = [b for b in boxes if b is not None]
    if not found:
        return None
    return min(b[0] for b in found), max(b[1] for b in found), min(b[2] for b in found), max(b[3] for b in found)


def _points_box(points: Sequence[tuple[int, float]]) -> Box | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), max(xs), min(ys), max(ys)


def chart_frame(data: SeriesData, placements: list[Placement], lang: str = "en") -> Frame:
    top = _points_box([(d.toordinal(), v) for d, v, _ in data.points] + [(d.toordinal(), v) for d, v in data.oryx])
    daily = [(d.toordinal(), diff) for d, _, diff in data.points if diff is not None]
    bottom = _points_box(daily + [(daily[0][0], 0)] if daily else [])  # the daily lines stand on 0
    boxes: dict[str, Box | None] = {"cumulative": top, "daily": bottom}
    for placed in placements:
        spans = placed.start != placed.end  # drawn to the end of its last day
        end = placed.end.toordinal() + (1 if spans else 0)
        boxes[placed.panel] = _extent(
            [boxes[placed.panel], (placed.start.toordinal(), end, placed.claim.value, placed.claim.value)]
        )
    return Frame(data.category, data.found.name, lang, data.first, data.last, (boxes["cumulative"], boxes["daily"]))


@dataclass(frozen=True)
class ChartBase:
    """A chart's record-only layer, drawn (`draw_base`): the SVG of its lines, ticks and titles,
    and where its panels are, so that claims are drawn over it in the same place."""

    frame: Frame
    svg: str
    positions: tuple[tuple[float, ...], ...]  # each panel's bounds (x, y, width, height), in fractions of the figure
    limits: tuple[tuple[float, ...], ...]  # each panel's x (matplotlib's date numbers) and y limits
    lines: tuple[tuple[str, dict[str, Any]], ...]  # the legend's entries of the lines: label, style
    side: str


def _date_number(day: date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))


def _figure():
    from matplotlib.figure import Figure

    return Figure(figsize=FIGURE_INCHES, dpi=100)


def _draw_lines(figure, data: SeriesData, frame: Frame):
    """The record's panels on `figure`, laid out and fixed there: (top, bottom, legend entries of the lines)."""
    from matplotlib.lines import Line2D

    words = TITLES.get(frame.lang, TITLES["en"])
    figure.set_layout_engine("constrained")
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    points = data.points
    lines: list[tuple[str, dict[str, Any]]] = [(data.found.label, {"color": SERIES_STYLE["colour"], "linewidth": 1.4})]
    top.plot([p[0] for p in points], [p[1] for p in points], **lines[0][1])
    if data.oryx:
        lines.append((words["oryx"], {"color": SERIES_STYLE["oryx"], "linewidth": 1, "linestyle": "--"}))
        top.step([r[0] for r in data.oryx], [r[1] for r in data.oryx], where="post", **lines[1][1])
    daily = [(p[0], p[2]) for p in points if p[2] is not None]
    # One line per day (a single collection): as bars, 1,600 patches took seconds to lay out.
    bottom.vlines([d[0] for d in daily], 0, [d[1] for d in daily], color=SERIES_STYLE["colour"], alpha=0.45, linewidth=0.8)
    for axis, box in zip((top, bottom), frame.boxes):
        if box is not None:  # the claims' extent too, as if they were drawn here
            axis.update_datalim(
                [(_date_number(date.fromordinal(box[0])), box[2]), (_date_number(date.fromordinal(box[1])), box[3])]
            )
            axis.autoscale_view()  # computed already: vlines() reads the limits to place its lines
    top.set_title(words["cumulative"].format(category=series_label(frame.category)), loc="left", fontsize=11)
    bottom.set_title(words["daily"], loc="left", fontsize=10)
    for axis in (top, bottom):
        axis.grid(True, linewidth=0.3, alpha=0.6)
        axis.ticklabel_format(axis="y", style="plain", useOffset=False)
    if frame.last - frame.first < timedelta(days=3):
        bottom.set_xlim(frame.first - timedelta(days=2), frame.last + timedelta(days=2))
    figure.autofmt_xdate()
    # Laid out with legends of every label there may be, which then go: the panels stay put.
    every = [Line2D([], [], label=label) for label in CLAIM_LABELS]
    top.legend(handles=[Line2D([], [], label=label, **style) for label, style in lines] + every, **LEGEND)
    bottom.legend(handles=every, **LEGEND)
    figure.draw_without_rendering()
    for axis in (top, bottom):
        axis.get_legend().remove()
    figure.set_layout_engine("none")
    return top, bottom, tuple(lines)


def _draw_claims(
    top,
    bottom,
    placements: list[Placement],
    lines: tuple[tuple[str, dict[str, Any]], ...],
    links: Callable[[Claim], str | None] | None,
) -> None:
    """The claims as points (a month's figure as a bar over its month) and the legends."""
    from matplotlib.lines import Line2D

    # One collection per panel, verdict and shape: a corpus may put thousands of claims on a chart.
    groups: dict[tuple[str, str | None, bool], tuple[list, list, list, list]] = {}
    for placed in placements:
        claim = placed.claim
        verdict = claim.check.verdict if claim.check else None
        spans = placed.start != placed.end
        starts, ends, ys, urls = groups.setdefault((placed.panel, verdict, spans), ([], [], [], []))
        starts.append(_date_number(placed.start))
        ends.append(_date_number(placed.end + timedelta(days=1) if spans else placed.end))
        ys.append(claim.value)
        urls.append(links(claim) if links else None)
    order = {verdict: rank for rank, verdict in enumerate(VERDICT_COLOURS)}
    labelled: set[tuple[str, str | None]] = set()
    handles: dict[str, list[Any]] = {"cumulative": [Line2D([], [], label=label, **style) for label, style in lines], "daily": []}
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
            drawn = axis.scatter(
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
        if label is not None:
            handles[panel].append(drawn)
    top.legend(handles=handles["cumulative"], **LEGEND)
    if handles["daily"]:
        bottom.legend(handles=handles["daily"], **LEGEND)


def _series_and_claims(
    record: Record,
    category: str,
    claims: Iterable[Claim],
    start: str | date | None,
    end: str | date | None,
    series: str,
) -> tuple[SeriesData, list[Placement]]:
    """The series a chart draws and where its claims fall on it; a window with no figure is an error."""
    data = series_data(record, category, start, end, series)
    if not data.points:
        raise BilanError(f"the record has no {category} figure between {data.first} and {data.last}")
    return data, place_claims(claims, category, data.found.side, data.first, data.last)


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
    (in SVG, each point a link to `links(claim)` when given); laid out as `chart_svg` lays it out."""
    data, placements = _series_and_claims(record, category, claims, start, end, series)
    figure = _figure()
    top, bottom, lines = _draw_lines(figure, data, chart_frame(data, placements, lang))
    _draw_claims(top, bottom, placements, lines, links)
    return figure


def draw_base(record: Record, frame: Frame, data: SeriesData | None = None) -> ChartBase:
    """The record-only layer of the charts of `frame` (`data`: its figures, when already read)."""
    data = data or series_data(record, frame.category, frame.first, frame.last, frame.series)
    if not data.points:
        raise BilanError(f"the record has no {frame.category} figure between {frame.first} and {frame.last}")
    figure = _figure()
    top, bottom, lines = _draw_lines(figure, data, frame)
    panels = (top, bottom)
    return ChartBase(
        frame,
        _svg(figure),
        positions=tuple(tuple(float(v) for v in axis.get_position().bounds) for axis in panels),
        limits=tuple(tuple(float(v) for v in (*axis.get_xlim(), *axis.get_ylim())) for axis in panels),
        lines=lines,
        side=data.found.side,
    )


class ChartBases:
    """The record-only layers of one record's charts, each drawn once (`size` kept, the least
    recently used out). Bound to its record: another record needs another ChartBases.

    `gate()` is entered around each drawing here, the base's and the claims' laid over it (a
    `DrawPool`'s, in the web app); `through(gate, ahead)` shares the drawn bases under another
    gate. After `start_process()`, bases are drawn in a process of their own (`DrawingProcess`)
    when it is free (those drawn `ahead` wait for it). With a `directory`, each base drawn is
    also kept there (`BaseFiles`), so that a server started again never draws it again.
    """

    def __init__(
        self, record: Record, size: int = 128, gate: Gate = contextlib.nullcontext, directory: Path | None = None
    ) -> None:
        from bilan.rendering.drawing import Once

        self.record = record
        self.gate = gate
        self.drawn: Once[ChartBase] = Once(size)
        self.process = DrawingProcess()
        self.ahead = False
        self.files = BaseFiles(directory) if directory is not None else None

    def through(self, gate: Gate, ahead: bool = False) -> ChartBases:
        shared = copy.copy(self)
        shared.gate, shared.ahead = gate, ahead
        return shared

    def start_process(self) -> None:
        self.process.start(self.record)

    def close(self) -> None:
        self.process.close()

    def get(self, frame: Frame, data: SeriesData | None = None) -> ChartBase:
        def draw() -> ChartBase:
            if self.files is None:
                return self._draw(frame, data)
            # the file's name digests the series drawn: read once, for the lookup and the keeping
            path = self.files.path(frame, data or self._data(frame))
            kept = self.files.read(path, frame)
            if kept is not None:
                return kept
            drawn = self._draw(frame, data)
            self.files.write(drawn, path)
            return drawn

        return self.drawn.get(frame, draw)

    def _draw(self, frame: Frame, data: SeriesData | None) -> ChartBase:
        drawn = self.process.draw(frame, self.ahead)
        if drawn is not None:
            return drawn
        with self.gate():
            return draw_base(self.record, frame, data)

    def _data(self, frame: Frame) -> SeriesData:
        return series_data(self.record, frame.category, frame.first, frame.last, frame.series)


class BaseFiles:
    """Drawn chart bases kept in a directory, one JSON file each, named by a digest of all
    that the drawing reads: the frame, the record's figures it draws (so another record, or
    the same one updated, is another file), this module's code and matplotlib's version.
    JSON rather than pickle: a file there is data, never code. Unreadable or foreign files
    are drawn again; the `KEEP` most recently written are kept."""

    KEEP = 256
    FORMAT = 1

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.read_count = self.written = 0  # for tests and benches

    def path(self, frame: Frame, data: SeriesData) -> Path:
        import hashlib

        import matplotlib

        digest = hashlib.blake2b(_module_digest(), digest_size=20)
        drawn = (self.FORMAT, matplotlib.__version__, frame, series_label(frame.category), data.found.label)
        digest.update(repr((drawn, data.found.side, data.points, data.oryx)).encode())
        return self.directory / f"base-{digest.hexdigest()}.json"

    def read(self, path: Path, frame: Frame) -> ChartBase | None:
        """The base kept at `path` (see `path`) for `frame`, or None."""
        import json

        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            base = ChartBase(
                frame,
                kept["svg"],
                positions=tuple(tuple(float(v) for v in panel) for panel in kept["positions"]),
                limits=tuple(tuple(float(v) for v in panel) for panel in kept["limits"]),
                lines=tuple((str(label), dict(style)) for label, style in kept["lines"]),
                side=str(kept["side"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None  # none yet, or not one of ours: drawn again
        if not base.svg.startswith("<svg"):
            return None
        self.read_count += 1
        return base

    def write(self, base: ChartBase, path: Path) -> None:
        import json
        import os
        import tempfile

        kept = {"svg": base.svg, "positions": base.positions, "limits": base.limits, "lines": base.lines, "side": base.side}
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(kept, stream)
            os.replace(temp, path)
            self.written += 1
            files = sorted(self.directory.glob("base-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in files[self.KEEP :]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a directory that cannot be written only means drawing again next time


@functools.lru_cache(maxsize=1)
def _module_digest() -> bytes:
    import hashlib

    return hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16).digest()


class DrawingProcess:
    """A spawned process that draws chart bases: their 0.2-0.35 s of CPU each is then spent on
    another core than the server's, whose GIL its pages need. Until it has started (or once it
    has died), `draw` returns None and the caller draws. It draws one at a time: a drawing
    `ahead` waits its turn, a page's is drawn by the caller rather than wait for another."""

    def __init__(self) -> None:
        import threading

        self._executor: Any = None
        self._ready: Any = None
        self._busy = threading.Lock()

    def start(self, record: Record) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_drawing, initargs=(record,)
            )
            self._ready = self._executor.submit(warm_up)

    def wait(self, timeout: float) -> bool:
        """Whether the process is up, after waiting for it at most `timeout` seconds."""
        ready = self._ready
        if ready is None:
            return False
        ready.exception(timeout)
        return ready.exception() is None

    def draw(self, frame: Frame, ahead: bool = False) -> ChartBase | None:
        from concurrent.futures.process import BrokenProcessPool

        ready = self._ready
        if ready is None or not ready.done() or ready.exception() is not None:
            return None
        if not self._busy.acquire(blocking=ahead):
            return None
        try:
            return self._executor.submit(_draw_in_process, frame).result()
        except BrokenProcessPool:
            self._ready = None
            return None
        finally:
            self._busy.release()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._ready = None


_PROCESS_RECORD: Record | None = None


def _start_drawing(record: Record) -> None:
    global _PROCESS_RECORD
    _PROCESS_RECORD = record


def _draw_in_process(frame: Frame) -> ChartBase:
    assert _PROCESS_RECORD is not None, "started by DrawingProcess"
    return draw_base(_PROCESS_RECORD, frame)


def _svg(figure, salt: str = "bilan") -> str:
    """The figure as an <svg> element alone (fonts as paths, no metadata), identical from run to run."""
    import matplotlib

    buffer = io.StringIO()
    # A fixed hash salt and no date keep the SVG identical from run to run.
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    # Keep the <svg> element alone, so that it can be inlined in HTML as it is written to a file.
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if start != -1 and end != -1:
        text = text[:start] + text[end + len("</metadata>") :]
    return text


def _claims_svg(base: ChartBase, placements: list[Placement], links: Callable[[Claim], str | None] | None) -> str:
    """The claims and legends alone, on a transparent figure whose panels are the base's."""
    figure = _figure()
    figure.patch.set_visible(False)
    panels = [figure.add_axes(position) for position in base.positions]
    _draw_claims(panels[0], panels[1], placements, base.lines, links)
    for axis, (x0, x1, y0, y1) in zip(panels, base.limits):
        axis.set_xlim(x0, x1)
        axis.set_ylim(y0, y1)
        axis.set_axis_off()
    return _svg(figure)


def _laid_over(base: str, layer: str) -> str:
    """The drawing of `layer` (an <svg> of the same size) over `base`'s, in one <svg>: its ids
    prefixed so that none is defined twice (both define the glyphs they use)."""
    body = layer[layer.index("</defs>") + len("</defs>") : layer.rindex("</svg>")]  # after the shared style
    body = body.replace(' id="', ' id="c-').replace('xlink:href="#', 'xlink:href="#c-').replace("url(#", "url(#c-")
    return base[: base.rindex("</svg>")] + body + "</svg>\n"


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
    bases: ChartBases | None = None,
) -> str:
    """The chart as self-contained SVG text (fonts as paths, no external reference): the
    record's lines (from `bases` when given, which keeps them drawn) with the claims laid over."""
    data, placements = _series_and_claims(record, category, claims, start, end, series)
    frame = chart_frame(data, placements, lang)
    if bases is None:
        base = draw_base(record, frame, data)
        return _laid_over(base.svg, _claims_svg(base, placements, links))
    base = bases.get(frame, data)  # waited for, if another thread draws it, out of the gate
    with bases.gate():
        return _laid_over(base.svg, _claims_svg(base, placements, links))


def warm_up() -> None:
    """Import matplotlib and draw a small figure to SVG once (fonts found and loaded), so that
    a server's first chart does not pay for it (~0.4 s CPU)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1, 1), layout="constrained")
    figure.subplots().set_title("0")
    _svg(figure)


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
    data = series_data(record, category, start, end, series)
    rows: list[tuple] = []
    for day, value, diff in data.points:
        rows.append((day.isoformat(), series, "cumulative", value, None, None, None))
        if diff is not None:
            rows.append((day.isoformat(), series, "daily", diff, None, None, None))
    rows += [(day.isoformat(), data.oryx_name, "cumulative", value, None, None, None) for day, value in data.oryx]
    for placed in place_claims(claims, category, data.found.side, data.first, data.last):
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
    data = series_data(record, category, options.get("start"), options.get("end"), options.get("series", GENERAL_STAFF))
    return len(place_claims(options.get("claims", ()), category, data.found.side, data.first, data.last))
