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
    equipment = [
        {"date": d.isoformat(), "day": (d - date(2022, 2, 24)).days + 1, "tank": 7_400 + i, "drone": _drones(i), "submarines": 1}
        for d, i in days
    ]
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
        (
            "Russia's losses now include one submarine, the General Staff said.",
            "en",
            "cumulative",
            None,
            "record_total_plausible",
        ),
        (
            "Les pertes russes atteignent 494 000 militaires, selon l'état-major.",
            "fr",
            "cumulative",
            None,
            "record_total_plausible",
        ),
        # read as a total by its size, and equal to the record's daily figure: one day's
        ("Ukrainian forces downed 300 Russian drones, the General Staff said.", "en", "period", "day", "record_daily_difference"),
        # neither the total nor a day: the size decides, as without a record
        (
            "Ukrainian forces downed 1,234 Russian drones, the General Staff said.",
            "en",
            "cumulative",
            None,
            "size_above_threshold",
        ),
        # whose losses the record does not count: the size decides
        ("Moscou affirme que l'Ukraine a perdu 300 drones.", "fr", "cumulative", None, "size_above_threshold"),
        # a cue outweighs the record
        (
            "Russia has lost 300 drones since the start of the invasion, the General Staff said.",
            "en",
            "cumulative",
            None,
            "cue:cumulative",
        ),
    ],
)
def test_a_figure_without_cue_is_weighed_against_the_record(
    record: bilan.Record, text: str, lang: str, scope: str, period: str | None, rule: str
) -> None:
    claim = _only(text, lang, record)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons
    reason = claim.reason("scope")
    assert reason is not None and reason.rule == rule


def test_the_records_very_total_is_cumulative_whatever_period_is_near(record: bilan.Record) -> None:
    text = "Ukraine's General Staff put Russian losses at 494,800 troops, a figure that has doubled in a year."
    claim = _only(text, "en", record)
    assert (claim.scope, claim.period, claim.reason("scope").rule) == (  # type: ignore[union-attr]
        "cumulative",
        None,
        "record_total_equal",
    )
    assert (_only(text, "en", None).scope, _only(text, "en", None).period) == ("period", "year")


def test_the_records_very_total_is_cumulative_whatever_event_is_near(record: bilan.Record) -> None:
    text = "L'armée ukrainienne a indiqué que 494 800 soldats russes ont été tués depuis le début de l'offensive."
    claim = _only(text, "fr", record)
    assert (claim.scope, claim.period, claim.reason("scope").rule) == ("cumulative", None, "record_total_equal")  # type: ignore[union-attr]
    assert _only(text, "fr", None).scope == "event"  # without the record, which offensive is unknown


def test_an_increment_before_its_total(record: bilan.Record) -> None:
    text = (
        "L'état-major a fait état ce mardi de 1 200 pertes supplémentaires dans les rangs russes, ce qui porte le "
        "total à 494 800 depuis février 2022."
    )
    document = bilan.read_text(text, "t", lang="fr", date="2024-05-14")
    # the total's cues are the total's; the record says the increment is the day's
    assert [(c.value, c.scope, c.period) for c in bilan.analyse(document, record=record).claims] == [
        (1200, "period", "day"),
        (494800, "cumulative", None),
    ]
    assert [(c.value, c.scope) for c in extract_claims(document)] == [(1200, "event"), (494800, "cumulative")]


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


def _claims(text: str, lang: str, day: str = "2024-06-03") -> list[bilan.Claim]:
    return extract_claims(bilan.read_text(text, "t", lang=lang, date=day))


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # a week, said the ways real bulletins say it
        (
            "The enemy's losses in the area of the North group over the week amounted to 1,730 servicemen, the ministry said.",
            "en",
            "period",
            "week",
        ),
        ("Over the last seven days, Kyiv's forces have lost 2,450 servicepeople, according to Moscow.", "en", "period", "week"),
        ("Ukraine lost about 9,400 troops over the previous seven days, the Russian ministry claimed.", "en", "period", "week"),
        ("Selon Kiev, l'armée russe perd 3 000 ou 4 000 hommes chaque semaine.", "fr", "period", "week"),
        ("Au cours de la semaine écoulée, 7 900 soldats russes ont été mis hors de combat.", "fr", "period", "week"),
        ("Sur les sept derniers jours, les forces russes ont perdu 8 150 militaires.", "fr", "period", "week"),
        # a month, a year
        ("In the past 30 days, Russian casualties came to 41,200, British intelligence said.", "en", "period", "month"),
        ("Moscou perd chaque mois quelque 35 000 soldats, selon le renseignement britannique.", "fr", "period", "month"),
        ("Russia lost some 410,000 troops in the past year, Ukraine's army said.", "en", "period", "year"),
        ("Sur l'ensemble de l'année, 387 000 soldats russes auraient été blessés ou tués.", "fr", "period", "year"),
        # one day
        ("Kyiv says Russia lost 1,310 troops in the past 24 hours.", "en", "period", "day"),
        ("L'armée russe perd tous les jours plus de 1 000 soldats, affirme Kiev.", "fr", "period", "day"),
        # one battle or campaign
        ("Russia lost about 45,000 troops in the battle for Avdiivka, Ukrainian officials said.", "en", "event", None),
        # since the invasion
        ("Since the invasion began, Russia has lost 612,000 troops, according to Kyiv.", "en", "cumulative", None),
    ],
)
def test_scope_cues_of_real_reports(text: str, lang: str, scope: str, period: str | None) -> None:
    found = _claims(text, lang)
    assert len(found) == 1, [c.to_dict() for c in found]
    assert (found[0].scope, found[0].period) == (scope, period), found[0].reasons


def test_the_year_past_is_as_of_its_december() -> None:
    (claim,) = _claims(
        "Sur l'ensemble de l'année écoulée, 418 000 militaires russes ont été mis hors de combat.", "fr", day="2026-01-05"
    )
    assert (claim.scope, claim.period, claim.as_of) == ("period", "year", "2025-12")


def test_a_table_by_year_counts_what_its_heading_names() -> None:
    text = "Russian losses by year, the General Staff says:\n\n2022: 106,100 troops, 3,010 tanks\n2023: 252,900 troops\n2025: 61,300 troops"
    summary = [(c.value, c.category, c.scope, c.period, c.as_of) for c in _claims(text, "en", day="2025-03-02")]
    assert summary == [
        (106100, "personnel_casualties", "period", "year", "2022-12"),
        (3010, "tanks", "period", "year", "2022-12"),
        (252900, "personnel_casualties", "period", "year", "2023-12"),
        (61300, "personnel_casualties", "period", "year", "2025-03-02"),  # the year still running: the article's date
    ]


def test_a_table_by_year_under_a_heading_of_no_losses_is_no_claim() -> None:
    assert _claims("Russian troops sent to the front by year:\n\n2022: 190,000 troops\n2023: 250,000 troops", "en") == []


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Russia could lose 500,000 more soldiers by the end of the year, analysts forecast.", "en"),
        ("À ce rythme, la Russie pourrait perdre 200 000 soldats de plus d'ici l'automne.", "fr"),
    ],
)
def test_forecasts_are_no_claims(text: str, lang: str) -> None:
    assert _claims(text, lang) == []


def test_a_loss_reported_in_the_conditional_is_a_claim() -> None:
    (claim,) = _claims("Selon Kiev, la Russie perdrait 1 200 soldats par jour.", "fr")
    assert (claim.value, claim.category, claim.scope, claim.period) == (1200, "personnel_casualties", "period", "day")


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # "au total" sums a battlegroup's day when the bulletin said its period before
        (
            "« Au cours de la journée, les unités du groupement Sud ont repoussé quatre attaques », indique le ministère.\n"
            "Au total, l'ennemi a perdu jusqu'à 180 militaires, deux chars et six camionnettes dans la zone du groupement.",
            "fr",
            [(180, "period", "day"), (2, "period", "day"), (6, "period", "day")],
        ),
        # a sum too large for a day is the total since the invasion, however small its other items
        (
            "In the past 24 hours, Russia lost 1,210 troops, the General Staff said.\n"
            "In total, Russia has lost 1,180,000 personnel, 11,300 tanks, 28 ships and one submarine.",
            "en",
            [
                (1210, "period", "day"),
                (1180000, "cumulative", None),
                (11300, "cumulative", None),
                (28, "cumulative", None),
                (1, "cumulative", None),
            ],
        ),
        # with no period said, a sum is a total
        (
            "Au total, l'ennemi a perdu 200 hommes et trois chars, selon Moscou.",
            "fr",
            [(200, "cumulative", None), (3, "cumulative", None)],
        ),
    ],
)
def test_a_sum_takes_the_period_its_bulletin_said(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.scope, c.period) for c in _claims(text, lang, day="2025-12-20")] == expected


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        ("Kiev affirme avoir éliminé 1 450 soldats russes en un seul jour.", "fr", "period", "day"),
        ("Au cours des deux derniers mois, l'armée russe a perdu 61 000 hommes, selon Londres.", "fr", "period", "month"),
        ("Russia lost 17,500 troops over the past two weeks, Ukraine's military said.", "en", "period", "week"),
    ],
)
def test_spans_of_several_units_take_the_nearest_unit(text: str, lang: str, scope: str, period: str | None) -> None:
    (claim,) = _claims(text, lang)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


def test_a_figure_read_by_its_size_is_weighed_at_its_own_date() -> None:
    # early March 2022 a total was small: in an article of August, the statement's date decides
    (claim,) = _claims("Le 3 mars, la Défense russe avait admis la mort de 512 soldats.", "fr", day="2022-08-10")
    assert (claim.as_of, claim.scope, claim.reason("scope").rule) == (  # type: ignore[union-attr]
        "2022-03-03",
        "cumulative",
        "size_above_threshold_at_as_of",
    )


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a period after a verb of saying that follows the figure is the reported clause's
        (
            "Après la perte de deux chars Abrams ukrainiens près d'Avdiïvka, dans l'est du pays, des analystes militaires ont "
            "indiqué que des images diffusées sur les réseaux sociaux cette semaine le prouvaient.",
            "fr",
            [(2, "event", None)],
        ),
        (
            "Discussing the loss of two Ukrainian Abrams tanks near Avdiivka in the east of the country, military analysts said "
            "that footage shared on social media this week proved it.",
            "en",
            [(2, "event", None)],
        ),
        # two sentences glued without a space: the second's cue is not the first's
        (
            "Les forces russes ont aussi intercepté 12 drones.Depuis le début de la guerre, elles ont abattu 7.100 drones.",
            "fr",
            [(12, "event", None), (7100, "cumulative", None)],
        ),
    ],
)
def test_cues_that_belong_to_another_clause(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.scope, c.period) for c in _claims(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # one campaign is one event, however long
        (
            "Moscow said Kyiv had lost more than 31,000 troops since launching its counteroffensive in the south.",
            "en",
            "event",
            None,
        ),
        ("Russia's losses since the incursion began stand at 9,700 troops, Ukraine's commander said.", "en", "event", None),
        ("Selon Moscou, l'Ukraine a perdu 24 000 soldats depuis le début de la contre-offensive.", "fr", "event", None),
        # but the invasion itself is no campaign
        ("Kyiv says Russia has lost 612,000 troops since the start of the full-scale invasion.", "en", "cumulative", None),
        ("Depuis le début de l'offensive russe, Moscou a perdu 8 200 chars, selon Kiev.", "fr", "cumulative", None),
        # a time after another is no period
        ("A week later, the ministry said three sailors had been killed.", "en", "event", None),
        ("On average, Russia has lost some 1,040 soldiers every single day of the war, Kyiv said.", "en", "period", "day"),
    ],
)
def test_campaigns_and_times_that_are_no_periods(text: str, lang: str, scope: str, period: str | None) -> None:
    (claim,) = _claims(text, lang)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Ukraine says 5,210 Russian officers have been killed since the start of the invasion. Among them are 11 generals.",
            "en",
            [(5210, "cumulative"), (11, "cumulative")],
        ),
        (
            "Selon Kiev, la Russie a perdu 14 000 soldats depuis le début de la contre-offensive. Parmi eux, 4 100 auraient été tués.",
            "fr",
            [(14000, "event"), (4100, "event")],
        ),
    ],
)
def test_a_sentence_that_continues_a_list_takes_its_scope(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.scope) for c in _claims(text, lang)] == expected


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        ("Selon Kiev, l'armée russe a perdu près de 9 400 soldats depuis le début du mois.", "fr", "period", "month"),
        ("Since the start of the month, Russia has lost 21,300 troops, Ukraine's commander said.", "en", "period", "month"),
        (
            "Pendant la troisième année de guerre, l'armée russe a perdu 421 000 soldats, selon nos calculs.",
            "fr",
            "period",
            "year",
        ),
        ("In the second year of the war, Russia lost about 250,000 troops, the ministry said.", "en", "period", "year"),
        ("Russian forces lost some 4,800 troops in the rout east of Kharkiv, officials said.", "en", "event", None),
    ],
)
def test_months_years_and_routs(text: str, lang: str, scope: str, period: str | None) -> None:
    (claim,) = _claims(text, lang)
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


def test_a_dateline_dates_the_dispatch_not_its_figures() -> None:
    (claim,) = _claims(
        "Kiev, 2 janv 2026 (AFP) - L'armée russe a perdu 412 000 soldats, tués ou blessés, au cours de l'année 2025, selon un "
        "décompte de l'AFP.",
        "fr",
        day="2026-01-02",
    )
    assert (claim.scope, claim.period, claim.as_of) == ("period", "year", "2025-12"), claim.reasons


def test_a_day_said_late_in_its_sentence_though_the_sentence_dates_the_statement() -> None:
    text = (
        "Le ministère russe a rapporté le 6 mai que l'armée ukrainienne avait perdu plus de 380 soldats et quatre "
        "chars lors des combats près de la frontière, dans la région de Belgorod, au cours des dernières 24 heures."
    )
    assert [(c.value, c.scope, c.period, c.as_of) for c in _claims(text, "fr", day="2024-05-07")] == [
        (380, "period", "day", "2024-05-06"),
        (4, "period", "day", "2024-05-06"),
    ]


@pytest.mark.parametrize(
    "text, lang, period, as_of",
    [
        ("Between 2 and 8 December, Russia lost 9,870 troops, Ukraine's military said.", "en", "week", "2024-12-08"),
        ("Du 2 au 8 décembre, la Russie a perdu 9 870 soldats, selon l'armée ukrainienne.", "fr", "week", "2024-12-08"),
        ("From 1 to 30 November, Russian forces lost 45,680 troops.", "en", "month", "2024-11"),
    ],
)
def test_a_range_of_days_is_a_period_of_the_nearest_unit(text: str, lang: str, period: str, as_of: str) -> None:
    (claim,) = _claims(text, lang, day="2024-12-10")
    assert (claim.scope, claim.period, claim.as_of) == ("period", period, as_of), claim.reasons


@pytest.mark.parametrize(
    "text, lang, period",
    [
        (
            "Russian casualties reached 41,000 in May, well above the alliance's reported monthly average of 27,300.",
            "en",
            "month",
        ),
        ("Kyiv said daily Russian losses of 1,150 soldiers were now the norm.", "en", "day"),
    ],
)
def test_a_rate_after_a_verb_of_saying_is_no_statement_date(text: str, lang: str, period: str) -> None:
    claim = [c for c in _claims(text, lang, day="2024-06-10") if c.value in (27300, 1150)][0]
    assert (claim.scope, claim.period) == ("period", period), claim.reasons


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Ukraine's military said 1,190 Russian troops were killed or wounded in the past day, bringing the total to 878,000.",
            "en",
            [(1190, "period", "day"), (878000, "cumulative", None)],
        ),
        (
            "Selon l'état-major, la Russie a perdu 878 000 soldats depuis le début de l'invasion, dont 1 190 au cours des "
            "dernières 24 heures.",
            "fr",
            [(878000, "cumulative", None), (1190, "period", "day")],
        ),
        # a weekly bulletin says its week once, then each group's tally
        (
            "Over the past week, units of the West group of forces repelled 19 counterattacks, the ministry said.\n"
            "The enemy lost up to 3,750 servicemen, 12 tanks and 41 field artillery guns in the group's area of responsibility.",
            "en",
            [(3750, "period", "week"), (12, "period", "week"), (41, "period", "week")],
        ),
    ],
)
def test_a_total_and_the_days_increment(text: str, lang: str, expected: list) -> None:
    assert [(c.value, c.scope, c.period) for c in _claims(text, lang, day="2025-03-01")] == expected


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        (
            "Au cours des premiers jours de sa contre-offensive, l'Ukraine a perdu 16 chars Leopard, selon Oryx.",
            "fr",
            "event",
            None,
        ),
        ("Russia's losses in Ukraine: 1,190 troops in past day", "en", "period", "day"),
    ],
)
def test_headline_and_campaign_wordings(text: str, lang: str, scope: str, period: str | None) -> None:
    (claim,) = _claims(text, lang, day="2025-03-01")
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


@pytest.mark.parametrize(
    "text, lang, scope",
    [
        (
            "Selon Kiev, la Russie a perdu plus de 14 000 militaires dans la région de Belgorod depuis le début de l'opération, "
            "le 12 mars.",
            "fr",
            "event",
        ),
        ("Moscow says Kyiv has lost 21,000 troops since the start of the operation on 6 August.", "en", "event"),
        # the invasion's own start stays the total since it
        ("La Russie a perdu 878 000 soldats depuis le début de la guerre, le 24 février 2022.", "fr", "cumulative"),
    ],
)
def test_a_start_dated_after_the_invasion_is_a_campaigns(text: str, lang: str, scope: str) -> None:
    (claim,) = _claims(text, lang, day="2025-05-01")
    assert claim.scope == scope, claim.reasons


@pytest.mark.parametrize(
    "text, lang",
    [
        ("L'offensive sur Pokrovsk a coûté à la Russie 42 000 soldats, selon Kiev.", "fr"),
        ("Russia's offensive on Pokrovsk has cost it 42,000 troops.", "en"),
    ],
)
def test_an_offensive_on_a_place_is_one_event(text: str, lang: str) -> None:
    (claim,) = _claims(text, lang, day="2025-03-01")
    assert claim.scope == "event", claim.reasons


@pytest.mark.parametrize(
    "text, lang, rule",
    [
        # a night's count is one day's, whoever counts it (the annotators' "overnight drone counts
        # are period/day"): an air force, a Russian ministry, a bare "Moscou"
        ("Ukraine's air force said it destroyed 52 Russian attack drones overnight.", "en", "cue:night"),
        (
            "The Russian Defence Ministry said its air defences intercepted 74 Ukrainian drones during the night.",
            "en",
            "cue:night",
        ),
        (
            "Moscou dit avoir neutralisé 58 drones ukrainiens dans la nuit de samedi à dimanche au-dessus de la Crimée.",
            "fr",
            "cue:night",
        ),
        ("Le ministère russe de la Défense affirme avoir intercepté cette nuit 112 drones ukrainiens.", "fr", "cue:night"),
    ],
)
def test_a_night_is_one_days_count_whatever_its_source(text: str, lang: str, rule: str) -> None:
    (claim,) = _claims(text, lang, day="2025-05-18")
    assert (claim.scope, claim.period) == ("period", "day"), claim.reasons
    assert claim.reason("scope").rule == rule


@pytest.mark.parametrize(
    "text, lang, value",
    [
        # the night is said with the attack, the next sentence says how much of it was downed
        ("Russia sent 96 drones against Ukrainian cities overnight. The air force said 61 drones were shot down.", "en", 61),
        ("La Russie a lancé 120 drones sur l'Ukraine dans la nuit. L'armée de l'air en a abattu 87 drones.", "fr", 87),
        # no count of its own in the attack's sentence: drones and missiles are what a night's attack sends
        ("Overnight, Russia staged a heavy air raid on Lviv. The air force said it downed 19 cruise missiles.", "en", 19),
    ],
)
def test_a_night_said_in_the_sentence_before_holds_for_the_attacks_count(text: str, lang: str, value: int) -> None:
    claim = next(c for c in _claims(text, lang, day="2025-05-18") if c.value == value)
    assert (claim.scope, claim.period) == ("period", "day"), claim.reasons
    assert claim.reason("scope").rule == "night_said_in_previous_sentence"


def test_a_night_said_before_does_not_reach_another_kind_of_count() -> None:
    text = (
        "Russia sent 96 drones against Ukrainian cities overnight. Ukrainian troops also destroyed 3 Russian tanks near Kupiansk."
    )
    claim = next(c for c in _claims(text, "en", day="2025-05-18") if c.value == 3)
    assert claim.scope == "event", claim.reasons


def test_a_weekday_strike_of_a_non_tally_source_stays_one_event() -> None:
    # a weekday, not a night: the single strike of a governor's or a ministry's account
    (claim,) = _claims(
        "Selon Moscou, la défense aérienne russe a abattu mardi deux Su-25 ukrainiens près de Belgorod.", "fr", day="2025-05-18"
    )
    assert claim.scope == "event", claim.reasons
    assert claim.reason("scope").rule == "one_day_strike_of_a_non_tally_source"


@pytest.mark.parametrize(
    "text, lang, scope, as_of",
    [
        # the date a total stands at: "as of", "au", "by the end of", "fin": cumulative, as of that date
        ("As of February, Russia had lost 400,000 troops, Ukraine's military said.", "en", "cumulative", "2024-02"),
        ("Au 1er janvier, la Russie avait perdu 380 000 soldats selon Kiev.", "fr", "cumulative", "2024-01-01"),
        (
            "By the end of 2023, Russia had lost 300,000 troops, according to Ukraine's General Staff.",
            "en",
            "cumulative",
            "2023-12",
        ),
        ("Fin 2023, la Russie avait perdu 300 000 soldats, selon l'état-major ukrainien.", "fr", "cumulative", "2023-12"),
        (
            "À la fin de l'année 2023, la Russie avait perdu 300 000 soldats, selon l'état-major ukrainien.",
            "fr",
            "cumulative",
            "2023-12",
        ),
        # "in 2023" and "en 2023" stay a year's figure
        ("In 2023, Russia lost 253,290 troops, according to the General Staff.", "en", "period", "2023-12"),
        ("En 2023, la Russie a perdu 253 290 soldats, selon l'état-major.", "fr", "period", "2023-12"),
    ],
)
def test_a_date_a_total_stands_at(text: str, lang: str, scope: str, as_of: str) -> None:
    claim = _only(text, lang, None)
    assert (claim.scope, claim.as_of) == (scope, as_of), claim.reasons


@pytest.mark.parametrize(
    "text, lang, as_of",
    [
        # a date right after an event's noun dates the event: its figures are the event's
        ("In the battle on March 4, Russian forces lost 120 soldiers and 8 tanks, Kyiv said.", "en", "2024-03-04"),
        ("Lors de l'attaque du 4 mars, les forces russes ont perdu 120 soldats et 8 chars, selon Kiev.", "fr", "2024-03-04"),
        # a campaign's start after "since" dates nothing: its figures are as of the document
        (
            "Since the start of the Kharkiv offensive on May 10, Russian forces have lost 4,000 troops, according to Kyiv.",
            "en",
            "2024-05-14",
        ),
        (
            "Depuis le début de l'offensive sur Kharkiv le 10 mai, les forces russes ont perdu 4 000 hommes, selon Kiev.",
            "fr",
            "2024-05-14",
        ),
    ],
)
def test_a_date_of_an_event_is_the_events(text: str, lang: str, as_of: str) -> None:
    document = bilan.read_text(text, "t", lang=lang, date="2024-05-14")
    claims = extract_claims(document)
    assert claims and all((c.scope, c.as_of) == ("event", as_of) for c in claims), [c.reasons for c in claims]


@pytest.mark.parametrize(
    "text, lang, as_of",
    [
        # a date that opens its sentence before a comma dates the figures of the sentence, however far
        (
            "Le 12 novembre, l'armée russe a connu sa journée la plus sanglante du conflit, avec la perte de 1 950 soldats.",
            "fr",
            "2024-11-12",
        ),
        (
            "On November 12, Russian forces suffered their bloodiest day of the war so far, with the loss of 1,950 soldiers.",
            "en",
            "2024-11-12",
        ),
    ],
)
def test_a_date_that_opens_the_sentence_dates_its_figures(text: str, lang: str, as_of: str) -> None:
    claim = _only(text, lang, None, day="2024-12-20")
    assert claim.as_of == as_of, claim.reasons


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # a sum or a total up to now, in a sentence naming an event, is that event's
        (
            "« Au total, 71 militaires ont été tués face aux attaques ennemies », a déclaré le ministre russe.",
            "fr",
            "event",
            None,
        ),
        ("Selon Moscou, Kiev a perdu jusqu'à présent 70 000 hommes au cours de la contre-offensive.", "fr", "event", None),
        ("Ukraine has so far lost 90,000 troops in the counteroffensive, Putin said.", "en", "event", None),
        # with no event, a total up to now is since the invasion
        ("To date, 1,351 Russian soldiers have been killed, Moscow said.", "en", "cumulative", None),
        ("La Russie a perdu jusqu'à présent 7 400 chars, selon Kiev.", "fr", "cumulative", None),
        # the end of a range is no date a total stands at
        (
            "D'après la presse, 17 000 soldats russes sont morts entre le 3 mars et la fin de l'année 2022.",
            "fr",
            "period",
            "year",
        ),
        # a year that opens its sentence, however far its figure
        (
            "L'année 2024 fut, pour l'armée russe, la plus meurtrière depuis le début de cette guerre, avec au moins 38 000 soldats tués.",
            "fr",
            "period",
            "year",
        ),
    ],
)
def test_totals_of_events_ranges_and_opening_years(text: str, lang: str, scope: str, period: str | None) -> None:
    claim = _only(text, lang, None, day="2025-05-05")
    assert (claim.scope, claim.period) == (scope, period), claim.reasons


@pytest.mark.parametrize(
    "text, lang, scope, as_of",
    [
        # "February last year" is the February of the year before; as the war's start, it dates no figure
        (
            "Ukraine's General Staff says Russia has lost 250,000 troops since its invasion of the country began in February "
            "last year.",
            "en",
            "cumulative",
            "2023-09-01",
        ),
        ("Russia lost 20,000 troops in May last year, British intelligence said.", "en", "period", "2022-05"),
        ("La Russie a perdu 20 000 soldats en mai de l'année dernière, selon Londres.", "fr", "period", "2022-05"),
    ],
)
def test_a_month_of_last_year(text: str, lang: str, scope: str, as_of: str) -> None:
    claim = _only(text, lang, None, day="2023-09-01")
    assert (claim.scope, claim.as_of) == (scope, as_of), claim.reasons


def test_a_weekly_report_lists_its_battlegroups_totals_for_its_week() -> None:
    text = (
        "Ukraine lost more than 9,000 troops over the past week, the Russian defence ministry said on Friday. "
        "Battlegroup Zapad repelled 30 counterattacks, and Kyiv lost over 3,600 soldiers, while Battlegroup Tsentr "
        "eliminated up to 3,800 Ukrainian troops, the ministry said."
    )
    claims = _claims(text, "en", day="2024-11-01")
    assert [(c.value, c.scope, c.period) for c in claims] == [
        (9000, "period", "week"),
        (3600, "period", "week"),
        (3800, "period", "week"),
    ]
    # fighting at large is no one battle: "in battle with"
    claim = _only(
        "Ukraine lost over 5,000 soldiers in battle with Russian forces in the past week, the ministry said.",
        "en",
        None,
        day="2024-11-01",
    )
    assert (claim.scope, claim.period) == ("period", "week")


@pytest.mark.parametrize(
    "text, lang",
    [
        # a night said once holds for the counts that follow in its report, however far its figure
        (
            "Russia attacked Ukraine with drones and missiles during the night, the air force said. Air defences were active "
            "across the country. Over Odesa, 14 drones were shot down, and 8 more over Mykolaiv.",
            "en",
        ),
        (
            "Les forces russes disent avoir détruit 36 drones ukrainiens qui étaient entrés dans l'espace aérien russe au cours "
            "de la nuit.",
            "fr",
        ),
        (
            "La Russie a lancé une vaste attaque de drones pendant la nuit, selon l'armée de l'air ukrainienne. La défense "
            "antiaérienne a été active dans plusieurs régions. Au-dessus d'Odessa, 14 drones ont été abattus.",
            "fr",
        ),
    ],
)
def test_a_night_said_once_holds_for_its_reports_counts(text: str, lang: str) -> None:
    claims = _claims(text, lang, day="2024-11-18")
    assert claims and all((c.scope, c.period) == ("period", "day") for c in claims), [c.reasons for c in claims]


@pytest.mark.parametrize(
    "text, lang",
    [
        # a pronoun's sentence right after a total goes on counting it, since the invasion
        (
            "Les analystes d'Oryx affirment avoir confirmé la perte de 2 000 chars russes depuis le début de la guerre. "
            "Selon eux, 70 autres ont été abandonnés et 500 capturés par les forces ukrainiennes.",
            "fr",
        ),
        (
            "Oryx analysts say they have confirmed the loss of 2,000 Russian tanks since the invasion began. According to "
            "them, 70 more were abandoned and 500 captured by Ukrainian forces.",
            "en",
        ),
    ],
)
def test_a_pronouns_sentence_goes_on_counting_the_total_before(text: str, lang: str) -> None:
    claims = _claims(text, lang, day="2023-02-09")
    assert len(claims) >= 2 and all(c.scope == "cumulative" for c in claims), [(c.value, c.scope, c.reasons) for c in claims]


def test_the_past_week_is_as_of_the_document() -> None:
    # "over the past week": the seven days up to the report, not the calendar week before it
    claim = _only(
        "Russia's Battlegroup Yug eliminated more than 5,000 Ukrainian troops over the past week, the ministry said.",
        "en",
        None,
        day="2024-11-01",
    )
    assert (claim.scope, claim.period, claim.as_of) == ("period", "week", "2024-11-01")


@pytest.mark.parametrize(
    "text, lang, as_of",
    [
        # a rate is the figure's unit; the month beside it only dates it
        ("Russia's daily losses averaged 983 soldiers in January, British intelligence said.", "en", "2024-01"),
        ("British intelligence said Russia lost 1,100 troops in January daily.", "en", "2024-01"),
        ("La Russie a perdu 983 soldats par jour en janvier, selon le renseignement britannique.", "fr", "2024-01"),
    ],
)
def test_a_rate_beside_a_month_is_the_figures_unit(text: str, lang: str, as_of: str) -> None:
    claim = _only(text, lang, None, day="2024-02-24")
    assert (claim.scope, claim.period, claim.as_of) == ("period", "day", as_of), claim.reasons


def test_a_total_since_the_invasions_month_after_a_days_increment() -> None:
    # "depuis février 2022" starts the total's period: it is a cue of the total, not a month of figures
    text = (
        "Selon l'armée ukrainienne, 1 140 soldats russes ont été tués ces dernières 24 heures, ce qui porte les pertes "
        "russes à 512 000 hommes depuis février 2022."
    )
    assert [(c.value, c.scope, c.period) for c in _claims(text, "fr", day="2024-06-10")] == [
        (1140, "period", "day"),
        (512000, "cumulative", None),
    ]


@pytest.mark.parametrize(
    "text, lang",
    [
        # a span of months that is no whole unit takes the nearest unit (ANNOTATION.md): a month
        ("In the first three months of 2024, Russia lost 80,000 troops, the UK said.", "en"),
        ("Au premier semestre, la Russie a perdu 200 000 soldats, selon Kiev.", "fr"),
    ],
)
def test_spans_of_months_are_periods_of_months(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2024-07-14")
    assert (claim.scope, claim.period) == ("period", "month"), claim.reasons


@pytest.mark.parametrize(
    "text, lang, day, as_of",
    [
        # a range right after the figure dates it by its end
        (
            "D'après la presse, 16 000 soldats russes sont morts entre le 3 mars et la fin de l'année 2022.",
            "fr",
            "2023-07-10",
            "2022-12",
        ),
        ("D'après la presse, 19 000 soldats russes sont morts entre début 2023 et fin avril.", "fr", "2023-07-10", "2023-04"),
        (
            "Some 20,000 Russian soldiers died between February 24 and the end of 2022, the outlet estimates.",
            "en",
            "2023-07-10",
            "2022-12",
        ),
        # a year that opens the sentence dates its figures, however far
        (
            "L'année 2024 fut, pour l'armée russe, la plus meurtrière depuis le début de cette guerre, avec au moins 38 000 soldats tués.",
            "fr",
            "2025-05-05",
            "2024-12",
        ),
    ],
)
def test_ranges_and_opening_years_date_their_figures(text: str, lang: str, day: str, as_of: str) -> None:
    claim = _only(text, lang, None, day=day)
    assert claim.as_of == as_of, claim.reasons


@pytest.mark.parametrize(
    "text, lang",
    [
        # a sentence opening on an additive connector adds to the account before it: same scope
        (
            "Since the start of the counteroffensive, Ukraine has lost 26,000 soldiers, Shoigu said. Additionally, Russian "
            "forces eliminated 900 units of special equipment and 400 field artillery guns.",
            "en",
        ),
        (
            "Depuis le début de la contre-offensive, l'Ukraine a perdu 26 000 soldats, selon Choïgou. En outre, les forces "
            "russes ont détruit 400 pièces d'artillerie.",
            "fr",
        ),
    ],
)
def test_an_additive_sentence_shares_the_scope_of_the_account_before(text: str, lang: str) -> None:
    claims = _claims(text, lang, day="2023-07-12")
    assert len(claims) >= 2 and all(c.scope == "event" for c in claims), [(c.value, c.scope, c.reasons) for c in claims]


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # drones downed on a weekday: the day's air defence, whoever reports it
        ("La défense aérienne a abattu ce mardi 25 drones au-dessus de la capitale, selon le maire.", "fr", "period", "day"),
        ("Air defences shot down 25 drones on Tuesday over the capital, the mayor said.", "en", "period", "day"),
        # one air attack named just before: the drones and missiles downed are that attack's
        (
            "La Russie a lancé sa plus grande attaque aérienne du mois contre la capitale. "
            "La défense a abattu mardi 25 drones, selon le maire.",
            "fr",
            "event",
            None,
        ),
        # not drones: a weekday's strike ("abattu samedi trois Su-34")
        ("Les forces ont abattu samedi deux avions près de la ville, selon le maire.", "fr", "event", None),
    ],
)
def test_drones_downed_on_a_weekday_are_the_days_unless_an_attack_is_named(
    text: str, lang: str, scope: str, period: str | None
) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-14"))
    assert [(c.scope, c.period) for c in claims][-1:] == [(scope, period)], [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # a named campaign's ground: its event, a total of it included
        (
            "In total, during the battles in the Kursk region, the enemy has lost over 3,700 troops, the ministry said.",
            "en",
            "event",
            None,
        ),
        (
            "Au total, dans la région de Koursk, l'adversaire a perdu plus de 3 700 militaires, selon le ministère.",
            "fr",
            "event",
            None,
        ),
        ("Moscow said Kyiv lost 310 servicemen since the start of clashes in that region.", "en", "event", None),
        # a cue of its own stands: the campaign's day
        ("En 24 heures, l'armée a détruit 14 blindés dans la région de Koursk, selon le ministère.", "fr", "period", "day"),
        # the bulletin's day said in the sentence before holds for the place's figures
        (
            "Over the past 24 hours, the enemy lost more than 300 troops, the ministry said. Units repelled four attacks "
            "in the Kursk region, and Kyiv lost up to 15 people.",
            "en",
            "period",
            "day",
        ),
        # a third country's troops sent there: no event of theirs
        ("Seoul said 3,900 North Korean soldiers had been killed or wounded in the Kursk region.", "en", "cumulative", None),
    ],
)
def test_a_named_campaigns_ground_is_its_event(text: str, lang: str, scope: str, period: str | None) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-10-14"))
    assert [(c.scope, c.period) for c in claims][-1:] == [(scope, period)], [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Russian forces suffered 9,100 total casualties on the southern front in March, the wounded and the missing "
            "included.",
            "en",
        ),
        ("Au total, les forces russes ont perdu 9 100 hommes, blessés et disparus compris, sur le front sud en mars.", "fr"),
    ],
)
def test_a_bare_total_with_a_month_in_its_sentence_is_that_months(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2025-04-10")
    assert (claim.scope, claim.period, claim.as_of) == ("period", "month", "2025-03"), claim.to_dict()


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "L'armée a abattu quatre hélicoptères au cours des dernières 24 heures, d'après le ministère. Deux hélicoptères "
            "ont été détruits près du fleuve, a indiqué le ministère dans sa mise à jour quotidienne du 14 mai.",
            "fr",
        ),
        (
            "The army downed four helicopters in the past 24 hours, the ministry said. Two helicopters were destroyed "
            "near the river, the ministry said in its daily update of May 14.",
            "en",
        ),
    ],
)
def test_a_daily_reports_figures_keep_the_day_said_before(text: str, lang: str) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-16"))
    assert [(c.value, c.scope, c.period) for c in claims] == [(4, "period", "day"), (2, "period", "day")], [
        c.to_dict() for c in claims
    ]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "In October 2025, the fighting for the town was the fiercest of the war. Officials reported 21,000 Russian "
            "fatalities in October alone.",
            "en",
        ),
        (
            "En octobre 2025, les combats pour la ville ont été les plus durs de la guerre. Les autorités ont fait état de "
            "21 000 soldats russes tués en octobre.",
            "fr",
        ),
    ],
)
def test_a_month_without_its_year_takes_the_one_said_with_it_elsewhere(text: str, lang: str) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang))
    assert [(c.scope, c.period, c.as_of) for c in claims] == [("period", "month", "2025-10")], [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    "text, lang, day, period",
    [
        # a span from a month, up to the document's date: the unit nearest its length
        ("Officials estimate the army has lost 42,000 soldiers since November, the ministry said.", "en", "2024-03-20", "month"),
        ("Since January 2023 alone, the Russian army has lost over 2,400 tanks, analysts say.", "en", "2024-05-02", "year"),
        ("Depuis le début de septembre, l'armée a perdu 15 000 soldats, selon le ministère.", "fr", "2024-09-28", "month"),
        ("Depuis janvier, l'armée russe a perdu plus de 90 000 soldats, selon Kiev.", "fr", "2024-05-02", "year"),
        # the first of January, written as a day (AP's abbreviated month too): the year so far
        ("Russia has lost 217,000 troops since Jan. 1, 2025, the General Staff said.", "en", "2025-09-02", "year"),
        ("Since Jan. 1, the enemy has lost 180,000 soldiers, the General Staff said.", "en", "2025-08-14", "year"),
    ],
)
def test_a_span_since_a_month_or_year_is_a_period_of_its_nearest_unit(text: str, lang: str, day: str, period: str) -> None:
    claim = _only(text, lang, None, day=day)
    assert (claim.scope, claim.period) == ("period", period), claim.to_dict()


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The army has lost 31,000 soldiers since February, the ministry said.", "en"),
        ("L'armée russe a perdu 310 000 soldats depuis 2022, selon Kiev.", "fr"),
    ],
)
def test_a_span_since_the_invasions_month_or_year_is_cumulative(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2024-05-02")
    assert claim.scope == "cumulative", claim.to_dict()


@pytest.mark.parametrize(
    "text, lang, as_of",
    [
        (
            "The institute said on Monday that Russia lost 1.1 million troops between the start of the invasion in "
            "February 2022 and October 2025.",
            "en",
            "2025-10",
        ),
        (
            "Le média estime à 70 000 le nombre total de soldats russes tués entre l'entrée des troupes au printemps "
            "2022 et la fin de 2023.",
            "fr",
            "2023-12",
        ),
    ],
)
def test_a_range_after_the_figure_dates_it_by_its_end(text: str, lang: str, as_of: str) -> None:
    claim = _only(text, lang, None, day="2026-01-20")
    assert claim.as_of == as_of, claim.to_dict()


@pytest.mark.parametrize(
    "text, lang",
    [
        ("À la fin de 2023, l'armée russe avait perdu 300 000 soldats, selon le ministère.", "fr"),
        ("By the end of 2023, the Russian army had lost 300,000 soldiers, the ministry said.", "en"),
    ],
)
def test_a_total_at_the_end_of_a_year_is_as_of_its_december(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2024-06-10")
    assert (claim.scope, claim.as_of) == ("cumulative", "2023-12"), claim.to_dict()


@pytest.mark.parametrize(
    "text, lang, values",
    [
        (
            "L'armée a détruit 12 vedettes ukrainiennes, précise le ministère dans son bilan hebdomadaire. Le groupement "
            "Nord a repoussé 9 contre-attaques et l'ennemi a perdu plus de 2.900 soldats dans sa zone. La défense "
            "aérienne a abattu 410 drones.",
            "fr",
            [12, 2900, 410],
        ),
        (
            "The army destroyed 12 Ukrainian boats, the ministry said in its weekly update. Battlegroup North repelled "
            "9 counterattacks, and the enemy lost more than 2,900 troops in its area. Air defence downed 410 drones.",
            "en",
            [12, 2900, 410],
        ),
    ],
)
def test_a_weekly_reports_items_keep_its_week_whatever_their_size(text: str, lang: str, values: list[int]) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-09-06"))
    assert [(c.value, c.scope, c.period) for c in claims] == [(v, "period", "week") for v in values], [
        c.to_dict() for c in claims
    ]


@pytest.mark.parametrize(
    "text, lang, scope",
    [
        ("Selon Moscou, l'armée ukrainienne a perdu plus de 400 000 hommes durant l'opération militaire.", "fr", "cumulative"),
        ("Western officials estimate that 20,000 Russians were killed in the invasion.", "en", "cumulative"),
        # the quoted name of the war is no one operation
        ("Kyiv says Russia has lost more than 2,100 vehicles in what Moscow calls a 'military operation'.", "en", "cumulative"),
        # the Russian MoD's boilerplate keeps its day
        (
            "Les forces russes ont abattu 12 drones au cours de la journée durant l'opération militaire spéciale, selon "
            "le ministère.",
            "fr",
            "period",
        ),
    ],
)
def test_the_whole_invasion_or_operation_is_cumulative(text: str, lang: str, scope: str) -> None:
    claim = _only(text, lang, None, day="2024-05-02")
    assert claim.scope == scope, claim.to_dict()


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a cue after a list of killed, wounded and captured is the list's
        (
            "L'ennemi a perdu 6 100 soldats, 9 800 blessés et 540 capturés au cours de l'incursion, selon l'état-major.",
            "fr",
            [(6100, "event"), (9800, "event"), (540, "event")],
        ),
        # a total and its part keep their own scopes
        (
            "The army has lost 640,000 troops since the start of the war, including 1,200 over the past day.",
            "en",
            [(640000, "cumulative"), (1200, "period")],
        ),
        # "dans la zone" after a sentence naming the campaign's ground
        (
            "Les troupes sont entrées dans la région de Koursk en août. Selon Moscou, elles y ont été arrêtées. Kiev a "
            "perdu 21 000 militaires et 150 chars dans la zone.",
            "fr",
            [(21000, "event"), (150, "event")],
        ),
        # a season's offensive is one campaign
        ("During the current summer offensive, Russia has lost about 28,000 soldiers, analysts say.", "en", [(28000, "event")]),
    ],
)
def test_a_lists_campaign_cue_and_a_campaigns_ground_said_before(text: str, lang: str, expected: list) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-10-18"))
    assert [(c.value, c.scope) for c in claims] == expected, [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("La défense antiaérienne a intercepté 140 drones ukrainiens entre 22h et minuit, selon le ministère.", "fr"),
        ("Le ministère dit avoir abattu en l'espace de trois heures 150 drones ukrainiens.", "fr"),
        ("Air defence shot down 130 Ukrainian drones in a matter of hours, the ministry said.", "en"),
    ],
)
def test_a_span_of_hours_is_one_days(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2025-05-20")
    assert (claim.scope, claim.period) == ("period", "day"), claim.to_dict()


@pytest.mark.parametrize(
    "text, lang, period",
    [
        (
            "Le ministère a publié son décompte du 3 mars au 30 mars. Les unités étrangères ont reculé. Selon lui, 240 "
            "mercenaires ont été tués pendant cette période.",
            "fr",
            "month",
        ),
        (
            "The ministry published its count from March 3 to March 9. Foreign units fell back. It said 240 mercenaries "
            "were killed during this period.",
            "en",
            "week",
        ),
    ],
)
def test_this_period_is_the_one_stated_before(text: str, lang: str, period: str) -> None:
    claim = _only(text, lang, None, day="2025-04-02")
    assert (claim.scope, claim.period) == ("period", period), claim.to_dict()


def test_a_parts_cue_after_its_opener_wins_over_its_totals() -> None:
    text = "L'armée a perdu 91 200 soldats depuis le début de la guerre, dont 710 au cours de la dernière journée."
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2022-12-01"))
    assert [(c.value, c.scope, c.period) for c in claims] == [(91200, "cumulative", None), (710, "period", "day")], [
        c.to_dict() for c in claims
    ]


@pytest.mark.parametrize(
    "text, lang, scope, period",
    [
        # a month after "over the course of", past a list's second item
        (
            "The army lost over 7,000 troops and a large amount of military equipment over the course of October, the "
            "minister said.",
            "en",
            "period",
            "month",
        ),
        # the invasion's year in a clause after "since", however long
        (
            "This would bring the total number of Russian casualties since Moscow began its long invasion of Ukraine "
            "in 2022 to 702,100.",
            "en",
            "cumulative",
            None,
        ),
        # "on the night of": the night's drones
        (
            "Air defence destroyed six of the nine drones that the enemy launched on the night of May 3 to 4, the air "
            "force said.",
            "en",
            "period",
            "day",
        ),
    ],
)
def test_month_spans_the_invasions_year_and_nights(text: str, lang: str, scope: str, period: str | None) -> None:
    claim = _only(text, lang, None, day="2024-11-20")
    assert (claim.scope, claim.period) == (scope, period), claim.to_dict()


def test_the_same_period_is_the_one_said_not_a_size_s_guess() -> None:
    # "Another 700" is read as a total by its size alone; "during the same period" goes back to the operation
    text = (
        "Russia lost 7,900 soldiers during the Kursk operation, the commander said. Another 700 Russians were captured. "
        "During the same period, Ukraine destroyed 50 tanks."
    )
    claims = extract_claims(bilan.read_text(text, "t", lang="en", date="2024-05-14"))
    assert [(c.value, c.scope, c.reason("scope").rule) for c in claims][2] == (50, "event", "same_period_as_previous")


def test_another_adds_to_the_account_before() -> None:
    text = "Russia lost 7,900 soldiers during the Kursk operation, the commander said. Another 700 Russians were captured."
    claims = extract_claims(bilan.read_text(text, "t", lang="en", date="2024-05-14"))
    assert [(c.value, c.scope, c.reason("scope").rule) for c in claims] == [
        (7900, "event", "cue:event"),
        (700, "event", "added_to_the_account_before"),
    ]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # a year opening the sentence after "qu'"
        ("Rien qu'en 2023, l'armée a perdu plus de 210.000 hommes, a déclaré le général.", "fr", [(210000, "year")]),
        # within one week; the month with the highest losses
        ("In March, reports showed nearly 9,000 casualties within just one week.", "en", [(9000, "week")]),
        ("August was the month with the highest artillery losses, totaling 390.", "en", [(390, "month")]),
        # a rate said after the figure is the next number's
        (
            "Au cours des trois premiers mois, les pertes ont atteint 110 000, avec une moyenne quotidienne de 1 150 soldats "
            "tués en mars.",
            "fr",
            [(110000, "month"), (1150, "day")],
        ),
    ],
)
def test_opening_years_weeks_worst_months_and_rates(text: str, lang: str, expected: list) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-05-20"))
    assert [(c.value, c.period) for c in claims] == expected, [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "The Vostok group improved its positions in the past week, while the enemy lost up to 1,900 soldiers in "
            "clashes, the Defense Ministry said on Friday.",
            "en",
        ),
        (
            "Le groupement Est a amélioré ses positions au cours de la semaine écoulée, tandis que l'ennemi a perdu "
            "jusqu'à 1 900 soldats, a indiqué vendredi le ministère.",
            "fr",
        ),
    ],
)
def test_a_weekday_dating_the_statement_leaves_the_week_said(text: str, lang: str) -> None:
    claim = _only(text, lang, None, day="2024-06-07")
    assert (claim.scope, claim.period) == ("period", "week"), claim.to_dict()


@pytest.mark.parametrize(
    "text, lang, as_of",
    [
        # a month opening the sentence before its verb, with the year said after it
        ("En juin de cette année, le journal a rapporté que l'armée russe avait perdu 110 000 soldats.", "fr", "2023-06"),
        # a superseded estimate: the new figure is of the document's date
        (
            "En mars, le service comptait 500 morts, mais il avance désormais un bilan d'environ 1 800 soldats tués.",
            "fr",
            "2023-11-20",
        ),
        # the date a total stands at, further than a date dates by itself
        ("Moscow put the number of its soldiers who had died in the fighting at 5,100 as of February.", "en", "2023-02"),
    ],
)
def test_as_of_from_opening_months_superseded_estimates_and_totals_as_of(text: str, lang: str, as_of: str) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2023-11-20"))
    assert [c.as_of for c in claims][-1:] == [as_of], [c.to_dict() for c in claims]


def test_a_cue_glued_after_a_model_number_is_the_next_sentences() -> None:
    text = (
        "Selon le bilan hebdomadaire, la défense aérienne a abattu huit avions du 3 au 9 mars, dont trois chasseurs "
        "Su-27.En tout, depuis le début de l'opération, nos forces ont abattu 560 avions."
    )
    claims = extract_claims(bilan.read_text(text, "t", lang="fr", date="2024-03-10"))
    assert [(c.value, c.scope, c.period) for c in claims] == [
        (8, "period", "week"),
        (3, "period", "week"),
        (560, "cumulative", None),
    ], [c.to_dict() for c in claims]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The navy said it had destroyed two Russian patrol boats, the first naval loss it has claimed since March."),
        ("fr", "La marine a détruit deux patrouilleurs russes, la première perte navale revendiquée depuis mars."),
    ],
)
def test_a_record_since_a_month_is_no_span_of_the_figure(lang: str, text: str) -> None:
    claims = extract_claims(bilan.read_text(text, "t", lang=lang, date="2024-07-02"))
    assert [(c.value, c.scope) for c in claims] == [(2, "event")]
