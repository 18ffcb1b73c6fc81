"""The KB name index: lower-case token sequences found in a Doc, compared by string id."""

import spacy

from dyad.actors.name_index import NameIndex


def test_names_match_by_lower_case_words_and_tokenizer_splits():
    nlp = spacy.blank("en")
    index = NameIndex(nlp)
    index.add("USA", ["United States", "U.S."])
    index.add("CIV", ["Côte d'Ivoire"])
    index.add("ROOT_PARTY", ["Root"])  # a word that is also one of spaCy's reserved symbols ("ROOT")
    doc = nlp("The UNITED STATES and the U.S. envoy met Côte d'Ivoire's root and Root officials.")
    vocab_before = len(nlp.vocab.strings)
    found = sorted(index.find(doc), key=lambda f: f[1])
    assert [(k, doc[s:e].text) for k, s, e in found] == [
        ("USA", "UNITED STATES"),
        ("USA", "U.S."),
        ("CIV", "Côte d'Ivoire"),
        ("ROOT_PARTY", "root"),
        ("ROOT_PARTY", "Root"),
    ]
    assert len(nlp.vocab.strings) == vocab_before  # finding adds no words to the vocabulary
    assert len(index) == 4


def test_a_longer_name_needs_every_word():
    nlp = spacy.blank("en")
    index = NameIndex(nlp)
    index.add("UN", ["United Nations General Assembly"])
    assert list(index.find(nlp("the United Nations said"))) == []
    assert list(index.find(nlp(""))) == []
