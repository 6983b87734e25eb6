"""The record: loading and normalising, quirks, bad files, cache, update, and its commands."""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic_record import (
    APC_CORRECTION_DAY,
    GAP,
    PERSONNEL_JUMP_DAY,
    RENAME,
    TANK_DROP_DAY,
    apc,
    personnel,
    tank,
    vehicles,
    write_record,
)
from typer.testing import CliRunner

from bilan.cli import app
from bilan.dating import day_number_to_date
from bilan.model import BilanError
from bilan.record import (
    CURRENT_FILE,
    DEFAULT_SOURCES,
    add_user_series,
    day_number,
    load_record,
    load_user_series,
    resolve_record,
    update_record,
)

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own parse cache, so none sees another's."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("BILAN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def synthetic(tmp_path: Path) -> Path:
    return write_record(tmp_path / "record")


# ---------------------------------------------------------------------------- day numbers


def test_day_numbers_count_the_invasion_day_as_day_one() -> None:
    assert day_number(date(2022, 2, 24)) == 1
    assert day_number(date(2022, 12, 22)) == 302
    assert day_number_to_date(302) == "2022-12-22"  # the converse lives with the other dates
    assert day_number_to_date(day_number(date(2025, 3, 1))) == "2025-03-01"


# ---------------------------------------------------------------------------- normalising


def test_synthetic_record_loads_with_its_dates_and_categories(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.first_date == date(2022, 4, 20)
    assert record.last_date == date(2022, 5, 19)
    assert record.updated is None  # a copy not made by `bilan record update`
    categories = set(record.categories())
    assert {
        "personnel_killed",
        "personnel_casualties",
        "tanks",
        "armoured_vehicles",
        "vehicles_fuel_tanks",
        "aircraft_and_helicopters",
        "tanks_and_armoured_vehicles",
        "cruise_missiles",
    } <= categories
    assert not {"personnel_wounded", "personnel_captured"} & categories


def test_personnel_serves_killed_and_casualties(synthetic: Path) -> None:
    record = load_record(synthetic)
    day = date(2022, 4, 25)
    assert record.report("personnel_killed", day) == personnel(day) == 21_000
    assert record.report("personnel_casualties", day) == personnel(day)


def test_renamed_vehicle_columns_join_into_one_series(synthetic: Path) -> None:
    record = load_record(synthetic)
    before, after = RENAME - timedelta(days=1), RENAME
    assert record.report("vehicles_fuel_tanks", before) == 800 + 5 * 10 + 70  # military auto + fuel tank
    assert record.report("vehicles_fuel_tanks", after) == vehicles(after)
    assert record.daily("vehicles_fuel_tanks", after) == 5  # the daily figure runs across the rename


def test_sums_add_their_columns(synthetic: Path) -> None:
    record = load_record(synthetic)
    day = date(2022, 5, 2)
    assert record.report("aircraft_and_helicopters", day) == (150 + 12 // 5) + (140 + 12 // 7)
    assert record.report("tanks_and_armoured_vehicles", day) == tank(day) + apc(day)


def test_category_starting_late_has_no_earlier_figures(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.cumulative("cruise_missiles", RENAME - timedelta(days=1)) is None
    assert record.report("cruise_missiles", RENAME) == 84 + 11
    assert record.daily("cruise_missiles", RENAME) is None  # a first figure is not a daily one


def test_daily_figures_honour_corrections(synthetic: Path) -> None:
    record = load_record(synthetic)
    day_before = APC_CORRECTION_DAY - timedelta(days=1)
    assert record.report("armoured_vehicles", APC_CORRECTION_DAY) - record.report("armoured_vehicles", day_before) == -7
    assert record.daily("armoured_vehicles", APC_CORRECTION_DAY) == 3  # printed +3 = -7 - (-10)
    assert record.daily("tanks_and_armoured_vehicles", APC_CORRECTION_DAY) == 3 + tank(APC_CORRECTION_DAY) - tank(day_before)


def test_a_correction_dated_the_day_before_its_jump_is_moved(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.daily("personnel_killed", PERSONNEL_JUMP_DAY - timedelta(days=1)) == 200
    assert record.daily("personnel_killed", PERSONNEL_JUMP_DAY) == 200  # 700 - 500
    assert any("applied there" in w and str(PERSONNEL_JUMP_DAY) in w for w in record.warnings)


def test_a_fall_without_correction_is_warned_about(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.daily("tanks", TANK_DROP_DAY) < 0
    assert any("tanks total fell" in w and str(TANK_DROP_DAY) in w for w in record.warnings)
    note = record.general_staff.categories["tanks"].notes[TANK_DROP_DAY.toordinal()]
    assert note[0] == "decrease"


def test_a_missing_report_is_a_gap_not_a_zero(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.report("personnel_killed", GAP) is None
    assert record.cumulative("personnel_killed", GAP) == (GAP - timedelta(days=1), personnel(GAP - timedelta(days=1)))
    assert record.daily("personnel_killed", GAP + timedelta(days=1)) is None  # spans two days: not a daily figure
    assert any("no report on 1 date" in w for w in record.warnings)


def test_first_report_counts_from_the_invasion(reference_dir: Path) -> None:
    record = load_record(reference_dir)
    assert record.daily("personnel_killed", "2022-02-25") == 2800


def test_unknown_column_is_warned_about_not_used(synthetic: Path) -> None:
    path = synthetic / "petroivaniuk" / "russia_losses_equipment.json"
    rows = json.loads(path.read_text())
    rows[3]["laser weapon"] = 2
    path.write_text(json.dumps(rows))
    record = load_record(synthetic)
    assert any("unknown column 'laser weapon'" in w for w in record.warnings)


# ---------------------------------------------------------------------------- Oryx


def test_oryx_takes_the_latest_row_of_the_version_in_force(synthetic: Path) -> None:
    record = load_record(synthetic)
    assert record.oryx("tanks", "2022-04-30") == (date(2022, 4, 29), 315)
    # The second version's row of 2022-04-21 (999) predates its reset: ignored; the all-zero
    # style baseline of 2022-02-23 is no scrape (VERDICTS.md section 8 starts on 2022-03-19).
    assert record.oryx("tanks", "2022-04-21") is None
    assert record.oryx("tanks", "2022-05-10") == (date(2022, 5, 8), 320)
    assert record.oryx("tanks", "2022-05-16", side="ukraine") == (date(2022, 5, 8), 104)
    assert record.oryx("aircraft_and_helicopters", "2022-05-08") == (date(2022, 5, 8), 22)  # no helicopters row: 0


def test_reference_oryx_matches_the_readme(reference_dir: Path) -> None:
    record = load_record(reference_dir)
    assert record.oryx("tanks", "2023-01-05") == (date(2023, 1, 4), 1603)
    assert record.oryx("tanks", "2023-01-06") == (date(2023, 1, 6), 1607)
    assert record.oryx("tanks", "2025-07-19") == (date(2025, 7, 19), 4074)
    # No Oryx data from 2025-03-03 to 2025-03-20: the latest count before stands, with its date.
    when, _ = record.oryx("tanks", "2025-03-10")
    assert when < date(2025, 3, 3)


def test_reference_record_normalised(reference_dir: Path) -> None:
    record = load_record(reference_dir)
    assert (record.first_date, record.last_date) == (date(2022, 2, 25), date(2026, 8, 8))
    assert record.report("personnel_killed", "2022-12-22") == 100_400
    assert record.report("aircraft_and_helicopters", "2022-12-31") == 552
    assert record.report("vehicles_fuel_tanks", "2022-12-31") == 4707
    assert record.daily("personnel_killed", "2024-05-13") == 1740
    assert record.daily("personnel_killed", "2024-11-12") == 1950
    # The 2023-05-27 correction belongs to 2023-05-28: tanks printed +3, not +8 and -5.
    assert record.daily("tanks", "2023-05-28") == 3
    assert record.daily("tanks", "2023-05-27") == 3
    assert record.daily("armoured_vehicles", "2022-10-13") == 11
    assert any("2026-03-04" in w and "artillery" in w for w in record.warnings)


# ---------------------------------------------------------------------------- bad files


def test_truncated_json_is_a_clear_error(synthetic: Path) -> None:
    path = synthetic / "petroivaniuk" / "russia_losses_personnel.json"
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(BilanError, match=r"russia_losses_personnel\.json: truncated or corrupt JSON"):
        load_record(synthetic)


def test_truncated_oryx_csv_is_a_clear_error(synthetic: Path) -> None:
    path = synthetic / "scarnecchia_oryx_data" / "daily_count__v2.csv"
    path.write_text(path.read_text()[:-12])
    with pytest.raises(BilanError, match=r"daily_count__v2\.csv: line \d+ has \d+ fields"):
        load_record(synthetic)


def test_a_count_that_is_not_a_number_is_an_error(synthetic: Path) -> None:
    path = synthetic / "petroivaniuk" / "russia_losses_equipment.json"
    rows = json.loads(path.read_text())
    rows[5]["tank"] = "12O"
    path.write_text(json.dumps(rows))
    with pytest.raises(BilanError, match="'tank' is '12O', not a whole number"):
        load_record(synthetic)


def test_a_repeated_date_is_an_error(synthetic: Path) -> None:
    path = synthetic / "petroivaniuk" / "russia_losses_personnel.json"
    rows = json.loads(path.read_text())
    rows.append(dict(rows[0]))
    path.write_text(json.dumps(rows))
    with pytest.raises(BilanError, match="appears twice"):
        load_record(synthetic)


def test_a_directory_without_the_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BilanError, match="not a record directory"):
        load_record(tmp_path)
    with pytest.raises(BilanError, match="no such record directory"):
        load_record(tmp_path / "absent")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_any_bytes_in_a_record_file_load_or_fail_with_a_bilan_error(tmp_path: Path, data: bytes) -> None:
    root = write_record(tmp_path / f"fuzz-{abs(hash(data))}")
    (root / "petroivaniuk" / "russia_losses_equipment_correction.json").write_bytes(data)
    (root / "scarnecchia_oryx_data" / "daily_count__v2.csv").write_bytes(data)
    try:
        load_record(root, use_cache=False)
    except BilanError as error:
        assert "\n" not in str(error)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_user_series_text_loads_or_fails_with_a_bilan_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "series.csv"
    path.write_text("date,category,value\n" + text, encoding="utf-8")
    try:
        series = load_user_series(path)
    except BilanError as error:
        assert str(error).startswith(str(path))
    else:
        assert all(cat.ordinals == sorted(cat.ordinals) for cat in series.categories.values())


# ---------------------------------------------------------------------------- cache


def test_the_parsed_record_is_cached_and_invalidated_when_a_file_changes(synthetic: Path, private_cache: Path) -> None:
    first = load_record(synthetic)
    assert len(list(private_cache.glob("record-*.pickle"))) == 1
    again = load_record(synthetic)
    assert again.report("personnel_killed", "2022-04-25") == first.report("personnel_killed", "2022-04-25")
    path = synthetic / "petroivaniuk" / "russia_losses_personnel.json"
    rows = json.loads(path.read_text())
    rows[5]["personnel"] += 1  # same size, different content
    path.write_text(json.dumps(rows, indent=1))
    changed = load_record(synthetic)
    assert changed.report("personnel_killed", "2022-04-25") == personnel(date(2022, 4, 25)) + 1
    assert len(list(private_cache.glob("record-*.pickle"))) == 2


def test_an_unreadable_cache_is_parsed_again(synthetic: Path, private_cache: Path) -> None:
    load_record(synthetic)
    for cached in private_cache.glob("record-*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert load_record(synthetic).report("personnel_killed", "2022-04-25") == 21_000


# ---------------------------------------------------------------------------- user series


def test_user_series_load_beside_the_built_in_ones(synthetic: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "uk_mod.csv"
    csv_file.write_text("date,category,value\n2022-04-25,personnel_casualties,15000\n2022-05-10,personnel_casualties,18000\n")
    record = load_record(synthetic, user_series={"uk_mod": csv_file})
    assert record.cumulative("personnel_casualties", "2022-05-01", series="uk_mod") == (date(2022, 4, 25), 15_000)
    assert "general_staff" in record.series and "oryx" in record.series


def test_a_bad_user_series_names_its_line(tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text("date,category,value\n2022-04-25,tanks,10\n2022-04-26,chars,11\n")
    with pytest.raises(BilanError, match="line 3: unknown category 'chars'"):
        load_user_series(csv_file)


def test_add_series_keeps_it_in_the_managed_record(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "managed"
    update_record(root, from_dir=synthetic)
    csv_file = tmp_path / "uk_mod.csv"
    csv_file.write_text("date,category,value\n2022-04-25,personnel_casualties,15000\n")
    add_user_series("uk_mod", csv_file, root)
    assert "uk_mod" in load_record(root).series
    update_record(root, from_dir=synthetic)  # an update keeps the user's series
    assert "uk_mod" in load_record(root).series


# ---------------------------------------------------------------------------- resolving


def test_resolve_record_prefers_the_option_then_the_environment(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "nothing")
    monkeypatch.delenv("BILAN_RECORD", raising=False)
    assert resolve_record(None).origin == "bundled"  # nothing else: the snapshot shipped with bilan
    monkeypatch.setattr("bilan.record.bundled_snapshot", lambda: None)
    assert resolve_record(None) is None
    monkeypatch.setenv("BILAN_RECORD", str(synthetic))
    assert resolve_record(None).last_date == date(2022, 5, 19)
    with pytest.raises(BilanError):
        resolve_record(str(tmp_path / "elsewhere"))


# ---------------------------------------------------------------------------- update


class _Server:
    """A local HTTP server over a directory; `broken` paths answer 404 or bad bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.overrides: dict[str, tuple[int, bytes]] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                rel = self.path.lstrip("/")
                if rel in outer.overrides:
                    status, body = outer.overrides[rel]
                else:
                    target = outer.root / rel
                    status, body = (200, target.read_bytes()) if target.is_file() else (404, b"not found")
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def urls(self) -> dict[str, str]:
        port = self.httpd.server_address[1]
        return {
            rel: f"http://127.0.0.1:{port}/{rel}"
            for rel in [p.relative_to(self.root).as_posix() for p in sorted(self.root.rglob("*")) if p.is_file()]
        }

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(synthetic: Path):
    served = _Server(synthetic)
    yield served
    served.close()


def test_update_downloads_validates_and_swaps(server: _Server, tmp_path: Path) -> None:
    root = tmp_path / "data"
    report = update_record(root, base_urls=server.urls())
    assert report.last_date == date(2022, 5, 19)
    assert (root / CURRENT_FILE).is_file()
    record = load_record(root)
    assert record.updated is not None and record.updated.tzinfo is not None
    assert record.report("personnel_killed", "2022-04-25") == 21_000
    version = (root / CURRENT_FILE).read_text()
    update_record(root, base_urls=server.urls())
    assert (root / CURRENT_FILE).read_text() != version
    assert not (root / version).exists()  # the previous version is removed once replaced


def test_a_failed_download_keeps_the_previous_record(server: _Server, tmp_path: Path) -> None:
    root = tmp_path / "data"
    update_record(root, base_urls=server.urls())
    version = (root / CURRENT_FILE).read_text()
    server.overrides["petroivaniuk/russia_losses_equipment.json"] = (404, b"gone")
    with pytest.raises(BilanError, match=r"HTTP 404.*previous record is kept"):
        update_record(root, base_urls=server.urls())
    assert (root / CURRENT_FILE).read_text() == version
    assert sorted(p.name for p in root.iterdir()) == sorted([CURRENT_FILE, version])  # no leftover


def test_a_malformed_download_keeps_the_previous_record(server: _Server, tmp_path: Path, synthetic: Path) -> None:
    root = tmp_path / "data"
    update_record(root, base_urls=server.urls())
    version = (root / CURRENT_FILE).read_text()
    body = (synthetic / "petroivaniuk" / "russia_losses_personnel.json").read_bytes()
    server.overrides["petroivaniuk/russia_losses_personnel.json"] = (200, body[: len(body) // 2])
    with pytest.raises(BilanError, match="the new record is invalid, the previous one is kept: .*truncated"):
        update_record(root, base_urls=server.urls())
    assert (root / CURRENT_FILE).read_text() == version
    assert load_record(root).last_date == date(2022, 5, 19)


def test_an_unreachable_source_is_a_clear_error(tmp_path: Path) -> None:
    urls = {rel: "http://127.0.0.1:9/" + rel for rel in DEFAULT_SOURCES}  # port 9: nothing listens
    with pytest.raises(BilanError, match="download of http://127.0.0.1:9/.* failed"):
        update_record(tmp_path / "data", base_urls=urls, timeout=2)


def test_an_unwritable_directory_is_a_clear_error(synthetic: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    with pytest.raises(BilanError, match="cannot write the record"):
        update_record(blocked, from_dir=synthetic)


def test_default_sources_are_the_public_repositories() -> None:
    hosts = {url.split("/")[3] for url in DEFAULT_SOURCES.values()}
    assert hosts == {"PetroIvaniuk", "scarnecchia"}
    assert any("4c0224a09a4d5e2c844386a125e76166fce13c6a" in url for url in DEFAULT_SOURCES.values())
    assert any("42b87c27cc7f0f3ab07baabcc9b111b1fab83f05" in url for url in DEFAULT_SOURCES.values())


# ---------------------------------------------------------------------------- commands


def test_record_update_from_a_local_copy_and_info(synthetic: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    result = runner.invoke(app, ["record", "update", "--dir", str(root), "--from", str(synthetic)])
    assert result.exit_code == 0, result.output
    assert "reports 2022-04-20 to 2022-05-19" in result.stdout
    result = runner.invoke(app, ["record", "info", "--record", str(root)])
    assert result.exit_code == 0, result.output
    assert "reports: 2022-04-20 to 2022-05-19" in result.stdout
    assert "github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset" in result.stdout
    assert f"last update: {datetime.now().year}" in result.stdout
    assert "  tanks and armoured vehicles:" in result.stdout and "personnel (killed and wounded)" in result.stdout
    assert "warning: the record's latest report is of 2022-05-19" in result.stderr  # older than 7 days


def test_record_update_downloads_from_a_mirror(server: _Server, synthetic: Path, tmp_path: Path) -> None:
    # The mirror serves the layout's paths; a daily_count__HEAD.csv equal to a pinned one is not kept twice.
    oryx = synthetic / "scarnecchia_oryx_data"
    for rel in ("daily_count__4c0224a.csv", "daily_count__42b87c2.csv", "daily_count__a8624b4.csv"):
        shutil.copyfile(oryx / "daily_count__v1.csv", oryx / rel)
    shutil.copyfile(oryx / "daily_count__v2.csv", oryx / "daily_count__42b87c2.csv")
    shutil.copyfile(oryx / "daily_count__v2.csv", oryx / "daily_count__HEAD.csv")
    port = server.httpd.server_address[1]
    root = tmp_path / "data"
    result = runner.invoke(app, ["record", "update", "--dir", str(root), "--mirror", f"http://127.0.0.1:{port}/"])
    assert result.exit_code == 0, result.output
    assert "daily_count__HEAD.csv" not in result.stdout  # the same bytes as the pinned 42b87c2
    assert load_record(root).oryx("tanks", "2022-05-10") == (date(2022, 5, 8), 320)
    failed = runner.invoke(app, ["record", "update", "--dir", str(root), "--mirror", f"http://127.0.0.1:{port}/nothing"])
    assert failed.exit_code == 1 and "HTTP 404" in failed.stderr and "previous record is kept" in failed.stderr


def test_record_info_without_record_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bilan.record.default_record_directory", lambda: tmp_path / "nothing")
    monkeypatch.setattr("bilan.record.bundled_snapshot", lambda: None)
    result = runner.invoke(app, ["record", "info"], env={"BILAN_RECORD": ""})
    assert result.exit_code == 1
    assert "bilan record update" in result.stderr


def test_record_update_from_a_broken_copy_fails_in_one_line(synthetic: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(synthetic, broken)
    path = broken / "petroivaniuk" / "russia_losses_equipment.json"
    path.write_bytes(path.read_bytes()[:100])
    result = runner.invoke(app, ["record", "update", "--dir", str(tmp_path / "data"), "--from", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "russia_losses_equipment.json: truncated or corrupt JSON" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------------------- the bundled snapshot


def test_the_bundled_snapshot_is_the_normalised_reference(reference_dir: Path, tmp_path: Path) -> None:
    import importlib.util

    from bilan.record import bundled_snapshot, load_snapshot

    spec = importlib.util.spec_from_file_location("build_record_snapshot", ROOT / "tools" / "build_record_snapshot.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    built = tmp_path / "snapshot.json.gz"
    tool.build(reference_dir, built)
    assert built.stat().st_size < 400_000  # compact: the published files are 2.2 MB
    fresh, shipped, reference = (
        load_snapshot(built, use_cache=False),
        load_snapshot(bundled_snapshot()),
        load_record(reference_dir),
    )
    assert shipped.origin == "bundled" and "bundled snapshot of 2026-08-08" in shipped.label
    for record in (fresh, shipped):
        assert (record.first_date, record.last_date) == (reference.first_date, reference.last_date)
        for name, series in reference.series.items():
            assert series.coverage == record.series[name].coverage
            for category, cat in series.categories.items():
                other = record.series[name].categories[category]
                assert (other.ordinals, other.values, other.diffs) == (cat.ordinals, cat.values, cat.diffs), (name, category)
    assert {s["license"] for s in shipped.sources} == {"MIT", "CC BY 4.0"}


def test_a_fresh_clone_checks_the_examples_against_the_bundled_record(tmp_path: Path) -> None:
    """No --record, no $BILAN_RECORD, no downloaded record, no ../shared: the bundled snapshot."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("BILAN_RECORD", "BILAN_SHARED")}
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        BILAN_CACHE_DIR=str(tmp_path / "cache"),
        HOME=str(tmp_path),
        COLUMNS="80",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-m", "bilan", "check", str(ROOT / "examples" / "articles"), "--explain", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "checked against the bundled snapshot of 2026-08-08" in result.stdout
    assert result.stdout.count("matches") > 50 and "Equals the General Staff total of" in result.stdout
    assert "no record to check against" not in result.stderr
    info = subprocess.run(
        [sys.executable, "-m", "bilan", "record", "info"], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120
    )
    assert "reports: 2022-02-25 to 2026-08-08" in info.stdout
    assert "PetroIvaniuk" in info.stdout and "(licence: MIT)" in info.stdout and "(licence: CC BY 4.0)" in info.stdout
    assert "personnel (killed and wounded): 1,456,610 on 2026-08-08" in info.stdout


def test_record_show_json_writes_control_and_bidi_characters_as_escapes(
    reference_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bilan.record

    hostile = "\u202e\x9b\u2028"
    monkeypatch.setattr(bilan.record, "series_label", lambda category: f"{category}{hostile}")
    shown = runner.invoke(app, ["record", "show", "2024-11-30", "mlrs", "--format", "json", "--record", str(reference_dir)])
    assert shown.exit_code == 0, shown.stderr
    assert not any(char in shown.stdout for char in hostile)
    assert all(escape in shown.stdout for escape in ("\\u202e", "\\u009b", "\\u2028"))
    assert json.loads(shown.stdout)["rows"][0]["label"] == f"mlrs{hostile}"  # the same data


def test_record_show_prints_the_row_of_a_date(reference_dir: Path) -> None:
    result = runner.invoke(app, ["record", "show", "2024-11-11", "--record", str(reference_dir)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 3}
    # shared/reference README, section 3: 710,660 (+1,770) on 2024-11-11.
    assert "710,660" in lines["personnel (killed and wounded)"] and "+1,770" in lines["personnel (killed and wounded)"]
    assert "3,549 (2024-11-11)" in lines["tanks"]  # Oryx beside
    shown = runner.invoke(app, ["record", "show", "2024-11-30", "mlrs", "--format", "json", "--record", str(reference_dir)])
    row = json.loads(shown.stdout)["rows"][0]
    # MRL fell on 2024-11-30 with a correction (README): the printed figure is the change minus it.
    assert row["category"] == "mlrs" and row["correction"] and row["daily"] == row["change"] - row["correction"] >= 0
    bad = runner.invoke(app, ["record", "show", "2030-01-01", "--record", str(reference_dir)])
    assert bad.exit_code == 1 and "outside the record" in bad.stderr
    unknown = runner.invoke(app, ["record", "show", "2024-11-11", "tankz", "--record", str(reference_dir)])
    assert unknown.exit_code == 1 and "unknown category tankz" in unknown.stderr


def test_a_claim_dated_after_the_last_report_is_unverifiable(reference_dir: Path) -> None:
    from bilan.checking import check_claim
    from bilan.model import Claim

    record = load_record(reference_dir)
    late = Claim(
        value=1_456_610,
        category="personnel_casualties",
        side="russia",
        scope="cumulative",
        start=0,
        end=1,
        text="",
        as_of="2026-08-09",
        source="ukraine_general_staff",
    )
    check = check_claim(late, record, document_date=None)
    assert check.verdict == "unverifiable" and "The record ends on 8 August 2026" in check.explanation


# ---------------------------------------------------------------------------- the record on the web


@pytest.fixture(scope="module")
def record_client(reference_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    from fastapi.testclient import TestClient
    from test_web import build_corpus, calm_analysis

    from bilan.web import create_app

    path = tmp_path_factory.mktemp("web-record") / "corpus.duckdb"
    build_corpus(path, [calm_analysis()])
    return TestClient(create_app(path, record=load_record(reference_dir)))


def test_the_record_of_a_date_on_the_web(record_client) -> None:
    answer = record_client.get("/api/record/2024-11-11")
    assert answer.status_code == 200
    body = answer.json()
    assert body["record"]["last_date"] == "2026-08-08"
    personnel = next(r for r in body["rows"] if r["category"] == "personnel_casualties")
    assert (personnel["total"], personnel["daily"], personnel["label"]) == (710_660, 1_770, "personnel (killed and wounded)")
    page = record_client.get("/record/2024-11-11")
    assert page.status_code == 200 and "personnel (killed and wounded)" in page.text and "+1770" in page.text
    assert record_client.get("/api/record/2030-01-01").status_code == 404
    assert record_client.get("/record/2024-13-45").status_code == 404
    assert record_client.get("/api/record/tanks").status_code == 200  # the category's claims, as before


UNDATED = "Selon l'état-major ukrainien, 710 660 soldats russes ont été tués ou blessés depuis le début de l'invasion.\n"


def test_check_takes_a_publication_date(record_client) -> None:
    dated = record_client.post("/api/check", json={"text": UNDATED, "date": "2024-11-11"})
    assert dated.status_code == 200, dated.text
    document = dated.json()
    assert (document["date"], document["date_source"]) == ("2024-11-11", "option")
    check = document["claims"][0]["check"]
    assert (check["verdict"], check["record_date"]) == ("matches", "2024-11-11") and "inferred" not in check["explanation"]
    later = record_client.post("/api/check", json={"text": UNDATED, "date": "2025-03-01"}).json()
    assert later["claims"][0]["check"]["verdict"] == "stale"
    inferred = record_client.post("/api/check", json={"text": UNDATED}).json()
    assert inferred["date_source"] == "inferred_from_figures"
    assert "inferred from the article's figures" in inferred["claims"][0]["check"]["explanation"]
    assert record_client.post("/api/check", json={"text": UNDATED, "date": "11/11/2024"}).status_code == 422
    token = re.search(r'name="csrf" value="([^"]+)"', record_client.get("/check").text).group(1)
    form = record_client.post("/check", data={"text": UNDATED, "url": "", "date": "2025-03-01", "csrf": token})
    assert form.status_code == 200 and "stale" in form.text
