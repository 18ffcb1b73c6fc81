"""Which sentences get named entities: events, the lead, antecedents, and quote attributions."""

from __future__ import annotations

import pytest

from dyad.coding.lexicon import load_lexicon
from dyad.coding.regions import find_entity_ranges, mark_unquoted
from dyad.nlp import load_model

pytestmark = pytest.mark.model

ARTICLE = (
    "Kenyan officials gathered in Nairobi on Monday.\n\n"  # lead
    "The weather was mild and the markets were calm.\n\n"  # nothing to read
    "Mary Wanjiru is a farmer from Nakuru.\n\n"  # antecedent of the next sentence
    "She accused the police of beating protesters.\n\n"  # an event
    "The roads were quiet on Tuesday afternoon.\n\n"  # nothing to read
    "\u201cWe will not stop until we are heard,\u201d said John Kamau, a local organiser."  # a quote
)


@pytest.fixture(scope="module")
def doc():
    return load_model()(ARTICLE, disable=["ner"])


def covered(doc, ranges) -> str:
    return " ".join(doc[a:b].text for a, b in ranges)


def test_events_lead_antecedent_and_attribution_are_read(doc):
    text = covered(doc, find_entity_ranges(doc, load_lexicon()))
    assert "Kenyan officials gathered in Nairobi" in text
    assert "Mary Wanjiru is a farmer" in text
    assert "She accused the police" in text
    assert "John Kamau" in text


def test_sentences_without_events_and_quoted_words_are_not(doc):
    text = covered(doc, find_entity_ranges(doc, load_lexicon()))
    assert "weather" not in text
    assert "Tuesday afternoon" not in text
    assert "We will not stop" not in text


def test_mark_unquoted_follows_quotes_over_sentences():
    nlp = load_model()
    d = nlp('He said: "We came. We stayed." Then he left.', disable=["ner"])
    flags = dict(zip([t.text for t in d], mark_unquoted(d), strict=False))
    assert flags["He"] and flags["Then"]
    assert not flags["came"] and not flags["stayed"]


def test_a_said_line_before_a_quotation_and_a_full_name_are_read():
    text = (
        "Kenyan officials gathered in Nairobi on Monday.\n\n"
        "The roads were quiet.\n\n"
        "Grace Akinyi runs a stall near the market.\n\n"  # a full name, nothing else read here
        "The organiser put it this way:\n\n"  # names the speaker of the next quotation
        "\u201cWe are tired and we are hungry.\u201d"
    )
    doc = load_model()(text, disable=["ner"])
    ranges = find_entity_ranges(doc, load_lexicon())
    read = covered(doc, ranges)
    assert "Grace Akinyi" in read and "near the market" not in read  # the name with three words of context, not the sentence
    assert "The organiser put it this way" in read
    assert "roads" not in read
