"""The time limit of one analysis on `bilan serve`: what a visitor gets, how long it takes,
and that the stopped worker is replaced and the next check is answered.

    python3 bench/check_limit.py [--seconds 2] [--db FILE]

The server is the real command with `--check-seconds SECONDS` on 127.0.0.1, over
bench/serve.py's corpus (300 articles built when no --db). POST /api/check is sent, in
turn, a short article, 400 kB of articles, 400 kB of French number words and the short
article again; each line prints the answer, its time and the server's worker processes
(after a stopped analysis the bench waits 8 s: the replacement worker spawns and warms up,
and a check sent meanwhile would wait for it within its own limit).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import SHARED, build_corpus, free_port

ROOT = Path(__file__).resolve().parents[1]
SHORT = "date: 2023-01-05\n\nSelon l'état-major ukrainien, au moins 97 480 soldats russes ont été tués.\n"


def workers(pid: int) -> list[int]:
    found = []
    for child in psutil.Process(pid).children():
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "spawn_main" in " ".join(child.cmdline()):
                found.append(child.pid)
        except psutil.Error:
            continue
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="the server's --check-seconds")
    parser.add_argument("--db", type=Path, help="reuse (or build and keep) this corpus")
    args = parser.parse_args()
    database = args.db or Path(tempfile.mkdtemp(prefix="bilan-bench-limit-")) / "corpus.duckdb"
    if not database.exists():
        build_corpus(database, 300)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bilan",
            "serve",
            "--db",
            str(database),
            "--port",
            str(port),
            "--check-seconds",
            str(args.seconds),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ, BILAN_RECORD=str(SHARED / "reference")),
    )
    article = (ROOT / "examples" / "articles" / "fr_wire_01.txt").read_text(encoding="utf-8")
    texts = [
        ("short article", SHORT),
        ("400 kB of articles", (article * 1000)[:399_000]),
        ("400 kB of 'mille'", ("mille " * 70_000)[:399_000]),
        ("short article", SHORT),
    ]
    try:
        deadline = time.monotonic() + 120
        while len(workers(server.pid)) < 2 or time.monotonic() < deadline - 110:  # up, workers started and warm
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.5)
        time.sleep(5)
        print(
            f"bilan serve --check-seconds {args.seconds:g}; load average {os.getloadavg()[0]:.1f} on "
            f"{os.cpu_count()} cores; workers {workers(server.pid)}"
        )
        for label, text in texts:
            started = time.monotonic()
            answer = httpx.post(base + "/api/check", json={"text": text}, timeout=120)
            elapsed = time.monotonic() - started
            detail = "" if answer.status_code == 200 else answer.json()["detail"]
            # A stopped worker's replacement spawns and warms up (seconds on a busy machine);
            # a check sent meanwhile waits for it, within its own time limit.
            time.sleep(1 if answer.status_code == 200 else 8)
            print(f"{label:20} HTTP {answer.status_code} in {elapsed:5.2f} s  workers {workers(server.pid)}  {detail}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
