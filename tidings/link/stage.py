"""The link stage over many articles: event mentions → clusters (one per real event), their
dates propagated to members that lacked one, the disagreements among their reports, and the
links between threats, the acts that followed them and the acts they answer.

`link_events` takes mentions (`mentions_from_record` makes them from contract records);
`tidings.link.blocks.link_records` takes the records themselves, links them block by block and
also finds duplicate articles.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from tidings.clean.article import DateValue
from tidings.link.clusters import (
    Actor,
    ClusterBuilder,
    Draft,
    EventCluster,
    builder_order,
    finer_side,
)
from tidings.link.discrepancies import find_discrepancies
from tidings.link.duplicates import DuplicateGroup
from tidings.link.events import (
    PRECISIONS,
    EventMention,
    LinkKnowledge,
    load_link_knowledge,
    real_date,
)
from tidings.link.responses import ClusterLink, find_links

# Two reports of one event whose only dates are their articles' may be this many days apart:
# a story breaks and is followed for about a week.
DEFAULT_WINDOW_DAYS = 7
_ID_DIGITS = 16


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Clusters sorted by date then id; links sorted by kind and ids; `propagated` maps the
    event id of a member that lacked its cluster's date (or had a coarser one) to the date it
    takes (basis `inferred`); `duplicates` the duplicate-article groups (`link_records`)."""

    clusters: tuple[EventCluster, ...]
    links: tuple[ClusterLink, ...]
    propagated: dict[str, DateValue]
    duplicates: tuple[DuplicateGroup, ...] = ()


def cluster_id(members: Iterable[EventMention]) -> str:
    """ "c:" and 16 hex digits of the SHA-256 of the sorted member event ids."""
    joined = "\n".join(sorted(m.event_id for m in members))
    return "c:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:_ID_DIGITS]


def _cluster_date(draft: Draft) -> DateValue:
    if draft.date is not None:
        return DateValue(draft.date.value, draft.date.precision, draft.date.basis)  # type: ignore[arg-type]
    reported = sorted(
        m.date_value for m in draft.members if m.date_basis == "publication" and m.date_value
    )
    if reported:
        return DateValue(
            reported[0], "day" if len(reported[0]) == len("2020-01-03") else None, "publication"
        )
    return DateValue()


def _propagate(draft: Draft, propagated: dict[str, DateValue]) -> None:
    best = draft.date
    if best is None:
        return
    given = DateValue(best.value, best.precision, "inferred")  # type: ignore[arg-type]
    for member in draft.members:
        own = real_date(member)
        if own is None or PRECISIONS.index(own.precision) < PRECISIONS.index(best.precision):
            propagated[member.event_id] = given


def member_order(member: EventMention) -> tuple[str, str, tuple[int, int], str]:
    """The order of a cluster's members."""
    return (member.published or "", member.article_id, member.evidence, member.event_id)


def _told_side(draft: Draft, side: str) -> Actor:
    """A side of the cluster as its complete readings tell it, the most specific first; a
    partial reading that joined ("a gas attack in Port Lavelle" beside "fired missiles at Novalia")
    names a side only when no member is complete."""
    complete = [m for m in draft.members if m.complete]
    if not complete:
        return getattr(draft, side)  # type: ignore[no-any-return]
    best: Actor = (None, None)
    for member in complete:
        best = finer_side(best, member, side)
    return best


def finish(draft: Draft, knowledge: LinkKnowledge) -> EventCluster:
    """The cluster a draft became."""
    members = tuple(sorted(draft.members, key=member_order))
    source, target = _told_side(draft, "source"), _told_side(draft, "target")
    types = Counter(m.type for m in members)
    status = min((m.status for m in members), key=knowledge.rank)
    when = _cluster_date(draft)
    place = draft.place
    reports = sorted(m.published for m in members if m.published)
    return EventCluster(
        id=cluster_id(members),
        type=max(types, key=lambda t: (types[t], -[m.type for m in members].index(t))),
        status=status,
        source_id=source[0],
        source_country=source[1],
        target_id=target[0],
        target_country=target[1],
        date_value=when.value,
        date_precision=when.precision,
        date_basis=when.basis,
        location=place.location if place else None,
        location_country=place.location_country if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        members=members,
        outlets=tuple(sorted({m.outlet for m in members if m.outlet})),
        first_report=reports[0] if reports else None,
        last_report=reports[-1] if reports else None,
        discrepancies=find_discrepancies(members, covers=knowledge.quantities.covers),
    )


def rebuilt_cluster(members: Iterable[EventMention], knowledge: LinkKnowledge) -> EventCluster:
    """The cluster of these members made again from them alone. Its members joined its draft
    in the builder's order, and the profile (so the cluster) is made of them only: the same
    members give the same cluster (its id as the builder gives it: the caller renames it)."""
    ordered = sorted(members, key=builder_order)
    first = ordered[0]
    draft = Draft(0, knowledge.family(first.type), knowledge.group(first.status))
    for member in ordered:
        draft.add(member)
    return finish(draft, knowledge)


def link_events(
    mentions: Iterable[EventMention],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    knowledge: LinkKnowledge | None = None,
    with_links: bool = True,
) -> LinkResult:
    """Cluster the mentions into events, propagate dates, list discrepancies, find links
    (unless `with_links` is False: a block's clusters are linked with every other block's)."""
    knowledge = knowledge or load_link_knowledge()
    drafts = ClusterBuilder(knowledge, window_days=window_days).build(mentions)
    propagated: dict[str, DateValue] = {}
    for draft in drafts:
        _propagate(draft, propagated)
    clusters = sorted(
        (finish(draft, knowledge) for draft in drafts),
        key=lambda c: (c.date_value or "9999", c.id),
    )
    links = find_links(clusters, knowledge) if with_links else []
    return LinkResult(tuple(clusters), tuple(links), propagated)
