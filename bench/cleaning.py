"""Articles per second of reading and cleaning: `read_text` + `clean` over the seed
articles repeated, and each stage alone. Wall-clock and CPU time are both printed,
since the machine may be shared; the pipeline target is >= 125 articles/s per core.

Run: python3 bench/cleaning.py [--repeat N] [--shared PATH]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bilan.cleaning import clean
from bilan.reading import read_text

ROOT = Path(__file__).resolve().parents[1]


def rate(label: str, items: list[Any], run: Callable[[Any], object]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        run(item)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<22} {len(items) / wall:>8,.0f} articles/s wall  {len(items) / cpu:>8,.0f} articles/s CPU"
          f"  ({cpu * 1000 / len(items):.3f} ms CPU each)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=400, help="times each seed is processed")
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared")))
    args = parser.parse_args()
    seeds = sorted((args.shared / "seeds").glob("0*.txt"))
    if not seeds:
        raise SystemExit(f"no seed articles under {args.shared / 'seeds'}")
    texts = [path.read_text(encoding="utf-8") for path in seeds] * args.repeat
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(f"{len(texts)} articles ({len(seeds)} seeds x {args.repeat}), {words:.0f} words each on average")
    documents = [read_text(text) for text in texts[: len(seeds)]] * args.repeat  # also warms up
    rate("read_text", texts, read_text)
    rate("clean", documents, clean)
    rate("read_text + clean", texts, lambda text: clean(read_text(text)))


if __name__ == "__main__":
    main()
