"""The actor stage: a ParsedArticle and the actor base in, the article's actors out."""

from __future__ import annotations

from tidings.actors.article import ArticleState
from tidings.actors.candidates import NameCandidate, PronounCandidate, collect_candidates
from tidings.actors.context import ArticleView
from tidings.actors.linking import resolve_name, resolve_pronoun
from tidings.actors.records import ActorLayer
from tidings.actors.roles import resolve_role
from tidings.knowledge.actors import ActorBase
from tidings.knowledge.roles import load_role_lexicon
from tidings.parse.parsed import ParsedArticle


def resolve_actors(parsed: ParsedArticle, *, base: ActorBase) -> ActorLayer:
    """Every actor the article mentions, one entity per real actor, with all its mentions.

    Mentions are met in text order, so that a surname, a role or a pronoun is linked to what
    the article said before it.
    """
    view = ArticleView(parsed.doc, base, load_role_lexicon())
    state = ArticleState(view, parsed.article.published.value, text=parsed.article.text)
    for cand in collect_candidates(view):
        if isinstance(cand, NameCandidate):
            resolve_name(state, cand)
        elif isinstance(cand, PronounCandidate):
            resolve_pronoun(state, cand)
        else:
            resolve_role(state, cand)
    return state.layer()
