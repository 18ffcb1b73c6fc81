"""Argument choice in wire copy: recipients named inside objects and complements,
hyphenated pairs, armed reporters of agentless strikes, and "we" in quotes.
Sentences are our own."""

from __future__ import annotations

import datetime as dt

import pytest
from sides import code_with_sectors
from sides import codes_and_sectors_of as side

from dyad.coding import EventCoder
from dyad.coding.explain import explain_doc

pytestmark = pytest.mark.model

SECTORS = {"militants": "REB", "civilians": "CVL", "soldiers": "MIL", "army": "MIL"}


@pytest.fixture(scope="module")
def code(nlp, to_mentions):
    coder = EventCoder()

    def run(text: str) -> list[tuple[str, str, str]]:
        candidates = code_with_sectors(coder, nlp, to_mentions, text, SECTORS)
        return [(c.event, side(c.actor), side(c.recipient)) for c in candidates if c.blocked is None]

    return run


def test_recipient_is_the_subject_of_the_welcomed_announcement(code):
    assert ("SUPPORT", "FRA", "UKR") in code("France welcomed the announcement that Ukraine had accepted the plan.")


def test_readiness_to_accept_a_proposal_names_its_author(code):
    assert code("Egypt said it was ready to accept an Israeli proposal.") == [("AGREE", "EGY", "ISR")]


def test_threat_takes_the_recipient_from_the_complement_object(code):
    assert ("THREATEN", "TUR/GOV", "FRA") in code("Ankara threatened to shut down French operations at the base.")


def test_warning_about_cooperation_between_two_countries(code):
    assert ("THREATEN", "JPN", "IRN,RUS") in code("Japan warned that cooperation between Russia and Iran would bring sanctions.")


def test_rejected_request_names_who_asked(code):
    assert ("REJECT", "FRA", "JPN") in code("France rejected Japan's request to delay the vote.")


def test_possessed_event_noun_takes_a_modifier_as_recipient(code):
    assert ("REJECT", "CHN", "IGO") in code("China used its Security Council veto on Tuesday.")


def test_hyphenated_pair_names_both_parties_of_talks(code):
    assert ("CONSULT", "USA", "CHN") in code("U.S.-China talks resumed in Geneva on Monday.")


def test_armed_reporter_claims_an_agentless_strike_on_militants(code):
    assert code("The army said five militants were killed in an airstrike.") == [("ASSAULT", "/MIL", "/REB")]


@pytest.mark.parametrize(
    ("text", "victims"),
    [("The army said five civilians were killed in an airstrike.", "/CVL"), ("The army said five soldiers were killed.", "/MIL")],
)
def test_armed_reporter_does_not_claim_civilian_or_own_dead(code, text, victims):
    assert code(text) == [("ASSAULT", "/UNK", victims)]


def test_we_in_a_quote_is_the_speaker(code):
    assert ("REQUEST", "FRA/GOV", "IRN") in code('"We urge Iran to stop enrichment," Macron said.')


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("The minister denied all the charges against him.", "REJECT"),
        ("Police dismantled a terrorist cell in Madrid.", "COERCE"),
        ("An appeals court overturned the conviction of the journalist.", "CONCEDE"),
        ("The army said troops neutralized five militants.", "ASSAULT"),
        ("Opposition lawmakers spoke out against the decree.", "ACCUSE"),
        ("China levied new tariffs on Japan.", "SANCTION"),
        ("Iran has shipped 10,000 containers to Russia.", "AID"),
        ("The president decided to lift the freeze on aid to Ukraine.", "CONCEDE"),  # the manual: verbal
        ("The fugitive was hunted down by French soldiers.", "ASSAULT"),
    ],
)
def test_wire_verbs_are_triggers(nlp, text, event):
    ex = explain_doc(nlp(text), [], dt.date(2025, 3, 1))
    assert event in {c.event for c in (*ex.coded, *ex.blocked)}, text
