"""Hand-made records for store and export tests: invented articles and events
that exercise every field (several actors, a place, counts, quotes)."""

from __future__ import annotations

import datetime as dt

from dyad.records import Article, CodedArticle, ContextTag, Count, Entity, Event, EventDate, Offsets, Place, Quote

RUSSIA = Entity("Moscow", "Russia", "RUS", "GOV", "Q159", "country", 4, 10, "capital city")
CHINA = Entity("Beijing", "China", "CHN", "GOV", "Q148", "country", 20, 27, "capital city")
NATO = Entity("Nato", "North Atlantic Treaty Organization", "IGO", None, "NATO", "organisation", 30, 34, "alias")
POLICE = Entity("police", None, None, "COP", None, "sector", 0, 6, "sector noun")
MINISTER = Entity("Mr Orlov", "Ivan Orlov", "RUS", "GOV", None, "person", 40, 48, "coreference")


def make_article(i: int, date: dt.date = dt.date(2023, 2, 22), text: str | None = None) -> Article:
    body = text or f"Moscow and Beijing held talks on day {i}.\n\nPolice arrested 12 protesters in Kazan, officials said."
    return Article(
        id=f"art-{i:04d}",
        date=date,
        text=body,
        title=f"Invented story {i}",
        url=f"https://news.example.org/story/{i}",
        source="Example Wire",
        origin=f"corpus.jsonl:{i + 1}",
    )


def make_events(article: Article, n: int = 2) -> tuple[Event, ...]:
    """``n`` events of alternating shapes: a consultation, an arrest with a place and counts."""
    out = []
    for k in range(n):
        if k % 2 == 0:
            out.append(
                Event(
                    article_id=article.id,
                    event="CONSULT",
                    mode="visit",
                    cameo="042",
                    goldstein=1.9,
                    quad_code=1,
                    actor=(RUSSIA,),
                    recipient=(CHINA, NATO),
                    when=EventDate(article.date - dt.timedelta(days=1), "day", "yesterday", 50 + k, 59 + k),
                    event_text="held talks",
                    text=f"Moscow and Beijing held talks on day {k}.",
                    offsets=Offsets(0, 38, 19 + k, 29 + k),
                    rule="consult.held_talks",
                    confidence=0.81,
                    context=("diplomatic",),
                    context_evidence=(ContextTag("diplomatic", "sentence", 19 + k, 29 + k, "held talks", "type:CONSULT"),),
                    reported_by=(MINISTER,),
                )
            )
        else:
            out.append(
                Event(
                    article_id=article.id,
                    event="COERCE",
                    mode="arrest",
                    cameo="173",
                    goldstein=-5.0,
                    quad_code=4,
                    actor=(POLICE,),
                    recipient=(),
                    when=EventDate(article.date),
                    event_text="arrested",
                    text="Police arrested 12 protesters in Kazan, officials said.",
                    offsets=Offsets(40, 95, 47 + k, 55 + k),
                    rule="coerce.arrest",
                    confidence=0.6,
                    event_loc=Place("Kazan", "Kazan", 551487, 55.79, 49.12, "Tatarstan", "RUS", "populated_place", 73, 78, "sentence"),
                    counts=(Count("arrested", 12, "exact", "CVL", "12 protesters", 56, 69),),
                )
            )
    return tuple(out)


def make_coded(i: int, n_events: int = 2, date: dt.date = dt.date(2023, 2, 22)) -> CodedArticle:
    art = make_article(i, date)
    events = make_events(art, n_events)
    quote = Quote(art.id, "We agreed on everything", 100, 123, MINISTER, "\"We agreed on everything,\" Mr Orlov said.", events[0].id if events else None, "quote.said")
    return CodedArticle(article=art, events=events, quotes=(quote,))
