"""Throughput of dyad end to end against the bare spaCy pipeline, in one run.

    .venv/bin/python bench/throughput.py [--articles 300] [--workers 2] [--memory 1000]

Codes the VOA corpus (repeated to --articles) with database writes, and runs
the bare spaCy pipeline (the model package exactly as shipped, all its
components, nlp.pipe, same batch size) over the same texts. Prints articles/s for both and their ratio; then
one worker against --workers workers; then peak RSS per process on --memory
articles. These machines are noisy: only ratios from one run mean anything.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def corpus(n: int):  # type: ignore[no-untyped-def]
    from dyad.ingest import read_articles
    from dyad.records import Article

    base = [a for a in read_articles([VOA]) if isinstance(a, Article)]
    out = []
    k = 0
    while len(out) < n:
        for a in base:
            # A distinct id and a distinct last line: no skip, no near-duplicate shortcut.
            out.append(replace(a, id=f"{a.id}-r{k}", text=f"{a.text}\n\nCopy {k}."))
            if len(out) == n:
                break
        k += 1
    return out


def load_stock_model():  # type: ignore[no-untyped-def]
    """The model package exactly as shipped: none of dyad's components or swaps."""
    import importlib

    from dyad.nlp.model import MODEL_PACKAGES

    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no English spaCy model installed")


def time_bare(nlp, texts: list[str], batch_size: int) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def time_dyad(articles, workers: int, db: str, pipeline=None) -> float:  # type: ignore[no-untyped-def]
    from dyad.batch import code_corpus
    from dyad.batch.pool import ProcessPoolCoder
    from dyad.pipeline import PipelineOptions
    from dyad.store import Store

    coder = pipeline if workers == 1 else ProcessPoolCoder(PipelineOptions(), workers)
    with Store(db) as store:
        t = time.perf_counter()
        report = code_corpus(iter(articles), coder, store, force=True)
        elapsed = time.perf_counter() - t
    assert report.coded == len(articles), report
    return elapsed


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory", type=int, default=0, help="also code this many articles and report peak RSS")
    ap.add_argument("--skip-workers", action="store_true")
    args = ap.parse_args()
    if not VOA.is_file():
        print(f"needs {VOA}", file=sys.stderr)
        return 2

    from dyad.pipeline import Pipeline
    from dyad.settings import Limits

    arts = corpus(args.articles)
    texts = [a.text for a in arts]
    batch = Limits().batch_size
    nlp = load_stock_model()
    pipeline = Pipeline()
    for _ in pipeline.code_many(arts[:5]):  # load the data files and the gazetteer before timing
        pass
    time_bare(nlp, texts[:20], batch)  # warm up

    with tempfile.TemporaryDirectory() as tmp:
        bare = time_bare(nlp, texts, batch)
        dyad1 = time_dyad(arts, 1, str(Path(tmp) / "one.sqlite"), pipeline)
        print(f"articles: {len(arts)} (VOA repeated), batch size {batch}")
        print(f"bare spaCy pipeline : {len(arts) / bare:8.1f} articles/s")
        print(f"dyad, 1 process     : {len(arts) / dyad1:8.1f} articles/s  (with SQLite writes)")
        print(f"ratio dyad / bare   : {bare / dyad1:8.2f}x")
        if not args.skip_workers and args.workers > 1:
            dyadn = time_dyad(arts, args.workers, str(Path(tmp) / "many.sqlite"))
            print(f"dyad, {args.workers} workers     : {len(arts) / dyadn:8.1f} articles/s")
            print(f"ratio {args.workers} workers / 1  : {dyad1 / dyadn:8.2f}x")
        print(f"peak RSS, this process: {peak_rss_mb():.0f} MB; largest worker: {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        if args.memory:
            gc.collect()
            big = corpus(args.memory)
            time_dyad(big, max(args.workers, 2), str(Path(tmp) / "big.sqlite"))
            print(f"after {args.memory} articles on {max(args.workers, 2)} workers: largest worker peak RSS "
                  f"{peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB (limit 600 MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
