"""The entities of one article as the stage finds them, mention by mention, and what later
mentions are linked by: full names seen so far, roles the article gave, who is subject."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tidings.actors.context import ArticleView, Reading
from tidings.actors.records import NAME_LINKS, ActorLayer, Entity, EntityKind, LinkKind, Mention
from tidings.knowledge.actors import Actor, Role
from tidings.knowledge.names import skeleton_words
from tidings.knowledge.periods import day_range


@dataclass(slots=True)
class EntityDraft:
    """An entity being assembled. `words` is the skeleton of the fullest name seen (for
    surname links); `roles`/`orgs` what the article itself says the actor is."""

    id: str
    name: str
    kind: EntityKind
    country: str | None
    actor: Actor | None = None
    sector: str | None = None
    role: str | None = None
    aligned_with: list[str] = field(default_factory=list)
    words: tuple[str, ...] = ()
    roles: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    subjects: int = 0
    last: int = -1
    # Where the actor was last the subject of a main clause ("Varga said"): who a pronoun or
    # "the official" most likely means. A subordinate subject ("said that Marr had") is not.
    last_subject: int = -1
    # An actor not in the base that the text calls by a name (not "an unnamed official").
    named: bool = False
    # What the article says of the gender ("Mr Varga", a "she" resolved to her) when the base
    # does not.
    said_gender: str | None = None
    # The names the article calls the actor by: its aliases (never a role phrase, a pronoun
    # or a description).
    names: list[str] = field(default_factory=list)

    @property
    def gender(self) -> str | None:
        known = self.actor.gender if self.actor else None
        return known or self.said_gender

    def holds(self, role: str, *, org: str | None, past: bool, date: str | None) -> bool:
        """Does the article or the base say this actor holds `role` (of `org`) on `date`, or
        with `past`, held it in a term now over ("the former commander")?"""
        # The article said the role; an organisation it did not name is no contradiction.
        said = role in self.roles and (org is None or not self.orgs or org in self.orgs)
        offices = self._offices(role, org)
        day = day_range(date)
        if past:
            return any(o.ended_by(day) for o in offices) if offices else said
        if said or not offices:
            return said
        return self.holds_still(role, org=org, date=date)

    def holds_still(self, role: str, *, org: str | None, date: str | None) -> bool:
        """Does the base say the actor holds `role` on `date` (no date: a term with no end)?"""
        day = day_range(date)
        offices = self._offices(role, org)
        return any(o.held_on(day) if day else o.end is None for o in offices)

    def _offices(self, role: str, org: str | None) -> list[Role]:
        return [
            office
            for office in (self.actor.roles if self.actor else ())
            if office.role == role and (org is None or office.org == org)
        ]


class ArticleState:
    """Entities and mentions of one article, in the order the stage meets them."""

    def __init__(self, view: ArticleView, date: str | None, *, text: str | None = None) -> None:
        self.view = view
        self.date = date
        # `Doc.text` is rebuilt from the tokens at every call: read it once, or take the
        # article's text, which it equals.
        self.text: str = view.doc.text if text is None else text
        self.drafts: dict[str, EntityDraft] = {}
        # token index -> the id of the entity a mention covering it was linked to
        self.token_entity: dict[int, str] = {}

    def get(self, entity_id: str) -> EntityDraft | None:
        return self.drafts.get(entity_id)

    def add(
        self,
        draft: EntityDraft,
        *,
        span: tuple[int, int],
        link: LinkKind,
        subject: bool,
        sector: str | None = None,
        reading: Reading | None = None,
        name: bool = False,
    ) -> EntityDraft:
        """Record a mention (token range `span`) of `draft` (merged with the article's draft of
        the same id if there is one)."""
        current = self.drafts.setdefault(draft.id, draft)
        doc = self.view.doc
        first, last = doc[span[0]], doc[span[1] - 1]
        char_span = (first.idx, last.idx + len(last.text))
        current.mentions.append(
            Mention(
                char_span, self.text[char_span[0] : char_span[1]], current.id, link, sector, subject
            )
        )
        current.subjects += int(subject)
        current.last = span[0]
        for i in range(*span):
            self.token_entity[i] = current.id
        if name:
            current.names.append(current.mentions[-1].text)
        root = doc[span[0] : span[1]].root
        if (subject and acts_in_main_clause(root)) or agent_of_main_clause(root):
            current.last_subject = span[0]
        if name and current.kind == "person":
            words = skeleton_words(doc[span[0] : span[1]].text)
            if len(words) > len(current.words):
                current.words = words
        if reading is not None:
            self._learn(current, reading)
        return current

    def _learn(self, draft: EntityDraft, reading: Reading) -> None:
        draft.roles.update(reading.roles)
        if reading.role is not None:
            draft.roles.add(reading.role.key)
            draft.role = draft.role or reading.role.key
        if reading.org is not None:
            draft.orgs.add(reading.org)
        for target in reading.aligned_with:
            if target not in draft.aligned_with:
                draft.aligned_with.append(target)

    def focus_country(self, token_index: int) -> EntityDraft | None:
        """The country the article has named most before token `token_index`: at least
        twice, and at least twice as often as any other (no guess between two). "The
        government" with no country near is most likely that country's. If no country is
        named so, the same rule over the countries of the known domestic actors named before
        (roles.yaml `domestic_sectors`: "Blair", "the Home Office"), with named countries."""
        before = self.view.doc[token_index].idx
        named: Counter[str] = Counter()
        domestic: Counter[str] = Counter()
        sectors = self.view.lexicon.domestic_sectors
        for draft in self.drafts.values():
            said = [m for m in draft.mentions if m.span[0] < before]
            if draft.kind == "country":
                # names only: "the country" resolved to one does not make it the focus
                named[draft.id] += sum(m.link in NAME_LINKS for m in said)
            elif draft.actor is not None and draft.actor.country and draft.sector in sectors:
                domestic[draft.actor.country] += len(said)
        found = _leading(named) or _leading(named + domestic)
        if found is None:
            return None
        if found not in self.drafts:
            actor = self.view.base.get(found)
            if actor is None or actor.kind != "country":
                return None
            return known_draft(actor, self)
        return self.drafts[found]

    def people(self) -> list[EntityDraft]:
        return [d for d in self.drafts.values() if d.kind == "person"]

    def full_name_ending(
        self, words: tuple[str, ...], skip: Callable[[EntityDraft], bool] | None = None
    ) -> EntityDraft | None:
        """The person whose fuller name ends with `words` ("Varga" -> "Jon Varga"), not one
        `skip` rules out: of several, the one named most, then the latest."""
        size = len(words)
        found = [
            d
            for d in self.people()
            if size and len(d.words) > size and d.words[-size:] == words and not (skip and skip(d))
        ]
        # two of one surname ("Ted Cruz", "Heidi Cruz"): the one the article names more
        return max(found, key=lambda d: (len(d.mentions), d.last)) if found else None

    def full_name_starting(self, word: str) -> EntityDraft | None:
        """The one person named before whose fuller name starts with `word` ("Sir Edward"
        after "Sir Edward Heath": a knight is called by the first name), if only one."""
        found = [d for d in self.people() if len(d.words) > 1 and d.words[0] == word]
        return found[0] if len(found) == 1 else None

    def body_name_ending(self, words: tuple[str, ...]) -> EntityDraft | None:
        """The latest organisation named before whose fuller name ends with `words` ("the
        Commission" after "the European Commission"), if only one such is named."""
        size = len(words)
        found = {
            d.id: d
            for d in self.drafts.values()
            if d.kind == "organization"
            and size
            and len(skeleton_words(d.name)) > size
            and skeleton_words(d.name)[-size:] == words
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _fold_early_surnames(self) -> None:
        """A surname met before its full name ("Varga had met ... Jon Varga") is that person:
        an unknown one-word name ending a fuller person name of the article joins it."""
        people = [d for d in self.people() if len(d.words) > 1]
        for draft in list(self.drafts.values()):
            words = skeleton_words(draft.name)
            if not draft.named or len(words) != 1:
                continue
            owners = [
                p
                for p in people
                if p.words[-1] == words[0]
                and p is not draft
                and (None in (p.gender, draft.gender) or p.gender == draft.gender)
            ]
            if len(owners) != 1:
                continue
            owner = owners[0]
            owner.mentions.extend(
                replace(m, entity_id=owner.id, link="surname" if m.link in NAME_LINKS else m.link)
                for m in draft.mentions
            )
            owner.names.extend(draft.names)
            owner.said_gender = owner.said_gender or draft.said_gender
            owner.subjects += draft.subjects
            del self.drafts[draft.id]

    def layer(self) -> ActorLayer:
        self._fold_early_surnames()
        drafts = sorted(self.drafts.values(), key=lambda d: d.mentions[0].span)
        mentions = sorted((m for d in drafts for m in d.mentions), key=lambda m: m.span)
        return ActorLayer(tuple(_entity(d) for d in drafts), tuple(mentions))


SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def acts_in_main_clause(token: Any) -> bool:
    if token.dep_ == "appos":
        token = token.head
    if token.dep_ not in SUBJECT_DEPS:
        return False
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


def agent_of_main_clause(token: Any) -> bool:
    """Whether a word is the doer of a passive main clause ("Veritas was formed by Mr X
    after he quit": the one who acts, whom a later "he" most likely means)."""
    if token.dep_ == "appos":
        token = token.head
    agent = token.head
    if token.dep_ != "pobj" or agent.dep_ != "agent":
        return False
    verb = agent.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return bool(verb.dep_ == "ROOT")


def _entity(draft: EntityDraft) -> Entity:
    said = Counter(m.sector for m in draft.mentions if m.sector)
    sector = said.most_common(1)[0][0] if said else draft.sector
    return Entity(
        id=draft.id,
        name=draft.name,
        kind=draft.kind,
        country=draft.country,
        sector=sector,
        role=draft.role,
        aligned_with=tuple(draft.aligned_with),
        known=draft.actor is not None,
        mentions=tuple(m.span for m in draft.mentions),
        aliases=tuple(dict.fromkeys(draft.names)),
    )


def group_id(country: str | None, sector: str | None, aligned: Iterable[str] = ()) -> str:
    """The id of a country's group of a sector ("u:group:irq-reb-aligned-irn")."""
    parts = [country.lower() if country else "xxx", (sector or "grp").lower()]
    parts += [f"aligned-{a.lower()}" for a in sorted(aligned)]
    return "u:group:" + "-".join(parts)


def group_draft(
    state: ArticleState, country: str | None, sector: str | None, aligned: Iterable[str] = ()
) -> EntityDraft:
    """The group actor of a country's sector, aligned with others or not ("u:group:irq-reb",
    "u:group:xxx-jud", "u:group:irq-reb-aligned-irn"), named from the base ("Iraq armed
    group aligned with Iran")."""
    base = state.view.base
    allied = sorted(aligned)
    nation = base.get(country) if country else None
    label = state.view.lexicon.sector_label(sector) if sector else "group"
    name = f"{nation.name} {label}" if nation else label
    if allied:
        allies = [base.get(a) for a in allied]
        names = [ally.name if ally else code for ally, code in zip(allies, allied, strict=True)]
        name += " aligned with " + ", ".join(names)
    return EntityDraft(
        id=group_id(country, sector, allied),
        name=name,
        kind="other",
        country=country,
        sector=sector,
        aligned_with=allied,
    )


def context_country(state: ArticleState, token_index: int, *, exclude: set[str]) -> str | None:
    """The country the sentence (or the one before) is about: a country named as a place
    ("in Iraq"), else one named as a subject or object, never one that only modifies a noun
    ("the U.S.-Iranian conflict")."""
    doc = state.view.doc
    sent = doc[token_index].sent
    sentences = [sent]
    if sent.start > 0:
        sentences.append(doc[sent.start - 1].sent)
    for sentence in sentences:
        found: list[tuple[int, str]] = []
        for ent in sentence.ents:
            code = state.view.country_of(ent)
            if code is None or code in exclude or ent.label_ == "NORP":
                continue
            dep = ent.root.dep_
            if dep in ("compound", "amod", "nmod"):
                continue
            is_place = (
                dep == "pobj" and ent.root.head.lower_ in state.view.lexicon.place_prepositions
            )
            found.append((0 if is_place else 1, code))
        if found:
            return min(found, key=lambda f: f[0])[1]
    return None


def known_draft(actor: Actor, state: ArticleState) -> EntityDraft:
    office = actor.role_on(day_range(state.date))
    return EntityDraft(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        actor=actor,
        sector=(office.sector if office else None) or actor.sector,
        role=office.role if office else None,
        words=skeleton_words(actor.name) if actor.kind == "person" else (),
    )


def _leading(counts: Counter[str]) -> str | None:
    """The key counted at least twice and at least twice as often as any other."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    return ranked[0][0]
