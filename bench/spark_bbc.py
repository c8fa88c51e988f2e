"""`tidings spark` on the BBC corpus in local mode: wall time, and what the blocked link step
changes against the local one.

    .venv/bin/python bench/spark_bbc.py [FOLDER] [--master local[*]] [--partitions N]
        [--block-days N] [--out DIR] [--keep]

FOLDER defaults to ../shared/corpora/bbc-2225 (2,225 BBC articles in five topic folders, and
the README at the top, which the ingest reads as one more input). Prints the machine's
`uptime` before and after (the machine may be shared: the load average says how much of it the
job had), the wall time of the job from session start to the last table written and of its
two halves, articles per second, and the rows of every table. Then it runs the local link step
(`tidings.link.link_records`, all records at once) over the articles the job wrote and counts
the clusters and duplicate groups on which the blocked Spark step differs from it.
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

from tidings.ingest import list_inputs
from tidings.link import link_records
from tidings.settings import load_settings
from tidings.spark import spark_session
from tidings.spark.job import DEFAULT_BLOCK_DAYS, extract_tables, link_tables

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def compare_link(out: Path) -> None:
    """The blocked link step against the local one, on the same records."""
    connection = duckdb.connect()
    records = [
        json.loads(row[0])
        for row in connection.execute(
            f"SELECT record FROM read_parquet('{out}/articles/*.parquet') ORDER BY seq"
        ).fetchall()
    ]
    started = time.perf_counter()
    local = link_records(records)
    print(f"local link step over {len(records)} records: {time.perf_counter() - started:.1f} s")
    spark_clusters = {
        tuple(sorted(ids))
        for (ids,) in connection.execute(
            f"SELECT list(event_id) FROM read_parquet('{out}/cluster_members/*.parquet') "
            "GROUP BY cluster_id"
        ).fetchall()
    }
    local_clusters = {tuple(sorted(m.event_id for m in c.members)) for c in local.clusters}
    same = len(spark_clusters & local_clusters)
    print(
        f"event clusters: local {len(local_clusters)}, spark {len(spark_clusters)}, identical "
        f"{same}; local only {len(local_clusters - spark_clusters)}, spark only "
        f"{len(spark_clusters - local_clusters)}"
    )
    spark_groups = {
        tuple(sorted(ids))
        for (ids,) in connection.execute(
            f"SELECT list(article_id) FROM read_parquet('{out}/duplicate_groups/*.parquet') "
            "GROUP BY group_id"
        ).fetchall()
    }
    local_groups = {tuple(group.members) for group in local.duplicates}
    print(
        f"duplicate groups: local {len(local_groups)}, spark {len(spark_groups)}, "
        f"identical {len(spark_groups & local_groups)}"
    )
    links = connection.execute(
        f"SELECT count(*) FROM read_parquet('{out}/cluster_links/*.parquet')"
    ).fetchone()
    print(f"cluster links: local {len(local.links)}, spark {links[0] if links else 0}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--block-days", type=int, default=DEFAULT_BLOCK_DAYS)
    parser.add_argument("--out", type=Path, default=None, help="default: a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the output folder")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder} is not a folder")
    out = args.out or Path(tempfile.mkdtemp(prefix="tidings-spark-")) / "out"
    inputs = list_inputs([str(args.folder)])
    print(f"inputs: {len(inputs)} files under {args.folder}")
    print(f"before: {uptime()}")
    conf = [("spark.ui.showConsoleProgress", "false"), ("spark.sql.shuffle.partitions", "8")]
    started = time.perf_counter()
    spark = spark_session(args.master, conf)
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter()
    partitions = args.partitions or max(spark.sparkContext.defaultParallelism * 4, 1)
    try:
        rejected, counts = extract_tables(
            spark, inputs, out, settings=load_settings(), partitions=partitions, mode="overwrite"
        )
        extracted = time.perf_counter()
        counts.update(link_tables(spark, out, block_days=args.block_days, mode="overwrite"))
        linked = time.perf_counter()
    finally:
        spark.stop()
    print(f"after:  {uptime()}")
    total = linked - started
    articles = counts.get("articles", 0)
    print(
        f"master {args.master}, {partitions} partitions: wall {total:.1f} s "
        f"(session {session - started:.1f} s, per-article stages {extracted - session:.1f} s, "
        f"link step {linked - extracted:.1f} s); {articles / total:.1f} articles/s overall, "
        f"{articles / (extracted - session):.1f} articles/s in the per-article stages"
    )
    print(f"rejected inputs: {len(rejected)}")
    for table, rows in counts.items():
        print(f"  {table:17} {rows:8d} rows")
    compare_link(out)
    if args.keep or args.out:
        print(f"tables in {out}")
    else:
        shutil.rmtree(out.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
