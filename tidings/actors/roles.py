"""Role-only phrases and group nouns to entities. "the 81-year-old supreme leader" -> the
person the article already called supreme leader, else the base's holder on the article's date
("former": whose term was over); "an unnamed defense official" -> an anonymous actor coded
from its words and its sentence; "Tehran-aligned militias" -> a group actor of the country the
article places them in, aligned with IRN."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from tidings.actors.article import ArticleState, EntityDraft
from tidings.actors.candidates import RoleCandidate
from tidings.actors.linking import GOVERNMENT, known_draft
from tidings.actors.tokens import phrase_matches, word_stream
from tidings.knowledge.actors import Actor
from tidings.knowledge.names import name_slug
from tidings.knowledge.periods import day_range

# Determiners that bring in someone new ("a foreign official", "an unnamed defense official"):
# such a phrase never points back to a person already named.
NEW_REFERENT = frozenset({"a", "an", "another", "one", "some", "several", "many"})
# Determiners with which a bare group noun points back to a group already named
# ("These militias").
BACK_REFERENCE = frozenset({"the", "these", "those", "such"})
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
        _resolve_group(state, cand)
        return
    cand = _as_written(state, cand)
    span = (cand.start, cand.end)
    person = None if cand.determiner in NEW_REFERENT else _in_article(state, cand)
    if person is not None:
        state.add(person, span=span, link="role", subject=cand.subject, reading=cand.reading)
        return
    holder = _office_holder(state, cand)
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
    country = (
        reading.country
        or context_country(state, cand.start, exclude=set())
        or _office_country(state, cand)
    )
    role_name = cand.role.key
    # An office of a body with no country ("the UN Secretary-General") is named by the body.
    holder_of = country or (reading.org if cand.role.key in state.view.lexicon.offices else None)
    draft = EntityDraft(
        id="u:person:" + "-".join(filter(None, [(holder_of or "").lower(), name_slug(role_name)])),
        name=f"{role_name} ({holder_of})" if holder_of else role_name,
        kind="person",
        country=country,
        sector=reading.sector(state.view.base),
    )
    state.add(draft, span=span, link="context", subject=cand.subject, reading=reading)


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
    countries = {p[0] for p in places if p[1] is None}
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


def _possessed(state: ArticleState, cand: RoleCandidate) -> bool:
    """Whether the phrase says whose it is ("Mr Blair's government", "its ministers"): then
    the possessor, not the story's focus country, tells whose."""
    doc = state.view.doc
    head = doc[cand.start : cand.end].root
    return any(c.dep_ == "poss" for c in head.children)


# Entity labels of a name that a group phrase just before it only describes ("the Lebanese
# newspaper Al-Ahed", "the rebel fighters of X" is no such case: "of" stands between).
_DESCRIBED_LABELS = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "PRODUCT"})


def _describes_a_name(state: ArticleState, cand: RoleCandidate) -> bool:
    following = state.view.ent_at.get(cand.end)
    return following is not None and following.label_ in _DESCRIBED_LABELS


def _resolve_group(state: ArticleState, cand: RoleCandidate) -> None:
    if _describes_a_name(state, cand):
        return  # the name that follows is the actor
    reading = cand.reading
    span = (cand.start, cand.end)
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
        own_body = sector in state.view.lexicon.focus_sectors
        focus = state.focus_country(cand.start) if own_body else None
        if focus is None or cand.determiner in NEW_REFERENT or _possessed(state, cand):
            return
        # "the government", "regime leaders" with no country near: the country the story
        # keeps naming (not "a government": a new one)
        country = focus.id
    base = state.view.base
    nation = base.get(country) if country else None
    if sector == GOVERNMENT and nation is not None and not aligned:
        state.add(
            known_draft(nation, state),
            span=span,
            link="context",
            subject=cand.subject,
            sector=GOVERNMENT,
        )
        return
    _add_group(state, cand, country, sector, aligned)


def add_unplaced_group(state: ArticleState, cand: RoleCandidate) -> None:
    """A group phrase nothing else resolved, in an article that names no country at all, or
    in a one-line report ("Police arrested two men", "The court refused a request from
    Novalia"): the group known by its sector alone, as PETRARCH codes "---COP", with no
    country guessed. In a longer story that names countries the group stays unresolved.
    Not a phrase that says whose it is ("his government"): its owner is who it is."""
    if not cand.group or _possessed(state, cand):
        return
    if state.view.names_a_country() and not state.view.one_line():
        return  # a story long enough to say whose it is, and it did not
    if _describes_a_name(state, cand):
        return
    if cand.reading.aligned_with:
        return
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
    base = state.view.base
    nation = base.get(country) if country else None
    reading = cand.reading
    span = (cand.start, cand.end)
    parts = [country.lower() if country else "xxx", (sector or "grp").lower()]
    parts += [f"aligned-{a.lower()}" for a in sorted(aligned)]
    label = state.view.lexicon.sector_label(sector) if sector else "group"
    name = f"{nation.name} {label}" if nation else label
    if aligned:
        allies = [base.get(a) for a in sorted(aligned)]
        names = [
            ally.name if ally else code for ally, code in zip(allies, sorted(aligned), strict=True)
        ]
        name += " aligned with " + ", ".join(names)
    draft = EntityDraft(
        id="u:group:" + "-".join(parts),
        name=name,
        kind="other",
        country=country,
        sector=sector,
        aligned_with=sorted(aligned),
    )
    state.add(draft, span=span, link="context", subject=cand.subject, reading=reading)


# Entity labels of a proper modifier that names a body of no country the base knows ("the
# Catalan government", "the Madras High Court", "Punjab police").
_NAMING_LABELS = frozenset({"NORP", "GPE", "LOC", "FAC", ""})


def _proper_name(state: ArticleState, cand: RoleCandidate) -> str | None:
    """The words of a group phrase that name one body, when a proper modifier stands before
    its head and tells no country: "Catalan government", "Madras High Court"."""
    doc = state.view.doc
    words = doc[cand.start : cand.end]
    head = words.root
    modifiers = [t for t in words if t.i < head.i and t.dep_ in ("compound", "amod", "nmod")]
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
