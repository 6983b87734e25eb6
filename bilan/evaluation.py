"""Scoring bilan's claims against hand-annotated gold (`bilan eval`).

A gold line is a claim of CLAIMS.md plus `doc` (the document id), `evidence`, `start` and
`end`, as in `shared/seeds/gold.jsonl`. A predicted claim matches a gold claim of the same
document when the values are equal and the evidence spans overlap, one to one.

- detection: precision, recall, F1 of those matches;
- typed: the same, where a match also needs the coarse category (every `personnel_*` as
  one) and the side to be equal;
- fields: on the detection matches, the share where each field agrees (`as_of` to the month).

Gold lines with a `kind` (`entities`, `rhetoric`, ...) go to the scorer registered under
that kind through `bilan.hooks.scorer`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilan import hooks
from bilan.model import Analysis, BilanError, Claim

FIELDS = ("category", "side", "qualifier", "scope", "period", "source", "as_of")


@dataclass
class Scores:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "true_positives": self.true_positives, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Evaluation:
    detection: Scores
    typed: Scores
    fields: dict[str, float]
    field_errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    other: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "detection": self.detection.to_dict(),
            "typed": self.typed.to_dict(),
            "fields": {k: round(v, 4) for k, v in self.fields.items()},
            "field_errors": self.field_errors,
            "misses": self.misses,
            "extras": self.extras,
            **self.other,
        }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold lines of a JSONL file; a malformed line is an error naming it."""
    lines = []
    try:
        handle = open(path, encoding="utf-8")
    except OSError as problem:
        raise BilanError(f"{path}: cannot read the gold file ({problem.strerror})") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as problem:
                raise BilanError(f"{path}:{number}: not JSON ({problem.msg})") from None
            if not isinstance(item, dict) or "doc" not in item:
                raise BilanError(f"{path}:{number}: a gold line is an object with a `doc` field")
            lines.append(item)
    return lines


def coarse(category: str | None) -> str | None:
    return "personnel" if category and category.startswith("personnel") else category


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def _same_field(name: str, gold: dict[str, Any], claim: Claim) -> bool:
    predicted = getattr(claim, name)
    expected = gold.get(name)
    if name == "as_of":
        return (predicted or "")[:7] == (expected or "")[:7]
    return predicted == expected


def _match(gold: list[dict[str, Any]], predicted: list[Claim], typed: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), largest overlap first."""
    candidates = []
    for g, item in enumerate(gold):
        for p, claim in enumerate(predicted):
            if claim.value != item.get("value"):
                continue
            overlap = _overlap(item["start"], item["end"], claim.start, claim.end)
            if overlap <= 0:
                continue
            if typed and (coarse(claim.category) != coarse(item.get("category")) or claim.side != item.get("side")):
                continue
            agreement = sum(_same_field(name, item, claim) for name in FIELDS)
            candidates.append((agreement, overlap, g, p))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _agreement, _overlap_size, g, p in sorted(candidates, reverse=True):
        if g in used_gold or p in used_predicted:
            continue
        used_gold.add(g)
        used_predicted.add(p)
        pairs.append((g, p))
    return pairs


def evaluate(gold_lines: Iterable[dict[str, Any]], analyses: Iterable[Analysis]) -> Evaluation:
    """Score the analyses' claims against gold claims, and other gold kinds with their scorers."""
    analyses = list(analyses)
    by_doc = {analysis.document.id: analysis for analysis in analyses}
    claim_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    other_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold_lines:
        (other_gold[line["kind"]] if line.get("kind") else claim_gold[line["doc"]]).append(line)

    detected = typed = predicted_total = gold_total = 0
    agree = dict.fromkeys(FIELDS, 0)
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    misses: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    scored_docs = set(claim_gold) | ({d for d in by_doc} if claim_gold else set())
    for doc in sorted(scored_docs):
        gold = claim_gold.get(doc, [])
        predicted = by_doc[doc].claims if doc in by_doc else []
        gold_total += len(gold)
        predicted_total += len(predicted)
        pairs = _match(gold, predicted, typed=False)
        detected += len(pairs)
        typed += len(_match(gold, predicted, typed=True))
        for g, p in pairs:
            for name in FIELDS:
                if _same_field(name, gold[g], predicted[p]):
                    agree[name] += 1
                else:
                    errors[name].append({"doc": doc, "value": gold[g]["value"], "evidence": gold[g].get("evidence"),
                                         "gold": gold[g].get(name), "predicted": getattr(predicted[p], name)})
        matched_gold = {g for g, _ in pairs}
        matched_predicted = {p for _, p in pairs}
        misses += [{"doc": doc, **{k: gold[g].get(k) for k in ("value", "category", "evidence", "start", "end")}}
                   for g in range(len(gold)) if g not in matched_gold]
        extras += [{"doc": doc, "value": predicted[p].value, "category": predicted[p].category,
                    "evidence": predicted[p].text, "start": predicted[p].start, "end": predicted[p].end}
                   for p in range(len(predicted)) if p not in matched_predicted]
    fields = {name: (agree[name] / detected if detected else 1.0) for name in FIELDS}
    other: dict[str, Any] = {}
    if other_gold:
        hooks.load_plugins()
        for kind, lines in other_gold.items():
            scorer = hooks.scorers.get(kind)
            if scorer is None:
                raise BilanError(f"gold lines of kind {kind!r} have no scorer; known kinds: {', '.join(sorted(hooks.scorers)) or 'none'}")
            other[kind] = scorer(lines, analyses)
    return Evaluation(
        detection=Scores(detected, predicted_total, gold_total),
        typed=Scores(typed, predicted_total, gold_total),
        fields=fields,
        field_errors=dict(errors),
        misses=misses,
        extras=extras,
        other=other,
    )
