"""What the scorer reads of a sentence: its words (for word and character
n-grams) and a few cues from the parse and the lexicon.

The parse cues are strings ("pred:attack", "lex:ASSAULT", "neg") so that one
DictVectorizer holds them; they come from dependency labels, tags and the
trigger lexicon, never from a word list in code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dyad.coding.lexicon import Lexicon
from dyad.coding.triggers import TriggerMatch

# Dependents of the predicate worth a feature of their own (label:lemma).
ARGUMENT_DEPS = frozenset("dobj nsubj nsubjpass xcomp prep agent dative attr acomp".split())
CLAUSE_DEPS = frozenset("ccomp xcomp advcl conj".split())
NAMED_DEPS = frozenset("nsubj nsubjpass dobj".split())


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    text: str
    parse: tuple[str, ...]


def predicate(sent: Span, lexicon: Lexicon) -> Token:
    """The clause's predicate: the root verb, or what a reporting root reports
    ("Russia said it attacked …" → attacked)."""
    root = sent.root
    if root.lemma_.lower() in lexicon.reporting_verbs:
        for c in root.children:
            if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
                return c
    return root


def reporting_head(tok: Token, lexicon: Lexicon, depth: int = 4) -> Token | None:
    """The reporting verb or noun whose content the clause of ``tok`` is ("Syria said it
    would …", "its announcement that it would …"), through control and conjunction; else None."""
    node = tok
    for _ in range(depth):
        head, dep = node.head, node.dep_
        if head is node:
            return None
        lemma = head.lemma_.lower()
        if dep in ("ccomp", "parataxis") and lemma in lexicon.reporting_verbs:
            return head
        if dep in ("acl", "ccomp") and lemma in lexicon.reporting_nouns:
            return head
        if dep not in ("xcomp", "conj", "ccomp"):
            return None
        node = head
    return None


def is_reported(tok: Token, lexicon: Lexicon) -> bool:
    return reporting_head(tok, lexicon) is not None


def _clause_cues(tok: Token, prefix: str) -> Iterable[str]:
    yield f"{prefix}:{tok.lemma_.lower()}"
    yield f"{prefix}_tag:{tok.tag_}"
    for c in tok.children:
        if c.dep_ in ARGUMENT_DEPS:
            yield f"{prefix}_{c.dep_}:{c.lemma_.lower()}"
            if c.dep_ in NAMED_DEPS:  # a name, a pronoun or a common noun acts or is acted on
                yield f"{prefix}_{c.dep_}_tag:{c.tag_}"
        elif c.dep_ == "neg":
            yield f"{prefix}_neg"
        elif c.tag_ == "MD":
            yield f"{prefix}_md:{c.lower_}"
        elif c.dep_ == "mark":
            yield f"{prefix}_mark:{c.lower_}"
        elif c.dep_ in CLAUSE_DEPS and c.pos_ in ("VERB", "AUX"):
            yield f"{prefix}_{c.dep_}:{c.lemma_.lower()}"


def sentence_features(sent: Span, triggers: Sequence[TriggerMatch], lexicon: Lexicon) -> SentenceFeatures:
    """The features of one sentence; ``triggers`` are the Doc's lexicon matches."""
    cues: set[str] = set()
    root = sent.root
    cues.update(_clause_cues(root, "root"))
    pred = predicate(sent, lexicon)
    if pred is not root:
        cues.update(_clause_cues(pred, "pred"))
    for m in triggers:
        if not sent.start <= m.head.i < sent.end:
            continue
        cues.add(f"trig:{m.head.lemma_.lower()}")
        for p in m.patterns:
            cues.add(f"lex:{p.event}")
            cues.add(f"lex_{p.kind}:{p.event}")
        if m.head.i == pred.i or m.head.head.i == pred.i:
            cues.add(f"lex_pred:{m.patterns[0].event}")
        # where the trigger sits in the clause: "launched an assault" (dobj), "plans to attack" (xcomp)
        cues.add(f"lex_dep:{m.patterns[0].event}:{m.head.dep_}")
    for t in sent:
        if t.dep_ == "neg":
            cues.add("neg")
        elif t.tag_ == "MD":
            cues.add(f"md:{t.lower_}")
    return SentenceFeatures(sent.text.strip(), tuple(sorted(cues)))
