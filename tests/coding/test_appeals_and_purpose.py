"""Calls for another party to act, appeals, engaging in a fight, and a purpose
infinitive of the same event (issue 13, PETR2/ConfliBERT wording). Sentences are our own."""

from __future__ import annotations

import pytest
from sides import code_with_sectors
from sides import codes_and_sectors_of as side

from dyad.coding import EventCoder

pytestmark = pytest.mark.model

SECTORS = {"rebels": "REB", "peacekeepers": "MIL", "lawmakers": "LEG"}


@pytest.fixture(scope="module")
def code(nlp, to_mentions):
    coder = EventCoder()

    def run(text: str):
        candidates = code_with_sectors(coder, nlp, to_mentions, text, SECTORS)
        return [(c.event, side(c.actor), side(c.recipient), c.rule) for c in candidates if c.blocked is None]

    return run


def test_called_for_a_party_to_act_is_a_request_and_the_act_is_not_coded(code):
    # "for" marks the clause asked for: the withdrawal has not happened
    results = code("France called for Russia to withdraw its troops from the border.")
    assert [r[:3] for r in results] == [("REQUEST", "FRA", "RUS")]
    assert "mode yield: asks 'withdraw'" in results[0][3]  # the manual's mode: what is asked


def test_the_one_asked_is_the_recipient_not_the_one_to_be_helped(code):
    assert [r[:3] for r in code("France is asking Germany to help Iran.")] == [("REQUEST", "FRA", "DEU")]


@pytest.mark.parametrize(
    "text",
    ["Germany pushed for Iran to accept the plan.", "Germany has pressed for talks with Iran.", "Germany lobbied for Iran to join the treaty."],
)
def test_pushing_for_is_a_request(code, text):
    assert [r[:3] for r in code(text)] == [("REQUEST", "DEU", "IRN")]


def test_launching_an_appeal_is_a_request_for_aid(code):
    results = code("Egypt launched an appeal for $50 million in food aid on Monday.")
    assert [r[:2] for r in results] == [("REQUEST", "EGY")]
    assert "launch +appeal" in results[0][3]


def test_engaging_a_party_in_a_firefight_is_an_assault_on_it(code):
    results = code("Russian rebels engaged Ukrainian peacekeepers in a firefight near the border on Sunday.")
    assert [r[:3] for r in results] == [("ASSAULT", "/REB", "/MIL")]
    assert "recipient: object" in results[0][3]


def test_a_meeting_to_discuss_is_one_meeting(code):
    results = code("Sergei Lavrov met with Wang Yi on Tuesday to discuss trade.")
    assert [r[:3] for r in results] == [("CONSULT", "RUS/GOV", "CHN/GOV")]
    assert "purpose: discuss" in results[0][3]


def test_an_infinitive_of_another_actor_stays_its_own_event(code):
    # "urged Britain to press Iran": Britain's own request is not folded into Germany's
    results = code("Germany urged Britain to press Iran to release the sailors.")
    assert ("REQUEST", "DEU", "GBR") in [r[:3] for r in results]


def test_cooperation_its_own_side_says_it_would_do_is_agree(code):
    # the rules code what the scorer path codes: "said it would" is a stated intention (future)
    results = code("Israel announced it would release 150 prisoners to Egypt.")
    assert [r[:3] for r in results] == [("AGREE", "ISR", "EGY")]
    assert "own stated intent (modality: would) → AGREE" in results[0][3]


def test_what_others_say_a_party_would_do_is_no_promise(code):
    assert code("Egypt said Israel would release 150 prisoners.") == []


def test_an_attributive_participle_is_a_state_not_an_act(code):
    # "Israeli-occupied": the parser's amod participle; the withdrawal is the event
    results = code("Russian troops withdrew from the Ukrainian to the Israeli-occupied sector of the border on Monday.")
    assert [r[0] for r in results] == ["RETREAT"]


@pytest.mark.parametrize(
    ("text", "event"),
    [("Ukraine received weapons from Germany.", "AID"), ("Ukraine has received assurances from Germany.", "AGREE")],
)
def test_the_giver_of_what_was_received_is_the_actor(code, text, event):
    results = code(text)
    assert [r[:3] for r in results] == [(event, "DEU", "UKR")]
    assert "actor: giver (from); recipient: receiver (subject)" in results[0][3]


@pytest.mark.parametrize("text", ["The FLA will not release the hostages to France.", "The FLA has declined to release the hostages to France."])
def test_a_refusal_by_a_party_the_knowledge_base_lacks_is_a_reject(code, text):
    # issue 14: never dropped for want of a named actor; the subject is the unknown actor
    results = code(text)
    assert [r[:2] for r in results] == [("REJECT", "/UNK")]


def test_a_refusal_with_no_one_refusing_is_not_coded(code):
    assert code("The hostages will not be released.") == []


def test_seeking_support_is_asking_for_it(code):
    # the manual: SUPPORT "is distinct from the CAMEO APPEAL category, where the actor simply requested support"
    results = code("France sought support from Germany for the plan.")
    assert [r[:3] for r in results] == [("REQUEST", "FRA", "DEU")]
