"""Hostile and unlucky input (issue 13): a duplicate id never costs a document, one bad
document never stops the others (one line `error: INPUT: reason`, exit status 1, listed
by `bilan errors`), nothing reaches out or writes raw control bytes to a terminal."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bilan.cli import app

runner = CliRunner()
FIGURE = "Selon l'état-major ukrainien, {} soldats russes ont été tués depuis le début de l'invasion."


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"BILAN_RECORD": "", "NO_COLOR": "1", "COLUMNS": "300"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def stored(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT name, text FROM documents ORDER BY name, text").fetchall()
    finally:
        con.close()


def summary(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if " added, " in line)


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


# --- duplicate ids -------------------------------------------------------------------------


def test_a_duplicate_id_is_refused_naming_both_lines_and_never_costs_a_stored_document(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "c.duckdb"
    first, second = {"id": "x", "text": FIGURE.format("300 000")}, {"id": "x", "text": FIGURE.format("500 000")}
    other = {"id": "y", "text": FIGURE.format("700 000")}
    write_jsonl(corpus, [first, second, other])

    code, _, err = run("ingest", "--db", str(db), str(corpus))
    assert code == 1
    assert summary(err).startswith("2 added, 0 updated, 0 unchanged, 1 failed")
    refused = [line for line in error_lines(err) if "duplicate id" in line]
    assert refused == [f"error: {corpus}:2: duplicate id 'x': {corpus}:1 has it already; this record was not read "
                       "(give each record its own id)"]
    assert stored(db) == [("x", first["text"]), ("y", other["text"])]

    # the unchanged file again: nothing moves, nothing is swapped
    code, _, err = run("ingest", "--db", str(db), str(corpus))
    assert summary(err).startswith("0 added, 0 updated, 2 unchanged, 1 failed")
    assert stored(db) == [("x", first["text"]), ("y", other["text"])]

    # the refused record edited: still refused, the first is kept
    second["text"] = FIGURE.format("600 000")
    write_jsonl(corpus, [first, second, other])
    code, _, err = run("ingest", "--db", str(db), str(corpus))
    assert summary(err).startswith("0 added, 0 updated, 2 unchanged, 1 failed")
    assert stored(db) == [("x", first["text"]), ("y", other["text"])]

    # the first edited: it replaces its own old version only
    first["text"] = FIGURE.format("350 000")
    write_jsonl(corpus, [first, second, other])
    code, _, err = run("ingest", "--db", str(db), str(corpus))
    assert summary(err).startswith("0 added, 1 updated, 1 unchanged, 1 failed")
    assert stored(db) == [("x", first["text"]), ("y", other["text"])]
    code, out, _ = run("errors", "--db", str(db))
    assert code == 0 and "duplicate id" in out and f"{corpus.name}:2" in out


def test_ids_made_from_urls_and_line_numbers_collide_only_with_a_refusal(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    # no id: the second takes its URL's hash like the first; "c-4" is the fallback id of line 4
    write_jsonl(corpus, [{"url": "https://example.org/a", "text": FIGURE.format("1 000")},
                         {"url": "https://example.org/a", "text": FIGURE.format("2 000")},
                         {"id": "c-4", "text": FIGURE.format("3 000")},
                         {"text": FIGURE.format("4 000")}])
    code, out, err = run("check", "--format", "jsonl", str(corpus))
    assert code == 1
    assert [json.loads(line)["claims"][0]["value"] for line in out.splitlines()] == [1000, 3000]
    lines = error_lines(err)
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {corpus}:2: duplicate id") and f"{corpus}:1" in lines[0]
    assert lines[1].startswith(f"error: {corpus}:4: duplicate id 'c-4'") and f"{corpus}:3" in lines[1]


def test_a_partly_read_file_is_added_with_a_warning_not_also_failed(tmp_path: Path) -> None:
    article, db = tmp_path / "a.txt", tmp_path / "c.duckdb"
    article.write_bytes(FIGURE.format("3 000").encode() + b" \xff\n")
    code, _, err = run("ingest", "--db", str(db), str(article))
    assert code == 1
    assert summary(err).startswith("1 added, 0 updated, 0 unchanged, 0 failed (1 read with a warning)")
    code, out, _ = run("errors", "--db", str(db))
    assert "invalid UTF-8 byte" in out


def test_two_inputs_of_one_run_with_one_source_and_id_keep_the_first(tmp_path: Path) -> None:
    from bilan import storage
    from bilan.model import Document

    con = storage.connect(tmp_path / "c.duckdb")
    analyser = storage.Analyser(storage.AnalysisOptions(use_record=False))
    # two pages fetched from URLs that redirected to one address
    pages = [Document(id="p", text=FIGURE.format(f"{n} 000"), url="https://example.org/p", lang="fr") for n in (1, 2)]
    failures: list[storage.Failure] = []
    report = storage.ingest(con, pages, analyser, on_failure=failures.append)
    assert (report.added, report.updated, report.failed) == (1, 0, 1)
    assert [f.message for f in failures] == [
        "duplicate id 'p': an earlier input of this run from https://example.org/p has it; not stored"]
    again = storage.ingest(con, pages, analyser)
    assert (again.added, again.updated, again.unchanged, again.failed) == (0, 0, 1, 1)
    assert con.execute("SELECT text FROM documents").fetchall() == [(pages[0].text,)]
