"""Regression tests for issue 17: each record is decoded, parsed and validated
on its own, so one bad value is one rejection with its line and the good
records of the same file (and of the same chunk) are all kept."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from dyad.ingest import read_articles, read_bytes
from dyad.records import Article, Rejection

GOOD = {"id": "g1", "date": "2023-02-22", "text": "The ministers met in Moscow."}
LAST = {"id": "g2", "date": "2023-02-22", "text": "Rebels attacked a convoy."}


def kinds(items):
    return [(type(i).__name__, i.line if isinstance(i, Rejection) else i.id) for i in items]


def between(bad: bytes, origin: str = "c.jsonl") -> list[Article | Rejection]:
    """``bad`` as line 2 between two good lines."""
    return list(read_bytes(json.dumps(GOOD).encode() + b"\n" + bad + b"\n" + json.dumps(LAST).encode() + b"\n", origin))


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (b'{"id": "b", "date": "2023-02-22", "text": "caf\xe9 talks"}', "not UTF-8"),
        (b'{"id": "b", "date": "2023-02-22",\x00\x00 "text": "x"}', "NUL bytes"),
        (b"\x00\x00\x00\x00", "NUL bytes"),
        (b'{"id": [1, 2], "date": "2023-02-22", "text": "Talks were held."}', "not a value"),
    ],
)
@pytest.mark.parametrize("origin", ["c.jsonl", "c"])  # by extension and by content
def test_an_undecodable_line_is_one_rejection(bad, reason, origin):
    items = between(bad, origin)
    assert kinds(items) == [("Article", "g1"), ("Rejection", 2), ("Article", "g2")]
    assert reason in items[1].reason


def test_a_stray_bom_at_the_start_of_a_line_is_harmless():
    items = between(b"\xef\xbb\xbf" + json.dumps({**GOOD, "id": "b"}).encode())
    assert kinds(items) == [("Article", "g1"), ("Article", "b"), ("Article", "g2")]


def test_an_integer_of_thousands_of_digits_is_a_value_not_a_crash():
    huge = "9" * 5000
    items = between(f'{{"id": {huge}, "date": "2023-02-22", "text": "Talks were held."}}'.encode())
    assert [type(i).__name__ for i in items] == ["Article"] * 3
    assert items[1].id == huge[:200]
    array = f'[{json.dumps(GOOD)}, {{"id": "x", "date": {huge}, "text": "Talks."}}]'.encode()
    got = list(read_bytes(array, "c.json"))
    assert kinds(got)[0] == ("Article", "g1") and isinstance(got[1], Rejection) and got[1].line == 2


def test_a_lone_surrogate_becomes_a_replacement_character():
    items = between(b'{"id": "s\\udc00x", "date": "2023-02-22", "text": "Police \\ud800 arrested people.", "title": "\\udfff"}')
    assert [type(i).__name__ for i in items] == ["Article"] * 3
    art = items[1]
    assert art.id == "sx" and art.text == "Police \ufffd arrested people." and art.title == "\ufffd"
    art.text.encode("utf-8")  # storable


def test_a_malformed_csv_row_costs_only_itself_with_its_own_line():
    data = (
        "id,date,text\n"
        'a,2023-02-22,"The ministers met, officials said."\n'
        'b,2023-02-22,"Runaway quote never closes\n'
        "c,2023-02-22,Police arrested ten people.\n"
        "d,2023-02-22,caf\xe9 talks\n"
        "e,2023-02-22,bad\x00row\n"
        'f,2023-02-22,"A quoted field\nover two lines."\n'
        "g,2023-02-22,Rebels attacked a convoy.\n"
    ).encode("latin-1")
    items = list(read_bytes(data, "c.csv"))
    assert kinds(items) == [
        ("Article", "a"), ("Rejection", 3), ("Article", "c"), ("Rejection", 5), ("Rejection", 6), ("Article", "f"), ("Article", "g"),
    ]  # fmt: skip
    assert "quote opened on this line is not closed" in items[1].reason
    assert "not UTF-8" in items[3].reason and "NUL" in items[4].reason
    assert items[5].text == "A quoted field\nover two lines."


def test_a_csv_field_over_the_size_limit_is_one_rejection():
    from dyad.settings import Limits

    limits = Limits(max_article_bytes=300_000)  # fields up to 1,000,000 characters
    data = f"id,date,text\na,2023-02-22,Talks.\nb,2023-02-22,{'x' * 1_100_000}\nc,2023-02-22,More talks.\n".encode()
    items = list(read_bytes(data, "c.csv", limits=limits))
    assert kinds(items) == [("Article", "a"), ("Rejection", 3), ("Article", "c")]


def test_a_feed_entry_dated_0000_00_00_costs_only_itself():
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>a</title><link>http://a</link><pubDate>0000-00-00</pubDate><description>The ministers met.</description></item>
<item><title>b</title><link>http://b</link><pubDate>Mon, 06 Sep 2021 16:45:00 +0000</pubDate><description>Police arrested people.</description></item>
</channel></rss>"""
    items = list(read_bytes(feed, "f.rss"))
    assert kinds(items) == [("Rejection", 1), ("Article", "http://b")]
    assert "no valid date" in items[0].reason
    # With a fallback date, the entry takes it.
    assert [type(i).__name__ for i in read_bytes(feed, "f.rss", dt.date(2021, 9, 6))] == ["Article", "Article"]


@pytest.mark.parametrize("text", [b"[Reuters] The ministers met in Moscow.", b"{AP} Police arrested ten people."])
def test_a_txt_article_starting_with_a_bracket_is_text(text):
    (art,) = read_bytes(text, "2023-02-22-wire.txt")
    assert isinstance(art, Article) and art.text == text.decode()


def test_a_file_name_that_is_not_utf8_is_read_and_named(tmp_path):
    name = os.path.join(os.fsencode(tmp_path), b"2023-02-22-\xff.txt")
    with open(name, "wb") as fh:
        fh.write(b"The president visited Paris.")
    (tmp_path / "2023-02-22-ok.txt").write_text("Police met.", encoding="utf-8")
    items = list(read_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert {i.origin for i in items} == {f"{tmp_path}/2023-02-22-\\xff.txt", f"{tmp_path}/2023-02-22-ok.txt"}


def test_jsonl_and_csv_files_are_streamed_not_read_whole(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "c.jsonl").write_text(json.dumps(GOOD) + "\n")
    (tmp_path / "c.csv").write_text("id,date,text\na,2023-02-22,Talks.\n")

    def refuse(self):  # noqa: ANN001
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert [type(i).__name__ for i in read_articles([tmp_path])] == ["Article", "Article"]


def test_a_big_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from pathlib import Path

    from dyad.settings import Limits

    limits = Limits(max_article_bytes=1000)
    (tmp_path / "big.rss").write_bytes(b"<rss>" + b" " * 60_000 + b"</rss>")
    (tmp_path / "2023-02-22-big.txt").write_bytes(b"word " * 1000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} read"))
    items = list(read_articles([tmp_path], limits=limits))
    assert [type(i).__name__ for i in items] == ["Rejection", "Rejection"]
    assert all("larger than" in i.reason for i in items)
