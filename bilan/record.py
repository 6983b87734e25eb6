"""The record: the General Staff's daily totals, Oryx's confirmed counts and user series.

`load_record(directory)` reads a directory in the layout of `shared/reference` (see its
README for every quirk handled here), normalises it into one series per claim category
(`bilan/data/record_categories.json` says which columns make which category), and caches
the parsed form so that the next load is a single unpickling. `update_record()` downloads a
fresh copy from the public sources and swaps it in only once it loads cleanly.
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import io
import json
import os
import pickle
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from bilan.model import CATEGORIES_LOSSES, BilanError

INVASION_START = date(2022, 2, 24)  # day 1, as the General Staff and the press count
GENERAL_STAFF = "general_staff"
ORYX = "oryx"
ORYX_UKRAINE = "oryx_ukraine"

PETRO_DIR = "petroivaniuk"
ORYX_DIR = "scarnecchia_oryx_data"
PERSONNEL_FILE = f"{PETRO_DIR}/russia_losses_personnel.json"
EQUIPMENT_FILE = f"{PETRO_DIR}/russia_losses_equipment.json"
CORRECTION_FILE = f"{PETRO_DIR}/russia_losses_equipment_correction.json"
ORYX_DAILY_GLOB = "daily_count__*.csv"
USER_SERIES_DIR = "user_series"
SOURCES_FILE = "SOURCES.json"  # written by `update_record`: when and from where
CURRENT_FILE = "CURRENT"  # in a managed root: the name of the version in use

# Columns known in the General Staff files; any other column is reported as a warning.
PERSONNEL_COLUMNS = frozenset({"date", "day", "personnel", "personnel*", "POW"})
EQUIPMENT_COLUMNS = frozenset(
    {
        "date",
        "day",
        "aircraft",
        "helicopter",
        "tank",
        "APC",
        "field artillery",
        "MRL",
        "military auto",
        "fuel tank",
        "drone",
        "naval ship",
        "anti-aircraft warfare",
        "special equipment",
        "mobile SRBM system",
        "vehicles and fuel tanks",
        "cruise missiles",
        "greatest losses direction",
        "submarines",
        "ground robotic systems",
    }
)
NON_COUNT_COLUMNS = frozenset({"date", "day", "personnel*", "greatest losses direction"})
# No loss count comes near a billion (the largest, personnel, is about a million): a larger
# value in a record file is corruption, and would make every check against it mislead.
MAX_COUNT = 10**9
ORYX_REQUIRED_COLUMNS = ("country", "equipment_type", "type_total", "date_recorded")
# Oryx's status columns, read as readings of their own ("1 169 destroyed"); blank when absent.
ORYX_STATUSES = ("destroyed", "damaged", "abandoned", "captured")
# The categories whose status columns are read: the only ones compared with Oryx (VERDICTS.md section 8).
ORYX_STATUS_CATEGORIES = frozenset({"tanks", "aircraft", "helicopters", "ships"})
# Rows before this date are not used: the first file's all-zero baseline of 2022-02-23 is no
# scrape (shared/reference/README.md), and VERDICTS.md section 8 starts Oryx here.
ORYX_FIRST_SCRAPE = date(2022, 3, 19)
# Readings of a General Staff category beside its own series (VERDICTS.md section 2): before
# 2022-05-01 "vehicles and fuel tanks" may be military auto + fuel tank, or either alone.
GENERAL_STAFF_READINGS = {"vehicles_fuel_tanks": {"military auto": [["military auto"]], "fuel tank": [["fuel tank"]]}}
SNAPSHOT_FILE = "record_snapshot.json.gz"  # bundled in bilan/data, built by tools/build_record_snapshot.py
SNAPSHOT_FORMAT = 1
ORYX_COUNTRIES = {"Russia": ORYX, "Ukraine": ORYX_UKRAINE}
NOTE_CORRECTION = "correction"  # the day's change includes a recount, not only the printed (+N)
NOTE_DECREASE = "decrease"  # the total fell with no correction explaining it

CACHE_FORMAT = 2  # bump when the pickled form changes without this file changing

_RAW_PETRO = "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/HEAD/data"
_RAW_ORYX = "https://raw.githubusercontent.com/scarnecchia/oryx_data"
# Target path in the record layout -> public URL. `daily_count.csv` was reset twice, so the
# versions at the commits named in shared/reference/README.md are fetched beside HEAD's.
DEFAULT_SOURCES: dict[str, str] = {
    PERSONNEL_FILE: f"{_RAW_PETRO}/russia_losses_personnel.json",
    EQUIPMENT_FILE: f"{_RAW_PETRO}/russia_losses_equipment.json",
    CORRECTION_FILE: f"{_RAW_PETRO}/russia_losses_equipment_correction.json",
    f"{ORYX_DIR}/daily_count__4c0224a.csv": f"{_RAW_ORYX}/4c0224a09a4d5e2c844386a125e76166fce13c6a/daily_count.csv",
    f"{ORYX_DIR}/daily_count__42b87c2.csv": f"{_RAW_ORYX}/42b87c27cc7f0f3ab07baabcc9b111b1fab83f05/daily_count.csv",
    f"{ORYX_DIR}/daily_count__a8624b4.csv": f"{_RAW_ORYX}/a8624b4781666b73440fba89824133cb41531a72/daily_count.csv",
    f"{ORYX_DIR}/daily_count__HEAD.csv": f"{_RAW_ORYX}/HEAD/daily_count.csv",
}
SOURCE_DESCRIPTIONS = (
    (
        "General Staff of the Armed Forces of Ukraine, daily reports, as compiled by Petro Ivaniuk "
        "(2022-Ukraine-Russia-War-Dataset)",
        "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
        "MIT",
    ),
    (
        "Oryx, visually confirmed equipment losses, as scraped by scarnecchia (oryx_data)",
        "https://github.com/scarnecchia/oryx_data",
        "CC BY 4.0",
    ),
)


# How the record's series are named to a reader: the personnel series counts all losses,
# which the press calls "killed" as often as "killed and wounded".
SERIES_LABELS = {
    "personnel_killed": "personnel (killed and wounded)",
    "personnel_casualties": "personnel (killed and wounded)",
    "armoured_vehicles": "armoured combat vehicles",
    "vehicles_fuel_tanks": "vehicles and fuel tanks",
}
# Categories that repeat another's series, left out of listings of the record.
ALIASES = {"personnel_killed": "personnel_casualties"}


def series_label(category: str) -> str:
    return SERIES_LABELS.get(category, category.replace("_", " "))


def day_number(day: date) -> int:
    """The day of the invasion: 2022-02-24 is day 1, so the report of 2022-12-22 is day 302.

    The converse, "jour 302" to its report date, is `bilan.dating.day_number_to_date`.
    """
    return (day - INVASION_START).days + 1


@lru_cache(maxsize=1)
def category_columns() -> dict[str, dict[str, list[list[str]]]]:
    """The data table: for each source, category -> alternatives of summed columns."""
    text = resources.files("bilan.data").joinpath("record_categories.json").read_text("utf-8")
    table = json.loads(text)
    table.pop("_comment", None)
    return table


@dataclass
class CategorySeries:
    """One category of one series: reports in date order (dates as ordinals)."""

    ordinals: list[int]
    values: list[int]
    # The printed daily figure of each report (difference with the previous day's report
    # minus the correction of that date); None when the previous day has no report.
    diffs: list[int | None]
    # Dates (ordinals) whose figures a reader must be warned about: (NOTE_CORRECTION, change,
    # correction) or (NOTE_DECREASE, total before, total after).
    notes: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    value_dates: dict[int, list[int]] = field(default_factory=dict)
    sorted_values: list[int] = field(default_factory=list)
    diff_dates: dict[int, list[int]] = field(default_factory=dict)
    # Running sums of the daily figures and of the reports without one, so that a period's
    # sum is two subtractions: sum of diffs[i:j] = diff_sums[j] - diff_sums[i].
    diff_sums: list[int] = field(default_factory=list)
    diff_gaps: list[int] = field(default_factory=list)

    # The first report above zero: a column's leading zeros mean "not reported" (VERDICTS.md section 2).
    first_reported: int = 0
    contiguous: bool = False  # one report on every date from the first to the last
    # What the checker reads in a window (a month's rows, its daily figures, its means) is
    # the same for every claim of that window: computed once, kept here, never pickled.
    window_cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "window_cache": {}}

    def __post_init__(self) -> None:
        self.contiguous = self.ordinals[-1] - self.ordinals[0] + 1 == len(self.ordinals)
        if not self.first_reported:
            first = next((i for i, v in enumerate(self.values) if v), len(self.values) - 1)
            self.first_reported = self.ordinals[first] if self.values[first] else self.ordinals[-1] + 1
        if not self.diff_sums:
            total = gaps = 0
            self.diff_sums, self.diff_gaps = [0], [0]
            for diff in self.diffs:
                total += diff or 0
                gaps += diff is None
                self.diff_sums.append(total)
                self.diff_gaps.append(gaps)
        if not self.value_dates:
            index: dict[int, list[int]] = defaultdict(list)
            for ordinal, value in zip(self.ordinals, self.values):
                index[value].append(ordinal)
            self.value_dates = dict(index)
            self.sorted_values = sorted(index)
            diffs: dict[int, list[int]] = defaultdict(list)
            for ordinal, diff in zip(self.ordinals, self.diffs):
                if diff is not None:
                    diffs[diff].append(ordinal)
            self.diff_dates = dict(diffs)

    def at(self, ordinal: int) -> int:
        """Index of the latest report on or before `ordinal`, or -1."""
        return bisect.bisect_right(self.ordinals, ordinal) - 1

    def span(self, low: int, high: int) -> tuple[int, int]:
        """Indexes [i, j) of the reports dated low..high."""
        return bisect.bisect_left(self.ordinals, low), bisect.bisect_right(self.ordinals, high)


@dataclass
class Series:
    """A named series of cumulative totals: the General Staff's, Oryx's, or a user's."""

    name: str
    side: str
    label: str
    categories: dict[str, CategorySeries]
    last_ordinal: int = 0  # the date of its latest figure, in any category
    # Other readings of a category (Oryx's status columns; General Staff columns that one
    # category may stand for): category -> [(reading name, series)].
    readings: dict[str, list[tuple[str, CategorySeries]]] = field(default_factory=dict)
    # Spans of dates (ordinals, inclusive) the series says anything about: Oryx's scrapes
    # (three files with a hole between them); empty means from its first to its last figure.
    coverage: list[tuple[int, int]] = field(default_factory=list)
    scrapes: list[int] = field(default_factory=list)  # Oryx: the dates the scraper ran (any row)

    def __post_init__(self) -> None:
        self.last_ordinal = max((c.ordinals[-1] for c in self.categories.values()), default=0)

    def covers(self, ordinal: int) -> bool:
        return not self.coverage or any(low <= ordinal <= high for low, high in self.coverage)


@dataclass
class Record:
    """The loaded, normalised record."""

    directory: str
    first_date: date
    last_date: date
    updated: datetime | None
    sources: list[dict[str, str]]
    series: dict[str, Series]
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    origin: str = "directory"  # "directory", "downloaded" (bilan record update) or "bundled"

    @property
    def label(self) -> str:
        """Which record, and of what date: said by every output that shows a verdict."""
        kind = {"bundled": "bundled snapshot", "downloaded": "downloaded record"}.get(self.origin, "record")
        return f"{kind} of {self.last_date}"  # where it is: `directory` (pages do not show server paths)

    def describe(self) -> dict[str, str]:
        """Which record, of what date: the `record` of every analysis in JSON."""
        return {"label": self.label, "origin": self.origin, "last_date": self.last_date.isoformat(), "location": self.directory}

    @property
    def general_staff(self) -> Series:
        return self.series[GENERAL_STAFF]

    def categories(self, series: str = GENERAL_STAFF) -> list[str]:
        return list(self.series[series].categories) if series in self.series else []

    def cumulative(self, category: str, on: date | str, series: str = GENERAL_STAFF) -> tuple[date, int] | None:
        """The latest total on or before `on`, with the date of its report."""
        found = self.series.get(series)
        cat = found.categories.get(category) if found else None
        if cat is None:
            return None
        i = cat.at(_ordinal(on))
        return (date.fromordinal(cat.ordinals[i]), cat.values[i]) if i >= 0 else None

    def report(self, category: str, on: date | str, series: str = GENERAL_STAFF) -> int | None:
        """The total of the report dated exactly `on` (None if there is none)."""
        found = self.cumulative(category, on, series)
        return found[1] if found and found[0] == _as_date(on) else None

    def daily(self, category: str, on: date | str, series: str = GENERAL_STAFF) -> int | None:
        """The daily figure printed in the report of `on`, corrections honoured."""
        cat = self.series[series].categories.get(category) if series in self.series else None
        if cat is None:
            return None
        ordinal = _ordinal(on)
        i = cat.at(ordinal)
        return cat.diffs[i] if i >= 0 and cat.ordinals[i] == ordinal else None

    def oryx(self, category: str, on: date | str, side: str = "russia") -> tuple[date, int] | None:
        """Oryx's latest count on or before `on`, with the date it was recorded."""
        return self.cumulative(category, on, ORYX if side == "russia" else ORYX_UKRAINE)


@dataclass
class RecordRow:
    """One category of the record on one date: what `bilan record show` prints."""

    category: str
    label: str
    report_date: str | None  # the report in force on the date (its own when there is one)
    total: int | None
    daily: int | None  # the printed (+N): the change minus the day's correction
    change: int | None  # the raw change since the day before
    correction: int | None
    oryx_value: int | None
    oryx_date: str | None

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def record_on(record: Record, on: date | str, categories: Iterable[str] = ()) -> list[RecordRow]:
    """Every category's total, daily figure (corrections applied) and Oryx count on a date."""
    day = _as_date(on)
    if not record.first_date <= day <= record.last_date:
        raise BilanError(f"{day}: outside the record, which runs from {record.first_date} to {record.last_date}")
    general_staff = record.general_staff
    chosen = list(categories) or [c for c in general_staff.categories if c not in ALIASES]
    unknown = [c for c in chosen if c not in general_staff.categories]
    if unknown:
        raise BilanError(
            f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown)}; "
            f"the record has {', '.join(general_staff.categories)}"
        )
    ordinal = day.toordinal()
    oryx = record.series.get(ORYX)
    rows = []
    for category in chosen:
        cat = general_staff.categories[category]
        k = cat.at(ordinal)
        total = report = daily = change = correction = None
        if k >= 0:
            total, report = cat.values[k], date.fromordinal(cat.ordinals[k]).isoformat()
            if cat.ordinals[k] == ordinal:
                daily = cat.diffs[k]
                if k > 0 and cat.ordinals[k - 1] == ordinal - 1:
                    change = cat.values[k] - cat.values[k - 1]
                    correction = change - daily if daily is not None else None
        oryx_value = oryx_date = None
        oryx_cat = oryx.categories.get(category) if oryx is not None and oryx.covers(ordinal) else None
        if oryx_cat is not None and (i := oryx_cat.at(ordinal)) >= 0:
            oryx_value, oryx_date = oryx_cat.values[i], date.fromordinal(oryx_cat.ordinals[i]).isoformat()
        rows.append(
            RecordRow(category, series_label(category), report, total, daily, change, correction or None, oryx_value, oryx_date)
        )
    return rows


# ---------------------------------------------------------------------------- helpers


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _ordinal(value: date | str) -> int:
    return _as_date(value).toordinal()


def _read_json_list(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_bytes())
    except json.JSONDecodeError as err:
        raise BilanError(
            f"{path}: truncated or corrupt JSON ({err.msg} at line {err.lineno}); run `bilan record update` to fetch a clean copy"
        ) from None
    except (UnicodeDecodeError, RecursionError):
        raise BilanError(
            f"{path}: corrupt JSON (not UTF-8 text, or nested beyond reason); run `bilan record update` to fetch a clean copy"
        ) from None
    except OSError as err:
        raise BilanError(f"{path}: cannot read ({err.strerror})") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise BilanError(f"{path}: expected a JSON list of objects, one per report date")
    return data


def _rows_by_date(path: Path, rows: list[dict], known: frozenset[str], warnings: list[str]) -> dict[date, dict[str, int]]:
    """Validate a General Staff file: ISO dates, one row each, integer counts."""
    if not rows:
        raise BilanError(f"{path}: holds no reports (an empty list): truncated download? run `bilan record update`")
    out: dict[date, dict[str, int]] = {}
    unknown: Counter[str] = Counter()
    nulls: list[tuple[date, str]] = []
    for number, row in enumerate(rows, 1):
        raw = row.get("date")
        try:
            day = date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise BilanError(f"{path}: record {number} has no valid date ({raw!r})") from None
        if day in out:
            raise BilanError(f"{path}: date {day} appears twice")
        counts: dict[str, int] = {}
        for key, value in row.items():
            if key in NON_COUNT_COLUMNS:
                continue
            if key not in known:
                unknown[key] += 1
                continue
            if value is None:
                nulls.append((day, key))
                continue  # not reported that day
            if isinstance(value, bool) or not isinstance(value, int):
                raise BilanError(f"{path}: {day} {key!r} is {value!r}, not a whole number")
            if value < 0:
                raise BilanError(f"{path}: {day} {key!r} is negative ({value})")
            if value > MAX_COUNT:
                raise BilanError(
                    f"{path}: {day} {key!r} is {value:.3g}, beyond any count (over {MAX_COUNT:.0e}): "
                    "corrupt file? run `bilan record update`"
                )
            counts[key] = value
        out[day] = counts
    if nulls:
        day, key = nulls[0]
        warnings.append(
            f"{path.name}: {len(nulls)} null count(s) (the first {day} {key!r}) read as not reported that "
            "day: checks there use the previous report"
        )
    for key, count in sorted(unknown.items()):
        warnings.append(f"{path.name}: unknown column {key!r} ({count} records) ignored: bilan does not know what it counts")
    return out


def _place_corrections(
    corrections: list[dict], columns: dict[str, dict[date, int]], path: Path, warnings: list[str]
) -> dict[date, dict[str, int]]:
    """Date each correction where it applies.

    A correction is the part of a day's change that the printed "(+N)" does not explain, so
    every printed figure it implies is >= 0. An entry whose own date would imply negative
    printed figures while the next day's would not belongs to the next day (the 2023-05-27
    entry matches the jump of the 2023-05-28 records).
    """
    placed: dict[date, dict[str, int]] = {}

    def negatives(day: date, entry: dict[str, int]) -> int:
        count = 0
        for key, corr in entry.items():
            series = columns.get(key, {})
            now, before = series.get(day), series.get(day - timedelta(days=1))
            if corr and now is not None and before is not None and now - before - corr < 0:
                count += 1
        return count

    for number, row in enumerate(corrections, 1):
        try:
            day = date.fromisoformat(row.get("date"))
        except (TypeError, ValueError):
            raise BilanError(f"{path}: correction {number} has no valid date") from None
        entry: dict[str, int] = {}
        for key, value in row.items():
            if key in ("date", "day"):
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise BilanError(f"{path}: correction of {day} {key!r} is {value!r}, not a whole number")
            if abs(value) > MAX_COUNT:
                raise BilanError(f"{path}: correction of {day} {key!r} is {value:.3g}, beyond any count: corrupt file?")
            if key not in columns and value:
                warnings.append(f"{path.name}: correction of {day} for unknown column {key!r} ignored")
                continue
            entry[key] = value
        here, after = negatives(day, entry), negatives(day + timedelta(days=1), entry)
        if here and not after:
            warnings.append(
                f"{path.name}: the correction dated {day} fits the change of {day + timedelta(days=1)} "
                "(at its own date it would imply negative daily figures) and is applied there"
            )
            day += timedelta(days=1)
        target = placed.setdefault(day, {})
        for key, value in entry.items():
            target[key] = target.get(key, 0) + value
    return placed


def _build_category(
    alternatives: list[list[str]],
    columns: Mapping[str, Mapping[date, int]],
    dates: Iterable[date],
    corrections: Mapping[date, Mapping[str, int]],
    label: str,
    first_is_since_start: date | None,
    partial: bool,
) -> tuple[CategorySeries | None, list[str]]:
    """Join the columns of one category into a series of reports with printed daily figures.

    `partial`: a missing component counts as zero (Oryx, whose change log starts a category
    only when it has one); otherwise a date lacking a column is a date without a report.
    """
    ordinals: list[int] = []
    values: list[int] = []
    used: list[int] = []  # which alternative made each report
    empty: dict[date, int] = {}
    columns_of = [[columns.get(col, empty) for col in alternative] for alternative in alternatives]
    for day in dates:
        for number, parts_of in enumerate(columns_of):
            if len(parts_of) == 1:  # most categories: one column, no sum
                value = parts_of[0].get(day)
                if value is None:
                    continue
            else:
                parts = [column.get(day) for column in parts_of]
                if not (all(p is not None for p in parts) or (partial and any(p is not None for p in parts))):
                    continue
                value = sum(p or 0 for p in parts)
            ordinals.append(day.toordinal())
            values.append(value)
            used.append(number)
            break
    if not ordinals:
        return None, []
    corrected = {day.toordinal(): entry for day, entry in corrections.items()}
    diffs: list[int | None] = []
    notes: dict[int, tuple[str, int, int]] = {}
    warnings: list[str] = []
    previous = None
    for i, ordinal in enumerate(ordinals):
        if previous == ordinal - 1:
            entry = corrected.get(ordinal)
            correction = sum(entry.get(col, 0) for col in alternatives[used[i]]) if entry else 0
            change = values[i] - values[i - 1]
            printed = change - correction
            diffs.append(printed)
            if printed < 0:
                notes[ordinal] = (NOTE_DECREASE, values[i - 1], values[i])
                warnings.append(
                    f"the {label} total fell from {values[i - 1]} to {values[i]} on "
                    f"{date.fromordinal(ordinal)} with no correction explaining it"
                )
            elif correction:
                notes[ordinal] = (NOTE_CORRECTION, change, correction)
        elif i == 0 and first_is_since_start is not None and ordinal == first_is_since_start.toordinal():
            diffs.append(values[0])  # the first report counts from the start of the invasion
        else:
            diffs.append(None)
        previous = ordinal
    return CategorySeries(ordinals, values, diffs, notes), warnings


def _read_general_staff(
    root: Path, warnings: list[str]
) -> tuple[list[date], dict[str, dict[date, int]], dict[date, dict[str, int]]]:
    """The General Staff files, validated: report dates, columns, and corrections placed."""
    personnel_path, equipment_path = root / PERSONNEL_FILE, root / EQUIPMENT_FILE
    for path in (personnel_path, equipment_path):
        if not path.is_file():
            raise BilanError(
                f"{root}: not a record directory (no {path.relative_to(root)}); run `bilan record update` or pass --record"
            )
    personnel = _rows_by_date(personnel_path, _read_json_list(personnel_path), PERSONNEL_COLUMNS, warnings)
    equipment = _rows_by_date(equipment_path, _read_json_list(equipment_path), EQUIPMENT_COLUMNS, warnings)
    dates = sorted(set(personnel) | set(equipment))
    if not dates:
        raise BilanError(f"{root}: the General Staff files hold no reports")
    columns: dict[str, dict[date, int]] = defaultdict(dict)
    for rows in (personnel, equipment):
        for day, counts in rows.items():
            for key, value in counts.items():
                columns[key][day] = value
    missing = [d for d in _calendar(dates[0], dates[-1]) if d not in personnel or d not in equipment]
    if missing:
        shown = ", ".join(str(d) for d in missing[:5]) + (" ..." if len(missing) > 5 else "")
        warnings.append(
            f"the General Staff record has no report on {len(missing)} date(s) ({shown}): checks there use the previous report"
        )
    correction_path = root / CORRECTION_FILE
    if correction_path.is_file():
        corrections = _place_corrections(_read_json_list(correction_path), columns, correction_path, warnings)
    else:
        corrections = {}
        warnings.append(f"no {CORRECTION_FILE}: daily figures on correction dates may be wrong")
    return dates, dict(columns), corrections


def _build_general_staff(
    dates: list[date],
    columns: Mapping[str, Mapping[date, int]],
    corrections: Mapping[date, Mapping[str, int]],
    warnings: list[str],
) -> Series:
    categories: dict[str, CategorySeries] = {}
    for category, alternatives in category_columns()[GENERAL_STAFF].items():
        built, notes = _build_category(alternatives, columns, dates, corrections, category, dates[0], partial=False)
        if built is not None:
            categories[category] = built
            if category not in ("personnel_casualties", "tanks_and_armoured_vehicles", "aircraft_and_helicopters"):
                warnings.extend(notes)  # sums and aliases repeat their columns' warnings
    readings: dict[str, list[tuple[str, CategorySeries]]] = {}
    for category, named in GENERAL_STAFF_READINGS.items():
        for name, alternatives in named.items():
            built, _ = _build_category(alternatives, columns, dates, corrections, name, dates[0], partial=False)
            if built is not None:
                readings.setdefault(category, []).append((name, built))
    return Series(GENERAL_STAFF, "russia", "General Staff of the Armed Forces of Ukraine", categories, readings=readings)


def _calendar(first: date, last: date) -> Iterable[date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield date.fromordinal(ordinal)


# An Oryx row: country, category, date recorded, type_total, then the ORYX_STATUSES counts.
OryxRow = tuple[str, str, date, int, int, int, int, int]


def _read_oryx_file(path: Path) -> list[OryxRow]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BilanError(f"{path}: not UTF-8 text: corrupt download?") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise BilanError(f"{path}: empty file")
    missing = [c for c in ORYX_REQUIRED_COLUMNS if c not in header]
    if missing:
        raise BilanError(f"{path}: missing column(s) {', '.join(missing)}: not an Oryx daily_count file")
    where = {c: header.index(c) for c in ORYX_REQUIRED_COLUMNS}
    statuses = [header.index(c) if c in header else None for c in ORYX_STATUSES]
    rows: list[OryxRow] = []
    for row in reader:
        if not row:
            continue
        if len(row) != len(header):
            raise BilanError(
                f"{path}: line {reader.line_num} has {len(row)} fields, not {len(header)}: truncated or corrupt file"
            )
        try:
            day = date.fromisoformat(row[where["date_recorded"]])
            total = int(row[where["type_total"]])
            counts = [int(row[i] or 0) if i is not None else 0 for i in statuses]
        except ValueError:
            raise BilanError(f"{path}: line {reader.line_num}: bad date or count: truncated or corrupt file") from None
        if not 0 <= total <= MAX_COUNT or not all(0 <= count <= MAX_COUNT for count in counts):
            raise BilanError(f"{path}: line {reader.line_num}: a count below 0 or beyond {MAX_COUNT:.0e}: corrupt file")
        rows.append((row[where["country"]], row[where["equipment_type"]].strip(), day, total, *counts))
    return rows


def _read_oryx(root: Path, warnings: list[str]) -> tuple[list[OryxRow], list[tuple[date, date]]]:
    """Join the versions of `daily_count.csv` (reset twice) into one change log.

    Each version starts where most of its categories start (the reset); it is used from
    there to the next version's start, and its rows outside that span are dropped, since
    later versions keep a few older rows. Returns the rows and the spans the scrapes cover.
    """
    files = sorted((root / ORYX_DIR).glob(ORYX_DAILY_GLOB))
    if not files:
        warnings.append("no Oryx daily counts in the record: checks carry no Oryx figure")
        return [], []
    versions = []
    for path in files:
        rows = [r for r in _read_oryx_file(path) if r[2] >= ORYX_FIRST_SCRAPE]
        if not rows:
            continue
        first_by_type: dict[tuple[str, str], date] = {}
        for row in rows:
            key = (row[0], row[1])
            first_by_type[key] = min(first_by_type.get(key, row[2]), row[2])
        start = Counter(first_by_type.values()).most_common(1)[0][0]
        versions.append((start, max(r[2] for r in rows), path.name, rows))
    versions.sort(key=lambda v: (v[0], v[1]))
    latest: dict[tuple[str, str, date], OryxRow] = {}
    spans: list[tuple[date, date]] = []
    for i, (start, _last, _, rows) in enumerate(versions):
        stop = versions[i + 1][0] if i + 1 < len(versions) else date.max
        kept = [row for row in rows if start <= row[2] < stop]
        for row in kept:
            latest[(row[0], row[1], row[2])] = row
        if kept:
            # A scrape ends with its last grand total: a few categories carry stray later rows
            # (one row of 2025-03-19 in the file whose scrapes stop on 2025-03-02).
            # Where the next version takes over, this one still covers the days up to it.
            totals = [row[2] for row in rows if row[1] == "All Types"]
            end = max(totals or [row[2] for row in rows])
            spans.append((start, min(end, stop - timedelta(days=1))))
    merged: list[tuple[date, date]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return sorted(latest.values(), key=lambda r: (r[0], r[1], r[2])), merged


def _build_oryx(rows: list[OryxRow], spans: list[tuple[date, date]]) -> list[Series]:
    if not spans:
        return []
    # country -> reading (total or a status) -> Oryx category -> date -> count
    by_country: dict[str, list[dict[str, dict[date, int]]]] = defaultdict(lambda: [defaultdict(dict) for _ in range(5)])
    for row in rows:
        country_readings = by_country[row[0]]
        for index in range(5):
            country_readings[index][row[1]][row[2]] = row[3 + index]
    coverage = [(low.toordinal(), high.toordinal()) for low, high in spans]
    scrapes = sorted({row[2].toordinal() for row in rows})
    out = []
    table = category_columns()[ORYX]
    for country, name in ORYX_COUNTRIES.items():
        kinds_by_reading = by_country.get(country)
        categories: dict[str, CategorySeries] = {}
        readings: dict[str, list[tuple[str, CategorySeries]]] = {}
        for category, alternatives in table.items():
            for index, reading in enumerate(("total", *ORYX_STATUSES)):
                if index and category not in ORYX_STATUS_CATEGORIES:
                    break
                kinds = kinds_by_reading[index] if kinds_by_reading else {}
                columns = {}
                for alternative in alternatives:
                    for component in alternative:
                        columns[component] = _oryx_component(kinds, component)
                dates = sorted({d for col in columns.values() for d in col})
                # A change log: a component's count holds until its next row.
                filled = {comp: _forward_fill(col, dates) for comp, col in columns.items()}
                built, _ = _build_category(alternatives, filled, dates, {}, category, None, partial=True)
                if built is None:
                    continue
                if index == 0:
                    categories[category] = built
                else:
                    readings.setdefault(category, []).append((reading, built))
        side = "russia" if name == ORYX else "ukraine"
        out.append(
            Series(
                name,
                side,
                f"Oryx (visually confirmed, {country})",
                categories,
                readings=readings,
                coverage=coverage,
                scrapes=scrapes,
            )
        )
    return out


def _oryx_component(kinds: Mapping[str, Mapping[date, int]], name: str) -> dict[date, int]:
    if not name.endswith("*"):
        return dict(kinds.get(name, {}))
    merged: dict[date, int] = {}
    for kind, rows in kinds.items():
        if kind.startswith(name[:-1]):
            merged.update(rows)
    return merged


def _forward_fill(column: Mapping[date, int], dates: list[date]) -> dict[date, int]:
    out: dict[date, int] = {}
    current = None
    for day in dates:
        current = column.get(day, current)
        if current is not None:
            out[day] = current
    return out


# ---------------------------------------------------------------------------- the normalised form


def read_normalised(directory: str | Path) -> tuple[dict, list[str]]:
    """The record in `directory`, validated and normalised into plain data (what the bundled
    snapshot holds): General Staff columns per report date with the corrections placed where
    they apply, and Oryx's rows from the scrape covering each date. Returns it and the warnings."""
    root = record_root(directory)
    warnings: list[str] = []
    dates, columns, corrections = _read_general_staff(root, warnings)
    rows, spans = _read_oryx(root, warnings)
    index = {day: i for i, day in enumerate(dates)}
    gs_columns = {}
    for key, column in sorted(columns.items()):
        values: list[int | None] = [None] * len(dates)
        for day, value in column.items():
            values[index[day]] = value
        gs_columns[key] = values
    data = {
        "format": SNAPSHOT_FORMAT,
        "general_staff": {"dates": [d.isoformat() for d in dates], "columns": gs_columns},
        "corrections": {d.isoformat(): {k: v for k, v in entry.items() if v} for d, entry in sorted(corrections.items())},
        "oryx": {
            "spans": [[a.isoformat(), b.isoformat()] for a, b in spans],
            "rows": [[r[0], r[1], r[2].isoformat(), *r[3:]] for r in rows],
        },
    }
    return data, warnings


def _build_normalised(data: dict, warnings: list[str]) -> tuple[dict[str, Series], date, date]:
    """Series from the normalised form (read_normalised's, or the snapshot's)."""
    gs = data["general_staff"]
    dates = [date.fromisoformat(d) for d in gs["dates"]]
    columns = {
        key: {day: value for day, value in zip(dates, values) if value is not None} for key, values in gs["columns"].items()
    }
    corrections = {date.fromisoformat(d): entry for d, entry in data["corrections"].items()}
    general_staff = _build_general_staff(dates, columns, corrections, warnings)
    series = {general_staff.name: general_staff}
    oryx = data["oryx"]
    rows = [(r[0], r[1], date.fromisoformat(r[2]), *r[3:]) for r in oryx["rows"]]
    spans = [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in oryx["spans"]]
    for built in _build_oryx(rows, spans):
        series[built.name] = built
    return series, dates[0], dates[-1]


def bundled_snapshot() -> Path | None:
    """The snapshot shipped in bilan/data (None in a tree built without it)."""
    path = Path(str(resources.files("bilan.data").joinpath(SNAPSHOT_FILE)))
    return path if path.is_file() else None


def load_snapshot(path: str | Path, *, use_cache: bool = True) -> Record:
    """Load a snapshot written by tools/build_record_snapshot.py (gzip'd JSON of the normalised
    form); the built record is cached like a directory's."""
    import gzip

    path = Path(path)
    cache_path = None
    if use_cache:
        try:
            cache_path = cache_directory() / f"record-{_fingerprint(path.parent, [path], {})}.pickle"
            with open(cache_path, "rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Record):
                return cached
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            pass  # no cache yet, or a stale one: build it
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if data.get("format") != SNAPSHOT_FORMAT:
            raise BilanError(f"{path}: snapshot format {data.get('format')!r}, this bilan reads {SNAPSHOT_FORMAT}")
        warnings: list[str] = []
        series, first, last = _build_normalised(data, warnings)
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError) as err:
        raise BilanError(f"{path}: unreadable record snapshot ({type(err).__name__}: {err})") from None
    meta = data.get("meta", {})
    record = Record(
        directory=str(path),
        first_date=first,
        last_date=last,
        updated=datetime.fromisoformat(meta["built"]) if meta.get("built") else None,
        sources=meta.get("sources") or [{"name": n, "url": u, "license": lic} for n, u, lic in SOURCE_DESCRIPTIONS],
        series=series,
        warnings=warnings,
        files=[path.name],
        origin="bundled",
    )
    if cache_path is not None:
        _write_cache(cache_path, record)
    return record


def load_user_series(path: str | Path, name: str | None = None) -> Series:
    """A user's series: a CSV with columns date, category, value (and optionally side)."""
    path = Path(path)
    name = name or path.stem
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BilanError(f"{path}: cannot read the series ({err})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or not {"date", "category", "value"} <= set(reader.fieldnames):
        raise BilanError(f"{path}: a series needs the columns date, category, value")
    columns: dict[str, dict[date, int]] = defaultdict(dict)
    sides = set()
    for row in reader:
        line = reader.line_num
        try:
            day = date.fromisoformat((row["date"] or "").strip())
            value = int((row["value"] or "").replace(" ", "").replace(",", ""))
        except ValueError:
            raise BilanError(f"{path}: line {line}: expected a YYYY-MM-DD date and a whole number") from None
        category = (row["category"] or "").strip()
        if category not in CATEGORIES_LOSSES:
            raise BilanError(f"{path}: line {line}: unknown category {category!r} (see CLAIMS.md)")
        if day in columns[category]:
            raise BilanError(f"{path}: line {line}: {category} on {day} given twice")
        if not 0 <= value <= MAX_COUNT:
            raise BilanError(f"{path}: line {line}: {value:.3g} is no count of losses (below 0 or over {MAX_COUNT:.0e})")
        columns[category][day] = value
        sides.add((row.get("side") or "russia").strip())
    if not columns:
        raise BilanError(f"{path}: the series holds no rows (a header alone): nothing to check against")
    if len(sides) > 1:
        raise BilanError(f"{path}: one series holds one side's losses, not {sorted(sides)}")
    categories = {}
    for category, column in columns.items():
        built, _ = _build_category([[category]], {category: column}, sorted(column), {}, category, None, partial=False)
        if built is not None:
            categories[category] = built
    return Series(name, sides.pop() if sides else "russia", name, categories)


# ---------------------------------------------------------------------------- loading and cache


def record_root(directory: str | Path) -> Path:
    """The directory holding the files: a managed root points to its current version."""
    root = Path(directory).expanduser()
    pointer = root / CURRENT_FILE
    if pointer.is_file():
        return root / pointer.read_text("utf-8").strip()
    return root


def _record_files(root: Path) -> list[Path]:
    files = [root / PERSONNEL_FILE, root / EQUIPMENT_FILE, root / CORRECTION_FILE, root / SOURCES_FILE]
    files += sorted((root / ORYX_DIR).glob(ORYX_DAILY_GLOB))
    files += sorted((root / USER_SERIES_DIR).glob("*.csv"))
    return [f for f in files if f.is_file()]


def _fingerprint(root: Path, files: list[Path], extra: Mapping[str, Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}|{root.resolve()}".encode())
    digest.update(Path(__file__).read_bytes())  # a new bilan may pickle differently
    for path in [*files, *extra.values()]:
        stat = path.stat()
        digest.update(f"|{path}|{stat.st_size}|{stat.st_mtime_ns}|".encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    digest.update(json.dumps(sorted(extra)).encode())
    digest.update(category_columns().__repr__().encode())
    return digest.hexdigest()


def cache_directory() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("BILAN_CACHE_DIR") or user_cache_dir("bilan"))


def load_record(directory: str | Path, *, user_series: Mapping[str, str | Path] | None = None, use_cache: bool = True) -> Record:
    """Load and normalise the record in `directory` (the layout of shared/reference).

    Files in `user_series/` (CSV: date, category, value) and `user_series` ({name: path})
    become series beside the built-in ones. Raises BilanError on a missing, truncated or
    corrupt file; irregularities that do not stop the check are in `record.warnings`.
    """
    root = record_root(directory)
    if not root.is_dir():
        raise BilanError(f"{directory}: no such record directory; run `bilan record update` or pass --record DIR")
    extra = {name: Path(path) for name, path in (user_series or {}).items()}
    for name, path in extra.items():
        if not path.is_file():
            raise BilanError(f"{path}: no such file for the series {name!r}")
    files = _record_files(root)
    cache_path = None
    if use_cache:
        try:
            key = _fingerprint(root, files, extra)
        except OSError as err:
            raise BilanError(f"{root}: cannot read the record ({err})") from None
        cache_path = cache_directory() / f"record-{key}.pickle"
        try:
            with open(cache_path, "rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Record):
                return cached
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            pass  # a missing, stale or unreadable cache only means parsing again
    record = _parse_record(root, files, extra)
    if cache_path is not None:
        _write_cache(cache_path, record)
    return record


def _write_cache(path: Path, record: Record) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("record-*.pickle"):
            if old.stat().st_mtime < datetime.now().timestamp() - 30 * 86400:
                old.unlink(missing_ok=True)  # keep the cache from growing with every update
        fd, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        pass  # a read-only cache directory costs speed, not correctness


def _parse_record(root: Path, files: list[Path], extra: Mapping[str, Path]) -> Record:
    data, warnings = read_normalised(root)
    series, first, last = _build_normalised(data, warnings)
    user_files = {p.stem: p for p in sorted((root / USER_SERIES_DIR).glob("*.csv"))}
    user_files.update(extra)
    for name, path in user_files.items():
        if name in series:
            raise BilanError(f"{path}: the series name {name!r} is taken by a built-in series")
        series[name] = load_user_series(path, name)
        # A user's figures hold until the next one, up to the end of the record.
        starts = [c.ordinals[0] for c in series[name].categories.values()]
        series[name].coverage = [(min(starts), last.toordinal())] if starts else []
    updated = None
    sources = [{"name": n, "url": u, "license": lic} for n, u, lic in SOURCE_DESCRIPTIONS]
    meta_path = root / SOURCES_FILE
    if meta_path.is_file():
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            updated = datetime.fromisoformat(meta["updated"])
            sources = meta.get("sources", sources)
        except (ValueError, KeyError, TypeError):
            warnings.append(f"{meta_path}: unreadable, so the date of the last update is unknown")
    for name, path in user_files.items():
        sources.append({"name": f"user series {name!r}", "url": str(path), "license": ""})
    return Record(
        directory=str(root),
        first_date=first,
        last_date=last,
        updated=updated,
        sources=sources,
        series=series,
        warnings=warnings,
        files=[str(f.relative_to(root)) for f in files],
        origin="downloaded" if updated is not None else "directory",
    )


def default_record_directory() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("bilan")) / "record"


def resolve_record(option: str | Path | None) -> Record | None:
    """The record to check against: `option`, then $BILAN_RECORD, then the one `bilan record
    update` downloaded, then the snapshot bundled with bilan.

    Returns None when there is none (checking then only extracts); a named directory that
    cannot be loaded raises BilanError.
    """
    chosen = option or os.environ.get("BILAN_RECORD")
    if chosen:
        return load_snapshot(chosen) if str(chosen).endswith(".json.gz") else load_record(chosen)
    default = default_record_directory()
    if (default / CURRENT_FILE).is_file():
        return load_record(default)
    bundled = bundled_snapshot()
    return load_snapshot(bundled) if bundled is not None else None


HOW_TO_GET_A_RECORD = "no record to check against: run `bilan record update`, or pass --record DIR (or set BILAN_RECORD)"


# ---------------------------------------------------------------------------- update


@dataclass
class UpdateReport:
    directory: Path
    version: str
    first_date: date
    last_date: date
    files: dict[str, int]  # path in the layout -> bytes
    previous_last_date: date | None
    warnings: list[str]


def update_record(
    directory: Path | None = None,
    *,
    from_dir: Path | None = None,
    base_urls: Mapping[str, str] = DEFAULT_SOURCES,
    timeout: float = 60.0,
    on_file: Callable[[str], None] | None = None,
) -> UpdateReport:
    """Fetch the record (or import `from_dir`), validate it, and swap it in atomically.

    The new files go to a fresh version folder under `directory` (default: the user data
    directory); only once they load without error does `CURRENT` point to them, so a
    failed, partial or malformed download leaves the previous record in use, and the
    BilanError says why. `on_file(name)` is called as each file is downloaded or copied.
    """
    root = Path(directory) if directory else default_record_directory()
    try:
        return _update(root, from_dir, base_urls, timeout, on_file)
    except OSError as err:  # a full disk, a read-only directory: the previous record stays
        raise BilanError(f"{root}: cannot write the record ({err.strerror or err}); the previous one is kept") from None


def _update(
    root: Path, from_dir: Path | None, base_urls: Mapping[str, str], timeout: float, on_file: Callable[[str], None] | None = None
) -> UpdateReport:
    root.mkdir(parents=True, exist_ok=True)
    previous = None
    if (root / CURRENT_FILE).is_file():
        try:
            previous = load_record(root, use_cache=False)
        except BilanError:
            previous = None  # a broken current record is replaced, not compared
    stamp = datetime.now(UTC)
    staging = Path(tempfile.mkdtemp(prefix=f"v{stamp:%Y%m%dT%H%M%S}-", dir=root))
    try:
        if from_dir is not None:
            sizes = _import_local(Path(from_dir), staging, on_file)
            sources_used = {rel: str(Path(from_dir) / rel) for rel in sizes}
        else:
            sizes = _download(base_urls, staging, timeout, on_file)
            sources_used = {rel: base_urls[rel] for rel in sizes}
        if previous is not None:  # the user's own series survive an update
            kept = Path(previous.directory) / USER_SERIES_DIR
            if kept.is_dir():
                shutil.copytree(kept, staging / USER_SERIES_DIR, dirs_exist_ok=True)
        meta = {
            "updated": stamp.isoformat(),
            "sources": [{"name": n, "url": u, "license": lic} for n, u, lic in SOURCE_DESCRIPTIONS],
            "files": {rel: {"url": sources_used[rel], "bytes": size} for rel, size in sizes.items()},
        }
        (staging / SOURCES_FILE).write_text(json.dumps(meta, indent=1), "utf-8")
        try:
            fresh = load_record(staging, use_cache=False)
        except BilanError as err:
            raise BilanError(f"the new record is invalid, the previous one is kept: {err}") from None
        warnings = list(fresh.warnings)
        if previous is not None and fresh.last_date < previous.last_date:
            raise BilanError(
                f"the new record ends on {fresh.last_date}, before the current one ({previous.last_date}): "
                "kept the current record"
            )
        pointer_temp = root / f".{CURRENT_FILE}.tmp"
        pointer_temp.write_text(staging.name, "utf-8")
        old_version = (root / CURRENT_FILE).read_text("utf-8").strip() if (root / CURRENT_FILE).is_file() else None
        os.replace(pointer_temp, root / CURRENT_FILE)  # the swap: atomic on every platform
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old_version and old_version != staging.name:
        shutil.rmtree(root / old_version, ignore_errors=True)
    return UpdateReport(
        root, staging.name, fresh.first_date, fresh.last_date, sizes, previous.last_date if previous else None, warnings
    )


def add_user_series(name: str, csv_file: str | Path, directory: str | Path | None = None) -> Path:
    """Validate a user series and keep it in the managed record (`update_record`'s directory)."""
    if not name.replace("_", "").replace("-", "").isalnum():
        raise BilanError(f"series name {name!r}: use letters, digits, - and _ only")
    if name in (GENERAL_STAFF, ORYX, ORYX_UKRAINE):
        raise BilanError(f"series name {name!r} is taken by a built-in series")
    load_user_series(csv_file, name)  # raises on a bad file, before anything is written
    root = Path(directory) if directory else default_record_directory()
    if not (root / CURRENT_FILE).is_file():
        raise BilanError(f"{root}: no record kept there; run `bilan record update` first")
    target_dir = record_root(root) / USER_SERIES_DIR
    target = target_dir / f"{name}.csv"
    try:
        target_dir.mkdir(exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(Path(csv_file).read_bytes())
        os.replace(temp, target)
    except OSError as err:
        raise BilanError(f"{target}: cannot write the series ({err.strerror or err})") from None
    return target


def _import_local(source: Path, staging: Path, on_file: Callable[[str], None] | None = None) -> dict[str, int]:
    source_root = record_root(source)
    if not (source_root / PERSONNEL_FILE).is_file():
        raise BilanError(f"{source}: not a record directory (no {PERSONNEL_FILE})")
    sizes = {}
    for path in _record_files(source_root):
        rel = path.relative_to(source_root).as_posix()
        if rel == SOURCES_FILE:
            continue
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        sizes[rel] = target.stat().st_size
        if on_file:
            on_file(rel)
    return sizes


def _download(
    urls: Mapping[str, str], staging: Path, timeout: float, on_file: Callable[[str], None] | None = None
) -> dict[str, int]:
    import httpx

    sizes: dict[str, int] = {}
    seen: dict[bytes, str] = {}
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for rel, url in urls.items():
            try:
                response = client.get(url)
            except httpx.HTTPError as err:
                raise BilanError(f"download of {url} failed ({type(err).__name__}: {err}); the previous record is kept") from None
            if response.status_code != 200:
                raise BilanError(f"download of {url} failed (HTTP {response.status_code}); the previous record is kept")
            body = response.content
            expected = response.headers.get("content-length")
            if (
                expected is not None
                and expected.isdigit()
                and int(expected) != len(body)
                and not response.headers.get("content-encoding")
            ):
                raise BilanError(f"download of {url} is partial ({len(body)} of {expected} bytes); the previous record is kept")
            if on_file:
                on_file(rel)
            digest = hashlib.sha256(body).digest()
            if digest in seen:
                continue  # HEAD's daily_count.csv is often the pinned latest version
            seen[digest] = rel
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
            sizes[rel] = len(body)
    return sizes
