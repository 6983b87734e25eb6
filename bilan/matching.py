"""Folding and phrase matching: one of each for claims, entities and rhetoric.

**Folding.** `fold(text)` lower-cases, strips accents and straightens apostrophes (’ ‘ ʼ ` ´)
and no-break spaces, one character in, one character out: an offset into the folded text
is an offset into the text. Tokens' forms are folded (accent-insensitive) or, by default,
lower-cased with ’ read as ' (accents kept).

**Phrases are data.** A phrase is a sequence of steps, each matching one token of the text:
a word; a set of words, any of them (rhetoric's `a/b` and its inflection classes, expanded
by rhetoric); a prefix (`détrui*`); or an int N, a gap of up to N tokens. Words are matched
on the tokens' forms (case-insensitive, accent-insensitive if the caller asks). A phrase
written as a string ("l'armée", "u.s. army", "détrui*") is cut into tokens by `TOKEN`
(words and apostrophes); the punctuation between two of its tokens, spaces and hyphens
excepted, is its *joint*, and must stand between the same tokens of the text ("u.s.").

**Text is cut into `Tokens`**: forms, offsets, and before each token its joint: the
punctuation standing there ("" where the caller ignores punctuation), or None where a
sentence breaks (no phrase runs across a break; a gap never skips one). A caller with its
own rule for what may stand between two words (entities' names) overrides `Tokens.joint`.
A document is tokenised once (`document_tokens`): claims read its tokens, rhetoric its words
inside paragraphs (`Tokens.within`), entities its words (`Tokens.words`), folded.

**One matcher.** `PhraseScanner` compiles labelled `PhraseTable`s into one trie of steps
(equal steps share a node, so a set of words costs one node, not a product of phrases).
The text is tokenised once; from each token that can start a phrase the trie is walked as
far as the text follows one, so the cost grows with the text, not with the phrases.
- `scan`: per table, the leftmost-longest non-overlapping matches (claims' cue tables);
- `matches`: at every start, each label's longest match (rhetoric keeps them all and selects
  overlapping spans itself);
- `walk_words`: every phrase followed from one token, for tables of words only (entities'
  45,000 spellings, among which they pick the longest whose case the text respects).

Each caller keeps its policy on top: claims refuse a table where a phrase is repeated or
stands under two labels (`checked`, `LexiconError`); entities refuse repeated and
conflicting rows of their tables (`LexiconError`, naming the file and line), check each
alias's case and find names run together; rhetoric cancels literal uses and skips page furniture.
`phrase_regex` is the same phrase as a regular expression, for the cues that are real
regular expressions (a phrase anchored before a figure, followed by optional words).
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property, lru_cache
from itertools import accumulate, repeat
from sys import intern
from typing import Any, TypeVar

# A phrase's label is the caller's own hashable value (claims label their cues with strings):
# typed Any, so that each caller's label type comes back to it unchanged.
Label = Any

TOKEN = re.compile(r"\w+|['’]")
GAP_IGNORED = re.compile(r"[\s\-‑]+")  # between a phrase's tokens, spaces and hyphens are alike
APOSTROPHES = "’‘ʼ`´"
NO_BREAK_SPACES = "\u00a0\u202f"
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_WORD = re.compile(r"\W")  # words (TOKEN's, and rhetoric's) never hold one: a span is cut before it
_START = re.Match.start
_PIECE = 1 << 16  # characters of a span tokenised at once

# --------------------------------------------------------------------------- folding


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Character -> its folded character, for the characters folding changes."""
    table: dict[int, str] = {}
    for code in range(0x20, 0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0].lower()
        if len(base) == 1 and base != char:
            table[code] = base
    for quote in APOSTROPHES:
        table[ord(quote)] = "'"
    for space in NO_BREAK_SPACES:
        table[ord(space)] = " "
    return table


@lru_cache(maxsize=1)
def _fold_table_beyond_ascii() -> dict[int, str]:
    return {code: char for code, char in _fold_table().items() if code > 0x7F}


FOLD_BY_TRANSLATE = 10  # above one non-ASCII character in 10, translate() is the faster (1 MB: 34 against 41 ms at 10 %)
FOLD_BY_REPLACE = 32  # distinct characters to fold, above which translate() is the faster


def fold(text: str) -> str:
    """Lower case, accents stripped, apostrophes and no-break spaces straightened: one
    character for one, so offsets into the result are offsets into `text`. ASCII characters
    are only lower-cased (a backquote stays one), unless lower-casing changed the length."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters ("İ")
        return text.translate(_fold_table())
    if lowered.isascii():
        return lowered
    # A text of accents or dashes is translated (a piece per character: 1 MB of "— " took
    # 100 MB and 3 s); news text is folded by one str.replace per distinct character to fold
    # (a dozen in an article): 95 -> 47 us a seed article, where a substitution per character
    # called Python for each.
    if len(lowered) - len(lowered.encode("ascii", "ignore")) > len(lowered) // FOLD_BY_TRANSLATE:
        return lowered.translate(_fold_table_beyond_ascii())
    table = _fold_table()
    folding = [char for char in set(_NOT_ASCII.findall(lowered)) if ord(char) in table]
    if len(folding) > FOLD_BY_REPLACE:
        return lowered.translate(_fold_table_beyond_ascii())
    # A character that another folds to ("´", from U+1FFD) is replaced first: each character
    # is folded once, as translate() does.
    targets = {table[ord(char)] for char in folding}
    for char in sorted(folding, key=lambda char: char not in targets):
        lowered = lowered.replace(char, table[ord(char)])
    return lowered


# --------------------------------------------------------------------------- tokens


_T = TypeVar("_T", bound="Tokens")


@lru_cache(maxsize=8)
def _grouped(word: re.Pattern[str]) -> re.Pattern[str]:
    """A word pattern (which has no group) as one group: `split` then keeps the words."""
    return re.compile(f"({word.pattern})", word.flags)


class Tokens:
    """The tokens of some spans of a text, as parallel lists, with their joints.

    Forms are lower-cased (`accents=False`: folded, accents stripped too). `punctuation`: the
    joint before a token is the punctuation standing there, spaces and hyphens excepted
    (else ""); with `breaks`, a span's start and a match of `breaks` between two tokens
    make the joint None.
    """

    __slots__ = (
        "_words",
        "accents",
        "break_marks",
        "breaks",
        "ends",
        "forms",
        "joints",
        "punctuation",
        "starts",
        "text",
        "word",
    )

    def __init__(
        self,
        text: str,
        spans: Iterable[tuple[int, int]] = (),
        *,
        word: re.Pattern[str] = TOKEN,
        accents: bool = True,
        punctuation: bool = True,
        breaks: re.Pattern[str] | None = None,
    ) -> None:
        self.text, self.word, self.accents, self.punctuation, self.break_marks = text, word, accents, punctuation, breaks
        self._words: tuple[list[str], array[int], array[int]] | None = None
        self.forms: list[str] = []
        # machine integers: lists of int objects took 60 MB more on a 10 MB article
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")
        self.breaks: list[bool] | None = [] if breaks is not None else None
        for start, end in spans:
            self._add(start, end)
        # Without punctuation, the joints are known at once: "" or None at a break.
        self.joints: list[str | None] | None = None
        if not punctuation:
            self.joints = [None if b else "" for b in self.breaks] if self.breaks is not None else [""] * len(self.forms)

    def _add(self, start: int, end: int) -> None:
        first = len(self.forms)
        # A long span is cut in pieces before a non-word character, which no word holds: the
        # parts of one split are held at once (10 MB of "1,000,000,...": 5 million strings, 500 MB).
        piece_start = start
        while end - piece_start > _PIECE:
            cut = _NON_WORD.search(self.text, piece_start + _PIECE, end)
            if cut is None:
                break
            self._add_words(piece_start, cut.start())
            piece_start = cut.start()
        self._add_words(piece_start, end)
        added = len(self.forms) - first
        if added and self.breaks is not None and self.break_marks is not None:
            self.breaks += [True] + [False] * (added - 1)  # a span starts after a break
            for mark in self.break_marks.finditer(self.text, start, end):
                following = bisect_left(self.starts, mark.start(), first)
                if following < len(self.starts):
                    self.breaks[following] = True

    def _add_words(self, start: int, end: int) -> None:
        # One split on the word pattern as a group cuts separator, word, separator, ...,
        # separator; the offsets are the running sum of their lengths, at C speed (a match
        # object per word costs twice as much; findall and split apart, 40% more).
        parts = _grouped(self.word).split(self.text[start:end])
        words = parts[1::2]
        if not words:
            return
        offsets = list(accumulate(map(len, parts), initial=start))
        self.starts.extend(offsets[1:-1:2])  # the last offset is the segment's end
        self.ends.extend(offsets[2::2])
        # Words hold no space, so one lower() or fold over the joined words does them all.
        joined = " ".join(words)
        forms = (joined.lower().replace("’", "'") if self.accents else fold(joined)).split(" ")
        # Interned, one string per distinct form: a long text repeats its words (8 bytes a token, not 60).
        self.forms += map(intern, forms)

    @classmethod
    def view(
        cls: type[_T],
        text: str,
        forms: list[str],
        starts: array[int],
        ends: array[int],
        joints: list[str | None] | None = None,
        *,
        like: Tokens | None = None,
    ) -> _T:
        """Tokens already cut (a part of another `Tokens`, or its words): `joints` given, or
        computed by `joint` as for `like` (punctuation, accents and word of `like`)."""
        tokens = cls.__new__(cls)
        tokens.text, tokens.forms, tokens.starts, tokens.ends, tokens.joints = text, forms, starts, ends, joints
        tokens.word = like.word if like is not None else TOKEN
        tokens.accents = like.accents if like is not None else True
        tokens.punctuation = like.punctuation if like is not None else joints is None
        tokens.break_marks, tokens.breaks, tokens._words = None, None, None
        return tokens

    def since(self, offset: int) -> Tokens:
        """The tokens that start at or after `offset` (claims read after a headline)."""
        first = bisect_left(self.starts, offset)
        if first == 0:
            return self
        if self.breaks is not None:
            raise ValueError("since() is for tokens without sentence breaks")
        joints = self.joints[first:] if self.joints is not None else None
        return Tokens.view(self.text, self.forms[first:], self.starts[first:], self.ends[first:], joints, like=self)

    def words(self) -> tuple[list[str], array[int], array[int]]:
        """(forms, starts, ends) of the tokens that are words: `TOKEN`'s apostrophes left out.
        Made once: entities, rhetoric and claims' word counts each read them."""
        if self._words is None:
            forms, starts, ends = self.forms, self.starts, self.ends
            # An article holds a few dozen apostrophes: the runs of words between them are
            # copied whole (a test per token took 125 us a seed article).
            apostrophes = []
            try:
                at = forms.index("'")
                while True:
                    apostrophes.append(at)
                    at = forms.index("'", at + 1)
            except ValueError:
                pass
            if not apostrophes:
                self._words = (forms, starts, ends)
            else:
                word_forms: list[str] = []
                word_starts, word_ends = array("q"), array("q")
                previous = 0
                for at in [*apostrophes, len(forms)]:
                    word_forms += forms[previous:at]
                    word_starts += starts[previous:at]
                    word_ends += ends[previous:at]
                    previous = at + 1
                self._words = (word_forms, word_starts, word_ends)
        return self._words

    def within(self, spans: Sequence[tuple[int, int]], breaks: re.Pattern[str]) -> Tokens:
        """The words inside `spans` (sorted, disjoint, inside the tokens' range), punctuation
        ignored, a break (joint None) at each span's start and after each match of `breaks`,
        as `Tokens(text, spans, punctuation=False, breaks=breaks)` with `TOKEN`'s words."""
        forms, starts, ends = self.words()
        out_forms: list[str] = []
        out_starts: array[int] = array("q")
        out_ends: array[int] = array("q")
        joints: list[str | None] = []
        # each span's words searched from the last one's end (the spans are sorted), on a list
        starts_list = starts.tolist() if isinstance(starts, array) else starts
        last = 0
        for start, end in spans:
            first = bisect_left(starts_list, start, last)
            last = bisect_left(starts_list, end, first)
            if first == last:
                continue
            out_forms += forms[first:last]
            out_starts += starts[first:last]
            out_ends += ends[first:last]
            joints += [None] + [""] * (last - first - 1)
        if spans and out_starts:
            # A mark between two spans breaks before the next span's first word, which a span's
            # start breaks already: one search over all the spans is the same as one per span.
            # The marks come in order: each one's following word is searched from the last one's,
            # a few words first (a bisection of the whole array per mark, its items boxed at each
            # comparison, grew as n log n: 0.7 ms at 8 kB of "M. ", 14 ms at 128 kB).
            count = len(out_starts)
            starts_list = out_starts.tolist()
            following = 0
            for mark in map(_START, breaks.finditer(self.text, spans[0][0], spans[-1][1])):
                near = min(following + 8, count)
                following = bisect_left(starts_list, mark, following, near)
                if following == near < count:
                    following = bisect_left(starts_list, mark, near)
                if following < count:
                    joints[following] = None
        return Tokens.view(self.text, out_forms, out_starts, out_ends, joints)

    def joint(self, index: int) -> str | None:
        """What stands before token `index` (index > 0): its punctuation, "", or None at a break."""
        if self.joints is not None:
            return self.joints[index]
        if self.breaks is not None and self.breaks[index]:
            return None
        between = self.text[self.ends[index - 1] : self.starts[index]]
        return GAP_IGNORED.sub("", between).replace("’", "'") if between.strip(" ") else ""


@lru_cache(maxsize=1)
def document_tokens(text: str, start: int) -> Tokens:
    """The tokens of text[start:] (`TOKEN`, accents kept, punctuation), cut once per document:
    claims read them (`since` their start), entities and rhetoric read their words (`words`,
    `within`), so the pipeline tokenises an article once, not three times. Only the last
    document is kept: the pipeline runs its stages one document at a time."""
    return Tokens(text, [(start, len(text))])


# --------------------------------------------------------------------------- phrases

Step = str | frozenset[str] | int  # a word ("x*": a prefix), any of a set of words, a gap of up to N tokens
Phrase = str | Sequence[Step]


class LexiconError(ValueError):
    """A lexicon table the matcher could read two ways."""


def phrase_tokens(phrase: str) -> list[tuple[str, str, bool]]:
    """(joint before, token, is a prefix) for each token of a phrase written as a string."""
    out: list[tuple[str, str, bool]] = []
    position = 0
    text = phrase.replace("’", "'")
    for match in TOKEN.finditer(text):
        joint = GAP_IGNORED.sub("", text[position : match.start()]).replace("*", "")
        wildcard = text[match.end() : match.end() + 1] == "*"
        out.append((joint if out else "", match.group(), wildcard))
        position = match.end() + (1 if wildcard else 0)
    return out


def _steps(phrase: Phrase) -> list[tuple[str, str, object]]:
    """A phrase as trie steps: ("word", joint, form), ("words", joint, forms), ("prefix", joint,
    prefix) or ("gap", "", n). A set of one word is that word: the step is one string, not a
    set (entities' 45,000 spellings held a set per word while their trie was built: 10 MB)."""
    if isinstance(phrase, str):
        return [
            ("prefix", joint, token) if wildcard else ("word", joint, token) for joint, token, wildcard in phrase_tokens(phrase)
        ]
    steps: list[tuple[str, str, object]] = []
    for step in phrase:
        if isinstance(step, int):
            steps.append(("gap", "", step))
        elif isinstance(step, str):
            steps.append(("prefix", "", step[:-1]) if step.endswith("*") else ("word", "", step))
        elif len(step) == 1:
            steps.append(("word", "", next(iter(step))))
        else:
            steps.append(("words", "", frozenset(step)))
    return steps


def checked(where: str, table: Mapping[Label, Iterable[str]]) -> Mapping[Label, Iterable[str]]:
    """A table of labelled phrases, refused when a phrase is repeated or stands under two
    labels: a leftmost-longest matcher would silently keep one reading ("fighters",
    personnel and aircraft)."""
    seen: dict[tuple[tuple[str, str, bool], ...], Label] = {}
    problems = []
    for label, phrases in table.items():
        for phrase in phrases:
            key = tuple(phrase_tokens(phrase.lower()))
            first = seen.get(key)
            seen.setdefault(key, label)
            if first is not None:
                problems.append(
                    f"{phrase!r} is repeated under {label!r}"
                    if first == label
                    else f"{phrase!r} is under both {first!r} and {label!r}"
                )
    if problems:
        raise LexiconError(f"lexicon [{where}]: " + "; ".join(problems))
    return table


def phrase_regex(phrase: str) -> str:
    """A phrase as a regular expression (spaces between words, `’` for `'`, `‑` for `-`,
    `x*` a prefix), for the cues that are regular expressions around a phrase."""
    parts = []
    for word in phrase.split(" "):
        wildcard = word.endswith("*")
        word = word.rstrip("*")
        piece = re.escape(word).replace("'", "['’]").replace(r"\-", r"[-‑]")
        parts.append(piece + (r"\w*" if wildcard else ""))
    return r"\s+".join(parts)


class PhraseTable:
    """Phrases with labels, checked unless `check=False`; `find` gives every leftmost-longest,
    non-overlapping match in a text (string phrases are lower-cased: matching ignores case)."""

    def __init__(self, table: Mapping[Label, Iterable[Phrase]], where: str = "phrases", *, check: bool = True):
        if check:
            checked(where, table)  # type: ignore[arg-type]
        self.phrases: list[tuple[Phrase, Label]] = [
            (phrase.lower() if isinstance(phrase, str) else tuple(phrase), label)
            for label, phrases in table.items()
            for phrase in phrases
        ]
        self._scanner: PhraseScanner | None = None

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, Label]]:
        if self._scanner is None:
            self._scanner = PhraseScanner({"only": self})
        return self._scanner.scan(text, start, end)["only"]


_NO_ENDS: tuple[tuple[int, Label], ...] = ()
_NO_CHILDREN: dict[tuple[str, str, object], _Node] = {}
_NO_EXACT: dict[tuple[str, str], tuple[_Node, ...]] = {}
_NO_PREFIXED: list[tuple[str, str, _Node]] = []
_NO_GAPS: list[tuple[int, _Node]] = []


class _Node:
    """A trie node: the phrases that end here, and the steps that go on.

    A node starts with shared empty containers, replaced by its own on the first use: most
    nodes are leaves, and the entities' 45,000 spellings made 60,000 nodes of five empty
    containers each (about 20 MB)."""

    __slots__ = ("children", "ends", "exact", "gaps", "prefixed")

    def __init__(self) -> None:
        self.ends = _NO_ENDS  # (table number, label)
        self.children = _NO_CHILDREN  # step -> node: equal steps share it
        self.exact = _NO_EXACT  # (joint, form) -> nodes of the steps holding it
        self.prefixed = _NO_PREFIXED  # (joint, prefix, node): "détrui*"
        self.gaps = _NO_GAPS  # (up to N tokens skipped, node)

    def child(self, step: tuple[str, str, object]) -> _Node:
        node = self.children.get(step)
        if node is None:
            if self.children is _NO_CHILDREN:
                self.children = {}
            node = self.children[step] = _Node()
            kind, joint, value = step
            if kind == "gap":
                if self.gaps is _NO_GAPS:
                    self.gaps = []
                self.gaps.append((value, node))  # type: ignore[arg-type]
            elif kind == "prefix":
                if self.prefixed is _NO_PREFIXED:
                    self.prefixed = []
                self.prefixed.append((joint, value, node))  # type: ignore[arg-type]
            else:
                if self.exact is _NO_EXACT:
                    self.exact = {}
                for form in (value,) if kind == "word" else value:  # type: ignore[attr-defined]
                    # tuples, not lists: a list of one node took 88 bytes, 60,000 times for entities
                    self.exact[(joint, form)] = (*self.exact.get((joint, form), ()), node)
        return node

    def end(self, number: int, label: Label) -> None:
        if (number, label) not in self.ends:
            self.ends = (*self.ends, (number, label))


def _nodes(root: _Node) -> Iterable[_Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack += node.children.values()


class PhraseScanner:
    """Several phrase tables matched in one pass over a text's tokens, through one trie."""

    def __init__(self, tables: Mapping[str, PhraseTable]):
        self.names = list(tables)
        self.root = _Node()
        for number, name in enumerate(self.names):
            for phrase, label in tables[name].phrases:
                steps = _steps(phrase)
                if steps and steps[0][0] == "gap":
                    raise ValueError(f"phrase {phrase!r} starts with a gap")
                node = self.root
                for step in steps:
                    node = node.child(step)
                if node is not self.root:
                    node.end(number, label)
        self.first_prefixes: dict[str, list[tuple[str, _Node]]] = {}
        for _joint, prefix, node in self.root.prefixed:
            self.first_prefixes.setdefault(prefix[:3], []).append((prefix, node))
        self.first_tokens = frozenset(form for _joint, form in self.root.exact)
        self.words_only = not any(node.gaps or node.prefixed for node in _nodes(self.root))
        # The steps are built; what walks the trie is `exact`, `prefixed` and `gaps`: the
        # steps' own map (a tuple and a set per node) is let go (entities' 45,000 spellings: 15 MB).
        for node in list(_nodes(self.root)):
            node.children = _NO_CHILDREN

    # The first two steps are looked up at once: most first words are common ("de", "the"),
    # their pairs are not. `heads`: the first nodes that end a phrase, skip or take a prefix,
    # walked from the first word; `second`: the nodes after two words, for the first nodes that
    # only go on with a word. Made on the first `walk`: entities' `walk_words` needs neither
    # (on their 45,000 spellings, 10 MB).
    @cached_property
    def heads(self) -> dict[str, list[_Node]]:
        heads: dict[str, list[_Node]] = {}
        for (_joint, form), nodes in self.root.exact.items():
            for node in nodes:
                if node.ends or node.gaps or node.prefixed:
                    heads.setdefault(form, []).append(node)
        return heads

    @cached_property
    def second(self) -> dict[tuple[str, str, str], list[_Node]]:
        second: dict[tuple[str, str, str], list[_Node]] = {}
        for (_joint, form), nodes in self.root.exact.items():
            for node in nodes:
                if not (node.ends or node.gaps or node.prefixed):
                    for (joint, following), children in node.exact.items():
                        second.setdefault((form, joint, following), []).extend(children)
        return second

    @cached_property
    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset((form, following) for form, _joint, following in self.second)

    @cached_property
    def second_firsts(self) -> frozenset[str]:
        return frozenset(form for form, _joint, _following in self.second)

    @cached_property
    def paired_firsts(self) -> frozenset[str]:
        return self.second_firsts - frozenset(self.heads)

    def starts(self, tokens: Tokens) -> list[int]:
        """The indexes of the tokens that can start a phrase."""
        firsts, paired, pairs, prefixes = self.first_tokens, self.paired_firsts, self.pairs, self.first_prefixes
        forms = tokens.forms
        last = len(forms) - 1
        if prefixes:
            starts = [i for i, form in enumerate(forms) if form in firsts or form[:3] in prefixes]
        else:
            starts = [i for i, form in enumerate(forms) if form in firsts]
        return [
            i
            for i in starts
            if forms[i] not in paired
            or (i < last and (forms[i], forms[i + 1]) in pairs)
            or (prefixes and forms[i][:3] in prefixes)
        ]

    def walk(self, tokens: Tokens, index: int) -> list[tuple[int, Label, int]]:
        """(table number, label, end offset) of every phrase the text follows from token `index`."""
        # Once per candidate token: zip/repeat and loops rather than comprehensions (each a
        # call on Python 3.11), and a joint computed only for a word that a second one may
        # follow: claims' scan_tokens 738 -> 620 us a seed article (CPU).
        forms, ends, joints = tokens.forms, tokens.ends, tokens.joints
        count = len(forms)
        # Tokens without breaks, joints or a joint of their own (the document's, claims') never
        # break a gap: the gap's steps need not read the joint of each token they skip
        # (claims' scan_tokens 1,769 -> 1,399 us a seed article, 488 -> 375 a realdev one).
        unbroken = joints is None and tokens.breaks is None and type(tokens).joint is Tokens.joint
        word = forms[index]
        heads = self.heads.get(word)
        stack = list(zip(heads, repeat(index))) if heads is not None else []
        following = index + 1
        if following < count and word in self.second_firsts:
            between = joints[following] if joints is not None else tokens.joint(following)
            if between is not None:
                seconds = self.second.get((word, between, forms[following]))
                if seconds is not None:
                    stack += zip(seconds, repeat(following))
        if self.first_prefixes:
            for prefix, prefixed_node in self.first_prefixes.get(word[:3], ()):
                if word.startswith(prefix):
                    stack.append((prefixed_node, index))
        found = []
        while stack:
            node, last = stack.pop()
            for number, label in node.ends:
                found.append((number, label, ends[last]))
            for most, child in node.gaps:
                for skip in range(most + 1):
                    if skip and (last + skip >= count or (not unbroken and tokens.joint(last + skip) is None)):
                        break
                    stack.append((child, last + skip))
            following = last + 1
            if following >= count or not (node.exact or node.prefixed):
                continue
            between = joints[following] if joints is not None else tokens.joint(following)
            if between is None:
                continue
            nxt = forms[following]
            children = node.exact.get((between, nxt))
            if children is not None:
                stack += zip(children, repeat(following))
            for needed, prefix, child in node.prefixed:
                if needed == between and nxt.startswith(prefix):
                    stack.append((child, following))
        return found

    def walk_words(self, tokens: Tokens, index: int) -> list[tuple[int, tuple[tuple[int, Label], ...]]]:
        """(end offset, [(table number, label), ...]) of the phrases the text follows from token
        `index`, shortest first, for a scanner whose phrases are words and sets of words only
        (entities' names): a walk without a stack, one token at a time (the general `walk`
        cost 1.5 us a start, a third of entities' matching)."""
        if not self.words_only:
            raise ValueError("walk_words is for phrases of words only")
        forms, ends, joints = tokens.forms, tokens.ends, tokens.joints
        count = len(forms)
        found = []
        nodes: Sequence[_Node] | None = self.root.exact.get(("", forms[index]))
        while nodes:
            for node in nodes:
                if node.ends:
                    found.append((ends[index], node.ends))
            index += 1
            if index >= count:
                break
            between = joints[index] if joints is not None else tokens.joint(index)
            if between is None:
                break
            following = (between, forms[index])
            nodes = [child for node in nodes if node.exact for child in node.exact.get(following, ())]
        return found

    def scan(self, text: str, start: int, end: int) -> dict[str, list[tuple[int, int, Label]]]:
        """Per table, the leftmost-longest non-overlapping (start, end, label) matches in
        text[start:end], tokenised by `TOKEN`, case-insensitive, punctuation the phrases'."""
        return self.scan_tokens(Tokens(text, [(start, end)]))

    def scan_tokens(self, tokens: Tokens) -> dict[str, list[tuple[int, int, Label]]]:
        found: list[list[tuple[int, int, Label]]] = [[] for _ in self.names]
        taken_until = [-1] * len(self.names)
        for index in self.starts(tokens):
            best: dict[int, tuple[int, Label]] = {}
            for number, label, stop in self.walk(tokens, index):
                if number not in best or stop > best[number][0]:
                    best[number] = (stop, label)
            at = tokens.starts[index]
            for number, (stop, label) in best.items():
                if at >= taken_until[number]:
                    found[number].append((at, stop, label))
                    taken_until[number] = stop
        return dict(zip(self.names, found, strict=True))

    def matches(self, tokens: Tokens, starts: Iterable[int] | None = None) -> list[tuple[int, int, Label]]:
        """At each start token (every one that can start a phrase, or `starts`), the longest
        (start, end, label) match of each label, overlapping ones included; by start."""
        out: list[tuple[int, int, Label]] = []
        for index in self.starts(tokens) if starts is None else starts:
            longest: dict[Label, int] = {}
            for _number, label, stop in self.walk(tokens, index):
                if stop > longest.get(label, -1):
                    longest[label] = stop
            at = tokens.starts[index]
            out += [(at, stop, label) for label, stop in longest.items()]
        return out
