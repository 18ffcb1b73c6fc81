"""Issue 17 at scale: `dyad code` over ≥ 1,000 generated hostile files (every
reader, every field type: tests/hostile_factory.py), then over the inputs
that used to exhaust memory, each run's peak memory measured.

Prints: crashes (exit code not 0 or 3, or a traceback), good records lost,
runs over 2 GB. Usage: .venv/bin/python bench/hostile.py [--files 1000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from hostile_factory import hostile_files, lost_good_records, renamed, write  # noqa: E402

from dyad.store import Store  # noqa: E402

DYAD = str(Path(sys.executable).parent / "dyad")
LIMIT = 2 * 1024**3


def generate(n: int) -> list:  # type: ignore[type-arg]
    out = []

    @settings(max_examples=n, database=None, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(st.data())
    def collect(data):  # type: ignore[no-untyped-def]
        out.append(renamed(data.draw(hostile_files()), f"h{len(out)}"))

    collect()
    return out


def run(args: list[str]) -> tuple[int, str, int, float]:
    """Exit code, stderr, peak RSS (bytes) and seconds of one `dyad` run."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([DYAD, *args], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return proc.returncode, err.read().decode("utf-8", "replace"), usage.ru_maxrss * 1024, time.perf_counter() - start


def warc_bomb(size: int) -> bytes:
    """One gzip member: a WARC response whose HTML page inflates to ``size`` bytes."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nWARC-Date: 2023-02-22T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + size}\r\n\r\n").encode()  # fmt: skip
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        gz.write(head + http + b"<html><body><p>")
        chunk = b"a" * (1 << 20)
        for _ in range(size // len(chunk)):
            gz.write(chunk)
        gz.write(b"\r\n\r\n")
    return buf.getvalue()


def heavy_inputs(folder: Path) -> dict[str, Path]:
    event = "Rebels attacked an army base near Goma on Monday, killing five soldiers, officials said. "
    names = " ".join(f"President Kagame met Tshisekedi and the Kenyan army chief in Kinshasa ({i})." for i in range(4000))
    files = {
        "warc.gz inflating to 1 GB": ("bomb.warc.gz", warc_bomb(1 << 30)),
        "feed with a 52 MB item": ("big.rss", b'<rss version="2.0"><channel><title>T</title><item><pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate><description>'
                                   + (event.encode() * (52_000_000 // len(event))) + b"</description></item></channel></rss>"),  # fmt: skip
        "1,000,000-character article, mention-heavy": ("2023-02-22-long.txt", ((event + names + "\n\n") * 3).encode()[:1_000_000]),
        "4.9 MB article": ("2023-02-22-huge.txt", (event * (4_900_000 // len(event))).encode()),
        "a JSONL line over the limit": ("line.jsonl", json.dumps({"id": "x", "date": "2023-02-22", "text": event * 130_000}).encode()),
    }
    out = {}
    for label, (name, data) in files.items():
        path = folder / name
        path.write_bytes(data)
        out[label] = path
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000, help="hostile files (0: only the memory-heavy inputs)")
    ap.add_argument("--no-heavy", action="store_true", help="skip the memory-heavy inputs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        files = generate(args.files) if args.files else []
        runs = crashes = over = 0
        lost: list[str] = []
        if files:
            write(folder, files)
            by_fmt: dict[str, int] = {}
            for f in files:
                by_fmt[f.fmt] = by_fmt.get(f.fmt, 0) + 1
            good = sum(len(f.good_ids) for f in files)
            db = str(Path(tmp) / "db.sqlite")
            rc, err, peak, secs = run(["code", str(folder), "--db", db, "--no-dedup", "-j", "1", "--date", "2023-02-22", "-f", "jsonl", "-o", os.devnull])
            with Store(db) as store:
                lost = lost_good_records(store, files)
                counts = store.counts()
            crash = rc not in (0, 3) or "Traceback" in err
            print(f"hostile files: {len(files)} ({', '.join(f'{k} {v}' for k, v in sorted(by_fmt.items()))}); {good} good records")
            print(f"  exit {rc}, crashes {int(crash)}, good records lost {len(lost)}, stored {counts.articles} articles, "
                  f"{counts.rejections} rejections, peak {peak / 1e6:,.0f} MB, {secs:.0f} s")  # fmt: skip
            for line in lost[:10]:
                print("  lost:", line)
            if crash:
                print(err[-3000:])
            runs, crashes, over = 1, int(crash), int(peak > LIMIT)
        if not args.no_heavy:
            (Path(tmp) / "heavy").mkdir()
            heavy = heavy_inputs(Path(tmp) / "heavy")
            for label, path in heavy.items():
                rc, err, peak, secs = run(["code", str(path), "--db", str(Path(tmp) / "heavy.sqlite"), "-j", "1", "-f", "jsonl", "-o", os.devnull])
                bad = rc not in (0, 3) or "Traceback" in err
                said = [line for line in err.splitlines() if line.startswith("rejected")] or err.strip().splitlines()[-1:]
                print(f"{label} ({path.stat().st_size / 1e6:,.1f} MB on disk): exit {rc}, peak {peak / 1e6:,.0f} MB, {secs:.0f} s; {' '.join(said)[:200]}")
                runs, crashes, over = runs + 1, crashes + int(bad), over + int(peak > LIMIT)
        print(f"total: {runs} runs, {crashes} crashes, {len(lost)} good records lost, {over} runs over 2 GB")


if __name__ == "__main__":
    main()
