"""The offline map of the places named: SVG, HTML and PNG, and `bilan map`."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilan
from bilan.cli import app
from bilan.entities import find_entities
from bilan.model import Analysis, Claim, Document
from bilan.rendering.maps import collect_places, map_html, map_svg, write_map

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
    claim = Claim(value=1200, category="personnel_killed", side="russia", scope="period", start=start,
                  end=start + len(evidence), text=evidence, period="day")
    return Analysis(document=document, claims=[claim], extras={"entities": find_entities(document)})


def external_references(markup: str) -> list[str]:
    """Every URL in the markup except the SVG namespace declaration."""
    return [url for url in re.findall(r"(?:https?:)?//[^\s\"'<>)]+", markup) if url not in (SVG_NAMESPACE, "//www.w3.org/2000/svg")]


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
    with pytest.raises(bilan.BilanError, match="html, .svg or .png"):
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
