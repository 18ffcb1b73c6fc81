"""Batches: one bad item does not stop the rest; re-coding is idempotent; workers and Dask match one process."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dyad.batch import NearDuplicateIndex, code_corpus
from dyad.ingest import read_articles
from dyad.pipeline import PIECE_CHARS
from dyad.records import Article, CodedArticle
from dyad.store import EventFilter, Store

pytestmark = pytest.mark.model

ARTICLES = [
    {"id": "b1", "date": "2024-03-05", "text": "Russian troops attacked the Ukrainian city of Kharkiv on Monday, killing three civilians."},
    {"id": "b2", "date": "2024-03-05", "text": "The Chinese foreign minister met his French counterpart in Paris on Tuesday."},
    {"id": "b3", "date": "2024-03-06", "text": "Police arrested 40 protesters in Nairobi on Wednesday, officials said."},
    {"id": "b4", "date": "2024-03-06", "text": "Israel and Hamas agreed to a ceasefire after talks in Cairo, Egyptian officials said."},
]


def write_corpus(path, rows, bad_line: bool = True):
    lines = [json.dumps(r) for r in rows]
    if bad_line:
        lines.insert(2, '{"id": "broken", "date": "2024-03-05", "text": ')
    path.write_text("\n".join(lines) + "\n")
    return path


def snapshot(store: Store) -> list[dict]:
    return sorted((e.to_plover() for e in store.iter_events()), key=lambda r: r["id"])


def test_one_bad_item_is_recorded_and_the_rest_coded(tmp_path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl", ARTICLES)
    with Store(str(tmp_path / "db.sqlite")) as store:
        report = code_corpus(read_articles([corpus]), pipeline, store)
        assert report.coded == 4 and len(report.rejections) == 1 and report.exit_code == 3
        (rej,) = list(store.iter_rejections())
        assert rej.origin.endswith("c.jsonl") and rej.line == 3 and "JSON" in rej.reason
        assert store.counts().articles == 4


def test_recoding_replaces_and_rerun_skips(tmp_path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl", ARTICLES)
    with Store(str(tmp_path / "db.sqlite")) as store:
        code_corpus(read_articles([corpus]), pipeline, store)
        first, counts = snapshot(store), store.counts()
        again = code_corpus(read_articles([corpus]), pipeline, store)
        assert again.skipped == 4 and again.coded == 0
        forced = code_corpus(read_articles([corpus]), pipeline, store, force=True)
        assert forced.coded == 4
        assert snapshot(store) == first
        assert store.counts() == counts  # the rejection too is recorded once


def test_near_duplicate_copy_is_recorded_not_coded(tmp_path, pipeline):
    rows = ARTICLES[:2] + [{**ARTICLES[0], "id": "copy", "text": ARTICLES[0]["text"] + " Reporting by staff."}]
    with Store(str(tmp_path / "db.sqlite")) as store:
        report = code_corpus(read_articles([write_corpus(tmp_path / "c.jsonl", rows, False)]), pipeline, store, dedup=NearDuplicateIndex(0.6))
        assert report.coded == 2 and report.copies == 1
        assert [c["id"] for c in store.copies_of("b1")] == ["copy"]
        assert store.count_events(EventFilter(article_id="copy")) == 0


@pytest.mark.slow
def test_two_workers_give_the_same_events_as_one_process(tmp_path, pipeline):
    from dyad.batch.pool import ProcessPoolCoder

    rows = [{**r, "id": f"{r['id']}-{k}", "text": r["text"] + f" Item {k}."} for k in range(6) for r in ARTICLES]
    corpus = write_corpus(tmp_path / "c.jsonl", rows, False)
    with Store(str(tmp_path / "one.sqlite")) as one, Store(str(tmp_path / "two.sqlite")) as two:
        code_corpus(read_articles([corpus]), pipeline, one)
        report = code_corpus(read_articles([corpus]), ProcessPoolCoder(pipeline.options, workers=2, chunk_size=4), two)
        assert report.coded == len(rows)
        assert snapshot(two) == snapshot(one)


@pytest.mark.slow
def test_dask_local_cluster_matches_a_local_run(tmp_path, pipeline):
    from dyad.batch.dask_runner import DaskCoder

    rows = [{**r, "id": f"{r['id']}-{k}", "text": r["text"] + f" Item {k}."} for k in range(3) for r in ARTICLES]
    corpus = write_corpus(tmp_path / "c.jsonl", rows, False)
    with Store(str(tmp_path / "local.sqlite")) as local, Store(str(tmp_path / "dask.sqlite")) as dask_db:
        code_corpus(read_articles([corpus]), pipeline, local)
        with DaskCoder("local:2", pipeline.options, chunk_size=3) as coder:
            assert coder.n_workers == 2
            report = code_corpus(read_articles([corpus]), coder, dask_db)
        assert report.coded == len(rows)
        assert snapshot(dask_db) == snapshot(local)


def test_code_text_convenience():
    from dyad import code_text

    events = code_text("Rebels attacked an army base near Goma on Monday.", "2024-02-07")
    assert any(e.event == "ASSAULT" for e in events)
    assert all(isinstance(e.date, dt.date) for e in events)
    assert Article  # the record type is public


class _FailingStore:
    """A store whose save fails for one article (as a data error would), and records rejections."""

    def __init__(self, inner: Store, bad_id: str):
        self.inner, self.bad_id = inner, bad_id

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def save(self, coded, config=None):
        from dyad.errors import StoreError

        if coded.article.id == self.bad_id:
            raise StoreError("value too long for the database")
        self.inner.save(coded, config)


def test_an_article_the_store_refuses_is_rejected_and_the_rest_stored(tmp_path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl", ARTICLES, bad_line=False)
    with Store(str(tmp_path / "db.sqlite")) as inner:
        report = code_corpus(read_articles([corpus]), pipeline, _FailingStore(inner, "b2"))
        assert report.coded == 3
        assert [r.article_id for r in report.rejections] == ["b2"]
        assert "cannot store" in report.rejections[0].reason
        assert inner.counts().articles == 3 and inner.counts().rejections == 1


@pytest.mark.slow
def test_a_killed_worker_loses_only_its_chunk(tmp_path, pipeline):
    import os
    import signal

    from dyad.batch.pool import ProcessPoolCoder

    rows = [{**r, "id": f"{r['id']}-{k}", "text": r["text"] + f" Item {k}."} for k in range(10) for r in ARTICLES]
    articles = [a for a in read_articles([write_corpus(tmp_path / "c.jsonl", rows, False)]) if isinstance(a, Article)]
    with ProcessPoolCoder(pipeline.options, workers=2, chunk_size=2, window=4) as coder:
        results = coder.code_many(articles)
        first = next(results)
        victim = next(iter(coder._ex._processes))  # noqa: SLF001 - the test kills a real worker
        os.kill(victim, signal.SIGKILL)
        rest = list(results)
    out = [first, *rest]
    assert len(out) == len(articles)  # every article comes back: coded or rejected
    rejected = [r for r in out if not hasattr(r, "events")]
    assert rejected and all("worker failed" in r.reason for r in rejected)
    assert len(rejected) <= 4 * 2  # at most the chunks in flight when it died
    assert sum(hasattr(r, "events") for r in out) >= len(articles) - 8


def test_a_bad_id_costs_only_its_article_not_its_chunk(tmp_path, pipeline):
    """Issue 17: ids are looked up per record when the chunk's lookup fails."""
    good = [a for a in read_articles([write_corpus(tmp_path / "c.jsonl", ARTICLES, bad_line=False)]) if isinstance(a, Article)]
    bad = Article(id="s\udc00x", date=dt.date(2024, 3, 5), text="Police arrested four people.", origin="plugin")
    with Store(str(tmp_path / "db.sqlite")) as store:
        report = code_corpus([good[0], bad, *good[1:]], pipeline, store)
        assert report.coded == 4 and [r.article_id for r in report.rejections] == ["s\udc00x"]
        assert "cannot look up its id" in report.rejections[0].reason
        assert store.counts().articles == 4
        assert [r.article_id for r in store.iter_rejections()] == ["s\\udc00x"]  # stored, escaped


@pytest.mark.model
def test_a_text_over_a_million_characters_is_coded_with_its_offsets(pipeline):
    filler = "The weather was mild and the markets were calm that week, traders said.\n\n"
    event = "Rebels attacked an army base near Goma on Monday, killing five soldiers.\n\n"
    n = 1_050_000 // len(filler)
    text = filler * (n // 2) + event + filler * (n // 2) + event
    assert len(text) > 1_000_000 > PIECE_CHARS
    article = Article(id="long", date=dt.date(2024, 3, 5), text=text)
    short = Article(id="short", date=dt.date(2024, 3, 5), text=event)
    coded = list(pipeline.code_many([short, article, short]))
    assert [type(c).__name__ for c in coded] == ["CodedArticle"] * 3  # before: E088, the article rejected
    long = coded[1]
    assert isinstance(long, CodedArticle)
    attacks = [e for e in long.events if e.event == "ASSAULT"]
    assert len(attacks) == 2
    for e in attacks:
        o = e.offsets
        assert text[o.trigger_start : o.trigger_end] == "attacked"
        assert text[o.sentence_start : o.sentence_end].startswith("Rebels attacked")
    assert attacks[1].offsets.trigger_start > 1_000_000
