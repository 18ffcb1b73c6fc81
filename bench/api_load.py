"""Load test of GET /events: a 10,000-event SQLite db, the server in its own process, client threads.

    .venv/bin/python bench/api_load.py [--events 10000] [--requests 3000] [--threads 8] [--seconds 60]

Prints requests/s, p50/p99 latency and the number of 5xx answers, and exits 1
when the targets (≥ 200 req/s, p99 < 200 ms, no 5xx) are missed. The request
count and the wall time are both bounded.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from explore_factory import COUNTRIES, QUADS, make_random_corpus  # noqa: E402

from dyad.store import Store  # noqa: E402

TARGET_RPS, TARGET_P99_MS = 200.0, 200.0


def fill_db(path: str, n_events: int) -> None:
    corpus = make_random_corpus(n_events)
    with Store(path) as store:
        for i in range(0, len(corpus), 500):
            store.save_many(corpus[i : i + 500])
        assert store.counts().events == n_events


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from dyad.api import create_app; "
        f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/events?limit=1", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def make_queries(n: int, seed: int = 3) -> list[dict[str, str]]:
    """A mix of what the UI asks: first pages, filters by actor/dyad/type/dates, deeper pages, sorts."""
    rng = random.Random(seed)
    codes, types = list(COUNTRIES), list(QUADS)
    out = []
    for _ in range(n):
        q: dict[str, str] = {"limit": str(rng.choice([25, 50]))}
        kind = rng.random()
        if kind < 0.3:
            q["actor"] = rng.choice(codes)
        elif kind < 0.55:
            q["actor"], q["recipient"] = rng.sample(codes, 2)
        elif kind < 0.75:
            q["type"] = rng.choice(types)
            q["since"] = f"2022-{rng.randint(1, 12):02d}-01"
        if rng.random() < 0.3:
            q["offset"] = str(rng.choice([25, 100, 500, 2000]))
        q["sort"] = rng.choice(["-date", "date", "-confidence", "goldstein"])
        out.append(q)
    return out


def run_load(base: str, queries: list[dict[str, str]], threads: int, seconds: float) -> tuple[list[float], int, int, float]:
    latencies: list[float] = []
    errors_5xx = 0
    other = 0
    lock = threading.Lock()
    it = iter(queries)
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors_5xx, other
        with httpx.Client(base_url=base, timeout=10) as client:
            while time.monotonic() < stop_at:
                with lock:
                    q = next(it, None)
                if q is None:
                    return
                t0 = time.perf_counter()
                resp = client.get("/events", params=q)
                dt_ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(dt_ms)
                    if resp.status_code >= 500:
                        errors_5xx += 1
                    elif resp.status_code != 200:
                        other += 1

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, errors_5xx, other, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=3_000)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "load.sqlite")
        t0 = time.perf_counter()
        fill_db(db, args.events)
        print(f"filled {args.events} events in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            run_load(base, make_queries(100, seed=1), 2, 10)  # warm the page cache and the pool
            lat, e5, other, wall = run_load(base, make_queries(args.requests), args.threads, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=10)
    lat.sort()
    rps = len(lat) / wall
    p50 = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"requests {len(lat)} in {wall:.1f} s with {args.threads} client threads")
    print(f"throughput {rps:.0f} req/s (target >= {TARGET_RPS:.0f})")
    print(f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < {TARGET_P99_MS:.0f} ms)")
    print(f"5xx {e5}, other non-200 {other}")
    ok = rps >= TARGET_RPS and p99 < TARGET_P99_MS and e5 == 0 and other == 0
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
