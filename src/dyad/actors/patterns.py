"""Find knowledge-base names in a parsed Doc: the raw hits resolution starts from.

The name indexes are built once per vocabulary (one per resolver in
practice) from every spelling in the knowledge base, matched on lower-case
tokens (name_index.py) and then checked against the spelling's case rule
("US" is not "us"). Overlaps keep the
longest span, so "National Security Council" beats "Security Council".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from dyad.actors.entries import SURFACE_KINDS, Person, Surface
from dyad.actors.kb import KnowledgeBase, normalise
from dyad.actors.name_index import NameIndex
from dyad.lang import english

_NOUNISH = frozenset(("NOUN", "PROPN"))


@dataclass(frozen=True, slots=True)
class Hit:
    """A span of the Doc that names something: a KB surface, a surname, or a
    person the parser found who is not in the knowledge base."""

    start: int  # token indices, end exclusive
    end: int
    kind: str  # a Surface kind, or "surname", "unknown_person", "pair"
    surface: Surface | None = None
    candidates: tuple[Person, ...] = ()  # for surnames: KB people of that name

    @property
    def sector(self) -> str | None:
        return None if self.surface is None else self.surface.sector


class KbMatcher:
    """Matchers over one vocabulary: KB names, surnames, and "the two nations"."""

    def __init__(self, kb: KnowledgeBase, nlp: Language | None = None, vocab: Vocab | None = None):
        self.kb = kb
        if nlp is None:
            # The English tokenizer rules on the Doc's own vocabulary, so
            # "U.S." and "Côte d'Ivoire" split as in the parsed text.
            nlp = English(vocab=vocab if vocab is not None else True)
        vocab = nlp.vocab
        # Tens of thousands of names: a dict of token tuples, not a PhraseMatcher (name_index.py).
        self.names = NameIndex(nlp)
        for key, surface in kb.surfaces.items():
            self.names.add(key, dict.fromkeys(surface.forms))
        self.surnames = NameIndex(nlp)
        for key, people in kb.surnames.items():
            self.surnames.add(key, (people[0].surname, key, key.title()))
        self.pairs = Matcher(vocab)
        words = english().actors
        self.pairs.add(
            "dyad-pair",
            [[
                {"LOWER": {"IN": list(words.pair_openers)}, "OP": "?"},
                {"LOWER": {"IN": list(words.pair_counts)}},
                {"LOWER": {"IN": list(words.pair_nouns)}},
            ]],
        )

    def find_hits(self, doc: Doc) -> list[Hit]:
        """Every non-overlapping name in the Doc, in document order: no metonym that only ends a
        longer name (``_ends_longer_name``), and a surname hit for each later bare use of a named
        person's last word (``_with_repeated_surnames``)."""
        spans: list[Span] = []
        hits_by_span: dict[tuple[int, int], Hit] = {}
        for key, start, end in self.names.find(doc):
            surface = self.kb.surfaces[key]
            span = doc[start:end]
            if not surface.accepts(span.text) or not _fits_pos(span, surface):
                continue
            _keep(spans, hits_by_span, Hit(start, end, surface.kind, surface), doc)
        for key, start, end in self.surnames.find(doc):
            span = doc[start:end]
            if span.text == span.text.lower() or span.root.pos_ != "PROPN":
                continue
            people = self.kb.surnames[key]
            _keep(spans, hits_by_span, Hit(start, end, "surname", candidates=people), doc)
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                start = ent.start + 1 if is_honorific(doc[ent.start]) else ent.start
                end = ent.end
                while end > start and (doc[end - 1].tag_ == "POS" or not doc[end - 1].text[0].isalpha()):
                    end -= 1  # "Wang's" → "Wang"
                if start < end:
                    _keep(spans, hits_by_span, Hit(start, end, "unknown_person"), doc)
        for _, start, end in self.pairs(doc):
            _keep(spans, hits_by_span, Hit(start, end, "pair"), doc)
        chosen = _filter_spans(spans)
        hits = [hits_by_span[(s.start, s.end)] for s in chosen]
        hits = [h for h in hits if not _ends_longer_name(doc, h, hits)]
        return _with_repeated_surnames(doc, hits)


# Hits whose words may tell whose institution a metonym is ("U.S. Congress", "Trump's Pentagon").
_OWNER_KINDS = frozenset(("person", "surname", "country", "capital", "adjective", "bloc"))


def _ends_longer_name(doc: Doc, hit: Hit, hits: list[Hit]) -> bool:
    """A metonym that only ends a longer name the knowledge base lacks: "Congress" in "World
    Uyghur Congress" or "National People's Congress" is not the U.S. legislature. A proper-noun
    modifier that names no country or person before it makes it part of that name."""
    if hit.kind != "metonym":
        return False
    owners = {i for h in hits if h.kind in _OWNER_KINDS for i in range(h.start, h.end)}
    root = doc[hit.start : hit.end].root
    return any(
        c.i < hit.start and c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" and c.text[:1].isupper() and c.i not in owners
        for c in root.children
    )


def _with_repeated_surnames(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """``hits`` plus a surname hit for each later bare use of the last word of a person's name:
    after "spokesperson Abdul Qahar Balkhi", "Balkhi rejected …" is that person, though the
    parser did not tag it a person and the knowledge base knows no one of that surname
    (the resolver's coreference then finds who it is)."""
    first_use: dict[str, int] = {}
    for h in hits:
        if h.kind in ("person", "unknown_person") and h.end - h.start > 1:
            first_use.setdefault(doc[h.end - 1].lower_, h.end)
    if not first_use:
        return hits
    covered = {i for h in hits for i in range(h.start, h.end)}
    extra = [
        Hit(t.i, t.i + 1, "surname")
        for t in doc
        if t.i not in covered and t.pos_ == "PROPN" and t.text[:1].isupper() and first_use.get(t.lower_, len(doc)) <= t.i
    ]
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits


def _fits_pos(span: Span, surface: Surface) -> bool:
    """Sector words must be nouns ("press" the verb is not the press)."""
    if surface.kind == "sector":
        return span[-1].pos_ in _NOUNISH
    return True


_RANK = {kind: i for i, kind in enumerate((*SURFACE_KINDS, "surname", "pair", "unknown_person"))}


def _keep(spans: list[Span], by_span: dict[tuple[int, int], Hit], hit: Hit, doc: Doc) -> None:
    old = by_span.get((hit.start, hit.end))
    if old is not None and _RANK[old.kind] <= _RANK[hit.kind]:
        return
    if old is None:
        spans.append(doc[hit.start : hit.end])
    by_span[(hit.start, hit.end)] = hit


def _filter_spans(spans: list[Span]) -> list[Span]:
    """Longest first; on equal length the earlier span wins (as spacy.util.filter_spans)."""
    taken: set[int] = set()
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.end - s.start, -s.start), reverse=True):
        if not any(i in taken for i in range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def is_honorific(token: Token) -> bool:
    """A word before a surname that makes it a person: "Mr Wang", "President Putin"."""
    return token.lower_ in english().actors.honorifics


def lower_key(text: str) -> str:
    return normalise(text)
