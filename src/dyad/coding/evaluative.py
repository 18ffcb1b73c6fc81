"""Disapproval said with an evaluative predicate: "Russia said the move by Ukraine was
unacceptable", "Iran called the verdict inhumane", "China is disappointed by the US decision".

The speaker (or the disappointed party) is the actor; the party the judged thing
belongs to (its possessor, modifier or by-phrase, or the judged party itself) is the
recipient. A judged accusation or claim is rejected (REJECT), anything else is
disapproved (ACCUSE). Both parties must be named, so "the weather was unacceptable" and
"disappointed with the result of the match" stay uncoded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from dyad.coding.arguments import Found, MentionIndex, mentions_for, noun_actor_tokens, subject_of
from dyad.coding.lexicon import Lexicon
from dyad.coding.negation import find_blocker
from dyad.records import Candidate

SUBJECTS = ("nsubj", "nsubjpass")
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(frozen=True, slots=True)
class EvaluativeWords:
    """The editable word lists of data/evaluative.yaml."""

    disapproval: frozenset[str]
    emotions: frozenset[str]
    emotion_preps: frozenset[str]
    naming_verbs: frozenset[str]
    claim_nouns: frozenset[str]


@functools.cache
def load_evaluative_words() -> EvaluativeWords:
    text = resources.files("dyad.coding").joinpath("data/evaluative.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return EvaluativeWords(**{k: frozenset(str(w).lower() for w in raw[k]) for k in EvaluativeWords.__slots__})


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One evaluative predicate: who judged (a token), what was judged, and how it was found."""

    predicate: Token
    clause: Token  # where negation and modals sit: the copula or the naming verb
    judge: Token | None
    judge_how: str
    judged: Token
    form: str


def find_evaluations(doc: Doc, words: EvaluativeWords, lex: Lexicon) -> Iterator[Evaluation]:
    for tok in doc:
        low = tok.lower_
        if low in words.emotions:
            yield from emotion_evaluation(tok, words)
        elif low in words.disapproval or tok.lemma_.lower() in words.disapproval:
            found = named_evaluation(tok, words) or copula_evaluation(tok, lex)
            if found is not None:
                yield found


def emotion_evaluation(tok: Token, words: EvaluativeWords) -> Iterator[Evaluation]:
    """"X is deeply disappointed by Y's decision": spaCy may parse the adjective as a passive verb."""
    holder = tok.head if tok.dep_ == "acomp" else tok
    subj = next((c for c in holder.children if c.dep_ in SUBJECTS), None)
    if subj is None:
        subj_tok, how = subject_of(holder)
        subj, judge_how = subj_tok, how or "subject"
    else:
        judge_how = "subject"
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words.emotion_preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield Evaluation(tok, holder, subj, f"{judge_how} (feeling)", p, f"{tok.lower_} {c.lower_}")


def named_evaluation(tok: Token, words: EvaluativeWords) -> Evaluation | None:
    """"called the verdict inhumane", "described the charges as baseless"."""
    verb = tok.head
    if tok.dep_ in ("amod", "pobj", "acomp") and verb.lower_ == "as" and verb.dep_ == "prep":
        verb = verb.head
    elif tok.dep_ not in ("oprd", "ccomp", "xcomp", "acomp"):
        return None
    if verb.lemma_.lower() not in words.naming_verbs:
        return None
    # spaCy may make the object a second "oprd": "called Pakistan's assertions baseless"
    obj = next((c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "oprd" and c.i < tok.i and c.pos_ in NOMINAL)), None)
    if obj is None and tok.dep_ in ("ccomp", "xcomp"):  # "called the verdict inhumane" as a small clause
        obj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if obj is None:
        return None
    subj, how = subject_of(verb)
    return Evaluation(tok, verb, subj, how or "subject", obj, f"{verb.lemma_.lower()} … {tok.lower_}")


def copula_evaluation(tok: Token, lex: Lexicon) -> Evaluation | None:
    """"Russia said the move by Ukraine was unacceptable": the reporter judges the copula's subject."""
    if tok.dep_ != "acomp" or tok.head.lemma_.lower() != "be":
        return None
    cop = tok.head
    judged = next((c for c in cop.children if c.dep_ in SUBJECTS), None)
    if judged is None:
        return None
    if cop.dep_ in ("ccomp", "parataxis"):
        say = cop.head
    else:  # a quote first: "'Japan's move is unacceptable,' Wang said"
        say = next((c for c in cop.children if c.dep_ in ("ccomp", "parataxis") and c.i > tok.i), cop)
    if say is cop or say.lemma_.lower() not in lex.reporting_verbs:
        return None
    subj, how = subject_of(say)
    return Evaluation(tok, cop, subj, f"speaker ({how or 'subject'})", judged, f"{cop.lower_} {tok.lower_}")


def judged_parties(judged: Token, index: MentionIndex) -> Found:
    """The judged party itself, or whose the judged thing is: "Japan's decision", "the move by Ukraine"."""
    found = mentions_for(judged, index, "judged")
    if found.mentions:
        return found
    for t, how in noun_actor_tokens(judged, ("poss", "by", "amod", "compound")):
        found = mentions_for(t, index, f"{how} of {judged.lower_}")
        if found.mentions:
            return found
    for acl in (c for c in judged.children if c.dep_ == "acl"):  # "the step taken by Germany"
        for t, how in noun_actor_tokens(acl, ("by",)):
            found = mentions_for(t, index, f"{how} of {judged.lower_}")
            if found.mentions:
                return found
    return Found((), "")


def code_evaluations(
    doc: Doc, index: MentionIndex, lex: Lexicon, evaluations: Sequence[Evaluation] | None = None
) -> list[Candidate]:
    """ACCUSE/REJECT candidates from evaluative predicates whose judge and judged party are both named.

    ``evaluations``: found once by the triggers stage; found here when not given.
    """
    words = load_evaluative_words()
    out: list[Candidate] = []
    found = evaluations if evaluations is not None else list(find_evaluations(doc, words, lex))
    for ev in found:
        actor = mentions_for(ev.judge, index, ev.judge_how)
        recipient = judged_parties(ev.judged, index)
        rec = tuple(m for m in recipient.mentions if m not in actor.mentions)
        if not actor.mentions or not rec:
            continue
        rejects = ev.judged.lemma_.lower() in words.claim_nouns
        event, mode, cameo = ("REJECT", None, "120") if rejects else ("ACCUSE", "disapprove", "111")
        blocking = find_blocker(ev.clause, lex)
        out.append(
            Candidate(
                trigger_head=ev.predicate.i,
                trigger_tokens=(ev.predicate.i,),
                event=event,
                mode=mode,
                cameo=cameo,
                actor=actor.mentions,
                recipient=rec,
                rule=f"evaluative '{ev.form}' (evaluative.yaml); actor: {actor.how}; recipient: {recipient.how}",
                confidence=0.65,
                context=blocking.context,
                blocked=blocking.reason,
            )
        )
    return out
