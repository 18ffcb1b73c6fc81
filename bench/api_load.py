"""Load test of GET /events: a 10,000-event SQLite db, the server in its own process(es), an async client.

    .venv/bin/python bench/api_load.py [--events 10000] [--requests 4000] [--connections 8] [--workers 2] [--seconds 60]

The server (``dyad serve`` with ``--workers``) and this load generator are
separate processes; the generator keeps at most ``--connections`` requests in
flight on keep-alive connections, so it cannot flood (or starve) the server.
Prints requests/s, p50/p99 latency and the number of 5xx answers, and exits 1
when the targets (≥ 200 req/s, p99 < 200 ms, no 5xx) are missed. The request
count and the wall time are both bounded; only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

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


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    code = f"from dyad.cli.serve_cmd import serve; serve({db!r}, port={port}, workers={workers})"
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
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


@dataclass
class LoadResult:
    latencies_ms: list[float]
    errors_5xx: int
    other: int
    wall_s: float
    client_cpu_s: float


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, target: str) -> int:
    """One GET on a keep-alive connection; the status code (the body is read and dropped)."""
    writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    status = int((await reader.readline()).split()[1])
    length = None
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length is None:
        raise RuntimeError("response without Content-Length")
    await reader.readexactly(length)
    return status


async def _drive(base: str, queries: list[dict[str, str]], connections: int, seconds: float) -> LoadResult:
    # A bare HTTP/1.1 client: an HTTP library costs more CPU per request than the
    # server does, and on two cores that CPU is taken from the server.
    result = LoadResult([], 0, 0, 0.0, 0.0)
    targets = iter(["/events?" + urlencode(q) for q in queries])
    stop_at = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    async def worker() -> None:
        # One connection, one request in flight: at most ``connections`` in all.
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            for target in targets:
                if time.monotonic() >= stop_at:
                    return
                t0 = time.perf_counter()
                status = await _get(reader, writer, target)
                result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                if status >= 500:
                    result.errors_5xx += 1
                elif status != 200:
                    result.other += 1
        finally:
            writer.close()

    cpu0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(connections)))
    result.wall_s, result.client_cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    return result


def run_load(base: str, queries: list[dict[str, str]], connections: int, seconds: float) -> LoadResult:
    return asyncio.run(_drive(base, queries, connections, seconds))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=4_000)
    ap.add_argument("--connections", type=int, default=8, help="requests in flight at once")
    ap.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "load.sqlite")
        t0 = time.perf_counter()
        fill_db(db, args.events)
        print(f"filled {args.events} events in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            run_load(base, make_queries(200, seed=1), 2, 10)  # warm the page cache and the pools
            res = run_load(base, make_queries(args.requests), args.connections, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=20)
    lat = sorted(res.latencies_ms)
    rps = len(lat) / res.wall_s
    p50 = statistics.median(lat)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"requests {len(lat)} in {res.wall_s:.1f} s, {args.connections} connections, {args.workers} server workers")
    print(f"throughput {rps:.0f} req/s (target >= {TARGET_RPS:.0f}); load generator CPU {res.client_cpu_s / res.wall_s:.0%} of a core")
    print(f"latency p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < {TARGET_P99_MS:.0f} ms)")
    print(f"5xx {res.errors_5xx}, other non-200 {res.other}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ok = rps >= TARGET_RPS and p99 < TARGET_P99_MS and res.errors_5xx == 0 and res.other == 0
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
