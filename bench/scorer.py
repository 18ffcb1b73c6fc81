"""The learned scorer's costs, in one run.

    .venv/bin/python bench/scorer.py [--articles 89]

Prints the model file's size, the time to import scikit-learn and load the
model in a fresh process (wall and CPU: these machines are shared, CPU time
is the steadier), and the scorer stage's share of the pipeline's time and its
sentences per second over the VOA corpus (``bench/throughput.py`` compares the
whole pipeline with bare spaCy).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"
LOAD = (
    "import time; w, c = time.perf_counter(), time.process_time()\n"
    "from dyad.scoring.model import load_model, packaged_model_path\n"
    "load_model(packaged_model_path())\n"
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=89)
    args = ap.parse_args()
    from dyad.ingest import read_articles
    from dyad.pipeline import Pipeline
    from dyad.records import Article
    from dyad.scoring.model import packaged_model_path

    print(f"model file: {packaged_model_path().stat().st_size / 1e6:.1f} MB")
    wall, cpu = (float(x) for x in subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout.split())
    print(f"import + load in a fresh process: {wall:.2f} s wall, {cpu:.2f} s CPU")
    articles = [a for a in read_articles([VOA]) if isinstance(a, Article)][: args.articles]
    pipeline = Pipeline()
    for _ in pipeline.code_many(articles[:4]):  # warm up
        pass
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
    sentences = 0
    start = time.perf_counter()
    for _ in pipeline.code_many(articles):
        pass
    total = time.perf_counter() - start
    scorer, spent = pipeline.timings["scorer"], sum(pipeline.timings.values())
    for a in articles:
        doc = pipeline.parse(a)
        sentences += sum(1 for s in doc.sents if not s.text.isspace())
    print(f"{len(articles)} articles in {total:.1f} s; scorer {scorer:.2f} s = {100 * scorer / spent:.1f}% "
          f"of the pipeline's time, {sentences / scorer if scorer else 0:.0f} parsed sentences/s")


if __name__ == "__main__":
    main()
