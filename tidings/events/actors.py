"""From an argument's words to an actor: the actor layer's mention nearest the argument's head
in the parse, a country word ("an American base"), a first-person pronoun inside a quote (the
quote's speaker); otherwise the words themselves, with no id."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.actors import ActorLayer, Mention
from tidings.actors.article import group_id
from tidings.events.clauses import pobj as _pobj
from tidings.events.lexicon import Frames
from tidings.events.mention_index import MentionIndex
from tidings.events.peoples import (
    counted_people,
    described_country,
    names_a_currency,
    names_a_people,
    names_an_accord,
)
from tidings.events.phrase_spans import (
    MAX_DEPTH,
    absolute_subject,
    acted_on_in_clause,
    argument_span,
    coordinated,
    cover,
    dateline_end,
    depth_below,
    dummy_it,
    in_adverbial_clause,
    in_content_clause,
    in_modifying_clause,
    made_against,
    part_phrase_span,
    people_name,
    phrase_span,
    related,
    transacted,
    where_based,
)
from tidings.events.records import EventActor
from tidings.events.speakers import Speakers
from tidings.knowledge import ActorBase
from tidings.knowledge.roles import load_role_lexicon
from tidings.quotes import QuoteLayer

# Clause steps from a pronoun subject up to the verb reporting it.
_MAX_REPORT_STEPS = 3
# Entity labels of the parser that name a party to an event.
_PARTY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Mention links that refer to an entity without naming it (the actor layer's coreference).
_REFERRING_LINKS = frozenset({"pronoun", "possessive", "description"})


# The sector of a country's people at large (roles.yaml `sectors`).
CIVILIANS = "CVL"


class ActorFinder(MentionIndex):
    """Reads arguments of one document against its actor layer, quotes and the actor base."""

    def __init__(
        self,
        doc: Any,
        actors: ActorLayer,
        quotes: QuoteLayer,
        base: ActorBase,
        frames: Frames,
        *,
        text: str | None = None,
    ) -> None:
        super().__init__(doc, actors, frames)
        self._text = text  # the article's text when known: the doc's, without rebuilding it
        self.roles = load_role_lexicon()
        self.quotes = quotes
        self.base = base
        self.speakers = Speakers(doc, actors, quotes, frames)

    @property
    def text(self) -> str:
        """The document's text (`Doc.text` joins every token at each call: read it once)."""
        if self._text is None:
            self._text = str(self.doc.text)
        return self._text

    def _names_a_body(self, word: Any) -> bool:
        """A country's adjective opening a name of its own ("Scottish Water"): its head is a
        capitalised proper noun that is no party noun ("the Syrian Army" is the army)."""
        if not hasattr(word, "dep_") or word.dep_ not in ("compound", "amod", "nmod"):
            return False
        head = word.head
        return bool(
            head.pos_ == "PROPN"
            and head.is_title
            and not head.is_sent_start
            and not self.frames.has("party_nouns", head.lemma_.lower())
        )

    def _speaker_as_third_person(self, mention: Mention) -> bool:
        """A third-person pronoun inside a direct quote resolved to the quote's own speaker:
        a speaker says "I", so the actor layer's guess is wrong."""
        if mention.link != "pronoun" or not self.frames.has("third_person_pronouns", mention.text):
            return False
        speaker_id, _ = self.speakers.speaker_at(mention.span[0], kinds=("direct",))
        return speaker_id is not None and speaker_id == mention.entity_id

    def mention_actor(self, mention: Mention) -> EventActor:
        entity = self.actors.entity(mention.entity_id)
        if entity is None:
            return EventActor(mention.entity_id, mention.text, None, None, mention.span)
        return EventActor(entity.id, entity.name, entity.country, entity.role, mention.span)

    def _speaker_actor(self, token: Any) -> EventActor | None:
        """A first-person pronoun in a quote (speakers.py), or a third-person one opening
        reported speech ("the army said it had launched ..."), stands for the speaker."""
        if self.frames.has("speaker_pronouns", token.text):
            return self.speakers.first_person(token)
        if not (self.frames.has("reported_pronouns", token.text) and token.dep_ == "nsubj"):
            return None
        if dummy_it(token, self.frames):
            return None  # "it was possible to sue": no one
        speaker_id, speaker = self.speakers.speaker_at(token.idx, kinds=("indirect",))
        if not (speaker_id or speaker):
            return None
        span = (token.idx, token.idx + len(token.text))
        return self.speakers.speaker_actor(speaker_id, speaker, span)

    def names_party(self, token: Any) -> bool:
        """Whether the phrase headed by `token` names a party (a mention or a country word at
        its head, a person, group or place by the parser, a personal pronoun) rather than a
        thing ("the mandate", "12 skulls")."""
        if token.pos_ == "PRON":  # "it" is a thing unless the actor layer resolved it
            own = any(
                m.span[0] == token.idx for m in self._inside(token.idx, token.idx + len(token.text))
            )
            return own or not self.frames.has("thing_pronouns", token.text)
        if token.ent_type_ in _PARTY_LABELS:
            return True
        if described_country(token, self.frames, self.base) is not None:
            return True  # "a US banker"
        if any(c.dep_ == "appos" and self.names_party(c) for c in token.children):
            return True  # "his counterpart, President X"
        span = phrase_span(token)
        for mention in self._inside(*span):
            root = self.mention_root(mention)
            if root is not None and root.i == token.i:
                return True
        return self._country_word(token, 1) is not None

    def _reporter(self, token: Any) -> EventActor | None:
        """A third-person pronoun subject of reported speech stands for the reporter ("the
        army said it had launched ...", "X announced they will ..."): the subject of the
        reporting verb (`reporting_verbs` of frames.yaml) whose complement the clause is."""
        if token.dep_ != "nsubj" or dummy_it(token, self.frames):
            return None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        said = self.frames.has("reported_pronouns", token.text)
        # "the ministry said its forces had captured ...": the forces are the reporter's
        if not said and not (owner is not None and self.frames.has("reported_owners", owner.text)):
            return None
        clause = token.head
        for _ in range(_MAX_REPORT_STEPS):
            if clause.dep_ not in ("ccomp", "conj") or clause.head.i == clause.i:
                return None
            clause = clause.head
            if self.frames.has("reporting_verbs", clause.lemma_):
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subject is None or subject.pos_ == "PRON":
                    return None
                reporter = self.actor(subject)
                if said or reporter is None or not reporter.country:
                    return reporter
                return self._country_actor(reporter.country, phrase_span(token))  # its forces
        return None

    def _country_actor(self, code: str, span: tuple[int, int]) -> EventActor:
        country = self.base.get(code)
        return EventActor(code, country.name if country is not None else code, code, None, span)

    def actor(
        self,
        token: Any,
        *,
        linked_only: bool = False,
        phrase_only: bool = False,
        doer: bool = False,
    ) -> EventActor | None:
        """The actor an argument headed by `token` names (None: `linked_only` and no actor);
        with `phrase_only`, named in its own phrase, not in a clause modifying it; as the
        `doer` of a clause, named in its own words before a clause modifying it ("the
        Novalia-led coalition fighting the rebels declared": not the rebels). A dateline is
        no argument: the phrase after its dash is."""
        dash = dateline_end(token)
        if token.i < dash:
            after = [t for t in token.subtree if t.i > dash and t.head.i < dash]
            after = [t for t in after if t.pos_ in ("NOUN", "PROPN")]
            if not after:
                return None
            token = after[0]
        top = token
        spoken_for = self._represented(token)
        if spoken_for is not None:  # "a spokesman for the party": the party acts
            return spoken_for
        for child in token.children:  # "bases hosting US troops": the troops' country
            if child.dep_ == "acl" and self.frames.has("hosting_verbs", child.lemma_):
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                hosted = self.actor(obj, linked_only=True) if obj is not None else None
                if hosted is not None:
                    return hosted
        words = argument_span(top)
        start, end = top.left_edge.idx, top.right_edge.idx + len(top.right_edge.text)
        if phrase_only:
            start, end = words
        best: tuple[int, int, Mention] | None = None
        relational = self.frames.has("relational_nouns", top.lemma_)
        charged = self.frames.has("accusation_nouns", top.lemma_)
        traded = self.frames.has("transaction_nouns", top.lemma_)
        for mention in self._inside(start, end):
            root = self.mention_root(mention)
            if relational and root is not None and related(root, top):
                continue  # "its allies", "the owner of Yukos": another party than the related
            if charged and root is not None and made_against(root, top):
                continue  # "the charges against their chairman": not whose charges
            if traded and root is not None and transacted(root, top):
                continue  # "the purchase of Yugansk": what is bought, no party
            depth = MAX_DEPTH + 1 if root is None else depth_below(root, top)
            if root is not None and (
                in_content_clause(root, top)
                or absolute_subject(root, top)
                or where_based(root)
                or in_adverbial_clause(root, top)
            ):
                continue  # "with a spokesperson saying": who speaks, not the phrase's owner
            if self._speaker_as_third_person(mention):
                continue  # "He was detained", in the minister's own words: not the minister
            kind = getattr(self.actors.entity(mention.entity_id or ""), "kind", None)
            if root is not None and names_an_accord(root, kind, self.frames, self.base):
                continue  # "the Kyoto protocol": no party to it
            if root is not None and names_a_currency(root, self.frames):
                continue  # "transactions in US dollars": money, not the state
            if root is not None and root.dep_ == "appos" and depth <= MAX_DEPTH:
                # "the commander, General X": the appositive names the head; a person named
                # so is who acts, wherever the parse hangs the apposition ("The commander
                # of the Quds Force, General X": X, not the Force)
                named = top.pos_ == "PROPN"  # "X, a confidant of his brother Y": X
                if self._is_person(mention.entity_id) and not coordinated(root, top) and not named:
                    depth = -1
                elif root.head.i == top.i:
                    depth = 0
            if root is not None and root.i != top.i and self._locative(root):
                depth += 1  # "bases in Iraq hosting US troops": a place, not the owner
            if root is not None and top.pos_ == "PROPN" and in_modifying_clause(root, top):
                continue  # "Gennifer Flowers, who had an affair with X": the name is who
            if doer and root is not None and in_modifying_clause(root, top):
                depth += 1
            elif root is not None and acted_on_in_clause(root, top) and self.names_party(top):
                continue  # "clashed with demonstrators who were protesting calls for X": not X
            if depth <= MAX_DEPTH and (best is None or (depth, mention.span[0]) < best[:2]):
                best = (depth, mention.span[0], mention)
        if best is not None:
            best = self._named_holder(best, top, (start, end)) or best
            if self._only_where(best[2], top):  # "protesters in Tiananmen Square": who, not
                return None if linked_only else self.unlinked(top)  # where they were
        if names_a_people(top, self.frames, self.base):  # a people, not its state
            return None if linked_only else self.unlinked(top)
        own = self.actors.entity(best[2].entity_id) if best is not None else None
        state = own is None or own.kind == "country"  # not a group the actor layer read
        described = described_country(top, self.frames, self.base) if state else None
        if described is not None:  # "a US banker": an American (a party), not the US
            return self.unlinked(top, described)
        below = best[0] if best is not None else MAX_DEPTH + 1
        country = self._country_word(top, below, (start, end))
        if country is not None:
            return replace(country, span=cover(words, country.span))
        if best is not None:
            named = self._antecedent(best[2])
            if named is not None:  # "the army said it had ...": the army's words
                return replace(self.mention_actor(best[2]), span=named.span)
            return replace(self.mention_actor(best[2]), span=cover(words, best[2].span))
        spoken = self._reporter(token) or self._speaker_actor(token)
        if spoken is not None and token.lower_ == "they" and self._is_person(spoken.id):
            spoken = None if self._told_many(token) else spoken
        if spoken is not None:
            return spoken
        return None if linked_only else self.unlinked(top)

    def _told_many(self, token: Any) -> bool:
        """Whether "they" is more likely the people a speaker told than the speaker and
        others ("the president told African-Americans ... if they did not vote")."""
        for verb in token.ancestors:
            if self.frames.has("reporting_verbs", verb.lemma_):
                told = (c for c in verb.children if c.dep_ in ("dobj", "dative"))
                return any(c.tag_ in ("NNS", "NNPS") for c in told)
        return False

    def _represented(self, token: Any) -> EventActor | None:
        """The party a spokesperson speaks for ("a spokesman for the party", "the spokeswoman of
        the ministry", "a Pentagon spokesman", "the ministry's spokesman"; frames.yaml
        `representative_nouns`), when the actor layer knows it and it is no person."""
        if not self.frames.has("representative_nouns", token.lemma_):
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lemma_ in ("for", "of"):
                owner = _pobj(child)
            elif child.dep_ in ("compound", "poss") and child.pos_ == "PROPN":
                owner = child
            else:
                continue
            found = self.actor(owner, linked_only=True) if owner is not None else None
            if found is not None and not (child.dep_ != "prep" and self._is_person(found.id)):
                return replace(found, span=argument_span(token))
        return None

    def unlinked(self, token: Any, country: str | None = None) -> EventActor:
        """The words of the phrase `token` heads as an actor of no id ("a suicide attack"),
        of the `country` its words name if any ("a US banker")."""
        span = part_phrase_span(token, self.frames)
        return EventActor(None, self.text[span[0] : span[1]], country, None, argument_span(token))

    def _antecedent(self, mention: Mention) -> Mention | None:
        """For a pronoun or description the actor layer resolved ("it", "the group"), the
        last earlier mention naming the same entity in its sentence: the words an analyst
        reads the side from."""
        if mention.link not in _REFERRING_LINKS:
            return None
        token = self.doc.char_span(*mention.span, alignment_mode="expand")
        if token is None:
            return None
        start = token.sent.start_char
        earlier = [
            m
            for m in self.mentions
            if m.entity_id == mention.entity_id
            and start <= m.span[0]
            and m.span[1] <= mention.span[0]
            and m.link not in _REFERRING_LINKS
        ]
        return earlier[-1] if earlier else None

    def _country_word(
        self, top: Any, below: int, within: tuple[int, int] | None = None
    ) -> EventActor | None:
        """A country named by a word of the phrase ("an American base", "Iranian forces"),
        less deep in it than `below`, inside the characters `within` (the phrase's own words,
        not a clause modifying it: "a resolution demanding American withdrawal" is not
        American) and in no mention."""
        lo, hi = within if within is not None else (0, len(self.text))
        candidates = [
            t
            for t in top.subtree
            if t.pos_ in ("ADJ", "PROPN", "NOUN")
            and lo <= t.idx < hi
            and depth_below(t, top) < below
            and not self._inside(t.idx, t.idx + len(t.text))
            and not any(m.span[0] <= t.idx < m.span[1] for m in self._around(t.idx))
        ]
        candidates.sort(key=lambda t: (depth_below(t, top), t.i))
        span = phrase_span(top)
        whole = self.doc.char_span(*span, alignment_mode="expand")
        if whole is not None and not self._inside(*span):
            names = [t for t in whole if t.dep_ != "det" and t.pos_ == "PROPN"]
            if len(names) > 1:
                words = self.doc[names[0].i : names[-1].i + 1]
                candidates.insert(0, words)
        for word in candidates[:6]:
            if not word.text[:1].isupper():
                continue
            if self._names_a_body(word):
                continue  # "Scottish Water", "Novalian Steel": a firm's name, not the country
            if names_a_currency(getattr(word, "root", word), self.frames):
                continue  # "transactions in US dollars": money, not the state
            people = people_name(word)
            found = self.base.country_word(people or word.text)
            if found is None:
                continue
            head = getattr(word, "root", word)  # a name of several words is a span
            if found[1] == "demonym" and counted_people(head, self.roles.people_quantities):
                return self._people_actor(found[0], span)  # "millions of Americans"
            return self._country_actor(found[0], span)
        return None

    def _people_actor(self, code: str, span: tuple[int, int]) -> EventActor:
        """Persons of a country counted ("two Britons", "millions of Americans"): its
        civilians, not its state."""
        country = self.base.get(code)
        label = self.roles.sector_label(CIVILIANS)
        name = f"{country.name if country is not None else code} {label}"
        return EventActor(group_id(code, CIVILIANS), name, code, None, span)
