"""`bilan ingest --engine dask` on a LocalCluster: the same database as a local ingest,
the pipeline loaded once per worker, Parquet partitions imported and cleaned up."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from bilan import distributed, storage

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        Client(local) as client,
    ):
        yield local, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, examples_dir: Path) -> Path:
    directory = tmp_path_factory.mktemp("dask-corpus")
    for source in sorted(seeds_dir.glob("*.txt")) + sorted((examples_dir / "articles").glob("*.txt")):
        (directory / source.name).write_bytes(source.read_bytes())
    (directory / "sub").mkdir()
    (directory / "sub" / "broken.txt").write_bytes(b"")
    (directory / ".hidden.txt").write_text("not an article")
    return directory


def _tables(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for table in ("documents", "claims", "entities", "rhetoric_spans", "marks", "errors"):
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in ("ingested_at", "occurred_at")]
        out[table] = con.execute(
            f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in columns)} FROM {table} ORDER BY ALL"
        ).fetchall()
    con.close()
    return out


def test_partitions_cover_every_file_once(corpus: Path) -> None:
    partitions = distributed.plan_partitions([str(corpus)], size=10)
    units = [u for p in partitions for u in p.units]
    visible = [f for f in corpus.glob("*.txt") if not f.name.startswith(".")]
    assert len(units) == len(set(units)) == len(visible) + 1  # sub/broken.txt in, .hidden.txt out
    assert all(p.documents == 10 for p in partitions[:-1]) and 0 < partitions[-1].documents <= 10


def test_dask_ingest_equals_a_local_ingest(cluster, corpus: Path, reference_dir: Path, tmp_path: Path) -> None:
    local_cluster, client = cluster
    options = storage.AnalysisOptions(record=str(reference_dir))
    from bilan.reading import iter_documents

    local_db = tmp_path / "local.duckdb"
    con = storage.connect(local_db)
    storage.ingest(con, iter_documents([str(corpus)]), storage.Analyser(options))
    con.close()

    dask_db = tmp_path / "dask.duckdb"
    staging = tmp_path / "staging"
    con = storage.connect(dask_db)
    report = distributed.ingest_dask(
        con, [str(corpus)], scheduler=local_cluster.scheduler_address, options=options, staging=staging, partition_size=8
    )
    assert report.added == len([f for f in corpus.glob("*.txt") if not f.name.startswith(".")]) and report.failed == 1
    # rerun: a no-op, skipped on the workers
    again = distributed.ingest_dask(
        con, [str(corpus)], scheduler=local_cluster.scheduler_address, options=options, staging=staging, partition_size=8
    )
    assert (again.added, again.updated, again.unchanged) == (0, 0, report.added)
    con.close()
    assert _tables(dask_db) == _tables(local_db)
    assert not staging.exists()  # partitions imported, then removed
    # the pipeline was loaded once in each worker, however many partitions it ran
    assert set(client.run(lambda: distributed.loads).values()) == {1}


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    con = storage.connect(tmp_path / "x.duckdb")
    with pytest.raises(storage.BilanError, match="cannot reach the Dask scheduler"):
        distributed.ingest_dask(
            con,
            [str(tmp_path)],
            scheduler="tcp://127.0.0.1:9",
            options=storage.AnalysisOptions(use_record=False),
            staging=tmp_path / "staging",
            connect_timeout=2,
        )
    con.close()
