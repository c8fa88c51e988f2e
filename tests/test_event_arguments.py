"""Who did it and to whom (tidings/events/arguments.py, phrase_arguments.py, fillers.py,
slot_reader.py, actors.py) on sentences written for the project, in the made-up world of
`actors_world.yaml`: actors missed, things taken as actors, the actor of another clause,
pronouns resolved by the actor layer."""

from __future__ import annotations

from pathlib import Path

from tests.test_events_rules import HARBOURIA, NOVALIA, events, of_type, sides
from tidings.events import Event


def test_a_thing_given_is_no_side() -> None:
    aid = of_type(events("Harbouria supplied Novalia with weapons and vehicles."), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)


def test_a_thing_in_the_clause_of_an_infinitive_is_no_target() -> None:
    threat = of_type(events("Harbouria threatened to stop negotiations."), "THREATEN")
    assert threat.target is None or threat.target.id is not None


def test_the_owners_own_troops_are_no_target() -> None:
    found = events("Harbouria withdrew its troops.")
    assert all(e.target is None or e.target.name != "its troops" for e in found)


def test_a_decision_is_its_owners() -> None:
    found = events("Harbouria supports Novalia's decision to expel 23 diplomats.")
    support = of_type(found, "SUPPORT")
    assert sides(support) == (HARBOURIA, NOVALIA)
    expel = next(e for e in found if e.trigger == "expel")
    assert expel.source is not None and expel.source.country == NOVALIA


def test_a_warning_aims_at_the_doer_of_what_it_warns_of() -> None:
    text = "Mara Lind warned that rallies by the Tide Guard Corps will not be tolerated."
    threat = of_type(events(text), "THREATEN")
    assert threat.source is not None and threat.source.id == "mara-lind"
    assert threat.target is not None and threat.target.id == "tide-guard"


def test_a_warning_aims_at_the_aggressor() -> None:
    text = "Mara Lind warned she will respond to any Novalian aggression."
    threat = of_type(events(text), "THREATEN")
    assert threat.target is not None and threat.target.country == NOVALIA


def test_the_strike_that_killed_x_is_no_doer_and_x_no_source() -> None:
    found = events("The drone strike that killed Qadir Solemani was ordered by Novalia.")
    killed = next(e for e in found if e.trigger == "killed")
    assert killed.target is not None and killed.target.id == "qadir-solemani"
    assert killed.source is None or killed.source.country == NOVALIA


def test_a_resolution_demanding_x_is_not_xs() -> None:
    text = "Novalian lawmakers passed a resolution demanding a Harbourian withdrawal."
    demand = next(e for e in events(text) if e.trigger == "demanding")
    assert demand.source is None or demand.source.country != HARBOURIA


def test_a_person_in_apposition_is_the_doer() -> None:
    text = "The commander of the Lantern Force, Esmat Kaani, warned Novalia."
    threat = of_type(events(text), "THREATEN")
    assert threat.source is not None and threat.source.id == "esmat-kaani"


def test_a_pronoun_side_is_read_from_the_actor_layer_with_its_antecedents_words() -> None:
    text = "The Tide Guard Corps said it had attacked Novalia."
    attack = of_type(events(text), "ASSAULT")
    assert attack.source is not None and attack.source.id == "tide-guard"
    assert attack.source.span is not None
    assert text[attack.source.span[0] : attack.source.span[1]].endswith("Tide Guard Corps")


def test_sanctions_placed_are_the_placers() -> None:
    found = events("Harbouria placed harsher sanctions on Novalia.")
    sanctions = next(e for e in found if e.trigger == "sanctions")
    assert sides(sanctions) == (HARBOURIA, NOVALIA)


def test_revenge_aims_at_the_doer_of_what_it_answers() -> None:
    text = "Harbouria threatened revenge for the killing of its commander by Novalia."
    threat = of_type(events(text), "THREATEN")
    assert sides(threat) == (HARBOURIA, NOVALIA)


def test_an_event_measured_out_to_a_recipient_is_the_givers() -> None:
    aid = of_type(events("Harbouria gave Novalia 5 million dollars of aid."), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)


def test_an_ethnic_people_is_not_its_namesake_state() -> None:
    attack = of_type(events("Ethnic Novalian guerrillas attacked Harbouria."), "ASSAULT")
    assert attack.source is None or attack.source.country != NOVALIA
    assert attack.target is not None and attack.target.country == HARBOURIA


def test_a_countrys_forces_are_its_own() -> None:
    attack = of_type(events("Novalian forces shelled Portvale."), "ASSAULT")
    assert sides(attack) == (NOVALIA, HARBOURIA)


def test_the_purpose_of_a_call_is_done_to_the_one_called() -> None:
    found = events("Mara Lind called Tomas Brek to discuss the border.")
    talks = of_type(found, "CONSULT")  # the call itself (CAMEO 041)
    assert talks.source is not None and talks.source.id == "mara-lind"
    assert talks.target is not None and talks.target.id == "tomas-brek"
    assert talks.status != "demanded"  # a call is no demand; "called on X to" is


def test_what_a_party_receives_comes_from_the_giver() -> None:
    text = "Novalia received 5 million dollars in aid from Harbouria."
    aid = of_type(events(text), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)


def test_a_participle_names_the_sides_of_its_event() -> None:
    text = "The sanctions imposed on Novalia by Harbouria hurt its economy."
    sanctions = next(e for e in events(text) if e.trigger == "sanctions")
    assert sides(sanctions) == (HARBOURIA, NOVALIA)


def test_a_relational_noun_is_not_its_possessor() -> None:
    talks = of_type(events("Novalia and its allies held talks."), "CONSULT")
    assert talks.source is not None and talks.source.country == NOVALIA
    assert talks.target is not None and talks.target.name == "its allies"
    met = of_type(events("Novalia met its neighbours."), "CONSULT")
    assert met.target is not None and met.target.country != NOVALIA
    assert met.complete
    met = of_type(events("Mara Lind met her critics."), "CONSULT")
    assert met.target is not None and met.target.id != "mara-lind"


def test_the_sides_of_an_event_noun_between_two_parties() -> None:
    text = "Cooperation between Novalia and Harbouria was strengthened."
    cooperation = of_type(events(text), "COOPERATE")
    assert sides(cooperation) == (NOVALIA, HARBOURIA)
    clashes = of_type(events("Clashes between Novalia and Harbouria resumed."), "ASSAULT")
    assert sides(clashes) == (NOVALIA, HARBOURIA)


def test_aid_goes_to_whom_its_purpose_serves() -> None:
    text = "Harbouria gave 5 million dollars to help Novalian refugees."
    aid = of_type(events(text), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)
    text = "Harbouria provided 9 million dollars in assistance to fight the epidemic in Novalia."
    aid = of_type(events(text), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)


def test_a_demand_is_made_of_the_doer_of_what_it_demands() -> None:
    text = "Novalian lawmakers passed a resolution demanding a Harbourian withdrawal."
    demand = next(e for e in events(text) if e.trigger == "demanding")
    assert sides(demand) == (NOVALIA, HARBOURIA)
    text = "Novalia demanded the withdrawal of the Tide Guard Corps."
    demand = next(e for e in events(text) if e.trigger == "demanded")
    assert demand.target is not None and demand.target.id == "tide-guard"
    text = "Novalia demanded Harbouria cut off its aid to the rebels."
    demand = next(e for e in events(text) if e.trigger == "demanded")
    assert sides(demand) == (NOVALIA, HARBOURIA)


def test_a_demand_of_a_thing_names_no_target() -> None:
    demand = next(e for e in events("Novalia demanded an apology.") if e.trigger == "demanded")
    assert demand.target is None and not demand.complete


def test_an_arrest_in_a_country_naming_no_doer_is_that_states() -> None:
    arrest = of_type(events("Jon Varga was arrested in Novalia on Monday."), "COERCE")
    assert arrest.source is not None and arrest.source.country == NOVALIA
    assert arrest.target is not None and arrest.target.name == "Jon Varga"
    jailed = of_type(events("Jon Varga was arrested in a hotel."), "COERCE")
    assert jailed.source is None


def test_a_conjoined_event_noun_is_carried_by_the_same_verb() -> None:
    text = "Novalia expressed its rejection and strong condemnation of the Harbourian decision."
    condemnation = next(e for e in events(text) if e.trigger == "condemnation")
    assert sides(condemnation) == (NOVALIA, HARBOURIA)


def test_the_party_an_entrys_own_word_names_is_the_last_resort_target() -> None:
    aid = of_type(events("Harbouria accepted 300 Novalian refugees in May."), "AID")
    assert sides(aid) == (HARBOURIA, NOVALIA)


def test_whom_a_refusal_would_have_let_act_is_its_target() -> None:
    text = "Harbouria refused to allow two Novalian airlines to land flights in the country."
    refusal = next(e for e in events(text) if e.trigger == "refused")
    assert sides(refusal) == (HARBOURIA, NOVALIA)


def test_each_named_party_coordinated_with_the_target_has_its_event() -> None:
    found = [
        e
        for e in events("Mara Lind will meet Tomas Brek and Qadir Solemani.")
        if e.trigger == "meet"
    ]
    assert [e.target.id if e.target else None for e in found] == ["tomas-brek", "qadir-solemani"]
    assert all(e.source is not None and e.source.id == "mara-lind" for e in found)
    assert len({e.id for e in found}) == 2
    talks = [e for e in events("Novalia and its allies held talks.") if e.type == "CONSULT"]
    assert len(talks) == 1


def test_the_subject_of_a_complement_is_whom_the_verb_acts_on() -> None:
    text = "The court convicted the Tide Guard Corps to pay 5 million dollars in damages."
    conviction = next(e for e in events(text) if e.trigger == "convicted")
    assert conviction.target is not None and conviction.target.id == "tide-guard"
    found = next(
        e
        for e in events("A Novalian court found Jon Varga guilty of fraud.")
        if e.trigger == "found"
    )
    assert found.target is not None and found.target.name == "Jon Varga"


def test_a_completed_withdrawal_is_its_completers() -> None:
    text = "Novalia completed its withdrawal of troops from Harbouria in December."
    withdrawal = next(e for e in events(text) if e.trigger == "withdrawal")
    assert sides(withdrawal) == (NOVALIA, HARBOURIA)


def test_what_a_call_conveys_is_for_the_one_called() -> None:
    text = "Mara Lind called Tomas Brek on Friday to convey her support."
    support = next(e for e in events(text) if e.trigger == "support")
    assert support.source is not None and support.source.id == "mara-lind"
    assert support.target is not None and support.target.id == "tomas-brek"


def test_the_party_of_an_event_noun_carried_by_a_light_verb() -> None:
    text = "A Novalian court ordered the arrest of two Harbourian journalists."
    arrest = next(e for e in events(text) if e.trigger == "arrest")
    assert sides(arrest) == (NOVALIA, HARBOURIA)


def test_who_expels_is_the_country_one_is_expelled_from() -> None:
    expel = of_type(events("Two Novalian diplomats were expelled from Harbouria."), "SANCTION")
    assert sides(expel) == (HARBOURIA, NOVALIA)
    expel = of_type(events("Harbouria expelled two Novalian diplomats from Portvale."), "SANCTION")
    assert sides(expel) == (HARBOURIA, NOVALIA)


def test_an_armed_party_named_by_a_people_abroad_is_not_its_state(tmp_path: Path) -> None:
    from tests.actors_fixture import WORLD, parse
    from tidings.actors import resolve_actors
    from tidings.events import extract_events
    from tidings.events.lexicon import load_event_lexicon
    from tidings.knowledge import load_actor_base
    from tidings.places import EMPTY_PLACES
    from tidings.quotes import extract_quotes
    from tidings.times import extract_times

    shipped = Path(__file__).resolve().parents[1] / "tidings" / "data" / "events"
    for path in shipped.glob("*.yaml"):
        text = path.read_text("utf-8")
        if path.name == "frames.yaml":  # a made-up people's name beside its state's adjective
            text = text.replace("ethnic_demonyms: [", "ethnic_demonyms: [harbourian, ")
        (tmp_path / path.name).write_text(text, "utf-8")
    lexicon = load_event_lexicon(str(tmp_path))

    def attack(text: str) -> Event:
        parsed = parse(text)
        base = load_actor_base((str(WORLD),))
        actors = resolve_actors(parsed, base=base)
        quotes = extract_quotes(parsed, actors)
        layer = extract_events(
            parsed, actors, quotes, extract_times(parsed), EMPTY_PLACES, base=base, lexicon=lexicon
        )
        return of_type(list(layer.events), "ASSAULT")

    abroad = attack("Harbourian militias shelled villages in Novalia.")
    assert abroad.source is not None and abroad.source.country != HARBOURIA
    at_home = attack("Harbourian militias shelled Portvale.")
    assert at_home.source is not None and at_home.source.country == HARBOURIA


def test_a_name_the_model_read_as_an_adverb_is_the_subject() -> None:
    from tests.actors_fixture import parse

    doc = parse("USAID had announced a suspension of aid in Yemen.").doc
    assert doc[0].dep_ == "nsubj" and doc[0].pos_ == "PROPN"


def test_a_party_met_comes_before_the_building_where_talks_are_held() -> None:
    found = events("Harbouria's president will hold talks with Novalia at Lantern Hall.")
    assert any(e.target is not None and e.target.country == NOVALIA for e in found)
    assert not any(e.target is not None and "Lantern" in e.target.name for e in found)


def test_the_one_called_on_to_act_is_its_doer_and_the_act_demanded() -> None:
    found = events("Harbouria called on Novalia to release the prisoners.")
    release = [e for e in found if e.trigger == "release"]
    assert release and release[0].source is not None and release[0].source.country == NOVALIA
    assert release[0].status == "demanded"
    calls = [e for e in found if e.trigger == "called"]
    assert calls and sides(calls[0]) == (HARBOURIA, NOVALIA)


def test_a_spokesman_for_a_party_acts_for_it() -> None:
    found = events("A spokesman for Harbouria called on Novalia to release the prisoners.")
    calls = [e for e in found if e.trigger == "called"]
    assert calls and sides(calls[0]) == (HARBOURIA, NOVALIA)


def test_the_one_accused_of_an_act_is_its_doer() -> None:
    found = events("Harbouria accused Novalia of shelling the port.")
    shelling = [e for e in found if e.trigger == "shelling"]
    assert shelling and shelling[0].source is not None and shelling[0].source.country == NOVALIA


def test_a_subjects_conjunct_is_the_target_only_of_an_act_done_together() -> None:
    talks = of_type(events("Harbouria and Novalia held talks on Monday."), "CONSULT")
    assert sides(talks) == (HARBOURIA, NOVALIA)
    refusal = of_type(events("Harbouria and Novalia refused to open the border."), "REJECT")
    assert refusal.target is None or refusal.target.country != NOVALIA


def test_a_party_the_content_of_a_statement_names_is_not_its_target() -> None:
    found = events("Harbouria rejected speculation that its envoy had visited Novalia.")
    rejection = of_type(found, "REJECT")
    assert rejection.target is None or rejection.target.country != NOVALIA


def test_a_party_named_by_its_relation_to_the_doer_is_the_target() -> None:
    warning = of_type(events("Harbouria warned its neighbours."), "THREATEN")
    assert warning.target is not None and warning.target.name == "its neighbours"
    assert warning.complete


def test_a_countrys_newspaper_is_its_press_not_its_state() -> None:
    closure = of_type(
        events("Harbouria suspended publication of Novalia's largest newspaper."), "COERCE"
    )
    assert closure.target is not None and closure.target.id == "u:group:nvl-med"


def test_the_first_of_two_objects_is_the_one_given_to() -> None:
    grant = next(e for e in events("Harbouria granted Novalia a loan.") if e.trigger == "granted")
    assert sides(grant) == (HARBOURIA, NOVALIA)


def test_an_agreement_concluded_is_support_and_one_not_reached_a_refusal() -> None:
    deal = of_type(events("Harbouria and Novalia reached an agreement on trade."), "SUPPORT")
    assert sides(deal) == (HARBOURIA, NOVALIA)
    failed = of_type(events("Harbouria and Novalia failed to reach agreement."), "REJECT")
    assert sides(failed) == (HARBOURIA, NOVALIA)
    intent = of_type(events("Novalia agreed to release the prisoners."), "AGREE")
    assert intent.source is not None and intent.source.country == NOVALIA


def test_a_body_that_acts_is_its_own_doer_not_its_founders() -> None:
    found = events("Harbouria agreed to set up a council that would give Novalia aid.")
    aid = next(e for e in found if e.trigger == "give")
    assert aid.source is None or aid.source.country != HARBOURIA


def test_a_decision_with_an_owner_is_not_the_welcomers() -> None:
    found = events("Harbouria welcomed a court's decision to reject the claim.")
    rejection = next(e for e in found if e.trigger == "reject")
    assert rejection.source is None or rejection.source.country != HARBOURIA


def test_sanctions_lifted_aim_at_whom_they_were_imposed_on() -> None:
    found = events("Harbouria lifted the sanctions imposed on Novalia.")
    lifted = next(e for e in found if e.trigger == "lifted")
    assert sides(lifted) == (HARBOURIA, NOVALIA)


def test_a_bare_past_participle_is_undergone_not_done() -> None:
    found = events("Arrested in May, the Novalian envoy was later freed by Harbouria.")
    arrest = next(e for e in found if e.trigger == "Arrested")
    assert arrest.source is None


def test_backing_held_is_given_by_the_one_named_after_it() -> None:
    support = of_type(events("Mara Lind won the backing of Harbouria."), "SUPPORT")
    assert support.source is not None and support.source.country == HARBOURIA
    assert support.target is not None and support.target.id == "mara-lind"


def test_a_third_person_pronoun_in_a_speakers_own_words_is_not_the_speaker() -> None:
    text = 'Mara Lind said: "He was detained to stop him from attacking Novalia."'
    attack = of_type(events(text), "ASSAULT")
    assert attack.source is None or attack.source.id != "mara-lind"


def test_a_speaker_defending_his_own_partys_plans_acts_on_no_one() -> None:
    found = events("Tomas Brek defended his party's plans to raise taxes.")
    assert all(e.target is None for e in found if e.type == "SUPPORT")


def test_a_country_adjective_opening_a_firms_name_is_not_the_country() -> None:
    found = events("Mara Lind praised Novalian Water for its work.")
    support = of_type(found, "SUPPORT")
    assert support.target is None or support.target.id != NOVALIA


def test_who_is_accused_or_guilty_of_an_act_did_it() -> None:
    accused = of_type(events("Novalia was accused of attacking Harbouria."), "ASSAULT")
    assert sides(accused) == (NOVALIA, HARBOURIA)
    guilty = of_type(events("Harbouria was guilty of violating the truce with Novalia."), "ASSAULT")
    assert guilty.cameo == "196" and sides(guilty) == (HARBOURIA, NOVALIA)
    bold = of_type(events("Harbouria was unafraid of attacking Novalia."), "ASSAULT")
    assert bold.source is None


def test_those_held_as_human_shields_are_the_target() -> None:
    text = "The Tide Guard Corps held 300 Novalian villagers as human shields."
    shields = of_type(events(text), "ASSAULT")
    assert shields.source is not None and shields.source.id == "tide-guard"
    assert shields.target is not None and shields.target.id == "u:group:nvl-cvl"


def test_the_donor_of_aid_is_its_source_and_a_conjoined_noun_keeps_its_light_verb() -> None:
    donor = of_type(events("Harbouria is the biggest donor of aid to Novalia."), "AID")
    assert sides(donor) == (HARBOURIA, NOVALIA)
    text = "Novalia received weapons and military support from Harbouria."
    support = of_type(events(text), "AID")
    assert sides(support) == (HARBOURIA, NOVALIA)


def test_who_an_act_was_ordered_by_did_it() -> None:
    found = events("The strike on Novalia was ordered by Mara Lind.")
    strike = of_type(found, "ASSAULT")
    assert strike.source is not None and strike.source.id == "mara-lind"
    assert strike.target is not None and strike.target.country == NOVALIA


def test_coordinated_country_words_name_both_sides_of_a_joint_act() -> None:
    clash = of_type(events("Novalian and Harbourian troops clashed along the border."), "ASSAULT")
    assert clash.source is not None and clash.source.country == NOVALIA
    assert clash.target is not None and clash.target.country == HARBOURIA


def test_a_joint_act_done_by_two_agents_of_a_passive() -> None:
    text = "The war games were staged by Novalian marines and Harbourian forces."
    games = of_type(events(text), "COOPERATE")
    assert games.source is not None and games.source.country == NOVALIA
    assert games.target is not None and games.target.country == HARBOURIA


def test_the_partner_of_a_joint_act_before_what_it_is_about() -> None:
    text = "Novalia and Harbouria agreed to share information on the Tide Guard Corps."
    assert sides(of_type(events(text), "AGREE")) == (NOVALIA, HARBOURIA)


def test_some_of_its_troops_are_still_its_own() -> None:
    withdrawal = of_type(events("Novalia withdrew some of its troops from Harbouria."), "RETREAT")
    assert sides(withdrawal) == (NOVALIA, HARBOURIA)


def test_a_demand_is_made_of_the_subject_of_the_bare_clause_after_it() -> None:
    text = "Mara Lind is demanding the Tide Guard Corps fulfil its promises."
    demand = of_type(events(text), "REQUEST")
    assert demand.target is not None and demand.target.id == "tide-guard"


def test_a_firm_a_country_word_describes_is_not_the_state() -> None:
    talks = of_type(events("The Harbourian exchange held talks with Novalia."), "CONSULT")
    assert talks.source is None or talks.source.id != HARBOURIA


def test_forces_moved_in_a_passive_are_their_owners_act() -> None:
    sent = of_type(events("Novalian troops were sent to Harbouria on Monday."), "MOBILIZE")
    assert sent.source is not None and sent.source.country == NOVALIA
    assert sent.target is not None and sent.target.country == HARBOURIA


def test_a_role_whose_phrase_ends_with_a_name_is_that_persons() -> None:
    # the parse hangs the name on the preposition: the role's holder is still who accused
    text = "Harbouria's deputy minister for fisheries Mara Lind accused Novalia of lying."
    accusal = of_type(events(text), "ACCUSE")
    assert accusal.source is not None and accusal.source.id == "mara-lind"


def test_a_dummy_it_stands_for_no_reporter() -> None:
    text = "Mara Lind explained that it was possible to sue the Tide Guard Corps."
    sue = [e for e in events(text) if e.trigger == "sue"]
    assert all(e.source is None or e.source.id != "mara-lind" for e in sue)


def test_a_named_target_is_not_the_person_its_apposition_mentions() -> None:
    text = "Mara Lind accused Tomas Brek, a confidant of her rival Esmat Kaani, of lying."
    accusal = of_type(events(text), "ACCUSE")
    assert accusal.target is not None and accusal.target.id == "tomas-brek"


def test_a_role_after_a_name_is_that_persons() -> None:
    accusal = of_type(events("Former minister Tomas Brek MP criticised Novalia."), "ACCUSE")
    assert accusal.source is not None and accusal.source.id == "tomas-brek"


def test_talks_with_fellow_ministers_have_no_counterpart() -> None:
    found = events("Mara Lind held frank discussions with fellow ministers over the plans.")
    assert all(e.target is None for e in found if e.type == "CONSULT")


def test_a_clause_set_apart_by_a_dash_is_not_what_is_demanded() -> None:
    text = "Novalia and Harbouria want the port closed - the Harbour Union has urged an inquiry."
    urged = [e for e in events(text) if e.trigger == "urged"]
    assert urged and all(e.target is None or e.target.id not in (NOVALIA, HARBOURIA) for e in urged)


def test_help_is_no_ones_aid_when_a_thing_is_its_subject() -> None:
    found = events("Strong sales outside Harbouria helped the Harbour Union boost its profits.")
    helped = [e for e in found if e.trigger == "helped"]
    assert helped and all(e.source is None for e in helped)


def test_the_object_of_the_entrys_own_verb_is_the_target() -> None:
    freed = of_type(events("Novalia let free the Harbourian fishermen on Monday."), "RETREAT")
    assert freed.target is not None and freed.target.country == HARBOURIA


def test_a_named_party_allowed_to_act_is_the_target() -> None:
    text = "Novalia said it would allow the Harbour Relief Program to deliver food to the islands."
    allowed = [e for e in events(text) if e.trigger == "allow"]
    assert allowed and allowed[0].target is not None
    assert "Harbour Relief Program" in allowed[0].target.name


def test_people_in_a_place_are_the_target_not_the_place() -> None:
    text = "Novalia ordered a crackdown on protesters in Harbour Square in Seahold."
    crackdown = [e for e in events(text) if e.trigger == "crackdown"]
    assert crackdown and crackdown[0].target is not None
    assert "Square" not in crackdown[0].target.name


def test_joining_someone_on_a_visit_is_no_meeting_with_them() -> None:
    found = events("Mara Lind is to join Tomas Brek in a visit to Seahold on Thursday.")
    assert all(e.target is None or e.target.id != "tomas-brek" for e in found)


def test_a_meetings_purpose_is_with_the_party_met_not_the_co_host() -> None:
    found = events("Mara Lind and Tomas Brek met Novalian fishermen to discuss the dispute.")
    discuss = [e for e in found if e.trigger == "discuss"]
    assert discuss and all(e.target is None or e.target.name != "Tomas Brek" for e in discuss)


def test_a_definite_event_noun_with_its_own_doer_is_no_earlier_event() -> None:
    text = (
        "Mara Lind praised the Harbour Union. "
        "The support from both clubs has become a problem for the league."
    )
    found = [e for e in events(text) if e.trigger == "support"]
    assert all(e.source is None for e in found)


def test_a_definite_event_noun_alone_names_the_earlier_event() -> None:
    text = "Novalian troops attacked Seahold on Monday. The attack was condemned."
    found = [e for e in events(text) if e.trigger == "attack"]
    assert found and found[0].source is not None


def test_the_summit_is_the_summit_introduced_not_a_meeting_since() -> None:
    text = (
        "Mara Lind is at a summit in Portvale. Tomas Brek met Jon Varga on Monday. "
        "The summit is expected to agree new fishing rules."
    )
    summits = [e for e in events(text) if e.trigger == "summit"]
    assert summits and all(e.source is None for e in summits)


def test_people_freed_are_the_target_not_who_had_detained_them() -> None:
    found = events("Novalia freed three fishermen detained by Harbouria last year.")
    freed = [e for e in found if e.trigger == "freed"]
    assert freed and freed[0].target is not None and freed[0].target.name == "three fishermen"


def test_helping_to_topple_a_leader_is_no_help_to_the_leader() -> None:
    found = events("The Harbour Union was accused of helping to topple Tomas Brek.")
    helped = [e for e in found if e.trigger == "helping"]
    assert all(e.target is None or e.target.name != "Tomas Brek" for e in helped)


def test_the_owner_of_a_firm_is_not_the_firm() -> None:
    found = events("The majority owner of the Seahold Shipping Company has sued Novalia.")
    sued = [e for e in found if e.trigger == "sued"]
    assert sued and (sued[0].source is None or "Seahold" not in sued[0].source.name)


def test_a_role_set_off_by_commas_with_a_name_is_that_person() -> None:
    text = "But director of the Harbour Union, Jon Varga, accused Tomas Brek of lying."
    found = [e for e in events(text) if e.trigger == "accused"]
    assert found and found[0].source is not None and found[0].source.name == "Jon Varga"


def test_a_part_of_a_group_is_named_with_the_group() -> None:
    found = events("Mara Lind has taken legal action against a number of small lenders.")
    action = [e for e in found if e.trigger == "action"]
    assert action and action[0].target is not None
    assert action[0].target.name.endswith("lenders")
