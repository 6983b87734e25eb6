"""The article as the components read it: its text, sentences, cues, numbers and dates, read once."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from bilan.cleaning import Cleaned
from bilan.dating import find_dates
from bilan.model import Document, Rejection
from bilan.numbers import NumberMention
from bilan.claims.figures import Attribution, Figure, _read_figures
from bilan.claims.lexicon import lexicon
from bilan.claims import candidates
from bilan.record import Record

if TYPE_CHECKING:
    from bilan.claims.sides import SentenceSides

# scoping's glued sentence end (`GLUED_SENTENCE_END`, a letter, a stop, a letter) found from its
# stop, the letters around it asserted: finditer yields overlapping ends too, and the search skips
# to the next stop at C speed (a lookahead tried at every character took 72 us an article, this 12)
GLUED_STOPS = re.compile(r"[.!?](?<=[^\W\d_].)(?=[^\W\d_])")


class Article:
    """One article being read: what every component of the claims pipeline reads and records."""

    def __init__(self, document: Document, cleaned: Cleaned, lang: str, include_captions: bool, record: Record | None = None):
        self.document = document
        self.text = document.text
        self.cleaned = cleaned
        self.lang = lang
        self.lex = lexicon(lang)
        self.include_captions = include_captions
        self.record = record  # the General Staff's record, when the analysis has one: scoping weighs figures against it
        self.prose_start = _after_title(document)
        self.index, self.numbers = _read_figures(self.text, document.body_start, self.prose_start, lang)
        self.dates = find_dates(self.text, lang, document.date, self.prose_start)
        self.date_starts = [d.start for d in self.dates]
        self.sentences = cleaned.sentences
        self.bulletin_from = candidates.bulletin_start(self)
        self.attributions: list[Attribution | None] = []
        self.noun_search_from: dict[int, int] = {}  # "2,200 of the 3,500 tanks": 2,200's noun is after 3,500
        self.number_starts: list[int] = []
        self.rejected: list[Rejection] = []
        self.number_ends: frozenset[int] | None = None  # where the article's numbers end, once asked
        self.last_figure: Figure | None = None  # "L'armée de Kiev en aurait perdu environ 240 autres": the one before
        self.figure_at: dict[int, Figure] = {}  # every figure by its number's start
        self.kinds_counted: dict[tuple[int, int], frozenset[str]] = {}  # see scoping._kinds_counted
        self.sentence_sides: dict[tuple[int, int, int], SentenceSides] = {}  # see sides._sentence_sides
        self.dates_kept: dict[int, dict[int, bool]] = {}  # see scoping.dates_in
        self.last_sourced: list[int] | None = None  # see _bulletin_source
        self.fragment_sentences: dict[int, bool] = {}  # sentences read as verbless list fragments (losses.list_fragment)
        self.civilian_sentences: set[int] = set()  # sentences whose "people" killed are a strike's victims
        self.first_matches: dict[tuple[re.Pattern[str], int], re.Match[str] | None] = {}  # see _found_before

    def reject(self, number: NumberMention, reason: str) -> None:
        self.rejected.append(Rejection(number.value, number.start, number.end, reason))

    @cached_property
    def glued_ends(self) -> list[int]:
        """Where every match of scoping.GLUED_SENTENCE_END starts, overlapping ones included
        (as a search from any position finds them), in order."""
        return [match.start() - 1 for match in GLUED_STOPS.finditer(self.text)]

    @cached_property
    def bulletin_date(self) -> str | None:
        """The last explicit date from 200 characters before the bulletin to the end of its first
        line. Read once: every bulletin figure asks, and a bulletin on one line of 128 kB made
        each ask scan to its end (quadratic)."""
        if self.bulletin_from is None:
            return None
        stop = self.text.find("\n", self.bulletin_from)
        stop = len(self.text) if stop < 0 else stop
        explicit = [d for d in self.dates if self.bulletin_from - 200 <= d.start < stop and d.kind == "explicit" and d.date]
        return explicit[-1].date if explicit else None


def _after_title(document: Document) -> int:
    """Where the claims are read from: a title given as metadata (the compact form's title opens
    the body) is a headline, not the article's claim, as a `title:` line is not."""
    start = document.body_start
    title = document.title
    if title and document.text.startswith(title, start):
        line_end = document.text.find("\n", start)
        return len(document.text) if line_end < 0 else line_end
    return start
