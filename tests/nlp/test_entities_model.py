"""Named entities and model loading checked on real parses (needs the spaCy model); the logic tests build Docs by hand."""

from __future__ import annotations

import pytest

from dyad.nlp import load_model
from dyad.nlp.entities import (
    RegionEntities,
    find_entity_windows,
    parse_with_entities_in,
)

# Invented wire copy: people, places, organisations, dates, numbers and money.
TEXTS = [
    "Russian Foreign Minister Sergei Lavrov met Chinese diplomat Wang Yi in Moscow on Tuesday.",
    "At least seven civilians were killed near Kreminna in the Luhansk region last week, the governor said.",
    "The World Bank pledged $2 billion to Kenya and Ethiopia over the next three years.",
    "Protesters gathered outside the Ministry of Foreign Affairs in Dhaka on March 3 for a second day.",
    "NATO said 40 percent of its members would meet in Brussels early next month.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def ents(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.mark.model
def test_whole_ranges_give_the_models_entities(nlp):
    entities = RegionEntities(nlp, margin=None)
    for text in TEXTS:
        full = nlp(text)
        doc = nlp(text, disable=["ner"])
        entities.annotate([doc], [[(0, len(doc))]])
        assert ents(doc) == ents(full), text


@pytest.mark.model
def test_windows_give_the_models_entities_on_news_sentences(nlp):
    entities = RegionEntities(nlp)  # windows of two tokens
    docs = [nlp(t, disable=["ner"]) for t in TEXTS]
    entities.annotate(docs, [[(0, len(d))] for d in docs])
    for text, doc in zip(TEXTS, docs, strict=True):
        assert ents(doc) == ents(nlp(text)), text


@pytest.mark.model
def test_windows_skip_lowercase_stretches(nlp):
    doc = nlp("the talks were described as useful and frank by both sides before Lavrov left", disable=["ner"])
    windows = find_entity_windows(doc, [(0, len(doc))], margin=2)
    lavrov = next(t.i for t in doc if t.text == "Lavrov")
    assert windows == [(lavrov - 2, min(len(doc), lavrov + 3))]


@pytest.mark.model
def test_tokens_outside_the_ranges_get_no_entity(nlp):
    text = "Lavrov met Wang Yi in Moscow.\n\nLater, Blinken flew to Kyiv."
    doc = nlp(text, disable=["ner"])
    second = next(s for s in doc.sents if "Blinken" in s.text)
    RegionEntities(nlp).annotate([doc], [[(second.start, second.end)]])
    assert {e.text for e in doc.ents} == {"Blinken", "Kyiv"}
    assert all(t.ent_iob_ == "O" for t in doc[: second.start])


@pytest.mark.model
def test_parse_with_entities_in_keeps_order_and_context(nlp):
    items = [(t, i) for i, t in enumerate(TEXTS)]
    out = list(parse_with_entities_in(nlp, items, lambda doc, i: [(0, len(doc))] if i % 2 == 0 else [], batch_size=2))
    assert [i for _, i in out] == list(range(len(TEXTS)))
    for doc, i in out:
        assert bool(doc.ents) == (i % 2 == 0)
