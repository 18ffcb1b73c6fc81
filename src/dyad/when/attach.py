"""Date one event: pick the date phrase that governs its trigger.

Order of preference for a trigger T and a phrase attached to token A:
1. A is T ("his meeting on Tuesday", "the attack last week");
2. A governs T: the phrase dates T's clause or the sentence's main clause
   ("On Tuesday, police said they arrested …"); the nearer in the tree the better;
3. T governs A closely (at most three arcs, no verb between but a "when"/"as"
   clause, which shares T's time): the phrase sits on T's own argument
   ("Russia's parliament on Wednesday endorsed …", "killed when their vehicle
   hit a mine on Saturday").
A phrase on another branch dates another event and is never used. With no
phrase the event gets the article date, precision "article".
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from dyad.records import EventDate
from dyad.when.phrases import DatePhrase, find_date_phrases

_MAX_DOWN = 3


def date_event(doc: Doc, trigger_head: int, article_date: dt.date) -> EventDate:
    """The date of the event whose trigger is token ``trigger_head`` of ``doc``.

    ``doc`` is the whole article, parsed; offsets in the result point into
    ``doc.text``.
    """
    trigger = doc[trigger_head]
    phrases = find_date_phrases(trigger.sent, article_date)
    best = choose_phrase(trigger, phrases)
    if best is None:
        return EventDate(article_date, "article")
    return best.when


def choose_phrase(trigger: Token, phrases: list[DatePhrase]) -> DatePhrase | None:
    """The phrase that governs ``trigger`` by the order in the module docstring."""
    scored: list[tuple[int, int, DatePhrase]] = []
    for phrase in phrases:
        if phrase.start_token <= trigger.i < phrase.end_token:
            continue  # the trigger is part of the date ("the day of the attack")
        score = score_attachment(trigger, trigger.doc[phrase.attach])
        if score is not None:
            scored.append((score, abs(phrase.start_token - trigger.i), phrase))
    if not scored:
        return None
    return min(scored, key=lambda s: (s[0], s[1]))[2]


def score_attachment(trigger: Token, attach: Token) -> int | None:
    """Lower is better; ``None`` when the phrase belongs to another event."""
    if attach.i == trigger.i:
        return 0
    up = _path_up(trigger, attach)
    if up is not None:
        return 1 + up
    down = _path_up(attach, trigger)
    if down is not None and down <= _MAX_DOWN:
        between = _tokens_between(attach, trigger)
        if not any(t.pos_ in ("VERB", "AUX") and not _is_simultaneous(t) for t in between):
            return 10 + down
    return None


def _is_simultaneous(token: Token) -> bool:
    """A "when"/"as" clause happens at the time of its main clause: its date is shared."""
    return token.dep_ == "advcl" and any(c.dep_ == "advmod" or c.dep_ == "mark" for c in token.children if c.lower_ in ("when", "as"))


def _path_up(start: Token, target: Token) -> int | None:
    """Number of arcs from ``start`` up to its ancestor ``target``, else ``None``."""
    steps, node = 0, start
    while node.head.i != node.i:
        node, steps = node.head, steps + 1
        if node.i == target.i:
            return steps
    return None


def _tokens_between(low: Token, high: Token) -> list[Token]:
    """``low`` and its ancestors strictly below ``high``."""
    out, node = [], low
    while node.i != high.i and node.head.i != node.i:
        out.append(node)
        node = node.head
    return out


# An event dated this long before its report is history told, not news: "In 1999, NATO bombed Belgrade"
# (the manual's auxiliary mode "historical", which goes into the event's context).
HISTORICAL_AFTER = dt.timedelta(days=366)


def is_historical(when: EventDate, published: dt.date) -> bool:
    return when.precision != "article" and published - when.date > HISTORICAL_AFTER
