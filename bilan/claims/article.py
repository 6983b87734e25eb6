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
    from bilan.claims.scoping import SentenceDates
    from bilan.claims.sides import SentenceSides

# scoping's glued sentence end (`GLUED_SENTENCE_END`, a letter, a stop, a letter) found from its
# stop, the letters around it asserted: finditer yields overlapping ends too, and the search skips
# to the next stop at C speed (a lookahead tried at every character took 72 us an article, this 12)
GLUED_STOPS = re.compile(r"[.!?](?<=[^\W\d_].)(?=[^\W\d_])")


class Lines:
    """Where the line holding a position starts and ends, as `text.rfind("\\n", 0, position) + 1`
    and `text.find("\\n", position)` say, without scanning the whole line each time.

    Components ask for every figure (a year table's label, a list's heading): on one line of
    128 kB, each asking scanned back to its start. The text is read in blocks of `BLOCK`
    characters; the last newline before each block and the first one from it are found once,
    when first needed, so an answer scans at most one block."""

    BLOCK = 4096

    def __init__(self, text: str) -> None:
        self.text = text
        self._before: dict[int, int] = {}  # block -> the last newline before its start (-1: none)
        self._from: dict[int, int] = {}  # block -> the first newline at or after its start (len: none)

    def start(self, position: int) -> int:
        """Where the line holding `position` starts: after the last newline before `position`."""
        position = min(max(position, 0), len(self.text))
        block = position // self.BLOCK
        found = self.text.rfind("\n", block * self.BLOCK, position)
        return (found if found >= 0 else self._newline_before(block)) + 1

    def end(self, position: int) -> int:
        """Where the line holding `position` ends: at the first newline from `position`, or the text's end."""
        position = min(max(position, 0), len(self.text))
        block = position // self.BLOCK
        found = self.text.find("\n", position, (block + 1) * self.BLOCK)
        return found if found >= 0 else self._newline_from(block + 1)

    def _newline_before(self, block: int) -> int:
        known = block
        while known > 0 and known not in self._before:
            known -= 1  # the nearest block already read, or the text's start
        found = self._before.get(known, -1)
        for later in range(known + 1, block + 1):
            inside = self.text.rfind("\n", (later - 1) * self.BLOCK, later * self.BLOCK)
            found = self._before[later] = inside if inside >= 0 else found
        return found

    def _newline_from(self, block: int) -> int:
        last = len(self.text) // self.BLOCK + 1  # past the text: no newline
        known = block
        while known < last and known not in self._from:
            known += 1
        found = self._from.get(known, len(self.text))
        for earlier in range(min(known, last) - 1, block - 1, -1):
            inside = self.text.find("\n", earlier * self.BLOCK, (earlier + 1) * self.BLOCK)
            found = self._from[earlier] = inside if inside >= 0 else found
        return found


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
        self.lines = Lines(self.text)
        self.list_headings: dict[int, tuple[int, int] | None] = {}  # by line start: see losses.list_heading
        self.year_headings: dict[int, tuple[int, int] | None] = {}  # by line start: see scoping.year_table_heading
        self.bulletin_from = candidates.bulletin_start(self)
        self.attributions: list[Attribution | None] = []
        self.noun_search_from: dict[int, int] = {}  # "2,200 of the 3,500 tanks": 2,200's noun is after 3,500
        self.number_starts: list[int] = []
        self.candidate_ends: list[int] = []  # the candidates' ends, in the order of number_starts
        self.rejected: list[Rejection] = []
        self.number_ends: frozenset[int] | None = None  # where the article's numbers end, once asked
        self.last_figure: Figure | None = None  # "L'armée de Kiev en aurait perdu environ 240 autres": the one before
        self.figure_at: dict[int, Figure] = {}  # every figure by its number's start
        self.kinds_counted: dict[tuple[int, int], frozenset[str]] = {}  # see scoping._kinds_counted
        self.sentence_sides: dict[tuple[int, int, int], SentenceSides] = {}  # see sides._sentence_sides
        self.dates_kept: dict[int, dict[int, bool]] = {}  # see scoping.sentence_dates
        self.sentence_dates: dict[tuple[int, int], SentenceDates] = {}  # see scoping.sentence_dates
        self.campaign_starts: dict[tuple[int, int], bool] = {}  # by (cue end, sentence end): see scoping._campaign_start
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
