"""Find trigger words in a parsed Doc and the lexicon patterns they could fire."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dyad.coding.arguments import for_mark, object_of
from dyad.coding.lexicon import Lexicon, Pattern
from dyad.coding.object_phrases import after_fit, before_fit, object_fit, phrases_of
from dyad.lang import english

VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ".split())
NOUN_TAGS = frozenset("NN NNS".split())


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger token with the patterns it matches, most specific first."""

    head: Token
    patterns: tuple[Pattern, ...]
    words: tuple[int, ...]  # all trigger token indices: "held talks with" → held, talks
    object: Token | None  # the object a light-verb pattern needed ("talks")


TIME_ENTS = frozenset({"DATE", "TIME"})




def particle_of(verb: Token, particles: tuple[str, ...]) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("prt", "prep", "agent") and c.lower_ in particles and not is_time_phrase(c):
            return c
    if "for" in particles:  # "called for Israel to withdraw": "for" marks the clause asked for
        mark = next((m for c in verb.children if (m := for_mark(c)) is not None), None)
        if mark is not None:
            return mark
    if "to" in particles:  # "offered to mediate": the infinitive's "to"
        for c in verb.children:
            if c.dep_ == "xcomp" and c.lemma_.lower() not in english().events.silent_complements:  # "refused to comment"
                to = next((a for a in c.children if a.dep_ == "aux" and a.lower_ == "to"), None)
                if to is not None:
                    return to
    return None


def is_time_phrase(prep: Token) -> bool:
    """"called Morrison on Wednesday" has no "call on": the preposition only dates the call."""
    return prep.dep_ == "prep" and any(p.dep_ == "pobj" and p.ent_type_ in TIME_ENTS for p in prep.children)


def needs_rematch(doc: Doc, lex: Lexicon) -> bool:
    """Whether triggers found before the entity recogniser ran may differ now.

    Only ``is_time_phrase`` reads entities: a lexicon verb's preposition whose
    object is now a DATE or TIME ("called Morrison on Wednesday") no longer
    counts as its particle. Without one, the earlier matches stand.
    """
    for ent in doc.ents:
        if ent.label_ not in TIME_ENTS:
            continue
        for tok in ent:
            prep = tok.head
            verb = prep.head
            if tok.dep_ == "pobj" and prep.dep_ == "prep" and (verb.lemma_.lower() in lex.verbs or verb.lower_ in lex.verbs):
                return True
    return False


def object_words(tok: Token) -> tuple[str, ...]:
    """The object's lemma and surface form, plus its conjuncts' ("arms and ammunition")."""
    words = [tok.lemma_.lower(), tok.lower_]
    words += [c.lemma_.lower() for c in tok.children if c.dep_ == "conj"]
    words += [c.lower_ for c in tok.children if c.dep_ == "compound"]  # "hunger strike"
    return tuple(words)


def match_verb(tok: Token, lex: Lexicon) -> TriggerMatch | None:
    patterns = lex.verbs.get(tok.lemma_.lower()) or lex.verbs.get(tok.lower_)
    if not patterns:
        return None
    obj = object_of(tok)
    fits: list[Pattern] = []
    hits: dict[int, tuple[int, Token | None]] = {}  # id(pattern) → (words of its object that fit, the object)
    words: set[int] = {tok.i}
    for p in patterns:
        if p.before and not any(before_fit(tok, phrase) for phrase in p.before):
            continue
        prt = particle_of(tok, p.particles) if p.particles else None
        if p.particles and prt is None:
            continue
        if p.objects:
            # the object may be the particle's ("took them into custody")
            cands = [x for x in (obj, *(c for c in (prt.children if prt is not None else ()) if c.dep_ == "pobj")) if x is not None]
            fit: tuple[int, Token | None] | None = max(
                ((object_fit(x, p.objects, object_words(x)), x) for x in cands), default=None, key=lambda f: f[0]
            )
            if fit is None or not fit[0]:
                # an imported phrase (any imported object: its pattern has a dictionary code) read along the
                # words after the verb, as PETRARCH reads it ("vowed on Thursday to wage war": "* WAR")
                along = max((after_fit(tok, phrase) for phrase in (p.objects if p.code else phrases_of(p.objects))),
                            default=0)
                if not along:
                    continue
                fit = (along, None)
            hits[id(p)] = fit
        fits.append(p)
        if prt is not None:
            words.add(prt.i)
    if not fits:
        return None
    if any(n > 1 for n, _ in hits.values()):  # an object phrase ("diplomatic ties"): the longest fit first
        fits.sort(key=lambda p: (-p.specificity, -hits[id(p)][0] if id(p) in hits else 0))
    used_obj = hits[id(fits[0])][1] if id(fits[0]) in hits else None
    if used_obj is not None:
        words.add(used_obj.i)
    return TriggerMatch(tok, tuple(fits), tuple(sorted(words)), used_obj)


def match_noun(tok: Token, lex: Lexicon) -> TriggerMatch | None:
    if tok.dep_ == "compound":  # "attack helicopter", "peace talks" keeps "talks"
        return None
    patterns = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
    if not patterns:
        return None
    modifiers = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i}
    modifiers |= {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i}
    # A modified pattern ("hunger strike", "general strike") wins over the bare noun
    # ("air strike" stays an attack); a pattern that needs a modifier fires only with it.
    fits = tuple(p for p in patterns if not p.objects or p.objects & modifiers)
    specific = tuple(p for p in fits if p.objects)
    if specific:
        fits = specific
    if not fits:
        return None
    return TriggerMatch(tok, fits, (tok.i,), None)


def match_adjective(tok: Token, lex: Lexicon) -> TriggerMatch | None:
    """"ready to open the crossing", "willing to talk": a stated readiness."""
    patterns = lex.adjectives.get(tok.lemma_.lower()) or lex.adjectives.get(tok.lower_)
    if not patterns or tok.dep_ not in ("acomp", "amod", "ROOT", "ccomp", "xcomp", "conj"):
        return None
    if not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in tok.children):
        return None
    return TriggerMatch(tok, patterns, (tok.i,), None)


def find_triggers(doc: Doc, lex: Lexicon) -> Iterator[TriggerMatch]:
    """Verb triggers first, then predicate adjectives, then event nouns no verb trigger has used as its object."""
    verb_matches: list[TriggerMatch] = []
    for tok in doc:
        if tok.tag_ in VERB_TAGS and not is_hyphenated_participle(tok) and (m := match_verb(tok, lex)) is not None:
            verb_matches.append(m)
    used = {m.object.i for m in verb_matches if m.object is not None}
    yield from verb_matches
    for tok in doc:
        if tok.pos_ == "ADJ" and lex.adjectives and (m := match_adjective(tok, lex)) is not None:
            yield m
    events_at = {m.head.i: {p.event for p in m.patterns} for m in verb_matches}
    for tok in doc:
        if tok.tag_ in NOUN_TAGS and tok.i not in used and (m := match_noun(tok, lex)) is not None:
            if restates_verb(tok, m, events_at):
                continue
            yield m


def is_hyphenated_participle(tok: Token) -> bool:
    """"the Israeli-occupied sector", "rebel-held towns": an attributive participle names a
    state, not an act (a bare amod participle is often a misparsed verb: "have since banned")."""
    return tok.tag_ == "VBN" and tok.dep_ == "amod" and tok.i > 0 and tok.nbor(-1).tag_ == "HYPH"


def restates_verb(noun: Token, match: TriggerMatch, events_at: dict[int, set[str]]) -> bool:
    """"welcomes Wang Yi for their talks": the talks are the welcome's, not a second event."""
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    verb_events = events_at.get(head.i, set())
    return bool(verb_events & {p.event for p in match.patterns})
