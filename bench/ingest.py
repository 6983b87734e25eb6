"""Ingest 10,000 articles end to end and print articles/s, peak RSS and database size.

    python3 bench/ingest.py [--articles 10000] [--record ../shared/reference]

The corpus is the development set (examples/articles) and the seeds (../shared/seeds),
repeated with a small variation in each copy (a line naming the copy) so that every
content hash differs. Each run is a real `bilan ingest` process into a new database,
timed from start to exit (start-up, reading, analysis, writes, clusters): with 1 local
worker, with 2, and with `--engine dask` on a 2-worker LocalCluster started here. Peak
RSS is the largest sum, sampled every 0.1 s, over the ingest process and its children
(and the Dask workers for the Dask run). A last figure times the writes alone: the same
documents, analysed beforehand, written by `storage.write_batch`.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Self

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared"))


def build_corpus(directory: Path, count: int) -> int:
    sources = sorted((ROOT / "examples" / "articles").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    if not sources:
        sys.exit("no articles in examples/articles or ../shared/seeds")
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sources]
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        stem, text = texts[i % len(texts)]
        (directory / f"{i:05d}_{stem}.txt").write_text(f"{text.rstrip()}\n\nCopie n° {i} de cet article.\n", encoding="utf-8")
    return len(texts)


class PeakRSS:
    """Samples the summed RSS of some processes and all their descendants."""

    def __init__(self, roots: list[psutil.Process]) -> None:
        self.roots = roots
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for root in self.roots:
                try:
                    for process in [root, *root.children(recursive=True)]:
                        total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(0.1)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_ingest(
    corpus: Path, db: Path, extra: list[str], record: str | None, watch: list[psutil.Process]
) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds of the ingest and its workers, peak RSS, its summary line."""
    command = [sys.executable, "-m", "bilan", "ingest", str(corpus), "--db", str(db), *extra]
    if record:
        command += ["--record", record]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The Dask run watches this process: its descendants are the ingest and the workers.
    with PeakRSS(watch or [psutil.Process(process.pid)]) as rss:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the ingest and the workers it waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode != 0:
        sys.exit(f"bilan ingest {' '.join(extra)} failed ({process.returncode}):\n{stderr}")
    return seconds, cpu, rss.peak, stderr.strip().splitlines()[-1]


def database_size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def time_writes_alone(corpus: Path, count: int, record: str | None) -> float:
    """Articles/s of the storage layer: documents analysed first, then only written."""
    from bilan import storage
    from bilan.reading import iter_documents

    analyser = storage.Analyser(storage.AnalysisOptions(record=record))
    documents = [d for d in iter_documents([str(corpus)]) if not hasattr(d, "message")][:count]
    stored = [analyser((d, storage.document_key(d), storage.document_source(d))) for d in documents]
    with tempfile.TemporaryDirectory() as scratch:
        con = storage.connect(Path(scratch) / "writes.duckdb")
        started = time.perf_counter()
        for i in range(0, len(stored), storage.BATCH_SIZE):
            storage.write_batch(con, stored[i : i + storage.BATCH_SIZE], [])
        seconds = time.perf_counter() - started
        con.close()
    return len(stored) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--record", default=str(SHARED / "reference") if (SHARED / "reference").exists() else None)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        originals = build_corpus(corpus, args.articles)
        print(
            f"corpus: {args.articles:,} articles ({originals} originals repeated with a variation); "
            f"record: {args.record or 'none'}; {os.cpu_count()} CPUs"
        )
        rates: dict[str, float] = {}
        cpus: dict[str, float] = {}
        runs = [("1 local worker", ["--workers", "1"]), ("2 local workers", ["--workers", "2"])]
        cluster = None
        if not args.skip_dask:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            runs.append(("Dask LocalCluster, 2 workers", ["--engine", "dask", "--scheduler", cluster.scheduler_address]))
        try:
            for name, extra in runs:
                db = Path(scratch) / f"{len(rates)}.duckdb"
                watch = [psutil.Process()] if "dask" in extra else []
                load = os.getloadavg()[0]
                seconds, cpu, peak, summary = run_ingest(corpus, db, extra, args.record, watch)
                rates[name] = args.articles / seconds
                cpus[name] = cpu
                cpu_note = "" if "dask" in extra else f", CPU {cpu:.0f} s"  # Dask workers are not our children
                print(
                    f"{name:30s} {rates[name]:7.1f} articles/s  ({seconds:.1f} s{cpu_note}, load before {load:.1f})  "
                    f"peak RSS {peak / 2**20:,.0f} MB  "
                    f"database {database_size(db) / 2**20 / (args.articles / 1000):.2f} MB per 1,000 articles  [{summary}]"
                )
        finally:
            if cluster is not None:
                cluster.close()
        one, two = rates["1 local worker"], rates["2 local workers"]
        print(
            f"speed-up 1 -> 2 local workers: {two / one:.2f}x measured; the 2-worker run used "
            f"{cpus['2 local workers'] / cpus['1 local worker']:.2f}x the CPU time of 1 worker, so on 2 free cores "
            f"the speed-up would be at most {2 * cpus['1 local worker'] / cpus['2 local workers']:.2f}x "
            "(a shared machine's other load shows in 'load before')"
        )
        sample = min(args.articles, 2000)
        print(
            f"writes alone (storage layer, {sample:,} analysed articles): "
            f"{time_writes_alone(corpus, sample, args.record):,.0f} articles/s"
        )


if __name__ == "__main__":
    main()
