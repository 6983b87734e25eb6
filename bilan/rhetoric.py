"""Rhetoric: persuasion techniques, tone and genre, paragraph by paragraph.

A fact-checker separates what an article reports from how it tells it. This module finds
spans of persuasion techniques, named after the SemEval-2023 Task 3 taxonomy, from lexicons
written as data (`bilan/data/rhetoric_fr.tsv`, `rhetoric_en.tsv`); counts them per paragraph
and per article; gives a tone score (loaded spans per 100 words); and calls the article's
genre (reporting, opinion, satire) with the measurements that led to it.

Matching is lemma-aware without a tagger: a lexicon row names a stem and inflection classes
(`humili+ANT,ATION,ER`), expanded once into the set of word forms it covers, so the scan is
a few regular-expression passes and dictionary look-ups: about 2 ms per 1,000-word article
(`bench/rhetoric.py`), where spaCy's French model costs ~90 ms.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from importlib import resources
from typing import TYPE_CHECKING, Any

from bilan.hooks import analyser, scorer
from bilan.matching import PhraseScanner, PhraseTable, Tokens, document_tokens
from bilan.model import Analysis, Document, RhetoricSpan

if TYPE_CHECKING:
    from bilan.cleaning import Cleaned

# The SemEval-2023 Task 3 (subtask 3) technique names, in the task's order.
TECHNIQUES = (
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    "Slogans",
    "Appeal_to_Time",
    "Conversation_Killer",
    "Loaded_Language",
    "Repetition",
    "Exaggeration-Minimisation",
    "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling",
    "Doubt",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)
# Labels of the genre cue rows (rhetoric_genre_<lang>.tsv); `*_label` rows are section
# names, looked for only in the title, address, outlet and metadata.
GENRE_CUES = frozenset({"attribution", "first_person", "opinion", "satire", "opinion_label", "satire_label"})
# Lexicon label whose matches cancel the spans they overlap (literal uses of loaded words).
CANCEL = "NOT"

# Techniques that colour the wording itself: the tone score counts these. Structural
# techniques (authority, doubt, repetition, reasoning) say how an argument is built, not how
# charged its words are.
TONE_TECHNIQUES = frozenset(
    {
        "Loaded_Language",
        "Name_Calling-Labeling",
        "Exaggeration-Minimisation",
        "Appeal_to_Fear-Prejudice",
        "Flag_Waving",
        "Slogans",
    }
)
# A label hammered this many times in one article is Repetition (each use after the first).
# Calibrated on the seeds: tabloid reports use one label twice ("tyran", "Mad Vlad"),
# which reads as style; three uses of the same lemma is a deliberate refrain.
REPETITION_MIN = 3
REPEATED_TECHNIQUES = frozenset({"Loaded_Language", "Name_Calling-Labeling"})

# Cleaning marks whose text is not the article's prose (credits, page furniture).
SKIPPED_MARKS = frozenset({"credit", "cookie_banner", "navigation", "related", "byline"})

WORD = re.compile(r"[^\W_]+")
# Between two words, one of these ends a sentence: a lexicon phrase never runs across it.
SENTENCE_BREAK = re.compile(r"[.!?;…\n]")
PATTERN_SEPARATORS = re.compile(r"['’\-]")
GAP = re.compile(r"\*(\d+)")
QUOTE_CHARS = re.compile(r"[«»“”„‘\"]")
QUOTE_OPENERS = "«“„‘"
QUOTE_CLOSERS = "»”"

# Genre decision thresholds. The seeds and the development set hold news only (tabloid, wire,
# live blogs, bulletins): none has a first-person word or a question outside quotes, their
# tone is 0-3.9 per 100 words, and the few with under 15% of sentences attributed (official
# bulletins) have a tone under 1.2. Three commentary pages read for a check (a blog, an
# editorial, a column) had 0-11% attributed, tone 2.6 and more, or several questions put to
# the reader. tests/data/rhetoric_genre/ holds short pieces written to exercise each rule.
OPINION_FIRST_PERSON_RATE = 0.8  # first-person words outside quotes, per 100 words
OPINION_UNATTRIBUTED = 0.15  # at most this share of sentences attributed, and either ...
OPINION_UNATTRIBUTED_TONE = 2.0  # ... a tone of at least this, or ...
OPINION_QUESTIONS = 2  # ... at least this many questions put to the reader (outside quotes)
OPINION_TONE = 7.0  # loaded spans per 100 words that mark a piece as opinion ...
OPINION_MAX_ATTRIBUTED = 0.25  # ... when at most this share of its sentences is attributed


@dataclass(frozen=True)
class _Entry:
    label: str
    steps: tuple[frozenset[str] | int, ...]  # a set of word forms, or a gap of up to N words
    pattern: str


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> Tokens:
    """The words of some paragraphs (each starts after a sentence break); punctuation other
    than a sentence break is ignored between a pattern's words."""
    return Tokens(text, spans, word=WORD, punctuation=False, breaks=SENTENCE_BREAK)


def _paragraph_tokens(document: Document, paragraphs: list[tuple[int, int]]) -> Tokens:
    """`_tokens` of the paragraphs, read from the document's tokens, which claims and entities
    read too (`document_tokens`): 607 -> about 120 us a seed article in the pipeline. Their words are `\\w+`, not
    `WORD`: a text with an underscore, or paragraphs before the body, is tokenised apart."""
    text = document.text
    if "_" in text or (paragraphs and paragraphs[0][0] < document.body_start):
        return _tokens(text, paragraphs)
    return document_tokens(text, document.body_start).within(paragraphs, SENTENCE_BREAK)


@dataclass(frozen=True)
class _Match:
    entry: _Entry
    start: int
    end: int


class Lexicon:
    """Rows of (label, pattern), compiled into one phrase matcher (`bilan.matching`): a
    pattern's words are its steps, `*N` a gap of up to N words."""

    def __init__(self, rows: Iterable[tuple[str, str]], classes: dict[str, tuple[str, ...]]) -> None:
        self.entries: list[_Entry] = []
        for label, pattern in rows:
            entry = _Entry(label, _compile(pattern, classes), pattern)
            if not isinstance(entry.steps[0], frozenset):
                raise ValueError(f"lexicon pattern {pattern!r} starts with a gap")
            self.entries.append(entry)
        # Each entry is its own label: rhetoric keeps every entry's match, overlapping ones too.
        self.matcher = PhraseScanner({"rhetoric": PhraseTable({entry: [entry.steps] for entry in self.entries}, check=False)})

    def scan(self, tokens: Tokens) -> list[_Match]:
        """Every match of every entry, the longest one per entry and first word."""
        return [_Match(entry, start, end) for start, end, entry in self.matcher.matches(tokens)]


def _compile(pattern: str, classes: dict[str, tuple[str, ...]]) -> tuple[frozenset[str] | int, ...]:
    steps: list[frozenset[str] | int] = []
    for piece in PATTERN_SEPARATORS.sub(" ", pattern).split():
        gap = GAP.fullmatch(piece)
        if gap:
            steps.append(int(gap.group(1)))
            continue
        forms = set()
        for alternative in piece.split("/"):
            stem, plus, suffixes = alternative.partition("+")
            stem = stem.lower()
            if not plus:
                forms.add(stem)
                continue
            for suffix in suffixes.split(","):
                if suffix in classes:  # class names are upper case, literal suffixes lower case
                    forms.update(stem + ending for ending in classes[suffix])
                elif suffix.islower() and suffix.isalpha():
                    forms.add(stem + suffix)
                else:
                    raise ValueError(f"lexicon pattern {pattern!r}: unknown suffix class {suffix!r}")
        steps.append(frozenset(forms))
    if not steps:
        raise ValueError("empty lexicon pattern")
    return tuple(steps)


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("bilan.data").joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 2:
            raise ValueError(f"{name}:{number}: expected tab-separated columns")
        rows.append(columns)
    return rows


@cache
def _suffix_classes(lang: str) -> dict[str, tuple[str, ...]]:
    return {
        name: tuple("" if s == "_" else s for s in suffixes.split())
        for row_lang, name, suffixes in _data_rows("rhetoric_suffixes.tsv")
        if row_lang == lang
    }


@cache
def lexicon(lang: str) -> Lexicon:
    """Techniques (`rhetoric_<lang>.tsv`) and genre cues (`rhetoric_genre_<lang>.tsv`) of
    `lang`, compiled once into one index so that an article is scanned once."""
    techniques = [(label, pattern) for label, pattern, *_ in _data_rows(f"rhetoric_{lang}.tsv")]
    for label, pattern in techniques:
        if label not in TECHNIQUES and label != CANCEL:
            raise ValueError(f"rhetoric_{lang}.tsv: {label!r} is not a SemEval-2023 technique name ({pattern!r})")
    cues = [(label, pattern) for label, pattern, *_ in _data_rows(f"rhetoric_genre_{lang}.tsv")]
    for label, pattern in cues:
        if label not in GENRE_CUES:
            raise ValueError(f"rhetoric_genre_{lang}.tsv: unknown cue {label!r} ({pattern!r})")
    return Lexicon(techniques + cues, _suffix_classes(lang))


@dataclass
class ParagraphRhetoric:
    start: int
    end: int
    words: int
    counts: dict[str, int]
    tone: float  # loaded spans (TONE_TECHNIQUES) per 100 words

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "words": self.words, "counts": dict(self.counts), "tone": self.tone}


@dataclass
class RhetoricReport:
    spans: list[RhetoricSpan]
    paragraphs: list[ParagraphRhetoric]
    counts: dict[str, int]
    tone: float
    genre: str
    genre_reasons: list[str] = field(default_factory=list)
    words: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "spans": [span.to_dict() for span in self.spans],
            "paragraphs": [paragraph.to_dict() for paragraph in self.paragraphs],
            "counts": dict(self.counts),
            "tone": self.tone,
            "genre": self.genre,
            "genre_reasons": list(self.genre_reasons),
            "words": self.words,
        }


class _Regions:
    """Spans asked "does [start, end) overlap one of you?" in logarithmic time (a scan of
    every span per match or sentence was quadratic on long texts)."""

    def __init__(self, regions: Iterable[tuple[int, int]]):
        ordered = sorted(regions)
        self.starts = [start for start, _ in ordered]
        self.max_ends = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans starting before `end`
        return before > 0 and self.max_ends[before - 1] > start


def _select(matches: list[_Match], skipped: list[tuple[int, int]]) -> list[_Match]:
    """Drop cancelled and skipped matches; per technique, keep the longest of overlapping ones."""
    excluded = _Regions([(m.start, m.end) for m in matches if m.entry.label == CANCEL] + list(skipped))
    kept: dict[str, list[_Match]] = defaultdict(list)
    # Per technique, the kept spans never overlap: sorted by start, their ends are sorted too.
    kept_starts: dict[str, list[int]] = defaultdict(list)
    kept_ends: dict[str, list[int]] = defaultdict(list)
    candidates = [m for m in matches if m.entry.label in TECHNIQUES]
    for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if excluded.overlaps(match.start, match.end):
            continue
        label = match.entry.label
        starts, ends = kept_starts[label], kept_ends[label]
        before = bisect_left(starts, match.end)
        if before and ends[before - 1] > match.start:
            continue
        at = bisect_left(starts, match.start)
        starts.insert(at, match.start)
        ends.insert(at, match.end)
        kept[label].append(match)
    return sorted((m for group in kept.values() for m in group), key=lambda m: (m.start, m.end))


def _repetitions(matches: list[_Match]) -> list[_Match]:
    by_entry: dict[_Entry, list[_Match]] = defaultdict(list)
    for match in matches:
        if match.entry.label in REPEATED_TECHNIQUES:
            by_entry[match.entry].append(match)
    return [
        _Match(_Entry("Repetition", m.entry.steps, m.entry.pattern), m.start, m.end)
        for uses in by_entry.values()
        if len(uses) >= REPETITION_MIN
        for m in uses[1:]
    ]


def _quoted_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches of one paragraph. A quote left open runs to the paragraph's end and a
    closing mark with no opening one closes a quote begun in an earlier paragraph (the press
    convention of reopening, not closing, a quote that runs over several paragraphs)."""
    regions = []
    opened: int | None = None
    for mark in QUOTE_CHARS.finditer(text, start, end):
        char = mark.group()
        if opened is None and (char in QUOTE_OPENERS or char == '"'):
            opened = mark.start()
        elif opened is not None and (char in QUOTE_CLOSERS or char == '"'):
            regions.append((opened, mark.end()))
            opened = None
        elif opened is None and char in QUOTE_CLOSERS:
            regions.append((start, mark.end()))
    if opened is not None:
        regions.append((opened, end))
    return regions


def _count_in(positions: Sequence[int], regions: list[tuple[int, int]]) -> int:
    """How many of the sorted `positions` fall inside the disjoint `regions`."""
    return sum(bisect_left(positions, b) - bisect_left(positions, a) for a, b in regions)


def _genre(
    document: Document, cleaned: Cleaned, lexicon_: Lexicon, tokens: Tokens, cues: list[_Match], tone: float
) -> tuple[str, list[str]]:
    text = document.text
    quoted = [region for start, end in cleaned.paragraphs for region in _quoted_regions(text, start, end)]
    words = len(tokens.forms)
    quoted_words = _count_in(tokens.starts, quoted)
    attribution_points = sorted([m.start for m in cues if m.entry.label == "attribution"] + [a for a, _ in quoted])
    attributed = sum(
        bisect_left(attribution_points, end) > bisect_left(attribution_points, start) for start, end in cleaned.sentences
    )
    sentences = len(cleaned.sentences)
    questions = 0
    in_quotes = _Regions(quoted)
    for start, end in cleaned.sentences:
        last = len(text[start:end].rstrip(' "”»’')) + start - 1  # the sentence's last mark
        questions += last >= start and text[last] == "?" and not in_quotes.overlaps(last, last + 1)
    found: dict[str, list[str]] = defaultdict(list)
    for match in cues:
        label = match.entry.label
        if label in ("first_person", "opinion") and in_quotes.overlaps(match.start, match.end):
            continue
        found[label].append(text[match.start : match.end])
    # Section labels ("Opinion", "Tribune", "Satire") count only where a page names its
    # section: title, address, outlet, metadata; in the prose they usually name someone else's.
    for field_text in (document.outlet, document.url, document.title, *document.meta.values()):
        if field_text:
            field_tokens = _tokens(field_text, [(0, len(field_text))])
            for match in lexicon_.scan(field_tokens):
                if match.entry.label in ("opinion", "satire", "opinion_label", "satire_label"):
                    found[match.entry.label.removesuffix("_label")].append(field_text[match.start : match.end])
    first_person = len(found["first_person"])
    attributed_share = attributed / sentences if sentences else 0.0
    first_person_rate = 100 * first_person / words if words else 0.0
    reasons = [
        f"attributed statements: {attributed_share:.0%} of {sentences} sentences",
        f"first person outside quotes: {first_person_rate:.1f} per 100 words",
        f"quoted text: {quoted_words / words if words else 0:.0%} of words",
        f"loaded density: {tone:.1f} spans per 100 words",
        f"questions to the reader: {questions}",
    ]
    if found["satire"]:
        return "satire", [f"satire marker: {', '.join(sorted(set(found['satire'])))}"] + reasons
    if found["opinion"]:
        return "opinion", [f"opinion marker: {', '.join(sorted(set(found['opinion'])))}"] + reasons
    if first_person_rate >= OPINION_FIRST_PERSON_RATE:
        return "opinion", [f"the author speaks in the first person (≥ {OPINION_FIRST_PERSON_RATE} per 100 words)"] + reasons
    if attributed_share <= OPINION_UNATTRIBUTED and (tone >= OPINION_UNATTRIBUTED_TONE or questions >= OPINION_QUESTIONS):
        return "opinion", [
            f"unattributed prose (≤ {OPINION_UNATTRIBUTED:.0%} of sentences) with loaded wording "
            f"(≥ {OPINION_UNATTRIBUTED_TONE}) or questions to the reader (≥ {OPINION_QUESTIONS})"
        ] + reasons
    if tone >= OPINION_TONE and attributed_share <= OPINION_MAX_ATTRIBUTED:
        return "opinion", [
            f"loaded density ≥ {OPINION_TONE} with ≤ {OPINION_MAX_ATTRIBUTED:.0%} of sentences attributed"
        ] + reasons
    return "reporting", reasons


def _language(document: Document) -> str:
    if document.lang in ("fr", "en"):
        return document.lang
    from bilan.reading import detect_language

    return detect_language(document.text)


def _tone(counts: Counter[str], words: int) -> float:
    loaded = sum(n for technique, n in counts.items() if technique in TONE_TECHNIQUES)
    return round(100 * loaded / words, 2) if words else 0.0


def find_rhetoric(document: Document, cleaned: Cleaned | None = None) -> RhetoricReport:
    """Persuasion-technique spans, counts, tone and genre of one article.

    `cleaned` is `bilan.cleaning.clean(document)` (computed here when not given): its
    paragraphs and sentences are used, and spans inside credits and page furniture
    (navigation, cookie banners, related links, bylines) are dropped. Captions, teasers and
    repeated paragraphs keep their spans: the reader sees their wording too.
    """
    if cleaned is None:
        from bilan.cleaning import clean

        cleaned = clean(document)
    text = document.text
    tokens = _paragraph_tokens(document, cleaned.paragraphs)
    lexicon_ = lexicon(_language(document))
    matches = lexicon_.scan(tokens)
    skipped = [(m.start, m.end) for m in cleaned.marks if m.kind in SKIPPED_MARKS]
    selected = _select(matches, skipped)
    spans = [
        RhetoricSpan(m.entry.label, m.start, m.end, text[m.start : m.end])
        for m in sorted(selected + _repetitions(selected), key=lambda m: (m.start, m.end, m.entry.label))
    ]
    span_starts = [span.start for span in spans]
    # a list: bisected per paragraph, an array's items were boxed at each comparison
    word_starts = list(tokens.starts)
    paragraph_reports = []
    for start, end in cleaned.paragraphs:
        inside = spans[bisect_left(span_starts, start) : bisect_left(span_starts, end)]
        words = bisect_left(word_starts, end) - bisect_left(word_starts, start)
        if not inside:  # most paragraphs: no technique, no tone (a Counter each: 3.5 us)
            paragraph_reports.append(ParagraphRhetoric(start, end, words, {}, 0.0))
            continue
        counts = Counter(span.technique for span in inside)
        paragraph_reports.append(ParagraphRhetoric(start, end, words, dict(counts), _tone(counts, words)))
    counts = Counter(span.technique for span in spans)
    tone = _tone(counts, len(tokens.forms))
    cues = [m for m in matches if m.entry.label in GENRE_CUES]
    genre, reasons = _genre(document, cleaned, lexicon_, tokens, cues, tone)
    return RhetoricReport(spans, paragraph_reports, dict(sorted(counts.items())), tone, genre, reasons, len(tokens.forms))


@analyser("rhetoric")
def _analyse(document: Document, cleaned: Cleaned) -> RhetoricReport:
    return find_rhetoric(document, cleaned)


def _spans_overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def score_spans(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall by span overlap, per technique and overall.

    A predicted span is correct if it overlaps a gold span of the same document and
    technique; a gold span is found if some predicted span of its technique overlaps it.
    Both lists hold dicts with `doc`, `technique`, `start`, `end`.
    """

    def tally(gold_part: list[dict[str, Any]], predicted_part: list[dict[str, Any]]) -> dict[str, Any]:
        found = sum(any(p["doc"] == g["doc"] and _spans_overlap(g, p) for p in predicted_part) for g in gold_part)
        correct = sum(any(p["doc"] == g["doc"] and _spans_overlap(g, p) for g in gold_part) for p in predicted_part)
        precision, recall = _ratio(correct, len(predicted_part)), _ratio(found, len(gold_part))
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision and recall else None
        return {
            "gold": len(gold_part),
            "predicted": len(predicted_part),
            "found": found,
            "correct": correct,
            "precision": precision,
            "recall": recall,
            "f1": f1,
        }

    techniques = sorted({s["technique"] for s in list(gold) + list(predicted)})
    by_technique = {
        t: tally([g for g in gold if g["technique"] == t], [p for p in predicted if p["technique"] == t]) for t in techniques
    }
    overall = {key: sum(row[key] for row in by_technique.values()) for key in ("gold", "predicted", "found", "correct")}
    overall["precision"] = _ratio(overall["correct"], overall["predicted"])
    overall["recall"] = _ratio(overall["found"], overall["gold"])
    p, r = overall["precision"], overall["recall"]
    overall["f1"] = round(2 * p * r / (p + r), 4) if p and r else None
    return {"overall": overall, "by_technique": by_technique}


@scorer("rhetoric")
def score_rhetoric(gold_lines: Sequence[dict[str, Any]], analyses: Sequence[Analysis]) -> dict[str, Any]:
    """Score the rhetoric of `analyses` against gold lines of kind "rhetoric".

    Only documents named in the gold lines are scored, so that one gold file may cover a
    subset of the analysed articles.
    """
    gold = [line for line in gold_lines if line.get("kind") == "rhetoric"]
    documents = {line["doc"] for line in gold}
    predicted = []
    for analysis in analyses:
        if analysis.document.id not in documents:
            continue
        report = analysis.extras.get("rhetoric")
        if not isinstance(report, RhetoricReport):
            report = find_rhetoric(analysis.document)
        predicted += [{"doc": analysis.document.id, **span.to_dict()} for span in report.spans]
    result = score_spans(gold, predicted)
    result["documents"] = len(documents)
    return result
