"""Attribution frames read from the dependency parse: a cue (a reporting verb, "according
to"), the speaker phrase (its subject, or the phrase beside it when the parse hangs the name
elsewhere) and what was said (the cue's clause or infinitive complement, the clause an
"according to" phrase modifies, or the clause before a parenthetical "X said")."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from tidings.quotes.lexicon import QuoteLexicon

TokenRange = tuple[int, int]  # [start, end) token indices
ContentKind = Literal["clause", "infinitive", "according", "parenthetical", "object", "none"]
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A cue verb without a subject of its own takes its head verb's subject through these links
# ("Varga pointed to ..., saying that", "said ... and vowed", "was quoted as saying").
SHARED_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})
# Dependents that end a speaker phrase: what follows is a clause about the speaker.
PHRASE_END_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj"})
# Links by which a parenthetical "X said" hangs on the clause it reports ("Iran will never
# forget ..., Varga said").
PARENTHETICAL_DEPS = frozenset({"ccomp", "parataxis", "advcl", "conj", "dep"})
# Tokens that may stand between a speaker and the cue verb ("Lund has also said").
BETWEEN_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
# Fewest tokens of a reported clause read off a parenthetical attribution: shorter is a
# fragment left by a broken parse.
MIN_PARENTHETICAL_TOKENS = 3
# Penn tags of finite verbs: a reported clause has one.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Words that may follow a parenthetical cue before its closing comma ("X said on Tuesday,").
MAX_AFTER_CUE = 6
# What sets a parenthetical "X said" apart from the clause it reports.
PARENTHETICAL_MARKS = frozenset({",", "—", "–", "”", '"', "’", "'"})
# What completes an object: "called the charges unsubstantiated", "described X as Y",
# "accused her of lying", "criticized Trump for ...".
OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})
OBJECT_PREPOSITIONS = frozenset({"as", "for", "of"})
# Entity labels of words that are never who speaks ("5:45 p.m. Trump says"), nor what was
# said ("spoke on Monday").
NOT_SPEAKER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY", "ORDINAL"})
EDGE_PUNCT = frozenset(",;:—–-\"“”‘’'()[]")


@dataclass(frozen=True, slots=True)
class Frame:
    """One attribution read from the parse. `content` is None for a cue that frames only
    quoted words ("called the talks ..."), or a verb whose complement was not found."""

    cue: int
    cue_range: TokenRange
    speaker: TokenRange | None
    speaker_head: int | None
    content: TokenRange | None
    kind: ContentKind
    agent: TokenRange | None
    sentence: TokenRange


def _trim(doc: Any, start: int, end: int) -> TokenRange | None:
    while start < end and (doc[start].text in EDGE_PUNCT or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def phrase_range(token: Any) -> TokenRange:
    """The noun phrase headed by `token`, without the clauses, appositions and lists after it
    ("Ban, the secretary general, who ..." -> "Ban")."""
    start, end = token.left_edge.i, token.i + 1
    for child in token.rights:
        if child.dep_ in PHRASE_END_DEPS:
            break
        end = child.right_edge.i + 1
    for child in token.lefts:
        if child.dep_ in ("punct", "cc") or child.dep_ in PHRASE_END_DEPS:
            start = child.right_edge.i + 1
    trimmed = _trim(token.doc, start, end)
    return trimmed if trimmed else (token.i, token.i + 1)


def subject_of(verb: Any, lexicon: QuoteLexicon) -> Any | None:
    """The speaker token of `verb`: its subject, the subject of the verb it is a conjunct or
    adverbial clause of, or the noun a relative pronoun stands for ("officials who said")."""
    seen = 0
    while seen < len(verb.doc):
        seen += 1
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in lexicon.relative_pronouns and verb.dep_ == "relcl":
                return verb.head
            if subject.lower_ in lexicon.non_speakers:
                return None
            return subject
        if verb.dep_ not in SHARED_SUBJECT_DEPS or verb.head is verb:
            return None
        head = verb.head
        if head.pos_ == "ADP" and head.head is not head:
            head = head.head  # "as saying": the preposition's verb
        verb = head
    return None


def _adjacent_speaker(doc: Any, cue: Any, unit: TokenRange) -> Any | None:
    """A name right before the cue ("…, Prime Minister Jon Varga said" where the parse made
    the name an apposition elsewhere) or right after it ("…,” said the official")."""
    i = cue.i - 1
    while i >= unit[0] and doc[i].dep_ in BETWEEN_DEPS:
        i -= 1
    if i >= unit[0] and doc[i].pos_ in ("PROPN", "NOUN", "PRON"):
        return doc[i]
    j = cue.i + 1
    if j < unit[1] and doc[j].pos_ in ("DET", "PROPN", "NOUN", "PRON", "ADJ"):
        k = j
        while k < unit[1] and doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "NUM"):
            k += 1
        if k > j and doc[k - 1].pos_ in ("PROPN", "NOUN"):
            return doc[k - 1]
    return None


def _object_range(cue: Any, obj: Any) -> TokenRange:
    """An object with what completes it ("described Trump as “unfit”", "accused her of
    lying", "called the charges unsubstantiated")."""
    end = obj.right_edge.i + 1
    for child in cue.rights:
        if child.i > obj.i and (
            child.dep_ in OBJECT_COMPLEMENT_DEPS
            or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPOSITIONS)
        ):
            end = max(end, child.right_edge.i + 1)
    return obj.left_edge.i, end


def _complement(cue: Any, lexicon: QuoteLexicon) -> tuple[TokenRange | None, ContentKind]:
    """What the cue says: its clause, "as saying" clause, infinitive, prepositional object
    ("called for", "accused ... of") or object ("cited the poll")."""
    lemma = cue.lemma_.lower()
    children = list(cue.children)
    clause = [c for c in children if c.dep_ == "ccomp"]
    if clause and lemma not in lexicon.quote_only_verbs:
        return (clause[0].left_edge.i, clause[0].right_edge.i + 1), "clause"
    for child in children:  # "quoted as saying ..."
        if child.dep_ == "prep" and child.lower_ == "as":
            for grand in child.children:
                for great in grand.children:
                    if great.dep_ == "ccomp":
                        return (great.left_edge.i, great.right_edge.i + 1), "clause"
    objects = [c for c in children if c.dep_ in ("dobj", "dative")]
    if lemma in lexicon.infinitive_verbs:
        for child in children:
            if child.dep_ == "xcomp" and any(t.lower_ == "to" for t in child.lefts):
                first = objects[0] if objects and objects[0].i < child.i else child
                return (first.left_edge.i, child.right_edge.i + 1), "infinitive"
    for child in children:
        if child.dep_ == "prep" and child.lower_ in lexicon.prepositional_cues.get(lemma, ()):
            inner = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            if inner and inner[0].ent_type_ not in NOT_SPEAKER_LABELS:  # "spoke on Monday"
                return (inner[0].left_edge.i, inner[0].right_edge.i + 1), "object"
    said = [c for c in children if c.dep_ == "dobj"]
    if said and (lemma in lexicon.object_verbs or lemma in lexicon.quote_only_verbs):
        return _object_range(cue, said[0]), "object"
    gerunds = [c for c in children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"]
    if gerunds and lemma in lexicon.object_verbs:  # "denied using the tax code"
        return (gerunds[0].left_edge.i, gerunds[0].right_edge.i + 1), "object"
    if lemma in lexicon.quote_only_verbs:
        for child in children:
            if child.dep_ in ("oprd", "attr", "xcomp", "ccomp"):
                return (child.left_edge.i, child.right_edge.i + 1), "object"
    return None, "none"


def _passive(verb: Any) -> bool:
    """ "was asked", "when asked about": the subject did not say the object."""
    if any(child.dep_ == "auxpass" for child in verb.children):
        return True
    return bool(verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "relcl"))


def _cue_range(cue: Any) -> TokenRange:
    """The cue's words: the verb with its auxiliaries and particles ("has learned", "was
    quoted as saying", "pointed out")."""
    start, end = cue.i, cue.i + 1
    auxiliaries = {c.i for c in cue.lefts if c.dep_ in ("aux", "auxpass", "neg")}
    while start - 1 in auxiliaries:
        start -= 1
    for child in cue.children:
        if child.dep_ == "prt" and child.i == end:
            end = child.i + 1
        if child.dep_ == "prep" and child.lower_ == "as" and child.i > cue.i:
            saying = [g for g in child.children if g.dep_ == "pcomp"]
            if saying:
                end = saying[0].i + 1
    return start, end


def _parenthetical(cue: Any, speaker: TokenRange | None, unit: TokenRange) -> TokenRange | None:
    """The clause around a parenthetical attribution set apart by commas, dashes or closing
    marks: "Clause, X said." (the clause before) or "Climate change, X often says, is the
    greatest threat" (the longer side)."""
    if cue.dep_ not in PARENTHETICAL_DEPS and cue.dep_ != "ROOT":
        return None
    doc = cue.doc
    begin = min(speaker[0], cue.i) if speaker else cue.i
    sides: list[TokenRange] = []
    if begin > unit[0] and doc[begin - 1].text in PARENTHETICAL_MARKS:
        left = _trim(doc, unit[0], begin)
        if left is not None:
            sides.append(left)
    after = cue.i + 1
    while after < min(unit[1], cue.i + MAX_AFTER_CUE) and doc[after].text not in (",", "—", "–"):
        after += 1
    closed = after < unit[1] and doc[after].text == ","
    if closed and (sides or begin == unit[0]) and (speaker is None or speaker[0] < cue.i):
        right = _trim(doc, after + 1, unit[1])
        if right is not None:
            sides.append(right)
    sides = [side for side in sides if _is_clause(doc, side)]
    if not sides:
        return None
    return max(sides, key=lambda side: doc[side[1] - 1].idx - doc[side[0]].idx)


def _is_clause(doc: Any, side: TokenRange) -> bool:
    """Is a stretch a statement ("the talks collapsed"), not a preposed adverbial ("On
    Thursday, however", "If the talks fail")?"""
    if side[1] - side[0] < MIN_PARENTHETICAL_TOKENS:
        return False
    first = doc[side[0]]
    if first.pos_ in ("SCONJ", "ADP") or first.dep_ == "mark":
        return False
    return any(doc[i].tag_ in FINITE_TAGS for i in range(*side))


def _agent(cue: Any) -> TokenRange | None:
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return phrase_range(objects[0])
    return None


def _passive_frame(cue: Any, lexicon: QuoteLexicon, unit: TokenRange) -> Frame | None:
    """ "Clinton has been endorsed by dozens of papers": the agent speaks, the subject is
    what it said (endorsed, backed, criticized)."""
    lemma = cue.lemma_.lower()
    if lemma not in lexicon.object_verbs or lemma in lexicon.relay_agent_verbs:
        return None
    agent = _agent(cue)
    subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    if agent is None or not subjects or not unit[0] <= subjects[0].i < unit[1]:
        return None
    head = cue.doc[agent[0] : agent[1]].root
    return Frame(
        cue=cue.i,
        cue_range=_cue_range(cue),
        speaker=agent,
        speaker_head=head.i,
        content=phrase_range(subjects[0]),
        kind="object",
        agent=None,
        sentence=unit,
    )


def verb_frame(cue: Any, lexicon: QuoteLexicon, unit: TokenRange) -> Frame:
    """The frame of a cue verb, read within its unit (its sentence, cut at paragraph ends)."""
    passive = _passive_frame(cue, lexicon, unit) if _passive(cue) else None
    if passive is not None:
        return passive
    doc = cue.doc
    subject = subject_of(cue, lexicon)
    if subject is not None and not unit[0] <= subject.i < unit[1]:
        subject = None
    if subject is None and not any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        subject = _adjacent_speaker(doc, cue, unit)
    if subject is not None and subject.ent_type_ in NOT_SPEAKER_LABELS:
        subject = None
    speaker = phrase_range(subject) if subject is not None else None
    if speaker is not None:
        speaker = (max(speaker[0], unit[0]), max(speaker[1], unit[0] + 1))
    complement, kind = _complement(cue, lexicon)
    content: TokenRange | None = None
    if complement is not None:
        content = _trim(doc, max(complement[0], unit[0]), min(complement[1], unit[1]))
        if kind == "object" and (speaker is None or _passive(cue)):
            content, kind = None, "none"  # "When asked about X, Y said": X is no one's words
    elif cue.lemma_.lower() not in lexicon.quote_only_verbs:
        content = _parenthetical(cue, speaker, unit)
        kind = "parenthetical" if content else "none"
    return Frame(
        cue=cue.i,
        cue_range=_cue_range(cue),
        speaker=speaker,
        speaker_head=subject.i if subject is not None else None,
        content=content,
        kind=kind,
        agent=_agent(cue),
        sentence=unit,
    )


def according_frame(first: Any, length: int, unit: TokenRange) -> Frame | None:
    """ "according to X": X speaks; the clause the phrase modifies is what X said."""
    doc = first.doc
    last = doc[first.i + length - 1]
    sources = [c for c in last.children if c.dep_ == "pobj"]
    if not sources:
        return None
    phrase = (first.i, min(max(first.right_edge.i, last.right_edge.i) + 1, unit[1]))
    left = _trim(doc, unit[0], phrase[0])
    right = _trim(doc, phrase[1], unit[1])
    sides = [side for side in (left, right) if side is not None]
    content = max(sides, key=lambda s: doc[s[1] - 1].idx - doc[s[0]].idx) if sides else None
    return Frame(
        cue=first.i,
        cue_range=(first.i, first.i + length),
        speaker=phrase_range(sources[0]),
        speaker_head=sources[0].i,
        content=content,
        kind="according",
        agent=None,
        sentence=unit,
    )


def units(doc: Any) -> list[TokenRange]:
    """For each token, its unit: the sentence it is in, cut at line breaks (the parser
    sometimes runs a sentence on into the next paragraph)."""
    found: list[TokenRange] = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                found.extend([(start, token.i + 1)] * (token.i + 1 - start))
                start = token.i + 1
        found.extend([(start, sent.end)] * (sent.end - start))
    return found


def find_frames(doc: Any, lexicon: QuoteLexicon, unit_of: list[TokenRange]) -> list[Frame]:
    """Every attribution frame of the article, in text order."""
    frames: list[Frame] = []
    starts = {phrase[0] for phrase in lexicon.according_to}
    skip_to = 0
    for token in doc:
        if token.i < skip_to:
            continue
        lower = token.lower_
        if lower in starts:
            for phrase in lexicon.according_to:
                words = doc[token.i : token.i + len(phrase)]
                if [t.lower_ for t in words] == list(phrase):
                    frame = according_frame(token, len(phrase), unit_of[token.i])
                    if frame is not None:
                        frames.append(frame)
                        skip_to = token.i + len(phrase)
                    break
            if token.i < skip_to:
                continue
        if token.pos_ == "VERB" and lexicon.is_cue(token.lemma_.lower()):
            frames.append(verb_frame(token, lexicon, unit_of[token.i]))
    return _share_speakers(doc, frames)


def _share_speakers(doc: Any, frames: list[Frame]) -> list[Frame]:
    """A cue with no speaker of its own that hangs on another cue takes its speaker
    ("…, Varga said on Tuesday, vowing to retaliate")."""
    by_cue = {frame.cue: frame for frame in frames}
    shared = []
    for frame in frames:
        cue = doc[frame.cue]
        head = by_cue.get(cue.head.i)
        if frame.speaker is None and cue.dep_ in SHARED_SUBJECT_DEPS and head is not None:
            frame = replace(frame, speaker=head.speaker, speaker_head=head.speaker_head)
        shared.append(frame)
    return shared
