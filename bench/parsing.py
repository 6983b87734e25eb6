"""Articles per second of `find_numbers` (and `find_dates`) over the seed articles
repeated, next to a bare `re.finditer(r"\\d+", text)` scan of the same texts.

Run: python3 bench/parsing.py [--repeat N] [--rounds N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import os
import re
import time
from pathlib import Path

from bilan.dating import find_dates
from bilan.numbers import find_numbers

ROOT = Path(__file__).resolve().parents[1]
BARE_SCAN = re.compile(r"\d+")


def rate(texts: list[str], run) -> float:
    """Articles per second of one pass of `run` over `texts`."""
    started = time.perf_counter()
    for text in texts:
        run(text)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400, help="times each seed is read")
    parser.add_argument("--rounds", type=int, default=5, help="passes; the fastest counts")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared")))
    args = parser.parse_args()
    seeds = sorted((args.shared / "seeds").glob("0*.txt"))
    if not seeds:
        raise SystemExit(f"no seed articles under {args.shared / 'seeds'}")
    texts = [path.read_text(encoding="utf-8") for path in seeds] * args.repeat
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(
        f"{len(texts)} articles ({len(seeds)} seeds x {args.repeat}), "
        f"{words:.0f} words each on average, best of {args.rounds} passes"
    )
    for text in texts[: len(seeds)]:  # warm the regex and text2num caches
        find_numbers(text, "fr")
        find_dates(text, "fr", "2024-11-12")
    scans = {
        "bare re.finditer(r'\\d+')": lambda t: sum(1 for _ in BARE_SCAN.finditer(t)),
        "find_numbers": lambda t: find_numbers(t, "fr"),
        "find_dates": lambda t: find_dates(t, "fr", "2024-11-12"),
    }
    # The machine is shared: keep each scan's fastest pass (the least slowed by other
    # work, as `timeit` does), with passes interleaved so that load changes hit all alike.
    rates = {label: 0.0 for label in scans}
    for _ in range(args.rounds):
        for label, run in scans.items():
            rates[label] = max(rates[label], rate(texts, run))
    for label, per_second in rates.items():
        print(f"{label:<28} {per_second:>10,.0f} articles/s  ({1000 / per_second:.3f} ms each)")
    bare = rates["bare re.finditer(r'\\d+')"]
    print(
        f"find_numbers is {bare / rates['find_numbers']:.1f}x slower than the bare scan; "
        f"find_dates {bare / rates['find_dates']:.1f}x"
    )


if __name__ == "__main__":
    main()
