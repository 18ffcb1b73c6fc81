"""Cost of dating, counting and quoting against the spaCy parse, in one run.

    .venv/bin/python bench/when_counts_quotes_overhead.py [--articles 89]

Parses the VOA stories with nlp.pipe, then for every article: ``date_event``
and ``count_event`` on every verb token (many more calls than there are
events, so this over-states the cost), ``find_counts`` on every sentence and
``extract_quotes`` with the ActorResolver's mentions (the resolver's own time
is measured apart and not counted in the ratio). Only ratios from one run mean
anything on these shared machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VOA = REPO.parent / "shared" / "data" / "voa" / "voa_stories.jsonl"


def read_stories(n: int) -> list[tuple[dt.date, str]]:
    with VOA.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [(dt.date.fromisoformat(r["published"][:10]), r["text"]) for r in rows[:n]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=89)
    args = parser.parse_args(argv)
    if not VOA.is_file():
        print(f"no VOA corpus at {VOA}", file=sys.stderr)
        return 1

    from dyad.actors.resolve import ActorResolver
    from dyad.counts import count_event, find_counts
    from dyad.nlp import load_model
    from dyad.quotes import extract_quotes
    from dyad.when import date_event

    stories = read_stories(args.articles)
    nlp = load_model()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe((text for _, text in stories), batch_size=16))
    parse = time.perf_counter() - t0

    resolver = ActorResolver()
    t0 = time.perf_counter()
    mentions = [resolver.resolve(doc, day) for (day, _), doc in zip(stories, docs, strict=True)]
    resolve = time.perf_counter() - t0

    calls = dated = counted = quoted = 0
    timings = {"dates": 0.0, "counts": 0.0, "quotes": 0.0}
    for (day, _), doc, found in zip(stories, docs, mentions, strict=True):
        verbs = [t.i for t in doc if t.pos_ == "VERB"]
        calls += len(verbs)
        t0 = time.perf_counter()
        dated += sum(date_event(doc, i, day).precision != "article" for i in verbs)
        timings["dates"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        counted += sum(len(count_event(doc, i)) > 0 for i in verbs)
        counted += sum(len(find_counts(s)) for s in doc.sents)
        timings["counts"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        quoted += len(extract_quotes(doc, found, "bench"))
        timings["quotes"] += time.perf_counter() - t0

    total = sum(timings.values())
    print(f"articles={len(docs)} verb-triggers={calls} dated={dated} count-hits={counted} quotes={quoted}")
    print(f"parse            {parse:8.2f} s")
    print(f"actor resolver   {resolve:8.2f} s  ({resolve / parse:.1%} of parse, not counted below)")
    for name, seconds in timings.items():
        print(f"{name:<16} {seconds:8.2f} s  ({seconds / parse:.1%} of parse)")
    print(f"when+counts+quotes {total:6.2f} s  ratio {total / parse:.3f} of the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
