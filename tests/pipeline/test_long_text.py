"""Issue 17: texts over spaCy's 1,000,000-character limit (up to the 5 MB
article limit) are parsed in pieces with their offsets kept, not rejected."""

from __future__ import annotations

import spacy

from dyad.pipeline import piece_bounds


def test_pieces_cover_the_doc_and_end_at_paragraph_breaks():
    nlp = spacy.blank("en")
    text = "".join(f"Sentence {i} is here. Another one follows.\n\n" for i in range(400))
    doc = nlp.make_doc(text)
    bounds = list(piece_bounds(doc, 1000))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))  # contiguous, no token lost
    for start, end in bounds:
        piece = doc[start:end]
        assert len(piece.text_with_ws) <= 1000 + 50
        assert end == len(doc) or "\n" in doc[end - 1].text  # cut after a paragraph break


def test_a_text_without_breaks_is_still_cut():
    doc = spacy.blank("en").make_doc("word " * 3000)
    bounds = list(piece_bounds(doc, 1000))
    assert len(bounds) > 10 and bounds[-1][1] == len(doc)
