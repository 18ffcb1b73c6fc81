"""FastAttributeRuler must return exactly what spaCy's stock AttributeRuler returns."""

from __future__ import annotations

import importlib

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyad.nlp.attributes import FastAttributeRuler, use_fast_attribute_ruler
from dyad.nlp.model import MODEL_PACKAGES
from dyad.nlp.paragraphs import add_paragraph_boundaries


def _stock_nlp() -> Language:
    """The installed model package, loaded directly so the dyad swap does not touch it."""
    for pkg in MODEL_PACKAGES:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        nlp = module.load()
        add_paragraph_boundaries(nlp)  # dyad's pipeline has it too; it changes parses, not the ruler
        return nlp
    pytest.skip("no English spaCy model installed")


@pytest.fixture(scope="module")
def stock() -> Language:
    return _stock_nlp()


def _tiny_ruler() -> tuple[AttributeRuler, Doc]:
    """A ruler over a blank vocab with hand-annotated tokens: no model needed."""
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": "NN", "LOWER": "cat"}], [{"LOWER": {"IN": ["cat", "dog"]}}]], {"LEMMA": "pet"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"LOWER": "big"}, {"LOWER": "big"}]], {"LEMMA": "large"}, index=-1)
    ruler.add([[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]], {"LEMMA": "the"})  # an operator: Matcher
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP"})
    ruler.add([[{"TEXT": "Cat", "IS_TITLE": True}]], {"LEMMA": "Cat"})
    words = ["There", "is", "the", "Cat", "and", "a", "big", "big", "big", "dog", "to", "nuthin'", "\n", "go"]
    tags = ["EX", "VBZ", "DT", "NN", "CC", "DT", "JJ", "JJ", "JJ", "NN", "TO", "NN", "_SP", ""]
    deps = ["expl", "ROOT", "det", "nsubj", "cc", "det", "amod", "amod", "amod", "conj", "aux", "dobj", "dep", ""]
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[1] * 12 + [12, 13])
    return ruler, doc


def test_match_equals_the_stock_matcher_on_hand_built_tokens():
    ruler, doc = _tiny_ruler()
    fast = FastAttributeRuler(ruler)
    expected = ruler.match(doc)
    assert fast.match(doc) == expected
    assert fast.match(doc) == expected  # again, from the memo
    # "Cat" matches both alternatives of rule 1 but, as in the Matcher, once.
    key = ruler.vocab.strings["1"]
    assert [m for m in expected if m[0] == 1] == [(1, key, 3, 4), (1, key, 9, 10)]
    assert len(fast.matcher) == 1  # only the pattern with an operator is left to the Matcher
    # Overlapping multi-token matches are all reported: "big big big" gives two.
    assert [(s, e) for a, _, s, e in expected if a == 5] == [(6, 8), (7, 9)]


def test_set_annotations_are_the_stock_ones():
    ruler, doc = _tiny_ruler()
    _, other = _tiny_ruler()
    ruler(doc)
    FastAttributeRuler(ruler)(other)
    assert [(t.tag_, t.pos_, t.lemma_) for t in doc] == [(t.tag_, t.pos_, t.lemma_) for t in other]


def test_use_fast_attribute_ruler_keeps_position_and_patterns():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add([[{"LOWER": "cats"}]], {"LEMMA": "cat"})
    nlp.add_pipe("sentencizer")
    use_fast_attribute_ruler(nlp)
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    assert nlp("Cats purr.")[0].lemma_ == "cat"
    assert fast.patterns == [{"patterns": [[{"LOWER": "cats"}]], "attrs": {"LEMMA": "cat"}, "index": 0}]


def test_use_fast_attribute_ruler_leaves_a_pipeline_without_one_alone():
    nlp = spacy.blank("en")
    use_fast_attribute_ruler(nlp)
    assert nlp.pipe_names == []
