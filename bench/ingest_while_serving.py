"""Ingest 1,000 articles while a loop of page requests runs; print failed requests and failed writes.

    python3 bench/ingest_while_serving.py [--articles 1000] [--workers 1] [--record ../shared/reference]

The server is the real command (`bilan serve --db FILE`) in a child process, started on
an empty corpus; a thread requests the overview, the article list, the claims, a search
and the API in a loop, one request at a time, for as long as the ingest runs and until the
pages show every article. The ingest is the real command too (`bilan ingest --db FILE`), in
another process, over the corpus of bench/ingest.py (the development articles and seeds,
each copy distinct). The bars: zero failed requests, zero failed writes.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import SHARED, build_corpus  # noqa: E402 - the same corpus as bench/ingest.py

PAGES = ("/", "/articles", "/claims", "/search?q=soldats", "/api/documents", "/api/claims?side=russia", "/map")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PageLoop(threading.Thread):
    """Requests the pages one after the other until stopped; counts, times and failures."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.stop = threading.Event()
        self.times: list[float] = []
        self.failures: list[str] = []
        self.documents_seen: list[tuple[float, int]] = []

    def run(self) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=self.base, timeout=30) as client:
            while not self.stop.is_set():
                for path in PAGES:
                    began = time.perf_counter()
                    try:
                        answer = client.get(path)
                        if answer.status_code != 200:
                            self.failures.append(f"{path}: HTTP {answer.status_code} {answer.text[:120]}")
                    except httpx.HTTPError as problem:
                        self.failures.append(f"{path}: {type(problem).__name__}: {problem}")
                    self.times.append(time.perf_counter() - began)
                try:
                    total = client.get("/api/overview").json()["documents"]
                    if not self.documents_seen or self.documents_seen[-1][1] != total:
                        self.documents_seen.append((time.monotonic() - started, total))
                except (httpx.HTTPError, ValueError, KeyError) as problem:
                    self.failures.append(f"/api/overview: {type(problem).__name__}: {problem}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--record", default=str(SHARED / "reference") if (SHARED / "reference").exists() else None)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bilan-bench-ingest-serving-"))
    corpus, db = workdir / "articles", workdir / "corpus.duckdb"
    build_corpus(corpus, args.articles)
    env = dict(os.environ, BILAN_RECORD=args.record or "", NO_COLOR="1")
    # An empty corpus to start from, as a newsroom's first day.
    subprocess.run(
        [sys.executable, "-c", f"from bilan import storage; storage.connect({str(db)!r}).close()"], check=True, env=env
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bilan", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(base + "/api/overview", timeout=5)
            break
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start: " + server.stderr.read().decode()[-500:]) from None
            time.sleep(0.2)
    loop = PageLoop(base)
    loop.start()
    try:
        started = time.monotonic()
        ingest = subprocess.run(
            [sys.executable, "-m", "bilan", "ingest", "--db", str(db), "--workers", str(args.workers), str(corpus)],
            capture_output=True,
            text=True,
            env=env,
        )
        ingest_seconds = time.monotonic() - started
        # The pages catch up with the last snapshot within a few seconds.
        while time.monotonic() - started < ingest_seconds + 60 and (
            not loop.documents_seen or loop.documents_seen[-1][1] < args.articles
        ):
            time.sleep(0.5)
        shown_after = time.monotonic() - started - ingest_seconds
    finally:
        loop.stop.set()
        loop.join(timeout=60)
        server.terminate()
        server.wait(timeout=10)

    summary = next((line for line in reversed(ingest.stderr.splitlines()) if " added, " in line), "(no summary)")
    failed_writes = ingest.returncode != 0 or " 0 failed" not in summary
    print(
        f"ingest: {args.articles} articles, --workers {args.workers}, {ingest_seconds:.1f} s, exit {ingest.returncode}: {summary}"
    )
    print(
        f"requests during the ingest and until every article showed: {len(loop.times)}, "
        f"p50 {statistics.median(loop.times) * 1000:.0f} ms, "
        f"p95 {statistics.quantiles(loop.times, n=20)[-1] * 1000:.0f} ms, max {max(loop.times) * 1000:.0f} ms"
    )
    print("articles the pages showed over time (s: articles): " + ", ".join(f"{t:.0f}: {n}" for t, n in loop.documents_seen))
    print(
        f"every article shown {shown_after:.1f} s after the ingest ended"
        if loop.documents_seen and loop.documents_seen[-1][1] >= args.articles
        else "NOT every article shown"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"failed requests: {len(loop.failures)}")
    for failure in loop.failures[:10]:
        print(f"  {failure}")
    print(f"failed writes: {1 if failed_writes else 0}" + (f"\n{ingest.stderr[-2000:]}" if failed_writes else ""))
    sys.exit(1 if loop.failures or failed_writes else 0)


if __name__ == "__main__":
    main()
