"""`bilan ingest --engine dask`: the same pipeline on a Dask cluster.

The inputs are cut into partitions of about `PARTITION_DOCUMENTS` documents (files and
URLs; a JSONL corpus is one unit, so shard a big one into files). Each Dask task reads its
partition where it runs, skips the documents the corpus already holds, analyses the rest
with the pipeline its worker loaded once (`PipelinePlugin`), and writes one Parquet file
per table into a staging directory that the workers and this machine share. This process
imports each finished partition into DuckDB in one transaction, with the rules of a local
ingest (known content skipped, changed documents replaced), then deletes it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from distributed import WorkerPlugin

from bilan.model import BilanError, Document
from bilan.storage import (
    COLUMNS,
    Analyser,
    AnalysisOptions,
    Failure,
    IngestReport,
    StoredDocument,
    batch_tables,
    document_key,
    document_source,
    failure_of,
    known_documents,
    write_batch,
    write_tables,
)

# Documents per task: big enough that a task's overhead (scheduling, one Parquet file per
# table) is small beside ~4 s of analysis at 125 articles/s, small enough to spread a
# corpus over many workers and to lose little when a worker dies.
PARTITION_DOCUMENTS = 500

# One analyser per worker process and set of options, loaded by the plugin at start.
_analysers: dict[AnalysisOptions, Analyser] = {}
# How many times this process loaded the pipeline (the tests check that it is once).
loads = 0


def analyser_for(options: AnalysisOptions) -> Analyser:
    global loads
    if options not in _analysers:
        _analysers[options] = Analyser(options)
        loads += 1
    return _analysers[options]


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin: loads the pipeline and the record once, when the worker starts
    (or joins later), instead of once per task."""

    name = "bilan-pipeline"

    def __init__(self, options: AnalysisOptions) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        analyser_for(self.options)


@dataclass
class Partition:
    number: int
    units: list[str]  # files and URLs
    documents: int  # expected, for the progress bar


def plan_partitions(inputs: Sequence[str], size: int = PARTITION_DOCUMENTS) -> list[Partition]:
    """Files (directories walked, sorted, hidden ones skipped) and URLs, in groups of about `size` documents."""
    from bilan.fetching import is_url
    from bilan.reading import JSONL_SUFFIXES, KNOWN_SUFFIXES

    units: list[tuple[str, int]] = []
    for name in inputs:
        if name == "-":
            raise BilanError("-: standard input cannot be spread over a cluster; give files or URLs")
        path = Path(name)
        if is_url(name) or not path.is_dir():
            count = 1
            if path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
                with open(path, "rb") as stream:
                    count = sum(1 for line in stream if line.strip())
            units.append((name, count))
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found += [
                os.path.join(root, f) for f in files if not f.startswith(".") and os.path.splitext(f)[1].lower() in KNOWN_SUFFIXES
            ]
        units += [(f, 1) for f in sorted(found)]
    partitions: list[Partition] = []
    current: list[str] = []
    count = 0
    for unit, documents in units:
        current.append(unit)
        count += documents
        if count >= size:
            partitions.append(Partition(len(partitions), current, count))
            current, count = [], 0
    if current:
        partitions.append(Partition(len(partitions), current, count))
    return partitions


@dataclass
class PartitionResult:
    path: str
    documents: int
    unchanged: int


def analyse_partition(
    partition: Partition, staging: str, known: set[str], options: AnalysisOptions, lang: str | None, date: str | None
) -> PartitionResult:
    """Runs on a worker: read, skip known documents, analyse, write Parquet; returns where."""
    import pyarrow.parquet as pq

    from bilan.fetching import is_url, iter_urls
    from bilan.reading import iter_documents

    analyser = analyser_for(options)
    stored: list[StoredDocument] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    unchanged = 0
    paths = [u for u in partition.units if not is_url(u)]
    urls = [u for u in partition.units if is_url(u)]
    items: list[Any] = [*iter_documents(paths, lang=lang, date=date)] if paths else []
    if urls:
        items += list(iter_urls(urls, lang=lang, date=date))
    for item in items:
        failure = None if isinstance(item, Document) else failure_of(item)
        document = item if failure is None else getattr(item, "document", None)
        if failure:
            failures.append(failure)
        if document is None:
            continue
        key = document_key(document)
        if key in known or key in seen:
            unchanged += 1
            continue
        seen.add(key)
        result = analyser((document, key, document_source(document)))
        (failures if isinstance(result, Failure) else stored).append(result)
    target = Path(staging) / f"part-{partition.number:06d}"
    scratch = target.with_name(target.name + ".tmp")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for table, rows in batch_tables(stored, failures).items():
        pq.write_table(rows, scratch / f"{table}.parquet")
    shutil.rmtree(target, ignore_errors=True)
    scratch.rename(target)  # a partition is complete or absent
    return PartitionResult(str(target), len(items), unchanged)


def import_partition(con: duckdb.DuckDBPyConnection, path: str | Path) -> Any:
    """Import one partition's Parquet files in one transaction; returns the BatchResult."""
    import pyarrow.parquet as pq

    tables = {table: pq.read_table(Path(path) / f"{table}.parquet") for table in COLUMNS}
    return write_tables(con, tables)


def ingest_dask(
    con: duckdb.DuckDBPyConnection,
    inputs: Sequence[str],
    *,
    scheduler: str,
    options: AnalysisOptions,
    staging: Path,
    lang: str | None = None,
    date: str | None = None,
    partition_size: int = PARTITION_DOCUMENTS,
    on_progress: Callable[[int], None] | None = None,
    connect_timeout: float = 30.0,
) -> IngestReport:
    """Ingest `inputs` through the Dask scheduler at `scheduler` (see the module docstring)."""
    import time

    from distributed import Client, as_completed

    started = time.perf_counter()
    report = IngestReport()
    partitions = plan_partitions(inputs, partition_size)
    # This process is the only writer of the corpus (DuckDB locks it): what a killed run
    # left in its staging directory is stale, and its documents will be analysed again.
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        client = Client(scheduler, timeout=connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise BilanError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
    try:
        client.register_plugin(PipelinePlugin(options))
        # In a list: a set given alone would be scattered element by element.
        [known] = client.scatter([known_documents(con)], broadcast=True)
        futures = {
            client.submit(
                analyse_partition,
                partition,
                str(staging),
                known,
                options,
                lang,
                date,
                key=f"bilan-partition-{partition.number}",
                pure=False,
            ): partition
            for partition in partitions
        }
        for future in as_completed(futures):
            partition = futures[future]
            try:
                result: PartitionResult = future.result()
            except Exception as exc:  # noqa: BLE001 - a task that died: its inputs are recorded, the rest goes on
                message = f"partition {partition.number} failed on the cluster: {type(exc).__name__}: {exc}"
                report.add(write_batch(con, [], [Failure(unit, None, "analyse", message) for unit in partition.units]))
                if on_progress:
                    on_progress(partition.documents)
                continue
            report.add(import_partition(con, result.path))
            report.unchanged += result.unchanged
            shutil.rmtree(result.path, ignore_errors=True)
            if on_progress:
                on_progress(result.documents)
    finally:
        client.close()
    shutil.rmtree(staging, ignore_errors=True)
    report.seconds = time.perf_counter() - started
    return report
