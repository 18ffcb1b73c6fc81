"""Find inputs (files, directories, stdin) and pick a reader for each.

Readers are chosen by extension, then by content. Other formats (HTML,
feeds, WARC) register themselves in ``READERS`` from their own modules.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dyad.errors import InputError
from dyad.ingest.clean import decode_bytes
from dyad.ingest.tabular import read_csv, read_json_array, read_jsonl, read_jsonl_lines
from dyad.ingest.text import read_text_file
from dyad.records import Article, Rejection
from dyad.settings import Limits

Item = Article | Rejection
# A reader takes the raw bytes of one file and yields articles and rejections.
Reader = Callable[[bytes, str, "dt.date | None", Limits], Iterator[Item]]
READERS: dict[str, Reader] = {}


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    def add(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s.lower()] = fn
        return fn

    return add


def _is_tabular(suffix: str) -> bool:
    return suffix in {".jsonl", ".ndjson", ".json", ".csv"}


def _read_text_like(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """Text, JSONL, JSON or CSV, by extension and then by content."""
    suffix = Path(origin).suffix.lower()
    text = decode_bytes(data, origin)
    head = text.lstrip()[:1]
    if suffix in {".jsonl", ".ndjson"} or (suffix not in {".json", ".csv"} and head == "{"):
        yield from read_jsonl(text, origin, limits)
    elif suffix == ".json" or head == "[":
        yield from read_json_array(text, origin, limits)
    elif suffix == ".csv":
        yield from read_csv(text, origin, limits)
    else:
        if len(data) > limits.max_article_bytes:
            raise InputError(f"article larger than the {limits.max_article_bytes:,}-byte limit", origin)
        yield read_text_file(text, origin, date, limits)


for _suffix in ("", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".csv"):
    READERS[_suffix] = _read_text_like


def read_bytes(data: bytes, origin: str, date: dt.date | None = None, limits: Limits | None = None) -> Iterator[Item]:
    """Read one file's bytes; every failure becomes a Rejection naming the file."""
    limits = limits or Limits()
    name = origin.lower()
    reader = next((READERS[s] for s in sorted(READERS, key=len, reverse=True) if s and name.endswith(s)), None)
    if reader is None:
        reader = READERS[""]
    try:
        if not data.strip():
            raise InputError("empty file", origin)
        if not _is_tabular(Path(origin).suffix.lower()) and len(data) > 50 * limits.max_article_bytes:
            raise InputError(f"file larger than {50 * limits.max_article_bytes:,} bytes", origin)
        yield from reader(data, origin, date, limits)
    except InputError as exc:
        yield Rejection(exc.origin or origin, exc.line, exc.reason)
    except (OSError, ValueError, RecursionError) as exc:
        yield Rejection(origin, None, f"cannot read: {exc.__class__.__name__}: {str(exc)[:200]}")


def _readable_name(name: str) -> bool:
    name = name.lower()
    return any(name.endswith(s) for s in READERS if s) or "." not in name


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Files named, files below directories, and '-'.

    Below a directory only files of a known format are read (sorted; hidden
    ones and e.g. a README.md skipped); a file named explicitly is always read.
    """
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and _readable_name(child.name) and not any(part.startswith(".") for part in rel.parts):
                    yield child
        else:
            yield path


def read_articles(
    paths: Iterable[str | Path], date: dt.date | None = None, limits: Limits | None = None
) -> Iterator[Item]:
    """Yield an Article or a Rejection for every item under ``paths``."""
    limits = limits or Limits()
    for f in iter_files(paths):
        if f == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, "-", date, limits)
            continue
        origin = str(f)
        if Path(f).suffix.lower() in {".jsonl", ".ndjson"}:
            yield from _stream_jsonl(Path(f), origin, limits)
            continue
        try:
            data = Path(f).read_bytes()
        except OSError as exc:
            yield Rejection(origin, None, f"cannot open: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, origin, date, limits)


def _stream_jsonl(path: Path, origin: str, limits: Limits) -> Iterator[Item]:
    """JSONL is read line by line, never whole: corpora can be larger than memory."""
    try:
        with path.open("rb") as fh:
            if not fh.read(1):
                yield Rejection(origin, None, "empty file")
                return
            fh.seek(0)
            yield from read_jsonl_lines(fh, origin, limits)
    except OSError as exc:
        yield Rejection(origin, None, f"cannot open: {exc.strerror or exc}")
