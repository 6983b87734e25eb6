"""The size cap of one article (issue 13 item 2): 10 MB by default, set by $BILAN_MAX_MB or
--max-mb on check, ingest, report and serve; a file or JSONL line over it is one error line
naming the cap, the rest of the batch goes on, exit status 1; the web app's body limit follows
it when it is lower than its own. A text of more numbers than any article holds (MAX_NUMBERS) is
refused the same way, whatever its size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web import build_corpus, calm_analysis
from typer.testing import CliRunner

from bilan.cli import app
from bilan.model import BilanError, Document
from bilan.numbers import MAX_NUMBERS, TooManyNumbers, find_numbers
from bilan.reading import MAX_BYTES, ReadFailure, iter_documents, max_bytes, read_path
from bilan.web import MAX_BODY_BYTES, create_app

SENTENCE = "Selon l'état-major ukrainien, 1 740 soldats russes ont été tués en 24 heures.\n"
runner = CliRunner()


def _inputs(folder: Path) -> tuple[Path, Path]:
    """A 2 kB article and a small one."""
    big, small = folder / "big.txt", folder / "small.txt"
    big.write_text(SENTENCE * 26, "utf-8")  # 2,132 bytes
    small.write_text(SENTENCE, "utf-8")
    return big, small


def _cli(*args: str, env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    # BILAN_MAX_MB is always listed: the runner restores it after the command, which sets it.
    result = runner.invoke(
        app, list(args), env={"BILAN_RECORD": "", "NO_COLOR": "1", "COLUMNS": "200", "BILAN_MAX_MB": None, **(env or {})}
    )
    return result.exit_code, result.stdout, result.stderr


def test_the_default_cap_is_10_mb_and_the_variable_sets_another(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BILAN_MAX_MB", raising=False)
    assert max_bytes() == MAX_BYTES == 10 * 1024 * 1024
    assert max_bytes(0.5) == 512 * 1024
    monkeypatch.setenv("BILAN_MAX_MB", "2.5")
    assert max_bytes() == 2.5 * 1024 * 1024
    for bad in ("abc", "0", "-3", "nan", "inf"):
        monkeypatch.setenv("BILAN_MAX_MB", bad)
        with pytest.raises(BilanError, match=r"^\$BILAN_MAX_MB is .*megabytes"):
            max_bytes()


def test_a_file_over_the_cap_fails_alone_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big, small = _inputs(tmp_path)
    monkeypatch.setenv("BILAN_MAX_MB", "0.002")  # 2,097 bytes
    items = list(iter_documents([str(tmp_path)]))
    assert [type(item) for item in items] == [ReadFailure, Document]
    assert str(items[0]) == (
        f"{big}: file is 2.1 kB, over the 2.048 kB limit for one article "
        "(--max-mb or $BILAN_MAX_MB sets it); split it or give a JSONL corpus"
    )
    assert [d.id for d in iter_documents([str(big)], max_mb=1)] == ["big"]  # the argument wins
    with pytest.raises(BilanError, match="over the 2.048 kB limit"):
        read_path(big)
    monkeypatch.setenv("BILAN_MAX_MB", "x")
    with pytest.raises(BilanError, match="BILAN_MAX_MB"):  # at once, not once per file
        list(iter_documents([str(small)]))


def test_a_jsonl_line_over_the_cap_fails_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [{"id": "a", "text": SENTENCE}, {"id": "b", "text": SENTENCE * 40}, {"id": "c", "text": SENTENCE}]
    corpus.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), "utf-8")
    items = list(iter_documents([str(corpus)], max_mb=0.002))
    assert [getattr(item, "id", None) for item in items] == ["a", None, "c"]
    assert str(items[1]) == f"{corpus}:2: line over the 2.048 kB limit for one article (--max-mb or $BILAN_MAX_MB sets it)"


@pytest.mark.parametrize("how", ["option", "variable"])
def test_check_prints_one_error_line_goes_on_and_exits_1(tmp_path: Path, how: str) -> None:
    big, small = _inputs(tmp_path)
    args, env = (["--max-mb", "0.002"], {}) if how == "option" else ([], {"BILAN_MAX_MB": "0.002"})
    code, out, err = _cli("check", "--format", "jsonl", *args, str(big), str(small), env=env)
    assert code == 1
    assert err.splitlines() == [
        f"error: {big}: file is 2.1 kB, over the 2.048 kB limit for one article "
        "(--max-mb or $BILAN_MAX_MB sets it); split it or give a JSONL corpus"
    ]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["small"]
    code, out, err = _cli("check", "--format", "jsonl", "--max-mb", "1", str(big), str(small))
    assert code == 0 and len(out.splitlines()) == 2


def test_an_invalid_cap_is_a_usage_error(tmp_path: Path) -> None:
    _big, small = _inputs(tmp_path)
    code, _out, err = _cli("check", "--max-mb", "0", str(small))
    assert code == 2 and "positive number of megabytes" in err
    code, _out, err = _cli("check", str(small), env={"BILAN_MAX_MB": "lots"})
    assert code == 2 and "BILAN_MAX_MB" in err


def test_ingest_and_report_take_the_cap(tmp_path: Path) -> None:
    big, small = _inputs(tmp_path)
    code, _out, err = _cli("ingest", "--db", str(tmp_path / "corpus.duckdb"), "--max-mb", "0.002", str(big), str(small))
    assert code == 1 and f"error: {big}: file is 2.1 kB, over the 2.048 kB limit" in err
    code, _out, err = _cli("errors", "--db", str(tmp_path / "corpus.duckdb"))
    assert "2.048 kB limit" in _out + err  # `bilan errors` lists it after the ingest
    code, _out, err = _cli("report", "--max-mb", "0.002", "-o", str(tmp_path / "reports"), str(big), str(small))
    assert code == 1 and f"error: {big}: file is 2.1 kB, over the 2.048 kB limit" in err
    assert "1 740" in (tmp_path / "reports").read_text("utf-8")  # the one article left: its report, as one file


def test_the_web_body_limit_follows_a_lower_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "corpus.duckdb"
    build_corpus(database, [calm_analysis()])
    body = json.dumps({"text": SENTENCE * 40}).encode()  # 3.3 kB
    assert len(body) < MAX_BODY_BYTES
    monkeypatch.setenv("BILAN_MAX_MB", "0.002")
    with TestClient(create_app(database)) as client:
        assert client.post("/api/check", content=body, headers={"content-type": "application/json"}).status_code == 413


def test_a_text_of_more_numbers_than_any_article_is_refused_alone(tmp_path: Path) -> None:
    many = "; ".join(str(100 + i) for i in range(MAX_NUMBERS + 1))
    assert len(find_numbers(many[: many.index(f"; {100 + MAX_NUMBERS}")], "fr")) == MAX_NUMBERS  # the cap itself is read
    with pytest.raises(TooManyNumbers):
        find_numbers(many, "fr")
    (tmp_path / "a_numbers.txt").write_text(many, "utf-8")
    (tmp_path / "b_article.txt").write_text(SENTENCE, "utf-8")
    code, out, err = _cli("check", "--format", "jsonl", str(tmp_path))
    assert code == 1
    assert err.splitlines() == [
        f"error: {tmp_path / 'a_numbers.txt'}: more than {MAX_NUMBERS:,} numbers in one text "
        "(an article holds hundreds); split it into articles"
    ]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["b_article"]


def test_a_text_of_more_dates_than_any_article_is_refused_alone(tmp_path: Path) -> None:
    from bilan.dating import MAX_DATES, TooManyDates, find_dates

    many = "lundi, " * (MAX_DATES + 1)
    assert len(find_dates("lundi, " * MAX_DATES, "fr", "2024-05-20")) == MAX_DATES  # the cap itself is read
    with pytest.raises(TooManyDates):
        find_dates(many, "fr", "2024-05-20")
    (tmp_path / "a_dates.txt").write_text(many + "100 soldats russes tués.", "utf-8")
    (tmp_path / "b_article.txt").write_text(SENTENCE, "utf-8")
    code, out, err = _cli("check", "--format", "jsonl", str(tmp_path))
    assert code == 1
    assert err.splitlines() == [
        f"error: {tmp_path / 'a_dates.txt'}: more than {MAX_DATES:,} dates in one text "
        "(an article holds tens); split it into articles"
    ]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["b_article"]
