"""Why a record exists: the article text around an event, with its spans marked."""

from __future__ import annotations

from dataclasses import dataclass

from dyad.records import Article, Event

CONTEXT_CHARS = 300  # of article text shown before and after the sentence


@dataclass(frozen=True, slots=True)
class Span:
    kind: str  # actor, recipient, trigger, place, date, count, sentence, reported_by
    start: int  # offsets into Evidence.text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    article_id: str
    title: str | None
    source: str | None
    url: str | None
    article_date: str
    text: str  # the sentence with up to CONTEXT_CHARS either side, cut at whitespace
    offset: int  # where ``text`` starts in the article
    spans: tuple[Span, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "article": {"id": self.article_id, "title": self.title, "source": self.source, "url": self.url, "date": self.article_date},
            "text": self.text,
            "offset": self.offset,
            "spans": [{"kind": s.kind, "start": s.start, "end": s.end, "text": s.text} for s in self.spans],
        }


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    return lo, hi


def build_evidence(event: Event, article: Article) -> Evidence:
    """The window of article text around the event and every span it points at.

    A span whose offsets fall outside the window or do not match the text is
    left out rather than drawn in the wrong place.
    """
    o = event.offsets
    lo, hi = _cut(article.text, o.sentence_start, o.sentence_end)
    raw: list[tuple[str, int | None, int | None]] = [("sentence", o.sentence_start, o.sentence_end), ("trigger", o.trigger_start, o.trigger_end)]
    raw += [("actor", e.start, e.end) for e in event.actor]
    raw += [("recipient", e.start, e.end) for e in event.recipient]
    raw += [("reported_by", e.start, e.end) for e in event.reported_by]
    if event.event_loc is not None:
        raw.append(("place", event.event_loc.start, event.event_loc.end))
    raw.append(("date", event.when.start, event.when.end))
    raw += [("count", c.start, c.end) for c in event.counts]
    spans = []
    for kind, s, e in raw:
        if s is None or e is None or not (lo <= s < e <= hi):
            continue
        spans.append(Span(kind, s - lo, e - lo, article.text[s:e]))
    return Evidence(
        article_id=article.id,
        title=article.title,
        source=article.source,
        url=article.url,
        article_date=article.date.isoformat(),
        text=article.text[lo:hi],
        offset=lo,
        spans=tuple(spans),
    )
