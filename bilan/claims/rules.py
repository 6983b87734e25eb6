"""Tuning constants, patterns and small helpers that several components share."""

from __future__ import annotations

import re
from bilan.model import Claim


PERSONNEL = "personnel"


ANAPHORA = "anaphora:"


# With no side in the text, a figure is the enemy's losses of whoever reports it: Russian
# sources report Ukrainian losses; everyone else in this press mostly reports Russia's.
SOURCES_REPORTING_ON_UKRAINE = frozenset({"russia_mod", "russia_other"})


PERIOD_NEAR_WORDS = 10  # period cues ("par jour", "dimanche") count within this many words of the figure


# "le mois dernier", "last year": the period before the document's, which dates the figure too
PREVIOUS_PERIODS = {"previous_month": "month", "previous_year": "year"}


WORDS = re.compile(r"[\w’'-]+")


NEXT_WORD = re.compile(r"\s*([\w’'-]+)")


COORDINATION = re.compile(r"\s*(?:et|ou|and|or|,)\s*", re.IGNORECASE)


SUBJECT_BREAK = re.compile(r"[,;:.()]")


SIDE_AGENT_WORDS = 5  # "Russian air defense systems successfully intercepted": the subject within five words of its verb


OPPOSITE = {"russia": "ukraine", "ukraine": "russia"}


POSSESSIVE = re.compile(r"[’']s\b")


# A list of figures: "450 militaires, un canon Krab", "a tank and an APC"; the words before the next item
LIST_GAP = re.compile(r"[^.;:!?()\d]*(?:,|\bet|\band|\bainsi qu['’]|\bas well as|\bmais aussi)\s*", re.IGNORECASE)


HYPHEN_TAIL = re.compile(r"\w[-‑]$")  # a noun glued after a hyphen is the tail of another word


# The patterns that end where the figure starts ("$": PLUS_INCREMENT, LABEL_DASH, the
# lexicon's not_counts and introducers) are searched in the figure's last characters, where
# a phrase, a word and blanks fit (searched from the sentence's start, a line of a thousand
# bulletin items took seconds); a bulletin's label noun ends just before its dash.
BEFORE_FIGURE_CHARS = 120


SINCE = re.compile(r"(?:depuis|since|from|du|dès|à partir|after|après)\b", re.IGNORECASE)


INVASION_START = ("2022-02-24", "2022-02")


def _coarse(category: str) -> str:
    return PERSONNEL if category.startswith("personnel") else category


def _value_key(claim: Claim | None) -> tuple[int, str]:  # a Figure's claim, set by the time it is asked
    return claim.value, _coarse(claim.category)
