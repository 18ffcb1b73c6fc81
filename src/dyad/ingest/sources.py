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
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from dyad.errors import InputError
from dyad.ingest.clean import decode_bytes
from dyad.ingest.tabular import read_csv, read_json_array, read_jsonl, read_jsonl_lines
from dyad.ingest.text import read_text_file
from dyad.ingest.validate import validate_article
from dyad.plugins import Plugin, find_reader, reader_extensions
from dyad.records import Article, Rejection
from dyad.settings import Limits

Item = Article | Rejection
BytesReader = Callable[[bytes, str, "dt.date | None", Limits], Iterator[Item]]
PathReader = Callable[[Path], Iterable[Item]]
R = TypeVar("R", bound=BytesReader)
_TABULAR = {".jsonl", ".ndjson", ".json", ".csv"}


def reads_bytes(reader: R) -> R:
    """Mark a reader that takes ``(data, origin, date, limits)`` and validates its own Articles."""
    reader.dyad_reads_bytes = True  # type: ignore[attr-defined]
    return reader


def _is_bytes_reader(reader: object) -> bool:
    return bool(getattr(reader, "dyad_reads_bytes", False))


@reads_bytes
def read_text_like(data: bytes, origin: str, date: dt.date | None, limits: Limits) -> Iterator[Item]:
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
        yield read_text_file(text, origin, date, limits)


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
    try:
        if not data.strip():
            raise InputError("empty file", origin)
        if Path(origin).suffix.lower() not in _TABULAR and len(data) > limits.max_file_bytes:
            raise InputError(f"file larger than {limits.max_file_bytes:,} bytes", origin)
        yield from reader(data, origin, date, limits)  # type: ignore[operator]
    except InputError as exc:
        yield Rejection(_where(exc, origin), exc.line, exc.reason)
    except (OSError, ValueError, RecursionError) as exc:
        yield Rejection(origin, None, f"cannot read: {exc.__class__.__name__}: {str(exc)[:200]}")


def read_feed_bytes(data: bytes, origin: str, date: dt.date | None = None, limits: Limits | None = None) -> Iterator[Item]:
    """A feed's bytes as RSS/Atom, whatever the name of the URL they came from."""
    return read_bytes(data, origin, date, limits, fmt="rss")


def _where(exc: InputError, origin: str) -> str:
    # The validator does not know the file; InputError's default origin is "-".
    return exc.origin if exc.origin not in ("", "-") else origin


def _read_with_plugin(plugin: Plugin, reader: PathReader, path: Path, limits: Limits) -> Iterator[Item]:
    """A plugin reader's items, each Article validated; its failure is the file's rejection, named."""
    origin = str(path)
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
        origin = str(f)
        plugin, reader = _reader(origin)
        if not _is_bytes_reader(reader):
            assert plugin is not None
            yield from _read_with_plugin(plugin, reader, Path(f), limits)  # type: ignore[arg-type]
        elif Path(f).suffix.lower() in {".jsonl", ".ndjson"} and reader is read_text_like:
            yield from _stream_jsonl(Path(f), origin, limits)
        else:
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
