"""Find inputs (files, directories, stdin) and pick a reader for each.

Readers are entry points of the ``dyad.readers`` group (``dyad.plugins``),
named by the file extension they read; dyad's own are declared in
pyproject.toml beside any plugin's. A file without a known extension is read
as text, JSONL, JSON or CSV by its content.

Two kinds of reader:
- a plugin reader is ``reader(path) -> Iterable[Article | Rejection]``; each
  Article it yields goes through ``validate_article`` here;
- dyad's own are marked ``@reads_bytes``: ``reader(data, origin, date, limits)``
  over the bytes (so stdin and fetched feeds work too), and they validate
  each Article themselves, where they know its line for the rejection.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO, TypeVar

from dyad.errors import InputError
from dyad.ingest.clean import decode_bytes, escape_surrogates
from dyad.ingest.tabular import read_csv, read_json_array, read_jsonl_lines
from dyad.ingest.text import read_text_file
from dyad.ingest.validate import validate_article
from dyad.plugins import Plugin, find_reader, reader_extensions
from dyad.records import Article, Rejection
from dyad.settings import Limits

Item = Article | Rejection
BytesReader = Callable[[bytes, str, "dt.date | None", Limits], Iterator[Item]]
PathReader = Callable[[Path], Iterable[Item]]
R = TypeVar("R", bound=BytesReader)


def reads_bytes(reader: R) -> R:
    """Mark a reader that takes ``(data, origin, date, limits)`` and validates its own Articles."""
    reader.dyad_reads_bytes = True  # type: ignore[attr-defined]
    return reader


def _is_bytes_reader(reader: object) -> bool:
    return bool(getattr(reader, "dyad_reads_bytes", False))


@reads_bytes
def read_text_like(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """Text, JSONL, JSON or CSV, by extension and then by content."""
    yield from read_text_stream(io.BytesIO(data), origin, date, limits)


def read_text_stream(fh: BinaryIO, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """Text, JSONL, JSON or CSV from a seekable binary stream: JSONL and CSV are
    read a line at a time, each line decoded on its own; a text article or a
    JSON document is read whole, up to its limit, never past it."""
    head = fh.read(8192)
    fh.seek(0)
    if not head.strip():
        raise InputError("empty file", origin)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decoded whole, then read as UTF-8
        fh = io.BytesIO(decode_bytes(_read_limited(fh, limits.max_file_bytes, origin), origin).encode("utf-8", "surrogatepass"))
    fmt = _text_format(Path(origin).suffix.lower(), head)
    if fmt == "jsonl":
        yield from read_jsonl_lines(fh, origin, limits)
    elif fmt == "csv":
        # Undecodable bytes are kept as surrogate escapes, so only their row is rejected.
        yield from read_csv(io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline=""), origin, limits)
    elif fmt == "json":
        yield from read_json_array(decode_bytes(_read_limited(fh, limits.max_file_bytes, origin), origin), origin, limits)
    else:
        yield read_text_file(decode_bytes(_read_limited(fh, limits.max_record_bytes, origin), origin), origin, date, limits)


def _text_format(suffix: str, head: bytes) -> str:
    """The extension decides; a file without one is JSONL when it starts with '{', a JSON array with '['."""
    known = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".txt": "text", ".text": "text"}
    if suffix in known:
        return known[suffix]
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "jsonl", b"[": "json"}.get(first, "text")


def _read_limited(fh: BinaryIO, limit: int, origin: str) -> bytes:
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"file larger than {limit:,} bytes", origin)
    return data


def _reader(name: str) -> tuple[Plugin | None, object]:
    """The reader plugin for a file name and the reader it loads; text by content when none claims it."""
    plugin = find_reader(name)
    if plugin is None:
        return None, read_text_like
    reader = plugin.load()
    if not callable(reader):
        raise plugin.error(f"is not callable: a reader is a function of the file's path (got {type(reader).__name__})")
    return plugin, reader


def read_bytes(
    data: bytes, origin: str, date: dt.date | None = None, limits: Limits | None = None, fmt: str | None = None
) -> Iterator[Item]:
    """Read one file's bytes; every failure becomes a Rejection naming the file.

    ``fmt`` is the extension to read them as ("rss" for a feed fetched from a
    URL); by default the one of ``origin``.
    """
    limits = limits or Limits()
    plugin, reader = _reader(f"x.{fmt}" if fmt else origin)
    if not _is_bytes_reader(reader):
        assert plugin is not None
        yield Rejection(origin, None, f"{plugin.describe()} reads files by path, not bytes (e.g. stdin)")
        return
    if not data.strip():
        yield Rejection(origin, None, "empty file")
    elif reader is not read_text_like and len(data) > limits.max_file_bytes:
        yield Rejection(origin, None, f"file larger than {limits.max_file_bytes:,} bytes")
    else:
        yield from _guarded(reader(data, origin, date, limits), origin)  # type: ignore[operator]


def _guarded(items: Iterator[Item], origin: str) -> Iterator[Item]:
    """A reader's items; what stops it becomes the file's last item, a Rejection naming it."""
    try:
        yield from items
    except InputError as exc:
        yield Rejection(_where(exc, origin), exc.line, exc.reason)
    except (OSError, ValueError, RecursionError, MemoryError) as exc:
        yield Rejection(origin, None, f"cannot read: {exc.__class__.__name__}: {str(exc)[:200]}")


def read_feed_bytes(data: bytes, origin: str, date: dt.date | None = None, limits: Limits | None = None) -> Iterator[Item]:
    """A feed's bytes as RSS/Atom, whatever the name of the URL they came from."""
    return read_bytes(data, origin, date, limits, fmt="rss")


def _where(exc: InputError, origin: str) -> str:
    # The validator does not know the file; InputError's default origin is "-".
    return exc.origin if exc.origin not in ("", "-") else origin


def _read_with_plugin(plugin: Plugin, reader: PathReader, path: Path, limits: Limits) -> Iterator[Item]:
    """A plugin reader's items, each Article validated; its failure is the file's rejection, named."""
    origin = file_origin(path)
    try:
        path.stat()
    except OSError as exc:
        yield Rejection(origin, None, f"cannot open: {exc.strerror or exc}")
        return
    try:
        for item in reader(path):
            if isinstance(item, Rejection):
                yield item
            elif not isinstance(item, Article):
                yield Rejection(origin, None, f"{plugin.describe()} yielded a {type(item).__name__}, not an Article")
            else:
                item = item if item.origin else replace(item, origin=origin)
                try:
                    yield validate_article(item, limits)
                except InputError as exc:
                    yield Rejection(item.origin or origin, None, exc.reason, item.id or None)
    except InputError as exc:
        yield Rejection(_where(exc, origin), exc.line, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a plugin's bug rejects its file, named, and the run goes on
        yield Rejection(origin, None, f"{plugin.describe()} failed: {exc.__class__.__name__}: {str(exc)[:200]}")


def _readable_name(name: str) -> bool:
    name = name.lower()
    return "." not in name or any(name.endswith("." + ext) for ext in reader_extensions())


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
    """Yield an Article or a Rejection for every item under ``paths``.

    A reader plugin that cannot be loaded raises PluginError (naming it) when
    the first file of its extension comes up.
    """
    limits = limits or Limits()
    for f in iter_files(paths):
        if f == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "-", date, limits)
            continue
        origin = file_origin(f)
        plugin, reader = _reader(origin)
        if not _is_bytes_reader(reader):
            assert plugin is not None
            yield from _read_with_plugin(plugin, reader, Path(f), limits)  # type: ignore[arg-type]
        elif reader is read_text_like:
            yield from _stream_text(Path(f), origin, date, limits)
        else:
            try:
                if Path(f).stat().st_size > limits.max_file_bytes:  # refused before it is read
                    yield Rejection(origin, None, f"file larger than {limits.max_file_bytes:,} bytes")
                    continue
                data = Path(f).read_bytes()
            except OSError as exc:
                yield Rejection(origin, None, f"cannot open: {exc.strerror or exc}")
                continue
            yield from read_bytes(data, origin, date, limits)


def file_origin(path: Path | str) -> str:
    """A file's name as text that can be printed and stored, whatever bytes the file system holds."""
    return escape_surrogates(os.fsdecode(path))


def _stream_text(path: Path, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
    """Text-like files are read from the open file: corpora can be larger than memory."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Rejection(origin, None, f"cannot open: {exc.strerror or exc}")
        return
    with fh:
        yield from _guarded(read_text_stream(fh, origin, date, limits), origin)
