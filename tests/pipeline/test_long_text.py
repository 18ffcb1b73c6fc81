"""Issue 17: texts over spaCy's 1,000,000-character limit (up to the 5 MB
article limit) are parsed in pieces with their offsets kept, not rejected."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from dyad.pipeline import PIECE_CHARS, piece_bounds
from dyad.records import Article, CodedArticle


def test_pieces_cover_the_doc_and_end_at_paragraph_breaks():
    nlp = spacy.blank("en")
    text = "".join(f"Sentence {i} is here. Another one follows.\n\n" for i in range(400))
    doc = nlp.make_doc(text)
    bounds = list(piece_bounds(doc, 1000))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # contiguous, no token lost
    for start, end in bounds:
        piece = doc[start:end]
        assert len(piece.text_with_ws) <= 1000 + 50
        assert end == len(doc) or "\n" in doc[end - 1].text  # cut after a paragraph break


def test_a_text_without_breaks_is_still_cut():
    doc = spacy.blank("en").make_doc("word " * 3000)
    bounds = list(piece_bounds(doc, 1000))
    assert len(bounds) > 10 and bounds[-1][1] == len(doc)


@pytest.mark.model
def test_a_text_over_a_million_characters_is_coded_with_its_offsets(pipeline):
    filler = "The weather was mild and the markets were calm that week, traders said.\n\n"
    event = "Rebels attacked an army base near Goma on Monday, killing five soldiers.\n\n"
    n = 1_050_000 // len(filler)
    text = filler * (n // 2) + event + filler * (n // 2) + event
    assert len(text) > 1_000_000 > PIECE_CHARS
    article = Article(id="long", date=dt.date(2024, 3, 5), text=text)
    short = Article(id="short", date=dt.date(2024, 3, 5), text=event)
    coded = list(pipeline.code_many([short, article, short]))
    assert [type(c).__name__ for c in coded] == ["CodedArticle"] * 3  # before: E088, the article rejected
    long = coded[1]
    assert isinstance(long, CodedArticle)
    attacks = [e for e in long.events if e.event == "ASSAULT"]
    assert len(attacks) == 2
    for e in attacks:
        o = e.offsets
        assert text[o.trigger_start : o.trigger_end] == "attacked"
        assert text[o.sentence_start : o.sentence_end].startswith("Rebels attacked")
    assert attacks[1].offsets.trigger_start > 1_000_000
