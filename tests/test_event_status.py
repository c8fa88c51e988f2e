"""The status of an event (tidings/events/status.py) on sentences written for the project, in
the made-up world of `actors_world.yaml`: refusals, talks about an act, the reason for a
threat, past references and prospective acts."""

from __future__ import annotations

from tests.test_events_rules import HARBOURIA, NOVALIA, events, of_type, sides
from tidings.events import Event


def by_trigger(found: list[Event], word: str) -> Event:
    matching = [e for e in found if e.trigger == word]
    assert matching, [(e.type, e.trigger) for e in found]
    return matching[0]


def test_a_refused_act_did_not_happen() -> None:
    found = events("Novalia has repeatedly refused to send peacekeepers to Harbouria.")
    send = by_trigger(found, "send")
    assert send.status == "negated"
    refusal = by_trigger(found, "refused")
    assert refusal.type == "REJECT" and refusal.status == "occurred"
    assert sides(refusal)[0] == NOVALIA


def test_a_refused_request_was_made() -> None:
    found = events("Harbouria refused a request from Novalia to open its ports.")
    request = [e for e in found if e.trigger == "request"]
    assert all(e.status != "negated" for e in request)


def test_refusing_to_lift_a_ban_leaves_the_ban() -> None:
    found = events("Harbouria refused to lift the ban on Novalian ships.")
    assert all(e.status != "negated" for e in found if e.trigger == "ban")


def test_an_act_under_negotiation_has_not_occurred() -> None:
    found = events("Harbouria and Novalia renewed negotiations on a troop withdrawal.")
    withdrawal = by_trigger(found, "withdrawal")
    assert withdrawal.status != "occurred"


def test_a_planned_act_has_not_occurred() -> None:
    found = events("Harbouria cancelled a planned visit to Novalia.")
    visit = by_trigger(found, "visit")
    assert visit.status == "hypothetical"


def test_the_act_a_threat_of_revenge_answers_stays_past() -> None:
    text = "The Tide Guard Corps vowed revenge for the killing of Qadir Solemani by Novalia."
    found = events(text)
    killing = by_trigger(found, "killing")
    assert killing.type == "ASSAULT" and killing.status in ("occurred", "claimed")
    assert killing.source is not None and killing.source.country == NOVALIA
    threat = next(e for e in found if e.type == "THREATEN")
    assert threat.source is not None and threat.source.country == HARBOURIA
    assert threat.target is not None and threat.target.country == NOVALIA


def test_a_past_reference_is_not_promised() -> None:
    text = "Harbouria vowed to punish those behind last week's attacks on Novalian soldiers."
    attacks = by_trigger(events(text), "attacks")
    assert attacks.status in ("occurred", "claimed")  # claimed: inside what Harbouria vowed


def test_next_weeks_talks_have_not_occurred() -> None:
    talks = by_trigger(events("Harbouria prepared for next week's talks with Novalia."), "talks")
    assert talks.status not in ("occurred", "claimed")


def test_a_cooperative_act_its_doer_will_not_do_is_a_refusal() -> None:
    release = by_trigger(events("Novalia will not release the Harbourian prisoners."), "release")
    assert release.type == "REJECT" and release.mode == "retreat"
    assert release.status == "occurred"
    assert sides(release) == (NOVALIA, HARBOURIA)
    assert release.cameo is not None and release.cameo.startswith("12")
    talks = by_trigger(events("Novalia failed to reach agreement with Harbouria."), "reach")
    assert talks.type == "REJECT" and sides(talks) == (NOVALIA, HARBOURIA)


def test_an_act_refused_by_a_word_of_refusal_stays_negated() -> None:
    found = events("Novalia refused to send aid to Harbouria.")
    assert by_trigger(found, "refused").type == "REJECT"
    send = by_trigger(found, "send")
    assert send.type == "AID" and send.status == "negated"


def test_would_in_reported_speech_is_the_future_seen_from_the_past() -> None:
    text = "Novalia announced it would boycott the summit hosted by Harbouria."
    boycott = by_trigger(events(text), "boycott")
    assert boycott.type == "THREATEN" and boycott.status == "threatened"
    release = by_trigger(
        events("Novalia said it would release the Harbourian prisoners."), "release"
    )
    assert release.type == "AGREE" and release.status == "promised"
    alone = by_trigger(events("Novalia would release the Harbourian prisoners."), "release")
    assert alone.status == "hypothetical"


def test_an_act_in_an_embedded_question_is_in_question() -> None:
    from tests.test_events_rules import events

    found = events("The inquiry is investigating whether Harbouria's minister helped Novalia.")
    helped = next(e for e in found if e.trigger == "helped")
    assert helped.status == "hypothetical"


def test_a_denial_over_a_promise_denies_it_and_nor_negates() -> None:
    from tests.test_events_rules import events

    found = events("The government denied reports that Harbouria is preparing to attack Novalia.")
    assert any(e.trigger == "attack" and e.status == "denied" for e in found)
    found = events("Harbouria does not want war, nor does it attack its neighbours.")
    assert all(e.status == "negated" for e in found if e.trigger == "attack")


def test_an_event_noun_takes_the_modal_of_the_verb_it_hangs_from() -> None:
    from tests.test_events_rules import events

    found = events("Harbouria should be starting the year with an apology to Novalia.")
    assert any(e.trigger == "apology" and e.status == "hypothetical" for e in found)


def test_an_act_planned_with_be_to_is_still_to_come() -> None:
    found = events("Tomas Brek is to visit Novalia next week.")
    visit = next(e for e in found if e.trigger == "visit")
    assert visit.status == "promised"


def test_a_purpose_and_a_reported_content_share_the_denial_over_them() -> None:
    found = events("Tomas Brek denied he met Mara Lind to discuss the border.")
    assert {e.trigger: e.status for e in found}["discuss"] == "denied"
    found = events("Tomas Brek denied a report claiming he threatened Novalia.")
    assert {e.trigger: e.status for e in found}["threatened"] == "denied"


def test_an_act_dated_after_publication_is_still_to_come() -> None:
    found = events("Tomas Brek travels to Novalia next month.", published="2021-03-03")
    assert [e.status for e in found if e.type == "CONSULT"] == ["promised"]
    found = events("Tomas Brek travelled to Novalia last month.", published="2021-03-03")
    assert [e.status for e in found if e.type == "CONSULT"] == ["occurred"]


def test_an_act_a_that_clause_demands_is_demanded() -> None:
    for text in (
        "Harbouria demanded that Novalia withdraw its troops.",
        "Harbouria insisted that Novalia withdraw its troops.",
    ):
        assert by_trigger(events(text), "withdraw").status == "demanded", text
    # a clause describing the object is no demand
    assert by_trigger(events("Harbouria called the talks positive."), "talks").status != "demanded"


def test_denying_an_act_is_no_rejection_and_a_denied_request_was_refused() -> None:
    found = events("Harbouria denied attacking Novalia.")
    assert by_trigger(found, "attacking").status == "denied"
    assert not any(e.type == "REJECT" for e in found)
    refused = by_trigger(events("The court denied the request by Novalia."), "denied")
    assert refused.type == "REJECT" and refused.status == "occurred"


def test_an_act_others_foresee_is_possible_and_one_not_yet_done_is_no_refusal() -> None:
    expected = by_trigger(events("Harbouria is expected to meet Novalia next week."), "meet")
    assert expected.status == "hypothetical" and sides(expected) == (HARBOURIA, NOVALIA)
    pending = by_trigger(events("Harbouria has yet to meet Novalia."), "meet")
    assert pending.type == "CONSULT" and pending.status == "negated"
    urged = by_trigger(events("Novalia was urged to release the prisoners."), "release")
    assert urged.source is not None and urged.source.country == NOVALIA


def test_a_report_of_what_another_must_do_is_a_demand_of_them() -> None:
    found = events("Harbouria said that Novalia must withdraw its troops.")
    request = by_trigger(found, "said")
    assert request.type == "REQUEST" and sides(request) == (HARBOURIA, NOVALIA)
    assert by_trigger(found, "withdraw").status == "demanded"
    # of oneself, or of a state rather than an act, no demand
    found = events("Harbouria said it must act.")
    assert not any(e.complete and e.type == "REQUEST" for e in found)
    found = events("Harbouria said Novalian workers should be able to rest.")
    assert not any(e.type == "REQUEST" for e in found)


def test_forces_sent_as_peacekeepers_are_aid() -> None:
    found = events("Harbouria sent 200 troops to Novalia on a peacekeeping mission.")
    sent = by_trigger(found, "sent")
    assert sent.type == "AID" and sent.cameo == "074" and sides(sent) == (HARBOURIA, NOVALIA)
    assert by_trigger(events("Harbouria sent 200 troops to Novalia."), "sent").type == "MOBILIZE"


def test_a_past_act_in_a_relative_clause_inside_a_condition_took_place() -> None:
    text = "If the deal Harbouria signed with Novalia last week goes through, prices will fall."
    assert by_trigger(events(text), "signed").status == "occurred"
    found = events("If Harbouria attacks Novalia, prices will rise.")
    assert by_trigger(found, "attacks").status == "hypothetical"


def test_what_a_thing_should_do_asks_no_one() -> None:
    found = events("The new port rules should help cut costs in Novalia, Tomas Kolar added.")
    assert not any(e.type == "REQUEST" and e.complete for e in found)
    held = events("The economy of Novalia should recover by May, the Harbour Bank report said.")
    assert not any(e.type == "REQUEST" and e.complete for e in held)


def test_a_verbs_own_should_is_no_demand_it_reports() -> None:
    found = events("Novalia should have said clearly to Harbouria that the talks had failed.")
    assert not any(e.type == "REQUEST" for e in found)


def test_what_a_class_of_people_should_do_asks_no_one() -> None:
    found = events("Companies should encourage their workers to vote, Tomas Kolar said.")
    assert not any(e.type == "REQUEST" and e.trigger == "said" and e.complete for e in found)
    named = events("Harbouria said Novalia must withdraw its troops.")
    assert any(e.type == "REQUEST" and e.complete for e in named)


def test_an_act_wanted_of_another_is_demanded_not_promised() -> None:
    found = events("The Harbour Union wants the government of Novalia to withdraw the troops.")
    withdraw = by_trigger(found, "withdraw")
    assert withdraw.status == "demanded" and withdraw.type != "AGREE"
    own = by_trigger(events("Novalia wants to withdraw its troops."), "withdraw")
    assert own.status == "promised"


def test_an_act_brought_to_an_end_does_not_happen() -> None:
    stopped = by_trigger(events("Novalia stopped shelling Harbouria on Monday."), "shelling")
    assert stopped.status == "negated"
    wanted = events("Harbouria wants Novalia to stop attacking the border.")
    assert by_trigger(wanted, "attacking").type != "THREATEN"


def test_an_act_the_text_only_alleges_is_claimed() -> None:
    found = events("Novalian troops allegedly killed two fishermen near Seahold.")
    assert by_trigger(found, "killed").status == "claimed"


def test_an_imperative_not_to_act_is_no_refusal() -> None:
    found = events('Mara Lind told Tomas Brek: "Please don\'t release the prisoners."')
    assert not [e for e in found if e.type == "REJECT"]


def test_an_act_someone_is_about_to_do_is_still_to_come() -> None:
    found = events("Tomas Brek is about to resign.")
    assert by_trigger(found, "resign").status == "promised"


def test_an_act_kept_from_happening_does_not_happen() -> None:
    found = events("The Harbour Union has been banned from suing Novalia.")
    assert by_trigger(found, "suing").status == "negated"


def test_a_present_act_dated_next_week_is_still_to_come_without_a_publication_date() -> None:
    found = events("Tomas Brek is travelling to Novalia next week.")
    assert [e.status for e in found if e.type == "CONSULT"] == ["promised"]


def test_what_a_party_should_have_is_no_demand() -> None:
    found = events("Mara Lind said Novalia should have sole rights to the name.")
    assert not [e for e in found if e.type == "REQUEST"]


def test_a_deal_a_party_is_trying_to_strike_is_not_yet_struck() -> None:
    found = events("Novalia is trying to strike a trade deal with Harbouria.")
    assert all(e.status != "occurred" for e in found if e.trigger == "strike")


def test_an_attack_someone_tried_is_an_act() -> None:
    found = events("Novalian troops tried to storm the port of Seahold.")
    assert by_trigger(found, "storm").status == "occurred"


def test_a_meetings_purpose_shares_its_future() -> None:
    found = events("Mara Lind will meet Tomas Brek to discuss the fishing dispute.")
    assert by_trigger(found, "discuss").status == "promised"


def test_a_coordinated_clause_with_its_own_subject_keeps_its_own_tense() -> None:
    text = 'Mara Lind said a delay would be "disastrous" and she accused Tomas Brek of lying.'
    found = events(text)
    assert by_trigger(found, "accused").status in ("occurred", "claimed")


def test_a_told_act_as_the_subject_of_a_condition_took_place() -> None:
    found = events("Harbouria could face penalties if the complaint by Novalia is upheld.")
    assert by_trigger(found, "complaint").status != "hypothetical"
    found = events("Novalia will respond if Harbouria attacks the port.")
    assert by_trigger(found, "attacks").status == "hypothetical"


def test_the_act_a_plan_or_a_pledge_names_is_still_to_come() -> None:
    found = events("Novalia made a pledge to withdraw its troops from Seahold.")
    assert by_trigger(found, "withdraw").status != "occurred"
    found = events("Harbouria made a threat to attack Seahold.")
    assert by_trigger(found, "attack").status == "threatened"


def test_what_claims_say_was_done_is_claimed_even_parsed_as_a_relative_clause() -> None:
    text = "Mara Lind hit back at Novalian claims she had used Tomas Brek as a human shield."
    found = events(text)
    assert by_trigger(found, "shield").status != "occurred"


def test_an_act_in_case_of_need_may_not_happen() -> None:
    text = "Novalian troops are on standby in case they need to evacuate citizens from Seahold."
    assert by_trigger(events(text), "evacuate").status == "hypothetical"


def test_being_happy_to_meet_is_an_intent() -> None:
    found = events("Mara Lind says she would be happy to meet Tomas Brek.")
    assert by_trigger(found, "meet").status == "promised"


def test_going_back_on_a_pledge_is_a_refusal_not_a_pledge() -> None:
    found = events("Mara Lind went back on a pledge to Tomas Brek to stand down.")
    pledge = by_trigger(found, "pledge")
    assert pledge.type == "REJECT" and pledge.status in ("occurred", "claimed")


def test_a_meeting_before_which_something_will_happen_is_still_to_come() -> None:
    found = events("Mara Lind will visit Seahold before chairing a meeting of the Harbour Union.")
    assert by_trigger(found, "meeting").status == "promised"


def test_a_meeting_due_to_take_place_is_still_to_come_and_stays_a_meeting() -> None:
    found = events("The meeting between Mara Lind and Tomas Brek is due to take place on Friday.")
    meeting = by_trigger(found, "meeting")
    assert meeting.type == "CONSULT" and meeting.status == "promised"
    found = events("The investigation by Novalia could take up to 18 months.")
    assert by_trigger(found, "investigation").status != "hypothetical"


def test_a_refusal_to_act_negates_the_act_and_is_a_fact_despite_a_future() -> None:
    text = "Novalia will act on fishing despite Harbouria's refusal to sign the treaty."
    found = events(text)
    assert by_trigger(found, "sign").status == "negated"
    assert by_trigger(found, "refusal").status == "occurred"


def test_a_past_act_said_not_to_have_happened_is_no_refusal() -> None:
    found = events("Officials in Seahold say Jon Varga did not resign.")
    assert [e.type for e in found] == ["CONCEDE"] and found[0].status == "negated"
    found = events("Novalia said it would not withdraw its troops.")
    assert [e.type for e in found] == ["REJECT"]


def test_a_measure_a_plan_would_end_stands() -> None:
    found = events("Jon Varga defended plans to end the Novalian arms embargo on Harbouria.")
    embargo = by_trigger(found, "embargo")
    assert embargo.type == "COERCE" and embargo.status in ("occurred", "claimed")


def test_what_something_does_not_mean_is_denied() -> None:
    text = "The withdrawal did not mean that Novalia had cut its ties with Harbouria."
    assert by_trigger(events(text), "cut").status == "denied"


def test_going_to_the_country_amid_a_strike_is_an_election() -> None:
    text = "Jon Varga had gone to the country for a fresh mandate amid a miners' strike."
    assert not [e for e in events(text) if e.trigger == "gone"]


def test_an_act_hoped_of_another_is_asked_and_ones_own_is_intended() -> None:
    release = by_trigger(events("Jon Varga hopes Novalia will release the fishermen."), "release")
    assert release.status == "demanded"
    meet = by_trigger(events("Novalia hopes to meet Harbouria next week."), "meet")
    assert meet.status == "promised"


def test_an_act_judged_wrong_is_not_an_act_to_come() -> None:
    found = events("Jon Varga said it was wrong to put Harbouria under an arms embargo.")
    embargo = by_trigger(found, "embargo")
    assert embargo.status not in ("promised", "threatened")
    assert embargo.type != "THREATEN"


def test_should_not_ignore_is_advice_and_no_threat() -> None:
    found = events("Jon Varga said Harbouria should not ignore the warnings from Novalia.")
    assert all(e.type != "THREATEN" for e in found if e.trigger == "ignore")


def test_a_clause_before_a_semicolon_is_not_governed_by_the_next() -> None:
    found = events(
        "World leaders denounce the Novalian test; Jon Varga and others vow consequences."
    )
    assert by_trigger(found, "denounce").status not in ("promised", "threatened")


def test_no_one_as_the_subject_negates_the_act() -> None:
    found = events("No one from the Harbourian ministry released the prisoners.")
    assert by_trigger(found, "released").status == "negated"


def test_what_one_apologises_for_took_place() -> None:
    text = "Mara Lind called on Jon Varga to apologize to Tomas Brek for accusing him of lying."
    accusing = by_trigger(events(text), "accusing")
    assert accusing.status not in ("demanded", "promised")
    assert accusing.target is not None and accusing.target.name == "Tomas Brek"


def test_an_act_someone_is_asked_to_stop_goes_on() -> None:
    asked = by_trigger(
        events("Mara Lind called on Novalia to stop attacking Harbouria."), "attacking"
    )
    assert asked.status != "negated"
    stopped = by_trigger(events("Novalia stopped attacking Harbouria."), "attacking")
    assert stopped.status == "negated"


def test_no_chance_of_an_act_rules_it_out_and_refuses_nothing() -> None:
    found = events("There is absolutely no chance Harbouria will withdraw its troops from Novalia.")
    withdraw = by_trigger(found, "withdraw")
    assert withdraw.status == "negated" and withdraw.type != "REJECT"


def test_an_act_one_will_respond_to_if_it_comes_is_only_possible() -> None:
    found = events("Novalia declared that it will respond to a Harbourian attack on Portvale.")
    attack = by_trigger(found, "attack")
    assert attack.status == "hypothetical" and attack.type == "ASSAULT"


def test_strikes_that_could_do_harm_are_only_possible() -> None:
    text = "Novalia warned that Harbourian air strikes against Portvale could do serious harm."
    assert by_trigger(events(text), "strikes").status == "hypothetical"
    known = "Mara Lind said the agreement would help Novalia."
    assert all(e.status != "hypothetical" for e in events(known) if e.trigger == "agreement")


def test_an_act_not_allowed_is_negated() -> None:
    found = events("Novalia did not allow Harbouria to attack the port.")
    assert by_trigger(found, "attack").status == "negated"


def test_a_refusal_the_writer_only_supposes_is_only_possible() -> None:
    found = events("The Novalian government probably wouldn't give in to Harbouria.")
    refusal = of_type(found, "REJECT")
    assert refusal.status == "hypothetical"
    stated = of_type(events("Novalia will not give in to Harbouria."), "REJECT")
    assert stated.status != "hypothetical"


def test_a_coordinated_verb_with_its_own_auxiliary_is_not_under_the_first_ones_cue() -> None:
    text = "Novalia attempted to cut the subsidies, but was forced to back down after protests."
    backed = by_trigger(events(text), "back")
    assert backed.status == "occurred"


def test_what_a_report_the_text_calls_false_says_is_denied() -> None:
    found = events("Jon Varga said the advert wrongfully suggests that Novalia supports Mara Lind.")
    assert by_trigger(found, "supports").status == "denied"
    plain = events("Jon Varga said the advert suggests that Novalia supports Mara Lind.")
    assert by_trigger(plain, "supports").status != "denied"


def test_a_clause_joined_by_but_with_its_own_subject_keeps_its_own_status() -> None:
    text = (
        "Novalia is trying to make political hay out of this, but the facts are that Mara "
        "Lind cooperated fully with Harbouria."
    )
    cooperated = next(e for e in events(text) if e.trigger == "cooperated")
    assert cooperated.type == "COOPERATE" and cooperated.status != "promised"


def test_a_deployment_to_come_with_no_party_aimed_at_is_no_threat() -> None:
    planned = events("Harbouria plans to deploy 45,000 marines to the region.")
    deploy = next(e for e in planned if e.trigger == "deploy")
    assert (deploy.type, deploy.status) == ("MOBILIZE", "promised")
    aimed = events("Harbouria will deploy troops to Novalia.")
    assert next(e for e in aimed if e.trigger == "deploy").type == "THREATEN"


def test_a_claim_dismissed_without_that_is_denied() -> None:
    text = "Mara Lind dismissed the claim she had reneged on a promise to Novalia as old news."
    reneged = next(e for e in events(text) if e.trigger == "reneged")
    assert reneged.status == "denied"


def test_an_act_a_negated_copula_says_is_not_ones_job_is_not_done() -> None:
    text = "Harbouria said it was not its intention to attack Novalia."
    attack = next(e for e in events(text) if e.trigger == "attack")
    assert attack.status == "negated"


def test_an_act_refrained_from_did_not_happen() -> None:
    attack = of_type(events("Harbouria refrained from attacking Novalia."), "ASSAULT")
    assert attack.status == "negated"
