"""Cleaning: set aside the page furniture inside an article, without changing its text.

Tabloid pages and their machine translations carry photo captions and credits, cookie
banners, breadcrumbs, "Related Articles" links, live-blog teasers, bylines and paragraphs
pasted twice. `clean` marks them as spans (`Mark`) over `Document.text` and splits the
body into paragraphs and sentences; offsets never move. The claims stage drops figures
inside marks (or reports caption figures, flagged, when asked).

Paragraphs are the non-blank lines of the body (a blank line or a single newline ends
one), and newlines always end a sentence. The rules are tables in
`bilan/data/cleaning_rules.json`; this module compiles them once, at import.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from bilan.model import Document, Mark

RULES = json.loads((Path(__file__).parent / "data" / "cleaning_rules.json").read_text("utf-8"))


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any blank."""
    escaped = (re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_NAME = rf"[{_UPPER}][\w’'.-]*"
_BLANK = "[ \t\u00a0\u202f]"
_TERMINAL = frozenset(".!?…:;")
_CLOSERS_AND_BLANKS = RULES["sentence_closers"] + " \t\u00a0\u202f"

# Who a photo is credited to: a name, agency or handle, capitalised, of a few words.
_CREDIT_NAME = r"[A-ZÀ-Þ0-9@©][^\s:]*(?:[ \t\u00a0]+[^\s:]+){0,5}"
_CREDIT_TAIL = re.compile(
    # "... Crédit : Twitter/@x", "... 1 crédit : East2West", "... Photo: AFP"
    rf"(?:^|(?<=\s))(?:\d+\s+)?(?i:{_alternation(RULES['credit_words'])})\s*:\s*{_CREDIT_NAME}$"
    # "... (Image: GETTY)", "... (Photo by Name/Agency)"
    rf"|\((?i:{_alternation(RULES['credit_words'])})\s*(?::|by|par|de)\s*[^()]{{1,80}}\)$"
    # "... REUTERS/Gleb Garanich"
    rf"|(?<!\S){_alternation(RULES['photo_agency_prefixes'])}/[^\s/][^/]{{0,60}}$"
    # "... SERGEI SUPINSKY / AFP"
    rf"|\s/\s*{_alternation(RULES['photo_agency_prefixes'])}$"
    # "... © AFP"
    rf"|(?<!\S)©\s*{_CREDIT_NAME}$"
    # "... Getty Images"
    rf"|(?<!\S){_alternation(RULES['photo_agency_credits'])}$"
    # "... near Avdiivka (file photo)"
    rf"|\((?i:{_alternation(RULES['inline_photo_notes'])})\)$"
)
# "Pictured: ...", "Sur la photo : ...": a caption that says so first.
_CAPTION_LEAD = re.compile(rf"(?i:{_alternation(RULES['caption_leads'])})\s*:\s")
# A credit is looked for in the last characters of a paragraph only (longest rule: 80
# characters of credit, its word and a photo count).
_CREDIT_TAIL_CHARS = 110
_AGENCY_ENDINGS = tuple(RULES["photo_agency_credits"])
_INLINE_PHOTO_NOTE = re.compile(rf"\((?i:{_alternation(RULES['inline_photo_notes'])})\)")

# Searching every paragraph for the cookie words and phrases cost 40% of `clean`: only
# paragraphs that hold a gate substring (found by `str.find` over the whole lowered body,
# once) are searched. Every cookie word and phrase contains a gate.
_GATES = tuple(RULES["cookie_gate"] + RULES["promo_gate"])
_COOKIE_WORD = re.compile(_alternation(RULES["cookie_words"]))
_COOKIE_COMPANION = re.compile(rf"\b(?i:{_alternation(RULES['cookie_companions'])})")
_COOKIE_PHRASE = re.compile(_alternation(RULES["cookie_phrases"]))

_SEPARATORS = "".join(re.escape(s) for s in RULES["breadcrumb_separators"])
_CHAIN = "".join(re.escape(s) for s in RULES["breadcrumb_chain_separators"])
_BREADCRUMB = re.compile(
    # "Home » MONDE » ...": a home word then a separator, or two short items and two separators
    rf"(?i:{_alternation(RULES['breadcrumb_homes'])}){_BLANK}*[{_SEPARATORS}]{_BLANK}"
    rf"|[^\n{_SEPARATORS}]{{1,40}}{_BLANK}[{_CHAIN}]{_BLANK}[^\n{_SEPARATORS}]{{1,40}}{_BLANK}[{_CHAIN}]{_BLANK}"
)
_MENU_SEPARATORS = "".join(re.escape(s) for s in RULES["menu_separators"])
_MENU = re.compile(
    rf"(?:[^\n{_MENU_SEPARATORS}]{{1,{RULES['menu_max_item_chars']}}}[{_MENU_SEPARATORS}]){{{RULES['menu_min_items'] - 1},}}"
    rf"[^\n{_MENU_SEPARATORS}]{{0,{RULES['menu_max_item_chars']}}}"
)
_NAVIGATION_LINES = frozenset(RULES["navigation_lines"])
_NAVIGATION_LINE_CHARS = max(map(len, _NAVIGATION_LINES)) + 8  # room for stripped punctuation
# Newsletter boxes and tip-line promos, gated like cookie banners.
_PROMO_PHRASE = re.compile(_alternation(RULES["promo_phrases"]))
_ANY_SEPARATOR = re.compile("[" + "".join(re.escape(s) for s in RULES["breadcrumb_separators"] + RULES["menu_separators"]) + "]")
_ANY_TEASER_TAG = re.compile(_alternation(RULES["teaser_tags"]))
# Breadcrumbs, menus and teaser tags show within a paragraph's first characters.
_HEAD_CHARS = 100
_FURNITURE_STRIP = " \t.:!…>»›|•-–—"

_RELATED = re.compile(rf"(?i:{_alternation(RULES['related_leads'])})(?=$|[\s:….,!»›>|-])")

_TEASER = re.compile(rf"(?:[^\n:]{{0,{RULES['teaser_max_prefix_chars']}}}?\s)?{_alternation(RULES['teaser_tags'])}\s*[:：–—-]")

_NOT_NAMES = "|".join(re.escape(word) for word in RULES["byline_not_names"])
_BYLINE = re.compile(
    rf"(?i:{_alternation(RULES['byline_leads'])}){_BLANK}+(?!(?i:{_NOT_NAMES})\b)"
    rf"{_NAME}(?:{_BLANK}+{_NAME}){{0,3}}"
    rf"(?:{_BLANK}*(?:[,|–—-]|{_BLANK}(?i:{_alternation(RULES['byline_joiners'])}){_BLANK}).*)?"
)
# "Jack Royston, Foreign News Editor": a name, a comma and a newsroom role that ends it.
_NAMED_ROLE = re.compile(
    rf"{_NAME}(?:{_BLANK}+{_NAME}){{1,3}}{_BLANK}*,{_BLANK}*[^.,:;!?]{{0,60}}\b(?i:{_alternation(RULES['byline_roles'])})"
    rf"(?:{_BLANK}+(?i:à|in|at|en|au|for|pour|de|of){_BLANK}+[^.,:;!?]{{1,30}})?"
)
_DATELINE = re.compile(
    rf"(?i:{_alternation(RULES['dateline_leads'])})"
    rf"(?:\s*:|{_BLANK}+(?i:on|le|at|à|the))?{_BLANK}*(?:\d|(?i:{_alternation(RULES['months'])})\b)"
)
_REPORTING = re.compile(rf"\(?(?i:{_alternation(RULES['reporting_credits'])})")

# Searched line by line: an alternative for "\n" in this pattern made it 3.5 times slower.
# Tried only at the first mark of a run, which it takes whole (possessive): a run of
# 8,000 periods took 2 s, tried again from each of its periods.
# Its first stop leads (the engine skips to stops at C speed), a stop before it refused by a
# look-behind after it: the same ends as "(?<![.!?…])[.!?…]++", which was tried at every
# character (110 -> 27 us over a seed article). The second branch is a glued sentence, as
# stored pages often have them ("ont été détruits.Le ministère", 'occidentaux."Le média'): a
# period, and perhaps a closing quote, between a lower-case word of three letters or more and
# a capitalised word, which a domain ("site.com") or an initial ("J.Smith") is not.
_SENTENCE_END = re.compile(
    rf"[.!?…](?:(?<![.!?…][.!?…])[.!?…]*+(?:{_BLANK}?[{re.escape(RULES['sentence_closers'])}])*(?=\s)"
    r"|(?<=[a-zà-öø-ÿ]{3}[.!?])[»”\"]?(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))"
)
_OPENERS = frozenset(RULES["sentence_openers"])
_SENTENCE_MAX_CHARS = RULES["sentence_max_chars"]
_INITIALISM = re.compile(r"(?:\w\.)+\w")  # U.S, U.K, e.g (their last period is the one tested)
_ABBREVIATIONS = {lang: frozenset(RULES["abbreviations"]["common"] + RULES["abbreviations"][lang]) for lang in ("fr", "en")}
_TOKEN_LEAD = "([«“‘\"'"
_LINE = re.compile(r"[^\n]+")
# A line ending with one of these is complete, whatever follows (";" ends a bulletin's item).
_LIST_ITEM = re.compile(r"[‒—–:-]\s*(?:about|environ|~)?\s*\d")
_LINE_ENDERS = frozenset(".!?…:;»”\"')]")
_WORD = re.compile(r"\w+")


@dataclass
class Cleaned:
    """A document's marks, paragraphs and sentences: spans over `document.text`."""

    document: Document
    marks: list[Mark]  # sorted by start, never overlapping
    paragraphs: list[tuple[int, int]]  # every paragraph of the body, trimmed of whitespace
    sentences: list[tuple[int, int]]  # every sentence of the body, in order
    _mark_starts: list[int] = field(init=False, repr=False, compare=False)
    _sentence_starts: list[int] = field(init=False, repr=False, compare=False)
    _paragraph_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._mark_starts = [mark.start for mark in self.marks]
        self._sentence_starts = [start for start, _ in self.sentences]
        self._paragraph_starts = [start for start, _ in self.paragraphs]

    def mark_at(self, start: int, end: int) -> Mark | None:
        """The mark that covers the span [start, end), if one does."""
        index = bisect_right(self._mark_starts, start) - 1
        if index >= 0 and end <= self.marks[index].end:
            return self.marks[index]
        return None

    def sentence_index(self, position: int) -> int:
        """Index of the sentence holding `position` (the last one before it when the
        position falls between sentences; -1 before the first)."""
        return bisect_right(self._sentence_starts, position) - 1

    def paragraph_index(self, position: int) -> int:
        """Index of the paragraph holding `position`, as `sentence_index` does."""
        return bisect_right(self._paragraph_starts, position) - 1

    def same_paragraph(self, first: int, second: int) -> bool:
        """Whether two sentences (by index) stand in the same paragraph."""
        return self.paragraph_index(self.sentences[first][0]) == self.paragraph_index(self.sentences[second][0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    segment = text[start:end]
    right = len(segment.rstrip())
    return start + min(right, len(segment) - len(segment.lstrip())), start + right


def _ends_abbreviation(text: str, period: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period at `period` closes an abbreviation rather than a sentence."""
    start = period
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:period].lstrip(_TOKEN_LEAD)
    if not token:
        return False
    if token in abbreviations or (len(token) == 1 and token.isupper()):
        return True
    return _INITIALISM.fullmatch(token) is not None


def continues_line(text: str, line_end: int, next_start: int, limit: int | None = None) -> bool:
    """Whether the line ending at `line_end` goes on at the next line, as in hard-wrapped wire
    copy: it does not end like a sentence or a list item, and the next line is on the same
    paragraph (no blank line) and starts in lower case."""
    limit = len(text) if limit is None else limit
    end = line_end
    while end > 0 and text[end - 1] in " \t\r":
        end -= 1
    if end == 0 or text[end - 1] in _LINE_ENDERS:
        return False
    line_start = text.rfind("\n", 0, end) + 1
    if _LIST_ITEM.search(text, line_start, end):
        return False  # "tanks ‒ 7,635 (+13)," is an item of a list, one a line
    start = next_start
    while start < limit and text[start] in " \t":
        start += 1
    if start >= limit or text[start] in "\r\n":
        return False
    return text[start].islower() or text[start] in ",;"  # "... in Kursk area\n, the ministry added."


def split_sentences(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end], trimmed: a fast splitter with abbreviation tables.

    A sentence ends at a newline, or at . ! ? … (with closing quotes or brackets after
    them) followed by a blank and a capital, a digit or an opening quote or dash; a period
    after an abbreviation ("M.", "Gen.", "U.S.") or an initial does not end one.
    """
    abbreviations = _ABBREVIATIONS.get(lang, _ABBREVIATIONS["fr"])
    spans: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        while line_end >= 0 and continues_line(text, line_end, line_end + 1, end):
            line_end = text.find("\n", line_end + 1, end)  # a hard-wrapped line goes on below
        next_line = end if line_end < 0 else line_end + 1
        # Trimmed lines make every span trimmed: a sentence starts after blanks and ends
        # with its punctuation.
        sentence_start, line_end = _trim(text, line_start, end if line_end < 0 else line_end)
        for match in _SENTENCE_END.finditer(text, sentence_start, line_end):
            following = match.end()
            while following < line_end and text[following] in " \t\u00a0\u202f\r\n":
                following += 1
            if following >= line_end:
                break  # the end of the line closes this sentence
            char = text[following]
            if not (char.isupper() or char.isdigit() or char in _OPENERS):
                continue
            if match.group() == "." and _ends_abbreviation(text, match.start(), abbreviations):
                continue
            spans.append((sentence_start, match.end()))
            sentence_start = following
        if sentence_start < line_end:
            spans.append((sentence_start, line_end))
        line_start = next_line
    if any(span_end - span_start > _SENTENCE_MAX_CHARS for span_start, span_end in spans):
        spans = [piece for span in spans for piece in _cut_long(text, *span)]
    return spans


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` in trimmed pieces of at most _SENTENCE_MAX_CHARS, each cut after the
    last comma or semicolon, else the last blank, of its second half (else in the middle
    of a word)."""
    pieces = []
    while end - start > _SENTENCE_MAX_CHARS:
        half, limit = start + _SENTENCE_MAX_CHARS // 2, start + _SENTENCE_MAX_CHARS
        cut = max(text.rfind(", ", half, limit), text.rfind("; ", half, limit)) + 1
        if cut <= 0:
            cut = max(text.rfind(blank, half, limit) for blank in " \t\u00a0\u202f")
        if cut <= start:
            cut = limit
        piece = _trim(text, start, cut)
        if piece[0] < piece[1]:
            pieces.append(piece)
        start = _trim(text, cut, end)[0]
    if start < end:
        pieces.append((start, end))
    return pieces


# --- paragraph rules ------------------------------------------------------------------


def _is_terminated(paragraph: str) -> bool:
    """Whether a paragraph ends like a sentence, closing quotes and brackets aside: a
    headline ending in a quote ("Russia 'has lost 2,000 tanks'") does not."""
    return paragraph.rstrip(_CLOSERS_AND_BLANKS)[-1:] in _TERMINAL


def _gated(text: str, paragraphs: list[tuple[int, int]]) -> list[bool]:
    """For each paragraph, whether it holds a cookie or promo gate substring."""
    if not paragraphs:
        return []
    start = paragraphs[0][0]
    region = text[start : paragraphs[-1][1]]
    lowered = region.lower()
    if len(lowered) != len(region):  # lower() changed some lengths: offsets would not match
        return [True] * len(paragraphs)
    hits: list[int] = []
    for gate in _GATES:
        position = lowered.find(gate)
        while position >= 0:
            hits.append(start + position)
            position = lowered.find(gate, position + 1)
    hits.sort()
    flags = []
    for paragraph_start, paragraph_end in paragraphs:
        index = bisect_left(hits, paragraph_start)
        flags.append(index < len(hits) and hits[index] < paragraph_end)
    return flags


def _furniture_kind(paragraph: str, gated: bool) -> str | None:
    """The kind of page furniture a whole paragraph is, judged on its own text.

    Each regex runs only when a cheap test says it may match (`gated`: the paragraph holds
    a cookie or promo gate substring): cleaning must take well under 1 ms per article.
    """
    if gated:
        lowered = paragraph.lower()
        if len(paragraph) <= RULES["cookie_max_chars"] and (
            (_COOKIE_WORD.search(lowered) and _COOKIE_COMPANION.search(paragraph)) or _COOKIE_PHRASE.search(lowered)
        ):
            return "cookie_banner"
        if len(paragraph) <= RULES["promo_max_chars"] and _PROMO_PHRASE.search(lowered):
            return "navigation"
    if len(paragraph) <= _NAVIGATION_LINE_CHARS and paragraph.lower().strip(_FURNITURE_STRIP) in _NAVIGATION_LINES:
        return "navigation"
    head = paragraph[:_HEAD_CHARS]
    if _ANY_SEPARATOR.search(head) and (_BREADCRUMB.match(paragraph) or _MENU.fullmatch(paragraph)):
        return "navigation"
    if len(paragraph) <= RULES["related_max_chars"] and _RELATED.match(paragraph):
        return "related"
    if len(paragraph) <= RULES["teaser_max_chars"] and _ANY_TEASER_TAG.search(head) and _TEASER.match(paragraph):
        return "teaser"
    if len(paragraph) <= RULES["byline_max_chars"]:
        if _REPORTING.match(paragraph) or _DATELINE.match(paragraph):
            return "byline"
        if not paragraph.endswith(".") and (_BYLINE.fullmatch(paragraph) or _NAMED_ROLE.fullmatch(paragraph)):
            return "byline"
    tail_start = max(0, len(paragraph) - _CREDIT_TAIL_CHARS)
    tail = paragraph[tail_start:]
    credit = (
        _CREDIT_TAIL.search(paragraph, tail_start)
        if ":" in tail or "/" in tail or "©" in tail or tail.endswith(")") or tail.endswith(_AGENCY_ENDINGS)
        else None
    )
    if credit:
        return "credit" if credit.start() == 0 else "caption"
    if _CAPTION_LEAD.match(paragraph):
        return "caption"
    return None


# A live blog's entry time ("15:10", "10:12 BST", "08h40"): the unpunctuated line under it is the entry's headline.
_ENTRY_TIME = re.compile(r"\d{1,2}[:h.]\d{2}(?:\s*(?:[AaPp]\.?[Mm]\.?|[A-Z]{2,4}))?")


def _caption_shaped(paragraph: str) -> bool:
    """One unpunctuated sentence, not a heading: a caption if prose surrounds it."""
    if _is_terminated(paragraph) or len(paragraph) > RULES["caption_max_chars"]:
        return False
    if not paragraph[0].isupper() or len(paragraph.split()) < RULES["caption_min_words"]:
        return False
    if _SENTENCE_END.search(paragraph):
        return False  # prose ending in a tag ("... the army said. Source: General Staff")
    if ":" in paragraph:
        return False  # a labelled line: a live blog's entry ("FLASH : ..."), a headline
    letters = [char for char in paragraph if char.isalpha()]
    upper = sum(1 for char in letters if char.isupper())
    return upper <= RULES["caption_max_upper_share"] * len(letters)


def _paragraph_kinds(text: str, paragraphs: list[tuple[int, int]], *, shaped_captions: bool) -> list[str | None]:
    strings = [text[start:end] for start, end in paragraphs]
    kinds = [_furniture_kind(paragraph, gated) for paragraph, gated in zip(strings, _gated(text, paragraphs), strict=True)]
    count = len(strings)
    # A live blog's own headline opens the article ("EN DIRECT - Guerre en Ukraine : ..."):
    # a teaser is one only once the prose has begun.
    first_prose = next((i for i in range(count) if kinds[i] is None and _is_terminated(strings[i])), count)
    for index in range(first_prose):
        if kinds[index] == "teaser":
            kinds[index] = None

    for index in range(count):
        # The short unpunctuated headlines under a "Related Articles" header are its links.
        if (
            kinds[index] == "related"
            and len(strings[index]) <= RULES["related_header_max_chars"]
            and not _is_terminated(strings[index].rstrip(_FURNITURE_STRIP))
        ):
            following = index + 1
            while (
                following < count
                and kinds[following] is None
                and len(strings[following]) <= RULES["related_link_max_chars"]
                and not _is_terminated(strings[following])
            ):
                kinds[following] = "related"
                following += 1
        # A live-blog teaser's blurb runs to the link back to the live blog.
        if kinds[index] == "teaser":
            for following in range(index + 1, min(count, index + 2 + RULES["teaser_max_blurb"])):
                if kinds[following] == "related":
                    for blurb in range(index + 1, following):
                        kinds[blurb] = "teaser"
                    break
                if kinds[following] is not None:
                    break

    # Captions without credits: short runs of caption-shaped paragraphs inside the prose.
    # Not in text extracted from HTML, where trafilatura drops the figures and their
    # captions: an unpunctuated line there is a subheading.
    if not shaped_captions:
        return kinds
    seen_prose = False
    index = 0
    while index < count:
        if (
            kinds[index] is None
            and seen_prose
            and _caption_shaped(strings[index])
            and not (index > 0 and _ENTRY_TIME.fullmatch(strings[index - 1]))
        ):
            run_end = index
            while run_end < count and kinds[run_end] is None and _caption_shaped(strings[run_end]):
                run_end += 1
            closed = run_end < count and (kinds[run_end] is not None or _is_terminated(strings[run_end]))
            if closed and run_end - index <= RULES["caption_max_run"]:
                for caption in range(index, run_end):
                    kinds[caption] = "caption"
            index = run_end
            continue
        if kinds[index] is None and _is_terminated(strings[index]):
            seen_prose = True
        index += 1
    return kinds


def _long_enough_to_repeat(span: str) -> bool:
    # Counted only for spans seen twice, which are few.
    return len(_WORD.findall(span)) >= RULES["repeat_min_words"]


def clean(document: Document) -> Cleaned:
    """Marks, paragraphs and sentences of a document's body (from `body_start`).

    Captions are recognised by their credits everywhere, and by their shape (an
    unpunctuated sentence between prose paragraphs) except in text extracted from HTML
    (`meta["format"] == "html"`), which holds subheadings but no figures.
    """
    text = document.text
    lang = document.lang or "fr"
    paragraphs: list[tuple[int, int]] = []
    for line in _LINE.finditer(text, document.body_start):
        span = _trim(text, line.start(), line.end())
        if span[0] >= span[1]:
            continue
        if paragraphs and text.count("\n", paragraphs[-1][1], span[0]) == 1 and continues_line(text, paragraphs[-1][1], span[0]):
            paragraphs[-1] = (paragraphs[-1][0], span[1])  # hard-wrapped text: one paragraph
        else:
            paragraphs.append(span)
    kinds = _paragraph_kinds(text, paragraphs, shaped_captions=document.meta.get("format") != "html")

    marks: list[Mark] = []
    sentences: list[tuple[int, int]] = []
    seen: set[str] = set()
    # The headline printed again above the article (a page's title, then its own): each copy is
    # a mention of its figures (ANNOTATION.md), not a verbatim repeat of the prose.
    headline = (
        text[slice(*paragraphs[0])]
        if paragraphs and kinds[0] is None and not _is_terminated(text[slice(*paragraphs[0])])
        else None
    )
    for (start, end), kind in zip(paragraphs, kinds, strict=True):
        paragraph_sentences = split_sentences(text, start, end, lang)
        sentences.extend(paragraph_sentences)
        if kind is not None:
            marks.append(Mark(kind, start, end))
            continue
        # A paragraph, or a sentence, repeated verbatim: the later copy is set aside.
        key = text[start:end]
        if key in seen and key != headline and _long_enough_to_repeat(key):
            marks.append(Mark("repeat", start, end))
            continue
        seen.add(key)
        repeated: list[tuple[int, int]] = []
        for sentence_start, sentence_end in paragraph_sentences:
            if (sentence_start, sentence_end) == (start, end):
                continue
            sentence_key = text[sentence_start:sentence_end]
            if sentence_key in seen and _long_enough_to_repeat(sentence_key):
                repeated.append((sentence_start, sentence_end))
            else:
                seen.add(sentence_key)
        position = 0
        notes = _INLINE_PHOTO_NOTE.finditer(text, start, end) if text.find("(", start, end) >= 0 else ()
        for note in notes:
            while position < len(repeated) and repeated[position][1] <= note.start():
                marks.append(Mark("repeat", *repeated[position]))
                position += 1
            if position < len(repeated) and repeated[position][0] <= note.start():
                continue  # inside a repeated sentence, which is set aside whole
            marks.append(Mark("credit", note.start(), note.end()))
        marks.extend(Mark("repeat", *span) for span in repeated[position:])
    return Cleaned(document=document, marks=marks, paragraphs=paragraphs, sentences=sentences)
