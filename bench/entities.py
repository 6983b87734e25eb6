"""Speed of entity extraction (dictionary matching, no NER model), in 1 and 2 processes.

    python3 bench/entities.py [--articles N] [--ner]

Articles are the five seeds of ../shared/seeds repeated to N (default 2,000). The tables are
loaded before timing starts (once per process): the figure is the per-article cost, the best
of three runs. `find_entities` alone tokenises the article; in `bilan.analyse` the claims have
tokenised it already (`bilan.matching.document_tokens`, one tokenisation per document), so
the "in the pipeline" line times it with the document's tokens made beforehand. With
--ner, spaCy's French model is timed too, on 50 articles in one process.
"""

from __future__ import annotations

import argparse
import os
import time
from multiprocessing import Pool
from pathlib import Path

from bilan.entities import find_entities, tables
from bilan.matching import document_tokens
from bilan.model import Document

ROOT = Path(__file__).resolve().parents[1]

SEEDS = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared")) / "seeds"


def _documents(count: int) -> list[Document]:
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return [Document(id=f"{texts[i % len(texts)][0]}-{i}", text=texts[i % len(texts)][1]) for i in range(count)]


def _warm() -> None:
    tables()


def _count(document: Document) -> int:
    return len(find_entities(document))


def measure(documents: list[Document], processes: int) -> tuple[float, float, int]:
    """(wall-clock seconds, CPU seconds of this process, entities found)."""
    if processes == 1:
        _warm()
        start, cpu = time.perf_counter(), time.process_time()
        found = sum(_count(d) for d in documents)
        return time.perf_counter() - start, time.process_time() - cpu, found
    with Pool(processes, initializer=_warm) as pool:
        pool.map(_count, documents[: processes * 4])  # let every worker load its tables
        start = time.perf_counter()
        found = sum(pool.map(_count, documents, chunksize=50))
        return time.perf_counter() - start, float("nan"), found


def measure_in_pipeline(documents: list[Document]) -> float:
    """CPU seconds of find_entities alone, each document's tokens made before it is timed."""
    _warm()
    cpu = 0.0
    for document in documents:
        document_tokens(document.text, document.body_start)
        start = time.process_time()
        find_entities(document)
        cpu += time.process_time() - start
    return cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--ner", action="store_true", help="also time use_ner=True on 50 articles")
    args = parser.parse_args()
    documents = _documents(args.articles)
    words = sum(len(d.text.split()) for d in documents) / len(documents)
    start = time.perf_counter()
    tables()
    print(f"tables loaded in {time.perf_counter() - start:.2f} s ({len(tables().aliases):,} spellings)")
    print(f"{len(documents)} articles of {words:.0f} words on average")
    for processes in (1, 2):
        # Best of three runs: other work sharing the machine only ever slows a run down.
        elapsed, cpu, found = min(measure(documents, processes) for _ in range(3))
        per_cpu = f", {len(documents) / cpu:,.0f} per CPU-second" if processes == 1 else ""
        print(
            f"{processes} process{'es' if processes > 1 else ''}: {len(documents) / elapsed:,.0f} articles/s{per_cpu} "
            f"({found / len(documents):.1f} entities per article)"
        )
    cpu = min(measure_in_pipeline(documents) for _ in range(3))
    print(f"in the pipeline (the document's tokens made by claims), 1 process: {len(documents) / cpu:,.0f} per CPU-second")
    if args.ner:
        sample = documents[:50]
        find_entities(sample[0], use_ner=True)  # load the model before timing
        start = time.perf_counter()
        for document in sample:
            find_entities(document, use_ner=True)
        print(f"with spaCy NER, 1 process: {len(sample) / (time.perf_counter() - start):.1f} articles/s")


if __name__ == "__main__":
    main()
