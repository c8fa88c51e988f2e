"""The event stage's rules on sentences written for the project, in the made-up world of
`actors_world.yaml` (Harbouria, Novalia and their people), with the shipped event lexicon."""

from __future__ import annotations

import pytest

from tests.actors_fixture import WORLD, parse
from tidings.actors import resolve_actors
from tidings.errors import ConfigError
from tidings.events import Event, extract_events
from tidings.events.lexicon import read_frames, read_type_file
from tidings.events.side_ranker import SideRanker
from tidings.knowledge import load_actor_base
from tidings.places import EMPTY_PLACES, resolve_places
from tidings.quotes import extract_quotes
from tidings.times import extract_times

HARBOURIA, NOVALIA = "HBR", "NVL"


def events(
    text: str,
    *,
    published: str | None = None,
    places: bool = False,
    side_ranker: SideRanker | None = None,
) -> list[Event]:
    parsed = parse(text, published=published)
    base = load_actor_base((str(WORLD),))
    actors = resolve_actors(parsed, base=base)
    quotes = extract_quotes(parsed, actors)
    where = resolve_places(parsed, actors) if places else EMPTY_PLACES
    layer = extract_events(
        parsed, actors, quotes, extract_times(parsed), where, base=base, side_ranker=side_ranker
    )
    for event in layer.events:  # the contract: the evidence is exactly the text's words
        start, end = event.evidence_span
        assert text[start:end].strip() == text[start:end] and end > start
        assert text[event.trigger_span[0] : event.trigger_span[1]] == event.trigger
    return list(layer.events)


def of_type(found: list[Event], kind: str) -> Event:
    matching = [e for e in found if e.type == kind]
    assert matching, [(e.type, e.trigger) for e in found]
    return matching[0]


def sides(event: Event) -> tuple[str | None, str | None]:
    return (
        event.source.country if event.source else None,
        event.target.country if event.target else None,
    )


def test_an_active_clause_subject_is_the_source_and_object_the_target() -> None:
    event = of_type(events("Harbouria attacked Novalia."), "ASSAULT")
    assert sides(event) == (HARBOURIA, NOVALIA)
    assert event.status == "occurred"
    assert event.id == "test#e1"


def test_a_passive_agent_inside_a_strike_is_the_source() -> None:
    text = "Jon Varga was killed in a Harbourian drone strike."
    event = of_type(events(text), "ASSAULT")
    assert event.source is not None and event.source.country == HARBOURIA
    assert event.target is not None and event.target.name == "Jon Varga"


def test_a_light_verb_gives_the_nouns_event_with_the_verbs_subject() -> None:
    text = "Novalia carried out a strike against bases hosting Harbourian troops."
    event = of_type(events(text), "ASSAULT")
    assert event.trigger == "strike"
    assert sides(event) == (NOVALIA, HARBOURIA)


def test_a_nominal_event_reads_its_modifier_and_of_phrase() -> None:
    text = "The Novalian killing of Jon Varga was condemned."
    event = of_type(events(text), "ASSAULT")
    assert event.source is not None and event.source.country == NOVALIA
    assert event.target is not None and event.target.name == "Jon Varga"


def test_coordinated_subjects_of_talks_are_source_and_target() -> None:
    event = of_type(events("Harbouria and Novalia held talks."), "CONSULT")
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_vow_of_revenge_is_a_promised_threat() -> None:
    event = of_type(events("Harbouria vowed to take revenge against Novalia."), "THREATEN")
    assert event.status == "promised"
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_conditional_threat_keeps_its_condition() -> None:
    text = "Harbouria threatened to attack Novalia if there is no deal."
    event = of_type(events(text), "THREATEN")
    assert event.status == "threatened"
    assert event.condition == "if there is no deal"
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_future_strike_by_the_speaker_is_a_threat() -> None:
    text = "“We will strike Novalia,” Jon Varga said."
    event = of_type(events(text), "THREATEN")
    assert event.mode == "assault"
    assert event.status == "threatened"
    assert event.said_by is not None


def test_a_negated_attack_is_negated() -> None:
    event = of_type(events("Harbouria did not attack Novalia."), "ASSAULT")
    assert event.status == "negated"


def test_a_demand_governs_its_event() -> None:
    text = "Harbouria demanded the withdrawal of Novalian troops."
    found = events(text)
    assert any(e.status == "demanded" for e in found), [(e.type, e.status) for e in found]


def test_an_occurred_event_in_a_quote_is_claimed_by_its_speaker() -> None:
    text = "“Novalia attacked our ships,” Jon Varga said."
    event = of_type(events(text), "ASSAULT")
    assert event.status == "claimed"
    assert event.said_by == "u:jon-varga"


def test_the_date_comes_from_the_clauses_weekday_and_a_later_offset() -> None:
    text = "Harbouria attacked Novalia on Tuesday. Novalia attacked Harbouria five days later."
    first, second = [e for e in events(text, published="2021-03-12") if e.type == "ASSAULT"]
    assert (first.date.value, first.date.basis) == ("2021-03-09", "relative")
    assert first.time_span is not None and text[slice(*first.time_span)] == "Tuesday"
    assert second.date.value == "2021-03-14"


def test_news_of_the_day_takes_the_publication_date_and_background_does_not() -> None:
    found = events("Harbouria attacked Novalia.", published="2021-03-12")
    assert of_type(found, "ASSAULT").date.basis == "publication"
    found = events("Harbouria had attacked Novalia.", published="2021-03-12")
    assert of_type(found, "ASSAULT").date.value is None


def test_the_evidence_is_the_clause() -> None:
    text = "Jon Varga said Harbouria attacked Novalia."
    event = of_type(events(text), "ASSAULT")
    assert text[slice(*event.evidence_span)] == "Harbouria attacked Novalia"
    assert event.sentence == text


def test_the_json_record_has_the_contract_fields() -> None:
    record = of_type(events("Harbouria attacked Novalia."), "ASSAULT").to_json()
    for key in ("id", "type", "source", "target", "date", "status", "evidence", "said_by"):
        assert key in record
    passive = of_type(events("Jon Varga was killed."), "ASSAULT").to_json()
    assert passive["source"] == {"id": None, "name": "unknown", "country": None}


def test_a_broken_lexicon_entry_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"entries\[0\]: pos"):
        read_type_file("type: ASSAULT\nentries: [{lemma: kill, pos: adverb}]", "bad.yaml")
    with pytest.raises(ConfigError, match="type"):
        read_type_file("type: FIGHT\nentries: []", "bad.yaml")
    with pytest.raises(ConfigError, match="light_verbs"):
        read_frames("light_verbs: 3", "frames.yaml")


def test_the_location_is_the_place_attached_to_the_clause() -> None:
    text = "Harbouria attacked a Novalian convoy near Mosul."
    event = of_type(events(text, places=True), "ASSAULT")
    assert event.location is not None and event.location.text == "Mosul"
    assert event.location.country == "IRQ"


def test_the_recipient_of_a_thing_is_the_target() -> None:
    event = of_type(events("Harbouria returned the seized paintings to Novalia."), "RETREAT")
    assert sides(event) == (HARBOURIA, NOVALIA)
    event = of_type(events("Harbouria deployed troops to Novalia."), "MOBILIZE")
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_the_subjects_own_forces_are_not_the_target() -> None:
    text = "Harbouria began withdrawing its troops from Novalia."
    event = of_type(events(text), "RETREAT")
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_target_inside_an_infinitive_or_a_purpose_phrase() -> None:
    event = of_type(events("Harbouria agreed to lend money to Novalia."), "AGREE")
    assert sides(event) == (HARBOURIA, NOVALIA)
    text = "Harbouria mobilized the reserves for a war against Novalia."
    event = of_type(events(text), "MOBILIZE")
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_demand_that_someone_act_targets_them() -> None:
    event = of_type(events("Mara Lind demanded that Tomas Brek resign."), "REQUEST")
    assert event.source is not None and event.source.name == "Mara Lind"
    assert event.target is not None and event.target.name == "Tomas Brek"


def test_a_pronoun_reporting_its_own_act_stands_for_the_reporter() -> None:
    text = "The Novalian army said it had attacked Harbouria."
    event = of_type(events(text), "ASSAULT")
    assert sides(event) == (NOVALIA, HARBOURIA)
    assert event.source is not None and event.source.span is not None
    assert text[slice(*event.source.span)] == "The Novalian army"


def test_a_dateline_is_not_the_source() -> None:
    text = "PORT LAMB -- The Novalian navy attacked Harbouria."
    event = of_type(events(text), "ASSAULT")
    assert sides(event) == (NOVALIA, HARBOURIA)


def test_the_argument_span_is_the_whole_phrase_without_its_clauses() -> None:
    text = "Harbouria shelled the old port of the Novalian capital, which burned for days."
    event = of_type(events(text), "ASSAULT")
    assert event.target is not None and event.target.span is not None
    assert text[slice(*event.target.span)] == "the old port of the Novalian capital"


def test_a_participation_verb_carries_the_event_noun() -> None:
    event = of_type(events("Novalian troops remained on alert."), "MOBILIZE")
    assert sides(event)[0] == NOVALIA


def test_a_definite_event_noun_refers_back_to_its_event() -> None:
    text = "Harbouria assassinated Jon Varga. Novalia condemned the assassination."
    found = [e for e in events(text) if e.type == "ASSAULT"]
    assert len(found) == 2
    assert sides(found[1])[0] == HARBOURIA
    assert found[1].target is not None and found[1].target.name == "Jon Varga"


def test_a_threatening_participle_misparsed_as_a_modifier_keeps_its_source() -> None:
    text = "Harbouria and Novalia held talks, with Tomas Brek threatening military action."
    event = of_type(events(text), "THREATEN")
    assert event.source is not None and event.source.name == "Tomas Brek"


def test_a_sentence_ending_in_an_initialism_does_not_run_on_into_the_next() -> None:
    text = (
        "Novalian ministers keep vowing revenge against the U.S. Harbourian forces answered "
        "the raid in May with rocket attacks on Turkish outposts housing Novalian troops, "
        "wounding 12."
    )
    parsed = parse(text)
    assert len(parsed.sentences) == 2
    assert text[parsed.sentences[1][0] :].startswith("Harbourian forces answered")
    attack = next(e for e in events(text) if e.trigger == "attacks")
    # the means of "answered" is theirs; the outposts' guests, not the outposts' country,
    # are the ones attacked
    assert attack.source is not None and attack.source.country == HARBOURIA
    assert attack.target is not None and attack.target.country == NOVALIA


def test_a_name_after_an_initialism_stays_in_the_sentence() -> None:
    parsed = parse("The U.S. Army said Harbouria attacked Novalia.")
    assert len(parsed.sentences) == 1


def test_a_barrage_aimed_at_bases_hosting_troops_targets_the_troops() -> None:
    text = (
        "Harbouria responded with a barrage of rockets aimed at Turkish bases hosting "
        "Novalian troops."
    )
    attack = next(e for e in events(text) if e.trigger == "barrage")
    assert sides(attack) == (HARBOURIA, NOVALIA)


def test_an_event_as_subject_is_the_doer_not_its_victim() -> None:
    text = "He said the martyrdom of Qadir Solemani destroyed the dreams of his enemies."
    found = events(text)
    # "destroyed the dreams" may be read as no attack at all; read as one, its doer is not X
    for destroyed in (e for e in found if e.trigger == "destroyed"):
        assert destroyed.source is None or destroyed.source.id != "qadir-solemani"
    martyrdom = next(e for e in found if e.trigger == "martyrdom")
    assert martyrdom.target is not None and martyrdom.target.id == "qadir-solemani"


def test_news_placed_after_another_event_is_not_dated_by_its_publication() -> None:
    text = (
        "After the assassination of Qadir Solemani, Novalia launched a missile attack on Harbouria."
    )
    attack = next(e for e in events(text, published="2023-12-02") if e.trigger == "attack")
    assert sides(attack) == (NOVALIA, HARBOURIA)
    assert attack.date.value is None
    plain = next(
        e
        for e in events("Novalia launched a missile attack on Harbouria.", published="2023-12-02")
        if e.trigger == "attack"
    )
    assert plain.date.value == "2023-12-02"


def test_a_thing_fired_at_a_party_targets_the_party() -> None:
    event = of_type(events("Harbouria fired dozens of rockets at towns across Novalia."), "ASSAULT")
    assert sides(event) == (HARBOURIA, NOVALIA)
    destroyed = of_type(events("Harbouria destroyed the Novalian embassy."), "ASSAULT")
    assert sides(destroyed) == (HARBOURIA, NOVALIA)


def test_its_forces_in_reported_speech_are_the_reporters() -> None:
    text = "Harbouria's defence ministry said its forces had captured two Novalian villages."
    event = of_type(events(text), "ASSAULT")
    assert event.source is not None and event.source.country == HARBOURIA


def test_a_cooperative_act_promised_by_its_doer_is_an_expression_of_intent() -> None:
    willing = events("Harbouria is willing to withdraw its troops from Novalia.")
    intent = of_type(willing, "AGREE")
    assert intent.mode == "retreat" and intent.status == "promised"
    assert sides(intent) == (HARBOURIA, NOVALIA)
    decided = events("Harbouria has decided to withdraw its troops from Novalia.")
    assert not [e for e in decided if e.type == "AGREE"]
    assert of_type(decided, "RETREAT").status == "promised"


def test_a_call_for_sanctions_against_a_party_condemns_it() -> None:
    found = events("Harbouria called for sanctions against Novalia.")
    called = next(e for e in found if e.trigger == "called")
    assert called.type == "ACCUSE" and sides(called) == (HARBOURIA, NOVALIA)
    assert called.cameo == "111"
    asked = events("Harbouria called on the United Nations to impose sanctions against Novalia.")
    call = next(e for e in asked if e.trigger == "called")
    assert call.type == "REQUEST"


def test_a_call_to_a_person_to_talk_is_a_phone_call() -> None:
    found = events("Mara Lind called the Novalian president on Friday to discuss the border.")
    call = next(e for e in found if e.trigger == "called")
    assert call.type == "CONSULT" and call.cameo == "041"
    assert call.source is not None and call.source.id == "mara-lind"
    asked = events("Harbouria called on Novalia to release the prisoners.")
    assert next(e for e in asked if e.trigger == "called").type == "REQUEST"


def test_extradition_is_legal_action_unless_the_requesting_state_is_named() -> None:
    handed = of_type(events("Novalia extradited the Harbourian banker Tomas Kolar."), "ACCUSE")
    assert handed.trigger == "extradited" and handed.source is not None
    assert handed.source.country == NOVALIA and handed.cameo == "115"
    sent = of_type(events("Novalia extradited Tomas Kolar to Harbouria."), "COOPERATE")
    assert sides(sent) == (NOVALIA, HARBOURIA) and sent.cameo == "063"


def test_aid_measured_by_its_worth_is_still_aid() -> None:
    text = "Harbouria handed over $4 million worth of medicines to Novalia."
    aid = of_type(events(text), "AID")
    assert aid.trigger == "handed" and sides(aid) == (HARBOURIA, NOVALIA)


def test_pulling_out_of_talks_is_a_sanction_pulling_troops_out_a_retreat() -> None:
    talks = events("Harbouria pulled out of talks with Novalia.")
    assert of_type(talks, "SANCTION").trigger == "pulled"
    troops = events("Harbouria pulled its troops out of Novalia.")
    assert sides(of_type(troops, "RETREAT")) == (HARBOURIA, NOVALIA)


def test_saying_a_party_was_behind_an_attack_blames_it() -> None:
    found = events("Harbouria said Novalia was behind the attack on the port.")
    blame = of_type(found, "ACCUSE")
    assert blame.trigger == "said" and sides(blame) == (HARBOURIA, NOVALIA)
    assert not any(e.type == "ACCUSE" for e in events("Harbouria said the talks were useful."))


def test_forcing_troops_out_is_coercion_expelling_diplomats_a_sanction() -> None:
    forces = events("Harbouria expelled Novalian troops from the border region.")
    assert of_type(forces, "COERCE").trigger == "expelled"
    envoys = events("Harbouria expelled three Novalian diplomats.")
    assert of_type(envoys, "SANCTION").trigger == "expelled"


def test_a_date_guessed_from_the_publication_is_lent_to_no_other_event() -> None:
    text = "Harbouria had attacked Novalia in the past. Harbouria attacked Novalia."
    found = [e for e in events(text, published="2021-03-12") if e.type == "ASSAULT"]
    assert [(e.date.value, e.date.basis) for e in found] == [
        (None, "unknown"),
        ("2021-03-12", "publication"),
    ]


def test_destroying_delusions_is_a_figure() -> None:
    text = "Jon Varga said the storm destroyed the delusions of grandeur of the Harbour Union."
    assert not [e for e in events(text) if e.type == "ASSAULT"]
