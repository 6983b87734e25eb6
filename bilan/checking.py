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
import math
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

# The report lag: a report dated D covers mostly day D-1 and is quoted for a day or two:
# VERDICTS.md section 3 sets the window D-2 .. D+2 and the order of preference among its dates.
REPORT_LAG_DAYS = 2
CUMULATIVE_PREFERENCE = (0, -1, 1, -2, 2)
DAILY_PREFERENCE = (0, 1, -1, 2, -2)  # a report dated D+1 covers the fighting of D
# `misquoted` (VERDICTS.md section 5): a precise figure within 3% of a window value (at least
# one unit for small counts) that equals no report.
MISQUOTE_SHARE = 0.03
# Section 4: tol(v) = max(u, 1% of v) capped at 10% of v for bounds; `about` a round figure
# takes max(u/2, 2% of v) within the same cap; an exact round figure min(u/2, 3% of v).
BOUND_SHARE, BOUND_CAP = 0.01, 0.10
ABOUT_SHARE = 0.02
EXACT_ROUND_SHARE = 0.03
# Section 5: a "killed" figure under half the personnel series is a count of deaths alone.
DEATHS_ONLY_SHARE = 0.5
# Oryx's scraper paused for up to five weeks (shared/reference/README.md): past its last
# row by more than this, Oryx is not shown beside a claim.
ORYX_STALE_DAYS = 45
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
    "unattributed": GENERAL_STAFF,
    "oryx": ORYX,
}
SIDE_SERIES = {(ORYX, "ukraine"): ORYX_UKRAINE}  # Oryx also counts Ukraine's equipment
# The only categories compared with Oryx (VERDICTS.md section 8): the others do not line up.
ORYX_CATEGORIES = frozenset({"tanks", "aircraft", "helicopters", "ships"})
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
    "en": {
        "uk_mod": "the UK Ministry of Defence",
        "us_officials": "US officials",
        "russia_mod": "the Russian Ministry of Defence",
        "russia_other": "Russian officials",
        "other": "another source",
        "media_estimate": "a media outlet or analyst",
    },
    # With their "de", contracted as French wants it ("du ministère", "d'une autre source").
    "fr": {
        "uk_mod": "du ministère britannique de la Défense",
        "us_officials": "de responsables américains",
        "russia_mod": "du ministère russe de la Défense",
        "russia_other": "de responsables russes",
        "other": "d'une autre source",
        "media_estimate": "d'un média ou d'un analyste",
    },
}
# Readings other than a category's own series: Oryx's status columns, General Staff columns.
READING_WORDS = {
    "en": {
        "destroyed": "destroyed",
        "damaged": "damaged",
        "abandoned": "abandoned",
        "captured": "captured",
        "military auto": "military vehicles alone",
        "fuel tank": "fuel tankers alone",
    },
    "fr": {
        "destroyed": "détruits",
        "damaged": "endommagés",
        "abandoned": "abandonnés",
        "captured": "capturés",
        "military auto": "véhicules militaires seuls",
        "fuel tank": "camions-citernes seuls",
    },
}
QUALIFIER_WORDS = {
    "en": {
        "exact": "",
        "more_than": "more than ",
        "at_least": "at least ",
        "about": "about ",
        "nearly": "nearly ",
        "up_to": "up to ",
        "range": "between ",
    },
    "fr": {
        "exact": "",
        "more_than": "plus de ",
        "at_least": "au moins ",
        "about": "environ ",
        "nearly": "presque ",
        "up_to": "jusqu'à ",
        "range": "entre ",
    },
}
MONTHS = {
    "en": (
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
    ),
    "fr": (
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
    ),
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
        "oryx_gap": "Between two {series} rows, {rvalue} on {rdate} and {nvalue} on {ndate}: the scraper did not run in between.",
        "oryx_hole": "Oryx has no data for some dates {window}, and the figure may belong to them.",
        "oryx_before": "Oryx's scraped counts start on {date}, after {asof}.",
        "oryx_after": "Oryx's scraped counts end on {date}, before {asof}.",
        "oryx_category": "Oryx's categories do not line up with the General Staff's: only tanks, aircraft, helicopters and ships are compared.",
        "oryx_period": "Oryx gives running totals, not losses over a period or in one event.",
        "deaths_only": "A count of deaths alone: the {series} personnel figure, {rvalue} on {rdate}, counts killed and wounded together, and the record holds no deaths-only count.",
        "killed_caveat": " The General Staff's personnel figure counts killed and wounded together.",
        "inferred": " (Checked at a date inferred from the article's figures.)",
        "restates": "Restates the figure the article's body attributes ({value}): ",
        "article_date": "{date}, the date of this article",
        "between_word": " and ",
        "rounds": "it rounds to {value}",
        "qualified": "{claim}",
        "side_russia": "Russian",
        "side_ukraine": "Ukrainian",
        "side_other": "other",
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
        "oryx_gap": "Entre deux relevés {series}, {rvalue} le {rdate} et {nvalue} le {ndate} : le relevé n'a pas eu lieu entre les deux.",
        "oryx_hole": "Oryx n'a pas de données pour certains jours {window}, et le chiffre peut en relever.",
        "oryx_before": "Les relevés d'Oryx commencent le {date}, après {asof}.",
        "oryx_after": "Les relevés d'Oryx s'arrêtent le {date}, avant {asof}.",
        "oryx_category": "Les catégories d'Oryx ne correspondent pas à celles de l'état-major : seuls les chars, avions, hélicoptères et navires sont comparés.",
        "oryx_period": "Oryx donne des totaux cumulés, pas des pertes sur une période ou lors d'un événement.",
        "deaths_only": "Un nombre de morts seulement : le chiffre des pertes en hommes {series}, {rvalue} le {rdate}, compte ensemble tués et blessés, et le bilan n'a pas de nombre de morts seuls.",
        "killed_caveat": " Le chiffre de l'état-major ukrainien compte ensemble les tués et les blessés.",
        "inferred": " (Vérifié à une date déduite des chiffres de l'article.)",
        "restates": "Reprend le chiffre que le corps de l'article attribue ({value}) : ",
        "article_date": "le {date}, date de l'article",
        "between_word": " et ",
        "rounds": "arrondi à {value}",
        "qualified": "{claim}",
        "side_russia": "russes",
        "side_ukraine": "ukrainiennes",
        "side_other": "d'autres pays",
    },
}
# Categories as a sentence names them: "no figure for cruise missiles before 1 May 2022".
CATEGORY_WORDS = {
    "en": {
        "personnel_killed": "soldiers killed",
        "personnel_casualties": "personnel losses",
        "tanks": "tanks",
        "armoured_vehicles": "armoured vehicles",
        "tanks_and_armoured_vehicles": "tanks and armoured vehicles",
        "artillery": "artillery systems",
        "mlrs": "rocket launchers",
        "air_defense": "air-defence systems",
        "aircraft": "aircraft",
        "helicopters": "helicopters",
        "aircraft_and_helicopters": "aircraft and helicopters",
        "drones": "drones",
        "cruise_missiles": "cruise missiles",
        "ships": "ships and boats",
        "submarines": "submarines",
        "vehicles_fuel_tanks": "vehicles and fuel tanks",
        "special_equipment": "special equipment",
        "ground_robotic_systems": "ground robotic systems",
    },
    "fr": {
        "personnel_killed": "les soldats tués",
        "personnel_casualties": "les pertes en hommes",
        "tanks": "les chars",
        "armoured_vehicles": "les véhicules blindés",
        "tanks_and_armoured_vehicles": "les chars et véhicules blindés",
        "artillery": "l'artillerie",
        "mlrs": "les lance-roquettes multiples",
        "air_defense": "la défense antiaérienne",
        "aircraft": "les avions",
        "helicopters": "les hélicoptères",
        "aircraft_and_helicopters": "les avions et hélicoptères",
        "drones": "les drones",
        "cruise_missiles": "les missiles de croisière",
        "ships": "les navires",
        "submarines": "les sous-marins",
        "vehicles_fuel_tanks": "les véhicules et camions-citernes",
        "special_equipment": "l'équipement spécial",
        "ground_robotic_systems": "les robots terrestres",
    },
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
    """The record values (inclusive) that a claim's figure and qualifier agree with (VERDICTS.md section 4)."""
    unit = rounding_unit(value)
    if qualifier == "range" and value_max is not None:
        return min(value, value_max), max(value, value_max)
    if qualifier in ("more_than", "at_least"):
        return value, value + _bound_span(value, unit)
    if qualifier in ("nearly", "up_to"):
        return value - _bound_span(value, unit), value
    if qualifier == "about":
        span = min(max(unit / 2, ABOUT_SHARE * value), BOUND_CAP * value) if unit >= 100 else unit // 2
        return math.ceil(value - span), math.floor(value + span)
    if unit >= 100:  # an exact round figure: the record rounded to its unit
        span = min(unit / 2, EXACT_ROUND_SHARE * value)
        return math.ceil(value - span), math.floor(value + span)
    return value, value


def _bound_span(value: int, unit: int) -> int:
    return math.floor(min(max(unit, BOUND_SHARE * value), BOUND_CAP * value))


@lru_cache(maxsize=65536)
def rate_interval(value: int, value_max: int | None, qualifier: str) -> tuple[float, float]:
    """The means per day an average agrees with: the qualifier's tolerance, and for `about`
    the round-figure rule whatever the figure (a mean is the outlet's own arithmetic)."""
    if qualifier == "about":
        unit = rounding_unit(value)
        span = min(max(unit / 2, ABOUT_SHARE * value), BOUND_CAP * value)
        return value - span, value + span
    return accepted_interval(value, value_max, qualifier)


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

    def __init__(
        self,
        lang: str,
        document_date: str | None,
        anchor: int | None,
        pending: tuple[list[Claim], Record, str | None] | None = None,
    ) -> None:
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


def check_claim(
    claim: Claim,
    record: Record,
    *,
    document_date: str | None,
    explain: str = "en",
    series: str | None = None,
    anchor: str | None = None,
) -> Check:
    """The `check` object of CLAIMS.md for one claim.

    `anchor` (YYYY-MM-DD): the report the document's other figures point to, used to choose
    among equal reports (a total unchanged for weeks); `check_claims` computes it.
    """
    context = _Context(explain, document_date, date.fromisoformat(anchor).toordinal() if anchor else None)
    return _check(claim, record, context, series)


def check_claims(
    claims: list[Claim],
    record: Record,
    *,
    document_date: str | None,
    explain: str = "en",
    series: str | None = None,
    date_inferred: bool = False,
    head_end: int | None = None,
) -> None:
    """Fill `claim.check` for every claim of one document.

    `date_inferred`: the document's date was inferred from its figures, so a verdict reached
    at that date says so (a fact-checker should confirm the date before quoting it).
    `head_end`: where the headline and subheadings end (`headline_end`); an unattributed
    figure there that restates a figure the body attributes takes that figure's verdict.
    """
    context = _Context(explain, document_date, None, (claims, record, series))
    context.routes = _routes_for(record, explain, series)
    for claim in claims:
        claim.check = _check(claim, record, context, series)
        if date_inferred and claim.check.verdict != "unverifiable" and claim.as_of in (None, document_date):
            claim.check.explanation += context.words["inferred"]
    if head_end:
        _restated_in_the_head(claims, head_end, context)


# A headline line is short and is no sentence: it does not end with a full stop.
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_LINES = 3


def headline_end(text: str, start: int = 0) -> int:
    """The offset where the headline and subheadings at `start` end (`start` if there are none)."""
    end, position, lines = start, start, 0
    for line in text[start:].splitlines(keepends=True):
        stripped = line.strip()
        position += len(line)
        if not stripped:
            continue
        if len(stripped) > HEADLINE_MAX_CHARS or stripped.endswith("."):
            break
        end, lines = position, lines + 1
        if lines == HEADLINE_MAX_LINES:
            break
    return end


def _restated_in_the_head(claims: list[Claim], head_end: int, ctx: _Context) -> None:
    """VERDICTS.md section 9: a headline that restates (or rounds) a figure the body attributes
    takes the verdict of that figure, although its own source is `unattributed`."""
    body = [c for c in claims if c.start >= head_end and c.source != "unattributed" and c.check is not None]
    for claim in claims:
        if claim.start >= head_end or claim.source != "unattributed" or claim.check is None:
            continue
        lo, hi = accepted_interval(claim.value, claim.value_max, claim.qualifier)
        unit = rounding_unit(claim.value)
        for told in body:
            same = (
                told.side == claim.side
                and told.scope == claim.scope
                and told.period == claim.period
                and (
                    told.category == claim.category
                    or told.category.startswith("personnel_")
                    and claim.category.startswith("personnel_")
                )
            )
            if same and (lo <= told.value <= hi or abs(told.value - claim.value) <= unit // 2):
                restated = told.check
                claim.check = Check(
                    restated.verdict,
                    restated.record_date,
                    restated.record_value,
                    restated.expected_value,
                    restated.lag_days,
                    restated.oryx_value,
                    restated.oryx_date,
                    ctx.words["restates"].format(value=format_number(told.value, ctx.lang)) + restated.explanation,
                )
                break


def _check(claim: Claim, record: Record, ctx: _Context, series_name: str | None) -> Check:
    key = (claim.source, claim.side, claim.category, claim.scope)
    route = ctx.routes.get(key)
    if route is None:
        route = ctx.routes[key] = _route(claim, record, ctx, series_name)
    if isinstance(route, str):  # unverifiable whatever the figure: the reason
        return Check("unverifiable", explanation=route)
    beside, cat, name, series = route
    as_of = claim.as_of or ctx.document_date
    if not as_of:
        return _undated(claim, cat, name, ctx)
    parsed = parse_as_of(as_of)
    if parsed is None:
        return Check("unverifiable", explanation=ctx.words["bad_date"].format(asof=as_of))
    if claim.scope == "cumulative":
        return _check_cumulative(claim, beside, cat, name, parsed, as_of, ctx, series)
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


def _route(
    claim: Claim, record: Record, ctx: _Context, series_name: str | None
) -> str | tuple[tuple[CategorySeries, int] | None, CategorySeries, str, Series]:
    """What checks claims of this source, side, category and scope: a series, or why nothing can."""
    words = ctx.words
    gs_name = ctx.series_names[GENERAL_STAFF]
    if claim.category in MISSING_CATEGORY_REASON:
        return words[MISSING_CATEGORY_REASON[claim.category]].format(series=gs_name)
    series = _series_for(claim, record, series_name)[0]
    if series is None:
        source = SOURCE_NAMES[ctx.lang].get(claim.source, claim.source)
        return words["source"].format(source=source, series=gs_name)
    name = ctx.series_names.get(series.name) or (f"de la série « {series.label} »" if ctx.lang == "fr" else series.label)
    if claim.side != series.side:
        side = words.get(f"side_{claim.side}", claim.side)
        counted = words.get(f"side_{series.side}", series.side)
        return words["side"].format(series=name, side=side, counted=counted)
    if series.name in (ORYX, ORYX_UKRAINE):
        if claim.category not in ORYX_CATEGORIES:
            return words["oryx_category"]
        if claim.scope != "cumulative":
            return words["oryx_period"]
    if claim.scope == "event":
        return words["event"]
    cat = series.categories.get(claim.category)
    if cat is None:
        return words["no_category"].format(series=name, category=_category_words(claim.category, ctx.lang))
    return _oryx_for(record, claim, series), cat, name, series


def _undated(claim: Claim, cat: CategorySeries, name: str, ctx: _Context) -> Check:
    dates = cat.value_dates.get(claim.value) if claim.scope == "cumulative" else None
    if dates:
        value = claim.value
        return Check(
            "unverifiable",
            record_date=date.fromordinal(dates[0]).isoformat(),
            record_value=value,
            explanation=ctx.words["no_date_equal"].format(
                series=name, rdate=format_date(dates[0], ctx.lang), rvalue=format_number(value, ctx.lang)
            ),
        )
    return Check("unverifiable", explanation=ctx.words["no_date"])


def _dated_between(dates: list[int] | None, low: int, high: int) -> list[int]:
    """The ordinals of an index entry (value -> sorted report dates) within low..high."""
    if not dates:
        return []
    return dates[bisect.bisect_left(dates, low) : bisect.bisect_right(dates, high)]


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
                ndate=ndate, series=name, change=_signed(first, ctx.lang), correction=_signed(second, ctx.lang)
            )
        elif kind == NOTE_DECREASE:
            text += ctx.words["note_decrease"].format(
                ndate=ndate, series=name, before=format_number(first, ctx.lang), after=format_number(second, ctx.lang)
            )
    return text


def _category_words(category: str, lang: str) -> str:
    return CATEGORY_WORDS[lang].get(category, category.replace("_", " "))


def _signed(value: int, lang: str) -> str:
    return ("+" if value >= 0 else "−") + format_number(abs(value), lang)


def _claimed(claim: Claim, ctx: _Context) -> str:
    lang = ctx.lang
    words = QUALIFIER_WORDS[lang]
    if claim.qualifier == "range" and claim.value_max is not None:
        return (
            words["range"] + format_number(claim.value, lang) + ctx.words["between_word"] + format_number(claim.value_max, lang)
        )
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


def _out_of_range(
    cat: CategorySeries, name: str, claim: Claim, low: int, high: int, as_of: str, ctx: _Context, end: int | None = None
) -> Check | None:
    """Unverifiable when the window is after the series' end (`end`, else its last figure) or
    before its first figure."""
    end = end or cat.ordinals[-1]
    if low > end:
        return Check("unverifiable", explanation=ctx.words["after_record"].format(last=format_date(end, ctx.lang), asof=as_of))
    if high < cat.ordinals[0]:
        return Check(
            "unverifiable",
            explanation=ctx.words["before_record"].format(
                series=name, category=_category_words(claim.category, ctx.lang), first=format_date(cat.ordinals[0], ctx.lang)
            ),
        )
    return None


# --- agreement (VERDICTS.md section 4) -------------------------------------------------

RANK = {"matches": 0, "consistent": 1, "stale": 2, "ahead": 3, "misquoted": 4, "overstated": 5, "understated": 5}


def _is_round(value: int) -> bool:
    return rounding_unit(value) >= 100


@lru_cache(maxsize=65536)
def _near_interval(value: int) -> tuple[float, float]:
    """The record values r a figure is near (the misquote's reach): |value - r| <= max(3% of r, 1)."""
    return min(value / (1 + MISQUOTE_SHARE), value - 1), max(value / (1 - MISQUOTE_SHARE), value + 1)


def _may_misquote(claim: Claim) -> bool:
    return claim.qualifier in ("exact", "about") and not _is_round(claim.value)


def _bounds(window: tuple[int, ...]) -> tuple[int, int]:
    """The first and last dates of a window (its lag days before and after)."""
    # A day window starts with D, a month's with its first day and its last day is fifth from the end.
    return window[0] - REPORT_LAG_DAYS, (window[-5] if len(window) > 5 else window[0]) + REPORT_LAG_DAYS


@lru_cache(maxsize=8192)
def _own_dates(first: int, last: int) -> tuple[int, ...]:
    """The dates of the as_of itself (a day, or a month's days), without the report lag."""
    return tuple(range(first, last + 1))


@lru_cache(maxsize=8192)
def _window_dates(first: int, last: int, is_month: bool, daily: bool) -> tuple[int, ...]:
    """The window's dates in the order of preference that gives record_date (section 3)."""
    if not is_month:
        return tuple(first + offset for offset in (DAILY_PREFERENCE if daily else CUMULATIVE_PREFERENCE))
    return (*range(first, last + 1), first - 1, first - 2, last + 1, last + 2)


@dataclass(slots=True)
class _Found:
    """One reading's best verdict: what it rests on and how to say it."""

    verdict: str
    ordinal: int | None
    value: int
    reading: str
    key: str
    extra: dict


def _leading_zeros_end(cat: CategorySeries) -> int:
    """The first report with a value above zero: leading zeros mean "not reported" (section 2)."""
    return cat.first_reported


def _in_force(cat: CategorySeries, ordinal: int, series: Series) -> tuple[int, int] | None:
    """(row date, value) of the report or row in force on `ordinal`, or None when the series
    says nothing then (before its first figure, after its last, in a hole of Oryx's scrapes)."""
    return _rows_at(cat, (ordinal,), series)[0]


def _distinct_rows(cat: CategorySeries, window: tuple[int, ...], series: Series) -> tuple[tuple[int, int], ...]:
    """The rows in force on the window's dates, in its order, each once (kept per window)."""
    key = ("rows", window)
    rows = cat.window_cache.get(key)
    if rows is None:
        rows = cat.window_cache[key] = tuple(_window_rows(cat, window, series))
    return rows


def _extent(cat: CategorySeries, window: tuple[int, ...], rows: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """The smallest and largest value of a window's rows (`_distinct_rows`), kept per window."""
    key = ("extent", window)
    extent = cat.window_cache.get(key)
    if extent is None:
        values = [value for _, value in rows]
        extent = cat.window_cache[key] = (min(values), max(values))
    return extent


def _window_rows(cat: CategorySeries, window: tuple[int, ...], series: Series) -> list[tuple[int, int]]:
    if cat.contiguous and not series.coverage:  # every date its own report: its index is its offset
        base, values, floor, end = cat.ordinals[0], cat.values, cat.first_reported, cat.ordinals[-1]
        if len(window) > 5:  # a month: its own days as one slice, then its lag days
            first, last = max(window[0], floor), min(window[-5], end)
            rows = list(zip(range(first, last + 1), values[first - base : last - base + 1])) if first <= last else []
            return rows + [(d, values[d - base]) for d in window[-4:] if floor <= d <= end]
        return [(d, values[d - base]) for d in window if floor <= d <= end]
    found = _rows_at(cat, window, series)
    rows, seen = [], set()
    for row in found:
        if row is not None and row[0] not in seen:
            seen.add(row[0])
            rows.append(row)
    return rows


def _own_rows(cat: CategorySeries, own: tuple[int, ...], series: Series) -> tuple[tuple[int, int], ...]:
    """The rows in force on the as_of's own dates (a day, or a month's days), kept per as_of."""
    key = ("own", own)
    rows = cat.window_cache.get(key)
    if rows is None:
        rows = cat.window_cache[key] = tuple(found for found in _rows_at(cat, own, series) if found is not None)
    return rows


def _rows_at(cat: CategorySeries, dates: tuple[int, ...] | list[int], series: Series) -> list[tuple[int, int] | None]:
    """`_in_force` for each of `dates`, with one search over the series."""
    ordinals, values = cat.ordinals, cat.values
    coverage = series.coverage
    end = ordinals[-1] if not coverage else coverage[-1][1]
    earliest, latest = min(dates), max(dates)
    start = bisect.bisect_right(ordinals, earliest) - 1
    stop = bisect.bisect_right(ordinals, latest, max(start, 0))
    floor = cat.first_reported
    out: list[tuple[int, int] | None] = []
    if cat.contiguous and not coverage:  # one report a day: its index is its date's offset
        base = ordinals[0]
        return [(d, values[d - base]) if floor <= d <= end else None for d in dates]
    # Oryx: dates wholly inside one scrape span need no check each.
    spanned = not coverage or any(low <= earliest and latest <= high for low, high in coverage)
    for ordinal in dates:
        if ordinal > end or (not spanned and not series.covers(ordinal)):
            out.append(None)
            continue
        k = bisect.bisect_right(ordinals, ordinal, max(start, 0), stop) - 1
        out.append((ordinals[k], values[k]) if k >= 0 and ordinals[k] >= floor else None)
    return out


def _cumulative_reading(
    claim: Claim,
    cat: CategorySeries,
    reading: str,
    series: Series,
    window: tuple[int, ...],
    own: tuple[int, ...] | list[int],
    allow_moved: bool,
    is_month: bool,
    ctx: _Context,
) -> _Found | None:
    """The best verdict of one reading (a column) of a cumulative figure over its window."""
    rows = _distinct_rows(cat, window, series)  # (row date, value) in window order, each row once
    if not rows:
        return None
    value = claim.value
    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    smallest, largest = _extent(cat, window, rows)
    if lo <= largest and smallest <= hi:  # else no row of the window equals or agrees with it
        equal = [r for r in rows if r[1] == value]
        if equal and claim.qualifier != "range":
            pick = _pick(equal, ctx, is_month)
            return _Found("matches", pick[0], pick[1], reading, "matches", {})
        agreeing = [r for r in rows if lo <= r[1] <= hi]
        if agreeing:
            pick = _pick(agreeing, ctx, is_month)
            return _Found("consistent", pick[0], pick[1], reading, "consistent", {})
    if series.scrapes:  # Oryx: a figure between two scrapes
        gap = _scrape_gap(claim, cat, series, window)
        if gap is not None:
            return _Found("consistent", gap[0], gap[1], reading, "oryx_gap", {"next": gap[2], "ndate": gap[3]})
    if allow_moved and claim.qualifier != "range":
        dates = cat.value_dates.get(value) or ()
        low, high = _bounds(window)
        before = bisect.bisect_left(dates, low)  # reports equal to it before the window
        after = bisect.bisect_right(dates, high)  # dates[after:] are after it
        if before and after == len(dates) and value < smallest:
            return _Found("stale", dates[before - 1], value, reading, "stale", {})
        if after < len(dates) and not before and value > largest:
            return _Found("ahead", dates[after], value, reading, "ahead", {})
    if _may_misquote(claim):
        near_lo, near_hi = _near_interval(value)
        near = [r for r in rows if near_lo <= r[1] <= near_hi]
        if near:
            pick = min(near, key=lambda r: abs(r[1] - value)) if is_month else near[0]
            return _Found("misquoted", pick[0], pick[1], reading, "misquoted", {})
    reference = _reference(rows, own, value, series, cat, is_month)
    verdict = "overstated" if lo > reference[1] else "understated"
    return _Found(verdict, reference[0], reference[1], reading, verdict, {})


def _pick(rows: list[tuple[int, int]], ctx: _Context, is_month: bool) -> tuple[int, int]:
    """Among equally good rows, the first in the window's order of preference; in a month,
    the one nearest the report the document's other figures point to, if any."""
    if len(rows) == 1 or not is_month:
        return rows[0]
    anchor = ctx.anchor
    if anchor is None:
        return rows[0]
    return min(rows, key=lambda r: (abs(r[0] - anchor), r[0]))


def _reference(
    rows: list[tuple[int, int]], own: tuple[int, ...] | list[int], value: int, series: Series, cat: CategorySeries, is_month: bool
) -> tuple[int, int]:
    """The over/understated reference: the record on D; in a month, its last report when the
    figure is above it, its first when below, else the nearest."""
    if not is_month:
        return rows[0]
    if cat.contiguous and not series.coverage:  # the window's rows start with the month's own
        month = rows[: len(own)] if rows and rows[0][0] == own[0] else [r for r in rows if own[0] <= r[0] <= own[-1]]
        month = month or rows
    else:
        month = _own_rows(cat, own, series) or rows
    first, last = month[0], month[-1]
    if value > last[1] and value > first[1]:
        return max(month, key=lambda r: (r[1], r[0])) if last[1] < first[1] else last
    if value < first[1] and value < last[1]:
        return first
    return min(month, key=lambda r: (abs(r[1] - value), r[0]))


def _scrape_gap(claim: Claim, cat: CategorySeries, series: Series, window: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """A figure between the rows around a window date the scraper skipped, or between the
    window's last row and the next one: (row date, value, next value, next date)."""
    value = claim.value
    scrapes = series.scrapes
    candidates = sorted(set(window))
    for ordinal in candidates:
        skipped = not _has(scrapes, ordinal)
        if not (skipped or ordinal == candidates[-1]):
            continue
        k = cat.at(ordinal)
        if k < 0 or k + 1 >= len(cat.ordinals) or not series.covers(ordinal):
            continue
        a, b = cat.values[k], cat.values[k + 1]
        if min(a, b) < value < max(a, b):
            return cat.ordinals[k], a, b, cat.ordinals[k + 1]
    return None


def _has(sorted_ordinals: list[int], ordinal: int) -> bool:
    i = bisect.bisect_left(sorted_ordinals, ordinal)
    return i < len(sorted_ordinals) and sorted_ordinals[i] == ordinal


def _readings(series: Series, category: str, cat: CategorySeries) -> list[tuple[str, CategorySeries]]:
    return [("", cat), *series.readings.get(category, ())]


def _check_cumulative(
    claim: Claim,
    beside: tuple[CategorySeries, int] | None,
    cat: CategorySeries,
    name: str,
    parsed: tuple[int, int, bool],
    as_of: str,
    ctx: _Context,
    series: Series,
) -> Check:
    first, last, is_month = parsed
    plain = not series.coverage and claim.qualifier != "range"  # the General Staff's, not a range
    if plain and not is_month and cat.contiguous:
        # The commonest case of all: the total of the report of D itself.
        k = first - cat.ordinals[0]
        if 0 <= k < len(cat.values) and cat.values[k] == claim.value and first >= cat.first_reported:
            return _matches(claim, first, claim.value, beside, name, is_month, ctx)
    window = _window_dates(first, last, is_month, daily=False)
    if plain and first <= cat.ordinals[-1]:
        # The next commonest: a total equal to another report of the window, through the index.
        found = _equal_in_window(claim, cat, series, window, is_month, ctx)
        if found is not None:
            expected = claim.value
            if not is_month and cat.contiguous and cat.first_reported <= first:
                expected = cat.values[first - cat.ordinals[0]]
            return _matches(claim, found.ordinal, expected, beside, name, is_month, ctx, first)
    own = _own_dates(first, last)
    oryx = series.name in (ORYX, ORYX_UKRAINE)
    if oryx:
        covered = [o for o in window if series.covers(o)]
        if not covered:
            return _oryx_uncovered(series, first, last, as_of, ctx)
        low, high = _bounds(window)
        holes = len(covered) < len(window) and low >= series.coverage[0][0] and high <= series.coverage[-1][1]
    else:
        # A figure dated after the record's last report is not judged by older reports.
        blocked = _out_of_range(
            cat, name, claim, first, _bounds(window)[1], as_of, ctx, series.coverage[-1][1] if series.coverage else None
        )
        if blocked:
            return blocked
        holes = False
    # (when `plain`, the index was read above and found no equal report)
    best = _equal_in_window(claim, cat, series, window, is_month, ctx) if not (oryx or plain) else None
    if best is None:
        best = _best_reading(claim, cat, name, series, window, own, is_month, holes, as_of, ctx)
        if isinstance(best, Check):
            return best
    return _cumulative_check(claim, best, beside, cat, name, series, parsed, window, own, as_of, ctx)


def _matches(
    claim: Claim,
    ordinal: int,
    expected: int,
    beside: tuple[CategorySeries, int] | None,
    name: str,
    is_month: bool,
    ctx: _Context,
    first: int | None = None,
) -> Check:
    """A cumulative figure equal to the report of `ordinal`."""
    lang, words = ctx.lang, ctx.words
    check = Check(
        "matches",
        _iso(ordinal),
        claim.value,
        expected,
        None if is_month else (first if first is not None else ordinal) - ordinal,
        explanation=words["matches"].format(
            series=name, rdate=format_date(ordinal, lang), rvalue=format_number(claim.value, lang)
        ),
    )
    if claim.category == "personnel_killed":
        check.explanation += words["killed_caveat"]
    return _finish(check, beside, ordinal, lang)


def _equal_in_window(
    claim: Claim, cat: CategorySeries, series: Series, window: tuple[int, ...], is_month: bool, ctx: _Context
) -> _Found | None:
    """The common case, through the index: a total equal to a report dated in the window."""
    if claim.qualifier == "range":
        return None
    dates = cat.value_dates.get(claim.value)
    if not dates:
        return None
    low, high = _bounds(window)
    a, b = bisect.bisect_left(dates, low), bisect.bisect_right(dates, high)
    if a == b or dates[a] < cat.first_reported:
        return None
    return _Found("matches", _first_preferred(dates[a:b], window, is_month, ctx), claim.value, "", "matches", {})


def _first_preferred(dates: list[int], window: tuple[int, ...], is_month: bool, ctx: _Context) -> int:
    """Among report dates of a window (sorted), the one its order of preference gives: a
    month's own dates first, earliest first (or the nearest the anchor), then its lag days."""
    if len(dates) == 1:
        return dates[0]
    if is_month:
        anchor = ctx.anchor
        if anchor is not None:  # the nearest the anchor, the earlier of two as near
            i = bisect.bisect_left(dates, anchor)
            if i == 0 or i == len(dates):
                return dates[min(i, len(dates) - 1)]
            return dates[i - 1] if anchor - dates[i - 1] <= dates[i] - anchor else dates[i]
        first, last = window[0], window[-5]
        own = [o for o in dates if first <= o <= last]
        if own:
            return own[0]
    found = set(dates)
    return next(o for o in window if o in found)


def _best_reading(
    claim: Claim,
    cat: CategorySeries,
    name: str,
    series: Series,
    window: tuple[int, ...],
    own: tuple[int, ...] | list[int],
    is_month: bool,
    holes: bool,
    as_of: str,
    ctx: _Context,
) -> _Found | Check:
    """The best verdict over the readings (section 1), or the Check of why there is none."""
    lang, words = ctx.lang, ctx.words
    first, last = own[0], own[-1]
    oryx = series.name in (ORYX, ORYX_UKRAINE)
    readings = _readings(series, claim.category, cat)
    if holes:
        readings = readings[:1]
    results = []
    nearest = None
    if oryx and len(readings) > 1:  # stale/ahead only in the column nearest the figure (section 8)

        def distance(item):
            values = [f[1] for f in _rows_at(item[1], window, series) if f is not None]
            return min((abs(v - claim.value) for v in values), default=float("inf"))

        nearest = min(readings, key=distance)[0]
    for reading, column in readings:
        found = _cumulative_reading(
            claim, column, reading, series, window, own, nearest is None or reading == nearest, is_month, ctx
        )
        if found is not None:
            results.append(found)
    if not results:
        if oryx:
            return _oryx_uncovered(series, first, last, as_of, ctx)
        return Check(
            "unverifiable",
            explanation=words["before_record"].format(
                series=name, category=_category_words(claim.category, lang), first=format_date(_leading_zeros_end(cat), lang)
            ),
        )
    # Over/understated rests on the first reading (the column's own series).
    best = min(results, key=lambda f: RANK[f.verdict] if RANK[f.verdict] < 5 or f.reading == results[0].reading else 9)
    if holes and RANK[best.verdict] > 1:
        return Check("unverifiable", explanation=words["oryx_hole"].format(window=_format_window(first, last, is_month, lang)))
    return best


def _cumulative_check(
    claim: Claim,
    best: _Found,
    beside: tuple[CategorySeries, int] | None,
    cat: CategorySeries,
    name: str,
    series: Series,
    parsed: tuple[int, int, bool],
    window: tuple[int, ...],
    own: tuple[int, ...] | list[int],
    as_of: str,
    ctx: _Context,
) -> Check:
    """The Check of a cumulative figure's best verdict, with its words."""
    first, last, is_month = parsed
    lang, words = ctx.lang, ctx.words
    # The record for as_of: on D; for a month moved out of it, its first or last report.
    verdict = best.verdict
    moved = verdict in ("stale", "ahead")
    if is_month:
        expected = None
    elif cat.contiguous and not series.coverage and cat.first_reported <= first <= cat.ordinals[-1]:
        expected = (first, cat.values[first - cat.ordinals[0]])
    else:
        expected = _in_force(cat, first, series)
    if expected is None:
        month = _own_rows(cat, own, series) if moved else None
        expected = (month[0] if verdict == "stale" else month[-1]) if month else (best.ordinal, best.value)
    check = Check(
        verdict,
        record_date=_iso(best.ordinal),
        record_value=best.value,
        expected_value=expected[1],
        lag_days=None if is_month else first - best.ordinal,
    )
    shown = {
        "series": name + _reading_words(best.reading, lang) if best.reading else name,
        "rdate": format_date(best.ordinal, lang),
        "rvalue": format_number(best.value, lang),
    }
    if verdict == "consistent":
        shown["claimed"] = _claimed(claim, ctx)
    elif verdict == "misquoted":
        shown["pct"] = _percent(claim.value, best.value, lang)
    elif moved:
        lag = (first - best.ordinal) if verdict == "stale" else (best.ordinal - last)
        shown.update(
            lag=format_number(lag, lang),
            asof=_as_of_words(as_of, first, is_month, ctx),
            edate=format_date(expected[0], lang),
            evalue=format_number(expected[1], lang),
        )
    if best.key == "oryx_gap":
        shown.update(nvalue=format_number(best.extra["next"], lang), ndate=format_date(best.extra["ndate"], lang))
    check.explanation = words[best.key].format(**shown)
    if best.verdict in ("misquoted", "overstated", "understated"):
        low, high = _bounds(window)
        check.explanation += _notes(cat, sorted(o for o in cat.notes if low <= o <= high), name, ctx)
    if claim.category == "personnel_killed":
        if best.verdict == "understated" and claim.value < DEATHS_ONLY_SHARE * best.value:
            return Check(
                "unverifiable",
                explanation=words["deaths_only"].format(
                    series=name, rvalue=format_number(best.value, lang), rdate=format_date(best.ordinal, lang)
                ),
            )
        check.explanation += words["killed_caveat"]
    return _finish(check, beside, best.ordinal, lang)


def _reading_words(reading: str, lang: str) -> str:
    return f" ({READING_WORDS[lang].get(reading, reading)})" if reading else ""


def _oryx_uncovered(series: Series, first: int, last: int, as_of: str, ctx: _Context) -> Check:
    words, lang = ctx.words, ctx.lang
    start, end = series.coverage[0][0], series.coverage[-1][1]
    if last < start:
        key, when = "oryx_before", start
    elif first > end:
        key, when = "oryx_after", end
    else:
        return Check(
            "unverifiable", explanation=words["oryx_hole"].format(window=_format_window(first, last, len(as_of) == 7, lang))
        )
    return Check("unverifiable", explanation=words[key].format(date=format_date(when, lang), asof=as_of))


# --- daily figures, rates, period sums (sections 6 and 7) -------------------------------


def _daily_rows(cat: CategorySeries, window: tuple[int, ...], raw: bool) -> tuple[tuple[int, int], ...]:
    """(report date, daily figure) of the reports dated on the window's dates, in its order
    (the printed figures, or the `raw` differences), kept per window."""
    key = ("raw" if raw else "daily", window)
    rows = cat.window_cache.get(key)
    if rows is None:
        rows = cat.window_cache[key] = tuple(_window_daily_rows(cat, window, raw))
    return rows


def _window_daily_rows(cat: CategorySeries, window: tuple[int, ...], raw: bool) -> list[tuple[int, int]]:
    out = []
    ordinals, values, diffs = cat.ordinals, cat.values, cat.diffs
    floor, count = cat.first_reported, len(ordinals)
    base = ordinals[0] if cat.contiguous else None
    if base is not None:  # one report a day: its index is its date's offset
        end = ordinals[-1]
        if raw:
            return [(d, values[d - base] - values[d - base - 1]) for d in window if floor <= d <= end and d > base]
        if len(window) > 5:  # a month: its own days as one slice, then its lag days
            first, last = max(window[0], floor), min(window[-5], end)
            own = zip(range(first, last + 1), diffs[first - base : last - base + 1]) if first <= last else ()
            return [row for row in own if row[1] is not None] + [
                (d, diffs[d - base]) for d in window[-4:] if floor <= d <= end and diffs[d - base] is not None
            ]
        return [(d, diffs[d - base]) for d in window if floor <= d <= end and diffs[d - base] is not None]
    for ordinal in window:
        if ordinal < floor:
            continue
        if base is not None:
            k = ordinal - base
            if k >= count:
                continue
        else:
            k = bisect.bisect_right(ordinals, ordinal) - 1
            if k < 0 or ordinals[k] != ordinal:
                continue
        if raw:
            if k == 0 or ordinals[k - 1] != ordinal - 1:
                continue
            out.append((ordinal, values[k] - values[k - 1]))
        elif diffs[k] is not None:
            out.append((ordinal, diffs[k]))
    return out


def _check_daily(
    claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool], ctx: _Context, record: Record
) -> Check:
    first, last, is_month = parsed
    lang, words = ctx.lang, ctx.words
    value = claim.value
    if not is_month and cat.contiguous and claim.qualifier != "range" and first >= cat.first_reported:
        # The commonest case: the printed figure of the report of D, or of D+1 (it covers D).
        k = first - cat.ordinals[0]
        for ordinal, index in ((first, k), (first + 1, k + 1)):
            if 0 <= index < len(cat.diffs) and cat.diffs[index] == value:
                return Check(
                    "matches",
                    record_date=_iso(ordinal),
                    record_value=value,
                    expected_value=value,
                    lag_days=first - ordinal,
                    explanation=words["daily_matches"].format(
                        series=name, rdate=format_date(ordinal, lang), rvalue=_signed(value, lang)
                    )
                    + _notes(cat, [ordinal], name, ctx),
                )
    window = _window_dates(first, last, is_month, daily=True)
    blocked = _out_of_range(cat, name, claim, first, _bounds(window)[1], claim.as_of or ctx.document_date or "", ctx)
    if blocked:
        return blocked
    averaged = claim.qualifier != "exact"  # an exact daily figure is one day's, never a mean
    if averaged and is_month:  # with a month as_of, the rate reading first
        rate = _rate(claim, cat, name, parsed, ctx)
        if rate is not None:
            return rate
    window_words = _format_window(first, last, is_month, lang)
    equal = _dated_between(cat.diff_dates.get(value), *_bounds(window)) if claim.qualifier != "range" else None
    if equal:  # the common case, through the index: a printed figure of the window
        ordinal = _first_preferred(equal, window, is_month, ctx)
        return Check(
            "matches",
            record_date=_iso(ordinal),
            record_value=value,
            expected_value=value,
            lag_days=None if is_month else first - ordinal,
            explanation=words["daily_matches"].format(series=name, rdate=format_date(ordinal, lang), rvalue=_signed(value, lang))
            + _notes(cat, [ordinal], name, ctx),
        )
    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    printed = _daily_rows(cat, window, raw=False)
    # The raw differences differ from the printed figures only where a correction applies.
    low, high = _bounds(window)
    raw = _daily_rows(cat, window, raw=True) if any(low <= o <= high for o in cat.notes) or not printed else printed
    found = None
    equal = [r for r in raw if r[1] == value] if raw is not printed and claim.qualifier != "range" else []
    if equal:  # the printed figures' equality was looked up through the index
        found = ("matches", _pick(equal, ctx, is_month), "daily_matches")
    else:
        for rows in (printed, raw):
            agreeing = [r for r in rows if lo <= r[1] <= hi]
            if agreeing:
                found = ("consistent", _pick(agreeing, ctx, is_month), "daily_consistent")
                break
    rate = _rate(claim, cat, name, parsed, ctx) if averaged and not is_month and found is None else None
    if found is None and not printed and not raw:
        return rate or Check(
            "unverifiable",
            explanation=words["no_daily"].format(
                series=name, category=_category_words(claim.category, lang), window=window_words
            ),
        )
    if found is not None:
        verdict, (ordinal, rvalue), key = found
        return Check(
            verdict,
            record_date=_iso(ordinal),
            record_value=rvalue,
            expected_value=rvalue,
            lag_days=None if is_month else first - ordinal,
            explanation=words[key].format(
                series=name, rdate=format_date(ordinal, lang), rvalue=_signed(rvalue, lang), claimed=_claimed(claim, ctx)
            )
            + _notes(cat, [ordinal], name, ctx),
        )
    if rate is not None:
        return rate
    reference = None
    if _may_misquote(claim):
        near_lo, near_hi = _near_interval(value)
        for rows in (printed, raw):
            near = [r for r in rows if near_lo <= r[1] <= near_hi]
            if near:
                reference = ("misquoted", min(near, key=lambda r: abs(r[1] - value)) if is_month else near[0], "daily_misquoted")
                break
    if reference is None:
        rows = printed or raw
        if is_month:
            month = [r for r in rows if first <= r[0] <= last] or rows
            top, bottom = max(month, key=lambda r: r[1]), min(month, key=lambda r: r[1])
            pick = top if value > top[1] else bottom if value < bottom[1] else min(month, key=lambda r: abs(r[1] - value))
        else:
            days = [r for r in rows if r[0] in (first, first + 1)] or rows
            pick = min(days, key=lambda r: (abs(r[1] - value), r[0]))
        verdict = "overstated" if lo > pick[1] else "understated"
        key = (
            f"daily_{verdict}"
            if (verdict == "overstated" and lo > max(r[1] for r in rows))
            or (verdict == "understated" and hi < min(r[1] for r in rows))
            else "daily_between"
        )
        reference = (verdict, pick, key)
    verdict, (ordinal, rvalue), key = reference
    return Check(
        verdict,
        record_date=_iso(ordinal),
        record_value=rvalue,
        expected_value=rvalue,
        lag_days=None if is_month else first - ordinal,
        explanation=words[key].format(
            series=name,
            window=window_words,
            rdate=format_date(ordinal, lang),
            rvalue=_signed(rvalue, lang),
            pct=_percent(value, rvalue, lang),
        )
        + _notes(cat, [ordinal], name, ctx),
    )


def _cumulative_on(cat: CategorySeries, ordinal: int, corrected: bool) -> int | None:
    """The total of the report of `ordinal` (0 before the war), without the corrections
    before it when `corrected` (the sum of the printed daily figures)."""
    if ordinal <= _DAY_ZERO + 1:
        return 0
    k = cat.at(ordinal)
    if k < 0 or cat.ordinals[k] != ordinal:
        return None
    if not corrected:
        return cat.values[k]
    late_start = cat.diffs[0] is None  # a column first reported after the start of the war
    if cat.diff_gaps[k + 1] - late_start:
        return None
    return cat.diff_sums[k + 1] + (cat.values[0] if late_start else 0)


def _period_readings(claim: Claim, cat: CategorySeries, parsed: tuple[int, int, bool]) -> list[tuple[int, int, int, bool]]:
    """(total, start ordinal (the report before), end ordinal, printed) of each span the
    period may mean, raw rise first then the sum of the printed figures (section 7)."""
    first, last, is_month = parsed
    period = claim.period
    spans: list[tuple[int, int]] = []  # (report before the span, last report of the span)
    if period == "week":
        for end in _window_dates(first, last, is_month, daily=True):
            spans.append((end - 7, end))
    else:
        day = date.fromordinal(first)
        if period == "month":
            start = day.replace(day=1).toordinal() - 1
        else:
            start = date(day.year, 1, 1).toordinal() - 1
        end = last
        spans += [(start, end), (start, end + 1), (start + 1, end), (start + 1, end + 1)]
        if not is_month:
            spans.append((end - (30 if period == "month" else 365), end))
    out = []
    for start, end in spans:
        for corrected in (False, True):
            before, after = _cumulative_on(cat, start, corrected), _cumulative_on(cat, end, corrected)
            if before is not None and after is not None:
                out.append((after - before, start, end, corrected))
    return out


def _check_period_total(claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool], ctx: _Context) -> Check:
    """A week's, month's or year's losses, against the record's differences over the spans it may mean."""
    lang, words = ctx.lang, ctx.words
    blocked = _out_of_range(cat, name, claim, parsed[0], parsed[1], claim.as_of or ctx.document_date or "", ctx)
    if blocked:
        return blocked
    readings = _period_readings(claim, cat, parsed)
    if not readings:
        return Check(
            "unverifiable",
            explanation=words["no_daily"].format(
                series=name,
                category=_category_words(claim.category, lang),
                window=_format_window(parsed[0], parsed[1], parsed[2], lang),
            ),
        )
    value = claim.value
    lo, hi = accepted_interval(value, claim.value_max, claim.qualifier)
    chosen = next((r for r in readings if r[0] == value and claim.qualifier != "range"), None)
    verdict = "matches"
    if chosen is None:
        verdict, chosen = "consistent", next((r for r in readings if lo <= r[0] <= hi), None)
    if chosen is None and _may_misquote(claim):
        near_lo, near_hi = _near_interval(value)
        verdict, chosen = "misquoted", next((r for r in readings if near_lo <= r[0] <= near_hi), None)
    if chosen is None:
        chosen = readings[0]
        verdict = "overstated" if lo > chosen[0] else "understated"
    total, start, end, corrected = chosen
    how = words["how_sum" if corrected else "how_difference"].format(
        series=name, first=format_date(start, lang), last=format_date(end, lang)
    )
    return Check(
        verdict,
        record_date=_iso(end),
        record_value=total,
        expected_value=total,
        lag_days=None if parsed[2] else parsed[0] - end,
        explanation=words[f"period_{verdict}"].format(
            how=how, rvalue=format_number(total, lang), claimed=_claimed(claim, ctx), pct=_percent(value, total, lang)
        ),
    )


def _rate(claim: Claim, cat: CategorySeries, name: str, parsed: tuple[int, int, bool], ctx: _Context) -> Check | None:
    """A mean per day the record's arithmetic gives (section 7): over the as_of month (to D),
    the calendar year to as_of, or since the invasion; consistent or nothing."""
    lang, words = ctx.lang, ctx.words
    lo, hi = rate_interval(claim.value, claim.value_max, claim.qualifier)
    key = ("rates", parsed)
    candidates = cat.window_cache.get(key)
    if candidates is None:
        candidates = cat.window_cache[key] = _rate_candidates(cat, parsed)
    for average, total, days, start, end, corrected in candidates:
        if lo <= average <= hi:
            if start is None:
                text = words["average"].format(
                    series=name,
                    rdate=format_date(end, lang),
                    total=format_number(total, lang),
                    days=format_number(days, lang),
                    average=format_number(round(average, 1), lang),
                )
            else:
                how = words["how_sum" if corrected else "how_difference"].format(
                    series=name, first=format_date(start + (1 if corrected else 0), lang), last=format_date(end, lang)
                )
                text = words["average_period"].format(
                    how=how,
                    total=format_number(total, lang),
                    days=format_number(days, lang),
                    average=format_number(round(average, 1), lang),
                )
            return Check("consistent", record_value=round(average), expected_value=round(average), explanation=text)
    return None


def _rate_candidates(cat: CategorySeries, parsed: tuple[int, int, bool]) -> list[tuple[float, int, int, int | None, int, bool]]:
    """(mean, total, days, first report, last report, printed) of every span `_rate` reads, in its order."""
    first, last, is_month = parsed
    day = date.fromordinal(first)
    month_start = day.replace(day=1).toordinal() - 1
    year_start = max(date(day.year, 1, 1).toordinal() - 1, _DAY_ZERO)
    candidates = []
    ends = [last, last + 1] if is_month else [first, first + 1]
    for end in ends:
        # In 2022 the calendar year is the war so far: the since-invasion reading below says it.
        starts = [month_start] + ([year_start] if year_start > _DAY_ZERO else [])
        for start in starts:
            for shift in (0, 1):
                for corrected in (False, True):
                    before, after = _cumulative_on(cat, start + shift, corrected), _cumulative_on(cat, end, corrected)
                    days = end - start - shift
                    if before is not None and after is not None and days > 0:
                        candidates.append((after - before, days, start + shift, end, corrected))
        total = _cumulative_on(cat, end, False)
        if total is not None:
            candidates.append((total, end - _DAY_ZERO, None, end, False))
    return [(total / days, total, days, start, end, corrected) for total, days, start, end, corrected in candidates]


def _as_of_words(as_of: str, first: int, is_month: bool, ctx: _Context) -> str:
    if is_month:
        return _format_window(first, first, True, ctx.lang).removeprefix("en ").removeprefix("in ")
    shown = format_date(first, ctx.lang)
    if as_of == ctx.document_date:
        return ctx.words["article_date"].format(date=shown)
    return f"le {shown}" if ctx.lang == "fr" else shown


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
    for value in values[bisect.bisect_left(values, lo) : bisect.bisect_right(values, hi)]:
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
    # Equal totals first: cheap through the index, and decisive when one report has the most.
    equal: Counter[int] = Counter()  # report date -> its equal totals, one vote each (counted in C)
    for claim, cat in _dating_claims(claims, record, series):
        as_of = claim.as_of or document_date
        parsed = parse_as_of(as_of) if as_of else None
        if parsed is None:
            continue
        low, high = parsed[0] - REPORT_LAG_DAYS, parsed[1] + REPORT_LAG_DAYS
        usable.append((claim, cat, low, high))
        dates = cat.value_dates.get(claim.value)
        if dates:
            equal.update(dates[bisect.bisect_left(dates, low) : bisect.bisect_right(dates, high)])
    if equal:
        best = max(equal.values())
        leaders = [o for o, v in equal.items() if v == best]
        if len(leaders) == 1:
            return leaders[0]
        # A tie (totals unchanged over several reports): the figures read with their
        # qualifiers decide, looked up at the tied reports only.
        fits = [
            (claim.value, *accepted_interval(claim.value, claim.value_max, claim.qualifier), cat, low, high)
            for claim, cat, low, high in usable
        ]
        return max(leaders, key=lambda o: (_fit_score(fits, o), -o))
    votes: Counter[int] = Counter()
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


def _fit_score(fits: list[tuple[int, int, int, CategorySeries, int, int]], ordinal: int) -> int:
    """How well the report of `ordinal` fits the claims (value, accepted lo..hi, category
    series, window low..high): 2 for each equal total, 1 for each accepted one."""
    score = 0
    for value, lo, hi, cat, low, high in fits:
        if not low <= ordinal <= high:
            continue
        ordinals = cat.ordinals
        if cat.contiguous:  # one report a day: its index is its date's offset
            k = ordinal - ordinals[0]
            if not 0 <= k < len(ordinals):
                continue
        else:
            k = bisect.bisect_right(ordinals, ordinal) - 1
            if k < 0 or ordinals[k] != ordinal:
                continue
        found = cat.values[k]
        if found == value:
            score += 2
        else:
            score += lo <= found <= hi
    return score


def _bound(value: str | None, end: bool) -> int | None:
    if not value:
        return None
    parsed = parse_as_of(value)
    if parsed is None:
        raise BilanError(f"date bound {value!r} is not YYYY-MM-DD or YYYY-MM")
    return parsed[1] if end else parsed[0]


def infer_date(
    claims: list[Claim], record: Record, *, bounds: tuple[str | None, str | None] = (None, None), series: str | None = None
) -> InferredDate | None:
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
