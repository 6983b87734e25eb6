"""Integrity of bilan's own development set (`examples/`).

The gold of `examples/gold.jsonl` is written by hand; these checks catch the slips a hand
makes: an offset that no longer points at its evidence, a value outside the contract of
`../shared/CLAIMS.md`, a figure that the evidence does not print, a claim on a verbatim
repeat or inside the metadata, a set that no longer covers every category. They test the
data, not bilan: nothing here runs the extractor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from gold_checks import check_contract, check_not_on_a_repeat, check_offsets, check_value_printed

QUALIFIERS = {"exact", "more_than", "at_least", "about", "nearly", "up_to", "range"}
LOSS_CATEGORIES = {
    "personnel_killed",
    "personnel_wounded",
    "personnel_casualties",
    "personnel_captured",
    "tanks",
    "armoured_vehicles",
    "tanks_and_armoured_vehicles",
    "artillery",
    "mlrs",
    "air_defense",
    "aircraft",
    "helicopters",
    "aircraft_and_helicopters",
    "drones",
    "cruise_missiles",
    "ships",
    "submarines",
    "vehicles_fuel_tanks",
    "special_equipment",
    "ground_robotic_systems",
}
SIDES = {"russia", "ukraine", "other"}
SCOPES = {"cumulative", "period", "event"}
PERIODS = {"day", "week", "month", "year"}
SOURCES = {
    "ukraine_general_staff",
    "ukraine_mod",
    "ukraine_other",
    "russia_mod",
    "russia_other",
    "uk_mod",
    "us_officials",
    "oryx",
    "media_estimate",
    "unattributed",
    "other",
}
GOLD_KEYS = {
    "doc",
    "value",
    "value_max",
    "qualifier",
    "category",
    "side",
    "scope",
    "period",
    "as_of",
    "source",
    "evidence",
    "start",
    "end",
}

# Numbers written in words, as the evidence of the set prints them.
NUMBER_WORDS = {
    "un": 1,
    "une": 1,
    "one": 1,
    "deux": 2,
    "two": 2,
    "trois": 3,
    "three": 3,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "neuf": 9,
    "nine": 9,
    "dozen": 12,
    "millier": 1_000,
    "vingt mille": 20_000,
    "million": 1_000_000,
}
# Thousands separators: space, no-break space, narrow no-break space, comma, dot.
DIGITS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?![\d])|\d+(?:[,.]\d+)?")
MILLION = re.compile(r"(\d+(?:[,.]\d+)?)\s+million", re.IGNORECASE)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _load_gold() -> list[dict]:
    with (EXAMPLES / "gold.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _load_corpus() -> dict[str, dict]:
    with (EXAMPLES / "corpus.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return {record["id"]: record for record in records}


def _document_texts() -> dict[str, str]:
    """Every document of the set, as decoded, by id (file stem or corpus id)."""
    texts = {path.stem: path.read_bytes().decode("utf-8") for path in sorted((EXAMPLES / "articles").glob("*.txt"))}
    texts.update({doc_id: record["text"] for doc_id, record in _load_corpus().items()})
    return texts


def _body_start(text: str) -> int:
    """Offset where the prose begins, after any of the three metadata forms of CLAIMS.md."""
    if text.startswith("---\n"):
        return text.index("\n---\n", 4) + len("\n---\n")
    first_line = text.split("\n", 1)[0]
    if re.match(r" ?date \d{4}-\d{2}(-\d{2})? ", first_line):
        return len(first_line) + 1  # the title shares the line with the date
    if re.match(r"(url|date|lang|title|outlet): ", first_line):
        return text.index("\n\n") + 2
    return 0


def _numbers_in(evidence: str) -> set[int]:
    """The values the evidence prints, in figures or in words."""
    values: set[int] = set()
    lowered = evidence.lower()
    for match in MILLION.finditer(evidence):
        values.add(round(float(match.group(1).replace(",", ".")) * 1_000_000))
    for match in DIGITS.finditer(evidence):
        token = match.group()
        if re.fullmatch(r"\d+[,.]\d{1,2}", token):
            continue  # a decimal such as "1,4" only counts before "million"
        values.add(int(re.sub(r"\D", "", token)))
    for word, value in NUMBER_WORDS.items():
        if re.search(rf"(?<![\w-]){word}(?![\w-])", lowered):
            values.add(value)
    return values


GOLD = _load_gold()
TEXTS = _document_texts()


def _claim_id(claim: dict) -> str:
    return f"{claim['doc']}:{claim['start']}"


def test_the_set_has_enough_articles_in_both_languages() -> None:
    articles = sorted((EXAMPLES / "articles").glob("*.txt"))
    languages = Counter(path.name.split("_", 1)[0] for path in articles)
    assert len(articles) >= 32
    assert languages["fr"] >= 20 and languages["en"] >= 12
    for path in articles:
        words = len(path.read_text(encoding="utf-8").split())
        assert 150 <= words <= 450, f"{path.name}: {words} words"


def test_declared_language_agrees_with_the_file_name() -> None:
    for doc_id, text in TEXTS.items():
        declared = re.search(r"^lang: (\w+)$", text[: _body_start(text)], re.MULTILINE)
        if declared:
            assert doc_id.startswith(declared.group(1) + "_"), doc_id


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_gold_line_follows_the_contract(claim: dict) -> None:
    check_contract(claim, GOLD_KEYS)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_offsets_return_the_evidence(claim: dict) -> None:
    check_offsets(claim, TEXTS, _body_start)


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_evidence_prints_the_value(claim: dict) -> None:
    check_value_printed(claim, _numbers_in(claim["evidence"]))


@pytest.mark.parametrize("claim", GOLD, ids=_claim_id)
def test_no_claim_on_a_verbatim_repeat(claim: dict) -> None:
    """A paragraph repeated word for word is annotated at its first occurrence only."""
    check_not_on_a_repeat(claim, TEXTS)


def test_no_claim_is_annotated_twice() -> None:
    keys = Counter((c["doc"], c["start"], c["end"], c["value"]) for c in GOLD)
    assert [key for key, count in keys.items() if count > 1] == []


def test_gold_covers_every_value_of_the_contract() -> None:
    assert {c["category"] for c in GOLD} == LOSS_CATEGORIES
    assert {c["qualifier"] for c in GOLD} == QUALIFIERS
    assert {c["scope"] for c in GOLD} == SCOPES
    assert {c["period"] for c in GOLD} - {None} == PERIODS
    assert {c["side"] for c in GOLD} == SIDES
    assert {c["source"] for c in GOLD} == SOURCES
    for language in ("fr", "en"):
        in_language = [c for c in GOLD if c["doc"].startswith(language + "_")]
        assert {c["scope"] for c in in_language} == SCOPES
        assert {c["side"] for c in in_language} == SIDES
    assert len(GOLD) >= 250


def test_every_document_with_prose_claims_has_gold() -> None:
    annotated = {c["doc"] for c in GOLD}
    assert annotated == set(TEXTS)


def test_html_pages_are_whole_news_pages_without_gold_lines() -> None:
    pages = sorted((EXAMPLES / "articles").glob("*.html"))
    assert len(pages) >= 2
    annotated = {c["doc"] for c in GOLD}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag in ("<nav", "<header", "<footer", "<aside", "<script", "<article>"):
            assert tag in html, f"{page.name} lacks {tag}"
        assert page.stem not in annotated


def test_corpus_records_have_the_reader_fields() -> None:
    records = _load_corpus()
    assert len(records) == 3
    for record in records.values():
        assert set(record) == {"id", "text", "date", "url", "title", "lang", "outlet"}


def test_articles_share_no_sentence_with_the_seeds(seeds_dir: Path) -> None:
    """The set is written fresh: no run of ten words is taken from a seed article."""

    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 10]) for i in range(len(words) - 9)}

    seed_shingles: set[tuple[str, ...]] = set()
    for seed in seeds_dir.glob("*.txt"):
        seed_shingles |= shingles(seed.read_text(encoding="utf-8"))
    for doc_id, text in TEXTS.items():
        assert not shingles(text) & seed_shingles, doc_id
