"""Contexts from rules, on events built by hand over plain text (no model)."""

from __future__ import annotations

from context_events import event_at
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.coding.ontology import load_ontology
from dyad.contexts.lexicon import GENERAL_CONTEXTS, build_lexicon, load_context_lexicon, parse_context_lexicon
from dyad.contexts.scoring import Weights
from dyad.contexts.tagger import ContextTagger, general_contexts, hand_weights, with_contexts
from dyad.records import ContextTag, Entity

ONTOLOGY = load_ontology()
TAGGER = ContextTagger.from_ontology(ONTOLOGY)


def test_sentence_cue_gives_a_context_with_its_span():
    text = "Iran's foreign minister met his Omani counterpart in Muscat on Sunday."
    event = TAGGER.tag(text, [event_at(text, text, "met")])[0]
    assert "diplomatic" in event.context
    tag = next(t for t in event.context_evidence if t.name == "diplomatic")
    assert tag.level == "sentence" and text[tag.start : tag.end] == tag.text
    assert tag.source.startswith(("cue:", "type:"))


def test_paragraph_cue_reaches_the_next_sentence_in_wire_copy():
    # One block of text (no blank lines): the sentences either side make the paragraph.
    lex = build_lexicon([parse_context_lexicon("contexts:\n  cbrn:\n    strong: [nuclear]\n", "t.yaml")])
    tagger = ContextTagger.from_ontology(ONTOLOGY, lex, weights=Weights({"bias": -1.0, "paragraph": 2.0}))
    text = "Talks on the nuclear programme stalled. Iran then expelled two inspectors. Markets were calm."
    tags = tagger.tags_for(event_at(text, "Iran then expelled two inspectors.", "expelled", "SANCTION"), tagger.read(text))
    assert [(t.name, t.level, t.text) for t in tags] == [("cbrn", "paragraph", "nuclear")]
    far = "Markets were calm."
    assert tagger.tags_for(event_at(text + " Prices fell. Oil rose.", far, "calm", "SUPPORT"), tagger.read(text)) == ()


def test_blank_line_paragraphs_bound_the_paragraph_level():
    lex = build_lexicon([parse_context_lexicon("contexts:\n  cbrn:\n    strong: [nuclear]\n", "t.yaml")])
    tagger = ContextTagger.from_ontology(ONTOLOGY, lex, weights=Weights({"bias": -1.0, "paragraph": 2.0}))
    text = "Talks on the nuclear programme stalled.\n\nIran then expelled two inspectors."
    event = event_at(text, "Iran then expelled two inspectors.", "expelled", "SANCTION")
    assert tagger.tags_for(event, tagger.read(text)) == ()


def test_article_topic_applies_to_events_without_a_cue_of_their_own():
    text = ("The court heard the case on Monday. The judge adjourned the trial. Lawyers for the accused protested. "
            "The prosecutor asked for time. The defendant waved. Supporters sang outside. He was later moved.")
    tags = TAGGER.tags_for(event_at(text, "Supporters sang outside.", "sang", "PROTEST"), TAGGER.read(text))
    legal = [t for t in tags if t.name == "legal"]
    assert legal and legal[0].level == "article"


def test_state_military_actor_implies_military_but_a_rebel_group_does_not():
    text = "They attacked the village."
    army = Entity("they", "Sudan", "SDN", "MIL")
    rebels = Entity("they", "Rapid Support Forces", "SDN", "REB")
    weights = Weights({"bias": -1.0, "sector": 2.0})
    tagger = ContextTagger.from_ontology(ONTOLOGY, weights=weights)
    got = tagger.tags_for(event_at(text, text, "attacked", "ASSAULT", actor=(army,)), tagger.read(text))
    assert [(t.name, t.source) for t in got] == [("military", "sector:MIL")]
    assert tagger.tags_for(event_at(text, text, "attacked", "ASSAULT", actor=(rebels,)), tagger.read(text)) == ()
    judges = Entity("the judges", None, "KEN", "JUD")
    got = tagger.tags_for(event_at(text, text, "attacked", "ACCUSE", actor=(judges,)), tagger.read(text))
    assert [t.name for t in got] == ["legal"]


def test_crosswalk_context_of_the_cameo_code():
    tagger = ContextTagger.from_ontology(ONTOLOGY, weights=Weights({"bias": -1.0, "cameo": 2.0}))
    text = "Chad offered its help."
    got = tagger.tags_for(event_at(text, text, "offered", "AGREE", cameo="0312"), tagger.read(text))
    assert [(t.name, t.source, t.text) for t in got] == [("military", "cameo:0312", "offered")]


def test_auxiliary_modes_from_the_coder_are_kept():
    text = "Russia will send more troops to the border."
    event = event_at(text, text, "send", "MOBILIZE", context=("future",))
    out = TAGGER.tag(text, [event])[0]
    assert out.context[-1] == "future" and "military" in out.context
    assert [t.name for t in out.context_evidence] == [c for c in out.context if c != "future"]


def test_with_contexts_replaces_earlier_general_contexts_only():
    text = "Nothing happened."
    event = event_at(text, text, "happened", "CONSULT", context=("economic", "historical"))
    out = with_contexts(event, (ContextTag("legal", "sentence", 0, 7, "Nothing", "cue:x"),))
    assert out.context == ("legal", "historical")


def test_at_most_max_contexts_most_probable_first():
    text = "The army, the court, the parliament and the central bank met diplomats about the nuclear election."
    for tagger in (TAGGER, ContextTagger.from_ontology(ONTOLOGY, weights=hand_weights(load_context_lexicon()))):
        event, art = event_at(text, text, "met"), tagger.read(text)
        tags = tagger.tags_for(event, art)
        assert 1 <= len(tags) <= tagger.weights.max_contexts
        # By the probability that decides: the classifier's where it has a model, else the rules' weighing.
        scored = tagger.scored(event, art)
        assert [t for t, _ in scored] == list(tags)
        assert [p for _, p in scored] == sorted((p for _, p in scored), reverse=True)


def test_no_events_no_work():
    assert TAGGER.tag("Some text.", []) == ()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["troops", "court", "IS", "refugees", "nuclear", "talks", "tariffs", "police", "women",
                                 "protest", "Islamic State", "hackers", "election", "the", "said", ".", "war", "oil"]),
                min_size=3, max_size=40))
def test_every_emitted_context_is_a_manual_name(words):
    text = " ".join(words) + " ended."
    out = TAGGER.tag(text, [event_at(text, text, "ended", "ASSAULT", actor=(Entity("x", None, "USA", "MIL"),),
                                     cameo="190", context=("future",))])[0]
    assert set(out.context) <= set(GENERAL_CONTEXTS) | {"future"}
    assert general_contexts(out.context) == {t.name for t in out.context_evidence}
    for t in out.context_evidence:
        assert t.level in ("sentence", "paragraph", "article")
        assert t.start is None or text[t.start : t.end] == t.text


def test_attribution_and_lookalike_words_are_not_cues():
    # "told reporters", "state media", "according to", "criticized", "important", "a couple" are how
    # news is written, not policy areas; the words they resemble still count.
    text = "The minister told reporters, according to state media, that the important couple criticized the ban."
    found = {ev.name for ev in TAGGER.evidence(event_at(text, text, "told", "ACCUSE"), TAGGER.read(text))}
    assert found == set()
    text = "The accord on press freedom ended the coup and cut imports."
    found = {ev.name for ev in TAGGER.evidence(event_at(text, text, "ended", "AGREE"), TAGGER.read(text))}
    assert {"rights_freedoms", "diplomatic", "economic", "political_institutions", "pro_autocracy"} <= found
