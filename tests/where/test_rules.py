"""One test per event-place rule, on short invented sentences."""

from __future__ import annotations

import pytest
from placing import place_of
from spacy.language import Language

from dyad.records import Entity, Mention
from dyad.where.geocoder import Geocoder
from dyad.where.locate import locate_event
from dyad.where.rules import load_place_rules

pytestmark = pytest.mark.model


def test_rule_lists_load() -> None:
    rules = load_place_rules()
    assert {"conflict", "tensions", "war"} <= rules.topic_nouns
    assert {"say", "warn"} <= rules.speech_verbs


def test_hyphenated_name_is_kept_whole(nlp: Language, geocoder: Geocoder) -> None:
    text = "A bomber detonated his explosives inside the Al-Halaliyah District of Qamishli City on Sunday."
    assert place_of(nlp, geocoder, text, "detonated") == "Al-Halaliyah District"


def test_lower_case_feature_word_is_not_part_of_the_name(nlp: Language, geocoder: Geocoder) -> None:
    doc = nlp("A bomber killed nine people at a market in Uruzgan province on Tuesday.")
    place = locate_event(doc, next(t.i for t in doc if t.text == "killed"), (), geocoder)
    assert place is not None and place.extracted_place == "Uruzgan" and place.resolution == "admin1"


def test_named_area_of_a_city_beats_the_city(nlp: Language, geocoder: Geocoder) -> None:
    text = "A car bomb exploded inside the Kafr Souseh area of Damascus on Thursday."
    assert place_of(nlp, geocoder, text, "exploded") == "Kafr Souseh"


def test_place_in_a_topic_phrase_is_no_setting(nlp: Language, geocoder: Geocoder) -> None:
    visit = "The visit by the envoy comes as the conflict in Ukraine continues to upset the world order."
    assert place_of(nlp, geocoder, visit, "visit") is None
    vote = "Lawmakers on Wednesday quickly endorsed the move amid the tensions over Ukraine."
    assert place_of(nlp, geocoder, vote, "endorsed") is None
    sanctions = "Beijing refused to criticise the war, blasting the sanctions imposed on Russia."
    assert place_of(nlp, geocoder, sanctions, "refused") is None


def test_topic_noun_that_is_the_trigger_keeps_its_place(nlp: Language, geocoder: Geocoder) -> None:
    assert place_of(nlp, geocoder, "The attack in Kandahar killed five soldiers.", "attack") == "Kandahar"


def test_with_is_never_locative(nlp: Language, geocoder: Geocoder) -> None:
    text = "Officials suspended their participation in the arms treaty with Washington this week."
    assert place_of(nlp, geocoder, text, "suspended") is None


def test_statement_is_not_placed_where_its_content_happened(nlp: Language, geocoder: Geocoder) -> None:
    text = "The minister said on Monday that rebels had attacked an army base in Kandahar."
    assert place_of(nlp, geocoder, text, "said") is None
    assert place_of(nlp, geocoder, text, "attacked") == "Kandahar"
    assert place_of(nlp, geocoder, "The minister said in Kabul that talks would resume.", "said") == "Kabul"


LEAD = "Russia's foreign minister welcomed the Chinese envoy for talks in Moscow on Tuesday. "


def test_lead_place_carries_to_later_events(nlp: Language, geocoder: Geocoder) -> None:
    assert place_of(nlp, geocoder, LEAD + "The two men signed a trade agreement.", "signed") == "Moscow"


def test_lead_place_skips_a_sentence_about_another_country(nlp: Language, geocoder: Geocoder) -> None:
    text = LEAD + "Ukraine's presidential office said that seven civilians were killed overnight."
    assert place_of(nlp, geocoder, text, "killed") is None


def test_foreign_speaker_is_not_placed_at_the_lead(nlp: Language, geocoder: Geocoder) -> None:
    text = LEAD + "Secretary of state Antony Blinken warned the envoy against sending arms."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Antony")
    blinken = Mention(start, start + 2, start + 1, (Entity("Antony Blinken", "Antony Blinken", "USA", "GOV", kind="person"),))
    assert place_of(nlp, geocoder, text, "warned", (blinken,)) is None
    assert place_of(nlp, geocoder, text, "warned") == "Moscow"  # speaker unknown: the lead stands


def test_place_naming_a_site_is_the_setting(nlp: Language, geocoder: Geocoder) -> None:
    text = "Gunmen shot a preacher while he spoke at a Zamboanga radio station."
    assert place_of(nlp, geocoder, text, "shot") == "Zamboanga"


def test_military_positions_are_not_a_topic(nlp: Language, geocoder: Geocoder) -> None:
    text = "Warplanes began the day by striking rebel positions at the town of Deir Hafer."
    assert place_of(nlp, geocoder, text, "striking") == "Deir Hafer"
