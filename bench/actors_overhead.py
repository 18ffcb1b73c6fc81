"""How much actor resolution adds to the spaCy parse, measured in one run.

Parses the VOA dev corpus with ``nlp.pipe`` and times ``ActorResolver.resolve``
on the same Docs; prints both times and the ratio (target: at most 5%).

    .venv/bin/python bench/actors_overhead.py [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

from dyad.actors.resolve import ActorResolver
from dyad.nlp import load_model

CORPUS = Path("/work/shared/data/voa/voa_stories.jsonl")


def read_corpus(path: Path, limit: int | None) -> list[tuple[str, dt.date]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            day = dt.date.fromisoformat(str(row.get("published", "2024-01-01"))[:10])
            items.append((row["text"], day))
            if limit and len(items) >= limit:
                break
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="resolution passes (the best is kept)")
    args = parser.parse_args()
    items = read_corpus(args.corpus, args.limit)
    nlp = load_model()
    resolver = ActorResolver()
    resolver.prepare(nlp)  # matcher build is a one-off cost, not per article
    t0 = time.perf_counter()
    docs = list(nlp.pipe((text for text, _ in items), batch_size=16))
    parse = time.perf_counter() - t0
    best = float("inf")
    mentions = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        mentions = sum(len(resolver.resolve(doc, day)) for doc, (_, day) in zip(docs, items, strict=True))
        best = min(best, time.perf_counter() - t0)
    tokens = sum(len(d) for d in docs)
    print(f"articles={len(docs)} tokens={tokens} mentions={mentions}")
    print(f"parse={parse:.2f}s resolve={best:.3f}s ratio={best / parse:.2%}")


if __name__ == "__main__":
    main()
