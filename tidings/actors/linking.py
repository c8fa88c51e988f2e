"""Names to entities: the actor base first (the ruler's id, an alias, a transliteration
skeleton, a close spelling), earlier full names of the article for surnames ("Mr Varga",
"Varga" after "Jon Varga"), and an id from the normalised name for everyone else."""

from __future__ import annotations

from typing import Any

from tidings.actors.article import ArticleState, EntityDraft, group_draft, known_draft
from tidings.actors.candidates import NameCandidate
from tidings.actors.context import Reading
from tidings.actors.coreference_words import load_coreference_words
from tidings.actors.records import EntityKind, LinkKind
from tidings.knowledge.actors import ActorKind, ActorMatch
from tidings.knowledge.names import name_slug, skeleton_words
from tidings.knowledge.periods import day_range

LABEL_KIND: dict[str, ActorKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "country",
    "LOC": "country",
    "FAC": "country",
}
UNKNOWN_KIND: dict[str, EntityKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# An actor the base does not know is named by its normalised name alone (`u:jon-varga`), not by
# the kind the model gave it: the small model tags one band, club or town as a person in one
# article and an organisation or a place in the next, and the id must not split with it.
UNKNOWN_PREFIX = "u:"
# The dependency labels by which a word modifies the noun after it ("Baghdad airport",
# "Baghdad’s international airport").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
GOVERNMENT = "GOV"


def _choose(
    state: ArticleState, matches: tuple[ActorMatch, ...], reading: Reading, kind: ActorKind
) -> ActorMatch | None:
    """One actor for an ambiguous name: one already in the article, else of the kind the model
    saw, else one the context fits (role, the role held on the article's date, country), else
    the one whose term (of the role the context names) began last: with no date, "President
    George Bush" is the son; else the first listed in the base."""
    unique = list({m.actor.id: m for m in matches}.values())
    if len(unique) <= 1:
        return unique[0] if unique else None
    role = reading.role.key if reading.role is not None else None
    day = day_range(state.date)
    tests = (
        lambda m: m.actor.id in state.drafts,
        lambda m: m.actor.kind == kind,
        lambda m: any(r.role == role for r in m.actor.roles),
        lambda m: (
            day is not None
            and any(role in (None, r.role) and r.held_on(day) for r in m.actor.roles)
        ),
        lambda m: reading.country is not None and m.actor.country == reading.country,
    )
    for test in tests:
        kept = [m for m in unique if test(m)]
        if len(kept) == 1:
            return kept[0]
        if kept:
            unique = kept
    starts = {
        m.actor.id: [r.start or "" for r in m.actor.roles if role in (None, r.role)] for m in unique
    }
    return max(unique, key=lambda m: max(starts[m.actor.id], default=""))


def _in_place_phrase(token: Any, place_prepositions: frozenset[str]) -> bool:
    """ "in Tehran", "at Baghdad airport": the object of a place preposition, or a modifier
    of one."""
    while token.dep_ in _MODIFIER_DEPS and token.head is not token:
        token = token.head
    return bool(token.dep_ == "pobj" and token.head.lower_ in place_prepositions)


def _base_match(state: ArticleState, cand: NameCandidate, text: str) -> ActorMatch | None:
    base = state.view.base
    exact = base.lookup(text)
    if cand.ruler_id and cand.ruler_id in base.actors:
        # The ruler matched a spelling of this one actor; the index says how it is listed
        # (a capital is a metonym).
        listed = [m for m in exact if m.actor.id == cand.ruler_id]
        return (
            listed[0] if listed else ActorMatch(base.actors[cand.ruler_id], "alias", "alias", 100.0)
        )
    kind = LABEL_KIND[cand.label]
    matches = exact or base.lookup_near(text, kind=kind)
    return _choose(state, matches, cand.reading, kind)


def resolve_name(state: ArticleState, cand: NameCandidate) -> None:
    doc = state.view.doc
    text = doc[cand.start : cand.end].text
    span = (cand.start, cand.end)
    words = skeleton_words(text)
    # "Mr Blair" is not Sir Ian Blair: a knight is Sir Ian, never Mr
    courtesy = cand.start > 0 and doc[cand.start - 1].lower_.rstrip(".") in ("mr", "mrs", "ms")
    titled = _title_gender(doc, cand.start)
    earlier = state.full_name_ending(
        words, skip=lambda d: (courtesy and _knighted(doc, d)) or _other_gender(d, titled)
    )
    if earlier is None and len(words) == 1 and _first_name_title(doc, cand.start):
        earlier = state.full_name_starting(words[0])  # "Sir Edward" after "Sir Edward Heath"
    if earlier is not None and (cand.label == "PERSON" or not state.view.base.lookup(text)):
        state.add(
            earlier,
            span=span,
            link="surname",
            subject=cand.subject,
            reading=cand.reading,
            name=True,
        )
        _learn_title_gender(state, earlier, cand.start)
        return
    match = _base_match(state, cand, text)
    body = state.body_name_ending(words) if cand.label == "ORG" else None
    if match is None and body is not None:  # "the Commission" after "the European Commission"
        state.add(body, span=span, link="short", subject=cand.subject, name=True)
        return
    if match is None:
        _add_unknown(state, cand, text)
        return
    actor = match.actor
    link: LinkKind = match.link
    if actor.kind == "country" and match.listed_as == "metonym":
        if _in_place_phrase(cand.root, state.view.lexicon.place_prepositions):
            place = EntityDraft(
                id=UNKNOWN_PREFIX + name_slug(text),
                name=text,
                kind="place",
                country=actor.country,
            )
            state.add(place, span=span, link=link, subject=cand.subject, name=True)
            return
        state.add(
            known_draft(actor, state), span=span, link=link, subject=cand.subject, sector=GOVERNMENT
        )
        return
    state_body = actor.kind == "organization" and (
        actor.sector in state.view.lexicon.state_body_sectors
    )
    other = cand.reading.country or (_described_owner(state, cand) if state_body else None)
    if state_body and actor.country and other and other != actor.country:
        # "Brazil's Congress", "the Novalian Supreme Court": the body of that name in the
        # country named, not the one the base lists under it
        body = group_draft(state, other, actor.sector)
        state.add(body, span=span, link="context", subject=cand.subject)
        return
    added = state.add(
        known_draft(actor, state),
        span=span,
        link=link,
        subject=cand.subject,
        reading=cand.reading,
        name=True,
    )
    _learn_title_gender(state, added, cand.start)


def _first_name_title(doc: Any, start: int) -> bool:
    """Whether the title before a name calls a person by the first name ("Sir Edward", "Dame
    Judi": coreference.yaml `first_name_titles`)."""
    titles = load_coreference_words().first_name_titles
    return start > 0 and doc[start - 1].lower_.rstrip(".") in titles


def _knighted(doc: Any, draft: EntityDraft) -> bool:
    """Whether the article calls the person by a knight's title ("Sir Ian Blair")."""
    titles = load_coreference_words().first_name_titles
    for mention in draft.mentions:
        span = doc.char_span(*mention.span, alignment_mode="expand")
        if span is not None and span.start > 0 and doc[span.start - 1].lower_ in titles:
            return True
    return False


def _described_owner(state: ArticleState, cand: NameCandidate) -> str | None:
    """The country "the country's Congress" means: the one country the article has named
    before, if only one (coreference.yaml `sole` descriptions), else none."""
    words = load_coreference_words().descriptions
    owner = next((c for c in cand.root.children if c.dep_ == "poss"), None)
    noun = words.get(owner.lemma_.lower()) if owner is not None else None
    if noun is None or not noun.sole:
        return None
    named = {d.id for d in state.drafts.values() if d.kind == "country" and d.last < cand.start}
    return next(iter(named)) if len(named) == 1 else None


def _learn_title_gender(state: ArticleState, draft: EntityDraft, start: int) -> None:
    """ "Mr Varga", "Mrs. Lind": the title before a person's name says the gender; else a
    first name that names one gender (coreference.yaml `first_names`: "Keith Scott")."""
    if draft.kind != "person" or draft.said_gender is not None:
        return
    draft.said_gender = _title_gender(state.view.doc, start) or _first_name_gender(draft.name)


def _title_gender(doc: Any, start: int) -> str | None:
    titles = load_coreference_words().gender_titles
    for i in (start - 1, start - 2):
        if i < 0 or doc[i].is_space:
            return None
        word = doc[i].lower_.rstrip(".")
        if word in titles:
            return titles[word]
        if doc[i].text != ".":
            return None
    return None


def _first_name_gender(name: str) -> str | None:
    words = name.split()
    first = words[0].lower().rstrip(".") if len(words) > 1 else ""
    return load_coreference_words().first_names.get(first)


def _other_gender(draft: EntityDraft, gender: str | None) -> bool:
    """ "Mrs Howard" after "Michael Howard": a title that says another gender than the one
    known for a person of that surname is someone else."""
    known = draft.gender or _first_name_gender(draft.name)
    return gender is not None and known is not None and known != gender


def _add_unknown(state: ArticleState, cand: NameCandidate, text: str) -> None:
    lexicon = state.view.lexicon
    words = text.lower().split()
    last = words[-1] if words else ""
    if cand.label != "PERSON" and last in lexicon.thing_name_heads:
        return  # "the International Finance Facility", "the Hunting Act": no actor
    if text.lower() in lexicon.thing_names:
        return  # "the fight against Aids and Malaria"
    if len(words) > 1 and last in lexicon.feature_name_heads:
        return  # "the Indian Ocean tidal wave": a sea
    if len(words) > 1 and words[0] in lexicon.feature_name_starts:
        return  # "the other side of the River Tyne": a river
    kind = UNKNOWN_KIND[cand.label]
    reading = cand.reading
    base = state.view.base
    slug = name_slug(text)
    # The model may label one name differently in two sentences ("IRGC" ORG, then GPE): an
    # unknown name seen before in the article is that entity again.
    seen = [d for d in state.drafts.values() if d.actor is None and d.id.endswith(":" + slug)]
    if seen:
        again = state.add(
            seen[0],
            span=(cand.start, cand.end),
            link="context",
            subject=cand.subject,
            reading=reading,
            name=True,
        )
        _learn_title_gender(state, again, cand.start)
        return
    draft = EntityDraft(
        id=UNKNOWN_PREFIX + name_slug(text),
        name=text,
        kind=kind,
        country=reading.country if kind != "place" else None,
        sector=reading.sector(base) if kind != "place" else None,
        words=skeleton_words(text) if kind == "person" else (),
        named=True,
    )
    added = state.add(
        draft,
        span=(cand.start, cand.end),
        link="context",
        subject=cand.subject,
        reading=reading,
        name=True,
    )
    _learn_title_gender(state, added, cand.start)
