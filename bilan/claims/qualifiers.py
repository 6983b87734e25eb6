"""Qualifier and range: "plus de", "about", "up to", and a range's high end."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from bilan.numbers import NumberMention
from bilan.claims import counting

if TYPE_CHECKING:
    from bilan.claims.article import Article

WORD = re.compile(r"\w+")
OTHER_CASES = re.compile(r"[^\x00-\xff\u2000-\u206f]")  # beyond Latin-1 and punctuation


def read_qualifier(article: Article, number: NumberMention, s_start: int) -> tuple[str, int | None, int, str]:
    """The qualifier, the range's high end, where the qualifier's words start, and the rule."""
    if number.value_max is not None:
        return "range", number.value_max, number.start, "range"
    if number.plus:
        return "more_than", None, number.start, "plus_sign"
    base = max(s_start, number.start - 80)
    # A match is the phrase, then up to `gap` words each followed by spaces, up to the figure:
    # the phrase's last word is in the last gap + 1 pieces between spaces. A rule whose last
    # words are not there is not searched (its look-behind then alternation is tried at each
    # of 80 characters): read_qualifier 18 -> 10 us a call. Lower-casing finds what IGNORECASE
    # does only for Latin-1 and punctuation: a window with another character searches all.
    window = article.text[base : number.start]
    pieces = None if OTHER_CASES.search(window) else window.split()
    words_by_gap: dict[int, frozenset[str]] = {}
    for rule in article.lex.qualifiers:
        if pieces is not None and rule.last_words is not None:
            words = words_by_gap.get(rule.gap)
            if words is None:
                words = words_by_gap[rule.gap] = frozenset(WORD.findall(" ".join(pieces[-rule.gap - 1 :]).lower()))
            if words.isdisjoint(rule.last_words):
                continue
        match = rule.regex.search(article.text, base, number.start)
        if match and (rule.requires is None or counting.found_before(article, rule.requires, s_start, number.start)):
            return rule.qualifier, None, match.start(), f"words:{rule.qualifier}"
    if number.approx:
        # "une vingtaine", "un demi-millier"; a word before says more ("plus d'une centaine": more_than)
        return "about", None, number.start, "collective_number"
    return "exact", None, number.start, "no_qualifier_word"
