"""/network's query at 100k and 1M events, read from the summary tables alone (issue #17).

    .venv/bin/python bench/network_scale.py [--events 100000 --events 1000000] [--repeat 5]

Fills only the summaries of a new SQLite store (no articles: the API's network
reads nothing else) with events spread as bench/api_load.py spreads them (80
actor codes, 730 days, 7 types), then times ``count_edges`` for the requests
/network gets: all time, one type, since a month, both; 200 pairs (the page),
as the route asks. The baselines, in the same run: the same answer from the
day-level pairs (an ``until`` after every event makes the day table answer),
and every pair turned into Python rows before the cut (what the route did
before revision 0012). Prints medians in ms and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from explore_factory import QUADS  # noqa: E402

from dyad.store import EventFilter, Store  # noqa: E402
from dyad.store.queries import count_edges  # noqa: E402
from dyad.store.summaries import Contributions, apply_contributions  # noqa: E402

N_CODES = 80
START = dt.date(2022, 1, 1)
AFTER_ALL = dt.date(2100, 1, 1)  # an until no event reaches: the day-level table answers
PAGE = 200


def fill(store: Store, n_events: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    codes = sorted({"".join(rng.choices(string.ascii_uppercase, k=3)) for _ in range(N_CODES * 2)})[:N_CODES]
    types = list(QUADS)
    for start in range(0, n_events, 100_000):
        part = Contributions()
        for _ in range(min(100_000, n_events - start)):
            a, r = rng.sample(codes, 2)
            kind = rng.choice(types)
            day = (START + dt.timedelta(days=rng.randrange(730))).isoformat()
            part.add_event(day, kind, QUADS[kind][1], None, [("actor", a, None), ("recipient", r, None)])
        with store.engine.begin() as conn:
            apply_contributions(conn, part)


def median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--events", type=int, action="append", help="events (repeatable; default 100,000 and 1,000,000)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    requests = {"all time": EventFilter(), "one type": EventFilter(event="ASSAULT"), "since 2023-01": EventFilter(since=dt.date(2023, 1, 1)),
                "since 2022-03, type": EventFilter(since=dt.date(2022, 3, 1), event="ASSAULT")}  # fmt: skip
    for n in args.events or [100_000, 1_000_000]:
        with tempfile.TemporaryDirectory() as tmp, Store(os.path.join(tmp, "net.sqlite")) as store:
            t = time.perf_counter()
            fill(store, n)
            with store.engine.connect() as conn:
                rows = {name: conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar() for name in ("summary_pairs", "summary_pair_totals")}
            print(f"\n{n:,} events: summaries filled in {time.perf_counter() - t:.0f} s; rows: {rows}")
            print(f"{'request (200 pairs)':24s} {'now':>8s} {'day rows':>9s} {'all rows':>9s}  (ms; ratio to now)")
            for name, f in requests.items():
                now = median_ms(lambda f=f: count_edges(store, f, limit=PAGE), args.repeat)
                days = median_ms(lambda f=f: count_edges(store, EventFilter(since=f.since, until=AFTER_ALL, event=f.event), limit=PAGE), args.repeat)
                every = median_ms(lambda f=f: count_edges(store, f)[:PAGE], args.repeat)
                print(f"{name:24s} {now:8.1f} {days:9.1f} {every:9.1f}  ({days / now:.2f}x, {every / now:.2f}x)", flush=True)


if __name__ == "__main__":
    main()
