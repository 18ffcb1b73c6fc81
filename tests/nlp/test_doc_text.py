"""A Doc's text is built once and is exactly what was tokenised."""

import spacy

from dyad.nlp.doc_text import doc_text, remember_text


def test_doc_text_is_the_docs_text_and_is_kept():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Lavrov met  Wang Yi in Moscow.\n\nTalks went on.")
    assert doc_text(doc) == doc.text
    assert doc.user_data["dyad.text"] is doc_text(doc)  # the second access reads the kept string


def test_remembered_text_is_what_the_tokenizer_was_given():
    nlp = spacy.blank("en")
    text = "KYIV, Ukraine — Shelling hit Kreminna on Tuesday. "
    doc = remember_text(nlp.tokenizer(text), text)
    assert doc_text(doc) is text and doc.text == text
