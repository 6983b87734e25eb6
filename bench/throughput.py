"""Throughput of the checking pipeline, next to a bare regular-expression scan for numbers.

    python bench/throughput.py [--articles 2000] [--record ../shared/reference]

Reads the project's example articles and the seeds (../shared/seeds, when present),
repeats them to --articles documents, and prints articles/s of `bilan.analyse` (claims,
record checks, entities, rhetoric) with 1 and 2 processes (wall, and CPU per process), the articles/s of a
bare regular-expression scan for numbers followed by a noun (the lexicon's nouns, French and
English: the cheapest search for loss figures, as in DEPENDENCIES.md) over the same texts,
and each process's peak RSS.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bare_scan_pattern() -> re.Pattern[str]:
    """Numbers followed by one of the claim lexicon's nouns, in one regular expression."""
    import tomllib
    from importlib import resources

    lexicon = tomllib.loads(resources.files("bilan.data").joinpath("claims_lexicon.toml").read_text("utf-8"))
    nouns = {noun for lang in ("fr", "en") for phrases in lexicon[lang]["nouns"].values() for noun in phrases}
    alternatives = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    return re.compile(r"\d[\d\s\u00a0\u202f.,]*\s+(?:\w+\s+)?(?:" + alternatives + r")\b", re.IGNORECASE)


_record = None


def load_texts(count: int, source: str) -> list[tuple[str, str]]:
    paths = sorted((ROOT / "examples" / "articles").glob("*.txt")) if source in ("both", "examples") else []
    seeds = ROOT.parent / "shared" / "seeds"
    paths += sorted(seeds.glob("*.txt")) if seeds.exists() and source in ("both", "seeds") else []
    realdev = ROOT.parent / "shared" / "realdev"
    paths += sorted(realdev.glob("*/articles/*.txt")) if source == "realdev" else []
    if not paths:
        sys.exit(f"no articles found for --source {source} (examples/articles, ../shared/seeds, ../shared/realdev)")
    base = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    return [(f"{name}-{i}", text) for i in range(count // len(base) + 1) for name, text in base][:count]


def _init(record_dir: str | None) -> None:
    global _record
    import bilan

    _record = bilan.load_record(record_dir) if record_dir else None
    # both languages: the first English article built the English lexicon inside the timing (80 ms)
    bilan.analyse(bilan.read_text("Au moins 100 soldats ont été tués.", "warm-up"), record=_record)
    bilan.analyse(bilan.read_text("At least 100 soldiers were killed.", "warm-up"), record=_record)


def _analyse(item: tuple[str, str]) -> tuple[int, float]:
    """The article's claim count and the CPU seconds its worker spent on it."""
    import bilan

    started = time.process_time()
    document = bilan.read_text(item[1], item[0])
    claims = len(bilan.analyse(document, record=_record).claims)
    return claims, time.process_time() - started


def _peak_rss_mb(_: object = None) -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(texts: list[tuple[str, str]], processes: int, record_dir: str | None) -> tuple[float, float, int, float]:
    """Wall articles/s of the pool, CPU articles/s of one process, claims, peak RSS (MB).

    The CPU rate (articles over the workers' summed process time) is what one process does
    on a core of its own: on a machine shared with other work, wall time also counts waiting.
    """
    with multiprocessing.get_context("fork").Pool(processes, initializer=_init, initargs=(record_dir,)) as pool:
        pool.map(_peak_rss_mb, range(processes))  # start and warm the workers before timing
        started = time.perf_counter()
        results = list(pool.imap_unordered(_analyse, texts, chunksize=16))
        elapsed = time.perf_counter() - started
        peak = max(pool.map(_peak_rss_mb, range(processes * 4)))
    claims = sum(count for count, _ in results)
    cpu = sum(seconds for _, seconds in results)
    return len(texts) / elapsed, len(texts) / cpu, claims, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    default_record = ROOT.parent / "shared" / "reference"
    parser.add_argument("--record", default=str(default_record) if default_record.exists() else None)
    parser.add_argument(
        "--source",
        choices=("both", "examples", "seeds", "realdev"),
        default="both",
        help="the project's articles (about 330 words), the seeds (about 970), both, or the real "
        "articles of ../shared/realdev (about 240)",
    )
    args = parser.parse_args()
    texts = load_texts(args.articles, args.source)
    words = sum(len(t.split()) for _, t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average, record: {args.record or 'none'}")

    bare_scan = bare_scan_pattern()
    started = time.perf_counter()
    found = sum(sum(1 for _ in bare_scan.finditer(text)) for _, text in texts)
    bare = len(texts) / (time.perf_counter() - started)
    print(f"bare regex scan:   {bare:10.0f} articles/s ({found} matches)")
    results = {}
    for processes in (1, 2):
        rate, cpu_rate, claims, peak = run(texts, processes, args.record)
        results[processes] = rate
        print(
            f"pipeline, {processes} proc: {rate:10.1f} articles/s wall, {cpu_rate:7.1f} articles/s CPU per process, "
            f"{rate * words:9.0f} words/s ({claims} claims), peak RSS {peak:.0f} MB per process"
        )
    print(
        f"2-process pipeline is {bare / results[2]:.1f}x slower than the bare scan; "
        f"1→2 process speed-up {results[2] / results[1]:.2f}x"
    )


if __name__ == "__main__":
    main()
