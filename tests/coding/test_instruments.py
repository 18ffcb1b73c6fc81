"""ASSAULT modes from the instrument the clause names (coding/instruments.py).

The logic tests build their parses by hand; the last test runs the real model
through the Pipeline so the `modes` stage is seen in place.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dyad.coding.instruments import InstrumentModes, clause_tokens
from dyad.coding.ontology import load_ontology
from dyad.records import Candidate

VOCAB = Vocab()


def parse(words, heads, deps, pos, lemmas=None) -> Doc:
    lemmas = lemmas or [w.lower() for w in words]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1))


@pytest.fixture(scope="module")
def modes() -> InstrumentModes:
    return InstrumentModes(load_ontology())


def candidate(head: int, mode: str | None = None, cameo: str = "190", event: str = "ASSAULT") -> Candidate:
    return Candidate(trigger_head=head, trigger_tokens=(head,), event=event, mode=mode, cameo=cameo, actor=(), recipient=(), rule="verb 'kill'", confidence=0.8)


# "Militants killed five soldiers in a drone strike ."
DRONE = parse(
    ["Militants", "killed", "five", "soldiers", "in", "a", "drone", "strike", "."],
    [1, 1, 3, 1, 1, 7, 7, 4, 1],
    ["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "compound", "pobj", "punct"],
    ["NOUN", "VERB", "NUM", "NOUN", "ADP", "DET", "NOUN", "NOUN", "PUNCT"],
    ["militant", "kill", "five", "soldier", "in", "a", "drone", "strike", "."],
)


def test_the_instrument_gives_the_mode_and_a_finer_cameo(modes):
    out = modes.refine(DRONE, candidate(1))
    assert out.mode == "drone"
    assert "mode drone: 'drone'" in out.rule
    assert out.cameo == "190"  # CAMEO has no drone code: the generic one stays


def test_a_phrase_is_read_whole_and_ranks_by_the_file(modes):
    # "A suicide bomber killed 12 people at a checkpoint where soldiers fired rifles ."
    d = parse(
        ["A", "suicide", "bomber", "killed", "12", "people", "at", "a", "checkpoint", "where", "soldiers", "fired", "rifles", "."],
        [2, 2, 3, 3, 5, 3, 3, 8, 6, 11, 11, 8, 11, 3],
        ["det", "compound", "nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj", "advmod", "nsubj", "relcl", "dobj", "punct"],
        ["DET", "NOUN", "NOUN", "VERB", "NUM", "NOUN", "ADP", "DET", "NOUN", "SCONJ", "NOUN", "VERB", "NOUN", "PUNCT"],
        ["a", "suicide", "bomber", "kill", "12", "people", "at", "a", "checkpoint", "where", "soldier", "fire", "rifle", "."],
    )
    found = modes.find(d, d[3])
    assert (found.mode, found.phrase) == ("suicide-attack", "suicide bomber")
    assert 12 not in clause_tokens(d[3])  # the rifles are in a relative clause: another act


def test_a_mode_that_is_no_instrument_is_kept(modes):
    kept = modes.refine(DRONE, candidate(1, mode="targeted", cameo="186"))
    assert (kept.mode, kept.cameo) == ("targeted", "186")


def test_aerial_weapons_get_their_cameo_code(modes):
    # "Warplanes struck the town ."
    d = parse(["Warplanes", "struck", "the", "town", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"],
              ["NOUN", "VERB", "DET", "NOUN", "PUNCT"], ["warplane", "strike", "the", "town", "."])
    out = modes.refine(d, candidate(1))
    assert (out.mode, out.cameo) == ("aerial", "195")


def test_other_types_and_clauses_without_instruments_are_untouched(modes):
    talks = candidate(1, event="CONSULT", cameo="040")
    assert modes.refine(DRONE, talks) is talks
    # "Militants killed five soldiers ."
    bare = parse(["Militants", "killed", "five", "soldiers", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "nummod", "dobj", "punct"],
                 ["NOUN", "VERB", "NUM", "NOUN", "PUNCT"])
    plain = candidate(1)
    assert modes.refine(bare, plain) is plain
