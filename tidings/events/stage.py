"""The event stage: triggers → arguments → status → date and place → one Event each, in text
order, after two merges: an event that only carries another (a threat cue whose infinitive is
the threatened act; a means noun of the same type as its verb, "killed in a strike") gives way
to it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tidings.actors import ActorLayer
from tidings.clean.article import DateValue
from tidings.events.actors import ActorFinder
from tidings.events.arguments import ArgumentReader, Arguments
from tidings.events.cautions import without_cautions
from tidings.events.drafts import (
    Draft,
    antecedent,
    condemning_calls,
    needs_no_target,
    reacted_doers,
)
from tidings.events.lexicon import EventLexicon, Frames, load_event_lexicon
from tidings.events.records import Event, EventActor, EventLayer, is_complete
from tidings.events.retyping import recode
from tidings.events.side_checks import SideChecks
from tidings.events.side_filling import SideFiller
from tidings.events.side_ranker import SideRanker
from tidings.events.status import StatusReader
from tidings.events.status_governors import GOVERNED_BY
from tidings.events.triggers import find_triggers
from tidings.events.when_where import (
    UNKNOWN,
    clause_of,
    date_of,
    dated_ahead,
    pick_place,
    pick_time,
    publication_fallback,
)
from tidings.knowledge import ActorBase, load_actor_base
from tidings.parse.parsed import ParsedArticle
from tidings.places.records import PlaceLayer
from tidings.quotes import QuoteLayer
from tidings.times import TimeLayer

_TRAILING = frozenset({".", ",", ";", ":", "!", "?"})


def _governing(token: Any) -> list[int]:
    """The words that govern `token` as cue verbs govern what they say or vow."""
    chain = []
    for _ in range(4):
        if token.dep_ not in GOVERNED_BY or token.head.i == token.i:
            break
        token = token.head
        chain.append(token.i)
    return chain


def _merge(drafts: list[Draft], frames: Frames) -> list[Draft]:
    """Drop an event that a more specific one of the same (final) type carries: the cue of a
    threat ("threatened to strike", "vowed to take revenge") and a means noun of its verb's
    type ("killed in a strike")."""
    by_head: dict[int, Draft] = {d.trigger.head.i: d for d in drafts}
    dropped: set[int] = set()
    warned: dict[int, EventActor] = {}  # "warned X it would retaliate": X, the one threatened
    for draft in drafts:
        trigger = draft.trigger
        recoded = draft.status.type != trigger.entry.type
        for i in _governing(trigger.head):
            other = by_head.get(i)
            if other is None or other is draft or other.status.type != draft.status.type:
                continue
            shared = set(trigger.consumed) & set(other.trigger.consumed)
            if recoded or shared or other.trigger.entry.status is not None:
                dropped.add(other.trigger.token.i)
                if draft.args.target is None and other.args.target is not None:
                    warned[trigger.token.i] = other.args.target
        token = trigger.token
        if trigger.nominal and trigger.light is None and token.dep_ == "pobj":
            prep = token.head
            other = by_head.get(prep.head.i)
            if (
                other is not None
                and other.status.type == draft.status.type
                and frames.has("means_prepositions", prep.lemma_)
            ):
                dropped.add(token.i)
    kept = [d for d in drafts if d.trigger.token.i not in dropped]
    return [
        replace(d, args=replace(d.args, target=warned[d.trigger.token.i]))
        if d.trigger.token.i in warned
        else d
        for d in kept
    ]


def _fold_nouns(drafts: list[Draft], frames: Frames) -> list[Draft]:
    """An event noun in a phrase of a verb of its own type ("provided $340 million for
    assistance in northern Iraq", "killed in a strike") is the verb's event told again: one
    event, the verb's, taking the sides it lacks from the noun's. Not after a preposition of
    time ("hit sites a week after a gas attack in Port Lavelle": another event); frames.yaml
    `retelling_prepositions`."""
    verbs = {d.trigger.token.i: d for d in drafts if not d.trigger.nominal}
    folded: dict[int, Arguments] = {}
    dropped: set[int] = set()
    for draft in drafts:
        token = draft.trigger.token
        if not draft.trigger.nominal or draft.trigger.light is not None or token.dep_ != "pobj":
            continue
        if not frames.has("retelling_prepositions", token.head.lemma_):
            continue
        holder = token.head.head  # the preposition's head: the verb, or the verb's object
        verb = verbs.get(holder.i) or (verbs.get(holder.head.i) if holder.dep_ == "dobj" else None)
        if verb is None or verb.status.type != draft.status.type:
            continue
        key = verb.trigger.token.i
        args = folded.get(key, verb.args)
        if args.target is None and draft.args.target is not None:
            args = replace(args, target=draft.args.target)
        if args.source is None and draft.args.source is not None:
            args = replace(args, source=draft.args.source)
        folded[key] = args
        dropped.add(token.i)
    nouns = {d.trigger.token.i for d in drafts if d.trigger.nominal}
    for draft in drafts:  # "a loan agreement", "ceasefire talks": the head noun's event
        token = draft.trigger.token
        if draft.trigger.nominal and token.dep_ == "compound" and token.head.i in nouns:
            dropped.add(token.i)
    return [
        replace(d, args=folded[d.trigger.token.i]) if d.trigger.token.i in folded else d
        for d in drafts
        if d.trigger.token.i not in dropped
    ]


def _conjunct_targets(drafts: list[Draft], finder: ActorFinder) -> list[Draft]:
    """One event more for each further named party coordinated with a target ("will meet X
    and Y": a meeting with Y too). Only actors of the actor layer: a coordinated thing or
    description ("X and its allies") adds nothing, nor does an act of its own ("the invasion
    of X and its buildup on the border of Y": the buildup is no second target)."""
    result: list[Draft] = []
    acts = {d.trigger.token.i for d in drafts}
    for draft in drafts:
        result.append(draft)
        target, source = draft.args.target, draft.args.source
        if target is None or target.id is None or target.span is None:
            continue
        words = finder.doc.char_span(*target.span, alignment_mode="expand")
        if words is None:
            continue
        seen = {target.id, source.id if source is not None else None}
        for conj in words.root.conjuncts:
            if conj.i < words.root.i or conj.i in acts:
                continue
            other = finder.actor(conj, linked_only=True, phrase_only=True)
            if other is None or other.id is None or other.id in seen:
                continue
            seen.add(other.id)
            args = Arguments(draft.args.source, other, draft.args.source_token)
            result.append(replace(draft, args=args))
    return result


def _contests(drafts: list[Draft], checks: SideChecks) -> list[Draft]:
    """Harmful words between unarmed parties: criticism ("attacked the Tories": ACCUSE, a
    future one promised) or rivalry, dropped ("beat X to buy Y")."""
    kept = []
    for draft in drafts:
        status = draft.status
        reading = checks.contest(draft.trigger.token, draft.args, status.type, status.mode)
        if reading == "none":
            continue
        if reading:
            future = "promised" if status.status == "threatened" else status.status
            draft = replace(draft, status=replace(status, type=reading, mode=None, status=future))
        kept.append(draft)
    return kept


def _sentence(parsed: ParsedArticle, char: int) -> tuple[int, int]:
    for start, end in parsed.sentences:
        if start <= char < end:
            return start, end
    return 0, len(parsed.article.text)


def _clause_span(top: Any, sentence: tuple[int, int]) -> tuple[int, int]:
    tokens = [t for t in top.subtree if not t.is_space]
    while len(tokens) > 1 and tokens[-1].text in _TRAILING:
        tokens.pop()
    while len(tokens) > 1 and tokens[0].text in _TRAILING:
        tokens.pop(0)
    start = max(tokens[0].idx, sentence[0])
    end = min(tokens[-1].idx + len(tokens[-1].text), sentence[1])
    return start, end


def _confidence(draft: Draft, lexicon: EventLexicon) -> float:
    entry = draft.trigger.entry
    types = {e.type for e in lexicon.lookup(entry.lemma, entry.pos)}
    score = 0.4 + (0.15 if len(types) == 1 or entry.with_ else 0.0)
    score += 0.2 if draft.args.source is not None and draft.args.source.id else 0.0
    score += 0.15 if draft.args.target is not None and draft.args.target.id else 0.0
    score += 0.05 if draft.trigger.light is not None or not draft.trigger.nominal else 0.0
    return min(1.0, score)


def _side(actor: EventActor | None) -> str | None:
    return None if actor is None else (actor.country or actor.id)


def _same_sides(a: EventActor | None, b: EventActor | None) -> bool:
    return _side(a) is None or _side(b) is None or _side(a) == _side(b)


def _infer_dates(events: list[Event]) -> list[Event]:
    """An undated event takes the date of another event of the same type and participants
    in the article (an earlier one first), basis inferred; not one dated only by the
    publication day (a guess for that event, no evidence for another)."""
    out = []
    for event in events:
        if event.date.value is None and event.status in ("occurred", "claimed"):
            candidates = [
                e
                for e in events
                if e is not event
                and e.type == event.type
                and e.date.value is not None
                and e.date.basis not in ("inferred", "publication")  # a guess lends nothing
                and _side(e.target) is not None
                and _side(e.target) == _side(event.target)
                and _same_sides(e.source, event.source)
            ]
            candidates.sort(key=lambda e: (e.trigger_span[0] > event.trigger_span[0], 0))
            if candidates:
                date = candidates[0].date
                event = replace(event, date=DateValue(date.value, date.precision, "inferred"))
        out.append(event)
    return out


def _anchored(tokens: list[Any], lexicon: EventLexicon) -> bool:
    """Whether the sentence places its news after or before another event ("after the
    assassination of X, Iran launched ..."): then it is not news of the publication day."""
    for token in tokens:
        prep = token.head
        if token.dep_ != "pobj" or not lexicon.frames.has("sequence_prepositions", prep.lemma_):
            continue
        if lexicon.lookup(token.lemma_, "noun") or lexicon.lookup(token.text, "noun"):
            return True
    return False


def extract_events(
    parsed: ParsedArticle,
    actors: ActorLayer,
    quotes: QuoteLayer,
    times: TimeLayer,
    places: PlaceLayer,
    *,
    base: ActorBase | None = None,
    lexicon: EventLexicon | None = None,
    side_ranker: SideRanker | None = None,
) -> EventLayer:
    """The events of one article (see the package's docstring)."""
    lexicon = lexicon or load_event_lexicon()
    base = base or load_actor_base()
    doc = parsed.doc
    finder = ActorFinder(doc, actors, quotes, base, lexicon.frames, text=parsed.article.text)
    reader = ArgumentReader(finder, lexicon.frames, lexicon)
    checks = SideChecks(reader.fillers, actors, lexicon.frames)
    status_reader = StatusReader(finder, lexicon.frames, lexicon)
    drafts: list[Draft] = []
    for trigger in find_triggers(doc, lexicon):
        args = antecedent(trigger, reader.read(trigger), drafts, lexicon.frames)
        drafts.append(Draft(trigger, args, status_reader.read(trigger, args)))
    events: list[Event] = []
    previous: DateValue | None = None  # the last dated event of an earlier sentence
    latest: DateValue | None = None
    sentence_start = -1
    folded = _merge(
        _fold_nouns(
            condemning_calls(reacted_doers(drafts, lexicon.frames), lexicon.frames), lexicon.frames
        ),
        lexicon.frames,
    )
    folded = without_cautions(folded, drafts, lexicon.frames)
    checked = [
        replace(
            d,
            args=checks.checked(d.args, d.status.type, d.trigger.entry.type, d.trigger.token),
        )
        for d in _conjunct_targets(folded, finder)
    ]
    if side_ranker is not None:  # opt-in: more complete readings, more of them wrong
        filler = SideFiller(
            finder, checks, lexicon.frames, side_ranker, lambda char: _sentence(parsed, char)
        )
        checked = [filler.fill(d) for d in checked]
    merged = _contests(checked, checks)
    for n, draft in enumerate(merged, start=1):
        start = _sentence(parsed, draft.trigger.token.idx)[0]
        if start != sentence_start:
            previous, sentence_start = latest or previous, start
        event = _event(parsed, draft, n, lexicon, times, places, previous, checks)
        if event.date.value is not None and event.date.basis != "publication":
            latest = event.date
        events.append(event)
    return EventLayer(tuple(_infer_dates(events)))


def _event(
    parsed: ParsedArticle,
    draft: Draft,
    n: int,
    lexicon: EventLexicon,
    times: TimeLayer,
    places: PlaceLayer,
    previous: DateValue | None,
    checks: SideChecks,
) -> Event:
    doc, text = parsed.doc, parsed.article.text
    trigger, status = draft.trigger, draft.status
    sentence = _sentence(parsed, trigger.token.idx)
    top = status.cue if status.cue is not None and status.type != trigger.entry.type else None
    clause = _clause_span(top if top is not None else clause_of(trigger), sentence)
    expression, count = pick_time(doc, times, trigger, lexicon.frames, clause, sentence)
    date = date_of(expression, previous)
    if date is None:
        tokens = doc.char_span(*sentence, alignment_mode="expand") or []
        published = parsed.article.published
        if _anchored(list(tokens), lexicon):
            published = UNKNOWN
        date = publication_fallback(
            trigger, lexicon.frames, list(tokens), status.status, count, published
        )
    token = trigger.token
    cameo, goldstein = recode(status.type, trigger.entry)  # the code follows a changed type
    event_status = status.status
    harmful = lexicon.frames.has("harmful_types", status.type)
    ahead = _after(date, parsed.article.published) or dated_ahead(trigger, lexicon.frames)
    if event_status == "occurred" and not harmful and ahead:
        event_status = "promised"  # "is travelling to X next week": still to come
    target = draft.args.target
    targetless = needs_no_target(draft, lexicon.frames)
    if targetless and checks.unresolved_party(target):
        target = None  # "will return it to the state": no party to show as the target
    return Event(
        id=f"{parsed.article.id}#e{n}",
        type=status.type,  # type: ignore[arg-type]
        mode=status.mode,
        cameo=cameo,
        goldstein=goldstein,
        source=draft.args.source,
        target=target,
        date=date or UNKNOWN,
        time_span=expression.span if expression is not None and date.value else None,
        location=pick_place(doc, places, trigger, lexicon.frames, clause),
        status=event_status,  # type: ignore[arg-type]
        condition=status.condition,
        said_by=status.said_by,
        trigger=token.text,
        trigger_span=(token.idx, token.idx + len(token.text)),
        evidence_span=clause,
        sentence=text[sentence[0] : sentence[1]].strip(),
        confidence=_confidence(draft, lexicon),
        complete=is_complete(
            status.type,
            # A known source is an actor of the actor layer: words alone ("its lawyers", "the
            # authorities" left unresolved) do not say who acted.
            draft.args.source is not None
            and draft.args.source.id is not None
            and not checks.nameless_spokesperson(draft.args.source),
            # ... and a known target a party, not a thing ("blocked the auction")
            checks.names_party(target, status.type),
            {status.type.lower()} if targetless else set(),
        )
        # a withdrawal or return of a thing is another sense: "withdrew the remarks"
        and not checks.only_a_thing(
            draft.args.target, status.type, token, draft.trigger.entry.mode
        ),
    )


def _after(date: DateValue | None, published: DateValue) -> bool:
    """Whether a date the text gives lies after the publication date, at the coarser of the
    two precisions ("next week" in an article of Monday)."""
    if date is None or date.value is None or published.value is None:
        return False
    if date.basis not in ("explicit", "relative"):
        return False
    width = {"day": 10, "month": 7, "year": 4}
    size = min(width.get(date.precision or "", 4), width.get(published.precision or "", 4))
    return date.value[:size] > published.value[:size]


__all__ = ["extract_events"]
