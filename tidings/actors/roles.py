"""Role-only phrases to entities. "the 81-year-old supreme leader" -> the person the article
already called supreme leader, else the base's holder on the article's date ("former": whose
term was over); "an unnamed defense official" -> an anonymous actor coded from its words and
its sentence. Group phrases ("the government", "Tehran-aligned militias") go to groups.py."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from tidings.actors.article import ArticleState, EntityDraft, context_country, known_draft
from tidings.actors.candidates import NEW_REFERENT, RoleCandidate
from tidings.actors.groups import resolve_group
from tidings.actors.tokens import phrase_matches, word_stream
from tidings.knowledge.actors import Actor
from tidings.knowledge.names import name_slug
from tidings.knowledge.periods import day_range

# Where an office is held: its country and, for an office of a body, the body ("un").
OfficePlace = tuple[str | None, str | None]


def _in_article(state: ArticleState, cand: RoleCandidate) -> EntityDraft | None:
    """The person of the article this role phrase is about. A generic role ("the official")
    goes to the person the article is most about (most often subject), a specific one to the
    latest person holding it. With no date to read the article at, the one person it names
    who held the office at some time fits ("Gordon Brown ... the chancellor")."""
    reading = cand.reading
    key = cand.role.key
    generic = key in state.view.lexicon.generic_roles
    keys = state.view.lexicon.role_keys(key)
    past = reading.time == "past"
    fitting = [
        d
        for d in state.people()
        if (reading.country is None or d.country in (None, reading.country))
        and (generic or any(d.holds(k, org=reading.org, past=past, date=state.date) for k in keys))
    ]
    if not fitting and day_range(state.date) is None:
        # Undated: the one person of the article who ever held the office ("Gordon Brown ...
        # the chancellor"); two such (a former and a later holder) leave it open.
        ever = [
            d
            for d in state.people()
            if (reading.country is None or d.country in (None, reading.country))
            and _ever_held(d, keys, reading.org)
        ]
        fitting = ever if len(ever) == 1 else []
    if past:
        # "the former commander": not someone who holds the office still (a deputy who rose
        # to it held "commander" before too).
        fitting = [
            d
            for d in fitting
            if not any(d.holds_still(k, org=reading.org, date=state.date) for k in keys)
        ] or fitting
    if not fitting:
        return None
    if generic:
        # "…,” said the top official": the person last seen acting (as a subject), as for a
        # pronoun; failing that, the one most often a subject.
        acting = [d for d in fitting if d.last_subject >= 0]
        if acting:
            return max(acting, key=lambda d: d.last_subject)
        return max(fitting, key=lambda d: (d.subjects, d.last))
    return max(fitting, key=lambda d: d.last)


def _ever_held(draft: EntityDraft, keys: tuple[str, ...], org: str | None) -> bool:
    offices = draft.actor.roles if draft.actor else ()
    return any(o.role in keys and (org is None or o.org == org) for o in offices)


def _as_written(state: ArticleState, cand: RoleCandidate) -> RoleCandidate:
    """The candidate with the longest role phrase its words spell through the role noun: the
    noun chunk of "the US secretary of state" ends at "secretary", the office is the
    secretary of state."""
    root = cand.reading.role_root
    if root is None or cand.group:
        return cand
    lexicon = state.view.lexicon
    stream = word_stream(state.view.doc[cand.start : cand.end])
    for first, last, word in phrase_matches(stream, lexicon.role_phrases, lexicon.longest):
        if first <= root < last and not word.plural and word.key != cand.role.key:
            return replace(cand, role=word, reading=replace(cand.reading, role=word))
    return cand


def resolve_role(state: ArticleState, cand: RoleCandidate) -> None:
    if cand.group:
        resolve_group(state, cand)
        return
    cand = _as_written(state, cand)
    span = (cand.start, cand.end)
    body = _body_owned(state, cand)  # "the company's president": no state's office
    person = None if cand.determiner in NEW_REFERENT or body else _in_article(state, cand)
    if person is not None:
        state.add(person, span=span, link="role", subject=cand.subject, reading=cand.reading)
        return
    holder = None if body else _office_holder(state, cand)
    if holder is not None:
        state.add(
            known_draft(holder, state),
            span=span,
            link="role",
            subject=cand.subject,
            reading=cand.reading,
        )
        return
    reading = cand.reading
    # a body's own officer ("an EU spokesman in Washington") is not of the place he speaks in
    sole = None if body else _sole_office_country(state, cand)  # "the Pope": the Holy See's
    around = (
        None if reading.org or body or sole else context_country(state, cand.start, exclude=set())
    )
    country = reading.country or sole or around or (None if body else _office_country(state, cand))
    role_name = cand.role.key
    # A role of a body with no country ("the UN Secretary-General", "an EU spokesman") is
    # named by the body.
    holder_of = country or reading.org
    draft = EntityDraft(
        id="u:person:" + "-".join(filter(None, [(holder_of or "").lower(), name_slug(role_name)])),
        name=f"{role_name} ({holder_of})" if holder_of else role_name,
        kind="person",
        country=country,
        sector=reading.sector(state.view.base),
    )
    state.add(draft, span=span, link="context", subject=cand.subject, reading=reading)


def _body_owned(state: ArticleState, cand: RoleCandidate) -> bool:
    """Whether a common noun owns the role ("the company's president", "the bank's
    chairman"): an officer of that body, not of a state."""
    head = state.view.doc[cand.start : cand.end].root
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    return owner is not None and owner.pos_ == "NOUN"


def _office_holder(state: ArticleState, cand: RoleCandidate) -> Actor | None:
    """The one person who held the office a role phrase names on the article's date: "the
    Iraqi prime minister", "the UN Secretary-General", "the chancellor" in a British story
    (Britain's Chancellor of the Exchequer). None when the article has no date (never today's
    holder), when the phrase names no single office ("the prominent Iranian general", "a
    minister") or when the office's country stays ambiguous."""
    if day_range(state.date) is None or cand.determiner in NEW_REFERENT:
        return None
    lexicon = state.view.lexicon
    reading = cand.reading
    key = cand.role.key
    # Only an office one person holds at a time ("the Iranian president", "the commander of
    # the Quds Force") names someone by itself; "the prominent Iranian general" does not.
    office = (
        key in lexicon.offices
        or reading.org is not None
        or (key in lexicon.country_offices and reading.country is not None)
    )
    if not office:
        return None
    base = state.view.base
    holders = [
        holder
        for noun in lexicon.role_keys(key)
        for holder in base.holders(
            noun, country=reading.country, org=reading.org, on_date=state.date, time=reading.time
        )
    ]
    if reading.org is None:
        # "The Iraqi president" is the country's, not the Kurdistan Region's, when the base
        # knows both; an office only held within a body stays ("the Palestinian president").
        holders = [h for h in holders if h.role.org is None] or holders
    places: dict[OfficePlace, list[Actor]] = {}
    for holder in holders:
        place = (holder.role.country or holder.actor.country, holder.role.org)
        places.setdefault(place, []).append(holder.actor)
    if len(places) > 1:
        chosen = _article_place(state, cand.start, list(places))
        places = {chosen: places[chosen]} if chosen is not None else {}
    actors = {a.id: a for found in places.values() for a in found}
    return next(iter(actors.values())) if len(actors) == 1 else None


def _article_place(
    state: ArticleState, token_index: int, places: list[OfficePlace]
) -> OfficePlace | None:
    """Which of several offices ("chancellor": Germany's or Britain's) the article means: the
    one whose country alone its sentence (else the sentence before) names, else the only one
    whose country (or body) the article names, else the one it names far more often than any
    other."""
    countries = {p[0] for p in places if p[1] is None and p[0] is not None}
    for sentence in _sentence_and_previous(state, token_index):
        said = {state.view.country_of(ent) for ent in sentence.ents} & countries
        if len(said) == 1:
            here = said.pop()
            return next(p for p in places if p == (here, None))
        if said:
            break
    named: Counter[str] = Counter()
    view = state.view
    for ent in view.doc.ents:
        code = view.country_of(ent)
        found = code or view.org_of(ent)
        if found:
            named[found] += 1
    counts = {p: named[p[1]] if p[1] is not None else named[p[0] or ""] for p in places}
    ranked = sorted((c, p) for p, c in counts.items() if c > 0)
    if not ranked:
        return None
    best_count, best = ranked[-1]
    runner_up = ranked[-2][0] if len(ranked) > 1 else 0
    return best if best_count > 2 * runner_up else None


def _sole_office_country(state: ArticleState, cand: RoleCandidate) -> str | None:
    """The one country every known holder of an office held it in ("pope": the Holy See), when
    the office is held nowhere else: a story set in Cuba does not make the Pope Cuban."""
    if cand.role.key not in state.view.lexicon.offices:
        return None
    countries = {
        holder.role.country or holder.actor.country
        for noun in state.view.lexicon.role_keys(cand.role.key)
        for time in (None, "past")
        for holder in state.view.base.holders(noun, org=cand.reading.org, time=time)
    }
    return next(iter(countries)) if len(countries) == 1 else None


def _office_country(state: ArticleState, cand: RoleCandidate) -> str | None:
    """The country of an office whose holder stays unknown (no date, or an ambiguous one): of
    the countries where the base knows such an office, the one the article is about ("the
    chancellor" in a story about British MPs is Britain's)."""
    lexicon = state.view.lexicon
    if cand.role.key not in lexicon.offices:
        return None
    base = state.view.base
    countries = {
        holder.role.country or holder.actor.country
        for noun in lexicon.role_keys(cand.role.key)
        for time in (None, "past")
        for holder in base.holders(noun, org=cand.reading.org, time=time)
        if holder.role.org is None
    }
    places: list[OfficePlace] = [(c, None) for c in sorted(c for c in countries if c)]
    chosen = _article_place(state, cand.start, places) if places else None
    return chosen[0] if chosen else None


def _sentence_and_previous(state: ArticleState, token_index: int) -> list[Any]:
    sent = state.view.doc[token_index].sent
    return [sent, state.view.doc[sent.start - 1].sent] if sent.start > 0 else [sent]
