"""Coding tests on real parses of invented sentences (needs the spaCy model); the logic tests build Docs by hand."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Police fired tear gas at protesters in Nairobi.", "crowd-control"),
        ("A roadside bomb killed two Nigerian soldiers in Borno.", "explosives"),
        ("Russian forces killed five civilians in a drone strike on Kharkiv.", "drone"),
        ("The Islamic State group used chlorine against Kurdish fighters in Syria.", "unconventional"),
    ],
)
def test_the_pipeline_codes_the_instrument(text, mode):
    from dyad import code_text

    events = [e for e in code_text(text, dt.date(2023, 2, 22)) if e.event == "ASSAULT"]
    assert [e.mode for e in events] == [mode], events


@pytest.mark.model
def test_reported_copula_judges_the_by_phrase(code) -> None:
    assert ("ACCUSE", "111", "FRA", "DEU") in code("France said the step taken by Germany was wholly unacceptable.")


@pytest.mark.model
def test_naming_verb_judges_its_object(code) -> None:
    assert ("ACCUSE", "111", "IRN", "ISR") in code("Iran called the Israeli raid inhumane.")


@pytest.mark.model
def test_disappointed_party_is_the_actor(code) -> None:
    assert ("ACCUSE", "111", "JPN", "CHN") in code("Japan is deeply disappointed by the Chinese decision.")


@pytest.mark.model
def test_judged_accusation_is_rejected(code) -> None:
    assert ("REJECT", "120", "EGY", "ISR") in code("Egypt said the Israeli allegations were baseless.")


@pytest.mark.model
def test_described_as_rejects_a_charge(code) -> None:
    assert ("REJECT", "120", "RUS", "USA") in code("Moscow described the US charges as unfounded.")


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The weather was unacceptable.",
        "Russia said the weather was unacceptable.",
        "Putin was disappointed with the result of the match.",
        "France said the step taken by Germany was not unacceptable.",
    ],
)
def test_near_misses_stay_uncoded(code, text: str) -> None:
    assert not [c for c in code(text) if c[0] in ("ACCUSE", "REJECT")]


@pytest.mark.model
def test_object_parsed_as_second_predicate_still_judged(code) -> None:
    # spaCy tags both "claims" and "false" as predicates of "called"
    assert ("REJECT", "120", "CHN", "JPN") in code('Beijing called Japan\'s claims "false," in a statement on Monday.')


@pytest.mark.model
def test_quote_before_the_speaker(code) -> None:
    assert ("ACCUSE", "111", "IRN", "USA") in code('"The latest US move is utterly unacceptable," Iran told reporters.')
