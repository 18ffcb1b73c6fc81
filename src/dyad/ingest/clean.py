"""Decode bytes and clean text before it reaches the parser.

Cleaning never moves characters around silently after the Article is made:
``Article.text`` is the cleaned text and all offsets point into it.
"""

from __future__ import annotations

import html
import re

from dyad.errors import InputError

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]{0,500}>")
_BLOCK_TAGS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
# A lone surrogate (half an emoji cut by a scraper, a JSON "\ud800") cannot be
# stored as UTF-8; it becomes U+FFFD, as an undecodable byte would.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def decode_bytes(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM; anything else is rejected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text at byte {exc.start}", origin) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not text", origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (invalid byte at offset {exc.start}); re-encode it as UTF-8", origin) from None


def clean_text(text: str, max_token_chars: int = 200) -> str:
    """Strip markup and control characters, fold runs of spaces, blank absurd tokens."""
    if "<" in text and _TAG.search(text):
        text = _SCRIPT.sub(" ", text)
        text = _TAG.sub(lambda m: "\n\n" if m.group(2).lower() in _BLOCK_TAGS else " ", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text).strip()
    if max_token_chars and len(text) > max_token_chars:
        # Base64 blobs and run-together URLs make the tokenizer and parser crawl.
        text = re.sub(r"\S{%d,}" % (max_token_chars + 1), " ", text)
    return text


def escape_surrogates(text: str) -> str:
    """``text`` storable as UTF-8: a byte a file name could not decode (``\\udcff``,
    Python's surrogateescape) is shown as ``\\xff``, another lone surrogate as ``\\ud800``."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: _escape(ord(m.group())), text)


def _escape(code: int) -> str:
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
