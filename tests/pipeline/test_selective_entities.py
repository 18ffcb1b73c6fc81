"""Entities only where they are read: the same events and quotes as the whole recogniser."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.ingest import read_articles
from dyad.pipeline import Pipeline, PipelineOptions
from dyad.records import Article

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "2023-02-22-russia-china-moscow.txt"


def articles() -> list[Article]:
    paths = sorted((ROOT / "examples").glob("*.txt"))
    if SEED.is_file():
        paths.insert(0, SEED)
    return [a for a in read_articles(paths) if isinstance(a, Article)]


def test_selective_entities_code_what_the_whole_recogniser_codes():
    selective = Pipeline()
    whole = Pipeline(PipelineOptions(selective_entities=False))
    arts = articles()
    assert len(arts) >= 3
    got = list(selective.code_many(arts))
    want = list(whole.code_many(arts))
    for g, w in zip(got, want, strict=True):
        assert g.events == w.events, g.article.id
        assert g.quotes == w.quotes, g.article.id
    assert sum(len(g.events) for g in got) >= 30


def test_one_article_and_a_batch_agree():
    pipe = Pipeline()
    arts = articles()
    assert [pipe.code_article(a).events for a in arts] == [c.events for c in pipe.code_many(arts)]


def test_quoted_words_left_out_of_the_parse_are_read_back_from_the_article():
    import datetime as dt

    text = (
        "Protesters marched through Nairobi on Monday. Shops stayed open.\n\n"  # the lead is always parsed
        "\u201cWe are tired and we are hungry,\u201d said John Kamau, a local organiser. "
        "The weather was mild."
    )
    article = Article(id="q1", date=dt.date(2024, 3, 4), text=text)
    pipe = Pipeline()
    masked = pipe.sentence_filter.mask(text).text
    assert "hungry" not in masked and "said John Kamau" in masked  # the quoted words are not parsed
    (quote,) = pipe.code_article(article).quotes
    assert quote.text == "We are tired and we are hungry"
    assert quote.sentence.startswith("\u201cWe are tired")
    assert quote.speaker is not None and quote.speaker.entity_text.startswith("John Kamau")
