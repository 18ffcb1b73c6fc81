"""A Doc's text, built once.

``Doc.text`` joins every token's text on each access (a Token object per word);
several stages need the whole text of the same Doc. The Pipeline records the
string it tokenised (the tokenizer keeps it verbatim) and the stages read that.
"""

from __future__ import annotations

from spacy.tokens import Doc

KEY = "dyad.text"


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` as the Doc's text; it must be the string the Doc was tokenised from."""
    doc.user_data[KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed at most once per Doc."""
    text = doc.user_data.get(KEY)
    if text is None:
        text = doc.user_data[KEY] = doc.text
    return text
