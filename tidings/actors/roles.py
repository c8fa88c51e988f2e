"""Role-only phrases and group nouns to entities. "the 81-year-old supreme leader" -> the
person the article already called supreme leader, else the base's holder on the article's date
("former": whose term was over); "an unnamed defense official" -> an anonymous actor coded
from its words and its sentence; "Tehran-aligned militias" -> a group actor of the country the
article places them in, aligned with IRN."""

from __future__ import annotations

from tidings.actors.article import ArticleState, EntityDraft
from tidings.actors.candidates import RoleCandidate
from tidings.actors.linking import GOVERNMENT, known_draft
from tidings.knowledge.names import name_slug

# Determiners that bring in someone new ("a foreign official", "an unnamed defense official"):
# such a phrase never points back to a person already named.
NEW_REFERENT = frozenset({"a", "an", "another", "one", "some", "several", "many"})
# Determiners with which a bare group noun points back to a group already named
# ("These militias").
BACK_REFERENCE = frozenset({"the", "these", "those", "such"})


def _in_article(state: ArticleState, cand: RoleCandidate) -> EntityDraft | None:
    """The person of the article this role phrase is about. A generic role ("the official")
    goes to the person the article is most about (most often subject), a specific one to the
    latest person holding it."""
    reading = cand.reading
    key = cand.role.key
    generic = key in state.view.lexicon.generic_roles
    past = reading.time == "past"
    fitting = [
        d
        for d in state.people()
        if (reading.country is None or d.country in (None, reading.country))
        and (generic or d.holds(key, org=reading.org, past=past, date=state.date))
    ]
    if past:
        # "the former commander": not someone who holds the office still (a deputy who rose
        # to it held "commander" before too).
        fitting = [
            d for d in fitting if not d.holds_still(key, org=reading.org, date=state.date)
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


def resolve_role(state: ArticleState, cand: RoleCandidate) -> None:
    if cand.group:
        _resolve_group(state, cand)
        return
    span = (cand.start, cand.end)
    person = None if cand.determiner in NEW_REFERENT else _in_article(state, cand)
    if person is not None:
        state.add(person, span=span, link="role", subject=cand.subject, reading=cand.reading)
        return
    reading = cand.reading
    holders = state.view.base.holders(
        cand.role.key,
        country=reading.country,
        org=reading.org,
        on_date=state.date,
        time=reading.time,
    )
    actors = list({h.actor.id: h.actor for h in holders}.values())
    # Only an office one person holds at a time ("the Iranian president", "the commander of
    # the Quds Force") names someone by itself; "the prominent Iranian general" does not.
    office = cand.role.key in state.view.lexicon.offices or reading.org is not None
    if office and len(actors) == 1 and cand.determiner not in NEW_REFERENT:
        state.add(
            known_draft(actors[0], state),
            span=span,
            link="role",
            subject=cand.subject,
            reading=reading,
        )
        return
    country = reading.country or context_country(state, cand.start, exclude=set())
    role_name = cand.role.key
    draft = EntityDraft(
        id="u:person:" + "-".join(filter(None, [(country or "").lower(), name_slug(role_name)])),
        name=f"{role_name} ({country})" if country else role_name,
        kind="person",
        country=country,
        sector=reading.sector(state.view.base),
    )
    state.add(draft, span=span, link="context", subject=cand.subject, reading=reading)


def _resolve_group(state: ArticleState, cand: RoleCandidate) -> None:
    reading = cand.reading
    span = (cand.start, cand.end)
    sector = reading.sector(state.view.base) or cand.role.sector
    aligned = set(reading.aligned_with)
    country = reading.country
    if country is None and aligned:
        country = context_country(state, cand.start, exclude=aligned)
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
