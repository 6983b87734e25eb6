"""What the components share: the article's cue index, and the figures on their way to claims."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from bilan.matching import document_tokens
from bilan.model import Claim
from bilan.numbers import NumberMention, find_numbers
from bilan.claims.lexicon import Lexicon, lexicon


class Matches:
    """The matches of one table over the body, sorted, searchable by position."""

    def __init__(self, found: list[tuple[int, int, str]]):
        self.items = found
        self.starts = [item[0] for item in found]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


@dataclass
class Attribution:
    source: str
    start: int | None
    end: int | None
    how: str  # explicit, pronoun, media, carry, image, value, sentence
    admits: bool = False  # "ont admis", "acknowledged": the source speaks of its own side's losses
    rule: str = ""  # the rule that found it ("verb_subject", "inverted_subject", "institution:country", ...)


@dataclass
class Figure:
    """A number that counts something, before it becomes a claim."""

    number: NumberMention
    sentence: int
    category: str  # a CLAIMS.md category or `personnel`
    noun_start: int
    noun_end: int
    ellipsis_of: Figure | None = None
    daily_of: Figure | None = None
    total_of: Figure | None = None  # "That brings the total to 650,000 troops": the figure whose count this totals
    bulletin: bool = False
    side_said: str | None = None  # the side the text names, before any default
    side_rule: str | None = None  # the rule that read it, and the span it read
    side_span: tuple[int | None, int | None] = (None, None)
    scope_by_size: bool = False  # no cue: the scope was read from the figure's size
    soft_day: bool = False  # a day from "dimanche" or a date: a daily tally, or one day's strike
    how: str = "noun_after"  # the rule that found what the number counts
    # "Trois volontaires français ... Deux d'entre eux": the people a pronoun names, in the sentence before
    antecedent: tuple[int, int] | None = None
    claim: Claim | None = field(default=None, repr=False)


class ArticleIndex:
    """Every cue of every table, found in one pass over the article's body."""

    def __init__(self, text: str, body_start: int, start: int, lex: Lexicon):
        self.text = text
        # The document's tokens, which entities and rhetoric read too (`document_tokens`).
        tokens = document_tokens(text, body_start).since(start)
        for name, found in lex.scanner.scan_tokens(tokens).items():
            setattr(self, name, Matches(found))
        # The matcher's tokens are the words (\w+) and the apostrophes: the words' starts are
        # theirs less the apostrophes' (a second pass over the text cost 1-2% of analyse).
        self.word_starts = tokens.words()[1]

    if TYPE_CHECKING:  # for the type checker: each table of SCANNED_TABLES is an attribute set above

        def __getattr__(self, name: str) -> Matches: ...

    def words_between(self, a: int, b: int) -> int:
        """How many words start between two offsets (order-free)."""
        if a > b:
            a, b = b, a
        return bisect_left(self.word_starts, b) - bisect_right(self.word_starts, a)


@lru_cache(maxsize=1)
def _read_figures(text: str, body_start: int, start: int, lang: str) -> tuple[ArticleIndex, tuple[NumberMention, ...]]:
    """The cues and the numbers of an article: they do not depend on its date, so an article
    extracted again right after its date is inferred (`pipeline.analyse`) is not read twice.
    Only the last article is kept: no other one is served from the cache."""
    numbers = tuple(n for n in find_numbers(text, lang, start) if not n.rejected)
    return ArticleIndex(text, body_start, start, lexicon(lang)), numbers
