"""Issue 13, PLV recall by type: wording the PLOVER manual puts in RETREAT, CONCEDE, AID,
REQUEST, SUPPORT and THREATEN that the lexicon lacked, and a threat's condition that blocked
the threat. Sentences are our own. A hand-built Doc (no model) for the threat's condition;
marked ``model``, the rule coder over the real parse."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from dyad.coding import EventCoder
from dyad.coding.lexicon import default_lexicon
from dyad.coding.negation import find_blocker
from dyad.records import Article, Entity, Mention

VOCAB = spacy.blank("en").vocab
CODES = {"Iran": "IRN", "Israel": "ISR"}


def threat_doc(verb: str, tag: str, aux: str | None = None) -> Doc:
    """"Iran [aux] VERB to strike Israel if Israel attacks ." with the parser's attachment
    of the "if" clause to the threatening verb."""
    words = ["Iran", *([aux] if aux else []), verb, "to", "strike", "Israel", "if", "Israel", "attacks", "."]
    v = 2 if aux else 1
    rows = [("Iran", v, "nsubj", "PROPN", "NNP", "Iran")]
    if aux:
        rows.append((aux, v, "aux", "AUX", "MD", aux))
    rows += [
        (verb, v, "ROOT", "VERB", tag, "threaten"), ("to", v + 2, "aux", "PART", "TO", "to"),
        ("strike", v, "xcomp", "VERB", "VB", "strike"), ("Israel", v + 2, "dobj", "PROPN", "NNP", "Israel"),
        ("if", v + 6, "mark", "SCONJ", "IN", "if"), ("Israel", v + 6, "nsubj", "PROPN", "NNP", "Israel"),
        ("attacks", v, "advcl", "VERB", "VBZ", "attack"), (".", v, "punct", "PUNCT", ".", "."),
    ]
    assert [r[0] for r in rows] == words
    _, heads, deps, pos, tags, lemmas = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def name_mentions(doc: Doc) -> list[Mention]:
    out = []
    for tok in doc:
        if tok.text in CODES:
            entity = Entity(entity_text=tok.text, entity_name=tok.text, code=CODES[tok.text], sector=None, kind="country",
                            start=tok.idx, end=tok.idx + len(tok.text), resolution="test")
            out.append(Mention(tok.i, tok.i + 1, tok.i, (entity,), tok.text))
    return out


def threats(doc: Doc) -> list[str | None]:
    return [c.blocked for c in EventCoder().code_doc(doc, name_mentions(doc)) if c.event == "THREATEN"]


@pytest.mark.parametrize(("verb", "tag"), [("threatened", "VBD"), ("threatens", "VBZ"), ("has threatened", "VBN")])
def test_a_threat_made_on_a_condition_is_a_threat(verb, tag):
    # the condition is the threat's content, not a condition on the threat being made
    aux, _, word = verb.rpartition(" ")
    doc = threat_doc(word, tag) if not aux else threat_doc(word, tag, aux)
    assert threats(doc) == [None]


def test_a_threat_only_to_be_made_on_a_condition_is_not_one():
    # "Iran would threaten … if Israel attacks": the threat itself is hypothetical
    assert [b for b in threats(threat_doc("threaten", "VB", "would")) if b is not None]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "event", "cameo"),
    [
        # AID: money given or lent, goods donated or flown in, training, refugees taken in
        ("Japan lent $2 billion to Pakistan for its recovery.", "AID", "071"),
        ("Germany gave 40 million euros to Ukraine last week.", "AID", "071"),
        ("France donated a shipment of vaccines to Egypt.", "AID", "070"),
        ("The charity flew 20 tons of medicine into Ukraine.", "AID", "070"),
        ("US instructors are training Ukrainian soldiers in Germany.", "AID", "072"),
        ("Germany accepted 900 refugees from Pakistan in June.", "AID", "075"),
        ("France took in 3,000 refugees from Iran last year.", "AID", "075"),
        # RETREAT: tariffs cut, aid and access allowed, a cessation of hostilities
        ("The US reduced tariffs on Chinese steel.", "RETREAT", "085"),
        ("The US rolled back tariffs on goods from China.", "RETREAT", "085"),
        ("Israel allowed humanitarian relief into the north of the strip.", "RETREAT", "0863"),
        ("Pakistan gave the US permission to use its airspace.", "RETREAT", "0863"),
        ("Russia declared a cessation of hostilities in eastern Ukraine.", "RETREAT", "0871"),
        # CONCEDE: a decision reversed, a pardon granted, demands accepted
        ("India reversed its decision to ban the newspaper.", "CONCEDE", "0832"),
        ("The president of Egypt granted a pardon to the jailed activist.", "CONCEDE", "081"),
        ("Iran accepted the demands of the striking workers.", "CONCEDE", "083"),
        # REQUEST: a request for refuge
        ("Thousands of families from Ukraine have sought refuge in Germany.", "REQUEST", "023"),
        # SUPPORT, not AGREE: a pledge of support is verbal backing (the manual's SUPPORT)
        ("China pledged its full support for Pakistan's government.", "SUPPORT", "051"),
        # SUPPORT: a deal's text agreed is a deal finalized
        ("India and Japan agreed on the final text of a trade deal.", "SUPPORT", "057"),
    ],
)
def test_the_wording_codes_its_type(code, text, event, cameo):
    assert (event, cameo) in {(e, c) for e, c, _, _ in code(text)}, code(text)


@pytest.mark.model
def test_a_pledge_of_aid_stays_a_promise(code):
    # the manual: "broad promises of future AID should be coded as AGREE"
    assert ("AGREE", "033") in {(e, c) for e, c, _, _ in code("Japan pledged aid to Pakistan.")}


@pytest.mark.model
def test_a_refused_refugee_intake_is_a_refusal_not_aid(code):
    events = {e for e, _, _, _ in code("Israel refused to accept refugees from Iran.")}
    assert "AID" not in events and "REJECT" in events


def waiting_doc(aux: list[tuple[str, str, str]], verb: str, verb_tag: str) -> Doc:
    """"Workers AUX VERB until Iran meets their demands ." (aux: (word, tag, dep) rows)."""
    rows = [("Workers", len(aux) + 1, "nsubj", "NOUN", "NNS", "worker")]
    rows += [(w, len(aux) + 1, dep, "AUX" if dep == "aux" else "PART", tag, w.lower()) for w, tag, dep in aux]
    v = len(rows)
    rows += [
        (verb, v, "ROOT", "VERB", verb_tag, verb), ("until", v + 3, "mark", "SCONJ", "IN", "until"),
        ("Iran", v + 3, "nsubj", "PROPN", "NNP", "Iran"), ("meets", v, "advcl", "VERB", "VBZ", "meet"),
        ("their", v + 5, "poss", "PRON", "PRP$", "their"), ("demands", v + 3, "dobj", "NOUN", "NNS", "demand"),
        (".", v, "punct", "PUNCT", ".", "."),
    ]
    words, heads, deps, pos, tags, lemmas = (list(x) for x in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def test_what_a_refusal_waits_on_has_not_happened():
    lex = default_lexicon()
    waiting = waiting_doc([("will", "MD", "aux"), ("not", "RB", "neg")], "strike", "VB")
    assert find_blocker(waiting[6], lex).reason == "awaited: until"  # "meets": not (yet) met
    done = waiting_doc([], "struck", "VBD")
    assert find_blocker(done[4], lex).reason is None  # "struck until Iran met their demands": met


@pytest.mark.model
def test_camps_that_shelter_refugees_give_no_aid(code):
    # a description of a place, not an act of asylum
    assert "AID" not in {e for e, _, _, _ in code("Two camps in Pakistan shelter 300,000 refugees from Iran.")}


@pytest.mark.model
def test_borders_opened_to_refugees_are_asylum(pipeline):
    # the manual's AID (asylum to persons in its territory), not RETREAT's access of a third party
    article = Article(id="t", date=dt.date(2025, 3, 1), text="Pakistan opened its borders to refugees from Iran.")
    assert [(e.event, e.cameo) for e in pipeline.code(article)] == [("AID", "075")]
    article = Article(id="t", date=dt.date(2025, 3, 1), text="Egypt opened the Rafah crossing to aid convoys on Monday.")
    assert [(e.event, e.mode) for e in pipeline.code(article)] == [("RETREAT", "access")]


@pytest.mark.model
def test_refuge_sought_from_a_storm_is_no_request(code):
    assert "REQUEST" not in {e for e, _, _, _ in code("About 3,000 people sought refuge in shelters during the storm.")}
