"""The last checks on an event's sides (tidings/events/side_checks.py), on invented sentences:
a thing is no target, a town where an act happened is not who it was done to, a second doer is
no target of an act done alone, and one party is never on both sides."""

from __future__ import annotations

from tests.test_events_rules import HARBOURIA, NOVALIA, events, of_type, sides
from tidings.events import Event


def _first(found: list[Event], trigger: str) -> Event:
    return next(e for e in found if e.trigger == trigger)


def test_a_thing_acted_on_leaves_the_reading_partial() -> None:
    event = _first(events("Harbouria rejected the auction."), "rejected")
    assert event.source is not None and event.source.country == HARBOURIA
    assert not event.complete


def test_a_party_acted_on_makes_it_complete() -> None:
    event = _first(events("Harbouria rejected Novalia's offer of talks."), "rejected")
    assert sides(event) == (HARBOURIA, NOVALIA)
    assert event.complete


def test_the_owner_of_a_plan_is_the_target_even_when_the_base_lacks_them() -> None:
    event = _first(
        events("Mr Tomas Kolar said he would not back the Home Secretary's plans."), "back"
    )
    assert event.target is not None and event.target.name == "the Home Secretary"
    assert event.complete


def test_a_town_where_talks_were_held_is_no_counterpart() -> None:
    found = events("Harbouria's foreign minister held talks in Port Lavelle on Thursday.")
    assert all(e.target is None or "Lavelle" not in e.target.name for e in found)
    assert not any(e.complete and e.type == "CONSULT" for e in found)


def test_a_place_shelled_stays_the_target() -> None:
    event = _first(events("Harbouria's army shelled positions in Novalia."), "shelled")
    assert event.type == "ASSAULT"
    assert event.target is not None and event.target.country == NOVALIA


def test_a_second_doer_of_an_act_done_alone_is_no_target() -> None:
    found = events("Tomas Kolar and his son Ivan Kolar both resigned from the board.")
    assert all(e.target is None or "Ivan" not in e.target.name for e in found)


def test_the_counterpart_of_an_act_done_together_is_the_other_party() -> None:
    event = _first(events("Harbouria and Novalia signed a trade agreement."), "signed")
    assert sides(event) == (HARBOURIA, NOVALIA)


def test_a_town_visited_is_no_counterpart_but_a_country_is() -> None:
    found = events("Tomas Kolar visits Port Lavelle and Eastbridge this week.")
    assert not any(e.complete and e.type == "CONSULT" for e in found)
    visit = _first(events("Harbouria's president visited Novalia on Monday."), "visited")
    assert visit.target is not None and visit.target.country == NOVALIA


def test_returning_to_profit_or_power_is_no_retreat() -> None:
    for text in ("The firm returned to profit in March.", "The party returned to power in 1964."):
        assert not any(e.type == "RETREAT" for e in events(text)), text


def test_a_pronoun_the_actor_layer_left_unresolved_names_no_target() -> None:
    event = _first(events("Harbouria criticised them on Monday."), "criticised")
    assert event.source is not None and event.source.country == HARBOURIA
    assert not event.complete


def test_a_town_named_as_where_a_bomb_went_off_is_no_doer() -> None:
    event = _first(events("A car bomb in Manchester killed a Harbourian officer."), "killed")
    assert event.source is None and not event.complete
    police = _first(events("The police in Manchester arrested a Harbourian officer."), "arrested")
    assert police.source is not None and police.complete


def test_a_generic_audience_is_no_target_of_a_call_but_victims_are() -> None:
    call = _first(events("Harbouria's president urged people to vote on Sunday."), "urged")
    assert not call.complete
    killing = _first(events("Harbouria's army killed 12 people in Novalia."), "killed")
    assert killing.complete


def test_withdrawing_remarks_is_no_withdrawal() -> None:
    found = events("Harbouria's minister withdrew the remarks on Monday.")
    assert not any(e.complete and e.type == "RETREAT" for e in found)
    troops = _first(events("Harbouria withdrew its troops from Novalia."), "withdrew")
    assert troops.type == "RETREAT" and troops.complete


def test_a_verbal_attack_between_politicians_is_criticism() -> None:
    found = events("Tomas Kolar will attack Ivan Petrov over the budget on Monday.")
    attack = _first(found, "attack")
    assert attack.type == "ACCUSE" and attack.cameo == "111"
    assert attack.status == "promised"


def test_rivalry_between_firms_is_no_assault() -> None:
    found = events("Harbour Bank beat Novalia Trust to buy the port operator last year.")
    assert not any(e.type in ("ASSAULT", "THREATEN") for e in found)


def test_an_army_attacking_a_country_stays_an_assault() -> None:
    attack = _first(events("Harbouria's army attacked Novalia on Monday."), "attacked")
    assert attack.type == "ASSAULT"


def test_the_government_of_a_story_about_one_country_is_that_countrys() -> None:
    text = (
        "Harbouria has raised taxes. Critics in Harbouria were angry. "
        "On Monday the opposition leader Tomas Kolar accused the government of lying."
    )
    event = _first(events(text), "accused")
    assert event.target is not None and event.target.country == HARBOURIA
    two = "Harbouria and Novalia met. On Monday Tomas Kolar accused the government of lying."
    event = _first(events(two), "accused")
    # no guess between two countries: at most a government of no country (a one-line report)
    assert event.target is None or event.target.country is None


def test_a_country_named_only_as_where_a_thing_is_is_no_target() -> None:
    found = events("Harbouria's minister criticised the stereotype of life in Novalia.")
    event = _first(found, "criticised")
    assert event.target is None or event.target.country != NOVALIA


def test_leaders_of_the_regime_in_a_story_about_one_country_are_that_countrys() -> None:
    text = (
        "Harbouria has raised taxes. Critics in Harbouria were angry. "
        "Regime leaders vowed revenge against Novalia on Monday."
    )
    event = _first(events(text), "vowed")
    assert event.source is not None and event.source.country == HARBOURIA
    owned = "Harbouria has raised taxes. Critics in Harbouria were angry. Novalia's leaders met."
    assert all(e.source is None or e.source.country != HARBOURIA for e in events(owned))


def test_an_attack_condemned_is_the_target_of_the_condemnation() -> None:
    event = _first(events("Harbouria condemned the bombing of a school."), "condemned")
    assert event.type == "ACCUSE" and event.target is not None
    assert "bombing" in event.target.name and event.complete


def test_a_proposal_rejected_with_no_owner_names_no_one() -> None:
    event = _first(events("Harbouria rejected the proposals."), "rejected")
    assert not event.complete


def test_the_owner_of_demands_accepted_is_the_target() -> None:
    event = _first(
        events("Harbouria accepted the demands of the striking truck drivers."), "accepted"
    )
    assert event.target is not None and "drivers" in event.target.name
    assert event.complete


def test_an_event_noun_inside_its_verbs_phrase_is_one_event_with_both_sides() -> None:
    found = events("Harbouria provided 340 million dollars in assistance to Novalia.")
    aid = [e for e in found if e.type == "AID"]
    assert len(aid) == 1 and sides(aid[0]) == (HARBOURIA, NOVALIA)


def test_a_party_coordinated_with_the_doer_of_a_call_is_a_second_doer() -> None:
    found = events("Harbouria and Novalia have called for urgent action on poverty.")
    assert all(e.target is None or e.target.country != NOVALIA for e in found)


def test_an_event_noun_modifying_another_is_no_event_of_its_own() -> None:
    found = events("Harbouria's loan agreement with Novalia expires in February.")
    assert not any(e.trigger == "loan" for e in found)


def test_withdrawing_its_own_offer_is_no_withdrawal_but_lifting_a_blockade_is() -> None:
    found = events("Harbouria has withdrawn its takeover offer for the bank.")
    assert not [e for e in found if e.trigger == "withdrawn" and e.complete]
    lifted = _first(events("Harbouria lifted its blockade of the port."), "lifted")
    assert lifted.complete


def test_words_inside_the_doers_own_name_are_no_target() -> None:
    found = events("Harbour & Harbour has agreed to buy the Novalian Shipping Company.")
    assert not any(e.target is not None and e.target.name == "Harbour" for e in found)


def test_an_act_of_a_party_is_no_party_but_a_part_of_one_is() -> None:
    welcomed = _first(events("Harbouria welcomed the return of the four detainees."), "welcomed")
    assert not welcomed.complete
    arrested = _first(events("Harbourian police arrested hundreds of protesters."), "arrested")
    assert arrested.complete


def test_a_figure_that_rose_is_no_uprising() -> None:
    assert not any(e.type == "PROTEST" for e in events("Applications rose by 17% last year."))


def test_figures_released_are_no_release_and_a_government_that_ceased_to_be_weak_no_retreat() -> (
    None
):
    released = _first(
        events("Figures released by the Harbourian treasury showed growth."), "released"
    )
    assert not released.complete
    assert not events("It is time that Harbouria ceased to be a paper tiger.")


def test_a_building_captured_is_the_target_of_the_attack() -> None:
    found = events("Harbourian troops have captured the mosque in the old city.")
    captured = _first(found, "captured")
    assert captured.type == "ASSAULT" and captured.complete


def test_a_bill_does_nothing_itself() -> None:
    from tests.test_events_rules import events

    found = events("The Harbour Access Bill would detain foreign suspects.")
    assert all(e.source is None for e in found if e.type == "COERCE")


def test_talking_to_a_news_outlet_or_its_programme_is_an_interview() -> None:
    for text in (
        "Harbouria's foreign minister spoke to the Harbour Broadcasting Service on Sunday.",
        "Speaking to the HBS's Evening Hour, Harbouria's foreign minister said talks would go on.",
    ):
        assert not any(e.complete and e.type == "CONSULT" for e in events(text)), text
    spoke = _first(events("Harbouria's foreign minister spoke to Novalia's envoy."), "spoke")
    assert spoke.complete and spoke.target is not None and spoke.target.country == NOVALIA


def test_calls_and_talks_with_no_owner_name_no_target() -> None:
    # a call to act is no phone call, and talks with no party name no one
    for text, trigger in (
        ("Harbouria's president rejected calls to hold early elections.", "rejected"),
        ("Harbouria's president opposed compulsory mediation.", "opposed"),
    ):
        assert not _first(events(text), trigger).complete, text
    assert _first(events("Harbouria condemned the bombing of Novalia."), "condemned").complete


def test_a_diaspora_is_no_state_and_an_absolute_clauses_speaker_no_owner() -> None:
    found = events("Harbouria's president will visit the Novalian community in Port Lavelle.")
    assert not any(e.target is not None and e.target.country == NOVALIA for e in found)
    found = events(
        "Harbouria's foreign ministry defended the decision to honour both men, "
        "with a spokesperson saying it was deserved."
    )
    defended = _first(found, "defended")
    assert defended.target is None or "spokesperson" not in defended.target.name


def test_we_in_a_quote_is_the_body_the_speaker_is_named_with() -> None:
    found = events('Ilse Marrow, of the Tide Guard Corps, said: "We condemn Novalia\'s decision."')
    condemned = _first(found, "condemn")
    assert condemned.source is not None and condemned.source.id == "tide-guard"
    found = events('"I condemn Novalia\'s decision," said Ilse Marrow, of the Tide Guard Corps.')
    condemned = _first(found, "condemn")
    assert condemned.source is not None and "Marrow" in condemned.source.name


def test_a_bodys_spokesman_speaks_for_the_body() -> None:
    found = events("A Tide Guard spokesman said it would attack Novalia.")
    attack = _first(found, "attack")
    assert attack.source is not None and attack.source.id == "tide-guard"


def test_a_time_or_a_sum_is_no_target() -> None:
    found = events("Harbouria's president is scheduled to start the meeting at 1830 GMT.")
    assert not any(e.complete and e.target is not None and "GMT" in e.target.name for e in found)


def test_where_a_body_is_based_is_not_the_body() -> None:
    found = events("Harbouria banned the Port Lavelle-based company from the tender.")
    banned = _first(found, "banned")
    assert banned.target is not None and "company" in banned.target.name


def test_aid_with_no_named_receiver_goes_where_its_clause_sends_it() -> None:
    found = events("Harbouria announced new funding to fight the epidemic in Novalia.")
    funding = _first(found, "funding")
    assert funding.complete and sides(funding) == (HARBOURIA, NOVALIA)


def test_whom_charges_are_against_is_not_whose_charges_they_are() -> None:
    board = "The board of the Harbour Shipping Company rejected the charges against its chairman."
    found = events(board)
    rejected = _first(found, "rejected")
    assert rejected.target is None or "chairman" not in rejected.target.name


def test_knowing_of_an_attack_is_no_share_in_it() -> None:
    found = events("Mr Tomas Kolar may have had foreknowledge of the attacks on Novalia.")
    attacks = _first(found, "attacks")
    assert attacks.source is None or "Kolar" not in attacks.source.name
    aid = of_type(events("Harbouria gave Novalia 5 million dollars of aid."), "AID")
    assert aid.source is not None and aid.source.country == HARBOURIA


def test_forces_withdrawn_or_moved_go_to_the_place_their_clause_names() -> None:
    found = events("The Tide Guard Corps remained on alert in Novalia on Sunday.")
    alert = _first(found, "alert")
    assert alert.target is not None and alert.target.country == NOVALIA


def test_a_manner_copied_from_a_place_names_no_doer() -> None:
    found = events("Ministers warned that a Port Lavelle-style bombing could happen in Novalia.")
    bombing = _first(found, "bombing")
    assert bombing.source is None or "Lavelle" not in bombing.source.name


def test_a_states_own_troops_are_no_target_where_they_go_is() -> None:
    found = events("Harbouria said it would withdraw its troops from Novalia.")
    withdraw = _first(found, "withdraw")
    assert sides(withdraw) == (HARBOURIA, NOVALIA)


def test_people_a_country_word_describes_are_not_its_state() -> None:
    found = events("Harbouria has asked a Novalian banker to run its central bank.")
    asked = _first(found, "asked")
    assert asked.target is not None and asked.target.id is None
    assert asked.target.country == NOVALIA and "banker" in asked.target.name
    base = _first(events("Harbouria attacked a Novalian base."), "attacked")
    assert sides(base) == (HARBOURIA, NOVALIA)


def test_the_state_that_jailed_is_a_place_named_not_a_possessor_in_a_phrase() -> None:
    found = events("In one of Novalia's biggest cases, Tomas Kolar was jailed for life.")
    jailed = _first(found, "jailed")
    assert jailed.source is None or jailed.source.country != NOVALIA
    arrested = _first(events("Three journalists were arrested in Novalia."), "arrested")
    assert arrested.source is not None and arrested.source.country == NOVALIA


def test_a_body_named_only_by_an_unresolved_description_is_no_target() -> None:
    found = events("Harbouria will hold talks with the two parties next week.")
    assert not any(e.complete and e.type in ("CONSULT", "AGREE") for e in found)
    named = _first(events("Harbouria accused the Harbour Union of lying."), "accused")
    assert named.target is not None and named.target.name == "Harbour Union"


def test_a_bare_plural_of_people_at_large_is_an_audience_not_a_target() -> None:
    urged = [e for e in events("Mara Lind urged pensioners to save.") if e.trigger == "urged"]
    assert urged and not urged[0].complete
    helped = [e for e in events("Mara Lind launched a drive to help women.") if e.trigger == "help"]
    assert helped and not helped[0].complete


def test_named_or_counted_people_are_a_target() -> None:
    found = events("Novalian police arrested 200 students in Seahold.")
    arrest = [e for e in found if e.trigger == "arrested"]
    assert arrest and arrest[0].complete


def test_an_unknown_town_a_meeting_is_held_in_is_no_counterpart() -> None:
    found = events("Speaking at the Harbour Union's spring conference in Dunmore, Mara Lind left.")
    conference = [e for e in found if e.trigger == "conference"]
    assert all(e.target is None or e.target.name != "Dunmore" for e in conference)


def test_an_attack_in_words_is_criticism_whoever_the_sides() -> None:
    text = "Mara Lind attacked Novalia, saying its leaders had treated fishermen badly."
    assert of_type(events(text), "ACCUSE") is not None
    raid = events("Novalian rebels attacked the convoy near Seahold.")
    assert of_type(raid, "ASSAULT") is not None


def test_students_urged_to_vote_are_an_audience_even_as_a_known_group() -> None:
    found = events("Mara Lind urged students to vote for her party.")
    assert not [e for e in found if e.type == "REQUEST" and e.complete]


def test_an_outlet_something_was_said_on_is_no_counterpart() -> None:
    found = events("Mara Lind appealed on the BBC's Today programme for calm in Seahold.")
    assert all(e.target is None or e.target.name != "BBC" for e in found if e.complete)


def test_a_body_without_arms_battling_a_government_is_no_assault() -> None:
    text = "The Harbour Broadcasting Service has been battling the Novalian authorities in court."
    found = events(text)
    assert not [e for e in found if e.type in ("ASSAULT", "THREATEN")]


def test_any_state_is_no_target_yet() -> None:
    found = events("Novalia threatened to impose sanctions on any state which breaks the embargo.")
    assert not [e for e in found if e.complete and e.target is not None and "any" in e.target.name]


def test_an_outlet_interviewing_the_speaker_is_no_target_of_a_demand() -> None:
    text = '"Novalia should listen," Mara Lind said in an interview with the Seahold Herald.'
    found = events(text)
    assert all(e.target is None or "Herald" not in e.target.name for e in found if e.complete)


def test_companies_at_large_are_an_audience_of_a_call() -> None:
    found = events("The Novalian government is encouraging companies to pay their taxes.")
    assert not [e for e in found if e.type == "REQUEST" and e.complete]


def test_releasing_results_is_no_release_of_captives() -> None:
    found = events("The Novalian group will release its results for the year on Monday.")
    assert not [e for e in found if e.trigger == "release" and e.complete]
    found = events("Novalia released 20 prisoners on Monday.")
    assert [e for e in found if e.trigger == "released" and e.complete]


def test_troops_marching_move_and_do_not_protest() -> None:
    found = events("Novalian troops marched into Seahold on Monday.")
    assert [e.type for e in found if e.trigger == "marched"] == ["MOBILIZE"]
    found = events("Thousands of Novalian students marched through Seahold.")
    assert [e.type for e in found if e.trigger == "marched"] == ["PROTEST"]


def test_a_firm_supplying_some_of_its_planes_is_trade() -> None:
    text = "The Seahold Aircraft Company is to supply Harbour Air with 50 of its new planes."
    found = events(text)
    assert not [e for e in found if e.trigger == "supply"]


def test_a_role_the_actor_layer_left_unresolved_names_no_target() -> None:
    found = events("Jon Varga said the prince should make a personal apology.")
    assert not [e for e in found if e.type == "REQUEST" and e.complete]


def test_a_spokesman_of_no_one_named_is_no_known_doer() -> None:
    found = events("His spokesman said he would give the Harbour Union more money.")
    assert not [e for e in found if e.complete]


def test_attacking_a_government_over_a_matter_is_criticism() -> None:
    found = events("Jon Varga attacked the Novalian government over its fishing policy.")
    assert [e.type for e in found if e.trigger == "attacked"] == ["ACCUSE"]


def test_partners_unveiling_proposals_are_co_doers() -> None:
    found = events("Jon Varga and Mara Lind have taken too long to unveil the proposals.")
    assert not [e for e in found if e.trigger == "proposals" and e.target is not None]
    found = events("Jon Varga and Mara Lind held talks in Seahold.")
    sides = [(e.source.id, e.target.id) for e in found if e.type == "CONSULT" and e.target]
    assert sides == [("u:jon-varga", "mara-lind")]


def test_what_we_should_do_asks_nothing_of_anyone() -> None:
    text = '"We should rebuild the port," said Mara Lind, head of the Harbour Union.'
    assert not [e for e in events(text) if e.type == "REQUEST"]
    assert [e for e in events("Jon Varga said Mara Lind should resign.") if e.type == "REQUEST"]


def test_sympathy_expressed_for_a_country_is_its_own() -> None:
    found = events("Jon Varga expressed Novalia's sympathy for the victims of the storm.")
    assert not [e for e in found if e.target is not None and e.target.id == "u:novalia"]


def test_not_ruling_out_a_strike_is_no_rejection() -> None:
    found = events("The Harbour Union said it did not rule out a strike.")
    assert not [e for e in found if e.type == "REJECT"]
    found = events("Harbouria ruled out talks with Novalia.")
    assert [e.type for e in found if e.trigger == "ruled"] == ["REJECT"]


def test_protesting_that_a_law_is_costly_is_no_demonstration() -> None:
    found = events("Novalian firms have protested that the new laws make listings too costly.")
    assert not [e for e in found if e.type == "PROTEST"]
    found = events("Thousands of Novalian students protested the killing of Jon Varga.")
    assert [e.type for e in found if e.trigger == "protested"] == ["PROTEST"]


def test_a_phrase_before_the_subject_is_no_target() -> None:
    text = "Jon Varga said that, if in government, he would refuse to approve Mara Lind's post."
    refusal = [e for e in events(text) if e.trigger == "refuse"]
    assert [e.target.id for e in refusal if e.target] == ["mara-lind"]


def test_pleading_guilty_asks_nothing() -> None:
    found = events("In a Novalian court, the Seahold Shipping Company pleaded guilty to fraud.")
    assert not [e for e in found if e.type == "REQUEST"]


def test_pleading_with_a_party_to_act_asks_it_to_act() -> None:
    found = events("Jon Varga pleaded with Novalia to release the fishermen.")
    release = [e for e in found if e.trigger == "release"]
    assert [(e.source.id, e.status) for e in release if e.source] == [("NVL", "demanded")]


def test_a_news_conference_is_no_meeting() -> None:
    found = events("The Harbour Union will hold daily news conferences with Jon Varga.")
    assert not [e for e in found if e.type in ("CONSULT", "AGREE")]
    found = events("Novalia will hold talks with Harbouria on Monday.")
    assert [e for e in found if e.type in ("CONSULT", "AGREE")]


def test_the_event_noun_is_not_its_own_target() -> None:
    text = "On Monday in Seahold, Jon Varga went on the offensive over remarks Mara Lind made."
    found = [e for e in events(text) if e.trigger == "offensive"]
    assert [e.target.id for e in found if e.target] == ["mara-lind"]


def test_a_place_naming_an_accord_is_no_party_to_it() -> None:
    found = events("Novalia refused to sign up to the Portvale protocol on fishing.")
    assert [e.target for e in found if e.trigger == "sign"] == [None]


def test_a_named_talks_is_not_an_earlier_talks_again() -> None:
    text = (
        "Jon Varga held talks with Mara Lind in Seahold. "
        "Agreement in the Portvale development talks could help the fishermen, he said."
    )
    later = [e for e in events(text) if e.trigger == "talks" and e.trigger_span[0] > 50]
    assert all(e.source is None and e.target is None for e in later)


def test_what_a_deal_buys_is_no_party_acted_upon() -> None:
    found = events("The Seahold Shipping Company will finance the purchase of Harbour Air.")
    assert not [e for e in found if e.target is not None and e.target.id]
    found = events("The board of Seahold Shipping approved the takeover of Harbour Air.")
    assert not [e for e in found if e.type == "SUPPORT" and e.complete]


def test_a_poll_questioning_people_accuses_no_one() -> None:
    text = "The Seahold Times poll, which questioned 900 Novalian adults, found most undecided."
    assert not [e for e in events(text) if e.type == "ACCUSE"]


def test_gunning_for_someone_and_reinforcing_unity_are_figures() -> None:
    assert not events("The unions will be gunning for Jon Varga at the congress.")
    assert not [e for e in events("Mara Lind said Novalia needed to reinforce its own unity.")]
    assert [e.type for e in events("Novalia reinforced its troops on the border.")] == [
        "MOBILIZE"
    ]


def test_people_a_town_names_are_not_the_town() -> None:
    found = events("Novalia vowed to compensate Portvale victims of the storm.")
    assert [e.target.id for e in found if e.trigger == "compensate" and e.target] == [None]


def test_meeting_rules_and_clashing_with_a_speech_are_no_events() -> None:
    assert not events("Jon Varga said the minister would meet his fiscal rules.")
    text = "Mara Lind timed her news conference to clash with a speech by Jon Varga."
    assert not [e for e in events(text) if e.type == "ASSAULT"]


def test_releasing_supplies_frees_no_one() -> None:
    text = "Novalia is likely to release supplies from the Harbouria oil reserve."
    assert not [e for e in events(text) if e.type == "RETREAT"]


def test_denying_suggestions_rejects_no_one_named_in_them() -> None:
    text = "Jon Varga denied suggestions that the Seahold Times was up for sale."
    assert not [e for e in events(text) if e.type == "REJECT" and e.target is not None]


def test_what_is_conceded_is_no_party() -> None:
    found = events("Jon Varga conceded defeat on Wednesday.")
    assert [(e.type, e.target) for e in found] == [("CONCEDE", None)]


def test_the_party_warned_is_the_one_threatened() -> None:
    found = events("Novalia warned Harbouria it would retaliate.")
    assert [(e.type, e.target.id) for e in found if e.target] == [("THREATEN", "HBR")]


def test_warning_parties_against_a_course_is_advice() -> None:
    assert not events("The Harbour Union warned both parties against pandering to prejudice.")


def test_business_handovers_and_withdrawals_are_no_retreat() -> None:
    text = "Jon Varga handed over his entire stake in the Seahold Shipping Company to Mara Lind."
    assert not [e for e in events(text) if e.type == "RETREAT"]
    text = "The Seahold Shipping Company's withdrawal from the contract cost it dearly."
    assert not [e for e in events(text) if e.type == "RETREAT"]
    assert [e.type for e in events("Novalia handed over the prisoners to Harbouria.")] == [
        "RETREAT"
    ]


def test_a_gerund_made_an_offence_is_no_ones_act() -> None:
    text = (
        "Jon Varga rules for life. He has powers for life, while insulting the president "
        "and officials has been made a criminal offence."
    )
    assert not [e for e in events(text) if e.trigger == "insulting" and e.source is not None]


def test_a_currency_named_by_a_country_is_no_party() -> None:
    found = events("Novalia banned all cash transactions in Harbourian dollars in Seahold.")
    assert not [e for e in found if e.target is not None and e.target.id is not None]


def test_an_attack_on_a_matter_by_a_politician_is_criticism() -> None:
    found = events("Jon Varga launched an attack on the cost of Novalia's fishing policy.")
    assert [e.type for e in found if e.trigger == "attack"] == ["ACCUSE"]
    found = events("Rebels launched an attack on the pipeline.")
    assert [e.type for e in found if e.trigger == "attack"] == ["ASSAULT"]


def test_refusing_to_discuss_reports_is_refusing_to_speak() -> None:
    text = "Jon Varga refused to discuss reports that the Harbour Union had repaid the money."
    assert not [e for e in events(text) if e.type == "REJECT"]
