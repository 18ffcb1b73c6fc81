"""Disapproval said with evaluative predicates (evaluative.py). Every sentence is our own."""

from __future__ import annotations

from dyad.coding.evaluative import load_evaluative_words


def test_word_lists_load_and_keep_claims_apart() -> None:
    words = load_evaluative_words()
    assert {"unacceptable", "baseless", "inhumane"} <= words.disapproval
    assert "disappointed" in words.emotions
    assert "accusation" in words.claim_nouns and "decision" not in words.claim_nouns
