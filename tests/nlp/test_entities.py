"""Entities only where dyad reads them: the same entities as the whole model, in less of the text."""

from __future__ import annotations

from dyad.nlp.entities import (
    load_entity_cues,
    may_carry_entity,
    merge_ranges,
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
