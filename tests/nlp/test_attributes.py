"""FastAttributeRuler must return exactly what spaCy's stock AttributeRuler returns."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dyad.nlp.attributes import FastAttributeRuler, use_fast_attribute_ruler
from dyad.nlp.model import load_stock_model
from dyad.nlp.paragraphs import add_paragraph_boundaries

# Invented texts that reach the ruler's special patterns, then ordinary prose.
TEXTS = [
    "I ain't going, and y'all can't make me. She said nothin' about it. They ain't seen nuthin' yet.",
    "We don't know. He didn't say and it isn't clear. You shouldn't go, I won't. It's not over, they're not done.",
    "There is a risk. There are two options, and there were many talks. There's no deal; there's hope.",
    "They gave it to me and told you. She saw I and you at the market. Take it. He handed it over to you.",
    "I do my homework. They have three cars. He does the dishes, she did the laundry and they had lunch.",
    "We had done it before we did it again. I have been there. Do you have it? Did they have a plan?",
    "That is what he wants. Which do you prefer? The plan that failed, which we drafted, is dead. This was it.",
    "Although talks stalled, officials met because the deadline neared. If the vote passes, whether or not he agrees, the law stands unless courts object.",
    "Gon na win this. We got ta go. Let's talk. C'm on, y' all know ol' Bob's comin' 'round. Get 'em. 'Nuff said, we 'll see. I'd go, you'd stay.",
    "Foreign ministers from both countries met in the capital on Tuesday.\n\n"
    "The talks, which lasted  three hours, focused on trade and security.   A spokesman said the two "
    "sides agreed to hold another round next month.\n \n"
    "\tOpposition leaders criticized the meeting, saying the government had not consulted parliament. "
    "Police detained 12 protesters outside the ministry, officials said.",
    "The president, who took office in 2021, signed the decree late on Friday. It gets cheaper; he got it. "
    "But the rebels rejected it, and fighting resumed near the border town, where 30 people were killed.",
    "Ca n't stop, sha n't stop, wo n't stop. Doin' fine and goin' home with somethin' for 'em.",
    "Someone told everyone that nobody saw anything. Anybody can help; everybody could try, and something "
    "might change. Nothing must stop us, and anyone may call him or her or them. Somebody would ask us.",
    "Mine is here, his is there and hers is gone; ours, yours and theirs remain. I hurt myself, you hurt "
    "yourself, he hurt himself, she hurt herself, it fixed itself, we helped ourselves, you helped "
    "yourselves, they helped themselves, and one of them blamed themself.",
    "My, your, his, her, its, our and their plans changed once. Then it went well. I am here. Being "
    "honest, he had had enough, and she'd left. He has been working; I'm told it's raining. But go!",
]


def _stock_nlp() -> Language:
    """The installed model package, loaded directly so the dyad swap does not touch it."""
    nlp = load_stock_model()
    if nlp is None:
        pytest.skip("no English spaCy model installed")
    add_paragraph_boundaries(nlp)  # dyad's pipeline has it too; it changes parses, not the ruler
    return nlp


@pytest.fixture(scope="module")
def stock() -> Language:
    return _stock_nlp()


def _token_rows(doc: Doc) -> list[tuple[str, str, str, str, str, int]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.mark.model
def test_dyad_model_uses_the_fast_ruler_in_the_stock_position(nlp, stock):
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(stock.get_pipe("attribute_ruler"), AttributeRuler)
    assert nlp.pipe_names == stock.pipe_names
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


@pytest.mark.model
def test_all_stock_patterns_are_compiled(nlp):
    fast = nlp.get_pipe("attribute_ruler")
    assert len(fast.matcher) == 0
    assert {r.attr_id for r in fast.rules} == set(range(len(fast.stock.attrs)))


@pytest.mark.model
@pytest.mark.parametrize("text", TEXTS)
def test_annotations_equal_the_stock_pipeline(nlp, stock, text):
    ours, theirs = nlp(text), stock(text)
    assert [t.text for t in ours] == [t.text for t in theirs]
    assert _token_rows(ours) == _token_rows(theirs)


@pytest.mark.model
def test_match_lists_equal_the_stock_ruler(nlp, stock):
    stock_ruler = stock.get_pipe("attribute_ruler")
    fast = nlp.get_pipe("attribute_ruler")
    cold = FastAttributeRuler(stock_ruler)
    seen_attr_ids: set[int] = set()
    for doc in stock.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        expected = stock_ruler.match(doc)
        assert fast.match(doc) == expected
        assert cold.match(doc) == expected
        seen_attr_ids |= {m[0] for m in expected}
    # The texts reach the special rules, not only the tag map (rules 0-55).
    special = [p for i, p in enumerate(stock_ruler.patterns) if i in seen_attr_ids and i > 55]
    assert len(special) >= 90


def _tiny_ruler() -> tuple[AttributeRuler, Doc]:
    """A ruler over a blank vocab with hand-annotated tokens: no model needed."""
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": "NN", "LOWER": "cat"}], [{"LOWER": {"IN": ["cat", "dog"]}}]], {"LEMMA": "pet"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"LOWER": "big"}, {"LOWER": "big"}]], {"LEMMA": "large"}, index=-1)
    ruler.add([[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]], {"LEMMA": "the"})  # an operator: Matcher
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP"})
    ruler.add([[{"TEXT": "Cat", "IS_TITLE": True}]], {"LEMMA": "Cat"})
    words = ["There", "is", "the", "Cat", "and", "a", "big", "big", "big", "dog", "to", "nuthin'", "\n", "go"]
    tags = ["EX", "VBZ", "DT", "NN", "CC", "DT", "JJ", "JJ", "JJ", "NN", "TO", "NN", "_SP", ""]
    deps = ["expl", "ROOT", "det", "nsubj", "cc", "det", "amod", "amod", "amod", "conj", "aux", "dobj", "dep", ""]
    doc = Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[1] * 12 + [12, 13])
    return ruler, doc


def test_match_equals_the_stock_matcher_on_hand_built_tokens():
    ruler, doc = _tiny_ruler()
    fast = FastAttributeRuler(ruler)
    expected = ruler.match(doc)
    assert fast.match(doc) == expected
    assert fast.match(doc) == expected  # again, from the memo
    # "Cat" matches both alternatives of rule 1 but, as in the Matcher, once.
    key = ruler.vocab.strings["1"]
    assert [m for m in expected if m[0] == 1] == [(1, key, 3, 4), (1, key, 9, 10)]
    assert len(fast.matcher) == 1  # only the pattern with an operator is left to the Matcher
    # Overlapping multi-token matches are all reported: "big big big" gives two.
    assert [(s, e) for a, _, s, e in expected if a == 5] == [(6, 8), (7, 9)]


def test_set_annotations_are_the_stock_ones():
    ruler, doc = _tiny_ruler()
    _, other = _tiny_ruler()
    ruler(doc)
    FastAttributeRuler(ruler)(other)
    assert [(t.tag_, t.pos_, t.lemma_) for t in doc] == [(t.tag_, t.pos_, t.lemma_) for t in other]


def test_use_fast_attribute_ruler_keeps_position_and_patterns():
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add([[{"LOWER": "cats"}]], {"LEMMA": "cat"})
    nlp.add_pipe("sentencizer")
    use_fast_attribute_ruler(nlp)
    fast = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, FastAttributeRuler)
    assert nlp.pipe_names == ["attribute_ruler", "sentencizer"]
    assert nlp("Cats purr.")[0].lemma_ == "cat"
    assert fast.patterns == [{"patterns": [[{"LOWER": "cats"}]], "attrs": {"LEMMA": "cat"}, "index": 0}]


def test_use_fast_attribute_ruler_leaves_a_pipeline_without_one_alone():
    nlp = spacy.blank("en")
    use_fast_attribute_ruler(nlp)
    assert nlp.pipe_names == []
