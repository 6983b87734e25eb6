"""Integrity of the blind evaluation set (`examples/blind/`).

The blind gold is written by hand, scored once at the end of a development round and never
tuned on. These checks catch the slips a hand makes in it: an offset that does not point at its
evidence, a value outside the contract of `../shared/CLAIMS.md`, a document id with no article,
an evidence that does not print its value, a claim on a verbatim repeat, prose taken from
another set. They test the data, not bilan: nothing here runs the extractor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from gold_checks import check_contract, check_not_on_a_repeat, check_offsets, check_value_printed
from test_examples import (
    EXAMPLES,
    GOLD_KEYS,
    LOSS_CATEGORIES,
    PERIODS,
    QUALIFIERS,
    SCOPES,
    SIDES,
    SOURCES,
    _body_start,
    _numbers_in,
)

BLIND = EXAMPLES / "blind"

# Number words the blind evidence prints beyond those of the development set.
EXTRA_NUMBER_WORDS = {"four": 4, "douze": 12, "mille": 1_000}


def _load_gold() -> list[dict]:
    with (BLIND / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _article_texts(folder: Path) -> dict[str, str]:
    return {path.stem: path.read_bytes().decode("utf-8") for path in sorted((folder / "articles").glob("*.txt"))}


GOLD = _load_gold()
TEXTS = _article_texts(BLIND)


def _claim_id(claim: dict) -> str:
    return f"{claim['doc']}:{claim['start']}-{claim['end']}"


def _printed_values(evidence: str) -> set[int]:
    values = _numbers_in(evidence)
    lowered = evidence.lower()
    for word, value in EXTRA_NUMBER_WORDS.items():
        if re.search(rf"(?<![\w-]){word}(?![\w-])", lowered):
            values.add(value)
    return values


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 10]) for i in range(len(words) - 9)}


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_gold_line_follows_the_contract(claim: dict) -> None:
    check_contract(claim, GOLD_KEYS)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_offsets_return_the_evidence_outside_the_metadata(claim: dict) -> None:
    check_offsets(claim, TEXTS, _body_start)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_evidence_prints_the_value(claim: dict) -> None:
    check_value_printed(claim, _printed_values(claim["evidence"]))


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_no_claim_on_a_verbatim_repeat(claim: dict) -> None:
    """A paragraph repeated word for word is annotated at its first occurrence only."""
    check_not_on_a_repeat(claim, TEXTS)


def test_every_article_has_gold_and_no_claim_is_annotated_twice() -> None:
    assert sorted({claim["doc"] for claim in GOLD}) == sorted(TEXTS)
    keys = Counter((c["doc"], c["start"], c["end"], c["value"]) for c in GOLD)
    assert [key for key, count in keys.items() if count > 1] == []


def test_the_set_is_sixteen_short_articles_eight_french_eight_english() -> None:
    languages = Counter(doc_id.split("_", 1)[0] for doc_id in TEXTS)
    assert languages == {"fr": 8, "en": 8}
    for doc_id, text in TEXTS.items():
        words = len(text.split())
        assert 200 <= words <= 400, f"{doc_id}: {words} words"
        declared = re.search(r"^lang: (\w+)$", text[: _body_start(text)], re.MULTILINE)
        if declared:
            assert doc_id.startswith(declared.group(1) + "_"), doc_id


def test_the_gold_covers_every_loss_category_qualifier_scope_period_side_and_source() -> None:
    assert {c["category"] for c in GOLD} == LOSS_CATEGORIES
    assert {c["qualifier"] for c in GOLD} == QUALIFIERS
    assert {c["scope"] for c in GOLD} == SCOPES
    assert {c["period"] for c in GOLD} - {None} == PERIODS
    assert {c["side"] for c in GOLD} == SIDES
    assert {c["source"] for c in GOLD} == SOURCES


def test_articles_share_no_run_of_ten_words_with_the_other_sets(seeds_dir: Path) -> None:
    """The set is written fresh: nothing is taken from the seeds, the development or held-out set."""
    other_texts = [path.read_text(encoding="utf-8") for path in seeds_dir.glob("*.txt")]
    other_texts += _article_texts(EXAMPLES).values()
    other_texts += _article_texts(EXAMPLES / "heldout").values()
    taken: set[tuple[str, ...]] = set()
    for text in other_texts:
        taken |= _shingles(text)
    for doc_id, text in TEXTS.items():
        shared = _shingles(text) & taken
        assert not shared, (doc_id, sorted(shared)[:3])
