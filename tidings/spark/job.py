"""`tidings spark`: the per-article stages and the link step as one PySpark job.

1. The inputs are listed on the driver as the ingest lists them (folders walked in name
   order, junk skipped) and spread over `partitions` partitions of consecutive inputs.
2. `mapPartitions` runs `extract_stream` over each partition's inputs (the model loaded once
   per Python worker) and emits the rows of every per-article table, built by the store's own
   row builders (`tidings.spark.rows`).
3. As the store does, a document is kept once (its first path), an article id once (its first
   copy, with its layer rows), and articles are numbered (`seq`) in input order. Each table is
   written as Parquet under OUTPUT/<table>/ with the store's column names and types.
4. The link step reads OUTPUT/articles back: event mentions are grouped by their block key
   (a DataFrame groupBy) and each block is linked by `tidings.link` in a Python task
   (`tidings.spark.link`); duplicates are found by LSH bucket joins. The threat/response links
   between clusters need every cluster, so they are found on the driver from the finished
   clusters (`tidings.link.responses.find_links`, as the local step does).
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tidings.errors import ConfigError
from tidings.ingest import list_inputs
from tidings.link import load_link_knowledge
from tidings.link.duplicates import MIN_WORDS
from tidings.link.responses import find_links
from tidings.settings import Settings
from tidings.spark import link as blocks
from tidings.spark.extract import REJECTED, Tagged, extract_partition
from tidings.spark.rows import cluster_row, duplicate_rows, link_row, member_rows
from tidings.spark.schemas import ARTICLE_TABLES, spark_schema

DEFAULT_MASTER = "local[*]"
# Inputs per partition when --partitions is not given: small enough to spread a folder of
# files over every core, large enough that one task parses a few spaCy batches.
INPUTS_PER_PARTITION = 64
# Publication-date buckets of the event blocks, in days (0: no date bucketing).
DEFAULT_BLOCK_DAYS = 365


@dataclass(frozen=True, slots=True)
class SparkSummary:
    """What one job read and wrote: inputs listed, inputs rejected (path, reason), and the
    rows written per table."""

    inputs: int
    rejected: tuple[tuple[str, str], ...]
    rows: dict[str, int] = field(default_factory=dict)

    def sentence(self) -> str:
        articles = self.rows.get("articles", 0)
        clusters = self.rows.get("event_clusters", 0)
        return (
            f"wrote {articles} articles from {self.inputs} inputs; {len(self.rejected)} "
            f"rejected; {clusters} event clusters of {self.rows.get('cluster_members', 0)} "
            f"event reports; {self.rows.get('duplicate_groups', 0)} duplicate-group rows"
        )


def _under_spark_submit() -> bool:
    """Whether this process was started by spark-submit (which then owns the master)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def spark_session(master: str | None, conf: Sequence[tuple[str, str]] = ()) -> Any:
    """A SparkSession: on `master` when given; else spark-submit's, or local[*] when run
    directly. Run directly, the Python workers use this interpreter."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("tidings")
    if master is None and not _under_spark_submit():
        master = DEFAULT_MASTER
    if master is not None:
        builder = builder.master(master)
        if master.startswith("local"):
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    for key, value in conf:
        builder = builder.config(key, value)
    return builder.getOrCreate()


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def table_path(out: str | os.PathLike[str], table: str) -> str:
    """Where `table` goes under `out`: a local folder or any URI Spark writes to
    (`hdfs://...`, `s3a://...`)."""
    return str(out).rstrip("/") + "/" + table


def _write(spark: Any, rdd: Any, table: str, out: str | os.PathLike[str], mode: str) -> int:
    """Write `rdd`'s rows as table `table` under `out`; return how many rows that was."""
    written = spark.sparkContext.accumulator(0)

    def counted(rows: Iterator[Any]) -> Iterator[Any]:
        for row in rows:
            written.add(1)
            yield row

    frame = spark.createDataFrame(rdd.mapPartitions(counted), schema=spark_schema(table))
    frame.write.mode(mode).parquet(table_path(out, table))
    return int(written.value)


def _first(a: tuple[tuple[int, int], Any], b: tuple[tuple[int, int], Any]) -> Any:
    return a if a[0] <= b[0] else b


def extract_tables(
    spark: Any,
    inputs: list[str],
    out: str | os.PathLike[str],
    *,
    settings: Settings,
    partitions: int,
    mode: str,
) -> tuple[tuple[tuple[str, str], ...], dict[str, int]]:
    """Steps 1-3: the per-article tables under `out`; returns the rejections and row counts."""
    from pyspark import StorageLevel

    sc = spark.sparkContext
    now = _utc_now()
    indexed = sc.parallelize(list(enumerate(inputs)), numSlices=partitions)

    def run(part: Iterator[tuple[int, str]]) -> Iterator[Tagged]:
        return extract_partition(part, settings=settings, now=now)

    tagged = indexed.mapPartitions(run).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rejected = tuple(
            (str(row[0]), str(row[1]))
            for _table, _order, row in tagged.filter(lambda t: t[0] == REJECTED).collect()
        )
        # The first copy of each article id wins, as in the store; the others' rows go.
        articles = tagged.filter(lambda t: t[0] == "articles")
        firsts = articles.map(lambda t: (t[2][0], (t[1], t[2]))).reduceByKey(_first)
        dropped = set(
            articles.map(lambda t: (t[2][0], t[1]))
            .groupByKey()
            .flatMap(lambda kv: [(kv[0], o) for o in sorted(kv[1])[1:]])
            .collect()
        )
        gone = sc.broadcast(dropped)
        # seq: the rank of the article in input order, from 1.
        numbered = (
            firsts.values()
            .sortBy(lambda pair: pair[0])
            .zipWithIndex()
            .map(lambda pair: (pair[0][1][0], pair[1] + 1, *pair[0][1][2:]))
        )
        documents = (
            tagged.filter(lambda t: t[0] == "documents")
            .map(lambda t: (t[2][0], (t[1], t[2])))
            .reduceByKey(_first)
            .map(lambda kv: kv[1][1])
        )
        counts = {
            "documents": _write(spark, documents, "documents", out, mode),
            "articles": _write(spark, numbered, "articles", out, mode),
        }
        for table in ARTICLE_TABLES[2:]:
            rows = tagged.filter(
                lambda t, name=table: t[0] == name and (t[2][0], t[1]) not in gone.value
            ).map(lambda t: t[2])
            counts[table] = _write(spark, rows, table, out, mode)
    finally:
        tagged.unpersist()
    return rejected, counts


def link_tables(
    spark: Any, out: str | os.PathLike[str], *, block_days: int, mode: str
) -> dict[str, int]:
    """Step 4: the link step's tables under `out`, from the articles written there."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    sc = spark.sparkContext
    articles = spark.read.parquet(table_path(out, "articles")).select("id", "seq", "text", "record")

    # Event clusters: a DataFrame of blocked mentions, grouped by block, linked per block.
    def keyed(rows: Iterator[Any]) -> Iterator[tuple[Any, ...]]:
        knowledge = load_link_knowledge()
        for row in rows:
            record = json.loads(row["record"])
            for key, mention in blocks.blocked_mentions(
                record, block_days=block_days, knowledge=knowledge
            ):
                yield (*key, pickle.dumps(mention, protocol=pickle.HIGHEST_PROTOCOL))

    mention_schema = T.StructType(
        [
            T.StructField("family", T.StringType(), False),
            T.StructField("status_group", T.StringType(), False),
            T.StructField("source_country", T.StringType(), False),
            T.StructField("target_country", T.StringType(), False),
            T.StructField("bucket", T.LongType(), False),
            T.StructField("mention", T.BinaryType(), False),
        ]
    )
    mentions = spark.createDataFrame(articles.rdd.mapPartitions(keyed), schema=mention_schema)
    grouped = mentions.groupBy(
        "family", "status_group", "source_country", "target_country", "bucket"
    ).agg(F.collect_list("mention").alias("mentions"))
    clusters = grouped.rdd.flatMap(
        lambda row: blocks.cluster_block(pickle.loads(m) for m in row["mentions"])
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        ordered = sorted(clusters.collect(), key=blocks.cluster_order)
        links = find_links(ordered, load_link_knowledge())
        del ordered
        by_cluster: dict[str, list[Any]] = {}
        for link in links:
            by_cluster.setdefault(link.source_cluster, []).append(link)
            by_cluster.setdefault(link.target_cluster, []).append(link)
        shared = sc.broadcast(by_cluster)
        counts = {
            "event_clusters": _write(
                spark,
                clusters.map(lambda c: cluster_row(c, shared.value.get(c.id, []))),
                "event_clusters",
                out,
                mode,
            ),
            "cluster_members": _write(
                spark, clusters.flatMap(member_rows), "cluster_members", out, mode
            ),
            "cluster_links": _write(
                spark, sc.parallelize([link_row(k) for k in links], 1), "cluster_links", out, mode
            ),
        }
    finally:
        clusters.unpersist()
    counts["duplicate_groups"] = _write(
        spark, sc.parallelize(_duplicate_rows(spark, articles), 1), "duplicate_groups", out, mode
    )
    return counts


def _duplicate_rows(spark: Any, articles: Any) -> list[tuple[Any, ...]]:
    """The duplicate_groups rows: exact classes by key, near pairs by LSH bucket joins."""
    from pyspark import StorageLevel

    prints = (
        articles.rdd.map(lambda r: blocks.text_fingerprint(r["id"], r["seq"], r["text"]))
        .filter(lambda f: f is not None)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    try:
        # One representative per exact text (the first stored): near pairs are between texts.
        reps = (
            prints.map(lambda f: (f[2], f))
            .reduceByKey(lambda a, b: a if a[1] <= b[1] else b)
            .values()
            .filter(lambda f: f[3] >= MIN_WORDS)
        )
        candidates = (
            reps.flatMap(lambda f: [(band, f[2]) for band in f[5]])
            .groupByKey()
            .flatMap(lambda kv: blocks.candidate_pairs(kv[1]))
            .distinct()
        )
        shingles = reps.map(lambda f: (f[2], f[4]))
        near = (
            candidates.join(shingles)
            .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
            .join(shingles)
            .filter(lambda kv: blocks.near_enough(kv[1][0][1], kv[1][1]))
            .map(lambda kv: (kv[1][0][0], kv[0]))
            .collect()
        )
        near_keys = {key for pair in near for key in pair}
        wanted = spark.sparkContext.broadcast(near_keys)
        classes = (
            prints.map(lambda f: (f[2], (f[1], f[0])))
            .groupByKey()
            .mapValues(lambda ids: [article for _seq, article in sorted(ids)])
            .filter(lambda kv: len(kv[1]) > 1 or kv[0] in wanted.value)
            .collect()
        )
    finally:
        prints.unpersist()
    groups = blocks.duplicate_groups(classes, near)
    return [row for group in groups for row in duplicate_rows(group)]


def run_spark_job(
    inputs: Sequence[str],
    output: str | os.PathLike[str],
    *,
    settings: Settings,
    spark: Any,
    partitions: int | None = None,
    block_days: int = DEFAULT_BLOCK_DAYS,
    overwrite: bool = False,
) -> SparkSummary:
    """Every table under `output` (one Parquet folder each) from the articles of `inputs`."""
    listed = list_inputs(inputs)
    if not listed:
        raise ConfigError("input", "no input files found")
    if partitions is None:
        partitions = max(1, min(len(listed), -(-len(listed) // INPUTS_PER_PARTITION)))
        partitions = max(partitions, min(len(listed), spark.sparkContext.defaultParallelism))
    mode = "overwrite" if overwrite else "errorifexists"
    rejected, counts = extract_tables(
        spark, listed, output, settings=settings, partitions=partitions, mode=mode
    )
    counts.update(link_tables(spark, output, block_days=block_days, mode=mode))
    return SparkSummary(inputs=len(listed), rejected=rejected, rows=counts)
