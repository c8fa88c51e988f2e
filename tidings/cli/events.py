"""`tidings link`, `tidings events` and `tidings timeline`: the cross-article step over a store,
and what it found — one real-world event per line, however many outlets reported it."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tidings.cli.common import fail, open_store, store_wait
from tidings.errors import TidingsError
from tidings.runner import link_path
from tidings.store import Store

# An ISO 8601 date at year, month or day precision, as the store keeps them.
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# How much of an evidence sentence a timeline line shows.
TIMELINE_SENTENCE = 110

DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB store to read.")]
ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="An actor id or ISO3 country, as source or target (IRN)."),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", help="Only events dated on or after this ISO date (2020, 2020-01)."),
]
TypeOption = Annotated[
    str | None, typer.Option("--type", help="Only events of this PLOVER type (ASSAULT).")
]
StatusOption = Annotated[
    str | None, typer.Option("--status", help="Only events of this status (occurred).")
]
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Also events known only from partial readings (no source, or no target where "
        "the type needs one); each line says `complete`.",
    ),
]


class EventFormat(StrEnum):
    jsonl = "jsonl"
    text = "text"


def _clusters(
    db: Path,
    actor: str | None,
    since: str | None,
    event_type: str | None,
    status: str | None,
    include_partial: bool,
) -> list[dict[str, Any]]:
    if since is not None and not ISO_DATE.match(since):
        fail(f"--since {since!r} is not an ISO date (2020, 2020-01 or 2020-01-03)")
    try:
        with open_store(db, read_only=True) as store:
            return store.clusters(
                actor=actor,
                since=since,
                event_type=event_type,
                status=status,
                complete=None if include_partial else True,
            )
    except TidingsError as exc:
        fail(str(exc))


def _actor(side: dict[str, Any] | None) -> str:
    if not side:
        return "?"
    return str(side.get("id") or side.get("country") or "?")


def _other_end(link: dict[str, Any], cluster_id: str) -> str:
    """A link seen from one of its clusters: "response_to c:…" or "answered by (…) c:…"."""
    if link["source"] == cluster_id:
        return f"{link['kind']} {link['target']}"
    return f"answered by ({link['kind']}) {link['source']}"


def _line(cluster: dict[str, Any]) -> str:
    date = cluster["date"]["value"] or "undated"
    articles = cluster["articles"]
    reports = len({article["id"] for article in articles})
    outlets = ", ".join(o for o in cluster["outlets"] if o) or "no outlet named"
    sentence = " ".join(articles[0]["evidence"]["sentence"].split())[:TIMELINE_SENTENCE]
    flags = (
        f"  ⚠ {len(cluster['discrepancies'])} disagreement(s)" if cluster["discrepancies"] else ""
    )
    if cluster.get("complete") is False:
        flags += "  (partial)"
    links = "".join(
        f"\n             ↳ {_other_end(link, cluster['id'])}" for link in cluster["links"]
    )
    return (
        f"{date:<11} {cluster['type']:<9} {_actor(cluster['source'])} → "
        f"{_actor(cluster['target'])}  [{cluster['status']}]  {reports} article(s): "
        f"{outlets}{flags}\n             {cluster['id']}  “{sentence}”{links}"
    )


def events_command(
    db: DbOption = Path("tidings.duckdb"),
    actor: ActorOption = None,
    since: SinceOption = None,
    event_type: TypeOption = None,
    status: StatusOption = None,
    output: Annotated[
        EventFormat, typer.Option("--format", help="jsonl: one cluster per line; text: readable.")
    ] = EventFormat.jsonl,
    include_partial: AllOption = False,
) -> None:
    """List event clusters: one real-world event per line, with every article that reported
    it, its evidence, the disagreements between outlets and the links to other events.
    Complete events only (a known source and target), unless --all."""
    found = _clusters(db, actor, since, event_type, status, include_partial)
    for cluster in found:
        if output is EventFormat.jsonl:
            typer.echo(json.dumps(cluster, ensure_ascii=False))
        else:
            typer.echo(_line(cluster))
    typer.echo(f"{len(found)} events", err=True)


def timeline_command(
    db: DbOption = Path("tidings.duckdb"),
    actor: ActorOption = None,
    since: SinceOption = None,
    event_type: TypeOption = None,
    status: StatusOption = None,
    include_partial: AllOption = False,
) -> None:
    """A readable timeline of the stored events, oldest first (undated events last);
    complete events only, unless --all."""
    found = _clusters(db, actor, since, event_type, status, include_partial)
    for cluster in found:
        typer.echo(_line(cluster))
    typer.echo(f"{len(found)} events", err=True)


def link_command(db: DbOption = Path("tidings.duckdb")) -> None:
    """Rebuild the event clusters, links and duplicate groups from every stored article
    (`tidings run` does this after storing)."""
    try:
        wait = store_wait()
        # created or upgraded first, as by a run; then linked with readers let in meanwhile
        Store.open(db, wait=wait).close()
        counts = link_path(db, wait=wait, whole=True)
        assert counts is not None  # a whole link always writes
    except TidingsError as exc:
        fail(str(exc))
    typer.echo(
        f"{counts.clusters} event clusters ({counts.complete} complete) of {counts.members} "
        f"reports, {counts.links} links, "
        f"{counts.duplicate_groups} duplicate groups",
        err=True,
    )
