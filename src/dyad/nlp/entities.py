"""Named entities only where dyad reads them.

The entity recogniser is the costliest component of the small English model
(about half of its time: it has its own token encoder), yet dyad reads
entities only in the sentences that may give an event, a speaker or the
article's setting. ``RegionEntities`` runs the model's own ``ner`` over those
token ranges alone — each contiguous range copied out as a Doc, all ranges of
a batch through one ``ner.pipe`` — and writes the entities back at their
offsets. Tokens outside every range are marked outside any entity.

Within a range the recogniser runs only in windows of ``margin`` tokens
around words that may carry an entity: capitalised words (not common words
capitalised at a sentence start), numbers, and the lower-case date, time
and number words of ``data/entity_cues.yaml``. An
entity is local — the model's token encoder sees four tokens either side — so
on VOA copy windows of two keep 99% of the entities at 60% of the tokens.

The recogniser reads only the words, their norms (which tokenizer exceptions
may set) and the sentence starts, so a window is copied as just those: four
times cheaper than ``Span.as_doc``, and the same entities.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from typing import TypeVar, cast

import yaml
from spacy.attrs import NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span

from dyad.batched import batched

Ranges = Sequence[tuple[int, int]]  # token [start, end) ranges of one Doc
C = TypeVar("C")


def merge_ranges(ranges: Ranges, length: int) -> list[tuple[int, int]]:
    """Sorted, clipped to the Doc, with touching or overlapping ranges joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, a), min(length, b)) for a, b in ranges):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@functools.cache
def load_entity_cues() -> frozenset[str]:
    """Lower-case words that may carry an entity though they are not capitalised."""
    text = resources.files("dyad.nlp").joinpath("data/entity_cues.yaml").read_text("utf-8")
    return frozenset(str(w).lower() for words in yaml.safe_load(text).values() for w in words)


def may_carry_entity(text: str, like_num: bool, lower: str, cues: frozenset[str], common: bool = False) -> bool:
    """A capitalised word, a number or a cue word; not a capitalised common word
    ("The", "But", "He" opening a sentence): a name after it has its own window."""
    if like_num or lower in cues:
        return True
    return text[:1].isupper() and not common


def find_entity_windows(doc: Doc, ranges: Ranges, margin: int) -> list[tuple[int, int]]:
    """Windows of ``margin`` tokens around the words in ``ranges`` that may carry an entity."""
    cues = load_entity_cues()
    windows: list[tuple[int, int]] = []
    for start, end in merge_ranges(ranges, len(doc)):
        for tok in doc[start:end]:
            common = tok.is_stop and tok.tag_ not in ("NNP", "NNPS")
            if may_carry_entity(tok.text, tok.like_num, tok.lower_, cues, common):
                windows.append((max(start, tok.i - margin), min(end, tok.i + margin + 1)))
    return merge_ranges(windows, len(doc))


class RegionEntities:
    """Runs a pipeline's ``ner`` component over chosen token ranges of parsed Docs."""

    def __init__(self, nlp: Language, name: str = "ner", batch_size: int = 256, margin: int | None = 2):
        self.ner = cast(Pipe, nlp.get_pipe(name))  # the recogniser: a Pipe, with .pipe()
        self.batch_size = batch_size
        self.margin = margin  # None: whole ranges

    def _recognise(self, pieces: Sequence[Doc]) -> Iterator[Doc]:
        # Batches bounded in tokens as well as pieces: the recogniser's memory grows with a batch's tokens.
        for batch in token_batches(pieces, self.batch_size, BATCH_TOKENS):
            yield from self.ner.pipe(batch, batch_size=len(batch))

    def annotate(self, docs: Sequence[Doc], ranges: Sequence[Ranges]) -> None:
        """Set ``doc.ents`` on every Doc from the entities found in its ranges."""
        pieces: list[Doc] = []
        owners: list[tuple[int, int]] = []  # (doc index, token offset) of each piece
        for d, (doc, rs) in enumerate(zip(docs, ranges, strict=True)):
            merged = merge_ranges(rs, len(doc)) if self.margin is None else find_entity_windows(doc, rs, self.margin)
            if not merged:
                continue
            attrs = doc.to_array(COPIED)
            for start, end in (piece for window in merged for piece in split_at_sentences(doc, *window, PIECE_TOKENS)):
                pieces.append(copy_words(doc, start, end, attrs))
                owners.append((d, start))
        found: list[list[Span]] = [[] for _ in docs]
        for piece, (d, offset) in zip(self._recognise(pieces), owners, strict=True):
            doc = docs[d]
            found[d].extend(Span(doc, e.start + offset, e.end + offset, label=e.label) for e in piece.ents)
        for doc, ents in zip(docs, found, strict=True):
            doc.set_ents(ents, default="outside")


# Windows merge across sentences where names are dense; one over a whole long article would make
# the recogniser hold its states for every token at once (1 GB at 77k tokens). Longer windows are
# cut at sentence starts: the recogniser reads a few words either side, so nothing is lost.
PIECE_TOKENS = 2000
BATCH_TOKENS = 8000


def split_at_sentences(doc: Doc, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """``[start, end)`` as ranges of at most about ``limit`` tokens, cut at sentence starts
    (within one endless sentence, at the limit)."""
    while end - start > limit:
        cut = next((i for i in range(start + limit, start, -1) if doc[i].is_sent_start), start + limit)
        yield start, cut
        start = cut
    yield start, end


def token_batches(pieces: Sequence[Doc], most: int, tokens: int) -> Iterator[list[Doc]]:
    """``pieces`` in order, in batches of at most ``most`` pieces and about ``tokens`` tokens."""
    batch: list[Doc] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= most or size + len(piece) > tokens):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    if batch:
        yield batch


# What a window's copy needs of each token: its norm and sentence start (set on the copy), its word and space.
COPIED = [NORM, SENT_START, ORTH, SPACY]


def copy_words(doc: Doc, start: int, end: int, attrs) -> Doc:
    """Tokens [start, end) of ``doc`` as a new Doc with their norms and sentence starts.

    ``attrs`` is ``doc.to_array(COPIED)``, computed once per Doc.
    """
    strings = doc.vocab.strings
    rows = attrs[start:end]
    piece = Doc(doc.vocab, words=[strings[o] for o in rows[:, 2].tolist()], spaces=rows[:, 3].astype(bool).tolist())
    rows = rows[:, :2].copy()
    rows[0, 1] = 1  # the copy starts a sentence even where the range starts mid-sentence
    piece.from_array([NORM, SENT_START], rows)
    return piece


def parse_with_entities_in(
    nlp: Language, items: Iterable[tuple[str, C]], pick: Callable[[Doc, C], Ranges], batch_size: int = 64
) -> Iterator[tuple[Doc, C]]:
    """Parse ``(text, context)`` pairs as the Pipeline does: the full parse, and
    entities only in the ranges ``pick(doc, context)`` chooses (in windows, as above).

    For stage evaluations that are given the event (its verb or trigger), so
    they measure the stage under the entities the Pipeline gives it.
    """
    entities = RegionEntities(nlp)
    parsed = nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=["ner"])
    for chunk in batched(parsed, batch_size):
        entities.annotate([doc for doc, _ in chunk], [pick(doc, context) for doc, context in chunk])
        yield from chunk
