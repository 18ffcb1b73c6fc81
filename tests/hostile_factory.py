"""Hostile input files for issue 17, as hypothesis strategies: good records
(each must end up stored) mixed with hostile values in every field of every
reader's format, hostile lines and hostile file names. Used by
tests/ingest/test_hostile_runs.py (bounded) and bench/hostile.py (at scale)."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

FORMATS = ("jsonl", "json", "csv", "txt", "rss", "html", "none")
FIELDS = ("id", "date", "text", "title", "url", "source")


@dataclass(frozen=True)
class HostileFile:
    name: bytes  # a file name (maybe not UTF-8)
    data: bytes
    good_ids: tuple[str, ...]  # ids that must be stored; "text:…" for an article without an id
    fmt: str


# Raw JSON tokens, written into the JSON text as they are (not all are valid JSON values).
hostile_json_values = st.sampled_from([
    '"\\ud800"', '"a\\udfffb"', "9" * 5000, "-" + "9" * 4400, "1e999999", "NaN", "[1, [2, [3]]]", '{"a": {"b": 1}}',
    "null", "true", '""', '"\\u0000\\u001b"', '"\\ufeffx"', '"' + "A" * 5000 + '"', '"<script>alert(1)</script>"',
    '"0000-00-00"', '"9999-12-31"', '"0001-01-01"', '"2023-02-30"', '"   "', "[" * 2000 + "]" * 2000,
])  # fmt: skip
hostile_lines = st.sampled_from([
    b"\xff\xfe\xfa", b"caf\xe9", b"\x00\x00\x00", b'{"id": "n", "text": "a\x00b"}', b"\xef\xbb\xbf{", b"{", b"}{",
    b'"open', b"\r\r\r", b"[" * 5000, b"\x1b[31m", b"x" * 70_000,
])  # fmt: skip
hostile_names = st.sampled_from([b"in", b"in-\xff\xfe", b"in \x1b[2J", b"in\xe2\x80\xae", "in-ü".encode()])


@st.composite
def good_records(draw, prefix: str, n_max: int = 3) -> list[dict[str, str]]:
    n = draw(st.integers(1, n_max))
    words = draw(st.lists(st.sampled_from(["Nairobi", "Kharkiv", "Paris", "Goma", "Cairo", "Lima", "Dhaka", "Quito"]), min_size=n, max_size=n))
    return [
        {"id": f"{prefix}-{i}", "date": "2023-02-22",
         "text": f"Police arrested {10 + i} protesters in {w} on Monday, officials said. Story {prefix}-{i}."}
        for i, w in enumerate(words)
    ]  # fmt: skip


def _json_line(record: dict[str, str], field: str | None = None, raw: str | None = None) -> bytes:
    parts = [f"{json.dumps(k)}: {raw if k == field else json.dumps(v)}" for k, v in record.items()]
    if field is not None and field not in record:
        parts.append(f"{json.dumps(field)}: {raw}")
    return ("{" + ", ".join(parts) + "}").encode("utf-8", "surrogatepass")


@st.composite
def hostile_files(draw, prefix: str = "h") -> HostileFile:
    fmt = draw(st.sampled_from(FORMATS))
    name = draw(hostile_names)
    good = draw(good_records(prefix))
    bad_field = draw(st.sampled_from(FIELDS))
    bad_value = draw(hostile_json_values)
    bad_line = draw(hostile_lines)
    bad_at = draw(st.integers(0, len(good)))
    base = {"id": f"{prefix}-bad", "date": "2023-02-22", "text": "Rebels attacked a convoy near the border."}
    if fmt in ("jsonl", "none"):
        lines = [_json_line(r) for r in good]
        lines[bad_at:bad_at] = [_json_line(base, bad_field, bad_value), bad_line]
        return HostileFile(name + (b".jsonl" if fmt == "jsonl" else b""), b"\n".join(lines) + b"\n", tuple(r["id"] for r in good), fmt)
    if fmt == "json":
        items = [_json_line(r) for r in good]
        items[bad_at:bad_at] = [_json_line(base, bad_field, bad_value)]
        data = b"[" + b",\n".join(items) + b"]"
        try:  # a value that breaks the JSON document loses the document: only a readable array owes its records
            json.loads(data.decode("utf-8", "surrogatepass"), parse_int=lambda s: s)
        except (ValueError, RecursionError):
            return HostileFile(name + b".json", data, (), fmt)
        return HostileFile(name + b".json", data, tuple(r["id"] for r in good), fmt)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=["id", "date", "text"], extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        rows = [buf.getvalue().encode()]
        for r in good:
            buf.seek(0), buf.truncate()
            w.writerow(r)
            rows.append(buf.getvalue().encode())
        rows[1 + bad_at : 1 + bad_at] = [f"{prefix}-bad,2023-02-22,".encode() + bad_value.encode("utf-8", "surrogatepass") + b"\n", bad_line + b"\n"]
        return HostileFile(name + b".csv", b"".join(rows), tuple(r["id"] for r in good), fmt)
    if fmt == "txt":
        # One article per file: either the good one (starting with a hostile-looking bracket) or a hostile one.
        if draw(st.booleans()):
            text = "[Wire] " + good[0]["text"]
            return HostileFile(b"2023-02-22-" + name + b".txt", text.encode(), (f"text:{text}",), fmt)
        return HostileFile(b"2023-02-22-" + name + b".txt", bad_line + bad_value.encode("utf-8", "surrogatepass"), (), fmt)
    if fmt == "rss":
        entries = [(r["id"], "Mon, 06 Sep 2021 16:45:00 +0000", r["text"]) for r in good]
        entries[bad_at:bad_at] = [(f"{prefix}-bad", draw(st.sampled_from(["0000-00-00", "garbage", "", "Mon, 06 Sep 99999 16:45:00"])), "Talks were held.")]
        items = "".join(f"<item><guid>{i}</guid><pubDate>{d}</pubDate><description>{t}</description></item>" for i, d, t in entries)
        data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
        return HostileFile(name + b".rss", data, tuple(r["id"] for r in good), fmt)
    # html: one page, no date in it; the run gives --date. Hostile markup around a good body.
    body = good[0]["text"]
    junk = bad_line.decode("utf-8", "replace").replace("<", " ")
    data = f"<html><head><title>{junk[:50]}</title></head><body><article><p>{body}</p><p>{body.replace('Police', 'Troops')}</p></article><script>{junk[:200]}</script></body></html>"
    return HostileFile(name + b".html", data.encode("utf-8", "surrogatepass"), (f"text:{body}",), fmt)


def renamed(f: HostileFile, prefix: str) -> HostileFile:
    """``f`` with its records' ids under ``prefix`` (made with the default prefix "h"), so many files share a store."""
    return HostileFile(f.name, f.data.replace(b"h-", f"{prefix}-".encode()), tuple(g.replace("h-", f"{prefix}-") for g in f.good_ids), f.fmt)


def write(folder: Path, files: list[HostileFile]) -> None:
    for i, f in enumerate(files):
        sub = os.path.join(os.fsencode(folder), str(i).encode())
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f.name), "wb") as fh:
            fh.write(f.data)


def lost_good_records(store, files: list[HostileFile]) -> list[str]:  # type: ignore[no-untyped-def]
    """The good records of ``files`` that are not in ``store``."""
    from sqlalchemy import select

    from dyad.store.schema import articles

    with store.reader.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.text)).all()
    ids = {r[0] for r in rows}
    texts = "\n\x00".join(r[1] for r in rows)
    lost = []
    for f in files:
        for gid in f.good_ids:
            # "text:…": a text file or page, whose id is its content hash: its text must be stored.
            if not (gid[5:] in texts if gid.startswith("text:") else gid in ids):
                lost.append(f"{f.fmt} {f.name!r}: {gid[:80]}")
    return lost
