"""Object phrases of imported patterns: PETRARCH's "_" (side by side) and " " (words
may come between). Docs are built by hand: no model."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding.object_phrases import after_fit, before_fit, object_fit, phrase_fit

VOCAB = spacy.blank("en").vocab  # lower-case forms, no model


def object_of(words: list[str]) -> Doc:
    """"abandon <modifiers…> <head>": every modifier hangs on the head, the head on the verb."""
    head = len(words) - 1
    heads = [0, *([head] * (head - 1)), 0]
    deps = ["ROOT", *(["amod"] * (head - 1)), "dobj"]
    return Doc(VOCAB, words=words, heads=heads, deps=deps)


@pytest.mark.parametrize(
    ("words", "phrase", "fit"),
    [
        (["abandon", "full", "diplomatic", "ties"], "diplomatic ties", 2),
        (["abandon", "full", "economic", "ties"], "diplomatic ties", 0),
        (["abandon", "improved", "global", "economic", "relations"], "improved economic relations", 3),
        (["abandon", "new", "economic", "relations"], "new_economic_relations", 3),
        (["abandon", "new", "global", "economic", "relations"], "new_economic_relations", 0),  # "_": side by side
        (["abandon", "economic", "relations"], "new_economic_relations", 0),
        (["abandon", "global", "economic", "relations"], "economic_relations", 2),
    ],
)
def test_phrase_fit(words: list[str], phrase: str, fit: int) -> None:
    doc = object_of(words)
    assert phrase_fit(doc[len(words) - 1], phrase) == fit


def test_the_longest_phrase_is_the_closest_fit() -> None:
    doc = object_of(["contribute", "austrian", "gold", "florin"])
    florin = doc[3]
    assert object_fit(florin, frozenset({"austrian florin"}), ("florin",)) == 2
    assert object_fit(florin, frozenset({"austrian gold florin", "austrian florin"}), ("florin",)) == 3
    assert object_fit(florin, frozenset({"florin"}), ("florin",)) == 1
    assert object_fit(florin, frozenset({"yen"}), ("florin",)) == 0


def sentence(words: list[str]) -> Doc:
    doc = Doc(VOCAB, words=words, sent_starts=[True, *([False] * (len(words) - 1))])
    return doc


@pytest.mark.parametrize(
    ("words", "phrase", "fits"),
    [
        (["Bree", "did", "n't", "clash"], "did n't", True),
        (["Bree", "really", "did", "not", "clash"], "did not", True),
        (["Bree", "did", "clash"], "did n't", False),
        (["Bree", "will", "not", "ever", "clash"], "will not ever", True),
        (["Bree", "will", "not", "ever", "clash"], "will_not_", False),  # "_" at the end: right before the verb
        (["Bree", "will", "not", "clash"], "will_not_", True),
    ],
)
def test_words_before_the_verb(words: list[str], phrase: str, fits: bool) -> None:
    doc = sentence(words)
    assert before_fit(doc[len(words) - 1], phrase) is fits


def test_a_phrase_read_along_the_words_after_the_verb() -> None:
    # "allowed that Mordor is a really pleasant place": every word hangs on "allowed" here
    words = ["Gollum", "allowed", "that", "Mordor", "is", "a", "really", "pleasant", "place"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, *([1] * 7)], deps=["nsubj", "ROOT", *(["dep"] * 7)])
    allowed = doc[1]
    assert after_fit(allowed, "really_pleasant") == 2
    assert after_fit(allowed, "real_pleasant") == 0
    assert after_fit(allowed, "mordor place") == 2  # a space lets words come between
    assert after_fit(allowed, "pleasant_really") == 0  # in order
