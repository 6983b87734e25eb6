"""Killed with SIGKILL at several points and run again, `bilan ingest` leaves the database
an uninterrupted run leaves: each document once, none lost, no half-written batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from bilan import storage

# A batch of 10 documents per transaction: many commits to land between and inside.
BATCH = "10"
COPIES = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path, examples_dir: Path) -> Path:
    """The seeds and development articles, several times with a line that changes their hash,
    plus one file that cannot be read (its error must be there once too)."""
    directory = tmp_path_factory.mktemp("crash-corpus")
    sources = sorted(seeds_dir.glob("*.txt")) + sorted((examples_dir / "articles").glob("*.txt"))
    for copy in range(COPIES):
        for source in sources:
            text = source.read_text(encoding="utf-8").rstrip()
            (directory / f"{copy}_{source.name}").write_text(f"{text}\n\nCopie {copy}.\n", encoding="utf-8")
    (directory / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    return directory


def _command(corpus: Path, db: Path, reference_dir: Path, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "bilan",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--record",
        str(reference_dir),
        "--batch-size",
        BATCH,
        "--workers",
        str(workers),
    ]


def _run(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)


def _kill_after(command: list[str], seconds: float) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(seconds)
    _kill(process)


def _kill_after_commits(command: list[str], db: Path, commits: int) -> None:
    """SIGKILL once the database's write-ahead log has changed `commits` times: each change
    is a commit (the schema, then batches), so the kill falls inside the ingest however fast
    or loaded the machine is, where a delay measured on another run may fall before or after."""
    wal = db.with_name(db.name + ".wal")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    seen, last = 0, None
    deadline = time.monotonic() + 300
    while seen < commits and process.poll() is None and time.monotonic() < deadline:
        try:
            state = (wal.stat().st_size, wal.stat().st_mtime_ns)
        except FileNotFoundError:
            state = None
        if state is not None and state != last:
            seen += 1
        last = state
        time.sleep(0.002)
    _kill(process)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes, at once
    process.wait()


def _snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in ("documents", "claims", "entities", "rhetoric_spans", "marks", "errors", "clusters"):
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in ("ingested_at", "occurred_at")]
            select = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.execute(f"SELECT {select} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _consistent(db: Path) -> int:
    """Whatever moment the kill came, each stored document has all its rows: returns how many."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) - count(DISTINCT id) FROM documents").fetchone()[0] == 0
        assert con.execute("SELECT count(*) - count(DISTINCT (source, name)) FROM documents").fetchone()[0] == 0
        mismatched = con.execute(
            "SELECT count(*) FROM documents d WHERE claim_count <> (SELECT count(*) FROM claims c WHERE c.doc_id = d.id)"
        ).fetchone()[0]
        assert mismatched == 0
        for table in storage.CHILD_TABLES:
            assert con.execute(f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0] == 0
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except duckdb.CatalogException:
        return 0  # killed before the schema was committed
    finally:
        con.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_at_several_points_then_rerun_equals_an_uninterrupted_run(
    corpus: Path, reference_dir: Path, tmp_path: Path, workers: int
) -> None:
    reference = tmp_path / "reference.duckdb"
    result = _run(_command(corpus, reference, reference_dir, workers))
    assert result.returncode == 1, result.stderr  # the broken file fails; the rest goes in
    expected = _snapshot(reference)
    total = len(expected["documents"])
    assert total == COPIES * (len(list(corpus.iterdir())) - 1) // COPIES
    assert len(expected["errors"]) == 1

    # Once during start-up, then after a few commits, four times: each run resumes the last
    # one, so the kills fall at different points of the corpus.
    killed = tmp_path / "killed.duckdb"
    _kill_after(_command(corpus, killed, reference_dir, workers), 0.5)
    counts = []
    for commits in (2, 3, 3, 4):
        _kill_after_commits(_command(corpus, killed, reference_dir, workers), killed, commits)
        counts.append(_consistent(killed) if killed.exists() else 0)
    inside = [n for n in counts if 0 < n < total]
    assert inside, f"no kill landed inside the ingest: {counts} of {total}"
    result = _run(_command(corpus, killed, reference_dir, workers))
    assert result.returncode == 1, result.stderr
    assert _consistent(killed) == total
    assert _snapshot(killed) == expected
