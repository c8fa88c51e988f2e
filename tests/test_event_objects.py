"""What an event's object names, on sentences written for the project in the made-up world of
`actors_world.yaml`: a quoted label is not the party labelled, complaints a party has are
from others, troops of no named country are the mover's own, and a noun deep in an
adjective's phrase takes no place of another clause."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from tests.test_events_rules import HARBOURIA, NOVALIA, events, of_type, sides
from tidings.events import load_event_lexicon
from tidings.events.clauses import subject_of
from tidings.events.phrase_spans import argument_span


def test_a_quoted_label_is_not_the_party_labelled() -> None:
    text = 'Jon Varga provoked fury by branding the official Yes Campaign "two-bit Novalians".'
    found = events(text)
    accuse = of_type(found, "ACCUSE")
    assert accuse.target is None or accuse.target.country != NOVALIA


def test_complaints_a_party_had_come_from_the_others() -> None:
    found = events("The Harbourian ministry had complaints from Novalia about the tariffs.")
    complaint = next(e for e in found if e.trigger == "complaints")
    assert sides(complaint) == (NOVALIA, HARBOURIA)


def test_troops_of_no_named_country_are_the_movers_own() -> None:
    found = events("Harbouria began withdrawing troops from Novalia on Monday.")
    retreat = of_type(found, "RETREAT")
    assert sides(retreat) == (HARBOURIA, NOVALIA)


def test_a_noun_under_an_adjectives_phrase_takes_no_place_of_another_clause() -> None:
    text = (
        "A painter critical of Harbourian arts funding has denied comparing the plan with "
        "dictatorships in Novalia."
    )
    funding = [e for e in events(text) if e.trigger == "funding"]
    assert all(e.target is None or e.target.country != NOVALIA for e in funding)


def test_a_subject_the_parse_hid_after_a_subordinator_is_the_clauses_subject() -> None:
    # the parse the model gave a real sentence of this shape: "after" hung on "view", the
    # cleric its object, "backed" a complement of "set" with "view" as its subject
    words = ["Lind", "set", "out", "Varga", "'s", "view", "after", "the", "cleric", "backed", "it"]
    heads = [1, 1, 1, 5, 3, 9, 5, 8, 6, 1, 9]
    deps = ["nsubj", "ROOT", "prt", "poss", "case", "nsubj", "prep", "det", "pobj", "ccomp", "dobj"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert subject_of(doc[9], load_event_lexicon().frames).text == "cleric"


def test_a_charge_rejected_was_still_made() -> None:
    found = events("The Tide Guard Corps rejected the charge brought by Harbouria.")
    charge = [e for e in found if e.trigger == "charge"]
    assert all(e.status != "denied" for e in charge)


def test_a_city_sharing_a_based_modifier_is_where_the_buyer_is() -> None:
    text = (
        "Novalia said it would not oppose the purchase of the port by Zurich and London-based "
        "Harbour Shipping."
    )
    oppose = next(e for e in events(text) if e.trigger == "oppose")
    assert oppose.target is not None and oppose.target.name == "Harbour Shipping"


def test_investing_is_done_alone() -> None:
    invested = of_type(
        events("Harbouria and Novalia have both invested heavily this year."), "COOPERATE"
    )
    assert invested.target is None


def test_a_holding_signed_over_is_no_agreement() -> None:
    found = events(
        "Jon Varga has since signed over his shareholding to one of his fellow investors."
    )
    assert not [e for e in found if e.trigger == "signed"]


def test_calling_for_a_thing_to_act_makes_the_thing_the_doer() -> None:
    found = events(
        "Jon Varga called for reform of the Novalian trade pact to grant Harbouria more time."
    )
    grant = next(e for e in found if e.trigger == "grant")
    assert grant.source is None or "Varga" not in grant.source.name


def test_a_people_counted_is_its_civilians_not_its_state() -> None:
    supporting = of_type(events("Millions of Harbourians support Jon Varga."), "SUPPORT")
    assert supporting.source is not None and supporting.source.id == "u:group:hbr-cvl"
    attacked = of_type(events("Harbourians attacked the town."), "ASSAULT")
    assert attacked.source is not None and attacked.source.id == HARBOURIA


def test_releasing_tax_returns_frees_no_one() -> None:
    assert not events("Mara Lind released her tax returns this year.")


def test_offering_advice_agrees_to_nothing() -> None:
    found = events("Jon Varga offered some pointed advice to Mara Lind on Friday.")
    assert not [e for e in found if e.type == "AGREE"]


def test_pounding_a_rival_in_words_is_criticism() -> None:
    found = events("Jon Varga has been steadily pounding Mara Lind as a con artist.")
    assert of_type(found, "ACCUSE").trigger == "pounding"
    assert not [e for e in found if e.type == "ASSAULT"]


def test_a_thing_handed_over_goes_to_its_recipient_not_its_former_owner() -> None:
    text = (
        "Mr. Varga is donating a reclaimed former Patriot mountaintop mine to the state to "
        "build an industrial park."
    )
    donating = next(e for e in events(text) if e.trigger == "donating")
    assert donating.target is not None and "Patriot" not in donating.target.name


def test_supporters_of_a_person_are_not_that_person() -> None:
    found = events("Mara Lind supporters have questioned the health of Jon Varga.")
    questioned = next(e for e in found if e.trigger == "questioned")
    assert questioned.source is None or questioned.source.name != "Mara Lind"


def test_a_country_named_in_several_words_stays_the_country() -> None:
    # the phrase's names, several words, are read as one country word (a span, not a token)
    found = events("Novalia agreed to re-open its borders for South Koreans to inspect an estate.")
    assert of_type(found, "AGREE").source is not None


def test_hosting_an_election_race_is_no_visit() -> None:
    found = events("If Varga wins, Harbouria would probably host the only Senate race in 2017.")
    assert not [e for e in found if e.trigger == "host"]


def test_addressing_a_gathering_is_no_consultation() -> None:
    found = events("On Thursday Jon Varga spoke to a gathering of Novalian industry leaders.")
    assert not [e for e in found if e.type == "CONSULT"]


def test_mobilising_voters_is_no_mobilisation_of_force() -> None:
    found = events("Mara Lind and her allies are taking measures to mobilize young voters.")
    assert not [e for e in found if e.type == "MOBILIZE"]


def test_they_after_telling_many_is_the_many_not_the_teller() -> None:
    text = "Jon Varga told Novalians he would be insulted if they did not vote for Mara Lind."
    vote = next(e for e in events(text) if e.trigger == "vote")
    assert vote.source is None or "Varga" not in vote.source.name


def test_occupying_a_post_is_no_occupation() -> None:
    found = events(
        "She occupies one of the key positions of power in Portvale as attorney general."
    )
    assert not [e for e in found if e.type == "ASSAULT"]


def test_voting_to_act_is_no_vote_for_a_party() -> None:
    text = (
        "A Harbourian House panel voted Thursday to hold Jon Varga, a former aide, in contempt "
        "of Congress for refusing to testify."
    )
    assert not [e for e in events(text) if e.trigger == "voted" and e.type == "SUPPORT"]


def test_the_party_called_on_is_the_target_even_unnamed() -> None:
    text = (
        "In June, the South Carolina senator called on fellow Republicans to unendorse Mara Lind."
    )
    called = next(e for e in events(text) if e.trigger == "called")
    assert called.target is None or "Lind" not in called.target.name


def test_seizing_on_a_report_takes_nothing() -> None:
    found = events("Mara Lind is seizing upon a Harbour Broadcasting Service report on Jon Varga.")
    assert not [e for e in found if e.type == "COERCE"]


def test_an_unresolved_pronoun_in_capitals_names_no_target() -> None:
    found = events("THE HARBOURIAN COURT HAS INVESTIGATED HIM — his advice drew its attention.")
    assert all(not e.complete or e.target is None or e.target.name != "HIM" for e in found)


def test_a_clients_lawyers_are_not_the_client() -> None:
    found = events("Jon Varga could be left alone, because his attorneys are likely to quit.")
    quit_ = next(e for e in found if e.trigger == "quit")
    assert quit_.source is None or "Varga" not in quit_.source.name


def test_a_firm_hired_to_assist_is_the_one_who_assists() -> None:
    found = events("Harbour Shipping said it hired a Novalian bank to assist in evaluating offers.")
    assist = next(e for e in found if e.trigger == "assist")
    assert assist.source is None or "Harbour Shipping" not in assist.source.name


def test_what_a_clause_about_the_target_acts_on_is_not_the_target() -> None:
    text = (
        "Novalian security forces clashed in Seahold with demonstrators who were protesting "
        "calls for Jon Varga to run for president."
    )
    clashed = next(e for e in events(text) if e.trigger == "clashed")
    assert clashed.target is None or "Varga" not in clashed.target.name


def test_business_senses_of_ceding_and_amassing_are_no_events() -> None:
    assert not events("Harbour Shipping has recently been ceding market share to its rivals.")
    assert not [
        e
        for e in events("The change would let Jon Varga amass more than 15% of the firm.")
        if e.type == "MOBILIZE"
    ]


def test_a_trip_at_home_meets_no_one() -> None:
    found = events("Mara Lind announced plans to travel to a city in the Harbourian heartland.")
    assert all(e.target is None for e in found if e.trigger == "travel")


def test_agreeing_that_something_is_so_is_no_agreement() -> None:
    assert not events("Mara Lind and Jon Varga seemed to agree that the law was unfair.")
    assert not events("The Novalian people do not agree with Jon Varga, Mara Lind said.")
    truce = events("Novalia agreed with Harbouria on a truce.")
    assert [e for e in truce if e.type == "AGREE"]
    found = events("Novalia and Harbouria agreed that talks would resume next week.")
    assert [e for e in found if e.type == "AGREE"]


def test_calling_out_a_party_is_criticism() -> None:
    found = events("Novalia called out Harbouria for its lies.")
    assert of_type(found, "ACCUSE").trigger == "called"
    assert not [e for e in found if e.type == "REQUEST"]


def test_riot_police_hold_no_riot() -> None:
    found = events("Novalian riot police were sent to Seahold on Monday.")
    assert not [e for e in found if e.type == "PROTEST"]


def test_a_with_phrase_of_others_doing_their_part_names_no_partner() -> None:
    text = (
        "Novalia has provided most of the naval vessels so far to block the trade, with "
        "Harbouria and Seahold among the other nations lending support at sea."
    )
    block = [e for e in events(text) if e.trigger == "block"]
    assert all(e.target is None or e.target.country != HARBOURIA for e in block)


def test_a_far_word_the_parse_hung_on_the_subject_is_not_part_of_its_phrase() -> None:
    # the parse the model gave a real sentence of this shape: "including" hung on "ministers"
    words = ["Some", "ministers", "called", "for", "sanctions", ",", "including", "bans"]
    heads = [1, 2, 2, 2, 3, 2, 1, 6]
    deps = ["det", "nsubj", "ROOT", "prep", "pobj", "punct", "prep", "pobj"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    start, end = argument_span(doc[1])
    assert doc.text[start:end] == "Some ministers"


def test_armed_men_leaving_a_country_withdraw_from_it() -> None:
    retreat = of_type(events("Harbourian troops have begun leaving Novalia."), "RETREAT")
    assert sides(retreat) == (HARBOURIA, NOVALIA)
    assert not [e for e in events("Jon Varga left Novalia on Monday.") if e.type == "RETREAT"]


def test_forcing_a_leader_out_of_the_country_is_coercion() -> None:
    coerce = of_type(events("Harbourian troops forced Jon Varga out of Novalia."), "COERCE")
    assert coerce.source is not None and coerce.source.country == HARBOURIA
    assert coerce.target is not None and coerce.target.name == "Jon Varga"


def test_an_attack_launched_while_calling_them_names_is_criticism() -> None:
    text = "Jon Varga launched a fierce attack on the Novalian army, calling its generals fools."
    found = events(text)
    assert of_type(found, "ACCUSE").trigger == "attack"
    assert not [e for e in found if e.type == "ASSAULT"]


def test_a_charity_in_a_one_line_report_is_an_actor_of_its_sector() -> None:
    accuse = of_type(events("The charity has denounced the arrests in Novalia."), "ACCUSE")
    assert accuse.source is not None and accuse.source.id == "u:group:xxx-ngo"
    assert accuse.complete


def test_a_clause_with_a_subject_of_its_own_is_no_purpose_of_the_governor() -> None:
    found = events("Jon Varga praised Tomas Brek because he resigned.")
    resigned = next(e for e in found if e.trigger == "resigned")
    assert resigned.target is None or resigned.target.name != "Tomas Brek"


def test_a_search_of_a_residence_is_aimed_at_its_holder() -> None:
    search = of_type(events("Harbourian police searched the Novalian embassy."), "ACCUSE")
    assert sides(search) == (HARBOURIA, NOVALIA)


def test_what_is_seized_from_a_party_is_taken_from_that_party() -> None:
    coerce = of_type(events("Harbourian troops seized the port from Novalia."), "COERCE")
    assert sides(coerce) == (HARBOURIA, NOVALIA)


def test_a_verb_joined_to_the_next_shares_its_object() -> None:
    found = events("A Harbourian officer shot and killed Jon Varga in Seahold.")
    shot = next(e for e in found if e.trigger == "shot")
    assert shot.target is not None and shot.target.name == "Jon Varga"


def test_a_name_the_model_missed_is_not_someone_named_in_its_relative_clause() -> None:
    text = (
        "After the Varga camp announced that it was inviting critic Tomas Brek to sit in the "
        "front row at the debate, Mara Lind invited Gennifer Flowers, who once had an affair "
        "with President Varga, to also sit in the front row."
    )
    invite = next(e for e in events(text) if e.trigger == "invited")
    assert invite.target is not None and "Varga" not in invite.target.name


def test_a_participle_joined_to_a_clause_with_a_by_phrase_is_passive() -> None:
    text = "Seahold remains under a state of emergency and patrolled by Harbourian troops."
    patrol = next(e for e in events(text) if e.trigger == "patrolled")
    assert patrol.source is not None and patrol.source.country == HARBOURIA


def test_a_count_of_occasions_is_no_target() -> None:
    found = events("Harbourian fighter jets have scrambled hundreds of times this year.")
    assert all(e.target is None or "times" not in e.target.name for e in found)


def test_an_act_coordinated_with_a_target_is_no_second_target() -> None:
    text = (
        "The dispute stems from Harbouria's invasion of Novalia and its military buildup near "
        "the residence of Jon Varga."
    )
    invasions = [e for e in events(text) if e.trigger == "invasion"]
    assert [e.target.country if e.target else None for e in invasions] == [NOVALIA]


def test_lending_legitimacy_gives_nothing() -> None:
    found = events("Novalia is lending legitimacy to a Harbourian network.")
    assert not [e for e in found if e.type == "AID"]
    assert of_type(events("Novalia lent Harbouria two billion dollars."), "AID")


def test_lawyers_scrambling_and_signed_legislation_are_no_events() -> None:
    assert not [
        e
        for e in events("Lawyers for Harbouria scrambled to save the deal.")
        if e.type == "MOBILIZE"
    ]
    assert of_type(events("Harbourian jets scrambled to intercept Novalian bombers."), "MOBILIZE")
    assert not [
        e for e in events("Mara Lind signed the legislation on Monday.") if e.type == "SUPPORT"
    ]


def test_a_politicians_attack_on_anyone_but_a_state_is_made_in_words() -> None:
    text = "Mara Lind attacked police officers nationwide and blamed them for the riots."
    assert of_type(events(text, published="2016-05-01"), "ACCUSE").trigger == "attacked"
    attack = events("Mara Lind attacked Novalia in 2016.", published="2016-05-01")
    assert of_type(attack, "ASSAULT").target is not None


def test_charging_someone_with_a_task_accuses_no_one() -> None:
    text = "Novalia has charged the inspectors with verifying the ceasefire."
    assert not [e for e in events(text) if e.type == "ACCUSE"]
    assert of_type(events("Novalian police charged two Harbourian men with murder."), "ACCUSE")


def test_a_call_for_a_conference_to_discuss_is_a_request_not_a_phone_call() -> None:
    found = events(
        "Novalia called for an emergency conference of Harbouria's allies to discuss oil."
    )
    called = next(e for e in found if e.trigger == "called")
    assert called.type == "REQUEST"
    phoned = events("Mara Lind called Jon Varga to discuss the border.")
    assert next(e for e in phoned if e.trigger == "called").type == "CONSULT"


def test_leaving_a_market_or_a_race_is_no_retreat() -> None:
    found = events("Mara Lind said Harbouria would withdraw from the single market.")
    assert not [e for e in found if e.type in ("RETREAT", "AGREE")]
    assert not [e for e in events("Jon Varga withdrew from the race.") if e.type == "RETREAT"]


def test_a_politicians_rally_and_a_summoned_adviser_are_no_events() -> None:
    rally = events(
        "Mara Lind has held rallies before large crowds in Portvale.", published="2016-05-01"
    )
    assert not [e for e in rally if e.type == "PROTEST"]
    assert not events("Jon Varga summoned his senior adviser to his office.")
    assert of_type(events("Harbouria summoned the Novalian ambassador."), "ACCUSE")


def test_rules_laid_down_by_an_accord_disarm_no_one() -> None:
    text = "The sites can only be visited by monitors, as laid down by the accord Harbouria signed."
    assert not [e for e in events(text) if e.type == "RETREAT"]
