"""Export stored events to files: PLOVER JSONL, flat CSV, Parquet, CAMEO TSV.

Every file is written under a temporary name in the target folder and renamed
when complete (``os.replace`` is atomic), so a crash or a full disk never
leaves half an export where a finished one is expected.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import stat
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import IO

from sqlalchemy import select

from dyad.errors import ConfigError
from dyad.records import Event
from dyad.store.cameo_tsv import ArticleMeta, write_cameo_tsv
from dyad.store.engine import normalise_url
from dyad.store.flat import write_csv
from dyad.store.parquet import write_parquet
from dyad.store.schema import articles
from dyad.store.store import EventFilter, Store


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    cameo_tsv = "cameo-tsv"


TEXT_FORMATS = {ExportFormat.jsonl, ExportFormat.csv, ExportFormat.cameo_tsv}


def check_output_path(path: str | Path, db: str | None = None) -> Path:
    """Resolve a user's output path and refuse the ones that would do harm."""
    out = Path(path).expanduser().resolve()
    if out.is_dir():
        raise ConfigError(f"output {path} is a directory; give a file name")
    if db is not None:
        url = normalise_url(db)
        if url.startswith("sqlite:///"):
            db_file = Path(url.removeprefix("sqlite:///")).expanduser().resolve()
            if out in {db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")}:
                raise ConfigError(f"output {path} is the database itself")
    if out.parent.exists() and not out.parent.is_dir():
        raise ConfigError(f"output folder {out.parent} is not a directory")
    return out


def is_special_file(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file: /dev/null, a FIFO, a terminal.

    Those are written in place: renaming a temporary file onto one would
    replace the device itself (as root, /dev/null became a plain file).
    """
    try:
        return not stat.S_ISREG(path.stat().st_mode) and not path.is_dir()
    except OSError:
        return False


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, moved onto it only if the block succeeds
    (a device or FIFO target is written in place)."""
    if is_special_file(target):
        yield target
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _create_temp(target)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())  # the data is on disk before the name points at it
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _create_temp(target: Path) -> Path:
    """A new empty file beside ``target``, with the permissions the umask gives
    (``mkstemp`` makes 0600, and the finished export would keep them)."""
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def _article_meta_lookup(store: Store):
    @functools.lru_cache(maxsize=4096)
    def lookup(article_id: str) -> ArticleMeta | None:
        q = select(articles.c.url, articles.c.coded_at, articles.c.caption_end, articles.c.text).where(articles.c.id == article_id)
        with store.reader.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        url, coded_at, caption_end, text = row
        para = text.find("\n\n")
        lead_end = caption_end or (para if para >= 0 else len(text))
        return ArticleMeta(url=url, coded_at=coded_at, lead_end=lead_end)

    return lookup


def write_jsonl(events: Iterator[Event], out: IO[str]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e.to_plover(), ensure_ascii=False, sort_keys=True) + "\n")
        n += 1
    return n


def _write_text(store: Store, events: Iterator[Event], fmt: ExportFormat, out: IO[str], header: bool) -> int:
    if fmt is ExportFormat.jsonl:
        return write_jsonl(events, out)
    if fmt is ExportFormat.csv:
        return write_csv(events, out)
    return write_cameo_tsv(events, out, _article_meta_lookup(store), header=header)


def export_events(
    store: Store,
    path: str | Path,
    format: ExportFormat | str,  # noqa: A002  (the name users know from the CLI)
    filter: EventFilter = EventFilter(),  # noqa: A002
    *,
    header: bool = True,
) -> int:
    """Write the events matching ``filter`` to ``path`` ('-': stdout); return how many.

    ``header`` applies to cameo-tsv only: GDELT's own files have no header row.
    """
    fmt = ExportFormat(format)
    events = store.iter_events(filter)
    if str(path) == "-":
        if fmt not in TEXT_FORMATS:
            raise ConfigError(f"{fmt.value} cannot be written to stdout; give --output FILE")
        n = _write_text(store, events, fmt, sys.stdout, header)
        sys.stdout.flush()
        return n
    target = check_output_path(path, store.url)
    with atomic_path(target) as tmp:
        if fmt is ExportFormat.parquet:
            return write_parquet(events, tmp)
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            return _write_text(store, events, fmt, out, header)
