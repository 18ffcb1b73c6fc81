"""Entities only where dyad reads them: the same entities as the whole model, in less of the text."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.nlp.entities import (
    load_entity_cues,
    may_carry_entity,
    merge_ranges,
    split_at_sentences,
    token_batches,
)


def test_merge_ranges_sorts_clips_and_joins():
    assert merge_ranges([(8, 12), (0, 3), (2, 5), (5, 6), (20, 30), (4, 4)], 25) == [(0, 6), (8, 12), (20, 25)]
    assert merge_ranges([], 10) == []


def test_cues_hold_lowercase_date_and_number_words():
    cues = load_entity_cues()
    assert {"tuesday", "week", "ago", "dozens", "percent", "first"} <= cues
    assert may_carry_entity("Kreminna", False, "kreminna", cues)
    assert may_carry_entity("40", True, "40", cues)
    assert may_carry_entity("week", False, "week", cues)
    assert not may_carry_entity("killed", False, "killed", cues)


def test_a_common_word_opening_a_sentence_needs_no_window():
    cues = load_entity_cues()
    assert not may_carry_entity("The", False, "the", cues, common=True)
    assert may_carry_entity("May", False, "may", cues, common=True)  # a month is a cue word
    assert may_carry_entity("Kyiv", False, "kyiv", cues, common=False)


def test_a_long_window_is_cut_at_sentence_starts():
    words = ("Kagame met Tshisekedi in Kinshasa . " * 5).split()  # five sentences of six tokens
    doc = Doc(Vocab(), words=words, sent_starts=[i % 6 == 0 for i in range(len(words))])
    assert list(split_at_sentences(doc, 0, 30, 100)) == [(0, 30)]  # short enough: whole
    assert list(split_at_sentences(doc, 0, 30, 14)) == [(0, 12), (12, 24), (24, 30)]
    assert list(split_at_sentences(doc, 1, 5, 2)) == [(1, 3), (3, 5)]  # inside one sentence: at the limit


def test_recogniser_batches_are_bounded_in_pieces_and_tokens():
    vocab = Vocab()
    pieces = [Doc(vocab, words=["w"] * n) for n in (3, 3, 5, 1, 1, 1)]
    sizes = [[len(p) for p in batch] for batch in token_batches(pieces, most=2, tokens=6)]
    assert sizes == [[3, 3], [5, 1], [1, 1]]  # in order, every piece once
    assert [len(b) for b in token_batches(pieces, most=10, tokens=4)] == [1, 1, 1, 3]  # a piece over the bound goes alone
