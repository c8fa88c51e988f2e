"""Where the time of `tidings extract` goes, stage by stage, against bare spaCy.

    .venv/bin/python bench/stage_times.py [FOLDER] [--limit N]

FOLDER defaults to ../shared/corpora/bbc-2225. Prints seconds and articles per second for
ingest, clean, parse (spaCy's `nlp.pipe` with the actor ruler), actors, times, places, quotes
and events, and the
share of the non-spaCy stages. One-time loading (lexicons, the model) is timed apart, as it is
paid once per process.
A benchmark, not a test: speed goals live here, never in timed tests.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tidings.actors import resolve_actors
from tidings.clean.pipeline import clean_document
from tidings.errors import InputRejected
from tidings.events import extract_events
from tidings.ingest import Document, iter_documents
from tidings.knowledge import load_actor_base
from tidings.parse.model import load_model
from tidings.parse.stage import parse_articles
from tidings.places import resolve_places
from tidings.quotes import extract_quotes
from tidings.settings import load_settings
from tidings.times import extract_times

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc-2225"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="read at most N files")
    args = parser.parse_args()
    if not args.folder.is_dir():
        raise SystemExit(f"{args.folder}: no such folder")
    settings = load_settings()
    files = sorted(str(p) for p in args.folder.rglob("*.txt"))[: args.limit]

    started = time.perf_counter()
    docs = [d for d in iter_documents(files, settings=settings.ingest) if isinstance(d, Document)]
    ingest = time.perf_counter() - started

    started = time.perf_counter()
    clean_document(docs[0])  # loads the lexicons once
    warm_up = time.perf_counter() - started
    started = time.perf_counter()
    articles = []
    for doc in docs:
        try:
            articles.extend(clean_document(doc))
        except InputRejected:
            continue
    clean = time.perf_counter() - started

    started = time.perf_counter()
    nlp = load_model(settings.parse.model, settings.parse.max_chars)
    model_load = time.perf_counter() - started
    started = time.perf_counter()
    parsed = list(parse_articles(articles, nlp=nlp, batch_size=settings.parse.batch_size))
    spacy = time.perf_counter() - started

    base = load_actor_base()  # loaded with the model above; cached
    started = time.perf_counter()
    layers = [resolve_actors(item, base=base) for item in parsed]
    actors = time.perf_counter() - started

    started = time.perf_counter()
    time_layers = [extract_times(item) for item in parsed]
    times = time.perf_counter() - started

    resolve_places(parsed[0], layers[0], base=base)  # loads the gazetteer once
    started = time.perf_counter()
    place_layers = [
        resolve_places(item, layer, base=base) for item, layer in zip(parsed, layers, strict=True)
    ]
    places = time.perf_counter() - started

    started = time.perf_counter()
    quote_layers = [extract_quotes(item, layer) for item, layer in zip(parsed, layers, strict=True)]
    quotes = time.perf_counter() - started

    started = time.perf_counter()
    for item, layer, said, when, where in zip(
        parsed, layers, quote_layers, time_layers, place_layers, strict=True
    ):
        extract_events(item, layer, said, when, where, base=base)
    events = time.perf_counter() - started

    n = len(articles)
    print(f"{len(files)} files, {len(docs)} documents, {n} articles")
    print(f"one-time: lexicons {warm_up:.2f}s, spaCy model {model_load:.2f}s")
    stages = (
        ("ingest", ingest),
        ("clean", clean),
        ("parse (spaCy)", spacy),
        ("actors", actors),
        ("times", times),
        ("places", places),
        ("quotes", quotes),
        ("events", events),
    )
    for name, seconds in stages:
        print(f"{name:>15}: {seconds:7.2f}s  {n / seconds:9.1f} articles/s")
    ours = ingest + clean + actors + times + places + quotes + events
    print(f"stages other than spaCy are {ours / (ours + spacy):.1%} of the per-article time")


if __name__ == "__main__":
    main()
