"""How a harmful word between two unarmed parties reads, and a firm's acts on its own trade:
"attacked the Tories over tax" is criticism, "beat X to buy Y" rivalry (no event), a strike
by workers a labour protest, "BA will halt its flights" business (no event); and a news
outlet as a side: the medium of an interview or a programme, not a party. The base of the
side checks (events/side_checks.py): the actor layer's kind and sector of a side."""

from __future__ import annotations

from typing import Any

from tidings.actors import ActorLayer
from tidings.events.clauses import pobj
from tidings.events.fillers import FillerReader
from tidings.events.lexicon import Frames
from tidings.events.phrase_arguments import TIME_LABELS, Arguments
from tidings.events.records import EventActor


class ContestChecks:
    def __init__(self, fillers: FillerReader, actors: ActorLayer, frames: Frames) -> None:
        self.fillers = fillers
        self.actors = actors
        self.frames = frames
        self.doc = fillers.finder.doc

    def _root(self, actor: EventActor) -> Any | None:
        if actor.span is None:
            return None
        words = self.doc.char_span(*actor.span, alignment_mode="expand")
        return None if words is None else words.root

    def _known(self, actor_id: str | None) -> tuple[str | None, str | None]:
        """The kind and sector of `actor_id`: the actor layer's, else the actor base's."""
        if actor_id is None:
            return None, None
        found = self.actors.entity(actor_id) or self.fillers.finder.base.get(actor_id)
        return (None, None) if found is None else (found.kind, found.sector)

    def _kind(self, actor_id: str | None) -> str | None:
        return self._known(actor_id)[0]

    def _unarmed(self, actor: EventActor | None) -> bool:
        """A person or a body that is no state and carries no arms (frames.yaml
        `armed_sectors`): a politician, a party, a firm, a club."""
        if actor is None:
            return False
        if actor.id is None:  # words alone: "ministers", "his rivals", not "the army"
            root = self._root(actor)
            return (
                root is not None
                and root.pos_ == "NOUN"
                and self.fillers.kind(root) == "actor"
                and not self._armed_words(root)  # "armed men", "army officers"
            )
        kind, sector = self._known(actor.id)
        if kind not in ("person", "organization", "other"):  # "other": a group ("ministers")
            return False
        if kind == "other" and sector is None:
            return False
        return sector is None or not self.frames.has("armed_sectors", sector)

    def _campaigning(self, trigger: Any, source: EventActor | None) -> bool:
        """A campaign gathering (frames.yaml `campaign_words`) of a politician, a lawmaker or
        a party (`campaigning_sectors`)."""
        if source is None or not self.frames.has("campaign_words", trigger.lemma_):
            return False
        sector = self._known(source.id)[1]
        return sector is not None and self.frames.has("campaigning_sectors", sector)

    def _speaker(self, actor: EventActor | None) -> bool:
        """A person of a sector that speaks for a living (frames.yaml `speaking_sectors`): a
        politician, a judge."""
        if actor is None or actor.id is None:
            return False
        kind, sector = self._known(actor.id)
        return (
            kind == "person" and sector is not None and self.frames.has("speaking_sectors", sector)
        )

    def _state(self, actor: EventActor | None) -> bool:
        return actor is not None and self._kind(actor.id) == "country"

    def _armed(self, actor: EventActor | None) -> bool:
        """A side that carries arms: an actor of `armed_sectors` ("the police", "rebels"), or
        words naming armed people ("armed men", "troops")."""
        if actor is None:
            return False
        if actor.id is None:
            root = self._root(actor)
            return root is not None and self._armed_words(root)
        sector = self._known(actor.id)[1]
        return sector is not None and self.frames.has("armed_sectors", sector)

    def _armed_words(self, root: Any) -> bool:
        """Words of a phrase naming armed people (frames.yaml `armed_nouns`: "armed men")."""
        return any(self.frames.has("armed_nouns", w.lemma_.lower()) for w in (root, *root.children))

    def _with_party(self, prep: Any) -> bool:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        return obj is not None and self.fillers.is_party(obj)

    def contest(self, trigger: Any, args: Arguments, event_type: str, mode: str | None) -> str:
        """How a harmful word between two unarmed parties reads: "attacked the Tories",
        "slammed the chancellor" are criticism ("ACCUSE"); "beat X to buy Y", "fought back
        with a budget airline", "destroy the Tories" are rivalry, no event ("none"); a strike
        by an unarmed doer is a labour protest ("PROTEST"); troops marching move, no protest
        ("MOBILIZE"); anything else, or a weapon named ("attacked him with a knife"), as read
        ("")."""
        if self._own_trade(trigger, args.source, event_type):
            return "none"  # "BA will halt its flights to Jeddah": business
        harmful = event_type == "ASSAULT" or (event_type == "THREATEN" and mode == "assault")
        labour = trigger.pos_ == "NOUN" and self.frames.has("labour_action_words", trigger.lemma_)
        if event_type == "ASSAULT" and labour:  # workers' "strike", not a leader's
            sector = self._known(args.source.id)[1] if args.source is not None else None
            striking = sector is None or self.frames.has("striking_sectors", sector)
            return "PROTEST" if striking and self._unarmed(args.source) else ""
        if event_type == "PROTEST" and self._campaigning(trigger, args.source):
            return "none"  # "Clinton has held rallies before black crowds": campaigning
        marching = self.frames.has("armed_movement_words", trigger.lemma_)
        if event_type == "PROTEST" and marching and self._armed(args.source):
            return "MOBILIZE"  # "ordered British troops to march into Belfast": no protest
        verbal = self.frames.has("verbal_attack_verbs", trigger.lemma_)
        if harmful and verbal and self._in_words(trigger):
            return "ACCUSE"  # "attacked British imperialists, saying ...", "attacked his plans"
        if harmful and verbal and self._over_a_topic(trigger) and not self._armed(args.source):
            return "ACCUSE"  # "attacked the government over Iraq": criticism
        if harmful and verbal and self._on_a_matter(trigger) and self._unarmed(args.source):
            return "ACCUSE"  # "launched an attack on the cost of the asylum system"
        armed = any(c.dep_ == "prep" and c.lemma_ == "with" for c in trigger.children)
        spoken = self._speaker(args.source) and not self._state(args.target) and not armed
        if harmful and verbal and spoken:
            return "ACCUSE"  # "she attacked law enforcement officers nationwide"
        contest = self.frames.has("contest_verbs", trigger.lemma_)
        body = args.source is not None and self._kind(args.source.id) == "organization"
        if (
            harmful
            and contest
            and body
            and self._unarmed(args.source)
            and not self._armed(args.target)
        ):
            # "Yukos has been battling the Russian authorities": a contest of a body that
            # carries no arms (a firm, a party) with anyone not armed
            return "none"
        if not harmful or not (self._unarmed(args.source) and self._unarmed(args.target)):
            return ""
        if any(
            c.dep_ == "prep" and c.lemma_ == "with" and not self._with_party(c)
            for c in trigger.children
        ):
            return ""  # a weapon named ("attacked him with a knife"), not a party clashed with
        if self.frames.has("verbal_attack_verbs", trigger.lemma_):
            return "ACCUSE"
        return "none" if self.frames.has("contest_verbs", trigger.lemma_) else ""

    def _in_words(self, trigger: Any) -> bool:
        """An attack made in words, whoever the sides: one said in the same breath ("attacked
        X, saying they treated Africans like savages") or aimed at a statement or plan
        ("attacked the pledges", "attacked the way the war was sold")."""
        light = trigger.head if trigger.dep_ == "dobj" and trigger.head.pos_ == "VERB" else None
        # "launched an attack on X, calling them ...": the light verb carries the participle
        words = [*trigger.children, *(light.children if light is not None else ())]
        for child in words:
            said = child.dep_ in ("advcl", "xcomp", "conj") and child.tag_ == "VBG"
            speech = ("reporting_verbs", "naming_verbs")
            if said and any(self.frames.has(key, child.lemma_) for key in speech):
                return True
            if child.head.i != trigger.i:
                continue
            aimed = self.fillers.kind(child) == "statement"
            if child.dep_ == "dobj" and (aimed or self.frames.has("manner_nouns", child.lemma_)):
                return True
        return False

    def _on_a_matter(self, trigger: Any) -> bool:
        """An attack noun aimed "on" a statement or a thing no one holds ("an attack on the
        cost of the asylum system"), not on a party or what it holds ("on the embassy")."""
        if trigger.pos_ != "NOUN":
            return False
        on = (c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "on")
        kinds = [(t, self.fillers.kind(t)) for t in (pobj(prep) for prep in on) if t is not None]
        return any(
            kind in ("statement", "thing")
            or (kind == "held" and not self.frames.has("held_nouns", t.lemma_))  # "its costs"
            for t, kind in kinds
        )

    def _over_a_topic(self, trigger: Any) -> bool:
        """An attack "over" a matter, not a time ("attacked the government over Iraq", not
        "over the weekend")."""
        for prep in trigger.children:
            if prep.dep_ != "prep" or prep.lower_ != "over":
                continue
            topic = pobj(prep)
            if topic is not None and topic.ent_type_ not in TIME_LABELS:
                return True
        return False

    def _own_trade(self, trigger: Any, source: EventActor | None, event_type: str) -> bool:
        """A firm's act on its own trade (frames.yaml `trade_nouns`: flights, services, cars)."""
        kind, sector = self._known(source.id if source is not None else None)
        firm = kind == "organization" and sector in (None, "BUS")
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass", "pobj", "prep")]
        objects += [g for c in objects if c.dep_ == "prep" for g in c.children]
        # "up to 50 of its forthcoming planes": what a number or a part counts
        objects += [
            w
            for c in objects
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for w in p.children
        ]
        traded = any(self.frames.has("trade_nouns", c.lemma_) for c in objects)
        return firm and traded and self.frames.has("trade_types", event_type)

    def _interviewer(self, target: EventActor, event_type: str) -> bool:
        """A news outlet, or a programme of one ("the BBC's Westminster Hour"), as the
        counterpart of a talk: an interview, not a consultation."""
        if not self.frames.has("interview_types", event_type):
            return False
        return self._outlet(target, self._root(target))

    def _medium(self, target: EventActor, root: Any) -> bool:
        """An outlet or its programme an act was done on ("said on the BBC's Today
        programme", frames.yaml `medium_prepositions`) or given an interview (`interview_nouns`):
        the medium, not a party."""
        if self.frames.has("interview_nouns", root.lemma_):
            return True  # "said in an interview with The Times": the interviewer
        while root.dep_ in ("compound", "poss") and root.head.i != root.i:
            root = root.head  # "The Times newspaper", "the BBC's Today programme"
        prep = root.head if root.dep_ == "pobj" else None
        if prep is None:
            return False
        if prep.lower_ == "with" and self.frames.has("interview_nouns", prep.head.lemma_):
            return True
        if not self.frames.has("medium_prepositions", prep.lower_):
            return False
        return self._outlet(target, root)

    def _outlet(self, target: EventActor, root: Any) -> bool:
        owners = [c for c in root.children if c.dep_ == "poss"] if root is not None else []
        sides = [target, *(self.fillers.finder.actor(o, linked_only=True) for o in owners)]
        sectors = [self._known(side.id)[1] for side in sides if side is not None]
        return any(self.frames.has("media_sectors", sector or "") for sector in sectors)
