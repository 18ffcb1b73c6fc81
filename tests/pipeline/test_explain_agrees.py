"""``dyad explain`` runs the same Pipeline as ``dyad code``: for every sentence
of the seed and of the VOA gold, the events explain reports are the events the
batch path (``code_many``, what ``dyad code`` runs) stores (issue #12)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.coding.explain import explain_sentence
from dyad.evaluation.voa_gold import default_gold_path
from dyad.pipeline import Pipeline
from dyad.records import Article, CodedArticle, content_hash

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _sentences(shared, seed_path) -> list[tuple[str, dt.date]]:  # type: ignore[no-untyped-def]
    from dyad.ingest import read_articles

    found: list[tuple[str, dt.date]] = []
    [seed] = [a for a in read_articles([seed_path]) if isinstance(a, Article)]
    found += [(s.strip(), seed.date) for s in seed.text.replace("\n", " ").split(". ") if s.strip()]
    voa = {a.id: a for a in read_articles([shared / "data" / "voa" / "voa_stories.jsonl"]) if isinstance(a, Article)}
    seen: set[str] = set()
    with default_gold_path().open(encoding="utf-8") as f:
        for row in map(json.loads, f):
            if "event" not in row:
                continue
            article = voa[row["article_id"]]
            text = article.text[row["sentence_start"] : row["sentence_end"]]
            if text not in seen:
                seen.add(text)
                found.append((text, article.date))
    return found


def _key(events) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(e.id, e.event, e.mode, e.date, e.confidence, e.event_loc, e.counts) for e in events]


def test_explain_and_code_agree_on_every_sentence(shared, seed_path, pipeline: Pipeline) -> None:  # type: ignore[no-untyped-def]
    sentences = _sentences(shared, seed_path)
    assert len(sentences) > 500
    articles = [Article(id=content_hash(text), date=day, text=text) for text, day in sentences]
    coded = [c for c in pipeline.code_many(articles) if isinstance(c, CodedArticle)]
    assert len(coded) == len(articles)
    differ = [a.text for a, c in zip(articles, coded, strict=True) if _key(c.events) != _key(explain_sentence(a.text, a.date, pipeline).events)]
    assert differ == []
