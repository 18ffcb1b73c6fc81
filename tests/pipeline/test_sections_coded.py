"""Issue 17: an article longer than ``Limits.section_chars`` is coded one
section at a time, and gives the events coding it whole gives, at the
article's offsets (real model). Past the first section, what reads the
article around an event (a party named in an earlier paragraph, the contexts
of neighbouring sentences) may differ: outside its section the text is blank."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dyad.nlp.sections import section_bounds
from dyad.pipeline import Pipeline, PipelineOptions
from dyad.records import Article
from dyad.settings import Limits

PARAGRAPHS = [
    "Rebels attacked an army base near Goma on Monday, killing five soldiers, officials said.",
    "President Kagame met President Tshisekedi in Kinshasa on Tuesday.",
    "Kenyan police arrested twelve protesters in Nairobi on Wednesday.",
    "The United Nations condemned the attack on the base.",
]


@pytest.fixture(scope="module")
def article() -> Article:
    text = "\n\n".join(PARAGRAPHS[i % len(PARAGRAPHS)] for i in range(16))
    return Article(id="long", date=date(2023, 2, 22), text=text)


def _key(e):  # type: ignore[no-untyped-def]
    return (e.offsets.trigger_start, e.event, tuple(a.code for a in e.actor), tuple(r.code for r in e.recipient), e.when.date, e.event_loc)


def test_sections_give_the_whole_articles_events(article: Article):
    whole = Pipeline().code_article(article)
    small = PipelineOptions()
    small = replace(small, limits=replace(small.limits, section_chars=400))
    pipeline = Pipeline(small)
    parts = pipeline.code_article(article)
    streamed = list(pipeline.code_many([article]))
    assert len(article.text) > 2 * 400
    assert parts.article is article and streamed[0].article is article
    # The same events at the same offsets; the first section reads what the whole article
    # reads up to its end, so its events agree in every field the key holds.
    assert sorted((e.offsets.trigger_start, e.event) for e in parts.events) == sorted((e.offsets.trigger_start, e.event) for e in whole.events)
    first_end = next(section_bounds(article.text, 400))[1]
    assert sorted(_key(e) for e in parts.events if e.offsets.trigger_start < first_end) == sorted(
        _key(e) for e in whole.events if e.offsets.trigger_start < first_end
    )
    assert sorted(map(_key, streamed[0].events)) == sorted(map(_key, parts.events))
    assert len(whole.events) >= 12
    for e in parts.events:  # offsets point into the article's own text
        assert article.text[e.offsets.sentence_start : e.offsets.sentence_end] in PARAGRAPHS
    assert len({e.id for e in parts.events}) == len(parts.events)


def test_limits_default_is_far_above_an_article():
    assert Limits().section_chars >= 100_000
