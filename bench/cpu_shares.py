"""CPU seconds of dyad's parse components and stages against the bare spaCy pipeline, in one run.

    .venv/bin/python bench/cpu_shares.py [--articles 96]

bench/throughput.py times wall clock, which on a shared machine moves with
everyone else's jobs; this one sums ``time.process_time`` (this process's CPU
only) for the bare model package over the articles and for each of dyad's
parts over the same articles: the masking and tokenising (``make_doc``), each
model component the Pipeline runs before its stages (the recogniser is the
``entities`` stage's), then each stage, in batches of the Pipeline's size.
The two sides alternate over chunks of 48 articles. No SQLite writes (those
are in throughput.py's numbers). Prints the CPU ratio bare / dyad and each
part's CPU seconds and share.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import VOA, corpus, load_stock_model  # noqa: E402 - the bench folder is not a package


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=96)
    args = ap.parse_args()
    if not VOA.is_file():
        print(f"needs {VOA}", file=sys.stderr)
        return 2

    from dyad.pipeline import Pipeline

    arts = corpus(args.articles)
    pipeline = Pipeline()
    bare = load_stock_model()
    size = pipeline.options.limits.batch_size
    for _ in pipeline.code_many(arts[:20]):  # warm both alike, as throughput.py does
        pass
    list(bare.pipe([a.text for a in arts[:20]], batch_size=size))

    cpu: dict[str, float] = {"bare": 0.0, "make_doc": 0.0}
    for n, i in enumerate(range(0, len(arts), 48)):
        part = arts[i : i + 48]
        if n % 2:
            run_dyad(pipeline, part, size, cpu)
            run_bare(bare, part, size, cpu)
        else:
            run_bare(bare, part, size, cpu)
            run_dyad(pipeline, part, size, cpu)
    total = sum(v for k, v in cpu.items() if k != "bare")
    print(f"articles: {len(arts)} (VOA repeated), batch size {size}, CPU seconds of this process")
    print(f"bare spaCy pipeline : {cpu['bare']:7.2f} s")
    print(f"dyad (no writes)    : {total:7.2f} s")
    print(f"ratio bare / dyad   : {cpu['bare'] / total:7.2f}x")
    print("dyad's parts: " + ", ".join(f"{k} {v:.2f} s ({100 * v / total:.1f}%)" for k, v in cpu.items() if k != "bare"))
    return 0


def run_bare(nlp, articles, size: int, cpu: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    t = time.process_time()
    for _ in nlp.pipe([a.text for a in articles], batch_size=size):
        pass
    cpu["bare"] += time.process_time() - t


def run_dyad(pipeline, articles, size: int, cpu: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    from dyad.pipeline import release

    t = time.process_time()
    docs = [pipeline._make_doc(a) for a in articles]
    cpu["make_doc"] += time.process_time() - t
    for name, proc in pipeline.nlp.pipeline:
        if name in pipeline._deferred:
            continue
        t = time.process_time()
        docs = list(proc.pipe(docs, batch_size=size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        cpu[name] = cpu.get(name, 0.0) + time.process_time() - t
    pairs = list(zip(docs, articles, strict=True))
    for doc, article in pairs:
        doc._.article = article
    for stage in pipeline.stages:
        t = time.process_time()
        for k in range(0, len(pairs), size):
            stage.pipe(pairs[k : k + size])
        cpu[stage.name] = cpu.get(stage.name, 0.0) + time.process_time() - t
    for doc in docs:
        release(doc)


if __name__ == "__main__":
    sys.exit(main())
