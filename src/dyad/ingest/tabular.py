"""Readers for JSONL and CSV corpora: one article per line or row.

Columns: ``id``, ``date`` (or ``published``), ``text``; optional ``title``,
``url``, ``source``. Each line or row is decoded, parsed and validated on its
own: a bad one (invalid UTF-8, NUL bytes, a stray BOM, broken JSON, a CSV row
with a runaway quote) becomes a Rejection with its line, and the rest goes on.
Both read a stream of lines, never the whole file.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from dyad.errors import InputError
from dyad.ingest.dates import parse_article_date
from dyad.ingest.validate import clean_id, validate_article
from dyad.records import Article, Rejection
from dyad.settings import Limits

DATE_FIELDS = ("date", "published", "publish_date", "pubdate")
# Python refuses to turn longer digit strings into ints (CVE-2020-10735);
# such a number is kept as its digits, so it is one bad value, not a crash.
_MAX_INT_DIGITS = 4000
_UNDECODABLE = re.compile("[\udc80-\udcff]")


def build_article(row: Mapping[str, Any], origin: str, line: int, limits: Limits) -> Article:
    """Make an Article from one record's fields, or raise InputError."""
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("no 'text' field (or it is empty)", origin, line)
    raw_date = next((row[k] for k in DATE_FIELDS if row.get(k)), None)
    try:
        day = parse_article_date(raw_date)
        return validate_article(
            Article(id=_field(row, "id") or "", date=day, text=text, title=_field(row, "title"), url=_field(row, "url"),
                    source=_field(row, "source"), origin=f"{origin}:{line}"),  # fmt: skip
            limits,
        )
    except InputError as exc:
        raise InputError(exc.reason, origin, line) from None


def _field(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, (dict, list)):
        raise InputError(f"'{key}' is a JSON {type(value).__name__}, not a value")
    return str(value)


def _parse_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def loads(text: str | bytes) -> Any:
    """``json.loads`` that keeps a number of thousands of digits as its string."""
    return json.loads(text, parse_int=_parse_int)


def read_jsonl(data: bytes, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    yield from read_jsonl_lines(io.BytesIO(data), origin, limits)


def read_jsonl_lines(lines: Iterable[bytes], origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    """One article per line; streams, so a corpus of any size reads in constant memory."""
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        row: object = None
        try:
            if len(raw) > limits.max_record_bytes:
                raise InputError(f"line longer than {limits.max_record_bytes:,} bytes", origin, n)
            if b"\x00" in raw:
                raise InputError("binary data (NUL bytes) in the line", origin, n)
            try:
                line = raw.decode("utf-8-sig")  # a BOM may start any line of concatenated files
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (invalid byte at column {exc.start + 1})", origin, n) from None
            row = loads(line)
            if not isinstance(row, dict):
                raise InputError("line is JSON but not an object", origin, n)
            yield build_article(row, origin, n, limits)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, n, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield Rejection(origin, n, exc.reason, _row_id(row))
        except (ValueError, RecursionError) as exc:
            yield Rejection(origin, n, f"unreadable JSON value ({exc.__class__.__name__}: {str(exc)[:120]})", _row_id(row))


def read_json_array(text: str, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    try:
        rows = loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(origin, exc.lineno, f"not valid JSON ({exc.msg})")
        return
    except (ValueError, RecursionError) as exc:
        yield Rejection(origin, None, f"unreadable JSON ({exc.__class__.__name__}: {str(exc)[:120]})")
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


class _Lines:
    """The lines the csv module pulls, counted, with those of a bad record put back."""

    def __init__(self, lines: Iterable[str]):
        self._it = iter(lines)
        self._back: collections.deque[tuple[int, str]] = collections.deque()
        self.taken: list[tuple[int, str]] = []
        self._n = 0

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        if self._back:
            item = self._back.popleft()
        else:
            self._n += 1
            item = (self._n, next(self._it))
        self.taken.append(item)
        return item[1]

    def put_back(self, items: list[tuple[int, str]]) -> None:
        self._back.extendleft(reversed(items))


def read_csv(stream: IO[str] | str, origin: str, limits: Limits = Limits()) -> Iterator[Article | Rejection]:
    """One article per row, from text lines (a file opened with ``newline=""``).

    A row with a quote that never closes would swallow the rest of the file:
    a record over several lines that is malformed (or has the wrong number of
    fields) is rejected on its first line, and reading goes on from the line
    after it.
    """
    csv.field_size_limit(max(limits.max_record_bytes, 1_000_000))
    lines = _Lines(io.StringIO(stream, newline="") if isinstance(stream, str) else stream)
    # strict: a quote that closes in the middle of a field is an error, not text glued on.
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        header = []
    names = [_clean_cell(h).strip().lower() for h in header]
    if "text" not in names:
        yield Rejection(origin, 1, "CSV header has no 'text' column")
        return
    while True:
        lines.taken = []
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if not lines.taken:
                return
            hint = "; a quote opened on this line is not closed" if len(lines.taken) > 1 else ""
            lines.put_back(lines.taken[1:])
            yield Rejection(origin, lines.taken[0][0], f"malformed CSV row ({exc}{hint})")
            continue
        first = lines.taken[0][0]
        if len(cells) != len(names) and len(lines.taken) > 1:
            lines.put_back(lines.taken[1:])
            yield Rejection(origin, first, f"malformed CSV row ({len(cells)} fields over {len(lines.taken)} lines, the header has {len(names)}; a quote not closed?)")
            continue
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(names, cells))
        try:
            bad = next((c for c in cells if "\x00" in c or _has_undecodable(c)), None)
            if bad is not None:
                raise InputError("binary data (NUL bytes) in the row" if "\x00" in bad else "not UTF-8 text", origin, first)
            yield build_article(row, origin, first, limits)
        except InputError as exc:
            yield Rejection(origin, first, exc.reason, _row_id(row))


def _has_undecodable(cell: str) -> bool:
    # Bytes that are not UTF-8 arrive as surrogateescape characters (U+DC80-U+DCFF).
    return not cell.isascii() and _UNDECODABLE.search(cell) is not None


def _clean_cell(cell: str) -> str:
    return cell.lstrip("\ufeff")


def _row_id(row: object) -> str | None:
    if isinstance(row, dict) and row.get("id") not in (None, "") and not isinstance(row["id"], (dict, list)):
        return clean_id(row["id"]) or None
    return None
