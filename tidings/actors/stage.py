"""The actor stage: a ParsedArticle and the actor base in, the article's actors out."""

from __future__ import annotations

from tidings.actors.article import ArticleState
from tidings.actors.candidates import Candidate, NameCandidate, RoleCandidate, collect_candidates
from tidings.actors.context import ArticleView
from tidings.actors.coreference import (
    CoreferenceResolver,
    ReferenceCandidate,
    collect_references,
)
from tidings.actors.coreference_words import CoreferenceWords, load_coreference_words
from tidings.actors.groups import (
    add_led_group,
    add_owned_group,
    add_unplaced_group,
    named_owner,
)
from tidings.actors.linking import resolve_name
from tidings.actors.records import ActorLayer
from tidings.actors.roles import resolve_role
from tidings.knowledge.actors import ActorBase
from tidings.knowledge.roles import load_role_lexicon
from tidings.parse.parsed import ParsedArticle


def resolve_actors(
    parsed: ParsedArticle, *, base: ActorBase, reference_date: str | None = None
) -> ActorLayer:
    """Every actor the article mentions, one entity per real actor, with all its mentions.

    Roles, sectors and role-only mentions are read at the article's publication date, else at
    `reference_date` (a date the article or its record gives otherwise); with neither, a
    role-only mention names no holder.

    Mentions are met in text order, so that a surname, a role, a pronoun or a description
    ("the ministry") is linked to what the article said before it (coreference.py).
    """
    view = ArticleView(parsed.doc, base, load_role_lexicon())
    date = parsed.article.published.value or reference_date
    state = ArticleState(view, date, text=parsed.article.text)
    candidates = collect_candidates(view)
    words = load_coreference_words()
    taken = {i for c in candidates for i in range(c.start, c.end)}
    coreference = CoreferenceResolver(state, words)
    references, fallbacks = _references(view, words, candidates, taken)
    for cand in sorted([*candidates, *references], key=lambda c: c.start):
        if isinstance(cand, NameCandidate):
            resolve_name(state, cand)
        elif isinstance(cand, RoleCandidate):
            resolve_role(state, cand)
            fallback = fallbacks.get(cand.start)
            unresolved = cand.end - 1 not in state.token_entity
            if fallback is not None and unresolved and fallback.form == "possessive":
                owner = coreference.referent(fallback)  # "his government": his country's
                if owner is not None:
                    add_owned_group(state, cand, owner)
            elif fallback is not None and unresolved:
                coreference.resolve(fallback)
            if cand.end - 1 not in state.token_entity:
                add_unplaced_group(state, cand)
        else:
            coreference.resolve(cand)
    for cand in candidates:  # "Mr Blair's government": his country's, once his name is read
        if (
            isinstance(cand, RoleCandidate)
            and cand.group
            and cand.end - 1 not in state.token_entity
        ):
            owner = named_owner(state, cand)
            if owner is not None:
                add_owned_group(state, cand, owner)
            elif not add_led_group(state, cand):
                add_unplaced_group(state, cand, final=True)
    return state.layer()


def _references(
    view: ArticleView, words: CoreferenceWords, candidates: list[Candidate], taken: set[int]
) -> tuple[list[ReferenceCandidate], dict[int, ReferenceCandidate]]:
    """The pronouns and descriptions outside the names and role phrases, and, for a group
    phrase that is also a description ("the court" with no country near), that description,
    read when the group reading finds no one: it may point back to the court named before
    ("the High Court"); for one whose owner is a possessive pronoun ("his government"), that
    pronoun, whose referent's country the body is. One pass over the article for both."""
    spans = {
        i: c.start
        for c in candidates
        if isinstance(c, RoleCandidate) and c.group
        for i in range(c.start, c.end)
    }
    references: list[ReferenceCandidate] = []
    fallbacks: dict[int, ReferenceCandidate] = {}
    for ref in collect_references(view, words, taken - set(spans)):
        inside = [i for i in range(ref.start, ref.end) if i in spans]
        if not inside:
            references.append(ref)
        elif ref.form in ("description", "possessive") and ref.start in spans:
            fallbacks[spans[ref.start]] = ref
    return references, fallbacks
