"""Every claim says which rule set each of its fields, and every dropped figure says why
(`Claim.reasons`, `Analysis.rejected`, `bilan check --why`, `bilan eval --by-rule`)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

import bilan
from bilan.claims import explain_claims
from bilan.cli import app
from bilan.evaluation import FIELDS, evaluate

TEXT = (
    "Selon l'état-major ukrainien, 1 950 soldats russes sont morts au cours des dernières 24 heures. "
    "L'armée russe a perdu 8 740 chars depuis le début de l'invasion. "
    "Le pays compte 38 millions d'habitants et 2 300 hôpitaux."
)


def test_every_field_of_every_claim_has_a_reason() -> None:
    extraction = explain_claims(bilan.read_text(TEXT, "t", lang="fr", date="2024-11-12"))
    assert [c.value for c in extraction.claims] == [1950, 8740]
    for claim in extraction.claims:
        for name in FIELDS:
            reason = claim.reason(name)
            assert reason is not None, (claim.value, name)
            assert reason.value == getattr(claim, name)
            if reason.start is not None:
                assert 0 <= reason.start <= reason.end <= len(TEXT)
    daily, total = extraction.claims
    assert daily.reason("scope").rule == "cue:day"
    assert TEXT[daily.reason("scope").start : daily.reason("scope").end] == "au cours des dernières 24 heures"
    assert daily.reason("source").rule == "attribution:explicit:preposition"
    assert total.reason("scope").rule == "cue:cumulative"


def test_dropped_figures_keep_their_reason() -> None:
    extraction = explain_claims(bilan.read_text(TEXT, "t", lang="fr", date="2024-11-12"))
    dropped = {r.value: r.reason for r in extraction.rejected}
    assert dropped[2300] == "nothing_counted"
    for rejected in extraction.rejected:
        assert TEXT[rejected.start : rejected.end].strip()


def test_check_why_shows_rules_and_rejections(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("date: 2024-11-12\nlang: fr\n\n" + TEXT, encoding="utf-8")
    runner = CliRunner()
    table = runner.invoke(app, ["check", "--why", str(article)])
    assert table.exit_code == 0, table.output
    assert "scope = period: cue:day «au cours des dernières 24 heures»" in table.output
    assert "rejected 2,300" in table.output and "nothing_counted" in table.output
    as_json = runner.invoke(app, ["check", "--why", "--format", "json", str(article)])
    document = json.loads(as_json.stdout)[0]
    assert {r["field"] for r in document["claims"][0]["reasons"]} >= set(FIELDS)
    assert any(r["reason"] == "nothing_counted" for r in document["rejected"])
    plain = json.loads(runner.invoke(app, ["check", "--format", "json", str(article)]).stdout)[0]
    assert "reasons" not in plain["claims"][0] and "rejected" not in plain


def test_by_rule_counts_each_rule_right_and_decided() -> None:
    document = bilan.read_text(TEXT, "t", lang="fr", date="2024-11-12")
    analysis = bilan.analyse(document, analysers=False)
    daily = analysis.claims[0]
    gold = [
        {
            "doc": "t",
            "value": 1950,
            "start": daily.start,
            "end": daily.end,
            "category": "personnel_killed",
            "side": "russia",
            "qualifier": "exact",
            "scope": "cumulative",
            "period": None,
            "as_of": "2024-11",
            "source": "ukraine_general_staff",
        }
    ]
    result = evaluate(gold, [analysis])
    assert result.by_rule["scope"] == {"cue:day": [0, 1]}
    assert result.by_rule["source"] == {"attribution:explicit:preposition": [1, 1]}
    assert result.field_errors["scope"][0]["rule"] == "cue:day"


def test_eval_by_rule_prints_a_table_per_field(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("date: 2024-11-12\nlang: fr\n\n" + TEXT, encoding="utf-8")
    text = article.read_text(encoding="utf-8")
    start = text.index("1 950")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "a",
                "value": 1950,
                "start": start,
                "end": start + 13,
                "category": "personnel_killed",
                "side": "russia",
                "qualifier": "exact",
                "scope": "period",
                "period": "day",
                "as_of": "2024-11",
                "source": "ukraine_general_staff",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["eval", "--by-rule", "--gold", str(gold), str(article)])
    assert result.exit_code == 0, result.output
    for name in FIELDS:
        assert f"{name}: accuracy 1.000" in result.stdout
    assert "cue:day" in result.stdout
