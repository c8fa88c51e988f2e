"""Last checks on the sides read for an event, before it is built: whether the target names a
party at all, and readings that look like a target but are not one: a town where the act
happened ("a meeting in Brussels"; for `placed_types` the place hit or held stays), a second
doer of an act done alone (`solitary_types`: "X and his son both resigned"), one party on both
sides, the doer's own body or words. `names_party` decides completeness: a party, a place or
body a party holds, or the statement or act of a named owner; a thing ("the auction", a deal
with no owner) leaves the reading partial."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.actors.coreference_words import load_coreference_words
from tidings.events.contests import ContestChecks
from tidings.events.destinations import destination, unowned_body
from tidings.events.phrase_arguments import Arguments, same_actor
from tidings.events.phrase_spans import unresolved_description
from tidings.events.records import EventActor

# Entity labels of times and sums of money: never a party ("at 1830 GMT", "$27.5bn"); a count
# may be one ("three of the detainees").
_AMOUNT_LABELS = frozenset({"DATE", "TIME", "MONEY"})


class SideChecks(ContestChecks):
    def unresolved_party(self, target: EventActor | None) -> bool:
        """Words for a party the actor layer could not resolve: a pronoun or a description
        ("it", "the state", "the two men"). A reading that needs no target shows none then."""
        if target is None or target.id is not None:
            return False
        root = self._root(target)
        return root is not None and (
            root.pos_ == "PRON" or unresolved_description(root, self.frames) or self._anyone(root)
        )

    def _anyone(self, root: Any) -> bool:
        """A party not yet known ("any state which breaches the rules", frames.yaml
        `any_determiners`)."""
        return any(
            c.dep_ == "det" and self.frames.has("any_determiners", c.lower_) for c in root.children
        )

    def nameless_spokesperson(self, actor: EventActor | None) -> bool:
        """A spokesperson whose principal went unresolved ("his spokesman said", the actor
        layer's bare role `u:person:spokesman`): who acted is not known."""
        if actor is None or actor.id is None or not actor.id.startswith("u:person:"):
            return False
        return self.frames.has("representative_nouns", actor.id.removeprefix("u:person:"))

    def names_party(self, target: EventActor | None, event_type: str) -> bool:
        """Does `target` say who an act was done to? An actor of the actor layer does; words
        alone do when their head is a party ("critics", "the government") or a thing a party
        holds, not when they name a thing or an owner-less statement."""
        if target is None:
            return False
        root = self._root(target)
        harmful = self.frames.has("harmful_types", event_type)
        if root is not None and self._medium(target, root):
            return False  # "asked on BBC Radio 4's programme": where it was said
        audience = root is not None and self.frames.has("audience_nouns", root.lemma_)
        if audience and _bare_plural(root) and not harmful and _countryless(target):
            return False  # "helped women", "urged students": no place either
        if target.id is not None:
            return True
        if root is None or root.pos_ == "PRON" or root.lower_ in load_coreference_words().pronouns:
            return False  # a pronoun the actor layer could not resolve names no one ("HIM")
        timed = any(c.dep_ == "nummod" and c.ent_type_ in _AMOUNT_LABELS for c in root.children)
        if root.ent_type_ in _AMOUNT_LABELS or timed:
            return False  # "at 1830 GMT", "$27.5bn": a time or an amount
        # "urged people to", "consulting local communities": an audience, not a party
        generic = self.frames.has("generic_party_nouns", root.lemma_)
        if generic and not (harmful or self.frames.has("placed_types", event_type)):
            return False
        if unresolved_description(root, self.frames):
            return False  # "the party", "the two parties" the actor layer left unresolved
        if self._anyone(root):
            return False  # "action against any state which breaches the rules": no one yet
        kind = self.fillers.kind(root)
        if kind == "statement" and self.frames.has("reaction_types", event_type):
            return self._reacted_act(root)  # "condemned the bombing", "refused talks"
        if kind == "held":  # a held thing whose holder went unnamed: "the base", "the economy"
            party = self.frames.has("party_nouns", root.lemma_)  # "the food industry"
            return party or self.frames.has("placed_types", event_type)  # "attacked the base"
        return kind == "actor"

    def _reacted_act(self, noun: Any) -> bool:
        """An act condemned, rejected or protested, named by an event noun of the lexicon
        whose type is one of frames.yaml `reacted_act_types` ("the bombing", "the
        demolition", "official talks"); a proposal, a call or a claim with no owner names no
        one."""
        return bool(self.fillers.noun_types(noun) & self.frames.words["reacted_act_types"])

    def _thing(self, actor: EventActor) -> bool:
        """Words whose head is a thing, whatever actor they hold only by where it is ("helped
        by a strong performance in the Americas")."""
        root = self._root(actor)
        return root is not None and self.fillers.kind(root) == "thing"

    def _document(self, source: EventActor) -> bool:
        """A bill, act or treaty the model tagged as a body ("the Prevention of Terrorism
        Bill would detain ..."): it does nothing itself (frames.yaml `document_heads`)."""
        words = source.name.split()
        return len(words) > 1 and self.frames.has("document_heads", words[-1])

    def _only_where(self, source: EventActor) -> bool:
        """A town or region named only as where or what kind ("the Lisbon summit", "the
        Brixton riots", "a car bomb in Kiev") is no doer; one that acts as the subject
        ("Moscow said", a capital for its government) or heads a party ("the police in
        Lagos") stays."""
        if self._kind(source.id) != "place":
            return False
        named = self._named(source)
        if named is None or named.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return False
        head = named.head
        if named.dep_ == "pobj":  # "a car bomb in Kiev": where, unless "the police in Lagos"
            return self.frames.has("locative_prepositions", head.lemma_) and not (
                self.frames.has("party_nouns", head.head.lemma_)
            )
        return named.dep_ in ("compound", "amod", "poss") and not (
            self.frames.has("party_nouns", head.lemma_)
        )

    def only_a_thing(
        self, target: EventActor | None, event_type: str, trigger: Any, mode: str | None = None
    ) -> bool:
        """A target naming no party, or a direct object naming a thing of the doer's own,
        read for a type whose act on a thing is another sense (frames.yaml
        `party_object_types`: "withdrew the remarks", "has withdrawn its takeover offer" are
        no withdrawal; "withdrew its troops" is), or for an act whose object must be people
        (`party_object_modes`: "released its results" is no release of captives)."""
        obj = _acted_on(trigger)
        if self.frames.has("party_object_modes", mode or ""):
            thing = obj
            if thing is None:  # "released growth figures showing X": a clause, as parsed
                clause = next((c for c in trigger.children if c.dep_ == "ccomp"), None)
                subjects = [c for c in clause.children if c.dep_ == "nsubj"] if clause else []
                thing = subjects[0] if subjects else None
            if thing is not None and thing.pos_ == "NOUN" and self.fillers.kind(thing) == "thing":
                return True
        if not self.frames.has("party_object_types", event_type):
            return False
        if target is None:
            if obj is None:
                return False
            passive = obj.dep_ == "nsubjpass" or obj.i == trigger.head.i
            if passive and obj.pos_ == "NOUN" and self.fillers.kind(obj) == "thing":
                return True  # "figures released by the Cabinet Office"
            if not self.frames.has("statement_nouns", obj.lemma_):
                return False
            # lifting sanctions or a blockade, declaring a ceasefire: a harmful act undone
            undone = self.frames.words["harmful_types"] | {event_type.lower()}
            return not self.fillers.noun_types(obj) & undone
        return not self.names_party(target, event_type)

    def checked(
        self, args: Arguments, event_type: str, act_type: str = "", trigger: Any | None = None
    ) -> Arguments:
        """`args` without a target that is only the act's place, a second doer, or the
        source itself. `act_type`: the trigger's own type when the status recoded it (a
        visit promised is AGREE, and still a visit)."""
        target, source = args.target, args.source
        if source is not None and (
            self._thing(source) or self._only_where(source) or self._document(source)
        ):
            args = replace(args, source=None)
            source = None
        own = source is not None and target is not None and self._own_body(target, source)
        own = own or (self.frames.has("moved_types", event_type) and unowned_body(target))
        if target is None or own:  # "withdraw its troops": where they go, if it is told
            moved = (act_type or event_type) if own else event_type
            where = destination(
                trigger, source, moved, self.frames, self.fillers.finder, self._kind
            )
            return replace(args, target=where) if where or own else args
        if (
            self._only_place(target, event_type, act_type)
            or (source is not None and self._own_words(target, source))
            or self._fellows(target, event_type)
            or (trigger is not None and self._visited_thing(trigger, target))
            or self._co_doer(target, args.source_token, event_type)
            or (source is not None and _one_party(source, target))
            or self._interviewer(target, event_type)
            or (
                source is not None
                and trigger is not None
                and self._home_trip(trigger, source, target)
            )
        ):
            return replace(args, target=None)
        return args

    def _home_trip(self, trigger: Any, source: EventActor, target: EventActor) -> bool:
        """A visit to a place of the visitor's own country ("plans to travel to a city in
        the US heartland", "toured Texas"): a trip at home, no one met."""
        if not self.frames.has("visit_words", trigger.lemma_):
            return False
        if self._kind(target.id) not in ("country", "place") or source.country is None:
            return False
        return target.country == source.country or target.id == source.country

    def _only_place(self, target: EventActor, event_type: str, act_type: str = "") -> bool:
        if self.frames.has("placed_types", event_type):
            return False
        if self._where_of_a_thing(target):
            return True
        kind = self._kind(target.id)
        visit = self.frames.has("visit_types", event_type) or self.frames.has(
            "visit_types", act_type
        )
        if (
            visit
            and self._unknown_single_name(target)
            and (self._visited(target) or self._after_locative(target))
        ):  # a town tagged as a person or a body ("visits Torbay", "a conference in Gateshead")
            return True
        if kind is not None and kind != "place":
            return False  # a country hosting a summit is its counterpart; a city is not
        if kind == "place" and visit:
            return True  # a town visited or toured ("visits Manchester") is no counterpart
        named = self._named(target)
        head = named.head if named is not None and named.dep_ in ("compound", "amod") else None
        if kind == "place" and head is not None and self.frames.has("statement_nouns", head.lemma_):
            return True  # a town naming a treaty or a plan ("the Kyoto treaty"): no one acted upon
        root = self._root(target)
        if root is None or (kind is None and root.ent_type_ not in ("GPE", "LOC", "FAC")):
            return False
        if visit and kind is None:
            return True  # a place the actor base does not know is no country: a town visited
        head = root.head
        return root.dep_ == "pobj" and self.frames.has("locative_prepositions", head.lemma_)

    def _own_words(self, target: EventActor, source: EventActor) -> bool:
        """A target given by words alone whose possessor is the source itself ("defended his
        party's plans"): the doer's own, no one acted upon. Not another party the possessor
        names ("its allies", "her colleagues": `relational_nouns`)."""
        if target.id is not None or source.id is None:
            return False
        root = self._root(target)
        owner = self._pronoun_owner(root)
        if owner is None or root is None:
            return False
        if self.frames.has("relational_nouns", root.lemma_):
            return False
        return any(
            m.entity_id == source.id and m.span[0] <= owner.idx < m.span[1]
            for m in self.actors.mentions
        )

    def _fellows(self, target: EventActor, event_type: str) -> bool:
        """ "Talks with fellow ministers", "his fellow MPs" (frames.yaml `own_side_words`): the
        doer's own side, no counterpart, unless harmed ("killed a fellow soldier")."""
        root = self._root(target)
        if root is None or self.frames.has("harmful_types", event_type):
            return False
        return any(
            c.dep_ == "amod" and self.frames.has("own_side_words", c.lemma_) for c in root.children
        )

    def _own_body(self, target: EventActor, source: EventActor) -> bool:
        """A body of the source's country (a group, or the state as its government) that a
        pronoun says is the source's own ("withdraw its troops", "defended his government"),
        not a person ("praised his chancellor"): what it moves or speaks for."""
        if target.id is None or self._pronoun_owner(self._root(target)) is None:
            return False
        body = target.id.startswith("u:group:") or target.id == target.country
        return body and target.country is not None and target.country == source.country

    @staticmethod
    def _pronoun_owner(root: Any | None) -> Any | None:
        """The possessive pronoun on a phrase's head ("its troops": "its"), if any."""
        owner = next((c for c in root.children if c.dep_ == "poss"), None) if root else None
        return owner if owner is not None and owner.pos_ == "PRON" else None

    def _visited_thing(self, trigger: Any, target: EventActor) -> bool:
        """A visit to a thing in a place ("visited slums in the Kenyan capital", "will visit an
        orphanage in X"): no one met, whatever country the place gives."""
        if not self.frames.has("visit_words", trigger.lemma_):
            return False
        visited = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if visited is None or self.fillers.kind(visited) not in ("thing", "held"):
            return False
        if self.frames.has("held_nouns", visited.lemma_) or self.fillers.is_party(visited):
            return False  # "visited the US embassy", "visited the troops"
        word = self._named(target) or self._root(target)  # "Novalian" names no "Novalia"
        return word is not None and word.i in {t.i for t in visited.subtree}

    def _visited(self, target: EventActor) -> bool:
        """Whether the target's words are what a verb of visiting governs ("visits X, Y and
        Z"), not whom someone met."""
        named = self._named(target)
        verb = (
            next((t for t in named.ancestors if t.pos_ in ("VERB", "NOUN")), None)
            if named
            else None
        )
        return verb is not None and self.frames.has("visit_words", verb.lemma_)

    def _after_locative(self, target: EventActor) -> bool:
        """Whether the target's own name follows a locative preposition ("in Gateshead")."""
        named = self._named(target)
        return bool(
            named is not None
            and named.dep_ == "pobj"
            and self.frames.has("locative_prepositions", named.head.lemma_)
        )

    def _unknown_single_name(self, target: EventActor) -> bool:
        """A name of one word the actor base does not know, never given in full as a
        person's: as what is visited, most often a town the model tagged as something else."""
        if target.id is None or self.fillers.finder.base.get(target.id) is not None:
            return False
        entity = self.actors.entity(target.id)
        return entity is not None and len(entity.name.split()) == 1 and entity.role is None

    def _named(self, actor: EventActor) -> Any | None:
        """The word of the actor's own name inside the words it was read from (the last
        word of its name), not the head of the phrase around it."""
        if actor.span is None:
            return None
        words = self.doc.char_span(*actor.span, alignment_mode="expand")
        last = actor.name.split()[-1] if actor.name.split() else ""
        return next((t for t in reversed(words or []) if t.text == last), None)

    def _where_of_a_thing(self, target: EventActor) -> bool:
        """A place or country named only as where a thing is ("encouraged mobility in
        Britain", "a stereotype of life in Liverpool"): not who the act was done to."""
        root = self._named(target)
        if root is None or root.dep_ != "pobj":
            return False
        prep = root.head
        if not self.frames.has("locative_prepositions", prep.lemma_):
            return False
        owner = prep.head
        return owner.pos_ == "NOUN" and self.fillers.kind(owner) == "thing"

    def _co_doer(self, target: EventActor, subject: Any | None, event_type: str) -> bool:
        if subject is None or not self.frames.has("solitary_types", event_type):
            return False
        root = self._root(target)
        if root is None:
            return False
        return root.dep_ == "conj" and subject.i in {t.i for t in root.ancestors}


def _one_party(source: EventActor, target: EventActor) -> bool:
    """The same actor, words inside the source's own name ("Harbour & Harbour has agreed
    to buy": no target "Harbour"), or two readings of one person's name ("Bernie Ebbers",
    "Mr Ebbers")."""
    if same_actor(source, target):
        return True
    if _overlap(source.span, target.span) and (
        target.id is None or source.id is None or target.name in source.name
    ):  # not "Novalia and Harbouria's envoys": the source's words hold its partner's name
        return True
    first, second = source.name.split(), target.name.split()
    if len(first) < 2 or len(second) < 2 or first[-1] != second[-1]:
        return False
    # a title before the surname ("Mr Ebbers") names the person the article named in full
    titles = load_coreference_words().gender_titles
    return any(name[0].lower().rstrip(".") in titles for name in (first, second))


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _acted_on(trigger: Any) -> Any | None:
    """What a verb acts on: its direct object, its passive subject, or the noun its passive
    participle modifies ("figures released by X")."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        return trigger.head
    return None


def _countryless(actor: EventActor) -> bool:
    """Words no actor holds, or a group of a sector the text gives no country (u:group:xxx-)."""
    return actor.id is None or actor.id.startswith("u:group:xxx-")


def _bare_plural(noun: Any) -> bool:
    """A plural noun with no determiner, number or owner ("Muslims", "party activists")."""
    naming = ("det", "predet", "nummod", "poss")
    return noun.tag_ in ("NNS", "NNPS") and not any(c.dep_ in naming for c in noun.children)
