"""Find the date phrases of a parsed sentence and the token each one modifies.

Two sources are merged: the rules of ``dyad.when.resolve`` run over the
sentence text (they catch what the small spaCy model misses: "last autumn",
"in recent days", "over the previous 24 hours"), and spaCy DATE/TIME entities
that resolve on their own ("Feb. 21", "2019"). Where they overlap the longer
phrase wins.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from dyad.lang import english
from dyad.records import EventDate
from dyad.when.resolve import date_rules, match_rule, resolve_date_phrase


@dataclass(frozen=True, slots=True)
class DatePhrase:
    """A resolved date phrase in a Doc: what it says and what it modifies.

    ``when`` carries character offsets into the Doc text; ``attach`` is the
    token index of the word the phrase modifies (after undoing the parser's
    habit of hanging "X on Tuesday" from the verb instead of the noun X).
    """

    when: EventDate
    start_token: int
    end_token: int
    attach: int
    rule: str


def find_date_phrases(sent: Span, article_date: dt.date) -> list[DatePhrase]:
    """All resolvable date phrases in ``sent``, left to right, not overlapping.

    Cached in ``doc.user_data``: every event of a sentence asks for the same list.
    """
    key = ("dyad.when.phrases", sent.start, sent.end, article_date)
    user_data: dict[Any, Any] = sent.doc.user_data  # typed dict[str, Any], but any hashable key works
    cached = user_data.get(key)
    if cached is None:
        cached = user_data[key] = tuple(_find_date_phrases(sent, article_date))
    return list(cached)


def _find_date_phrases(sent: Span, article_date: dt.date) -> list[DatePhrase]:
    doc = sent.doc
    offset = sent.start_char
    found: list[tuple[int, int, int, EventDate, str]] = []  # start, end, rule rank, date, rule
    rules = date_rules()
    sent_text = sent.text  # Span.text joins its tokens on every access: once, not once per rule
    for rank, rule in enumerate(rules):
        for m in rule.pattern.finditer(sent_text):
            resolved = match_rule(rule, m, article_date)
            if resolved is not None:
                start, end = offset + m.start(), offset + m.end()
                found.append((start, end, rank, resolved, rule.name))
    for ent in _date_entities_in(doc, sent.start, sent.end):
        resolved = resolve_date_phrase(ent.text, article_date)
        if resolved is not None and resolved.start is not None and resolved.end is not None:
            start, end = ent.start_char + resolved.start, ent.start_char + resolved.end
            found.append((start, end, len(rules), resolved, "spacy-" + ent.label_.lower()))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2]))
    kept: list[tuple[int, int, int, EventDate, str]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    phrases = []
    for start, end, _rank, resolved, rule_name in sorted(kept):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        text = sent_text[start - offset : end - offset]  # Doc.text would rebuild the whole article
        when = EventDate(resolved.date, resolved.precision, text, start, end)
        phrases.append(DatePhrase(when, span.start, span.end, find_attachment(span), rule_name))
    return phrases


def _date_entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's DATE/TIME entities, once per Doc (``Span.ents`` rescans them all)."""
    key = "dyad.when.date_entities"
    if key not in doc.user_data:
        doc.user_data[key] = tuple(e for e in doc.ents if e.label_ in ("DATE", "TIME"))
    return doc.user_data[key]


def _date_entities_in(doc: Doc, start: int, end: int) -> tuple[Span, ...]:
    """The date entities within tokens ``start:end``, by bisection (entities do not overlap, in order)."""
    ents = _date_entities(doc)
    key = "dyad.when.date_entity_starts"
    starts = doc.user_data.get(key)
    if starts is None or len(starts) != len(ents):
        starts = doc.user_data[key] = [e.start for e in ents]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return tuple(e for e in ents[lo:hi] if e.end <= end)


def find_attachment(span: Span) -> int:
    """The token a date phrase modifies: climb out of the phrase and its preposition."""
    doc, i, sent_start = span.doc, span.start, span.sent.start
    preps = english().dates.date_prepositions  # "on Tuesday", "in 2019"
    if doc[i].lower_ in preps and doc[i].pos_ == "ADP":
        prev = i - 1  # the phrase includes its preposition: "in recent days"
    elif i - 1 >= sent_start and doc[i - 1].lower_ in preps:
        prev = i - 2
    else:
        prev = i - 1
    before = doc[prev] if prev >= sent_start else None
    # "his meeting on Tuesday", "Moscow's decision last autumn": the parser
    # often hangs the date on the verb; an adjacent common noun is what it dates.
    if before is not None and before.pos_ == "NOUN" and not _is_time_noun(before):
        return before.i
    head: Token = span.root
    while head.i in range(span.start, span.end) or head.pos_ == "ADP" or head.dep_ in ("prep", "pcomp"):
        if head.head.i == head.i:
            break
        head = head.head
    return head.i


def _is_time_noun(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_ in english().dates.time_nouns
