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
