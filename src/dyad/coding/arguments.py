"""Who did it, to whom, and who said so: event arguments from the dependency parse.

Everything here maps parse tokens to the actor resolver's ``Mention`` records;
a token no mention covers is searched for mentions in its noun phrase
("the Kremlin's forces" → Kremlin, "the governor, Pavlo Kyrylenko" → Kyrylenko).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.lang import english
from dyad.records import Mention

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "obj")
SALIENT_DEPS = ("nsubj", "nsubjpass", "poss")


@dataclass(frozen=True, slots=True)
class Found:
    """Mentions found for an argument slot, and how (shown by ``dyad explain``)."""

    mentions: tuple[Mention, ...]
    how: str


NOTHING = Found((), "")


class MentionIndex:
    """Token → mention lookups for one Doc."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.doc = doc
        self.mentions = tuple(mentions)
        self.at: list[Mention | None] = [None] * len(doc)
        # Shorter mentions win a token, so "Russia" inside a longer span stays findable.
        for m in sorted(self.mentions, key=lambda m: m.start_token - m.end_token):
            for i in range(max(m.start_token, 0), min(m.end_token, len(doc))):
                self.at[i] = m
        # Mentions by start, for scans of one sentence: a scan of the whole Doc per trigger made
        # long articles quadratic (55k sentences: hours).
        self._by_start = sorted(range(len(self.mentions)), key=lambda i: self.mentions[i].start_token)
        self._starts = [self.mentions[i].start_token for i in self._by_start]
        self._longest = max((m.end_token - m.start_token for m in self.mentions), default=0)

    def near(self, start: int, end: int) -> tuple[Mention, ...]:
        """Every mention that may hold a token of ``[start, end)``, in the index's order (a superset:
        callers keep their own test)."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return tuple(self.mentions[i] for i in sorted(self._by_start[lo:hi]))

    def covering(self, tok: Token) -> Mention | None:
        return self.at[tok.i]

    def in_phrase(self, tok: Token, depth: int = 0) -> tuple[Mention, ...]:
        """Mentions that name the noun phrase headed by ``tok`` (with its conjuncts)."""
        found = self.in_head_phrase(tok, depth)
        for conj in tok.children:
            if conj.dep_ == "conj":
                found += tuple(m for m in self.in_phrase(conj, depth + 1) if m not in found)
        return found

    def in_head_phrase(self, tok: Token, depth: int) -> tuple[Mention, ...]:
        m = self.covering(tok)
        if m is not None:
            return (m,)
        if depth > 3 or tok.lemma_.lower() in english().events.incident_nouns:
            return ()
        kids = list(tok.children)
        # "his Nepali counterpart", "their Iranian allies": a pronoun possessor names the
        # other side, the modifier who the phrase is; a named possessor comes first
        named_poss = not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in kids)
        order = (("appos",), ("poss",), ("compound", "amod", "nmod")) if named_poss else (("appos",), ("compound", "amod", "nmod"), ("poss",))
        for deps in order:
            for c in kids:
                if c.dep_ in deps and (m := self.covering(c)) is not None:
                    # "French and German ministers": the modifier's conjuncts name parties too
                    more = (self.covering(x) for x in c.children if x.dep_ == "conj")
                    return (m, *(x for x in more if x is not None and x is not m))
        for c in kids:  # "the lower house of Russia's parliament"
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and (found := self.in_head_phrase(p, depth + 1)):
                        return found
        for c in kids:  # "cooperation between Russia and North Korea" names both parties
            if c.dep_ == "prep" and c.lower_ == "between":
                for p in c.children:
                    if p.dep_ == "pobj" and (found := self.in_phrase(p, depth + 1)):
                        return found
        return ()


def unwrap_object(tok: Token) -> Token:
    """"a series of drills" → drills; "the resumption of inspections" → inspections."""
    for _ in range(2):
        if tok.lemma_.lower() not in english().events.wrapper_nouns:
            break
        inner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)
        if inner is None:
            break
        tok = inner
    return tok


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or is_passive_participle(verb)


def is_passive_participle(verb: Token) -> bool:
    """"sanctions imposed on Russia"; not "strikes killed 30 people", a finite verb
    the parser took for a participle (a passive participle has no direct object)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in OBJECT_DEPS for c in verb.children)


def object_of(verb: Token) -> Token | None:
    """The (unwrapped) thing acted on: direct object, passive subject, or the noun a participle modifies."""
    for c in verb.children:
        if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass":
            return unwrap_object(c)
    if is_passive_participle(verb):  # "sanctions imposed on Russia"
        return unwrap_object(verb.head)
    for c in verb.children:  # "call off the talks": the object may hang on the particle
        if c.dep_ in ("prt", "prep"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return unwrap_object(p)
    return None


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def for_mark(verb: Token) -> Token | None:
    """The "for" of a clause asked for: "called for Israel *to withdraw*" (the parser's advcl)."""
    if verb.dep_ not in ("advcl", "ccomp"):
        return None
    return next((m for m in verb.children if m.dep_ == "mark" and m.lower_ == "for"), None)


def subject_of(verb: Token, depth: int = 0, controls: bool = False) -> tuple[Token | None, str]:
    """The token that does ``verb``, following control, conjunction and relative clauses.

    ``controls``: we came from an infinitive, so a passive head's subject is its
    controller ("Obama is scheduled to attend").
    """
    if depth > 6:
        return None, ""
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            if verb.dep_ == "relcl" and c.lower_ in english().pronouns.relative:
                noun = verb.head.head if verb.head.dep_ == "appos" else verb.head
                return noun, "relative clause"
            return c, "subject"
    if is_passive(verb):
        for c in verb.children:
            if c.dep_ == "agent":
                pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
                return pobj, "passive by"
        if controls:
            return next((c for c in verb.children if c.dep_ == "nsubjpass"), None), "passive subject"
        return None, ""
    head, dep = verb.head, verb.dep_
    if head is verb:
        return None, ""
    if dep == "xcomp" or (dep in ("advcl", "acl") and is_infinitive(verb)):
        if head.pos_ in ("NOUN", "PROPN"):  # "Moscow's decision to allow", "Putin's move to suspend"
            poss = next((c for c in head.children if c.dep_ == "poss"), None)
            return (poss, "possessor of " + head.lower_) if poss is not None else (None, "")
        if head.lemma_.lower() not in english().events.subject_control_verbs:
            between = [c for c in head.children if c.dep_ in ("dobj", "npadvmod", "dative", "iobj") and head.i < c.i < verb.i]
            if between:  # "urged Russia to withdraw", "leading Blinken to warn"
                return between[-1], "object control"
        tok, how = subject_of(head, depth + 1, controls=True)
        return tok, ("control: " + head.lower_) if tok is not None else ""
    if dep == "conj" and head.pos_ in ("VERB", "AUX"):
        tok, how = subject_of(head, depth + 1)
        return tok, ("shared subject" if tok is not None else "")
    if dep == "acomp" and head.pos_ in ("VERB", "AUX") and controls:
        # "it is ready to accept": the infinitive's doer is the copula's subject
        tok, how = subject_of(head, depth + 1)
        return tok, ("subject of " + verb.lower_) if tok is not None else ""
    if dep == "advcl" and verb.tag_ == "VBG" and head.pos_ in ("VERB", "AUX"):
        tok, how = subject_of(head, depth + 1)
        return tok, ("participle subject" if tok is not None else "")
    if dep == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in english().events.statement_nouns and head.head is not head:
        tok, how = subject_of(head.head, depth + 1)  # "HRW issued a statement calling on …"
        return tok, (f"author of {head.lower_}" if tok is not None else "")
    if dep == "acl" and verb.tag_ == "VBG":  # "forces attacking the city"
        return head, "participle noun"
    if dep == "acl" and verb.tag_ == "VBN" and not is_passive_participle(verb) and is_attack_noun(head):
        return head, "participle noun"  # "strikes killed 30" misparsed as a participle
    return None, ""


def noun_actor_tokens(noun: Token, slots: Sequence[str]) -> list[tuple[Token, str]]:
    """Where a nominal event names its actor: "Wang's talks", "the visit by Wang", "a Russian attack"."""
    out: list[tuple[Token, str]] = []
    for c in noun.children:
        if c.dep_ == "poss" and "poss" in slots:
            out.append((c, "possessor"))
        elif c.dep_ in ("prep", "agent") and c.lower_ == "by" and "by" in slots:
            out.extend((p, "by-phrase") for p in c.children if p.dep_ == "pobj")
        elif c.dep_ in ("amod", "compound", "nmod") and c.dep_.replace("nmod", "compound") in slots and c.i < noun.i:
            out.append((c, c.dep_))
    return out


def cause_clause_subject(verb: Token) -> Token | None:
    """Who an agentless passive's cause clause says acted: "were released after Kiir
    pardoned them", "were killed when ISIL launched an attack" (an active clause)."""
    marks = english().events.cause_marks
    for c in verb.children:
        if c.dep_ == "advcl" and c.pos_ == "VERB" and not is_passive(c) and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in c.children):
            return next((s for s in c.children if s.dep_ == "nsubj"), None)
    return None


def instrument_of(verb: Token) -> Token | None:
    """The attack noun of an agentless passive: "killed in Israeli shelling" → shelling."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "by", "during", "from"):
            for p in c.children:
                if p.dep_ == "pobj" and is_attack_noun(p):
                    return p
    return None


def cause_is_incident(verb: Token) -> bool:
    """"killed in a plane crash", "killed by floods": nobody did it."""
    for c in verb.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after", "from"):
            if any(p.dep_ == "pobj" and p.lemma_.lower() in english().events.incident_nouns for p in c.children):
                return True
    return False


def is_attack_noun(tok: Token | None) -> bool:
    if tok is None:
        return False
    attacks = english().events.attack_nouns
    return tok.lower_ in attacks or tok.lemma_.lower() in attacks


def prep_objects(heads: Sequence[Token], preps: Collection[str], after: int = -1) -> list[Token]:
    """Objects of the allowed prepositions hanging on any of ``heads``."""
    out: list[Token] = []
    for h in heads:
        for c in h.children:
            # "granted asylum to X": the parser makes "to" a dative that holds its object like a preposition
            if c.dep_ in ("prep", "agent", "prt", "dative") and c.lower_ in preps and c.i > after:
                out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def resolve_pronoun(tok: Token, index: MentionIndex) -> Mention | None:
    """A same-sentence antecedent for he/it/they, preferring subjects and possessors.

    Cross-sentence coreference belongs to the actor resolver; this is only the
    fallback for a pronoun no mention covers.
    """
    word = tok.lower_
    pronouns = english().pronouns
    if word in pronouns.person:
        fits = lambda m: all(e.kind in (None, "person") for e in m.entities)  # noqa: E731
    elif word in pronouns.thing | pronouns.group:
        fits = lambda m: len(m.entities) > 1 or all(e.kind != "person" for e in m.entities)  # noqa: E731
    else:
        return None
    sent = tok.sent
    before = [m for m in index.near(sent.start, tok.i) if sent.start <= m.head_token < tok.i and m.end_token <= tok.i and fits(m)]
    if not before:
        return None
    doc = index.doc
    salient = [m for m in before if doc[m.head_token].dep_ in SALIENT_DEPS]
    pool = salient or before
    return max(pool, key=lambda m: m.head_token)


def named_antecedent(m: Mention, index: MentionIndex) -> Mention | None:
    """The mention a pronoun names, when it is named earlier in the same sentence:
    "The Israeli military says it has opened an investigation" → The Israeli military.

    The resolver gave the pronoun its antecedent's entity; the event's actor is then
    the words that name it, not "it". Only a mention naming exactly the same parties
    counts ("they" after "the US and Nato" names one of them, and stays "they")."""
    if m.end_token - m.start_token != 1 or not m.entities:
        return None
    doc = index.doc
    tok = doc[m.start_token]
    if tok.pos_ != "PRON" or tok.lower_ not in english().pronouns.third_person:
        return None
    keys = _keys(m)
    sent = tok.sent
    same = [
        x for x in index.near(sent.start, tok.i)
        if sent.start <= x.start_token and x.end_token <= tok.i and x is not m and _keys(x) == keys and not _is_pronoun(x, doc)
    ]
    if not same:
        return None
    subjects = [x for x in same if doc[x.head_token].dep_ in SALIENT_DEPS[:2]]
    return (subjects or same)[-1]


def _is_pronoun(m: Mention, doc: Doc) -> bool:
    return m.end_token - m.start_token == 1 and doc[m.start_token].pos_ == "PRON"


def _keys(m: Mention) -> frozenset[tuple[str | None, str | None, str | None]]:
    return frozenset((e.code, e.sector, e.identifier_id or e.entity_name) for e in m.entities)


def mentions_for(tok: Token | None, index: MentionIndex, how: str) -> Found:
    if tok is None:
        return NOTHING
    found = index.in_phrase(tok)
    if found:
        named = tuple(named_antecedent(m, index) or m for m in found)
        if named != found:
            words = ", ".join(f"{m.text} → {n.text}" for m, n in zip(found, named, strict=True) if m is not n)
            how = f"{how} ({words})" if how else how
        return Found(tuple(dict.fromkeys(named)), how)
    if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
        m = resolve_pronoun(tok, index)
        if m is not None:
            return Found((m,), f"{how} ({tok.lower_} → {m.text or index.doc[m.start_token:m.end_token].text})")
    return NOTHING
