"""One real-world event however many articles report it: event mentions grouped into clusters.

Two mentions may be one event when their types are of one family (link.yaml), their statuses
of one group (a reported act is never the threat of it), their actors compatible at any
granularity ("donald-trump" and "USA" when the person is American; an unknown side is
compatible with anything but adds nothing), their dates compatible (equal, or one contains the
other, or one is only the article's date and not before the other) and their places compatible
(same country, and within `MAX_KM` when both are finer than a country).

Mentions are taken strongest date first, and each joins the best-scoring cluster among its
candidates or starts a new one. A candidate is scored against the cluster's profile (its most
specific actors, its best date, its finest place), never against one member, so a cluster
cannot chain from one day to the next through members that each match a neighbour: that is
the guard a pairwise union-find would lack. Candidates come from blocks: the cluster lists of
the mention's (family, status group, dyad of countries), its partial dyads and its specific
actors, each list sorted by date, of which only the `NEIGHBOURS` nearest the mention's date on
either side are scored. Work per mention is bounded, so the whole is linear in the mentions.
A mention with neither actor known joins only a cluster of its own article: the nearest
cluster member before it in the text (same trigger word first), within `MAX_GAP_CHARS`.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tidings.link.discrepancies import Discrepancy
from tidings.link.events import (
    DateSpan,
    EventMention,
    LinkKnowledge,
    date_key,
    place_km,
    published_span,
    real_date,
    report_span,
)

Actor = tuple[str | None, str | None]  # (id, country)
Key = tuple[str | None, ...]
UNKNOWN, COUNTRY, ANONYMOUS, SPECIFIC = 0, 1, 2, 3
# Ids the actor stage gives to unnamed people and groups ("u:person:usa-defense-official",
# "u:group:irq-reb-aligned-irn"): more than a country, less than a named actor.
_ANONYMOUS_PREFIXES = ("u:person:", "u:group:")
# A cross-article merge needs this much agreement: the same named actor on one side (3), or
# the same day (3), or a named actor and its country with a country on the other side (2 + 1).
# Two mentions that share only their countries ("IRN against USA", 1 + 1) stay apart unless
# their dates or places (the same country: 1) agree too: countries clash many times a year.
MIN_SCORE = 3
SAME_ARTICLE_BONUS = 1  # one article rarely reports two distinct events of one dyad and family
# Clusters scored per block on either side of the mention's date: bounds the work per mention.
NEIGHBOURS = 16
# An actorless mention ("the strike", "the attack") joins a cluster member of its own article
# at most this many characters before it (about three sentences).
MAX_GAP_CHARS = 600
# Two places finer than a country are one when this close: an airport and its city are 15 km
# apart, two cities of one province usually more than 100.
MAX_KM = 100.0
# Reports a day before the event: publication dates carry time zones and wire timestamps.
PUB_SLACK_DAYS = 1
# Two days one apart may be one event: a night strike is dated by the time zone of the outlet
# (the day after in Baghdad, the day before in Washington). Listed as a date discrepancy.
DAY_TOLERANCE = 1
_LAST = 10**9  # the sort position of clusters with no date at all
PLACE_RANK = {"facility": 4, "city": 3, "admin": 2, "region": 2, "other": 1, "country": 0}


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real event and every mention of it. `id` is "c:" and a hash of the sorted member
    event ids (the same mentions give the same id in every run). `status` is the strongest of
    the members' (link.yaml `status_order`: occurred, claimed, denied, promised, threatened,
    demanded, hypothetical, negated), `type` the members' most frequent type. The actors are
    the most specific the members name, the date the best (a real date before the article's;
    then finer; then explicit, relative, inferred), the place the finest. `outlets` are the
    distinct outlets, `first_report`/`last_report` the earliest and latest article dates."""

    id: str
    type: str
    status: str
    source_id: str | None
    source_country: str | None
    target_id: str | None
    target_country: str | None
    date_value: str | None
    date_precision: str | None
    date_basis: str
    location: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    members: tuple[EventMention, ...]
    outlets: tuple[str, ...]
    first_report: str | None
    last_report: str | None
    discrepancies: tuple[Discrepancy, ...]

    @property
    def complete(self) -> bool:
        """Whether one of its readings is complete (says who did what to whom); a cluster of
        partial readings only is left out of the default outputs."""
        return any(m.complete for m in self.members)

    @property
    def articles(self) -> tuple[str, ...]:
        """The distinct article ids of the members, sorted."""
        return tuple(sorted({m.article_id for m in self.members}))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "source": {"id": self.source_id, "country": self.source_country},
            "target": {"id": self.target_id, "country": self.target_country},
            "date": {
                "value": self.date_value,
                "precision": self.date_precision,
                "basis": self.date_basis,
            },
            "location": {
                "name": self.location,
                "country": self.location_country,
                "lat": self.lat,
                "lon": self.lon,
            }
            if self.location
            else None,
            "members": [
                {
                    "event_id": m.event_id,
                    "article_id": m.article_id,
                    "path": m.path,
                    "outlet": m.outlet,
                    "sentence": m.sentence,
                    "evidence": list(m.evidence),
                    "complete": m.complete,
                }
                for m in self.members
            ],
            "outlets": list(self.outlets),
            "first_report": self.first_report,
            "last_report": self.last_report,
            "discrepancies": [d.to_json() for d in self.discrepancies],
            "complete": self.complete,
        }


def actor_level(actor_id: str | None, country: str | None) -> int:
    """How specific an actor is: UNKNOWN, COUNTRY (a country or only its country known),
    ANONYMOUS (an unnamed person or group) or SPECIFIC (a named actor)."""
    if actor_id is None:
        return COUNTRY if country else UNKNOWN
    if actor_id == country:
        return COUNTRY
    return ANONYMOUS if actor_id.startswith(_ANONYMOUS_PREFIXES) else SPECIFIC


def actor_score(first: Actor, second: Actor) -> int | None:
    """Agreement of two actors: None when they cannot be one, else 0 (one unknown) to 3."""
    levels = actor_level(*first), actor_level(*second)
    if UNKNOWN in levels:
        return 0
    if first[0] is not None and first[0] == second[0]:
        return levels[0]
    if first[1] and second[1] and first[1] != second[1]:
        return None
    if levels == (SPECIFIC, SPECIFIC):
        return None  # two named actors
    return 1 if first[1] and second[1] else 0


def finer_side(current: Actor, mention: EventMention, side: str) -> Actor:
    """`current`, or the mention's `side` ("source" or "target") where it is more specific,
    keeping the country `current` knew when the mention names none."""
    new: Actor = getattr(mention, f"{side}_id"), getattr(mention, f"{side}_country")
    if actor_level(*new) > actor_level(*current):
        return new[0], new[1] or current[1]
    return current


@dataclass(slots=True)
class Draft:
    """A cluster while it is built (mutable, private to the builder): its members and profile:
    the most specific actors, the best real date, a year-less day, the member with the finest
    place, the first and last report (ordinals), and the blocks it is listed in."""

    index: int
    family: str
    group: str
    members: list[EventMention] = field(default_factory=list)
    source: Actor = (None, None)
    target: Actor = (None, None)
    date: DateSpan | None = None
    month_day: tuple[int, int] | None = None
    place: EventMention | None = None
    articles: set[str] = field(default_factory=set)
    pub_first: int | None = None
    pub_last: int | None = None
    keys: set[Key] = field(default_factory=set)
    # (article, evidence span) of its complete members: a partial reading of the same clause
    # is another event of it ("fired missiles at Novalia, a week after a gas attack in X")
    complete_clauses: set[tuple[str, tuple[int, int]]] = field(default_factory=set)

    def full_dyad(self) -> bool:
        """Whether the cluster knows both sides' countries."""
        return bool(self.source[1] and self.target[1])

    def add(self, mention: EventMention) -> None:
        self.members.append(mention)
        self.articles.add(mention.article_id)
        if mention.complete:
            self.complete_clauses.add((mention.article_id, mention.evidence))
        for side in ("source", "target"):
            setattr(self, side, finer_side(getattr(self, side), mention, side))
        own = real_date(mention)
        if own is not None and (self.date is None or date_key(own) > date_key(self.date)):
            self.date = own
        if mention.month_day and not self.month_day:
            self.month_day = mention.month_day
        if mention.location_country and (
            self.place is None or _place_rank(mention) > _place_rank(self.place)
        ):
            self.place = mention
        if (pub := published_span(mention)) is not None:
            self.pub_first = min(pub.first, self.pub_first or pub.first)
            self.pub_last = max(pub.last, self.pub_last or pub.last)

    def position(self) -> int:
        """Where the cluster sorts in a block: its date, else its first report."""
        if self.date is not None:
            return self.date.first
        return self.pub_first if self.pub_first is not None else _LAST


def _place_rank(mention: EventMention) -> int:
    return PLACE_RANK.get(mention.location_kind or "", 1)


def _day_score(day: tuple[int, int], span: DateSpan) -> int | None:
    found = date.fromordinal(span.first)
    if span.precision == "day":
        return 2 if (found.month, found.day) == day else None
    if span.precision == "month":
        return 1 if found.month == day[0] else None
    return 0


def date_score(mention: EventMention, draft: Draft, *, window_days: int) -> int | None:
    """Agreement of a mention's date with a cluster's: None when they cannot be one day."""
    own, best = real_date(mention), draft.date
    if own is not None and best is not None:
        if (own.first, own.last) == (best.first, best.last):
            return 3 if own.precision == "day" else 1
        if own.contains(best) or best.contains(own):
            return 1
        days = own.precision == best.precision == "day"
        return 0 if days and abs(own.first - best.first) <= DAY_TOLERANCE else None
    if own is None and best is not None and mention.month_day:
        return _day_score(mention.month_day, best)
    if own is not None and best is None and draft.month_day:
        return _day_score(draft.month_day, own)
    if own is None and best is None and mention.month_day and draft.month_day:
        return 1 if mention.month_day == draft.month_day else None
    report = report_span(mention)
    event = own if own is not None else best
    if event is not None:  # every report must come on or after the event's first day
        reports = [report.last] if report is not None and own is None else []
        if own is not None and draft.pub_first is not None:
            reports.append(draft.pub_first)
        if reports and event.first > min(reports) + PUB_SLACK_DAYS:
            return None
        fresh = reports and min(reports) - event.first <= window_days
        return 1 if fresh else 0  # a report within the window of the event tells of it
    if report is None or draft.pub_first is None or draft.pub_last is None:
        return 0
    apart = max(report.first - draft.pub_last, draft.pub_first - report.last)
    return None if apart > window_days else 0


def place_score(mention: EventMention, draft: Draft) -> int | None:
    """Agreement of places: None for different countries; 1 for one country; 2 for two places
    finer than a country within `MAX_KM` (farther apart they may still be one event: a strike
    on two bases; the stage lists them as a location discrepancy)."""
    other = draft.place
    if other is None or not mention.location_country:
        return 0
    if mention.location_country != other.location_country:
        return None
    fine = (mention.location_kind or "") != "country" and (other.location_kind or "") != "country"
    if fine and None not in (mention.lat, mention.lon, other.lat, other.lon):
        here = (float(mention.lat), float(mention.lon))  # type: ignore[arg-type]
        there = (float(other.lat), float(other.lon))  # type: ignore[arg-type]
        return 2 if place_km(here, there) <= MAX_KM else 1
    return 1


def _full_dyad(mention: EventMention) -> bool:
    return bool(mention.source_country and mention.target_country)


def score(mention: EventMention, draft: Draft, *, window_days: int) -> int | None:
    """The agreement of a mention with a cluster, None when they cannot be one event. Across
    articles, a reading that knows both sides' countries and one that does not are never one
    event: a partial reading cannot show that it is another outlet's complete report (and a
    block of Spark's link step, keyed by the dyad, could not see the pair either)."""
    if mention.article_id not in draft.articles and _full_dyad(mention) != draft.full_dyad():
        return None
    if not mention.complete and _another_event(mention, draft):
        return None
    parts = (
        actor_score((mention.source_id, mention.source_country), draft.source),
        actor_score((mention.target_id, mention.target_country), draft.target),
        date_score(mention, draft, window_days=window_days),
        place_score(mention, draft),
    )
    if any(part is None for part in parts):
        return None
    bonus = SAME_ARTICLE_BONUS if mention.article_id in draft.articles else 0
    return sum(p for p in parts if p is not None) + bonus


def _another_event(mention: EventMention, draft: Draft) -> bool:
    """A partial reading that cannot be told from another event: one of a clause whose
    complete event the cluster holds, or one naming a side narrower than the cluster's ("a gas
    attack in Port Lavelle" beside "fired missiles at Novalia": a town, not the country)."""
    if (mention.article_id, mention.evidence) in draft.complete_clauses:
        return True
    for mine, theirs in (
        ((mention.source_id, mention.source_country), draft.source),
        ((mention.target_id, mention.target_country), draft.target),
    ):
        differ = mine[0] is not None and theirs[0] is not None and mine[0] != theirs[0]
        if differ and actor_level(*mine) > actor_level(*theirs):
            return True
    return False


def builder_order(mention: EventMention) -> tuple[object, ...]:
    """Strongest evidence first: some actor known, a finer and better founded date, then more
    specific actors, so that a cluster's profile is as full as it can be when weaker mentions
    are scored against it."""
    own = real_date(mention)
    levels = (
        actor_level(mention.source_id, mention.source_country),
        actor_level(mention.target_id, mention.target_country),
    )
    strength = (-date_key(own)[0], -date_key(own)[1]) if own else (9, 0 if mention.month_day else 1)
    # the event id last: two events of one sentence share an evidence span, and the order of
    # the mentions given must not matter (the store hands a block's mentions in any order)
    return (
        sum(levels) == 0,
        strength,
        -sum(levels),
        mention.article_id,
        mention.evidence,
        mention.event_id,
    )


class ClusterBuilder:
    """Assigns mentions to clusters through the blocks described in the module's text."""

    def __init__(self, knowledge: LinkKnowledge, *, window_days: int) -> None:
        self._knowledge = knowledge
        self._window = window_days
        self.drafts: list[Draft] = []
        self._blocks: dict[Key, list[tuple[int, int]]] = {}

    def build(self, mentions: Iterable[EventMention]) -> list[Draft]:
        for mention in sorted(mentions, key=builder_order):
            self.add(mention)
        return self.drafts

    def add(self, mention: EventMention) -> None:
        family = self._knowledge.family(mention.type)
        group = self._knowledge.group(mention.status)
        source = (mention.source_id, mention.source_country)
        target = (mention.target_id, mention.target_country)
        if actor_level(*source) == UNKNOWN and actor_level(*target) == UNKNOWN:
            draft = self._local(mention, family, group)
        else:
            draft = self._best(mention, self._candidates(mention, family, group, source, target))
        if draft is None:
            draft = Draft(len(self.drafts), family, group)
            self.drafts.append(draft)
        draft.add(mention)
        self._register(draft)

    def _candidates(
        self, mention: EventMention, family: str, group: str, source: Actor, target: Actor
    ) -> list[Draft]:
        keys: list[Key] = [("a", mention.article_id, family, group)]
        (sid, sc), (tid, tc) = source, target
        if sc and tc:
            keys += [("d", family, group, sc, tc), ("d", family, group, None, tc)]
            keys.append(("d", family, group, sc, None))
        elif sc:
            keys.append(("ps", family, group, sc))
        elif tc:
            keys.append(("pt", family, group, tc))
        for side, actor_id in (("s", sid), ("t", tid)):
            if actor_id is not None and actor_level(actor_id, None) >= ANONYMOUS:
                keys.append((side, family, group, actor_id))
        own = real_date(mention)
        report = report_span(mention)
        position = own.first if own else (report.first if report else None)
        seen: dict[int, Draft] = {}
        for key in keys:
            for _, index in self._near(self._blocks.get(key, []), position):
                seen.setdefault(index, self.drafts[index])
        return [seen[i] for i in sorted(seen)]

    @staticmethod
    def _near(
        entries: Sequence[tuple[int, int]], position: int | None
    ) -> Sequence[tuple[int, int]]:
        if position is None:
            return entries[-2 * NEIGHBOURS :]
        at = bisect_left(entries, (position, -1))
        return entries[max(0, at - NEIGHBOURS) : at + NEIGHBOURS]

    def _best(self, mention: EventMention, candidates: list[Draft]) -> Draft | None:
        best: tuple[int, int] | None = None
        chosen = None
        for draft in candidates:
            value = score(mention, draft, window_days=self._window)
            if value is None or value < MIN_SCORE:
                continue
            if best is None or (value, -draft.index) > best:
                best, chosen = (value, -draft.index), draft
        return chosen

    def _local(self, mention: EventMention, family: str, group: str) -> Draft | None:
        """The cluster of the nearest member before `mention` in its own article."""
        best: tuple[int, int] | None = None
        chosen = None
        for _, index in self._blocks.get(("a", mention.article_id, family, group), []):
            draft = self.drafts[index]
            if score(mention, draft, window_days=self._window) is None:
                continue
            for member in draft.members:
                gap = mention.evidence[0] - member.evidence[0]
                if member.article_id != mention.article_id or not 0 <= gap <= MAX_GAP_CHARS:
                    continue
                same = bool(
                    member.trigger and member.trigger.lower() == (mention.trigger or "").lower()
                )
                if best is None or (same, -gap) > best:
                    best, chosen = (same, -gap), draft
        return chosen

    def _register(self, draft: Draft) -> None:
        (sid, sc), (tid, tc) = draft.source, draft.target
        keys: list[Key] = [("a", a, draft.family, draft.group) for a in draft.articles]
        keys.append(("d", draft.family, draft.group, sc, tc))
        if sc:
            keys.append(("ps", draft.family, draft.group, sc))
        if tc:
            keys.append(("pt", draft.family, draft.group, tc))
        for side, actor_id in (("s", sid), ("t", tid)):
            if actor_id is not None and actor_level(actor_id, None) >= ANONYMOUS:
                keys.append((side, draft.family, draft.group, actor_id))
        for key in keys:
            if key not in draft.keys:
                draft.keys.add(key)
                insort(self._blocks.setdefault(key, []), (draft.position(), draft.index))
