"""Readers: seed text, plain text, JSONL, JSON, CSV (HTML, feeds and WARC add themselves)."""

from dyad.ingest.sources import READERS, iter_files, read_articles, read_bytes, register_reader
from dyad.ingest import web as _web  # noqa: F401  (registers the HTML, feed and WARC readers)
from dyad.ingest.web import read_feed_bytes

__all__ = ["READERS", "read_feed_bytes", "iter_files", "read_articles", "read_bytes", "register_reader"]
