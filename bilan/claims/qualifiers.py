"""Qualifier and range: "plus de", "about", "up to", and a range's high end."""

from __future__ import annotations

from typing import TYPE_CHECKING
from bilan.numbers import NumberMention
from bilan.claims import counting

if TYPE_CHECKING:
    from bilan.claims.article import Article


def read_qualifier(article: Article, number: NumberMention, s_start: int) -> tuple[str, int | None, int, str]:
    """The qualifier, the range's high end, where the qualifier's words start, and the rule."""
    if number.value_max is not None:
        return "range", number.value_max, number.start, "range"
    if number.plus:
        return "more_than", None, number.start, "plus_sign"
    if number.approx:
        return "about", None, number.start, "collective_number"  # "une vingtaine", "un demi-millier"
    base = max(s_start, number.start - 80)
    for rule in article.lex.qualifiers:
        match = rule.regex.search(article.text, base, number.start)
        if match and (rule.requires is None or counting.found_before(article, rule.requires, s_start, number.start)):
            return rule.qualifier, None, match.start(), f"words:{rule.qualifier}"
    return "exact", None, number.start, "no_qualifier_word"
