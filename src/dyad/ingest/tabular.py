"""Readers for JSONL and CSV corpora: one article per line or row.

Columns: ``id``, ``date`` (or ``published``), ``text``; optional ``title``,
``url``, ``source``. A bad line becomes a Rejection and the rest goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from dyad.errors import InputError
from dyad.ingest.dates import parse_article_date
from dyad.ingest.validate import clean_id, validate_article
from dyad.records import Article, Rejection
from dyad.settings import Limits

DATE_FIELDS = ("date", "published", "publish_date", "pubdate")


def build_article(row: Mapping[str, Any], origin: str, line: int, limits: Limits) -> Article:
    """Make an Article from one record's fields, or raise InputError."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' field (or it is empty)", origin, line)
    raw_date = next((row[k] for k in DATE_FIELDS if row.get(k)), None)
    try:
        day = parse_article_date(raw_date)
        return validate_article(
            Article(id=str(row.get("id") or ""), date=day, text=text, title=_field(row, "title"), url=_field(row, "url"),
                    source=_field(row, "source"), origin=f"{origin}:{line}"),  # fmt: skip
            limits,
        )
    except InputError as exc:
        raise InputError(exc.reason, origin, line) from None


def _field(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    return None if value in (None, "") else str(value)


def read_jsonl(text: str, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    yield from read_jsonl_lines((line.encode("utf-8", "surrogatepass") for line in text.split("\n")), origin, limits)


def read_jsonl_lines(lines: Iterable[bytes], origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    """One article per line; streams, so a corpus of any size reads in constant memory."""
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        row: object = None
        try:
            if len(raw) > limits.max_record_bytes:
                raise InputError(f"line longer than {limits.max_record_bytes:,} bytes", origin, n)
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (invalid byte at column {exc.start + 1})", origin, n) from None
            row = json.loads(line)
            if not isinstance(row, dict):
                raise InputError("line is JSON but not an object", origin, n)
            yield build_article(row, origin, n, limits)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, n, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield Rejection(origin, n, exc.reason, _row_id(row))
        except RecursionError:
            yield Rejection(origin, n, "JSON nested too deeply")


def read_json_array(text: str, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(origin, exc.lineno, f"not valid JSON ({exc.msg})")
        return
    if isinstance(rows, dict):
        rows = [rows]
    if not isinstance(rows, list):
        yield Rejection(origin, None, "JSON file holds neither an object nor a list of objects")
        return
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            yield Rejection(origin, n, f"item {n} is not an object")
            continue
        try:
            yield build_article(row, origin, n, limits)
        except InputError as exc:
            yield Rejection(origin, n, exc.reason.replace(f"{origin}:{n}: ", ""), _row_id(row))


def read_csv(text: str, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    csv.field_size_limit(max(limits.max_record_bytes, 1_000_000))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        yield Rejection(origin, 1, "CSV header has no 'text' column")
        return
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejection(origin, reader.line_num, f"malformed CSV ({exc})")
            return
        row = {(k or "").strip().lower(): v for k, v in raw.items()}
        try:
            yield build_article(row, origin, reader.line_num, limits)
        except InputError as exc:
            yield Rejection(origin, reader.line_num, exc.reason, _row_id(row))


def _row_id(row: object) -> str | None:
    if isinstance(row, dict) and row.get("id") not in (None, ""):
        return clean_id(row["id"]) or None
    return None
