"""Threats linked to what followed, and acts linked to the acts they answer.

* `threat_followed_by`: a threat by A against B (a THREATEN cluster, or a hostile act that is
  threatened or promised) → the first act by A against B (ASSAULT, COERCE, SANCTION: link.yaml
  `hostile_types`) reported as happened after the threat's date (its own, else its first
  report). A threat with no date fulfils nothing: "later" cannot be told.
* `response_to`: a threat or an act by A → the earlier act by the other side against A that it
  answers. When a member's sentence says so with an `answers_follow` cue ("in retaliation for
  the strike", "responded to the assassination"), the answered act is the cluster of the event
  named right after the cue in that sentence. Otherwise, after a `bare` cue ("retaliated",
  "first slap") or for a threat whose target is known, it is the act against A (by B when B is
  known) named in the same sentence, else the most recent one dated on or before the answer
  (its own date, else its first report, else the latest date its articles report).

A threat's or an answer's A is its source country, else the country of whoever said it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tidings.link.clusters import EventCluster
from tidings.link.events import EventMention, LinkKnowledge, date_span

LinkKind = Literal["response_to", "threat_followed_by"]
# The answered act's trigger starts within this many characters after the end of an
# `answers_follow` cue: "in retaliation for the US assassination" (a determiner and a word or
# two between).
ANSWER_WINDOW = 40
_NONE = 10**9


@dataclass(frozen=True, slots=True)
class ClusterLink:
    """`source_cluster` answers (`response_to`) or fulfils the threat of (`threat_followed_by`,
    source = the threat) `target_cluster`; `evidence` is the cue read ("revenge for"), or None
    when the link comes from the actors and dates alone."""

    source_cluster: str
    target_cluster: str
    kind: LinkKind
    evidence: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "source": self.source_cluster,
            "target": self.target_cluster,
            "kind": self.kind,
            "evidence": self.evidence,
        }


def _first_day(cluster: EventCluster) -> int | None:
    span = date_span(cluster.date_value, cluster.date_precision, cluster.date_basis)
    return span.first if span is not None and span.real else None


def _report_day(cluster: EventCluster) -> int | None:
    span = date_span(cluster.first_report, None, "publication")
    return span.first if span is not None else None


class ResponseLinker:
    """Finds the links among finished clusters."""

    def __init__(self, clusters: Sequence[EventCluster], knowledge: LinkKnowledge) -> None:
        self._knowledge = knowledge
        self._clusters = clusters
        self._of_event = {m.event_id: c for c in clusters for m in c.members}
        self._by_article: dict[str, list[EventMention]] = {}
        for cluster in clusters:
            for member in cluster.members:
                self._by_article.setdefault(member.article_id, []).append(member)
        self._acts: dict[str, list[tuple[int, str, EventCluster]]] = {}  # target country
        latest: dict[str, int] = {}
        for cluster in clusters:
            day = _first_day(cluster)
            if day is None:
                continue
            for article in cluster.articles:
                latest[article] = max(day, latest.get(article, day))
            if self._is_act(cluster) and cluster.target_country:
                self._acts.setdefault(cluster.target_country, []).append((day, cluster.id, cluster))
        for entries in self._acts.values():
            entries.sort(key=lambda entry: (entry[0], entry[1]))
        self._latest = latest

    def links(self) -> list[ClusterLink]:
        found: dict[tuple[str, str, str], ClusterLink] = {}
        for cluster in self._clusters:
            if not (self._is_threat(cluster) or self._is_act(cluster)):
                continue
            for link in self._answers(cluster) + self._fulfils(cluster):
                key = (link.source_cluster, link.target_cluster, link.kind)
                if link.source_cluster != link.target_cluster and key not in found:
                    found[key] = link
        return sorted(found.values(), key=lambda k: (k.kind, k.source_cluster, k.target_cluster))

    def _is_threat(self, cluster: EventCluster) -> bool:
        return any(
            m.type in self._knowledge.threat_types
            or (
                m.type in self._knowledge.hostile_types
                and m.status in self._knowledge.threat_statuses
            )
            for m in cluster.members
        )

    def _is_act(self, cluster: EventCluster) -> bool:
        return (
            self._knowledge.family(cluster.type) in self._knowledge.hostile_types
            and self._knowledge.group(cluster.status) == self._knowledge.group("occurred")
            and cluster.status != "denied"
        )

    @staticmethod
    def _actor_country(cluster: EventCluster) -> str | None:
        if cluster.source_country:
            return cluster.source_country
        return next((m.said_by_country for m in cluster.members if m.said_by_country), None)

    def _fulfils(self, threat: EventCluster) -> list[ClusterLink]:
        if not self._is_threat(threat):
            return []
        actor, target = self._actor_country(threat), threat.target_country
        after = _first_day(threat)
        after = after if after is not None else _report_day(threat)
        if actor is None or target is None or after is None:
            return []
        entries = self._acts.get(target, [])
        for _, _, act in entries[bisect_right(entries, (after, "\uffff")) :]:
            if act.source_country == actor and act.id != threat.id:
                return [ClusterLink(threat.id, act.id, "threat_followed_by", None)]
        return []

    def _answers(self, cluster: EventCluster) -> list[ClusterLink]:
        links = []
        for member in cluster.members:
            named = self._named_after_cue(member)
            if named is not None:
                answered, cue = named
                if answered.id != cluster.id and self._is_act(answered):
                    links.append(ClusterLink(cluster.id, answered.id, "response_to", cue))
                continue
            cue_match = self._knowledge.answers_follow.search(member.sentence)
            cue_match = cue_match or self._knowledge.bare_cues.search(member.sentence)
            if cue_match is None and not (self._is_threat(cluster) and cluster.target_country):
                continue
            act = self._earlier_act(cluster, member)
            if act is not None:
                said = cue_match.group() if cue_match else None
                links.append(ClusterLink(cluster.id, act.id, "response_to", said))
        return links

    def _named_after_cue(self, member: EventMention) -> tuple[EventCluster, str] | None:
        """The cluster of the event named first after an `answers_follow` cue of the member's
        sentence (within `ANSWER_WINDOW`), when the member is not that event."""
        for cue in self._knowledge.answers_follow.finditer(member.sentence):
            named = [
                (m.trigger_offset, m.event_id, m)
                for m in self._same_sentence(member)
                if m.trigger_offset is not None
                and cue.end() <= m.trigger_offset <= cue.end() + ANSWER_WINDOW
            ]
            if not named:
                continue
            first = min(named, key=lambda entry: (entry[0], entry[1]))[2]
            if first.event_id == member.event_id:
                return None  # the member is the act answered, not the answer
            return self._of_event[first.event_id], cue.group()
        return None

    def _same_sentence(self, member: EventMention) -> list[EventMention]:
        """The mentions of the member's sentence (itself included)."""
        return [m for m in self._by_article[member.article_id] if m.sentence == member.sentence]

    def _earlier_act(self, cluster: EventCluster, member: EventMention) -> EventCluster | None:
        actor, other = self._actor_country(cluster), cluster.target_country
        if actor is None:
            return None
        candidates = [
            act
            for _, _, act in self._acts.get(actor, [])
            if act.id != cluster.id
            and act.source_country != actor
            and (other is None or act.source_country in (None, other))
        ]
        in_sentence = {self._of_event[m.event_id].id for m in self._same_sentence(member)}
        named = [act for act in candidates if act.id in in_sentence]
        if named:
            return named[0]
        before = self._upper_bound(cluster)
        dated = [act for act in candidates if (_first_day(act) or _NONE) <= before]
        return dated[-1] if dated else None

    def _upper_bound(self, cluster: EventCluster) -> int:
        """The latest day the answer can have come after: its own date, else its first report,
        else the latest date its articles report, else no bound."""
        for day in (_first_day(cluster), _report_day(cluster)):
            if day is not None:
                return day
        days = [self._latest[a] for a in cluster.articles if a in self._latest]
        return max(days) if days else _NONE


def find_links(clusters: Sequence[EventCluster], knowledge: LinkKnowledge) -> list[ClusterLink]:
    """The `response_to` and `threat_followed_by` links among `clusters`."""
    return ResponseLinker(clusters, knowledge).links()


def link_families(knowledge: LinkKnowledge) -> frozenset[str]:
    """The type families whose clusters can be threats or acts: the only clusters a link
    leaves or reaches (a cluster of another family lends the finder its members' sentences
    only)."""
    kinds = knowledge.threat_types | knowledge.hostile_types
    return frozenset({knowledge.family(kind) for kind in kinds} | knowledge.hostile_types)
