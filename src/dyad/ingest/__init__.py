"""Readers: seed text, plain text, JSONL, JSON, CSV, HTML, feeds, WARC, and reader plugins.

Every reader's articles pass ``validate_article``: cleaning, the date check and
the size limit are the same whatever brought the article in.
"""

from dyad.ingest.sources import iter_files, read_articles, read_bytes, read_feed_bytes, reads_bytes
from dyad.ingest.validate import validate_article

__all__ = ["iter_files", "read_articles", "read_bytes", "read_feed_bytes", "reads_bytes", "validate_article"]
