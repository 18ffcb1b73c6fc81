"""PETRARCH's discard lists (``Lexicon.discard_sentence`` / ``discard_story``): a
sentence holding a sentence-level phrase, or an article holding a story-level
one, codes nothing. Phrases are matched as whole words, case-insensitively."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Doc

from dyad.coding.lexicon import Lexicon


def holds(words: list[str], phrases: Collection[tuple[str, ...]]) -> bool:
    """Whether one of ``phrases`` stands in ``words`` (lower case) word by word."""
    for phrase in phrases:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1) if words[i] == phrase[0]):
            return True
    return False


def discarded_sentences(doc: Doc, lex: Lexicon) -> set[int]:
    """The start tokens of the sentences that code nothing (all of them for a story-level discard)."""
    if not lex.discard_sentence and not lex.discard_story:
        return set()
    sents = list(doc.sents)
    if lex.discard_story and holds([t.lower_ for t in doc], lex.discard_story):
        return {s.start for s in sents}
    return {s.start for s in sents if holds([t.lower_ for t in s], lex.discard_sentence)}
