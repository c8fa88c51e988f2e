"""Who a word's clause is about: the actors that are subjects of the verb a token depends on,
the subject a subject-less infinitive takes from its governor, the subject of the verb whose
content clause holds a token. Coreference binds possessives and pronouns by these."""

from __future__ import annotations

from tidings.actors.article import SUBJECT_DEPS, ArticleState


def governing_subject(
    state: ArticleState, token_index: int, subordinators: frozenset[str] = frozenset()
) -> str | None:
    """The actor id of the subject of the verb whose content clause the pronoun's verb
    is ("X decided [he would quit]"), or whose time clause it is, joined by one of
    `subordinators` ("X quit [after he lost]"), if a person the actor layer knows."""
    doc = state.view.doc
    verb = doc[token_index].head
    marks = (c.lower_ for c in verb.children if c.dep_ == "mark")
    timed = verb.dep_ == "advcl" and any(m in subordinators for m in marks)
    if not (verb.dep_ == "ccomp" or timed) or verb.head.i == verb.i:
        return None  # "X campaigned for Y since he quit": X, the subject "since" hangs on
    governor = verb.head
    subject = next((c for c in governor.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.tag_ in ("WP", "WDT") and governor.dep_ == "relcl":
        subject = governor.head  # "Christie, who campaigned ... since he quit": Christie
    return state.token_entity.get(subject.i) if subject is not None else None


def reporting_subject(state: ArticleState, token_index: int) -> str | None:
    """The actor id of the subject of the verb whose content clause holds the token
    ("X warned Y [that his government would ...]")."""
    verb = state.view.doc[token_index].head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.dep_ != "ccomp" or verb.head.i == verb.i:
        return None
    subjects = (c for c in verb.head.children if c.dep_ in SUBJECT_DEPS)
    subject = next(subjects, None)
    return state.token_entity.get(subject.i) if subject is not None else None


def clause_subjects(state: ArticleState, token_index: int, *, controlled: bool = False) -> set[str]:
    """Ids of the actors that are subjects of the verb the token depends on (or of the
    verb its noun depends on: "his" in "Varga said his plan" is in "plan", under "said").
    With `controlled`, an infinitive with no subject of its own takes its governor's ("X
    called Y to congratulate him": X congratulates, so "him" is not X)."""
    doc = state.view.doc
    token = doc[token_index]
    found: set[str] = set()
    head = token.head
    for _ in range(6):  # "complained of the scale ... in her interview": five steps up
        for child in head.children:
            if child.dep_ in SUBJECT_DEPS and child.i != token_index:
                entity_id = state.token_entity.get(child.i)
                if entity_id:
                    found.add(entity_id)
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    infinitive = head.dep_ in ("xcomp", "advcl") and head.head.i != head.i
    if controlled and not found and infinitive:
        return clause_subjects(state, head.i)
    if controlled and not found and head.dep_ == "pcomp":
        # "accused Finegold of doorstepping him": the object of the verb does the gerund
        verb = head.head.head
        objects = (c for c in verb.children if c.dep_ == "dobj")
        found = {e for c in objects if (e := state.token_entity.get(c.i))}
    return found


def subject_control(state: ArticleState, token_index: int) -> set[str]:
    """For a possessive in an infinitive with no subject of its own, its governor's
    subject, when the governor has no actor as object to control it instead ("Varga used
    his speech to defend his party's plans"; not "Varga urged Lind to defend her record")."""
    verb = state.view.doc[token_index].head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    governor = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or governor.i == verb.i:
        return set()
    objects = (c for c in governor.children if c.dep_ in ("dobj", "dative"))
    if any(state.token_entity.get(c.i) for c in objects):
        return set()
    return clause_subjects(state, token_index, controlled=True)
