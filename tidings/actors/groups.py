"""Group phrases to group actors: "the government" (the country the story is about),
"protesters in southern Novalia" (that country's), "Tehran-aligned militias" (aligned with
IRN, of the country they are placed in), "the Catalan government" (a body of its own name),
and in a one-line report a group known by its sector alone ("Police arrested ...")."""

from __future__ import annotations

from typing import Any

from tidings.actors.article import (
    ArticleState,
    EntityDraft,
    context_country,
    group_draft,
    known_draft,
)
from tidings.actors.candidates import BACK_REFERENCE, NEW_REFERENT, RoleCandidate
from tidings.actors.linking import GOVERNMENT
from tidings.knowledge.actors import Actor
from tidings.knowledge.names import name_slug
from tidings.knowledge.periods import day_range


def _placed_in(state: ArticleState, cand: RoleCandidate) -> str | None:
    """The country a place phrase on the group's head names ("protesters in southern
    Novalia", "residents of Port Lavelle"): the group is that country's."""
    view = state.view
    head = view.doc[cand.start : cand.end].root
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in view.lexicon.place_prepositions | {"of"}:
            continue
        for obj in prep.children:
            ent = view.ent_at.get(obj.i) if obj.dep_ == "pobj" else None
            code = view.country_of(ent) if ent is not None else None
            if code is not None:
                return code
    return None


def _leader_words(state: ArticleState, cand: RoleCandidate) -> list[Any]:
    """The words naming whom a participle says leads the group ("the military led by General
    X", "forces commanded by X": roles.yaml `leading_verbs`)."""
    view = state.view
    head = view.doc[cand.start : cand.end].root
    return [
        leader
        for acl in head.children
        if acl.dep_ == "acl" and acl.lemma_.lower() in view.lexicon.leading_verbs
        for agent in acl.children
        if agent.dep_ == "agent"
        for leader in agent.children
        if leader.dep_ == "pobj"
    ]


def add_led_group(state: ArticleState, cand: RoleCandidate) -> bool:
    """A group phrase of no named country whose leader the article names ("the military led
    by General X"): the group of that leader's country. Read once the names are read."""
    for leader in _leader_words(state, cand):
        entity_id = state.token_entity.get(leader.i)
        draft = state.get(entity_id) if entity_id else None
        if draft is not None and draft.kind in ("person", "country") and draft.country:
            sector = cand.reading.sector(state.view.base) or cand.role.sector
            _add_country_group(state, cand, draft.country, sector, set())
            return True
    return False


def _possessed(state: ArticleState, cand: RoleCandidate) -> bool:
    """Whether the phrase says whose it is ("Mr Blair's government", "its ministers", "the
    Bush administration"), or that it is of the world at large ("world leaders", roles.yaml
    `worldwide_modifiers`): then the story's focus country does not tell whose."""
    doc = state.view.doc
    head = doc[cand.start : cand.end].root
    worldwide = state.view.lexicon.worldwide_modifiers  # "world leaders": of no one country
    named = {"poss", "compound"}  # "Mr Blair's government", "the Bush administration"
    return any(
        (c.dep_ in named and (c.dep_ == "poss" or c.pos_ == "PROPN"))
        or c.lemma_.lower() in worldwide
        for c in head.children
    )


# Entity labels of a name that a group phrase just before it only describes ("the Novalian
# newspaper Harbour Times"; "the rebel fighters of X" is no such case: "of" stands between).
_DESCRIBED_LABELS = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT"})


def _describes_a_name(state: ArticleState, cand: RoleCandidate) -> bool:
    following = state.view.ent_at.get(cand.end)
    return following is not None and following.label_ in _DESCRIBED_LABELS


def resolve_group(state: ArticleState, cand: RoleCandidate) -> None:
    """The group actor a group phrase names, if any (see the module)."""
    if _describes_a_name(state, cand):
        return  # the name that follows is the actor
    reading = cand.reading
    span = (cand.start, cand.end)
    body = state.view.base.get(reading.org) if reading.org else None
    if body is not None and body.kind == "organization" and not reading.aligned_with:
        # "Hezbollah fighters", "Taliban militants", "BBC journalists": the organisation's
        # own people, not its country's armed group or government
        _add_known(state, cand, body)
        return
    sector = reading.sector(state.view.base) or cand.role.sector
    aligned = set(reading.aligned_with)
    country = reading.country
    if country is None and aligned:
        country = context_country(state, cand.start, exclude=aligned)
    if country is None and not aligned and sector in state.view.lexicon.located_sectors:
        country = _placed_in(state, cand)
    if country is None and not aligned:
        key = cand.role.key
        earlier = [
            d for d in state.drafts.values() if d.id.startswith("u:group:") and key in d.roles
        ]
        if earlier and cand.determiner in BACK_REFERENCE:
            state.add(
                max(earlier, key=lambda d: d.last), span=span, link="role", subject=cand.subject
            )
            return
        named = _proper_name(state, cand)
        if named is not None and cand.determiner not in NEW_REFERENT:
            _add_named_group(state, cand, named, sector)
            return
        lexicon = state.view.lexicon
        if cand.determiner in NEW_REFERENT or _possessed(state, cand):
            return
        usual_code = lexicon.usual_countries.get(key)
        usual = state.drafts.get(usual_code) if usual_code else None
        if usual is not None and usual.kind == "country":
            _add_country_group(state, cand, usual.id, sector, aligned)  # "the administration"
            return
        own_body = sector in lexicon.focus_sectors and key not in lexicon.unfocused_roles
        focus = state.focus_country(cand.start) if own_body else None
        if focus is None:
            return
        # "the government", "regime leaders" with no country near: the country the story
        # keeps naming (not "a government": a new one)
        country = focus.id
    _add_country_group(state, cand, country, sector, aligned)


def _add_country_group(
    state: ArticleState,
    cand: RoleCandidate,
    country: str | None,
    sector: str | None,
    aligned: set[str],
) -> None:
    """The group of `country`'s `sector`; a country's government is the country itself."""
    nation = state.view.base.get(country) if country else None
    if sector == GOVERNMENT and nation is not None and not aligned:
        _add_known(state, cand, nation, GOVERNMENT)
        return
    _add_group(state, cand, country, sector, aligned)


def _add_known(
    state: ArticleState, cand: RoleCandidate, actor: Actor, sector: str | None = None
) -> None:
    """The group phrase names a known actor of the base (a state as its government, an
    organisation as its people)."""
    span = (cand.start, cand.end)
    state.add(
        known_draft(actor, state), span=span, link="context", subject=cand.subject, sector=sector
    )


def _led_body(state: ArticleState, owner: EntityDraft) -> Actor | None:
    """The organisation of the base a person holds office in at the article's date."""
    office = owner.actor.role_on(day_range(state.date)) if owner.actor is not None else None
    body = state.view.base.get(office.org) if office is not None and office.org else None
    return body if body is not None and body.kind == "organization" else None


def add_owned_group(state: ArticleState, cand: RoleCandidate, owner: EntityDraft) -> None:
    """A group phrase whose possessive pronoun stands for `owner` ("his government", "its
    army"): the body the person leads, of that body's sector ("the commander said his forces":
    the force he commands), else the body of the owner's country, for the sectors roles.yaml
    lets a state's or a person's pronoun give (`state_owned_sectors`, `person_owned_sectors`)."""
    lexicon = state.view.lexicon
    sector = cand.reading.sector(state.view.base) or cand.role.sector
    led = _led_body(state, owner)
    if led is not None and sector in lexicon.state_owned_sectors and sector == led.sector:
        _add_known(state, cand, led)  # "the Quds Force commander said his forces"
        return
    if owner.kind == "country":
        allowed = lexicon.state_owned_sectors
    elif owner.kind == "person":
        allowed = lexicon.person_owned_sectors
    else:
        return
    if owner.country is None or sector not in allowed or cand.reading.aligned_with:
        return
    _add_country_group(state, cand, owner.country, sector, set())


def named_owner(state: ArticleState, cand: RoleCandidate) -> EntityDraft | None:
    """The person or country a group phrase's possessor names ("Mr Blair's government"), once
    the article's names are read."""
    head = state.view.doc[cand.start : cand.end].root
    for owner in (c for c in head.children if c.dep_ == "poss"):
        entity_id = state.token_entity.get(owner.i)
        draft = state.get(entity_id) if entity_id else None
        if draft is not None and draft.kind in ("person", "country"):
            return draft
    return None


def add_unplaced_group(state: ArticleState, cand: RoleCandidate, *, final: bool = False) -> None:
    """A group phrase nothing else resolved, in a one-line report ("Police arrested two
    men", "The court refused a request from Novalia"): the group known by its sector alone,
    as PETRARCH codes "---COP", with no country guessed. In a longer story the group stays
    unresolved, whether or not it names countries: a British story that never names Britain
    has "the government" of no country, no side an analyst can use. Not a phrase that says
    whose it is ("his government"): its owner is who it is. `final`: the pass after the
    names, for a group whose leader the article names (`add_led_group`) but knows not."""
    if not cand.group or _possessed(state, cand):
        return
    if not state.view.one_line():
        return  # a story long enough to say whose it is, and it did not
    if _describes_a_name(state, cand):
        return
    if cand.reading.aligned_with:
        return
    if bool(_leader_words(state, cand)) != final:
        return  # a group with a leader is read once the names are read, the others at once
    sector = cand.reading.sector(state.view.base) or cand.role.sector
    if sector in state.view.lexicon.unplaced_sectors:
        _add_group(state, cand, None, sector, set())


def _add_group(
    state: ArticleState,
    cand: RoleCandidate,
    country: str | None,
    sector: str | None,
    aligned: set[str],
) -> None:
    draft = group_draft(state, country, sector, aligned)
    span = (cand.start, cand.end)
    state.add(draft, span=span, link="context", subject=cand.subject, reading=cand.reading)


# Entity labels of a proper modifier that names a body of no country the base knows ("the
# Catalan government", "the Madras High Court", "Punjab police").
_NAMING_LABELS = frozenset({"NORP", "GPE", "LOC", "FAC", ""})


def _proper_name(state: ArticleState, cand: RoleCandidate) -> str | None:
    """The words of a group phrase that name one body, when a proper modifier stands before
    its head and tells no country: "Catalan government", "Madras High Court"."""
    doc = state.view.doc
    words = doc[cand.start : cand.end]
    head = words.root
    owners = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
    modifiers = [
        t
        for t in words
        if t.i < head.i and t.dep_ in ("compound", "amod", "nmod") and t.i not in owners
    ]  # "Mr Blair's government": the owner's name is no name of the body
    proper = [t for t in modifiers if t.pos_ == "PROPN" or t.ent_type_ == "NORP" or _capital(t)]
    descriptive = state.view.lexicon.descriptive_modifiers
    naming = [t for t in proper if t.lower_ not in descriptive]
    # a party's name says whose government it is, not which body ("the Labour government")
    if not naming or any(t.ent_type_ not in _NAMING_LABELS for t in proper):
        return None
    first = next(t for t in words if t.dep_ not in ("det", "predet", "poss", "case"))
    if first.i > naming[0].i:
        return None
    return str(doc[first.i : head.i + 1].text)


def _capital(token: Any) -> bool:
    """A capitalised word inside a sentence ("Punjab" tagged as an adjective)."""
    return token.is_title and not token.is_sent_start


def _add_named_group(
    state: ArticleState, cand: RoleCandidate, name: str, sector: str | None
) -> None:
    draft = EntityDraft(
        id="u:group:" + name_slug(name),
        name=name,
        kind="other",
        country=None,
        sector=sector,
    )
    state.add(draft, span=(cand.start, cand.end), link="context", subject=cand.subject)
