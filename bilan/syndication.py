"""Syndication: the same wire story or its translation printed by several outlets.

Each stored document carries two MinHash signatures, computed where it is analysed:

- over word shingles of its prose (marks set aside by cleaning are left out, so that an
  outlet's own cookie banner or navigation does not make its articles look alike): finds
  relayed copies in the same language, even when an outlet rewrote the lead, cut
  paragraphs or added its own;
- over the sequence of figures it prints (pairs of consecutive numbers written in digits,
  whatever the language's digit grouping): a translation keeps the figures and their
  order when every word changes. Used only across languages and for documents of similar
  length, because two different articles in one language often quote the same tallies.

`update_clusters` groups documents linked by either signature into clusters (connected
components) and stores them in the `clusters` table, the earliest dated document first.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

# 128 permutations: the Jaccard estimate's standard error is about 0.04 near 0.5, small
# beside the gap between relayed copies and unrelated articles measured below.
NUM_PERM = 128
# Five-word shingles: one-word or two-word shingles are shared by any two articles on the
# war ("des soldats russes"); five words rarely are unless the text was copied.
WORD_SHINGLE = 5
# Calibrated in tests/test_syndication.py on the 5 seeds and the 32 development articles
# (examples/articles): relayed copies with a new byline score 0.99-1.0 against their
# original (exact Jaccard); heavy relays (a new lead, every third paragraph cut, a "read
# also" line) 0.33-0.62, median 0.48; the 666 pairs of distinct articles at most 0.055
# (two General Staff bulletins sharing their template). 0.2 sits between the two, clear of
# the MinHash error (about 0.035 at 128 permutations).
WORD_THRESHOLD = 0.2
# Translations: pairs of consecutive figures. The French translation written for the
# tests scores 1.0 against its English original; distinct articles at most 0.11 (0.048
# among the development articles), while a same-language analysis quoting every figure of
# a wire in order scores 1.0 too: hence numbers link only across languages. 0.5 lets a
# translation write a third of its figures in words or round them.
NUMBER_THRESHOLD = 0.5
# A document needs this many pairs of figures for the numbers to say anything.
MIN_NUMBER_PAIRS = 4
# A document this close to one already indexed is not indexed itself: the LSH buckets of
# a wire story copied 300 times stay small. Jaccard distance is a metric, so a document
# at 0.3 or more from it is at 0.2 or more from its twin: only links between 0.2 and 0.3
# to the copy itself can be missed.
NEAR_DUPLICATE = 0.9
# A translation is about as long as its original (French runs 10-25% longer than English).
MAX_LENGTH_RATIO = 1.6

_WORD = re.compile(r"\w+", re.UNICODE)
# A number written in digits, with digit grouping by spaces (incl. no-break and narrow
# no-break spaces), commas or dots, and an optional decimal part.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?!\d)")


@dataclass
class Signatures:
    words: bytes | None
    numbers: bytes | None
    length: int


def prose(text: str, body_start: int, set_aside: Iterable[tuple[int, int]]) -> str:
    """The text from `body_start` with the spans set aside replaced by a paragraph break."""
    pieces: list[str] = []
    position = body_start
    for start, end in sorted(set_aside):
        if end <= position:
            continue
        if start > position:
            pieces.append(text[position:start])
        position = max(position, end)
        pieces.append("\n")
    pieces.append(text[position:])
    return "".join(pieces)


def word_shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + WORD_SHINGLE]).encode() for i in range(len(words) - WORD_SHINGLE + 1)}


def figures(text: str) -> list[str]:
    """The numbers written in digits, normalised so that "105 960" and "105,960" agree."""
    out = []
    for match in _NUMBER.finditer(text):
        raw = match.group()
        if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+", raw):
            out.append(re.sub(r"\D", "", raw))
        else:
            out.append(raw.replace(",", "."))
    return out


def number_shingles(text: str) -> set[bytes]:
    numbers = figures(text)
    return {f"{a}|{b}".encode() for a, b in pairwise(numbers)}


# datasketch's "affine32" scheme keeps the hash values as uint32: 512 bytes a signature.
SCHEME = "affine32"
_template: MinHash | None = None


def _permutations() -> Any:
    global _template
    if _template is None:
        _template = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    return _template.permutations


def _minhash(shingles: set[bytes]) -> MinHash:
    # The permutations (seed 1) are drawn once and shared: drawing them took 1 ms a call.
    # CRC-32 hashes a shingle ~5x faster than datasketch's default SHA-1, is stable across
    # processes (unlike hash()), and the affine32 scheme mixes it before permuting.
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=zlib.crc32, permutations=_permutations())
    minhash.update_batch(list(shingles))
    return minhash


def signatures(text: str) -> Signatures:
    """Both signatures of a document's prose (see `prose`); None where it is too short."""
    words = word_shingles(text)
    numbers = number_shingles(text)
    return Signatures(
        words=_pack(_minhash(words)) if words else None,
        numbers=_pack(_minhash(numbers)) if len(numbers) >= MIN_NUMBER_PAIRS else None,
        length=len(text),
    )


def _pack(minhash: MinHash) -> bytes:
    return minhash.hashvalues.astype(np.uint32).tobytes()


def _unpack(data: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint32), scheme=SCHEME, permutations=_permutations()
    )


@dataclass
class Member:
    id: str
    date: str | None
    lang: str | None
    length: int
    words: bytes | None
    numbers: bytes | None


@dataclass
class Link:
    a: str
    b: str
    similarity: float
    method: str  # "words" or "numbers"


@cache
def _bands(threshold: float) -> tuple[int, int]:
    # datasketch picks (bands, rows) by numerical integration: 0.3 s, so once per threshold.
    index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return index.b, index.r


def _index(threshold: float) -> MinHashLSH:
    return MinHashLSH(num_perm=NUM_PERM, params=_bands(threshold))


class Components:
    """Union-find over document ids: which documents are already in one cluster, and in
    which languages a cluster's figures are already indexed."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}
        self.indexed: dict[str, set[str | None]] = {}

    def root(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        old, new = self.root(a), self.root(b)
        if old != new:
            self.parent[old] = new
            self.indexed.setdefault(new, set()).update(self.indexed.pop(old, set()))


def find_links(members: Sequence[Member]) -> tuple[list[Link], Components]:
    """Pairs of near-duplicates and the clusters they make: LSH proposes candidates, the
    estimated Jaccard confirms them.

    Linked documents are joined as they are found and a candidate already in the member's
    cluster is not compared again; a near-duplicate of an indexed document is not indexed
    itself. Figures link translations only: each cluster's figures are indexed once per
    language, and a document looks in the other languages' indexes. So a wire story
    relayed by 300 outlets costs about 300 comparisons, not 45,000.
    """
    links: list[Link] = []
    components = Components(m.id for m in members)
    by_id = {m.id: m for m in members}
    hashes: dict[tuple[str, str], MinHash] = {}
    words = _index(WORD_THRESHOLD)
    figures_by_language: dict[str | None, MinHashLSH] = {}

    def link(member: Member, other: str, score: float, method: str) -> None:
        links.append(Link(other, member.id, score, method))
        components.join(other, member.id)

    for member in members:
        if member.words is None:
            continue
        minhash = _unpack(member.words)
        twin = False
        for other in words.query(minhash):
            joined = components.root(other) == components.root(member.id)
            if joined and twin:
                continue
            score = float(minhash.jaccard(hashes["words", other]))
            twin = twin or score >= NEAR_DUPLICATE
            if not joined and score >= WORD_THRESHOLD:
                link(member, other, score, "words")
        if not twin:
            words.insert(member.id, minhash)
            hashes["words", member.id] = minhash
    for member in members:
        if member.numbers is None:
            continue
        minhash = _unpack(member.numbers)
        for lang, index in figures_by_language.items():
            if lang == member.lang:
                continue
            for other in index.query(minhash):
                if components.root(other) == components.root(member.id):
                    continue
                score = float(minhash.jaccard(hashes["numbers", other]))
                if score >= NUMBER_THRESHOLD and _translation_pair(member, by_id[other]):
                    link(member, other, score, "numbers")
        indexed = components.indexed.setdefault(components.root(member.id), set())
        if member.lang not in indexed:
            indexed.add(member.lang)
            if member.lang not in figures_by_language:
                figures_by_language[member.lang] = _index(NUMBER_THRESHOLD)
            figures_by_language[member.lang].insert(member.id, minhash)
            hashes["numbers", member.id] = minhash
    return links, components


def _translation_pair(a: Member, b: Member) -> bool:
    if not a.lang or not b.lang or a.lang == b.lang:
        return False
    longer, shorter = max(a.length, b.length), max(1, min(a.length, b.length))
    return longer / shorter <= MAX_LENGTH_RATIO


@dataclass
class ClusterRow:
    doc_id: str
    cluster_id: str
    first: bool
    similarity: float
    method: str


def cluster(members: Sequence[Member]) -> list[ClusterRow]:
    """Connected components of the links; a cluster is named after its earliest document.

    Documents are ordered by date (undated last, then by id so the result is stable); a
    month-only date sorts before the days of that month, so "first" is the first known.
    """
    links, components = find_links(members)
    best: dict[str, tuple[float, str]] = {}  # a document's best link found
    for link in links:
        for node in (link.a, link.b):
            if link.similarity > best.get(node, (-1.0, ""))[0]:
                best[node] = (link.similarity, link.method)
    groups: dict[str, list[Member]] = {}
    for member in members:
        if member.id in best:
            groups.setdefault(components.root(member.id), []).append(member)
    rows: list[ClusterRow] = []
    for group in groups.values():
        group.sort(key=lambda m: (m.date is None, m.date or "", m.id))
        head = group[0].id
        for i, member in enumerate(group):
            score, method = best[member.id]
            rows.append(ClusterRow(member.id, head, i == 0, score, method))
    return rows
