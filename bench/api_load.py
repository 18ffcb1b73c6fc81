"""Load test of every API endpoint over a 100,000-event SQLite store, and the API under slow and big-header clients.

    .venv/bin/python bench/api_load.py [--events 100000] [--clients 10] [--requests 300] [--workers 2]
                                       [--db PATH] [--slow 200] [--big 10] [--posts 40]

The store is filled through the Store API with hand-made coded articles
(tests/explore_factory.py: true offsets, places, quotes), their actor codes
spread over 80 codes so the network and actor pages have many pairs; ``--db``
keeps the file for the next run. ``dyad serve`` (with ``--workers``) runs in
its own process(es); this load generator keeps ``--clients`` keep-alive
connections, one request in flight on each.

Phases, each printed as it ends:
1. every GET endpoint in turn (pages, detail pages, analytics, static files):
   p50/p99/max latency, requests/s, 5xx, other errors;
2. GET /events alone (the baseline), then the same load while ``--slow``
   clients send their headers a byte per second (slowloris), then while
   ``--big`` clients send 64 kB headers in a loop: p99 of the normal requests
   under attack against the baseline, what the attackers got (408/431,
   connections closed) and how long the server held them;
3. POST /articles with the real model (each worker loads it first), and the
   first /stories request after those writes.
Exits 1 when a GET endpoint misses p99 < 500 ms, any 5xx comes back, or the
normal requests are not served during the attacks. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import random
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from explore_factory import QUADS, make_random_corpus  # noqa: E402

from dyad.records import CodedArticle  # noqa: E402
from dyad.store import Store  # noqa: E402

TARGET_P99_MS = 500.0
TOKEN = "bench-token"
N_CODES = 80
BIG_HEADER = 64 * 1024


def spread_codes(corpus: list[CodedArticle], seed: int = 11) -> list[CodedArticle]:
    """The factory's six countries become ``N_CODES`` codes, so the network has thousands of pairs."""
    rng = random.Random(seed)
    letters = string.ascii_uppercase
    codes = sorted({"".join(rng.choices(letters, k=3)) for _ in range(N_CODES * 2)})[:N_CODES]
    out = []
    for c in corpus:
        evs = []
        for e in c.events:
            a, r = rng.sample(codes, 2)
            evs.append(dataclasses.replace(e, actor=tuple(dataclasses.replace(x, code=a) for x in e.actor),
                                           recipient=tuple(dataclasses.replace(x, code=r) for x in e.recipient)))  # fmt: skip
        out.append(dataclasses.replace(c, events=tuple(evs)))
    return out


def fill_db(path: str, n_events: int) -> None:
    corpus = spread_codes(make_random_corpus(n_events))
    with Store(path) as store:
        for i in range(0, len(corpus), 2000):
            store.save_many(corpus[i : i + 2000])
        assert store.counts().events == n_events


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    code = f"from dyad.cli.serve_cmd import serve; serve({db!r}, port={port}, token={TOKEN!r}, workers={workers})"
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)  # its own group: workers included
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/events?limit=1", timeout=1).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


@dataclass(frozen=True)
class Request:
    method: str
    target: str
    body: bytes = b""
    absent_ok: bool = False  # a 404 is the right answer (an actor with no event since the date asked)


@dataclass
class Sample:
    ids: dict[str, list[str]]  # article / event / story / actor ids read from the running API


def read_sample(base: str) -> Sample:
    with httpx.Client(base_url=base, timeout=60) as c:
        events = c.get("/events", params={"limit": 500, "sort": "date"}).json()["items"]
        return Sample({
            "article": [a["id"] for a in c.get("/articles", params={"limit": 500}).json()["items"]],
            "event": [e["id"] for e in events],
            "story": [s["id"] for s in c.get("/stories", params={"limit": 200}).json()["items"]],
            "actor": [a["code"] for a in c.get("/actors", params={"limit": 500}).json()["items"]],
        })  # fmt: skip


def make_endpoints(sample: Sample) -> dict[str, Callable[[random.Random], Request]]:
    """Per endpoint, a maker of varied requests like those the UI sends."""
    types, ids = list(QUADS), sample.ids
    codes = ids["actor"]

    def get(path: str, **params: object) -> Request:
        q = {k: str(v) for k, v in params.items() if v is not None}
        return Request("GET", path + ("?" + urlencode(q) if q else ""))

    def month(rng: random.Random) -> str:
        return f"{rng.choice([2022, 2023])}-{rng.randint(1, 12):02d}-01"

    def maybe(rng: random.Random, value: object, p: float = 0.5) -> object:
        return value if rng.random() < p else None

    def events(rng: random.Random) -> Request:
        kind = rng.random()
        q: dict[str, object] = {"limit": rng.choice([25, 50]), "sort": rng.choice(["-date", "date", "-confidence", "goldstein"])}
        if kind < 0.3:
            q["actor"] = rng.choice(codes)
        elif kind < 0.55:
            q["actor"], q["recipient"] = rng.sample(codes, 2)
        elif kind < 0.75:
            q["type"], q["since"] = rng.choice(types), month(rng)
        q["offset"] = maybe(rng, rng.choice([25, 100, 500, 2000]), 0.3)
        return get("/events", **q)

    def post(rng: random.Random) -> Request:
        n = rng.randrange(10**9)
        text = (f"Russia accused Ukraine of shelling Kharkiv on Tuesday, report {n}. "
                "The foreign minister of France met the Chinese ambassador in Paris to discuss aid.")  # fmt: skip
        body = json.dumps({"id": f"bench-{n}", "date": "2023-03-01", "text": text, "source": "Bench"}).encode()
        return Request("POST", "/articles", body)

    return {
        "GET /": lambda rng: get("/"),
        "GET /static/app.js": lambda rng: get("/static/app.js"),
        "GET /openapi.json": lambda rng: get("/openapi.json"),
        "GET /articles": lambda rng: get("/articles", since=maybe(rng, month(rng)), source=maybe(rng, rng.choice(["Wire", "Daily"]), 0.3),
                                         offset=maybe(rng, rng.choice([50, 1000]), 0.3)),  # fmt: skip
        "GET /articles/{id}": lambda rng: get(f"/articles/{rng.choice(ids['article'])}"),
        "GET /events": events,
        "GET /events?level=story": lambda rng: get("/events", level="story", actor=maybe(rng, rng.choice(codes)), limit=25),
        "GET /events/{id}": lambda rng: get(f"/events/{rng.choice(ids['event'])}"),
        "GET /contexts": lambda rng: get("/contexts", actor=maybe(rng, rng.choice(codes)), type=maybe(rng, rng.choice(types), 0.3)),
        "GET /stories": lambda rng: get("/stories", actor=maybe(rng, rng.choice(codes)), since=maybe(rng, month(rng), 0.3), limit=25),
        "GET /stories/{id}": lambda rng: get(f"/stories/{rng.choice(ids['story'])}"),
        "GET /actors": lambda rng: get("/actors", q=maybe(rng, rng.choice(string.ascii_uppercase), 0.3), since=maybe(rng, month(rng), 0.3)),
        "GET /actors/{code}": lambda rng: dataclasses.replace(get(f"/actors/{rng.choice(codes)}", since=maybe(rng, month(rng), 0.3)), absent_ok=True),
        "GET /series": lambda rng: get("/series", actor=rng.choice(codes), recipient=rng.choice(codes),
                                       freq=rng.choice(["day", "week", "month"]), directed=rng.choice(["true", "false"])),  # fmt: skip
        "GET /network": lambda rng: get("/network", since=maybe(rng, month(rng), 0.3), type=maybe(rng, rng.choice(types), 0.3),
                                        min_events=rng.choice([1, 5])),  # fmt: skip
        "GET /places": lambda rng: get("/places", actor=maybe(rng, rng.choice(codes), 0.3), quad=maybe(rng, 4, 0.3)),
        "GET /quotes": lambda rng: get("/quotes", code=maybe(rng, rng.choice(codes)), offset=maybe(rng, 100, 0.2)),
        "POST /articles": post,
    }


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors_5xx: int = 0
    other: int = 0
    absent: int = 0  # 404s to requests where that is the right answer (not errors)
    wall_s: float = 0.0

    def row(self) -> str:
        lat = sorted(self.latencies_ms) or [float("nan")]
        return (f"{len(self.latencies_ms):6d} {statistics.median(lat):8.1f} {p99(lat):8.1f} {lat[-1]:8.1f} "
                f"{len(self.latencies_ms) / max(self.wall_s, 1e-9):7.0f} {self.errors_5xx:4d} {self.other:5d}")  # fmt: skip


def p99(sorted_ms: list[float]) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * 0.99))]


async def _send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, req: Request) -> int:
    """One request on a keep-alive connection; the status code (the body is read and dropped)."""
    head = f"{req.method} {req.target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if req.method == "POST":
        head += f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\nContent-Length: {len(req.body)}\r\n"
    writer.write(head.encode() + b"\r\n" + req.body)
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


async def drive(port: int, make: Callable[[random.Random], Request], clients: int, n_requests: int, seconds: float,
                seed: int = 3) -> LoadResult:  # fmt: skip
    # A bare HTTP/1.1 client: an HTTP library costs more CPU per request than the
    # server does, and on two cores that CPU is taken from the server.
    result = LoadResult()
    rng = random.Random(seed)
    requests = (make(rng) for _ in range(n_requests))  # made as sent: the attack phases ask for "as many as fit"
    stop_at = time.monotonic() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for req in requests:
                if time.monotonic() >= stop_at:
                    return
                t0 = time.perf_counter()
                status = await _send(reader, writer, req)
                result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                if status >= 500:
                    result.errors_5xx += 1
                elif status == 404 and req.absent_ok:
                    result.absent += 1
                elif status >= 400:
                    result.other += 1
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    result.wall_s = time.perf_counter() - t0
    return result


@dataclass
class Attack:
    answers: dict[str, int] = field(default_factory=dict)  # first status line word (or 'closed') -> count
    held_s: list[float] = field(default_factory=list)  # how long the server kept each attacking connection
    sent_bytes: int = 0

    def summary(self) -> str:
        held = sorted(self.held_s)
        return (f"answers {dict(sorted(self.answers.items()))}, connection held median {statistics.median(held):.1f} s, "
                f"max {held[-1]:.1f} s, {self.sent_bytes / 1e6:.1f} MB sent") if held else "no attacking connection ended"  # fmt: skip


async def slow_client(port: int, attack: Attack, stop_at: float) -> None:
    """Slowloris: a request's headers one byte a second, never finished; reconnects when dropped."""
    request = b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"s" * 4000
    while time.monotonic() < stop_at:
        t0 = time.monotonic()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            attack.answers["connect failed"] = attack.answers.get("connect failed", 0) + 1
            await asyncio.sleep(1)
            continue
        answer = b""
        try:
            for byte in request:
                writer.write(bytes([byte]))
                await writer.drain()
                attack.sent_bytes += 1
                try:
                    answer = await asyncio.wait_for(reader.read(200), timeout=1.0)
                    break
                except TimeoutError:
                    if time.monotonic() >= stop_at:
                        break
        except OSError:
            answer = b""
        finally:
            writer.close()
        if time.monotonic() < stop_at:
            key = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "closed"
            attack.answers[key] = attack.answers.get(key, 0) + 1
            attack.held_s.append(time.monotonic() - t0)


async def big_header_client(port: int, attack: Attack, stop_at: float) -> None:
    """Requests with a 64 kB header, one after another."""
    request = b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * BIG_HEADER + b"\r\n\r\n"
    while time.monotonic() < stop_at:
        t0 = time.monotonic()
        answer = b""
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(request)
                await writer.drain()
                attack.sent_bytes += len(request)
                answer = await asyncio.wait_for(reader.read(200), timeout=30)
            finally:
                writer.close()
        except (OSError, TimeoutError):
            pass
        key = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "closed"
        attack.answers[key] = attack.answers.get(key, 0) + 1
        attack.held_s.append(time.monotonic() - t0)


async def under_attack(port: int, make: Callable[[random.Random], Request], clients: int, seconds: float,
                       attacker: Callable[[int, Attack, float], object] | None, n_attackers: int) -> tuple[LoadResult, Attack]:  # fmt: skip
    attack = Attack()
    stop_at = time.monotonic() + seconds
    attackers = [asyncio.ensure_future(attacker(port, attack, stop_at)) for _ in range(n_attackers)] if attacker else []  # type: ignore[arg-type]
    if attackers:
        await asyncio.sleep(2)  # let the attackers take their connections first
    load = await drive(port, make, clients, 10**6, seconds - 2 if attackers else seconds, seed=5)
    await asyncio.gather(*attackers)
    return load, attack


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=10, help="normal clients, one request in flight each")
    ap.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    ap.add_argument("--seconds", type=float, default=30.0, help="at most this long per endpoint")
    ap.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    ap.add_argument("--db", help="SQLite file to keep (filled when missing)")
    ap.add_argument("--slow", type=int, default=200, help="slowloris clients")
    ap.add_argument("--big", type=int, default=10, help="64 kB-header clients")
    ap.add_argument("--attack-seconds", type=float, default=20.0)
    ap.add_argument("--posts", type=int, default=40, help="POST /articles requests (0: skip; loads the model in each worker)")
    ap.add_argument("--only", action="append", help="only the GET endpoints whose name has this text (repeatable; no attacks, no posts)")
    args = ap.parse_args()
    # A SIGTERM (timeout, Ctrl-C from a wrapper) still stops the server in the ``finally`` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "load.sqlite")
        if not Path(db).exists():
            t0 = time.perf_counter()
            fill_db(db, args.events)
            print(f"filled {args.events} events in {time.perf_counter() - t0:.1f} s")
        with Store(db) as store:
            print(f"store: {store.counts().events} events, {store.counts().articles} articles")
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            ok = run_phases(args, port)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)  # uvicorn waits for open connections; its workers too
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


def run_phases(args: argparse.Namespace, port: int) -> bool:
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    sample = read_sample(base)  # also builds the stories table, once
    print(f"sample read (first requests, stories built) in {time.perf_counter() - t0:.1f} s")
    endpoints = make_endpoints(sample)
    ok = True
    print(f"\n{args.clients} clients, {args.workers} server workers; latencies in ms")
    print(f"{'endpoint':26s} {'n':>6s} {'p50':>8s} {'p99':>8s} {'max':>8s} {'req/s':>7s} {'5xx':>4s} {'4xx':>5s}")
    for name, make in endpoints.items():
        if name.startswith("POST") or (args.only and not any(part in name for part in args.only)):
            continue  # POST last: a write invalidates every cache and the stories
        asyncio.run(drive(port, make, 2, 20, 60, seed=1))  # warm caches
        res = asyncio.run(drive(port, make, args.clients, args.requests, args.seconds))
        lat = sorted(res.latencies_ms)
        miss = res.errors_5xx or res.other or p99(lat) >= TARGET_P99_MS
        ok = ok and not miss
        absent = f"  ({res.absent} x 404: nothing there, as asked)" if res.absent else ""
        print(f"{name:26s} {res.row()}{'  MISS' if miss else ''}{absent}", flush=True)
    if args.only:
        return ok

    # The normal requests during the attacks: the UI's event pages (the mix the first version of this bench used).
    normal = endpoints["GET /events"]
    print(f"\nGET /events while attacked, {args.attack_seconds:.0f} s each; p99 against the same load unattacked")
    base_res, _ = asyncio.run(under_attack(port, normal, args.clients, args.attack_seconds, None, 0))
    base_p99 = p99(sorted(base_res.latencies_ms))
    print(f"{'baseline':26s} {base_res.row()}")
    for label, attacker, n in (("slowloris", slow_client, args.slow), ("64 kB headers", big_header_client, args.big)):
        if not n:
            continue
        res, attack = asyncio.run(under_attack(port, normal, args.clients, args.attack_seconds, attacker, n))
        lat = sorted(res.latencies_ms)
        # Served: every normal request answered, and not much slower than without the attack.
        served = len(lat) > 0 and res.errors_5xx == 0 and res.other == 0 and p99(lat) < 2 * base_p99
        ok = ok and served
        print(f"{f'{label} x{n}':26s} {res.row()}  p99 x{p99(lat) / base_p99:.2f} of baseline{'' if served else '  MISS'}")
        print(f"{'':26s} attackers: {attack.summary()}", flush=True)

    if args.posts:
        make = endpoints["POST /articles"]
        asyncio.run(drive(port, make, args.workers, args.workers * 2, 120))  # each worker loads the model once
        res = asyncio.run(drive(port, make, args.clients, args.posts, args.seconds * 4))
        # Coding is CPU-bound (the model): reported, not held to the read target.
        print(f"\n{'POST /articles':26s} {res.row()}{'  MISS' if res.errors_5xx or res.other else ''}", flush=True)
        ok = ok and not (res.errors_5xx or res.other)
        t0 = time.perf_counter()
        httpx.get(f"{base}/stories", params={"limit": 1}, timeout=3600)
        print(f"first GET /stories after the writes (only the groups they touch are clustered again): {time.perf_counter() - t0:.1f} s")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
