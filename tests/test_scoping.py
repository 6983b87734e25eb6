"""Scope and period (bilan/claims/scoping.py), sentence by sentence: sentences written for these tests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

import bilan
from bilan.claims import extract_claims

# A week of General Staff reports in May 2024: 490 000 personnel and 1 200 more a day, 10 000
# drones and 300 more a day, one submarine.
FIRST_DAY = date(2024, 5, 10)
DAYS = 7


def _personnel(i: int) -> int:
    return 490_000 + 1_200 * i


def _drones(i: int) -> int:
    return 10_000 + 300 * i


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> bilan.Record:
    root = tmp_path_factory.mktemp("record")
    petro = root / "petroivaniuk"
    petro.mkdir()
    days = [(FIRST_DAY + timedelta(days=i), i) for i in range(DAYS)]
    people = [{"date": d.isoformat(), "day": (d - date(2022, 2, 24)).days + 1, "personnel": _personnel(i)} for d, i in days]
    equipment = [{"date": d.isoformat(), "day": (d - date(2022, 2, 24)).days + 1, "tank": 7_400 + i, "drone": _drones(i),
                  "submarines": 1} for d, i in days]
    (petro / "russia_losses_personnel.json").write_text(json.dumps(people), "utf-8")
    (petro / "russia_losses_equipment.json").write_text(json.dumps(equipment), "utf-8")
    (petro / "russia_losses_equipment_correction.json").write_text("[]", "utf-8")
    return bilan.load_record(Path(root))


def _only(text: str, lang: str, record: bilan.Record | None, day: str = "2024-05-14") -> bilan.Claim:
    document = bilan.read_text(text, "t", lang=lang, date=day)
    found = bilan.analyse(document, record=record).claims if record is not None else extract_claims(document)
    assert len(found) == 1, [c.to_dict() for c in found]
    return found[0]


@pytest.mark.parametrize(
    "text, lang, scope, period, rule",
    [
        # as large as the record's total of its date: a total, however small
        ("Russia's losses now include one submarine, the General Staff said.", "en", "cumulative", None,
         "record_total_plausible"),
        ("Les pertes russes atteignent 494 000 militaires, selon l'état-major.", "fr", "cumulative", None,
         "record_total_plausible"),
        # read as a total by its size, and equal to the record's daily figure: one day's
        ("Ukrainian forces downed 300 Russian drones, the General Staff said.", "en", "period", "day",
         "record_daily_difference"),
        # neither the total nor a day: the size decides, as without a record
        ("Ukrainian forces downed 1,234 Russian drones, the General Staff said.", "en", "cumulative", None,
         "size_above_threshold"),
        # whose losses the record does not count: the size decides
        ("Moscou affirme que l'Ukraine a perdu 300 drones.", "fr", "cumulative", None, "size_above_threshold"),
        # a cue outweighs the record
        ("Russia has lost 300 drones since the start of the invasion, the General Staff said.", "en", "cumulative", None,
         "cue:cumulative"),
    ],
)
def test_a_figure_without_cue_is_weighed_against_the_record(record: bilan.Record, text: str, lang: str, scope: str,
                                                            period: str | None, rule: str) -> None:
    claim = _only(text, lang, record)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons
    reason = claim.reason("scope")
    assert reason is not None and reason.rule == rule


def test_a_figure_is_weighed_against_the_record_of_its_own_date(record: bilan.Record) -> None:
    # 300 drones is no day's figure three days after the record's last report, nor near a total
    claim = _only("Ukrainian forces downed 300 Russian drones, the General Staff said.", "en", record, day="2024-05-25")
    assert (claim.scope, claim.reason("scope").rule) == ("cumulative", "size_above_threshold")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text, lang, scope, rule",
    [
        ("Russia's losses now include one submarine, the General Staff said.", "en", "event", "size_below_threshold"),
        ("Ukrainian forces downed 300 Russian drones, the General Staff said.", "en", "cumulative", "size_above_threshold"),
    ],
)
def test_without_a_record_the_size_decides(text: str, lang: str, scope: str, rule: str) -> None:
    claim = _only(text, lang, None)
    assert claim.scope == scope
    assert claim.reason("scope").rule == rule  # type: ignore[union-attr]
