"""What keeping the summary tables at write time costs a save (issue #17).

    .venv/bin/python bench/store_write.py [--events 20000] [--batch 1 --batch 500] [--repeat 3] [--pg URL]

Saves the same hand-made coded articles (bench/api_load.py's corpus: 80 actor
codes, four events an article) into a new database twice per round: once as
``Store.save_many`` does it, once with the summary upkeep switched off (the
baseline: the summaries' read-before and update-after replaced by nothing), in
alternating order, and prints the median seconds and the ratio. ``--batch 1``
is how ``dyad code`` saves (one article per transaction), ``--batch 500`` how a
bulk load does; ``resave`` codes the same articles again over the stored ones
(every summary row they touched is taken back and added again).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_load import spread_codes  # noqa: E402
from explore_factory import make_random_corpus  # noqa: E402

from dyad.records import CodedArticle  # noqa: E402
from dyad.store import Store  # noqa: E402
from dyad.store import store as store_module  # noqa: E402
from dyad.store.schema import metadata  # noqa: E402
from dyad.store.summaries import Contributions  # noqa: E402


@contextmanager
def without_summaries() -> Iterator[None]:
    """The baseline: save_many without reading or updating the summaries."""
    with mock.patch.object(store_module, "read_contributions", lambda *a, **k: Contributions()), \
         mock.patch.object(store_module, "update_summaries", lambda *a, **k: None):  # fmt: skip
        yield


@contextmanager
def fresh_store(pg: str | None) -> Iterator[Store]:
    if pg:
        with Store(pg) as store:
            with store.engine.begin() as conn:
                for table in reversed(metadata.sorted_tables):
                    conn.exec_driver_sql(f"DELETE FROM {table.name}")
            yield store
        return
    with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "w.sqlite")) as store:
        yield store


def save_all(store: Store, corpus: list[CodedArticle], batch: int) -> float:
    t = time.perf_counter()
    for i in range(0, len(corpus), batch):
        store.save_many(corpus[i : i + batch])
    return time.perf_counter() - t


def run(corpus: list[CodedArticle], batch: int, resave: bool, summaries: bool, pg: str | None) -> float:
    with fresh_store(pg) as store:
        if resave:
            save_all(store, corpus, 500)
        if summaries:
            return save_all(store, corpus, batch)
        with without_summaries():
            return save_all(store, corpus, batch)


def measure(label: str, repeat: int, one: Callable[[bool], float]) -> None:
    times: dict[bool, list[float]] = {True: [], False: []}
    for r in range(repeat):
        for summaries in (r % 2 == 0, r % 2 == 1):  # alternate which goes first
            times[summaries].append(one(summaries))
    base, upkeep = statistics.median(times[False]), statistics.median(times[True])
    print(f"{label:28} without {base:7.2f} s   with {upkeep:7.2f} s   ratio {upkeep / base:5.2f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=20_000)
    ap.add_argument("--batch", type=int, action="append", help="articles per transaction (repeatable; default 1 and 500)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pg", help="a PostgreSQL URL to use instead of a new SQLite file (its dyad tables are emptied)")
    args = ap.parse_args()
    corpus = spread_codes(make_random_corpus(args.events))
    backend = "PostgreSQL" if args.pg else "SQLite"
    print(f"{backend}: {len(corpus):,} articles, {args.events:,} events; median of {args.repeat}", flush=True)
    for batch in args.batch or [1, 500]:
        for resave in (False, True):
            label = f"{'resave' if resave else 'save'} batch={batch}"
            measure(label, args.repeat, lambda s, b=batch, rs=resave: run(corpus, b, rs, s, args.pg))


if __name__ == "__main__":
    main()
