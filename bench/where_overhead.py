"""Cost of the place step against the spaCy parse it runs on, in one run.

    .venv/bin/python bench/where_overhead.py [--articles 89]

Parses the VOA stories with nlp.pipe, then calls ``locate_event`` for every
verb token of every article (many more calls than there are events, so this
over-states the cost). Prints the gazetteer's time to first lookup, the parse
time, the place-step time and their ratio. The goal for date + place + counts
+ quotes together is at most 15% of the parse; only ratios from one run mean
anything on these shared machines.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def read_texts(n: int) -> list[str]:
    with VOA.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts[:n]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=89)
    args = parser.parse_args(argv)
    if not VOA.is_file():
        print(f"no VOA corpus at {VOA}", file=sys.stderr)
        return 1

    from dyad.nlp import load_model
    from dyad.where.geocoder import Geocoder
    from dyad.where.locate import locate_event

    t0 = time.perf_counter()
    geocoder = Geocoder()
    geocoder.resolve("Kyiv")
    first_lookup = time.perf_counter() - t0

    nlp = load_model()
    texts = read_texts(args.articles)
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - t0

    calls = located = 0
    t0 = time.perf_counter()
    for doc in docs:
        for tok in doc:
            if tok.pos_ == "VERB":
                calls += 1
                located += locate_event(doc, tok.i, (), geocoder) is not None
    place = time.perf_counter() - t0

    words = sum(len(d) for d in docs)
    print(f"gazetteer time to first lookup: {first_lookup:.2f} s")
    print(f"parse: {len(docs)} articles, {words} tokens in {parse:.2f} s")
    print(f"place step: {calls} locate_event calls ({located} placed) in {place:.2f} s")
    print(f"place / parse = {place / parse:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
