"""A random sample of the complete events `tidings extract` emits on news it was never tuned on,
printed for a person to judge: is each one usable (the right type, source and target)?

    python bench/sample_events.py --corpus ../shared/corpora/bbc-2225 --articles 120 --sample 40

Articles are drawn at random (fixed seed) from the corpus folders given (default: politics and
business, the folders with events), every complete event is collected, and a random sample of
them is printed with its sentence, numbered, to be judged by reading. Write the verdicts next
to the numbers (`y`, `n: wrong target` ...) in a file and pass it with `--verdicts FILE` to
count them.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path
from typing import Any

from tidings.errors import InputRejected
from tidings.parallel import extract_outcomes
from tidings.settings import load_settings


def _side(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('name')} [{actor.get('id')}]"


def collect(files: list[Path]) -> list[dict[str, Any]]:
    """Every complete event of the files, with its sentence."""
    found = []
    for outcome in extract_outcomes([str(f) for f in files], settings=load_settings()):
        if isinstance(outcome, InputRejected):
            continue
        for event in outcome.record.get("events") or []:
            if event.get("complete", event.get("source") is not None):
                event["_file"] = Path(outcome.article.document.path).name
                found.append(event)
    return found


def count_verdicts(path: Path) -> None:
    verdicts = re.findall(r"^\s*\d+\s*[:.]\s*([yn])", path.read_text(), flags=re.M)
    usable = verdicts.count("y")
    print(f"{usable} usable of {len(verdicts)} judged: {usable / max(len(verdicts), 1):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpora/bbc-2225"))
    parser.add_argument("--folders", nargs="+", default=["politics", "business"])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--verdicts", type=Path, help="count the verdicts of this file")
    args = parser.parse_args()
    if args.verdicts:
        count_verdicts(args.verdicts)
        return
    rng = random.Random(args.seed)
    files = sorted(f for folder in args.folders for f in (args.corpus / folder).glob("*.txt"))
    chosen = rng.sample(files, min(args.articles, len(files)))
    events = collect(chosen)
    sample = rng.sample(events, min(args.sample, len(events)))
    print(f"{len(events)} complete events in {len(chosen)} articles; {len(sample)} sampled")
    for number, event in enumerate(sample, 1):
        sentence = " ".join(str(event["evidence"].get("sentence", "")).split())
        print(
            f"{number}. {event['type']} ({event.get('cameo')}) {_side(event['source'])} -> "
            f"{_side(event['target'])} · {event['status']} · trigger '{event.get('trigger')}'"
            f" · {event['_file']}\n   {sentence[:300]}"
        )


if __name__ == "__main__":
    main()
