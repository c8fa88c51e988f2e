"""Where place names are in a parsed article: spaCy's GPE/LOC/FAC entities, the actor layer's
place and country mentions, and capitalised phrases after a place preposition that the
gazetteer knows ("in Kerman", "near Erbil"). Each candidate is a token range; a feature word
after it ("airport", "airbases") is read here too, and one word after coordinated names
applies to each ("Ain al-Asad and Erbil airbases")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tidings.actors import ActorLayer
from tidings.places.knowledge import Feature, PlaceKnowledge

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities of these labels are never read as places after a preposition ("in March", "at
# Smith's"); an ORG entity may be, when the place stands alone in it ("near Erbil" tagged ORG).
_NOT_PLACE_LABELS = frozenset(
    {"PERSON", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "PRODUCT"}
    | {"MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL"}
)
_COORDINATORS = frozenset({"and", "or", ",", "&"})
_LEADING = frozenset({"the"})
_TRAILING = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """Tokens [start, end) name a place; `name_end` is where the name stops before a feature
    word inside the candidate ("Rapides Parish"); `feature` is that word's, or one read after
    the candidate; `span_end` (a token index) takes a single feature word after the name in."""

    start: int
    end: int
    name_end: int
    span_end: int
    source: str  # "entity", "actor" or "locative"
    label: str | None
    feature: Feature | None = None


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _is_name_start(token: Any, knowledge: PlaceKnowledge) -> bool:
    return bool(token.text[:1].isupper() and token.lower_ not in knowledge.not_places)


def entity_candidates(doc: Any, knowledge: PlaceKnowledge) -> list[Candidate]:
    """Place entities, and entities of another label that end on a feature word ("Quillmoor
    Airport" taken for a person, "X County" for an organisation)."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not (
            ent.label_ in ("PERSON", "ORG") and ent[-1].lower_ in knowledge.features
        ):
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if (
            start < end
            and _is_name_start(doc[start], knowledge)
            and (end - start > 1 or doc[start].lower_ not in knowledge.not_places)
        ):
            found.append(Candidate(start, end, end, end, "entity", ent.label_))
    return found


def actor_candidates(
    doc: Any, actors: ActorLayer, keep: Callable[[str, str], bool]
) -> list[Candidate]:
    """Mentions of place and country entities whose text `keep(text, kind)` accepts (a name or
    a seat, not a demonym phrase such as "Iranian officials")."""
    found = []
    ents = entity_spans(doc)
    for mention in actors.mentions:
        entity = actors.entity(mention.entity_id)
        if entity is None or entity.kind not in ("place", "country"):
            continue
        span = doc.char_span(*mention.span, alignment_mode="expand")
        if span is None or not keep(mention.text, entity.kind):
            continue
        start, end = _trim(doc, span.start, span.end)
        if start < end:
            inside = (label for s, e, label in ents if span.start <= s and e <= span.end)
            label = next(inside, None)
            found.append(Candidate(start, end, end, end, "actor", label))
    return found


def _run_end(doc: Any, start: int, knowledge: PlaceKnowledge) -> int:
    """End of the capitalised run at `start` (lower-case connectors inside it: "Ain al-Asad")."""
    end = start
    while end < len(doc):
        token = doc[end]
        if token.text[:1].isupper() and not token.is_punct:
            end += 1
        elif token.lower_ in knowledge.connectors and end + 1 < len(doc) and end > start:
            nxt = doc[end + 1]
            if nxt.text[:1].isupper() or nxt.lower_ in knowledge.connectors:
                end += 1
            else:
                break
        else:
            break
    while end > start and doc[end - 1].lower_ in knowledge.connectors:
        end -= 1
    return end


EntitySpans = tuple[tuple[int, int, str], ...]


def entity_spans(doc: Any) -> EntitySpans:
    """The entities as (start, end, label) token ranges: `Doc.ents` builds every Span anew at
    each call, so a stage that asks about many ranges reads them once."""
    return tuple((e.start, e.end, e.label_) for e in doc.ents)


def _labels(ents: EntitySpans, start: int, end: int) -> dict[str, tuple[int, int]]:
    return {label: (s, e) for s, e, label in ents if s < end and start < e}


def locative_candidates(
    doc: Any, knowledge: PlaceKnowledge, known: Callable[[str], bool]
) -> list[Candidate]:
    """Capitalised phrases after a place preposition, and names coordinated with them, whose
    longest prefix the gazetteer knows (`known(text)`)."""
    found = []
    ents = entity_spans(doc)
    for token in doc:
        if token.lower_ not in knowledge.prepositions:
            continue
        i = token.i + 1
        while i < len(doc) and doc[i].lower_ in _LEADING:
            i += 1
        while i < len(doc) and _is_name_start(doc[i], knowledge):
            end = _run_end(doc, i, knowledge)
            match = next((e for e in range(end, i, -1) if known(doc[i:e].text)), None)
            strong = token.lower_ in knowledge.strong_prepositions
            if match is None or not _acceptable(ents, i, match, strong=strong):
                break
            label = next(iter(_labels(ents, i, match)), None)
            found.append(Candidate(i, match, match, match, "locative", label))
            i = match
            if not (i + 1 < len(doc) and doc[i].text in _COORDINATORS):
                break
            i += 1
            if i < len(doc) and doc[i].lower_ == "and":  # ", and"
                i += 1
    return found


def coordinated_candidates(
    doc: Any,
    candidates: Sequence[Candidate],
    knowledge: PlaceKnowledge,
    known: Callable[[str], bool],
) -> list[Candidate]:
    """Names the gazetteer knows coordinated with a candidate ("Ain al-Asad and Erbil")."""
    found = []
    ents = entity_spans(doc)
    for cand in candidates:
        i = cand.end
        while i + 1 < len(doc) and doc[i].text in _COORDINATORS:
            i += 1
        if i == cand.end or i >= len(doc) or not _is_name_start(doc[i], knowledge):
            continue
        end = _run_end(doc, i, knowledge)
        match = next((e for e in range(end, i, -1) if known(doc[i:e].text)), None)
        if match is not None and _acceptable(ents, i, match, strong=False):
            found.append(Candidate(i, match, match, match, "locative", None))
    return found


def _acceptable(ents: EntitySpans, start: int, end: int, *, strong: bool) -> bool:
    """No entity of another kind there; a one-word PERSON only after a strong preposition
    ("in Alexandria": the model often takes a town for a person)."""
    labels = _labels(ents, start, end)
    for label in ("PERSON", "NORP"):  # a demonym is refused later, by the actor base
        if strong and labels.get(label) == (start, end) and end - start == 1:
            del labels[label]
    if labels.keys() & _NOT_PLACE_LABELS:
        return False
    org = labels.get("ORG")
    return org is None or org == (start, end)


def _feature_at(doc: Any, i: int, knowledge: PlaceKnowledge) -> tuple[Feature, int] | None:
    """The feature word(s) starting at token i (after qualifiers such as "International")."""
    while i < len(doc) and doc[i].lower_ in knowledge.qualifiers:
        i += 1
    for width in (2, 1):
        if i + width <= len(doc):
            feature = knowledge.features.get(doc[i : i + width].text.lower())
            if feature is not None:
                return feature, i + width
    return None


def with_features(
    doc: Any, candidates: Sequence[Candidate], knowledge: PlaceKnowledge
) -> list[Candidate]:
    """Each candidate with the feature word inside its end or after it (shared by a group of
    coordinated names); a lone name takes the word after it into its span."""
    out = [_inner_feature(doc, c, knowledge) for c in candidates]
    i = 0
    while i < len(out):
        j = i  # the group: out[i..j] joined by coordinators only
        while (
            j + 1 < len(out)
            and all(doc[k].text in _COORDINATORS for k in range(out[j].end, out[j + 1].start))
            and out[j + 1].start > out[j].end
        ):
            j += 1
        after = _feature_at(doc, out[j].end, knowledge)
        if after is not None and out[j].feature is None:
            feature, stop = after
            for k in range(i, j + 1):
                out[k] = replace(out[k], feature=feature, span_end=stop if i == j else out[k].end)
        i = j + 1
    return out


def _inner_feature(doc: Any, cand: Candidate, knowledge: PlaceKnowledge) -> Candidate:
    for cut in range(cand.start + 1, cand.end):
        found = _feature_at(doc, cut, knowledge)
        if found is not None and found[1] == cand.end:
            return replace(cand, name_end=cut, feature=found[0])
    return cand


def merged(groups: Iterable[Sequence[Candidate]]) -> list[Candidate]:
    """One candidate per stretch of text: a longer one wins over one inside it; at equal
    spans the first group's (entities before actor mentions before locatives)."""
    by_span: dict[tuple[int, int], Candidate] = {}
    for group in groups:
        for cand in group:
            by_span.setdefault((cand.start, cand.end), cand)
    ordered = sorted(by_span.values(), key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in ordered:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept
