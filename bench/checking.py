"""Print how fast the record loads (cold and cached) and how many claims are checked per second.

    python3 bench/checking.py [RECORD_DIR] [--claims N] [--passes N]

Two sets of claims:
- a synthetic mix shaped like the press's but harder than it: documents of 10 claims that
  quote mostly one report (totals and daily figures equal, rounded, qualified, off by a few
  percent, or from another time), dated to a day or a month, with a share of other sides,
  sources and events;
- the claims the pipeline extracts from the project's own articles (examples/articles and
  the seeds), checked again and again.
The checker keeps no memo of past claims: every claim is checked in full.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bilan.checking import check_claims
from bilan.model import Claim
from bilan.record import GENERAL_STAFF, bundled_snapshot, load_record, load_snapshot

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RECORD = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared")) / "reference"


def synthetic_documents(record, count: int, per_document: int = 10, seed: int = 7) -> list[list[Claim]]:
    """Documents of `per_document` claims; like an article, each quotes mostly one report."""
    rng = random.Random(seed)
    series = record.series[GENERAL_STAFF]
    categories = list(series.categories)
    personnel = series.categories["personnel_killed"]
    documents = []
    for d in range(0, count, per_document):
        report = personnel.ordinals[rng.randrange(len(personnel.ordinals))]
        day = date.fromordinal(report)
        document_date = day.isoformat() if rng.random() < 0.5 else day.strftime("%Y-%m")
        claims = []
        for n in range(per_document):
            category = rng.choice(categories)
            cat = series.categories[category]
            k = max(cat.at(report), 0)
            if rng.random() < 0.1:  # a figure from another time
                k = rng.randrange(len(cat.ordinals))
            daily = rng.random() < 0.3 and cat.diffs[k] is not None
            value = cat.diffs[k] if daily else cat.values[k]
            roll = rng.random()
            qualifier = "exact"
            if roll < 0.2:
                value = round(value, -max(len(str(value)) - 2, 0))
                qualifier = rng.choice(["more_than", "about", "exact", "nearly"])
            elif roll < 0.3:
                value = int(value * rng.uniform(0.97, 1.03))
            elif roll < 0.4:
                value = cat.values[max(k - rng.randrange(5, 60), 0)]
            side, scope = "russia", "cumulative"
            source = rng.choice(["ukraine_general_staff", "unattributed", "ukraine_mod"])
            if rng.random() < 0.05:
                side = "ukraine"
            if rng.random() < 0.05:
                source = "uk_mod"
            if rng.random() < 0.05:
                scope = "event"
            claims.append(
                Claim(
                    value=max(value, 1),
                    category=category,
                    side=side,
                    scope="period" if daily else scope,
                    period="day" if daily else None,
                    start=d + n,
                    end=d + n + 1,
                    text="",
                    qualifier=qualifier,
                    as_of=document_date,
                    source=source,
                )
            )
        documents.append((document_date, claims))
    return documents


def project_documents(record, shared: Path) -> list[tuple[str | None, list[Claim]]]:
    """The claims the pipeline extracts from the project's own articles (examples/ and the seeds)."""
    import bilan

    paths = sorted((ROOT / "examples" / "articles").glob("*")) + sorted((shared / "seeds").glob("0*.txt"))
    documents = []
    for path in paths:
        for document in bilan.read_path(path):
            analysis = bilan.analyse(document, record=record, analysers=False)
            documents.append((analysis.document.date, analysis.claims))
    return documents


def rate(documents: list[tuple[str | None, list[Claim]]], record, passes: int) -> tuple[int, list[float], list[float]]:
    """Claims per pass, and the wall and CPU seconds of each pass of check_claims over `documents`."""
    walls, cpus = [], []
    for _ in range(passes):
        start, cpu = time.perf_counter(), time.process_time()
        for document_date, document in documents:
            check_claims(document, record, document_date=document_date)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return sum(len(d) for _, d in documents), walls, cpus


def report(label: str, count: int, walls: list[float], cpus: list[float]) -> None:
    walls, cpus = sorted(walls), sorted(cpus)
    print(
        f"  {label}: best pass {count / walls[0]:,.0f} claims/s wall, {count / cpus[0]:,.0f} claims/s CPU; "
        f"median {count / walls[len(walls) // 2]:,.0f} wall, {count / cpus[len(cpus) // 2]:,.0f} CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("record", nargs="?", default=str(DEFAULT_RECORD))
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    if not Path(args.record).is_dir():
        sys.exit(f"no record at {args.record}")

    def timed(function):
        start, cpu = time.perf_counter(), time.process_time()
        result = function()
        return result, time.perf_counter() - start, time.process_time() - cpu

    with tempfile.TemporaryDirectory() as cache:
        os.environ["BILAN_CACHE_DIR"] = cache
        _, parse_wall, parse_cpu = timed(lambda: load_record(args.record, use_cache=False))
        _, cold_wall, cold_cpu = timed(lambda: load_record(args.record))  # parses and writes the cache
        cached = [timed(lambda: load_record(args.record)) for _ in range(5)]
        record = cached[-1][0]
        walls, cpus = sorted(c[1] for c in cached), sorted(c[2] for c in cached)
        print(f"record load, parse only:            {parse_wall * 1000:6.1f} ms wall, {parse_cpu * 1000:6.1f} ms CPU")
        print(f"record load, cold (parse + cache):  {cold_wall * 1000:6.1f} ms wall, {cold_cpu * 1000:6.1f} ms CPU")
        print(
            f"record load, cached (best of 5):    {walls[0] * 1000:6.1f} ms wall, {cpus[0] * 1000:6.1f} ms CPU "
            f"(median {walls[2] * 1000:.1f} ms wall)"
        )
        bundled = bundled_snapshot()
        if bundled is not None:
            _, wall, cpu = timed(lambda: load_snapshot(bundled, use_cache=False))
            print(f"bundled snapshot, built on load:    {wall * 1000:6.1f} ms wall, {cpu * 1000:6.1f} ms CPU")
            load_snapshot(bundled)
            runs = sorted(timed(lambda: load_snapshot(bundled))[1:] for _ in range(5))
            print(f"bundled snapshot, cached (best of 5):{runs[0][0] * 1000:6.1f} ms wall, {runs[0][1] * 1000:6.1f} ms CPU")

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"claims checked (documents of their own claims; several passes, the best is the one least slowed "
        f"by other processes; load average {load:.1f} on {os.cpu_count()} cores):"
    )
    documents = synthetic_documents(record, args.claims)
    claims = [claim for _, document in documents for claim in document]
    report(f"synthetic mix, {len(claims):,} claims", *rate(documents, record, args.passes))
    shared = Path(args.record).resolve().parent
    project = project_documents(record, shared)
    repeat = max(1, args.claims // max(1, sum(len(d) for _, d in project)))
    count, walls, cpus = rate(project * repeat, record, args.passes)
    report(f"the project's articles' {count // repeat:,} extracted claims x {repeat}", count, walls, cpus)
    verdicts: dict[str, int] = {}
    for claim in claims:
        verdicts[claim.check.verdict] = verdicts.get(claim.check.verdict, 0) + 1
    print("verdicts:", ", ".join(f"{k} {v}" for k, v in sorted(verdicts.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
