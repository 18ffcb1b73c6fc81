"""The sentences of a parsed Doc whose named entities the later stages read.

Actors, recipients, places, dates and counts are read only in a sentence
that holds a trigger or an evaluative predicate; quotes need their speaker's
name (outside the marks, or in "X said:" before them); the place fallback
reads the lead; "He …" needs the sentence before; a full name anywhere
introduces the person a later surname or pronoun refers to. Everything else
can go without the entity recogniser (nlp/entities.py).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from dyad.coding.evaluative import Evaluation, find_evaluations, load_evaluative_words
from dyad.coding.lexicon import Lexicon
from dyad.coding.triggers import TriggerMatch, find_triggers
from dyad.nlp.doc_text import doc_text
from dyad.nlp.prefilter import QUOTE_MARKS, pronoun_start, toggle_quote


def find_entity_ranges(
    doc: Doc,
    lexicon: Lexicon,
    lead: int = 1,
    triggers: Sequence[TriggerMatch] | None = None,
    evaluations: Sequence[Evaluation] | None = None,
) -> list[tuple[int, int]]:
    """Token ranges that need named entities: whole sentences, and the words
    outside the quotation marks of a sentence that only quotes.

    ``triggers`` and ``evaluations`` are the triggers stage's (found here when not given).
    """
    text = doc_text(doc)
    sents = [s for s in doc.sents if text[s.start_char : s.end_char].strip()]
    if not sents:
        return []
    starts = [s.start for s in sents]
    texts = [text[s.start_char : s.end_char] for s in sents]

    def sentence_of(i: int) -> int:
        return bisect.bisect_right(starts, i) - 1

    wanted = set(range(min(lead, len(sents))))
    if triggers is None:
        triggers = list(find_triggers(doc, lexicon))
    if evaluations is None:
        evaluations = list(find_evaluations(doc, load_evaluative_words(), lexicon))
    wanted.update(sentence_of(m.head.i) for m in triggers)
    wanted.update(sentence_of(ev.predicate.i) for ev in evaluations)
    wanted.update(i - 1 for i in list(wanted) if i > 0 and pronoun_start().match(texts[i]))
    # "X said:" before a quotation that opens the next sentence names its speaker.
    wanted.update(i - 1 for i, t in enumerate(texts) if i > 0 and t[:1] in QUOTE_MARKS and texts[i - 1].rstrip().endswith(":"))
    ranges = [(sents[i].start, sents[i].end) for i in sorted(wanted)]
    # A full name introduces a person whom "Odumakin said …" or "he" later refers to.
    ranges.extend(r for i, s in enumerate(sents) if i not in wanted for r in find_full_names(s))
    # A quote's speaker is named outside its marks; the quoted words give no event.
    quoting = [s for i, s in enumerate(sents) if i not in wanted and not QUOTE_MARKS.isdisjoint(texts[i])]
    if quoting:
        outside = mark_unquoted(doc)
        ranges.extend(r for s in quoting for r in _runs(doc, s.start, s.end, outside))
    return sorted(ranges)


def find_full_names(sent: Span, context: int = 3) -> list[tuple[int, int]]:
    """Runs of two or more capitalised proper nouns ("Josephine Odumakin") in a
    sentence, with ``context`` tokens either side for the recogniser."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for tok in sent:
        if tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper():
            start = tok.i if start is None else start
            continue
        if start is not None and tok.i - start >= 2:
            runs.append((start, tok.i))
        start = None
    if start is not None and sent.end - start >= 2:
        runs.append((start, sent.end))
    return [(max(sent.start, a - context), min(sent.end, b + context)) for a, b in runs]


def mark_unquoted(doc: Doc) -> list[bool]:
    """Per token: True when it stands outside every quotation (marks count as inside).

    One pass over the Doc, as quotations run over several sentences.
    """
    out: list[bool] = []
    inside = False
    for tok in doc:
        if len(tok.text) == 1 and tok.text in QUOTE_MARKS:
            inside = toggle_quote(tok.text, inside)
            out.append(False)
        else:
            out.append(not inside)
    return out


def _runs(doc: Doc, start: int, end: int, outside: list[bool]) -> list[tuple[int, int]]:
    """Maximal runs of unquoted tokens in [start, end) that hold a word."""
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    for i in range(start, end):
        if outside[i] and run_start is None:
            run_start = i
        elif not outside[i] and run_start is not None:
            runs.append((run_start, i))
            run_start = None
    if run_start is not None:
        runs.append((run_start, end))
    # With a few quoted words either side: the recogniser reads a name from its context.
    return [(max(start, a - 3), min(end, b + 3)) for a, b in runs if any(t.is_alpha for t in doc[a:b])]
