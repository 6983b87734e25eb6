"""Quality gates: claim accuracy on the seeds' gold and on the project's own development set.

Like trafilatura's F1 gate: each floor is the score reached when it was last raised. Raise a
floor when bilan improves; never lower one without saying why in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import bilan
from bilan.evaluation import Evaluation, evaluate, read_gold

# Issue 2's bars are 0.95, 0.90 and 0.95; the floors stand where bilan was when last raised
# (seeds: typed F1 0.987, lowest field 0.974; own set: typed F1 0.977), less one claim's margin.
SEEDS_TYPED_F1 = 0.98
SEEDS_FIELD_ACCURACY = 0.95
OWN_TYPED_F1 = 0.97
# The held-out set scored typed F1 0.843 on its first, blind run; after one round of generic
# fixes prompted by its errors it is 0.941 and no longer blind: the floor guards regressions.
HELDOUT_TYPED_F1 = 0.93
# The blind set scored typed F1 0.877 on its one run. Its errors were studied once (issue 10's
# source/side round): it is blind no more, and these floors (typed F1 0.926, source 0.884 then)
# catch regressions only.
# Issue 10's detection round (verbless lists, running totals, strike victims, live-blog headlines,
# participles before the loss verb, averages) took it to 0.977: the floor stands there less two claims.
# The fresh-study detection round (verbless fragments and their lists, headline verbs, ranges) took
# it to 0.983: the floor stands there less about two claims.
BLIND_TYPED_F1 = 0.97
BLIND_SOURCE = 0.87
# Scope on matched claims where the scope rules stood when last raised (blind 0.964, heldout
# 0.951), less about one claim: typed F1 does not see the scope rules.
BLIND_SCOPE = 0.955
HELDOUT_SCOPE = 0.945
# Real articles nobody here wrote (../shared/realdev), the development set of the claims issue
# (its bar: typed F1 0.92, every field 0.90). Floors where bilan stands, less about two claims
# (raised on 2026-12-03 at typed 0.967 / 0.981, scope 0.975 / 0.973, fr period 0.981).
REALDEV_TYPED_F1 = {"fr": 0.96, "en": 0.973}
REALDEV_FIELDS = {
    "fr": {"category": 0.98, "side": 0.985, "qualifier": 0.99, "scope": 0.968, "period": 0.974, "source": 0.96, "as_of": 0.974},
    "en": {"category": 0.975, "side": 0.985, "qualifier": 0.965, "scope": 0.965, "period": 0.98, "source": 0.955, "as_of": 0.955},
}
FIELDS = ("category", "side", "qualifier", "scope", "period", "source", "as_of")

# The seeds' figures that are not losses: none may come out as a loss claim.
SEED_NON_LOSSES = {
    "000_dd917d69f1ca4539": {20000, 69, 48},
    "001_996ff203b985e3c5": {50000, 11000, 30, 24, 120, 8, 40},
    "002_494be95dc6817c3d": {36, 12, 24, 6, 7, 82, 80, 11, 40, 115},
    "003_5cd07c1ed0724f90": {2000, 700},
    "004_c19c4a4a4cc74163": {750000, 1000000, 1500000000, 1500000, 302, 70, 20, 10},
}


def _analyse_dir(directory: Path, record: object) -> list[bilan.Analysis]:
    return [bilan.analyse(doc, record=record) for path in sorted(directory.glob("*.txt")) for doc in bilan.read_path(path)]


@pytest.fixture(scope="module")
def record(reference_dir: Path) -> object:
    return bilan.load_record(reference_dir)


@pytest.fixture(scope="module")
def seeds_evaluation(seeds_dir: Path, seeds_gold: Path, record: object) -> tuple[Evaluation, list[bilan.Analysis]]:
    analyses = _analyse_dir(seeds_dir, record)
    return evaluate(read_gold(seeds_gold), analyses), analyses


def _report(result: Evaluation) -> str:
    return f"typed {result.typed.to_dict()}, fields {result.fields}, misses {result.misses}, extras {result.extras}"


def test_seeds_typed_f1(seeds_evaluation: tuple[Evaluation, list]) -> None:
    result, _ = seeds_evaluation
    assert result.typed.f1 >= SEEDS_TYPED_F1, _report(result)


@pytest.mark.parametrize("field", FIELDS)
def test_seeds_field_accuracy(seeds_evaluation: tuple[Evaluation, list], field: str) -> None:
    result, _ = seeds_evaluation
    assert result.fields[field] >= SEEDS_FIELD_ACCURACY, result.field_errors.get(field)


def test_seeds_non_loss_numbers_are_not_claims(seeds_evaluation: tuple[Evaluation, list]) -> None:
    _, analyses = seeds_evaluation
    for analysis in analyses:
        values = {c.value for c in analysis.claims}
        assert not values & SEED_NON_LOSSES[analysis.document.id], analysis.document.id
    no_claims = next(a for a in analyses if a.document.id.startswith("003"))
    assert no_claims.claims == []


def test_own_set_typed_f1(examples_dir: Path, record: object) -> None:
    gold = [line for line in read_gold(examples_dir / "gold.jsonl") if not line.get("kind")]
    analyses = _analyse_dir(examples_dir / "articles", record)
    analyses += [bilan.analyse(doc, record=record) for doc in bilan.read_path(examples_dir / "corpus.jsonl")]
    result = evaluate(gold, analyses)
    assert result.typed.f1 >= OWN_TYPED_F1, _report(result)


def test_heldout_set_typed_f1(examples_dir: Path, record: object) -> None:
    heldout = examples_dir / "heldout"
    result = evaluate(read_gold(heldout / "gold.jsonl"), _analyse_dir(heldout / "articles", record))
    assert result.typed.f1 >= HELDOUT_TYPED_F1, _report(result)
    assert result.fields["scope"] >= HELDOUT_SCOPE, result.by_rule["scope"]


def test_blind_set_typed_f1(examples_dir: Path, record: object) -> None:
    blind = examples_dir / "blind"
    result = evaluate(read_gold(blind / "gold.jsonl"), _analyse_dir(blind / "articles", record))
    assert result.typed.f1 >= BLIND_TYPED_F1, f"typed {result.typed.to_dict()}"
    assert result.fields["source"] >= BLIND_SOURCE, result.by_rule["source"]
    assert result.fields["scope"] >= BLIND_SCOPE, result.by_rule["scope"]


@pytest.fixture(scope="module", params=("fr", "en"))
def realdev_evaluation(request: pytest.FixtureRequest, reference_dir: Path, record: object) -> tuple[str, Evaluation]:
    directory = reference_dir.parent / "realdev" / request.param
    if not directory.exists():
        pytest.skip(f"{directory} is absent")
    return request.param, evaluate(read_gold(directory / "gold.jsonl"), _analyse_dir(directory / "articles", record))


def test_realdev_typed_f1(realdev_evaluation: tuple[str, Evaluation]) -> None:
    lang, result = realdev_evaluation
    assert result.typed.f1 >= REALDEV_TYPED_F1[lang], f"{lang}: typed {result.typed.to_dict()}"


@pytest.mark.parametrize("field", FIELDS)
def test_realdev_field_accuracy(realdev_evaluation: tuple[str, Evaluation], field: str) -> None:
    lang, result = realdev_evaluation
    assert result.fields[field] >= REALDEV_FIELDS[lang][field], f"{lang} {field}: {result.by_rule[field]}"
