"""Casualty, arrest and crowd counts, and the events they belong to.

Conventions for vague numbers (editable in ``data/lexicon.yaml``): a plural
round number is twice its unit with qualifier "about" — "dozens" 24,
"scores" 40, "hundreds" 200, "thousands" 2,000, "tens of thousands" 20,000;
"a dozen" is 12 "about".
"""

from dyad.counts.attach import count_event
from dyad.counts.find import AnchoredCount, find_anchored_counts, find_counts, parse_number
from dyad.counts.lexicon import CountLexicon, load_lexicon

__all__ = [
    "AnchoredCount",
    "CountLexicon",
    "count_event",
    "find_anchored_counts",
    "find_counts",
    "load_lexicon",
    "parse_number",
]
