"""Wire phrasings the lexicon learned from the VOA miss list: evaluative accusations and
rejections, invitations, phone calls, envoys recalled, asset freezes, blacklists and
exchanges of fire. Every sentence is our own."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ACCUSE: criticism aimed "at" someone, and regret at someone's decision
        ("Iran lashed out at Israel on Monday.", ("ACCUSE", "111", "IRN", "ISR")),
        ("China hit out at Japan in a statement.", ("ACCUSE", "111", "CHN", "JPN")),
        ("Macron took aim at Russia in a speech.", ("ACCUSE", "111", "FRA", "RUS")),
        ("China regrets Japan's decision.", ("ACCUSE", "110", "CHN", "JPN")),
        ("Russia placed the blame on Ukraine for the blast.", ("ACCUSE", "112", "RUS", "UKR")),
        ("Iran pointed a finger at Israel.", ("ACCUSE", "112", "IRN", "ISR")),
        ("Egypt took the company to court.", ("ACCUSE", "115", "EGY", "")),
        # REJECT: calling an accusation baseless refutes it
        ("Russia called the accusations groundless.", ("REJECT", "120", "RUS", "")),
        ("Beijing branded the allegations a smear.", ("REJECT", "120", "CHN", "")),
        # AGREE: an invitation is an intent to meet (CAMEO 036)
        ("Russia extended an invitation to India.", ("AGREE", "036", "RUS", "IND")),
        ("Putin invited Macron to Moscow.", ("AGREE", "036", "RUS", "FRA")),
        # CONSULT by telephone, SUPPORT by a signed deal
        ("Antony Blinken spoke by phone with Wang Yi.", ("CONSULT", "041", "USA", "CHN")),
        ("Pakistan inked an agreement with China.", ("SUPPORT", "057", "PAK", "CHN")),
        ("India agreed a trade deal with Japan.", ("SUPPORT", "057", "IND", "JPN")),
        # SANCTION: the envoy's posting is the recipient
        ("Egypt recalled its ambassador to Israel.", ("SANCTION", "161", "EGY", "ISR")),
        ("Israel withdrew its envoys from Egypt.", ("SANCTION", "161", "ISR", "EGY")),
        ("The US ceased military aid to Ukraine.", ("SANCTION", "162", "USA", "UKR")),
        # COERCE: asset freezes and blacklists are sanctions (CAMEO 163)
        ("France froze the assets of Russian banks.", ("COERCE", "163", "FRA", "RUS")),
        ("Washington blacklisted Chinese firms.", ("COERCE", "163", "USA", "CHN")),
        # ASSAULT: an exchange of fire has two sides
        ("India exchanged fire with Pakistan along the border.", ("ASSAULT", "190", "IND", "PAK")),
    ],
)
def test_wire_phrasing_is_coded(code, text, expected):
    assert expected in code(text)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("China regrets the loss of life.", "ACCUSE"),  # sympathy, not disapproval
        ("Russia called the meeting useful.", "REJECT"),  # only accusations are refuted by a label
        ("Egypt invited tenders for the port.", "AGREE"),  # no recipient, no invitation to meet
        ("France froze funding for the project.", "COERCE"),  # aid withheld is not an asset freeze
    ],
)
def test_near_misses_stay_uncoded(code, text, event):
    assert all(r[0] != event for r in code(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act ordered is the act, by the one who orders it
        ("Israel ordered attacks on Iran.", ("ASSAULT", "190", "ISR", "IRN")),
        ("Russia ordered the release of Ukrainian prisoners.", ("RETREAT", "0841", "RUS", "UKR")),
        ("India ordered an investigation into Pakistan.", ("ACCUSE", "090", "IND", "PAK")),
        ("France ordered the arrest of Russian spies.", ("COERCE", "173", "FRA", "RUS")),
        # dissent eased (CAMEO 082)
        ("Iran called off the protests.", ("CONCEDE", "082", "IRN", "")),
        ("Israel suspended its boycott.", ("CONCEDE", "082", "ISR", "")),
        # ordering someone to act stays a demand
        ("Russia ordered Ukraine to withdraw.", ("REQUEST", "100", "RUS", "UKR")),
    ],
)
def test_an_ordered_act_is_the_act_and_dissent_called_off_a_concession(code, text, expected):
    assert expected in code(text)
