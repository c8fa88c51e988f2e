"""What the words around a name (or a role noun) say: role, country, organisation, time,
alignment. "Iraqi Prime Minister X" -> prime minister, IRQ; "the former US Special
Representative for Iran, X" -> special representative, USA (Iran is the target, not the
holder), past; "Tehran-aligned militias" -> militia, aligned with IRN."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tidings.actors.tokens import phrase_matches, word_stream
from tidings.knowledge.actors import ActorBase
from tidings.knowledge.names import normalise_name
from tidings.knowledge.roles import RoleLexicon, RoleWord, TimeSense

# Labels under which the model may put a country word: "The White House" often comes as ORG,
# and a demonym the model has never seen ("Harbourian") as PERSON.
COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "ORG", "PERSON"})
ORG_LABELS = frozenset({"ORG"})


@dataclass(frozen=True, slots=True)
class Reading:
    role: RoleWord | None = None
    role_root: int | None = None
    roles: tuple[str, ...] = ()
    country: str | None = None
    org: str | None = None
    time: TimeSense | None = None
    title_sector: str | None = None
    aligned_with: tuple[str, ...] = ()
    used: frozenset[int] = frozenset()

    def sector(self, base: ActorBase) -> str | None:
        """The organisation's sector for a generic role ("IRGC official" -> MIL), else the
        role's, else the title's."""
        org = base.get(self.org) if self.org else None
        if org is not None and org.sector:
            return org.sector
        if self.role is not None and self.role.sector:
            return self.role.sector
        return self.title_sector

    def merged(self, other: Reading) -> Reading:
        """`self` with the gaps filled from `other`."""
        return Reading(
            role=self.role or other.role,
            role_root=self.role_root if self.role else other.role_root,
            roles=tuple(dict.fromkeys((*self.roles, *other.roles))),
            country=self.country or other.country,
            org=self.org or other.org,
            time=self.time or other.time,
            title_sector=self.title_sector or other.title_sector,
            aligned_with=self.aligned_with or other.aligned_with,
            used=self.used | other.used,
        )


# Sentences up to which an article is a one-line report (a wire alert, a headline and lead).
ONE_LINE_SENTENCES = 2


@dataclass(slots=True)
class ArticleView:
    """A parsed article with what the actor stage looks up over and over: the entity of each
    token, the country each country word names, the base id of each organisation."""

    doc: Any
    base: ActorBase
    lexicon: RoleLexicon
    ent_at: dict[int, Any] = field(default_factory=dict)
    _orgs: dict[str, str | None] = field(default_factory=dict)
    _one_line: bool | None = None

    def __post_init__(self) -> None:
        for ent in self.doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

    def one_line(self) -> bool:
        """Whether the article is a report of a sentence or two (`ONE_LINE_SENTENCES`): a
        wire alert or a headline, with no context to resolve a description from."""
        if self._one_line is None:  # asked for each unresolved group: count once
            self._one_line = sum(1 for _ in self.doc.sents) <= ONE_LINE_SENTENCES
        return self._one_line

    def country_of(self, ent: Any) -> str | None:
        """The country a GPE/NORP/LOC entity names ("Iranian", "Tehran", "the U.S.")."""
        if ent.label_ not in COUNTRY_LABELS:
            return None
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        found = self.base.country_word(text)
        return found[0] if found else None

    def org_of(self, ent: Any) -> str | None:
        """The base id of an ORG entity, when the base knows it."""
        if ent.label_ not in ORG_LABELS:
            return None
        if ent.ent_id_ and ent.ent_id_ in self.base.actors:
            return str(ent.ent_id_)
        key = normalise_name(ent.text)
        if key not in self._orgs:
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            hits = [m for m in self.base.lookup(text) if m.actor.kind == "organization"]
            hits = hits or list(self.base.lookup_near(text, kind="organization"))
            self._orgs[key] = hits[0].actor.id if hits else None
        return self._orgs[key]

    def aligned_at(self, ent: Any) -> bool:
        """Is this entity the X of "X-aligned", "pro-X", "backed by X"?"""
        doc, lexicon = self.doc, self.lexicon
        after = doc[ent.end : ent.end + 2]
        if (
            len(after) == 2
            and after[0].text == "-"
            and after[1].lower_ in lexicon.alignment_suffixes
        ):
            return True
        before = doc[max(ent.start - 2, 0) : ent.start]
        if (
            len(before) == 2
            and before[1].text == "-"
            and before[0].lower_ in lexicon.alignment_prefixes
        ):
            return True
        words = word_stream(doc[max(ent.start - 3, 0) : ent.start]).words
        return any(tuple(words[k:]) in lexicon.alignment_phrases for k in range(len(words)))


def _outside_targets(tokens: list[Any], lexicon: RoleLexicon) -> list[Any]:
    """Tokens not inside a "to"/"for" phrase of the span ("ambassador to Iraq"): no ancestor
    of theirs is such a preposition of the span. Each head chain is walked once for all the
    tokens that share it (by token index: whether some ancestor is one)."""
    inside = {t.i for t in tokens}
    targeted: dict[int, bool] = {}

    def is_target(token: Any) -> bool:
        return bool(
            token.i in inside
            and token.dep_ == "prep"
            and token.lower_ in lexicon.target_prepositions
        )

    def under_target(token: Any) -> bool:
        chain: list[tuple[int, Any]] = []
        current = token
        while current.i not in targeted:
            head = current.head
            if head.i == current.i:  # the root: no ancestors
                targeted[current.i] = False
                break
            chain.append((current.i, head))
            current = head
        for index, head in reversed(chain):
            targeted[index] = is_target(head) or targeted[head.i]
        return targeted[token.i]

    return [token for token in tokens if not under_target(token)]


def _pick(found: list[Any], *, last: bool) -> Any:
    return (found[-1] if last else found[0]) if found else None


def _entity_words(
    view: ArticleView, tokens: list[Any]
) -> tuple[list[str], list[str], list[str], set[int]]:
    """Countries, organisations and alignment targets named by entities among `tokens`, and
    the tokens of the country words (spent: "US" in "US President" is not a mention of its
    own). A known person's country is the last resort ("the Trump administration")."""
    countries: list[str] = []
    orgs: list[str] = []
    aligned: list[str] = []
    used: set[int] = set()
    people: list[str] = []
    seen: set[int] = set()
    for token in tokens:
        ent = view.ent_at.get(token.i)
        if ent is None or ent.start in seen:
            continue
        seen.add(ent.start)
        code = view.country_of(ent)
        org_id = None if code else view.org_of(ent)
        if (code or org_id) and view.aligned_at(ent):
            aligned.append(str(code or org_id))
        elif code:
            countries.append(code)
            used.update(range(ent.start, ent.end))
        elif org_id:
            orgs.append(org_id)
        elif ent.label_ == "PERSON":
            people.extend(
                m.actor.country
                for m in view.base.lookup(ent.text)
                if m.actor.kind == "person" and m.actor.country
            )
    return countries or people[:1], orgs, aligned, used


def read_context(
    view: ArticleView, tokens: Iterable[Any], *, last_role: bool, last_org: bool = True
) -> Reading:
    """Role, country, organisation, time and alignment said by `tokens`. With `last_role` the
    role and country nearest the end win ("Iraqi Prime Minister" before a name), else the
    first (an apposition: "the chief of staff of the Iranian President’s office"). The
    organisation is the last named ("Commander of the IRGC Quds Force"), or with `last_org`
    False the first ("the commander of the Quds Force, IRGC’s foreign branch")."""
    lexicon = view.lexicon
    kept = _outside_targets(sorted(tokens, key=lambda t: t.i), lexicon)
    stream = word_stream(kept)
    # Plural role nouns ("forces", "militias") name groups, never the person's own role.
    roles = [
        m for m in phrase_matches(stream, lexicon.role_phrases, lexicon.longest) if not m[2].plural
    ]
    times = phrase_matches(stream, lexicon.time_prefixes, lexicon.longest)
    titles = phrase_matches(stream, lexicon.title_phrases, lexicon.longest)
    chosen = _pick(roles, last=last_role)
    countries, orgs, aligned, used = _entity_words(view, kept)
    country = _pick(countries, last=last_role)
    org = _pick(orgs, last=last_org)
    if country is None and org is not None:
        org_actor = view.base.get(org)
        country = org_actor.country if org_actor else None
    return Reading(
        role=chosen[2] if chosen else None,
        role_root=chosen[1] if chosen else None,
        # Before a name every role word is the person's ("Supreme Leader Ayatollah"); in an
        # apposition only the head ("the chief of staff of the President’s office").
        roles=tuple(dict.fromkeys(m[2].key for m in (roles if last_role else roles[:1]))),
        country=country,
        org=org,
        time=times[0][2] if times else None,
        title_sector=next((t[2] for t in titles if t[2]), None),
        aligned_with=tuple(dict.fromkeys(aligned)),
        used=frozenset(used),
    )
