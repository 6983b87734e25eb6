"""Checking: compare every claim with the record and say so in words a journalist can paste.

The verdicts are those of CLAIMS.md. A claim is read as an interval of record values its
qualifier accepts (`accepted_interval`); the record is read inside the claim's `as_of`
window (a day with the report lag of ±2 days, or a whole month), and outside it for
`stale`/`ahead`. Daily figures are read against the printed daily figures of their window
only. Which series checks which source, and the wording in English and French, are tables.
"""

from __future__ import annotations

import bisect
import calendar
import weakref
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bilan.model import BilanError, Check, Claim
from bilan.record import (
    GENERAL_STAFF,
    INVASION_START,
    NOTE_CORRECTION,
    NOTE_DECREASE,
    ORYX,
    ORYX_UKRAINE,
    CategorySeries,
    Record,
    Series,
)

# --- tuning constants ------------------------------------------------------------------

# The report lag: a report dated D covers mostly day D-1 and is quoted for a day or two
# (shared/reference/README.md); CLAIMS.md sets ±2 days for `matches`.
REPORT_LAG_DAYS = 2
# `misquoted`: a slip in the third significant digit or beyond (1 730 for 1 740, 105 690
# for 105 960) moves a figure by at most 9 units in 100 of its leading-digit scale, i.e.
# under 5% whenever the leading digit is 2 or more; a wider gap is a different figure.
# Calibrated on the seeds: 1 730 vs 1 740 is 0.6% off; no seed figure that matches a
# report lies within 5% of a different report in its window.
MISQUOTE_TOLERANCE = 0.05
# "environ 100 000": the record within half the figure's rounding unit (capped at 10%, as
# below, so that "environ 1 000" does not accept 500), or within 5% (the same 5%: a
# rounded figure a reader would not call wrong).
ABOUT_TOLERANCE = 0.05
# A bare round figure ("100 000 soldats") reads as the record rounded to that unit, but a
# one-digit figure may not stand for a total 50% away: capped at 5%.
ROUND_TOLERANCE = 0.05
# "plus de N", "au moins N", "presque N", "jusqu'à N": N is the record rounded down (or up)
# to N's last significant digit ("plus de 44 000" for 44 100 to 45 000, as the press uses
# it, shared/reference/README.md section 3), capped at 10% so that "plus de 100 000"
# accepts 105 960 (CLAIMS.md) but not 190 000.
BOUND_SPAN_CAP = 0.10
# Oryx's scraper paused for up to five weeks (shared/reference/README.md): past its last
# row by more than this, Oryx is not shown beside a claim.
ORYX_STALE_DAYS = 45
# A month's losses written in its first week may be the month before's (live blogs sum up
# December on 2 January); for a year, January plays that part.
EARLY_IN_MONTH_DAYS = 7
# Inference of an article's date: figures that fit a window longer than this do not date it.
MAX_INFERRED_WINDOW_DAYS = 62

# --- tables ----------------------------------------------------------------------------

# Which built-in series checks the figures a source gives. The press quotes the General
# Staff's totals without always saying so, hence unattributed figures and the outlet's own
# arithmetic are checked against it. A user series named after a source (e.g. `uk_mod`)
# checks that source's figures.
SOURCE_SERIES = {
    "ukraine_general_staff": GENERAL_STAFF,
    "ukraine_mod": GENERAL_STAFF,
    "ukraine_other": GENERAL_STAFF,
    "media_estimate": GENERAL_STAFF,
    "unattributed": GENERAL_STAFF,
    "oryx": ORYX,
}
SIDE_SERIES = {(ORYX, "ukraine"): ORYX_UKRAINE}  # Oryx also counts Ukraine's equipment
# Categories the record never holds, with the reason (key in EXPLANATIONS).
MISSING_CATEGORY_REASON = {
    "personnel_wounded": "no_wounded",
    "personnel_captured": "no_captured",
    "force": "not_losses",
    "territory_km2": "not_losses",
    "other": "not_losses",
}

SERIES_NAMES = {
    "en": {GENERAL_STAFF: "General Staff", ORYX: "Oryx", ORYX_UKRAINE: "Oryx"},
    # French names carry their "de", elided or not, since every French sentence says "de X".
    "fr": {GENERAL_STAFF: "de l'état-major ukrainien", ORYX: "d'Oryx", ORYX_UKRAINE: "d'Oryx"},
}
SOURCE_NAMES = {
    "en": {"uk_mod": "the UK Ministry of Defence", "us_officials": "US officials",
           "russia_mod": "the Russian Ministry of Defence", "russia_other": "Russian officials",
           "other": "another source"},
    # With their "de", contracted as French wants it ("du ministère", "d'une autre source").
    "fr": {"uk_mod": "du ministère britannique de la Défense", "us_officials": "de responsables américains",
           "russia_mod": "du ministère russe de la Défense", "russia_other": "de responsables russes",
           "other": "d'une autre source"},
}
QUALIFIER_WORDS = {
    "en": {"exact": "", "more_than": "more than ", "at_least": "at least ", "about": "about ",
           "nearly": "nearly ", "up_to": "up to ", "range": "between "},
    "fr": {"exact": "", "more_than": "plus de ", "at_least": "au moins ", "about": "environ ",
           "nearly": "presque ", "up_to": "jusqu'à ", "range": "entre "},
}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
EXPLANATIONS = {
    "en": {
        "matches": "Equals the {series} total of {rdate}: {rvalue}.",
        "consistent": "Consistent with the {series} total of {rdate}, {rvalue}: {claimed}.",
        "stale": "Equals the {series} total of {rdate} ({rvalue}), {lag} days before {asof}; on {edate} the total was {evalue}.",
        "stale_bound": "Fits the {series} total of {rdate} ({rvalue}), {lag} days before {asof}; on {edate} the total was {evalue}.",
        "ahead": "Equals the {series} total of {rdate} ({rvalue}), {lag} days after {asof}: check the date; on {edate} the total was {evalue}.",
        "ahead_bound": "Fits the {series} total of {rdate} ({rvalue}), {lag} days after {asof}: check the date; on {edate} the total was {evalue}.",
        "misquoted": "Equals no {series} report; the total of {rdate} was {rvalue} ({pct} away): likely a typo or a translation slip.",
        "overstated": "Higher than the {series} record: {rvalue} on {rdate}.",
        "understated": "Lower than the {series} record: {rvalue} on {rdate}.",
        "daily_matches": "Equals the daily figure of the {series} report of {rdate} ({rvalue}), which covers mostly the day before.",
        "daily_consistent": "Consistent with the daily figure of the {series} report of {rdate} ({rvalue}): {claimed}.",
        "daily_misquoted": "Equals no daily figure of the {series} {window}; the nearest is {rvalue} on {rdate} ({pct} away): likely a typo or a translation slip.",
        "daily_overstated": "Higher than every daily figure of the {series} {window}; the nearest is {rvalue} on {rdate}.",
        "daily_understated": "Lower than every daily figure of the {series} {window}; the nearest is {rvalue} on {rdate}.",
        "daily_between": "Equals no daily figure of the {series} {window}; the nearest is {rvalue} on {rdate}.",
        "average": "The record's arithmetic gives it: the {series} total of {rdate} ({total}) over {days} days of war is {average} a day.",
        "average_period": "The record's arithmetic gives it: {how}, {total}, over {days} days is {average} a day.",
        "period_matches": "Equals {how}: {rvalue}.",
        "period_consistent": "Consistent with {how}, {rvalue}: {claimed}.",
        "period_misquoted": "Close to {how}, {rvalue} ({pct} away): the period may be counted differently, or the figure mistyped.",
        "period_overstated": "Higher than {how}: {rvalue}.",
        "period_understated": "Lower than {how}: {rvalue}.",
        "how_sum": "the sum of the {series} daily figures of the reports of {first} to {last}",
        "how_difference": "the rise of the {series} total from {first} to {last}",
        "side": "The {series} record counts {counted} losses only; this figure is about {side} losses.",
        "source": "An estimate by {source}: the {series} record does not check other sources' estimates.",
        "event": "A figure of one strike, battle or video: the daily record does not count events.",
        "no_wounded": "The {series} gives no count of wounded.",
        "no_captured": "The {series} gives no count of prisoners (it listed them only until April 2022).",
        "not_losses": "Not a loss figure: the record does not hold it.",
        "no_category": "The {series} record has no series for {category}.",
        "no_date": "No date for this figure, so it cannot be placed against the record.",
        "no_date_equal": "No date for this figure; it equals the {series} total of {rdate} ({rvalue}).",
        "bad_date": "The date {asof} cannot be read, so the figure cannot be placed against the record.",
        "after_record": "The record ends on {last}, before {asof}: run `bilan record update`.",
        "before_record": "The {series} has no figure for {category} before {first}.",
        "no_daily": "The {series} record has no daily figure for {category} {window}.",
        "period_unchecked": "A weekly figure needs the day its week ends: not checked.",
        "note_correction": " Note: on {ndate} the {series} total changed by {change}, {correction} of it a correction rather than the day's losses.",
        "note_decrease": " Note: the {series} total fell from {before} to {after} on {ndate} with no correction explaining it.",
        "oryx": " Oryx (visually confirmed): {ovalue} as of {odate}.",
        "article_date": "{date}, the date of this article",
        "between_word": " and ",
        "rounds": "it rounds to {value}",
        "qualified": "{claim}",
        "side_russia": "Russian", "side_ukraine": "Ukrainian", "side_other": "other",
    },
    "fr": {
        "matches": "Égal au total {series} du {rdate} : {rvalue}.",
        "consistent": "Cohérent avec le total {series} du {rdate}, {rvalue} : {claimed}.",
        "stale": "Égal au total {series} du {rdate} ({rvalue}), {lag} jours avant {asof} ; le {edate}, le total était de {evalue}.",
        "stale_bound": "Correspond au total {series} du {rdate} ({rvalue}), {lag} jours avant {asof} ; le {edate}, le total était de {evalue}.",
        "ahead": "Égal au total {series} du {rdate} ({rvalue}), {lag} jours après {asof} : vérifier la date ; le {edate}, le total était de {evalue}.",
        "ahead_bound": "Correspond au total {series} du {rdate} ({rvalue}), {lag} jours après {asof} : vérifier la date ; le {edate}, le total était de {evalue}.",
        "misquoted": "Ne correspond à aucun bilan {series} ; le total du {rdate} était de {rvalue} (écart de {pct}) : probablement une coquille ou une erreur de traduction.",
        "overstated": "Supérieur au bilan {series} : {rvalue} le {rdate}.",
        "understated": "Inférieur au bilan {series} : {rvalue} le {rdate}.",
        "daily_matches": "Égal au chiffre quotidien du bilan {series} du {rdate} ({rvalue}), qui couvre surtout la veille.",
        "daily_consistent": "Cohérent avec le chiffre quotidien du bilan {series} du {rdate} ({rvalue}) : {claimed}.",
        "daily_misquoted": "Ne correspond à aucun chiffre quotidien {series} {window} ; le plus proche est {rvalue} le {rdate} (écart de {pct}) : probablement une coquille ou une erreur de traduction.",
        "daily_overstated": "Supérieur à tous les chiffres quotidiens {series} {window} ; le plus proche est {rvalue} le {rdate}.",
        "daily_understated": "Inférieur à tous les chiffres quotidiens {series} {window} ; le plus proche est {rvalue} le {rdate}.",
        "daily_between": "Ne correspond à aucun chiffre quotidien {series} {window} ; le plus proche est {rvalue} le {rdate}.",
        "average": "Le calcul sur le bilan le donne : le total {series} du {rdate} ({total}) sur {days} jours de guerre fait {average} par jour.",
        "average_period": "Le calcul sur le bilan le donne : {how}, {total}, sur {days} jours fait {average} par jour.",
        "period_matches": "Égal à {how} : {rvalue}.",
        "period_consistent": "Cohérent avec {how}, {rvalue} : {claimed}.",
        "period_misquoted": "Proche de {how}, {rvalue} (écart de {pct}) : la période est peut-être comptée autrement, ou le chiffre mal recopié.",
        "period_overstated": "Supérieur à {how} : {rvalue}.",
        "period_understated": "Inférieur à {how} : {rvalue}.",
        "how_sum": "la somme des chiffres quotidiens {series} des bilans du {first} au {last}",
        "how_difference": "la hausse du total {series} du {first} au {last}",
        "side": "Le bilan {series} ne compte que les pertes {counted} ; ce chiffre porte sur des pertes {side}.",
        "source": "Une estimation {source} : le bilan {series} ne permet pas de vérifier les estimations d'autres sources.",
        "event": "Un chiffre d'une frappe, d'une bataille ou d'une vidéo : le bilan quotidien ne compte pas les événements.",
        "no_wounded": "Le bilan {series} ne donne pas de nombre de blessés.",
        "no_captured": "Le bilan {series} ne donne pas de nombre de prisonniers (il ne les a comptés que jusqu'en avril 2022).",
        "not_losses": "Pas un chiffre de pertes : le bilan ne le contient pas.",
        "no_category": "Le bilan {series} n'a pas de série pour {category}.",
        "no_date": "Pas de date pour ce chiffre : impossible de le comparer au bilan.",
        "no_date_equal": "Pas de date pour ce chiffre ; il est égal au total {series} du {rdate} ({rvalue}).",
        "bad_date": "La date {asof} est illisible : impossible de comparer ce chiffre au bilan.",
        "after_record": "Le bilan s'arrête le {last}, avant {asof} : lancer `bilan record update`.",
        "before_record": "Le bilan {series} n'a pas de chiffre pour {category} avant le {first}.",
        "no_daily": "Le bilan {series} n'a pas de chiffre quotidien pour {category} {window}.",
        "period_unchecked": "Un chiffre hebdomadaire demande le jour où finit sa semaine : non vérifié.",
        "note_correction": " À noter : le {ndate}, le total {series} a varié de {change}, dont {correction} de correction et non de pertes du jour.",
        "note_decrease": " À noter : le total {series} est passé de {before} à {after} le {ndate} sans correction qui l'explique.",
        "oryx": " Oryx (pertes confirmées visuellement) : {ovalue} au {odate}.",
        "article_date": "le {date}, date de l'article",
        "between_word": " et ",
        "rounds": "arrondi à {value}",
        "qualified": "{claim}",
        "side_russia": "russes", "side_ukraine": "ukrainiennes", "side_other": "d'autres pays",
    },
}
# Categories as a sentence names them: "no figure for cruise missiles before 1 May 2022".
CATEGORY_WORDS = {
    "en": {"personnel_killed": "soldiers killed", "personnel_casualties": "personnel losses", "tanks": "tanks",
           "armoured_vehicles": "armoured vehicles", "tanks_and_armoured_vehicles": "tanks and armoured vehicles",
           "artillery": "artillery systems", "mlrs": "rocket launchers", "air_defense": "air-defence systems",
           "aircraft": "aircraft", "helicopters": "helicopters", "aircraft_and_helicopters": "aircraft and helicopters",
           "drones": "drones", "cruise_missiles": "cruise missiles", "ships": "ships and boats",
           "submarines": "submarines", "vehicles_fuel_tanks": "vehicles and fuel tanks",
           "special_equipment": "special equipment", "ground_robotic_systems": "ground robotic systems"},
    "fr": {"personnel_killed": "les soldats tués", "personnel_casualties": "les pertes en hommes", "tanks": "les chars",
           "armoured_vehicles": "les véhicules blindés", "tanks_and_armoured_vehicles": "les chars et véhicules blindés",
           "artillery": "l'artillerie", "mlrs": "les lance-roquettes multiples", "air_defense": "la défense antiaérienne",
           "aircraft": "les avions", "helicopters": "les hélicoptères", "aircraft_and_helicopters": "les avions et hélicoptères",
           "drones": "les drones", "cruise_missiles": "les missiles de croisière", "ships": "les navires",
           "submarines": "les sous-marins", "vehicles_fuel_tanks": "les véhicules et camions-citernes",
           "special_equipment": "l'équipement spécial", "ground_robotic_systems": "les robots terrestres"},
}

# --- formatting ------------------------------------------------------------------------


# French groups thousands with a narrow no-break space (as bilan.rendering.format_value does).
FRENCH_THOUSANDS = "\u202f"


@lru_cache(maxsize=65536)
def format_number(value: float, lang: str) -> str:
    """109,720 in English, 109 720 in French (decimals: 332.5 / 332,5)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
        return text.replace(",", FRENCH_THOUSANDS).replace(".", ",") if lang == "fr" else text
    text = f"{int(value):,}"
    return text.replace(",", FRENCH_THOUSANDS) if lang == "fr" else text


@lru_cache(maxsize=8192)
def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


@lru_cache(maxsize=8192)
def format_date(ordinal: int, lang: str) -> str:
    day = date.fromordinal(ordinal)
    month = MONTHS[lang][day.month - 1]
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


@lru_cache(maxsize=4096)
def _format_window(low: int, high: int, is_month: bool, lang: str) -> str:
    """The window with its preposition: "in May 2024", "on 10 December 2022", "en mai 2024"."""
    if is_month:
        day = date.fromordinal(low)
        month = MONTHS[lang][day.month - 1]
        return f"en {month} {day.year}" if lang == "fr" else f"in {month} {day.year}"
    if low == high:
        return f"le {format_date(low, lang)}" if lang == "fr" else f"on {format_date(low, lang)}"
    if lang == "fr":
        return f"du {format_date(low, lang)} au {format_date(high, lang)}"
    return f"from {format_date(low, lang)} to {format_date(high, lang)}"


def _percent(value: int, reference: int, lang: str) -> str:
    share = abs(value - reference) / max(abs(reference), 1) * 100
    text = f"{share:.1f} %" if lang == "fr" else f"{share:.1f}%"
    return text.replace(".", ",") if lang == "fr" else text


_DAY_ZERO = INVASION_START.toordinal() - 1  # ordinal - _DAY_ZERO = day number (2022-02-24 = 1)

# --- reading claims --------------------------------------------------------------------


@lru_cache(maxsize=4096)
def parse_as_of(as_of: str) -> tuple[int, int, bool] | None:
    """(first, last ordinal, is_month) of a "YYYY-MM-DD" or "YYYY-MM" date; None if unreadable."""
    try:
        if len(as_of) == 7:
            year, month = int(as_of[:4]), int(as_of[5:7])
            first = date(year, month, 1)
            return first.toordinal(), date(year, month, calendar.monthrange(year, month)[1]).toordinal(), True
        day = date.fromisoformat(as_of).toordinal()
        return day, day, False
    except (ValueError, TypeError):
        return None


def rounding_unit(value: int) -> int:
    """10 to the number of trailing zeros: 44 000 -> 1 000, 1 730 -> 10, 16 -> 1."""
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


@lru_cache(maxsize=65536)
def accepted_interval(value: int, value_max: int | None, qualifier: str) -> tuple[int, int]:
    """The record values (inclusive) that a claim's figure and qualifier agree with."""
    unit = rounding_unit(value)
    bound_span = max(min(unit, int(value * BOUND_SPAN_CAP)), 1)
    if qualifier in ("more_than", "at_least"):
        return value, value + bound_span
    if qualifier in ("nearly", "up_to"):
        return value - bound_span, value
    if qualifier == "about":
        span = max(min(unit // 2, int(value * BOUND_SPAN_CAP)), int(value * ABOUT_TOLERANCE))
        return value - span, value + span
    if qualifier == "range" and value_max is not None:
        return min(value, value_max), max(value, value_max)
    if unit >= 10:  # a bare round figure: the record rounded to its unit
        span = min(unit // 2, int(value * ROUND_TOLERANCE))
        return value - span, value + span
    return value, value


# --- the check itself ------------------------------------------------------------------


@dataclass
class InferredDate:
    """A date for an undated article, from the reports its cumulative figures match."""

    date: str  # "YYYY-MM-DD" when one report fits, else "YYYY-MM"
    first: str
    last: str
    claims_used: int

    @property
    def window(self) -> tuple[str, str]:
        return self.first, self.last


class _Context:
    """What one check needs: language, wording, and the document's anchor report.

    The anchor is computed on first need only: most claims equal one report, and need none.
    """

    __slots__ = ("_anchor", "_pending", "document_date", "lang", "routes", "series_names", "words")

    def __init__(self, lang: str, document_date: str | None, anchor: int | None,
                 pending: tuple[list[Claim], Record, str | None] | None = None) -> None:
        if lang not in EXPLANATIONS:
            raise BilanError(f"--explain {lang}: choose one of {', '.join(EXPLANATIONS)}")
        self.lang = lang
        self.words = EXPLANATIONS[lang]
        self.series_names = SERIES_NAMES[lang]
        self.document_date = document_date
        self._anchor = anchor
        self._pending = pending
        self.routes: dict[tuple, str | tuple[Series, CategorySeries, str]] = {}

    @property
    def anchor(self) -> int | None:
        if self._pending is not None:
            claims, record, series = self._pending
            self._pending = None
            self._anchor = _document_anchor(claims, record, self.document_date, series)
        return self._anchor


def _series_for(claim: Claim, record: Record, series: str | None) -> tuple[Series | None, str | None]:
    """The series checking this claim, or the key of the reason there is none."""
    if series is not None:
        chosen = record.series.get(series)
        if chosen is None:
            raise BilanError(f"no series {series!r} in the record (it has {', '.join(record.series)})")
        return chosen, None
    name = SOURCE_SERIES.get(claim.source)
    if name is None:
        if claim.source in record.series:  # a user series named after the source
            return record.series[claim.source], None
        return None, "source"
    name = SIDE_SERIES.get((name, claim.side), name)
    found = record.series.get(name)
    return (found, None) if found is not None else (None, "source")


def check_claim(claim: Claim, record: Record, *, document_date: str | None, explain: str = "en",
                series: str | None = None, anchor: str | None = None) -> Check:
    """The `check` object of CLAIMS.md for one claim.

    `anchor` (YYYY-MM-DD): the report the document's other figures point to, used to choose
    among equal reports (a total unchanged for weeks); `check_claims` computes it.
    """
    context = _Context(explain, document_date, date.fromisoformat(anchor).toordinal() if anchor else None)
    return _check(claim, record, context, series)


def check_claims(claims: list[Claim], record: Record, *, document_date: str | None, explain: str = "en",
                 series: str | None = None) -> None:
    """Fill `claim.check` for every claim of one document."""
    context = _Context(explain, document_date, None, (claims, record, series))
    context.routes = _routes_for(record, explain, series)
    for claim in claims:
        claim.check = _check(claim, record, context, series)


def _check(claim: Claim, record: Record, ctx: _Context, series_name: str | None) -> Check:
    key = (claim.source, claim.side, claim.category, claim.scope)
    route = ctx.routes.get(key)
    if route is None:
        route = ctx.routes[key] = _route(claim, record, ctx, series_name)
    if isinstance(route, str):  # unverifiable whatever the figure: the reason
        return Check("unverifiable", explanation=route)
    beside, cat, name = route
    as_of = claim.as_of or ctx.document_date
    if not as_of:
        return _undated(claim, cat, name, ctx)
    parsed = parse_as_of(as_of)
    if parsed is None:
        return Check("unverifiable", explanation=ctx.words["bad_date"].format(asof=as_of))
    if claim.scope == "cumulative":
        return _check_cumulative(claim, beside, cat, name, parsed, as_of, ctx)
    if claim.period not in (None, "day"):
        return _check_period_total(claim, cat, name, parsed, ctx)
    return _check_daily(claim, cat, name, parsed, ctx, record)


# Routes kept per loaded record (by identity, dropped with the record) and per language and series.
_ROUTES: dict[tuple[int, str, str | None], tuple[weakref.ref, dict]] = {}


def _routes_for(record: Record, lang: str, series: str | None) -> dict:
    """(source, side, category, scope) -> (series, category series, name) or the reason none checks it."""
    key = (id(record), lang, series)
    kept = _ROUTES.get(key)
    if kept is not None and kept[0]() is record:
        return kept[1]
    routes: dict = {}
    _ROUTES[key] = (weakref.ref(record, lambda _, key=key: _ROUTES.pop(key, None)), routes)
    return routes


def _route(claim: Claim, record: Record, ctx: _Context, series_name: str | None
           ) -> str | tuple[Series, CategorySeries, str]:
    """What checks claims of this source, side, category and scope: a series, or why nothing can."""
    words = ctx.words
    gs_name = ctx.series_names[GENERAL_STAFF]
    if claim.category in MISSING_CATEGORY_REASON:
        return words[MISSING_CATEGORY_REASON[claim.category]].format(series=gs_name)
    series = _series_for(claim, record, series_name)[0]
    if series is None:
        source = SOURCE_NAMES[ctx.lang].get(claim.source, claim.source)
        return words["source"].format(source=source, series=gs_name)
    name = ctx.series_names.get(series.name) or (
        f"de la série « {series.label} »" if ctx.lang == "fr" else series.label)
    if claim.side != series.side:
        side = words.get(f"side_{claim.side}", claim.side)
        counted = words.get(f"side_{series.side}", series.side)
        return words["side"].format(series=name, side=side, counted=counted)
    if claim.scope == "event":
        return words["event"]
    cat = series.categories.get(claim.category)
    if cat is None:
        return words["no_category"].format(series=name, category=_category_words(claim.category, ctx.lang))
    return _oryx_for(record, claim, series), cat, name


def _undated(claim: Claim, cat: CategorySeries, name: str, ctx: _Context) -> Check:
    dates = cat.value_dates.get(claim.value) if claim.scope == "cumulative" else None
    if dates:
        value = claim.value
        return Check("unverifiable", record_date=date.fromordinal(dates[0]).isoformat(), record_value=value,
                     explanation=ctx.words["no_date_equal"].format(
                         series=name, rdate=format_date(dates[0], ctx.lang), rvalue=format_number(value, ctx.lang)))
    return Check("unverifiable", explanation=ctx.words["no_date"])


def _choose(ordinals: list[int], ctx: _Context, target: int | None) -> int:
    """Among equally good reports, the one nearest the anchor, else the target, else the first."""
    if len(ordinals) == 1:
        return ordinals[0]
    anchor = ctx.anchor
    pivot = anchor if anchor is not None else target
    if pivot is None:
        return ordinals[0]
    i = bisect.bisect_left(ordinals, pivot)  # the ordinals are sorted: the nearest is beside i
    if i == 0:
        return ordinals[0]
    if i == len(ordinals):
        return ordinals[-1]
    before, after = ordinals[i - 1], ordinals[i]
    return before if pivot - before <= after - pivot else after


def _lag(ordinal: int, first: int, last: int) -> int:
    """Days from the report to the as_of window: positive when the report is older."""
    if ordinal < first:
        return first - ordinal
    if ordinal > last:
        return last - ordinal
    return 0


def _dated_between(dates: list[int] | None, low: int, high: int) -> list[int]:
    """The ordinals of an index entry (value -> sorted report dates) within low..high."""
    if not dates:
        return []
    return dates[bisect.bisect_left(dates, low):bisect.bisect_right(dates, high)]


def _window_indexes(cat: CategorySeries, low: int, high: int) -> tuple[int, int]:
    """Reports dated low..high, plus the one still in force at `low` if none is dated then."""
    i, j = cat.span(low, high)
    if i > 0 and (i == j or cat.ordinals[i] > low):
        i -= 1
    return i, j


def _notes(cat: CategorySeries, ordinals: list[int], name: str, ctx: _Context) -> str:
    text = ""
    for ordinal in ordinals:
        note = cat.notes.get(ordinal)
        if note is None:
            continue
        kind, first, second = note
        ndate = format_date(ordinal, ctx.lang)
        if kind == NOTE_CORRECTION:
            text += ctx.words["note_correction"].format(
                ndate=ndate, series=name, change=_signed(first, ctx.lang), correction=_signed(second, ctx.lang))
        elif kind == NOTE_DECREASE:
            text += ctx.words["note_decrease"].format(
                ndate=ndate, series=name, before=format_number(first, ctx.lang), after=format_number(second, ctx.lang))
    return text


def _category_words(category: str, lang: str) -> str:
    return CATEGORY_WORDS[lang].get(category, category.replace("_", " "))


def _signed(value: int, lang: str) -> str:
    return ("+" if value >= 0 else "−") + format_number(abs(value), lang)


def _claimed(claim: Claim, ctx: _Context) -> str:
    lang = ctx.lang
    words = QUALIFIER_WORDS[lang]
    if claim.qualifier == "range" and claim.value_max is not None:
        return words["range"] + format_number(claim.value, lang) + ctx.words["between_word"] + format_number(claim.value_max, lang)
    if claim.qualifier == "exact":
        return ctx.words["rounds"].format(value=format_number(claim.value, lang))
    return words.get(claim.qualifier, "") + format_number(claim.value, lang)


def _oryx_for(record: Record, claim: Claim, series: Series) -> tuple[CategorySeries, int] | None:
    """Oryx's series to show beside a claim checked against another series, and the last
    date it stands for (a change log: a count stands until its next row, but not past the
    end of the scraping)."""
    oryx = record.series.get(ORYX if claim.side == "russia" else ORYX_UKRAINE)
    if oryx is None or series.name in (ORYX, ORYX_UKRAINE):
        return None
    cat = oryx.categories.get(claim.category)
    return (cat, oryx.last_ordinal + ORYX_STALE_DAYS) if cat is not None else None


def _finish(check: Check, beside: tuple[CategorySeries, int] | None, ordinal: int, lang: str) -> Check:
    """Add Oryx's count beside a cumulative check."""
    if beside is None or ordinal > beside[1]:
        return check
    cat = beside[0]
    i = bisect.bisect_right(cat.ordinals, ordinal) - 1
    if i >= 0:
        value, when = cat.values[i], cat.ordinals[i]
        check.oryx_value, check.oryx_date = value, _iso(when)
        check.explanation += _oryx_words(value, when, lang)
    return check


@lru_cache(maxsize=16384)
def _oryx_words(value: int, ordinal: int, lang: str) -> str:
    return EXPLANATIONS[lang]["oryx"].format(ovalue=format_number(value, lang), odate=format_date(ordinal, lang))


def _out_of_range(cat: CategorySeries, name: str, claim: Claim, low: int, high: int, as_of: str,
                  ctx: _Context) -> Check | None:
    if low > cat.ordinals[-1]:
        return Check("unverifiable", explanation=ctx.words["after_record"].format(
            last=format_date(cat.ordinals[-1], ctx.lang), asof=as_of))
    if high < cat.ordinals[0]:
        return Check("unverifiable", explanation=ctx.words["before_record"].format(
            series=name, category=_category_words(claim.category, ctx.lang), first=format_date(cat.ordinals[0], ctx.lang)))
    return None


def _check_cumulative(claim: Claim, beside: tuple[CategorySeries, int] | None, cat: CategorySeries, name: str,
                      parsed: tuple[int, int, bool], as_of: str, ctx: _Context) -> Check:
    first, last, is_month = parsed
    low, high = first - REPORT_LAG_DAYS, last + REPORT_LAG_DAYS
    lang, words = ctx.lang, ctx.words
    ordinals, values = cat.ordinals, cat.values
    value = claim.value
    target = None if is_month else first
    # The common case first: a total equal to a report of the window, found through the index.
    dates = cat.value_dates.get(value)
    if dates is not None:
        a, b = bisect.bisect_left(dates, low), bisect.bisect_right(dates, high)
        equal = dates[a:b] if b - a > 1 else [dates[a]] if b > a else []
    else:
        equal = []
    if not equal:
        blocked = _out_of_range(cat, name, claim, low, high, as_of, ctx)
        if blocked:
            return blocked
        i, j = _window_indexes(cat, low, high)
        if i < j and ordinals[i] < low and values[i] == value:  # the report still in force at `low`
            equal = [ordinals[i]]
    if equal:
        chosen = _choose(equal, ctx, target)
        check = Check("matches", _iso(chosen), value, value, _lag(chosen, first, last),
                      explanation=words["matches"].format(series=name, rdate=format_date(chosen, lang),
                                                          rvalue=format_number(value, lang)))
        return _finish(check, beside, chosen, lang)

    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    window = values[i:j]
    fitting = [k for k in range(i, j) if lo <= values[k] <= hi] if window and lo <= max(window) and hi >= min(window) else None
    if fitting:
        pick = _choose([ordinals[k] for k in fitting], ctx, target)
        rvalue = values[bisect.bisect_left(ordinals, pick)]
        check = Check("consistent", record_date=_iso(pick), record_value=rvalue,
                      expected_value=rvalue, lag_days=_lag(pick, first, last),
                      explanation=words["consistent"].format(series=name, rdate=format_date(pick, lang),
                                                             rvalue=format_number(rvalue, lang), claimed=_claimed(claim, ctx)))
        return _finish(check, beside, pick, lang)

    # The record's value for as_of: the report of that day, or in a month (its own reports
    # when it has some, not the lag's) the nearest to the claim.
    if is_month:
        a, b = cat.span(first, last)
        a, b = (a, b) if a < b else (i, j)
        month = values[a:b]
        smallest, largest = min(month), max(month)
        if value <= smallest:  # the usual case of a total out of its month: an end is nearest
            k = a + month.index(smallest)
        elif value >= largest:
            k = a + month.index(largest)
        else:
            k = min(range(a, b), key=lambda k: (abs(values[k] - value), ordinals[k]))
    else:
        k = cat.at(first)
        k = k if k >= 0 else i
    expected_ordinal, expected = ordinals[k], values[k]

    elsewhere = _nearest_outside(cat, value, value, low, high) or (
        None if (lo, hi) == (value, value) else _nearest_outside(cat, lo, hi, low, high))
    if elsewhere is not None:
        ordinal, rvalue = elsewhere
        verdict = "stale" if ordinal < low else "ahead"
        key = verdict if rvalue == value else f"{verdict}_bound"
        lag = _lag(ordinal, first, last)
        asof_words = _as_of_words(as_of, first, is_month, ctx)
        check = Check(verdict, record_date=_iso(ordinal), record_value=rvalue,
                      expected_value=expected, lag_days=lag,
                      explanation=words[key].format(series=name, rdate=format_date(ordinal, lang),
                                                    rvalue=format_number(rvalue, lang), lag=format_number(abs(lag), lang),
                                                    asof=asof_words, edate=format_date(expected_ordinal, lang),
                                                    evalue=format_number(expected, lang)))
        return _finish(check, beside, ordinal, lang)

    if claim.qualifier == "exact" and abs(value - expected) <= MISQUOTE_TOLERANCE * expected:
        verdict, key = "misquoted", "misquoted"
    else:
        verdict = "overstated" if lo > expected else "understated"
        key = verdict
    check = Check(verdict, record_date=_iso(expected_ordinal), record_value=expected,
                  expected_value=expected, lag_days=_lag(expected_ordinal, first, last),
                  explanation=words[key].format(series=name, rdate=format_date(expected_ordinal, lang),
                                                rvalue=format_number(expected, lang), pct=_percent(value, expected, lang)))
    check.explanation += _notes(cat, ordinals[i:j], name, ctx)
    return _finish(check, beside, expected_ordinal, lang)


def _as_of_words(as_of: str, first: int, is_month: bool, ctx: _Context) -> str:
    if is_month:
        return _format_window(first, first, True, ctx.lang).removeprefix("en ").removeprefix("in ")
    shown = format_date(first, ctx.lang)
    if as_of == ctx.document_date:
        return ctx.words["article_date"].format(date=shown)
    return f"le {shown}" if ctx.lang == "fr" else shown


def _nearest_outside(cat: CategorySeries, lo: int, hi: int, low: int, high: int) -> tuple[int, int] | None:
    """The report nearest the window [low, high] but outside it whose value lies in [lo, hi]."""
    best: tuple[int, int, int] | None = None
    values = cat.sorted_values
    start, stop = bisect.bisect_left(values, lo), bisect.bisect_right(values, hi)
    for value in values[start:stop]:
        dates = cat.value_dates[value]
        before = bisect.bisect_left(dates, low) - 1
        if before >= 0:
            candidate = (low - dates[before], dates[before], value)
            best = candidate if best is None or candidate < best else best
        after = bisect.bisect_right(dates, high)
        if after < len(dates):
            candidate = (dates[after] - high, dates[after], value)
            best = candidate if best is None or candidate < best else best
    return (best[1], best[2]) if best else None


def _daily_window(first: int, last: int) -> tuple[int, int]:
    """Reports carrying the daily figures of days first..last: D and D+1 (the report lag)."""
    return first, last + 1


def _check_daily(claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool], ctx: _Context,
                 record: Record) -> Check:
    first, last, is_month = parsed
    lang, words = ctx.lang, ctx.words
    low, high = _daily_window(first, last)
    ordinals, diffs = cat.ordinals, cat.diffs
    value = claim.value
    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    if claim.qualifier == "about":  # "en moyenne": an average first, one day's figure by chance only
        average = _average(claim, cat, name, parsed, lo, hi, ctx)
        if average is not None:
            return average
    equal = _dated_between(cat.diff_dates.get(value), low, high)
    if equal and claim.qualifier != "about":
        chosen = _choose(equal, ctx, None)
        return Check("matches", record_date=_iso(chosen), record_value=value,
                     expected_value=value, lag_days=_lag(chosen, first, last),
                     explanation=words["daily_matches"].format(series=name, rdate=format_date(chosen, lang),
                                                               rvalue=_signed(value, lang))
                     + _notes(cat, [chosen], name, ctx))
    blocked = _out_of_range(cat, name, claim, low, high, claim.as_of or ctx.document_date or "", ctx)
    if blocked:
        return blocked
    window_words = _format_window(first, last, is_month, lang)
    i, j = cat.span(low, high)
    present = [k for k in range(i, j) if diffs[k] is not None]
    fitting = [ordinals[k] for k in present if lo <= diffs[k] <= hi]
    if fitting:
        chosen = _choose(fitting, ctx, None)
        rvalue = diffs[bisect.bisect_left(ordinals, chosen)]
        return Check("consistent", record_date=_iso(chosen), record_value=rvalue,
                     expected_value=rvalue, lag_days=_lag(chosen, first, last),
                     explanation=words["daily_consistent"].format(series=name, rdate=format_date(chosen, lang),
                                                                  rvalue=_signed(rvalue, lang), claimed=_claimed(claim, ctx))
                     + _notes(cat, [chosen], name, ctx))
    if not present:
        return Check("unverifiable", explanation=words["no_daily"].format(series=name, category=_category_words(claim.category, ctx.lang),
                                                                         window=window_words))
    nearest = min(present, key=lambda k: (abs(diffs[k] - value), ordinals[k]))
    rvalue, rordinal = diffs[nearest], ordinals[nearest]
    if claim.qualifier == "exact" and abs(value - rvalue) <= MISQUOTE_TOLERANCE * max(rvalue, 1):
        verdict, key = "misquoted", "daily_misquoted"
    elif lo > max(diffs[k] for k in present):
        verdict, key = "overstated", "daily_overstated"
    elif hi < min(diffs[k] for k in present):
        verdict, key = "understated", "daily_understated"
    else:
        verdict = "overstated" if lo > rvalue else "understated"
        key = "daily_between"
    return Check(verdict, record_date=_iso(rordinal), record_value=rvalue,
                 expected_value=rvalue, lag_days=_lag(rordinal, first, last),
                 explanation=words[key].format(series=name, window=window_words, rdate=format_date(rordinal, lang),
                                               rvalue=_signed(rvalue, lang), pct=_percent(value, rvalue, lang))
                 + _notes(cat, [rordinal], name, ctx))


def _average(claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool], lo: int, hi: int,
             ctx: _Context) -> Check | None:
    """An average per day that the record's arithmetic gives: since the invasion, or over a
    month or a year."""
    first, last, _ = parsed
    lang, words = ctx.lang, ctx.words
    i, j = _window_indexes(cat, first - REPORT_LAG_DAYS, last + REPORT_LAG_DAYS)
    best = None
    anchor = ctx.anchor
    for k in range(i, j):
        days = cat.ordinals[k] - _DAY_ZERO
        average = cat.values[k] / days
        if lo <= round(average) <= hi:
            score = (abs(cat.ordinals[k] - (anchor or cat.ordinals[k])), abs(average - claim.value), cat.ordinals[k])
            if best is None or score < best[0]:
                best = (score, k, days, average)
    if best is not None:
        _, k, days, average = best
        ordinal = cat.ordinals[k]
        return Check("consistent", record_date=_iso(ordinal), record_value=round(average),
                     expected_value=round(average), lag_days=_lag(ordinal, first, last),
                     explanation=words["average"].format(series=name, rdate=format_date(ordinal, lang),
                                                         total=format_number(cat.values[k], lang),
                                                         days=format_number(days, lang),
                                                         average=format_number(round(average, 1), lang)))
    # Averages over a calendar period the article may mean: its month or year (so far, or
    # early on, the one before): "depuis le début du mois", "en 2025".
    spans = _period_spans("month", parsed) + _period_spans("year", parsed)
    fitting = [(abs(total / days - claim.value), total, days, how, end)
               for total, days, how, end in _period_totals(cat, spans, name, ctx) if lo <= round(total / days) <= hi]
    if not fitting:
        return None
    _, total, days, how, end = min(fitting, key=lambda f: f[0])
    average = total / days
    return Check("consistent", record_date=_iso(end), record_value=round(average),
                 expected_value=round(average), lag_days=_lag(end, first, last),
                 explanation=words["average_period"].format(
                     how=how, total=format_number(total, lang), days=format_number(days, lang),
                     average=format_number(round(average, 1), lang)))


def _sum_daily(cat: CategorySeries, low: int, high: int) -> int | None:
    """The sum of the printed daily figures of reports low..high; None if one is missing."""
    i, j = cat.span(low, high)
    if j - i != high - low + 1 or cat.diff_gaps[j] != cat.diff_gaps[i]:
        return None
    return cat.diff_sums[j] - cat.diff_sums[i]


def _period_spans(period: str, parsed: tuple[int, int, bool]) -> list[tuple[int, int]]:
    """Spans of report dates (ordinals, inclusive) that a week's, month's or year's losses may
    mean, each also one day later (a report covers mostly the day before): the week ending on
    as_of; as_of's month or year to date; and early in a month or a year, the one before."""
    first, last, _ = parsed
    day = date.fromordinal(first)
    if period == "week":
        spans = [(first - 6, first)]
    elif period == "month":
        month_first = day.replace(day=1).toordinal()
        spans = [(month_first, min(last, month_first + calendar.monthrange(day.year, day.month)[1] - 1))]
        if day.day <= EARLY_IN_MONTH_DAYS:  # "au cours du mois", written on 2 January about December
            previous = date.fromordinal(month_first - 1)
            spans.insert(0, (previous.replace(day=1).toordinal(), previous.toordinal()))
    else:
        spans = [(date(day.year, 1, 1).toordinal(), min(last, date(day.year, 12, 31).toordinal()))]
        if day.month == 1:  # "en 2025", written in January 2026
            spans.insert(0, (date(day.year - 1, 1, 1).toordinal(), date(day.year - 1, 12, 31).toordinal()))
    return [shifted for low, high in spans for shifted in ((low, high), (low + 1, high + 1))]


def _period_totals(cat: CategorySeries, spans: list[tuple[int, int]], name: str,
                   ctx: _Context) -> list[tuple[int, int, str, int]]:
    """(total, days, words, last report) of each span: the sum of the printed daily figures,
    and the rise of the total (which counts the corrections, as outlets that subtract two
    totals do)."""
    words, lang = ctx.words, ctx.lang
    out = []
    for low, high in spans:
        days = high - low + 1
        shown = {"series": name, "first": format_date(low, lang), "last": format_date(high, lang)}
        total = _sum_daily(cat, low, high)
        if total is not None:
            out.append((total, days, words["how_sum"].format(**shown), high))
        before, end = cat.at(low - 1), cat.at(high)
        if before >= 0 and end >= 0 and cat.ordinals[end] == high and cat.ordinals[before] == low - 1:
            rise = cat.values[end] - cat.values[before]
            if rise != total:
                shown["first"] = format_date(low - 1, lang)
                out.append((rise, days, words["how_difference"].format(**shown), high))
    return out


def _check_period_total(claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool],
                        ctx: _Context) -> Check:
    """A week's, month's or year's losses, against the record's sums over the spans it may mean."""
    lang, words = ctx.lang, ctx.words
    if claim.period == "week" and parsed[2]:
        return Check("unverifiable", explanation=words["period_unchecked"])
    totals = _period_totals(cat, _period_spans(claim.period or "month", parsed), name, ctx)
    if not totals:
        return Check("unverifiable", explanation=words["no_daily"].format(
            series=name, category=_category_words(claim.category, lang),
            window=_format_window(parsed[0], parsed[1], parsed[2], lang)))
    value = claim.value
    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    total, _, how, end = min(totals, key=lambda t: (t[0] != value, not lo <= t[0] <= hi, abs(t[0] - value)))
    if total == value:
        verdict, key = "matches", "period_matches"
    elif lo <= total <= hi:
        verdict, key = "consistent", "period_consistent"
    elif claim.qualifier == "exact" and abs(value - total) <= MISQUOTE_TOLERANCE * max(total, 1):
        verdict, key = "misquoted", "period_misquoted"
    else:
        verdict = "overstated" if lo > total else "understated"
        key = f"period_{verdict}"
    return Check(verdict, record_date=_iso(end), record_value=total, expected_value=total,
                 lag_days=_lag(end, parsed[0], parsed[1]),
                 explanation=words[key].format(how=how, rvalue=format_number(total, lang),
                                               claimed=_claimed(claim, ctx), pct=_percent(value, total, lang)))


# --- the document's report, and dating undated articles -------------------------------


def _dating_claims(claims: list[Claim], record: Record, series: str | None) -> list[tuple[Claim, CategorySeries]]:
    """The cumulative claims the General Staff's series can date, with their category series."""
    out = []
    resolved: dict[tuple[str, str], Series | None] = {}
    for claim in claims:
        if claim.scope != "cumulative" or claim.category in MISSING_CATEGORY_REASON:
            continue
        key = (claim.source, claim.side)
        if key not in resolved:
            resolved[key] = _series_for(claim, record, series)[0]
        found = resolved[key]
        if found is None or found.name != GENERAL_STAFF or claim.side != found.side:
            continue
        cat = found.categories.get(claim.category)
        if cat is not None:
            out.append((claim, cat))
    return out


def _fit_dates(claim: Claim, cat: CategorySeries) -> dict[int, int]:
    """Report dates (ordinals) a cumulative claim fits, weighted 2 when equal, 1 when within its qualifier."""
    lo, hi = accepted_interval(claim.value, claim.value_max, claim.qualifier)
    values = cat.sorted_values
    out: dict[int, int] = {}
    # "plus de 21 000" says no more for a total of 21 000 than for 21 400: equality counts
    # double only where the figure points at one total.
    pointed = claim.qualifier not in ("more_than", "range")
    for value in values[bisect.bisect_left(values, lo):bisect.bisect_right(values, hi)]:
        weight = 2 if pointed and value == claim.value else 1
        for ordinal in cat.value_dates[value]:
            out[ordinal] = max(out.get(ordinal, 0), weight)
    return out


def _document_anchor(claims: list[Claim], record: Record, document_date: str | None, series: str | None) -> int | None:
    """The first report that best fits the document's cumulative figures within their as_of windows.

    Used to choose among equally good reports, so that "16 navires" beside "100 400 hommes"
    gets the report of 100 400, and "au moins 1 800 chars" beside "plus de 44 000" the
    first report where both hold.
    """
    usable = []
    for claim, cat in _dating_claims(claims, record, series):
        as_of = claim.as_of or document_date
        parsed = parse_as_of(as_of) if as_of else None
        if parsed is not None:
            usable.append((claim, cat, parsed[0] - REPORT_LAG_DAYS, parsed[1] + REPORT_LAG_DAYS))
    # Equal totals first: cheap through the index, and decisive when one report has the most.
    votes: dict[int, int] = {}
    for claim, cat, low, high in usable:
        for ordinal in _dated_between(cat.value_dates.get(claim.value), low, high):
            votes[ordinal] = votes.get(ordinal, 0) + 2
    if votes:
        best = max(votes.values())
        leaders = [o for o, v in votes.items() if v == best]
        if len(leaders) == 1:
            return leaders[0]
        # A tie (totals unchanged over several reports): the figures read with their
        # qualifiers decide, looked up at the tied reports only.
        return max(leaders, key=lambda o: (_fit_score(usable, o), -o))
    votes = Counter()
    for claim, cat, low, high in usable:
        lo, hi = accepted_interval(claim.value, claim.value_max, claim.qualifier)
        i, j = cat.span(low, high)
        for k in range(i, j):
            found = cat.values[k]
            if found == claim.value:
                votes[cat.ordinals[k]] += 2
            elif lo <= found <= hi:
                votes[cat.ordinals[k]] += 1
    if not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], -item[0]))[0]


def _fit_score(usable: list[tuple[Claim, CategorySeries, int, int]], ordinal: int) -> int:
    """How well the report of `ordinal` fits the claims: 2 for each equal total, 1 for each accepted one."""
    score = 0
    for claim, cat, low, high in usable:
        if not low <= ordinal <= high:
            continue
        k = cat.at(ordinal)
        if k < 0 or cat.ordinals[k] != ordinal:
            continue
        found = cat.values[k]
        if found == claim.value:
            score += 2
        else:
            lo, hi = accepted_interval(claim.value, claim.value_max, claim.qualifier)
            score += lo <= found <= hi
    return score


def _bound(value: str | None, end: bool) -> int | None:
    if not value:
        return None
    parsed = parse_as_of(value)
    if parsed is None:
        raise BilanError(f"date bound {value!r} is not YYYY-MM-DD or YYYY-MM")
    return parsed[1] if end else parsed[0]


def infer_date(claims: list[Claim], record: Record, *, bounds: tuple[str | None, str | None] = (None, None),
               series: str | None = None) -> InferredDate | None:
    """Date an undated article by the reports its cumulative figures fit.

    Only figures without an as_of of their own are used. Every report date gets the sum of the claims' weights there (2 when a figure equals the
    total, 1 when its qualifier accepts it); the best-scoring dates make the window. Dates
    the text gives bound it (`bounds`, each YYYY-MM-DD or YYYY-MM or None). Returns None when
    no figure fits, when the bounds exclude every fitting report, or when the window is
    longer than MAX_INFERRED_WINDOW_DAYS (figures such as "16 ships" do not date an article).
    """
    # A figure the text dates itself ("en mai", "le 9 novembre") is of that date, not the article's.
    usable = [(c, cat) for c, cat in _dating_claims(claims, record, series) if c.as_of is None]
    if not usable:
        return None
    low, high = _bound(bounds[0], False), _bound(bounds[1], True)
    scores: Counter[int] = Counter()
    for claim, cat in usable:
        for ordinal, weight in _fit_dates(claim, cat).items():
            if (low is None or ordinal >= low) and (high is None or ordinal <= high):
                scores[ordinal] += weight
    if not scores:
        return None
    best = max(scores.values())
    chosen = sorted(o for o, s in scores.items() if s == best)
    first, last = chosen[0], chosen[-1]
    if last - first > MAX_INFERRED_WINDOW_DAYS:
        return None
    first_day, last_day = date.fromordinal(first), date.fromordinal(last)
    if first == last:
        label = first_day.isoformat()
    else:
        # Figures are quoted soon after the report that first gives them: the first month.
        label = first_day.strftime("%Y-%m")
    return InferredDate(label, first_day.isoformat(), last_day.isoformat(), len(usable))
