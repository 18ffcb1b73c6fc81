"""Wire-copy phrasing: agentless attacks, weapon subjects, places, purpose clauses,
stated intentions and threats, and the broader lexicon. Sentences are our own."""

from __future__ import annotations

import pytest
from sides import code_with_sectors
from sides import codes_and_sectors_of as side

from dyad.coding import EventCoder

pytestmark = pytest.mark.model

# Sector-only mentions the test name table does not know (the real resolver gives these).
SECTORS = {
    "civilians": "CVL",
    "people": "CVL",
    "protesters": "OPP",
    "soldiers": "MIL",
    "army": "MIL",
    "jihadists": "INS",
    "police": "COP",
    "journalists": "MED",
    "workers": "LAB",
    "farmers": "AGR",
}


@pytest.fixture(scope="module")
def code(nlp, to_mentions):
    coder = EventCoder()

    def run(text: str):
        candidates = code_with_sectors(coder, nlp, to_mentions, text, SECTORS)
        return [
            (c.event, side(c.actor), side(c.recipient), c.blocked, c.rule, c.confidence)
            for c in candidates
        ]

    return run


def coded(results, event=None):
    return [r[:3] for r in results if r[3] is None and (event is None or r[0] == event)]


# ---- 1. material conflict with known victims and no named attacker -------------
def test_agentless_killing_is_coded_with_the_unknown_actor(code):
    results = [r for r in code("At least seven civilians were killed over the previous day.") if r[3] is None]
    assert [r[:3] for r in results] == [("ASSAULT", "/UNK", "/CVL")]
    assert results[0][5] < 0.6 and "actor unknown" in results[0][4]


def test_verbal_types_have_the_unknown_actor_too(code):
    # issue 14: never dropped for want of a named actor (the annotation guide's UNK)
    assert coded(code("Ukraine was criticised over the weekend.")) == [("ACCUSE", "/UNK", "UKR")]


@pytest.mark.parametrize(
    "text",
    [
        "Twelve people were killed in a plane crash on Sunday.",
        "A fire in the market killed at least 40 people.",
        "Floods killed dozens of people in the south.",
    ],
)
def test_accidents_are_not_attacks(code, text):
    assert not coded(code(text)), code(text)


def test_joint_exercises_are_cooperation(code):
    results = coded(code("Russia and China began joint naval exercises on Monday."))
    assert [r[0] for r in results] == ["COOPERATE"]


def test_troops_for_peacekeeping_are_aid(code):
    assert coded(code("Japan is sending troops to the UN peacekeeping mission in Sudan."), "AID")


def test_mobilising_funds_is_not_mobilization(code):
    assert not coded(code("France is mobilising additional funds for the region."), "MOBILIZE")


def test_participle_describing_a_thing_is_not_an_agentless_event(code):
    assert not coded(code("The punishing sanctions imposed on Russia are hurting its economy."), "COERCE")


# ---- 2. weapon and attack nouns carry their attacker -----------------------------
@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        ("Ukrainian drone strikes killed at least 30 people.", "UKR/MIL", "/CVL"),
        ("Russian shelling killed two civilians in a village.", "RUS/MIL", "/CVL"),
        ("A US drone strike killed four people.", "USA/MIL", "/CVL"),
        ("Three civilians were killed in a Russian air strike overnight.", "RUS/MIL", "/CVL"),
        ("Two soldiers were killed by Russian shelling.", "RUS/MIL", "/MIL"),
    ],
)
def test_attacker_from_weapon_noun(code, text, actor, recipient):
    assert coded(code(text)) == [("ASSAULT", actor, recipient)]


# ---- 3. protest with a purpose clause ------------------------------------------
def test_march_to_demand_is_protest_and_request(code):
    results = coded(code("Thousands of protesters marched in the capital on Sunday to demand the departure of French troops."))
    assert ("PROTEST", "/OPP", "") in results
    assert ("REQUEST", "/OPP", "FRA") in results


# ---- 4. a participle consequence belongs to the main event -----------------------
def test_killing_participle_folds_into_the_attack(code):
    results = code("Suspected jihadists attacked an army post near the border on Friday, killing 12 soldiers.")
    assaults = [r for r in results if r[3] is None and r[0] == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0][1] == "/INS" and assaults[0][2] in ("/MIL",)
    assert "consequence: killing" in assaults[0][4]


# ---- 5. arrivals and trips abroad ---------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Antony Blinken arrived in Tel Aviv on Thursday.",
        "Antony Blinken landed in Tel Aviv late on Monday.",
        "Antony Blinken travelled to Tel Aviv for talks.",
    ],
)
def test_arrival_abroad_is_a_visit_to_the_place_country(code, text):
    assert coded(code(text)) == [("CONSULT", "USA/GOV", "ISR")]


def test_trip_at_home_is_not_a_visit(code):
    results = code("Emmanuel Macron flew to Paris on Tuesday.")
    assert not coded(results, "CONSULT")
    assert any(r[3] == "domestic travel" for r in results)


# ---- 6. recipients through "at" with a modifier ---------------------------------
def test_rockets_at_southern_place(code):
    assert coded(code("Iran fired dozens of rockets at southern Israel.")) == [("ASSAULT", "IRN", "ISR")]
    # an unnamed attacker: still an attack on a known recipient
    assert coded(code("Dozens of rockets were fired at southern Israel.")) == [("ASSAULT", "/UNK", "ISR")]


# ---- 7. recipients inside the object and from the spoken-of event ---------------
def test_call_for_cooperation_with(code):
    assert coded(code("Emmanuel Macron called for closer co-operation with Beijing.")) == [("REQUEST", "FRA/GOV", "CHN/GOV")]


def test_threat_takes_the_recipient_of_its_content(code):
    assert coded(code("Russia threatened to attack Ukraine.")) == [("THREATEN", "RUS", "UKR")]


# ---- 8. stated intentions and threats -------------------------------------------
def test_ready_to_open_is_agree(code):
    results = coded(code("Iran said it was ready to open the border crossing for aid."))
    assert [r[:2] for r in results] == [("AGREE", "IRN")]


def test_not_ready_is_blocked(code):
    assert not coded(code("Iran said it was not ready to open the crossing."), "AGREE")


def test_own_would_statement_of_sanction_is_a_threat(code):
    assert coded(code("Sergei Lavrov said that Moscow would take countermeasures.")) == [("THREATEN", "RUS/GOV", "")]


def test_others_prediction_is_not_a_threat(code):
    assert not coded(code("France said Russia would attack Ukraine."))


def test_vow_to_retaliate_is_a_threat(code):
    assert coded(code("Iran vowed to retaliate.")) == [("THREATEN", "IRN", "")]
    assert coded(code("Iran vowed revenge against Israel.")) == [("THREATEN", "IRN", "ISR")]


def test_conditional_harm_stated_by_its_own_side_is_a_threat(code):
    # The manual: ASSAULT + hypothetical is a THREATEN; the act itself is not coded. The
    # threat is against the party of its condition (recipient_in_clause).
    assert coded(code("Russia said it would retaliate if Nato sent troops.")) == [("THREATEN", "RUS", "IGO")]


# ---- 9. joining an alliance ----------------------------------------------------
def test_joining_nato_is_support(code):
    assert coded(code("Germany formally joined Nato in 1955.")) == [("SUPPORT", "DEU", "IGO")]


# ---- 10. the broader lexicon ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Police detained five journalists on Monday.", "COERCE"),
        ("Police took three journalists into custody.", "COERCE"),
        ("Police fired tear gas to break up the protests.", "ASSAULT"),  # CAMEO 175 is ASSAULT in the crosswalk
        ("Russia imposed sanctions on Japan.", "SANCTION"),  # CAMEO 163 → COERCE in the crosswalk
        ("France expelled two Russian diplomats.", "SANCTION"),
        ("Germany recalled its ambassador from Iran.", "SANCTION"),
        ("Russia deployed troops near Ukraine.", "MOBILIZE"),
        ("Pakistan put its forces on high alert.", "MOBILIZE"),
        ("Germany sent tanks to Ukraine.", "AID"),
        ("Japan delivered tents and blankets to Pakistan.", "AID"),
        ("Iran released two French prisoners.", "RETREAT"),
        ("Russia pulled out its troops from the town.", "RETREAT"),
        ("Israel reopened the border crossing for aid.", "RETREAT"),
        ("Russia vetoed the resolution.", "REJECT"),
        ("Iran ruled out talks with Israel.", "REJECT"),
        ("Workers began a general strike on Monday.", "PROTEST"),
        ("Hundreds of farmers rallied outside parliament.", "PROTEST"),
        ("Thousands of workers took to the streets.", "PROTEST"),
        ("Iran condemned the attack.", "ACCUSE"),
        ("China blamed Japan for the collision.", "ACCUSE"),
        ("France launched legal action against Iran.", "ACCUSE"),
        ("Russia warned Japan against the deployment.", "THREATEN"),
        ("China praised Pakistan for its efforts.", "SUPPORT"),
        ("Japan accepted an invitation from India.", "AGREE"),
        ("China hosted Emmanuel Macron in Beijing.", "CONSULT"),
        ("India shared intelligence with France.", "COOPERATE"),
        ("Russian troops stormed the village.", "ASSAULT"),
        ("Iran shelled positions near the border.", "ASSAULT"),
        ("Russia captured the town after weeks of fighting.", "COERCE"),
    ],
)
def test_wire_copy_triggers(code, text, event):
    assert coded(code(text), event), code(text)


def test_strike_noun_by_modifier(code):
    # dated, the strike is told as news; undated, "the strike drew condemnation" refers back to it
    assert coded(code("The Russian air strike on Kyiv on Tuesday drew condemnation."), "ASSAULT")
    assert not coded(code("The Russian air strike on Kyiv on Tuesday drew condemnation."), "PROTEST")


def test_dated_preposition_is_no_particle(code):
    assert not coded(code("Emmanuel Macron called Wang Yi on Wednesday."), "REQUEST")


def test_statement_speaks_for_its_author(code):
    assert coded(code("China issued a statement calling on Japan to withdraw.")) == [("REQUEST", "CHN", "JPN")]
