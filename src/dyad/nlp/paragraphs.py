"""A pipeline component that starts a sentence after every blank line.

A photo caption or a headline has no full stop, and the statistical parser
would run it into the next paragraph; news paragraphs never share a sentence.
The parser keeps boundaries set before it runs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "dyad_paragraphs"


@Language.component(NAME, assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def add_paragraph_boundaries(nlp: Language) -> None:
    if NAME not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME, before="parser")
