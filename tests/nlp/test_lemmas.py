"""FastLemmatizer must give exactly the lemmas spaCy's stock rule lemmatizer gives."""

from __future__ import annotations

from typing import cast

import pytest
import spacy
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from dyad.nlp.lemmas import FastLemmatizer, use_fast_lemmatizer
from dyad.nlp.model import load_stock_model

# Invented texts: inflections of every part of speech, rare words, words the
# attribute ruler lemmatizes, names and numbers.
TEXTS = [
    "The ministers were meeting the envoys; both sides had agreed to hold further talks on the ceasefires.",
    "Gunmen ambushed two convoys, wounding dozens of villagers, while helicopters hovered over the valleys.",
    "She's been arguing that the courts' rulings weren't binding, and they'd appealed the judges' verdicts.",
    "Prices rose faster than wages: the cheapest loaves cost more, and the poorest families ate less.",
    "Zorbanian militias re-armed quickly, outflanking Kelvaran brigades near the Ostrava-Melk highway.",
    "Children, geese, mice and oxen crossed; analyses, crises and theses were written by the alumni.",
    "He said nothin' about it, but y'all know they ain't goin' back. I'd rather we hadn't.",
    "In 2024, 3,500 protesters marched; by the 12th, 40% had dispersed and 7 were detained.",
]


def _stock_nlp() -> Language:
    nlp = load_stock_model()
    if nlp is None:
        pytest.skip("no English spaCy model installed")
    return nlp


@pytest.fixture(scope="module")
def stock() -> Language:
    return _stock_nlp()


@pytest.mark.model
def test_dyad_model_uses_the_fast_lemmatizer_in_the_stock_position(nlp, stock):
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert isinstance(stock.get_pipe("lemmatizer"), Lemmatizer)
    assert [n for n in nlp.pipe_names if n in stock.pipe_names] == stock.pipe_names


@pytest.mark.model
def test_lemmas_equal_the_stock_lemmatizer(stock):
    fast_nlp = _stock_nlp()
    use_fast_lemmatizer(fast_nlp)
    fast = cast(FastLemmatizer, fast_nlp.get_pipe("lemmatizer"))
    ours = list(fast_nlp.pipe(TEXTS))
    theirs = list(stock.pipe(TEXTS))
    assert [[t.lemma_ for t in d] for d in ours] == [[t.lemma_ for t in d] for d in theirs]
    # again from the memo, and on a fresh copy of the stock tables
    assert [[t.lemma_ for t in fast(d)] for d in ours] == [[t.lemma_ for t in d] for d in theirs]
    # the stock tables are left as loaded (lists), so the component still serialises
    assert isinstance(next(iter(fast.stock.lookups.get_table("lemma_index").values())), list)
    assert fast.to_bytes()


def _tiny() -> tuple[Lemmatizer, Doc]:
    """A rule lemmatizer with hand-made tables over a blank vocab, and tagged tokens: no model needed."""
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]], "verb": [["ed", ""], ["ed", "e"], ["ing", ""]]})
    lookups.add_table("lemma_index", {"noun": ["talk", "city"], "verb": ["talk", "vote", "shell"]})
    lookups.add_table("lemma_exc", {"verb": {"met": ["meet"]}})
    stock = cast(Lemmatizer, nlp.add_pipe("lemmatizer", config={"mode": "rule"}))
    stock.initialize(lookups=lookups)
    words = ["Talks", "in", "cities", "talked", "voted", "met", "shelling", "zorbed", "talks", "Talks"]
    pos = ["NOUN", "ADP", "NOUN", "VERB", "VERB", "VERB", "VERB", "VERB", "NOUN", "PROPN"]
    morphs = [
        "Number=Plur",
        "",
        "Number=Plur",
        "Tense=Past|VerbForm=Fin",
        "Tense=Past|VerbForm=Fin",
        "Tense=Past|VerbForm=Fin",
        "VerbForm=Ger",
        "Tense=Past|VerbForm=Fin",
        "Number=Plur",
        "Number=Plur",
    ]
    doc = Doc(nlp.vocab, words=words, pos=pos, morphs=morphs)
    doc[1].lemma_ = "in-set-before"  # as the attribute ruler sets some lemmas
    return stock, doc


def test_lemmas_equal_the_stock_ones_on_hand_built_tokens():
    stock, doc = _tiny()
    _, other = _tiny()  # another vocab: the lemma strings must be added to it
    stock(doc)
    fast = FastLemmatizer(stock)
    fast(other)
    expected = [t.lemma_ for t in doc]
    assert expected == ["talk", "in-set-before", "city", "talk", "vote", "meet", "shell", "zorb", "talk", "Talks"]
    assert [t.lemma_ for t in other] == expected
    _, again = _tiny()
    assert [t.lemma_ for t in fast(again)] == expected  # from the memo


def test_overwrite_replaces_a_lemma_already_set():
    stock, doc = _tiny()
    stock.overwrite = True
    FastLemmatizer(stock)(doc)
    assert doc[1].lemma_ == "in"


def test_use_fast_lemmatizer_leaves_a_lookup_lemmatizer_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    use_fast_lemmatizer(nlp)
    assert type(nlp.get_pipe("lemmatizer")) is not FastLemmatizer
    assert nlp.pipe_names == ["lemmatizer"]
