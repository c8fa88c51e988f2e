"""The link step's time on 500, 1,000 and 2,225 BBC articles: near-linear growth.

    .venv/bin/python bench/link_scaling.py [--records FILE] [--corpus FOLDER] [--cache FILE]
        [--repeat N]

The link step is `tidings.link.link_records`: duplicate articles (`find_duplicates`), event
mentions from the records, clusters, dates propagated, discrepancies, threat and response
links. Its input is contract records: `--records FILE` (JSON lines as `tidings extract FOLDER
--format jsonl > FILE` prints them), else the cache file (default
/tmp/tidings-bench/bbc-records.jsonl), else the corpus is extracted once with
`tidings.pipeline.extract_stream` (minutes: spaCy on every article) and cached there.

Prints, per size: articles, mentions, clusters, links, the best time of `--repeat` runs, the
time per mention, and the ratio of time per mention to that of the smallest size (near 1 is
linear; all-pairs would grow with the size).
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from tidings.errors import InputRejected
from tidings.link import link_records, mentions_from_record
from tidings.pipeline import extract_stream
from tidings.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"
DEFAULT_CACHE = Path("/tmp/tidings-bench/bbc-records.jsonl")
SIZES = (500, 1000, 2225)


def _extract(corpus: Path, cache: Path) -> None:
    """Extract every article of `corpus` once and write the records to `cache`."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".part")
    started = time.perf_counter()
    with partial.open("w", encoding="utf-8") as out:
        for item in extract_stream([str(corpus)], settings=load_settings()):
            if isinstance(item, InputRejected):
                print(f"rejected: {item}", file=sys.stderr)
                continue
            out.write(json.dumps(item.record) + "\n")
    partial.replace(cache)
    print(f"extracted {corpus} in {time.perf_counter() - started:.0f} s → {cache}", file=sys.stderr)


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="JSON lines from `tidings extract`")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    source = args.records or args.cache
    if args.records is None and not args.cache.exists():
        _extract(args.corpus, args.cache)
    records = _load(source)
    print(f"{len(records)} records from {source}")
    link_records(records[:50])  # load the knowledge before timing
    print(
        f"{'articles':>8} {'mentions':>8} {'clusters':>8} {'links':>6} {'seconds':>8} "
        f"{'µs/mention':>10} {'ratio':>6}"
    )
    first = None
    for size in SIZES:
        chosen = records[:size]
        mentions = sum(len(mentions_from_record(r)) for r in chosen)
        best = float("inf")
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            result = link_records(chosen)
            best = min(best, time.perf_counter() - started)
        per = best / max(1, mentions) * 1e6
        first = first or per
        print(
            f"{len(chosen):>8} {mentions:>8} {len(result.clusters):>8} {len(result.links):>6} "
            f"{best:>8.2f} {per:>10.1f} {per / first:>6.2f}"
        )


if __name__ == "__main__":
    main()
