"""Exact and near-duplicate articles on the BBC corpus: what `find_duplicates` finds, and how fast.

    .venv/bin/python bench/duplicates.py [FOLDER] [--threshold T] [--low-threshold T]
        [--num-perm N] [--shingle N] [--examples N]

FOLDER defaults to ../shared/corpora/bbc-2225 (2,225 BBC articles, a .txt each in five topic
folders; the README at the top is not an article). An article's id is `topic/NNN` and its text
is the whole file, headline included: that is what an `Article` hands the link stage, and it
keeps the reference strict (two files are exact duplicates only when headline and body agree),
so a copy re-titled by the site counts as a near duplicate that the sketch must find.

Prints, for the chosen threshold and a lower one: the exact-text reference pairs (identical
normalised texts), the pairs found, precision and recall against the reference (of the pairs
flagged exact, and of all pairs), the near pairs beyond the reference with the lowest-scoring
examples for a human to judge, the pairs an exhaustive inverted-index count finds at or above
the threshold that the LSH index missed, and the time per article; then times 500, 1,000 and
2,225 articles to show near-linear growth.
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from tidings.ingest import Document, iter_documents
from tidings.link import DuplicatePair, find_duplicates
from tidings.link.duplicates import (
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE,
    DEFAULT_THRESHOLD,
    MIN_WORDS,
)
from tidings.link.fingerprints import Fingerprint, fingerprint, normalise
from tidings.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"
SIZES = (500, 1000, 2225)
Items = list[tuple[str, str]]
PairKey = tuple[str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--low-threshold", type=float, default=0.3)
    parser.add_argument("--num-perm", type=int, default=DEFAULT_NUM_PERM)
    parser.add_argument("--shingle", type=int, default=DEFAULT_SHINGLE)
    parser.add_argument("--examples", type=int, default=8, help="extra pairs shown per run")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder}: no such folder")
    items = read_articles(args.folder)
    reference = exact_reference(items)
    print(f"{len(items)} articles; reference: {len(reference)} exact-duplicate pairs "
          "(identical normalised texts)")
    texts = dict(items)
    for threshold in (args.threshold, args.low_threshold):
        print(f"\n== threshold {threshold}, shingle {args.shingle}, num_perm {args.num_perm}")
        report_run(items, texts, reference, threshold=threshold, num_perm=args.num_perm,
                   shingle=args.shingle, examples=args.examples)
    print(f"\n== growth (threshold {args.threshold}; best of 3 runs)")
    for size in SIZES:
        if size > len(items):
            break
        seconds = best_time(items[:size], threshold=args.threshold, num_perm=args.num_perm,
                            shingle=args.shingle)
        print(f"{size:>6} articles: {seconds:6.2f} s, {seconds / size * 1000:.2f} ms/article")


def read_articles(folder: Path) -> Items:
    """`(topic/NNN, whole text)` for every .txt in a topic folder, decoded by ingest."""
    files = sorted(str(path) for path in folder.rglob("*.txt") if path.parent != folder)
    items = []
    for document in iter_documents(files, settings=load_settings().ingest):
        if isinstance(document, Document):
            path = Path(document.path)
            items.append((f"{path.parent.name}/{path.stem}", document.content))
    return items


def exact_reference(items: Items) -> set[PairKey]:
    """Pairs of articles whose normalised texts are identical (computed here, apart from the
    finder, by grouping on the normalised text itself)."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for article_id, text in items:
        by_text[normalise(text)].append(article_id)
    return {
        (a, b)
        for ids in by_text.values()
        for i, a in enumerate(sorted(ids))
        for b in sorted(ids)[i + 1 :]
    }


def report_run(
    items: Items,
    texts: dict[str, str],
    reference: set[PairKey],
    *,
    threshold: float,
    num_perm: int,
    shingle: int,
    examples: int,
) -> None:
    started = time.perf_counter()
    pairs, groups = find_duplicates(items, threshold=threshold, num_perm=num_perm,
                                    shingle=shingle)
    seconds = time.perf_counter() - started
    found = {(pair.a, pair.b) for pair in pairs}
    flagged = {(pair.a, pair.b) for pair in pairs if pair.exact}
    print(f"pairs found: {len(pairs)} ({len(flagged)} exact, {len(pairs) - len(flagged)} near);"
          f" groups: {len(groups)} (largest {max((len(g.members) for g in groups), default=0)})")
    print("exact-flagged pairs vs reference: " + scores(flagged, reference))
    print("all pairs vs reference:           " + scores(found, reference))
    extras = sorted((p for p in pairs if (p.a, p.b) not in reference), key=lambda p: p.similarity)
    retitled = [p for p in extras if same_body(texts[p.a], texts[p.b])]
    print(f"near pairs beyond the reference: {len(extras)} ({len(retitled)} with the same body "
          f"under another headline, {len(extras) - len(retitled)} whose bodies differ)")
    edited = [p for p in extras if p not in retitled]
    for label, shown in (("body differs", edited[:examples]), ("retitled", retitled[:3])):
        for pair in shown:
            print(f"  {label} {pair.similarity:.2f} {pair.a} {pair.b}  | "
                  f"{headline(texts[pair.a])} | {headline(texts[pair.b])}")
    missed = exhaustive_pairs(items, threshold=threshold, shingle=shingle) - found
    print(f"pairs at or above {threshold} by exhaustive count that LSH missed: {len(missed)}")
    print(f"time: {seconds:.2f} s, {seconds / len(items) * 1000:.2f} ms/article")


def scores(found: set[PairKey], reference: set[PairKey]) -> str:
    hits = len(found & reference)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(reference) if reference else 1.0
    return f"precision {precision:.3f}, recall {recall:.3f} ({hits} of {len(reference)})"


def same_body(first: str, second: str) -> bool:
    """The texts agree once their first line (the headline) is set aside."""
    return normalise(first.partition("\n")[2]) == normalise(second.partition("\n")[2])


def headline(text: str) -> str:
    return text.partition("\n")[0].strip()[:40]


def exhaustive_pairs(items: Items, *, threshold: float, shingle: int) -> set[PairKey]:
    """Every pair at or above `threshold` exact Jaccard, counted through an inverted index of
    shingles (what LSH approximates), with the same minimum length as the finder."""
    prints: dict[str, Fingerprint] = {}
    postings: dict[int, list[str]] = defaultdict(list)
    for article_id, text in items:
        found = fingerprint(text, size=shingle)
        prints[article_id] = found
        if found.words >= MIN_WORDS:
            for value in found.shingles.tolist():
                postings[value].append(article_id)
    shared: dict[PairKey, int] = defaultdict(int)
    for ids in postings.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                shared[(min(a, b), max(a, b))] += 1
    result = set()
    for (a, b), count in shared.items():
        union = prints[a].shingles.size + prints[b].shingles.size - count
        if count / union >= threshold:
            result.add((a, b))
    return result | exact_reference(items)


def best_time(items: Sequence[tuple[str, str]], *, threshold: float, num_perm: int,
              shingle: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        pairs: list[DuplicatePair] = find_duplicates(items, threshold=threshold,
                                                     num_perm=num_perm, shingle=shingle)[0]
        best = min(best, time.perf_counter() - started)
        del pairs
    return best


if __name__ == "__main__":
    main()
