"""Integrity of the held-out evaluation set (`examples/heldout/`).

The held-out gold is written by hand and never used for tuning. These checks catch the slips
a hand makes in it: an offset that does not point at its evidence, a value outside the contract
of `../shared/CLAIMS.md`, a document id with no article, an evidence that does not print its
value. They test the data, not bilan: nothing here runs the extractor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from gold_checks import check_contract, check_offsets, check_value_printed

from test_examples import (
    GOLD_KEYS,
    _body_start,
    _numbers_in,
)

HELDOUT = Path(__file__).resolve().parents[1] / "examples" / "heldout"

# Number words the held-out evidence prints beyond those of the development set.
EXTRA_NUMBER_WORDS = {"quatre": 4, "four": 4, "cinq": 5, "five": 5}


def _load_gold() -> list[dict]:
    with (HELDOUT / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _article_texts() -> dict[str, str]:
    return {path.stem: path.read_bytes().decode("utf-8") for path in sorted((HELDOUT / "articles").glob("*.txt"))}


GOLD = _load_gold()
TEXTS = _article_texts()


def _claim_id(claim: dict) -> str:
    return f"{claim['doc']}:{claim['start']}-{claim['end']}"


def _printed_values(evidence: str) -> set[int]:
    values = _numbers_in(evidence)
    lowered = evidence.lower()
    for word, value in EXTRA_NUMBER_WORDS.items():
        if re.search(rf"(?<![\w-]){word}(?![\w-])", lowered):
            values.add(value)
    return values


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_gold_line_follows_the_contract(claim: dict) -> None:
    check_contract(claim, GOLD_KEYS)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_offsets_return_the_evidence_outside_the_metadata(claim: dict) -> None:
    check_offsets(claim, TEXTS, _body_start)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_evidence_prints_the_value(claim: dict) -> None:
    check_value_printed(claim, _printed_values(claim["evidence"]))


def test_every_article_has_gold_and_no_claim_is_annotated_twice() -> None:
    assert sorted({claim["doc"] for claim in GOLD}) == sorted(TEXTS)
    keys = Counter((c["doc"], c["start"], c["end"], c["value"]) for c in GOLD)
    assert [key for key, count in keys.items() if count > 1] == []


def test_the_set_is_sixteen_articles_nine_french_seven_english() -> None:
    languages = Counter(doc_id.split("_", 1)[0] for doc_id in TEXTS)
    assert languages == {"fr": 9, "en": 7}
