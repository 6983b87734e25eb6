"""Rhetoric: persuasion techniques, tone and genre, paragraph by paragraph.

A fact-checker separates what an article reports from how it tells it. This module finds
spans of persuasion techniques, named after the SemEval-2023 Task 3 taxonomy, from lexicons
written as data (`bilan/data/rhetoric_fr.tsv`, `rhetoric_en.tsv`); counts them per paragraph
and per article; gives a tone score (loaded spans per 100 words); and calls the article's
genre (reporting, opinion, satire) with the measurements that led to it.

Matching is lemma-aware without a tagger: a lexicon row names a stem and inflection classes
(`humili+ANT,ATION,ER`), expanded once into the set of word forms it covers, so the scan is
one tokenising regular expression and dictionary look-ups (spaCy's French model would cost
~0.1 s per article; this costs well under 1 ms).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from bilan.hooks import analyser, scorer
from bilan.model import Analysis, Document, RhetoricSpan

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
# Between two words, one of these ends a sentence: a lexicon phrase never spans it.
SENTENCE_BREAK = re.compile(r"[.!?;…]|\n")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»’]?\s+")
PATTERN_SEPARATORS = re.compile(r"['’\-]")
GAP = re.compile(r"\*(\d+)")
QUOTE_CHARS = re.compile(r"[«»“”„‘\"]")
QUOTE_OPENERS = "«“„‘"
QUOTE_CLOSERS = "»”"

# Genre decision thresholds, calibrated on the five seeds (tabloid news reports: 35-75% of
# sentences attributed, tone 2-6, no first person outside quotes) and on
# examples/articles (opinion pieces: first person at 1.5-4 per 100 words outside quotes).
OPINION_FIRST_PERSON_RATE = 0.8  # first-person words outside quotes, per 100 words
OPINION_TONE = 7.0  # loaded spans per 100 words that mark a piece as opinion ...
OPINION_MAX_ATTRIBUTED = 0.25  # ... when at most this share of its sentences is attributed


@dataclass(frozen=True)
class _Entry:
    label: str
    steps: tuple[frozenset[str] | int, ...]  # a set of word forms, or a gap of up to N words
    pattern: str


@dataclass(frozen=True)
class _Token:
    form: str
    start: int
    end: int
    after_break: bool  # a sentence ends between the previous word and this one


@dataclass(frozen=True)
class _Match:
    entry: _Entry
    start: int
    end: int


class Lexicon:
    """Rows of (label, pattern) compiled into an index from first word form to entries."""

    def __init__(self, rows: Iterable[tuple[str, str]], classes: dict[str, tuple[str, ...]]) -> None:
        self.index: dict[str, list[_Entry]] = defaultdict(list)
        for label, pattern in rows:
            entry = _Entry(label, _compile(pattern, classes), pattern)
            first = entry.steps[0]
            if not isinstance(first, frozenset):
                raise ValueError(f"lexicon pattern {pattern!r} starts with a gap")
            for form in first:
                self.index[form].append(entry)

    def scan(self, tokens: Sequence[_Token]) -> list[_Match]:
        """Every match of every entry, longest per entry and start word."""
        found = []
        for i, token in enumerate(tokens):
            for entry in self.index.get(token.form, ()):
                last = _match_steps(entry.steps, 1, tokens, i + 1)
                if last is not None:
                    found.append(_Match(entry, token.start, tokens[last - 1].end))
        return found


def _compile(pattern: str, classes: dict[str, tuple[str, ...]]) -> tuple[frozenset[str] | int, ...]:
    steps: list[frozenset[str] | int] = []
    for piece in PATTERN_SEPARATORS.sub(" ", pattern.lower()).split():
        gap = GAP.fullmatch(piece)
        if gap:
            steps.append(int(gap.group(1)))
            continue
        forms = set()
        for alternative in piece.split("/"):
            stem, plus, suffixes = alternative.partition("+")
            if not plus:
                forms.add(stem)
                continue
            for suffix in suffixes.split(","):
                if suffix.upper() in classes:
                    forms.update(stem + ending for ending in classes[suffix.upper()])
                elif suffix.islower() and suffix.isalpha():
                    forms.add(stem + suffix)
                else:
                    raise ValueError(f"lexicon pattern {pattern!r}: unknown suffix class {suffix!r}")
        steps.append(frozenset(forms))
    if not steps:
        raise ValueError("empty lexicon pattern")
    return tuple(steps)


def _match_steps(steps: tuple[frozenset[str] | int, ...], step: int, tokens: Sequence[_Token], i: int) -> int | None:
    """Index after the last word of the longest match of steps[step:] from token i."""
    if step == len(steps):
        return i
    current = steps[step]
    if isinstance(current, int):
        best = None
        for skip in range(current + 1):
            if skip and (i + skip - 1 >= len(tokens) or tokens[i + skip - 1].after_break):
                break
            end = _match_steps(steps, step + 1, tokens, i + skip)
            if end is not None and (best is None or end > best):
                best = end
        return best
    if i < len(tokens) and not tokens[i].after_break and tokens[i].form in current:
        return _match_steps(steps, step + 1, tokens, i + 1)
    return None


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
def technique_lexicon(lang: str) -> Lexicon:
    """The technique lexicon of `lang` ("fr" or "en"), compiled once."""
    rows = [(label, pattern) for label, pattern, *_ in _data_rows(f"rhetoric_{lang}.tsv")]
    for label, pattern in rows:
        if label not in TECHNIQUES and label != CANCEL:
            raise ValueError(f"rhetoric_{lang}.tsv: {label!r} is not a SemEval-2023 technique name ({pattern!r})")
    return Lexicon(rows, _suffix_classes(lang))


@cache
def genre_lexicon(lang: str) -> Lexicon:
    """Cues of genre (attribution, first_person, opinion, satire) for `lang`."""
    rows = [(label, pattern) for label, pattern, *_ in _data_rows(f"rhetoric_genre_{lang}.tsv")]
    return Lexicon(rows, _suffix_classes(lang))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[_Token]:
    end = len(text) if end is None else end
    tokens = []
    previous_end = start
    for match in WORD.finditer(text, start, end):
        after_break = bool(SENTENCE_BREAK.search(text, previous_end, match.start()))
        tokens.append(_Token(match.group().lower(), match.start(), match.end(), after_break))
        previous_end = match.end()
    return tokens


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


def _paragraph_spans(document: Document, cleaned: Any) -> list[tuple[int, int]]:
    """Paragraphs of the prose: cleaning's when given, else the non-blank lines of the body."""
    paragraphs = getattr(cleaned, "paragraphs", None)
    if paragraphs:
        return [(p[0], p[1]) if isinstance(p, tuple) else (p.start, p.end) for p in paragraphs]
    spans = []
    for line in re.finditer(r"[^\n]+", document.text[document.body_start :]):
        if line.group().strip():
            spans.append((document.body_start + line.start(), document.body_start + line.end()))
    return spans


def _skipped_regions(cleaned: Any) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in getattr(cleaned, "marks", None) or () if m.kind in SKIPPED_MARKS]


def _overlaps(start: int, end: int, regions: Iterable[tuple[int, int]]) -> bool:
    return any(start < region_end and region_start < end for region_start, region_end in regions)


def _select(matches: list[_Match], skipped: list[tuple[int, int]]) -> list[_Match]:
    """Drop cancelled and skipped matches; per technique, keep the longest of overlapping ones."""
    cancels = [(m.start, m.end) for m in matches if m.entry.label == CANCEL]
    kept: dict[str, list[_Match]] = defaultdict(list)
    candidates = [m for m in matches if m.entry.label != CANCEL]
    for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if _overlaps(match.start, match.end, cancels) or _overlaps(match.start, match.end, skipped):
            continue
        same = kept[match.entry.label]
        if not _overlaps(match.start, match.end, ((k.start, k.end) for k in same)):
            same.append(match)
    return sorted((m for group in kept.values() for m in group), key=lambda m: (m.start, m.end))


def _repetitions(matches: list[_Match]) -> list[_Match]:
    by_entry: dict[_Entry, list[_Match]] = defaultdict(list)
    for match in matches:
        if match.entry.label in REPEATED_TECHNIQUES:
            by_entry[match.entry].append(match)
    return [m for uses in by_entry.values() if len(uses) >= REPETITION_MIN for m in uses[1:]]


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


def _genre(
    document: Document,
    lang: str,
    paragraphs: list[tuple[int, int]],
    tokens_by_paragraph: list[list[_Token]],
    tone: float,
) -> tuple[str, list[str]]:
    cues = genre_lexicon(lang)
    text = document.text
    words = quoted_words = first_person = sentences = attributed = 0
    opinion_cues: list[str] = []
    satire_cues: list[str] = []
    for (start, end), tokens in zip(paragraphs, tokens_by_paragraph):
        quoted = _quoted_regions(text, start, end)
        words += len(tokens)
        inside = [any(a <= t.start < b for a, b in quoted) for t in tokens]
        quoted_words += sum(inside)
        matches = cues.scan(tokens)
        attribution_points = [m.start for m in matches if m.entry.label == "attribution"] + [a for a, _ in quoted]
        for match in matches:
            label = match.entry.label
            outside = not _overlaps(match.start, match.end, quoted)
            if label == "first_person" and outside:
                first_person += 1
            elif label == "opinion" and outside:
                opinion_cues.append(text[match.start : match.end])
            elif label == "satire":
                satire_cues.append(text[match.start : match.end])
        cursor = start
        for sentence_end in [m.end() for m in SENTENCE_END.finditer(text, start, end)] + [end]:
            if text[cursor:sentence_end].strip():
                sentences += 1
                attributed += any(cursor <= point < sentence_end for point in attribution_points)
            cursor = sentence_end
    # Section labels ("Opinion", "Tribune", "Satire") count only where a page names its
    # section: title, address, outlet, metadata; in the prose they usually name someone else's.
    for field_text in (document.outlet, document.url, document.title, *document.meta.values()):
        for match in cues.scan(tokenize(field_text or "")):
            label = match.entry.label.removesuffix("_label")
            if label in ("opinion", "satire"):
                (opinion_cues if label == "opinion" else satire_cues).append(field_text[match.start : match.end])
    attributed_share = attributed / sentences if sentences else 0.0
    first_person_rate = 100 * first_person / words if words else 0.0
    reasons = [
        f"attributed statements: {attributed_share:.0%} of {sentences} sentences",
        f"first person outside quotes: {first_person_rate:.1f} per 100 words",
        f"quoted text: {quoted_words / words if words else 0:.0%} of words",
        f"loaded density: {tone:.1f} spans per 100 words",
    ]
    if satire_cues:
        return "satire", [f"satire marker: {', '.join(sorted(set(satire_cues)))}"] + reasons
    if opinion_cues:
        return "opinion", [f"opinion marker: {', '.join(sorted(set(opinion_cues)))}"] + reasons
    if first_person_rate >= OPINION_FIRST_PERSON_RATE:
        return "opinion", [f"author speaks in the first person (≥ {OPINION_FIRST_PERSON_RATE} per 100 words)"] + reasons
    if tone >= OPINION_TONE and attributed_share <= OPINION_MAX_ATTRIBUTED:
        return "opinion", [f"loaded density ≥ {OPINION_TONE} with ≤ {OPINION_MAX_ATTRIBUTED:.0%} attributed"] + reasons
    return "reporting", reasons


def _language(document: Document) -> str:
    if document.lang in ("fr", "en"):
        return document.lang
    from bilan.reading import detect_language

    return detect_language(document.text)


def _tone(counts: Counter[str], words: int) -> float:
    loaded = sum(n for technique, n in counts.items() if technique in TONE_TECHNIQUES)
    return round(100 * loaded / words, 2) if words else 0.0


def find_rhetoric(document: Document, cleaned: Any = None) -> RhetoricReport:
    """Persuasion-technique spans, counts, tone and genre of one article.

    `cleaned` is `bilan.cleaning.clean(document)` when available: its paragraphs are used,
    and spans inside credits and page furniture (navigation, cookie banners, related
    links, bylines) are dropped. Without it, paragraphs are the non-blank lines of the body.
    """
    lang = _language(document)
    lexicon = technique_lexicon(lang)
    paragraphs = _paragraph_spans(document, cleaned)
    skipped = _skipped_regions(cleaned)
    tokens_by_paragraph = [tokenize(document.text, start, end) for start, end in paragraphs]
    matches = _select([m for tokens in tokens_by_paragraph for m in lexicon.scan(tokens)], skipped)
    repeated = [_Match(_Entry("Repetition", m.entry.steps, m.entry.pattern), m.start, m.end) for m in _repetitions(matches)]
    spans = [
        RhetoricSpan(m.entry.label, m.start, m.end, document.text[m.start : m.end])
        for m in sorted(matches + repeated, key=lambda m: (m.start, m.end, m.entry.label))
    ]
    paragraph_reports = []
    total_words = 0
    for (start, end), tokens in zip(paragraphs, tokens_by_paragraph):
        counts = Counter(s.technique for s in spans if start <= s.start < end)
        total_words += len(tokens)
        paragraph_reports.append(ParagraphRhetoric(start, end, len(tokens), dict(counts), _tone(counts, len(tokens))))
    counts = Counter(s.technique for s in spans)
    tone = _tone(counts, total_words)
    genre, reasons = _genre(document, lang, paragraphs, tokens_by_paragraph, tone)
    return RhetoricReport(spans, paragraph_reports, dict(sorted(counts.items())), tone, genre, reasons, total_words)


@analyser("rhetoric")
def _analyse(document: Document, cleaned: Any) -> RhetoricReport:
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
        return {"gold": len(gold_part), "predicted": len(predicted_part), "found": found, "correct": correct,
                "precision": precision, "recall": recall, "f1": f1}

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
