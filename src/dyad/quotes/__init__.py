"""Direct quotations and their speakers, resolved to actor mentions."""

from dyad.quotes.extract import extract_quotes, find_cue, load_reporting_lexicon
from dyad.quotes.spans import QuoteSpan, find_quote_spans

__all__ = ["QuoteSpan", "extract_quotes", "find_cue", "find_quote_spans", "load_reporting_lexicon"]
