"""Event words that report no event, one class each, on sentences written for the project (the
made-up world of `actors_world.yaml`), with the shipped lexicon and non-event data; and the
discard phrases and the CAMEO conversion script on tiny invented inputs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.test_events_rules import events
from tidings.errors import ConfigError
from tidings.events.nonevents import read_discards, read_nonevents

ROOT = Path(__file__).resolve().parent.parent


def types_and_triggers(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.trigger) for e in events(text)]


# --- names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The Harbourian Strike Force patrolled the coast on Monday.", "Strike"),
        ("Fighters of the Popular Mobilization Forces arrived in Novalia.", "Mobilization"),
        ("Jon Varga met the commander of the Rapid Support Forces.", "Support"),
    ],
)
def test_an_event_word_inside_a_name_is_no_event(text: str, word: str) -> None:
    assert word not in [trigger for _, trigger in types_and_triggers(text)]


def test_the_same_word_outside_a_name_still_is_an_event() -> None:
    assert ("ASSAULT", "strike") in types_and_triggers("Harbouria launched a strike on Novalia.")


# --- descriptors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Novalia freed the jailed leader's brother on Monday.", "jailed"),
        ("The coup leader spoke to Harbourian television.", "coup"),
        ("Novalia welcomed aid workers from Harbouria.", "aid"),
        ("The protest movement elected a new chairman.", "protest"),
    ],
)
def test_a_descriptor_is_no_event(text: str, word: str) -> None:
    assert word not in [trigger for _, trigger in types_and_triggers(text)]


def test_a_compound_on_a_force_still_is_an_event() -> None:
    found = types_and_triggers("Harbouria deployed a peacekeeping force to Novalia.")
    assert any(kind == "AID" for kind, _ in found), found


# --- verbal and figurative senses --------------------------------------------------------


def test_an_attack_on_pledges_is_criticism_not_assault() -> None:
    found = types_and_triggers("Jon Varga attacked the Novalian pledges as vacuous.")
    assert ("ACCUSE", "attacked") in found
    assert not any(kind == "ASSAULT" for kind, _ in found)


def test_an_attack_on_a_town_stays_an_assault() -> None:
    assert ("ASSAULT", "attacked") in types_and_triggers("Harbouria attacked the town.")


def test_destroying_illusions_is_no_event() -> None:
    found = types_and_triggers("The Harbourian vote destroyed the illusions of Novalia.")
    assert not any(kind == "ASSAULT" for kind, _ in found), found


# --- senses that need the right object ---------------------------------------------------


def test_bases_hosting_troops_is_no_meeting() -> None:
    found = types_and_triggers("Novalia has bases hosting Harbourian troops.")
    assert not any(kind == "CONSULT" for kind, _ in found), found


def test_hosting_a_visitor_is_a_meeting() -> None:
    found = types_and_triggers("Harbouria hosted Jon Varga in its capital on Monday.")
    assert any(kind == "CONSULT" for kind, _ in found), found


def test_evidence_supporting_a_claim_is_no_support() -> None:
    found = types_and_triggers("Novalia has no evidence to support the claim.")
    assert not any(kind == "SUPPORT" for kind, _ in found), found


def test_supporting_a_party_is_support() -> None:
    assert any(k == "SUPPORT" for k, _ in types_and_triggers("Harbouria supported Novalia."))


def test_striking_workers_protest() -> None:
    found = types_and_triggers("Dock workers in Novalia struck for higher pay on Monday.")
    assert ("PROTEST", "struck") in found
    assert not any(kind == "ASSAULT" for kind, _ in found)


# --- discard phrases ---------------------------------------------------------------------


def test_a_discard_phrase_drops_its_sentence_only() -> None:
    text = (
        "Harbouria beat Novalia in the snooker final on Monday. "
        "Harbouria attacked Novalia on Tuesday."
    )
    found = types_and_triggers(text)
    assert found == [("ASSAULT", "attacked")]


def test_discard_phrases_read_whole_words() -> None:
    shipped = (ROOT / "tidings/data/events/nonevents/nonevents.yaml").read_text("utf-8")
    nonevents = read_nonevents(
        shipped, "n.yaml", "phrase\tscope\nbowling\tsentence\ngroup a_\tsentence\n"
    )
    pattern = nonevents.sentence_discards
    assert pattern is not None
    assert pattern.search("fast bowling spell")
    assert pattern.search("they lead Group A.")
    assert not pattern.search("they lead Group Alpha.")
    assert not pattern.search("snowbowling")


def test_a_broken_discard_line_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="line 2"):
        read_discards("phrase\tscope\nhockey\tmatch\n", "d.tsv")


# --- the conversion script ---------------------------------------------------------------

CROSSWALK = """# invented crosswalk
04: CONSULT
040: CONSULT, ,  # Consult
042: CONSULT, visit,   # Make a visit
19: ASSAULT
190: ASSAULT, , military # Use force
11: ACCUSE
111: ACCUSE, disapprove,    # Criticize
"""

PATTERNS = """# invented patterns
####### SYNONYM SETS #######

&PACT
+TREATY
+ACCORD

####### VERB PATTERNS #######

--- ASSAIL [190] ---
ASSAIL {ASSAILS ASSAILED}
BATTER
- * + POLICIES [111]  # ASSAIL
- * &PACT WITH + [111]  # ASSAIL
- SAID + * [190]  # needs a word before the verb
- * GAME [---]  # no event
--- CALL_ON [042] ---
VISIT
- * + IN CAPITAL [042]
- * NOTHING [010]  # unmapped code
"""

DISCARDS = """# invented discards
SNOOKER   # sport
+GOALKEEPER
1999
WEEKS AGO
"""


def _converter() -> object:
    spec = importlib.util.spec_from_file_location(
        "convert_cameo_verbs", ROOT / "scripts" / "convert_cameo_verbs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["convert_cameo_verbs"] = module
    spec.loader.exec_module(module)
    return module


def test_the_conversion_script_on_invented_files(tmp_path: Path) -> None:
    shared = tmp_path / "knowledge"
    (shared / "plover").mkdir(parents=True)
    (shared / "petrarch2").mkdir()
    (shared / "plover" / "CAMEO2PLOVER-2021.txt").write_text(CROSSWALK)
    (shared / "petrarch2" / "CAMEO.verbpatterns.150430.txt").write_text(PATTERNS)
    (shared / "petrarch2" / "Phoenix.discards.txt").write_text(DISCARDS)
    out = tmp_path / "out"
    converter = _converter()
    counts = converter.convert(shared, out)  # type: ignore[attr-defined]
    assert counts["verbs"] == 3
    verbs = (out / "verbs.tsv").read_text().splitlines()
    assert "assail\t190\tASSAULT\t\tASSAIL" in verbs
    assert "visit\t042\tCONSULT\tvisit\tCALL_ON" in verbs
    patterns = (out / "patterns.tsv").read_text().splitlines()[1:]
    # "* + POLICIES": the target is the direct object and the object word is "policy";
    # "* &PACT WITH +": the synonym set's words, the target the object of "with".
    assert "ASSAIL\tpolicy\t111\tACCUSE\tdisapprove\tdobj\t" in patterns
    assert "ASSAIL\taccord,treaty\t111\tACCUSE\tdisapprove\tprep:with\t" in patterns
    assert "CALL_ON\tcapital\t042\tCONSULT\tvisit\tdobj\t" in patterns
    assert len(patterns) == 3  # no word before the verb, no [---], no unmapped code
    discards = (out / "discards.tsv").read_text().splitlines()[1:]
    assert discards == ["goalkeeper\tstory", "snooker\tsentence"]
    crosswalk = (out / "crosswalk.tsv").read_text().splitlines()
    assert "02\tREQUEST\t\t\tcodebook" in crosswalk
    assert "190\tASSAULT\t\tmilitary\tcrosswalk" in crosswalk
    attribution = (out / "ATTRIBUTION.md").read_text()
    assert "MIT License" in attribution and "Attribution-ShareAlike 4.0" in attribution


# --- dates, conditions, bodies -----------------------------------------------------------


def test_an_event_word_inside_a_date_is_no_event() -> None:
    found = types_and_triggers("Harbouria attacked Novalia on March 28.")
    assert ("ASSAULT", "attacked") in found
    assert not any(trigger == "March" for _, trigger in found), found


def test_a_state_of_siege_or_the_risk_of_war_is_no_attack() -> None:
    found = types_and_triggers("Harbouria declared a state of siege in Novalia.")
    assert not any(kind == "ASSAULT" for kind, _ in found), found
    found = types_and_triggers("Novalia warned of the risk of war with Harbouria.")
    assert not any(trigger == "war" for _, trigger in found), found


def test_an_aid_convoy_is_no_aid_event_by_itself() -> None:
    found = types_and_triggers("Harbourian soldiers stopped an aid convoy near the border.")
    assert not any(kind == "AID" for kind, _ in found), found


def test_a_call_to_congratulate_is_no_request() -> None:
    text = "Jon Varga called the Novalian president on Friday to congratulate him."
    found = types_and_triggers(text)
    assert not any(kind == "REQUEST" for kind, _ in found), found


@pytest.mark.parametrize(
    ("text", "kind", "trigger"),
    [
        ("Harbouria closed its border with Novalia.", "COERCE", "closed"),
        ("Novalia suspended publication of the Harbour Times.", "COERCE", "suspended"),
        ("Harbouria suspended aid to Novalia in protest at the arrests.", "SANCTION", "suspended"),
        ("Harbouria reduced tariffs on Novalian goods.", "RETREAT", "reduced"),
        ("Harbouria announced a cease-fire with Novalia.", "RETREAT", "fire"),
        ("Harbouria gave medical equipment to Novalia.", "AID", "gave"),
        ("Rebels held Novalian civilians as human shields.", "ASSAULT", "shields"),
    ],
)
def test_a_sense_fixed_by_its_object(text: str, kind: str, trigger: str) -> None:
    assert (kind, trigger) in types_and_triggers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Novalia arrested Jon Varga on charges of sedition.", "charges"),
        ("Harbouria jailed the mayor over allegations of fraud.", "allegations"),
        ("Jon Varga met a visiting Novalian diplomat.", "visiting"),
    ],
)
def test_grounds_and_party_participles_are_no_events(text: str, word: str) -> None:
    assert word not in [trigger for _, trigger in types_and_triggers(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Harbouria sent food to meet the needs of Novalian refugees.", "CONSULT"),
        ("Novalia pledged money to fight the epidemic.", "ASSAULT"),
        ("The Harbourian alliance agreed to expand its mission.", "COOPERATE"),
        ("Two people were killed near an election rally in Novalia.", "PROTEST"),
    ],
)
def test_a_sense_undone_by_its_object_or_its_use(text: str, kind: str) -> None:
    found = types_and_triggers(text)
    assert not any(k == kind for k, _ in found), found


def test_joining_an_alliance_still_is_cooperation() -> None:
    found = types_and_triggers("Novalia joined the alliance with Harbouria.")
    assert any(kind == "COOPERATE" for kind, _ in found), found


# --- an event's CAMEO code follows its type ----------------------------------------------


def test_a_threatened_attack_takes_a_threat_code() -> None:
    found = events("Harbouria will attack Novalia if the talks fail.")
    threats = [e for e in found if e.type == "THREATEN"]
    assert threats, [(e.type, e.trigger) for e in found]
    assert all(e.cameo is not None and e.cameo.startswith("13") for e in threats)


def test_a_promised_withdrawal_takes_an_intent_code() -> None:
    found = events("Harbouria is willing to withdraw its troops from Novalia.")
    intents = [e for e in found if e.type == "AGREE"]
    assert intents, [(e.type, e.trigger) for e in found]
    assert all(e.cameo is not None and e.cameo.startswith("03") for e in intents)


def test_the_grounds_of_an_arrest_are_no_act() -> None:
    found = types_and_triggers("Novalia arrested Jon Varga for collaborating with Harbouria.")
    assert ("COERCE", "arrested") in found
    assert not any(kind == "COOPERATE" for kind, _ in found), found


def test_a_name_opening_the_sentence_is_still_a_name() -> None:
    found = types_and_triggers("Amnesty International accused Novalia of torture.")
    assert not any(trigger == "Amnesty" for _, trigger in found), found


def test_a_peacekeeping_force_is_a_body_not_an_event() -> None:
    from tests.test_events_rules import events

    found = events("Harbouria demanded that the Novalian peacekeeping force leave the port.")
    assert not any(e.trigger == "peacekeeping" for e in found)


# --- questions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Asked about the plan, the Harbourian minister said it would work.",
        "The Harbourian minister asked whether Novalia would pay.",
        "Harbouria asked Novalia about the border.",
    ],
)
def test_a_question_is_no_request(text: str) -> None:
    assert "REQUEST" not in [kind for kind, _ in types_and_triggers(text)]


def test_a_request_still_is_one() -> None:
    assert ("REQUEST", "asked") in types_and_triggers("Harbouria asked Novalia for help.")


def test_a_politicians_offensive_on_a_rival_is_criticism() -> None:
    found = types_and_triggers("Tomas Brek went on the offensive against Mara Lind.")
    assert ("ACCUSE", "offensive") in found


def test_conceding_a_point_is_no_concession() -> None:
    found = types_and_triggers("Harbouria conceded that the talks had failed.")
    assert "CONCEDE" not in [kind for kind, _ in found]
    assert ("CONCEDE", "accepted") in types_and_triggers("Harbouria accepted the demands.")



def test_allowing_someone_to_act_is_an_act_not_a_point() -> None:
    assert "RETREAT" not in [k for k, _ in types_and_triggers("Harbouria allowed that it failed.")]
    found = types_and_triggers("Harbouria allowed UN inspectors to enter the port.")
    assert ("RETREAT", "allowed") in found


def test_support_measured_among_voters_is_no_act() -> None:
    found = types_and_triggers("Support among voters for the Harbourian plan fell.")
    assert "SUPPORT" not in [kind for kind, _ in found]


def test_a_disaster_kills_no_one_by_assault() -> None:
    text = "Hurricane Lorna hit Novalia in May. Lorna killed about 300 people."
    assert "ASSAULT" not in [kind for kind, _ in types_and_triggers(text)]
    quake = "The earthquake killed 300 people in Port Lavelle."
    assert "ASSAULT" not in [kind for kind, _ in types_and_triggers(quake)]


def test_trying_to_act_is_no_request() -> None:
    found = types_and_triggers("Harbouria is seeking to buy the port.")
    assert "REQUEST" not in [kind for kind, _ in found]
    assert ("REQUEST", "sought") in types_and_triggers("Harbouria sought help from Novalia.")


def test_hosting_a_speech_is_no_meeting() -> None:
    found = types_and_triggers("The Novalian agency will host Tomas Brek's speech on Friday.")
    assert not [kind for kind, _ in found if kind in ("CONSULT", "AGREE")]


def test_a_proposal_or_offer_without_a_light_verb_is_a_document() -> None:
    found = types_and_triggers("Harbouria published its proposals for Port Lavelle.")
    assert "AGREE" not in [kind for kind, _ in found]
    made = types_and_triggers("Harbouria made an offer of talks to Novalia.")
    assert ("AGREE", "offer") in made


def test_complying_with_a_law_is_no_concession_and_dismissing_as_is_criticism() -> None:
    assert "CONCEDE" not in [k for k, _ in types_and_triggers("Harbouria complied with the law.")]
    found = types_and_triggers("Tomas Brek dismissed Mara Lind as a fading force.")
    assert ("ACCUSE", "dismissed") in found


def test_a_caution_is_no_threat_but_a_warning_of_harm_is() -> None:
    found = types_and_triggers("Mara Lind warned Tomas Brek that the plan could be illegal.")
    assert "THREATEN" not in [kind for kind, _ in found]
    harm = types_and_triggers("Harbouria warned Novalia that it would attack its ports.")
    assert "THREATEN" in [kind for kind, _ in harm]


def test_returning_with_nothing_returned_is_no_retreat() -> None:
    found = types_and_triggers("Tomas Brek is returning to advise the Harbour Party.")
    assert "RETREAT" not in [kind for kind, _ in found]
    assert ("RETREAT", "returned") in types_and_triggers("Harbouria returned the paintings.")


def test_conceding_there_is_a_problem_states_a_point() -> None:
    found = types_and_triggers("Mara Lind conceded there were grey areas.")
    assert "CONCEDE" not in [kind for kind, _ in found]


def test_declining_to_comment_is_no_rejection() -> None:
    found = types_and_triggers("Tomas Brek declined to comment on the reports.")
    assert "REJECT" not in [kind for kind, _ in found]
    refusal = types_and_triggers("Harbouria refused to discuss the border with Novalia.")
    assert "REJECT" in [kind for kind, _ in refusal]


def test_a_figure_dropping_and_a_town_visited_for_a_thing_are_no_events() -> None:
    assert not types_and_triggers("Fraud in Harbouria dropped by a fifth last year.")
    visit = [e for e in events("Mara Lind visited slums in the Novalian capital.")]
    assert all(e.target is None for e in visit if e.type in ("CONSULT", "AGREE"))


def test_a_power_or_right_to_act_is_no_act_unless_used() -> None:
    assert not types_and_triggers("The plans give the police the power to detain suspects.")
    used = types_and_triggers("The police used their power to detain the protesters.")
    assert "COERCE" in [kind for kind, _ in used]


def test_a_verb_entered_as_intransitive_is_another_sense_with_an_object() -> None:
    found = events("Harbouria must demonstrate to voters that it can govern.")
    assert not any(e.type == "PROTEST" for e in found)
    found = events("Critics said the plan is compromising Novalia's independence.")
    assert not any(e.trigger == "compromising" for e in found)
    found = events("Thousands demonstrated against Harbouria's plan.")
    assert any(e.type == "PROTEST" for e in found)


def test_hiring_and_billing_are_no_mobilisation_and_no_charge() -> None:
    found = events("Mr Tomas Kolar was recruited by Novalia's largest bank and charges a fee.")
    assert not any(e.type in ("MOBILIZE", "ACCUSE") for e in found)
    found = events("The Lantern Force recruited hundreds of fighters.")
    assert any(e.type == "MOBILIZE" for e in found)


def test_a_firm_leaving_a_market_or_returning_cash_is_business() -> None:
    found = events("The Harbour Shipping Company said it would quit the ferry market.")
    assert not any(e.type == "CONCEDE" for e in found)
    found = events("Investors want the Harbour Shipping Company to return cash to shareholders.")
    assert not any(e.trigger == "return" for e in found)


def test_legal_action_against_a_party_is_an_accusation() -> None:
    found = events("Harbouria launched legal action against Novalia over the port fees.")
    action = next(e for e in found if e.trigger == "action")
    assert action.type == "ACCUSE" and action.complete


def test_burning_a_flag_is_a_protest() -> None:
    found = events("Protesters in Port Lavelle burned the Novalian flag.")
    assert any(e.type == "PROTEST" for e in found)


def test_a_strike_by_workers_is_a_labour_protest() -> None:
    found = types_and_triggers("The dock workers of Port Lavelle called off the strike.")
    assert ("PROTEST", "strike") in found and ("ASSAULT", "strike") not in found
    raid = types_and_triggers("The Tide Guard Corps carried out a strike on the port.")
    assert ("ASSAULT", "strike") in raid


def test_an_act_said_not_to_exist_is_no_refusal() -> None:
    found = types_and_triggers("There was no treaty between Harbouria and Novalia.")
    assert found == []
    text = "Harbouria now accepts that the port is closed, and its lawyer told reporters so."
    assert "AGREE" not in [kind for kind, _ in types_and_triggers(text)]


def test_an_event_noun_in_an_idiom_is_no_event() -> None:
    assert types_and_triggers("Tomas Kolar takes charge at the Harbour Bank in May.") == []
    found = types_and_triggers("The ministry announced the review via press release.")
    assert "RETREAT" not in [kind for kind, _ in found]


def test_a_firms_acts_on_its_own_trade_are_business() -> None:
    text = "The Harbour Shipping Company will halt its flights to Port Lavelle from March."
    assert "SANCTION" not in [kind for kind, _ in types_and_triggers(text)]
    state = types_and_triggers("Harbouria halted flights to Novalia.")
    assert ("SANCTION", "halted") in state


def test_a_warning_about_a_danger_is_a_caution_not_a_threat() -> None:
    found = events("Harbourian lawmakers warned Mara Lind about the dangers of disunity.")
    assert not [e for e in found if e.type == "THREATEN"]
    threat = events("Novalia warned Harbouria of consequences.")
    assert [e for e in threat if e.type == "THREATEN"]


def test_a_particle_standing_as_a_preposition_is_no_phrasal_verb() -> None:
    found = events("Novalia's plans to give all children lessons in schools have failed.")
    assert not [e for e in found if e.type == "CONCEDE"]
    conceded = events("Novalia gave in to the demands of the strikers.")
    assert [e for e in conceded if e.type == "CONCEDE"]


def test_an_event_noun_that_only_characterises_is_no_event() -> None:
    from tests.test_events_rules import events

    text = 'Mara Lind cut the fishing quota, in a move branded a "humiliating retreat" by Novalia.'
    assert not [e for e in events(text) if e.trigger == "retreat"]
    found = events("This announcement is a retreat by Harbouria.")
    assert not [e for e in found if e.type == "RETREAT"]


def test_a_licence_granted_to_a_firm_is_business() -> None:
    from tests.test_events_rules import events

    found = events("The Novalian government granted the Seahold Shipping Company a licence.")
    assert not [e for e in found if e.type == "CONCEDE"]


def test_what_someone_should_know_is_no_demand() -> None:
    from tests.test_events_rules import events

    found = events("Mara Lind said Tomas Brek should know by now that the port is closed.")
    assert not [e for e in found if e.type == "REQUEST"]


def test_refusing_to_deny_or_publish_is_no_rejection_of_a_party() -> None:
    from tests.test_events_rules import events

    found = events("Mara Lind refused to publish Tomas Brek's advice on the port.")
    assert not [e for e in found if e.type == "REJECT" and e.complete]
    found = events("Novalia refused to discuss the dispute with Harbouria.")
    assert [e for e in found if e.type == "REJECT"]
