"""Checking claims against the record: every verdict and qualifier, daily figures, averages,
sides and sources, explanations in English and French, and dating undated articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic_record import (
    APC_CORRECTION_DAY,
    TANK_DROP_DAY,
    dates,
    personnel,
    write_record,
)

from bilan.checking import (
    MISQUOTE_SHARE,
    accepted_interval,
    check_claim,
    check_claims,
    format_number,
    infer_date,
    rounding_unit,
)
from bilan.dating import day_number_to_date
from bilan.model import QUALIFIERS, BilanError, Claim
from bilan.record import load_record


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("synthetic")
    write_record(root / "record")
    uk = root / "uk_mod.csv"
    uk.write_text("date,category,value\n2022-04-25,personnel_casualties,15000\n")
    return load_record(root / "record", user_series={"uk_mod": uk}, use_cache=False)


@pytest.fixture(scope="module")
def reference(reference_dir: Path):
    return load_record(reference_dir, use_cache=False)


def claim(
    value: int,
    category: str = "personnel_killed",
    *,
    as_of: str | None = None,
    qualifier: str = "exact",
    scope: str = "cumulative",
    period: str | None = None,
    source: str = "ukraine_general_staff",
    side: str = "russia",
    value_max: int | None = None,
) -> Claim:
    return Claim(
        value=value,
        category=category,
        side=side,
        scope=scope,
        start=0,
        end=1,
        text=str(value),
        value_max=value_max,
        qualifier=qualifier,
        period=period,
        as_of=as_of,
        source=source,
    )


def daily(value: int, category: str = "personnel_killed", **options) -> Claim:
    return claim(value, category, scope="period", period="day", **options)


def verdict_of(record, c: Claim, *, document_date: str | None = None, explain: str = "en"):
    return check_claim(c, record, document_date=document_date, explain=explain)


# ---------------------------------------------------------------------------- qualifiers as intervals


def test_rounding_unit() -> None:
    assert [rounding_unit(v) for v in (44_000, 1_730, 16, 100_000, 105_960)] == [1000, 10, 1, 100_000, 10]


def test_qualifier_intervals() -> None:
    assert accepted_interval(44_000, None, "more_than") == (44_000, 45_000)  # shared/reference README, section 3
    assert accepted_interval(100_000, None, "more_than") == (100_000, 110_000)  # accepts 105 960 (CLAIMS.md)
    assert accepted_interval(700_000, None, "nearly") == (630_000, 700_000)
    assert accepted_interval(181_000, None, "nearly") == (179_190, 181_000)  # VERDICTS.md section 4
    assert accepted_interval(180_000, None, "more_than") == (180_000, 190_000)
    assert accepted_interval(180_000, None, "about") == (175_000, 185_000)
    assert accepted_interval(332, None, "about") == (332, 332)  # not round: the hedge of an exact figure
    assert accepted_interval(180_040, None, "about") == (180_035, 180_045)
    assert accepted_interval(1_000, None, "about") == (900, 1_100)  # not 500 to 1 500
    assert accepted_interval(500, 600, "range") == (500, 600)
    assert accepted_interval(100_000, None, "exact") == (97_000, 103_000)
    assert accepted_interval(180_000, None, "exact") == (175_000, 185_000)
    assert accepted_interval(1_730, None, "exact") == (1_730, 1_730)  # one trailing zero is no roundness
    assert accepted_interval(3_029, None, "exact") == (3_029, 3_029)


@given(st.integers(min_value=1, max_value=5_000_000), st.sampled_from(QUALIFIERS))
def test_every_interval_holds_its_own_figure(value: int, qualifier: str) -> None:
    low, high = accepted_interval(value, None, qualifier)
    assert low <= value <= high
    assert high - low <= max(value * 0.2, rounding_unit(value))  # never so wide that any total fits


# ---------------------------------------------------------------------------- cumulative verdicts


def test_matches_on_its_day_and_within_the_report_lag(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_000, as_of="2022-04-25"))
    assert (check.verdict, check.record_date, check.record_value, check.expected_value, check.lag_days) == (
        "matches",
        "2022-04-25",
        21_000,
        21_000,
        0,
    )
    assert check.explanation == (
        "Equals the General Staff total of 25 April 2022: 21,000. "
        "The General Staff's personnel figure counts killed and wounded together."
    )
    lagged = verdict_of(synthetic, claim(21_200, as_of="2022-04-28"))
    assert (lagged.verdict, lagged.record_date, lagged.lag_days) == ("matches", "2022-04-26", 2)
    assert verdict_of(synthetic, claim(21_200, as_of="2022-04-29")).verdict == "stale"  # 3 days: beyond the lag


def test_matches_anywhere_in_a_month(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_000, as_of="2022-04"))
    assert (check.verdict, check.record_date, check.lag_days) == ("matches", "2022-04-25", None)


def test_stale_names_the_report_and_the_total_of_the_day(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_000, as_of="2022-05-10"), document_date="2022-05-10")
    assert (check.verdict, check.record_date, check.record_value, check.expected_value, check.lag_days) == (
        "stale",
        "2022-04-25",
        21_000,
        personnel(date(2022, 5, 10)),
        15,
    )
    assert check.explanation == (
        "Equals the General Staff total of 25 April 2022 (21,000), 15 days before "
        "10 May 2022, the date of this article; on 10 May 2022 the total was 24,500. "
        "The General Staff's personnel figure counts killed and wounded together."
    )


def test_stale_in_a_month_compares_with_the_months_first_report(synthetic) -> None:
    check = verdict_of(synthetic, claim(20_200, as_of="2022-05"), document_date="2022-05")
    assert (check.verdict, check.record_date, check.lag_days, check.expected_value) == ("stale", "2022-04-21", None, 22_200)
    assert "10 days before May 2022; on 1 May 2022 the total was 22,200." in check.explanation


def test_ahead_of_its_date(synthetic) -> None:
    check = verdict_of(synthetic, claim(24_500, as_of="2022-04-22"))
    assert (check.verdict, check.record_date, check.lag_days, check.expected_value) == ("ahead", "2022-05-10", -18, 20_400)
    assert "check the date" in check.explanation


def test_misquoted_within_tolerance_and_equal_to_no_report(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_050, as_of="2022-04-25"))
    assert (check.verdict, check.record_value, check.record_date) == ("misquoted", 21_000, "2022-04-25")
    assert "0.2% away" in check.explanation


def test_overstated_and_understated_beyond_tolerance(synthetic) -> None:
    over = verdict_of(synthetic, claim(30_000, as_of="2022-04-25"))
    under = verdict_of(synthetic, claim(15_000, as_of="2022-04-25"))
    assert (over.verdict, over.expected_value) == ("overstated", 21_000)
    assert (under.verdict, under.expected_value) == ("understated", 21_000)
    assert 21_000 * (1 + MISQUOTE_SHARE) < 30_000


@pytest.mark.parametrize(
    ("value", "qualifier", "value_max", "record_value"),
    [
        (20_500, "more_than", None, 20_600),
        (20_500, "at_least", None, 20_600),
        (20_700, "about", None, 20_600),  # round: within max(half its unit, 2%)
        (20_700, "nearly", None, 20_600),
        (20_700, "up_to", None, 20_600),
        (20_550, "range", 20_650, 20_600),
        (20_000, "exact", None, 20_600),  # a bare round figure: within min(half its unit, 3%) = 600
    ],
)
def test_consistent_for_every_qualifier(synthetic, value: int, qualifier: str, value_max: int | None, record_value: int) -> None:
    check = verdict_of(synthetic, claim(value, as_of="2022-04-23", qualifier=qualifier, value_max=value_max))
    assert (check.verdict, check.record_value, check.record_date) == ("consistent", record_value, "2022-04-23")


def test_stale_and_ahead_need_equality_not_a_fit(synthetic) -> None:
    # "more than 25 000" fits the later report of 25 100 but equals none: judged at its own date.
    check = verdict_of(synthetic, claim(25_000, as_of="2022-04-25", qualifier="more_than"))
    assert (check.verdict, check.record_date) == ("overstated", "2022-04-25")
    # 24 500 is equal to the report of 2022-05-10: ahead, whatever its qualifier.
    ahead = verdict_of(synthetic, claim(24_500, as_of="2022-04-25", qualifier="more_than"))
    assert (ahead.verdict, ahead.record_date) == ("ahead", "2022-05-10")
    assert "15 days after 25 April 2022" in ahead.explanation
    # A range is never stale.
    assert verdict_of(synthetic, claim(21_000, as_of="2022-05-10", qualifier="range", value_max=21_000)).verdict == "understated"


def test_a_qualified_figure_that_fits_nothing_is_over_or_understated(synthetic) -> None:
    assert verdict_of(synthetic, claim(40_000, as_of="2022-04-25", qualifier="more_than")).verdict == "overstated"
    assert (
        verdict_of(synthetic, claim(10_100, "personnel_casualties", as_of="2022-04-25", qualifier="nearly")).verdict
        == "understated"
    )


def test_a_killed_figure_under_half_the_series_is_deaths_only(synthetic) -> None:
    check = verdict_of(synthetic, claim(10_100, as_of="2022-04-25", qualifier="nearly"))
    assert check.verdict == "unverifiable" and "counts killed and wounded together" in check.explanation
    french = verdict_of(synthetic, claim(10_100, as_of="2022-04-25"), explain="fr")
    assert "compte ensemble tués et blessés" in french.explanation


def test_sums_are_checked_against_the_sum_of_columns(synthetic) -> None:
    check = verdict_of(synthetic, claim(152 + 141, "aircraft_and_helicopters", as_of="2022-05-02"))
    assert (check.verdict, check.record_date) == ("matches", "2022-05-02")


def test_renamed_columns_check_across_the_rename(synthetic) -> None:
    assert verdict_of(synthetic, claim(800 + 50 + 70, "vehicles_fuel_tanks", as_of="2022-04-30")).verdict == "matches"
    assert verdict_of(synthetic, claim(800 + 55 + 70, "vehicles_fuel_tanks", as_of="2022-05-01")).verdict == "matches"


def test_a_fall_in_the_window_is_noted_in_the_explanation(synthetic) -> None:
    check = verdict_of(synthetic, claim(600, "tanks", as_of=TANK_DROP_DAY.isoformat()))
    assert check.verdict == "overstated"
    assert "fell from 512 to 509 on 15 May 2022 with no correction explaining it" in check.explanation


def test_a_missing_report_uses_the_report_in_force(synthetic) -> None:
    check = verdict_of(synthetic, claim(personnel(date(2022, 5, 11)), as_of="2022-05-12"))
    assert (check.verdict, check.record_date, check.lag_days) == ("matches", "2022-05-11", 1)


def test_anchor_picks_the_report_the_other_figures_point_to(synthetic) -> None:
    claims = [claim(21_000, as_of="2022-04"), claim(8, "ships", as_of="2022-04")]
    check_claims(claims, synthetic, document_date="2022-04")
    assert [c.check.record_date for c in claims] == ["2022-04-25", "2022-04-25"]
    alone = verdict_of(synthetic, claim(8, "ships", as_of="2022-04"))
    assert (alone.verdict, alone.record_date) == ("matches", "2022-04-20")  # no other figure: the first report


def test_oryx_count_is_given_beside(synthetic) -> None:
    check = verdict_of(synthetic, claim(505, "tanks", as_of="2022-04-30"))
    assert (check.verdict, check.oryx_value, check.oryx_date) == ("matches", 315, "2022-04-29")
    assert check.explanation.endswith("Oryx (visually confirmed): 315 as of 29 April 2022.")


# ---------------------------------------------------------------------------- daily figures


def test_daily_figure_matches_report_d_or_d_plus_one(synthetic) -> None:
    # Tanks rise by one every other report: 0 on 2022-04-23, +1 on 2022-04-24.
    assert synthetic.daily("tanks", "2022-04-23") == 0 and synthetic.daily("tanks", "2022-04-24") == 1
    check = verdict_of(synthetic, daily(1, "tanks", as_of="2022-04-23"))
    assert (check.verdict, check.record_date, check.lag_days) == ("matches", "2022-04-24", -1)
    assert check.explanation.startswith("Equals the daily figure of the General Staff report of 24 April 2022 (+1)")


def test_daily_figure_in_a_month(synthetic) -> None:
    check = verdict_of(synthetic, daily(200, as_of="2022-05"))
    assert (check.verdict, check.record_date) == ("matches", "2022-05-01")  # the month's own dates first


def test_daily_figure_misquoted_overstated_understated(synthetic) -> None:
    misquoted = verdict_of(synthetic, daily(205, as_of="2022-04-25"))
    assert (misquoted.verdict, misquoted.record_value) == ("misquoted", 200)
    assert verdict_of(synthetic, daily(400, as_of="2022-04-25")).verdict == "overstated"
    assert verdict_of(synthetic, daily(50, as_of="2022-04-25")).verdict == "understated"


def test_daily_figures_are_never_stale(synthetic) -> None:
    # 20 000 is the daily figure of the first report (since the invasion) only.
    check = verdict_of(synthetic, daily(20_000, as_of="2022-05-10"))
    assert check.verdict == "overstated"


def test_daily_figure_honours_the_correction_and_says_so(synthetic) -> None:
    check = verdict_of(synthetic, daily(3, "armoured_vehicles", as_of=APC_CORRECTION_DAY.isoformat()))
    assert (check.verdict, check.record_date) == ("matches", "2022-05-10")
    assert "changed by −7, −10 of it a correction" in check.explanation


def test_daily_figure_beside_a_missing_report_takes_the_next(synthetic) -> None:
    # No report on 2022-05-12, none printed on 05-13 (its previous day is missing): D-1 is next.
    check = verdict_of(synthetic, daily(200, as_of="2022-05-12"))
    assert (check.verdict, check.record_date) == ("matches", "2022-05-11")
    after = verdict_of(synthetic, daily(200, as_of="2022-07-12"))
    assert after.verdict == "unverifiable" and "The record ends on 19 May 2022" in after.explanation


def test_average_since_the_invasion_is_checked_by_arithmetic(synthetic) -> None:
    # 24 500 on 2022-05-10, day 76: 322.4 a day.
    check = verdict_of(synthetic, daily(322, as_of="2022-05-10", qualifier="about", source="ukraine_other"))
    assert (check.verdict, check.record_value, check.record_date) == ("consistent", 322, None)
    assert "(24,500) over 76 days of war is 322.4 a day" in check.explanation


def test_a_bare_daily_figure_is_not_read_as_an_average(synthetic) -> None:
    # 322 is the average since the invasion, but "322 killed on 10 May" is one day's figure: +200.
    check = verdict_of(synthetic, daily(322, as_of="2022-05-10"))
    assert (check.verdict, check.record_value) == ("overstated", 200)


def test_average_since_the_start_of_the_month(reference) -> None:
    # "Depuis le début du mois, les Russes perdent en moyenne 1 200 hommes par jour" (20 May 2024).
    # With a day as_of, one day's figure is tried first: +1 210 on 2024-05-19 rounds to 1 200.
    day = verdict_of(reference, daily(1_200, "personnel_casualties", as_of="2024-05-20", qualifier="about"))
    assert (day.verdict, day.record_date) == ("consistent", "2024-05-19")
    # With a month as_of, the mean first: "about 1 250 a day in May 2024" (38 940 over 31 days: 1 256).
    month = verdict_of(reference, daily(1_250, "personnel_casualties", as_of="2024-05", qualifier="about"))
    assert (month.verdict, month.record_date) == ("consistent", None)
    assert "over 31 days is" in month.explanation


def test_period_totals_sum_the_daily_figures(synthetic) -> None:
    week = verdict_of(synthetic, claim(1_400, scope="period", period="week", as_of="2022-05-08"))
    assert (week.verdict, week.record_value) == ("matches", 1_400)
    assert verdict_of(synthetic, claim(1_400, scope="period", period="week", as_of="2022-05")).verdict == "matches"


def test_period_totals_may_be_the_rise_of_the_total(synthetic) -> None:
    # Armoured vehicles: +3 printed every day, and a correction of -10 on 2022-05-10.
    printed = verdict_of(synthetic, claim(21, "armoured_vehicles", scope="period", period="week", as_of="2022-05-10"))
    assert printed.verdict == "matches" and "sum of the General Staff daily figures" in printed.explanation
    rise = verdict_of(synthetic, claim(11, "armoured_vehicles", scope="period", period="week", as_of="2022-05-10"))
    assert rise.verdict == "matches"
    assert rise.explanation == "Equals the rise of the General Staff total from 3 May 2022 to 10 May 2022: 11."


def test_period_sums_of_the_contract(reference) -> None:
    # VERDICTS.md section 7: cum[E] - cum[E-7]; a month's and a year's differences.
    week = verdict_of(reference, claim(3_810, "personnel_casualties", scope="period", period="week", as_of="2023-04-12"))
    assert (week.verdict, week.record_date) == ("matches", "2023-04-12")
    april = verdict_of(reference, claim(17_150, "personnel_casualties", scope="period", period="month", as_of="2023-04"))
    assert april.verdict == "matches"
    year = verdict_of(reference, claim(253_270, "personnel_casualties", scope="period", period="year", as_of="2023-12"))
    assert year.verdict == "matches"
    assert (
        verdict_of(reference, claim(240_000, "personnel_casualties", scope="period", period="year", as_of="2023-12")).verdict
        == "understated"
    )


def test_a_year_and_its_average_from_the_reports(reference) -> None:
    # AFP, 1 January 2026: 418 360 in 2025, "soit en moyenne 1 146 hommes par jour".
    year = verdict_of(
        reference, claim(418_360, "personnel_casualties", scope="period", period="year", as_of="2025-12", source="unattributed")
    )
    assert (year.verdict, year.record_date) == ("matches", "2025-12-31")
    average = verdict_of(
        reference, daily(1_146, "personnel_casualties", as_of="2025-12", qualifier="about", source="unattributed"), explain="fr"
    )
    assert average.verdict == "consistent"
    # The month's mean (1 130.6 over December) is tried before the year's (1 146.2) and agrees too.
    assert "par jour" in average.explanation and average.record_date is None
    # Another body's estimate is not the record's, even when it repeats its arithmetic.
    assert (
        verdict_of(
            reference, daily(1_146, "personnel_casualties", as_of="2025-12", qualifier="about", source="media_estimate")
        ).verdict
        == "unverifiable"
    )


# ---------------------------------------------------------------------------- unverifiable


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"side": "ukraine"}, "record counts Russian losses only; this figure is about Ukrainian losses"),
        ({"source": "us_officials"}, "An estimate by US officials"),
        ({"source": "uk_mod", "category": "personnel_killed"}, "The uk_mod record has no series for soldiers killed"),
        ({"source": "russia_mod"}, "An estimate by the Russian Ministry of Defence"),
        ({"scope": "event"}, "one strike, battle or video"),
        ({"category": "personnel_wounded"}, "no count of wounded"),
        ({"category": "personnel_captured"}, "no count of prisoners"),
        ({"category": "force"}, "Not a loss figure"),
        ({"as_of": "2022-07-01"}, "The record ends on 19 May 2022"),
        ({"category": "cruise_missiles", "as_of": "2022-04-22"}, "no figure for cruise missiles before 1 May 2022"),
    ],
)
def test_unverifiable_says_why(synthetic, options: dict, words: str) -> None:
    fields = {"as_of": "2022-04-25", **options}
    check = verdict_of(synthetic, claim(21_000, **fields))
    assert check.verdict == "unverifiable"
    assert words in check.explanation


def test_undated_figure_is_unverifiable_but_names_the_equal_report(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_000))
    assert (check.verdict, check.record_date) == ("unverifiable", "2022-04-25")
    assert verdict_of(synthetic, claim(21_001)).explanation.startswith("No date for this figure")


def test_document_date_stands_in_for_as_of(synthetic) -> None:
    assert verdict_of(synthetic, claim(21_000), document_date="2022-04-25").verdict == "matches"


def test_a_user_series_named_after_a_source_checks_it(synthetic) -> None:
    check = verdict_of(synthetic, claim(15_000, "personnel_casualties", as_of="2022-04-26", source="uk_mod"))
    assert (check.verdict, check.record_date) == ("matches", "2022-04-25")
    assert check.explanation.startswith("Equals the uk_mod total")


def test_oryx_figures_are_checked_against_oryx_on_either_side(synthetic) -> None:
    russian = verdict_of(synthetic, claim(320, "tanks", as_of="2022-05-10", source="oryx"))
    assert (russian.verdict, russian.record_date, russian.oryx_value) == ("matches", "2022-05-08", None)
    ukrainian = verdict_of(synthetic, claim(104, "tanks", as_of="2022-05-10", source="oryx", side="ukraine"))
    assert (ukrainian.verdict, ukrainian.record_date) == ("matches", "2022-05-08")


def test_unknown_explanation_language_is_an_error(synthetic) -> None:
    with pytest.raises(BilanError, match="--explain de"):
        verdict_of(synthetic, claim(21_000, as_of="2022-04-25"), explain="de")


# ---------------------------------------------------------------------------- French


def test_french_explanations_and_figures(synthetic) -> None:
    check = verdict_of(synthetic, claim(21_000, as_of="2022-05-01"), document_date="2022-05-01", explain="fr")
    assert check.verdict == "stale"
    assert check.explanation == (
        "Égal au total de l'état-major ukrainien du 25 avril 2022 (21\u202f000), 6 jours "
        "avant le 1er mai 2022, date de l'article ; le 1er mai 2022, le total était de 22\u202f200. "
        "Le chiffre de l'état-major ukrainien compte ensemble les tués et les blessés."
    )
    assert format_number(109_720, "fr") == "109\u202f720" and format_number(109_720, "en") == "109,720"
    ukrainian = verdict_of(synthetic, claim(21_000, as_of="2022-04-25", side="ukraine"), explain="fr")
    assert "ne compte que les pertes russes" in ukrainian.explanation
    uk = verdict_of(synthetic, claim(21_000, as_of="2022-04-25", source="us_officials"), explain="fr")
    assert uk.explanation.startswith("Une estimation de responsables américains : le bilan de l'état-major ukrainien")
    oryx = verdict_of(synthetic, claim(320, "tanks", as_of="2022-05-10", source="oryx"), explain="fr")
    assert oryx.explanation == "Égal au total d'Oryx du 8 mai 2022 : 320."
    misquoted = verdict_of(synthetic, daily(205, as_of="2022-05"), explain="fr")
    assert misquoted.explanation.startswith("Ne correspond à aucun chiffre quotidien de l'état-major ukrainien en mai 2022")


# ---------------------------------------------------------------------------- every report checks as itself


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(dates()), st.sampled_from(["personnel_killed", "armoured_vehicles", "aircraft_and_helicopters"]))
def test_any_report_total_matches_on_its_date(synthetic, day: date, category: str) -> None:
    value = synthetic.report(category, day)
    check = verdict_of(synthetic, claim(value, category, as_of=day.isoformat()))
    assert check.verdict == "matches" and check.record_value == value
    assert abs(date.fromisoformat(check.record_date).toordinal() - day.toordinal()) <= 2


# ---------------------------------------------------------------------------- dating


def test_infer_date_from_an_exact_total(synthetic) -> None:
    inferred = infer_date([claim(21_000)], synthetic)
    assert (inferred.date, inferred.window) == ("2022-04-25", ("2022-04-25", "2022-04-25"))


def test_infer_date_from_a_floor_gives_a_month_and_a_window(synthetic) -> None:
    inferred = infer_date([claim(21_000, qualifier="more_than"), claim(8, "ships")], synthetic)
    assert (inferred.date, inferred.window) == ("2022-04", ("2022-04-25", "2022-04-30"))


def test_explicit_dates_bound_the_inferred_window(synthetic) -> None:
    assert infer_date([claim(21_000, qualifier="more_than")], synthetic, bounds=("2022-04-28", None)).window == (
        "2022-04-28",
        "2022-04-30",
    )
    assert infer_date([claim(21_000, qualifier="more_than")], synthetic, bounds=("2022-05", None)) is None


def test_infer_date_ignores_what_the_general_staff_does_not_count(synthetic) -> None:
    assert (
        infer_date(
            [claim(21_000, source="uk_mod"), claim(21_000, side="ukraine"), daily(200), claim(21_000, scope="event")], synthetic
        )
        is None
    )


def test_infer_date_ignores_figures_the_text_dates(synthetic) -> None:
    assert infer_date([claim(21_000, as_of="2022-04-25")], synthetic) is None
    assert infer_date([claim(21_000, as_of="2022-04-25"), claim(22_000)], synthetic).date == "2022-04-30"


# ---------------------------------------------------------------------------- the seeds, against the reference


SEED_002 = [
    (105_960, "personnel_killed", "at_least", "ukraine_mod"),
    (3_029, "tanks", "exact", "ukraine_mod"),
    (6_075, "armoured_vehicles", "exact", "ukraine_mod"),
    (16, "ships", "exact", "ukraine_mod"),
    (552, "aircraft_and_helicopters", "exact", "ukraine_mod"),
    (711, "cruise_missiles", "exact", "ukraine_mod"),
    (4_707, "vehicles_fuel_tanks", "exact", "ukraine_mod"),
    (180, "special_equipment", "exact", "ukraine_mod"),
    (2_016, "artillery", "exact", "ukraine_mod"),
]


def test_seed_002_nine_figures_are_the_report_of_2022_12_31(reference) -> None:
    claims = [claim(v, c, qualifier=q, source=s, as_of="2023-01") for v, c, q, s in SEED_002]
    claims.append(claim(100_000, qualifier="more_than", source="unattributed", as_of="2023-01"))
    check_claims(claims, reference, document_date="2023-01")
    assert [c.check.record_date for c in claims[:9]] == ["2022-12-31"] * 9
    assert all(c.check.verdict == "matches" for c in claims[:9])
    assert claims[9].check.verdict == "consistent"  # "a dépassé ... 100 000"


def test_seed_002_average_of_tanks_and_armoured_vehicles(reference) -> None:
    check = verdict_of(
        reference,
        daily(30, "tanks_and_armoured_vehicles", as_of="2023-01", qualifier="about", source="unattributed"),
        document_date="2023-01",
    )
    assert check.verdict == "consistent"
    assert "a day" in check.explanation


def test_seed_002_dated_after_the_report_is_stale(reference) -> None:
    check = verdict_of(reference, claim(105_960, as_of="2023-01-05"), document_date="2023-01-05")
    assert (check.verdict, check.record_date, check.record_value, check.expected_value, check.lag_days) == (
        "stale",
        "2022-12-31",
        105_960,
        109_720,
        5,
    )


@pytest.mark.parametrize("as_of", ["2022-12-21", "2022-12"])
def test_seed_004_figures_are_the_report_of_day_302(reference, as_of: str) -> None:
    claims = [
        claim(100_400, source="ukraine_other", as_of=as_of),
        claim(3_000, "tanks", qualifier="more_than", as_of=as_of),
        claim(16, "ships", as_of=as_of),
        claim(283, "aircraft", as_of=as_of),
    ]
    check_claims(claims, reference, document_date=as_of)
    # Day 302's figures; "more than 3 000 tanks" already holds on the 21st, first in preference.
    day = len(as_of) == 10  # a day window prefers D when the figure holds then (16 ships on both days)
    assert [c.check.record_date for c in claims] == [
        "2022-12-22",
        "2022-12-21" if day else "2022-12-22",
        "2022-12-21" if day else "2022-12-22",
        "2022-12-22",
    ]
    assert [c.check.verdict for c in claims] == ["matches", "consistent", "matches", "matches"]
    # "jour 302" is the report of 2022-12-22, which holds 100 400.
    assert day_number_to_date(302) == "2022-12-22"
    assert reference.report("personnel_killed", day_number_to_date(302)) == 100_400


def test_seed_004_average_per_day_is_the_records_arithmetic(reference) -> None:
    check = verdict_of(reference, daily(332, as_of="2022-12-21", qualifier="about", source="unattributed"))
    assert (check.verdict, check.record_value) == ("consistent", 331)  # 99 740 over 301 days, on D


def test_seed_001_daily_figures_and_the_misquoted_peak(reference) -> None:
    claims = [daily(1_770, as_of="2024-11"), daily(1_950, as_of="2024-11"), daily(1_730, "personnel_casualties", as_of="2024-05")]
    check_claims(claims, reference, document_date="2024-11")
    assert [(c.check.verdict, c.check.record_date) for c in claims] == [
        ("matches", "2024-11-11"),
        ("matches", "2024-11-12"),
        ("misquoted", "2024-05-13"),
    ]
    assert claims[2].check.record_value == 1_740


def test_seed_001_uk_estimates_are_unverifiable(reference) -> None:
    claims = [
        claim(700_000, "personnel_casualties", qualifier="nearly", source="uk_mod", as_of="2024-11"),
        daily(1_500, "personnel_casualties", qualifier="about", source="uk_mod", as_of="2024-11"),
    ]
    check_claims(claims, reference, document_date="2024-11")
    assert all(c.check.verdict == "unverifiable" and "UK Ministry of Defence" in c.check.explanation for c in claims)


def test_seed_000_more_than_44000_is_consistent(reference) -> None:
    claims = [claim(44_000, qualifier="more_than", as_of="2022-08"), claim(1_800, "tanks", qualifier="at_least", as_of="2022-08")]
    check_claims(claims, reference, document_date="2022-08")
    assert [(c.check.verdict, c.check.record_date) for c in claims] == [("consistent", "2022-08-17")] * 2


def test_seeds_001_and_004_get_inferred_dates(reference) -> None:
    seed_001 = [
        claim(710_000, "personnel_casualties", qualifier="more_than"),
        claim(700_000, "personnel_casualties", qualifier="nearly", source="uk_mod"),
    ]
    inferred = infer_date(seed_001, reference)
    assert inferred.date == "2024-11" and inferred.first == "2024-11-11"
    seed_004 = [
        claim(100_000, source="unattributed"),
        claim(100_400, source="ukraine_other"),
        claim(100_000, "personnel_casualties", qualifier="more_than", source="unattributed"),
        claim(3_000, "tanks", qualifier="more_than"),
        claim(16, "ships"),
        claim(283, "aircraft"),
    ]
    inferred = infer_date(seed_004, reference)
    assert inferred.date.startswith("2022-12") and inferred.window == ("2022-12-22", "2022-12-22")


def test_a_figure_unchanged_for_months_does_not_date_an_article(reference) -> None:
    assert infer_date([claim(16, "ships")], reference) is None


# ---------------------------------------------------------------------------- the whole pipeline on the seeds


SEED_CHECKS = {  # (document, value, scope): (verdict, record_date), from the bars
    ("002", 105_960, "cumulative"): ("matches", "2022-12-31"),
    ("002", 552, "cumulative"): ("matches", "2022-12-31"),
    ("002", 4_707, "cumulative"): ("matches", "2022-12-31"),
    ("004", 100_400, "cumulative"): ("matches", "2022-12-22"),
    ("001", 1_730, "period"): ("misquoted", "2024-05-13"),
    ("001", 1_770, "period"): ("matches", "2024-11-11"),
    ("001", 1_950, "period"): ("matches", "2024-11-12"),
    ("000", 44_000, "cumulative"): ("consistent", "2022-08-17"),
}


def test_pipeline_checks_the_seeds(seeds_dir: Path, reference) -> None:
    import bilan

    found: dict[tuple[str, int, str], set[tuple[str, str | None]]] = {}
    dates = {}
    for path in sorted(seeds_dir.glob("00*.txt")):
        analysis = bilan.analyse(bilan.read_path(path)[0], record=reference)
        dates[path.name[:3]] = (analysis.document.date, analysis.document.date_source)
        for c in analysis.claims:
            found.setdefault((path.name[:3], c.value, c.scope), set()).add((c.check.verdict, c.check.record_date))
    for key, expected in SEED_CHECKS.items():
        assert expected in found.get(key, set()), (key, found.get(key))
    assert dates["001"] == ("2024-11", "inferred_from_figures")
    assert dates["004"][0].startswith("2022-12") and dates["004"][1] == "inferred_from_figures"


# --- scoring verdicts against gold verdicts (`bilan eval --verdicts`) -------------------


def _analysis(doc: str, text: str, claims: list[Claim]):
    from bilan.model import Analysis, Document

    return Analysis(document=Document(id=doc, text=text, date="2022-05-01"), claims=claims)


def test_gold_verdicts_without_offsets_are_placed_by_their_evidence_and_scored():
    from bilan.evaluation import evaluate
    from bilan.model import Check

    text = "Intro. Russia lost 1 000 tanks so far, and 200 aircraft. Also 5 ships."
    tanks = Claim(
        value=1000,
        category="tanks",
        side="russia",
        scope="cumulative",
        start=text.index("1 000"),
        end=text.index("1 000") + 5,
        text="1 000 tanks",
        check=Check("matches", record_date="2022-05-01"),
    )
    aircraft = Claim(
        value=200,
        category="aircraft",
        side="russia",
        scope="cumulative",
        start=text.index("200"),
        end=text.index("200") + 3,
        text="200",
        check=Check("overstated", record_date="2022-05-01"),
    )
    verdicts = [
        {
            "doc": "a",
            "evidence": "lost 1 000 tanks",
            "value": 1000,
            "category": "tanks",
            "verdict": "matches",
            "record_date": "2022-04-30",
            "record_date_alt": ["2022-04-30", "2022-05-01"],
        },
        {
            "doc": "a",
            "evidence": "200 aircraft",
            "value": 200,
            "category": "aircraft",
            "verdict": "consistent",
            "record_date": "2022-05-01",
            "record_date_alt": [],
        },
        {
            "doc": "a",
            "evidence": "5 ships",
            "value": 5,
            "category": "ships",
            "verdict": "matches",
            "record_date": "2022-05-01",
            "record_date_alt": [],
        },
        {
            "doc": "a",
            "evidence": "not in the text",
            "value": 7,
            "category": "ships",
            "verdict": "matches",
            "record_date": None,
            "record_date_alt": [],
        },
    ]
    result = evaluate([], [_analysis("a", text, [tanks, aircraft])], verdicts=verdicts)
    scores = result.other["verdicts"]
    assert result.detection.true_positives == 2 and result.detection.gold == 4
    assert (scores["matched"], scores["right"], scores["gold"]) == (2, 1, 4)
    assert scores["accuracy"] == 0.5 and scores["end_to_end"] == 0.25
    assert scores["confusion"] == {"matches": {"matches": 1}, "consistent": {"overstated": 1}}
    assert (scores["dated"], scores["dated_right"]) == (1, 1)  # record_date_alt counts as agreement
    assert [d["value"] for d in scores["disagreements"]] == [200]
    assert any("not in the article" in w for w in result.other["warnings"])


def test_checker_alone_scores_the_gold_claims_own_fields(synthetic):
    from bilan.evaluation import check_gold_claims
    from bilan.model import Document

    day = dates()[10].isoformat()
    total = personnel(dates()[10])
    gold = [
        {
            "doc": "a",
            "evidence": "x",
            "value": total,
            "qualifier": "exact",
            "category": "personnel_killed",
            "side": "russia",
            "scope": "cumulative",
            "period": None,
            "as_of": day,
            "source": "unattributed",
        },
        {
            "doc": "a",
            "evidence": "y",
            "value": 10,
            "qualifier": "exact",
            "category": "tanks",
            "side": "ukraine",
            "scope": "cumulative",
            "period": None,
            "as_of": day,
            "source": "russia_mod",
        },
    ]
    verdicts = [
        {"doc": "a", "evidence": "x", "value": total, "verdict": "matches", "record_date": day},
        {"doc": "a", "evidence": "y", "value": 10, "verdict": "matches", "record_date": None},
        {"doc": "b", "evidence": "z", "value": 3, "verdict": "matches", "record_date": None},
    ]
    scores = check_gold_claims(gold, verdicts, [Document(id="a", text="", date=day)], synthetic)
    assert (scores.matched, scores.right, scores.unjoined) == (2, 1, 1)
    assert scores.confusion["matches"] == {"matches": 1, "unverifiable": 1}


# --- Oryx as its own record, and other readings (VERDICTS.md sections 2 and 8) ---------


def test_oryx_status_columns_scrape_gaps_and_its_dates(reference) -> None:
    def oryx(value, as_of, side="russia", category="tanks"):
        return verdict_of(reference, claim(value, category, as_of=as_of, source="oryx", side=side))

    # Russia, Tanks on 2023-02-07: 1 678 in all, 992 destroyed (shared/reference README, section 3 for 2023-01-04).
    assert (oryx(992, "2023-02-09").verdict, oryx(992, "2023-02-09").record_date) == ("matches", "2023-02-07")
    assert "(destroyed)" in oryx(992, "2023-02-09").explanation
    assert oryx(1_603, "2023-01-05").verdict == "matches"  # README: 2023-01-04 = 1 603, no row for 01-05
    assert oryx(1_605, "2023-01-05").verdict == "consistent"  # between 1 603 (01-04) and 1 607 (01-06)
    assert oryx(938, "2023-01-05").verdict == "matches"  # the destroyed column of 2023-01-04
    early = oryx(300, "2022-03-01")
    assert early.verdict == "unverifiable" and "start on 19 March 2022" in early.explanation
    late = oryx(4_074, "2025-12-01")
    assert late.verdict == "unverifiable" and "end on 19 July 2025" in late.explanation
    assert oryx(4_074, "2025-07-19").verdict == "matches"  # README: Russian Tanks = 4 074 at HEAD
    # Oryx categories that do not line up, and Oryx daily figures, are not compared.
    assert verdict_of(reference, claim(500, "artillery", as_of="2023-02-09", source="oryx")).verdict == "unverifiable"
    ukrainian = reference.oryx("tanks", "2023-02-09", side="ukraine")
    assert oryx(ukrainian[1], "2023-02-09", side="ukraine").verdict == "matches"


def test_vehicles_and_fuel_tanks_before_may_2022_read_each_column(reference) -> None:
    fuel = reference.general_staff.readings["vehicles_fuel_tanks"]
    column = dict(fuel)["fuel tank"]
    value = column.values[column.at(date(2022, 3, 5).toordinal())]
    check = verdict_of(reference, claim(value, "vehicles_fuel_tanks", as_of="2022-03-05"))
    assert check.verdict == "matches" and "fuel tankers alone" in check.explanation


# --- the realdev sets: the checker alone on the gold claims' fields ---------------------


@pytest.fixture(scope="module")
def realdev(reference_dir: Path) -> Path:
    found = reference_dir.parent / "realdev"
    if not found.is_dir():
        pytest.skip(f"{found} is absent")
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_checker_alone_on_realdev_reaches_the_bar(realdev: Path, reference, lang: str) -> None:
    from bilan.evaluation import check_gold_claims, read_gold
    from bilan.reading import read_path

    documents = [d for path in sorted((realdev / lang / "articles").glob("*.txt")) for d in read_path(path)]
    scores = check_gold_claims(
        read_gold(realdev / lang / "gold.jsonl"), read_gold(realdev / lang / "gold_verdicts.jsonl"), documents, reference
    )
    assert scores.matched == scores.gold and scores.unjoined == 0
    assert scores.accuracy >= 0.97, [(d["doc"], d["value"], d["gold"], d["bilan"]) for d in scores.disagreements]
    # Every stale or ahead verdict rests on a report equal to the figure.
    pairs = _checked_gold(realdev / lang, documents, reference)
    moved = [c for c in pairs if c.check.verdict in ("stale", "ahead")]
    assert all(c.check.record_value == c.value for c in moved)


def _checked_gold(folder: Path, documents, record) -> list[Claim]:
    from bilan.evaluation import gold_claim, read_gold

    dates = {d.id: d.date for d in documents}
    by_doc: dict[str, list[Claim]] = {}
    for line in read_gold(folder / "gold.jsonl"):
        by_doc.setdefault(line["doc"], []).append(gold_claim(line))
    for doc, claims in by_doc.items():
        check_claims(claims, record, document_date=dates.get(doc))
    return [c for claims in by_doc.values() for c in claims]


def test_stale_and_ahead_on_the_examples_rest_on_equality(examples_dir: Path, reference_dir: Path, reference) -> None:
    import bilan

    moved = []
    realdev = reference_dir.parent / "realdev"
    paths = sorted((examples_dir / "articles").glob("*")) + sorted(realdev.glob("*/articles/*.txt"))
    for path in paths:
        for document in bilan.read_path(path):
            moved += [
                c
                for c in bilan.analyse(document, record=reference, analysers=False).claims
                if c.check and c.check.verdict in ("stale", "ahead")
            ]
    for c in moved:
        readings = [
            column
            for name in ("general_staff", "oryx")
            for column in (
                reference.series[name].categories.get(c.category),
                *(col for _, col in reference.series[name].readings.get(c.category, ())),
            )
            if column is not None
        ]
        # The figure itself, or the body figure a headline restates (VERDICTS.md section 9).
        assert c.check.record_value == c.value or c.check.explanation.startswith("Restates the figure")
        value, when = c.check.record_value, date.fromisoformat(c.check.record_date).toordinal()
        assert any(when in col.value_dates.get(value, ()) for col in readings)


def test_a_headline_takes_the_verdict_of_the_body_figure_it_restates(synthetic) -> None:
    from bilan.checking import headline_end

    text = "Russia has lost 21,000 soldiers\nA subheading\nThe UK ministry said on Monday that 21,000 soldiers died.\n"
    assert headline_end(text) == text.index("The UK")
    head = claim(21_000, as_of="2022-04-25", source="unattributed")
    body = claim(21_000, as_of="2022-04-25", source="uk_mod")
    body.start = text.index("21,000 soldiers died")
    check_claims([head, body], synthetic, document_date="2022-04-25", head_end=headline_end(text))
    assert head.check.verdict == body.check.verdict == "unverifiable"
    assert head.check.explanation.startswith("Restates the figure the article's body attributes (21,000)")
    # Without a body figure attributed to a source, the headline is checked as it is.
    alone = claim(21_000, as_of="2022-04-25", source="unattributed")
    check_claims([alone], synthetic, document_date="2022-04-25", head_end=headline_end(text))
    assert alone.check.verdict == "matches"
