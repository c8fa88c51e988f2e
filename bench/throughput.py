"""Throughput of `tidings extract` against bare spaCy, its memory, and `run --workers`.

    .venv/bin/python bench/throughput.py [--corpus FOLDER] [--compare 1000] [--sizes 1000 4000]
                                         [--run-articles 600] [--run-rounds 1] [--profile 200]
                                         [--growth 0]

On the same input (the BBC corpus, ../shared/corpora/bbc-2225, its files repeated to reach the
counts asked for), in one run:

1. ratio: bare spaCy (`nlp.pipe` over the cleaned texts: the same model with its entity
   rulers, the same batch size, loaded a second time so that neither side warms the other's
   vocabulary and tokenizer cache) and the whole per-article pipeline as `tidings extract`
   runs it (`extract_outcomes`: chunks in memory zones, within the time budget; records
   serialised as it prints them), timed in alternating rounds over the same files so that
   the load of other processes falls on both alike; prints articles/s of each and their
   ratio (the goal: at least 1.2, issue 18; 0.8 before), by the clock and by this process's
   CPU time: on a machine shared with other work the clock ratio moves by a tenth between
   runs, the CPU ratio far less;
2. profile: where the time after parsing goes (each stage, then the top functions);
3. memory: `tidings extract` as a child process over each size, its wall time and peak
   resident memory (`ru_maxrss` from `wait4`), to show memory does not grow with the corpus;
4. workers: `tidings run --workers 1` and `--workers 2` into temporary stores on the same
   files (distinct files, so every article is new), and the speedup (goal: 1.8 on 2 cores),
   in `--run-rounds` alternating pairs; with each run's CPU time (itself and its workers);
5. with `--growth N`: peak memory and spaCy's vocabulary (strings kept between chunks) every
   500 articles of one `extract_outcomes` stream in this process: flat once the first chunks
   have warmed the tokenizer's cache (`parallel.WARM_STRINGS`), whatever N.

The machine's load is printed first and last: other processes make every figure lower.
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.clean.article import Article
from tidings.errors import InputRejected
from tidings.ingest import Document, iter_documents
from tidings.parallel import Done, extract_outcomes, load_knowledge
from tidings.parse import model as parse_model
from tidings.parse.stage import parse_articles
from tidings.pipeline import clean_one
from tidings.settings import Settings, load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"
TIDINGS = Path(sys.executable).with_name("tidings")
ROUND = 100  # articles per alternating round of the ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--compare", type=int, default=1000, help="articles for the ratio")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 4000], help="memory")
    parser.add_argument("--run-articles", type=int, default=600, help="for --workers 1 vs 2")
    parser.add_argument("--run-rounds", type=int, default=1, help="alternating pairs of runs")
    parser.add_argument("--profile", type=int, default=200, help="articles profiled")
    parser.add_argument(
        "--growth", type=int, default=0, help="articles for the in-process memory curve"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such folder")
    corpus = sorted(str(p) for p in args.corpus.rglob("*.txt"))
    settings = load_settings()
    print(f"cores: {os.cpu_count()}; {_load()}")
    if args.compare:
        compare(_repeated(corpus, args.compare), settings=settings)
    if args.profile:
        profile(corpus[: args.profile], settings=settings)
    for size in args.sizes:
        memory(_repeated(corpus, size))
    if args.growth:
        growth(_repeated(corpus, args.growth), settings=settings)
    if args.run_articles:
        workers(corpus[: args.run_articles], rounds=args.run_rounds)
    print(_load())


def compare(files: list[str], *, settings: Settings) -> None:
    """Bare spaCy against the whole pipeline, round by round over the same files: each round
    times bare spaCy on ROUND files, then draws as many articles from one `extract_outcomes`
    stream over all the files (so its chunks, zones and warm-up are those of one run)."""
    parse = settings.parse
    # the same pipeline, a second instance: its own vocabulary and tokenizer cache
    nlp = parse_model._load.__wrapped__(parse.model, parse.max_chars, settings.actors.files)
    batch = parse.batch_size
    next(extract_outcomes(files[:1], settings=settings))  # the model and lexicons, loaded once
    stream = extract_outcomes(files, settings=settings)
    spacy_s = extract_s = spacy_cpu = extract_cpu = 0.0
    articles = 0
    for start in range(0, len(files), ROUND):
        chunk = files[start : start + ROUND]
        texts = [article.text for article in _articles(chunk, settings=settings)]
        began, cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=batch):
            pass
        spacy_s += time.perf_counter() - began
        spacy_cpu += time.process_time() - cpu
        began, cpu = time.perf_counter(), time.process_time()
        out = io.StringIO()
        printed = 0
        while printed < len(texts):
            item = next(stream)
            if isinstance(item, Done):
                out.write(json.dumps(item.record, ensure_ascii=False) + "\n")
                printed += 1
        extract_s += time.perf_counter() - began
        extract_cpu += time.process_time() - cpu
        articles += len(texts)
    print(f"\n1. ratio over {articles} articles (rounds of {ROUND}, batch size {batch}):")
    print(f"   bare spaCy nlp.pipe : {spacy_s:8.1f} s  {articles / spacy_s:6.2f} articles/s"
          f"  (CPU {spacy_cpu:.1f} s)")  # fmt: skip
    print(f"   tidings extract     : {extract_s:8.1f} s  {articles / extract_s:6.2f} articles/s"
          f"  (CPU {extract_cpu:.1f} s)")  # fmt: skip
    print(f"   ratio extract/spaCy : {spacy_s / extract_s:.3f}  (goal >= 1.2); {_load()}")
    print(f"   ratio by CPU time   : {spacy_cpu / extract_cpu:.3f}")


def profile(files: list[str], *, settings: Settings) -> None:
    """Time of each stage after parse, and the functions it goes to."""
    from tidings.actors import resolve_actors
    from tidings.contract import article_record
    from tidings.events import extract_events
    from tidings.places import resolve_places
    from tidings.quotes import extract_quotes
    from tidings.times import extract_times

    knowledge = load_knowledge(settings)
    base = knowledge.base
    articles = list(_articles(files, settings=settings))
    began = time.perf_counter()
    parsed = list(parse_articles(articles, nlp=knowledge.nlp, batch_size=settings.parse.batch_size))
    spacy_s = time.perf_counter() - began
    totals: dict[str, float] = {}

    def stages() -> None:
        clock = _Clock(totals)
        for item in parsed:
            actors = clock.lap("actors", resolve_actors(item, base=base))
            times = clock.lap("times", extract_times(item))
            places = clock.lap("places", resolve_places(item, actors, base=base))
            quotes = clock.lap("quotes", extract_quotes(item, actors))
            events = clock.lap(
                "events", extract_events(item, actors, quotes, times, places, base=base)
            )
            record = article_record(item, actors, quotes, times=times, places=places, events=events)
            clock.lap("record+json", json.dumps(record, ensure_ascii=False))

    stages()  # once to warm every lazy load, then measured under the profiler
    totals.clear()
    profiler = cProfile.Profile()
    profiler.runcall(stages)
    n = len(parsed)
    print(f"\n2. profile of the stages after parse, {n} articles (spaCy: {1000 * spacy_s / n:.1f}"
          " ms/article; stage times include the profiler's overhead):")  # fmt: skip
    for name, seconds in totals.items():
        print(f"   {name:12s} {1000 * seconds / n:6.2f} ms/article")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(25)
    print("   top functions by own time:")
    lines = text.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    for line in lines[start : start + 26]:
        print("   " + line)


def memory(files: list[str]) -> None:
    """`tidings extract` over `files` in a child process: wall time and peak memory."""
    began = time.perf_counter()
    with open(os.devnull, "w") as sink:
        child = subprocess.Popen([str(TIDINGS), "extract", *files], stdout=sink)
        _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    print(f"\n3. tidings extract over {len(files)} articles: {wall:.1f} s "
          f"({len(files) / wall:.2f} articles/s, model loading included), "
          f"peak RSS {usage.ru_maxrss / 1024:.0f} MiB, exit {os.waitstatus_to_exitcode(status)}; "
          f"{_load()}")  # fmt: skip


def growth(files: list[str], *, settings: Settings) -> None:
    """Peak memory of this process and the size of spaCy's vocabulary every 500 articles of
    one `extract_outcomes` stream (between chunks, outside any memory zone: what the
    vocabulary keeps). Without memory zones every new word was kept, until the corpus
    repeated; with them the vocabulary stops growing after the warm-up."""
    import resource

    nlp = load_knowledge(settings).nlp
    print(f"\n5. memory along one extract_outcomes stream of {len(files)} articles "
          f"(the corpus repeats after {len(set(files))}):")  # fmt: skip
    for count, _item in enumerate(extract_outcomes(files, settings=settings), start=1):
        if count % 500 == 0 or count == len(files):
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"   {count:6d} articles: peak RSS {peak:6.0f} MiB, "
                  f"vocabulary {len(nlp.vocab.strings):7d} strings")  # fmt: skip


def workers(files: list[str], *, rounds: int = 1) -> None:
    """`tidings run --workers 1` and `--workers 2` on the same files, into fresh stores, in
    `rounds` alternating pairs: wall time, and the CPU time of each run with its workers
    (`wait4`), which other processes' load changes far less. Two workers can be twice as
    fast only as far as they spend no more CPU than one: 2 x CPU(1) / CPU(2) bounds the
    speedup on an idle machine, before the start-up and the link step that do not divide.
    `files` are distinct, never repeated (a file met twice would be stored once and counted
    present, not parsed): a `--run-articles` above the corpus's size runs the whole corpus."""
    print(f"\n4. run --workers 1 and 2 on {len(files)} distinct files, {rounds} round(s)")
    speedups: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(rounds):
            walls: dict[int, float] = {}
            cpus: dict[int, float] = {}
            for count in (1, 2):
                db = Path(folder) / f"workers{count}-{round_}.duckdb"
                command = [str(TIDINGS), "run", *files, "--db", str(db), "-q",
                           "--workers", str(count)]  # fmt: skip
                began = time.perf_counter()
                with tempfile.TemporaryFile("w+") as errors:
                    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
                    _pid, _status, usage = os.wait4(child.pid, 0)
                    walls[count] = time.perf_counter() - began
                    errors.seek(0)
                    lines = errors.read().strip().splitlines()
                cpus[count] = usage.ru_utime + usage.ru_stime
                summary = lines[-1] if lines else ""
                rate = len(files) / walls[count]
                print(f"\n4. run --workers {count}: {walls[count]:.1f} s ({rate:.2f} articles/s, "
                      f"CPU {cpus[count]:.1f} s); {summary}; {_load()}")  # fmt: skip
            speedups.append(walls[1] / walls[2])
            print(f"   speedup --workers 2 / --workers 1: {speedups[-1]:.2f} (goal >= 1.8); "
                  f"CPU 2 / 1: {cpus[2] / cpus[1]:.3f}, bound 2 x CPU(1) / CPU(2): "
                  f"{2 * cpus[1] / cpus[2]:.2f}")  # fmt: skip
    if rounds > 1:
        print(f"   speedups of {rounds} rounds: {min(speedups):.2f} to {max(speedups):.2f}, "
              f"median {sorted(speedups)[rounds // 2]:.2f}")  # fmt: skip


class _Clock:
    """Adds the time since the previous lap (or its creation) to `totals[name]`."""

    def __init__(self, totals: dict[str, float]) -> None:
        self._totals = totals
        self._last = time.perf_counter()

    def lap(self, name: str, result: Any) -> Any:
        now = time.perf_counter()
        self._totals[name] = self._totals.get(name, 0.0) + now - self._last
        self._last = now
        return result


def _repeated(files: list[str], count: int) -> list[str]:
    """`count` paths: the corpus's files in order, again from the start as often as needed."""
    return [files[i % len(files)] for i in range(count)]


def _articles(files: list[str], *, settings: Settings) -> Iterator[Article]:
    for item in iter_documents(files, settings=settings.ingest):
        if isinstance(item, Document):
            for article in clean_one(item, settings=settings):
                if not isinstance(article, InputRejected):
                    yield article


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


if __name__ == "__main__":
    main()
