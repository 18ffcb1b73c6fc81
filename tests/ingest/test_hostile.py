"""Hostile input: whatever the bytes, every reader yields Articles or Rejections, never an exception.

Each bad item becomes a Rejection naming its file (and line, for line formats)
with a reason a user can act on.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyad.ingest import read_articles, read_bytes
from dyad.plugins import reader_extensions
from dyad.records import Article, Rejection
from dyad.settings import Limits

# Every registered reader, by a file name that selects it (and one with no extension: read by content).
ORIGINS = sorted({f"in/file.{ext}" for ext in reader_extensions()} | {"in/file"})
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_all(data: bytes, origin: str, limits: Limits | None = None) -> list[Article | Rejection]:
    items = list(read_bytes(data, origin, dt.date(2024, 1, 2), limits))
    for item in items:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Rejection):
            assert item.origin and item.reason
        else:
            assert item.text.strip() and item.id and "\x00" not in item.id
    return items


@pytest.mark.parametrize("origin", ORIGINS)
@FAST
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(origin, data):
    read_all(data, origin)


@pytest.mark.parametrize("origin", ORIGINS)
@FAST
@given(text=st.text(max_size=1500))
def test_arbitrary_text_never_raises(origin, text):
    read_all(text.encode("utf-8", "surrogatepass"), origin)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
fields = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "date": st.one_of(json_values, st.dates().map(str), st.just("2023-02-30"), st.just("2999-01-01")),
        "text": st.one_of(json_values, st.text(min_size=1, max_size=300)),
        "title": json_values,
        "url": json_values,
    },
)


@FAST
@given(rows=st.lists(fields, min_size=1, max_size=8))
def test_jsonl_rows_of_any_shape(rows):
    data = "\n".join(json.dumps(r) for r in rows).encode()
    items = read_all(data, "corpus.jsonl")
    assert len(items) == len(rows)  # one result per line, in order
    for n, item in enumerate(items, start=1):
        if isinstance(item, Rejection):
            assert (item.origin, item.line) == ("corpus.jsonl", n)


@FAST
@given(rows=st.lists(fields, min_size=1, max_size=8))
def test_csv_rows_of_any_shape(rows):
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "date", "text", "title", "url"])
    w.writeheader()
    for r in rows:
        w.writerow({k: json.dumps(v) if not isinstance(v, str) else v for k, v in r.items()})
    read_all(buf.getvalue().encode("utf-8", "surrogatepass"), "corpus.csv")


GOOD = {"id": "a1", "date": "2023-02-22", "text": "The ministers met in Moscow."}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("this is not json", "not valid JSON"),
        ('{"id": "a", "date": "2023-02-22"}', "no 'text' field"),
        ('{"id": "a", "date": "2023-02-22", "text": "   "}', "no 'text' field"),
        ('{"id": "a", "date": "2023-02-22", "text": 42}', "no 'text' field"),
        ('{"id": "a", "text": "Talks were held."}', "missing date"),
        ('{"id": "a", "date": "last Tuesday", "text": "Talks were held."}', "invalid date"),
        ('{"id": "a", "date": "2023-02-30", "text": "Talks were held."}', "invalid date"),
        ('{"id": "a", "date": "2999-01-01", "text": "Talks were held."}', "in the future"),
        ('{"id": "a", "date": "1066-10-14", "text": "Talks were held."}', "before 1900"),
        ('["a", "list"]', "not an object"),
        ('{"id": "a", "date": "2023-02-22", "text": "<p><script>x()</script></p>"}', "empty after removing markup"),
    ],
)
def test_each_bad_jsonl_line_is_a_rejection_with_file_line_and_reason(line, reason):
    data = (json.dumps(GOOD) + "\n" + line + "\n" + json.dumps({**GOOD, "id": "a2"}) + "\n").encode()
    items = read_all(data, "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    bad = items[1]
    assert (bad.origin, bad.line) == ("feed.jsonl", 2)
    assert reason in bad.reason
    assert bad.message().startswith("feed.jsonl:2: ")


@pytest.mark.parametrize(
    ("data", "origin", "reason"),
    [
        (b"", "empty.txt", "empty file"),
        (b"  \n\t\n", "blank.jsonl", "empty file"),
        (b"\x00\x01\x02binary\x00" * 100, "photo.txt", "binary file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.png", "binary file"),
        ("Caf\u00e9 talks".encode("latin-1"), "2023-02-22-latin1.txt", "not UTF-8"),
        ("Talks".encode("utf-16-be"), "2023-02-22-utf16.txt", "binary file"),
        (b"Talks were held in the capital.", "undated.txt", "no article date"),
    ],
)
def test_unreadable_files_are_rejected_with_the_reason(data, origin, reason):
    items = list(read_bytes(data, origin))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].origin == origin and reason in items[0].reason


def test_markup_in_text_fields_is_stripped():
    row = {**GOOD, "text": "<div><p>The ministers <b>met</b> &amp; talked.</p><script>alert(1)</script></div>", "title": "<h1>T</h1>"}
    (art,) = read_all(json.dumps(row).encode(), "x.jsonl")
    assert art.text == "The ministers met & talked."
    assert art.title == "T"


def test_absurdly_long_tokens_are_blanked():
    blob = "A" * 100_000
    (art,) = read_all(json.dumps({**GOOD, "text": f"The ministers met. {blob} Then they left."}).encode(), "x.jsonl")
    assert blob not in art.text and "Then they left." in art.text
    assert max(len(t) for t in art.text.split()) <= Limits().max_token_chars


def test_control_characters_and_blank_ids_do_not_reach_the_store():
    rows = [{**GOOD, "id": "bad\x00id\x1b"}, {**GOOD, "id": "   ", "text": "Other talks were held."}]
    a, b = read_all("\n".join(json.dumps(r) for r in rows).encode(), "x.jsonl")
    assert a.id == "badid"
    assert len(b.id) == 16  # a blank id falls back to the content hash


def test_a_50_mb_article_is_rejected_by_the_limit_not_read():
    big = b"word " * (10 * 1024 * 1024)  # 50 MB of text
    items = list(read_bytes(big, "2023-02-22-huge.txt"))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert "limit" in items[0].reason or "larger" in items[0].reason
    line = json.dumps({**GOOD, "text": "word " * (1024 * 1024 + 10)}).encode()  # a 5 MB line
    (rej,) = read_all(line, "big.jsonl")
    assert isinstance(rej, Rejection) and rej.line == 1 and "limit" in rej.reason


def test_limits_are_settings_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("DYAD_MAX_ARTICLE_BYTES", "100")
    monkeypatch.setenv("DYAD_MAX_TOKEN_CHARS", "10")
    limits = Limits.from_env()
    assert (limits.max_article_bytes, limits.max_token_chars) == (100, 10)
    (rej,) = read_all(json.dumps({**GOOD, "text": "x " * 60}).encode(), "a.jsonl", limits)
    assert isinstance(rej, Rejection) and "100-byte limit" in rej.reason
    (art,) = read_all(json.dumps({**GOOD, "text": "Short words and averyveryverylongword here."}).encode(), "a.jsonl", limits)
    assert "averyveryverylongword" not in art.text


def test_unknown_encodings_and_missing_files_in_a_directory(tmp_path):
    (tmp_path / "2023-02-22-good.txt").write_text("The ministers met in Moscow.", encoding="utf-8")
    (tmp_path / "2023-02-22-cp1252.txt").write_bytes("Talks \u2013 in Z\u00fcrich".encode("cp1252"))
    (tmp_path / "empty.jsonl").write_bytes(b"")
    items = list(read_articles([tmp_path, tmp_path / "missing.txt"]))
    kinds = {(type(i).__name__, str(getattr(i, "origin", ""))) for i in items}
    assert ("Article", str(tmp_path / "2023-02-22-good.txt")) in kinds
    rejected = {i.origin: i.reason for i in items if isinstance(i, Rejection)}
    assert "not UTF-8" in rejected[str(tmp_path / "2023-02-22-cp1252.txt")]
    assert "empty file" in rejected[str(tmp_path / "empty.jsonl")]
    assert "cannot open" in rejected[str(tmp_path / "missing.txt")]
