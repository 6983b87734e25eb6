"""A bounded load loop over every page and API of `bilan serve`: print p50/p95/p99 per route,
errors, 5xx and the server's RSS growth, and the first (cold) draws of the record pages
and article charts.

    python3 bench/web_load.py [--documents 10000 | --small] [--requests 2000] [--concurrency 8] [--db FILE]

The corpus is bench/serve.py's (the seeds analysed once, stored `--documents` times as
distinct articles); `--small` builds 1,000. The server is the real command on 127.0.0.1.
First, each record page and a few article charts are requested once, cold: those first
draws are timed apart (the bar: under 1 s). Then `--requests` requests (at most 20,000)
go round-robin over every route (pages, API, HEAD, OPTIONS, the docs, POST /check with
its CSRF token and POST /api/check, which run an analysis in a worker process), sent by
`--concurrency` clients at once. RSS is the server process and its workers, after the
first draws and at the end; their CPU seconds in each phase are printed too (on a shared
machine the times seen by the client count the others' load, these do not).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import SHARED, build_corpus, free_port, pages

FIRST_DRAW_BAR_S = 1.0
PASTED = (
    "date: 2023-01-05\n\nSelon l'état-major ukrainien, au moins 97 480 soldats russes ont été tués "
    "depuis février, et 3 100 chars détruits.\n"
)


def rss_mb(pid: int) -> tuple[float, float]:
    """RSS of the server process, and of its analysis workers."""
    process = psutil.Process(pid)
    return process.memory_info().rss / 1e6, sum(p.memory_info().rss for p in process.children(recursive=True)) / 1e6


def cpu_s(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) of the server process so far, and of its workers (the
    machine may be shared: these do not count the others' load)."""
    process = psutil.Process(pid)
    workers = sum(sum(p.cpu_times()[:2]) for p in process.children(recursive=True))
    return sum(process.cpu_times()[:2]), workers


def start_server(database: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, BILAN_RECORD=str(SHARED / "reference"))
    return subprocess.Popen(
        [sys.executable, "-m", "bilan", "serve", "--db", str(database), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def wait_ready(base: str, server: subprocess.Popen) -> float:
    started = time.monotonic()
    while True:
        try:
            httpx.get(base + "/api/overview", timeout=5)
            return time.monotonic() - started
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() - started > 300:
                raise SystemExit("the server did not start: " + server.stderr.read().decode()[-500:]) from None
            time.sleep(0.2)


def first_draws(base: str) -> list[tuple[str, float, int]]:
    from bilan.model import CATEGORIES

    rows = []
    with httpx.Client(base_url=base, timeout=120) as client:
        listing, ids, chart_ids = pages(client)
        most = next(label for label, _, _ in listing if label.startswith("record ("))[8:-1]
        targets = [(f"record/{c}", f"/record/{c}") for c in CATEGORIES]
        targets += [(f"article chart {n}", f"/articles/{i}/charts/{most}.svg") for n, i in enumerate(chart_ids[:5])]
        targets += [("map", "/map")]
        for label, path in targets:
            started = time.perf_counter()
            status = client.get(path).status_code
            rows.append((label, time.perf_counter() - started, status))
    return rows


def routes(base: str) -> tuple[list[tuple[str, str, str, dict]], list[str], list[str]]:
    with httpx.Client(base_url=base, timeout=60) as client:
        listing, ids, chart_ids = pages(client)
    every = [(label, "GET", path, {}) for label, path, _ in listing]
    every += [
        ("HEAD /", "HEAD", "/", {}),
        ("OPTIONS /", "OPTIONS", "/", {}),
        ("redoc", "GET", "/redoc", {}),
        ("POST /api/check (text)", "POST", "/api/check", {"json": {"text": PASTED}}),
        ("POST /check (form)", "POST", "/check", {"form": True}),
    ]
    return every, ids, chart_ids


async def load(base: str, requests: int, concurrency: int) -> dict[str, list[tuple[int, float]]]:
    every, ids, chart_ids = routes(base)
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    queue: asyncio.Queue = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait((n, every[n % len(every)]))
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=httpx.Limits(max_connections=concurrency)) as client:
        form = (await client.get("/check")).text
        token = re.search(r'name="csrf" value="([^"]+)"', form).group(1)

        async def worker() -> None:
            while not queue.empty():
                n, (label, method, path, options) = queue.get_nowait()
                url = path.replace("{id}", ids[n % len(ids)]).replace("{chart_id}", chart_ids[n % len(chart_ids)])
                if options.get("form"):
                    options = {"data": {"text": PASTED, "url": "", "csrf": token}}
                started = time.perf_counter()
                try:
                    status = (await client.request(method, url, **options)).status_code
                except httpx.HTTPError:
                    status = 0
                results[label].append((status, (time.perf_counter() - started) * 1000))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(fraction * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--small", action="store_true", help="a corpus of 1,000 articles")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) this corpus")
    args = parser.parse_args()
    documents = 1000 if args.small else args.documents
    requests, concurrency = min(args.requests, 20_000), max(1, min(args.concurrency, 64))

    database = args.db or Path(tempfile.mkdtemp(prefix="bilan-bench-load-")) / "corpus.duckdb"
    if not database.exists():
        build_corpus(database, documents)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(database, port)
    try:
        ready = wait_ready(base, server)
        time.sleep(5)  # the analysis workers start beside the server
        cpu_start = cpu_s(server.pid)
        draws = first_draws(base)
        rss_before, cpu_draws = rss_mb(server.pid), cpu_s(server.pid)
        started = time.perf_counter()
        results = asyncio.run(load(base, requests, concurrency))
        elapsed = time.perf_counter() - started
        rss_after, cpu_end = rss_mb(server.pid), cpu_s(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"corpus {database} ({database.stat().st_size / 1e6:.0f} MB); server ready in {ready:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print("\nfirst draws (cold), one request each:")
    for label, seconds, status in draws:
        flag = "" if seconds <= FIRST_DRAW_BAR_S else f"  over the {FIRST_DRAW_BAR_S:g} s bar"
        print(f"  {label:32} {seconds * 1000:9.1f} ms  HTTP {status}{flag}")
    print(f"\n{requests} requests, {concurrency} at once, in {elapsed:.1f} s ({requests / elapsed:.1f} req/s)")
    print(f"{'route':30} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6} {'5xx':>4}")
    errors = server_errors = 0
    expected = {"OPTIONS /": 204}
    for label, rows in results.items():
        times = sorted(ms for _, ms in rows)
        bad = sum(1 for status, _ in rows if status != expected.get(label, 200))
        fives = sum(1 for status, _ in rows if status >= 500 or status == 0)
        errors += bad
        server_errors += fives
        print(
            f"{label:30} {len(rows):5d} {statistics.median(times):8.1f} {percentile(times, 0.95):8.1f} "
            f"{percentile(times, 0.99):8.1f} {times[-1]:8.1f} {bad:6d} {fives:4d}"
        )
    print(f"errors: {errors} (of which 5xx or no answer: {server_errors})")
    for name, before, after in (("server", rss_before[0], rss_after[0]), ("its workers", rss_before[1], rss_after[1])):
        print(f"RSS of {name}: {before:.0f} MB after the first draws, {after:.0f} MB at the end ({after - before:+.0f} MB)")
    for n, name in enumerate(("server", "its workers")):
        print(
            f"CPU of {name}: {cpu_start[n]:.1f} s at the start (5 s after ready), {cpu_draws[n] - cpu_start[n]:.1f} s "
            f"in the first draws, {cpu_end[n] - cpu_draws[n]:.1f} s in the {requests} requests"
        )


if __name__ == "__main__":
    main()
