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
from itertools import pairwise

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


def _minhash(shingles: set[bytes]) -> MinHash:
    # The permutations (seed 1) are drawn once and shared: drawing them took 1 ms a call.
    # CRC-32 hashes a shingle ~5x faster than datasketch's default SHA-1, is stable across
    # processes (unlike hash()), and the affine32 scheme mixes it before permuting.
    global _template
    if _template is None:
        _template = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=zlib.crc32, permutations=_template.permutations)
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
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(data, dtype=np.uint32), scheme=SCHEME)


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity estimated from two packed signatures."""
    return float(_unpack(a).jaccard(_unpack(b)))


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


def find_links(members: Sequence[Member]) -> list[Link]:
    """Pairs of near-duplicates: LSH proposes candidates, the estimated Jaccard confirms them."""
    links: list[Link] = []
    by_id = {m.id: m for m in members}
    for method, threshold in (("words", WORD_THRESHOLD), ("numbers", NUMBER_THRESHOLD)):
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        hashes: dict[str, MinHash] = {}
        for member in members:
            data = getattr(member, method)
            if data is None:
                continue
            minhash = _unpack(data)
            for other in lsh.query(minhash):
                score = float(minhash.jaccard(hashes[other]))
                if score >= threshold and (method == "words" or _translation_pair(member, by_id[other])):
                    links.append(Link(other, member.id, score, method))
            lsh.insert(member.id, minhash)
            hashes[member.id] = minhash
    return links


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
    parent = {m.id: m.id for m in members}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[str, tuple[float, str]] = {}
    for link in find_links(members):
        parent[root(link.a)] = root(link.b)
        for node in (link.a, link.b):
            if link.similarity > best.get(node, (-1.0, ""))[0]:
                best[node] = (link.similarity, link.method)
    groups: dict[str, list[Member]] = {}
    for member in members:
        if member.id in best:
            groups.setdefault(root(member.id), []).append(member)
    rows: list[ClusterRow] = []
    for group in groups.values():
        group.sort(key=lambda m: (m.date is None, m.date or "", m.id))
        head = group[0].id
        for i, member in enumerate(group):
            score, method = best[member.id]
            rows.append(ClusterRow(member.id, head, i == 0, score, method))
    return rows
