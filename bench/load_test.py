"""Load test of the HTTP API on loopback: requests/s and latency of event queries.

    .venv/bin/python bench/load_test.py --db STORE.duckdb [--requests 2000] [--seconds 60]
        [--concurrency 8] [--port 8765]
    .venv/bin/python bench/load_test.py --build FOLDER --db NEW.duckdb   # store FOLDER first
    .venv/bin/python bench/load_test.py --db STORE.duckdb --run FOLDER  # while a run writes

Starts `tidings serve --db STORE` as a child process on 127.0.0.1, waits until it answers,
then sends a bounded number of requests (and stops at the time limit, whichever comes first)
from `--concurrency` threads, each with its own keep-alive connection. The mix is what an
analyst's browser asks: event lists with filters (actor, type, dates, order, paging), single
events, the timeline, the map's places and the actor list. Prints requests/s, p50/p95/p99
latency per route and overall, and the errors (any status other than 200, any exception);
exits 1 if there was an error. A benchmark, not a test.

For a store of a few thousand articles: `--build ../shared/corpora/bbc-2225` (2,225 BBC
articles, a few minutes of `tidings run`), or any folder of your own.

`--run FOLDER` starts `tidings run FOLDER --db STORE` once the server answers and keeps the
load on until the run ends (`--seconds` still bounds it, `--requests` does not): it prints
the run's exit code and time, and counts the 503 answers (a request that waited
`serve.read_wait_seconds` for the run to let go of the store) apart from other errors.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[route].append(seconds)
            if error is not None:
                self.errors.append(f"{route}: {error}")


def build_store(folder: Path, db: Path) -> None:
    print(f"storing {folder} in {db} ...", flush=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tidings", "run", str(folder), "--db", str(db), "--quiet"],
        cwd=ROOT,
        check=False,
    )
    print(f"stored in {time.perf_counter() - started:.0f} s", flush=True)


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tidings", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
    )


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"tidings serve exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/api/events?limit=1", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise SystemExit("tidings serve did not answer in time")


def request_mix(base: str) -> list[tuple[str, str]]:
    """(route name, URL) pairs to draw from: filters taken from the store itself."""
    events = httpx.get(f"{base}/api/events", params={"limit": 200}, timeout=30).json()["items"]
    actors = [a["id"] for a in httpx.get(f"{base}/api/actors", timeout=30).json()["items"]][:20]
    clusters = [e["id"] for e in events if e.get("id")][:100]
    types = sorted({e["type"] for e in events if e.get("type")}) or ["ASSAULT"]
    mix: list[tuple[str, str]] = [("events", "/api/events"), ("events", "/api/events?order=desc")]
    mix += [("events?actor", f"/api/events?actor={actor}") for actor in actors]
    mix += [("events?type", f"/api/events?type={kind}&from=2004") for kind in types]
    mix += [("events?page", f"/api/events?limit=20&offset={n * 20}") for n in range(10)]
    mix += [("events/{id}", f"/api/events/{cluster}") for cluster in clusters]
    mix += [("timeline", "/api/timeline"), ("places", "/api/places"), ("actors", "/api/actors")]
    return mix


def worker(
    base: str,
    mix: list[tuple[str, str]],
    budget: list[int],
    stop: float,
    tally: Tally,
    seed: int,
    done: threading.Event,
) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < stop and not done.is_set():
            with tally.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            route, url = rng.choice(mix)
            started = time.perf_counter()
            error = None
            try:
                response = client.get(url)
                if response.status_code != 200:
                    error = f"{url} -> {response.status_code}"
            except httpx.HTTPError as exc:
                error = f"{url} -> {type(exc).__name__}"
            tally.add(route, time.perf_counter() - started, error)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_run(
    folder: Path, db: Path, done: threading.Event
) -> tuple[threading.Thread, dict[str, float]]:
    """`tidings run FOLDER --db DB` in a child process; `done` is set when it ends."""
    outcome: dict[str, float] = {}

    def watch() -> None:
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "tidings", "run", str(folder), "--db", str(db), "--quiet"],
            cwd=ROOT,
            check=False,
        )
        outcome.update(code=run.returncode, seconds=time.perf_counter() - started)
        done.set()

    thread = threading.Thread(target=watch)
    thread.start()
    return thread, outcome


def report(tally: Tally, seconds: float) -> None:
    every = [x for values in tally.latencies.values() for x in values]
    print(f"{'route':14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for route, values in [*sorted(tally.latencies.items()), ("all", every)]:
        print(
            f"{route:14} {len(values):8d} {1000 * statistics.median(values):8.1f} "
            f"{1000 * percentile(values, 0.95):8.1f} {1000 * percentile(values, 0.99):8.1f}"
        )
    busy = [error for error in tally.errors if error.endswith("-> 503")]
    print(
        f"{len(every)} requests in {seconds:.1f} s: {len(every) / seconds:.0f} requests/s; "
        f"{len(tally.errors)} errors ({len(busy)} of them 503: store busy)"
    )
    for error in [e for e in tally.errors if e not in busy][:20]:
        print("  " + error)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--build", type=Path, help="store this folder in --db first")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--run", type=Path, help="tidings run this folder into --db meanwhile")
    args = parser.parse_args()
    if args.build:
        build_store(args.build, args.db)
    base = f"http://127.0.0.1:{args.port}"
    server = start_server(args.db, args.port)
    try:
        wait_until_up(base, server)
        mix = request_mix(base)
        tally = Tally()
        # with --run, the load lasts as long as the run: the request budget does not end it
        budget = [args.requests if args.run is None else 1 << 62]
        done = threading.Event()
        started = time.perf_counter()
        stop = time.monotonic() + args.seconds
        runner, outcome = start_run(args.run, args.db, done) if args.run else (None, {})
        threads = [
            threading.Thread(target=worker, args=(base, mix, budget, stop, tally, n, done))
            for n in range(args.concurrency)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        report(tally, time.perf_counter() - started)
        if runner is not None:
            runner.join()
            print(f"tidings run: exit {outcome['code']:.0f} in {outcome['seconds']:.0f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
