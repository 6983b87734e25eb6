"""Scoring bilan's claims against hand-annotated gold (`bilan eval`).

A gold line is a claim of CLAIMS.md plus `doc` (the document id), `evidence`, `start` and
`end`, as in `shared/seeds/gold.jsonl`. A predicted claim matches a gold claim of the same
document when the values are equal and the evidence spans overlap, one to one.

- detection: precision, recall, F1 of those matches;
- typed: the same, where a match also needs the coarse category (every `personnel_*` as
  one) and the side to be equal;
- fields: on the detection matches, the share where each field agrees (`as_of` to the month).

Gold lines with a `kind` (`entities`, `rhetoric`, ...) go to the scorer registered under
that kind through `bilan.hooks.scorer`. A gold line without `start`/`end` is placed where its
`evidence` occurs in the article.

Verdicts (`gold verdicts`: `doc`, `evidence`, `value`, `verdict`, `record_date`,
`record_date_alt`, as in `shared/realdev/*/gold_verdicts.jsonl`) are scored two ways:
`score_verdicts` on the claims bilan found (accuracy on matched claims, end to end: found
and right over all gold), and `check_gold_claims` on the gold claims' own fields, so that
the checker is measured apart from extraction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilan import hooks
from bilan.model import VERDICTS, Analysis, BilanError, Claim, Document

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
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Evaluation:
    detection: Scores
    typed: Scores
    fields: dict[str, float]
    field_errors: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    other: dict[str, Any] = field(default_factory=dict)
    # field -> rule -> [right, decided]: how often each rule that decided a field was right
    by_rule: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "detection": self.detection.to_dict(),
            "typed": self.typed.to_dict(),
            "fields": {k: round(v, 4) for k, v in self.fields.items()},
            "field_errors": self.field_errors,
            "misses": self.misses,
            "extras": self.extras,
            "by_rule": self.by_rule,
            **self.other,
        }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold lines of a JSONL file; a malformed line is an error naming it."""
    lines = []
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - `with handle` below: only opening is an unreadable file
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


def _place_evidence(lines: list[dict[str, Any]], text: str | None) -> list[str]:
    """Give `start`/`end` to gold lines that only carry their evidence: its occurrence in the
    text (the n-th line with the same evidence takes the n-th occurrence). Returns the
    problems: evidence not found, or no article for it."""
    problems = []
    seen: dict[str, int] = defaultdict(int)
    for line in lines:
        if "start" in line and "end" in line:
            continue
        evidence = line.get("evidence")
        position = -1
        if text is not None and evidence:
            position = -1
            for _ in range(seen[evidence] + 1):
                position = text.find(evidence, position + 1)
                if position < 0:
                    break
            seen[evidence] += 1
        if position < 0:
            where = "no article" if text is None else "its evidence is not in the article"
            problems.append(f"gold {line['doc']} {line.get('value')}: {where} ({evidence!r}); counted as a miss")
            line["start"] = line["end"] = -1
        else:
            line["start"], line["end"] = position, position + len(evidence)
    return problems


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
            overlap = _overlap(item.get("start", -1), item.get("end", -1), claim.start, claim.end)
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


def evaluate(
    gold_lines: Iterable[dict[str, Any]], analyses: Iterable[Analysis], verdicts: Iterable[dict[str, Any]] | None = None
) -> Evaluation:
    """Score the analyses' claims against gold claims, and other gold kinds with their scorers.

    With `verdicts` (gold verdict lines), the verdicts of the matched claims are scored too
    (`other["verdicts"]`); without claim gold lines, the verdict lines stand for them.
    """
    analyses = list(analyses)
    by_doc = {analysis.document.id: analysis for analysis in analyses}
    claim_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    other_gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    verdict_lines = [dict(line) for line in verdicts] if verdicts is not None else None
    gold_lines = [dict(line) for line in gold_lines]
    if verdict_lines is not None and not any(not line.get("kind") for line in gold_lines):
        gold_lines += verdict_lines
    for line in gold_lines:
        (other_gold[line["kind"]] if line.get("kind") else claim_gold[line["doc"]]).append(line)
    warnings = []
    for doc, lines in claim_gold.items():
        warnings += _place_evidence(lines, by_doc[doc].document.text if doc in by_doc else None)
    verdict_pairs: list[tuple[dict[str, Any], Claim | None]] = []

    detected = typed = predicted_total = gold_total = 0
    agree = dict.fromkeys(FIELDS, 0)
    errors: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_rule: dict[str, dict[str, list[int]]] = {name: defaultdict(lambda: [0, 0]) for name in FIELDS}
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
                reason = predicted[p].reason(name)
                rule = by_rule[name][reason.rule if reason else "unrecorded"]
                rule[1] += 1
                if _same_field(name, gold[g], predicted[p]):
                    agree[name] += 1
                    rule[0] += 1
                else:
                    errors[name].append(
                        {
                            "doc": doc,
                            "value": gold[g]["value"],
                            "evidence": gold[g].get("evidence"),
                            "gold": gold[g].get(name),
                            "predicted": getattr(predicted[p], name),
                            "rule": reason.rule if reason else None,
                        }
                    )
        if verdict_lines is not None:
            found = {g: predicted[p] for g, p in pairs}
            verdict_pairs += [(gold[g], found.get(g)) for g in range(len(gold))]
        matched_gold = {g for g, _ in pairs}
        matched_predicted = {p for _, p in pairs}
        misses += [
            {"doc": doc, **{k: gold[g].get(k) for k in ("value", "category", "evidence", "start", "end")}}
            for g in range(len(gold))
            if g not in matched_gold
        ]
        extras += [
            {
                "doc": doc,
                "value": predicted[p].value,
                "category": predicted[p].category,
                "evidence": predicted[p].text,
                "start": predicted[p].start,
                "end": predicted[p].end,
            }
            for p in range(len(predicted))
            if p not in matched_predicted
        ]
    fields = {name: (agree[name] / detected if detected else 1.0) for name in FIELDS}
    other: dict[str, Any] = {}
    if warnings:
        other["warnings"] = warnings
    if verdict_lines is not None:
        other["verdicts"] = score_verdicts(_join_verdicts(verdict_lines, verdict_pairs)).to_dict()
    if other_gold:
        hooks.load_plugins()
        for kind, lines in other_gold.items():
            scorer = hooks.scorers.get(kind)
            if scorer is None:
                raise BilanError(
                    f"gold lines of kind {kind!r} have no scorer; known kinds: {', '.join(sorted(hooks.scorers)) or 'none'}"
                )
            other[kind] = scorer(lines, analyses)
    return Evaluation(
        detection=Scores(detected, predicted_total, gold_total),
        typed=Scores(typed, predicted_total, gold_total),
        fields=fields,
        field_errors=dict(errors),
        misses=misses,
        extras=extras,
        other=other,
        by_rule={name: dict(rules) for name, rules in by_rule.items()},
    )


# ---------------------------------------------------------------------------- verdicts


@dataclass
class VerdictScores:
    """Verdicts against gold verdicts: `pairs` is (gold verdict line, bilan's claim or None)."""

    gold: int
    matched: int
    right: int
    confusion: dict[str, dict[str, int]]
    dated: int  # pairs with the same verdict and a gold record_date
    dated_right: int
    disagreements: list[dict[str, Any]]
    unjoined: int = 0  # gold verdict lines with no gold claim to join (checker-only mode)

    @property
    def accuracy(self) -> float:
        return self.right / self.matched if self.matched else 1.0

    @property
    def end_to_end(self) -> float:
        return self.right / self.gold if self.gold else 1.0

    @property
    def record_date_agreement(self) -> float:
        return self.dated_right / self.dated if self.dated else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "end_to_end": round(self.end_to_end, 4),
            "record_date_agreement": round(self.record_date_agreement, 4),
            "gold": self.gold,
            "matched": self.matched,
            "right": self.right,
            "dated": self.dated,
            "dated_right": self.dated_right,
            "unjoined": self.unjoined,
            "confusion": self.confusion,
            "disagreements": self.disagreements,
        }


def _key(line: dict[str, Any]) -> tuple[str, str, Any]:
    return (str(line.get("doc")), str(line.get("evidence") or ""), line.get("value"))


def _join_verdicts(
    verdict_lines: list[dict[str, Any]], pairs: list[tuple[dict[str, Any], Claim | None]]
) -> list[tuple[dict[str, Any], Claim | None]]:
    """Each gold verdict line with the claim bilan found for the same gold claim (or None)."""
    found: dict[tuple[str, str, Any], list[Claim | None]] = defaultdict(list)
    for gold, claim in pairs:
        found[_key(gold)].append(claim)
    out = []
    for line in verdict_lines:
        claims = found.get(_key(line))
        out.append((line, claims.pop(0) if claims else None))
    return out


def score_verdicts(pairs: list[tuple[dict[str, Any], Claim | None]], unjoined: int = 0) -> VerdictScores:
    """Accuracy, confusion (gold -> bilan), record_date agreement and disagreements."""
    confusion: dict[str, dict[str, int]] = {v: {} for v in VERDICTS}
    matched = right = dated = dated_right = 0
    disagreements = []
    for line, claim in pairs:
        if claim is None:
            continue
        matched += 1
        gold_verdict = line.get("verdict")
        check = claim.check
        verdict = check.verdict if check else "none"
        row = confusion.setdefault(str(gold_verdict), {})
        row[verdict] = row.get(verdict, 0) + 1
        if verdict == gold_verdict:
            right += 1
            if line.get("record_date"):
                dated += 1
                accepted = {line["record_date"], *(line.get("record_date_alt") or [])}
                if check.record_date in accepted:
                    dated_right += 1
                else:
                    disagreements.append(_disagreement(line, claim, "record_date"))
        else:
            disagreements.append(_disagreement(line, claim, "verdict"))
    confusion = {k: v for k, v in confusion.items() if v}
    return VerdictScores(len(pairs), matched, right, confusion, dated, dated_right, disagreements, unjoined)


def _disagreement(line: dict[str, Any], claim: Claim, what: str) -> dict[str, Any]:
    check = claim.check
    return {
        "doc": line.get("doc"),
        "value": line.get("value"),
        "evidence": line.get("evidence"),
        "on": what,
        "gold": line.get("verdict"),
        "gold_record_date": line.get("record_date"),
        "why": line.get("why"),
        "bilan": check.verdict if check else None,
        "bilan_record_date": check.record_date if check else None,
        "explanation": check.explanation if check else None,
        "claim": {k: getattr(claim, k) for k in ("category", "side", "scope", "period", "qualifier", "as_of", "source")},
    }


def gold_claim(line: dict[str, Any]) -> Claim:
    """A Claim built from a gold claim line's own fields (start/end may be absent)."""
    try:
        return Claim(
            value=line["value"],
            value_max=line.get("value_max"),
            qualifier=line.get("qualifier") or "exact",
            category=line["category"],
            side=line["side"],
            scope=line["scope"],
            period=line.get("period"),
            as_of=line.get("as_of"),
            source=line.get("source") or "unattributed",
            start=line.get("start", -1),
            end=line.get("end", -1),
            text=line.get("evidence") or "",
        )
    except KeyError as missing:
        raise BilanError(f"gold {line.get('doc')} {line.get('value')}: no {missing} field to build the claim from") from None


def check_gold_claims(
    gold_lines: Iterable[dict[str, Any]], verdict_lines: Iterable[dict[str, Any]], documents: Iterable[Document], record: Any
) -> VerdictScores:
    """The checker alone: the gold claims, checked as the gold gives them (each document's
    claims together, at the document's date), against the gold verdicts."""
    from bilan.checking import check_claims, headline_end

    documents = list(documents)
    dates = {document.id: document.date for document in documents}
    heads = {document.id: headline_end(document.text, document.body_start) for document in documents}
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold_lines:
        if not line.get("kind"):
            by_doc[str(line["doc"])].append(line)
    claims: dict[tuple[str, str, Any], list[Claim]] = defaultdict(list)
    for doc, lines in by_doc.items():
        built = [gold_claim(line) for line in lines]
        check_claims(built, record, document_date=dates.get(doc), head_end=heads.get(doc))
        for line, claim in zip(lines, built):
            claims[_key(line)].append(claim)
    pairs: list[tuple[dict[str, Any], Claim | None]] = []
    unjoined = 0
    for line in verdict_lines:
        found = claims.get(_key(line))
        if found:
            pairs.append((line, found.pop(0)))
        else:
            unjoined += 1
    return score_verdicts(pairs, unjoined)
