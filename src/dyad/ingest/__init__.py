"""Readers: seed text, plain text, JSONL, JSON, CSV (HTML, feeds and WARC add themselves)."""

from dyad.ingest.sources import READERS, iter_files, read_articles, read_bytes, register_reader

__all__ = ["READERS", "iter_files", "read_articles", "read_bytes", "register_reader"]
