"""The Doc attributes stages read and set, declared once (``doc._.NAME``).

Each is set by exactly one built-in stage and read by the ones after it; the
Pipeline checks the order from the stages' ``requires``/``assigns``. Values are
tuples of frozen records (or, for the trigger matches, of small frozen match
objects that point at tokens), never loose dicts.

The values live in ``doc.user_data``; the Pipeline clears it after coding so
that spans pointing back at the Doc do not keep it alive.
"""

from __future__ import annotations

from spacy.tokens import Doc

# name → what it holds (the docs test checks each is described here and in docs/stages.md)
EXTENSIONS: dict[str, str] = {
    "article": "the Article being coded (set before the first stage)",
    "triggers": "lexicon trigger matches (coding.triggers.TriggerMatch), in text order",
    "evaluations": "evaluative predicates (coding.evaluative.Evaluation): 'called X baseless'",
    "mentions": "resolved actor mentions (records.Mention), in text order",
    "candidates": "event candidates (records.Candidate), coded and blocked, with the reason",
    "scores": "the learned scorer's type probabilities per sentence (scoring.records.SentenceScores)",
    "events": "the events built so far (records.Event), refined in place by date, place and count stages",
    "quotes": "direct quotations with their speakers (records.Quote)",
}


def register_extensions() -> None:
    """Declare every attribute on ``Doc`` once (idempotent; other libraries' names are left alone)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
