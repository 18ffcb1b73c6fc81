"""What did not happen is not an event: negation, modality, conditionals, questions.

``find_blocker`` walks from a trigger up its clause chain and returns why the
event is not real ("negation: did not", "modality: could", "refusal: refused
to", "conditional: if" …) or ``None``, plus PLOVER special contexts that do not
block (``future`` for "will meet").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyad.coding.lexicon import Lexicon
from dyad.lang import english

# Edges along which the trigger's own clause continues (control and shared auxiliaries).
OWN_CLAUSE_DEPS = ("xcomp",)
# Edges from a complement up to the word that governs it.
COMPLEMENT_DEPS = frozenset("xcomp ccomp acl pcomp pobj prep dobj conj advcl relcl".split())
MAX_CLIMB = 8


@dataclass(frozen=True, slots=True)
class Blocking:
    reason: str | None  # None: the event happened (as far as the text says)
    context: tuple[str, ...] = ()
    negator: Token | None = None  # the refusing word, for "refused to meet" → REJECT


def shares_auxiliary(tok: Token) -> bool:
    """A bare verb conjoined to another shares its auxiliaries: "did not attack or shell"."""
    return tok.dep_ == "conj" and tok.tag_ == "VB" and tok.head.pos_ in ("VERB", "AUX")


def check_clause(tok: Token, context: list[str]) -> str | None:
    """Negation and modality marked on the clause headed by ``tok`` (the cues: dyad/lang/en/modality.yaml)."""
    cues = english().modality
    for c in tok.children:
        word = c.lower_
        if c.dep_ == "neg":
            aux = next((a.text for a in tok.children if a.dep_ == "aux" and a.i < c.i), "")
            return f"negation: {(aux + ' ' + c.text).strip()}"
        if c.dep_ == "det" and word in cues.negative_determiners:
            return f"negation: {c.text}"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and (d := next((d for d in c.children if d.dep_ == "det" and d.lower_ in cues.negative_determiners), None)):
            return f"negation: {d.text} {c.text}"  # "no passengers were killed", "imposed no sanctions"
        if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
            if word in cues.blocking_modals:
                # "would not give": a negated "would" is a refusal (modality.yaml refusing_negations),
                # not a stated intention; the negation comes after the modal it negates
                neg = next((n for n in tok.children if n.dep_ == "neg" and n.i > c.i), None)
                if neg is not None and f"{word} {neg.lower_}" in cues.refusing_negations:
                    return f"negation: {c.text} {neg.text}"
                return f"modality: {c.text}"
            if word in cues.future_modals and "future" not in context:
                context.append("future")
        if c.dep_ == "mark" and word in cues.conditional_marks:
            return f"conditional: {c.text}"
        if c.dep_ == "advmod" and word == "never":
            return f"negation: {c.text}"
        if c.dep_ == "advmod" and word in cues.habitual_adverbs:
            return f"habitual: {c.text}"
        if c.dep_ == "advcl" and (reason := check_conditional(c)):  # the "then" half of an "if"
            return reason + " (consequence)"
    return None


def find_blocker(trigger: Token, lex: Lexicon) -> Blocking:
    context: list[str] = []
    # A stative "be to blame" describes, it does not accuse.
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ == "be":
        return Blocking(f"state: {trigger.head.text} to {trigger.text}")
    sent = trigger.sent
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        return Blocking("question")

    node, own_clause = trigger, True
    for _ in range(MAX_CLIMB):
        if own_clause or node.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
            reason = check_clause(node, context) if own_clause else check_conditional(node)
            if reason:
                return Blocking(reason, tuple(context))
        head, dep = node.head, node.dep_
        if head is node or dep not in COMPLEMENT_DEPS:
            break
        if dep in ("conj", "advcl", "relcl"):
            # A conjoined finite verb, adverbial or relative clause is its own assertion;
            # only a shared auxiliary ("did not attack or shell") carries over.
            if not (dep == "conj" and own_clause and shares_auxiliary(node)):
                if dep == "advcl" and (reason := check_conditional(node) or check_awaited(node)):
                    return Blocking(reason, tuple(context))
                break
        lemma = head.lemma_.lower()
        kind = lex.negator_kind(lemma)
        if kind in ("refuse", "deny", "fail", "avoid") and dep != "prep":  # "declined to 230,000 after …" is no refusal
            return Blocking(f"{kind_label(kind)}: {head.text}", tuple(context), negator=head)
        if kind == "intent" and head.pos_ in ("VERB", "AUX"):
            return Blocking(f"intent: {head.text}", tuple(context), negator=head)
        if head.lower_ == "without" and dep in ("pcomp", "pobj"):
            return Blocking("negation: without", tuple(context))
        if lemma in lex.negators["hypothetical"] and head.pos_ == "NOUN" and dep in ("acl", "prep", "pobj"):
            # a noun that is also an intent verb: "its plan to annex" is not an act
            return Blocking(f"hypothetical: {head.text}", tuple(context))
        # Negation and modals of a governing verb reach the trigger only through control.
        own_clause = own_clause and (dep in OWN_CLAUSE_DEPS or (dep == "conj" and shares_auxiliary(node)))
        node = head
    return Blocking(None, tuple(context))


def check_conditional(tok: Token) -> str | None:
    marks = english().modality.conditional_marks
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in marks:
            return f"conditional: {c.text}"
    return None


def check_awaited(tok: Token) -> str | None:
    """A clause that a negated or modal clause waits on: "will not end the strike until
    their demands are met" (the demands are not met); after a plain past it is real."""
    cues = english().modality
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in cues.awaiting_marks), None)
    head = tok.head
    waits = any(c.dep_ == "neg" or (c.dep_ in ("aux", "auxpass") and c.tag_ == "MD") for c in head.children)
    return f"awaited: {mark.text}" if mark is not None and waits else None


def kind_label(kind: str) -> str:
    return {"refuse": "refusal", "deny": "denial", "fail": "failure", "avoid": "avoidance"}[kind]
