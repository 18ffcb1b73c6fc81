"""Attach counts to the event whose trigger governs them.

A count hangs on an anchor token (the verb "killed", the word "dead", the
noun "toll"). It belongs to the event with trigger T when the anchor is T,
when T governs the anchor ("a strike … killing 23 people": T = killing's
head), or when the anchor governs T ("seven civilians were killed in the
shelling": T = shelling) — unless the path crosses into a coordinated clause
with its own subject ("troops killed five and police arrested 12": the
arrests are not the killing's). A sentence that reports casualties with no
such link ("X said … at least seven civilians were killed", coded on "said")
gives its dead and injured counts to the sentence's main-clause event.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from dyad.counts.find import AnchoredCount, find_anchored_counts
from dyad.counts.lexicon import CountLexicon
from dyad.records import Count


def count_event(doc: Doc, trigger_head: int, lexicon: CountLexicon | None = None) -> tuple[Count, ...]:
    """Counts that belong to the event whose trigger is token ``trigger_head``."""
    trigger = doc[trigger_head]
    sent = trigger.sent
    key = ("dyad.counts.anchored", sent.start, sent.end)
    if lexicon is not None:
        found = find_anchored_counts(sent, lexicon)
    else:  # every event of a sentence asks for the same counts: keep them with the Doc
        user_data: dict[Any, Any] = doc.user_data  # typed dict[str, Any], but any hashable key works
        if key not in user_data:
            user_data[key] = tuple(find_anchored_counts(sent))
        found = list(user_data[key])
    linked = [a.count for a in found if is_linked(trigger, doc[a.anchor])]
    if linked or not found:
        return tuple(linked)
    if trigger.dep_ == "ROOT":
        return tuple(a.count for a in found if a.count.kind in ("dead", "injured") and _in_main_clause(doc, a))
    return ()


def is_linked(trigger: Token, anchor: Token) -> bool:
    """Whether the anchor and the trigger lie on one chain of heads, in one clause family."""
    if anchor.i == trigger.i:
        return True
    for low, high in ((anchor, trigger), (trigger, anchor)):
        path = _path_up(low, high)
        if path is not None:
            return not any(_is_separate_clause(t) for t in path)
    return False


def _path_up(low: Token, high: Token) -> list[Token] | None:
    """Tokens from ``low`` up to (not including) its ancestor ``high``; ``None`` if not an ancestor."""
    path, node = [], low
    while node.head.i != node.i:
        path.append(node)
        node = node.head
        if node.i == high.i:
            return path
    return None


def _is_separate_clause(token: Token) -> bool:
    """A coordinated verb with its own subject starts another event's clause.

    The small parser often hangs that subject on the previous object ("killed
    five militants and police arrested …"), so a noun right before the verb
    counts as its subject too.
    """
    if token.dep_ != "conj" or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return True
    before = token.doc[token.i - 1] if token.i > 0 else None
    return before is not None and before.pos_ in ("NOUN", "PROPN", "PRON") and before.dep_ != "dobj"


def _in_main_clause(doc: Doc, found: AnchoredCount) -> bool:
    path = _path_up(doc[found.anchor], doc[found.anchor].sent.root) or []
    return not any(_is_separate_clause(t) for t in path)
