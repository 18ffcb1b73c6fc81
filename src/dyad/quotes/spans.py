"""Find direct quotations by their marks, within and across sentences.

Curly marks pair up unambiguously; straight double quotes toggle open and
closed within a paragraph. A quotation left open at the end of a paragraph is
closed there and marked ``continued``: wire style reopens the next paragraph
with a fresh mark and no closing one, and that next part keeps the speaker.
Single quotes are not read (they are mostly apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → marks that may close it; copy-edited text often mixes curly and straight.
_OPEN = {"“": "”\"", "„": "”“\"", "«": "»", '"': '"”'}
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[“\"„«])")
# Every mark that opens or closes: the scan visits these characters only.
_MARK = re.compile("[" + re.escape("".join(sorted(set(_OPEN) | set("".join(_OPEN.values()))))) + "]")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Character offsets of one quotation: marks included (``open``/``close``) and content."""

    open: int  # offset of the opening mark
    close: int  # offset just past the closing mark (or the paragraph end)
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark)
    continued: bool = False  # left open at the paragraph end
    continues_previous: bool = False  # opens a paragraph that carries on an open quote


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order, with content stripped of spaces."""
    spans: list[QuoteSpan] = []
    carried = False
    for par_start, par_end in _paragraphs(text):
        carried = _scan_paragraph(text, par_start, par_end, carried, spans)
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _scan_paragraph(text: str, start: int, end: int, carried: bool, spans: list[QuoteSpan]) -> bool:
    """Append this paragraph's quotations; return whether one is left open."""
    open_at: int | None = None
    closer, continues, seen_mark = "", False, False
    for m in _MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        if open_at is None and ch in _OPEN:
            if ch == '"' and i > start and text[i - 1].isalnum() and i + 1 < end and text[i + 1].isalnum():
                continue  # inch marks and the like: 5"10
            open_at, closer = i, _OPEN[ch]
            continues = carried and not seen_mark and not text[start:i].strip()
            seen_mark = True
        elif open_at is not None and ch in closer:
            _add(text, spans, QuoteSpan(open_at, i + 1, open_at + 1, i, False, continues))
            open_at, continues = None, False
    if open_at is not None:
        _add(text, spans, QuoteSpan(open_at, end, open_at + 1, end, True, continues))
        return True
    return False


def _add(text: str, spans: list[QuoteSpan], span: QuoteSpan) -> None:
    """Append ``span`` with its content stripped of surrounding spaces, unless empty."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):  # “…,” he said
        end -= 1
    if end > start:
        spans.append(QuoteSpan(span.open, span.close, start, end, span.continued, span.continues_previous))
