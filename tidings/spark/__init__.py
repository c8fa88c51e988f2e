"""Tidings on Spark (issue 8): the per-article stages as a PySpark job writing every table
as Parquet, and the cross-article link step in blocks. pyspark is an optional extra
(`pip install tidings[spark]`); nothing here imports it until a job runs. See docs/spark.md.
"""

from tidings.spark.job import SparkSummary, run_spark_job, spark_session

__all__ = ["SparkSummary", "run_spark_job", "spark_session"]
