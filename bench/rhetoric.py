"""Articles per second per core of `find_rhetoric` over the seed articles (or any
directory of articles) repeated.

Run: python3 bench/rhetoric.py [--repeat N] [--articles DIR]

Two figures: with the document already cleaned (the pipeline's path: `analyse` cleans once
and hands the result to every analyser) and standalone (`find_rhetoric` cleaning itself).
Rates are per CPU second of this process, so they hold per core even when the machine is
busy; the wall-clock rate is printed beside them. The bar, 300 articles/s per core, is
judged on the first figure: the cost of cleaning belongs to bilan.cleaning and is paid once
per document whatever the analysers.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from bilan.cleaning import clean
from bilan.reading import read_path
from bilan.rhetoric import find_rhetoric, lexicon

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = Path(os.environ.get("BILAN_SHARED", ROOT.parent / "shared")) / "seeds"
BAR = 300


def rate(label: str, count: int, words: int, run: Callable[[], None], *, judged: bool) -> float:
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    per_core = count / cpu
    verdict = ("ok" if per_core >= BAR else f"BELOW the bar of {BAR}") if judged else "(for information)"
    print(
        f"{label:<34} {per_core:8.0f} articles/s per core ({count / wall:.0f}/s wall clock, "
        f"{words / cpu / 1000:.0f}k words/s)  {verdict}"
    )
    return per_core


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100, help="times each article is analysed (default 100)")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="directory of .txt articles (default: the seeds)")
    args = parser.parse_args()
    paths = sorted(args.articles.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt article in {args.articles}")
    documents = [document for path in paths for document in read_path(path)] * args.repeat
    for lang in {document.lang for document in documents}:
        lexicon(lang)  # compiled once per process; not part of the per-article cost
    cleaned = [clean(document) for document in documents]
    words = sum(find_rhetoric(d, c).words for d, c in zip(documents[: len(paths)], cleaned)) * args.repeat
    print(f"{len(paths)} articles x {args.repeat} ({words // len(documents)} words each on average)")
    rate(
        "find_rhetoric, document cleaned",
        len(documents),
        words,
        lambda: [find_rhetoric(d, c) for d, c in zip(documents, cleaned)],
        judged=True,
    )
    rate("find_rhetoric standalone (+clean)", len(documents), words, lambda: [find_rhetoric(d) for d in documents], judged=False)


if __name__ == "__main__":
    main()
