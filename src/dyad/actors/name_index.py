"""Find KB names in a Doc by their lower-case tokens, as spaCy's
``PhraseMatcher(attr="LOWER")`` does, without adding every name's words to the
vocabulary.

With the Phoenix office holders the KB has some 30,000 names and 18,000
surnames. A PhraseMatcher needs a Doc per name, and each new word becomes a
vocabulary entry with all its lexical attributes: two seconds of CPU at every
model load, for words most texts never contain. Here a name is a tuple of
lower-case strings in a dict keyed by its first word; matching walks the Doc
once and compares only at tokens that start some name. Words are compared by
their string hashes (the Doc's LOWER column), so the walk makes no Token objects.

Names are split as the tokenizer would split them: on spaces when every word
is plain letters (nearly all of them, and the tokenizer gives the same tokens),
else by the tokenizer itself ("U.S.", "Côte d'Ivoire").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc


class NameIndex:
    """Lower-case token sequences → keys; ``find(doc)`` yields every (key, start, end)."""

    def __init__(self, nlp: Language):
        self._split = _splitter(nlp)
        self._by_first: dict[int, list[tuple[tuple[int, ...], str]]] = {}  # by the first word's hash
        self._seen: set[tuple[tuple[str, ...], str]] = set()

    def add(self, key: str, texts: Iterable[str]) -> None:
        """Let each of ``texts`` (spellings of one name) match as ``key``."""
        for text in texts:
            words = self._split(text)
            if not words or (words, key) in self._seen:
                continue
            self._seen.add((words, key))
            hashes = tuple(get_string_id(w) for w in words)  # the id the StringStore gives, not adding it
            self._by_first.setdefault(hashes[0], []).append((hashes, key))

    def find(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        lowers = doc.to_array(LOWER).tolist()
        for start, word in enumerate(lowers):
            for words, key in self._by_first.get(word, ()):
                end = start + len(words)
                if end <= len(lowers) and (len(words) == 1 or tuple(lowers[start:end]) == words):
                    yield key, start, end

    def __len__(self) -> int:
        return len(self._seen)


def _splitter(nlp: Language) -> Callable[[str], tuple[str, ...]]:
    special = cast(Tokenizer, nlp.tokenizer).rules or {}

    def split(text: str) -> tuple[str, ...]:
        words = text.split()
        if words and all(w.isalpha() and w not in special for w in words):
            return tuple(w.lower() for w in words)
        return tuple(t.lower_ for t in nlp.make_doc(text))

    return split
