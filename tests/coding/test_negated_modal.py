"""A negated "would" is a refusal, not a stated intention or a bare modal (coding/negation.check_clause).

Hand-built Docs of "Obama said he MODAL not give permission to Russia .", parsed as the
English model parses it; no model is loaded.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding.extract import refuses_by_negation
from dyad.coding.lexicon import default_lexicon
from dyad.coding.negation import find_blocker

VOCAB = spacy.blank("en").vocab


def said_doc(modal: str, negated: bool) -> Doc:
    rows = [
        ("Obama", 1, "nsubj", "PROPN", "NNP", "Obama"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("he", 0, "nsubj", "PRON", "PRP", "he"), (modal, 0, "aux", "AUX", "MD", modal),
        *([("not", 0, "neg", "PART", "RB", "not")] if negated else []),
        ("give", 1, "ccomp", "VERB", "VB", "give"), ("permission", 0, "dobj", "NOUN", "NN", "permission"),
        ("to", 0, "dative", "ADP", "IN", "to"), ("Russia", 0, "pobj", "PROPN", "NNP", "Russia"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    give = 5 if negated else 4
    heads = [1, 1, give, give, *([give] if negated else []), 1, give, give, give + 2, 1]
    words, _, deps, pos, tags, lemmas = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def blocked_at_give(modal: str, negated: bool) -> str | None:
    doc = said_doc(modal, negated)
    give = next(t for t in doc if t.lower_ == "give")
    return find_blocker(give, default_lexicon()).reason


def test_would_not_is_a_refusing_negation():
    reason = blocked_at_give("would", negated=True)
    assert reason == "negation: would not"
    assert refuses_by_negation(reason)


def test_would_alone_stays_a_modality():
    assert blocked_at_give("would", negated=False) == "modality: would"


@pytest.mark.parametrize("modal", ["could", "might"])
def test_other_negated_modals_stay_modal_and_are_no_refusal(modal):
    reason = blocked_at_give(modal, negated=True)
    assert reason == f"modality: {modal}"
    assert not refuses_by_negation(reason)
