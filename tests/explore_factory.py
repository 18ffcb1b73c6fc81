"""Hand-made coded articles for the explore tests (API, analytics, browser) and bench/api_load.py.

Each article is built sentence by sentence, so every event carries true
character offsets for its sentence, trigger, actor, recipient and place.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dyad.records import Article, CodedArticle, Count, Entity, Event, EventDate, Offsets, Place, Quote

QUADS = {"CONSULT": (1, 1.0, "040"), "AGREE": (1, 3.0, "030"), "AID": (2, 7.0, "070"), "ACCUSE": (3, -2.0, "112"),
         "THREATEN": (3, -6.0, "130"), "ASSAULT": (4, -9.0, "180"), "COERCE": (4, -7.0, "170")}  # fmt: skip
COUNTRIES = {"RUS": "Russia", "CHN": "China", "UKR": "Ukraine", "USA": "United States", "FRA": "France", "IND": "India"}
PLACES = {
    "Moscow": (55.7558, 37.6173, "RUS"),
    "Beijing": (39.9042, 116.4074, "CHN"),
    "Kyiv": (50.4501, 30.5234, "UKR"),
    "Kharkiv": (49.9935, 36.2304, "UKR"),
    "Paris": (48.8566, 2.3522, "FRA"),
}
# Places named only as a country: the geocoder puts them at the country's point (the map's "without countries" hides them).
COUNTRY_PLACES = {"Ukraine": (49.0, 32.0, "UKR")}
VERBS = {"CONSULT": "held talks with", "AGREE": "signed a deal with", "AID": "sent aid to", "ACCUSE": "accused",
         "THREATEN": "threatened", "ASSAULT": "shelled", "COERCE": "seized ships of"}  # fmt: skip
# The contexts stage's output, made up per type so --context filters have something to find.
CONTEXTS = {"CONSULT": ("diplomatic",), "AGREE": ("diplomatic", "economic"), "AID": ("human_security",),
            "THREATEN": ("military", "future"), "ASSAULT": ("military",), "COERCE": ("territory", "military")}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence: ``{actor} {verb} {recipient} in {place}.`` and optionally a quote by the actor."""

    actor: str  # country code
    event: str  # PLOVER type
    recipient: str
    place: str | None = None
    quote: str | None = None
    dead: int | None = None


def make_article(article_id: str, day: dt.date, lines: list[Line], source: str = "Wire", precision: str = "day",
                 url: str | None = None) -> CodedArticle:  # fmt: skip
    text = ""
    events: list[Event] = []
    quotes: list[Quote] = []
    for ln in lines:
        start = len(text)
        a_name, r_name = COUNTRIES[ln.actor], COUNTRIES[ln.recipient]
        sentence = f"{a_name} {VERBS[ln.event]} {r_name}"
        if ln.place:
            sentence += f" in {ln.place}"
        if ln.dead:
            sentence += f", killing {ln.dead} people"
        sentence += "."
        if ln.quote:
            sentence += f' "{ln.quote}," {a_name} said.'
        text += sentence + " "
        a_start = start
        t_start = a_start + len(a_name) + 1
        t_end = t_start + len(VERBS[ln.event])
        r_start = t_end + 1
        place = None
        if ln.place:
            p_start = text.index(ln.place, r_start)
            lat, lon, cc = PLACES.get(ln.place) or COUNTRY_PLACES[ln.place]
            resolution = "populated_place" if ln.place in PLACES else "country"
            place = Place(ln.place, ln.place, None, lat, lon, None, cc, resolution, p_start, p_start + len(ln.place), "test")
        quad, gold, cameo = QUADS[ln.event]
        ev = Event(
            article_id=article_id,
            event=ln.event,
            mode=None,
            cameo=cameo,
            goldstein=gold,
            quad_code=quad,
            actor=(Entity(a_name, a_name, ln.actor, "GOV", None, "country", a_start, a_start + len(a_name), "test"),),
            recipient=(Entity(r_name, r_name, ln.recipient, "GOV", None, "country", r_start, r_start + len(r_name), "test"),),
            when=EventDate(day, precision),
            event_text=VERBS[ln.event],
            text=sentence,
            offsets=Offsets(start, start + len(sentence), t_start, t_end),
            rule="test",
            confidence=0.9,
            event_loc=place,
            context=CONTEXTS.get(ln.event, ()),
            counts=(Count("dead", ln.dead, text=str(ln.dead), start=text.index(f"killing {ln.dead}", start) + 8,
                          end=text.index(f"killing {ln.dead}", start) + 8 + len(str(ln.dead))),) if ln.dead else (),
        )
        events.append(ev)
        if ln.quote:
            q_start = text.index(ln.quote, start)
            speaker = Entity(a_name, a_name, ln.actor, "GOV", None, "country", None, None, "test")
            quotes.append(Quote(article_id, ln.quote, q_start, q_start + len(ln.quote), speaker, sentence, ev.id, "test"))
    article = Article(id=article_id, date=day, text=text.strip(), title=f"Report {article_id}", source=source, url=url)
    return CodedArticle(article=article, events=tuple(events), quotes=tuple(quotes))


def make_corpus() -> list[CodedArticle]:
    """A small corpus: the Russia–China talks reported by three sources, a war, some diplomacy."""
    d = dt.date(2023, 2, 22)
    return [
        make_article("a1", d, [Line("RUS", "CONSULT", "CHN", "Moscow", quote="Our ties are strong"), Line("UKR", "ACCUSE", "RUS")], "Wire"),
        make_article("a2", d + dt.timedelta(days=1), [Line("CHN", "CONSULT", "RUS", "Moscow"), Line("RUS", "CONSULT", "CHN", "Moscow")], "Daily"),
        make_article("a3", d + dt.timedelta(days=1), [Line("RUS", "CONSULT", "CHN", "Moscow")], "Herald"),
        make_article("a4", d + dt.timedelta(days=2), [Line("RUS", "ASSAULT", "UKR", "Kharkiv", dead=3)], "Wire", url="https://news.example.org/a4"),
        make_article("a5", d + dt.timedelta(days=2), [Line("RUS", "ASSAULT", "UKR", "Kyiv", dead=1)], "Daily"),
        make_article("a6", d + dt.timedelta(days=20), [Line("RUS", "CONSULT", "CHN", "Beijing"), Line("USA", "THREATEN", "CHN")], "Wire"),
        make_article("a7", d + dt.timedelta(days=40), [Line("RUS", "AGREE", "CHN", "Beijing"), Line("FRA", "AID", "UKR", "Paris")], "Herald"),
    ]


def make_random_corpus(n_events: int, seed: int = 7, per_article: int = 4) -> list[CodedArticle]:
    """Many articles of random events (for the load benchmark and the browser tests)."""
    rng = random.Random(seed)
    codes, types, places = list(COUNTRIES), list(QUADS), [*PLACES, None]
    out = []
    start = dt.date(2022, 1, 1)
    for i in range(0, n_events, per_article):
        day = start + dt.timedelta(days=rng.randrange(730))
        lines = []
        for _ in range(min(per_article, n_events - i)):
            a, r = rng.sample(codes, 2)
            lines.append(Line(a, rng.choice(types), r, rng.choice(places), quote="We will respond" if rng.random() < 0.1 else None))
        out.append(make_article(f"r{i // per_article:05d}", day, lines, rng.choice(["Wire", "Daily", "Herald", "Post"])))
    return out
