"""Dates in French and English text, resolved against the document's date."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilan.dating import DateMention, day_number_to_date, find_dates

TUESDAY = "2024-11-12"


def only(text: str, lang: str, base: str | None) -> DateMention:
    mentions = find_dates(text, lang, base)
    assert len(mentions) == 1, mentions
    return mentions[0]


# (lang, text, base, evidence, date, kind)
CASES = [
    ("fr", "le 9 novembre 2024 à Toretsk", None, "le 9 novembre 2024", "2024-11-09", "explicit"),
    ("fr", "tué le 9 novembre", TUESDAY, "le 9 novembre", "2024-11-09", "explicit"),
    ("fr", "depuis le 24 février", "2023-01", "le 24 février", "2022-02-24", "explicit"),
    ("fr", "depuis le 24 février", "2023-01-05", "le 24 février", "2022-02-24", "explicit"),
    ("fr", "jusqu'au 7 janvier", "2023-01-05", "7 janvier", "2023-01-07", "explicit"),
    ("fr", "le 1er mars", TUESDAY, "le 1er mars", "2024-03-01", "explicit"),
    ("fr", "lundi 11 novembre", TUESDAY, "lundi 11 novembre", "2024-11-11", "explicit"),
    ("fr", "au 31/12/2022", None, "31/12/2022", "2022-12-31", "explicit"),
    ("fr", "le rapport 2022-12-31", None, "2022-12-31", "2022-12-31", "explicit"),
    ("fr", "depuis 24.02.22", None, "24.02.22", "2022-02-24", "explicit"),
    ("fr", "le 12.05.24", None, "12.05.24", "2024-05-12", "explicit"),
    ("fr", "24 février", None, "24 février", None, "explicit"),
    ("fr", "Kiev, 12 nov 2024 (AFP) - L'armée", None, "12 nov 2024", "2024-11-12", "explicit"),
    ("fr", "le 3 sept. à l'aube", None, "le 3 sept.", None, "explicit"),
    ("fr", "Lundi, la Russie", TUESDAY, "Lundi", "2024-11-11", "weekday"),
    ("fr", "morts dimanche", TUESDAY, "dimanche", "2024-11-10", "weekday"),
    ("fr", "Samedi matin, des photos", TUESDAY, "Samedi matin", "2024-11-09", "weekday"),
    ("fr", "mardi", TUESDAY, "mardi", "2024-11-12", "weekday"),
    ("fr", "lundi dernier", "2024-11-11", "lundi dernier", "2024-11-04", "weekday"),
    ("fr", "dimanche", "2024-11", "dimanche", "2024-11", "weekday"),
    ("fr", "dimanche", None, "dimanche", None, "weekday"),
    ("fr", "hier", TUESDAY, "hier", "2024-11-11", "relative_day"),
    ("fr", "Hier, Poutine", "2022-12-21", "Hier", "2022-12-20", "relative_day"),
    ("fr", "aujourd’hui", TUESDAY, "aujourd’hui", "2024-11-12", "relative_day"),
    ("fr", "aujourd'hui", "2024-11", "aujourd'hui", "2024-11", "relative_day"),
    ("fr", "avant-hier", TUESDAY, "avant-hier", "2024-11-10", "relative_day"),
    ("fr", "cette nuit", TUESDAY, "cette nuit", "2024-11-12", "relative_day"),
    ("fr", "la nuit dernière", TUESDAY, "la nuit dernière", "2024-11-11", "relative_day"),
    ("fr", "cette semaine", TUESDAY, "cette semaine", "2024-11-11", "week"),
    ("fr", "la semaine dernière", TUESDAY, "la semaine dernière", "2024-11-04", "week"),
    ("fr", "le week-end dernier", TUESDAY, "le week-end dernier", "2024-11-09", "week"),
    ("fr", "le week-end dernier", "2024-11-10", "le week-end dernier", "2024-11-02", "week"),
    ("fr", "cette semaine", "2022-08", "cette semaine", "2022-08", "week"),
    ("fr", "en mai", TUESDAY, "en mai", "2024-05", "month"),
    ("fr", "en mai", "2024-04-02", "en mai", "2023-05", "month"),
    ("fr", "en novembre", TUESDAY, "en novembre", "2024-11", "month"),
    ("fr", "en mai dernier", "2024-05-20", "en mai dernier", "2023-05", "month"),
    ("fr", "au mois de mai", TUESDAY, "au mois de mai", "2024-05", "month"),
    ("fr", "en octobre", TUESDAY, "en octobre", "2024-10", "month"),
    ("fr", "mai 2024", None, "mai 2024", "2024-05", "month"),
    ("fr", "en février 2022", TUESDAY, "en février 2022", "2022-02", "month"),
    ("fr", "qu’octobre était le pire mois", TUESDAY, "octobre", "2024-10", "month"),
    ("fr", "le mois dernier", TUESDAY, "le mois dernier", "2024-10", "month"),
    ("fr", "ce mois-ci", TUESDAY, "ce mois-ci", "2024-11", "month"),
    ("fr", "le jour 302", None, "le jour 302", "2022-12-22", "day_number"),
    ("fr", "le 302e jour", None, "le 302e jour", "2022-12-22", "day_number"),
    ("fr", "J+302", None, "J+302", "2022-12-22", "day_number"),
    ("fr", "en 2022", None, "en 2022", "2022", "year"),
    ("fr", "depuis 2022", TUESDAY, "depuis 2022", "2022", "year"),
    ("fr", "à la fin de 2023", TUESDAY, "la fin de 2023", "2023", "year"),
    ("fr", "rien qu'en 2025", TUESDAY, "en 2025", "2025", "year"),
    ("fr", "depuis le début de 2024", TUESDAY, "le début de 2024", "2024", "year"),
    ("fr", "l'année dernière", TUESDAY, "l'année dernière", "2023", "year"),
    ("en", "on November 9, 2024", None, "on November 9, 2024", "2024-11-09", "explicit"),
    ("en", "9 Nov 2024", None, "9 Nov 2024", "2024-11-09", "explicit"),
    ("en", "the 24th of February, 2022", None, "the 24th of February, 2022", "2022-02-24", "explicit"),
    ("en", "since February 24", "2023-01-05", "February 24", "2022-02-24", "explicit"),
    ("en", "as of 31/12/2022", None, "31/12/2022", "2022-12-31", "explicit"),
    ("en", "as of 12/31/2022", None, "12/31/2022", "2022-12-31", "explicit"),
    ("en", "on Monday", TUESDAY, "on Monday", "2024-11-11", "weekday"),
    ("en", "Sunday", TUESDAY, "Sunday", "2024-11-10", "weekday"),
    ("en", "last Monday", "2024-11-11", "last Monday", "2024-11-04", "weekday"),
    ("en", "yesterday", TUESDAY, "yesterday", "2024-11-11", "relative_day"),
    ("en", "today", TUESDAY, "today", "2024-11-12", "relative_day"),
    ("en", "last night", TUESDAY, "last night", "2024-11-11", "relative_day"),
    ("en", "Yesterday morning a strike", TUESDAY, "Yesterday morning", "2024-11-11", "relative_day"),
    ("en", "KYIV, Nov 12 (Reuters) -", "2024-11", "Nov 12", "2024-11-12", "explicit"),
    ("en", "since mid-October", TUESDAY, "mid-October", "2024-10", "month"),
    ("en", "the war would end by May 9", TUESDAY, "May 9", "2024-05-09", "explicit"),
    ("en", "last week", TUESDAY, "last week", "2024-11-04", "week"),
    ("en", "last weekend", TUESDAY, "last weekend", "2024-11-09", "week"),
    ("en", "in May", TUESDAY, "in May", "2024-05", "month"),
    ("en", "May 2024", None, "May 2024", "2024-05", "month"),
    ("en", "last month", TUESDAY, "last month", "2024-10", "month"),
    ("en", "day 302", None, "day 302", "2022-12-22", "day_number"),
    ("en", "the 302nd day", None, "the 302nd day", "2022-12-22", "day_number"),
    ("en", "in 2022", None, "in 2022", "2022", "year"),
    ("en", "since the beginning of 2024", TUESDAY, "the beginning of 2024", "2024", "year"),
    # a day without its year, then the year it belongs to: one day of that year
    ("en", "On March 3 last year, the army", TUESDAY, "On March 3 last year", "2023-03-03", "explicit"),
    (
        "fr",
        "le 24 février de l'année dernière, la Russie",
        TUESDAY,
        "le 24 février de l'année dernière",
        "2023-02-24",
        "explicit",
    ),
    ("fr", "le 3 mars, l'an dernier, un", TUESDAY, "le 3 mars, l'an dernier", "2023-03-03", "explicit"),
]


@pytest.mark.parametrize("lang,text,base,evidence,expected,kind", CASES)
def test_dates(lang: str, text: str, base: str | None, evidence: str, expected: str | None, kind: str) -> None:
    mention = only(text, lang, base)
    assert (mention.text, mention.date, mention.kind) == (evidence, expected, kind)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "lang,text",
    [
        ("fr", "sept soldats"),
        ("fr", "332 soldats par jour"),
        ("fr", "1 800 chars"),
        ("fr", "le jour de l'An"),
        ("fr", "en 24 heures"),
        ("en", "10,000 may have died"),
        ("en", "troops march on Kyiv"),
        ("en", "300 soldiers a day"),
    ],
)
def test_not_dates(lang: str, text: str) -> None:
    assert find_dates(text, lang, TUESDAY) == []


def test_a_malformed_base_resolves_nothing_relative() -> None:
    assert [m.date for m in find_dates("hier, en mai, le 9 novembre 2024", "fr", "2024-13")] == [None, None, "2024-11-09"]


def test_window_offsets_are_absolute() -> None:
    text = "Hier, 300 soldats. Lundi, 1 950 soldats sont morts."
    start = text.index("Lundi")
    mentions = find_dates(text, "fr", TUESDAY, start)
    assert [(m.start, m.text, m.date) for m in mentions] == [(start, "Lundi", "2024-11-11")]


def test_day_numbers() -> None:
    assert day_number_to_date(1) == "2022-02-24"
    assert day_number_to_date(302) == "2022-12-22"
    assert day_number_to_date(993) == "2024-11-12"


# --- properties -----------------------------------------------------------------------

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DAYS, st.sampled_from(["fr_long", "en_long", "en_day_first", "iso", "dots", "slashes"]))
def test_explicit_dates_read_back(day: date, form: str) -> None:
    lang = "en" if form.startswith("en") else "fr"
    written = {
        "fr_long": f"le {day.day} {MONTHS_FR[day.month - 1]} {day.year}",
        "en_long": f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
        "en_day_first": f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
        "iso": day.isoformat(),
        "dots": day.strftime("%d.%m.%y"),
        "slashes": day.strftime("%d/%m/%Y"),
    }[form]
    mention = only(f"Selon le rapport du {written}, les pertes", lang, None)
    assert (mention.text, mention.date, mention.kind) == (written, day.isoformat(), "explicit")


@settings(max_examples=300, deadline=None)
@given(DAYS, st.integers(min_value=0, max_value=6), st.sampled_from(["fr", "en"]))
def test_weekdays_are_the_latest_on_or_before_base(base: date, weekday: int, lang: str) -> None:
    name = (
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        if lang == "fr"
        else ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )[weekday]
    resolved = date.fromisoformat(only(f"les pertes de {name} ont", lang, base.isoformat()).date)
    assert resolved.weekday() == weekday
    assert base - timedelta(days=6) <= resolved <= base


@settings(max_examples=200, deadline=None)
@given(DAYS, st.integers(min_value=1, max_value=12))
def test_months_are_the_latest_on_or_before_base(base: date, month: int) -> None:
    resolved = only(f"en {MONTHS_FR[month - 1]}, les pertes", "fr", base.isoformat()).date
    year = base.year if month <= base.month else base.year - 1
    assert resolved == f"{year:04d}-{month:02d}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=5000))
def test_day_numbers_count_from_the_invasion(day: int) -> None:
    resolved = date.fromisoformat(day_number_to_date(day))
    assert (resolved - date(2022, 2, 24)).days == day - 1
    assert only(f"le jour {day} de la guerre", "fr", None).date == resolved.isoformat()


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=200), st.sampled_from(["fr", "en"]), st.sampled_from([None, "2024-11", TUESDAY, "2024-02-29", "not a date"])
)
def test_never_raises_sorted_non_overlapping(text: str, lang: str, base: str | None) -> None:
    previous_end = 0
    for mention in find_dates(text, lang, base):
        assert previous_end <= mention.start < mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]
        previous_end = mention.end


DATEISH = st.lists(
    st.sampled_from(
        [
            "le ",
            "9 ",
            "31 ",
            "novembre ",
            "mai ",
            "lundi ",
            "dernier ",
            "2024",
            "02",
            ".",
            "/",
            "-",
            "jour ",
            "hier ",
            "cette ",
            "semaine ",
            "May ",
            "on ",
            "day ",
            "+",
            "J",
            "1er ",
            "de ",
            "en ",
            "mois ",
            "week-end ",
            " ",
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(DATEISH, st.sampled_from(["fr", "en"]), st.sampled_from([None, "2024-11", TUESDAY]))
def test_dateish_text_never_raises(text: str, lang: str, base: str | None) -> None:
    for mention in find_dates(text, lang, base):
        assert mention.text == text[mention.start : mention.end]
        assert mention.date is None or mention.date[:2] in ("19", "20")


# --- the seed articles ----------------------------------------------------------------


def test_seed_dates(seeds_dir: Path) -> None:
    """The dates the seeds' gold `as_of` rests on: 001's "dimanche", "lundi", "en mai"
    (article of 2024-11-12), 004's "jour 302" and 002's "le 24 février"."""
    text = (seeds_dir / "001_996ff203b985e3c5.txt").read_text(encoding="utf-8")
    found = {(m.text, m.date) for m in find_dates(text, "fr", TUESDAY)}
    assert {
        ("dimanche", "2024-11-10"),
        ("lundi", "2024-11-11"),
        ("en mai", "2024-05"),
        ("le 9 novembre 2024", "2024-11-09"),
    } <= found
    text = (seeds_dir / "004_c19c4a4a4cc74163.txt").read_text(encoding="utf-8")
    assert ("le jour 302", "2022-12-22") in {(m.text, m.date) for m in find_dates(text, "fr", None)}
    text = (seeds_dir / "002_494be95dc6817c3d.txt").read_text(encoding="utf-8")
    assert ("le 24 février", "2022-02-24") in {(m.text, m.date) for m in find_dates(text, "fr", "2023-01")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_core_scan_starts_where_no_word_character_stands_before(lang: str) -> None:
    """The core scan's `\\b` is "no word character before" only because every core word starts
    with one: it finds what the look-ahead on first letters and look-behind found."""
    import re

    from bilan import dating
    from bilan.numbers import regex_alternation

    words = sorted(set(dating.CORE_WORDS[lang]) | set(dating.MONTHS[lang]) | set(dating.WEEKDAYS[lang]))
    assert all(re.match(r"\w", word) for word in words)
    first = "".join(sorted({w[0] for w in words}))
    before = re.compile(f"(?=[{re.escape(first)}\\d])(?<![\\w])(?:\\d|{regex_alternation(words)}(?![^\\W\\d_]))")
    text = " ".join(words) + " x" + "x".join(words) + " 12 a3 _mai 3mai l'an -2 jour,nuit. Mois"
    text = text.lower()
    assert [m.span() for m in dating.CORES[lang].finditer(text)] == [m.span() for m in before.finditer(text)]
