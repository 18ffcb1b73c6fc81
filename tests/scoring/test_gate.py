"""The event gate on hand-built Docs: its cues, its decision, its file; no spaCy model."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from dyad.coding.extract import EventCoder
from dyad.coding.lexicon import default_lexicon
from dyad.errors import InputError
from dyad.records import Article
from dyad.scoring.gate import Gate, GateCues, feature_names, gate_cues, gate_vector, load_gate
from dyad.scoring.hybrid import decide
from dyad.scoring.records import NO_EVENT
from tests.scoring.test_hybrid import HOSTED, doc_of, mention, model, scores

VOCAB = spacy.blank("en").vocab


def sentence(rows: list[tuple[str, str, int, str, str]], ents: tuple[tuple[int, int, str], ...] = ()) -> Span:
    words, lemmas, heads, deps, tags = (list(x) for x in zip(*rows, strict=True))
    pos = ["VERB" if t.startswith("VB") else "AUX" if t == "MD" else "PROPN" if t == "NNP" else "NUM" if t == "CD" else "NOUN" for t in tags]
    doc = Doc(VOCAB, words=words, lemmas=lemmas, heads=heads, deps=deps, tags=tags, pos=pos)
    doc.ents = [Span(doc, a, b, label=lbl) for a, b, lbl in ents]
    return doc[:]


# "Analysts say the talks are over ."
ANALYSTS_SAY = [("Analysts", "analyst", 1, "nsubj", "NNS"), ("say", "say", 1, "ROOT", "VBP"), ("the", "the", 3, "det", "DT"),
                ("talks", "talk", 4, "nsubj", "NNS"), ("are", "be", 1, "ccomp", "VBP"), ("over", "over", 4, "acomp", "RB"),
                (".", ".", 1, "punct", ".")]
# "Kenya hosted Uganda , he said ."
HOSTED_SAID = [("Kenya", "Kenya", 1, "nsubj", "NNP"), ("hosted", "host", 5, "ccomp", "VBD"), ("Uganda", "Uganda", 1, "dobj", "NNP"),
               (",", ",", 1, "punct", ","), ("he", "he", 5, "nsubj", "PRP"), ("said", "say", 5, "ROOT", "VBD"), (".", ".", 5, "punct", ".")]


def test_the_cues_read_the_tense_a_commentator_and_who_acts_from_the_parse() -> None:
    lexicon = default_lexicon()
    said = gate_cues(sentence(ANALYSTS_SAY), 0, lexicon)
    assert said.commentator and said.present_simple and not said.subject_actor
    assert said.describe() == "sentence 1, present simple, commentator"
    sent = sentence(HOSTED_SAID)
    kenya = mention(sent.doc, 0, "KEN")
    hosted = gate_cues(sent, 3, lexicon, [kenya])
    assert hosted.subject_actor and not hosted.present_simple and not hosted.commentator
    assert hosted.describe() == "sentence 4, subject actor"
    assert not gate_cues(sent, 3, lexicon, []).subject_actor


def gate(thresholds: dict[str, float]) -> Gate:
    """P(right) falls with the sentence's depth in the article and with a commentator."""
    names = feature_names()
    coef = [0.0] * len(names)
    coef[names.index("log_position")] = -1.0
    coef[names.index("cue_commentator")] = -2.0
    return Gate(names, tuple(coef), 2.0, thresholds)


CUES = GateCues(0, False, False, False)


def test_the_gate_blocks_an_event_under_its_paths_threshold_and_says_why() -> None:
    g = gate({"scorer": 0.5, "rule": 0.0})
    assert len(gate_vector(CUES, "rule", 0.9, 0.1)) == len(feature_names())
    assert g.p_right(CUES, "scorer", 0.6, 0.2) == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert g.blocks(CUES, "scorer", 0.6, 0.2) is None
    deep = GateCues(9, False, True, False)
    reason = g.blocks(deep, "scorer", 0.6, 0.2)
    assert reason is not None and reason.startswith("event gate: P(right) = 0.")
    assert "scorer path" in reason and "sentence 10, commentator" in reason
    assert g.blocks(deep, "rule", 0.6, 0.2) is None  # the rule path's threshold is 0


def test_the_gate_file_round_trips_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    g = gate({"scorer": 0.5})
    path = tmp_path / "gate.json"
    path.write_text(g.to_json(), encoding="utf-8")
    assert load_gate(path) == g
    path.write_text('{"names": ["x"], "coef": [1], "intercept": 0, "thresholds": {}}', encoding="utf-8")
    with pytest.raises(InputError, match="not a dyad event gate"):
        load_gate(path)


def test_the_hybrid_passes_its_events_through_the_gate() -> None:
    coder = EventCoder()
    doc = doc_of(HOSTED)
    doc._.article = Article(id="a", date=dt.date(2023, 5, 1), text=doc.text)
    ms = [mention(doc, 0, "KEN"), mention(doc, 2, "UGA")]
    doc._.scores = scores(doc, {"CONSULT": 0.6, NO_EVENT: 0.2})
    (open_,) = decide(doc, [], model(), coder, ms, gate({"scorer": 0.5}))
    assert open_.blocked is None and open_.rule.startswith("scorer:CONSULT")
    (shut,) = decide(doc, [], model(), coder, ms, gate({"scorer": 0.95}))
    assert shut.event == "CONSULT" and shut.blocked is not None and shut.blocked.startswith("event gate:")
