"""The corpus database: schema and migrations, idempotent ingest, updates, errors, queries,
exports, recheck. Analyses are made by a small stand-in analyser so that these tests
check storage alone; tests/test_ingest_crash.py runs the real pipeline."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from bilan import storage
from bilan.model import Analysis, BilanError, Check, Claim, Document, Entity, Mark

CATEGORY = {"tués": "personnel_killed", "chars": "tanks"}


def stand_in(item: tuple[Document, str, str]) -> storage.StoredDocument | storage.Failure:
    """Claims for "N tués" / "N chars"; "BOOM" makes the analysis raise."""
    document, key, source = item
    if "BOOM" in document.text:
        raise AssertionError("the stand-in is wrapped below")
    claims = [
        Claim(
            value=int(m.group(1)),
            category=CATEGORY[m.group(2)],
            side="russia",
            scope="cumulative",
            start=m.start(),
            end=m.end(),
            text=m.group(),
            as_of=document.date,
            check=Check("matches" if int(m.group(1)) % 2 == 0 else "overstated", record_value=int(m.group(1))),
        )
        for m in re.finditer(r"(\d+) (tués|chars)", document.text)
    ]
    entities = [
        Entity("place", "Bakhmout", m.start(), m.end(), m.group(), lat=48.6, lon=38.0, country="UA")
        for m in re.finditer("Bakhmout", document.text)
    ]
    analysis = Analysis(document, claims=claims, marks=[Mark("byline", 0, 5)], extras={"entities": entities})
    return storage.to_stored(analysis, key=key, source=source)


def analyser(item: tuple[Document, str, str]) -> storage.StoredDocument | storage.Failure:
    try:
        return stand_in(item)
    except AssertionError as exc:
        return storage.Failure(item[2], item[0].id, "analyse", f"AssertionError: {exc}")


def doc(name: str, text: str, **fields) -> Document:
    return Document(id=name, text=text, path=f"/corpus/{name}.txt", **{"lang": "fr", **fields})


def corpus() -> list[Document]:
    return [
        doc("a", "Par X. Selon Kyiv, 100 tués et 12 chars près de Bakhmout.", date="2023-01-05", outlet="Le Monde"),
        doc("b", "Par Y. Moscou dit 7 tués.", date="2023-02", outlet="RT"),
        doc("c", "Par Z. Aucun chiffre.", date="2022-12-31", outlet="Le Monde", lang="en"),
    ]


@pytest.fixture
def con(tmp_path: Path):
    connection = storage.connect(tmp_path / "corpus.duckdb")
    yield connection
    connection.close()


def dump(connection, tables=("documents", "claims", "entities", "marks", "errors")) -> dict[str, list]:
    """Table contents without timestamps, in a stable order."""
    out = {}
    for table in tables:
        columns = [r[0] for r in connection.execute(f"DESCRIBE {table}").fetchall() if r[0] not in ("ingested_at", "occurred_at")]
        select = ", ".join(f'"{c}"' for c in columns)
        out[table] = connection.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()
    return out


def test_new_database_is_at_the_latest_schema_version(con) -> None:
    assert storage.schema_version(con) == storage.SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "claims", "entities", "rhetoric_spans", "marks", "errors", "clusters", "figure_relays"} <= tables


def test_migrations_upgrade_an_older_database_and_keep_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    assert storage.migrate(old, target=1) == [1]
    stored = analyser((corpus()[0], "k1", "/corpus/a.txt"))
    pairs, stored.place_claims = stored.place_claims, []  # a bilan of version 1 wrote none
    storage.write_batch(old, [stored], [])
    old.close()
    upgraded = storage.connect(path)
    assert storage.schema_version(upgraded) == storage.SCHEMA_VERSION
    assert upgraded.execute("SELECT count(*) FROM claims").fetchone()[0] == 2
    # The migration finds, over the stored rows, the pairs an ingest stores.
    assert pairs and upgraded.execute("SELECT * FROM place_claims ORDER BY ALL").fetchall() == sorted(pairs)
    assert storage.migrate(upgraded) == []  # already there: nothing runs twice
    upgraded.execute("INSERT INTO schema_version VALUES (99, current_timestamp)")
    upgraded.close()
    with pytest.raises(BilanError, match="newer than this bilan"):
        storage.connect(path)


def test_place_claims_found_at_ingest_are_those_the_migration_finds(tmp_path: Path) -> None:
    """A place and a claim are paired when no sentence end stands between them: the rule in
    Python (ingest) and in SQL (the migration over older corpora) agree on its edges."""
    texts = [
        "Près de Bakhmout, 100 tués. Puis 12 chars.",  # the period then a space ends the sentence
        "Bakhmout : 100 tués.\xa0Puis 12 chars.",  # no ASCII space after the period: one sentence
        "Bakhmout, « 100 tués » 12 chars… 8 tués",  # a quote is no sentence end, … then a space is
        "Bakhmout" + " x" * 190 + " 100 tués, " + "y" * 400 + " 12 chars",  # 400 characters or more apart
        "100 tués à Bakhmout ! 12 chars",
    ]
    path = tmp_path / "v2.duckdb"
    old = duckdb.connect(str(path))
    storage.migrate(old, target=2)
    expected = []
    for n, text in enumerate(texts):
        stored = analyser((doc(f"d{n}", text), f"k{n}", f"/corpus/d{n}.txt"))
        expected += stored.place_claims
        stored.place_claims = []
        storage.write_batch(old, [stored], [])
    old.close()
    migrated = storage.connect(path).execute("SELECT * FROM place_claims ORDER BY ALL").fetchall()
    assert migrated == sorted(expected)
    assert sorted(expected) == [("k0", 0, 0), ("k1", 0, 0), ("k1", 0, 1), ("k2", 0, 0), ("k2", 0, 1), ("k3", 0, 0), ("k4", 0, 0)]


def test_read_only_open_refuses_a_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(BilanError, match="no corpus there"):
        storage.connect(tmp_path / "absent.duckdb", read_only=True)


def test_claims_table_holds_every_claims_md_field_and_the_flat_check(con) -> None:
    columns = {r[0] for r in con.execute("DESCRIBE claims").fetchall()}
    claim_fields = set(Claim("1", "tanks", "russia", "event", 0, 1, "x").to_dict()) - {"check"}
    assert claim_fields | {f"check_{f}" for f in Check.__dataclass_fields__} | {"doc_id"} <= columns
    for table, spec in storage.COLUMNS.items():
        assert {name for name, _ in spec} <= {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}


def test_ingest_stores_documents_claims_entities_and_marks(con) -> None:
    report = storage.ingest(con, corpus(), analyser)
    assert (report.added, report.updated, report.unchanged, report.failed, report.claims) == (3, 0, 0, 0, 3)
    rows = con.execute(
        "SELECT d.name, d.outlet, c.value, c.category, c.check_verdict, c.check_record_value, "
        'substr(d.text, c."start" + 1, c."end" - c."start") = c.text '
        "FROM claims c JOIN documents d ON d.id = c.doc_id ORDER BY d.name, c.n"
    ).fetchall()
    assert rows == [
        ("a", "Le Monde", 100, "personnel_killed", "matches", 100, True),
        ("a", "Le Monde", 12, "tanks", "matches", 12, True),
        ("b", "RT", 7, "personnel_killed", "overstated", 7, True),
    ]
    assert con.execute("SELECT name, lat FROM entities").fetchall() == [("Bakhmout", 48.6)]
    assert con.execute("SELECT count(*) FROM marks WHERE kind = 'byline'").fetchone()[0] == 3
    assert con.execute("SELECT claim_count FROM documents ORDER BY name").fetchall() == [(2,), (1,), (0,)]


def test_reingesting_is_a_no_op(con) -> None:
    storage.ingest(con, corpus(), analyser)
    before = dump(con) | {"stamps": con.execute("SELECT id, ingested_at FROM documents ORDER BY id").fetchall()}
    report = storage.ingest(con, corpus(), analyser)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
    assert dump(con) | {"stamps": con.execute("SELECT id, ingested_at FROM documents ORDER BY id").fetchall()} == before


def test_the_same_article_twice_in_one_run_is_stored_once(con) -> None:
    report = storage.ingest(con, corpus() + corpus()[:1], analyser, batch_size=2)
    assert report.added == 3 and report.unchanged == 1
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_changed_file_replaces_its_old_version_and_claims(con) -> None:
    storage.ingest(con, corpus(), analyser)
    changed = corpus()
    changed[0].text = "Par X. Correction : 90 tués près de Bakhmout."
    report = storage.ingest(con, changed, analyser)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    assert con.execute("SELECT count(*) FROM documents WHERE name = 'a'").fetchone()[0] == 1
    assert con.execute("SELECT c.value FROM claims c JOIN documents d ON d.id = c.doc_id WHERE d.name = 'a'").fetchall() == [
        (90,)
    ]
    # no row of the old version is left in any table
    for table in storage.CHILD_TABLES:
        assert con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0] == 0


class ReadProblem:
    def __init__(self, source: str, message: str, document: Document | None = None) -> None:
        self.source, self.message, self.document = source, message, document


def test_failures_are_recorded_and_the_batch_goes_on(con) -> None:
    items = [ReadProblem("/corpus/bad.txt", "binary file"), *corpus(), doc("d", "BOOM 3 tués")]
    report = storage.ingest(con, items, analyser, batch_size=2)
    assert report.added == 3 and report.failed == 2
    errors = con.execute("SELECT source, name, stage FROM errors ORDER BY source").fetchall()
    assert errors == [("/corpus/bad.txt", None, "read"), ("/corpus/d.txt", "d", "analyse")]
    # rerun: the failures are still there once each; the fixed file clears its error
    storage.ingest(con, items, analyser)
    assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 2
    fixed = [Document(id="bad", text="Par W. 5 chars.", path="/corpus/bad.txt", lang="fr")]
    storage.ingest(con, fixed, analyser)
    assert con.execute("SELECT source FROM errors").fetchall() == [("/corpus/d.txt",)]


def test_a_partly_read_document_is_stored_and_its_warning_kept(con) -> None:
    partial = doc("p", "Par Q. 40 tués \ufffd.")
    report = storage.ingest(con, [ReadProblem("/corpus/p.txt", "1 invalid UTF-8 byte replaced", partial)], analyser)
    # one file, counted once: added, with a warning (not also failed)
    assert (report.added, report.failed, report.warnings, report.documents) == (1, 0, 1, 1)
    assert con.execute("SELECT name FROM documents").fetchall() == [("p",)]
    assert con.execute("SELECT source, name, message FROM errors").fetchall() == [
        ("/corpus/p.txt", "p", "1 invalid UTF-8 byte replaced")
    ]


def test_two_workers_store_what_one_stores(tmp_path: Path) -> None:
    documents = [doc(f"n{i}", f"Par A. {i} tués et {i + 1} chars.") for i in range(60)]
    databases = []
    for workers in (1, 2):
        connection = storage.connect(tmp_path / f"w{workers}.duckdb")
        report = storage.ingest(connection, documents, analyser, workers=workers, batch_size=16)
        assert report.added == 60
        databases.append(dump(connection))
        connection.close()
    assert databases[0] == databases[1]


def test_claim_filters(con) -> None:
    storage.ingest(con, corpus(), analyser)

    def values(**filters) -> list[int]:
        columns, rows = storage.read_claims(con, storage.ClaimFilters(**filters))
        return sorted(row[columns.index("value")] for row in rows)

    assert values() == [7, 12, 100]
    assert values(category="tanks") == [12]
    assert values(verdict="overstated") == [7]
    assert values(outlet="Le Monde") == [12, 100]
    assert values(until="2023-01") == [12, 100]  # a month keeps its days
    assert values(since="2023-02-10") == [7]  # a month-dated claim overlaps a day in it
    assert values(since="2023-03") == []
    assert values(lang="en") == []


def test_sql_runs_selects_and_refuses_everything_else(con, tmp_path: Path) -> None:
    storage.ingest(con, corpus(), analyser)
    con.close()
    read_only = storage.connect(tmp_path / "corpus.duckdb", read_only=True)
    columns, rows = storage.run_sql(read_only, "SELECT count(*) AS n FROM claims")
    assert (columns, rows) == (["n"], [(3,)])
    for statement in (
        "DELETE FROM claims",
        "DROP TABLE claims",
        "INSERT INTO errors VALUES ('x', NULL, 'read', 'm', now())",
        f"ATTACH '{tmp_path}/other.duckdb'",
        f"COPY claims TO '{tmp_path}/out.csv'",
        "SET threads = 1",
    ):
        with pytest.raises(BilanError, match="read-only queries"):
            storage.run_sql(read_only, statement)
    with pytest.raises(BilanError, match="one statement"):
        storage.run_sql(read_only, "SELECT 1; SELECT 2")
    (tmp_path / "secret.csv").write_text("a\n1\n")
    with pytest.raises(BilanError, match="SQL:"):
        storage.run_sql(read_only, f"SELECT * FROM read_csv('{tmp_path}/secret.csv')")
    assert not (tmp_path / "out.csv").exists()
    read_only.close()


@pytest.mark.parametrize("fmt", storage.EXPORT_FORMATS)
def test_export_writes_every_row(con, tmp_path: Path, fmt: str) -> None:
    storage.ingest(con, corpus(), analyser)
    for what, expected in (("documents", 3), ("claims", 3)):
        target = tmp_path / f"{what}.{fmt}"
        assert storage.export(con, what, fmt, target) == expected
        if fmt == "parquet":
            assert pq.read_table(target).num_rows == expected
        elif fmt == "csv":
            assert len(target.read_text().splitlines()) >= expected + 1
        else:
            assert len(target.read_text().splitlines()) == expected


def test_claims_jsonl_export_gives_back_the_claims(con, tmp_path: Path) -> None:
    stored = corpus()
    storage.ingest(con, stored, analyser)
    storage.export(con, "claims", "jsonl", tmp_path / "claims.jsonl")
    exported = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    original = stand_in((stored[0], "k", "s")).claims
    first = sorted((e for e in exported if e["document"] == "a"), key=lambda e: e["start"])
    assert [Claim.from_dict(e).to_dict() for e in first] == [
        storage.claim_from_row(dict(zip([n for n, _ in storage.COLUMNS["claims"]], row))).to_dict() for row in original
    ]
    assert first[0]["check"]["verdict"] == "matches" and first[0]["check"]["record_value"] == 100


def test_recheck_replaces_every_verdict_from_the_rows(con, reference_dir: Path, tmp_path: Path) -> None:
    from bilan.record import load_record

    dated = [doc("r", "Par X. Au moins 105960 tués.", date="2022-12-31")]
    storage.ingest(con, dated, analyser)
    con.execute("UPDATE claims SET check_verdict = 'overstated', check_record_value = NULL")
    report = storage.recheck(con, load_record(reference_dir))
    assert report.claims == 1 and report.changed == 1
    verdict, record_value = con.execute("SELECT check_verdict, check_record_value FROM claims").fetchone()
    assert verdict != "overstated" and record_value is not None
    con.close()
    result = _cli("recheck", "--db", str(tmp_path / "corpus.duckdb"), "--record", str(reference_dir))
    assert result.exit_code == 0 and "1 claim rechecked, 0 changed" in result.output


runner = CliRunner()


def _cli(*args: str):
    from bilan.cli import app

    return runner.invoke(app, list(args))


def test_cli_sql_refuses_a_write_in_one_line(con, tmp_path: Path) -> None:
    storage.ingest(con, corpus(), analyser)
    con.close()
    db = str(tmp_path / "corpus.duckdb")
    result = _cli("sql", "DELETE FROM claims", "--db", db)
    assert result.exit_code == 1
    assert "read-only" in result.output and "Traceback" not in result.output
    result = _cli("sql", "SELECT name FROM documents ORDER BY name", "--db", db, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"name": "a"}, {"name": "b"}, {"name": "c"}]
    result = _cli("claims", "--db", db, "--category", "tanks", "--format", "csv")
    assert result.exit_code == 0
    assert [row["value"] for row in csv.DictReader(io.StringIO(result.stdout))] == ["12"]


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    assert _cli("claims", "--category", "bananas", "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    assert _cli("export", "--what", "claims", "--format", "parquet", "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    assert _cli("ingest", "x", "--engine", "dask", "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    result = _cli("ingest", "x", "--date", "2023-13", "--workers", "2", "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2 and "not a date" in result.output


def test_atomic_commits_a_block_or_nothing(con) -> None:
    with storage.atomic(con):
        con.execute("INSERT INTO state VALUES ('kept', '1')")
    with pytest.raises(KeyboardInterrupt), storage.atomic(con):
        con.execute("INSERT INTO state VALUES ('lost', '1')")
        raise KeyboardInterrupt
    assert [k for (k,) in con.execute("SELECT key FROM state WHERE key IN ('kept', 'lost')").fetchall()] == ["kept"]
    # the connection is usable after the rollback
    with storage.atomic(con):
        con.execute("DELETE FROM state WHERE key = 'kept'")


def test_a_snapshot_is_the_committed_corpus_and_replaces_a_killed_writers_half_copy(con, tmp_path: Path) -> None:
    import subprocess
    import sys

    storage.ingest(con, corpus(), analyser)
    db = tmp_path / "corpus.duckdb"
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = storage.snapshot_path(db).with_name(f"corpus.duckdb.snapshot.{finished.stdout.strip()}.part")
    orphan.write_bytes(b"half a copy")
    snapshot = storage.publish_snapshot(con, db)
    assert not orphan.exists() and not list(tmp_path.glob("*.part"))
    copy = storage.connect(snapshot, read_only=True)
    try:
        assert copy.execute("SELECT count(*) FROM documents").fetchall()[0][0] == 3
        assert copy.execute("SELECT count(*) FROM claims").fetchall()[0][0] == 3
    finally:
        copy.close()
