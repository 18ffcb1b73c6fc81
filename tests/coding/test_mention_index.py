"""MentionIndex.near: the mentions a sentence scan needs, found by bisection, in the index's order."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.coding.arguments import MentionIndex
from dyad.records import Mention


def test_near_holds_every_mention_touching_the_range_in_the_index_order():
    doc = Doc(Vocab(), words="Egypt and the Arab League met in Cairo on Monday .".split())
    cairo, egypt, league = Mention(7, 8, 7, (), "Cairo"), Mention(0, 1, 0, (), "Egypt"), Mention(2, 5, 4, (), "the Arab League")
    index = MentionIndex(doc, [cairo, egypt, league])  # not in text order: near keeps this order
    for start, end in [(0, 11), (0, 3), (3, 6), (4, 5), (6, 11), (8, 11), (5, 7)]:
        touching = [m for m in index.mentions if m.start_token < end and m.end_token > start]
        near = index.near(start, end)
        assert all(m in near for m in touching)
        assert list(near) == [m for m in index.mentions if m in near]
    assert index.near(0, 1) == (egypt,)  # a mention starting after the range is not read
    assert index.near(0, 11) == (cairo, egypt, league)


def test_an_entity_is_found_from_any_of_its_tokens_and_a_sentence_lists_only_its_own():
    from dyad.coding.mentions import entity_of
    from dyad.coding.party_country import _entities_in

    doc = Doc(Vocab(), words="Troops left Tel Aviv . Rebels entered Gaza City .".split(),
              sent_starts=[i in (0, 5) for i in range(10)], ents=["O", "O", "B-GPE", "I-GPE", "O", "O", "O", "B-GPE", "I-GPE", "O"])
    assert (entity_of(doc[3]).start, entity_of(doc[3]).end) == (2, 4)  # from its last token
    assert entity_of(doc[7]).text == "Gaza City"
    second = list(doc.sents)[1]
    assert [e.text for e in _entities_in(second)] == ["Gaza City"]
