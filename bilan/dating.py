"""Dates a French or English news text names, resolved against the document's date.

`find_dates` finds explicit dates ("le 9 novembre 2024", "November 9, 2024", "24.02.22",
"2022-12-31"), weekdays ("lundi", "samedi matin", "on Monday"), relative days ("hier",
"yesterday", "cette nuit"), weeks ("la semaine dernière", "last weekend"), months ("en
mai", "in May", "mai 2024", "le mois dernier"), day numbers of the war ("jour 302") and
years ("en 2022"), each resolved against `base`, the document's date.

Resolution. News speaks of the past: a weekday is the most recent such day on or before
the base date, a month without a year the most recent such month on or before the base
month, and a day and month without a year fall in the base's year unless that puts them
more than `FUTURE_TOLERANCE_DAYS` after the base (an announced ceasefire "le 7 janvier"
in an article of 5 January), in which case they fall in the year before. When the base is
only a month, everything finer than a month resolves to that month; without a base, only
dates that carry their year (and day numbers) resolve.

How: a fast scan of the lowered text finds the words every form holds (a digit, a month,
a weekday, "hier", "semaine", ...); one precompiled pattern per language is then tried
from a few words before each ("au mois de mai"), keeping the longest reading. The words
live in the tables below. Explicit spans are read with these tables, not with dateparser:
the pattern already splits them into day, month and year, which dateparser would parse
again at about a millisecond a call; and dateparser misses "lundi dernier".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from bilan.model import BilanError, collector_paused
from bilan.numbers import lowered_same_length, regex_alternation

INVASION = date(2022, 2, 24)  # day 1 of the General Staff's reports
# How far after the base date an explicit day without a year may fall and still be read
# in the base's year: announcements of the coming days ("le 7 janvier" in an article of
# 5 January). Beyond it, the past year: "le 24 février" in an article of January 2023.
FUTURE_TOLERANCE_DAYS = 14
# Articles hold tens of dates, 10 MB of real articles (the seeds repeated) 13,932: a text of
# more is refused (TooManyDates), as one of too many numbers is, before a scope reads them
# all for each figure (10 MB of "lundi, " before figures: 1.4 million dates, 50 s and 709 MB).
MAX_DATES = 50_000


class TooManyDates(BilanError):
    """A text holds more than MAX_DATES dates: no article does."""

    def __init__(self) -> None:
        super().__init__(f"more than {MAX_DATES:,} dates in one text (an article holds tens); split it into articles")


@dataclass(slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: str | None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"; None when it cannot be resolved
    kind: str  # explicit, weekday, relative_day, month, week, day_number, year


MONTHS = {
    "fr": {
        "janvier": 1,
        "janv.": 1,
        "février": 2,
        "fevrier": 2,
        "févr.": 2,
        "fév.": 2,
        "mars": 3,
        "avril": 4,
        "avr.": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "juil.": 7,
        "août": 8,
        "aout": 8,
        "septembre": 9,
        "sept.": 9,
        "octobre": 10,
        "oct.": 10,
        "novembre": 11,
        "nov.": 11,
        "décembre": 12,
        "decembre": 12,
        "déc.": 12,
    },
    "en": {
        "january": 1,
        "jan.": 1,
        "jan": 1,
        "february": 2,
        "feb.": 2,
        "feb": 2,
        "march": 3,
        "mar.": 3,
        "april": 4,
        "apr.": 4,
        "apr": 4,
        "may": 5,
        "june": 6,
        "jun.": 6,
        "jun": 6,
        "july": 7,
        "jul.": 7,
        "jul": 7,
        "august": 8,
        "aug.": 8,
        "aug": 8,
        "september": 9,
        "sept.": 9,
        "sept": 9,
        "sep.": 9,
        "sep": 9,
        "october": 10,
        "oct.": 10,
        "oct": 10,
        "november": 11,
        "nov.": 11,
        "nov": 11,
        "december": 12,
        "dec.": 12,
        "dec": 12,
    },
}
# Abbreviations without a dot, read only after a day number: wire datelines write
# "Kiev, 12 nov 2024 (AFP)", while a bare "sept" is the number seven.
MONTHS_SHORT = {
    "fr": {"janv": 1, "févr": 2, "fév": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12},
    "en": {},
}
# English month names that are also common words: read only when capitalised.
MONTHS_NEEDING_CAPITAL = {"may", "march", "mar", "mar.", "jan", "sep", "oct", "dec"}
WEEKDAYS = {
    "fr": {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
}
# Words that may follow a weekday inside its mention ("samedi matin", "lundi dernier").
WEEKDAY_SUFFIXES = {
    "fr": ("dernier", "matin", "soir", "après-midi", "midi", "soir-là", "passé"),
    "en": ("morning", "afternoon", "evening", "night"),
}
WEEKDAY_PREFIXES = {"fr": (), "en": ("on", "last", "this", "early on", "late on")}
# Days from the base date.
RELATIVE_DAYS = {
    "fr": {
        "aujourd'hui": 0,
        "aujourd’hui": 0,
        "ce matin": 0,
        "ce soir": 0,
        "cette nuit": 0,
        "hier": -1,
        "hier soir": -1,
        "hier matin": -1,
        "hier après-midi": -1,
        "la nuit dernière": -1,
        "avant-hier": -2,
        "demain": 1,
        "après-demain": 2,
    },
    "en": {
        "today": 0,
        "this morning": 0,
        "tonight": 0,
        "this evening": 0,
        "yesterday": -1,
        "yesterday morning": -1,
        "yesterday afternoon": -1,
        "yesterday evening": -1,
        "last night": -1,
        "overnight": -1,
        "the day before yesterday": -2,
        "tomorrow": 1,
    },
}
# (weeks from the base's week, "week" starts on Monday or "weekend" on Saturday).
WEEKS = {
    "fr": {
        "cette semaine": (0, "week"),
        "la semaine dernière": (-1, "week"),
        "la semaine passée": (-1, "week"),
        "la semaine prochaine": (1, "week"),
        "le week-end dernier": (-1, "weekend"),
        "ce week-end": (0, "weekend"),
        "le weekend dernier": (-1, "weekend"),
        "ce weekend": (0, "weekend"),
        "le week-end": (-1, "weekend"),
    },
    "en": {
        "this week": (0, "week"),
        "last week": (-1, "week"),
        "next week": (1, "week"),
        "last weekend": (-1, "weekend"),
        "this weekend": (0, "weekend"),
        "over the weekend": (-1, "weekend"),
        "at the weekend": (-1, "weekend"),
    },
}
# (months or years from the base's, unit)
RELATIVE_PERIODS = {
    "fr": {
        "ce mois-ci": (0, "month"),
        "le mois dernier": (-1, "month"),
        "le mois passé": (-1, "month"),
        "cette année": (0, "year"),
        "l'année dernière": (-1, "year"),
        "l’année dernière": (-1, "year"),
        "l'an dernier": (-1, "year"),
        "l’an dernier": (-1, "year"),
        "l'année passée": (-1, "year"),
        "l’année passée": (-1, "year"),
    },
    "en": {"this month": (0, "month"), "last month": (-1, "month"), "this year": (0, "year"), "last year": (-1, "year")},
}
# Words that introduce a month or a year and belong to its mention ("en mai", "in May").
MONTH_PREFIXES = {
    "fr": (
        "en",
        "au mois de",
        "au mois d'",
        "au mois d’",
        "début",
        "fin",
        "mi-",
        "courant",
        "depuis",
        "dès",
        "jusqu'en",
        "jusqu’en",
        "d'ici",
        "d’ici",
        "du mois de",
        "du mois d'",
        "du mois d’",
        "le mois de",
    ),
    "en": ("in", "early", "late", "mid-", "since", "until", "by", "last", "this", "during", "the course of", "throughout"),
}
MONTH_SUFFIXES = {"fr": ("de l'année dernière", "de l’année dernière", "dernier"), "en": ("last year", "last")}
DAY_WORDS = {"fr": ("jour",), "en": ("day",)}
ORDINAL_SUFFIXES = {"fr": ("er", "e", "ème", "eme"), "en": ("st", "nd", "rd", "th")}
YEAR_PREFIXES = {
    "fr": (
        "en",
        "depuis",
        "dès",
        "début",
        "fin",
        "mi-",
        "jusqu'en",
        "jusqu’en",
        "courant",
        "l'an",
        "l’an",
        "année",
        "début de",
        "fin de",
        "le début de",
        "la fin de",
    ),
    "en": (
        "in",
        "since",
        "early",
        "late",
        "mid-",
        "until",
        "by",
        "during",
        "the end of",
        "end of",
        "end-",
        "the beginning of",
        "the start of",
        "beginning of",
        "start of",
    ),
}

SPACE = r"[ \u00a0\u202f]"


def _words(words) -> str:
    """An alternation, longest first, of words (escaped; spaces match any space)."""
    return "|".join(re.escape(w).replace(r"\ ", SPACE + "+") for w in sorted(words, key=len, reverse=True))


def _pattern(lang: str) -> re.Pattern[str]:
    months = _words(MONTHS[lang])
    day_months = _words({**MONTHS[lang], **MONTHS_SHORT[lang]})
    weekdays = _words(WEEKDAYS[lang])
    ordinal = _words(ORDINAL_SUFFIXES[lang])
    day = rf"(?:[12]\d|3[01]|0?[1-9])(?:{ordinal})?" if lang == "en" else (r"(?:1er|premier|[12]\d|3[01]|0?[1-9])")
    year = r"(?:19|20)\d\d"
    weekday_prefix = f"(?:(?:{_words(WEEKDAY_PREFIXES[lang])}){SPACE}+)?" if (WEEKDAY_PREFIXES[lang]) else ""
    article = f"(?:(?:le|the|on){SPACE}+)?"
    parts = [
        rf"(?P<iso>(?P<iso_y>{year})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d))(?![\d-])",
        (
            r"(?P<num>(?P<num_d>[0-3]?\d)(?P<sep>[./])(?P<num_m>[0-3]?\d)(?P=sep)"
            r"(?P<num_y>\d{4}|\d\d))(?![\d.,]\d)"
        ),
        (
            rf"(?P<dm>{article}(?:(?P<dm_wd>{weekdays}),?{SPACE}+)?(?P<dm_d>{day}){SPACE}+"
            rf"(?:of{SPACE}+)?(?P<dm_m>{day_months})(?:,?{SPACE}+(?P<dm_y>{year}))?)(?![\w\d])"
        ),
        rf"(?P<md>{article}(?:(?P<md_wd>{weekdays}),?{SPACE}+)?(?P<md_m>{months}){SPACE}*"
        rf"(?P<md_d>{day})(?!\d)(?:,?{SPACE}+(?P<md_y>{year}))?)(?![\w\d])"
        if lang == "en"
        else "(?!)",
        (
            rf"(?P<dn>(?:(?:le|the){SPACE}+)?(?<!par )(?<!chaque )(?<!per )(?<!each )(?<!a )"
            rf"(?:{_words(DAY_WORDS[lang])}){SPACE}+(?P<dn_a>\d{{1,4}})"
            rf"(?!\d)|(?:(?:le|the){SPACE}+)?(?P<dn_b>\d{{1,4}})(?:{ordinal}){SPACE}+"
            rf"(?:{_words(DAY_WORDS[lang])})\b|j{SPACE}?\+{SPACE}?(?P<dn_c>\d{{1,4}}))"
        ),
        rf"(?P<rel>{_words(RELATIVE_DAYS[lang])})(?![\w-])",
        rf"(?P<week>{_words(WEEKS[lang])})(?![\w-])",
        rf"(?P<period>{_words(RELATIVE_PERIODS[lang])})(?![\w-])",
        (
            rf"(?P<wd>{weekday_prefix}(?P<wd_name>{weekdays})"
            rf"(?:{SPACE}+(?P<wd_suffix>{_words(WEEKDAY_SUFFIXES[lang])}))?)(?![\w-])"
        ),
        (
            rf"(?P<month>(?:(?:{_words(MONTH_PREFIXES[lang])}){SPACE}*)?(?P<month_name>{months})"
            rf"(?:{SPACE}+(?P<month_y>{year})|{SPACE}+(?:{_words(MONTH_SUFFIXES[lang])}))?)"
            rf"(?![\w\d])"
        ),
        rf"(?P<year>(?:{_words(YEAR_PREFIXES[lang])}){SPACE}*(?P<year_y>{year}))(?!\d)",
    ]
    return re.compile(r"(?:" + "|".join(parts) + ")")


# Words at the heart of every form: a date mention always holds a digit or one of these.
# The scan looks for them only (few positions of a text start one), then tries the full
# pattern from up to `PREFIX_WORDS` words before each ("au mois de mai", "la semaine
# dernière"), which is about 5x faster than running the full pattern over the text.
CORE_WORDS = {
    "fr": (
        "nuit",
        "matin",
        "soir",
        "semaine",
        "week-end",
        "weekend",
        "mois",
        "année",
        "an",
        "jour",
        "aujourd",
        "hier",
        "avant-hier",
        "demain",
        "après-demain",
        "j",
    ),
    "en": (
        "night",
        "morning",
        "evening",
        "week",
        "weekend",
        "month",
        "year",
        "day",
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "overnight",
    ),
}
PREFIX_WORDS = 3
PREFIX_WINDOW = 24  # characters: "au mois de ", "the day before " fit


def _core_pattern(lang: str) -> re.Pattern[str]:
    words = sorted(set(CORE_WORDS[lang]) | set(MONTHS[lang]) | set(WEEKDAYS[lang]))
    # A word boundary before a digit or a core word's first letter (both \w) is no word
    # character before it: `\b` tests that at each position faster than a look-ahead on the
    # first letters then a look-behind (90 -> 67 us an article)
    return re.compile(f"\\b(?:\\d|{regex_alternation(words)}(?![^\\W\\d_]))")


def _dateish_digits(lang: str) -> re.Pattern[str]:
    """Digits that may belong to a date: a year, a numeric date, a day before a month or
    "jour". Other numbers ("1 800 chars") are skipped without trying the full pattern."""
    months = regex_alternation(sorted({**MONTHS[lang], **MONTHS_SHORT[lang]}))
    ordinal = _words(ORDINAL_SUFFIXES[lang])
    return re.compile(
        rf"(?:19|20)\d\d(?!\d)|\d{{1,2}}[./-]\d|\d{{1,4}}(?:{ordinal})?{SPACE}+(?:of{SPACE}+)?"
        rf"(?:{months}|{_words(DAY_WORDS[lang])})"
    )


CORES = {lang: _core_pattern(lang) for lang in ("fr", "en")}
DATEISH_DIGITS = {lang: _dateish_digits(lang) for lang in ("fr", "en")}
WORD_STARTS = re.compile(r"(?<![\w'’-])[\w]|(?<=\w['’])\w")  # "qu'en 2025": "en" starts a word too
PATTERNS = {lang: _pattern(lang) for lang in ("fr", "en")}


def day_number_to_date(day: int) -> str | None:
    """The date of the General Staff's report number `day`: 2022-02-24 is day 1; None for
    a day that no report has (below 1, or past the calendar's last day, 9999-12-31)."""
    if day < 1 or day - 1 > (date.max - INVASION).days:
        return None
    return (INVASION + timedelta(days=day - 1)).isoformat()


def _parse_base(base: str | None) -> tuple[date | None, tuple[int, int] | None]:
    """(full date or None, (year, month) or None) of the document's date."""
    if not base:
        return None, None
    parts = base.split("-")
    try:
        if len(parts) >= 3:
            full = date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
            return full, (full.year, full.month)
        if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
            return None, (int(parts[0]), int(parts[1]))
        return None, None
    except ValueError:
        return None, None


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def _day_month(day: int, month: int, year: int | None, full: date | None, base_month: tuple[int, int] | None) -> str | None:
    """A day and month, with the year written or guessed from the base (see module doc)."""
    if year is None:
        if full:
            year = full.year
            try:
                said = date(year, month, day)
            except ValueError:
                return None
            try:
                if said > full + timedelta(days=FUTURE_TOLERANCE_DAYS):
                    year -= 1
            except OverflowError:
                pass  # the tolerance runs past 9999-12-31: no day of the calendar is beyond it
        elif base_month:
            year = base_month[0] if month <= base_month[1] else base_month[0] - 1
        else:
            return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _two_digit_year(year: str) -> int:
    return int(year) + 2000 if len(year) == 2 else int(year)


def _resolve(match: re.Match[str], lang: str, full: date | None, base_month: tuple[int, int] | None) -> tuple[str | None, str]:
    kind = match.lastgroup
    months = MONTHS[lang]
    if kind == "iso":
        try:
            return date(int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"])).isoformat(), "explicit"
        except ValueError:
            return None, "explicit"
    if kind == "num":
        day, month = int(match["num_d"]), int(match["num_m"])
        if not 1 <= month <= 12 and 1 <= day <= 12:  # "12/31/2022": month first
            day, month = month, day
        if not 1 <= month <= 12:
            return None, "explicit"
        return _day_month(day, month, _two_digit_year(match["num_y"]), None, None), "explicit"
    if kind in ("dm", "md"):
        day_text = match[f"{kind}_d"]
        day = 1 if day_text in ("1er", "premier") else int(re.match(r"\d+", day_text)[0])
        year = match[f"{kind}_y"]
        month = months.get(match[f"{kind}_m"]) or MONTHS_SHORT[lang][match[f"{kind}_m"]]
        return _day_month(day, month, int(year) if year else None, full, base_month), "explicit"
    if kind == "dn":
        number = int(match["dn_a"] or match["dn_b"] or match["dn_c"])
        return day_number_to_date(number), "day_number"
    if kind == "rel":
        offset = RELATIVE_DAYS[lang][_normalise(match.group())]
        if full:
            return _shifted(full, offset), "relative_day"
        return (_month(*base_month) if base_month else None), "relative_day"
    if kind == "week":
        weeks, unit = WEEKS[lang][_normalise(match.group())]
        if full:
            monday = full.weekday()  # days back to the base's Monday
            if unit == "week":
                return _shifted(full, 7 * weeks - monday), "week"
            if weeks == 0:
                return _shifted(full, 5 - monday), "week"
            # the last weekend that ended before the base date
            latest = (full.weekday() - 2) % 7  # the weekday two days before the base
            return _shifted(full, -2 - (latest - 5) % 7), "week"
        return (_month(*base_month) if base_month else None), "week"
    if kind == "period":
        by, unit = RELATIVE_PERIODS[lang][_normalise(match.group())]
        if not base_month:
            return None, unit
        if unit == "month":
            return _month(*_shift_month(*base_month, by)), "month"
        return f"{base_month[0] + by:04d}", "year"
    if kind == "wd":
        weekday = WEEKDAYS[lang][match["wd_name"]]
        if full:
            back = (full.weekday() - weekday) % 7
            if back == 0 and (match["wd_suffix"] in ("dernier", "passé") or match.group().startswith("last")):
                back = 7  # "lundi dernier" said on a Monday is a week ago
            return _shifted(full, -back), "weekday"
        return (_month(*base_month) if base_month else None), "weekday"
    if kind == "month":
        month = months[match["month_name"]]
        if match["month_y"]:
            return _month(int(match["month_y"]), month), "month"
        if not base_month:
            return None, "month"
        year = base_month[0] if month <= base_month[1] else base_month[0] - 1
        if re.search(r"(?:last|dernière)\W+(?:year|$)|année dernière", match.group()):
            year = base_month[0] - 1  # "in February last year", "en février de l'année dernière"
        elif month == base_month[1] and re.search(r"dernier|last", match.group()):
            year -= 1  # "en mai dernier" said in May
        return _month(year, month), "month"
    return match["year_y"], "year"


def _shifted(day: date, days: int) -> str | None:
    """`day` moved by `days`, or None past the calendar's ends ("demain" said on 9999-12-31)."""
    try:
        return (day + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _normalise(words: str) -> str:
    return re.sub(SPACE + "+", " ", words)


def find_dates(text: str, lang: str, base: str | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date in `text[start:end]`, resolved against `base` ("YYYY-MM-DD", "YYYY-MM"
    or None), sorted and non-overlapping, with absolute offsets. Raises TooManyDates
    beyond MAX_DATES (a documented cap: no article holds that many)."""
    if lang not in PATTERNS:
        lang = "en" if lang and lang.startswith("en") else "fr"
    # Any int is read as a position within the text: a negative start would slice from the end
    # and shift every offset, one beyond a C integer would raise in the regex calls.
    end = len(text) if end is None else max(0, min(end, len(text)))
    start = max(0, min(start, len(text)))
    full, base_month = _parse_base(base)
    mentions = []
    with collector_paused():  # a mention per date, kept till the end, makes no cycle (tests/test_fuzz.py)
        for match in _date_matches(text, lang, start, end):
            resolved, kind = _resolve(match, lang, full, base_month)
            m_start, m_end = start + match.start(), start + match.end()
            mentions.append(DateMention(m_start, m_end, text[m_start:m_end], resolved, kind))
    return _days_of_a_said_year(text, mentions)


# "February 24 last year", "le 24 février de l'année dernière": a day without its year, then the year
YEAR_OF_THE_DAY_BETWEEN = re.compile(r"[\s,]*(?:of|de|d['’])?\s*$", re.IGNORECASE)
FOUR_DIGITS = re.compile(r"\d{4}")
YEAR_OF_THE_DAY_REACH = 8  # ", de " at most: a longer gap is another phrase (and bounds the match on runs of spaces)


def _days_of_a_said_year(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A day said without its year and a relative year right after it ("last year", "l'an dernier")
    are one day of that year, where the day alone was read in the base date's year."""
    merged: list[DateMention] = []
    for mention in mentions:
        day = merged[-1] if merged else None
        if (
            day is not None
            and mention.kind == "year"
            and mention.date is not None
            and len(mention.date) == 4
            and day.kind == "explicit"
            and day.date is not None
            and len(day.date) == 10
            and not FOUR_DIGITS.search(day.text)
            and not FOUR_DIGITS.search(mention.text)
            and mention.start - day.end <= YEAR_OF_THE_DAY_REACH
            and YEAR_OF_THE_DAY_BETWEEN.match(text[day.end : mention.start])
        ):
            merged[-1] = DateMention(
                day.start, mention.end, text[day.start : mention.end], mention.date + day.date[4:], "explicit"
            )
            continue
        merged.append(mention)
    return merged


@lru_cache(maxsize=2)
def _date_matches(text: str, lang: str, start: int, end: int) -> tuple[re.Match[str], ...]:
    """The date spans of `text[start:end]` (matches over its lowered copy), before they are
    resolved: they do not depend on the base date, so the pipeline's second reading of an
    article whose date it inferred (and `_text_bounds`' reading before it) finds them once.
    Two spans are kept: the last document's prose and body (a dateline's window is read before them)."""
    lowered = lowered_same_length(text[start:end])
    pattern = PATTERNS[lang]
    found: list[re.Match[str]] = []
    resume = 0
    for core in CORES[lang].finditer(lowered):
        hit = core.start()
        if hit < resume or (lowered[hit].isdigit() and not DATEISH_DIGITS[lang].match(lowered, hit)):
            continue
        window = max(resume, hit - PREFIX_WINDOW)
        starts = [m.start() for m in WORD_STARTS.finditer(lowered, window, hit)][-PREFIX_WORDS:]
        # The longest reading that holds the core word: "since February 24" is a day,
        # though "since February" alone also reads as a month.
        match = None
        for candidate in starts + [hit]:
            attempt = pattern.match(lowered, candidate)
            if attempt and attempt.end() > hit and (match is None or attempt.end() > match.end()):
                match = attempt
        if not match:
            continue
        resume = match.end()
        if lang == "en" and not _capitalised(text, start, match):
            continue
        found.append(match)
        if len(found) > MAX_DATES:
            raise TooManyDates()
    return tuple(found)


def _capitalised(text: str, offset: int, match: re.Match[str]) -> bool:
    """English months and weekdays are proper nouns: "may" and "march" are verbs."""
    for group in ("dm_m", "md_m", "month_name"):
        name = match[group]
        if name and name in MONTHS_NEEDING_CAPITAL:
            return text[offset + match.start(group)].isupper()
    return True
