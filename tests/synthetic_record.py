"""A small record, written by the tests, in the layout of shared/reference.

It covers 2022-04-20 to 2022-05-19 and holds on purpose every quirk the loader handles:
`military auto` + `fuel tank` renamed to `vehicles and fuel tanks` on 2022-05-01, cruise
missiles starting then, a correction (APC, 2022-05-10), a correction dated the day before
the jump it explains (personnel, dated 2022-05-04, jump on 2022-05-05), a total that falls
with no correction (tank, 2022-05-15), a missing report (2022-05-12), and two Oryx versions.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

START = date(2022, 4, 20)
DAYS = 30
GAP = date(2022, 5, 12)
RENAME = date(2022, 5, 1)
APC_CORRECTION_DAY = date(2022, 5, 10)
PERSONNEL_JUMP_DAY = date(2022, 5, 5)
TANK_DROP_DAY = date(2022, 5, 15)


def dates() -> list[date]:
    return [START + timedelta(days=i) for i in range(DAYS) if START + timedelta(days=i) != GAP]


def personnel(day: date) -> int:
    """20 000 + 200 a day; 500 more from 2022-05-05 (a recount, the misdated correction)."""
    i = (day - START).days
    return 20_000 + 200 * i + (500 if day >= PERSONNEL_JUMP_DAY else 0)


def tank(day: date) -> int:
    """500 + one every other day (so equal totals on neighbouring reports); 3 fewer from 2022-05-15."""
    i = (day - START).days
    return 500 + i // 2 - (3 if day >= TANK_DROP_DAY else 0)


def apc(day: date) -> int:
    """1 000 + 3 a day, 10 fewer from 2022-05-10 (a correction of -10 that day)."""
    i = (day - START).days
    return 1_000 + 3 * i - (10 if day >= APC_CORRECTION_DAY else 0)


def vehicles(day: date) -> int:
    i = (day - START).days
    return 800 + 5 * i + 70


def equipment_row(day: date) -> dict:
    i = (day - START).days
    row = {
        "date": day.isoformat(),
        "day": (day - date(2022, 2, 24)).days + 1,
        "aircraft": 150 + i // 5,
        "helicopter": 140 + i // 7,
        "tank": tank(day),
        "APC": apc(day),
        "field artillery": 300 + 2 * i,
        "MRL": 80,
        "drone": 100 + i,
        "naval ship": 8,
        "anti-aircraft warfare": 50,
        "special equipment": 10 + i // 10,
    }
    if day < RENAME:
        row["military auto"] = 800 + 5 * i
        row["fuel tank"] = 70
    else:
        row["vehicles and fuel tanks"] = vehicles(day)
        row["cruise missiles"] = 84 + i
    return row


CORRECTIONS = [
    {"date": APC_CORRECTION_DAY.isoformat(), "day": 76, "APC": -10, "tank": 0, "personnel": 0},
    # Dated the day before the jump it explains, as the 2023-05-27 entry of the real file.
    {"date": (PERSONNEL_JUMP_DAY - timedelta(days=1)).isoformat(), "day": 70, "personnel": 500, "tank": 0},
]

ORYX_HEADER = (
    "country,equipment_type,destroyed,abandoned,captured,damaged,type_total,date_recorded,"
    "destroyed_diff,abandoned_diff,captured_diff,damaged_diff,type_total_diff\n"
)
# First version: Tanks from the baseline; second version (after a reset) from 2022-05-08,
# keeping an older row (2022-04-21, 999) that must be ignored.
ORYX_V1 = [
    ("Russia", "Tanks", 300, "2022-02-23"),
    ("Russia", "Tanks", 310, "2022-04-22"),
    ("Russia", "Tanks", 315, "2022-04-29"),
    ("Russia", "Aircraft", 20, "2022-02-23"),
    ("Ukraine", "Tanks", 100, "2022-04-22"),
]
ORYX_V2 = [
    ("Russia", "Tanks", 999, "2022-04-21"),
    ("Russia", "Tanks", 320, "2022-05-08"),
    ("Russia", "Aircraft", 22, "2022-05-08"),
    ("Ukraine", "Tanks", 104, "2022-05-08"),
    ("Russia", "Tanks", 326, "2022-05-16"),
]


def oryx_csv(rows: list[tuple[str, str, int, str]]) -> str:
    return ORYX_HEADER + "".join(f"{c},{t},{v},0,0,0,{v},{d},0,0,0,0,0\n" for c, t, v, d in rows)


def write_record(root: Path) -> Path:
    """Write the synthetic record under `root` and return it."""
    petro = root / "petroivaniuk"
    oryx = root / "scarnecchia_oryx_data"
    petro.mkdir(parents=True, exist_ok=True)
    oryx.mkdir(parents=True, exist_ok=True)
    people = [
        {"date": d.isoformat(), "day": (d - date(2022, 2, 24)).days + 1, "personnel": personnel(d), "personnel*": "about"}
        for d in dates()
    ]
    (petro / "russia_losses_personnel.json").write_text(json.dumps(people, indent=1), "utf-8")
    (petro / "russia_losses_equipment.json").write_text(json.dumps([equipment_row(d) for d in dates()], indent=1), "utf-8")
    (petro / "russia_losses_equipment_correction.json").write_text(json.dumps(CORRECTIONS), "utf-8")
    (oryx / "daily_count__v1.csv").write_text(oryx_csv(ORYX_V1), "utf-8")
    (oryx / "daily_count__v2.csv").write_text(oryx_csv(ORYX_V2), "utf-8")
    return root
