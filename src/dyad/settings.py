"""Settings declared as data: (name, default, help). Environment variables
``DYAD_<NAME>`` override the defaults; a test checks each is documented."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "dyad.sqlite", "Database: a SQLite path or a postgresql:// URL."),
    Setting("max_article_bytes", 5_000_000, "Articles larger than this (UTF-8 bytes of the text) are rejected, not coded; "
            "by every reader, POST /articles, code_text and watch."),
    Setting("max_sentence_tokens", 300, "Longer sentences are not searched for events (parser output degrades)."),
    Setting("max_token_chars", 200, "Tokens longer than this (base64, URLs run together) are blanked before parsing."),
    Setting("batch_size", 8, "Articles per spaCy nlp.pipe batch."),
    Setting("future_days", 2, "Article dates more than this many days after today are rejected."),
    Setting("section_chars", 200_000, "A longer text is coded one section at a time (offsets kept, each section also reads the lead), "
            "so memory stays bounded; what crosses a section border is not joined."),
    Setting("api_token", None, "The token POST /articles must carry (dyad serve --token); none: posting is refused."),
    Setting("cache_dir", "~/.cache/dyad", "Where the built gazetteer is cached (default: the user cache folder, under XDG_CACHE_HOME when set)."),
)


@dataclass(frozen=True, slots=True)
class Limits:
    """The resource limits the readers and the pipeline enforce."""

    max_article_bytes: int = 5_000_000
    max_sentence_tokens: int = 300
    max_token_chars: int = 200
    batch_size: int = 8
    future_days: int = 2
    # A text longer than this is coded one section at a time (dyad/nlp/sections.py): memory stays bounded.
    section_chars: int = 200_000

    # What holds an article holds more than its text (JSON escaping and other
    # fields, HTML markup, many entries), so these containers get multiples of
    # the one article limit rather than limits of their own.
    @property
    def max_record_bytes(self) -> int:
        """A JSONL line, a CSV field, a ``POST /articles`` request body."""
        return 2 * self.max_article_bytes

    @property
    def max_page_bytes(self) -> int:
        """An HTML page."""
        return 4 * self.max_article_bytes

    @property
    def max_file_bytes(self) -> int:
        """A feed, WARC archive or JSON array read whole."""
        return 50 * self.max_article_bytes

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, overridden by ``DYAD_MAX_ARTICLE_BYTES`` and friends."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = os.environ.get(f"DYAD_{f.name.upper()}")
            if raw:
                values[f.name] = int(raw)
        return replace(cls(), **values)


def default_db() -> str:
    return os.environ.get("DYAD_DB") or "dyad.sqlite"
