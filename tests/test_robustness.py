"""Hostile and unlucky input (issue 13): a duplicate id never costs a document, one bad
document never stops the others (one line `error: INPUT: reason`, exit status 1, listed
by `bilan errors`), nothing reaches out or writes raw control bytes to a terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from bilan.cli import app

runner = CliRunner()
FIGURE = "Selon l'état-major ukrainien, {} soldats russes sont morts depuis l'invasion."


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
    assert refused == [
        f"error: {corpus}:2: duplicate id 'x': {corpus}:1 has it already; this record was not read (give each record its own id)"
    ]
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
    write_jsonl(
        corpus,
        [
            {"url": "https://example.org/a", "text": FIGURE.format("1 000")},
            {"url": "https://example.org/a", "text": FIGURE.format("2 000")},
            {"id": "c-4", "text": FIGURE.format("3 000")},
            {"text": FIGURE.format("4 000")},
        ],
    )
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
        "duplicate id 'p': an earlier input of this run from https://example.org/p has it; not stored"
    ]
    again = storage.ingest(con, pages, analyser)
    assert (again.added, again.updated, again.unchanged, again.failed) == (0, 0, 1, 1)
    assert con.execute("SELECT text FROM documents").fetchall() == [(pages[0].text,)]


# --- one bad document never stops the others ----------------------------------------------

GOOD = FIGURE.format("300 000")


def _jsonl_line(value: object) -> str:
    return json.dumps(value, ensure_ascii=True)


def hostile_inputs(folder: Path) -> dict[str, tuple[Path, str | None]]:
    """Each hostile input of issue 13 (made here, not copied), with what its error line says."""
    folder.mkdir()
    made: dict[str, tuple[Path, str | None]] = {}

    def add(name: str, content: str | bytes, reason: str | None) -> None:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        made[name] = (path, reason)

    # figures beyond any count: not claims, or one line each; never a crash (reason None: either)
    add("long_number.txt", FIGURE.format("9" * 500), None)
    add("digit_groups.txt", FIGURE.format(" ".join(["123"] * 10_000)), None)
    add(
        "nested.jsonl",
        '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        "JSON value nested too deeply",
    )
    # json.dumps(ensure_ascii=True) writes the lone surrogate as the escape "\ud800"
    add("surrogate.jsonl", _jsonl_line({"id": "s", "text": GOOD + " \ud800"}) + "\n", "1 lone surrogate escape")
    add(
        "deep.html",
        "<html><body>" + "<div>" * 100_000 + GOOD + "</div>" * 100_000 + "</body></html>",
        "HTML page too deeply nested",
    )
    loop = folder / "loop"
    loop.mkdir()
    (loop / "a.txt").symlink_to("b.txt")
    (loop / "b.txt").symlink_to("a.txt")
    (loop / "dir").symlink_to(".", target_is_directory=True)
    made["loop/a.txt"] = (loop / "a.txt", "symbolic link loop")
    made["loop/b.txt"] = (loop / "b.txt", "symbolic link loop")
    return made


def test_each_hostile_input_is_one_error_line_and_the_batch_goes_on_in_check(tmp_path: Path, reference_dir: Path) -> None:
    made = hostile_inputs(tmp_path / "hostile")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for name, (path, reason) in made.items():
        code, out, err = run("check", "--record", str(reference_dir), "--format", "jsonl", str(path), str(good))
        lines = error_lines(err)
        ids = [json.loads(line)["id"] for line in out.splitlines()]
        assert "Traceback" not in err and ids[-1] == "good", (name, err, ids)
        if reason is None and not lines:
            assert code == 0 and ids == [path.stem, "good"], (name, err)
            continue
        assert code == 1, (name, err)
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}") and (reason or "") in lines[0], (name, err)


def test_each_hostile_input_fails_alone_in_one_ingest_and_is_listed_by_errors(tmp_path: Path) -> None:
    made = hostile_inputs(tmp_path / "hostile")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    db = tmp_path / "c.duckdb"
    code, _, err = run("ingest", "--db", str(db), str(tmp_path / "hostile"), str(good))
    assert code == 1 and "Traceback" not in err
    names = [name for name, _ in stored(db)]
    assert "good" in names and "s" in names  # the surrogate's record is read, its escape replaced
    code, out, _ = run("errors", "--db", str(db))
    for name, (path, reason) in made.items():
        if reason is None and path.stem in names:
            continue  # stored: its figure was no claim
        assert any(line.startswith(f"error: {path}") for line in error_lines(err)), (name, err)
        assert Path(name).name in out, name


def test_an_unexpected_exception_in_one_document_is_that_document_s_error(tmp_path: Path, monkeypatch) -> None:
    import bilan.pipeline

    real = bilan.pipeline.analyse

    def fragile(document, **options):
        if "BOOM" in document.text:
            raise ZeroDivisionError("a bug met by one article")
        return real(document, **options)

    monkeypatch.setattr(bilan.pipeline, "analyse", fragile)
    (tmp_path / "a.txt").write_text(GOOD + " BOOM", encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    code, out, err = run("check", "--format", "jsonl", str(tmp_path))
    assert code == 1
    assert error_lines(err) == [
        f"error: {tmp_path / 'a.txt'}: unexpected failure (ZeroDivisionError: a bug met by one article); please report it"
    ]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["b"]


def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    from bilan.model import BilanError
    from bilan.reading import read_path

    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(GOOD.encode(codec))
        assert read_path(path)[0].text == GOOD
    import struct

    samples = tmp_path / "samples.txt"  # 16-bit binary data with every high byte NUL is not UTF-16 text
    samples.write_bytes(b"".join(struct.pack("<H", i % 31) for i in range(4000)))
    with pytest.raises(BilanError, match="binary file"):
        read_path(samples)
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(_jsonl_line({"text": GOOD}).encode("utf-16-le"))
    code, _, err = run("check", str(corpus))
    assert code == 1 and error_lines(err) == [
        f"error: {corpus}: UTF-16 text, but a JSONL corpus is UTF-8 (as JSON is): re-save it as UTF-8"
    ]


def test_day_number_to_date_never_raises() -> None:
    from bilan.dating import day_number_to_date

    assert day_number_to_date(1) == "2022-02-24"
    assert day_number_to_date(0) is None and day_number_to_date(-5) is None
    assert day_number_to_date(10**30) is None and day_number_to_date(-(10**30)) is None
    assert day_number_to_date(2_913_850) == "9999-12-31"  # the calendar's last day
    assert day_number_to_date(2_913_851) is None


# --- nothing reaches out or writes raw control bytes to a terminal ---------------------------

HOSTILE_TITLE = "Bilan\x1b[2J\x1b]8;;https://evil.example\x07 du jour\r\u202egpj.exe\x9b"


def test_visible_shows_controls_and_overrides_and_leaves_text_alone() -> None:
    from bilan.visible import visible

    assert visible(HOSTILE_TITLE) == "Bilan\\x1b[2J\\x1b]8;;https://evil.example\\x07 du jour\\r\\u202egpj.exe\\x9b"
    text = "Équipes à Kharkiv — 1 200 soldats ; العربية 👩‍👩‍👧\ttab"
    assert visible(text) == text
    assert visible("a\nb") == "a\\nb" and visible("a\nb", keep="\n") == "a\nb"
    assert visible("\ud800") == "\\ud800"


def test_titles_and_file_names_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    corpus, db = tmp_path / "c.jsonl", tmp_path / "c.duckdb"
    write_jsonl(corpus, [{"id": "t\x1b[31m", "title": HOSTILE_TITLE, "text": GOOD}, {"id": "bad\u202e", "text": 5}])
    _, _, err = run("ingest", "--db", str(db), str(corpus))
    _, out, _ = run("sql", "--db", str(db), "SELECT name, title FROM documents")
    _, errors_out, _ = run("errors", "--db", str(db))
    _, check_out, check_err = run("check", str(corpus))
    for printed in (out, errors_out, err, check_out, check_err):
        assert not any(char in printed for char in "\x1b\x07\r\x9b\u202e"), repr(printed)
    assert "\\x1b[2J" in out and "\\u202egpj.exe" in out
    assert "t\\x1b[31m" in check_out


def test_duckdb_never_downloads_an_extension_and_a_sqlite_file_is_named(tmp_path: Path) -> None:
    import sqlite3

    from bilan import storage

    con = storage.open_duckdb(":memory:")
    assert con.execute(
        "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')"
    ).fetchone() == (False, False)
    db = tmp_path / "c.duckdb"
    storage.connect(db).close()
    # a function of an extension DuckDB knows: refused, where it was downloaded and loaded
    code, _, err = run("sql", "--db", str(db), "SELECT ST_Point(1, 2)")
    assert code == 1 and "exists in the spatial extension" in err and "download" not in err.lower()
    lite = tmp_path / "corpus.sqlite"
    sqlite3.connect(lite).execute("CREATE TABLE t (x)").connection.commit()
    for command in (("errors",), ("ingest", str(tmp_path / "none.txt"))):
        code, _, err = run(*command, "--db", str(lite))
        assert code == 1
        assert (
            error_lines(err)[-1]
            == f"error: {lite}: a SQLite database, not a bilan corpus (a DuckDB file written by `bilan ingest`)"
        )


def test_reports_show_overrides_in_titles_links_and_text(tmp_path: Path) -> None:
    from bilan.pipeline import analyse
    from bilan.reading import read_text
    from bilan.rendering.report import render_report

    document = read_text(
        f"title: {HOSTILE_TITLE}\nurl: https://example.org/\u202eexe.html\n\n" + GOOD.replace("soldats", "soldats\u202e")
    )
    analysis = analyse(document)
    assert "\u202e" in analysis.claims[0].text  # the claim's evidence too, shown in the side panel
    page = render_report(analysis)
    assert not any(char in page for char in "\x1b\x07\x9b\u202e")
    assert "\\u202egpj.exe" in page and "soldats\\u202e" in page and "/\\u202eexe.html" in page


# --- a record that cannot silently mislead -------------------------------------------------


@pytest.fixture
def record_copy(reference_dir: Path, tmp_path: Path) -> Path:
    import shutil

    copy = tmp_path / "reference"
    shutil.copytree(reference_dir, copy)
    for path in copy.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def _edit_personnel(root: Path, edit: Callable[[list[dict]], list[dict]]) -> Path:
    from bilan.record import PERSONNEL_FILE

    path = root / PERSONNEL_FILE
    rows = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(edit(rows)), encoding="utf-8")
    return path


def test_a_record_value_beyond_any_count_is_refused_in_one_line(record_copy: Path) -> None:
    from bilan.model import BilanError
    from bilan.record import load_record

    def huge(rows: list[dict]) -> list[dict]:
        rows[100]["personnel"] = 10**30
        return rows

    path = _edit_personnel(record_copy, huge)
    with pytest.raises(BilanError, match=rf"^{path}: {rows_date(path, 100)} 'personnel' is 1e\+30, beyond any count"):
        load_record(record_copy, use_cache=False)


def rows_date(path: Path, index: int) -> str:
    return json.loads(path.read_text(encoding="utf-8"))[index]["date"]


def test_a_null_in_the_record_is_warned_about_and_an_empty_file_refused(record_copy: Path) -> None:
    from bilan.model import BilanError
    from bilan.record import load_record

    def nulls(rows: list[dict]) -> list[dict]:
        rows[10]["personnel"] = None
        rows[11]["personnel"] = None
        return rows

    path = _edit_personnel(record_copy, nulls)
    record = load_record(record_copy, use_cache=False)
    assert [w for w in record.warnings if "null" in w] == [
        f"{path.name}: 2 null count(s) (the first {rows_date(path, 10)} 'personnel') read as not reported that day: "
        "checks there use the previous report"
    ]
    _edit_personnel(record_copy, lambda rows: [])
    with pytest.raises(BilanError, match="holds no reports"):
        load_record(record_copy, use_cache=False)


def test_an_empty_user_series_or_an_absurd_value_is_refused(tmp_path: Path) -> None:
    from bilan.model import BilanError
    from bilan.record import load_user_series

    empty = tmp_path / "empty.csv"
    empty.write_text("date,category,value\n", encoding="utf-8")
    with pytest.raises(BilanError, match="holds no rows"):
        load_user_series(empty)
    absurd = tmp_path / "absurd.csv"
    absurd.write_text("date,category,value\n2023-01-01,tanks,1000000000000000000000000000000\n", encoding="utf-8")
    with pytest.raises(BilanError, match="line 2: 1e\\+30 is no count of losses"):
        load_user_series(absurd)


def test_web_pages_show_overrides_and_controls_in_titles_and_links(tmp_path: Path) -> None:
    import re

    from fastapi.testclient import TestClient

    from bilan import storage
    from bilan.web import create_app

    db, corpus = tmp_path / "c.duckdb", tmp_path / "c.jsonl"
    write_jsonl(
        corpus,
        [{"id": "rlo", "title": HOSTILE_TITLE, "outlet": "Le\u202eMonde", "url": "https://example.org/\u202e", "text": GOOD}],
    )
    assert run("ingest", "--db", str(db), str(corpus))[0] == 0
    con = storage.connect(db, read_only=True)
    [(doc_id,)] = con.execute("SELECT id FROM documents").fetchall()
    con.close()
    client = TestClient(create_app(db))
    for page in ("/", "/claims", f"/articles/{doc_id}", "/search?q=soldats"):
        response = client.get(page)
        assert response.status_code == 200, page
        # outside the script data (JSON strings, which the browser does not lay out as text)
        html = re.sub(r"<script\b.*?</script>", "", response.text, flags=re.S)
        assert not any(char in html for char in "\x1b\x07\x9b\u202e"), page
    article = re.sub(r"<script\b.*?</script>", "", client.get(f"/articles/{doc_id}").text, flags=re.S)
    assert "\\u202egpj.exe" in article and "Le\\u202eMonde" in article


def test_a_directory_tree_deeper_than_the_recursion_limit_is_read(tmp_path: Path) -> None:
    from bilan.reading import iter_documents

    folder = tmp_path / "deep"
    folder.mkdir()
    levels = [folder]
    for _ in range(sys.getrecursionlimit() + 100):
        levels.append(levels[-1] / "a")
        levels[-1].mkdir()
    (levels[-1] / "last.txt").write_text(GOOD, encoding="utf-8")
    try:
        assert [item.id for item in iter_documents([str(folder)])] == ["last"]
    finally:  # pytest's own clean-up of old temporary directories recurses, and would overflow on this tree
        (levels[-1] / "last.txt").unlink()
        for level in reversed(levels):
            level.rmdir()


def test_json_output_escapes_what_a_terminal_would_obey_and_keeps_the_data(tmp_path: Path) -> None:
    from bilan.visible import json_escaped

    data = {"title": "a\x9b2J\u202eb\u2028c\ud800", "text": "Équipe 1 200"}
    escaped = json_escaped(json.dumps(data, ensure_ascii=False))
    assert escaped.isascii() is False and "Équipe" in escaped  # text stays readable
    assert not any(char in escaped for char in "\x9b\u202e\u2028\ud800")
    assert json.loads(escaped) == data
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, [{"id": "x", "title": "\u202eevil\x9b", "text": GOOD}])
    for fmt in ("json", "jsonl"):
        code, out, _ = run("check", "--format", fmt, str(corpus))
        assert code == 0 and "\u202e" not in out and "\x9b" not in out
        parsed = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert parsed[0]["title"] == "\u202eevil\x9b"


def test_odd_jsonl_lines_each_get_their_own_line(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(
            [
                '{"id": "a", "text": "' + GOOD + '", "n": 1' + "0" * 5000 + "}",  # beyond int()'s 4,300 digits
                "\ufeff",  # a blank line saved with a byte-order mark: skipped like any blank line
                json.dumps({"id": "b", "text": GOOD, "v": float("nan")}),  # NaN is read by Python's json: kept as text
                "[" * 5000 + "]" * 5000,
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run("check", "--format", "jsonl", str(corpus))
    assert code == 1
    assert error_lines(err) == [
        f"error: {corpus}:1: a JSON number of over {sys.get_int_max_str_digits():,} digits: no article record holds one",
        f"error: {corpus}:4: JSON value nested too deeply (over {sys.getrecursionlimit()} levels) to be an article record",
    ]
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["b"]


def test_a_file_name_with_controls_is_shown_escaped_in_its_error_line(tmp_path: Path) -> None:
    hostile = tmp_path / "a\x1b[2J\u202etxt.exe.txt"
    hostile.write_bytes(b"\x00\x01binary")
    code, _, err = run("check", str(tmp_path))
    assert code == 1
    assert error_lines(err) == [f"error: {tmp_path}/a\\x1b[2J\\u202etxt.exe.txt: binary file (NUL bytes), not text"]


def test_an_url_that_breaks_the_http_library_is_its_own_failure(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    # IDNA refuses the empty A-label inside httpx, before any network access
    code, out, err = run("check", "--format", "jsonl", "http://xn--/", str(good), "http://xn--/")
    assert code == 1
    lines = error_lines(err)
    assert len(lines) == 2 and all(line.startswith("error: http://xn--/: unexpected failure (IDNAError") for line in lines)
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["good"]
