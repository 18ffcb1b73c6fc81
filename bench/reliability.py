"""Reliability bench: kill `dyad code` mid-run, re-run, count what was lost or doubled;
feed hostile inputs to every reader and count crashes.

    .venv/bin/python bench/reliability.py [--articles 200] [--db URL]

Prints: articles killed mid-run, articles lost (want 0), events duplicated
(want 0), bad inputs tried, crashes (want 0), rejections recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DYAD = str(Path(sys.executable).parent / "dyad")
ACTORS = ["Russia", "China", "France", "Kenya", "Brazil", "India", "Turkey", "Egypt", "Japan", "Mexico"]
CITIES = ["Moscow", "Nairobi", "Paris", "Cairo", "Tokyo", "Ankara", "Delhi", "Brasilia"]
ACTIONS = [
    "{a}'s foreign minister met his {b} counterpart in {city} on Tuesday.",
    "{a} accused {b} of violating the ceasefire near {city}.",
    "Police in {city} arrested {n} protesters on Monday, officials said.",
    "{a} sent food aid to {b} after floods near {city}.",
    "{a} threatened to impose sanctions on {b}.",
    "An air strike near {city} killed {n} civilians, {a} said.",
]


def make_corpus(path: Path, n: int, seed: int = 7) -> list[str]:
    """Write ``n`` small invented articles as JSONL; return their ids."""
    rng = random.Random(seed)
    ids = []
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = rng.sample(ACTORS, 2)
            sents = [rng.choice(ACTIONS).format(a=a, b=b, city=rng.choice(CITIES), n=rng.randint(2, 40)) for _ in range(3)]
            art_id = f"bench-{i:04d}"
            ids.append(art_id)
            fh.write(json.dumps({"id": art_id, "date": f"2023-0{1 + i % 9}-1{i % 10}", "text": " ".join(sents)}) + "\n")
    return ids


def code(corpus: Path, db: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [DYAD, "code", str(corpus), "--db", db, "--format", "jsonl", "--output", os.devnull],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


def stored_articles(db: str) -> int:
    if not Path(db).exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # tables not created yet
        return 0


def kill_midway(corpus: Path, db: str, at_least: int, timeout: float = 600) -> int:
    """Start `dyad code`, SIGKILL it once ``at_least`` articles are stored; return how many were."""
    proc = code(corpus, db)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if stored_articles(db) >= at_least:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return stored_articles(db)
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"dyad code ended (rc={proc.returncode}) before {at_least} articles were stored")


def snapshot(db: str) -> dict[str, object]:
    """Everything a re-run could lose or double, keyed for comparison."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        arts = conn.execute("SELECT id, n_events FROM articles ORDER BY id").fetchall()
        # The rule names a lexicon line; it changes whenever someone edits the
        # lexicon between two runs, which is not what a crash test measures.
        evs = [(i, json.dumps({**json.loads(r), "rule": None}, sort_keys=True))
               for i, r in conn.execute("SELECT id, record FROM events ORDER BY id")]
        # Near-duplicates are recorded as copies of an earlier article, not coded again.
        copies = conn.execute("SELECT id, article_id FROM article_copies ORDER BY id").fetchall()
        n_events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        distinct = conn.execute("SELECT count(DISTINCT article_id || '|' || sentence_start || '|' || trigger_start || '|' || event) FROM events").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    return {"articles": arts, "copies": copies, "events": evs, "n_events": n_events, "duplicated": n_events - distinct, "integrity": integrity}


def bench_crash(n: int, tmp: Path) -> dict[str, int]:
    corpus = tmp / "corpus.jsonl"
    make_corpus(corpus, n)
    clean_db, crash_db = str(tmp / "clean.sqlite"), str(tmp / "crash.sqlite")
    if code(corpus, clean_db).wait() != 0:
        raise RuntimeError("the clean run failed")
    killed_at = kill_midway(corpus, crash_db, at_least=max(1, n // 5))
    rerun = code(corpus, crash_db)
    rc = rerun.wait()
    clean, crashed = snapshot(clean_db), snapshot(crash_db)
    seen = lambda snap: {a for a, _ in snap["articles"]} | {c for c, _ in snap["copies"]}  # noqa: E731
    lost = len(seen(clean) - seen(crashed))
    return {
        "articles in corpus": n,
        "articles stored when killed": killed_at,
        "re-run exit code": rc,
        "articles lost": lost,
        "events duplicated": int(crashed["duplicated"]),  # type: ignore[arg-type]
        "events differing from a clean run (rule aside)": len(set(clean["events"]) ^ set(crashed["events"])),  # type: ignore[arg-type]
        "integrity_check ok": int(crashed["integrity"] == "ok"),
    }


def hostile_inputs() -> list[tuple[str, bytes]]:
    good = {"id": "h", "date": "2023-02-22", "text": "The ministers met in Moscow."}
    return [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 50),
        ("latin1-2023-02-22.txt", "Z\u00fcrich talks".encode("latin-1")),
        ("utf16-2023-02-22.txt", "talks".encode("utf-16-le")),
        ("undated.txt", b"Talks were held."),
        ("huge-2023-02-22.txt", b"word " * (11 * 1024 * 1024)),
        ("lines.jsonl", b"\n".join([b"not json", b"[1,2]", b'{"date":"2023-02-22"}', json.dumps({**good, "date": "2999-01-01"}).encode(),
                                    json.dumps({**good, "date": "2023-02-30"}).encode(),
                                    json.dumps({**good, "id": "x\x00y", "text": "<script>x</script>"}).encode()])),
        ("tokens.jsonl", json.dumps({**good, "text": "A" * 300_000 + " The ministers met."}).encode()),
        ("bad.csv", b"id,date\n1,2023-02-22\n"),
        ("quote.csv", b'id,date,text\n1,2023-02-22,"unterminated\n'),
        ("array.json", b"[1, {\"text\": 5}, {\"id\": 3}]"),
        ("feed.xml", b"<rss><channel><item><title>x</title></item></channel></rss>"),
        ("page.html", b"<html><body><p>\xff\xfe broken</p></body></html>"),
        ("archive.warc", b"WARC/1.0\r\nnot really\r\n"),
    ]


def bench_hostile(tmp: Path) -> dict[str, int]:
    from dyad.ingest import read_bytes
    from dyad.records import Rejection
    from dyad.store import Store

    tried = crashes = 0
    with Store(str(tmp / "hostile.sqlite")) as store:
        for name, data in hostile_inputs():
            tried += 1
            try:
                for item in read_bytes(data, name):
                    if isinstance(item, Rejection):
                        store.save_rejection(item)
            except Exception as exc:  # what we are counting
                crashes += 1
                print(f"  CRASH {name}: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        recorded = store.counts().rejections
    return {"bad inputs tried": tried, "crashes": crashes, "rejections recorded": recorded}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--skip-crash", action="store_true", help="Only the hostile-input part (no model needed).")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        results = {} if args.skip_crash else bench_crash(args.articles, tmp)
        results |= bench_hostile(tmp)
    width = max(len(k) for k in results)
    for k, v in results.items():
        print(f"{k:<{width}}  {v}")
    bad = results.get("articles lost", 0) + results.get("events duplicated", 0) + results["crashes"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
