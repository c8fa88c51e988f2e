"""The incremental link step's cost as the store grows: the time to store and link 20 new
articles in stores of increasing size, its extra cost per 1,000 stored articles (target
<= 0.4 s), and the time to add 1,000 articles to stores of the sizes given.

    .venv/bin/python bench/incremental.py [--corpus FOLDER] [--articles N] [--sizes 1000 5000]

The corpus (default ../shared/corpora/bbc-2225) is extracted once (`--articles` of it; spaCy,
minutes) and cached in /tmp/tidings-bench/incremental-outcomes.pickle; stores are then made
of copies of those articles with distinct ids (the article id and every id derived from it
renamed), linked whole once, and timed on incremental adds (`tidings.runner.link_store`).
Copies of one text are exact duplicates of each other, so the duplicate groups grow with the
store, as they would not in real news: a harsher case than a real store.
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from tidings.parallel import Done, extract_outcomes
from tidings.runner import link_store
from tidings.settings import load_settings
from tidings.store import Store

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"
CACHE = Path("/tmp/tidings-bench/incremental-outcomes.pickle")
SMALL_ADD = 20


def _outcomes(corpus: Path, articles: int) -> list[Done]:
    if CACHE.exists():
        cached: list[Done] = pickle.loads(CACHE.read_bytes())
        if len(cached) >= articles:
            return cached[:articles]
    started = time.perf_counter()
    found: list[Done] = []
    for item in extract_outcomes([str(corpus)], settings=load_settings()):
        if isinstance(item, Done):
            found.append(item)
            if len(found) >= articles:
                break
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps(found))
    print(
        f"extracted {len(found)} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )
    return found


# Days between two rounds of copies when `--dated-days` is given: the first round's date.
_FIRST_DAY = date(2020, 1, 1)


def _copy(done: Done, round_: int, dated_days: int) -> Done:
    """The article again under a new id (and a new document), its record renamed to match;
    with `dated_days`, published that many days after the round before."""
    old = done.article.id
    new = f"{old}r{round_}"
    sha = hashlib.sha256(f"{done.article.document.sha256}:{round_}".encode()).hexdigest()
    record = json.loads(json.dumps(done.record).replace(old, new))
    if dated_days:
        day = _FIRST_DAY + timedelta(days=round_ * dated_days)
        record["published"] = {"value": day.isoformat(), "precision": "day", "basis": "publication"}
    document = replace(
        done.article.document, sha256=sha, path=f"{done.article.document.path}#{round_}"
    )
    return Done(replace(done.article, id=new, document=document), record)


def _copies(base: list[Done], start: int, count: int, dated_days: int) -> list[Done]:
    return [
        _copy(base[i % len(base)], i // len(base), dated_days) for i in range(start, start + count)
    ]


def _add(store: Store, batch: list[Done], block_days: int) -> float:
    started = time.perf_counter()
    store.add([(d, d.record) for d in batch])
    link_store(store, whole=False, block_days=block_days)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=500, help="distinct articles extracted")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument(
        "--dated-days",
        type=int,
        default=0,
        help="publish each round of copies this many days after the one before (0: as read)",
    )
    parser.add_argument(
        "--block-days", type=int, default=0, help="date buckets of the link blocks (0: none)"
    )
    args = parser.parse_args()
    dated, days = args.dated_days, args.block_days
    base = _outcomes(args.corpus, args.articles)
    small: list[tuple[int, float]] = []
    print("stored   add 20 (s)   add 1,000 (s)")
    with tempfile.TemporaryDirectory() as folder:
        for size in sorted(args.sizes):
            with Store.open(Path(folder) / f"store-{size}.duckdb") as store:
                for start in range(0, size, 1000):
                    batch = _copies(base, start, min(1000, size - start), dated)
                    store.add([(d, d.record) for d in batch])
                link_store(store, whole=True, block_days=days)
                twenty = _add(store, _copies(base, size, SMALL_ADD, dated), days)
                thousand = _add(store, _copies(base, size + SMALL_ADD, 1000, dated), days)
            small.append((size, twenty))
            print(f"{size:>6}   {twenty:>10.2f}   {thousand:>13.2f}", flush=True)
    (first, t1), (last, t2) = small[0], small[-1]
    if last > first:
        per = (t2 - t1) / ((last - first) / 1000)
        print(
            f"extra cost of adding {SMALL_ADD} articles: {per:.3f} s per 1,000 stored "
            "(target <= 0.4)"
        )


if __name__ == "__main__":
    main()
