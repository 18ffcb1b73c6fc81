"""Object phrases in lexicon patterns: "diplomatic ties", "new_economic_relations".

A verb pattern's object is a word ("talks") or, in dictionaries imported from
PETRARCH, a phrase: the object's head last, the words before it in order. As
in PETRARCH, ``_`` joins words that must be adjacent and a space lets other
words come between: "improved economic relations" fits "improved global
economic relations"; "new_economic_relations" does not fit "new global
economic relations". A longer phrase is a closer fit: PETRARCH tries its
longer patterns first.
"""

from __future__ import annotations

import functools
from collections.abc import Collection

from spacy.tokens import Token


def is_phrase(word: str) -> bool:
    return " " in word or "_" in word


@functools.lru_cache(maxsize=4096)
def phrase_groups(phrase: str) -> tuple[tuple[str, ...], ...]:
    """"improved economic_relations" → (("improved",), ("economic", "relations"))."""
    return tuple(tuple(w for w in group.split("_") if w) for group in phrase.split() if group.strip("_"))


def phrase_fit(tok: Token, phrase: str) -> int:
    """How many words of ``phrase`` the object ``tok`` fits (its head and the words before it); 0: none."""
    groups = phrase_groups(phrase)
    if not groups:
        return 0
    *before, last = groups
    head = last[-1]
    if head not in (tok.lower_, tok.lemma_.lower()):
        return 0
    words = [t.lower_ for t in tok.doc[tok.left_edge.i : tok.i]]
    adjacent = list(last[:-1])
    if adjacent:
        if words[len(words) - len(adjacent) :] != adjacent:
            return 0
        words = words[: len(words) - len(adjacent)]
    if not in_order(words, tuple(before)):
        return 0
    return sum(len(g) for g in groups)


def in_order(words: list[str], groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether each group's words stand side by side in ``words``, the groups in order."""
    at = 0
    for group in groups:
        n = len(group)
        at = next((i + n for i in range(at, len(words) - n + 1) if tuple(words[i : i + n]) == group), -1)
        if at < 0:
            return False
    return True


def before_fit(verb: Token, phrase: str) -> bool:
    """Whether ``phrase`` fits the words of the verb's sentence before it; a phrase
    ending in "_" ends right before the verb ("IN_*")."""
    words = [t.lower_ for t in verb.doc[verb.sent.start : verb.i]]
    groups = phrase_groups(phrase)
    if phrase.endswith("_") and groups:
        last = groups[-1]
        if tuple(words[len(words) - len(last) :]) != last:
            return False
        groups, words = groups[:-1], words[: len(words) - len(last)]
    return in_order(words, groups)


def after_fit(verb: Token, phrase: str) -> int:
    """Words of ``phrase`` that fit, in order, the words of the verb's phrase after it
    ("allowed that it isn't a really pleasant place" fits "really_pleasant"); 0: none.
    PETRARCH reads a pattern along the words; dyad tries this when no object fits."""
    words = [t.lower_ for t in verb.doc[verb.i + 1 : verb.right_edge.i + 1]]
    groups = phrase_groups(phrase)
    return sum(len(g) for g in groups) if groups and in_order(words, groups) else 0


@functools.lru_cache(maxsize=4096)
def phrases_of(objects: frozenset[str]) -> tuple[str, ...]:
    return tuple(o for o in objects if is_phrase(o))


def object_fit(tok: Token, objects: frozenset[str], words: Collection[str]) -> int:
    """The closest fit of ``tok`` (whose plain ``words`` are its lemma, surface and
    conjuncts: ``triggers.object_words``) to one of ``objects``: a phrase's word
    count, 1 for a single word, 0 for none."""
    best = 1 if any(w in objects for w in words) else 0
    for phrase in phrases_of(objects):
        best = max(best, phrase_fit(tok, phrase))
    return best
