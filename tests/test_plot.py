"""Charts of the record with claims as points: SVG text, PNG files, and `bilan plot`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from synthetic_record import write_record
from typer.testing import CliRunner

from bilan.checking import check_claims
from bilan.cli import app
from bilan.model import BilanError, Claim
from bilan.record import load_record
from bilan.rendering.charts import VERDICT_COLOURS, chart_svg, draw_base, write_chart

runner = CliRunner()


@pytest.fixture
def synthetic_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BILAN_CACHE_DIR", str(tmp_path / "cache"))
    return write_record(tmp_path / "record")


def checked_claims(record) -> list[Claim]:
    claims = [
        Claim(
            value=21_000,
            category="personnel_killed",
            side="russia",
            scope="cumulative",
            start=0,
            end=1,
            text="",
            as_of="2022-04-25",
        ),
        Claim(
            value=30_000,
            category="personnel_killed",
            side="russia",
            scope="cumulative",
            start=0,
            end=1,
            text="",
            as_of="2022-05-02",
        ),
        Claim(
            value=205,
            category="personnel_killed",
            side="russia",
            scope="period",
            period="day",
            start=0,
            end=1,
            text="",
            as_of="2022-05-03",
        ),
    ]
    check_claims(claims, record, document_date=None)
    return claims


def test_svg_is_self_contained_and_colours_claims_by_verdict(synthetic_dir: Path) -> None:
    record = load_record(synthetic_dir)
    claims = checked_claims(record)
    assert [c.check.verdict for c in claims] == ["matches", "overstated", "misquoted"]
    svg = chart_svg(record, "personnel_killed", claims=claims)
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    # Namespaces only: nothing to fetch (no CDN, no font, no image).
    assert set(re.findall(r"https?://[^\"'\s<>)]+", svg)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert "<image" not in svg and "@import" not in svg
    for verdict in ("matches", "overstated", "misquoted"):
        assert VERDICT_COLOURS[verdict] in svg.lower()
    assert VERDICT_COLOURS["stale"] not in svg.lower()


def test_points_can_be_links(synthetic_dir: Path) -> None:
    record = load_record(synthetic_dir)
    claims = checked_claims(record)
    svg = chart_svg(record, "personnel_killed", claims=claims, links=lambda c: f"/claims/{c.value}")
    assert {'xlink:href="/claims/21000"', 'xlink:href="/claims/30000"', 'xlink:href="/claims/205"'} <= set(
        re.findall(r'xlink:href="/claims/\d+"', svg)
    )


def test_svg_is_the_same_from_run_to_run(synthetic_dir: Path) -> None:
    record = load_record(synthetic_dir)
    assert chart_svg(record, "tanks") == chart_svg(record, "tanks")


def test_date_range_and_bad_requests(synthetic_dir: Path) -> None:
    record = load_record(synthetic_dir)
    narrow = chart_svg(record, "tanks", start="2022-05-01", end="2022-05-05")
    assert len(narrow) < len(chart_svg(record, "tanks"))
    with pytest.raises(BilanError, match="no category 'personnel_wounded'"):
        chart_svg(record, "personnel_wounded")
    with pytest.raises(BilanError, match="before --from"):
        chart_svg(record, "tanks", start="2022-05-05", end="2022-05-01")
    with pytest.raises(BilanError, match="no tanks figure between"):
        chart_svg(record, "tanks", start="2023-01-01", end="2023-02-01")
    with pytest.raises(BilanError, match=r"\.svg or \.png"):
        write_chart(synthetic_dir / "chart.pdf", record, "tanks")


def test_png_is_written(synthetic_dir: Path, tmp_path: Path) -> None:
    record = load_record(synthetic_dir)
    path = tmp_path / "tanks.png"
    assert write_chart(path, record, "tanks", claims=checked_claims(record), lang="fr") == 0  # no tank claims
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_command_writes_the_chart(synthetic_dir: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.svg"
    result = runner.invoke(
        app, ["plot", "armoured_vehicles", "--from", "2022-05", "-o", str(output), "--record", str(synthetic_dir)]
    )
    assert result.exit_code == 0, result.output
    assert output.read_text().startswith("<svg")


def test_plot_command_usage_errors(synthetic_dir: Path, tmp_path: Path) -> None:
    bad_category = runner.invoke(app, ["plot", "chars", "-o", str(tmp_path / "x.svg"), "--record", str(synthetic_dir)])
    assert bad_category.exit_code == 2
    bad_suffix = runner.invoke(app, ["plot", "tanks", "-o", str(tmp_path / "x.gif"), "--record", str(synthetic_dir)])
    assert bad_suffix.exit_code == 2
    no_record = runner.invoke(app, ["plot", "tanks", "-o", str(tmp_path / "x.svg"), "--record", str(tmp_path / "none")])
    assert no_record.exit_code == 1
    assert "no such record directory" in no_record.stderr and "Traceback" not in no_record.output


def test_plot_command_draws_an_articles_claims(
    seeds_dir: Path, reference_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BILAN_CACHE_DIR", str(tmp_path / "cache"))
    output = tmp_path / "seed.svg"
    seed = next(seeds_dir.glob("001_*.txt"))
    result = runner.invoke(
        app,
        [
            "plot",
            "personnel_casualties",
            str(seed),
            "--from",
            "2024-04",
            "--to",
            "2024-12",
            "-o",
            str(output),
            "--record",
            str(reference_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    drawn = int(re.search(r"\((\d+) claims drawn\)", result.stdout).group(1))
    assert drawn >= 3  # 710 000, 1 770, 1 950, 1 730 ... as the extraction finds them
    assert VERDICT_COLOURS["misquoted"] in output.read_text().lower()  # "1 730 en mai"


def test_plot_command_draws_oryx(reference_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILAN_CACHE_DIR", str(tmp_path / "cache"))
    output = tmp_path / "oryx.png"
    result = runner.invoke(
        app,
        [
            "plot",
            "tanks",
            "--series",
            "oryx",
            "--from",
            "2023-01",
            "--to",
            "2023-03",
            "-o",
            str(output),
            "--record",
            str(reference_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    assert output.read_bytes()[:4] == b"\x89PNG"


def test_claims_are_placed_where_they_belong(synthetic_dir: Path) -> None:
    from datetime import date

    from bilan.rendering.charts import place_claims

    def claim(value: int, **fields) -> Claim:
        base = {"category": "personnel_killed", "side": "russia", "scope": "cumulative", "as_of": "2022-05-02"}
        return Claim(value=value, start=0, end=1, text="", **{**base, **fields})

    month = claim(1, as_of="2022-05")
    day = claim(2, category="personnel_casualties", scope="period", period="day")
    shown = [month, day]
    hidden = [
        claim(3, scope="event"),
        claim(4, scope="period", period="week"),
        claim(5, side="ukraine"),
        claim(6, scope="period", period="month", as_of="2022-05"),
        claim(7, category="tanks"),
    ]
    placed = place_claims(shown + hidden, "personnel_casualties", "russia", date(2022, 4, 20), date(2022, 5, 19))
    assert [p.claim for p in placed] == shown
    # A month-dated claim is drawn over its month (within the chart's dates), not at its middle.
    assert (placed[0].panel, placed[0].start, placed[0].end) == ("cumulative", date(2022, 5, 1), date(2022, 5, 19))
    assert (placed[1].panel, placed[1].start, placed[1].end) == ("daily", date(2022, 5, 2), date(2022, 5, 2))
    record = load_record(synthetic_dir)
    check_claims(shown + hidden, record, document_date=None)
    svg = chart_svg(record, "personnel_killed", claims=shown + hidden, links=lambda c: f"/claims/{c.value}")
    assert set(re.findall(r'xlink:href="/claims/(\d+)"', svg)) == {"1", "2"}


# ---- the record's lines drawn once (charts.ChartBases) -----------------------------------------


def _claim_at(value: int, as_of: str, **fields) -> Claim:
    return Claim(
        value=value,
        category="personnel_killed",
        side="russia",
        scope="cumulative",
        start=0,
        end=1,
        text="",
        as_of=as_of,
        **fields,
    )


def _ids_and_references(svg: str) -> tuple[list[str], set[str]]:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    ids = [e.attrib["id"] for e in root.iter() if "id" in e.attrib]
    refs = set(re.findall(r'xlink:href="#([^"]+)"', svg)) | set(re.findall(r"url\(#([^)]+)\)", svg))
    return ids, refs


def test_a_chart_over_kept_lines_is_the_chart_drawn_afresh(synthetic_dir: Path) -> None:
    from bilan.rendering.charts import ChartBases

    record = load_record(synthetic_dir)
    bases = ChartBases(record)
    some, others = checked_claims(record), [_claim_at(21_400, "2022-04-27"), _claim_at(24_000, "2022-05-09")]
    check_claims(others, record, document_date=None)
    for claims in (some, others, []):
        direct = chart_svg(record, "personnel_killed", claims=claims, links=lambda c: f"/claims/{c.value}")
        assert chart_svg(record, "personnel_killed", claims=claims, links=lambda c: f"/claims/{c.value}", bases=bases) == direct
    # 30 000 is above the line: its chart's axes are wider, its lines drawn apart.
    assert bases.drawn.computed == 2
    # Claims within the lines' range share one drawing of them; another window is another.
    bases = ChartBases(record)
    for claims in (others, others[1:], []):
        chart_svg(record, "personnel_killed", claims=claims, bases=bases)
    assert bases.drawn.computed == 1
    chart_svg(record, "personnel_killed", claims=others, start="2022-04-25", end="2022-05-10", bases=bases)
    assert bases.drawn.computed == 2


def test_a_claim_off_the_lines_widens_the_axes_as_a_direct_draw_does(synthetic_dir: Path) -> None:
    from bilan.rendering.charts import ChartBases, chart_frame, draw_base, place_claims, series_data

    record = load_record(synthetic_dir)
    data = series_data(record, "personnel_killed", None, None)
    far = _claim_at(90_000, "2022-05-02")  # far above the line, which ends near 26 500
    plain, wide = (chart_frame(data, place_claims(c, "personnel_killed", "russia", data.first, data.last)) for c in ([], [far]))
    assert plain != wide
    top_limits = draw_base(record, wide).limits[0]
    assert top_limits[2] < 20_000 and top_limits[3] > 90_000
    assert draw_base(record, plain).limits[0][3] < 90_000
    bases = ChartBases(record)
    assert chart_svg(record, "personnel_killed", claims=[far], bases=bases) == chart_svg(record, "personnel_killed", claims=[far])


def test_the_laid_over_svg_defines_each_id_once_and_every_reference(synthetic_dir: Path) -> None:
    record = load_record(synthetic_dir)
    svg = chart_svg(record, "personnel_killed", claims=checked_claims(record), links=lambda c: f"/claims/{c.value}")
    ids, refs = _ids_and_references(svg)
    assert len(ids) == len(set(ids))
    assert refs <= set(ids)
    assert svg.count("<svg") == 1 and svg.count("</svg>") == 1


def test_png_and_svg_lay_the_panels_out_alike(synthetic_dir: Path) -> None:
    from bilan.rendering.charts import build_figure, chart_frame, draw_base, place_claims, series_data

    record = load_record(synthetic_dir)
    claims = checked_claims(record)
    figure = build_figure(record, "personnel_killed", claims=claims)
    data = series_data(record, "personnel_killed", None, None)
    base = draw_base(record, chart_frame(data, place_claims(claims, "personnel_killed", "russia", data.first, data.last)))
    panels = figure.axes
    assert len(panels) == 2
    for axis, position, limits in zip(panels, base.positions, base.limits):
        assert tuple(axis.get_position().bounds) == pytest.approx(position)
        assert (*axis.get_xlim(), *axis.get_ylim()) == pytest.approx(limits)
    # The legend names the line and the verdicts drawn, as before the split.
    labels = [t.get_text() for t in panels[0].get_legend().get_texts()]
    assert labels[0] == record.series["general_staff"].label and {"matches", "overstated"} <= set(labels)


def test_bases_drawn_in_their_own_process_are_the_ones_drawn_here(synthetic_dir: Path) -> None:
    from bilan.rendering.charts import ChartBases, chart_frame, place_claims, series_data

    record = load_record(synthetic_dir)
    claims = checked_claims(record)
    data = series_data(record, "personnel_killed", None, None)
    frame = chart_frame(data, place_claims(claims, "personnel_killed", "russia", data.first, data.last))
    bases = ChartBases(record)
    assert bases.process.draw(frame) is None  # not started: drawn here
    bases.start_process()
    try:
        assert bases.process.wait(120)  # spawned, matplotlib imported there
        assert bases.process.draw(frame) == draw_base(record, frame)
        with bases.process._busy:  # drawing another: a page's base is drawn by its caller
            assert bases.process.draw(frame) is None
        assert chart_svg(record, "personnel_killed", claims=claims, bases=bases) == chart_svg(
            record, "personnel_killed", claims=claims
        )
    finally:
        bases.close()
    assert bases.process.draw(frame) is None  # closed (or dead): drawn here again
    assert chart_svg(record, "tanks", bases=bases) == chart_svg(record, "tanks")
