"""Seventy slow clients and one normal one against `bilan serve` on 127.0.0.1: print the
normal client's answers and latency, and when the server cut the slow ones.

    python3 bench/slow_clients.py [--slow 70] [--seconds 40] [--db FILE] [--unguarded]

Each slow client opens a connection and sends a request head one byte every 5 s (a
slowloris: each byte keeps any idle timer from firing, and the head never ends). Once
they are all connected, the normal client sends `GET /api/overview` on a new connection
every second. Everything is bounded: `--slow` sockets, `--seconds` of run, 10 s per
normal request.

The server is the real command (`bilan serve`), whose protocol gives a connection
`HEADER_SECONDS` to send a complete request head and, at `MAX_CONNECTIONS`, closes the one
that has waited longest (`bilan.websecurity.GuardedH11Protocol`). `--unguarded` serves the
same app with uvicorn's own h11 protocol and the settings `serve` had before
(limit_concurrency 64, no head timeout), for comparison.
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
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import SHARED, build_corpus, free_port

BYTE_EVERY = 5.0
HEAD = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 200


def slow_client(port: int, stop: threading.Event, cut_after: list[float]) -> None:
    """Trickle a request head that never ends; record after how long the server cut us."""
    opened = time.monotonic()
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        cut_after.append(0.0)
        return
    sock.settimeout(0.2)
    try:
        for byte in HEAD:
            sock.send(bytes([byte]))
            waited_until = time.monotonic() + BYTE_EVERY
            while time.monotonic() < waited_until:
                if stop.is_set():
                    return
                try:
                    sock.recv(1024)  # b"" (closed) or an answer (408) before the close
                except TimeoutError:
                    continue
                cut_after.append(time.monotonic() - opened)
                return
    except OSError:
        cut_after.append(time.monotonic() - opened)
    finally:
        sock.close()


def start_server(database: Path, port: int, unguarded: bool) -> subprocess.Popen:
    env = dict(os.environ, BILAN_RECORD=str(SHARED / "reference"))
    if unguarded:
        code = (
            "import sys, uvicorn; from bilan.web import create_app; "
            "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', "
            "http='h11', limit_concurrency=64, timeout_keep_alive=5, h11_max_incomplete_event_size=65536)"
        )
        command = [sys.executable, "-c", code, str(database), str(port)]
    else:
        command = [sys.executable, "-m", "bilan", "serve", "--db", str(database), "--port", str(port)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def wait_ready(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(base + "/api/overview", timeout=5)
            return
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=70, help="slow sockets (at most 500)")
    parser.add_argument("--seconds", type=float, default=40, help="length of the run (at most 300)")
    parser.add_argument("--documents", type=int, default=200, help="size of the corpus built when no --db")
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) this corpus")
    parser.add_argument("--unguarded", action="store_true", help="uvicorn's plain h11 protocol, for comparison")
    args = parser.parse_args()
    slow_count, seconds = min(args.slow, 500), min(args.seconds, 300)

    database = args.db or Path(tempfile.mkdtemp(prefix="bilan-bench-slow-")) / "corpus.duckdb"
    if not database.exists():
        build_corpus(database, args.documents)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(database, port, args.unguarded)
    stop = threading.Event()
    cut_after: list[float] = []
    answers: list[tuple[float, str, float]] = []  # (time since start, status, latency ms)
    try:
        wait_ready(base, server)
        threads = [threading.Thread(target=slow_client, args=(port, stop, cut_after), daemon=True) for _ in range(slow_count)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # every slow socket connected and trickling
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            sent = time.monotonic()
            try:
                with httpx.Client(timeout=10) as client:  # a new connection each time, as a new visitor
                    status = str(client.get(base + "/api/overview").status_code)
            except httpx.HTTPError as problem:
                status = type(problem).__name__
            latency = (time.monotonic() - sent) * 1000
            answers.append((sent - started, status, latency))
            time.sleep(max(0.0, 1.0 - (time.monotonic() - sent)))
        stop.set()
        for thread in threads:
            thread.join(timeout=2)
    finally:
        server.terminate()
        server.wait(timeout=15)

    mode = "uvicorn h11, limit_concurrency 64 (unguarded)" if args.unguarded else "bilan serve (GuardedH11Protocol)"
    print(
        f"{mode}: {slow_count} slow sockets (a head byte every {BYTE_EVERY:g} s), one normal client, "
        f"{seconds:g} s, 127.0.0.1; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'t s':>6} {'answer':>12} {'ms':>8}")
    for at, status, latency in answers:
        print(f"{at:6.1f} {status:>12} {latency:8.1f}")
    counts = Counter(status for _, status, _ in answers)
    latencies = sorted(latency for _, status, latency in answers if status == "200")
    print("normal client: " + ", ".join(f"{n} x {status}" for status, n in counts.most_common()))
    if latencies:
        print(f"normal client latency of its 200s: p50 {statistics.median(latencies):.1f} ms, max {latencies[-1]:.1f} ms")
    if cut_after:
        cut = sorted(cut_after)
        print(
            f"slow sockets cut by the server: {len(cut)} of {slow_count}, after {cut[0]:.1f} s (first), "
            f"{statistics.median(cut):.1f} s (median), {cut[-1]:.1f} s (last)"
        )
    else:
        print(f"slow sockets cut by the server: 0 of {slow_count} (all still open at the end)")


if __name__ == "__main__":
    main()
