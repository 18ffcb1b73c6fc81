"""The party called is the recipient of what the call is for (coding/recipients.py, issue 14).

Logic tests: the parses are built by hand, the mentions are made for the words of a
small table, so no model is needed.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyad.coding.arguments import MentionIndex
from dyad.coding.recipients import called_party
from dyad.records import Entity, Mention

VOCAB = spacy.blank("en").vocab
PARTIES = {"Tillerson": ("USA", "GOV"), "Lavrov": ("RUS", "GOV"), "Syria": ("SYR", None), "meeting": (None, None)}


def parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str], lemmas: list[str]) -> Doc:
    return Doc(
        VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def index_of(doc: Doc) -> MentionIndex:
    mentions = [
        Mention(t.i, t.i + 1, t.i, (Entity(t.text, code=PARTIES[t.text][0], sector=PARTIES[t.text][1]),), t.text)
        for t in doc
        if t.text in PARTIES and PARTIES[t.text] != (None, None)
    ]
    return MentionIndex(doc, mentions)


def called(doc: Doc, trigger: int) -> list[str]:
    index = index_of(doc)
    actor = tuple(m for m in index.mentions if m.text == "Tillerson")
    return [m.text for m in called_party(doc[trigger], index, actor).mentions]


def test_the_party_called_to_discuss_is_the_recipient_not_what_is_discussed():
    # "Tillerson called Lavrov to discuss Syria ."
    doc = parse(
        ["Tillerson", "called", "Lavrov", "to", "discuss", "Syria", "."],
        [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
        ["NNP", "VBD", "NNP", "TO", "VB", "NNP", "."],
        ["Tillerson", "call", "Lavrov", "to", "discuss", "Syria", "."],
    )
    assert called(doc, 4) == ["Lavrov"]


def test_a_participle_of_the_call_takes_the_party_called():
    # "Tillerson called Lavrov , discussing Syria ."
    doc = parse(
        ["Tillerson", "called", "Lavrov", ",", "discussing", "Syria", "."],
        [1, 1, 1, 1, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "punct", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT", "VERB", "PROPN", "PUNCT"],
        ["NNP", "VBD", "NNP", ",", "VBG", "NNP", "."],
        ["Tillerson", "call", "Lavrov", ",", "discuss", "Syria", "."],
    )
    assert called(doc, 4) == ["Lavrov"]


def test_a_meeting_called_names_no_party_and_an_appeal_is_no_call():
    # "Tillerson called a meeting to discuss Syria ." : the object is no party
    doc = parse(
        ["Tillerson", "called", "a", "meeting", "to", "discuss", "Syria", "."],
        [1, 1, 3, 1, 5, 1, 5, 1],
        ["nsubj", "ROOT", "det", "dobj", "aux", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
        ["NNP", "VBD", "DT", "NN", "TO", "VB", "NNP", "."],
        ["Tillerson", "call", "a", "meeting", "to", "discuss", "Syria", "."],
    )
    assert called(doc, 5) == []
    # "Tillerson urged Lavrov to discuss Syria ." : not a call
    doc = parse(
        ["Tillerson", "urged", "Lavrov", "to", "discuss", "Syria", "."],
        [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "PROPN", "PUNCT"],
        ["NNP", "VBD", "NNP", "TO", "VB", "NNP", "."],
        ["Tillerson", "urge", "Lavrov", "to", "discuss", "Syria", "."],
    )
    assert called(doc, 4) == []


def test_an_event_noun_the_purpose_conveys_takes_the_party_called():
    # "Tillerson called Lavrov to convey support ." : the trigger is the purpose's object
    doc = parse(
        ["Tillerson", "called", "Lavrov", "to", "convey", "support", "."],
        [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "dobj", "aux", "advcl", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PART", "VERB", "NOUN", "PUNCT"],
        ["NNP", "VBD", "NNP", "TO", "VB", "NN", "."],
        ["Tillerson", "call", "Lavrov", "to", "convey", "support", "."],
    )
    assert called(doc, 5) == ["Lavrov"]
