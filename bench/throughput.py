"""Throughput of dyad end to end against the bare spaCy pipeline, in one run.

    .venv/bin/python bench/throughput.py [--articles 300] [--workers 2] [--memory 1000] [--place-rules] [--context-rules]

Codes the VOA corpus (repeated to --articles) with database writes, and runs
the bare spaCy pipeline (the model package exactly as shipped, all its
components, nlp.pipe, same batch size) over the same texts, the two in turn
over chunks of 48 articles (six batches) so that drift in the machine's speed falls on both.
Prints articles/s for both, their ratio and the median chunk ratio; then
one worker against --workers workers; then peak RSS per process on --memory
articles. ``--place-rules`` turns the learned place picker off, so two runs
give the where stage's share with and without it; ``--context-rules`` does the same for the
learned context classifier. These machines are noisy: only ratios from one run mean anything.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
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
    from dyad.nlp.model import load_stock_model as stock

    nlp = stock()
    if nlp is None:
        raise SystemExit("no English spaCy model installed")
    return nlp


def time_bare(nlp, texts: list[str], batch_size: int) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def time_workers(articles, workers: int, db: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds to code ``articles`` on a pool of ``workers`` processes, timed once
    the pool is up: each worker has loaded its model and coded a first chunk,
    as the one-process pipeline it is compared with has."""
    from dyad.batch import code_corpus
    from dyad.batch.pool import ProcessPoolCoder
    from dyad.pipeline import PipelineOptions
    from dyad.store import Store

    with ProcessPoolCoder(PipelineOptions(), workers) as coder, Store(db) as store:
        warm = [replace(a, id=f"{a.id}-warm") for a in articles[: 2 * workers * coder.chunk_size]]
        code_corpus(iter(warm), coder, store, force=True)
        t = time.perf_counter()
        report = code_corpus(iter(articles), coder, store, force=True)
        elapsed = time.perf_counter() - t
    assert report.coded == len(articles), report
    return elapsed


def time_interleaved(nlp, pipeline, articles, batch_size: int, db: str, chunk: int = 48) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Bare spaCy and dyad over the same chunks in turn, alternating which goes
    first, so that the machine's drift in speed falls on both alike. Returns
    (bare, dyad) seconds per chunk."""
    from dyad.batch import code_corpus
    from dyad.store import Store

    times: list[tuple[float, float]] = []
    coded = 0
    with Store(db) as store:
        for n, i in enumerate(range(0, len(articles), chunk)):
            part = articles[i : i + chunk]

            def run_dyad(part: list = part) -> float:  # part bound now, not looked up at call time
                nonlocal coded
                t = time.perf_counter()
                coded += code_corpus(iter(part), pipeline, store, force=True).coded
                return time.perf_counter() - t

            if n % 2:
                d = run_dyad()
                times.append((time_bare(nlp, [a.text for a in part], batch_size), d))
            else:
                b = time_bare(nlp, [a.text for a in part], batch_size)
                times.append((b, run_dyad()))
    assert coded == len(articles), coded
    return times


def live_children_peak_mb() -> float:
    """Largest VmHWM (peak resident set) among this process's live children.

    Not ``RUSAGE_CHILDREN``: a spawned worker is forked before it execs, so its
    ``ru_maxrss`` starts at this process's size, which holds a second model.
    """
    me, peak = os.getpid(), 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue  # the process ended meanwhile
        if int(fields.get("PPid", "0").strip() or 0) == me and "VmHWM" in fields:
            peak = max(peak, int(fields["VmHWM"].split()[0]))
    return peak / 1024


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory", type=int, default=0, help="also code this many articles and report peak RSS")
    ap.add_argument("--skip-workers", action="store_true")
    ap.add_argument("--place-rules", action="store_true",
                    help="place events by the rules alone (learned picker off): compare the where stage's share")
    ap.add_argument("--context-rules", action="store_true",
                    help="contexts by the rules alone (learned classifier off): compare the contexts stage's share")
    args = ap.parse_args()
    if args.place_rules:
        import dyad.where.locate

        dyad.where.locate.load_picker = lambda path=None: None  # type: ignore[assignment]
    if args.context_rules:
        import dyad.contexts.tagger

        dyad.contexts.tagger.load_context_model = lambda path=None, known=(): None  # type: ignore[assignment]
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
    # Warm both up alike: data files, the gazetteer, the model's first batches.
    for _ in pipeline.code_many(arts[:20]):
        pass
    time_bare(nlp, texts[:20], batch)
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)  # shares of the timed run only

    with tempfile.TemporaryDirectory() as tmp:
        chunks = time_interleaved(nlp, pipeline, arts, batch, str(Path(tmp) / "one.sqlite"))
        bare, dyad1 = sum(b for b, _ in chunks), sum(d for _, d in chunks)
        print(f"articles: {len(arts)} (VOA repeated), batch size {batch}, timed in alternating chunks of 48")
        print(f"bare: {', '.join(nlp.pipe_names)}; dyad: {', '.join(pipeline.nlp.pipe_names)}"
              f" (ner {'by the entities stage, on chosen windows' if 'entities' in pipeline.timings else 'everywhere'})")  # fmt: skip
        print(f"bare spaCy pipeline : {len(arts) / bare:8.1f} articles/s")
        print(f"dyad, 1 process     : {len(arts) / dyad1:8.1f} articles/s  (with SQLite writes)")
        print(f"ratio dyad / bare   : {bare / dyad1:8.2f}x  (median of the {len(chunks)} chunks' ratios: "
              f"{statistics.median(b / d for b, d in chunks):.2f}x)")  # fmt: skip
        print_stage_shares(pipeline.timings)
        if not args.skip_workers and args.workers > 1:
            dyadn = time_workers(arts, args.workers, str(Path(tmp) / "many.sqlite"))
            print(f"dyad, {args.workers} workers     : {len(arts) / dyadn:8.1f} articles/s")
            print(f"ratio {args.workers} workers / 1  : {dyad1 / dyadn:8.2f}x")
        print(f"peak RSS, this process (the bare model and dyad's): {peak_rss_mb():.0f} MB")
        if args.memory:
            from dyad.batch import code_corpus
            from dyad.batch.pool import ProcessPoolCoder
            from dyad.pipeline import PipelineOptions
            from dyad.store import Store

            gc.collect()
            big = corpus(args.memory)
            n = max(args.workers, 2)
            with ProcessPoolCoder(PipelineOptions(), n) as coder, Store(str(Path(tmp) / "big.sqlite")) as store:
                report = code_corpus(iter(big), coder, store, force=True)
                peak = live_children_peak_mb()
            assert report.coded == len(big), report
            print(f"after {args.memory} articles on {n} workers: largest worker peak RSS {peak:.0f} MB (limit 600 MB)")
    return 0


def print_stage_shares(timings: dict[str, float]) -> None:
    """Each stage's share of the pipeline's own time (the model's parse included)."""
    total = sum(timings.values()) or 1.0
    print("share of dyad's time per stage: " + ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in timings.items()))
    if "contexts" in timings:
        # The contexts stage (issue #18) may cost at most 3% of throughput: its share is that cost.
        print(f"contexts stage: {100 * timings['contexts'] / total:.2f}% of dyad's time (throughput without it: "
              f"{total / (total - timings['contexts']):.3f}x)")


if __name__ == "__main__":
    sys.exit(main())
