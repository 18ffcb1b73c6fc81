"""Texts too long to hold whole: coded in sections, with the article's offsets.

The parse of a text and what the stages leave on it grow with its length (about
300 MB a million characters), so a text of several megabytes would not fit in
memory at once. Such a text is coded one section at a time: each pass sees the
article with every character outside its section (and the lead, which the
dateline and the article's first mentions come from) blanked to spaces, so the
offsets of what it finds are the article's own; a pass keeps only the events
and quotes whose trigger or opening falls inside its section. The section size
(``Limits.section_chars``, 200,000) is far above any news article's, so an
ordinary article is coded whole; what sections lose is what crosses their
borders (a party named only in an earlier section, one event reported in two).
"""

from __future__ import annotations

from collections.abc import Iterator

from dyad.nlp.prefilter import split_sentences

# The lead every section sees: the caption, else the opening sentences up to this many characters.
LEAD_CHARS = 1_000


def section_bounds(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    """Character ranges of at most about ``max_chars`` covering ``text``, each
    ending at a paragraph break where one falls in its second half, else at a
    sentence's end, else (one endless sentence) at the last space before the limit."""
    n = len(text)
    start = 0
    while start < n:
        limit = start + max_chars
        if limit >= n:
            yield start, n
            return
        end = _paragraph_end(text, start, limit) or _sentence_end(text, start, limit) or _space_end(text, start, limit) or limit
        yield start, end
        start = end


def lead_end(text: str, caption_end: int = 0, max_chars: int = LEAD_CHARS) -> int:
    """Where the lead stops: after the caption, else after the last sentence that ends within ``max_chars``."""
    if 0 < caption_end <= max_chars:
        return caption_end
    ends = [b for _, b in split_sentences(text[: max_chars + 1]) if b <= max_chars]
    return ends[-1] if len(ends) > 1 or (ends and ends[0] < len(text)) else 0


def section_text(text: str, lead: int, start: int, end: int) -> str:
    """``text`` with every character blanked but the lead's and the section's; its length is unchanged."""
    if start <= lead:
        return text[:end] + " " * (len(text) - end)
    return text[:lead] + " " * (start - lead) + text[start:end] + " " * (len(text) - end)


def _paragraph_end(text: str, start: int, limit: int) -> int:
    at = text.rfind("\n", start + (limit - start) // 2, limit)
    return at + 1 if at >= 0 else 0


def _sentence_end(text: str, start: int, limit: int) -> int:
    spans = split_sentences(text[start:limit])
    # The last span runs to the limit, so it is cut mid-sentence: end at the one before it.
    return start + spans[-2][1] if len(spans) > 1 else 0


def _space_end(text: str, start: int, limit: int) -> int:
    at = text.rfind(" ", start, limit)
    return at + 1 if at > start else 0
